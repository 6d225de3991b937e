//! PodDisruptionBudgets: the disruption controller's status (pkg/controller/disruption,
//! disruption_test.go: TestNoSelector, TestUnavailable, TestIntegerMaxUnavailable,
//! TestReplicaSet, TestStatefulSetController, TestMultipleControllers...) and the Pod's eviction
//! subresource that reads it (pkg/registry/core/pod/storage/eviction_test.go).

use super::*;
use kubeplay::sim::Reason;

fn budget(spec: &str) -> String {
    format!(
        "---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  {spec}
"
    )
}

/// (expectedPods, desiredHealthy, currentHealthy, disruptionsAllowed).
type Counts = (i64, i64, i64, i64);

fn status(c: &Cluster) -> Counts {
    let v = c
        .store()
        .get_json("PodDisruptionBudget", "default", "web")
        .expect("the budget");
    let n = |p: &str| v.pointer(p).and_then(|x| x.as_i64()).unwrap_or(-1);
    (
        n("/status/expectedPods"),
        n("/status/desiredHealthy"),
        n("/status/currentHealthy"),
        n("/status/disruptionsAllowed"),
    )
}

fn running(c: &Cluster) -> Vec<String> {
    pods(c)
        .into_iter()
        .filter(|(_, ready, _, _)| ready == "1/1")
        .map(|(name, ..)| name)
        .collect()
}

#[test]
fn the_budget_counts_as_upstream_reckons_it() {
    // (budget spec, (expectedPods, desiredHealthy, currentHealthy, disruptionsAllowed)) over a
    // Deployment of 4 ready Pods.
    let cases: &[(&str, Counts)] = &[
        // minAvailable as a number counts the Pods there are.
        (
            "minAvailable: 3\n  selector: {matchLabels: {app: web}}",
            (4, 3, 4, 1),
        ),
        (
            "minAvailable: 4\n  selector: {matchLabels: {app: web}}",
            (4, 4, 4, 0),
        ),
        // A percentage counts from the Deployment's replicas, rounded up.
        (
            "minAvailable: 50%\n  selector: {matchLabels: {app: web}}",
            (4, 2, 4, 2),
        ),
        (
            "minAvailable: 30%\n  selector: {matchLabels: {app: web}}",
            (4, 2, 4, 2),
        ),
        // maxUnavailable: desired is the scale less what may be unavailable.
        (
            "maxUnavailable: 1\n  selector: {matchLabels: {app: web}}",
            (4, 3, 4, 1),
        ),
        (
            "maxUnavailable: 25%\n  selector: {matchLabels: {app: web}}",
            (4, 3, 4, 1),
        ),
        (
            "maxUnavailable: 0\n  selector: {matchLabels: {app: web}}",
            (4, 4, 4, 0),
        ),
        // TestNoSelector: an empty selector selects nothing.
        ("minAvailable: 1\n  selector: {}", (0, 1, 0, 0)),
        // A selector of no Pod.
        (
            "minAvailable: 1\n  selector: {matchLabels: {app: other}}",
            (0, 1, 0, 0),
        ),
    ];
    for (spec, want) in cases {
        let text = deployment("web", 4, "nginx:1.27", "") + &budget(spec);
        let mut c = cluster(&text);
        c.run_until(30 * SECOND);
        assert_eq!(running(&c).len(), 4, "{spec}");
        assert_eq!(status(&c), *want, "{spec}");
    }
}

#[test]
fn a_pod_without_a_controller_fails_a_percentage_safe() {
    // disruption.go failSafe: "found no controllers for pod", nothing may be disrupted.
    let text = "apiVersion: v1
kind: Pod
metadata: {name: bare, labels: {app: web}}
spec:
  containers: [{name: app, image: nginx}]
"
    .to_string()
        + &budget("maxUnavailable: 1\n  selector: {matchLabels: {app: web}}");
    let mut c = cluster(&text);
    c.run_until(30 * SECOND);
    let v = c
        .store()
        .get_json("PodDisruptionBudget", "default", "web")
        .unwrap();
    assert_eq!(v.pointer("/status/disruptionsAllowed"), Some(&0.into()));
    assert_eq!(
        v.pointer("/status/conditions/0/reason")
            .and_then(|r| r.as_str()),
        Some("SyncFailed")
    );
    assert_eq!(
        events(&c, "CalculateExpectedPodCountFailed"),
        ["Failed to calculate the number of expected pods: found no controllers for pod \"bare\""]
    );
    // With no budget that can be reckoned, the eviction is refused.
    let e = c.evict("default", "bare").unwrap_err();
    assert_eq!(e.reason, Reason::TooManyRequests);
}

#[test]
fn evictions_take_from_the_budget_until_it_is_spent() {
    let text = deployment("web", 3, "nginx:1.27", "")
        + &budget("minAvailable: 2\n  selector: {matchLabels: {app: web}}");
    let mut c = cluster(&text);
    c.run_until(30 * SECOND);
    let names = running(&c);
    assert_eq!(status(&c), (3, 2, 3, 1));
    // The first eviction takes the one disruption allowed and marks the Pod.
    c.evict("default", &names[0]).unwrap();
    assert_eq!(status(&c).3, 0);
    // The second is refused with eviction.go's 429 and its cause.
    let e = c.evict("default", &names[1]).unwrap_err();
    assert_eq!(e.reason, Reason::TooManyRequests);
    assert_eq!(
        e.message,
        "Cannot evict pod as it would violate the pod's disruption budget."
    );
    assert_eq!(
        e.causes,
        ["The disruption budget web needs 2 healthy pods and has 2 currently"]
    );
    // Once the replacement is ready, the budget allows one again.
    c.run_until(60 * SECOND);
    assert_eq!(status(&c), (3, 2, 3, 1));
    c.evict("default", &names[1]).unwrap();
    // A Pod under two budgets cannot be evicted (500).
    let two = deployment("web", 3, "nginx:1.27", "")
        + &budget("minAvailable: 1\n  selector: {matchLabels: {app: web}}")
        + &budget("minAvailable: 1\n  selector: {matchLabels: {app: web}}")
            .replace("name: web", "name: second");
    let mut c = cluster(&two);
    c.run_until(30 * SECOND);
    let e = c.evict("default", &running(&c)[0]).unwrap_err();
    assert_eq!(e.reason, Reason::InternalError);
    assert_eq!(
        e.message,
        "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support."
    );
    // No such Pod: NotFound.
    assert_eq!(
        c.evict("default", "nope").unwrap_err().reason,
        Reason::NotFound
    );
}

#[test]
fn an_evicted_pod_says_why_and_its_replica_set_replaces_it() {
    let mut c = cluster(&deployment("web", 2, "nginx:1.27", ""));
    c.run_until(30 * SECOND);
    let victim = running(&c)[0].clone();
    c.evict("default", &victim).unwrap();
    // PodDisruptionConditions: the condition is set before the Pod goes.
    let changes: Vec<String> = running(&c);
    assert!(
        !changes.contains(&victim) || {
            let p = c.store().pods.get("default", &victim).unwrap();
            p.status
                .as_ref()
                .and_then(|s| s.conditions.as_ref())
                .is_some_and(|cs| {
                    cs.iter().any(|c| {
                        c.type_ == "DisruptionTarget"
                            && c.reason.as_deref() == Some("EvictionByEvictionAPI")
                    })
                })
        }
    );
    c.run_until(60 * SECOND);
    let now = running(&c);
    assert_eq!(now.len(), 2);
    assert!(!now.contains(&victim));
}
