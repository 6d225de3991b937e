//! The node lifecycle controller (pkg/controller/nodelifecycle/node_lifecycle_controller.go): it
//! watches each node's heartbeats, marks a node whose kubelet went quiet Unknown, taints nodes
//! that are not Ready, and marks their Pods not Ready.
//!
//! The one thing to know: the controller looks every 5 s (`--node-monitor-period`) and gives a
//! kubelet 50 s (`--node-monitor-grace-period`, the default since 1.32) from its last Lease
//! renewal; the renewals come every 10 s, so a kubelet stopped at t is seen gone at the first
//! look after its last renewal plus 50 s. A node with Ready False (its kubelet says so) or
//! Unknown (nobody says) gets `node.kubernetes.io/not-ready` or `node.kubernetes.io/unreachable`
//! as NoSchedule (TaintNodesByCondition) and NoExecute taints; the taint eviction controller
//! acts on the second. Zone-wide disruption (no evictions when most of a zone is down) is not
//! simulated: every node is in one zone and evictions always go ahead.

use k8s_openapi::api::core::v1::{Node, NodeCondition, Pod, Taint};

use crate::sim::controller::Controller;
use crate::sim::events::{EventType, Source};
use crate::sim::pod::set_status_condition;
use crate::sim::queue::QueueKey;
use crate::sim::store::{Store, Touch};
use crate::sim::time::{self, Millis, SECOND};
use crate::sim::{involved, machines, Cluster};

/// How often the controller looks at every node.
pub const MONITOR_PERIOD: Millis = 5 * SECOND;
/// How long a node may go without a heartbeat before it is Unknown.
pub const GRACE_PERIOD: Millis = 50 * SECOND;

pub const NOT_READY: &str = "node.kubernetes.io/not-ready";
pub const UNREACHABLE: &str = "node.kubernetes.io/unreachable";

/// The conditions the controller marks Unknown when the kubelet stops posting.
const KUBELET_CONDITIONS: &[&str] = &["Ready", "MemoryPressure", "DiskPressure", "PIDPressure"];

pub(crate) const CONTROLLER: Controller = Controller::keyed("node-lifecycle", watches, reconcile);

fn component() -> Source {
    Source::controller("node-controller")
}

fn watches(store: &Store, t: &Touch, out: &mut dyn FnMut(QueueKey)) {
    match t.kind.as_str() {
        "Node" if t.new.is_some() => out(QueueKey::new("", &t.key.1)),
        // A Pod on a node that is not Ready is marked not Ready too (the kubelet there is not
        // making it Ready again).
        "Pod" if t.bound_pod() => {
            let node = t
                .new
                .as_ref()
                .and_then(|f| f.pod.as_ref())
                .and_then(|p| p.node.as_deref());
            if let Some(node) = node {
                let ready = store
                    .get::<Node>("", node)
                    .and_then(|n| condition(n, "Ready"))
                    .is_some_and(|c| c.status == "True");
                if !ready {
                    out(QueueKey::new("", node));
                }
            }
        }
        _ => {}
    }
}

/// The first look at or after `t` that is strictly after it.
fn first_look_after(t: Millis) -> Millis {
    t + MONITOR_PERIOD - t.rem_euclid(MONITOR_PERIOD)
}

fn reconcile(c: &mut Cluster, key: &QueueKey) {
    let name = key.name.clone();
    let Some(node) = c.store.get::<Node>("", &name).cloned() else {
        return;
    };
    let now = c.now();
    // tryUpdateNodeHealth: a kubelet silent for longer than the grace period is marked Unknown.
    if let Some(renewed) = machines::last_renewal(&c.machines, &name) {
        let look = first_look_after(renewed + GRACE_PERIOD);
        if now < look {
            c.wake_at(look);
        } else {
            mark_unknown(c, &node, now);
        }
    }
    let Some(node) = c.store.get::<Node>("", &name).cloned() else {
        return;
    };
    let ready = condition(&node, "Ready").map(|c| c.status.clone());
    let taint = match ready.as_deref() {
        Some("True") => None,
        Some("False") => Some(NOT_READY),
        _ => Some(UNREACHABLE),
    };
    set_taints(c, &node, taint, now);
    if taint.is_some() {
        mark_pods_not_ready(c, &name, now);
    }
}

fn condition<'a>(node: &'a Node, type_: &str) -> Option<&'a NodeCondition> {
    node.status
        .as_ref()?
        .conditions
        .as_ref()?
        .iter()
        .find(|c| c.type_ == type_)
}

