//! The matcher against upstream's own tables: pkg/controller/volume/persistentvolume/index_test.go
//! (the controller's access-mode index and FindMatchingVolume through it), staging/src/k8s.io/
//! component-helpers/storage/volume/pv_helpers_test.go (FindMatchingVolume on the scheduler's
//! path), and the messages of pv_controller.go checkVolumeSatisfyClaim.
//!
//! The one thing to know: upstream tells its volumes apart by uid (two of createTestVolumes share
//! the name `affinity003`), so the volumes built here carry upstream's uid where it sets one and
//! `id` reports that, else the name. Upstream's volume sources (GCE, NFS, Local, …) take no part in
//! matching and are left out.

use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::api::core::v1::{
    Node, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, ObjectReference,
    PersistentVolume, PersistentVolumeClaim, PersistentVolumeClaimSpec, PersistentVolumeSpec,
    PersistentVolumeStatus, VolumeNodeAffinity, VolumeResourceRequirements,
};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{
    LabelSelector, LabelSelectorRequirement, ObjectMeta,
};

use super::*;

const RWO: &str = "ReadWriteOnce";
const ROX: &str = "ReadOnlyMany";
const RWX: &str = "ReadWriteMany";
const RWOP: &str = "ReadWriteOncePod";
const RWO_ROX: &[&str] = &[RWO, ROX];
const RWO_ROX_RWX: &[&str] = &[RWO, ROX, RWX];

const BLOCK: Option<&str> = Some("Block");
const FILESYSTEM: Option<&str> = Some("Filesystem");

/// The annotation that predates `storageClassName` (v1.BetaStorageClassAnnotation).
const BETA_CLASS: &str = "volume.beta.kubernetes.io/storage-class";

