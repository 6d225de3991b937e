//! PersistentVolumes: strategy (SetDefaults_PersistentVolume, pkg/registry/core/persistentvolume/
//! strategy.go, ValidatePersistentVolumeUpdate), deletion behind pv-protection, and printing
//! (printPersistentVolume, describePersistentVolume).

use std::fmt::Write;

use k8s_openapi::api::core::v1::{PersistentVolume, PersistentVolumeSpec};

use super::{Printer, Strategy};
use crate::sim::apply::{carry_annotations, invalid, Failure};
use crate::sim::print::describe::{head, labels_annotations, line};
use crate::sim::print::{age, Tone};
use crate::sim::storage::matcher::{access_modes_string, volume_class};
use crate::sim::storage::{admission, volume_capacity, volume_phase};
use crate::sim::Cluster;

impl Strategy for PersistentVolume {
    fn prepare(&mut self, _c: &mut Cluster) {
        let spec = self.spec.get_or_insert_with(Default::default);
        spec.persistent_volume_reclaim_policy
            .get_or_insert_with(|| "Retain".into());
        spec.volume_mode.get_or_insert_with(|| "Filesystem".into());
        self.status = Some(k8s_openapi::api::core::v1::PersistentVolumeStatus {
            phase: Some("Pending".into()),
            ..Default::default()
        });
    }

    fn admit(&mut self, _c: &mut Cluster, old: Option<&Self>) -> Result<(), Failure> {
        let Some(old) = old else {
            admission::new_volume(self);
            return Ok(());
        };
        self.status = old.status.clone();
        carry_annotations(&old.metadata, &mut self.metadata, "pv.kubernetes.io/");
        let old_spec = old.spec.clone().unwrap_or_default();
        let spec = self.spec.get_or_insert_with(Default::default);
        // What the controller wrote in claimRef survives an apply that names the same claim
        // (or none), as a three-way merge keeps fields the text never had.
        match (&mut spec.claim_ref, &old_spec.claim_ref) {
            (None, Some(r)) => spec.claim_ref = Some(r.clone()),
            (Some(new), Some(r)) if new.name == r.name && new.namespace == r.namespace => {
                new.uid = new.uid.clone().or_else(|| r.uid.clone());
                new.resource_version = new
                    .resource_version
                    .clone()
                    .or_else(|| r.resource_version.clone());
                new.api_version = new.api_version.clone().or_else(|| r.api_version.clone());
                new.kind = new.kind.clone().or_else(|| r.kind.clone());
            }
            _ => {}
        }
        if old_spec.volume_mode.is_some() && spec.volume_mode != old_spec.volume_mode {
            return Err(invalid(
                "PersistentVolume",
                self.metadata.name.as_deref().unwrap_or_default(),
                format!(
                    "spec.volumeMode: Invalid value: {}: field is immutable",
                    crate::validation::go_quote(spec.volume_mode.as_deref().unwrap_or_default())
                ),
            ));
        }
        if source(spec) != source(&old_spec) {
            return Err(invalid(
                "PersistentVolume",
                self.metadata.name.as_deref().unwrap_or_default(),
                "spec.persistentvolumesource: Forbidden: spec.persistentvolumesource is immutable after creation".into(),
            ));
        }
        Ok(())
    }

    /// Behind pv-protection: a bound volume stays Terminating until it is released.
    fn delete(c: &mut Cluster, ns: &str, name: &str) -> bool {
        admission::delete::<Self>(c, ns, name)
    }
}

/// The volume source (what the volume is), without the fields a volume may change.
fn source(spec: &PersistentVolumeSpec) -> PersistentVolumeSpec {
    PersistentVolumeSpec {
        access_modes: None,
        capacity: None,
        claim_ref: None,
        mount_options: None,
        node_affinity: None,
        persistent_volume_reclaim_policy: None,
        storage_class_name: None,
        volume_attributes_class_name: None,
        volume_mode: None,
        ..spec.clone()
    }
}

/// CLAIM as kubectl prints it: `namespace/name` of the claimRef, or nothing.
fn claim_of(spec: &PersistentVolumeSpec) -> String {
    spec.claim_ref
        .as_ref()
        .map(|r| {
            format!(
                "{}/{}",
                r.namespace.clone().unwrap_or_default(),
                r.name.clone().unwrap_or_default()
            )
        })
        .unwrap_or_default()
}

/// STATUS as kubectl prints it: Terminating while being deleted.
fn status(v: &PersistentVolume) -> String {
    if v.metadata.deletion_timestamp.is_some() {
        "Terminating".into()
    } else {
        volume_phase(v).to_string()
    }
}

