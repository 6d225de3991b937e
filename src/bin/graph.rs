//! The page's graph layout, a wasm of its own (`kubeplay-graph`) that the Graph tab loads the first
//! time it is opened, in a worker (`www/graph-worker.js`): the first load of the page carries
//! none of it. It reads [`Graph::to_wire`] text, keeps what the tab's filters keep, lays it out
//! from the last layout it made (so objects that stay keep their place) and answers with the SVG.

#[cfg(target_arch = "wasm32")]
mod page {
    use std::cell::RefCell;

    use kubeplay::graph::{layout, render, Graph, Previous};
    use wasm_bindgen::prelude::*;

    /// The most wire text read: a graph of `MAX_NODES` nodes is well under it.
    const MAX_WIRE: usize = 16 << 20;

    thread_local! {
        static LAST: RefCell<Option<Previous>> = const { RefCell::new(None) };
    }

    /// The graph's picture. `namespace` and `kind` filter it (empty: everything); `collapse`
    /// stacks each workload's Pods, captioned by `stack` (`{n}`, `{kind}` and `{name}` replaced);
    /// `label` names it for screen readers; `cluster` titles the frame of cluster-scoped objects.
    ///
    /// The answer is three lines, then the SVG: the namespaces and the kinds of the whole graph
    /// (tab-separated), and `nodes edges truncated` of what is drawn.
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
            let l = layout(&g, last.as_ref());
            let mut out = format!(
                "{}\n{}\n{} {} {}\n",
                namespaces.join("\t"),
                kinds.join("\t"),
                g.nodes.len(),
                g.edges.len(),
                u8::from(g.truncated)
            );
            out.push_str(&render::svg(&g, &l, label, cluster));
            *last = Some(l.local);
            out
        })
    }
}

fn main() {}
