//! The kubelet of every node: starts the Pods bound to it (sandbox, image pulls, init containers one
//! after another, sidecars, app containers), runs their probes, restarts what exits with Kubernetes'
//! back-off, and stops them when they are deleted. Pod status and events are written as the real
//! kubelet writes them (pkg/kubelet/kuberuntime, prober, status/generate.go).
//!
//! The one thing to know: probes are evaluated on their own schedule (initialDelaySeconds, then every
//! periodSeconds), but time is only stopped at probes whose result can change something, so a healthy
//! Pod costs nothing while the clock runs.

pub(crate) mod node;
mod prober;
mod runtime;
mod status;
mod volumes;

use prober::*;
use runtime::*;
use status::*;
use volumes::*;

use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use k8s_openapi::api::core::v1::{
    Container, ContainerState, ContainerStateRunning, ContainerStateTerminated,
    ContainerStateWaiting, ContainerStatus, HostIP, Node, Pod, PodIP, PodSpec, PodStatus, Probe,
};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::behaviour::{self, Behaviour};
use super::controller::{own_key, Controller};
use super::events::{EventType, Involved, Source};
use super::pod::{qos_class, set_status_condition};
use super::queue::QueueKey;
use super::store::{Store, Touch};
use super::time::{self, go_duration, millis_of, Millis, SECOND};
use super::{involved, Cluster};

/// Creating a Pod's sandbox (network namespace, IP) takes this long.
const SANDBOX: Millis = SECOND;
/// How often a Pod waiting for a volume attached elsewhere tries again.
const ATTACH_RETRY: Millis = 10 * SECOND;
/// Pulling an image the node already has, under `imagePullPolicy: Always`.
const REPULL: Millis = 500;
/// Kubelet's container restart back-off: 10 s doubling to 5 min, reset after 10 min of running.
const BACKOFF_INITIAL: Millis = 10 * SECOND;
const BACKOFF_MAX: Millis = 300 * SECOND;

#[derive(Clone, Debug, Default)]
pub struct State {
    /// What runs on the nodes, by Pod uid.
    pods: HashMap<String, PodRun>,
    /// The uid of the Pod run under each (namespace, name).
    by_key: HashMap<(String, String), String>,
    /// Images each node has pulled.
    images: HashMap<String, BTreeSet<String>>,
    next_container_id: u64,
}

#[derive(Clone, Debug)]
struct PodRun {
    node: String,
    sandbox_at: Millis,
    started_at: Millis,
    ip: Option<String>,
    init: Vec<CRun>,
    main: Vec<CRun>,
    mount_error: Option<String>,
    /// When a deleted Pod's containers have all stopped.
    term_end: Option<Millis>,
    finished: bool,
    /// (resourceVersion written, time, config epoch) of the last sync: a sync with all three
    /// unchanged would change nothing.
    last_sync: Option<(String, Millis, u64)>,
    /// Wake-ups the last sync asked for, asked for again when a sync is skipped.
    wakes: Vec<Millis>,
}

#[derive(Clone, Debug)]
struct Done {
    code: i32,
    reason: &'static str,
    started: Millis,
    finished: Millis,
    id: String,
}

#[derive(Clone, Debug, PartialEq)]
enum CState {
    /// Not started yet: waiting for the sandbox or earlier init containers.
    Idle,
    Pulling {
        until: Millis,
        took: Millis,
    },
    /// Waiting with a reason that a later sync may clear (config errors, image pull errors).
    Blocked {
        reason: &'static str,
        message: String,
        retry: Option<Millis>,
    },
    Running {
        since: Millis,
    },
    Exited,
    BackOff {
        until: Millis,
    },
}

#[derive(Clone, Debug, Default)]
struct ProbeRun {
    next_tick: i64,
    successes: i32,
    failures: i32,
}

#[derive(Clone, Debug)]
struct CRun {
    name: String,
    image: String,
    init: bool,
    sidecar: bool,
    b: Behaviour,
    state: CState,
    restarts: i32,
    last: Option<Done>,
    /// (current back-off, when it was last set).
    backoff: Option<(Millis, Millis)>,
    ready: bool,
    /// Startup probe passed (or there is none) since the last start.
    started: bool,
    id: String,
    stop_at: Option<Millis>,
    liveness: ProbeRun,
    readiness: ProbeRun,
    startup: ProbeRun,
}

fn source(node: &str) -> Source {
    Source {
        component: "kubelet",
        host: Some(node.to_string()),
    }
}

fn container_ref(pod: &Pod, cr: &CRun) -> Involved {
    let mut i = involved(pod);
    i.field_path = Some(if cr.init {
        format!("spec.initContainers{{{}}}", cr.name)
    } else {
        format!("spec.containers{{{}}}", cr.name)
    });
    i
}

