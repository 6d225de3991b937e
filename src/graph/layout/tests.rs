//! The layout's promises: no two nodes overlap, every link points down its part's layers, a
//! crossing that ordering can undo is undone, and an edit that adds an object leaves the others
//! where they were.

use super::*;
use crate::graph::{Graph, Link, Node};

/// A cluster-shaped graph: `apps` Deployments, each with a ReplicaSet and `pods` Pods, a Service
/// selecting them and a ConfigMap they read, in `namespaces` namespaces.
fn cluster(namespaces: usize, apps: usize, pods: usize) -> Graph {
    let mut g = Graph::default();
    for n in 0..namespaces {
        let ns = format!("ns{n}");
        for a in 0..apps {
            let d = g
                .add(Node::new("Deployment", &ns, &format!("app{a}")))
                .unwrap();
            let rs = g
                .add(Node::new("ReplicaSet", &ns, &format!("app{a}-5d8f")))
                .unwrap();
            let svc = g
                .add(Node::new("Service", &ns, &format!("app{a}")))
                .unwrap();
            let cm = g
                .add(Node::new("ConfigMap", &ns, &format!("app{a}-cfg")))
                .unwrap();
            g.link(d, rs, Link::Owns, "metadata.ownerReferences");
            for p in 0..pods {
                let pod = g
                    .add(Node::new("Pod", &ns, &format!("app{a}-5d8f-{p}")))
                    .unwrap();
                g.link(rs, pod, Link::Owns, "metadata.ownerReferences");
                g.link(svc, pod, Link::Selects, "spec.selector app=x");
                g.link(pod, cm, Link::Reads, "spec.volumes[0].configMap");
            }
        }
    }
    g
}

fn assert_no_overlap(g: &Graph, l: &Layout) {
    for a in 0..g.nodes.len() {
        for b in a + 1..g.nodes.len() {
            assert!(
                !l.overlaps(a, b),
                "{} overlaps {}",
                g.nodes[a].key(),
                g.nodes[b].key()
            );
        }
    }
}

fn assert_down(g: &Graph, l: &Layout) {
    for (i, e) in g.edges.iter().enumerate() {
        if e.link.loose() {
            continue;
        }
        assert!(
            l.layer[e.from] < l.layer[e.to],
            "{} → {} does not point down",
            g.nodes[e.from].key(),
            g.nodes[e.to].key()
        );
        assert!(l.y[e.from] < l.y[e.to]);
        let pts = &l.edges[i];
        assert!(
            pts.len() >= 2 && pts.windows(2).all(|w| w[0].1 < w[1].1),
            "{pts:?}"
        );
    }
}

#[test]
fn nodes_never_overlap_and_links_point_down() {
    for (ns, apps, pods) in [(1, 1, 1), (1, 2, 3), (2, 3, 5), (3, 4, 12), (1, 30, 2)] {
        let g = cluster(ns, apps, pods);
        let l = layout(&g, None);
        assert_no_overlap(&g, &l);
        assert_down(&g, &l);
        // Every node inside its namespace's frame.
        for (i, n) in g.nodes.iter().enumerate() {
            let f = l
                .frames
                .iter()
                .find(|f| f.namespace == n.namespace)
                .unwrap();
            assert!(
                l.x[i] >= f.x && l.x[i] + NODE_W <= f.x + f.w + 0.01,
                "{}",
                n.key()
            );
            assert!(
                l.y[i] >= f.y && l.y[i] + NODE_H <= f.y + f.h + 0.01,
                "{}",
                n.key()
            );
        }
        assert!(l.width > 0.0 && l.height > 0.0);
    }
}

#[test]
fn layers_follow_the_links_and_a_source_sits_just_above_its_children() {
    let g = cluster(1, 1, 2);
    let l = layout(&g, None);
    let at = |k: &str, n: &str| l.layer[g.find(k, "ns0", n).unwrap()];
    assert_eq!(at("Deployment", "app0"), 0);
    assert_eq!(at("ReplicaSet", "app0-5d8f"), 1);
    assert_eq!(at("Pod", "app0-5d8f-0"), 2);
    // The Service selects Pods in layer 2: it sits in layer 1, beside the ReplicaSet.
    assert_eq!(at("Service", "app0"), 1);
    assert_eq!(at("ConfigMap", "app0-cfg"), 3);
}