// ---------------------------------------------------------------------------------------------
// Building the objects
// ---------------------------------------------------------------------------------------------

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn pairs(items: &[(&str, &str)]) -> BTreeMap<String, String> {
    items
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn storage(amount: &str) -> BTreeMap<String, Quantity> {
    BTreeMap::from([("storage".to_string(), Quantity(amount.into()))])
}

/// A Filesystem volume in phase Available, as upstream's testVolume and most of createTestVolumes.
fn pv(name: &str, capacity: &str, modes: &[&str]) -> PersistentVolume {
    PersistentVolume {
        metadata: ObjectMeta {
            name: Some(name.into()),
            ..Default::default()
        },
        spec: Some(PersistentVolumeSpec {
            capacity: Some(storage(capacity)),
            access_modes: Some(strings(modes)),
            volume_mode: Some("Filesystem".into()),
            ..Default::default()
        }),
        status: Some(PersistentVolumeStatus {
            phase: Some("Available".into()),
            ..Default::default()
        }),
    }
}

fn volume_spec(volume: &mut PersistentVolume) -> &mut PersistentVolumeSpec {
    volume.spec.get_or_insert_with(Default::default)
}

/// Required node affinity `key In [value]` (upstream's GetVolumeNodeAffinity / makeNodeAffinity).
fn node_affinity(key: &str, value: &str) -> VolumeNodeAffinity {
    VolumeNodeAffinity {
        required: Some(NodeSelector {
            node_selector_terms: vec![NodeSelectorTerm {
                match_expressions: Some(vec![NodeSelectorRequirement {
                    key: key.into(),
                    operator: "In".into(),
                    values: Some(vec![value.into()]),
                }]),
                match_fields: None,
            }],
        }),
    }
}

/// Builder-like changes to a test volume.
trait VolumeExt {
    fn uid(self, uid: &str) -> Self;
    fn class(self, class: &str) -> Self;
    fn beta_class(self, class: &str) -> Self;
    fn labels(self, labels: &[(&str, &str)]) -> Self;
    fn phase(self, phase: Option<&str>) -> Self;
    fn claimed(self, claim_ref: ObjectReference) -> Self;
    fn affinity(self, key: &str, value: &str) -> Self;
    fn volume_mode(self, mode: Option<&str>) -> Self;
    fn attributes_class(self, class: Option<&str>) -> Self;
    fn deleting(self) -> Self;
    fn without_capacity(self) -> Self;
}

impl VolumeExt for PersistentVolume {
    fn uid(mut self, uid: &str) -> Self {
        self.metadata.uid = Some(uid.into());
        self
    }

    fn class(mut self, class: &str) -> Self {
        volume_spec(&mut self).storage_class_name = Some(class.into());
        self
    }

    fn beta_class(mut self, class: &str) -> Self {
        self.metadata
            .annotations
            .get_or_insert_with(Default::default)
            .insert(BETA_CLASS.into(), class.into());
        self
    }

    fn labels(mut self, labels: &[(&str, &str)]) -> Self {
        self.metadata.labels = Some(pairs(labels));
        self
    }

    fn phase(mut self, phase: Option<&str>) -> Self {
        self.status.get_or_insert_with(Default::default).phase = phase.map(String::from);
        self
    }

    fn claimed(mut self, claim_ref: ObjectReference) -> Self {
        volume_spec(&mut self).claim_ref = Some(claim_ref);
        self
    }

    fn affinity(mut self, key: &str, value: &str) -> Self {
        volume_spec(&mut self).node_affinity = Some(node_affinity(key, value));
        self
    }

    fn volume_mode(mut self, mode: Option<&str>) -> Self {
        volume_spec(&mut self).volume_mode = mode.map(String::from);
        self
    }

    fn attributes_class(mut self, class: Option<&str>) -> Self {
        volume_spec(&mut self).volume_attributes_class_name = class.map(String::from);
        self
    }

    fn deleting(mut self) -> Self {
        self.metadata.deletion_timestamp = Some(crate::sim::time::time(0));
        self
    }

    fn without_capacity(mut self) -> Self {
        volume_spec(&mut self).capacity = None;
        self
    }
}

/// Upstream's makePVC: `claim01` in `myns`, Filesystem, asking for `size` and `modes`.
fn pvc(size: &str, modes: &[&str]) -> PersistentVolumeClaim {
    PersistentVolumeClaim {
        metadata: ObjectMeta {
            name: Some("claim01".into()),
            namespace: Some("myns".into()),
            ..Default::default()
        },
        spec: Some(PersistentVolumeClaimSpec {
            access_modes: Some(strings(modes)),
            resources: Some(VolumeResourceRequirements {
                requests: Some(storage(size)),
                ..Default::default()
            }),
            volume_mode: Some("Filesystem".into()),
            ..Default::default()
        }),
        ..Default::default()
    }
}

fn claim_spec(claim: &mut PersistentVolumeClaim) -> &mut PersistentVolumeClaimSpec {
    claim.spec.get_or_insert_with(Default::default)
}

/// Builder-like changes to a test claim.
trait ClaimExt {
    fn named(self, name: &str) -> Self;
    fn uid(self, uid: &str) -> Self;
    fn class(self, class: &str) -> Self;
    fn beta_class(self, class: &str) -> Self;
    fn match_labels(self, labels: &[(&str, &str)]) -> Self;
    fn selector(self, selector: Option<LabelSelector>) -> Self;
    fn volume_mode(self, mode: Option<&str>) -> Self;
    fn attributes_class(self, class: Option<&str>) -> Self;
    fn without_request(self) -> Self;
}

impl ClaimExt for PersistentVolumeClaim {
    fn named(mut self, name: &str) -> Self {
        self.metadata.name = Some(name.into());
        self
    }

    fn uid(mut self, uid: &str) -> Self {
        self.metadata.uid = Some(uid.into());
        self
    }

    fn class(mut self, class: &str) -> Self {
        claim_spec(&mut self).storage_class_name = Some(class.into());
        self
    }

    fn beta_class(mut self, class: &str) -> Self {
        self.metadata
            .annotations
            .get_or_insert_with(Default::default)
            .insert(BETA_CLASS.into(), class.into());
        self
    }

    fn match_labels(self, labels: &[(&str, &str)]) -> Self {
        self.selector(Some(LabelSelector {
            match_labels: Some(pairs(labels)),
            ..Default::default()
        }))
    }

    fn selector(mut self, selector: Option<LabelSelector>) -> Self {
        claim_spec(&mut self).selector = selector;
        self
    }

    fn volume_mode(mut self, mode: Option<&str>) -> Self {
        claim_spec(&mut self).volume_mode = mode.map(String::from);
        self
    }

    fn attributes_class(mut self, class: Option<&str>) -> Self {
        claim_spec(&mut self).volume_attributes_class_name = class.map(String::from);
        self
    }

    fn without_request(mut self) -> Self {
        claim_spec(&mut self).resources = None;
        self
    }
}

/// A claimRef naming a claim, without a uid (what a user writes to pre-bind a volume).
fn claim_ref(namespace: &str, name: &str) -> ObjectReference {
    ObjectReference {
        name: Some(name.into()),
        namespace: Some(namespace.into()),
        ..Default::default()
    }
}

/// A claimRef carrying only a uid, as createTestVolumes marks its bound volumes.
fn uid_ref(uid: &str) -> ObjectReference {
    ObjectReference {
        uid: Some(uid.into()),
        ..Default::default()
    }
}

/// What reference.GetReference makes of a claim.
fn reference_to(claim: &PersistentVolumeClaim) -> ObjectReference {
    ObjectReference {
        api_version: Some("v1".into()),
        kind: Some("PersistentVolumeClaim".into()),
        name: claim.metadata.name.clone(),
        namespace: claim.metadata.namespace.clone(),
        uid: claim.metadata.uid.clone(),
        ..Default::default()
    }
}

fn node(labels: &[(&str, &str)]) -> Node {
    Node {
        metadata: ObjectMeta {
            labels: Some(pairs(labels)),
            ..Default::default()
        },
        ..Default::default()
    }
}

/// How upstream's assertions name a volume: its uid, else its name.
fn id(volume: &PersistentVolume) -> String {
    volume
        .metadata
        .uid
        .clone()
        .or_else(|| volume.metadata.name.clone())
        .unwrap_or_default()
}

fn modes_of(volume: &PersistentVolume) -> &[String] {
    volume
        .spec
        .as_ref()
        .and_then(|s| s.access_modes.as_deref())
        .unwrap_or_default()
}

/// findBestMatchForClaim over the volumes: the id of the match.
fn best(
    claim: &PersistentVolumeClaim,
    volumes: &[PersistentVolume],
    delay: bool,
) -> Option<String> {
    let refs: Vec<&PersistentVolume> = volumes.iter().collect();
    find_best_match(claim, &refs, delay).map(id)
}

/// FindMatchingVolume over the volumes: the id of the match.
fn matching(
    claim: &PersistentVolumeClaim,
    volumes: &[PersistentVolume],
    node: Option<&Node>,
    excluded: &[&str],
    delay: bool,
) -> Option<String> {
    let refs: Vec<&PersistentVolume> = volumes.iter().collect();
    let excluded: BTreeSet<String> = excluded.iter().map(|s| s.to_string()).collect();
    find_matching_volume(claim, &refs, node, &excluded, delay).map(id)
}

/// index_test.go createTestVolumes, in its deliberately shuffled order. Upstream itself sets phase
/// Available on all of them but the two it pretends are bound (Bound) and the four affinity-pv4
/// ones (Pending, Failed, Released, and none at all); nothing here had to be added to make its
/// expectations hold.
fn upstream_volumes() -> Vec<PersistentVolume> {
    vec![
        pv("gce003", "10G", RWO_ROX).uid("gce-pd-10"),
        pv("gce004", "20G", RWO_ROX)
            .uid("gce-pd-20")
            .claimed(uid_ref("def456"))
            .phase(Some("Bound")),
        pv("nfs002", "5G", RWO_ROX_RWX).uid("nfs-5"),
        pv("gce001", "1G", RWO_ROX)
            .uid("gce-pd-1")
            .claimed(uid_ref("abc123"))
            .phase(Some("Bound")),
        pv("nfs003", "10G", RWO_ROX_RWX).uid("nfs-10"),
        pv("gce002", "5G", RWO_ROX).uid("gce-pd-5"),
        pv("nfs001", "1G", RWO_ROX_RWX).uid("nfs-1"),
        pv("gce0022", "20000G", &[RWO])
            .uid("gce-pd-2")
            .labels(&[("should-exist", "true")]),
        pv("gce0023", "10000G", &[RWO])
            .uid("gce-pd-silver1")
            .labels(&[("should-exist", "true")])
            .class("silver"),
        pv("gce0024", "100G", &[RWO])
            .uid("gce-pd-silver2")
            .class("silver"),
        pv("gce0025", "50G", &[RWO])
            .uid("gce-pd-gold")
            .class("gold"),
        pv("local001", "200E", RWO_ROX_RWX)
            .uid("local-pd-very-large")
            .class("large"),
        pv("local002", "800E", RWO_ROX_RWX)
            .uid("local-pd-extremely-large")
            .class("large"),
        pv("affinity001", "100G", RWO_ROX)
            .uid("affinity-pv")
            .class("wait")
            .affinity("key1", "value1"),
        pv("affinity002", "150G", RWO_ROX)
            .uid("affinity-pv2")
            .class("wait")
            .affinity("key1", "value1"),
        pv("affinity003", "100G", RWO_ROX)
            .uid("affinity-prebound")
            .class("wait")
            .claimed(claim_ref("myns", "claim02"))
            .affinity("key1", "value1"),
        pv("affinity003", "200G", RWO_ROX)
            .uid("affinity-pv3")
            .class("wait")
            .affinity("key1", "value3"),
        pv("affinity004-pending", "200G", RWO_ROX)
            .uid("affinity-pv4-pending")
            .class("wait")
            .affinity("key1", "value4")
            .phase(Some("Pending")),
        pv("affinity004-failed", "200G", RWO_ROX)
            .uid("affinity-pv4-failed")
            .class("wait")
            .affinity("key1", "value4")
            .phase(Some("Failed")),
        pv("affinity004-released", "200G", RWO_ROX)
            .uid("affinity-pv4-released")
            .class("wait")
            .affinity("key1", "value4")
            .phase(Some("Released")),
        pv("affinity004-empty", "200G", RWO_ROX)
            .uid("affinity-pv4-empty")
            .class("wait")
            .affinity("key1", "value4")
            .phase(None),
    ]
}

/// pv_helpers_test.go TestFindMatchVolumeWithNode's volumes (makeTestVolume: RWO+ROX, Filesystem,
/// Available unless made with `available` false, which leaves the status empty).
fn helper_volumes() -> Vec<PersistentVolume> {
    vec![
        pv("local001", "5G", RWO_ROX).uid("local-small"),
        pv("local002", "200E", RWO_ROX)
            .uid("local-pd-very-large")
            .class("large"),
        pv("affinity001", "100G", RWO_ROX)
            .uid("affinity-pv")
            .class("wait")
            .affinity("key1", "value1"),
        pv("affinity002", "150G", RWO_ROX)
            .uid("affinity-pv2")
            .class("wait")
            .affinity("key1", "value1"),
        pv("affinity003", "100G", RWO_ROX)
            .uid("affinity-prebound")
            .class("wait")
            .claimed(claim_ref("myns", "claim02"))
            .affinity("key1", "value1"),
        pv("affinity003", "200G", RWO_ROX)
            .uid("affinity-pv3")
            .class("wait")
            .affinity("key1", "value3"),
        pv("affinity004", "200G", RWO_ROX)
            .uid("affinity-pv4")
            .class("wait")
            .affinity("key1", "value4")
            .phase(None),
    ]
}

/// A claim and the volume it should get (by id), or None.
struct ClaimCase {
    name: &'static str,
    claim: PersistentVolumeClaim,
    expect: Option<&'static str>,
}

// ---------------------------------------------------------------------------------------------
// index_test.go
// ---------------------------------------------------------------------------------------------

/// Restates index_test.go TestMatchVolume: findBestMatchForClaim over createTestVolumes. The two
/// beta-annotation cases are the same test's "successful-match-with-class" and
/// "successful-match-with-class-and-labels" as they stood before storageClassName existed.
#[test]
fn a_claim_binds_the_smallest_volume_that_fits() {
    let volumes = upstream_volumes();
    let cases = [
        ClaimCase {
            name: "successful-match-gce-10",
            claim: pvc("8G", &[ROX, RWO]),
            expect: Some("gce-pd-10"),
        },
        ClaimCase {
            name: "successful-match-nfs-5",
            claim: pvc("5G", &[ROX, RWO, RWX]),
            expect: Some("nfs-5"),
        },
        ClaimCase {
            name: "successful-skip-1g-bound-volume",
            claim: pvc("1G", &[ROX, RWO]),
            expect: Some("gce-pd-5"),
        },
        ClaimCase {
            name: "successful-no-match",
            claim: pvc("999G", &[ROX, RWO]),
            expect: None,
        },
        ClaimCase {
            name: "successful-no-match-due-to-label",
            claim: pvc("999G", &[ROX, RWO]).match_labels(&[("should-not-exist", "true")]),
            expect: None,
        },
        ClaimCase {
            name: "successful-no-match-due-to-size-constraint-with-label-selector",
            claim: pvc("20000G", &[ROX, RWO]).match_labels(&[("should-exist", "true")]),
            expect: None,
        },
        ClaimCase {
            name: "successful-match-due-with-constraint-and-label-selector",
            claim: pvc("20000G", &[RWO]).match_labels(&[("should-exist", "true")]),
            expect: Some("gce-pd-2"),
        },
        ClaimCase {
            name: "successful-match-with-class",
            claim: pvc("1G", &[RWO])
                .match_labels(&[("should-exist", "true")])
                .class("silver"),
            expect: Some("gce-pd-silver1"),
        },
        ClaimCase {
            name: "successful-match-with-class-and-labels",
            claim: pvc("1G", &[RWO]).class("silver"),
            expect: Some("gce-pd-silver2"),
        },
        ClaimCase {
            name: "successful-match-with-class (beta annotation)",
            claim: pvc("1G", &[RWO])
                .match_labels(&[("should-exist", "true")])
                .beta_class("silver"),
            expect: Some("gce-pd-silver1"),
        },
        ClaimCase {
            name: "successful-match-with-class-and-labels (beta annotation)",
            claim: pvc("1G", &[RWO]).beta_class("silver"),
            expect: Some("gce-pd-silver2"),
        },
        ClaimCase {
            name: "successful-match-very-large",
            claim: pvc("1E", &[RWO]).class("large"),
            expect: Some("local-pd-very-large"),
        },
        ClaimCase {
            name: "successful-match-exact-extremely-large",
            claim: pvc("800E", &[RWO]).class("large"),
            expect: Some("local-pd-extremely-large"),
        },
        ClaimCase {
            name: "successful-no-match-way-too-large",
            claim: pvc("950E", &[RWO]).class("large"),
            expect: None,
        },
    ];
    for c in cases {
        assert_eq!(
            best(&c.claim, &volumes, false).as_deref(),
            c.expect,
            "{}",
            c.name
        );
    }
}

/// Restates index_test.go TestMatchingWithBoundVolumes (the first case: two alike volumes, the
/// first bound by uid alone) and IsVolumeBoundToClaim's other ways for a claimRef to name another
/// claim. The claimed volume is listed first, so it would win if it were taken for this claim's.
#[test]
fn a_volume_claimed_by_another_claim_is_passed_over() {
    struct Case {
        name: &'static str,
        claim_ref: ObjectReference,
        expect: &'static str,
    }
    let claim = pvc("1G", &[ROX, RWO]).uid("uid-claim01");
    let cases = [
        Case {
            name: "TestMatchingWithBoundVolumes: bound by uid abc123",
            claim_ref: uid_ref("abc123"),
            expect: "gce-pd-2",
        },
        Case {
            name: "bound to another claim of the namespace",
            claim_ref: claim_ref("myns", "claim02"),
            expect: "gce-pd-2",
        },
        Case {
            name: "bound to a claim of this name in another namespace",
            claim_ref: claim_ref("other", "claim01"),
            expect: "gce-pd-2",
        },
        Case {
            name: "bound to this claim's name and namespace under another uid",
            claim_ref: ObjectReference {
                uid: Some("uid-other".into()),
                ..claim_ref("myns", "claim01")
            },
            expect: "gce-pd-2",
        },
        Case {
            name: "pre-bound to this claim by name: the claim's own",
            claim_ref: claim_ref("myns", "claim01"),
            expect: "gce-pd-1",
        },
        Case {
            name: "bound to this claim with its uid: the claim's own",
            claim_ref: reference_to(&claim),
            expect: "gce-pd-1",
        },
    ];
    for c in cases {
        let volumes = [
            pv("gce001", "1G", &[RWO, ROX])
                .uid("gce-pd-1")
                .claimed(c.claim_ref)
                .phase(Some("Bound")),
            pv("gce002", "1G", &[RWO, ROX]).uid("gce-pd-2"),
        ];
        assert_eq!(
            best(&claim, &volumes, false).as_deref(),
            Some(c.expect),
            "{}",
            c.name
        );
    }
}

/// Restates index_test.go TestListByAccessModes: the index files each volume under
/// GetAccessModesAsString of its modes, and a set listed by capacity starts with the volumes
/// upstream names (it checks only those). The "RWO" set is not upstream's.
#[test]
fn volumes_are_indexed_under_their_access_mode_string() {
    struct Case {
        name: &'static str,
        key: &'static str,
        smallest_first: &'static [&'static str],
    }
    let cases = [
        Case {
            name: "RWO+ROX",
            key: "RWO,ROX",
            smallest_first: &["gce-pd-1", "gce-pd-5", "gce-pd-10"],
        },
        Case {
            name: "RWO+ROX+RWX",
            key: "RWO,ROX,RWX",
            smallest_first: &[
                "nfs-1",
                "nfs-5",
                "nfs-10",
                "local-pd-very-large",
                "local-pd-extremely-large",
            ],
        },
        Case {
            name: "RWO alone",
            key: "RWO",
            smallest_first: &[
                "gce-pd-gold",
                "gce-pd-silver2",
                "gce-pd-silver1",
                "gce-pd-2",
            ],
        },
    ];
    let volumes = upstream_volumes();
    let capacity = |v: &PersistentVolume| {
        v.spec
            .as_ref()
            .and_then(|s| s.capacity.as_ref())
            .and_then(|c| c.get("storage"))
            .and_then(|q| crate::sim::quantity::exact(&q.0))
    };
    for c in cases {
        let mut set: Vec<&PersistentVolume> = volumes
            .iter()
            .filter(|v| access_modes_string(modes_of(v)) == c.key)
            .collect();
        set.sort_by_key(|v| capacity(v));
        let listed: Vec<String> = set
            .iter()
            .take(c.smallest_first.len())
            .map(|v| id(v))
            .collect();
        assert_eq!(listed, c.smallest_first, "{}", c.name);
    }
}

