//! A snapshot of the simulated cluster for the panels: kubectl tables, events, the selected object's
//! describe text, rollout progress and what the last apply said. Built by the engine's printers after
//! every change; components only render it.

use serde::{Deserialize, Serialize};

use crate::cluster::{self as print, Cluster, Millis, Row, StorageView, Table, TimelineView};

/// Lines of a Pod's log shown under its describe.
pub const LOG_TAIL: usize = 20;

/// A `kubectl get` table as the panels show it: what `print::Table` holds, in owned strings, so a
/// view can cross from the simulator's worker to the page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ViewTable {
    pub prefix: String,
    pub headers: Vec<String>,
    /// The rows in view: `offset..offset + rows.len()` of `total`.
    pub rows: Vec<Row>,
    pub offset: usize,
    pub total: usize,
    /// Whether any row, in view or not, has another namespace than the first (the NAMESPACE
    /// column is shown then).
    pub multi_ns: bool,
}

impl ViewTable {
    /// `len` rows of a table from `first` (moved back so the window is full).
    fn window(t: Table, first: usize, len: usize) -> ViewTable {
        let total = t.rows.len();
        let offset = first.min(total.saturating_sub(len));
        let multi_ns = t
            .rows
            .first()
            .is_some_and(|r0| t.rows.iter().any(|r| r.namespace != r0.namespace));
        ViewTable {
            prefix: t.prefix,
            headers: t.headers.iter().map(|h| h.to_string()).collect(),
            rows: t.rows.into_iter().skip(offset).take(len).collect(),
            offset,
            total,
            multi_ns,
        }
    }
}

/// Rows of a table sent and rendered at once: the page shows a table's rows in view and a few
/// around them, and asks for another window as it scrolls.
pub const WINDOW: usize = 120;

/// Events listed, the newest ones.
pub const MAX_EVENTS: usize = 300;

/// Where each table's window starts, by the table's prefix (absent: at the top).
pub type Windows = std::collections::BTreeMap<String, usize>;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClusterView {
    pub now: Millis,
    pub next: Option<Millis>,
    pub tables: Vec<ViewTable>,
    pub events: ViewTable,
    pub rollouts: Vec<(String, bool)>,
    pub describe: Option<String>,
    /// The selected Pod's last log lines (None when the selection is not a Pod).
    #[serde(default)]
    pub logs: Option<String>,
    /// (line, is error) of the last apply.
    pub apply_log: Vec<(String, bool)>,
    /// The Storage tab's picture.
    #[serde(default)]
    pub storage: Option<StorageView>,
    /// The Timeline tab's picture.
    #[serde(default)]
    pub timeline: Option<TimelineView>,
    /// The Graph tab's graph, as `Graph::to_wire` text (the page filters it and its layout
    /// worker reads it).
    #[serde(default)]
    pub graph: Option<String>,
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
            logs: None,
            apply_log: Vec::new(),
            storage: None,
            timeline: None,
            graph: None,
        }
    }

    /// What the Graph tab shows: the cluster's graph, and the selected object's describe.
    pub fn graph_only(c: &Cluster, selected: &Selected, lang: crate::i18n::Lang) -> ClusterView {
        ClusterView {
            graph: Some(crate::cluster::graph(c, lang).to_wire()),
            ..ClusterView::clock_only(c).with_describe(c, selected)
        }
    }

    /// What the Timeline tab shows: every run by lane, and the selected one's describe.
    pub fn timeline_only(c: &Cluster, selected: &Selected) -> ClusterView {
        ClusterView {
            timeline: Some(crate::cluster::timeline_view(c)),
            ..ClusterView::clock_only(c).with_describe(c, selected)
        }
    }

    /// What the Storage tab shows: classes, claims and volumes, and the selected one's describe.
    pub fn storage_only(c: &Cluster, selected: &Selected, lang: crate::i18n::Lang) -> ClusterView {
        let mut storage = print::storage_view(c);
        storage.claims = storage.claims.into_iter().map(|r| r.said(lang)).collect();
        ClusterView {
            storage: Some(storage),
            ..ClusterView::clock_only(c).with_describe(c, selected)
        }
    }

    /// The clock and the newest events, for the Events tab.
    pub fn events_only(c: &Cluster) -> ClusterView {
        let events = print::events_table(c, false);
        let first = events.rows.len().saturating_sub(MAX_EVENTS);
        ClusterView {
            events: ViewTable::window(events, first, MAX_EVENTS),
            ..ClusterView::clock_only(c)
        }
    }

    /// What the Cluster tab shows: each table's window, rollouts, the describe text and the
    /// apply log.
    pub fn of(
        c: &Cluster,
        selected: &Selected,
        apply_log: &[(String, bool)],
        windows: &Windows,
    ) -> ClusterView {
        let tables = print::tables(c, false);
        let rollouts = c
            .store()
            .deployments
            .values()
            .map(print::rollout_status)
            .collect();
        ClusterView {
            now: c.now(),
            next: c.next_wakeup(),
            tables: tables
                .into_iter()
                .map(|t| {
                    let first = windows.get(&t.prefix).copied().unwrap_or(0);
                    ViewTable::window(t, first, WINDOW)
                })
                .collect(),
            events: ViewTable::default(),
            rollouts,
            apply_log: apply_log.to_vec(),
            ..ClusterView::clock_only(c).with_describe(c, selected)
        }
    }

    /// The selected object's describe, and for a Pod its log's last lines.
    fn with_describe(self, c: &Cluster, selected: &Selected) -> ClusterView {
        let Some((kind, ns, name)) = selected else {
            return self;
        };
        ClusterView {
            describe: print::describe(c, kind, ns, name),
            logs: (kind == "Pod")
                .then(|| crate::cluster::logs_tail(c, ns, name, LOG_TAIL).join("\n")),
            ..self
        }
    }
}

/// `2m13s` for the clock display.
#[cfg(feature = "page")]
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
