//! Each invariant holds on a healthy cluster and names itself when the store is broken the way it
//! guards against (written straight into the store, so no controller repairs it first).

use k8s_openapi::api::core::v1::{ConfigMap, Pod, Service};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, OwnerReference};

use super::*;
use crate::manifest::load;
use crate::sim::events::{EventType, Involved, Source};
use crate::sim::time::SECOND;

const WEB: &str = "\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 4
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports:
        - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
";

fn healthy() -> (Cluster, Checker) {
    let mut c = Cluster::new();
    c.apply(&load(WEB));
    c.run_until(60 * SECOND);
    let mut checker = Checker::new();
    assert_eq!(checker.check(&c), Ok(()));
    (c, checker)
}

fn broken(c: &Cluster, checker: &mut Checker) -> &'static str {
    checker
        .check(c)
        .expect_err("the invariant notices")
        .invariant
}

fn a_pod(c: &Cluster) -> Pod {
    c.store.pods.values().next().expect("a Pod").clone()
}

fn config_map(ns: &str, owners: Vec<OwnerReference>) -> ConfigMap {
    ConfigMap {
        metadata: ObjectMeta {
            name: Some("cm".into()),
            namespace: Some(ns.into()),
            uid: Some("cm-uid".into()),
            owner_references: Some(owners),
            ..Default::default()
        },
        ..Default::default()
    }
}

fn owner(uid: &str, controller: bool) -> OwnerReference {
    OwnerReference {
        api_version: "v1".into(),
        kind: "Service".into(),
        name: "web".into(),
        uid: uid.into(),
        controller: Some(controller),
        block_owner_deletion: None,
    }
}

#[test]
fn a_settled_rollout_keeps_every_invariant() {
    let (mut c, mut checker) = healthy();
    let edited = WEB.replace("nginx:1.27", "nginx:1.28");
    c.apply(&load(&edited));
    for _ in 0..200 {
        assert_eq!(checker.check(&c), Ok(()));
        if !c.step() {
            break;
        }
    }
    assert!(
        checker.checks >= 4,
        "the rollout took steps ({})",
        checker.checks
    );
}

#[test]
fn a_missing_owner_is_noticed() {
    let (mut c, mut checker) = healthy();
    c.store
        .put(config_map("default", vec![owner("gone", false)]));
    assert_eq!(broken(&c, &mut checker), "owners-exist");
}

#[test]
fn two_controllers_are_noticed() {
    let (mut c, mut checker) = healthy();
    let svc = c
        .store
        .services
        .get("default", "web")
        .unwrap()
        .metadata
        .uid
        .clone()
        .unwrap();
    c.store.put(config_map(
        "default",
        vec![owner(&svc, true), owner(&svc, true)],
    ));
    assert_eq!(broken(&c, &mut checker), "one-controller");
}

#[test]
fn an_object_without_its_namespace_is_noticed() {
    let (mut c, mut checker) = healthy();
    c.store.put(config_map("ghost", Vec::new()));
    assert_eq!(broken(&c, &mut checker), "namespaces-exist");
}

#[test]
fn a_pod_on_a_vanished_node_is_noticed() {
    let (mut c, mut checker) = healthy();
    let node = a_pod(&c).spec.unwrap().node_name.unwrap();
    c.store.remove("Node", "", &node);
    assert_eq!(broken(&c, &mut checker), "pods-on-existing-nodes");
}

#[test]
fn a_stale_endpoint_slice_is_noticed() {
    let (mut c, mut checker) = healthy();
    let mut pod = a_pod(&c);
    pod.metadata.labels = Some([("app".to_string(), "other".to_string())].into());
    c.store.put(pod);
    assert_eq!(
        broken(&c, &mut checker),
        "endpoint-slices-list-selected-pods"
    );
}

#[test]
fn a_shared_pod_ip_is_noticed() {
    let (mut c, mut checker) = healthy();
    let pods: Vec<Pod> = c.store.pods.values().take(2).cloned().collect();
    let mut second = pods[1].clone();
    second.status.as_mut().unwrap().pod_ip = pods[0].status.as_ref().unwrap().pod_ip.clone();
    c.store.put(second);
    // The slices still name the old address, but the IPs are checked on the Pods themselves.
    let err = checker.check(&c).unwrap_err();
    assert!(
        matches!(
            err.invariant,
            "pod-ips-unique" | "endpoint-slices-list-selected-pods"
        ),
        "{err}"
    );
    assert!(pod_ips_unique(&c).is_err());
}

#[test]
fn a_shared_cluster_ip_is_noticed() {
    let (mut c, mut checker) = healthy();
    let ip = c
        .store
        .services
        .get("default", "kubernetes")
        .unwrap()
        .spec
        .as_ref()
        .unwrap()
        .cluster_ip
        .clone();
    let mut svc: Service = c.store.services.get("default", "web").unwrap().clone();
    svc.spec.as_mut().unwrap().cluster_ip = ip;
    c.store.put(svc);
    assert_eq!(broken(&c, &mut checker), "cluster-ips-unique");
}

