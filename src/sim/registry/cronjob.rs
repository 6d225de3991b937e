//! CronJobs: batch/v1 defaults (`SetDefaults_CronJob`), strategy
//! (pkg/registry/batch/cronjob/strategy.go, `ValidateCronJobCreate`/`Update`) and printing
//! (printCronJob, describeCronJob).

use k8s_openapi::api::batch::v1::CronJob;

use super::{Printer, Strategy};
use crate::manifest::batch;
use crate::sim::apply::{bump_generation, refused, Failure};
use crate::sim::print::describe::{head, labels_annotations, line, pod_template, realign, when};
use crate::sim::print::{age, Tone};
use crate::sim::time::{human_duration, millis_of};
use crate::sim::Cluster;

fn refuse(name: &str, errors: Vec<batch::FieldError>) -> Result<(), Failure> {
    refused("CronJob.batch", name, &errors)
}

impl Strategy for CronJob {
    const GENERATION: bool = true;

    fn prepare(&mut self, _c: &mut Cluster) {
        if let Some(spec) = self.spec.as_mut() {
            // A plain string in Go: `SetDefaults_CronJob` fills it when it is empty.
            if spec.concurrency_policy.as_deref().is_none_or(str::is_empty) {
                spec.concurrency_policy = Some("Allow".into());
            }
            spec.suspend.get_or_insert(false);
            spec.successful_jobs_history_limit.get_or_insert(3);
            spec.failed_jobs_history_limit.get_or_insert(1);
        }
        self.status = None;
    }

    fn admit(&mut self, _c: &mut Cluster, old: Option<&Self>) -> Result<(), Failure> {
        let name = self.metadata.name.clone().unwrap_or_default();
        let Some(spec) = &self.spec else {
            return Ok(());
        };
        let mut errors = batch::cron_job(&name, spec);
        if let Some(old) = old {
            // The name was checked on create; a schedule that already had `TZ` may keep it.
            errors.retain(|e| e.path != "metadata.name");
            let had_tz = old.spec.as_ref().is_some_and(|s| s.schedule.contains("TZ"));
            if had_tz {
                errors.retain(|e| !e.message.contains(crate::cron::TZ_IN_SCHEDULE));
            }
        }
        refuse(&name, errors)?;
        if let Some(old) = old {
            self.status = old.status.clone();
            bump_generation(&old.metadata, &mut self.metadata, old.spec != self.spec);
        }
        Ok(())
    }
}

impl Printer for CronJob {
    const RESOURCE: &'static str = "cronjobs.batch";
    const PREFIX: &'static str = "cronjob.batch";
    const HEADERS: &'static [&'static str] = &[
        "NAME",
        "SCHEDULE",
        "TIMEZONE",
        "SUSPEND",
        "ACTIVE",
        "LAST SCHEDULE",
        "AGE",
    ];

    fn row(&self, c: &Cluster) -> (Vec<String>, Tone) {
        let now = c.now();
        let spec = self.spec.clone().unwrap_or_default();
        let st = self.status.clone().unwrap_or_default();
        let active = st.active.as_ref().map_or(0, Vec::len);
        let suspended = spec.suspend == Some(true);
        (
            vec![
                self.metadata.name.clone().unwrap_or_default(),
                spec.schedule.clone(),
                spec.time_zone.clone().unwrap_or_else(|| "<none>".into()),
                bool_ptr(spec.suspend),
                active.to_string(),
                st.last_schedule_time
                    .as_ref()
                    .map_or("<none>".into(), |t| human_duration(now - millis_of(t))),
                age(self.metadata.creation_timestamp.as_ref(), now),
            ],
            if suspended {
                Tone::Plain
            } else if active > 0 {
                Tone::Progress
            } else {
                Tone::Ok
            },
        )
    }

    fn describe(&self, whole: &mut String, _c: &Cluster) {
        let spec = self.spec.clone().unwrap_or_default();
        let st = self.status.clone().unwrap_or_default();
        let mut block = String::new();
        let out = &mut block;
        head(out, &self.metadata);
        labels_annotations(out, &self.metadata);
        line(out, "Schedule", &spec.schedule);
        line(
            out,
            "Concurrency Policy",
            spec.concurrency_policy.clone().unwrap_or_default(),
        );
        line(out, "Suspend", bool_ptr(spec.suspend));
        line(
            out,
            "Successful Job History Limit",
            spec.successful_jobs_history_limit
                .map_or("<unset>".into(), |v| v.to_string()),
        );
        line(
            out,
            "Failed Job History Limit",
            spec.failed_jobs_history_limit
                .map_or("<unset>".into(), |v| v.to_string()),
        );
        line(
            out,
            "Starting Deadline Seconds",
            spec.starting_deadline_seconds
                .map_or("<unset>".into(), |v| format!("{v}s")),
        );
        let job = spec.job_template.spec.clone().unwrap_or_default();
        line(
            out,
            "Selector",
            job.selector
                .as_ref()
                .map_or("<unset>".into(), crate::sim::print::describe::selector_text),
        );
        line(
            out,
            "Parallelism",
            job.parallelism.map_or("<unset>".into(), |v| v.to_string()),
        );
        line(
            out,
            "Completions",
            job.completions.map_or("<unset>".into(), |v| v.to_string()),
        );
        if let Some(d) = job.active_deadline_seconds {
            line(out, "Active Deadline Seconds", format!("{d}s"));
        }
        whole.push_str(&realign(&block));
        pod_template(whole, &job.template);
        let mut tail = String::new();
        let out = &mut tail;
        line(
            out,
            "Last Schedule Time",
            when(st.last_schedule_time.as_ref()),
        );
        let active: Vec<String> = st
            .active
            .iter()
            .flatten()
            .filter_map(|r| r.name.clone())
            .collect();
        line(
            out,
            "Active Jobs",
            if active.is_empty() {
                "<none>".to_string()
            } else {
                active.join(", ")
            },
        );
        whole.push_str(&realign(&tail));
    }
}

/// kubectl's `printBoolPtr`.
fn bool_ptr(v: Option<bool>) -> String {
    match v {
        Some(true) => "True".into(),
        Some(false) => "False".into(),
        None => "<unset>".into(),
    }
}
