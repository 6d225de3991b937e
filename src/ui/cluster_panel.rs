//! The Cluster tab: `kubectl get` tables of the simulated cluster, rollout progress, and
//! `kubectl describe` of the row the person picks.

use std::rc::Rc;

use yew::prelude::*;

use super::cluster_view::{ClusterView, Selected, MAX_ROWS};

#[derive(Properties)]
pub struct ClusterPanelProps {
    pub view: Rc<ClusterView>,
    pub selected: Selected,
    pub on_select: Callback<Selected>,
}

impl PartialEq for ClusterPanelProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.view, &other.view) && self.selected == other.selected
    }
}

#[function_component(ClusterPanel)]
pub fn cluster_panel(props: &ClusterPanelProps) -> Html {
    let v = &props.view;
    let close = {
        let cb = props.on_select.clone();
        Callback::from(move |_: MouseEvent| cb.emit(None))
    };
    html! {
        <div class="cluster">
            if !v.apply_log.is_empty() {
                <ul class="apply-log" aria-label="Last apply">
                    { for v.apply_log.iter().map(|(line, err)| html! { <li class={classes!(err.then_some("error"))}>{line.clone()}</li> }) }
                </ul>
            }
            { for v.rollouts.iter().map(|(line, done)| html! {
                <p class={classes!("rollout", (!done).then_some("active"))} role="status">{line.clone()}</p>
            }) }
            if let Some(text) = &v.describe {
                <section class="describe" aria-label="Describe">
                    <div class="describe-head">
                        <span>{ props.selected.as_ref().map(|(k, _, n)| format!("kubectl describe {} {n}", k.to_ascii_lowercase())).unwrap_or_default() }</span>
                        <button class="dismiss" aria-label="Close describe" onclick={close}>{"×"}</button>
                    </div>
                    <pre>{text.clone()}</pre>
                </section>
            }
            { for v.tables.iter().map(|t| {
                let multi_ns = t.rows.iter().map(|r| r.namespace.as_str()).collect::<std::collections::BTreeSet<_>>().len() > 1;
                let more = t.rows.len() > MAX_ROWS;
                html! {
                    <table class="kubectl cluster-table" data-resource={t.prefix.clone()}>
                        <caption>{t.prefix.clone()}</caption>
                        <thead><tr>
                            if multi_ns { <th>{"NAMESPACE"}</th> }
                            { for t.headers.iter().map(|h| html! { <th>{h.clone()}</th> }) }
                        </tr></thead>
                        <tbody>
                        { for t.rows.iter().take(MAX_ROWS).map(|r| {
                            let key = (r.kind.to_string(), r.namespace.clone(), r.name.clone());
                            let selected = props.selected.as_ref() == Some(&key);
                            let cb = props.on_select.clone();
                            let k2 = key.clone();
                            let onclick = Callback::from(move |_: MouseEvent| cb.emit(Some(k2.clone())));
                            let cb = props.on_select.clone();
                            let k3 = key.clone();
                            let onkeydown = Callback::from(move |e: KeyboardEvent| {
                                if e.key() == "Enter" || e.key() == " " {
                                    e.prevent_default();
                                    cb.emit(Some(k3.clone()));
                                }
                            });
                            html! {
                                <tr class={classes!(format!("tone-{}", r.tone.as_str()), selected.then_some("selected"))}
                                    tabindex="0" data-name={r.name.clone()} onclick={onclick} onkeydown={onkeydown}
                                    aria-label={format!("Describe {} {}", r.kind, r.name)}>
                                    if multi_ns { <td>{r.namespace.clone()}</td> }
                                    { for r.cells.iter().enumerate().map(|(i, c)| html! { <td class={classes!(format!("col-{i}"))}>{c.clone()}</td> }) }
                                </tr>
                            }
                        }) }
                        if more {
                            <tr><td class="more" colspan="9">{format!("… more rows than the {MAX_ROWS} shown")}</td></tr>
                        }
                        </tbody>
                    </table>
                }
            }) }
        </div>
    }
}
