//! One module per controller, each reconciling the store toward the spec of the objects it owns, as
//! kube-controller-manager's controllers do.
//!
//! The one thing to know: a controller is two functions, listed once in [`CONTROLLERS`]. `watches`
//! maps a write to the store to the keys that must be looked at again (its own object, the owner
//! named in `ownerReferences`, the Services whose selector matches a Pod's labels, ...), and
//! `reconcile` brings one key's object to its spec. Reconciles are level-triggered and idempotent:
//! reconciling a key twice changes nothing the second time, so a key queued for nothing costs only
//! its look.

pub mod cronjob;
pub mod daemonset;
pub mod deployment;
pub mod disruption;
pub mod endpointslice;
pub mod garbage_collector;
pub mod job;
pub mod namespace;
pub mod node_lifecycle;
pub mod persistentvolume;
pub mod pv_protection;
pub mod pvc_protection;
pub mod replicaset;
pub mod statefulset;
pub mod taint_eviction;
pub mod ttl_after_finished;

use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use k8s_openapi::api::core::v1::{Pod, PodTemplateSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, OwnerReference};

pub(crate) use super::controller::{controller_keys, finished, own_key, Controller};
use super::events::{EventType, Source};
pub use super::pod::{
    available_at, condition, is_active, is_available, is_ready, is_terminating, pending_status,
    phase, qos_class, ready_since,
};
use super::queue::QueueKey;
use super::store::{Key, Store, Stored};
use super::time::{self, millis_of};
use super::{defaults, involved, Cluster};

/// The object a key names, unless it is gone or being deleted (a controller leaves those to the
/// garbage collector).
pub(crate) fn live<T: Stored>(c: &Cluster, key: &QueueKey) -> Option<Rc<T>> {
    T::table(&c.store)
        .shared(&key.namespace, &key.name)
        .filter(|o| o.metadata().deletion_timestamp.is_none())
}

/// Queues every object of a kind (in one namespace, or everywhere): what a change that may concern
/// any of them asks for.
pub(crate) fn queue_all<T: Stored>(store: &Store, ns: Option<&str>, out: &mut dyn FnMut(QueueKey)) {
    let table = &T::table(store).items;
    let keys: Box<dyn Iterator<Item = &Key>> = match ns {
        Some(ns) => Box::new(
            table
                .range((ns.to_string(), String::new())..)
                .take_while(move |((n, _), _)| n == ns)
                .map(|(k, _)| k),
        ),
        None => Box::new(table.keys()),
    };
    for (n, name) in keys {
        out(QueueKey::new(n, name));
    }
}

/// The objects of a kind in a namespace that no controller owns (adoption candidates), in name
/// order.
pub(crate) fn uncontrolled<'a, T: Stored>(
    c: &'a Cluster,
    ns: &'a str,
) -> impl Iterator<Item = &'a Rc<T>> + 'a {
    c.store
        .index
        .uncontrolled
        .range((T::KIND.to_string(), (ns.to_string(), String::new()))..)
        .take_while(move |(kind, (n, _))| kind == T::KIND && n == ns)
        .filter_map(|(_, key)| T::table(&c.store).items.get(key))
}

/// The Pods a controller controls, in namespace/name order.
pub(crate) fn controlled_pods<'a>(c: &'a Cluster, uid: &str) -> impl Iterator<Item = &'a Key> + 'a {
    c.store
        .index
        .controlled
        .get(uid)
        .into_iter()
        .flatten()
        .filter(|(kind, _)| kind == "Pod")
        .map(|(_, k)| k)
}

/// Creates a Pod from a template, as a controller does; None when the cluster is full.
pub fn create_pod(
    c: &mut Cluster,
    ns: &str,
    name: String,
    template: &PodTemplateSpec,
    extra_labels: &[(&str, String)],
    owner: OwnerReference,
) -> Option<Pod> {
    if c.store.pods.len() >= c.max_pods {
        return None;
    }
    let mut pod = pod_from_template(ns, name, template, extra_labels, owner);
    c.created_meta(&mut pod.metadata, false);
    c.store.put(pod.clone());
    Some(pod)
}

