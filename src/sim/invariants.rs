//! What a Kubernetes cluster keeps true whatever is applied, edited, deleted or faulted, checked
//! on the simulated cluster after every step: by the `simulate` fuzzer, and by the property test
//! of the ordinary suite over seeded random sequences.
//!
//! The one thing to know: each invariant restates a guarantee one of Kubernetes' controllers or
//! its API server gives, not a fact of every moment. The controllers here finish their work within
//! a settle, so what upstream reaches "eventually" (the garbage collector, PodGC, the EndpointSlice
//! controller) must hold once a step returns; what upstream only promises while nothing else
//! intervenes (a rollout's lower bound) is checked only while nothing did. Invariants that need
//! two runs or two applies (determinism, an apply repeated) live with the runner, `script.rs`.

use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::Pod;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::controllers::deployment::fenceposts;
use super::events::MAX_EVENTS;
use super::pod::{is_active, is_available, is_ready, phase};
use super::store::controller_of;
use super::{Cluster, Millis};

/// An invariant that did not hold, by name, with what was seen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    pub invariant: &'static str,
    pub detail: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "invariant {} broken: {}", self.invariant, self.detail)
    }
}

type Check = fn(&Cluster) -> Result<(), String>;

/// The invariants that hold at any settled instant, each one function below.
pub const STATELESS: &[(&str, Check)] = &[
    ("owners-exist", owners_exist),
    ("one-controller", one_controller),
    ("namespaces-exist", namespaces_exist),
    ("pods-on-existing-nodes", pods_on_existing_nodes),
    (
        "endpoint-slices-list-selected-pods",
        endpoint_slices_list_selected_pods,
    ),
    ("pod-ips-unique", pod_ips_unique),
    ("cluster-ips-unique", cluster_ips_unique),
    ("events-bounded", events_bounded),
    ("bound-claims-and-volumes-name-each-other", bindings_two_way),
    ("jobs-within-parallelism", jobs_within_parallelism),
    ("budgets-count-healthy-pods", budgets_count_healthy_pods),
    (
        "graph-draws-every-object-once",
        graph_draws_every_object_once,
    ),
];

/// What a Deployment looked like the last time it was complete; while its spec and its Pods are
/// left alone, a rollout from there keeps the lower bound.
#[derive(Clone, Debug, PartialEq)]
struct Baseline {
    spec: String,
    restarts: i64,
    available: BTreeSet<String>,
}

/// Checks every invariant after each step, keeping what the stateful ones compare against.
#[derive(Clone, Debug, Default)]
pub struct Checker {
    last_now: Option<Millis>,
    baselines: BTreeMap<String, Baseline>,
    /// Each CronJob's (by uid) Jobs at the last check, and whether it was Forbid then.
    cron_children: BTreeMap<String, (bool, BTreeSet<String>)>,
    /// How many checks ran, for the reports.
    pub checks: u64,
    /// How many times a Deployment in the middle of a rollout (Pods of more than one template)
    /// was held to the lower bound: a sequence that never gets there tests little.
    pub rollouts_bounded: u64,
}

impl Checker {
    pub fn new() -> Checker {
        Checker::default()
    }

    /// Something outside the controllers intervened (a node fault, a Pod deleted by hand): the
    /// rollouts' lower bounds start again from the next complete Deployment.
    pub fn disturbed(&mut self) {
        self.baselines.clear();
    }

    /// Every invariant, in order; the first that does not hold.
    pub fn check(&mut self, c: &Cluster) -> Result<(), Violation> {
        self.checks += 1;
        if let Some(before) = self.last_now {
            if c.now() < before {
                return Err(Violation {
                    invariant: "clock-never-runs-backwards",
                    detail: format!("the clock went from {before} to {}", c.now()),
                });
            }
        }
        self.last_now = Some(c.now());
        for (invariant, check) in STATELESS {
            check(c).map_err(|detail| Violation { invariant, detail })?;
        }
        self.rollouts_within_bounds(c).map_err(|detail| Violation {
            invariant: "rollouts-within-bounds",
            detail,
        })?;
        self.forbid_runs_one_at_a_time(c)
            .map_err(|detail| Violation {
                invariant: "forbid-runs-one-at-a-time",
                detail,
            })
    }

