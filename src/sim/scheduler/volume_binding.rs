//! The scheduler's volume plugins (pkg/scheduler/framework/plugins/volumebinding and
//! volumerestrictions): a Pod's claims must exist and, unless their class waits for a consumer,
//! be bound; a bound claim's volume must fit the node; a claim that waits for its first consumer
//! must have a volume it can bind on the node, or a provisioner that can make one there. The
//! node chosen, the scheduler binds those claims (a volume's claimRef, or the claim's
//! `selected-node` for its provisioner) and binds the Pod once every claim is bound (PreBind).
//!
//! The one thing to know: claims of an Immediate class are the PersistentVolume controller's to
//! bind, and a Pod waits for them (`pod has unbound immediate PersistentVolumeClaims`).

use std::collections::BTreeSet;

use k8s_openapi::api::core::v1::{Node, PersistentVolume, PersistentVolumeClaim, Pod};
use k8s_openapi::api::storage::v1::StorageClass;

use super::filter::{term_matches, Reason};
use super::{Cycle, NodeInfo};
use crate::sim::storage::matcher::{claim_class, find_matching_volume, node_affinity_fits};
use crate::sim::storage::{
    claim_request, is_delay_binding, is_fully_bound, ANN_SELECTED_NODE, NO_PROVISIONER,
};
use crate::sim::store::Store;

const BIND_CONFLICT: &str = "node(s) didn't find available persistent volumes to bind";
const NODE_CONFLICT: &str = "node(s) had volume node affinity conflict";
const PV_NOT_EXIST: &str =
    "node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)";
const RWOP_CONFLICT: &str =
    "node(s) unavailable due to PersistentVolumeClaim with ReadWriteOncePod access mode already in-use by another pod";

/// A Pod's claims as PreFilter sorted them (the framework's PodVolumeClaims).
#[derive(Default)]
pub(crate) struct PodVolumes<'a> {
    pub store: Option<&'a Store>,
    /// The volume of each bound claim (None: the volume it names is gone).
    pub bound: Vec<Option<&'a PersistentVolume>>,
    /// Claims whose class waits for a consumer, still unbound.
    pub delayed: Vec<&'a PersistentVolumeClaim>,
    /// A ReadWriteOncePod claim another Pod already uses (VolumeRestrictions).
    pub rwop_conflict: bool,
}

/// What the scheduler does for the Pod's claims on the chosen node.
#[derive(Default)]
pub(super) struct Plan {
    /// (volume, claim): volumes to bind to the Pod's claims.
    pub bindings: Vec<(String, (String, String))>,
    /// Claims a provisioner must make a volume for, on this node.
    pub provisions: Vec<(String, String)>,
}

/// How long PreBind waits for the claims to be bound (the plugin's bindTimeout).
pub(super) const BIND_TIMEOUT: crate::sim::Millis = 600_000;
/// When a Pod whose binding failed is tried again (the queue's initial back-off).
pub(super) const RETRY: crate::sim::Millis = 1_000;

/// A Pod assumed on a node, its volumes being bound.
#[derive(Clone, Debug)]
pub(crate) struct Waiting {
    pub node: String,
    pub since: crate::sim::Millis,
    /// (volume, claim) the scheduler bound.
    pub bindings: Vec<(String, (String, String))>,
}

/// BindPodVolumes' checkBindings: Ok(true) once every claim is bound, Ok(false) while they are
/// being bound, Err with upstream's words when the binding can no longer complete.
pub(super) fn pre_bind(c: &crate::sim::Cluster, pod: &Pod, wait: &Waiting) -> Result<bool, String> {
    let store = &c.store;
    let ns = pod.metadata.namespace.clone().unwrap_or_default();
    if store.get::<Node>("", &wait.node).is_none() {
        return Err(format!(
            "failed to get node {}",
            crate::validation::go_quote(&wait.node)
        ));
    }
    for (volume, (_, claim)) in &wait.bindings {
        let Some(pv) = store.get::<PersistentVolume>("", volume) else {
            return Err(format!(
                "failed to check binding: persistentvolume {} not found",
                crate::validation::go_quote(volume)
            ));
        };
        let names = pv
            .spec
            .as_ref()
            .and_then(|s| s.claim_ref.as_ref())
            .is_some_and(|r| {
                r.name.as_deref() == Some(claim) && r.namespace.as_deref() == Some(&ns)
            });
        if !names {
            return Err(format!(
                "ClaimRef got reset for pv {}",
                crate::validation::go_quote(volume)
            ));
        }
    }
    let mut ready = true;
    for name in crate::sim::storage::pod_claims(pod) {
        let Some(claim) = store.get::<PersistentVolumeClaim>(&ns, name) else {
            return Err(format!(
                "failed to check provisioning pvc: persistentvolumeclaim {} not found",
                crate::validation::go_quote(name)
            ));
        };
        if is_fully_bound(claim) {
            continue;
        }
        ready = false;
        let statically = wait.bindings.iter().any(|(_, (_, c))| c == name);
        let selected = claim
            .metadata
            .annotations
            .as_ref()
            .and_then(|a| a.get(ANN_SELECTED_NODE));
        if !statically && selected != Some(&wait.node) {
            return Err(format!(
                "selectedNode annotation reset for PVC {}",
                crate::validation::go_quote(name)
            ));
        }
    }
    if !ready && c.now() >= wait.since + BIND_TIMEOUT {
        return Err("context deadline exceeded".into());
    }
    Ok(ready)
}

