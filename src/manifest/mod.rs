//! Manifests: YAML or JSON text → Kubernetes objects with source positions, and diagnostics.
//!
//! The one thing to know: `load` never fails. Each document is read on its own; a bad one becomes
//! diagnostics with a line and column and the others still load. Objects of known kinds are typed
//! (k8s-openapi); any other kind is kept with its metadata.

pub mod batch;
mod checks;
pub mod de;
pub mod kinds;
mod removed;
pub mod stamp;
pub mod yaml;

use std::collections::{BTreeMap, HashMap};

use crate::diagnostic::{did_you_mean, Code, Diagnostic, Severity};
use crate::i18n::Say;
pub use kinds::Typed;
use yaml::{Node, Span, Value};

/// The largest input the page reads, in bytes; past it the rest is ignored with a diagnostic.
pub const MAX_INPUT: usize = 2 * 1024 * 1024;
/// The most objects one manifest may hold in the page.
pub const MAX_OBJECTS: usize = 5_000;

/// How much of an input is read: the page's guards keep a tab responsive, the CLI's let CI check
/// whole clusters' worth of YAML.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Bytes; past it the rest is ignored with one diagnostic.
    pub max_input: usize,
    /// Objects; past it the rest are ignored with one diagnostic.
    pub max_objects: usize,
    /// YAML nodes in the whole input, aliases expanded.
    pub max_nodes: usize,
}

impl Limits {
    /// The page's: 2 MiB, 5,000 objects.
    pub const PAGE: Limits = Limits {
        max_input: MAX_INPUT,
        max_objects: MAX_OBJECTS,
        max_nodes: yaml::MAX_NODES,
    };
    /// The CLI's: 128 MiB, 250,000 objects.
    pub const CLI: Limits = Limits {
        max_input: 128 * 1024 * 1024,
        max_objects: 250_000,
        max_nodes: 40_000_000,
    };
}

/// One Kubernetes object from the manifest.
#[derive(Clone, Debug)]
pub struct Object {
    pub api_version: String,
    pub kind: String,
    pub name: String,
    /// The namespace, defaulted to `default` for namespaced kinds; None for cluster-scoped ones.
    pub namespace: Option<String>,
    pub labels: BTreeMap<String, String>,
    /// The object's YAML, after any conversion from a removed API version.
    pub node: Node,
    /// Typed form for known kinds that decoded cleanly.
    pub typed: Option<Typed>,
}

impl Object {
    /// `Deployment/web`, as kubectl names objects.
    pub fn reference(&self) -> String {
        format!("{}/{}", self.kind, self.name)
    }

    /// Where the object starts in the text.
    pub fn span(&self) -> Span {
        self.node.span
    }

    /// The span of a field path, or of the nearest part of it that exists.
    /// Where a missing field would go: the key of the deepest part of the path that exists.
    pub fn span_of(&self, path: &str) -> Span {
        let mut best = None;
        let mut prefix = String::new();
        for part in path.split('.') {
            if !prefix.is_empty() {
                prefix.push('.');
            }
            prefix.push_str(part);
            match self.node.key_at_path(&prefix) {
                Some(k) => best = Some(k.span),
                None => match self.node.at_path(&prefix) {
                    // A list item has no key: point at the item.
                    Some(item) => best = Some(item.span),
                    None => break,
                },
            }
        }
        best.unwrap_or(self.node.span)
    }
}

/// What `load` found.
#[derive(Clone, Debug, Default)]
pub struct Manifest {
    pub objects: Vec<Object>,
    pub diagnostics: Vec<Diagnostic>,
    /// Objects past the limit were ignored (reported once).
    pub truncated: bool,
}

fn syntax_hint(message: &str) -> Option<Say> {
    // A word, not a substring: "found unprintable character" is not about tabs.
    if message
        .split(|c: char| !c.is_ascii_alphabetic())
        .any(|w| w == "tab" || w == "tabs")
    {
        Some(Say::YamlTabs)
    } else if message.contains("mapping values are not allowed") {
        Some(Say::YamlMappingValues)
    } else if message.contains("did not find expected") || message.contains("block") {
        Some(Say::YamlIndentation)
    } else {
        None
    }
}

/// Reads a manifest. Never panics; every problem is a diagnostic.
pub fn load(text: &str) -> Manifest {
    load_within(text, Limits::PAGE)
}

/// [`load`] with limits of the caller's choosing.
pub fn load_within(text: &str, limits: Limits) -> Manifest {
    read(text, limits, None)
}

