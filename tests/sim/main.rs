//! Scenario tests of the simulated cluster, one file per concern. Each test names where its
//! expectation comes from.

mod apply;
mod collection;
mod cronjobs;
mod disruption;
mod endpoints;
mod engine;
mod jobs;
mod kubelet;
mod logs;
mod node_faults;
mod rollouts;
mod scheduling;
mod storage;
mod workloads;

pub(crate) use kubeplay::manifest::load;
pub(crate) use kubeplay::sim::print::{pod_status, tables};
pub(crate) use kubeplay::sim::time::SECOND;
pub(crate) use kubeplay::sim::{ApplyOutcome, Cluster};

pub(crate) fn cluster(text: &str) -> Cluster {
    let mut c = Cluster::new();
    let results = c.apply(&load(text));
    for r in &results {
        assert!(!r.is_error(), "{}", r.render());
    }
    c
}

/// (name, READY, STATUS, RESTARTS) of every Pod, as `kubectl get pods` shows them.
pub(crate) fn pods(c: &Cluster) -> Vec<(String, String, String, String)> {
    c.store()
        .pods
        .values()
        .map(|p| {
            let (ready, status, restarts, _) = pod_status(p, c.now());
            let restarts = restarts.split(' ').next().unwrap_or_default().to_string();
            (
                p.metadata.name.clone().unwrap_or_default(),
                ready,
                status,
                restarts,
            )
        })
        .collect()
}

pub(crate) fn deployment(name: &str, replicas: i32, image: &str, strategy: &str) -> String {
    format!(
        "apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
spec:
  replicas: {replicas}
  {strategy}
  selector:
    matchLabels: {{app: {name}}}
  template:
    metadata:
      labels: {{app: {name}}}
    spec:
      containers:
      - name: app
        image: {image}
        ports: [{{name: http, containerPort: 8080}}]
"
    )
}

pub(crate) fn events(c: &Cluster, reason: &str) -> Vec<String> {
    c.events()
        .iter()
        .filter(|e| e.reason == reason)
        .map(|e| e.message.clone())
        .collect()
}
