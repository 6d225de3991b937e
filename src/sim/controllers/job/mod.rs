//! The Job controller (pkg/controller/job/job_controller.go: `syncJob`, `manageJob`,
//! `trackJobStatusAndRemoveFinalizers`): runs a Job's Pods to completion, replaces failed ones
//! after a back-off, and finishes the Job with the conditions Kubernetes 1.33 writes.
//!
//! The one thing to know: a Pod is counted once, when the controller takes its tracking
//! finalizer (`batch.kubernetes.io/job-tracking`) off, as upstream does; `status.succeeded` and
//! `status.failed` only ever grow. A Job ends in two steps: the interim condition
//! (`SuccessCriteriaMet` or `FailureTarget`) as soon as the outcome is known, the final one
//! (`Complete` or `Failed`) once none of its Pods is still terminating.
//!
//! Left out, as nothing in the simulator needs them: expectations (the store is read after
//! every write), adoption of orphans for `manualSelector` Jobs, `managedBy`, slow-start batches
//! (every create succeeds), and holding a failed Pod's finalizer until its per-index replacement
//! exists (the replacement reads the failure count from the failed Pod, which stays).

pub mod indexed;
pub mod policy;

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use k8s_openapi::api::batch::v1::{Job, JobCondition, JobSpec, JobStatus};
use k8s_openapi::api::core::v1::{EnvVar, EnvVarSource, ObjectFieldSelector, Pod};

use super::{
    controlled_pods, controller_keys, delete_pod, deletion_order, event, failed_create, is_active,
    is_ready, live, own_key, phase, pod_from_template, Controller,
};
use crate::sim::events::EventType;
use crate::sim::queue::QueueKey;
use crate::sim::store::{Store, Touch};
use crate::sim::time::{self, millis_of, Millis, SECOND};
use crate::sim::{controller_ref, Cluster};
use policy::Action;

const COMPONENT: &str = "job-controller";
/// On every Pod the controller creates, until it has counted the Pod.
pub const TRACKING_FINALIZER: &str = "batch.kubernetes.io/job-tracking";
/// `MaxPodCreateDeletePerSync`.
const MAX_PER_SYNC: usize = 500;
/// `names.MaxGeneratedNameLength`: a generateName prefix is cut to this.
const MAX_PREFIX: usize = 58;

pub(crate) const CONTROLLER: Controller = Controller::keyed(COMPONENT, watches, reconcile);

/// What the controller keeps in memory, as upstream's `backoffStore`: by Job uid, the failures
/// since the last success and when the last of them finished.
#[derive(Clone, Debug, Default)]
pub(crate) struct State {
    backoff: BTreeMap<String, Backoff>,
}

#[derive(Clone, Copy, Debug, Default)]
struct Backoff {
    failures: u32,
    last: Millis,
}

/// job_controller.go's handlers: the Job, and the Pods it controls.
fn watches(_store: &Store, t: &Touch, out: &mut dyn FnMut(QueueKey)) {
    match t.kind.as_str() {
        "Job" => out(own_key(t)),
        "Pod" => controller_keys(t, "Job", out),
        _ => {}
    }
}

/// How a Job ends: its condition's reason and message.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Finish {
    Success(&'static str, String),
    Failure(&'static str, String),
}

impl Finish {
    fn interim(&self) -> &'static str {
        match self {
            Finish::Success(..) => "SuccessCriteriaMet",
            Finish::Failure(..) => "FailureTarget",
        }
    }

    fn last(&self) -> &'static str {
        match self {
            Finish::Success(..) => "Complete",
            Finish::Failure(..) => "Failed",
        }
    }

    fn reason_message(&self) -> (&'static str, &str) {
        match self {
            Finish::Success(r, m) | Finish::Failure(r, m) => (r, m),
        }
    }
}

/// The Job's condition of a type, when it is True.
pub(crate) fn true_condition<'a>(st: &'a JobStatus, type_: &str) -> Option<&'a JobCondition> {
    st.conditions
        .iter()
        .flatten()
        .find(|c| c.type_ == type_ && c.status == "True")
}

