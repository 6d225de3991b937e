use super::*;
use crate::manifest::load;
use crate::sim::time::SECOND;

fn view(text: &str, at: crate::sim::Millis) -> StorageView {
    let mut c = Cluster::new();
    c.apply(&load(text));
    c.run_until(at);
    storage_view(&c)
}

const VOLUMES: &str = "\
apiVersion: v1
kind: PersistentVolume
metadata: {name: disk-small}
spec: {capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], storageClassName: manual, hostPath: {path: /a}}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: disk-a}
spec: {capacity: {storage: 10Gi}, accessModes: [ReadWriteOnce], storageClassName: fast, hostPath: {path: /b}}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: disk-b}
spec: {capacity: {storage: 10Gi}, accessModes: [ReadWriteMany], storageClassName: manual, hostPath: {path: /c}}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: disk-c}
spec:
  capacity: {storage: 10Gi}
  accessModes: [ReadWriteOnce]
  storageClassName: manual
  hostPath: {path: /d}
  claimRef: {namespace: default, name: other}
---
";

/// Each volume that did not fit names the first check it failed, in the matcher's order
/// (FindMatchingVolume after index.go's access-mode sets).
#[test]
fn a_pending_claim_lists_each_near_miss_with_its_reason() {
    let claim = "apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec: {accessModes: [ReadWriteOnce], storageClassName: manual, resources: {requests: {storage: 5Gi}}}
";
    let v = view(&(VOLUMES.to_string() + claim), 20 * SECOND);
    let row = &v.claims[0];
    assert_eq!(row.status, "Pending");
    assert_eq!(
        row.waiting,
        Some(Pending::ClassMissing {
            class: "manual".into()
        })
    );
    let misses: Vec<(String, String)> = row
        .misses
        .iter()
        .map(|(v, m)| (v.clone(), m.text(Lang::En)))
        .collect();
    assert_eq!(
        misses,
        [
            ("disk-a".to_string(), "class fast ≠ manual".to_string()),
            ("disk-b".into(), "offers RWX, the claim wants RWO".into()),
            ("disk-c".into(), "bound to default/other".into()),
            ("disk-small".into(), "1Gi < requested 5Gi".into()),
        ]
    );
    let ko: Vec<String> = row.misses.iter().map(|(_, m)| m.text(Lang::Ko)).collect();
    assert_eq!(ko[3], "1Gi < 요청 5Gi");
}

/// Why a claim waits, for each way it can (pv_controller.go syncUnboundClaim's branches).
#[test]
fn a_pending_claim_says_why_it_waits() {
    let claim = |class: &str, extra: &str| {
        format!(
            "apiVersion: v1
kind: PersistentVolumeClaim
metadata: {{name: data}}
spec:
  accessModes: [ReadWriteOnce]
  resources: {{requests: {{storage: 1Gi}}}}
{class}{extra}"
        )
    };
    let no_provisioner = "apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: local}
provisioner: kubernetes.io/no-provisioner
---
";
    let cases = [
        (
            claim("", ""),
            Pending::WaitForConsumer {
                class: "standard".into(),
            },
        ),
        (claim("  storageClassName: \"\"\n", ""), Pending::NoClass),
        (
            claim("  storageClassName: fast\n", ""),
            Pending::ClassMissing {
                class: "fast".into(),
            },
        ),
        (
            no_provisioner.to_string() + &claim("  storageClassName: local\n", ""),
            Pending::NoProvisioner {
                class: "local".into(),
            },
        ),
        (
            claim("  storageClassName: manual\n", "  volumeName: nowhere\n"),
            Pending::NamedVolumeMissing {
                volume: "nowhere".into(),
            },
        ),
        (
            VOLUMES.to_string() + &claim("  storageClassName: manual\n", "  volumeName: disk-c\n"),
            Pending::NamedVolumeTaken {
                volume: "disk-c".into(),
                claim: "default/other".into(),
            },
        ),
        (
            VOLUMES.to_string() + &claim("  storageClassName: manual\n", "  volumeName: disk-a\n"),
            Pending::NamedVolumeMismatch {
                volume: "disk-a".into(),
                why: "storageClassName does not match".into(),
            },
        ),
    ];
    for (text, want) in cases {
        let v = view(&text, 20 * SECOND);
        assert_eq!(v.claims[0].waiting.as_ref(), Some(&want), "{text}");
        assert!(!want.text(Lang::En).is_empty() && !want.text(Lang::Ko).is_empty());
    }
}

/// A bound claim and its volume name each other in the view; a volume pre-bound to a claim that
/// does not exist yet shows the claim it waits for.
#[test]
fn bindings_and_pre_bindings_show_in_the_view() {
    let text = VOLUMES.to_string()
        + "apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec: {accessModes: [ReadWriteOnce], storageClassName: manual, resources: {requests: {storage: 1Gi}}}
";
    let v = view(&text, 5 * SECOND);
    let claim = &v.claims[0];
    assert_eq!(
        (claim.status.as_str(), claim.volume.as_str()),
        ("Bound", "disk-small")
    );
    assert!(claim.waiting.is_none() && claim.misses.is_empty());
    let small = v.volumes.iter().find(|r| r.name == "disk-small").unwrap();
    assert_eq!(small.claim, Some(("default".into(), "data".into())));
    let c = v.volumes.iter().find(|r| r.name == "disk-c").unwrap();
    assert_eq!(
        (c.status.as_str(), c.claim.clone()),
        ("Available", Some(("default".into(), "other".into())))
    );
    assert_eq!(v.classes[0].name, "standard");
    assert!(v.classes[0].default);
}
