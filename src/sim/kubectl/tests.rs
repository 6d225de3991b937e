//! kubectl over a cluster running the first example (a Deployment `greeter` of three Pods and its
//! Service), each command checked for what kubectl 1.33 prints and exits with
//! (k8s.io/kubectl/pkg/cmd/<command>, the printers of pkg/printers/internalversion).

use super::*;
use crate::sim::time::MINUTE;

fn cluster() -> Cluster {
    let mut c = Cluster::new();
    let text = crate::examples::EXAMPLES[0].text(crate::i18n::Lang::En);
    c.apply(&crate::manifest::load(text));
    c.run_until(MINUTE);
    c
}

fn run(c: &mut Cluster, console: &mut Console, line: &str) -> Output {
    console.run(c, line)
}

fn one(line: &str) -> Output {
    run(&mut cluster(), &mut Console::new(), line)
}

fn pods(c: &Cluster) -> Vec<String> {
    c.store
        .pods
        .in_namespace("default")
        .map(|p| p.metadata.name.clone().unwrap_or_default())
        .collect()
}

#[test]
fn get_prints_kubectls_tables() {
    let c = cluster();
    let pod = pods(&c)[0].clone();
    // (command, what the first line is, what the output holds)
    let cases: &[(&str, &str, &[&str])] = &[
        ("kubectl get pods", "NAME  READY  STATUS  RESTARTS  AGE", &["1/1", "Running"]),
        ("kubectl get po -o wide", "NAME  READY  STATUS  RESTARTS  AGE  IP  NODE  NOMINATED NODE  READINESS GATES", &["kind-worker", "<none>"]),
        ("kubectl get deploy", "NAME  READY  UP-TO-DATE  AVAILABLE  AGE", &["greeter   3/3     3            3           60s"]),
        ("kubectl get deployments.apps -owide", "NAME  READY  UP-TO-DATE  AVAILABLE  AGE  CONTAINERS  IMAGES  SELECTOR", &["web", "hashicorp/http-echo:1.0", "app=greeter"]),
        ("kubectl get svc greeter -o wide", "NAME  TYPE  CLUSTER-IP  EXTERNAL-IP  PORT(S)  AGE  SELECTOR", &["80/TCP", "app=greeter"]),
        ("kubectl get no", "NAME  STATUS  ROLES  AGE  VERSION", &["kind-control-plane", "control-plane", "Ready"]),
        ("kubectl get nodes -o wide", "NAME  STATUS  ROLES  AGE  VERSION  INTERNAL-IP  EXTERNAL-IP  OS-IMAGE  KERNEL-VERSION  CONTAINER-RUNTIME", &["Debian GNU/Linux 12 (bookworm)"]),
        ("kubectl get pods --show-labels", "NAME  READY  STATUS  RESTARTS  AGE  LABELS", &["app=greeter,pod-template-hash="]),
        ("kubectl get pods -A", "NAMESPACE  NAME  READY  STATUS  RESTARTS  AGE", &["default     greeter-"]),
        ("kubectl get sa -A", "NAMESPACE  NAME  SECRETS  AGE", &["kube-system", "kube-public"]),
        ("kubectl get ns", "NAME  STATUS  AGE", &["kube-system", "Active"]),
        ("kubectl get ep", "NAME  ENDPOINTS  AGE", &["greeter", ":5678,", "+ 0 more"]),
        ("kubectl get all", "NAME  READY  STATUS  RESTARTS  AGE", &["pod/greeter-", "service/greeter", "deployment.apps/greeter", "replicaset.apps/greeter-"]),
        ("kubectl get deploy,svc", "NAME  READY  UP-TO-DATE  AVAILABLE  AGE", &["deployment.apps/greeter", "\n\nNAME", "service/kubernetes"]),
        ("kubectl -n kube-system get sa", "NAME  SECRETS  AGE", &["default   0         60s"]),
    ];
    for (line, head, holds) in cases {
        let o = run(&mut c.clone(), &mut Console::new(), line);
        assert_eq!(o.code, 0, "{line}: {}", o.stderr);
        let first: Vec<&str> = o
            .stdout
            .lines()
            .next()
            .unwrap_or_default()
            .split("   ")
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        assert_eq!(first.join("  "), *head, "{line}:\n{}", o.stdout);
        for h in *holds {
            if h.starts_with("+ 0") {
                assert!(!o.stdout.contains(h), "{line}:\n{}", o.stdout);
                continue;
            }
            assert!(o.stdout.contains(h), "{line}: no {h:?} in\n{}", o.stdout);
        }
    }
    let o = run(
        &mut c.clone(),
        &mut Console::new(),
        &format!("kubectl get pod {pod} -o name"),
    );
    assert_eq!(o.stdout, format!("pod/{pod}\n"));
    let o = one("kubectl get deploy -o name");
    assert_eq!(o.stdout, "deployment.apps/greeter\n");
    // kube-system's objects are not in the default namespace.
    assert_eq!(one("kubectl get sa").stdout.lines().count(), 2);
}

