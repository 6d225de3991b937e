//! Typed decoding of a YAML `Node` into k8s-openapi types, with the API server's strictness.
//!
//! The one thing to know: this deserializer sees every `deserialize_struct` call, so it knows the field
//! names each Kubernetes type accepts. A key that is not among them is reported as an unknown field with
//! its full path (`spec.strategy.rollingupdate`), its position and the accepted names for a did-you-mean;
//! type errors come back with the position of the offending value and Go's `json` wording.

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};

use super::yaml::{Node, Span, Value};

/// A field the target type does not have.
#[derive(Clone, Debug, PartialEq)]
pub struct UnknownField {
    pub path: String,
    pub key: String,
    pub span: Span,
    pub accepted: &'static [&'static str],
}

/// Why decoding stopped.
#[derive(Clone, Debug, PartialEq)]
pub struct DecodeError {
    pub message: String,
    pub path: String,
    pub span: Option<Span>,
    /// True when the message still needs its position and path filled in by an enclosing node.
    missing_field: Option<&'static str>,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DecodeError {}

/// Go's JSON name for the kind of value a YAML node holds.
fn go_json_kind(unexp: &de::Unexpected) -> &'static str {
    use de::Unexpected::*;
    match unexp {
        Bool(_) => "bool",
        Unsigned(_) | Signed(_) | Float(_) => "number",
        Str(_) | Char(_) | Bytes(_) => "string",
        Seq => "array",
        Map => "object",
        Unit | Option => "null",
        _ => "value",
    }
}

/// Go's type name for what serde expected.
fn go_type(expected: &str) -> String {
    match expected {
        "i32" => "int32".into(),
        "i64" => "int64".into(),
        "u32" | "u16" | "u8" => "uint32".into(),
        "f64" | "f32" => "float64".into(),
        "a boolean" => "bool".into(),
        "a string" | "string" => "string".into(),
        "a sequence" => "array".into(),
        "a map" => "object".into(),
        "a base64-encoded string" => "[]uint8".into(),
        e if e.starts_with("struct ") => e.trim_start_matches("struct ").to_string(),
        e => e.to_string(),
    }
}

impl de::Error for DecodeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        // A Time that does not parse is refused in Go's words before the time library reads it
        // (`check_time`), so that library's messages are never shown: not formatting them keeps
        // its whole catalogue of error texts out of the page.
        let message = if std::any::type_name::<T>().starts_with("jiff") {
            String::from("invalid time")
        } else {
            msg.to_string()
        };
        DecodeError {
            message,
            path: String::new(),
            span: None,
            missing_field: None,
        }
    }

    fn invalid_type(unexp: de::Unexpected, exp: &dyn de::Expected) -> Self {
        let message = format!(
            "cannot unmarshal {} into Go value of type {}",
            go_json_kind(&unexp),
            go_type(&exp.to_string())
        );
        DecodeError {
            message,
            path: String::new(),
            span: None,
            missing_field: None,
        }
    }

    fn missing_field(field: &'static str) -> Self {
        DecodeError {
            message: "Required value".into(),
            path: String::new(),
            span: None,
            missing_field: Some(field),
        }
    }
}

/// Collects unknown fields while decoding.
#[derive(Default)]
pub struct Collector {
    pub unknown: RefCell<Vec<UnknownField>>,
}

/// Decodes `node` into `T`, returning the value and every unknown field seen.
pub fn decode<T: de::DeserializeOwned>(node: &Node) -> (Result<T, DecodeError>, Vec<UnknownField>) {
    let collector = Collector::default();
    let result = T::deserialize(NodeDe {
        node,
        path: String::new(),
        parent: "",
        collector: &collector,
    });
    (result, collector.unknown.into_inner())
}

struct NodeDe<'a> {
    node: &'a Node,
    path: String,
    /// The Go struct the node is a field of, for messages (`DeploymentSpec`).
    parent: &'static str,
    collector: &'a Collector,
}

impl<'a> NodeDe<'a> {
    /// Gives an error from below this node its position and path, once.
    fn locate(&self, mut e: DecodeError) -> DecodeError {
        if e.span.is_none() {
            if let Some(field) = e.missing_field.take() {
                e.path = join(&self.path, field);
                e.span = Some(self.node.span);
                return e;
            }
            e.span = Some(self.node.span);
            e.path = self.path.clone();
            if let Some(rest) = e.message.strip_prefix("cannot unmarshal ") {
                // Go names the field: `Go struct field DeploymentSpec.spec.replicas of type int32`.
                if let Some((kind, ty)) = rest.split_once(" into Go value of type ") {
                    let field = if self.parent.is_empty() {
                        "Go value".to_string()
                    } else {
                        format!(
                            "Go struct field {}.{}",
                            self.parent,
                            strip_indexes(&self.path)
                        )
                    };
                    e.message = format!("json: cannot unmarshal {kind} into {field} of type {ty}");
                }
            }
        }
        e
    }

