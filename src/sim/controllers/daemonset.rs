//! The DaemonSet controller (pkg/controller/daemon/daemon_controller.go): one Pod on every node the
//! Pod could run on, pinned there by node affinity and placed by the scheduler, replaced node by node
//! on a template change (RollingUpdate, maxUnavailable at a time).

use std::rc::Rc;

use std::collections::BTreeMap;

use k8s_openapi::api::apps::v1::{DaemonSet, DaemonSetStatus};
use k8s_openapi::api::core::v1::{
    Affinity, Node, NodeAffinity, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, Pod,
    PodTemplateSpec, Toleration,
};

use super::{
    controlled_pods, controller_keys, create_pod, delete_pod, event, is_available, is_ready, live,
    own_key, queue_all, template_hash, Controller,
};
use crate::sim::defaults::scaled_value;
use crate::sim::events::EventType;
use crate::sim::queue::QueueKey;
use crate::sim::scheduler;
use crate::sim::store::{Store, Touch};
use crate::sim::{controller_ref, Cluster};

const COMPONENT: &str = "daemonset-controller";
const GENERATION_LABEL: &str = "pod-template-generation";

/// The tolerations every daemon Pod gets (`daemon/util.AddOrUpdateDaemonPodTolerations`).
fn daemon_tolerations(t: &mut Vec<Toleration>) {
    let add = |t: &mut Vec<Toleration>, key: &str, effect: &str| {
        if !t
            .iter()
            .any(|x| x.key.as_deref() == Some(key) && x.effect.as_deref() == Some(effect))
        {
            t.push(Toleration {
                key: Some(key.into()),
                operator: Some("Exists".into()),
                effect: Some(effect.into()),
                value: None,
                toleration_seconds: None,
            });
        }
    };
    add(t, "node.kubernetes.io/not-ready", "NoExecute");
    add(t, "node.kubernetes.io/unreachable", "NoExecute");
    add(t, "node.kubernetes.io/disk-pressure", "NoSchedule");
    add(t, "node.kubernetes.io/memory-pressure", "NoSchedule");
    add(t, "node.kubernetes.io/pid-pressure", "NoSchedule");
    add(t, "node.kubernetes.io/unschedulable", "NoSchedule");
}

fn template_for(t: &PodTemplateSpec, node: &str) -> PodTemplateSpec {
    let mut t = t.clone();
    let spec = t.spec.get_or_insert_with(Default::default);
    daemon_tolerations(spec.tolerations.get_or_insert_with(Vec::new));
    // Pin to the node by its name, replacing any required node affinity terms as the controller does.
    let term = NodeSelectorTerm {
        match_fields: Some(vec![NodeSelectorRequirement {
            key: "metadata.name".into(),
            operator: "In".into(),
            values: Some(vec![node.to_string()]),
        }]),
        match_expressions: None,
    };
    let affinity = spec.affinity.get_or_insert_with(Affinity::default);
    let na = affinity
        .node_affinity
        .get_or_insert_with(NodeAffinity::default);
    na.required_during_scheduling_ignored_during_execution = Some(NodeSelector {
        node_selector_terms: vec![term],
    });
    t
}

pub(crate) const CONTROLLER: Controller = Controller::keyed(COMPONENT, watches, reconcile);

/// daemon_controller.go's event handlers: a DaemonSet, the Pods it controls, and every DaemonSet
/// when a Node changes (it may now need a Pod there, or no longer).
fn watches(store: &Store, t: &Touch, out: &mut dyn FnMut(QueueKey)) {
    match t.kind.as_str() {
        "DaemonSet" => out(own_key(t)),
        "Pod" => controller_keys(t, "DaemonSet", out),
        "Node" => queue_all::<DaemonSet>(store, None, out),
        _ => {}
    }
}

fn reconcile(c: &mut Cluster, key: &QueueKey) {
    if let Some(ds) = live::<DaemonSet>(c, key) {
        let nodes: Vec<Rc<Node>> = c.store.nodes.items.values().cloned().collect();
        sync(c, ds, &nodes);
    }
}

