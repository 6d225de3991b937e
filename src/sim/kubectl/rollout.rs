//! `kubectl rollout status|history|undo|restart|pause|resume` and `kubectl set image`, as
//! kubectl's `pkg/cmd/rollout` and `pkg/polymorphichelpers` (rollout_status.go, history.go,
//! rollback.go, objectrestarter.go, objectpauser.go, objectresumer.go) and `pkg/cmd/set/set_image.go`
//! do them: each reads the object, changes its JSON and writes it back through the API server.

use serde_json::{json, Map, Value};

use super::change::{self, Updated};
use super::flags::Parsed;
use super::follow::Follow;
use super::get::{self, Target};
use super::{Console, Out, Scope};
use crate::sim::controllers::deployment::{HASH_LABEL, REVISION};
use crate::sim::Cluster;
use crate::validation::go_quote;

/// The annotations a rollback keeps from the Deployment instead of taking the ReplicaSet's
/// (rollback.go `annotationsToSkip`).
const SKIPPED: &[&str] = &[
    "kubectl.kubernetes.io/last-applied-configuration",
    REVISION,
    "deployment.kubernetes.io/revision-history",
    "deployment.kubernetes.io/desired-replicas",
    "deployment.kubernetes.io/max-replicas",
    "deprecated.deployment.rollback.to",
];

const CHANGE_CAUSE: &str = "kubernetes.io/change-cause";

/// The subcommands of `rollout`.
pub const SUBCOMMANDS: &[&str] = &["history", "pause", "restart", "resume", "status", "undo"];

pub(crate) fn run(
    console: &mut Console,
    c: &mut Cluster,
    p: &Parsed,
    scope: &Scope,
    _: Option<&str>,
    out: &mut Out,
) {
    let Some((sub, rest)) = p.args.split_first() else {
        return out.fail("error: Required resource not specified.\nSee 'kubectl rollout -h' for help and examples".into());
    };
    if !SUBCOMMANDS.contains(&sub.as_str()) {
        return out.fail(format!(
            "error: unknown command {} for \"kubectl rollout\"",
            go_quote(sub)
        ));
    }
    if rest.is_empty() {
        return out.fail(format!("error: required resource not specified\nSee 'kubectl rollout {sub} -h' for help and examples"));
    }
    let mut q = p.clone();
    q.args = rest.to_vec();
    let Some((_, found)) = super::targets(c, &q, scope, "rollout", out) else {
        return;
    };
    for t in &found {
        match sub.as_str() {
            "status" => status(console, c, t, p, out),
            "history" => history(c, t, p, out),
            "undo" => undo(c, t, p, out),
            "restart" => restart(c, t, out),
            "pause" => pause(c, t, true, out),
            _ => pause(c, t, false, out),
        }
    }
}

/// `kubectl rollout status`, waiting (as the clock runs) unless `--watch=false`.
pub(crate) struct Status {
    target: Target,
    said: String,
}

impl Status {
    /// Prints the status when it changed; false once the rollout is done or failed.
    pub fn poll(&mut self, c: &mut Cluster, out: &mut Out) -> bool {
        match status_of(c, &self.target) {
            Ok((said, done)) => {
                if said != self.said {
                    out.text(said.clone());
                    self.said = said;
                }
                !done
            }
            Err(e) => {
                out.fail(e);
                false
            }
        }
    }
}

fn status(console: &mut Console, c: &mut Cluster, t: &Target, p: &Parsed, out: &mut Out) {
    let mut s = Status {
        target: t.clone(),
        said: String::new(),
    };
    let going = s.poll(c, out);
    let watch = p.get("watch").is_none_or(|w| w == "true");
    if going && watch {
        console.follow = Some(Follow::Rollout(s));
    }
}

fn int(v: &Value, path: &str) -> i64 {
    v.pointer(path).and_then(Value::as_i64).unwrap_or(0)
}

