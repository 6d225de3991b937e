//! Pods: admission (pkg/registry/core/pod/strategy.go, ValidatePodUpdate) and printing (printPod,
//! describePod).

use std::fmt::Write;

use k8s_openapi::api::core::v1::Pod;

use super::{Printer, Strategy};
use crate::sim::apply::{invalid, Failure};
use crate::sim::pod as podutil;
use crate::sim::print::describe::{
    container_block, controlled_by, head, labels_annotations, line, map_lines, when,
};
use crate::sim::print::{age, Tone};
use crate::sim::time::{human_duration, millis_of, Millis};
use crate::sim::{controllers, defaults, Cluster};

impl Strategy for Pod {
    fn prepare(&mut self, _c: &mut Cluster) {
        if let Some(s) = self.spec.as_mut() {
            defaults::pod_spec(s);
            defaults::pod_admission(s);
        }
        self.status = None;
    }

    fn admit(&mut self, _c: &mut Cluster, old: Option<&Self>) -> Result<(), Failure> {
        match old {
            None => {
                self.status = Some(crate::sim::pod::pending_status());
                Ok(())
            }
            Some(old) => pod_update(old, self),
        }
    }

    /// With the Pod's grace period: the kubelet stops its containers first.
    fn delete(c: &mut Cluster, ns: &str, name: &str) -> bool {
        controllers::delete_pod(c, ns, name, None)
    }
}

impl Printer for Pod {
    const RESOURCE: &'static str = "pods";
    const PREFIX: &'static str = "pod";
    const HEADERS: &'static [&'static str] =
        &["NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE"];
    // kubectl's IP and NODE columns are wide ones; the page's table shows them always.
    const NARROW: usize = 5;
    const WIDE: &'static [&'static str] = &["NOMINATED NODE", "READINESS GATES"];

    fn wide(&self, _c: &Cluster) -> Vec<String> {
        let gates = self
            .spec
            .as_ref()
            .and_then(|s| s.readiness_gates.as_ref())
            .filter(|g| !g.is_empty());
        let nominated = self
            .status
            .as_ref()
            .and_then(|s| s.nominated_node_name.clone())
            .unwrap_or_else(|| "<none>".into());
        let gates = match gates {
            None => "<none>".to_string(),
            Some(g) => {
                let conditions = self.status.as_ref().and_then(|s| s.conditions.as_ref());
                let met = g
                    .iter()
                    .filter(|g| {
                        conditions.is_some_and(|cs| {
                            cs.iter()
                                .any(|c| c.type_ == g.condition_type && c.status == "True")
                        })
                    })
                    .count();
                format!("{met}/{}", g.len())
            }
        };
        vec![nominated, gates]
    }

    fn row(&self, c: &Cluster) -> (Vec<String>, Tone) {
        let p = self;
        let now = c.now();
        let (ready, status, restarts, tone) = pod_status(p, now);
        let st = p.status.clone().unwrap_or_default();
        (
            vec![
                p.metadata.name.clone().unwrap_or_default(),
                ready,
                status,
                restarts,
                age(p.metadata.creation_timestamp.as_ref(), now),
                st.pod_ip.unwrap_or_else(|| "<none>".into()),
                p.spec
                    .as_ref()
                    .and_then(|s| s.node_name.clone())
                    .unwrap_or_else(|| "<none>".into()),
            ],
            tone,
        )
    }

    fn describe(&self, out: &mut String, c: &Cluster) {
        let _ = c;
        pod(out, self);
    }
}

