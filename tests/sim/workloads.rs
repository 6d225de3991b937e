use super::*;

/// StatefulSet OrderedReady (stateful_set_control.go): web-1 waits for web-0 to be Running and Ready;
/// scale down goes from the highest ordinal, one at a time. Parallel creates all at once.
#[test]
fn statefulset_orders_its_pods() {
    let set = |replicas: i32, policy: &str| {
        format!(
            "apiVersion: apps/v1
kind: StatefulSet
metadata: {{name: web}}
spec:
  serviceName: web
  replicas: {replicas}
  podManagementPolicy: {policy}
  selector: {{matchLabels: {{app: web}}}}
  template:
    metadata: {{labels: {{app: web}}}}
    spec:
      containers: [{{name: app, image: example/app:1}}]
  volumeClaimTemplates:
  - metadata: {{name: data}}
    spec: {{accessModes: [ReadWriteOnce], resources: {{requests: {{storage: 1Gi}}}}}}
"
        )
    };
    let mut c = cluster(&set(3, "OrderedReady"));
    let mut order = Vec::new();
    loop {
        for p in c.store().pods.values() {
            let n = p.metadata.name.clone().unwrap();
            if !order.contains(&n) {
                // Every lower ordinal is Running and Ready when a Pod appears.
                for earlier in &order {
                    let e = c
                        .store()
                        .pods
                        .values()
                        .find(|q| q.metadata.name.as_ref() == Some(earlier))
                        .unwrap();
                    assert!(
                        kubeplay::sim::controllers::is_ready(e),
                        "{n} created before {earlier} was ready"
                    );
                }
                order.push(n);
            }
        }
        if !c.step() {
            break;
        }
    }
    assert_eq!(order, ["web-0", "web-1", "web-2"]);
    let claims: Vec<_> = c
        .store()
        .persistent_volume_claims
        .values()
        .map(|p| p.metadata.name.clone().unwrap())
        .collect();
    assert_eq!(claims, ["data-web-0", "data-web-1", "data-web-2"]);
    let p = c.store().pods.values().next().unwrap();
    assert_eq!(p.spec.as_ref().unwrap().subdomain.as_deref(), Some("web"));
    c.apply(&load(&set(1, "OrderedReady")));
    c.run_to_steady(5 * 60 * SECOND);
    let deleted = events(&c, "SuccessfulDelete");
    assert_eq!(
        deleted,
        [
            "delete Pod web-2 in StatefulSet web successful",
            "delete Pod web-1 in StatefulSet web successful"
        ]
    );
    assert_eq!(
        c.store().persistent_volume_claims.len(),
        3,
        "claims outlive their Pods"
    );
    let mut c = cluster(&set(3, "Parallel"));
    c.run_until(0);
    assert_eq!(c.store().pods.len(), 3);
}

/// DaemonSet (daemon_controller.go): one Pod per node whose taints it tolerates; the control-plane
/// taint keeps it off the control plane unless tolerated.
#[test]
fn daemonset_runs_where_tolerated() {
    let ds = |tolerations: &str| {
        format!(
            "apiVersion: apps/v1
kind: DaemonSet
metadata: {{name: agent}}
spec:
  selector: {{matchLabels: {{app: agent}}}}
  template:
    metadata: {{labels: {{app: agent}}}}
    spec:
      {tolerations}
      containers: [{{name: agent, image: example/agent:1}}]
"
        )
    };
    let mut c = cluster(&ds(""));
    c.run_to_steady(60 * SECOND);
    let nodes: Vec<_> = c
        .store()
        .pods
        .values()
        .map(|p| p.spec.as_ref().unwrap().node_name.clone().unwrap())
        .collect();
    assert_eq!(nodes.len(), 2);
    assert!(!nodes.contains(&"kind-control-plane".to_string()));
    let mut c = cluster(&ds("tolerations: [{key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}]"));
    c.run_to_steady(60 * SECOND);
    assert_eq!(c.store().pods.len(), 3);
    let table = tables(&c, false)
        .into_iter()
        .find(|t| t.resource == "daemonsets.apps")
        .unwrap();
    assert_eq!(table.rows[0].cells[1..6], ["3", "3", "3", "3", "3"]);
}