/// The Pod a controller would create from a template (`GetPodFromTemplate`), with the API
/// server's defaults and admission, not yet created: for controllers that add to it first.
pub fn pod_from_template(
    ns: &str,
    name: String,
    template: &PodTemplateSpec,
    extra_labels: &[(&str, String)],
    owner: OwnerReference,
) -> Pod {
    let mut labels = template
        .metadata
        .as_ref()
        .and_then(|m| m.labels.clone())
        .unwrap_or_default();
    for (k, v) in extra_labels {
        labels.insert((*k).to_string(), v.clone());
    }
    let mut spec = template.spec.clone().unwrap_or_default();
    defaults::pod_spec(&mut spec);
    defaults::pod_admission(&mut spec);
    let mut status = pending_status();
    status.qos_class = Some(qos_class(&spec).into());
    Pod {
        metadata: ObjectMeta {
            name: Some(name),
            namespace: Some(ns.into()),
            labels: Some(labels),
            annotations: template
                .metadata
                .as_ref()
                .and_then(|m| m.annotations.clone()),
            owner_references: Some(vec![owner]),
            ..Default::default()
        },
        spec: Some(spec),
        status: Some(status),
    }
}

/// Deletes a Pod gracefully: a Pod on a node gets a deletionTimestamp and its kubelet stops it;
/// a Pod that never reached a node, or has finished, goes at once. False if it did not exist.
pub fn delete_pod(c: &mut Cluster, ns: &str, name: &str, grace: Option<i64>) -> bool {
    let Some(mut pod) = c.store.get::<Pod>(ns, name).cloned() else {
        return false;
    };
    if pod.metadata.deletion_timestamp.is_some() {
        return true;
    }
    let bound = pod
        .spec
        .as_ref()
        .and_then(|s| s.node_name.as_ref())
        .is_some();
    if !bound || matches!(phase(&pod), "Succeeded" | "Failed") {
        // The kubelet notices it is gone and releases what it held.
        c.store.remove("Pod", ns, name);
        return true;
    }
    let grace = grace
        .or_else(|| {
            pod.spec
                .as_ref()
                .and_then(|s| s.termination_grace_period_seconds)
        })
        .unwrap_or(30)
        .max(0);
    pod.metadata.deletion_timestamp = Some(time::time(c.now() + grace * 1000));
    pod.metadata.deletion_grace_period_seconds = Some(grace);
    c.store.put(pod);
    true
}

/// Records an event from a controller about one of its objects.
/// What a controller records when the API server refuses its Pod because the simulated cluster
/// holds its most Pods (`RealPodControl`'s FailedCreate, "Error creating: ...").
pub(crate) fn failed_create<T: Stored>(
    c: &mut Cluster,
    owner: &T,
    pod_name: &str,
    component: &'static str,
) {
    let message = format!(
        "Error creating: pods {} is forbidden: the simulated cluster holds at most {} Pods",
        crate::validation::go_quote(pod_name),
        c.max_pods
    );
    event(
        c,
        owner,
        EventType::Warning,
        "FailedCreate",
        message,
        component,
    );
}

pub fn event<T: super::store::Stored>(
    c: &mut Cluster,
    obj: &T,
    type_: EventType,
    reason: &str,
    message: String,
    component: &'static str,
) {
    c.record(
        involved(obj),
        type_,
        reason,
        message,
        Source::controller(component),
    );
}

/// Labels as a sorted map, for comparisons.
pub fn labels(meta: &ObjectMeta) -> BTreeMap<String, String> {
    meta.labels.clone().unwrap_or_default()
}

