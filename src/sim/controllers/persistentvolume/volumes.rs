//! syncVolume and reclaimVolume: a volume follows its claim, and when the claim is gone its
//! persistentVolumeReclaimPolicy decides what becomes of it (pv_controller.go).

use k8s_openapi::api::core::v1::{PersistentVolume, PersistentVolumeClaim};

use super::{set_volume_phase, unbind_volume, volume_phase_with_event, COMPONENT};
use crate::sim::controllers::event;
use crate::sim::events::EventType;
use crate::sim::queue::QueueKey;
use crate::sim::storage::{has_annotation, volume_phase, ANN_DYNAMICALLY_PROVISIONED};
use crate::sim::Cluster;

pub(super) fn sync(c: &mut Cluster, key: &QueueKey) {
    let Some(volume) = c.store.persistent_volumes.shared("", &key.name) else {
        return;
    };
    let Some(r) = volume.spec.as_ref().and_then(|s| s.claim_ref.clone()) else {
        // Unused.
        return set_phase(c, &volume, "Available");
    };
    if r.uid.as_deref().is_none_or(str::is_empty) {
        // Pre-bound to a claim that has not bound yet: the claim's sync does it.
        return set_phase(c, &volume, "Available");
    }
    let ns = r.namespace.clone().unwrap_or_default();
    let name = r.name.clone().unwrap_or_default();
    let claim: Option<PersistentVolumeClaim> = c
        .store
        .get::<PersistentVolumeClaim>(&ns, &name)
        .filter(|cl| cl.metadata.uid == r.uid)
        .cloned();
    let Some(claim) = claim else {
        // The claim is gone: the volume is released and its policy runs.
        let mut volume = (*volume).clone();
        if !matches!(volume_phase(&volume), "Released" | "Failed") {
            set_volume_phase(&mut volume, "Released", None);
            c.store.put(volume.clone());
        }
        return reclaim(c, &volume);
    };
    let bound_to = claim
        .spec
        .as_ref()
        .and_then(|s| s.volume_name.as_deref())
        .unwrap_or_default();
    if bound_to.is_empty() {
        // The claim's sync completes the binding (its queue has the claim already).
        return;
    }
    if Some(bound_to) == volume.metadata.name.as_deref() {
        return set_phase(c, &volume, "Bound");
    }
    // The claim is bound to another volume.
    let provisioned = has_annotation(&volume.metadata, ANN_DYNAMICALLY_PROVISIONED);
    if provisioned && policy(&volume) == "Delete" {
        let mut volume = (*volume).clone();
        if !matches!(volume_phase(&volume), "Released" | "Failed") {
            set_volume_phase(&mut volume, "Released", None);
            c.store.put(volume.clone());
        }
        reclaim(c, &volume);
    } else {
        unbind_volume(c, &volume);
    }
}

fn set_phase(c: &mut Cluster, volume: &PersistentVolume, phase: &str) {
    if volume_phase(volume) != phase {
        let mut v = volume.clone();
        set_volume_phase(&mut v, phase, None);
        c.store.put(v);
    }
}

fn policy(volume: &PersistentVolume) -> &str {
    volume
        .spec
        .as_ref()
        .and_then(|s| s.persistent_volume_reclaim_policy.as_deref())
        .unwrap_or("Retain")
}

/// reclaimVolume: Retain keeps the volume Released for an administrator; Recycle scrubs it and
/// makes it Available; Delete removes it (through its provisioner, or the in-tree plugin that can).
fn reclaim(c: &mut Cluster, volume: &PersistentVolume) {
    let spec = volume.spec.clone().unwrap_or_default();
    let name = volume.metadata.name.clone().unwrap_or_default();
    match policy(volume) {
        "Recycle" => {
            if spec.host_path.is_some() || spec.nfs.is_some() {
                // recycleVolumeOperation: scrubbed, then unbound as unbindVolume does (a claimRef
                // the user wrote stays, without its uid).
                unbind_volume(c, volume);
                if let Some(v) = c.store.get::<PersistentVolume>("", &name).cloned() {
                    event(
                        c,
                        &v,
                        EventType::Normal,
                        "VolumeRecycled",
                        "Volume recycled".into(),
                        COMPONENT,
                    );
                }
            } else {
                volume_phase_with_event(
                    c,
                    volume,
                    "Failed",
                    EventType::Warning,
                    "VolumeFailedRecycle",
                    "No recycler plugin found for the volume!".into(),
                );
            }
        }
        "Delete" => {
            if spec.csi.is_some() && !has_annotation(&volume.metadata, ANN_DYNAMICALLY_PROVISIONED)
            {
                // findDeletablePlugin: an external deleter's; the volume stays Released.
                return;
            }
            let deletable = has_annotation(&volume.metadata, ANN_DYNAMICALLY_PROVISIONED)
                || spec.host_path.as_ref().is_some_and(|h| tmp_path(&h.path));
            if deletable {
                c.delete("PersistentVolume", "", &name);
                return;
            }
            let why = match &spec.host_path {
                Some(h) => format!(
                    "host_path deleter only supports /tmp/.+ but received provided {}",
                    h.path
                ),
                None => format!(
                    "error getting deleter volume plugin for volume {}: no deletable volume plugin matched",
                    crate::validation::go_quote(&name)
                ),
            };
            volume_phase_with_event(
                c,
                volume,
                "Failed",
                EventType::Warning,
                "VolumeFailedDelete",
                why,
            );
        }
        "Retain" => {}
        _ => volume_phase_with_event(
            c,
            volume,
            "Failed",
            EventType::Warning,
            "VolumeUnknownReclaimPolicy",
            "Volume has unrecognized PersistentVolumeReclaimPolicy".into(),
        ),
    }
}

/// The hostPath deleter's rule: only paths matching `/tmp/.+`.
fn tmp_path(path: &str) -> bool {
    path.find("/tmp/").is_some_and(|i| path.len() > i + 5)
}
