//! The API server's validation that kubeplay repeats: names, labels, workload selectors, duplicates.

use super::yaml::{Node, Value};
use super::{Manifest, Object};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::i18n::Say;
use crate::selector::{self, Labels};
use crate::validation::{
    go_quote, is_dns1035_label, is_dns1123_label, is_dns1123_subdomain, is_qualified_name,
    is_valid_label_value,
};

/// metadata.name, metadata.namespace, metadata.labels and annotation keys.
pub fn metadata(o: &Object, diags: &mut Vec<Diagnostic>) {
    let meta = o.node.get("metadata");
    let generate = meta
        .and_then(|m| m.get("generateName"))
        .and_then(Node::as_str)
        .unwrap_or_default();
    if o.name.is_empty() {
        if generate.is_empty() {
            diags.push(
                Diagnostic::error(
                    Code::RequiredValue,
                    o.span_of("metadata.name"),
                    "metadata.name: Required value: name or generateName is required",
                )
                .with_hint(Say::GiveName),
            );
        }
    } else {
        let errs = match o.kind.as_str() {
            "Service" => is_dns1035_label(&o.name),
            "Namespace" => is_dns1123_label(&o.name),
            "Role" | "ClusterRole" | "RoleBinding" | "ClusterRoleBinding" => {
                path_segment_name(&o.name)
            }
            _ if o.typed.is_some() || is_builtin(o) => is_dns1123_subdomain(&o.name),
            _ => Vec::new(),
        };
        if !errs.is_empty() {
            let span = o
                .node
                .at_path("metadata.name")
                .map(|n| n.span)
                .unwrap_or(o.span());
            let d = Diagnostic::error(
                Code::InvalidName,
                span,
                format!(
                    "metadata.name: Invalid value: {}: {}",
                    go_quote(&o.name),
                    errs.join("; ")
                ),
            );
            let lower = o.name.to_ascii_lowercase().replace(['_', ' '], "-");
            diags.push(if lower != o.name {
                d.with_hint(Say::TryName(lower))
            } else {
                d
            });
        }
    }
    if let Some(ns) = meta.and_then(|m| m.get("namespace")).and_then(Node::as_str) {
        let errs = is_dns1123_label(ns);
        if !errs.is_empty() && !ns.is_empty() {
            let span = o
                .node
                .at_path("metadata.namespace")
                .map(|n| n.span)
                .unwrap_or(o.span());
            diags.push(Diagnostic::error(
                Code::InvalidName,
                span,
                format!(
                    "metadata.namespace: Invalid value: {}: {}",
                    go_quote(ns),
                    errs.join("; ")
                ),
            ));
        }
    }
    if let Some(labels) = meta.and_then(|m| m.get("labels")) {
        check_labels(labels, "metadata.labels", diags);
    }
    if let Some(tl) = o
        .node
        .at_path(&template_prefix(o))
        .and_then(|t| t.at_path("metadata.labels"))
    {
        check_labels(
            tl,
            &format!("{}.metadata.labels", template_prefix(o)),
            diags,
        );
    }
    if let Some(Value::Map(entries)) = meta.and_then(|m| m.get("annotations")).map(|a| &a.value) {
        for (k, _) in entries {
            let key = k.as_str().unwrap_or_default();
            let errs = is_qualified_name(&key.to_ascii_lowercase());
            if !errs.is_empty() {
                diags.push(Diagnostic::error(
                    Code::InvalidLabel,
                    k.span,
                    format!(
                        "metadata.annotations: Invalid value: {}: {}",
                        go_quote(key),
                        errs.join("; ")
                    ),
                ));
            }
        }
    }
}

fn is_builtin(o: &Object) -> bool {
    super::kinds::BUILTIN_GROUP_VERSIONS.contains(&o.api_version.as_str())
}

/// RBAC names: anything but `.`, `..`, or names containing `/` or `%`.
fn path_segment_name(name: &str) -> Vec<String> {
    if name == "." || name == ".." {
        return vec![format!("may not be '{name}'")];
    }
    for bad in ["/", "%"] {
        if name.contains(bad) {
            return vec![format!("may not contain '{bad}'")];
        }
    }
    Vec::new()
}

