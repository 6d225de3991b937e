//! The commands that write to the cluster: `delete`, `scale`, `label`, `annotate`, `cordon`,
//! `uncordon`, `apply -f`. Each change goes through the API server's path for its kind — the
//! same admission, defaults and refusals as an apply — so the controllers see it as they would
//! see a `kubectl` request, and the editor's text is left as it was.

use serde_json::Value;

use super::get::{self, Target};
use super::Out;
use crate::manifest::{Limits, Manifest};
use crate::sim::apply::ApplyOutcome;
use crate::sim::Cluster;
use crate::validation::go_quote;

/// What an update did.
pub enum Updated {
    Changed,
    Unchanged,
}

/// Writes the object back after `edit` changed its JSON, as a PUT through its kind's strategy:
/// the API server's error when it refuses.
pub fn update(
    c: &mut Cluster,
    t: &Target,
    edit: impl FnOnce(&mut Value) -> Result<(), String>,
) -> Result<Updated, String> {
    let Some(mut v) = get::json(c, t) else {
        return Err(get::not_found(t));
    };
    let before = v.clone();
    edit(&mut v)?;
    if v == before {
        return Ok(Updated::Unchanged);
    }
    let manifest =
        crate::manifest::load_within(&serde_json::to_string(&v).unwrap_or_default(), Limits::PAGE);
    write(c, &manifest)?;
    Ok(Updated::Changed)
}

/// Sends the manifest's first object through the API server; its error when refused.
fn write(c: &mut Cluster, manifest: &Manifest) -> Result<ApplyOutcome, String> {
    if let Some(d) = manifest
        .diagnostics
        .iter()
        .find(|d| d.severity == crate::diagnostic::Severity::Error)
    {
        let obj = manifest.objects.first();
        return Err(format!(
            "The {} {} is invalid: {}",
            obj.map(|o| o.kind.as_str()).unwrap_or("object"),
            go_quote(obj.map(|o| o.name.as_str()).unwrap_or("")),
            d.message
        ));
    }
    let Some(obj) = manifest.objects.first() else {
        return Err("error: no objects passed to apply".into());
    };
    let ns = obj.namespace.clone().unwrap_or_default();
    let outcome = c.apply_one(obj, &ns, false).map_err(|e| server_error(&e))?;
    c.settle();
    Ok(outcome)
}

/// `kubectl apply -f`: each object created or configured, not pruned by the editor's applies.
pub fn apply(c: &mut Cluster, text: &str, default_ns: &str, out: &mut Out) {
    let manifest = crate::manifest::load_within(text, Limits::PAGE);
    if manifest.objects.is_empty() {
        match manifest
            .diagnostics
            .iter()
            .find(|d| d.severity == crate::diagnostic::Severity::Error)
        {
            Some(d) => out.fail(format!("error: error parsing STDIN: {}", d.message)),
            None => out.fail("error: no objects passed to apply".into()),
        }
        return;
    }
    let errors: Vec<&crate::Diagnostic> = manifest
        .diagnostics
        .iter()
        .filter(|d| d.severity == crate::diagnostic::Severity::Error)
        .collect();
    for obj in &manifest.objects {
        let resource = crate::sim::resource_name(&obj.api_version, &obj.kind, &obj.name);
        let own_error = errors.iter().find(|d| {
            d.span.start.line >= obj.node.span.start.line
                && d.span.start.line <= obj.node.span.end.line
        });
        if let Some(d) = own_error {
            out.fail(format!(
                "error: error validating \"STDIN\": {}: {}",
                resource, d.message
            ));
            continue;
        }
        let mut obj = obj.clone();
        let written_ns = obj.namespace.is_some();
        let namespaced = crate::manifest::kinds::is_namespaced(&obj.api_version, &obj.kind);
        // The manifest reader defaults the namespace to `default`; `-n` moves what names none.
        if namespaced && !text_names_namespace(&obj) {
            obj.namespace = Some(default_ns.to_string());
        }
        let _ = written_ns;
        let ns = obj.namespace.clone().unwrap_or_default();
        if super::apply3::missing_annotation(c, &obj, &ns) {
            // apply.go warningNoLastAppliedConfigAnnotation.
            out.note(format!("Warning: resource {} is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.", format!("{}/{}", super::resources::of_kind(&obj.kind).map_or("", |r| r.name), obj.name)));
        }
        match c.apply_one(&obj, &ns, true) {
            Ok(ApplyOutcome::Created) => out.line(format!("{resource} created")),
            Ok(ApplyOutcome::Unchanged) => out.line(format!("{resource} unchanged")),
            Ok(ApplyOutcome::Skipped) => {
                out.fail(format!("error: {resource}: the object has errors"))
            }
            Ok(_) => out.line(format!("{resource} configured")),
            Err(e) => out.fail(server_error(&e)),
        }
        c.settle();
    }
}

