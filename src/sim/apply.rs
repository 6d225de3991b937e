//! Applying the editor's text, as `kubectl apply --prune` does: create what is new, update what
//! changed, delete what left the text, all at the current virtual time.
//!
//! The one thing to know: the text is the desired state, and an object's server-side fields (uid,
//! status, the ClusterIP the API server chose) survive an update that does not mention them, as they do
//! under kubectl's three-way merge. Updates the API server refuses (a Deployment's selector, a Job's
//! template) are refused here with its message and leave the object as it was.

use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::api::core::v1::{Namespace, Node};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};
use serde_json::Value;

use super::store::{Other, Stored};
use super::{bootstrap, registry, resource_name, time, Cluster};
use crate::diagnostic::Severity;
use crate::manifest::kinds::{is_namespaced, BUILTIN_GROUP_VERSIONS, UNTYPED_BUILTIN};
use crate::manifest::yaml::Span;
use crate::manifest::{Manifest, Object};

/// (kind, namespace, name) of what the last apply put in the cluster, with apiVersion, for pruning.
#[derive(Clone, Debug, Default)]
pub struct Applied {
    pub objects: BTreeMap<(String, String, String), String>,
    /// Whether the default kind nodes are in place (they go while the text has Node objects).
    pub custom_nodes: bool,
    /// How an apply over an existing object merges (kubectl/apply3.rs, installed by the
    /// console): the object to write instead of the manifest's, or None to write that as it is.
    pub three_way: Option<fn(&Cluster, &Object, &str) -> Option<Object>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApplyOutcome {
    Created,
    Configured,
    Unchanged,
    Pruned,
    /// Refused, with the API server's reason and message.
    Failed(StatusError),
    /// Not sent, because the object has errors in the text.
    Skipped,
}

/// One line of what `kubectl apply` prints.
#[derive(Clone, Debug)]
pub struct ApplyResult {
    /// `deployment.apps/web`
    pub resource: String,
    pub namespace: Option<String>,
    pub outcome: ApplyOutcome,
    /// Where the object is in the text (None for pruned objects).
    pub span: Option<Span>,
}

impl ApplyResult {
    /// The line kubectl prints: `deployment.apps/web created`, or the error it prints.
    pub fn render(&self) -> String {
        match &self.outcome {
            ApplyOutcome::Created => format!("{} created", self.resource),
            ApplyOutcome::Configured => format!("{} configured", self.resource),
            ApplyOutcome::Unchanged => format!("{} unchanged", self.resource),
            ApplyOutcome::Pruned => format!("{} pruned", self.resource),
            ApplyOutcome::Skipped => {
                format!("{} skipped: fix the errors in it first", self.resource)
            }
            ApplyOutcome::Failed(e) => {
                format!("Error from server ({}): {}", e.reason.as_str(), e.message)
            }
        }
    }

    pub fn is_error(&self) -> bool {
        matches!(self.outcome, ApplyOutcome::Failed(_))
    }
}

/// Why the API server refused a request (metav1.StatusReason).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    NotFound,
    Invalid,
    Forbidden,
    Conflict,
    /// An eviction a PodDisruptionBudget refuses for now (429).
    TooManyRequests,
    /// 500: what the server cannot do (an eviction under two budgets).
    InternalError,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::NotFound => "NotFound",
            Reason::Invalid => "Invalid",
            Reason::Forbidden => "Forbidden",
            Reason::Conflict => "Conflict",
            Reason::TooManyRequests => "TooManyRequests",
            Reason::InternalError => "InternalError",
        }
    }
}

/// A refusal in the API server's words (apimachinery's errors.StatusError).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusError {
    pub reason: Reason,
    pub message: String,
    /// The status's `details.causes` messages (which kubectl does not print).
    pub causes: Vec<String>,
}

impl StatusError {
    pub fn new(reason: Reason, message: impl Into<String>) -> StatusError {
        StatusError {
            reason,
            message: message.into(),
            causes: Vec::new(),
        }
    }

    /// The error with a cause in its details.
    pub fn because(mut self, cause: String) -> StatusError {
        self.causes.push(cause);
        self
    }
}

