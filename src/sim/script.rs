//! Random sequences of what a person does to a cluster — apply a manifest built from a small
//! grammar of Kubernetes objects, edit one field, remove an object from the manifest or
//! `kubectl delete` one from the cluster, move the clock, cordon, remove or restore a node — run
//! with every invariant checked after every step. The `simulate` fuzzer decodes its input into
//! such a sequence; the ordinary suite runs seeded ones.
//!
//! The one thing to know: a sequence is decoded from a [`Choose`], a source of small numbers, so
//! the fuzzer's bytes and a seeded generator drive the same grammar, and the same choices always
//! give the same sequence. Besides the invariants of `invariants.rs`, the runner checks the two
//! that need a second look: applying the same text again changes nothing, and the same sequence
//! run twice prints the same `kubectl get -o json`.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::Node;

use super::apply::ApplyOutcome;
use super::invariants::{Checker, Violation};
use super::time::{MINUTE, SECOND};
use super::{resource_name, Cluster, Millis};
use crate::manifest::{Limits, Loader};

/// Where a sequence's choices come from.
pub trait Choose {
    /// A number below `n` (at least 1), or None when the input is used up.
    fn below(&mut self, n: usize) -> Option<usize>;
}

/// Choices from a seeded generator, `left` of them.
pub struct Seeded {
    rng: super::rand::Rng,
    left: usize,
}

impl Seeded {
    pub fn new(seed: u64, choices: usize) -> Seeded {
        Seeded {
            rng: super::rand::Rng::new(seed),
            left: choices,
        }
    }
}

impl Choose for Seeded {
    fn below(&mut self, n: usize) -> Option<usize> {
        self.left = self.left.checked_sub(1)?;
        Some(self.rng.below(n.max(1) as u64) as usize)
    }
}

/// The most objects a manifest of the grammar holds, and the most steps a sequence takes.
const MAX_DOCS: usize = 8;
pub const MAX_STEPS: usize = 40;

const KINDS: &[&str] = &[
    "Deployment",
    "Service",
    "Pod",
    "ReplicaSet",
    "StatefulSet",
    "DaemonSet",
    "ConfigMap",
    "PersistentVolumeClaim",
    "PersistentVolume",
    "Namespace",
    "Job",
    "CronJob",
    "StorageClass",
    "PodDisruptionBudget",
];
const NAMES: &[&str] = &["a", "b", "web"];
const NAMESPACES: &[&str] = &["default", "team"];
const APPS: &[&str] = &["web", "db"];
/// What a container does here, by image and command (see `behaviour.rs`).
const CONTAINERS: &[&str] = &[
    "image: nginx:1.27",
    "image: nginx:1.28",
    "image: nginx:1.28\n        readinessProbe:\n          httpGet: {path: /, port: 80}\n          initialDelaySeconds: 10",
    "image: busybox:1.36\n        command: [sh, -c, 'sleep 3600']",
    "image: nginx:no-such-tag",
    "image: busybox:1.36\n        command: [sh, -c, 'sleep 20; exit 1']",
    "image: busybox:1.36\n        command: [sh, -c, 'exit 0']",
];
const CPUS: &[&str] = &["", "", "100m", "1500m", "5"];
const SURGES: &[&str] = &["0", "1", "25%", "50%"];
const PORTS: &[&str] = &["80", "http", "8080", "other"];
const OWNERS: &[&str] = &["", "gone-uid"];
/// Claims' and volumes' access modes, by the surge field.
const MODES: &[&str] = &[
    "ReadWriteOnce",
    "ReadWriteMany",
    "ReadWriteOncePod",
    "ReadWriteOnce, ReadOnlyMany",
];
const PROVISIONERS: &[&str] = &[
    "rancher.io/local-path",
    "kubernetes.io/no-provisioner",
    "disk.csi.example.com",
    "rancher.io/local-path",
];

/// One object of the grammar: its kind and the choices its fields are made of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Doc {
    kind: usize,
    fields: [usize; FIELDS],
}

const FIELDS: usize = 12;
/// How many values each field takes (what `Doc::fields[i]` is below).
const RANGES: [usize; FIELDS] = [
    NAMES.len(),
    NAMESPACES.len(),
    APPS.len(),
    6, // replicas 0..=5
    CONTAINERS.len(),
    3, // strategy: RollingUpdate, Recreate, none written
    SURGES.len(),
    SURGES.len(),
    2, // minReadySeconds 0 or 5
    CPUS.len(),
    PORTS.len(),
    OWNERS.len(),
];

