//! The score plugins of the default profile, each 0–100 per node (node affinity: the matched
//! weights), summed: the feasible node with the highest total is chosen.

use super::filter::term_matches;
use super::{Cycle, NodeInfo};

type Score = fn(&Cycle, &NodeInfo) -> i64;

/// The default profile's scores.
pub(super) const SCORES: &[(&str, Score)] = &[
    ("NodeResourcesFit", least_allocated),
    ("NodeResourcesBalancedAllocation", balanced_allocation),
    ("NodeAffinity", preferred_affinity),
];

/// The total of every score for one node.
pub(super) fn total(cycle: &Cycle, node: &NodeInfo) -> i64 {
    SCORES.iter().map(|(_, score)| score(cycle, node)).sum()
}

/// (cpu, memory) in use with this Pod, as the scoring counts them (non-zero requests), and the
/// node's allocatable of each.
fn fractions(cycle: &Cycle, node: &NodeInfo) -> ((i64, i64), (i64, i64)) {
    let cpu_cap = node.allocatable("cpu").max(1);
    let mem_cap = node.allocatable("memory").max(1);
    let cpu_used = (node.usage.non_zero_cpu + cycle.non_zero_cpu).min(cpu_cap);
    let mem_used = (node.usage.non_zero_memory + cycle.non_zero_memory).min(mem_cap);
    ((cpu_used, cpu_cap), (mem_used, mem_cap))
}

/// noderesources LeastAllocated: the share of cpu and memory left free, averaged.
fn least_allocated(cycle: &Cycle, node: &NodeInfo) -> i64 {
    let ((cpu_used, cpu_cap), (mem_used, mem_cap)) = fractions(cycle, node);
    ((cpu_cap - cpu_used) * 100 / cpu_cap + (mem_cap - mem_used) * 100 / mem_cap) / 2
}

/// noderesources BalancedAllocation: cpu and memory used in the same proportion.
fn balanced_allocation(cycle: &Cycle, node: &NodeInfo) -> i64 {
    let ((cpu_used, cpu_cap), (mem_used, mem_cap)) = fractions(cycle, node);
    let (fc, fm) = (
        cpu_used as f64 / cpu_cap as f64,
        mem_used as f64 / mem_cap as f64,
    );
    ((1.0 - (fc - fm).abs() / 2.0) * 100.0) as i64
}

/// Preferred node affinity: the sum of the weights of the terms the node matches.
fn preferred_affinity(cycle: &Cycle, node: &NodeInfo) -> i64 {
    cycle
        .spec
        .affinity
        .as_ref()
        .and_then(|a| a.node_affinity.as_ref())
        .and_then(|n| {
            n.preferred_during_scheduling_ignored_during_execution
                .as_ref()
        })
        .map(|terms| {
            terms
                .iter()
                .filter(|t| term_matches(&t.preference, node.node))
                .map(|t| i64::from(t.weight))
                .sum()
        })
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use k8s_openapi::api::core::v1::{Node, PodSpec};

    use super::*;
    use crate::sim::usage::Usage;

    /// noderesources least_allocated.go and balanced_allocation.go, with their formulas worked by
    /// hand: a 1-CPU, 1-GiB node.
    #[test]
    fn resource_scores_follow_the_upstream_formulas() {
        let alloc = BTreeMap::from([("cpu".to_string(), 1000), ("memory".to_string(), 1 << 30)]);
        let node = Node::default();
        let spec = PodSpec::default();
        // (cpu used, memory used, pod cpu, pod memory) → (least allocated, balanced)
        let cases = [
            ((0, 0), (100, 200 << 20), (85, 95)),
            ((0, 0), (500, 512 << 20), (50, 100)),
            ((900, 0), (100, 0), (50, 50)),
            ((2000, 2 << 30), (100, 100), (0, 100)),
        ];
        for ((cpu, mem), (pod_cpu, pod_mem), (least, balanced)) in cases {
            let usage = Usage {
                non_zero_cpu: cpu,
                non_zero_memory: mem,
                ..Default::default()
            };
            let cycle = Cycle {
                spec: &spec,
                tolerations: &[],
                requests: BTreeMap::new(),
                ports: Vec::new(),
                non_zero_cpu: pod_cpu,
                non_zero_memory: pod_mem,
                volumes: Default::default(),
            };
            let info = NodeInfo {
                node: &node,
                name: "n",
                usage: &usage,
                allocatable: Some(&alloc),
            };
            assert_eq!(
                (
                    least_allocated(&cycle, &info),
                    balanced_allocation(&cycle, &info)
                ),
                (least, balanced),
                "{cpu}m+{pod_cpu}m, {mem}+{pod_mem} bytes"
            );
        }
    }
}
