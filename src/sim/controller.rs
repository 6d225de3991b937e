//! What a controller is to the settle loop: a `watches` function that maps a write to the keys to
//! reconcile again, and a `reconcile` of one key (kube-runtime's `Controller::new(..).watches(..)`,
//! kube-controller-manager's event handlers feeding a work queue).
//!
//! The one thing to know: every component that moves the cluster (the controllers, the scheduler,
//! the kubelet) is one `Controller` value, listed once in `sim::CONTROLLERS`; this module knows
//! none of them.

use super::queue::QueueKey;
use super::store::{Facts, Store, Touch};
use super::Cluster;

/// A controller as the settle loop drives it.
pub(crate) struct Controller {
    pub name: &'static str,
    /// Maps one write to the keys this controller must reconcile again.
    pub watches: fn(&Store, &Touch, &mut dyn FnMut(QueueKey)),
    /// Brings one key's object toward its spec; wake-ups it asks for (`Cluster::wake_at`) replace
    /// the key's last ones.
    pub reconcile: fn(&mut Cluster, &QueueKey),
    /// Orders one round's keys when key order is not the controller's own (the scheduler's queue
    /// pops by priority).
    pub order: Option<fn(&Store, &mut [QueueKey])>,
}

impl Controller {
    /// A controller whose keys are reconciled in key order.
    pub const fn keyed(
        name: &'static str,
        watches: fn(&Store, &Touch, &mut dyn FnMut(QueueKey)),
        reconcile: fn(&mut Cluster, &QueueKey),
    ) -> Controller {
        Controller {
            name,
            watches,
            reconcile,
            order: None,
        }
    }
}

/// The key of the object a write was to.
pub(crate) fn own_key(t: &Touch) -> QueueKey {
    QueueKey::new(&t.key.0, &t.key.1)
}

/// The keys of the controllers of kind `kind` named by a write's old and new ownerReferences.
pub(crate) fn controller_keys(t: &Touch, kind: &str, out: &mut dyn FnMut(QueueKey)) {
    let mut last: Option<&str> = None;
    for f in t.sides() {
        if let Some(o) = f.controller().filter(|o| o.kind == kind) {
            if last != Some(o.name.as_str()) {
                out(QueueKey::new(&t.key.0, &o.name));
                last = Some(o.name.as_str());
            }
        }
    }
}

/// Whether the facts are of a Pod that has finished.
pub(crate) fn finished(f: &Facts) -> bool {
    f.pod
        .as_ref()
        .is_some_and(|p| matches!(p.phase.as_str(), "Succeeded" | "Failed"))
}
