//! recreate.go: every old ReplicaSet goes to zero first; the new one is scaled up only once no old
//! Pod runs, so two versions never run at once.

use k8s_openapi::api::apps::v1::{Deployment, ReplicaSet};
use k8s_openapi::api::core::v1::Pod;

use super::sync::{replicas, scale};
use crate::sim::controllers::controlled_pods;
use crate::sim::pod::is_finished;
use crate::sim::Cluster;

/// One pass of a Recreate rollout; true when it scaled something.
pub(super) fn rollout(
    c: &mut Cluster,
    d: &Deployment,
    new: &mut ReplicaSet,
    old: &mut [ReplicaSet],
    want: i32,
    surge: i32,
) -> bool {
    let mut progressed = false;
    for rs in old.iter_mut() {
        if replicas(rs) > 0 {
            progressed |= scale(c, d, rs, 0, surge);
        }
    }
    let old_pods_running = old
        .iter()
        .filter_map(|rs| rs.metadata.uid.as_deref())
        .any(|uid| {
            controlled_pods(c, uid)
                .filter_map(|(n, name)| c.store.get::<Pod>(n, name))
                .any(|p| !is_finished(p))
        });
    if !old_pods_running && replicas(new) != want {
        progressed |= scale(c, d, new, want, surge);
    }
    progressed
}