/// Whether the Job has finished (`Complete` or `Failed`), and which.
pub fn finished(job: &Job) -> Option<&'static str> {
    let st = job.status.as_ref()?;
    if true_condition(st, "Complete").is_some() {
        Some("Complete")
    } else if true_condition(st, "Failed").is_some() {
        Some("Failed")
    } else {
        None
    }
}

fn has_tracking_finalizer(p: &Pod) -> bool {
    p.metadata
        .finalizers
        .iter()
        .flatten()
        .any(|f| f == TRACKING_FINALIZER)
}

fn set_condition(
    st: &mut JobStatus,
    type_: &str,
    status: &str,
    reason: &str,
    message: &str,
    now: Millis,
) {
    let conds = st.conditions.get_or_insert_with(Vec::new);
    let t = Some(time::time(now));
    match conds.iter_mut().find(|c| c.type_ == type_) {
        Some(c) => {
            if c.status != status {
                c.status = status.into();
                c.last_transition_time = t.clone();
            }
            c.last_probe_time = t;
            c.reason = Some(reason.into());
            c.message = Some(message.into());
        }
        None => conds.push(JobCondition {
            type_: type_.into(),
            status: status.into(),
            reason: Some(reason.into()),
            message: Some(message.into()),
            last_probe_time: t.clone(),
            last_transition_time: t,
        }),
    }
}

