//! `kubectl apply` over what the console changed, as kubectl 1.33's client-side apply merges
//! (pkg/cmd/apply/patcher.go: CreateThreeWayMergePatch of the last-applied annotation, the
//! manifest and the live object, then the server's strategic merge).

use crate::manifest::load;
use crate::sim::apply::LAST_APPLIED;
use crate::sim::kubectl::Console;
use crate::sim::Cluster;
use k8s_openapi::api::apps::v1::Deployment;

fn web(replicas: &str, image: &str, labels: &str) -> String {
    format!(
        "apiVersion: apps/v1
kind: Deployment
metadata: {{name: web, labels: {{app: web{labels}}}}}
spec:
{replicas}  selector: {{matchLabels: {{app: web}}}}
  template:
    metadata: {{labels: {{app: web}}}}
    spec:
      containers:
      - name: nginx
        image: {image}
"
    )
}

fn live(c: &Cluster) -> Deployment {
    c.store
        .get::<Deployment>("default", "web")
        .expect("web")
        .clone()
}

fn run(c: &mut Cluster, console: &mut Console, line: &str) -> String {
    let o = console.run(c, line);
    assert_eq!(o.code, 0, "{line}: {}", o.stderr);
    o.stdout + &o.stderr
}

#[test]
fn apply_keeps_the_manifest_as_written_in_the_annotation() {
    let mut c = Cluster::new();
    c.apply(&load(&web("  replicas: 2\n", "nginx:1.27", "")));
    let d = live(&c);
    let text = &d.metadata.annotations.as_ref().expect("annotations")[LAST_APPLIED];
    assert_eq!(
        text,
        "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"annotations\":{},\"labels\":{\"app\":\"web\"},\"name\":\"web\",\"namespace\":\"default\"},\"spec\":{\"replicas\":2,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"image\":\"nginx:1.27\",\"name\":\"nginx\"}]}}}}\n"
    );
    // describe.go skipAnnotations: not printed.
    let mut console = Console::new();
    let out = run(&mut c, &mut console, "kubectl describe deployment web");
    assert!(!out.contains("last-applied"), "{out}");
    // The ReplicaSet does not get it (deployment util's annotationsToSkip).
    assert!(c.store.replica_sets.values().all(|rs| !rs
        .metadata
        .annotations
        .iter()
        .flatten()
        .any(|(k, _)| k == LAST_APPLIED)));
    // kubectl create writes none.
    run(
        &mut c,
        &mut console,
        "kubectl create deployment other --image=nginx",
    );
    let other = c
        .store
        .get::<Deployment>("default", "other")
        .expect("other");
    assert!(other
        .metadata
        .annotations
        .iter()
        .flatten()
        .all(|(k, _)| k != LAST_APPLIED));
}

#[test]
fn what_the_console_added_survives_the_next_apply() {
    let mut c = Cluster::new();
    let mut console = Console::new();
    c.apply(&load(&web(
        "  replicas: 2\n",
        "nginx:1.27",
        ", tier: front",
    )));
    run(
        &mut c,
        &mut console,
        "kubectl label deployment web team=blue",
    );
    run(
        &mut c,
        &mut console,
        "kubectl rollout restart deployment web",
    );
    run(
        &mut c,
        &mut console,
        "kubectl scale deployment web --replicas=5",
    );
    c.run_until(c.now() + 10_000);
    // The next apply changes the image and drops the tier label the manifest had.
    c.apply(&load(&web("  replicas: 2\n", "nginx:1.28", "")));
    let d = live(&c);
    let labels = d.metadata.labels.clone().unwrap_or_default();
    assert_eq!(
        labels.get("team").map(String::as_str),
        Some("blue"),
        "{labels:?}"
    );
    assert_eq!(
        labels.get("tier"),
        None,
        "named before and not now: removed"
    );
    let spec = d.spec.clone().expect("spec");
    assert_eq!(spec.replicas, Some(2), "the manifest names replicas");
    let template = spec.template;
    let annotations = template
        .metadata
        .and_then(|m| m.annotations)
        .unwrap_or_default();
    assert!(
        annotations.contains_key("kubectl.kubernetes.io/restartedAt"),
        "{annotations:?}"
    );
    let image = template.spec.expect("pod spec").containers[0].image.clone();
    assert_eq!(image.as_deref(), Some("nginx:1.28"));
    // Replicas the last apply named and this one does not go back to the default...
    c.apply(&load(&web("", "nginx:1.28", "")));
    assert_eq!(live(&c).spec.expect("spec").replicas, Some(1));
    // ... and once no apply names them, the scaled count stays.
    run(
        &mut c,
        &mut console,
        "kubectl scale deployment web --replicas=4",
    );
    c.apply(&load(&web("", "nginx:1.28", "")));
    assert_eq!(live(&c).spec.expect("spec").replicas, Some(4));
}

#[test]
fn containers_merge_by_name_and_a_removed_one_goes() {
    let mut c = Cluster::new();
    let mut console = Console::new();
    let two = web("  replicas: 1\n", "nginx:1.27", "")
        + "      - name: sidecar\n        image: busybox\n";
    c.apply(&load(&two));
    run(
        &mut c,
        &mut console,
        "kubectl patch deployment web -p '{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"nginx\",\"imagePullPolicy\":\"Always\"}]}}}}'",
    );
    c.apply(&load(&web("  replicas: 1\n", "nginx:1.27", "")));
    let containers = live(&c)
        .spec
        .expect("spec")
        .template
        .spec
        .expect("pod")
        .containers;
    let names: Vec<&str> = containers.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        ["nginx"],
        "sidecar was applied before and is not now"
    );
    assert_eq!(containers[0].image_pull_policy.as_deref(), Some("Always"));
}

#[test]
fn apply_over_an_object_made_by_create_warns() {
    let mut c = Cluster::new();
    let mut console = Console::new();
    run(
        &mut c,
        &mut console,
        "kubectl create deployment web --image=nginx:1.27",
    );
    let o = console.run(
        &mut c,
        &format!(
            "kubectl apply -f - <<EOF\n{}EOF",
            web("  replicas: 1\n", "nginx:1.27", "")
        ),
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(o.stdout, "deployment.apps/web configured\n");
    assert_eq!(o.stderr, "Warning: resource deployments/web is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n");
    let o = console.run(
        &mut c,
        &format!(
            "kubectl apply -f - <<EOF\n{}EOF",
            web("  replicas: 1\n", "nginx:1.27", "")
        ),
    );
    assert_eq!(
        (o.stdout.as_str(), o.stderr.as_str()),
        ("deployment.apps/web unchanged\n", "")
    );
}
