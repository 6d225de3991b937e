//! StorageClasses: strategy (SetDefaults_StorageClass, ValidateStorageClassUpdate) and printing
//! (printStorageClass, describeStorageClass).

use k8s_openapi::api::storage::v1::StorageClass;

use super::{Printer, Strategy};
use crate::sim::apply::{invalid, Failure};
use crate::sim::print::describe::line_in;
use crate::sim::print::{age, Tone};
use crate::sim::storage::is_default_class;
use crate::sim::Cluster;

impl Strategy for StorageClass {
    fn prepare(&mut self, _c: &mut Cluster) {
        self.reclaim_policy.get_or_insert_with(|| "Delete".into());
        self.volume_binding_mode
            .get_or_insert_with(|| "Immediate".into());
    }

    fn admit(&mut self, _c: &mut Cluster, old: Option<&Self>) -> Result<(), Failure> {
        let Some(old) = old else { return Ok(()) };
        let name = self.metadata.name.clone().unwrap_or_default();
        let forbidden = |field: &str| {
            invalid(
                "StorageClass",
                &name,
                format!("{field}: Forbidden: updates to {field} are forbidden."),
            )
        };
        if old.parameters != self.parameters {
            return Err(forbidden("parameters"));
        }
        if old.provisioner != self.provisioner {
            return Err(forbidden("provisioner"));
        }
        if old.reclaim_policy != self.reclaim_policy {
            return Err(forbidden("reclaimPolicy"));
        }
        if old.volume_binding_mode != self.volume_binding_mode {
            return Err(invalid(
                "StorageClass",
                &name,
                format!(
                    "volumeBindingMode: Invalid value: {}: field is immutable",
                    crate::validation::go_quote(
                        self.volume_binding_mode.as_deref().unwrap_or_default()
                    )
                ),
            ));
        }
        Ok(())
    }
}

impl Printer for StorageClass {
    const RESOURCE: &'static str = "storageclasses.storage.k8s.io";
    const PREFIX: &'static str = "storageclass.storage.k8s.io";
    const HEADERS: &'static [&'static str] = &[
        "NAME",
        "PROVISIONER",
        "RECLAIMPOLICY",
        "VOLUMEBINDINGMODE",
        "ALLOWVOLUMEEXPANSION",
        "AGE",
    ];

    fn row(&self, c: &Cluster) -> (Vec<String>, Tone) {
        let mut name = self.metadata.name.clone().unwrap_or_default();
        if is_default_class(self) {
            name.push_str(" (default)");
        }
        (
            vec![
                name,
                self.provisioner.clone(),
                self.reclaim_policy
                    .clone()
                    .unwrap_or_else(|| "Delete".into()),
                self.volume_binding_mode
                    .clone()
                    .unwrap_or_else(|| "Immediate".into()),
                self.allow_volume_expansion.unwrap_or(false).to_string(),
                age(self.metadata.creation_timestamp.as_ref(), c.now()),
            ],
            Tone::Plain,
        )
    }

    fn describe(&self, out: &mut String, _c: &Cluster) {
        sc_line(out, "Name", self.metadata.name.clone().unwrap_or_default());
        sc_line(
            out,
            "IsDefaultClass",
            if is_default_class(self) { "Yes" } else { "No" },
        );
        sc_line(
            out,
            "Annotations",
            format_pairs(self.metadata.annotations.as_ref()),
        );
        sc_line(out, "Provisioner", &self.provisioner);
        sc_line(out, "Parameters", format_pairs(self.parameters.as_ref()));
        sc_line(
            out,
            "AllowVolumeExpansion",
            match self.allow_volume_expansion {
                Some(true) => "True",
                Some(false) => "False",
                None => "<unset>",
            },
        );
        match self.mount_options.as_ref().filter(|o| !o.is_empty()) {
            None => sc_line(out, "MountOptions", "<none>"),
            Some(options) => {
                out.push_str("MountOptions:\n");
                for o in options {
                    out.push_str(&format!("  {o}\n"));
                }
            }
        }
        sc_line(
            out,
            "ReclaimPolicy",
            self.reclaim_policy.as_deref().unwrap_or("Delete"),
        );
        sc_line(
            out,
            "VolumeBindingMode",
            self.volume_binding_mode.as_deref().unwrap_or("Immediate"),
        );
    }
}

/// labels.FormatLabels: `k=v` pairs in key order joined by commas, or `<none>`.
fn format_pairs(m: Option<&std::collections::BTreeMap<String, String>>) -> String {
    match m.filter(|m| !m.is_empty()) {
        None => "<none>".into(),
        Some(m) => crate::selector::format_labels(m),
    }
}

/// A describe line of a StorageClass: its block is as wide as `AllowVolumeExpansion:` and two.
fn sc_line(out: &mut String, label: &str, value: impl std::fmt::Display) {
    line_in(out, 23, label, value);
}