#[test]
fn a_crossing_that_ordering_can_undo_is_undone() {
    // a → y and b → x, with x written before y: drawn in written order they cross.
    let mut g = Graph::default();
    let a = g.add(Node::new("Deployment", "d", "a")).unwrap();
    let b = g.add(Node::new("Deployment", "d", "b")).unwrap();
    let x = g.add(Node::new("ReplicaSet", "d", "x")).unwrap();
    let y = g.add(Node::new("ReplicaSet", "d", "y")).unwrap();
    let hub = g.add(Node::new("ConfigMap", "d", "hub")).unwrap();
    g.link(a, y, Link::Owns, "");
    g.link(b, x, Link::Owns, "");
    g.link(x, hub, Link::Reads, "");
    g.link(y, hub, Link::Reads, "");
    let l = layout(&g, None);
    assert_eq!(l.x[a] < l.x[b], l.x[y] < l.x[x], "a→y and b→x cross");
}

#[test]
fn counting_crossings_matches_the_pairs_that_cross() {
    // Layer 0: u0 u1 u2; layer 1: w0 w1. Links u0→w1, u1→w0, u2→w0: u0→w1 crosses both others.
    let rows = vec![vec![0, 1, 2], vec![3, 4]];
    let down = vec![vec![4], vec![3], vec![3], vec![], vec![]];
    let pos = vec![0, 1, 2, 0, 1];
    assert_eq!(crossings(&rows, &down, &pos), 2);
    let none = vec![vec![3], vec![4], vec![4], vec![], vec![]];
    assert_eq!(crossings(&rows, &none, &pos), 0);
}

#[test]
fn cycles_are_broken_and_drawn_the_way_they_were_written() {
    let mut g = Graph::default();
    let a = g.add(Node::new("ConfigMap", "d", "a")).unwrap();
    let b = g.add(Node::new("ConfigMap", "d", "b")).unwrap();
    let c = g.add(Node::new("ConfigMap", "d", "c")).unwrap();
    g.link(a, b, Link::Owns, "");
    g.link(b, c, Link::Owns, "");
    g.link(c, a, Link::Owns, "");
    let l = layout(&g, None);
    assert_no_overlap(&g, &l);
    let mut layers = l.layer.clone();
    layers.sort();
    layers.dedup();
    assert_eq!(layers.len(), 3);
    // Each edge's points run from its source to its target, whichever way it is drawn.
    for (i, e) in g.edges.iter().enumerate() {
        let pts = &l.edges[i];
        let (first, last) = (pts[0], pts[pts.len() - 1]);
        let near = |p: (f32, f32), n: usize| (p.0 - (l.x[n] + NODE_W / 2.0)).abs() < 0.5;
        assert!(near(first, e.from) && near(last, e.to), "{pts:?}");
    }
}