/// Reads a manifest again and again, as the editor does: a document whose text has not changed
/// since the last read is neither parsed nor decoded again, only moved to its new lines.
#[derive(Clone, Debug, Default)]
pub struct Loader {
    /// What each document's text gave at the last read.
    known: HashMap<String, Read>,
}

/// What one document's text gave: its objects and diagnostics at `first_line`, and the YAML nodes
/// it spent of the budget.
#[derive(Clone, Debug)]
struct Read {
    first_line: u32,
    objects: Vec<Object>,
    diagnostics: Vec<Diagnostic>,
    nodes: usize,
}

impl Loader {
    /// [`load_within`], reusing what the last call read of each unchanged document.
    pub fn load(&mut self, text: &str, limits: Limits) -> Manifest {
        read(text, limits, Some(&mut self.known))
    }
}

/// Loads a manifest, reusing and refilling `known` when given.
fn read(text: &str, limits: Limits, mut known: Option<&mut HashMap<String, Read>>) -> Manifest {
    let mut out = Manifest::default();
    let normalized = lone_returns_as_newlines(text);
    let text = normalized.as_ref();
    let text = if text.len() > limits.max_input {
        let mut cut = limits.max_input;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let line = text[..cut].lines().count() as u32;
        out.diagnostics.push(Diagnostic::own(
            Severity::Error,
            Code::InputTooLarge,
            Span::at(line.max(1), 1),
            Say::ManifestTooLarge {
                mib: limits.max_input / (1024 * 1024),
            },
        ));
        &text[..cut]
    } else {
        text
    };
    let mut budget = limits.max_nodes;
    let mut fresh: HashMap<String, Read> = HashMap::new();
    for (first_line, chunk) in yaml::chunks(text) {
        // The last read of this text (or this read's, for a document written twice).
        let before = known
            .as_deref_mut()
            .and_then(|k| k.remove(chunk))
            .or_else(|| fresh.get(chunk).cloned());
        if let Some(r) = before.filter(|r| {
            // Strictly below the limit: a document that makes no object (no kind, say) still
            // meets the limit check a fresh read makes.
            r.nodes <= budget && out.objects.len() + r.objects.len() < limits.max_objects
        }) {
            let delta = i64::from(first_line) - i64::from(r.first_line);
            budget -= r.nodes;
            out.objects.extend(r.objects.iter().cloned().map(|mut o| {
                o.node.shift(delta);
                o
            }));
            out.diagnostics
                .extend(r.diagnostics.iter().cloned().map(|mut d| {
                    d.span = d.span.shifted(delta);
                    d
                }));
            fresh.insert(chunk.to_string(), r);
            continue;
        }
        let (objects, diagnostics, left) = (out.objects.len(), out.diagnostics.len(), budget);
        let mut docs = Vec::new();
        yaml::parse_chunk(
            chunk,
            first_line,
            (&mut budget, limits.max_nodes),
            &mut docs,
        );
        // Messages that name a line (YAML errors) or a limit are not kept for another read.
        let keep = known.is_some() && docs.iter().all(|d| d.error.is_none());
        load_documents(docs, &mut out, &limits);
        if keep && !out.truncated {
            fresh.insert(
                chunk.to_string(),
                Read {
                    first_line,
                    objects: out.objects[objects..].to_vec(),
                    diagnostics: out.diagnostics[diagnostics..].to_vec(),
                    nodes: left - budget,
                },
            );
        }
    }
    if let Some(k) = known {
        *k = fresh;
    }
    checks::duplicates(&mut out);
    out
}

/// YAML, like the editor, takes a lone carriage return for a line break, and every line count here
/// splits at `\n`: a lone `\r` becomes `\n`, the same length, so no position moves.
fn lone_returns_as_newlines(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let lone = |i: usize| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
    if !(0..bytes.len()).any(lone) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = bytes.to_vec();
    for (i, b) in out.iter_mut().enumerate() {
        if lone(i) {
            *b = b'\n';
        }
    }
    // Only ASCII bytes changed, so the text is still UTF-8.
    std::borrow::Cow::Owned(String::from_utf8(out).unwrap_or_else(|_| text.to_string()))
}

