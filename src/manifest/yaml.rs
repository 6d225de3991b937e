//! Span-aware YAML: text → documents of `Node`s that remember their line and column.
//!
//! The one thing to know: reading never fails as a whole. The text is cut into documents at `---`
//! lines first, so a syntax error stops only its own document; every error comes back with a position.
//! Aliases, nesting and node counts are bounded, so a hostile input cannot exhaust memory.

use saphyr_parser::{Event, Parser, ScalarStyle};

/// A position: 1-based line and 1-based column, counted in characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

/// A range of text from `start` to `end` (exclusive).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    pub start: Pos,
    pub end: Pos,
}

impl Span {
    pub fn at(line: u32, col: u32) -> Span {
        let p = Pos { line, col };
        Span { start: p, end: p }
    }

    /// The same span `delta` lines further down (up, when negative).
    pub fn shifted(self, delta: i64) -> Span {
        let line = |l: u32| (i64::from(l) + delta).clamp(1, i64::from(u32::MAX)) as u32;
        Span {
            start: Pos {
                line: line(self.start.line),
                col: self.start.col,
            },
            end: Pos {
                line: line(self.end.line),
                col: self.end.col,
            },
        }
    }
}

/// A YAML value, resolved the way Kubernetes' YAML reader resolves plain scalars (YAML 1.1 booleans).
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    /// Entries in source order; keys are always `Value::Str`.
    Map(Vec<(Node, Node)>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Span,
}

impl Node {
    pub fn new(value: Value, span: Span) -> Node {
        Node { value, span }
    }

    /// Moves the node and everything under it `delta` lines.
    pub fn shift(&mut self, delta: i64) {
        self.span = self.span.shifted(delta);
        match &mut self.value {
            Value::Seq(items) => items.iter_mut().for_each(|n| n.shift(delta)),
            Value::Map(entries) => {
                for (k, v) in entries {
                    k.shift(delta);
                    v.shift(delta);
                }
            }
            _ => {}
        }
    }