#[test]
fn an_edit_that_adds_an_object_leaves_the_others_where_they_were() {
    let before = cluster(2, 3, 4);
    let l1 = layout(&before, None);
    // A new Pod of an existing ReplicaSet (the same part), and a new Deployment in a new part.
    let mut after = before.clone();
    let rs = after.find("ReplicaSet", "ns0", "app1-5d8f").unwrap();
    let svc = after.find("Service", "ns0", "app1").unwrap();
    let pod = after.add(Node::new("Pod", "ns0", "app1-5d8f-9")).unwrap();
    after.link(rs, pod, Link::Owns, "");
    after.link(svc, pod, Link::Selects, "");
    let d = after
        .add(Node::new("Deployment", "ns1", "zz-last"))
        .unwrap();
    let r = after
        .add(Node::new("ReplicaSet", "ns1", "zz-last-1"))
        .unwrap();
    after.link(d, r, Link::Owns, "");
    let l2 = layout(&after, Some(&l1.local));
    assert_no_overlap(&after, &l2);
    assert_down(&after, &l2);
    // Only what changed is laid out again: the five parts that did not are taken as they were.
    assert_eq!(l1.reused, 0);
    assert_eq!(l2.reused, 5);
    let again = layout(&after, Some(&l2.local));
    assert_eq!(again.reused, 7);
    assert_eq!(
        (&again.x, &again.y, &again.edges),
        (&l2.x, &l2.y, &l2.edges)
    );
    // The other parts stay exactly; in the part that grew, each layer keeps its order.
    let grew = |n: &Node| n.namespace == "ns0" && n.name.starts_with("app1");
    for (i, n) in before.nodes.iter().enumerate() {
        let j = after.find(&n.kind, &n.namespace, &n.name).unwrap();
        if !grew(n) {
            assert_eq!((l1.x[i], l1.y[i]), (l2.x[j], l2.y[j]), "{} moved", n.key());
        }
    }
    for (i, a) in before.nodes.iter().enumerate().filter(|(_, n)| grew(n)) {
        for (k, b) in before.nodes.iter().enumerate().filter(|(_, n)| grew(n)) {
            if l1.layer[i] == l1.layer[k] && l1.x[i] < l1.x[k] {
                let (ja, jb) = (
                    after.find(&a.kind, &a.namespace, &a.name).unwrap(),
                    after.find(&b.kind, &b.namespace, &b.name).unwrap(),
                );
                assert!(l2.x[ja] < l2.x[jb], "{} and {} swapped", a.key(), b.key());
            }
        }
    }
}

#[test]
fn loose_links_do_not_join_parts_and_run_to_the_nodes_row() {
    let mut g = cluster(2, 1, 2);
    let node = g.add(Node::new("Node", "", "kind-worker")).unwrap();
    let pods: Vec<usize> = (0..g.nodes.len())
        .filter(|&i| g.nodes[i].kind == "Pod")
        .collect();
    for p in pods {
        g.link(p, node, Link::RunsOn, "spec.nodeName kind-worker");
    }
    let l = layout(&g, None);
    assert_eq!(l.frames.len(), 3, "two namespaces and the cluster");
    assert_eq!(l.frames.last().unwrap().namespace, "");
    assert!(l.y[node] > l.y[g.find("Pod", "ns1", "app0-5d8f-0").unwrap()]);
    assert_no_overlap(&g, &l);
}

#[test]
fn an_empty_graph_and_a_big_one_are_laid_out() {
    let l = layout(&Graph::default(), None);
    assert_eq!((l.width, l.height), (0.0, 0.0));
    let big = cluster(5, 25, 9);
    assert!(big.nodes.len() > 1_000);
    let l = layout(&big, None);
    assert_eq!(l.x.len(), big.nodes.len());
    assert!(l.x.iter().chain(&l.y).all(|v| v.is_finite()));
}

#[test]
fn a_big_graph_is_about_the_shape_of_a_screen_and_its_namespaces_do_not_overlap() {
    for (ns, apps, pods) in [(1, 300, 2), (6, 40, 3), (40, 3, 2)] {
        let g = cluster(ns, apps, pods);
        let l = layout(&g, None);
        assert_no_overlap(&g, &l);
        assert_down(&g, &l);
        let shape = l.width / l.height;
        assert!(
            (0.5..=4.0).contains(&shape),
            "{ns}×{apps}×{pods}: {} × {}",
            l.width,
            l.height
        );
        for (a, fa) in l.frames.iter().enumerate() {
            assert!(fa.x + fa.w <= l.width + 0.01 && fa.y + fa.h <= l.height + 0.01);
            for fb in &l.frames[a + 1..] {
                let apart = fa.x + fa.w <= fb.x
                    || fb.x + fb.w <= fa.x
                    || fa.y + fa.h <= fb.y
                    || fb.y + fb.h <= fa.y;
                assert!(apart, "{} overlaps {}", fa.namespace, fb.namespace);
            }
        }
    }
    // A small one stays as it was: one namespace below the other.
    let l = layout(&cluster(2, 2, 2), None);
    assert_eq!(l.frames[0].x, l.frames[1].x);
    assert!(l.frames[0].y + l.frames[0].h < l.frames[1].y);
}
