//! The object store: what the API server keeps. Every write bumps the resourceVersion; every change
//! can be watched.
//!
//! The one thing to know: controllers never keep objects of their own; they read the store, decide,
//! and write back through it, so a change by one controller is seen by the others on the next pass.

use std::collections::BTreeMap;

use k8s_openapi::api::apps::v1::{DaemonSet, Deployment, ReplicaSet, StatefulSet};
use k8s_openapi::api::core::v1::{
    ConfigMap, Namespace, Node, PersistentVolumeClaim, Pod, Secret, Service, ServiceAccount,
};
use k8s_openapi::api::discovery::v1::EndpointSlice;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, OwnerReference};
use k8s_openapi::{Metadata, Resource};
use serde_json::Value;

/// (namespace, name); the namespace is empty for cluster-scoped objects.
pub type Key = (String, String);

/// One kind's objects, in name order.
#[derive(Clone, Debug)]
pub struct Table<T> {
    pub items: BTreeMap<Key, T>,
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Table {
            items: BTreeMap::new(),
        }
    }
}

impl<T: Metadata<Ty = ObjectMeta> + Clone> Table<T> {
    pub fn get(&self, ns: &str, name: &str) -> Option<&T> {
        self.items.get(&(ns.to_string(), name.to_string()))
    }

    pub fn in_namespace<'a>(&'a self, ns: &'a str) -> impl Iterator<Item = &'a T> + 'a {
        self.items
            .range((ns.to_string(), String::new())..)
            .take_while(move |((n, _), _)| n == ns)
            .map(|(_, v)| v)
    }

    pub fn values(&self) -> impl Iterator<Item = &T> {
        self.items.values()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// What happened to an object, for watchers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WatchType {
    Added,
    Modified,
    Deleted,
}

impl WatchType {
    pub fn as_str(self) -> &'static str {
        match self {
            WatchType::Added => "ADDED",
            WatchType::Modified => "MODIFIED",
            WatchType::Deleted => "DELETED",
        }
    }
}

/// One watched change: the object as it was written (or as it was when deleted).
#[derive(Clone, Debug)]
pub struct Change {
    pub kind: WatchType,
    pub object: Value,
}

/// Objects of kinds that no simulated controller acts on, kept as written (with metadata filled in).
#[derive(Clone, Debug)]
pub struct Other {
    pub api_version: String,
    pub kind: String,
    pub value: Value,
}

macro_rules! store {
    ($($field:ident: $ty:ty,)*) => {
        /// Every object in the cluster.
        #[derive(Clone, Debug, Default)]
        pub struct Store {
            /// The last resourceVersion handed out.
            pub resource_version: u64,
            $(pub $field: Table<$ty>,)*
            /// Kinds without a controller here, by (kind, namespace, name).
            pub others: BTreeMap<(String, String, String), Other>,
            /// Bumped whenever a ConfigMap, Secret or Node changes: what a synced Pod's containers
            /// depend on besides the Pod itself.
            pub config_epoch: u64,
            /// Changes since the last `take_changes`, when watching.
            pub watching: bool,
            pub changes: Vec<Change>,
        }

        impl Store {
            /// Every object as JSON, kinds in a fixed order.
            pub fn all_json(&self) -> Vec<Value> {
                let mut out = Vec::new();
                $(for v in self.$field.values() {
                    out.push(serde_json::to_value(v).unwrap_or(Value::Null));
                })*
                for o in self.others.values() {
                    out.push(o.value.clone());
                }
                out
            }

            /// The JSON of one object by kind.
            pub fn get_json(&self, kind: &str, ns: &str, name: &str) -> Option<Value> {
                match kind {
                    $(k if k == <$ty as Resource>::KIND => self.$field.get(ns, name)
                        .map(|v| serde_json::to_value(v).unwrap_or(Value::Null)),)*
                    _ => self.others.get(&(kind.to_string(), ns.to_string(), name.to_string()))
                        .map(|o| o.value.clone()),
                }
            }

            /// The uid of an object by kind.
            pub fn uid_of(&self, kind: &str, ns: &str, name: &str) -> Option<String> {
                match kind {
                    $(k if k == <$ty as Resource>::KIND => self.$field.get(ns, name)
                        .and_then(|v| v.metadata().uid.clone()),)*
                    _ => self.others.get(&(kind.to_string(), ns.to_string(), name.to_string()))
                        .and_then(|o| o.value.pointer("/metadata/uid")?.as_str().map(str::to_string)),
                }
            }

            /// Removes an object at once (no grace period), returning whether it existed.
            pub fn remove(&mut self, kind: &str, ns: &str, name: &str) -> bool {
                let key = (ns.to_string(), name.to_string());
                match kind {
                    $(k if k == <$ty as Resource>::KIND => {
                        if matches!(k, "ConfigMap" | "Secret" | "Node") {
                            self.config_epoch += 1;
                        }
                        match self.$field.items.remove(&key) {
                            Some(v) => {
                                self.record(WatchType::Deleted, &v);
                                true
                            }
                            None => false,
                        }
                    })*
                    _ => {
                        let removed = self.others.remove(&(kind.to_string(), key.0, key.1));
                        if let Some(o) = &removed {
                            if self.watching {
                                self.changes.push(Change { kind: WatchType::Deleted, object: o.value.clone() });
                            }
                        }
                        removed.is_some()
                    }
                }
            }

            /// (kind, namespace, name) of every object whose owner references name `uid`.
            pub fn dependents_of(&self, uid: &str) -> Vec<(String, String, String)> {
                let mut out = Vec::new();
                $(for v in self.$field.values() {
                    if owned_by(v.metadata(), uid) {
                        let m = v.metadata();
                        out.push((<$ty as Resource>::KIND.to_string(),
                            m.namespace.clone().unwrap_or_default(),
                            m.name.clone().unwrap_or_default()));
                    }
                })*
                out
            }

            /// Every namespaced object in a namespace, as (kind, name).
            pub fn in_namespace(&self, ns: &str) -> Vec<(String, String)> {
                let mut out = Vec::new();
                $(for v in self.$field.in_namespace(ns) {
                    out.push((<$ty as Resource>::KIND.to_string(), v.metadata().name.clone().unwrap_or_default()));
                })*
                for ((kind, n, name), _) in &self.others {
                    if n == ns {
                        out.push((kind.clone(), name.clone()));
                    }
                }
                out
            }
        }

        $(impl Stored for $ty {
            fn table(store: &Store) -> &Table<Self> { &store.$field }
            fn table_mut(store: &mut Store) -> &mut Table<Self> { &mut store.$field }
        })*
    };
}

