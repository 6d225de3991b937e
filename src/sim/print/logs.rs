//! `kubectl logs`: what a container wrote to stdout, replayed from its command (`sim/shell.rs`)
//! over the virtual time it ran, with the hostname and environment the kubelet gave it.
//!
//! The one thing to know: a log is not stored. The container's start (and end) times in the Pod's
//! status bound the replay, so the same Pod at the same moment always gives the same lines; the
//! previous run (`--previous`) is replayed from `lastState.terminated`.

use k8s_openapi::api::core::v1::{
    Container, ContainerStateTerminated, ContainerStatus, EnvVar, Pod,
};

use crate::sim::shell::{self, Env};
use crate::sim::time::{millis_of, Millis, EPOCH_MS};
use crate::sim::Cluster;
use crate::validation::go_quote;

/// The most lines replayed of one run (the kubelet rotates logs at 10 MiB; this is the page's
/// bound on work, and kubectl's `--tail` cuts further).
pub const MAX_LINES: usize = 5_000;

/// What `kubectl logs` prints, or its error (kubectl's words).
pub fn logs(
    c: &Cluster,
    ns: &str,
    pod: &str,
    container: Option<&str>,
    previous: bool,
) -> Result<String, String> {
    let Some(p) = c.store().pods.get(ns, pod) else {
        return Err(format!(
            "Error from server (NotFound): pods {} not found",
            go_quote(pod)
        ));
    };
    let spec = p.spec.clone().unwrap_or_default();
    let (name, defaulted) = match container {
        Some(n) => (n.to_string(), false),
        None => match spec.containers.first() {
            Some(first) => (first.name.clone(), spec.containers.len() > 1),
            None => return Err("error: the pod has no containers".into()),
        },
    };
    let Some(ct) = spec
        .containers
        .iter()
        .chain(spec.init_containers.iter().flatten())
        .find(|ct| ct.name == name)
    else {
        return Err(format!(
            "Error from server (BadRequest): container {name} is not valid for pod {pod}"
        ));
    };
    let (start, end) = window(&status_of(p, &name), previous, c.now()).map_err(|why| {
        let (name, pod) = (go_quote(&name), go_quote(pod));
        match why {
            Why::NoPrevious => format!(
                "Error from server (BadRequest): previous terminated container {name} in pod {pod} not found"
            ),
            Why::Waiting(reason) => format!(
                "Error from server (BadRequest): container {name} in pod {pod} is waiting to start: {reason}"
            ),
        }
    })?;
    let mut out = String::new();
    if defaulted {
        // kubectl says this on standard error; the page and the CLI show it first.
        let names: Vec<&str> = spec.containers.iter().map(|c| c.name.as_str()).collect();
        out.push_str(&format!(
            "Defaulted container {} out of: {}\n",
            go_quote(&name),
            names.join(", ")
        ));
    }
    for line in lines(p, ct, start, end) {
        out.push_str(&line);
        out.push('\n');
    }
    Ok(out)
}

/// The last `n` lines a Pod's first container wrote in its current run; empty when it has not
/// started (the page's Logs section under describe).
pub fn tail(c: &Cluster, ns: &str, pod: &str, n: usize) -> Vec<String> {
    let Some(p) = c.store().pods.get(ns, pod) else {
        return Vec::new();
    };
    let spec = p.spec.clone().unwrap_or_default();
    let Some(ct) = spec.containers.first() else {
        return Vec::new();
    };
    let Ok((start, end)) = window(&status_of(p, &ct.name), false, c.now()) else {
        return Vec::new();
    };
    let mut all = lines(p, ct, start, end);
    let cut = all.len().saturating_sub(n);
    all.split_off(cut)
}

/// The status the kubelet last wrote for a container (or an init container) of the Pod.
fn status_of(pod: &Pod, container: &str) -> ContainerStatus {
    pod.status
        .as_ref()
        .and_then(|s| {
            s.container_statuses
                .iter()
                .flatten()
                .chain(s.init_container_statuses.iter().flatten())
                .find(|cs| cs.name == container)
        })
        .cloned()
        .unwrap_or_default()
}

/// Why a container has no log to show.
enum Why {
    NoPrevious,
    /// It never ran; what it waits for, in the kubelet's words.
    Waiting(String),
}