/// What rollout_status.go's viewers say of the object now, and whether the rollout is done.
fn status_of(c: &Cluster, t: &Target) -> Result<(String, bool), String> {
    let v = get::json(c, t).ok_or_else(|| get::not_found(t))?;
    let name = &t.name;
    let observed = int(&v, "/metadata/generation") <= int(&v, "/status/observedGeneration");
    let waiting = |s: String| Ok((s, false));
    match t.resource.kind {
        "Deployment" => {
            if !observed {
                return waiting("Waiting for deployment spec update to be observed...\n".into());
            }
            let timed_out = v
                .pointer("/status/conditions")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .any(|c| c["type"] == "Progressing" && c["reason"] == "ProgressDeadlineExceeded");
            if timed_out {
                return Err(format!(
                    "error: deployment {} exceeded its progress deadline",
                    go_quote(name)
                ));
            }
            let want = v
                .pointer("/spec/replicas")
                .and_then(Value::as_i64)
                .unwrap_or(1);
            let updated = int(&v, "/status/updatedReplicas");
            let replicas = int(&v, "/status/replicas");
            let available = int(&v, "/status/availableReplicas");
            let q = go_quote(name);
            if updated < want {
                return waiting(format!("Waiting for deployment {q} rollout to finish: {updated} out of {want} new replicas have been updated...\n"));
            }
            if replicas > updated {
                return waiting(format!("Waiting for deployment {q} rollout to finish: {} old replicas are pending termination...\n", replicas - updated));
            }
            if available < updated {
                return waiting(format!("Waiting for deployment {q} rollout to finish: {available} of {updated} updated replicas are available...\n"));
            }
            Ok((format!("deployment {q} successfully rolled out\n"), true))
        }
        "DaemonSet" => {
            if v.pointer("/spec/updateStrategy/type")
                .and_then(Value::as_str)
                == Some("OnDelete")
            {
                return Err(
                    "error: rollout status is only available for RollingUpdate strategy type"
                        .into(),
                );
            }
            if !observed {
                return waiting("Waiting for daemon set spec update to be observed...\n".into());
            }
            let q = go_quote(name);
            let desired = int(&v, "/status/desiredNumberScheduled");
            let updated = int(&v, "/status/updatedNumberScheduled");
            let available = int(&v, "/status/numberAvailable");
            if updated < desired {
                return waiting(format!("Waiting for daemon set {q} rollout to finish: {updated} out of {desired} new pods have been updated...\n"));
            }
            if available < desired {
                return waiting(format!("Waiting for daemon set {q} rollout to finish: {available} of {desired} updated pods are available...\n"));
            }
            Ok((format!("daemon set {q} successfully rolled out\n"), true))
        }
        "StatefulSet" => {
            let strategy = v
                .pointer("/spec/updateStrategy/type")
                .and_then(Value::as_str);
            if strategy == Some("OnDelete") {
                return Err(
                    "error: rollout status is only available for RollingUpdate strategy type"
                        .into(),
                );
            }
            let observed_generation = int(&v, "/status/observedGeneration");
            if observed_generation == 0 || !observed {
                return waiting("Waiting for statefulset spec update to be observed...\n".into());
            }
            let want = v
                .pointer("/spec/replicas")
                .and_then(Value::as_i64)
                .unwrap_or(1);
            let ready = int(&v, "/status/readyReplicas");
            if ready < want {
                return waiting(format!(
                    "Waiting for {} pods to be ready...\n",
                    want - ready
                ));
            }
            let updated = int(&v, "/status/updatedReplicas");
            if let Some(partition) = v
                .pointer("/spec/updateStrategy/rollingUpdate/partition")
                .and_then(Value::as_i64)
            {
                if updated < want - partition {
                    return waiting(format!("Waiting for partitioned roll out to finish: {updated} out of {} new pods have been updated...\n", want - partition));
                }
                return Ok((
                    format!(
                        "partitioned roll out complete: {updated} new pods have been updated...\n"
                    ),
                    true,
                ));
            }
            let text = |p: &str| {
                v.pointer(p)
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string()
            };
            let (update, current) = (
                text("/status/updateRevision"),
                text("/status/currentRevision"),
            );
            if update != current {
                return waiting(format!("waiting for statefulset rolling update to complete {updated} pods at revision {update}...\n"));
            }
            Ok((
                format!(
                    "statefulset rolling update complete {} pods at revision {current}...\n",
                    int(&v, "/status/currentReplicas")
                ),
                true,
            ))
        }
        _ => Err(format!(
            "error: no status viewer has been implemented for {}",
            t.resource.kind
        )),
    }
}

