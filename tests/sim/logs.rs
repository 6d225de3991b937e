//! `kubectl logs`: what a container printed, replayed from its command at the virtual times it ran
//! (the seeds' pingpong Job and CronJob, busybox `date`'s format, `--previous` after a restart),
//! and kubectl's errors (staging/src/k8s.io/kubectl/pkg/cmd/logs, the kubelet's messages).

use super::*;
use kubeplay::cluster::logs;

const MINUTE: i64 = 60 * SECOND;

/// The Pods' names, oldest first.
fn names(c: &Cluster) -> Vec<String> {
    let mut pods: Vec<(i64, String)> = c
        .store()
        .pods
        .values()
        .map(|p| {
            let at =
                kubeplay::sim::time::millis_of(p.metadata.creation_timestamp.as_ref().unwrap());
            (at, p.metadata.name.clone().unwrap_or_default())
        })
        .collect();
    pods.sort();
    pods.into_iter().map(|p| p.1).collect()
}

const PINGPONG: &str = "apiVersion: batch/v1
kind: Job
metadata:
  name: pingpong
spec:
  parallelism: 3
  template:
    spec:
      containers:
      - name: pingpong
        image: gihyodocker/alpine:bash
        command: [\"/bin/sh\"]
        args:
        - \"-c\"
        - |
          echo [`date`] ping!
          sleep 10
          echo [`date`] pong!
      restartPolicy: Never
";

#[test]
fn the_pingpong_job_stamps_each_line_with_the_time_it_was_written() {
    // The container starts 3 s after its Pod (sandbox 1 s, first pull 2 s); busybox `date`
    // prints `Thu Jan  1 00:00:03 UTC 2026`, and the unquoted backticks split it into words, so
    // echo joins them with single spaces, as sh does.
    let mut c = cluster(PINGPONG);
    c.run_until(8 * SECOND);
    let pod = names(&c)[0].clone();
    assert_eq!(
        logs(&c, "default", &pod, None, false).unwrap(),
        "[Thu Jan 1 00:00:03 UTC 2026] ping!\n"
    );
    c.run_until(MINUTE);
    assert_eq!(
        logs(&c, "default", &pod, None, false).unwrap(),
        "[Thu Jan 1 00:00:03 UTC 2026] ping!\n[Thu Jan 1 00:00:13 UTC 2026] pong!\n"
    );
    // A finished container's log stays as it was.
    c.run_until(10 * MINUTE);
    assert!(logs(&c, "default", &pod, None, false)
        .unwrap()
        .ends_with("00:00:13 UTC 2026] pong!\n"));
}

#[test]
fn a_cron_job_prints_one_stamped_line_per_run() {
    let text = "apiVersion: batch/v1
kind: CronJob
metadata:
  name: ping
spec:
  schedule: \"*/1 * * * *\"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: ping
            image: busybox:1.36
            command: [sh, -c, 'echo \"[$(date)] ping!\"']
";
    let mut c = cluster(text);
    c.run_until(3 * MINUTE + 30 * SECOND);
    let lines: Vec<String> = names(&c)
        .iter()
        .map(|p| logs(&c, "default", p, None, false).unwrap())
        .collect();
    // Quoted, so `date`'s two spaces before a one-digit day stay.
    assert_eq!(
        lines,
        [
            "[Thu Jan  1 00:01:03 UTC 2026] ping!\n",
            "[Thu Jan  1 00:02:01 UTC 2026] ping!\n",
            "[Thu Jan  1 00:03:01 UTC 2026] ping!\n",
        ]
    );
}

#[test]
fn previous_shows_the_run_before_a_restart() {
    // restartPolicy OnFailure: the container restarts in place; `--previous` replays
    // lastState.terminated, and without a restart there is none.
    let text = "apiVersion: v1
kind: Pod
metadata:
  name: flaky
spec:
  restartPolicy: OnFailure
  containers:
  - name: main
    image: busybox:1.36
    command: [sh, -c, 'echo start at $(date +%T); sleep 2; echo giving up; exit 1']
";
    let mut c = cluster(text);
    c.run_until(4 * SECOND);
    assert_eq!(
        logs(&c, "default", "flaky", None, true).unwrap_err(),
        "Error from server (BadRequest): previous terminated container \"main\" in pod \"flaky\" not found"
    );
    // A later run (after the back-off) is still going: its first line only; the one before it
    // is the previous.
    c.run_until(18 * SECOND);
    let now = logs(&c, "default", "flaky", None, false).unwrap();
    let before = logs(&c, "default", "flaky", None, true).unwrap();
    assert_eq!(before, "start at 00:00:05\ngiving up\n");
    assert_eq!(now, "start at 00:00:17\n");
    // Waiting in CrashLoopBackOff, the kubelet shows the last run (validateContainerLogStatus).
    c.run_until(30 * SECOND);
    assert_eq!(
        logs(&c, "default", "flaky", None, false).unwrap(),
        "start at 00:00:17\ngiving up\n"
    );
}

#[test]
fn the_environment_and_hostname_are_the_pods() {
    // The downward API (fieldRef) and literal values reach the script; an Indexed Job's Pod is
    // named `<job>-<index>` as its hostname, with JOB_COMPLETION_INDEX from its label.
    let text = "apiVersion: batch/v1
kind: Job
metadata:
  name: work
spec:
  completions: 2
  parallelism: 2
  completionMode: Indexed
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox:1.36
        env:
        - {name: GREETING, value: hello}
        - name: NS
          valueFrom: {fieldRef: {fieldPath: metadata.namespace}}
        command: [sh, -c, 'echo $GREETING from $(hostname) in $NS, index $JOB_COMPLETION_INDEX']
";
    let mut c = cluster(text);
    c.run_until(MINUTE);
    let mut out: Vec<String> = names(&c)
        .iter()
        .map(|p| logs(&c, "default", p, None, false).unwrap())
        .collect();
    out.sort();
    assert_eq!(
        out,
        [
            "hello from work-0 in default, index 0\n",
            "hello from work-1 in default, index 1\n"
        ]
    );
}

#[test]
fn kubectls_errors() {
    let text = "apiVersion: v1
kind: Pod
metadata:
  name: two
spec:
  containers:
  - {name: web, image: nginx:1.27}
  - {name: side, image: busybox:1.36, command: [sh, -c, 'echo side car; sleep infinity']}
";
    let mut c = cluster(text);
    assert_eq!(
        logs(&c, "default", "nope", None, false).unwrap_err(),
        "Error from server (NotFound): pods \"nope\" not found"
    );
    assert_eq!(
        logs(&c, "default", "two", Some("side"), false).unwrap_err(),
        "Error from server (BadRequest): container \"side\" in pod \"two\" is waiting to start: ContainerCreating"
    );
    assert_eq!(
        logs(&c, "default", "two", Some("db"), false).unwrap_err(),
        "Error from server (BadRequest): container db is not valid for pod two"
    );
    c.run_until(20 * SECOND);
    assert_eq!(
        logs(&c, "default", "two", Some("side"), false).unwrap(),
        "side car\n"
    );
    // Without -c, kubectl picks the first container and says so.
    assert_eq!(
        logs(&c, "default", "two", None, false).unwrap(),
        "Defaulted container \"web\" out of: web, side\n"
    );
}

#[test]
fn a_program_the_shell_does_not_know_takes_the_time_the_kubelet_gave_it() {
    // behaviour.rs: in a Pod that does not restart, an unknown program is a 5 s task, both for
    // when the container exits and for what its log shows after it; a server (restartPolicy
    // Always) runs until stopped, so what follows it never prints.
    let pod = |restart: &str| {
        format!(
            "apiVersion: v1
kind: Pod
metadata:
  name: task
spec:
  restartPolicy: {restart}
  containers:
  - name: main
    image: busybox:1.36
    command: [sh, -c, 'echo start; ./work --hard; echo done at $(date +%T)']
"
        )
    };
    let mut c = cluster(&pod("Never"));
    c.run_until(MINUTE);
    assert_eq!(pods(&c)[0].2, "Completed");
    assert_eq!(
        logs(&c, "default", "task", None, false).unwrap(),
        "start\ndone at 00:00:08\n"
    );
    let mut c = cluster(&pod("Always"));
    c.run_until(MINUTE);
    assert_eq!(logs(&c, "default", "task", None, false).unwrap(), "start\n");
}
