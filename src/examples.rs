//! The examples shipped with kubeplay, written for it; the first is what a new visitor sees.

/// An example: a short id (for tests and links), a title, and the manifest.
pub struct Example {
    pub id: &'static str,
    pub title: &'static str,
    pub text: &'static str,
}

macro_rules! example {
    ($id:literal, $title:literal) => {
        Example {
            id: $id,
            title: $title,
            text: include_str!(concat!("../static/examples/", $id, ".yaml")),
        }
    };
}

pub const EXAMPLES: &[Example] = &[
    example!("service-deployment", "Service and Deployment"),
    example!("rolling-update", "Rolling update, step by step"),
    example!("blue-green", "Blue/green switch by selector"),
    example!("set-based-selectors", "Set-based selectors"),
    example!("job", "Job: parallel completions"),
    example!("cronjob", "CronJob on a schedule"),
    example!("statefulset", "StatefulSet with volumeClaimTemplates"),
    example!("pv-pvc", "PersistentVolume and claim"),
    example!("find-the-mistakes", "Find the mistakes"),
];
