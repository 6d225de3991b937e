//! kubeplay's engine: manifests, label selectors and the analysis of who selects whom.
//!
//! No UI and no I/O live here: the CLI and the web app are thin shells over [`analyze`].

pub mod analysis;
pub mod diagnostic;
pub mod examples;
pub mod manifest;
pub mod selector;
pub mod share;
pub mod sim;
pub mod validation;

#[cfg(target_arch = "wasm32")]
pub mod ui;

pub use analysis::{analyze, analyze_within, Analysis};
pub use diagnostic::{Diagnostic, Severity};
pub use manifest::Limits;
