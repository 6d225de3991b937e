//! Deployments: apps/v1 strategy (pkg/registry/apps/deployment/strategy.go) and printing
//! (printDeployment, describeDeployment, `kubectl rollout status`).

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::{Printer, Strategy};
use crate::sim::apply::{workload_update, Failure};
use crate::sim::print::describe::{
    head, labels_annotations, line, pod_template, selector_text, when,
};
use crate::sim::print::{age, Tone};
use crate::sim::store::controller_of;
use crate::sim::{defaults, Cluster};

impl Strategy for Deployment {
    const GENERATION: bool = true;

    fn prepare(&mut self, _c: &mut Cluster) {
        if let Some(spec) = self.spec.as_mut() {
            defaults::deployment_spec(spec);
        }
        self.status = None;
    }

    fn admit(&mut self, _c: &mut Cluster, old: Option<&Self>) -> Result<(), Failure> {
        let Some(old) = old else {
            return Ok(());
        };
        workload_update(
            "Deployment",
            (&mut self.metadata, &old.metadata),
            (
                self.spec.as_ref().map(|s| &s.selector),
                old.spec.as_ref().map(|s| &s.selector),
            ),
            Some("deployment.kubernetes.io/"),
            old.spec != self.spec,
        )?;
        self.status = old.status.clone();
        Ok(())
    }
}

impl Printer for Deployment {
    const RESOURCE: &'static str = "deployments.apps";
    const PREFIX: &'static str = "deployment.apps";
    const HEADERS: &'static [&'static str] = &["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"];
    const WIDE: &'static [&'static str] = &["CONTAINERS", "IMAGES", "SELECTOR"];

    fn wide(&self, _c: &Cluster) -> Vec<String> {
        let spec = self.spec.as_ref();
        let [containers, images] =
            crate::sim::print::containers_images(spec.and_then(|s| s.template.spec.as_ref()));
        let selector = spec
            .map(|s| crate::sim::print::describe::selector_text(&s.selector))
            .unwrap_or_default();
        vec![containers, images, selector]
    }

    fn row(&self, c: &Cluster) -> (Vec<String>, Tone) {
        let d = self;
        let now = c.now();
        let want = d.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1);
        let st = d.status.clone().unwrap_or_default();
        let ready = st.ready_replicas.unwrap_or(0);
        let tone = if ready >= want && st.updated_replicas.unwrap_or(0) >= want {
            Tone::Ok
        } else if rollout_failed(d) {
            Tone::Bad
        } else {
            Tone::Progress
        };
        (
            vec![
                d.metadata.name.clone().unwrap_or_default(),
                format!("{ready}/{want}"),
                st.updated_replicas.unwrap_or(0).to_string(),
                st.available_replicas.unwrap_or(0).to_string(),
                age(d.metadata.creation_timestamp.as_ref(), now),
            ],
            tone,
        )
    }

    fn describe(&self, out: &mut String, c: &Cluster) {
        deployment(out, c, self);
    }
}

fn rollout_failed(d: &Deployment) -> bool {
    d.status
        .as_ref()
        .and_then(|s| s.conditions.as_ref())
        .is_some_and(|cs| {
            cs.iter().any(|c| {
                c.type_ == "Progressing" && c.reason.as_deref() == Some("ProgressDeadlineExceeded")
            })
        })
}

/// What `kubectl rollout status deployment/<name>` prints now, and whether the rollout is over.
pub fn rollout_status(d: &Deployment) -> (String, bool) {
    let name = d.metadata.name.clone().unwrap_or_default();
    let st = d.status.clone().unwrap_or_default();
    if d.metadata.generation > st.observed_generation {
        return (
            "Waiting for deployment spec update to be observed...".into(),
            false,
        );
    }
    if rollout_failed(d) {
        return (
            format!(
                "error: deployment {} exceeded its progress deadline",
                crate::validation::go_quote(&name)
            ),
            true,
        );
    }
    let want = d.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1);
    let updated = st.updated_replicas.unwrap_or(0);
    let replicas = st.replicas.unwrap_or(0);
    let available = st.available_replicas.unwrap_or(0);
    let q = crate::validation::go_quote(&name);
    if updated < want {
        return (format!("Waiting for deployment {q} rollout to finish: {updated} out of {want} new replicas have been updated..."), false);
    }
    if replicas > updated {
        return (format!("Waiting for deployment {q} rollout to finish: {} old replicas are pending termination...", replicas - updated), false);
    }
    if available < updated {
        return (format!("Waiting for deployment {q} rollout to finish: {available} of {updated} updated replicas are available..."), false);
    }
    (format!("deployment {q} successfully rolled out"), true)
}

