//! kube-scheduler's default profile, for the plugins that decide placement in a plain cluster:
//! filters NodeUnschedulable, TaintToleration, NodeAffinity (nodeSelector and required affinity),
//! NodePorts and NodeResourcesFit; scores NodeResourcesFit (LeastAllocated), BalancedAllocation and
//! preferred node affinity. Ties go to the node with fewer Pods of the same owner, then by name.
//!
//! The one thing to know: a Pod no node can take stays Pending with the scheduler's own message, e.g.
//! `0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: },
//! 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling,
//! 2 No preemption victims found for incoming pod.` (framework/types.go FitError.Error).

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{
    Node, NodeSelectorRequirement, NodeSelectorTerm, Pod, PodSpec, Taint, Toleration,
};

use super::controller::{own_key, Controller};
use super::events::{EventType, Source};
use super::pod::{is_terminating, phase, set_condition};
use super::queue::QueueKey;
use super::store::{controller_of, Facts, Store, Touch};
use super::usage::{host_ports, requests, Usage, DEFAULT_MEMORY, DEFAULT_MILLI_CPU};
use super::{involved, Cluster};

/// Why a node was filtered out; `resolvable` says whether preemption could help.
struct Reason {
    text: String,
    resolvable: bool,
}

pub fn tolerates(tolerations: &[Toleration], taint: &Taint) -> bool {
    tolerations.iter().any(|t| {
        let effect_ok = t
            .effect
            .as_deref()
            .is_none_or(|e| e.is_empty() || e == taint.effect);
        let key_ok = t.key.as_deref().is_none_or(|k| k.is_empty())
            && t.operator.as_deref() == Some("Exists")
            || t.key.as_deref() == Some(taint.key.as_str());
        let value_ok = match t.operator.as_deref().unwrap_or("Equal") {
            "Exists" => true,
            _ => {
                t.value.as_deref().unwrap_or_default() == taint.value.as_deref().unwrap_or_default()
            }
        };
        effect_ok && key_ok && value_ok
    })
}

fn requirement_matches(r: &NodeSelectorRequirement, value: Option<&str>) -> bool {
    let values = r.values.clone().unwrap_or_default();
    match r.operator.as_str() {
        "In" => value.is_some_and(|v| values.iter().any(|x| x == v)),
        "NotIn" => value.is_none_or(|v| !values.iter().any(|x| x == v)),
        "Exists" => value.is_some(),
        "DoesNotExist" => value.is_none(),
        "Gt" | "Lt" => {
            let (Some(v), Some(x)) = (
                value.and_then(|v| v.parse::<i64>().ok()),
                values.first().and_then(|x| x.parse::<i64>().ok()),
            ) else {
                return false;
            };
            if r.operator == "Gt" {
                v > x
            } else {
                v < x
            }
        }
        _ => false,
    }
}

fn term_matches(term: &NodeSelectorTerm, node: &Node) -> bool {
    let empty = BTreeMap::new();
    let labels = node.metadata.labels.as_ref().unwrap_or(&empty);
    let exprs = term.match_expressions.iter().flatten();
    let fields = term.match_fields.iter().flatten();
    if term.match_expressions.as_ref().is_none_or(|v| v.is_empty())
        && term.match_fields.as_ref().is_none_or(|v| v.is_empty())
    {
        return false;
    }
    exprs
        .into_iter()
        .all(|r| requirement_matches(r, labels.get(&r.key).map(String::as_str)))
        && fields.into_iter().all(|r| {
            let v = if r.key == "metadata.name" {
                node.metadata.name.as_deref()
            } else {
                None
            };
            requirement_matches(r, v)
        })
}

/// nodeSelector and required node affinity (the NodeAffinity filter).
fn affinity_matches(spec: &PodSpec, node: &Node) -> bool {
    let empty = BTreeMap::new();
    let labels = node.metadata.labels.as_ref().unwrap_or(&empty);
    if let Some(sel) = &spec.node_selector {
        if !sel.iter().all(|(k, v)| labels.get(k) == Some(v)) {
            return false;
        }
    }
    match spec
        .affinity
        .as_ref()
        .and_then(|a| a.node_affinity.as_ref())
        .and_then(|n| {
            n.required_during_scheduling_ignored_during_execution
                .as_ref()
        }) {
        Some(req) => req
            .node_selector_terms
            .iter()
            .any(|t| term_matches(t, node)),
        None => true,
    }
}

