//! ConfigMaps: stored as written; printing (printConfigMap).

use k8s_openapi::api::core::v1::ConfigMap;

use super::{Printer, Strategy};
use crate::sim::print::{age, Tone};
use crate::sim::Cluster;

impl Strategy for ConfigMap {}

impl Printer for ConfigMap {
    const RESOURCE: &'static str = "configmaps";
    const PREFIX: &'static str = "configmap";
    const HEADERS: &'static [&'static str] = &["NAME", "DATA", "AGE"];

    fn row(&self, c: &Cluster) -> (Vec<String>, Tone) {
        let m = self;
        let now = c.now();
        let n = m.data.as_ref().map(|d| d.len()).unwrap_or(0)
            + m.binary_data.as_ref().map(|d| d.len()).unwrap_or(0);
        (
            vec![
                m.metadata.name.clone().unwrap_or_default(),
                n.to_string(),
                age(m.metadata.creation_timestamp.as_ref(), now),
            ],
            Tone::Plain,
        )
    }
}
