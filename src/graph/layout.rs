//! A layered layout, as Graphviz's dot and ELK's layered algorithm draw directed graphs
//! (Sugiyama, Tagawa and Toda): each connected part of the graph on its own, its cycles broken,
//! its nodes in layers so that every link points down, long links through dummy points, the order
//! in each layer swept by barycentres to cross fewer links (crossings counted as Barth, Jünger and
//! Mutzel do), then x placed as near each node's neighbours as the spacing allows (an isotonic
//! regression, exact for one layer at a time). The parts are packed by namespace.
//!
//! The one thing to know: a layout can start from the one before it ([`Previous`]): nodes that
//! stay keep their order and, where the new ones leave room, their place.

use std::collections::HashMap;

use super::{Graph, Node};

pub const NODE_W: f32 = 184.0;
pub const NODE_H: f32 = 46.0;
const DUMMY_W: f32 = 12.0;
const LAYER_GAP: f32 = 64.0;
const NODE_GAP: f32 = 18.0;
const PART_GAP: f32 = 40.0;
const GROUP_PAD: f32 = 16.0;
/// Room for the namespace's name above its parts.
pub const GROUP_HEAD: f32 = 28.0;
const GROUP_GAP: f32 = 28.0;
/// Parts wrap to a new row past this width (a wider part has a row of its own)...
const ROW_WIDTH: f32 = 2400.0;
/// ...or, for a graph too big for that, past the width that makes the whole picture about this
/// much wider than high (a screen's shape), and then namespaces wrap side by side too.
const ASPECT: f32 = 1.6;
/// Barycentre sweeps (each one down and one up).
const SWEEPS: usize = 4;
/// Rounds of x placement (each one down and one up).
const ROUNDS: usize = 4;

/// A namespace's frame.
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    /// Empty for the cluster-scoped objects.
    pub namespace: String,
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    /// Each node's top-left corner.
    pub x: Vec<f32>,
    pub y: Vec<f32>,
    /// Each node's layer in its part (0 at the top).
    pub layer: Vec<u32>,
    /// Each edge's points, from its source to its target.
    pub edges: Vec<Vec<(f32, f32)>>,
    pub frames: Vec<Frame>,
    pub width: f32,
    pub height: f32,
    /// What the next layout starts from.
    pub local: Previous,
    /// How many parts were taken as they were from the layout before.
    pub reused: usize,
}

/// What a layout leaves the next one (see [`Layout::local`]): where each node was in its part,
/// by key, and each part as it was placed, by its nodes and links, to be taken as it is if it
/// comes again unchanged.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Previous {
    pub x: HashMap<String, f32>,
    parts: HashMap<String, Placed>,
}

impl Layout {
    /// Whether two nodes' boxes overlap (for the tests and the invariants).
    pub fn overlaps(&self, a: usize, b: usize) -> bool {
        let (ax, ay, bx, by) = (self.x[a], self.y[a], self.x[b], self.y[b]);
        ax < bx + NODE_W && bx < ax + NODE_W && ay < by + NODE_H && by < ay + NODE_H
    }
}

/// One connected part being laid out: its nodes (graph indices) and directed links (local
/// indices, after cycles are broken), and the dummy points of long links.
struct Part {
    nodes: Vec<usize>,
    /// (from, to, graph edge index, reversed).
    links: Vec<(usize, usize, usize, bool)>,
}

