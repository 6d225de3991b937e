//! Storage scenarios: binding, provisioning, reclaiming, protection, the scheduler's volume
//! plugins and the kubelet's attach. Each names the upstream code whose behaviour it checks.

use super::*;
use k8s_openapi::api::core::v1::{PersistentVolume, PersistentVolumeClaim};

fn claim(c: &Cluster, name: &str) -> Option<PersistentVolumeClaim> {
    c.store()
        .get::<PersistentVolumeClaim>("default", name)
        .cloned()
}

fn volume(c: &Cluster, name: &str) -> Option<PersistentVolume> {
    c.store().get::<PersistentVolume>("", name).cloned()
}

/// (phase, volumeName) of a claim.
fn claim_state(c: &Cluster, name: &str) -> (String, String) {
    let cl = claim(c, name).unwrap_or_else(|| panic!("claim {name} is gone"));
    (
        cl.status.and_then(|s| s.phase).unwrap_or_default(),
        cl.spec.and_then(|s| s.volume_name).unwrap_or_default(),
    )
}

fn volume_phase(c: &Cluster, name: &str) -> String {
    volume(c, name)
        .and_then(|v| v.status.and_then(|s| s.phase))
        .unwrap_or_else(|| "<gone>".into())
}

fn pv(name: &str, size: &str, modes: &str, class: &str, extra: &str) -> String {
    format!(
        "apiVersion: v1
kind: PersistentVolume
metadata: {{name: {name}, labels: {{size: {size}}}}}
spec:
  capacity: {{storage: {size}}}
  accessModes: [{modes}]
  storageClassName: \"{class}\"
  hostPath: {{path: /data/{name}}}
{extra}---
"
    )
}

fn pvc(name: &str, size: &str, modes: &str, class: Option<&str>, extra: &str) -> String {
    let class = class
        .map(|c| format!("  storageClassName: \"{c}\"\n"))
        .unwrap_or_default();
    format!(
        "apiVersion: v1
kind: PersistentVolumeClaim
metadata: {{name: {name}}}
spec:
  accessModes: [{modes}]
{class}  resources: {{requests: {{storage: {size}}}}}
{extra}---
"
    )
}

