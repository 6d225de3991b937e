//! The cluster as kubectl prints it: `kubectl get` tables with kubectl's columns and status words,
//! `kubectl describe`, `kubectl get events` and `kubectl rollout status`. Both the CLI and the page
//! print from here, so they always agree.

pub(crate) mod describe;
pub mod graph;
pub mod logs;
mod tables;
mod yaml;

pub use crate::sim::registry::{pod_status, rollout_status, service_ports};
pub use describe::describe;
pub(crate) use describe::describe_generic;
pub(crate) use tables::{containers_images, row};
pub use tables::{events_table, others, tables, Row, Table, Tone};
pub use yaml::to_yaml;

use super::time::{human_duration, millis_of, Millis};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;

/// Age of a timestamp at `now`, as kubectl prints it; `<unknown>` without one.
pub fn age(t: Option<&Time>, now: Millis) -> String {
    match t {
        Some(t) => human_duration(now - millis_of(t)),
        None => "<unknown>".into(),
    }
}

/// Namespaces the cluster makes for itself; objects in them are not shown unless asked for.
pub const SYSTEM_NAMESPACES: &[&str] = &["kube-system", "kube-public", "kube-node-lease"];

/// Lays out rows in columns separated by three spaces, as `kubectl get`'s tabwriter does.
pub fn columns(rows: &[Vec<String>]) -> String {
    columns_padded(rows, 3)
}

/// Columns with the given gap: `kubectl describe` uses two spaces.
pub fn columns_padded(rows: &[Vec<String>], gap: usize) -> String {
    let n = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0; n];
    for r in rows {
        for (i, cell) in r.iter().enumerate() {
            widths[i] = widths[i].max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for r in rows {
        let mut line = String::new();
        for (i, cell) in r.iter().enumerate() {
            line.push_str(cell);
            if i + 1 < r.len() {
                let pad = widths[i] - cell.chars().count() + gap;
                line.extend(std::iter::repeat_n(' ', pad));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
