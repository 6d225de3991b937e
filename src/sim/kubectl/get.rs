//! `kubectl get`: which objects a command line names, and how each output format prints them
//! (the table printer of k8s.io/cli-runtime's `printers/tableprinter.go` over the columns of
//! `pkg/printers/internalversion/printers.go`; `-o name`, `-o json|yaml` as a v1 List).

use std::collections::BTreeMap;

use serde_json::Value;

use super::resources::{self, Resource};
use super::{Out, Scope};
use crate::sim::print::{columns, events_table, Row};
use crate::sim::registry;
use crate::sim::Cluster;

/// One object a command names: its type, namespace ("" for cluster-scoped ones) and name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub resource: &'static Resource,
    pub ns: String,
    pub name: String,
}

/// What the arguments of `get`, `describe`, `delete` and the like ask for: types with names,
/// or every object of the types in scope that the selector matches.
pub struct Asked {
    pub groups: Vec<(&'static Resource, Vec<String>)>,
}

/// Reads `TYPE[,TYPE...] [NAME...]` or `TYPE/NAME...`; `all` is the `all` category.
pub fn asked(args: &[String], verb: &str) -> Result<Asked, String> {
    if args.is_empty() {
        return Err(format!(
            "You must specify the type of resource to {verb}. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl {verb} -h' for help and examples"
        ));
    }
    let slashed = args.iter().filter(|a| a.contains('/')).count();
    if slashed > 0 {
        if slashed < args.len() {
            return Err("there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'".into());
        }
        let mut groups: Vec<(&'static Resource, Vec<String>)> = Vec::new();
        for a in args {
            let (t, name) = a.split_once('/').unwrap_or((a, ""));
            if name.is_empty() {
                return Err(format!(
                    "arguments in resource/name form must have a single resource and name"
                ));
            }
            let r = find(t)?;
            match groups.iter_mut().find(|(g, _)| *g == r) {
                Some((_, names)) => names.push(name.to_string()),
                None => groups.push((r, vec![name.to_string()])),
            }
        }
        return Ok(Asked { groups });
    }
    let mut types = Vec::new();
    for t in args[0].split(',') {
        if t == "all" {
            for kind in resources::ALL {
                if let Some(r) = resources::of_kind(kind) {
                    if !types.contains(&r) {
                        types.push(r);
                    }
                }
            }
            continue;
        }
        let r = find(t)?;
        if !types.contains(&r) {
            types.push(r);
        }
    }
    let names = args[1..].to_vec();
    Ok(Asked {
        groups: types.into_iter().map(|r| (r, names.clone())).collect(),
    })
}

fn find(word: &str) -> Result<&'static Resource, String> {
    resources::find(word).ok_or_else(|| {
        format!(
            "the server doesn't have a resource type {}",
            crate::validation::go_quote(word)
        )
    })
}

/// The labels of an object.
pub fn labels(c: &Cluster, kind: &str, ns: &str, name: &str) -> BTreeMap<String, String> {
    match c.store.meta_of(kind, ns, name) {
        Some(m) => m.labels.clone().unwrap_or_default(),
        None => c
            .store
            .get_json(kind, ns, name)
            .and_then(|v| v.pointer("/metadata/labels").cloned())
            .and_then(|v| serde_json::from_value(v).ok())
            .unwrap_or_default(),
    }
}

/// Every object of a type in scope whose labels the selector matches, in the API server's order
/// (namespace, then name).
pub fn list(
    c: &Cluster,
    r: &'static Resource,
    scope: &Scope,
    selector: Option<&crate::selector::Selector>,
) -> Vec<Target> {
    let keys: Vec<(String, String)> = match r.kind {
        "Event" => {
            let mut keys: Vec<(String, String)> = c
                .events()
                .iter()
                .map(|e| (e.involved.namespace.clone(), e.name.clone()))
                .collect();
            keys.sort();
            keys
        }
        "Endpoints" => c.store.every_key("Service"),
        kind => c.store.every_key(kind),
    };
    keys.into_iter()
        .filter(|(ns, _)| !r.namespaced || scope.includes(ns))
        .filter(|(ns, name)| {
            selector.is_none_or(|s| {
                let kind = if r.kind == "Endpoints" {
                    "Service"
                } else {
                    r.kind
                };
                s.matches(&labels(c, kind, ns, name))
            })
        })
        .map(|(ns, name)| Target {
            resource: r,
            ns,
            name,
        })
        .collect()
}

/// Whether the object exists.
pub fn exists(c: &Cluster, t: &Target) -> bool {
    match t.resource.kind {
        "Event" => c
            .events()
            .iter()
            .any(|e| e.involved.namespace == t.ns && e.name == t.name),
        "Endpoints" => c.store.uid_of("Service", &t.ns, &t.name).is_some(),
        kind => c.store.uid_of(kind, &t.ns, &t.name).is_some(),
    }
}

/// The API server's NotFound, as kubectl prints it.
pub fn not_found(t: &Target) -> String {
    format!(
        "Error from server (NotFound): {} {} not found",
        t.resource.qualified(),
        crate::validation::go_quote(&t.name)
    )
}

/// The objects `asked` names in scope: (found, each missing one's error).
pub fn resolve(
    c: &Cluster,
    asked: &Asked,
    scope: &Scope,
    selector: Option<&crate::selector::Selector>,
) -> (Vec<Target>, Vec<String>) {
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for (r, names) in &asked.groups {
        if names.is_empty() {
            found.extend(list(c, r, scope, selector));
            continue;
        }
        for name in names {
            let t = Target {
                resource: r,
                ns: if r.namespaced {
                    scope.one().to_string()
                } else {
                    String::new()
                },
                name: name.clone(),
            };
            if exists(c, &t) {
                found.push(t);
            } else {
                missing.push(not_found(&t));
            }
        }
    }
    (found, missing)
}

/// How `get` prints.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Format {
    Table { wide: bool },
    Name,
    Json,
    Yaml,
    CustomColumns(Vec<(String, String)>),
    JsonPath(String),
}

