//! The Job controller (pkg/controller/job/job_controller.go), as `kubectl get jobs,pods` and the
//! events show it. Timings: a Pod's sandbox takes 1 s and its first image pull 2 s (`sim/mod.rs`),
//! so a container that runs `sleep N` finishes N + 3 s after its Pod is created.

use super::*;
use kubeplay::sim::print::tables;

fn job(spec: &str, command: &str, restart: &str) -> String {
    format!(
        "apiVersion: batch/v1
kind: Job
metadata:
  name: work
spec:
{spec}
  template:
    spec:
      restartPolicy: {restart}
      containers:
      - name: main
        image: busybox:1.36
        command: [sh, -c, '{command}']
"
    )
}

/// The `kubectl get jobs` row of `work`: STATUS, COMPLETIONS, DURATION.
fn row(c: &Cluster) -> (String, String, String) {
    let t = tables(c, false)
        .into_iter()
        .find(|t| t.resource == "jobs.batch")
        .expect("a jobs table");
    let r = &t.rows[0].cells;
    (r[1].clone(), r[2].clone(), r[3].clone())
}

fn phases(c: &Cluster) -> Vec<String> {
    pods(c).into_iter().map(|p| p.2).collect()
}

#[test]
fn completions_and_parallelism() {
    // manageJob: wantActive = min(completions - succeeded, parallelism); a work queue
    // (completions unset) starts parallelism Pods and none after the first success.
    let cases: &[(&str, usize, &str, usize)] = &[
        // (spec, Pods running at 4 s, COMPLETIONS at the end, Pods in all)
        ("  completions: 1", 1, "1/1", 1),
        ("  completions: 3\n  parallelism: 1", 1, "3/3", 3),
        ("  completions: 6\n  parallelism: 2", 2, "6/6", 6),
        ("  completions: 2\n  parallelism: 5", 2, "2/2", 2),
        ("  parallelism: 3", 3, "3/1 of 3", 3),
        ("  parallelism: 1", 1, "1/1", 1),
    ];
    for (spec, running, completions, total) in cases {
        let mut c = cluster(&job(spec, "sleep 5", "Never"));
        c.run_until(4 * SECOND);
        let active = phases(&c).iter().filter(|p| *p == "Running").count();
        assert_eq!(active, *running, "{spec}: running at 4s in {:?}", pods(&c));
        c.run_until(120 * SECOND);
        let (status, done, _) = row(&c);
        assert_eq!(
            (status.as_str(), done.as_str()),
            ("Complete", *completions),
            "{spec}"
        );
        assert_eq!(c.store().pods.len(), *total, "{spec}: {:?}", pods(&c));
        assert!(
            phases(&c).iter().all(|p| p == "Completed"),
            "{spec}: {:?}",
            pods(&c)
        );
    }
}

#[test]
fn a_finished_job_reads_complete_with_its_duration() {
    // printJob: DURATION = completionTime - startTime; events SuccessfulCreate and Completed.
    let mut c = cluster(&job("  completions: 1", "sleep 4", "Never"));
    c.run_until(2 * SECOND);
    assert_eq!(row(&c).0, "Running");
    c.run_until(60 * SECOND);
    assert_eq!(row(&c), ("Complete".into(), "1/1".into(), "7s".into()));
    let pod = pods(&c)[0].0.clone();
    assert!(pod.starts_with("work-"), "{pod}");
    assert_eq!(
        events(&c, "SuccessfulCreate"),
        vec![format!("Created pod: {pod}")]
    );
    assert_eq!(events(&c, "Completed"), vec!["Job completed".to_string()]);
    let job = c.store().jobs.get("default", "work").unwrap();
    let conds: Vec<(String, String)> = job
        .status
        .as_ref()
        .and_then(|s| s.conditions.clone())
        .unwrap_or_default()
        .into_iter()
        .map(|c| (c.type_, c.reason.unwrap_or_default()))
        .collect();
    // 1.33 (delayTerminalCondition): SuccessCriteriaMet, then Complete, same reason.
    assert_eq!(
        conds,
        vec![
            ("SuccessCriteriaMet".into(), "CompletionsReached".into()),
            ("Complete".into(), "CompletionsReached".into())
        ]
    );
    // The counted Pod lost its tracking finalizer, and nothing is left uncounted: syncJob writes
    // the empty list (`uncountedTerminatedPods: {}` in `kubectl get job -o yaml`).
    assert!(c
        .store()
        .pods
        .values()
        .all(|p| p.metadata.finalizers.is_none()));
    let st = serde_json::to_value(job.status.as_ref().unwrap()).unwrap();
    assert_eq!(st["uncountedTerminatedPods"], serde_json::json!({}));
}