fn reconcile(c: &mut Cluster, key: &QueueKey) {
    let Some(job) = live::<Job>(c, key) else {
        return;
    };
    let uid = job.metadata.uid.clone().unwrap_or_default();
    if finished(&job).is_some() {
        c.jobs.backoff.remove(&uid);
        return;
    }
    let spec = job.spec.clone().unwrap_or_default();
    let before = job.status.clone().unwrap_or_default();
    let mut st = before.clone();
    // syncJob: an unfinished Job's status always holds the list, empty when nothing is uncounted
    // (kubeplay counts a finished Pod in the sync that sees it, so it stays empty).
    st.uncounted_terminated_pods
        .get_or_insert_with(Default::default);
    let now = c.now();
    let pods: Vec<Rc<Pod>> = controlled_pods(c, &uid)
        .filter_map(|k| c.store.pods.items.get(k).cloned())
        .collect();
    let indexed = spec.completion_mode.as_deref() == Some("Indexed");
    let completions = spec.completions.unwrap_or(0);
    let suspended = spec.suspend == Some(true);
    let only_replace_failed = spec.pod_replacement_policy.as_deref() == Some("Failed")
        || spec.pod_failure_policy.is_some();
    let is_failed = |p: &Pod| {
        phase(p) == "Failed"
            || (!only_replace_failed
                && p.metadata.deletion_timestamp.is_some()
                && phase(p) != "Succeeded")
    };

    // The Pods that finished since the last look: counted now, their finalizer taken off.
    let mut finish = if let Some(cond) = true_condition(&st, "SuccessCriteriaMet") {
        Some(Finish::Success(
            static_reason(cond.reason.as_deref()),
            cond.message.clone().unwrap_or_default(),
        ))
    } else {
        true_condition(&st, "FailureTarget").map(|cond| {
            Finish::Failure(
                static_reason(cond.reason.as_deref()),
                cond.message.clone().unwrap_or_default(),
            )
        })
    };
    let mut succeeded_indexes = if indexed {
        indexed::parse(st.completed_indexes.as_deref().unwrap_or(""), completions)
    } else {
        BTreeSet::new()
    };
    let mut failed_indexes = if indexed {
        indexed::parse(st.failed_indexes.as_deref().unwrap_or(""), completions)
    } else {
        BTreeSet::new()
    };
    let mut new_succeeded: Vec<Rc<Pod>> = Vec::new();
    let mut new_failed: Vec<Rc<Pod>> = Vec::new();
    let mut uncounted: Vec<Rc<Pod>> = Vec::new();
    // Failures an Ignore rule lets go: not counted, but they still delay the replacement.
    let mut ignored: Vec<Rc<Pod>> = Vec::new();
    for p in pods.iter().filter(|p| has_tracking_finalizer(p)) {
        let index = indexed.then(|| indexed::index_of(p, completions)).flatten();
        if indexed && index.is_none() {
            // Out of range or no index: not counted, only released.
            if !is_active(p) {
                uncounted.push(p.clone());
            }
            continue;
        }
        if phase(p) == "Succeeded" {
            if let Some(i) = index {
                succeeded_indexes.insert(i);
            }
            new_succeeded.push(p.clone());
        } else if is_failed(p) {
            let action = spec
                .pod_failure_policy
                .as_ref()
                .and_then(|policy| policy::match_failure(policy, p));
            match action {
                Some(Action::Ignore) => {
                    ignored.push(p.clone());
                    continue;
                }
                Some(Action::FailJob(message)) => {
                    if finish.is_none() {
                        finish = Some(Finish::Failure("PodFailurePolicy", message));
                    }
                }
                Some(Action::FailIndex) => {
                    failed_indexes.extend(index);
                }
                Some(Action::Count) | None => {
                    if let (Some(limit), Some(i)) = (spec.backoff_limit_per_index, index) {
                        if indexed::failure_count(p) >= limit {
                            failed_indexes.insert(i);
                        }
                    }
                }
            }
            new_failed.push(p.clone());
        }
    }
    let mut succeeded = if indexed {
        succeeded_indexes.len() as i32
    } else {
        st.succeeded.unwrap_or(0) + new_succeeded.len() as i32
    };
    let mut failed = st.failed.unwrap_or(0) + new_failed.len() as i32;
    if st.start_time.is_none() && !suspended {
        st.start_time = Some(time::time(now));
    }
    // `newBackoffRecord` takes every newly failed Pod, ignored ones too.
    let backing_off: Vec<Rc<Pod>> = new_failed.iter().chain(&ignored).cloned().collect();
    record_backoff(c, &uid, &new_succeeded, &backing_off);
    for p in new_succeeded
        .iter()
        .chain(&new_failed)
        .chain(&ignored)
        .chain(&uncounted)
    {
        release(c, p);
    }

    let active_pods: Vec<Rc<Pod>> = pods
        .iter()
        .filter(|p| is_active(p) && c.store.pods.get(ns(p), name(p)).is_some())
        .cloned()
        .collect();
    if finish.is_none() {
        let backoff_limit = spec.backoff_limit.unwrap_or(6);
        if failed > backoff_limit || past_backoff_limit_on_failure(&spec, &pods) {
            finish = Some(Finish::Failure(
                "BackoffLimitExceeded",
                "Job has reached the specified backoff limit".into(),
            ));
        } else if let (Some(ads), Some(start), false) =
            (spec.active_deadline_seconds, &st.start_time, suspended)
        {
            let deadline = millis_of(start).saturating_add(ads.saturating_mul(SECOND));
            if now >= deadline {
                finish = Some(Finish::Failure(
                    "DeadlineExceeded",
                    "Job was active longer than specified deadline".into(),
                ));
            } else {
                c.wake_at(deadline);
            }
        }
    }
    if indexed && finish.is_none() {
        if spec.backoff_limit_per_index.is_some() {
            if spec
                .max_failed_indexes
                .is_some_and(|max| failed_indexes.len() as i64 > i64::from(max))
            {
                finish = Some(Finish::Failure(
                    "MaxFailedIndexesExceeded",
                    "Job has exceeded the specified maximal number of failed indexes".into(),
                ));
            } else if !failed_indexes.is_empty()
                && (failed_indexes.len() + succeeded_indexes.len()) as i32 >= completions
            {
                finish = Some(Finish::Failure(
                    "FailedIndexes",
                    "Job has failed indexes".into(),
                ));
            }
        }
        if finish.is_none() {
            if let Some(rule) = spec
                .success_policy
                .as_ref()
                .and_then(|sp| policy::match_success(sp, &succeeded_indexes, completions))
            {
                finish = Some(Finish::Success(
                    "SuccessPolicy",
                    format!("Matched rules at index {rule}"),
                ));
            }
        }
    }

    let active;
    let mut ready = active_pods.iter().filter(|p| is_ready(p)).count() as i32;
    let mut managed = false;
    match &finish {
        Some(f) => {
            // The outcome is known: no Pod keeps running. At a failure they count as failed.
            let count = matches!(f, Finish::Failure(..));
            for p in active_pods.iter().take(MAX_PER_SYNC) {
                if remove_pod(c, &job, p) && count {
                    failed += 1;
                }
            }
            active = 0;
            ready = 0;
        }
        None => {
            managed = true;
            active = manage(
                c,
                &job,
                &spec,
                &active_pods,
                &pods,
                Counts {
                    succeeded,
                    succeeded_indexes: &succeeded_indexes,
                    failed_indexes: &failed_indexes,
                    only_replace_failed,
                },
            );
            if suspended {
                ready = 0;
            }
            let complete = match spec.completions {
                None => succeeded > 0 && active == 0,
                Some(n) => succeeded >= n && active == 0,
            };
            if complete {
                finish = Some(Finish::Success(
                    "CompletionsReached",
                    "Reached expected number of succeeded pods".into(),
                ));
            }
        }
    }
    if managed && finish.is_none() {
        let was_suspended = true_condition(&st, "Suspended").is_some();
        if suspended && !was_suspended {
            set_condition(
                &mut st,
                "Suspended",
                "True",
                "JobSuspended",
                "Job suspended",
                now,
            );
            event(
                c,
                &*job,
                EventType::Normal,
                "Suspended",
                "Job suspended".into(),
                COMPONENT,
            );
        } else if !suspended && was_suspended {
            set_condition(
                &mut st,
                "Suspended",
                "False",
                "JobResumed",
                "Job resumed",
                now,
            );
            event(
                c,
                &*job,
                EventType::Normal,
                "Resumed",
                "Job resumed".into(),
                COMPONENT,
            );
            st.start_time = Some(time::time(now));
        }
    }

    // The Pods still terminating, after this sync's deletes.
    let terminating = controlled_pods(c, &uid)
        .filter_map(|k| c.store.pods.items.get(k))
        .filter(|p| {
            p.metadata.deletion_timestamp.is_some() && !matches!(phase(p), "Succeeded" | "Failed")
        })
        .count() as i32;
    if indexed {
        if !succeeded_indexes.is_empty() || st.completed_indexes.is_some() {
            st.completed_indexes = Some(indexed::format(&succeeded_indexes));
        }
        succeeded = succeeded_indexes.len() as i32;
        if spec.backoff_limit_per_index.is_some() {
            st.failed_indexes = Some(indexed::format(&failed_indexes));
        }
    }
    st.active = (active > 0).then_some(active);
    st.ready = Some(ready);
    st.terminating = Some(terminating);
    st.succeeded = (succeeded > 0).then_some(succeeded);
    st.failed = (failed > 0).then_some(failed);
    let mut finished_now = None;
    if let Some(f) = &finish {
        let (reason, message) = f.reason_message();
        if true_condition(&st, f.interim()).is_none() {
            set_condition(&mut st, f.interim(), "True", reason, message, now);
        }
        if terminating == 0 {
            set_condition(&mut st, f.last(), "True", reason, message, now);
            if matches!(f, Finish::Success(..)) {
                st.completion_time = Some(time::time(now));
            }
            finished_now = Some(f.clone());
        }
    }
    if st != before {
        let mut next = Job::clone(&job);
        next.status = Some(st);
        c.store.put(next);
    }
    match finished_now {
        Some(Finish::Success(..)) => {
            c.jobs.backoff.remove(&uid);
            // recordJobFinished: the warning first, then Completed.
            if spec.completions.is_some_and(|n| succeeded > n) {
                event(
                    c,
                    &*job,
                    EventType::Warning,
                    "TooManySucceededPods",
                    "Too many succeeded pods running after completion count reached".into(),
                    COMPONENT,
                );
            }
            event(
                c,
                &*job,
                EventType::Normal,
                "Completed",
                "Job completed".into(),
                COMPONENT,
            );
        }
        Some(Finish::Failure(reason, message)) => {
            c.jobs.backoff.remove(&uid);
            event(c, &*job, EventType::Warning, reason, message, COMPONENT);
        }
        None => {}
    }
}

