//! `kubectl taint` and `kubectl drain` over a three-node cluster, each expectation from kubectl's
//! `pkg/cmd/taint/taint_test.go` and `utils_test.go`, `pkg/cmd/drain/drain_test.go` and
//! `pkg/drain/filters.go`, and the Eviction API's answers (eviction.go).

use crate::sim::kubectl::{Console, Output};
use crate::sim::time::{Millis, SECOND};
use crate::sim::Cluster;

const WORKLOADS: &str = "apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 4
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      affinity:
        nodeAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 100
            preference:
              matchExpressions: [{key: kubernetes.io/hostname, operator: In, values: [kind-worker]}]
      containers: [{name: web, image: nginx:1.27}]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: agent, image: busybox:1.36, command: [sleep, '3600']}]
";

const BARE: &str = "---
apiVersion: v1
kind: Pod
metadata: {name: bare}
spec:
  nodeName: kind-worker
  containers: [{name: app, image: nginx}]
---
apiVersion: v1
kind: Pod
metadata: {name: scratch}
spec:
  nodeName: kind-worker
  containers: [{name: app, image: nginx}]
  volumes: [{name: tmp, emptyDir: {}}]
";

const BUDGET: &str = "---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec:
  minAvailable: 3
  selector: {matchLabels: {app: web}}
";

fn cluster(text: &str) -> Cluster {
    let mut c = Cluster::new();
    c.apply(&crate::manifest::load(text));
    c.run_until(30 * SECOND);
    c
}

/// What a command that goes on printed while the clock ran on for `ms`, looked at after every
/// instant something happened and every second (as the CLI's script and the page's clock do).
pub(crate) fn play(c: &mut Cluster, console: &mut Console, ms: Millis) -> String {
    let mut said = String::new();
    let until = c.now() + ms;
    while c.now() < until {
        let next = (c.now() + SECOND).min(until);
        c.run_until_each(next, |c| {
            if let Some(o) = console.poll(c) {
                said.push_str(&o.stdout);
                said.push_str(&o.stderr);
            }
        });
    }
    said
}

fn on_node(c: &Cluster, node: &str) -> Vec<String> {
    c.store
        .pods
        .values()
        .filter(|p| p.spec.as_ref().and_then(|s| s.node_name.as_deref()) == Some(node))
        .filter_map(|p| p.metadata.name.clone())
        .collect()
}

fn taints(c: &Cluster, node: &str) -> Vec<String> {
    c.store
        .nodes
        .get("", node)
        .and_then(|n| n.spec.as_ref())
        .and_then(|s| s.taints.clone())
        .unwrap_or_default()
        .iter()
        .map(|t| {
            format!(
                "{}={}:{}",
                t.key,
                t.value.clone().unwrap_or_default(),
                t.effect
            )
        })
        .collect()
}