fn deployment(out: &mut String, c: &Cluster, d: &Deployment) {
    let spec = d.spec.clone().unwrap_or_default();
    let st = d.status.clone().unwrap_or_default();
    head(out, &d.metadata);
    line(
        out,
        "CreationTimestamp",
        when(d.metadata.creation_timestamp.as_ref()),
    );
    labels_annotations(out, &d.metadata);
    line(out, "Selector", selector_text(&spec.selector));
    line(
        out,
        "Replicas",
        format!(
            "{} desired | {} updated | {} total | {} available | {} unavailable",
            spec.replicas.unwrap_or(1),
            st.updated_replicas.unwrap_or(0),
            st.replicas.unwrap_or(0),
            st.available_replicas.unwrap_or(0),
            st.unavailable_replicas.unwrap_or(0)
        ),
    );
    let strategy = spec.strategy.clone().unwrap_or_default();
    line(
        out,
        "StrategyType",
        strategy.type_.clone().unwrap_or_default(),
    );
    line(out, "MinReadySeconds", spec.min_ready_seconds.unwrap_or(0));
    if let Some(ru) = &strategy.rolling_update {
        let show = |v: &Option<IntOrString>| match v {
            Some(IntOrString::Int(n)) => n.to_string(),
            Some(IntOrString::String(s)) => s.clone(),
            None => "0".into(),
        };
        line(
            out,
            "RollingUpdateStrategy",
            format!(
                "{} max unavailable, {} max surge",
                show(&ru.max_unavailable),
                show(&ru.max_surge)
            ),
        );
    }
    pod_template(out, &spec.template);
    if let Some(conds) = &st.conditions {
        out.push_str("Conditions:\n");
        let mut rows = vec![
            vec!["  Type".to_string(), "Status".into(), "Reason".into()],
            vec!["  ----".to_string(), "------".into(), "------".into()],
        ];
        for cd in conds {
            rows.push(vec![
                format!("  {}", cd.type_),
                cd.status.clone(),
                cd.reason.clone().unwrap_or_default(),
            ]);
        }
        out.push_str(&crate::sim::print::columns_padded(&rows, 2));
    }
    let ns = d.metadata.namespace.clone().unwrap_or_default();
    let uid = d.metadata.uid.clone().unwrap_or_default();
    let mut old = Vec::new();
    let mut new = String::from("<none>");
    for rs in c.store.replica_sets.in_namespace(&ns) {
        if controller_of(&rs.metadata).is_none_or(|r| r.uid != uid) {
            continue;
        }
        let t = rs
            .spec
            .as_ref()
            .and_then(|s| s.template.clone())
            .unwrap_or_default();
        let same = crate::sim::controllers::same_template(&t, &spec.template, "pod-template-hash");
        let text = format!(
            "{} ({}/{} replicas created)",
            rs.metadata.name.clone().unwrap_or_default(),
            rs.status.as_ref().map(|s| s.replicas).unwrap_or(0),
            rs.spec.as_ref().and_then(|s| s.replicas).unwrap_or(0)
        );
        if same {
            new = text;
        } else if rs.spec.as_ref().and_then(|s| s.replicas).unwrap_or(0) > 0
            || rs.status.as_ref().is_some_and(|s| s.replicas > 0)
        {
            old.push(text);
        }
    }
    line(
        out,
        "OldReplicaSets",
        if old.is_empty() {
            "<none>".to_string()
        } else {
            old.join(", ")
        },
    );
    line(out, "NewReplicaSet", new);
}
