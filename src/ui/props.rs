//! Props shared by the panels that render one `Analysis`.

use std::rc::Rc;

use yew::prelude::*;

use crate::analysis::Analysis;

/// A snapshot of the analysis; equal when it is the same snapshot, so panels re-render once per change.
#[derive(Properties, Clone)]
pub struct AnalysisProps {
    pub analysis: Rc<Analysis>,
}

impl PartialEq for AnalysisProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.analysis, &other.analysis)
    }
}