/// The Deployment's ReplicaSets with their revisions, oldest revision first.
fn revisions(c: &Cluster, t: &Target) -> Vec<(i64, Value)> {
    let Some(uid) = c.store.uid_of("Deployment", &t.ns, &t.name) else {
        return Vec::new();
    };
    let mut sets: Vec<(i64, Value)> = c
        .store
        .every_key("ReplicaSet")
        .into_iter()
        .filter(|(ns, _)| *ns == t.ns)
        .filter_map(|(ns, name)| c.store.get_json("ReplicaSet", &ns, &name))
        .filter(|rs| {
            rs.pointer("/metadata/ownerReferences")
                .and_then(Value::as_array)
                .is_some_and(|refs| {
                    refs.iter()
                        .any(|r| r["uid"] == uid.as_str() && r["controller"] == true)
                })
        })
        .filter_map(|rs| {
            let rev = rs
                .pointer("/metadata/annotations")
                .and_then(|a| a.get(REVISION))
                .and_then(Value::as_str)
                .and_then(|r| r.parse::<i64>().ok())?;
            Some((rev, rs))
        })
        .collect();
    sets.sort_by_key(|(rev, _)| *rev);
    sets
}

fn only_deployments(t: &Target, what: &str, out: &mut Out) -> bool {
    if t.resource.kind == "Deployment" {
        return true;
    }
    if matches!(t.resource.kind, "StatefulSet" | "DaemonSet") {
        out.fail(format!(
            "error: {what} of a {} reads its ControllerRevisions, which the simulated cluster does not keep",
            t.resource.kind
        ));
    } else {
        out.fail(format!(
            "error: no {what} has been implemented for {:?}",
            t.resource.kind
        ));
    }
    false
}

/// `kubectl rollout history` (history.go DeploymentHistoryViewer).
fn history(c: &Cluster, t: &Target, p: &Parsed, out: &mut Out) {
    if !only_deployments(t, "history viewer", out) {
        return;
    }
    let sets = revisions(c, t);
    let head = format!("{}/{}", t.resource.prefix(), t.name);
    if let Some(r) = p.get("revision").filter(|r| *r != "0") {
        let Some((rev, rs)) = r
            .parse::<i64>()
            .ok()
            .and_then(|r| sets.iter().find(|(rev, _)| *rev == r))
        else {
            return out.fail("error: unable to find the specified revision".into());
        };
        let mut template = rs.pointer("/spec/template").cloned().unwrap_or(Value::Null);
        if let Some(labels) = template
            .pointer_mut("/metadata/labels")
            .and_then(Value::as_object_mut)
        {
            labels.remove(HASH_LABEL);
        }
        out.line(format!("{head} with revision #{rev}"));
        out.text(format!(
            "Pod Template:\n{}",
            crate::sim::print::to_yaml(&template)
                .lines()
                .map(|l| format!("  {l}\n"))
                .collect::<String>()
        ));
        return;
    }
    if sets.is_empty() {
        return out.line(format!("No rollout history found in {head}"));
    }
    let mut rows = vec![vec!["REVISION".to_string(), "CHANGE-CAUSE".to_string()]];
    for (rev, rs) in &sets {
        let cause = rs
            .pointer("/metadata/annotations")
            .and_then(|a| a.get(CHANGE_CAUSE))
            .and_then(Value::as_str)
            .filter(|c| !c.is_empty())
            .unwrap_or("<none>");
        rows.push(vec![rev.to_string(), cause.to_string()]);
    }
    out.line(format!("{head} "));
    out.line(crate::sim::print::columns_padded(&rows, 2));
}

/// The template with the pod-template-hash label gone (rollback.go `equalIgnoreHash`).
fn without_hash(template: &Value) -> Value {
    let mut t = template.clone();
    if let Some(labels) = t
        .pointer_mut("/metadata/labels")
        .and_then(Value::as_object_mut)
    {
        labels.remove(HASH_LABEL);
    }
    t
}

