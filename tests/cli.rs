//! The `kubeplay` command line: output format and exit codes as DESIGN.md states them.

use std::io::Write;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_kubeplay");

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str], stdin: Option<&str>) -> Run {
    run_in(&[], args, stdin)
}

/// `run` with the locale variables `env` sets and no other: the machine's own locale never leaks in.
fn run_in(env: &[(&str, &str)], args: &[&str], stdin: Option<&str>) -> Run {
    let mut command = Command::new(BIN);
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        command.env_remove(var);
    }
    command.envs(env.iter().copied());
    let mut child = command
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kubeplay runs");
    if let Some(input) = stdin {
        // A usage error may exit before reading standard input; that is not a failure of the test.
        let _ = child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input.as_bytes());
    } else {
        drop(child.stdin.take());
    }
    let out = child.wait_with_output().expect("kubeplay finishes");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn temp_file(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("kubeplay-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write fixture");
    path.to_string_lossy().into_owned()
}

const GOOD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels: {app: web, tier: frontend}\nspec:\n  containers:\n  - {name: c, image: nginx}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  labels: {app: web}\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: token\n";
const BAD: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: three\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - {name: c, image: nginx}\n";
const WARN_ONLY: &str = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: nothing}\n  ports:\n  - port: 80\n";

#[test]
fn check_clean_file_exits_0_and_prints_nothing() {
    let f = temp_file("good.yaml", GOOD);
    let r = run(&["check", &f], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "");
}

#[test]
fn check_errors_exit_1_with_file_line_col() {
    let f = temp_file("bad.yaml", BAD);
    let r = run(&["check", &f], None);
    assert_eq!(r.code, 1);
    let first = r.stdout.lines().next().unwrap_or_default();
    assert!(first.starts_with(&format!("{f}:6:13: error: ")), "{first}");
    assert!(first.contains("json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32"), "{first}");
    assert!(
        r.stderr.contains("1 error(s), 0 warning(s)"),
        "{}",
        r.stderr
    );
}

#[test]
fn check_warnings_alone_exit_0() {
    let f = temp_file("warn.yaml", WARN_ONLY);
    let r = run(&["check", &f], None);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.starts_with(&format!(
            "{f}:6:3: warning: Service \"web\" selects no Pods"
        )),
        "{}",
        r.stdout
    );
}

#[test]
fn check_reads_stdin_and_several_files() {
    let r = run(&["check", "-"], Some(BAD));
    assert_eq!(r.code, 1);
    assert!(r.stdout.starts_with("<stdin>:6:13: error:"), "{}", r.stdout);
    let good = temp_file("good2.yaml", GOOD);
    let warn = temp_file("warn2.yaml", WARN_ONLY);
    let r = run(&["check", &good, &warn], None);
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout.lines().count(), 1);
}

#[test]
fn check_usage_and_input_errors_exit_2() {
    assert_eq!(run(&["check"], None).code, 2);
    let r = run(&["check", "/no/such/file.yaml"], None);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("/no/such/file.yaml"), "{}", r.stderr);
    assert_eq!(run(&[], None).code, 2);
    assert_eq!(run(&["frobnicate"], None).code, 2);
    assert_eq!(run(&["--help"], None).code, 0);
}

#[test]
fn select_string_syntax() {
    let f = temp_file("sel.yaml", GOOD);
    let r = run(&["select", "-l", "app=web", &f], None);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (0, "Pod/web\nConfigMap/settings\n")
    );
    let r = run(&["select", "-l", "app=web,tier in (frontend)", &f], None);
    assert_eq!(r.stdout, "Pod/web\n");
    let r = run(&["select", "-l", "!app", &f], None);
    assert_eq!(r.stdout, "Secret/token\n");
    let r = run(&["select", "--selector=app notin (web)", &f], None);
    assert_eq!(r.stdout, "Secret/token\n");
    let r = run(&["select", "-l", "app=nothing", &f], None);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));
}

