//! Dynamic provisioning: the controller's half (pv_controller.go provisionClaim: which
//! provisioner a claim waits for) and the external provisioner's (sig-storage-lib-external-
//! provisioner, and kind's rancher.io/local-path): a volume `pvc-<claim uid>` of the class, sized
//! to the claim, pre-bound to it, after a short delay.
//!
//! The one thing to know: every provisioner a StorageClass names runs in the simulated cluster
//! but `kubernetes.io/no-provisioner`, which means "static volumes only".

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{
    CSIPersistentVolumeSource, HostPathVolumeSource, NodeSelector, NodeSelectorRequirement,
    NodeSelectorTerm, ObjectReference, PersistentVolume, PersistentVolumeClaim,
    PersistentVolumeSpec, PersistentVolumeStatus, VolumeNodeAffinity,
};
use k8s_openapi::api::storage::v1::StorageClass;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::COMPONENT;
use crate::sim::controller::{own_key, Controller};
use crate::sim::controllers::event;
use crate::sim::events::EventType;
use crate::sim::queue::QueueKey;
use crate::sim::storage::matcher::claim_class;
use crate::sim::storage::{
    admission, has_annotation, set_annotation, ANN_BETA_STORAGE_PROVISIONER,
    ANN_DYNAMICALLY_PROVISIONED, ANN_SELECTED_NODE, ANN_STORAGE_PROVISIONER, NO_PROVISIONER,
};
use crate::sim::store::{Store, Touch};
use crate::sim::time::Millis;
use crate::sim::Cluster;

/// How long a provisioner takes to make a volume.
pub(crate) const PROVISION_DELAY: Millis = 2_000;

/// The provisioner that kind runs for its `standard` class.
const LOCAL_PATH: &str = "rancher.io/local-path";

/// provisionClaim: the claim's class must exist and name a provisioner; the claim is annotated
/// with the provisioner it waits for, and the event says so.
pub(super) fn provision_claim(c: &mut Cluster, claim: &PersistentVolumeClaim) {
    let class_name = claim_class(claim);
    let Some(class) = c.store.get::<StorageClass>("", &class_name).cloned() else {
        let message = format!(
            "storageclass.storage.k8s.io {} not found",
            crate::validation::go_quote(&class_name)
        );
        event(
            c,
            claim,
            EventType::Warning,
            "ProvisioningFailed",
            message,
            COMPONENT,
        );
        return;
    };
    if class.provisioner == NO_PROVISIONER || class.provisioner.is_empty() {
        let message = format!("no volume plugin matched name: {}", class.provisioner);
        event(
            c,
            claim,
            EventType::Warning,
            "ProvisioningFailed",
            message,
            COMPONENT,
        );
        return;
    }
    let message = format!(
        "Waiting for a volume to be created either by the external provisioner '{}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
        class.provisioner
    );
    event(
        c,
        claim,
        EventType::Normal,
        "ExternalProvisioning",
        message,
        COMPONENT,
    );
    let annotated = claim
        .metadata
        .annotations
        .as_ref()
        .and_then(|a| a.get(ANN_STORAGE_PROVISIONER))
        == Some(&class.provisioner);
    if !annotated {
        let mut cl = claim.clone();
        set_annotation(
            &mut cl.metadata,
            ANN_STORAGE_PROVISIONER,
            &class.provisioner,
        );
        set_annotation(
            &mut cl.metadata,
            ANN_BETA_STORAGE_PROVISIONER,
            &class.provisioner,
        );
        c.store.put(cl);
    }
}

/// The provisioners' queue: claims that wait for one.
pub(crate) const PROVISIONER: Controller =
    Controller::keyed("external-provisioner", watches, reconcile);

fn watches(_store: &Store, t: &Touch, out: &mut dyn FnMut(QueueKey)) {
    if t.kind == "PersistentVolumeClaim" {
        out(own_key(t));
    }
}

/// What the provisioners are making: (namespace, claim) → when they started.
#[derive(Clone, Debug, Default)]
pub(crate) struct State {
    started: BTreeMap<(String, String), Millis>,
}