impl Doc {
    fn choose(ch: &mut dyn Choose) -> Doc {
        // Deployments and Services, what most manifests hold, twice as often as the rest.
        let kind = match ch.below(KINDS.len() + 4).unwrap_or(0) {
            k if k >= KINDS.len() => k % 2,
            k => k,
        };
        let mut fields = [0; FIELDS];
        for (f, range) in fields.iter_mut().zip(RANGES) {
            *f = ch.below(range).unwrap_or(0);
        }
        Doc { kind, fields }
    }

    fn name(&self) -> &'static str {
        NAMES[self.fields[0]]
    }

    fn namespace(&self) -> &'static str {
        NAMESPACES[self.fields[1]]
    }

    /// The object as YAML.
    pub fn render(&self) -> String {
        let [_, _, app, replicas, container, strategy, surge, unavailable, min_ready, cpu, port, owner] =
            self.fields;
        let kind = KINDS[self.kind];
        let app = APPS[app];
        let meta = |api: &str, kind: &str| {
            let mut s = format!(
                "apiVersion: {api}\nkind: {kind}\nmetadata:\n  name: {}\n",
                self.name()
            );
            if !matches!(kind, "Namespace" | "PersistentVolume" | "StorageClass") {
                s += &format!("  namespace: {}\n", self.namespace());
            }
            if !OWNERS[owner].is_empty() && matches!(kind, "ConfigMap" | "Pod") {
                s += &format!(
                    "  ownerReferences:\n  - apiVersion: apps/v1\n    kind: ReplicaSet\n    name: old\n    uid: {}\n",
                    OWNERS[owner]
                );
            }
            s
        };
        let resources = match CPUS[cpu] {
            "" => String::new(),
            c => format!("\n        resources:\n          requests:\n            cpu: {c}"),
        };
        let ports = "\n        ports:\n        - name: http\n          containerPort: 80";
        // Pods whose port is "other" mount the claim `a`.
        let volumes = if PORTS[port] == "other" {
            "\n    volumes:\n      - name: data\n        persistentVolumeClaim:\n          claimName: a"
        } else {
            ""
        };
        let pod_spec = |indent: &str| {
            let body = format!(
                "containers:\n      - name: main\n        {}{resources}{ports}{volumes}",
                CONTAINERS[container]
            );
            body.lines()
                .map(|l| format!("{indent}{}", l.strip_prefix("    ").unwrap_or(l)))
                .collect::<Vec<_>>()
                .join("\n")
                + "\n"
        };
        let template = |indent: &str| {
            format!(
                "{indent}template:\n{indent}  metadata:\n{indent}    labels:\n{indent}      app: {app}\n{indent}  spec:\n{}",
                pod_spec(&format!("{indent}    "))
            )
        };
        let selector = format!("  selector:\n    matchLabels:\n      app: {app}\n");
        match kind {
            "Deployment" => {
                let mut s = meta("apps/v1", kind);
                s += &format!(
                    "spec:\n  replicas: {replicas}\n  minReadySeconds: {}\n",
                    min_ready * 5
                );
                match strategy {
                    0 => {
                        s += &format!(
                            "  strategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxSurge: {}\n      maxUnavailable: {}\n",
                            quote(SURGES[surge]),
                            quote(SURGES[unavailable])
                        )
                    }
                    1 => s += "  strategy:\n    type: Recreate\n",
                    _ => {}
                }
                s + &selector + &template("  ")
            }
            "ReplicaSet" => {
                meta("apps/v1", kind)
                    + &format!("spec:\n  replicas: {replicas}\n")
                    + &selector
                    + &template("  ")
            }
            "StatefulSet" => {
                let mut s = meta("apps/v1", kind)
                    + &format!(
                        "spec:\n  serviceName: {}\n  replicas: {replicas}\n",
                        self.name()
                    )
                    + &selector
                    + &template("  ");
                if strategy == 0 {
                    s += "  volumeClaimTemplates:\n  - metadata:\n      name: data\n    spec:\n      accessModes: [ReadWriteOnce]\n      resources:\n        requests:\n          storage: 1Gi\n";
                }
                s
            }
            "DaemonSet" => meta("apps/v1", kind) + "spec:\n" + &selector + &template("  "),
            "Pod" => {
                let mut s = meta("v1", kind) + &format!("  labels:\n    app: {app}\nspec:\n");
                if strategy == 1 {
                    s += &format!(
                        "  nodeName: {}\n",
                        ["kind-worker", "kind-worker9"][surge % 2]
                    );
                }
                s + &pod_spec("  ")
            }
            "Service" => {
                let mut s = meta("v1", kind) + "spec:\n";
                if strategy != 2 {
                    s += &format!("  selector:\n    app: {app}\n");
                }
                if min_ready == 1 {
                    s += "  publishNotReadyAddresses: true\n";
                }
                if strategy == 1 && surge == 0 {
                    s += "  clusterIP: None\n";
                }
                s + &format!("  ports:\n  - port: 80\n    targetPort: {}\n", PORTS[port])
            }
            "ConfigMap" => meta("v1", kind) + &format!("data:\n  replicas: \"{replicas}\"\n"),
            "PersistentVolumeClaim" => {
                let mut s = meta("v1", kind)
                    + &format!(
                        "spec:\n  accessModes: [{}]\n  resources:\n    requests:\n      storage: {}\n",
                        MODES[surge],
                        ["1Gi", "3Gi"][replicas % 2]
                    );
                match strategy {
                    0 => {}
                    1 => s += "  storageClassName: manual\n",
                    _ => s += "  storageClassName: \"\"\n",
                }
                if min_ready == 1 {
                    s += "  volumeName: a\n";
                }
                s
            }
            "PersistentVolume" => {
                let mut s = meta("v1", kind)
                    + &format!(
                        "spec:\n  capacity:\n    storage: {}\n  accessModes: [{}]\n  persistentVolumeReclaimPolicy: {}\n  storageClassName: \"{}\"\n  hostPath:\n    path: /data/{}\n",
                        ["1Gi", "2Gi", "5Gi"][replicas % 3],
                        MODES[surge],
                        ["Retain", "Delete", "Recycle", "Retain"][unavailable],
                        ["standard", "manual", ""][strategy],
                        self.name()
                    );
                if min_ready == 1 {
                    s += &format!(
                        "  claimRef:\n    namespace: {}\n    name: a\n",
                        self.namespace()
                    );
                }
                if cpu >= 3 {
                    s += "  nodeAffinity:\n    required:\n      nodeSelectorTerms:\n      - matchExpressions:\n        - {key: kubernetes.io/hostname, operator: In, values: [kind-worker2]}\n";
                }
                s
            }
            "StorageClass" => {
                let mut s = format!(
                    "apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: {}\n",
                    ["manual", "fast", "standard"][self.fields[0]]
                );
                if owner == 1 {
                    s += "  annotations:\n    storageclass.kubernetes.io/is-default-class: \"true\"\n";
                }
                s + &format!(
                    "provisioner: {}\nvolumeBindingMode: {}\nallowVolumeExpansion: {}\n",
                    PROVISIONERS[surge],
                    ["Immediate", "WaitForFirstConsumer"][min_ready],
                    port % 2 == 1
                )
            }
            "Namespace" => meta("v1", kind),
            "PodDisruptionBudget" => {
                // strategy → minAvailable as a count or a percentage, or maxUnavailable;
                // replicas → the count.
                let budget = match strategy {
                    0 => format!("minAvailable: {replicas}"),
                    1 => format!("minAvailable: \"{}%\"", replicas * 20),
                    _ => format!("maxUnavailable: {}", replicas % 3),
                };
                meta("policy/v1", kind) + &format!("spec:\n  {budget}\n") + &selector
            }
            "Job" => {
                // Fields read as a Job's: replicas → parallelism, strategy → completions (none
                // written: a work queue), minReady → Indexed, surge → backoffLimit, unavailable →
                // activeDeadlineSeconds, cpu → restartPolicy, port → ttlSecondsAfterFinished,
                // owner → suspend.
                let mut s = meta("batch/v1", kind) + &format!("spec:\n  parallelism: {replicas}\n");
                match strategy {
                    0 => s += "  completions: 1\n",
                    1 => s += "  completions: 3\n",
                    _ => {}
                }
                if min_ready == 1 && strategy != 2 {
                    s += "  completionMode: Indexed\n";
                }
                s += &format!("  backoffLimit: {}\n", [0, 1, 6, 2][surge]);
                if unavailable == 1 {
                    s += "  activeDeadlineSeconds: 30\n";
                }
                if port % 2 == 1 {
                    s += &format!("  ttlSecondsAfterFinished: {}\n", [0, 20][port / 2]);
                }
                if owner == 1 {
                    s += "  suspend: true\n";
                }
                s + &template("  ").replace(
                    "      containers:",
                    &format!(
                        "      restartPolicy: {}\n      containers:",
                        ["Never", "OnFailure"][cpu % 2]
                    ),
                )
            }
            _ => {
                // strategy → concurrencyPolicy, surge → schedule, unavailable →
                // startingDeadlineSeconds, port → history limits, owner → suspend,
                // minReady → a time zone.
                let mut s = meta("batch/v1", kind)
                    + &format!(
                        "spec:\n  schedule: \"{}\"\n  concurrencyPolicy: {}\n",
                        ["*/5 * * * *", "* * * * *", "@every 90s", "30 * * * *"][surge],
                        ["Allow", "Forbid", "Replace"][strategy]
                    );
                if unavailable % 2 == 1 {
                    s += "  startingDeadlineSeconds: 20\n";
                }
                if port >= 2 {
                    s += "  successfulJobsHistoryLimit: 1\n  failedJobsHistoryLimit: 0\n";
                }
                if owner == 1 {
                    s += "  suspend: true\n";
                }
                if min_ready == 1 {
                    s += "  timeZone: Asia/Seoul\n";
                }
                s + "  jobTemplate:\n    spec:\n"
                    + &template("      ").replace(
                        "          containers:",
                        "          restartPolicy: OnFailure\n          containers:",
                    )
            }
        }
    }
}