/// Restates index_test.go TestAllPossibleAccessModes: of createTestVolumes' three access-mode sets
/// (RWO, RWO+ROX, RWO+ROX+RWX) three offer RWO and one offers RWX, fewest modes first. The ROX and
/// RWOP rows are not upstream's.
#[test]
fn the_sets_that_serve_a_claim_are_those_offering_all_its_modes() {
    struct Case {
        name: &'static str,
        modes: &'static [&'static str],
        sets: &'static [&'static str],
    }
    let cases = [
        Case {
            name: "three sets offer RWO",
            modes: &[RWO],
            sets: &["RWO", "RWO,ROX", "RWO,ROX,RWX"],
        },
        Case {
            name: "one set offers RWX",
            modes: &[RWX],
            sets: &["RWO,ROX,RWX"],
        },
        Case {
            name: "two sets offer ROX",
            modes: &[ROX],
            sets: &["RWO,ROX", "RWO,ROX,RWX"],
        },
        Case {
            name: "no set offers RWOP",
            modes: &[RWOP],
            sets: &[],
        },
    ];
    let volumes = upstream_volumes();
    for c in cases {
        let claim = pvc("1G", c.modes);
        let mut sets: Vec<String> = volumes
            .iter()
            .filter(|v| check_access_modes(&claim, v))
            .map(|v| access_modes_string(modes_of(v)))
            .collect();
        sets.sort_by_key(|s| (s.split(',').count(), s.clone()));
        sets.dedup();
        assert_eq!(sets, c.sets, "{}", c.name);
    }
}

