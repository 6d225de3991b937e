//! Who selects whom, before anything runs: which Pods each Service would send traffic to, which Pods
//! each workload's selector owns, and the selector mistakes learners make, as diagnostics.
//!
//! The one thing to know: Pods come from two places, Pods written in the manifest and the Pods each
//! workload's template would create (a `PodGroup` stands for all the Pods of one template).

pub mod graph;
mod pods;
mod services;

use crate::diagnostic::Diagnostic;
use crate::manifest::{self, Manifest};
use crate::selector::{Labels, Selector};

pub use pods::{pod_groups, ContainerPort, PodGroup};
pub use services::{PortMatch, ServiceMatch, WorkloadMatch};

/// Everything the editor shows about one version of the text.
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    pub manifest: Manifest,
    pub pod_groups: Vec<PodGroup>,
    pub services: Vec<ServiceMatch>,
    pub workloads: Vec<WorkloadMatch>,
    /// Every diagnostic, loading and analysis alike, in text order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Analysis {
    pub fn error_count(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == crate::Severity::Error)
            .count()
    }
}

/// Loads and analyses a manifest, within the page's limits.
pub fn analyze(text: &str) -> Analysis {
    analyze_within(text, manifest::Limits::PAGE)
}

/// [`analyze`] with limits of the caller's choosing.
pub fn analyze_within(text: &str, limits: manifest::Limits) -> Analysis {
    of(manifest::load_within(text, limits))
}

/// Analyses text again and again, as the editor does: documents unchanged since the last call are
/// not read again (see [`manifest::Loader`]).
#[derive(Clone, Debug, Default)]
pub struct Analyzer {
    loader: manifest::Loader,
}

impl Analyzer {
    /// [`analyze`], reusing what the last call read.
    pub fn analyze(&mut self, text: &str) -> Analysis {
        of(self.loader.load(text, manifest::Limits::PAGE))
    }
}

/// The analysis of a loaded manifest.
fn of(manifest: manifest::Manifest) -> Analysis {
    let pod_groups = pod_groups(&manifest);
    let mut diagnostics = manifest.diagnostics.clone();
    let services = services::services(&manifest, &pod_groups, &mut diagnostics);
    let workloads = services::workloads(&manifest, &pod_groups, &mut diagnostics);
    crate::sort::by_key(&mut diagnostics, |d| (d.span.start, d.severity));
    Analysis {
        manifest,
        pod_groups,
        services,
        workloads,
        diagnostics,
    }
}

/// The objects whose own labels match the selector, in manifest order.
pub fn select<'a>(manifest: &'a Manifest, selector: &Selector) -> Vec<&'a manifest::Object> {
    manifest
        .objects
        .iter()
        .filter(|o| selector.matches(&o.labels))
        .collect()
}

/// How many of a selector's requirements some labels satisfy: how near a miss is.
fn satisfied(selector: &Selector, labels: &Labels) -> usize {
    selector
        .requirements()
        .iter()
        .filter(|r| r.matches(labels))
        .count()
}

#[cfg(test)]
mod tests;
