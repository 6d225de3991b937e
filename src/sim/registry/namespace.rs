//! Namespaces: strategy (phase Active, the name label), the default ServiceAccount made beside
//! each, deletion through the namespace controller, and printing (printNamespace).

use k8s_openapi::api::core::v1::Namespace;

use super::{Printer, Strategy};
use crate::sim::print::{age, Tone};
use crate::sim::{bootstrap, controllers, Cluster};

impl Strategy for Namespace {
    fn prepare(&mut self, _c: &mut Cluster) {
        bootstrap::complete_namespace(self);
    }

    fn created(c: &mut Cluster, name: &str) {
        bootstrap::add_service_account(c, name);
    }

    /// Terminating until its content is gone (the namespace controller).
    fn delete(c: &mut Cluster, _ns: &str, name: &str) -> bool {
        controllers::namespace::delete(c, name)
    }
}

impl Printer for Namespace {
    const RESOURCE: &'static str = "namespaces";
    const PREFIX: &'static str = "namespace";
    const HEADERS: &'static [&'static str] = &["NAME", "STATUS", "AGE"];

    fn row(&self, c: &Cluster) -> (Vec<String>, Tone) {
        let n = self;
        let now = c.now();
        let phase = n
            .status
            .as_ref()
            .and_then(|s| s.phase.clone())
            .unwrap_or_else(|| "Active".into());
        let tone = if phase == "Active" {
            Tone::Ok
        } else {
            Tone::Progress
        };
        (
            vec![
                n.metadata.name.clone().unwrap_or_default(),
                phase,
                age(n.metadata.creation_timestamp.as_ref(), now),
            ],
            tone,
        )
    }
}
