//! `kubectl patch`'s three patch types, applied to an object's JSON as the API server applies
//! them: a JSON merge patch (RFC 7386) and a JSON patch (RFC 6902) as evanphx/json-patch v4 does
//! (the version the apiserver vendors), and a strategic merge patch as apimachinery's
//! `strategicpatch` does, with the merge keys of the built-in types' `patchStrategy` and
//! `patchMergeKey` struct tags (`list_strategy`).
//!
//! The one thing to know: these are the server's algorithms, quirks included, not the RFCs' or
//! the docs' idealisations. A strategic merge puts the list items it adds *before* the items it
//! keeps (`mergeSortedSlice`); a JSON patch `replace` of a missing object key adds it; a JSON patch
//! that fails to apply comes back as a bare 422 whose cause only the server's log sees
//! ([`PatchError::Invalid`]). What a patch produces is not validated here: the caller sends it
//! through the kind's strategy as any update, and that is where unknown fields are dropped.

// Until `kubectl patch` calls in: nothing outside this file does yet.
#![allow(dead_code)]

use std::fmt;

use serde_json::{Map, Value};

use crate::validation::go_quote;

type Object = Map<String, Value>;

/// Patches nested deeper than this are refused before they are read: every algorithm here
/// recurses along the patch.
const MAX_DEPTH: usize = 100;

/// apiserver `endpoints/handlers/patch.go`: `maxJSONPatchOperations`.
const MAX_JSON_PATCH_OPERATIONS: usize = 10_000;

/// `negotiation.NewUnsupportedMediaTypeError` over the patch types a custom resource accepts:
/// the answer to a strategic merge patch of a kind the server has no Go type for.
const UNSUPPORTED_MEDIA_TYPE: &str = "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml";

/// `apierrors.NewGenericServerResponse` for a 422: what the server says instead of the cause.
const REJECTED: &str = "the server rejected our request due to an error in our request";

// strategicpatch/patch.go: the directives.
const PATCH: &str = "$patch";
const RETAIN_KEYS: &str = "$retainKeys";
const DELETE_FROM_PRIMITIVE_LIST: &str = "$deleteFromPrimitiveList";
const SET_ELEMENT_ORDER: &str = "$setElementOrder";

// mergepatch/errors.go: the errors the apiserver answers with a 400.
const ERR_PRIMITIVE_LIST: &str = "invalid patch format of primitive list";
const ERR_RETAIN_KEYS: &str = "invalid patch format of retainKeys";
const ERR_SET_ELEMENT_ORDER: &str = "invalid patch format of setElementOrder list";
// ... and the one it answers with a 422.
const ERR_LIST_OF_LISTS: &str = "lists of lists are not supported";

/// Which patch `--type` names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PatchType {
    Strategic,
    Merge,
    Json,
}

impl PatchType {
    /// kubectl `patch.go` `Validate`: the name in any case; none at all is the default,
    /// strategic.
    pub(crate) fn parse(s: &str) -> Result<PatchType, String> {
        match s.to_lowercase().as_str() {
            "" | "strategic" => Ok(PatchType::Strategic),
            "merge" => Ok(PatchType::Merge),
            "json" => Ok(PatchType::Json),
            _ => Err(format!(
                "--type must be one of [json merge strategic], not {}",
                go_quote(s)
            )),
        }
    }
}

/// How the API server refused a patch: the status it answers with, and the cause in the words
/// of the library that found it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum PatchError {
    /// 400: the patch could not be read, or a directive is malformed.
    BadRequest(String),
    /// 413: a JSON patch of more than 10000 operations.
    RequestEntityTooLarge(String),
    /// 415: a strategic merge patch of a kind with no Go type (a custom resource).
    UnsupportedMediaType,
    /// 422: the patch did not apply (a JSON patch's missing path or failed `test`). The server
    /// answers with a generic message; the cause here is json-patch's (or strategicpatch's).
    Invalid(String),
    /// 500 with no reason: an error strategicpatch returns as a plain Go error (a missing merge
    /// key, an unknown `$patch`), which the server passes through as it is.
    Internal(String),
}

impl PatchError {
    /// The status's HTTP code.
    pub(crate) fn code(&self) -> u16 {
        match self {
            PatchError::BadRequest(_) => 400,
            PatchError::RequestEntityTooLarge(_) => 413,
            PatchError::UnsupportedMediaType => 415,
            PatchError::Invalid(_) => 422,
            PatchError::Internal(_) => 500,
        }
    }

    /// The status's `reason` (empty for the pass-through 500).
    pub(crate) fn reason(&self) -> &'static str {
        match self {
            PatchError::BadRequest(_) => "BadRequest",
            PatchError::RequestEntityTooLarge(_) => "RequestEntityTooLarge",
            PatchError::UnsupportedMediaType => "UnsupportedMediaType",
            PatchError::Invalid(_) => "Invalid",
            PatchError::Internal(_) => "",
        }
    }

    /// The status's `message`, as the server sends it.
    pub(crate) fn message(&self) -> String {
        match self {
            PatchError::BadRequest(m) | PatchError::Internal(m) => m.clone(),
            PatchError::RequestEntityTooLarge(m) => format!("Request entity too large: {m}"),
            PatchError::UnsupportedMediaType => UNSUPPORTED_MEDIA_TYPE.to_string(),
            PatchError::Invalid(_) => REJECTED.to_string(),
        }
    }

    /// The line kubectl prints for it (`cmdutil.CheckErr`).
    pub(crate) fn kubectl_message(&self) -> String {
        match self {
            PatchError::Invalid(_) => format!("The request is invalid: {}", self.message()),
            PatchError::Internal(m) => format!("Error from server: {m}"),
            _ => format!("Error from server ({}): {}", self.reason(), self.message()),
        }
    }
}

/// The cause: for all but [`PatchError::Invalid`] the same as [`PatchError::message`].
impl fmt::Display for PatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PatchError::Invalid(cause) => f.write_str(cause),
            other => f.write_str(&other.message()),
        }
    }
}

/// Applies `patch` to `target` (an object as JSON: apiVersion, kind, metadata, spec...). Returns
/// the patched object or the error's cause as upstream words it (see [`try_apply`] for the
/// status around it).
pub(crate) fn apply(target: &Value, patch: &Value, ty: PatchType) -> Result<Value, String> {
    try_apply(target, patch, ty).map_err(|e| e.to_string())
}

/// [`apply`], with the refusal as the status the API server answers.
pub(crate) fn try_apply(target: &Value, patch: &Value, ty: PatchType) -> Result<Value, PatchError> {
    // The content type is checked before the body is read.
    if ty == PatchType::Strategic && !accepts_strategic(target) {
        return Err(PatchError::UnsupportedMediaType);
    }
    if nested_deeper_than(patch, MAX_DEPTH) {
        return Err(PatchError::BadRequest(format!(
            "error decoding patch: the patch is nested deeper than {MAX_DEPTH} levels"
        )));
    }
    match ty {
        PatchType::Json => json_patch(target, patch),
        PatchType::Merge => merge_request(target, patch),
        PatchType::Strategic => strategic_merge(target, patch),
    }
}

/// Whether the server has a Go type for the object's kind, which a strategic merge patch needs
/// for its struct tags: the built-in kinds, typed here or not.
fn accepts_strategic(target: &Value) -> bool {
    use crate::manifest::kinds::{KNOWN, UNTYPED_BUILTIN};
    let field = |name: &str| target.get(name).and_then(Value::as_str).unwrap_or("");
    let (api_version, kind) = (field("apiVersion"), field("kind"));
    KNOWN
        .iter()
        .any(|&(gv, k, _)| gv == api_version && k == kind)
        || UNTYPED_BUILTIN
            .iter()
            .any(|&(gv, k)| gv == api_version && k == kind)
}

/// Whether some object or array in `v` is more than `limit` levels deep (the outermost is 1).
/// Iterative, so that the check itself cannot overflow the stack.
fn nested_deeper_than(v: &Value, limit: usize) -> bool {
    let mut stack = vec![(v, 1)];
    while let Some((v, depth)) = stack.pop() {
        let children: Box<dyn Iterator<Item = &Value>> = match v {
            Value::Array(a) => Box::new(a.iter()),
            Value::Object(m) => Box::new(m.values()),
            _ => continue,
        };
        if depth > limit {
            return true;
        }
        stack.extend(children.map(|c| (c, depth + 1)));
    }
    false
}

/// `json: cannot unmarshal array into Go value of type T`, as encoding/json words a value of the
/// wrong shape.
fn cannot_unmarshal(v: &Value, into: &str) -> String {
    format!(
        "json: cannot unmarshal {} into Go value of type {into}",
        json_kind(v)
    )
}

/// The JSON kind encoding/json names in its type errors.
fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

// ---------------------------------------------------------------------------------------------
// JSON merge patch (RFC 7386): json-patch `merge.go`.

/// The server's merge patch: read into a map first (field validation is on by default, as Warn,
/// since kubectl sends no `fieldValidation`), so a patch that is not an object is a 400 before
/// json-patch sees it; json-patch itself refuses `null`.
fn merge_request(target: &Value, patch: &Value) -> Result<Value, PatchError> {
    match patch {
        Value::Object(_) => Ok(merge_patch(target, patch)),
        Value::Null => Err(PatchError::BadRequest("Invalid JSON Patch".into())),
        other => Err(PatchError::BadRequest(format!(
            "error decoding patch: {}",
            cannot_unmarshal(other, "map[string]interface {}")
        ))),
    }
}

/// RFC 7386 as json-patch `MergePatch` implements it: objects merge key by key, `null` deletes,
/// anything else replaces. A patch that is not an object replaces the whole document. Nulls in
/// a value that is added rather than merged are dropped from its objects (not from its arrays).
pub(crate) fn merge_patch(target: &Value, patch: &Value) -> Value {
    match (target, patch) {
        (Value::Object(doc), Value::Object(p)) => {
            let mut doc = doc.clone();
            merge_docs(&mut doc, p);
            Value::Object(doc)
        }
        (_, p) => pruned(p.clone()),
    }
}

fn merge_docs(doc: &mut Object, patch: &Object) {
    for (k, v) in patch {
        if v.is_null() {
            doc.remove(k);
            continue;
        }
        let merged = match doc.remove(k) {
            None | Some(Value::Null) => pruned(v.clone()),
            Some(cur) => merge_value(cur, v),
        };
        doc.insert(k.clone(), merged);
    }
}

/// json-patch `merge`: a value over what is there.
fn merge_value(cur: Value, patch: &Value) -> Value {
    match (cur, patch) {
        (Value::Object(mut doc), Value::Object(p)) => {
            merge_docs(&mut doc, p);
            Value::Object(doc)
        }
        // An object replaced by a non-object keeps the patch as written; anything else
        // replaced is pruned.
        (Value::Object(_), p) => p.clone(),
        (_, p) => pruned(p.clone()),
    }
}

/// json-patch `pruneNulls`: null members of objects removed, at any depth.
fn pruned(mut v: Value) -> Value {
    discard_nulls(&mut v);
    v
}

/// Removes null members of objects at any depth; nulls in arrays stay (json-patch
/// `pruneNulls`, strategicpatch `discardNullValuesFromPatch`).
fn discard_nulls(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.retain(|_, v| !v.is_null());
            m.values_mut().for_each(discard_nulls);
        }
        Value::Array(a) => a.iter_mut().for_each(discard_nulls),
        _ => {}
    }
}

// ---------------------------------------------------------------------------------------------
// JSON patch (RFC 6902): json-patch `patch.go` (v4).

fn json_patch(target: &Value, patch: &Value) -> Result<Value, PatchError> {
    let ops = decode_operations(patch)?;
    if ops.len() > MAX_JSON_PATCH_OPERATIONS {
        return Err(PatchError::RequestEntityTooLarge(format!(
            "The allowed maximum operations in a JSON patch is {MAX_JSON_PATCH_OPERATIONS}, got {}",
            ops.len()
        )));
    }
    let mut doc = target.clone();
    for op in &ops {
        apply_operation(&mut doc, op).map_err(PatchError::Invalid)?;
    }
    Ok(doc)
}

/// One operation; `None` for a `null` in the patch's array, which has no op.
struct Op<'a>(Option<&'a Object>);

impl<'a> Op<'a> {
    /// A string member; `None` when missing or null, which json-patch treats alike.
    fn string(&self, name: &str) -> Option<&'a str> {
        self.0?.get(name)?.as_str()
    }

    fn kind(&self) -> &'a str {
        self.string("op").unwrap_or("unknown")
    }

    /// The value; a missing one is null, as json-patch adds it.
    fn value(&self) -> Value {
        self.0
            .and_then(|m| m.get("value"))
            .cloned()
            .unwrap_or(Value::Null)
    }
}

/// The server reads a JSON patch into `[]handlers.jsonPatchOp` for field validation before
/// json-patch decodes it: a patch or an operation of the wrong shape is a 400 there.
fn decode_operations(patch: &Value) -> Result<Vec<Op<'_>>, PatchError> {
    let bad = |message: String| PatchError::BadRequest(format!("error decoding patch: {message}"));
    let items = match patch {
        Value::Null => return Ok(Vec::new()),
        Value::Array(items) => items,
        other => return Err(bad(cannot_unmarshal(other, "[]handlers.jsonPatchOp"))),
    };
    let mut ops = Vec::with_capacity(items.len());
    for item in items {
        match item {
            Value::Null => ops.push(Op(None)),
            Value::Object(m) => {
                for field in ["op", "path", "from"] {
                    match m.get(field) {
                        None | Some(Value::Null | Value::String(_)) => {}
                        Some(v) => {
                            return Err(bad(format!(
                                "json: cannot unmarshal {} into Go struct field jsonPatchOp.{field} of type string",
                                json_kind(v)
                            )))
                        }
                    }
                }
                ops.push(Op(Some(m)));
            }
            other => return Err(bad(cannot_unmarshal(other, "handlers.jsonPatchOp"))),
        }
    }
    Ok(ops)
}

/// One operation, with json-patch's error for each way it can fail.
fn apply_operation(doc: &mut Value, op: &Op<'_>) -> Result<(), String> {
    const MISSING: &str = "missing value";
    const NO_PATH: &str = "operation missing path field: missing value";
    const NO_FROM: &str = "operation, missing from field: missing value";
    match op.kind() {
        "add" => {
            let path = op
                .string("path")
                .ok_or(format!("add operation failed to decode path: {MISSING}"))?;
            let (con, key) = find_parent(doc, path).ok_or_else(|| {
                format!("add operation does not apply: doc is missing path: \"{path}\": {MISSING}")
            })?;
            container_add(con, &key, op.value())
                .map_err(|e| format!("error in add for path: '{path}': {e}"))
        }
        "remove" => {
            let path = op
                .string("path")
                .ok_or(format!("remove operation failed to decode path: {MISSING}"))?;
            let (con, key) = find_parent(doc, path).ok_or_else(|| {
                format!(
                    "remove operation does not apply: doc is missing path: \"{path}\": {MISSING}"
                )
            })?;
            container_remove(con, &key)
                .map_err(|e| format!("error in remove for path: '{path}': {e}"))
        }
        "replace" => {
            let path = op.string("path").ok_or(format!(
                "replace operation failed to decode path: {NO_PATH}"
            ))?;
            if path.is_empty() {
                let value = op.value();
                if !matches!(value, Value::Object(_) | Value::Array(_)) {
                    // Upstream wraps a nil error here, hence the `%!w(<nil>)`.
                    return Err(
                        "replace operation value must be object or array: %!w(<nil>)".into(),
                    );
                }
                *doc = value;
                return Ok(());
            }
            let (con, key) = find_parent(doc, path).ok_or_else(|| {
                format!("replace operation does not apply: doc is missing path: {path}: {MISSING}")
            })?;
            // An object's get never fails: replacing a missing key adds it (json-patch v4).
            container_get(con, &key).map_err(|_| {
                format!("replace operation does not apply: doc is missing key: {path}: {MISSING}")
            })?;
            container_set(con, &key, op.value())
                .map_err(|e| format!("error in remove for path: '{path}': {e}"))
        }
        "move" => {
            let from = op
                .string("from")
                .ok_or(format!("move operation failed to decode from: {NO_FROM}"))?;
            let (con, key) = find_parent(doc, from).ok_or_else(|| {
                format!(
                    "move operation does not apply: doc is missing from path: {from}: {MISSING}"
                )
            })?;
            let value = container_get(con, &key)
                .map_err(|e| format!("error in move for path: '{key}': {e}"))?;
            container_remove(con, &key)
                .map_err(|e| format!("error in move for path: '{key}': {e}"))?;
            let path = op
                .string("path")
                .ok_or(format!("move operation failed to decode path: {NO_PATH}"))?;
            let (con, key) = find_parent(doc, path).ok_or_else(|| {
                format!("move operation does not apply: doc is missing destination path: {path}: {MISSING}")
            })?;
            container_add(con, &key, value.unwrap_or(Value::Null))
                .map_err(|e| format!("error in move for path: '{path}': {e}"))
        }
        "copy" => {
            let from = op
                .string("from")
                .ok_or(format!("copy operation failed to decode from: {NO_FROM}"))?;
            let (con, key) = find_parent(doc, from).ok_or_else(|| {
                format!(
                    "copy operation does not apply: doc is missing from path: {from}: {MISSING}"
                )
            })?;
            // A missing object key copies as null.
            let value = container_get(con, &key)
                .map_err(|e| format!("error in copy for from: '{from}': {e}"))?
                .unwrap_or(Value::Null);
            let path = op
                .string("path")
                .ok_or(format!("copy operation failed to decode path: {MISSING}"))?;
            let (con, key) = find_parent(doc, path).ok_or_else(|| {
                format!("copy operation does not apply: doc is missing destination path: {path}: {MISSING}")
            })?;
            container_add(con, &key, value)
                .map_err(|e| format!("error while adding value during copy: {e}"))
        }
        "test" => {
            let path = op
                .string("path")
                .ok_or(format!("test operation failed to decode path: {NO_PATH}"))?;
            let failed = || format!("testing value {path} failed: test failed");
            if path.is_empty() {
                return if *doc == op.value() {
                    Ok(())
                } else {
                    Err(failed())
                };
            }
            let (con, key) = find_parent(doc, path).ok_or_else(|| {
                format!("test operation does not apply: is missing path: {path}: {MISSING}")
            })?;
            let found = container_get(con, &key)
                .map_err(|e| format!("error in test for path: '{path}': {e}"))?;
            // A missing key and a null pass a test of null or of no value.
            if found.unwrap_or(Value::Null) == op.value() {
                Ok(())
            } else {
                Err(failed())
            }
        }
        other => Err(format!("Unexpected kind: {other}")),
    }
}

