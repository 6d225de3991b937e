//! The graph's own rules: one node per key and one edge per link, the wire text the page's
//! layout worker reads, bounds, and SVG that escapes what a manifest wrote.

use super::layout::{GROUP_HEAD, NODE_H, NODE_W};
use super::*;

fn sample() -> Graph {
    let mut g = Graph::default();
    let d = g.add(Node::new("Deployment", "default", "web")).unwrap();
    let mut pod = Node::new("Pod", "default", "web-1");
    pod.status = "Running".into();
    pod.tone = Tone::Ok;
    let p = g.add(pod).unwrap();
    let cm = g.named("ConfigMap", "default", "settings").unwrap();
    g.link(d, p, Link::Owns, "metadata.ownerReferences");
    g.link(p, cm, Link::Reads, "spec.volumes[0].configMap\twith a tab");
    g
}

#[test]
fn a_key_is_one_node_and_a_link_one_edge() {
    let mut g = sample();
    assert_eq!(g.add(Node::new("Deployment", "default", "web")), Some(0));
    g.link(0, 1, Link::Owns, "again");
    g.link(1, 1, Link::Owns, "to itself");
    assert_eq!(g.nodes.len(), 3);
    assert_eq!(g.edges.len(), 2);
    assert!(g.nodes[2].missing, "a ConfigMap nobody wrote is a ghost");
}

#[test]
fn the_wire_text_reads_back_as_the_same_graph() {
    let g = sample();
    let back = Graph::from_wire(&g.to_wire());
    assert_eq!(back.nodes, g.nodes);
    assert_eq!(back.edges.len(), 2);
    assert_eq!(back.edges[1].reason, "spec.volumes[0].configMap with a tab");
    assert_eq!(Graph::from_wire(&back.to_wire()).to_wire(), back.to_wire());
}

#[test]
fn wire_text_that_is_not_a_graph_reads_as_what_it_can() {
    for text in [
        "",
        "E\t0\t1\towns\tx\n",
        "N\ta\n",
        "N\tPod\t\tp\t\tok\t\t\t\nE\t0\t0\towns\tself\nE\t0\t9\towns\tfar\nE\tx\t0\towns\t\n",
        "\u{0}\t\t\t",
    ] {
        let g = Graph::from_wire(text);
        assert!(g
            .edges
            .iter()
            .all(|e| e.from < g.nodes.len() && e.to < g.nodes.len() && e.from != e.to));
        let l = layout(&g, None);
        let _ = render::svg(&g, &l, "graph", "cluster");
    }
}

#[test]
fn svg_escapes_every_text_a_manifest_wrote() {
    let mut g = Graph::default();
    let mut n = Node::new("Pod", "default", "<script>alert(1)</script>");
    n.status = "\"quoted\" & <b>".into();
    g.add(n);
    let svg = render::svg(&g, &layout(&g, None), "a <label>", "cluster");
    assert!(!svg.contains("<script>") && !svg.contains("<b>") && !svg.contains("a <label>"));
    assert!(svg.contains("&lt;script&gt;"));
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
}

#[test]
fn filter_and_collapse_keep_the_links_between_what_is_kept() {
    let g = sample();
    let no_config = g.filter(|_, n| n.kind != "ConfigMap");
    assert_eq!(no_config.nodes.len(), 2);
    assert_eq!(no_config.edges.len(), 1);
    let folded = g.collapse(|n, o| format!("{n} of {}", o.name));
    let stack = folded.nodes.iter().find(|n| n.count == Some(1)).unwrap();
    assert_eq!(stack.caption, "1 of web");
    assert_eq!(stack.tone, Tone::Ok);
    assert_eq!(folded.edges.len(), 2);
}

#[test]
fn focus_keeps_a_namespace_with_its_cluster_objects_or_a_kind_with_its_neighbours() {
    let mut g = sample();
    let other = g.add(Node::new("Pod", "other", "elsewhere")).unwrap();
    let node = g.add(Node::new("Node", "", "kind-worker")).unwrap();
    g.link(1, node, Link::RunsOn, "spec.nodeName kind-worker");
    g.link(other, node, Link::RunsOn, "spec.nodeName kind-worker");
    let keys = |g: &Graph| g.nodes.iter().map(Node::key).collect::<Vec<_>>();
    assert_eq!(
        keys(&g.focus("default", "")),
        [
            "Deployment/default/web",
            "Pod/default/web-1",
            "ConfigMap/default/settings",
            "Node//kind-worker"
        ]
    );
    assert_eq!(
        keys(&g.focus("", "ConfigMap")),
        ["Pod/default/web-1", "ConfigMap/default/settings"]
    );
    assert_eq!(g.focus("", "").nodes.len(), g.nodes.len());
    assert!(g.focus("nowhere", "").nodes.is_empty());
}

#[test]
fn dot_quotes_names_and_groups_namespaces() {
    let dot = render::dot(&sample());
    assert!(dot.starts_with("digraph kubeplay {"));
    assert!(dot.contains("subgraph \"cluster_default\""));
    assert!(dot.contains("\"Deployment/default/web\" -> \"Pod/default/web-1\""));
    assert!(dot.trim_end().ends_with('}'));
}

#[test]
fn the_canvas_scene_has_a_line_and_a_place_for_every_frame_node_and_edge() {
    let mut g = sample();
    g.nodes[1].name = "web\t1\nnewline".into();
    let l = layout(&g, None);
    let (text, num) = render::scene(&g, &l, "cluster");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0].split('\t').count(), Link::ALL.len());
    // Sizes, margin, frames.
    assert_eq!(&num[3..6], &[NODE_W, NODE_H, GROUP_HEAD]);
    let frames = num[6] as usize;
    assert_eq!(frames, l.frames.len());
    assert_eq!(lines[1], "default");
    let mut at = 7 + frames * 4;
    assert_eq!(num[at] as usize, g.nodes.len());
    assert_eq!((num[at + 1], num[at + 2]), (l.x[0], l.y[0]));
    at += 1 + g.nodes.len() * 2;
    let nodes = &lines[1 + frames..1 + frames + g.nodes.len()];
    // Every node line has its nine fields, whatever its name held.
    assert!(
        nodes.iter().all(|n| n.split('\t').count() == 9),
        "{nodes:?}"
    );
    assert_eq!(
        nodes[2].split('\t').nth(1),
        Some("g"),
        "the missing ConfigMap is a ghost"
    );
    assert_eq!(num[at] as usize, g.edges.len());
    at += 1;
    let edges = &lines[1 + frames + g.nodes.len()..];
    assert_eq!(
        edges,
        [
            "owns: metadata.ownerReferences",
            "reads: spec.volumes[0].configMap with a tab"
        ]
    );
    for (ei, e) in g.edges.iter().enumerate() {
        assert_eq!(Link::ALL[num[at] as usize], e.link);
        let pts = num[at + 1] as usize;
        assert_eq!(pts, l.edges[ei].len());
        assert_eq!((num[at + 2], num[at + 3]), l.edges[ei][0]);
        at += 2 + pts * 2;
    }
    assert_eq!(at, num.len(), "nothing after the last edge");
}