fn reconcile(c: &mut Cluster, key: &QueueKey) {
    let k = (key.namespace.clone(), key.name.clone());
    let Some(claim) = c
        .store
        .get::<PersistentVolumeClaim>(&key.namespace, &key.name)
        .cloned()
    else {
        c.provisioning.started.remove(&k);
        return;
    };
    let Some(provisioner) = wanted(c, &claim) else {
        c.provisioning.started.remove(&k);
        return;
    };
    if let Some(why) = refusal(c, &claim, &provisioner) {
        c.provisioning.started.remove(&k);
        let class = claim_class(&claim);
        let message = format!(
            "failed to provision volume with StorageClass {}: {why}",
            crate::validation::go_quote(&class)
        );
        event(
            c,
            &claim,
            EventType::Warning,
            "ProvisioningFailed",
            message,
            provisioner_component(&provisioner),
        );
        // A node that is gone is handed back to the scheduler (rescheduleProvisioning).
        if why.starts_with("Failed to get target node") {
            let mut cl = claim.clone();
            if let Some(a) = cl.metadata.annotations.as_mut() {
                a.remove(ANN_SELECTED_NODE);
            }
            c.store.put(cl);
        }
        return;
    }
    let now = c.now();
    let started = match c.provisioning.started.get(&k) {
        Some(&t) => t,
        None => {
            c.provisioning.started.insert(k.clone(), now);
            let message = format!(
                "External provisioner is provisioning volume for claim {}",
                crate::validation::go_quote(&format!("{}/{}", key.namespace, key.name))
            );
            event(
                c,
                &claim,
                EventType::Normal,
                "Provisioning",
                message,
                provisioner_component(&provisioner),
            );
            now
        }
    };
    if now < started + PROVISION_DELAY {
        c.wake_at(started + PROVISION_DELAY);
        return;
    }
    c.provisioning.started.remove(&k);
    let volume = new_volume(c, &claim, &provisioner);
    let name = volume.metadata.name.clone().unwrap_or_default();
    c.store.put(volume);
    event(
        c,
        &claim,
        EventType::Normal,
        "ProvisioningSucceeded",
        format!("Successfully provisioned volume {name}"),
        provisioner_component(&provisioner),
    );
    // The claim binds at the controller's next look: the new volume's claimRef queues it.
}

/// Why a provisioner refuses a claim: the claim asks for what it cannot make
/// (local-path-provisioner's provisioner.go, sig-storage-lib-external-provisioner's controller.go).
fn refusal(c: &Cluster, claim: &PersistentVolumeClaim, provisioner: &str) -> Option<String> {
    let spec = claim.spec.as_ref()?;
    if spec.selector.is_some() {
        return Some("claim Selector is not supported".into());
    }
    let node = claim
        .metadata
        .annotations
        .as_ref()
        .and_then(|a| a.get(ANN_SELECTED_NODE));
    if let Some(n) = node {
        if c.store
            .get::<k8s_openapi::api::core::v1::Node>("", n)
            .is_none()
        {
            return Some(format!(
                "Failed to get target node: node {} not found",
                crate::validation::go_quote(n)
            ));
        }
    }
    if provisioner != LOCAL_PATH {
        return None;
    }
    let modes = spec.access_modes.clone().unwrap_or_default();
    if modes
        .iter()
        .any(|m| m != "ReadWriteOnce" && m != "ReadWriteOncePod")
    {
        return Some(
            "NodePath only supports ReadWriteOnce and ReadWriteOncePod (1.22+) access modes".into(),
        );
    }
    if spec.volume_mode.as_deref() == Some("Block") {
        return Some(format!(
            "{LOCAL_PATH} does not support block volume provisioning"
        ));
    }
    if node.is_none() {
        return Some("configuration error, no node was specified".into());
    }
    None
}

/// The event source of a provisioner: its name (what `From` shows, before the Pod's own name).
fn provisioner_component(provisioner: &str) -> &'static str {
    match provisioner {
        LOCAL_PATH => "rancher.io/local-path",
        _ => "external-provisioner",
    }
}