/// VolumeRestrictions and VolumeBinding PreFilter: the Pod's claims, or why no node can take it.
pub(super) fn pre_filter<'a>(
    c: &'a crate::sim::Cluster,
    pod: &Pod,
) -> Result<PodVolumes<'a>, String> {
    let store = &c.store;
    let ns = pod.metadata.namespace.clone().unwrap_or_default();
    let mut out = PodVolumes {
        store: Some(store),
        ..Default::default()
    };
    let mut immediate = false;
    let claims: Vec<&str> = crate::sim::storage::pod_claims(pod).collect();
    for name in &claims {
        let Some(claim) = store.get::<PersistentVolumeClaim>(&ns, name) else {
            return Err(format!(
                "persistentvolumeclaim {} not found",
                crate::validation::go_quote(name)
            ));
        };
        if crate::sim::storage::claim_phase(claim) == "Lost" {
            return Err(format!(
                "persistentvolumeclaim {} bound to non-existent persistentvolume {}",
                crate::validation::go_quote(name),
                crate::validation::go_quote(
                    claim
                        .spec
                        .as_ref()
                        .and_then(|s| s.volume_name.as_deref())
                        .unwrap_or_default()
                )
            ));
        }
        if claim.metadata.deletion_timestamp.is_some() {
            return Err(format!(
                "persistentvolumeclaim {} is being deleted",
                crate::validation::go_quote(name)
            ));
        }
        out.rwop_conflict |= read_write_once_pod_conflict(c, pod, claim);
        if is_fully_bound(claim) {
            let volume = claim
                .spec
                .as_ref()
                .and_then(|s| s.volume_name.as_deref())
                .and_then(|v| store.get::<PersistentVolume>("", v));
            out.bound.push(volume);
        } else if is_delay_binding(store, claim)
            && claim
                .spec
                .as_ref()
                .and_then(|s| s.volume_name.as_deref())
                .is_none_or(str::is_empty)
        {
            out.delayed.push(claim);
        } else {
            immediate = true;
        }
    }
    if immediate {
        return Err("pod has unbound immediate PersistentVolumeClaims".into());
    }
    Ok(out)
}

/// volumerestrictions: a ReadWriteOncePod claim another Pod already uses (scheduled, or assumed
/// on a node while its volumes bind).
fn read_write_once_pod_conflict(
    c: &crate::sim::Cluster,
    pod: &Pod,
    claim: &PersistentVolumeClaim,
) -> bool {
    let store = &c.store;
    let rwop = claim
        .spec
        .as_ref()
        .and_then(|s| s.access_modes.as_ref())
        .is_some_and(|m| m.iter().any(|m| m == "ReadWriteOncePod"));
    if !rwop {
        return false;
    }
    let ns = pod.metadata.namespace.clone().unwrap_or_default();
    let name = claim.metadata.name.clone().unwrap_or_default();
    store
        .index
        .pods_by_claim
        .get(&(ns.clone(), name))
        .into_iter()
        .flatten()
        .filter(|p| Some(p.as_str()) != pod.metadata.name.as_deref())
        .filter_map(|p| store.get::<Pod>(&ns, p))
        .any(|p| {
            let assumed = c
                .scheduler
                .waiting
                .contains_key(&(ns.clone(), p.metadata.name.clone().unwrap_or_default()));
            (assumed || p.spec.as_ref().is_some_and(|s| s.node_name.is_some()))
                && !matches!(crate::sim::pod::phase(p), "Succeeded" | "Failed")
        })
}

