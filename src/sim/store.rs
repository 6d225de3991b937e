//! The object store: what the API server keeps. Every write bumps the resourceVersion; every change
//! can be watched.
//!
//! The one thing to know: controllers never keep objects of their own; they read the store, decide,
//! and write back through it, so a change by one controller is seen by the others on the next pass.

use std::any::Any;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::rc::Rc;

use k8s_openapi::api::apps::v1::{DaemonSet, Deployment, ReplicaSet, StatefulSet};
use k8s_openapi::api::batch::v1::{CronJob, Job};
use k8s_openapi::api::core::v1::{
    ConfigMap, Namespace, Node, PersistentVolume, PersistentVolumeClaim, Pod, Secret, Service,
    ServiceAccount,
};
use k8s_openapi::api::discovery::v1::EndpointSlice;
use k8s_openapi::api::storage::v1::StorageClass;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, OwnerReference};
use k8s_openapi::{Metadata, Resource};
use serde_json::Value;

use super::usage::Usage;

/// (namespace, name); the namespace is empty for cluster-scoped objects.
pub type Key = (String, String);

/// A key looked up by borrowed parts, so a lookup allocates nothing: `(String, String)` borrows as
/// `dyn KeyRef`, ordered as the tuple is.
pub(crate) trait KeyRef {
    fn parts(&self) -> (&str, &str);
}

impl KeyRef for Key {
    fn parts(&self) -> (&str, &str) {
        (&self.0, &self.1)
    }
}

impl KeyRef for (&str, &str) {
    fn parts(&self) -> (&str, &str) {
        (self.0, self.1)
    }
}

impl<'a> std::borrow::Borrow<dyn KeyRef + 'a> for Key {
    fn borrow(&self) -> &(dyn KeyRef + 'a) {
        self
    }
}

impl PartialEq for dyn KeyRef + '_ {
    fn eq(&self, other: &Self) -> bool {
        self.parts() == other.parts()
    }
}

impl Eq for dyn KeyRef + '_ {}

impl PartialOrd for dyn KeyRef + '_ {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for dyn KeyRef + '_ {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.parts().cmp(&other.parts())
    }
}

