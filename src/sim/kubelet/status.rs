//! The Pod status the kubelet writes (status/generate.go, kubelet_pods.go): container statuses,
//! conditions, phase and IPs.

use super::*;

pub(super) fn container_status(pod: &Pod, cr: &CRun, initializing: bool) -> ContainerStatus {
    let state = match &cr.state {
        CState::Idle | CState::Pulling { .. }
            if initializing || (cr.init && cr.last.is_none() && cr.state == CState::Idle) =>
        {
            waiting("PodInitializing", None)
        }
        CState::Idle | CState::Pulling { .. } => waiting("ContainerCreating", None),
        CState::Blocked {
            reason, message, ..
        } => waiting(reason, Some(message.clone())),
        CState::Running { since } => ContainerState {
            running: Some(ContainerStateRunning {
                started_at: Some(time::time(*since)),
            }),
            ..Default::default()
        },
        CState::Exited => cr.last.as_ref().map(terminated).unwrap_or_default(),
        CState::BackOff { .. } => {
            let d = cr.backoff.map(|(d, _)| d).unwrap_or(BACKOFF_INITIAL);
            waiting(
                "CrashLoopBackOff",
                Some(format!(
                    "back-off {} restarting failed container={} pod={}",
                    go_duration(d),
                    cr.name,
                    pod_ref(pod)
                )),
            )
        }
    };
    let last_state = match (&cr.state, &cr.last) {
        (CState::Exited, _) | (_, None) => None,
        (_, Some(d)) => Some(terminated(d)),
    };
    let running = matches!(cr.state, CState::Running { .. });
    ContainerStatus {
        name: cr.name.clone(),
        image: cr.image.clone(),
        image_id: String::new(),
        container_id: (!cr.id.is_empty()).then(|| cr.id.clone()),
        ready: running && cr.ready && cr.started,
        restart_count: cr.restarts,
        started: Some(running && cr.started),
        state: Some(state),
        last_state: Some(last_state.unwrap_or_default()),
        ..Default::default()
    }
}

