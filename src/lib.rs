//! kubeplay's engine: manifests, label selectors and the analysis of who selects whom.
//!
//! No UI and no I/O live here: the CLI and the web app are thin shells over [`analyze`].

pub mod analysis;
pub mod cron;
pub mod diagnostic;
pub mod examples;
pub mod graph;
pub mod i18n;
pub mod manifest;
pub mod selector;
pub mod share;
pub mod sim;
pub mod sort;
pub mod validation;

#[cfg(all(target_arch = "wasm32", feature = "worker"))]
pub mod ui;

/// The simulated cluster as the shells (the CLI and the page) use it: apply, run the clock, print.
/// They reach the simulator through this module only; `sim`'s own modules are its inside.
pub mod cluster {
    pub use crate::sim::kubectl::{
        complete as console_complete, steps as kubectl_steps, Console, Output as ConsoleOutput,
    };
    pub use crate::sim::print::graph::graph;
    pub use crate::sim::print::logs::{logs, tail as logs_tail};
    pub use crate::sim::print::{
        describe, events_table, pod_status, rollout_status, tables, to_yaml, Row, Table, Tone,
    };
    pub use crate::sim::storage::explain::{storage_view, Miss, Pending, StorageView};
    pub use crate::sim::time::{go_duration, parse_duration, Millis, MINUTE, SECOND};
    pub use crate::sim::timeline::{
        timeline_view, JobView, LaneView, MarkView, PodView, TimelineView,
    };
    pub use crate::sim::{
        ApplyOutcome, ApplyResult, Cluster, Event, EventType, Fault, Reason, StatusError,
    };
}

pub use analysis::{analyze, analyze_within, Analysis, Analyzer};
pub use diagnostic::{Diagnostic, Severity};
pub use manifest::Limits;