    /// The value under a key of a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|(_, v)| v)
    }

    /// The key node and value node of a mapping entry.
    pub fn entry(&self, key: &str) -> Option<(&Node, &Node)> {
        match &self.value {
            Value::Map(entries) => entries
                .iter()
                .find(|(k, _)| matches!(&k.value, Value::Str(s) if s == key))
                .map(|(k, v)| (k, v)),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// Follows a field path such as `spec.template.spec.containers[0].ports`.
    pub fn at_path(&self, path: &str) -> Option<&Node> {
        let mut node = self;
        for seg in segments(path) {
            node = match (seg, &node.value) {
                (Segment::Index(i), Value::Seq(items)) => items.get(i)?,
                (Segment::Index(_), _) => return None,
                (Segment::Key(k), _) => node.get(k)?,
            };
        }
        Some(node)
    }

    /// Mutable access to the node at a field path.
    pub fn at_path_mut(&mut self, path: &str) -> Option<&mut Node> {
        let mut node = self;
        for seg in segments(path) {
            node = match seg {
                Segment::Index(i) => match &mut node.value {
                    Value::Seq(items) => items.get_mut(i)?,
                    _ => return None,
                },
                Segment::Key(k) => node.get_mut(k)?,
            };
        }
        Some(node)
    }

    fn get_mut(&mut self, key: &str) -> Option<&mut Node> {
        match &mut self.value {
            Value::Map(entries) => entries
                .iter_mut()
                .find(|(k, _)| matches!(&k.value, Value::Str(s) if s == key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// The deepest node on `path` that exists: where to point when the rest is missing.
    pub fn nearest(&self, path: &str) -> &Node {
        let mut best = self;
        let mut acc = String::new();
        for part in path.split('.') {
            if !acc.is_empty() {
                acc.push('.');
            }
            acc.push_str(part);
            match self.at_path(&acc) {
                Some(n) => best = n,
                None => break,
            }
        }
        best
    }

    /// The key node for the last segment of `path`, when it names a mapping entry.
    pub fn key_at_path(&self, path: &str) -> Option<&Node> {
        let (parent, last) = match path.rsplit_once('.') {
            Some((p, l)) => (self.at_path(p)?, l),
            None => (self, path),
        };
        if last.contains('[') {
            return None;
        }
        parent.entry(last).map(|(k, _)| k)
    }
}

/// One step of a field path: a mapping key, or a list index (`[0]`).
#[derive(Clone, Copy)]
enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

/// `spec.containers[0].ports` → Key(spec), Key(containers), Index(0), Key(ports). A bracketed part that
/// is not a number (`labels[app]`) is a key.
fn segments(path: &str) -> impl Iterator<Item = Segment<'_>> {
    path.split('.').filter(|p| !p.is_empty()).flat_map(|part| {
        let (name, rest) = part.split_at(part.find('[').unwrap_or(part.len()));
        let name = (!name.is_empty()).then_some(Segment::Key(name));
        let indexes = rest.split('[').filter(|s| !s.is_empty()).map(|idx| {
            let idx = idx.trim_end_matches(']');
            idx.parse::<usize>()
                .map_or(Segment::Key(idx), Segment::Index)
        });
        name.into_iter().chain(indexes)
    })
}

/// A YAML syntax problem.
#[derive(Clone, Debug, PartialEq)]
pub struct YamlError {
    pub message: String,
    pub pos: Pos,
}

/// One document of the stream: its root (None when it held only comments) and its first and last line.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub root: Option<Node>,
    pub first_line: u32,
    pub last_line: u32,
    pub error: Option<YamlError>,
}

/// Bounds on what one input may expand to.
pub const MAX_NODES: usize = 200_000;
pub const MAX_DEPTH: usize = 100;

enum Frame {
    Seq {
        items: Vec<Node>,
        start: Pos,
        anchor: usize,
    },
    Map {
        entries: Vec<(Node, Node)>,
        key: Option<Node>,
        start: Pos,
        anchor: usize,
    },
}

/// Resolves a plain scalar as go-yaml v2 (what kubectl uses) does for the common cases.
fn resolve_plain(s: &str) -> Value {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" | "y" | "Y" => {
            return Value::Bool(true)
        }
        "false" | "False" | "FALSE" | "no" | "No" | "NO" | "off" | "Off" | "OFF" | "n" | "N" => {
            return Value::Bool(false)
        }
        ".inf" | ".Inf" | ".INF" | "+.inf" => return Value::Float(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => return Value::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Value::Float(f64::NAN),
        _ => {}
    }
    let b = s.as_bytes();
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    let neg = s.starts_with('-');
    if let Some(hex) = digits.strip_prefix("0x") {
        if let Ok(v) = i64::from_str_radix(hex, 16) {
            return Value::Int(if neg { -v } else { v });
        }
    }
    if let Some(oct) = digits.strip_prefix("0o") {
        if let Ok(v) = i64::from_str_radix(oct, 8) {
            return Value::Int(if neg { -v } else { v });
        }
    }
    if !digits.is_empty() && digits.bytes().all(|c| c.is_ascii_digit()) {
        if digits.len() > 1 && digits.starts_with('0') {
            if let Ok(v) = i64::from_str_radix(digits, 8) {
                return Value::Int(if neg { -v } else { v });
            }
        }
        return match s.parse::<i64>() {
            Ok(v) => Value::Int(v),
            Err(_) => s
                .parse::<f64>()
                .map(Value::Float)
                .unwrap_or_else(|_| Value::Str(s.to_string())),
        };
    }
    let floaty = b
        .iter()
        .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'-' | b'+'))
        && b.iter().any(|c| c.is_ascii_digit())
        && b.iter().filter(|c| **c == b'.').count() <= 1;
    if floaty {
        if let Ok(f) = s.parse::<f64>() {
            return Value::Float(f);
        }
    }
    Value::Str(s.to_string())
}

fn count_nodes(n: &Node) -> usize {
    match &n.value {
        Value::Seq(items) => 1 + items.iter().map(count_nodes).sum::<usize>(),
        Value::Map(e) => {
            1 + e
                .iter()
                .map(|(k, v)| count_nodes(k) + count_nodes(v))
                .sum::<usize>()
        }
        _ => 1,
    }
}

