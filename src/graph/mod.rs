//! The Graph: every object and why it is linked to another, laid out in layers and drawn as SVG
//! (or printed as DOT or JSON).
//!
//! The one thing to know: this module is a leaf. It knows objects only as the nodes and edges it is
//! given: the simulated cluster's side (`sim::print::graph`) and the manifest's side before anything
//! runs (`analysis::graph`) build a [`Graph`]; [`layout`] places it; [`render`] draws it. The page
//! lays the graph out in a worker of its own (`src/bin/graph.rs`), so the graph crosses as
//! [`Graph::to_wire`] text.

pub mod layout;
pub mod refs;
pub mod render;

use serde::Serialize;

pub use layout::{layout, Layout, Previous};

/// How an object looks: the colours of the tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tone {
    /// Running, Ready, Bound, Available.
    Ok,
    /// Pending, ContainerCreating, Terminating.
    Progress,
    /// CrashLoopBackOff, Error, Failed, a missing object.
    Bad,
    /// Completed.
    Done,
    Plain,
}

impl Tone {
    pub fn as_str(self) -> &'static str {
        match self {
            Tone::Ok => "ok",
            Tone::Progress => "progress",
            Tone::Bad => "bad",
            Tone::Done => "done",
            Tone::Plain => "plain",
        }
    }

    fn parse(s: &str) -> Tone {
        match s {
            "ok" => Tone::Ok,
            "progress" => Tone::Progress,
            "bad" => Tone::Bad,
            "done" => Tone::Done,
            _ => Tone::Plain,
        }
    }
}

/// One object, or a stack of the Pods one template stands for.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Node {
    pub kind: String,
    /// Empty for cluster-scoped objects.
    pub namespace: String,
    pub name: String,
    /// What the tables say of it (`Running`, `Bound`, `3/3`), or empty.
    pub status: String,
    pub tone: Tone,
    /// A stack of this many Pods (a template before anything runs, or a workload's Pods
    /// collapsed); None for one object.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// What the stack is, in the reader's words ("3 Pods of Deployment web").
    #[serde(skip_serializing_if = "String::is_empty")]
    pub caption: String,
    /// Named by another object but not there: drawn as a ghost.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub missing: bool,
}

impl Node {
    pub fn new(kind: &str, namespace: &str, name: &str) -> Node {
        Node {
            kind: kind.to_string(),
            namespace: namespace.to_string(),
            name: name.to_string(),
            status: String::new(),
            tone: Tone::Plain,
            count: None,
            caption: String::new(),
            missing: false,
        }
    }

    /// `Kind/namespace/name`: what stays the same across edits, and names the node in the page.
    pub fn key(&self) -> String {
        format!("{}/{}/{}", self.kind, self.namespace, self.name)
    }
}

/// Why one object is linked to another; each is drawn its own way.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Link {
    /// metadata.ownerReferences (or a template's Pods).
    Owns,
    /// A Service's selector, and the Pod is a ready endpoint.
    Selects,
    /// A Service's selector, but the Pod is not ready (its EndpointSlice endpoint says so).
    NotReady,
    /// The nearest miss of a selector that selects nothing, with why it missed.
    Miss,
    /// An Ingress rule's backend.
    Routes,
    /// A Pod's volume names the claim.
    Claims,
    /// A claim and its volume.
    Binds,
    /// A StorageClass and the volumes of its class.
    Provisions,
    /// A Pod reads a ConfigMap or Secret (env, envFrom, volumes).
    Reads,
    /// A Pod runs on a Node.
    RunsOn,
    /// A Pod's ServiceAccount.
    Uses,
    /// A RoleBinding's roleRef.
    Grants,
    /// A RoleBinding's subjects.
    Binding,
}

impl Link {
    pub const ALL: [Link; 13] = [
        Link::Owns,
        Link::Selects,
        Link::NotReady,
        Link::Miss,
        Link::Routes,
        Link::Claims,
        Link::Binds,
        Link::Provisions,
        Link::Reads,
        Link::RunsOn,
        Link::Uses,
        Link::Grants,
        Link::Binding,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Link::Owns => "owns",
            Link::Selects => "selects",
            Link::NotReady => "not-ready",
            Link::Miss => "miss",
            Link::Routes => "routes",
            Link::Claims => "claims",
            Link::Binds => "binds",
            Link::Provisions => "provisions",
            Link::Reads => "reads",
            Link::RunsOn => "runs-on",
            Link::Uses => "uses",
            Link::Grants => "grants",
            Link::Binding => "binding",
        }
    }

    fn parse(s: &str) -> Option<Link> {
        Link::ALL.into_iter().find(|l| l.as_str() == s)
    }

    /// Links that do not hold a picture together: every Pod runs on one of a few Nodes, so these
    /// are drawn to the Nodes' row but do not decide where anything else goes.
    pub fn loose(self) -> bool {
        self == Link::RunsOn
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    pub link: Link,
    /// Why: the field and value behind the link (`selector app=web`, `spec.nodeName`), or the
    /// near-miss explained.
    pub reason: String,
}