#[test]
fn failed_pods_are_replaced_after_a_doubling_back_off() {
    // backoff_utils.go: 10 s, 20 s, 40 s after each failure in a row; the Job fails on the
    // failure past backoffLimit (failed > backoffLimit).
    let mut c = cluster(&job("  backoffLimit: 2", "exit 1", "Never"));
    let mut created = Vec::new();
    let mut last = 0;
    for t in 0..=200 {
        c.run_until(t * SECOND);
        let n = c.store().pods.len();
        if n != last {
            created.push(t);
            last = n;
        }
    }
    // Each Pod fails 3 s after it is made (sandbox, pull, then exit 1; the image is cached
    // after the first, so 1 s); then 10 s, then 20 s.
    assert_eq!(created.len(), 3, "{created:?} {:?}", pods(&c));
    let gaps: Vec<i64> = created.windows(2).map(|w| w[1] - w[0]).collect();
    assert!(gaps[0] >= 10 && gaps[0] <= 14, "{gaps:?}");
    assert!(gaps[1] >= 20 && gaps[1] <= 24, "{gaps:?}");
    assert_eq!(row(&c).0, "Failed");
    assert_eq!(
        events(&c, "BackoffLimitExceeded"),
        vec!["Job has reached the specified backoff limit".to_string()]
    );
    assert!(phases(&c).iter().all(|p| p == "Error"), "{:?}", pods(&c));
}

#[test]
fn on_failure_restarts_in_place_and_counts_toward_the_limit() {
    // pastBackoffLimitOnFailure: with OnFailure the container restarts in the same Pod, and
    // restarts >= backoffLimit fail the Job (its running Pod is deleted).
    let mut c = cluster(&job("  backoffLimit: 2", "exit 1", "OnFailure"));
    c.run_until(300 * SECOND);
    assert_eq!(row(&c).0, "Failed");
    assert_eq!(
        events(&c, "SuccessfulCreate").len(),
        1,
        "one Pod, restarted in place"
    );
    assert_eq!(
        events(&c, "BackoffLimitExceeded"),
        vec!["Job has reached the specified backoff limit".to_string()]
    );
    assert!(!events(&c, "SuccessfulDelete").is_empty());
}

#[test]
fn an_active_deadline_stops_the_job() {
    // pastActiveDeadline: now - startTime >= activeDeadlineSeconds → DeadlineExceeded; the
    // running Pods are deleted, and Failed comes once they are gone.
    let mut c = cluster(&job("  activeDeadlineSeconds: 10", "sleep 600", "Never"));
    c.run_until(9 * SECOND);
    assert_eq!(row(&c).0, "Running");
    c.run_until(11 * SECOND);
    let job = c.store().jobs.get("default", "work").unwrap().clone();
    let types: Vec<String> = job
        .status
        .unwrap()
        .conditions
        .unwrap()
        .into_iter()
        .map(|c| c.type_)
        .collect();
    assert_eq!(
        types,
        vec!["FailureTarget".to_string()],
        "Failed waits for the Pod to go"
    );
    c.run_until(120 * SECOND);
    assert_eq!(row(&c).0, "Failed");
    assert_eq!(
        events(&c, "DeadlineExceeded"),
        vec!["Job was active longer than specified deadline".to_string()]
    );
    assert_eq!(c.store().pods.len(), 0, "{:?}", pods(&c));
    let failed = c
        .store()
        .jobs
        .get("default", "work")
        .unwrap()
        .status
        .clone()
        .unwrap()
        .failed;
    assert_eq!(
        failed,
        Some(1),
        "a Pod deleted at a failure counts as failed"
    );
}

