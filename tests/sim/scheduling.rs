use super::*;

/// Scheduler messages from framework/types.go FitError.Error, as a kind cluster prints them.
#[test]
fn unschedulable_pods_say_why_in_the_schedulers_words() {
    let cases = [
        (
            "resources: {requests: {cpu: \"3\"}}",
            3,
            "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.",
        ),
        (
            "resources: {requests: {memory: 64Gi, cpu: 100m}}",
            1,
            "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient memory. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.",
        ),
    ];
    for (resources, replicas, want) in cases {
        let text = format!(
            "apiVersion: apps/v1
kind: Deployment
metadata: {{name: big}}
spec:
  replicas: {replicas}
  selector: {{matchLabels: {{app: big}}}}
  template:
    metadata: {{labels: {{app: big}}}}
    spec:
      containers:
      - name: app
        image: example/app:1
        {resources}
"
        );
        let mut c = cluster(&text);
        c.run_to_steady(60 * SECOND);
        let failed = events(&c, "FailedScheduling");
        assert_eq!(failed, vec![want.to_string()], "{resources}");
        assert!(pods(&c).iter().any(|p| p.2 == "Pending"));
    }
    let selector = "apiVersion: v1
kind: Pod
metadata: {name: picky}
spec:
  nodeSelector: {disktype: ssd}
  containers: [{name: app, image: example/app:1}]
";
    let mut c = cluster(selector);
    c.run_to_steady(SECOND);
    assert_eq!(events(&c, "FailedScheduling"), vec!["0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.".to_string()]);
    let describe = kubeplay::sim::print::describe(&c, "Pod", "default", "picky").unwrap();
    assert!(describe.contains("Warning  FailedScheduling"), "{describe}");
    // Labelling a node through a Node object in the text replaces kind's nodes.
    let with_node = format!("{selector}---\napiVersion: v1\nkind: Node\nmetadata:\n  name: fast-1\n  labels: {{disktype: ssd}}\n");
    c.apply(&load(&with_node));
    c.run_to_steady(60 * SECOND);
    assert_eq!(c.store().nodes.len(), 1);
    assert_eq!(
        pods(&c),
        vec![("picky".into(), "1/1".into(), "Running".into(), "0".into())]
    );
}
