//! Applying the editor's text, as `kubectl apply --prune` does: create what is new, update what
//! changed, delete what left the text, all at the current virtual time.
//!
//! The one thing to know: the text is the desired state, and an object's server-side fields (uid,
//! status, the ClusterIP the API server chose) survive an update that does not mention them, as they do
//! under kubectl's three-way merge. Updates the API server refuses (a Deployment's selector, a Job's
//! template) are refused here with its message and leave the object as it was.

use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::api::apps::v1::{DaemonSet, Deployment, ReplicaSet, StatefulSet};
use k8s_openapi::api::core::v1::{
    ConfigMap, Namespace, Node, PersistentVolumeClaim, Pod, Secret, Service, ServiceAccount,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};
use serde_json::Value;

use super::store::{Other, Stored};
use super::{bootstrap, controllers, defaults, network, resource_name, time, Cluster};
use crate::diagnostic::Severity;
use crate::manifest::kinds::{is_namespaced, BUILTIN_GROUP_VERSIONS, UNTYPED_BUILTIN};
use crate::manifest::yaml::Span;
use crate::manifest::{Manifest, Object, Typed};

/// (kind, namespace, name) of what the last apply put in the cluster, with apiVersion, for pruning.
#[derive(Clone, Debug, Default)]
pub struct Applied {
    pub objects: BTreeMap<(String, String, String), String>,
    /// Whether the default kind nodes are in place (they go while the text has Node objects).
    pub custom_nodes: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApplyOutcome {
    Created,
    Configured,
    Unchanged,
    Pruned,
    /// Refused, with the API server's reason (`NotFound`, `Invalid`, `Forbidden`, ...) and message.
    Failed {
        reason: &'static str,
        message: String,
    },
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
            ApplyOutcome::Failed { reason, message } => {
                format!("Error from server ({reason}): {message}")
            }
        }
    }

    pub fn is_error(&self) -> bool {
        matches!(self.outcome, ApplyOutcome::Failed { .. })
    }
}

