//! `kubectl describe` (pkg/describe/describe.go) for the kinds the simulator runs, and a short
//! generic form for the rest. Every form ends with the object's events.

use std::collections::BTreeMap;
use std::fmt::Write;

use k8s_openapi::api::apps::v1::{DaemonSet, Deployment, ReplicaSet, StatefulSet};
use k8s_openapi::api::core::v1::{Container, ContainerStatus, Node, Pod, Service};
use k8s_openapi::api::discovery::v1::EndpointSlice;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, Time};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use serde_json::Value;

use crate::sim::store::controller_of;
use crate::sim::time::human_duration;
use crate::sim::{quantity, Cluster};

/// `Thu, 01 Jan 2026 00:00:00 +0000`, kubectl describe's time format (RFC 1123 with a numeric zone).
fn when(t: Option<&Time>) -> String {
    match t {
        Some(t) => t.0.strftime("%a, %d %b %Y %H:%M:%S +0000").to_string(),
        None => "<unset>".into(),
    }
}

fn map_lines(out: &mut String, label: &str, m: Option<&BTreeMap<String, String>>, sep: &str) {
    let pad = 18usize.saturating_sub(label.len() + 1);
    match m.filter(|m| !m.is_empty()) {
        None => {
            let _ = writeln!(out, "{label}:{}<none>", " ".repeat(pad));
        }
        Some(m) => {
            for (i, (k, v)) in m.iter().enumerate() {
                if i == 0 {
                    let _ = writeln!(out, "{label}:{}{k}{sep}{v}", " ".repeat(pad));
                } else {
                    let _ = writeln!(out, "{}{k}{sep}{v}", " ".repeat(label.len() + 1 + pad));
                }
            }
        }
    }
}

fn line(out: &mut String, label: &str, value: impl std::fmt::Display) {
    let pad = 18usize.saturating_sub(label.len() + 1);
    let _ = writeln!(out, "{label}:{}{value}", " ".repeat(pad));
}

fn head(out: &mut String, m: &ObjectMeta) {
    line(out, "Name", m.name.clone().unwrap_or_default());
    if let Some(ns) = &m.namespace {
        line(out, "Namespace", ns);
    }
}

fn labels_annotations(out: &mut String, m: &ObjectMeta) {
    map_lines(out, "Labels", m.labels.as_ref(), "=");
    map_lines(out, "Annotations", m.annotations.as_ref(), ": ");
}

/// The Events section: `Type Reason Age From Message`.
fn events(out: &mut String, c: &Cluster, kind: &str, ns: &str, name: &str) {
    let now = c.now();
    let mut list: Vec<_> = c.events.about(kind, ns, name).collect();
    list.sort_by_key(|e| e.first);
    if list.is_empty() {
        out.push_str("Events:            <none>\n");
        return;
    }
    out.push_str("Events:\n");
    let mut rows = vec![
        vec![
            "  Type".to_string(),
            "Reason".into(),
            "Age".into(),
            "From".into(),
            "Message".into(),
        ],
        vec![
            "  ----".to_string(),
            "------".into(),
            "----".into(),
            "----".into(),
            "-------".into(),
        ],
    ];
    for e in list {
        let age = if e.count > 1 {
            format!(
                "{} (x{} over {})",
                human_duration(now - e.last),
                e.count,
                human_duration(now - e.first)
            )
        } else {
            human_duration(now - e.first)
        };
        rows.push(vec![
            format!("  {}", e.type_.as_str()),
            e.reason.clone(),
            age,
            e.source.from(),
            e.message.clone(),
        ]);
    }
    out.push_str(&super::columns_padded(&rows, 2));
}

/// `kubectl describe <kind> <name>`; None when there is no such object.
pub fn describe(c: &Cluster, kind: &str, ns: &str, name: &str) -> Option<String> {
    let mut out = String::new();
    match kind {
        "Pod" => pod(&mut out, c.store.get::<Pod>(ns, name)?),
        "Deployment" => deployment(&mut out, c, c.store.get::<Deployment>(ns, name)?),
        "ReplicaSet" => replica_set(&mut out, c.store.get::<ReplicaSet>(ns, name)?),
        "StatefulSet" => stateful_set(&mut out, c.store.get::<StatefulSet>(ns, name)?),
        "DaemonSet" => daemon_set(&mut out, c.store.get::<DaemonSet>(ns, name)?),
        "Service" => service(&mut out, c, c.store.get::<Service>(ns, name)?),
        "Node" => node(&mut out, c, c.store.get::<Node>(ns, name)?),
        "EndpointSlice" => endpoint_slice(&mut out, c.store.get::<EndpointSlice>(ns, name)?),
        _ => {
            let v = c.store.get_json(kind, ns, name)?;
            generic(&mut out, &v);
        }
    }
    events(&mut out, c, kind, ns, name);
    Some(out)
}

