//! The page's graph layout, a wasm of its own (`kubeplay-graph`) that the Graph tab loads the first
//! time it is opened, in a worker (`www/graph-worker.js`): the first load of the page carries
//! none of it. It reads [`Graph::to_wire`] text, keeps what the tab's filters keep, lays it out
//! from the last layout it made (so objects that stay keep their place) and answers with the SVG,
//! or, for a graph too big for the browser to draw as SVG fast, the scene a canvas draws.

#[cfg(target_arch = "wasm32")]
mod page {
    use std::cell::RefCell;

    use kubeplay::graph::{layout, render, Graph, Layout};
    use wasm_bindgen::prelude::*;

    /// The most wire text read: a graph of `MAX_NODES` nodes is well under it.
    const MAX_WIRE: usize = 16 << 20;

    /// The last graph drawn, its layout (the next starts from it) and the words of its picture.
    struct Last {
        graph: Graph,
        layout: Layout,
        label: String,
        cluster: String,
        numbers: Vec<f32>,
    }

    thread_local! {
        static LAST: RefCell<Option<Last>> = const { RefCell::new(None) };
    }

    /// The graph's picture. `namespace` and `kind` filter it (empty: everything); `collapse`
    /// stacks each workload's Pods, captioned by `stack` (`{n}`, `{kind}` and `{name}` replaced);
    /// `label` names it for screen readers; `cluster` titles the frame of cluster-scoped objects.
    ///
    /// The answer is three lines, then the picture: the namespaces and the kinds of the whole
    /// graph (tab-separated), and `nodes edges truncated` of what is drawn. The picture is the
    /// SVG, or, past `canvas_over` nodes, a line `canvas` and the text of [`render::scene`],
    /// whose numbers [`graph_numbers`] gives.
    #[wasm_bindgen]
    #[allow(clippy::too_many_arguments)]
    pub fn graph_svg(
        wire: &str,
        namespace: &str,
        kind: &str,
        collapse: bool,
        stack: &str,
        label: &str,
        cluster: &str,
        canvas_over: u32,
    ) -> String {
        let whole = Graph::from_wire(if wire.len() > MAX_WIRE { "T\n" } else { wire });
        let (namespaces, kinds) = whole.namespaces_and_kinds();
        let mut g = whole.focus(namespace, kind);
        if collapse {
            g = g.collapse(|n, owner| {
                stack
                    .replace("{n}", &n.to_string())
                    .replace("{kind}", &owner.kind)
                    .replace("{name}", &owner.name)
            });
        }
        LAST.with(|last| {
            let mut last = last.borrow_mut();
            let l = layout(&g, last.as_ref().map(|p| &p.layout.local));
            let mut out = format!(
                "{}\n{}\n{} {} {}\n",
                namespaces.join("\t"),
                kinds.join("\t"),
                g.nodes.len(),
                g.edges.len(),
                u8::from(g.truncated)
            );
            let mut numbers = Vec::new();
            if g.nodes.len() > canvas_over as usize {
                let (text, num) = render::scene(&g, &l, cluster);
                out.push_str("canvas\n");
                out.push_str(&text);
                numbers = num;
            } else {
                out.push_str(&render::svg(&g, &l, label, cluster));
            }
            *last = Some(Last {
                graph: g,
                layout: l,
                label: label.to_string(),
                cluster: cluster.to_string(),
                numbers,
            });
            out
        })
    }

    /// The numbers of the last scene drawn on a canvas (empty after an SVG), handed over once.
    #[wasm_bindgen]
    pub fn graph_numbers() -> Vec<f32> {
        LAST.with(|last| {
            last.borrow_mut()
                .as_mut()
                .map(|l| std::mem::take(&mut l.numbers))
                .unwrap_or_default()
        })
    }

    /// The last graph drawn as an SVG document, for a download of a picture drawn on a canvas.
    #[wasm_bindgen]
    pub fn graph_last_svg() -> String {
        LAST.with(|last| {
            last.borrow()
                .as_ref()
                .map(|l| render::svg(&l.graph, &l.layout, &l.label, &l.cluster))
                .unwrap_or_default()
        })
    }
}

fn main() {}
