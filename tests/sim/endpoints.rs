use super::*;

/// EndpointSlices follow readiness (endpointslice reconciler): a Pod failing its readiness probe is
/// listed as not ready; a selector change moves the endpoints at once.
#[test]
fn endpoints_follow_readiness_and_selectors() {
    let text = "apiVersion: v1
kind: Pod
metadata:
  name: slow
  labels: {app: web, color: blue}
  annotations: {sim.kubeplay.dev/app: warmup 25s}
spec:
  containers:
  - name: app
    image: example/app:1
    ports: [{name: http, containerPort: 8080}]
    readinessProbe: {httpGet: {path: /healthz, port: http}, periodSeconds: 5}
---
apiVersion: v1
kind: Pod
metadata:
  name: green
  labels: {app: web, color: green}
spec:
  containers:
  - name: app
    image: example/app:2
    ports: [{name: http, containerPort: 9090}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web, color: blue}
  ports: [{port: 80, targetPort: http}]
";
    let mut c = cluster(text);
    let ready_of = |c: &Cluster| -> Vec<(Vec<String>, bool, i32)> {
        c.store()
            .endpoint_slices
            .values()
            .filter(|s| s.metadata.labels.as_ref().unwrap()["kubernetes.io/service-name"] == "web")
            .flat_map(|s| {
                s.endpoints.iter().map(|e| {
                    (
                        e.addresses.clone(),
                        e.conditions.as_ref().unwrap().ready.unwrap(),
                        s.ports.as_ref().unwrap()[0].port.unwrap(),
                    )
                })
            })
            .collect()
    };
    c.run_until(10 * SECOND);
    let ip = c
        .store()
        .pods
        .values()
        .find(|p| p.metadata.name.as_deref() == Some("slow"))
        .unwrap()
        .status
        .as_ref()
        .unwrap()
        .pod_ip
        .clone()
        .unwrap();
    assert!(ip.starts_with("10.244."), "{ip}");
    assert_eq!(ready_of(&c), vec![(vec![ip.clone()], false, 8080)]);
    let unhealthy = events(&c, "Unhealthy");
    assert_eq!(unhealthy[0], format!("Readiness probe failed: Get \"http://{ip}:8080/healthz\": dial tcp {ip}:8080: connect: connection refused"));
    // Started at 3 s; probes at 3, 8, ..., 28 s: the first after the 25 s warm-up passes.
    c.run_until(27_900);
    assert!(!ready_of(&c)[0].1);
    c.run_until(28_000);
    assert!(ready_of(&c)[0].1);
    // Blue/green: switching the selector moves the endpoints in the same instant.
    c.apply(&load(&text.replace(
        "selector: {app: web, color: blue}",
        "selector: {app: web, color: green}",
    )));
    let eps = ready_of(&c);
    assert_eq!(eps.len(), 1);
    assert_eq!(eps[0].2, 9090, "the named port resolves on the green Pod");
}