#[test]
fn ttl_after_finished_removes_the_job_and_its_pods() {
    // ttlafterfinished: deleted ttlSecondsAfterFinished after the Complete condition.
    let mut c = cluster(&job("  ttlSecondsAfterFinished: 30", "sleep 2", "Never"));
    c.run_until(10 * SECOND);
    assert_eq!(row(&c).0, "Complete");
    c.run_until(30 * SECOND);
    assert!(c.store().jobs.get("default", "work").is_some());
    c.run_until(40 * SECOND);
    assert!(c.store().jobs.get("default", "work").is_none());
    assert_eq!(c.store().pods.len(), 0);
}

#[test]
fn suspend_and_resume() {
    // syncJob: a suspended Job deletes its active Pods (not counted as failed) and says
    // Suspended; resuming starts Pods again and resets startTime.
    let text = job("  suspend: true\n  completions: 2", "sleep 5", "Never");
    let mut c = cluster(&text);
    c.run_until(10 * SECOND);
    assert_eq!(row(&c).0, "Suspended");
    assert_eq!(c.store().pods.len(), 0);
    assert_eq!(events(&c, "Suspended"), vec!["Job suspended".to_string()]);
    c.apply(&load(&text.replace("suspend: true", "suspend: false")));
    c.run_until(60 * SECOND);
    assert_eq!(events(&c, "Resumed"), vec!["Job resumed".to_string()]);
    assert_eq!(row(&c).0, "Complete");
    // Suspending a running Job removes its Pod without counting a failure.
    let mut c = cluster(&job("  completions: 1", "sleep 600", "Never"));
    c.run_until(5 * SECOND);
    c.apply(&load(&job(
        "  completions: 1\n  suspend: true",
        "sleep 600",
        "Never",
    )));
    c.run_until(60 * SECOND);
    let st = c
        .store()
        .jobs
        .get("default", "work")
        .unwrap()
        .status
        .clone()
        .unwrap();
    assert_eq!((st.failed, st.active), (None, None));
    assert_eq!(row(&c).0, "Suspended");
}

#[test]
fn only_a_suspended_job_that_never_started_may_move_its_pods() {
    // batch/validation.go validatePodTemplateUpdate with AllowMutableSchedulingDirectives, which
    // strategy.go sets from the *old* Job: suspended, and no startTime yet.
    let placed = |suspend: bool, node_selector: &str, image: &str| {
        format!(
            "apiVersion: batch/v1
kind: Job
metadata:
  name: work
spec:
  suspend: {suspend}
  template:
    metadata:
      labels: {{tier: {node_selector}}}
    spec:
      restartPolicy: Never
      nodeSelector: {{disk: {node_selector}}}
      containers:
      - name: main
        image: {image}
        command: [sleep, '5']
"
        )
    };
    let refused = |c: &mut Cluster, text: &str| {
        let results = c.apply(&load(text));
        results.iter().find(|r| r.is_error()).map(|r| r.render())
    };
    let mut c = cluster(&placed(true, "ssd", "busybox:1.36"));
    c.run_until(5 * SECOND);
    // Where the Pods go, and the template's labels, may change while it waits.
    assert_eq!(refused(&mut c, &placed(true, "hdd", "busybox:1.36")), None);
    // What they run may not.
    let message = refused(&mut c, &placed(true, "hdd", "busybox:1.37")).expect("refused");
    assert!(
        message.contains(
            "spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable"
        ),
        "{message}"
    );
    // A running Job that is suspended in the same apply is judged by its old spec: refused.
    let mut c = cluster(&placed(false, "ssd", "busybox:1.36"));
    c.run_until(5 * SECOND);
    let message = refused(&mut c, &placed(true, "hdd", "busybox:1.36")).expect("refused");
    assert!(message.contains("spec.template"), "{message}");
}

