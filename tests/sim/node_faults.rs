//! Node faults, as the chapter on process states has them: the kubelet stopped, the container
//! runtime stopped, the machine shut down, and everything started again. Expectations follow
//! kubernetes 1.33: pkg/controller/nodelifecycle/node_lifecycle_controller.go (50 s grace period,
//! 5 s monitor period, "NodeStatusUnknown" / "Kubelet stopped posting node status.", the
//! not-ready and unreachable taints, MarkPodsNotReady's "Node is not ready"),
//! pkg/controller/tainteviction/taint_eviction.go (tolerationSeconds, "Marking for deletion Pod
//! ns/name", DisruptionTarget "DeletionByTaintManager"), plugin/pkg/admission/
//! defaulttolerationseconds (300 s), pkg/kubelet/nodestatus/setters.go (ReadyCondition,
//! "container runtime is down", PLEG's "pleg was last seen active ... ago; threshold is 3m0s").

use super::*;
use k8s_openapi::api::core::v1::{Node, Pod};
use kubeplay::sim::Fault;

const WORKER: &str = "kind-worker";

fn node<'a>(c: &'a Cluster, name: &str) -> &'a Node {
    c.store().nodes.get("", name).expect("node")
}

/// (status, reason, message) of a node's condition.
fn condition(c: &Cluster, name: &str, type_: &str) -> (String, String, String) {
    let cond = node(c, name)
        .status
        .as_ref()
        .and_then(|s| s.conditions.as_ref())
        .and_then(|cs| cs.iter().find(|c| c.type_ == type_))
        .expect("condition");
    (
        cond.status.clone(),
        cond.reason.clone().unwrap_or_default(),
        cond.message.clone().unwrap_or_default(),
    )
}

/// `key:effect` of every taint on a node.
fn taints(c: &Cluster, name: &str) -> Vec<String> {
    node(c, name)
        .spec
        .as_ref()
        .and_then(|s| s.taints.clone())
        .unwrap_or_default()
        .iter()
        .map(|t| format!("{}:{}", t.key, t.effect))
        .collect()
}

fn on_node<'a>(c: &'a Cluster, name: &str) -> Vec<&'a Pod> {
    c.store()
        .pods
        .values()
        .filter(|p| p.spec.as_ref().and_then(|s| s.node_name.as_deref()) == Some(name))
        .collect()
}

fn ready(p: &Pod) -> bool {
    p.status
        .as_ref()
        .and_then(|s| s.conditions.as_ref())
        .is_some_and(|cs| cs.iter().any(|c| c.type_ == "Ready" && c.status == "True"))
}

/// The Deployment's READY column.
fn deploy_ready(c: &Cluster, name: &str) -> String {
    let t = tables(c, false);
    let table = t
        .iter()
        .find(|t| t.prefix == "deployment.apps")
        .expect("deployments");
    let row = table.rows.iter().find(|r| r.cells[0] == name).expect("row");
    row.cells[1].clone()
}

/// A cluster with a Deployment of 4 Pods, steady, and the time it got there.
fn steady(text: &str) -> Cluster {
    let mut c = cluster(text);
    c.run_to_steady(10 * 60 * SECOND);
    let t = c.now();
    // Start the fault 3 s after a Lease renewal, as a person would at any moment.
    c.run_until(t - t % (10 * SECOND) + 13 * SECOND);
    c
}