/// `format.Pod`: `name_namespace(uid)`.
fn pod_ref(pod: &Pod) -> String {
    format!(
        "{}_{}({})",
        pod.metadata.name.clone().unwrap_or_default(),
        pod.metadata.namespace.clone().unwrap_or_default(),
        pod.metadata.uid.clone().unwrap_or_default()
    )
}

/// Forgets the Pod it ran under a name when that Pod is gone (or the name now holds another Pod),
/// releasing its IP, as the kubelet's pod workers do when the API server no longer has the Pod.
fn forget_gone(c: &mut Cluster, key: &QueueKey) {
    let slot = (key.namespace.clone(), key.name.clone());
    let Some(uid) = c.kubelet.by_key.get(&slot).cloned() else {
        return;
    };
    let current = c
        .store
        .get::<Pod>(&key.namespace, &key.name)
        .and_then(|p| p.metadata.uid.as_deref());
    if current != Some(uid.as_str()) {
        c.kubelet.by_key.remove(&slot);
        if let Some(run) = c.kubelet.pods.remove(&uid) {
            forget_run(c, run);
        }
    }
}

pub(crate) const CONTROLLER: Controller = Controller::keyed("kubelet", watches, reconcile);

/// The kubelet's sources: a Pod bound to a node (or gone from one), the Pods of a namespace when a
/// ConfigMap or Secret there changes (their containers may now start), and the Pods of a Node that
/// changes.
fn watches(store: &Store, t: &Touch, out: &mut dyn FnMut(QueueKey)) {
    let was_bound = t
        .old
        .as_ref()
        .and_then(|o| o.pod.as_ref())
        .is_some_and(|p| p.node.is_some());
    match t.kind.as_str() {
        "Pod" if t.bound_pod() || was_bound => out(own_key(t)),
        "ConfigMap" | "Secret" => {
            for p in store.pods.in_namespace(&t.key.0) {
                if p.spec.as_ref().is_some_and(|s| s.node_name.is_some()) {
                    out(QueueKey::new(
                        &t.key.0,
                        p.metadata.name.as_deref().unwrap_or_default(),
                    ));
                }
            }
        }
        "PersistentVolumeClaim" => {
            for name in store.index.pods_by_claim.get(&t.key).into_iter().flatten() {
                out(QueueKey::new(&t.key.0, name));
            }
        }
        "Node" => {
            for (ns, name) in store.index.pods_by_node.get(&t.key.1).into_iter().flatten() {
                out(QueueKey::new(ns, name));
            }
        }
        _ => {}
    }
}

fn reconcile(c: &mut Cluster, key: &QueueKey) {
    forget_gone(c, key);
    let now = c.now();
    let epoch = c.store.config_epoch;
    let Some(p) = c.store.pods.shared(&key.namespace, &key.name) else {
        return;
    };
    let Some(node) = p.spec.as_ref().and_then(|s| s.node_name.clone()) else {
        return;
    };
    let uid = p.metadata.uid.as_deref().unwrap_or_default();
    if let Some(run) = c.kubelet.pods.get(uid) {
        // A sync with the same Pod, time and config as the last one would change nothing.
        let same = run.last_sync.as_ref().is_some_and(|(rv, t, e)| {
            Some(rv) == p.metadata.resource_version.as_ref() && *t == now && *e == epoch
        });
        if same {
            for t in run.wakes.clone() {
                c.wake_at(t);
            }
            return;
        }
    }
    if c.store.get::<Node>("", &node).is_none() || !node::syncs(c, &node) {
        return;
    }
    sync_pod(c, p, node);
}

fn new_run(c: &mut Cluster, pod: &Pod, node: String) -> PodRun {
    let spec = pod.spec.clone().unwrap_or_default();
    let always = spec.restart_policy.as_deref() == Some("Always");
    let annotations = pod.metadata.annotations.clone().unwrap_or_default();
    let make = |ct: &Container, init: bool| {
        let sidecar = init && ct.restart_policy.as_deref() == Some("Always");
        let restarts_forever = if init { sidecar } else { always };
        let b = behaviour::of(
            ct,
            restarts_forever,
            annotations
                .get(&format!("{}{}", behaviour::ANNOTATION_PREFIX, ct.name))
                .map(String::as_str),
        );
        CRun {
            name: ct.name.clone(),
            image: ct.image.clone().unwrap_or_default(),
            init,
            sidecar,
            b,
            state: CState::Idle,
            restarts: 0,
            last: None,
            backoff: None,
            ready: false,
            started: false,
            id: String::new(),
            stop_at: None,
            liveness: ProbeRun::default(),
            readiness: ProbeRun::default(),
            startup: ProbeRun::default(),
        }
    };
    let run = PodRun {
        node,
        sandbox_at: c.now() + SANDBOX,
        started_at: c.now(),
        ip: None,
        init: spec
            .init_containers
            .iter()
            .flatten()
            .map(|ct| make(ct, true))
            .collect(),
        main: spec.containers.iter().map(|ct| make(ct, false)).collect(),
        mount_error: None,
        term_end: None,
        finished: false,
        last_sync: None,
        wakes: Vec::new(),
    };
    c.wake_at(run.sandbox_at);
    run
}