/// One kind's objects, in name order. Each object is shared (`Rc`): a controller holds the one it
/// reconciles without copying it, and a write copies it only while someone else still holds it.
#[derive(Clone, Debug)]
pub struct Table<T> {
    pub(crate) items: BTreeMap<Key, Rc<T>>,
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
        self.items.get(&(ns, name) as &dyn KeyRef).map(|v| &**v)
    }

    /// The object itself, shared: holding it costs nothing, and the store stays free to change.
    pub fn shared(&self, ns: &str, name: &str) -> Option<Rc<T>> {
        self.items.get(&(ns, name) as &dyn KeyRef).cloned()
    }

    pub fn by_key(&self, key: &Key) -> Option<&T> {
        self.items.get(key).map(|v| &**v)
    }

    pub fn in_namespace<'a>(&'a self, ns: &'a str) -> impl Iterator<Item = &'a T> + 'a {
        let from = (ns, "");
        self.items
            .range::<dyn KeyRef, _>((
                std::ops::Bound::Included(&from as &dyn KeyRef),
                std::ops::Bound::Unbounded,
            ))
            .take_while(move |((n, _), _)| n == ns)
            .map(|(_, v)| &**v)
    }

    pub fn values(&self) -> impl Iterator<Item = &T> {
        self.items.values().map(|v| &**v)
    }

    /// Every (namespace, name), in order.
    pub fn keys(&self) -> impl Iterator<Item = &Key> {
        self.items.keys()
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

/// What an object kept as JSON has in its metadata, read field by field (a JSON decoder of
/// ObjectMeta would bring a second copy of its decoding, times included, into the page).
/// managedFields are left out: nothing here writes them.
pub fn meta_of(v: &Value) -> ObjectMeta {
    let m = &v["metadata"];
    let text = |k: &str| m.get(k).and_then(Value::as_str).map(str::to_string);
    let map = |k: &str| {
        m.get(k).and_then(Value::as_object).map(|o| {
            o.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                .collect::<BTreeMap<_, _>>()
        })
    };
    let owner = |o: &Value| OwnerReference {
        api_version: o["apiVersion"].as_str().unwrap_or_default().into(),
        kind: o["kind"].as_str().unwrap_or_default().into(),
        name: o["name"].as_str().unwrap_or_default().into(),
        uid: o["uid"].as_str().unwrap_or_default().into(),
        controller: o["controller"].as_bool(),
        block_owner_deletion: o["blockOwnerDeletion"].as_bool(),
    };
    ObjectMeta {
        annotations: map("annotations"),
        creation_timestamp: m
            .get("creationTimestamp")
            .and_then(super::time::time_of_json),
        deletion_grace_period_seconds: m.get("deletionGracePeriodSeconds").and_then(Value::as_i64),
        deletion_timestamp: m
            .get("deletionTimestamp")
            .and_then(super::time::time_of_json),
        finalizers: m.get("finalizers").and_then(Value::as_array).map(|f| {
            f.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        }),
        generate_name: text("generateName"),
        generation: m.get("generation").and_then(Value::as_i64),
        labels: map("labels"),
        name: text("name"),
        namespace: text("namespace"),
        owner_references: m
            .get("ownerReferences")
            .and_then(Value::as_array)
            .map(|refs| refs.iter().map(owner).collect()),
        resource_version: text("resourceVersion"),
        self_link: text("selfLink"),
        uid: text("uid"),
        managed_fields: None,
    }
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
            pub(crate) resource_version: u64,
            $(pub $field: Table<$ty>,)*
            /// Kinds without a controller here, by (kind, namespace, name).
            pub(crate) others: BTreeMap<(String, String, String), Other>,
            /// Bumped whenever a ConfigMap, Secret or Node changes: what a synced Pod's containers
            /// depend on besides the Pod itself.
            pub(crate) config_epoch: u64,
            /// Changes since the last `take_changes`, when watching.
            pub(crate) watching: bool,
            pub(crate) changes: Vec<Change>,
            /// Every write since the controllers last looked, for their work queues.
            pub(crate) touches: Vec<Touch>,
            /// Lookups the controllers need without scanning a table.
            pub(crate) index: Index,
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

            /// The metadata of a typed object by kind (None for kinds kept as JSON).
            pub fn meta_of(&self, kind: &str, ns: &str, name: &str) -> Option<&ObjectMeta> {
                match kind {
                    $(k if k == <$ty as Resource>::KIND => self.$field.get(ns, name).map(|v| v.metadata()),)*
                    _ => None,
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
                        if matches!(k, "ConfigMap" | "Secret" | "Node" | "PersistentVolumeClaim") {
                            self.config_epoch += 1;
                        }
                        match self.$field.items.remove(&key) {
                            Some(v) => {
                                self.record(WatchType::Deleted, &*v);
                                let old = Facts::of(&*v);
                                self.index.update(<$ty as Resource>::KIND, &key, Some((&old, &*v as &dyn Any)), None);
                                self.touches.push(Touch { kind: <$ty as Resource>::KIND.into(), key, old: Some(old), new: None });
                                true
                            }
                            None => false,
                        }
                    })*
                    _ => {
                        let removed = self.others.remove(&(kind.to_string(), key.0.clone(), key.1.clone()));
                        if let Some(o) = &removed {
                            if self.watching {
                                self.changes.push(Change { kind: WatchType::Deleted, object: o.value.clone() });
                            }
                            let old = Facts::of_json(&o.value);
                            self.index.update(kind, &key, Some((&old, &() as &dyn Any)), None);
                            self.touches.push(Touch { kind: kind.to_string(), key, old: Some(old), new: None });
                        }
                        removed.is_some()
                    }
                }
            }

            /// Every object's kind and metadata (the kinds kept as JSON with what their metadata
            /// decodes to), kinds in a fixed order.
            pub fn each_meta(&self, f: &mut dyn FnMut(&str, &ObjectMeta)) {
                $(for v in self.$field.values() {
                    f(<$ty as Resource>::KIND, v.metadata());
                })*
                for ((kind, _, _), o) in &self.others {
                    f(kind, &meta_of(&o.value));
                }
            }

            /// The (namespace, name) of every object of a kind, in order.
            pub fn every_key(&self, kind: &str) -> Vec<Key> {
                match kind {
                    $(k if k == <$ty as Resource>::KIND => self.$field.keys().cloned().collect(),)*
                    _ => self.others.keys().filter(|(k, _, _)| k == kind)
                        .map(|(_, ns, name)| (ns.clone(), name.clone())).collect(),
                }
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
    storage_classes: StorageClass,
    persistent_volumes: PersistentVolume,
    persistent_volume_claims: PersistentVolumeClaim,
    services: Service,
    endpoint_slices: EndpointSlice,
    deployments: Deployment,
    replica_sets: ReplicaSet,
    stateful_sets: StatefulSet,
    daemon_sets: DaemonSet,
    cron_jobs: CronJob,
    jobs: Job,
    pods: Pod,
}