fn quote(s: &str) -> String {
    if s.ends_with('%') {
        format!("\"{s}\"")
    } else {
        s.to_string()
    }
}

/// One thing a person does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Op {
    /// Add an object to the manifest and apply it.
    Add(Doc),
    /// Change one field of the manifest's `doc`-th object and apply.
    Edit {
        doc: usize,
        field: usize,
        value: usize,
    },
    /// Take an object out of the manifest and apply (`--prune` deletes it).
    Remove(usize),
    /// `kubectl delete` the `nth` object of a kind the cluster has.
    Delete { kind: usize, nth: usize },
    /// Move the clock on.
    Advance(Millis),
    /// Move the clock to the next thing due.
    Step,
    /// `kubectl cordon` / `uncordon` a node.
    Cordon { node: usize, on: bool },
    /// A node goes away (its Node object is deleted), or comes back.
    NodeGone { node: usize, gone: bool },
    /// `kubeplay node stop-runtime|stop-kubelet|shutdown|start` (`FAULTS[fault]`).
    Fault { node: usize, fault: usize },
}

const FAULTS: &[crate::sim::Fault] = &[
    crate::sim::Fault::StopRuntime,
    crate::sim::Fault::StopKubelet,
    crate::sim::Fault::Shutdown,
    crate::sim::Fault::Start,
];

