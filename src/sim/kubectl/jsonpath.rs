//! kubectl's JSONPath templates (k8s.io/client-go/util/jsonpath): text with `{…}` actions —
//! fields (`.metadata.name`, `['app.kubernetes.io/name']`), indexes and slices of one (`[0]`,
//! `[-1]`), every element (`[*]`), filters (`[?(@.type=="Ready")]`), recursive descent
//! (`..image`), quoted text (`{"\n"}`) and `{range …}…{end}`. Several results print separated by
//! a space, strings as they are and everything else as JSON.
//!
//! Left out: slices with steps, unions (`[0,1]`), filters other than `==` and `!=` and existence.

use serde_json::Value;

#[derive(Clone, Debug, PartialEq)]
enum Seg {
    Field(String),
    Index(i64),
    All,
    Descend(String),
    Filter {
        path: Vec<Seg>,
        test: Option<(bool, Value)>,
    },
}

#[derive(Clone, Debug, PartialEq)]
enum Node {
    Text(String),
    Path(Vec<Seg>),
    Range(Vec<Seg>, Vec<Node>),
}

/// The most nesting and the most nodes a template may have.
const MAX_DEPTH: usize = 16;
const MAX_OUTPUT: usize = 4 * 1024 * 1024;

/// Prints `template` over `v`.
pub fn render(template: &str, v: &Value) -> Result<String, String> {
    let mut pos = 0;
    let nodes = parse_nodes(template, &mut pos, 0)?;
    if pos < template.len() {
        return Err("not in range, nothing to end".into());
    }
    let mut out = String::new();
    run(&nodes, v, v, &mut out)?;
    Ok(out)
}

/// One custom-columns path (`.metadata.name` or `{.metadata.name}`) over an object.
pub fn eval_field(v: &Value, path: &str) -> Result<Vec<Value>, String> {
    let p = path.trim();
    let p = p
        .strip_prefix('{')
        .and_then(|p| p.strip_suffix('}'))
        .unwrap_or(p);
    let segs = parse_path(p)?;
    Ok(apply(&segs, v, v))
}

/// A value as a template prints it.
pub fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn parse_nodes(t: &str, pos: &mut usize, depth: usize) -> Result<Vec<Node>, String> {
    if depth > MAX_DEPTH {
        return Err("the template nests too deep".into());
    }
    let mut nodes = Vec::new();
    while *pos < t.len() {
        let rest = &t[*pos..];
        let Some(open) = rest.find('{') else {
            nodes.push(Node::Text(rest.to_string()));
            *pos = t.len();
            break;
        };
        if open > 0 {
            nodes.push(Node::Text(rest[..open].to_string()));
        }
        let body_start = *pos + open + 1;
        let close = close_of(t, body_start).ok_or_else(|| format!("unclosed action"))?;
        let body = t[body_start..close].trim();
        *pos = close + 1;
        if body == "end" {
            if depth == 0 {
                return Err("not in range, nothing to end".into());
            }
            return Ok(nodes);
        }
        if let Some(expr) = body.strip_prefix("range ") {
            let segs = parse_path(expr.trim())?;
            let inner = parse_nodes(t, pos, depth + 1)?;
            nodes.push(Node::Range(segs, inner));
            continue;
        }
        if let Some(q) = quoted(body) {
            nodes.push(Node::Text(q));
            continue;
        }
        nodes.push(Node::Path(parse_path(body)?));
    }
    if depth > 0 {
        return Err("unclosed range".into());
    }
    Ok(nodes)
}

/// Where the `}` closing an action is, quotes skipped.
fn close_of(t: &str, from: usize) -> Option<usize> {
    let mut quote = None;
    for (i, ch) in t[from..].char_indices() {
        match (quote, ch) {
            (None, '"' | '\'') => quote = Some(ch),
            (Some(q), c) if c == q => quote = None,
            (None, '}') => return Some(from + i),
            _ => {}
        }
    }
    None
}

/// `"text"` with Go's escapes (`\n`, `\t`, `\"`, `\\`).
fn quoted(body: &str) -> Option<String> {
    let inner = body.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some(o) => out.push(o),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    Some(out)
}

