//! The filter plugins of the default profile (pkg/scheduler/framework/plugins), run in its order:
//! a node is out at the first plugin that rejects it, with that plugin's reasons.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{
    Node, NodeSelectorRequirement, NodeSelectorTerm, PodSpec, Taint, Toleration,
};

use super::{Cycle, NodeInfo};

/// Why a node was filtered out; `resolvable` says whether preemption could help.
pub(super) struct Reason {
    pub text: String,
    pub resolvable: bool,
}

/// A filter plugin: the reasons it rejects the node for (none: the node passes).
type Filter = fn(&Cycle, &NodeInfo, &mut Vec<Reason>);

/// The default profile's filters, in the order it runs them.
pub(super) const FILTERS: &[(&str, Filter)] = &[
    ("NodeUnschedulable", node_unschedulable),
    ("TaintToleration", taint_toleration),
    ("NodeAffinity", node_affinity),
    ("NodePorts", node_ports),
    ("NodeResourcesFit", node_resources_fit),
    ("VolumeRestrictions", super::volume_binding::restrictions),
    ("VolumeBinding", super::volume_binding::filter),
];

/// Runs the filters on one node: the first plugin's reasons that reject it, or none.
pub(super) fn run(cycle: &Cycle, node: &NodeInfo) -> Vec<Reason> {
    let mut reasons = Vec::new();
    for (_, filter) in FILTERS {
        filter(cycle, node, &mut reasons);
        if !reasons.is_empty() {
            break;
        }
    }
    reasons
}

/// nodeunschedulable: `spec.unschedulable` keeps Pods off unless they tolerate its taint.
fn node_unschedulable(cycle: &Cycle, node: &NodeInfo, out: &mut Vec<Reason>) {
    let unschedulable = node.node.spec.as_ref().and_then(|s| s.unschedulable) == Some(true);
    let taint = Taint {
        key: "node.kubernetes.io/unschedulable".into(),
        effect: "NoSchedule".into(),
        value: None,
        time_added: None,
    };
    if unschedulable && !tolerates(cycle.tolerations, &taint) {
        out.push(Reason {
            text: "node(s) were unschedulable".into(),
            resolvable: false,
        });
    }
}

/// tainttoleration: every NoSchedule and NoExecute taint must be tolerated.
fn taint_toleration(cycle: &Cycle, node: &NodeInfo, out: &mut Vec<Reason>) {
    if let Some(t) = untolerated_taint(cycle.spec, node.node) {
        out.push(Reason {
            text: format!(
                "node(s) had untolerated taint {{{}: {}}}",
                t.key,
                t.value.clone().unwrap_or_default()
            ),
            resolvable: false,
        });
    }
}

/// nodeaffinity: nodeSelector and required node affinity.
fn node_affinity(cycle: &Cycle, node: &NodeInfo, out: &mut Vec<Reason>) {
    if !affinity_matches(cycle.spec, node.node) {
        out.push(Reason {
            text: "node(s) didn't match Pod's node affinity/selector".into(),
            resolvable: false,
        });
    }
}

/// nodeports: a host port the node already has in use.
fn node_ports(cycle: &Cycle, node: &NodeInfo, out: &mut Vec<Reason>) {
    if cycle.ports.iter().any(|p| node.usage.ports.contains(p)) {
        out.push(Reason {
            text: "node(s) didn't have free ports for the requested pod ports".into(),
            resolvable: true,
        });
    }
}

/// noderesources Fit: room for one more Pod, and for each resource the Pod requests.
fn node_resources_fit(cycle: &Cycle, node: &NodeInfo, out: &mut Vec<Reason>) {
    if node.usage.pods + 1 > node.allocatable("pods") {
        out.push(Reason {
            text: "Too many pods".into(),
            resolvable: true,
        });
    }
    for (res, want) in &cycle.requests {
        if *want == 0 || res == "pods" {
            continue;
        }
        let have = node.allocatable(res) - node.usage.requested.get(res).copied().unwrap_or(0);
        if *want > have {
            out.push(Reason {
                text: format!("Insufficient {res}"),
                resolvable: true,
            });
        }
    }
}

