//! `kubectl drain` and `kubectl taint`, as kubectl's `pkg/cmd/drain/drain.go` with
//! `pkg/drain` (filters.go, drain.go) and `pkg/cmd/taint` do them. Drain cordons the nodes, then
//! node by node evicts every Pod the filters let go (DaemonSet Pods, mirror Pods, Pods with
//! emptyDir volumes and Pods without a controller refused or skipped as the flags say), retries an
//! eviction a PodDisruptionBudget refuses every 5 seconds, and says `pod/x evicted` when a Pod is
//! gone and `node/x drained` when the node is empty — all as the clock runs.

use k8s_openapi::api::core::v1::Pod;
use serde_json::{json, Value};

use super::change::{self, Updated};
use super::flags::Parsed;
use super::follow::Follow;
use super::{Console, Out, Scope};
use crate::sim::apply::Reason;
use crate::sim::controllers::phase;
use crate::sim::store::controller_of;
use crate::sim::time::{parse_duration, Millis, SECOND};
use crate::sim::Cluster;

/// How long drain waits before it asks again for an eviction a budget refused.
const RETRY: Millis = 5 * SECOND;

pub(crate) fn run(
    console: &mut Console,
    c: &mut Cluster,
    p: &Parsed,
    scope: &Scope,
    _: Option<&str>,
    out: &mut Out,
) {
    if p.args.is_empty() && !p.given("selector") {
        return out.fail(
            "error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples".into(),
        );
    }
    let timeout = match p.get("timeout").map(parse_duration) {
        None => None,
        Some(Ok(0)) => None,
        Some(Ok(t)) => Some((c.now() + t, t)),
        Some(Err(e)) => {
            return out.fail(format!(
                "error: invalid argument for \"--timeout\" flag: {e}"
            ))
        }
    };
    let grace = match p.get("grace-period").map(str::parse::<i64>) {
        None | Some(Ok(-1)) => None,
        Some(Ok(g)) => Some(g),
        Some(Err(_)) => {
            return out.fail("error: invalid argument for \"--grace-period\" flag".into())
        }
    };
    if p.given("delete-local-data") {
        out.note("Flag --delete-local-data has been deprecated, This option is deprecated and will be deleted. Use --delete-emptydir-data.".into());
    }
    let pod_selector = match p.get("pod-selector").map(crate::selector::parse) {
        None => None,
        Some(Ok(s)) => Some(s),
        Some(Err(e)) => return out.fail(format!("error: invalid pod selector: {}", e.message)),
    };
    let mut q = p.clone();
    q.args = std::iter::once("nodes".to_string())
        .chain(
            p.args
                .iter()
                .map(|a| a.strip_prefix("node/").unwrap_or(a).to_string()),
        )
        .collect();
    let Some((_, nodes)) = super::targets(c, &q, scope, "drain", out) else {
        return;
    };
    let dry = p.get("dry-run").is_some_and(|d| d != "none");
    if !dry {
        change::cordon(c, &nodes, true, out);
    } else {
        for n in &nodes {
            out.line(format!("node/{} cordoned (dry run)", n.name));
        }
    }
    let mut d = Drain {
        nodes: nodes.iter().map(|n| n.name.clone()).collect(),
        at: 0,
        pods: Vec::new(),
        started: false,
        options: Options {
            ignore_daemonsets: p.on("ignore-daemonsets"),
            delete_emptydir: p.on("delete-emptydir-data") || p.on("delete-local-data"),
            force: p.on("force"),
            disable_eviction: p.on("disable-eviction"),
            dry,
            grace,
            pod_selector,
        },
        timeout,
        pending: Vec::new(),
        fatal: Vec::new(),
    };
    if d.poll(c, out) {
        console.follow = Some(Follow::Drain(d));
    }
}

struct Options {
    ignore_daemonsets: bool,
    delete_emptydir: bool,
    force: bool,
    disable_eviction: bool,
    dry: bool,
    grace: Option<i64>,
    pod_selector: Option<crate::selector::Selector>,
}

/// One Pod drain is taking off the node: when to ask again (None once asked successfully).
struct Leaving {
    ns: String,
    name: String,
    uid: String,
    retry_at: Option<Millis>,
}

/// A drain going on.
pub(crate) struct Drain {
    nodes: Vec<String>,
    /// The node being drained now.
    at: usize,
    pods: Vec<Leaving>,
    started: bool,
    options: Options,
    /// When drain gives up, and after how long.
    timeout: Option<(Millis, Millis)>,
    /// The nodes that could not be drained, and why.
    pending: Vec<String>,
    fatal: Vec<String>,
}

