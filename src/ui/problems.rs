//! The problems list under the editor; a click moves the cursor to the problem.

use yew::prelude::*;

use super::bridge;
use super::props::AnalysisProps;
use crate::i18n::Lang;
use crate::Severity;

#[function_component(Problems)]
pub fn problems(props: &AnalysisProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    let t = lang.texts();
    let diags = &props.analysis.diagnostics;
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diags.len() - errors;
    html! {
        <section class="problems" aria-label={t.problems()}>
            <h2 class="problems-title">
                {t.problems()}{" "}
                <span class="count error-count">{t.error_count(errors)}</span>
                <span class="count warning-count">{t.warning_count(warnings)}</span>
            </h2>
            if diags.is_empty() {
                <p class="empty">{t.no_problems()}</p>
            } else {
                <ul>
                { for diags.iter().map(|d| {
                    let (line, col) = (d.span.start.line, d.span.start.col);
                    let onclick = Callback::from(move |_: MouseEvent| bridge::focus_at(line, col));
                    html! {
                        <li>
                            <button class={classes!("problem", d.severity.as_str())} onclick={onclick}>
                                <span class="where">{format!("{line}:{col}")}</span>
                                <span class="severity">{d.severity.text(lang)}</span>
                                // Kubernetes' own words are English on every page: say so to screen readers.
                                <span class="message" lang={d.own.is_none().then_some("en")}>{d.message_in(lang)}</span>
                                if let Some(h) = d.hint_in(lang) {
                                    <span class="hint"><span class="hint-label">{format!("{}: ", t.hint_label())}</span>{h}</span>
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
