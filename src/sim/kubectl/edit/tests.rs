//! `kubectl patch`, `replace`, `edit`, `expose` and the commands answered from outside the API
//! server, each line checked against what kubectl 1.33 prints (pkg/cmd/patch/patch.go's
//! "patched (no change)", pkg/cmd/expose/expose.go and its _test.go, pkg/cmd/portforward).

use crate::sim::kubectl::Console;
use crate::sim::time::MINUTE;
use crate::sim::Cluster;

const WEB: &str = "apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {app: web}}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports: [{containerPort: 80}, {containerPort: 443}]
---
apiVersion: v1
kind: Service
metadata: {name: echo}
spec:
  selector: {color: blue}
  ports: [{port: 80, targetPort: 5678}]
";

fn cluster() -> Cluster {
    let mut c = Cluster::new();
    c.apply(&crate::manifest::load(WEB));
    c.run_until(MINUTE);
    c
}

fn json(c: &Cluster, kind: &str, name: &str) -> serde_json::Value {
    c.store.get_json(kind, "default", name).unwrap()
}

#[test]
fn patch_applies_each_type_and_says_when_nothing_changed() {
    let mut c = cluster();
    let mut console = Console::new();
    // (line, stdout, stderr)
    let cases: &[(&str, &str, &str)] = &[
        // The course's blue/green switch.
        (r#"kubectl patch service echo -p '{"spec":{"selector":{"color":"green"}}}'"#, "service/echo patched\n", ""),
        (r#"kubectl patch svc/echo -p '{"spec":{"selector":{"color":"green"}}}'"#, "service/echo patched (no change)\n", ""),
        ("kubectl patch deploy web -p 'spec: {replicas: 4}'", "deployment.apps/web patched\n", ""),
        (r#"kubectl patch deploy web --type merge -p '{"metadata":{"labels":{"tier":"front"}}}'"#, "deployment.apps/web patched\n", ""),
        (r#"kubectl patch deploy web --type=json -p '[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"nginx:1.28"}]'"#, "deployment.apps/web patched\n", ""),
        (r#"kubectl patch deploy web --type=json -p '[{"op":"remove","path":"/spec/nope"}]'"#, "", "The request is invalid: the server rejected our request due to an error in our request\n"),
        (r#"kubectl patch deploy web -p '{"spec":{"template":{"spec":{"containers":[{"name":"log","image":"busybox"}]}}}}'"#, "deployment.apps/web patched\n", ""),
        ("kubectl patch deploy web --type=bogus -p '{}'", "", "error: --type must be one of [json merge strategic], not \"bogus\"\n"),
        ("kubectl patch deploy web", "", "error: must specify --patch or --patch-file containing the contents of the patch\n"),
        ("kubectl patch deploy nope -p '{}'", "", "Error from server (NotFound): deployments.apps \"nope\" not found\n"),
    ];
    for (line, stdout, stderr) in cases {
        let o = console.run(&mut c, line);
        assert_eq!(
            (o.stdout.as_str(), o.stderr.as_str()),
            (*stdout, *stderr),
            "{line}"
        );
    }
    assert_eq!(
        json(&c, "Service", "echo")["spec"]["selector"],
        serde_json::json!({"color": "green"})
    );
    let d = json(&c, "Deployment", "web");
    assert_eq!(d["spec"]["replicas"], 4);
    assert_eq!(d["metadata"]["labels"]["tier"], "front");
    // Strategic merge: containers merge by name, the new one first (mergeSortedSlice).
    let names: Vec<&str> = d["spec"]["template"]["spec"]["containers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["log", "nginx"]);
    assert_eq!(
        d["spec"]["template"]["spec"]["containers"][1]["image"],
        "nginx:1.28"
    );
    // A patch file written in the console.
    console.run(&mut c, "cat > p.yaml <<EOF\nspec:\n  replicas: 2\nEOF");
    let o = console.run(&mut c, "kubectl patch deploy web --patch-file p.yaml");
    assert_eq!(o.stdout, "deployment.apps/web patched\n");
    assert_eq!(json(&c, "Deployment", "web")["spec"]["replicas"], 2);
}

#[test]
fn expose_builds_a_service_from_the_object() {
    let mut c = cluster();
    let mut console = Console::new();
    let o = console.run(&mut c, "kubectl expose deploy web");
    assert_eq!(o.stdout, "service/web exposed\n");
    let s = json(&c, "Service", "web");
    // Two container ports: two Service ports named port-1, port-2 (expose.go).
    assert_eq!(s["spec"]["ports"][0]["name"], "port-1");
    assert_eq!(s["spec"]["ports"][1]["port"], 443);
    assert_eq!(s["spec"]["selector"], serde_json::json!({"app": "web"}));
    assert_eq!(s["metadata"]["labels"], serde_json::json!({"app": "web"}));
    let cases: &[(&str, &str, &str)] = &[
        (
            "kubectl expose deploy web --port=8080 --target-port=80 --name=front --type=NodePort",
            "service/front exposed\n",
            "",
        ),
        (
            "kubectl expose deploy web",
            "",
            "Error from server (AlreadyExists): services \"web\" already exists\n",
        ),
        (
            "kubectl expose svc echo --port=8080 --name=echo2",
            "service/echo2 exposed\n",
            "",
        ),
        (
            "kubectl expose ns default --port=80",
            "",
            "error: cannot expose a Namespace\n",
        ),
        (
            "kubectl expose deploy nope --port=80",
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
    let front = json(&c, "Service", "front");
    assert_eq!(front["spec"]["type"], "NodePort");
    assert_eq!(front["spec"]["ports"][0]["targetPort"], 80);
    assert_eq!(
        json(&c, "Service", "echo2")["spec"]["selector"],
        serde_json::json!({"color": "blue"})
    );
}

#[test]
fn edit_opens_the_object_and_saves_what_comes_back() {
    let mut c = cluster();
    let mut console = Console::new();
    let o = console.run(&mut c, "kubectl edit deploy/web");
    let (save, text) = o.edit.expect("the object to edit");
    assert_eq!(save, "kubectl edit deployment.apps/web -n default");
    assert!(
        text.starts_with("# Please edit the object below."),
        "{text}"
    );
    assert!(text.contains("image: nginx:1.27"), "{text}");
    // Saving unchanged: cancelled; saving a change: edited, and the change is live.
    let same = console.run(&mut c, &format!("{save} <<EOF\n{text}EOF"));
    assert_eq!(
        same.stdout, "Edit cancelled, no changes made.\n",
        "{same:?}"
    );
    let changed = text.replace("image: nginx:1.27", "image: nginx:1.29");
    let o = console.run(&mut c, &format!("{save} <<EOF\n{changed}EOF"));
    assert_eq!(o.stdout, "deployment.apps/web edited\n", "{o:?}");
    assert_eq!(
        json(&c, "Deployment", "web")["spec"]["template"]["spec"]["containers"][0]["image"],
        "nginx:1.29"
    );
    let o = console.run(&mut c, &format!("{save} <<EOF\n# nothing\nEOF"));
    assert_eq!(o.stdout, "Edit cancelled, no changes made.\n");
    // replace -f - writes an object whole; a missing one is NotFound.
    let o = console.run(&mut c, "kubectl replace -f - <<EOF\napiVersion: v1\nkind: Service\nmetadata: {name: echo}\nspec:\n  selector: {color: red}\n  ports: [{port: 80}]\nEOF");
    assert_eq!(o.stdout, "service/echo replaced\n", "{o:?}");
    let o = console.run(&mut c, "kubectl replace -f - <<EOF\napiVersion: v1\nkind: Service\nmetadata: {name: gone}\nspec: {ports: [{port: 80}]}\nEOF");
    assert_eq!(o.stderr, "Error from server (NotFound): error when replacing \"STDIN\": services \"gone\" not found\n");
}

#[test]
fn commands_past_the_api_server_say_what_they_would_do() {
    let mut c = cluster();
    let mut console = Console::new();
    let pod = c
        .store
        .pods
        .in_namespace("default")
        .next()
        .and_then(|p| p.metadata.name.clone())
        .unwrap();
    let o = console.run(&mut c, "kubectl port-forward deploy/web 8080:80 9443:443");
    assert_eq!(o.stdout, "Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\nForwarding from 127.0.0.1:9443 -> 443\nForwarding from [::1]:9443 -> 443\n");
    assert_eq!(o.code, 0);
    let cases: Vec<(String, String)> = vec![
        ("kubectl port-forward deploy/web".into(), "error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples\n".into()),
        ("kubectl port-forward deploy/web x:80".into(), "error: Error parsing local port \"x\": strconv.ParseUint: parsing \"x\": invalid syntax\n".into()),
        (format!("kubectl exec {pod}"), "error: you must specify at least one command for the container\n".into()),
        (format!("kubectl exec {pod} -c nope -- ls"), format!("Error from server (BadRequest): container nope is not valid for pod {pod}\n")),
        ("kubectl exec nope -- ls".into(), "Error from server (NotFound): pods \"nope\" not found\n".into()),
        ("kubectl top pods nope".into(), "Error from server (NotFound): pods \"nope\" not found\n".into()),
        ("kubectl top nodes nope".into(), "Error from server (NotFound): nodes \"nope\" not found\n".into()),
        ("kubectl top".into(), "error: Required resource not specified (top pod or top node)\n".into()),
        ("kubectl top pods -n empty".into(), "".into()),
        ("kubectl explain pdos".into(), "error: the server doesn't have a resource type \"pdos\"\n".into()),
    ];
    for (line, stderr) in &cases {
        let o = console.run(&mut c, line);
        if stderr.is_empty() {
            assert_eq!(
                o.stderr, "No resources found in empty namespace.\n",
                "{line}"
            );
            continue;
        }
        assert_eq!((o.stderr.as_str(), o.code), (stderr.as_str(), 1), "{line}");
    }
    let o = console.run(&mut c, &format!("kubectl exec {pod} -- cat /etc/hostname"));
    assert!(
        o.stderr
            .contains("`cat /etc/hostname` would run in container \"nginx\""),
        "{}",
        o.stderr
    );
}

/// `kubectl top` as pkg/cmd/top prints it (top_pod.go, top_node.go; metrics/printer.go's
/// `%vm` and `%vMi` cells, the node's share of its allocatable), each running container using
/// what it requests.
#[test]
fn top_reports_what_running_containers_request() {
    let mut c = Cluster::new();
    c.apply(&crate::manifest::load("apiVersion: v1\nkind: Pod\nmetadata: {name: app, labels: {app: a}}\nspec:\n  nodeName: kind-worker\n  containers:\n  - {name: main, image: nginx, resources: {requests: {cpu: 250m, memory: 64Mi}}}\n  - {name: side, image: busybox, resources: {requests: {cpu: '1', memory: 1Gi}}}\n"));
    c.run_until(c.now() + MINUTE);
    let mut console = Console::new();
    let o = console.run(&mut c, "kubectl top pods");
    assert_eq!(
        o.stdout,
        "NAME   CPU(cores)   MEMORY(bytes)\napp    1250m        1088Mi\n"
    );
    let o = console.run(&mut c, "kubectl top pod app --containers");
    assert_eq!(o.stdout, "POD   NAME   CPU(cores)   MEMORY(bytes)\napp   main   250m         64Mi\napp   side   1000m        1024Mi\n");
    let o = console.run(&mut c, "kubectl top pods -l app=b");
    assert_eq!(o.stderr, "No resources found in default namespace.\n");
    let o = console.run(&mut c, "kubectl top node kind-worker");
    let row = o.stdout.lines().nth(1).unwrap_or_default().to_string();
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(cells[0], "kind-worker", "{}", o.stdout);
    assert!(cells[1].ends_with('m') && cells[2].ends_with('%'), "{row}");
    let cpu: i64 = cells[1].trim_end_matches('m').parse().unwrap_or(0);
    assert!(cpu >= 1250, "the node sums its running Pods: {row}");
}
