//! The CronJob controller (pkg/controller/cronjob/cronjob_controllerv2.go `sync`,
//! `syncCronJob`, `cleanupFinishedJobs`): starts a Job at each scheduled time, as the
//! concurrency policy and the starting deadline allow, and keeps the history limits.
//!
//! The one thing to know: the controller starts at most one Job per look, for the most recent
//! scheduled time that has none; missed times before it are never caught up (more than 100 of
//! them and it warns). It looks again 100 ms after the next scheduled time, and whenever one of
//! its Jobs changes. Schedules run in `spec.timeZone`, or in UTC, the zone of kubeplay's
//! kube-controller-manager.

pub mod schedule;

use std::rc::Rc;

use k8s_openapi::api::batch::v1::{CronJob, CronJobStatus, Job};
use k8s_openapi::api::core::v1::ObjectReference;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::job::finished;
use super::{controller_keys, event, live, own_key, Controller};
use crate::cron::{self, Schedule, Zone};
use crate::sim::events::EventType;
use crate::sim::queue::QueueKey;
use crate::sim::store::{controller_of, Store, Touch};
use crate::sim::time::{self, millis_of, Millis};
use crate::sim::{controller_ref, Cluster};
use schedule::Missed;

const COMPONENT: &str = "cronjob-controller";
/// On each Job: the time it was scheduled for, RFC 3339 in the CronJob's zone.
pub const SCHEDULED_TIMESTAMP: &str = "batch.kubernetes.io/cronjob-scheduled-timestamp";

pub(crate) const CONTROLLER: Controller = Controller::keyed(COMPONENT, watches, reconcile);

/// The CronJob, and the Jobs it controls.
fn watches(_store: &Store, t: &Touch, out: &mut dyn FnMut(QueueKey)) {
    match t.kind.as_str() {
        "CronJob" => out(own_key(t)),
        "Job" => controller_keys(t, "CronJob", out),
        _ => {}
    }
}

/// The Jobs whose controller is the CronJob, in name order.
fn children(c: &Cluster, cj: &CronJob) -> Vec<Rc<Job>> {
    let uid = cj.metadata.uid.clone().unwrap_or_default();
    c.store
        .index
        .controlled
        .get(&uid)
        .into_iter()
        .flatten()
        .filter(|(kind, _)| kind == "Job")
        .filter_map(|(_, k)| c.store.jobs.items.get(k).cloned())
        .collect()
}

/// The schedule as the controller reads it, and the zone it runs in; the event when it cannot.
pub(crate) fn parsed(
    cj: &CronJob,
) -> Result<(Schedule, Zone, Option<String>), (&'static str, String)> {
    let spec = cj.spec.clone().unwrap_or_default();
    if let Some(tz) = &spec.time_zone {
        if cron::zone(tz).is_none() || tz.eq_ignore_ascii_case("local") {
            return Err((
                "UnknownTimeZone",
                format!(
                    "invalid timeZone: {}: unknown time zone {tz}",
                    crate::validation::go_quote(tz)
                ),
            ));
        }
    }
    let warning = spec.schedule.contains("TZ").then(|| {
        format!(
            "CRON_TZ or TZ used in schedule {} is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details",
            crate::validation::go_quote(&spec.schedule)
        )
    });
    let s = cron::parse(&spec.schedule).map_err(|e| {
        (
            "UnparseableSchedule",
            format!(
                "unparseable schedule: {} : {}",
                crate::validation::go_quote(&spec.schedule),
                e.message
            ),
        )
    })?;
    let zone = spec
        .time_zone
        .as_deref()
        .or(s.time_zone())
        .and_then(cron::zone)
        .unwrap_or_else(Zone::utc);
    Ok((s, zone, warning))
}