/// A kind the store keeps in a typed table.
pub trait Stored:
    Metadata<Ty = ObjectMeta> + Resource + Clone + serde::Serialize + PartialEq + 'static
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
        // The page never watches: its build leaves each kind's JSON encoder out of the wasm.
        #[cfg(target_arch = "wasm32")]
        let _ = (kind, v);
        #[cfg(not(target_arch = "wasm32"))]
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
            // Compare without the resourceVersion (borrowing the old one, so nothing is cloned).
            let mine = std::mem::replace(
                &mut obj.metadata_mut().resource_version,
                old.metadata().resource_version.clone(),
            );
            if obj == **old {
                return false;
            }
            obj.metadata_mut().resource_version = mine;
        }
        let kind = if old.is_some() {
            WatchType::Modified
        } else {
            WatchType::Added
        };
        self.bump::<T>();
        obj.metadata_mut().resource_version = Some(self.resource_version.to_string());
        self.record(kind, &obj);
        let new = Facts::of(&obj);
        let old = T::table_mut(self).items.remove(&key);
        let old_facts = old.as_deref().map(Facts::of);
        // A write that leaves every fact as it was moves nothing in the indexes, but for what
        // they take from the object itself (a Pod's requests, a Node's allocatable).
        if old_facts.as_ref() != Some(&new) || matches!(T::KIND, "Pod" | "Node") {
            self.index.update(
                T::KIND,
                &key,
                old.as_deref()
                    .zip(old_facts.as_ref())
                    .map(|(o, f)| (f, o as &dyn Any)),
                Some((&new, &obj as &dyn Any)),
            );
        }
        T::table_mut(self).items.insert(key.clone(), Rc::new(obj));
        self.touches.push(Touch {
            kind: T::KIND.into(),
            key,
            old: old_facts,
            new: Some(new),
        });
        true
    }

    /// Writes an object's status in place, as the `/status` subresource does: `change` edits the
    /// status only (so what the indexes take from the spec stays as it was). Unlike `put`, it
    /// does not compare: the caller writes only a status that differs, and every call is a write
    /// (a new resourceVersion and a Touch). The object is copied only while someone else still
    /// holds it. False when there is no such object.
    pub fn put_status<T: Stored>(
        &mut self,
        ns: &str,
        name: &str,
        change: impl FnOnce(&mut T),
    ) -> bool {
        let key = (ns.to_string(), name.to_string());
        let Some(mut obj) = T::table_mut(self).items.remove(&key) else {
            return false;
        };
        let old = Facts::of(&*obj);
        self.bump::<T>();
        {
            let o = Rc::make_mut(&mut obj);
            change(o);
            o.metadata_mut().resource_version = Some(self.resource_version.to_string());
        }
        self.record(WatchType::Modified, &*obj);
        let new = Facts::of(&*obj);
        if old != new || T::KIND == "Node" {
            let o = &*obj as &dyn Any;
            self.index
                .update(T::KIND, &key, Some((&old, o)), Some((&new, o)));
        }
        T::table_mut(self).items.insert(key.clone(), obj);
        self.touches.push(Touch {
            kind: T::KIND.into(),
            key,
            old: Some(old),
            new: Some(new),
        });
        true
    }

    /// A new resourceVersion, and a new config epoch when what containers read changed.
    fn bump<T: Stored>(&mut self) {
        self.resource_version += 1;
        if matches!(
            T::KIND,
            "ConfigMap" | "Secret" | "Node" | "PersistentVolumeClaim"
        ) {
            self.config_epoch += 1;
        }
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
        let new = Facts::of_json(&other.value);
        let (kind, ns, name) = key.clone();
        let old = self.others.insert(key, other);
        let old = old.map(|o| Facts::of_json(&o.value));
        let key = (ns, name);
        self.index.update(
            &kind,
            &key,
            old.as_ref().map(|f| (f, &() as &dyn Any)),
            Some((&new, &() as &dyn Any)),
        );
        self.touches.push(Touch {
            kind,
            key,
            old,
            new: Some(new),
        });
        true
    }

    /// The changes recorded since the last call.
    pub fn take_changes(&mut self) -> Vec<Change> {
        std::mem::take(&mut self.changes)
    }
}