/// json-patch `findObject`: the object or array a pointer's last token is looked up in, and that
/// token unescaped. None when the pointer has no `/`, or a token before the last names nothing,
/// null or a scalar. Like upstream, the text before the first `/` is not looked at.
fn find_parent<'d>(doc: &'d mut Value, path: &str) -> Option<(&'d mut Value, String)> {
    let tokens: Vec<&str> = path.split('/').collect();
    let [_, middle @ .., last] = tokens.as_slice() else {
        return None;
    };
    let mut cur = doc;
    for token in middle {
        let key = unescape(token);
        let next = match cur {
            Value::Object(m) => m.get_mut(&key)?,
            Value::Array(a) => {
                let i = existing_index(a.len(), &key).ok()?;
                &mut a[i]
            }
            _ => return None,
        };
        if !matches!(next, Value::Object(_) | Value::Array(_)) {
            return None;
        }
        cur = next;
    }
    Some((cur, unescape(last)))
}

/// RFC 6901: `~1` is `/` and `~0` is `~`, in one pass.
fn unescape(token: &str) -> String {
    let mut out = String::with_capacity(token.len());
    let mut chars = token.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('~', Some('1')) => {
                out.push('/');
                chars.next();
            }
            ('~', Some('0')) => {
                out.push('~');
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// Go's `strconv.Atoi`, with its errors.
fn atoi(s: &str) -> Result<i64, String> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "strconv.Atoi: parsing {}: invalid syntax",
            go_quote(s)
        ));
    }
    s.parse::<i64>()
        .map_err(|_| format!("strconv.Atoi: parsing {}: value out of range", go_quote(s)))
}

fn invalid_index(i: i64) -> String {
    format!("Unable to access invalid index: {i}: invalid index referenced")
}

/// An index of an existing element; negative ones count from the end (json-patch's
/// `SupportNegativeIndices`, on by default).
fn existing_index(len: usize, key: &str) -> Result<usize, String> {
    let idx = atoi(key)?;
    let len = i64::try_from(len).unwrap_or(i64::MAX);
    let i = if idx < 0 {
        if idx < -len {
            return Err(invalid_index(idx));
        }
        idx + len
    } else {
        idx
    };
    if i >= len {
        return Err(invalid_index(i));
    }
    usize::try_from(i).map_err(|_| invalid_index(i))
}

fn container_get(con: &Value, key: &str) -> Result<Option<Value>, String> {
    match con {
        Value::Object(m) => Ok(m.get(key).cloned()),
        Value::Array(a) => Ok(Some(a[existing_index(a.len(), key)?].clone())),
        _ => Err("invalid state detected".into()),
    }
}

fn container_add(con: &mut Value, key: &str, value: Value) -> Result<(), String> {
    match con {
        Value::Object(m) => {
            m.insert(key.to_string(), value);
            Ok(())
        }
        Value::Array(a) => {
            if key == "-" {
                a.push(value);
                return Ok(());
            }
            let idx = atoi(key)
                .map_err(|e| format!("value was not a proper array index: '{key}': {e}"))?;
            let size = i64::try_from(a.len() + 1).unwrap_or(i64::MAX);
            if idx >= size {
                return Err(invalid_index(idx));
            }
            let i = if idx < 0 {
                if idx < -size {
                    return Err(invalid_index(idx));
                }
                idx + size
            } else {
                idx
            };
            a.insert(usize::try_from(i).map_err(|_| invalid_index(i))?, value);
            Ok(())
        }
        _ => Err("invalid state detected".into()),
    }
}

fn container_set(con: &mut Value, key: &str, value: Value) -> Result<(), String> {
    match con {
        Value::Object(m) => {
            m.insert(key.to_string(), value);
            Ok(())
        }
        Value::Array(a) => {
            let i = existing_index(a.len(), key)?;
            a[i] = value;
            Ok(())
        }
        _ => Err("invalid state detected".into()),
    }
}

fn container_remove(con: &mut Value, key: &str) -> Result<(), String> {
    match con {
        Value::Object(m) => match m.remove(key) {
            Some(_) => Ok(()),
            None => Err(format!(
                "Unable to remove nonexistent key: {key}: missing value"
            )),
        },
        Value::Array(a) => {
            let i = existing_index(a.len(), key)?;
            a.remove(i);
            Ok(())
        }
        _ => Err("invalid state detected".into()),
    }
}

// ---------------------------------------------------------------------------------------------
// Strategic merge patch: strategicpatch `patch.go`, `StrategicMergeMapPatch` as the apiserver
// calls it (`MergeParallelList` and `IgnoreUnmatchedNulls` on).

fn strategic_merge(target: &Value, patch: &Value) -> Result<Value, PatchError> {
    let patch = match patch {
        Value::Object(p) => p,
        // Unmarshalling null into the server's map leaves it empty.
        Value::Null => return Ok(target.clone()),
        other => {
            return Err(PatchError::BadRequest(cannot_unmarshal(
                other,
                "map[string]interface {}",
            )))
        }
    };
    let merge = Strategic {
        kind: target.get("kind").and_then(Value::as_str).unwrap_or(""),
    };
    let original = target.as_object().cloned().unwrap_or_default();
    merge.merge_map(original, patch, &[]).map(Value::Object)
}

/// A strategic merge of one object: its kind says where its Pod spec is, and so which lists
/// merge on which key.
struct Strategic<'k> {
    kind: &'k str,
}

impl Strategic<'_> {
    /// strategicpatch `mergeMap`: `path` is the field names from the object's root to `original`
    /// (list items add none).
    fn merge_map<'p>(
        &self,
        mut original: Object,
        patch: &'p Object,
        path: &[&'p str],
    ) -> Result<Object, PatchError> {
        if let Some(directive) = patch.get(PATCH) {
            return directive_in_map(directive, patch);
        }
        retain_keys(&mut original, patch)?;
        let ordered = self.set_element_order(&mut original, patch, path)?;
        for (k, pv) in patch {
            let k = k.as_str();
            if k == RETAIN_KEYS || k.starts_with(SET_ELEMENT_ORDER) || ordered.contains(&k) {
                continue;
            }
            let (key, delete_list) = if k.starts_with(DELETE_FROM_PRIMITIVE_LIST) {
                let field = extract_key(k, DELETE_FROM_PRIMITIVE_LIST)
                    .ok_or_else(|| PatchError::BadRequest(ERR_PRIMITIVE_LIST.into()))?;
                (if field.is_empty() { k } else { field }, true)
            } else {
                (k, false)
            };
            if pv.is_null() {
                original.remove(key);
                continue;
            }
            let mut sub = path.to_vec();
            sub.push(key);
            let merged = match (original.remove(key), pv) {
                // A deletion list for a list that is not there adds nothing.
                (None, _) if delete_list => continue,
                (None, _) => fresh(pv),
                (Some(Value::Object(cur)), Value::Object(p)) => {
                    Some(Value::Object(if replaces_map(self.kind, &sub) {
                        p.clone()
                    } else {
                        self.merge_map(cur, p, &sub)?
                    }))
                }
                (Some(Value::Array(cur)), Value::Array(p)) => {
                    let strategy = list_strategy(self.kind, &sub);
                    Some(Value::Array(self.merge_list(
                        cur,
                        p,
                        &sub,
                        strategy,
                        delete_list,
                    )?))
                }
                (Some(cur), _) if go_type(&cur) != go_type(pv) => {
                    if delete_list {
                        original.insert(key.to_string(), cur);
                        continue;
                    }
                    fresh(pv)
                }
                (Some(_), _) => remove_directives(pv.clone()),
            };
            if let Some(v) = merged {
                original.insert(key.to_string(), v);
            }
        }
        Ok(original)
    }

    /// strategicpatch `mergeSliceHandler`: only lists with the merge strategy (and deletion
    /// lists, whatever the strategy) merge; the patch's list replaces any other as written.
    fn merge_list<'p>(
        &self,
        original: Vec<Value>,
        patch: &'p [Value],
        path: &[&'p str],
        strategy: ListStrategy,
        delete_list: bool,
    ) -> Result<Vec<Value>, PatchError> {
        if strategy.merges() || delete_list {
            self.merge_slice(original, patch, path, strategy.key(), delete_list)
        } else {
            Ok(patch.to_vec())
        }
    }

    /// strategicpatch `mergeSlice`.
    fn merge_slice<'p>(
        &self,
        original: Vec<Value>,
        patch: &'p [Value],
        path: &[&'p str],
        key: &str,
        delete_list: bool,
    ) -> Result<Vec<Value>, PatchError> {
        if original.is_empty() && patch.is_empty() {
            return Ok(original);
        }
        let element = slice_element_type(&[&original, patch])?;
        if element != GoType::Map {
            if delete_list {
                return Ok(original
                    .into_iter()
                    .filter(|v| !patch.contains(v))
                    .collect());
            }
            let mut merged: Vec<Value> = Vec::with_capacity(original.len() + patch.len());
            for v in original.iter().chain(patch) {
                if !merged.contains(v) {
                    merged.push(v.clone());
                }
            }
            let patch: Vec<&Value> = patch.iter().collect();
            let (ours, theirs) = if key.is_empty() {
                partition_primitives(merged, &patch)
            } else {
                partition_maps(merged, &patch, key)?
            };
            return normalize_element_order(ours, theirs, &patch, &original, key, false);
        }
        if key.is_empty() {
            // `schema.Name()` is the element type's kind.
            return Err(PatchError::Internal(
                "cannot merge lists without merge key for struct".into(),
            ));
        }
        let (original, patch) = special_elements(original, patch, key)?;
        let merged = self.merge_items(original.clone(), &patch, path, key)?;
        let (ours, theirs) = partition_maps(merged, &patch, key)?;
        normalize_element_order(ours, theirs, &patch, &original, key, true)
    }

    /// strategicpatch `mergeSliceWithoutSpecialElements`: each patch item merged into the item
    /// with its key, or appended (then placed by `normalize_element_order`).
    fn merge_items<'p>(
        &self,
        mut merged: Vec<Value>,
        patch: &[&'p Value],
        path: &[&'p str],
        key: &str,
    ) -> Result<Vec<Value>, PatchError> {
        for &item in patch {
            let Value::Object(m) = item else { continue };
            let Some(want) = m.get(key) else {
                return Err(PatchError::Internal(no_merge_key(m, key)));
            };
            match merged.iter().position(|o| o.get(key) == Some(want)) {
                Some(i) => {
                    let cur = match std::mem::take(&mut merged[i]) {
                        Value::Object(cur) => cur,
                        _ => Object::new(),
                    };
                    merged[i] = Value::Object(self.merge_map(cur, m, path)?);
                }
                None => merged.push(item.clone()),
            }
        }
        Ok(merged)
    }

    /// strategicpatch `mergePatchIntoOriginal`: each `$setElementOrder/<field>` merges its
    /// field's list and then orders it as the directive says (then as the patch, then as the
    /// live list). Returns the fields it merged, for `merge_map` to skip.
    fn set_element_order<'p>(
        &self,
        original: &mut Object,
        patch: &'p Object,
        path: &[&'p str],
    ) -> Result<Vec<&'p str>, PatchError> {
        let mut done = Vec::new();
        for (k, order) in patch {
            if !k.starts_with(SET_ELEMENT_ORDER) {
                continue;
            }
            let Value::Array(order) = order else {
                return Err(PatchError::Internal(bad_arg_type(GoType::Slice, order)));
            };
            let field = extract_key(k, SET_ELEMENT_ORDER)
                .ok_or_else(|| PatchError::BadRequest(ERR_SET_ELEMENT_ORDER.into()))?;
            let live = match original.get(field) {
                None => None,
                Some(Value::Array(a)) => Some(a.clone()),
                Some(other) => {
                    return Err(PatchError::Internal(bad_arg_type(GoType::Slice, other)))
                }
            };
            let patched = match patch.get(field) {
                None => None,
                Some(Value::Array(a)) => Some(a.as_slice()),
                Some(other) => {
                    return Err(PatchError::Internal(bad_arg_type(GoType::Slice, other)))
                }
            };
            let mut sub = path.to_vec();
            sub.push(field);
            let strategy = list_strategy(self.kind, &sub);
            let key = strategy.key();
            validate_patch_with_set_order_list(patched.unwrap_or_default(), order, key)?;
            let merged = match (&live, patched) {
                (Some(live), None) => live.clone(),
                (None, Some(p)) => match remove_directives(Value::Array(p.to_vec())) {
                    Some(Value::Array(a)) => a,
                    _ => continue,
                },
                (Some(live), Some(p)) => self.merge_list(live.clone(), p, &sub, strategy, false)?,
                (None, None) => continue,
            };
            let order: Vec<&Value> = order.iter().collect();
            let (ours, theirs) = if key.is_empty() {
                partition_primitives(merged, &order)
            } else {
                partition_maps(merged, &order, key)?
            };
            let live = live.unwrap_or_default();
            let element = slice_element_type(&[&live, patched.unwrap_or_default()])?;
            let both =
                normalize_element_order(ours, theirs, &order, &live, key, element == GoType::Map)?;
            original.insert(field.to_string(), Value::Array(both));
            done.push(field);
        }
        Ok(done)
    }
}

/// strategicpatch `handleDirectiveInMergeMap`: `$patch` in a map that is merged.
fn directive_in_map(directive: &Value, patch: &Object) -> Result<Object, PatchError> {
    match directive.as_str() {
        Some("replace") => {
            let mut replaced = patch.clone();
            replaced.remove(PATCH);
            Ok(replaced)
        }
        Some("delete") => Ok(Object::new()),
        _ => Err(PatchError::Internal(bad_patch_type(directive, patch))),
    }
}

/// strategicpatch `applyRetainKeysDirective`: keys of the live map that the list does not name
/// are cleared; every key the patch sets must be in the list.
fn retain_keys(original: &mut Object, patch: &Object) -> Result<(), PatchError> {
    let Some(list) = patch.get(RETAIN_KEYS) else {
        return Ok(());
    };
    let Value::Array(list) = list else {
        return Err(PatchError::BadRequest(ERR_RETAIN_KEYS.into()));
    };
    let retained = |k: &str| list.iter().any(|v| v.as_str() == Some(k));
    for (k, v) in patch {
        if k == RETAIN_KEYS
            || v.is_null()
            || k.starts_with(DELETE_FROM_PRIMITIVE_LIST)
            || k.starts_with(SET_ELEMENT_ORDER)
        {
            continue;
        }
        if !retained(k) {
            return Err(PatchError::BadRequest(ERR_RETAIN_KEYS.into()));
        }
    }
    original.retain(|k, _| retained(k));
    Ok(())
}