fn reconcile(c: &mut Cluster, key: &QueueKey) {
    let Some(cj) = live::<CronJob>(c, key) else {
        return;
    };
    let now = c.now();
    let before = cj.status.clone().unwrap_or_default();
    let mut st = before.clone();
    let jobs = children(c, &cj);

    // The active list against the Jobs there are.
    let mut active = st.active.take().unwrap_or_default();
    for job in &jobs {
        let uid = job.metadata.uid.clone().unwrap_or_default();
        let name = job.metadata.name.clone().unwrap_or_default();
        let listed = active.iter().any(|r| r.uid.as_deref() == Some(&uid));
        match finished(job) {
            None if !listed => event(
                c,
                &*cj,
                EventType::Warning,
                "UnexpectedJob",
                format!("Saw a job that the controller did not create or forgot: {name}"),
                COMPONENT,
            ),
            None => {}
            Some(condition) => {
                if listed {
                    active.retain(|r| r.uid.as_deref() != Some(&uid));
                    event(
                        c,
                        &*cj,
                        EventType::Normal,
                        "SawCompletedJob",
                        format!("Saw completed job: {name}, condition: {condition}"),
                        COMPONENT,
                    );
                }
                if condition == "Complete" {
                    if let Some(done) = job.status.as_ref().and_then(|s| s.completion_time.clone())
                    {
                        let later = st
                            .last_successful_time
                            .as_ref()
                            .is_none_or(|t| millis_of(t) < millis_of(&done));
                        if later {
                            st.last_successful_time = Some(done);
                        }
                    }
                }
            }
        }
    }
    let mut gone = Vec::new();
    active.retain(|r| {
        let there = jobs
            .iter()
            .any(|j| j.metadata.uid.is_some() && j.metadata.uid == r.uid);
        if !there {
            gone.push(r.name.clone().unwrap_or_default());
        }
        there
    });
    for name in gone {
        event(
            c,
            &*cj,
            EventType::Normal,
            "MissingJob",
            format!("Active job went missing: {name}"),
            COMPONENT,
        );
    }
    st.active = (!active.is_empty()).then_some(active);
    let requeue = start_due(c, &cj, &mut st, now);
    // After syncCronJob, as `sync` does: a finished Job is seen (and its success recorded) before
    // a history limit of 0 deletes it.
    cleanup_finished(c, &cj, &jobs, &mut st);
    if let Some(at) = requeue {
        c.wake_at(at);
    }
    if st != before {
        let mut next = CronJob::clone(&cj);
        next.status = Some(st);
        c.store.put(next);
    }
}

/// `syncCronJob` after the active list: starts the Job due now, if any; returns when to look
/// again.
fn start_due(
    c: &mut Cluster,
    cj: &Rc<CronJob>,
    st: &mut CronJobStatus,
    now: Millis,
) -> Option<Millis> {
    let spec = cj.spec.clone().unwrap_or_default();
    if spec.suspend == Some(true) {
        return None;
    }
    let (schedule, zone, warning) = match parsed(cj) {
        Ok(p) => p,
        Err((reason, message)) => {
            event(c, &**cj, EventType::Warning, reason, message, COMPONENT);
            return None;
        }
    };
    if let Some(w) = warning {
        event(
            c,
            &**cj,
            EventType::Warning,
            "UnsupportedSchedule",
            w,
            COMPONENT,
        );
    }
    let mut probe = CronJob::clone(cj);
    probe.status = Some(st.clone());
    let scheduled = match schedule::most_recent(&probe, now, &schedule, &zone, true) {
        Err(e) => {
            event(
                c,
                &**cj,
                EventType::Warning,
                "InvalidSchedule",
                format!("invalid schedule: {} : {e}", spec.schedule),
                COMPONENT,
            );
            return None;
        }
        Ok((_, scheduled, missed)) => {
            if missed == Missed::Many {
                event(
                    c,
                    &**cj,
                    EventType::Warning,
                    "TooManyMissedTimes",
                    "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew".into(),
                    COMPONENT,
                );
            }
            scheduled
        }
    };
    let look = schedule::next_look(&probe, now, &schedule, &zone);
    let Some(scheduled) = scheduled else {
        return look;
    };
    if let Some(d) = spec.starting_deadline_seconds {
        if scheduled.saturating_add(d.saturating_mul(time::SECOND)) < now {
            event(
                c,
                &**cj,
                EventType::Warning,
                "MissSchedule",
                format!(
                    "Missed scheduled time to start a job: {}",
                    time::rfc1123z(&time::time(scheduled))
                ),
                COMPONENT,
            );
            return look;
        }
    }
    let cj_name = cj.metadata.name.clone().unwrap_or_default();
    let job_name = schedule::job_name(&cj_name, scheduled);
    let active = st.active.clone().unwrap_or_default();
    let already = active.iter().any(|r| r.name.as_deref() == Some(&job_name))
        || st
            .last_schedule_time
            .as_ref()
            .is_some_and(|t| millis_of(t) == scheduled);
    if already {
        return look;
    }
    match spec.concurrency_policy.as_deref() {
        Some("Forbid") if !active.is_empty() => {
            event(
                c,
                &**cj,
                EventType::Normal,
                "JobAlreadyActive",
                "Not starting job because prior execution is running and concurrency policy is Forbid".into(),
                COMPONENT,
            );
            return look;
        }
        Some("Replace") => {
            for r in &active {
                delete_job(c, cj, &r.name.clone().unwrap_or_default());
            }
            st.active = None;
        }
        _ => {}
    }
    let ns = cj.metadata.namespace.clone().unwrap_or_default();
    let job = match c.store.jobs.shared(&ns, &job_name) {
        Some(existing) => {
            // Made before its status was written: adopt it into the list, unless it is another's.
            let ours = controller_of(&existing.metadata)
                .is_some_and(|o| o.uid == cj.metadata.uid.clone().unwrap_or_default());
            if !ours {
                return look;
            }
            existing
        }
        None => match new_job(c, cj, &job_name, scheduled, &zone) {
            Ok(job) => {
                let job = Rc::new(job);
                c.store.put(Job::clone(&job));
                event(
                    c,
                    &**cj,
                    EventType::Normal,
                    "SuccessfulCreate",
                    format!("Created job {job_name}"),
                    COMPONENT,
                );
                c.store.jobs.shared(&ns, &job_name).unwrap_or(job)
            }
            Err(message) => {
                event(
                    c,
                    &**cj,
                    EventType::Warning,
                    "FailedCreate",
                    format!("Error creating job: {message}"),
                    COMPONENT,
                );
                return look;
            }
        },
    };
    st.active
        .get_or_insert_with(Vec::new)
        .push(ObjectReference {
            api_version: Some("batch/v1".into()),
            kind: Some("Job".into()),
            name: job.metadata.name.clone(),
            namespace: job.metadata.namespace.clone(),
            uid: job.metadata.uid.clone(),
            resource_version: job.metadata.resource_version.clone(),
            ..Default::default()
        });
    st.last_schedule_time = Some(time::time(scheduled));
    look
}