fn sync_pod(c: &mut Cluster, pod: Rc<Pod>, node: String) {
    let uid = pod.metadata.uid.clone().unwrap_or_default();
    let mut run = match c.kubelet.pods.remove(&uid) {
        Some(r) => r,
        None => {
            if matches!(super::pod::phase(&pod), "Succeeded" | "Failed") {
                return;
            }
            new_run(c, &pod, node)
        }
    };
    let empty = PodSpec::default();
    let spec = pod.spec.as_ref().unwrap_or(&empty);
    let now = c.now();
    if pod.metadata.deletion_timestamp.is_some() {
        if terminate(c, &pod, spec, &mut run) {
            forget_run(c, run);
            let ns = pod.metadata.namespace.clone().unwrap_or_default();
            let name = pod.metadata.name.clone().unwrap_or_default();
            c.kubelet.by_key.remove(&(ns.clone(), name.clone()));
            c.store.remove("Pod", &ns, &name);
            return;
        }
    } else if !run.finished && now >= run.sandbox_at {
        if run.ip.is_none() {
            run.ip = c.network.allocate_pod_ip(&run.node);
        }
        if let Some(err) = attach_error(c, &pod) {
            run.mount_error = Some(err.clone());
            c.record(
                involved(&*pod),
                EventType::Warning,
                "FailedAttachVolume",
                err,
                Source::controller("attachdetach-controller"),
            );
            // The attach is tried again until the other node lets the volume go.
            c.wake_at(now + ATTACH_RETRY);
        } else if let Some(err) = {
            run.mount_error = missing_volume(c, &pod);
            run.mount_error.clone()
        } {
            let msg = err;
            c.record(
                involved(&*pod),
                EventType::Warning,
                "FailedMount",
                msg,
                source(&run.node),
            );
        } else {
            run_containers(c, &pod, spec, &mut run);
        }
    }
    if now < run.sandbox_at {
        c.wake_at(run.sandbox_at);
    }
    let status = pod_status(c, &pod, spec, &mut run);
    // Kept for a later sync that would change nothing: it asks for the same again.
    run.wakes = c.asked().to_vec();
    let ns = pod.metadata.namespace.clone().unwrap_or_default();
    let name = pod.metadata.name.clone().unwrap_or_default();
    if pod.status.as_ref() != Some(&status) {
        // Let go of the Pod first, so the store writes its status without copying it.
        drop(pod);
        c.store
            .put_status::<Pod>(&ns, &name, |p| p.status = Some(status));
    }
    let rv = c
        .store
        .get::<Pod>(&ns, &name)
        .and_then(|p| p.metadata.resource_version.clone())
        .unwrap_or_default();
    run.last_sync = Some((rv, now, c.store.config_epoch));
    c.kubelet.by_key.insert((ns, name), uid.clone());
    c.kubelet.pods.insert(uid, run);
}

/// The machine `node` boots again: every container it ran died with it. Each Pod's run starts
/// over from a new sandbox, its containers' restarts counted, as the kubelet finds them after a
/// reboot (a Pod already deleted is only cleaned up).
fn reboot(c: &mut Cluster, node: &str) {
    let now = c.now();
    for run in c.kubelet.pods.values_mut().filter(|r| r.node == node) {
        run.sandbox_at = now + SANDBOX;
        run.last_sync = None;
        for cr in run.init.iter_mut().chain(run.main.iter_mut()) {
            if !matches!(cr.state, CState::Idle) {
                cr.restarts += 1;
            }
            cr.state = CState::Idle;
            cr.ready = false;
            cr.started = false;
            cr.stop_at = None;
        }
        if run.term_end.is_some() {
            run.term_end = Some(now);
        }
    }
}

fn forget_run(c: &mut Cluster, run: PodRun) {
    if let Some(ip) = run.ip {
        c.network.release_pod_ip(&ip);
    }
}

/// A configMap or secret volume whose object is missing: the Pod stays ContainerCreating.
fn container_spec<'a>(
    spec: &'a k8s_openapi::api::core::v1::PodSpec,
    cr: &CRun,
) -> Option<&'a Container> {
    if cr.init {
        spec.init_containers
            .as_ref()?
            .iter()
            .find(|c| c.name == cr.name)
    } else {
        spec.containers.iter().find(|c| c.name == cr.name)
    }
}