#[test]
fn a_stopped_kubelet_goes_unknown_after_the_grace_period_and_its_pods_are_evicted_after_300s() {
    let mut c = steady(&deployment("web", 4, "example/web:1", ""));
    let stop = c.now();
    let renewed = stop - stop % (10 * SECOND);
    let on_worker: Vec<String> = on_node(&c, WORKER)
        .iter()
        .map(|p| p.metadata.name.clone().unwrap())
        .collect();
    assert!(
        !on_worker.is_empty() && on_worker.len() < 4,
        "{on_worker:?}"
    );
    assert_eq!(deploy_ready(&c, "web"), "4/4");

    assert_eq!(
        c.node_fault(WORKER, Fault::StopKubelet).unwrap(),
        "kubelet stopped on kind-worker"
    );
    // The first look after the last renewal plus 50 s.
    let look = renewed + 55 * SECOND;
    c.run_until(look - SECOND);
    assert_eq!(condition(&c, WORKER, "Ready").0, "True");
    assert!(taints(&c, WORKER).is_empty());
    c.run_until(look);
    for type_ in ["Ready", "MemoryPressure", "DiskPressure", "PIDPressure"] {
        assert_eq!(
            condition(&c, WORKER, type_),
            (
                "Unknown".into(),
                "NodeStatusUnknown".into(),
                "Kubelet stopped posting node status.".into()
            ),
            "{type_}"
        );
    }
    assert_eq!(
        taints(&c, WORKER),
        [
            "node.kubernetes.io/unreachable:NoSchedule",
            "node.kubernetes.io/unreachable:NoExecute"
        ]
    );
    assert!(on_node(&c, WORKER).iter().all(|p| !ready(p)));
    assert_eq!(
        events(&c, "NodeNotReady")
            .iter()
            .filter(|m| *m == "Node is not ready")
            .count(),
        on_worker.len()
    );
    assert!(events(&c, "NodeNotReady")
        .contains(&"Node kind-worker status is now: NodeNotReady".to_string()));
    let up = 4 - on_worker.len();
    assert_eq!(deploy_ready(&c, "web"), format!("{up}/4"));
    // kubectl get nodes: NotReady; the Pods still say Running (nobody reports otherwise).
    assert!(pods(&c).iter().all(|p| p.2 == "Running"), "{:?}", pods(&c));

    // 300 s of tolerationSeconds later the taint eviction controller deletes them.
    c.run_until(look + 300 * SECOND - SECOND);
    assert!(events(&c, "TaintManagerEviction").is_empty());
    c.run_until(look + 300 * SECOND);
    let mut marked = events(&c, "TaintManagerEviction");
    marked.sort();
    let mut want: Vec<String> = on_worker
        .iter()
        .map(|n| format!("Marking for deletion Pod default/{n}"))
        .collect();
    want.sort();
    assert_eq!(marked, want);
    for p in on_node(&c, WORKER) {
        assert!(p.metadata.deletion_timestamp.is_some());
        let target = p
            .status
            .as_ref()
            .and_then(|s| s.conditions.as_ref())
            .and_then(|cs| cs.iter().find(|c| c.type_ == "DisruptionTarget"))
            .expect("DisruptionTarget");
        assert_eq!(target.reason.as_deref(), Some("DeletionByTaintManager"));
        assert_eq!(
            target.message.as_deref(),
            Some("Taint manager: deleting due to NoExecute taint")
        );
    }
    // The ReplicaSet replaces them elsewhere; the evicted ones stay Terminating while the kubelet
    // is away, however long.
    c.run_until(look + 30 * 60 * SECOND);
    assert_eq!(deploy_ready(&c, "web"), "4/4");
    let rows = pods(&c);
    assert_eq!(
        rows.iter().filter(|p| p.2 == "Terminating").count(),
        on_worker.len(),
        "{rows:?}"
    );
    assert_eq!(
        rows.iter().filter(|p| p.2 == "Running").count(),
        4,
        "{rows:?}"
    );
    assert!(c
        .store()
        .pods
        .values()
        .filter(|p| p.metadata.deletion_timestamp.is_none())
        .all(|p| p.spec.as_ref().and_then(|s| s.node_name.as_deref()) != Some(WORKER)));

    // The kubelet comes back: Ready again, the taints go, the evicted Pods finish terminating.
    let back = c.now();
    assert_eq!(
        c.node_fault(WORKER, Fault::Start).unwrap(),
        "kubelet and containerd running on kind-worker"
    );
    assert_eq!(condition(&c, WORKER, "Ready").0, "True");
    assert!(taints(&c, WORKER).is_empty());
    assert!(
        events(&c, "NodeReady").contains(&"Node kind-worker status is now: NodeReady".to_string())
    );
    c.run_until(back + 60 * SECOND);
    assert!(on_node(&c, WORKER).is_empty(), "{:?}", pods(&c));
    assert_eq!(pods(&c).len(), 4);
    assert_eq!(deploy_ready(&c, "web"), "4/4");
    assert!(c
        .node_fault(WORKER, Fault::Start)
        .unwrap_err()
        .contains("already running"));
}

