//! A laid-out graph as SVG (the page and `kubeplay graph -o svg`), Graphviz DOT and JSON.
//!
//! The one thing to know: every text from a manifest is escaped here, once; the page puts this
//! SVG into the document as it is.

use std::fmt::Write;

use super::layout::{Layout, GROUP_HEAD, NODE_H, NODE_W};
use super::{Graph, Link, Node};

/// kubectl's short name for a kind, as the node's badge.
pub fn badge(kind: &str) -> String {
    let short = match kind {
        "Pod" => "po",
        "Deployment" => "deploy",
        "ReplicaSet" => "rs",
        "StatefulSet" => "sts",
        "DaemonSet" => "ds",
        "Job" => "job",
        "CronJob" => "cj",
        "Service" => "svc",
        "Ingress" => "ing",
        "ConfigMap" => "cm",
        "Secret" => "secret",
        "PersistentVolumeClaim" => "pvc",
        "PersistentVolume" => "pv",
        "StorageClass" => "sc",
        "Node" => "no",
        "ServiceAccount" => "sa",
        "Role" => "role",
        "ClusterRole" => "clusterrole",
        "RoleBinding" => "rolebinding",
        "ClusterRoleBinding" => "clusterrolebinding",
        "HorizontalPodAutoscaler" => "hpa",
        "NetworkPolicy" => "netpol",
        "PodDisruptionBudget" => "pdb",
        _ => "",
    };
    if short.is_empty() {
        kind.to_ascii_lowercase()
    } else {
        short.to_string()
    }
}

/// Text as XML character data or an attribute value.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if (c as u32) < 0x20 => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// At most `n` characters, the cut marked with an ellipsis.
fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(n - 1).collect();
        out.push('…');
        out
    }
}

/// What a screen reader says for a node, and its tooltip.
pub fn accessible_name(n: &Node) -> String {
    let what = if n.caption.is_empty() {
        format!("{} {}", n.kind, n.name)
    } else {
        n.caption.clone()
    };
    let ns = if n.namespace.is_empty() {
        String::new()
    } else {
        format!(" ({})", n.namespace)
    };
    if n.status.is_empty() {
        format!("{what}{ns}")
    } else {
        format!("{what}{ns}: {}", n.status)
    }
}

/// The colours, inside the SVG so that a downloaded file looks as the page does.
const STYLE: &str = ".f rect{fill:none;stroke:#8a94a6;stroke-dasharray:4 3}\
.f text{font:600 13px sans-serif;fill:#5b6575}\
.n rect{fill:#fff;stroke:#8a94a6;stroke-width:1.5}\
.n text{font:12px sans-serif;fill:#1f2430}\
.n .b{font:600 10px monospace;fill:#5b6575}\
.n .s{font:11px sans-serif;fill:#5b6575}\
.ok rect{fill:#e6f6ea;stroke:#2f9e44}\
.progress rect{fill:#fff4db;stroke:#e8a317}\
.bad rect{fill:#fde8e8;stroke:#d6336c}\
.done rect{fill:#eef0f3;stroke:#868e96}\
.ghost rect{fill:none;stroke:#d6336c;stroke-dasharray:5 3}\
.n.sel rect{stroke-width:3.5}\
.n.hit rect{stroke:#1c7ed6;stroke-width:3.5}\
.e{fill:none;stroke:#868e96;stroke-width:1.4;pointer-events:stroke}\
.e.selects{stroke:#1c7ed6}\
.e.not-ready{stroke:#1c7ed6;stroke-dasharray:6 4}\
.e.miss{stroke:#d6336c;stroke-width:2;stroke-dasharray:3 3}\
.why{font:11px sans-serif;fill:#d6336c}\
.e.routes{stroke:#7048e8}\
.e.claims,.e.binds,.e.provisions{stroke:#2f9e44}\
.e.reads{stroke:#ae3ec9;stroke-dasharray:2 3}\
.e.runs-on{stroke:#ced4da;stroke-width:1}\
.e.uses,.e.grants,.e.binding{stroke:#e8590c}";

