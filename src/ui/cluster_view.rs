//! A snapshot of the simulated cluster for the panels: kubectl tables, events, the selected object's
//! describe text, rollout progress and what the last apply said. Built by the engine's printers after
//! every change; components only render it.

use serde::{Deserialize, Serialize};

use crate::cluster::{self as print, Cluster, Millis, Row, Table};

/// A `kubectl get` table as the panels show it: what `print::Table` holds, in owned strings, so a
/// view can cross from the simulator's worker to the page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ViewTable {
    pub prefix: String,
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
}

impl From<Table> for ViewTable {
    fn from(t: Table) -> ViewTable {
        ViewTable {
            prefix: t.prefix,
            headers: t.headers.iter().map(|h| h.to_string()).collect(),
            rows: t.rows,
        }
    }
}

/// Rows shown per table; the rest are counted.
pub const MAX_ROWS: usize = 300;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClusterView {
    pub now: Millis,
    pub next: Option<Millis>,
    pub tables: Vec<ViewTable>,
    pub events: ViewTable,
    pub rollouts: Vec<(String, bool)>,
    pub describe: Option<String>,
    /// (line, is error) of the last apply.
    pub apply_log: Vec<(String, bool)>,
}

pub type Selected = Option<(String, String, String)>;

impl ClusterView {
    /// The clock alone, for tabs that show no table.
    pub fn clock_only(c: &Cluster) -> ClusterView {
        ClusterView {
            now: c.now(),
            next: c.next_wakeup(),
            tables: Vec::new(),
            events: ViewTable::default(),
            rollouts: Vec::new(),
            describe: None,
            apply_log: Vec::new(),
        }
    }

    pub fn of(c: &Cluster, selected: &Selected, apply_log: &[(String, bool)]) -> ClusterView {
        let mut tables = print::tables(c, false);
        for t in tables.iter_mut() {
            t.rows.truncate(MAX_ROWS + 1);
        }
        let mut events = print::events_table(c, false);
        let n = events.rows.len();
        if n > MAX_ROWS {
            events.rows.drain(..n - MAX_ROWS);
        }
        let rollouts = c
            .store()
            .deployments
            .values()
            .map(print::rollout_status)
            .collect();
        let describe = selected
            .as_ref()
            .and_then(|(kind, ns, name)| print::describe(c, kind, ns, name));
        ClusterView {
            now: c.now(),
            next: c.next_wakeup(),
            tables: tables.into_iter().map(ViewTable::from).collect(),
            events: events.into(),
            rollouts,
            describe,
            apply_log: apply_log.to_vec(),
        }
    }
}

/// `2m13s` for the clock display.
pub fn clock(ms: Millis) -> String {
    let s = ms / 1000;
    if s < 60 {
        format!("{s}s")
    } else if s < 3600 {
        format!("{}m{:02}s", s / 60, s % 60)
    } else {
        format!("{}h{:02}m{:02}s", s / 3600, (s / 60) % 60, s % 60)
    }
}