/// Pods in the order a ReplicaSet deletes them, first to go first (`controller.ActivePodsWithRanks`).
pub fn deletion_order(c: &Cluster, pods: &mut [Rc<Pod>]) {
    let mut per_node: HashMap<String, usize> = HashMap::new();
    for p in pods.iter() {
        if let Some(n) = p.spec.as_ref().and_then(|s| s.node_name.clone()) {
            *per_node.entry(n).or_default() += 1;
        }
    }
    let now = c.now();
    let rank = |p: &Pod| {
        let node = p.spec.as_ref().and_then(|s| s.node_name.clone());
        let assigned = node.is_some();
        let phase_rank = match phase(p) {
            "Pending" => 0,
            "Unknown" => 1,
            _ => 2,
        };
        let ready = is_ready(p);
        let cost: i64 = p
            .metadata
            .annotations
            .as_ref()
            .and_then(|a| a.get("controller.kubernetes.io/pod-deletion-cost"))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let doubled = node
            .map(|n| per_node.get(&n).copied().unwrap_or(0))
            .unwrap_or(0);
        let ready_for = ready_since(p).map(|s| now - s).unwrap_or(0);
        let restarts: i32 = p
            .status
            .as_ref()
            .and_then(|s| s.container_statuses.as_ref())
            .map(|cs| cs.iter().map(|c| c.restart_count).sum())
            .unwrap_or(0);
        let created = p
            .metadata
            .creation_timestamp
            .as_ref()
            .map(millis_of)
            .unwrap_or(0);
        (
            assigned,
            phase_rank,
            ready,
            cost,
            std::cmp::Reverse(doubled),
            ready_for,
            std::cmp::Reverse(restarts),
            std::cmp::Reverse(created),
            p.metadata.name.clone(),
        )
    };
    pods.sort_by_cached_key(|p| rank(p));
}

/// `pod-template-hash`: FNV-1a over the template (and the collision count), encoded so it never
/// spells a word, as `controller.ComputeHash` does.
pub fn template_hash(template: &PodTemplateSpec, collision_count: Option<i32>) -> String {
    let mut bytes = template_bytes(template);
    if let Some(n) = collision_count {
        bytes.extend_from_slice(&n.to_le_bytes());
    }
    super::rand::safe_encode(&super::rand::fnv32a(&bytes).to_string())
}

/// The template as JSON bytes. The page goes through a JSON value (`sim::json`, whose encoder
/// the page has already), not a second encoder straight to bytes that would double the Pod
/// types' encoding code in the wasm; natively the direct encoding is faster. Both give the same
/// bytes (a test below says so).
fn template_bytes(template: &PodTemplateSpec) -> Vec<u8> {
    #[cfg(target_arch = "wasm32")]
    let bytes = serde_json::to_vec(&crate::sim::json::to_value(template)).unwrap_or_default();
    #[cfg(not(target_arch = "wasm32"))]
    let bytes = serde_json::to_vec(template).unwrap_or_default();
    bytes
}

/// Whether two templates are equal but for one label (deploymentutil.EqualIgnoreHash), without
/// copying their Pod specs.
pub fn same_template(a: &PodTemplateSpec, b: &PodTemplateSpec, key: &str) -> bool {
    let meta = |t: &PodTemplateSpec| {
        let mut m = t.metadata.clone();
        if let Some(l) = m.as_mut().and_then(|m| m.labels.as_mut()) {
            l.remove(key);
        }
        m
    };
    a.spec == b.spec && meta(a) == meta(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_encodes_to_the_same_bytes_directly_and_through_a_value() {
        // What keeps pod-template-hash the same in the page (through a value) and the CLI.
        let text = "metadata:\n  labels: {app: web, tier: front}\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n    ports: [{containerPort: 80}]\n    env: [{name: B, value: '2'}, {name: A, value: '1'}]\n  volumes: [{name: v, emptyDir: {}}]\n";
        let node = crate::manifest::yaml::parse_stream(text)
            .into_iter()
            .find_map(|d| d.root)
            .expect("yaml");
        let t: PodTemplateSpec = crate::manifest::de::decode(&node).0.expect("a template");
        let direct = serde_json::to_vec(&t).expect("bytes");
        let through = serde_json::to_vec(&crate::sim::json::to_value(&t)).expect("bytes");
        assert_eq!(String::from_utf8(direct), String::from_utf8(through));
    }
}