/// The VolumeRestrictions filter: every node is out while the Pod's ReadWriteOncePod claim is
/// in use; preemption could free it.
pub(super) fn restrictions(cycle: &Cycle, _node: &NodeInfo, out: &mut Vec<Reason>) {
    if cycle.volumes.rwop_conflict {
        out.push(Reason {
            text: RWOP_CONFLICT.into(),
            resolvable: true,
        });
    }
}

/// The VolumeBinding filter for one node.
pub(super) fn filter(cycle: &Cycle, node: &NodeInfo, out: &mut Vec<Reason>) {
    for text in check(&cycle.volumes, node.node).err().into_iter().flatten() {
        out.push(Reason {
            text: text.into(),
            resolvable: false,
        });
    }
}

/// FindPodVolumes: the plan for the node, or the reasons it cannot take the Pod's claims.
pub(super) fn check(v: &PodVolumes, node: &Node) -> Result<Plan, Vec<&'static str>> {
    let mut reasons = Vec::new();
    let Some(store) = v.store else {
        return Ok(Plan::default());
    };
    // checkBoundClaims: the first bound claim that fails decides.
    for volume in &v.bound {
        match volume {
            None => {
                reasons.push(PV_NOT_EXIST);
                break;
            }
            Some(pv) if !node_affinity_fits(pv, node) => {
                reasons.push(NODE_CONFLICT);
                break;
            }
            Some(_) => {}
        }
    }
    let node_name = node.metadata.name.clone().unwrap_or_default();
    let mut plan = Plan::default();
    let mut to_provision: Vec<&PersistentVolumeClaim> = Vec::new();
    let mut to_match: Vec<&PersistentVolumeClaim> = Vec::new();
    let mut satisfied = true;
    for &claim in &v.delayed {
        match claim
            .metadata
            .annotations
            .as_ref()
            .and_then(|a| a.get(ANN_SELECTED_NODE))
        {
            Some(n) if *n != node_name => satisfied = false,
            Some(_) => to_provision.push(claim),
            None => to_match.push(claim),
        }
    }
    if satisfied {
        // Smallest requests first, so each takes the smallest volume that fits it.
        crate::sort::by_key(&mut to_match, |c| {
            claim_request(c)
                .and_then(crate::sim::quantity::exact)
                .unwrap_or(0)
        });
        let mut chosen = BTreeSet::new();
        for claim in to_match {
            let class = claim_class(claim);
            let volumes: Vec<&PersistentVolume> = store
                .persistent_volumes
                .values()
                .filter(|pv| crate::sim::storage::matcher::volume_class(pv) == class)
                .collect();
            match find_matching_volume(claim, &volumes, Some(node), &chosen, true) {
                Some(pv) => {
                    let name = pv.metadata.name.clone().unwrap_or_default();
                    chosen.insert(name.clone());
                    plan.bindings.push((name, key(claim)));
                }
                None => to_provision.push(claim),
            }
        }
        for claim in to_provision {
            if provisionable(store, claim, node) {
                plan.provisions.push(key(claim));
            } else {
                satisfied = false;
                break;
            }
        }
    }
    if !satisfied {
        reasons.push(BIND_CONFLICT);
    }
    if reasons.is_empty() {
        Ok(plan)
    } else {
        Err(reasons)
    }
}

fn key(claim: &PersistentVolumeClaim) -> (String, String) {
    (
        claim.metadata.namespace.clone().unwrap_or_default(),
        claim.metadata.name.clone().unwrap_or_default(),
    )
}

/// checkVolumeProvisions: the class names a provisioner, and allows the node's topology.
fn provisionable(store: &Store, claim: &PersistentVolumeClaim, node: &Node) -> bool {
    let Some(class) = store.get::<StorageClass>("", &claim_class(claim)) else {
        return false;
    };
    if class.provisioner.is_empty() || class.provisioner == NO_PROVISIONER {
        return false;
    }
    match class.allowed_topologies.as_ref().filter(|t| !t.is_empty()) {
        None => true,
        Some(terms) => terms.iter().any(|t| {
            let term = k8s_openapi::api::core::v1::NodeSelectorTerm {
                match_expressions: Some(
                    t.match_label_expressions
                        .iter()
                        .flatten()
                        .map(|e| k8s_openapi::api::core::v1::NodeSelectorRequirement {
                            key: e.key.clone(),
                            operator: "In".into(),
                            values: Some(e.values.clone()),
                        })
                        .collect(),
                ),
                match_fields: None,
            };
            term_matches(&term, node)
        }),
    }
}
