//! `kubectl get` tables (pkg/printers/internalversion/printers.go).

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::{Pod, Service};

use super::{age, SYSTEM_NAMESPACES};
use crate::sim::pod as podutil;
use crate::sim::store::Stored;
use crate::sim::time::{human_duration, millis_of, Millis};
use crate::sim::Cluster;

/// How a row should look: the colours people know from cluster dashboards.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Tone {
    /// Running, Ready, Bound.
    Ok,
    /// Pending, ContainerCreating, Terminating.
    Progress,
    /// CrashLoopBackOff, Error, errors of every kind.
    Bad,
    /// Completed.
    Done,
    Plain,
}

impl Tone {
    pub fn as_str(self) -> &'static str {
        match self {
            Tone::Ok => "ok",
            Tone::Progress => "progress",
            Tone::Bad => "bad",
            Tone::Done => "done",
            Tone::Plain => "plain",
        }
    }
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Row {
    pub kind: String,
    pub namespace: String,
    pub name: String,
    pub cells: Vec<String>,
    pub tone: Tone,
}

/// One `kubectl get <resource>` table.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    /// `pods`, `deployments.apps`, ...
    pub resource: &'static str,
    /// `pod`, `deployment.apps`: the prefix `kubectl get all` puts before names.
    pub prefix: String,
    pub headers: Vec<&'static str>,
    pub rows: Vec<Row>,
}

impl Table {
    /// The table as text; `with_prefix` prints `pod/web-0` as `kubectl get all` does.
    pub fn render(&self, with_prefix: bool) -> String {
        let namespaces: std::collections::BTreeSet<&str> =
            self.rows.iter().map(|r| r.namespace.as_str()).collect();
        let with_ns = namespaces.len() > 1;
        let mut rows = Vec::new();
        let mut head: Vec<String> = Vec::new();
        if with_ns {
            head.push("NAMESPACE".into());
        }
        head.extend(self.headers.iter().map(|h| h.to_string()));
        rows.push(head);
        for r in &self.rows {
            let mut line = Vec::new();
            if with_ns {
                line.push(r.namespace.clone());
            }
            for (i, c) in r.cells.iter().enumerate() {
                if i == 0 && with_prefix {
                    line.push(format!("{}/{c}", self.prefix));
                } else {
                    line.push(c.clone());
                }
            }
            rows.push(line);
        }
        super::columns(&rows)
    }
}

fn visible<T: Stored>(obj: &T, all: bool) -> bool {
    let ns = obj.metadata().namespace.as_deref().unwrap_or_default();
    all || !SYSTEM_NAMESPACES.contains(&ns)
}

fn row<T: Stored>(obj: &T, cells: Vec<String>, tone: Tone) -> Row {
    let m = obj.metadata();
    Row {
        kind: T::KIND.to_string(),
        namespace: m.namespace.clone().unwrap_or_default(),
        name: m.name.clone().unwrap_or_default(),
        cells,
        tone,
    }
}

