//! API versions Kubernetes has removed: a warning naming the replacement and the release that removed
//! it, and a conversion so the object still loads (source: the Kubernetes deprecated API migration guide).

use super::yaml::{Node, Span, Value};

/// (old apiVersion, kind, new apiVersion, removed in).
const REMOVED: &[(&str, &str, &str, &str)] = &[
    ("extensions/v1beta1", "Deployment", "apps/v1", "v1.16"),
    ("extensions/v1beta1", "DaemonSet", "apps/v1", "v1.16"),
    ("extensions/v1beta1", "ReplicaSet", "apps/v1", "v1.16"),
    (
        "extensions/v1beta1",
        "NetworkPolicy",
        "networking.k8s.io/v1",
        "v1.16",
    ),
    (
        "extensions/v1beta1",
        "Ingress",
        "networking.k8s.io/v1",
        "v1.22",
    ),
    ("apps/v1beta1", "Deployment", "apps/v1", "v1.16"),
    ("apps/v1beta1", "StatefulSet", "apps/v1", "v1.16"),
    ("apps/v1beta1", "ReplicaSet", "apps/v1", "v1.16"),
    ("apps/v1beta2", "Deployment", "apps/v1", "v1.16"),
    ("apps/v1beta2", "StatefulSet", "apps/v1", "v1.16"),
    ("apps/v1beta2", "DaemonSet", "apps/v1", "v1.16"),
    ("apps/v1beta2", "ReplicaSet", "apps/v1", "v1.16"),
    ("batch/v1beta1", "CronJob", "batch/v1", "v1.25"),
    ("batch/v2alpha1", "CronJob", "batch/v1", "v1.21"),
    (
        "networking.k8s.io/v1beta1",
        "Ingress",
        "networking.k8s.io/v1",
        "v1.22",
    ),
    (
        "rbac.authorization.k8s.io/v1beta1",
        "Role",
        "rbac.authorization.k8s.io/v1",
        "v1.22",
    ),
    (
        "rbac.authorization.k8s.io/v1beta1",
        "ClusterRole",
        "rbac.authorization.k8s.io/v1",
        "v1.22",
    ),
    (
        "rbac.authorization.k8s.io/v1beta1",
        "RoleBinding",
        "rbac.authorization.k8s.io/v1",
        "v1.22",
    ),
    (
        "rbac.authorization.k8s.io/v1beta1",
        "ClusterRoleBinding",
        "rbac.authorization.k8s.io/v1",
        "v1.22",
    ),
    (
        "storage.k8s.io/v1beta1",
        "StorageClass",
        "storage.k8s.io/v1",
        "v1.22",
    ),
    (
        "policy/v1beta1",
        "PodDisruptionBudget",
        "policy/v1",
        "v1.25",
    ),
    (
        "autoscaling/v2beta1",
        "HorizontalPodAutoscaler",
        "autoscaling/v2",
        "v1.25",
    ),
    (
        "autoscaling/v2beta2",
        "HorizontalPodAutoscaler",
        "autoscaling/v2",
        "v1.26",
    ),
];

/// The replacement apiVersion and removal release of a removed API, if it is one.
pub fn lookup(api_version: &str, kind: &str) -> Option<(&'static str, &'static str)> {
    REMOVED
        .iter()
        .find(|(gv, k, _, _)| *gv == api_version && *k == kind)
        .map(|(_, _, new, rel)| (*new, *rel))
}

fn s(text: &str, span: Span) -> Node {
    Node::new(Value::Str(text.to_string()), span)
}

fn map(entries: Vec<(Node, Node)>, span: Span) -> Node {
    Node::new(Value::Map(entries), span)
}

fn set(node: &mut Node, key: &str, value: Node) {
    if let Value::Map(entries) = &mut node.value {
        match entries.iter_mut().find(|(k, _)| k.as_str() == Some(key)) {
            Some((_, v)) => *v = value,
            None => entries.push((s(key, value.span), value)),
        }
    }
}