#[test]
fn unbounded_events_are_noticed() {
    let (mut c, mut checker) = healthy();
    for i in 0..=MAX_EVENTS {
        c.events.record(
            c.now(),
            Involved {
                api_version: "v1",
                kind: "Pod",
                namespace: "default".into(),
                name: format!("p{i}"),
                uid: String::new(),
                field_path: None,
            },
            EventType::Normal,
            "Scheduled",
            String::new(),
            Source::controller("test"),
        );
    }
    assert_eq!(broken(&c, &mut checker), "events-bounded");
}

#[test]
fn the_clock_running_backwards_is_noticed() {
    let (c, mut checker) = healthy();
    let mut later = c.clone();
    later.run_until(c.now() + SECOND);
    assert_eq!(checker.check(&later), Ok(()));
    assert_eq!(broken(&c, &mut checker), "clock-never-runs-backwards");
}

#[test]
fn too_many_pods_in_a_rollout_are_noticed() {
    let (mut c, mut checker) = healthy();
    let mut extra = a_pod(&c);
    extra.metadata.name = Some("web-extra".into());
    extra.metadata.uid = Some("extra".into());
    extra.status.as_mut().unwrap().pod_ip = Some("10.244.9.9".into());
    c.store.put(extra);
    let err = checker.check(&c).unwrap_err();
    assert!(
        matches!(
            err.invariant,
            "rollouts-within-bounds" | "endpoint-slices-list-selected-pods"
        ),
        "{err}"
    );
    // maxSurge of 4 replicas is 25%, one Pod: five fit, the sixth does not.
    let mut sixth = a_pod(&c);
    sixth.metadata.name = Some("web-sixth".into());
    sixth.metadata.uid = Some("sixth".into());
    sixth.status = None;
    c.store.put(sixth);
    let mut fresh = Checker::new();
    let detail = fresh.rollouts_within_bounds(&c).unwrap_err();
    assert!(
        detail.contains("6 active Pods, more than replicas 4 + maxSurge 1"),
        "{detail}"
    );
}

#[test]
fn too_few_available_pods_are_noticed_only_while_nothing_intervened() {
    let (mut c, mut checker) = healthy();
    let names: Vec<String> = c
        .store
        .pods
        .values()
        .take(2)
        .map(|p| p.metadata.name.clone().unwrap())
        .collect();
    let mut disturbed = checker.clone();
    for n in &names {
        c.store.remove("Pod", "default", n);
    }
    // Two of four gone at once is below replicas - maxUnavailable (4 - 1).
    let detail = checker.rollouts_within_bounds(&c).unwrap_err();
    assert!(
        detail.contains("2 available Pods, fewer than replicas 4 - maxUnavailable 1"),
        "{detail}"
    );
    // After a fault the bound waits for the Deployment to be complete again.
    disturbed.disturbed();
    assert_eq!(disturbed.rollouts_within_bounds(&c), Ok(()));
}

/// A claim Bound to a volume that is Bound to another claim breaks the two-way binding.
#[test]
fn a_one_sided_binding_is_noticed() {
    let text = "\
apiVersion: v1
kind: PersistentVolume
metadata: {name: v}
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  storageClassName: manual
  hostPath: {path: /data/v}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: manual
  resources: {requests: {storage: 1Gi}}
";
    let mut c = Cluster::new();
    c.apply(&load(text));
    c.run_until(20 * SECOND);
    let mut checker = Checker::new();
    assert_eq!(checker.check(&c), Ok(()));
    let mut v = c.store.persistent_volumes.get("", "v").unwrap().clone();
    let claim_ref = v.spec.as_mut().unwrap().claim_ref.as_mut().unwrap();
    assert_eq!(claim_ref.name.as_deref(), Some("data"), "bound first");
    claim_ref.name = Some("other".into());
    c.store.put(v);
    assert_eq!(
        broken(&c, &mut checker),
        "bound-claims-and-volumes-name-each-other"
    );
}

#[test]
fn a_budget_that_miscounts_is_noticed() {
    let budget = "---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web}\nspec:\n  minAvailable: 2\n  selector: {matchLabels: {app: web}}\n";
    let mut c = Cluster::new();
    c.apply(&load(&format!("{WEB}{budget}")));
    c.run_until(c.now() + 60 * SECOND);
    let mut checker = Checker::default();
    checker
        .check(&c)
        .expect("a synced budget keeps every invariant");
    let key = (
        "PodDisruptionBudget".to_string(),
        "default".to_string(),
        "web".to_string(),
    );
    let status = &c.store.others[&key].value["status"];
    assert_eq!(
        (
            status["currentHealthy"].as_i64(),
            status["disruptionsAllowed"].as_i64()
        ),
        (Some(4), Some(2))
    );
    let mut wrong = c.store.others[&key].clone();
    wrong.value["status"]["currentHealthy"] = 3.into();
    c.store.others.insert(key.clone(), wrong);
    assert_eq!(broken(&c, &mut checker), "budgets-count-healthy-pods");
    let mut wrong = c.store.others[&key].clone();
    wrong.value["status"]["currentHealthy"] = 4.into();
    wrong.value["status"]["disruptionsAllowed"] = 4.into();
    c.store.others.insert(key, wrong);
    assert_eq!(broken(&c, &mut checker), "budgets-count-healthy-pods");
}
