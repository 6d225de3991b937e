//! The garbage collector: deletes objects whose owners are gone (background propagation), and the
//! Pod GC's rule that a Pod bound to a Node that no longer exists is deleted.
//!
//! The one thing to know: its keys carry the kind in `QueueKey::order` (the kinds below, in the
//! order they are collected, then the Pods of vanished nodes), and it looks at an object only when
//! the object or one of its owners was written.

use k8s_openapi::api::core::v1::{Node, Pod};

use super::Controller;
use crate::sim::queue::QueueKey;
use crate::sim::store::{Store, Touch};
use crate::sim::Cluster;

/// The kinds whose owners it follows, in the order it collects them.
const KINDS: [&str; 8] = [
    "ConfigMap",
    "Secret",
    "PersistentVolumeClaim",
    "Service",
    "EndpointSlice",
    "ReplicaSet",
    "Job",
    "Pod",
];
/// The order of a Pod whose node may be gone.
const NODE_GONE: u8 = KINDS.len() as u8;

pub(crate) const CONTROLLER: Controller =
    Controller::keyed("garbage-collector", watches, reconcile);

fn key(kind: &str, ns: &str, name: &str) -> Option<QueueKey> {
    let order = KINDS.iter().position(|k| *k == kind)? as u8;
    Some(QueueKey {
        order,
        namespace: ns.to_string(),
        name: name.to_string(),
    })
}

/// garbagecollector.go's graph, by index: an object written with owners, the dependents of an
/// object that is gone, and the Pods of a Node that is gone.
fn watches(store: &Store, t: &Touch, out: &mut dyn FnMut(QueueKey)) {
    if t.new.as_ref().is_some_and(|n| !n.owners.is_empty()) {
        if let Some(k) = key(&t.kind, &t.key.0, &t.key.1) {
            out(k);
        }
    }
    if t.new.is_none() {
        if let Some(uid) = t.old.as_ref().and_then(|o| o.uid.as_ref()) {
            for (kind, (ns, name)) in store.index.dependents.get(uid).into_iter().flatten() {
                if let Some(k) = key(kind, ns, name) {
                    out(k);
                }
            }
        }
    }
    match t.kind.as_str() {
        "Pod" if t.bound_pod() => out(QueueKey {
            order: NODE_GONE,
            namespace: t.key.0.clone(),
            name: t.key.1.clone(),
        }),
        "Node" if t.new.is_none() => {
            for (ns, name) in store.index.pods_by_node.get(&t.key.1).into_iter().flatten() {
                out(QueueKey {
                    order: NODE_GONE,
                    namespace: ns.clone(),
                    name: name.clone(),
                });
            }
        }
        _ => {}
    }
}

fn reconcile(c: &mut Cluster, key: &QueueKey) {
    let (ns, name) = (key.namespace.as_str(), key.name.as_str());
    if key.order == NODE_GONE {
        let Some(pod) = c.store.get::<Pod>(ns, name) else {
            return;
        };
        let gone = pod
            .spec
            .as_ref()
            .and_then(|s| s.node_name.as_ref())
            .is_some_and(|n| c.store.get::<Node>("", n).is_none());
        if gone {
            c.store.remove("Pod", ns, name);
        }
        return;
    }
    let Some(kind) = KINDS.get(usize::from(key.order)) else {
        return;
    };
    let Some(meta) = c.store.meta_of(kind, ns, name) else {
        return;
    };
    let orphaned = meta.owner_references.as_ref().is_some_and(|refs| {
        !refs.is_empty()
            && refs
                .iter()
                .all(|r| !c.store.index.uids.contains_key(&r.uid))
    });
    // A claim goes too (a StatefulSet's retention policy made it a dependent), behind its
    // pvc-protection finalizer.
    if orphaned {
        c.delete(kind, ns, name);
    }
}
