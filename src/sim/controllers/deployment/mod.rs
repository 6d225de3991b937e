//! The Deployment controller (pkg/controller/deployment: sync.go, rolling.go, recreate.go,
//! progress.go): one ReplicaSet per template, named `<deployment>-<pod-template-hash>`, scaled up and
//! down as the strategy allows.
//!
//! The one thing to know: a rolling update never has more than replicas + maxSurge Pods (counting the
//! ReplicaSets' replicas) nor fewer than replicas − maxUnavailable available ones; each pass scales the
//! new ReplicaSet up as far as the surge allows and the old ones down as far as availability allows.
//!
//! Split as upstream is: `sync.rs` finds or creates the new ReplicaSet and scales, `scaling.rs` resizes
//! every ReplicaSet in proportion when the replicas change, `rolling.rs` and `recreate.rs` are the
//! two strategies, `progress.rs` writes the status and conditions.

mod progress;
mod recreate;
mod rolling;
mod scaling;
mod sync;

use k8s_openapi::api::apps::v1::{Deployment, ReplicaSet};

pub use sync::fenceposts;

use super::{controller_keys, live, own_key, queue_all, uncontrolled, Controller};
use crate::sim::queue::QueueKey;
use crate::sim::store::{controller_of, Store, Touch};
use crate::sim::Cluster;

pub(super) const COMPONENT: &str = "deployment-controller";
pub const REVISION: &str = "deployment.kubernetes.io/revision";
pub(super) const DESIRED: &str = "deployment.kubernetes.io/desired-replicas";
pub(super) const MAX_REPLICAS: &str = "deployment.kubernetes.io/max-replicas";
pub const HASH_LABEL: &str = "pod-template-hash";

pub(crate) const CONTROLLER: Controller = Controller::keyed(COMPONENT, watches, reconcile);

/// deployment_controller.go's event handlers: a Deployment, the ReplicaSets it controls (and any
/// Deployment in the namespace for a ReplicaSet without a controller, which it may adopt), and the
/// Pods of its ReplicaSets (a Recreate rollout waits for the old ones to go).
fn watches(store: &Store, t: &Touch, out: &mut dyn FnMut(QueueKey)) {
    match t.kind.as_str() {
        "Deployment" => out(own_key(t)),
        "ReplicaSet" => {
            controller_keys(t, "Deployment", out);
            if t.new.as_ref().is_some_and(|n| n.controller().is_none()) {
                queue_all::<Deployment>(store, Some(&t.key.0), out);
            }
        }
        "Pod" => {
            for f in t.sides() {
                let Some(o) = f.controller().filter(|o| o.kind == "ReplicaSet") else {
                    continue;
                };
                let owner = store
                    .get::<ReplicaSet>(&t.key.0, &o.name)
                    .and_then(|rs| controller_of(&rs.metadata))
                    .filter(|r| r.kind == "Deployment");
                if let Some(r) = owner {
                    out(QueueKey::new(&t.key.0, &r.name));
                }
            }
        }
        _ => {}
    }
}

fn reconcile(c: &mut Cluster, key: &QueueKey) {
    let Some(d) = live::<Deployment>(c, key) else {
        return;
    };
    let uid = d.metadata.uid.clone().unwrap_or_default();
    let ns = key.namespace.clone();
    // The ReplicaSets it controls, and those without a controller in its namespace.
    let mine: Vec<ReplicaSet> = c
        .store
        .index
        .controlled
        .get(&uid)
        .into_iter()
        .flatten()
        .filter(|(kind, _)| kind == "ReplicaSet")
        .filter_map(|(_, (n, name))| c.store.get::<ReplicaSet>(n, name).cloned())
        .collect();
    let free: Vec<ReplicaSet> = uncontrolled::<ReplicaSet>(c, &ns)
        .map(|rs| ReplicaSet::clone(rs))
        .collect();
    sync::sync(c, &d, mine, free);
}