/// Restates index_test.go TestFindingVolumeWithDifferentAccessModes, one row per step of its
/// sequence (`claimed` are the volumes it has given an empty claimRef by then).
#[test]
fn a_claim_takes_the_volume_with_the_fewest_access_modes_beyond_its_own() {
    struct Case {
        name: &'static str,
        claimed: &'static [&'static str],
        modes: &'static [&'static str],
        expect: &'static str,
    }
    let cases = [
        Case {
            name: "RWO: the RWO volume",
            claimed: &[],
            modes: &[RWO],
            expect: "ebs",
        },
        Case {
            name: "RWO+ROX: the RWO+ROX volume",
            claimed: &[],
            modes: &[RWO, ROX],
            expect: "gce",
        },
        Case {
            name: "order of the requested modes should not matter",
            claimed: &[],
            modes: &[RWX, RWO, ROX],
            expect: "nfs",
        },
        Case {
            name: "fewer modes requested should still match",
            claimed: &[],
            modes: &[RWX],
            expect: "nfs",
        },
        Case {
            name: "the exact match is bound: the next level up of modes",
            claimed: &["ebs"],
            modes: &[RWO],
            expect: "gce",
        },
        Case {
            name: "continue up the levels of modes",
            claimed: &["ebs", "gce"],
            modes: &[RWO],
            expect: "nfs",
        },
        Case {
            name: "partial mode request",
            claimed: &["ebs"],
            modes: &[ROX],
            expect: "gce",
        },
    ];
    for c in cases {
        let volumes: Vec<PersistentVolume> = [
            pv("gce", "10G", &[RWO, ROX]),
            pv("ebs", "10G", &[RWO]),
            pv("nfs", "10G", &[RWO, ROX, RWX]),
        ]
        .into_iter()
        .map(|v| {
            if c.claimed.contains(&id(&v).as_str()) {
                v.claimed(ObjectReference::default())
            } else {
                v
            }
        })
        .collect();
        assert_eq!(
            best(&pvc("1G", c.modes), &volumes, false).as_deref(),
            Some(c.expect),
            "{}",
            c.name
        );
    }
}

/// A claim's and a volume's volume modes, and whether they go together.
struct ModeCase {
    name: &'static str,
    claim_mode: Option<&'static str>,
    volume_mode: Option<&'static str>,
    fits: bool,
}

/// Upstream's createVolumeMode{Block,Filesystem,Nil}TestVolume: 10G, RWO, Available.
fn mode_volume(mode: Option<&str>) -> PersistentVolume {
    let name = if mode.is_some() { "block" } else { "nil-mode" };
    pv(name, "10G", &[RWO]).uid("local-1").volume_mode(mode)
}

/// Upstream's makeVolumeModePVC("8G", mode).
fn mode_claim(mode: Option<&str>) -> PersistentVolumeClaim {
    pvc("8G", &[RWO]).volume_mode(mode)
}

/// Restates index_test.go TestVolumeModeCheck (CheckVolumeModeMismatches, seen here as
/// checkVolumeSatisfyClaim's "incompatible volumeMode"): an unset mode is Filesystem on both sides.
#[test]
fn volume_modes_go_together_when_equal_with_unset_meaning_filesystem() {
    let cases = [
        ModeCase {
            name: "pvc block and pv filesystem",
            claim_mode: BLOCK,
            volume_mode: FILESYSTEM,
            fits: false,
        },
        ModeCase {
            name: "pvc filesystem and pv block",
            claim_mode: FILESYSTEM,
            volume_mode: BLOCK,
            fits: false,
        },
        ModeCase {
            name: "pvc block and pv block",
            claim_mode: BLOCK,
            volume_mode: BLOCK,
            fits: true,
        },
        ModeCase {
            name: "pvc filesystem and pv filesystem",
            claim_mode: FILESYSTEM,
            volume_mode: FILESYSTEM,
            fits: true,
        },
        ModeCase {
            name: "pvc filesystem and pv nil",
            claim_mode: FILESYSTEM,
            volume_mode: None,
            fits: true,
        },
        ModeCase {
            name: "pvc nil and pv filesystem",
            claim_mode: None,
            volume_mode: FILESYSTEM,
            fits: true,
        },
        ModeCase {
            name: "pvc nil and pv nil",
            claim_mode: None,
            volume_mode: None,
            fits: true,
        },
        ModeCase {
            name: "pvc nil and pv block",
            claim_mode: None,
            volume_mode: BLOCK,
            fits: false,
        },
        ModeCase {
            name: "pvc block and pv nil",
            claim_mode: BLOCK,
            volume_mode: None,
            fits: false,
        },
    ];
    for c in cases {
        let want = if c.fits {
            Ok(())
        } else {
            Err("incompatible volumeMode".to_string())
        };
        assert_eq!(
            check_volume_satisfies_claim(&mode_volume(c.volume_mode), &mode_claim(c.claim_mode)),
            want,
            "{}",
            c.name
        );
    }
}

/// Restates index_test.go TestFilteringVolumeModes: findBestMatchForClaim over one volume. The two
/// rows with an unset mode on both sides or on the claim alone are not upstream's.
#[test]
fn a_claim_finds_only_a_volume_of_its_volume_mode() {
    let cases = [
        ModeCase {
            name: "pvc block and pv filesystem",
            claim_mode: BLOCK,
            volume_mode: FILESYSTEM,
            fits: false,
        },
        ModeCase {
            name: "pvc filesystem and pv block",
            claim_mode: FILESYSTEM,
            volume_mode: BLOCK,
            fits: false,
        },
        ModeCase {
            name: "pvc block and pv no mode with default filesystem",
            claim_mode: BLOCK,
            volume_mode: FILESYSTEM,
            fits: false,
        },
        ModeCase {
            name: "pvc no mode defaulted to filesystem and pv block",
            claim_mode: FILESYSTEM,
            volume_mode: BLOCK,
            fits: false,
        },
        ModeCase {
            name: "pvc block and pv block",
            claim_mode: BLOCK,
            volume_mode: BLOCK,
            fits: true,
        },
        ModeCase {
            name: "pvc filesystem and pv filesystem",
            claim_mode: FILESYSTEM,
            volume_mode: FILESYSTEM,
            fits: true,
        },
        ModeCase {
            name: "pvc mode is nil and defaulted and pv mode is nil and defaulted",
            claim_mode: FILESYSTEM,
            volume_mode: FILESYSTEM,
            fits: true,
        },
        ModeCase {
            name: "pvc mode unset and pv mode unset",
            claim_mode: None,
            volume_mode: None,
            fits: true,
        },
        ModeCase {
            name: "pvc mode unset and pv block",
            claim_mode: None,
            volume_mode: BLOCK,
            fits: false,
        },
    ];
    for c in cases {
        let volumes = [mode_volume(c.volume_mode)];
        assert_eq!(
            best(&mode_claim(c.claim_mode), &volumes, false).is_some(),
            c.fits,
            "{}",
            c.name
        );
    }
}

