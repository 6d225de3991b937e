//! The PersistentVolume controller (pkg/controller/volume/persistentvolume/pv_controller.go): binds
//! claims to volumes, asks provisioners for new volumes, and reclaims volumes whose claims are gone.
//! The external provisioner the cluster runs (`provision`) makes the volumes it is asked for.
//!
//! The one thing to know: like upstream, it has two queues, claims and volumes. A write to either
//! side queues the other side it names; a claim left Pending is looked at again at the
//! controller's resync (every 15 s), which is when a volume added later is found for it.

mod claims;
pub(crate) mod provision;
mod volumes;

use k8s_openapi::api::core::v1::{ObjectReference, PersistentVolume, PersistentVolumeClaim};

use super::{own_key, Controller};
use crate::sim::events::EventType;
use crate::sim::queue::QueueKey;
use crate::sim::storage::{
    claim_phase, has_annotation, set_annotation, volume_phase, ANN_BIND_COMPLETED,
    ANN_BOUND_BY_CONTROLLER,
};
use crate::sim::store::{Store, Touch};
use crate::sim::time::Millis;
use crate::sim::Cluster;

pub(crate) const COMPONENT: &str = "persistentvolume-controller";

/// How often the controller looks at every claim again (`--pvclaimbinder-sync-period`).
pub(crate) const RESYNC: Millis = 15_000;

/// The claim queue: a claim's own writes, and the claim a written volume names.
pub(crate) const CLAIMS: Controller = Controller::keyed(COMPONENT, claim_watches, claims::sync);
/// The volume queue: a volume's own writes, and the volume a written claim names.
pub(crate) const VOLUMES: Controller = Controller::keyed(
    "persistentvolume-controller/volumes",
    volume_watches,
    volumes::sync,
);

fn claim_watches(_store: &Store, t: &Touch, out: &mut dyn FnMut(QueueKey)) {
    match t.kind.as_str() {
        "PersistentVolumeClaim" => out(own_key(t)),
        "PersistentVolume" => {
            for (ns, name) in t.sides().filter_map(|f| f.bound_to.as_ref()) {
                out(QueueKey::new(ns, name));
            }
        }
        _ => {}
    }
}

fn volume_watches(_store: &Store, t: &Touch, out: &mut dyn FnMut(QueueKey)) {
    match t.kind.as_str() {
        "PersistentVolume" => out(own_key(t)),
        "PersistentVolumeClaim" => {
            for (_, name) in t.sides().filter_map(|f| f.bound_to.as_ref()) {
                out(QueueKey::new("", name));
            }
        }
        _ => {}
    }
}

/// The next resync after `now`: every claim's comes at the same instants, as one timer drives them.
fn next_resync(now: Millis) -> Millis {
    (now / RESYNC + 1) * RESYNC
}

/// A reference to the claim, as a volume's claimRef holds it.
fn claim_ref(claim: &PersistentVolumeClaim) -> ObjectReference {
    ObjectReference {
        api_version: Some("v1".into()),
        kind: Some("PersistentVolumeClaim".into()),
        namespace: claim.metadata.namespace.clone(),
        name: claim.metadata.name.clone(),
        uid: claim.metadata.uid.clone(),
        resource_version: claim.metadata.resource_version.clone(),
        field_path: None,
    }
}

