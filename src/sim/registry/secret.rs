//! Secrets: strategy (pkg/registry/core/secret/strategy.go: the type's default, stringData merged
//! into data) and printing (printSecret).

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::Secret;

use super::{Printer, Strategy};
use crate::sim::print::{age, Tone};
use crate::sim::Cluster;

impl Strategy for Secret {
    fn prepare(&mut self, _c: &mut Cluster) {
        self.type_.get_or_insert_with(|| "Opaque".into());
        // The API server stores stringData merged into data.
        if let Some(sd) = self.string_data.take() {
            let data = self.data.get_or_insert_with(BTreeMap::new);
            for (k, s) in sd {
                data.insert(k, k8s_openapi::ByteString(s.into_bytes()));
            }
        }
    }
}

impl Printer for Secret {
    const RESOURCE: &'static str = "secrets";
    const PREFIX: &'static str = "secret";
    const HEADERS: &'static [&'static str] = &["NAME", "TYPE", "DATA", "AGE"];

    fn row(&self, c: &Cluster) -> (Vec<String>, Tone) {
        let s = self;
        let now = c.now();
        (
            vec![
                s.metadata.name.clone().unwrap_or_default(),
                s.type_.clone().unwrap_or_else(|| "Opaque".into()),
                s.data.as_ref().map(|d| d.len()).unwrap_or(0).to_string(),
                age(s.metadata.creation_timestamp.as_ref(), now),
            ],
            Tone::Plain,
        )
    }
}