    /// The CronJob controller's promise for `concurrencyPolicy: Forbid`
    /// (cronjob_controllerv2.go, `JobAlreadyActive`): no Job starts while another of the
    /// CronJob's Jobs is still running. Checked for Jobs new since the last check, while the
    /// policy was Forbid both then and now (an edit to Forbid leaves earlier runs alone).
    fn forbid_runs_one_at_a_time(&mut self, c: &Cluster) -> Result<(), String> {
        use super::controllers::job::finished;
        let mut now: BTreeMap<String, (bool, BTreeSet<String>)> = BTreeMap::new();
        for cj in c.store.cron_jobs.values() {
            let uid = cj.metadata.uid.clone().unwrap_or_default();
            let forbid = cj
                .spec
                .as_ref()
                .and_then(|s| s.concurrency_policy.as_deref())
                == Some("Forbid");
            let children: Vec<_> = c
                .store
                .jobs
                .values()
                .filter(|j| controller_of(&j.metadata).is_some_and(|o| o.uid == uid))
                .collect();
            if let Some((was_forbid, seen)) = self.cron_children.get(&uid) {
                if forbid && *was_forbid {
                    for new in children
                        .iter()
                        .filter(|j| !seen.contains(j.metadata.name.as_deref().unwrap_or_default()))
                    {
                        let started = new
                            .metadata
                            .creation_timestamp
                            .as_ref()
                            .map(super::time::millis_of);
                        let running = children.iter().find(|j| {
                            j.metadata.name != new.metadata.name
                                && finished(j).is_none()
                                && j.metadata
                                    .creation_timestamp
                                    .as_ref()
                                    .map(super::time::millis_of)
                                    < started
                        });
                        if let Some(other) = running {
                            return Err(format!(
                                "CronJob {} started Job {} while Job {} was running",
                                cj.metadata.name.clone().unwrap_or_default(),
                                new.metadata.name.clone().unwrap_or_default(),
                                other.metadata.name.clone().unwrap_or_default()
                            ));
                        }
                    }
                }
            }
            let names = children
                .iter()
                .filter_map(|j| j.metadata.name.clone())
                .collect();
            now.insert(uid, (forbid, names));
        }
        self.cron_children = now;
        Ok(())
    }