/// Restates index_test.go TestStorageObjectInUseProtectionFiltering (the feature is GA, so only
/// its "enabled" rows): a volume with a deletionTimestamp neither satisfies the claim nor is
/// matched to it.
#[test]
fn a_volume_marked_for_deletion_is_not_matched() {
    struct Case {
        name: &'static str,
        deleting: bool,
        satisfies: Result<(), &'static str>,
        matched: bool,
    }
    let cases = [
        Case {
            name: "pv deletionTimeStamp not set",
            deleting: false,
            satisfies: Ok(()),
            matched: true,
        },
        Case {
            name: "pv deletionTimeStamp set",
            deleting: true,
            satisfies: Err("the volume is marked for deletion \"pv1\""),
            matched: false,
        },
    ];
    let claim = pvc("1G", &[RWO]).named("pvc1");
    for c in cases {
        let volume = pv("pv1", "1G", &[RWO]);
        let volume = if c.deleting {
            volume.deleting()
        } else {
            volume
        };
        assert_eq!(
            check_volume_satisfies_claim(&volume, &claim),
            c.satisfies.map_err(String::from),
            "{}: checkVolumeSatisfyClaim",
            c.name
        );
        assert_eq!(
            best(&claim, &[volume], false).is_some(),
            c.matched,
            "{}: findBestMatchForClaim",
            c.name
        );
    }
}

/// Restates index_test.go TestFindingPreboundVolumes, one row per step (`pre_bound` names the
/// volume that carries a claimRef by then, and to whom).
#[test]
fn a_volume_pre_bound_to_the_claim_wins_unless_it_cannot_serve_it() {
    struct Case {
        name: &'static str,
        pre_bound: Option<(&'static str, ObjectReference)>,
        expect: &'static str,
    }
    let claim = pvc("1Gi", &[RWO]);
    let to_claim = reference_to(&claim);
    let cases = [
        Case {
            name: "expected exact match on size",
            pre_bound: None,
            expect: "pv1",
        },
        Case {
            name: "the exact match is pre-bound elsewhere: the next size up",
            pre_bound: Some(("pv1", claim_ref("bar", "foo"))),
            expect: "pv5",
        },
        Case {
            name: "the largest volume is pre-bound to the claim",
            pre_bound: Some(("pv8", to_claim.clone())),
            expect: "pv8",
        },
        Case {
            name: "a too small volume is pre-bound to the claim: the exact match",
            pre_bound: Some(("pvBadSize", to_claim.clone())),
            expect: "pv1",
        },
        Case {
            name: "a volume without the right access mode is pre-bound: the exact match",
            pre_bound: Some(("pvBadMode", to_claim)),
            expect: "pv1",
        },
    ];
    for c in cases {
        let volumes: Vec<PersistentVolume> = [
            pv("pv1", "1Gi", &[RWO]),
            pv("pv5", "5Gi", &[RWO]),
            pv("pv8", "8Gi", &[RWO]),
            pv("pvBadSize", "1Mi", &[RWO]),
            pv("pvBadMode", "1Gi", &[ROX]),
        ]
        .into_iter()
        .map(|v| match &c.pre_bound {
            Some((name, r)) if id(&v) == *name => v.claimed(r.clone()),
            _ => v,
        })
        .collect();
        assert_eq!(
            best(&claim, &volumes, false).as_deref(),
            Some(c.expect),
            "{}",
            c.name
        );
    }
}

/// Restates index_test.go TestBestMatchDelayed (the first row), with FindMatchingVolume's own
/// account of delayBinding on the controller's path: pre-bound volumes still match, unbound ones
/// are left to the scheduler; and without a node, node affinity is not looked at.
#[test]
fn delayed_binding_leaves_unbound_volumes_to_the_scheduler() {
    struct Case {
        name: &'static str,
        claim: PersistentVolumeClaim,
        delay: bool,
        expect: Option<&'static str>,
    }
    let cases = [
        Case {
            name: "TestBestMatchDelayed: binding through the PV controller is delayed",
            claim: pvc("8G", &[ROX, RWO]),
            delay: true,
            expect: None,
        },
        Case {
            name: "the same claim without delay",
            claim: pvc("8G", &[ROX, RWO]),
            delay: false,
            expect: Some("gce-pd-10"),
        },
        Case {
            name: "a volume pre-bound to the claim matches though delayed",
            claim: pvc("100G", &[RWO]).named("claim02").class("wait"),
            delay: true,
            expect: Some("affinity-prebound"),
        },
        Case {
            name: "the controller's path does not check node affinity",
            claim: pvc("100G", &[RWO]).class("wait"),
            delay: false,
            expect: Some("affinity-pv"),
        },
    ];
    let volumes = upstream_volumes();
    for c in cases {
        assert_eq!(
            best(&c.claim, &volumes, c.delay).as_deref(),
            c.expect,
            "{}",
            c.name
        );
    }
}

/// A claim on the scheduler's path: the node, the volumes already chosen, the expected volume.
struct NodeCase {
    name: &'static str,
    claim: PersistentVolumeClaim,
    node: Node,
    excluded: &'static [&'static str],
    expect: Option<&'static str>,
}

/// TestFindMatchVolumeWithNode's rows, the same in index_test.go and pv_helpers_test.go: claims of
/// class `wait` for 100G, on nodes labelled key1=value1…value4.
fn node_cases() -> Vec<NodeCase> {
    let claim = |name: &str, modes: &[&str]| pvc("100G", modes).named(name).class("wait");
    let node1 = node(&[("key1", "value1")]);
    let node2 = node(&[("key1", "value2")]);
    let node3 = node(&[("key1", "value3")]);
    let node4 = node(&[("key1", "value4")]);
    vec![
        NodeCase {
            name: "success-match",
            claim: claim("claim01", &[RWO]),
            node: node1.clone(),
            excluded: &[],
            expect: Some("affinity-pv"),
        },
        NodeCase {
            name: "success-prebound",
            claim: claim("claim02", &[RWO]),
            node: node1.clone(),
            excluded: &[],
            expect: Some("affinity-prebound"),
        },
        NodeCase {
            name: "success-exclusion",
            claim: claim("claim01", &[RWO]),
            node: node1.clone(),
            excluded: &["affinity001"],
            expect: Some("affinity-pv2"),
        },
        NodeCase {
            name: "fail-exclusion",
            claim: claim("claim01", &[RWO]),
            node: node1.clone(),
            excluded: &["affinity001", "affinity002"],
            expect: None,
        },
        NodeCase {
            name: "fail-accessmode",
            claim: claim("claim01", &[RWX]),
            node: node1,
            excluded: &[],
            expect: None,
        },
        NodeCase {
            name: "fail-nodeaffinity",
            claim: claim("claim01", &[RWO]),
            node: node2,
            excluded: &[],
            expect: None,
        },
        NodeCase {
            name: "fail-prebound-node-affinity",
            claim: claim("claim02", &[RWO]),
            node: node3.clone(),
            excluded: &[],
            expect: None,
        },
        NodeCase {
            name: "fail-nonavaliable",
            claim: claim("claim04", &[RWO]),
            node: node4,
            excluded: &[],
            expect: None,
        },
        NodeCase {
            name: "success-bad-and-good-node-affinity",
            claim: claim("claim03", &[RWO]),
            node: node3,
            excluded: &[],
            expect: Some("affinity-pv3"),
        },
    ]
}