/// `kubectl rollout undo [--to-revision=N]` (rollback.go DeploymentRollbacker).
fn undo(c: &mut Cluster, t: &Target, p: &Parsed, out: &mut Out) {
    if !only_deployments(t, "rollbacker", out) {
        return;
    }
    let to: i64 = match p.get("to-revision").map(str::parse) {
        None => 0,
        Some(Ok(n)) => n,
        Some(Err(_)) => {
            return out.fail(format!(
                "error: invalid argument {} for \"--to-revision\" flag: strconv.ParseInt: parsing {}: invalid syntax",
                go_quote(p.get("to-revision").unwrap_or("")),
                go_quote(p.get("to-revision").unwrap_or(""))
            ))
        }
    };
    let Some(d) = get::json(c, t) else {
        return out.fail(get::not_found(t));
    };
    if d.pointer("/spec/paused") == Some(&Value::Bool(true)) {
        return out.fail("error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again".into());
    }
    let sets = revisions(c, t);
    let chosen = if to > 0 {
        match sets.iter().find(|(rev, _)| *rev == to) {
            Some(s) => s,
            None => {
                return out.fail(format!(
                    "error: unable to find specified revision {to} in history"
                ))
            }
        }
    } else {
        match sets.len().checked_sub(2).and_then(|i| sets.get(i)) {
            Some(s) => s,
            None => {
                return out.fail(format!(
                    "error: no rollout history found for deployment {}",
                    go_quote(&t.name)
                ))
            }
        }
    };
    let (rev, rs) = chosen;
    let template = without_hash(rs.pointer("/spec/template").unwrap_or(&Value::Null));
    let head = format!("{}/{}", t.resource.prefix(), t.name);
    if d.pointer("/spec/template").map(without_hash).as_ref() == Some(&template) {
        return out.line(format!(
            "{head} skipped rollback (current template already matches revision {rev})"
        ));
    }
    let mut annotations = Map::new();
    let own = d
        .pointer("/metadata/annotations")
        .and_then(Value::as_object);
    for k in SKIPPED {
        if let Some(v) = own.and_then(|a| a.get(*k)) {
            annotations.insert(k.to_string(), v.clone());
        }
    }
    if let Some(theirs) = rs
        .pointer("/metadata/annotations")
        .and_then(Value::as_object)
    {
        for (k, v) in theirs {
            if !SKIPPED.contains(&k.as_str()) {
                annotations.insert(k.clone(), v.clone());
            }
        }
    }
    let r = change::update(c, t, |v| {
        v["spec"]["template"] = template;
        v["metadata"]["annotations"] = Value::Object(annotations);
        Ok(())
    });
    match r {
        Ok(_) => out.line(format!("{head} rolled back")),
        Err(e) => out.fail(e),
    }
}

/// `kubectl rollout restart` (objectrestarter.go): the template's `restartedAt` annotation.
fn restart(c: &mut Cluster, t: &Target, out: &mut Out) {
    if !matches!(t.resource.kind, "Deployment" | "DaemonSet" | "StatefulSet") {
        return out.fail(format!(
            "error: {} {} restarting is not supported",
            t.resource.qualified(),
            go_quote(&t.name)
        ));
    }
    let at = crate::sim::time::stamp(c.now());
    let r = change::update(c, t, |v| {
        if v.pointer("/spec/paused") == Some(&Value::Bool(true)) {
            return Err("error: can't restart paused deployment (run rollout resume first)".into());
        }
        let template = &mut v["spec"]["template"];
        if !template.is_object() {
            *template = json!({});
        }
        let meta = &mut template["metadata"];
        if !meta.is_object() {
            *meta = json!({});
        }
        let annotations = &mut meta["annotations"];
        if !annotations.is_object() {
            *annotations = json!({});
        }
        annotations["kubectl.kubernetes.io/restartedAt"] = at;
        Ok(())
    });
    match r {
        Ok(_) => out.line(format!("{}/{} restarted", t.resource.prefix(), t.name)),
        Err(e) => out.fail(e),
    }
}