fn sync(c: &mut Cluster, ds: Rc<DaemonSet>, nodes: &[Rc<Node>]) {
    let ns = ds.metadata.namespace.clone().unwrap_or_default();
    let name = ds.metadata.name.clone().unwrap_or_default();
    let uid = ds.metadata.uid.clone().unwrap_or_default();
    let Some(spec) = ds.spec.clone() else { return };
    let hash = template_hash(&spec.template, None);
    let generation = ds.metadata.generation.unwrap_or(1).to_string();
    // Pods by the node they are pinned to.
    let mut by_node: BTreeMap<String, Vec<Pod>> = BTreeMap::new();
    for (n, pname) in controlled_pods(c, &uid) {
        if let Some(p) = c.store.get::<Pod>(n, pname) {
            by_node
                .entry(pinned_node(p).unwrap_or_default())
                .or_default()
                .push(p.clone());
        }
    }
    let is_updated = |p: &Pod| {
        p.metadata
            .labels
            .as_ref()
            .and_then(|l| l.get(super::statefulset::REVISION_LABEL))
            == Some(&hash)
    };
    let min_ready = spec.min_ready_seconds.unwrap_or(0);
    let now = c.now();
    let (mut desired, mut scheduled, mut misscheduled, mut ready, mut updated, mut available) =
        (0, 0, 0, 0, 0, 0);
    let mut to_update: Vec<Pod> = Vec::new();
    let mut unavailable = 0;
    for node in nodes {
        let node_name = node.metadata.name.clone().unwrap_or_default();
        let probe = template_for(&spec.template, &node_name);
        let should_run =
            scheduler::fits_placement(probe.spec.as_ref().unwrap_or(&Default::default()), node);
        let pods: Vec<Pod> = by_node.remove(&node_name).unwrap_or_default();
        let live: Vec<&Pod> = pods
            .iter()
            .filter(|p| p.metadata.deletion_timestamp.is_none())
            .collect();
        if should_run {
            desired += 1;
            if live.is_empty() {
                if pods.is_empty() {
                    let pname = c.generate_name::<Pod>(&ns, &format!("{name}-"));
                    let labels = [
                        (super::statefulset::REVISION_LABEL, hash.clone()),
                        (GENERATION_LABEL, generation.clone()),
                    ];
                    if create_pod(c, &ns, pname.clone(), &probe, &labels, controller_ref(&*ds))
                        .is_some()
                    {
                        event(
                            c,
                            &*ds,
                            EventType::Normal,
                            "SuccessfulCreate",
                            format!("Created pod: {pname}"),
                            COMPONENT,
                        );
                    }
                }
                unavailable += 1;
            } else {
                scheduled += 1;
                let p = live[0];
                if is_ready(p) {
                    ready += 1;
                }
                if is_available(p, min_ready, now) {
                    available += 1;
                } else {
                    unavailable += 1;
                    if let Some(at) = super::available_at(p, min_ready, now) {
                        c.wake_at(at);
                    }
                }
                if is_updated(p) {
                    updated += 1;
                } else {
                    to_update.push(p.clone());
                }
            }
        } else if scheduler::may_continue_running(
            probe.spec.as_ref().unwrap_or(&Default::default()),
            node,
        ) {
            // Kept where it runs (a node tainted NoSchedule since, a node not Ready), counted as
            // misscheduled: not desired there (updateDaemonSetStatus).
            misscheduled += live.len() as i32;
        } else {
            for p in live {
                misscheduled += 1;
                let pname = p.metadata.name.clone().unwrap_or_default();
                delete_pod(c, &ns, &pname, None);
                event(
                    c,
                    &*ds,
                    EventType::Normal,
                    "SuccessfulDelete",
                    format!("Deleted pod: {pname}"),
                    COMPONENT,
                );
            }
        }
    }
    // Pods pinned to nodes that are gone.
    for p in by_node.into_values().flatten() {
        let pname = p.metadata.name.clone().unwrap_or_default();
        delete_pod(c, &ns, &pname, None);
    }
    // RollingUpdate: replace old Pods while no more than maxUnavailable are unavailable.
    let strategy = spec.update_strategy.clone().unwrap_or_default();
    if strategy.type_.as_deref() != Some("OnDelete") {
        let max_unavailable = scaled_value(
            strategy
                .rolling_update
                .as_ref()
                .and_then(|r| r.max_unavailable.as_ref()),
            desired,
            true,
        )
        .max(1);
        // Old Pods that are not available go first: they cost nothing.
        crate::sort::by_key(&mut to_update, |p| is_available(p, min_ready, now));
        for p in to_update {
            let counts = is_available(&p, min_ready, now);
            if counts && unavailable >= max_unavailable {
                break;
            }
            let pname = p.metadata.name.clone().unwrap_or_default();
            delete_pod(c, &ns, &pname, None);
            event(
                c,
                &*ds,
                EventType::Normal,
                "SuccessfulDelete",
                format!("Deleted pod: {pname}"),
                COMPONENT,
            );
            if counts {
                unavailable += 1;
            }
        }
    }
    let status = DaemonSetStatus {
        desired_number_scheduled: desired,
        current_number_scheduled: scheduled,
        number_misscheduled: misscheduled,
        number_ready: ready,
        updated_number_scheduled: Some(updated),
        number_available: Some(available),
        number_unavailable: Some((desired - available).max(0)),
        observed_generation: ds.metadata.generation,
        collision_count: None,
        conditions: None,
    };
    if let Some(mut latest) = c.store.get::<DaemonSet>(&ns, &name).cloned() {
        latest.status = Some(status);
        latest
            .metadata
            .annotations
            .get_or_insert_with(BTreeMap::new)
            .insert(
                "deprecated.daemonset.template.generation".into(),
                generation,
            );
        c.store.put(latest);
    }
}

/// The node a daemon Pod is pinned to by its `metadata.name` match field.
fn pinned_node(p: &Pod) -> Option<String> {
    let spec = p.spec.as_ref()?;
    if let Some(n) = &spec.node_name {
        return Some(n.clone());
    }
    spec.affinity
        .as_ref()?
        .node_affinity
        .as_ref()?
        .required_during_scheduling_ignored_during_execution
        .as_ref()?
        .node_selector_terms
        .iter()
        .flat_map(|t| t.match_fields.iter().flatten())
        .find(|r| r.key == "metadata.name")
        .and_then(|r| r.values.as_ref()?.first().cloned())
}
