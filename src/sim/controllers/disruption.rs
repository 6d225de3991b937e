//! The disruption controller (pkg/controller/disruption/disruption.go): each PodDisruptionBudget's
//! status — the Pods its selector matches (`expectedPods`), how many must stay healthy
//! (`desiredHealthy`), how many are (`currentHealthy`) and so how many may be evicted now
//! (`disruptionsAllowed`) — which the Eviction API reads before it deletes a Pod.
//!
//! The one thing to know: a budget with `maxUnavailable`, or a percentage in `minAvailable`,
//! counts from the replicas of the Pods' controllers (a Deployment through its ReplicaSet, a
//! ReplicaSet, a StatefulSet, a ReplicationController), not from the Pods that exist; a Pod with
//! no such controller makes the budget fail safe (no disruption allowed), as upstream does.
//! PodDisruptionBudgets have no typed table here: they are read and written as JSON.

use std::collections::BTreeSet;

use k8s_openapi::api::core::v1::Pod;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, LabelSelectorRequirement};
use serde_json::{json, Map, Value};

use super::{is_ready, own_key, Controller};
use crate::sim::events::{EventType, Involved, Source};
use crate::sim::queue::QueueKey;
use crate::sim::store::{controller_of, Other, Store, Touch};
use crate::sim::time::{millis_of, MINUTE};
use crate::sim::Cluster;

pub const KIND: &str = "PodDisruptionBudget";

pub(crate) const CONTROLLER: Controller =
    Controller::keyed("disruption-controller", watches, reconcile);

/// How long an eviction's entry in `disruptedPods` keeps the Pod out of the healthy count
/// (disruption.go DeletionTimeout).
const DELETION_TIMEOUT: i64 = 2 * MINUTE;

fn watches(store: &Store, t: &Touch, out: &mut dyn FnMut(QueueKey)) {
    match t.kind.as_str() {
        KIND => out(own_key(t)),
        "Pod" | "Deployment" | "ReplicaSet" | "StatefulSet" | "ReplicationController" => {
            for (_, ns, name) in budgets_in(store, &t.key.0) {
                out(QueueKey::new(&ns, &name));
            }
        }
        _ => {}
    }
}

/// The budgets of a namespace, by (kind, namespace, name).
pub(crate) fn budgets_in(store: &Store, ns: &str) -> Vec<(String, String, String)> {
    let from = (KIND.to_string(), ns.to_string(), String::new());
    store
        .others
        .range(from..)
        .map(|(k, _)| k.clone())
        .take_while(|(kind, n, _)| kind == KIND && n == ns)
        .collect()
}

/// A budget's `spec.selector` as a LabelSelector, read field by field (a typed decoder from JSON
/// would add its own copy of LabelSelector's decoding to the page's wasm).
pub(crate) fn label_selector(pdb: &Value) -> Option<LabelSelector> {
    let sel = pdb.pointer("/spec/selector")?.as_object()?;
    let text = |v: &Value| v.as_str().map(str::to_string);
    let match_labels = sel.get("matchLabels").and_then(Value::as_object).map(|m| {
        m.iter()
            .filter_map(|(k, v)| Some((k.clone(), text(v)?)))
            .collect()
    });
    let match_expressions = sel
        .get("matchExpressions")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .map(|e| LabelSelectorRequirement {
                    key: e.get("key").and_then(text).unwrap_or_default(),
                    operator: e.get("operator").and_then(text).unwrap_or_default(),
                    values: e
                        .get("values")
                        .and_then(Value::as_array)
                        .map(|vs| vs.iter().filter_map(text).collect()),
                })
                .collect()
        });
    Some(LabelSelector {
        match_labels,
        match_expressions,
    })
}

/// A budget's selector; None for a missing, empty or invalid one, which selects nothing
/// (eviction.go: "it should match nothing, not everything").
pub(crate) fn selector(pdb: &Value) -> Option<crate::selector::Selector> {
    let sel = label_selector(pdb)?;
    let empty = sel.match_labels.as_ref().is_none_or(|m| m.is_empty())
        && sel.match_expressions.as_ref().is_none_or(|e| e.is_empty());
    if empty {
        return None;
    }
    crate::selector::from_label_selector(&sel).ok()
}

/// The Pods a budget selects.
pub(crate) fn pods_of<'a>(c: &'a Cluster, pdb: &Value, ns: &'a str) -> Vec<&'a Pod> {
    let Some(sel) = selector(pdb) else {
        return Vec::new();
    };
    c.store
        .pods
        .in_namespace(ns)
        .filter(|p| sel.matches(&super::labels(&p.metadata)))
        .collect()
}

