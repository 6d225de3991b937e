//! `kubectl rollout` and `kubectl set image` over a Deployment rolling out, each expectation from
//! kubectl's `pkg/polymorphichelpers` (rollout_status.go and its _test.go, history.go,
//! rollback.go) and `pkg/cmd/rollout`, `pkg/cmd/set/set_image_test.go`.

use crate::sim::kubectl::drain::tests::play;
use crate::sim::kubectl::Console;
use crate::sim::time::{MINUTE, SECOND};
use crate::sim::Cluster;

const WEB: &str = "apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx:1.27}, {name: log, image: busybox:1.36, command: [sleep, '3600']}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  replicas: 2
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: postgres:16}]
";

fn cluster() -> Cluster {
    let mut c = Cluster::new();
    c.apply(&crate::manifest::load(WEB));
    c.run_until(MINUTE);
    c
}

fn images(c: &Cluster) -> Vec<String> {
    let d = c.store.deployments.get("default", "web").unwrap();
    d.spec
        .as_ref()
        .and_then(|s| s.template.spec.as_ref())
        .map(|s| {
            s.containers
                .iter()
                .filter_map(|c| c.image.clone())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn set_image_changes_the_template_and_status_follows_the_rollout() {
    let mut c = cluster();
    let mut console = Console::new();
    let o = console.run(&mut c, "kubectl rollout status deployment/web");
    assert_eq!(o.stdout, "deployment \"web\" successfully rolled out\n");
    assert!(!o.follows);
    let cases: &[(&str, &str, &str)] = &[
        (
            "kubectl set image deploy/web web=nginx:1.28",
            "deployment.apps/web image updated\n",
            "",
        ),
        // Nothing changes: nothing printed.
        ("kubectl set image deploy/web web=nginx:1.28", "", ""),
        (
            "kubectl set image deploy/web nope=x",
            "",
            "error: unable to find container named \"nope\"\n",
        ),
        (
            "kubectl set image deploy/web",
            "",
            "error: at least one image update is required\n",
        ),
        (
            "kubectl set image svc/kubernetes a=b",
            "",
            "error: service/kubernetes the object does not have a pod template\n",
        ),
        (
            "kubectl set image deploy/nope a=b",
            "",
            "Error from server (NotFound): deployments.apps \"nope\" not found\n",
        ),
    ];
    for (line, stdout, stderr) in cases {
        let o = console.run(&mut c, line);
        assert_eq!(
            (o.stdout.as_str(), o.stderr.as_str()),
            (*stdout, *stderr),
            "{line}"
        );
    }
    assert_eq!(images(&c), ["nginx:1.28", "busybox:1.36"]);
    // rollout status waits, saying each step once, until the rollout is done.
    let o = console.run(&mut c, "kubectl rollout status deploy/web");
    assert!(o.follows, "{o:?}");
    assert!(
        o.stdout
            .starts_with("Waiting for deployment \"web\" rollout to finish: "),
        "{}",
        o.stdout
    );
    let later = play(&mut c, &mut console, MINUTE);
    assert!(
        later.ends_with("deployment \"web\" successfully rolled out\n"),
        "{later}"
    );
    assert!(
        later.contains("old replicas are pending termination...\n"),
        "{later}"
    );
    let lines: Vec<&str> = later.lines().collect();
    assert!(lines.windows(2).all(|w| w[0] != w[1]), "{later}");
    // --watch=false says where it is and ends.
    console.run(&mut c, "kubectl set image deploy/web *=nginx:1.29");
    let o = console.run(&mut c, "kubectl rollout status deploy/web --watch=false");
    assert!(
        !o.follows && o.stdout.starts_with("Waiting for deployment"),
        "{o:?}"
    );
    assert_eq!(images(&c), ["nginx:1.29", "nginx:1.29"]);
}

#[test]
fn history_lists_revisions_and_undo_goes_back() {
    let mut c = cluster();
    let mut console = Console::new();
    console.run(
        &mut c,
        "kubectl annotate deploy/web kubernetes.io/change-cause=first",
    );
    c.run_until(c.now() + SECOND);
    console.run(&mut c, "kubectl set image deploy/web web=nginx:1.28");
    console.run(
        &mut c,
        "kubectl annotate deploy/web kubernetes.io/change-cause=second --overwrite",
    );
    c.run_until(c.now() + MINUTE);
    let o = console.run(&mut c, "kubectl rollout history deployment web");
    assert_eq!(
        o.stdout,
        "deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         first\n2         second\n\n"
    );
    let o = console.run(&mut c, "kubectl rollout history deploy/web --revision=1");
    assert!(
        o.stdout
            .starts_with("deployment.apps/web with revision #1\nPod Template:\n"),
        "{}",
        o.stdout
    );
    assert!(
        o.stdout.contains("nginx:1.27") && !o.stdout.contains("pod-template-hash"),
        "{}",
        o.stdout
    );
    let o = console.run(&mut c, "kubectl rollout history deploy/web --revision=7");
    assert_eq!(o.stderr, "error: unable to find the specified revision\n");
    // undo: back to the previous revision, which becomes revision 3.
    let o = console.run(&mut c, "kubectl rollout undo deploy/web");
    assert_eq!(o.stdout, "deployment.apps/web rolled back\n");
    assert_eq!(images(&c)[0], "nginx:1.27");
    c.run_until(c.now() + MINUTE);
    let o = console.run(&mut c, "kubectl rollout history deploy/web");
    assert_eq!(
        o.stdout,
        "deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         second\n3         first\n\n"
    );
    let o = console.run(&mut c, "kubectl rollout undo deploy/web --to-revision=3");
    assert_eq!(
        o.stdout,
        "deployment.apps/web skipped rollback (current template already matches revision 3)\n"
    );
    let o = console.run(&mut c, "kubectl rollout undo deploy/web --to-revision=9");
    assert_eq!(
        o.stderr,
        "error: unable to find specified revision 9 in history\n"
    );
    let o = console.run(&mut c, "kubectl rollout undo sts/db");
    assert_eq!(o.stderr, "error: rollbacker of a StatefulSet reads its ControllerRevisions, which the simulated cluster does not keep\n");
}

#[test]
fn pause_resume_and_restart() {
    let mut c = cluster();
    let mut console = Console::new();
    let web = |c: &Cluster| -> Vec<String> {
        c.store
            .pods
            .in_namespace("default")
            .filter_map(|p| p.metadata.name.clone())
            .filter(|n| n.starts_with("web-"))
            .collect()
    };
    let before = web(&c);
    let cases: &[(&str, &str, &str)] = &[
        ("kubectl rollout pause deploy/web", "deployment.apps/web paused\n", ""),
        ("kubectl rollout pause deploy/web", "", "error: deployments.apps \"web\" is already paused\n"),
        ("kubectl rollout restart deploy/web", "", "error: can't restart paused deployment (run rollout resume first)\n"),
        ("kubectl rollout undo deploy/web", "", "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n"),
        ("kubectl rollout resume deploy/web", "deployment.apps/web resumed\n", ""),
        ("kubectl rollout resume deploy/web", "", "error: deployments.apps \"web\" is not paused\n"),
        ("kubectl rollout pause sts/db", "", "error: statefulsets.apps \"db\" pausing is not supported\n"),
        ("kubectl rollout restart sts/db", "statefulset.apps/db restarted\n", ""),
        ("kubectl rollout restart deploy/web", "deployment.apps/web restarted\n", ""),
        ("kubectl rollout bogus deploy/web", "", "error: unknown command \"bogus\" for \"kubectl rollout\"\n"),
        ("kubectl rollout status", "", "error: required resource not specified\nSee 'kubectl rollout status -h' for help and examples\n"),
    ];
    for (line, stdout, stderr) in cases {
        let o = console.run(&mut c, line);
        assert_eq!(
            (o.stdout.as_str(), o.stderr.as_str()),
            (*stdout, *stderr),
            "{line}"
        );
    }
    // The restart annotation changes the template: every Pod is replaced.
    c.run_until(c.now() + 2 * MINUTE);
    let after = web(&c);
    assert_eq!(after.len(), 3);
    assert!(
        after.iter().all(|p| !before.contains(p)),
        "{before:?} {after:?}"
    );
    // The API server defaults a StatefulSet's partition to 0, so kubectl speaks of a partitioned
    // roll out (rollout_status.go StatefulSetStatusViewer).
    let o = console.run(&mut c, "kubectl rollout status sts/db");
    assert_eq!(
        o.stdout,
        "partitioned roll out complete: 2 new pods have been updated...\n"
    );
}