/// kubectl's STATUS word for a Pod, with its READY count and restarts (printPod).
pub fn pod_status(pod: &Pod, now: Millis) -> (String, String, String, Tone) {
    let status = pod.status.clone().unwrap_or_default();
    let spec = pod.spec.clone().unwrap_or_default();
    let mut restarts = 0;
    let mut last_restart: Option<Millis> = None;
    let mut note_restart = |cs: &k8s_openapi::api::core::v1::ContainerStatus| {
        if let Some(t) = cs
            .last_state
            .as_ref()
            .and_then(|s| s.terminated.as_ref())
            .and_then(|t| t.finished_at.as_ref())
        {
            let m = millis_of(t);
            if last_restart.is_none_or(|l| m > l) {
                last_restart = Some(m);
            }
        }
    };
    let mut reason = status
        .reason
        .clone()
        .unwrap_or_else(|| status.phase.clone().unwrap_or_else(|| "Pending".into()));
    let total = spec.containers.len()
        + spec
            .init_containers
            .iter()
            .flatten()
            .filter(|c| c.restart_policy.as_deref() == Some("Always"))
            .count();
    let mut ready = 0;
    let mut initializing = false;
    let init_count = spec.init_containers.as_ref().map(Vec::len).unwrap_or(0);
    for (i, cs) in status.init_container_statuses.iter().flatten().enumerate() {
        restarts += cs.restart_count;
        note_restart(cs);
        let sidecar = spec
            .init_containers
            .as_ref()
            .and_then(|v| v.get(i))
            .is_some_and(|c| c.restart_policy.as_deref() == Some("Always"));
        if sidecar && cs.ready {
            ready += 1;
        }
        let state = cs.state.clone().unwrap_or_default();
        if let Some(t) = &state.terminated {
            if t.exit_code == 0 {
                continue;
            }
        }
        if sidecar && cs.started == Some(true) {
            continue;
        }
        if initializing {
            continue;
        }
        if let Some(t) = &state.terminated {
            reason = match &t.reason {
                Some(r) if !r.is_empty() => format!("Init:{r}"),
                _ => format!("Init:ExitCode:{}", t.exit_code),
            };
        } else if let Some(w) = state.waiting.as_ref().filter(|w| {
            w.reason
                .as_deref()
                .is_some_and(|r| !r.is_empty() && r != "PodInitializing")
        }) {
            reason = format!("Init:{}", w.reason.clone().unwrap_or_default());
        } else {
            reason = format!("Init:{i}/{init_count}");
        }
        initializing = true;
    }
    let initialized = podutil::condition(pod, "Initialized").is_some_and(|c| c.status == "True");
    if !initializing || initialized {
        restarts = status
            .init_container_statuses
            .iter()
            .flatten()
            .zip(spec.init_containers.iter().flatten())
            .filter(|(_, c)| c.restart_policy.as_deref() == Some("Always"))
            .map(|(s, _)| s.restart_count)
            .sum();
        let mut has_running = false;
        for cs in status.container_statuses.iter().flatten().rev() {
            restarts += cs.restart_count;
            note_restart(cs);
            let state = cs.state.clone().unwrap_or_default();
            if let Some(w) = state
                .waiting
                .as_ref()
                .filter(|w| w.reason.as_deref().is_some_and(|r| !r.is_empty()))
            {
                reason = w.reason.clone().unwrap_or_default();
            } else if let Some(t) = &state.terminated {
                reason = match &t.reason {
                    Some(r) if !r.is_empty() => r.clone(),
                    _ => format!("ExitCode:{}", t.exit_code),
                };
            } else if cs.ready && state.running.is_some() {
                has_running = true;
                ready += 1;
            }
        }
        if reason == "Completed" && has_running {
            reason = if podutil::is_ready(pod) {
                "Running".into()
            } else {
                "NotReady".into()
            };
        }
    }
    if pod.metadata.deletion_timestamp.is_some() {
        reason = "Terminating".into();
    }
    let tone = match reason.as_str() {
        "Running" => Tone::Ok,
        "Completed" | "Succeeded" => Tone::Done,
        "Pending" | "ContainerCreating" | "PodInitializing" | "Terminating" | "NotReady" => {
            Tone::Progress
        }
        r if r.starts_with("Init:") && r[5..].contains('/') => Tone::Progress,
        _ => Tone::Bad,
    };
    let restarts_text = match (restarts, last_restart) {
        (n, Some(at)) if n > 0 => {
            format!("{n} ({} ago)", human_duration(now - at))
        }
        (n, _) => n.to_string(),
    };
    (format!("{ready}/{total}"), reason, restarts_text, tone)
}

fn pods(c: &Cluster, all: bool) -> Table {
    let now = c.now();
    let rows = c
        .store
        .pods
        .values()
        .filter(|p| visible(*p, all))
        .map(|p| {
            let (ready, status, restarts, tone) = pod_status(p, now);
            let st = p.status.clone().unwrap_or_default();
            row(
                p,
                vec![
                    p.metadata.name.clone().unwrap_or_default(),
                    ready,
                    status,
                    restarts,
                    age(p.metadata.creation_timestamp.as_ref(), now),
                    st.pod_ip.unwrap_or_else(|| "<none>".into()),
                    p.spec
                        .as_ref()
                        .and_then(|s| s.node_name.clone())
                        .unwrap_or_else(|| "<none>".into()),
                ],
                tone,
            )
        })
        .collect();
    Table {
        resource: "pods",
        prefix: "pod".into(),
        headers: vec!["NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE"],
        rows,
    }
}

