//! One place per kind: how the API server admits an object of it (upstream's
//! `pkg/registry/<group>/<kind>/strategy.go`: defaults, fields a client cannot set, update
//! validation) and how kubectl prints it (`kubectl get`'s columns from
//! pkg/printers/internalversion/printers.go, `kubectl describe` from k8s.io/kubectl's describe.go).
//!
//! The one thing to know: `KINDS` is the only list. A kind the simulator keeps typed has a file
//! here implementing `Strategy` and `Printer` (both need the store's typed table, so forgetting
//! that is a compile error) and one `KindDef::typed` line; a kind kept as written JSON has one
//! `KindDef::json` line. A unit test below fails when a kind the manifest reader knows has no line.

mod configmap;
mod cronjob;
mod daemonset;
mod deployment;
mod endpointslice;
mod eviction;
mod job;
pub(crate) mod json;
mod namespace;
mod node;
mod persistentvolume;
mod persistentvolumeclaim;
mod pod;
mod replicaset;
mod secret;
mod service;
mod serviceaccount;
mod statefulset;
mod storageclass;

pub use deployment::rollout_status;
pub(crate) use job::admit_new as admit_new_job;
pub use pod::pod_status;
pub use service::service_ports;

use k8s_openapi::api::apps::v1::{DaemonSet, Deployment, ReplicaSet, StatefulSet};
use k8s_openapi::api::batch::v1::{CronJob, Job};
use k8s_openapi::api::core::v1::{
    ConfigMap, Namespace, Node, PersistentVolume, PersistentVolumeClaim, Pod, Secret, Service,
    ServiceAccount,
};
use k8s_openapi::api::discovery::v1::EndpointSlice;
use k8s_openapi::api::storage::v1::StorageClass;

use super::apply::{ApplyOutcome, Failure, LAST_APPLIED};
use super::print::{Table, Tone};
use super::store::Stored;
use super::Cluster;
use crate::manifest::Object;

/// How the API server writes an object of a kind on `kubectl apply` (a registry Strategy).
pub(crate) trait Strategy: Stored {
    /// Spec changes bump `metadata.generation` (the workloads' controllers watch it).
    const GENERATION: bool = false;

    /// Before any write: the API's defaults, and what a client cannot set (status) cleared.
    fn prepare(&mut self, _c: &mut Cluster) {}

    /// PrepareForCreate (`old` is None) or PrepareForUpdate and ValidateUpdate: carries server-side
    /// fields over from the stored object and refuses updates the API server refuses.
    fn admit(&mut self, _c: &mut Cluster, _old: Option<&Self>) -> Result<(), Failure> {
        Ok(())
    }

    /// After a create: what the cluster makes beside it (a Namespace's default ServiceAccount).
    fn created(_c: &mut Cluster, _name: &str) {}

    /// `kubectl delete`: at once, unless the kind has a graceful path (Pods, Namespaces).
    fn delete(c: &mut Cluster, ns: &str, name: &str) -> bool {
        c.store.remove(Self::KIND, ns, name)
    }
}

/// How kubectl prints an object of a kind.
pub(crate) trait Printer: Stored {
    /// `pods`, `deployments.apps`: the table's resource.
    const RESOURCE: &'static str;
    /// `pod`, `deployment.apps`: what `kubectl get all` puts before names.
    const PREFIX: &'static str;
    const HEADERS: &'static [&'static str];
    /// How many of `HEADERS` `kubectl get` prints without `-o wide` (the page shows them all).
    const NARROW: usize = usize::MAX;
    /// The columns `-o wide` adds after `HEADERS`.
    const WIDE: &'static [&'static str] = &[];

    /// One `kubectl get` row, and how it should look.
    fn row(&self, c: &Cluster) -> (Vec<String>, Tone);

    /// The cells of `WIDE`.
    fn wide(&self, _c: &Cluster) -> Vec<String> {
        Vec::new()
    }

    /// `kubectl describe`, without the Events section (the caller adds it). Kinds without a
    /// describer of their own print the short generic form.
    fn describe(&self, out: &mut String, _c: &Cluster) {
        super::print::describe_generic(out, &super::json::to_value(self));
    }
}

