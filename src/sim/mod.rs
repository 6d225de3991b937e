//! The simulated cluster: an object store, a virtual clock, and the controllers, scheduler and kubelet
//! that move the store toward what the manifest asks for, step by step, the way a real cluster does.
//!
//! The one thing to know: time only moves when the caller steps it. Each step jumps to the next instant
//! at which something is due (a container finishing its start, a probe, a back-off ending) and then
//! runs every controller until nothing changes. The same manifest and the same steps always give the
//! same names, IPs, events and output.
//!
//! Timings of the simulated node (a kind-like cluster on a fast machine): a Pod's sandbox takes 1 s,
//! pulling an image the node does not have takes 2 s, starting a container is instant. What a container
//! does comes from its command (see `behaviour`).

pub mod apply;
pub mod behaviour;
mod bootstrap;
mod controller;
pub mod controllers;
mod defaults;
pub mod events;
pub mod invariants;
pub mod json;
pub mod kubectl;
pub(crate) mod kubelet;
pub mod machines;
mod network;
pub mod pod;
pub mod print;
pub mod quantity;
pub(crate) mod queue;
pub mod rand;
pub(crate) mod registry;
pub(crate) mod scheduler;
pub mod script;
pub mod shell;
pub mod storage;
pub mod store;
pub mod time;
pub mod timeline;
pub(crate) mod usage;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, OwnerReference};
use serde_json::{json, Value};

pub use apply::{ApplyOutcome, ApplyResult, Reason, StatusError};
pub use events::{Event, EventType};
pub use machines::Fault;
pub use store::{Change, Store, WatchType};
pub use time::Millis;

use controller::Controller;
use events::{Events, Involved, Source};
use rand::Rng;
use store::Stored;

/// The most Pods the simulated cluster keeps by default (the page's guard); controllers stop
/// creating beyond it. The CLI raises it with [`Cluster::set_max_pods`].
pub const MAX_PODS: usize = 20_000;
/// The most controller passes at one instant before time must move on.
const MAX_ROUNDS: usize = 64;

/// Every controller, in the order a settle round runs them.
pub(crate) const CONTROLLERS: &[Controller] = &[
    controllers::garbage_collector::CONTROLLER,
    controllers::namespace::CONTROLLER,
    controllers::deployment::CONTROLLER,
    controllers::replicaset::CONTROLLER,
    controllers::statefulset::CONTROLLER,
    controllers::daemonset::CONTROLLER,
    controllers::cronjob::CONTROLLER,
    controllers::job::CONTROLLER,
    controllers::ttl_after_finished::CONTROLLER,
    // Volumes first: a volume created with its claim is Available by the time the claim looks.
    controllers::persistentvolume::VOLUMES,
    controllers::persistentvolume::CLAIMS,
    controllers::persistentvolume::provision::PROVISIONER,
    controllers::pvc_protection::CONTROLLER,
    controllers::pv_protection::CONTROLLER,
    scheduler::CONTROLLER,
    kubelet::CONTROLLER,
    kubelet::node::NODE_STATUS,
    controllers::node_lifecycle::CONTROLLER,
    controllers::taint_eviction::CONTROLLER,
    controllers::disruption::CONTROLLER,
    controllers::endpointslice::CONTROLLER,
];

/// A simulated cluster.
#[derive(Clone, Debug)]
pub struct Cluster {
    now: Millis,
    pub(crate) store: Store,
    pub(crate) events: Events,
    pub(crate) rng: Rng,
    /// Every controller's work queue and the wake-ups its keys asked for.
    pub(crate) queues: queue::Queues,
    /// Wake-ups asked for by the reconcile that is running.
    asked: Vec<Millis>,
    pub(crate) kubelet: kubelet::State,
    pub(crate) scheduler: scheduler::State,
    pub(crate) provisioning: controllers::persistentvolume::provision::State,
    pub(crate) jobs: controllers::job::State,
    /// The machines under the nodes: what a fault stopped, and the Leases.
    pub(crate) machines: machines::Processes,
    /// The taint eviction controller's waiting evictions.
    pub(crate) evictions: controllers::taint_eviction::State,
    /// Every Job run, for the Timeline (an observer: nothing in the cluster reads it).
    pub(crate) history: timeline::History,
    pub(crate) network: network::Network,
    pub(crate) applied: apply::Applied,
    pub(crate) max_pods: usize,
}

impl Default for Cluster {
    fn default() -> Self {
        Cluster::new()
    }
}

