//! What every component needs to know about a Pod, as upstream's `pkg/api/v1/pod/util.go` and
//! `controller_utils.go` say it: its phase, conditions, readiness and availability, whether it is
//! active, finished or terminating, and its QoS class.
//!
//! The one thing to know: this module reads and edits a Pod value and nothing else; the kubelet,
//! the scheduler, the controllers and the printers all import it, and it imports none of them.

use k8s_openapi::api::core::v1::{ContainerPort, Pod, PodCondition, PodSpec, PodStatus};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

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
    set_status_condition(st, type_, status, reason, message, now);
}

/// `set_condition` on a status being built.
pub fn set_status_condition(
    st: &mut PodStatus,
    type_: &str,
    status: &str,
    reason: Option<&str>,
    message: Option<String>,
    now: i64,
) {
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

/// The container ports that serve traffic, in the order `FindPort` looks at them: the app
/// containers', then those of sidecars (init containers with `restartPolicy: Always`).
pub fn serving_ports(spec: &PodSpec) -> impl Iterator<Item = (&str, &ContainerPort)> {
    let sidecars = spec
        .init_containers
        .iter()
        .flatten()
        .filter(|c| c.restart_policy.as_deref() == Some("Always"));
    spec.containers
        .iter()
        .chain(sidecars)
        .flat_map(|c| c.ports.iter().flatten().map(move |p| (c.name.as_str(), p)))
}

/// A container port as [`find_port`] reads it: (name, number, protocol).
pub type PortRef<'a> = (Option<&'a str>, i32, Option<&'a str>);

/// [`serving_ports`] as [`PortRef`]s.
pub fn serving_port_refs(spec: &PodSpec) -> impl Iterator<Item = PortRef<'_>> {
    serving_ports(spec).map(|(_, p)| (p.name.as_deref(), p.container_port, p.protocol.as_deref()))
}

