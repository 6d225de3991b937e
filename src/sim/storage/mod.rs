//! What the storage side of the cluster shares: how a claim and a volume are matched (`matcher`),
//! the annotations and finalizers the API server and the controllers write on them, and the
//! lookups the PersistentVolume controller, the scheduler and the kubelet all make.
//!
//! The one thing to know: a binding is two-way. A claim is bound when its `spec.volumeName` names a
//! volume whose `spec.claimRef` names the claim back (with its uid); the PersistentVolume controller
//! writes both sides, the volume first, as pv_controller.go `bind` does, and everything else reads
//! only what is in the store.

pub(crate) mod admission;
pub mod explain;
pub(crate) mod matcher;

use k8s_openapi::api::core::v1::{PersistentVolume, PersistentVolumeClaim, Pod};
use k8s_openapi::api::storage::v1::StorageClass;

use super::store::Store;

/// The annotation a claim's volume binding completes with (pv_helpers.go AnnBindCompleted).
pub const ANN_BIND_COMPLETED: &str = "pv.kubernetes.io/bind-completed";
/// Set on whichever side the controller (not the user) bound (AnnBoundByController).
pub const ANN_BOUND_BY_CONTROLLER: &str = "pv.kubernetes.io/bound-by-controller";
/// The node the scheduler chose for a claim of a WaitForFirstConsumer class (AnnSelectedNode).
pub const ANN_SELECTED_NODE: &str = "volume.kubernetes.io/selected-node";
/// Which provisioner a claim waits for (AnnStorageProvisioner, and its beta twin).
pub const ANN_STORAGE_PROVISIONER: &str = "volume.kubernetes.io/storage-provisioner";
pub const ANN_BETA_STORAGE_PROVISIONER: &str = "volume.beta.kubernetes.io/storage-provisioner";
/// Which provisioner made a volume (AnnDynamicallyProvisioned).
pub const ANN_DYNAMICALLY_PROVISIONED: &str = "pv.kubernetes.io/provisioned-by";
/// The class annotation that predates `storageClassName`, still read first.
pub const ANN_BETA_STORAGE_CLASS: &str = "volume.beta.kubernetes.io/storage-class";
/// A StorageClass marked as the default (and its beta twin).
pub const ANN_DEFAULT_CLASS: &str = "storageclass.kubernetes.io/is-default-class";
pub const ANN_BETA_DEFAULT_CLASS: &str = "storageclass.beta.kubernetes.io/is-default-class";
/// The finalizers StorageObjectInUseProtection adds.
pub const PVC_PROTECTION: &str = "kubernetes.io/pvc-protection";
pub const PV_PROTECTION: &str = "kubernetes.io/pv-protection";
/// The provisioner name that means "no dynamic provisioning" (volume.NotSupportedProvisioner).
pub const NO_PROVISIONER: &str = "kubernetes.io/no-provisioner";

/// Whether a StorageClass is marked default (storageclass.go IsDefaultAnnotation: the GA
/// annotation, else the beta one, equal to "true").
pub fn is_default_class(class: &StorageClass) -> bool {
    let a = class.metadata.annotations.as_ref();
    let get = |k: &str| a.and_then(|a| a.get(k)).map(String::as_str);
    get(ANN_DEFAULT_CLASS) == Some("true") || get(ANN_BETA_DEFAULT_CLASS) == Some("true")
}

/// The default StorageClass (GetDefaultClass): of those marked default, the newest, then the first
/// by name.
pub fn default_class(store: &Store) -> Option<&StorageClass> {
    store
        .storage_classes
        .values()
        .filter(|c| is_default_class(c))
        .max_by(|a, b| {
            let created = |c: &StorageClass| c.metadata.creation_timestamp.clone().map(|t| t.0);
            created(a)
                .cmp(&created(b))
                .then_with(|| b.metadata.name.cmp(&a.metadata.name))
        })
}

/// Whether binding the claim waits for a Pod to be scheduled (IsDelayBindingMode): its class has
/// `volumeBindingMode: WaitForFirstConsumer`.
pub fn is_delay_binding(store: &Store, claim: &PersistentVolumeClaim) -> bool {
    let class = matcher::claim_class(claim);
    if class.is_empty() {
        return false;
    }
    store
        .get::<StorageClass>("", &class)
        .and_then(|c| c.volume_binding_mode.as_deref())
        == Some("WaitForFirstConsumer")
}

/// A claim's phase as written ("Pending" when unset).
pub fn claim_phase(claim: &PersistentVolumeClaim) -> &str {
    claim
        .status
        .as_ref()
        .and_then(|s| s.phase.as_deref())
        .unwrap_or("Pending")
}

/// A volume's phase as written ("Pending" when unset, as a volume is before its controller looks).
pub fn volume_phase(volume: &PersistentVolume) -> &str {
    volume
        .status
        .as_ref()
        .and_then(|s| s.phase.as_deref())
        .unwrap_or("Pending")
}

/// Whether the claim's binding is complete (isPVCFullyBound): it names a volume and carries the
/// bind-completed annotation.
pub fn is_fully_bound(claim: &PersistentVolumeClaim) -> bool {
    claim
        .spec
        .as_ref()
        .and_then(|s| s.volume_name.as_deref())
        .is_some_and(|v| !v.is_empty())
        && has_annotation(&claim.metadata, ANN_BIND_COMPLETED)
}

pub fn has_annotation(
    meta: &k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta,
    key: &str,
) -> bool {
    meta.annotations
        .as_ref()
        .is_some_and(|a| a.contains_key(key))
}

pub fn set_annotation(
    meta: &mut k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta,
    key: &str,
    value: &str,
) {
    meta.annotations
        .get_or_insert_with(Default::default)
        .insert(key.to_string(), value.to_string());
}

/// The claims a Pod's volumes name, in volume order.
pub fn pod_claims(pod: &Pod) -> impl Iterator<Item = &str> {
    pod.spec
        .iter()
        .flat_map(|s| s.volumes.iter().flatten())
        .filter_map(|v| v.persistent_volume_claim.as_ref())
        .map(|c| c.claim_name.as_str())
}

/// A volume's capacity as written (`spec.capacity.storage`).
pub fn volume_capacity(volume: &PersistentVolume) -> Option<&str> {
    volume
        .spec
        .as_ref()?
        .capacity
        .as_ref()?
        .get("storage")
        .map(|q| q.0.as_str())
}

/// A claim's request as written (`spec.resources.requests.storage`).
pub fn claim_request(claim: &PersistentVolumeClaim) -> Option<&str> {
    claim
        .spec
        .as_ref()?
        .resources
        .as_ref()?
        .requests
        .as_ref()?
        .get("storage")
        .map(|q| q.0.as_str())
}