    /// The Deployment controller's promise, as upstream's e2e `WaitForDeploymentComplete` checks
    /// it during a rolling update (test/utils/deployment.go): never more Pods than
    /// `replicas + maxSurge`, and, while no Pod fails and nothing intervenes, never fewer
    /// available than `replicas - maxUnavailable` (`deploymentutil.MinAvailable`). Recreate
    /// Deployments promise neither: upstream's `scale` leaves a Recreate Deployment with two
    /// active ReplicaSets (its strategy switched mid-rollout) as it is when its replicas change.
    fn rollouts_within_bounds(&mut self, c: &Cluster) -> Result<(), String> {
        let mut seen = BTreeSet::new();
        for d in c.store.deployments.values() {
            let Some(spec) = d.spec.as_ref() else {
                continue;
            };
            let uid = d.metadata.uid.clone().unwrap_or_default();
            if d.metadata.deletion_timestamp.is_some() {
                continue;
            }
            seen.insert(uid.clone());
            let name = d.metadata.name.clone().unwrap_or_default();
            let replicas = spec.replicas.unwrap_or(1);
            if spec.strategy.as_ref().and_then(|s| s.type_.as_deref()) == Some("Recreate") {
                self.baselines.remove(&uid);
                continue;
            }
            let (surge, unavailable) = fenceposts(d);
            let min_ready = spec.min_ready_seconds.unwrap_or(0);
            let pods = deployment_pods(c, d);
            let active = pods.iter().filter(|p| is_active(p)).count() as i32;
            if active > replicas + surge {
                return Err(format!(
                    "deployment {name}: {active} active Pods, more than replicas {replicas} + maxSurge {surge}"
                ));
            }
            let available: BTreeSet<String> = pods
                .iter()
                .filter(|p| is_active(p) && is_available(p, min_ready, c.now()))
                .filter_map(|p| p.metadata.name.clone())
                .collect();
            let restarts: i64 = pods.iter().map(|p| restart_count(p)).sum();
            let spec_text =
                serde_json::to_string(&(replicas, &spec.strategy, min_ready)).unwrap_or_default();
            let lost_by_itself = |b: &Baseline| {
                // A Pod that was available and is no longer, while still active, failed on its
                // own (a probe, a crash): that is a Pod failing, which the bound does not cover.
                b.available.iter().any(|n| {
                    !available.contains(n)
                        && pods
                            .iter()
                            .any(|p| p.metadata.name.as_deref() == Some(n) && is_active(p))
                })
            };
            let keep = match self.baselines.get(&uid) {
                Some(b) => b.spec == spec_text && b.restarts == restarts && !lost_by_itself(b),
                None => false,
            };
            if keep {
                let templates: BTreeSet<_> = pods
                    .iter()
                    .filter_map(|p| controller_of(&p.metadata).map(|r| r.uid.clone()))
                    .collect();
                if templates.len() > 1 {
                    self.rollouts_bounded += 1;
                }
                let min = replicas - unavailable;
                if (available.len() as i32) < min {
                    return Err(format!(
                        "deployment {name}: {} available Pods, fewer than replicas {replicas} - maxUnavailable {unavailable}",
                        available.len()
                    ));
                }
            }
            let complete = available.len() as i32 >= replicas;
            if keep || complete {
                self.baselines.insert(
                    uid,
                    Baseline {
                        spec: spec_text,
                        restarts,
                        available,
                    },
                );
            } else {
                self.baselines.remove(&uid);
            }
        }
        self.baselines.retain(|uid, _| seen.contains(uid));
        Ok(())
    }
}

/// The Pods of a Deployment: those controlled by the ReplicaSets it controls.
fn deployment_pods(c: &Cluster, d: &Deployment) -> Vec<std::rc::Rc<Pod>> {
    let uid = d.metadata.uid.as_deref().unwrap_or_default();
    let ns = d.metadata.namespace.as_deref().unwrap_or_default();
    let sets: BTreeSet<String> = c
        .store
        .replica_sets
        .in_namespace(ns)
        .filter(|rs| controller_of(&rs.metadata).is_some_and(|r| r.uid == uid))
        .filter_map(|rs| rs.metadata.uid.clone())
        .collect();
    c.store
        .pods
        .items
        .iter()
        .filter(|((pns, _), _)| pns == ns)
        .filter(|(_, p)| controller_of(&p.metadata).is_some_and(|r| sets.contains(&r.uid)))
        .map(|(_, p)| p.clone())
        .collect()
}

fn restart_count(p: &Pod) -> i64 {
    p.status
        .as_ref()
        .and_then(|s| s.container_statuses.as_ref())
        .into_iter()
        .flatten()
        .map(|s| i64::from(s.restart_count))
        .sum()
}

/// The first error `check` finds over every object's kind and metadata.
fn each_meta(
    c: &Cluster,
    check: &mut dyn FnMut(&str, &ObjectMeta) -> Result<(), String>,
) -> Result<(), String> {
    let mut first = Ok(());
    c.store.each_meta(&mut |kind, meta| {
        if first.is_ok() {
            first = check(kind, meta);
        }
    });
    first
}

fn describe(kind: &str, meta: &ObjectMeta) -> String {
    match meta.namespace.as_deref().filter(|n| !n.is_empty()) {
        Some(ns) => format!("{kind} {ns}/{}", meta.name.as_deref().unwrap_or_default()),
        None => format!("{kind} {}", meta.name.as_deref().unwrap_or_default()),
    }
}