/// An `intstr` of the budget: a number, or a percentage of `total` rounded up.
fn scaled(v: &Value, total: i64) -> Result<i64, String> {
    match v {
        Value::Number(n) => Ok(n.as_i64().unwrap_or(0)),
        Value::String(s) => match s.strip_suffix('%').and_then(|p| p.parse::<i64>().ok()) {
            Some(pct) => Ok((pct.saturating_mul(total) + 99).div_euclid(100)),
            None => Err(format!(
                "invalid value for IntOrString: invalid type: string {s:?}"
            )),
        },
        _ => Ok(0),
    }
}

fn is_percent(v: Option<&Value>) -> bool {
    v.and_then(Value::as_str).is_some_and(|s| s.ends_with('%'))
}

/// getExpectedScale: the replicas of every controller the Pods have, each counted once.
fn expected_scale(c: &Cluster, pods: &[&Pod], ns: &str) -> Result<i64, String> {
    let mut seen = BTreeSet::new();
    let mut total = 0i64;
    for pod in pods {
        let name = pod.metadata.name.clone().unwrap_or_default();
        let no_controller = || format!("found no controllers for pod {name:?}");
        let Some(owner) = controller_of(&pod.metadata) else {
            return Err(no_controller());
        };
        // A ReplicaSet's scale is its Deployment's when a Deployment controls it.
        let (kind, owner_name) = match owner.kind.as_str() {
            "ReplicaSet" => {
                let rs = c
                    .store
                    .replica_sets
                    .get(ns, &owner.name)
                    .ok_or_else(no_controller)?;
                match controller_of(&rs.metadata).filter(|o| o.kind == "Deployment") {
                    Some(d) => ("Deployment", d.name.clone()),
                    None => ("ReplicaSet", owner.name.clone()),
                }
            }
            "StatefulSet" | "ReplicationController" => (owner.kind.as_str(), owner.name.clone()),
            _ => return Err(no_controller()),
        };
        if !seen.insert((kind, owner_name.clone())) {
            continue;
        }
        // Read from the typed tables: the page's wasm carries no encoder of every kind to JSON.
        let replicas = match kind {
            "Deployment" => c
                .store
                .deployments
                .get(ns, &owner_name)
                .map(|d| d.spec.as_ref().and_then(|s| s.replicas)),
            "ReplicaSet" => c
                .store
                .replica_sets
                .get(ns, &owner_name)
                .map(|r| r.spec.as_ref().and_then(|s| s.replicas)),
            "StatefulSet" => c
                .store
                .stateful_sets
                .get(ns, &owner_name)
                .map(|s| s.spec.as_ref().and_then(|s| s.replicas)),
            _ => c
                .store
                .others
                .get(&(kind.to_string(), ns.to_string(), owner_name.clone()))
                .map(|o| {
                    o.value
                        .pointer("/spec/replicas")
                        .and_then(Value::as_i64)
                        .and_then(|r| i32::try_from(r).ok())
                }),
        }
        .ok_or_else(no_controller)?;
        total += i64::from(replicas.unwrap_or(1));
    }
    Ok(total)
}

/// (expectedPods, desiredHealthy) as getExpectedPodCount reckons them.
fn expected(c: &Cluster, pdb: &Value, pods: &[&Pod], ns: &str) -> Result<(i64, i64), String> {
    let spec = pdb.get("spec");
    let max_unavailable = spec.and_then(|s| s.get("maxUnavailable"));
    let min_available = spec.and_then(|s| s.get("minAvailable"));
    if let Some(mu) = max_unavailable.filter(|v| !v.is_null()) {
        let expected = expected_scale(c, pods, ns)?;
        let mu = scaled(mu, expected)?;
        return Ok((expected, (expected - mu).max(0)));
    }
    if let Some(ma) = min_available.filter(|v| !v.is_null()) {
        if is_percent(Some(ma)) {
            let expected = expected_scale(c, pods, ns)?;
            return Ok((expected, scaled(ma, expected)?));
        }
        return Ok((pods.len() as i64, scaled(ma, 0)?));
    }
    Ok((0, 0))
}