fn parse_path(p: &str) -> Result<Vec<Seg>, String> {
    let chars: Vec<char> = p.chars().collect();
    let mut i = 0;
    let mut segs = Vec::new();
    if chars.first() == Some(&'$') || chars.first() == Some(&'@') {
        i = 1;
    }
    while i < chars.len() {
        match chars[i] {
            '.' if chars.get(i + 1) == Some(&'.') => {
                i += 2;
                let name = ident(&chars, &mut i);
                if name.is_empty() {
                    return Err(format!("unrecognized identifier in {p}"));
                }
                segs.push(Seg::Descend(name));
            }
            '.' => {
                i += 1;
                let name = ident(&chars, &mut i);
                if !name.is_empty() {
                    segs.push(Seg::Field(name));
                }
            }
            '[' => {
                let end =
                    bracket_end(&chars, i).ok_or_else(|| format!("unterminated array in {p}"))?;
                let inside: String = chars[i + 1..end].iter().collect();
                i = end + 1;
                let inside = inside.trim();
                if inside == "*" {
                    segs.push(Seg::All);
                } else if let Some(f) = inside.strip_prefix("?(").and_then(|f| f.strip_suffix(')'))
                {
                    segs.push(filter(f)?);
                } else if let Some(k) = quoted(inside).or_else(|| {
                    inside
                        .strip_prefix('\'')
                        .and_then(|k| k.strip_suffix('\''))
                        .map(String::from)
                }) {
                    segs.push(Seg::Field(k));
                } else {
                    match inside.parse::<i64>() {
                        Ok(n) => segs.push(Seg::Index(n)),
                        Err(_) => return Err(format!("invalid array index {inside}")),
                    }
                }
            }
            c if c.is_alphanumeric() || c == '_' => {
                let name = ident(&chars, &mut i);
                segs.push(Seg::Field(name));
            }
            ' ' => i += 1,
            c => {
                return Err(format!(
                    "unrecognized character in action: U+{:04X} {c:?}",
                    c as u32
                ))
            }
        }
    }
    Ok(segs)
}

fn ident(chars: &[char], i: &mut usize) -> String {
    let start = *i;
    while *i < chars.len() && !matches!(chars[*i], '.' | '[' | ' ' | ')' | '=' | '!') {
        *i += 1;
    }
    chars[start..*i].iter().collect()
}

fn bracket_end(chars: &[char], open: usize) -> Option<usize> {
    let mut depth = 0;
    let mut quote = None;
    for (k, &c) in chars.iter().enumerate().skip(open) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '[') => depth += 1,
            (None, ']') => {
                depth -= 1;
                if depth == 0 {
                    return Some(k);
                }
            }
            _ => {}
        }
    }
    None
}

/// `@.type=="Ready"`, `@.x!='a'`, `@.ready==true`, `@.name` (exists).
fn filter(f: &str) -> Result<Seg, String> {
    let (lhs, test) = if let Some((l, r)) = f.split_once("==") {
        (l, Some((true, r)))
    } else if let Some((l, r)) = f.split_once("!=") {
        (l, Some((false, r)))
    } else {
        (f, None)
    };
    let path = parse_path(lhs.trim())?;
    let test = match test {
        None => None,
        Some((eq, r)) => {
            let r = r.trim();
            let v = match quoted(r).or_else(|| {
                r.strip_prefix('\'')
                    .and_then(|k| k.strip_suffix('\''))
                    .map(String::from)
            }) {
                Some(s) => Value::String(s),
                None => {
                    serde_json::from_str(r).map_err(|_| format!("unrecognized filter value {r}"))?
                }
            };
            Some((eq, v))
        }
    };
    Ok(Seg::Filter { path, test })
}

fn apply(segs: &[Seg], root: &Value, current: &Value) -> Vec<Value> {
    let _ = root;
    let mut vals = vec![current.clone()];
    for seg in segs {
        let mut next = Vec::new();
        for v in &vals {
            match seg {
                Seg::Field(name) => {
                    if let Some(x) = v.get(name.as_str()) {
                        next.push(x.clone());
                    }
                }
                Seg::Index(n) => {
                    if let Some(a) = v.as_array() {
                        let k = if *n < 0 { a.len() as i64 + n } else { *n };
                        if let Some(x) = usize::try_from(k).ok().and_then(|k| a.get(k)) {
                            next.push(x.clone());
                        }
                    }
                }
                Seg::All => match v {
                    Value::Array(a) => next.extend(a.iter().cloned()),
                    Value::Object(m) => next.extend(m.values().cloned()),
                    _ => {}
                },
                Seg::Descend(name) => descend(v, name, &mut next),
                Seg::Filter { path, test } => {
                    if let Some(a) = v.as_array() {
                        for item in a {
                            let got = apply(path, root, item);
                            let keep = match test {
                                None => !got.is_empty(),
                                Some((eq, want)) => got.iter().any(|g| g == want) == *eq,
                            };
                            if keep {
                                next.push(item.clone());
                            }
                        }
                    }
                }
            }
        }
        vals = next;
    }
    vals
}

