//! What a failed or succeeded Pod means for its Job: the pod failure policy
//! (pod_failure_policy.go `matchPodFailurePolicy`), the success policy (success_policy.go
//! `matchSuccessPolicy`) and the back-off before a failed Pod is replaced (backoff_utils.go).

use std::collections::BTreeSet;

use k8s_openapi::api::batch::v1::{PodFailurePolicy, SuccessPolicy};
use k8s_openapi::api::core::v1::Pod;

use crate::sim::time::{millis_of, Millis, SECOND};

/// The first back-off after a failure, doubled for each failure since the last success.
pub const BACKOFF_BASE: Millis = 10 * SECOND;
/// `MaxJobPodFailureBackOff`.
pub const BACKOFF_MAX: Millis = 600 * SECOND;

/// What a rule of the pod failure policy decided for a failed Pod.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// The Job fails at once, with this message (reason `PodFailurePolicy`).
    FailJob(String),
    /// The index fails (backoffLimitPerIndex).
    FailIndex,
    /// Not counted toward any limit; the Pod is replaced.
    Ignore,
    /// Counted, as without a policy.
    Count,
}

/// `matchPodFailurePolicy`: the first rule that matches the failed Pod, in order.
pub fn match_failure(policy: &PodFailurePolicy, pod: &Pod) -> Option<Action> {
    let ns = pod.metadata.namespace.as_deref().unwrap_or_default();
    let name = pod.metadata.name.as_deref().unwrap_or_default();
    let st = pod.status.as_ref();
    for (i, rule) in policy.rules.iter().enumerate() {
        let matched = if let Some(codes) = &rule.on_exit_codes {
            let statuses = st
                .into_iter()
                .flat_map(|s| s.container_statuses.iter().flatten())
                .chain(
                    st.into_iter()
                        .flat_map(|s| s.init_container_statuses.iter().flatten()),
                );
            statuses
                .filter(|cs| codes.container_name.as_ref().is_none_or(|n| *n == cs.name))
                .find_map(|cs| {
                    let t = cs.state.as_ref()?.terminated.as_ref()?;
                    let code = t.exit_code;
                    let listed = codes.values.contains(&code);
                    let hit = code != 0
                        && match codes.operator.as_str() {
                            "In" => listed,
                            "NotIn" => !listed,
                            _ => false,
                        };
                    hit.then(|| {
                        format!(
                            "Container {} for pod {ns}/{name} failed with exit code {code} matching {} rule at index {i}",
                            cs.name, rule.action
                        )
                    })
                })
        } else if let Some(patterns) = &rule.on_pod_conditions {
            let conds = st.and_then(|s| s.conditions.as_ref());
            patterns.iter().find_map(|p| {
                let want = if p.status.is_empty() {
                    "True"
                } else {
                    &p.status
                };
                conds?
                    .iter()
                    .any(|c| c.type_ == p.type_ && c.status == want)
                    .then(|| {
                        format!(
                            "Pod {ns}/{name} has condition {} matching {} rule at index {i}",
                            p.type_, rule.action
                        )
                    })
            })
        } else {
            None
        };
        if let Some(message) = matched {
            return Some(match rule.action.as_str() {
                "FailJob" => Action::FailJob(message),
                "FailIndex" => Action::FailIndex,
                "Ignore" => Action::Ignore,
                _ => Action::Count,
            });
        }
    }
    None
}

/// `matchSuccessPolicy`: the index of the first rule the succeeded indexes meet.
pub fn match_success(
    policy: &SuccessPolicy,
    succeeded: &BTreeSet<i32>,
    completions: i32,
) -> Option<usize> {
    policy.rules.iter().position(
        |rule| match (&rule.succeeded_indexes, rule.succeeded_count) {
            (Some(text), count) => {
                let wanted = super::indexed::parse(text, completions);
                let done = wanted.intersection(succeeded).count();
                match count {
                    Some(n) => done >= n.max(0) as usize,
                    None => !wanted.is_empty() && done == wanted.len(),
                }
            }
            (None, Some(n)) => succeeded.len() >= n.max(0) as usize,
            (None, None) => false,
        },
    )
}

/// `getRemainingTimeForFailuresCount`: how long until a Pod may replace the `failures`-th
/// failure in a row, the last of which finished at `last`.
pub fn remaining(failures: u32, last: Millis, now: Millis) -> Millis {
    if failures == 0 {
        return 0;
    }
    let delay = BACKOFF_BASE
        .saturating_mul(1i64 << (failures - 1).min(20))
        .min(BACKOFF_MAX);
    (delay - (now - last)).max(0)
}

/// `getFinishedTime`: when a Pod's containers all stopped, else when it stopped being ready,
/// else when its deletion began, else when it was created.
pub fn finished_at(pod: &Pod) -> Millis {
    let st = pod.status.as_ref();
    let statuses: Vec<_> = st
        .into_iter()
        .flat_map(|s| s.container_statuses.iter().flatten())
        .collect();
    if !statuses.is_empty() {
        let ends: Vec<Option<Millis>> = statuses
            .iter()
            .map(|cs| {
                cs.state
                    .as_ref()
                    .and_then(|s| s.terminated.as_ref())
                    .and_then(|t| t.finished_at.as_ref())
                    .map(millis_of)
            })
            .collect();
        if ends.iter().all(Option::is_some) {
            return ends.into_iter().flatten().max().unwrap_or_default();
        }
    }
    if let Some(t) = st
        .and_then(|s| s.conditions.as_ref())
        .and_then(|cs| {
            cs.iter()
                .find(|c| c.type_ == "Ready" && c.status == "False")
        })
        .and_then(|c| c.last_transition_time.as_ref())
    {
        return millis_of(t);
    }
    if let Some(t) = &pod.metadata.deletion_timestamp {
        let grace = pod.metadata.deletion_grace_period_seconds.unwrap_or(0);
        return millis_of(t).saturating_sub(grace.saturating_mul(SECOND));
    }
    pod.metadata
        .creation_timestamp
        .as_ref()
        .map(millis_of)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_off_doubles_from_ten_seconds_to_ten_minutes() {
        // backoff_utils_test.go TestGetRemainingTimeForFailuresCount; MaxJobPodFailureBackOff.
        let cases: &[(u32, Millis, Millis)] = &[
            (0, 0, 0),
            (1, 0, 10),
            (2, 0, 20),
            (3, 0, 40),
            (4, 0, 80),
            (5, 0, 160),
            (6, 0, 320),
            (7, 0, 600),
            (30, 0, 600),
            (1, 4, 6),
            (1, 10, 0),
            (1, 99, 0),
            (3, 15, 25),
        ];
        for &(failures, elapsed, want) in cases {
            assert_eq!(
                remaining(failures, 0, elapsed * SECOND),
                want * SECOND,
                "{failures} failures, {elapsed}s after the last"
            );
        }
    }
}
