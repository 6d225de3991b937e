//! The cluster's graph: one table row per relationship the Graph tab draws, each checked on a
//! cluster that ran a minute.

use crate::graph::{Graph, Link};
use crate::i18n::Lang;
use crate::manifest::load;
use crate::sim::time::SECOND;
use crate::sim::Cluster;

const MANIFEST: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: frontend}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      serviceAccountName: builder
      containers:
      - name: app
        image: nginx:1.27
        envFrom: [{configMapRef: {name: settings}}]
      volumes:
      - {name: data, persistentVolumeClaim: {claimName: data}}
---
apiVersion: v1
kind: Pod
metadata: {name: lonely}
spec:
  containers:
  - name: app
    image: busybox:1.36
    env:
    - {name: PW, valueFrom: {secretKeyRef: {name: absent, key: pw}}}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: builder}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data: {MODE: fast}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: typo}
spec:
  selector: {app: wbe}
  ports: [{port: 80}]
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: disk}
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteMany]
  storageClassName: manual
  hostPath: {path: /data}
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: manual}
provisioner: kubernetes.io/no-provisioner
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec:
  accessModes: [ReadWriteMany]
  storageClassName: manual
  resources: {requests: {storage: 1Gi}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: front}
spec:
  rules:
  - http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader}