/// Every condition the kubelet owns becomes Unknown, "Kubelet stopped posting node status." (the
/// heartbeat time stays the last one the kubelet wrote); the node's event says so once.
fn mark_unknown(c: &mut Cluster, node: &Node, now: Millis) {
    let conds = node
        .status
        .as_ref()
        .and_then(|s| s.conditions.clone())
        .unwrap_or_default();
    if KUBELET_CONDITIONS
        .iter()
        .all(|t| conds.iter().any(|c| c.type_ == *t && c.status == "Unknown"))
    {
        return;
    }
    let was_ready = conds
        .iter()
        .any(|c| c.type_ == "Ready" && c.status == "True");
    let stamp = time::time(now);
    let mut next = conds.clone();
    for t in KUBELET_CONDITIONS {
        match next.iter_mut().find(|c| c.type_ == *t) {
            Some(c) if c.status == "Unknown" => {}
            Some(c) => {
                c.status = "Unknown".into();
                c.reason = Some("NodeStatusUnknown".into());
                c.message = Some("Kubelet stopped posting node status.".into());
                c.last_transition_time = Some(stamp.clone());
            }
            None => next.push(NodeCondition {
                type_: t.to_string(),
                status: "Unknown".into(),
                reason: Some("NodeStatusNeverUpdated".into()),
                message: Some("Kubelet never posted node status.".into()),
                last_heartbeat_time: node.metadata.creation_timestamp.clone(),
                last_transition_time: Some(stamp.clone()),
            }),
        }
    }
    let name = node.metadata.name.clone().unwrap_or_default();
    c.store.put_status::<Node>("", &name, |n| {
        n.status.get_or_insert_with(Default::default).conditions = Some(next);
    });
    if was_ready {
        // nodeutil.RecordNodeStatusChange
        c.record(
            involved(node),
            EventType::Normal,
            "NodeNotReady",
            format!("Node {name} status is now: NodeNotReady"),
            component(),
        );
    }
}

/// The node's not-ready or unreachable taints as `taint` says (none: both kinds removed), the
/// NoExecute one stamped with when it was added; other taints stay.
fn set_taints(c: &mut Cluster, node: &Node, taint: Option<&str>, now: Millis) {
    let old = node
        .spec
        .as_ref()
        .and_then(|s| s.taints.clone())
        .unwrap_or_default();
    let ours = |t: &Taint| {
        (t.key == NOT_READY || t.key == UNREACHABLE)
            && matches!(t.effect.as_str(), "NoSchedule" | "NoExecute")
    };
    let mut next: Vec<Taint> = old.iter().filter(|t| !ours(t)).cloned().collect();
    if let Some(key) = taint {
        for effect in ["NoSchedule", "NoExecute"] {
            let kept = old
                .iter()
                .find(|t| t.key == key && t.effect == effect)
                .cloned();
            next.push(kept.unwrap_or_else(|| Taint {
                key: key.to_string(),
                effect: effect.to_string(),
                value: None,
                time_added: (effect == "NoExecute").then(|| time::time(now)),
            }));
        }
    }
    if next == old {
        return;
    }
    let mut n = node.clone();
    n.spec.get_or_insert_with(Default::default).taints = (!next.is_empty()).then_some(next);
    c.store.put(n);
}

/// MarkPodsNotReady (controller/util/node): each Pod on the node whose Ready condition is True
/// gets it False, and an event says why.
fn mark_pods_not_ready(c: &mut Cluster, node: &str, now: Millis) {
    let keys: Vec<_> = c
        .store
        .index
        .pods_by_node
        .get(node)
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    for (ns, name) in keys {
        let Some(pod) = c.store.get::<Pod>(&ns, &name) else {
            continue;
        };
        if !super::is_ready(pod) {
            continue;
        }
        let who = involved(pod);
        c.store.put_status::<Pod>(&ns, &name, |p| {
            let st = p.status.get_or_insert_with(Default::default);
            let (reason, message) = st
                .conditions
                .as_ref()
                .and_then(|cs| cs.iter().find(|c| c.type_ == "Ready"))
                .map(|c| (c.reason.clone(), c.message.clone()))
                .unwrap_or_default();
            set_status_condition(st, "Ready", "False", reason.as_deref(), message, now);
        });
        c.record(
            who,
            EventType::Warning,
            "NodeNotReady",
            "Node is not ready".into(),
            component(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A kubelet last renewed at 20 s is seen gone at the first 5 s look after 70 s: 75 s.
    #[test]
    fn first_look_after_the_grace_period() {
        for (renewed, look) in [(0, 55_000), (20_000, 75_000), (10_000, 65_000)] {
            assert_eq!(first_look_after(renewed + GRACE_PERIOD), look);
        }
        assert_eq!(first_look_after(52_000), 55_000);
    }
}
