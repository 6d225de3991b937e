//! kube-scheduler's default profile, for the plugins that decide placement in a plain cluster:
//! filters NodeUnschedulable, TaintToleration, NodeAffinity (nodeSelector and required affinity),
//! NodePorts and NodeResourcesFit; scores NodeResourcesFit (LeastAllocated), BalancedAllocation and
//! preferred node affinity. Ties go to the node with fewer Pods of the same owner, then by name.
//!
//! The one thing to know: a Pod no node can take stays Pending with the scheduler's own message, e.g.
//! `0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: },
//! 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling,
//! 2 No preemption victims found for incoming pod.` (framework/types.go FitError.Error).

pub(crate) mod filter;
mod score;
mod volume_binding;

pub(crate) use filter::term_matches;
pub use filter::{fits_placement, may_continue_running};

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{Node, Pod, PodSpec, Toleration};

use super::controller::{own_key, Controller};
use super::events::{EventType, Source};
use super::pod::{is_terminating, phase, set_condition};
use super::queue::QueueKey;
use super::store::{controller_of, Facts, Store, Touch};
use super::usage::{host_ports, requests, Usage, DEFAULT_MEMORY, DEFAULT_MILLI_CPU};
use super::{involved, Cluster};

pub(crate) const CONTROLLER: Controller = Controller {
    name: "default-scheduler",
    watches,
    reconcile,
    order: Some(priority_sort),
};

/// A Pod waiting for a node.
fn unscheduled(p: &Pod) -> bool {
    p.spec.as_ref().is_some_and(|s| {
        s.node_name.is_none()
            && s.scheduler_name.as_deref().unwrap_or("default-scheduler") == "default-scheduler"
    }) && !is_terminating(p)
        && phase(p) == "Pending"
}

/// The scheduling queue's moves (scheduling_queue.go): a Pod waiting for a node is queued when it is
/// written; the Pods found unschedulable are tried again when a Node changes or a node's room
/// changes (a Pod bound, finished or gone), since that may change where they fit and what their
/// message says.
fn watches(store: &Store, t: &Touch, out: &mut dyn FnMut(QueueKey)) {
    let retry_all = match t.kind.as_str() {
        "Node" => true,
        "Pod" => {
            let room = |f: Option<&Facts>| {
                f.and_then(|f| f.pod.as_ref())
                    .filter(|p| p.counts())
                    .map(|p| p.node.clone())
            };
            if let Some(p) = t.new.as_ref().and_then(|n| n.pod.as_ref()) {
                if p.node.is_none() && p.default_scheduler && p.phase == "Pending" {
                    out(own_key(t));
                }
            }
            room(t.old.as_ref()) != room(t.new.as_ref())
        }
        // A claim written: the Pods that name it (waiting for it, or found unschedulable).
        "PersistentVolumeClaim" => {
            if let Some(pods) = store.index.pods_by_claim.get(&t.key) {
                for p in pods {
                    out(QueueKey::new(&t.key.0, p));
                }
            }
            false
        }
        "PersistentVolume" | "StorageClass" => true,
        _ => false,
    };
    if retry_all {
        for (ns, name) in &store.index.unschedulable_pods {
            out(QueueKey::new(ns, name));
        }
    }
}

/// PrioritySort: higher priority first, then older, then by name.
fn priority_sort(store: &Store, keys: &mut [QueueKey]) {
    keys.sort_by_cached_key(|k| {
        let p = store.get::<Pod>(&k.namespace, &k.name);
        (
            std::cmp::Reverse(p.and_then(|p| p.spec.as_ref()?.priority).unwrap_or(0)),
            p.and_then(|p| p.metadata.creation_timestamp.clone())
                .map(|t| t.0)
                .unwrap_or_default(),
            k.name.clone(),
            k.namespace.clone(),
        )
    });
}

/// Where a Pod goes, or why it goes nowhere.
enum Decision {
    Bind(String, volume_binding::Plan),
    Unschedulable(String),
}