#[test]
fn get_selects_by_label_and_name() {
    let c = cluster();
    let names = pods(&c);
    let count = |line: &str| {
        run(&mut c.clone(), &mut Console::new(), line)
            .stdout
            .lines()
            .count()
    };
    assert_eq!(count("kubectl get pods -l app=greeter"), 4);
    assert_eq!(
        count("kubectl get pods -l 'app in (greeter, other)',version=v1"),
        4
    );
    assert_eq!(count("kubectl get pods -l app!=greeter"), 0);
    assert_eq!(
        count(&format!("kubectl get pods {} {}", names[0], names[1])),
        3
    );
    assert_eq!(
        count(&format!("kubectl get pod/{} svc/greeter", names[0])),
        5
    );
}

#[test]
fn get_prints_objects_as_json_yaml_and_templates() {
    let c = cluster();
    let pod = pods(&c)[0].clone();
    let o = run(
        &mut c.clone(),
        &mut Console::new(),
        "kubectl get deploy greeter -o json",
    );
    let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(v["kind"], "Deployment");
    assert_eq!(v["status"]["readyReplicas"], 3);
    let o = run(
        &mut c.clone(),
        &mut Console::new(),
        "kubectl get pods -o json",
    );
    assert!(
        o.stdout
            .starts_with("{\n    \"apiVersion\": \"v1\",\n    \"items\": ["),
        "{}",
        o.stdout
    );
    assert!(o.stdout.ends_with("}\n"));
    let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(v["kind"], "List");
    assert_eq!(v["apiVersion"], "v1");
    assert_eq!(v["items"].as_array().unwrap().len(), 3);
    let o = run(
        &mut c.clone(),
        &mut Console::new(),
        "kubectl get svc greeter -o yaml",
    );
    assert!(
        o.stdout.starts_with("apiVersion: v1\nkind: Service\n"),
        "{}",
        o.stdout
    );
    let o = run(
        &mut c.clone(),
        &mut Console::new(),
        "kubectl get pods -o jsonpath='{.items[*].metadata.name}'",
    );
    assert_eq!(o.stdout, pods(&c).join(" "));
    let o = run(
        &mut c.clone(),
        &mut Console::new(),
        &format!("kubectl get pod {pod} -o jsonpath={{.spec.containers[0].image}}"),
    );
    assert_eq!(o.stdout, "hashicorp/http-echo:1.0");
    let o = run(&mut c.clone(), &mut Console::new(), "kubectl get deploy -o custom-columns=NAME:.metadata.name,IMAGE:.spec.template.spec.containers[*].image");
    assert_eq!(
        o.stdout,
        "NAME      IMAGE\ngreeter   hashicorp/http-echo:1.0\n"
    );
    let o = one("kubectl get pods --no-headers");
    assert_eq!(o.stdout.lines().count(), 3);
    assert!(!o.stdout.contains("NAME"));
}

