//! What every component needs to know about a Pod, as upstream's `pkg/api/v1/pod/util.go` and
//! `controller_utils.go` say it: its phase, conditions, readiness and availability, whether it is
//! active, finished or terminating, and its QoS class.
//!
//! The one thing to know: this module reads and edits a Pod value and nothing else; the kubelet,
//! the scheduler, the controllers and the printers all import it, and it imports none of them.

use k8s_openapi::api::core::v1::{Pod, PodCondition, PodSpec, PodStatus};

use super::time::{self, millis_of, Millis};

/// The status of a Pod the API server has just accepted.
pub fn pending_status() -> PodStatus {
    PodStatus {
        phase: Some("Pending".into()),
        ..Default::default()
    }
}

/// The QoS class kubectl describe shows: Guaranteed, Burstable or BestEffort.
pub fn qos_class(spec: &PodSpec) -> &'static str {
    let containers: Vec<_> = spec
        .containers
        .iter()
        .chain(spec.init_containers.iter().flatten())
        .collect();
    let mut any = false;
    let mut guaranteed = true;
    for c in &containers {
        let r = c.resources.as_ref();
        let req = r.and_then(|r| r.requests.as_ref());
        let lim = r.and_then(|r| r.limits.as_ref());
        if req.is_some_and(|m| !m.is_empty()) || lim.is_some_and(|m| !m.is_empty()) {
            any = true;
        }
        for res in ["cpu", "memory"] {
            let l = lim.and_then(|m| m.get(res));
            let q = req.and_then(|m| m.get(res)).or(l);
            if l.is_none() || q != l {
                guaranteed = false;
            }
        }
    }
    if !any {
        "BestEffort"
    } else if guaranteed {
        "Guaranteed"
    } else {
        "Burstable"
    }
}

pub fn condition<'a>(pod: &'a Pod, type_: &str) -> Option<&'a PodCondition> {
    pod.status
        .as_ref()?
        .conditions
        .as_ref()?
        .iter()
        .find(|c| c.type_ == type_)
}

pub fn is_ready(pod: &Pod) -> bool {
    condition(pod, "Ready").is_some_and(|c| c.status == "True")
}

/// When the Pod became Ready, if it is.
pub fn ready_since(pod: &Pod) -> Option<Millis> {
    let c = condition(pod, "Ready").filter(|c| c.status == "True")?;
    Some(c.last_transition_time.as_ref().map(millis_of).unwrap_or(0))
}

/// `podutil.IsPodAvailable`: Ready for at least minReadySeconds.
pub fn is_available(pod: &Pod, min_ready_seconds: i32, now: Millis) -> bool {
    match ready_since(pod) {
        Some(since) => min_ready_seconds <= 0 || since + i64::from(min_ready_seconds) * 1000 <= now,
        None => false,
    }
}

/// When a Ready Pod becomes available, for a wake-up; None if it is not Ready or already available.
pub fn available_at(pod: &Pod, min_ready_seconds: i32, now: Millis) -> Option<Millis> {
    let at = ready_since(pod)? + i64::from(min_ready_seconds.max(0)) * 1000;
    (at > now).then_some(at)
}

pub fn phase(pod: &Pod) -> &str {
    pod.status
        .as_ref()
        .and_then(|s| s.phase.as_deref())
        .unwrap_or("Pending")
}

pub fn is_terminating(pod: &Pod) -> bool {
    pod.metadata.deletion_timestamp.is_some()
}

/// `controller.IsPodActive`: not finished and not being deleted.
pub fn is_active(pod: &Pod) -> bool {
    !is_terminating(pod) && !matches!(phase(pod), "Succeeded" | "Failed")
}

/// Whether the Pod has finished: Succeeded or Failed.
pub fn is_finished(pod: &Pod) -> bool {
    matches!(phase(pod), "Succeeded" | "Failed")
}

/// The node the Pod is bound to, if any.
pub fn node_name(pod: &Pod) -> Option<&str> {
    pod.spec.as_ref()?.node_name.as_deref()
}

pub fn set_condition(
    pod: &mut Pod,
    type_: &str,
    status: &str,
    reason: Option<&str>,
    message: Option<String>,
    now: i64,
) {
    let st = pod.status.get_or_insert_with(Default::default);
    let conds = st.conditions.get_or_insert_with(Vec::new);
    match conds.iter_mut().find(|c| c.type_ == type_) {
        Some(c) => {
            if c.status != status {
                c.last_transition_time = Some(time::time(now));
            }
            c.status = status.into();
            c.reason = reason.map(str::to_string);
            c.message = message;
        }
        None => conds.push(PodCondition {
            type_: type_.into(),
            status: status.into(),
            reason: reason.map(str::to_string),
            message,
            last_transition_time: Some(time::time(now)),
            last_probe_time: None,
            observed_generation: None,
        }),
    }
}
