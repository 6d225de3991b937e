//! What is already on each node, as the scheduler's NodeInfo sums it: requests, the non-zero
//! requests it scores with, the Pod count, host ports and Pods per owner.
//!
//! The one thing to know: the store keeps one `Usage` per node up to date on every Pod write (a Pod
//! counts while it is bound and not finished), so the scheduler never sums a node's Pods itself.

use std::collections::{BTreeMap, HashMap};

use k8s_openapi::api::core::v1::{Container, Pod, PodSpec};

use super::quantity;

/// The non-zero defaults the scheduler scores a Pod without requests with (util/pod_resources.go).
pub const DEFAULT_MILLI_CPU: i64 = 100;
pub const DEFAULT_MEMORY: i64 = 200 * 1024 * 1024;

/// A container's requests in base units (its limits where it states no requests).
fn container_requests(c: &Container) -> impl Iterator<Item = (&String, i64)> {
    c.resources
        .as_ref()
        .and_then(|r| r.requests.as_ref().or(r.limits.as_ref()))
        .into_iter()
        .flatten()
        .map(|(k, q)| (k, quantity::amount(k, q)))
}

/// Resource requests of a Pod: the sum over containers, at least each init container's.
pub fn requests(spec: &PodSpec) -> BTreeMap<String, i64> {
    let mut sum: BTreeMap<String, i64> = BTreeMap::new();
    for (k, v) in spec.containers.iter().flat_map(container_requests) {
        *sum.entry(k.clone()).or_default() += v;
    }
    for (k, v) in spec
        .init_containers
        .iter()
        .flatten()
        .flat_map(container_requests)
    {
        let e = sum.entry(k.clone()).or_default();
        *e = (*e).max(v);
    }
    sum
}

pub fn host_ports(spec: &PodSpec) -> Vec<(i32, String)> {
    spec.containers
        .iter()
        .flat_map(|c| c.ports.iter().flatten())
        .filter_map(|p| {
            p.host_port
                .filter(|h| *h > 0)
                .map(|h| (h, p.protocol.clone().unwrap_or_else(|| "TCP".into())))
        })
        .collect()
}

/// What is already on each node: requests, Pod count, host ports.
#[derive(Default, Clone, Debug)]
pub struct Usage {
    pub requested: BTreeMap<String, i64>,
    pub non_zero_cpu: i64,
    pub non_zero_memory: i64,
    pub pods: i64,
    pub ports: Vec<(i32, String)>,
    pub owners: HashMap<String, i64>,
}

impl Usage {
    /// Counts a Pod in (`sign` 1) or out (`sign` -1).
    pub fn count(&mut self, pod: &Pod, sign: i64) {
        let Some(spec) = &pod.spec else { return };
        let r = requests(spec);
        for (k, v) in &r {
            *self.requested.entry(k.clone()).or_default() += sign * v;
        }
        self.non_zero_cpu += sign
            * r.get("cpu")
                .copied()
                .filter(|v| *v > 0)
                .unwrap_or(DEFAULT_MILLI_CPU);
        self.non_zero_memory += sign
            * r.get("memory")
                .copied()
                .filter(|v| *v > 0)
                .unwrap_or(DEFAULT_MEMORY);
        self.pods += sign;
        for port in host_ports(spec) {
            if sign > 0 {
                self.ports.push(port);
            } else if let Some(i) = self.ports.iter().position(|p| *p == port) {
                self.ports.remove(i);
            }
        }
        let controller = pod
            .metadata
            .owner_references
            .iter()
            .flatten()
            .find(|r| r.controller == Some(true));
        if let Some(o) = controller {
            *self.owners.entry(o.uid.clone()).or_default() += sign;
        }
    }
}