fn deployments(c: &Cluster, all: bool) -> Table {
    let now = c.now();
    let rows = c
        .store
        .deployments
        .values()
        .filter(|d| visible(*d, all))
        .map(|d| {
            let want = d.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1);
            let st = d.status.clone().unwrap_or_default();
            let ready = st.ready_replicas.unwrap_or(0);
            let tone = if ready >= want && st.updated_replicas.unwrap_or(0) >= want {
                Tone::Ok
            } else if rollout_failed(d) {
                Tone::Bad
            } else {
                Tone::Progress
            };
            row(
                d,
                vec![
                    d.metadata.name.clone().unwrap_or_default(),
                    format!("{ready}/{want}"),
                    st.updated_replicas.unwrap_or(0).to_string(),
                    st.available_replicas.unwrap_or(0).to_string(),
                    age(d.metadata.creation_timestamp.as_ref(), now),
                ],
                tone,
            )
        })
        .collect();
    Table {
        resource: "deployments.apps",
        prefix: "deployment.apps".into(),
        headers: vec!["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"],
        rows,
    }
}

fn rollout_failed(d: &Deployment) -> bool {
    d.status
        .as_ref()
        .and_then(|s| s.conditions.as_ref())
        .is_some_and(|cs| {
            cs.iter().any(|c| {
                c.type_ == "Progressing" && c.reason.as_deref() == Some("ProgressDeadlineExceeded")
            })
        })
}

fn replica_sets(c: &Cluster, all: bool) -> Table {
    let now = c.now();
    let rows = c
        .store
        .replica_sets
        .values()
        .filter(|r| visible(*r, all))
        .map(|r| {
            let want = r.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1);
            let st = r.status.clone().unwrap_or_default();
            let ready = st.ready_replicas.unwrap_or(0);
            let tone = if want == 0 {
                Tone::Plain
            } else if ready >= want {
                Tone::Ok
            } else {
                Tone::Progress
            };
            row(
                r,
                vec![
                    r.metadata.name.clone().unwrap_or_default(),
                    want.to_string(),
                    st.replicas.to_string(),
                    ready.to_string(),
                    age(r.metadata.creation_timestamp.as_ref(), now),
                ],
                tone,
            )
        })
        .collect();
    Table {
        resource: "replicasets.apps",
        prefix: "replicaset.apps".into(),
        headers: vec!["NAME", "DESIRED", "CURRENT", "READY", "AGE"],
        rows,
    }
}

fn stateful_sets(c: &Cluster, all: bool) -> Table {
    let now = c.now();
    let rows = c
        .store
        .stateful_sets
        .values()
        .filter(|s| visible(*s, all))
        .map(|s| {
            let want = s.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1);
            let ready = s
                .status
                .as_ref()
                .and_then(|s| s.ready_replicas)
                .unwrap_or(0);
            row(
                s,
                vec![
                    s.metadata.name.clone().unwrap_or_default(),
                    format!("{ready}/{want}"),
                    age(s.metadata.creation_timestamp.as_ref(), now),
                ],
                if ready >= want {
                    Tone::Ok
                } else {
                    Tone::Progress
                },
            )
        })
        .collect();
    Table {
        resource: "statefulsets.apps",
        prefix: "statefulset.apps".into(),
        headers: vec!["NAME", "READY", "AGE"],
        rows,
    }
}

