//! ReplicaSets: apps/v1 strategy (pkg/registry/apps/replicaset/strategy.go) and printing
//! (printReplicaSet, describeReplicaSet).

use k8s_openapi::api::apps::v1::ReplicaSet;

use super::{Printer, Strategy};
use crate::sim::apply::{workload_update, Failure};
use crate::sim::print::describe::{
    controlled_by, head, labels_annotations, line, pod_template, selector_text,
};
use crate::sim::print::{age, Tone};
use crate::sim::{defaults, Cluster};

impl Strategy for ReplicaSet {
    const GENERATION: bool = true;

    fn prepare(&mut self, _c: &mut Cluster) {
        if let Some(spec) = self.spec.as_mut() {
            spec.replicas.get_or_insert(1);
            if let Some(t) = spec.template.as_mut().and_then(|t| t.spec.as_mut()) {
                defaults::pod_spec(t);
            }
        }
        self.status = None;
    }

    fn admit(&mut self, _c: &mut Cluster, old: Option<&Self>) -> Result<(), Failure> {
        let Some(old) = old else {
            return Ok(());
        };
        workload_update(
            "ReplicaSet",
            (&mut self.metadata, &old.metadata),
            (
                self.spec.as_ref().map(|s| &s.selector),
                old.spec.as_ref().map(|s| &s.selector),
            ),
            None,
            old.spec != self.spec,
        )?;
        self.status = old.status.clone();
        Ok(())
    }
}

impl Printer for ReplicaSet {
    const RESOURCE: &'static str = "replicasets.apps";
    const PREFIX: &'static str = "replicaset.apps";
    const HEADERS: &'static [&'static str] = &["NAME", "DESIRED", "CURRENT", "READY", "AGE"];
    const WIDE: &'static [&'static str] = &["CONTAINERS", "IMAGES", "SELECTOR"];

    fn wide(&self, _c: &Cluster) -> Vec<String> {
        let spec = self.spec.as_ref();
        let [containers, images] = crate::sim::print::containers_images(
            spec.and_then(|s| s.template.as_ref())
                .and_then(|t| t.spec.as_ref()),
        );
        let selector = spec
            .map(|s| crate::sim::print::describe::selector_text(&s.selector))
            .unwrap_or_default();
        vec![containers, images, selector]
    }

    fn row(&self, c: &Cluster) -> (Vec<String>, Tone) {
        let r = self;
        let now = c.now();
        let want = r.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1);
        let st = r.status.clone().unwrap_or_default();
        let ready = st.ready_replicas.unwrap_or(0);
        let tone = if want == 0 {
            Tone::Plain
        } else if ready >= want {
            Tone::Ok
        } else {
            Tone::Progress
        };
        (
            vec![
                r.metadata.name.clone().unwrap_or_default(),
                want.to_string(),
                st.replicas.to_string(),
                ready.to_string(),
                age(r.metadata.creation_timestamp.as_ref(), now),
            ],
            tone,
        )
    }

    fn describe(&self, out: &mut String, c: &Cluster) {
        let _ = c;
        replica_set(out, self);
    }
}

fn replica_set(out: &mut String, rs: &ReplicaSet) {
    let spec = rs.spec.clone().unwrap_or_default();
    let st = rs.status.clone().unwrap_or_default();
    head(out, &rs.metadata);
    line(out, "Selector", selector_text(&spec.selector));
    labels_annotations(out, &rs.metadata);
    controlled_by(out, &rs.metadata);
    line(
        out,
        "Replicas",
        format!(
            "{} current / {} desired",
            st.replicas,
            spec.replicas.unwrap_or(1)
        ),
    );
    line(
        out,
        "Pods Status",
        format!(
            "{} Running / 0 Waiting / 0 Succeeded / 0 Failed",
            st.ready_replicas.unwrap_or(0)
        ),
    );
    if let Some(t) = &spec.template {
        pod_template(out, t);
    }
}
