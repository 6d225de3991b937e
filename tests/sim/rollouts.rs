use super::*;

/// The rolling-update bounds of pkg/controller/deployment/rolling.go and the Deployment docs: at no
/// step more than replicas+maxSurge Pods (not terminating), nor fewer than replicas-maxUnavailable
/// available, with surge rounded up and unavailability rounded down from percentages
/// (intstr.GetScaledValueFromIntOrPercent).
#[test]
fn rolling_updates_stay_within_surge_and_unavailability() {
    let cases = [
        (4, "4", "3", 4, 3),
        (4, "25%", "25%", 1, 1),
        (10, "30%", "30%", 3, 3),
        (10, "1", "0", 1, 0),
        (10, "0", "1", 0, 1),
        (5, "50%", "0", 3, 0),
        (3, "0", "0", 0, 1),
    ];
    for (replicas, surge, unavailable, max_surge, max_unavailable) in cases {
        let strategy = format!("strategy: {{type: RollingUpdate, rollingUpdate: {{maxSurge: {}, maxUnavailable: {}}}}}",
            if surge.ends_with('%') { format!("\"{surge}\"") } else { surge.to_string() },
            if unavailable.ends_with('%') { format!("\"{unavailable}\"") } else { unavailable.to_string() });
        let v1 = deployment("web", replicas, "example/app:1", &strategy);
        let mut c = cluster(&v1);
        c.run_to_steady(10 * 60 * SECOND);
        let v2 = deployment("web", replicas, "example/app:2", &strategy);
        let r = c.apply(&load(&v2));
        assert_eq!(r[0].outcome, ApplyOutcome::Configured);
        let mut steps = 0;
        let mut saw_both = false;
        loop {
            let active: Vec<_> = c
                .store()
                .pods
                .values()
                .filter(|p| p.metadata.deletion_timestamp.is_none())
                .collect();
            let available = active
                .iter()
                .filter(|p| kubeplay::sim::controllers::is_ready(p))
                .count() as i32;
            let new = active
                .iter()
                .filter(|p| {
                    p.spec.as_ref().unwrap().containers[0].image.as_deref() == Some("example/app:2")
                })
                .count();
            saw_both |= new > 0 && new < active.len();
            assert!(
                active.len() as i32 <= replicas + max_surge,
                "{surge}/{unavailable}: {} Pods at t={}",
                active.len(),
                c.now()
            );
            assert!(
                available >= replicas - max_unavailable,
                "{surge}/{unavailable}: {available} available at t={}",
                c.now()
            );
            steps += 1;
            if !c.step() || steps > 10_000 {
                break;
            }
        }
        let images: Vec<_> = c
            .store()
            .pods
            .values()
            .map(|p| {
                p.spec.as_ref().unwrap().containers[0]
                    .image
                    .clone()
                    .unwrap()
            })
            .collect();
        assert_eq!(
            images,
            vec!["example/app:2".to_string(); replicas as usize],
            "{surge}/{unavailable}"
        );
        assert!(
            saw_both || max_surge == 0 && max_unavailable >= replicas,
            "{surge}/{unavailable}: never saw old and new together"
        );
        let d = c.store().deployments.values().next().unwrap();
        let (msg, done) = kubeplay::sim::print::rollout_status(d);
        assert!(
            done && msg == "deployment \"web\" successfully rolled out",
            "{msg}"
        );
        assert_eq!(
            c.store().replica_sets.len(),
            2,
            "the old ReplicaSet is kept at 0 for rollback"
        );
    }
}

/// The seed's 4-replica Deployment with maxSurge 4 / maxUnavailable 3: the new ReplicaSet goes to 4 at
/// once and the old one down to 1 (4 - 3), as rolling.go computes; the events say so.
#[test]
fn seed_rollout_scales_as_kubernetes_does() {
    let strategy =
        "strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 4, maxUnavailable: 3}}";
    let mut c = cluster(&deployment(
        "echo-version",
        4,
        "gihyodocker/echo-version:0.1.0",
        strategy,
    ));
    c.run_to_steady(60 * SECOND);
    c.apply(&load(&deployment(
        "echo-version",
        4,
        "gihyodocker/echo-version:0.2.0",
        strategy,
    )));
    let scaling = events(&c, "ScalingReplicaSet");
    assert_eq!(scaling.len(), 3, "{scaling:?}");
    assert!(
        scaling[1].starts_with("Scaled up replica set echo-version-")
            && scaling[1].ends_with(" from 0 to 4"),
        "{scaling:?}"
    );
    assert!(scaling[2].ends_with(" from 4 to 1"), "{scaling:?}");
    c.run_to_steady(5 * 60 * SECOND);
    let scaling = events(&c, "ScalingReplicaSet");
    assert!(
        scaling.last().unwrap().ends_with(" from 1 to 0"),
        "{scaling:?}"
    );
    // Re-applying the first template rolls back to the old ReplicaSet instead of making a third.
    c.apply(&load(&deployment(
        "echo-version",
        4,
        "gihyodocker/echo-version:0.1.0",
        strategy,
    )));
    c.run_to_steady(5 * 60 * SECOND);
    assert_eq!(c.store().replica_sets.len(), 2);
    let revs: Vec<_> = c
        .store()
        .replica_sets
        .values()
        .map(|rs| {
            rs.metadata.annotations.as_ref().unwrap()["deployment.kubernetes.io/revision"].clone()
        })
        .collect();
    assert!(revs.contains(&"3".to_string()), "{revs:?}");
}

