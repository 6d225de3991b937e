//! The Deployment controller (pkg/controller/deployment: sync.go, rolling.go, recreate.go,
//! progress.go): one ReplicaSet per template, named `<deployment>-<pod-template-hash>`, scaled up and
//! down as the strategy allows.
//!
//! The one thing to know: a rolling update never has more than replicas + maxSurge Pods (counting the
//! ReplicaSets' replicas) nor fewer than replicas − maxUnavailable available ones; each pass scales the
//! new ReplicaSet up as far as the surge allows and the old ones down as far as availability allows.

use std::collections::BTreeMap;

use k8s_openapi::api::apps::v1::{
    Deployment, DeploymentCondition, DeploymentStatus, ReplicaSet, ReplicaSetSpec,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};

use super::{controller_keys, event, own_key, template_hash, without_label, Controller};
use crate::selector::from_label_selector;
use crate::sim::defaults::scaled_value;
use crate::sim::events::EventType;
use crate::sim::queue::QueueKey;
use crate::sim::store::{controller_of, Store, Touch};
use crate::sim::time::{self, millis_of, Millis};
use crate::sim::{controller_ref, Cluster};

const COMPONENT: &str = "deployment-controller";
pub const REVISION: &str = "deployment.kubernetes.io/revision";
const DESIRED: &str = "deployment.kubernetes.io/desired-replicas";
const MAX_REPLICAS: &str = "deployment.kubernetes.io/max-replicas";
pub const HASH_LABEL: &str = "pod-template-hash";

fn replicas(rs: &ReplicaSet) -> i32 {
    rs.spec.as_ref().and_then(|s| s.replicas).unwrap_or(0)
}

fn available(rs: &ReplicaSet) -> i32 {
    rs.status
        .as_ref()
        .and_then(|s| s.available_replicas)
        .unwrap_or(0)
}

fn revision(meta: &ObjectMeta) -> i64 {
    meta.annotations
        .as_ref()
        .and_then(|a| a.get(REVISION))
        .and_then(|r| r.parse().ok())
        .unwrap_or(0)
}