/// What a Strategy returns when it refuses a write.
pub(crate) type Failure = StatusError;

pub(crate) fn invalid(kind: &str, name: &str, detail: String) -> Failure {
    StatusError::new(
        Reason::Invalid,
        format!(
            "{kind} {} is invalid: {detail}",
            crate::validation::go_quote(name)
        ),
    )
}

/// The API server's answer to an object with these field errors (none: accepted): one is said
/// as it is, several as Go prints the list, `[e1, e2]`.
pub(crate) fn refused(
    kind: &str,
    name: &str,
    errors: &[crate::manifest::batch::FieldError],
) -> Result<(), Failure> {
    match errors {
        [] => Ok(()),
        [one] => Err(invalid(kind, name, one.message.clone())),
        many => {
            let list: Vec<&str> = many.iter().map(|e| e.message.as_str()).collect();
            Err(invalid(kind, name, format!("[{}]", list.join(", "))))
        }
    }
}

impl Cluster {
    /// Applies a manifest as `kubectl apply --prune` would, in the text's order.
    pub fn apply(&mut self, manifest: &Manifest) -> Vec<ApplyResult> {
        self.apply_files(&[manifest])
    }

    /// Applies several files as one desired state (`kubectl apply --prune -f a.yaml -f b.yaml`).
    pub fn apply_files(&mut self, manifests: &[&Manifest]) -> Vec<ApplyResult> {
        let mut results = Vec::new();
        let mut seen: BTreeMap<(String, String, String), String> = BTreeMap::new();
        let has_nodes = manifests
            .iter()
            .flat_map(|m| m.objects.iter())
            .any(|o| o.kind == "Node" && o.api_version == "v1");
        for manifest in manifests {
            let error_starts: BTreeSet<u32> = manifest
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| d.span.start.line)
                .collect();
            for obj in &manifest.objects {
                let ns = obj.namespace.clone().unwrap_or_default();
                let key = (obj.kind.clone(), ns.clone(), obj.name.clone());
                let resource = resource_name(&obj.api_version, &obj.kind, &obj.name);
                // An object with an error in its own lines is not sent; what the cluster has stays.
                let end = obj.node.span.end.line;
                let has_error = error_starts
                    .range(obj.node.span.start.line..=end)
                    .next()
                    .is_some();
                let outcome = if has_error || obj.name.is_empty() {
                    ApplyOutcome::Skipped
                } else {
                    match self.apply_one(obj, &ns, true) {
                        Ok(o) => o,
                        Err(e) => ApplyOutcome::Failed(e),
                    }
                };
                if !matches!(outcome, ApplyOutcome::Failed(_)) || self.exists(&key) {
                    seen.insert(key, obj.api_version.clone());
                }
                results.push(ApplyResult {
                    resource,
                    namespace: obj.namespace.clone(),
                    outcome,
                    span: Some(obj.span()),
                });
            }
        }
        // Prune what the last apply made and this one no longer has.
        let previous = std::mem::take(&mut self.applied.objects);
        for ((kind, ns, name), api_version) in previous {
            if seen.contains_key(&(kind.clone(), ns.clone(), name.clone())) {
                continue;
            }
            if self.delete(&kind, &ns, &name) {
                results.push(ApplyResult {
                    resource: resource_name(&api_version, &kind, &name),
                    namespace: (!ns.is_empty()).then_some(ns),
                    outcome: ApplyOutcome::Pruned,
                    span: None,
                });
            }
        }
        self.applied.objects = seen;
        self.replace_default_nodes(has_nodes);
        self.settle();
        results
    }

    fn exists(&self, (kind, ns, name): &(String, String, String)) -> bool {
        self.store.uid_of(kind, ns, name).is_some()
    }

    /// Node objects in the text replace kind's nodes; when the text has none, kind's nodes return.
    fn replace_default_nodes(&mut self, has_nodes: bool) {
        if has_nodes && !self.applied.custom_nodes {
            for name in [bootstrap::CONTROL_PLANE, "kind-worker", "kind-worker2"] {
                if !self
                    .applied
                    .objects
                    .contains_key(&("Node".into(), String::new(), name.into()))
                {
                    self.delete("Node", "", name);
                }
            }
            self.applied.custom_nodes = true;
        } else if !has_nodes && self.applied.custom_nodes {
            self.applied.custom_nodes = false;
            let fresh = Cluster::new();
            for node in fresh.store.nodes.values() {
                let name = node.metadata.name.clone().unwrap_or_default();
                if self.store.get::<Node>("", &name).is_none() {
                    let mut node = node.clone();
                    self.created_meta(&mut node.metadata, false);
                    bootstrap::complete_node(self, &mut node);
                    self.store.put(node);
                }
            }
        }
    }

    /// Writes one object as `kubectl apply` does (`applied`: with its last-applied
    /// configuration) or as `kubectl create` and `replace` do.
    pub(crate) fn apply_one(
        &mut self,
        obj: &Object,
        ns: &str,
        applied: bool,
    ) -> Result<ApplyOutcome, Failure> {
        let namespaced = is_namespaced(&obj.api_version, &obj.kind);
        if namespaced && !ns.is_empty() {
            match self.store.get::<Namespace>("", ns) {
                None => {
                    return Err(StatusError::new(
                        Reason::NotFound,
                        format!("error when creating: namespaces {} not found", crate::validation::go_quote(ns)),
                    ))
                }
                Some(n) if n.metadata.deletion_timestamp.is_some() => {
                    return Err(StatusError::new(
                        Reason::Forbidden,
                        format!(
                            "{} {} is forbidden: unable to create new content in namespace {ns} because it is being terminated",
                            obj.kind.to_ascii_lowercase() + "s",
                            crate::validation::go_quote(&obj.name)
                        ),
                    ))
                }
                Some(_) => {}
            }
        }
        let applied = applied.then(|| applied_configuration(obj, ns));
        let merged = match (&applied, self.applied.three_way) {
            (Some(_), Some(merge)) => merge(self, obj, ns),
            _ => None,
        };
        let obj = merged.as_ref().unwrap_or(obj);
        if obj.typed.is_none() {
            return self.apply_untyped(obj, ns, applied);
        }
        match registry::find(&obj.kind) {
            Some(k) => (k.apply)(self, obj, ns, applied),
            None => self.apply_other(obj, ns, registry::json::as_written(obj), applied),
        }
    }

    fn apply_untyped(
        &mut self,
        obj: &Object,
        ns: &str,
        applied: Option<String>,
    ) -> Result<ApplyOutcome, Failure> {
        let builtin = UNTYPED_BUILTIN
            .iter()
            .any(|(gv, k)| *gv == obj.api_version && *k == obj.kind);
        let known_kind = crate::manifest::kinds::KNOWN
            .iter()
            .any(|(gv, k, _)| *gv == obj.api_version && *k == obj.kind);
        if known_kind {
            // A known kind that did not decode: its errors are in the problems list.
            return Ok(ApplyOutcome::Skipped);
        }
        if !builtin {
            let mut message = format!(
                "resource mapping not found for name: {} namespace: {} from \"STDIN\": no matches for kind {} in version {}",
                crate::validation::go_quote(&obj.name),
                crate::validation::go_quote(if is_namespaced(&obj.api_version, &obj.kind) { ns } else { "" }),
                crate::validation::go_quote(&obj.kind),
                crate::validation::go_quote(&obj.api_version),
            );
            if !BUILTIN_GROUP_VERSIONS.contains(&obj.api_version.as_str()) {
                message.push_str("\nensure CRDs are installed first");
            }
            return Err(StatusError::new(Reason::NotFound, message));
        }
        let (value, _) = crate::manifest::de::decode::<Value>(&obj.node);
        let value = value.unwrap_or(Value::Null);
        self.apply_other(obj, ns, value, applied)
    }

    /// Stores an object of a kind with no controller here, as written, with server metadata.
    pub(crate) fn apply_other(
        &mut self,
        obj: &Object,
        ns: &str,
        mut value: Value,
        applied: Option<String>,
    ) -> Result<ApplyOutcome, Failure> {
        let key = (obj.kind.clone(), ns.to_string(), obj.name.clone());
        if let (Some(text), Some(m)) = (applied, value.get_mut("metadata")) {
            if !m["annotations"].is_object() {
                m["annotations"] = Value::Object(Default::default());
            }
            m["annotations"][LAST_APPLIED] = Value::String(text);
        }
        let old = self.store.others.get(&key).cloned();
        if let Some(m) = value
            .pointer_mut("/metadata")
            .and_then(Value::as_object_mut)
        {
            if !ns.is_empty() {
                m.insert("namespace".into(), Value::String(ns.into()));
            }
            match &old {
                Some(old) => {
                    for f in ["uid", "creationTimestamp", "resourceVersion", "generation"] {
                        if let Some(v) = old.value.pointer(&format!("/metadata/{f}")) {
                            m.insert(f.into(), v.clone());
                        }
                    }
                }
                None => {
                    m.insert("uid".into(), Value::String(self.rng.uid()));
                    m.insert("creationTimestamp".into(), time::stamp(self.now()));
                }
            }
        }
        if let Some(old) = &old {
            if let Some(status) = old.value.get("status") {
                if let Some(o) = value.as_object_mut() {
                    o.insert("status".into(), status.clone());
                }
            }
        }
        let changed = self.store.put_other(Other {
            api_version: obj.api_version.clone(),
            kind: obj.kind.clone(),
            value,
        });
        Ok(match (old, changed) {
            (None, _) => ApplyOutcome::Created,
            (Some(_), true) => ApplyOutcome::Configured,
            (Some(_), false) => ApplyOutcome::Unchanged,
        })
    }

    /// Creates or updates a typed object. `prepare` sees the new object and the stored one (None on
    /// create), carries server-side fields over and may refuse the update.
    pub(crate) fn upsert<T: Stored>(
        &mut self,
        mut new: T,
        generation: bool,
        prepare: impl FnOnce(&mut Cluster, &mut T, Option<&T>) -> Result<(), Failure>,
    ) -> Result<ApplyOutcome, Failure> {
        let (ns, name) = super::store::key_of(new.metadata());
        let old = self.store.get::<T>(&ns, &name).cloned();
        match old {
            None => {
                prepare(self, &mut new, None)?;
                self.created_meta(new.metadata_mut(), generation);
                self.store.put(new);
                Ok(ApplyOutcome::Created)
            }
            Some(old) => {
                if old.metadata().deletion_timestamp.is_some() {
                    return Err(StatusError::new(
                        Reason::Conflict,
                        format!(
                            "Operation cannot be fulfilled on {} {}: the object is being deleted",
                            T::URL_PATH_SEGMENT,
                            crate::validation::go_quote(&name)
                        ),
                    ));
                }
                {
                    let (m, o) = (new.metadata_mut(), old.metadata());
                    m.uid = o.uid.clone();
                    m.creation_timestamp = o.creation_timestamp.clone();
                    m.generation = o.generation;
                    m.resource_version = o.resource_version.clone();
                    if m.owner_references.is_none() {
                        m.owner_references = o.owner_references.clone();
                    }
                    // Finalizers the server added stay, as under a three-way merge.
                    if m.finalizers.is_none() {
                        m.finalizers = o.finalizers.clone();
                    }
                }
                prepare(self, &mut new, Some(&old))?;
                Ok(if self.store.put(new) {
                    ApplyOutcome::Configured
                } else {
                    ApplyOutcome::Unchanged
                })
            }
        }
    }

    /// Deletes an object as `kubectl delete` does: Pods get their grace period, Namespaces terminate
    /// with their content, dependents go through the garbage collector. False when it did not exist.
    pub fn delete(&mut self, kind: &str, ns: &str, name: &str) -> bool {
        match registry::find(kind) {
            Some(k) => (k.delete)(self, kind, ns, name),
            None => self.store.remove(kind, ns, name),
        }
    }
}