/// A condition's reason as one of the controller's own (what an interim condition written in an
/// earlier sync carries over to the final one).
fn static_reason(reason: Option<&str>) -> &'static str {
    const KNOWN: &[&str] = &[
        "CompletionsReached",
        "SuccessPolicy",
        "BackoffLimitExceeded",
        "DeadlineExceeded",
        "PodFailurePolicy",
        "MaxFailedIndexesExceeded",
        "FailedIndexes",
    ];
    KNOWN
        .iter()
        .find(|k| Some(**k) == reason)
        .copied()
        .unwrap_or("BackoffLimitExceeded")
}

fn ns(p: &Pod) -> &str {
    p.metadata.namespace.as_deref().unwrap_or_default()
}

fn name(p: &Pod) -> &str {
    p.metadata.name.as_deref().unwrap_or_default()
}

/// Takes the tracking finalizer off a Pod the controller has counted.
fn release(c: &mut Cluster, p: &Pod) {
    let Some(now) = c.store.pods.get(ns(p), name(p)) else {
        return;
    };
    if !has_tracking_finalizer(now) {
        return;
    }
    let mut next = now.clone();
    if let Some(f) = next.metadata.finalizers.as_mut() {
        f.retain(|f| f != TRACKING_FINALIZER);
    }
    if next.metadata.finalizers.as_ref().is_some_and(Vec::is_empty) {
        next.metadata.finalizers = None;
    }
    c.store.put(next);
}