fn descend(v: &Value, name: &str, out: &mut Vec<Value>) {
    match v {
        Value::Object(m) => {
            if let Some(x) = m.get(name) {
                out.push(x.clone());
            }
            for x in m.values() {
                descend(x, name, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| descend(x, name, out)),
        _ => {}
    }
}

fn run(nodes: &[Node], root: &Value, current: &Value, out: &mut String) -> Result<(), String> {
    for n in nodes {
        if out.len() > MAX_OUTPUT {
            return Err("the output is too long".into());
        }
        match n {
            Node::Text(t) => out.push_str(t),
            Node::Path(segs) => {
                let vals = apply(segs, root, current);
                out.push_str(&vals.iter().map(text).collect::<Vec<_>>().join(" "));
            }
            Node::Range(segs, inner) => {
                for item in apply(segs, root, current) {
                    run(inner, root, &item, out)?;
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_print_as_kubectl_prints_them() {
        let list = serde_json::json!({
            "kind": "List",
            "items": [
                {"metadata": {"name": "web-0", "labels": {"app.kubernetes.io/name": "web"}},
                 "spec": {"containers": [{"image": "nginx:1.27"}, {"image": "busybox"}]},
                 "status": {"conditions": [{"type": "Ready", "status": "True"}, {"type": "Initialized", "status": "True"}], "podIP": "10.244.1.2"}},
                {"metadata": {"name": "web-1"},
                 "spec": {"containers": [{"image": "nginx:1.28"}]},
                 "status": {"conditions": [{"type": "Ready", "status": "False"}]}}
            ]
        });
        let cases = [
            ("{.items[*].metadata.name}", "web-0 web-1"),
            ("{.items[0].metadata.name}", "web-0"),
            ("{.items[-1].metadata.name}", "web-1"),
            (
                "{range .items[*]}{.metadata.name}{\"\\n\"}{end}",
                "web-0\nweb-1\n",
            ),
            (
                "{range .items[*]}{.metadata.name}{\"\\t\"}{.status.podIP}{\"\\n\"}{end}",
                "web-0\t10.244.1.2\nweb-1\t\n",
            ),
            (
                "{.items[*].status.conditions[?(@.type==\"Ready\")].status}",
                "True False",
            ),
            ("{.items[?(@.status.podIP)].metadata.name}", "web-0"),
            ("{..image}", "nginx:1.27 busybox nginx:1.28"),
            (
                "{.items[0].metadata.labels['app.kubernetes.io/name']}",
                "web",
            ),
            ("name: {.items[1].metadata.name}!", "name: web-1!"),
            (
                "{.items[0].spec.containers[0]}",
                "{\"image\":\"nginx:1.27\"}",
            ),
            ("{.kind}", "List"),
            ("{$.kind}", "List"),
            ("{.nothing}", ""),
        ];
        for (t, want) in cases {
            assert_eq!(render(t, &list).as_deref(), Ok(want), "{t}");
        }
    }

    #[test]
    fn bad_templates_are_errors_not_panics() {
        let v = serde_json::json!({});
        for t in [
            "{.items[",
            "{range .items[*]}",
            "{end}",
            "{.a[x]}",
            "{.a",
            "{range {range",
        ] {
            assert!(render(t, &v).is_err(), "{t}");
        }
        let deep = "{range .a}".repeat(40);
        assert!(render(&deep, &v).is_err());
    }

    #[test]
    fn custom_columns_take_paths_with_or_without_braces() {
        let v = serde_json::json!({"metadata": {"name": "a"}, "spec": {"containers": [{"image": "x"}, {"image": "y"}]}});
        assert_eq!(
            eval_field(&v, ".metadata.name").unwrap(),
            [Value::from("a")]
        );
        assert_eq!(
            eval_field(&v, "{.metadata.name}").unwrap(),
            [Value::from("a")]
        );
        assert_eq!(
            eval_field(&v, ".spec.containers[*].image").unwrap(),
            [Value::from("x"), Value::from("y")]
        );
    }
}