/// strategicpatch `extractKey`: the field after `<prefix>/`.
fn extract_key<'s>(s: &'s str, prefix: &str) -> Option<&'s str> {
    let (head, field) = s.split_once('/')?;
    (head == prefix).then_some(field)
}

/// A value the live object does not have (or has with another type), as it is added: nulls in
/// its maps dropped, and so are the maps that carry a `$patch` (strategicpatch
/// `removeDirectives`: `$patch: replace` of a map that is not there adds nothing).
fn fresh(pv: &Value) -> Option<Value> {
    let mut v = pv.clone();
    discard_nulls(&mut v);
    remove_directives(v)
}

/// strategicpatch `removeDirectives`: None when the value itself is a `$patch` map.
fn remove_directives(v: Value) -> Option<Value> {
    match v {
        Value::Object(m) => {
            if m.contains_key(PATCH) {
                return None;
            }
            Some(Value::Object(
                m.into_iter()
                    .filter_map(|(k, v)| remove_directives(v).map(|v| (k, v)))
                    .collect(),
            ))
        }
        Value::Array(a) => Some(Value::Array(
            a.into_iter().filter_map(remove_directives).collect(),
        )),
        other => Some(other),
    }
}

/// strategicpatch `mergeSliceWithSpecialElements`: the items with a `$patch` acted on (a
/// `delete` removes the live items with its key, a `replace` makes the patch's other items the
/// whole list) and left out of the patch.
fn special_elements<'p>(
    mut original: Vec<Value>,
    patch: &'p [Value],
    key: &str,
) -> Result<(Vec<Value>, Vec<&'p Value>), PatchError> {
    let mut kept = Vec::with_capacity(patch.len());
    let mut replace = false;
    for item in patch {
        let Value::Object(m) = item else { continue };
        let Some(directive) = m.get(PATCH) else {
            kept.push(item);
            continue;
        };
        match directive.as_str() {
            Some("delete") => {
                let Some(want) = m.get(key) else {
                    return Err(PatchError::Internal(no_merge_key(m, key)));
                };
                original.retain(|o| o.get(key) != Some(want));
            }
            // Later items are still read, so that their directives are checked.
            Some("replace") => replace = true,
            Some("merge") => {
                return Err(PatchError::Internal(
                    "merging lists cannot yet be specified in the patch".into(),
                ))
            }
            _ => return Err(PatchError::Internal(bad_patch_type(directive, m))),
        }
    }
    if replace {
        Ok((kept.into_iter().cloned().collect(), Vec::new()))
    } else {
        Ok((original, kept))
    }
}

/// strategicpatch `validatePatchWithSetOrderList`: the patch's items (deletions aside) appear in
/// `$setElementOrder` in the same relative order.
fn validate_patch_with_set_order_list(
    patched: &[Value],
    order: &[Value],
    key: &str,
) -> Result<(), PatchError> {
    if order.is_empty() || patched.is_empty() {
        return Ok(());
    }
    let mut items: Vec<&Value> = Vec::with_capacity(patched.len());
    for v in patched {
        if key.is_empty() {
            items.push(v);
            continue;
        }
        if !v.is_object() {
            return Err(PatchError::Internal(bad_arg_type(GoType::Map, v)));
        }
        if !is_delete_directive(v) {
            items.push(v);
        }
    }
    let (mut pi, mut oi) = (0, 0);
    while pi < items.len() && oi < order.len() {
        if items[pi].get(PATCH).is_some() {
            pi += 1;
            continue;
        }
        if merge_key_value_equal(items[pi], &order[oi], key)? {
            pi += 1;
        }
        oi += 1;
    }
    if pi < items.len() && oi >= order.len() {
        return Err(PatchError::Internal(format!(
            "The order in patch list:\n{}\n doesn't match {SET_ELEMENT_ORDER} list:\n{}\n",
            go_list(patched),
            go_list(order)
        )));
    }
    Ok(())
}

/// strategicpatch `mergeKeyValueEqual`.
fn merge_key_value_equal(left: &Value, right: &Value, key: &str) -> Result<bool, PatchError> {
    if key.is_empty() {
        return Ok(left == right);
    }
    let key_of = |v: &Value| -> Result<Value, PatchError> {
        let Value::Object(m) = v else {
            return Err(PatchError::Internal(bad_arg_type(GoType::Map, v)));
        };
        m.get(key)
            .cloned()
            .ok_or_else(|| PatchError::Internal(no_merge_key(m, key)))
    };
    Ok(key_of(left)? == key_of(right)?)
}

fn is_delete_directive(v: &Value) -> bool {
    v.get(PATCH).and_then(Value::as_str) == Some("delete")
}

/// strategicpatch `partitionPrimitivesByPresentInList`: (items in `by`, the others).
fn partition_primitives(merged: Vec<Value>, by: &[&Value]) -> (Vec<Value>, Vec<Value>) {
    merged.into_iter().partition(|v| by.contains(&v))
}

/// strategicpatch `partitionMapsByPresentInList`: (items whose key is in `by`, the others).
fn partition_maps(
    merged: Vec<Value>,
    by: &[&Value],
    key: &str,
) -> Result<(Vec<Value>, Vec<Value>), PatchError> {
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for v in merged {
        let Value::Object(m) = &v else {
            return Err(PatchError::Internal(bad_arg_type(GoType::Map, &v)));
        };
        let Some(want) = m.get(key) else {
            return Err(PatchError::Internal(no_merge_key(m, key)));
        };
        let mut found = false;
        for (i, item) in by.iter().enumerate() {
            if !item.is_object() {
                return Err(PatchError::Internal(format!(
                    "value for key {i} is not a map"
                )));
            }
            if item.get(key) == Some(want) {
                found = true;
                break;
            }
        }
        if found {
            ours.push(v);
        } else {
            theirs.push(v);
        }
    }
    Ok((ours, theirs))
}

/// strategicpatch `normalizeElementOrder`: the patch's items in the patch's order, the live
/// list's others in its order, interleaved by `merge_sorted`.
fn normalize_element_order(
    ours: Vec<Value>,
    theirs: Vec<Value>,
    patch_order: &[&Value],
    live: &[Value],
    key: &str,
    maps: bool,
) -> Result<Vec<Value>, PatchError> {
    let live: Vec<&Value> = live.iter().collect();
    let ours = normalize_slice_order(ours, patch_order, key, maps)?;
    let theirs = normalize_slice_order(theirs, &live, key, maps)?;
    Ok(merge_sorted(theirs, ours, &live, key, maps))
}

/// strategicpatch `normalizeSliceOrder`: `items` sorted by their place in `order` (stable),
/// `$patch: delete` items last.
fn normalize_slice_order(
    items: Vec<Value>,
    order: &[&Value],
    key: &str,
    maps: bool,
) -> Result<Vec<Value>, PatchError> {
    let (mut items, deletions): (Vec<Value>, Vec<Value>) = if maps {
        for v in items.iter().chain(order.iter().copied()) {
            let Value::Object(m) = v else {
                return Err(PatchError::Internal(bad_arg_type(GoType::Map, v)));
            };
            if !m.contains_key(key) {
                return Err(PatchError::Internal(no_merge_key(m, key)));
            }
        }
        items.into_iter().partition(|v| !is_delete_directive(v))
    } else {
        (items, Vec::new())
    };
    items.sort_by_key(|v| position(order, v, key, maps).unwrap_or(usize::MAX));
    items.extend(deletions);
    Ok(items)
}

/// strategicpatch `mergeSortedSlice`: each live-only item (`left`) goes before the next patch
/// item (`right`) only when both are in the live list and it was first there. A patch item new
/// to the list is in neither, so it goes first: new items lead.
fn merge_sorted(
    left: Vec<Value>,
    right: Vec<Value>,
    live: &[&Value],
    key: &str,
    maps: bool,
) -> Vec<Value> {
    let mut out = Vec::with_capacity(left.len() + right.len());
    let mut left = left.into_iter().peekable();
    let mut right = right.into_iter().peekable();
    loop {
        let take_left = match (left.peek(), right.peek()) {
            (None, None) => break,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (Some(l), Some(r)) => matches!(
                (position(live, l, key, maps), position(live, r, key, maps)),
                (Some(li), Some(ri)) if li < ri
            ),
        };
        out.extend(if take_left { left.next() } else { right.next() });
    }
    out
}

/// strategicpatch `index`: where an item is in `list`, by its merge key's value for maps (a
/// missing or null key matching another), by itself otherwise.
fn position(list: &[&Value], item: &Value, key: &str, maps: bool) -> Option<usize> {
    if maps {
        let key_of = |v: &Value| v.get(key).filter(|k| !k.is_null()).cloned();
        let want = key_of(item);
        list.iter().position(|v| key_of(v) == want)
    } else {
        list.iter().position(|v| *v == item)
    }
}

/// strategicpatch `sliceElementType`: the type all the lists' items share.
fn slice_element_type(lists: &[&[Value]]) -> Result<GoType, PatchError> {
    let not_identical = || {
        let all: Vec<String> = lists.iter().map(|l| go_list(l)).collect();
        PatchError::Internal(format!(
            "list element types are not identical: [{}]",
            all.join(" ")
        ))
    };
    let mut first = None;
    for v in lists.iter().flat_map(|l| l.iter()) {
        let t = go_type(v);
        match first {
            // Upstream panics on a null first item (a nil reflect.Type); this refuses it.
            None if t == GoType::Nil => return Err(not_identical()),
            None if t == GoType::Slice => {
                return Err(PatchError::Invalid(ERR_LIST_OF_LISTS.into()))
            }
            None => first = Some(t),
            Some(p) if p != t => return Err(not_identical()),
            Some(_) => {}
        }
    }
    first.ok_or_else(|| PatchError::Internal("no elements in any of the given slices".into()))
}

// ---------------------------------------------------------------------------------------------
// The merge keys: the `patchStrategy` and `patchMergeKey` struct tags of the built-in types
// (kubernetes/api v0.33 `core/v1`, `apps/v1`, `batch/v1`, `policy/v1`, `storage/v1`;
// apimachinery `meta/v1`).

/// A list field's `patchStrategy` and `patchMergeKey` tags.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ListStrategy {
    /// No `patchStrategy`: the patch's list replaces the live one.
    Replace,
    /// `patchStrategy:"merge" patchMergeKey:"<key>"`: items with the same key merge.
    MergeByKey(&'static str),
    /// `patchStrategy:"merge"` on a list of strings: a union.
    MergePrimitives,
}

impl ListStrategy {
    fn merges(self) -> bool {
        self != ListStrategy::Replace
    }

    fn key(self) -> &'static str {
        match self {
            ListStrategy::MergeByKey(key) => key,
            _ => "",
        }
    }
}

/// Where the kind's Pod spec is (`PodTemplateSpec.spec` for the workloads).
fn pod_spec_path(kind: &str) -> Option<&'static [&'static str]> {
    match kind {
        "Pod" => Some(&["spec"]),
        "PodTemplate" => Some(&["template", "spec"]),
        "Deployment"
        | "ReplicaSet"
        | "StatefulSet"
        | "DaemonSet"
        | "Job"
        | "ReplicationController" => Some(&["spec", "template", "spec"]),
        "CronJob" => Some(&["spec", "jobTemplate", "spec", "template", "spec"]),
        _ => None,
    }
}

/// How the list at `path` (field names from the object's root; list items add none) merges in
/// an object of `kind`. Lists inside a list that is replaced never merge, so those are left
/// out (`ContainerStatus.volumeMounts`).
pub(crate) fn list_strategy(kind: &str, path: &[&str]) -> ListStrategy {
    use ListStrategy::{MergeByKey, MergePrimitives, Replace};
    match path {
        // ObjectMeta: the object's own, and its templates' (Pod, Job, ephemeral volume claim).
        [.., "metadata", "ownerReferences"] => return MergeByKey("uid"),
        [.., "metadata", "finalizers"] => return MergePrimitives,
        _ => {}
    }
    if let Some(rel) = pod_spec_path(kind).and_then(|root| path.strip_prefix(root)) {
        return pod_spec_list(rel);
    }
    match (kind, path) {
        // PodStatus, DeploymentStatus, ... NodeStatus, NamespaceStatus,
        // PersistentVolumeClaimStatus, JobStatus, PodDisruptionBudgetStatus,
        // HorizontalPodAutoscalerStatus (autoscaling/v2), ServiceStatus: all on `type`.
        (_, ["status", "conditions"]) => MergeByKey("type"),
        ("ComponentStatus", ["conditions"]) => MergeByKey("type"),
        ("Pod", ["status", "podIPs" | "hostIPs"]) => MergeByKey("ip"),
        ("Pod", ["status", "resourceClaimStatuses"]) => MergeByKey("name"),
        ("Service", ["spec", "ports"]) => MergeByKey("port"),
        ("ServiceAccount", ["secrets"]) => MergeByKey("name"),
        ("Node", ["spec", "podCIDRs"]) => MergePrimitives,
        ("Node", ["status", "addresses"]) => MergeByKey("type"),
        ("CSINode", ["spec", "drivers"]) => MergeByKey("name"),
        // Everything else has no patchStrategy: Node `spec.taints`, PodSpec `tolerations`,
        // ServiceAccount `imagePullSecrets`, Namespace `spec.finalizers`, Ingress rules,
        // NetworkPolicy rules, StatefulSet `volumeClaimTemplates`, managedFields...
        _ => Replace,
    }
}

/// PodSpec's and Container's (and EphemeralContainerCommon's) tagged lists, `rel` from the Pod
/// spec.
fn pod_spec_list(rel: &[&str]) -> ListStrategy {
    use ListStrategy::{MergeByKey, Replace};
    const CONTAINERS: [&str; 3] = ["containers", "initContainers", "ephemeralContainers"];
    match rel {
        [list] if CONTAINERS.contains(list) => MergeByKey("name"),
        [list, field] if CONTAINERS.contains(list) => match *field {
            "ports" => MergeByKey("containerPort"),
            "env" => MergeByKey("name"),
            "volumeMounts" => MergeByKey("mountPath"),
            "volumeDevices" => MergeByKey("devicePath"),
            _ => Replace,
        },
        // `volumes` and `resourceClaims` are "merge,retainKeys": retainKeys only shapes the
        // patches clients compute.
        ["volumes"] => MergeByKey("name"),
        ["imagePullSecrets"] => MergeByKey("name"),
        ["hostAliases"] => MergeByKey("ip"),
        ["topologySpreadConstraints"] => MergeByKey("topologyKey"),
        ["schedulingGates"] => MergeByKey("name"),
        ["resourceClaims"] => MergeByKey("name"),
        _ => Replace,
    }
}

/// Whether the map at `path` has `patchStrategy:"replace"`: the patch's map replaces it.
fn replaces_map(kind: &str, path: &[&str]) -> bool {
    // policy/v1 PodDisruptionBudgetSpec.selector.
    matches!((kind, path), ("PodDisruptionBudget", ["spec", "selector"]))
}

// ---------------------------------------------------------------------------------------------
// Go's words for the values in strategicpatch's errors (`%v`, `%s`, `reflect.Type`).

/// The Go type a JSON value decodes to (`map[string]interface{}`, `int64`...).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum GoType {
    Nil,
    Bool,
    Int,
    Float,
    String,
    Slice,
    Map,
}

fn go_type(v: &Value) -> GoType {
    match v {
        Value::Null => GoType::Nil,
        Value::Bool(_) => GoType::Bool,
        Value::Number(n) if n.is_f64() => GoType::Float,
        Value::Number(_) => GoType::Int,
        Value::String(_) => GoType::String,
        Value::Array(_) => GoType::Slice,
        Value::Object(_) => GoType::Map,
    }
}

impl GoType {
    /// `reflect.Type` as `%s` prints it.
    fn name(self) -> &'static str {
        match self {
            GoType::Nil => "%!s(<nil>)",
            GoType::Bool => "bool",
            GoType::Int => "int64",
            GoType::Float => "float64",
            GoType::String => "string",
            GoType::Slice => "[]interface {}",
            GoType::Map => "map[string]interface {}",
        }
    }
}

