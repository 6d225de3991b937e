//! The container runtime's side of a Pod: init containers one after another, sidecars, image pulls,
//! starts, exits and restarts with back-off (kuberuntime_manager.go SyncPod), and termination with
//! preStop and the grace period (killContainer).

use super::*;

pub(super) fn run_containers(
    c: &mut Cluster,
    pod: &Pod,
    spec: &k8s_openapi::api::core::v1::PodSpec,
    run: &mut PodRun,
) {
    let policy = spec
        .restart_policy
        .clone()
        .unwrap_or_else(|| "Always".into());
    let node = run.node.clone();
    let ip = run.ip.clone().unwrap_or_default();
    let mut initialized = true;
    for i in 0..run.init.len() {
        let cr = &mut run.init[i];
        if cr.state == CState::Idle {
            start(c, pod, spec, cr, &node);
        }
        advance(c, pod, spec, cr, &node, &ip, &policy);
        if cr.sidecar {
            if matches!(cr.state, CState::Running { .. }) && cr.started {
                continue;
            }
        } else if cr.state == CState::Exited && cr.last.as_ref().is_some_and(|d| d.code == 0) {
            continue;
        }
        initialized = false;
        break;
    }
    if !initialized {
        return;
    }
    for cr in run.main.iter_mut() {
        // A Pod's container image may change in place: the container restarts with the new one.
        if let Some(ct) = container_spec(spec, cr) {
            let image = ct.image.clone().unwrap_or_default();
            if image != cr.image {
                if let CState::Running { since } = cr.state {
                    c.record(
                        container_ref(pod, cr),
                        EventType::Normal,
                        "Killing",
                        format!(
                            "Container {} definition changed, will be restarted",
                            cr.name
                        ),
                        source(&node),
                    );
                    cr.last = Some(Done {
                        code: 0,
                        reason: "Completed",
                        started: since,
                        finished: c.now(),
                        id: cr.id.clone(),
                    });
                }
                cr.image = image;
                cr.state = CState::Idle;
                cr.restarts += i32::from(cr.last.is_some());
            }
        }
        if cr.state == CState::Idle {
            start(c, pod, spec, cr, &node);
        }
        advance(c, pod, spec, cr, &node, &ip, &policy);
    }
}

/// Begins starting a container: the image first, then (in `create`) the container itself.
pub(super) fn start(
    c: &mut Cluster,
    pod: &Pod,
    spec: &k8s_openapi::api::core::v1::PodSpec,
    cr: &mut CRun,
    node: &str,
) {
    let now = c.now();
    let policy = container_spec(spec, cr)
        .and_then(|ct| ct.image_pull_policy.clone())
        .unwrap_or_else(|| crate::sim::defaults::pull_policy(&cr.image).into());
    let present = c
        .kubelet
        .images
        .get(node)
        .is_some_and(|s| s.contains(&cr.image));
    let r = container_ref(pod, cr);
    if cr.b.pull_fails {
        c.record(
            r.clone(),
            EventType::Normal,
            "Pulling",
            format!("Pulling image {}", crate::validation::go_quote(&cr.image)),
            source(node),
        );
        let err = format!(
            "failed to pull and unpack image {}: failed to resolve reference {}: not found",
            crate::validation::go_quote(&normalized(&cr.image)),
            crate::validation::go_quote(&normalized(&cr.image))
        );
        c.record(
            r.clone(),
            EventType::Warning,
            "Failed",
            format!(
                "Failed to pull image {}: rpc error: code = NotFound desc = {err}",
                crate::validation::go_quote(&cr.image)
            ),
            source(node),
        );
        c.record(
            r,
            EventType::Warning,
            "Failed",
            "Error: ErrImagePull".into(),
            source(node),
        );
        let wait = next_backoff(cr, now);
        cr.state = CState::Blocked {
            reason: "ErrImagePull",
            message: format!("rpc error: code = NotFound desc = {err}"),
            retry: Some(now + wait),
        };
        c.wake_at(now + wait);
        return;
    }
    if policy == "Never" && !present {
        let msg = format!(
            "Container image {} is not present with pull policy of Never",
            crate::validation::go_quote(&cr.image)
        );
        c.record(
            r,
            EventType::Warning,
            "ErrImageNeverPull",
            msg.clone(),
            source(node),
        );
        cr.state = CState::Blocked {
            reason: "ErrImageNeverPull",
            message: msg,
            retry: None,
        };
        return;
    }
    if present && policy != "Always" {
        c.record(
            r,
            EventType::Normal,
            "Pulled",
            format!(
                "Container image {} already present on machine",
                crate::validation::go_quote(&cr.image)
            ),
            source(node),
        );
        create(c, pod, spec, cr, node, now);
        return;
    }
    c.record(
        r,
        EventType::Normal,
        "Pulling",
        format!("Pulling image {}", crate::validation::go_quote(&cr.image)),
        source(node),
    );
    let took = if present { REPULL } else { cr.b.pull };
    cr.state = CState::Pulling {
        until: now + took,
        took,
    };
    c.wake_at(now + took);
}