const DELETABLE: &[&str] = &[
    "Pod",
    "ReplicaSet",
    "Deployment",
    "EndpointSlice",
    "Service",
    "Namespace",
    "PersistentVolumeClaim",
    "PersistentVolume",
];
const NODES: &[&str] = &["kind-worker", "kind-worker2", "kind-control-plane"];
const ADVANCES: &[Millis] = &[SECOND, 5 * SECOND, 30 * SECOND, 2 * MINUTE, 10 * MINUTE];

impl Op {
    fn choose(ch: &mut dyn Choose) -> Option<Op> {
        let op = match ch.below(10)? {
            0 | 1 => Op::Add(Doc::choose(ch)),
            2 => {
                // Half of the edits change a workload's replicas or its container: the edits
                // that start rollouts and scale them.
                let field = match ch.below(FIELDS * 2)? {
                    f if f < FIELDS => f,
                    f => [3, 4][f % 2],
                };
                Op::Edit {
                    doc: ch.below(MAX_DOCS)?,
                    field,
                    value: ch.below(RANGES[field])?,
                }
            }
            3 => Op::Remove(ch.below(MAX_DOCS)?),
            4 => Op::Delete {
                kind: ch.below(DELETABLE.len())?,
                nth: ch.below(8)?,
            },
            5 => Op::Advance(ADVANCES[ch.below(ADVANCES.len())?]),
            6 => Op::Step,
            // `kubectl set image` to another image that runs, and `kubectl scale`.
            7 => Op::Edit {
                doc: ch.below(MAX_DOCS)?,
                field: 4,
                value: ch.below(3)?,
            },
            8 => Op::Edit {
                doc: ch.below(MAX_DOCS)?,
                field: 3,
                value: ch.below(RANGES[3])?,
            },
            _ => {
                let node = ch.below(NODES.len())?;
                match ch.below(4 + FAULTS.len())? {
                    0 => Op::Cordon { node, on: true },
                    1 => Op::Cordon { node, on: false },
                    2 => Op::NodeGone { node, gone: true },
                    3 => Op::NodeGone { node, gone: false },
                    f => Op::Fault { node, fault: f - 4 },
                }
            }
        };
        Some(op)
    }
}

