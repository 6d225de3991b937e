//! PersistentVolumeClaims: strategy (pkg/registry/core/persistentvolumeclaim/strategy.go,
//! ValidatePersistentVolumeClaimUpdate, the DefaultStorageClass and StorageObjectInUseProtection
//! admission plugins), deletion behind pvc-protection, and printing (printPersistentVolumeClaim,
//! describePersistentVolumeClaim).

use k8s_openapi::api::core::v1::PersistentVolumeClaim;

use super::persistentvolume::finalizers;
use super::{Printer, Strategy};
use crate::sim::apply::{carry_annotations, invalid, Failure};
use crate::sim::print::describe::{head, labels_annotations, line};
use crate::sim::print::{age, Tone};
use crate::sim::storage::matcher::{access_modes_string, claim_class};
use crate::sim::storage::{admission, claim_phase};
use crate::sim::Cluster;

impl Strategy for PersistentVolumeClaim {
    fn prepare(&mut self, _c: &mut Cluster) {
        if let Some(s) = self.spec.as_mut() {
            s.volume_mode.get_or_insert_with(|| "Filesystem".into());
        }
        self.status.get_or_insert_with(Default::default).phase = Some("Pending".into());
    }

    fn admit(&mut self, c: &mut Cluster, old: Option<&Self>) -> Result<(), Failure> {
        let Some(old) = old else {
            admission::new_claim(c, self);
            return Ok(());
        };
        self.status = old.status.clone();
        // What admission and the controllers wrote survives an apply of text that never had it.
        for prefix in [
            "pv.kubernetes.io/",
            "volume.kubernetes.io/",
            "volume.beta.kubernetes.io/storage-provisioner",
        ] {
            carry_annotations(&old.metadata, &mut self.metadata, prefix);
        }
        if let (Some(new), Some(was)) = (self.spec.as_mut(), old.spec.as_ref()) {
            if new.volume_name.is_none() {
                new.volume_name = was.volume_name.clone();
            }
            if new.storage_class_name.is_none() {
                new.storage_class_name = was.storage_class_name.clone();
            }
        }
        pvc_update(old, self)?;
        resize(c, old, self)
    }

    /// Behind pvc-protection: a claim in use stays Terminating until no Pod uses it.
    fn delete(c: &mut Cluster, ns: &str, name: &str) -> bool {
        admission::delete::<Self>(c, ns, name)
    }
}

/// STATUS as kubectl prints it: Terminating while being deleted.
fn status(p: &PersistentVolumeClaim) -> String {
    if p.metadata.deletion_timestamp.is_some() {
        "Terminating".into()
    } else {
        claim_phase(p).to_string()
    }
}

impl Printer for PersistentVolumeClaim {
    const RESOURCE: &'static str = "persistentvolumeclaims";
    const PREFIX: &'static str = "persistentvolumeclaim";
    const HEADERS: &'static [&'static str] = &[
        "NAME",
        "STATUS",
        "VOLUME",
        "CAPACITY",
        "ACCESS MODES",
        "STORAGECLASS",
        "VOLUMEATTRIBUTESCLASS",
        "AGE",
    ];

    fn row(&self, c: &Cluster) -> (Vec<String>, Tone) {
        let p = self;
        let now = c.now();
        let spec = p.spec.clone().unwrap_or_default();
        let st = p.status.clone().unwrap_or_default();
        let phase = status(p);
        let tone = match phase.as_str() {
            "Bound" => Tone::Ok,
            "Lost" => Tone::Bad,
            _ => Tone::Progress,
        };
        let modes = |v: Option<Vec<String>>| access_modes_string(&v.unwrap_or_default());
        (
            vec![
                p.metadata.name.clone().unwrap_or_default(),
                phase,
                spec.volume_name.clone().unwrap_or_default(),
                st.capacity
                    .as_ref()
                    .and_then(|c| c.get("storage"))
                    .map(|q| q.0.clone())
                    .unwrap_or_default(),
                modes(st.access_modes.clone()),
                claim_class(p),
                spec.volume_attributes_class_name
                    .clone()
                    .unwrap_or_else(|| "<unset>".into()),
                age(p.metadata.creation_timestamp.as_ref(), now),
            ],
            tone,
        )
    }

    fn describe(&self, out: &mut String, c: &Cluster) {
        let p = self;
        let spec = p.spec.clone().unwrap_or_default();
        let st = p.status.clone().unwrap_or_default();
        head(out, &p.metadata);
        line(out, "StorageClass", claim_class(p));
        line(
            out,
            "Status",
            match &p.metadata.deletion_timestamp {
                Some(t) => format!("Terminating (lasts {})", age(Some(t), c.now())),
                None => claim_phase(p).to_string(),
            },
        );
        line(out, "Volume", spec.volume_name.clone().unwrap_or_default());
        labels_annotations(out, &p.metadata);
        line(out, "Finalizers", finalizers(&p.metadata));
        let bound = spec.volume_name.as_deref().is_some_and(|v| !v.is_empty());
        let (capacity, modes) = if bound {
            (
                st.capacity
                    .as_ref()
                    .and_then(|c| c.get("storage"))
                    .map(|q| q.0.clone())
                    .unwrap_or_default(),
                access_modes_string(st.access_modes.as_deref().unwrap_or_default()),
            )
        } else {
            Default::default()
        };
        line(out, "Capacity", capacity);
        line(out, "Access Modes", modes);
        if let Some(mode) = &spec.volume_mode {
            line(out, "VolumeMode", mode);
        }
        let key = (
            p.metadata.namespace.clone().unwrap_or_default(),
            p.metadata.name.clone().unwrap_or_default(),
        );
        let used_by: Vec<&str> = c
            .store
            .index
            .pods_by_claim
            .get(&key)
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        if used_by.is_empty() {
            line(out, "Used By", "<none>");
        } else {
            for (i, pod) in used_by.iter().enumerate() {
                if i == 0 {
                    line(out, "Used By", pod);
                } else {
                    out.push_str(&format!("{}{pod}\n", " ".repeat(18)));
                }
            }
        }
    }
}