rules: [{apiGroups: [''], resources: [pods], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: read-pods}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects: [{kind: ServiceAccount, name: builder}, {kind: User, name: jane}]
";

fn ran(text: &str) -> Cluster {
    let mut c = Cluster::new();
    for r in c.apply(&load(text)) {
        assert!(!r.is_error(), "{}", r.render());
    }
    c.run_until(60 * SECOND);
    c
}

/// (from key, to key, link) with each generated Pod and ReplicaSet name cut to its owner's.
fn edges(g: &Graph) -> Vec<(String, String, Link)> {
    let short = |k: &str| -> String {
        let parts: Vec<&str> = k.splitn(3, '/').collect();
        match parts.as_slice() {
            ["Pod", ns, name] | ["ReplicaSet", ns, name] if name.starts_with("web-") => {
                format!("{}/{ns}/web-…", parts[0])
            }
            _ => k.to_string(),
        }
    };
    let mut out: Vec<(String, String, Link)> = g
        .edges
        .iter()
        .map(|e| {
            (
                short(&g.nodes[e.from].key()),
                short(&g.nodes[e.to].key()),
                e.link,
            )
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Every relationship, as the upstream field that makes it: ownerReferences (apimachinery's
/// OwnerReference, controller=true), the Service's selector against the Pods' own labels (the
/// EndpointSlice controller), volumes, envFrom and env (core/v1 PodSpec), spec.volumeName
/// (the PV controller's binding), spec.storageClassName, Ingress backends, roleRef and subjects.
#[test]
fn every_relationship_is_an_edge_with_its_kind() {
    let c = ran(MANIFEST);
    let g = super::graph(&c, Lang::En);
    let got = edges(&g);
    let want: &[(&str, &str, Link)] = &[
        (
            "Deployment/default/web",
            "ReplicaSet/default/web-…",
            Link::Owns,
        ),
        ("ReplicaSet/default/web-…", "Pod/default/web-…", Link::Owns),
        ("Service/default/web", "Pod/default/web-…", Link::Selects),
        ("Ingress/default/front", "Service/default/web", Link::Routes),
        (
            "Pod/default/web-…",
            "ConfigMap/default/settings",
            Link::Reads,
        ),
        ("Pod/default/lonely", "Secret/default/absent", Link::Reads),
        (
            "Pod/default/web-…",
            "PersistentVolumeClaim/default/data",
            Link::Claims,
        ),
        (
            "Pod/default/web-…",
            "ServiceAccount/default/builder",
            Link::Uses,
        ),
        ("Pod/default/web-…", "Node//kind-worker", Link::RunsOn),
        (
            "PersistentVolumeClaim/default/data",
            "PersistentVolume//disk",
            Link::Binds,
        ),
        (
            "StorageClass//manual",
            "PersistentVolume//disk",
            Link::Provisions,
        ),
        (
            "RoleBinding/default/read-pods",
            "Role/default/reader",
            Link::Grants,
        ),
        (
            "RoleBinding/default/read-pods",
            "ServiceAccount/default/builder",
            Link::Binding,
        ),
        ("RoleBinding/default/read-pods", "User//jane", Link::Binding),
        ("Service/default/typo", "Pod/default/web-…", Link::Miss),
    ];
    for (from, to, link) in want {
        let hit = got.iter().any(|(f, t, l)| {
            f == from
                && l == link
                && (t == to || (to.starts_with("Node//") && t.starts_with("Node//")))
        });
        assert!(hit, "no {link:?} edge {from} → {to} in {got:#?}");
    }
    // Three Pods, each selected by the Service: the Deployment's own labels (app=frontend)
    // select nothing; its template's do.
    let pods: Vec<usize> = (0..g.nodes.len())
        .filter(|&i| g.nodes[i].kind == "Pod" && g.nodes[i].name.starts_with("web-"))
        .collect();
    assert_eq!(pods.len(), 3);
    let svc = g.find("Service", "default", "web").unwrap();
    for &p in &pods {
        assert!(g
            .edges
            .iter()
            .any(|e| e.from == svc && e.to == p && e.link == Link::Selects));
    }
    // The Secret nobody wrote is a ghost; what exists is not.
    let absent = g.find("Secret", "default", "absent").unwrap();
    assert!(g.nodes[absent].missing);
    assert!(!g.nodes[g.find("ConfigMap", "default", "settings").unwrap()].missing);
    assert!(!g.nodes[g.find("ServiceAccount", "default", "builder").unwrap()].missing);
    // The miss says what the Pods have and what the selector wants.
    let miss = g.edges.iter().find(|e| e.link == Link::Miss).unwrap();
    assert!(
        miss.reason.contains("app=web") && miss.reason.contains("app=wbe"),
        "{}",
        miss.reason
    );
    // Namespaces are frames and EndpointSlices are the Service's edges, not nodes.
    assert!(g
        .nodes
        .iter()
        .all(|n| n.kind != "Namespace" && n.kind != "EndpointSlice"));
    // Pods show the table's status and colour.
    assert!(pods
        .iter()
        .all(|&p| g.nodes[p].status == "Running" || g.nodes[p].status == "ContainerCreating"));
}

/// A Pod failing its readiness probe stays selected, as a not-ready endpoint (EndpointSlice
/// conditions.ready=false): the edge is dashed, not gone.
#[test]
fn a_pod_that_is_not_ready_is_selected_with_a_dashed_edge() {
    let c = ran("apiVersion: v1
kind: Pod
metadata:
  name: slow
  labels: {app: web}
  annotations: {sim.kubeplay.dev/app: warmup 10m}
spec:
  containers:
  - name: app
    image: example/app:1
    ports: [{name: http, containerPort: 8080}]
    readinessProbe: {httpGet: {path: /healthz, port: http}, periodSeconds: 5}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: http}]
");
    let g = super::graph(&c, Lang::En);
    let got = edges(&g);
    assert!(
        got.contains(&(
            "Service/default/web".into(),
            "Pod/default/slow".into(),
            Link::NotReady
        )),
        "{got:#?}"
    );
    assert!(!got.iter().any(|e| e.2 == Link::Selects));
}

/// A StatefulSet's claims come from its volumeClaimTemplates (`<template>-<set>-<ordinal>`,
/// statefulset's getPersistentVolumeClaimName), and a claim no volume fits shows its near misses.
#[test]
fn a_statefulset_links_its_claims_and_a_pending_claim_its_near_misses() {
    let c = ran("apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  replicas: 2
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: postgres:16}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec:
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: 1Gi}}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: small}
spec:
  capacity: {storage: 100Mi}
  accessModes: [ReadWriteOnce]
  storageClassName: slow
  hostPath: {path: /small}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: big}
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: slow
  resources: {requests: {storage: 5Gi}}
");
    let g = super::graph(&c, Lang::En);
    let got = edges(&g);
    for claim in ["data-db-0", "data-db-1"] {
        assert!(
            got.contains(&(
                "StatefulSet/default/db".into(),
                format!("PersistentVolumeClaim/default/{claim}"),
                Link::Owns
            )),
            "{got:#?}"
        );
    }
    let miss = g
        .edges
        .iter()
        .find(|e| {
            e.link == Link::Miss && g.nodes[e.from].name == "big" && g.nodes[e.to].name == "small"
        })
        .expect("the pending claim's near miss");
    assert!(miss.reason.contains("100Mi"), "{}", miss.reason);
}

/// The same cluster, the same graph; and the collapsed graph keeps each workload's links once.
#[test]
fn the_graph_is_deterministic_and_collapses_a_workloads_pods() {
    let a = super::graph(&ran(MANIFEST), Lang::En);
    let b = super::graph(&ran(MANIFEST), Lang::En);
    assert_eq!(a.to_wire(), b.to_wire());
    let folded = a.collapse(|n, owner| format!("{n} Pods of {} {}", owner.kind, owner.name));
    let stacks: Vec<&crate::graph::Node> =
        folded.nodes.iter().filter(|n| n.count.is_some()).collect();
    assert_eq!(stacks.len(), 1, "{stacks:#?}");
    assert_eq!(stacks[0].count, Some(3));
    assert!(stacks[0].caption.starts_with("3 Pods of ReplicaSet web-"));
    let s = folded.nodes.iter().position(|n| n.count.is_some()).unwrap();
    let svc = folded.find("Service", "default", "web").unwrap();
    assert_eq!(
        folded
            .edges
            .iter()
            .filter(|e| e.from == svc && e.to == s)
            .count(),
        1
    );
    assert!(folded
        .nodes
        .iter()
        .all(|n| n.kind != "Pod" || n.count.is_some() || n.name == "lonely"));
}
