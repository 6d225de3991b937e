//! The taint eviction controller (pkg/controller/tainteviction/taint_eviction.go): a Pod on a node
//! with a NoExecute taint it does not tolerate is deleted at once; one that tolerates every such
//! taint for a while (`tolerationSeconds`, 300 s for not-ready and unreachable on every Pod,
//! added at admission) is deleted when the shortest of those tolerations runs out, counted from
//! when the controller first saw the taints; a toleration without seconds tolerates for ever
//! (DaemonSet Pods).
//!
//! The one thing to know: the deletion is graceful, so on a node whose kubelet is gone the Pod
//! stays Terminating until the kubelet returns or the Node is deleted; its ReplicaSet makes a
//! replacement meanwhile, a StatefulSet does not (the name is still taken).

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{Node, Pod, Taint};

use super::delete_pod;
use crate::sim::controller::{own_key, Controller};
use crate::sim::events::{EventType, Source};
use crate::sim::pod::set_status_condition;
use crate::sim::queue::QueueKey;
use crate::sim::scheduler::filter::toleration_matches;
use crate::sim::store::{Store, Touch};
use crate::sim::time::{Millis, SECOND};
use crate::sim::{involved, Cluster};

/// Evictions waiting for their tolerations to run out: when each Pod's wait started.
pub(crate) type State = BTreeMap<(String, String), Millis>;

pub(crate) const CONTROLLER: Controller = Controller::keyed("taint-eviction", watches, reconcile);

fn component() -> Source {
    Source::controller("taint-eviction-controller")
}

fn watches(store: &Store, t: &Touch, out: &mut dyn FnMut(QueueKey)) {
    match t.kind.as_str() {
        "Pod" if t.bound_pod() => out(own_key(t)),
        "Node" => {
            for (ns, name) in store.index.pods_by_node.get(&t.key.1).into_iter().flatten() {
                out(QueueKey::new(ns, name));
            }
        }
        _ => {}
    }
}

/// What the Pod's tolerations say of the node's NoExecute taints: `None` when one is not
/// tolerated (evict now), else the shortest time they are tolerated (`None` inside: for ever).
fn tolerated_for(pod: &Pod, taints: &[&Taint]) -> Option<Option<Millis>> {
    let tolerations = pod
        .spec
        .as_ref()
        .and_then(|s| s.tolerations.as_deref())
        .unwrap_or_default();
    let mut shortest: Option<Millis> = None;
    for taint in taints {
        let used: Vec<_> = tolerations
            .iter()
            .filter(|t| toleration_matches(t, taint))
            .collect();
        if used.is_empty() {
            return None;
        }
        // getMinTolerationTime: a toleration without seconds lasts for ever; seconds ≤ 0 is now.
        for t in used {
            if let Some(s) = t.toleration_seconds {
                let ms = s.max(0) * SECOND;
                shortest = Some(shortest.map_or(ms, |m| m.min(ms)));
            }
        }
    }
    Some(shortest)
}

fn reconcile(c: &mut Cluster, key: &QueueKey) {
    let slot = (key.namespace.clone(), key.name.clone());
    let now = c.now();
    let Some(pod) = c.store.get::<Pod>(&key.namespace, &key.name) else {
        c.evictions.remove(&slot);
        return;
    };
    if pod.metadata.deletion_timestamp.is_some() {
        c.evictions.remove(&slot);
        return;
    }
    let Some(node) = pod
        .spec
        .as_ref()
        .and_then(|s| s.node_name.as_deref())
        .and_then(|n| c.store.get::<Node>("", n))
    else {
        return;
    };
    let taints: Vec<&Taint> = node
        .spec
        .as_ref()
        .and_then(|s| s.taints.as_ref())
        .into_iter()
        .flatten()
        .filter(|t| t.effect == "NoExecute")
        .collect();
    let due = if taints.is_empty() {
        Some(None)
    } else {
        tolerated_for(pod, &taints)
    };
    match due {
        // Tolerated for ever, or no taint left: a waiting eviction is cancelled.
        Some(None) => {
            if c.evictions.remove(&slot).is_some() {
                let who = involved(pod);
                c.record(
                    who,
                    EventType::Normal,
                    "TaintManagerEviction",
                    format!("Cancelling deletion of Pod {}/{}", key.namespace, key.name),
                    component(),
                );
            }
        }
        Some(Some(wait)) => {
            let since = *c.evictions.entry(slot.clone()).or_insert(now);
            if now >= since + wait {
                evict(c, key);
            } else {
                c.wake_at(since + wait);
            }
        }
        None => evict(c, key),
    }
}

/// addConditionAndDeletePod: the DisruptionTarget condition says why, then the Pod is deleted.
fn evict(c: &mut Cluster, key: &QueueKey) {
    let (ns, name) = (key.namespace.as_str(), key.name.as_str());
    c.evictions.remove(&(ns.to_string(), name.to_string()));
    let now = c.now();
    let Some(who) = c.store.get::<Pod>(ns, name).map(involved) else {
        return;
    };
    c.record(
        who,
        EventType::Normal,
        "TaintManagerEviction",
        format!("Marking for deletion Pod {ns}/{name}"),
        component(),
    );
    c.store.put_status::<Pod>(ns, name, |p| {
        set_status_condition(
            p.status.get_or_insert_with(Default::default),
            "DisruptionTarget",
            "True",
            Some("DeletionByTaintManager"),
            Some("Taint manager: deleting due to NoExecute taint".into()),
            now,
        );
    });
    delete_pod(c, ns, name, None);
}