/// The PersistentVolumeClaimResize admission plugin: a request may grow only on a bound claim
/// whose class allows expansion.
fn resize(
    c: &Cluster,
    old: &PersistentVolumeClaim,
    new: &PersistentVolumeClaim,
) -> Result<(), Failure> {
    let size = |p: &PersistentVolumeClaim| {
        crate::sim::storage::claim_request(p)
            .and_then(crate::sim::quantity::exact)
            .unwrap_or(0)
    };
    if size(new) <= size(old) {
        return Ok(());
    }
    let forbidden = |why: &str| {
        crate::sim::apply::StatusError::new(
            crate::sim::apply::Reason::Forbidden,
            format!(
                "persistentvolumeclaims {} is forbidden: {why}",
                crate::validation::go_quote(new.metadata.name.as_deref().unwrap_or_default())
            ),
        )
    };
    if claim_phase(old) != "Bound" {
        return Err(forbidden(
            "Only bound persistent volume claims can be expanded",
        ));
    }
    let class = claim_class(new);
    let allowed = !class.is_empty()
        && class == claim_class(old)
        && c.store
            .get::<k8s_openapi::api::storage::v1::StorageClass>("", &class)
            .and_then(|sc| sc.allow_volume_expansion)
            == Some(true);
    if !allowed {
        return Err(forbidden("only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize"));
    }
    Ok(())
}

/// ValidatePersistentVolumeClaimUpdate: an unbound claim's spec is immutable; a bound one may only grow.
fn pvc_update(old: &PersistentVolumeClaim, new: &PersistentVolumeClaim) -> Result<(), Failure> {
    let name = new.metadata.name.clone().unwrap_or_default();
    let bound = claim_phase(old) == "Bound";
    let storage = |p: &PersistentVolumeClaim| {
        crate::sim::storage::claim_request(p)
            .and_then(crate::sim::quantity::exact)
            .unwrap_or(0)
    };
    let mut was = old.spec.clone().unwrap_or_default();
    let mut now = new.spec.clone().unwrap_or_default();
    // The volumeName may be set once (the controller binds through it), and so may a class on a
    // claim written without one (validateStorageClassUpgradeFromNil).
    if was.volume_name.as_deref().is_none_or(str::is_empty) {
        was.volume_name = now.volume_name.clone();
    }
    if was.storage_class_name.is_none() && !bound {
        was.storage_class_name = now.storage_class_name.clone();
    }
    // A bound claim's request and attributes class may change.
    if bound {
        let requests = |s: &mut k8s_openapi::api::core::v1::PersistentVolumeClaimSpec| {
            s.resources
                .as_mut()
                .and_then(|r| r.requests.as_mut())
                .map(|r| r.remove("storage"))
        };
        requests(&mut was);
        requests(&mut now);
        was.volume_attributes_class_name = now.volume_attributes_class_name.clone();
    }
    if was != now {
        return Err(invalid("PersistentVolumeClaim", &name, "spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims".into()));
    }
    if storage(new) < storage(old) {
        return Err(invalid("PersistentVolumeClaim", &name, "spec.resources.requests.storage: Forbidden: field can not be less than status.capacity".into()));
    }
    Ok(())
}
