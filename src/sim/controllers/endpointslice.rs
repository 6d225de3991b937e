//! The EndpointSlice controller (pkg/controller/endpointslice, staging endpointslice/reconciler.go):
//! for each Service with a selector, the addresses of the Pods it selects, with their readiness, in
//! slices of at most 100 endpoints grouped by the ports each Pod resolves.
//!
//! The one thing to know: a named targetPort resolves per Pod, so Pods that give the name different
//! numbers end up in different slices; a Pod that does not declare the name is left out.

use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::api::core::v1::ObjectReference;
use k8s_openapi::api::core::v1::{Pod, Service};
use k8s_openapi::api::discovery::v1::{Endpoint, EndpointConditions, EndpointPort, EndpointSlice};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::{controller_keys, is_ready, own_key, phase, Controller};
use crate::sim::pod::serving_port_refs;
use crate::sim::queue::QueueKey;
use crate::sim::store::{controller_of, Store, Touch};
use crate::sim::{controller_ref, Cluster};

pub const SERVICE_NAME_LABEL: &str = "kubernetes.io/service-name";
const MANAGED_BY: &str = "endpointslice.kubernetes.io/managed-by";
const MANAGER: &str = "endpointslice-controller.k8s.io";
const MAX_ENDPOINTS: usize = 100;

/// The ports a Pod serves for a Service, or None when a port does not resolve on it.
fn resolve_ports(svc: &Service, pod: &Pod) -> Vec<EndpointPort> {
    let mut out = Vec::new();
    for sp in svc
        .spec
        .as_ref()
        .and_then(|s| s.ports.as_ref())
        .into_iter()
        .flatten()
    {
        let target = sp.target_port.clone().unwrap_or(IntOrString::Int(sp.port));
        let port = pod.spec.as_ref().and_then(|spec| {
            crate::sim::pod::find_port(serving_port_refs(spec), &target, sp.protocol.as_deref())
        });
        if let Some(port) = port {
            out.push(EndpointPort {
                name: Some(sp.name.clone().unwrap_or_default()),
                port: Some(port),
                protocol: sp.protocol.clone(),
                app_protocol: sp.app_protocol.clone(),
            });
        }
    }
    out
}

pub(crate) const CONTROLLER: Controller =
    Controller::keyed("endpointslice-controller", watches, reconcile);

/// endpointslice_controller.go's event handlers: a Service, its slices, and every Service whose
/// selector matches a Pod's labels before or after the write.
fn watches(store: &Store, t: &Touch, out: &mut dyn FnMut(QueueKey)) {
    match t.kind.as_str() {
        "Service" => out(own_key(t)),
        "EndpointSlice" => controller_keys(t, "Service", out),
        "Pod" => {
            let mut hits: BTreeSet<&str> = BTreeSet::new();
            for f in t.sides() {
                for (k, v) in &f.labels {
                    let lk = (t.key.0.clone(), k.clone(), v.clone());
                    for name in store
                        .index
                        .services_by_selector
                        .get(&lk)
                        .into_iter()
                        .flatten()
                    {
                        let selects = store
                            .get::<Service>(&t.key.0, name)
                            .and_then(|s| s.spec.as_ref()?.selector.as_ref())
                            .is_some_and(|sel| sel.iter().all(|(k, v)| f.labels.get(k) == Some(v)));
                        if selects {
                            hits.insert(name);
                        }
                    }
                }
            }
            for name in hits {
                out(QueueKey::new(&t.key.0, name));
            }
        }
        _ => {}
    }
}

fn reconcile(c: &mut Cluster, key: &QueueKey) {
    if let Some(svc) = c.store.get::<Service>(&key.namespace, &key.name).cloned() {
        sync(c, &svc);
    }
}

/// The Pods whose labels hold every pair of `selector`, in name order: the smallest of the label
/// index's sets for its pairs, filtered.
fn selected_pods<'a>(
    c: &'a Cluster,
    ns: &str,
    selector: &'a BTreeMap<String, String>,
) -> Vec<&'a Pod> {
    let sets: Option<Vec<&BTreeSet<String>>> = selector
        .iter()
        .map(|(k, v)| {
            c.store
                .index
                .pods_by_label
                .get(&(ns.to_string(), k.clone(), v.clone()))
        })
        .collect();
    let Some(smallest) = sets.and_then(|s| s.into_iter().min_by_key(|s| s.len())) else {
        return Vec::new();
    };
    smallest
        .iter()
        .filter_map(|name| c.store.get::<Pod>(ns, name))
        .filter(|p| {
            let labels = p.metadata.labels.as_ref();
            selector
                .iter()
                .all(|(k, v)| labels.and_then(|l| l.get(k)) == Some(v))
        })
        .collect()
}