/// kubectl's `corev1.LastAppliedConfigAnnotation`.
pub const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";

/// What `kubectl apply` keeps in the last-applied annotation (apply.go GetModifiedConfiguration):
/// the object as written, with the namespace it goes to, its annotations without this one (an
/// empty map when it had none), as compact JSON with sorted keys and a newline.
pub(crate) fn applied_configuration(obj: &Object, ns: &str) -> String {
    let mut v = registry::json::as_written(obj);
    if let Some(m) = v.get_mut("metadata").and_then(Value::as_object_mut) {
        if !ns.is_empty() {
            m.insert("namespace".into(), Value::String(ns.into()));
        }
        let annotations = m
            .entry("annotations")
            .or_insert_with(|| Value::Object(Default::default()));
        if let Some(a) = annotations.as_object_mut() {
            a.remove(LAST_APPLIED);
        } else {
            *annotations = Value::Object(Default::default());
        }
    }
    let mut text = serde_json::to_string(&v).unwrap_or_default();
    text.push('\n');
    text
}

pub(crate) fn bump_generation(old: &ObjectMeta, new: &mut ObjectMeta, spec_changed: bool) {
    new.generation = Some(old.generation.unwrap_or(1) + i64::from(spec_changed));
}

/// Keeps the annotations a controller set on the object (those starting with `prefix`).
pub(crate) fn carry_annotations(old: &ObjectMeta, new: &mut ObjectMeta, prefix: &str) {
    for (k, v) in old.annotations.iter().flatten() {
        if k.starts_with(prefix) {
            new.annotations
                .get_or_insert_with(BTreeMap::new)
                .entry(k.clone())
                .or_insert_with(|| v.clone());
        }
    }
}

