//! The CronJob controller (pkg/controller/cronjob/cronjob_controllerv2.go, utils.go): one Job
//! per scheduled time, named by its minute since the Unix epoch. The cluster's clock starts at
//! 2026-01-01T00:00:00Z (minute 29,453,760).

use super::*;

fn cron_job(name: &str, spec: &str, command: &str) -> String {
    format!(
        "apiVersion: batch/v1
kind: CronJob
metadata:
  name: {name}
spec:
{spec}
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: main
            image: busybox:1.36
            command: [sh, -c, '{command}']
"
    )
}

fn jobs(c: &Cluster) -> Vec<String> {
    c.store()
        .jobs
        .values()
        .map(|j| j.metadata.name.clone().unwrap_or_default())
        .collect()
}

const MINUTE: i64 = 60 * SECOND;

#[test]
fn every_minute_makes_one_job_a_minute() {
    // syncCronJob step 13: `<cronjob>-<minutes>`, the scheduled-timestamp annotation in UTC,
    // SuccessfulCreate "Created job", SawCompletedJob once it finishes.
    let mut c = cluster(&cron_job("tick", "  schedule: \"* * * * *\"", "sleep 5"));
    c.run_until(5 * MINUTE + 30 * SECOND);
    assert_eq!(
        events(&c, "SuccessfulCreate")
            .iter()
            .filter(|m| m.starts_with("Created job"))
            .count(),
        5
    );
    // History: successfulJobsHistoryLimit 3 keeps the newest three.
    assert_eq!(
        jobs(&c),
        vec!["tick-29453763", "tick-29453764", "tick-29453765"]
    );
    let job = c.store().jobs.get("default", "tick-29453765").unwrap();
    assert_eq!(
        job.metadata.annotations.as_ref().unwrap()
            ["batch.kubernetes.io/cronjob-scheduled-timestamp"],
        "2026-01-01T00:05:00Z"
    );
    assert!(events(&c, "SawCompletedJob")
        .contains(&"Saw completed job: tick-29453761, condition: Complete".to_string()));
    assert_eq!(
        events(&c, "SuccessfulDelete").first().map(String::as_str),
        Some("Deleted job tick-29453761")
    );
    let cj = c.store().cron_jobs.get("default", "tick").unwrap();
    let st = cj.status.clone().unwrap();
    assert_eq!(
        st.last_schedule_time.unwrap().0.to_string(),
        "2026-01-01T00:05:00Z"
    );
    assert!(st.active.is_none());
}

#[test]
fn concurrency_policies() {
    // Forbid: JobAlreadyActive while one runs (and the missed time runs late once it ends);
    // Replace: the running Job is deleted; Allow: they overlap.
    let run = |policy: &str| {
        let mut c = cluster(&cron_job(
            "slow",
            &format!("  schedule: \"* * * * *\"\n  concurrencyPolicy: {policy}"),
            "sleep 90",
        ));
        c.run_until(4 * MINUTE + 30 * SECOND);
        c
    };
    let c = run("Allow");
    assert_eq!(events(&c, "JobAlreadyActive").len(), 0);
    assert_eq!(jobs(&c).len(), 4);
    let c = run("Forbid");
    assert!(!events(&c, "JobAlreadyActive").is_empty());
    assert!(events(&c, "JobAlreadyActive").iter().all(|m| m
        == "Not starting job because prior execution is running and concurrency policy is Forbid"));
    assert!(jobs(&c).len() < 4, "{:?}", jobs(&c));
    let c = run("Replace");
    assert!(events(&c, "SuccessfulDelete")
        .iter()
        .any(|m| m.starts_with("Deleted job slow-")));
    let active = c
        .store()
        .cron_jobs
        .get("default", "slow")
        .unwrap()
        .status
        .clone()
        .unwrap()
        .active
        .unwrap_or_default();
    assert_eq!(active.len(), 1);
}

