//! sync.go: the Deployment's ReplicaSets — adopting orphans, finding or creating the one of the
//! current template (`<name>-<pod-template-hash>`), revisions, scaling, and the history limit.

use std::collections::BTreeMap;

use k8s_openapi::api::apps::v1::{Deployment, ReplicaSet, ReplicaSetSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};

use super::{
    progress, recreate, rolling, scaling, COMPONENT, DESIRED, HASH_LABEL, MAX_REPLICAS, REVISION,
};
use crate::selector::from_label_selector;
use crate::sim::controllers::{event, same_template, template_hash};
use crate::sim::defaults::scaled_value;
use crate::sim::events::EventType;
use crate::sim::store::controller_of;
use crate::sim::time::{millis_of, Millis};
use crate::sim::{controller_ref, Cluster};

/// copyDeploymentAnnotationsToReplicaSet: the Deployment's annotations on its new ReplicaSet,
/// except those that describe the Deployment itself; whether any changed.
fn copy_annotations(d: &Deployment, to: &mut BTreeMap<String, String>) -> bool {
    const SKIP: &[&str] = &[
        "kubectl.kubernetes.io/last-applied-configuration",
        REVISION,
        "deployment.kubernetes.io/revision-history",
        DESIRED,
        MAX_REPLICAS,
        "deprecated.deployment.rollback.to",
    ];
    let mut changed = false;
    for (k, v) in d.metadata.annotations.iter().flatten() {
        if SKIP.contains(&k.as_str()) || to.get(k) == Some(v) {
            continue;
        }
        to.insert(k.clone(), v.clone());
        changed = true;
    }
    changed
}

pub(super) fn replicas(rs: &ReplicaSet) -> i32 {
    rs.spec.as_ref().and_then(|s| s.replicas).unwrap_or(0)
}

pub(super) fn available(rs: &ReplicaSet) -> i32 {
    rs.status
        .as_ref()
        .and_then(|s| s.available_replicas)
        .unwrap_or(0)
}

pub(super) fn revision(meta: &ObjectMeta) -> i64 {
    meta.annotations
        .as_ref()
        .and_then(|a| a.get(REVISION))
        .and_then(|r| r.parse().ok())
        .unwrap_or(0)
}

pub(super) fn created(rs: &ReplicaSet) -> (Millis, String) {
    (
        rs.metadata
            .creation_timestamp
            .as_ref()
            .map(millis_of)
            .unwrap_or(0),
        rs.metadata.name.clone().unwrap_or_default(),
    )
}

/// maxSurge and maxUnavailable as numbers (`deploymentutil.ResolveFenceposts`).
pub fn fenceposts(d: &Deployment) -> (i32, i32) {
    let spec = d.spec.as_ref();
    let want = spec.and_then(|s| s.replicas).unwrap_or(1);
    let ru = spec
        .and_then(|s| s.strategy.as_ref())
        .and_then(|s| s.rolling_update.as_ref());
    let surge = scaled_value(ru.and_then(|r| r.max_surge.as_ref()), want, true);
    let mut unavailable = scaled_value(ru.and_then(|r| r.max_unavailable.as_ref()), want, false);
    if surge == 0 && unavailable == 0 {
        unavailable = 1;
    }
    (surge, unavailable)
}

