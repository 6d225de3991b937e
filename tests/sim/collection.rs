//! Garbage collection, namespace deletion, and adoption and release by selector: the paths where a
//! change to one object must reach others through owner references and labels.

use super::*;

fn kinds_named(c: &Cluster, prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    for rs in c.store().replica_sets.values() {
        let n = rs.metadata.name.clone().unwrap_or_default();
        if n.starts_with(prefix) {
            out.push(format!("ReplicaSet/{n}"));
        }
    }
    for p in c.store().pods.values() {
        let n = p.metadata.name.clone().unwrap_or_default();
        if n.starts_with(prefix) {
            out.push(format!("Pod/{n}"));
        }
    }
    out
}

/// garbagecollector.go with background propagation (what `kubectl delete` and `apply --prune`
/// use): the owner goes at once, its ReplicaSet next, then the Pods, which terminate gracefully.
#[test]
fn pruning_a_deployment_collects_its_replica_sets_and_pods() {
    let mut c = cluster(&format!(
        "{}---\n{}",
        deployment("web", 2, "nginx:1.27", ""),
        deployment("api", 1, "nginx:1.27", "")
    ));
    c.run_to_steady(60 * SECOND);
    assert_eq!(
        kinds_named(&c, "web-").len(),
        3,
        "{:?}",
        kinds_named(&c, "web-")
    );
    c.apply(&load(&deployment("api", 1, "nginx:1.27", "")));
    assert!(c.store().deployments.get("default", "web").is_none());
    let after = c.now() + 60 * SECOND;
    c.run_until(after);
    assert_eq!(kinds_named(&c, "web-"), Vec::<String>::new());
    assert_eq!(
        kinds_named(&c, "api-").len(),
        2,
        "the other Deployment is untouched"
    );
}

/// An object whose every owner is missing is deleted by the garbage collector (attemptToDeleteItem:
/// a dangling owner reference), whether the owner went away or never existed.
#[test]
fn an_object_owned_by_nobody_that_exists_is_collected() {
    let mut c = cluster(
        "apiVersion: v1
kind: ConfigMap
metadata:
  name: orphan
  ownerReferences:
  - {apiVersion: apps/v1, kind: Deployment, name: gone, uid: 00000000-0000-0000-0000-000000000000}
data: {k: v}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: kept}
data: {k: v}
",
    );
    c.run_to_steady(10 * SECOND);
    assert!(c.store().config_maps.get("default", "orphan").is_none());
    assert!(c.store().config_maps.get("default", "kept").is_some());
}

/// namespace_controller.go: a deleted Namespace is Terminating while anything is left in it, and
/// goes once its Pods have terminated (here one that ignores SIGTERM and is killed at the end of its
/// 20 s grace period).
#[test]
fn a_deleted_namespace_terminates_with_its_content() {
    let text = "apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: shop}
---
apiVersion: v1
kind: Pod
metadata:
  name: stubborn
  namespace: shop
  annotations: {sim.kubeplay.dev/c: ignore sigterm}
spec:
  terminationGracePeriodSeconds: 20
  containers: [{name: c, image: nginx:1.27}]
";
    let mut c = cluster(text);
    c.run_to_steady(30 * SECOND);
    c.apply(&load(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: other}\n",
    ));
    let phase = |c: &Cluster| {
        c.store().namespaces.get("", "shop").map(|n| {
            n.status
                .as_ref()
                .and_then(|s| s.phase.clone())
                .unwrap_or_default()
        })
    };
    assert_eq!(phase(&c).as_deref(), Some("Terminating"));
    assert!(
        c.store().config_maps.get("shop", "settings").is_none(),
        "content goes at once"
    );
    let stubborn = |c: &Cluster| c.store().pods.get("shop", "stubborn").is_some();
    assert!(stubborn(&c), "the Pod has its grace period");
    let almost = c.now() + 19 * SECOND;
    c.run_until(almost);
    assert_eq!(phase(&c).as_deref(), Some("Terminating"));
    let after = c.now() + 2 * SECOND;
    c.run_until(after);
    assert!(!stubborn(&c));
    assert_eq!(phase(&c), None, "the Namespace is gone");
    assert!(
        c.events().iter().all(|e| e.involved.namespace != "shop"),
        "its Events went with it"
    );
}

/// replica_set.go claimPods (controller_ref_manager.go): an orphan Pod whose labels match is
/// adopted and counted, so the ReplicaSet creates one Pod fewer; a Pod whose labels stop matching
/// is released (its ownerReference removed) and replaced.
#[test]
fn replica_sets_adopt_matching_orphans_and_release_pods_that_stop_matching() {
    let rs = "apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: cache}
spec:
  replicas: 2
  selector: {matchLabels: {app: cache}}
  template:
    metadata: {labels: {app: cache}}
    spec:
      containers: [{name: redis, image: redis:7}]
";
    let stray = |app: &str| {
        format!(
            "apiVersion: v1\nkind: Pod\nmetadata: {{name: stray, labels: {{app: {app}}}}}\nspec:\n  containers: [{{name: redis, image: redis:7}}]\n"
        )
    };
    let mut c = cluster(&format!("{rs}---\n{}", stray("cache")));
    c.run_to_steady(60 * SECOND);
    let owner = |c: &Cluster| {
        c.store()
            .pods
            .get("default", "stray")
            .and_then(|p| p.metadata.owner_references.clone())
            .unwrap_or_default()
            .iter()
            .map(|r| format!("{}/{}", r.kind, r.name))
            .collect::<Vec<_>>()
    };
    assert_eq!(owner(&c), ["ReplicaSet/cache"]);
    assert_eq!(c.store().pods.len(), 2, "the stray Pod counts as one of 2");
    c.apply(&load(&format!("{rs}---\n{}", stray("other"))));
    c.run_to_steady(c.now() + 60 * SECOND);
    assert_eq!(owner(&c), Vec::<String>::new(), "released");
    let cache_pods = c
        .store()
        .pods
        .values()
        .filter(|p| {
            p.metadata
                .labels
                .as_ref()
                .and_then(|l| l.get("app"))
                .is_some_and(|a| a == "cache")
        })
        .count();
    assert_eq!(cache_pods, 2, "a replacement was created");
}