/// `kubectl rollout pause` and `resume` (objectpauser.go, objectresumer.go).
fn pause(c: &mut Cluster, t: &Target, on: bool, out: &mut Out) {
    let (verb, done) = if on {
        ("pausing", "paused")
    } else {
        ("resuming", "resumed")
    };
    if t.resource.kind != "Deployment" {
        return out.fail(format!(
            "error: {} {} {verb} is not supported",
            t.resource.qualified(),
            go_quote(&t.name)
        ));
    }
    let r = change::update(c, t, |v| {
        let paused = v.pointer("/spec/paused") == Some(&Value::Bool(true));
        if paused == on {
            return Err(format!(
                "error: {} {} is {}",
                t.resource.qualified(),
                go_quote(&t.name),
                if on { "already paused" } else { "not paused" }
            ));
        }
        if on {
            v["spec"]["paused"] = Value::Bool(true);
        } else if let Some(spec) = v.get_mut("spec").and_then(Value::as_object_mut) {
            spec.remove("paused");
        }
        Ok(())
    });
    match r {
        Ok(_) => out.line(format!("{}/{} {done}", t.resource.prefix(), t.name)),
        Err(e) => out.fail(e),
    }
}

/// Where a kind keeps its pod template.
fn template_path(kind: &str) -> Option<&'static str> {
    match kind {
        "Pod" => Some(""),
        "Deployment"
        | "ReplicaSet"
        | "StatefulSet"
        | "DaemonSet"
        | "Job"
        | "ReplicationController" => Some("/spec/template"),
        "CronJob" => Some("/spec/jobTemplate/spec/template"),
        _ => None,
    }
}

/// `kubectl set image (TYPE NAME | TYPE/NAME) CONTAINER=IMAGE ...` (`*` for every container).
pub(crate) fn set(
    _: &mut Console,
    c: &mut Cluster,
    p: &Parsed,
    scope: &Scope,
    _: Option<&str>,
    out: &mut Out,
) {
    let Some((sub, rest)) = p.args.split_first() else {
        return out.fail(
            "error: Required resource not specified.\nSee 'kubectl set -h' for help and examples"
                .into(),
        );
    };
    if sub != "image" {
        return out.fail(format!(
            "error: unknown command {} for \"kubectl set\" (here: set image)",
            go_quote(sub)
        ));
    }
    let split = rest
        .iter()
        .position(|a| a.contains('='))
        .unwrap_or(rest.len());
    let (names, pairs) = rest.split_at(split);
    if pairs.is_empty() {
        return out.fail("error: at least one image update is required".into());
    }
    let mut images = Vec::new();
    for pair in pairs {
        match pair.split_once('=') {
            Some((name, image)) if !name.is_empty() && !image.is_empty() => {
                images.push((name.to_string(), image.to_string()))
            }
            _ => {
                return out.fail(format!(
                    "error: invalid image update {}: expected CONTAINER=IMAGE",
                    go_quote(pair)
                ))
            }
        }
    }
    let mut q = p.clone();
    q.args = names.to_vec();
    let Some((_, found)) = super::targets(c, &q, scope, "set image", out) else {
        return;
    };
    for t in &found {
        let Some(path) = template_path(t.resource.kind) else {
            out.fail(format!(
                "error: {}/{} the object does not have a pod template",
                t.resource.prefix(),
                t.name
            ));
            continue;
        };
        let r = change::update(c, t, |v| {
            let Some(spec) = v.pointer_mut(&format!("{path}/spec")) else {
                return Err("error: the object has no pod spec".into());
            };
            for (name, image) in &images {
                let mut hit = false;
                for list in ["initContainers", "containers"] {
                    for ct in spec
                        .get_mut(list)
                        .and_then(Value::as_array_mut)
                        .into_iter()
                        .flatten()
                    {
                        if name == "*" || ct["name"] == name.as_str() {
                            ct["image"] = Value::String(image.clone());
                            hit = true;
                        }
                    }
                }
                if !hit {
                    return Err(format!(
                        "error: unable to find container named {}",
                        go_quote(name)
                    ));
                }
            }
            Ok(())
        });
        match r {
            Ok(Updated::Changed) => {
                out.line(format!("{}/{} image updated", t.resource.prefix(), t.name))
            }
            Ok(Updated::Unchanged) => {}
            Err(e) => out.fail(e),
        }
    }
}

#[cfg(test)]
mod tests;
