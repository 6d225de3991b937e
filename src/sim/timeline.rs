//! What the Timeline tab draws: every Job run and its Pods over virtual time, lane by CronJob
//! (a bare Job gets a lane of its own), each CronJob's scheduled times with the runs it skipped
//! or missed, and the schedule's next runs in its zone.
//!
//! The one thing to know: [`History`] is an observer, not a controller. It reads each write to
//! a Job or to a Job's Pod as the store makes it, and the CronJob controller's `JobAlreadyActive`
//! and `MissSchedule` events, and keeps the runs after their objects are gone (history limits,
//! TTL); nothing in the cluster reads it back. It holds the last [`MAX_RUNS`] runs.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::controllers::cronjob::{parsed, schedule};
use super::controllers::job::true_condition;
use super::events::Involved;
use super::store::{Store, Touch};
use super::time::{millis_of, Millis, MINUTE};
use super::Cluster;

/// The most runs (and the most skip or miss marks) kept.
pub const MAX_RUNS: usize = 400;
/// How far back a lane's scheduled times go, and how far ahead.
const TICKS_BACK: Millis = 6 * 60 * MINUTE;
const TICKS_AHEAD: Millis = 60 * MINUTE;
const MAX_TICKS: usize = 600;

#[derive(Clone, Debug, Default)]
pub(crate) struct History {
    /// By Job uid.
    runs: BTreeMap<String, Run>,
    seq: u64,
    marks: Vec<MarkView>,
}

#[derive(Clone, Debug)]
struct Run {
    seq: u64,
    view: JobView,
    namespace: String,
    /// The CronJob that made it.
    owner: Option<String>,
    /// By Pod uid.
    pods: BTreeMap<String, PodView>,
}

/// The picture of every lane.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TimelineView {
    pub now: Millis,
    pub lanes: Vec<LaneView>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LaneView {
    /// `CronJob`, or `Job` for a Job no CronJob made.
    pub kind: String,
    pub namespace: String,
    pub name: String,
    pub schedule: Option<String>,
    pub time_zone: Option<String>,
    pub concurrency: Option<String>,
    pub suspended: bool,
    /// Scheduled times around now, past and ahead.
    pub ticks: Vec<Millis>,
    /// The next ten runs, RFC 3339 in the schedule's zone.
    pub next_runs: Vec<String>,
    pub marks: Vec<MarkView>,
    pub jobs: Vec<JobView>,
}

