//! DaemonSets: apps/v1 strategy (pkg/registry/apps/daemonset/strategy.go) and printing
//! (printDaemonSet, describeDaemonSet).

use k8s_openapi::api::apps::v1::DaemonSet;

use super::{Printer, Strategy};
use crate::sim::apply::{workload_update, Failure};
use crate::sim::print::describe::{
    head, labels_annotations, line, map_lines, pod_template, selector_text,
};
use crate::sim::print::{age, Tone};
use crate::sim::{defaults, Cluster};

impl Strategy for DaemonSet {
    const GENERATION: bool = true;

    fn prepare(&mut self, _c: &mut Cluster) {
        if let Some(spec) = self.spec.as_mut() {
            defaults::daemon_set_spec(spec);
        }
        self.status = None;
    }

    fn admit(&mut self, _c: &mut Cluster, old: Option<&Self>) -> Result<(), Failure> {
        let Some(old) = old else {
            return Ok(());
        };
        workload_update(
            "DaemonSet",
            (&mut self.metadata, &old.metadata),
            (
                self.spec.as_ref().map(|s| &s.selector),
                old.spec.as_ref().map(|s| &s.selector),
            ),
            Some("deprecated.daemonset.template.generation"),
            old.spec != self.spec,
        )?;
        self.status = old.status.clone();
        Ok(())
    }
}

impl Printer for DaemonSet {
    const RESOURCE: &'static str = "daemonsets.apps";
    const PREFIX: &'static str = "daemonset.apps";
    const HEADERS: &'static [&'static str] = &[
        "NAME",
        "DESIRED",
        "CURRENT",
        "READY",
        "UP-TO-DATE",
        "AVAILABLE",
        "NODE SELECTOR",
        "AGE",
    ];

    fn row(&self, c: &Cluster) -> (Vec<String>, Tone) {
        let d = self;
        let now = c.now();
        let st = d.status.clone().unwrap_or_default();
        let selector = d
            .spec
            .as_ref()
            .and_then(|s| s.template.spec.as_ref())
            .and_then(|s| s.node_selector.as_ref())
            .filter(|m| !m.is_empty())
            .map(|m| {
                m.iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect::<Vec<_>>()
                    .join(",")
            })
            .unwrap_or_else(|| "<none>".into());
        (
            vec![
                d.metadata.name.clone().unwrap_or_default(),
                st.desired_number_scheduled.to_string(),
                st.current_number_scheduled.to_string(),
                st.number_ready.to_string(),
                st.updated_number_scheduled.unwrap_or(0).to_string(),
                st.number_available.unwrap_or(0).to_string(),
                selector,
                age(d.metadata.creation_timestamp.as_ref(), now),
            ],
            if st.number_ready >= st.desired_number_scheduled {
                Tone::Ok
            } else {
                Tone::Progress
            },
        )
    }

    fn describe(&self, out: &mut String, c: &Cluster) {
        let _ = c;
        daemon_set(out, self);
    }
}

fn daemon_set(out: &mut String, d: &DaemonSet) {
    let spec = d.spec.clone().unwrap_or_default();
    let st = d.status.clone().unwrap_or_default();
    head(out, &d.metadata);
    line(out, "Selector", selector_text(&spec.selector));
    map_lines(
        out,
        "Node-Selector",
        spec.template
            .spec
            .as_ref()
            .and_then(|s| s.node_selector.as_ref()),
        "=",
    );
    labels_annotations(out, &d.metadata);
    line(
        out,
        "Desired Number of Nodes Scheduled",
        st.desired_number_scheduled,
    );
    line(
        out,
        "Current Number of Nodes Scheduled",
        st.current_number_scheduled,
    );
    line(
        out,
        "Number of Nodes Scheduled with Up-to-date Pods",
        st.updated_number_scheduled.unwrap_or(0),
    );
    line(
        out,
        "Number of Nodes Scheduled with Available Pods",
        st.number_available.unwrap_or(0),
    );
    line(out, "Number of Nodes Misscheduled", st.number_misscheduled);
    pod_template(out, &spec.template);
}