fn untolerated_taint<'a>(spec: &PodSpec, node: &'a Node) -> Option<&'a Taint> {
    let tolerations = spec.tolerations.as_deref().unwrap_or_default();
    node.spec.as_ref()?.taints.as_ref()?.iter().find(|t| {
        (t.effect == "NoSchedule" || t.effect == "NoExecute") && !tolerates(tolerations, t)
    })
}

/// Whether the Pod may be placed on the node at all, resources aside: what a DaemonSet checks to
/// decide where its Pods belong.
pub fn fits_placement(spec: &PodSpec, node: &Node) -> bool {
    untolerated_taint(spec, node).is_none() && affinity_matches(spec, node)
}

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
    Bind(String),
    Unschedulable(String),
}

fn reconcile(c: &mut Cluster, key: &QueueKey) {
    let Some(pod) = c.store.get::<Pod>(&key.namespace, &key.name) else {
        return;
    };
    if !unscheduled(pod) {
        return;
    }
    let pod = pod.clone();
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
                let mut p = pod.clone();
                set_condition(
                    &mut p,
                    "PodScheduled",
                    "False",
                    Some("Unschedulable"),
                    Some(message.clone()),
                    c.now(),
                );
                c.store.put(p.clone());
                c.record(
                    involved(&p),
                    EventType::Warning,
                    "FailedScheduling",
                    message,
                    Source::controller("default-scheduler"),
                );
            }
        }
        Decision::Bind(node_name) => {
            let mut p = pod;
            if let Some(s) = p.spec.as_mut() {
                s.node_name = Some(node_name.clone());
            }
            set_condition(&mut p, "PodScheduled", "True", None, None, c.now());
            c.store.put(p.clone());
            c.record(
                involved(&p),
                EventType::Normal,
                "Scheduled",
                format!("Successfully assigned {pod_ns}/{pod_name} to {node_name}"),
                Source::controller("default-scheduler"),
            );
        }
    }
}