/// `kubectl get`: which tables list a kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Listed {
    /// In every listing (what `kubectl get all` shows, and the rest after it).
    Always,
    /// Only when every namespace is asked for (Namespaces, ServiceAccounts).
    WithAll,
    /// Listed with the kinds kept as JSON: NAME and AGE.
    AsJson,
}

/// One kind: its name and everything the cluster does with it by name.
pub(crate) struct KindDef {
    pub kind: &'static str,
    /// The write of one object of this kind (its namespace already checked), with the
    /// last-applied configuration `kubectl apply` annotates it with (None for other writes).
    pub apply: fn(&mut Cluster, &Object, &str, Option<String>) -> Result<ApplyOutcome, Failure>,
    /// `kubectl delete`: (cluster, kind, namespace, name) → whether it existed.
    pub delete: fn(&mut Cluster, &str, &str, &str) -> bool,
    pub listed: Listed,
    /// Its `kubectl get` table (None for kinds kept as JSON).
    pub table: Option<fn(&Cluster, bool) -> Table>,
    /// `kubectl describe` without the Events (None when there is no such object).
    pub describe: fn(&mut String, &Cluster, &str, &str, &str) -> Option<()>,
    /// How many of the table's columns `kubectl get` prints without `-o wide`.
    pub narrow: usize,
    /// The columns `-o wide` adds, and their cells for one object (namespace, name).
    pub wide_headers: &'static [&'static str],
    pub wide: fn(&Cluster, &str, &str) -> Vec<String>,
}

impl KindDef {
    /// A kind kept in the store's typed table, with its Strategy and Printer.
    const fn typed<T: Strategy + Printer>(listed: Listed) -> KindDef {
        KindDef {
            kind: T::KIND,
            apply: apply_typed::<T>,
            delete: |c, _, ns, name| T::delete(c, ns, name),
            listed,
            table: Some(table::<T>),
            describe: describe_typed::<T>,
            narrow: T::NARROW,
            wide_headers: T::WIDE,
            wide: |c, ns, name| {
                c.store
                    .get::<T>(ns, name)
                    .map(|o| o.wide(c))
                    .unwrap_or_default()
            },
        }
    }

    /// A kind kept as written (with server metadata), that no controller acts on yet.
    const fn json(kind: &'static str) -> KindDef {
        KindDef {
            kind,
            apply: json::apply,
            delete: |c, kind, ns, name| c.store.remove(kind, ns, name),
            listed: Listed::AsJson,
            table: None,
            describe: json::describe,
            narrow: usize::MAX,
            wide_headers: &[],
            wide: |_, _, _| Vec::new(),
        }
    }
}

/// Every kind, in the order `kubectl get all` prints its tables (then the rest).
pub(crate) const KINDS: &[KindDef] = &[
    KindDef::typed::<Pod>(Listed::Always),
    KindDef::typed::<Service>(Listed::Always),
    KindDef::typed::<DaemonSet>(Listed::Always),
    KindDef::typed::<Deployment>(Listed::Always),
    KindDef::typed::<ReplicaSet>(Listed::Always),
    KindDef::typed::<StatefulSet>(Listed::Always),
    KindDef::typed::<CronJob>(Listed::Always),
    KindDef::typed::<Job>(Listed::Always),
    KindDef::typed::<EndpointSlice>(Listed::Always),
    KindDef::typed::<PersistentVolumeClaim>(Listed::Always),
    KindDef::typed::<PersistentVolume>(Listed::Always),
    KindDef::typed::<StorageClass>(Listed::Always),
    KindDef::typed::<ConfigMap>(Listed::Always),
    KindDef::typed::<Secret>(Listed::Always),
    KindDef::typed::<Node>(Listed::Always),
    KindDef::typed::<Namespace>(Listed::WithAll),
    KindDef::typed::<ServiceAccount>(Listed::WithAll),
    KindDef::json("ReplicationController"),
    KindDef::json("Ingress"),
    KindDef::json("NetworkPolicy"),
    KindDef::json("Role"),
    KindDef::json("ClusterRole"),
    KindDef::json("RoleBinding"),
    KindDef::json("ClusterRoleBinding"),
    KindDef::json("HorizontalPodAutoscaler"),
    KindDef::json("PodDisruptionBudget"),
];