fn created(rs: &ReplicaSet) -> (Millis, String) {
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

pub(crate) const CONTROLLER: Controller = Controller {
    name: COMPONENT,
    watches,
    reconcile,
    order: None,
};

/// deployment_controller.go's event handlers: a Deployment, the ReplicaSets it controls (and any
/// Deployment in the namespace for a ReplicaSet without a controller, which it may adopt), and the
/// Pods of its ReplicaSets (a Recreate rollout waits for the old ones to go).
fn watches(store: &Store, t: &Touch, out: &mut dyn FnMut(QueueKey)) {
    match t.kind.as_str() {
        "Deployment" => out(own_key(t)),
        "ReplicaSet" => {
            controller_keys(t, "Deployment", out);
            if t.new.as_ref().is_some_and(|n| n.controller().is_none()) {
                for d in store.deployments.in_namespace(&t.key.0) {
                    out(QueueKey::new(
                        &t.key.0,
                        d.metadata.name.as_deref().unwrap_or_default(),
                    ));
                }
            }
        }
        "Pod" => {
            for f in t.sides() {
                let Some(o) = f.controller().filter(|o| o.kind == "ReplicaSet") else {
                    continue;
                };
                let owner = store
                    .get::<ReplicaSet>(&t.key.0, &o.name)
                    .and_then(|rs| controller_of(&rs.metadata))
                    .filter(|r| r.kind == "Deployment");
                if let Some(r) = owner {
                    out(QueueKey::new(&t.key.0, &r.name));
                }
            }
        }
        _ => {}
    }
}

fn reconcile(c: &mut Cluster, key: &QueueKey) {
    let Some(d) = c
        .store
        .get::<Deployment>(&key.namespace, &key.name)
        .cloned()
    else {
        return;
    };
    if d.metadata.deletion_timestamp.is_some() {
        return;
    }
    let uid = d.metadata.uid.clone().unwrap_or_default();
    let ns = key.namespace.clone();
    // The ReplicaSets it controls, and those without a controller in its namespace.
    let mine: Vec<ReplicaSet> = c
        .store
        .index
        .controlled
        .get(&uid)
        .into_iter()
        .flatten()
        .filter(|(kind, _)| kind == "ReplicaSet")
        .filter_map(|(_, (n, name))| c.store.get::<ReplicaSet>(n, name).cloned())
        .collect();
    let free: Vec<ReplicaSet> = c
        .store
        .index
        .uncontrolled
        .range(("ReplicaSet".to_string(), (ns.clone(), String::new()))..)
        .take_while(|(kind, (n, _))| kind == "ReplicaSet" && *n == ns)
        .filter_map(|(_, (n, name))| c.store.get::<ReplicaSet>(n, name).cloned())
        .collect();
    sync(c, d, mine, free);
}

fn sync(c: &mut Cluster, d: Deployment, mine: Vec<ReplicaSet>, free: Vec<ReplicaSet>) {
    let ns = d.metadata.namespace.clone().unwrap_or_default();
    let name = d.metadata.name.clone().unwrap_or_default();
    let Some(spec) = d.spec.clone() else { return };
    let Ok(selector) = from_label_selector(&spec.selector) else {
        return;
    };
    // The ReplicaSets this Deployment owns, adopting orphans its selector matches.
    let mut sets: Vec<ReplicaSet> = mine;
    for mut rs in free {
        if selector.matches(&super::labels(&rs.metadata))
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
                .push(controller_ref(&d));
            c.store.put(rs.clone());
            sets.push(rs);
        }
    }
    sets.sort_by_key(created);
    let template = spec.template.clone();
    let new_index = sets.iter().position(|rs| {
        rs.spec
            .as_ref()
            .and_then(|s| s.template.as_ref())
            .is_some_and(|t| without_label(t, HASH_LABEL) == without_label(&template, HASH_LABEL))
    });
    let want = spec.replicas.unwrap_or(1).max(0);
    let recreate = spec.strategy.as_ref().and_then(|s| s.type_.as_deref()) == Some("Recreate");
    let (surge, max_unavailable) = if recreate { (0, 0) } else { fenceposts(&d) };
    let max_old_revision = sets
        .iter()
        .map(|rs| revision(&rs.metadata))
        .max()
        .unwrap_or(0);
    let paused = spec.paused == Some(true);

    let mut new_rs = new_index.map(|i| sets.remove(i));
    let mut old: Vec<ReplicaSet> = sets;
    let mut progressed = false;
    if !paused {
        // Find or create the new ReplicaSet (sync.go getNewReplicaSet).
        match new_rs.as_mut() {
            Some(rs) => {
                if revision(&rs.metadata) < max_old_revision || revision(&rs.metadata) == 0 {
                    // Rolling back to an older template: it becomes the newest revision.
                    set_annotation(
                        &mut rs.metadata,
                        REVISION,
                        (max_old_revision + 1).to_string(),
                    );
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
                annotations.insert(DESIRED.to_string(), want.to_string());
                annotations.insert(MAX_REPLICAS.to_string(), (want + surge).to_string());
                annotations.insert(REVISION.to_string(), (max_old_revision + 1).to_string());
                let mut rs = ReplicaSet {
                    metadata: ObjectMeta {
                        name: Some(rs_name.clone()),
                        namespace: Some(ns.clone()),
                        labels: Some(labels),
                        annotations: Some(annotations),
                        owner_references: Some(vec![controller_ref(&d)]),
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
                        &d,
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
            progressed |= scale(c, &d, &mut new, want, surge);
        } else if recreate {
            // recreate.go: everything old goes to zero first; the new one waits until no old Pod runs.
            for rs in old.iter_mut() {
                if replicas(rs) > 0 {
                    progressed |= scale(c, &d, rs, 0, surge);
                }
            }
            let old_uids: Vec<String> = old
                .iter()
                .filter_map(|rs| rs.metadata.uid.clone())
                .collect();
            let old_pods_running = old_uids.iter().any(|uid| {
                super::controlled_pods(c, uid)
                    .filter_map(|(n, name)| c.store.get::<k8s_openapi::api::core::v1::Pod>(n, name))
                    .any(|p| !matches!(super::phase(p), "Succeeded" | "Failed"))
            });
            if !old_pods_running && replicas(&new) != want {
                progressed |= scale(c, &d, &mut new, want, surge);
            }
        } else {
            // rolling.go reconcileNewReplicaSet.
            let total: i32 = old.iter().map(replicas).sum::<i32>() + replicas(&new);
            let new_replicas = replicas(&new);
            if new_replicas > want {
                progressed |= scale(c, &d, &mut new, want, surge);
            } else if new_replicas < want {
                let max_total = want + surge;
                if total < max_total {
                    let up = (max_total - total).min(want - new_replicas);
                    progressed |= scale(c, &d, &mut new, new_replicas + up, surge);
                }
            }
            // rolling.go reconcileOldReplicaSets.
            let old_total: i32 = old.iter().map(replicas).sum();
            if old_total > 0 {
                let all_total: i32 = old_total + replicas(&new);
                let min_available = want - max_unavailable;
                let new_unavailable = replicas(&new) - available(&new);
                let max_scaled_down = all_total - min_available - new_unavailable;
                if max_scaled_down > 0 {
                    // cleanupUnhealthyReplicas: old Pods that are not available go first.
                    let mut cleaned = 0;
                    for rs in old.iter_mut() {
                        if cleaned >= max_scaled_down {
                            break;
                        }
                        let r = replicas(rs);
                        if r == 0 || r == available(rs) {
                            continue;
                        }
                        let down = (max_scaled_down - cleaned).min(r - available(rs));
                        progressed |= scale(c, &d, rs, r - down, surge);
                        cleaned += down;
                    }
                    // scaleDownOldReplicaSetsForRollingUpdate: then as many available ones as allowed.
                    let all_available: i32 =
                        old.iter().map(available).sum::<i32>() + available(&new);
                    if all_available > min_available {
                        let total_down = all_available - min_available;
                        let mut done = 0;
                        for rs in old.iter_mut() {
                            if done >= total_down {
                                break;
                            }
                            let r = replicas(rs);
                            if r == 0 {
                                continue;
                            }
                            let down = r.min(total_down - done);
                            progressed |= scale(c, &d, rs, r - down, surge);
                            done += down;
                        }
                    }
                }
            }
        }
        new_rs = Some(new);
        cleanup(c, &old, spec.revision_history_limit.unwrap_or(10));
    }
    update_status(c, &d, new_rs.as_ref(), &old, progressed);
}

fn set_annotation(meta: &mut ObjectMeta, key: &str, value: String) {
    meta.annotations
        .get_or_insert_with(BTreeMap::new)
        .insert(key.into(), value);
}

/// Scales a ReplicaSet and records the event; true if it changed.
fn scale(c: &mut Cluster, d: &Deployment, rs: &mut ReplicaSet, to: i32, surge: i32) -> bool {
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
    empty.sort_by_key(|rs| (revision(&rs.metadata), created(rs)));
    for rs in empty.into_iter().take(extra) {
        let ns = rs.metadata.namespace.clone().unwrap_or_default();
        let name = rs.metadata.name.clone().unwrap_or_default();
        c.store.remove("ReplicaSet", &ns, &name);
    }
}

fn update_status(
    c: &mut Cluster,
    d: &Deployment,
    new: Option<&ReplicaSet>,
    old: &[ReplicaSet],
    progressed: bool,
) {
    let ns = d.metadata.namespace.clone().unwrap_or_default();
    let name = d.metadata.name.clone().unwrap_or_default();
    let Some(mut latest) = c.store.get::<Deployment>(&ns, &name).cloned() else {
        return;
    };
    let fresh = |rs: &ReplicaSet| {
        c.store
            .get::<ReplicaSet>(&ns, rs.metadata.name.as_deref().unwrap_or_default())
            .cloned()
            .unwrap_or_else(|| rs.clone())
    };
    let all: Vec<ReplicaSet> = new.into_iter().chain(old.iter()).map(fresh).collect();
    let new_fresh: Option<ReplicaSet> = new.map(fresh);
    let fresh = |rs: &ReplicaSet| -> ReplicaSet {
        match &new_fresh {
            Some(n) if n.metadata.name == rs.metadata.name => n.clone(),
            _ => rs.clone(),
        }
    };
    let st = |rs: &ReplicaSet, f: fn(&k8s_openapi::api::apps::v1::ReplicaSetStatus) -> i32| {
        rs.status.as_ref().map(f).unwrap_or(0)
    };
    let replicas_now: i32 = all.iter().map(|rs| st(rs, |s| s.replicas)).sum();
    let updated = new.map(|rs| st(&fresh(rs), |s| s.replicas)).unwrap_or(0);
    let ready: i32 = all
        .iter()
        .map(|rs| st(rs, |s| s.ready_replicas.unwrap_or(0)))
        .sum();
    let avail: i32 = all
        .iter()
        .map(|rs| st(rs, |s| s.available_replicas.unwrap_or(0)))
        .sum();
    let want = d.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1);
    let (_, max_unavailable) = fenceposts(d);
    let now = c.now();
    let old_status = latest.status.clone().unwrap_or_default();
    let mut conditions: Vec<DeploymentCondition> =
        old_status.conditions.clone().unwrap_or_default();
    let set = |conds: &mut Vec<DeploymentCondition>,
               type_: &str,
               status: &str,
               reason: &str,
               message: String| {
        let t = time::time(now);
        match conds.iter_mut().find(|c| c.type_ == type_) {
            Some(c) => {
                if c.status != status {
                    c.last_transition_time = Some(t.clone());
                }
                if c.status != status
                    || c.reason.as_deref() != Some(reason)
                    || c.message.as_deref() != Some(message.as_str())
                {
                    c.last_update_time = Some(t);
                }
                c.status = status.into();
                c.reason = Some(reason.into());
                c.message = Some(message);
            }
            None => conds.push(DeploymentCondition {
                type_: type_.into(),
                status: status.into(),
                reason: Some(reason.into()),
                message: Some(message),
                last_transition_time: Some(t.clone()),
                last_update_time: Some(t),
            }),
        }
    };
    if avail >= want - max_unavailable.min(want) {
        set(
            &mut conditions,
            "Available",
            "True",
            "MinimumReplicasAvailable",
            "Deployment has minimum availability.".into(),
        );
    } else {
        set(
            &mut conditions,
            "Available",
            "False",
            "MinimumReplicasUnavailable",
            "Deployment does not have minimum availability.".into(),
        );
    }
    let new_name = new
        .and_then(|rs| rs.metadata.name.clone())
        .unwrap_or_default();
    let complete = updated == want
        && avail == want
        && replicas_now == want
        && new.is_some_and(|rs| st(&fresh(rs), |s| s.available_replicas.unwrap_or(0)) == want);
    let status_changed = old_status.updated_replicas.unwrap_or(0) != updated
        || old_status.ready_replicas.unwrap_or(0) != ready
        || old_status.available_replicas.unwrap_or(0) != avail
        || old_status.replicas.unwrap_or(0) != replicas_now;
    let deadline = d
        .spec
        .as_ref()
        .and_then(|s| s.progress_deadline_seconds)
        .unwrap_or(600);
    let progressing = conditions
        .iter()
        .find(|c| c.type_ == "Progressing")
        .cloned();
    if d.spec.as_ref().and_then(|s| s.paused) == Some(true) {
        set(
            &mut conditions,
            "Progressing",
            "Unknown",
            "DeploymentPaused",
            "Deployment is paused".into(),
        );
    } else if complete {
        set(
            &mut conditions,
            "Progressing",
            "True",
            "NewReplicaSetAvailable",
            format!(
                "ReplicaSet {} has successfully progressed.",
                crate::validation::go_quote(&new_name)
            ),
        );
    } else if progressing.is_none() {
        set(
            &mut conditions,
            "Progressing",
            "True",
            "NewReplicaSetCreated",
            format!(
                "Created new replica set {}",
                crate::validation::go_quote(&new_name)
            ),
        );
    } else if progressed
        || status_changed
        || progressing.as_ref().and_then(|p| p.reason.as_deref()) == Some("NewReplicaSetAvailable")
    {
        set(
            &mut conditions,
            "Progressing",
            "True",
            "ReplicaSetUpdated",
            format!(
                "ReplicaSet {} is progressing.",
                crate::validation::go_quote(&new_name)
            ),
        );
        // Each update moves the deadline.
        if let Some(c) = conditions.iter_mut().find(|c| c.type_ == "Progressing") {
            c.last_update_time = Some(time::time(now));
        }
    }
    // progress.go: no progress for progressDeadlineSeconds.
    if let Some(p) = conditions
        .iter()
        .find(|c| c.type_ == "Progressing")
        .cloned()
    {
        if p.status == "True" && p.reason.as_deref() != Some("NewReplicaSetAvailable") {
            let since = p.last_update_time.as_ref().map(millis_of).unwrap_or(now);
            let at = since + i64::from(deadline) * 1000;
            if now >= at {
                set(
                    &mut conditions,
                    "Progressing",
                    "False",
                    "ProgressDeadlineExceeded",
                    format!(
                        "ReplicaSet {} has timed out progressing.",
                        crate::validation::go_quote(&new_name)
                    ),
                );
                event(
                    c,
                    d,
                    EventType::Warning,
                    "ProgressDeadlineExceeded",
                    format!(
                        "Deployment {} has timed out progressing.",
                        crate::validation::go_quote(&name)
                    ),
                    COMPONENT,
                );
            } else {
                c.wake_at(at);
            }
        }
    }
    // kubectl prints Available before Progressing once both exist; keep the API server's order.
    conditions.sort_by_key(|c| if c.type_ == "Available" { 0 } else { 1 });
    latest.status = Some(DeploymentStatus {
        observed_generation: latest.metadata.generation,
        replicas: Some(replicas_now),
        updated_replicas: Some(updated),
        ready_replicas: Some(ready),
        available_replicas: Some(avail),
        unavailable_replicas: Some((want - avail).max(0)),
        conditions: Some(conditions),
        collision_count: old_status.collision_count,
        terminating_replicas: None,
    });
    set_annotation(
        &mut latest.metadata,
        REVISION,
        new.map(|rs| revision(&fresh(rs).metadata))
            .unwrap_or(0)
            .to_string(),
    );
    c.store.put(latest);
}