/// A sequence decoded from choices: at most `MAX_STEPS` operations.
pub fn choose_ops(ch: &mut dyn Choose) -> Vec<Op> {
    let mut ops = Vec::new();
    while ops.len() < MAX_STEPS {
        match Op::choose(ch) {
            Some(op) => ops.push(op),
            None => break,
        }
    }
    ops
}

/// What a run did.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// `kubectl get -o json` of everything at the end, events included.
    pub output: String,
    pub steps: usize,
    pub checks: u64,
    /// Checks of a rollout in progress against its lower bound.
    pub rollouts_bounded: u64,
}

/// Runs a sequence on a fresh cluster, checking every invariant after every operation.
pub fn run(ops: &[Op]) -> Result<Report, Violation> {
    let mut c = Cluster::new();
    let mut checker = Checker::new();
    let mut docs: Vec<Doc> = Vec::new();
    let mut loader = Loader::default();
    checker.check(&c)?;
    for op in ops {
        match op {
            Op::Add(doc) => {
                if docs.len() < MAX_DOCS {
                    docs.push(doc.clone());
                }
                apply_twice(&mut c, &mut loader, &docs, &mut checker)?;
            }
            Op::Edit { doc, field, value } => {
                if let Some(d) = docs.get_mut(*doc) {
                    d.fields[*field] = *value;
                    apply_twice(&mut c, &mut loader, &docs, &mut checker)?;
                }
            }
            Op::Remove(i) => {
                if *i < docs.len() {
                    docs.remove(*i);
                    apply_twice(&mut c, &mut loader, &docs, &mut checker)?;
                }
            }
            Op::Delete { kind, nth } => {
                let kind = DELETABLE[*kind];
                let names = c.store.every_key(kind);
                if let Some((ns, name)) = names.get(nth % names.len().max(1)).cloned() {
                    if c.delete(kind, &ns, &name) {
                        checker.disturbed();
                    }
                    c.settle();
                }
            }
            Op::Advance(ms) => {
                // Every instant something is due on the way is a step the invariants see.
                let target = c.now() + ms;
                while let Some(t) = c.next_wakeup().filter(|&t| t <= target) {
                    c.run_until(t);
                    checker.check(&c)?;
                }
                c.run_until(target);
            }
            Op::Step => {
                c.step();
            }
            Op::Cordon { node, on } => {
                if let Some(mut n) = c.store.nodes.get("", NODES[*node]).cloned() {
                    n.spec.get_or_insert_with(Default::default).unschedulable = on.then_some(true);
                    if c.store.put(n) {
                        checker.disturbed();
                    }
                    c.settle();
                }
            }
            Op::Fault { node, fault } => {
                // Refused faults (the node is gone, or already so) change nothing.
                if c.node_fault(NODES[*node], FAULTS[*fault]).is_ok() {
                    checker.disturbed();
                }
            }
            Op::NodeGone { node, gone } => {
                let name = NODES[*node];
                if *gone {
                    if c.store.remove("Node", "", name) {
                        checker.disturbed();
                    }
                } else if c.store.nodes.get("", name).is_none() {
                    restore_node(&mut c, name);
                    checker.disturbed();
                }
                c.settle();
            }
        }
        checker.check(&c)?;
    }
    Ok(Report {
        output: serde_json::to_string(&c.list_json()).unwrap_or_default(),
        steps: ops.len(),
        checks: checker.checks,
        rollouts_bounded: checker.rollouts_bounded,
    })
}