impl Format {
    pub fn parse(o: Option<&str>) -> Result<Format, String> {
        Ok(match o.unwrap_or("") {
            "" => Format::Table { wide: false },
            "wide" => Format::Table { wide: true },
            "name" => Format::Name,
            "json" => Format::Json,
            "yaml" => Format::Yaml,
            o if o.starts_with("custom-columns=") => {
                let spec = &o["custom-columns=".len()..];
                let mut cols = Vec::new();
                for part in spec.split(',') {
                    match part.split_once(':') {
                        Some((h, p)) if !h.is_empty() => cols.push((h.to_string(), p.to_string())),
                        _ => return Err(format!("unexpected custom-columns spec: {part}, expected <header>:<json-path-expr>")),
                    }
                }
                Format::CustomColumns(cols)
            }
            o if o.starts_with("jsonpath=") => Format::JsonPath(o["jsonpath=".len()..].to_string()),
            o => {
                return Err(format!(
                    "unable to match a printer suitable for the output format {}, allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml",
                    crate::validation::go_quote(o)
                ))
            }
        })
    }
}

/// The object's JSON as the API server returns it.
pub fn json(c: &Cluster, t: &Target) -> Option<Value> {
    match t.resource.kind {
        "Event" => c
            .events()
            .iter()
            .find(|e| e.involved.namespace == t.ns && e.name == t.name)
            .map(|e| serde_json::to_value(e.to_object()).unwrap_or(Value::Null)),
        "Endpoints" => Some(endpoints_json(c, &t.ns, &t.name)),
        kind => c.store.get_json(kind, &t.ns, &t.name),
    }
}

/// The Endpoints object the endpoints controller keeps beside a Service, from its
/// EndpointSlices.
fn endpoints_json(c: &Cluster, ns: &str, name: &str) -> Value {
    let (ready, not_ready, ports) = endpoint_addresses(c, ns, name);
    let address = |ip: &String| serde_json::json!({ "ip": ip });
    let mut subset = serde_json::Map::new();
    if !ready.is_empty() {
        subset.insert("addresses".into(), ready.iter().map(address).collect());
    }
    if !not_ready.is_empty() {
        subset.insert(
            "notReadyAddresses".into(),
            not_ready.iter().map(address).collect(),
        );
    }
    subset.insert(
        "ports".into(),
        ports
            .iter()
            .map(|(n, p, proto)| serde_json::json!({"name": n, "port": p, "protocol": proto}))
            .collect(),
    );
    let subsets: Vec<Value> = if ready.is_empty() && not_ready.is_empty() {
        Vec::new()
    } else {
        vec![Value::Object(subset)]
    };
    serde_json::json!({
        "apiVersion": "v1",
        "kind": "Endpoints",
        "metadata": {"name": name, "namespace": ns},
        "subsets": subsets,
    })
}

/// A Service's ready and not-ready addresses and its ports, from its EndpointSlices.
fn endpoint_addresses(
    c: &Cluster,
    ns: &str,
    service: &str,
) -> (Vec<String>, Vec<String>, Vec<(String, i32, String)>) {
    let (mut ready, mut not_ready, mut ports) = (Vec::new(), Vec::new(), Vec::new());
    for s in c.store.endpoint_slices.in_namespace(ns) {
        let owner = s
            .metadata
            .labels
            .as_ref()
            .and_then(|l| l.get("kubernetes.io/service-name"));
        if owner.map(String::as_str) != Some(service) {
            continue;
        }
        for e in &s.endpoints {
            let is_ready = e.conditions.as_ref().and_then(|c| c.ready).unwrap_or(true);
            for a in &e.addresses {
                if is_ready {
                    ready.push(a.clone())
                } else {
                    not_ready.push(a.clone())
                }
            }
        }
        for p in s.ports.iter().flatten() {
            ports.push((
                p.name.clone().unwrap_or_default(),
                p.port.unwrap_or(0),
                p.protocol.clone().unwrap_or_else(|| "TCP".into()),
            ));
        }
    }
    (ready, not_ready, ports)
}

