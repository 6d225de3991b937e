//! `kubectl describe` of the object the person picked, as every tab shows it, and for a Pod the
//! last lines its container printed (`kubectl logs --tail`).

use yew::prelude::*;

use super::cluster_view::{ClusterView, Selected};
use crate::i18n::Lang;

use super::cluster_view::LOG_TAIL;

#[derive(Properties, PartialEq)]
pub struct DescribeProps {
    pub text: String,
    pub logs: Option<String>,
    pub selected: Selected,
    pub on_close: Callback<MouseEvent>,
}

#[function_component(Describe)]
pub fn describe(props: &DescribeProps) -> Html {
    let t = use_context::<Lang>().unwrap_or_default().texts();
    let name = props
        .selected
        .as_ref()
        .map(|(_, _, n)| n.clone())
        .unwrap_or_default();
    let command = props
        .selected
        .as_ref()
        .map(|(k, _, n)| format!("kubectl describe {} {n}", k.to_ascii_lowercase()))
        .unwrap_or_default();
    html! {
        <section class="describe" aria-label={t.describe_panel()}>
            <div class="describe-head">
                <span>{command}</span>
                <button class="dismiss" aria-label={t.close_describe()} onclick={props.on_close.clone()}>{"×"}</button>
            </div>
            // The one `pre`: the describe text (the log's lines are a `code` block).
            <pre lang="en">{props.text.clone()}</pre>
            if let Some(logs) = &props.logs {
                <section class="logs" aria-label={t.pod_logs()}>
                    <h3>{t.pod_logs()}<code>{format!(" kubectl logs {name} --tail={LOG_TAIL}")}</code></h3>
                    if logs.is_empty() {
                        <p class="empty">{t.pod_logs_empty()}</p>
                    } else {
                        <code class="log-lines" lang="en">{logs.clone()}</code>
                    }
                </section>
            }
        </section>
    }
}

/// The describe of a view, if it has one, closed by `on_close`.
pub fn of(view: &ClusterView, selected: &Selected, on_close: Callback<MouseEvent>) -> Html {
    match &view.describe {
        Some(text) => html! {
            <Describe text={text.clone()} logs={view.logs.clone()} selected={selected.clone()} {on_close} />
        },
        None => html! {},
    }
}