/// The provisioner a claim waits for, when one should make its volume now: annotated by the
/// controller, still unbound, its class naming that provisioner, with no volume made yet; for a
/// WaitForFirstConsumer class, once the scheduler picked a node.
fn wanted(c: &Cluster, claim: &PersistentVolumeClaim) -> Option<String> {
    let provisioner = claim
        .metadata
        .annotations
        .as_ref()?
        .get(ANN_STORAGE_PROVISIONER)?
        .clone();
    let unbound = claim
        .spec
        .as_ref()
        .and_then(|s| s.volume_name.as_deref())
        .is_none_or(str::is_empty);
    let class = c.store.get::<StorageClass>("", &claim_class(claim))?;
    let delayed = class.volume_binding_mode.as_deref() == Some("WaitForFirstConsumer");
    let uid = claim.metadata.uid.clone().unwrap_or_default();
    let made = c
        .store
        .get::<PersistentVolume>("", &format!("pvc-{uid}"))
        .is_some();
    (unbound
        && claim.metadata.deletion_timestamp.is_none()
        && class.provisioner == provisioner
        && (!delayed || has_annotation(&claim.metadata, ANN_SELECTED_NODE))
        && !made)
        .then_some(provisioner)
}

/// The volume a provisioner makes for a claim.
fn new_volume(
    c: &mut Cluster,
    claim: &PersistentVolumeClaim,
    provisioner: &str,
) -> PersistentVolume {
    let ns = claim.metadata.namespace.clone().unwrap_or_default();
    let claim_name = claim.metadata.name.clone().unwrap_or_default();
    let uid = claim.metadata.uid.clone().unwrap_or_default();
    let name = format!("pvc-{uid}");
    let class_name = claim_class(claim);
    let class = c
        .store
        .get::<StorageClass>("", &class_name)
        .cloned()
        .unwrap_or_default();
    let spec = claim.spec.clone().unwrap_or_default();
    let node = claim
        .metadata
        .annotations
        .as_ref()
        .and_then(|a| a.get(ANN_SELECTED_NODE))
        .cloned();
    let mut annotations = BTreeMap::new();
    annotations.insert(
        ANN_DYNAMICALLY_PROVISIONED.to_string(),
        provisioner.to_string(),
    );
    let (host_path, csi, node_affinity) = if provisioner == LOCAL_PATH {
        if let Some(n) = &node {
            annotations.insert("local.path.provisioner/selected-node".into(), n.clone());
        }
        (
            Some(HostPathVolumeSource {
                path: format!("/var/local-path-provisioner/{name}_{ns}_{claim_name}"),
                type_: Some("DirectoryOrCreate".into()),
            }),
            None,
            node.map(|n| VolumeNodeAffinity {
                required: Some(NodeSelector {
                    node_selector_terms: vec![NodeSelectorTerm {
                        match_expressions: Some(vec![NodeSelectorRequirement {
                            key: "kubernetes.io/hostname".into(),
                            operator: "In".into(),
                            values: Some(vec![n]),
                        }]),
                        match_fields: None,
                    }],
                }),
            }),
        )
    } else {
        (
            None,
            Some(CSIPersistentVolumeSource {
                driver: provisioner.to_string(),
                volume_handle: name.clone(),
                fs_type: Some("ext4".into()),
                ..Default::default()
            }),
            None,
        )
    };
    let capacity = spec
        .resources
        .as_ref()
        .and_then(|r| r.requests.as_ref())
        .and_then(|r| r.get("storage"))
        .map(|q| BTreeMap::from([("storage".to_string(), q.clone())]));
    let mut volume = PersistentVolume {
        metadata: ObjectMeta {
            name: Some(name),
            annotations: Some(annotations),
            ..Default::default()
        },
        spec: Some(PersistentVolumeSpec {
            access_modes: spec.access_modes.clone(),
            capacity,
            claim_ref: Some(ObjectReference {
                api_version: Some("v1".into()),
                kind: Some("PersistentVolumeClaim".into()),
                namespace: Some(ns),
                name: Some(claim_name),
                uid: Some(uid),
                resource_version: claim.metadata.resource_version.clone(),
                field_path: None,
            }),
            host_path,
            csi,
            node_affinity,
            mount_options: class.mount_options.clone(),
            persistent_volume_reclaim_policy: Some(
                class
                    .reclaim_policy
                    .clone()
                    .unwrap_or_else(|| "Delete".into()),
            ),
            storage_class_name: Some(class_name),
            volume_mode: spec
                .volume_mode
                .clone()
                .or_else(|| Some("Filesystem".into())),
            ..Default::default()
        }),
        status: Some(PersistentVolumeStatus {
            phase: Some("Pending".into()),
            ..Default::default()
        }),
    };
    admission::new_volume(&mut volume);
    c.created_meta(&mut volume.metadata, false);
    volume
}
