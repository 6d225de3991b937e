//! What a Pod's volumes and env references need before its containers can start: the kubelet's
//! FailedMount and CreateContainerConfigError messages (volumemanager, kuberuntime_container.go).

use super::*;

pub(super) fn missing_volume(c: &Cluster, pod: &Pod) -> Option<String> {
    let ns = pod.metadata.namespace.clone().unwrap_or_default();
    for v in pod.spec.as_ref()?.volumes.iter().flatten() {
        if let Some(pvc) = &v.persistent_volume_claim {
            // The volume manager's populator (desired_state_of_world_populator.go).
            let name = &pvc.claim_name;
            let why = match c
                .store
                .get::<k8s_openapi::api::core::v1::PersistentVolumeClaim>(&ns, name)
            {
                None => Some(format!(
                    "failed to fetch PVC from API server: persistentvolumeclaims {} not found",
                    crate::validation::go_quote(name)
                )),
                Some(claim) if crate::sim::storage::claim_phase(claim) != "Bound" => {
                    Some("PVC is not bound".to_string())
                }
                Some(claim) => {
                    let volume = claim
                        .spec
                        .as_ref()
                        .and_then(|s| s.volume_name.clone())
                        .unwrap_or_default();
                    match c.store.get::<k8s_openapi::api::core::v1::PersistentVolume>("", &volume) {
                        None => Some(format!("failed to fetch PV {volume} from API server")),
                        Some(pv) if !crate::sim::storage::matcher::is_bound_to_claim(pv, claim) => Some(format!(
                            "found PV object {volume} but it has a nil or different pv.Spec.ClaimRef"
                        )),
                        Some(_) => None,
                    }
                }
            };
            if let Some(why) = why {
                // The volume manager's populator, as its FailedMount reports it.
                let v = &v.name;
                return Some(format!(
                    "Unable to attach or mount volumes: unmounted volumes=[{v}], unattached volumes=[{v}], failed to process volumes=[{v}]: error processing PVC {ns}/{name}: {why}"
                ));
            }
        }
        let failed = |why: String| {
            Some(format!(
                "MountVolume.SetUp failed for volume {} : {why}",
                crate::validation::go_quote(&v.name)
            ))
        };
        if let Some(cm) = &v.config_map {
            let optional = cm.optional == Some(true);
            match c
                .store
                .get::<k8s_openapi::api::core::v1::ConfigMap>(&ns, &cm.name)
            {
                None if !optional => {
                    return failed(format!(
                        "configmap {} not found",
                        crate::validation::go_quote(&cm.name)
                    ))
                }
                // configmap.go SetUpAt: each item's key must be in the ConfigMap.
                Some(found) if !optional => {
                    let has = |k: &str| {
                        found.data.as_ref().is_some_and(|d| d.contains_key(k))
                            || found
                                .binary_data
                                .as_ref()
                                .is_some_and(|d| d.contains_key(k))
                    };
                    if let Some(item) = cm.items.iter().flatten().find(|i| !has(&i.key)) {
                        return failed(format!(
                            "configmap references non-existent config key: {}",
                            item.key
                        ));
                    }
                }
                _ => {}
            }
        }
        if let Some(s) = &v.secret {
            let name = s.secret_name.clone().unwrap_or_default();
            let optional = s.optional == Some(true);
            match c
                .store
                .get::<k8s_openapi::api::core::v1::Secret>(&ns, &name)
            {
                None if !optional => {
                    return failed(format!(
                        "secret {} not found",
                        crate::validation::go_quote(&name)
                    ))
                }
                // secret.go SetUpAt: each item's key must be in the Secret.
                Some(found) if !optional => {
                    let has = |k: &str| {
                        found.data.as_ref().is_some_and(|d| d.contains_key(k))
                            || found
                                .string_data
                                .as_ref()
                                .is_some_and(|d| d.contains_key(k))
                    };
                    if let Some(item) = s.items.iter().flatten().find(|i| !has(&i.key)) {
                        return failed(format!("references non-existent secret key: {}", item.key));
                    }
                }
                _ => {}
            }
        }
        // projected.go: each source as its own volume would be.
        for source in v.projected.iter().flat_map(|p| p.sources.iter().flatten()) {
            if let Some(cm) = &source.config_map {
                if cm.optional != Some(true)
                    && c.store
                        .get::<k8s_openapi::api::core::v1::ConfigMap>(&ns, &cm.name)
                        .is_none()
                {
                    return failed(format!(
                        "configmap {} not found",
                        crate::validation::go_quote(&cm.name)
                    ));
                }
            }
            if let Some(s) = &source.secret {
                if s.optional != Some(true)
                    && c.store
                        .get::<k8s_openapi::api::core::v1::Secret>(&ns, &s.name)
                        .is_none()
                {
                    return failed(format!(
                        "secret {} not found",
                        crate::validation::go_quote(&s.name)
                    ));
                }
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
        let Some(spec) = volume.spec.as_ref() else {
            continue;
        };
        // Only attachable volumes go through the attach/detach controller (CSI, iSCSI, FC, RBD);
        // IsMultiAttachAllowed: a volume without access modes, or with a shared one, may.
        let attachable =
            spec.csi.is_some() || spec.iscsi.is_some() || spec.fc.is_some() || spec.rbd.is_some();
        let modes = spec.access_modes.clone().unwrap_or_default();
        let shared = modes.is_empty()
            || modes
                .iter()
                .any(|m| m == "ReadWriteMany" || m == "ReadOnlyMany");
        if !attachable || shared {
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
