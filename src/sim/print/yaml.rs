//! JSON values printed as block-style YAML, for `-o yaml`. Strings that YAML would read as something
//! else (numbers, booleans, null, or text with special characters) are double-quoted.

use serde_json::Value;

pub fn to_yaml(v: &Value) -> String {
    let mut out = String::new();
    block(&mut out, v, 0);
    out
}

fn scalar(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => string(s),
        Value::Array(a) if a.is_empty() => "[]".into(),
        Value::Object(o) if o.is_empty() => "{}".into(),
        _ => String::new(),
    }
}

fn string(s: &str) -> String {
    let plain = !s.is_empty()
        && !s.starts_with(|c: char| c.is_whitespace() || "-?:,[]{}#&*!|>'\"%@`~".contains(c))
        && !s.ends_with(char::is_whitespace)
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.contains('\n')
        && !s.chars().any(|c| c.is_control())
        && s.parse::<f64>().is_err()
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n" | "null" | "~"
        );
    if plain {
        s.to_string()
    } else {
        serde_json::to_string(s).unwrap_or_default()
    }
}

fn is_scalar(v: &Value) -> bool {
    match v {
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => true,
    }
}

fn block(out: &mut String, v: &Value, indent: usize) {
    let pad = " ".repeat(indent);
    match v {
        Value::Object(o) if !o.is_empty() => {
            for (k, val) in o {
                if is_scalar(val) {
                    out.push_str(&format!("{pad}{}: {}\n", string(k), scalar(val)));
                } else {
                    out.push_str(&format!("{pad}{}:\n", string(k)));
                    let child = if val.is_array() { indent } else { indent + 2 };
                    block(out, val, child);
                }
            }
        }
        Value::Array(a) if !a.is_empty() => {
            for item in a {
                if is_scalar(item) {
                    out.push_str(&format!("{pad}- {}\n", scalar(item)));
                } else {
                    let mut inner = String::new();
                    block(&mut inner, item, indent + 2);
                    // The first line of the item goes after the dash.
                    let body = inner
                        .strip_prefix(&" ".repeat(indent + 2))
                        .unwrap_or(&inner);
                    out.push_str(&format!("{pad}- {body}"));
                }
            }
        }
        other => out.push_str(&format!("{pad}{}\n", scalar(other))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn yaml_reads_back_as_the_same_json() {
        let v = json!({"apiVersion": "v1", "items": [{"a": 1, "b": ["x", "true", "1.5"]}, "s: t"], "e": {}, "n": null, "multi": "a\nb"});
        let text = to_yaml(&v);
        let docs = crate::manifest::yaml::parse_stream(&text);
        let root = docs
            .first()
            .and_then(|d| d.root.clone())
            .unwrap_or_else(|| panic!("no document in {text}"));
        let (back, _) = crate::manifest::de::decode::<Value>(&root);
        assert_eq!(back.unwrap_or(Value::Null), v, "{text}");
    }
}