/// The garbage collector's rule (garbagecollector.go `attemptToDeleteItem`): an object whose
/// owners are all gone is deleted, and a dangling reference beside a living owner is removed; so
/// once it has run, no ownerReference names a missing owner, but on an object being deleted.
/// The Graph tab's picture of the cluster: a node for each object the tables list (EndpointSlices
/// and Namespaces aside) and no other besides ghosts of what is named but missing, each edge
/// between two of them, and every Pod that a Service's EndpointSlice lists linked to it.
fn graph_draws_every_object_once(c: &Cluster) -> Result<(), String> {
    let g = crate::sim::print::graph::graph(c, crate::i18n::Lang::En);
    let mut keys = std::collections::HashSet::new();
    for n in &g.nodes {
        if !keys.insert(n.key()) {
            return Err(format!("{} is drawn twice", n.key()));
        }
    }
    for t in crate::sim::print::tables(c, false) {
        for r in t
            .rows
            .iter()
            .filter(|r| r.kind != "EndpointSlice" && r.kind != "Namespace")
        {
            let key = format!("{}/{}/{}", r.kind, r.namespace, r.name);
            if g.nodes.iter().any(|n| n.missing && n.key() == key) || !keys.contains(&key) {
                return Err(format!("{key} is listed but not drawn"));
            }
        }
    }
    if let Some(e) = g
        .edges
        .iter()
        .find(|e| e.from >= g.nodes.len() || e.to >= g.nodes.len())
    {
        return Err(format!("an edge to nothing: {e:?}"));
    }
    for svc in c.store.services.values() {
        let ns = svc.metadata.namespace.as_deref().unwrap_or_default();
        let name = svc.metadata.name.as_deref().unwrap_or_default();
        let uid = svc.metadata.uid.as_deref().unwrap_or_default();
        let Some(from) = g.find("Service", ns, name) else {
            continue;
        };
        // A Service without a selector keeps the slices it had (the controller no longer
        // manages them): the graph draws selection, not stale slices.
        let selects = svc
            .spec
            .as_ref()
            .and_then(|s| s.selector.as_ref())
            .is_some_and(|s| !s.is_empty());
        if !selects {
            continue;
        }
        // The Service's own slices (a slice of a Service deleted and made again waits for the
        // garbage collector).
        let slices = c
            .store
            .endpoint_slices
            .in_namespace(ns)
            .filter(|es| controller_of(&es.metadata).is_some_and(|r| r.uid == uid));
        for es in slices {
            for ep in &es.endpoints {
                let Some(pod) = ep.target_ref.as_ref().and_then(|t| t.name.as_deref()) else {
                    continue;
                };
                let Some(to) = g.find("Pod", ns, pod) else {
                    continue;
                };
                let linked = g.edges.iter().any(|e| {
                    e.from == from
                        && e.to == to
                        && matches!(
                            e.link,
                            crate::graph::Link::Selects | crate::graph::Link::NotReady
                        )
                });
                if !linked {
                    let links: Vec<String> = g
                        .edges
                        .iter()
                        .filter(|e| e.from == from || e.to == to)
                        .map(|e| {
                            format!(
                                "{} -{:?}-> {}",
                                g.nodes[e.from].key(),
                                e.link,
                                g.nodes[e.to].key()
                            )
                        })
                        .collect();
                    return Err(format!(
                        "Service {ns}/{name} (selector {:?}) lists Pod {pod} (labels {:?}) but is not linked to it: {links:?}",
                        svc.spec.as_ref().and_then(|s| s.selector.as_ref()),
                        c.store.pods.get(ns, pod).and_then(|p| p.metadata.labels.as_ref()),
                    ));
                }
            }
        }
    }
    Ok(())
}

