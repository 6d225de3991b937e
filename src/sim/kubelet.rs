//! The kubelet of every node: starts the Pods bound to it (sandbox, image pulls, init containers one
//! after another, sidecars, app containers), runs their probes, restarts what exits with Kubernetes'
//! back-off, and stops them when they are deleted. Pod status and events are written as the real
//! kubelet writes them (pkg/kubelet/kuberuntime, prober, status/generate.go).
//!
//! The one thing to know: probes are evaluated on their own schedule (initialDelaySeconds, then every
//! periodSeconds), but time is only stopped at probes whose result can change something, so a healthy
//! Pod costs nothing while the clock runs.

use std::collections::{BTreeSet, HashMap};

use k8s_openapi::api::core::v1::{
    Container, ContainerState, ContainerStateRunning, ContainerStateTerminated,
    ContainerStateWaiting, ContainerStatus, HostIP, Node, Pod, PodIP, PodStatus, Probe,
};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::behaviour::{self, Behaviour};
use super::controller::{own_key, Controller};
use super::events::{EventType, Involved, Source};
use super::pod::{qos_class, set_condition};
use super::queue::QueueKey;
use super::store::{Store, Touch};
use super::time::{self, go_duration, millis_of, Millis, SECOND};
use super::{involved, Cluster};

/// Creating a Pod's sandbox (network namespace, IP) takes this long.
const SANDBOX: Millis = SECOND;
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

