//! The API server's validation of Jobs and CronJobs that kubeplay repeats
//! (pkg/apis/batch/validation/validation.go: `validateJobSpec`, `validateCronJobSpec`,
//! `validateTimeZone`, `validateScheduleFormat`), shared by the checker (a diagnostic at the
//! field) and the simulated API server (a refused apply, for Jobs a CronJob makes).
//!
//! The one thing to know: each problem is a [`FieldError`] with apimachinery's `field.Error`
//! text (`spec.completions: Required value: when completion mode is Indexed`); a schedule's error
//! also says which bytes of the schedule it is about, so the editor can underline the bad field.

use std::ops::Range;

use k8s_openapi::api::batch::v1::{CronJobSpec, JobSpec};

use crate::cron;
use crate::validation::go_quote;

/// One refused field, in apimachinery's words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// `spec.template.spec.restartPolicy`.
    pub path: String,
    /// The whole text: `<path>: <type>: <value>: <detail>`.
    pub message: String,
    /// For a schedule: the bytes of `spec.schedule` the message is about.
    pub within: Option<Range<usize>>,
}

fn required(path: &str, detail: &str) -> FieldError {
    let message = if detail.is_empty() {
        format!("{path}: Required value")
    } else {
        format!("{path}: Required value: {detail}")
    };
    FieldError {
        path: path.into(),
        message,
        within: None,
    }
}

fn invalid(path: &str, value: &str, detail: &str) -> FieldError {
    FieldError {
        path: path.into(),
        message: format!("{path}: Invalid value: {value}: {detail}"),
        within: None,
    }
}

fn unsupported(path: &str, value: &str, supported: &[&str]) -> FieldError {
    let list: Vec<String> = supported.iter().map(|s| go_quote(s)).collect();
    FieldError {
        path: path.into(),
        message: format!(
            "{path}: Unsupported value: {}: supported values: {}",
            go_quote(value),
            list.join(", ")
        ),
        within: None,
    }
}

fn non_negative(out: &mut Vec<FieldError>, path: &str, v: Option<i64>) {
    if let Some(v) = v.filter(|v| *v < 0) {
        out.push(invalid(
            path,
            &v.to_string(),
            "must be greater than or equal to 0",
        ));
    }
}