#[test]
fn a_kubelet_back_before_the_eviction_keeps_its_pods_and_they_are_ready_again() {
    let mut c = steady(&deployment("web", 4, "example/web:1", ""));
    let before: Vec<String> = c
        .store()
        .pods
        .values()
        .map(|p| p.metadata.name.clone().unwrap())
        .collect();
    c.node_fault(WORKER, Fault::StopKubelet).unwrap();
    let t = c.now();
    c.run_until(t + 2 * 60 * SECOND);
    assert_eq!(condition(&c, WORKER, "Ready").0, "Unknown");
    c.node_fault(WORKER, Fault::Start).unwrap();
    c.run_until(t + 10 * 60 * SECOND);
    let after: Vec<String> = c
        .store()
        .pods
        .values()
        .map(|p| p.metadata.name.clone().unwrap())
        .collect();
    assert_eq!(before, after);
    assert!(c.store().pods.values().all(ready));
    // The evictions waiting for the 300 s were called off.
    let evictions = events(&c, "TaintManagerEviction");
    assert!(
        !evictions.is_empty()
            && evictions
                .iter()
                .all(|m| m.starts_with("Cancelling deletion of Pod default/web-")),
        "{evictions:?}"
    );
    // The same containers ran on: no restart.
    assert!(pods(&c).iter().all(|p| p.3 == "0"), "{:?}", pods(&c));
}

const SET: &str = "apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 2
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: example/db:1}]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: agent, image: example/agent:1}]
";

/// A StatefulSet Pod on a lost node is Terminating and not replaced (at most one Pod per
/// identity: the name stays taken); a DaemonSet Pod tolerates the taints for ever and stays.
#[test]
fn statefulset_pods_wait_for_the_node_and_daemon_pods_stay() {
    let mut c = steady(SET);
    let db_on_worker: Vec<String> = on_node(&c, WORKER)
        .iter()
        .filter_map(|p| p.metadata.name.clone())
        .filter(|n| n.starts_with("db-"))
        .collect();
    assert_eq!(db_on_worker.len(), 1, "{:?}", pods(&c));
    c.node_fault(WORKER, Fault::Shutdown).unwrap();
    let t = c.now();
    c.run_until(t + 20 * 60 * SECOND);
    let rows = pods(&c);
    let db = rows
        .iter()
        .find(|p| p.0 == db_on_worker[0])
        .expect("still there");
    assert_eq!(db.2, "Terminating", "{rows:?}");
    assert_eq!(
        rows.iter().filter(|p| p.0.starts_with("db-")).count(),
        2,
        "{rows:?}"
    );
    let agent = on_node(&c, WORKER)
        .into_iter()
        .find(|p| p.metadata.name.as_deref().unwrap().starts_with("agent-"))
        .expect("agent")
        .clone();
    assert!(agent.metadata.deletion_timestamp.is_none());
    assert!(!events(&c, "TaintManagerEviction")
        .iter()
        .any(|m| m.contains("agent-")));

    // Back on: the machine booted, so the agent's container starts again (a restart); the db Pod
    // finishes terminating and the StatefulSet makes it again.
    c.node_fault(WORKER, Fault::Start).unwrap();
    let t = c.now();
    c.run_until(t + 2 * 60 * SECOND);
    let rows = pods(&c);
    let db = rows
        .iter()
        .find(|p| p.0 == db_on_worker[0])
        .expect("made again");
    assert_eq!(db.2, "Running", "{rows:?}");
    let agent = rows
        .iter()
        .find(|p| p.0 == agent.metadata.name.clone().unwrap())
        .expect("agent");
    assert_eq!(
        (agent.2.as_str(), agent.3.as_str()),
        ("Running", "1"),
        "{rows:?}"
    );
}

/// A stopped runtime leaves the kubelet posting: Ready False, "container runtime is down" once
/// the runtime has not answered for 30 s (at the next 10 s status update), then PLEG's message
/// after 3 minutes; the node is tainted not-ready and the container GC failure is reported.
#[test]
fn a_stopped_runtime_makes_the_node_not_ready_in_the_kubelets_words() {
    let mut c = steady(&deployment("web", 2, "example/web:1", ""));
    let stop = c.now();
    c.node_fault(WORKER, Fault::StopRuntime).unwrap();
    let down = {
        let t = stop + 30 * SECOND;
        t + (10 * SECOND - t % (10 * SECOND)) % (10 * SECOND)
    };
    c.run_until(down - SECOND);
    assert_eq!(condition(&c, WORKER, "Ready").0, "True");
    c.run_until(down);
    assert_eq!(
        condition(&c, WORKER, "Ready"),
        (
            "False".into(),
            "KubeletNotReady".into(),
            "container runtime is down".into()
        )
    );
    assert_eq!(
        taints(&c, WORKER),
        [
            "node.kubernetes.io/not-ready:NoSchedule",
            "node.kubernetes.io/not-ready:NoExecute"
        ]
    );
    assert!(on_node(&c, WORKER).iter().all(|p| !ready(p)));
    c.run_until(stop + 4 * 60 * SECOND);
    let (_, _, message) = condition(&c, WORKER, "Ready");
    assert!(
        message.starts_with(
            "[container runtime is down, PLEG is not healthy: pleg was last seen active 3m"
        ),
        "{message}"
    );
    assert!(message.ends_with(" ago; threshold is 3m0s]"), "{message}");
    assert_eq!(events(&c, "ContainerGCFailed").len(), 1);
    // MemoryPressure and the others stay as the kubelet posts them.
    assert_eq!(condition(&c, WORKER, "MemoryPressure").0, "False");
    c.node_fault(WORKER, Fault::Start).unwrap();
    assert_eq!(condition(&c, WORKER, "Ready").0, "True");
}

