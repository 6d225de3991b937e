//! The Cluster tab: `kubectl get` tables of the simulated cluster, rollout progress, and
//! `kubectl describe` of the row the person picks.

use std::rc::Rc;

use yew::prelude::*;

use super::describe;

use super::cluster_view::{ClusterView, Selected, ViewTable};
use crate::cluster::Fault;
use crate::i18n::Lang;

#[derive(Properties)]
pub struct ClusterPanelProps {
    pub view: Rc<ClusterView>,
    pub selected: Selected,
    pub on_select: Callback<Selected>,
    /// A table scrolled: (its prefix, the first row the page wants from the simulator).
    pub on_scroll: Callback<(String, usize)>,
    /// A fault injected on a node from its describe.
    pub on_fault: Callback<(String, Fault)>,
}

impl PartialEq for ClusterPanelProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.view, &other.view) && self.selected == other.selected
    }
}

#[function_component(ClusterPanel)]
pub fn cluster_panel(props: &ClusterPanelProps) -> Html {
    let v = &props.view;
    let t = use_context::<Lang>().unwrap_or_default().texts();
    let close = {
        let cb = props.on_select.clone();
        Callback::from(move |_: MouseEvent| cb.emit(None))
    };
    html! {
        <div class="cluster">
            if !v.apply_log.is_empty() {
                <ul class="apply-log" aria-label={t.last_apply()}>
                    { for v.apply_log.iter().map(|(line, err)| html! { <li class={classes!(err.then_some("error"))}>{line.clone()}</li> }) }
                </ul>
            }
            { for v.rollouts.iter().map(|(line, done)| html! {
                <p class={classes!("rollout", (!done).then_some("active"))} role="status">{line.clone()}</p>
            }) }
            { node_faults(t, &props.selected, &props.on_fault) }
            { describe::of(v, &props.selected, close) }
            { for v.tables.iter().map(|t| {
                // A table is drawn again only when its window or its selected row changed.
                let selected = props.selected.clone().filter(|(kind, ns, name)| {
                    t.rows.iter().any(|r| &r.kind == kind && &r.namespace == ns && &r.name == name)
                });
                html! {
                    <KubeTable key={t.prefix.clone()} table={t.clone()} selected={selected}
                        on_select={props.on_select.clone()} on_scroll={props.on_scroll.clone()} />
                }
            }) }
        </div>
    }
}

/// The faults a selected Node offers, as `kubeplay node` has them.
fn node_faults(
    t: &dyn crate::i18n::Catalog,
    selected: &Selected,
    on_fault: &Callback<(String, Fault)>,
) -> Html {
    let Some((_, _, name)) = selected.as_ref().filter(|(kind, _, _)| kind == "Node") else {
        return html! {};
    };
    let button = |fault: Fault, label: String| {
        let cb = on_fault.clone();
        let node = name.clone();
        html! { <button class="fault" onclick={Callback::from(move |_: MouseEvent| cb.emit((node.clone(), fault)))}>{label}</button> }
    };
    html! {
        <div class="node-faults" role="group" aria-label={t.node_faults()}>
            <span class="node-faults-title">{t.node_faults()}</span>
            { button(Fault::StopRuntime, t.fault_stop_runtime()) }
            { button(Fault::StopKubelet, t.fault_stop_kubelet()) }
            { button(Fault::Shutdown, t.fault_shutdown()) }
            { button(Fault::Start, t.fault_start()) }
        </div>
    }
}

/// Every row's height in pixels (fixed in style.css, so a scroll offset is a row number).
const ROW_PX: usize = 25;
/// Rows kept rendered above the first one in view; the window (`cluster_view::WINDOW`) holds them,
/// the rows in view and more below.
const OVERSCAN: usize = 40;
/// Windows start at multiples of this, so scrolling asks for a new one only now and then.
const STEP: usize = 20;

#[derive(Properties)]
pub struct KubeTableProps {
    pub table: ViewTable,
    /// The selected object, when it is one of this table's rows.
    pub selected: Selected,
    pub on_select: Callback<Selected>,
    pub on_scroll: Callback<(String, usize)>,
}

impl PartialEq for KubeTableProps {
    /// The callbacks are made anew on every render but do the same: only what is shown counts.
    fn eq(&self, other: &Self) -> bool {
        self.table == other.table && self.selected == other.selected
    }
}

/// One `kubectl get` table in a box of its own that scrolls: the rows in the simulator's window
/// between two spacers as tall as the rows above and below it.
#[function_component(KubeTable)]
fn kube_table(props: &KubeTableProps) -> Html {
    let say = use_context::<Lang>().unwrap_or_default().texts();
    let t = &props.table;
    let onscroll = {
        let cb = props.on_scroll.clone();
        let prefix = t.prefix.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::Element = e.target_unchecked_into();
            // The caption and the header count as rows here; OVERSCAN makes up for them.
            let first_in_view = el.scroll_top().max(0) as usize / ROW_PX;
            let first = first_in_view.saturating_sub(OVERSCAN) / STEP * STEP;
            cb.emit((prefix.clone(), first));
        })
    };
    let above = t.offset * ROW_PX;
    let below = t.total.saturating_sub(t.offset + t.rows.len()) * ROW_PX;
    let columns = t.headers.len() + usize::from(t.multi_ns);
    html! {
        <div class="table-box" onscroll={onscroll}
             data-rows={t.total.to_string()}>
            <table class="kubectl cluster-table" data-resource={t.prefix.clone()}>
                <caption>{format!("{} ({})", t.prefix, t.total)}</caption>
                <thead><tr>
                    if t.multi_ns { <th>{"NAMESPACE"}</th> }
                    { for t.headers.iter().map(|h| html! { <th>{h.clone()}</th> }) }
                </tr></thead>
                <tbody>
                <tr key="above" class="spacer" aria-hidden="true" style={format!("height: {above}px")}><td colspan={columns.to_string()}></td></tr>
                { for t.rows.iter().map(|r| {
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
                        <tr key={format!("{}/{}/{}", r.kind, r.namespace, r.name)}
                            class={classes!("row", format!("tone-{}", r.tone.as_str()), selected.then_some("selected"))}
                            tabindex="0" data-name={r.name.clone()} onclick={onclick} onkeydown={onkeydown}
                            aria-label={say.describe_row(&r.kind, &r.name)}>
                            if t.multi_ns { <td>{r.namespace.clone()}</td> }
                            { for r.cells.iter().enumerate().map(|(i, c)| html! { <td class={classes!(format!("col-{i}"))}>{c.clone()}</td> }) }
                        </tr>
                    }
                }) }
                <tr key="below" class="spacer" aria-hidden="true" style={format!("height: {below}px")}><td colspan={columns.to_string()}></td></tr>
                </tbody>
            </table>
        </div>
    }
}
