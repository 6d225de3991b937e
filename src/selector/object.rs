//! `LabelSelector` objects: the API server's validation (`ValidateLabelSelector`) and the conversion
//! to a `Selector` (`LabelSelectorAsSelector`).

use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;

use super::parse::new_requirement;
use super::{Operator, Selector};
use crate::validation::{go_quote, is_qualified_name, is_valid_label_value};

/// A validation problem at a path relative to the selector (`matchExpressions[0].values`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub path: String,
    pub message: String,
}

fn push(errs: &mut Vec<FieldError>, path: String, message: String) {
    errs.push(FieldError { path, message });
}

/// Validates a LabelSelector as the API server does and converts it; errors come back with their path.
pub fn from_label_selector(ls: &LabelSelector) -> Result<Selector, Vec<FieldError>> {
    let mut errs = Vec::new();
    let mut reqs = Vec::new();
    if let Some(labels) = &ls.match_labels {
        for (k, v) in labels {
            let ke = is_qualified_name(k);
            if !ke.is_empty() {
                push(
                    &mut errs,
                    "matchLabels".into(),
                    format!("Invalid value: {}: {}", go_quote(k), ke.join("; ")),
                );
            }
            for m in is_valid_label_value(v) {
                push(
                    &mut errs,
                    "matchLabels".into(),
                    format!("Invalid value: {}: {m}", go_quote(v)),
                );
            }
            reqs.push((k.clone(), Operator::Equals, vec![v.clone()]));
        }
    }
    for (i, e) in ls.match_expressions.iter().flatten().enumerate() {
        let at = format!("matchExpressions[{i}]");
        let values = e.values.clone().unwrap_or_default();
        let op = match e.operator.as_str() {
            "In" => Some(Operator::In),
            "NotIn" => Some(Operator::NotIn),
            "Exists" => Some(Operator::Exists),
            "DoesNotExist" => Some(Operator::DoesNotExist),
            _ => None,
        };
        match op {
            Some(Operator::In | Operator::NotIn) if values.is_empty() => push(
                &mut errs,
                format!("{at}.values"),
                "Required value: must be specified when `operator` is 'In' or 'NotIn'".into(),
            ),
            Some(Operator::Exists | Operator::DoesNotExist) if !values.is_empty() => push(
                &mut errs,
                format!("{at}.values"),
                "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"
                    .into(),
            ),
            None => push(
                &mut errs,
                format!("{at}.operator"),
                format!(
                    "Invalid value: {}: not a valid selector operator",
                    go_quote(&e.operator)
                ),
            ),
            _ => {}
        }
        let ke = is_qualified_name(&e.key);
        if !ke.is_empty() {
            push(
                &mut errs,
                format!("{at}.key"),
                format!("Invalid value: {}: {}", go_quote(&e.key), ke.join("; ")),
            );
        }
        for (j, v) in values.iter().enumerate() {
            for m in is_valid_label_value(v) {
                push(
                    &mut errs,
                    format!("{at}.values[{j}]"),
                    format!("Invalid value: {}: {m}", go_quote(v)),
                );
            }
        }
        if let Some(op) = op {
            reqs.push((e.key.clone(), op, values));
        }
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    let mut out = Vec::new();
    for (k, op, v) in reqs {
        match new_requirement(k, op, v, 0) {
            Ok(r) => out.push(r),
            Err(e) => push(&mut errs, String::new(), e.message),
        }
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    crate::sort::by(&mut out, |a, b| a.key.cmp(&b.key));
    Ok(Selector::Requirements(out))
}
