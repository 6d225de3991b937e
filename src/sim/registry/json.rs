//! Kinds kept as written, with server metadata (uid, creationTimestamp, resourceVersion), that no
//! simulated controller acts on yet: listed by NAME and AGE and described in a short generic form.

use serde_json::Value;

use crate::manifest::Object;
use crate::sim::apply::{invalid, ApplyOutcome, Failure};
use crate::sim::Cluster;

/// `kubectl apply` of a decoded object of a kind kept as JSON.
pub(super) fn apply(c: &mut Cluster, obj: &Object, ns: &str) -> Result<ApplyOutcome, Failure> {
    let value = obj
        .typed
        .as_ref()
        .map(|t| t.to_json())
        .unwrap_or(Value::Null);
    c.apply_other(obj, ns, value)
}

/// The update rules the API server keeps for these kinds: a Job's Pod template is immutable
/// (ValidateJobUpdate).
pub(crate) fn validate_update(obj: &Object, old: &Value, new: &Value) -> Result<(), Failure> {
    if obj.kind == "Job" && obj.api_version == "batch/v1" {
        let a = old.pointer("/spec/template");
        let b = new.pointer("/spec/template");
        if a != b {
            return Err(invalid(
                "Job.batch",
                &obj.name,
                "spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable"
                    .into(),
            ));
        }
    }
    Ok(())
}

/// The generic `describe` of an object kept as JSON.
pub(crate) fn describe(
    out: &mut String,
    c: &Cluster,
    kind: &str,
    ns: &str,
    name: &str,
) -> Option<()> {
    let v = c.store.get_json(kind, ns, name)?;
    crate::sim::print::describe_generic(out, &v);
    Some(())
}