#[test]
fn a_starting_deadline_turns_a_late_run_into_a_miss() {
    // Step 9: scheduledTime + startingDeadlineSeconds < now → MissSchedule. A suspended
    // CronJob resumed 3 minutes late: without a deadline the latest missed time runs at once.
    let spec = "  schedule: \"* * * * *\"\n  suspend: true";
    let mut c = cluster(&cron_job("late", spec, "sleep 1"));
    c.run_until(3 * MINUTE + 30 * SECOND);
    assert!(jobs(&c).is_empty());
    c.apply(&load(&cron_job(
        "late",
        "  schedule: \"* * * * *\"\n  suspend: false",
        "sleep 1",
    )));
    c.run_until(3 * MINUTE + 31 * SECOND);
    assert_eq!(jobs(&c), vec!["late-29453763"]);

    let mut c = cluster(&cron_job(
        "late",
        &format!("{spec}\n  startingDeadlineSeconds: 10"),
        "sleep 1",
    ));
    c.run_until(3 * MINUTE + 30 * SECOND);
    c.apply(&load(&cron_job(
        "late",
        "  schedule: \"* * * * *\"\n  startingDeadlineSeconds: 10",
        "sleep 1",
    )));
    c.run_until(3 * MINUTE + 31 * SECOND);
    assert!(jobs(&c).is_empty(), "{:?}", jobs(&c));
    c.run_until(4 * MINUTE + 5 * SECOND);
    assert_eq!(jobs(&c), vec!["late-29453764"]);
}

#[test]
fn time_zones_move_the_schedule() {
    // utils.go: a timeZone runs the schedule in that zone; the annotation carries its offset.
    // 09:00 in Seoul (UTC+9) is 00:00 UTC, where the clock starts: the next is a day later.
    let mut c = cluster(&cron_job(
        "seoul",
        "  schedule: \"0 9 * * *\"\n  timeZone: Asia/Seoul",
        "sleep 1",
    ));
    c.run_until(24 * 60 * MINUTE + MINUTE);
    let names = jobs(&c);
    assert_eq!(names, vec!["seoul-29455200"], "{names:?}");
    let job = c.store().jobs.get("default", "seoul-29455200").unwrap();
    assert_eq!(
        job.metadata.annotations.as_ref().unwrap()
            ["batch.kubernetes.io/cronjob-scheduled-timestamp"],
        "2026-01-02T09:00:00+09:00"
    );
}

#[test]
fn an_unknown_time_zone_is_refused() {
    // validateTimeZone on create.
    let m = load(&cron_job(
        "tz",
        "  schedule: \"@hourly\"\n  timeZone: Mars/Olympus",
        "true",
    ));
    let d = m
        .diagnostics
        .iter()
        .find(|d| d.message.contains("unknown time zone"))
        .expect("a diagnostic");
    assert_eq!(
        d.message,
        "spec.timeZone: Invalid value: \"Mars/Olympus\": unknown time zone Mars/Olympus"
    );
    assert_eq!(d.span.start.line, 7, "at the timeZone field");
}

#[test]
fn history_limits_of_zero_keep_nothing_finished() {
    // cleanupFinishedJobs: a limit of 0 deletes each finished Job as soon as it is seen.
    let mut c = cluster(&cron_job(
        "tidy",
        "  schedule: \"* * * * *\"\n  successfulJobsHistoryLimit: 0",
        "sleep 1",
    ));
    c.run_until(3 * MINUTE + 30 * SECOND);
    assert!(jobs(&c).is_empty(), "{:?}", jobs(&c));
    assert_eq!(events(&c, "SuccessfulDelete").len(), 3);
    assert_eq!(c.store().pods.len(), 0, "the Jobs' Pods go with them");
    // `sync` runs syncCronJob before cleanupFinishedJobs: each Job's success is seen and recorded
    // before the limit deletes it.
    assert_eq!(events(&c, "SawCompletedJob").len(), 3);
    let cj = c.store().cron_jobs.values().next().expect("the CronJob");
    let last = cj
        .status
        .as_ref()
        .and_then(|s| s.last_successful_time.as_ref());
    assert!(
        last.is_some_and(|t| t.0.to_string().starts_with("2026-01-01T00:03:")),
        "{last:?}"
    );
}