/// Recreate (pkg/controller/deployment/recreate.go): old Pods are all gone before new ones exist.
#[test]
fn recreate_never_mixes_versions() {
    let strategy = "strategy: {type: Recreate}";
    let mut c = cluster(&deployment("web", 3, "example/app:1", strategy));
    c.run_to_steady(60 * SECOND);
    c.apply(&load(&deployment("web", 3, "example/app:2", strategy)));
    loop {
        let images: std::collections::BTreeSet<_> = c
            .store()
            .pods
            .values()
            .map(|p| {
                p.spec.as_ref().unwrap().containers[0]
                    .image
                    .clone()
                    .unwrap()
            })
            .collect();
        assert!(images.len() <= 1, "mixed at t={}: {images:?}", c.now());
        if !c.step() {
            break;
        }
    }
    assert_eq!(pods(&c).iter().filter(|p| p.2 == "Running").count(), 3);
}

/// Found by the invariant property test (tests/invariants.rs, seed 581): scaling a Deployment down
/// in the middle of a rollout left replicas + maxSurge behind. Upstream's `isScalingEvent` makes
/// such a pass a proportional resize of every active ReplicaSet (sync.go `scale`, TestScale's
/// "proportional scaling: 5 -> 3"), and the rollout goes on from there.
#[test]
fn scaling_mid_rollout_resizes_replica_sets_in_proportion() {
    let v1 = "\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: a
spec:
  replicas: 4
  selector:
    matchLabels: {app: a}
  template:
    metadata:
      labels: {app: a}
    spec:
      containers:
      - name: main
        image: nginx:1.27
        resources:
          requests: {cpu: '5'}
";
    let mut c = cluster(v1);
    c.apply(&load(&v1.replace("nginx:1.27", "nginx:1.28")));
    let sizes = |c: &Cluster| {
        let mut s: Vec<(String, i32)> = c
            .store()
            .replica_sets
            .values()
            .map(|rs| {
                let image = first_image(rs);
                (
                    image,
                    rs.spec.as_ref().and_then(|s| s.replicas).unwrap_or(0),
                )
            })
            .collect();
        s.sort();
        s
    };
    // Nothing is available (no node has 5 CPUs): maxSurge 1 and maxUnavailable 1 of 4.
    assert_eq!(
        sizes(&c),
        [("nginx:1.27".to_string(), 3), ("nginx:1.28".to_string(), 2)]
    );
    c.apply(&load(
        &v1.replace("nginx:1.27", "nginx:1.28")
            .replace("replicas: 4", "replicas: 2"),
    ));
    // allowed 2 + 1 = 3 of 5: the old set 3 → round(3·3/5) = 2, the new one 2 → round(2·3/5) = 1.
    assert_eq!(
        sizes(&c),
        [("nginx:1.27".to_string(), 2), ("nginx:1.28".to_string(), 1)]
    );
    let active = c
        .store()
        .pods
        .values()
        .filter(|p| p.metadata.deletion_timestamp.is_none())
        .count();
    assert_eq!(active, 3);
    let events: Vec<String> = c.events().iter().map(|e| e.message.clone()).collect();
    assert!(
        events
            .iter()
            .any(|m| m.starts_with("Scaled down replica set a-") && m.ends_with("from 3 to 2")),
        "{events:?}"
    );
}

/// Found by the `simulate` fuzzer: rolling back to an old template reused its ReplicaSet with the
/// minReadySeconds it was created with, so its Pods counted as available too early and the old
/// ones went below replicas - maxUnavailable. Upstream's getNewReplicaSet (sync.go) gives the new
/// ReplicaSet the Deployment's minReadySeconds whenever they differ.
#[test]
fn a_reused_replica_set_takes_the_deployments_min_ready_seconds() {
    let v1 = "\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: a
spec:
  replicas: 2
  selector:
    matchLabels: {app: a}
  template:
    metadata:
      labels: {app: a}
    spec:
      containers:
      - name: main
        image: nginx:1.27
";
    let mut c = cluster(v1);
    c.run_until(30 * SECOND);
    let v2 = v1
        .replace("nginx:1.27", "nginx:1.28")
        .replace("replicas: 2", "replicas: 2\n  minReadySeconds: 5");
    c.apply(&load(&v2));
    c.run_until(90 * SECOND);
    // Back to the first template: its ReplicaSet is reused, with the Deployment's minReadySeconds.
    c.apply(&load(&v2.replace("nginx:1.28", "nginx:1.27")));
    let min_ready: Vec<(String, Option<i32>)> = c
        .store()
        .replica_sets
        .values()
        .map(|rs| {
            let image = first_image(rs);
            (image, rs.spec.as_ref().and_then(|s| s.min_ready_seconds))
        })
        .collect();
    assert!(
        min_ready.contains(&("nginx:1.27".to_string(), Some(5))),
        "{min_ready:?}"
    );
    // And the rollback keeps two Pods available at every step (maxUnavailable 25% of 2 is 0).
    while let Some(t) = c.next_wakeup().filter(|&t| t <= 3 * 60 * SECOND) {
        c.run_until(t);
        let available = c
            .store()
            .pods
            .values()
            .filter(|p| {
                p.metadata.deletion_timestamp.is_none()
                    && kubeplay::sim::pod::is_available(p, 5, c.now())
            })
            .count();
        assert!(available >= 2, "{available} available at {t}");
    }
}

/// The image of a ReplicaSet's first container.
fn first_image(rs: &k8s_openapi::api::apps::v1::ReplicaSet) -> String {
    rs.spec
        .as_ref()
        .and_then(|s| s.template.as_ref())
        .and_then(|t| t.spec.as_ref())
        .and_then(|s| s.containers.first()?.image.clone())
        .unwrap_or_default()
}
