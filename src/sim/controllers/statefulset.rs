//! The StatefulSet controller (pkg/controller/statefulset/stateful_set_control.go): Pods named
//! `<set>-<ordinal>` with stable identity, created in order and each waiting for the one before it to
//! be Running and Ready (OrderedReady), or all at once (Parallel); removed from the highest ordinal;
//! updated from the highest ordinal down to the partition, one at a time.

use std::rc::Rc;

use std::collections::BTreeMap;

use k8s_openapi::api::apps::v1::{StatefulSet, StatefulSetStatus};
use k8s_openapi::api::core::v1::{
    PersistentVolumeClaim, PersistentVolumeClaimVolumeSource, Pod, PodTemplateSpec, Volume,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::{
    controlled_pods, controller_keys, create_pod, delete_pod, event, is_available, is_ready, live,
    own_key, phase, template_hash, Controller,
};
use crate::sim::events::EventType;
use crate::sim::queue::QueueKey;
use crate::sim::store::controller_of;
use crate::sim::store::{Store, Touch};
use crate::sim::{controller_ref, Cluster};

const COMPONENT: &str = "statefulset-controller";
pub const REVISION_LABEL: &str = "controller-revision-hash";

fn ordinal_of(set: &str, pod: &str) -> Option<i32> {
    pod.strip_prefix(set)?.strip_prefix('-')?.parse().ok()
}

fn healthy(p: &Pod) -> bool {
    phase(p) == "Running" && is_ready(p) && p.metadata.deletion_timestamp.is_none()
}

pub(crate) const CONTROLLER: Controller = Controller::keyed(COMPONENT, watches, reconcile);

/// stateful_set.go's event handlers: a StatefulSet and the Pods it controls.
fn watches(_: &Store, t: &Touch, out: &mut dyn FnMut(QueueKey)) {
    match t.kind.as_str() {
        "StatefulSet" => out(own_key(t)),
        "Pod" => controller_keys(t, "StatefulSet", out),
        _ => {}
    }
}

fn reconcile(c: &mut Cluster, key: &QueueKey) {
    if let Some(s) = live::<StatefulSet>(c, key) {
        sync(c, s);
    }
}

fn sync(c: &mut Cluster, set: Rc<StatefulSet>) {
    let ns = set.metadata.namespace.clone().unwrap_or_default();
    let name = set.metadata.name.clone().unwrap_or_default();
    let uid = set.metadata.uid.clone().unwrap_or_default();
    let Some(spec) = set.spec.clone() else { return };
    let want = spec.replicas.unwrap_or(1).max(0);
    let start = spec
        .ordinals
        .as_ref()
        .and_then(|o| o.start)
        .unwrap_or(0)
        .max(0);
    let parallel = spec.pod_management_policy.as_deref() == Some("Parallel");
    let update_revision = format!("{name}-{}", template_hash(&spec.template, None));
    let mut pods: BTreeMap<i32, Pod> = BTreeMap::new();
    for (n, pname) in controlled_pods(c, &uid) {
        if let Some(p) = c.store.get::<Pod>(n, pname) {
            if let Some(o) = ordinal_of(&name, pname) {
                pods.insert(o, p.clone());
            }
        }
    }
    let range = start..start + want;
    // Create missing Pods and replace failed ones, in order.
    let mut blocked = false;
    for ord in range.clone() {
        match pods.get(&ord) {
            Some(p)
                if matches!(phase(p), "Failed" | "Succeeded")
                    && p.metadata.deletion_timestamp.is_none() =>
            {
                let pname = p.metadata.name.clone().unwrap_or_default();
                delete_pod(c, &ns, &pname, None);
                event(
                    c,
                    &*set,
                    EventType::Normal,
                    "SuccessfulDelete",
                    format!("delete Pod {pname} in StatefulSet {name} successful"),
                    COMPONENT,
                );
                blocked = !parallel;
            }
            Some(p) => {
                if !healthy(p) && !parallel {
                    blocked = true;
                }
            }
            None => {
                let pname = format!("{name}-{ord}");
                if c.store.get::<Pod>(&ns, &pname).is_some() {
                    // A Pod of that name is still terminating.
                    blocked = !parallel;
                } else {
                    create_claims(c, &set, &pname, ord);
                    let template = pod_template(&spec.template, &spec, &name, ord);
                    let labels = [
                        ("statefulset.kubernetes.io/pod-name", pname.clone()),
                        ("apps.kubernetes.io/pod-index", ord.to_string()),
                        (REVISION_LABEL, update_revision.clone()),
                    ];
                    if let Some(mut p) = create_pod(
                        c,
                        &ns,
                        pname.clone(),
                        &template,
                        &labels,
                        controller_ref(&*set),
                    ) {
                        if let Some(ps) = p.spec.as_mut() {
                            ps.hostname = Some(pname.clone());
                            if !spec.service_name.clone().unwrap_or_default().is_empty() {
                                ps.subdomain = spec.service_name.clone();
                            }
                        }
                        c.store.put(p.clone());
                        event(
                            c,
                            &*set,
                            EventType::Normal,
                            "SuccessfulCreate",
                            format!("create Pod {pname} in StatefulSet {name} successful"),
                            COMPONENT,
                        );
                        pods.insert(ord, p);
                    }
                    blocked = !parallel;
                }
            }
        }
        if blocked {
            break;
        }
    }
    for (ord, p) in &pods {
        retain_claims(c, &set, p, range.contains(ord));
    }
    // Scale down from the highest ordinal: one at a time, and only when the rest are healthy.
    let condemned: Vec<i32> = pods
        .keys()
        .copied()
        .filter(|o| !range.contains(o))
        .rev()
        .collect();
    let all_healthy = range.clone().all(|o| pods.get(&o).is_some_and(healthy));
    for ord in condemned {
        let Some(p) = pods.get(&ord) else { continue };
        if p.metadata.deletion_timestamp.is_some() {
            if !parallel {
                break;
            }
            continue;
        }
        if !parallel && !all_healthy {
            break;
        }
        let pname = p.metadata.name.clone().unwrap_or_default();
        delete_pod(c, &ns, &pname, None);
        event(
            c,
            &*set,
            EventType::Normal,
            "SuccessfulDelete",
            format!("delete Pod {pname} in StatefulSet {name} successful"),
            COMPONENT,
        );
        if !parallel {
            break;
        }
    }
    // RollingUpdate from the highest ordinal down to the partition.
    let strategy = spec.update_strategy.clone().unwrap_or_default();
    if strategy.type_.as_deref() != Some("OnDelete") && !blocked {
        let partition = strategy
            .rolling_update
            .as_ref()
            .and_then(|r| r.partition)
            .unwrap_or(0);
        for ord in range.clone().rev() {
            if ord < partition {
                break;
            }
            let Some(p) = pods.get(&ord) else { break };
            let rev = p
                .metadata
                .labels
                .as_ref()
                .and_then(|l| l.get(REVISION_LABEL))
                .cloned()
                .unwrap_or_default();
            if rev != update_revision && p.metadata.deletion_timestamp.is_none() {
                let pname = p.metadata.name.clone().unwrap_or_default();
                delete_pod(c, &ns, &pname, None);
                event(
                    c,
                    &*set,
                    EventType::Normal,
                    "SuccessfulDelete",
                    format!("delete Pod {pname} in StatefulSet {name} successful"),
                    COMPONENT,
                );
                break;
            }
            if !healthy(p) {
                break;
            }
        }
    }
    // Status.
    let now = c.now();
    let current: Vec<Pod> = c
        .store
        .pods
        .in_namespace(&ns)
        .filter(|p| controller_of(&p.metadata).is_some_and(|r| r.uid == uid))
        .cloned()
        .collect();
    let min_ready = spec.min_ready_seconds.unwrap_or(0);
    let updated = current
        .iter()
        .filter(|p| {
            p.metadata
                .labels
                .as_ref()
                .and_then(|l| l.get(REVISION_LABEL))
                == Some(&update_revision)
        })
        .count() as i32;
    let old_status = set.status.clone().unwrap_or_default();
    let current_revision = if updated == current.len() as i32 && updated == want {
        update_revision.clone()
    } else {
        old_status
            .current_revision
            .clone()
            .unwrap_or_else(|| update_revision.clone())
    };
    for p in &current {
        if let Some(at) = super::available_at(p, min_ready, now) {
            c.wake_at(at);
        }
    }
    let status = StatefulSetStatus {
        observed_generation: set.metadata.generation,
        replicas: current.len() as i32,
        ready_replicas: Some(current.iter().filter(|p| is_ready(p)).count() as i32),
        available_replicas: Some(
            current
                .iter()
                .filter(|p| is_available(p, min_ready, now))
                .count() as i32,
        ),
        current_replicas: Some(
            current
                .iter()
                .filter(|p| {
                    p.metadata
                        .labels
                        .as_ref()
                        .and_then(|l| l.get(REVISION_LABEL))
                        == Some(&current_revision)
                })
                .count() as i32,
        ),
        updated_replicas: Some(updated),
        current_revision: Some(current_revision),
        update_revision: Some(update_revision),
        collision_count: Some(0),
        conditions: None,
    };
    if let Some(mut latest) = c.store.get::<StatefulSet>(&ns, &name).cloned() {
        latest.status = Some(status);
        c.store.put(latest);
    }
}

/// The template with a volume for each claim template, as the controller adds them.
fn pod_template(
    t: &PodTemplateSpec,
    spec: &k8s_openapi::api::apps::v1::StatefulSetSpec,
    set: &str,
    ord: i32,
) -> PodTemplateSpec {
    let mut t = t.clone();
    let Some(ps) = t.spec.as_mut() else { return t };
    for claim in spec.volume_claim_templates.iter().flatten() {
        let cname = claim.metadata.name.clone().unwrap_or_default();
        let volumes = ps.volumes.get_or_insert_with(Vec::new);
        volumes.retain(|v| v.name != cname);
        volumes.push(Volume {
            name: cname.clone(),
            persistent_volume_claim: Some(PersistentVolumeClaimVolumeSource {
                claim_name: format!("{cname}-{set}-{ord}"),
                read_only: None,
            }),
            ..Default::default()
        });
    }
    t
}

/// `<template>-<set>-<ordinal>` for each volumeClaimTemplate, created before the Pod and kept after it.
fn create_claims(c: &mut Cluster, set: &StatefulSet, pod: &str, ord: i32) {
    let ns = set.metadata.namespace.clone().unwrap_or_default();
    let name = set.metadata.name.clone().unwrap_or_default();
    let templates = set
        .spec
        .as_ref()
        .and_then(|s| s.volume_claim_templates.clone())
        .unwrap_or_default();
    for t in templates {
        let cname = format!(
            "{}-{name}-{ord}",
            t.metadata.name.clone().unwrap_or_default()
        );
        if c.store.get::<PersistentVolumeClaim>(&ns, &cname).is_some() {
            continue;
        }
        let mut labels = set
            .spec
            .as_ref()
            .and_then(|s| s.selector.match_labels.clone())
            .unwrap_or_default();
        labels.extend(t.metadata.labels.clone().unwrap_or_default());
        let mut spec = t.spec.clone().unwrap_or_default();
        spec.volume_mode.get_or_insert_with(|| "Filesystem".into());
        let mut pvc = PersistentVolumeClaim {
            metadata: ObjectMeta {
                name: Some(cname.clone()),
                namespace: Some(ns.clone()),
                labels: Some(labels),
                ..Default::default()
            },
            spec: Some(spec),
            status: Some(k8s_openapi::api::core::v1::PersistentVolumeClaimStatus {
                phase: Some("Pending".into()),
                ..Default::default()
            }),
        };
        crate::sim::storage::admission::new_claim(c, &mut pvc);
        c.created_meta(&mut pvc.metadata, false);
        c.store.put(pvc);
        event(
            c,
            set,
            EventType::Normal,
            "SuccessfulCreate",
            format!("create Claim {cname} Pod {pod} in StatefulSet {name} success"),
            COMPONENT,
        );
    }
}

/// persistentVolumeClaimRetentionPolicy (stateful_set_utils.go updateClaimOwnerRefForSetAndPod):
/// a claim is owned by the set when `whenDeleted: Delete`, and by its Pod once the Pod is
/// condemned by a scale-down when `whenScaled: Delete`; the garbage collector does the rest.
fn retain_claims(c: &mut Cluster, set: &StatefulSet, pod: &Pod, in_range: bool) {
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::OwnerReference;
    let Some(spec) = set.spec.as_ref() else {
        return;
    };
    let policy = spec
        .persistent_volume_claim_retention_policy
        .clone()
        .unwrap_or_default();
    let delete = |p: &Option<String>| p.as_deref() == Some("Delete");
    let (when_deleted, when_scaled) = (delete(&policy.when_deleted), delete(&policy.when_scaled));
    let ns = set.metadata.namespace.clone().unwrap_or_default();
    let set_name = set.metadata.name.clone().unwrap_or_default();
    let Some(ord) = pod
        .metadata
        .name
        .as_deref()
        .and_then(|n| ordinal_of(&set_name, n))
    else {
        return;
    };
    let owner = |api_version: &str, kind: &str, meta: &ObjectMeta| OwnerReference {
        api_version: api_version.into(),
        kind: kind.into(),
        name: meta.name.clone().unwrap_or_default(),
        uid: meta.uid.clone().unwrap_or_default(),
        controller: None,
        block_owner_deletion: None,
    };
    let set_ref = owner("apps/v1", "StatefulSet", &set.metadata);
    let pod_ref = owner("v1", "Pod", &pod.metadata);
    let (by_set, by_pod) = match (when_scaled, when_deleted) {
        (false, false) => (false, false),
        (false, true) => (true, false),
        (true, false) => (false, !in_range),
        (true, true) => (in_range, !in_range),
    };
    for t in spec.volume_claim_templates.iter().flatten() {
        let cname = format!(
            "{}-{set_name}-{ord}",
            t.metadata.name.clone().unwrap_or_default()
        );
        let Some(claim) = c.store.get::<PersistentVolumeClaim>(&ns, &cname) else {
            continue;
        };
        let mut refs = claim.metadata.owner_references.clone().unwrap_or_default();
        let before = refs.clone();
        for (want, r) in [(by_set, &set_ref), (by_pod, &pod_ref)] {
            let has = refs.iter().any(|o| o.uid == r.uid);
            if want && !has {
                refs.push(r.clone());
            } else if !want && has {
                refs.retain(|o| o.uid != r.uid);
            }
        }
        if refs != before {
            let mut claim = claim.clone();
            claim.metadata.owner_references = (!refs.is_empty()).then_some(refs);
            c.store.put(claim);
        }
    }
}