/// Lays `g` out; `prev` is the last layout's [`Layout::local`], when there was one.
pub fn layout(g: &Graph, prev: Option<&Previous>) -> Layout {
    let n = g.nodes.len();
    let keys: Vec<String> = g.nodes.iter().map(Node::key).collect();
    // Parts: the nodes the links that hold a picture together connect.
    let mut uf: Vec<usize> = (0..n).collect();
    fn root(uf: &mut [usize], mut a: usize) -> usize {
        while uf[a] != a {
            uf[a] = uf[uf[a]];
            a = uf[a];
        }
        a
    }
    for e in g.edges.iter().filter(|e| !e.link.loose()) {
        let (a, b) = (root(&mut uf, e.from), root(&mut uf, e.to));
        if a != b {
            uf[a.max(b)] = a.min(b);
        }
    }
    let mut by_root: HashMap<usize, usize> = HashMap::new();
    let mut parts: Vec<Part> = Vec::new();
    let mut part_of = vec![0usize; n];
    let mut local = vec![0usize; n];
    for i in 0..n {
        let r = root(&mut uf, i);
        let p = *by_root.entry(r).or_insert_with(|| {
            parts.push(Part {
                nodes: Vec::new(),
                links: Vec::new(),
            });
            parts.len() - 1
        });
        part_of[i] = p;
        local[i] = parts[p].nodes.len();
        parts[p].nodes.push(i);
    }
    for (ei, e) in g.edges.iter().enumerate() {
        if !e.link.loose() {
            let p = part_of[e.from];
            parts[p].links.push((local[e.from], local[e.to], ei, false));
        }
    }

    let mut out = Layout {
        x: vec![0.0; n],
        y: vec![0.0; n],
        layer: vec![0; n],
        edges: vec![Vec::new(); g.edges.len()],
        ..Layout::default()
    };
    // Each part laid out on its own, at the origin, unless it was laid out last time as it is.
    let placed: Vec<Placed> = parts
        .iter_mut()
        .map(|p| {
            let sig = signature(&keys, p);
            let placed = match prev.and_then(|pv| pv.parts.get(&sig)) {
                Some(was) => {
                    out.reused += 1;
                    was.clone()
                }
                None => place_part(&keys, p, prev),
            };
            out.local.parts.insert(sig, placed.clone());
            placed
        })
        .collect();

    // Parts by namespace (the cluster-scoped last), then by their first key.
    let group_of = |p: &Part| -> String {
        p.nodes
            .iter()
            .map(|&i| g.nodes[i].namespace.as_str())
            .filter(|ns| !ns.is_empty())
            .min()
            .unwrap_or("")
            .to_string()
    };
    let mut order: Vec<(String, String, usize)> = parts
        .iter()
        .enumerate()
        .map(|(pi, p)| {
            let first = p
                .nodes
                .iter()
                .map(|&i| keys[i].as_str())
                .min()
                .unwrap_or("");
            (group_of(p), first.to_string(), pi)
        })
        .collect();
    crate::sort::by(&mut order, |a, b| {
        (a.0.is_empty(), &a.0, &a.1).cmp(&(b.0.is_empty(), &b.0, &b.1))
    });

    let area: f32 = placed
        .iter()
        .map(|p| (p.w + PART_GAP) * (p.h + PART_GAP))
        .sum();
    let row_width = ROW_WIDTH.max((area * ASPECT).sqrt());
    // Frames below one another; past `ROW_WIDTH`, side by side in rows as wide as the parts'.
    let side_by_side = row_width > ROW_WIDTH;
    let (mut fx, mut top, mut shelf_h) = (0.0f32, 0.0f32, 0.0f32);
    let mut width = 0.0f32;
    let mut i = 0;
    while i < order.len() {
        let ns = order[i].0.clone();
        let (mut cx, mut cy, mut row_h, mut frame_w) = (GROUP_PAD, GROUP_HEAD, 0.0f32, 0.0f32);
        // Placed in the frame's own coordinates first, then moved where the frame goes.
        let (mut in_nodes, mut in_edges) = (Vec::new(), Vec::new());
        while i < order.len() && order[i].0 == ns {
            let pi = order[i].2;
            let pl = &placed[pi];
            if cx > GROUP_PAD && cx + pl.w > row_width {
                cx = GROUP_PAD;
                cy += row_h + PART_GAP;
                row_h = 0.0;
            }
            for (li, &gi) in parts[pi].nodes.iter().enumerate() {
                out.x[gi] = cx + pl.cx[li] - NODE_W / 2.0;
                out.y[gi] = cy + pl.layer[li] as f32 * (NODE_H + LAYER_GAP);
                out.layer[gi] = pl.layer[li];
                out.local.x.insert(keys[gi].clone(), pl.cx[li]);
                in_nodes.push(gi);
            }
            for (k, pts) in pl.edges.iter().enumerate() {
                let ei = parts[pi].links[k].2;
                out.edges[ei] = pts.iter().map(|&(x, y)| (cx + x, cy + y)).collect();
                in_edges.push(ei);
            }
            cx += pl.w + PART_GAP;
            row_h = row_h.max(pl.h);
            frame_w = frame_w.max(cx - PART_GAP + GROUP_PAD);
            i += 1;
        }
        let h = cy + row_h + GROUP_PAD;
        if !side_by_side || (fx > 0.0 && fx + frame_w > row_width) {
            top += if fx > 0.0 { shelf_h + GROUP_GAP } else { 0.0 };
            fx = 0.0;
            shelf_h = 0.0;
        }
        for gi in in_nodes {
            out.x[gi] += fx;
            out.y[gi] += top;
        }
        for ei in in_edges {
            for p in &mut out.edges[ei] {
                p.0 += fx;
                p.1 += top;
            }
        }
        out.frames.push(Frame {
            namespace: ns,
            x: fx,
            y: top,
            w: frame_w,
            h,
        });
        width = width.max(fx + frame_w);
        shelf_h = shelf_h.max(h);
        fx += frame_w + GROUP_GAP;
    }
    out.width = width;
    out.height = if order.is_empty() { 0.0 } else { top + shelf_h };
    // Loose links: straight, from the bottom of one to the top of the other.
    for (ei, e) in g.edges.iter().enumerate() {
        if e.link.loose() {
            out.edges[ei] = vec![
                (out.x[e.from] + NODE_W / 2.0, out.y[e.from] + NODE_H),
                (out.x[e.to] + NODE_W / 2.0, out.y[e.to]),
            ];
        }
    }
    out
}