impl Cluster {
    /// A fresh cluster like `kind create cluster` makes: a tainted control-plane node, two workers,
    /// the four namespaces and their `default` ServiceAccounts, and the `kubernetes` Service.
    pub fn new() -> Cluster {
        let mut c = Cluster {
            now: 0,
            store: Store::default(),
            events: Events::default(),
            rng: Rng::new(0x6b75_6265_706c_6179),
            queues: queue::Queues::default(),
            asked: Vec::new(),
            kubelet: kubelet::State::default(),
            scheduler: scheduler::State::default(),
            provisioning: Default::default(),
            jobs: Default::default(),
            evictions: Default::default(),
            machines: Default::default(),
            history: Default::default(),
            network: network::Network::default(),
            applied: apply::Applied::default(),
            max_pods: MAX_PODS,
        };
        bootstrap::bootstrap(&mut c);
        c
    }

    /// Sets the most Pods the controllers will create.
    pub fn set_max_pods(&mut self, max: usize) {
        self.max_pods = max;
    }

    /// The virtual time, in milliseconds since the cluster was created.
    pub fn now(&self) -> Millis {
        self.now
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn events(&self) -> &[Event] {
        self.events.list()
    }

    /// Changes whenever an object or an event changes: a viewer that saw the same version at the same
    /// second has nothing to redraw.
    pub fn version(&self) -> (u64, u64) {
        (self.store.resource_version, self.events.version)
    }

    /// Turns on recording of every change, for `--watch`.
    pub fn watch(&mut self) {
        self.store.watching = true;
        self.events.watch();
    }

    /// The changes since the last call (empty unless watching): the objects', then the Events'.
    pub fn take_changes(&mut self) -> Vec<Change> {
        let mut changes = self.store.take_changes();
        changes.extend(
            self.events
                .take_changes()
                .into_iter()
                .map(|(kind, e)| Change {
                    kind,
                    object: event_json(&e),
                }),
        );
        changes
    }

    /// When the next thing is due, if anything is.
    pub fn next_wakeup(&self) -> Option<Millis> {
        self.queues.next_after(self.now)
    }

    /// How many keys each controller has reconciled since the cluster was made, by name.
    pub fn reconciles(&self) -> Vec<(&'static str, u64)> {
        CONTROLLERS
            .iter()
            .enumerate()
            .map(|(i, c)| (c.name, self.queues.reconciles.get(i).copied().unwrap_or(0)))
            .collect()
    }

    /// Moves the clock to `target`, stopping at every instant something is due on the way.
    pub fn run_until(&mut self, target: Millis) {
        self.settle();
        while let Some(t) = self.next_wakeup().filter(|&t| t <= target) {
            self.advance_to(t);
        }
        if target > self.now {
            self.advance_to(target);
        }
    }

    /// Runs the clock to `target` as `run_until` does, calling `each` after every instant at
    /// which something happened (what a console's `get -w` looks at).
    pub fn run_until_each(&mut self, target: Millis, mut each: impl FnMut(&mut Cluster)) {
        self.settle();
        while let Some(t) = self.next_wakeup().filter(|&t| t <= target) {
            self.advance_to(t);
            each(self);
        }
        if target > self.now {
            self.advance_to(target);
            each(self);
        }
    }

    /// Moves the clock to the next instant something is due; false when nothing is.
    pub fn step(&mut self) -> bool {
        self.settle();
        match self.next_wakeup() {
            Some(t) => {
                self.advance_to(t);
                true
            }
            None => false,
        }
    }

    /// Runs until nothing more is due or `limit` is reached, whichever comes first.
    pub fn run_to_steady(&mut self, limit: Millis) {
        self.settle();
        while let Some(t) = self.next_wakeup().filter(|&t| t <= limit) {
            self.advance_to(t);
        }
    }

    fn advance_to(&mut self, t: Millis) {
        self.now = t;
        self.queues.fire(t);
        self.settle();
    }

    /// Reconciles queued keys, controller after controller in `CONTROLLERS` order, until no queue
    /// holds a key. Each controller takes the keys queued before its turn; what its own writes queue
    /// waits for the next round, as a pass over a snapshot would.
    pub(crate) fn settle(&mut self) {
        self.dispatch();
        for _ in 0..MAX_ROUNDS {
            if self.queues.is_idle() {
                break;
            }
            for (i, controller) in CONTROLLERS.iter().enumerate() {
                let mut keys = self.queues.take(i);
                if let Some(order) = controller.order {
                    order(&self.store, &mut keys);
                }
                for key in keys {
                    self.asked.clear();
                    (controller.reconcile)(self, &key);
                    self.queues.count_reconcile(i);
                    let now = self.now;
                    let at = self.asked.iter().copied().filter(|&t| t > now).min();
                    self.queues.set_wake(i, key, at);
                    self.dispatch();
                }
            }
        }
        self.events.expire(self.now);
    }

    /// Hands every write since the last call to each controller's `watches`, queueing the keys they
    /// name.
    fn dispatch(&mut self) {
        let touches = std::mem::take(&mut self.store.touches);
        self.history.observe(&self.store, &touches, self.now);
        let (store, queues) = (&self.store, &mut self.queues);
        for t in &touches {
            for (i, controller) in CONTROLLERS.iter().enumerate() {
                (controller.watches)(store, t, &mut |k| queues.add(i, k));
            }
        }
    }

    /// Asks for the running reconcile to be repeated at `at` (ignored when it is not in the future).
    pub(crate) fn wake_at(&mut self, at: Millis) {
        if at > self.now {
            self.asked.push(at);
        }
    }

    /// The wake-ups the running reconcile has asked for so far.
    pub(crate) fn asked(&self) -> &[Millis] {
        &self.asked
    }

    /// Fills in what the API server sets on create: uid, creationTimestamp, generation.
    pub(crate) fn created_meta(&mut self, meta: &mut ObjectMeta, with_generation: bool) {
        // Kept when admission already drew it (a Job's generated selector names its uid).
        if meta.uid.is_none() {
            meta.uid = Some(self.rng.uid());
        }
        meta.creation_timestamp = Some(time::time(self.now));
        if with_generation {
            meta.generation = Some(1);
        }
    }

    /// A name from `generateName`: the prefix and five random characters, unused in the namespace.
    pub(crate) fn generate_name<T: Stored>(&mut self, ns: &str, prefix: &str) -> String {
        loop {
            let name = format!("{prefix}{}", self.rng.suffix(5));
            if self.store.get::<T>(ns, &name).is_none() {
                return name;
            }
        }
    }

    pub(crate) fn record(
        &mut self,
        involved: Involved,
        type_: EventType,
        reason: &str,
        message: String,
        source: Source,
    ) {
        self.history.event(&involved, reason, self.now, &self.store);
        self.events
            .record(self.now, involved, type_, reason, message, source);
    }

    /// A typed object as JSON, or every object as a v1 List (what `kubectl get -o json` prints),
    /// Events included.
    pub fn list_json(&self) -> Value {
        let mut items = self.store.all_json();
        for e in self.events.list() {
            items.push(event_json(e));
        }
        json!({"apiVersion": "v1", "kind": "List", "metadata": {"resourceVersion": ""}, "items": items})
    }
}

/// An Event as `kubectl get events -o json` prints it.
fn event_json(e: &Event) -> Value {
    serde_json::to_value(e.to_object()).unwrap_or(Value::Null)
}

/// The involved-object reference for an event about a typed object.
pub(crate) fn involved<T: Stored>(obj: &T) -> Involved {
    let m = obj.metadata();
    Involved {
        api_version: T::API_VERSION,
        kind: T::KIND,
        namespace: m.namespace.clone().unwrap_or_default(),
        name: m.name.clone().unwrap_or_default(),
        uid: m.uid.clone().unwrap_or_default(),
        field_path: None,
    }
}

/// An owner reference with `controller: true`, as a controller sets on what it creates.
pub(crate) fn controller_ref<T: Stored>(owner: &T) -> OwnerReference {
    let m = owner.metadata();
    OwnerReference {
        api_version: T::API_VERSION.to_string(),
        kind: T::KIND.to_string(),
        name: m.name.clone().unwrap_or_default(),
        uid: m.uid.clone().unwrap_or_default(),
        controller: Some(true),
        block_owner_deletion: Some(true),
    }
}

/// `<group>/<kind>` the way kubectl prints resource names: `deployment.apps/web`, `pod/web-0`.
pub fn resource_name(api_version: &str, kind: &str, name: &str) -> String {
    let group = api_version.rsplit_once('/').map(|(g, _)| g).unwrap_or("");
    let kind = kind.to_ascii_lowercase();
    if group.is_empty() {
        format!("{kind}/{name}")
    } else {
        format!("{kind}.{group}/{name}")
    }
}