/// Restates index_test.go TestFindMatchVolumeWithNode: FindMatchingVolume over createTestVolumes
/// on the scheduler's path (a node, delayBinding true).
#[test]
fn the_scheduler_matches_volumes_whose_node_affinity_fits_the_node() {
    let volumes = upstream_volumes();
    for c in node_cases() {
        assert_eq!(
            matching(&c.claim, &volumes, Some(&c.node), c.excluded, true).as_deref(),
            c.expect,
            "{}",
            c.name
        );
    }
}

/// Restates pv_helpers_test.go TestFindMatchVolumeWithNode: the same rows over its own volumes
/// (makeTestVolume), whose one unavailable volume has no phase at all.
#[test]
fn the_scheduler_skips_volumes_not_available_or_not_fitting_the_node() {
    let volumes = helper_volumes();
    for c in node_cases() {
        assert_eq!(
            matching(&c.claim, &volumes, Some(&c.node), c.excluded, true).as_deref(),
            c.expect,
            "{}",
            c.name
        );
    }
}

/// Restates index_test.go TestCheckAccessModes against a RWO+RWX volume; the last two rows are
/// not upstream's.
#[test]
fn a_volume_must_offer_every_access_mode_the_claim_asks_for() {
    struct Case {
        name: &'static str,
        modes: &'static [&'static str],
        fits: bool,
    }
    let cases = [
        Case {
            name: "success-single-mode",
            modes: &[RWX],
            fits: true,
        },
        Case {
            name: "success-many-modes",
            modes: &[RWX, RWO],
            fits: true,
        },
        Case {
            name: "fail-single-mode",
            modes: &[ROX],
            fits: false,
        },
        Case {
            name: "fail-many-modes",
            modes: &[RWX, ROX],
            fits: false,
        },
        Case {
            name: "a claim asking for no mode",
            modes: &[],
            fits: true,
        },
        Case {
            name: "RWOP is not RWO",
            modes: &[RWOP],
            fits: false,
        },
    ];
    let volume = PersistentVolume {
        spec: Some(PersistentVolumeSpec {
            access_modes: Some(strings(&[RWO, RWX])),
            ..Default::default()
        }),
        ..Default::default()
    };
    for c in cases {
        assert_eq!(
            check_access_modes(&pvc("100G", c.modes), &volume),
            c.fits,
            "{}",
            c.name
        );
    }
}

// ---------------------------------------------------------------------------------------------
// pv_controller.go checkVolumeSatisfyClaim, and the helpers
// ---------------------------------------------------------------------------------------------

/// checkVolumeSatisfyClaim's messages, and which it gives first when several apply (upstream's
/// order: deletion, size, class, attributes class, volume mode, access modes; the attributes class
/// is checked with single mismatches only).
#[test]
fn a_volume_the_claim_names_fails_with_upstreams_first_reason() {
    struct Case {
        name: &'static str,
        volume: PersistentVolume,
        claim: PersistentVolumeClaim,
        want: Result<(), &'static str>,
    }
    const SMALL: &str = "requested PV is too small";
    const CLASS: &str = "storageClassName does not match";
    const MODE: &str = "incompatible volumeMode";
    const ACCESS: &str = "incompatible accessMode";
    const DELETING: &str = "the volume is marked for deletion \"pv1\"";
    let volume = || pv("pv1", "1Gi", &[RWO]);
    let claim = || pvc("1Gi", &[RWO]);
    let cases = [
        Case {
            name: "a volume just big enough",
            volume: volume(),
            claim: claim(),
            want: Ok(()),
        },
        Case {
            name: "a larger volume with more access modes",
            volume: pv("pv1", "2Gi", RWO_ROX_RWX),
            claim: claim(),
            want: Ok(()),
        },
        Case {
            name: "a volume smaller than the request",
            volume: volume(),
            claim: pvc("2Gi", &[RWO]),
            want: Err(SMALL),
        },
        Case {
            name: "1G is less than 1Gi",
            volume: pv("pv1", "1G", &[RWO]),
            claim: claim(),
            want: Err(SMALL),
        },
        Case {
            name: "1100Mi is more than 1Gi",
            volume: pv("pv1", "1100Mi", &[RWO]),
            claim: claim(),
            want: Ok(()),
        },
        Case {
            name: "a volume of a class the claim does not ask for",
            volume: volume().class("gold"),
            claim: claim(),
            want: Err(CLASS),
        },
        Case {
            name: "the claim's beta annotation is its class",
            volume: volume().class("gold"),
            claim: claim().beta_class("gold"),
            want: Ok(()),
        },
        Case {
            name: "the volume's beta annotation wins over its storageClassName",
            volume: volume().class("gold").beta_class("silver"),
            claim: claim().class("gold"),
            want: Err(CLASS),
        },
        Case {
            name: "a claim asking for an attributes class the volume lacks",
            volume: volume(),
            claim: claim().attributes_class(Some("fast")),
            want: Err("volumeAttributesClassName does not match"),
        },
        Case {
            name: "a volume of an attributes class the claim does not ask for",
            volume: volume().attributes_class(Some("fast")),
            claim: claim(),
            want: Err("volumeAttributesClassName does not match"),
        },
        Case {
            name: "equal attributes classes",
            volume: volume().attributes_class(Some("fast")),
            claim: claim().attributes_class(Some("fast")),
            want: Ok(()),
        },
        Case {
            name: "a Block claim and a Filesystem volume",
            volume: volume(),
            claim: claim().volume_mode(BLOCK),
            want: Err(MODE),
        },
        Case {
            name: "an unset volume mode is Filesystem",
            volume: volume().volume_mode(None),
            claim: claim(),
            want: Ok(()),
        },
        Case {
            name: "a claim asking for an access mode the volume lacks",
            volume: volume(),
            claim: pvc("1Gi", &[RWO, RWX]),
            want: Err(ACCESS),
        },
        Case {
            name: "a volume marked for deletion",
            volume: volume().deleting(),
            claim: claim(),
            want: Err(DELETING),
        },
        Case {
            name: "deletion before size",
            volume: volume().deleting(),
            claim: pvc("2Gi", &[RWO]),
            want: Err(DELETING),
        },
        Case {
            name: "size before class",
            volume: volume().class("gold"),
            claim: pvc("2Gi", &[RWO]),
            want: Err(SMALL),
        },
        Case {
            name: "class before volume mode",
            volume: volume().class("gold"),
            claim: claim().volume_mode(BLOCK),
            want: Err(CLASS),
        },
        Case {
            name: "volume mode before access modes",
            volume: volume(),
            claim: pvc("1Gi", &[RWX]).volume_mode(BLOCK),
            want: Err(MODE),
        },
    ];
    for c in cases {
        assert_eq!(
            check_volume_satisfies_claim(&c.volume, &c.claim),
            c.want.map_err(String::from),
            "{}",
            c.name
        );
    }
}

/// GetAccessModesAsString (pkg/apis/core/v1/helper): RWO, ROX, RWX, RWOP in that order, each once.
#[test]
fn access_modes_print_short_in_a_fixed_order() {
    struct Case {
        name: &'static str,
        modes: &'static [&'static str],
        want: &'static str,
    }
    let cases = [
        Case {
            name: "no modes",
            modes: &[],
            want: "",
        },
        Case {
            name: "one mode",
            modes: &[RWO],
            want: "RWO",
        },
        Case {
            name: "the fixed order, not the list's",
            modes: &[ROX, RWO],
            want: "RWO,ROX",
        },
        Case {
            name: "all four, listed backwards",
            modes: &[RWOP, RWX, ROX, RWO],
            want: "RWO,ROX,RWX,RWOP",
        },
        Case {
            name: "RWX and RWOP",
            modes: &[RWOP, RWX],
            want: "RWX,RWOP",
        },
        Case {
            name: "a mode listed twice prints once",
            modes: &[RWX, RWX],
            want: "RWX",
        },
        Case {
            name: "an unknown mode is left out",
            modes: &["ReadSometimes", RWOP],
            want: "RWOP",
        },
    ];
    for c in cases {
        assert_eq!(access_modes_string(&strings(c.modes)), c.want, "{}", c.name);
    }
}

