//! The ReplicaSet controller (pkg/controller/replicaset/replica_set.go): keeps `replicas` active Pods
//! that match the selector, adopting orphans and releasing Pods whose labels stopped matching.

use std::rc::Rc;

use k8s_openapi::api::apps::v1::{ReplicaSet, ReplicaSetStatus};
use k8s_openapi::api::core::v1::Pod;

use super::{
    controlled_pods, controller_keys, create_pod, delete_pod, deletion_order, event, failed_create,
    finished, is_active, is_available, is_ready, live, own_key, queue_all, uncontrolled,
    Controller,
};
use crate::selector::from_label_selector;
use crate::sim::events::EventType;
use crate::sim::queue::QueueKey;
use crate::sim::store::{controller_of, Store, Touch};
use crate::sim::{controller_ref, Cluster};

const COMPONENT: &str = "replicaset-controller";

pub(crate) const CONTROLLER: Controller = Controller::keyed(COMPONENT, watches, reconcile);

/// replica_set.go's event handlers: a ReplicaSet, the Pods it controls (before and after the
/// write: a Pod whose labels stopped matching is released), and any ReplicaSet in the namespace
/// for an active Pod without a controller (it may be adopted).
fn watches(store: &Store, t: &Touch, out: &mut dyn FnMut(QueueKey)) {
    match t.kind.as_str() {
        "ReplicaSet" => out(own_key(t)),
        "Pod" => {
            controller_keys(t, "ReplicaSet", out);
            if let Some(new) = &t.new {
                if new.controller().is_none() && !new.deleting && !finished(new) {
                    queue_all::<ReplicaSet>(store, Some(&t.key.0), out);
                }
            }
        }
        _ => {}
    }
}

fn reconcile(c: &mut Cluster, key: &QueueKey) {
    let Some(rs) = live::<ReplicaSet>(c, key) else {
        return;
    };
    let ns = rs.metadata.namespace.clone().unwrap_or_default();
    let uid = rs.metadata.uid.clone().unwrap_or_default();
    let Some(spec) = rs.spec.as_ref() else {
        return;
    };
    let Ok(selector) = from_label_selector(&spec.selector) else {
        return;
    };
    // Active Pods without a controller in the namespace: candidates for adoption.
    let orphans: Vec<Rc<Pod>> = uncontrolled::<Pod>(c, &ns)
        .filter(|p| is_active(p))
        .cloned()
        .collect();
    let mine: Vec<crate::sim::store::Key> = controlled_pods(c, &uid).cloned().collect();
    // Release Pods whose labels no longer match; adopt orphans that do.
    let mut owned: Vec<crate::sim::store::Key> = Vec::new();
    let mut release: Vec<Rc<Pod>> = Vec::new();
    for k in &mine {
        let Some(p) = c.store.pods.items.get(k) else {
            continue;
        };
        if selector.matches(&super::labels(&p.metadata)) {
            owned.push(k.clone());
        } else {
            release.push(p.clone());
        }
    }
    for p in release {
        let mut p = Pod::clone(&p);
        if let Some(refs) = p.metadata.owner_references.as_mut() {
            refs.retain(|r| r.uid != uid);
        }
        c.store.put(p);
    }
    let orphans: Vec<Rc<Pod>> = orphans
        .iter()
        .filter(|p| {
            selector.matches(&super::labels(&p.metadata))
                && c.store
                    .get::<Pod>(&ns, p.metadata.name.as_deref().unwrap_or_default())
                    .is_some_and(|q| controller_of(&q.metadata).is_none())
        })
        .cloned()
        .collect();
    for p in orphans {
        let mut p = Pod::clone(&p);
        p.metadata
            .owner_references
            .get_or_insert_with(Vec::new)
            .push(controller_ref(&*rs));
        owned.push(crate::sim::store::key_of(&p.metadata));
        c.store.put(p);
    }
    let active_keys: Vec<crate::sim::store::Key> = owned
        .iter()
        .filter(|k| c.store.pods.by_key(k).is_some_and(is_active))
        .cloned()
        .collect();
    let active_count = active_keys.len();
    let want = spec.replicas.unwrap_or(1).max(0) as usize;
    let name = rs.metadata.name.clone().unwrap_or_default();
    let mut names: Vec<String> = active_keys.iter().map(|k| k.1.clone()).collect();
    if active_count < want {
        let empty = Default::default();
        let template = spec.template.as_ref().unwrap_or(&empty);
        let missing = want - active_count;
        for _ in 0..missing {
            let pod_name = c.generate_name::<Pod>(&ns, &format!("{name}-"));
            match create_pod(
                c,
                &ns,
                pod_name.clone(),
                template,
                &[],
                controller_ref(&*rs),
            ) {
                Some(_) => {
                    event(
                        c,
                        &*rs,
                        EventType::Normal,
                        "SuccessfulCreate",
                        format!("Created pod: {pod_name}"),
                        COMPONENT,
                    );
                    names.push(pod_name);
                }
                None => {
                    failed_create(c, &*rs, &pod_name, COMPONENT);
                    break;
                }
            }
        }
    } else if active_count > want {
        let mut active: Vec<Rc<Pod>> = active_keys
            .iter()
            .filter_map(|k| c.store.pods.items.get(k).cloned())
            .collect();
        deletion_order(c, &mut active);
        let extra = active.len() - want;
        for p in active.drain(..extra) {
            let pname = p.metadata.name.clone().unwrap_or_default();
            delete_pod(c, &ns, &pname, None);
            event(
                c,
                &*rs,
                EventType::Normal,
                "SuccessfulDelete",
                format!("Deleted pod: {pname}"),
                COMPONENT,
            );
            names.retain(|n| *n != pname);
        }
    }
    // Status, from the Pods as they are now.
    let min_ready = spec.min_ready_seconds.unwrap_or(0);
    let now = c.now();
    let current: Vec<&Pod> = names
        .iter()
        .filter_map(|n| c.store.get::<Pod>(&ns, n))
        .filter(|p| is_active(p))
        .collect();
    let template_labels = spec
        .template
        .as_ref()
        .and_then(|t| t.metadata.as_ref())
        .and_then(|m| m.labels.clone())
        .unwrap_or_default();
    let status = ReplicaSetStatus {
        replicas: current.len() as i32,
        fully_labeled_replicas: Some(
            current
                .iter()
                .filter(|p| {
                    let l = super::labels(&p.metadata);
                    template_labels.iter().all(|(k, v)| l.get(k) == Some(v))
                })
                .count() as i32,
        ),
        ready_replicas: Some(current.iter().filter(|p| is_ready(p)).count() as i32),
        available_replicas: Some(
            current
                .iter()
                .filter(|p| is_available(p, min_ready, now))
                .count() as i32,
        ),
        observed_generation: rs.metadata.generation,
        terminating_replicas: None,
        conditions: None,
    };
    let wakes: Vec<i64> = current
        .iter()
        .filter_map(|p| super::available_at(p, min_ready, now))
        .collect();
    for at in wakes {
        c.wake_at(at);
    }
    drop(rs);
    let changed = c
        .store
        .get::<ReplicaSet>(&ns, &name)
        .is_some_and(|r| r.status.as_ref() != Some(&status));
    if changed {
        c.store
            .put_status::<ReplicaSet>(&ns, &name, |r| r.status = Some(status));
    }
}
