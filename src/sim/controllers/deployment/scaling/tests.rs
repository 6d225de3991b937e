//! upstream's TestScale (pkg/controller/deployment/sync_test.go), case for case: ReplicaSets sized
//! for the old Deployment (their desired-replicas and max-replicas annotations), resized for the
//! new one.

use k8s_openapi::api::apps::v1::{
    DeploymentSpec, DeploymentStrategy, ReplicaSetSpec, ReplicaSetStatus, RollingUpdateDeployment,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::*;
use crate::sim::time::time;
use crate::sim::Cluster;

/// newDeployment of the upstream test: RollingUpdate with maxSurge and maxUnavailable 0 unless given.
fn deployment(replicas: i32, surge: i32, unavailable: i32) -> Deployment {
    Deployment {
        metadata: ObjectMeta {
            name: Some("foo".into()),
            namespace: Some("default".into()),
            ..Default::default()
        },
        spec: Some(DeploymentSpec {
            replicas: Some(replicas),
            strategy: Some(DeploymentStrategy {
                type_: Some("RollingUpdate".into()),
                rolling_update: Some(RollingUpdateDeployment {
                    max_surge: Some(IntOrString::Int(surge)),
                    max_unavailable: Some(IntOrString::Int(unavailable)),
                }),
            }),
            ..Default::default()
        }),
        status: None,
    }
}

/// A ReplicaSet of `replicas`, all available, created at hour `age_rank` (higher is newer),
/// annotated as sized for `desired` replicas with `surge`.
fn rs(name: &str, replicas: i32, hour: i64, desired: i32, surge: i32) -> ReplicaSet {
    let mut r = ReplicaSet {
        metadata: ObjectMeta {
            name: Some(name.into()),
            namespace: Some("default".into()),
            creation_timestamp: Some(time(hour * 3_600_000)),
            ..Default::default()
        },
        spec: Some(ReplicaSetSpec {
            replicas: Some(replicas),
            ..Default::default()
        }),
        status: Some(ReplicaSetStatus {
            available_replicas: Some(replicas),
            ..Default::default()
        }),
    };
    super::super::sync::set_annotation(&mut r.metadata, DESIRED, desired.to_string());
    super::super::sync::set_annotation(
        &mut r.metadata,
        MAX_REPLICAS,
        (desired + surge).to_string(),
    );
    r
}

struct Case {
    name: &'static str,
    /// (replicas, maxSurge) of the Deployment before and after.
    was: (i32, i32),
    now: (i32, i32),
    new: Option<i32>,
    /// The old ReplicaSets' sizes, newest first.
    old: &'static [i32],
    want_new: Option<i32>,
    want_old: &'static [i32],
}

const CASES: &[Case] = &[
    Case {
        name: "normal scaling event: 10 -> 12",
        was: (10, 0),
        now: (12, 0),
        new: Some(10),
        old: &[],
        want_new: Some(12),
        want_old: &[],
    },
    Case {
        name: "normal scaling event: 10 -> 5",
        was: (10, 0),
        now: (5, 0),
        new: Some(10),
        old: &[],
        want_new: Some(5),
        want_old: &[],
    },
    Case {
        name: "proportional scaling: 5 -> 10",
        was: (5, 0),
        now: (10, 0),
        new: Some(2),
        old: &[3],
        want_new: Some(4),
        want_old: &[6],
    },
    Case {
        name: "proportional scaling: 5 -> 3",
        was: (5, 0),
        now: (3, 0),
        new: Some(2),
        old: &[3],
        want_new: Some(1),
        want_old: &[2],
    },
    Case {
        name: "proportional scaling: 9 -> 4",
        was: (9, 0),
        now: (4, 0),
        new: Some(8),
        old: &[1],
        want_new: Some(4),
        want_old: &[0],
    },
    Case {
        name: "proportional scaling: 7 -> 10",
        was: (7, 0),
        now: (10, 0),
        new: Some(2),
        old: &[3, 2],
        want_new: Some(3),
        want_old: &[4, 3],
    },
    Case {
        name: "proportional scaling: 13 -> 8",
        was: (13, 0),
        now: (8, 0),
        new: Some(2),
        old: &[8, 3],
        want_new: Some(1),
        want_old: &[5, 2],
    },
    Case {
        name: "leftover distribution: 3 -> 4",
        was: (3, 0),
        now: (4, 0),
        new: Some(1),
        old: &[1, 1],
        want_new: Some(2),
        want_old: &[1, 1],
    },
    Case {
        name: "leftover distribution: 3 -> 2",
        was: (3, 0),
        now: (2, 0),
        new: Some(1),
        old: &[1, 1],
        want_new: Some(1),
        want_old: &[1, 0],
    },
    Case {
        name: "proportional scaling (no new rs): 4 -> 5",
        was: (4, 0),
        now: (5, 0),
        new: None,
        old: &[2, 2],
        want_new: None,
        want_old: &[3, 2],
    },
    Case {
        name: "proportional scaling: 6 -> 0",
        was: (6, 0),
        now: (0, 0),
        new: Some(3),
        old: &[2, 1],
        want_new: Some(0),
        want_old: &[0, 0],
    },
    Case {
        name: "proportional scaling: 0 -> 6",
        was: (6, 0),
        now: (6, 0),
        new: Some(0),
        old: &[0, 0],
        want_new: Some(6),
        want_old: &[0, 0],
    },
    Case {
        name: "deployment with surge pods",
        was: (10, 2),
        now: (20, 2),
        new: Some(6),
        old: &[6],
        want_new: Some(11),
        want_old: &[11],
    },
    Case {
        name: "change both surge and size",
        was: (10, 3),
        now: (50, 6),
        new: Some(5),
        old: &[8],
        want_new: Some(22),
        want_old: &[34],
    },
    Case {
        name: "change both size and template",
        was: (10, 0),
        now: (14, 0),
        new: None,
        old: &[7, 3],
        want_new: None,
        want_old: &[10, 4],
    },
];

#[test]
fn replica_sets_are_resized_in_proportion_as_upstream() {
    for case in CASES {
        let mut c = Cluster::new();
        let d = deployment(case.now.0, case.now.1, 0);
        let (desired, surge) = case.was;
        let mut new = case.new.map(|n| rs("foo-new", n, 10, desired, surge));
        let mut old: Vec<ReplicaSet> = case
            .old
            .iter()
            .enumerate()
            .map(|(i, &n)| rs(&format!("foo-old{i}"), n, 5 - i as i64, desired, surge))
            .collect();
        proportionally(
            &mut c,
            &d,
            new.as_mut(),
            &mut old,
            (case.now.0, case.now.1, true),
        );
        assert_eq!(
            new.as_ref().map(replicas),
            case.want_new,
            "{}: new",
            case.name
        );
        let sizes: Vec<i32> = old.iter().map(replicas).collect();
        assert_eq!(sizes, case.want_old, "{}: old", case.name);
    }
}

/// "saturated but broken new replica set does not affect old pods": a new ReplicaSet at full size
/// with nothing available is not saturated, and with nothing to add nothing moves.
#[test]
fn a_broken_new_replica_set_leaves_the_old_one() {
    let mut c = Cluster::new();
    let d = deployment(2, 1, 1);
    let mut new = rs("foo-v2", 2, 10, 2, 1);
    new.status.as_mut().unwrap().available_replicas = Some(0);
    let mut old = vec![rs("foo-v1", 1, 5, 2, 1)];
    proportionally(&mut c, &d, Some(&mut new), &mut old, (2, 1, true));
    assert_eq!((replicas(&new), replicas(&old[0])), (2, 1));
}

#[test]
fn a_scaling_event_is_a_replica_set_sized_for_other_replicas() {
    let sized = rs("foo-v1", 3, 1, 3, 1);
    assert!(!is_scaling_event(Some(&sized), &[], 3));
    assert!(is_scaling_event(Some(&sized), &[], 5));
    // An empty ReplicaSet sized for anything does not count.
    let empty = rs("foo-v0", 0, 0, 9, 1);
    assert!(!is_scaling_event(Some(&sized), &[empty], 3));
}