/// IsVolumeBoundToClaim: the claimRef's namespace and name are the claim's, and its uid is unset
/// or the claim's.
#[test]
fn a_claim_ref_binds_by_namespace_name_and_uid_if_given() {
    struct Case {
        name: &'static str,
        claim_ref: Option<ObjectReference>,
        bound: bool,
    }
    let with_uid = |uid: &str| ObjectReference {
        uid: Some(uid.into()),
        ..claim_ref("myns", "claim01")
    };
    let cases = [
        Case {
            name: "no claimRef",
            claim_ref: None,
            bound: false,
        },
        Case {
            name: "namespace and name, no uid",
            claim_ref: Some(claim_ref("myns", "claim01")),
            bound: true,
        },
        Case {
            name: "namespace, name and the claim's uid",
            claim_ref: Some(with_uid("uid-1")),
            bound: true,
        },
        Case {
            name: "an empty uid counts as none",
            claim_ref: Some(with_uid("")),
            bound: true,
        },
        Case {
            name: "another uid",
            claim_ref: Some(with_uid("uid-2")),
            bound: false,
        },
        Case {
            name: "another namespace",
            claim_ref: Some(claim_ref("other", "claim01")),
            bound: false,
        },
        Case {
            name: "another name",
            claim_ref: Some(claim_ref("myns", "claim02")),
            bound: false,
        },
        Case {
            name: "an empty claimRef",
            claim_ref: Some(ObjectReference::default()),
            bound: false,
        },
    ];
    let claim = pvc("1G", &[RWO]).uid("uid-1");
    for c in cases {
        let mut volume = pv("pv1", "1G", &[RWO]);
        volume_spec(&mut volume).claim_ref = c.claim_ref;
        assert_eq!(is_bound_to_claim(&volume, &claim), c.bound, "{}", c.name);
    }
}

/// GetPersistentVolumeClaimClass and GetPersistentVolumeClass: the beta annotation when present
/// (even empty), else storageClassName, else "".
#[test]
fn the_beta_class_annotation_wins_over_storage_class_name() {
    struct Case {
        name: &'static str,
        annotation: Option<&'static str>,
        spec: Option<&'static str>,
        want: &'static str,
    }
    let cases = [
        Case {
            name: "neither",
            annotation: None,
            spec: None,
            want: "",
        },
        Case {
            name: "storageClassName alone",
            annotation: None,
            spec: Some("gold"),
            want: "gold",
        },
        Case {
            name: "the annotation alone",
            annotation: Some("silver"),
            spec: None,
            want: "silver",
        },
        Case {
            name: "the annotation wins",
            annotation: Some("silver"),
            spec: Some("gold"),
            want: "silver",
        },
        Case {
            name: "an empty annotation still wins",
            annotation: Some(""),
            spec: Some("gold"),
            want: "",
        },
        Case {
            name: "an empty storageClassName",
            annotation: None,
            spec: Some(""),
            want: "",
        },
    ];
    for c in cases {
        let mut claim = pvc("1G", &[RWO]);
        let mut volume = pv("pv1", "1G", &[RWO]);
        if let Some(class) = c.spec {
            claim = claim.class(class);
            volume = volume.class(class);
        }
        if let Some(class) = c.annotation {
            claim = claim.beta_class(class);
            volume = volume.beta_class(class);
        }
        assert_eq!(claim_class(&claim), c.want, "{}: claim", c.name);
        assert_eq!(volume_class(&volume), c.want, "{}: volume", c.name);
    }
}

// ---------------------------------------------------------------------------------------------
// FindMatchingVolume, rule by rule (pv_helpers.go)
// ---------------------------------------------------------------------------------------------

/// FindMatchingVolume compares quantities exactly (resource.Quantity.Cmp), across suffixes and
/// beyond what an i64 of bytes holds. Each volume is named after its capacity.
#[test]
fn sizes_compare_exactly_whatever_their_suffixes() {
    struct Case {
        name: &'static str,
        request: &'static str,
        capacities: &'static [&'static str],
        expect: Option<&'static str>,
    }
    let cases = [
        Case {
            name: "1Gi does not hold 1100Mi",
            request: "1100Mi",
            capacities: &["1Gi"],
            expect: None,
        },
        Case {
            name: "1100Mi holds 1Gi",
            request: "1Gi",
            capacities: &["1100Mi"],
            expect: Some("1100Mi"),
        },
        Case {
            name: "1G does not hold 1Gi",
            request: "1Gi",
            capacities: &["1G"],
            expect: None,
        },
        Case {
            name: "1Gi holds 1G",
            request: "1G",
            capacities: &["1Gi"],
            expect: Some("1Gi"),
        },
        Case {
            name: "the same amount in other units",
            request: "1Gi",
            capacities: &["1024Mi"],
            expect: Some("1024Mi"),
        },
        Case {
            name: "a decimal amount",
            request: "0.5Gi",
            capacities: &["512Mi"],
            expect: Some("512Mi"),
        },
        Case {
            name: "the smallest across suffixes",
            request: "900M",
            capacities: &["1Gi", "1000Mi", "1G"],
            expect: Some("1G"),
        },
        Case {
            name: "1Ei does not hold 950E",
            request: "950E",
            capacities: &["1Ei"],
            expect: None,
        },
        Case {
            name: "950E holds 1Ei",
            request: "1Ei",
            capacities: &["950E"],
            expect: Some("950E"),
        },
    ];
    for c in cases {
        let volumes: Vec<PersistentVolume> = c
            .capacities
            .iter()
            .map(|cap| pv(cap, cap, &[RWO]))
            .collect();
        assert_eq!(
            matching(&pvc(c.request, &[RWO]), &volumes, None, &[], false).as_deref(),
            c.expect,
            "{}",
            c.name
        );
    }
}

fn expression(key: &str, operator: &str, values: &[&str]) -> LabelSelectorRequirement {
    LabelSelectorRequirement {
        key: key.into(),
        operator: operator.into(),
        values: (!values.is_empty()).then(|| strings(values)),
    }
}

fn expressions(requirements: Vec<LabelSelectorRequirement>) -> Option<LabelSelector> {
    Some(LabelSelector {
        match_expressions: Some(requirements),
        ..Default::default()
    })
}

/// FindMatchingVolume: a claim's selector, matchLabels and matchExpressions alike, must match an
/// unbound volume's labels; an empty selector matches every volume.
#[test]
fn a_claim_selector_picks_volumes_by_label() {
    struct Case {
        name: &'static str,
        selector: Option<LabelSelector>,
        expect: Option<&'static str>,
    }
    let labels = |items: &[(&str, &str)]| {
        Some(LabelSelector {
            match_labels: Some(pairs(items)),
            ..Default::default()
        })
    };
    let cases = [
        Case {
            name: "no selector: the smallest",
            selector: None,
            expect: Some("ssd"),
        },
        Case {
            name: "an empty selector matches every volume",
            selector: Some(LabelSelector::default()),
            expect: Some("ssd"),
        },
        Case {
            name: "matchLabels",
            selector: labels(&[("disk", "hdd")]),
            expect: Some("hdd"),
        },
        Case {
            name: "no volume carries the label",
            selector: labels(&[("disk", "nvme")]),
            expect: None,
        },
        Case {
            name: "In",
            selector: expressions(vec![expression("disk", "In", &["hdd", "nvme"])]),
            expect: Some("hdd"),
        },
        Case {
            name: "NotIn matches a volume without the label",
            selector: expressions(vec![expression("disk", "NotIn", &["ssd", "hdd"])]),
            expect: Some("bare"),
        },
        Case {
            name: "Exists",
            selector: expressions(vec![expression("zone", "Exists", &[])]),
            expect: Some("ssd"),
        },
        Case {
            name: "DoesNotExist",
            selector: expressions(vec![expression("disk", "DoesNotExist", &[])]),
            expect: Some("bare"),
        },
        Case {
            name: "matchLabels and matchExpressions must both hold",
            selector: Some(LabelSelector {
                match_labels: Some(pairs(&[("disk", "hdd")])),
                match_expressions: Some(vec![expression("zone", "Exists", &[])]),
            }),
            expect: None,
        },
    ];
    let volumes = [
        pv("ssd", "5G", &[RWO]).labels(&[("disk", "ssd"), ("zone", "a")]),
        pv("hdd", "10G", &[RWO]).labels(&[("disk", "hdd")]),
        pv("bare", "20G", &[RWO]),
    ];
    for c in cases {
        let claim = pvc("1G", &[RWO]).selector(c.selector);
        assert_eq!(
            matching(&claim, &volumes, None, &[], false).as_deref(),
            c.expect,
            "{}",
            c.name
        );
    }
}