fn daemon_sets(c: &Cluster, all: bool) -> Table {
    let now = c.now();
    let rows = c
        .store
        .daemon_sets
        .values()
        .filter(|d| visible(*d, all))
        .map(|d| {
            let st = d.status.clone().unwrap_or_default();
            let selector = d
                .spec
                .as_ref()
                .and_then(|s| s.template.spec.as_ref())
                .and_then(|s| s.node_selector.as_ref())
                .filter(|m| !m.is_empty())
                .map(|m| {
                    m.iter()
                        .map(|(k, v)| format!("{k}={v}"))
                        .collect::<Vec<_>>()
                        .join(",")
                })
                .unwrap_or_else(|| "<none>".into());
            row(
                d,
                vec![
                    d.metadata.name.clone().unwrap_or_default(),
                    st.desired_number_scheduled.to_string(),
                    st.current_number_scheduled.to_string(),
                    st.number_ready.to_string(),
                    st.updated_number_scheduled.unwrap_or(0).to_string(),
                    st.number_available.unwrap_or(0).to_string(),
                    selector,
                    age(d.metadata.creation_timestamp.as_ref(), now),
                ],
                if st.number_ready >= st.desired_number_scheduled {
                    Tone::Ok
                } else {
                    Tone::Progress
                },
            )
        })
        .collect();
    Table {
        resource: "daemonsets.apps",
        prefix: "daemonset.apps".into(),
        headers: vec![
            "NAME",
            "DESIRED",
            "CURRENT",
            "READY",
            "UP-TO-DATE",
            "AVAILABLE",
            "NODE SELECTOR",
            "AGE",
        ],
        rows,
    }
}

/// `80/TCP`, `80:30080/TCP`, as the PORT(S) column prints them.
pub fn service_ports(s: &Service) -> String {
    let ports: Vec<String> = s
        .spec
        .as_ref()
        .and_then(|s| s.ports.clone())
        .unwrap_or_default()
        .iter()
        .map(|p| {
            let proto = p.protocol.clone().unwrap_or_else(|| "TCP".into());
            match p.node_port {
                Some(np) => format!("{}:{np}/{proto}", p.port),
                None => format!("{}/{proto}", p.port),
            }
        })
        .collect();
    if ports.is_empty() {
        "<none>".into()
    } else {
        ports.join(",")
    }
}

fn services(c: &Cluster, all: bool) -> Table {
    let now = c.now();
    let rows = c
        .store
        .services
        .values()
        .filter(|s| visible(*s, all))
        .map(|s| {
            let spec = s.spec.clone().unwrap_or_default();
            let type_ = spec.type_.clone().unwrap_or_else(|| "ClusterIP".into());
            let external = match type_.as_str() {
                "ExternalName" => spec.external_name.clone().unwrap_or_default(),
                "LoadBalancer" => {
                    let ing: Vec<String> = s
                        .status
                        .as_ref()
                        .and_then(|st| st.load_balancer.as_ref())
                        .and_then(|lb| lb.ingress.clone())
                        .unwrap_or_default()
                        .iter()
                        .filter_map(|i| i.ip.clone().or(i.hostname.clone()))
                        .collect();
                    if ing.is_empty() {
                        "<pending>".into()
                    } else {
                        ing.join(",")
                    }
                }
                _ => spec
                    .external_ips
                    .clone()
                    .filter(|v| !v.is_empty())
                    .map(|v| v.join(","))
                    .unwrap_or_else(|| "<none>".into()),
            };
            row(
                s,
                vec![
                    s.metadata.name.clone().unwrap_or_default(),
                    type_,
                    spec.cluster_ip.clone().unwrap_or_else(|| "<none>".into()),
                    external,
                    service_ports(s),
                    age(s.metadata.creation_timestamp.as_ref(), now),
                ],
                Tone::Plain,
            )
        })
        .collect();
    Table {
        resource: "services",
        prefix: "service".into(),
        headers: vec![
            "NAME",
            "TYPE",
            "CLUSTER-IP",
            "EXTERNAL-IP",
            "PORT(S)",
            "AGE",
        ],
        rows,
    }
}

