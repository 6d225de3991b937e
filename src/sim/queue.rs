//! Work queues, one per controller, as kube-controller-manager's informers feed them: every write to
//! the store is mapped (by the controller's `watches`) to the keys that must be reconciled again, and
//! each key may ask to be reconciled again at a later virtual time.
//!
//! The one thing to know: a key is in a queue at most once, and keys come out in a fixed order
//! (`QueueKey`'s), so the same writes always give the same reconciles in the same order. A key's
//! wake-up is replaced each time it is reconciled: a key that no longer waits for anything leaves
//! nothing behind to stop the clock.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::time::Millis;

/// What a controller reconciles: an object's namespace and name, after `order`, which a controller
/// that reconciles several kinds (the garbage collector) uses to keep its kinds apart and in order.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QueueKey {
    pub order: u8,
    pub namespace: String,
    pub name: String,
}

impl QueueKey {
    pub fn new(namespace: &str, name: &str) -> QueueKey {
        QueueKey {
            order: 0,
            namespace: namespace.to_string(),
            name: name.to_string(),
        }
    }
}

/// The queues of every controller, by the controller's index in `controllers::CONTROLLERS`.
#[derive(Clone, Debug, Default)]
pub struct Queues {
    pending: Vec<BTreeSet<QueueKey>>,
    /// When each waiting key asked to be reconciled again.
    wakes: HashMap<(usize, QueueKey), Millis>,
    /// The same wake-ups by time.
    timeline: BTreeMap<Millis, BTreeSet<(usize, QueueKey)>>,
    /// How many keys each controller has reconciled, for tests and benchmarks.
    pub reconciles: Vec<u64>,
}

impl Queues {
    pub fn add(&mut self, controller: usize, key: QueueKey) {
        if self.pending.len() <= controller {
            self.pending.resize_with(controller + 1, BTreeSet::new);
        }
        self.pending[controller].insert(key);
    }

    /// The keys waiting for a controller, in order; the queue is left empty.
    pub fn take(&mut self, controller: usize) -> Vec<QueueKey> {
        match self.pending.get_mut(controller) {
            Some(q) => std::mem::take(q).into_iter().collect(),
            None => Vec::new(),
        }
    }

    pub fn count_reconcile(&mut self, controller: usize) {
        if self.reconciles.len() <= controller {
            self.reconciles.resize(controller + 1, 0);
        }
        self.reconciles[controller] += 1;
    }

    /// True when no controller has a key waiting now.
    pub fn is_idle(&self) -> bool {
        self.pending.iter().all(BTreeSet::is_empty)
    }

    /// Replaces the wake-up of a key (None: it waits for nothing).
    pub fn set_wake(&mut self, controller: usize, key: QueueKey, at: Option<Millis>) {
        let slot = (controller, key);
        if let Some(old) = self.wakes.remove(&slot) {
            if let Some(set) = self.timeline.get_mut(&old) {
                set.remove(&slot);
                if set.is_empty() {
                    self.timeline.remove(&old);
                }
            }
        }
        if let Some(at) = at {
            self.timeline.entry(at).or_default().insert(slot.clone());
            self.wakes.insert(slot, at);
        }
    }

    /// The first wake-up after `now`.
    pub fn next_after(&self, now: Millis) -> Option<Millis> {
        self.timeline.range(now + 1..).next().map(|(t, _)| *t)
    }

    /// Queues every key whose wake-up is due at or before `now`.
    pub fn fire(&mut self, now: Millis) {
        let later = self.timeline.split_off(&(now + 1));
        let due = std::mem::replace(&mut self.timeline, later);
        for (_, slots) in due {
            for slot in slots {
                self.wakes.remove(&slot);
                self.add(slot.0, slot.1);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(name: &str) -> QueueKey {
        QueueKey::new("default", name)
    }

    #[test]
    fn a_key_is_queued_once_and_keys_come_out_in_order() {
        let mut q = Queues::default();
        q.add(1, k("b"));
        q.add(1, k("a"));
        q.add(1, k("b"));
        assert!(!q.is_idle());
        assert_eq!(q.take(1), vec![k("a"), k("b")]);
        assert!(q.is_idle());
        assert!(q.take(0).is_empty());
    }

    #[test]
    fn a_new_wake_up_replaces_the_old_one() {
        let mut q = Queues::default();
        q.set_wake(0, k("a"), Some(5_000));
        q.set_wake(0, k("a"), Some(9_000));
        assert_eq!(q.next_after(0), Some(9_000));
        q.set_wake(0, k("a"), None);
        assert_eq!(q.next_after(0), None);
    }

    #[test]
    fn due_wake_ups_queue_their_keys() {
        let mut q = Queues::default();
        q.set_wake(0, k("a"), Some(1_000));
        q.set_wake(2, k("b"), Some(2_000));
        q.fire(1_000);
        assert_eq!(q.take(0), vec![k("a")]);
        assert!(q.take(2).is_empty());
        assert_eq!(q.next_after(1_000), Some(2_000));
        q.fire(5_000);
        assert_eq!(q.take(2), vec![k("b")]);
        assert_eq!(q.next_after(0), None);
    }
}
