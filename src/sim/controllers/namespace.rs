//! The namespace controller: a deleted Namespace is Terminating until everything in it is gone.

use k8s_openapi::api::core::v1::Namespace;

use crate::sim::{time, Cluster};

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

pub fn reconcile(c: &mut Cluster) {
    let terminating: Vec<String> = c
        .store
        .namespaces
        .values()
        .filter(|n| n.metadata.deletion_timestamp.is_some())
        .filter_map(|n| n.metadata.name.clone())
        .collect();
    for ns in terminating {
        let content = c.store.in_namespace(&ns);
        if content.is_empty() {
            c.store.remove("Namespace", "", &ns);
            continue;
        }
        for (kind, name) in content {
            c.delete(&kind, &ns, &name);
        }
    }
}