/// The port a Service port's `targetPort` means on a Pod (podutil.FindPort): a number is itself;
/// a name is the first serving container port of that name *and the Service port's protocol*
/// (TCP when unset); None when no such port exists, and the Pod gets no endpoint for it. The
/// EndpointSlice controller and the Services analysis both ask this one function.
pub fn find_port<'a>(
    ports: impl IntoIterator<Item = PortRef<'a>>,
    target: &IntOrString,
    protocol: Option<&str>,
) -> Option<i32> {
    match target {
        IntOrString::Int(n) => Some(*n),
        IntOrString::String(name) => {
            let protocol = protocol.unwrap_or("TCP");
            ports
                .into_iter()
                .find(|(n, _, proto)| {
                    *n == Some(name.as_str()) && proto.unwrap_or("TCP") == protocol
                })
                .map(|(_, port, _)| port)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::core::v1::{Container, ResourceRequirements};
    use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
    use std::collections::BTreeMap;

    fn resources(requests: &[(&str, &str)], limits: &[(&str, &str)]) -> ResourceRequirements {
        let map = |v: &[(&str, &str)]| {
            (!v.is_empty()).then(|| {
                v.iter()
                    .map(|(k, q)| (k.to_string(), Quantity(q.to_string())))
                    .collect::<BTreeMap<_, _>>()
            })
        };
        ResourceRequirements {
            requests: map(requests),
            limits: map(limits),
            ..Default::default()
        }
    }

    /// pkg/apis/core/helper/qos/qos.go GetPodQOS: Guaranteed when every container's cpu and memory
    /// limits equal its requests (a request defaults to its limit), BestEffort with neither,
    /// Burstable otherwise.
    #[test]
    fn qos_class_follows_requests_and_limits() {
        type Amounts = &'static [(&'static str, &'static str)];
        let cases: &[(Amounts, Amounts, &str)] = &[
            (&[], &[], "BestEffort"),
            (&[("cpu", "100m")], &[], "Burstable"),
            (&[], &[("cpu", "1"), ("memory", "1Gi")], "Guaranteed"),
            (
                &[("cpu", "1"), ("memory", "1Gi")],
                &[("cpu", "1"), ("memory", "1Gi")],
                "Guaranteed",
            ),
            (
                &[("cpu", "500m"), ("memory", "1Gi")],
                &[("cpu", "1"), ("memory", "1Gi")],
                "Burstable",
            ),
            (&[], &[("cpu", "1")], "Burstable"),
        ];
        for (req, lim, want) in cases {
            let spec = PodSpec {
                containers: vec![Container {
                    name: "c".into(),
                    resources: Some(resources(req, lim)),
                    ..Default::default()
                }],
                ..Default::default()
            };
            assert_eq!(qos_class(&spec), *want, "requests {req:?} limits {lim:?}");
        }
    }

    fn pod(phase: &str, ready_at: Option<Millis>, deleting: bool) -> Pod {
        let mut p = Pod {
            status: Some(PodStatus {
                phase: Some(phase.into()),
                ..Default::default()
            }),
            ..Default::default()
        };
        if let Some(t) = ready_at {
            set_condition(&mut p, "Ready", "True", None, None, t);
        }
        if deleting {
            p.metadata.deletion_timestamp = Some(time::time(0));
        }
        p
    }

    /// podutil.IsPodAvailable and controller.IsPodActive: available once Ready for
    /// minReadySeconds; active unless finished or being deleted.
    #[test]
    fn readiness_availability_and_activity() {
        let cases = [
            // (phase, ready at, deleting, minReadySeconds, now, ready, available, active, finished)
            (
                "Running",
                Some(1_000),
                false,
                0,
                1_000,
                true,
                true,
                true,
                false,
            ),
            (
                "Running",
                Some(1_000),
                false,
                5,
                5_999,
                true,
                false,
                true,
                false,
            ),
            (
                "Running",
                Some(1_000),
                false,
                5,
                6_000,
                true,
                true,
                true,
                false,
            ),
            ("Running", None, false, 0, 9_000, false, false, true, false),
            ("Running", Some(0), true, 0, 9_000, true, true, false, false),
            (
                "Succeeded",
                None,
                false,
                0,
                9_000,
                false,
                false,
                false,
                true,
            ),
            ("Failed", None, false, 0, 9_000, false, false, false, true),
            ("Pending", None, false, 0, 0, false, false, true, false),
        ];
        for (phase, ready_at, deleting, min_ready, now, ready, available, active, finished) in cases
        {
            let p = pod(phase, ready_at, deleting);
            let what = format!("{phase} ready at {ready_at:?} deleting {deleting} at {now}");
            assert_eq!(is_ready(&p), ready, "ready: {what}");
            assert_eq!(
                is_available(&p, min_ready, now),
                available,
                "available: {what}"
            );
            assert_eq!(is_active(&p), active, "active: {what}");
            assert_eq!(is_finished(&p), finished, "finished: {what}");
        }
        let p = pod("Running", Some(1_000), false);
        assert_eq!(available_at(&p, 5, 2_000), Some(6_000));
        assert_eq!(available_at(&p, 5, 6_000), None);
    }

    /// A condition's lastTransitionTime moves only when its status changes.
    #[test]
    fn set_condition_keeps_the_transition_time_of_an_unchanged_status() {
        let mut p = pod("Pending", None, false);
        set_condition(
            &mut p,
            "PodScheduled",
            "False",
            Some("Unschedulable"),
            None,
            1_000,
        );
        set_condition(
            &mut p,
            "PodScheduled",
            "False",
            Some("Unschedulable"),
            None,
            5_000,
        );
        let c = condition(&p, "PodScheduled").expect("condition");
        assert_eq!(c.last_transition_time, Some(time::time(1_000)));
        set_condition(&mut p, "PodScheduled", "True", None, None, 7_000);
        let c = condition(&p, "PodScheduled").expect("condition");
        assert_eq!(c.last_transition_time, Some(time::time(7_000)));
        assert_eq!(c.reason, None);
        assert_eq!(phase(&Pod::default()), "Pending");
    }

    /// podutil.FindPort (pkg/api/v1/pod/util.go): named ports match on name and protocol; sidecars
    /// serve too; a number needs no container port at all.
    #[test]
    fn find_port_matches_name_and_protocol() {
        use k8s_openapi::api::core::v1::ContainerPort as Cp;
        let port = |name: &str, n: i32, protocol: Option<&str>| Cp {
            name: Some(name.into()),
            container_port: n,
            protocol: protocol.map(str::to_string),
            ..Default::default()
        };
        let spec = PodSpec {
            containers: vec![Container {
                name: "app".into(),
                ports: Some(vec![
                    port("dns", 5353, Some("UDP")),
                    port("http", 8080, None),
                ]),
                ..Default::default()
            }],
            init_containers: Some(vec![
                Container {
                    name: "proxy".into(),
                    restart_policy: Some("Always".into()),
                    ports: Some(vec![port("admin", 9901, None)]),
                    ..Default::default()
                },
                Container {
                    name: "setup".into(),
                    ports: Some(vec![port("setup", 7000, None)]),
                    ..Default::default()
                },
            ]),
            ..Default::default()
        };
        let name = |s: &str| IntOrString::String(s.into());
        let cases = [
            (name("http"), None, Some(8080)),
            (name("http"), Some("TCP"), Some(8080)),
            (name("http"), Some("UDP"), None),
            (name("dns"), Some("UDP"), Some(5353)),
            (name("dns"), None, None),
            (name("admin"), None, Some(9901)),
            (name("setup"), None, None),
            (name("nope"), None, None),
            (IntOrString::Int(9000), None, Some(9000)),
        ];
        for (target, protocol, want) in cases {
            assert_eq!(
                find_port(serving_port_refs(&spec), &target, protocol),
                want,
                "{target:?} {protocol:?}"
            );
        }
    }
}
