//! Label selectors with Kubernetes' semantics: the string syntax (`app=web,tier in (a,b),!canary`) and
//! `LabelSelector` objects (`matchLabels` + `matchExpressions`).
//!
//! The one thing to know: an empty selector matches everything, a missing one (`Selector::Nothing`)
//! matches nothing, exactly as `metav1.LabelSelectorAsSelector` decides. `Display` prints the canonical
//! form, which parses back to the same selector.

mod lex;
mod object;
mod parse;

use std::collections::BTreeMap;
use std::fmt;

pub use object::{from_label_selector, FieldError};
pub use parse::parse;

/// How a requirement relates a label's value to its values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operator {
    In,
    NotIn,
    Equals,
    DoubleEquals,
    NotEquals,
    Exists,
    DoesNotExist,
    GreaterThan,
    LessThan,
}

/// One condition on one label key; `values` is sorted and free of duplicates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Requirement {
    pub key: String,
    pub operator: Operator,
    pub values: Vec<String>,
}

/// A parsed selector: requirements sorted by key (all must hold), or `Nothing`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selector {
    Nothing,
    Requirements(Vec<Requirement>),
}

/// Why a selector string did not parse; `offset` is the byte where the offending token starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SelectorError {
    pub message: String,
    pub offset: usize,
}

impl fmt::Display for SelectorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// A set of labels, as Kubernetes keeps them.
pub type Labels = BTreeMap<String, String>;

impl Requirement {
    /// apimachinery's `Requirement.Matches`.
    pub fn matches(&self, labels: &Labels) -> bool {
        let value = labels.get(&self.key);
        match self.operator {
            Operator::In | Operator::Equals | Operator::DoubleEquals => {
                value.is_some_and(|v| self.values.iter().any(|x| x == v))
            }
            Operator::NotIn | Operator::NotEquals => {
                value.is_none_or(|v| !self.values.iter().any(|x| x == v))
            }
            Operator::Exists => value.is_some(),
            Operator::DoesNotExist => value.is_none(),
            Operator::GreaterThan | Operator::LessThan => {
                let (Some(v), [want]) = (value, self.values.as_slice()) else {
                    return false;
                };
                match (v.parse::<i64>(), want.parse::<i64>()) {
                    (Ok(have), Ok(want)) => {
                        if self.operator == Operator::GreaterThan {
                            have > want
                        } else {
                            have < want
                        }
                    }
                    _ => false,
                }
            }
        }
    }
}

impl fmt::Display for Requirement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.operator == Operator::DoesNotExist {
            f.write_str("!")?;
        }
        f.write_str(&self.key)?;
        let op = match self.operator {
            Operator::Equals => "=",
            Operator::DoubleEquals => "==",
            Operator::NotEquals => "!=",
            Operator::In => " in ",
            Operator::NotIn => " notin ",
            Operator::GreaterThan => ">",
            Operator::LessThan => "<",
            Operator::Exists | Operator::DoesNotExist => return Ok(()),
        };
        f.write_str(op)?;
        let set = matches!(self.operator, Operator::In | Operator::NotIn);
        if set {
            f.write_str("(")?;
        }
        f.write_str(&self.values.join(","))?;
        if set {
            f.write_str(")")?;
        }
        Ok(())
    }
}

impl Selector {
    /// The selector that matches every object.
    pub fn everything() -> Selector {
        Selector::Requirements(Vec::new())
    }

    pub fn matches(&self, labels: &Labels) -> bool {
        match self {
            Selector::Nothing => false,
            Selector::Requirements(reqs) => reqs.iter().all(|r| r.matches(labels)),
        }
    }

    /// True for the selector that matches everything.
    pub fn is_empty(&self) -> bool {
        matches!(self, Selector::Requirements(r) if r.is_empty())
    }

    pub fn requirements(&self) -> &[Requirement] {
        match self {
            Selector::Nothing => &[],
            Selector::Requirements(r) => r,
        }
    }

    /// A selector that matches exactly the given labels (`SelectorFromSet`).
    pub fn from_set(labels: &Labels) -> Selector {
        Selector::Requirements(
            labels
                .iter()
                .map(|(k, v)| Requirement {
                    key: k.clone(),
                    operator: Operator::Equals,
                    values: vec![v.clone()],
                })
                .collect(),
        )
    }
}

impl fmt::Display for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Selector::Nothing => Ok(()),
            Selector::Requirements(reqs) => {
                for (i, r) in reqs.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write!(f, "{r}")?;
                }
                Ok(())
            }
        }
    }
}

/// A selector in the string syntax, or a `LabelSelector` object in flow YAML (`{matchLabels: {app: web}}`),
/// as the CLI's `-l` and the selector tester accept it. Errors are one line of text.
pub fn parse_any(input: &str) -> Result<Selector, String> {
    if !input.trim_start().starts_with('{') {
        return parse(input).map_err(|e| e.message);
    }
    let doc = crate::manifest::yaml::parse_stream(input)
        .into_iter()
        .next()
        .ok_or("empty selector object")?;
    if let Some(e) = doc.error {
        return Err(format!("yaml: column {}: {}", e.pos.col, e.message));
    }
    let node = doc.root.ok_or("empty selector object")?;
    let (ls, unknown) = crate::manifest::de::decode::<
        k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector,
    >(&node);
    if let Some(u) = unknown.first() {
        return Err(format!(
            "strict decoding error: unknown field \"{}\"",
            u.path
        ));
    }
    let ls = ls.map_err(|e| format!("{}: {}", e.path, e.message))?;
    from_label_selector(&ls).map_err(|errs| {
        errs.iter()
            .map(|e| {
                if e.path.is_empty() {
                    e.message.clone()
                } else {
                    format!("{}: {}", e.path, e.message)
                }
            })
            .collect::<Vec<_>>()
            .join("; ")
    })
}

/// Labels as `k=v,k2=v2`, the way kubectl prints them in `--show-labels`.
pub fn format_labels(labels: &Labels) -> String {
    labels
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests;