/// `deleteJobPods` for one Pod: the finalizer first (so the Pod is not counted later), then the
/// delete. True when the Pod was there.
fn remove_pod(c: &mut Cluster, job: &Job, p: &Pod) -> bool {
    release(c, p);
    let (ns, name) = (ns(p).to_string(), name(p).to_string());
    if delete_pod(c, &ns, &name, None) {
        event(
            c,
            job,
            EventType::Normal,
            "SuccessfulDelete",
            format!("Deleted pod: {name}"),
            COMPONENT,
        );
        true
    } else {
        false
    }
}

/// `newBackoffRecord`: failures since the newest success, and when the last one finished.
fn record_backoff(c: &mut Cluster, uid: &str, succeeded: &[Rc<Pod>], failed: &[Rc<Pod>]) {
    if succeeded.is_empty() && failed.is_empty() {
        return;
    }
    let record = c.jobs.backoff.entry(uid.to_string()).or_default();
    let newest_success = succeeded.iter().map(|p| policy::finished_at(p)).max();
    let failures: Vec<Millis> = failed
        .iter()
        .map(|p| policy::finished_at(p))
        .filter(|t| newest_success.is_none_or(|s| *t > s))
        .collect();
    if newest_success.is_some() {
        *record = Backoff::default();
    }
    record.failures += failures.len() as u32;
    if let Some(last) = failures.iter().max() {
        record.last = record.last.max(*last);
    }
}

/// `pastBackoffLimitOnFailure`: with restartPolicy OnFailure, the restarts of the Pods still
/// running count toward backoffLimit.
fn past_backoff_limit_on_failure(spec: &JobSpec, pods: &[Rc<Pod>]) -> bool {
    let restart = spec
        .template
        .spec
        .as_ref()
        .and_then(|s| s.restart_policy.as_deref());
    if restart != Some("OnFailure") {
        return false;
    }
    let restarts: i64 = pods
        .iter()
        .filter(|p| matches!(phase(p), "Running" | "Pending"))
        .flat_map(|p| {
            p.status.iter().flat_map(|s| {
                s.container_statuses
                    .iter()
                    .flatten()
                    .chain(s.init_container_statuses.iter().flatten())
            })
        })
        .map(|cs| i64::from(cs.restart_count))
        .sum();
    let limit = i64::from(spec.backoff_limit.unwrap_or(6));
    if limit == 0 {
        restarts > 0
    } else {
        restarts >= limit
    }
}

struct Counts<'a> {
    succeeded: i32,
    succeeded_indexes: &'a BTreeSet<i32>,
    failed_indexes: &'a BTreeSet<i32>,
    only_replace_failed: bool,
}

