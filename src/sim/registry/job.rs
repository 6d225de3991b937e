//! Jobs: batch/v1 defaults (pkg/apis/batch/v1/defaults.go `SetDefaults_Job`), strategy
//! (pkg/registry/batch/job/strategy.go: the generated selector, the immutable fields) and
//! printing (printJob, describeJob).

use std::collections::BTreeMap;

use k8s_openapi::api::batch::v1::{Job, JobSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;

use super::{Printer, Strategy};
use crate::manifest::batch;
use crate::sim::apply::{bump_generation, refused, Failure};
use crate::sim::print::describe::{
    controlled_by, head, labels_annotations, line, pod_template, realign, selector_text, when,
};
use crate::sim::print::{age, Tone};
use crate::sim::time::{human_duration, millis_of};
use crate::sim::{defaults, Cluster};

/// The labels the Job controller's selector and Pods carry (k8s.io/api batch/v1 types.go).
pub const CONTROLLER_UID: &str = "batch.kubernetes.io/controller-uid";
pub const JOB_NAME: &str = "batch.kubernetes.io/job-name";
const LEGACY_CONTROLLER_UID: &str = "controller-uid";
const LEGACY_JOB_NAME: &str = "job-name";

/// `SetDefaults_Job`, in its order.
pub(crate) fn set_defaults(job: &mut Job) {
    let template_labels = job
        .spec
        .as_ref()
        .and_then(|s| s.template.metadata.as_ref())
        .and_then(|m| m.labels.clone())
        .unwrap_or_default();
    let Some(spec) = job.spec.as_mut() else {
        return;
    };
    if spec.completions.is_none() && spec.parallelism.is_none() {
        spec.completions = Some(1);
        spec.parallelism = Some(1);
    }
    spec.parallelism.get_or_insert(1);
    if spec.backoff_limit.is_none() {
        spec.backoff_limit = Some(if spec.backoff_limit_per_index.is_some() {
            i32::MAX
        } else {
            6
        });
    }
    if job.metadata.labels.as_ref().is_none_or(BTreeMap::is_empty) && !template_labels.is_empty() {
        job.metadata.labels = Some(template_labels);
    }
    spec.completion_mode
        .get_or_insert_with(|| "NonIndexed".into());
    spec.suspend.get_or_insert(false);
    if spec.pod_replacement_policy.is_none() {
        spec.pod_replacement_policy = Some(
            if spec.pod_failure_policy.is_some() {
                "Failed"
            } else {
                "TerminatingOrFailed"
            }
            .into(),
        );
    }
    spec.manual_selector.get_or_insert(false);
    if let Some(t) = spec.template.spec.as_mut() {
        defaults::pod_spec(t);
    }
}

/// `generateSelector`: the job-name and controller-uid labels on the template (both spellings,
/// unless the user set them) and the controller-uid requirement in the selector.
fn generate_selector(job: &mut Job) {
    let name = job.metadata.name.clone().unwrap_or_default();
    let uid = job.metadata.uid.clone().unwrap_or_default();
    let Some(spec) = job.spec.as_mut() else {
        return;
    };
    let labels = spec
        .template
        .metadata
        .get_or_insert_with(Default::default)
        .labels
        .get_or_insert_with(BTreeMap::new);
    for key in [LEGACY_CONTROLLER_UID, CONTROLLER_UID] {
        labels.entry(key.into()).or_insert_with(|| uid.clone());
    }
    for key in [LEGACY_JOB_NAME, JOB_NAME] {
        labels.entry(key.into()).or_insert_with(|| name.clone());
    }
    let selector = spec.selector.get_or_insert_with(LabelSelector::default);
    selector
        .match_labels
        .get_or_insert_with(BTreeMap::new)
        .entry(CONTROLLER_UID.into())
        .or_insert(uid);
}

/// The Job's spec and metadata as the API server admits a new one: defaults, the generated
/// selector (which needs its uid, drawn here), validation. The CronJob controller's Jobs go
/// through it too.
pub(crate) fn admit_new(c: &mut Cluster, job: &mut Job) -> Result<(), Failure> {
    let name = job.metadata.name.clone().unwrap_or_default();
    if let Some(spec) = &job.spec {
        refuse(&name, batch::job_spec(spec, "spec"))?;
    }
    job.metadata.uid = Some(c.rng.uid());
    if !job
        .spec
        .as_ref()
        .and_then(|s| s.manual_selector)
        .unwrap_or(false)
    {
        generate_selector(job);
    }
    set_defaults(job);
    job.status = None;
    Ok(())
}

fn refuse(name: &str, errors: Vec<batch::FieldError>) -> Result<(), Failure> {
    refused("Job.batch", name, &errors)
}

/// `ValidateJobSpecUpdate`: what may not change once the Job exists.
fn immutable(new: &JobSpec, old: &JobSpec, started: bool) -> Vec<batch::FieldError> {
    let mut out = Vec::new();
    let mut check = |path: &str, same: bool, value: String| {
        if !same {
            out.push(batch::FieldError {
                path: path.into(),
                message: format!("{path}: Invalid value: {value}: field is immutable"),
                within: None,
            });
        }
    };
    check(
        "spec.selector",
        new.selector == old.selector,
        crate::sim::apply::go_label_selector(new.selector.as_ref()),
    );
    // validatePodTemplateUpdate: a Job that was suspended and never started
    // (AllowMutableSchedulingDirectives, read off the old Job) may change where its Pods go —
    // node affinity, node selector, tolerations, scheduling gates — and its template's labels
    // and annotations; nothing else.
    let template_same = if !started && old.suspend == Some(true) {
        let placement_aside = |t: &k8s_openapi::api::core::v1::PodTemplateSpec| {
            let mut t = t.clone();
            if let Some(m) = t.metadata.as_mut() {
                m.labels = None;
                m.annotations = None;
            }
            if t.metadata
                .as_ref()
                .is_some_and(|m| *m == Default::default())
            {
                t.metadata = None;
            }
            if let Some(s) = t.spec.as_mut() {
                s.node_selector = None;
                s.tolerations = None;
                s.scheduling_gates = None;
                if let Some(a) = s.affinity.as_mut() {
                    a.node_affinity = None;
                }
                if s.affinity
                    .as_ref()
                    .is_some_and(|a| *a == Default::default())
                {
                    s.affinity = None;
                }
            }
            t
        };
        placement_aside(&new.template) == placement_aside(&old.template)
    } else {
        new.template == old.template
    };
    check(
        "spec.template",
        template_same,
        "core.PodTemplateSpec{...}".into(),
    );
    check(
        "spec.completionMode",
        new.completion_mode == old.completion_mode,
        format!("{:?}", new.completion_mode.clone().unwrap_or_default()),
    );
    check(
        "spec.podFailurePolicy",
        new.pod_failure_policy == old.pod_failure_policy,
        "batch.PodFailurePolicy{...}".into(),
    );
    check(
        "spec.backoffLimitPerIndex",
        new.backoff_limit_per_index == old.backoff_limit_per_index,
        new.backoff_limit_per_index
            .map_or("null".into(), |v| v.to_string()),
    );
    check(
        "spec.successPolicy",
        new.success_policy == old.success_policy,
        "batch.SuccessPolicy{...}".into(),
    );
    let indexed = new.completion_mode.as_deref() == Some("Indexed");
    if new.completions != old.completions {
        let value = new.completions.map_or("null".into(), |v| v.to_string());
        if !indexed {
            check("spec.completions", false, value);
        } else if new.completions != new.parallelism {
            out.push(batch::FieldError {
                path: "spec.completions".into(),
                message: format!(
                    "spec.completions: Invalid value: {value}: can only be modified in tandem with spec.parallelism"
                ),
                within: None,
            });
        }
    }
    out
}

impl Strategy for Job {
    const GENERATION: bool = true;

    fn admit(&mut self, c: &mut Cluster, old: Option<&Self>) -> Result<(), Failure> {
        let Some(old) = old else {
            return admit_new(c, self);
        };
        let name = self.metadata.name.clone().unwrap_or_default();
        if let Some(spec) = &self.spec {
            refuse(&name, batch::job_spec(spec, "spec"))?;
        }
        // A field the manifest never wrote keeps what the server defaulted it to, as
        // `kubectl apply`'s three-way merge keeps it (completions, once parallelism is written).
        if let (Some(new), Some(was)) = (self.spec.as_mut(), old.spec.as_ref()) {
            if new.completions.is_none() {
                new.completions = was.completions;
            }
        }
        // What the server generated stays: the selector and the template's labels, unless the
        // user manages the selector.
        let manual = self
            .spec
            .as_ref()
            .and_then(|s| s.manual_selector)
            .unwrap_or(false);
        if !manual {
            generate_selector(self);
        }
        set_defaults(self);
        if let (Some(new), Some(was)) = (&self.spec, &old.spec) {
            let started = old.status.as_ref().is_some_and(|s| s.start_time.is_some());
            refuse(&name, immutable(new, was, started))?;
        }
        self.status = old.status.clone();
        bump_generation(&old.metadata, &mut self.metadata, old.spec != self.spec);
        Ok(())
    }
}

/// printJob's STATUS: the first of Complete, Failed, Terminating, Suspended, FailureTarget that
/// holds, else Running (1.33 has no SuccessCriteriaMet here).
pub fn job_status(job: &Job) -> &'static str {
    let has = |t: &str| {
        job.status
            .as_ref()
            .and_then(|s| s.conditions.as_ref())
            .and_then(|cs| cs.iter().find(|c| c.type_ == t))
            .is_some_and(|c| c.status == "True")
    };
    if has("Complete") {
        "Complete"
    } else if has("Failed") {
        "Failed"
    } else if job.metadata.deletion_timestamp.is_some() {
        "Terminating"
    } else if has("Suspended") {
        "Suspended"
    } else if has("FailureTarget") {
        "FailureTarget"
    } else {
        "Running"
    }
}