fn template_prefix(o: &Object) -> String {
    match o.kind.as_str() {
        "CronJob" => "spec.jobTemplate.spec.template".into(),
        _ => "spec.template".into(),
    }
}

fn check_labels(labels: &Node, path: &str, diags: &mut Vec<Diagnostic>) {
    let Value::Map(entries) = &labels.value else {
        return;
    };
    for (k, v) in entries {
        let key = k.as_str().unwrap_or_default();
        let kerrs = is_qualified_name(key);
        if !kerrs.is_empty() {
            diags.push(Diagnostic::error(
                Code::InvalidLabel,
                k.span,
                format!(
                    "{path}: Invalid value: {}: {}",
                    go_quote(key),
                    kerrs.join("; ")
                ),
            ));
        }
        if let Some(value) = v.as_str() {
            for m in is_valid_label_value(value) {
                diags.push(Diagnostic::error(
                    Code::InvalidLabel,
                    v.span,
                    format!("{path}: Invalid value: {}: {m}", go_quote(value)),
                ));
            }
        }
    }
}

/// Go's `%#v` of a label map, as field errors print it: `map[string]string{"app":"web"}`.
fn go_map(labels: &Labels) -> String {
    let inner: Vec<String> = labels
        .iter()
        .map(|(k, v)| format!("{}:{}", go_quote(k), go_quote(v)))
        .collect();
    format!("map[string]string{{{}}}", inner.join(", "))
}

/// Workload selectors: required, valid, non-empty, and matching the Pod template's labels.
pub fn workload(o: &Object, diags: &mut Vec<Diagnostic>) {
    let Some(typed) = &o.typed else { return };
    let Some(template) = typed.pod_template() else {
        return;
    };
    let template_labels: Labels = template
        .metadata
        .as_ref()
        .and_then(|m| m.labels.clone())
        .unwrap_or_default();
    let prefix = template_prefix(o);
    let is_job = matches!(o.kind.as_str(), "Job" | "CronJob");
    let written = o
        .node
        .at_path("spec.selector")
        .is_some_and(|n| n.value != Value::Null);
    let Some(ls) = typed.selector().filter(|_| written) else {
        if !is_job && o.kind != "ReplicationController" {
            diags.push(
                Diagnostic::error(
                    Code::RequiredValue,
                    o.span_of("spec"),
                    "spec.selector: Required value",
                )
                .with_hint(Say::SelectorRequired {
                    prefix: prefix.to_string(),
                }),
            );
        }
        return;
    };
    if o.kind == "Job" {
        let manual = match &o.typed {
            Some(super::Typed::Job(j)) => j
                .spec
                .as_ref()
                .and_then(|s| s.manual_selector)
                .unwrap_or(false),
            _ => false,
        };
        if !manual {
            diags.push(
                Diagnostic::error(
                    Code::InvalidSelector,
                    o.span_of("spec.selector"),
                    "spec.selector: Invalid value: `selector` not auto-generated",
                )
                .with_hint(Say::JobSelector),
            );
            return;
        }
    }
    match selector::from_label_selector(ls) {
        Err(errs) => {
            for e in errs {
                let path = if e.path.is_empty() {
                    "spec.selector".to_string()
                } else {
                    format!("spec.selector.{}", e.path)
                };
                diags.push(Diagnostic::error(
                    Code::InvalidSelector,
                    o.span_of(&path),
                    format!("{path}: {}", e.message),
                ));
            }
        }
        Ok(sel) => {
            if sel.is_empty() {
                diags.push(Diagnostic::error(
                    Code::InvalidSelector,
                    o.span_of("spec.selector"),
                    format!(
                        "spec.selector: Invalid value: {{}}: empty selector is invalid for {}",
                        o.kind.to_ascii_lowercase()
                    ),
                ));
            } else if !sel.matches(&template_labels) {
                let path = format!("{prefix}.metadata.labels");
                diags.push(
                    Diagnostic::error(
                        Code::SelectorMismatch,
                        o.span_of(&path),
                        format!("{path}: Invalid value: {}: `selector` does not match template `labels`", go_map(&template_labels)),
                    )
                    .with_hint(Say::SelectorWants {
                        selector: sel.to_string(),
                        labels: selector::format_labels(&template_labels),
                    }),
                );
            }
        }
    }
}