#[test]
fn errors_are_in_kubectls_words() {
    // (command, standard error, exit status)
    let cases: &[(&str, &str, i32)] = &[
        ("kubectl get pdos", "error: the server doesn't have a resource type \"pdos\"\n", 1),
        ("kubectl get pods nope", "Error from server (NotFound): pods \"nope\" not found\n", 1),
        ("kubectl get deploy nope", "Error from server (NotFound): deployments.apps \"nope\" not found\n", 1),
        ("kubectl get pods -n empty", "No resources found in empty namespace.\n", 0),
        ("kubectl get pv", "No resources found\n", 0),
        ("kubectl get pods --nope", "error: unknown flag: --nope\nSee 'kubectl get --help' for usage.\n", 1),
        ("kubectl get pods -z", "error: unknown shorthand flag: 'z' in -z\nSee 'kubectl get --help' for usage.\n", 1),
        ("kubectl get pods -n", "error: flag needs an argument: 'n' in -n\nSee 'kubectl get --help' for usage.\n", 1),
        ("kubectl get pods -o wider", "error: unable to match a printer suitable for the output format \"wider\", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n", 1),
        ("kubectl gte pods", "error: unknown command \"gte\" for \"kubectl\"\n\nDid you mean this?\n\tget\n", 1),
        ("kubectl frobnicate", "error: unknown command \"frobnicate\" for \"kubectl\"\n", 1),
        // cobra suggests commands within an edit distance of 2.
        ("kubectl foo", "error: unknown command \"foo\" for \"kubectl\"\n\nDid you mean this?\n\ttop\n", 1),
        ("kubectl -A get pods", "Error: flags cannot be placed before plugin name: -A\n", 1),
        ("kubectl annotate svc greeter a=b a=c", "error: --overwrite is false but found the following declared annotation(s): 'a' already has a value (b)\n", 1),
        ("kubectl scale deploy greeter", "error: required flag(s) \"replicas\" not set\n", 1),
        ("kubectl delete pods", "error: resource(s) were provided, but no name was specified\n", 1),
        ("kubectl get pods -l 'app in'", "", 1),
        ("kubectl get pods web -l app=web", "error: name cannot be provided when a selector is specified\n", 1),
        ("kubectl get deploy greeter pod/x", "", 1),
        ("kubectl scale svc greeter --replicas=2", "error: no scaler has been implemented for {\"\" \"Service\"}\n", 1),
        ("kubectl label deploy greeter app=other", "error: 'app' already has a value (greeter), and --overwrite is false\n", 1),
        ("kubectl label deploy greeter 'a b=c'", "", 1),
        ("kubectl logs nope", "Error from server (NotFound): pods \"nope\" not found\n", 1),
        ("kubectl apply -f missing.yaml", "error: the path \"missing.yaml\" does not exist\n", 1),
        ("kubectl get pods | grep x", "bash: pipes are not simulated: the console runs one command at a time\n", 2),
        ("helm list", "bash: helm: command not found\n", 127),
    ];
    for (line, err, code) in cases {
        let o = one(line);
        assert_eq!(o.code, *code, "{line}: {o:?}");
        if !err.is_empty() {
            assert_eq!(o.stderr, *err, "{line}");
        } else {
            assert!(!o.stderr.is_empty(), "{line}: no error");
        }
    }
}

#[test]
fn scale_changes_the_live_cluster_and_the_controllers_follow() {
    let mut c = cluster();
    let mut k = Console::new();
    let o = run(
        &mut c,
        &mut k,
        "kubectl scale deployment greeter --replicas=5",
    );
    assert_eq!(
        (o.stdout.as_str(), o.code),
        ("deployment.apps/greeter scaled\n", 0),
        "{o:?}"
    );
    c.run_until(2 * MINUTE);
    assert_eq!(pods(&c).len(), 5);
    let o = run(&mut c, &mut k, "kubectl get deploy greeter");
    assert!(o.stdout.contains("5/5"), "{}", o.stdout);
    let o = run(
        &mut c,
        &mut k,
        "kubectl scale deploy/greeter --current-replicas=3 --replicas=1",
    );
    assert_eq!(o.stderr, "error: Expected replicas to be 3, was 5\n");
    // The editor's next apply brings the manifest's count back, as `kubectl apply` would.
    let text = crate::examples::EXAMPLES[0].text(crate::i18n::Lang::En);
    c.apply(&crate::manifest::load(text));
    c.run_until(4 * MINUTE);
    assert_eq!(pods(&c).len(), 3);
}