/// The most nodes a graph holds; past it the rest are left out and `truncated` says so.
pub const MAX_NODES: usize = 20_000;
/// The most edges.
pub const MAX_EDGES: usize = 60_000;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Graph {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// Objects or links left out past the bounds.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub truncated: bool,
    /// Where each node is, by key.
    #[serde(skip)]
    index: std::collections::HashMap<String, usize>,
    /// Every (from, to, link), so that each is drawn once.
    #[serde(skip)]
    linked: std::collections::HashSet<(usize, usize, Link)>,
}

impl Graph {
    /// The node's index, adding it when no node has its key (None past `MAX_NODES`).
    pub fn add(&mut self, node: Node) -> Option<usize> {
        let key = node.key();
        if let Some(&i) = self.index.get(&key) {
            return Some(i);
        }
        if self.nodes.len() >= MAX_NODES {
            self.truncated = true;
            return None;
        }
        self.index.insert(key, self.nodes.len());
        self.nodes.push(node);
        Some(self.nodes.len() - 1)
    }

    pub fn find(&self, kind: &str, namespace: &str, name: &str) -> Option<usize> {
        self.index
            .get(&format!("{kind}/{namespace}/{name}"))
            .copied()
    }

    /// Links two nodes, once per (from, to, link).
    pub fn link(&mut self, from: usize, to: usize, link: Link, reason: impl Into<String>) {
        if from == to || !self.linked.insert((from, to, link)) {
            return;
        }
        if self.edges.len() >= MAX_EDGES {
            self.truncated = true;
            return;
        }
        self.edges.push(Edge {
            from,
            to,
            link,
            reason: reason.into(),
        });
    }

    /// The node an object names, a ghost when the graph has none (a ConfigMap a Pod reads that
    /// does not exist).
    pub fn named(&mut self, kind: &str, namespace: &str, name: &str) -> Option<usize> {
        if let Some(i) = self.find(kind, namespace, name) {
            return Some(i);
        }
        let mut ghost = Node::new(kind, namespace, name);
        ghost.missing = true;
        ghost.tone = Tone::Bad;
        ghost.status = "NotFound".into();
        self.add(ghost)
    }

    /// The graph with only what `keep` keeps, and the links between what is kept.
    pub fn filter(&self, keep: impl Fn(usize, &Node) -> bool) -> Graph {
        let mut out = Graph::default();
        let mut map = vec![None; self.nodes.len()];
        for (i, n) in self.nodes.iter().enumerate() {
            if keep(i, n) {
                map[i] = out.add(n.clone());
            }
        }
        for e in &self.edges {
            if let (Some(a), Some(b)) = (map[e.from], map[e.to]) {
                out.edges.push(Edge {
                    from: a,
                    to: b,
                    ..e.clone()
                });
            }
        }
        out.truncated = self.truncated;
        out
    }

    /// What the Graph tab's filters keep: a namespace's objects (with the cluster-scoped ones they
    /// link to), or a kind's (with their neighbours); empty keeps everything.
    pub fn focus(&self, namespace: &str, kind: &str) -> Graph {
        if namespace.is_empty() && kind.is_empty() {
            return self.clone();
        }
        let chosen = |n: &Node| {
            (namespace.is_empty() || n.namespace == namespace)
                && (kind.is_empty() || n.kind == kind)
        };
        let mut keep: Vec<bool> = self.nodes.iter().map(chosen).collect();
        let near = |n: &Node| !kind.is_empty() || n.namespace.is_empty();
        for e in &self.edges {
            let (from, to) = (&self.nodes[e.from], &self.nodes[e.to]);
            if chosen(from) && near(to) {
                keep[e.to] = true;
            }
            if chosen(to) && near(from) {
                keep[e.from] = true;
            }
        }
        self.filter(|i, _| keep[i])
    }