fn endpoint_slices(c: &Cluster, all: bool) -> Table {
    let now = c.now();
    let rows = c
        .store
        .endpoint_slices
        .values()
        .filter(|s| visible(*s, all))
        .map(|s| {
            let ports: Vec<String> = s
                .ports
                .iter()
                .flatten()
                .filter_map(|p| p.port.map(|n| n.to_string()))
                .collect();
            let addrs: Vec<String> = s
                .endpoints
                .iter()
                .flat_map(|e| e.addresses.iter().cloned())
                .collect();
            let endpoints = if addrs.is_empty() {
                "<none>".into()
            } else if addrs.len() > 3 {
                format!("{} + {} more...", addrs[..3].join(","), addrs.len() - 3)
            } else {
                addrs.join(",")
            };
            let ready = s
                .endpoints
                .iter()
                .filter(|e| e.conditions.as_ref().and_then(|c| c.ready) == Some(true))
                .count();
            row(
                s,
                vec![
                    s.metadata.name.clone().unwrap_or_default(),
                    s.address_type.clone(),
                    if ports.is_empty() {
                        "<unset>".into()
                    } else {
                        ports.join(",")
                    },
                    endpoints,
                    age(s.metadata.creation_timestamp.as_ref(), now),
                ],
                if ready > 0 { Tone::Ok } else { Tone::Progress },
            )
        })
        .collect();
    Table {
        resource: "endpointslices.discovery.k8s.io",
        prefix: "endpointslice.discovery.k8s.io".into(),
        headers: vec!["NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE"],
        rows,
    }
}

fn nodes(c: &Cluster) -> Table {
    let now = c.now();
    let rows = c
        .store
        .nodes
        .values()
        .map(|n| {
            let ready = n
                .status
                .as_ref()
                .and_then(|s| s.conditions.as_ref())
                .and_then(|cs| cs.iter().find(|c| c.type_ == "Ready"))
                .map(|c| c.status == "True")
                .unwrap_or(false);
            let mut status = if ready {
                "Ready".to_string()
            } else {
                "NotReady".to_string()
            };
            if n.spec.as_ref().and_then(|s| s.unschedulable) == Some(true) {
                status.push_str(",SchedulingDisabled");
            }
            let roles: Vec<String> = n
                .metadata
                .labels
                .iter()
                .flatten()
                .filter_map(|(k, _)| {
                    k.strip_prefix("node-role.kubernetes.io/")
                        .map(str::to_string)
                })
                .collect();
            row(
                n,
                vec![
                    n.metadata.name.clone().unwrap_or_default(),
                    status,
                    if roles.is_empty() {
                        "<none>".into()
                    } else {
                        roles.join(",")
                    },
                    age(n.metadata.creation_timestamp.as_ref(), now),
                    n.status
                        .as_ref()
                        .and_then(|s| s.node_info.as_ref())
                        .map(|i| i.kubelet_version.clone())
                        .unwrap_or_default(),
                ],
                if ready { Tone::Ok } else { Tone::Bad },
            )
        })
        .collect();
    Table {
        resource: "nodes",
        prefix: "node".into(),
        headers: vec!["NAME", "STATUS", "ROLES", "AGE", "VERSION"],
        rows,
    }
}

fn namespaces(c: &Cluster) -> Table {
    let now = c.now();
    let rows = c
        .store
        .namespaces
        .values()
        .map(|n| {
            let phase = n
                .status
                .as_ref()
                .and_then(|s| s.phase.clone())
                .unwrap_or_else(|| "Active".into());
            let tone = if phase == "Active" {
                Tone::Ok
            } else {
                Tone::Progress
            };
            row(
                n,
                vec![
                    n.metadata.name.clone().unwrap_or_default(),
                    phase,
                    age(n.metadata.creation_timestamp.as_ref(), now),
                ],
                tone,
            )
        })
        .collect();
    Table {
        resource: "namespaces",
        prefix: "namespace".into(),
        headers: vec!["NAME", "STATUS", "AGE"],
        rows,
    }
}

