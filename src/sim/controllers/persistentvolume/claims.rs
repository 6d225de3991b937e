//! syncClaim: an unbound claim finds its volume (or asks for one), a bound claim keeps its
//! status and notices a lost volume (pv_controller.go syncUnboundClaim, syncBoundClaim).

use std::rc::Rc;

use k8s_openapi::api::core::v1::{PersistentVolume, PersistentVolumeClaim, Pod};

use super::{bind, claim_phase_with_event, next_resync, provision, COMPONENT};
use crate::sim::controllers::event;
use crate::sim::events::EventType;
use crate::sim::queue::QueueKey;
use crate::sim::storage::matcher::{
    check_volume_satisfies_claim, claim_class, find_best_match, is_bound_to_claim,
};
use crate::sim::storage::{
    has_annotation, is_delay_binding, ANN_BIND_COMPLETED, ANN_BOUND_BY_CONTROLLER,
    ANN_SELECTED_NODE,
};
use crate::sim::Cluster;

pub(super) fn sync(c: &mut Cluster, key: &QueueKey) {
    let Some(claim) = c
        .store
        .persistent_volume_claims
        .shared(&key.namespace, &key.name)
    else {
        return;
    };
    if has_annotation(&claim.metadata, ANN_BIND_COMPLETED) {
        sync_bound(c, &claim);
    } else {
        sync_unbound(c, &claim);
        c.wake_at(next_resync(c.now()));
    }
}

fn volume_name(claim: &PersistentVolumeClaim) -> &str {
    claim
        .spec
        .as_ref()
        .and_then(|s| s.volume_name.as_deref())
        .unwrap_or_default()
}

fn sync_unbound(c: &mut Cluster, claim: &Rc<PersistentVolumeClaim>) {
    let wanted = volume_name(claim).to_string();
    if wanted.is_empty() {
        let delay = is_delay_binding(&c.store, claim);
        let volumes: Vec<&PersistentVolume> = c.store.persistent_volumes.values().collect();
        if let Some(v) = find_best_match(claim, &volumes, delay).cloned() {
            bind(c, &v, claim);
            return;
        }
        // assignDefaultStorageClass: a claim written without a class gets the default one that
        // exists now (RetroactiveDefaultStorageClass), and its sync starts over.
        let has_class = claim
            .spec
            .as_ref()
            .is_some_and(|s| s.storage_class_name.is_some())
            || has_annotation(&claim.metadata, crate::sim::storage::ANN_BETA_STORAGE_CLASS);
        if !has_class {
            if let Some(class) = crate::sim::storage::default_class(&c.store).cloned() {
                let mut cl = (**claim).clone();
                cl.spec
                    .get_or_insert_with(Default::default)
                    .storage_class_name = class.metadata.name.clone();
                c.store.put(cl);
                return;
            }
        }
        if delay && !has_annotation(&claim.metadata, ANN_SELECTED_NODE) {
            wait_for_first_consumer(c, claim);
        } else if !claim_class(claim).is_empty() {
            provision::provision_claim(c, claim);
            return;
        } else {
            event(
                c,
                &**claim,
                EventType::Normal,
                "FailedBinding",
                "no persistent volumes available for this claim and no storage class is set".into(),
                COMPONENT,
            );
        }
        claim_phase_with_event(c, claim, "Pending", None);
        return;
    }
    // The claim names its volume.
    let Some(volume) = c.store.get::<PersistentVolume>("", &wanted).cloned() else {
        claim_phase_with_event(c, claim, "Pending", None);
        return;
    };
    let claimed = volume
        .spec
        .as_ref()
        .and_then(|s| s.claim_ref.as_ref())
        .is_some();
    if !claimed {
        match check_volume_satisfies_claim(&volume, claim) {
            Ok(()) => bind(c, &volume, claim),
            Err(why) => {
                event(
                    c,
                    &**claim,
                    EventType::Warning,
                    "VolumeMismatch",
                    format!(
                        "Cannot bind to requested volume {}: {why}",
                        crate::validation::go_quote(&wanted)
                    ),
                    COMPONENT,
                );
                claim_phase_with_event(c, claim, "Pending", None);
            }
        }
    } else if is_bound_to_claim(&volume, claim) {
        bind(c, &volume, claim);
    } else if !has_annotation(&claim.metadata, ANN_BOUND_BY_CONTROLLER) {
        event(
            c,
            &**claim,
            EventType::Warning,
            "FailedBinding",
            format!(
                "volume {} already bound to a different claim.",
                crate::validation::go_quote(&wanted)
            ),
            COMPONENT,
        );
        claim_phase_with_event(c, claim, "Pending", None);
    }
}