fn reconcile(c: &mut Cluster, key: &QueueKey) {
    let wait_key = (key.namespace.clone(), key.name.clone());
    let Some(pod) = c.store.pods.shared(&key.namespace, &key.name) else {
        c.scheduler.waiting.remove(&wait_key);
        return;
    };
    if !unscheduled(&pod) {
        c.scheduler.waiting.remove(&wait_key);
        return;
    }
    if let Some(wait) = c.scheduler.waiting.get(&wait_key).cloned() {
        // PreBind: the Pod is bound once every claim it names is; a binding that can no longer
        // complete fails the cycle, and the Pod is tried again.
        match volume_binding::pre_bind(c, &pod, &wait) {
            Ok(true) => {
                c.scheduler.waiting.remove(&wait_key);
                bind(c, &pod, wait.node);
            }
            Ok(false) => c.wake_at(wait.since + volume_binding::BIND_TIMEOUT),
            Err(why) => {
                c.scheduler.waiting.remove(&wait_key);
                let about = involved(&*pod);
                c.record(
                    about,
                    EventType::Warning,
                    "FailedScheduling",
                    format!("running PreBind plugin \"VolumeBinding\": binding volumes: {why}"),
                    Source::controller("default-scheduler"),
                );
                c.wake_at(c.now() + volume_binding::RETRY);
            }
        }
        return;
    }
    let Some((decision, next_start)) = decide(c, &pod) else {
        return;
    };
    c.scheduler.next_start_node_index = next_start;
    let pod_ns = pod.metadata.namespace.clone().unwrap_or_default();
    let pod_name = pod.metadata.name.clone().unwrap_or_default();
    match decision {
        Decision::Unschedulable(message) => {
            let already = super::pod::condition(&pod, "PodScheduled")
                .is_some_and(|c| c.message.as_deref() == Some(message.as_str()));
            if !already {
                let mut p = Pod::clone(&pod);
                set_condition(
                    &mut p,
                    "PodScheduled",
                    "False",
                    Some("Unschedulable"),
                    Some(message.clone()),
                    c.now(),
                );
                let about = involved(&p);
                c.store.put(p);
                c.record(
                    about,
                    EventType::Warning,
                    "FailedScheduling",
                    message,
                    Source::controller("default-scheduler"),
                );
            }
        }
        Decision::Bind(node_name, plan) => {
            if plan.bindings.is_empty() && plan.provisions.is_empty() {
                drop(pod);
                let pod = c.store.pods.shared(&pod_ns, &pod_name);
                if let Some(pod) = pod {
                    bind(c, &pod, node_name);
                }
                return;
            }
            // Assume the volumes: bind the chosen ones, name the node for the provisioner,
            // and wait for the claims to be bound.
            for (volume, (ns, claim)) in &plan.bindings {
                bind_volume(c, volume, ns, claim);
            }
            for (ns, claim) in &plan.provisions {
                if let Some(mut cl) = c
                    .store
                    .get::<k8s_openapi::api::core::v1::PersistentVolumeClaim>(ns, claim)
                    .cloned()
                {
                    crate::sim::storage::set_annotation(
                        &mut cl.metadata,
                        crate::sim::storage::ANN_SELECTED_NODE,
                        &node_name,
                    );
                    c.store.put(cl);
                }
            }
            let since = c.now();
            c.scheduler.waiting.insert(
                (pod_ns, pod_name),
                volume_binding::Waiting {
                    node: node_name,
                    since,
                    bindings: plan.bindings,
                },
            );
            c.wake_at(since + volume_binding::BIND_TIMEOUT);
        }
    }
}

/// The binding: the Pod's nodeName, PodScheduled, and the scheduler's event.
fn bind(c: &mut Cluster, pod: &Pod, node_name: String) {
    let pod_ns = pod.metadata.namespace.clone().unwrap_or_default();
    let pod_name = pod.metadata.name.clone().unwrap_or_default();
    let mut p = pod.clone();
    if let Some(s) = p.spec.as_mut() {
        s.node_name = Some(node_name.clone());
    }
    set_condition(&mut p, "PodScheduled", "True", None, None, c.now());
    let about = involved(&p);
    c.store.put(p);
    c.record(
        about,
        EventType::Normal,
        "Scheduled",
        format!("Successfully assigned {pod_ns}/{pod_name} to {node_name}"),
        Source::controller("default-scheduler"),
    );
}