/// Filters every node, then scores the feasible ones (framework/runtime: the filter and score
/// plugins named in the module doc).
fn decide(c: &Cluster, pod: &Pod) -> Option<(Decision, usize)> {
    let nodes: Vec<&Node> = c.store.nodes.values().collect();
    let allocatable = |node: &Node, res: &str| -> i64 {
        c.store
            .index
            .allocatable
            .get(node.metadata.name.as_deref().unwrap_or_default())
            .and_then(|m| m.get(res))
            .copied()
            .unwrap_or(0)
    };
    let usage = &c.store.index.usage;
    let spec = pod.spec.clone()?;
    let req = requests(&spec);
    let ports = host_ports(&spec);
    let tolerations = spec.tolerations.clone().unwrap_or_default();
    let mut feasible: Vec<&Node> = Vec::new();
    let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
    let (mut not_helpful, mut no_victims) = (0, 0);
    let empty = Usage::default();
    let unschedulable_taint = Taint {
        key: "node.kubernetes.io/unschedulable".into(),
        effect: "NoSchedule".into(),
        value: None,
        time_added: None,
    };
    // schedule_one.go findNodesThatPassFilters: start where the last Pod's search stopped and stop
    // once enough feasible nodes are found.
    let all = nodes.len();
    let to_find = num_feasible_nodes_to_find(all);
    let start = c.scheduler.next_start_node_index % all.max(1);
    let mut processed = 0;
    for k in 0..all {
        if feasible.len() >= to_find {
            break;
        }
        processed += 1;
        let node = nodes[(start + k) % all];
        let name = node.metadata.name.as_deref().unwrap_or_default();
        let u = usage.get(name).unwrap_or(&empty);
        let mut fail: Vec<Reason> = Vec::new();
        let unschedulable = node.spec.as_ref().and_then(|s| s.unschedulable) == Some(true);
        if unschedulable && !tolerates(&tolerations, &unschedulable_taint) {
            fail.push(Reason {
                text: "node(s) were unschedulable".into(),
                resolvable: false,
            });
        } else if let Some(t) = untolerated_taint(&spec, node) {
            fail.push(Reason {
                text: format!(
                    "node(s) had untolerated taint {{{}: {}}}",
                    t.key,
                    t.value.clone().unwrap_or_default()
                ),
                resolvable: false,
            });
        } else if !affinity_matches(&spec, node) {
            fail.push(Reason {
                text: "node(s) didn't match Pod's node affinity/selector".into(),
                resolvable: false,
            });
        } else if ports.iter().any(|p| u.ports.contains(p)) {
            fail.push(Reason {
                text: "node(s) didn't have free ports for the requested pod ports".into(),
                resolvable: true,
            });
        } else {
            if u.pods + 1 > allocatable(node, "pods") {
                fail.push(Reason {
                    text: "Too many pods".into(),
                    resolvable: true,
                });
            }
            for (res, want) in &req {
                if *want == 0 || res == "pods" {
                    continue;
                }
                let have = allocatable(node, res) - u.requested.get(res).copied().unwrap_or(0);
                if *want > have {
                    fail.push(Reason {
                        text: format!("Insufficient {res}"),
                        resolvable: true,
                    });
                }
            }
        }
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
    // Score.
    let owner = controller_of(&pod.metadata).map(|r| r.uid.clone());
    let pod_cpu = req
        .get("cpu")
        .copied()
        .filter(|v| *v > 0)
        .unwrap_or(DEFAULT_MILLI_CPU);
    let pod_mem = req
        .get("memory")
        .copied()
        .filter(|v| *v > 0)
        .unwrap_or(DEFAULT_MEMORY);
    let best = feasible
        .iter()
        .map(|node| {
            let name = node.metadata.name.as_deref().unwrap_or_default();
            let u = usage.get(name).unwrap_or(&empty);
            let cpu_cap = allocatable(node, "cpu").max(1);
            let mem_cap = allocatable(node, "memory").max(1);
            let cpu_used = (u.non_zero_cpu + pod_cpu).min(cpu_cap);
            let mem_used = (u.non_zero_memory + pod_mem).min(mem_cap);
            let least =
                ((cpu_cap - cpu_used) * 100 / cpu_cap + (mem_cap - mem_used) * 100 / mem_cap) / 2;
            let (fc, fm) = (
                cpu_used as f64 / cpu_cap as f64,
                mem_used as f64 / mem_cap as f64,
            );
            let balanced = ((1.0 - (fc - fm).abs() / 2.0) * 100.0) as i64;
            let preferred = preferred_score(&spec, node);
            let same_owner = owner
                .as_ref()
                .and_then(|o| u.owners.get(o))
                .copied()
                .unwrap_or(0);
            (
                (least + balanced + preferred),
                std::cmp::Reverse(same_owner),
                std::cmp::Reverse(name.to_string()),
                *node,
            )
        })
        .max_by(|a, b| (a.0, &a.1, &a.2).cmp(&(b.0, &b.1, &b.2)))
        .map(|t| t.3.metadata.name.clone().unwrap_or_default());
    best.map(|n| (Decision::Bind(n), next_start))
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
}

/// Preferred node affinity: the sum of the weights of the terms the node matches.
fn preferred_score(spec: &PodSpec, node: &Node) -> i64 {
    spec.affinity
        .as_ref()
        .and_then(|a| a.node_affinity.as_ref())
        .and_then(|n| {
            n.preferred_during_scheduling_ignored_during_execution
                .as_ref()
        })
        .map(|terms| {
            terms
                .iter()
                .filter(|t| term_matches(&t.preference, node))
                .map(|t| i64::from(t.weight))
                .sum()
        })
        .unwrap_or(0)
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
    parts.sort();
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
    pre.sort();
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
