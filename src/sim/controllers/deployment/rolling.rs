//! rolling.go: the new ReplicaSet is scaled up as far as maxSurge allows, the old ones down as far
//! as maxUnavailable allows, unavailable old Pods first.

use k8s_openapi::api::apps::v1::{Deployment, ReplicaSet};

use super::sync::{available, replicas, scale};
use crate::sim::Cluster;

/// One pass of a RollingUpdate rollout; true when it scaled something.
pub(super) fn rollout(
    c: &mut Cluster,
    d: &Deployment,
    new: &mut ReplicaSet,
    old: &mut [ReplicaSet],
    (want, surge, max_unavailable): (i32, i32, i32),
) -> bool {
    let mut progressed = false;
    // rolling.go reconcileNewReplicaSet.
    let total: i32 = old.iter().map(replicas).sum::<i32>() + replicas(new);
    let new_replicas = replicas(new);
    if new_replicas > want {
        progressed |= scale(c, d, new, want, surge);
    } else if new_replicas < want {
        let max_total = want + surge;
        if total < max_total {
            let up = (max_total - total).min(want - new_replicas);
            progressed |= scale(c, d, new, new_replicas + up, surge);
        }
    }
    // rolling.go reconcileOldReplicaSets.
    let old_total: i32 = old.iter().map(replicas).sum();
    if old_total > 0 {
        let all_total: i32 = old_total + replicas(new);
        let min_available = want - max_unavailable;
        let new_unavailable = replicas(new) - available(new);
        let max_scaled_down = all_total - min_available - new_unavailable;
        if max_scaled_down > 0 {
            // cleanupUnhealthyReplicas: old Pods that are not available go first.
            let mut cleaned = 0;
            for rs in old.iter_mut() {
                if cleaned >= max_scaled_down {
                    break;
                }
                let r = replicas(rs);
                if r == 0 || r == available(rs) {
                    continue;
                }
                let down = (max_scaled_down - cleaned).min(r - available(rs));
                progressed |= scale(c, d, rs, r - down, surge);
                cleaned += down;
            }
            // scaleDownOldReplicaSetsForRollingUpdate: then as many available ones as allowed.
            let all_available: i32 = old.iter().map(available).sum::<i32>() + available(new);
            if all_available > min_available {
                let total_down = all_available - min_available;
                let mut done = 0;
                for rs in old.iter_mut() {
                    if done >= total_down {
                        break;
                    }
                    let r = replicas(rs);
                    if r == 0 {
                        continue;
                    }
                    let down = r.min(total_down - done);
                    progressed |= scale(c, d, rs, r - down, surge);
                    done += down;
                }
            }
        }
    }
    progressed
}
