//! The Pod's `eviction` subresource (pkg/registry/core/pod/storage/eviction.go): what `kubectl
//! drain` posts for each Pod. A Pod that is finished, Pending or already being deleted goes at
//! once; otherwise the one PodDisruptionBudget that selects it must allow a disruption, which the
//! eviction takes (`disruptionsAllowed` down by one, the Pod in `disruptedPods`) before it deletes
//! the Pod. A budget that allows none answers 429, which drain retries every 5 seconds.

use serde_json::Value;

use crate::sim::apply::{Reason, StatusError};
use crate::sim::controllers::disruption::{budgets_in, selector, KIND};
use crate::sim::controllers::{delete_pod, is_ready, phase};
use crate::sim::pod::set_status_condition;
use crate::sim::store::Other;

use crate::sim::Cluster;
use k8s_openapi::api::core::v1::Pod;

const VIOLATES: &str = "Cannot evict pod as it would violate the pod's disruption budget.";

impl Cluster {
    /// Evicts the Pod, or says why not in the API server's words.
    pub fn evict(&mut self, ns: &str, name: &str) -> Result<(), StatusError> {
        self.evict_with_grace(ns, name, None)
    }

    /// An eviction whose DeleteOptions give a grace period (`kubectl drain --grace-period`).
    pub fn evict_with_grace(
        &mut self,
        ns: &str,
        name: &str,
        grace: Option<i64>,
    ) -> Result<(), StatusError> {
        let Some(pod) = self.store.get::<Pod>(ns, name).cloned() else {
            return Err(StatusError::new(
                Reason::NotFound,
                format!("pods {name:?} not found"),
            ));
        };
        // canIgnorePDB: the Pod's disruption has already happened, or never will matter.
        if matches!(phase(&pod), "Succeeded" | "Failed" | "Pending")
            || pod.metadata.deletion_timestamp.is_some()
        {
            self.delete_evicted(ns, name, grace);
            return Ok(());
        }
        let labels = crate::sim::controllers::labels(&pod.metadata);
        let matching: Vec<(String, String, String)> = budgets_in(&self.store, ns)
            .into_iter()
            .filter(|k| {
                self.store
                    .others
                    .get(k)
                    .and_then(|o| selector(&o.value))
                    .is_some_and(|s| s.matches(&labels))
            })
            .collect();
        if matching.len() > 1 {
            return Err(StatusError::new(
                Reason::InternalError,
                "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.",
            ));
        }
        if let Some(key) = matching.first() {
            let Some(pdb) = self.store.others.get(key).cloned() else {
                return Err(StatusError::new(Reason::NotFound, "the budget is gone"));
            };
            let v = &pdb.value;
            let int = |p: &str| v.pointer(p).and_then(Value::as_i64).unwrap_or(0);
            let pdb_name = key.2.clone();
            let ready = is_ready(&pod);
            let always = v
                .pointer("/spec/unhealthyPodEvictionPolicy")
                .and_then(Value::as_str)
                == Some("AlwaysAllow");
            let (healthy, desired) = (int("/status/currentHealthy"), int("/status/desiredHealthy"));
            // An unready Pod does not count as healthy: evicting it costs the budget nothing.
            let free = !ready && (always || (healthy >= desired && desired > 0));
            if !free {
                if v.get("status").is_none()
                    || int("/status/observedGeneration")
                        < v.pointer("/metadata/generation")
                            .and_then(Value::as_i64)
                            .unwrap_or(1)
                {
                    return Err(StatusError::new(Reason::TooManyRequests, VIOLATES).because(
                        format!(
                        "The disruption budget {pdb_name} is still being processed by the server."
                    ),
                    ));
                }
                let allowed = int("/status/disruptionsAllowed");
                if allowed < 0 {
                    return Err(StatusError::new(
                        Reason::Forbidden,
                        format!("poddisruptionbudgets.policy {pdb_name:?} is forbidden: pdb disruptions allowed is negative"),
                    ));
                }
                if allowed == 0 {
                    return Err(StatusError::new(Reason::TooManyRequests, VIOLATES).because(
                        format!("The disruption budget {pdb_name} needs {desired} healthy pods and has {healthy} currently"),
                    ));
                }
                let mut value = pdb.value.clone();
                value["status"]["disruptionsAllowed"] = Value::from(allowed - 1);
                if allowed == 1 {
                    if let Some(c) = value
                        .pointer_mut("/status/conditions")
                        .and_then(Value::as_array_mut)
                        .and_then(|cs| cs.iter_mut().find(|c| c["type"] == "DisruptionAllowed"))
                    {
                        c["status"] = "False".into();
                        c["reason"] = "InsufficientPods".into();
                        c["lastTransitionTime"] = crate::sim::time::stamp(self.now());
                    }
                }
                let at = crate::sim::time::stamp(self.now());
                let status = &mut value["status"];
                if !status["disruptedPods"].is_object() {
                    status["disruptedPods"] = Value::Object(Default::default());
                }
                status["disruptedPods"][name] = at;
                self.store.put_other(Other {
                    api_version: pdb.api_version.clone(),
                    kind: KIND.to_string(),
                    value,
                });
            }
        }
        self.delete_evicted(ns, name, grace);
        Ok(())
    }

    /// The DisruptionTarget condition says why (PodDisruptionConditions), then the Pod is
    /// deleted with its own grace period.
    fn delete_evicted(&mut self, ns: &str, name: &str, grace: Option<i64>) {
        let now = self.now();
        let terminating = self
            .store
            .get::<Pod>(ns, name)
            .is_some_and(|p| p.metadata.deletion_timestamp.is_some());
        if !terminating {
            self.store.put_status::<Pod>(ns, name, |p| {
                set_status_condition(
                    p.status.get_or_insert_with(Default::default),
                    "DisruptionTarget",
                    "True",
                    Some("EvictionByEvictionAPI"),
                    Some("Eviction API: evicting".into()),
                    now,
                );
            });
        }
        delete_pod(self, ns, name, grace);
        self.settle();
    }
}