pub(crate) const CONTROLLER: Controller = Controller {
    name: "kubelet",
    watches,
    reconcile,
    order: None,
};

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
    let Some(p) = c.store.get::<Pod>(&key.namespace, &key.name) else {
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
    if c.store.get::<Node>("", &node).is_none() {
        return;
    }
    let pod = p.clone();
    sync_pod(c, pod, node);
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

fn sync_pod(c: &mut Cluster, pod: Pod, node: String) {
    c.take_wake_log();
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
    let spec = pod.spec.clone().unwrap_or_default();
    let now = c.now();
    if pod.metadata.deletion_timestamp.is_some() {
        if terminate(c, &pod, &spec, &mut run) {
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
        run.mount_error = missing_volume(c, &pod);
        if let Some(err) = run.mount_error.clone() {
            let msg = err;
            c.record(
                involved(&pod),
                EventType::Warning,
                "FailedMount",
                msg,
                source(&run.node),
            );
        } else {
            run_containers(c, &pod, &spec, &mut run);
        }
    }
    if now < run.sandbox_at {
        c.wake_at(run.sandbox_at);
    }
    write_status(c, &pod, &spec, &mut run);
    run.wakes = c.take_wake_log();
    let ns = pod.metadata.namespace.clone().unwrap_or_default();
    let name = pod.metadata.name.clone().unwrap_or_default();
    let rv = c
        .store
        .get::<Pod>(&ns, &name)
        .and_then(|p| p.metadata.resource_version.clone())
        .unwrap_or_default();
    run.last_sync = Some((rv, now, c.store.config_epoch));
    c.kubelet.by_key.insert((ns, name), uid.clone());
    c.kubelet.pods.insert(uid, run);
}

fn forget_run(c: &mut Cluster, run: PodRun) {
    if let Some(ip) = run.ip {
        c.network.release_pod_ip(&ip);
    }
}

/// A configMap or secret volume whose object is missing: the Pod stays ContainerCreating.
fn missing_volume(c: &Cluster, pod: &Pod) -> Option<String> {
    let ns = pod.metadata.namespace.clone().unwrap_or_default();
    for v in pod.spec.as_ref()?.volumes.iter().flatten() {
        if let Some(cm) = &v.config_map {
            if cm.optional != Some(true)
                && c.store
                    .get::<k8s_openapi::api::core::v1::ConfigMap>(&ns, &cm.name)
                    .is_none()
            {
                return Some(format!(
                    "MountVolume.SetUp failed for volume {} : configmap {} not found",
                    crate::validation::go_quote(&v.name),
                    crate::validation::go_quote(&cm.name)
                ));
            }
        }
        if let Some(s) = &v.secret {
            let name = s.secret_name.clone().unwrap_or_default();
            if s.optional != Some(true)
                && c.store
                    .get::<k8s_openapi::api::core::v1::Secret>(&ns, &name)
                    .is_none()
            {
                return Some(format!(
                    "MountVolume.SetUp failed for volume {} : secret {} not found",
                    crate::validation::go_quote(&v.name),
                    crate::validation::go_quote(&name)
                ));
            }
        }
    }
    None
}

/// The kubelet's message for an env or envFrom reference that cannot be resolved.
fn config_error(c: &Cluster, pod: &Pod, ct: &Container) -> Option<String> {
    use k8s_openapi::api::core::v1::{ConfigMap, Secret};
    let ns = pod.metadata.namespace.clone().unwrap_or_default();
    for e in ct.env_from.iter().flatten() {
        if let Some(r) = &e.config_map_ref {
            if r.optional != Some(true) && c.store.get::<ConfigMap>(&ns, &r.name).is_none() {
                return Some(format!(
                    "configmap {} not found",
                    crate::validation::go_quote(&r.name)
                ));
            }
        }
        if let Some(r) = &e.secret_ref {
            if r.optional != Some(true) && c.store.get::<Secret>(&ns, &r.name).is_none() {
                return Some(format!(
                    "secret {} not found",
                    crate::validation::go_quote(&r.name)
                ));
            }
        }
    }
    for e in ct.env.iter().flatten() {
        let Some(from) = &e.value_from else { continue };
        if let Some(r) = &from.config_map_key_ref {
            if r.optional == Some(true) {
                continue;
            }
            match c.store.get::<ConfigMap>(&ns, &r.name) {
                None => {
                    return Some(format!(
                        "configmap {} not found",
                        crate::validation::go_quote(&r.name)
                    ))
                }
                Some(cm) => {
                    let has = cm.data.as_ref().is_some_and(|d| d.contains_key(&r.key))
                        || cm
                            .binary_data
                            .as_ref()
                            .is_some_and(|d| d.contains_key(&r.key));
                    if !has {
                        return Some(format!(
                            "couldn't find key {} in ConfigMap {ns}/{}",
                            r.key, r.name
                        ));
                    }
                }
            }
        }
        if let Some(r) = &from.secret_key_ref {
            if r.optional == Some(true) {
                continue;
            }
            match c.store.get::<Secret>(&ns, &r.name) {
                None => {
                    return Some(format!(
                        "secret {} not found",
                        crate::validation::go_quote(&r.name)
                    ))
                }
                Some(s) => {
                    if !s.data.as_ref().is_some_and(|d| d.contains_key(&r.key)) {
                        return Some(format!(
                            "couldn't find key {} in Secret {ns}/{}",
                            r.key, r.name
                        ));
                    }
                }
            }
        }
    }
    None
}

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

fn run_containers(
    c: &mut Cluster,
    pod: &Pod,
    spec: &k8s_openapi::api::core::v1::PodSpec,
    run: &mut PodRun,
) {
    let policy = spec
        .restart_policy
        .clone()
        .unwrap_or_else(|| "Always".into());
    let node = run.node.clone();
    let ip = run.ip.clone().unwrap_or_default();
    let mut initialized = true;
    for i in 0..run.init.len() {
        let cr = &mut run.init[i];
        if cr.state == CState::Idle {
            start(c, pod, spec, cr, &node);
        }
        advance(c, pod, spec, cr, &node, &ip, &policy);
        if cr.sidecar {
            if matches!(cr.state, CState::Running { .. }) && cr.started {
                continue;
            }
        } else if cr.state == CState::Exited && cr.last.as_ref().is_some_and(|d| d.code == 0) {
            continue;
        }
        initialized = false;
        break;
    }
    if !initialized {
        return;
    }
    for cr in run.main.iter_mut() {
        // A Pod's container image may change in place: the container restarts with the new one.
        if let Some(ct) = container_spec(spec, cr) {
            let image = ct.image.clone().unwrap_or_default();
            if image != cr.image {
                if let CState::Running { since } = cr.state {
                    c.record(
                        container_ref(pod, cr),
                        EventType::Normal,
                        "Killing",
                        format!(
                            "Container {} definition changed, will be restarted",
                            cr.name
                        ),
                        source(&node),
                    );
                    cr.last = Some(Done {
                        code: 0,
                        reason: "Completed",
                        started: since,
                        finished: c.now(),
                        id: cr.id.clone(),
                    });
                }
                cr.image = image;
                cr.state = CState::Idle;
                cr.restarts += i32::from(cr.last.is_some());
            }
        }
        if cr.state == CState::Idle {
            start(c, pod, spec, cr, &node);
        }
        advance(c, pod, spec, cr, &node, &ip, &policy);
    }
}

/// Begins starting a container: the image first, then (in `create`) the container itself.
fn start(
    c: &mut Cluster,
    pod: &Pod,
    spec: &k8s_openapi::api::core::v1::PodSpec,
    cr: &mut CRun,
    node: &str,
) {
    let now = c.now();
    let policy = container_spec(spec, cr)
        .and_then(|ct| ct.image_pull_policy.clone())
        .unwrap_or_else(|| super::defaults::pull_policy(&cr.image).into());
    let present = c
        .kubelet
        .images
        .get(node)
        .is_some_and(|s| s.contains(&cr.image));
    let r = container_ref(pod, cr);
    if cr.b.pull_fails {
        c.record(
            r.clone(),
            EventType::Normal,
            "Pulling",
            format!("Pulling image {}", crate::validation::go_quote(&cr.image)),
            source(node),
        );
        let err = format!(
            "failed to pull and unpack image {}: failed to resolve reference {}: not found",
            crate::validation::go_quote(&normalized(&cr.image)),
            crate::validation::go_quote(&normalized(&cr.image))
        );
        c.record(
            r.clone(),
            EventType::Warning,
            "Failed",
            format!(
                "Failed to pull image {}: rpc error: code = NotFound desc = {err}",
                crate::validation::go_quote(&cr.image)
            ),
            source(node),
        );
        c.record(
            r,
            EventType::Warning,
            "Failed",
            "Error: ErrImagePull".into(),
            source(node),
        );
        let wait = next_backoff(cr, now);
        cr.state = CState::Blocked {
            reason: "ErrImagePull",
            message: format!("rpc error: code = NotFound desc = {err}"),
            retry: Some(now + wait),
        };
        c.wake_at(now + wait);
        return;
    }
    if policy == "Never" && !present {
        let msg = format!(
            "Container image {} is not present with pull policy of Never",
            crate::validation::go_quote(&cr.image)
        );
        c.record(
            r,
            EventType::Warning,
            "ErrImageNeverPull",
            msg.clone(),
            source(node),
        );
        cr.state = CState::Blocked {
            reason: "ErrImageNeverPull",
            message: msg,
            retry: None,
        };
        return;
    }
    if present && policy != "Always" {
        c.record(
            r,
            EventType::Normal,
            "Pulled",
            format!(
                "Container image {} already present on machine",
                crate::validation::go_quote(&cr.image)
            ),
            source(node),
        );
        create(c, pod, spec, cr, node, now);
        return;
    }
    c.record(
        r,
        EventType::Normal,
        "Pulling",
        format!("Pulling image {}", crate::validation::go_quote(&cr.image)),
        source(node),
    );
    let took = if present { REPULL } else { cr.b.pull };
    cr.state = CState::Pulling {
        until: now + took,
        took,
    };
    c.wake_at(now + took);
}

/// `docker.io/library/nginx:latest` for `nginx`, as containerd names images.
fn normalized(image: &str) -> String {
    let mut s = image.to_string();
    let first = s.split('/').next().unwrap_or_default();
    let has_registry =
        s.contains('/') && (first.contains('.') || first.contains(':') || first == "localhost");
    if !has_registry {
        s = if s.contains('/') {
            format!("docker.io/{s}")
        } else {
            format!("docker.io/library/{s}")
        };
    }
    let last = s.rsplit('/').next().unwrap_or_default();
    if !last.contains(':') && !s.contains('@') {
        s.push_str(":latest");
    }
    s
}

fn create(
    c: &mut Cluster,
    pod: &Pod,
    spec: &k8s_openapi::api::core::v1::PodSpec,
    cr: &mut CRun,
    node: &str,
    at: Millis,
) {
    let r = container_ref(pod, cr);
    if let Some(err) = container_spec(spec, cr).and_then(|ct| config_error(c, pod, ct)) {
        if !matches!(&cr.state, CState::Blocked { message, .. } if *message == err) {
            c.record(
                r,
                EventType::Warning,
                "Failed",
                format!("Error: {err}"),
                source(node),
            );
        }
        cr.state = CState::Blocked {
            reason: "CreateContainerConfigError",
            message: err,
            retry: None,
        };
        return;
    }
    c.kubelet.next_container_id += 1;
    cr.id = format!(
        "containerd://{:016x}{:016x}",
        super::rand::fnv32a(pod.metadata.uid.clone().unwrap_or_default().as_bytes()),
        c.kubelet.next_container_id
    );
    c.record(
        r.clone(),
        EventType::Normal,
        "Created",
        format!("Created container: {}", cr.name),
        source(node),
    );
    c.record(
        r,
        EventType::Normal,
        "Started",
        format!("Started container {}", cr.name),
        source(node),
    );
    cr.state = CState::Running { since: at };
    cr.ready = false;
    cr.started = false;
    cr.liveness = ProbeRun::default();
    cr.readiness = ProbeRun::default();
    cr.startup = ProbeRun::default();
}

/// The back-off before the next restart, updating the container's back-off as kubelet's
/// `flowcontrol.Backoff` does.
fn next_backoff(cr: &mut CRun, now: Millis) -> Millis {
    match cr.backoff {
        None => {
            cr.backoff = Some((BACKOFF_INITIAL, now));
            0
        }
        Some((d, last)) => {
            if now - last > 2 * BACKOFF_MAX {
                cr.backoff = Some((BACKOFF_INITIAL, now));
                0
            } else {
                let next = (d * 2).min(BACKOFF_MAX);
                cr.backoff = Some((next, now));
                d
            }
        }
    }
}

/// Moves one container through every transition due by now.
fn advance(
    c: &mut Cluster,
    pod: &Pod,
    spec: &k8s_openapi::api::core::v1::PodSpec,
    cr: &mut CRun,
    node: &str,
    ip: &str,
    policy: &str,
) {
    let now = c.now();
    for _ in 0..16 {
        match cr.state.clone() {
            CState::Idle => return,
            CState::Pulling { until, took } => {
                if now < until {
                    c.wake_at(until);
                    return;
                }
                c.kubelet
                    .images
                    .entry(node.to_string())
                    .or_default()
                    .insert(cr.image.clone());
                let took = go_duration(took);
                c.record(
                    container_ref(pod, cr),
                    EventType::Normal,
                    "Pulled",
                    format!(
                        "Successfully pulled image {} in {took} ({took} including waiting)",
                        crate::validation::go_quote(&cr.image)
                    ),
                    source(node),
                );
                create(c, pod, spec, cr, node, until);
            }
            CState::Blocked { reason, retry, .. } => match (reason, retry) {
                ("CreateContainerConfigError", _) => {
                    create(c, pod, spec, cr, node, now);
                    if matches!(cr.state, CState::Blocked { .. }) {
                        return;
                    }
                }
                ("ErrImagePull" | "ImagePullBackOff", Some(at)) => {
                    if now < at {
                        c.wake_at(at);
                        return;
                    }
                    if cr.b.pull_fails {
                        c.record(
                            container_ref(pod, cr),
                            EventType::Normal,
                            "BackOff",
                            format!(
                                "Back-off pulling image {}",
                                crate::validation::go_quote(&cr.image)
                            ),
                            source(node),
                        );
                        c.record(
                            container_ref(pod, cr),
                            EventType::Warning,
                            "Failed",
                            "Error: ImagePullBackOff".into(),
                            source(node),
                        );
                        let wait = next_backoff(cr, now).max(BACKOFF_INITIAL);
                        cr.state = CState::Blocked {
                            reason: "ImagePullBackOff",
                            message: format!(
                                "Back-off pulling image {}",
                                crate::validation::go_quote(&cr.image)
                            ),
                            retry: Some(now + wait),
                        };
                        c.wake_at(now + wait);
                        return;
                    }
                    start(c, pod, spec, cr, node);
                }
                _ => return,
            },
            CState::Running { since } => {
                if !probe(c, pod, spec, cr, node, ip, since) {
                    // Exit of its own accord.
                    match cr.b.exits {
                        Some((after, code)) if now >= since + after => {
                            cr.last = Some(Done {
                                code,
                                reason: if code == 0 { "Completed" } else { "Error" },
                                started: since,
                                finished: since + after,
                                id: cr.id.clone(),
                            });
                            cr.state = CState::Exited;
                            cr.ready = false;
                        }
                        Some((after, _)) => {
                            c.wake_at(since + after);
                            return;
                        }
                        None => return,
                    }
                }
            }
            CState::Exited => {
                let code = cr.last.as_ref().map(|d| d.code).unwrap_or(0);
                let restart = cr.sidecar
                    || (!cr.init && (policy == "Always" || (policy == "OnFailure" && code != 0)))
                    || (cr.init && policy != "Never" && code != 0);
                if !restart {
                    return;
                }
                let finished = cr.last.as_ref().map(|d| d.finished).unwrap_or(now);
                // kubelet's doBackOff: in back-off while now - finishedAt < the current back-off.
                let in_backoff = cr.backoff.is_some_and(|(d, last)| {
                    finished - last <= 2 * BACKOFF_MAX && now - finished < d
                });
                if in_backoff {
                    let (d, _) = cr.backoff.unwrap_or((BACKOFF_INITIAL, now));
                    c.record(
                        container_ref(pod, cr),
                        EventType::Warning,
                        "BackOff",
                        format!(
                            "Back-off restarting failed container {} in pod {}",
                            cr.name,
                            pod_ref(pod)
                        ),
                        source(node),
                    );
                    cr.state = CState::BackOff {
                        until: finished + d,
                    };
                    c.wake_at(finished + d);
                    return;
                }
                next_backoff(cr, now);
                cr.restarts += 1;
                start(c, pod, spec, cr, node);
            }
            CState::BackOff { until } => {
                if now < until {
                    c.wake_at(until);
                    return;
                }
                let d = cr
                    .backoff
                    .map(|(d, _)| (d * 2).min(BACKOFF_MAX))
                    .unwrap_or(BACKOFF_INITIAL);
                cr.backoff = Some((d, now));
                cr.restarts += 1;
                start(c, pod, spec, cr, node);
            }
        }
    }
}

/// What a failing probe reports, as the prober words it.
fn probe_failure(p: &Probe, ct: Option<&Container>, ip: &str, warming: bool) -> String {
    let port = |v: &IntOrString| match v {
        IntOrString::Int(n) => n.to_string(),
        IntOrString::String(name) => ct
            .and_then(|c| {
                c.ports
                    .as_ref()?
                    .iter()
                    .find(|p| p.name.as_deref() == Some(name.as_str()))
            })
            .map(|p| p.container_port.to_string())
            .unwrap_or_else(|| name.clone()),
    };
    if let Some(h) = &p.http_get {
        let port = port(&h.port);
        if warming {
            let scheme = h
                .scheme
                .clone()
                .unwrap_or_else(|| "HTTP".into())
                .to_ascii_lowercase();
            let path = h.path.clone().unwrap_or_else(|| "/".into());
            format!("Get \"{scheme}://{ip}:{port}{path}\": dial tcp {ip}:{port}: connect: connection refused")
        } else {
            "HTTP probe failed with statuscode: 503".into()
        }
    } else if let Some(t) = &p.tcp_socket {
        let port = port(&t.port);
        format!("dial tcp {ip}:{port}: connect: connection refused")
    } else if let Some(g) = &p.grpc {
        format!(
            "timeout: failed to connect service \":{}\" within 1s",
            g.port
        )
    } else if let Some(e) = &p.exec {
        let cmd = e.command.clone().unwrap_or_default();
        match cmd.as_slice() {
            [cat, file] if cat.ends_with("cat") => {
                format!("cat: can't open '{file}': No such file or directory")
            }
            _ => String::new(),
        }
    } else {
        String::new()
    }
}

/// Runs the container's probes up to now. True when the container was killed by one (its state is
/// then Exited).
fn probe(
    c: &mut Cluster,
    pod: &Pod,
    spec: &k8s_openapi::api::core::v1::PodSpec,
    cr: &mut CRun,
    node: &str,
    ip: &str,
    since: Millis,
) -> bool {
    let now = c.now();
    let ct = container_spec(spec, cr).cloned();
    let (startup, liveness, readiness) = match &ct {
        Some(ct) => (
            ct.startup_probe.clone(),
            ct.liveness_probe.clone(),
            ct.readiness_probe.clone(),
        ),
        None => (None, None, None),
    };
    let warmup = cr.b.warmup;
    let unhealthy = cr.b.unhealthy_after;
    let healthy_at = |t: Millis| t - since >= warmup && unhealthy.is_none_or(|u| t - since < u);
    let warming_at = |t: Millis| t - since < warmup;
    // The next instant at or after t at which the outcome changes.
    let change_after = |t: Millis| {
        if t - since < warmup {
            Some(since + warmup)
        } else {
            unhealthy.map(|u| since + u).filter(|&u| u > t)
        }
    };
    let grid = |p: &Probe| {
        (
            since + i64::from(p.initial_delay_seconds.unwrap_or(0)) * 1000,
            i64::from(p.period_seconds.unwrap_or(10).max(1)) * 1000,
        )
    };

    // Startup probe first: liveness and readiness wait for it.
    if !cr.started {
        match &startup {
            None => cr.started = true,
            Some(p) => {
                let (first, period) = grid(p);
                let threshold = p.failure_threshold.unwrap_or(3).max(1);
                loop {
                    let t = first + cr.startup.next_tick * period;
                    if t > now {
                        c.wake_at(t);
                        break;
                    }
                    cr.startup.next_tick += 1;
                    if healthy_at(t) {
                        cr.started = true;
                        break;
                    }
                    cr.startup.failures += 1;
                    c.record(
                        container_ref(pod, cr),
                        EventType::Warning,
                        "Unhealthy",
                        format!(
                            "Startup probe failed: {}",
                            probe_failure(p, ct.as_ref(), ip, warming_at(t))
                        ),
                        source(node),
                    );
                    if cr.startup.failures >= threshold {
                        kill(c, pod, cr, node, since, t, "startup");
                        return true;
                    }
                }
                if !cr.started {
                    cr.ready = false;
                    return false;
                }
            }
        }
    }
    // Liveness.
    if let Some(p) = &liveness {
        let (first, period) = grid(p);
        let threshold = p.failure_threshold.unwrap_or(3).max(1);
        loop {
            let t = first + cr.liveness.next_tick * period;
            if t > now {
                // Stop the clock only where a result can change.
                if !healthy_at(t) || cr.liveness.failures > 0 {
                    c.wake_at(t);
                } else if let Some(ch) = change_after(t) {
                    let k = ((ch - first) + period - 1)
                        .div_euclid(period)
                        .max(cr.liveness.next_tick);
                    c.wake_at(first + k * period);
                }
                break;
            }
            if healthy_at(t) {
                // Skip a run of passing probes in one go.
                cr.liveness.failures = 0;
                let until = change_after(t).unwrap_or(now + 1).min(now + 1);
                let k_end = (until - first + period - 1).div_euclid(period);
                cr.liveness.next_tick = k_end.max(cr.liveness.next_tick + 1);
                continue;
            }
            cr.liveness.next_tick += 1;
            cr.liveness.failures += 1;
            c.record(
                container_ref(pod, cr),
                EventType::Warning,
                "Unhealthy",
                format!(
                    "Liveness probe failed: {}",
                    probe_failure(p, ct.as_ref(), ip, warming_at(t))
                ),
                source(node),
            );
            if cr.liveness.failures >= threshold {
                kill(c, pod, cr, node, since, t, "liveness");
                return true;
            }
        }
    }
    // Readiness.
    match &readiness {
        None => cr.ready = true,
        Some(p) => {
            let (first, period) = grid(p);
            let threshold = p.failure_threshold.unwrap_or(3).max(1);
            let success = p.success_threshold.unwrap_or(1).max(1);
            loop {
                let t = first + cr.readiness.next_tick * period;
                if t > now {
                    let settled_ok = cr.ready && healthy_at(t);
                    if !settled_ok {
                        c.wake_at(t);
                    } else if let Some(ch) = change_after(t) {
                        let k = ((ch - first) + period - 1)
                            .div_euclid(period)
                            .max(cr.readiness.next_tick);
                        c.wake_at(first + k * period);
                    }
                    break;
                }
                cr.readiness.next_tick += 1;
                if healthy_at(t) {
                    cr.readiness.failures = 0;
                    cr.readiness.successes += 1;
                    if cr.readiness.successes >= success {
                        cr.ready = true;
                        if let Some(ch) = change_after(t) {
                            let k = ((ch.min(now + 1) - first) + period - 1).div_euclid(period);
                            cr.readiness.next_tick = cr.readiness.next_tick.max(k);
                        } else {
                            let k = (now - first).div_euclid(period) + 1;
                            cr.readiness.next_tick = cr.readiness.next_tick.max(k);
                        }
                    }
                } else {
                    cr.readiness.successes = 0;
                    cr.readiness.failures += 1;
                    c.record(
                        container_ref(pod, cr),
                        EventType::Warning,
                        "Unhealthy",
                        format!(
                            "Readiness probe failed: {}",
                            probe_failure(p, ct.as_ref(), ip, warming_at(t))
                        ),
                        source(node),
                    );
                    if cr.readiness.failures >= threshold {
                        cr.ready = false;
                    }
                }
            }
        }
    }
    false
}

fn kill(
    c: &mut Cluster,
    pod: &Pod,
    cr: &mut CRun,
    node: &str,
    since: Millis,
    at: Millis,
    probe: &str,
) {
    c.record(
        container_ref(pod, cr),
        EventType::Normal,
        "Killing",
        format!(
            "Container {} failed {probe} probe, will be restarted",
            cr.name
        ),
        source(node),
    );
    cr.last = Some(Done {
        code: if cr.b.ignores_sigterm { 137 } else { 0 },
        reason: if cr.b.ignores_sigterm {
            "Error"
        } else {
            "Completed"
        },
        started: since,
        finished: at,
        id: cr.id.clone(),
    });
    cr.state = CState::Exited;
    cr.ready = false;
}

/// Stops a deleted Pod's containers: preStop first, then SIGTERM; a container that ignores it is
/// killed when the grace period ends. True when all have stopped.
fn terminate(
    c: &mut Cluster,
    pod: &Pod,
    spec: &k8s_openapi::api::core::v1::PodSpec,
    run: &mut PodRun,
) -> bool {
    let now = c.now();
    let grace = pod
        .metadata
        .deletion_grace_period_seconds
        .unwrap_or(30)
        .max(0)
        * 1000;
    let deadline = pod
        .metadata
        .deletion_timestamp
        .as_ref()
        .map(millis_of)
        .unwrap_or(now);
    let begun = deadline - grace;
    if run.term_end.is_none() {
        let mut end = begun;
        let node = run.node.clone();
        for cr in run.init.iter_mut().chain(run.main.iter_mut()) {
            let CState::Running { .. } = cr.state else {
                cr.stop_at = Some(begun);
                continue;
            };
            c.record(
                container_ref(pod, cr),
                EventType::Normal,
                "Killing",
                format!("Stopping container {}", cr.name),
                source(&node),
            );
            let pre_stop = container_spec(spec, cr)
                .and_then(|ct| ct.lifecycle.as_ref()?.pre_stop.clone())
                .map(|h| {
                    if let Some(s) = &h.sleep {
                        s.seconds * 1000
                    } else if let Some(e) = &h.exec {
                        let cmd = e.command.clone().unwrap_or_default().join(" ");
                        let words: Vec<&str> = cmd.split_whitespace().collect();
                        words
                            .windows(2)
                            .find(|w| w[0] == "sleep")
                            .and_then(|w| w[1].parse::<f64>().ok())
                            .map(|s| (s * 1000.0) as Millis)
                            .unwrap_or(0)
                    } else {
                        0
                    }
                })
                .unwrap_or(0);
            let stop = if cr.b.ignores_sigterm {
                begun + grace
            } else {
                begun + pre_stop.min(grace)
            };
            cr.stop_at = Some(stop);
            end = end.max(stop);
        }
        run.term_end = Some(end);
    }
    let end = run.term_end.unwrap_or(now);
    for cr in run.init.iter_mut().chain(run.main.iter_mut()) {
        if let (CState::Running { since }, Some(at)) = (cr.state.clone(), cr.stop_at) {
            if now >= at {
                let killed = cr.b.ignores_sigterm;
                cr.last = Some(Done {
                    code: if killed { 137 } else { 0 },
                    reason: if killed { "Error" } else { "Completed" },
                    started: since,
                    finished: at,
                    id: cr.id.clone(),
                });
                cr.state = CState::Exited;
                cr.ready = false;
            } else {
                c.wake_at(at);
            }
        }
    }
    if now >= end {
        return true;
    }
    c.wake_at(end);
    false
}

fn waiting(reason: &str, message: Option<String>) -> ContainerState {
    ContainerState {
        waiting: Some(ContainerStateWaiting {
            reason: Some(reason.into()),
            message,
        }),
        ..Default::default()
    }
}

fn terminated(d: &Done) -> ContainerState {
    ContainerState {
        terminated: Some(ContainerStateTerminated {
            exit_code: d.code,
            reason: Some(d.reason.into()),
            started_at: Some(time::time(d.started)),
            finished_at: Some(time::time(d.finished)),
            container_id: Some(d.id.clone()),
            message: None,
            signal: None,
        }),
        ..Default::default()
    }
}

fn container_status(pod: &Pod, cr: &CRun, initializing: bool) -> ContainerStatus {
    let state = match &cr.state {
        CState::Idle | CState::Pulling { .. }
            if initializing || (cr.init && cr.last.is_none() && cr.state == CState::Idle) =>
        {
            waiting("PodInitializing", None)
        }
        CState::Idle | CState::Pulling { .. } => waiting("ContainerCreating", None),
        CState::Blocked {
            reason, message, ..
        } => waiting(reason, Some(message.clone())),
        CState::Running { since } => ContainerState {
            running: Some(ContainerStateRunning {
                started_at: Some(time::time(*since)),
            }),
            ..Default::default()
        },
        CState::Exited => cr.last.as_ref().map(terminated).unwrap_or_default(),
        CState::BackOff { .. } => {
            let d = cr.backoff.map(|(d, _)| d).unwrap_or(BACKOFF_INITIAL);
            waiting(
                "CrashLoopBackOff",
                Some(format!(
                    "back-off {} restarting failed container={} pod={}",
                    go_duration(d),
                    cr.name,
                    pod_ref(pod)
                )),
            )
        }
    };
    let last_state = match (&cr.state, &cr.last) {
        (CState::Exited, _) | (_, None) => None,
        (_, Some(d)) => Some(terminated(d)),
    };
    let running = matches!(cr.state, CState::Running { .. });
    ContainerStatus {
        name: cr.name.clone(),
        image: cr.image.clone(),
        image_id: String::new(),
        container_id: (!cr.id.is_empty()).then(|| cr.id.clone()),
        ready: running && cr.ready && cr.started,
        restart_count: cr.restarts,
        started: Some(running && cr.started),
        state: Some(state),
        last_state: Some(last_state.unwrap_or_default()),
        ..Default::default()
    }
}

/// Pod phase, conditions and container statuses from the containers' states (kubelet getPhase and
/// status/generate.go).
fn write_status(
    c: &mut Cluster,
    pod: &Pod,
    spec: &k8s_openapi::api::core::v1::PodSpec,
    run: &mut PodRun,
) {
    let now = c.now();
    let policy = spec
        .restart_policy
        .clone()
        .unwrap_or_else(|| "Always".into());
    let mut p = pod.clone();
    let old = pod.status.clone().unwrap_or_default();
    let sandbox_ready = now >= run.sandbox_at && run.ip.is_some();
    let init_failed = policy == "Never"
        && run.init.iter().any(|cr| {
            !cr.sidecar
                && cr.state == CState::Exited
                && cr.last.as_ref().is_some_and(|d| d.code != 0)
        });
    let incomplete_init: Vec<String> = run
        .init
        .iter()
        .filter(|cr| {
            if cr.sidecar {
                !(matches!(cr.state, CState::Running { .. }) && cr.started)
            } else {
                !(cr.state == CState::Exited && cr.last.as_ref().is_some_and(|d| d.code == 0))
            }
        })
        .map(|cr| cr.name.clone())
        .collect();
    let initialized = incomplete_init.is_empty();
    let mut phase = if init_failed {
        "Failed"
    } else if !initialized {
        "Pending"
    } else {
        let (mut waiting, mut running, mut stopped, mut succeeded) = (0, 0, 0, 0);
        for cr in &run.main {
            match &cr.state {
                CState::Running { .. } => running += 1,
                CState::Exited => {
                    stopped += 1;
                    if cr.last.as_ref().is_some_and(|d| d.code == 0) {
                        succeeded += 1;
                    }
                }
                _ if cr.last.is_some() => stopped += 1,
                _ => waiting += 1,
            }
        }
        if waiting > 0 {
            "Pending"
        } else if running > 0 {
            "Running"
        } else if stopped > 0 {
            match policy.as_str() {
                "Always" => "Running",
                "OnFailure" if stopped == succeeded => "Succeeded",
                "OnFailure" => "Running",
                _ if stopped == succeeded => "Succeeded",
                _ => "Failed",
            }
        } else {
            "Pending"
        }
    };
    if pod.metadata.deletion_timestamp.is_some()
        && matches!(old.phase.as_deref(), Some("Succeeded" | "Failed"))
    {
        phase = if old.phase.as_deref() == Some("Succeeded") {
            "Succeeded"
        } else {
            "Failed"
        };
    }
    if matches!(phase, "Succeeded" | "Failed") && !run.finished {
        run.finished = true;
        // Sidecars are stopped once the app containers are done.
        for cr in run.init.iter_mut() {
            if let CState::Running { since } = cr.state {
                cr.last = Some(Done {
                    code: 0,
                    reason: "Completed",
                    started: since,
                    finished: now,
                    id: cr.id.clone(),
                });
                cr.state = CState::Exited;
                cr.ready = false;
            }
        }
    }
    let node_ip = c.store.get::<Node>("", &run.node).and_then(|n| {
        n.status
            .as_ref()?
            .addresses
            .as_ref()?
            .iter()
            .find(|a| a.type_ == "InternalIP")
            .map(|a| a.address.clone())
    });
    let init_statuses: Vec<ContainerStatus> = run
        .init
        .iter()
        .map(|cr| container_status(pod, cr, false))
        .collect();
    let main_statuses: Vec<ContainerStatus> = run
        .main
        .iter()
        .map(|cr| container_status(pod, cr, !initialized))
        .collect();
    let unready: Vec<String> = run
        .main
        .iter()
        .zip(&main_statuses)
        .filter(|(_, s)| !s.ready)
        .map(|(cr, _)| cr.name.clone())
        .chain(
            run.init
                .iter()
                .zip(&init_statuses)
                .filter(|(cr, s)| cr.sidecar && !s.ready)
                .map(|(cr, _)| cr.name.clone()),
        )
        .collect();
    let done = matches!(phase, "Succeeded" | "Failed");
    {
        let st = p.status.get_or_insert_with(PodStatus::default);
        st.phase = Some(phase.into());
        st.host_ip = node_ip.clone();
        st.host_ips = node_ip.map(|ip| vec![HostIP { ip }]);
        st.pod_ip = run.ip.clone();
        st.pod_ips = run.ip.clone().map(|ip| vec![PodIP { ip }]);
        st.start_time = Some(time::time(run.started_at));
        st.qos_class = Some(qos_class(spec).into());
        st.init_container_statuses = (!init_statuses.is_empty()).then_some(init_statuses);
        st.container_statuses = Some(main_statuses);
    }
    set_condition(
        &mut p,
        "PodReadyToStartContainers",
        if sandbox_ready && !done {
            "True"
        } else {
            "False"
        },
        None,
        None,
        now,
    );
    if initialized {
        set_condition(
            &mut p,
            "Initialized",
            "True",
            done.then_some("PodCompleted"),
            None,
            now,
        );
    } else {
        set_condition(
            &mut p,
            "Initialized",
            "False",
            Some("ContainersNotInitialized"),
            Some(format!(
                "containers with incomplete status: [{}]",
                incomplete_init.join(" ")
            )),
            now,
        );
    }
    if done {
        set_condition(
            &mut p,
            "ContainersReady",
            "False",
            Some("PodCompleted"),
            None,
            now,
        );
        set_condition(&mut p, "Ready", "False", Some("PodCompleted"), None, now);
    } else if unready.is_empty() {
        set_condition(&mut p, "ContainersReady", "True", None, None, now);
        set_condition(&mut p, "Ready", "True", None, None, now);
    } else {
        let msg = format!("containers with unready status: [{}]", unready.join(" "));
        set_condition(
            &mut p,
            "ContainersReady",
            "False",
            Some("ContainersNotReady"),
            Some(msg.clone()),
            now,
        );
        set_condition(
            &mut p,
            "Ready",
            "False",
            Some("ContainersNotReady"),
            Some(msg),
            now,
        );
    }
    // The API server's order of conditions.
    if let Some(conds) = p.status.as_mut().and_then(|s| s.conditions.as_mut()) {
        let order = [
            "PodReadyToStartContainers",
            "Initialized",
            "Ready",
            "ContainersReady",
            "PodScheduled",
        ];
        conds.sort_by_key(|c| {
            order
                .iter()
                .position(|o| *o == c.type_)
                .unwrap_or(order.len())
        });
    }
    c.store.put(p);
}
