//! Kinds kept as written, with server metadata (uid, creationTimestamp, resourceVersion), that no
//! simulated controller acts on yet: listed by NAME and AGE and described in a short generic form.

use serde_json::Value;

use crate::manifest::Object;
use crate::sim::apply::{ApplyOutcome, Failure};
use crate::sim::Cluster;

/// `kubectl apply` of a decoded object of a kind kept as JSON.
pub(super) fn apply(
    c: &mut Cluster,
    obj: &Object,
    ns: &str,
    applied: Option<String>,
) -> Result<ApplyOutcome, Failure> {
    c.apply_other(obj, ns, as_written(obj), applied)
}

/// The object as its text has it, as JSON: what is kept for a kind no controller reads (not
/// through its typed form, whose encoder the page would otherwise carry for every kind).
pub(crate) fn as_written(obj: &Object) -> Value {
    crate::manifest::de::decode::<Value>(&obj.node)
        .0
        .unwrap_or(Value::Null)
}

/// The generic `describe` of an object kept as JSON.
pub(crate) fn describe(
    out: &mut String,
    c: &Cluster,
    kind: &str,
    ns: &str,
    name: &str,
) -> Option<()> {
    let v = c
        .store
        .others
        .get(&(kind.to_string(), ns.to_string(), name.to_string()))?;
    if kind == "PodDisruptionBudget" {
        describe_budget(out, &v.value);
    } else {
        crate::sim::print::describe_generic(out, &v.value);
    }
    Some(())
}

/// describe.go describePodDisruptionBudgetV1: the budget, its selector and its status.
fn describe_budget(out: &mut String, v: &Value) {
    use crate::sim::print::describe::realign;
    let text = |p: &str| v.pointer(p).and_then(Value::as_str).unwrap_or("");
    let intstr = |p: &str| match v.pointer(p) {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let mut head = format!(
        "Name: {}\nNamespace: {}\n",
        text("/metadata/name"),
        text("/metadata/namespace")
    );
    if let Some(m) = intstr("/spec/minAvailable") {
        head.push_str(&format!("Min available: {m}\n"));
    } else if let Some(m) = intstr("/spec/maxUnavailable") {
        head.push_str(&format!("Max unavailable: {m}\n"));
    }
    let selector = crate::sim::controllers::disruption::label_selector(v)
        .map(|s| crate::sim::print::describe::selector_text(&s))
        .map(|s| {
            if s.is_empty() {
                "<none>".to_string()
            } else {
                s
            }
        })
        .unwrap_or_else(|| "<unset>".into());
    head.push_str(&format!("Selector: {selector}\n"));
    out.push_str(&realign(&head));
    out.push_str("Status:\n");
    let n = |p: &str| v.pointer(p).and_then(Value::as_i64).unwrap_or(0);
    let rows = [
        ("Allowed disruptions", n("/status/disruptionsAllowed")),
        ("Current", n("/status/currentHealthy")),
        ("Desired", n("/status/desiredHealthy")),
        ("Total", n("/status/expectedPods")),
    ];
    for (label, value) in rows {
        crate::sim::print::describe::line_in(out, 26, &format!("    {label}"), value);
    }
}