/// kubectl's STATUS word for a Pod, with its READY count and restarts (printPod).
pub fn pod_status(pod: &Pod, now: Millis) -> (String, String, String, Tone) {
    let status = pod.status.clone().unwrap_or_default();
    let spec = pod.spec.clone().unwrap_or_default();
    let mut restarts = 0;
    let mut last_restart: Option<Millis> = None;
    let mut note_restart = |cs: &k8s_openapi::api::core::v1::ContainerStatus| {
        if let Some(t) = cs
            .last_state
            .as_ref()
            .and_then(|s| s.terminated.as_ref())
            .and_then(|t| t.finished_at.as_ref())
        {
            let m = millis_of(t);
            if last_restart.is_none_or(|l| m > l) {
                last_restart = Some(m);
            }
        }
    };
    let mut reason = status
        .reason
        .clone()
        .unwrap_or_else(|| status.phase.clone().unwrap_or_else(|| "Pending".into()));
    let total = spec.containers.len()
        + spec
            .init_containers
            .iter()
            .flatten()
            .filter(|c| c.restart_policy.as_deref() == Some("Always"))
            .count();
    let mut ready = 0;
    let mut initializing = false;
    let init_count = spec.init_containers.as_ref().map(Vec::len).unwrap_or(0);
    for (i, cs) in status.init_container_statuses.iter().flatten().enumerate() {
        restarts += cs.restart_count;
        note_restart(cs);
        let sidecar = spec
            .init_containers
            .as_ref()
            .and_then(|v| v.get(i))
            .is_some_and(|c| c.restart_policy.as_deref() == Some("Always"));
        if sidecar && cs.ready {
            ready += 1;
        }
        let state = cs.state.clone().unwrap_or_default();
        if let Some(t) = &state.terminated {
            if t.exit_code == 0 {
                continue;
            }
        }
        if sidecar && cs.started == Some(true) {
            continue;
        }
        if initializing {
            continue;
        }
        if let Some(t) = &state.terminated {
            reason = match &t.reason {
                Some(r) if !r.is_empty() => format!("Init:{r}"),
                _ => format!("Init:ExitCode:{}", t.exit_code),
            };
        } else if let Some(w) = state.waiting.as_ref().filter(|w| {
            w.reason
                .as_deref()
                .is_some_and(|r| !r.is_empty() && r != "PodInitializing")
        }) {
            reason = format!("Init:{}", w.reason.clone().unwrap_or_default());
        } else {
            reason = format!("Init:{i}/{init_count}");
        }
        initializing = true;
    }
    let initialized = podutil::condition(pod, "Initialized").is_some_and(|c| c.status == "True");
    if !initializing || initialized {
        restarts = status
            .init_container_statuses
            .iter()
            .flatten()
            .zip(spec.init_containers.iter().flatten())
            .filter(|(_, c)| c.restart_policy.as_deref() == Some("Always"))
            .map(|(s, _)| s.restart_count)
            .sum();
        let mut has_running = false;
        for cs in status.container_statuses.iter().flatten().rev() {
            restarts += cs.restart_count;
            note_restart(cs);
            let state = cs.state.clone().unwrap_or_default();
            if let Some(w) = state
                .waiting
                .as_ref()
                .filter(|w| w.reason.as_deref().is_some_and(|r| !r.is_empty()))
            {
                reason = w.reason.clone().unwrap_or_default();
            } else if let Some(t) = &state.terminated {
                reason = match &t.reason {
                    Some(r) if !r.is_empty() => r.clone(),
                    _ => format!("ExitCode:{}", t.exit_code),
                };
            } else if cs.ready && state.running.is_some() {
                has_running = true;
                ready += 1;
            }
        }
        if reason == "Completed" && has_running {
            reason = if podutil::is_ready(pod) {
                "Running".into()
            } else {
                "NotReady".into()
            };
        }
    }
    if pod.metadata.deletion_timestamp.is_some() {
        reason = "Terminating".into();
    }
    let tone = match reason.as_str() {
        "Running" => Tone::Ok,
        "Completed" | "Succeeded" => Tone::Done,
        "Pending" | "ContainerCreating" | "PodInitializing" | "Terminating" | "NotReady" => {
            Tone::Progress
        }
        r if r.starts_with("Init:") && r[5..].contains('/') => Tone::Progress,
        _ => Tone::Bad,
    };
    let restarts_text = match (restarts, last_restart) {
        (n, Some(at)) if n > 0 => {
            format!("{n} ({} ago)", human_duration(now - at))
        }
        (n, _) => n.to_string(),
    };
    (format!("{ready}/{total}"), reason, restarts_text, tone)
}

/// ValidatePodUpdate: only images (and a few fields) of a running Pod may change.
fn pod_update(old: &Pod, new: &mut Pod) -> Result<(), Failure> {
    let name = new.metadata.name.clone().unwrap_or_default();
    new.status = old.status.clone();
    if let (Some(a), Some(b)) = (&old.spec, new.spec.as_mut()) {
        b.node_name = a.node_name.clone();
        let strip = |s: &k8s_openapi::api::core::v1::PodSpec| {
            let mut s = s.clone();
            for c in s
                .containers
                .iter_mut()
                .chain(s.init_containers.iter_mut().flatten())
            {
                c.image = None;
            }
            s.active_deadline_seconds = None;
            s.tolerations = None;
            s.termination_grace_period_seconds = None;
            s
        };
        if strip(a) != strip(b) {
            return Err(invalid("Pod", &name, "spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)".into()));
        }
    }
    Ok(())
}