#[test]
fn indexed_jobs_run_each_index_once() {
    // indexed_job_utils.go: `<job>-<index>-` names, the completion-index annotation and label,
    // the hostname, JOB_COMPLETION_INDEX, and completedIndexes as intervals.
    let mut c = cluster(&job(
        "  completions: 3\n  parallelism: 3\n  completionMode: Indexed",
        "sleep 2",
        "Never",
    ));
    c.run_until(SECOND);
    let mut names: Vec<String> = c
        .store()
        .pods
        .values()
        .map(|p| p.metadata.name.clone().unwrap())
        .collect();
    names.sort();
    for (i, n) in names.iter().enumerate() {
        assert!(n.starts_with(&format!("work-{i}-")), "{names:?}");
    }
    let pod = c
        .store()
        .pods
        .values()
        .find(|p| p.metadata.name.as_ref().unwrap().starts_with("work-1-"))
        .unwrap();
    let index = "batch.kubernetes.io/job-completion-index";
    assert_eq!(pod.metadata.annotations.as_ref().unwrap()[index], "1");
    assert_eq!(pod.metadata.labels.as_ref().unwrap()[index], "1");
    let spec = pod.spec.as_ref().unwrap();
    assert_eq!(spec.hostname.as_deref(), Some("work-1"));
    let env = spec.containers[0].env.as_ref().unwrap();
    assert!(env.iter().any(|e| e.name == "JOB_COMPLETION_INDEX"));
    c.run_until(60 * SECOND);
    let st = c
        .store()
        .jobs
        .get("default", "work")
        .unwrap()
        .status
        .clone()
        .unwrap();
    assert_eq!(st.completed_indexes.as_deref(), Some("0-2"));
    assert_eq!(row(&c).1, "3/3");
}

#[test]
fn indexed_jobs_back_off_per_index() {
    // backoffLimitPerIndex: an index fails after its own limit; the others still run, and
    // the Job fails with FailedIndexes once every index is done or failed.
    let text = "apiVersion: batch/v1
kind: Job
metadata:
  name: work
spec:
  completions: 2
  parallelism: 2
  completionMode: Indexed
  backoffLimitPerIndex: 1
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox:1.36
        command: [sh, -c, 'sleep 1; exit 1']
";
    // Both indexes fail, once and once more after the per-index back-off.
    let mut c = cluster(text);
    c.run_until(300 * SECOND);
    let st = c
        .store()
        .jobs
        .get("default", "work")
        .unwrap()
        .status
        .clone()
        .unwrap();
    assert_eq!(row(&c).0, "Failed", "{:?}", pods(&c));
    assert_eq!(st.failed_indexes.as_deref(), Some("0,1"));
    assert_eq!(
        events(&c, "SuccessfulCreate").len(),
        4,
        "each index once, then once more"
    );
    assert_eq!(
        events(&c, "FailedIndexes"),
        vec!["Job has failed indexes".to_string()]
    );
}

/// A pod failure policy that lets exit code 42 go.
const IGNORE_42: &str = "  podFailurePolicy:
    rules:
    - action: Ignore
      onExitCodes: {operator: In, values: [42]}";

