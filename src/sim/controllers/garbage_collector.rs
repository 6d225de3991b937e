//! The garbage collector: deletes objects whose owners are gone (background propagation), and the
//! Pod GC's rule that a Pod bound to a Node that no longer exists is deleted.

use std::collections::HashSet;

use k8s_openapi::api::core::v1::Node;
use k8s_openapi::Metadata;

use crate::sim::Cluster;

pub fn reconcile(c: &mut Cluster) {
    let mut uids: HashSet<&str> = HashSet::new();
    macro_rules! collect {
        ($($f:ident),*) => {$(for v in c.store.$f.values() {
            if let Some(u) = &v.metadata().uid { uids.insert(u.as_str()); }
        })*};
    }
    collect!(
        namespaces,
        nodes,
        service_accounts,
        config_maps,
        secrets,
        persistent_volume_claims,
        services,
        endpoint_slices,
        deployments,
        replica_sets,
        stateful_sets,
        daemon_sets,
        pods
    );
    for o in c.store.others.values() {
        if let Some(u) = o.value.pointer("/metadata/uid").and_then(|u| u.as_str()) {
            uids.insert(u);
        }
    }
    let mut orphans: Vec<(String, String, String)> = Vec::new();
    macro_rules! scan {
        ($($f:ident),*) => {$(for v in c.store.$f.values() {
            let m = v.metadata();
            if let Some(refs) = &m.owner_references {
                if !refs.is_empty() && refs.iter().all(|r| !uids.contains(r.uid.as_str())) {
                    orphans.push((
                        crate::sim::kind_of_val(v).to_string(),
                        m.namespace.clone().unwrap_or_default(),
                        m.name.clone().unwrap_or_default(),
                    ));
                }
            }
        })*};
    }
    scan!(
        config_maps,
        secrets,
        persistent_volume_claims,
        services,
        endpoint_slices,
        replica_sets,
        pods
    );
    for (kind, ns, name) in orphans {
        if kind == "PersistentVolumeClaim" {
            continue;
        }
        c.delete(&kind, &ns, &name);
    }
    // Pods bound to a Node that is gone.
    let gone: Vec<(String, String)> = c
        .store
        .pods
        .values()
        .filter(|p| {
            p.spec
                .as_ref()
                .and_then(|s| s.node_name.as_ref())
                .is_some_and(|n| c.store.get::<Node>("", n).is_none())
        })
        .map(|p| {
            (
                p.metadata.namespace.clone().unwrap_or_default(),
                p.metadata.name.clone().unwrap_or_default(),
            )
        })
        .collect();
    for (ns, name) in gone {
        if let Some(p) = c
            .store
            .get::<k8s_openapi::api::core::v1::Pod>(&ns, &name)
            .cloned()
        {
            crate::sim::kubelet::forget(c, &p);
        }
        c.store.remove("Pod", &ns, &name);
    }
}