/// A part laid out at the origin.
#[derive(Clone, Debug, Default, PartialEq)]
struct Placed {
    /// Each node's centre x and layer (local indices).
    cx: Vec<f32>,
    layer: Vec<u32>,
    /// Each link's points, in the part's order of links.
    edges: Vec<Vec<(f32, f32)>>,
    w: f32,
    h: f32,
}

/// What a part's placement depends on: its nodes and its links, in order.
fn signature(keys: &[String], p: &Part) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    for &i in &p.nodes {
        s.push_str(&keys[i]);
        s.push('\n');
    }
    for &(a, b, _, _) in &p.links {
        let _ = write!(s, "{a}>{b} ");
    }
    s
}

fn place_part(keys: &[String], p: &mut Part, prev: Option<&Previous>) -> Placed {
    let n = p.nodes.len();
    break_cycles(n, &mut p.links);
    let layer = layers(n, &p.links);

    // The layered graph: real nodes, then a dummy for each layer a long link crosses.
    let mut vlayer: Vec<u32> = layer.clone();
    let mut vwidth: Vec<f32> = vec![NODE_W; n];
    let mut chains: Vec<Vec<usize>> = Vec::with_capacity(p.links.len());
    let mut down: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b, _, _) in &p.links {
        let mut chain = vec![a];
        let mut at = a;
        for l in layer[a] + 1..layer[b] {
            let d = vlayer.len();
            vlayer.push(l);
            vwidth.push(DUMMY_W);
            down.push(Vec::new());
            down[at].push(d);
            chain.push(d);
            at = d;
        }
        down[at].push(b);
        chain.push(b);
        chains.push(chain);
    }
    let vn = vlayer.len();
    let mut up: Vec<Vec<usize>> = vec![Vec::new(); vn];
    for (a, ds) in down.iter().enumerate() {
        for &b in ds {
            up[b].push(a);
        }
    }
    let depth = vlayer.iter().copied().max().map_or(0, |m| m as usize + 1);

    // The first order: where each node was, else depth-first from the sources, so that
    // children start near their parents.
    let mut rank: Vec<f32> = vec![f32::NAN; vn];
    let prev_x = |li: usize| prev.and_then(|pv| pv.x.get(&keys[p.nodes[li]]).copied());
    let seeded = (0..n).filter(|&li| prev_x(li).is_some()).count();
    let mut counter = 0.0;
    let mut stack: Vec<usize> = (0..vn).filter(|&v| up[v].is_empty()).rev().collect();
    let mut seen = vec![false; vn];
    while let Some(v) = stack.pop() {
        if std::mem::replace(&mut seen[v], true) {
            continue;
        }
        rank[v] = counter;
        counter += 1.0;
        for &w in down[v].iter().rev() {
            if !seen[w] {
                stack.push(w);
            }
        }
    }
    if seeded > 0 {
        for (li, r) in rank.iter_mut().enumerate().take(n) {
            if let Some(x) = prev_x(li) {
                *r = x;
            }
        }
        // New nodes and dummies: between their neighbours.
        for v in 0..vn {
            if v >= n || prev_x(v).is_none() {
                let ns: Vec<f32> = up[v]
                    .iter()
                    .chain(&down[v])
                    .filter(|&&w| w < n && prev_x(w).is_some())
                    .map(|&w| rank[w])
                    .collect();
                if !ns.is_empty() {
                    rank[v] = ns.iter().sum::<f32>() / ns.len() as f32;
                } else {
                    rank[v] = f32::MAX;
                }
            }
        }
    }
    let mut rows: Vec<Vec<usize>> = vec![Vec::new(); depth];
    for v in 0..vn {
        rows[vlayer[v] as usize].push(v);
    }
    for row in &mut rows {
        crate::sort::by(row, |a, b| rank[*a].total_cmp(&rank[*b]).then(a.cmp(b)));
    }
    let mut pos = vec![0usize; vn];
    let set_pos = |rows: &[Vec<usize>], pos: &mut [usize]| {
        for row in rows {
            for (i, &v) in row.iter().enumerate() {
                pos[v] = i;
            }
        }
    };
    set_pos(&rows, &mut pos);

    // Crossing reduction, unless the nodes are where they were.
    if seeded < n {
        let mut best = rows.clone();
        let mut best_crossings = crossings(&rows, &down, &pos);
        for sweep in 0..SWEEPS * 2 {
            let downward = sweep % 2 == 0;
            let range: Vec<usize> = if downward {
                (1..depth).collect()
            } else {
                (0..depth.saturating_sub(1)).rev().collect()
            };
            for l in range {
                let nbrs = if downward { &up } else { &down };
                let bary: Vec<(f32, usize)> = rows[l]
                    .iter()
                    .map(|&v| {
                        let ns = &nbrs[v];
                        let b = if ns.is_empty() {
                            pos[v] as f32
                        } else {
                            ns.iter().map(|&w| pos[w] as f32).sum::<f32>() / ns.len() as f32
                        };
                        (b, v)
                    })
                    .collect();
                let mut sorted = bary;
                crate::sort::by(&mut sorted, |a, b| a.0.total_cmp(&b.0));
                rows[l] = sorted.into_iter().map(|(_, v)| v).collect();
                for (i, &v) in rows[l].iter().enumerate() {
                    pos[v] = i;
                }
            }
            let c = crossings(&rows, &down, &pos);
            if c < best_crossings {
                best_crossings = c;
                best = rows.clone();
            }
        }
        rows = best;
        set_pos(&rows, &mut pos);
    }

    // x: packed left to right first, then pulled towards the neighbours, round after round.
    let mut cx = vec![0.0f32; vn];
    for row in &rows {
        let mut at = 0.0;
        for &v in row {
            cx[v] = at + vwidth[v] / 2.0;
            at += vwidth[v] + NODE_GAP;
        }
    }
    // Centre each row on the widest.
    let widest = rows
        .iter()
        .map(|r| r.iter().map(|&v| vwidth[v] + NODE_GAP).sum::<f32>())
        .fold(0.0f32, f32::max);
    for row in &rows {
        let w: f32 = row.iter().map(|&v| vwidth[v] + NODE_GAP).sum();
        for &v in row {
            cx[v] += (widest - w) / 2.0;
        }
    }
    if seeded > 0 {
        for (li, c) in cx.iter_mut().enumerate().take(n) {
            if let Some(x) = prev_x(li) {
                *c = x;
            }
        }
        for row in &rows {
            let want: Vec<f32> = row
                .iter()
                .map(|&v| {
                    if v < n && prev_x(v).is_some() {
                        return cx[v];
                    }
                    let ns: Vec<f32> = up[v].iter().chain(&down[v]).map(|&w| cx[w]).collect();
                    if ns.is_empty() {
                        cx[v]
                    } else {
                        ns.iter().sum::<f32>() / ns.len() as f32
                    }
                })
                .collect();
            fit_row(row, &want, &vwidth, &mut cx);
        }
    } else {
        for _ in 0..ROUNDS {
            for (downward, l) in (1..depth)
                .map(|l| (true, l))
                .chain((0..depth.saturating_sub(1)).rev().map(|l| (false, l)))
            {
                let nbrs = if downward { &up } else { &down };
                let want: Vec<f32> = rows[l]
                    .iter()
                    .map(|&v| {
                        let ns = &nbrs[v];
                        if ns.is_empty() {
                            cx[v]
                        } else {
                            ns.iter().map(|&w| cx[w]).sum::<f32>() / ns.len() as f32
                        }
                    })
                    .collect();
                fit_row(&rows[l], &want, &vwidth, &mut cx);
            }
        }
    }
    // From x = 0.
    let left = (0..vn)
        .map(|v| cx[v] - vwidth[v] / 2.0)
        .fold(f32::INFINITY, f32::min);
    let left = if left.is_finite() { left } else { 0.0 };
    for x in &mut cx {
        *x -= left;
    }
    let w = (0..vn)
        .map(|v| cx[v] + vwidth[v] / 2.0)
        .fold(0.0f32, f32::max);
    let h = depth as f32 * (NODE_H + LAYER_GAP) - LAYER_GAP;
    let top = |v: usize| vlayer[v] as f32 * (NODE_H + LAYER_GAP);
    let edges = p
        .links
        .iter()
        .zip(&chains)
        .map(|(&(_, _, _, reversed), chain)| {
            let mut pts = Vec::with_capacity(chain.len() + 1);
            pts.push((cx[chain[0]], top(chain[0]) + NODE_H));
            for &d in &chain[1..chain.len() - 1] {
                pts.push((cx[d], top(d) + NODE_H / 2.0));
            }
            let last = chain[chain.len() - 1];
            pts.push((cx[last], top(last)));
            if reversed {
                pts.reverse();
            }
            pts
        })
        .collect();
    Placed {
        cx: cx[..n].to_vec(),
        layer: layer.clone(),
        edges,
        w,
        h: h.max(NODE_H),
    }
}