fn owners_exist(c: &Cluster) -> Result<(), String> {
    each_meta(c, &mut |kind, meta| {
        if meta.deletion_timestamp.is_some() {
            return Ok(());
        }
        for r in meta.owner_references.iter().flatten() {
            if !c.store.index.uids.contains_key(&r.uid) {
                return Err(format!(
                    "{} names the owner {} {} (uid {}), which does not exist",
                    describe(kind, meta),
                    r.kind,
                    r.name,
                    r.uid
                ));
            }
        }
        Ok(())
    })
}

/// apimachinery's ValidateOwnerReferences: "Only one reference can have Controller set to true".
fn one_controller(c: &Cluster) -> Result<(), String> {
    each_meta(c, &mut |kind, meta| {
        let n = meta
            .owner_references
            .iter()
            .flatten()
            .filter(|r| r.controller == Some(true))
            .count();
        if n > 1 {
            return Err(format!(
                "{} has {n} controller references",
                describe(kind, meta)
            ));
        }
        Ok(())
    })
}

/// The NamespaceLifecycle admission plugin refuses objects in a missing namespace, and the
/// namespace controller deletes a terminating namespace's content before the namespace: no
/// namespaced object outlives its namespace.
fn namespaces_exist(c: &Cluster) -> Result<(), String> {
    each_meta(c, &mut |kind, meta| {
        let ns = meta.namespace.as_deref().unwrap_or_default();
        if !ns.is_empty() && c.store.namespaces.get("", ns).is_none() {
            return Err(format!(
                "{} is in a namespace that does not exist",
                describe(kind, meta)
            ));
        }
        Ok(())
    })
}

/// pv_controller.go `bind` and syncBoundClaim/syncVolume: a claim and a volume that are both
/// Bound name each other (the claim's volumeName, the volume's claimRef with the claim's uid).
fn bindings_two_way(c: &Cluster) -> Result<(), String> {
    use crate::sim::storage::{claim_phase, volume_phase};
    for claim in c.store.persistent_volume_claims.values() {
        let Some(volume) = claim
            .spec
            .as_ref()
            .and_then(|s| s.volume_name.as_deref())
            .and_then(|v| c.store.persistent_volumes.get("", v))
        else {
            continue;
        };
        if claim_phase(claim) != "Bound" || volume_phase(volume) != "Bound" {
            continue;
        }
        if !crate::sim::storage::matcher::is_bound_to_claim(volume, claim)
            || volume
                .spec
                .as_ref()
                .and_then(|s| s.claim_ref.as_ref())
                .and_then(|r| r.uid.as_ref())
                != claim.metadata.uid.as_ref()
        {
            return Err(format!(
                "{} is Bound to volume {}, whose claimRef names another claim",
                describe("PersistentVolumeClaim", &claim.metadata),
                volume.metadata.name.as_deref().unwrap_or_default()
            ));
        }
    }
    Ok(())
}

/// PodGC's `gcOrphaned` (pkg/controller/podgc/gc_controller.go): a Pod bound to a Node that no
/// longer exists is deleted; so a Pod's nodeName names an existing Node, or it is being deleted.
fn pods_on_existing_nodes(c: &Cluster) -> Result<(), String> {
    for p in c.store.pods.values() {
        let Some(node) = p.spec.as_ref().and_then(|s| s.node_name.as_deref()) else {
            continue;
        };
        if p.metadata.deletion_timestamp.is_none() && c.store.nodes.get("", node).is_none() {
            return Err(format!(
                "{} is bound to node {node}, which does not exist",
                describe("Pod", &p.metadata)
            ));
        }
    }
    Ok(())
}

