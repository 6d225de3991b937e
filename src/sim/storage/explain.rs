//! The Storage view's picture of the cluster: classes, claims and volumes, the bindings between
//! them, and for each Pending claim why it waits and why each volume did not fit it.
//!
//! The one thing to know: the reasons are the matcher's own checks, tried in its order, so the
//! first reason a volume gets is the one that kept the controller from choosing it.

use serde::{Deserialize, Serialize};

use k8s_openapi::api::core::v1::{PersistentVolume, PersistentVolumeClaim};
use k8s_openapi::api::storage::v1::StorageClass;

use super::matcher::{
    access_modes_string, check_access_modes, check_volume_satisfies_claim, claim_class,
    find_best_match, is_bound_to_claim, volume_class,
};
use super::{
    claim_phase, claim_request, has_annotation, is_default_class, volume_capacity, volume_phase,
    ANN_SELECTED_NODE, ANN_STORAGE_PROVISIONER, NO_PROVISIONER,
};
use crate::i18n::Lang;
use crate::sim::Cluster;

/// The most claims and volumes the view lists (the rest are counted).
pub const MAX_ROWS: usize = 200;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StorageView {
    pub classes: Vec<ClassRow>,
    pub claims: Vec<ClaimRow>,
    pub volumes: Vec<VolumeRow>,
    /// Claims and volumes left out past `MAX_ROWS`.
    pub more_claims: usize,
    pub more_volumes: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClassRow {
    pub name: String,
    pub provisioner: String,
    pub binding_mode: String,
    pub reclaim_policy: String,
    pub default: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimRow {
    pub namespace: String,
    pub name: String,
    /// Bound, Pending, Lost, or Terminating.
    pub status: String,
    /// The volume it names (bound or asked for).
    pub volume: String,
    pub class: String,
    pub request: String,
    pub modes: String,
    /// Why a claim that is not Bound waits.
    #[serde(skip)]
    pub waiting: Option<Pending>,
    /// Each volume that did not fit, with the first reason.
    #[serde(skip)]
    pub misses: Vec<(String, Miss)>,
    /// `waiting` and `misses` said in a language ([`ClaimRow::said`]): what crosses from the
    /// simulator's worker to the page, which then carries no decoder for either.
    #[serde(default)]
    pub waiting_text: Option<String>,
    #[serde(default)]
    pub miss_texts: Vec<(String, String)>,
}

impl ClaimRow {
    /// The row with its explanations said in `lang`.
    pub fn said(mut self, lang: Lang) -> ClaimRow {
        self.waiting_text = self.waiting.as_ref().map(|w| w.text(lang));
        self.miss_texts = self
            .misses
            .iter()
            .map(|(v, m)| (v.clone(), m.text(lang)))
            .collect();
        self
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VolumeRow {
    pub name: String,
    /// Available, Bound, Released, Failed, Pending, or Terminating.
    pub status: String,
    pub capacity: String,
    pub modes: String,
    pub class: String,
    pub reclaim_policy: String,
    /// `namespace/name` of the claim its claimRef names.
    pub claim: Option<(String, String)>,
}

/// Why a claim is not bound.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    /// Its class binds only once a Pod that uses it is scheduled.
    WaitForConsumer {
        class: String,
    },
    /// A provisioner is making its volume.
    Provisioning {
        provisioner: String,
    },
    /// No volume fits, and `storageClassName: ""` asks for no provisioning.
    NoClass,
    ClassMissing {
        class: String,
    },
    /// The class's provisioner is `kubernetes.io/no-provisioner`.
    NoProvisioner {
        class: String,
    },
    /// A volume fits: the controller binds it at its next look.
    Fits {
        volume: String,
    },
    /// It names a volume that does not exist.
    NamedVolumeMissing {
        volume: String,
    },
    /// It names a volume that does not fit it, in the controller's words.
    NamedVolumeMismatch {
        volume: String,
        why: String,
    },
    /// It names a volume bound to another claim.
    NamedVolumeTaken {
        volume: String,
        claim: String,
    },
    /// Bound, and its volume is gone or bound elsewhere.
    Lost,
}

/// Why one volume is not the claim's.
#[derive(Clone, Debug, PartialEq)]
pub enum Miss {
    Modes { offered: String, wanted: String },
    BoundTo { claim: String },
    TooSmall { capacity: String, request: String },
    VolumeMode { volume: String, claim: String },
    AttributesClass,
    Deleting,
    NotAvailable { phase: String },
    Selector,
    Class { volume: String, claim: String },
}

impl Pending {
    pub fn text(&self, lang: Lang) -> String {
        let c = lang.texts();
        match self {
            Pending::WaitForConsumer { class } => c.storage_wait_for_consumer(class),
            Pending::Provisioning { provisioner } => c.storage_provisioning(provisioner),
            Pending::NoClass => c.storage_no_class(),
            Pending::ClassMissing { class } => c.storage_class_missing(class),
            Pending::NoProvisioner { class } => c.storage_no_provisioner(class),
            Pending::Fits { volume } => c.storage_fits(volume),
            Pending::NamedVolumeMissing { volume } => c.storage_named_volume_missing(volume),
            Pending::NamedVolumeMismatch { volume, why } => {
                c.storage_named_volume_mismatch(volume, why)
            }
            Pending::NamedVolumeTaken { volume, claim } => {
                c.storage_named_volume_taken(volume, claim)
            }
            Pending::Lost => c.storage_lost(),
        }
    }
}

impl Miss {
    pub fn text(&self, lang: Lang) -> String {
        let c = lang.texts();
        match self {
            Miss::Modes { offered, wanted } => c.miss_modes(offered, wanted),
            Miss::BoundTo { claim } => c.miss_bound_to(claim),
            Miss::TooSmall { capacity, request } => c.miss_too_small(capacity, request),
            Miss::VolumeMode { volume, claim } => c.miss_volume_mode(volume, claim),
            Miss::AttributesClass => c.miss_attributes_class(),
            Miss::Deleting => c.miss_deleting(),
            Miss::NotAvailable { phase } => c.miss_not_available(phase),
            Miss::Selector => c.miss_selector(),
            Miss::Class { volume, claim } => c.miss_class(volume, claim),
        }
    }
}

fn or_none(s: &str) -> String {
    if s.is_empty() {
        "\"\"".into()
    } else {
        s.to_string()
    }
}

/// The first reason the volume is not the claim's, in the controller's order (the access-mode
/// sets of index.go, then FindMatchingVolume's checks in turn); None when it fits.
fn miss(volume: &PersistentVolume, claim: &PersistentVolumeClaim) -> Option<Miss> {
    let wanted = claim
        .spec
        .as_ref()
        .and_then(|s| s.access_modes.clone())
        .unwrap_or_default();
    let offered = volume
        .spec
        .as_ref()
        .and_then(|s| s.access_modes.clone())
        .unwrap_or_default();
    if !check_access_modes(claim, volume) {
        return Some(Miss::Modes {
            offered: access_modes_string(&offered),
            wanted: access_modes_string(&wanted),
        });
    }
    if let Some(r) = volume.spec.as_ref().and_then(|s| s.claim_ref.as_ref()) {
        if !is_bound_to_claim(volume, claim) {
            return Some(Miss::BoundTo {
                claim: format!(
                    "{}/{}",
                    r.namespace.clone().unwrap_or_default(),
                    r.name.clone().unwrap_or_default()
                ),
            });
        }
    }
    let size = |q: Option<&str>| q.and_then(crate::sim::quantity::exact).unwrap_or(0);
    if size(volume_capacity(volume)) < size(claim_request(claim)) {
        return Some(Miss::TooSmall {
            capacity: volume_capacity(volume).unwrap_or("0").to_string(),
            request: claim_request(claim).unwrap_or("0").to_string(),
        });
    }
    let mode = |m: Option<&String>| m.cloned().unwrap_or_else(|| "Filesystem".into());
    let (volume_mode, claim_mode) = (
        mode(volume.spec.as_ref().and_then(|s| s.volume_mode.as_ref())),
        mode(claim.spec.as_ref().and_then(|s| s.volume_mode.as_ref())),
    );
    if volume_mode != claim_mode {
        return Some(Miss::VolumeMode {
            volume: volume_mode,
            claim: claim_mode,
        });
    }
    let vac = |v: Option<&String>| v.cloned().unwrap_or_default();
    if vac(volume
        .spec
        .as_ref()
        .and_then(|s| s.volume_attributes_class_name.as_ref()))
        != vac(claim
            .spec
            .as_ref()
            .and_then(|s| s.volume_attributes_class_name.as_ref()))
    {
        return Some(Miss::AttributesClass);
    }
    if volume.metadata.deletion_timestamp.is_some() {
        return Some(Miss::Deleting);
    }
    if is_bound_to_claim(volume, claim) {
        return None;
    }
    if volume_phase(volume) != "Available" {
        return Some(Miss::NotAvailable {
            phase: volume_phase(volume).to_string(),
        });
    }
    let selected = match claim.spec.as_ref().and_then(|s| s.selector.as_ref()) {
        None => true,
        Some(sel) => crate::selector::from_label_selector(sel)
            .is_ok_and(|s| s.matches(&volume.metadata.labels.clone().unwrap_or_default())),
    };
    if !selected {
        return Some(Miss::Selector);
    }
    if volume_class(volume) != claim_class(claim) {
        return Some(Miss::Class {
            volume: or_none(&volume_class(volume)),
            claim: or_none(&claim_class(claim)),
        });
    }
    None
}

/// Why a claim that is not Bound waits.
fn pending(c: &Cluster, claim: &PersistentVolumeClaim) -> Pending {
    if claim_phase(claim) == "Lost" {
        return Pending::Lost;
    }
    let named = claim
        .spec
        .as_ref()
        .and_then(|s| s.volume_name.clone())
        .filter(|v| !v.is_empty());
    if let Some(name) = named {
        return match c.store.get::<PersistentVolume>("", &name) {
            None => Pending::NamedVolumeMissing { volume: name },
            Some(v) => match v.spec.as_ref().and_then(|s| s.claim_ref.as_ref()) {
                Some(r) if !is_bound_to_claim(v, claim) => Pending::NamedVolumeTaken {
                    volume: name,
                    claim: format!(
                        "{}/{}",
                        r.namespace.clone().unwrap_or_default(),
                        r.name.clone().unwrap_or_default()
                    ),
                },
                _ => match check_volume_satisfies_claim(v, claim) {
                    Err(why) => Pending::NamedVolumeMismatch { volume: name, why },
                    Ok(()) => Pending::Fits { volume: name },
                },
            },
        };
    }
    let class_name = claim_class(claim);
    let delay = super::is_delay_binding(&c.store, claim);
    let volumes: Vec<&PersistentVolume> = c.store.persistent_volumes.values().collect();
    if let Some(v) = find_best_match(claim, &volumes, delay) {
        return Pending::Fits {
            volume: v.metadata.name.clone().unwrap_or_default(),
        };
    }
    if class_name.is_empty() {
        return Pending::NoClass;
    }
    let Some(class) = c.store.get::<StorageClass>("", &class_name) else {
        return Pending::ClassMissing { class: class_name };
    };
    if delay && !has_annotation(&claim.metadata, ANN_SELECTED_NODE) {
        return Pending::WaitForConsumer { class: class_name };
    }
    if class.provisioner == NO_PROVISIONER || class.provisioner.is_empty() {
        return Pending::NoProvisioner { class: class_name };
    }
    let provisioner = claim
        .metadata
        .annotations
        .as_ref()
        .and_then(|a| a.get(ANN_STORAGE_PROVISIONER))
        .cloned()
        .unwrap_or_else(|| class.provisioner.clone());
    Pending::Provisioning { provisioner }
}

/// The Storage view of the cluster.
pub fn storage_view(c: &Cluster) -> StorageView {
    let classes = c
        .store
        .storage_classes
        .values()
        .map(|sc| ClassRow {
            name: sc.metadata.name.clone().unwrap_or_default(),
            provisioner: sc.provisioner.clone(),
            binding_mode: sc
                .volume_binding_mode
                .clone()
                .unwrap_or_else(|| "Immediate".into()),
            reclaim_policy: sc.reclaim_policy.clone().unwrap_or_else(|| "Delete".into()),
            default: is_default_class(sc),
        })
        .collect();
    let volumes: Vec<&PersistentVolume> = c.store.persistent_volumes.values().collect();
    let claims = c
        .store
        .persistent_volume_claims
        .values()
        .take(MAX_ROWS)
        .map(|claim| {
            let status = if claim.metadata.deletion_timestamp.is_some() {
                "Terminating".to_string()
            } else {
                claim_phase(claim).to_string()
            };
            let bound = claim_phase(claim) == "Bound";
            let misses = if bound {
                Vec::new()
            } else {
                volumes
                    .iter()
                    .take(MAX_ROWS)
                    .filter_map(|v| {
                        Some((v.metadata.name.clone().unwrap_or_default(), miss(v, claim)?))
                    })
                    .collect()
            };
            ClaimRow {
                namespace: claim.metadata.namespace.clone().unwrap_or_default(),
                name: claim.metadata.name.clone().unwrap_or_default(),
                status,
                volume: claim
                    .spec
                    .as_ref()
                    .and_then(|s| s.volume_name.clone())
                    .unwrap_or_default(),
                class: claim_class(claim),
                request: claim_request(claim).unwrap_or_default().to_string(),
                modes: access_modes_string(
                    claim
                        .spec
                        .as_ref()
                        .and_then(|s| s.access_modes.as_deref())
                        .unwrap_or_default(),
                ),
                waiting: (!bound).then(|| pending(c, claim)),
                misses,
                waiting_text: None,
                miss_texts: Vec::new(),
            }
        })
        .collect();
    let volume_rows = volumes
        .iter()
        .take(MAX_ROWS)
        .map(|v| {
            let spec = v.spec.clone().unwrap_or_default();
            VolumeRow {
                name: v.metadata.name.clone().unwrap_or_default(),
                status: if v.metadata.deletion_timestamp.is_some() {
                    "Terminating".into()
                } else {
                    volume_phase(v).to_string()
                },
                capacity: volume_capacity(v).unwrap_or_default().to_string(),
                modes: access_modes_string(spec.access_modes.as_deref().unwrap_or_default()),
                class: volume_class(v),
                reclaim_policy: spec.persistent_volume_reclaim_policy.unwrap_or_default(),
                claim: spec
                    .claim_ref
                    .map(|r| (r.namespace.unwrap_or_default(), r.name.unwrap_or_default())),
            }
        })
        .collect();
    StorageView {
        classes,
        claims,
        volumes: volume_rows,
        more_claims: c
            .store
            .persistent_volume_claims
            .len()
            .saturating_sub(MAX_ROWS),
        more_volumes: volumes.len().saturating_sub(MAX_ROWS),
    }
}

#[cfg(test)]
mod tests;