#[test]
fn taint_adds_and_removes_as_kubectl_does() {
    let mut c = cluster("");
    let mut console = Console::new();
    // (line, stdout, stderr, the node's taints after)
    let cases: &[(&str, &str, &str, &[&str])] = &[
        ("kubectl taint nodes kind-worker dedicated=db:NoSchedule", "node/kind-worker tainted\n", "", &["dedicated=db:NoSchedule"]),
        ("kubectl taint node kind-worker dedicated=web:NoSchedule", "", "error: node kind-worker already has dedicated taint(s) with same effect(s) and --overwrite is false\n", &["dedicated=db:NoSchedule"]),
        ("kubectl taint node kind-worker dedicated=web:NoSchedule --overwrite", "node/kind-worker modified\n", "", &["dedicated=web:NoSchedule"]),
        ("kubectl taint no kind-worker dedicated:NoExecute", "node/kind-worker tainted\n", "", &["dedicated=:NoExecute", "dedicated=web:NoSchedule"]),
        ("kubectl taint nodes kind-worker dedicated:NoSchedule-", "node/kind-worker untainted\n", "", &["dedicated=:NoExecute"]),
        ("kubectl taint nodes kind-worker dedicated-", "node/kind-worker untainted\n", "", &[]),
        ("kubectl taint nodes kind-worker dedicated-", "", "error: taint \"dedicated\" not found\n", &[]),
        ("kubectl taint nodes kind-worker a=b:Sometimes", "", "error: invalid taint effect: Sometimes, unsupported taint effect\nSee 'kubectl taint -h' for help and examples\n", &[]),
        ("kubectl taint nodes kind-worker a=b:c:NoSchedule", "", "error: invalid taint spec: a=b:c:NoSchedule\nSee 'kubectl taint -h' for help and examples\n", &[]),
        ("kubectl taint nodes kind-worker a=b", "", "error: invalid taint spec: a=b, name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')\nSee 'kubectl taint -h' for help and examples\n", &[]),
        ("kubectl taint nodes kind-worker a=b:NoSchedule a:NoSchedule-", "", "error: can not both modify and remove the following taint(s) in the same command: {\"a\":\"NoSchedule\"}\n", &[]),
        ("kubectl taint nodes kind-worker a=b:NoSchedule other", "", "error: all resources must be specified before taint changes: other\n", &[]),
        ("kubectl taint pods web a=b:NoSchedule", "", "error: invalid resource type pods, only node types are supported\n", &[]),
        ("kubectl taint nodes a=b:NoSchedule", "", "error: at least one resource name must be specified since 'all' parameter is not set\n", &[]),
        ("kubectl taint nodes kind-worker", "", "error: at least one taint update is required\n", &[]),
        ("kubectl taint nodes nope a=b:NoSchedule", "", "Error from server (NotFound): nodes \"nope\" not found\n", &[]),
    ];
    for (line, stdout, stderr, after) in cases {
        let o = console.run(&mut c, line);
        assert_eq!(
            (o.stdout.as_str(), o.stderr.as_str()),
            (*stdout, *stderr),
            "{line}"
        );
        assert_eq!(o.code, i32::from(!stderr.is_empty()), "{line}");
        let mut got = taints(&c, "kind-worker");
        got.sort();
        assert_eq!(got, *after, "{line}");
    }
    // A taint with NoExecute evicts what does not tolerate it: the scheduler and the taint manager
    // see the console's taint as any other.
    let mut c = cluster(WORKLOADS);
    assert!(!on_node(&c, "kind-worker2").is_empty());
    console.run(&mut c, "kubectl taint node kind-worker2 gone=yes:NoExecute");
    c.run_until(c.now() + 30 * SECOND);
    let left: Vec<String> = on_node(&c, "kind-worker2")
        .into_iter()
        .filter(|p| p.starts_with("web-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn drain_refuses_what_its_filters_refuse() {
    let mut c = cluster(&format!("{WORKLOADS}{BARE}"));
    let mut console = Console::new();
    let o = console.run(&mut c, "kubectl drain kind-worker");
    assert_eq!(o.stdout, "node/kind-worker cordoned\n");
    let agent = on_node(&c, "kind-worker")
        .into_iter()
        .find(|p| p.starts_with("agent-"))
        .unwrap();
    assert_eq!(
        o.stderr,
        format!("error: unable to drain node \"kind-worker\" due to error: [cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/{agent}, cannot delete Pods that declare no controller (use --force to override): default/bare, cannot delete Pods with local storage (use --delete-emptydir-data to override): default/scratch], continuing command...\nThere are pending nodes to be drained:\n kind-worker\ncannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/{agent}\ncannot delete Pods that declare no controller (use --force to override): default/bare\ncannot delete Pods with local storage (use --delete-emptydir-data to override): default/scratch\n")
    );
    assert_eq!((o.code, o.follows), (1, false));
    // The node stays cordoned; running drain again says so.
    let o = console.run(
        &mut c,
        "kubectl drain kind-worker --ignore-daemonsets --delete-emptydir-data",
    );
    assert!(
        o.stdout.starts_with("node/kind-worker already cordoned\n"),
        "{}",
        o.stdout
    );
    assert!(
        o.stderr.contains(
            "cannot delete Pods that declare no controller (use --force to override): default/bare"
        ),
        "{}",
        o.stderr
    );
    let o = console.run(&mut c, "kubectl drain");
    assert_eq!(
        o.stderr,
        "error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples\n"
    );
    let o = console.run(&mut c, "kubectl drain nope");
    assert_eq!(
        o.stderr,
        "Error from server (NotFound): nodes \"nope\" not found\n"
    );
}

#[test]
fn drain_evicts_through_the_budget_and_ends_when_the_node_is_empty() {
    let mut c = cluster(&format!("{WORKLOADS}{BARE}{BUDGET}"));
    let mut console = Console::new();
    let web_here: Vec<String> = on_node(&c, "kind-worker")
        .into_iter()
        .filter(|p| p.starts_with("web-"))
        .collect();
    assert_eq!(web_here.len(), 4, "the Pods prefer kind-worker");
    let o = console.run(
        &mut c,
        "kubectl drain kind-worker --ignore-daemonsets --delete-emptydir-data --force",
    );
    assert!(o.follows, "{o:?}");
    let agent = on_node(&c, "kind-worker")
        .into_iter()
        .find(|p| p.starts_with("agent-"))
        .unwrap();
    // Only the last filter's warning is kept (upstream filters.go drops it too): local storage is not said.
    assert!(o.stderr.starts_with(&format!(
        "Warning: ignoring DaemonSet-managed Pods: default/{agent}; deleting Pods that declare no controller: default/bare, default/scratch\n"
    )), "{}", o.stderr);
    // minAvailable 3 of 4: the first web Pod goes, the others wait for its replacement.
    assert!(o.stderr.contains(&format!("error when evicting pods/\"{}\" -n \"default\" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.\n", web_here[1])), "{}", o.stderr);
    for p in ["bare", "scratch", &web_here[0], &web_here[1]] {
        assert!(
            o.stdout.contains(&format!("evicting pod default/{p}\n")),
            "{p}: {}",
            o.stdout
        );
    }
    let later = play(&mut c, &mut console, 60 * SECOND);
    assert!(
        later.contains(&format!("evicting pod default/{}\n", web_here[1])),
        "{later}"
    );
    assert!(later.ends_with("node/kind-worker drained\n"), "{later}");
    assert!(!console.following());
    // Only the DaemonSet's Pod is left on the node; the Deployment is whole elsewhere.
    let left = on_node(&c, "kind-worker");
    assert_eq!(left, [agent]);
    let web: Vec<String> = on_node(&c, "kind-worker2")
        .into_iter()
        .filter(|p| p.starts_with("web-"))
        .collect();
    assert_eq!(web.len(), 4);
    // The node is unschedulable until uncordoned.
    assert_eq!(
        console.run(&mut c, "kubectl uncordon kind-worker").stdout,
        "node/kind-worker uncordoned\n"
    );
}

#[test]
fn a_new_line_stops_a_drain_that_waits() {
    let mut c =
        cluster(&format!("{WORKLOADS}{BUDGET}").replace("minAvailable: 3", "minAvailable: 4"));
    let mut console = Console::new();
    let o = console.run(
        &mut c,
        "kubectl drain kind-worker --ignore-daemonsets --timeout=20s",
    );
    assert!(o.follows);
    // A budget that never allows: retried every 5 s until the timeout.
    let later = play(&mut c, &mut console, 30 * SECOND);
    assert!(later.matches("will retry after 5s").count() >= 3, "{later}");
    assert!(later.ends_with("There are pending nodes to be drained:\n kind-worker\nerror: drain did not complete within 20s\n"), "{later}");
    assert!(!console.following());
    let o = console.run(&mut c, "kubectl drain kind-worker --ignore-daemonsets");
    assert!(o.follows);
    assert_eq!(console.run(&mut c, ""), Output::default());
    assert!(!console.following());
}