/// An owner reference as the work queues need it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct OwnerFacts {
    pub kind: String,
    pub name: String,
    pub uid: String,
    pub controller: bool,
}

/// What a Pod's write tells the scheduler, the kubelet and the node usage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PodFacts {
    pub node: Option<String>,
    pub phase: String,
    pub default_scheduler: bool,
    /// The scheduler tried and found no node (PodScheduled is False).
    pub unschedulable: bool,
    /// The claims its volumes name.
    pub claims: Vec<String>,
}

impl PodFacts {
    /// Bound and not finished: takes room on its node.
    pub fn counts(&self) -> bool {
        self.node.is_some() && !matches!(self.phase.as_str(), "Succeeded" | "Failed")
    }
}

/// The parts of an object that decide which controllers must look at it again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Facts {
    pub uid: Option<String>,
    pub labels: BTreeMap<String, String>,
    pub owners: Vec<OwnerFacts>,
    pub deleting: bool,
    pub pod: Option<PodFacts>,
    /// A Service's selector.
    pub selector: Option<BTreeMap<String, String>>,
    /// The other side of a storage binding: the volume a claim names (`("", volumeName)`), the
    /// claim a volume's claimRef names.
    pub bound_to: Option<Key>,
}

impl Facts {
    pub fn of<T: Stored>(obj: &T) -> Facts {
        let m = obj.metadata();
        let any = obj as &dyn Any;
        let pod = any
            .downcast_ref::<Pod>()
            .and_then(|p| p.spec.as_ref().map(|s| (p, s)))
            .map(|(p, s)| PodFacts {
                node: s.node_name.clone(),
                phase: p
                    .status
                    .as_ref()
                    .and_then(|s| s.phase.clone())
                    .unwrap_or_else(|| "Pending".into()),
                default_scheduler: s.scheduler_name.as_deref().unwrap_or("default-scheduler")
                    == "default-scheduler",
                unschedulable: p
                    .status
                    .as_ref()
                    .and_then(|s| s.conditions.as_ref())
                    .is_some_and(|cs| {
                        cs.iter()
                            .any(|c| c.type_ == "PodScheduled" && c.status == "False")
                    }),
                claims: super::storage::pod_claims(p).map(str::to_string).collect(),
            });
        let selector = any
            .downcast_ref::<Service>()
            .and_then(|s| s.spec.as_ref()?.selector.clone());
        let bound_to = if let Some(c) = any.downcast_ref::<PersistentVolumeClaim>() {
            c.spec
                .as_ref()
                .and_then(|s| s.volume_name.clone())
                .map(|v| (String::new(), v))
        } else {
            any.downcast_ref::<PersistentVolume>()
                .and_then(|v| v.spec.as_ref()?.claim_ref.as_ref())
                .map(|r| {
                    (
                        r.namespace.clone().unwrap_or_default(),
                        r.name.clone().unwrap_or_default(),
                    )
                })
        };
        Facts {
            uid: m.uid.clone(),
            labels: m.labels.clone().unwrap_or_default(),
            owners: m
                .owner_references
                .iter()
                .flatten()
                .map(|r| OwnerFacts {
                    kind: r.kind.clone(),
                    name: r.name.clone(),
                    uid: r.uid.clone(),
                    controller: r.controller == Some(true),
                })
                .collect(),
            deleting: m.deletion_timestamp.is_some(),
            pod,
            selector,
            bound_to,
        }
    }