/// A Pod that tolerates the unreachable taint for 10 s is evicted 10 s after the taint.
#[test]
fn toleration_seconds_set_the_eviction_time() {
    let text = "apiVersion: v1
kind: Pod
metadata: {name: quick}
spec:
  nodeName: kind-worker
  tolerations:
  - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 10}
  containers: [{name: app, image: example/app:1}]
";
    let mut c = steady(text);
    c.node_fault(WORKER, Fault::StopKubelet).unwrap();
    let t = c.now();
    // Stopped 3 s after a renewal: seen gone (and tainted) 52 s later.
    c.run_until(t + 52 * SECOND);
    let tainted = node(&c, WORKER)
        .spec
        .as_ref()
        .and_then(|s| s.taints.as_ref())
        .and_then(|ts| ts.iter().find(|t| t.effect == "NoExecute"))
        .and_then(|t| t.time_added.clone())
        .expect("tainted");
    let tainted = kubeplay::sim::time::millis_of(&tainted);
    assert_eq!(tainted, t + 52 * SECOND);
    c.run_until(tainted + 10 * SECOND - 1);
    assert!(
        events(&c, "TaintManagerEviction").is_empty(),
        "{:?}",
        events(&c, "TaintManagerEviction")
    );
    c.run_until(tainted + 10 * SECOND);
    assert_eq!(
        events(&c, "TaintManagerEviction"),
        ["Marking for deletion Pod default/quick"]
    );
}

#[test]
fn faults_on_a_node_that_is_not_there_or_already_so_are_refused() {
    let mut c = Cluster::new();
    assert_eq!(
        c.node_fault("nope", Fault::StopKubelet).unwrap_err(),
        "Error from server (NotFound): nodes \"nope\" not found"
    );
    c.node_fault(WORKER, Fault::StopKubelet).unwrap();
    assert!(c
        .node_fault(WORKER, Fault::StopKubelet)
        .unwrap_err()
        .contains("already stopped"));
    c.node_fault(WORKER, Fault::Shutdown).unwrap();
    assert!(c
        .node_fault(WORKER, Fault::StopRuntime)
        .unwrap_err()
        .contains("shut down"));
    assert_eq!(Fault::parse("reboot"), None);
}

/// The other way out for a StatefulSet Pod stuck on a lost node: deleting the Node object. Pod GC
/// (gc_controller.go gcOrphaned) removes the Pods bound to it, and the StatefulSet makes its Pod
/// again on a node that is there.
#[test]
fn deleting_the_lost_node_frees_the_statefulset_pod() {
    let mut c = steady(SET);
    let db = on_node(&c, WORKER)
        .iter()
        .filter_map(|p| p.metadata.name.clone())
        .find(|n| n.starts_with("db-"))
        .expect("a db Pod on the worker");
    c.node_fault(WORKER, Fault::StopKubelet).unwrap();
    let t = c.now();
    c.run_until(t + 10 * 60 * SECOND);
    assert_eq!(
        pods(&c).iter().find(|p| p.0 == db).unwrap().2,
        "Terminating"
    );
    let mut console = kubeplay::cluster::Console::new();
    let o = console.run(&mut c, "kubectl delete node kind-worker");
    assert_eq!(o.stdout, "node \"kind-worker\" deleted\n", "{}", o.stderr);
    let t = c.now();
    c.run_until(t + 60 * SECOND);
    let again = c
        .store()
        .pods
        .values()
        .find(|p| p.metadata.name.as_deref() == Some(db.as_str()))
        .expect("made again");
    assert_ne!(
        again.spec.as_ref().and_then(|s| s.node_name.as_deref()),
        Some(WORKER)
    );
    assert_eq!(
        pods(&c).iter().find(|p| p.0 == db).unwrap().2,
        "Running",
        "{:?}",
        pods(&c)
    );
}