/// Whether the object's own text gives `metadata.namespace`.
fn text_names_namespace(obj: &crate::manifest::Object) -> bool {
    obj.node
        .get("metadata")
        .and_then(|m| m.get("namespace"))
        .is_some()
}

/// `kubectl delete`: `pod "web-0" deleted` for each, as kubectl prints it.
pub fn delete(c: &mut Cluster, targets: &[Target], grace: Option<i64>, out: &mut Out) {
    for t in targets {
        let gone = match (t.resource.kind, grace) {
            ("Pod", Some(g)) => crate::sim::controllers::delete_pod(c, &t.ns, &t.name, Some(g)),
            (kind, _) => c.delete(kind, &t.ns, &t.name),
        };
        c.settle();
        if gone {
            let how = if grace == Some(0) {
                "force deleted"
            } else {
                "deleted"
            };
            out.line(format!("{} \"{}\" {how}", kind_string(t), t.name));
        } else {
            out.fail(get::not_found(t));
        }
    }
}

/// `pod`, `deployment.apps`: the lowercased kind and its group, as delete prints them.
fn kind_string(t: &Target) -> String {
    let kind = t.resource.kind.to_ascii_lowercase();
    if t.resource.group.is_empty() {
        kind
    } else {
        format!("{kind}.{}", t.resource.group)
    }
}

/// `kubectl scale`: `deployment.apps/web scaled`.
pub fn scale(
    c: &mut Cluster,
    targets: &[Target],
    replicas: i64,
    current: Option<i64>,
    out: &mut Out,
) {
    for t in targets {
        if !matches!(
            t.resource.kind,
            "Deployment" | "ReplicaSet" | "StatefulSet" | "ReplicationController"
        ) {
            out.fail(format!(
                "error: no scaler has been implemented for {{{} {}}}",
                go_quote(t.resource.group),
                go_quote(t.resource.kind)
            ));
            continue;
        }
        let r = update(c, t, |v| {
            let have = v
                .pointer("/spec/replicas")
                .and_then(Value::as_i64)
                .unwrap_or(1);
            if let Some(want) = current {
                if have != want {
                    return Err(format!("error: Expected replicas to be {want}, was {have}"));
                }
            }
            if let Some(spec) = v.get_mut("spec").and_then(Value::as_object_mut) {
                spec.insert("replicas".into(), Value::from(replicas));
            }
            Ok(())
        });
        match r {
            Ok(_) => out.line(format!("{}/{} scaled", t.resource.prefix(), t.name)),
            Err(e) => out.fail(e),
        }
    }
}

/// One `key=value` or `key-` of `label` and `annotate`.
pub enum Edit {
    Set(String, String),
    Remove(String),
}

/// Reads `key=value` and `key-` words; the first word that is neither ends the list.
pub fn edits(words: &[String]) -> Vec<Edit> {
    words
        .iter()
        .filter_map(|w| {
            if let Some((k, v)) = w.split_once('=') {
                Some(Edit::Set(k.to_string(), v.to_string()))
            } else {
                w.strip_suffix('-').map(|k| Edit::Remove(k.to_string()))
            }
        })
        .collect()
}