/// `v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}`,
/// Go's `%#v` of a selector as the immutable-field message prints it.
pub fn go_label_selector(s: Option<&LabelSelector>) -> String {
    let Some(s) = s else {
        return "(*v1.LabelSelector)(nil)".into();
    };
    let labels = match &s.match_labels {
        None => "map[string]string(nil)".to_string(),
        Some(m) => format!(
            "map[string]string{{{}}}",
            m.iter()
                .map(|(k, v)| format!(
                    "{}:{}",
                    crate::validation::go_quote(k),
                    crate::validation::go_quote(v)
                ))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let exprs = match &s.match_expressions {
        None => "[]v1.LabelSelectorRequirement(nil)".to_string(),
        Some(e) => format!(
            "[]v1.LabelSelectorRequirement{{{}}}",
            e.iter()
                .map(|r| format!(
                    "v1.LabelSelectorRequirement{{Key:{}, Operator:{}, Values:[]string{{{}}}}}",
                    crate::validation::go_quote(&r.key),
                    crate::validation::go_quote(&r.operator),
                    r.values
                        .iter()
                        .flatten()
                        .map(|v| crate::validation::go_quote(v))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    format!("v1.LabelSelector{{MatchLabels:{labels}, MatchExpressions:{exprs}}}")
}

/// An apps/v1 workload's update (its strategy's PrepareForUpdate and ValidateUpdate): the selector
/// never changes, the annotations its controller set (those starting with `annotations`) are kept,
/// and a spec change bumps the generation. The caller carries the status over.
pub(crate) fn workload_update(
    kind: &str,
    (new, old): (&mut ObjectMeta, &ObjectMeta),
    (new_selector, old_selector): (Option<&LabelSelector>, Option<&LabelSelector>),
    annotations: Option<&str>,
    spec_changed: bool,
) -> Result<(), Failure> {
    same_selector(
        kind,
        new.name.as_deref().unwrap_or_default(),
        old_selector,
        new_selector,
    )?;
    if let Some(prefix) = annotations {
        carry_annotations(old, new, prefix);
    }
    bump_generation(old, new, spec_changed);
    Ok(())
}

/// The apps/v1 rule that a workload's selector never changes.
pub(crate) fn same_selector(
    kind: &str,
    name: &str,
    old: Option<&LabelSelector>,
    new: Option<&LabelSelector>,
) -> Result<(), Failure> {
    if old == new {
        return Ok(());
    }
    Err(invalid(
        kind,
        name,
        format!(
            "spec.selector: Invalid value: {}: field is immutable",
            go_label_selector(new)
        ),
    ))
}
