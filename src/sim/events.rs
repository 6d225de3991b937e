//! Events as the API server keeps them: one object per (object, reason, message, source), counted when
//! it happens again, dropped an hour after it was last seen (the API server's default event TTL).

use std::collections::{HashMap, VecDeque};

use k8s_openapi::api::core::v1::{Event as CoreEvent, EventSource, ObjectReference};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::store::WatchType;
use super::time::{self, Millis, HOUR};

/// The most events kept; the oldest go first.
pub const MAX_EVENTS: usize = 20_000;

/// The object an event is about.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Involved {
    pub api_version: &'static str,
    pub kind: &'static str,
    pub namespace: String,
    pub name: String,
    pub uid: String,
    /// `spec.containers{web}` for container events.
    pub field_path: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EventType {
    Normal,
    Warning,
}

impl EventType {
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Normal => "Normal",
            EventType::Warning => "Warning",
        }
    }
}

/// The component that reported it: `default-scheduler`, `kubelet` (with its node), a controller.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Source {
    pub component: &'static str,
    pub host: Option<String>,
}

impl Source {
    pub fn controller(component: &'static str) -> Source {
        Source {
            component,
            host: None,
        }
    }

    /// What `kubectl describe` prints in the From column.
    pub fn from(&self) -> String {
        match &self.host {
            Some(h) => format!("{}, {h}", self.component),
            None => self.component.to_string(),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Event {
    pub name: String,
    pub involved: Involved,
    pub type_: EventType,
    pub reason: String,
    pub message: String,
    pub source: Source,
    pub first: Millis,
    pub last: Millis,
    pub count: u32,
}

impl Event {
    /// The core/v1 Event object, as `kubectl get events -o json` prints it.
    pub fn to_object(&self) -> CoreEvent {
        CoreEvent {
            metadata: ObjectMeta {
                name: Some(self.name.clone()),
                namespace: Some(self.involved.namespace.clone()),
                ..Default::default()
            },
            involved_object: ObjectReference {
                api_version: Some(self.involved.api_version.to_string()),
                kind: Some(self.involved.kind.to_string()),
                name: Some(self.involved.name.clone()),
                namespace: (!self.involved.namespace.is_empty())
                    .then(|| self.involved.namespace.clone()),
                uid: Some(self.involved.uid.clone()),
                field_path: self.involved.field_path.clone(),
                ..Default::default()
            },
            reason: Some(self.reason.clone()),
            message: Some(self.message.clone()),
            type_: Some(self.type_.as_str().to_string()),
            source: Some(EventSource {
                component: Some(self.source.component.to_string()),
                host: self.source.host.clone(),
            }),
            first_timestamp: Some(time::time(self.first)),
            last_timestamp: Some(time::time(self.last)),
            count: Some(self.count as i32),
            reporting_component: Some(self.source.component.to_string()),
            reporting_instance: Some(self.source.host.clone().unwrap_or_default()),
            ..Default::default()
        }
    }
}

type Aggregate = (Involved, EventType, String, String, Source);

fn aggregate(e: &Event) -> Aggregate {
    (
        e.involved.clone(),
        e.type_,
        e.reason.clone(),
        e.message.clone(),
        e.source.clone(),
    )
}

/// Every event, oldest first.
///
/// The one thing to know: recording and expiring cost what changed, not the list's length. The
/// index maps an event's aggregation key to its sequence number (its position plus how many have
/// been dropped from the front), and the hour-long TTL is only swept when the oldest `last` seen
/// could have expired.
#[derive(Clone, Debug, Default)]
pub struct Events {
    list: VecDeque<Event>,
    index: HashMap<Aggregate, u64>,
    /// Sequence number of the front of `list`.
    dropped: u64,
    /// No event's `last` is older than this.
    floor: Millis,
    /// Bumped on every record and every expiry, so a viewer can tell nothing changed.
    pub version: u64,
    /// Every event recorded, counted again or dropped since the last `take_changes`, when
    /// watching (`kubeplay simulate --watch`).
    watched: Option<Vec<(WatchType, Event)>>,
}

impl Events {
    pub fn record(
        &mut self,
        now: Millis,
        involved: Involved,
        type_: EventType,
        reason: &str,
        message: String,
        source: Source,
    ) {
        self.version += 1;
        let key = (
            involved.clone(),
            type_,
            reason.to_string(),
            message.clone(),
            source.clone(),
        );
        if let Some(&seq) = self.index.get(&key) {
            if let Some(e) = self.list.get_mut((seq - self.dropped) as usize) {
                e.count += 1;
                e.last = now;
                if let Some(w) = &mut self.watched {
                    w.push((WatchType::Modified, e.clone()));
                }
                return;
            }
        }
        if self.list.is_empty() {
            self.floor = now;
        }
        // `<object>.<unix nanoseconds in hex>`, as client-go's recorder names events.
        let nanos = (time::EPOCH_MS + now) as u128 * 1_000_000 + self.list.len() as u128;
        let name = format!("{}.{nanos:x}", involved.name);
        self.index
            .insert(key, self.dropped + self.list.len() as u64);
        let event = Event {
            name,
            involved,
            type_,
            reason: reason.to_string(),
            message,
            source,
            first: now,
            last: now,
            count: 1,
        };
        if let Some(w) = &mut self.watched {
            w.push((WatchType::Added, event.clone()));
        }
        self.list.push_back(event);
    }

    /// Turns on recording of what changes, for `take_changes`.
    pub(crate) fn watch(&mut self) {
        self.watched.get_or_insert_with(Vec::new);
    }

    /// The events added, counted again or dropped since the last call, in order (empty unless
    /// watching).
    pub(crate) fn take_changes(&mut self) -> Vec<(WatchType, Event)> {
        self.watched
            .as_mut()
            .map(std::mem::take)
            .unwrap_or_default()
    }

    /// Every event, oldest first.
    /// How many events are kept.
    pub(crate) fn len(&self) -> usize {
        self.list.len()
    }

    pub fn list(&self) -> &[Event] {
        let (front, back) = self.list.as_slices();
        if back.is_empty() {
            front
        } else {
            // `expire` keeps the ring contiguous; this is not reached.
            &[]
        }
    }

    /// Drops events not seen for an hour, and the oldest beyond `MAX_EVENTS`.
    pub fn expire(&mut self, now: Millis) {
        if now - self.floor >= HOUR {
            self.retain(|e| now - e.last < HOUR);
            self.floor = self.list.iter().map(|e| e.last).min().unwrap_or(now);
        }
        while self.list.len() > MAX_EVENTS {
            self.version += 1;
            if let Some(e) = self.list.pop_front() {
                self.index.remove(&aggregate(&e));
                self.dropped += 1;
                if let Some(w) = &mut self.watched {
                    w.push((WatchType::Deleted, e));
                }
            }
        }
        self.list.make_contiguous();
    }

    /// Drops every event about an object in the namespace: what deleting a Namespace does to its
    /// Events (they are namespaced objects like the rest of its content).
    pub fn drop_namespace(&mut self, ns: &str) {
        self.retain(|e| e.involved.namespace != ns);
    }

    /// Keeps the events `keep` accepts, renumbering the index when any went.
    fn retain(&mut self, mut keep: impl FnMut(&Event) -> bool) {
        let before = self.list.len();
        let watched = &mut self.watched;
        self.list.retain(|e| {
            let kept = keep(e);
            if let (false, Some(w)) = (kept, watched.as_mut()) {
                w.push((WatchType::Deleted, e.clone()));
            }
            kept
        });
        if self.list.len() != before {
            self.version += 1;
            self.dropped = 0;
            self.index = self
                .list
                .iter()
                .enumerate()
                .map(|(i, e)| (aggregate(e), i as u64))
                .collect();
            self.list.make_contiguous();
        }
    }

    /// Events about one object, oldest first.
    pub fn about<'a>(
        &'a self,
        kind: &'a str,
        ns: &'a str,
        name: &'a str,
    ) -> impl Iterator<Item = &'a Event> + 'a {
        self.list.iter().filter(move |e| {
            e.involved.kind == kind && e.involved.namespace == ns && e.involved.name == name
        })
    }
}