#[test]
fn delete_removes_and_the_replicaset_brings_a_pod_back() {
    let mut c = cluster();
    let mut k = Console::new();
    let victim = pods(&c)[0].clone();
    let o = run(&mut c, &mut k, &format!("kubectl delete pod {victim}"));
    assert_eq!(o.stdout, format!("pod \"{victim}\" deleted\n"), "{o:?}");
    c.run_until(3 * MINUTE);
    let now = pods(&c);
    assert_eq!(now.len(), 3);
    assert!(!now.contains(&victim));
    let o = run(
        &mut c,
        &mut k,
        "kubectl delete pods -l app=greeter --grace-period=0 --force",
    );
    assert_eq!(o.stdout.lines().count(), 3);
    assert!(
        o.stdout.lines().all(|l| l.ends_with("\" force deleted")),
        "{}",
        o.stdout
    );
    assert!(
        o.stderr.starts_with("Warning: Immediate deletion"),
        "{}",
        o.stderr
    );
    assert_eq!(o.code, 0);
    let o = run(&mut c, &mut k, "kubectl delete svc greeter");
    assert_eq!(o.stdout, "service \"greeter\" deleted\n");
    let o = run(&mut c, &mut k, "kubectl delete deploy greeter");
    assert_eq!(o.stdout, "deployment.apps \"greeter\" deleted\n");
    let o = run(&mut c, &mut k, "kubectl delete pvc --all");
    assert_eq!((o.stdout.as_str(), o.code), ("No resources found\n", 0));
    assert!(c.store.services.get("default", "greeter").is_none());
}

#[test]
fn label_and_annotate_add_overwrite_and_remove() {
    let mut c = cluster();
    let mut k = Console::new();
    let labels = |c: &Cluster| {
        c.store
            .deployments
            .get("default", "greeter")
            .unwrap()
            .metadata
            .labels
            .clone()
            .unwrap_or_default()
    };
    let o = run(&mut c, &mut k, "kubectl label deploy greeter tier=front");
    assert_eq!(o.stdout, "deployment.apps/greeter labeled\n", "{o:?}");
    assert_eq!(labels(&c).get("tier").map(String::as_str), Some("front"));
    let o = run(
        &mut c,
        &mut k,
        "kubectl label deploy greeter tier=back --overwrite",
    );
    assert_eq!(o.code, 0, "{o:?}");
    assert_eq!(labels(&c).get("tier").map(String::as_str), Some("back"));
    let o = run(&mut c, &mut k, "kubectl label deployment/greeter tier-");
    assert_eq!(o.stdout, "deployment.apps/greeter unlabeled\n");
    assert!(!labels(&c).contains_key("tier"));
    let o = run(&mut c, &mut k, "kubectl label deploy greeter tier-");
    assert_eq!(
        o.stdout,
        "label \"tier\" not found.\ndeployment.apps/greeter not labeled\n"
    );
    let o = run(&mut c, &mut k, "kubectl label deploy greeter app=greeter");
    assert_eq!(o.stdout, "deployment.apps/greeter not labeled\n");
    let o = run(
        &mut c,
        &mut k,
        "kubectl annotate svc greeter note='hello world'",
    );
    assert_eq!(o.stdout, "service/greeter annotated\n");
    let note = c
        .store
        .services
        .get("default", "greeter")
        .unwrap()
        .metadata
        .annotations
        .clone()
        .unwrap_or_default();
    assert_eq!(note.get("note").map(String::as_str), Some("hello world"));
    // A Pod's labels change without touching its status.
    let pod = pods(&c)[0].clone();
    let o = run(
        &mut c,
        &mut k,
        &format!("kubectl label pod {pod} debug=true"),
    );
    assert_eq!(o.code, 0, "{o:?}");
    let p = c.store.pods.get("default", &pod).unwrap();
    assert_eq!(
        p.status.as_ref().and_then(|s| s.phase.as_deref()),
        Some("Running")
    );
    // Taking the Pod out of the ReplicaSet's selector makes the ReplicaSet start another.
    run(
        &mut c,
        &mut k,
        &format!("kubectl label pod {pod} app=debug --overwrite"),
    );
    c.run_until(3 * MINUTE);
    assert_eq!(pods(&c).len(), 4);
}

