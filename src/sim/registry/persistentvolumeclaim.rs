//! PersistentVolumeClaims: strategy (pkg/registry/core/persistentvolumeclaim/strategy.go,
//! ValidatePersistentVolumeClaimUpdate) and printing (printPersistentVolumeClaim).

use k8s_openapi::api::core::v1::PersistentVolumeClaim;

use super::{Printer, Strategy};
use crate::sim::apply::{invalid, Failure};
use crate::sim::print::{age, Tone};
use crate::sim::Cluster;

impl Strategy for PersistentVolumeClaim {
    fn prepare(&mut self, _c: &mut Cluster) {
        if let Some(s) = self.spec.as_mut() {
            s.volume_mode.get_or_insert_with(|| "Filesystem".into());
        }
        self.status.get_or_insert_with(Default::default).phase = Some("Pending".into());
    }

    fn admit(&mut self, _c: &mut Cluster, old: Option<&Self>) -> Result<(), Failure> {
        if let Some(old) = old {
            self.status = old.status.clone();
            pvc_update(old, self)?;
        }
        Ok(())
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
        let phase = st.phase.clone().unwrap_or_else(|| "Pending".into());
        let tone = if phase == "Bound" {
            Tone::Ok
        } else {
            Tone::Progress
        };
        let modes = |v: Option<Vec<String>>| {
            v.unwrap_or_default()
                .iter()
                .map(|m| {
                    match m.as_str() {
                        "ReadWriteOnce" => "RWO",
                        "ReadOnlyMany" => "ROX",
                        "ReadWriteMany" => "RWX",
                        "ReadWriteOncePod" => "RWOP",
                        o => o,
                    }
                    .to_string()
                })
                .collect::<Vec<_>>()
                .join(",")
        };
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
                spec.storage_class_name
                    .clone()
                    .unwrap_or_else(|| "<unset>".into()),
                "<unset>".into(),
                age(p.metadata.creation_timestamp.as_ref(), now),
            ],
            tone,
        )
    }
}

/// ValidatePersistentVolumeClaimUpdate: an unbound claim's spec is immutable; a bound one may only grow.
fn pvc_update(old: &PersistentVolumeClaim, new: &PersistentVolumeClaim) -> Result<(), Failure> {
    let name = new.metadata.name.clone().unwrap_or_default();
    let bound = old.status.as_ref().and_then(|s| s.phase.as_deref()) == Some("Bound");
    let storage = |p: &PersistentVolumeClaim| {
        p.spec
            .as_ref()
            .and_then(|s| s.resources.as_ref())
            .and_then(|r| r.requests.as_ref())
            .and_then(|r| r.get("storage"))
            .map(|q| crate::sim::quantity::amount("storage", q))
    };
    if !bound {
        if old.spec != new.spec {
            return Err(invalid("PersistentVolumeClaim", &name, "spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims".into()));
        }
    } else if storage(new) < storage(old) {
        return Err(invalid("PersistentVolumeClaim", &name, "spec.resources.requests.storage: Forbidden: field can not be less than status.capacity".into()));
    }
    Ok(())
}
