//! What a Pod's volumes and env references need before its containers can start: the kubelet's
//! FailedMount and CreateContainerConfigError messages (volumemanager, kuberuntime_container.go).

use super::*;

pub(super) fn missing_volume(c: &Cluster, pod: &Pod) -> Option<String> {
    let ns = pod.metadata.namespace.clone().unwrap_or_default();
    for v in pod.spec.as_ref()?.volumes.iter().flatten() {
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