/// bind: the volume to the claim first (claimRef, phase Bound), then the claim to the volume
/// (volumeName, bind-completed, phase Bound with the volume's modes and capacity). Each side
/// the controller chose carries bound-by-controller.
pub(super) fn bind(c: &mut Cluster, volume: &PersistentVolume, claim: &PersistentVolumeClaim) {
    let mut v = volume.clone();
    let spec = v.spec.get_or_insert_with(Default::default);
    let complete = spec.claim_ref.as_ref().is_some_and(|r| {
        r.uid.is_some() && r.uid == claim.metadata.uid && r.name == claim.metadata.name
    });
    if !complete {
        if spec.claim_ref.is_none() {
            set_annotation(&mut v.metadata, ANN_BOUND_BY_CONTROLLER, "yes");
        }
        if let Some(s) = v.spec.as_mut() {
            s.claim_ref = Some(claim_ref(claim));
        }
    }
    set_volume_phase(&mut v, "Bound", None);
    let modes = v.spec.as_ref().and_then(|s| s.access_modes.clone());
    let capacity = v.spec.as_ref().and_then(|s| s.capacity.clone());
    let volume_name = v.metadata.name.clone();
    c.store.put(v);
    let mut cl = claim.clone();
    let spec = cl.spec.get_or_insert_with(Default::default);
    if spec.volume_name != volume_name {
        if spec.volume_name.as_deref().is_none_or(str::is_empty) {
            set_annotation(&mut cl.metadata, ANN_BOUND_BY_CONTROLLER, "yes");
        }
        if let Some(s) = cl.spec.as_mut() {
            s.volume_name = volume_name;
        }
    }
    set_annotation(&mut cl.metadata, ANN_BIND_COMPLETED, "yes");
    let status = cl.status.get_or_insert_with(Default::default);
    // The capacity is set as the claim becomes Bound, not after (expansion changes it then).
    if status.phase.as_deref() != Some("Bound") {
        status.capacity = capacity;
    }
    status.phase = Some("Bound".into());
    status.access_modes = modes;
    c.store.put(cl);
}

/// updateVolumePhase: the phase (and its message); no write when nothing changes.
pub(super) fn set_volume_phase(v: &mut PersistentVolume, phase: &str, message: Option<String>) {
    let status = v.status.get_or_insert_with(Default::default);
    if status.phase.as_deref() != Some(phase) {
        status.last_phase_transition_time = None;
    }
    status.phase = Some(phase.into());
    status.message = message;
    if phase != "Failed" {
        status.reason = None;
    }
}

/// updateVolumePhaseWithEvent: a new phase, and its event only when the phase changes.
pub(super) fn volume_phase_with_event(
    c: &mut Cluster,
    volume: &PersistentVolume,
    phase: &str,
    type_: EventType,
    reason: &str,
    message: String,
) {
    if volume_phase(volume) == phase {
        return;
    }
    let mut v = volume.clone();
    set_volume_phase(&mut v, phase, Some(message.clone()));
    c.store.put(v.clone());
    super::event(c, &v, type_, reason, message, COMPONENT);
}

/// updateClaimStatus to a phase, with an event only when the phase changes.
pub(super) fn claim_phase_with_event(
    c: &mut Cluster,
    claim: &PersistentVolumeClaim,
    phase: &str,
    event: Option<(EventType, &str, &str)>,
) {
    if claim_phase(claim) == phase {
        return;
    }
    let mut cl = claim.clone();
    let status = cl.status.get_or_insert_with(Default::default);
    status.phase = Some(phase.into());
    // updateClaimStatus with no volume: a Pending or Lost claim has no modes or capacity.
    status.access_modes = None;
    status.capacity = None;
    c.store.put(cl.clone());
    if let Some((type_, reason, message)) = event {
        super::event(c, &cl, type_, reason, message.into(), COMPONENT);
    }
}

/// unbindVolume: a volume the controller bound forgets the claim; one the user pre-bound keeps
/// its claimRef without the uid. Either way it is Available again.
pub(super) fn unbind_volume(c: &mut Cluster, volume: &PersistentVolume) {
    let mut v = volume.clone();
    if has_annotation(&v.metadata, ANN_BOUND_BY_CONTROLLER) {
        if let Some(s) = v.spec.as_mut() {
            s.claim_ref = None;
        }
        if let Some(a) = v.metadata.annotations.as_mut() {
            a.remove(ANN_BOUND_BY_CONTROLLER);
        }
    } else if let Some(r) = v.spec.as_mut().and_then(|s| s.claim_ref.as_mut()) {
        r.uid = None;
        r.resource_version = None;
    }
    set_volume_phase(&mut v, "Available", None);
    c.store.put(v);
}