/// A Pod volume of type hostPath: it reaches into the node's own files. Kubernetes accepts it (Pod
/// Security's baseline level forbids it); kubeplay warns, as the storage lessons do.
pub fn host_path(o: &Object, diags: &mut Vec<Diagnostic>) {
    let Some(typed) = &o.typed else { return };
    let (spec, prefix) = match typed {
        super::Typed::Pod(p) => (p.spec.as_ref(), "spec".to_string()),
        _ => (
            typed.pod_template().and_then(|t| t.spec.as_ref()),
            format!("{}.spec", template_prefix(o)),
        ),
    };
    for (i, v) in spec
        .iter()
        .flat_map(|s| s.volumes.iter().flatten())
        .enumerate()
    {
        if let Some(h) = &v.host_path {
            diags.push(Diagnostic::own(
                Severity::Warning,
                Code::HostPath,
                o.span_of(&format!("{prefix}.volumes[{i}].hostPath")),
                Say::HostPathRisk {
                    volume: v.name.clone(),
                    path: h.path.clone(),
                },
            ));
        }
    }
}

/// Two objects of the same kind, namespace and name: the later one wins, as with `kubectl apply`.
/// The API group of an apiVersion (empty for the core group).
fn api_group(api_version: &str) -> &str {
    api_version
        .split_once('/')
        .map(|(g, _)| g)
        .unwrap_or_default()
}

pub fn duplicates(m: &mut Manifest) {
    // (kind, name, namespace, API group) → the first object with them.
    let mut first: std::collections::HashMap<(&str, &str, Option<&str>, &str), usize> =
        std::collections::HashMap::new();
    let mut found = Vec::new();
    for (i, a) in m.objects.iter().enumerate() {
        if a.name.is_empty() {
            continue;
        }
        let key = (
            a.kind.as_str(),
            a.name.as_str(),
            a.namespace.as_deref(),
            api_group(&a.api_version),
        );
        match first.get(&key) {
            Some(&j) => found.push((i, j)),
            None => {
                first.insert(key, i);
            }
        }
    }
    for (i, j) in found {
        let (a, b) = (&m.objects[i], &m.objects[j]);
        let d = Diagnostic::own(
            Severity::Warning,
            Code::DuplicateObject,
            a.span_of("metadata.name"),
            Say::DefinedTwice {
                kind: a.kind.clone(),
                name: a.name.clone(),
                namespace: a.namespace.clone().unwrap_or_default(),
                line: b.span().start.line as usize,
            },
        )
        .with_hint(Say::RenameDuplicate);
        m.diagnostics.push(d);
    }
}

/// Fields the API server requires that the typed decoding fills with defaults instead.
pub fn required(o: &Object, diags: &mut Vec<Diagnostic>) {
    let pod_spec = match o.kind.as_str() {
        "Pod" => Some("spec".to_string()),
        "Deployment"
        | "ReplicaSet"
        | "StatefulSet"
        | "DaemonSet"
        | "Job"
        | "CronJob"
        | "ReplicationController" => Some(format!("{}.spec", template_prefix(o))),
        _ => None,
    };
    let mut missing = |path: String, hint: Option<Say>| {
        let mut d = Diagnostic::error(
            Code::RequiredValue,
            o.span_of(&path),
            format!("{path}: Required value"),
        );
        d.hint = hint;
        diags.push(d);
    };
    if o.kind == "CronJob"
        && o.node
            .at_path("spec.schedule")
            .is_none_or(|n| n.as_str().is_none_or(str::is_empty))
    {
        missing("spec.schedule".into(), Some(Say::Schedule));
    }
    let Some(pod_spec) = pod_spec else { return };
    let containers = format!("{pod_spec}.containers");
    match o.node.at_path(&containers).map(|n| &n.value) {
        Some(Value::Seq(items)) if !items.is_empty() => {
            for (i, c) in items.iter().enumerate() {
                for field in ["name", "image"] {
                    if c.get(field)
                        .is_none_or(|n| n.as_str().is_none_or(str::is_empty))
                    {
                        missing(format!("{containers}[{i}].{field}"), None);
                    }
                }
            }
        }
        _ => missing(containers, Some(Say::Containers)),
    }
}
