//! `kubectl patch`, `replace`, `edit` and `expose`, and the commands that reach past the API
//! server into a node or a process (`exec`, `port-forward`, `top`, `explain`), answered with what
//! they would do: kubectl's `pkg/cmd/patch`, `replace`, `edit` (`pkg/cmd/util/editor`), `expose`
//! (and `pkg/polymorphichelpers/mapbasedselectorforobject.go`, `protocolsforobject.go`,
//! `portsforobject.go`), `portforward`, `exec`, `top`.

use serde_json::{json, Map, Value};

use super::change::{self, Updated};
use super::flags::Parsed;
use super::get::{self, Target};
use super::patch::{self, PatchType};
use super::{Console, Out, Scope};
use crate::sim::Cluster;
use crate::validation::go_quote;

/// The one object a command names (`TYPE NAME` or `TYPE/NAME`).
fn one(c: &Cluster, p: &Parsed, scope: &Scope, verb: &str, out: &mut Out) -> Option<Target> {
    let (_, found) = super::targets(c, p, scope, verb, out)?;
    if found.len() > 1 {
        out.fail(format!("error: only one resource may be given to {verb}"));
        return None;
    }
    found.into_iter().next()
}

/// A patch or an object as kubectl reads it from a flag or a file: JSON, or YAML (yaml.ToJSON).
fn parse_value(text: &str) -> Result<Value, String> {
    if let Ok(v) = serde_json::from_str::<Value>(text) {
        return Ok(v);
    }
    let docs = crate::manifest::yaml::parse_stream(text);
    let Some(doc) = docs
        .into_iter()
        .find(|d| d.root.is_some() || d.error.is_some())
    else {
        return Err("yaml: no document".into());
    };
    if let Some(e) = doc.error {
        return Err(format!("yaml: line {}: {}", e.pos.line, e.message));
    }
    Ok(doc
        .root
        .map(|n| {
            crate::manifest::de::decode::<Value>(&n)
                .0
                .unwrap_or(Value::Null)
        })
        .unwrap_or(Value::Null))
}

/// `kubectl patch (TYPE NAME | TYPE/NAME) -p PATCH [--type strategic|merge|json]`.
pub(crate) fn run_patch(
    console: &mut Console,
    c: &mut Cluster,
    p: &Parsed,
    scope: &Scope,
    _: Option<&str>,
    out: &mut Out,
) {
    let ty = match PatchType::parse(p.get("type").unwrap_or("strategic")) {
        Ok(t) => t,
        Err(e) => return out.fail(format!("error: {e}")),
    };
    let text =
        match (p.get("patch"), p.get("patch-file")) {
            (Some(t), _) => t.to_string(),
            (None, Some(f)) => match console.file(f) {
                Some(t) => t,
                None => {
                    return out.fail(format!(
                        "error: unable to read patch file: open {f}: no such file or directory"
                    ))
                }
            },
            (None, None) => return out.fail(
                "error: must specify --patch or --patch-file containing the contents of the patch"
                    .into(),
            ),
        };
    // A JSON patch is a list: YAML's loader reads documents of maps, so only JSON is read here.
    let value = match ty {
        PatchType::Json => serde_json::from_str::<Value>(&text).map_err(|e| e.to_string()),
        _ => parse_value(&text),
    };
    let value = match value {
        Ok(v) => v,
        Err(e) => return out.fail(format!("error: unable to parse {}: {e}", go_quote(&text))),
    };
    let Some(t) = one(c, p, scope, "patch", out) else {
        return;
    };
    let r = change::update(c, &t, |v| {
        let patched = patch::try_apply(v, &value, ty).map_err(|e| e.kubectl_message())?;
        *v = keep_identity(v, patched);
        Ok(())
    });
    let head = format!("{}/{}", t.resource.prefix(), t.name);
    match r {
        Ok(Updated::Changed) => out.line(format!("{head} patched")),
        Ok(Updated::Unchanged) => out.line(format!("{head} patched (no change)")),
        Err(e) => out.fail(e),
    }
}

/// The patched object with the kind, name and namespace it had: a patch cannot move an object
/// (the API server answers such a patch with a conflict; here it is simply ignored).
fn keep_identity(old: &Value, mut new: Value) -> Value {
    for p in ["apiVersion", "kind"] {
        if let Some(v) = old.get(p) {
            new[p] = v.clone();
        }
    }
    for p in ["name", "namespace", "uid"] {
        if let Some(v) = old.pointer(&format!("/metadata/{p}")) {
            if !new["metadata"].is_object() {
                new["metadata"] = json!({});
            }
            new["metadata"][p] = v.clone();
        }
    }
    new
}