/// The graph as one SVG document. `label` names it for screen readers; `cluster` is the frame
/// of the cluster-scoped objects.
pub fn svg(g: &Graph, l: &Layout, label: &str, cluster: &str) -> String {
    let pad = PAD;
    let (w, h) = (l.width + 2.0 * pad, l.height + 2.0 * pad);
    let mut s = String::with_capacity(256 + g.nodes.len() * 420 + g.edges.len() * 200);
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{} {} {w} {h}\" width=\"{w}\" height=\"{h}\" \
         class=\"kp-graph\" role=\"group\" aria-label=\"{}\"><style>{STYLE}</style>\
         <defs><marker id=\"kp-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" \
         markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0L10,5L0,10z\" fill=\"#868e96\"/></marker></defs>",
        -pad,
        -pad,
        escape(label)
    );
    s.push_str("<g class=\"frames\">");
    for f in &l.frames {
        let name = if f.namespace.is_empty() {
            cluster
        } else {
            f.namespace.as_str()
        };
        let _ = write!(
            s,
            "<g class=\"f\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"10\"/><text x=\"{}\" y=\"{}\">{}</text></g>",
            f.x,
            f.y,
            f.w,
            f.h,
            f.x + 12.0,
            f.y + GROUP_HEAD - 10.0,
            escape(name)
        );
    }
    s.push_str("</g><g class=\"edges\">");
    for (ei, e) in g.edges.iter().enumerate() {
        let pts = &l.edges[ei];
        if pts.len() < 2 {
            continue;
        }
        let d = path(pts);
        // One element a link (a big graph has thousands): why it is there is its `data-why`,
        // shown on hover by the page and made a <title> when the picture is downloaded.
        let _ = write!(
            s,
            "<path class=\"e {}\" d=\"{d}\" marker-end=\"url(#kp-arrow)\" data-why=\"{}\"/>",
            e.link.as_str(),
            escape(&format!("{}: {}", e.link.as_str(), e.reason)),
        );
        if e.link == Link::Miss {
            // The reason on the line itself: the learner's answer, not a tooltip away.
            let (x, y) = pts[pts.len() / 2 - usize::from(pts.len() % 2 == 0)];
            let _ = write!(
                s,
                "<text class=\"why\" x=\"{}\" y=\"{}\">{}</text>",
                x + 6.0,
                y + LABEL_DROP,
                escape(&clip(&e.reason, 90))
            );
        }
    }
    s.push_str("</g><g class=\"nodes\">");
    for (i, n) in g.nodes.iter().enumerate() {
        let mut class = format!("n {}", n.tone.as_str());
        if n.missing {
            class.push_str(" ghost");
        }
        if n.count.is_some() {
            class.push_str(" stack");
        }
        let name = accessible_name(n);
        let _ = write!(
            s,
            // Its accessible name is also its tooltip (the page shows it on hover, and makes it a
            // <title> when the picture is downloaded), so a node costs no element more.
            "<g class=\"{class}\" data-kind=\"{}\" data-ns=\"{}\" data-name=\"{}\" tabindex=\"0\" role=\"button\" aria-label=\"{}\" transform=\"translate({},{})\">",
            escape(&n.kind),
            escape(&n.namespace),
            escape(&n.name),
            escape(&name),
            l.x[i],
            l.y[i],
        );
        if n.count.is_some() {
            for off in [8.0, 4.0] {
                let _ = write!(
                    s,
                    "<rect x=\"{off}\" y=\"{}\" width=\"{NODE_W}\" height=\"{NODE_H}\" rx=\"8\"/>",
                    -off
                );
            }
        }
        let title = if n.caption.is_empty() {
            clip(&n.name, 26)
        } else {
            clip(&n.caption, 28)
        };
        let _ = write!(
            s,
            "<rect width=\"{NODE_W}\" height=\"{NODE_H}\" rx=\"8\"/><text class=\"b\" x=\"8\" y=\"15\">{}</text><text x=\"8\" y=\"32\">{}</text><text class=\"s\" x=\"{}\" y=\"15\" text-anchor=\"end\">{}</text></g>",
            escape(&badge(&n.kind)),
            escape(&title),
            NODE_W - 8.0,
            escape(&clip(&n.status, 16)),
        );
    }
    s.push_str("</g></svg>");
    s
}