/// Loads the documents of one piece of the text.
fn load_documents(docs: Vec<yaml::Document>, out: &mut Manifest, limits: &Limits) {
    for doc in docs {
        if let Some(e) = &doc.error {
            let span = Span::at(e.pos.line, e.pos.col);
            // go-yaml reports the problem without libyaml's "while parsing ..." context.
            let problem = e
                .message
                .split_once(", ")
                .filter(|(c, _)| c.starts_with("while "))
                .map_or(e.message.as_str(), |(_, p)| p);
            let mut d = Diagnostic::error(
                Code::YamlSyntax,
                span,
                format!("yaml: line {}: {problem}", e.pos.line),
            );
            if let Some(h) = syntax_hint(&e.message) {
                d = d.with_hint(h);
            }
            out.diagnostics.push(d);
            continue;
        }
        let Some(root) = doc.root else { continue };
        load_document(root, out, limits);
    }
}

fn load_document(root: Node, out: &mut Manifest, limits: &Limits) {
    match &root.value {
        Value::Null => {}
        Value::Map(_) => {
            let kind = root.get("kind").and_then(Node::as_str).unwrap_or_default();
            let is_list = kind == "List" || (kind.ends_with("List") && root.get("items").is_some());
            if is_list {
                match root.get("items").map(|n| &n.value) {
                    Some(Value::Seq(items)) => {
                        for item in items.clone() {
                            load_document(item, out, limits);
                        }
                    }
                    Some(Value::Null) | None => {}
                    Some(_) => out.diagnostics.push(Diagnostic::error(
                        Code::InvalidType,
                        root.nearest("items").span,
                        "items: json: cannot unmarshal object into Go struct field List.items of type []runtime.RawExtension",
                    )),
                }
            } else {
                load_object(root, out, limits);
            }
        }
        _ => out.diagnostics.push(
            Diagnostic::error(Code::NotAnObject, root.span, "error validating data: this document is not a Kubernetes object (expected a mapping with apiVersion and kind)")
                .with_hint(Say::NotAnObject),
        ),
    }
}