/// emitEventForUnboundDelayBindingClaim: who the claim waits for.
fn wait_for_first_consumer(c: &mut Cluster, claim: &PersistentVolumeClaim) {
    let ns = claim.metadata.namespace.clone().unwrap_or_default();
    let name = claim.metadata.name.clone().unwrap_or_default();
    let waiting: Vec<String> = c
        .store
        .index
        .pods_by_claim
        .get(&(ns.clone(), name))
        .into_iter()
        .flatten()
        .filter(|p| {
            c.store
                .get::<Pod>(&ns, p)
                .is_some_and(|p| p.spec.as_ref().is_some_and(|s| s.node_name.is_none()))
        })
        .cloned()
        .collect();
    let (reason, message) = match waiting.as_slice() {
        [] => (
            "WaitForFirstConsumer",
            "waiting for first consumer to be created before binding".to_string(),
        ),
        [one] => (
            "WaitForPodScheduled",
            format!("waiting for pod {one} to be scheduled"),
        ),
        many => (
            "WaitForPodScheduled",
            format!("waiting for pods {} to be scheduled", many.join(",")),
        ),
    };
    event(c, claim, EventType::Normal, reason, message, COMPONENT);
}

fn sync_bound(c: &mut Cluster, claim: &Rc<PersistentVolumeClaim>) {
    let wanted = volume_name(claim).to_string();
    let lost = |c: &mut Cluster, message: &str, reason: &str| {
        claim_phase_with_event(
            c,
            claim,
            "Lost",
            Some((EventType::Warning, reason, message)),
        );
    };
    if wanted.is_empty() {
        return lost(
            c,
            "Bound claim has lost reference to PersistentVolume. Data on the volume is lost!",
            "ClaimLost",
        );
    }
    let Some(volume) = c.store.get::<PersistentVolume>("", &wanted).cloned() else {
        return lost(
            c,
            "Bound claim has lost its PersistentVolume. Data on the volume is lost!",
            "ClaimLost",
        );
    };
    let claimed = volume
        .spec
        .as_ref()
        .and_then(|s| s.claim_ref.as_ref())
        .is_some();
    if !claimed || is_bound_to_claim(&volume, claim) {
        bind(c, &volume, claim);
        expand(c, claim, &volume);
    } else {
        lost(
            c,
            "Two claims are bound to the same volume, this one is bound incorrectly",
            "ClaimMisbound",
        );
    }
}

/// Volume expansion (pkg/controller/volume/expand, the external resizer and the kubelet's
/// filesystem resize, in one step): a bound claim whose request grew past its capacity gets a
/// volume of the new size. Admission already refused the growth unless the class allows it.
fn expand(c: &mut Cluster, claim: &PersistentVolumeClaim, volume: &PersistentVolume) {
    let Some(request) = crate::sim::storage::claim_request(claim).map(str::to_string) else {
        return;
    };
    let exact = |q: Option<&str>| q.and_then(crate::sim::quantity::exact).unwrap_or(0);
    let capacity = claim
        .status
        .as_ref()
        .and_then(|s| s.capacity.as_ref())
        .and_then(|c| c.get("storage"))
        .map(|q| q.0.clone());
    if exact(Some(&request)) <= exact(capacity.as_deref()) {
        return;
    }
    let volume_name = volume.metadata.name.clone().unwrap_or_default();
    let quantity = k8s_openapi::apimachinery::pkg::api::resource::Quantity(request);
    event(
        c,
        claim,
        EventType::Normal,
        "ExternalExpanding",
        "waiting for an external controller to expand this PVC".into(),
        "volume_expand",
    );
    // kind's local-path provisioner has no resizer: the claim waits there.
    let provisioner = volume
        .metadata
        .annotations
        .as_ref()
        .and_then(|a| a.get(crate::sim::storage::ANN_DYNAMICALLY_PROVISIONED));
    if provisioner.map(String::as_str) == Some("rancher.io/local-path") {
        return;
    }
    let mut v = volume.clone();
    if let Some(s) = v.spec.as_mut() {
        s.capacity
            .get_or_insert_with(Default::default)
            .insert("storage".into(), quantity.clone());
    }
    c.store.put(v);
    let mut cl = claim.clone();
    cl.status
        .get_or_insert_with(Default::default)
        .capacity
        .get_or_insert_with(Default::default)
        .insert("storage".into(), quantity);
    c.store.put(cl.clone());
    event(
        c,
        &cl,
        EventType::Normal,
        "Resizing",
        format!("External resizer is resizing volume {volume_name}"),
        "external-resizer",
    );
    event(
        c,
        &cl,
        EventType::Normal,
        "VolumeResizeSuccessful",
        "Resize volume succeeded".into(),
        "external-resizer",
    );
}