/// printJob's COMPLETIONS: `2/5`, or for a work queue `0/1 of 3` (`0/1` with one Pod at a time).
pub fn completions(job: &Job) -> String {
    let spec = job.spec.clone().unwrap_or_default();
    let succeeded = job.status.as_ref().and_then(|s| s.succeeded).unwrap_or(0);
    match spec.completions {
        Some(n) => format!("{succeeded}/{n}"),
        None => match spec.parallelism.unwrap_or(1) {
            p if p > 1 => format!("{succeeded}/1 of {p}"),
            _ => format!("{succeeded}/1"),
        },
    }
}

impl Printer for Job {
    const RESOURCE: &'static str = "jobs.batch";
    const PREFIX: &'static str = "job.batch";
    const HEADERS: &'static [&'static str] = &["NAME", "STATUS", "COMPLETIONS", "DURATION", "AGE"];

    fn row(&self, c: &Cluster) -> (Vec<String>, Tone) {
        let now = c.now();
        let st = self.status.clone().unwrap_or_default();
        let duration = match (&st.start_time, &st.completion_time) {
            (None, _) => String::new(),
            (Some(s), None) => human_duration(now - millis_of(s)),
            (Some(s), Some(e)) => human_duration(millis_of(e) - millis_of(s)),
        };
        let status = job_status(self);
        let tone = match status {
            "Complete" => Tone::Ok,
            "Failed" | "FailureTarget" => Tone::Bad,
            "Suspended" | "Terminating" => Tone::Plain,
            _ => Tone::Progress,
        };
        (
            vec![
                self.metadata.name.clone().unwrap_or_default(),
                status.into(),
                completions(self),
                duration,
                age(self.metadata.creation_timestamp.as_ref(), now),
            ],
            tone,
        )
    }

    fn describe(&self, whole: &mut String, _c: &Cluster) {
        let spec = self.spec.clone().unwrap_or_default();
        let st = self.status.clone().unwrap_or_default();
        let mut block = String::new();
        let out = &mut block;
        head(out, &self.metadata);
        line(
            out,
            "Selector",
            spec.selector
                .as_ref()
                .map_or("<none>".into(), selector_text),
        );
        labels_annotations(out, &self.metadata);
        controlled_by(out, &self.metadata);
        if let Some(p) = spec.parallelism {
            line(out, "Parallelism", p);
        }
        line(
            out,
            "Completions",
            spec.completions
                .map_or("<unset>".to_string(), |n| n.to_string()),
        );
        if let Some(m) = &spec.completion_mode {
            line(out, "Completion Mode", m);
        }
        if let Some(s) = spec.suspend {
            line(out, "Suspend", s);
        }
        if let Some(b) = spec.backoff_limit {
            line(out, "Backoff Limit", b);
        }
        if let Some(t) = spec.ttl_seconds_after_finished {
            line(out, "TTL Seconds After Finished", t);
        }
        if st.start_time.is_some() {
            line(out, "Start Time", when(st.start_time.as_ref()));
        }
        if st.completion_time.is_some() {
            line(out, "Completed At", when(st.completion_time.as_ref()));
        }
        if let (Some(s), Some(e)) = (&st.start_time, &st.completion_time) {
            line(out, "Duration", human_duration(millis_of(e) - millis_of(s)));
        }
        if let Some(d) = spec.active_deadline_seconds {
            line(out, "Active Deadline Seconds", format!("{d}s"));
        }
        let (active, succeeded, failed) = (
            st.active.unwrap_or(0),
            st.succeeded.unwrap_or(0),
            st.failed.unwrap_or(0),
        );
        line(
            out,
            "Pods Statuses",
            match st.ready {
                Some(r) => {
                    format!("{active} Active ({r} Ready) / {succeeded} Succeeded / {failed} Failed")
                }
                None => format!("{active} Active / {succeeded} Succeeded / {failed} Failed"),
            },
        );
        if spec.completion_mode.as_deref() == Some("Indexed") {
            let done = st.completed_indexes.as_deref().unwrap_or_default();
            line(out, "Completed Indexes", cap_indexes(done, 50));
        }
        whole.push_str(&realign(&block));
        pod_template(whole, &spec.template);
    }
}