/// `kubectl replace -f FILE`: the object written whole over the one there.
pub(crate) fn run_replace(
    console: &mut Console,
    c: &mut Cluster,
    p: &Parsed,
    scope: &Scope,
    stdin: Option<&str>,
    out: &mut Out,
) {
    let Some(f) = p.get("filename") else {
        return out.fail("error: must specify --filename to replace".into());
    };
    let text = if f == "-" {
        stdin.map(str::to_string)
    } else {
        console.file(f)
    };
    let Some(text) = text else {
        return out.fail(format!("error: the path {} does not exist", go_quote(f)));
    };
    let source = if f == "-" { "STDIN" } else { f };
    replace(c, &text, scope, source, "replaced", out);
}

/// Writes the text's object over the one of its name; `verb` is what kubectl says after.
fn replace(c: &mut Cluster, text: &str, scope: &Scope, source: &str, verb: &str, out: &mut Out) {
    let v = match parse_value(text) {
        Ok(v) if v.is_object() => v,
        Ok(_) => return out.fail(format!("error: no objects passed to {verb}")),
        Err(e) => return out.fail(format!("error: error parsing {source}: {e}")),
    };
    let s = |p: &str| v.pointer(p).and_then(Value::as_str).unwrap_or("");
    let Some(r) = super::resources::of_kind(s("/kind")) else {
        return out.fail(format!(
            "error: resource mapping not found for name: {} from {source:?}: no matches for kind {} in version {}",
            go_quote(s("/metadata/name")),
            go_quote(s("/kind")),
            go_quote(s("/apiVersion"))
        ));
    };
    let t = Target {
        resource: r,
        ns: if r.namespaced {
            match s("/metadata/namespace") {
                "" => scope.ns.clone(),
                ns => ns.to_string(),
            }
        } else {
            String::new()
        },
        name: s("/metadata/name").to_string(),
    };
    if !get::exists(c, &t) {
        return out.fail(format!(
            "Error from server (NotFound): error when replacing {source:?}: {} {} not found",
            r.qualified(),
            go_quote(&t.name)
        ));
    }
    let head = format!("{}/{}", r.prefix(), t.name);
    let r = change::update(c, &t, |old| {
        let mut new = keep_identity(old, v.clone());
        // What the server owns stays: its metadata and the status.
        for f in ["resourceVersion", "creationTimestamp", "generation", "uid"] {
            if let Some(x) = old.pointer(&format!("/metadata/{f}")) {
                new["metadata"][f] = x.clone();
            }
        }
        if let Some(st) = old.get("status") {
            new["status"] = st.clone();
        }
        *old = new;
        Ok(())
    });
    match r {
        Ok(Updated::Unchanged) if verb == "edited" => {
            out.line("Edit cancelled, no changes made.".into())
        }
        Ok(_) => out.line(format!("{head} {verb}")),
        Err(e) => out.fail(e),
    }
}

/// `kubectl edit (TYPE NAME | TYPE/NAME)`: the object as YAML in the page's editor dialog; what
/// the dialog saves comes back as the command's standard input and is written as `replace` would.
pub(crate) fn run_edit(
    console: &mut Console,
    c: &mut Cluster,
    p: &Parsed,
    scope: &Scope,
    stdin: Option<&str>,
    out: &mut Out,
) {
    let Some(t) = one(c, p, scope, "edit", out) else {
        return;
    };
    match stdin {
        Some(text)
            if text
                .lines()
                .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#')) =>
        {
            out.line("Edit cancelled, no changes made.".into())
        }
        Some(text) => replace(c, text, scope, "STDIN", "edited", out),
        None => {
            let Some(v) = get::json(c, &t) else {
                return out.fail(get::not_found(&t));
            };
            let yaml = crate::sim::print::to_yaml(&v);
            let ns = if t.ns.is_empty() {
                String::new()
            } else {
                format!(" -n {}", t.ns)
            };
            console.editing = Some((
                format!("kubectl edit {}/{}{ns}", t.resource.prefix(), t.name),
                format!(
                    "# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit.\n#\n{yaml}"
                ),
            ));
            out.note(format!(
                "Editing {}/{}: save the dialog to apply, or cancel. (Outside the page give the edited object as a here-document: kubectl edit {}/{} <<EOF)",
                t.resource.prefix(),
                t.name,
                t.resource.prefix(),
                t.name
            ));
        }
    }
}