/// `validateJobSpec` (and the template's restart policy rule) for a Job spec at `prefix`
/// (`spec`, or `spec.jobTemplate.spec` in a CronJob).
pub fn job_spec(spec: &JobSpec, prefix: &str) -> Vec<FieldError> {
    let mut out = Vec::new();
    let p = |f: &str| format!("{prefix}.{f}");
    non_negative(&mut out, &p("parallelism"), spec.parallelism.map(i64::from));
    non_negative(&mut out, &p("completions"), spec.completions.map(i64::from));
    non_negative(
        &mut out,
        &p("activeDeadlineSeconds"),
        spec.active_deadline_seconds,
    );
    non_negative(
        &mut out,
        &p("backoffLimit"),
        spec.backoff_limit.map(i64::from),
    );
    non_negative(
        &mut out,
        &p("ttlSecondsAfterFinished"),
        spec.ttl_seconds_after_finished.map(i64::from),
    );
    non_negative(
        &mut out,
        &p("backoffLimitPerIndex"),
        spec.backoff_limit_per_index.map(i64::from),
    );
    non_negative(
        &mut out,
        &p("maxFailedIndexes"),
        spec.max_failed_indexes.map(i64::from),
    );
    let indexed = match spec.completion_mode.as_deref() {
        None | Some("NonIndexed") => false,
        Some("Indexed") => true,
        Some(other) => {
            out.push(unsupported(
                &p("completionMode"),
                other,
                &["NonIndexed", "Indexed"],
            ));
            false
        }
    };
    if indexed {
        // With parallelism unset too, the defaults make both 1 before validation runs.
        if spec.completions.is_none() && spec.parallelism.is_some() {
            out.push(required(
                &p("completions"),
                "when completion mode is Indexed",
            ));
        }
        if let Some(n) = spec.parallelism.filter(|n| *n > 100_000) {
            out.push(invalid(
                &p("parallelism"),
                &n.to_string(),
                "must be less than or equal to 100000 when completion mode is Indexed",
            ));
        }
    } else {
        if let Some(n) = spec.backoff_limit_per_index {
            out.push(invalid(
                &p("backoffLimitPerIndex"),
                &n.to_string(),
                "requires indexed completion mode",
            ));
        }
        if let Some(n) = spec.max_failed_indexes {
            out.push(invalid(
                &p("maxFailedIndexes"),
                &n.to_string(),
                "requires indexed completion mode",
            ));
        }
        if spec.success_policy.is_some() {
            out.push(invalid(
                &p("successPolicy"),
                "{...}",
                "requires indexed completion mode",
            ));
        }
    }
    if spec.max_failed_indexes.is_some() && spec.backoff_limit_per_index.is_none() {
        out.push(required(
            &p("backoffLimitPerIndex"),
            "when maxFailedIndexes is specified",
        ));
    }
    if let (Some(max), Some(completions)) = (spec.max_failed_indexes, spec.completions) {
        if indexed && max > completions {
            out.push(invalid(
                &p("maxFailedIndexes"),
                &max.to_string(),
                "must be less than or equal to completions",
            ));
        }
    }
    let restart = spec
        .template
        .spec
        .as_ref()
        .and_then(|s| s.restart_policy.as_deref());
    let restart_path = p("template.spec.restartPolicy");
    match restart {
        None | Some("Always") => out.push(required(
            &restart_path,
            "valid values: \"OnFailure\", \"Never\"",
        )),
        Some("OnFailure") | Some("Never") => {}
        Some(other) => out.push(unsupported(&restart_path, other, &["OnFailure", "Never"])),
    }
    if let Some(policy) = &spec.pod_failure_policy {
        if restart == Some("OnFailure") {
            out.push(invalid(
                &restart_path,
                "\"OnFailure\"",
                "only \"Never\" is supported when podFailurePolicy is specified",
            ));
        }
        let containers: Vec<&str> = spec
            .template
            .spec
            .iter()
            .flat_map(|s| {
                s.containers
                    .iter()
                    .chain(s.init_containers.iter().flatten())
            })
            .map(|c| c.name.as_str())
            .collect();
        for (i, rule) in policy.rules.iter().enumerate() {
            let rp = p(&format!("podFailurePolicy.rules[{i}]"));
            match rule.action.as_str() {
                "" => out.push(required(
                    &format!("{rp}.action"),
                    "valid values: [\"Count\" \"FailIndex\" \"FailJob\" \"Ignore\"]",
                )),
                "Count" | "FailJob" | "Ignore" => {}
                "FailIndex" if spec.backoff_limit_per_index.is_none() => out.push(invalid(
                    &format!("{rp}.action"),
                    "\"FailIndex\"",
                    "requires the backoffLimitPerIndex to be set",
                )),
                "FailIndex" => {}
                other => out.push(unsupported(
                    &format!("{rp}.action"),
                    other,
                    &["Count", "FailIndex", "FailJob", "Ignore"],
                )),
            }
            match (&rule.on_exit_codes, &rule.on_pod_conditions) {
                (Some(_), Some(_)) => out.push(FieldError {
                    path: rp.clone(),
                    message: format!("{rp}: Invalid value: specifying both OnExitCodes and OnPodConditions is not supported"),
                    within: None,
                }),
                (None, None) => out.push(FieldError {
                    path: rp.clone(),
                    message: format!("{rp}: Invalid value: specifying one of OnExitCodes and OnPodConditions is required"),
                    within: None,
                }),
                (Some(codes), None) => {
                    let cp = format!("{rp}.onExitCodes");
                    match codes.operator.as_str() {
                        "In" | "NotIn" => {}
                        "" => out.push(required(
                            &format!("{cp}.operator"),
                            "valid values: [\"In\" \"NotIn\"]",
                        )),
                        other => out.push(unsupported(
                            &format!("{cp}.operator"),
                            other,
                            &["In", "NotIn"],
                        )),
                    }
                    if let Some(name) = &codes.container_name {
                        if !containers.contains(&name.as_str()) {
                            out.push(invalid(
                                &format!("{cp}.containerName"),
                                &go_quote(name),
                                "must be one of the container or initContainer names in the pod template",
                            ));
                        }
                    }
                    if codes.values.is_empty() {
                        out.push(invalid(
                            &format!("{cp}.values"),
                            "[]int32(nil)",
                            "at least one value is required",
                        ));
                    }
                    for (j, v) in codes.values.iter().enumerate() {
                        let vp = format!("{cp}.values[{j}]");
                        if *v == 0 && codes.operator == "In" {
                            out.push(invalid(&vp, "0", "must not be 0 for the In operator"));
                        }
                        if j > 0 && codes.values[j - 1] == *v {
                            out.push(FieldError {
                                path: vp.clone(),
                                message: format!("{vp}: Duplicate value: {v}"),
                                within: None,
                            });
                        } else if j > 0 && codes.values[j - 1] > *v {
                            out.push(invalid(&vp, &v.to_string(), "must be ordered"));
                        }
                    }
                }
                (None, Some(_)) => {}
            }
        }
    }
    out
}

/// The API server's longest CronJob name: its Jobs add `-` and up to 11 digits and must still
/// be a 63-character label (validation.go `ValidateCronJobCreate`).
pub const MAX_CRONJOB_NAME: usize = 52;