/// kubectl's `capIndexesListOrNone`: the list up to the first comma at or after `soft_limit`
/// bytes (the comma kept), then `...`; `<none>` when empty.
fn cap_indexes(indexes: &str, soft_limit: usize) -> String {
    if indexes.is_empty() {
        return "<none>".into();
    }
    match indexes.get(soft_limit..).and_then(|rest| rest.find(',')) {
        Some(at) => format!("{}...", &indexes[..soft_limit + at + 1]),
        None => indexes.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::cap_indexes;

    /// kubectl describe.go, capIndexesListOrNone: cut at the first comma from byte 50.
    #[test]
    fn completed_indexes_are_cut_at_a_comma() {
        let long = "0,2,4,6,8,10,12,14,16,18,20,22,24,26,28,30,32,34,36,38,40";
        let cases = [
            ("", "<none>"),
            ("0-5", "0-5"),
            ("0,2,4", "0,2,4"),
            // 50 bytes and no comma after them: kept whole.
            (&long[..50], &long[..50]),
            (
                long,
                "0,2,4,6,8,10,12,14,16,18,20,22,24,26,28,30,32,34,36,...",
            ),
            (
                "0-99999999999999999999999999999999999999999999999999999",
                "0-99999999999999999999999999999999999999999999999999999",
            ),
        ];
        for (indexes, want) in cases {
            assert_eq!(cap_indexes(indexes, 50), want, "{indexes}");
        }
    }
}