/// A big graph as the page's canvas draws it (see `www/graph.js`): the words as text, the
/// places as numbers, so that nothing is parsed twice.
///
/// The text is one line of the link names (tab-separated, in [`Link::ALL`]'s order), one line
/// per frame (its namespace, `cluster` for the cluster-scoped), one per node (`tone`, `flags` —
/// `g` a ghost, `s` a stack —, kind, namespace, name, badge, title, status and accessible name,
/// tab-separated), and one per edge (why it is there). The numbers are the picture's width,
/// height and margin, a node's width and height, a frame's head height; the frame count, then each frame's x, y, w, h; the node count, then each
/// node's x, y; the edge count, then each edge's link (its index in the first line), its point
/// count and its points.
pub fn scene(g: &Graph, l: &Layout, cluster: &str) -> (String, Vec<f32>) {
    let flat = |s: &str| -> String {
        s.chars()
            .map(|c| if (c as u32) < 0x20 { ' ' } else { c })
            .collect()
    };
    let mut text = String::with_capacity(64 + g.nodes.len() * 160 + g.edges.len() * 48);
    let names: Vec<&str> = Link::ALL.iter().map(|l| l.as_str()).collect();
    text.push_str(&names.join("\t"));
    text.push('\n');
    let mut num: Vec<f32> =
        Vec::with_capacity(8 + l.frames.len() * 4 + g.nodes.len() * 2 + g.edges.len() * 8);
    num.extend([
        l.width + 2.0 * PAD,
        l.height + 2.0 * PAD,
        PAD,
        NODE_W,
        NODE_H,
        GROUP_HEAD,
        l.frames.len() as f32,
    ]);
    for f in &l.frames {
        let name = if f.namespace.is_empty() {
            cluster
        } else {
            f.namespace.as_str()
        };
        text.push_str(&flat(name));
        text.push('\n');
        num.extend([f.x, f.y, f.w, f.h]);
    }
    num.push(g.nodes.len() as f32);
    for (i, n) in g.nodes.iter().enumerate() {
        let flags = match (n.missing, n.count.is_some()) {
            (true, true) => "gs",
            (true, false) => "g",
            (false, true) => "s",
            (false, false) => "",
        };
        let title = if n.caption.is_empty() {
            clip(&n.name, 26)
        } else {
            clip(&n.caption, 28)
        };
        let fields = [
            n.tone.as_str(),
            flags,
            &n.kind,
            &n.namespace,
            &n.name,
            &badge(&n.kind),
            &title,
            &clip(&n.status, 16),
            &accessible_name(n),
        ];
        for (fi, f) in fields.iter().enumerate() {
            if fi > 0 {
                text.push('\t');
            }
            text.push_str(&flat(f));
        }
        text.push('\n');
        num.extend([l.x[i], l.y[i]]);
    }
    num.push(g.edges.len() as f32);
    for (ei, e) in g.edges.iter().enumerate() {
        text.push_str(&flat(&format!("{}: {}", e.link.as_str(), e.reason)));
        text.push('\n');
        let pts = &l.edges[ei];
        let link = Link::ALL.iter().position(|&k| k == e.link).unwrap_or(0);
        num.extend([link as f32, pts.len() as f32]);
        for &(x, y) in pts {
            num.extend([x, y]);
        }
    }
    (text, num)
}

/// The margin around the picture.
const PAD: f32 = 20.0;

const LABEL_DROP: f32 = 4.0;

/// Points joined by curves that leave and reach each point vertically.
fn path(pts: &[(f32, f32)]) -> String {
    let mut d = format!("M{:.1},{:.1}", pts[0].0, pts[0].1);
    for w in pts.windows(2) {
        let ((x1, y1), (x2, y2)) = (w[0], w[1]);
        let my = (y1 + y2) / 2.0;
        let _ = write!(d, "C{x1:.1},{my:.1} {x2:.1},{my:.1} {x2:.1},{y2:.1}");
    }
    d
}

