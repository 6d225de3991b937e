//! `kubectl apply`'s three-way merge of an object that exists: what the manifest says now
//! (modified), what it said at the last apply (original, the last-applied annotation) and what
//! the cluster has (current), as strategicpatch.CreateThreeWayMergePatch and the server's
//! strategic merge combine them.
//!
//! The one thing to know: a field the manifest never named is left as the cluster has it (a label
//! `kubectl label` added, a template annotation `rollout restart` set, replicas the manifest
//! omits); a field the manifest named and no longer does is removed; a field the manifest names
//! takes its value. Lists with a merge key (containers by name, ports by containerPort, ...) merge
//! item by item; fields with `retainKeys` (a Deployment's strategy, a volume's source) drop what
//! the manifest does not name. Installed on the cluster when the console is first used
//! ([`install`]): only the console makes the cluster differ from the last apply, and the page
//! without a console carries none of this.
//!
//! Left out: the order of merged list items follows the manifest, with items only the cluster
//! has after them (the server's `$setElementOrder` keeps those where they were).

use serde_json::{Map, Value};

use super::patch::{list_strategy, ListStrategy};
use crate::manifest::yaml::{Node, Span, Value as Yaml};
use crate::manifest::Object;
use crate::sim::apply::LAST_APPLIED;
use crate::sim::Cluster;

/// Makes `kubectl apply` (the console's and the editor's) merge three ways from now on.
pub(crate) fn install(c: &mut Cluster) {
    c.applied.three_way = Some(merged);
}

/// The object to write for an apply of `obj` over the one the cluster has; None when there is
/// none (a create) or the merge does not decode (then the manifest is written as it is).
fn merged(c: &Cluster, obj: &Object, ns: &str) -> Option<Object> {
    let current = c.store.get_json(&obj.kind, ns, &obj.name)?;
    let original: Option<Value> = current
        .pointer("/metadata/annotations")
        .and_then(|a| a.get(LAST_APPLIED))
        .and_then(Value::as_str)
        .and_then(|s| serde_json::from_str(s).ok());
    let mut modified = crate::sim::registry::json::as_written(obj);
    if let Some(m) = modified.get_mut("metadata").and_then(Value::as_object_mut) {
        if !ns.is_empty() {
            m.insert("namespace".into(), Value::String(ns.into()));
        }
    }
    let result = merge(
        &obj.kind,
        &mut Vec::new(),
        original.as_ref(),
        &modified,
        &current,
    );
    let node = node_of(&result, obj.node.span);
    let typed = match &obj.typed {
        Some(_) => Some(
            crate::manifest::kinds::decode_typed(&obj.api_version, &obj.kind, &node)?
                .0
                .ok()?,
        ),
        None => None,
    };
    Some(Object {
        node,
        typed,
        ..obj.clone()
    })
}

/// Whether the object the cluster has lacks the last-applied annotation (kubectl warns, then
/// merges as if nothing had been applied before).
pub(crate) fn missing_annotation(c: &Cluster, obj: &Object, ns: &str) -> bool {
    c.store.get_json(&obj.kind, ns, &obj.name).is_some_and(|v| {
        v.pointer("/metadata/annotations")
            .and_then(|a| a.get(LAST_APPLIED))
            .is_none()
    })
}

/// Fields whose `patchStrategy` includes `retainKeys`: what the manifest leaves out goes.
fn retains_keys(kind: &str, path: &[String]) -> bool {
    let p: Vec<&str> = path.iter().map(String::as_str).collect();
    matches!(
        (kind, p.as_slice()),
        ("Deployment", ["spec", "strategy"])
            | (_, [.., "spec", "volumes"])
            | ("PersistentVolume", ["spec"])
    )
}

/// One field's value after the apply.
fn merge(
    kind: &str,
    path: &mut Vec<String>,
    original: Option<&Value>,
    modified: &Value,
    current: &Value,
) -> Value {
    match (modified, current) {
        (Value::Object(m), Value::Object(cur)) => {
            let retain = retains_keys(kind, path);
            let mut out = Map::new();
            for (k, cv) in cur {
                let named_before = original.and_then(|o| o.get(k)).is_some();
                if !m.contains_key(k) && !named_before && !retain {
                    out.insert(k.clone(), cv.clone());
                }
            }
            for (k, mv) in m {
                if mv.is_null() {
                    continue;
                }
                path.push(k.clone());
                let v = match cur.get(k) {
                    Some(cv) => merge(kind, path, original.and_then(|o| o.get(k)), mv, cv),
                    None => mv.clone(),
                };
                path.pop();
                out.insert(k.clone(), v);
            }
            Value::Object(out)
        }
        (Value::Array(m), Value::Array(cur)) => {
            let p: Vec<&str> = path.iter().map(String::as_str).collect();
            match list_strategy(kind, &p) {
                ListStrategy::MergeByKey(key) => merge_keyed(kind, path, key, original, m, cur),
                ListStrategy::MergePrimitives => {
                    let before: &[Value] = original.and_then(Value::as_array).map_or(&[], |v| v);
                    let mut out: Vec<Value> = cur
                        .iter()
                        .filter(|v| m.contains(v) || !before.contains(v))
                        .cloned()
                        .collect();
                    for v in m {
                        if !out.contains(v) {
                            out.push(v.clone());
                        }
                    }
                    Value::Array(out)
                }
                ListStrategy::Replace => modified.clone(),
            }
        }
        _ => modified.clone(),
    }
}

/// A list merged item by item on `key`: the manifest's items (each merged with the cluster's
/// item of the same key), then the cluster's items the manifest never named.
fn merge_keyed(
    kind: &str,
    path: &mut Vec<String>,
    key: &str,
    original: Option<&Value>,
    modified: &[Value],
    current: &[Value],
) -> Value {
    let find = |list: &'_ [Value], item: &Value| -> Option<usize> {
        let k = item.get(key)?;
        list.iter().position(|v| v.get(key) == Some(k))
    };
    let before: &[Value] = original.and_then(Value::as_array).map_or(&[], |v| v);
    let mut out = Vec::new();
    for m in modified {
        let merged = match find(current, m) {
            Some(i) => {
                let o = find(before, m).map(|j| &before[j]);
                merge(kind, path, o, m, &current[i])
            }
            None => m.clone(),
        };
        out.push(merged);
    }
    for c in current {
        if find(modified, c).is_none() && find(before, c).is_none() {
            out.push(c.clone());
        }
    }
    Value::Array(out)
}

/// A JSON value as a YAML node, every part at `span` (what the object's text starts at).
fn node_of(v: &Value, span: Span) -> Node {
    let value = match v {
        Value::Null => Yaml::Null,
        Value::Bool(b) => Yaml::Bool(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Yaml::Int(i),
            None => Yaml::Float(n.as_f64().unwrap_or(0.0)),
        },
        Value::String(s) => Yaml::Str(s.clone()),
        Value::Array(items) => Yaml::Seq(items.iter().map(|i| node_of(i, span)).collect()),
        Value::Object(m) => Yaml::Map(
            m.iter()
                .map(|(k, v)| (Node::new(Yaml::Str(k.clone()), span), node_of(v, span)))
                .collect(),
        ),
    };
    Node::new(value, span)
}

#[cfg(test)]
mod tests;