/// FindMatchingVolume: volumeAttributesClassName must be the same on both sides, unset equal to
/// unset.
#[test]
fn volume_attributes_classes_must_be_equal() {
    struct Case {
        name: &'static str,
        claim_class: Option<&'static str>,
        volume_class: Option<&'static str>,
        fits: bool,
    }
    let cases = [
        Case {
            name: "both unset",
            claim_class: None,
            volume_class: None,
            fits: true,
        },
        Case {
            name: "the same class",
            claim_class: Some("gold"),
            volume_class: Some("gold"),
            fits: true,
        },
        Case {
            name: "the claim asks for one, the volume has none",
            claim_class: Some("gold"),
            volume_class: None,
            fits: false,
        },
        Case {
            name: "the volume has one, the claim asks for none",
            claim_class: None,
            volume_class: Some("gold"),
            fits: false,
        },
        Case {
            name: "different classes",
            claim_class: Some("gold"),
            volume_class: Some("silver"),
            fits: false,
        },
    ];
    for c in cases {
        let claim = pvc("1G", &[RWO]).attributes_class(c.claim_class);
        let volumes = [pv("pv1", "1G", &[RWO]).attributes_class(c.volume_class)];
        assert_eq!(
            matching(&claim, &volumes, None, &[], false).is_some(),
            c.fits,
            "{}",
            c.name
        );
    }
}

/// FindMatchingVolume's remaining rules, in pv_helpers.go's order: excluded volumes, size, volume
/// mode and deletion are checked for every volume; a pre-bound volume is then the claim's whatever
/// its phase, labels or class; the rest must be Available, selected, of the claim's class, and (on
/// the scheduler's path only) fit the node and offer the claim's access modes; the smallest wins,
/// the first listed among equals.
#[test]
fn find_matching_volume_checks_unbound_volumes_further_than_pre_bound_ones() {
    struct Case {
        name: &'static str,
        claim: PersistentVolumeClaim,
        volumes: Vec<PersistentVolume>,
        node: Option<Node>,
        excluded: &'static [&'static str],
        expect: Option<&'static str>,
    }
    let claim = || pvc("1Gi", &[RWO]);
    let mine = || claim_ref("myns", "claim01");
    let cases = [
        Case {
            name: "an unbound Pending volume is passed over",
            claim: claim(),
            volumes: vec![pv("pending", "1Gi", &[RWO]).phase(Some("Pending"))],
            node: None,
            excluded: &[],
            expect: None,
        },
        Case {
            name: "an unbound Released volume is passed over",
            claim: claim(),
            volumes: vec![pv("released", "1Gi", &[RWO]).phase(Some("Released"))],
            node: None,
            excluded: &[],
            expect: None,
        },
        Case {
            name: "an unbound volume without a phase is passed over",
            claim: claim(),
            volumes: vec![pv("new", "1Gi", &[RWO]).phase(None)],
            node: None,
            excluded: &[],
            expect: None,
        },
        Case {
            name: "a pre-bound volume is the claim's whatever its phase",
            claim: claim(),
            volumes: vec![pv("mine", "1Gi", &[RWO])
                .phase(Some("Pending"))
                .claimed(mine())],
            node: None,
            excluded: &[],
            expect: Some("mine"),
        },
        Case {
            name: "a pre-bound volume wins over a smaller free one",
            claim: claim(),
            volumes: vec![
                pv("free", "1Gi", &[RWO]),
                pv("mine", "5Gi", &[RWO]).claimed(mine()),
            ],
            node: None,
            excluded: &[],
            expect: Some("mine"),
        },
        Case {
            name: "a pre-bound volume of another class is still the claim's",
            claim: claim(),
            volumes: vec![pv("mine", "1Gi", &[RWO]).class("gold").claimed(mine())],
            node: None,
            excluded: &[],
            expect: Some("mine"),
        },
        Case {
            name: "a pre-bound volume the selector does not match is still the claim's",
            claim: claim().match_labels(&[("tier", "fast")]),
            volumes: vec![pv("mine", "1Gi", &[RWO]).claimed(mine())],
            node: None,
            excluded: &[],
            expect: Some("mine"),
        },
        Case {
            name: "a pre-bound volume marked for deletion is passed over",
            claim: claim(),
            volumes: vec![
                pv("mine", "1Gi", &[RWO]).claimed(mine()).deleting(),
                pv("free", "2Gi", &[RWO]),
            ],
            node: None,
            excluded: &[],
            expect: Some("free"),
        },
        Case {
            name: "a pre-bound volume of another volume mode is passed over",
            claim: claim(),
            volumes: vec![
                pv("mine", "1Gi", &[RWO]).claimed(mine()).volume_mode(BLOCK),
                pv("free", "2Gi", &[RWO]),
            ],
            node: None,
            excluded: &[],
            expect: Some("free"),
        },
        Case {
            name: "an excluded volume is passed over",
            claim: claim(),
            volumes: vec![pv("a", "1Gi", &[RWO]), pv("b", "2Gi", &[RWO])],
            node: None,
            excluded: &["a"],
            expect: Some("b"),
        },
        Case {
            name: "of equal sizes the first listed wins",
            claim: claim(),
            volumes: vec![pv("first", "1Gi", &[RWO]), pv("second", "1024Mi", &[RWO])],
            node: None,
            excluded: &[],
            expect: Some("first"),
        },
        Case {
            name: "the controller's path leaves access modes to the index",
            claim: claim(),
            volumes: vec![pv("rox", "1Gi", &[ROX])],
            node: None,
            excluded: &[],
            expect: Some("rox"),
        },
        Case {
            name: "the scheduler's path checks access modes",
            claim: claim(),
            volumes: vec![pv("rox", "1Gi", &[ROX])],
            node: Some(node(&[])),
            excluded: &[],
            expect: None,
        },
        Case {
            name: "on the scheduler's path a volume without node affinity fits any node",
            claim: claim(),
            volumes: vec![pv("anywhere", "1Gi", &[RWO])],
            node: Some(node(&[("key1", "value1")])),
            excluded: &[],
            expect: Some("anywhere"),
        },
        Case {
            name: "a volume without a capacity holds nothing",
            claim: claim(),
            volumes: vec![pv("empty", "1Gi", &[RWO]).without_capacity()],
            node: None,
            excluded: &[],
            expect: None,
        },
        Case {
            name: "a claim without a request takes the smallest volume",
            claim: claim().without_request(),
            volumes: vec![pv("big", "5Gi", &[RWO]), pv("small", "1Gi", &[RWO])],
            node: None,
            excluded: &[],
            expect: Some("small"),
        },
    ];
    for c in cases {
        assert_eq!(
            matching(&c.claim, &c.volumes, c.node.as_ref(), c.excluded, false).as_deref(),
            c.expect,
            "{}",
            c.name
        );
    }
}