#[test]
fn deleting_the_cron_job_takes_its_jobs() {
    // DeleteDependents for batch/v1 CronJobs: Jobs, then their Pods, by the garbage collector.
    let mut c = cluster(&cron_job("gone", "  schedule: \"* * * * *\"", "sleep 600"));
    c.run_until(2 * MINUTE + 10 * SECOND);
    assert_eq!(jobs(&c).len(), 2);
    c.apply(&load(""));
    c.run_until(3 * MINUTE);
    assert!(jobs(&c).is_empty());
}

#[test]
fn a_schedule_that_never_fires_is_invalid() {
    // utils.go mostRecentScheduleTime: robfig's zero time for `59 23 31 2 *` makes the two next
    // times less than a second apart → InvalidSchedule, and no Job.
    let mut c = cluster(&cron_job("never", "  schedule: \"59 23 31 2 *\"", "true"));
    c.run_until(2 * MINUTE);
    assert!(jobs(&c).is_empty());
    assert_eq!(
        events(&c, "InvalidSchedule"),
        vec!["invalid schedule: 59 23 31 2 * : time difference between two schedules is less than 1 second".to_string()]
    );
    // A starting deadline near the end of time does not overflow.
    let mut c = cluster(&cron_job(
        "far",
        "  schedule: \"* * * * *\"\n  startingDeadlineSeconds: 9223372036854775807",
        "true",
    ));
    c.run_until(2 * MINUTE + SECOND);
    assert_eq!(jobs(&c).len(), 2);
}

#[test]
fn the_timeline_keeps_every_run_and_marks_the_skipped_ones() {
    // The Timeline's picture (sim/timeline.rs): runs outlive the history limit; a Forbid
    // CronJob's JobAlreadyActive times are marked; scheduled times reach past now.
    use kubeplay::cluster::timeline_view;
    let mut c = cluster(&cron_job("tick", "  schedule: \"* * * * *\"", "sleep 5"));
    c.run_until(5 * MINUTE + 30 * SECOND);
    let v = timeline_view(&c);
    let lane = &v.lanes[0];
    assert_eq!(lane.kind, "CronJob");
    assert_eq!(
        lane.jobs.len(),
        5,
        "{:?}",
        lane.jobs.iter().map(|j| &j.name).collect::<Vec<_>>()
    );
    assert_eq!(
        lane.jobs.iter().filter(|j| j.exists).count(),
        3,
        "the history limit keeps three"
    );
    assert!(lane
        .jobs
        .iter()
        .all(|j| j.outcome == "Complete" && j.pods.len() == 1));
    assert_eq!(lane.jobs[0].scheduled, Some(MINUTE));
    assert!(
        lane.ticks.iter().any(|t| *t > c.now()),
        "ticks ahead of now"
    );
    assert_eq!(lane.next_runs.len(), 10);
    assert_eq!(lane.next_runs[0], "2026-01-01T00:06:00Z");

    let mut c = cluster(&cron_job(
        "slow",
        "  schedule: \"* * * * *\"\n  concurrencyPolicy: Forbid",
        "sleep 90",
    ));
    c.run_until(5 * MINUTE + 30 * SECOND);
    let lane = &timeline_view(&c).lanes[0];
    assert!(!lane.marks.is_empty());
    assert!(
        lane.marks
            .iter()
            .all(|m| m.reason == "JobAlreadyActive" && m.at % MINUTE == 0),
        "{:?}",
        lane.marks
    );
    // A bare Job has a lane of its own.
    let bare = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: once\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox:1.36\n        command: [sh, -c, 'sleep 1']\n";
    let mut c = cluster(bare);
    c.run_until(MINUTE);
    let v = timeline_view(&c);
    assert_eq!(
        (v.lanes[0].kind.as_str(), v.lanes[0].jobs.len()),
        ("Job", 1)
    );
    assert_eq!(v.lanes[0].jobs[0].outcome, "Complete");
}