    pub fn of_json(v: &Value) -> Facts {
        let meta = v.get("metadata");
        let s = |p: &str| meta.and_then(|m| m.pointer(p)).and_then(Value::as_str);
        Facts {
            uid: s("/uid").map(str::to_string),
            labels: meta
                .and_then(|m| m.get("labels"))
                .and_then(Value::as_object)
                .map(|l| {
                    l.iter()
                        .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                        .collect()
                })
                .unwrap_or_default(),
            owners: meta
                .and_then(|m| m.get("ownerReferences"))
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|r| {
                    let f = |k: &str| r.get(k).and_then(Value::as_str).unwrap_or("").to_string();
                    OwnerFacts {
                        kind: f("kind"),
                        name: f("name"),
                        uid: f("uid"),
                        controller: r.get("controller").and_then(Value::as_bool) == Some(true),
                    }
                })
                .collect(),
            deleting: s("/deletionTimestamp").is_some(),
            pod: None,
            selector: None,
            bound_to: None,
        }
    }

    pub fn controller(&self) -> Option<&OwnerFacts> {
        self.owners.iter().find(|o| o.controller)
    }
}

/// One write to the store: the object's kind and key, and its facts before and after (None when it
/// did not exist, or no longer does).
#[derive(Clone, Debug)]
pub(crate) struct Touch {
    pub kind: String,
    pub key: Key,
    pub old: Option<Facts>,
    pub new: Option<Facts>,
}

impl Touch {
    /// Whether the object is now a Pod bound to a node.
    pub fn bound_pod(&self) -> bool {
        self.new
            .as_ref()
            .and_then(|n| n.pod.as_ref())
            .is_some_and(|p| p.node.is_some())
    }

    /// The facts of both sides, the old first.
    pub fn sides(&self) -> impl Iterator<Item = &Facts> {
        self.old.iter().chain(self.new.iter())
    }
}

/// (namespace, label key, label value).
pub(crate) type LabelKey = (String, String, String);

/// The lookups controllers need, kept up to date on every write so no controller scans a table.
#[derive(Clone, Debug, Default)]
pub(crate) struct Index {
    /// Every object by uid: (kind, key).
    pub uids: HashMap<String, (String, Key)>,
    /// Owner uid → the objects whose ownerReferences name it.
    pub dependents: HashMap<String, BTreeSet<(String, Key)>>,
    /// Controller uid → the objects it controls, in (kind, namespace, name) order.
    pub controlled: HashMap<String, BTreeSet<(String, Key)>>,
    /// Pods and ReplicaSets without a controller: candidates for adoption.
    pub uncontrolled: BTreeSet<(String, Key)>,
    /// Pods by the node they are bound to.
    pub pods_by_node: HashMap<String, BTreeSet<Key>>,
    /// Pods the scheduler tried and found no node for, waiting for the cluster to change.
    pub unschedulable_pods: BTreeSet<Key>,
    /// Pods by each of their labels: names in namespace order.
    pub pods_by_label: HashMap<LabelKey, BTreeSet<String>>,
    /// Pods by each claim their volumes name: (namespace, claim) → Pod names.
    pub pods_by_claim: HashMap<Key, BTreeSet<String>>,
    /// Services by each pair of their selector.
    pub services_by_selector: HashMap<LabelKey, BTreeSet<String>>,
    /// What each node already holds, as the scheduler counts it.
    pub usage: HashMap<String, Usage>,
    /// What each node can hold (status.allocatable), in base units.
    pub allocatable: HashMap<String, BTreeMap<String, i64>>,
}

fn unindex<V: Ord>(map: &mut HashMap<String, BTreeSet<V>>, k: &str, v: &V) {
    if let Some(set) = map.get_mut(k) {
        set.remove(v);
        if set.is_empty() {
            map.remove(k);
        }
    }
}

fn unindex_label(map: &mut HashMap<LabelKey, BTreeSet<String>>, k: LabelKey, name: &str) {
    if let Some(set) = map.get_mut(&k) {
        set.remove(name);
        if set.is_empty() {
            map.remove(&k);
        }
    }
}