/// `ValidateCronJobCreate`: the name rule, then `validateCronJobSpec` (its schedule, time zone,
/// policy and limits, and its Job template's spec).
pub fn cron_job(name: &str, spec: &CronJobSpec) -> Vec<FieldError> {
    let mut out = Vec::new();
    if name.len() > MAX_CRONJOB_NAME {
        out.push(invalid(
            "metadata.name",
            &go_quote(name),
            "must be no more than 52 characters",
        ));
    }
    let schedule = spec.schedule.as_str();
    if !schedule.is_empty() {
        out.extend(schedule_errors(schedule));
    }
    if let Some(tz) = &spec.time_zone {
        for e in cron::time_zone_errors(tz) {
            out.push(invalid("spec.timeZone", &go_quote(tz), &e));
        }
    }
    // A plain string in Go (`omitempty`): empty is unset, and `SetDefaults_CronJob` makes it Allow.
    match spec.concurrency_policy.as_deref() {
        None | Some("" | "Allow" | "Forbid" | "Replace") => {}
        Some(other) => out.push(unsupported(
            "spec.concurrencyPolicy",
            other,
            &["Allow", "Forbid", "Replace"],
        )),
    }
    non_negative(
        &mut out,
        "spec.startingDeadlineSeconds",
        spec.starting_deadline_seconds,
    );
    non_negative(
        &mut out,
        "spec.successfulJobsHistoryLimit",
        spec.successful_jobs_history_limit.map(i64::from),
    );
    non_negative(
        &mut out,
        "spec.failedJobsHistoryLimit",
        spec.failed_jobs_history_limit.map(i64::from),
    );
    if let Some(job) = &spec.job_template.spec {
        if job.selector.is_some() {
            out.push(invalid(
                "spec.jobTemplate.spec.selector",
                "{...}",
                "`selector` will be auto-generated",
            ));
        }
        if job.manual_selector == Some(true) {
            out.push(FieldError {
                path: "spec.jobTemplate.spec.manualSelector".into(),
                message: "spec.jobTemplate.spec.manualSelector: Unsupported value: true: supported values: \"nil\", \"false\"".into(),
                within: None,
            });
        }
        out.extend(job_spec(job, "spec.jobTemplate.spec"));
    }
    out
}

/// `spec.schedule`'s own errors: `TZ`/`CRON_TZ` inside it (refused on create), then what
/// robfig/cron's standard parser says, each with the bytes it is about.
pub fn schedule_errors(schedule: &str) -> Vec<FieldError> {
    let mut out = Vec::new();
    let value = go_quote(schedule);
    if let Some(at) = schedule.find("TZ") {
        out.push(FieldError {
            within: Some(at..at + 2),
            ..invalid("spec.schedule", &value, cron::TZ_IN_SCHEDULE)
        });
    }
    if let Err(e) = cron::parse(schedule) {
        out.push(FieldError {
            within: Some(e.span.clone()),
            ..invalid("spec.schedule", &value, &e.message)
        });
    }
    out
}

#[cfg(test)]
mod tests;

/// The checker's side: each problem of a Job or CronJob as a diagnostic at its field (for a
/// schedule, at the bytes of it that are wrong).
pub(crate) fn check(o: &super::Object, diags: &mut Vec<crate::diagnostic::Diagnostic>) {
    use super::Typed;
    use crate::diagnostic::{Code, Diagnostic};
    use crate::i18n::Say;
    let errors = match &o.typed {
        Some(Typed::Job(j)) => j
            .spec
            .as_ref()
            .map(|s| job_spec(s, "spec"))
            .unwrap_or_default(),
        Some(Typed::CronJob(c)) => c
            .spec
            .as_ref()
            .map(|s| cron_job(&o.name, s))
            .unwrap_or_default(),
        _ => return,
    };
    for e in errors {
        let (code, span) = match &e.within {
            Some(bytes) => (Code::InvalidSchedule, string_span(o, &e.path, bytes)),
            None => (Code::InvalidValue, o.span_of(&e.path)),
        };
        let hint = if e.path.ends_with("restartPolicy") {
            Some(Say::JobRestartPolicy)
        } else if e.message.contains(cron::TZ_IN_SCHEDULE) {
            Some(Say::TimeZoneField)
        } else if code == Code::InvalidSchedule {
            Some(Say::CronFields)
        } else {
            None
        };
        let mut d = Diagnostic::error(code, span, e.message);
        d.hint = hint;
        diags.push(d);
    }
}

/// Where `bytes` of the string at `path` are in the text: inside a one-line plain or quoted
/// scalar; the whole value otherwise (a block scalar, escapes).
fn string_span(o: &super::Object, path: &str, bytes: &Range<usize>) -> super::yaml::Span {
    use super::yaml::{Pos, Span, Value};
    let Some(node) = o.node.at_path(path) else {
        return o.span_of(path);
    };
    let Value::Str(text) = &node.value else {
        return node.span;
    };
    let (start, end) = (node.span.start, node.span.end);
    let chars = text.chars().count() as u32;
    let width = end.col.saturating_sub(start.col);
    let lead = if start.line != end.line {
        return node.span;
    } else if width == chars {
        0
    } else if width == chars + 2 {
        1
    } else {
        return node.span;
    };
    let col = |b: usize| {
        let b = b.min(text.len());
        let before = text.get(..b).map_or(0, |t| t.chars().count()) as u32;
        start.col + lead + before
    };
    Span {
        start: Pos {
            line: start.line,
            col: col(bytes.start),
        },
        end: Pos {
            line: start.line,
            col: col(bytes.end.max(bytes.start + 1)),
        },
    }
}
