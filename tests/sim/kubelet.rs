use super::*;

/// kubelet's container restart back-off (pkg/kubelet/kuberuntime, flowcontrol.Backoff): 10 s doubling
/// to 5 min; kubectl shows CrashLoopBackOff while waiting.
#[test]
fn crash_loop_back_off_doubles() {
    let mut c = cluster(
        "apiVersion: v1
kind: Pod
metadata: {name: crash}
spec:
  containers: [{name: app, image: busybox:1.36, command: [sh, -c, 'sleep 1; exit 2']}]
",
    );
    // Started at 3 s (1 s sandbox, 2 s pull); each run lasts 1 s.
    let expect = [
        (3_500, "0", "Running"),
        (4_500, "1", "Running"),
        (5_500, "1", "CrashLoopBackOff"),
        (15_500, "2", "Running"),
        (16_500, "2", "CrashLoopBackOff"),
        (36_500, "3", "Running"),
        (77_500, "4", "Running"),
        (158_500, "5", "Running"),
    ];
    for (t, restarts, status) in expect {
        c.run_until(t);
        let p = &pods(&c)[0];
        assert_eq!(
            (p.3.as_str(), p.2.as_str()),
            (restarts, status),
            "at {t} ms"
        );
    }
    let backoff = events(&c, "BackOff");
    assert_eq!(backoff.len(), 1);
    assert!(
        backoff[0].starts_with("Back-off restarting failed container app in pod crash_default("),
        "{backoff:?}"
    );
    let e = c.events().iter().find(|e| e.reason == "BackOff").unwrap();
    assert_eq!(e.count, 4);
}

/// Init containers run one after another (kubectl shows Init:0/2, Init:1/2); a failing one restarts
/// with back-off (Init:Error, Init:CrashLoopBackOff) while the app waits.
#[test]
fn init_containers_run_in_order() {
    let mut c = cluster(
        "apiVersion: v1
kind: Pod
metadata: {name: init}
spec:
  initContainers:
  - {name: one, image: busybox:1.36, command: [sh, -c, 'sleep 5']}
  - {name: two, image: busybox:1.36, command: [sh, -c, 'sleep 5']}
  containers: [{name: app, image: example/app:1}]
",
    );
    c.run_until(4 * SECOND);
    assert_eq!(pods(&c)[0].2, "Init:0/2");
    c.run_until(9 * SECOND);
    assert_eq!(pods(&c)[0].2, "Init:1/2");
    c.run_until(20 * SECOND);
    assert_eq!(pods(&c)[0].2, "Running");
    let mut c = cluster(
        "apiVersion: v1
kind: Pod
metadata: {name: init}
spec:
  initContainers: [{name: migrate, image: busybox:1.36, command: [sh, -c, 'exit 1']}]
  containers: [{name: app, image: example/app:1}]
",
    );
    c.run_until(3_000);
    assert_eq!(pods(&c)[0].2, "Init:CrashLoopBackOff");
    let mut c = cluster(
        "apiVersion: v1
kind: Pod
metadata: {name: init}
spec:
  restartPolicy: Never
  initContainers: [{name: migrate, image: busybox:1.36, command: [sh, -c, 'exit 1']}]
  containers: [{name: app, image: example/app:1}]
",
    );
    c.run_until(5_000);
    assert_eq!(pods(&c)[0].2, "Init:Error");
}

/// Missing config (kubelet_pods.go makeEnvironmentVariables): CreateContainerConfigError with the
/// kubelet's message, cleared once the ConfigMap appears; `optional: true` is respected.
#[test]
fn missing_config_blocks_the_container() {
    let pod = "apiVersion: v1
kind: Pod
metadata: {name: cfg}
spec:
  containers:
  - name: app
    image: example/app:1
    env:
    - name: MODE
      valueFrom: {configMapKeyRef: {name: settings, key: mode}}
    - name: EXTRA
      valueFrom: {secretKeyRef: {name: extra, key: x, optional: true}}
";
    let mut c = cluster(pod);
    c.run_until(5 * SECOND);
    assert_eq!(pods(&c)[0].2, "CreateContainerConfigError");
    assert_eq!(
        events(&c, "Failed"),
        vec!["Error: configmap \"settings\" not found".to_string()]
    );
    c.apply(&load(&format!("{pod}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {{name: settings}}\ndata: {{other: x}}\n")));
    c.run_until(6 * SECOND);
    assert!(events(&c, "Failed")
        .contains(&"Error: couldn't find key mode in ConfigMap default/settings".to_string()));
    c.apply(&load(&format!("{pod}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {{name: settings}}\ndata: {{mode: fast}}\n")));
    c.run_until(7 * SECOND);
    assert_eq!(pods(&c)[0].2, "Running");
}

/// Graceful termination: a shell that ignores SIGTERM holds the Pod in Terminating for the whole
/// terminationGracePeriodSeconds; a server stops at once; prune deletes what left the text.
#[test]
fn pruned_pods_terminate_gracefully() {
    let text = "apiVersion: v1
kind: Pod
metadata: {name: sleeper}
spec:
  terminationGracePeriodSeconds: 20
  containers: [{name: app, image: busybox:1.36, command: [sleep, '3600']}]
---
apiVersion: v1
kind: Pod
metadata: {name: server}
spec:
  containers: [{name: app, image: nginx:1.27}]
";
    let mut c = cluster(text);
    c.run_until(10 * SECOND);
    let results = c.apply(&load(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n",
    ));
    let lines: Vec<_> = results.iter().map(|r| r.render()).collect();
    assert_eq!(
        lines,
        [
            "configmap/x created",
            "pod/server pruned",
            "pod/sleeper pruned"
        ]
    );
    c.run_until(11 * SECOND);
    assert_eq!(
        pods(&c),
        vec![(
            "sleeper".into(),
            "1/1".into(),
            "Terminating".into(),
            "0".into()
        )]
    );
    c.run_until(29_900);
    assert_eq!(pods(&c).len(), 1);
    c.run_until(30 * SECOND);
    assert!(pods(&c).is_empty());
}