/// `getJobFromTemplate2`, admitted as the API server admits a Job.
fn new_job(
    c: &mut Cluster,
    cj: &CronJob,
    name: &str,
    scheduled: Millis,
    zone: &Zone,
) -> Result<Job, String> {
    let spec = cj.spec.clone().unwrap_or_default();
    let template = spec.job_template;
    let meta = template.metadata.unwrap_or_default();
    let mut annotations = meta.annotations.unwrap_or_default();
    annotations.insert(
        SCHEDULED_TIMESTAMP.into(),
        cron::rfc3339(schedule::instant(scheduled), zone),
    );
    let mut job = Job {
        metadata: ObjectMeta {
            name: Some(name.into()),
            namespace: cj.metadata.namespace.clone(),
            labels: meta.labels,
            annotations: Some(annotations),
            owner_references: Some(vec![controller_ref(cj)]),
            ..Default::default()
        },
        spec: template.spec,
        status: None,
    };
    crate::sim::registry::admit_new_job(c, &mut job).map_err(|e| e.message.clone())?;
    c.created_meta(&mut job.metadata, true);
    Ok(job)
}

/// `cleanupFinishedJobs`: the oldest finished Jobs beyond each history limit go (by start time,
/// Jobs that never started last).
fn cleanup_finished(c: &mut Cluster, cj: &Rc<CronJob>, jobs: &[Rc<Job>], st: &mut CronJobStatus) {
    let spec = cj.spec.clone().unwrap_or_default();
    let limits = [
        ("Complete", spec.successful_jobs_history_limit),
        ("Failed", spec.failed_jobs_history_limit),
    ];
    for (outcome, limit) in limits {
        let Some(limit) = limit else { continue };
        let mut done: Vec<&Rc<Job>> = jobs
            .iter()
            .filter(|j| finished(j) == Some(outcome))
            .collect();
        let extra = done.len() as i64 - i64::from(limit.max(0));
        if extra <= 0 {
            continue;
        }
        crate::sort::by_key(&mut done, |j| {
            let start = j
                .status
                .as_ref()
                .and_then(|s| s.start_time.as_ref())
                .map(millis_of);
            (start.is_none(), start, j.metadata.name.clone())
        });
        for j in done.into_iter().take(extra as usize) {
            if delete_job(c, cj, j.metadata.name.as_deref().unwrap_or_default()) {
                if let Some(a) = st.active.as_mut() {
                    a.retain(|r| r.uid != j.metadata.uid);
                }
                if st.active.as_ref().is_some_and(Vec::is_empty) {
                    st.active = None;
                }
            }
        }
    }
}

/// `deleteJob`: the Job goes (its Pods after it, by the garbage collector) and the CronJob says
/// so. False when it was already gone.
fn delete_job(c: &mut Cluster, cj: &CronJob, name: &str) -> bool {
    let ns = cj.metadata.namespace.clone().unwrap_or_default();
    if !c.delete("Job", &ns, name) {
        return false;
    }
    event(
        c,
        cj,
        EventType::Normal,
        "SuccessfulDelete",
        format!("Deleted job {name}"),
        COMPONENT,
    );
    true
}