/// The binder's bindAPIUpdate for a volume it chose: claimRef to the claim, bound by controller.
fn bind_volume(c: &mut Cluster, volume: &str, ns: &str, claim: &str) {
    use k8s_openapi::api::core::v1::{ObjectReference, PersistentVolume, PersistentVolumeClaim};
    let Some(cl) = c.store.get::<PersistentVolumeClaim>(ns, claim).cloned() else {
        return;
    };
    let Some(mut pv) = c.store.get::<PersistentVolume>("", volume).cloned() else {
        return;
    };
    crate::sim::storage::set_annotation(
        &mut pv.metadata,
        crate::sim::storage::ANN_BOUND_BY_CONTROLLER,
        "yes",
    );
    if let Some(s) = pv.spec.as_mut() {
        s.claim_ref = Some(ObjectReference {
            api_version: Some("v1".into()),
            kind: Some("PersistentVolumeClaim".into()),
            namespace: cl.metadata.namespace.clone(),
            name: cl.metadata.name.clone(),
            uid: cl.metadata.uid.clone(),
            resource_version: cl.metadata.resource_version.clone(),
            field_path: None,
        });
    }
    c.store.put(pv);
}

/// What the plugins know of the Pod being placed (the framework's CycleState).
pub(super) struct Cycle<'a> {
    pub spec: &'a PodSpec,
    pub tolerations: &'a [Toleration],
    /// Requests by resource, init containers and overhead counted as the scheduler counts them.
    pub requests: BTreeMap<String, i64>,
    /// Host ports, as (port, protocol).
    pub ports: Vec<(i32, String)>,
    /// CPU and memory as scoring counts them: defaults stand in for requests left unset.
    pub non_zero_cpu: i64,
    pub non_zero_memory: i64,
    /// The Pod's claims, as VolumeBinding's PreFilter sorted them.
    pub(super) volumes: volume_binding::PodVolumes<'a>,
}

/// What the plugins know of one node (the framework's NodeInfo).
pub(super) struct NodeInfo<'a> {
    pub node: &'a Node,
    pub name: &'a str,
    pub usage: &'a Usage,
    allocatable: Option<&'a BTreeMap<String, i64>>,
}

impl NodeInfo<'_> {
    pub fn allocatable(&self, res: &str) -> i64 {
        self.allocatable
            .and_then(|m| m.get(res))
            .copied()
            .unwrap_or(0)
    }
}

/// One scheduling cycle (schedule_one.go): filters the nodes, starting where the last Pod's search
/// stopped and stopping once enough feasible nodes are found, then scores the feasible ones. Ties
/// go to the node with fewer Pods of the same owner, then by name.
fn decide(c: &Cluster, pod: &Pod) -> Option<(Decision, usize)> {
    let spec = pod.spec.as_ref()?;
    let nodes_count = c.store.nodes.len();
    let volumes = match volume_binding::pre_filter(c, pod) {
        Ok(v) => v,
        Err(message) => {
            // A PreFilter rejection: no node is looked at, and preemption cannot help.
            let mut msg = format!("0/{nodes_count} nodes are available: {message}.");
            if nodes_count > 0 {
                msg.push_str(&format!(" preemption: 0/{nodes_count} nodes are available: {nodes_count} Preemption is not helpful for scheduling."));
            } else {
                msg = "no nodes available to schedule pods".into();
            }
            return Some((
                Decision::Unschedulable(msg),
                c.scheduler.next_start_node_index,
            ));
        }
    };
    let requests = requests(spec);
    let non_zero = |res: &str, default: i64| {
        requests
            .get(res)
            .copied()
            .filter(|v| *v > 0)
            .unwrap_or(default)
    };
    let cycle = Cycle {
        spec,
        tolerations: spec.tolerations.as_deref().unwrap_or_default(),
        ports: host_ports(spec),
        non_zero_cpu: non_zero("cpu", DEFAULT_MILLI_CPU),
        non_zero_memory: non_zero("memory", DEFAULT_MEMORY),
        requests,
        volumes,
    };
    let empty = Usage::default();
    let nodes: Vec<NodeInfo> = c
        .store
        .nodes
        .values()
        .map(|node| {
            let name = node.metadata.name.as_deref().unwrap_or_default();
            NodeInfo {
                node,
                name,
                usage: c.store.index.usage.get(name).unwrap_or(&empty),
                allocatable: c.store.index.allocatable.get(name),
            }
        })
        .collect();
    let all = nodes.len();
    let to_find = num_feasible_nodes_to_find(all);
    let start = c.scheduler.next_start_node_index % all.max(1);
    let mut feasible: Vec<&NodeInfo> = Vec::new();
    let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
    let (mut not_helpful, mut no_victims) = (0, 0);
    let mut processed = 0;
    for k in 0..all {
        if feasible.len() >= to_find {
            break;
        }
        processed += 1;
        let node = &nodes[(start + k) % all];
        let fail = filter::run(&cycle, node);
        match fail.first() {
            None => feasible.push(node),
            Some(r) if r.resolvable => no_victims += 1,
            Some(_) => not_helpful += 1,
        }
        for r in fail {
            *reasons.entry(r.text).or_default() += 1;
        }
    }
    let next_start = (start + processed) % all.max(1);
    if feasible.is_empty() {
        return Some((
            Decision::Unschedulable(fit_error(all, &reasons, not_helpful, no_victims)),
            next_start,
        ));
    }
    let owner = controller_of(&pod.metadata).map(|r| r.uid.as_str());
    let best = feasible
        .iter()
        .map(|node| {
            let same_owner = owner
                .and_then(|o| node.usage.owners.get(o))
                .copied()
                .unwrap_or(0);
            (
                score::total(&cycle, node),
                std::cmp::Reverse(same_owner),
                std::cmp::Reverse(node.name),
            )
        })
        .max()
        .map(|(_, _, std::cmp::Reverse(name))| name.to_string())?;
    let plan = if cycle.volumes.delayed.is_empty() {
        volume_binding::Plan::default()
    } else {
        let node = c.store.get::<Node>("", &best)?;
        volume_binding::check(&cycle.volumes, node).unwrap_or_default()
    };
    Some((Decision::Bind(best, plan), next_start))
}