/// `docker.io/library/nginx:latest` for `nginx`, as containerd names images.
pub(super) fn normalized(image: &str) -> String {
    let mut s = image.to_string();
    let first = s.split('/').next().unwrap_or_default();
    let has_registry =
        s.contains('/') && (first.contains('.') || first.contains(':') || first == "localhost");
    if !has_registry {
        s = if s.contains('/') {
            format!("docker.io/{s}")
        } else {
            format!("docker.io/library/{s}")
        };
    }
    let last = s.rsplit('/').next().unwrap_or_default();
    if !last.contains(':') && !s.contains('@') {
        s.push_str(":latest");
    }
    s
}

pub(super) fn create(
    c: &mut Cluster,
    pod: &Pod,
    spec: &k8s_openapi::api::core::v1::PodSpec,
    cr: &mut CRun,
    node: &str,
    at: Millis,
) {
    let r = container_ref(pod, cr);
    if let Some(err) = container_spec(spec, cr).and_then(|ct| config_error(c, pod, ct)) {
        if !matches!(&cr.state, CState::Blocked { message, .. } if *message == err) {
            c.record(
                r,
                EventType::Warning,
                "Failed",
                format!("Error: {err}"),
                source(node),
            );
        }
        cr.state = CState::Blocked {
            reason: "CreateContainerConfigError",
            message: err,
            retry: None,
        };
        return;
    }
    c.kubelet.next_container_id += 1;
    cr.id = format!(
        "containerd://{:016x}{:016x}",
        crate::sim::rand::fnv32a(pod.metadata.uid.clone().unwrap_or_default().as_bytes()),
        c.kubelet.next_container_id
    );
    c.record(
        r.clone(),
        EventType::Normal,
        "Created",
        format!("Created container: {}", cr.name),
        source(node),
    );
    c.record(
        r,
        EventType::Normal,
        "Started",
        format!("Started container {}", cr.name),
        source(node),
    );
    cr.state = CState::Running { since: at };
    cr.ready = false;
    cr.started = false;
    cr.liveness = ProbeRun::default();
    cr.readiness = ProbeRun::default();
    cr.startup = ProbeRun::default();
}

/// The back-off before the next restart, updating the container's back-off as kubelet's
/// `flowcontrol.Backoff` does.
pub(super) fn next_backoff(cr: &mut CRun, now: Millis) -> Millis {
    match cr.backoff {
        None => {
            cr.backoff = Some((BACKOFF_INITIAL, now));
            0
        }
        Some((d, last)) => {
            if now - last > 2 * BACKOFF_MAX {
                cr.backoff = Some((BACKOFF_INITIAL, now));
                0
            } else {
                let next = (d * 2).min(BACKOFF_MAX);
                cr.backoff = Some((next, now));
                d
            }
        }
    }
}