pub(super) fn sync(c: &mut Cluster, d: &Deployment, mine: Vec<ReplicaSet>, free: Vec<ReplicaSet>) {
    let ns = d.metadata.namespace.clone().unwrap_or_default();
    let name = d.metadata.name.clone().unwrap_or_default();
    let Some(spec) = d.spec.clone() else { return };
    let Ok(selector) = from_label_selector(&spec.selector) else {
        return;
    };
    // The ReplicaSets this Deployment owns, adopting orphans its selector matches.
    let mut sets: Vec<ReplicaSet> = mine;
    for mut rs in free {
        if selector.matches(&crate::sim::controllers::labels(&rs.metadata))
            && rs.metadata.deletion_timestamp.is_none()
            && controller_of(&rs.metadata).is_none()
        {
            // Re-read: another Deployment may have adopted it in this pass.
            let name = rs.metadata.name.clone().unwrap_or_default();
            if c.store
                .get::<ReplicaSet>(&ns, &name)
                .is_some_and(|r| controller_of(&r.metadata).is_some())
            {
                continue;
            }
            rs.metadata
                .owner_references
                .get_or_insert_with(Vec::new)
                .push(controller_ref(d));
            c.store.put(rs.clone());
            sets.push(rs);
        }
    }
    crate::sort::by_key(&mut sets, created);
    let template = spec.template.clone();
    let new_index = sets.iter().position(|rs| {
        rs.spec
            .as_ref()
            .and_then(|s| s.template.as_ref())
            .is_some_and(|t| same_template(t, &template, HASH_LABEL))
    });
    let want = spec.replicas.unwrap_or(1).max(0);
    let recreate = spec.strategy.as_ref().and_then(|s| s.type_.as_deref()) == Some("Recreate");
    let (surge, max_unavailable) = if recreate { (0, 0) } else { fenceposts(d) };
    let max_old_revision = sets
        .iter()
        .map(|rs| revision(&rs.metadata))
        .max()
        .unwrap_or(0);
    let paused = spec.paused == Some(true);

    let mut new_rs = new_index.map(|i| sets.remove(i));
    let mut old: Vec<ReplicaSet> = sets;
    // syncDeployment: a paused Deployment, or one whose replicas changed, is only resized this
    // pass (sync.go `sync`), without creating a ReplicaSet; the rollout goes on at the next.
    if paused || scaling::is_scaling_event(new_rs.as_ref(), &old, want) {
        scaling::proportionally(c, d, new_rs.as_mut(), &mut old, (want, surge, !recreate));
        if paused {
            cleanup(c, &old, spec.revision_history_limit.unwrap_or(10));
        }
        progress::update_status(c, d, new_rs.as_ref(), &old, false);
        return;
    }
    let mut progressed = false;
    if !paused {
        // Find or create the new ReplicaSet (sync.go getNewReplicaSet).
        match new_rs.as_mut() {
            Some(rs) => {
                let mut changed = false;
                if revision(&rs.metadata) < max_old_revision || revision(&rs.metadata) == 0 {
                    // Rolling back to an older template: it becomes the newest revision.
                    set_annotation(
                        &mut rs.metadata,
                        REVISION,
                        (max_old_revision + 1).to_string(),
                    );
                    changed = true;
                }
                // SetNewReplicaSetAnnotations: the Deployment's own annotations (a change-cause).
                let mut annotations = rs.metadata.annotations.clone().unwrap_or_default();
                if copy_annotations(d, &mut annotations) {
                    rs.metadata.annotations = Some(annotations);
                    changed = true;
                }
                // getNewReplicaSet keeps the new ReplicaSet's minReadySeconds the Deployment's.
                let min_ready = spec.min_ready_seconds.unwrap_or(0);
                if let Some(s) = rs
                    .spec
                    .as_mut()
                    .filter(|s| s.min_ready_seconds.unwrap_or(0) != min_ready)
                {
                    s.min_ready_seconds = Some(min_ready);
                    changed = true;
                }
                if changed {
                    c.store.put(rs.clone());
                }
            }
            None => {
                let old_total: i32 = old.iter().map(replicas).sum();
                let initial = if recreate {
                    if old_total > 0 {
                        0
                    } else {
                        want
                    }
                } else {
                    let max_total = want + surge;
                    if old_total >= max_total {
                        0
                    } else {
                        (max_total - old_total).min(want)
                    }
                };
                let collision = d.status.as_ref().and_then(|s| s.collision_count);
                let hash = template_hash(&template, collision);
                let rs_name = format!("{name}-{hash}");
                let mut labels = template
                    .metadata
                    .as_ref()
                    .and_then(|m| m.labels.clone())
                    .unwrap_or_default();
                labels.insert(HASH_LABEL.into(), hash.clone());
                let mut t = template.clone();
                t.metadata.get_or_insert_with(Default::default).labels = Some(labels.clone());
                let mut sel: LabelSelector = spec.selector.clone();
                sel.match_labels
                    .get_or_insert_with(BTreeMap::new)
                    .insert(HASH_LABEL.into(), hash);
                let mut annotations = BTreeMap::new();
                copy_annotations(d, &mut annotations);
                annotations.insert(DESIRED.to_string(), want.to_string());
                annotations.insert(MAX_REPLICAS.to_string(), (want + surge).to_string());
                annotations.insert(REVISION.to_string(), (max_old_revision + 1).to_string());
                let mut rs = ReplicaSet {
                    metadata: ObjectMeta {
                        name: Some(rs_name.clone()),
                        namespace: Some(ns.clone()),
                        labels: Some(labels),
                        annotations: Some(annotations),
                        owner_references: Some(vec![controller_ref(d)]),
                        ..Default::default()
                    },
                    spec: Some(ReplicaSetSpec {
                        replicas: Some(initial),
                        min_ready_seconds: spec.min_ready_seconds,
                        selector: sel,
                        template: Some(t),
                    }),
                    status: None,
                };
                c.created_meta(&mut rs.metadata, true);
                if c.store.get::<ReplicaSet>(&ns, &rs_name).is_some() {
                    // A hash collision with a ReplicaSet of another template: bump collisionCount
                    // and try again on the next pass.
                    let mut dd = d.clone();
                    let st = dd.status.get_or_insert_with(Default::default);
                    st.collision_count = Some(st.collision_count.unwrap_or(0) + 1);
                    c.store.put(dd);
                    return;
                }
                c.store.put(rs.clone());
                if initial > 0 {
                    event(
                        c,
                        d,
                        EventType::Normal,
                        "ScalingReplicaSet",
                        format!("Scaled up replica set {rs_name} from 0 to {initial}"),
                        COMPONENT,
                    );
                }
                progressed = true;
                new_rs = Some(rs);
            }
        }
        let Some(mut new) = new_rs.clone() else {
            return;
        };
        let old_active: i32 = old.iter().map(replicas).sum();
        if old_active == 0 && replicas(&new) != want {
            // Only the new ReplicaSet has Pods: a plain scale.
            progressed |= scale(c, d, &mut new, want, surge);
        } else if recreate {
            progressed |= recreate::rollout(c, d, &mut new, &mut old, want, surge);
        } else {
            progressed |=
                rolling::rollout(c, d, &mut new, &mut old, (want, surge, max_unavailable));
        }
        new_rs = Some(new);
        cleanup(c, &old, spec.revision_history_limit.unwrap_or(10));
    }
    progress::update_status(c, d, new_rs.as_ref(), &old, progressed);
}