/// `manageJob`: deletes Pods above what the Job wants active, or creates the missing ones once
/// the back-off allows; returns `status.active`.
fn manage(
    c: &mut Cluster,
    job: &Rc<Job>,
    spec: &JobSpec,
    active_pods: &[Rc<Pod>],
    pods: &[Rc<Pod>],
    counts: Counts<'_>,
) -> i32 {
    let now = c.now();
    let active = active_pods.len() as i32;
    if spec.suspend == Some(true) {
        for p in active_pods.iter().take(MAX_PER_SYNC) {
            remove_pod(c, job, p);
        }
        return 0;
    }
    let parallelism = spec.parallelism.unwrap_or(1).max(0);
    let want = match spec.completions {
        None if counts.succeeded > 0 => active,
        None => parallelism,
        Some(n) => (n - counts.succeeded).clamp(0, parallelism),
    };
    let indexed = spec.completion_mode.as_deref() == Some("Indexed");
    let completions = spec.completions.unwrap_or(0);
    if active > want {
        let mut doomed: Vec<Rc<Pod>> = active_pods.to_vec();
        deletion_order(c, &mut doomed);
        if indexed {
            // Duplicates of an index go first (the newest of each stays).
            let mut seen = BTreeSet::new();
            let (dupes, rest): (Vec<_>, Vec<_>) =
                doomed.iter().rev().cloned().partition(|p| {
                    !indexed::index_of(p, completions).is_some_and(|i| seen.insert(i))
                });
            doomed = dupes.into_iter().chain(rest.into_iter().rev()).collect();
        }
        let n = (active - want) as usize;
        for p in doomed.iter().take(n.min(MAX_PER_SYNC)) {
            remove_pod(c, job, p);
        }
        return active - n as i32;
    }
    let terminating = pods
        .iter()
        .filter(|p| {
            p.metadata.deletion_timestamp.is_some() && !matches!(phase(p), "Succeeded" | "Failed")
        })
        .count() as i32;
    let block = if counts.only_replace_failed {
        terminating
    } else {
        0
    };
    let diff = want - block - active;
    if diff <= 0 {
        return active;
    }
    let uid = job.metadata.uid.clone().unwrap_or_default();
    if spec.backoff_limit_per_index.is_none() {
        let record = c.jobs.backoff.get(&uid).copied().unwrap_or_default();
        let wait = policy::remaining(record.failures, record.last, now);
        if wait > 0 {
            c.wake_at(now + wait.max(SECOND));
            // As upstream: while it waits, the sync reports no active Pods.
            return 0;
        }
    }
    let mut created = 0;
    if indexed {
        let busy: BTreeSet<i32> = pods
            .iter()
            .filter(|p| {
                is_active(p)
                    || (counts.only_replace_failed
                        && p.metadata.deletion_timestamp.is_some()
                        && !matches!(phase(p), "Succeeded" | "Failed"))
            })
            .filter_map(|p| indexed::index_of(p, completions))
            .collect();
        let mut next_wake: Option<Millis> = None;
        let mut due = Vec::new();
        // `getPodsWithDelayedDeletionPerIndex`: each index's last failed Pod (the most failures
        // before it, finished no earlier), looked up once (not once per index).
        let mut last_failed: BTreeMap<i32, &Rc<Pod>> = BTreeMap::new();
        if spec.backoff_limit_per_index.is_some() {
            for p in pods.iter().filter(|p| phase(p) == "Failed") {
                if let Some(i) = indexed::index_of(p, completions) {
                    let later = |last: &Pod| {
                        indexed::absolute_failure_count(last) <= indexed::absolute_failure_count(p)
                            && policy::finished_at(p) >= policy::finished_at(last)
                    };
                    if last_failed.get(&i).is_none_or(|last| later(last)) {
                        last_failed.insert(i, p);
                    }
                }
            }
        }
        for i in 0..completions.min(indexed::MAX_INDEX) {
            if due.len() >= diff as usize {
                break;
            }
            if busy.contains(&i)
                || counts.succeeded_indexes.contains(&i)
                || counts.failed_indexes.contains(&i)
            {
                continue;
            }
            // Per-index back-off: the index's last failed Pod says how many failures came
            // before (`getRemainingTimePerIndex`, ignored ones included) and what the
            // replacement carries (`getNewIndexFailureCounts`).
            let mut counts_for_new = (0, 0);
            if let Some(last) = last_failed.get(&i) {
                let failures = indexed::absolute_failure_count(last).saturating_add(1);
                let wait =
                    policy::remaining(failures.max(0) as u32, policy::finished_at(last), now);
                if wait > 0 {
                    let at = now + wait.max(SECOND);
                    next_wake = Some(next_wake.map_or(at, |w: Millis| w.min(at)));
                    continue;
                }
                let ignored = spec
                    .pod_failure_policy
                    .as_ref()
                    .and_then(|policy| policy::match_failure(policy, last))
                    == Some(Action::Ignore);
                let (f, g) = (
                    indexed::failure_count(last),
                    indexed::ignored_failure_count(last),
                );
                counts_for_new = if ignored {
                    (f, g.saturating_add(1))
                } else {
                    (f.saturating_add(1), g)
                };
            }
            due.push((i, counts_for_new));
        }
        if let Some(at) = next_wake {
            c.wake_at(at);
        }
        // A refused create ends the batch, as a failed slow-start batch skips the rest.
        for (i, counts) in due.into_iter().take(MAX_PER_SYNC) {
            if !create(c, job, spec, Some((i, counts))) {
                break;
            }
            created += 1;
        }
    } else {
        for _ in 0..(diff as usize).min(MAX_PER_SYNC) {
            if !create(c, job, spec, None) {
                break;
            }
            created += 1;
        }
    }
    active + created
}

