//! Which volume a claim binds to, as the PersistentVolume controller and the scheduler decide it
//! (component-helpers storage/volume/pv_helpers.go FindMatchingVolume, pkg/controller/volume/
//! persistentvolume/index.go findByClaim, pv_controller.go checkVolumeSatisfyClaim).
//!
//! The one thing to know: the controller looks at volumes one access-mode set at a time, the sets
//! that offer every mode the claim asks for, fewest modes first; within a set the smallest volume
//! that satisfies the claim wins, and a volume pre-bound to the claim wins at once.

use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::api::core::v1::{Node, PersistentVolume, PersistentVolumeClaim};

use super::{claim_request, volume_capacity, volume_phase, ANN_BETA_STORAGE_CLASS};
use crate::sim::quantity;

/// The access modes in the order kubectl prints them, with their short names.
const MODES: [(&str, &str); 4] = [
    ("ReadWriteOnce", "RWO"),
    ("ReadOnlyMany", "ROX"),
    ("ReadWriteMany", "RWX"),
    ("ReadWriteOncePod", "RWOP"),
];

/// GetAccessModesAsString: the short names of the modes present, in kubectl's order.
pub(crate) fn access_modes_string(modes: &[String]) -> String {
    MODES
        .iter()
        .filter(|(long, _)| modes.iter().any(|m| m == long))
        .map(|(_, short)| *short)
        .collect::<Vec<_>>()
        .join(",")
}

fn claim_modes(claim: &PersistentVolumeClaim) -> &[String] {
    claim
        .spec
        .as_ref()
        .and_then(|s| s.access_modes.as_deref())
        .unwrap_or_default()
}

fn volume_modes(volume: &PersistentVolume) -> &[String] {
    volume
        .spec
        .as_ref()
        .and_then(|s| s.access_modes.as_deref())
        .unwrap_or_default()
}

/// GetPersistentVolumeClaimClass: the beta annotation first, then `spec.storageClassName`.
pub(crate) fn claim_class(claim: &PersistentVolumeClaim) -> String {
    if let Some(c) = claim
        .metadata
        .annotations
        .as_ref()
        .and_then(|a| a.get(ANN_BETA_STORAGE_CLASS))
    {
        return c.clone();
    }
    claim
        .spec
        .as_ref()
        .and_then(|s| s.storage_class_name.clone())
        .unwrap_or_default()
}

/// GetPersistentVolumeClass: the beta annotation first, then `spec.storageClassName`.
pub(crate) fn volume_class(volume: &PersistentVolume) -> String {
    if let Some(c) = volume
        .metadata
        .annotations
        .as_ref()
        .and_then(|a| a.get(ANN_BETA_STORAGE_CLASS))
    {
        return c.clone();
    }
    volume
        .spec
        .as_ref()
        .and_then(|s| s.storage_class_name.clone())
        .unwrap_or_default()
}

/// IsVolumeBoundToClaim: the claimRef names the claim, and its uid is unset or the claim's.
pub(crate) fn is_bound_to_claim(volume: &PersistentVolume, claim: &PersistentVolumeClaim) -> bool {
    let Some(r) = volume.spec.as_ref().and_then(|s| s.claim_ref.as_ref()) else {
        return false;
    };
    r.name == claim.metadata.name
        && r.namespace.as_deref().unwrap_or_default()
            == claim.metadata.namespace.as_deref().unwrap_or_default()
        && r.uid
            .as_deref()
            .is_none_or(|u| u.is_empty() || Some(u) == claim.metadata.uid.as_deref())
}

/// CheckAccessModes: every mode the claim asks for is one the volume offers.
pub(crate) fn check_access_modes(claim: &PersistentVolumeClaim, volume: &PersistentVolume) -> bool {
    let offered = volume_modes(volume);
    claim_modes(claim).iter().all(|m| offered.contains(m))
}

/// CheckVolumeModeMismatches: unset means Filesystem on both sides.
fn volume_mode_mismatch(claim: &PersistentVolumeClaim, volume: &PersistentVolume) -> bool {
    let claim_mode = claim.spec.as_ref().and_then(|s| s.volume_mode.as_deref());
    let volume_mode = volume.spec.as_ref().and_then(|s| s.volume_mode.as_deref());
    claim_mode.unwrap_or("Filesystem") != volume_mode.unwrap_or("Filesystem")
}

fn attributes_class_mismatch(claim: &PersistentVolumeClaim, volume: &PersistentVolume) -> bool {
    let c = claim
        .spec
        .as_ref()
        .and_then(|s| s.volume_attributes_class_name.as_deref())
        .unwrap_or_default();
    let v = volume
        .spec
        .as_ref()
        .and_then(|s| s.volume_attributes_class_name.as_deref())
        .unwrap_or_default();
    c != v
}

/// A quantity exactly, unset or unreadable counting as zero (as an empty Quantity does).
fn size(q: Option<&str>) -> i128 {
    q.and_then(quantity::exact).unwrap_or(0)
}