/// mergepatch `ErrBadArgType`.
fn bad_arg_type(expected: GoType, actual: &Value) -> String {
    format!(
        "expected a {}, but received a {}",
        expected.name(),
        go_type(actual).name()
    )
}

/// mergepatch `ErrNoMergeKey`.
fn no_merge_key(m: &Object, key: &str) -> String {
    format!(
        "map: {} does not contain declared merge key: {key}",
        go_map(m, Verb::V)
    )
}

/// mergepatch `ErrBadPatchType`.
fn bad_patch_type(directive: &Value, m: &Object) -> String {
    format!(
        "unknown patch type: {} in map: {}",
        go_fmt(directive, Verb::S),
        go_map(m, Verb::V)
    )
}

#[derive(Clone, Copy)]
enum Verb {
    V,
    S,
}

/// A decoded value as Go's fmt prints it: `map[name:web ports:[80]]`, `%!s(int64=1)` for a
/// number under `%s`.
fn go_fmt(v: &Value, verb: Verb) -> String {
    let bad = |ty: &str, text: String| match verb {
        Verb::V => text,
        Verb::S => format!("%!s({ty}={text})"),
    };
    match v {
        Value::Null => match verb {
            Verb::V => "<nil>".into(),
            Verb::S => "%!s(<nil>)".into(),
        },
        Value::Bool(b) => bad("bool", b.to_string()),
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() => bad("float64", go_float(f)),
            _ => bad("int64", n.to_string()),
        },
        Value::String(s) => s.clone(),
        Value::Array(a) => {
            let items: Vec<String> = a.iter().map(|v| go_fmt(v, verb)).collect();
            format!("[{}]", items.join(" "))
        }
        Value::Object(m) => go_map(m, verb),
    }
}

/// Go prints a map's keys sorted, as the map here keeps them.
fn go_map(m: &Object, verb: Verb) -> String {
    let items: Vec<String> = m
        .iter()
        .map(|(k, v)| format!("{k}:{}", go_fmt(v, verb)))
        .collect();
    format!("map[{}]", items.join(" "))
}

fn go_list(items: &[Value]) -> String {
    let items: Vec<String> = items.iter().map(|v| go_fmt(v, Verb::V)).collect();
    format!("[{}]", items.join(" "))
}