/// The selector `expose` gives the Service: the object's own (mapbasedselectorforobject.go).
fn selector_of(v: &Value, kind: &str) -> Result<Map<String, Value>, String> {
    let map = |p: &str| v.pointer(p).and_then(Value::as_object).cloned();
    match kind {
        "Pod" => map("/metadata/labels")
            .ok_or_else(|| "the pod has no labels and cannot be exposed".to_string()),
        "Service" | "ReplicationController" => map("/spec/selector")
            .ok_or_else(|| format!("the {} has no selector", kind.to_ascii_lowercase())),
        "Deployment" | "ReplicaSet" => {
            if v.pointer("/spec/selector/matchExpressions")
                .and_then(Value::as_array)
                .is_some_and(|e| !e.is_empty())
            {
                return Err(format!(
                    "couldn't convert expressions - \"{}\" to map-based selector format",
                    crate::sim::print::describe::selector_text(
                        &serde_json::from_value(v["spec"]["selector"].clone()).unwrap_or_default()
                    )
                ));
            }
            map("/spec/selector/matchLabels")
                .ok_or_else(|| format!("the {} has no selector", kind.to_ascii_lowercase()))
        }
        other => Err(format!("cannot expose a {other}")),
    }
}

/// The container ports of the object's pod template, in order, with their protocols.
fn ports_of(v: &Value, kind: &str) -> Vec<(i64, String)> {
    let spec = match kind {
        "Pod" => v.get("spec"),
        _ => v.pointer("/spec/template/spec"),
    };
    if kind == "Service" {
        return v
            .pointer("/spec/ports")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|p| {
                Some((
                    p.get("port")?.as_i64()?,
                    p.get("protocol")
                        .and_then(Value::as_str)
                        .unwrap_or("TCP")
                        .to_string(),
                ))
            })
            .collect();
    }
    spec.and_then(|s| s.get("containers"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .flat_map(|ct| {
            ct.get("ports")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
        })
        .filter_map(|p| {
            Some((
                p.get("containerPort")?.as_i64()?,
                p.get("protocol")
                    .and_then(Value::as_str)
                    .unwrap_or("TCP")
                    .to_string(),
            ))
        })
        .collect()
}

/// `kubectl expose (TYPE NAME | TYPE/NAME) [--port=P] [--target-port=T] [--type=T] [--name=N]`.
pub(crate) fn run_expose(
    _: &mut Console,
    c: &mut Cluster,
    p: &Parsed,
    scope: &Scope,
    _: Option<&str>,
    out: &mut Out,
) {
    let Some(t) = one(c, p, scope, "expose", out) else {
        return;
    };
    let Some(v) = get::json(c, &t) else {
        return out.fail(get::not_found(&t));
    };
    let kind = t.resource.kind;
    if !matches!(
        kind,
        "Pod" | "Service" | "ReplicationController" | "Deployment" | "ReplicaSet"
    ) {
        return out.fail(format!(
            "error: cannot expose a {}",
            v.get("kind").and_then(Value::as_str).unwrap_or(kind)
        ));
    }
    let selector = match p.get("selector") {
        Some(s) => {
            let mut m = Map::new();
            for pair in s.split(',') {
                match pair.split_once('=') {
                    Some((k, val)) => {
                        m.insert(k.trim().to_string(), Value::String(val.trim().to_string()));
                    }
                    None => {
                        return out.fail(format!(
                            "error: invalid selector {}: expected key=value",
                            go_quote(s)
                        ))
                    }
                }
            }
            m
        }
        None => match selector_of(&v, kind) {
            Ok(m) => m,
            Err(e) => {
                return out.fail(format!(
                    "error: couldn't retrieve selectors via --selector flag or introspection: {e}"
                ))
            }
        },
    };
    let protocol = p.get("protocol").map(str::to_string);
    let mut ports: Vec<(i64, String)> = match p.get("port") {
        Some(port) => match port.parse::<i64>() {
            Ok(n) => vec![(n, protocol.clone().unwrap_or_else(|| "TCP".into()))],
            Err(_) => {
                return out.fail(format!(
                    "error: invalid argument {} for \"--port\" flag: strconv.ParseInt: parsing {}: invalid syntax",
                    go_quote(port),
                    go_quote(port)
                ))
            }
        },
        None => ports_of(&v, kind),
    };
    if ports.is_empty() {
        return out.fail("error: couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help and examples".into());
    }
    if let Some(pr) = &protocol {
        for p in &mut ports {
            p.1 = pr.clone();
        }
    }
    let name = p.get("name").unwrap_or(&t.name).to_string();
    let several = ports.len() > 1;
    let target: Option<Value> = p.get("target-port").map(|tp| match tp.parse::<i64>() {
        Ok(n) => Value::from(n),
        Err(_) => Value::String(tp.to_string()),
    });
    let list: Vec<Value> = ports
        .iter()
        .enumerate()
        .map(|(i, (port, proto))| {
            let mut sp = json!({"port": port, "protocol": proto});
            sp["targetPort"] = target.clone().unwrap_or(Value::from(*port));
            if several {
                sp["name"] = Value::String(format!("port-{}", i + 1));
            }
            sp
        })
        .collect();
    let mut spec = json!({"ports": list, "selector": selector});
    if let Some(ty) = p.get("type") {
        spec["type"] = Value::String(ty.to_string());
    }
    let labels = v
        .pointer("/metadata/labels")
        .cloned()
        .unwrap_or(Value::Null);
    let mut svc = json!({
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": name, "namespace": t.ns},
        "spec": spec,
    });
    if labels.is_object() {
        svc["metadata"]["labels"] = labels;
    }
    match change::create(c, &svc) {
        Ok(_) => out.line(format!("service/{name} exposed")),
        Err(e) => out.fail(e),
    }
}

/// `kubectl port-forward TYPE/NAME [LOCAL:]REMOTE...`: what kubectl prints, and that nothing
/// reaches the page's cluster from the browser.
pub(crate) fn run_port_forward(
    _: &mut Console,
    c: &mut Cluster,
    p: &Parsed,
    scope: &Scope,
    _: Option<&str>,
    out: &mut Out,
) {
    let Some((target, ports)) = p.args.split_first() else {
        return out.fail("error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples".into());
    };
    if ports.is_empty() {
        return out.fail("error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples".into());
    }
    let mut q = p.clone();
    q.args = if target.contains('/') {
        vec![target.clone()]
    } else {
        vec!["pods".into(), target.clone()]
    };
    let Some(t) = one(c, &q, scope, "port-forward", out) else {
        return;
    };
    let mut lines = Vec::new();
    for spec in ports {
        let (local, remote) = spec.split_once(':').unwrap_or((spec, spec));
        let local = if local.is_empty() { "49152" } else { local };
        match (local.parse::<u16>(), remote.parse::<u16>()) {
            (Ok(l), Ok(r)) if r > 0 => {
                lines.push(format!("Forwarding from 127.0.0.1:{l} -> {r}"));
                lines.push(format!("Forwarding from [::1]:{l} -> {r}"));
            }
            _ => {
                return out.fail(format!(
                "error: Error parsing local port {}: strconv.ParseUint: parsing {}: invalid syntax",
                go_quote(local),
                go_quote(local)
            ))
            }
        }
    }
    for l in lines {
        out.line(l);
    }
    out.note(format!(
        "(kubeplay: {}/{} is simulated; no connection from this browser reaches it, so nothing listens on these ports.)",
        t.resource.prefix(),
        t.name
    ));
}

/// `kubectl exec POD [-c C] -- COMMAND`: the checks kubectl and the kubelet make, then what
/// would run.
pub(crate) fn run_exec(
    _: &mut Console,
    c: &mut Cluster,
    p: &Parsed,
    scope: &Scope,
    _: Option<&str>,
    out: &mut Out,
) {
    let Some(name) = p.args.first() else {
        return out.fail("error: pod, type/name or --filename must be specified".into());
    };
    if p.after_dash.is_empty() {
        return out.fail("error: you must specify at least one command for the container".into());
    }
    let pod = name.strip_prefix("pod/").unwrap_or(name);
    let Some(v) = c.store.get_json("Pod", &scope.ns, pod) else {
        return out.fail(format!(
            "Error from server (NotFound): pods {} not found",
            go_quote(pod)
        ));
    };
    let phase = v
        .pointer("/status/phase")
        .and_then(Value::as_str)
        .unwrap_or("");
    if matches!(phase, "Succeeded" | "Failed") {
        return out.fail(format!(
            "error: cannot exec into a container in a completed pod; current phase is {phase}"
        ));
    }
    let containers: Vec<&str> = v
        .pointer("/spec/containers")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|c| c.get("name").and_then(Value::as_str))
        .collect();
    let container = match p.get("container") {
        Some(ct) if containers.contains(&ct) => ct,
        Some(ct) => {
            return out.fail(format!(
                "Error from server (BadRequest): container {ct} is not valid for pod {pod}"
            ))
        }
        None => containers.first().copied().unwrap_or(""),
    };
    if phase != "Running" {
        return out.fail(format!(
            "error: unable to upgrade connection: container not found ({container:?})"
        ));
    }
    out.fail(format!(
        "kubeplay: `{}` would run in container {container:?} of pod {pod:?}; the simulated container runs no programs, so there is nothing to answer it.",
        p.after_dash.join(" ")
    ));
}