/// Is this line a document separator (`---`, `--- # comment`, `--- value`)?
fn is_separator(line: &str) -> bool {
    line.trim_end_matches(['\n', '\r'])
        .strip_prefix("---")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t', '\r']))
}

/// Reads a whole stream. Never panics; bounded by `MAX_NODES` and `MAX_DEPTH`.
pub fn parse_stream(text: &str) -> Vec<Document> {
    parse_stream_within(text, MAX_NODES)
}

/// Reads a whole stream of at most `max_nodes` nodes (aliases expanded) and `MAX_DEPTH` levels.
pub fn parse_stream_within(text: &str, max_nodes: usize) -> Vec<Document> {
    let mut docs = Vec::new();
    let mut budget = max_nodes;
    for (first_line, chunk) in chunks(text) {
        parse_chunk(chunk, first_line, (&mut budget, max_nodes), &mut docs);
    }
    docs
}

/// The text cut at separator lines, with the line each piece starts on; each piece starts with its
/// separator, so lines keep their numbers.
pub(crate) fn chunks(text: &str) -> Vec<(u32, &str)> {
    let mut chunks = Vec::new();
    let mut start = 0usize;
    let mut start_line = 1u32;
    let mut offset = 0usize;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if i > 0 && is_separator(line) {
            chunks.push((start_line, &text[start..offset]));
            start = offset;
            start_line = i as u32 + 1;
        }
        offset += line.len();
    }
    chunks.push((start_line, &text[start..]));
    chunks
}

fn pos_of(m: &saphyr_parser::Marker, line_offset: u32) -> Pos {
    Pos {
        line: (m.line() as u32).saturating_add(line_offset),
        col: m.col() as u32 + 1,
    }
}

/// `pos` moved onto the text of `chunk` (whose first line is `off + 1`): the end of its line when
/// it lies past it, the end of the last line when below it. The scanner counts some columns in
/// bytes, not characters (an unprintable character after multi-byte ones), which can point past
/// the end of a line.
fn within(chunk: &str, off: u32, pos: Pos) -> Pos {
    let lines: Vec<&str> = chunk.split('\n').collect();
    let index = (pos.line.saturating_sub(off + 1) as usize).min(lines.len() - 1);
    let width = lines[index].trim_end_matches('\r').chars().count() as u32;
    Pos {
        line: off + 1 + index as u32,
        col: pos.col.clamp(1, width + 1),
    }
}

