//! The TTL-after-finished controller (pkg/controller/ttlafterfinished): a finished Job with
//! `ttlSecondsAfterFinished` is deleted that long after its `Complete` or `Failed` condition,
//! and its Pods with it.
//!
//! The one thing to know: upstream deletes with foreground propagation (the Pods go first, then
//! the Job); here the Job goes at once and the garbage collector takes its Pods in the same
//! instant, which a reader of `kubectl get` cannot tell apart.

use k8s_openapi::api::batch::v1::Job;

use super::{live, own_key, Controller};
use crate::sim::queue::QueueKey;
use crate::sim::store::{Store, Touch};
use crate::sim::time::{millis_of, SECOND};
use crate::sim::Cluster;

pub(crate) const CONTROLLER: Controller =
    Controller::keyed("ttl-after-finished-controller", watches, reconcile);

fn watches(_store: &Store, t: &Touch, out: &mut dyn FnMut(QueueKey)) {
    if t.kind == "Job" {
        out(own_key(t));
    }
}

fn reconcile(c: &mut Cluster, key: &QueueKey) {
    let Some(job) = live::<Job>(c, key) else {
        return;
    };
    let Some(ttl) = job.spec.as_ref().and_then(|s| s.ttl_seconds_after_finished) else {
        return;
    };
    let Some(st) = job.status.as_ref() else {
        return;
    };
    let Some(done) = ["Complete", "Failed"]
        .iter()
        .find_map(|t| super::job::true_condition(st, t))
        .and_then(|cond| cond.last_transition_time.as_ref())
    else {
        return;
    };
    let expires = millis_of(done) + i64::from(ttl) * SECOND;
    if c.now() >= expires {
        c.delete("Job", &key.namespace, &key.name);
    } else {
        c.wake_at(expires);
    }
}