pub(super) fn set_annotation(meta: &mut ObjectMeta, key: &str, value: String) {
    meta.annotations
        .get_or_insert_with(BTreeMap::new)
        .insert(key.into(), value);
}

/// Scales a ReplicaSet and records the event; true if it changed.
pub(super) fn scale(
    c: &mut Cluster,
    d: &Deployment,
    rs: &mut ReplicaSet,
    to: i32,
    surge: i32,
) -> bool {
    let from = replicas(rs);
    let want = d.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1);
    if let Some(s) = rs.spec.as_mut() {
        s.replicas = Some(to);
    }
    set_annotation(&mut rs.metadata, DESIRED, want.to_string());
    set_annotation(&mut rs.metadata, MAX_REPLICAS, (want + surge).to_string());
    let ns = rs.metadata.namespace.clone().unwrap_or_default();
    let name = rs.metadata.name.clone().unwrap_or_default();
    if let Some(mut stored) = c.store.get::<ReplicaSet>(&ns, &name).cloned() {
        stored.spec = rs.spec.clone();
        stored.metadata.annotations = rs.metadata.annotations.clone();
        c.store.put(stored);
    }
    if from == to {
        return false;
    }
    let verb = if to > from { "up" } else { "down" };
    event(
        c,
        d,
        EventType::Normal,
        "ScalingReplicaSet",
        format!("Scaled {verb} replica set {name} from {from} to {to}"),
        COMPONENT,
    );
    true
}

/// Deletes the oldest empty ReplicaSets beyond revisionHistoryLimit (sync.go cleanupDeployment).
fn cleanup(c: &mut Cluster, old: &[ReplicaSet], limit: i32) {
    let mut empty: Vec<&ReplicaSet> = old
        .iter()
        .filter(|rs| {
            replicas(rs) == 0
                && rs.status.as_ref().is_none_or(|s| s.replicas == 0)
                && rs.metadata.deletion_timestamp.is_none()
        })
        .collect();
    let extra = empty.len().saturating_sub(limit.max(0) as usize);
    crate::sort::by_key(&mut empty, |rs| (revision(&rs.metadata), created(rs)));
    for rs in empty.into_iter().take(extra) {
        let ns = rs.metadata.namespace.clone().unwrap_or_default();
        let name = rs.metadata.name.clone().unwrap_or_default();
        c.store.remove("ReplicaSet", &ns, &name);
    }
}

#[cfg(test)]
mod tests {
    use k8s_openapi::api::apps::v1::{DeploymentSpec, DeploymentStrategy, RollingUpdateDeployment};
    use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

    use super::*;

    fn value(s: &str) -> IntOrString {
        s.parse::<i32>()
            .map(IntOrString::Int)
            .unwrap_or_else(|_| IntOrString::String(s.into()))
    }

    /// deploymentutil.ResolveFenceposts (pkg/controller/deployment/util/deployment_util.go and
    /// TestResolveFenceposts): maxSurge rounds up, maxUnavailable down, and 0/0 becomes 0/1.
    #[test]
    fn fenceposts_resolve_as_upstream() {
        for (surge, unavailable, replicas, want) in [
            ("0%", "0%", 0, (0, 1)),
            ("39%", "39%", 10, (4, 3)),
            ("5", "1", 7, (5, 1)),
            ("25%", "25%", 4, (1, 1)),
            ("25%", "25%", 10, (3, 2)),
            ("25%", "25%", 1, (1, 0)),
            ("0", "0", 3, (0, 1)),
            ("100%", "0%", 3, (3, 0)),
            ("1%", "99%", 3, (1, 2)),
        ] {
            let d = Deployment {
                spec: Some(DeploymentSpec {
                    replicas: Some(replicas),
                    strategy: Some(DeploymentStrategy {
                        type_: Some("RollingUpdate".into()),
                        rolling_update: Some(RollingUpdateDeployment {
                            max_surge: Some(value(surge)),
                            max_unavailable: Some(value(unavailable)),
                        }),
                    }),
                    ..Default::default()
                }),
                ..Default::default()
            };
            assert_eq!(
                fenceposts(&d),
                want,
                "maxSurge {surge}, maxUnavailable {unavailable}, {replicas} replicas"
            );
        }
    }
}
