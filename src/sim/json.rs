//! Typed objects to JSON values, as `serde_json::to_value` makes them, for the page's engine.
//!
//! The one thing to know: this encoder never formats an error. serde_json's turns the message of
//! any error a type raises while encoding into text, and a metav1.Time raises its time library's
//! errors, so through serde_json the page would carry that library's whole catalogue of error
//! messages for a failure that cannot happen (a Time always formats). Same values otherwise: map
//! keys sorted, `None` fields skipped by the types themselves, non-finite floats as null.

use serde::ser::{self, Serialize};
use serde_json::{Map, Number, Value};

/// The object as JSON; `Null` for what JSON cannot hold (a map key that is not a string).
pub fn to_value<T: Serialize + ?Sized>(v: &T) -> Value {
    v.serialize(Encoder).unwrap_or(Value::Null)
}

/// Something JSON cannot hold. What it was is not kept (see the module's note).
#[derive(Debug)]
pub struct Unencodable;

impl std::fmt::Display for Unencodable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not encodable as JSON")
    }
}

impl std::error::Error for Unencodable {}

impl ser::Error for Unencodable {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Unencodable
    }
}

struct Encoder;

/// A list being encoded (sequences and tuples).
pub struct Seq(Vec<Value>);

/// A map or struct being encoded, with the key of the entry whose value comes next.
pub struct Obj(Map<String, Value>, Option<String>);

type Result<T> = std::result::Result<T, Unencodable>;

impl ser::Serializer for Encoder {
    type Ok = Value;
    type Error = Unencodable;
    type SerializeSeq = Seq;
    type SerializeTuple = Seq;
    type SerializeTupleStruct = Seq;
    type SerializeTupleVariant = ser::Impossible<Value, Unencodable>;
    type SerializeMap = Obj;
    type SerializeStruct = Obj;
    type SerializeStructVariant = ser::Impossible<Value, Unencodable>;

    fn serialize_bool(self, v: bool) -> Result<Value> {
        Ok(Value::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<Value> {
        Ok(Value::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result<Value> {
        Ok(Value::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result<Value> {
        Ok(Value::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result<Value> {
        Ok(Value::from(v))
    }
    fn serialize_u8(self, v: u8) -> Result<Value> {
        Ok(Value::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result<Value> {
        Ok(Value::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result<Value> {
        Ok(Value::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result<Value> {
        Ok(Value::from(v))
    }
    fn serialize_f32(self, v: f32) -> Result<Value> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<Value> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn serialize_char(self, v: char) -> Result<Value> {
        Ok(Value::String(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Result<Value> {
        Ok(Value::String(v.to_string()))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Value> {
        Ok(Value::Array(v.iter().map(|&b| Value::from(b)).collect()))
    }
    fn serialize_none(self) -> Result<Value> {
        Ok(Value::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<Value> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<Value> {
        Ok(Value::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Value> {
        Ok(Value::Null)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Value> {
        Ok(Value::String(variant.to_string()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<Value> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<Value> {
        let mut m = Map::new();
        m.insert(variant.to_string(), to_value(v));
        Ok(Value::Object(m))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Seq> {
        Ok(Seq(Vec::with_capacity(len.unwrap_or(0))))
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Seq> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(Unencodable)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Obj> {
        Ok(Obj(Map::new(), None))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Obj> {
        Ok(Obj(Map::new(), None))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(Unencodable)
    }
}

impl ser::SerializeSeq for Seq {
    type Ok = Value;
    type Error = Unencodable;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<()> {
        self.0.push(v.serialize(Encoder)?);
        Ok(())
    }
    fn end(self) -> Result<Value> {
        Ok(Value::Array(self.0))
    }
}

impl ser::SerializeTuple for Seq {
    type Ok = Value;
    type Error = Unencodable;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<()> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> Result<Value> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for Seq {
    type Ok = Value;
    type Error = Unencodable;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<()> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> Result<Value> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeMap for Obj {
    type Ok = Value;
    type Error = Unencodable;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        match key.serialize(Encoder)? {
            Value::String(k) => {
                self.1 = Some(k);
                Ok(())
            }
            _ => Err(Unencodable),
        }
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<()> {
        let key = self.1.take().ok_or(Unencodable)?;
        self.0.insert(key, v.serialize(Encoder)?);
        Ok(())
    }
    fn end(self) -> Result<Value> {
        Ok(Value::Object(self.0))
    }
}

impl ser::SerializeStruct for Obj {
    type Ok = Value;
    type Error = Unencodable;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Result<()> {
        self.0.insert(key.to_string(), v.serialize(Encoder)?);
        Ok(())
    }
    fn end(self) -> Result<Value> {
        Ok(Value::Object(self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::apps::v1::Deployment;
    use k8s_openapi::api::core::v1::{Namespace, Pod};

    /// The same values as serde_json's encoder, for objects with every kind of field (times,
    /// quantities, int-or-strings, byte strings, maps, lists, nulls skipped).
    #[test]
    fn encodes_as_serde_json_does() {
        let texts = [
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  creationTimestamp: '2026-01-01T00:00:05Z'\n  labels: {app: web}\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources: {requests: {cpu: 250m, memory: 64Mi}}\n    ports: [{containerPort: 80}]\n    readinessProbe: {httpGet: {path: /, port: http}}\n  volumes:\n  - name: scratch\n    ephemeral:\n      volumeClaimTemplate:\n        metadata: {labels: {a: b}}\n        spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}\nstatus:\n  conditions: [{type: Ready, status: 'True', lastTransitionTime: '2026-01-01T00:01:00Z'}]\n",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, annotations: {x: 'y'}}\nspec:\n  replicas: 3\n  selector: {matchLabels: {app: web}}\n  strategy: {rollingUpdate: {maxSurge: 25%, maxUnavailable: 0}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: nginx, env: [{name: A, value: '1'}]}]}\n",
            "apiVersion: v1\nkind: Namespace\nmetadata: {name: ns1, deletionTimestamp: '2026-01-02T03:04:05Z', finalizers: [x]}\nstatus: {phase: Terminating, conditions: [{type: NamespaceDeletionContentFailure, status: 'False', lastTransitionTime: '2026-01-02T03:04:05Z'}]}\n",
        ];
        for text in texts {
            let node = crate::manifest::yaml::parse_stream(text)
                .into_iter()
                .find_map(|d| d.root)
                .expect("yaml");
            let ours = match text {
                t if t.contains("kind: Pod") => {
                    let p: Pod = crate::manifest::de::decode(&node).0.expect("pod");
                    (to_value(&p), serde_json::to_value(&p).expect("json"))
                }
                t if t.contains("kind: Deployment") => {
                    let d: Deployment = crate::manifest::de::decode(&node).0.expect("deployment");
                    (to_value(&d), serde_json::to_value(&d).expect("json"))
                }
                _ => {
                    let n: Namespace = crate::manifest::de::decode(&node).0.expect("namespace");
                    (to_value(&n), serde_json::to_value(&n).expect("json"))
                }
            };
            assert_eq!(ours.0, ours.1, "{text}");
            assert_ne!(ours.0, Value::Null);
        }
    }
}
