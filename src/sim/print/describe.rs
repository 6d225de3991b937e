//! `kubectl describe` (pkg/describe/describe.go) for the kinds the simulator runs, and a short
//! generic form for the rest. Every form ends with the object's events.

use std::collections::BTreeMap;
use std::fmt::Write;

use k8s_openapi::api::core::v1::{Container, ContainerStatus};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, Time};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use serde_json::Value;

use crate::sim::store::controller_of;
use crate::sim::time::human_duration;
use crate::sim::{registry, Cluster};

/// `Thu, 01 Jan 2026 00:00:00 +0000`, kubectl describe's time format (RFC 1123 with a numeric zone).
pub(crate) fn when(t: Option<&Time>) -> String {
    match t {
        Some(t) => crate::sim::time::rfc1123z(t),
        None => "<unset>".into(),
    }
}

pub(crate) fn map_lines(
    out: &mut String,
    label: &str,
    m: Option<&BTreeMap<String, String>>,
    sep: &str,
) {
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

pub(crate) fn line(out: &mut String, label: &str, value: impl std::fmt::Display) {
    line_in(out, 18, label, value);
}

/// A `label: value` line whose value starts at column `width` (kubectl's tabwriter pads each
/// block to its longest label plus two).
pub(crate) fn line_in(out: &mut String, width: usize, label: &str, value: impl std::fmt::Display) {
    let pad = width.saturating_sub(label.len() + 1).max(1);
    let _ = writeln!(out, "{label}:{}{value}", " ".repeat(pad));
}

pub(crate) fn head(out: &mut String, m: &ObjectMeta) {
    line(out, "Name", m.name.clone().unwrap_or_default());
    if let Some(ns) = &m.namespace {
        line(out, "Namespace", ns);
    }
}

pub(crate) fn labels_annotations(out: &mut String, m: &ObjectMeta) {
    map_lines(out, "Labels", m.labels.as_ref(), "=");
    // describe.go's skipAnnotations: the last-applied configuration is not printed.
    let mut shown = m.annotations.clone();
    if let Some(a) = shown.as_mut() {
        a.remove(crate::sim::apply::LAST_APPLIED);
    }
    map_lines(out, "Annotations", shown.as_ref(), ": ");
}

/// The Events section: `Type Reason Age From Message`.
fn events(out: &mut String, c: &Cluster, kind: &str, ns: &str, name: &str) {
    let now = c.now();
    let mut list: Vec<_> = c.events.about(kind, ns, name).collect();
    crate::sort::by_key(&mut list, |e| e.first);
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
    match registry::find(kind) {
        Some(k) => (k.describe)(&mut out, c, kind, ns, name)?,
        None => registry::json::describe(&mut out, c, kind, ns, name)?,
    }
    events(&mut out, c, kind, ns, name);
    Some(out)
}

/// The short form for kinds without a describer of their own: name, labels, then the object's
/// spec, data and status as JSON.
pub(crate) fn describe_generic(out: &mut String, v: &Value) {
    let m: ObjectMeta = crate::sim::store::meta_of(v);
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

pub(crate) fn controlled_by(out: &mut String, m: &ObjectMeta) {
    if let Some(r) = controller_of(m) {
        line(out, "Controlled By", format!("{}/{}", r.kind, r.name));
    }
}

pub(crate) fn container_block(out: &mut String, ct: &Container, cs: Option<&ContainerStatus>) {
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

pub(crate) fn selector_text(
    s: &k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector,
) -> String {
    crate::selector::from_label_selector(s)
        .map(|s| s.to_string())
        .unwrap_or_default()
}

pub(crate) fn pod_template(out: &mut String, t: &k8s_openapi::api::core::v1::PodTemplateSpec) {
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

/// A block of `label: value` lines written with [`line`], re-padded as kubectl's tabwriter pads
/// one block: every value at the longest label's colon plus two. Continuation lines (a map's
/// further entries) move with their values.
pub(crate) fn realign(block: &str) -> String {
    let mut rows: Vec<(Option<&str>, &str)> = Vec::new();
    for l in block.lines() {
        match l.split_once(':') {
            Some((label, value)) if !l.starts_with(' ') => {
                rows.push((Some(label), value.trim_start()));
            }
            _ => rows.push((None, l.trim_start())),
        }
    }
    let width = rows
        .iter()
        .filter_map(|(l, _)| l.map(str::len))
        .max()
        .unwrap_or(0)
        + 3;
    let mut out = String::with_capacity(block.len());
    for (label, value) in rows {
        match label {
            Some(label) => line_in(&mut out, width, label, value),
            None => {
                let _ = writeln!(out, "{}{value}", " ".repeat(width));
            }
        }
    }
    out
}