fn load_object(mut root: Node, out: &mut Manifest, limits: &Limits) {
    if out.objects.len() >= limits.max_objects {
        if !out.truncated {
            out.truncated = true;
            out.diagnostics.push(Diagnostic::own(
                Severity::Error,
                Code::InputTooLarge,
                root.span,
                Say::TooManyObjects {
                    max: limits.max_objects,
                },
            ));
        }
        return;
    }
    let api_version = root
        .get("apiVersion")
        .and_then(Node::as_str)
        .unwrap_or_default()
        .to_string();
    let kind = root
        .get("kind")
        .and_then(Node::as_str)
        .unwrap_or_default()
        .to_string();
    let mut missing = Vec::new();
    if api_version.is_empty() {
        missing.push("apiVersion not set");
    }
    if kind.is_empty() {
        missing.push("kind not set");
    }
    if !missing.is_empty() {
        out.diagnostics.push(
            Diagnostic::error(
                Code::MissingTypeInfo,
                root.span,
                format!("error validating data: [{}]", missing.join(", ")),
            )
            .with_hint(Say::TypeInfo),
        );
        return;
    }
    let mut api_version = api_version;
    if let Some((new, release)) = removed::lookup(&api_version, &kind) {
        let span = root
            .entry("apiVersion")
            .map(|(_, v)| v.span)
            .unwrap_or(root.span);
        out.diagnostics.push(
            Diagnostic::warning(
                Code::RemovedApi,
                span,
                format!("no matches for kind \"{kind}\" in version \"{api_version}\": {api_version} {kind} was removed in Kubernetes {release}"),
            )
            .with_hint(Say::RemovedApi { api_version: new.to_string() }),
        );
        removed::convert(&mut root, &kind, &api_version, new);
        api_version = new.to_string();
    }

    let meta = root.get("metadata");
    let name = meta
        .and_then(|m| m.get("name"))
        .and_then(Node::as_str)
        .unwrap_or_default()
        .to_string();
    let namespaced = kinds::is_namespaced(&api_version, &kind);
    let namespace = namespaced.then(|| {
        meta.and_then(|m| m.get("namespace"))
            .and_then(Node::as_str)
            .filter(|s| !s.is_empty())
            .unwrap_or("default")
            .to_string()
    });
    let labels = meta
        .and_then(|m| m.get("labels"))
        .map(|l| match &l.value {
            Value::Map(entries) => entries
                .iter()
                .filter_map(|(k, v)| Some((k.as_str()?.to_string(), v.as_str()?.to_string())))
                .collect(),
            _ => BTreeMap::new(),
        })
        .unwrap_or_default();

    let mut typed = None;
    let mut repaired: Vec<String> = Vec::new();
    let mut unknown_kind = false;
    match decode_lenient(&api_version, &kind, &root) {
        Some((result, unknown, errors)) => {
            for u in unknown {
                let mut d = Diagnostic::error(
                    Code::UnknownField,
                    u.span,
                    format!("strict decoding error: unknown field \"{}\"", u.path),
                );
                if let Some(m) = did_you_mean(&u.key, u.accepted.iter().copied()) {
                    d = d.with_hint(Say::DidYouMean(m.to_string()));
                } else {
                    d = d.with_hint(Say::AcceptedFields {
                        path: parent_path(&u.path).to_string(),
                        fields: u.accepted.iter().map(|f| f.to_string()).collect(),
                    });
                }
                out.diagnostics.push(d);
            }
            for e in errors {
                repaired.push(e.path.clone());
                let span = e.span.unwrap_or(root.span);
                let (code, message) = if e.message == "Required value" {
                    (Code::RequiredValue, format!("{}: Required value", e.path))
                } else {
                    (
                        Code::InvalidType,
                        format!(
                            "{kind} in version \"{}\" cannot be handled as a {kind}: {}",
                            version_of(&api_version),
                            e.message
                        ),
                    )
                };
                let mut d = Diagnostic::error(code, span, message);
                if let Some(h) = type_hint(&e.message) {
                    d = d.with_hint(h);
                }
                out.diagnostics.push(d);
            }
            typed = result;
        }
        None => {
            let group_builtin = kinds::BUILTIN_GROUP_VERSIONS.contains(&api_version.as_str());
            let untyped = kinds::UNTYPED_BUILTIN
                .iter()
                .any(|(g, k)| *g == api_version && *k == kind);
            if group_builtin && !untyped {
                unknown_kind = true;
                let span = root.entry("kind").map(|(_, v)| v.span).unwrap_or(root.span);
                let mut d = Diagnostic::error(
                    Code::UnknownKind,
                    span,
                    format!("no matches for kind \"{kind}\" in version \"{api_version}\""),
                );
                let same_kind = kinds::KNOWN.iter().find(|(_, k, _)| *k == kind);
                if let Some((gv, _, _)) = same_kind {
                    d = d.with_hint(Say::ServedAs {
                        kind: kind.clone(),
                        api_version: gv.to_string(),
                    });
                } else if let Some(k) = did_you_mean(&kind, kinds::KNOWN.iter().map(|(_, k, _)| *k))
                {
                    d = d.with_hint(Say::DidYouMeanKind(k.to_string()));
                }
                out.diagnostics.push(d);
            }
        }
    }

    let object = Object {
        api_version,
        kind,
        name,
        namespace,
        labels,
        node: root,
        typed,
    };
    let mut found = Vec::new();
    if !unknown_kind {
        checks::metadata(&object, &mut found);
    }
    checks::workload(&object, &mut found);
    checks::host_path(&object, &mut found);
    if object.typed.is_some() {
        checks::required(&object, &mut found);
        batch::check(&object, &mut found);
    }
    // A field already reported as the wrong type was read as unset; its "Required value" is noise.
    let about_repaired = |d: &Diagnostic| {
        repaired.iter().any(|p| {
            !p.is_empty()
                && d.message
                    .strip_prefix(p.as_str())
                    .is_some_and(|rest| rest.starts_with(['.', ':', '[']))
        })
    };
    out.diagnostics
        .extend(found.into_iter().filter(|d| !about_repaired(d)));
    out.objects.push(object);
}

/// Decodes a known kind; a value of the wrong type is reported and then read as unset, so one bad
/// field does not hide the rest of the object (up to `MAX_RETRIES` bad fields).
fn decode_lenient(
    api_version: &str,
    kind: &str,
    root: &Node,
) -> Option<(Option<Typed>, Vec<de::UnknownField>, Vec<de::DecodeError>)> {
    const MAX_RETRIES: usize = 16;
    let mut node = std::borrow::Cow::Borrowed(root);
    let mut errors: Vec<de::DecodeError> = Vec::new();
    for _ in 0..MAX_RETRIES {
        let (result, unknown) = kinds::decode_typed(api_version, kind, &node)?;
        match result {
            Ok(t) => return Some((Some(t), unknown, errors)),
            Err(e) => {
                let target = node.to_mut().at_path_mut(&e.path);
                let repaired = match target {
                    Some(n) if !e.path.is_empty() && n.value != Value::Null => {
                        n.value = Value::Null;
                        true
                    }
                    _ => false,
                };
                errors.push(e);
                if !repaired {
                    return Some((None, unknown, errors));
                }
            }
        }
    }
    let (_, unknown) = kinds::decode_typed(api_version, kind, &node)?;
    Some((None, unknown, errors))
}

