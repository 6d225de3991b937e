//! ServiceAccounts: stored as written; printing (printServiceAccount).

use k8s_openapi::api::core::v1::ServiceAccount;

use super::{Printer, Strategy};
use crate::sim::print::{age, Tone};
use crate::sim::Cluster;

impl Strategy for ServiceAccount {}

impl Printer for ServiceAccount {
    const RESOURCE: &'static str = "serviceaccounts";
    const PREFIX: &'static str = "serviceaccount";
    const HEADERS: &'static [&'static str] = &["NAME", "SECRETS", "AGE"];

    fn row(&self, c: &Cluster) -> (Vec<String>, Tone) {
        let s = self;
        let now = c.now();
        (
            vec![
                s.metadata.name.clone().unwrap_or_default(),
                s.secrets.as_ref().map(|v| v.len()).unwrap_or(0).to_string(),
                age(s.metadata.creation_timestamp.as_ref(), now),
            ],
            Tone::Plain,
        )
    }
}