fn generic(out: &mut String, v: &Value) {
    let m: ObjectMeta = v
        .get("metadata")
        .and_then(|m| serde_json::from_value(m.clone()).ok())
        .unwrap_or_default();
    head(out, &m);
    labels_annotations(out, &m);
    line(
        out,
        "CreationTimestamp",
        when(m.creation_timestamp.as_ref()),
    );
    for key in ["spec", "data", "status"] {
        if let Some(section) = v.get(key) {
            let _ = writeln!(out, "{}:", capitalise(key));
            let text = serde_json::to_string_pretty(section).unwrap_or_default();
            for l in text.lines() {
                let _ = writeln!(out, "  {l}");
            }
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut cs = s.chars();
    cs.next()
        .map(|f| f.to_ascii_uppercase().to_string() + cs.as_str())
        .unwrap_or_default()
}

fn controlled_by(out: &mut String, m: &ObjectMeta) {
    if let Some(r) = controller_of(m) {
        line(out, "Controlled By", format!("{}/{}", r.kind, r.name));
    }
}

fn container_block(out: &mut String, ct: &Container, cs: Option<&ContainerStatus>) {
    let _ = writeln!(out, "  {}:", ct.name);
    let l = |out: &mut String, label: &str, v: String| {
        let pad = 18usize.saturating_sub(label.len() + 1);
        let _ = writeln!(out, "    {label}:{}{v}", " ".repeat(pad));
    };
    if let Some(id) = cs.and_then(|s| s.container_id.clone()) {
        l(out, "Container ID", id);
    }
    l(out, "Image", ct.image.clone().unwrap_or_default());
    let ports: Vec<String> = ct
        .ports
        .iter()
        .flatten()
        .map(|p| {
            format!(
                "{}/{}",
                p.container_port,
                p.protocol.clone().unwrap_or_else(|| "TCP".into())
            )
        })
        .collect();
    l(
        out,
        if ports.len() > 1 { "Ports" } else { "Port" },
        if ports.is_empty() {
            "<none>".into()
        } else {
            ports.join(", ")
        },
    );
    if let Some(cmd) = &ct.command {
        l(out, "Command", cmd.join(" "));
    }
    if let Some(args) = &ct.args {
        l(out, "Args", args.join(" "));
    }
    let state = |out: &mut String, label: &str, st: &k8s_openapi::api::core::v1::ContainerState| {
        if let Some(r) = &st.running {
            l(out, label, "Running".into());
            l(out, "  Started", when(r.started_at.as_ref()));
        } else if let Some(w) = &st.waiting {
            l(out, label, "Waiting".into());
            l(out, "  Reason", w.reason.clone().unwrap_or_default());
            if let Some(m) = &w.message {
                l(out, "  Message", m.clone());
            }
        } else if let Some(t) = &st.terminated {
            l(out, label, "Terminated".into());
            l(out, "  Reason", t.reason.clone().unwrap_or_default());
            l(out, "  Exit Code", t.exit_code.to_string());
            l(out, "  Started", when(t.started_at.as_ref()));
            l(out, "  Finished", when(t.finished_at.as_ref()));
        }
    };
    match cs {
        Some(cs) => {
            if let Some(st) = &cs.state {
                state(out, "State", st);
            }
            if let Some(ls) = cs.last_state.as_ref().filter(|s| s.terminated.is_some()) {
                state(out, "Last State", ls);
            }
            l(out, "Ready", if cs.ready { "True" } else { "False" }.into());
            l(out, "Restart Count", cs.restart_count.to_string());
        }
        None => {
            l(out, "State", "Waiting".into());
            l(out, "Ready", "False".into());
            l(out, "Restart Count", "0".into());
        }
    }
    for (label, res) in [
        (
            "Limits",
            ct.resources.as_ref().and_then(|r| r.limits.clone()),
        ),
        (
            "Requests",
            ct.resources.as_ref().and_then(|r| r.requests.clone()),
        ),
    ] {
        if let Some(m) = res.filter(|m| !m.is_empty()) {
            let _ = writeln!(out, "    {label}:");
            for (k, q) in m {
                let _ = writeln!(
                    out,
                    "      {k}:{}{}",
                    " ".repeat(14usize.saturating_sub(k.len() + 1)),
                    q.0
                );
            }
        }
    }
    for (label, p) in [
        ("Liveness", &ct.liveness_probe),
        ("Readiness", &ct.readiness_probe),
        ("Startup", &ct.startup_probe),
    ] {
        if let Some(p) = p {
            let how = if let Some(h) = &p.http_get {
                let port = match &h.port {
                    IntOrString::Int(n) => n.to_string(),
                    IntOrString::String(s) => s.clone(),
                };
                format!(
                    "http-get http://:{port}{}",
                    h.path.clone().unwrap_or_else(|| "/".into())
                )
            } else if let Some(t) = &p.tcp_socket {
                let port = match &t.port {
                    IntOrString::Int(n) => n.to_string(),
                    IntOrString::String(s) => s.clone(),
                };
                format!("tcp-socket :{port}")
            } else if let Some(e) = &p.exec {
                format!("exec [{}]", e.command.clone().unwrap_or_default().join(" "))
            } else if let Some(g) = &p.grpc {
                format!(
                    "grpc <pod>:{} {}",
                    g.port,
                    g.service.clone().unwrap_or_default()
                )
            } else {
                String::new()
            };
            l(
                out,
                label,
                format!(
                    "{how} delay={}s timeout={}s period={}s #success={} #failure={}",
                    p.initial_delay_seconds.unwrap_or(0),
                    p.timeout_seconds.unwrap_or(1),
                    p.period_seconds.unwrap_or(10),
                    p.success_threshold.unwrap_or(1),
                    p.failure_threshold.unwrap_or(3)
                ),
            );
        }
    }
    let env: Vec<String> = ct
        .env
        .iter()
        .flatten()
        .map(|e| {
            if let Some(v) = &e.value {
                format!("{}:  {v}", e.name)
            } else if let Some(r) = e
                .value_from
                .as_ref()
                .and_then(|f| f.config_map_key_ref.as_ref())
            {
                format!(
                    "{}:  <set to the key '{}' of config map '{}'>  Optional: {}",
                    e.name,
                    r.key,
                    r.name,
                    r.optional.unwrap_or(false)
                )
            } else if let Some(r) = e
                .value_from
                .as_ref()
                .and_then(|f| f.secret_key_ref.as_ref())
            {
                format!(
                    "{}:  <set to the key '{}' in secret '{}'>  Optional: {}",
                    e.name,
                    r.key,
                    r.name,
                    r.optional.unwrap_or(false)
                )
            } else {
                format!("{}:  <set from a field>", e.name)
            }
        })
        .collect();
    if env.is_empty() {
        l(out, "Environment", "<none>".into());
    } else {
        let _ = writeln!(out, "    Environment:");
        for e in env {
            let _ = writeln!(out, "      {e}");
        }
    }
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
        out.push_str(&super::columns_padded(&rows, 2));
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

fn selector_text(s: &k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector) -> String {
    crate::selector::from_label_selector(s)
        .map(|s| s.to_string())
        .unwrap_or_default()
}

fn deployment(out: &mut String, c: &Cluster, d: &Deployment) {
    let spec = d.spec.clone().unwrap_or_default();
    let st = d.status.clone().unwrap_or_default();
    head(out, &d.metadata);
    line(
        out,
        "CreationTimestamp",
        when(d.metadata.creation_timestamp.as_ref()),
    );
    labels_annotations(out, &d.metadata);
    line(out, "Selector", selector_text(&spec.selector));
    line(
        out,
        "Replicas",
        format!(
            "{} desired | {} updated | {} total | {} available | {} unavailable",
            spec.replicas.unwrap_or(1),
            st.updated_replicas.unwrap_or(0),
            st.replicas.unwrap_or(0),
            st.available_replicas.unwrap_or(0),
            st.unavailable_replicas.unwrap_or(0)
        ),
    );
    let strategy = spec.strategy.clone().unwrap_or_default();
    line(
        out,
        "StrategyType",
        strategy.type_.clone().unwrap_or_default(),
    );
    line(out, "MinReadySeconds", spec.min_ready_seconds.unwrap_or(0));
    if let Some(ru) = &strategy.rolling_update {
        let show = |v: &Option<IntOrString>| match v {
            Some(IntOrString::Int(n)) => n.to_string(),
            Some(IntOrString::String(s)) => s.clone(),
            None => "0".into(),
        };
        line(
            out,
            "RollingUpdateStrategy",
            format!(
                "{} max unavailable, {} max surge",
                show(&ru.max_unavailable),
                show(&ru.max_surge)
            ),
        );
    }
    pod_template(out, &spec.template);
    if let Some(conds) = &st.conditions {
        out.push_str("Conditions:\n");
        let mut rows = vec![
            vec!["  Type".to_string(), "Status".into(), "Reason".into()],
            vec!["  ----".to_string(), "------".into(), "------".into()],
        ];
        for cd in conds {
            rows.push(vec![
                format!("  {}", cd.type_),
                cd.status.clone(),
                cd.reason.clone().unwrap_or_default(),
            ]);
        }
        out.push_str(&super::columns_padded(&rows, 2));
    }
    let ns = d.metadata.namespace.clone().unwrap_or_default();
    let uid = d.metadata.uid.clone().unwrap_or_default();
    let mut old = Vec::new();
    let mut new = String::from("<none>");
    for rs in c.store.replica_sets.in_namespace(&ns) {
        if controller_of(&rs.metadata).is_none_or(|r| r.uid != uid) {
            continue;
        }
        let t = rs
            .spec
            .as_ref()
            .and_then(|s| s.template.clone())
            .unwrap_or_default();
        let same = crate::sim::controllers::without_label(&t, "pod-template-hash")
            == crate::sim::controllers::without_label(&spec.template, "pod-template-hash");
        let text = format!(
            "{} ({}/{} replicas created)",
            rs.metadata.name.clone().unwrap_or_default(),
            rs.status.as_ref().map(|s| s.replicas).unwrap_or(0),
            rs.spec.as_ref().and_then(|s| s.replicas).unwrap_or(0)
        );
        if same {
            new = text;
        } else if rs.spec.as_ref().and_then(|s| s.replicas).unwrap_or(0) > 0
            || rs.status.as_ref().is_some_and(|s| s.replicas > 0)
        {
            old.push(text);
        }
    }
    line(
        out,
        "OldReplicaSets",
        if old.is_empty() {
            "<none>".to_string()
        } else {
            old.join(", ")
        },
    );
    line(out, "NewReplicaSet", new);
}

fn pod_template(out: &mut String, t: &k8s_openapi::api::core::v1::PodTemplateSpec) {
    out.push_str("Pod Template:\n");
    let labels = t
        .metadata
        .as_ref()
        .and_then(|m| m.labels.clone())
        .unwrap_or_default();
    let text: Vec<String> = labels.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let _ = writeln!(
        out,
        "  Labels:  {}",
        if text.is_empty() {
            "<none>".to_string()
        } else {
            text.join("\n           ")
        }
    );
    out.push_str("  Containers:\n");
    for ct in t.spec.iter().flat_map(|s| s.containers.iter()) {
        let _ = writeln!(out, "   {}:", ct.name);
        let _ = writeln!(
            out,
            "    Image:      {}",
            ct.image.clone().unwrap_or_default()
        );
        let ports: Vec<String> = ct
            .ports
            .iter()
            .flatten()
            .map(|p| {
                format!(
                    "{}/{}",
                    p.container_port,
                    p.protocol.clone().unwrap_or_else(|| "TCP".into())
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "    Port:       {}",
            if ports.is_empty() {
                "<none>".to_string()
            } else {
                ports.join(", ")
            }
        );
    }
}

fn replica_set(out: &mut String, rs: &ReplicaSet) {
    let spec = rs.spec.clone().unwrap_or_default();
    let st = rs.status.clone().unwrap_or_default();
    head(out, &rs.metadata);
    line(out, "Selector", selector_text(&spec.selector));
    labels_annotations(out, &rs.metadata);
    controlled_by(out, &rs.metadata);
    line(
        out,
        "Replicas",
        format!(
            "{} current / {} desired",
            st.replicas,
            spec.replicas.unwrap_or(1)
        ),
    );
    line(
        out,
        "Pods Status",
        format!(
            "{} Running / 0 Waiting / 0 Succeeded / 0 Failed",
            st.ready_replicas.unwrap_or(0)
        ),
    );
    if let Some(t) = &spec.template {
        pod_template(out, t);
    }
}

fn stateful_set(out: &mut String, s: &StatefulSet) {
    let spec = s.spec.clone().unwrap_or_default();
    let st = s.status.clone().unwrap_or_default();
    head(out, &s.metadata);
    line(
        out,
        "CreationTimestamp",
        when(s.metadata.creation_timestamp.as_ref()),
    );
    line(out, "Selector", selector_text(&spec.selector));
    labels_annotations(out, &s.metadata);
    line(
        out,
        "Replicas",
        format!(
            "{} desired | {} total",
            spec.replicas.unwrap_or(1),
            st.replicas
        ),
    );
    line(
        out,
        "Update Strategy",
        spec.update_strategy
            .as_ref()
            .and_then(|u| u.type_.clone())
            .unwrap_or_default(),
    );
    if let Some(p) = spec
        .update_strategy
        .as_ref()
        .and_then(|u| u.rolling_update.as_ref())
        .and_then(|r| r.partition)
    {
        line(out, "  Partition", p);
    }
    line(
        out,
        "Pods Status",
        format!(
            "{} Running / {} Waiting / 0 Succeeded / 0 Failed",
            st.ready_replicas.unwrap_or(0),
            st.replicas - st.ready_replicas.unwrap_or(0)
        ),
    );
    pod_template(out, &spec.template);
    for t in spec.volume_claim_templates.iter().flatten() {
        out.push_str("Volume Claims:\n");
        let _ = writeln!(
            out,
            "  Name:          {}",
            t.metadata.name.clone().unwrap_or_default()
        );
        let size = t
            .spec
            .as_ref()
            .and_then(|s| s.resources.as_ref())
            .and_then(|r| r.requests.as_ref())
            .and_then(|r| r.get("storage"))
            .map(|q| q.0.clone())
            .unwrap_or_default();
        let _ = writeln!(out, "  Capacity:      {size}");
    }
}

fn daemon_set(out: &mut String, d: &DaemonSet) {
    let spec = d.spec.clone().unwrap_or_default();
    let st = d.status.clone().unwrap_or_default();
    head(out, &d.metadata);
    line(out, "Selector", selector_text(&spec.selector));
    map_lines(
        out,
        "Node-Selector",
        spec.template
            .spec
            .as_ref()
            .and_then(|s| s.node_selector.as_ref()),
        "=",
    );
    labels_annotations(out, &d.metadata);
    line(
        out,
        "Desired Number of Nodes Scheduled",
        st.desired_number_scheduled,
    );
    line(
        out,
        "Current Number of Nodes Scheduled",
        st.current_number_scheduled,
    );
    line(
        out,
        "Number of Nodes Scheduled with Up-to-date Pods",
        st.updated_number_scheduled.unwrap_or(0),
    );
    line(
        out,
        "Number of Nodes Scheduled with Available Pods",
        st.number_available.unwrap_or(0),
    );
    line(out, "Number of Nodes Misscheduled", st.number_misscheduled);
    pod_template(out, &spec.template);
}

fn service(out: &mut String, c: &Cluster, s: &Service) {
    let spec = s.spec.clone().unwrap_or_default();
    head(out, &s.metadata);
    labels_annotations(out, &s.metadata);
    let sel: Option<BTreeMap<String, String>> = spec.selector.clone();
    match &sel {
        Some(m) if !m.is_empty() => line(
            out,
            "Selector",
            m.iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(","),
        ),
        _ => line(out, "Selector", "<none>"),
    }
    line(
        out,
        "Type",
        spec.type_.clone().unwrap_or_else(|| "ClusterIP".into()),
    );
    line(
        out,
        "IP Family Policy",
        spec.ip_family_policy
            .clone()
            .unwrap_or_else(|| "SingleStack".into()),
    );
    line(
        out,
        "IP Families",
        spec.ip_families.clone().unwrap_or_default().join(","),
    );
    if let Some(ip) = &spec.cluster_ip {
        line(out, "IP", ip);
        line(out, "IPs", ip);
    }
    if let Some(n) = &spec.external_name {
        line(out, "External Name", n);
    }
    if spec.type_.as_deref() == Some("LoadBalancer") {
        line(out, "LoadBalancer Ingress", "<pending>");
    }
    let ns = s.metadata.namespace.clone().unwrap_or_default();
    let name = s.metadata.name.clone().unwrap_or_default();
    let slices: Vec<&EndpointSlice> = c
        .store
        .endpoint_slices
        .in_namespace(&ns)
        .filter(|e| {
            e.metadata
                .labels
                .as_ref()
                .and_then(|l| l.get("kubernetes.io/service-name"))
                == Some(&name)
        })
        .collect();
    for p in spec.ports.iter().flatten() {
        let pname = p.name.clone().unwrap_or_else(|| "<unset>".into());
        line(
            out,
            "Port",
            format!(
                "{pname}  {}/{}",
                p.port,
                p.protocol.clone().unwrap_or_else(|| "TCP".into())
            ),
        );
        let tp = match &p.target_port {
            Some(IntOrString::Int(n)) => {
                format!("{n}/{}", p.protocol.clone().unwrap_or_else(|| "TCP".into()))
            }
            Some(IntOrString::String(s)) => {
                format!("{s}/{}", p.protocol.clone().unwrap_or_else(|| "TCP".into()))
            }
            None => String::new(),
        };
        line(out, "TargetPort", tp);
        if let Some(np) = p.node_port {
            line(
                out,
                "NodePort",
                format!(
                    "{pname}  {np}/{}",
                    p.protocol.clone().unwrap_or_else(|| "TCP".into())
                ),
            );
        }
        let mut eps: Vec<String> = Vec::new();
        for sl in &slices {
            let port = sl
                .ports
                .iter()
                .flatten()
                .find(|ep| {
                    ep.name.clone().unwrap_or_default() == p.name.clone().unwrap_or_default()
                })
                .and_then(|ep| ep.port);
            if let Some(port) = port {
                for e in &sl.endpoints {
                    if e.conditions.as_ref().and_then(|c| c.ready) == Some(true) {
                        for a in &e.addresses {
                            eps.push(format!("{a}:{port}"));
                        }
                    }
                }
            }
        }
        line(
            out,
            "Endpoints",
            if eps.is_empty() {
                String::new()
            } else {
                eps.join(",")
            },
        );
    }
    line(
        out,
        "Session Affinity",
        spec.session_affinity
            .clone()
            .unwrap_or_else(|| "None".into()),
    );
    if let Some(p) = &spec.external_traffic_policy {
        line(out, "External Traffic Policy", p);
    }
    line(
        out,
        "Internal Traffic Policy",
        spec.internal_traffic_policy
            .clone()
            .unwrap_or_else(|| "Cluster".into()),
    );
}

fn node(out: &mut String, c: &Cluster, n: &Node) {
    let name = n.metadata.name.clone().unwrap_or_default();
    line(out, "Name", &name);
    let roles: Vec<String> = n
        .metadata
        .labels
        .iter()
        .flatten()
        .filter_map(|(k, _)| {
            k.strip_prefix("node-role.kubernetes.io/")
                .map(str::to_string)
        })
        .collect();
    line(
        out,
        "Roles",
        if roles.is_empty() {
            "<none>".to_string()
        } else {
            roles.join(",")
        },
    );
    labels_annotations(out, &n.metadata);
    line(
        out,
        "CreationTimestamp",
        when(n.metadata.creation_timestamp.as_ref()),
    );
    let taints: Vec<String> = n
        .spec
        .as_ref()
        .and_then(|s| s.taints.clone())
        .unwrap_or_default()
        .iter()
        .map(|t| match &t.value {
            Some(v) if !v.is_empty() => format!("{}={v}:{}", t.key, t.effect),
            _ => format!("{}:{}", t.key, t.effect),
        })
        .collect();
    line(
        out,
        "Taints",
        if taints.is_empty() {
            "<none>".to_string()
        } else {
            taints.join("\n                   ")
        },
    );
    line(
        out,
        "Unschedulable",
        n.spec
            .as_ref()
            .and_then(|s| s.unschedulable)
            .unwrap_or(false),
    );
    let st = n.status.clone().unwrap_or_default();
    if let Some(conds) = &st.conditions {
        out.push_str("Conditions:\n");
        let mut rows = vec![
            vec![
                "  Type".to_string(),
                "Status".into(),
                "Reason".into(),
                "Message".into(),
            ],
            vec![
                "  ----".to_string(),
                "------".into(),
                "------".into(),
                "-------".into(),
            ],
        ];
        for cd in conds {
            rows.push(vec![
                format!("  {}", cd.type_),
                cd.status.clone(),
                cd.reason.clone().unwrap_or_default(),
                cd.message.clone().unwrap_or_default(),
            ]);
        }
        out.push_str(&super::columns_padded(&rows, 2));
    }
    out.push_str("Addresses:\n");
    for a in st.addresses.iter().flatten() {
        let _ = writeln!(out, "  {}:  {}", a.type_, a.address);
    }
    for (label, m) in [("Capacity", &st.capacity), ("Allocatable", &st.allocatable)] {
        let _ = writeln!(out, "{label}:");
        for (k, q) in m.iter().flatten() {
            let _ = writeln!(
                out,
                "  {k}:{}{}",
                " ".repeat(20usize.saturating_sub(k.len() + 1)),
                q.0
            );
        }
    }
    // Pods on the node and what they request.
    let pods: Vec<&Pod> = c
        .store
        .pods
        .values()
        .filter(|p| {
            p.spec.as_ref().and_then(|s| s.node_name.as_deref()) == Some(name.as_str())
                && !matches!(crate::sim::pod::phase(p), "Succeeded" | "Failed")
        })
        .collect();
    let _ = writeln!(
        out,
        "Non-terminated Pods:          ({} in total)",
        pods.len()
    );
    let mut rows = vec![
        vec![
            "  Namespace".to_string(),
            "Name".into(),
            "CPU Requests".into(),
            "Memory Requests".into(),
            "Age".into(),
        ],
        vec![
            "  ---------".to_string(),
            "----".into(),
            "------------".into(),
            "---------------".into(),
            "---".into(),
        ],
    ];
    let mut cpu = 0;
    let mut mem = 0;
    for p in &pods {
        let r = crate::sim::usage::requests(p.spec.as_ref().unwrap_or(&Default::default()));
        let pc = r.get("cpu").copied().unwrap_or(0);
        let pm = r.get("memory").copied().unwrap_or(0);
        cpu += pc;
        mem += pm;
        rows.push(vec![
            format!("  {}", p.metadata.namespace.clone().unwrap_or_default()),
            p.metadata.name.clone().unwrap_or_default(),
            quantity::format("cpu", pc),
            quantity::format("memory", pm),
            super::age(p.metadata.creation_timestamp.as_ref(), c.now()),
        ]);
    }
    out.push_str(&super::columns_padded(&rows, 2));
    let alloc = |res: &str| {
        st.allocatable
            .as_ref()
            .and_then(|a| a.get(res))
            .map(|q| quantity::amount(res, q))
            .unwrap_or(0)
            .max(1)
    };
    out.push_str("Allocated resources:\n");
    let _ = writeln!(
        out,
        "  cpu:     {} ({}%)",
        quantity::format("cpu", cpu),
        cpu * 100 / alloc("cpu")
    );
    let _ = writeln!(
        out,
        "  memory:  {} ({}%)",
        quantity::format("memory", mem),
        mem * 100 / alloc("memory")
    );
}

fn endpoint_slice(out: &mut String, s: &EndpointSlice) {
    head(out, &s.metadata);
    labels_annotations(out, &s.metadata);
    line(out, "AddressType", &s.address_type);
    out.push_str("Ports:\n");
    for p in s.ports.iter().flatten() {
        let _ = writeln!(
            out,
            "  Name: {}  Port: {}  Protocol: {}",
            p.name.clone().unwrap_or_else(|| "<unset>".into()),
            p.port
                .map(|p| p.to_string())
                .unwrap_or_else(|| "<unset>".into()),
            p.protocol.clone().unwrap_or_default()
        );
    }
    out.push_str("Endpoints:\n");
    for e in &s.endpoints {
        let cond = e.conditions.clone().unwrap_or_default();
        let _ = writeln!(out, "  - Addresses:  {}", e.addresses.join(","));
        let _ = writeln!(
            out,
            "    Conditions:\n      Ready:    {}\n      Serving:  {}\n      Terminating:  {}",
            cond.ready.unwrap_or(false),
            cond.serving.unwrap_or(false),
            cond.terminating.unwrap_or(false)
        );
        if let Some(h) = &e.hostname {
            let _ = writeln!(out, "    Hostname:   {h}");
        }
        if let Some(r) = &e.target_ref {
            let _ = writeln!(
                out,
                "    TargetRef:  Pod/{}",
                r.name.clone().unwrap_or_default()
            );
        }
        if let Some(n) = &e.node_name {
            let _ = writeln!(out, "    NodeName:   {n}");
        }
    }
}