/// Moves one container through every transition due by now.
pub(super) fn advance(
    c: &mut Cluster,
    pod: &Pod,
    spec: &k8s_openapi::api::core::v1::PodSpec,
    cr: &mut CRun,
    node: &str,
    ip: &str,
    policy: &str,
) {
    let now = c.now();
    for _ in 0..16 {
        match cr.state.clone() {
            CState::Idle => return,
            CState::Pulling { until, took } => {
                if now < until {
                    c.wake_at(until);
                    return;
                }
                c.kubelet
                    .images
                    .entry(node.to_string())
                    .or_default()
                    .insert(cr.image.clone());
                let took = go_duration(took);
                c.record(
                    container_ref(pod, cr),
                    EventType::Normal,
                    "Pulled",
                    format!(
                        "Successfully pulled image {} in {took} ({took} including waiting)",
                        crate::validation::go_quote(&cr.image)
                    ),
                    source(node),
                );
                create(c, pod, spec, cr, node, until);
            }
            CState::Blocked { reason, retry, .. } => match (reason, retry) {
                ("CreateContainerConfigError", _) => {
                    create(c, pod, spec, cr, node, now);
                    if matches!(cr.state, CState::Blocked { .. }) {
                        return;
                    }
                }
                ("ErrImagePull" | "ImagePullBackOff", Some(at)) => {
                    if now < at {
                        c.wake_at(at);
                        return;
                    }
                    if cr.b.pull_fails {
                        c.record(
                            container_ref(pod, cr),
                            EventType::Normal,
                            "BackOff",
                            format!(
                                "Back-off pulling image {}",
                                crate::validation::go_quote(&cr.image)
                            ),
                            source(node),
                        );
                        c.record(
                            container_ref(pod, cr),
                            EventType::Warning,
                            "Failed",
                            "Error: ImagePullBackOff".into(),
                            source(node),
                        );
                        let wait = next_backoff(cr, now).max(BACKOFF_INITIAL);
                        cr.state = CState::Blocked {
                            reason: "ImagePullBackOff",
                            message: format!(
                                "Back-off pulling image {}",
                                crate::validation::go_quote(&cr.image)
                            ),
                            retry: Some(now + wait),
                        };
                        c.wake_at(now + wait);
                        return;
                    }
                    start(c, pod, spec, cr, node);
                }
                _ => return,
            },
            CState::Running { since } => {
                if !probe(c, pod, spec, cr, node, ip, since) {
                    // Exit of its own accord.
                    match cr.b.exits {
                        Some((after, code)) if now >= since + after => {
                            cr.last = Some(Done {
                                code,
                                reason: if code == 0 { "Completed" } else { "Error" },
                                started: since,
                                finished: since + after,
                                id: cr.id.clone(),
                            });
                            cr.state = CState::Exited;
                            cr.ready = false;
                        }
                        Some((after, _)) => {
                            c.wake_at(since + after);
                            return;
                        }
                        None => return,
                    }
                }
            }
            CState::Exited => {
                let code = cr.last.as_ref().map(|d| d.code).unwrap_or(0);
                let restart = cr.sidecar
                    || (!cr.init && (policy == "Always" || (policy == "OnFailure" && code != 0)))
                    || (cr.init && policy != "Never" && code != 0);
                if !restart {
                    return;
                }
                let finished = cr.last.as_ref().map(|d| d.finished).unwrap_or(now);
                // kubelet's doBackOff: in back-off while now - finishedAt < the current back-off.
                let in_backoff = cr.backoff.is_some_and(|(d, last)| {
                    finished - last <= 2 * BACKOFF_MAX && now - finished < d
                });
                if in_backoff {
                    let (d, _) = cr.backoff.unwrap_or((BACKOFF_INITIAL, now));
                    c.record(
                        container_ref(pod, cr),
                        EventType::Warning,
                        "BackOff",
                        format!(
                            "Back-off restarting failed container {} in pod {}",
                            cr.name,
                            pod_ref(pod)
                        ),
                        source(node),
                    );
                    cr.state = CState::BackOff {
                        until: finished + d,
                    };
                    c.wake_at(finished + d);
                    return;
                }
                next_backoff(cr, now);
                cr.restarts += 1;
                start(c, pod, spec, cr, node);
            }
            CState::BackOff { until } => {
                if now < until {
                    c.wake_at(until);
                    return;
                }
                let d = cr
                    .backoff
                    .map(|(d, _)| (d * 2).min(BACKOFF_MAX))
                    .unwrap_or(BACKOFF_INITIAL);
                cr.backoff = Some((d, now));
                cr.restarts += 1;
                start(c, pod, spec, cr, node);
            }
        }
    }
}