impl Index {
    /// Moves an object's entries from its old facts to its new ones. `old_obj`/`new_obj` are the
    /// typed objects (`()` for kinds without a table), for what facts do not hold (Pod requests).
    pub fn update(
        &mut self,
        kind: &str,
        key: &Key,
        old: Option<(&Facts, &dyn Any)>,
        new: Option<(&Facts, &dyn Any)>,
    ) {
        let entry = (kind.to_string(), key.clone());
        if let Some((f, obj)) = old {
            if let Some(uid) = &f.uid {
                self.uids.remove(uid);
            }
            for o in &f.owners {
                unindex(&mut self.dependents, &o.uid, &entry);
                if o.controller {
                    unindex(&mut self.controlled, &o.uid, &entry);
                }
            }
            self.uncontrolled.remove(&entry);
            if kind == "Pod" {
                if let Some(p) = &f.pod {
                    if let Some(n) = &p.node {
                        unindex(&mut self.pods_by_node, n, key);
                    }
                    if p.unschedulable {
                        self.unschedulable_pods.remove(key);
                    }
                    for claim in &p.claims {
                        let k = (key.0.clone(), claim.clone());
                        if let Some(set) = self.pods_by_claim.get_mut(&k) {
                            set.remove(&key.1);
                            if set.is_empty() {
                                self.pods_by_claim.remove(&k);
                            }
                        }
                    }
                }
                for (k, v) in &f.labels {
                    unindex_label(
                        &mut self.pods_by_label,
                        (key.0.clone(), k.clone(), v.clone()),
                        &key.1,
                    );
                }
                if let (Some(p), Some(pod)) = (&f.pod, obj.downcast_ref::<Pod>()) {
                    if p.counts() {
                        if let Some(u) = p.node.as_ref().and_then(|n| self.usage.get_mut(n)) {
                            u.count(pod, -1);
                        }
                    }
                }
            }
            if kind == "Node" {
                self.allocatable.remove(&key.1);
            }
            if kind == "Service" {
                for (k, v) in f.selector.iter().flatten() {
                    unindex_label(
                        &mut self.services_by_selector,
                        (key.0.clone(), k.clone(), v.clone()),
                        &key.1,
                    );
                }
            }
        }
        if let Some((f, obj)) = new {
            if let Some(uid) = &f.uid {
                self.uids.insert(uid.clone(), entry.clone());
            }
            for o in &f.owners {
                self.dependents
                    .entry(o.uid.clone())
                    .or_default()
                    .insert(entry.clone());
                if o.controller {
                    self.controlled
                        .entry(o.uid.clone())
                        .or_default()
                        .insert(entry.clone());
                }
            }
            if matches!(kind, "Pod" | "ReplicaSet") && f.controller().is_none() {
                self.uncontrolled.insert(entry.clone());
            }
            if kind == "Pod" {
                if let Some(p) = &f.pod {
                    if let Some(n) = &p.node {
                        self.pods_by_node
                            .entry(n.clone())
                            .or_default()
                            .insert(key.clone());
                    }
                    if p.unschedulable && p.node.is_none() {
                        self.unschedulable_pods.insert(key.clone());
                    }
                    for claim in &p.claims {
                        self.pods_by_claim
                            .entry((key.0.clone(), claim.clone()))
                            .or_default()
                            .insert(key.1.clone());
                    }
                }
                for (k, v) in &f.labels {
                    self.pods_by_label
                        .entry((key.0.clone(), k.clone(), v.clone()))
                        .or_default()
                        .insert(key.1.clone());
                }
                if let (Some(p), Some(pod)) = (&f.pod, obj.downcast_ref::<Pod>()) {
                    if p.counts() {
                        if let Some(n) = &p.node {
                            self.usage.entry(n.clone()).or_default().count(pod, 1);
                        }
                    }
                }
            }
            if let Some(node) = obj.downcast_ref::<Node>() {
                let amounts = node
                    .status
                    .as_ref()
                    .and_then(|s| s.allocatable.as_ref())
                    .map(|a| {
                        a.iter()
                            .map(|(k, q)| (k.clone(), super::quantity::amount(k, q)))
                            .collect()
                    })
                    .unwrap_or_default();
                self.allocatable.insert(key.1.clone(), amounts);
            }
            if kind == "Service" {
                for (k, v) in f.selector.iter().flatten() {
                    self.services_by_selector
                        .entry((key.0.clone(), k.clone(), v.clone()))
                        .or_default()
                        .insert(key.1.clone());
                }
            }
        }
    }
}