/// Parses one piece of [`chunks`] into its documents, spending the node budget.
pub(crate) fn parse_chunk(
    chunk: &str,
    first_line: u32,
    (budget, max_nodes): (&mut usize, usize),
    docs: &mut Vec<Document>,
) {
    let last_line = first_line + chunk.lines().count().max(1) as u32 - 1;
    let off = first_line - 1;
    let mut parser = Parser::new_from_str(chunk);
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: std::collections::HashMap<usize, Node> = std::collections::HashMap::new();
    let mut root: Option<Node> = None;
    let mut in_doc = false;
    let mut produced = 0usize;
    let mut doc_first = first_line;

    let finish = |root: &mut Option<Node>,
                  error: Option<YamlError>,
                  doc_first: u32,
                  docs: &mut Vec<Document>| {
        docs.push(Document {
            root: root.take(),
            first_line: doc_first,
            last_line,
            error,
        });
    };

    loop {
        let ev = match parser.next_event() {
            None => break,
            Some(Ok(ev)) => ev,
            Some(Err(e)) => {
                let error = YamlError {
                    message: e.info().to_string(),
                    pos: within(chunk, off, pos_of(e.marker(), off)),
                };
                root = None;
                finish(&mut root, Some(error), doc_first, docs);
                return;
            }
        };
        let (event, span) = ev;
        let start = pos_of(&span.start, off);
        let end = pos_of(&span.end, off);
        let mut done: Option<(Node, usize)> = None;
        match event {
            Event::StreamStart | Event::StreamEnd | Event::Nothing => {}
            Event::DocumentStart(_) => {
                in_doc = true;
                doc_first = if produced == 0 {
                    first_line
                } else {
                    start.line
                };
            }
            Event::DocumentEnd => {
                if in_doc {
                    finish(&mut root, None, doc_first, docs);
                    produced += 1;
                }
                in_doc = false;
                anchors.clear();
            }
            Event::Alias(id) => match anchors.get(&id) {
                Some(n) => {
                    let size = count_nodes(n);
                    if size > *budget {
                        let error = YamlError {
                            message: format!("aliases expand to more than {max_nodes} nodes; the document is too large"),
                            pos: start,
                        };
                        finish(&mut root, Some(error), doc_first, docs);
                        return;
                    }
                    *budget -= size;
                    let mut n = n.clone();
                    n.span = Span { start, end };
                    done = Some((n, 0));
                }
                None => {
                    let error = YamlError {
                        message: "unknown anchor".into(),
                        pos: start,
                    };
                    finish(&mut root, Some(error), doc_first, docs);
                    return;
                }
            },
            Event::Scalar(text, style, anchor, tag) => {
                let forced_str = tag.as_ref().is_some_and(|t| t.suffix == "str");
                let value = if style == ScalarStyle::Plain && !forced_str {
                    resolve_plain(&text)
                } else {
                    Value::Str(text.into_owned())
                };
                done = Some((Node::new(value, Span { start, end }), anchor));
            }
            Event::SequenceStart(anchor, _) => {
                stack.push(Frame::Seq {
                    items: Vec::new(),
                    start,
                    anchor,
                });
            }
            Event::MappingStart(anchor, _) => {
                stack.push(Frame::Map {
                    entries: Vec::new(),
                    key: None,
                    start,
                    anchor,
                });
            }
            Event::SequenceEnd => {
                if let Some(Frame::Seq {
                    items,
                    start: s,
                    anchor,
                }) = stack.pop()
                {
                    done = Some((Node::new(Value::Seq(items), Span { start: s, end }), anchor));
                }
            }
            Event::MappingEnd => {
                if let Some(Frame::Map {
                    entries,
                    start: s,
                    anchor,
                    ..
                }) = stack.pop()
                {
                    done = Some((
                        Node::new(Value::Map(entries), Span { start: s, end }),
                        anchor,
                    ));
                }
            }
        }
        if stack.len() > MAX_DEPTH {
            let error = YamlError {
                message: format!("nesting is deeper than {MAX_DEPTH} levels"),
                pos: start,
            };
            finish(&mut root, Some(error), doc_first, docs);
            return;
        }
        if let Some((node, anchor)) = done {
            if *budget == 0 {
                let error = YamlError {
                    message: format!("the input has more than {max_nodes} nodes"),
                    pos: start,
                };
                finish(&mut root, Some(error), doc_first, docs);
                return;
            }
            *budget -= 1;
            if anchor > 0 {
                anchors.insert(anchor, node.clone());
            }
            match stack.last_mut() {
                None => root = Some(node),
                Some(Frame::Seq { items, .. }) => items.push(node),
                Some(Frame::Map { entries, key, .. }) => match key.take() {
                    None => {
                        let k = match node.value {
                            Value::Str(_) => node,
                            Value::Null => Node::new(Value::Str(String::new()), node.span),
                            Value::Bool(b) => Node::new(Value::Str(b.to_string()), node.span),
                            Value::Int(i) => Node::new(Value::Str(i.to_string()), node.span),
                            Value::Float(f) => Node::new(Value::Str(f.to_string()), node.span),
                            // A complex key: kept as text so the document still loads.
                            _ => Node::new(Value::Str("<complex key>".into()), node.span),
                        };
                        *key = Some(k);
                    }
                    Some(k) => entries.push((k, node)),
                },
            }
        }
    }
    if in_doc {
        finish(&mut root, None, doc_first, docs);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Node {
        parse_stream(text)
            .into_iter()
            .find_map(|d| d.root)
            .expect("a document")
    }

    #[test]
    fn scalars_resolve_like_kubectl() {
        let cases: &[(&str, Value)] = &[
            ("3", Value::Int(3)),
            ("-3", Value::Int(-3)),
            ("0x1F", Value::Int(31)),
            ("0755", Value::Int(493)),
            ("1.5", Value::Float(1.5)),
            ("1e3", Value::Float(1000.0)),
            ("yes", Value::Bool(true)),
            ("off", Value::Bool(false)),
            ("true", Value::Bool(true)),
            ("~", Value::Null),
            ("nginx:1.14", Value::Str("nginx:1.14".into())),
            ("1.14.1", Value::Str("1.14.1".into())),
            ("inf", Value::Str("inf".into())),
            ("'3'", Value::Str("3".into())),
            ("\"yes\"", Value::Str("yes".into())),
            ("!!str 3", Value::Str("3".into())),
        ];
        for (src, want) in cases {
            let n = one(&format!("a: {src}\n"));
            assert_eq!(&n.get("a").unwrap().value, want, "{src}");
        }
    }

    #[test]
    fn positions_and_paths() {
        let n = one("kind: Pod\nspec:\n  containers:\n  - name: web\n    image: nginx\n");
        let image = n.at_path("spec.containers[0].image").unwrap();
        assert_eq!(image.span.start, Pos { line: 5, col: 12 });
        assert_eq!(
            n.key_at_path("spec.containers").unwrap().span.start,
            Pos { line: 3, col: 3 }
        );
        assert!(n.at_path("spec.containers[1]").is_none());
    }

    #[test]
    fn error_positions_stay_on_their_line() {
        // The scanner reports an unprintable character after multi-byte ones at a byte column
        // (found by the manifest fuzz target): the position is kept on the line's text.
        // In a directive the scanner counts bytes: kept at the end of the line.
        let docs = parse_stream("%r\u{FFFD}\u{FFFD}\u{FFFD}\u{1}\0 x\n: *");
        let e = docs
            .iter()
            .find_map(|d| d.error.as_ref())
            .expect("an error");
        assert_eq!(e.pos, Pos { line: 1, col: 10 }, "{e:?}");
        // In a value it counts characters: the position is the character's own.
        let docs = parse_stream("a: \u{FFFD}\u{FFFD}\u{FFFD}\u{1}\0\n");
        let e = docs
            .iter()
            .find_map(|d| d.error.as_ref())
            .expect("an error");
        assert_eq!(e.pos, Pos { line: 1, col: 8 }, "{e:?}");
    }

    #[test]
    fn one_bad_document_keeps_the_others() {
        let docs = parse_stream("a: 1\n---\nb: [\n---\nc: 3\n");
        assert_eq!(docs.len(), 3);
        assert!(docs[0].error.is_none() && docs[2].error.is_none());
        assert!(docs[1].error.is_some());
        assert_eq!(
            docs[2]
                .root
                .as_ref()
                .unwrap()
                .get("c")
                .unwrap()
                .span
                .start
                .line,
            5
        );
    }

    #[test]
    fn misindented_key_is_a_syntax_error_on_its_line() {
        let text = "spec:\n  containers:\n    - name: nginx\n      image: nginx\n    ports:\n      - containerPort: 80\n";
        let docs = parse_stream(text);
        let err = docs[0].error.as_ref().expect("syntax error");
        assert_eq!(err.pos.line, 5, "{err:?}");
    }

    #[test]
    fn alias_bombs_are_bounded() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            text.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
        }
        let docs = parse_stream(&text);
        assert!(docs[0]
            .error
            .as_ref()
            .unwrap()
            .message
            .contains("aliases expand"));
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let text = "[".repeat(5000);
        let docs = parse_stream(&text);
        assert!(docs[0].error.is_some());
    }

    #[test]
    fn json_and_comments() {
        let n = one("{\"kind\": \"List\", \"items\": []}");
        assert_eq!(n.get("kind").unwrap().as_str(), Some("List"));
        let docs = parse_stream("# only a comment\n---\n# another\n");
        assert!(docs
            .iter()
            .all(|d| d.root.as_ref().is_none_or(|r| r.value == Value::Null) && d.error.is_none()));
    }
}
