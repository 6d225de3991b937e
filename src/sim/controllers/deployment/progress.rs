//! progress.go and sync.go syncDeploymentStatus: the Deployment's replica counts, its Available and
//! Progressing conditions, and the progress deadline.

use std::rc::Rc;

use k8s_openapi::api::apps::v1::{Deployment, DeploymentCondition, DeploymentStatus, ReplicaSet};

use super::sync::{fenceposts, revision, set_annotation};
use super::{COMPONENT, REVISION};
use crate::sim::controllers::event;
use crate::sim::events::EventType;
use crate::sim::time::{self, millis_of};
use crate::sim::Cluster;

pub(super) fn update_status(
    c: &mut Cluster,
    d: &Deployment,
    new: Option<&ReplicaSet>,
    old: &[ReplicaSet],
    progressed: bool,
) {
    let ns = d.metadata.namespace.clone().unwrap_or_default();
    let name = d.metadata.name.clone().unwrap_or_default();
    let Some(latest) = c.store.deployments.shared(&ns, &name) else {
        return;
    };
    let fresh = |rs: &ReplicaSet| {
        c.store
            .replica_sets
            .shared(&ns, rs.metadata.name.as_deref().unwrap_or_default())
            .unwrap_or_else(|| Rc::new(rs.clone()))
    };
    let all: Vec<Rc<ReplicaSet>> = new.into_iter().chain(old.iter()).map(fresh).collect();
    let new_fresh: Option<Rc<ReplicaSet>> = new.map(fresh);
    let fresh = |rs: &ReplicaSet| -> Rc<ReplicaSet> {
        match &new_fresh {
            Some(n) if n.metadata.name == rs.metadata.name => n.clone(),
            _ => Rc::new(rs.clone()),
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
    crate::sort::by_key(
        &mut conditions,
        |c| if c.type_ == "Available" { 0 } else { 1 },
    );
    let status = DeploymentStatus {
        observed_generation: latest.metadata.generation,
        replicas: Some(replicas_now),
        updated_replicas: Some(updated),
        ready_replicas: Some(ready),
        available_replicas: Some(avail),
        unavailable_replicas: Some((want - avail).max(0)),
        conditions: Some(conditions),
        collision_count: old_status.collision_count,
        terminating_replicas: None,
    };
    let rev = new
        .map(|rs| revision(&fresh(rs).metadata))
        .unwrap_or(0)
        .to_string();
    let same = latest.status.as_ref() == Some(&status)
        && latest
            .metadata
            .annotations
            .as_ref()
            .and_then(|a| a.get(REVISION))
            == Some(&rev);
    if !same {
        let mut latest = Deployment::clone(&latest);
        latest.status = Some(status);
        set_annotation(&mut latest.metadata, REVISION, rev);
        c.store.put(latest);
    }
}
