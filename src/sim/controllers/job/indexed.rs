//! Indexed Jobs (pkg/controller/job/indexed_job_utils.go): a Pod's completion index, the
//! interval strings of `status.completedIndexes` and `status.failedIndexes`, and the indexes
//! still to run.

use std::collections::BTreeSet;

use k8s_openapi::api::core::v1::Pod;

/// `batch.kubernetes.io/job-completion-index`: annotation and label of an Indexed Job's Pods.
pub const COMPLETION_INDEX: &str = "batch.kubernetes.io/job-completion-index";
/// The most indexes the controller walks (upstream's soft limit on an Indexed Job's
/// completions, `completionsSoftLimit`): a bigger Job runs its first this many.
pub const MAX_INDEX: i32 = 100_000;
/// How often the index's Pods failed before this one (backoffLimitPerIndex).
pub const FAILURE_COUNT: &str = "batch.kubernetes.io/job-index-failure-count";

/// The index a Pod runs, when it carries a valid one below `completions`.
pub fn index_of(pod: &Pod, completions: i32) -> Option<i32> {
    let text = pod
        .metadata
        .annotations
        .as_ref()
        .and_then(|a| a.get(COMPLETION_INDEX))?;
    let i: i32 = text.parse().ok()?;
    (0..completions).contains(&i).then_some(i)
}

/// How often the index's Pods failed in ways a pod failure policy's Ignore rule let go.
pub const IGNORED_FAILURE_COUNT: &str = "batch.kubernetes.io/job-index-ignored-failure-count";

/// The failure count a Pod of a per-index back-off carries (0 when none).
pub fn failure_count(pod: &Pod) -> i32 {
    count_annotation(pod, FAILURE_COUNT)
}

/// The ignored failure count a Pod carries (0 when none).
pub fn ignored_failure_count(pod: &Pod) -> i32 {
    count_annotation(pod, IGNORED_FAILURE_COUNT)
}

/// `getIndexAbsoluteFailureCount`: every failure of the index before this Pod, ignored or not.
pub fn absolute_failure_count(pod: &Pod) -> i32 {
    failure_count(pod).saturating_add(ignored_failure_count(pod))
}

/// `parseInt32` on an annotation: 0 when it is missing, not a number, or negative.
fn count_annotation(pod: &Pod, key: &str) -> i32 {
    pod.metadata
        .annotations
        .as_ref()
        .and_then(|a| a.get(key))
        .and_then(|v| v.parse::<i32>().ok())
        .filter(|n| *n >= 0)
        .unwrap_or(0)
}

/// `orderedIntervals.String()`: `0,1` for a run of two, `0-2` for longer runs, comma-joined.
pub fn format(indexes: &BTreeSet<i32>) -> String {
    let mut parts = Vec::new();
    let mut iter = indexes.iter().copied().peekable();
    while let Some(first) = iter.next() {
        let mut last = first;
        while iter.peek() == Some(&(last + 1)) {
            last += 1;
            iter.next();
        }
        match last - first {
            0 => parts.push(first.to_string()),
            1 => {
                parts.push(first.to_string());
                parts.push(last.to_string());
            }
            _ => parts.push(format!("{first}-{last}")),
        }
    }
    parts.join(",")
}

/// The indexes an interval string names, those at or above `limit` left out (what
/// `parseIndexesFromString` keeps). Malformed parts are skipped.
pub fn parse(text: &str, limit: i32) -> BTreeSet<i32> {
    let mut out = BTreeSet::new();
    for part in text.split(',').filter(|p| !p.is_empty()) {
        let (a, b) = part.split_once('-').unwrap_or((part, part));
        let (Ok(a), Ok(b)) = (a.trim().parse::<i32>(), b.trim().parse::<i32>()) else {
            continue;
        };
        for i in a.max(0)..=b.min(limit.min(MAX_INDEX).saturating_sub(1)) {
            out.insert(i);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_print_as_upstream() {
        // indexed_job_utils_test.go TestCalculateSucceededIndexes / orderedIntervals.String.
        let cases: &[(&[i32], &str)] = &[
            (&[], ""),
            (&[0], "0"),
            (&[0, 1], "0,1"),
            (&[0, 1, 2], "0-2"),
            (&[1, 3, 4, 5, 7], "1,3-5,7"),
            (&[0, 2, 3, 9, 10, 11, 12], "0,2,3,9-12"),
        ];
        for (set, text) in cases {
            let set: BTreeSet<i32> = set.iter().copied().collect();
            assert_eq!(format(&set), *text);
            assert_eq!(parse(text, 100), set, "{text}");
        }
        assert_eq!(parse("1-5", 3), [1, 2].into_iter().collect());
        assert_eq!(parse("x,2", 3), [2].into_iter().collect());
        // A user's interval cannot make the controller walk more than MAX_INDEX indexes.
        assert_eq!(parse("0-2000000000", i32::MAX).len(), MAX_INDEX as usize);
    }
}