fn claims(c: &Cluster, all: bool) -> Table {
    let now = c.now();
    let rows = c
        .store
        .persistent_volume_claims
        .values()
        .filter(|p| visible(*p, all))
        .map(|p| {
            let spec = p.spec.clone().unwrap_or_default();
            let st = p.status.clone().unwrap_or_default();
            let phase = st.phase.clone().unwrap_or_else(|| "Pending".into());
            let tone = if phase == "Bound" {
                Tone::Ok
            } else {
                Tone::Progress
            };
            let modes = |v: Option<Vec<String>>| {
                v.unwrap_or_default()
                    .iter()
                    .map(|m| {
                        match m.as_str() {
                            "ReadWriteOnce" => "RWO",
                            "ReadOnlyMany" => "ROX",
                            "ReadWriteMany" => "RWX",
                            "ReadWriteOncePod" => "RWOP",
                            o => o,
                        }
                        .to_string()
                    })
                    .collect::<Vec<_>>()
                    .join(",")
            };
            row(
                p,
                vec![
                    p.metadata.name.clone().unwrap_or_default(),
                    phase,
                    spec.volume_name.clone().unwrap_or_default(),
                    st.capacity
                        .as_ref()
                        .and_then(|c| c.get("storage"))
                        .map(|q| q.0.clone())
                        .unwrap_or_default(),
                    modes(st.access_modes.clone()),
                    spec.storage_class_name
                        .clone()
                        .unwrap_or_else(|| "<unset>".into()),
                    "<unset>".into(),
                    age(p.metadata.creation_timestamp.as_ref(), now),
                ],
                tone,
            )
        })
        .collect();
    Table {
        resource: "persistentvolumeclaims",
        prefix: "persistentvolumeclaim".into(),
        headers: vec![
            "NAME",
            "STATUS",
            "VOLUME",
            "CAPACITY",
            "ACCESS MODES",
            "STORAGECLASS",
            "VOLUMEATTRIBUTESCLASS",
            "AGE",
        ],
        rows,
    }
}

fn config_maps(c: &Cluster, all: bool) -> Table {
    let now = c.now();
    let rows = c
        .store
        .config_maps
        .values()
        .filter(|m| visible(*m, all))
        .map(|m| {
            let n = m.data.as_ref().map(|d| d.len()).unwrap_or(0)
                + m.binary_data.as_ref().map(|d| d.len()).unwrap_or(0);
            row(
                m,
                vec![
                    m.metadata.name.clone().unwrap_or_default(),
                    n.to_string(),
                    age(m.metadata.creation_timestamp.as_ref(), now),
                ],
                Tone::Plain,
            )
        })
        .collect();
    Table {
        resource: "configmaps",
        prefix: "configmap".into(),
        headers: vec!["NAME", "DATA", "AGE"],
        rows,
    }
}

fn secrets(c: &Cluster, all: bool) -> Table {
    let now = c.now();
    let rows = c
        .store
        .secrets
        .values()
        .filter(|s| visible(*s, all))
        .map(|s| {
            row(
                s,
                vec![
                    s.metadata.name.clone().unwrap_or_default(),
                    s.type_.clone().unwrap_or_else(|| "Opaque".into()),
                    s.data.as_ref().map(|d| d.len()).unwrap_or(0).to_string(),
                    age(s.metadata.creation_timestamp.as_ref(), now),
                ],
                Tone::Plain,
            )
        })
        .collect();
    Table {
        resource: "secrets",
        prefix: "secret".into(),
        headers: vec!["NAME", "TYPE", "DATA", "AGE"],
        rows,
    }
}

fn service_accounts(c: &Cluster, all: bool) -> Table {
    let now = c.now();
    let rows = c
        .store
        .service_accounts
        .values()
        .filter(|s| visible(*s, all))
        .map(|s| {
            row(
                s,
                vec![
                    s.metadata.name.clone().unwrap_or_default(),
                    s.secrets.as_ref().map(|v| v.len()).unwrap_or(0).to_string(),
                    age(s.metadata.creation_timestamp.as_ref(), now),
                ],
                Tone::Plain,
            )
        })
        .collect();
    Table {
        resource: "serviceaccounts",
        prefix: "serviceaccount".into(),
        headers: vec!["NAME", "SECRETS", "AGE"],
        rows,
    }
}