/// A float64 as `%v` prints it: the shortest digits, with an exponent (`1e+06`) below 1e-4 and
/// from 1e6 up (strconv's `%g` with the shortest precision).
fn go_float(f: f64) -> String {
    if !f.is_finite() {
        return if f.is_nan() {
            "NaN".into()
        } else if f > 0.0 {
            "+Inf".into()
        } else {
            "-Inf".into()
        };
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0" } else { "0" }.into();
    }
    let sci = format!("{:e}", f.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((sci.as_str(), "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let sign = if f < 0.0 { "-" } else { "" };
    if !(-4..6).contains(&exp) {
        let (head, tail) = digits.split_at(1);
        let point = if tail.is_empty() { "" } else { "." };
        let exp_sign = if exp < 0 { '-' } else { '+' };
        return format!("{sign}{head}{point}{tail}e{exp_sign}{:02}", exp.abs());
    }
    let text = if exp < 0 {
        let zeros = "0".repeat(usize::try_from(-exp - 1).unwrap_or(0));
        format!("0.{zeros}{digits}")
    } else {
        let int_len = usize::try_from(exp + 1).unwrap_or(1);
        if digits.len() <= int_len {
            format!("{digits}{}", "0".repeat(int_len - digits.len()))
        } else {
            format!("{}.{}", &digits[..int_len], &digits[int_len..])
        }
    };
    format!("{sign}{text}")
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::*;

    /// What is patched, the patch, and the object or the error's cause expected.
    struct Case {
        name: &'static str,
        target: Value,
        patch: Value,
        want: Result<Value, &'static str>,
    }

    fn case(
        name: &'static str,
        target: Value,
        patch: Value,
        want: Result<Value, &'static str>,
    ) -> Case {
        Case {
            name,
            target,
            patch,
            want,
        }
    }

    /// Every case run, every failure collected before one assert.
    fn run(ty: PatchType, cases: Vec<Case>) {
        let show = |r: &Result<Value, String>| match r {
            Ok(v) => v.to_string(),
            Err(e) => format!("error {e:?}"),
        };
        let mut failures = Vec::new();
        for c in cases {
            let got = apply(&c.target, &c.patch, ty);
            let want = c.want.map_err(str::to_string);
            if got != want {
                failures.push(format!(
                    "{}:\n  got:  {}\n  want: {}",
                    c.name,
                    show(&got),
                    show(&want)
                ));
            }
        }
        assert!(
            failures.is_empty(),
            "{} failed:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    /// `body` with its apiVersion and kind.
    fn obj(api_version: &str, kind: &str, mut body: Value) -> Value {
        if let Value::Object(m) = &mut body {
            m.insert("apiVersion".into(), api_version.into());
            m.insert("kind".into(), kind.into());
        }
        body
    }

    fn pod(spec: Value) -> Value {
        obj(
            "v1",
            "Pod",
            json!({"metadata": {"name": "web"}, "spec": spec}),
        )
    }

    fn deployment(containers: Value) -> Value {
        obj(
            "apps/v1",
            "Deployment",
            json!({
                "metadata": {"name": "web", "labels": {"app": "web"}},
                "spec": {
                    "replicas": 1,
                    "selector": {"matchLabels": {"app": "web"}},
                    "template": {
                        "metadata": {"labels": {"app": "web"}},
                        "spec": {"containers": containers}
                    }
                }
            }),
        )
    }

    fn template_containers(containers: Value) -> Value {
        json!({"spec": {"template": {"spec": {"containers": containers}}}})
    }

    fn service(selector: Value, ports: Value) -> Value {
        obj(
            "v1",
            "Service",
            json!({"metadata": {"name": "web"}, "spec": {"selector": selector, "ports": ports}}),
        )
    }

    fn with_finalizers(finalizers: Value) -> Value {
        obj(
            "v1",
            "ConfigMap",
            json!({"metadata": {"name": "c", "finalizers": finalizers}}),
        )
    }

    fn env_pod(env: Value) -> Value {
        pod(json!({"containers": [{"name": "web", "image": "nginx", "env": env}]}))
    }

    fn env_patch(patch: Value) -> Value {
        json!({"spec": {"containers": [{"name": "web", "env": patch}]}})
    }

    /// `{"a": {"a": ... {}}}`, `levels` objects deep.
    fn nested(levels: usize) -> Value {
        let mut v = json!({});
        for _ in 1..levels {
            v = json!({ "a": v });
        }
        v
    }

    #[test]
    fn patch_type_parse() {
        // kubectl patch.go `Validate`: `patchTypes[strings.ToLower(o.PatchType)]`, and an empty
        // --type leaves the default, strategic.
        let cases = [
            ("strategic", Ok(PatchType::Strategic)),
            ("merge", Ok(PatchType::Merge)),
            ("json", Ok(PatchType::Json)),
            ("JSON", Ok(PatchType::Json)),
            ("", Ok(PatchType::Strategic)),
            (
                "xyz",
                Err(r#"--type must be one of [json merge strategic], not "xyz""#.to_string()),
            ),
            (
                "apply",
                Err(r#"--type must be one of [json merge strategic], not "apply""#.to_string()),
            ),
        ];
        for (input, want) in cases {
            assert_eq!(PatchType::parse(input), want, "{input:?}");
        }
    }

    #[test]
    fn merge_patch_rfc7386() {
        // json-patch merge_test.go: `rfcTests` (RFC 7386 appendix A), TestMergePatchNilArray,
        // TestMergePatchNilDoc, TestMergePatchReplacesNonObjectsWholesale,
        // TestMergePatchReturnsEmptyArrayOnEmptyArray.
        let cases = [
            (json!({"a": "b"}), json!({"a": "c"}), json!({"a": "c"})),
            (
                json!({"a": "b"}),
                json!({"b": "c"}),
                json!({"a": "b", "b": "c"}),
            ),
            (json!({"a": "b"}), json!({"a": null}), json!({})),
            (
                json!({"a": "b", "b": "c"}),
                json!({"a": null}),
                json!({"b": "c"}),
            ),
            (json!({"a": ["b"]}), json!({"a": "c"}), json!({"a": "c"})),
            (json!({"a": "c"}), json!({"a": ["b"]}), json!({"a": ["b"]})),
            (
                json!({"a": {"b": "c"}}),
                json!({"a": {"b": "d", "c": null}}),
                json!({"a": {"b": "d"}}),
            ),
            (
                json!({"a": [{"b": "c"}]}),
                json!({"a": [1]}),
                json!({"a": [1]}),
            ),
            (json!(["a", "b"]), json!(["c", "d"]), json!(["c", "d"])),
            (json!({"a": "b"}), json!(["c"]), json!(["c"])),
            (
                json!({"e": null}),
                json!({"a": 1}),
                json!({"a": 1, "e": null}),
            ),
            (
                json!([1, 2]),
                json!({"a": "b", "c": null}),
                json!({"a": "b"}),
            ),
            (
                json!({}),
                json!({"a": {"bb": {"ccc": null}}}),
                json!({"a": {"bb": {}}}),
            ),
            (
                json!({"a": []}),
                json!({"a": ["b", null, null, "a"]}),
                json!({"a": ["b", null, null, "a"]}),
            ),
            (
                json!({"a": [{"b": "c"}]}),
                json!({"a": [null, 1]}),
                json!({"a": [null, 1]}),
            ),
            (
                json!({"title": null}),
                json!({"title": {"foo": "bar"}}),
                json!({"title": {"foo": "bar"}}),
            ),
            (
                json!({"a": 1, "b": 1}),
                json!({"a": 2}),
                json!({"a": 2, "b": 1}),
            ),
            (
                json!({"array": ["one", "two"]}),
                json!({"array": []}),
                json!({"array": []}),
            ),
        ];
        let mut failures = Vec::new();
        for (target, patch, want) in cases {
            let got = merge_patch(&target, &patch);
            if got != want {
                failures.push(format!("{target} + {patch}: got {got}, want {want}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn merge_patch_as_the_server_applies_it() {
        let web = deployment(
            json!([{"name": "web", "image": "nginx"}, {"name": "log", "image": "busybox"}]),
        );
        let mut scaled = web.clone();
        scaled["spec"]["replicas"] = json!(3);
        scaled["metadata"]["labels"] = json!({"tier": "fe"});
        let mut one_container = web.clone();
        one_container["spec"]["template"]["spec"]["containers"] =
            json!([{"name": "web", "image": "nginx:1.26"}]);
        let widget = obj(
            "example.com/v1",
            "Widget",
            json!({"metadata": {"name": "w"}, "spec": {"size": 1}}),
        );
        let mut bigger = widget.clone();
        bigger["spec"]["size"] = json!(2);
        run(
            PatchType::Merge,
            vec![
                // RFC 7386: maps merge, null deletes.
                case(
                    "replicas set, a label added and one deleted",
                    web.clone(),
                    json!({"spec": {"replicas": 3}, "metadata": {"labels": {"app": null, "tier": "fe"}}}),
                    Ok(scaled),
                ),
                // RFC 7386: arrays replace, as they are (no merge keys).
                case(
                    "the containers list is replaced",
                    web.clone(),
                    template_containers(json!([{"name": "web", "image": "nginx:1.26"}])),
                    Ok(one_container),
                ),
                // Custom resources accept merge patches.
                case("a custom resource", widget, json!({"spec": {"size": 2}}), Ok(bigger)),
                case("an empty patch", web.clone(), json!({}), Ok(web.clone())),
                // apiserver patch.go `applyJSPatch`: field validation (Warn by default) reads the
                // patch into a map first; json-patch merge.go refuses a null document.
                case(
                    "a patch that is an array",
                    web.clone(),
                    json!([{"spec": {}}]),
                    Err("error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}"),
                ),
                case(
                    "a patch that is a string",
                    web.clone(),
                    json!("x"),
                    Err("error decoding patch: json: cannot unmarshal string into Go value of type map[string]interface {}"),
                ),
                case(
                    "a patch that is a number",
                    web.clone(),
                    json!(5),
                    Err("error decoding patch: json: cannot unmarshal number into Go value of type map[string]interface {}"),
                ),
                case("a null patch", web.clone(), Value::Null, Err("Invalid JSON Patch")),
                case(
                    "a patch nested too deep",
                    web,
                    nested(MAX_DEPTH + 1),
                    Err("error decoding patch: the patch is nested deeper than 100 levels"),
                ),
            ],
        );
    }

    #[test]
    fn json_patch_operations() {
        let j = |s: &str| -> Value { serde_json::from_str(s).expect(s) };
        // json-patch patch_test.go `Cases` (those on a document that is an object or an
        // array), each applied as the server does.
        let mut cases = vec![
            case(
                "add a key",
                j(r#"{"foo":"bar"}"#),
                j(r#"[{"op":"add","path":"/baz","value":"qux"}]"#),
                Ok(j(r#"{"baz":"qux","foo":"bar"}"#)),
            ),
            case(
                "add in an array",
                j(r#"{"foo":["bar","baz"]}"#),
                j(r#"[{"op":"add","path":"/foo/1","value":"qux"}]"#),
                Ok(j(r#"{"foo":["bar","qux","baz"]}"#)),
            ),
            case(
                "add at -1 appends",
                j(r#"{"foo":["bar","baz"]}"#),
                j(r#"[{"op":"add","path":"/foo/-1","value":"qux"}]"#),
                Ok(j(r#"{"foo":["bar","baz","qux"]}"#)),
            ),
            case(
                "add at -1 of an empty array",
                j(r#"{"foo":[]}"#),
                j(r#"[{"op":"add","path":"/foo/-1","value":"qux"}]"#),
                Ok(j(r#"{"foo":["qux"]}"#)),
            ),
            case(
                "add at - appends",
                j(r#"{"foo":["bar"]}"#),
                j(r#"[{"op":"add","path":"/foo/-","value":["abc","def"]}]"#),
                Ok(j(r#"{"foo":["bar",["abc","def"]]}"#)),
            ),
            case(
                "add an object",
                j(r#"{"foo":"bar"}"#),
                j(r#"[{"op":"add","path":"/child","value":{"grandchild":{}}}]"#),
                Ok(j(r#"{"foo":"bar","child":{"grandchild":{}}}"#)),
            ),
            case(
                "add null",
                j(r#"{"foo":"bar"}"#),
                j(r#"[{"op":"add","path":"/baz","value":null}]"#),
                Ok(j(r#"{"baz":null,"foo":"bar"}"#)),
            ),
            case(
                "add with no value adds null",
                j(r#"{"foo":"bar"}"#),
                j(r#"[{"op":"add","path":"/baz"}]"#),
                Ok(j(r#"{"baz":null,"foo":"bar"}"#)),
            ),
            case(
                "remove a key",
                j(r#"{"baz":"qux","foo":"bar"}"#),
                j(r#"[{"op":"remove","path":"/baz"}]"#),
                Ok(j(r#"{"foo":"bar"}"#)),
            ),
            case(
                "remove from an array",
                j(r#"{"foo":["bar","qux","baz"]}"#),
                j(r#"[{"op":"remove","path":"/foo/1"}]"#),
                Ok(j(r#"{"foo":["bar","baz"]}"#)),
            ),
            case(
                "remove at -2",
                j(r#"{"foo":["bar","qux","baz"]}"#),
                j(r#"[{"op":"remove","path":"/foo/-2"}]"#),
                Ok(j(r#"{"foo":["bar","baz"]}"#)),
            ),
            case(
                "remove a null",
                j(r#"{"foo":"bar","qux":{"baz":1,"bar":null}}"#),
                j(r#"[{"op":"remove","path":"/qux/bar"}]"#),
                Ok(j(r#"{"foo":"bar","qux":{"baz":1}}"#)),
            ),
            case(
                "replace a key",
                j(r#"{"baz":"qux","foo":"bar"}"#),
                j(r#"[{"op":"replace","path":"/baz","value":"boo"}]"#),
                Ok(j(r#"{"baz":"boo","foo":"bar"}"#)),
            ),
            case(
                "replace in an array",
                j(r#"{"foo":["bar","qux","baz"]}"#),
                j(r#"[{"op":"replace","path":"/foo/1","value":"bum"}]"#),
                Ok(j(r#"{"foo":["bar","bum","baz"]}"#)),
            ),
            case(
                "replace with null",
                j(r#"{"bar":[{"baz":1}]}"#),
                j(r#"[{"op":"replace","path":"/bar/0/baz","value":null}]"#),
                Ok(j(r#"{"bar":[{"baz":null}]}"#)),
            ),
            case(
                "replace a null",
                j(r#"{"bar":[null]}"#),
                j(r#"[{"op":"replace","path":"/bar/0","value":1}]"#),
                Ok(j(r#"{"bar":[1]}"#)),
            ),
            case(
                "replace in an array at the root",
                j(r#"[{"foo":["bar","qux","baz"]}]"#),
                j(r#"[{"op":"replace","path":"/0/foo/0","value":"bum"}]"#),
                Ok(j(r#"[{"foo":["bum","qux","baz"]}]"#)),
            ),
            case(
                "move a key",
                j(r#"{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}"#),
                j(r#"[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]"#),
                Ok(j(
                    r#"{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}"#,
                )),
            ),
            case(
                "move to the end",
                j(r#"{"foo":["all","grass","cows","eat"]}"#),
                j(r#"[{"op":"move","from":"/foo/1","path":"/foo/3"}]"#),
                Ok(j(r#"{"foo":["all","cows","eat","grass"]}"#)),
            ),
            case(
                "move within",
                j(r#"{"foo":["all","grass","cows","eat"]}"#),
                j(r#"[{"op":"move","from":"/foo/1","path":"/foo/2"}]"#),
                Ok(j(r#"{"foo":["all","cows","grass","eat"]}"#)),
            ),
            case(
                "copy into an array",
                j(r#"[{"foo":["bar","qux","baz"],"bar":["qux","baz"]}]"#),
                j(r#"[{"op":"copy","from":"/0/foo/0","path":"/0/bar/0"}]"#),
                Ok(j(
                    r#"[{"foo":["bar","qux","baz"],"bar":["bar","qux","baz"]}]"#,
                )),
            ),
            case(
                "copy over a key",
                j(r#"[{"foo":["bar","qux","baz"],"bar":["qux","baz"]}]"#),
                j(r#"[{"op":"copy","from":"/0/foo/0","path":"/0/bar"}]"#),
                Ok(j(r#"[{"foo":["bar","qux","baz"],"bar":"bar"}]"#)),
            ),
            case(
                "copy a list into itself",
                j(r#"{"foo":["bar"]}"#),
                j(r#"[{"op":"copy","path":"/foo/0","from":"/foo"}]"#),
                Ok(j(r#"{"foo":[["bar"],"bar"]}"#)),
            ),
            case(
                "copy a missing key copies null",
                j(r#"{"foo":1}"#),
                j(r#"[{"op":"copy","from":"/nope","path":"/bar"}]"#),
                Ok(j(r#"{"foo":1,"bar":null}"#)),
            ),
            case(
                "test then replace the whole document",
                j(r#"{"id":"0","parentID":"0"}"#),
                j(
                    r#"[{"op":"test","path":"","value":{"id":"0","parentID":"0"}},{"op":"replace","path":"","value":{"id":"7","originalID":"bar","parentID":"0"}}]"#,
                ),
                Ok(j(r#"{"id":"7","originalID":"bar","parentID":"0"}"#)),
            ),
            // json-patch v4: an object's `get` never fails, so `replace` of a missing key adds
            // it (RFC 6902 says it must fail).
            case(
                "replace a missing key adds it",
                j(r#"{"foo":"bar"}"#),
                j(r#"[{"op":"replace","path":"/baz","value":1}]"#),
                Ok(j(r#"{"baz":1,"foo":"bar"}"#)),
            ),
            // findObject: the text before the first `/` is not looked at.
            case(
                "a path without its leading slash",
                j(r#"{"foo":"bar"}"#),
                j(r#"[{"op":"add","path":"x/baz","value":1}]"#),
                Ok(j(r#"{"baz":1,"foo":"bar"}"#)),
            ),
            // RFC 6901 escapes.
            case(
                "~1 is a slash",
                j(r#"{"metadata":{"annotations":{}}}"#),
                j(
                    r#"[{"op":"add","path":"/metadata/annotations/example.com~1team","value":"web"}]"#,
                ),
                Ok(j(
                    r#"{"metadata":{"annotations":{"example.com/team":"web"}}}"#,
                )),
            ),
            case(
                "~0 is a tilde",
                j(r#"{"a~b":1}"#),
                j(r#"[{"op":"replace","path":"/a~0b","value":2}]"#),
                Ok(j(r#"{"a~b":2}"#)),
            ),
            case(
                "~01 is ~1, not a slash",
                j(r#"{}"#),
                j(r#"[{"op":"add","path":"/a~01b","value":2}]"#),
                Ok(j(r#"{"a~1b":2}"#)),
            ),
            // patch_test.go `TestCases`: the tests that pass.
            case(
                "tests pass",
                j(r#"{"baz":"qux","foo":["a",2,"c"]}"#),
                j(
                    r#"[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}]"#,
                ),
                Ok(j(r#"{"baz":"qux","foo":["a",2,"c"]}"#)),
            ),
            case(
                "test a missing key for null",
                j(r#"{"baz":"qux"}"#),
                j(r#"[{"op":"test","path":"/foo","value":null}]"#),
                Ok(j(r#"{"baz":"qux"}"#)),
            ),
            case(
                "test a null for null",
                j(r#"{"foo":null}"#),
                j(r#"[{"op":"test","path":"/foo","value":null}]"#),
                Ok(j(r#"{"foo":null}"#)),
            ),
            case(
                "test an escaped key",
                j(r#"{"baz/foo":"qux"}"#),
                j(r#"[{"op":"test","path":"/baz~1foo","value":"qux"}]"#),
                Ok(j(r#"{"baz/foo":"qux"}"#)),
            ),
            case(
                "test a missing key for no value",
                j(r#"{"baz":[]}"#),
                j(r#"[{"op":"test","path":"/foo"}]"#),
                Ok(j(r#"{"baz":[]}"#)),
            ),
            case(
                "a null patch changes nothing",
                j(r#"{"a":1}"#),
                Value::Null,
                Ok(j(r#"{"a":1}"#)),
            ),
            case(
                "an empty patch changes nothing",
                j(r#"{"a":1}"#),
                json!([]),
                Ok(j(r#"{"a":1}"#)),
            ),
        ];
        // kubectl patch's example: `--type='json' -p='[{"op": "replace", "path":
        // "/spec/containers/0/image", "value":"new image"}]'`.
        let before = pod(json!({"containers": [{"name": "web", "image": "nginx"}]}));
        let mut after = before.clone();
        after["spec"]["containers"][0]["image"] = json!("new image");
        cases.push(case(
            "kubectl patch's example",
            before,
            json!([{"op": "replace", "path": "/spec/containers/0/image", "value": "new image"}]),
            Ok(after),
        ));
        run(PatchType::Json, cases);
    }

    #[test]
    fn json_patch_errors() {
        let j = |s: &str| -> Value { serde_json::from_str(s).expect(s) };
        let many: Vec<Value> = (0..=MAX_JSON_PATCH_OPERATIONS)
            .map(|_| json!({"op": "test", "path": "/a", "value": 1}))
            .collect();
        // json-patch patch_test.go `BadCases` and `TestCases`, each with the message v4 gives
        // (patch.go); apiserver patch.go for the shape errors, read before json-patch.
        run(
            PatchType::Json,
            vec![
                case("add under a missing key", j(r#"{"foo":"bar"}"#), j(r#"[{"op":"add","path":"/baz/bat","value":"qux"}]"#), Err(r#"add operation does not apply: doc is missing path: "/baz/bat": missing value"#)),
                case("add under a string", j(r#"{"foo":"bar"}"#), j(r#"[{"op":"add","path":"/foo/bat","value":"qux"}]"#), Err(r#"add operation does not apply: doc is missing path: "/foo/bat": missing value"#)),
                case("remove a missing key", j(r#"{"a":{"b":{"d":1}}}"#), j(r#"[{"op":"remove","path":"/a/b/c"}]"#), Err("error in remove for path: '/a/b/c': Unable to remove nonexistent key: c: missing value")),
                case("move a missing key", j(r#"{"a":{"b":{"d":1}}}"#), j(r#"[{"op":"move","from":"/a/b/c","path":"/a/b/e"}]"#), Err("error in move for path: 'c': Unable to remove nonexistent key: c: missing value")),
                case("remove past the end", j(r#"{"a":{"b":[1]}}"#), j(r#"[{"op":"remove","path":"/a/b/1"}]"#), Err("error in remove for path: '/a/b/1': Unable to access invalid index: 1: invalid index referenced")),
                case("move from past the end", j(r#"{"a":{"b":[1]}}"#), j(r#"[{"op":"move","from":"/a/b/1","path":"/a/b/2"}]"#), Err("error in move for path: '1': Unable to access invalid index: 1: invalid index referenced")),
                case("no path", j(r#"{"foo":"bar"}"#), j(r#"[{"op":"add","pathz":"/baz","value":"qux"}]"#), Err("add operation failed to decode path: missing value")),
                case("a null path", j(r#"{}"#), j(r#"[{"op":"add","path":null}]"#), Err("add operation failed to decode path: missing value")),
                case("add the whole document", j(r#"{"foo":"bar"}"#), j(r#"[{"op":"add","path":"","value":"qux"}]"#), Err(r#"add operation does not apply: doc is missing path: "": missing value"#)),
                case("replace past the end", j(r#"{"foo":["bar","baz"]}"#), j(r#"[{"op":"replace","path":"/foo/2","value":"bum"}]"#), Err("replace operation does not apply: doc is missing key: /foo/2: missing value")),
                case("replace under a missing key", j(r#"{"name":{"foo":"bat","qux":"bum"}}"#), j(r#"[{"op":"replace","path":"/foo/bar","value":"baz"}]"#), Err("replace operation does not apply: doc is missing path: /foo/bar: missing value")),
                case("replace the document with a string", j(r#"{"foo":"bar"}"#), j(r#"[{"op":"replace","path":"","value":"x"}]"#), Err("replace operation value must be object or array: %!w(<nil>)")),
                case("add before the start", j(r#"{"foo":["bar","baz"]}"#), j(r#"[{"op":"add","path":"/foo/-4","value":"bum"}]"#), Err("error in add for path: '/foo/-4': Unable to access invalid index: -4: invalid index referenced")),
                case("add past the end", j(r#"{"foo":["bar"]}"#), j(r#"[{"op":"add","path":"/foo/2","value":"bum"}]"#), Err("error in add for path: '/foo/2': Unable to access invalid index: 2: invalid index referenced")),
                case("add at a word", j(r#"{"foo":["bar"]}"#), j(r#"[{"op":"add","path":"/foo/x","value":"bum"}]"#), Err(r#"error in add for path: '/foo/x': value was not a proper array index: 'x': strconv.Atoi: parsing "x": invalid syntax"#)),
                case("remove at -", j(r#"{"foo":[]}"#), j(r#"[{"op":"remove","path":"/foo/-"}]"#), Err(r#"error in remove for path: '/foo/-': strconv.Atoi: parsing "-": invalid syntax"#)),
                case("remove at -1 of an empty array", j(r#"{"foo":[]}"#), j(r#"[{"op":"remove","path":"/foo/-1"}]"#), Err("error in remove for path: '/foo/-1': Unable to access invalid index: -1: invalid index referenced")),
                case("remove at -2 of one", j(r#"{"foo":["bar"]}"#), j(r#"[{"op":"remove","path":"/foo/-2"}]"#), Err("error in remove for path: '/foo/-2': Unable to access invalid index: -2: invalid index referenced")),
                case("an index out of range of int64", j(r#"{"foo":["bar"]}"#), j(r#"[{"op":"remove","path":"/foo/99999999999999999999"}]"#), Err(r#"error in remove for path: '/foo/99999999999999999999': strconv.Atoi: parsing "99999999999999999999": value out of range"#)),
                case("a null op", j(r#"{}"#), j(r#"[{"op":null,"path":""}]"#), Err("Unexpected kind: unknown")),
                case("a null operation", j(r#"{}"#), j(r#"[null]"#), Err("Unexpected kind: unknown")),
                case("an unknown op", j(r#"{}"#), j(r#"[{"op":"bogus","path":"/a"}]"#), Err("Unexpected kind: bogus")),
                case("copy from null", j(r#"{}"#), j(r#"[{"op":"copy","from":null}]"#), Err("copy operation failed to decode from: operation, missing from field: missing value")),
                case("move with no from", j(r#"{}"#), j(r#"[{"op":"move","path":"/a"}]"#), Err("move operation failed to decode from: operation, missing from field: missing value")),
                case("copy with no path", j(r#"{"a":1}"#), j(r#"[{"op":"copy","from":"/a"}]"#), Err("copy operation failed to decode path: missing value")),
                case("replace with no path", j(r#"{"a":1}"#), j(r#"[{"op":"replace","value":1}]"#), Err("replace operation failed to decode path: operation missing path field: missing value")),
                case("test with no path", j(r#"{"a":1}"#), j(r#"[{"op":"test","value":1}]"#), Err("test operation failed to decode path: operation missing path field: missing value")),
                case("copy far past the end", j(r#"{"foo":["bar"]}"#), j(r#"[{"op":"copy","path":"/foo/6666666666","from":"/"}]"#), Err("error while adding value during copy: Unable to access invalid index: 6666666666: invalid index referenced")),
                case("copy past the end", j(r#"{"foo":["bar"]}"#), j(r#"[{"op":"copy","path":"/foo/2","from":"/foo/0"}]"#), Err("error while adding value during copy: Unable to access invalid index: 2: invalid index referenced")),
                case("copy from under a missing key", j(r#"{"foo":["bar"]}"#), j(r#"[{"op":"copy","path":"/a","from":"/x/y"}]"#), Err("copy operation does not apply: doc is missing from path: /x/y: missing value")),
                case("move past the end", j(r#"{"foo":["all","grass","cows","eat"]}"#), j(r#"[{"op":"move","from":"/foo/1","path":"/foo/4"}]"#), Err("error in move for path: '/foo/4': Unable to access invalid index: 4: invalid index referenced")),
                case("move into itself", j(r#"{"a":{"b":1}}"#), j(r#"[{"op":"move","from":"/a","path":"/a/c"}]"#), Err("move operation does not apply: doc is missing destination path: /a/c: missing value")),
                case("test a different value", j(r#"{"baz":"qux"}"#), j(r#"[{"op":"test","path":"/baz","value":"bar"}]"#), Err("testing value /baz failed: test failed")),
                case("the second test fails", j(r#"{"baz":"qux","foo":["a",2,"c"]}"#), j(r#"[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":"c"}]"#), Err("testing value /foo/1 failed: test failed")),
                case("test a missing key for a value", j(r#"{"baz":"qux"}"#), j(r#"[{"op":"test","path":"/foo","value":42}]"#), Err("testing value /foo failed: test failed")),
                case("test an empty map for null", j(r#"{"foo":{}}"#), j(r#"[{"op":"test","path":"/foo","value":null}]"#), Err("testing value /foo failed: test failed")),
                case("test an empty list for no value", j(r#"{"foo":[]}"#), j(r#"[{"op":"test","path":"/foo"}]"#), Err("testing value /foo failed: test failed")),
                case("test 1 for 1.0", j(r#"{"foo":1}"#), j(r#"[{"op":"test","path":"/foo","value":1.0}]"#), Err("testing value /foo failed: test failed")),
                case("test past the end", j(r#"{"foo":[]}"#), j(r#"[{"op":"test","path":"/foo/0","value":1}]"#), Err("error in test for path: '/foo/0': Unable to access invalid index: 0: invalid index referenced")),
                case("test under a missing key", j(r#"{}"#), j(r#"[{"op":"test","path":"/a/b","value":1}]"#), Err("test operation does not apply: is missing path: /a/b: missing value")),
                case("test the whole document", j(r#"{"a":1}"#), j(r#"[{"op":"test","path":"","value":{"a":2}}]"#), Err("testing value  failed: test failed")),
                case("a patch that is an object", j(r#"{}"#), j(r#"{"op":"add","path":"/a","value":1}"#), Err("error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp")),
                case("a patch that is a string", j(r#"{}"#), json!("add"), Err("error decoding patch: json: cannot unmarshal string into Go value of type []handlers.jsonPatchOp")),
                case("an operation that is a number", j(r#"{}"#), json!([1]), Err("error decoding patch: json: cannot unmarshal number into Go value of type handlers.jsonPatchOp")),
                case("an op that is a number", j(r#"{}"#), json!([{"op": 1, "path": "/a"}]), Err("error decoding patch: json: cannot unmarshal number into Go struct field jsonPatchOp.op of type string")),
                case("a path that is a list", j(r#"{}"#), json!([{"op": "add", "path": ["a"]}]), Err("error decoding patch: json: cannot unmarshal array into Go struct field jsonPatchOp.path of type string")),
                case("too many operations", j(r#"{"a":1}"#), Value::Array(many), Err("Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001")),
                case("a patch nested too deep", j(r#"{}"#), json!([{"op": "add", "path": "/a", "value": nested(MAX_DEPTH)}]), Err("error decoding patch: the patch is nested deeper than 100 levels")),
            ],
        );
    }

    #[test]
    fn strategic_maps_and_nulls() {
        let web = deployment(json!([{"name": "web", "image": "nginx"}]));
        let mut scaled = web.clone();
        scaled["spec"]["replicas"] = json!(3);
        scaled["metadata"]["labels"] = json!({"app": "web", "tier": "fe"});
        let mut unlabelled = web.clone();
        unlabelled["metadata"]["labels"] = json!({});
        let mut retyped = web.clone();
        retyped["spec"]["replicas"] = json!("3");
        let mut selected = web.clone();
        selected["spec"]["template"]["spec"]["nodeSelector"] = json!({"disk": "ssd"});
        let mut matched = web.clone();
        matched["spec"]["selector"]["matchLabels"] = json!({"app": "web", "tier": "fe"});
        let config = obj(
            "v1",
            "ConfigMap",
            json!({"metadata": {"name": "c"}, "data": {"a": "1", "b": "2"}}),
        );
        let mut config2 = config.clone();
        config2["data"] = json!({"b": "3", "c": "4"});
        let svc = service(
            json!({"app": "web", "color": "blue"}),
            json!([{"port": 80, "targetPort": 8080, "protocol": "TCP"}]),
        );
        let mut green = svc.clone();
        green["spec"]["selector"]["color"] = json!("green");
        run(
            PatchType::Strategic,
            vec![
                // strategicpatch patch_test.go: maps merge as in a merge patch.
                case(
                    "replicas set and a label added",
                    web.clone(),
                    json!({"spec": {"replicas": 3}, "metadata": {"labels": {"tier": "fe"}}}),
                    Ok(scaled),
                ),
                case(
                    "ConfigMap data merged, a key deleted",
                    config,
                    json!({"data": {"a": null, "b": "3", "c": "4"}}),
                    Ok(config2),
                ),
                // The course's example: a Service's selector is a map, merged.
                case(
                    "a Service's selector changed",
                    svc,
                    json!({"spec": {"selector": {"color": "green"}}}),
                    Ok(green),
                ),
                // "defined null values should propagate removing original fields".
                case(
                    "null deletes a label",
                    web.clone(),
                    json!({"metadata": {"labels": {"app": null}}}),
                    Ok(unlabelled),
                ),
                case(
                    "null of a key that is not there",
                    web.clone(),
                    json!({"spec": {"paused": null}}),
                    Ok(web.clone()),
                ),
                // mergeMap: a value of another type replaces.
                case(
                    "a value of another type",
                    web.clone(),
                    json!({"spec": {"replicas": "3"}}),
                    Ok(retyped),
                ),
                // discardNullValuesFromPatch: nulls in a map that is added are dropped.
                case(
                    "a new map's nulls dropped",
                    web.clone(),
                    json!({"spec": {"template": {"spec": {"nodeSelector": {"disk": "ssd", "zone": null}}}}}),
                    Ok(selected),
                ),
                // A LabelSelector has no patchStrategy on a Deployment: it merges.
                case(
                    "a Deployment's selector merges",
                    web.clone(),
                    json!({"spec": {"selector": {"matchLabels": {"tier": "fe"}}}}),
                    Ok(matched),
                ),
                case("a null patch", web.clone(), Value::Null, Ok(web.clone())),
                case("an empty patch", web.clone(), json!({}), Ok(web)),
            ],
        );
    }

    #[test]
    fn strategic_lists_merged_by_key() {
        let two = pod(json!({"containers": [
            {"name": "web", "image": "nginx:1.25"},
            {"name": "log", "image": "busybox"}
        ]}));
        let one_demo = deployment(json!([{"name": "patch-demo-ctr", "image": "nginx"}]));
        let mut two_demo = one_demo.clone();
        two_demo["spec"]["template"]["spec"]["containers"] = json!([
            {"name": "patch-demo-ctr-2", "image": "redis"},
            {"name": "patch-demo-ctr", "image": "nginx"}
        ]);
        let cron = obj(
            "batch/v1",
            "CronJob",
            json!({"metadata": {"name": "c"}, "spec": {"schedule": "* * * * *", "jobTemplate": {"spec": {"template": {"spec": {
                "restartPolicy": "Never",
                "containers": [{"name": "job", "image": "busybox"}, {"name": "side", "image": "envoy"}]
            }}}}}}),
        );
        let mut cron2 = cron.clone();
        cron2["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"][0]["image"] =
            json!("busybox:1.36");
        let ports = pod(
            json!({"containers": [{"name": "web", "image": "nginx", "ports": [
                {"containerPort": 80, "name": "http"},
                {"containerPort": 8080, "name": "admin"}
            ]}]}),
        );
        let svc = service(
            json!({"app": "web"}),
            json!([
                {"name": "http", "port": 80, "targetPort": 8080, "protocol": "TCP"}
            ]),
        );
        let volumes = pod(json!({
            "containers": [{"name": "web", "image": "nginx", "volumeMounts": [{"name": "data", "mountPath": "/data"}]}],
            "volumes": [{"name": "data", "emptyDir": {}}],
            "imagePullSecrets": [{"name": "a"}],
            "hostAliases": [{"ip": "10.0.0.1", "hostnames": ["a"]}]
        }));
        let owned = obj(
            "apps/v1",
            "ReplicaSet",
            json!({"metadata": {"name": "rs", "ownerReferences": [
            {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web", "uid": "u1", "controller": true}
        ]}, "spec": {"replicas": 1}}),
        );
        let status = obj(
            "v1",
            "Pod",
            json!({"metadata": {"name": "p"}, "status": {"conditions": [
                {"type": "Ready", "status": "False"},
                {"type": "PodScheduled", "status": "True"}
            ]}}),
        );
        let node = obj(
            "v1",
            "Node",
            json!({"metadata": {"name": "n"}, "status": {"addresses": [
                {"type": "InternalIP", "address": "10.0.0.1"},
                {"type": "Hostname", "address": "n"}
            ]}}),
        );
        let sa = obj(
            "v1",
            "ServiceAccount",
            json!({"metadata": {"name": "sa"},
            "secrets": [{"name": "a"}], "imagePullSecrets": [{"name": "a"}]}),
        );
        run(
            PatchType::Strategic,
            vec![
                // strategicpatch patch_test.go "replace map field value in merging list":
                // PodSpec.containers is `patchStrategy:"merge" patchMergeKey:"name"`.
                case(
                    "one container's image changed, the other kept",
                    two.clone(),
                    json!({"spec": {"containers": [{"name": "web", "image": "nginx:1.26"}]}}),
                    Ok(pod(
                        json!({"containers": [{"name": "web", "image": "nginx:1.26"}, {"name": "log", "image": "busybox"}]}),
                    )),
                ),
                case(
                    "the second container's image changed, order kept",
                    two.clone(),
                    json!({"spec": {"containers": [{"name": "log", "image": "busybox:1.36"}]}}),
                    Ok(pod(
                        json!({"containers": [{"name": "web", "image": "nginx:1.25"}, {"name": "log", "image": "busybox:1.36"}]}),
                    )),
                ),
                // mergeSortedSlice: an item new to the list is not in the live order, so it
                // goes before the live items (kubernetes.io "Update API Objects in Place Using
                // kubectl patch": patch-demo-ctr-2 is listed first).
                case(
                    "a new container goes first",
                    one_demo,
                    template_containers(json!([{"name": "patch-demo-ctr-2", "image": "redis"}])),
                    Ok(two_demo),
                ),
                case(
                    "two new containers, in the patch's order, first",
                    two.clone(),
                    json!({"spec": {"containers": [{"name": "b", "image": "b"}, {"name": "a", "image": "a"}]}}),
                    Ok(pod(json!({"containers": [
                        {"name": "b", "image": "b"}, {"name": "a", "image": "a"},
                        {"name": "web", "image": "nginx:1.25"}, {"name": "log", "image": "busybox"}
                    ]}))),
                ),
                // "add an item that already exists in current object in merging list" and
                // "preserve the order from the patch in a merging list": patch items keep the
                // patch's order, the live list's others keep theirs.
                case(
                    "the patch's order wins for the items it names",
                    two.clone(),
                    json!({"spec": {"containers": [{"name": "log"}, {"name": "web"}]}}),
                    Ok(pod(
                        json!({"containers": [{"name": "log", "image": "busybox"}, {"name": "web", "image": "nginx:1.25"}]}),
                    )),
                ),
                // Appended items are kept as written: their nulls stay (the typed decode drops
                // them later).
                case(
                    "a new container's nulls stay",
                    pod(json!({"containers": [{"name": "web", "image": "nginx"}]})),
                    json!({"spec": {"containers": [{"name": "side", "image": "envoy", "command": null}]}}),
                    Ok(pod(
                        json!({"containers": [{"name": "side", "image": "envoy", "command": null}, {"name": "web", "image": "nginx"}]}),
                    )),
                ),
                case(
                    "two patch items with one new key merge together",
                    pod(json!({"containers": []})),
                    json!({"spec": {"containers": [{"name": "a", "image": "x"}, {"name": "a", "args": ["y"]}]}}),
                    Ok(pod(
                        json!({"containers": [{"name": "a", "image": "x", "args": ["y"]}]}),
                    )),
                ),
                // CronJob: the Pod spec under spec.jobTemplate.spec.template.
                case(
                    "a CronJob's container by name",
                    cron,
                    json!({"spec": {"jobTemplate": {"spec": {"template": {"spec": {"containers": [{"name": "job", "image": "busybox:1.36"}]}}}}}}),
                    Ok(cron2),
                ),
                // Container.env: `patchMergeKey:"name"`; strategicpatch "merge lists of maps".
                case(
                    "env by name: one changed, one added, one kept",
                    env_pod(json!([{"name": "A", "value": "1"}, {"name": "B", "value": "2"}])),
                    env_patch(json!([{"name": "B", "value": "3"}, {"name": "C", "value": "4"}])),
                    Ok(env_pod(
                        json!([{"name": "A", "value": "1"}, {"name": "B", "value": "3"}, {"name": "C", "value": "4"}]),
                    )),
                ),
                case(
                    "env: a null deletes a field of an item",
                    env_pod(json!([{"name": "A", "value": "1"}])),
                    env_patch(json!([{"name": "A", "value": null}])),
                    Ok(env_pod(json!([{"name": "A"}]))),
                ),
                // Container.ports: `patchMergeKey:"containerPort"`.
                case(
                    "ports by containerPort",
                    ports,
                    json!({"spec": {"containers": [{"name": "web", "ports": [{"containerPort": 8080, "name": "mgmt"}, {"containerPort": 443, "name": "https"}]}]}}),
                    Ok(pod(
                        json!({"containers": [{"name": "web", "image": "nginx", "ports": [
                            {"containerPort": 80, "name": "http"},
                            {"containerPort": 8080, "name": "mgmt"},
                            {"containerPort": 443, "name": "https"}
                        ]}]}),
                    )),
                ),
                // ServiceSpec.ports: `patchMergeKey:"port"`.
                case(
                    "Service ports by port",
                    svc,
                    json!({"spec": {"ports": [{"port": 80, "targetPort": 9090}, {"port": 443, "name": "https"}]}}),
                    Ok(service(
                        json!({"app": "web"}),
                        json!([
                            {"name": "http", "port": 80, "targetPort": 9090, "protocol": "TCP"},
                            {"name": "https", "port": 443}
                        ]),
                    )),
                ),
                // PodSpec volumes (name), volumeMounts (mountPath), imagePullSecrets (name),
                // hostAliases (ip).
                case(
                    "volumes, mounts, pull secrets and host aliases by their keys",
                    volumes,
                    json!({"spec": {
                        "containers": [{"name": "web", "volumeMounts": [{"mountPath": "/data", "readOnly": true}]}],
                        "volumes": [{"name": "cache", "emptyDir": {}}],
                        "imagePullSecrets": [{"name": "b"}],
                        "hostAliases": [{"ip": "10.0.0.1", "hostnames": ["b"]}]
                    }}),
                    Ok(pod(json!({
                        "containers": [{"name": "web", "image": "nginx", "volumeMounts": [{"name": "data", "mountPath": "/data", "readOnly": true}]}],
                        "volumes": [{"name": "cache", "emptyDir": {}}, {"name": "data", "emptyDir": {}}],
                        "imagePullSecrets": [{"name": "b"}, {"name": "a"}],
                        "hostAliases": [{"ip": "10.0.0.1", "hostnames": ["b"]}]
                    }))),
                ),
                // ObjectMeta.ownerReferences: `patchMergeKey:"uid"`.
                case(
                    "ownerReferences by uid",
                    owned,
                    json!({"metadata": {"ownerReferences": [{"uid": "u1", "controller": false}, {"uid": "u2", "apiVersion": "v1", "kind": "ConfigMap", "name": "c"}]}}),
                    Ok(obj(
                        "apps/v1",
                        "ReplicaSet",
                        json!({"metadata": {"name": "rs", "ownerReferences": [
                        {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web", "uid": "u1", "controller": false},
                        {"uid": "u2", "apiVersion": "v1", "kind": "ConfigMap", "name": "c"}
                    ]}, "spec": {"replicas": 1}}),
                    )),
                ),
                // PodStatus.conditions: `patchMergeKey:"type"`.
                case(
                    "status conditions by type",
                    status,
                    json!({"status": {"conditions": [{"type": "Ready", "status": "True"}]}}),
                    Ok(obj(
                        "v1",
                        "Pod",
                        json!({"metadata": {"name": "p"}, "status": {"conditions": [
                            {"type": "Ready", "status": "True"},
                            {"type": "PodScheduled", "status": "True"}
                        ]}}),
                    )),
                ),
                // NodeStatus.addresses: `patchMergeKey:"type"`.
                case(
                    "node addresses by type",
                    node,
                    json!({"status": {"addresses": [{"type": "InternalIP", "address": "10.0.0.2"}]}}),
                    Ok(obj(
                        "v1",
                        "Node",
                        json!({"metadata": {"name": "n"}, "status": {"addresses": [
                            {"type": "InternalIP", "address": "10.0.0.2"},
                            {"type": "Hostname", "address": "n"}
                        ]}}),
                    )),
                ),
                // ServiceAccount: secrets merge by name, imagePullSecrets (no tag there) replace.
                case(
                    "a ServiceAccount's secrets merge, its pull secrets replace",
                    sa,
                    json!({"secrets": [{"name": "b"}], "imagePullSecrets": [{"name": "b"}]}),
                    Ok(obj(
                        "v1",
                        "ServiceAccount",
                        json!({"metadata": {"name": "sa"},
                        "secrets": [{"name": "b"}, {"name": "a"}], "imagePullSecrets": [{"name": "b"}]}),
                    )),
                ),
            ],
        );
    }

    #[test]
    fn strategic_primitive_and_atomic_lists() {
        let tolerated = pod(
            json!({"containers": [{"name": "web", "image": "nginx", "args": ["--a"]}],
            "tolerations": [{"key": "a", "operator": "Exists"}]}),
        );
        let node = obj(
            "v1",
            "Node",
            json!({"metadata": {"name": "n"}, "spec": {
                "podCIDRs": ["10.0.0.0/24"],
                "taints": [{"key": "a", "effect": "NoSchedule"}]
            }}),
        );
        let pdb = obj(
            "policy/v1",
            "PodDisruptionBudget",
            json!({"metadata": {"name": "p"}, "spec": {
                "minAvailable": 1, "selector": {"matchLabels": {"app": "web"}}
            }}),
        );
        let mut pdb2 = pdb.clone();
        pdb2["spec"]["selector"] = json!({"matchLabels": {"tier": "db"}});
        run(
            PatchType::Strategic,
            vec![
                // ObjectMeta.finalizers is `patchStrategy:"merge"` on strings: a union; new
                // items lead as in a list of maps.
                case(
                    "a finalizer added",
                    with_finalizers(json!(["example.com/a"])),
                    json!({"metadata": {"finalizers": ["example.com/b"]}}),
                    Ok(with_finalizers(json!(["example.com/b", "example.com/a"]))),
                ),
                // strategicpatch patch_test.go "unique scalars when merging lists".
                case(
                    "finalizers unioned without duplicates",
                    with_finalizers(json!(["a", "b"])),
                    json!({"metadata": {"finalizers": ["b", "c"]}}),
                    Ok(with_finalizers(json!(["a", "b", "c"]))),
                ),
                // "preserve the order from the patch in a merging int list".
                case(
                    "the patch's order for the items it names",
                    with_finalizers(json!(["a", "b", "c"])),
                    json!({"metadata": {"finalizers": ["c", "a", "b"]}}),
                    Ok(with_finalizers(json!(["c", "a", "b"]))),
                ),
                case(
                    "Node podCIDRs unioned",
                    node.clone(),
                    json!({"spec": {"podCIDRs": ["10.0.1.0/24"]}}),
                    Ok(obj(
                        "v1",
                        "Node",
                        json!({"metadata": {"name": "n"}, "spec": {
                            "podCIDRs": ["10.0.1.0/24", "10.0.0.0/24"],
                            "taints": [{"key": "a", "effect": "NoSchedule"}]
                        }}),
                    )),
                ),
                // PodSpec.tolerations and NodeSpec.taints have no patchStrategy: replaced.
                case(
                    "tolerations replaced",
                    tolerated.clone(),
                    json!({"spec": {"tolerations": [{"key": "b", "operator": "Exists"}]}}),
                    Ok(pod(
                        json!({"containers": [{"name": "web", "image": "nginx", "args": ["--a"]}],
                    "tolerations": [{"key": "b", "operator": "Exists"}]}),
                    )),
                ),
                case(
                    "taints replaced",
                    node,
                    json!({"spec": {"taints": [{"key": "b", "effect": "NoExecute"}]}}),
                    Ok(obj(
                        "v1",
                        "Node",
                        json!({"metadata": {"name": "n"}, "spec": {
                            "podCIDRs": ["10.0.0.0/24"],
                            "taints": [{"key": "b", "effect": "NoExecute"}]
                        }}),
                    )),
                ),
                case(
                    "a container's args replaced",
                    tolerated,
                    json!({"spec": {"containers": [{"name": "web", "args": ["--b"]}]}}),
                    Ok(pod(
                        json!({"containers": [{"name": "web", "image": "nginx", "args": ["--b"]}],
                    "tolerations": [{"key": "a", "operator": "Exists"}]}),
                    )),
                ),
                // PodDisruptionBudgetSpec.selector is `patchStrategy:"replace"`.
                case(
                    "a PodDisruptionBudget's selector replaced",
                    pdb,
                    json!({"spec": {"selector": {"matchLabels": {"tier": "db"}}}}),
                    Ok(pdb2),
                ),
            ],
        );
    }

    #[test]
    fn strategic_directives() {
        let two = pod(json!({"containers": [
            {"name": "web", "image": "nginx"},
            {"name": "log", "image": "busybox"}
        ], "nodeSelector": {"disk": "hdd", "zone": "a"}}));
        let spec_of = |containers: Value, selector: Value| {
            pod(json!({"containers": containers, "nodeSelector": selector}))
        };
        let both = json!([{"name": "web", "image": "nginx"}, {"name": "log", "image": "busybox"}]);
        let rolling = obj(
            "apps/v1",
            "Deployment",
            json!({"metadata": {"name": "web"}, "spec": {
                "replicas": 1,
                "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 1, "maxUnavailable": 0}}
            }}),
        );
        let with_strategy = |strategy: Value| {
            obj(
                "apps/v1",
                "Deployment",
                json!({"metadata": {"name": "web"}, "spec": {"replicas": 1, "strategy": strategy}}),
            )
        };
        let mut labels_deleted = two.clone();
        labels_deleted["metadata"] = json!({"name": "web", "labels": {}});
        let labelled = {
            let mut p = two.clone();
            p["metadata"]["labels"] = json!({"a": "1"});
            p
        };
        let args = |args: Value| {
            pod(json!({"containers": [{"name": "web", "image": "nginx", "args": args}]}))
        };
        let volume = |v: Value| {
            pod(json!({"containers": [{"name": "web", "image": "nginx"}], "volumes": [v]}))
        };
        run(
            PatchType::Strategic,
            vec![
                // strategicpatch patch_test.go "delete map from merging list".
                case(
                    "$patch: delete of a container",
                    two.clone(),
                    json!({"spec": {"containers": [{"name": "log", "$patch": "delete"}]}}),
                    Ok(spec_of(
                        json!([{"name": "web", "image": "nginx"}]),
                        json!({"disk": "hdd", "zone": "a"}),
                    )),
                ),
                // "delete missing map from merging list".
                case(
                    "$patch: delete of a container that is not there",
                    two.clone(),
                    json!({"spec": {"containers": [{"name": "nope", "$patch": "delete"}]}}),
                    Ok(two.clone()),
                ),
                // "delete all duplicate entries in a merging list".
                case(
                    "$patch: delete removes every item with the key",
                    env_pod(
                        json!([{"name": "1"}, {"name": "1"}, {"name": "2", "value": "a"}, {"name": "3"}, {"name": "3"}]),
                    ),
                    env_patch(
                        json!([{"name": "1", "$patch": "delete"}, {"name": "3", "$patch": "delete"}]),
                    ),
                    Ok(env_pod(json!([{"name": "2", "value": "a"}]))),
                ),
                // "add map and delete map from merging list".
                case(
                    "a container deleted and one added",
                    two.clone(),
                    json!({"spec": {"containers": [{"name": "log", "$patch": "delete"}, {"name": "side", "image": "envoy"}]}}),
                    Ok(spec_of(
                        json!([{"name": "side", "image": "envoy"}, {"name": "web", "image": "nginx"}]),
                        json!({"disk": "hdd", "zone": "a"}),
                    )),
                ),
                // `$patch: replace` as a list item: the patch's other items are the list.
                case(
                    "$patch: replace of the containers list",
                    two.clone(),
                    json!({"spec": {"containers": [{"$patch": "replace"}, {"name": "only", "image": "busybox"}]}}),
                    Ok(spec_of(
                        json!([{"name": "only", "image": "busybox"}]),
                        json!({"disk": "hdd", "zone": "a"}),
                    )),
                ),
                // customStrategicMergePatchTestCaseData "delete all items from merging list".
                case(
                    "$patch: replace alone empties the list",
                    two.clone(),
                    json!({"spec": {"containers": [{"$patch": "replace"}]}}),
                    Ok(spec_of(json!([]), json!({"disk": "hdd", "zone": "a"}))),
                ),
                // "add key and delete all keys from map".
                case(
                    "$patch: replace of a map",
                    two.clone(),
                    json!({"spec": {"nodeSelector": {"$patch": "replace", "disk": "ssd"}}}),
                    Ok(spec_of(both.clone(), json!({"disk": "ssd"}))),
                ),
                // "delete map from nested map".
                case(
                    "$patch: delete of a map leaves it empty",
                    labelled,
                    json!({"metadata": {"labels": {"$patch": "delete"}}}),
                    Ok(labels_deleted),
                ),
                // removeDirectives: a `$patch` map the live object does not have adds nothing.
                case(
                    "$patch: replace of a map that is not there",
                    pod(json!({"containers": []})),
                    json!({"spec": {"nodeSelector": {"$patch": "replace", "disk": "ssd"}}}),
                    Ok(pod(json!({"containers": []}))),
                ),
                // "delete all keys from map", at the root.
                case(
                    "$patch: replace of the whole object",
                    two.clone(),
                    json!({"$patch": "replace", "apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web"}}),
                    Ok(obj("v1", "Pod", json!({"metadata": {"name": "web"}}))),
                ),
                // "$deleteFromPrimitiveList should delete item from a list with merge patch strategy".
                case(
                    "$deleteFromPrimitiveList/finalizers",
                    with_finalizers(json!(["a", "b", "c"])),
                    json!({"metadata": {"$deleteFromPrimitiveList/finalizers": ["b"]}}),
                    Ok(with_finalizers(json!(["a", "c"]))),
                ),
                // "... of nonexistent item in primitive list should not add the item to the list".
                case(
                    "$deleteFromPrimitiveList of a missing item",
                    with_finalizers(json!(["a", "b"])),
                    json!({"metadata": {"$deleteFromPrimitiveList/finalizers": ["z"]}}),
                    Ok(with_finalizers(json!(["a", "b"]))),
                ),
                // "... on nonexistent primitive list should not add the primitive list".
                case(
                    "$deleteFromPrimitiveList of a missing list",
                    pod(json!({"containers": []})),
                    json!({"metadata": {"$deleteFromPrimitiveList/finalizers": ["z"]}}),
                    Ok(pod(json!({"containers": []}))),
                ),
                // "add and delete items in lists of scalars".
                case(
                    "a finalizer deleted and one added",
                    with_finalizers(json!(["a", "b"])),
                    json!({"metadata": {"$deleteFromPrimitiveList/finalizers": ["a"], "finalizers": ["d"]}}),
                    Ok(with_finalizers(json!(["d", "b"]))),
                ),
                // "... should delete item from a list without merge patch strategy".
                case(
                    "$deleteFromPrimitiveList of a container's args",
                    args(json!(["--a", "--b", "--c"])),
                    json!({"spec": {"containers": [{"name": "web", "$deleteFromPrimitiveList/args": ["--b"]}]}}),
                    Ok(args(json!(["--a", "--c"]))),
                ),
                // "retainKeys map should clear defaulted field": DeploymentSpec.strategy.
                case(
                    "$retainKeys clears what it does not name",
                    rolling.clone(),
                    json!({"spec": {"strategy": {"$retainKeys": ["type"], "type": "Recreate"}}}),
                    Ok(with_strategy(json!({"type": "Recreate"}))),
                ),
                // "retainKeys map can add a field when no retainKeys directive present".
                case(
                    "without $retainKeys a strategy merges",
                    rolling.clone(),
                    json!({"spec": {"strategy": {"rollingUpdate": {"maxSurge": 2}}}}),
                    Ok(with_strategy(
                        json!({"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 2, "maxUnavailable": 0}}),
                    )),
                ),
                // "retainKeys list of maps clears a field": a volume's source switched.
                case(
                    "$retainKeys in a volume switches its source",
                    volume(json!({"name": "data", "emptyDir": {}})),
                    json!({"spec": {"volumes": [{"name": "data", "$retainKeys": ["name", "hostPath"], "hostPath": {"path": "/data"}}]}}),
                    Ok(volume(
                        json!({"name": "data", "hostPath": {"path": "/data"}}),
                    )),
                ),
                // strategicpatch patch_test.go "add an item in a list and preserve order".
                case(
                    "$setElementOrder places a new item",
                    env_pod(json!([{"name": "1"}, {"name": "2", "value": "2"}])),
                    json!({"spec": {"containers": [{"name": "web", "$setElementOrder/env": [{"name": "3"}, {"name": "1"}, {"name": "2"}], "env": [{"name": "3", "value": "3"}]}]}}),
                    Ok(env_pod(
                        json!([{"name": "3", "value": "3"}, {"name": "1"}, {"name": "2", "value": "2"}]),
                    )),
                ),
                // "add multiple items in a list and preserve order".
                case(
                    "$setElementOrder places new items between live ones",
                    env_pod(json!([{"name": "1"}, {"name": "2", "value": "2"}])),
                    json!({"spec": {"containers": [{"name": "web", "$setElementOrder/env": [{"name": "1"}, {"name": "4"}, {"name": "2"}, {"name": "3"}], "env": [{"name": "4", "value": "4"}, {"name": "3", "value": "3"}]}]}}),
                    Ok(env_pod(
                        json!([{"name": "1"}, {"name": "4", "value": "4"}, {"name": "2", "value": "2"}, {"name": "3", "value": "3"}]),
                    )),
                ),
                // "set elements order in a list": reorder with no other change.
                case(
                    "$setElementOrder of containers",
                    two.clone(),
                    json!({"spec": {"$setElementOrder/containers": [{"name": "log"}, {"name": "web"}], "containers": [{"name": "web", "image": "nginx:1.26"}]}}),
                    Ok(spec_of(
                        json!([{"name": "log", "image": "busybox"}, {"name": "web", "image": "nginx:1.26"}]),
                        json!({"disk": "hdd", "zone": "a"}),
                    )),
                ),
                // "set elements order in a int list".
                case(
                    "$setElementOrder of finalizers",
                    with_finalizers(json!(["a", "b", "c"])),
                    json!({"metadata": {"$setElementOrder/finalizers": ["c", "b", "a"]}}),
                    Ok(with_finalizers(json!(["c", "b", "a"]))),
                ),
                // "preserve the order from the patch in a merging list 2" (no directive).
                case(
                    "without $setElementOrder the live-only item leads",
                    env_pod(json!([{"name": "1"}, {"name": "2", "value": "b"}, {"name": "3"}])),
                    env_patch(json!([{"name": "3", "value": "c"}, {"name": "1", "value": "a"}])),
                    Ok(env_pod(
                        json!([{"name": "2", "value": "b"}, {"name": "3", "value": "c"}, {"name": "1", "value": "a"}]),
                    )),
                ),
            ],
        );
    }

    #[test]
    fn strategic_errors() {
        let two = pod(json!({"containers": [
            {"name": "web", "image": "nginx"},
            {"name": "log", "image": "busybox"}
        ]}));
        let rolling = obj(
            "apps/v1",
            "Deployment",
            json!({"metadata": {"name": "web"}, "spec": {
                "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 1}}
            }}),
        );
        let widget = obj(
            "example.com/v1",
            "Widget",
            json!({"metadata": {"name": "w"}, "spec": {"size": 1}}),
        );
        run(
            PatchType::Strategic,
            vec![
                // strategicpatch patch_test.go "missing merge key should error out".
                case("a container without a name", two.clone(), json!({"spec": {"containers": [{"image": "x"}]}}), Err("map: map[image:x] does not contain declared merge key: name")),
                case("a deletion without a name", two.clone(), json!({"spec": {"containers": [{"$patch": "delete"}]}}), Err("map: map[$patch:delete] does not contain declared merge key: name")),
                // mergepatch ErrBadPatchType.
                case("an unknown $patch in a list", two.clone(), json!({"spec": {"containers": [{"name": "web", "$patch": "bogus"}]}}), Err("unknown patch type: bogus in map: map[$patch:bogus name:web]")),
                case("an unknown $patch in a map", two.clone(), json!({"metadata": {"$patch": "merge"}}), Err("unknown patch type: merge in map: map[$patch:merge]")),
                case("a $patch that is a number", two.clone(), json!({"metadata": {"$patch": 1}}), Err("unknown patch type: %!s(int64=1) in map: map[$patch:1]")),
                case("$patch: merge in a list", two.clone(), json!({"spec": {"containers": [{"$patch": "merge"}]}}), Err("merging lists cannot yet be specified in the patch")),
                // mergepatch errors the apiserver answers with a 400.
                case("$retainKeys not naming a key the patch sets", rolling.clone(), json!({"spec": {"strategy": {"$retainKeys": ["type"], "type": "Recreate", "rollingUpdate": {"maxSurge": 2}}}}), Err("invalid patch format of retainKeys")),
                case("$retainKeys that is not a list", rolling, json!({"spec": {"strategy": {"$retainKeys": "type"}}}), Err("invalid patch format of retainKeys")),
                case("$deleteFromPrimitiveList without a field", with_finalizers(json!(["a"])), json!({"metadata": {"$deleteFromPrimitiveListfinalizers": ["a"]}}), Err("invalid patch format of primitive list")),
                case("$setElementOrder with the wrong prefix", two.clone(), json!({"spec": {"$setElementOrderX/containers": []}}), Err("invalid patch format of setElementOrder list")),
                case("$setElementOrder that is not a list", two.clone(), json!({"spec": {"$setElementOrder/containers": "web"}}), Err("expected a []interface {}, but received a string")),
                // "should check if order in $setElementOrder and patch list match".
                case(
                    "$setElementOrder against the patch's order",
                    env_pod(json!([{"name": "1"}, {"name": "3"}, {"name": "2"}])),
                    json!({"spec": {"containers": [{"name": "web", "$setElementOrder/env": [{"name": "1"}, {"name": "2"}, {"name": "3"}], "env": [{"name": "3", "value": "3"}, {"name": "1", "value": "1"}]}]}}),
                    Err("The order in patch list:\n[map[name:3 value:3] map[name:1 value:1]]\n doesn't match $setElementOrder list:\n[map[name:1] map[name:2] map[name:3]]\n"),
                ),
                // sliceElementType.
                case("a list of lists", with_finalizers(json!([])), json!({"metadata": {"finalizers": [["a"]]}}), Err("lists of lists are not supported")),
                case("items of two types", with_finalizers(json!(["a"])), json!({"metadata": {"finalizers": [1]}}), Err("list element types are not identical: [[a] [1]]")),
                case("a null item", with_finalizers(json!(["a"])), json!({"metadata": {"finalizers": [null]}}), Err("list element types are not identical: [[a] [<nil>]]")),
                // apiserver patch.go `strategicPatchObject`: the patch is read into a map.
                case("a patch that is an array", two.clone(), json!([]), Err("json: cannot unmarshal array into Go value of type map[string]interface {}")),
                case("a patch that is a bool", two.clone(), json!(true), Err("json: cannot unmarshal bool into Go value of type map[string]interface {}")),
                // apiserver installer.go: custom resources accept json, merge and apply patches.
                case("a custom resource", widget, json!({"spec": {"size": 2}}), Err(UNSUPPORTED_MEDIA_TYPE)),
                case("a patch nested too deep", two, nested(MAX_DEPTH + 1), Err("error decoding patch: the patch is nested deeper than 100 levels")),
            ],
        );
    }

    #[test]
    fn the_statuses_and_what_kubectl_prints() {
        let deployment = deployment(json!([{"name": "web", "image": "nginx"}]));
        let widget = obj(
            "example.com/v1",
            "Widget",
            json!({"metadata": {"name": "w"}}),
        );
        let cases = [
            // apierrors.NewGenericServerResponse(422, ...) keeps no cause; kubectl's CheckErr
            // prints an Invalid status without details so.
            (
                try_apply(&deployment, &json!([{"op": "test", "path": "/spec/replicas", "value": 2}]), PatchType::Json),
                422,
                "Invalid",
                "The request is invalid: the server rejected our request due to an error in our request",
            ),
            (
                try_apply(&deployment, &json!({"op": "add"}), PatchType::Json),
                400,
                "BadRequest",
                "Error from server (BadRequest): error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp",
            ),
            (
                try_apply(&widget, &json!({}), PatchType::Strategic),
                415,
                "UnsupportedMediaType",
                "Error from server (UnsupportedMediaType): the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml",
            ),
            // A plain Go error from strategicpatch: a 500 with no reason.
            (
                try_apply(&deployment, &template_containers(json!([{"image": "x"}])), PatchType::Strategic),
                500,
                "",
                "Error from server: map: map[image:x] does not contain declared merge key: name",
            ),
            (
                try_apply(&deployment, &Value::Array(vec![json!({"op": "test", "path": "/a"}); MAX_JSON_PATCH_OPERATIONS + 1]), PatchType::Json),
                413,
                "RequestEntityTooLarge",
                "Error from server (RequestEntityTooLarge): Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001",
            ),
        ];
        for (got, code, reason, line) in cases {
            let e = got.expect_err(line);
            assert_eq!(
                (e.code(), e.reason(), e.kubectl_message().as_str()),
                (code, reason, line)
            );
        }
        // The cause is what `apply` returns.
        assert_eq!(
            apply(
                &deployment,
                &json!([{"op": "test", "path": "/spec/replicas", "value": 2}]),
                PatchType::Json
            ),
            Err("testing value /spec/replicas failed: test failed".to_string())
        );
    }

    #[test]
    fn merge_keys_follow_the_struct_tags() {
        use ListStrategy::{MergeByKey, MergePrimitives, Replace};
        let pod_spec = ["spec"];
        let template = ["spec", "template", "spec"];
        // (kind, path, strategy): the tag each comes from is in kubernetes/api v0.33 types.go.
        let rows: &[(&str, Vec<&str>, ListStrategy)] = &[
            // core/v1 PodSpec.containers, initContainers, ephemeralContainers: name.
            (
                "Pod",
                [&pod_spec[..], &["containers"]].concat(),
                MergeByKey("name"),
            ),
            (
                "Pod",
                [&pod_spec[..], &["initContainers"]].concat(),
                MergeByKey("name"),
            ),
            (
                "Pod",
                [&pod_spec[..], &["ephemeralContainers"]].concat(),
                MergeByKey("name"),
            ),
            // Container (and EphemeralContainerCommon) ports, env, volumeMounts, volumeDevices.
            (
                "Pod",
                [&pod_spec[..], &["containers", "ports"]].concat(),
                MergeByKey("containerPort"),
            ),
            (
                "Pod",
                [&pod_spec[..], &["initContainers", "env"]].concat(),
                MergeByKey("name"),
            ),
            (
                "Pod",
                [&pod_spec[..], &["containers", "volumeMounts"]].concat(),
                MergeByKey("mountPath"),
            ),
            (
                "Pod",
                [&pod_spec[..], &["ephemeralContainers", "volumeDevices"]].concat(),
                MergeByKey("devicePath"),
            ),
            (
                "Pod",
                [&pod_spec[..], &["containers", "envFrom"]].concat(),
                Replace,
            ),
            (
                "Pod",
                [&pod_spec[..], &["containers", "resources", "claims"]].concat(),
                Replace,
            ),
            // PodSpec volumes (merge,retainKeys), imagePullSecrets, hostAliases,
            // topologySpreadConstraints, schedulingGates, resourceClaims (merge,retainKeys).
            (
                "Pod",
                [&pod_spec[..], &["volumes"]].concat(),
                MergeByKey("name"),
            ),
            (
                "Pod",
                [&pod_spec[..], &["imagePullSecrets"]].concat(),
                MergeByKey("name"),
            ),
            (
                "Pod",
                [&pod_spec[..], &["hostAliases"]].concat(),
                MergeByKey("ip"),
            ),
            (
                "Pod",
                [&pod_spec[..], &["topologySpreadConstraints"]].concat(),
                MergeByKey("topologyKey"),
            ),
            (
                "Pod",
                [&pod_spec[..], &["schedulingGates"]].concat(),
                MergeByKey("name"),
            ),
            (
                "Pod",
                [&pod_spec[..], &["resourceClaims"]].concat(),
                MergeByKey("name"),
            ),
            // PodSpec.tolerations: no patchStrategy.
            ("Pod", [&pod_spec[..], &["tolerations"]].concat(), Replace),
            (
                "Pod",
                [&pod_spec[..], &["readinessGates"]].concat(),
                Replace,
            ),
            // Every pod template.
            (
                "Deployment",
                [&template[..], &["containers"]].concat(),
                MergeByKey("name"),
            ),
            (
                "ReplicaSet",
                [&template[..], &["containers", "env"]].concat(),
                MergeByKey("name"),
            ),
            (
                "StatefulSet",
                [&template[..], &["volumes"]].concat(),
                MergeByKey("name"),
            ),
            (
                "DaemonSet",
                [&template[..], &["initContainers"]].concat(),
                MergeByKey("name"),
            ),
            (
                "Job",
                [&template[..], &["containers", "ports"]].concat(),
                MergeByKey("containerPort"),
            ),
            (
                "ReplicationController",
                [&template[..], &["containers"]].concat(),
                MergeByKey("name"),
            ),
            (
                "CronJob",
                vec![
                    "spec",
                    "jobTemplate",
                    "spec",
                    "template",
                    "spec",
                    "containers",
                ],
                MergeByKey("name"),
            ),
            (
                "PodTemplate",
                vec!["template", "spec", "containers"],
                MergeByKey("name"),
            ),
            // Not a Pod spec: a Service has no spec.containers, a Pod no spec.template.
            ("Service", vec!["spec", "containers"], Replace),
            ("Pod", [&template[..], &["containers"]].concat(), Replace),
            // StatefulSetSpec.volumeClaimTemplates: no patchStrategy.
            ("StatefulSet", vec!["spec", "volumeClaimTemplates"], Replace),
            // ServiceSpec.ports: port.
            ("Service", vec!["spec", "ports"], MergeByKey("port")),
            // meta/v1 ObjectMeta: ownerReferences on uid, finalizers merged; managedFields not.
            (
                "ConfigMap",
                vec!["metadata", "ownerReferences"],
                MergeByKey("uid"),
            ),
            (
                "Deployment",
                vec!["spec", "template", "metadata", "finalizers"],
                MergePrimitives,
            ),
            ("Secret", vec!["metadata", "finalizers"], MergePrimitives),
            ("Pod", vec!["metadata", "managedFields"], Replace),
            // Namespace spec.finalizers (NamespaceSpec): no patchStrategy.
            ("Namespace", vec!["spec", "finalizers"], Replace),
            // The status conditions: type, for every kind that has them.
            ("Pod", vec!["status", "conditions"], MergeByKey("type")),
            (
                "Deployment",
                vec!["status", "conditions"],
                MergeByKey("type"),
            ),
            ("Node", vec!["status", "conditions"], MergeByKey("type")),
            (
                "PersistentVolumeClaim",
                vec!["status", "conditions"],
                MergeByKey("type"),
            ),
            (
                "HorizontalPodAutoscaler",
                vec!["status", "conditions"],
                MergeByKey("type"),
            ),
            (
                "PodDisruptionBudget",
                vec!["status", "conditions"],
                MergeByKey("type"),
            ),
            ("ComponentStatus", vec!["conditions"], MergeByKey("type")),
            // PodStatus podIPs, hostIPs (ip); containerStatuses has no patchStrategy.
            ("Pod", vec!["status", "podIPs"], MergeByKey("ip")),
            ("Pod", vec!["status", "hostIPs"], MergeByKey("ip")),
            ("Pod", vec!["status", "containerStatuses"], Replace),
            // NodeSpec taints (none), podCIDRs (merge); NodeStatus addresses (type).
            ("Node", vec!["spec", "taints"], Replace),
            ("Node", vec!["spec", "podCIDRs"], MergePrimitives),
            ("Node", vec!["status", "addresses"], MergeByKey("type")),
            ("Node", vec!["status", "images"], Replace),
            // ServiceAccount secrets (name); imagePullSecrets there has no patchStrategy.
            ("ServiceAccount", vec!["secrets"], MergeByKey("name")),
            ("ServiceAccount", vec!["imagePullSecrets"], Replace),
            // storage/v1 CSINodeSpec.drivers (name).
            ("CSINode", vec!["spec", "drivers"], MergeByKey("name")),
            // No patchStrategy in networking/v1, storage/v1 StorageClass, PV, autoscaling/v2 spec.
            ("Ingress", vec!["spec", "rules"], Replace),
            ("Ingress", vec!["spec", "tls"], Replace),
            ("NetworkPolicy", vec!["spec", "ingress"], Replace),
            ("StorageClass", vec!["mountOptions"], Replace),
            ("PersistentVolume", vec!["spec", "accessModes"], Replace),
            ("HorizontalPodAutoscaler", vec!["spec", "metrics"], Replace),
        ];
        let mut failures = Vec::new();
        for (kind, path, want) in rows {
            let got = list_strategy(kind, path);
            if got != *want {
                failures.push(format!("{kind} {path:?}: got {got:?}, want {want:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        assert!(replaces_map("PodDisruptionBudget", &["spec", "selector"]));
        assert!(!replaces_map("Deployment", &["spec", "selector"]));
        assert!(!replaces_map("Service", &["spec", "selector"]));
    }

    #[test]
    fn go_formats_values_as_fmt_does() {
        // Go: fmt.Sprint of float64 (strconv 'g', shortest) and of decoded JSON.
        let floats = [
            (1.5, "1.5"),
            (-2.5, "-2.5"),
            (100.0, "100"),
            (123456.0, "123456"),
            (1e6, "1e+06"),
            (1234567.0, "1.234567e+06"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1.25e-7, "1.25e-07"),
            (1e21, "1e+21"),
            (0.0, "0"),
        ];
        for (f, want) in floats {
            assert_eq!(go_float(f), want, "{f}");
        }
        let v = json!({"b": [1, 1.5, "x", null, true], "a": {"c": "d"}});
        assert_eq!(
            go_fmt(&v, Verb::V),
            "map[a:map[c:d] b:[1 1.5 x <nil> true]]"
        );
        assert_eq!(go_fmt(&json!(1), Verb::S), "%!s(int64=1)");
        assert_eq!(go_fmt(&json!(1.5), Verb::S), "%!s(float64=1.5)");
        assert_eq!(go_fmt(&json!(false), Verb::S), "%!s(bool=false)");
        assert_eq!(go_fmt(&Value::Null, Verb::S), "%!s(<nil>)");
    }

    #[test]
    fn the_depth_limit() {
        let target = json!({"a": 1});
        assert!(!nested_deeper_than(&nested(MAX_DEPTH), MAX_DEPTH));
        assert!(nested_deeper_than(&nested(MAX_DEPTH + 1), MAX_DEPTH));
        assert!(apply(&target, &nested(MAX_DEPTH), PatchType::Merge).is_ok());
        for ty in [PatchType::Merge, PatchType::Json] {
            assert_eq!(
                apply(&target, &json!([nested(MAX_DEPTH)]), ty),
                Err("error decoding patch: the patch is nested deeper than 100 levels".into()),
                "{ty:?}"
            );
        }
    }

    /// A seeded generator: the same sequence every run.
    struct Lcg(u64);

    impl Lcg {
        fn below(&mut self, n: u64) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (self.0 >> 33) % n
        }

        fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
            words[self.below(words.len() as u64) as usize]
        }
    }

    const WORDS: &[&str] = &[
        "spec",
        "containers",
        "name",
        "web",
        "image",
        "env",
        "ports",
        "containerPort",
        "metadata",
        "finalizers",
        "template",
        "status",
        "conditions",
        "type",
        "tolerations",
        "$patch",
        "delete",
        "replace",
        "merge",
        "$retainKeys",
        "$setElementOrder/containers",
        "$setElementOrder/finalizers",
        "$deleteFromPrimitiveList/finalizers",
        "$deleteFromPrimitiveList/containers",
        "$setElementOrder",
        "0",
        "-",
        "-1",
        "~1",
        "",
    ];

    fn random_value(r: &mut Lcg, depth: u32) -> Value {
        match r.below(if depth == 0 { 5 } else { 8 }) {
            0 => Value::Null,
            1 => Value::Bool(r.below(2) == 0),
            2 => json!(r.below(3)),
            3 => json!(0.5),
            4 => json!(r.pick(WORDS)),
            5 | 6 => {
                let mut m = Object::new();
                for _ in 0..r.below(4) {
                    let k = r.pick(WORDS).to_string();
                    m.insert(k, random_value(r, depth - 1));
                }
                Value::Object(m)
            }
            _ => Value::Array(
                (0..r.below(4))
                    .map(|_| random_value(r, depth - 1))
                    .collect(),
            ),
        }
    }

    fn random_pointer(r: &mut Lcg) -> String {
        (0..r.below(5))
            .map(|_| format!("/{}", r.pick(WORDS)))
            .collect()
    }

    #[test]
    fn bad_input_never_panics() {
        let targets = [
            deployment(
                json!([{"name": "web", "image": "nginx", "env": [{"name": "A"}]}, {"name": "log"}]),
            ),
            with_finalizers(json!(["a", "b"])),
            pod(
                json!({"containers": [{"name": "web", "ports": [{"containerPort": 80}]}], "tolerations": [{"key": "a"}]}),
            ),
        ];
        let mut r = Lcg(7);
        for i in 0..3000 {
            let target = &targets[i % targets.len()];
            let patch = random_value(&mut r, 5);
            for ty in [PatchType::Strategic, PatchType::Merge, PatchType::Json] {
                if let Err(e) = try_apply(target, &patch, ty) {
                    let _ = (e.kubectl_message(), e.to_string());
                }
            }
            let ops: Vec<Value> = (0..r.below(4))
                .map(|_| {
                    json!({
                        "op": r.pick(&["add", "remove", "replace", "move", "copy", "test", "bogus"]),
                        "path": random_pointer(&mut r),
                        "from": random_pointer(&mut r),
                        "value": random_value(&mut r, 2),
                    })
                })
                .collect();
            let _ = try_apply(target, &Value::Array(ops), PatchType::Json);
        }
    }
}