/// Turns the links that close a cycle around (found depth-first, in node order), so that what is
/// left can be layered; a turned link is drawn the way it was written.
fn break_cycles(n: usize, links: &mut [(usize, usize, usize, bool)]) {
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (li, &(a, _, _, _)) in links.iter().enumerate() {
        out[a].push(li);
    }
    // 0 unseen, 1 on the path, 2 done.
    let mut state = vec![0u8; n];
    for s in 0..n {
        if state[s] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(s, 0)];
        state[s] = 1;
        while let Some(&mut (v, ref mut next)) = stack.last_mut() {
            if let Some(&li) = out[v].get(*next) {
                *next += 1;
                let w = links[li].1;
                match state[w] {
                    0 => {
                        state[w] = 1;
                        stack.push((w, 0));
                    }
                    1 => {
                        let l = &mut links[li];
                        std::mem::swap(&mut l.0, &mut l.1);
                        l.3 = true;
                    }
                    _ => {}
                }
            } else {
                state[v] = 2;
                stack.pop();
            }
        }
    }
}

/// Each node's layer: the longest path from a source, then each source moved down to just above
/// its nearest child, so a Service sits just above the Pods it selects.
fn layers(n: usize, links: &[(usize, usize, usize, bool)]) -> Vec<u32> {
    let mut indeg = vec![0usize; n];
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b, _, _) in links {
        indeg[b] += 1;
        out[a].push(b);
    }
    let sources: Vec<usize> = (0..n).filter(|&v| indeg[v] == 0).collect();
    let mut layer = vec![0u32; n];
    let mut queue: std::collections::VecDeque<usize> = sources.iter().copied().collect();
    let mut left = indeg.clone();
    let mut topo = Vec::with_capacity(n);
    while let Some(v) = queue.pop_front() {
        topo.push(v);
        for &w in &out[v] {
            layer[w] = layer[w].max(layer[v] + 1);
            left[w] -= 1;
            if left[w] == 0 {
                queue.push_back(w);
            }
        }
    }
    for &s in &sources {
        if let Some(min) = out[s].iter().map(|&w| layer[w]).min() {
            layer[s] = min.saturating_sub(1).max(layer[s]);
        }
    }
    // Nothing in layer 0 any more (every source moved down): move all up.
    if let Some(min) = layer.iter().copied().min() {
        for l in &mut layer {
            *l -= min;
        }
    }
    layer
}

