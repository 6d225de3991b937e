//! What a Pod's volumes and env references need before its containers can start: the kubelet's
//! FailedMount and CreateContainerConfigError messages (volumemanager, kuberuntime_container.go).

use super::*;

pub(super) fn missing_volume(c: &Cluster, pod: &Pod) -> Option<String> {
    let ns = pod.metadata.namespace.clone().unwrap_or_default();
    for v in pod.spec.as_ref()?.volumes.iter().flatten() {
        if let Some(pvc) = &v.persistent_volume_claim {
            // The volume manager's populator (desired_state_of_world_populator.go).
            let name = &pvc.claim_name;
            match c.store.get::<k8s_openapi::api::core::v1::PersistentVolumeClaim>(&ns, name) {
                None => {
                    return Some(format!(
                        "error processing PVC {ns}/{name}: failed to fetch PVC from API server: persistentvolumeclaims {} not found",
                        crate::validation::go_quote(name)
                    ))
                }
                Some(claim) if !crate::sim::storage::is_fully_bound(claim) => {
                    return Some(format!("error processing PVC {ns}/{name}: PVC is not bound"))
                }
                Some(_) => {}
            }
        }
        if let Some(cm) = &v.config_map {
            if cm.optional != Some(true)
                && c.store
                    .get::<k8s_openapi::api::core::v1::ConfigMap>(&ns, &cm.name)
                    .is_none()
            {
                return Some(format!(
                    "MountVolume.SetUp failed for volume {} : configmap {} not found",
                    crate::validation::go_quote(&v.name),
                    crate::validation::go_quote(&cm.name)
                ));
            }
        }
        if let Some(s) = &v.secret {
            let name = s.secret_name.clone().unwrap_or_default();
            if s.optional != Some(true)
                && c.store
                    .get::<k8s_openapi::api::core::v1::Secret>(&ns, &name)
                    .is_none()
            {
                return Some(format!(
                    "MountVolume.SetUp failed for volume {} : secret {} not found",
                    crate::validation::go_quote(&v.name),
                    crate::validation::go_quote(&name)
                ));
            }
        }
    }
    None
}

/// The kubelet's message for an env or envFrom reference that cannot be resolved.
pub(super) fn config_error(c: &Cluster, pod: &Pod, ct: &Container) -> Option<String> {
    use k8s_openapi::api::core::v1::{ConfigMap, Secret};
    let ns = pod.metadata.namespace.clone().unwrap_or_default();
    for e in ct.env_from.iter().flatten() {
        if let Some(r) = &e.config_map_ref {
            if r.optional != Some(true) && c.store.get::<ConfigMap>(&ns, &r.name).is_none() {
                return Some(format!(
                    "configmap {} not found",
                    crate::validation::go_quote(&r.name)
                ));
            }
        }
        if let Some(r) = &e.secret_ref {
            if r.optional != Some(true) && c.store.get::<Secret>(&ns, &r.name).is_none() {
                return Some(format!(
                    "secret {} not found",
                    crate::validation::go_quote(&r.name)
                ));
            }
        }
    }
    for e in ct.env.iter().flatten() {
        let Some(from) = &e.value_from else { continue };
        if let Some(r) = &from.config_map_key_ref {
            if r.optional == Some(true) {
                continue;
            }
            match c.store.get::<ConfigMap>(&ns, &r.name) {
                None => {
                    return Some(format!(
                        "configmap {} not found",
                        crate::validation::go_quote(&r.name)
                    ))
                }
                Some(cm) => {
                    let has = cm.data.as_ref().is_some_and(|d| d.contains_key(&r.key))
                        || cm
                            .binary_data
                            .as_ref()
                            .is_some_and(|d| d.contains_key(&r.key));
                    if !has {
                        return Some(format!(
                            "couldn't find key {} in ConfigMap {ns}/{}",
                            r.key, r.name
                        ));
                    }
                }
            }
        }
        if let Some(r) = &from.secret_key_ref {
            if r.optional == Some(true) {
                continue;
            }
            match c.store.get::<Secret>(&ns, &r.name) {
                None => {
                    return Some(format!(
                        "secret {} not found",
                        crate::validation::go_quote(&r.name)
                    ))
                }
                Some(s) => {
                    if !s.data.as_ref().is_some_and(|d| d.contains_key(&r.key)) {
                        return Some(format!(
                            "couldn't find key {} in Secret {ns}/{}",
                            r.key, r.name
                        ));
                    }
                }
            }
        }
    }
    None
}

/// The attach/detach controller's Multi-Attach error (reconciler.go reportMultiAttachError): a
/// ReadWriteOnce volume with no node affinity is attached to one node at a time, the node of the
/// oldest Pod using it; a Pod on another node waits.
pub(super) fn attach_error(c: &Cluster, pod: &Pod) -> Option<String> {
    use k8s_openapi::api::core::v1::{PersistentVolume, PersistentVolumeClaim};
    let ns = pod.metadata.namespace.clone().unwrap_or_default();
    let node = pod.spec.as_ref()?.node_name.clone()?;
    for claim_name in crate::sim::storage::pod_claims(pod) {
        let Some(claim) = c.store.get::<PersistentVolumeClaim>(&ns, claim_name) else {
            continue;
        };
        let Some(volume) = claim
            .spec
            .as_ref()
            .and_then(|s| s.volume_name.as_deref())
            .and_then(|v| c.store.get::<PersistentVolume>("", v))
        else {
            continue;
        };
        let spec = volume.spec.as_ref()?;
        let modes = spec.access_modes.clone().unwrap_or_default();
        let shared = modes
            .iter()
            .any(|m| m == "ReadWriteMany" || m == "ReadOnlyMany");
        if shared
            || spec.node_affinity.is_some()
            || spec.host_path.is_some()
            || spec.local.is_some()
        {
            continue;
        }
        let age = |p: &Pod| {
            (
                p.metadata.creation_timestamp.clone().map(|t| t.0),
                p.metadata.name.clone(),
            )
        };
        let users: Vec<&Pod> = c
            .store
            .index
            .pods_by_claim
            .get(&(ns.clone(), claim_name.to_string()))
            .into_iter()
            .flatten()
            .filter_map(|p| c.store.get::<Pod>(&ns, p))
            .filter(|p| {
                p.spec
                    .as_ref()
                    .and_then(|s| s.node_name.as_deref())
                    .is_some()
                    && !matches!(crate::sim::pod::phase(p), "Succeeded" | "Failed")
            })
            .collect();
        let Some(first) = users.iter().min_by_key(|p| age(p)) else {
            continue;
        };
        let attached = first.spec.as_ref().and_then(|s| s.node_name.clone());
        if attached.as_deref() == Some(node.as_str()) {
            continue;
        }
        let elsewhere: Vec<&str> = users
            .iter()
            .filter(|p| p.spec.as_ref().and_then(|s| s.node_name.as_deref()) == attached.as_deref())
            .filter_map(|p| p.metadata.name.as_deref())
            .collect();
        return Some(format!(
            "Multi-Attach error for volume {} Volume is already used by pod(s) {}",
            crate::validation::go_quote(volume.metadata.name.as_deref().unwrap_or_default()),
            elsewhere.join(", ")
        ));
    }
    None
}