fn pod(out: &mut String, p: &Pod) {
    let spec = p.spec.clone().unwrap_or_default();
    let st = p.status.clone().unwrap_or_default();
    head(out, &p.metadata);
    line(out, "Priority", spec.priority.unwrap_or(0));
    line(
        out,
        "Service Account",
        spec.service_account_name
            .clone()
            .unwrap_or_else(|| "default".into()),
    );
    match &spec.node_name {
        Some(n) => line(
            out,
            "Node",
            format!("{n}/{}", st.host_ip.clone().unwrap_or_default()),
        ),
        None => line(out, "Node", "<none>"),
    }
    if st.start_time.is_some() {
        line(out, "Start Time", when(st.start_time.as_ref()));
    }
    labels_annotations(out, &p.metadata);
    let shown = if p.metadata.deletion_timestamp.is_some() {
        "Terminating".to_string()
    } else {
        st.phase.clone().unwrap_or_else(|| "Pending".into())
    };
    line(out, "Status", shown);
    if p.metadata.deletion_timestamp.is_some() {
        let _ = writeln!(
            out,
            "Termination Grace Period:  {}s",
            p.metadata.deletion_grace_period_seconds.unwrap_or(30)
        );
    }
    line(out, "IP", st.pod_ip.clone().unwrap_or_default());
    controlled_by(out, &p.metadata);
    if let Some(inits) = &spec.init_containers {
        out.push_str("Init Containers:\n");
        for ct in inits {
            let cs = st
                .init_container_statuses
                .iter()
                .flatten()
                .find(|s| s.name == ct.name);
            container_block(out, ct, cs);
        }
    }
    out.push_str("Containers:\n");
    for ct in &spec.containers {
        let cs = st
            .container_statuses
            .iter()
            .flatten()
            .find(|s| s.name == ct.name);
        container_block(out, ct, cs);
    }
    if let Some(conds) = &st.conditions {
        out.push_str("Conditions:\n");
        let mut rows = vec![vec!["  Type".to_string(), "Status".into()]];
        for cd in conds {
            rows.push(vec![format!("  {}", cd.type_), cd.status.clone()]);
        }
        out.push_str(&crate::sim::print::columns_padded(&rows, 2));
    }
    let vols = spec.volumes.clone().unwrap_or_default();
    if vols.is_empty() {
        out.push_str("Volumes:           <none>\n");
    } else {
        out.push_str("Volumes:\n");
        for v in vols {
            let _ = writeln!(out, "  {}:", v.name);
            if let Some(cm) = &v.config_map {
                let _ = writeln!(out, "    Type:      ConfigMap (a volume populated by a ConfigMap)\n    Name:      {}\n    Optional:  {}", cm.name, cm.optional.unwrap_or(false));
            } else if let Some(s) = &v.secret {
                let _ = writeln!(out, "    Type:        Secret (a volume populated by a Secret)\n    SecretName:  {}\n    Optional:    {}", s.secret_name.clone().unwrap_or_default(), s.optional.unwrap_or(false));
            } else if let Some(pvc) = &v.persistent_volume_claim {
                let _ = writeln!(out, "    Type:       PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:  {}\n    ReadOnly:   {}", pvc.claim_name, pvc.read_only.unwrap_or(false));
            } else if v.empty_dir.is_some() {
                let _ = writeln!(
                    out,
                    "    Type:       EmptyDir (a temporary directory that shares a pod's lifetime)"
                );
            }
        }
    }
    line(out, "QoS Class", st.qos_class.clone().unwrap_or_default());
    map_lines(out, "Node-Selectors", spec.node_selector.as_ref(), "=");
    let tolerations: Vec<String> = spec
        .tolerations
        .iter()
        .flatten()
        .map(|t| {
            let mut s = t.key.clone().unwrap_or_default();
            if t.operator.as_deref() == Some("Exists") {
                if let Some(e) = &t.effect {
                    s = format!("{s}:{e}");
                }
                s.push_str(" op=Exists");
            } else {
                s = format!("{s}={}", t.value.clone().unwrap_or_default());
                if let Some(e) = &t.effect {
                    s = format!("{s}:{e}");
                }
            }
            if let Some(secs) = t.toleration_seconds {
                s.push_str(&format!(" for {secs}s"));
            }
            s
        })
        .collect();
    if tolerations.is_empty() {
        line(out, "Tolerations", "<none>");
    } else {
        for (i, t) in tolerations.iter().enumerate() {
            if i == 0 {
                line(out, "Tolerations", t);
            } else {
                let _ = writeln!(out, "{}{t}", " ".repeat(19));
            }
        }
    }
}