pub fn tolerates(tolerations: &[Toleration], taint: &Taint) -> bool {
    tolerations.iter().any(|t| toleration_matches(t, taint))
}

/// `Toleration.ToleratesTaint`: one toleration tolerates the taint.
pub fn toleration_matches(t: &Toleration, taint: &Taint) -> bool {
    let effect_ok = t
        .effect
        .as_deref()
        .is_none_or(|e| e.is_empty() || e == taint.effect);
    let key_ok = t.key.as_deref().is_none_or(|k| k.is_empty())
        && t.operator.as_deref() == Some("Exists")
        || t.key.as_deref() == Some(taint.key.as_str());
    let value_ok = match t.operator.as_deref().unwrap_or("Equal") {
        "Exists" => true,
        _ => t.value.as_deref().unwrap_or_default() == taint.value.as_deref().unwrap_or_default(),
    };
    effect_ok && key_ok && value_ok
}

fn requirement_matches(r: &NodeSelectorRequirement, value: Option<&str>) -> bool {
    let values = r.values.as_deref().unwrap_or_default();
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

pub(crate) fn term_matches(term: &NodeSelectorTerm, node: &Node) -> bool {
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

/// `NodeShouldRunDaemonPod`'s second answer: a daemon Pod already there keeps running when the
/// node still fits it but for NoSchedule taints (only a NoExecute taint it does not tolerate puts
/// it out).
pub fn may_continue_running(spec: &PodSpec, node: &Node) -> bool {
    let tolerations = spec.tolerations.as_deref().unwrap_or_default();
    let evicting = node
        .spec
        .as_ref()
        .and_then(|s| s.taints.as_ref())
        .into_iter()
        .flatten()
        .any(|t| t.effect == "NoExecute" && !tolerates(tolerations, t));
    !evicting && affinity_matches(spec, node)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::usage::Usage;

    fn toleration(key: &str, op: &str, value: &str, effect: &str) -> Toleration {
        let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
        Toleration {
            key: some(key),
            operator: some(op),
            value: some(value),
            effect: some(effect),
            toleration_seconds: None,
        }
    }

    fn taint(key: &str, value: &str, effect: &str) -> Taint {
        Taint {
            key: key.into(),
            value: (!value.is_empty()).then(|| value.to_string()),
            effect: effect.into(),
            time_added: None,
        }
    }

    /// core/v1 helper ToleratesTaint (k8s.io/api/core/v1/toleration.go and its tests).
    #[test]
    fn tolerations_match_taints_as_the_api_defines() {
        let cases = [
            // (toleration, taint, tolerated)
            (
                ("dedicated", "Equal", "gpu", "NoSchedule"),
                ("dedicated", "gpu", "NoSchedule"),
                true,
            ),
            (
                ("dedicated", "Equal", "gpu", "NoSchedule"),
                ("dedicated", "cpu", "NoSchedule"),
                false,
            ),
            (
                ("dedicated", "", "gpu", "NoSchedule"),
                ("dedicated", "gpu", "NoSchedule"),
                true,
            ),
            (
                ("dedicated", "Exists", "", "NoSchedule"),
                ("dedicated", "anything", "NoSchedule"),
                true,
            ),
            (
                ("dedicated", "Exists", "", ""),
                ("dedicated", "x", "NoExecute"),
                true,
            ),
            (
                ("dedicated", "Exists", "", "NoExecute"),
                ("dedicated", "x", "NoSchedule"),
                false,
            ),
            (("", "Exists", "", ""), ("any", "thing", "NoSchedule"), true),
            (
                ("other", "Exists", "", ""),
                ("dedicated", "", "NoSchedule"),
                false,
            ),
            (
                ("", "Equal", "", ""),
                ("dedicated", "", "NoSchedule"),
                false,
            ),
        ];
        for ((tk, op, tv, te), (k, v, e), want) in cases {
            let t = toleration(tk, op, tv, te);
            assert_eq!(
                tolerates(std::slice::from_ref(&t), &taint(k, v, e)),
                want,
                "{t:?} vs {k}={v}:{e}"
            );
        }
    }

    /// nodeaffinity: the selector operators (component-helpers nodeaffinity NodeSelectorRequirement).
    #[test]
    fn node_selector_requirements_follow_their_operators() {
        let req = |op: &str, values: &[&str]| NodeSelectorRequirement {
            key: "zone".into(),
            operator: op.into(),
            values: Some(values.iter().map(|v| v.to_string()).collect()),
        };
        let cases = [
            (req("In", &["a", "b"]), Some("a"), true),
            (req("In", &["a", "b"]), Some("c"), false),
            (req("In", &["a"]), None, false),
            (req("NotIn", &["a"]), Some("b"), true),
            (req("NotIn", &["a"]), None, true),
            (req("NotIn", &["a"]), Some("a"), false),
            (req("Exists", &[]), Some(""), true),
            (req("Exists", &[]), None, false),
            (req("DoesNotExist", &[]), None, true),
            (req("Gt", &["5"]), Some("6"), true),
            (req("Gt", &["5"]), Some("5"), false),
            (req("Lt", &["5"]), Some("4"), true),
            (req("Lt", &["5"]), Some("x"), false),
            (req("Bogus", &["a"]), Some("a"), false),
        ];
        for (r, value, want) in cases {
            assert_eq!(
                requirement_matches(&r, value),
                want,
                "{} {value:?}",
                r.operator
            );
        }
    }

    fn node(unschedulable: bool, taints: Vec<Taint>) -> Node {
        Node {
            metadata: k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta {
                name: Some("n1".into()),
                labels: Some(BTreeMap::from([("zone".to_string(), "a".to_string())])),
                ..Default::default()
            },
            spec: Some(k8s_openapi::api::core::v1::NodeSpec {
                unschedulable: Some(unschedulable),
                taints: Some(taints),
                ..Default::default()
            }),
            status: None,
        }
    }

    /// The filters in the profile's order: the first that rejects a node gives its reasons
    /// (framework/runtime RunFilterPlugins stops at the first failure).
    #[test]
    fn the_first_rejecting_filter_gives_the_reasons() {
        let alloc = BTreeMap::from([
            ("cpu".to_string(), 1000),
            ("memory".to_string(), 1 << 30),
            ("pods".to_string(), 2),
        ]);
        // (node, its usage, the Pod, its requests, the reasons)
        type Case = (
            Node,
            Usage,
            PodSpec,
            BTreeMap<String, i64>,
            Vec<&'static str>,
        );
        let cases: Vec<Case> = vec![
            (
                node(false, vec![]),
                Usage::default(),
                PodSpec::default(),
                BTreeMap::new(),
                vec![],
            ),
            (
                node(true, vec![taint("x", "", "NoSchedule")]),
                Usage::default(),
                PodSpec::default(),
                BTreeMap::new(),
                vec!["node(s) were unschedulable"],
            ),
            (
                node(false, vec![taint("x", "y", "NoSchedule")]),
                Usage::default(),
                PodSpec::default(),
                BTreeMap::new(),
                vec!["node(s) had untolerated taint {x: y}"],
            ),
            (
                node(false, vec![taint("x", "y", "PreferNoSchedule")]),
                Usage::default(),
                PodSpec {
                    node_selector: Some(BTreeMap::from([("zone".into(), "b".into())])),
                    ..Default::default()
                },
                BTreeMap::new(),
                vec!["node(s) didn't match Pod's node affinity/selector"],
            ),
            (
                node(false, vec![]),
                Usage {
                    pods: 2,
                    ..Default::default()
                },
                PodSpec::default(),
                BTreeMap::from([("cpu".to_string(), 2000), ("memory".to_string(), 1)]),
                vec!["Too many pods", "Insufficient cpu"],
            ),
        ];
        for (n, usage, spec, requests, want) in cases {
            let cycle = Cycle {
                spec: &spec,
                tolerations: spec.tolerations.as_deref().unwrap_or_default(),
                requests,
                ports: Vec::new(),
                non_zero_cpu: 100,
                non_zero_memory: 200 << 20,
                volumes: Default::default(),
            };
            let info = NodeInfo {
                node: &n,
                name: "n1",
                usage: &usage,
                allocatable: Some(&alloc),
            };
            let got: Vec<String> = run(&cycle, &info).into_iter().map(|r| r.text).collect();
            assert_eq!(got, want);
        }
    }
}