#[test]
fn cordon_keeps_new_pods_off_a_node() {
    let mut c = cluster();
    let mut k = Console::new();
    let o = run(&mut c, &mut k, "kubectl cordon kind-worker");
    assert_eq!(o.stdout, "node/kind-worker cordoned\n");
    let o = run(&mut c, &mut k, "kubectl cordon kind-worker");
    assert_eq!(o.stdout, "node/kind-worker already cordoned\n");
    let o = run(&mut c, &mut k, "kubectl get nodes kind-worker");
    assert!(
        o.stdout.contains("Ready,SchedulingDisabled"),
        "{}",
        o.stdout
    );
    run(&mut c, &mut k, "kubectl scale deploy greeter --replicas=8");
    c.run_until(2 * MINUTE);
    let on_worker = c
        .store
        .pods
        .in_namespace("default")
        .filter(|p| p.spec.as_ref().and_then(|s| s.node_name.as_deref()) == Some("kind-worker"))
        .count();
    assert!(on_worker <= 3, "{on_worker} Pods on the cordoned node");
    let o = run(&mut c, &mut k, "kubectl uncordon node/kind-worker");
    assert_eq!(o.stdout, "node/kind-worker uncordoned\n");
    let o = run(&mut c, &mut k, "kubectl cordon nope");
    assert_eq!(
        o.stderr,
        "Error from server (NotFound): nodes \"nope\" not found\n"
    );
}

#[test]
fn apply_takes_a_here_document_a_file_or_an_example() {
    let mut c = Cluster::new();
    let mut k = Console::new();
    let o = run(&mut c, &mut k, "kubectl apply -f - <<EOF\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: game\ndata:\n  lives: \"3\"\nEOF");
    assert_eq!(o.stdout, "configmap/game created\n", "{o:?}");
    let o = run(
        &mut c,
        &mut k,
        "cat > ns.yaml <<EOF\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: pacman\nEOF",
    );
    assert_eq!(o, Output::default());
    assert_eq!(run(&mut c, &mut k, "ls").stdout, "ns.yaml\n");
    assert!(run(&mut c, &mut k, "cat ns.yaml")
        .stdout
        .contains("name: pacman"));
    assert_eq!(
        run(&mut c, &mut k, "kubectl apply -f ns.yaml").stdout,
        "namespace/pacman created\n"
    );
    assert_eq!(
        run(&mut c, &mut k, "kubectl apply -f ns.yaml").stdout,
        "namespace/pacman unchanged\n"
    );
    let o = run(
        &mut c,
        &mut k,
        "kubectl apply -n pacman -f service-deployment",
    );
    assert_eq!(
        o.stdout, "deployment.apps/greeter created\nservice/greeter created\n",
        "{o:?}"
    );
    c.run_until(MINUTE);
    assert_eq!(c.store.pods.in_namespace("pacman").count(), 3);
    let o = run(&mut c, &mut k, "kubectl apply -f - <<EOF\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: bad\nspec:\n  replicas: -1\nEOF");
    assert_eq!(o.code, 1, "{o:?}");
}

#[test]
fn describe_logs_and_events_print_what_the_page_shows() {
    let mut c = cluster();
    let mut k = Console::new();
    let pod = pods(&c)[0].clone();
    let o = run(&mut c, &mut k, &format!("kubectl describe pod {pod}"));
    assert!(o.stdout.starts_with(&format!("Name:")), "{}", o.stdout);
    assert_eq!(
        o.stdout,
        crate::sim::print::describe(&c, "Pod", "default", &pod).unwrap()
    );
    let o = run(&mut c, &mut k, "kubectl describe deploy");
    assert!(o.stdout.contains("greeter"), "{}", o.stdout);
    let o = run(&mut c, &mut k, &format!("kubectl logs {pod}"));
    assert_eq!(o.code, 0, "{o:?}");
    let o = run(&mut c, &mut k, "kubectl logs deploy/greeter");
    assert_eq!(o.code, 0, "{o:?}");
    let o = run(&mut c, &mut k, "kubectl events");
    assert!(
        o.stdout.starts_with("LAST SEEN   TYPE     REASON"),
        "{}",
        o.stdout
    );
    assert!(o.stdout.contains("ScalingReplicaSet"), "{}", o.stdout);
    let o = run(&mut c, &mut k, "kubectl get events");
    assert!(o.stdout.contains("Scheduled"), "{}", o.stdout);
    let o = run(&mut c, &mut k, "kubectl events --for deployment/greeter");
    assert!(
        o.stdout
            .lines()
            .skip(1)
            .all(|l| l.contains("deployment/greeter")),
        "{}",
        o.stdout
    );
}

