//! The pv-protection controller (pkg/controller/volume/pvprotection): a deleted volume keeps its
//! `kubernetes.io/pv-protection` finalizer, and so stays Terminating, while it is Bound.

use k8s_openapi::api::core::v1::PersistentVolume;

use super::{own_key, Controller};
use crate::sim::queue::QueueKey;
use crate::sim::storage::{admission, volume_phase, PV_PROTECTION};
use crate::sim::store::{Store, Touch};
use crate::sim::Cluster;

pub(crate) const CONTROLLER: Controller =
    Controller::keyed("pv-protection-controller", watches, reconcile);

fn watches(_store: &Store, t: &Touch, out: &mut dyn FnMut(QueueKey)) {
    if t.kind == "PersistentVolume" && t.new.as_ref().is_some_and(|f| f.deleting) {
        out(own_key(t));
    }
}

fn reconcile(c: &mut Cluster, key: &QueueKey) {
    let Some(volume) = c.store.get::<PersistentVolume>("", &key.name) else {
        return;
    };
    if volume.metadata.deletion_timestamp.is_none() || volume_phase(volume) == "Bound" {
        return;
    }
    admission::remove_finalizer::<PersistentVolume>(c, "", &key.name, PV_PROTECTION);
}