/// `kubectl top pod|node` (pkg/cmd/top): what metrics-server would report, each running
/// container using what it requests (the simulated containers do no work of their own).
pub(crate) fn run_top(
    _: &mut Console,
    c: &mut Cluster,
    p: &Parsed,
    scope: &Scope,
    _: Option<&str>,
    out: &mut Out,
) {
    let Ok(selector) = super::selector_of(p, out) else {
        return;
    };
    let name = p.args.get(1).map(String::as_str);
    match p.args.first().map(String::as_str) {
        Some("pod" | "pods" | "po") => top_pods(c, p, scope, selector.as_ref(), name, out),
        Some("node" | "nodes" | "no") => top_nodes(c, selector.as_ref(), name, out),
        Some(other) => out.fail(format!(
            "error: unknown command {} for \"kubectl top\"",
            go_quote(other)
        )),
        None => out.fail("error: Required resource not specified (top pod or top node)".into()),
    }
}

/// metrics-server's reading of a container: what it requests, in millicores and bytes.
fn container_usage(c: &k8s_openapi::api::core::v1::Container) -> (i64, i64) {
    let requests = c.resources.as_ref().and_then(|r| r.requests.as_ref());
    let get = |k: &str| {
        requests
            .and_then(|r| r.get(k))
            .map_or(0, |q| crate::sim::quantity::amount(k, q))
    };
    (get("cpu"), get("memory"))
}

