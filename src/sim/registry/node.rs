//! Nodes: what a joining kubelet fills in (capacity, conditions, node info) and printing
//! (printNode, describeNode).

use std::fmt::Write;

use k8s_openapi::api::core::v1::{Node, Pod};

use super::{Printer, Strategy};
use crate::sim::print::describe::{labels_annotations, line, when};
use crate::sim::print::{age, Tone};
use crate::sim::{bootstrap, quantity, Cluster};

impl Strategy for Node {
    fn prepare(&mut self, c: &mut Cluster) {
        bootstrap::complete_node(c, self);
    }
}

impl Printer for Node {
    const RESOURCE: &'static str = "nodes";
    const PREFIX: &'static str = "node";
    const HEADERS: &'static [&'static str] = &["NAME", "STATUS", "ROLES", "AGE", "VERSION"];
    const WIDE: &'static [&'static str] = &[
        "INTERNAL-IP",
        "EXTERNAL-IP",
        "OS-IMAGE",
        "KERNEL-VERSION",
        "CONTAINER-RUNTIME",
    ];

    fn wide(&self, _c: &Cluster) -> Vec<String> {
        let st = self.status.as_ref();
        let address = |t: &str| {
            st.and_then(|s| s.addresses.as_ref())
                .and_then(|a| a.iter().find(|a| a.type_ == t))
                .map(|a| a.address.clone())
                .unwrap_or_else(|| "<none>".into())
        };
        let info = st.and_then(|s| s.node_info.clone()).unwrap_or_default();
        let or_unknown = |s: String| if s.is_empty() { "<unknown>".into() } else { s };
        vec![
            address("InternalIP"),
            address("ExternalIP"),
            or_unknown(info.os_image),
            or_unknown(info.kernel_version),
            or_unknown(info.container_runtime_version),
        ]
    }

    fn row(&self, c: &Cluster) -> (Vec<String>, Tone) {
        let n = self;
        let now = c.now();
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
        let roles = roles(n);
        (
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
    }

    fn describe(&self, out: &mut String, c: &Cluster) {
        node(out, c, self);
    }
}

/// The node's roles, from its `node-role.kubernetes.io/<role>` labels.
fn roles(n: &Node) -> Vec<String> {
    n.metadata
        .labels
        .iter()
        .flatten()
        .filter_map(|(k, _)| {
            k.strip_prefix("node-role.kubernetes.io/")
                .map(str::to_string)
        })
        .collect()
}

fn node(out: &mut String, c: &Cluster, n: &Node) {
    let name = n.metadata.name.clone().unwrap_or_default();
    line(out, "Name", &name);
    let roles = roles(n);
    line(
        out,
        "Roles",
        if roles.is_empty() {
            "<none>".to_string()
        } else {
            roles.join(",")
        },
    );
    labels_annotations(out, &n.metadata);
    line(
        out,
        "CreationTimestamp",
        when(n.metadata.creation_timestamp.as_ref()),
    );
    let taints: Vec<String> = n
        .spec
        .as_ref()
        .and_then(|s| s.taints.clone())
        .unwrap_or_default()
        .iter()
        .map(|t| match &t.value {
            Some(v) if !v.is_empty() => format!("{}={v}:{}", t.key, t.effect),
            _ => format!("{}:{}", t.key, t.effect),
        })
        .collect();
    line(
        out,
        "Taints",
        if taints.is_empty() {
            "<none>".to_string()
        } else {
            taints.join("\n                   ")
        },
    );
    line(
        out,
        "Unschedulable",
        n.spec
            .as_ref()
            .and_then(|s| s.unschedulable)
            .unwrap_or(false),
    );
    let st = n.status.clone().unwrap_or_default();
    if let Some(conds) = &st.conditions {
        out.push_str("Conditions:\n");
        let mut rows = vec![
            vec![
                "  Type".to_string(),
                "Status".into(),
                "Reason".into(),
                "Message".into(),
            ],
            vec![
                "  ----".to_string(),
                "------".into(),
                "------".into(),
                "-------".into(),
            ],
        ];
        for cd in conds {
            rows.push(vec![
                format!("  {}", cd.type_),
                cd.status.clone(),
                cd.reason.clone().unwrap_or_default(),
                cd.message.clone().unwrap_or_default(),
            ]);
        }
        out.push_str(&crate::sim::print::columns_padded(&rows, 2));
    }
    out.push_str("Addresses:\n");
    for a in st.addresses.iter().flatten() {
        let _ = writeln!(out, "  {}:  {}", a.type_, a.address);
    }
    for (label, m) in [("Capacity", &st.capacity), ("Allocatable", &st.allocatable)] {
        let _ = writeln!(out, "{label}:");
        for (k, q) in m.iter().flatten() {
            let _ = writeln!(
                out,
                "  {k}:{}{}",
                " ".repeat(20usize.saturating_sub(k.len() + 1)),
                q.0
            );
        }
    }
    // Pods on the node and what they request.
    let pods: Vec<&Pod> = c
        .store
        .pods
        .values()
        .filter(|p| {
            p.spec.as_ref().and_then(|s| s.node_name.as_deref()) == Some(name.as_str())
                && !matches!(crate::sim::pod::phase(p), "Succeeded" | "Failed")
        })
        .collect();
    let _ = writeln!(
        out,
        "Non-terminated Pods:          ({} in total)",
        pods.len()
    );
    let mut rows = vec![
        vec![
            "  Namespace".to_string(),
            "Name".into(),
            "CPU Requests".into(),
            "Memory Requests".into(),
            "Age".into(),
        ],
        vec![
            "  ---------".to_string(),
            "----".into(),
            "------------".into(),
            "---------------".into(),
            "---".into(),
        ],
    ];
    let mut cpu = 0;
    let mut mem = 0;
    for p in &pods {
        let r = crate::sim::usage::requests(p.spec.as_ref().unwrap_or(&Default::default()));
        let pc = r.get("cpu").copied().unwrap_or(0);
        let pm = r.get("memory").copied().unwrap_or(0);
        cpu += pc;
        mem += pm;
        rows.push(vec![
            format!("  {}", p.metadata.namespace.clone().unwrap_or_default()),
            p.metadata.name.clone().unwrap_or_default(),
            quantity::format("cpu", pc),
            quantity::format("memory", pm),
            age(p.metadata.creation_timestamp.as_ref(), c.now()),
        ]);
    }
    out.push_str(&crate::sim::print::columns_padded(&rows, 2));
    let alloc = |res: &str| {
        st.allocatable
            .as_ref()
            .and_then(|a| a.get(res))
            .map(|q| quantity::amount(res, q))
            .unwrap_or(0)
            .max(1)
    };
    out.push_str("Allocated resources:\n");
    let _ = writeln!(
        out,
        "  cpu:     {} ({}%)",
        quantity::format("cpu", cpu),
        cpu * 100 / alloc("cpu")
    );
    let _ = writeln!(
        out,
        "  memory:  {} ({}%)",
        quantity::format("memory", mem),
        mem * 100 / alloc("memory")
    );
}