fn remove(node: &mut Node, key: &str) -> Option<(Node, Node)> {
    if let Value::Map(entries) = &mut node.value {
        let i = entries.iter().position(|(k, _)| k.as_str() == Some(key))?;
        return Some(entries.remove(i));
    }
    None
}

fn rename(node: &mut Node, from: &str, to: &str) {
    if let Value::Map(entries) = &mut node.value {
        for (k, _) in entries.iter_mut() {
            if k.as_str() == Some(from) {
                k.value = Value::Str(to.to_string());
            }
        }
    }
}

/// `{serviceName, servicePort}` → `{service: {name, port: {number|name}}}`.
fn convert_backend(b: &mut Node) {
    let name = remove(b, "serviceName");
    let port = remove(b, "servicePort");
    if name.is_none() && port.is_none() {
        return;
    }
    let span = name
        .as_ref()
        .or(port.as_ref())
        .map(|(k, _)| k.span)
        .unwrap_or_default();
    let mut service = Vec::new();
    if let Some((k, v)) = name {
        service.push((s("name", k.span), v));
    }
    if let Some((k, v)) = port {
        let key = if matches!(v.value, Value::Int(_)) {
            "number"
        } else {
            "name"
        };
        service.push((s("port", k.span), map(vec![(s(key, v.span), v)], k.span)));
    }
    set(b, "service", map(service, span));
}

/// Rewrites an object of a removed API into its replacement's shape, in place.
pub fn convert(root: &mut Node, kind: &str, old: &str, new: &str) {
    if let Some(v) = root.get("apiVersion") {
        let span = v.span;
        set(root, "apiVersion", s(new, span));
    }
    let Value::Map(entries) = &mut root.value else {
        return;
    };
    let Some((_, spec)) = entries.iter_mut().find(|(k, _)| k.as_str() == Some("spec")) else {
        return;
    };
    match kind {
        "Ingress" => {
            rename(spec, "backend", "defaultBackend");
            if let Value::Map(es) = &mut spec.value {
                for (k, v) in es.iter_mut() {
                    if k.as_str() == Some("defaultBackend") {
                        convert_backend(v);
                    }
                }
            }
            if let Value::Map(es) = &mut spec.value {
                for (_, rules) in es.iter_mut().filter(|(k, _)| k.as_str() == Some("rules")) {
                    let Value::Seq(rules) = &mut rules.value else {
                        continue;
                    };
                    for rule in rules {
                        let Value::Map(re) = &mut rule.value else {
                            continue;
                        };
                        for (_, http) in re.iter_mut().filter(|(k, _)| k.as_str() == Some("http")) {
                            let Value::Map(he) = &mut http.value else {
                                continue;
                            };
                            for (_, paths) in
                                he.iter_mut().filter(|(k, _)| k.as_str() == Some("paths"))
                            {
                                let Value::Seq(paths) = &mut paths.value else {
                                    continue;
                                };
                                for p in paths {
                                    if p.get("pathType").is_none() {
                                        let span = p.span;
                                        set(p, "pathType", s("ImplementationSpecific", span));
                                    }
                                    if let Value::Map(pe) = &mut p.value {
                                        for (k, b) in pe.iter_mut() {
                                            if k.as_str() == Some("backend") {
                                                convert_backend(b);
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        "Deployment" | "DaemonSet" | "ReplicaSet" | "StatefulSet" => {
            remove(spec, "rollbackTo");
            remove(spec, "templateGeneration");
            // The beta APIs defaulted the selector to the template's labels; apps/v1 requires it.
            if old != "apps/v1beta2" && spec.get("selector").is_none() {
                if let Some(labels) = spec.at_path("template.metadata.labels").cloned() {
                    let span = labels.span;
                    set(
                        spec,
                        "selector",
                        map(vec![(s("matchLabels", span), labels)], span),
                    );
                }
            }
        }
        _ => {}
    }
}