#[test]
fn select_label_selector_object() {
    let f = temp_file("sel2.yaml", GOOD);
    let r = run(
        &[
            "select",
            "-l",
            "{matchExpressions: [{key: tier, operator: Exists}]}",
            &f,
        ],
        None,
    );
    assert_eq!((r.code, r.stdout.as_str()), (0, "Pod/web\n"));
    let r = run(
        &["select", "-l", "{matchLabels: {app: web}}", "-"],
        Some(GOOD),
    );
    assert_eq!(r.stdout, "Pod/web\nConfigMap/settings\n");
}

#[test]
fn select_invalid_selector_exits_2_with_message() {
    let f = temp_file("sel3.yaml", GOOD);
    let r = run(&["select", "-l", "app in (web", &f], None);
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    assert!(
        r.stderr
            .contains("unable to parse requirement: found '', expected: ',' or ')'"),
        "{}",
        r.stderr
    );
    let r = run(
        &[
            "select",
            "-l",
            "{matchExpressions: [{key: a, operator: Equals, values: [x]}]}",
            &f,
        ],
        None,
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("not a valid selector operator"),
        "{}",
        r.stderr
    );
    assert_eq!(run(&["select", &f], None).code, 2);
    assert_eq!(run(&["select", "-l", "a=b"], None).code, 2);
    assert_eq!(run(&["select", "-l"], None).code, 2);
}

const WEB_V1: &str = "apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: 'nginx:1.27', ports: [{containerPort: 80}]}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80}]
";

#[test]
fn simulate_prints_the_cluster_as_kubectl_get_would() {
    let r = run(&["simulate", "-", "--for", "30s"], Some(WEB_V1));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stderr,
        "deployment.apps/web created\nservice/web created\n"
    );
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        ["NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE"]
    );
    let pod = lines[1].split_whitespace().collect::<Vec<_>>();
    assert!(pod[0].starts_with("pod/web-"), "{pod:?}");
    assert_eq!(pod[1..5], ["1/1", "Running", "0", "30s"]);
    assert!(
        r.stdout
            .contains("deployment.apps/web   2/2     2            2           30s"),
        "{}",
        r.stdout
    );
}