/// A v1 List of items, as kubectl prints several objects in JSON or YAML.
pub fn list_value(items: Vec<Value>) -> Value {
    serde_json::json!({
        "apiVersion": "v1",
        "items": items,
        "kind": "List",
        "metadata": {"resourceVersion": ""},
    })
}

/// The rows of one type's table for these objects (in their order), and its headers.
fn table(
    c: &Cluster,
    r: &'static Resource,
    targets: &[&Target],
    wide: bool,
) -> (Vec<String>, Vec<Row>) {
    let keep = |row: &Row| {
        targets
            .iter()
            .any(|t| t.ns == row.namespace && t.name == row.name)
    };
    let ordered = |rows: Vec<Row>| -> Vec<Row> {
        let mut by_key: BTreeMap<(String, String), Row> = rows
            .into_iter()
            .filter(|r| keep(r))
            .map(|r| ((r.namespace.clone(), r.name.clone()), r))
            .collect();
        targets
            .iter()
            .filter_map(|t| by_key.remove(&(t.ns.clone(), t.name.clone())))
            .collect()
    };
    match r.kind {
        "Event" => {
            // `kubectl get events` sorts by last seen, oldest first; events_table does too.
            let t = events_table(c, true);
            let mut sorted: Vec<&crate::sim::Event> = c.events().iter().collect();
            crate::sort::by_key(&mut sorted, |e| e.last);
            let rows = t
                .rows
                .into_iter()
                .zip(sorted)
                .filter(|(_, e)| {
                    targets
                        .iter()
                        .any(|t| t.ns == e.involved.namespace && t.name == e.name)
                })
                .map(|(row, _)| row)
                .collect();
            (t.headers.iter().map(|h| h.to_string()).collect(), rows)
        }
        "Endpoints" => {
            let rows = targets
                .iter()
                .map(|t| {
                    let (ready, _, ports) = endpoint_addresses(c, &t.ns, &t.name);
                    let mut eps: Vec<String> = Vec::new();
                    for ip in &ready {
                        for (_, p, _) in &ports {
                            eps.push(format!("{ip}:{p}"));
                        }
                    }
                    let shown = if eps.is_empty() {
                        "<none>".to_string()
                    } else if eps.len() > 3 {
                        format!("{} + {} more...", eps[..3].join(","), eps.len() - 3)
                    } else {
                        eps.join(",")
                    };
                    let created = c
                        .store
                        .meta_of("Service", &t.ns, &t.name)
                        .and_then(|m| m.creation_timestamp.clone());
                    Row {
                        kind: "Endpoints".into(),
                        namespace: t.ns.clone(),
                        name: t.name.clone(),
                        cells: vec![
                            t.name.clone(),
                            shown,
                            crate::sim::print::age(created.as_ref(), c.now()),
                        ],
                        tone: crate::sim::print::Tone::Plain,
                    }
                })
                .collect();
            (vec!["NAME".into(), "ENDPOINTS".into(), "AGE".into()], rows)
        }
        kind => match registry::find(kind).filter(|k| k.table.is_some()) {
            Some(k) => {
                let t = (k.table.unwrap_or(|_, _| Default::default()))(c, true);
                let narrow = k.narrow.min(t.headers.len());
                let mut headers: Vec<String> = t.headers.iter().map(|h| h.to_string()).collect();
                let mut rows = ordered(t.rows);
                if wide {
                    headers.extend(k.wide_headers.iter().map(|h| h.to_string()));
                    for row in &mut rows {
                        row.cells.extend((k.wide)(c, &row.namespace, &row.name));
                    }
                } else {
                    headers.truncate(narrow);
                    for row in &mut rows {
                        row.cells.truncate(narrow);
                    }
                }
                (headers, rows)
            }
            None => match crate::sim::print::others(c, true, Some(kind)).remove(kind) {
                Some(t) => (
                    t.headers.iter().map(|h| h.to_string()).collect(),
                    ordered(t.rows),
                ),
                None => (vec!["NAME".into(), "AGE".into()], Vec::new()),
            },
        },
    }
}