/// The EndpointSlice controller's reconciler (pkg/controller/endpointslice/reconciler.go with
/// `ShouldPodBeInEndpoints` and `podToEndpoint`): the slices of a Service with a selector list
/// exactly the Pods in its namespace that match the selector, have an IP, have not finished, and
/// serve its ports; each endpoint is ready when the Pod is Ready and not terminating (or the
/// Service publishes not-ready addresses).
fn endpoint_slices_list_selected_pods(c: &Cluster) -> Result<(), String> {
    for svc in c.store.services.values() {
        let Some(spec) = svc.spec.as_ref() else {
            continue;
        };
        let Some(selector) = spec.selector.as_ref().filter(|s| !s.is_empty()) else {
            continue;
        };
        if spec.type_.as_deref() == Some("ExternalName") {
            continue;
        }
        let ns = svc.metadata.namespace.as_deref().unwrap_or_default();
        let name = svc.metadata.name.as_deref().unwrap_or_default();
        let uid = svc.metadata.uid.as_deref().unwrap_or_default();
        let publish = spec.publish_not_ready_addresses == Some(true);
        let has_ports = spec.ports.as_ref().is_some_and(|p| !p.is_empty());
        let mut want: BTreeMap<String, bool> = BTreeMap::new();
        for p in c.store.pods.in_namespace(ns) {
            let labels = p.metadata.labels.as_ref();
            if !selector
                .iter()
                .all(|(k, v)| labels.and_then(|l| l.get(k)) == Some(v))
            {
                continue;
            }
            if p.status.as_ref().and_then(|s| s.pod_ip.as_ref()).is_none()
                || matches!(phase(p), "Succeeded" | "Failed")
            {
                continue;
            }
            if has_ports && !serves_a_port(svc, p) {
                continue;
            }
            let ready = publish || (is_ready(p) && p.metadata.deletion_timestamp.is_none());
            want.insert(p.metadata.name.clone().unwrap_or_default(), ready);
        }
        let mut have: BTreeMap<String, bool> = BTreeMap::new();
        for slice in c.store.endpoint_slices.in_namespace(ns) {
            if controller_of(&slice.metadata).is_none_or(|r| r.uid != uid) {
                continue;
            }
            for e in &slice.endpoints {
                let pod = e
                    .target_ref
                    .as_ref()
                    .and_then(|t| t.name.clone())
                    .unwrap_or_default();
                let ready = e.conditions.as_ref().and_then(|c| c.ready) == Some(true);
                if have.insert(pod.clone(), ready).is_some() {
                    return Err(format!("service {ns}/{name}: Pod {pod} is listed twice"));
                }
            }
        }
        if want != have {
            return Err(format!(
                "service {ns}/{name}: its slices list {have:?}, its selector picks {want:?}"
            ));
        }
    }
    Ok(())
}

/// Whether any of a Service's ports resolves on a Pod (`podutil.FindPort`).
fn serves_a_port(svc: &k8s_openapi::api::core::v1::Service, p: &Pod) -> bool {
    use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
    let Some(pod_spec) = p.spec.as_ref() else {
        return false;
    };
    svc.spec
        .as_ref()
        .and_then(|s| s.ports.as_ref())
        .into_iter()
        .flatten()
        .any(|sp| {
            let target = sp.target_port.clone().unwrap_or(IntOrString::Int(sp.port));
            super::pod::find_port(
                super::pod::serving_port_refs(pod_spec),
                &target,
                sp.protocol.as_deref(),
            )
            .is_some()
        })
}

/// The pod network's IPAM (host-local in kind): no two Pods that hold an IP on the Pod network
/// hold the same one.
fn pod_ips_unique(c: &Cluster) -> Result<(), String> {
    held_once(c.store.pods.values().filter_map(|p| {
        if p.spec.as_ref().and_then(|s| s.host_network) == Some(true) {
            return None;
        }
        let ip = p.status.as_ref()?.pod_ip.clone()?;
        Some((ip, describe("Pod", &p.metadata)))
    }))
}

/// The Service IP allocator (pkg/registry/core/service/ipallocator): a clusterIP belongs to one
/// Service.
fn cluster_ips_unique(c: &Cluster) -> Result<(), String> {
    held_once(c.store.services.values().filter_map(|s| {
        let ip = s
            .spec
            .as_ref()?
            .cluster_ip
            .clone()
            .filter(|ip| ip != "None" && !ip.is_empty())?;
        Some((ip, describe("Service", &s.metadata)))
    }))
}

