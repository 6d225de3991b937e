//! The simulated machines under the nodes: whether each node's kubelet and container runtime run
//! and whether the machine is on, as the faults a learner injects leave them (`kubeplay node`),
//! and the node Leases the kubelets renew.
//!
//! The one thing to know: a running kubelet renews its Lease in `kube-node-lease` every 10 s (a
//! quarter of the 40 s lease). That would be a write every 10 s per node, so the Leases are not in
//! the store: a node's last renewal is read here (the last 10 s tick before its kubelet stopped),
//! by the node lifecycle controller that watches them.

use std::collections::BTreeMap;

use super::time::{Millis, SECOND};

/// A running kubelet renews its node's Lease this often.
pub const LEASE_RENEW_EVERY: Millis = 10 * SECOND;

/// What a learner does to a node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Fault {
    /// `systemctl stop containerd`: the kubelet runs on, its containers are out of its reach.
    StopRuntime,
    /// `systemctl stop kubelet`: containers run on, nobody reports on them.
    StopKubelet,
    /// The machine goes off: kubelet, runtime and every container with it.
    Shutdown,
    /// Everything stopped comes back (the machine boots, the services start).
    Start,
}

impl Fault {
    /// The word the `kubeplay node` command takes.
    pub fn parse(word: &str) -> Option<Fault> {
        Some(match word {
            "stop-runtime" => Fault::StopRuntime,
            "stop-kubelet" => Fault::StopKubelet,
            "shutdown" => Fault::Shutdown,
            "start" => Fault::Start,
            _ => return None,
        })
    }
}

/// One node's processes. A node not listed runs everything.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Process {
    /// When the kubelet stopped (it or the machine); None while it runs.
    pub kubelet_stopped: Option<Millis>,
    /// When the container runtime stopped; None while it runs.
    pub runtime_stopped: Option<Millis>,
    /// The machine is off: its containers died with it.
    pub off: bool,
    /// The container GC failure was reported for this stop of the runtime.
    pub gc_failed: bool,
}

impl Process {
    /// The time of the last Lease the kubelet renewed, if it has stopped.
    pub fn last_renewal(&self) -> Option<Millis> {
        self.kubelet_stopped
            .map(|t| t - t.rem_euclid(LEASE_RENEW_EVERY))
    }
}

/// The processes of every node that has had a fault.
pub type Processes = BTreeMap<String, Process>;

/// When the kubelet of `node` last renewed its Lease, if it has stopped renewing.
pub fn last_renewal(machines: &Processes, node: &str) -> Option<Millis> {
    machines.get(node).and_then(Process::last_renewal)
}
