//! sync.go `scale` and `isScalingEvent`: when a Deployment's replicas change (or it is paused),
//! its active ReplicaSets are resized in proportion to their share instead of rolled, so a rollout
//! in progress never holds more than replicas + maxSurge Pods after the change.
//!
//! The one thing to know: each ReplicaSet's share comes from its
//! `deployment.kubernetes.io/max-replicas` annotation (the Deployment's replicas + maxSurge when
//! the ReplicaSet was last sized); the rounding leftover goes to the largest ReplicaSet.

use k8s_openapi::api::apps::v1::{Deployment, ReplicaSet};

use super::sync::{available, created, replicas, scale};
use super::{DESIRED, MAX_REPLICAS};

/// `isScalingEvent`: an active ReplicaSet was sized for a different replica count.
pub(super) fn is_scaling_event(new: Option<&ReplicaSet>, old: &[ReplicaSet], want: i32) -> bool {
    new.into_iter()
        .chain(old)
        .filter(|rs| replicas(rs) > 0)
        .any(|rs| annotation(rs, DESIRED).is_some_and(|desired| desired != want))
}

fn annotation(rs: &ReplicaSet, key: &str) -> Option<i32> {
    rs.metadata.annotations.as_ref()?.get(key)?.parse().ok()
}

/// `scale`: sizes the ReplicaSets for `want` replicas; true when it changed one.
pub(super) fn proportionally(
    c: &mut crate::sim::Cluster,
    d: &Deployment,
    new: Option<&mut ReplicaSet>,
    old: &mut [ReplicaSet],
    (want, surge, rolling): (i32, i32, bool),
) -> bool {
    let new_created = new.as_ref().map(|rs| created(rs));
    let mut all: Vec<&mut ReplicaSet> = old.iter_mut().chain(new).collect();
    // FindActiveOrLatest: one active ReplicaSet (or none: the newest) takes the whole count.
    let active = all.iter().filter(|rs| replicas(rs) > 0).count();
    if active <= 1 {
        let target = match all.iter().position(|rs| replicas(rs) > 0) {
            Some(i) => Some(i),
            None if new_created.is_some() => {
                all.iter().position(|rs| Some(created(rs)) == new_created)
            }
            None => (0..all.len()).max_by_key(|&i| created(all[i])),
        };
        return match target {
            Some(i) if replicas(all[i]) != want => scale(c, d, all[i], want, surge),
            _ => false,
        };
    }
    // IsSaturated: the new ReplicaSet runs every replica, available; the old ones go to zero.
    let saturated = all.iter().any(|rs| {
        Some(created(rs)) == new_created
            && annotation(rs, DESIRED) == Some(want)
            && replicas(rs) == want
            && available(rs) == want
    });
    if saturated {
        let mut changed = false;
        for rs in all.iter_mut().filter(|rs| Some(created(rs)) != new_created) {
            if replicas(rs) > 0 {
                changed |= scale(c, d, rs, 0, surge);
            }
        }
        return changed;
    }
    if !rolling {
        return false;
    }
    all.retain(|rs| replicas(rs) > 0);
    let total: i32 = all.iter().map(|rs| replicas(rs)).sum();
    let allowed = if want > 0 { want + surge } else { 0 };
    let to_add = allowed - total;
    // ReplicaSetsBySizeNewer when growing, BySizeOlder when shrinking.
    crate::sort::by(&mut all, |a, b| {
        replicas(b).cmp(&replicas(a)).then_with(|| {
            if to_add > 0 {
                created(b).cmp(&created(a))
            } else {
                created(a).cmp(&created(b))
            }
        })
    });
    let status_replicas = d.status.as_ref().and_then(|s| s.replicas).unwrap_or(0);
    let mut added = 0;
    let mut sizes: Vec<i32> = Vec::with_capacity(all.len());
    for rs in &all {
        let r = replicas(rs);
        let proportion = if to_add == 0 || r == 0 || to_add == added {
            0
        } else {
            // getReplicaSetFraction, then GetProportion's clamp to what is left to add.
            let fraction = if want == 0 {
                -r
            } else {
                let annotated = annotation(rs, MAX_REPLICAS).unwrap_or(status_replicas);
                let size = f64::from(r) * f64::from(want + surge) / f64::from(annotated.max(1));
                size.round() as i32 - r
            };
            let left = to_add - added;
            if to_add > 0 {
                fraction.min(left)
            } else {
                fraction.max(left)
            }
        };
        sizes.push(r + proportion);
        added += proportion;
    }
    if let Some(first) = sizes.first_mut() {
        if to_add != 0 {
            *first = (*first + to_add - added).max(0);
        }
    }
    let mut changed = false;
    for (rs, size) in all.into_iter().zip(sizes) {
        changed |= scale(c, d, rs, size, surge);
    }
    changed
}

#[cfg(test)]
mod tests;
