//! Events as the API server keeps them: one object per (object, reason, message, source), counted when
//! it happens again, dropped an hour after it was last seen (the API server's default event TTL).

use std::collections::HashMap;

use k8s_openapi::api::core::v1::{Event as CoreEvent, EventSource, ObjectReference};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

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

/// Every event, oldest first.
#[derive(Clone, Debug, Default)]
pub struct Events {
    pub list: Vec<Event>,
    index: HashMap<Aggregate, usize>,
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
        let key = (
            involved.clone(),
            type_,
            reason.to_string(),
            message.clone(),
            source.clone(),
        );
        if let Some(&i) = self.index.get(&key) {
            let e = &mut self.list[i];
            e.count += 1;
            e.last = now;
            return;
        }
        // `<object>.<unix nanoseconds in hex>`, as client-go's recorder names events.
        let nanos = (time::EPOCH_MS + now) as u128 * 1_000_000 + self.list.len() as u128;
        let name = format!("{}.{nanos:x}", involved.name);
        self.index.insert(key, self.list.len());
        self.list.push(Event {
            name,
            involved,
            type_,
            reason: reason.to_string(),
            message,
            source,
            first: now,
            last: now,
            count: 1,
        });
    }

    /// Drops events not seen for an hour, and the oldest beyond `MAX_EVENTS`.
    pub fn expire(&mut self, now: Millis) {
        let before = self.list.len();
        self.list.retain(|e| now - e.last < HOUR);
        if self.list.len() > MAX_EVENTS {
            let cut = self.list.len() - MAX_EVENTS;
            self.list.drain(..cut);
        }
        if self.list.len() != before {
            self.index = self
                .list
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    (
                        (
                            e.involved.clone(),
                            e.type_,
                            e.reason.clone(),
                            e.message.clone(),
                            e.source.clone(),
                        ),
                        i,
                    )
                })
                .collect();
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