/// The first address two holders share, given (address, holder) pairs.
fn held_once(pairs: impl Iterator<Item = (String, String)>) -> Result<(), String> {
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for (ip, name) in pairs {
        if let Some(other) = seen.insert(ip.clone(), name.clone()) {
            return Err(format!("{other} and {name} both hold {ip}"));
        }
    }
    Ok(())
}

/// The API server keeps Events for an hour (`--event-ttl`); the page keeps at most `MAX_EVENTS`,
/// so the list is bounded however long the cluster runs.
fn events_bounded(c: &Cluster) -> Result<(), String> {
    let n = c.events.len();
    if n > MAX_EVENTS {
        return Err(format!("{n} events kept, more than {MAX_EVENTS}"));
    }
    if c.events().len() != n {
        return Err(format!("{} of {n} events are listed", c.events().len()));
    }
    Ok(())
}

#[cfg(test)]
mod tests;

/// The Job controller's promise (job_controller.go `manageJob`): never more running Pods than
/// `parallelism` (none while suspended), once a sync has looked at the Job.
fn jobs_within_parallelism(c: &Cluster) -> Result<(), String> {
    for job in c.store.jobs.values() {
        let spec = job.spec.clone().unwrap_or_default();
        let allowed = if spec.suspend == Some(true) {
            0
        } else {
            spec.parallelism.unwrap_or(1).max(0) as usize
        };
        let uid = job.metadata.uid.clone().unwrap_or_default();
        let running = c
            .store
            .pods
            .values()
            .filter(|p| controller_of(&p.metadata).is_some_and(|o| o.uid == uid) && is_active(p))
            .count();
        if running > allowed {
            return Err(format!(
                "Job {}/{} runs {running} Pods, more than the {allowed} it allows",
                job.metadata.namespace.clone().unwrap_or_default(),
                job.metadata.name.clone().unwrap_or_default()
            ));
        }
    }
    Ok(())
}

/// The disruption controller's status (disruption.go `getPodsForPdb`, `countHealthyPods`,
/// `updatePdbStatus`): once it has synced a budget, currentHealthy counts the Pods the selector
/// matches that are Ready, not being deleted and not lately evicted, and disruptionsAllowed is
/// what is healthy beyond what is desired, none while no Pods are expected.
fn budgets_count_healthy_pods(c: &Cluster) -> Result<(), String> {
    use crate::sim::controllers::disruption::{pods_of, KIND};
    for ((kind, ns, name), o) in &c.store.others {
        let Some(status) = o.value.get("status").filter(|s| s.is_object()) else {
            continue;
        };
        if kind != KIND {
            continue;
        }
        let failed = status["conditions"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|c| c["reason"] == "SyncFailed");
        if failed {
            continue;
        }
        let n = |k: &str| status[k].as_i64().unwrap_or(0);
        let disrupted = status["disruptedPods"].as_object();
        let healthy = pods_of(c, &o.value, ns)
            .into_iter()
            .filter(|p| p.metadata.deletion_timestamp.is_none())
            .filter(|p| {
                let pod = p.metadata.name.as_deref().unwrap_or_default();
                disrupted.is_none_or(|d| !d.contains_key(pod))
            })
            .filter(|p| crate::sim::pod::is_ready(p))
            .count() as i64;
        if n("currentHealthy") != healthy {
            return Err(format!(
                "PodDisruptionBudget {ns}/{name} counts {} healthy Pods; {healthy} are",
                n("currentHealthy")
            ));
        }
        let allowed = if n("expectedPods") <= 0 {
            0
        } else {
            (n("currentHealthy") - n("desiredHealthy")).max(0)
        };
        if n("disruptionsAllowed") != allowed {
            return Err(format!(
                "PodDisruptionBudget {ns}/{name} allows {} disruptions, not {allowed}: {status}",
                n("disruptionsAllowed")
            ));
        }
    }
    Ok(())
}