/// Text as a DOT quoted string.
fn dot_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The graph in Graphviz's DOT language: one cluster per namespace, colours by status, each
/// link's reason as its label (`dot -Tsvg` draws it).
pub fn dot(g: &Graph) -> String {
    let mut s = String::from(
        "digraph kubeplay {\n  rankdir=TB;\n  node [shape=box, style=\"rounded,filled\", fontname=\"sans-serif\", fontsize=11];\n  edge [fontname=\"sans-serif\", fontsize=9];\n",
    );
    let fill = |n: &Node| match n.tone {
        _ if n.missing => "white",
        super::Tone::Ok => "#e6f6ea",
        super::Tone::Progress => "#fff4db",
        super::Tone::Bad => "#fde8e8",
        super::Tone::Done => "#eef0f3",
        super::Tone::Plain => "white",
    };
    let mut by_ns: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
    for (i, n) in g.nodes.iter().enumerate() {
        by_ns.entry(n.namespace.as_str()).or_default().push(i);
    }
    for (ns, nodes) in &by_ns {
        let indent = if ns.is_empty() {
            "  "
        } else {
            let _ = writeln!(
                s,
                "  subgraph {} {{\n    label={};",
                dot_quote(&format!("cluster_{ns}")),
                dot_quote(ns)
            );
            "    "
        };
        for &i in nodes {
            let n = &g.nodes[i];
            let what = if n.caption.is_empty() {
                n.name.clone()
            } else {
                n.caption.clone()
            };
            let label = if n.status.is_empty() {
                format!("{}\n{what}", badge(&n.kind))
            } else {
                format!("{}  {}\n{what}", badge(&n.kind), n.status)
            };
            let style = if n.missing {
                ", style=\"rounded,dashed\", color=\"#d6336c\""
            } else {
                ""
            };
            let _ = writeln!(
                s,
                "{indent}{} [label={}, fillcolor={}{style}];",
                dot_quote(&n.key()),
                dot_quote(&label),
                dot_quote(fill(n)),
            );
        }
        if !ns.is_empty() {
            s.push_str("  }\n");
        }
    }
    for e in &g.edges {
        let style = match e.link {
            Link::NotReady | Link::Miss => ", style=dashed",
            Link::Reads => ", style=dotted",
            _ => "",
        };
        let color = match e.link {
            Link::Selects | Link::NotReady => "#1c7ed6",
            Link::Miss => "#d6336c",
            Link::Routes => "#7048e8",
            Link::Claims | Link::Binds | Link::Provisions => "#2f9e44",
            Link::Reads => "#ae3ec9",
            Link::RunsOn => "#adb5bd",
            Link::Uses | Link::Grants | Link::Binding => "#e8590c",
            Link::Owns => "#495057",
        };
        let _ = writeln!(
            s,
            "  {} -> {} [label={}, color={}{style}];",
            dot_quote(&g.nodes[e.from].key()),
            dot_quote(&g.nodes[e.to].key()),
            dot_quote(&format!("{}: {}", e.link.as_str(), e.reason)),
            dot_quote(color),
        );
    }
    s.push_str("}\n");
    s
}

/// The graph and its layout as JSON: each node with its place, each edge with its points.
pub fn json(g: &Graph, l: &Layout) -> serde_json::Value {
    let nodes: Vec<serde_json::Value> = g
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let mut v = serde_json::to_value(n).unwrap_or_default();
            v["key"] = n.key().into();
            v["x"] = l.x[i].into();
            v["y"] = l.y[i].into();
            v["layer"] = l.layer[i].into();
            v
        })
        .collect();
    let edges: Vec<serde_json::Value> = g
        .edges
        .iter()
        .enumerate()
        .map(|(i, e)| {
            serde_json::json!({
                "from": g.nodes[e.from].key(),
                "to": g.nodes[e.to].key(),
                "link": e.link,
                "reason": e.reason,
                "points": l.edges[i].iter().map(|(x, y)| [*x, *y]).collect::<Vec<_>>(),
            })
        })
        .collect();
    serde_json::json!({
        "width": l.width,
        "height": l.height,
        "nodes": nodes,
        "edges": edges,
        "truncated": g.truncated,
    })
}
