//! Kinds kept as written, with server metadata (uid, creationTimestamp, resourceVersion), that no
//! simulated controller acts on yet: listed by NAME and AGE and described in a short generic form.

use serde_json::Value;

use crate::manifest::Object;
use crate::sim::apply::{ApplyOutcome, Failure};
use crate::sim::Cluster;

/// `kubectl apply` of a decoded object of a kind kept as JSON.
pub(super) fn apply(c: &mut Cluster, obj: &Object, ns: &str) -> Result<ApplyOutcome, Failure> {
    c.apply_other(obj, ns, as_written(obj))
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
    crate::sim::print::describe_generic(out, &v.value);
    Some(())
}