/// `kubectl label` (`field` "labels") and `kubectl annotate` ("annotations").
pub fn set_metadata(
    c: &mut Cluster,
    targets: &[Target],
    field: &str,
    edits: &[Edit],
    overwrite: bool,
    out: &mut Out,
) {
    let labels = field == "labels";
    for t in targets {
        let mut notes = Vec::new();
        let mut conflicts = Vec::new();
        let mut shrank = false;
        let r = update(c, t, |v| {
            let Some(meta) = v.get_mut("metadata").and_then(Value::as_object_mut) else {
                return Ok(());
            };
            let map = meta
                .entry(field.to_string())
                .or_insert_with(|| Value::Object(Default::default()));
            let Some(map) = map.as_object_mut() else {
                return Ok(());
            };
            for e in edits {
                match e {
                    Edit::Set(k, val) => {
                        if let Some(old) = map.get(k).and_then(Value::as_str) {
                            if old != val && !overwrite {
                                conflicts.push(format!("'{k}' already has a value ({old})"));
                            }
                        }
                        map.insert(k.clone(), Value::String(val.clone()));
                    }
                    Edit::Remove(k) => {
                        if map.remove(k).is_some() {
                            shrank = true;
                        } else if labels {
                            notes.push(format!("label {} not found.", go_quote(k)));
                        }
                    }
                }
            }
            if !conflicts.is_empty() {
                return Err(if labels {
                    conflicts
                        .iter()
                        .map(|c| format!("error: {c}, and --overwrite is false"))
                        .collect::<Vec<_>>()
                        .join("\n")
                } else {
                    format!(
                        "error: --overwrite is false but found the following declared annotation(s): {}",
                        conflicts.join("; ")
                    )
                });
            }
            if map.is_empty() {
                meta.remove(field);
            }
            Ok(())
        });
        for n in notes {
            out.line(n);
        }
        // label.go's updateDataChangeMsg; annotate says `annotated` whatever changed.
        let verb = match (&r, labels) {
            (_, false) => "annotated",
            (Ok(Updated::Unchanged), true) => "not labeled",
            (Ok(Updated::Changed), true) if shrank && !overwrite => "unlabeled",
            _ => "labeled",
        };
        match r {
            Ok(_) => out.line(format!("{}/{} {verb}", t.resource.prefix(), t.name)),
            Err(e) => out.fail(e),
        }
    }
}

/// `kubectl cordon` and `uncordon`.
pub fn cordon(c: &mut Cluster, targets: &[Target], on: bool, out: &mut Out) {
    let (done, already) = if on {
        ("cordoned", "already cordoned")
    } else {
        ("uncordoned", "already uncordoned")
    };
    for t in targets {
        let r = update(c, t, |v| {
            let spec = v.as_object_mut().map(|o| {
                o.entry("spec")
                    .or_insert_with(|| Value::Object(Default::default()))
            });
            if let Some(spec) = spec.and_then(Value::as_object_mut) {
                if on {
                    spec.insert("unschedulable".into(), Value::Bool(true));
                } else {
                    spec.remove("unschedulable");
                }
            }
            Ok(())
        });
        match r {
            Ok(Updated::Changed) => out.line(format!("node/{} {done}", t.name)),
            Ok(Updated::Unchanged) => out.line(format!("node/{} {already}", t.name)),
            Err(e) => out.fail(e),
        }
    }
}

/// The API server's refusal as kubectl prints it.
fn server_error(e: &crate::sim::StatusError) -> String {
    format!("Error from server ({}): {}", e.reason.as_str(), e.message)
}

/// `kubectl create`: a POST, never an update. The namespace must exist and the name must be free
/// (AlreadyExists otherwise, as the API server answers); then the object goes the apply path.
pub(crate) fn create(c: &mut Cluster, v: &Value) -> Result<ApplyOutcome, String> {
    let text = |p: &str| v.pointer(p).and_then(Value::as_str).unwrap_or_default();
    let (api_version, kind, name) = (text("/apiVersion"), text("/kind"), text("/metadata/name"));
    let namespaced = crate::manifest::kinds::is_namespaced(api_version, kind);
    let ns = if namespaced {
        text("/metadata/namespace")
    } else {
        ""
    };
    if namespaced && c.store.uid_of("Namespace", "", ns).is_none() {
        return Err(format!(
            "Error from server (NotFound): namespaces {} not found",
            go_quote(ns)
        ));
    }
    if c.store.uid_of(kind, ns, name).is_some() {
        let resource = super::resources::of_kind(kind).map(|r| r.qualified());
        return Err(format!(
            "Error from server (AlreadyExists): {} {} already exists",
            resource.unwrap_or_else(|| kind.to_ascii_lowercase()),
            go_quote(name)
        ));
    }
    let json = serde_json::to_string(v).unwrap_or_default();
    write(c, &crate::manifest::load_within(&json, Limits::PAGE))
}