/// Every non-empty table, in the order `kubectl get all` prints (then the rest). With `all`, objects
/// in the system namespaces are included.
pub fn tables(c: &Cluster, all: bool) -> Vec<Table> {
    let mut out = vec![
        pods(c, all),
        services(c, all),
        daemon_sets(c, all),
        deployments(c, all),
        replica_sets(c, all),
        stateful_sets(c, all),
        endpoint_slices(c, all),
        claims(c, all),
        config_maps(c, all),
        secrets(c, all),
        nodes(c),
    ];
    if all {
        out.push(namespaces(c));
        out.push(service_accounts(c, all));
    }
    // Kinds without a controller here: NAME and AGE.
    let now = c.now();
    let mut others: std::collections::BTreeMap<String, Table> = std::collections::BTreeMap::new();
    for ((kind, ns, name), o) in &c.store.others {
        if !all && SYSTEM_NAMESPACES.contains(&ns.as_str()) {
            continue;
        }
        let created = o
            .value
            .pointer("/metadata/creationTimestamp")
            .and_then(|v| {
                serde_json::from_value::<k8s_openapi::apimachinery::pkg::apis::meta::v1::Time>(
                    v.clone(),
                )
                .ok()
            });
        let api_version = o.api_version.clone();
        let t = others.entry(kind.clone()).or_insert_with(|| Table {
            resource: "others",
            prefix: crate::sim::resource_name(&api_version, kind, "")
                .trim_end_matches('/')
                .to_string(),
            headers: vec!["NAME", "AGE"],
            rows: Vec::new(),
        });
        t.rows.push(Row {
            kind: kind.clone(),
            namespace: ns.clone(),
            name: name.clone(),
            cells: vec![name.clone(), age(created.as_ref(), now)],
            tone: Tone::Plain,
        });
    }
    out.extend(others.into_values());
    out.retain(|t| !t.rows.is_empty());
    out
}

/// `kubectl get events`: LAST SEEN, TYPE, REASON, OBJECT, MESSAGE, oldest first.
pub fn events_table(c: &Cluster, all: bool) -> Table {
    let now = c.now();
    let mut list: Vec<&crate::sim::Event> = c
        .events()
        .iter()
        .filter(|e| all || !SYSTEM_NAMESPACES.contains(&e.involved.namespace.as_str()))
        .collect();
    list.sort_by_key(|e| e.last);
    let rows = list
        .into_iter()
        .map(|e| Row {
            kind: e.involved.kind.to_string(),
            namespace: e.involved.namespace.clone(),
            name: e.involved.name.clone(),
            cells: vec![
                human_duration(now - e.last),
                e.type_.as_str().into(),
                e.reason.clone(),
                format!(
                    "{}/{}",
                    e.involved.kind.to_ascii_lowercase(),
                    e.involved.name
                ),
                e.message.clone(),
            ],
            tone: if e.type_ == crate::sim::EventType::Warning {
                Tone::Bad
            } else {
                Tone::Plain
            },
        })
        .collect();
    Table {
        resource: "events",
        prefix: "event".into(),
        headers: vec!["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"],
        rows,
    }
}

/// What `kubectl rollout status deployment/<name>` prints now, and whether the rollout is over.
pub fn rollout_status(d: &Deployment) -> (String, bool) {
    let name = d.metadata.name.clone().unwrap_or_default();
    let st = d.status.clone().unwrap_or_default();
    if d.metadata.generation > st.observed_generation {
        return (
            "Waiting for deployment spec update to be observed...".into(),
            false,
        );
    }
    if rollout_failed(d) {
        return (
            format!(
                "error: deployment {} exceeded its progress deadline",
                crate::validation::go_quote(&name)
            ),
            true,
        );
    }
    let want = d.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1);
    let updated = st.updated_replicas.unwrap_or(0);
    let replicas = st.replicas.unwrap_or(0);
    let available = st.available_replicas.unwrap_or(0);
    let q = crate::validation::go_quote(&name);
    if updated < want {
        return (format!("Waiting for deployment {q} rollout to finish: {updated} out of {want} new replicas have been updated..."), false);
    }
    if replicas > updated {
        return (format!("Waiting for deployment {q} rollout to finish: {} old replicas are pending termination...", replicas - updated), false);
    }
    if available < updated {
        return (format!("Waiting for deployment {q} rollout to finish: {available} of {updated} updated replicas are available..."), false);
    }
    (format!("deployment {q} successfully rolled out"), true)
}
