//! The faults a learner injects on a node (`Cluster::node_fault`, the state they leave in
//! `sim::machines`) and the status the kubelet posts for its Node
//! (pkg/kubelet/kubelet_node_status.go, nodestatus/setters.go `ReadyCondition`).
//!
//! The one thing to know: a stopped kubelet posts nothing, so its Node keeps the last conditions it
//! wrote until the node lifecycle controller, missing the heartbeats, marks them Unknown
//! (`controllers::node_lifecycle`). A stopped runtime leaves the kubelet running: it posts Ready
//! False, "container runtime is down", and cannot start, stop or read any container.

use k8s_openapi::api::core::v1::{Node, NodeCondition};

use super::{source, Cluster, Millis, SECOND};
use crate::sim::controller::Controller;
use crate::sim::events::{EventType, Involved};
use crate::sim::machines::{Fault, Process};
use crate::sim::queue::QueueKey;
use crate::sim::store::{Store, Touch};
use crate::sim::time::{self, MINUTE};

/// The kubelet writes its Node's status this often (`nodeStatusUpdateFrequency`).
const STATUS_EVERY: Millis = 10 * SECOND;
/// How long the runtime may not answer before the kubelet says it is down
/// (`runtimeState.baseRuntimeSyncThreshold`).
const RUNTIME_THRESHOLD: Millis = 30 * SECOND;
/// How long PLEG may not relist before the kubelet calls it unhealthy (`pleg.relistThreshold`).
const PLEG_THRESHOLD: Millis = 3 * MINUTE;
/// The kubelet's container garbage collection runs this often (`ContainerGCPeriod`).
const CONTAINER_GC_EVERY: Millis = MINUTE;

/// Whether the kubelet on `node` can sync its Pods: it runs, and so does its runtime.
pub(crate) fn syncs(c: &Cluster, node: &str) -> bool {
    c.machines
        .get(node)
        .is_none_or(|p| p.kubelet_stopped.is_none() && p.runtime_stopped.is_none())
}

/// The first status update at or after `t` (the kubelet writes on its own 10 s ticks).
fn next_tick(t: Millis) -> Millis {
    t + (STATUS_EVERY - t.rem_euclid(STATUS_EVERY)) % STATUS_EVERY
}

impl Cluster {
    /// Injects `fault` on node `name`; the cluster then moves as a real one does. The message says
    /// what was done, or why nothing was.
    pub fn node_fault(&mut self, name: &str, fault: Fault) -> Result<String, String> {
        if self.store.get::<Node>("", name).is_none() {
            return Err(format!(
                "Error from server (NotFound): nodes \"{name}\" not found"
            ));
        }
        let now = self.now();
        let p = self.machines.entry(name.to_string()).or_default();
        let said = match fault {
            Fault::StopRuntime if p.off => return Err(format!("node {name} is shut down")),
            Fault::StopRuntime if p.runtime_stopped.is_some() => {
                return Err(format!(
                    "the container runtime on {name} is already stopped"
                ))
            }
            Fault::StopRuntime => {
                p.runtime_stopped = Some(now);
                p.gc_failed = false;
                format!("containerd stopped on {name}")
            }
            Fault::StopKubelet if p.off => return Err(format!("node {name} is shut down")),
            Fault::StopKubelet if p.kubelet_stopped.is_some() => {
                return Err(format!("the kubelet on {name} is already stopped"))
            }
            Fault::StopKubelet => {
                p.kubelet_stopped = Some(now);
                format!("kubelet stopped on {name}")
            }
            Fault::Shutdown if p.off => return Err(format!("node {name} is already shut down")),
            Fault::Shutdown => {
                p.kubelet_stopped.get_or_insert(now);
                p.runtime_stopped.get_or_insert(now);
                p.off = true;
                format!("node {name} shut down")
            }
            Fault::Start if *p == Process::default() => {
                return Err(format!("node {name} is already running"))
            }
            Fault::Start => {
                let booted = p.off;
                *p = Process::default();
                if booted {
                    super::reboot(self, name);
                }
                if booted {
                    format!("node {name} started")
                } else {
                    format!("kubelet and containerd running on {name}")
                }
            }
        };
        self.machines.retain(|_, p| *p != Process::default());
        enqueue(self, "kubelet-node-status", QueueKey::new("", name));
        enqueue(self, "node-lifecycle", QueueKey::new("", name));
        let pods: Vec<_> = self
            .store
            .index
            .pods_by_node
            .get(name)
            .into_iter()
            .flatten()
            .cloned()
            .collect();
        for (ns, pod) in pods {
            enqueue(self, "kubelet", QueueKey::new(&ns, &pod));
        }
        self.settle();
        Ok(said)
    }

    /// What runs on each node, for `kubeplay node` and the node's menu: `(node, state)` with state
    /// `running`, `runtime stopped`, `kubelet stopped`, `kubelet and runtime stopped` or `off`.
    pub fn node_processes(&self) -> Vec<(String, &'static str)> {
        self.store
            .nodes
            .values()
            .map(|n| {
                let name = n.metadata.name.clone().unwrap_or_default();
                let state = match self.machines.get(&name) {
                    None => "running",
                    Some(p) if p.off => "off",
                    Some(p) => match (p.kubelet_stopped, p.runtime_stopped) {
                        (Some(_), Some(_)) => "kubelet and runtime stopped",
                        (Some(_), None) => "kubelet stopped",
                        (None, Some(_)) => "runtime stopped",
                        (None, None) => "running",
                    },
                };
                (name, state)
            })
            .collect()
    }
}