impl Printer for PersistentVolume {
    const RESOURCE: &'static str = "persistentvolumes";
    const PREFIX: &'static str = "persistentvolume";
    const HEADERS: &'static [&'static str] = &[
        "NAME",
        "CAPACITY",
        "ACCESS MODES",
        "RECLAIM POLICY",
        "STATUS",
        "CLAIM",
        "STORAGECLASS",
        "VOLUMEATTRIBUTESCLASS",
        "REASON",
        "AGE",
    ];

    fn row(&self, c: &Cluster) -> (Vec<String>, Tone) {
        let spec = self.spec.clone().unwrap_or_default();
        let phase = status(self);
        let tone = match phase.as_str() {
            "Bound" => Tone::Ok,
            "Available" => Tone::Plain,
            "Failed" => Tone::Bad,
            "Released" => Tone::Done,
            _ => Tone::Progress,
        };
        let claim = claim_of(&spec);
        (
            vec![
                self.metadata.name.clone().unwrap_or_default(),
                volume_capacity(self).unwrap_or_default().to_string(),
                access_modes_string(spec.access_modes.as_deref().unwrap_or_default()),
                spec.persistent_volume_reclaim_policy
                    .clone()
                    .unwrap_or_default(),
                phase,
                claim,
                volume_class(self),
                spec.volume_attributes_class_name
                    .clone()
                    .unwrap_or_else(|| "<unset>".into()),
                self.status
                    .as_ref()
                    .and_then(|s| s.reason.clone())
                    .unwrap_or_default(),
                age(self.metadata.creation_timestamp.as_ref(), c.now()),
            ],
            tone,
        )
    }

    fn describe(&self, out: &mut String, c: &Cluster) {
        let spec = self.spec.clone().unwrap_or_default();
        head(out, &self.metadata);
        labels_annotations(out, &self.metadata);
        line(out, "Finalizers", finalizers(&self.metadata));
        line(out, "StorageClass", volume_class(self));
        line(out, "Status", describe_status(self, c));
        let claim = claim_of(&spec);
        line(out, "Claim", claim);
        line(
            out,
            "Reclaim Policy",
            spec.persistent_volume_reclaim_policy
                .clone()
                .unwrap_or_default(),
        );
        line(
            out,
            "Access Modes",
            access_modes_string(spec.access_modes.as_deref().unwrap_or_default()),
        );
        if let Some(mode) = &spec.volume_mode {
            line(out, "VolumeMode", mode);
        }
        line(out, "Capacity", volume_capacity(self).unwrap_or("0"));
        node_affinity(out, &spec);
        line(
            out,
            "Message",
            self.status
                .as_ref()
                .and_then(|s| s.message.clone())
                .unwrap_or_default(),
        );
        out.push_str("Source:\n");
        volume_source(out, &spec);
    }
}

/// `Terminating (lasts 5s)` while being deleted, else the phase.
fn describe_status(v: &PersistentVolume, c: &Cluster) -> String {
    match &v.metadata.deletion_timestamp {
        Some(t) => format!("Terminating (lasts {})", age(Some(t), c.now())),
        None => volume_phase(v).to_string(),
    }
}

/// `[kubernetes.io/pv-protection]`, Go's `%v` of the list.
pub(crate) fn finalizers(m: &k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta) -> String {
    format!("[{}]", m.finalizers.clone().unwrap_or_default().join(" "))
}

fn node_affinity(out: &mut String, spec: &PersistentVolumeSpec) {
    let Some(req) = spec
        .node_affinity
        .as_ref()
        .and_then(|a| a.required.as_ref())
    else {
        line(out, "Node Affinity", "<none>");
        return;
    };
    line(out, "Node Affinity", "");
    if req.node_selector_terms.is_empty() {
        line(out, "  Required Terms", "<none>");
        return;
    }
    line(out, "  Required Terms", "");
    for (i, term) in req.node_selector_terms.iter().enumerate() {
        let exprs = term.match_expressions.clone().unwrap_or_default();
        if exprs.is_empty() {
            line(out, &format!("    Term {i}"), "<none>");
        }
        for (j, r) in exprs.iter().enumerate() {
            let mut text = format!("{} {}", r.key, r.operator.to_ascii_lowercase());
            let values = r.values.clone().unwrap_or_default();
            if !values.is_empty() {
                text = format!("{text} [{}]", values.join(", "));
            }
            if j == 0 {
                line(out, &format!("    Term {i}"), text);
            } else {
                let _ = writeln!(out, "{}{text}", " ".repeat(18));
            }
        }
    }
}

/// The Source block for the volume kinds people write by hand.
fn volume_source(out: &mut String, spec: &PersistentVolumeSpec) {
    if let Some(h) = &spec.host_path {
        let _ = writeln!(out, "    Type:          HostPath (bare host directory volume)\n    Path:          {}\n    HostPathType:  {}", h.path, h.type_.clone().unwrap_or_default());
    } else if let Some(l) = &spec.local {
        let _ = writeln!(out, "    Type:  LocalVolume (a persistent volume backed by local storage on a node)\n    Path:  {}", l.path);
    } else if let Some(n) = &spec.nfs {
        let _ = writeln!(out, "    Type:      NFS (an NFS mount that lasts the lifetime of a pod)\n    Server:    {}\n    Path:      {}\n    ReadOnly:  {}", n.server, n.path, n.read_only.unwrap_or(false));
    } else if let Some(csi) = &spec.csi {
        let _ = writeln!(out, "    Type:              CSI (a Container Storage Interface (CSI) volume source)\n    Driver:            {}\n    FSType:            {}\n    VolumeHandle:      {}\n    ReadOnly:          {}\n    VolumeAttributes:  <none>", csi.driver, csi.fs_type.clone().unwrap_or_default(), csi.volume_handle, csi.read_only.unwrap_or(false));
    } else {
        out.push_str("    <unknown>\n");
    }
}