    /// Each workload's Pods as one stacked node: the Pods an owner's `Owns` links reach, merged
    /// into a node named after the owner, with the links of each kept once. `caption` says what a
    /// stack of `n` Pods of an owner is.
    pub fn collapse(&self, caption: impl Fn(usize, &Node) -> String) -> Graph {
        // Each Pod's owner, when it has one.
        let mut owner: Vec<Option<usize>> = vec![None; self.nodes.len()];
        for e in &self.edges {
            if e.link == Link::Owns
                && self.nodes[e.to].kind == "Pod"
                && self.nodes[e.to].count.is_none()
            {
                owner[e.to] = Some(e.from);
            }
        }
        let mut counts = vec![0usize; self.nodes.len()];
        let mut worst: Vec<Option<Tone>> = vec![None; self.nodes.len()];
        for (pod, o) in owner.iter().enumerate() {
            if let Some(o) = *o {
                counts[o] += 1;
                let t = self.nodes[pod].tone;
                worst[o] = Some(match worst[o] {
                    None => t,
                    Some(w) => worse(w, t),
                });
            }
        }
        let mut out = Graph::default();
        let mut map = vec![None; self.nodes.len()];
        for (i, n) in self.nodes.iter().enumerate() {
            if owner[i].is_none() {
                map[i] = out.add(n.clone());
            }
        }
        for (i, n) in self.nodes.iter().enumerate() {
            if let Some(o) = owner[i] {
                let ow = &self.nodes[o];
                let mut stack = Node::new("Pod", &n.namespace, &ow.name);
                stack.count = Some(counts[o] as u32);
                stack.caption = caption(counts[o], ow);
                stack.tone = worst[o].unwrap_or(Tone::Plain);
                stack.status = format!("{}", counts[o]);
                map[i] = out.add(stack);
            }
        }
        let mut seen = std::collections::HashSet::new();
        for e in &self.edges {
            if let (Some(a), Some(b)) = (map[e.from], map[e.to]) {
                if a != b && seen.insert((a, b, e.link)) {
                    out.edges.push(Edge {
                        from: a,
                        to: b,
                        ..e.clone()
                    });
                }
            }
        }
        out.truncated = self.truncated;
        out
    }

    /// The graph as lines of tab-separated fields (`N` kind, namespace, name, status, tone,
    /// count, missing, caption; `E` from, to, link, reason), for the page's layout worker: much
    /// less to decode there than JSON.
    pub fn to_wire(&self) -> String {
        let mut out = String::with_capacity(self.nodes.len() * 64 + self.edges.len() * 32);
        let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
        for n in &self.nodes {
            out.push_str(&format!(
                "N\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
                clean(&n.kind),
                clean(&n.namespace),
                clean(&n.name),
                clean(&n.status),
                n.tone.as_str(),
                n.count.map(|c| c.to_string()).unwrap_or_default(),
                if n.missing { "1" } else { "" },
                clean(&n.caption),
            ));
        }
        for e in &self.edges {
            out.push_str(&format!(
                "E\t{}\t{}\t{}\t{}\n",
                e.from,
                e.to,
                e.link.as_str(),
                clean(&e.reason)
            ));
        }
        if self.truncated {
            out.push_str("T\n");
        }
        out
    }

    /// Reads [`Graph::to_wire`] text back; lines it cannot read are skipped, and the bounds hold.
    pub fn from_wire(text: &str) -> Graph {
        let mut g = Graph::default();
        for line in text.lines() {
            let f: Vec<&str> = line.split('\t').collect();
            match f.as_slice() {
                ["N", kind, ns, name, status, tone, count, missing, caption] => {
                    let mut n = Node::new(kind, ns, name);
                    n.status = status.to_string();
                    n.tone = Tone::parse(tone);
                    n.count = count.parse().ok();
                    n.missing = *missing == "1";
                    n.caption = caption.to_string();
                    // A repeated key would shift every later edge's index: keep the indices.
                    if g.nodes.len() < MAX_NODES {
                        g.index.entry(n.key()).or_insert(g.nodes.len());
                        g.nodes.push(n);
                    } else {
                        g.truncated = true;
                    }
                }
                ["E", from, to, link, reason] => {
                    let (Ok(a), Ok(b), Some(l)) = (
                        from.parse::<usize>(),
                        to.parse::<usize>(),
                        Link::parse(link),
                    ) else {
                        continue;
                    };
                    if a < g.nodes.len() && b < g.nodes.len() && a != b {
                        if g.edges.len() < MAX_EDGES {
                            g.edges.push(Edge {
                                from: a,
                                to: b,
                                link: l,
                                reason: reason.to_string(),
                            });
                        } else {
                            g.truncated = true;
                        }
                    }
                }
                ["T"] => g.truncated = true,
                _ => {}
            }
        }
        g
    }

    /// The namespaces and kinds in the graph, each once, in order: what the filters offer.
    pub fn namespaces_and_kinds(&self) -> (Vec<String>, Vec<String>) {
        let ns: std::collections::BTreeSet<&str> =
            self.nodes.iter().map(|n| n.namespace.as_str()).collect();
        let kinds: std::collections::BTreeSet<&str> =
            self.nodes.iter().map(|n| n.kind.as_str()).collect();
        (
            ns.into_iter().map(str::to_string).collect(),
            kinds.into_iter().map(str::to_string).collect(),
        )
    }
}

/// The worse of two tones, for a stack of Pods: one failing Pod colours the stack.
fn worse(a: Tone, b: Tone) -> Tone {
    let rank = |t: Tone| match t {
        Tone::Bad => 4,
        Tone::Progress => 3,
        Tone::Ok => 2,
        Tone::Done => 1,
        Tone::Plain => 0,
    };
    if rank(b) > rank(a) {
        b
    } else {
        a
    }
}

#[cfg(test)]
mod tests;