/// Puts `key` on the queue of the controller named `controller`.
fn enqueue(c: &mut Cluster, controller: &str, key: QueueKey) {
    if let Some(i) = crate::sim::CONTROLLERS
        .iter()
        .position(|k| k.name == controller)
    {
        c.queues.add(i, key);
    }
}

/// The kubelet's node status updates, one key per Node.
pub(crate) const NODE_STATUS: Controller =
    Controller::keyed("kubelet-node-status", watches, reconcile);

fn watches(_: &Store, t: &Touch, out: &mut dyn FnMut(QueueKey)) {
    if t.kind == "Node" && t.new.is_some() {
        out(QueueKey::new("", &t.key.1));
    }
}

/// The Ready condition the kubelet would post now, and when it would next change.
fn ready_condition(
    p: Option<&Process>,
    now: Millis,
) -> ((&'static str, &'static str, String), Option<Millis>) {
    let ready = (
        "True",
        "KubeletReady",
        "kubelet is posting ready status".to_string(),
    );
    let Some(stopped) = p.and_then(|p| p.runtime_stopped) else {
        return (ready, None);
    };
    let down = next_tick(stopped + RUNTIME_THRESHOLD);
    let pleg = next_tick(stopped + PLEG_THRESHOLD);
    if now < down {
        return (ready, Some(down));
    }
    let mut message = "container runtime is down".to_string();
    if now >= pleg {
        // `utilerrors.NewAggregate`: several errors print bracketed, comma-separated.
        message = format!(
            "[container runtime is down, PLEG is not healthy: pleg was last seen active {} ago; threshold is {}]",
            time::go_duration(now - stopped),
            time::go_duration(PLEG_THRESHOLD)
        );
        return (("False", "KubeletNotReady", message), None);
    }
    (("False", "KubeletNotReady", message), Some(pleg))
}

fn reconcile(c: &mut Cluster, key: &QueueKey) {
    let name = key.name.as_str();
    if c.store.get::<Node>("", name).is_none() {
        return;
    }
    let now = c.now();
    let p = c.machines.get(name).cloned();
    if p.as_ref().is_some_and(|p| p.kubelet_stopped.is_some()) {
        return;
    }
    if let Some(p) = &p {
        if let (Some(stopped), false) = (p.runtime_stopped, p.gc_failed) {
            let at = stopped + CONTAINER_GC_EVERY;
            if now >= at {
                if let Some(m) = c.machines.get_mut(name) {
                    m.gc_failed = true;
                }
                c.record(
                    node_ref(name),
                    EventType::Warning,
                    "ContainerGCFailed",
                    "rpc error: code = Unavailable desc = connection error: desc = \"transport: Error while dialing: dial unix /run/containerd/containerd.sock: connect: connection refused\"".into(),
                    source(name),
                );
            } else {
                c.wake_at(at);
            }
        }
    }
    let ((status, reason, message), next) = ready_condition(p.as_ref(), now);
    if let Some(t) = next {
        c.wake_at(t);
    }
    let mut want: Vec<(&str, &str, &str, String)> = vec![
        (
            "MemoryPressure",
            "False",
            "KubeletHasSufficientMemory",
            "kubelet has sufficient memory available".into(),
        ),
        (
            "DiskPressure",
            "False",
            "KubeletHasNoDiskPressure",
            "kubelet has no disk pressure".into(),
        ),
        (
            "PIDPressure",
            "False",
            "KubeletHasSufficientPID",
            "kubelet has sufficient PID available".into(),
        ),
    ];
    want.push(("Ready", status, reason, message));
    let conds = c
        .store
        .get::<Node>("", name)
        .and_then(|n| n.status.as_ref())
        .and_then(|s| s.conditions.clone())
        .unwrap_or_default();
    let same = want.iter().all(|(t, s, r, m)| {
        conds.iter().any(|c| {
            c.type_ == *t
                && c.status == *s
                && c.reason.as_deref() == Some(*r)
                && c.message.as_deref() == Some(m.as_str())
        })
    });
    if same {
        return;
    }
    let was_ready = conds
        .iter()
        .any(|c| c.type_ == "Ready" && c.status == "True");
    let stamp = time::time(now);
    let mut next_conds = Vec::new();
    for (t, s, r, m) in want {
        let old = conds.iter().find(|c| c.type_ == t);
        next_conds.push(NodeCondition {
            type_: t.into(),
            status: s.into(),
            reason: Some(r.into()),
            message: Some(m),
            last_heartbeat_time: Some(stamp.clone()),
            last_transition_time: match old {
                Some(o) if o.status == s => o.last_transition_time.clone(),
                _ => Some(stamp.clone()),
            },
        });
    }
    // Conditions other components own (none the kubelet writes) stay.
    next_conds.extend(conds.into_iter().filter(|c| {
        !matches!(
            c.type_.as_str(),
            "MemoryPressure" | "DiskPressure" | "PIDPressure" | "Ready"
        )
    }));
    let now_ready = status == "True";
    c.store.put_status::<Node>("", name, |n| {
        n.status.get_or_insert_with(Default::default).conditions = Some(next_conds);
    });
    if now_ready != was_ready {
        let word = if now_ready {
            "NodeReady"
        } else {
            "NodeNotReady"
        };
        c.record(
            node_ref(name),
            EventType::Normal,
            word,
            format!("Node {name} status is now: {word}"),
            source(name),
        );
    }
}

/// A Node as an event's subject (nodes are referred to by name, their uid being the name, as the
/// kubelet does).
pub(crate) fn node_ref(name: &str) -> Involved {
    Involved {
        api_version: "v1",
        kind: "Node",
        namespace: String::new(),
        name: name.to_string(),
        uid: name.to_string(),
        field_path: None,
    }
}