/// The kind's definition; kinds the manifest reader does not know are kept as JSON.
pub(crate) fn find(kind: &str) -> Option<&'static KindDef> {
    KINDS.iter().find(|k| k.kind == kind)
}

/// Applies one typed object through its kind's Strategy.
fn apply_typed<T: Strategy>(
    c: &mut Cluster,
    obj: &Object,
    ns: &str,
    applied: Option<String>,
) -> Result<ApplyOutcome, Failure> {
    let Some(v) = obj
        .typed
        .as_ref()
        .and_then(|t| t.as_any().downcast_ref::<T>())
    else {
        // Only a KINDS line naming the wrong type gets here; the registry's tests catch that.
        debug_assert!(
            false,
            "{}: decoded as another type than its KINDS line",
            obj.kind
        );
        return json::apply(c, obj, ns, applied);
    };
    let mut v = v.clone();
    if let Some(text) = applied {
        v.metadata_mut()
            .annotations
            .get_or_insert_with(Default::default)
            .insert(LAST_APPLIED.to_string(), text);
    }
    // The API server makes the uid of a new object; one in the manifest means nothing.
    v.metadata_mut().uid = None;
    if !ns.is_empty() {
        v.metadata_mut().namespace = Some(ns.to_string());
    }
    v.prepare(c);
    let outcome = c.upsert(v, T::GENERATION, |c, new, old| new.admit(c, old))?;
    if outcome == ApplyOutcome::Created {
        T::created(c, &obj.name);
    }
    Ok(outcome)
}

/// A typed kind's `kubectl get` table; with `all`, objects in the system namespaces too.
fn table<T: Printer>(c: &Cluster, all: bool) -> Table {
    let rows = T::table(&c.store)
        .values()
        .filter(|o| {
            let ns = o.metadata().namespace.as_deref().unwrap_or_default();
            all || !super::print::SYSTEM_NAMESPACES.contains(&ns)
        })
        .map(|o| {
            let (cells, tone) = o.row(c);
            super::print::row(o, cells, tone)
        })
        .collect();
    Table {
        resource: T::RESOURCE,
        prefix: T::PREFIX.into(),
        headers: T::HEADERS.to_vec(),
        rows,
    }
}

fn describe_typed<T: Printer>(
    out: &mut String,
    c: &Cluster,
    _kind: &str,
    ns: &str,
    name: &str,
) -> Option<()> {
    c.store.get::<T>(ns, name)?.describe(out, c);
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_the_manifest_reader_knows_has_one_definition() {
        for (_, kind, _) in crate::manifest::kinds::KNOWN {
            let n = KINDS.iter().filter(|k| k.kind == *kind).count();
            assert_eq!(n, 1, "{kind}: {n} lines in registry::KINDS");
        }
        for k in KINDS {
            let known = crate::manifest::kinds::KNOWN
                .iter()
                .any(|(_, kind, _)| *kind == k.kind);
            assert!(
                known || k.kind == "EndpointSlice",
                "{}: in KINDS but not decoded by manifest::kinds",
                k.kind
            );
        }
    }

    #[test]
    fn only_typed_kinds_have_tables() {
        for k in KINDS {
            assert_eq!(k.table.is_some(), k.listed != Listed::AsJson, "{}", k.kind);
        }
    }
}