/// Pod phase, conditions and container statuses from the containers' states (kubelet getPhase and
/// status/generate.go).
pub(super) fn pod_status(
    c: &mut Cluster,
    pod: &Pod,
    spec: &k8s_openapi::api::core::v1::PodSpec,
    run: &mut PodRun,
) -> PodStatus {
    let now = c.now();
    let policy = spec
        .restart_policy
        .clone()
        .unwrap_or_else(|| "Always".into());
    let old_phase = pod.status.as_ref().and_then(|s| s.phase.as_deref());
    let mut st = pod.status.clone().unwrap_or_default();
    let sandbox_ready = now >= run.sandbox_at && run.ip.is_some();
    let init_failed = policy == "Never"
        && run.init.iter().any(|cr| {
            !cr.sidecar
                && cr.state == CState::Exited
                && cr.last.as_ref().is_some_and(|d| d.code != 0)
        });
    let incomplete_init: Vec<String> = run
        .init
        .iter()
        .filter(|cr| {
            if cr.sidecar {
                !(matches!(cr.state, CState::Running { .. }) && cr.started)
            } else {
                !(cr.state == CState::Exited && cr.last.as_ref().is_some_and(|d| d.code == 0))
            }
        })
        .map(|cr| cr.name.clone())
        .collect();
    let initialized = incomplete_init.is_empty();
    let mut phase = if init_failed {
        "Failed"
    } else if !initialized {
        "Pending"
    } else {
        let (mut waiting, mut running, mut stopped, mut succeeded) = (0, 0, 0, 0);
        for cr in &run.main {
            match &cr.state {
                CState::Running { .. } => running += 1,
                CState::Exited => {
                    stopped += 1;
                    if cr.last.as_ref().is_some_and(|d| d.code == 0) {
                        succeeded += 1;
                    }
                }
                _ if cr.last.is_some() => stopped += 1,
                _ => waiting += 1,
            }
        }
        if waiting > 0 {
            "Pending"
        } else if running > 0 {
            "Running"
        } else if stopped > 0 {
            match policy.as_str() {
                "Always" => "Running",
                "OnFailure" if stopped == succeeded => "Succeeded",
                "OnFailure" => "Running",
                _ if stopped == succeeded => "Succeeded",
                _ => "Failed",
            }
        } else {
            "Pending"
        }
    };
    if pod.metadata.deletion_timestamp.is_some()
        && matches!(old_phase, Some("Succeeded" | "Failed"))
    {
        phase = if old_phase == Some("Succeeded") {
            "Succeeded"
        } else {
            "Failed"
        };
    }
    if matches!(phase, "Succeeded" | "Failed") && !run.finished {
        run.finished = true;
        // Sidecars are stopped once the app containers are done.
        for cr in run.init.iter_mut() {
            if let CState::Running { since } = cr.state {
                cr.last = Some(Done {
                    code: 0,
                    reason: "Completed",
                    started: since,
                    finished: now,
                    id: cr.id.clone(),
                });
                cr.state = CState::Exited;
                cr.ready = false;
            }
        }
    }
    let node_ip = c.store.get::<Node>("", &run.node).and_then(|n| {
        n.status
            .as_ref()?
            .addresses
            .as_ref()?
            .iter()
            .find(|a| a.type_ == "InternalIP")
            .map(|a| a.address.clone())
    });
    let init_statuses: Vec<ContainerStatus> = run
        .init
        .iter()
        .map(|cr| container_status(pod, cr, false))
        .collect();
    let main_statuses: Vec<ContainerStatus> = run
        .main
        .iter()
        .map(|cr| container_status(pod, cr, !initialized))
        .collect();
    let unready: Vec<String> = run
        .main
        .iter()
        .zip(&main_statuses)
        .filter(|(_, s)| !s.ready)
        .map(|(cr, _)| cr.name.clone())
        .chain(
            run.init
                .iter()
                .zip(&init_statuses)
                .filter(|(cr, s)| cr.sidecar && !s.ready)
                .map(|(cr, _)| cr.name.clone()),
        )
        .collect();
    let done = matches!(phase, "Succeeded" | "Failed");
    {
        st.phase = Some(phase.into());
        st.host_ip = node_ip.clone();
        st.host_ips = node_ip.map(|ip| vec![HostIP { ip }]);
        st.pod_ip = run.ip.clone();
        st.pod_ips = run.ip.clone().map(|ip| vec![PodIP { ip }]);
        st.start_time = Some(time::time(run.started_at));
        st.qos_class = Some(qos_class(spec).into());
        st.init_container_statuses = (!init_statuses.is_empty()).then_some(init_statuses);
        st.container_statuses = Some(main_statuses);
    }
    set_status_condition(
        &mut st,
        "PodReadyToStartContainers",
        if sandbox_ready && !done {
            "True"
        } else {
            "False"
        },
        None,
        None,
        now,
    );
    if initialized {
        set_status_condition(
            &mut st,
            "Initialized",
            "True",
            done.then_some("PodCompleted"),
            None,
            now,
        );
    } else {
        set_status_condition(
            &mut st,
            "Initialized",
            "False",
            Some("ContainersNotInitialized"),
            Some(format!(
                "containers with incomplete status: [{}]",
                incomplete_init.join(" ")
            )),
            now,
        );
    }
    if done {
        set_status_condition(
            &mut st,
            "ContainersReady",
            "False",
            Some("PodCompleted"),
            None,
            now,
        );
        set_status_condition(&mut st, "Ready", "False", Some("PodCompleted"), None, now);
    } else if unready.is_empty() {
        set_status_condition(&mut st, "ContainersReady", "True", None, None, now);
        set_status_condition(&mut st, "Ready", "True", None, None, now);
    } else {
        let msg = format!("containers with unready status: [{}]", unready.join(" "));
        set_status_condition(
            &mut st,
            "ContainersReady",
            "False",
            Some("ContainersNotReady"),
            Some(msg.clone()),
            now,
        );
        set_status_condition(
            &mut st,
            "Ready",
            "False",
            Some("ContainersNotReady"),
            Some(msg),
            now,
        );
    }
    // The API server's order of conditions.
    if let Some(conds) = st.conditions.as_mut() {
        let order = [
            "PodReadyToStartContainers",
            "Initialized",
            "Ready",
            "ContainersReady",
            "PodScheduled",
        ];
        crate::sort::by_key(conds, |c| {
            order
                .iter()
                .position(|o| *o == c.type_)
                .unwrap_or(order.len())
        });
    }
    st
}
