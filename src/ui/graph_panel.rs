//! The Graph tab: every object and why it is linked to another, as one picture. The cluster's
//! graph comes with the view (built in the simulator's worker); before anything is applied, or with
//! auto-apply off, the manifest's own graph is drawn instead. The picture itself — its toolbar,
//! filters, legend and drawing — is `www/graph.js`, loaded the first time the tab opens, with a
//! layout worker of its own: the page's first load carries none of it. This component gives it
//! the graph and the words to say, and turns a click or Enter on a node into a selection.

use std::rc::Rc;

use yew::prelude::*;

use super::bridge;
use super::cluster_view::{ClusterView, Selected};
use crate::analysis::Analysis;
use crate::graph::Link;
use crate::i18n::{Catalog, Lang};

#[derive(Properties)]
pub struct GraphProps {
    pub view: Rc<ClusterView>,
    pub analysis: Rc<Analysis>,
    pub selected: Selected,
    pub on_select: Callback<Selected>,
    pub auto_apply: bool,
}

impl PartialEq for GraphProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.view, &other.view)
            && Rc::ptr_eq(&self.analysis, &other.analysis)
            && self.selected == other.selected
            && self.on_select == other.on_select
            && self.auto_apply == other.auto_apply
    }
}

/// The graph to draw (`Graph::to_wire`) and whether it is the manifest's (nothing applied yet);
/// None while the simulator has not answered with the cluster's graph yet (the tab just opened).
fn chosen(
    view: &ClusterView,
    analysis: &Analysis,
    auto_apply: bool,
    lang: Lang,
) -> Option<(String, bool)> {
    if auto_apply {
        let live = view.graph.as_deref()?;
        // Applied: the cluster holds a namespaced object (its Nodes and classes are always there).
        let applied = live
            .lines()
            .any(|l| l.starts_with("N\t") && l.split('\t').nth(2).is_some_and(|ns| !ns.is_empty()));
        if applied {
            return Some((live.to_string(), false));
        }
    }
    let g = crate::analysis::graph::graph(analysis, lang);
    Some((
        if g.nodes.is_empty() {
            String::new()
        } else {
            g.to_wire()
        },
        true,
    ))
}

/// What the picture says, as JSON for graph.js.
fn words(t: &dyn Catalog) -> String {
    let legend = [
        (Link::Owns, t.link_owns()),
        (Link::Selects, t.link_selects()),
        (Link::NotReady, t.link_not_ready()),
        (Link::Miss, t.link_miss()),
        (Link::Routes, t.link_routes()),
        (Link::Claims, t.link_storage()),
        (Link::Reads, t.link_reads()),
        (Link::RunsOn, t.link_runs_on()),
        (Link::Uses, t.link_rbac()),
    ];
    let legend: Vec<(&str, String)> = legend.into_iter().map(|(l, s)| (l.as_str(), s)).collect();
    let words = [
        ("label", t.graph_label()),
        ("cluster", t.graph_cluster()),
        ("namespace", t.graph_namespace()),
        ("kind", t.graph_kind()),
        ("all", t.graph_all()),
        ("search", t.graph_search()),
        ("found", t.graph_found("{n}")),
        ("collapse", t.graph_collapse()),
        ("fit", t.graph_fit()),
        ("zoomIn", t.graph_zoom_in()),
        ("zoomOut", t.graph_zoom_out()),
        ("svg", t.graph_export_svg()),
        ("png", t.graph_export_png()),
        ("drawing", t.graph_drawing()),
        ("static", t.graph_static()),
        ("truncated", t.graph_truncated(crate::graph::MAX_NODES)),
        ("empty", t.graph_empty()),
        ("help", t.graph_help()),
        ("links", t.graph_links()),
        ("stack", t.graph_stack("{n}", "{kind}", "{name}")),
    ];
    // [[key, text]...] twice: the words, and the legend's lines by class.
    serde_json::to_string(&(words, legend)).unwrap_or_default()
}

#[function_component(GraphPanel)]
pub fn graph_panel(props: &GraphProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    let root = use_node_ref();
    let picture = chosen(&props.view, &props.analysis, props.auto_apply, lang);
    {
        let root = root.clone();
        use_effect_with((picture, lang), move |(picture, lang)| {
            if let (Some(el), Some((wire, manifest))) = (root.cast::<web_sys::Element>(), picture) {
                bridge::graph_draw(&el, wire, &words(lang.texts()), *manifest);
            }
        });
    }
    {
        let key = props
            .selected
            .as_ref()
            .map(|(k, n, m)| format!("{k}/{n}/{m}"))
            .unwrap_or_default();
        use_effect_with(key, |key| {
            bridge::graph_cmd("select", key);
        });
    }
    // A node picked by click or Enter: its describe, and its lines in the editor.
    let pick = {
        let on_select = props.on_select.clone();
        let analysis = props.analysis.clone();
        move |node: web_sys::Element| {
            let attr = |a: &str| node.get_attribute(a).unwrap_or_default();
            let (kind, ns, name) = (attr("data-kind"), attr("data-ns"), attr("data-name"));
            let class = attr("class");
            // A stack stands for its template: the workload's lines.
            let stack = class.contains("stack");
            let written = name.strip_suffix("-*").unwrap_or(&name);
            let object = analysis.manifest.objects.iter().find(|o| {
                o.namespace.as_deref().unwrap_or("") == ns
                    && if stack {
                        o.name == written && o.kind != "Service"
                    } else {
                        o.kind == kind && o.name == name
                    }
            });
            if let Some(o) = object {
                let span = o.span();
                bridge::reveal_lines(span.start.line, span.end.line.max(span.start.line));
            }
            if !class.contains("ghost") && !stack {
                on_select.emit(Some((kind, ns, name)));
            }
        }
    };
    let node_of = |target: Option<web_sys::Element>| {
        target.and_then(|t| t.closest("[data-kind]").ok().flatten())
    };
    let onclick = {
        let pick = pick.clone();
        Callback::from(move |e: MouseEvent| {
            let canvas = e.target_dyn_into::<web_sys::Element>();
            let dragged = canvas
                .as_ref()
                .and_then(|t| t.closest(".graph-canvas").ok().flatten())
                .is_some_and(|c| c.has_attribute("data-dragged"));
            if let (false, Some(n)) = (dragged, node_of(canvas)) {
                pick(n);
            }
        })
    };
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if e.key() != "Enter" && e.key() != " " {
            return;
        }
        if let Some(n) = node_of(e.target_dyn_into::<web_sys::Element>()) {
            e.prevent_default();
            pick(n);
        }
    });
    let on_close = {
        let on_select = props.on_select.clone();
        Callback::from(move |_: MouseEvent| on_select.emit(None))
    };
    html! {
        <div class="graph-panel">
            // Its content is the picture's (graph.js), never Yew's.
            <div class="graph-root" ref={root} {onclick} {onkeydown}></div>
            { super::describe::of(&props.view, &props.selected, on_close) }
        </div>
    }
}