/// What a failing probe reports, as the prober words it.
pub(super) fn kill(
    c: &mut Cluster,
    pod: &Pod,
    cr: &mut CRun,
    node: &str,
    since: Millis,
    at: Millis,
    probe: &str,
) {
    c.record(
        container_ref(pod, cr),
        EventType::Normal,
        "Killing",
        format!(
            "Container {} failed {probe} probe, will be restarted",
            cr.name
        ),
        source(node),
    );
    cr.last = Some(Done {
        code: if cr.b.ignores_sigterm { 137 } else { 0 },
        reason: if cr.b.ignores_sigterm {
            "Error"
        } else {
            "Completed"
        },
        started: since,
        finished: at,
        id: cr.id.clone(),
    });
    cr.state = CState::Exited;
    cr.ready = false;
}

/// Stops a deleted Pod's containers: preStop first, then SIGTERM; a container that ignores it is
/// killed when the grace period ends. True when all have stopped.
pub(super) fn terminate(
    c: &mut Cluster,
    pod: &Pod,
    spec: &k8s_openapi::api::core::v1::PodSpec,
    run: &mut PodRun,
) -> bool {
    let now = c.now();
    let grace = pod
        .metadata
        .deletion_grace_period_seconds
        .unwrap_or(30)
        .max(0)
        * 1000;
    let deadline = pod
        .metadata
        .deletion_timestamp
        .as_ref()
        .map(millis_of)
        .unwrap_or(now);
    let begun = deadline - grace;
    if run.term_end.is_none() {
        let mut end = begun;
        let node = run.node.clone();
        for cr in run.init.iter_mut().chain(run.main.iter_mut()) {
            let CState::Running { .. } = cr.state else {
                cr.stop_at = Some(begun);
                continue;
            };
            c.record(
                container_ref(pod, cr),
                EventType::Normal,
                "Killing",
                format!("Stopping container {}", cr.name),
                source(&node),
            );
            let pre_stop = container_spec(spec, cr)
                .and_then(|ct| ct.lifecycle.as_ref()?.pre_stop.clone())
                .map(|h| {
                    if let Some(s) = &h.sleep {
                        s.seconds * 1000
                    } else if let Some(e) = &h.exec {
                        let cmd = e.command.clone().unwrap_or_default().join(" ");
                        let words: Vec<&str> = cmd.split_whitespace().collect();
                        words
                            .windows(2)
                            .find(|w| w[0] == "sleep")
                            .and_then(|w| w[1].parse::<f64>().ok())
                            .map(|s| (s * 1000.0) as Millis)
                            .unwrap_or(0)
                    } else {
                        0
                    }
                })
                .unwrap_or(0);
            let stop = if cr.b.ignores_sigterm {
                begun + grace
            } else {
                begun + pre_stop.min(grace)
            };
            cr.stop_at = Some(stop);
            end = end.max(stop);
        }
        run.term_end = Some(end);
    }
    let end = run.term_end.unwrap_or(now);
    for cr in run.init.iter_mut().chain(run.main.iter_mut()) {
        if let (CState::Running { since }, Some(at)) = (cr.state.clone(), cr.stop_at) {
            if now >= at {
                let killed = cr.b.ignores_sigterm;
                cr.last = Some(Done {
                    code: if killed { 137 } else { 0 },
                    reason: if killed { "Error" } else { "Completed" },
                    started: since,
                    finished: at,
                    id: cr.id.clone(),
                });
                cr.state = CState::Exited;
                cr.ready = false;
            } else {
                c.wake_at(at);
            }
        }
    }
    if now >= end {
        return true;
    }
    c.wake_at(end);
    false
}

pub(super) fn waiting(reason: &str, message: Option<String>) -> ContainerState {
    ContainerState {
        waiting: Some(ContainerStateWaiting {
            reason: Some(reason.into()),
            message,
        }),
        ..Default::default()
    }
}

pub(super) fn terminated(d: &Done) -> ContainerState {
    ContainerState {
        terminated: Some(ContainerStateTerminated {
            exit_code: d.code,
            reason: Some(d.reason.into()),
            started_at: Some(time::time(d.started)),
            finished_at: Some(time::time(d.finished)),
            container_id: Some(d.id.clone()),
            message: None,
            signal: None,
        }),
        ..Default::default()
    }
}