#[test]
fn api_resources_help_and_version_answer() {
    let o = one("kubectl api-resources");
    assert!(
        o.stdout
            .lines()
            .any(|l| l.split_whitespace().collect::<Vec<_>>()
                == ["deployments", "deploy", "apps/v1", "true", "Deployment"]),
        "{}",
        o.stdout
    );
    assert!(one("kubectl api-resources --namespaced=false -o name")
        .stdout
        .contains("nodes\n"));
    assert!(one("kubectl").stdout.contains("get"));
    assert!(one("kubectl get --help").stdout.contains("Usage:"));
    assert!(one("kubectl version")
        .stdout
        .contains("Server Version: v1.33"));
}

#[test]
fn the_same_commands_give_the_same_cluster() {
    let script = [
        "kubectl scale deploy greeter --replicas=4",
        "kubectl label pods -l app=greeter x=y",
        "kubectl cordon kind-worker2",
        "kubectl delete pods --all",
    ];
    let after = || {
        let mut c = cluster();
        let mut k = Console::new();
        for l in script {
            run(&mut c, &mut k, l);
        }
        c.run_until(3 * MINUTE);
        serde_json::to_string(&c.list_json()).unwrap()
    };
    assert_eq!(after(), after());
}

/// `kubeplay node` (a kubeplay command, not kubectl's): the faults, what runs where, and refusals
/// in the API server's words where it has them.
#[test]
fn kubeplay_node_injects_faults_and_says_what_runs() {
    let mut c = cluster();
    let mut console = Console::new();
    let cases: &[(&str, i32, &str, &str)] = &[
        ("kubeplay node stop-kubelet kind-worker", 0, "kubelet stopped on kind-worker\n", ""),
        ("kubeplay node stop-kubelet kind-worker", 1, "", "the kubelet on kind-worker is already stopped\n"),
        ("kubeplay node stop-runtime kind-worker2", 0, "containerd stopped on kind-worker2\n", ""),
        ("kubeplay node shutdown nope", 1, "", "Error from server (NotFound): nodes \"nope\" not found\n"),
        (
            "kubeplay node",
            0,
            "NODE                 PROCESSES\nkind-control-plane   running\nkind-worker          kubelet stopped\nkind-worker2         runtime stopped\n",
            "",
        ),
        ("kubeplay node start kind-worker2", 0, "kubelet and containerd running on kind-worker2\n", ""),
    ];
    for (line, code, stdout, stderr) in cases {
        let o = run(&mut c, &mut console, line);
        assert_eq!(
            (o.code, o.stdout.as_str(), o.stderr.as_str()),
            (*code, *stdout, *stderr),
            "{line}"
        );
    }
    let o = run(&mut c, &mut console, "kubeplay node reboot kind-worker");
    assert_eq!(o.code, 1);
    assert!(
        o.stderr
            .starts_with("kubeplay: unknown node action \"reboot\"\nUsage: kubeplay node"),
        "{}",
        o.stderr
    );
    // A minute later the stopped kubelet's node is NotReady in kubectl's table.
    c.run_until(c.now() + MINUTE);
    let o = run(
        &mut c,
        &mut console,
        "kubectl get node kind-worker --no-headers",
    );
    assert!(
        o.stdout.starts_with("kind-worker   NotReady   <none>"),
        "{}",
        o.stdout
    );
    let o = run(&mut c, &mut console, "kubectl describe node kind-worker");
    for holds in [
        "node.kubernetes.io/unreachable:NoExecute",
        "NodeStatusUnknown",
        "Kubelet stopped posting node status.",
    ] {
        assert!(o.stdout.contains(holds), "{holds}: {}", o.stdout);
    }
}