store! {
    namespaces: Namespace,
    nodes: Node,
    service_accounts: ServiceAccount,
    config_maps: ConfigMap,
    secrets: Secret,
    persistent_volume_claims: PersistentVolumeClaim,
    services: Service,
    endpoint_slices: EndpointSlice,
    deployments: Deployment,
    replica_sets: ReplicaSet,
    stateful_sets: StatefulSet,
    daemon_sets: DaemonSet,
    pods: Pod,
}

/// A kind the store keeps in a typed table.
pub trait Stored:
    Metadata<Ty = ObjectMeta> + Resource + Clone + serde::Serialize + PartialEq
{
    fn table(store: &Store) -> &Table<Self>;
    fn table_mut(store: &mut Store) -> &mut Table<Self>;
}

pub fn key_of(meta: &ObjectMeta) -> Key {
    (
        meta.namespace.clone().unwrap_or_default(),
        meta.name.clone().unwrap_or_default(),
    )
}

pub fn owned_by(meta: &ObjectMeta, uid: &str) -> bool {
    meta.owner_references
        .as_ref()
        .is_some_and(|refs| refs.iter().any(|r| r.uid == uid))
}

/// The controlling owner reference, if any.
pub fn controller_of(meta: &ObjectMeta) -> Option<&OwnerReference> {
    meta.owner_references
        .as_ref()?
        .iter()
        .find(|r| r.controller == Some(true))
}

impl Store {
    fn record<T: serde::Serialize>(&mut self, kind: WatchType, v: &T) {
        if self.watching {
            self.changes.push(Change {
                kind,
                object: serde_json::to_value(v).unwrap_or(Value::Null),
            });
        }
    }

    pub fn get<T: Stored>(&self, ns: &str, name: &str) -> Option<&T> {
        T::table(self).get(ns, name)
    }

    /// Writes an object. Returns false (and writes nothing) when it is unchanged, as the API server
    /// does not bump the resourceVersion for a no-op update.
    pub fn put<T: Stored>(&mut self, mut obj: T) -> bool {
        let key = key_of(obj.metadata());
        let old = T::table(self).items.get(&key);
        if let Some(old) = old {
            // Compare without the resourceVersion.
            let mut probe = obj.clone();
            probe.metadata_mut().resource_version = old.metadata().resource_version.clone();
            if &probe == old {
                return false;
            }
        }
        let kind = if old.is_some() {
            WatchType::Modified
        } else {
            WatchType::Added
        };
        self.resource_version += 1;
        if matches!(T::KIND, "ConfigMap" | "Secret" | "Node") {
            self.config_epoch += 1;
        }
        obj.metadata_mut().resource_version = Some(self.resource_version.to_string());
        self.record(kind, &obj);
        T::table_mut(self).items.insert(key, obj);
        true
    }

    pub fn put_other(&mut self, mut other: Other) -> bool {
        let ns = other
            .value
            .pointer("/metadata/namespace")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let name = other
            .value
            .pointer("/metadata/name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let key = (other.kind.clone(), ns, name);
        let existed = match self.others.get(&key) {
            Some(old) => {
                let mut probe = other.value.clone();
                if let (Some(m), Some(rv)) = (
                    probe
                        .pointer_mut("/metadata")
                        .and_then(Value::as_object_mut),
                    old.value.pointer("/metadata/resourceVersion"),
                ) {
                    m.insert("resourceVersion".into(), rv.clone());
                }
                if probe == old.value {
                    return false;
                }
                true
            }
            None => false,
        };
        self.resource_version += 1;
        if let Some(m) = other
            .value
            .pointer_mut("/metadata")
            .and_then(Value::as_object_mut)
        {
            m.insert(
                "resourceVersion".into(),
                Value::String(self.resource_version.to_string()),
            );
        }
        if self.watching {
            self.changes.push(Change {
                kind: if existed {
                    WatchType::Modified
                } else {
                    WatchType::Added
                },
                object: other.value.clone(),
            });
        }
        self.others.insert(key, other);
        true
    }

    /// The changes recorded since the last call.
    pub fn take_changes(&mut self) -> Vec<Change> {
        std::mem::take(&mut self.changes)
    }
}