    fn map<'s>(
        &'s self,
        entries: &'a [(Node, Node)],
        fields: Option<&'static [&'static str]>,
        name: &'static str,
    ) -> Map<'s, 'a> {
        Map {
            de: self,
            entries,
            index: 0,
            fields,
            name,
        }
    }

    fn child(&self, node: &'a Node, path: String, parent: &'static str) -> NodeDe<'a> {
        NodeDe {
            node,
            path,
            parent,
            collector: self.collector,
        }
    }
}

/// The error for a scalar or list where a struct belongs. Out of line, as everything here that
/// does not depend on the type being decoded: the generic code is copied for each of the
/// hundreds of Kubernetes types, and in the page every copied byte counts.
#[inline(never)]
fn not_a_struct(value: &Value, name: &'static str) -> DecodeError {
    let unexp = match value {
        Value::Bool(b) => de::Unexpected::Bool(*b),
        Value::Int(i) => de::Unexpected::Signed(*i),
        Value::Float(f) => de::Unexpected::Float(*f),
        Value::Str(s) => de::Unexpected::Str(s),
        _ => de::Unexpected::Seq,
    };
    de::Error::invalid_type(unexp, &format!("v1.{name}").as_str())
}

/// `metav1.Time.UnmarshalJSON` (and MicroTime's): a string Go's `time.Parse` reads, or null for
/// the zero time (returned as the node to read instead).
#[inline(never)]
fn check_time(node: &Node, micro: bool) -> Result<Option<&'static Node>, DecodeError> {
    static ZERO: std::sync::OnceLock<Node> = std::sync::OnceLock::new();
    let unexpected = match &node.value {
        Value::Str(s) => {
            return super::stamp::parse(s, micro)
                .map(|_| None)
                .map_err(de::Error::custom)
        }
        Value::Null => {
            let zero = ZERO.get_or_init(|| {
                Node::new(Value::Str("0001-01-01T00:00:00Z".into()), Span::default())
            });
            return Ok(Some(zero));
        }
        Value::Bool(b) => de::Unexpected::Bool(*b),
        Value::Int(i) => de::Unexpected::Signed(*i),
        Value::Float(f) => de::Unexpected::Float(*f),
        Value::Seq(_) => de::Unexpected::Seq,
        Value::Map(_) => de::Unexpected::Map,
    };
    Err(de::Error::invalid_type(unexpected, &"string"))
}

/// Go's JSON errors name fields without list indexes: `spec.containers.image`.
fn strip_indexes(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

impl<'de, 'a> de::Deserializer<'de> for NodeDe<'a> {
    type Error = DecodeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        let r = match &self.node.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Int(i) => visitor.visit_i64(*i),
            Value::Float(f) => visitor.visit_f64(*f),
            Value::Str(s) => visitor.visit_str(s),
            Value::Seq(items) => visitor.visit_seq(Seq {
                de: &self,
                items,
                index: 0,
            }),
            Value::Map(entries) => visitor.visit_map(self.map(entries, None, "")),
        };
        r.map_err(|e| self.locate(e))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self.node.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        // Go leaves a string empty for null.
        if self.node.value == Value::Null {
            return visitor.visit_str("").map_err(|e| self.locate(e));
        }
        self.deserialize_any(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        if self.node.value == Value::Null {
            return visitor
                .visit_seq(Seq {
                    de: &self,
                    items: &[],
                    index: 0,
                })
                .map_err(|e| self.locate(e));
        }
        self.deserialize_any(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match &self.node.value {
            Value::Null => visitor.visit_map(self.map(&[], None, "")),
            Value::Map(entries) => visitor.visit_map(self.map(entries, None, "")),
            _ => return self.deserialize_any(visitor),
        }
        .map_err(|e| self.locate(e))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        let r = match &self.node.value {
            Value::Null => visitor.visit_map(self.map(&[], Some(fields), name)),
            Value::Map(entries) => visitor.visit_map(self.map(entries, Some(fields), name)),
            other => Err(not_a_struct(other, name)),
        };
        r.map_err(|e| self.locate(e))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        if let "Time" | "MicroTime" = name {
            match check_time(self.node, name == "MicroTime") {
                Ok(Some(zero)) => {
                    let de = self.child(zero, self.path.clone(), self.parent);
                    return visitor.visit_newtype_struct(de).map_err(|e| self.locate(e));
                }
                Ok(None) => {}
                Err(e) => return Err(self.locate(e)),
            }
        }
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        match &self.node.value {
            Value::Str(s) => visitor
                .visit_enum(s.as_str().into_deserializer())
                .map_err(|e| self.locate(e)),
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf unit unit_struct tuple tuple_struct identifier
    }
}

struct Seq<'s, 'a> {
    de: &'s NodeDe<'a>,
    items: &'a [Node],
    index: usize,
}

impl<'a> Seq<'_, 'a> {
    #[inline(never)]
    fn next_item(&mut self) -> Option<NodeDe<'a>> {
        let item = self.items.get(self.index)?;
        let path = format!("{}[{}]", self.de.path, self.index);
        self.index += 1;
        Some(self.de.child(item, path, self.de.parent))
    }
}