/// CheckNodeAffinity: a volume without required node affinity fits every node.
pub(crate) fn node_affinity_fits(volume: &PersistentVolume, node: &Node) -> bool {
    match volume
        .spec
        .as_ref()
        .and_then(|s| s.node_affinity.as_ref())
        .and_then(|a| a.required.as_ref())
    {
        Some(req) => req
            .node_selector_terms
            .iter()
            .any(|t| crate::sim::scheduler::term_matches(t, node)),
        None => true,
    }
}

/// Whether the claim's selector (if any) matches the volume's labels; a selector that does not
/// parse matches nothing (FindMatchingVolume returns its error and binds nothing).
fn selector_matches(claim: &PersistentVolumeClaim, volume: &PersistentVolume) -> bool {
    let Some(sel) = claim.spec.as_ref().and_then(|s| s.selector.as_ref()) else {
        return true;
    };
    let Ok(sel) = crate::selector::from_label_selector(sel) else {
        return false;
    };
    let empty = BTreeMap::new();
    sel.matches(volume.metadata.labels.as_ref().unwrap_or(&empty))
}

/// FindMatchingVolume: the smallest volume that satisfies the claim, or the volume pre-bound to it.
/// `node` is Some on the scheduler's path (then node affinity and access modes are checked, and
/// volumes of a WaitForFirstConsumer class may be chosen); `excluded` holds volumes already chosen.
pub(crate) fn find_matching_volume<'a>(
    claim: &PersistentVolumeClaim,
    volumes: &[&'a PersistentVolume],
    node: Option<&Node>,
    excluded: &BTreeSet<String>,
    delay_binding: bool,
) -> Option<&'a PersistentVolume> {
    let requested = size(claim_request(claim));
    let requested_class = claim_class(claim);
    let mut smallest: Option<(&PersistentVolume, i128)> = None;
    for &volume in volumes {
        let name = volume.metadata.name.clone().unwrap_or_default();
        if excluded.contains(&name) {
            continue;
        }
        let claimed = volume.spec.as_ref().and_then(|s| s.claim_ref.as_ref());
        if claimed.is_some() && !is_bound_to_claim(volume, claim) {
            continue;
        }
        let capacity = size(volume_capacity(volume));
        if capacity < requested
            || volume_mode_mismatch(claim, volume)
            || attributes_class_mismatch(claim, volume)
            || volume.metadata.deletion_timestamp.is_some()
        {
            continue;
        }
        let affinity_ok = node.is_none_or(|n| node_affinity_fits(volume, n));
        if is_bound_to_claim(volume, claim) {
            // A pre-bound volume is the claim's, or (on a node it does not fit) nothing is.
            return affinity_ok.then_some(volume);
        }
        if node.is_none() && delay_binding {
            // The scheduler binds claims of this class, once a Pod using them has a node.
            continue;
        }
        if volume_phase(volume) != "Available"
            || !selector_matches(claim, volume)
            || volume_class(volume) != requested_class
            || !affinity_ok
            || node.is_some() && !check_access_modes(claim, volume)
        {
            continue;
        }
        if smallest.is_none_or(|(_, s)| s > capacity) {
            smallest = Some((volume, capacity));
        }
    }
    smallest.map(|(v, _)| v)
}

/// findByClaim: the volumes grouped by their access-mode sets; the sets offering every mode the
/// claim asks for are tried fewest modes first (then by name, where upstream's order is a map's),
/// and the first set with a match gives the volume.
pub(crate) fn find_best_match<'a>(
    claim: &PersistentVolumeClaim,
    volumes: &[&'a PersistentVolume],
    delay_binding: bool,
) -> Option<&'a PersistentVolume> {
    let mut sets: BTreeMap<(usize, String), Vec<&'a PersistentVolume>> = BTreeMap::new();
    let wanted = claim_modes(claim);
    for &v in volumes {
        let modes = volume_modes(v);
        if wanted.iter().all(|m| modes.contains(m)) {
            let key = access_modes_string(modes);
            let n = MODES
                .iter()
                .filter(|(l, _)| modes.iter().any(|m| m == l))
                .count();
            sets.entry((n, key)).or_default().push(v);
        }
    }
    sets.values()
        .find_map(|set| find_matching_volume(claim, set, None, &BTreeSet::new(), delay_binding))
}

/// checkVolumeSatisfyClaim: why a volume the claim names cannot be its own, in upstream's words.
pub(crate) fn check_volume_satisfies_claim(
    volume: &PersistentVolume,
    claim: &PersistentVolumeClaim,
) -> Result<(), String> {
    if volume.metadata.deletion_timestamp.is_some() {
        return Err(format!(
            "the volume is marked for deletion {}",
            crate::validation::go_quote(volume.metadata.name.as_deref().unwrap_or_default())
        ));
    }
    if size(volume_capacity(volume)) < size(claim_request(claim)) {
        return Err("requested PV is too small".into());
    }
    if volume_class(volume) != claim_class(claim) {
        return Err("storageClassName does not match".into());
    }
    if attributes_class_mismatch(claim, volume) {
        return Err("volumeAttributesClassName does not match".into());
    }
    if volume_mode_mismatch(claim, volume) {
        return Err("incompatible volumeMode".into());
    }
    if !check_access_modes(claim, volume) {
        return Err("incompatible accessMode".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests;
