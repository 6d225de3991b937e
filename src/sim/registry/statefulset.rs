//! StatefulSets: apps/v1 strategy (pkg/registry/apps/statefulset/strategy.go,
//! ValidateStatefulSetUpdate) and printing (printStatefulSet, describeStatefulSet).

use std::fmt::Write;

use k8s_openapi::api::apps::v1::{StatefulSet, StatefulSetSpec};

use super::{Printer, Strategy};
use crate::sim::apply::{bump_generation, invalid, Failure};
use crate::sim::print::describe::{
    head, labels_annotations, line, pod_template, selector_text, when,
};
use crate::sim::print::{age, Tone};
use crate::sim::{defaults, Cluster};

impl Strategy for StatefulSet {
    const GENERATION: bool = true;

    fn prepare(&mut self, _c: &mut Cluster) {
        if let Some(spec) = self.spec.as_mut() {
            defaults::stateful_set_spec(spec);
        }
        self.status = None;
    }

    fn admit(&mut self, _c: &mut Cluster, old: Option<&Self>) -> Result<(), Failure> {
        let Some(old) = old else {
            return Ok(());
        };
        if let (Some(a), Some(b)) = (&old.spec, &self.spec) {
            let strip = |s: &StatefulSetSpec| {
                let mut s = s.clone();
                s.replicas = None;
                s.ordinals = None;
                s.template = Default::default();
                s.update_strategy = None;
                s.revision_history_limit = None;
                s.persistent_volume_claim_retention_policy = None;
                s.min_ready_seconds = None;
                s
            };
            if strip(a) != strip(b) {
                return Err(invalid("StatefulSet", self.metadata.name.as_deref().unwrap_or_default(), "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden".into()));
            }
        }
        self.status = old.status.clone();
        bump_generation(&old.metadata, &mut self.metadata, old.spec != self.spec);
        Ok(())
    }
}

impl Printer for StatefulSet {
    const RESOURCE: &'static str = "statefulsets.apps";
    const PREFIX: &'static str = "statefulset.apps";
    const HEADERS: &'static [&'static str] = &["NAME", "READY", "AGE"];

    fn row(&self, c: &Cluster) -> (Vec<String>, Tone) {
        let s = self;
        let now = c.now();
        let want = s.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1);
        let ready = s
            .status
            .as_ref()
            .and_then(|s| s.ready_replicas)
            .unwrap_or(0);
        (
            vec![
                s.metadata.name.clone().unwrap_or_default(),
                format!("{ready}/{want}"),
                age(s.metadata.creation_timestamp.as_ref(), now),
            ],
            if ready >= want {
                Tone::Ok
            } else {
                Tone::Progress
            },
        )
    }

    fn describe(&self, out: &mut String, c: &Cluster) {
        let _ = c;
        stateful_set(out, self);
    }
}

fn stateful_set(out: &mut String, s: &StatefulSet) {
    let spec = s.spec.clone().unwrap_or_default();
    let st = s.status.clone().unwrap_or_default();
    head(out, &s.metadata);
    line(
        out,
        "CreationTimestamp",
        when(s.metadata.creation_timestamp.as_ref()),
    );
    line(out, "Selector", selector_text(&spec.selector));
    labels_annotations(out, &s.metadata);
    line(
        out,
        "Replicas",
        format!(
            "{} desired | {} total",
            spec.replicas.unwrap_or(1),
            st.replicas
        ),
    );
    line(
        out,
        "Update Strategy",
        spec.update_strategy
            .as_ref()
            .and_then(|u| u.type_.clone())
            .unwrap_or_default(),
    );
    if let Some(p) = spec
        .update_strategy
        .as_ref()
        .and_then(|u| u.rolling_update.as_ref())
        .and_then(|r| r.partition)
    {
        line(out, "  Partition", p);
    }
    line(
        out,
        "Pods Status",
        format!(
            "{} Running / {} Waiting / 0 Succeeded / 0 Failed",
            st.ready_replicas.unwrap_or(0),
            st.replicas - st.ready_replicas.unwrap_or(0)
        ),
    );
    pod_template(out, &spec.template);
    for t in spec.volume_claim_templates.iter().flatten() {
        out.push_str("Volume Claims:\n");
        let _ = writeln!(
            out,
            "  Name:          {}",
            t.metadata.name.clone().unwrap_or_default()
        );
        let size = t
            .spec
            .as_ref()
            .and_then(|s| s.resources.as_ref())
            .and_then(|r| r.requests.as_ref())
            .and_then(|r| r.get("storage"))
            .map(|q| q.0.clone())
            .unwrap_or_default();
        let _ = writeln!(out, "  Capacity:      {size}");
    }
}