/// Runs a sequence twice and checks that both runs print the same.
pub fn run_deterministic(ops: &[Op]) -> Result<Report, Violation> {
    let first = run(ops)?;
    let second = run(ops)?;
    if first.output != second.output {
        return Err(Violation {
            invariant: "same-steps-same-cluster",
            detail: first_difference(&first.output, &second.output),
        });
    }
    Ok(first)
}

/// The shortest sequence found, by removing one operation at a time, that still breaks the same
/// invariant: what a failure's regression test is written from.
pub fn shrink(ops: &[Op]) -> Vec<Op> {
    let Err(first) = run_deterministic(ops) else {
        return ops.to_vec();
    };
    let mut ops = ops.to_vec();
    let mut i = ops.len();
    while i > 0 {
        i -= 1;
        let mut fewer = ops.clone();
        fewer.remove(i);
        if matches!(run_deterministic(&fewer), Err(v) if v.invariant == first.invariant) {
            ops = fewer;
            i = i.min(ops.len());
        }
    }
    ops
}

fn first_difference(a: &str, b: &str) -> String {
    let at = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    let from = at.saturating_sub(80);
    let near = |s: &str| {
        s.get(from..(at + 80).min(s.len()))
            .unwrap_or_default()
            .to_string()
    };
    format!(
        "the two runs differ at byte {at}: {:?} / {:?}",
        near(a),
        near(b)
    )
}

/// The manifest of the grammar's objects.
pub fn render(docs: &[Doc]) -> String {
    docs.iter()
        .map(Doc::render)
        .collect::<Vec<_>>()
        .join("---\n")
}

/// Applies the manifest, checks, and applies the same text again: `kubectl apply` of an unchanged
/// file configures nothing and prunes nothing; it creates again only what is gone.
fn apply_twice(
    c: &mut Cluster,
    loader: &mut Loader,
    docs: &[Doc],
    checker: &mut Checker,
) -> Result<(), Violation> {
    let text = render(docs);
    let manifest = loader.load(&text, Limits::PAGE);
    c.apply(&manifest);
    checker.check(c)?;
    let again = manifest;
    // An object written twice is applied twice, each time as written (kubectl does the same), so
    // only objects written once must come out unchanged.
    let mut written: BTreeMap<(String, Option<String>), usize> = BTreeMap::new();
    for o in &again.objects {
        *written
            .entry((
                resource_name(&o.api_version, &o.kind, &o.name),
                o.namespace.clone(),
            ))
            .or_default() += 1;
    }
    let existed: BTreeMap<(String, Option<String>), bool> = again
        .objects
        .iter()
        .map(|o| {
            let ns = o.namespace.clone().unwrap_or_default();
            let there = c.store.uid_of(&o.kind, &ns, &o.name).is_some();
            (
                (
                    resource_name(&o.api_version, &o.kind, &o.name),
                    o.namespace.clone(),
                ),
                there,
            )
        })
        .collect();
    for r in c.apply(&again) {
        let key = (r.resource.clone(), r.namespace.clone());
        if written.get(&key).is_some_and(|&n| n > 1) {
            continue;
        }
        let changed = match &r.outcome {
            ApplyOutcome::Configured | ApplyOutcome::Pruned => true,
            ApplyOutcome::Created => existed.get(&key).copied().unwrap_or(false),
            _ => false,
        };
        if changed {
            return Err(Violation {
                invariant: "apply-again-changes-nothing",
                detail: format!("applying the same text again: {}\n{text}", r.render()),
            });
        }
    }
    Ok(())
}

/// Brings back a node of kind's cluster, as its kubelet registering again would.
fn restore_node(c: &mut Cluster, name: &str) {
    let fresh = Cluster::new();
    if let Some(node) = fresh.store.nodes.get("", name) {
        let mut node: Node = node.clone();
        c.created_meta(&mut node.metadata, false);
        super::bootstrap::complete_node(c, &mut node);
        c.store.put(node);
    }
}

#[cfg(test)]
mod tests;