#[test]
fn ignored_failures_do_not_count_against_an_index_but_still_back_off() {
    // indexed_job_utils.go getNewIndexFailureCounts: a failure an Ignore rule matches adds to the
    // replacement's ignored-failure-count, not its failure-count, so the index never fails; and
    // getRemainingTimePerIndex backs off on both counts (10 s, then 20 s, ...).
    let text = job(
        &format!(
            "  completions: 1\n  completionMode: Indexed\n  backoffLimitPerIndex: 0\n{IGNORE_42}"
        ),
        "exit 42",
        "Never",
    );
    let mut c = cluster(&text);
    c.run_until(80 * SECOND);
    assert_eq!(row(&c).0, "Running", "{:?}", pods(&c));
    let st = c
        .store()
        .jobs
        .get("default", "work")
        .unwrap()
        .status
        .clone()
        .unwrap();
    assert_eq!(st.failed_indexes.as_deref(), Some(""));
    assert_eq!(st.failed, None, "ignored failures are not counted");
    let mut created: Vec<(i64, String, Option<String>)> = c
        .store()
        .pods
        .values()
        .map(|p| {
            let a = p.metadata.annotations.clone().unwrap_or_default();
            let at =
                kubeplay::sim::time::millis_of(p.metadata.creation_timestamp.as_ref().unwrap());
            let count = |k: &str| a.get(k).cloned();
            (
                at,
                count("batch.kubernetes.io/job-index-failure-count").unwrap_or_default(),
                count("batch.kubernetes.io/job-index-ignored-failure-count"),
            )
        })
        .collect();
    created.sort();
    let counts: Vec<(String, Option<String>)> =
        created.iter().map(|c| (c.1.clone(), c.2.clone())).collect();
    assert_eq!(
        counts[..3],
        [
            ("0".to_string(), None),
            ("0".to_string(), Some("1".to_string())),
            ("0".to_string(), Some("2".to_string())),
        ],
        "{created:?}"
    );
    // Each replacement waits longer than the one before: the back-off doubles.
    let gaps: Vec<i64> = created.windows(2).map(|w| w[1].0 - w[0].0).collect();
    assert!(gaps.windows(2).all(|g| g[1] > g[0]), "{gaps:?}");
}

#[test]
fn ignored_failures_of_a_job_still_delay_its_next_pod() {
    // newBackoffRecord takes every newly failed Pod: an ignored failure is not counted toward
    // backoffLimit, but the next Pod waits out the back-off all the same.
    let text = job(
        &format!("  backoffLimit: 0\n{IGNORE_42}"),
        "exit 42",
        "Never",
    );
    let mut c = cluster(&text);
    c.run_until(8 * SECOND);
    assert_eq!(
        c.store().pods.len(),
        1,
        "the replacement waits: {:?}",
        pods(&c)
    );
    c.run_until(40 * SECOND);
    assert!(c.store().pods.len() >= 2, "{:?}", pods(&c));
    assert_eq!(row(&c).0, "Running", "backoffLimit 0 is never reached");
}

#[test]
fn a_pod_failure_policy_fails_the_job_on_an_exit_code() {
    // pod_failure_policy.go: FailJob on exit code 42 → reason PodFailurePolicy at once.
    let text = "apiVersion: batch/v1
kind: Job
metadata:
  name: work
spec:
  backoffLimit: 6
  podFailurePolicy:
    rules:
    - action: FailJob
      onExitCodes: {operator: In, values: [42]}
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox:1.36
        command: [sh, -c, 'sleep 1; exit 42']
";
    let mut c = cluster(text);
    c.run_until(60 * SECOND);
    assert_eq!(row(&c).0, "Failed");
    let msg = events(&c, "PodFailurePolicy");
    assert_eq!(msg.len(), 1);
    assert!(
        msg[0].starts_with("Container main for pod default/work-")
            && msg[0].ends_with("failed with exit code 42 matching FailJob rule at index 0"),
        "{msg:?}"
    );
    assert_eq!(events(&c, "SuccessfulCreate").len(), 1, "no retry");
}

#[test]
fn the_generated_selector_and_labels() {
    // strategy.go generateSelector: controller-uid in the selector, both label spellings on
    // the template, and the Job's labels from its template when it has none.
    let c = cluster(&job("  completions: 1", "sleep 1", "Never"));
    let j = c.store().jobs.get("default", "work").unwrap();
    let uid = j.metadata.uid.clone().unwrap();
    let sel = j
        .spec
        .as_ref()
        .unwrap()
        .selector
        .clone()
        .unwrap()
        .match_labels
        .unwrap();
    assert_eq!(sel.get("batch.kubernetes.io/controller-uid"), Some(&uid));
    let labels = j.metadata.labels.clone().unwrap();
    for k in ["batch.kubernetes.io/controller-uid", "controller-uid"] {
        assert_eq!(labels.get(k), Some(&uid), "{k}");
    }
    for k in ["batch.kubernetes.io/job-name", "job-name"] {
        assert_eq!(labels.get(k).map(String::as_str), Some("work"), "{k}");
    }
}

