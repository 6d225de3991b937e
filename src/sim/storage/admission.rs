//! What the API server's storage admission plugins write on create, and deletion behind
//! finalizers: DefaultStorageClass (plugin/pkg/admission/storage/storageclass/setdefault) and
//! StorageObjectInUseProtection (plugin/pkg/admission/storage/storageobjectinuseprotection).
//!
//! The one thing to know: a claim or volume with a finalizer is never removed by a delete; it gets
//! a deletionTimestamp and stays (Terminating) until the controller that owns the finalizer takes
//! it off, and the last one off removes it.

use k8s_openapi::api::core::v1::{PersistentVolume, PersistentVolumeClaim};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::{default_class, PVC_PROTECTION, PV_PROTECTION};
use crate::sim::store::Stored;
use crate::sim::{time, Cluster};

/// A new claim as admission leaves it: the default class when `storageClassName` is unset (and
/// the beta annotation too), and the pvc-protection finalizer.
pub(crate) fn new_claim(c: &Cluster, claim: &mut PersistentVolumeClaim) {
    let annotated = claim
        .metadata
        .annotations
        .as_ref()
        .is_some_and(|a| a.contains_key(super::ANN_BETA_STORAGE_CLASS));
    let spec = claim.spec.get_or_insert_with(Default::default);
    if spec.storage_class_name.is_none() && !annotated {
        if let Some(class) = default_class(&c.store) {
            spec.storage_class_name = class.metadata.name.clone();
        }
    }
    add_finalizer(&mut claim.metadata, PVC_PROTECTION);
}

/// A new volume as admission leaves it: the pv-protection finalizer.
pub(crate) fn new_volume(volume: &mut PersistentVolume) {
    add_finalizer(&mut volume.metadata, PV_PROTECTION);
}

pub(crate) fn add_finalizer(meta: &mut ObjectMeta, finalizer: &str) {
    let list = meta.finalizers.get_or_insert_with(Vec::new);
    if !list.iter().any(|f| f == finalizer) {
        list.push(finalizer.to_string());
    }
}

/// `kubectl delete` of an object that may carry finalizers: with any, it only gets its
/// deletionTimestamp; without, it goes at once. False if it did not exist.
pub(crate) fn delete<T: Stored>(c: &mut Cluster, ns: &str, name: &str) -> bool {
    let Some(obj) = c.store.get::<T>(ns, name) else {
        return false;
    };
    let m = obj.metadata();
    if m.finalizers.as_ref().is_none_or(|f| f.is_empty()) {
        return c.store.remove(T::KIND, ns, name);
    }
    if m.deletion_timestamp.is_none() {
        let mut obj = obj.clone();
        let meta = obj.metadata_mut();
        meta.deletion_timestamp = Some(time::time(c.now()));
        meta.deletion_grace_period_seconds = Some(0);
        c.store.put(obj);
    }
    true
}

/// Takes a finalizer off; the last one off a deleted object removes it, as the API server does.
pub(crate) fn remove_finalizer<T: Stored>(c: &mut Cluster, ns: &str, name: &str, finalizer: &str) {
    let Some(obj) = c.store.get::<T>(ns, name) else {
        return;
    };
    let m = obj.metadata();
    if !m.finalizers.iter().flatten().any(|f| f == finalizer) {
        return;
    }
    let mut obj = obj.clone();
    let meta = obj.metadata_mut();
    if let Some(list) = meta.finalizers.as_mut() {
        list.retain(|f| f != finalizer);
    }
    if meta.finalizers.as_ref().is_some_and(|f| f.is_empty()) {
        meta.finalizers = None;
    }
    if meta.deletion_timestamp.is_some() && meta.finalizers.is_none() {
        c.store.remove(T::KIND, ns, name);
    } else {
        c.store.put(obj);
    }
}