fn parent_path(path: &str) -> &str {
    match path.rsplit_once('.') {
        Some((p, _)) => p,
        None => "the object",
    }
}

fn version_of(api_version: &str) -> &str {
    api_version.rsplit('/').next().unwrap_or(api_version)
}

fn type_hint(message: &str) -> Option<Say> {
    if message.contains("cannot unmarshal string into") && message.contains("int") {
        Some(Say::Number)
    } else if message.contains("cannot unmarshal number into")
        && message.ends_with("of type string")
    {
        Some(Say::QuoteNumber)
    } else if message.contains("cannot unmarshal bool into") && message.ends_with("of type string")
    {
        Some(Say::QuoteBool)
    } else if message.contains("cannot unmarshal object into") && message.contains("of type array")
    {
        Some(Say::List)
    } else if message.contains("cannot unmarshal array into") {
        Some(Say::NotList)
    } else {
        None
    }
}

#[cfg(test)]
mod loader_tests {
    use super::*;

    /// Everything a read gives, as text, to compare two reads.
    fn shown(m: &Manifest) -> String {
        format!("{:?}\n{:?}\n{}", m.objects, m.diagnostics, m.truncated)
    }

    /// A Loader fed one edit after another gives, at every step, what a fresh read of the same
    /// text gives: unchanged documents move with the lines above them, changed ones are read anew.
    #[test]
    fn reusing_unchanged_documents_gives_what_a_fresh_read_gives() {
        let web = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n";
        let svc = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: wbe}\n  ports:\n  - port: 80\n";
        let cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  labels: {bad label: x}\ndata: {a: b}\n";
        let steps = [
            format!("{web}---\n{svc}---\n{cm}"),
            format!("{web}---\n{svc}---\n{cm}"),
            format!("# three lines\n# above\n# it all\n{web}---\n{svc}---\n{cm}"),
            format!("{web}---\n{cm}---\n{svc}"),
            format!("{web}---\n{web}---\n{svc}"),
            format!(
                "{web}---\n{}---\n{svc}",
                web.replace("replicas: 2", "replicas: [")
            ),
            format!(
                "{web}---\n\n\n---\n{}---\n{svc}",
                web.replace("replicas: 2", "replicas: [")
            ),
            svc.to_string(),
            String::new(),
            format!("{cm}---\n{cm}"),
        ];
        let mut loader = Loader::default();
        for (i, text) in steps.iter().enumerate() {
            let again = loader.load(text, Limits::PAGE);
            let fresh = load_within(text, Limits::PAGE);
            assert_eq!(shown(&again), shown(&fresh), "step {i}");
        }
    }

    /// Limits still hold when documents are reused: the object limit and the node budget.
    #[test]
    fn reused_documents_count_against_the_limits() {
        let one = |i: usize| format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c{i}\n");
        let text: String = (0..6).map(|i| format!("{}---\n", one(i))).collect();
        let limits = Limits {
            max_objects: 4,
            ..Limits::PAGE
        };
        let mut loader = Loader::default();
        for round in 0..3 {
            let again = loader.load(&text, limits);
            let fresh = load_within(&text, limits);
            assert_eq!(shown(&again), shown(&fresh), "round {round}");
            assert_eq!(again.objects.len(), 4);
        }
        // A document that makes no object still meets the limit (it is where a fresh read says
        // "more than 4 objects").
        let kindless = "apiVersion: v1\nmetadata:\n  name: nothing\n";
        let mut loader = Loader::default();
        let before: String = (0..3).map(|i| format!("{}---\n", one(i))).collect();
        for (round, text) in [
            format!("{before}{kindless}---\n{}", one(9)),
            format!("{before}{}---\n{kindless}---\n{}", one(7), one(9)),
            format!("{before}{}---\n{}---\n{kindless}", one(7), one(8)),
        ]
        .iter()
        .enumerate()
        {
            assert_eq!(
                shown(&loader.load(text, limits)),
                shown(&load_within(text, limits)),
                "kind-less round {round}"
            );
        }
        let tight = Limits {
            max_nodes: 30,
            ..Limits::PAGE
        };
        let mut loader = Loader::default();
        for round in 0..3 {
            assert_eq!(
                shown(&loader.load(&text, tight)),
                shown(&load_within(&text, tight)),
                "round {round}"
            );
        }
    }
}
