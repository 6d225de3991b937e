//! The problems list under the editor; a click moves the cursor to the problem.

use yew::prelude::*;

use super::bridge;
use super::props::AnalysisProps;
use crate::Severity;

#[function_component(Problems)]
pub fn problems(props: &AnalysisProps) -> Html {
    let diags = &props.analysis.diagnostics;
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diags.len() - errors;
    html! {
        <section class="problems" aria-label="Problems">
            <h2 class="problems-title">
                {"Problems "}
                <span class="count error-count">{format!("{errors} error{}", if errors == 1 { "" } else { "s" })}</span>
                <span class="count warning-count">{format!("{warnings} warning{}", if warnings == 1 { "" } else { "s" })}</span>
            </h2>
            if diags.is_empty() {
                <p class="empty">{"No problems found."}</p>
            } else {
                <ul>
                { for diags.iter().map(|d| {
                    let (line, col) = (d.span.start.line, d.span.start.col);
                    let onclick = Callback::from(move |_: MouseEvent| bridge::focus_at(line, col));
                    html! {
                        <li>
                            <button class={classes!("problem", d.severity.as_str())} onclick={onclick}>
                                <span class="where">{format!("{line}:{col}")}</span>
                                <span class="severity">{d.severity.as_str()}</span>
                                <span class="message">{d.message.clone()}</span>
                                if let Some(h) = &d.hint {
                                    <span class="hint">{h.clone()}</span>
                                }
                            </button>
                        </li>
                    }
                }) }
                </ul>
            }
        </section>
    }
}