#[test]
fn simulate_json_is_byte_identical_across_runs_and_holds_events() {
    let v2 = temp_file("web-v2.yaml", &WEB_V1.replace("nginx:1.27", "nginx:1.28"));
    let arg = format!("30s={v2}");
    let a = run(
        &[
            "simulate",
            "-",
            "--apply-at",
            &arg,
            "--for",
            "2m",
            "-o",
            "json",
        ],
        Some(WEB_V1),
    );
    let b = run(
        &[
            "simulate",
            "-",
            "--apply-at",
            &arg,
            "--for",
            "2m",
            "-o",
            "json",
        ],
        Some(WEB_V1),
    );
    assert_eq!(a.code, 0, "{}", a.stderr);
    assert_eq!(a.stdout, b.stdout);
    let list: serde_json::Value = serde_json::from_str(&a.stdout).expect("json");
    assert_eq!(list["kind"], "List");
    let items = list["items"].as_array().expect("items");
    let images: Vec<&str> = items
        .iter()
        .filter(|i| i["kind"] == "Pod")
        .map(|i| i["spec"]["containers"][0]["image"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(images, ["nginx:1.28", "nginx:1.28"]);
    assert!(items
        .iter()
        .any(|i| i["kind"] == "Event" && i["reason"] == "ScalingReplicaSet"));
    let yaml = run(
        &["simulate", "-", "--for", "5s", "-o", "yaml"],
        Some(WEB_V1),
    );
    assert!(
        yaml.stdout
            .starts_with("apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Namespace\n"),
        "{}",
        &yaml.stdout[..200.min(yaml.stdout.len())]
    );
}

#[test]
fn simulate_watch_prints_one_json_object_per_change() {
    let r = run(&["simulate", "-", "--for", "10s", "--watch"], Some(WEB_V1));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let changes: Vec<serde_json::Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert!(changes.len() > 10);
    assert_eq!(changes[0]["type"], "ADDED");
    assert_eq!(changes[0]["object"]["kind"], "Deployment");
    assert!(changes.iter().any(|c| c["type"] == "MODIFIED"
        && c["object"]["kind"] == "Pod"
        && c["object"]["status"]["phase"] == "Running"));
    // The Events come too, as `kubectl get events --watch -o json` shows them: each one ADDED when
    // first recorded, after the change that caused it.
    let event = |reason: &str| {
        changes.iter().position(|c| {
            c["type"] == "ADDED"
                && c["object"]["kind"] == "Event"
                && c["object"]["reason"] == reason
        })
    };
    let scheduled = event("Scheduled").expect("a Scheduled event");
    assert_eq!(changes[scheduled]["object"]["apiVersion"], "v1");
    assert_eq!(
        changes[scheduled]["object"]["involvedObject"]["kind"],
        "Pod"
    );
    let bound = changes
        .iter()
        .position(|c| c["object"]["kind"] == "Pod" && !c["object"]["spec"]["nodeName"].is_null())
        .expect("a Pod bound to a node");
    assert!(bound < scheduled, "the binding is printed before its event");
    assert!(event("ScalingReplicaSet").is_some());
}

#[test]
fn simulate_usage_errors_exit_2() {
    for args in [
        vec!["simulate"],
        vec!["simulate", "-", "--for", "5x"],
        vec!["simulate", "-", "-o", "wide"],
        vec!["simulate", "-", "--apply-at", "10s"],
    ] {
        let r = run(&args, Some(WEB_V1));
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
    }
    let r = run(&["simulate", "-", "--for", "5x"], Some(WEB_V1));
    assert!(
        r.stderr
            .contains("time: unknown unit \"x\" in duration \"5x\""),
        "{}",
        r.stderr
    );
}

/// The CLI is for CI over whole clusters' worth of YAML: 100,000 objects are read and checked, none
/// ignored, and a mistake in the last one is still found (the page's 5,000-object guard is not the
/// CLI's).
#[test]
fn check_reads_100000_objects() {
    let mut text = String::with_capacity(100_000 * 80);
    for i in 0..99_999 {
        text.push_str(&format!(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c-{i}\ndata:\n  k: v\n---\n"
        ));
    }
    text.push_str("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n");
    let f = temp_file("big.yaml", &text);
    let r = run(&["check", &f], None);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{}", &r.stdout[..r.stdout.len().min(500)]);
    assert!(
        lines[0].starts_with(&format!("{f}:699997:9: error: ")),
        "{}",
        lines[0]
    );
    assert!(
        lines[0].contains("metadata.name: Invalid value: \"Bad_Name\""),
        "{}",
        lines[0]
    );
}

/// `check` on several files prints each file's diagnostics in the order the files were given,
/// whichever core checked them.
#[test]
fn check_prints_files_in_the_order_given() {
    let files: Vec<String> = (0..6)
        .map(|i| {
            temp_file(
                &format!("order-{i}.yaml"),
                &format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad{i}\n"),
            )
        })
        .collect();
    let args: Vec<&str> = std::iter::once("check")
        .chain(files.iter().map(String::as_str))
        .collect();
    let r = run(&args, None);
    assert_eq!(r.code, 1);
    let named: Vec<&str> = r
        .stdout
        .lines()
        .map(|l| l.split(':').next().unwrap_or(""))
        .collect();
    let want: Vec<&str> = files.iter().map(String::as_str).collect();
    assert_eq!(named, want);
}

#[test]
fn kubeplays_own_messages_follow_lang_and_the_locale_kubernetes_words_stay_english() {
    let f = temp_file(
        "lang.yaml",
        "apiVersion: apps/v1\nkind: Deploymnet\nmetadata:\n  name: web\n",
    );
    // Korean: the message is the API server's, word for word; the hint and the summary are Korean.
    let want_ko = format!(
        "{f}:2:7: error: no matches for kind \"Deploymnet\" in version \"apps/v1\" (hint: kind: Deployment을(를) 쓰려던 것인가?)\n"
    );
    let want_en = format!(
        "{f}:2:7: error: no matches for kind \"Deploymnet\" in version \"apps/v1\" (hint: did you mean kind: Deployment?)\n"
    );
    for (env, args, want, summary) in [
        (
            &[][..],
            &["--lang", "ko", "check"][..],
            &want_ko,
            "오류 1개, 경고 0개",
        ),
        (
            &[][..],
            &["check", "--lang=ko"][..],
            &want_ko,
            "오류 1개, 경고 0개",
        ),
        (
            &[("LANG", "ko_KR.UTF-8")][..],
            &["check"][..],
            &want_ko,
            "오류 1개, 경고 0개",
        ),
        (
            &[("LC_ALL", "ko_KR.UTF-8"), ("LANG", "en_US.UTF-8")][..],
            &["check"][..],
            &want_ko,
            "오류 1개, 경고 0개",
        ),
        // LC_ALL comes first, as POSIX has it; an empty one is skipped.
        (
            &[("LC_ALL", "en_US.UTF-8"), ("LANG", "ko_KR.UTF-8")][..],
            &["check"][..],
            &want_en,
            "1 error(s), 0 warning(s)",
        ),
        (
            &[("LC_ALL", ""), ("LANG", "ko_KR.UTF-8")][..],
            &["check"][..],
            &want_ko,
            "오류 1개, 경고 0개",
        ),
        // --lang wins over the locale; C and POSIX are English.
        (
            &[("LANG", "ko_KR.UTF-8")][..],
            &["--lang", "en", "check"][..],
            &want_en,
            "1 error(s), 0 warning(s)",
        ),
        (
            &[("LANG", "C.UTF-8")][..],
            &["check"][..],
            &want_en,
            "1 error(s), 0 warning(s)",
        ),
        (
            &[][..],
            &["check"][..],
            &want_en,
            "1 error(s), 0 warning(s)",
        ),
    ] {
        let mut args = args.to_vec();
        args.push(&f);
        let r = run_in(env, &args, None);
        assert_eq!(r.code, 1, "{env:?} {args:?}: {}", r.stderr);
        assert_eq!(&r.stdout, want, "{env:?} {args:?}");
        assert_eq!(r.stderr.trim_end(), summary, "{env:?} {args:?}");
    }
}

#[test]
fn usage_in_korean_and_a_bad_lang_is_a_usage_error() {
    let r = run_in(&[("LANG", "ko_KR.UTF-8")], &["--help"], None);
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with("사용법:"), "{}", r.stdout);
    assert!(
        r.stdout.contains("kubeplay simulate FILE..."),
        "commands and flags stay as typed"
    );
    let r = run_in(&[("LANG", "ko_KR.UTF-8")], &["frobnicate"], None);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with("kubeplay: 알 수 없는 명령 \"frobnicate\""),
        "{}",
        r.stderr
    );
    for args in [&["--lang", "fr", "check"][..], &["check", "--lang"][..]] {
        let r = run(args, None);
        assert_eq!(r.code, 2, "{args:?}");
        assert!(r.stderr.starts_with("kubeplay: "), "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains("usage:"), "{args:?}: {}", r.stderr);
    }
    let r = run(&["--lang", "fr", "check"], None);
    assert!(
        r.stderr
            .starts_with("kubeplay: unknown language \"fr\": expected en or ko"),
        "{}",
        r.stderr
    );
}

/// `kubeplay simulate` of the claim example: the pv and pvc tables as kubectl prints them
/// (printPersistentVolume, printPersistentVolumeClaim), and `-o json` with both sides of the
/// binding and the protection finalizers.
#[test]
fn simulate_shows_storage_bindings() {
    let out = run(
        &["simulate", "static/examples/pv-pvc.yaml", "--for", "30s"],
        None,
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains(
        "persistentvolumeclaim/notes   Bound    pv-small   2Gi        RWO            manual         <unset>"
    ), "{}", out.stdout);
    assert!(out.stdout.contains("persistentvolume/pv-small   2Gi        RWO            Retain           Bound    default/notes   manual"), "{}", out.stdout);
    let out = run(
        &[
            "simulate",
            "static/examples/pv-pvc.yaml",
            "--for",
            "30s",
            "-o",
            "json",
        ],
        None,
    );
    let list: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    let item = |kind: &str| {
        list["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["kind"] == kind)
            .cloned()
            .unwrap()
    };
    let (pv, pvc) = (item("PersistentVolume"), item("PersistentVolumeClaim"));
    assert_eq!(pvc["spec"]["volumeName"], "pv-small");
    assert_eq!(pvc["status"]["phase"], "Bound");
    assert_eq!(pv["spec"]["claimRef"]["name"], "notes");
    assert_eq!(pv["spec"]["claimRef"]["uid"], pvc["metadata"]["uid"]);
    assert_eq!(pv["status"]["phase"], "Bound");
    assert_eq!(
        pvc["metadata"]["finalizers"][0],
        "kubernetes.io/pvc-protection"
    );
    assert_eq!(
        pv["metadata"]["finalizers"][0],
        "kubernetes.io/pv-protection"
    );
    assert_eq!(
        pvc["metadata"]["annotations"]["pv.kubernetes.io/bind-completed"],
        "yes"
    );
}

#[test]
fn cron_prints_the_next_runs_in_the_zone_then_words() {
    // DESIGN.md: the next N run times, one RFC 3339 line each in the zone's offset, then the
    // description. 2026-01-02 is a Friday; weekdays at 09:30 in Seoul (UTC+9).
    let r = run(
        &[
            "cron",
            "30 9 * * 1-5",
            "--from",
            "2026-01-01T10:00:00Z",
            "--count",
            "3",
            "--tz",
            "Asia/Seoul",
        ],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(
        lines[..3],
        [
            "2026-01-02T09:30:00+09:00",
            "2026-01-05T09:30:00+09:00",
            "2026-01-06T09:30:00+09:00"
        ]
    );
    assert_eq!(lines.len(), 4, "{}", r.stdout);
    assert!(!lines[3].is_empty());
    // UTC prints Z, as Go's RFC3339 layout does.
    let r = run(
        &[
            "cron",
            "@hourly",
            "--from=2026-01-01T00:00:00Z",
            "--count=1",
        ],
        None,
    );
    assert_eq!(r.stdout.lines().next(), Some("2026-01-01T01:00:00Z"));
    let ko = run(
        &[
            "--lang",
            "ko",
            "cron",
            "*/5 * * * *",
            "--from",
            "2026-01-01T00:00:00Z",
            "--count",
            "1",
        ],
        None,
    );
    let words = ko.stdout.lines().last().unwrap_or_default();
    assert!(words.chars().any(|c| ('가'..='힣').contains(&c)), "{words}");
}

#[test]
fn cron_errors_are_robfigs_and_exit_2() {
    // robfig/cron v3 parser.go messages, as the API server returns them.
    let cases: &[(&[&str], &str)] = &[
        (
            &["cron", "*/5 * * *"],
            "expected exactly 5 fields, found 4: [*/5 * * *]",
        ),
        (
            &["cron", "5-70 * * * *"],
            "end of range (70) above maximum (59): 5-70",
        ),
        (
            &["cron", "TZ=UTC * * * * *"],
            "cannot use TZ or CRON_TZ in schedule, use timeZone field instead",
        ),
        (
            &["cron", "@daily", "--tz", "Mars/Olympus"],
            "unknown time zone Mars/Olympus",
        ),
    ];
    for (args, message) in cases {
        let r = run(args, None);
        assert_eq!(r.code, 2, "{args:?}");
        assert!(r.stderr.contains(message), "{args:?}: {}", r.stderr);
        assert!(r.stdout.is_empty());
    }
    for args in [
        &["cron"][..],
        &["cron", "* * * * *", "--count", "0"],
        &["cron", "* * * * *", "--from", "yesterday"],
    ] {
        assert_eq!(run(args, None).code, 2, "{args:?}");
    }
}

#[test]
fn simulate_runs_jobs_to_completion() {
    let file = temp_file(
        "job.yaml",
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pi\nspec:\n  completions: 2\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: pi\n        image: perl:5.34\n        command: [sh, -c, 'sleep 3']\n",
    );
    let r = run(&["simulate", &file, "--for", "1m"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("job.batch/pi   Complete   2/2"),
        "{}",
        r.stdout
    );
}

#[test]
fn logs_prints_what_the_container_wrote() {
    // DESIGN.md: `kubeplay logs POD FILE... [--for D] [--previous]`, as `kubectl logs` prints.
    let pod = "apiVersion: v1
kind: Pod
metadata:
  name: hello
spec:
  restartPolicy: Never
  containers:
  - name: main
    image: busybox:1.36
    command: [sh, -c, 'for i in 1 2 3; do echo \"tick $i at $(date +%T)\"; sleep 5; done']
";
    let r = run(&["logs", "hello", "-", "--for", "12s"], Some(pod));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "tick 1 at 00:00:03\ntick 2 at 00:00:08\n");
    let r = run(&["logs", "pod/hello", "-"], Some(pod));
    assert_eq!(r.stdout.lines().count(), 3, "{}", r.stdout);
    let r = run(&["logs", "hello", "-", "--previous"], Some(pod));
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("previous terminated container \"main\" in pod \"hello\" not found"),
        "{}",
        r.stderr
    );
    let r = run(&["logs", "nope", "-"], Some(pod));
    assert_eq!(
        (r.code, r.stderr.trim()),
        (1, "Error from server (NotFound): pods \"nope\" not found")
    );
    let r = run(&["logs", "hello"], None);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("logs needs the name of a Pod"),
        "{}",
        r.stderr
    );
}

const GRAPH_MANIFEST: &str = "apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {app: frontend}}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: app, image: nginx:1.27}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80}]
";

/// `kubeplay graph`: the manifest's graph by default (a template's Pods as one stack), the
/// cluster's with --simulate; SVG, DOT or JSON; usage errors exit 2.
#[test]
fn graph_prints_the_manifest_or_the_cluster_as_svg_dot_or_json() {
    let svg = run(&["graph", "-"], Some(GRAPH_MANIFEST));
    assert_eq!(svg.code, 0, "{}", svg.stderr);
    assert!(svg
        .stdout
        .starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.stdout.trim_end().ends_with("</svg>"));
    assert!(svg.stdout.contains("2 Pods of Deployment web"));

    let dot = run(&["graph", "-o", "dot", "-"], Some(GRAPH_MANIFEST));
    assert_eq!(dot.code, 0, "{}", dot.stderr);
    assert!(dot.stdout.starts_with("digraph kubeplay {"));
    assert!(dot
        .stdout
        .contains("\"Service/default/web\" -> \"Pod/default/web-*\" [label=\"selects: spec.selector app=web\""));

    let json = run(
        &["graph", "--simulate", "1m", "-ojson", "-"],
        Some(GRAPH_MANIFEST),
    );
    assert_eq!(json.code, 0, "{}", json.stderr);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    let nodes = v["nodes"].as_array().unwrap();
    let pods: Vec<&str> = nodes
        .iter()
        .filter(|n| n["kind"] == "Pod")
        .map(|n| n["name"].as_str().unwrap())
        .collect();
    assert_eq!(pods.len(), 2, "{pods:?}");
    assert!(pods.iter().all(|p| p.starts_with("web-")));
    let selects = v["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["link"] == "selects" && e["from"] == "Service/default/web")
        .count();
    assert_eq!(selects, 2);
    assert!(nodes
        .iter()
        .all(|n| n["x"].is_number() && n["y"].is_number()));

    let folded = run(
        &["graph", "--simulate", "1m", "--collapse", "-o", "dot", "-"],
        Some(GRAPH_MANIFEST),
    );
    assert!(
        folded.stdout.contains("2 Pods of ReplicaSet web-"),
        "{}",
        folded.stdout
    );

    let bad = run(&["graph", "-o", "png", "-"], Some(GRAPH_MANIFEST));
    assert_eq!(bad.code, 2);
    assert!(bad
        .stderr
        .contains("unknown output format \"png\": expected svg, dot or json"));
    assert_eq!(run(&["graph"], None).code, 2);
    let ko = run(&["--lang", "ko", "graph", "-"], Some(GRAPH_MANIFEST));
    assert!(
        ko.stdout.contains("파드"),
        "the stack is captioned in Korean"
    );
}

#[test]
fn kubectl_prints_as_kubectl_and_exits_with_its_status() {
    let file = temp_file("kubectl.yaml", GOOD);
    let ok = run(&["kubectl", &file, "--", "get", "pods", "-o", "wide"], None);
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    assert!(
        ok.stdout
            .starts_with("NAME   READY   STATUS    RESTARTS   AGE   IP"),
        "{}",
        ok.stdout
    );
    assert!(
        ok.stdout.contains("web    1/1     Running"),
        "{}",
        ok.stdout
    );
    let cm = run(
        &[
            "kubectl",
            &file,
            "--",
            "get",
            "cm",
            "settings",
            "-o",
            "jsonpath={.metadata.labels.app}",
        ],
        None,
    );
    assert_eq!((cm.stdout.as_str(), cm.code), ("web", 0));
    let missing = run(&["kubectl", &file, "--", "get", "pods", "nope"], None);
    assert_eq!(missing.code, 1);
    assert_eq!(
        missing.stderr,
        "Error from server (NotFound): pods \"nope\" not found\n"
    );
    let typo = run(&["kubectl", &file, "--", "get", "pdos"], None);
    assert_eq!(
        (typo.code, typo.stderr.as_str()),
        (
            1,
            "error: the server doesn't have a resource type \"pdos\"\n"
        )
    );
    // kubeplay's own usage errors exit 2.
    assert_eq!(run(&["kubectl", "--", "get", "pods"], None).code, 2);
    assert_eq!(run(&["kubectl", &file], None).code, 2);
    assert_eq!(
        run(&["kubectl", &file, "--nope", "--", "get", "pods"], None).code,
        2
    );
    let script = temp_file(
        "steps.txt",
        "kubectl get cm\n10s: kubectl delete cm settings\nkubectl get cm settings\n",
    );
    let s = run(&["kubectl", &file, "--script", &script], None);
    assert_eq!(s.code, 1, "the last command's status");
    assert!(s.stdout.contains("$ kubectl delete cm settings\nconfigmap \"settings\" deleted\n$ kubectl get cm settings\nError from server (NotFound): configmaps \"settings\" not found\n"), "{}", s.stdout);
    // A node fault in a script: the node is NotReady a minute later (node lifecycle controller's
    // 50 s grace period).
    let script = temp_file(
        "faults.txt",
        "kubeplay node stop-kubelet kind-worker\n1m: kubectl get nodes kind-worker --no-headers\n",
    );
    let s = run(&["kubectl", &file, "--script", &script], None);
    assert_eq!(s.code, 0, "{}", s.stderr);
    assert!(s.stdout.contains("$ kubeplay node stop-kubelet kind-worker\nkubelet stopped on kind-worker\n$ kubectl get nodes kind-worker --no-headers\nkind-worker   NotReady   <none>"), "{}", s.stdout);
}
