//! The pvc-protection controller (pkg/controller/volume/pvcprotection): a deleted claim keeps its
//! `kubernetes.io/pvc-protection` finalizer, and so stays Terminating, while a scheduled Pod
//! still names it.

use k8s_openapi::api::core::v1::{PersistentVolumeClaim, Pod};

use super::{own_key, Controller};
use crate::sim::queue::QueueKey;
use crate::sim::storage::{admission, PVC_PROTECTION};
use crate::sim::store::{Store, Touch};
use crate::sim::Cluster;

pub(crate) const CONTROLLER: Controller =
    Controller::keyed("pvc-protection-controller", watches, reconcile);

/// A claim being deleted, and the claims a Pod named when it goes or changes node.
fn watches(_store: &Store, t: &Touch, out: &mut dyn FnMut(QueueKey)) {
    match t.kind.as_str() {
        "PersistentVolumeClaim" if t.new.as_ref().is_some_and(|f| f.deleting) => out(own_key(t)),
        "Pod" => {
            let node = |f: Option<&crate::sim::store::Facts>| {
                f.and_then(|f| f.pod.as_ref()).and_then(|p| p.node.clone())
            };
            if node(t.old.as_ref()) == node(t.new.as_ref()) && t.new.is_some() {
                return;
            }
            for claim in t
                .old
                .iter()
                .filter_map(|f| f.pod.as_ref())
                .flat_map(|p| &p.claims)
            {
                out(QueueKey::new(&t.key.0, claim));
            }
        }
        _ => {}
    }
}

fn reconcile(c: &mut Cluster, key: &QueueKey) {
    let Some(claim) = c
        .store
        .get::<PersistentVolumeClaim>(&key.namespace, &key.name)
    else {
        return;
    };
    if claim.metadata.deletion_timestamp.is_none() || in_use(c, &key.namespace, &key.name) {
        return;
    }
    admission::remove_finalizer::<PersistentVolumeClaim>(
        c,
        &key.namespace,
        &key.name,
        PVC_PROTECTION,
    );
}

/// podUsesPVC: a Pod that has a node and names the claim in its volumes.
pub(crate) fn in_use(c: &Cluster, ns: &str, claim: &str) -> bool {
    c.store
        .index
        .pods_by_claim
        .get(&(ns.to_string(), claim.to_string()))
        .into_iter()
        .flatten()
        .any(|p| {
            c.store
                .get::<Pod>(ns, p)
                .and_then(|p| p.spec.as_ref())
                .is_some_and(|s| s.node_name.as_deref().is_some_and(|n| !n.is_empty()))
        })
}