impl<'de, 's, 'a> SeqAccess<'de> for Seq<'s, 'a> {
    type Error = DecodeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DecodeError> {
        match self.next_item() {
            Some(item) => seed.deserialize(item).map(Some),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len() - self.index)
    }
}

struct Map<'s, 'a> {
    de: &'s NodeDe<'a>,
    entries: &'a [(Node, Node)],
    index: usize,
    fields: Option<&'static [&'static str]>,
    name: &'static str,
}

impl<'a> Map<'_, 'a> {
    /// The next key, noted when the struct has no such field.
    #[inline(never)]
    fn next_key(&mut self) -> Option<&'a str> {
        let (k, _) = self.entries.get(self.index)?;
        let key = k.as_str().unwrap_or_default();
        if let Some(fields) = self.fields {
            if !fields.contains(&key) {
                self.de.collector.unknown.borrow_mut().push(UnknownField {
                    path: join(&self.de.path, key),
                    key: key.to_string(),
                    span: k.span,
                    accepted: fields,
                });
            }
        }
        Some(key)
    }

    #[inline(never)]
    fn next_value(&mut self) -> Result<NodeDe<'a>, DecodeError> {
        let Some((k, v)) = self.entries.get(self.index) else {
            return Err(de::Error::custom("value without a key"));
        };
        self.index += 1;
        let key = k.as_str().unwrap_or_default();
        let parent = if self.name.is_empty() {
            self.de.parent
        } else {
            self.name
        };
        Ok(self.de.child(v, join(&self.de.path, key), parent))
    }
}

impl<'de, 's, 'a> MapAccess<'de> for Map<'s, 'a> {
    type Error = DecodeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DecodeError> {
        let Some(key) = self.next_key() else {
            return Ok(None);
        };
        let d: de::value::StrDeserializer<'_, DecodeError> = key.into_deserializer();
        seed.deserialize(d).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, DecodeError> {
        seed.deserialize(self.next_value()?)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len() - self.index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::yaml::parse_stream;
    use k8s_openapi::api::apps::v1::Deployment;
    use k8s_openapi::api::core::v1::Pod;

    fn node(text: &str) -> Node {
        parse_stream(text).into_iter().find_map(|d| d.root).unwrap()
    }

    #[test]
    fn unknown_field_with_path_and_position() {
        let n = node("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\nspec:\n  selector: {}\n  template: {}\n  strategy:\n    rollingupdate:\n      maxSurge: 1\n");
        let (r, unknown) = decode::<Deployment>(&n);
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(unknown.len(), 1);
        assert_eq!(unknown[0].path, "spec.strategy.rollingupdate");
        assert_eq!(
            (unknown[0].span.start.line, unknown[0].span.start.col),
            (9, 5)
        );
        assert!(unknown[0].accepted.contains(&"rollingUpdate"));
    }

    #[test]
    fn wrong_type_speaks_go() {
        let n = node("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\nspec:\n  replicas: three\n  selector: {}\n  template: {}\n");
        let (r, _) = decode::<Deployment>(&n);
        let e = r.unwrap_err();
        assert_eq!(e.message, "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32");
        assert_eq!(e.path, "spec.replicas");
        assert_eq!(e.span.unwrap().start.line, 6);
    }

    /// metav1.Time.UnmarshalJSON: time.Parse(time.RFC3339, ...)'s words at the value; null is
    /// the zero time.
    #[test]
    fn a_time_speaks_go() {
        let n = node("apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  creationTimestamp: 2026-01-01 10:00\nspec: {containers: []}\n");
        let e = decode::<Pod>(&n).0.unwrap_err();
        assert_eq!(
            e.message,
            r#"parsing time "2026-01-01 10:00" as "2006-01-02T15:04:05Z07:00": cannot parse " 10:00" as "T""#
        );
        assert_eq!(e.path, "metadata.creationTimestamp");
        assert_eq!(e.span.unwrap().start.line, 5);
        let n = node("apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  creationTimestamp: 5\nspec: {containers: []}\n");
        let e = decode::<Pod>(&n).0.unwrap_err();
        assert_eq!(e.message, "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.creationTimestamp of type string");
        let n = node("apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  creationTimestamp: '2026-01-01T09:00:00+09:00'\nspec: {containers: []}\n");
        let p = decode::<Pod>(&n).0.expect("a time Go reads");
        let at = p.metadata.creation_timestamp.expect("a time").0;
        assert_eq!(at.as_second(), 1_767_225_600);
        let n = node("apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: []}\nstatus:\n  conditions: [{type: Ready, status: 'True', lastTransitionTime: null, lastProbeTime: null}]\n");
        assert!(decode::<Pod>(&n).0.is_ok());
    }
}
