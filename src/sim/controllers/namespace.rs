//! The namespace controller: a deleted Namespace is Terminating until everything in it is gone,
//! its Events included.

use k8s_openapi::api::core::v1::Namespace;

use super::{own_key, Controller};
use crate::sim::queue::QueueKey;
use crate::sim::store::{Store, Touch};
use crate::sim::{time, Cluster};

pub(crate) const CONTROLLER: Controller =
    Controller::keyed("namespace-controller", watches, reconcile);

/// A Namespace, and a terminating Namespace whenever something in it is written or goes.
fn watches(store: &Store, t: &Touch, out: &mut dyn FnMut(QueueKey)) {
    if t.kind == "Namespace" {
        out(own_key(t));
    } else if !t.key.0.is_empty()
        && store
            .get::<Namespace>("", &t.key.0)
            .is_some_and(|n| n.metadata.deletion_timestamp.is_some())
    {
        out(QueueKey::new("", &t.key.0));
    }
}

/// Starts deleting a Namespace; false if it did not exist.
pub fn delete(c: &mut Cluster, name: &str) -> bool {
    let Some(mut ns) = c.store.get::<Namespace>("", name).cloned() else {
        return false;
    };
    if ns.metadata.deletion_timestamp.is_none() {
        ns.metadata.deletion_timestamp = Some(time::time(c.now()));
        if let Some(s) = ns.status.as_mut() {
            s.phase = Some("Terminating".into());
        }
        c.store.put(ns);
    }
    true
}

fn reconcile(c: &mut Cluster, key: &QueueKey) {
    let terminating = c
        .store
        .get::<Namespace>("", &key.name)
        .is_some_and(|n| n.metadata.deletion_timestamp.is_some());
    if !terminating {
        return;
    }
    let content = c.store.in_namespace(&key.name);
    if content.is_empty() {
        c.events.drop_namespace(&key.name);
        c.store.remove("Namespace", "", &key.name);
        return;
    }
    for (kind, name) in content {
        c.delete(&kind, &key.name, &name);
    }
}