/// What the filters say of a Pod (filters.go's PodDeleteStatus).
enum Verdict {
    Delete,
    Skip,
    Warn(bool, &'static str),
    Refuse(&'static str),
}

impl Drain {
    /// Goes on with the drain; false once it has ended (its last lines printed).
    pub fn poll(&mut self, c: &mut Cluster, out: &mut Out) -> bool {
        loop {
            let Some(node) = self.nodes.get(self.at).cloned() else {
                return self.finish(out);
            };
            if !self.started {
                self.started = true;
                if !self.start(c, &node, out) {
                    self.next();
                    continue;
                }
            }
            if let Some((_, after)) = self.timeout.filter(|(t, _)| c.now() >= *t) {
                self.fatal.push(format!(
                    "drain did not complete within {}",
                    crate::sim::time::go_duration(after)
                ));
                self.pending.push(node);
                self.nodes.truncate(self.at + 1);
                self.next();
                continue;
            }
            let now = c.now();
            let mut failed = None;
            for l in &mut self.pods {
                if l.retry_at.is_some_and(|t| now >= t) {
                    match ask(c, l, &self.options, out) {
                        Ok(()) => {}
                        Err(e) => failed = Some(e),
                    }
                }
            }
            if let Some(e) = failed {
                self.fatal.push(e);
                self.pending.push(node);
                self.next();
                continue;
            }
            // waitForDelete: a Pod is gone when no Pod of its name and uid is left.
            self.pods.retain(|l| {
                let gone = c
                    .store
                    .get::<Pod>(&l.ns, &l.name)
                    .is_none_or(|p| p.metadata.uid.as_deref() != Some(l.uid.as_str()));
                if gone && l.retry_at.is_none() {
                    let verb = if self.options.disable_eviction {
                        "deleted"
                    } else {
                        "evicted"
                    };
                    out.line(format!("pod/{} {verb}", l.name));
                }
                !(gone && l.retry_at.is_none())
            });
            if !self.pods.is_empty() {
                return true;
            }
            out.line(format!(
                "node/{node} drained{}",
                if self.options.dry { " (dry run)" } else { "" }
            ));
            self.next();
        }
    }

    fn next(&mut self) {
        self.at += 1;
        self.started = false;
        self.pods.clear();
    }

    fn finish(&mut self, out: &mut Out) -> bool {
        if !self.pending.is_empty() {
            let mut s = String::from("There are pending nodes to be drained:");
            for n in &self.pending {
                s.push_str(&format!("\n {n}"));
            }
            out.note(s);
            match self.fatal.as_slice() {
                [one] => out.fail(format!("error: {one}")),
                many => out.fail(many.join("\n")),
            }
        }
        false
    }

    /// GetPodsForDeletion and the first evictions; false when the node cannot be drained.
    fn start(&mut self, c: &mut Cluster, node: &str, out: &mut Out) -> bool {
        let mut on_node: Vec<Pod> = c
            .store
            .pods
            .values()
            .filter(|p| p.spec.as_ref().and_then(|s| s.node_name.as_deref()) == Some(node))
            .filter(|p| {
                self.options
                    .pod_selector
                    .as_ref()
                    .is_none_or(|s| s.matches(&crate::sim::controllers::labels(&p.metadata)))
            })
            .cloned()
            .collect();
        crate::sort::by_key(&mut on_node, |p| {
            (p.metadata.namespace.clone(), p.metadata.name.clone())
        });
        let mut errors: Vec<(&'static str, Vec<String>)> = Vec::new();
        let mut warnings: Vec<(&'static str, Vec<String>)> = Vec::new();
        let mut delete = Vec::new();
        for pod in &on_node {
            let who = format!(
                "{}/{}",
                pod.metadata.namespace.as_deref().unwrap_or(""),
                pod.metadata.name.as_deref().unwrap_or("")
            );
            match verdict(c, pod, &self.options) {
                Verdict::Delete => delete.push(pod),
                Verdict::Skip => {}
                Verdict::Warn(del, msg) => {
                    push(&mut warnings, msg, who);
                    if del {
                        delete.push(pod);
                    }
                }
                Verdict::Refuse(msg) => push(&mut errors, msg, who),
            }
        }
        if !errors.is_empty() {
            let errs: Vec<String> = errors
                .iter()
                .map(|(msg, pods)| {
                    let msg = if msg.to_lowercase().starts_with("cannot delete") {
                        msg.to_string()
                    } else {
                        format!("cannot delete {msg}")
                    };
                    format!("{msg}: {}", pods.join(", "))
                })
                .collect();
            let all = if errs.len() == 1 {
                errs[0].clone()
            } else {
                format!("[{}]", errs.join(", "))
            };
            out.note(format!(
                "error: unable to drain node {node:?} due to error: {all}, continuing command..."
            ));
            self.fatal.extend(errs);
            self.pending.push(node.to_string());
            return false;
        }
        if !warnings.is_empty() {
            let w: Vec<String> = warnings
                .iter()
                .map(|(msg, pods)| format!("{msg}: {}", pods.join(", ")))
                .collect();
            out.note(format!("Warning: {}", w.join("; ")));
        }
        for pod in delete {
            let ns = pod.metadata.namespace.clone().unwrap_or_default();
            let name = pod.metadata.name.clone().unwrap_or_default();
            if self.options.dry {
                out.line(format!("evicting pod {ns}/{name} (dry run)"));
                continue;
            }
            let mut l = Leaving {
                ns,
                name,
                uid: pod.metadata.uid.clone().unwrap_or_default(),
                retry_at: Some(c.now()),
            };
            if let Err(e) = ask(c, &mut l, &self.options, out) {
                self.fatal.push(e);
                self.pending.push(node.to_string());
                return false;
            }
            self.pods.push(l);
        }
        true
    }
}

fn push(list: &mut Vec<(&'static str, Vec<String>)>, msg: &'static str, who: String) {
    match list.iter_mut().find(|(m, _)| *m == msg) {
        Some((_, pods)) => pods.push(who),
        None => list.push((msg, vec![who])),
    }
}

/// The filters of filters.go, in their order; the first that does not delete decides.
fn verdict(c: &Cluster, pod: &Pod, o: &Options) -> Verdict {
    let finished = matches!(phase(pod), "Succeeded" | "Failed");
    // daemonSetFilter
    if let Some(owner) = controller_of(&pod.metadata).filter(|r| r.kind == "DaemonSet") {
        if !finished {
            let ns = pod.metadata.namespace.as_deref().unwrap_or("");
            if c.store.daemon_sets.get(ns, &owner.name).is_none() {
                if !o.force {
                    return Verdict::Refuse(
                        "DaemonSet-managed Pods (use --ignore-daemonsets to ignore)",
                    );
                }
            } else if !o.ignore_daemonsets {
                return Verdict::Refuse(
                    "DaemonSet-managed Pods (use --ignore-daemonsets to ignore)",
                );
            } else {
                return Verdict::Warn(false, "ignoring DaemonSet-managed Pods");
            }
        }
    }
    // mirrorPodFilter
    if pod
        .metadata
        .annotations
        .as_ref()
        .is_some_and(|a| a.contains_key("kubernetes.io/config.mirror"))
    {
        return Verdict::Skip;
    }
    // localStorageFilter
    let empty_dir = pod
        .spec
        .as_ref()
        .and_then(|s| s.volumes.as_ref())
        .is_some_and(|vs| vs.iter().any(|v| v.empty_dir.is_some()));
    if empty_dir && !finished && !o.delete_emptydir {
        return Verdict::Refuse("Pods with local storage (use --delete-emptydir-data to override)");
    }
    // unreplicatedFilter: the last filter, so its verdict is the Pod's (upstream keeps only the
    // last filter's warning: "deleting Pods with local storage" is never shown).
    if finished || controller_of(&pod.metadata).is_some() {
        Verdict::Delete
    } else if o.force {
        Verdict::Warn(true, "deleting Pods that declare no controller")
    } else {
        Verdict::Refuse("cannot delete Pods that declare no controller (use --force to override)")
    }
}

/// Posts the eviction (or, with --disable-eviction, the delete): "evicting pod ns/name" each
/// time, a refusal by a budget retried in 5 seconds, any other error the end of this node.
fn ask(c: &mut Cluster, l: &mut Leaving, o: &Options, out: &mut Out) -> Result<(), String> {
    let verb = if o.disable_eviction {
        "deleting"
    } else {
        "evicting"
    };
    out.line(format!("{verb} pod {}/{}", l.ns, l.name));
    let r = if o.disable_eviction {
        crate::sim::controllers::delete_pod(c, &l.ns, &l.name, o.grace);
        c.settle();
        Ok(())
    } else {
        c.evict_with_grace(&l.ns, &l.name, o.grace)
    };
    match r {
        Ok(()) => {
            l.retry_at = None;
            Ok(())
        }
        Err(e) if e.reason == Reason::NotFound => {
            l.retry_at = None;
            Ok(())
        }
        Err(e) if e.reason == Reason::TooManyRequests => {
            out.note(format!(
                "error when evicting pods/{:?} -n {:?} (will retry after 5s): {}",
                l.name, l.ns, e.message
            ));
            l.retry_at = Some(c.now() + RETRY);
            Ok(())
        }
        Err(e) => Err(format!(
            "error when evicting pods/{:?} -n {:?}: {}",
            l.name, l.ns, e.message
        )),
    }
}

/// `kubectl taint NODE KEY[=VALUE]:EFFECT ... | KEY[:EFFECT]-` (taint.go, utils.go).
pub(crate) fn taint(
    _: &mut Console,
    c: &mut Cluster,
    p: &Parsed,
    scope: &Scope,
    _: Option<&str>,
    out: &mut Out,
) {
    let mut resources = Vec::new();
    let mut specs = Vec::new();
    for a in &p.args {
        let is_taint = a.contains('=') || a.contains(':') || a.ends_with('-');
        match (specs.is_empty(), is_taint) {
            (_, true) => specs.push(a.clone()),
            (true, false) => resources.push(a.clone()),
            (false, false) => {
                return out.fail(format!(
                    "error: all resources must be specified before taint changes: {a}"
                ))
            }
        }
    }
    if resources.is_empty() {
        return out
            .fail("error: one or more resources must be specified as <resource> <name>".into());
    }
    if specs.is_empty() {
        return out.fail("error: at least one taint update is required".into());
    }
    let (add, remove) = match parse_taints(&specs) {
        Ok(t) => t,
        Err(e) => {
            return out.fail(format!(
                "error: {e}\nSee 'kubectl taint -h' for help and examples"
            ))
        }
    };
    let kind_word = resources[0]
        .split('/')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    match super::resources::find(&kind_word) {
        Some(r) if r.kind == "Node" => {}
        Some(_) => {
            return out.fail(format!(
                "error: invalid resource type {kind_word}, only node types are supported"
            ))
        }
        None => {
            return out.fail(format!(
                "error: the server doesn't have a resource type {}",
                crate::validation::go_quote(&kind_word)
            ))
        }
    }
    let conflicts: Vec<String> = add
        .iter()
        .flat_map(|a| {
            remove
                .iter()
                .filter(move |r| r.key == a.key && (r.effect.is_empty() || r.effect == a.effect))
                .map(|r| format!("{{\"{}\":\"{}\"}}", r.key, r.effect))
        })
        .collect();
    if !conflicts.is_empty() {
        return out.fail(format!(
            "error: can not both modify and remove the following taint(s) in the same command: {}",
            conflicts.join(", ")
        ));
    }
    let all = p.on("all");
    if all && p.given("selector") {
        return out
            .fail("error: setting 'all' parameter with a non empty selector is prohibited".into());
    }
    if !all && !p.given("selector") && resources.len() < 2 && !resources[0].contains('/') {
        return out.fail(
            "error: at least one resource name must be specified since 'all' parameter is not set"
                .into(),
        );
    }
    let mut q = p.clone();
    q.args = if all {
        vec!["nodes".into()]
    } else if resources[0].contains('/') {
        resources.clone()
    } else {
        std::iter::once("nodes".to_string())
            .chain(resources[1..].iter().cloned())
            .collect()
    };
    let Some((_, nodes)) = super::targets(c, &q, scope, "taint", out) else {
        return;
    };
    let overwrite = p.on("overwrite");
    for t in &nodes {
        let mut operation = "";
        let r = change::update(c, t, |v| {
            let old: Vec<Taint> = v
                .pointer("/spec/taints")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(Taint::of)
                .collect();
            if !overwrite {
                let exists: Vec<&str> = add
                    .iter()
                    .filter(|a| old.iter().any(|o| o.key == a.key && o.effect == a.effect))
                    .map(|a| a.key.as_str())
                    .collect();
                if !exists.is_empty() {
                    return Err(format!(
                        "error: node {} already has {} taint(s) with same effect(s) and --overwrite is false",
                        t.name,
                        exists.join(",")
                    ));
                }
            }
            // reorganizeTaints
            let mut new: Vec<Taint> = add.clone();
            for o in &old {
                if !new.iter().any(|n| n.key == o.key && n.effect == o.effect) {
                    new.push(o.clone());
                }
            }
            let added = old.len() != new.len();
            let mut errors = Vec::new();
            let mut deleted = false;
            for r in &remove {
                let before = new.len();
                new.retain(|n| !(n.key == r.key && (r.effect.is_empty() || n.effect == r.effect)));
                deleted = new.len() != before;
                if !deleted {
                    errors.push(format!("error: taint {:?} not found", r.spec()));
                }
            }
            operation = if (added && deleted) || overwrite {
                "modified"
            } else if added {
                "tainted"
            } else {
                "untainted"
            };
            if !errors.is_empty() {
                return Err(errors.join("\n"));
            }
            let list: Vec<Value> = new.iter().map(Taint::to_json).collect();
            let spec = &mut v["spec"];
            if !spec.is_object() {
                *spec = json!({});
            }
            if list.is_empty() {
                if let Some(s) = spec.as_object_mut() {
                    s.remove("taints");
                }
            } else {
                spec["taints"] = Value::Array(list);
            }
            Ok(())
        });
        match r {
            Ok(Updated::Changed | Updated::Unchanged) => {
                out.line(format!("node/{} {operation}", t.name))
            }
            Err(e) => out.fail(e),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Taint {
    key: String,
    value: String,
    effect: String,
}

impl Taint {
    fn of(v: &Value) -> Taint {
        let s = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
        Taint {
            key: s("key"),
            value: s("value"),
            effect: s("effect"),
        }
    }

    fn to_json(&self) -> Value {
        let mut v = json!({"key": self.key, "effect": self.effect});
        if !self.value.is_empty() {
            v["value"] = Value::String(self.value.clone());
        }
        v
    }

    /// Taint.ToString: `key=value:effect`, `key:effect`, `key`.
    fn spec(&self) -> String {
        let mut s = self.key.clone();
        if !self.value.is_empty() {
            s.push('=');
            s.push_str(&self.value);
        }
        if !self.effect.is_empty() {
            s.push(':');
            s.push_str(&self.effect);
        }
        s
    }
}

/// parseTaints: the taints to add and to remove, or the first malformed spec's error.
fn parse_taints(specs: &[String]) -> Result<(Vec<Taint>, Vec<Taint>), String> {
    let (mut add, mut remove) = (Vec::new(), Vec::new());
    for spec in specs {
        if let Some(s) = spec.strip_suffix('-') {
            let t = parse_taint(s)?;
            remove.push(Taint {
                value: String::new(),
                ..t
            });
        } else {
            let t = parse_taint(spec)?;
            if t.effect.is_empty() {
                return Err(format!("invalid taint spec: {spec}"));
            }
            if add
                .iter()
                .any(|a: &Taint| a.key == t.key && a.effect == t.effect)
            {
                return Err(format!(
                    "duplicated taints with the same key and effect: {{{} {} {} <nil>}}",
                    t.key, t.value, t.effect
                ));
            }
            add.push(t);
        }
    }
    Ok((add, remove))
}

fn parse_taint(st: &str) -> Result<Taint, String> {
    let parts: Vec<&str> = st.split(':').collect();
    let (key, value, effect) = match parts.as_slice() {
        [key] => (key.to_string(), String::new(), String::new()),
        [kv, effect] => {
            if !matches!(*effect, "NoSchedule" | "PreferNoSchedule" | "NoExecute") {
                return Err(format!(
                    "invalid taint effect: {effect}, unsupported taint effect"
                ));
            }
            let kv: Vec<&str> = kv.split('=').collect();
            match kv.as_slice() {
                [k] => (k.to_string(), String::new(), effect.to_string()),
                [k, v] => {
                    let errs = crate::validation::is_valid_label_value(v);
                    if !errs.is_empty() {
                        return Err(format!("invalid taint spec: {st}, {}", errs.join("; ")));
                    }
                    (k.to_string(), v.to_string(), effect.to_string())
                }
                _ => return Err(format!("invalid taint spec: {st}")),
            }
        }
        _ => return Err(format!("invalid taint spec: {st}")),
    };
    let errs = crate::validation::is_qualified_name(&key);
    if !errs.is_empty() {
        return Err(format!("invalid taint spec: {st}, {}", errs.join("; ")));
    }
    Ok(Taint { key, value, effect })
}

#[cfg(test)]
pub(crate) mod tests;