fn pod_with(name: &str, claim: &str) -> String {
    format!(
        "apiVersion: v1
kind: Pod
metadata: {{name: {name}}}
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: [sleep, \"3600\"]
  volumes:
  - name: data
    persistentVolumeClaim: {{claimName: {claim}}}
---
"
    )
}

fn apply(c: &mut Cluster, text: &str) {
    for r in c.apply(&load(text)) {
        assert!(!r.is_error(), "{}", r.render());
    }
}

/// pv_controller.go syncUnboundClaim with index.go findBestMatchForClaim: the smallest volume
/// that fits, within the smallest access-mode set that serves the claim; the bind is two-way.
#[test]
fn a_claim_binds_the_smallest_volume_that_satisfies_it() {
    let cases = [
        // (volumes, claim size, claim modes, want)
        (
            vec![
                pv("big", "10Gi", "ReadWriteOnce", "manual", ""),
                pv("small", "2Gi", "ReadWriteOnce", "manual", ""),
            ],
            "1Gi",
            "ReadWriteOnce",
            "small",
        ),
        (
            vec![
                pv("tiny", "500Mi", "ReadWriteOnce", "manual", ""),
                pv("fits", "1Gi", "ReadWriteOnce", "manual", ""),
            ],
            "1Gi",
            "ReadWriteOnce",
            "fits",
        ),
        (
            // A volume with fewer modes is tried first, even when larger.
            vec![
                pv("many", "1Gi", "ReadWriteOnce, ReadOnlyMany", "manual", ""),
                pv("one", "5Gi", "ReadWriteOnce", "manual", ""),
            ],
            "1Gi",
            "ReadWriteOnce",
            "one",
        ),
        (
            vec![
                pv("rwo", "1Gi", "ReadWriteOnce", "manual", ""),
                pv("rwx", "5Gi", "ReadWriteMany", "manual", ""),
            ],
            "1Gi",
            "ReadWriteMany",
            "rwx",
        ),
        (
            vec![
                pv("other-class", "1Gi", "ReadWriteOnce", "fast", ""),
                pv("same-class", "9Gi", "ReadWriteOnce", "manual", ""),
            ],
            "1Gi",
            "ReadWriteOnce",
            "same-class",
        ),
        (
            // Exact at any size.
            vec![
                pv("huge", "950E", "ReadWriteOnce", "manual", ""),
                pv("huger", "951E", "ReadWriteOnce", "manual", ""),
            ],
            "\"950000000000000000001\"",
            "ReadWriteOnce",
            "huger",
        ),
    ];
    for (volumes, size, modes, want) in cases {
        let text = volumes.concat() + &pvc("data", size, modes, Some("manual"), "");
        let mut c = cluster(&text);
        c.run_to_steady(5 * SECOND);
        assert_eq!(
            claim_state(&c, "data"),
            ("Bound".into(), want.into()),
            "{text}"
        );
        let v = volume(&c, want).unwrap();
        let r = v.spec.and_then(|s| s.claim_ref).unwrap();
        assert_eq!(r.name.as_deref(), Some("data"));
        assert_eq!(r.uid, claim(&c, "data").unwrap().metadata.uid);
        assert_eq!(volume_phase(&c, want), "Bound");
        let cl = claim(&c, "data").unwrap();
        let ann = cl.metadata.annotations.unwrap_or_default();
        assert_eq!(
            ann.get("pv.kubernetes.io/bind-completed")
                .map(String::as_str),
            Some("yes")
        );
        assert_eq!(
            ann.get("pv.kubernetes.io/bound-by-controller")
                .map(String::as_str),
            Some("yes")
        );
    }
}

/// The project's own example: the claim binds and the Pod that mounts it runs.
#[test]
fn the_example_claim_binds_and_its_pod_runs() {
    let text = std::fs::read_to_string("static/examples/pv-pvc.yaml").unwrap();
    let mut c = cluster(&text);
    c.run_until(30 * SECOND);
    assert_eq!(
        claim_state(&c, "notes"),
        ("Bound".into(), "pv-small".into())
    );
    assert_eq!(pods(&c)[0].2, "Running");
    let t = tables(&c, false);
    let pvs = t
        .iter()
        .find(|t| t.resource == "persistentvolumes")
        .unwrap();
    assert_eq!(
        pvs.rows[0].cells,
        [
            "pv-small",
            "2Gi",
            "RWO",
            "Retain",
            "Bound",
            "default/notes",
            "manual",
            "<unset>",
            "",
            "30s"
        ]
    );
    let claims = t
        .iter()
        .find(|t| t.resource == "persistentvolumeclaims")
        .unwrap();
    assert_eq!(
        claims.rows[0].cells,
        ["notes", "Bound", "pv-small", "2Gi", "RWO", "manual", "<unset>", "30s"]
    );
}

/// pv_controller.go: a pending claim is looked at again at the controller's resync, and binds
/// to a volume added meanwhile.
#[test]
fn a_volume_added_later_is_found_at_the_next_resync() {
    let claim_text = pvc("data", "1Gi", "ReadWriteOnce", Some("manual"), "");
    let mut c = cluster(&claim_text);
    c.run_until(20 * SECOND);
    assert_eq!(claim_state(&c, "data").0, "Pending");
    apply(
        &mut c,
        &(claim_text.clone() + &pv("late", "1Gi", "ReadWriteOnce", "manual", "")),
    );
    assert_eq!(
        claim_state(&c, "data").0,
        "Pending",
        "not before the resync"
    );
    c.run_until(30 * SECOND);
    assert_eq!(claim_state(&c, "data"), ("Bound".into(), "late".into()));
}

/// The scheduler's VolumeBinding PreFilter and the PV controller's events for claims that
/// cannot bind.
#[test]
fn pods_wait_for_their_claims_with_the_schedulers_words() {
    let cases = [
        (
            pod_with("app", "missing"),
            "0/3 nodes are available: persistentvolumeclaim \"missing\" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
        ),
        (
            pvc("data", "1Gi", "ReadWriteOnce", Some("manual"), "") + &pod_with("app", "data"),
            "0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
        ),
    ];
    for (text, want) in cases {
        let mut c = cluster(&text);
        c.run_until(20 * SECOND);
        assert_eq!(events(&c, "FailedScheduling"), vec![want.to_string()]);
        assert_eq!(pods(&c)[0].2, "Pending");
    }
}

/// pv_controller.go: what a claim that cannot bind says.
#[test]
fn unbound_claims_say_why() {
    let cases = [
        (
            pvc("data", "1Gi", "ReadWriteOnce", Some(""), ""),
            "FailedBinding",
            "no persistent volumes available for this claim and no storage class is set",
        ),
        (
            pvc("data", "1Gi", "ReadWriteOnce", Some("fast"), ""),
            "ProvisioningFailed",
            "storageclass.storage.k8s.io \"fast\" not found",
        ),
        (
            "apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: local}
provisioner: kubernetes.io/no-provisioner
---
"
            .to_string()
                + &pvc("data", "1Gi", "ReadWriteOnce", Some("local"), ""),
            "ProvisioningFailed",
            "no volume plugin matched name: kubernetes.io/no-provisioner",
        ),
        (
            pvc("data", "1Gi", "ReadWriteOnce", None, ""),
            "WaitForFirstConsumer",
            "waiting for first consumer to be created before binding",
        ),
        (
            pv("small", "1Gi", "ReadWriteOnce", "manual", "")
                + &pvc(
                    "data",
                    "5Gi",
                    "ReadWriteOnce",
                    Some("manual"),
                    "  volumeName: small\n",
                ),
            "VolumeMismatch",
            "Cannot bind to requested volume \"small\": requested PV is too small",
        ),
    ];
    for (text, reason, want) in cases {
        let mut c = cluster(&text);
        c.run_until(20 * SECOND);
        assert_eq!(claim_state(&c, "data").0, "Pending", "{text}");
        assert_eq!(events(&c, reason), vec![want.to_string()], "{text}");
    }
}

/// The DefaultStorageClass admission plugin, the scheduler's delayed binding, and kind's
/// local-path provisioner: a claim of class `standard` is provisioned once a Pod using it is
/// scheduled, on that Pod's node.
#[test]
fn a_default_class_claim_is_provisioned_for_its_first_consumer() {
    let text = pvc("data", "3Gi", "ReadWriteOnce", None, "") + &pod_with("app", "data");
    let mut c = cluster(&text);
    c.run_to_steady(30 * SECOND);
    let cl = claim(&c, "data").unwrap();
    let uid = cl.metadata.uid.clone().unwrap();
    assert_eq!(
        cl.spec.as_ref().unwrap().storage_class_name.as_deref(),
        Some("standard")
    );
    assert_eq!(
        claim_state(&c, "data"),
        ("Bound".into(), format!("pvc-{uid}"))
    );
    let v = volume(&c, &format!("pvc-{uid}")).unwrap();
    let spec = v.spec.clone().unwrap();
    assert_eq!(
        spec.persistent_volume_reclaim_policy.as_deref(),
        Some("Delete")
    );
    assert_eq!(spec.capacity.unwrap()["storage"].0, "3Gi");
    let node = c
        .store()
        .pods
        .get("default", "app")
        .unwrap()
        .spec
        .clone()
        .unwrap()
        .node_name
        .unwrap();
    let term = &spec
        .node_affinity
        .unwrap()
        .required
        .unwrap()
        .node_selector_terms[0];
    assert_eq!(
        term.match_expressions.as_ref().unwrap()[0].values,
        Some(vec![node.clone()])
    );
    assert_eq!(
        cl.metadata
            .annotations
            .unwrap()
            .get("volume.kubernetes.io/selected-node"),
        Some(&node)
    );
    assert_eq!(
        events(&c, "ProvisioningSucceeded"),
        vec![format!("Successfully provisioned volume pvc-{uid}")]
    );
    assert_eq!(
        events(&c, "Provisioning"),
        vec!["External provisioner is provisioning volume for claim \"default/data\"".to_string()]
    );
    assert_eq!(pods(&c)[0].2, "Running");
}

/// reclaimVolume: what becomes of a volume whose claim is deleted, by its policy.
#[test]
fn a_released_volume_follows_its_reclaim_policy() {
    let cases = [
        ("Retain", "/data/v", "Released", None),
        ("Recycle", "/data/v", "Available", Some("VolumeRecycled")),
        ("Delete", "/tmp/v", "<gone>", None),
        ("Delete", "/data/v", "Failed", Some("VolumeFailedDelete")),
    ];
    for (policy, path, want, event) in cases {
        let volume_text = format!(
            "apiVersion: v1
kind: PersistentVolume
metadata: {{name: v}}
spec:
  capacity: {{storage: 1Gi}}
  accessModes: [ReadWriteOnce]
  storageClassName: manual
  persistentVolumeReclaimPolicy: {policy}
  hostPath: {{path: {path}}}
---
"
        );
        let mut c = cluster(
            &(volume_text.clone() + &pvc("data", "1Gi", "ReadWriteOnce", Some("manual"), "")),
        );
        c.run_to_steady(5 * SECOND);
        assert_eq!(volume_phase(&c, "v"), "Bound");
        apply(&mut c, &volume_text);
        c.run_to_steady(10 * SECOND);
        assert!(claim(&c, "data").is_none(), "an unused claim goes at once");
        assert_eq!(volume_phase(&c, "v"), want, "{policy} {path}");
        if let Some(reason) = event {
            assert_eq!(events(&c, reason).len(), 1, "{policy} {path}");
        }
        if want == "Released" {
            // Never rebound while its claimRef names the old claim.
            apply(
                &mut c,
                &(volume_text.clone() + &pvc("data", "1Gi", "ReadWriteOnce", Some("manual"), "")),
            );
            c.run_until(60 * SECOND);
            assert_eq!(claim_state(&c, "data").0, "Pending");
            assert_eq!(volume_phase(&c, "v"), "Released");
        }
    }
}

/// pvc-protection and pv-protection: a claim in use and a bound volume stay Terminating.
#[test]
fn protection_finalizers_hold_deletion_while_in_use() {
    let volume_text = pv("v", "1Gi", "ReadWriteOnce", "manual", "");
    let claim_text = pvc("data", "1Gi", "ReadWriteOnce", Some("manual"), "");
    let pod_text = pod_with("app", "data");
    let mut c = cluster(&(volume_text.clone() + &claim_text + &pod_text));
    c.run_to_steady(10 * SECOND);
    assert_eq!(pods(&c)[0].2, "Running");
    let cl = claim(&c, "data").unwrap();
    assert_eq!(
        cl.metadata.finalizers,
        Some(vec!["kubernetes.io/pvc-protection".to_string()])
    );
    assert_eq!(
        volume(&c, "v").unwrap().metadata.finalizers,
        Some(vec!["kubernetes.io/pv-protection".to_string()])
    );
    // The claim leaves the text while the Pod uses it: Terminating.
    apply(&mut c, &(volume_text.clone() + &pod_text));
    c.run_until(20 * SECOND);
    let cl = claim(&c, "data").expect("still there");
    assert!(cl.metadata.deletion_timestamp.is_some());
    let t = tables(&c, false);
    let claims = t
        .iter()
        .find(|t| t.resource == "persistentvolumeclaims")
        .unwrap();
    assert_eq!(claims.rows[0].cells[1], "Terminating");
    // The volume leaves too: Terminating while still Bound.
    apply(&mut c, &pod_text);
    c.run_until(25 * SECOND);
    assert!(volume(&c, "v")
        .unwrap()
        .metadata
        .deletion_timestamp
        .is_some());
    // The Pod goes: the claim goes, the volume is released and goes.
    apply(&mut c, "");
    c.run_to_steady(120 * SECOND);
    assert!(claim(&c, "data").is_none());
    assert!(volume(&c, "v").is_none());
}

/// The seeds' StatefulSet story (pv_controller.go pre-bound volumes, StatefulSet OrderedReady):
/// with no volumes the first Pod waits; two volumes pre-bound with claimRef let the claims bind
/// and the Pods run in order.
#[test]
fn a_statefulset_waits_for_volumes_pre_bound_to_its_claims() {
    let set = "apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 2
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers:
      - name: db
        image: postgres:16
        volumeMounts: [{name: data, mountPath: /var/lib/postgresql/data}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec:
      accessModes: [ReadWriteOnce]
      storageClassName: local-disk
      resources: {requests: {storage: 1Gi}}
---
";
    let mut c = cluster(set);
    c.run_until(30 * SECOND);
    assert_eq!(pods(&c).len(), 1, "OrderedReady holds db-1 behind db-0");
    assert_eq!(pods(&c)[0].2, "Pending");
    assert_eq!(claim_state(&c, "data-db-0").0, "Pending");
    let pre_bound = |name: &str, claim: &str| {
        pv(
            name,
            "5Gi",
            "ReadWriteOnce",
            "local-disk",
            &format!("  claimRef: {{namespace: default, name: {claim}}}\n"),
        )
    };
    apply(
        &mut c,
        &(set.to_string() + &pre_bound("disk-1", "data-db-1") + &pre_bound("disk-0", "data-db-0")),
    );
    c.run_until(120 * SECOND);
    assert_eq!(
        claim_state(&c, "data-db-0"),
        ("Bound".into(), "disk-0".into())
    );
    assert_eq!(
        claim_state(&c, "data-db-1"),
        ("Bound".into(), "disk-1".into())
    );
    let running: Vec<_> = pods(&c).into_iter().map(|p| (p.0, p.2)).collect();
    assert_eq!(
        running,
        [
            ("db-0".to_string(), "Running".to_string()),
            ("db-1".into(), "Running".into())
        ]
    );
}

/// A volume pre-bound to a claim is that claim's only (FindMatchingVolume), and a volume's node
/// affinity pins the Pod that mounts it (VolumeBinding Filter).
#[test]
fn a_local_volume_pins_its_pod_to_its_node() {
    let text = "apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: local}
provisioner: kubernetes.io/no-provisioner
volumeBindingMode: WaitForFirstConsumer
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: disk}
spec:
  capacity: {storage: 10Gi}
  accessModes: [ReadWriteOnce]
  storageClassName: local
  local: {path: /mnt/disk}
  nodeAffinity:
    required:
      nodeSelectorTerms:
      - matchExpressions:
        - {key: kubernetes.io/hostname, operator: In, values: [kind-worker2]}
---
"
    .to_string()
        + &pvc("data", "1Gi", "ReadWriteOnce", Some("local"), "")
        + &pod_with("app", "data");
    let mut c = cluster(&text);
    c.run_to_steady(20 * SECOND);
    assert_eq!(claim_state(&c, "data"), ("Bound".into(), "disk".into()));
    let pod = c.store().pods.get("default", "app").unwrap().clone();
    assert_eq!(pod.spec.unwrap().node_name.as_deref(), Some("kind-worker2"));
    // A second claim finds no volume left on any node.
    let more =
        text + &pvc("more", "1Gi", "ReadWriteOnce", Some("local"), "") + &pod_with("other", "more");
    apply(&mut c, &more);
    c.run_until(40 * SECOND);
    assert_eq!(
        events(&c, "FailedScheduling"),
        vec!["0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't find available persistent volumes to bind. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.".to_string()]
    );
}

/// reconciler.go reportMultiAttachError: a ReadWriteOnce volume used by Pods on two nodes.
#[test]
fn a_read_write_once_volume_used_from_two_nodes_is_a_multi_attach_error() {
    let text = "apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: disks}
provisioner: disk.csi.example.com
---
"
    .to_string()
        + &pvc("data", "1Gi", "ReadWriteOnce", Some("disks"), "")
        + &deployment_with_claim("web", 2, "data");
    let mut c = cluster(&text);
    c.run_to_steady(40 * SECOND);
    let states: Vec<String> = pods(&c).into_iter().map(|p| p.2).collect();
    assert!(states.contains(&"Running".to_string()), "{states:?}");
    assert!(
        states.contains(&"ContainerCreating".to_string()),
        "{states:?}"
    );
    let errors = events(&c, "FailedAttachVolume");
    assert!(!errors.is_empty());
    assert!(
        errors[0].starts_with("Multi-Attach error for volume \"pvc-")
            && errors[0].contains("Volume is already used by pod(s) web-"),
        "{}",
        errors[0]
    );
}

fn deployment_with_claim(name: &str, replicas: i32, claim: &str) -> String {
    format!(
        "apiVersion: apps/v1
kind: Deployment
metadata: {{name: {name}}}
spec:
  replicas: {replicas}
  selector: {{matchLabels: {{app: {name}}}}}
  template:
    metadata: {{labels: {{app: {name}}}}}
    spec:
      affinity:
        podAntiAffinity: {{}}
      containers:
      - name: app
        image: busybox:1.36
        command: [sleep, \"3600\"]
      volumes:
      - name: data
        persistentVolumeClaim: {{claimName: {claim}}}
---
"
    )
}

/// The PersistentVolumeClaimResize admission plugin and expansion.
#[test]
fn a_bound_claim_grows_only_where_its_class_allows() {
    for (allow, want) in [
        (false, Err("persistentvolumeclaims \"data\" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize")),
        (true, Ok("2Gi")),
    ] {
        let class = format!(
            "apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {{name: disks}}
provisioner: disk.csi.example.com
allowVolumeExpansion: {allow}
---
"
        );
        let mut c = cluster(&(class.clone() + &pvc("data", "1Gi", "ReadWriteOnce", Some("disks"), "")));
        c.run_to_steady(20 * SECOND);
        assert_eq!(claim_state(&c, "data").0, "Bound");
        let results = c.apply(&load(&(class + &pvc("data", "2Gi", "ReadWriteOnce", Some("disks"), ""))));
        c.run_to_steady(40 * SECOND);
        let refused = results.iter().find(|r| r.is_error()).map(|r| r.render());
        let capacity = claim(&c, "data").unwrap().status.unwrap().capacity.unwrap()["storage"].0.clone();
        match want {
            Err(message) => {
                assert_eq!(refused, Some(format!("Error from server (Forbidden): {message}")));
                assert_eq!(capacity, "1Gi");
            }
            Ok(size) => {
                assert_eq!(refused, None);
                assert_eq!(capacity, size);
            }
        }
    }
}

/// persistentVolumeClaimRetentionPolicy (stateful_set_utils.go updateClaimOwnerRefForSetAndPod):
/// `whenScaled: Delete` removes the claims of Pods a scale-down removes; `whenDeleted: Delete`
/// removes every claim with the set; the default Retain keeps them.
#[test]
fn a_statefulset_claim_retention_policy_is_honoured() {
    let set = |replicas: i32, policy: &str| {
        format!(
            "apiVersion: apps/v1
kind: StatefulSet
metadata: {{name: db}}
spec:
  serviceName: db
  replicas: {replicas}
{policy}  selector: {{matchLabels: {{app: db}}}}
  template:
    metadata: {{labels: {{app: db}}}}
    spec:
      containers:
      - name: db
        image: postgres:16
  volumeClaimTemplates:
  - metadata: {{name: data}}
    spec:
      accessModes: [ReadWriteOnce]
      resources: {{requests: {{storage: 1Gi}}}}
---
"
        )
    };
    let cases = [
        // (policy, claims after scaling 2 → 1, claims after deleting the set)
        (
            "",
            vec!["data-db-0", "data-db-1"],
            vec!["data-db-0", "data-db-1"],
        ),
        (
            "  persistentVolumeClaimRetentionPolicy: {whenScaled: Delete}\n",
            vec!["data-db-0"],
            vec!["data-db-0"],
        ),
        (
            "  persistentVolumeClaimRetentionPolicy: {whenDeleted: Delete}\n",
            vec!["data-db-0", "data-db-1"],
            vec![],
        ),
        (
            "  persistentVolumeClaimRetentionPolicy: {whenDeleted: Delete, whenScaled: Delete}\n",
            vec!["data-db-0"],
            vec![],
        ),
    ];
    let claims = |c: &Cluster| -> Vec<String> {
        c.store()
            .persistent_volume_claims
            .values()
            .map(|p| p.metadata.name.clone().unwrap_or_default())
            .collect()
    };
    for (policy, after_scale, after_delete) in cases {
        let mut c = cluster(&set(2, policy));
        c.run_until(60 * SECOND);
        assert_eq!(claims(&c), ["data-db-0", "data-db-1"], "{policy}");
        apply(&mut c, &set(1, policy));
        c.run_until(180 * SECOND);
        assert_eq!(claims(&c), after_scale, "scaled down: {policy}");
        apply(&mut c, "");
        c.run_until(400 * SECOND);
        assert_eq!(claims(&c), after_delete, "deleted: {policy}");
    }
}

/// configmap.go and secret.go SetUpAt: an item's key must exist unless the volume is optional.
#[test]
fn a_volume_item_naming_a_missing_key_fails_to_mount() {
    let text = |optional: bool| {
        format!(
            "apiVersion: v1
kind: ConfigMap
metadata: {{name: settings}}
data: {{present: \"1\"}}
---
apiVersion: v1
kind: Pod
metadata: {{name: app}}
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: [sleep, \"3600\"]
  volumes:
  - name: config
    configMap:
      name: settings
      optional: {optional}
      items: [{{key: absent, path: a}}]
"
        )
    };
    let mut c = cluster(&text(false));
    c.run_until(20 * SECOND);
    assert_eq!(pods(&c)[0].2, "ContainerCreating");
    assert_eq!(
        events(&c, "FailedMount")[0],
        "MountVolume.SetUp failed for volume \"config\" : configmap references non-existent config key: absent"
    );
    let mut c = cluster(&text(true));
    c.run_until(20 * SECOND);
    assert_eq!(pods(&c)[0].2, "Running");
}

/// volume_restrictions.go: a ReadWriteOncePod claim in use by one Pod keeps a second Pod off every
/// node (preemption could free it); the control-plane node is out first for its taint, as the
/// filters run in the default profile's order.
#[test]
fn a_read_write_once_pod_claim_admits_one_pod() {
    let text = pv("v", "1Gi", "ReadWriteOncePod", "manual", "")
        + &pvc("data", "1Gi", "ReadWriteOncePod", Some("manual"), "")
        + &pod_with("first", "data");
    let mut c = cluster(&text);
    c.run_to_steady(20 * SECOND);
    apply(&mut c, &(text.clone() + &pod_with("second", "data")));
    c.run_until(40 * SECOND);
    assert_eq!(
        events(&c, "FailedScheduling"),
        vec!["0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) unavailable due to PersistentVolumeClaim with ReadWriteOncePod access mode already in-use by another pod. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.".to_string()]
    );
}

/// local-path-provisioner refuses what it cannot make (provisioner.go): the claim and its Pod
/// stay Pending.
#[test]
fn kinds_local_path_provisioner_refuses_shared_access_modes() {
    let text = pvc("data", "1Gi", "ReadWriteMany", None, "") + &pod_with("app", "data");
    let mut c = cluster(&text);
    c.run_until(60 * SECOND);
    assert_eq!(claim_state(&c, "data").0, "Pending");
    assert_eq!(pods(&c)[0].2, "Pending");
    assert_eq!(
        events(&c, "ProvisioningFailed"),
        vec!["failed to provision volume with StorageClass \"standard\": NodePath only supports ReadWriteOnce and ReadWriteOncePod (1.22+) access modes".to_string()]
    );
}

/// pv_controller.go assignDefaultStorageClass (RetroactiveDefaultStorageClass): a claim made
/// before any default class existed gets the one made later.
#[test]
fn a_claim_without_a_class_gets_a_default_made_later() {
    let no_default = "apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: standard
provisioner: rancher.io/local-path
volumeBindingMode: WaitForFirstConsumer
---
";
    let with_default = no_default.replace(
        "  name: standard\n",
        "  name: standard\n  annotations: {storageclass.kubernetes.io/is-default-class: \"true\"}\n",
    );
    let claim_text = pvc("data", "1Gi", "ReadWriteOnce", None, "");
    let mut c = cluster(&(no_default.to_string() + &claim_text));
    c.run_until(20 * SECOND);
    let class = |c: &Cluster| claim(c, "data").unwrap().spec.unwrap().storage_class_name;
    assert_eq!(class(&c), None);
    apply(&mut c, &(with_default + &claim_text));
    c.run_until(40 * SECOND);
    assert_eq!(class(&c).as_deref(), Some("standard"));
}

/// binder.go checkBindings: a claim deleted while the Pod waits in PreBind fails the binding
/// cycle with the scheduler's words, and the Pod is tried again.
#[test]
fn a_claim_deleted_during_provisioning_fails_the_binding() {
    let claim_text = pvc("data", "1Gi", "ReadWriteOnce", None, "");
    let pod_text = pod_with("app", "data");
    let mut c = cluster(&(claim_text + &pod_text));
    // The provisioner takes 2 s: delete the claim before it is done.
    c.run_until(SECOND);
    apply(&mut c, &pod_text);
    c.run_until(30 * SECOND);
    let failed = events(&c, "FailedScheduling");
    assert!(
        failed.iter().any(|m| m == "running PreBind plugin \"VolumeBinding\": binding volumes: failed to check provisioning pvc: persistentvolumeclaim \"data\" not found"),
        "{failed:?}"
    );
    assert!(
        failed
            .iter()
            .any(|m| m.contains("persistentvolumeclaim \"data\" not found. preemption")),
        "{failed:?}"
    );
}

/// storageclass.go GetDefaultClass: with two classes marked default, a new claim gets the newest.
#[test]
fn with_two_default_classes_the_newest_wins() {
    let fast = "apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: fast
  annotations: {storageclass.kubernetes.io/is-default-class: \"true\"}
provisioner: disk.csi.example.com
---
";
    let mut c = cluster(fast);
    c.run_until(5 * SECOND);
    apply(
        &mut c,
        &(fast.to_string() + &pvc("data", "1Gi", "ReadWriteOnce", None, "")),
    );
    let class = claim(&c, "data").unwrap().spec.unwrap().storage_class_name;
    assert_eq!(class.as_deref(), Some("fast"), "newer than kind's standard");
    let t = tables(&c, false);
    let classes = t
        .iter()
        .find(|t| t.resource == "storageclasses.storage.k8s.io")
        .unwrap();
    let names: Vec<&str> = classes.rows.iter().map(|r| r.cells[0].as_str()).collect();
    assert_eq!(names, ["fast (default)", "standard (default)"]);
}