/// When the run asked for started and until when it wrote, as the kubelet's
/// `validateContainerLogStatus` picks the container: `previous` is the last terminated run; else
/// the running one, the terminated one, or (waiting to restart, as in CrashLoopBackOff) the last
/// terminated run.
fn window(status: &ContainerStatus, previous: bool, now: Millis) -> Result<(Millis, Millis), Why> {
    let ran = |t: Option<&ContainerStateTerminated>| {
        let t = t?;
        Some((
            t.started_at.as_ref().map(millis_of)?,
            t.finished_at.as_ref().map_or(now, millis_of),
        ))
    };
    let last = ran(status
        .last_state
        .as_ref()
        .and_then(|s| s.terminated.as_ref()));
    if previous {
        return last.ok_or(Why::NoPrevious);
    }
    let state = status.state.clone().unwrap_or_default();
    if let Some(started) = state.running.as_ref().and_then(|r| r.started_at.as_ref()) {
        return Ok((millis_of(started), now));
    }
    if let Some(run) = ran(state.terminated.as_ref()).or(last) {
        return Ok(run);
    }
    let reason = state.waiting.and_then(|w| w.reason).unwrap_or_default();
    Err(Why::Waiting(match reason.as_str() {
        "ErrImagePull" => "image can't be pulled".into(),
        "ImagePullBackOff" => "trying and failing to pull image".into(),
        "" => "ContainerCreating".into(),
        _ => reason,
    }))
}

/// The lines the container wrote from `start` to `end`.
fn lines(pod: &Pod, ct: &Container, start: Millis, end: Millis) -> Vec<String> {
    let mut words = ct.command.clone().unwrap_or_default();
    words.extend(ct.args.clone().unwrap_or_default());
    let vars = environment(pod, ct);
    let hostname = hostname(pod);
    // A program the shell does not simulate takes as long as the kubelet let it (behaviour.rs).
    let spec = pod.spec.as_ref();
    let init = spec.is_some_and(|s| {
        s.init_containers
            .iter()
            .flatten()
            .any(|i| i.name == ct.name)
    });
    let restarts_forever = if init {
        ct.restart_policy.as_deref() == Some("Always")
    } else {
        spec.and_then(|s| s.restart_policy.as_deref()) == Some("Always")
    };
    let env = Env {
        hostname: &hostname,
        vars: &vars,
        others: crate::sim::behaviour::workload(restarts_forever),
    };
    let run = shell::run(
        &words,
        &env,
        EPOCH_MS.saturating_add(start),
        end.saturating_sub(start).max(0),
        MAX_LINES,
    );
    run.lines.into_iter().map(|(_, l)| l).collect()
}

/// The Pod's hostname: `spec.hostname`, else its name cut to 63 characters.
fn hostname(pod: &Pod) -> String {
    let spec = pod.spec.as_ref();
    match spec.and_then(|s| s.hostname.clone()) {
        Some(h) => h,
        None => pod
            .metadata
            .name
            .as_deref()
            .unwrap_or_default()
            .chars()
            .take(63)
            .collect(),
    }
}

/// The container's environment as the kubelet makes it: literal values, and the downward API's
/// fields (`metadata.name`, `metadata.namespace`, `metadata.labels['k']`,
/// `metadata.annotations['k']`, `spec.nodeName`, `spec.serviceAccountName`, `status.podIP`,
/// `status.hostIP`). Values from ConfigMaps and Secrets are not looked up (empty).
fn environment(pod: &Pod, ct: &Container) -> Vec<(String, String)> {
    ct.env
        .iter()
        .flatten()
        .map(|e| (e.name.clone(), value(pod, e)))
        .collect()
}

fn value(pod: &Pod, e: &EnvVar) -> String {
    if let Some(v) = &e.value {
        return v.clone();
    }
    let Some(path) = e
        .value_from
        .as_ref()
        .and_then(|f| f.field_ref.as_ref())
        .map(|f| f.field_path.as_str())
    else {
        return String::new();
    };
    let m = &pod.metadata;
    let spec = pod.spec.as_ref();
    let status = pod.status.as_ref();
    let keyed = |prefix: &str| {
        path.strip_prefix(prefix)
            .and_then(|rest| rest.strip_suffix("']"))
            .map(str::to_string)
    };
    let text = match path {
        "metadata.name" => m.name.clone(),
        "metadata.namespace" => m.namespace.clone(),
        "metadata.uid" => m.uid.clone(),
        "spec.nodeName" => spec.and_then(|s| s.node_name.clone()),
        "spec.serviceAccountName" => spec.and_then(|s| s.service_account_name.clone()),
        "status.podIP" => status.and_then(|s| s.pod_ip.clone()),
        "status.hostIP" => status.and_then(|s| s.host_ip.clone()),
        _ => match (keyed("metadata.labels['"), keyed("metadata.annotations['")) {
            (Some(k), _) => m.labels.as_ref().and_then(|l| l.get(&k).cloned()),
            (_, Some(k)) => m.annotations.as_ref().and_then(|a| a.get(&k).cloned()),
            _ => None,
        },
    };
    text.unwrap_or_default()
}
