//! Scenario tests of the simulated cluster. Each names where its expectation comes from.

use kubeplay::manifest::load;
use kubeplay::sim::print::{pod_status, tables};
use kubeplay::sim::time::SECOND;
use kubeplay::sim::{ApplyOutcome, Cluster};

fn cluster(text: &str) -> Cluster {
    let mut c = Cluster::new();
    let results = c.apply(&load(text));
    for r in &results {
        assert!(!r.is_error(), "{}", r.render());
    }
    c
}

/// (name, READY, STATUS, RESTARTS) of every Pod, as `kubectl get pods` shows them.
fn pods(c: &Cluster) -> Vec<(String, String, String, String)> {
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

fn deployment(name: &str, replicas: i32, image: &str, strategy: &str) -> String {
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

fn events(c: &Cluster, reason: &str) -> Vec<String> {
    c.events()
        .iter()
        .filter(|e| e.reason == reason)
        .map(|e| e.message.clone())
        .collect()
}

/// The rolling-update bounds of pkg/controller/deployment/rolling.go and the Deployment docs: at no
/// step more than replicas+maxSurge Pods (not terminating), nor fewer than replicas-maxUnavailable
/// available, with surge rounded up and unavailability rounded down from percentages
/// (intstr.GetScaledValueFromIntOrPercent).
#[test]
fn rolling_updates_stay_within_surge_and_unavailability() {
    let cases = [
        (4, "4", "3", 4, 3),
        (4, "25%", "25%", 1, 1),
        (10, "30%", "30%", 3, 3),
        (10, "1", "0", 1, 0),
        (10, "0", "1", 0, 1),
        (5, "50%", "0", 3, 0),
        (3, "0", "0", 0, 1),
    ];
    for (replicas, surge, unavailable, max_surge, max_unavailable) in cases {
        let strategy = format!("strategy: {{type: RollingUpdate, rollingUpdate: {{maxSurge: {}, maxUnavailable: {}}}}}",
            if surge.ends_with('%') { format!("\"{surge}\"") } else { surge.to_string() },
            if unavailable.ends_with('%') { format!("\"{unavailable}\"") } else { unavailable.to_string() });
        let v1 = deployment("web", replicas, "example/app:1", &strategy);
        let mut c = cluster(&v1);
        c.run_to_steady(10 * 60 * SECOND);
        let v2 = deployment("web", replicas, "example/app:2", &strategy);
        let r = c.apply(&load(&v2));
        assert_eq!(r[0].outcome, ApplyOutcome::Configured);
        let mut steps = 0;
        let mut saw_both = false;
        loop {
            let active: Vec<_> = c
                .store()
                .pods
                .values()
                .filter(|p| p.metadata.deletion_timestamp.is_none())
                .collect();
            let available = active
                .iter()
                .filter(|p| kubeplay::sim::controllers::is_ready(p))
                .count() as i32;
            let new = active
                .iter()
                .filter(|p| {
                    p.spec.as_ref().unwrap().containers[0].image.as_deref() == Some("example/app:2")
                })
                .count();
            saw_both |= new > 0 && new < active.len();
            assert!(
                active.len() as i32 <= replicas + max_surge,
                "{surge}/{unavailable}: {} Pods at t={}",
                active.len(),
                c.now()
            );
            assert!(
                available >= replicas - max_unavailable,
                "{surge}/{unavailable}: {available} available at t={}",
                c.now()
            );
            steps += 1;
            if !c.step() || steps > 10_000 {
                break;
            }
        }
        let images: Vec<_> = c
            .store()
            .pods
            .values()
            .map(|p| {
                p.spec.as_ref().unwrap().containers[0]
                    .image
                    .clone()
                    .unwrap()
            })
            .collect();
        assert_eq!(
            images,
            vec!["example/app:2".to_string(); replicas as usize],
            "{surge}/{unavailable}"
        );
        assert!(
            saw_both || max_surge == 0 && max_unavailable >= replicas,
            "{surge}/{unavailable}: never saw old and new together"
        );
        let d = c.store().deployments.values().next().unwrap();
        let (msg, done) = kubeplay::sim::print::rollout_status(d);
        assert!(
            done && msg == "deployment \"web\" successfully rolled out",
            "{msg}"
        );
        assert_eq!(
            c.store().replica_sets.len(),
            2,
            "the old ReplicaSet is kept at 0 for rollback"
        );
    }
}

/// The seed's 4-replica Deployment with maxSurge 4 / maxUnavailable 3: the new ReplicaSet goes to 4 at
/// once and the old one down to 1 (4 - 3), as rolling.go computes; the events say so.
#[test]
fn seed_rollout_scales_as_kubernetes_does() {
    let strategy =
        "strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 4, maxUnavailable: 3}}";
    let mut c = cluster(&deployment(
        "echo-version",
        4,
        "gihyodocker/echo-version:0.1.0",
        strategy,
    ));
    c.run_to_steady(60 * SECOND);
    c.apply(&load(&deployment(
        "echo-version",
        4,
        "gihyodocker/echo-version:0.2.0",
        strategy,
    )));
    let scaling = events(&c, "ScalingReplicaSet");
    assert_eq!(scaling.len(), 3, "{scaling:?}");
    assert!(
        scaling[1].starts_with("Scaled up replica set echo-version-")
            && scaling[1].ends_with(" from 0 to 4"),
        "{scaling:?}"
    );
    assert!(scaling[2].ends_with(" from 4 to 1"), "{scaling:?}");
    c.run_to_steady(5 * 60 * SECOND);
    let scaling = events(&c, "ScalingReplicaSet");
    assert!(
        scaling.last().unwrap().ends_with(" from 1 to 0"),
        "{scaling:?}"
    );
    // Re-applying the first template rolls back to the old ReplicaSet instead of making a third.
    c.apply(&load(&deployment(
        "echo-version",
        4,
        "gihyodocker/echo-version:0.1.0",
        strategy,
    )));
    c.run_to_steady(5 * 60 * SECOND);
    assert_eq!(c.store().replica_sets.len(), 2);
    let revs: Vec<_> = c
        .store()
        .replica_sets
        .values()
        .map(|rs| {
            rs.metadata.annotations.as_ref().unwrap()["deployment.kubernetes.io/revision"].clone()
        })
        .collect();
    assert!(revs.contains(&"3".to_string()), "{revs:?}");
}

/// Recreate (pkg/controller/deployment/recreate.go): old Pods are all gone before new ones exist.
#[test]
fn recreate_never_mixes_versions() {
    let strategy = "strategy: {type: Recreate}";
    let mut c = cluster(&deployment("web", 3, "example/app:1", strategy));
    c.run_to_steady(60 * SECOND);
    c.apply(&load(&deployment("web", 3, "example/app:2", strategy)));
    loop {
        let images: std::collections::BTreeSet<_> = c
            .store()
            .pods
            .values()
            .map(|p| {
                p.spec.as_ref().unwrap().containers[0]
                    .image
                    .clone()
                    .unwrap()
            })
            .collect();
        assert!(images.len() <= 1, "mixed at t={}: {images:?}", c.now());
        if !c.step() {
            break;
        }
    }
    assert_eq!(pods(&c).iter().filter(|p| p.2 == "Running").count(), 3);
}

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

/// kubelet's container restart back-off (pkg/kubelet/kuberuntime, flowcontrol.Backoff): 10 s doubling
/// to 5 min; kubectl shows CrashLoopBackOff while waiting.
#[test]
fn crash_loop_back_off_doubles() {
    let mut c = cluster(
        "apiVersion: v1
kind: Pod
metadata: {name: crash}
spec:
  containers: [{name: app, image: busybox:1.36, command: [sh, -c, 'sleep 1; exit 2']}]
",
    );
    // Started at 3 s (1 s sandbox, 2 s pull); each run lasts 1 s.
    let expect = [
        (3_500, "0", "Running"),
        (4_500, "1", "Running"),
        (5_500, "1", "CrashLoopBackOff"),
        (15_500, "2", "Running"),
        (16_500, "2", "CrashLoopBackOff"),
        (36_500, "3", "Running"),
        (77_500, "4", "Running"),
        (158_500, "5", "Running"),
    ];
    for (t, restarts, status) in expect {
        c.run_until(t);
        let p = &pods(&c)[0];
        assert_eq!(
            (p.3.as_str(), p.2.as_str()),
            (restarts, status),
            "at {t} ms"
        );
    }
    let backoff = events(&c, "BackOff");
    assert_eq!(backoff.len(), 1);
    assert!(
        backoff[0].starts_with("Back-off restarting failed container app in pod crash_default("),
        "{backoff:?}"
    );
    let e = c.events().iter().find(|e| e.reason == "BackOff").unwrap();
    assert_eq!(e.count, 4);
}

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

/// Init containers run one after another (kubectl shows Init:0/2, Init:1/2); a failing one restarts
/// with back-off (Init:Error, Init:CrashLoopBackOff) while the app waits.
#[test]
fn init_containers_run_in_order() {
    let mut c = cluster(
        "apiVersion: v1
kind: Pod
metadata: {name: init}
spec:
  initContainers:
  - {name: one, image: busybox:1.36, command: [sh, -c, 'sleep 5']}
  - {name: two, image: busybox:1.36, command: [sh, -c, 'sleep 5']}
  containers: [{name: app, image: example/app:1}]
",
    );
    c.run_until(4 * SECOND);
    assert_eq!(pods(&c)[0].2, "Init:0/2");
    c.run_until(9 * SECOND);
    assert_eq!(pods(&c)[0].2, "Init:1/2");
    c.run_until(20 * SECOND);
    assert_eq!(pods(&c)[0].2, "Running");
    let mut c = cluster(
        "apiVersion: v1
kind: Pod
metadata: {name: init}
spec:
  initContainers: [{name: migrate, image: busybox:1.36, command: [sh, -c, 'exit 1']}]
  containers: [{name: app, image: example/app:1}]
",
    );
    c.run_until(3_000);
    assert_eq!(pods(&c)[0].2, "Init:CrashLoopBackOff");
    let mut c = cluster(
        "apiVersion: v1
kind: Pod
metadata: {name: init}
spec:
  restartPolicy: Never
  initContainers: [{name: migrate, image: busybox:1.36, command: [sh, -c, 'exit 1']}]
  containers: [{name: app, image: example/app:1}]
",
    );
    c.run_until(5_000);
    assert_eq!(pods(&c)[0].2, "Init:Error");
}

/// Missing config (kubelet_pods.go makeEnvironmentVariables): CreateContainerConfigError with the
/// kubelet's message, cleared once the ConfigMap appears; `optional: true` is respected.
#[test]
fn missing_config_blocks_the_container() {
    let pod = "apiVersion: v1
kind: Pod
metadata: {name: cfg}
spec:
  containers:
  - name: app
    image: example/app:1
    env:
    - name: MODE
      valueFrom: {configMapKeyRef: {name: settings, key: mode}}
    - name: EXTRA
      valueFrom: {secretKeyRef: {name: extra, key: x, optional: true}}
";
    let mut c = cluster(pod);
    c.run_until(5 * SECOND);
    assert_eq!(pods(&c)[0].2, "CreateContainerConfigError");
    assert_eq!(
        events(&c, "Failed"),
        vec!["Error: configmap \"settings\" not found".to_string()]
    );
    c.apply(&load(&format!("{pod}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {{name: settings}}\ndata: {{other: x}}\n")));
    c.run_until(6 * SECOND);
    assert!(events(&c, "Failed")
        .contains(&"Error: couldn't find key mode in ConfigMap default/settings".to_string()));
    c.apply(&load(&format!("{pod}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {{name: settings}}\ndata: {{mode: fast}}\n")));
    c.run_until(7 * SECOND);
    assert_eq!(pods(&c)[0].2, "Running");
}

/// Graceful termination: a shell that ignores SIGTERM holds the Pod in Terminating for the whole
/// terminationGracePeriodSeconds; a server stops at once; prune deletes what left the text.
#[test]
fn pruned_pods_terminate_gracefully() {
    let text = "apiVersion: v1
kind: Pod
metadata: {name: sleeper}
spec:
  terminationGracePeriodSeconds: 20
  containers: [{name: app, image: busybox:1.36, command: [sleep, '3600']}]
---
apiVersion: v1
kind: Pod
metadata: {name: server}
spec:
  containers: [{name: app, image: nginx:1.27}]
";
    let mut c = cluster(text);
    c.run_until(10 * SECOND);
    let results = c.apply(&load(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n",
    ));
    let lines: Vec<_> = results.iter().map(|r| r.render()).collect();
    assert_eq!(
        lines,
        [
            "configmap/x created",
            "pod/server pruned",
            "pod/sleeper pruned"
        ]
    );
    c.run_until(11 * SECOND);
    assert_eq!(
        pods(&c),
        vec![(
            "sleeper".into(),
            "1/1".into(),
            "Terminating".into(),
            "0".into()
        )]
    );
    c.run_until(29_900);
    assert_eq!(pods(&c).len(), 1);
    c.run_until(30 * SECOND);
    assert!(pods(&c).is_empty());
}

/// API server refusals, in its words (apps/v1 validation, the namespace lifecycle admission plugin,
/// the Service NodePort allocator).
#[test]
fn refused_applies_keep_the_old_object() {
    let mut c = cluster(&deployment("web", 1, "example/app:1", ""));
    let changed = deployment("web", 1, "example/app:1", "")
        .replace(
            "matchLabels: {app: web}",
            "matchLabels: {app: web, tier: x}",
        )
        .replace("labels: {app: web}", "labels: {app: web, tier: x}");
    let r = c.apply(&load(&changed));
    assert_eq!(r[0].render(), "Error from server (Invalid): Deployment \"web\" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web\", \"tier\":\"x\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable");
    assert_eq!(
        c.store().deployments.len(),
        1,
        "a refused update is not a prune"
    );
    let r = c.apply(&load(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: nowhere}\n",
    ));
    assert_eq!(
        r[0].render(),
        "Error from server (NotFound): error when creating: namespaces \"nowhere\" not found"
    );
    let r = c.apply(&load("apiVersion: v1\nkind: Service\nmetadata: {name: np}\nspec:\n  type: NodePort\n  ports: [{port: 80, nodePort: 80}]\n"));
    assert_eq!(r[0].render(), "Error from server (Invalid): Service \"np\" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767");
    let two = "apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec:\n  type: NodePort\n  ports: [{port: 80, nodePort: 30080}]\n---\napiVersion: v1\nkind: Service\nmetadata: {name: b}\nspec:\n  type: NodePort\n  ports: [{port: 80, nodePort: 30080}]\n";
    let r = c.apply(&load(two));
    assert_eq!(r[1].render(), "Error from server (Invalid): Service \"b\" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated");
    let r = c.apply(&load(
        "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n",
    ));
    assert!(r[0].render().ends_with("no matches for kind \"Widget\" in version \"example.com/v1\"\nensure CRDs are installed first"), "{}", r[0].render());
}

/// Same input, same steps: byte-identical output (names, IPs, events).
#[test]
fn simulation_is_deterministic() {
    let text = format!(
        "{}---\n{}",
        deployment("a", 5, "example/app:1", ""),
        deployment("b", 3, "example/app:1", "strategy: {type: Recreate}")
    );
    let run = || {
        let mut c = cluster(&text);
        c.run_until(30 * SECOND);
        c.apply(&load(&text.replace("example/app:1", "example/app:2")));
        c.run_until(120 * SECOND);
        serde_json::to_string(&c.list_json()).unwrap()
    };
    assert_eq!(run(), run());
}
