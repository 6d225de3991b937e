//! The work-queue engine: what one change costs, counted in reconciles rather than timed.

use super::*;

fn deployments(n: usize) -> String {
    (0..n)
        .map(|i| deployment(&format!("app-{i}"), 3, "nginx:1.27", ""))
        .collect::<Vec<_>>()
        .join("---\n")
}

fn total(c: &Cluster) -> u64 {
    c.reconciles().iter().map(|(_, n)| n).sum()
}

/// kube-controller-manager's informers enqueue only the keys a change maps to
/// (replica_set.go deletePod → its ReplicaSet; deployment_controller.go → the Deployment of that
/// ReplicaSet; the scheduler and kubelet → the new Pod). Deleting one Pod of a steady cluster must
/// cost the same number of reconciles whether the cluster has 5 or 40 Deployments.
#[test]
fn deleting_one_pod_reconciles_only_the_keys_it_touches() {
    let mut costs = Vec::new();
    for n in [5, 40] {
        let mut c = cluster(&deployments(n));
        c.run_to_steady(10 * 60 * SECOND);
        let pod = c
            .store()
            .pods
            .values()
            .find(|p| {
                p.metadata
                    .name
                    .as_deref()
                    .is_some_and(|n| n.starts_with("app-1-"))
            })
            .and_then(|p| p.metadata.name.clone())
            .expect("a Pod of app-1");
        let before = total(&c);
        assert!(c.delete("Pod", "default", &pod));
        let until = c.now() + 10 * 60 * SECOND;
        c.run_to_steady(until);
        let running = pods(&c).iter().filter(|p| p.2 == "Running").count();
        assert_eq!(running, 3 * n, "the Pod is replaced");
        costs.push(total(&c) - before);
    }
    assert_eq!(
        costs[0], costs[1],
        "reconciles after one deletion: {costs:?}"
    );
    assert!(costs[0] < 60, "reconciles after one deletion: {costs:?}");
}

/// A steady cluster has nothing due: the clock does not stop, and nothing is reconciled while it
/// runs (a healthy Pod costs nothing, as the kubelet module promises).
#[test]
fn a_steady_cluster_reconciles_nothing_while_time_passes() {
    let mut c = cluster(&deployments(10));
    c.run_to_steady(10 * 60 * SECOND);
    assert_eq!(c.next_wakeup(), None);
    let before = total(&c);
    let until = c.now() + 60 * 60 * SECOND;
    c.run_until(until);
    assert_eq!(total(&c), before);
}

/// Every controller in the settle loop is named, and a fresh cluster's bootstrap objects (the
/// `kubernetes` Service, namespaces, nodes) are reconciled at least once by someone.
#[test]
fn every_controller_is_listed_once() {
    let mut c = Cluster::new();
    c.run_to_steady(SECOND);
    let names: Vec<&str> = c.reconciles().iter().map(|(n, _)| *n).collect();
    let mut unique = names.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), names.len(), "{names:?}");
    for want in [
        "garbage-collector",
        "namespace-controller",
        "deployment-controller",
        "replicaset-controller",
        "statefulset-controller",
        "daemonset-controller",
        "default-scheduler",
        "kubelet",
        "endpointslice-controller",
    ] {
        assert!(names.contains(&want), "{want} missing from {names:?}");
    }
    assert!(total(&c) > 0);
}