fn sync(c: &mut Cluster, svc: &Service) {
    let Some(spec) = &svc.spec else { return };
    let Some(selector) = spec.selector.as_ref() else {
        return;
    };
    if spec.type_.as_deref() == Some("ExternalName") {
        return;
    }
    let ns = svc.metadata.namespace.clone().unwrap_or_default();
    let name = svc.metadata.name.clone().unwrap_or_default();
    let uid = svc.metadata.uid.clone().unwrap_or_default();
    let publish = spec.publish_not_ready_addresses == Some(true);
    // Endpoints grouped by their port list.
    let mut groups: BTreeMap<String, (Vec<EndpointPort>, Vec<Endpoint>)> = BTreeMap::new();
    if !selector.is_empty() {
        for p in selected_pods(c, &ns, selector) {
            let Some(ip) = p.status.as_ref().and_then(|s| s.pod_ip.clone()) else {
                continue;
            };
            if matches!(phase(p), "Succeeded" | "Failed") {
                continue;
            }
            let ports = resolve_ports(svc, p);
            if ports.is_empty() && spec.ports.as_ref().is_some_and(|v| !v.is_empty()) {
                continue;
            }
            let terminating = p.metadata.deletion_timestamp.is_some();
            let ready = is_ready(p);
            let pod_spec = p.spec.as_ref();
            let hostname = pod_spec
                .filter(|s| s.subdomain.as_deref() == Some(name.as_str()))
                .and_then(|s| s.hostname.clone());
            let key = serde_json::to_string(&ports).unwrap_or_default();
            groups
                .entry(key)
                .or_insert_with(|| (ports.clone(), Vec::new()))
                .1
                .push(Endpoint {
                    addresses: vec![ip],
                    conditions: Some(EndpointConditions {
                        ready: Some(publish || (ready && !terminating)),
                        serving: Some(publish || ready),
                        terminating: Some(terminating),
                    }),
                    hostname,
                    node_name: pod_spec.and_then(|s| s.node_name.clone()),
                    target_ref: Some(ObjectReference {
                        kind: Some("Pod".into()),
                        name: p.metadata.name.clone(),
                        namespace: Some(ns.clone()),
                        uid: p.metadata.uid.clone(),
                        ..Default::default()
                    }),
                    ..Default::default()
                });
        }
    }
    // The slices to have: chunks of 100, or one empty placeholder.
    let mut wanted: Vec<(Option<Vec<EndpointPort>>, Vec<Endpoint>)> = Vec::new();
    for (_, (ports, eps)) in groups {
        for chunk in eps.chunks(MAX_ENDPOINTS) {
            wanted.push((Some(ports.clone()), chunk.to_vec()));
        }
    }
    if wanted.is_empty() {
        wanted.push((None, Vec::new()));
    }
    let mut existing: Vec<EndpointSlice> = c
        .store
        .endpoint_slices
        .in_namespace(&ns)
        .filter(|s| controller_of(&s.metadata).is_some_and(|r| r.uid == uid))
        .cloned()
        .collect();
    crate::sort::by_key(&mut existing, |s| {
        s.metadata
            .creation_timestamp
            .clone()
            .map(|t| t.0)
            .unwrap_or_default()
    });
    let mut labels = svc.metadata.labels.clone().unwrap_or_default();
    labels.insert(SERVICE_NAME_LABEL.into(), name.clone());
    labels.insert(MANAGED_BY.into(), MANAGER.into());
    if spec.cluster_ip.as_deref() == Some("None") {
        labels.insert("service.kubernetes.io/headless".into(), String::new());
    }
    let mut reuse = existing.into_iter();
    for (ports, endpoints) in wanted {
        let mut slice = match reuse.next() {
            Some(s) => s,
            None => {
                let slice_name = c.generate_name::<EndpointSlice>(&ns, &format!("{name}-"));
                let mut s = EndpointSlice {
                    metadata: ObjectMeta {
                        name: Some(slice_name),
                        namespace: Some(ns.clone()),
                        generate_name: Some(format!("{name}-")),
                        owner_references: Some(vec![controller_ref(svc)]),
                        ..Default::default()
                    },
                    address_type: "IPv4".into(),
                    endpoints: Vec::new(),
                    ports: None,
                };
                c.created_meta(&mut s.metadata, true);
                s
            }
        };
        slice.metadata.labels = Some(labels.clone());
        slice.endpoints = endpoints;
        slice.ports = ports;
        c.store.put(slice);
    }
    for extra in reuse {
        let n = extra.metadata.name.clone().unwrap_or_default();
        c.store.remove("EndpointSlice", &ns, &n);
    }
}