/// A scheduled time that started no Job: `JobAlreadyActive` (Forbid) or `MissSchedule`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MarkView {
    pub namespace: String,
    pub cron_job: String,
    /// The scheduled time it was about.
    pub at: Millis,
    pub reason: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct JobView {
    pub name: String,
    pub start: Millis,
    /// When it finished (None while it runs).
    pub end: Option<Millis>,
    /// `Complete`, `Failed`, `Suspended` or `Running`.
    pub outcome: String,
    /// The time it was scheduled for, for a CronJob's Job.
    pub scheduled: Option<Millis>,
    /// Whether the Job is still in the cluster (a click opens its describe).
    pub exists: bool,
    pub pods: Vec<PodView>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PodView {
    pub name: String,
    pub start: Millis,
    pub end: Option<Millis>,
    /// What `kubectl get pods` says in STATUS.
    pub status: String,
    pub restarts: i32,
    pub exists: bool,
}

impl History {
    /// Reads the writes of one settle round.
    pub(crate) fn observe(&mut self, store: &Store, touches: &[Touch], now: Millis) {
        for t in touches {
            match t.kind.as_str() {
                "Job" => match store.jobs.by_key(&t.key) {
                    Some(job) => self.job(job, now),
                    None => {
                        if let Some(uid) = t.old.as_ref().and_then(|f| f.uid.as_ref()) {
                            if let Some(run) = self.runs.get_mut(uid) {
                                run.view.exists = false;
                                run.view.end.get_or_insert(now);
                            }
                        }
                    }
                },
                "Pod" => {
                    let Some(owner) = t
                        .sides()
                        .find_map(|f| f.controller().filter(|o| o.kind == "Job"))
                    else {
                        continue;
                    };
                    let Some(run) = self.runs.get_mut(&owner.uid) else {
                        continue;
                    };
                    match store.pods.by_key(&t.key) {
                        Some(pod) => {
                            let uid = pod.metadata.uid.clone().unwrap_or_default();
                            let (_, status, restarts, _) = super::registry::pod_status(pod, now);
                            let restarts = restarts
                                .split(' ')
                                .next()
                                .and_then(|r| r.parse().ok())
                                .unwrap_or(0);
                            let entry = run.pods.entry(uid).or_insert_with(|| PodView {
                                name: pod.metadata.name.clone().unwrap_or_default(),
                                start: pod
                                    .metadata
                                    .creation_timestamp
                                    .as_ref()
                                    .map(millis_of)
                                    .unwrap_or(now),
                                ..Default::default()
                            });
                            entry.status = status;
                            entry.restarts = restarts;
                            entry.exists = true;
                            let phase = super::pod::phase(pod);
                            if matches!(phase, "Succeeded" | "Failed") {
                                entry.end.get_or_insert(now);
                            }
                        }
                        None => {
                            if let Some(uid) = t.old.as_ref().and_then(|f| f.uid.as_ref()) {
                                if let Some(p) = run.pods.get_mut(uid) {
                                    p.exists = false;
                                    p.end.get_or_insert(now);
                                }
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn job(&mut self, job: &k8s_openapi::api::batch::v1::Job, now: Millis) {
        let uid = job.metadata.uid.clone().unwrap_or_default();
        let st = job.status.clone().unwrap_or_default();
        let outcome = if true_condition(&st, "Complete").is_some() {
            "Complete"
        } else if true_condition(&st, "Failed").is_some() {
            "Failed"
        } else if job.spec.as_ref().and_then(|s| s.suspend) == Some(true) {
            "Suspended"
        } else {
            "Running"
        };
        let end = ["Complete", "Failed"]
            .iter()
            .find_map(|t| true_condition(&st, t))
            .and_then(|c| c.last_transition_time.as_ref())
            .map(millis_of);
        if !self.runs.contains_key(&uid) {
            self.seq += 1;
            let owner = super::store::controller_of(&job.metadata)
                .filter(|o| o.kind == "CronJob")
                .map(|o| o.name.clone());
            // The scheduled time is in the name the controller gave it: `<cronjob>-<minutes>`.
            let scheduled = owner
                .as_deref()
                .and_then(|cj| schedule::scheduled_of(cj, job.metadata.name.as_deref()?));
            self.runs.insert(
                uid.clone(),
                Run {
                    seq: self.seq,
                    view: JobView {
                        name: job.metadata.name.clone().unwrap_or_default(),
                        start: job
                            .metadata
                            .creation_timestamp
                            .as_ref()
                            .map(millis_of)
                            .unwrap_or(now),
                        scheduled,
                        ..Default::default()
                    },
                    namespace: job.metadata.namespace.clone().unwrap_or_default(),
                    owner,
                    pods: BTreeMap::new(),
                },
            );
            self.evict();
        }
        if let Some(run) = self.runs.get_mut(&uid) {
            run.view.outcome = outcome.into();
            run.view.end = end;
            run.view.exists = true;
        }
    }

    /// The oldest runs beyond the bound go first.
    fn evict(&mut self) {
        while self.runs.len() > MAX_RUNS {
            let Some(oldest) = self
                .runs
                .iter()
                .min_by_key(|(_, r)| r.seq)
                .map(|(k, _)| k.clone())
            else {
                break;
            };
            self.runs.remove(&oldest);
        }
    }

    /// The CronJob controller's word that a scheduled time started no Job.
    pub(crate) fn event(
        &mut self,
        involved: &Involved,
        reason: &str,
        now: Millis,
        c_store: &Store,
    ) {
        if involved.kind != "CronJob" || !matches!(reason, "JobAlreadyActive" | "MissSchedule") {
            return;
        }
        // The time it was about: the latest scheduled time at or before now.
        let at = c_store
            .cron_jobs
            .get(&involved.namespace, &involved.name)
            .and_then(|cj| {
                let (s, zone, _) = parsed(cj).ok()?;
                schedule::most_recent(cj, now, &s, &zone, false).ok()?.1
            })
            .unwrap_or(now);
        let mark = MarkView {
            namespace: involved.namespace.clone(),
            cron_job: involved.name.clone(),
            at,
            reason: reason.into(),
        };
        if !self.marks.contains(&mark) {
            self.marks.push(mark);
            if self.marks.len() > MAX_RUNS {
                self.marks.remove(0);
            }
        }
    }
}

/// The Timeline tab's picture of the cluster now.
pub fn timeline_view(c: &Cluster) -> TimelineView {
    let now = c.now();
    let h = &c.history;
    let mut lanes = Vec::new();
    for cj in c.store.cron_jobs.values() {
        let ns = cj.metadata.namespace.clone().unwrap_or_default();
        let name = cj.metadata.name.clone().unwrap_or_default();
        let spec = cj.spec.clone().unwrap_or_default();
        let mut lane = LaneView {
            kind: "CronJob".into(),
            namespace: ns.clone(),
            name: name.clone(),
            schedule: Some(spec.schedule.clone()),
            time_zone: spec.time_zone.clone(),
            concurrency: spec.concurrency_policy.clone(),
            suspended: spec.suspend == Some(true),
            ..Default::default()
        };
        if let Ok((s, zone, _)) = parsed(cj) {
            let created = cj
                .metadata
                .creation_timestamp
                .as_ref()
                .map(millis_of)
                .unwrap_or(0);
            let mut at = (now - TICKS_BACK).max(created);
            while lane.ticks.len() < MAX_TICKS {
                match s.next(schedule::instant(at), &zone).map(schedule::millis) {
                    Some(t) if t <= now + TICKS_AHEAD => {
                        lane.ticks.push(t);
                        at = t;
                    }
                    _ => break,
                }
            }
            let mut at = schedule::instant(now);
            for _ in 0..10 {
                let Some(t) = s.next(at, &zone) else { break };
                lane.next_runs.push(crate::cron::rfc3339(t, &zone));
                at = t;
            }
        }
        lane.marks = h
            .marks
            .iter()
            .filter(|m| m.namespace == ns && m.cron_job == name)
            .cloned()
            .collect();
        lane.jobs = runs(h, |r| {
            r.namespace == ns && r.owner.as_deref() == Some(&name)
        });
        lanes.push(lane);
    }
    let mut bare: Vec<&Run> = h.runs.values().filter(|r| r.owner.is_none()).collect();
    crate::sort::by(&mut bare, |a, b| {
        (&a.namespace, &a.view.name).cmp(&(&b.namespace, &b.view.name))
    });
    for r in bare {
        lanes.push(LaneView {
            kind: "Job".into(),
            namespace: r.namespace.clone(),
            name: r.view.name.clone(),
            jobs: vec![with_pods(r)],
            ..Default::default()
        });
    }
    TimelineView { now, lanes }
}

fn with_pods(r: &Run) -> JobView {
    let mut v = r.view.clone();
    v.pods = r.pods.values().cloned().collect();
    crate::sort::by(&mut v.pods, |a, b| {
        (a.start, &a.name).cmp(&(b.start, &b.name))
    });
    v
}

fn runs(h: &History, keep: impl Fn(&Run) -> bool) -> Vec<JobView> {
    let mut out: Vec<JobView> = h.runs.values().filter(|r| keep(r)).map(with_pods).collect();
    crate::sort::by(&mut out, |a, b| (a.start, &a.name).cmp(&(b.start, &b.name)));
    out
}