type Failure = (&'static str, String);

fn invalid(kind: &str, name: &str, detail: String) -> Failure {
    (
        "Invalid",
        format!(
            "{kind} {} is invalid: {detail}",
            crate::validation::go_quote(name)
        ),
    )
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
                    match self.apply_one(obj, &ns) {
                        Ok(o) => o,
                        Err((reason, message)) => ApplyOutcome::Failed { reason, message },
                    }
                };
                if !matches!(outcome, ApplyOutcome::Failed { .. }) || self.exists(&key) {
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

    fn apply_one(&mut self, obj: &Object, ns: &str) -> Result<ApplyOutcome, Failure> {
        let namespaced = is_namespaced(&obj.api_version, &obj.kind);
        if namespaced && !ns.is_empty() {
            match self.store.get::<Namespace>("", ns) {
                None => {
                    return Err((
                        "NotFound",
                        format!("error when creating: namespaces {} not found", crate::validation::go_quote(ns)),
                    ))
                }
                Some(n) if n.metadata.deletion_timestamp.is_some() => {
                    return Err((
                        "Forbidden",
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
        let Some(typed) = &obj.typed else {
            return self.apply_untyped(obj, ns);
        };
        let set_ns = |m: &mut ObjectMeta| {
            if !ns.is_empty() {
                m.namespace = Some(ns.to_string());
            }
        };
        match typed {
            Typed::Namespace(n) => {
                let mut n = (**n).clone();
                bootstrap::complete_namespace(&mut n);
                let created = self.store.get::<Namespace>("", &obj.name).is_none();
                let outcome = self.upsert(n, false, |_, _, _| Ok(()))?;
                if created {
                    bootstrap::add_service_account(self, &obj.name);
                }
                Ok(outcome)
            }
            Typed::Node(n) => {
                let mut n = (**n).clone();
                bootstrap::complete_node(self, &mut n);
                self.upsert(n, false, |_, _, _| Ok(()))
            }
            Typed::ConfigMap(v) => {
                let mut v = (**v).clone();
                set_ns(&mut v.metadata);
                self.upsert::<ConfigMap>(v, false, |_, _, _| Ok(()))
            }
            Typed::Secret(v) => {
                let mut v = (**v).clone();
                set_ns(&mut v.metadata);
                v.type_.get_or_insert_with(|| "Opaque".into());
                // The API server stores stringData merged into data.
                if let Some(sd) = v.string_data.take() {
                    let data = v.data.get_or_insert_with(BTreeMap::new);
                    for (k, s) in sd {
                        data.insert(k, k8s_openapi::ByteString(s.into_bytes()));
                    }
                }
                self.upsert::<Secret>(v, false, |_, _, _| Ok(()))
            }
            Typed::ServiceAccount(v) => {
                let mut v = (**v).clone();
                set_ns(&mut v.metadata);
                self.upsert::<ServiceAccount>(v, false, |_, _, _| Ok(()))
            }
            Typed::PersistentVolumeClaim(v) => {
                let mut v = (**v).clone();
                set_ns(&mut v.metadata);
                if let Some(s) = v.spec.as_mut() {
                    s.volume_mode.get_or_insert_with(|| "Filesystem".into());
                }
                v.status.get_or_insert_with(Default::default).phase = Some("Pending".into());
                self.upsert::<PersistentVolumeClaim>(v, false, |_, new, old| {
                    if let Some(old) = old {
                        new.status = old.status.clone();
                        pvc_update(old, new)?;
                    }
                    Ok(())
                })
            }
            Typed::Pod(p) => {
                let mut p = (**p).clone();
                set_ns(&mut p.metadata);
                if let Some(s) = p.spec.as_mut() {
                    defaults::pod_spec(s);
                    defaults::pod_admission(s);
                }
                p.status = None;
                self.upsert::<Pod>(p, false, |_, new, old| {
                    let Some(old) = old else {
                        new.status = Some(super::pod::pending_status());
                        return Ok(());
                    };
                    pod_update(old, new)
                })
            }
            Typed::Service(s) => {
                let mut s = (**s).clone();
                set_ns(&mut s.metadata);
                if let Some(spec) = s.spec.as_mut() {
                    defaults::service_spec(spec);
                }
                s.status = None;
                self.upsert::<Service>(s, false, service_ips)
            }
            Typed::Deployment(d) => {
                let mut d = (**d).clone();
                set_ns(&mut d.metadata);
                if let Some(spec) = d.spec.as_mut() {
                    defaults::deployment_spec(spec);
                }
                d.status = None;
                self.upsert::<Deployment>(d, true, |_, new, old| {
                    if let Some(old) = old {
                        same_selector(
                            "Deployment",
                            &obj.name,
                            old.spec.as_ref().map(|s| &s.selector),
                            new.spec.as_ref().map(|s| &s.selector),
                        )?;
                        carry_annotations(
                            &old.metadata,
                            &mut new.metadata,
                            "deployment.kubernetes.io/",
                        );
                        new.status = old.status.clone();
                        bump_generation(&old.metadata, &mut new.metadata, old.spec != new.spec);
                    }
                    Ok(())
                })
            }
            Typed::ReplicaSet(r) => {
                let mut r = (**r).clone();
                set_ns(&mut r.metadata);
                if let Some(spec) = r.spec.as_mut() {
                    spec.replicas.get_or_insert(1);
                    if let Some(t) = spec.template.as_mut().and_then(|t| t.spec.as_mut()) {
                        defaults::pod_spec(t);
                    }
                }
                r.status = None;
                self.upsert::<ReplicaSet>(r, true, |_, new, old| {
                    if let Some(old) = old {
                        same_selector(
                            "ReplicaSet",
                            &obj.name,
                            old.spec.as_ref().map(|s| &s.selector),
                            new.spec.as_ref().map(|s| &s.selector),
                        )?;
                        new.status = old.status.clone();
                        bump_generation(&old.metadata, &mut new.metadata, old.spec != new.spec);
                    }
                    Ok(())
                })
            }
            Typed::StatefulSet(s) => {
                let mut s = (**s).clone();
                set_ns(&mut s.metadata);
                if let Some(spec) = s.spec.as_mut() {
                    defaults::stateful_set_spec(spec);
                }
                s.status = None;
                self.upsert::<StatefulSet>(s, true, |_, new, old| {
                    if let Some(old) = old {
                        if let (Some(a), Some(b)) = (&old.spec, &new.spec) {
                            let strip = |s: &k8s_openapi::api::apps::v1::StatefulSetSpec| {
                                let mut s = s.clone();
                                s.replicas = None;
                                s.ordinals = None;
                                s.template = Default::default();
                                s.update_strategy = None;
                                s.revision_history_limit = None;
                                s.persistent_volume_claim_retention_policy = None;
                                s.min_ready_seconds = None;
                                s
                            };
                            if strip(a) != strip(b) {
                                return Err(invalid("StatefulSet", &obj.name, "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden".into()));
                            }
                        }
                        new.status = old.status.clone();
                        bump_generation(&old.metadata, &mut new.metadata, old.spec != new.spec);
                    }
                    Ok(())
                })
            }
            Typed::DaemonSet(d) => {
                let mut d = (**d).clone();
                set_ns(&mut d.metadata);
                if let Some(spec) = d.spec.as_mut() {
                    defaults::daemon_set_spec(spec);
                }
                d.status = None;
                self.upsert::<DaemonSet>(d, true, |_, new, old| {
                    if let Some(old) = old {
                        same_selector(
                            "DaemonSet",
                            &obj.name,
                            old.spec.as_ref().map(|s| &s.selector),
                            new.spec.as_ref().map(|s| &s.selector),
                        )?;
                        carry_annotations(
                            &old.metadata,
                            &mut new.metadata,
                            "deprecated.daemonset.template.generation",
                        );
                        new.status = old.status.clone();
                        bump_generation(&old.metadata, &mut new.metadata, old.spec != new.spec);
                    }
                    Ok(())
                })
            }
            other => {
                let value = typed_json(other);
                self.apply_other(obj, ns, value)
            }
        }
    }

    fn apply_untyped(&mut self, obj: &Object, ns: &str) -> Result<ApplyOutcome, Failure> {
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
            return Err(("NotFound", message));
        }
        let (value, _) = crate::manifest::de::decode::<Value>(&obj.node);
        let value = value.unwrap_or(Value::Null);
        self.apply_other(obj, ns, value)
    }

    /// Stores an object of a kind with no controller here, as written, with server metadata.
    fn apply_other(
        &mut self,
        obj: &Object,
        ns: &str,
        mut value: Value,
    ) -> Result<ApplyOutcome, Failure> {
        let key = (obj.kind.clone(), ns.to_string(), obj.name.clone());
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
                    m.insert(
                        "creationTimestamp".into(),
                        serde_json::to_value(time::time(self.now())).unwrap_or(Value::Null),
                    );
                }
            }
        }
        if let Some(old) = &old {
            if obj.kind == "Job" && obj.api_version == "batch/v1" {
                let a = old.value.pointer("/spec/template");
                let b = value.pointer("/spec/template");
                if a != b {
                    return Err(invalid("Job.batch", &obj.name, "spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable".into()));
                }
            }
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
    fn upsert<T: Stored>(
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
                    return Err((
                        "Conflict",
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
        match kind {
            "Pod" => controllers::delete_pod(self, ns, name, None),
            "Namespace" => controllers::namespace::delete(self, name),
            "Service" => {
                if let Some(svc) = self.store.get::<Service>(ns, name).cloned() {
                    release_service(self, &svc);
                }
                self.store.remove(kind, ns, name)
            }
            _ => self.store.remove(kind, ns, name),
        }
    }
}

fn typed_json(t: &Typed) -> Value {
    macro_rules! any {
        ($($k:ident),*) => {
            match t {
                $(Typed::$k(v) => serde_json::to_value(&**v),)*
                _ => Ok(Value::Null),
            }
        };
    }
    any!(
        PersistentVolume,
        ReplicationController,
        Job,
        CronJob,
        Ingress,
        NetworkPolicy,
        StorageClass,
        Role,
        ClusterRole,
        RoleBinding,
        ClusterRoleBinding,
        HorizontalPodAutoscaler,
        PodDisruptionBudget
    )
    .unwrap_or(Value::Null)
}

fn bump_generation(old: &ObjectMeta, new: &mut ObjectMeta, spec_changed: bool) {
    new.generation = Some(old.generation.unwrap_or(1) + i64::from(spec_changed));
}

/// Keeps the annotations a controller set on the object (those starting with `prefix`).
fn carry_annotations(old: &ObjectMeta, new: &mut ObjectMeta, prefix: &str) {
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

/// The apps/v1 rule that a workload's selector never changes.
fn same_selector(
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

/// ValidatePodUpdate: only images (and a few fields) of a running Pod may change.
fn pod_update(old: &Pod, new: &mut Pod) -> Result<(), Failure> {
    let name = new.metadata.name.clone().unwrap_or_default();
    new.status = old.status.clone();
    if let (Some(a), Some(b)) = (&old.spec, new.spec.as_mut()) {
        b.node_name = a.node_name.clone();
        let strip = |s: &k8s_openapi::api::core::v1::PodSpec| {
            let mut s = s.clone();
            for c in s
                .containers
                .iter_mut()
                .chain(s.init_containers.iter_mut().flatten())
            {
                c.image = None;
            }
            s.active_deadline_seconds = None;
            s.tolerations = None;
            s.termination_grace_period_seconds = None;
            s
        };
        if strip(a) != strip(b) {
            return Err(invalid("Pod", &name, "spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)".into()));
        }
    }
    Ok(())
}

/// ValidatePersistentVolumeClaimUpdate: an unbound claim's spec is immutable; a bound one may only grow.
fn pvc_update(old: &PersistentVolumeClaim, new: &PersistentVolumeClaim) -> Result<(), Failure> {
    let name = new.metadata.name.clone().unwrap_or_default();
    let bound = old.status.as_ref().and_then(|s| s.phase.as_deref()) == Some("Bound");
    let storage = |p: &PersistentVolumeClaim| {
        p.spec
            .as_ref()
            .and_then(|s| s.resources.as_ref())
            .and_then(|r| r.requests.as_ref())
            .and_then(|r| r.get("storage"))
            .map(|q| super::quantity::amount("storage", q))
    };
    if !bound {
        if old.spec != new.spec {
            return Err(invalid("PersistentVolumeClaim", &name, "spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims".into()));
        }
    } else if storage(new) < storage(old) {
        return Err(invalid("PersistentVolumeClaim", &name, "spec.resources.requests.storage: Forbidden: field can not be less than status.capacity".into()));
    }
    Ok(())
}

fn release_service(c: &mut Cluster, svc: &Service) {
    if let Some(spec) = &svc.spec {
        for ip in spec.cluster_ips.iter().flatten() {
            if ip != "None" {
                c.network.release_cluster_ip(ip);
            }
        }
        for p in spec.ports.iter().flatten() {
            if let Some(np) = p.node_port {
                c.network.node_ports.remove(&np);
            }
        }
    }
}

/// The API server's Service allocation: a ClusterIP (kept across updates, immutable once set), and
/// NodePorts for NodePort and LoadBalancer Services, checked for range and duplicates.
fn service_ips(c: &mut Cluster, new: &mut Service, old: Option<&Service>) -> Result<(), Failure> {
    let name = new.metadata.name.clone().unwrap_or_default();
    let Some(spec) = new.spec.as_mut() else {
        return Ok(());
    };
    let type_ = spec.type_.clone().unwrap_or_default();
    let old_spec = old.and_then(|o| o.spec.clone()).unwrap_or_default();
    let old_ip = old_spec.cluster_ip.clone();
    let wants_ip = type_ != "ExternalName";
    // ClusterIP.
    let mut claimed_ip = None;
    if wants_ip {
        match (spec.cluster_ip.clone(), old_ip.clone()) {
            (None, Some(ip)) => spec.cluster_ip = Some(ip),
            (Some(want), Some(ip)) if want == ip => {}
            (Some(want), Some(_)) => {
                return Err(invalid("Service", &name, format!("spec.clusterIPs[0]: Invalid value: []string{{{}}}: may not change once set", crate::validation::go_quote(&want))));
            }
            (Some(want), None) if want == "None" => {}
            (Some(want), None) if !want.is_empty() => match c.network.claim_cluster_ip(&want) {
                Ok(()) => claimed_ip = Some(want.clone()),
                Err(network::IpError::NotInRange) => {
                    return Err(invalid("Service", &name, format!("spec.clusterIPs: Invalid value: []string{{{}}}: failed to allocate IP {want}: the provided IP ({want}) is not in the valid range. The range of valid IPs is 10.96.0.0/12", crate::validation::go_quote(&want))));
                }
                Err(network::IpError::Allocated) => {
                    return Err(invalid("Service", &name, format!("spec.clusterIPs: Invalid value: []string{{{}}}: failed to allocate IP {want}: provided IP is already allocated", crate::validation::go_quote(&want))));
                }
            },
            _ => {
                spec.cluster_ip = c.network.allocate_cluster_ip(&mut c.rng);
                claimed_ip = spec.cluster_ip.clone();
            }
        }
        spec.cluster_ips = spec.cluster_ip.clone().map(|ip| vec![ip]);
    } else {
        spec.cluster_ip = None;
        spec.cluster_ips = None;
    }
    // NodePorts.
    let wants_ports = type_ == "NodePort"
        || (type_ == "LoadBalancer" && spec.allocate_load_balancer_node_ports != Some(false));
    let old_ports: Vec<i32> = old_spec
        .ports
        .iter()
        .flatten()
        .filter_map(|p| p.node_port)
        .collect();
    let mut fresh = Vec::new();
    let mut failure = None;
    if wants_ports {
        for (i, p) in spec.ports.iter_mut().flatten().enumerate() {
            match p.node_port {
                Some(np) if old_ports.contains(&np) => {}
                Some(np) => {
                    if !(network::NODE_PORT_MIN..=network::NODE_PORT_MAX).contains(&np) {
                        failure = Some(format!("spec.ports[{i}].nodePort: Invalid value: {np}: provided port is not in the valid range. The range of valid ports is 30000-32767"));
                        break;
                    }
                    if !c.network.node_ports.insert(np) {
                        failure = Some(format!("spec.ports[{i}].nodePort: Invalid value: {np}: provided port is already allocated"));
                        break;
                    }
                    fresh.push(np);
                }
                None => {
                    // Keep the port the same port had before.
                    let kept = old_spec
                        .ports
                        .iter()
                        .flatten()
                        .find(|o| o.port == p.port && o.protocol == p.protocol)
                        .and_then(|o| o.node_port);
                    p.node_port = kept.or_else(|| {
                        let np = c.network.allocate_node_port(&mut c.rng);
                        fresh.extend(np);
                        np
                    });
                }
            }
        }
    } else {
        for (i, p) in spec.ports.iter().flatten().enumerate() {
            if p.node_port.is_some() && failure.is_none() {
                failure = Some(format!(
                    "spec.ports[{i}].nodePort: Forbidden: may not be used when `type` is '{type_}'"
                ));
            }
        }
    }
    if let Some(f) = failure {
        for np in fresh {
            c.network.node_ports.remove(&np);
        }
        if let Some(ip) = claimed_ip {
            c.network.release_cluster_ip(&ip);
        }
        return Err(invalid("Service", &name, f));
    }
    // Release what the old version had and the new one does not.
    let new_ports: Vec<i32> = spec
        .ports
        .iter()
        .flatten()
        .filter_map(|p| p.node_port)
        .collect();
    for np in old_ports {
        if !new_ports.contains(&np) {
            c.network.node_ports.remove(&np);
        }
    }
    if let Some(ip) = old_ip {
        if spec.cluster_ip.as_deref() != Some(ip.as_str()) && ip != "None" {
            c.network.release_cluster_ip(&ip);
        }
    }
    new.status = Some(k8s_openapi::api::core::v1::ServiceStatus {
        load_balancer: Some(Default::default()),
        conditions: None,
    });
    Ok(())
}