/// One Pod of the Job (`GetPodFromTemplate` with the Job's additions): `<job>-` and five
/// characters, or for an index `<job>-<index>-`, with its index annotation, label, hostname and
/// `JOB_COMPLETION_INDEX`, and the tracking finalizer.
fn create(c: &mut Cluster, job: &Job, spec: &JobSpec, index: Option<(i32, (i32, i32))>) -> bool {
    let ns = job.metadata.namespace.clone().unwrap_or_default();
    let job_name = job.metadata.name.clone().unwrap_or_default();
    let mut template = spec.template.clone();
    let prefix = match index {
        Some((i, (failures, ignored))) => {
            let meta = template.metadata.get_or_insert_with(Default::default);
            let annotations = meta.annotations.get_or_insert_with(BTreeMap::new);
            annotations.insert(indexed::COMPLETION_INDEX.into(), i.to_string());
            if spec.backoff_limit_per_index.is_some() {
                annotations.insert(indexed::FAILURE_COUNT.into(), failures.to_string());
                if ignored > 0 {
                    annotations.insert(indexed::IGNORED_FAILURE_COUNT.into(), ignored.to_string());
                }
            }
            meta.labels
                .get_or_insert_with(BTreeMap::new)
                .insert(indexed::COMPLETION_INDEX.into(), i.to_string());
            if let Some(s) = template.spec.as_mut() {
                s.hostname = Some(format!("{job_name}-{i}"));
                for ct in s
                    .containers
                    .iter_mut()
                    .chain(s.init_containers.iter_mut().flatten())
                {
                    let env = ct.env.get_or_insert_with(Vec::new);
                    if !env.iter().any(|e| e.name == "JOB_COMPLETION_INDEX") {
                        env.push(EnvVar {
                            name: "JOB_COMPLETION_INDEX".into(),
                            value: None,
                            value_from: Some(EnvVarSource {
                                field_ref: Some(ObjectFieldSelector {
                                    api_version: Some("v1".into()),
                                    field_path: format!(
                                        "metadata.labels['{}']",
                                        indexed::COMPLETION_INDEX
                                    ),
                                }),
                                ..Default::default()
                            }),
                        });
                    }
                }
            }
            let suffix = format!("-{i}-");
            let keep = MAX_PREFIX.saturating_sub(suffix.len());
            format!("{}{suffix}", cut(&job_name, keep))
        }
        None => cut(&format!("{job_name}-"), MAX_PREFIX).to_string(),
    };
    let pod_name = c.generate_name::<Pod>(&ns, &prefix);
    if c.store.pods.len() >= c.max_pods {
        failed_create(c, job, &pod_name, COMPONENT);
        return false;
    }
    let mut pod = pod_from_template(&ns, pod_name.clone(), &template, &[], controller_ref(job));
    pod.metadata.finalizers = Some(vec![TRACKING_FINALIZER.into()]);
    c.created_meta(&mut pod.metadata, false);
    c.store.put(pod);
    event(
        c,
        job,
        EventType::Normal,
        "SuccessfulCreate",
        format!("Created pod: {pod_name}"),
        COMPONENT,
    );
    true
}

/// At most `max` bytes of an ASCII name (names are DNS labels; anything else is cut at a
/// character boundary).
fn cut(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}