/// Whether `top` reports the object: the one named, or those the selector matches.
fn named(
    meta: &k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta,
    name: Option<&str>,
    selector: Option<&crate::selector::Selector>,
) -> bool {
    let empty = Default::default();
    let labels = meta.labels.as_ref().unwrap_or(&empty);
    name.is_none_or(|n| meta.name.as_deref() == Some(n))
        && selector.is_none_or(|s| s.matches(labels))
}

/// top.go's cells: `250m`, `64Mi`.
fn cpu_cell(milli: i64) -> String {
    format!("{milli}m")
}

fn memory_cell(bytes: i64) -> String {
    format!("{}Mi", bytes / (1024 * 1024))
}

fn top_pods(
    c: &Cluster,
    p: &Parsed,
    scope: &Scope,
    selector: Option<&crate::selector::Selector>,
    name: Option<&str>,
    out: &mut Out,
) {
    let containers = p.on("containers");
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut head = Vec::new();
    if scope.all {
        head.push("NAMESPACE".to_string());
    }
    if containers {
        head.push("POD".into());
    }
    head.extend(["NAME", "CPU(cores)", "MEMORY(bytes)"].map(String::from));
    rows.push(head);
    let mut any = false;
    for pod in c.store.pods.values() {
        let ns = pod.metadata.namespace.as_deref().unwrap_or_default();
        let pod_name = pod.metadata.name.as_deref().unwrap_or_default();
        if !scope.includes(ns) || !named(&pod.metadata, name, selector) {
            continue;
        }
        any = true;
        // metrics-server reports running Pods only.
        if crate::sim::pod::phase(pod) != "Running" {
            continue;
        }
        let spec = pod
            .spec
            .as_ref()
            .map(|s| s.containers.as_slice())
            .unwrap_or_default();
        let lead = |rows: &mut Vec<String>| {
            if scope.all {
                rows.push(ns.to_string());
            }
        };
        if containers {
            for ct in spec {
                let (cpu, mem) = container_usage(ct);
                let mut row = Vec::new();
                lead(&mut row);
                row.extend([
                    pod_name.to_string(),
                    ct.name.clone(),
                    cpu_cell(cpu),
                    memory_cell(mem),
                ]);
                rows.push(row);
            }
        } else {
            let (cpu, mem) = spec
                .iter()
                .map(container_usage)
                .fold((0, 0), |(a, b), (x, y)| (a + x, b + y));
            let mut row = Vec::new();
            lead(&mut row);
            row.extend([pod_name.to_string(), cpu_cell(cpu), memory_cell(mem)]);
            rows.push(row);
        }
    }
    if let (Some(n), false) = (name, any) {
        return out.fail(format!(
            "Error from server (NotFound): pods {} not found",
            go_quote(n)
        ));
    }
    if rows.len() == 1 {
        return match (any, name) {
            (_, Some(n)) => out.fail(format!(
                "error: Metrics not available for pod {}/{n}",
                scope.one()
            )),
            _ if scope.all => {
                out.fail("error: Metrics not available for pods in any namespace".into())
            }
            (true, None) => out.fail(format!(
                "error: Metrics not available for pods in namespace {}",
                scope.one()
            )),
            (false, None) => out.note(format!("No resources found in {} namespace.", scope.one())),
        };
    }
    out.text(crate::sim::print::columns(&rows));
}