/// How many pairs of links cross between each layer and the next (Barth, Jünger and Mutzel's
/// accumulator tree: the links sorted by their upper end, inversions of their lower ends).
fn crossings(rows: &[Vec<usize>], down: &[Vec<usize>], pos: &[usize]) -> u64 {
    let mut total = 0u64;
    for l in 0..rows.len().saturating_sub(1) {
        let below = rows[l + 1].len();
        if below == 0 {
            continue;
        }
        let mut ends: Vec<usize> = Vec::new();
        for &v in &rows[l] {
            let mut ws: Vec<usize> = down[v].iter().map(|&w| pos[w]).collect();
            ws.sort_unstable();
            ends.extend(ws);
        }
        let mut tree = vec![0u64; below + 1];
        for (seen, &e) in ends.iter().enumerate() {
            // Links seen so far that end to the right of this one cross it.
            let mut not_right = 0u64;
            let mut i = e + 1;
            while i > 0 {
                not_right += tree[i];
                i -= i & i.wrapping_neg();
            }
            total += seen as u64 - not_right;
            let mut i = e + 1;
            while i <= below {
                tree[i] += 1;
                i += i & i.wrapping_neg();
            }
        }
    }
    total
}

/// Places one row's nodes, in their order, as near `want` as spacing allows: the least squares
/// fit under "each node at least its gap right of the one before" (pool adjacent violators).
fn fit_row(row: &[usize], want: &[f32], width: &[f32], cx: &mut [f32]) {
    if row.is_empty() {
        return;
    }
    // Offsets that turn the spacing into "not decreasing".
    let mut offset = Vec::with_capacity(row.len());
    let mut at = 0.0f32;
    for (i, &v) in row.iter().enumerate() {
        if i > 0 {
            at += (width[row[i - 1]] + width[v]) / 2.0 + NODE_GAP;
        }
        offset.push(at);
    }
    // Blocks of (sum, count) whose means do not decrease.
    let mut blocks: Vec<(f32, usize)> = Vec::with_capacity(row.len());
    for i in 0..row.len() {
        blocks.push((want[i] - offset[i], 1));
        while blocks.len() > 1 {
            let (s2, c2) = blocks[blocks.len() - 1];
            let (s1, c1) = blocks[blocks.len() - 2];
            if s1 / c1 as f32 > s2 / c2 as f32 {
                blocks.pop();
                let last = blocks.len() - 1;
                blocks[last] = (s1 + s2, c1 + c2);
            } else {
                break;
            }
        }
    }
    let mut i = 0;
    for (s, c) in blocks {
        let mean = s / c as f32;
        for _ in 0..c {
            cx[row[i]] = mean + offset[i];
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests;
