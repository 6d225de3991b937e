//! Startup, liveness and readiness probes on their own schedule (prober/worker.go), evaluated up to
//! the current time; the clock stops only where a result can change something.

use super::*;

pub(super) fn probe_failure(p: &Probe, ct: Option<&Container>, ip: &str, warming: bool) -> String {
    let port = |v: &IntOrString| match v {
        IntOrString::Int(n) => n.to_string(),
        IntOrString::String(name) => ct
            .and_then(|c| {
                c.ports
                    .as_ref()?
                    .iter()
                    .find(|p| p.name.as_deref() == Some(name.as_str()))
            })
            .map(|p| p.container_port.to_string())
            .unwrap_or_else(|| name.clone()),
    };
    if let Some(h) = &p.http_get {
        let port = port(&h.port);
        if warming {
            let scheme = h
                .scheme
                .clone()
                .unwrap_or_else(|| "HTTP".into())
                .to_ascii_lowercase();
            let path = h.path.clone().unwrap_or_else(|| "/".into());
            format!("Get \"{scheme}://{ip}:{port}{path}\": dial tcp {ip}:{port}: connect: connection refused")
        } else {
            "HTTP probe failed with statuscode: 503".into()
        }
    } else if let Some(t) = &p.tcp_socket {
        let port = port(&t.port);
        format!("dial tcp {ip}:{port}: connect: connection refused")
    } else if let Some(g) = &p.grpc {
        format!(
            "timeout: failed to connect service \":{}\" within 1s",
            g.port
        )
    } else if let Some(e) = &p.exec {
        let cmd = e.command.clone().unwrap_or_default();
        match cmd.as_slice() {
            [cat, file] if cat.ends_with("cat") => {
                format!("cat: can't open '{file}': No such file or directory")
            }
            _ => String::new(),
        }
    } else {
        String::new()
    }
}

/// Runs the container's probes up to now. True when the container was killed by one (its state is
/// then Exited).
pub(super) fn probe(
    c: &mut Cluster,
    pod: &Pod,
    spec: &k8s_openapi::api::core::v1::PodSpec,
    cr: &mut CRun,
    node: &str,
    ip: &str,
    since: Millis,
) -> bool {
    let now = c.now();
    let ct = container_spec(spec, cr).cloned();
    let (startup, liveness, readiness) = match &ct {
        Some(ct) => (
            ct.startup_probe.clone(),
            ct.liveness_probe.clone(),
            ct.readiness_probe.clone(),
        ),
        None => (None, None, None),
    };
    let warmup = cr.b.warmup;
    let unhealthy = cr.b.unhealthy_after;
    let healthy_at = |t: Millis| t - since >= warmup && unhealthy.is_none_or(|u| t - since < u);
    let warming_at = |t: Millis| t - since < warmup;
    // The next instant at or after t at which the outcome changes.
    let change_after = |t: Millis| {
        if t - since < warmup {
            Some(since + warmup)
        } else {
            unhealthy.map(|u| since + u).filter(|&u| u > t)
        }
    };
    let grid = |p: &Probe| {
        (
            since + i64::from(p.initial_delay_seconds.unwrap_or(0)) * 1000,
            i64::from(p.period_seconds.unwrap_or(10).max(1)) * 1000,
        )
    };

    // Startup probe first: liveness and readiness wait for it.
    if !cr.started {
        match &startup {
            None => cr.started = true,
            Some(p) => {
                let (first, period) = grid(p);
                let threshold = p.failure_threshold.unwrap_or(3).max(1);
                loop {
                    let t = first + cr.startup.next_tick * period;
                    if t > now {
                        c.wake_at(t);
                        break;
                    }
                    cr.startup.next_tick += 1;
                    if healthy_at(t) {
                        cr.started = true;
                        break;
                    }
                    cr.startup.failures += 1;
                    c.record(
                        container_ref(pod, cr),
                        EventType::Warning,
                        "Unhealthy",
                        format!(
                            "Startup probe failed: {}",
                            probe_failure(p, ct.as_ref(), ip, warming_at(t))
                        ),
                        source(node),
                    );
                    if cr.startup.failures >= threshold {
                        kill(c, pod, cr, node, since, t, "startup");
                        return true;
                    }
                }
                if !cr.started {
                    cr.ready = false;
                    return false;
                }
            }
        }
    }
    // Liveness.
    if let Some(p) = &liveness {
        let (first, period) = grid(p);
        let threshold = p.failure_threshold.unwrap_or(3).max(1);
        loop {
            let t = first + cr.liveness.next_tick * period;
            if t > now {
                // Stop the clock only where a result can change.
                if !healthy_at(t) || cr.liveness.failures > 0 {
                    c.wake_at(t);
                } else if let Some(ch) = change_after(t) {
                    let k = ((ch - first) + period - 1)
                        .div_euclid(period)
                        .max(cr.liveness.next_tick);
                    c.wake_at(first + k * period);
                }
                break;
            }
            if healthy_at(t) {
                // Skip a run of passing probes in one go.
                cr.liveness.failures = 0;
                let until = change_after(t).unwrap_or(now + 1).min(now + 1);
                let k_end = (until - first + period - 1).div_euclid(period);
                cr.liveness.next_tick = k_end.max(cr.liveness.next_tick + 1);
                continue;
            }
            cr.liveness.next_tick += 1;
            cr.liveness.failures += 1;
            c.record(
                container_ref(pod, cr),
                EventType::Warning,
                "Unhealthy",
                format!(
                    "Liveness probe failed: {}",
                    probe_failure(p, ct.as_ref(), ip, warming_at(t))
                ),
                source(node),
            );
            if cr.liveness.failures >= threshold {
                kill(c, pod, cr, node, since, t, "liveness");
                return true;
            }
        }
    }
    // Readiness.
    match &readiness {
        None => cr.ready = true,
        Some(p) => {
            let (first, period) = grid(p);
            let threshold = p.failure_threshold.unwrap_or(3).max(1);
            let success = p.success_threshold.unwrap_or(1).max(1);
            loop {
                let t = first + cr.readiness.next_tick * period;
                if t > now {
                    let settled_ok = cr.ready && healthy_at(t);
                    if !settled_ok {
                        c.wake_at(t);
                    } else if let Some(ch) = change_after(t) {
                        let k = ((ch - first) + period - 1)
                            .div_euclid(period)
                            .max(cr.readiness.next_tick);
                        c.wake_at(first + k * period);
                    }
                    break;
                }
                cr.readiness.next_tick += 1;
                if healthy_at(t) {
                    cr.readiness.failures = 0;
                    cr.readiness.successes += 1;
                    if cr.readiness.successes >= success {
                        cr.ready = true;
                        if let Some(ch) = change_after(t) {
                            let k = ((ch.min(now + 1) - first) + period - 1).div_euclid(period);
                            cr.readiness.next_tick = cr.readiness.next_tick.max(k);
                        } else {
                            let k = (now - first).div_euclid(period) + 1;
                            cr.readiness.next_tick = cr.readiness.next_tick.max(k);
                        }
                    }
                } else {
                    cr.readiness.successes = 0;
                    cr.readiness.failures += 1;
                    c.record(
                        container_ref(pod, cr),
                        EventType::Warning,
                        "Unhealthy",
                        format!(
                            "Readiness probe failed: {}",
                            probe_failure(p, ct.as_ref(), ip, warming_at(t))
                        ),
                        source(node),
                    );
                    if cr.readiness.failures >= threshold {
                        cr.ready = false;
                    }
                }
            }
        }
    }
    false
}