/// Prints the objects as `kubectl get` does; `several_types` puts `kind/` before names, as
/// kubectl does when more than one type was asked for.
pub fn print(
    c: &Cluster,
    targets: &[Target],
    format: &Format,
    scope: &Scope,
    several_types: bool,
    show_labels: bool,
    single: bool,
    out: &mut Out,
) {
    match format {
        Format::Name => {
            for t in targets {
                out.line(format!("{}/{}", t.resource.prefix(), t.name));
            }
        }
        Format::Json | Format::Yaml => {
            let mut items: Vec<Value> = targets.iter().filter_map(|t| json(c, t)).collect();
            let v = if single && items.len() == 1 {
                items.remove(0)
            } else {
                list_value(items)
            };
            match format {
                Format::Json => out.text(json_text(&v)),
                _ => out.text(crate::sim::print::to_yaml(&v)),
            }
        }
        Format::CustomColumns(cols) => {
            let mut rows = vec![cols.iter().map(|(h, _)| h.clone()).collect::<Vec<_>>()];
            for t in targets {
                let v = json(c, t).unwrap_or(Value::Null);
                rows.push(
                    cols.iter()
                        .map(|(_, p)| match super::jsonpath::eval_field(&v, p) {
                            Ok(vals) if !vals.is_empty() => vals
                                .iter()
                                .map(super::jsonpath::text)
                                .collect::<Vec<_>>()
                                .join(","),
                            _ => "<none>".into(),
                        })
                        .collect(),
                );
            }
            out.text(columns(&rows));
        }
        Format::JsonPath(template) => {
            let mut items: Vec<Value> = targets.iter().filter_map(|t| json(c, t)).collect();
            let v = if single && items.len() == 1 {
                items.remove(0)
            } else {
                list_value(items)
            };
            match super::jsonpath::render(template, &v) {
                Ok(s) => out.text(s),
                Err(e) => out.fail(format!(
                    "error: error executing jsonpath {}: {e}",
                    crate::validation::go_quote(template)
                )),
            }
        }
        Format::Table { wide } => {
            let tables = tables(c, targets, *wide, scope, several_types, show_labels);
            let texts: Vec<String> = tables
                .iter()
                .map(|t| {
                    let lines: Vec<Vec<String>> = std::iter::once(t.headers.clone())
                        .chain(t.rows.iter().map(|(_, cells)| cells.clone()))
                        .collect();
                    columns(&lines)
                })
                .collect();
            out.text(texts.join("\n"));
        }
    }
}

/// JSON as kubectl prints it: four spaces of indent, a newline at the end.
/// One table of `get`'s output: a type's headers, and each object's cells by its target.
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<(Target, Vec<String>)>,
}

/// The tables `get` prints for `targets` (one per run of the same type), as kubectl lays them out:
/// NAMESPACE first with `-A`, `TYPE/NAME` when several types are asked, LABELS last.
pub fn tables(
    c: &Cluster,
    targets: &[Target],
    wide: bool,
    scope: &Scope,
    several_types: bool,
    show_labels: bool,
) -> Vec<Table> {
    let mut tables = Vec::new();
    let mut i = 0;
    while i < targets.len() {
        let r = targets[i].resource;
        let mut j = i;
        while j < targets.len() && targets[j].resource == r {
            j += 1;
        }
        let group: Vec<&Target> = targets[i..j].iter().collect();
        i = j;
        let (mut headers, rows) = table(c, r, &group, wide);
        if scope.all && r.namespaced {
            headers.insert(0, "NAMESPACE".into());
        }
        if show_labels {
            headers.push("LABELS".into());
        }
        let mut lines = Vec::new();
        for row in rows {
            let mut cells = Vec::new();
            if scope.all && r.namespaced {
                cells.push(row.namespace.clone());
            }
            for (k, cell) in row.cells.iter().enumerate() {
                if k == 0 && several_types {
                    cells.push(format!("{}/{cell}", r.prefix()));
                } else {
                    cells.push(cell.clone());
                }
            }
            if show_labels {
                let kind = if r.kind == "Endpoints" {
                    "Service"
                } else {
                    r.kind
                };
                let l = labels(c, kind, &row.namespace, &row.name);
                cells.push(if l.is_empty() {
                    "<none>".into()
                } else {
                    l.iter()
                        .map(|(k, v)| format!("{k}={v}"))
                        .collect::<Vec<_>>()
                        .join(",")
                });
            }
            let target = Target {
                resource: r,
                ns: row.namespace.clone(),
                name: row.name.clone(),
            };
            lines.push((target, cells));
        }
        tables.push(Table {
            headers,
            rows: lines,
        });
    }
    tables
}

pub fn json_text(v: &Value) -> String {
    use serde::Serialize;
    let mut buf = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(
        &mut buf,
        serde_json::ser::PrettyFormatter::with_indent(b"    "),
    );
    if v.serialize(&mut ser).is_err() {
        return String::new();
    }
    String::from_utf8(buf).unwrap_or_default() + "\n"
}