#[test]
fn the_api_server_refuses_what_validation_refuses() {
    // validateJobSpec and ValidateJobSpecUpdate, through `kubectl apply`.
    // The checker sees the restart policy first; the object is not sent.
    let m = load(&job("  completions: 1", "sleep 1", "Always"));
    assert!(m.diagnostics.iter().any(|d| d.message == "spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\""));
    let mut c = Cluster::new();
    let r = c.apply(&m);
    assert_eq!(r[0].outcome, ApplyOutcome::Skipped);
    let mut c = cluster(&job("  completions: 1", "sleep 100", "Never"));
    let r = c.apply(&load(&job("  completions: 2", "sleep 100", "Never")));
    assert!(
        r[0].render()
            .contains("spec.completions: Invalid value: 2: field is immutable"),
        "{}",
        r[0].render()
    );
    let r = c.apply(&load(&job("  completions: 1", "sleep 7", "Never")));
    assert!(
        r[0].render().contains("spec.template: Invalid value"),
        "{}",
        r[0].render()
    );
}

#[test]
fn a_deadline_near_the_end_of_time_never_passes() {
    // pastActiveDeadline with activeDeadlineSeconds at i64's limit: no overflow, no failure.
    let mut c = Cluster::new();
    c.run_until(10 * SECOND);
    c.apply(&load(&job(
        "  activeDeadlineSeconds: 9223372036854775807",
        "sleep 2",
        "Never",
    )));
    c.run_until(60 * SECOND);
    assert_eq!(row(&c).0, "Complete");
}

#[test]
fn adding_parallelism_to_a_defaulted_job_is_accepted() {
    // kubectl apply's three-way merge keeps the completions the server defaulted (1): only a
    // change the manifest writes is judged immutable.
    let mut c = cluster(&job("  backoffLimit: 6", "sleep 100", "Never"));
    let r = c.apply(&load(&job(
        "  backoffLimit: 6\n  parallelism: 2",
        "sleep 100",
        "Never",
    )));
    assert!(!r[0].is_error(), "{}", r[0].render());
    let spec = c
        .store()
        .jobs
        .get("default", "work")
        .unwrap()
        .spec
        .clone()
        .unwrap();
    assert_eq!((spec.completions, spec.parallelism), (Some(1), Some(2)));
    // An Indexed Job with neither count is defaulted to one of each, then runs.
    let mut c = cluster(&job("  completionMode: Indexed", "sleep 1", "Never"));
    c.run_until(30 * SECOND);
    assert_eq!(row(&c), ("Complete".into(), "1/1".into(), "4s".into()));
}

#[test]
fn a_job_at_the_pod_limit_says_it_could_not_create() {
    // RealPodControl.CreatePods: the refusal is a FailedCreate event on the Job ("Error creating:
    // ..."); a sync's batch stops at its first refusal, and each later sync tries once more
    // (with a new generated name, so the events do not aggregate).
    let mut c = Cluster::new();
    c.set_max_pods(2);
    c.apply(&load(&job(
        "  completions: 4\n  parallelism: 4",
        "sleep 5",
        "Never",
    )));
    c.run_until(3 * SECOND);
    assert_eq!(pods(&c).len(), 2);
    let failed = events(&c, "FailedCreate");
    assert!(!failed.is_empty() && failed.len() < 20, "{failed:?}");
    assert!(
        failed
            .iter()
            .all(|m| m.starts_with("Error creating: pods \"work-")
                && m.ends_with("\" is forbidden: the simulated cluster holds at most 2 Pods")),
        "{failed:?}"
    );
    // Finished Pods stay (Completed) and still count, so the Job waits at 2/4.
    c.run_until(120 * SECOND);
    assert_eq!(row(&c).1, "2/4");
}