fn top_nodes(
    c: &Cluster,
    selector: Option<&crate::selector::Selector>,
    name: Option<&str>,
    out: &mut Out,
) {
    let mut rows = vec![
        ["NAME", "CPU(cores)", "CPU(%)", "MEMORY(bytes)", "MEMORY(%)"]
            .map(String::from)
            .to_vec(),
    ];
    for node in c.store.nodes.values() {
        let node_name = node.metadata.name.as_deref().unwrap_or_default();
        if !named(&node.metadata, name, selector) {
            continue;
        }
        let (mut cpu, mut mem) = (0, 0);
        for pod in c.store.pods.values() {
            let on = pod.spec.as_ref().and_then(|s| s.node_name.as_deref()) == Some(node_name);
            if on && crate::sim::pod::phase(pod) == "Running" {
                for ct in pod.spec.iter().flat_map(|s| s.containers.iter()) {
                    let (x, y) = container_usage(ct);
                    cpu += x;
                    mem += y;
                }
            }
        }
        let allocatable = node.status.as_ref().and_then(|s| s.allocatable.as_ref());
        let of = |k: &str| {
            allocatable
                .and_then(|a| a.get(k))
                .map_or(0, |q| crate::sim::quantity::amount(k, q))
        };
        // top_node.go: int64(float64(usage) / float64(allocatable) * 100).
        let percent = |used: i64, all: i64| {
            if all > 0 {
                format!("{}%", (used as f64 / all as f64 * 100.0) as i64)
            } else {
                "<unknown>".to_string()
            }
        };
        rows.push(vec![
            node_name.to_string(),
            cpu_cell(cpu),
            percent(cpu, of("cpu")),
            memory_cell(mem),
            percent(mem, of("memory")),
        ]);
    }
    if rows.len() == 1 {
        return match name {
            Some(n) => out.fail(format!(
                "Error from server (NotFound): nodes {} not found",
                go_quote(n)
            )),
            None => out.fail("error: metrics not available yet".into()),
        };
    }
    out.text(crate::sim::print::columns(&rows));
}

/// `kubectl explain`: the schema's descriptions are not in this console yet.
pub(crate) fn run_explain(
    _: &mut Console,
    _: &mut Cluster,
    p: &Parsed,
    _: &Scope,
    _: Option<&str>,
    out: &mut Out,
) {
    let Some(what) = p.args.first() else {
        return out.fail("error: You must specify the type of resource to explain. Use \"kubectl api-resources\" for a complete list of supported resources.".into());
    };
    let kind = what.split('.').next().unwrap_or("");
    match super::resources::find(kind) {
        Some(r) => out.fail(format!(
            "error: the OpenAPI schema `explain` reads is not loaded in this console; the fields of {} are those of {} in the Kubernetes 1.33 API reference",
            r.kind, r.kind
        )),
        None => out.fail(format!(
            "error: the server doesn't have a resource type {}",
            go_quote(kind)
        )),
    }
}

#[cfg(test)]
mod tests;