/// How many feasible nodes the scheduler looks for before it stops filtering
/// (schedule_one.go numFeasibleNodesToFind with the default adaptive percentageOfNodesToScore):
/// every node below 100 nodes, else 50% less 1% per 125 nodes, at least 5% and 100 nodes.
pub(crate) fn num_feasible_nodes_to_find(all: usize) -> usize {
    const MIN_FEASIBLE_NODES_TO_FIND: usize = 100;
    const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND: usize = 5;
    if all < MIN_FEASIBLE_NODES_TO_FIND {
        return all;
    }
    let percentage = 50usize
        .saturating_sub(all / 125)
        .max(MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND);
    (all * percentage / 100).max(MIN_FEASIBLE_NODES_TO_FIND)
}

/// What the scheduler remembers between Pods.
#[derive(Clone, Debug, Default)]
pub struct State {
    /// Where the next Pod's search over the nodes starts.
    next_start_node_index: usize,
    /// Pods whose node is chosen, waiting for their claims to be bound (PreBind).
    waiting: BTreeMap<(String, String), volume_binding::Waiting>,
}

/// `FitError.Error()`: reasons counted and sorted, then what preemption found. No Pod here has a
/// lower priority to evict, so a node that failed a resolvable filter has no victims.
fn fit_error(
    nodes: usize,
    reasons: &BTreeMap<String, usize>,
    not_helpful: usize,
    no_victims: usize,
) -> String {
    if nodes == 0 {
        // schedule_one.go ErrNoNodesAvailable.
        return "no nodes available to schedule pods".into();
    }
    let mut parts: Vec<String> = reasons.iter().map(|(r, n)| format!("{n} {r}")).collect();
    crate::sort::sort(&mut parts);
    let mut msg = format!("0/{nodes} nodes are available");
    if parts.is_empty() {
        msg.push('.');
    } else {
        msg.push_str(": ");
        msg.push_str(&parts.join(", "));
        msg.push('.');
    }
    let mut pre: Vec<String> = Vec::new();
    if not_helpful > 0 {
        pre.push(format!(
            "{not_helpful} Preemption is not helpful for scheduling"
        ));
    }
    if no_victims > 0 {
        pre.push(format!(
            "{no_victims} No preemption victims found for incoming pod"
        ));
    }
    crate::sort::sort(&mut pre);
    if !pre.is_empty() {
        msg.push_str(&format!(
            " preemption: 0/{nodes} nodes are available: {}.",
            pre.join(", ")
        ));
    }
    msg
}

#[cfg(test)]
mod tests {
    use super::num_feasible_nodes_to_find;

    /// schedule_one.go numFeasibleNodesToFind with percentageOfNodesToScore unset.
    #[test]
    fn feasible_nodes_to_find_follow_the_adaptive_percentage() {
        for (all, want) in [
            (0, 0),
            (10, 10),
            (99, 99),
            (100, 100),
            (300, 144),
            (1000, 420),
            (5000, 500),
            (6000, 300),
            (10000, 500),
        ] {
            assert_eq!(num_feasible_nodes_to_find(all), want, "{all} nodes");
        }
    }
}