fn reconcile(c: &mut Cluster, key: &QueueKey) {
    let ns = key.namespace.clone();
    let k = (KIND.to_string(), ns.clone(), key.name.clone());
    let Some(other) = c.store.others.get(&k) else {
        return;
    };
    if other.value.pointer("/metadata/deletionTimestamp").is_some() {
        return;
    }
    let pdb = other.value.clone();
    let api_version = other.api_version.clone();
    let now = c.now();
    let owned: Vec<Pod> = pods_of(c, &pdb, &ns).into_iter().cloned().collect();
    let pods: Vec<&Pod> = owned.iter().collect();
    let generation = pdb
        .pointer("/metadata/generation")
        .and_then(Value::as_i64)
        .unwrap_or(1);
    let old = pdb.get("status").cloned().unwrap_or(Value::Null);

    // buildDisruptedPodMap: evicted Pods still counted out, until they are deleted or 2 minutes
    // pass; the first expiry wakes the controller.
    let disrupted: Map<String, Value> = old
        .get("disruptedPods")
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .filter(|(name, at)| {
                    let alive = pods.iter().any(|p| {
                        p.metadata.name.as_deref() == Some(name.as_str())
                            && p.metadata.deletion_timestamp.is_none()
                    });
                    let until = at_millis(at) + DELETION_TIMEOUT;
                    alive && until > now
                })
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()
        })
        .unwrap_or_default();
    if let Some(first) = disrupted
        .values()
        .map(|at| at_millis(at) + DELETION_TIMEOUT)
        .min()
    {
        c.wake_at(first);
    }
    let healthy = pods
        .iter()
        .filter(|p| p.metadata.deletion_timestamp.is_none())
        .filter(|p| !disrupted.contains_key(p.metadata.name.as_deref().unwrap_or("")))
        .filter(|p| is_ready(p))
        .count() as i64;

    let (status, failure) = match expected(c, &pdb, &pods, &ns) {
        Ok((expected, desired)) => {
            // updatePdbStatus: none while no Pods are expected (a budget whose Pods have just
            // appeared is safe until this sync has counted them).
            let allowed = if expected <= 0 {
                0
            } else {
                (healthy - desired).max(0)
            };
            let (st, reason) = if allowed > 0 {
                ("True", "SufficientPods")
            } else {
                ("False", "InsufficientPods")
            };
            let mut s = json!({
                "observedGeneration": generation,
                "disruptionsAllowed": allowed,
                "currentHealthy": healthy,
                "desiredHealthy": desired,
                "expectedPods": expected,
                "conditions": [condition(&old, st, reason, "", generation, now)],
            });
            if !disrupted.is_empty() {
                s["disruptedPods"] = Value::Object(disrupted);
            }
            (s, None)
        }
        // failSafe: nothing may be disrupted while the budget cannot be reckoned.
        Err(e) => {
            let mut s = if old.is_object() {
                old.clone()
            } else {
                json!({})
            };
            s["observedGeneration"] = json!(generation);
            s["disruptionsAllowed"] = json!(0);
            s["conditions"] = json!([condition(&old, "False", "SyncFailed", &e, generation, now)]);
            (s, Some(e))
        }
    };
    if status == old {
        return;
    }
    let who = Involved {
        api_version: "policy/v1",
        kind: KIND,
        namespace: ns.clone(),
        name: key.name.clone(),
        uid: pdb
            .pointer("/metadata/uid")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        field_path: None,
    };
    let source = Source::controller("controllermanager");
    match &failure {
        Some(e) => c.record(
            who,
            EventType::Warning,
            "CalculateExpectedPodCountFailed",
            format!("Failed to calculate the number of expected pods: {e}"),
            source,
        ),
        None if pods.is_empty() && old.get("expectedPods").is_none() => c.record(
            who,
            EventType::Normal,
            "NoPods",
            "No matching pods found".into(),
            source,
        ),
        None => {}
    }
    let mut value = pdb;
    value["status"] = status;
    c.store.put_other(Other {
        api_version,
        kind: KIND.to_string(),
        value,
    });
}

fn at_millis(at: &Value) -> i64 {
    crate::sim::time::time_of_json(at)
        .map(|t| millis_of(&t))
        .unwrap_or(0)
}

/// The DisruptionAllowed condition, its transition time kept while its status stays.
fn condition(
    old: &Value,
    status: &str,
    reason: &str,
    message: &str,
    generation: i64,
    now: i64,
) -> Value {
    let was = old
        .get("conditions")
        .and_then(Value::as_array)
        .and_then(|cs| cs.iter().find(|c| c["type"] == "DisruptionAllowed"));
    let since = match was {
        Some(w) if w["status"] == status => w["lastTransitionTime"].clone(),
        _ => crate::sim::time::stamp(now),
    };
    json!({
        "type": "DisruptionAllowed",
        "status": status,
        "reason": reason,
        "message": message,
        "observedGeneration": generation,
        "lastTransitionTime": since,
    })
}
