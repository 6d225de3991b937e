//! The simulated cluster as a [`Graph`]: every object the tables list, and each link with the
//! field behind it: owner references, the Pods each Service selects (dashed where the Pod is not a
//! ready endpoint), Ingress backends, the claims, volumes and classes of storage, the ConfigMaps,
//! Secrets and ServiceAccount a Pod names, the Node it runs on, and RBAC bindings.

use std::collections::{BTreeMap, HashMap, HashSet};

use k8s_openapi::api::core::v1::Pod;

use super::tables::{tables, Tone};
use crate::graph::{self, Graph, Link, Node};
use crate::i18n::{Lang, Pods, Say};
use crate::sim::Cluster;

fn tone(t: Tone) -> graph::Tone {
    match t {
        Tone::Ok => graph::Tone::Ok,
        Tone::Progress => graph::Tone::Progress,
        Tone::Bad => graph::Tone::Bad,
        Tone::Done => graph::Tone::Done,
        Tone::Plain => graph::Tone::Plain,
    }
}

/// Kinds that are no node of their own: a Namespace is a frame, an EndpointSlice is what a
/// Service's links are drawn from.
const NOT_DRAWN: &[&str] = &["Namespace", "EndpointSlice", "Event"];

/// `app=web,tier=front`: a Service's selector as kubectl prints it.
fn selector_text(sel: &BTreeMap<String, String>) -> String {
    sel.iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(",")
}

fn label<'p>(pod: &'p Pod, key: &str) -> Option<&'p String> {
    pod.metadata.labels.as_ref()?.get(key)
}

/// The graph of everything outside the system namespaces.
pub fn graph(c: &Cluster, lang: Lang) -> Graph {
    let mut g = Graph::default();
    for t in tables(c, false) {
        let status = t
            .headers
            .iter()
            .position(|h| *h == "STATUS")
            .or_else(|| t.headers.iter().position(|h| *h == "READY"));
        for r in t.rows {
            if NOT_DRAWN.contains(&r.kind.as_str()) {
                continue;
            }
            let mut n = Node::new(&r.kind, &r.namespace, &r.name);
            n.status = status
                .and_then(|i| r.cells.get(i).cloned())
                .unwrap_or_default();
            n.tone = tone(r.tone);
            g.add(n);
        }
    }
    let s = &c.store;
    // ServiceAccounts are not listed; those a Pod or binding names are drawn.
    let mut account = |g: &mut Graph, ns: &str, name: &str| -> Option<usize> {
        if let Some(i) = g.find("ServiceAccount", ns, name) {
            return Some(i);
        }
        if s.service_accounts.get(ns, name).is_some() {
            return g.add(Node::new("ServiceAccount", ns, name));
        }
        g.named("ServiceAccount", ns, name)
    };

    // Owner references, owner first.
    let mut owners: Vec<(String, String, String, String, String, bool)> = Vec::new();
    s.each_meta(&mut |kind, m| {
        for r in m.owner_references.iter().flatten() {
            owners.push((
                r.kind.clone(),
                r.name.clone(),
                kind.to_string(),
                m.namespace.clone().unwrap_or_default(),
                m.name.clone().unwrap_or_default(),
                r.controller == Some(true),
            ));
        }
    });
    for (okind, oname, kind, ns, name, controller) in owners {
        let Some(to) = g.find(&kind, &ns, &name) else {
            continue;
        };
        let Some(from) = g
            .find(&okind, &ns, &oname)
            .or_else(|| g.find(&okind, "", &oname))
        else {
            continue;
        };
        let why = if controller {
            "metadata.ownerReferences (controller)"
        } else {
            "metadata.ownerReferences"
        };
        g.link(from, to, Link::Owns, why);
    }
    // A StatefulSet's claims, by the names its templates give them.
    for sts in s.stateful_sets.values() {
        let ns = sts.metadata.namespace.as_deref().unwrap_or_default();
        let name = sts.metadata.name.as_deref().unwrap_or_default();
        let Some(from) = g.find("StatefulSet", ns, name) else {
            continue;
        };
        let templates = sts
            .spec
            .as_ref()
            .and_then(|s| s.volume_claim_templates.as_ref());
        for (i, t) in templates.into_iter().flatten().enumerate() {
            let prefix = format!("{}-{name}-", t.metadata.name.as_deref().unwrap_or_default());
            for pvc in s.persistent_volume_claims.in_namespace(ns) {
                let pname = pvc.metadata.name.as_deref().unwrap_or_default();
                let ordinal = pname.strip_prefix(&prefix);
                if ordinal.is_some_and(|o| !o.is_empty() && o.bytes().all(|b| b.is_ascii_digit())) {
                    if let Some(to) = g.find("PersistentVolumeClaim", ns, pname) {
                        g.link(
                            from,
                            to,
                            Link::Owns,
                            format!("spec.volumeClaimTemplates[{i}]"),
                        );
                    }
                }
            }
        }
    }

    // Services → the Pods they select, ready or not, as their EndpointSlices say.
    let mut ready: HashSet<(String, String, String)> = HashSet::new();
    for es in s.endpoint_slices.values() {
        let ns = es.metadata.namespace.clone().unwrap_or_default();
        let Some(svc) = es
            .metadata
            .labels
            .as_ref()
            .and_then(|l| l.get(crate::sim::controllers::endpointslice::SERVICE_NAME_LABEL))
        else {
            continue;
        };
        for ep in &es.endpoints {
            let Some(pod) = ep.target_ref.as_ref().and_then(|t| t.name.clone()) else {
                continue;
            };
            if ep.conditions.as_ref().and_then(|c| c.ready) != Some(false) {
                ready.insert((ns.clone(), svc.clone(), pod));
            }
        }
    }
    // Each namespace's Pods by label, so that a Service looks only at the Pods with one of its
    // labels (the rest it cannot select), and at the whole namespace only for a near miss.
    let mut by_label: HashMap<(&str, &str, &str), Vec<&Pod>> = HashMap::new();
    for pod in s.pods.values() {
        let ns = pod.metadata.namespace.as_deref().unwrap_or_default();
        for (k, v) in pod.metadata.labels.iter().flatten() {
            by_label.entry((ns, k, v)).or_default().push(pod);
        }
    }
    for svc in s.services.values() {
        let ns = svc.metadata.namespace.as_deref().unwrap_or_default();
        let name = svc.metadata.name.as_deref().unwrap_or_default();
        let Some(from) = g.find("Service", ns, name) else {
            continue;
        };
        let Some(sel) = svc
            .spec
            .as_ref()
            .and_then(|s| s.selector.as_ref())
            .filter(|s| !s.is_empty())
        else {
            continue;
        };
        let text = selector_text(sel);
        let selects = |pod: &Pod| sel.iter().all(|(k, v)| label(pod, k) == Some(v));
        let fewest = sel
            .iter()
            .map(|(k, v)| {
                by_label
                    .get(&(ns, k.as_str(), v.as_str()))
                    .map_or(&[][..], |p| &p[..])
            })
            .min_by_key(|p| p.len())
            .unwrap_or(&[]);
        let mut any = false;
        for pod in fewest.iter().filter(|p| selects(p)) {
            any = true;
            let pname = pod.metadata.name.as_deref().unwrap_or_default();
            let Some(to) = g.find("Pod", ns, pname) else {
                continue;
            };
            if ready.contains(&(ns.to_string(), name.to_string(), pname.to_string())) {
                g.link(from, to, Link::Selects, format!("spec.selector {text}"));
            } else {
                g.link(
                    from,
                    to,
                    Link::NotReady,
                    format!("spec.selector {text}; not a ready endpoint"),
                );
            }
        }
        if any {
            continue;
        }
        let mut nearest: Option<(usize, usize, &Pod)> = None;
        for pod in s.pods.in_namespace(ns) {
            let met = sel.iter().filter(|(k, v)| label(pod, k) == Some(v)).count();
            let keys = sel.keys().filter(|k| label(pod, k).is_some()).count();
            if (met > 0 || keys > 0) && nearest.is_none_or(|(m, k, _)| (met, keys) > (m, k)) {
                nearest = Some((met, keys, pod));
            }
        }
        // Nothing selected: a red line to the nearest miss, saying why it missed.
        if let Some((_, _, pod)) = nearest {
            let pname = pod.metadata.name.as_deref().unwrap_or_default();
            let Some(to) = g.find("Pod", ns, pname) else {
                continue;
            };
            let empty = BTreeMap::new();
            let labels = pod.metadata.labels.as_ref().unwrap_or(&empty);
            let wants: Vec<String> = sel
                .iter()
                .filter(|(k, v)| labels.get(*k) != Some(v))
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            let have: Vec<String> = sel
                .keys()
                .filter(|k| labels.get(*k) != sel.get(*k))
                .filter_map(|k| labels.get(k).map(|v| format!("{k}={v}")))
                .collect();
            let have = if have.is_empty() {
                selector_text(labels)
            } else {
                have.join(",")
            };
            let pods = Pods {
                owner_kind: "Pod".into(),
                owner_name: pname.to_string(),
                count: Some(1),
            };
            let why = Say::PodsHave {
                pods,
                labels: have,
                wants: wants.join(","),
            }
            .text(lang);
            g.link(from, to, Link::Miss, why);
        }
    }

    // Ingress → Service.
    for ((kind, ns, name), o) in &s.others {
        let Some(from) = g.find(kind, ns, name) else {
            continue;
        };
        match kind.as_str() {
            "Ingress" => g.link_ingress(from, ns, &o.value),
            "RoleBinding" | "ClusterRoleBinding" => {
                g.link_binding(from, ns, &o.value, &mut account)
            }
            _ => {}
        }
    }

    // Pods → what they read, claim and run as, and the Node they run on.
    for pod in s.pods.values() {
        let ns = pod.metadata.namespace.as_deref().unwrap_or_default();
        let name = pod.metadata.name.as_deref().unwrap_or_default();
        let Some(from) = g.find("Pod", ns, name) else {
            continue;
        };
        let Some(spec) = &pod.spec else { continue };
        g.link_pod_spec(from, ns, spec, "spec", &mut account);
        if let Some(node) = spec.node_name.as_deref().filter(|n| !n.is_empty()) {
            if let Some(to) = g.find("Node", "", node) {
                g.link(from, to, Link::RunsOn, format!("spec.nodeName {node}"));
            }
        }
    }
    // Claims → volumes ← classes.
    for pvc in s.persistent_volume_claims.values() {
        let ns = pvc.metadata.namespace.as_deref().unwrap_or_default();
        let name = pvc.metadata.name.as_deref().unwrap_or_default();
        let Some(from) = g.find("PersistentVolumeClaim", ns, name) else {
            continue;
        };
        g.link_volume(
            from,
            pvc.spec.as_ref().and_then(|s| s.volume_name.as_deref()),
        );
    }
    for pv in s.persistent_volumes.values() {
        let name = pv.metadata.name.as_deref().unwrap_or_default();
        let Some(to) = g.find("PersistentVolume", "", name) else {
            continue;
        };
        g.link_class(
            to,
            pv.spec
                .as_ref()
                .and_then(|s| s.storage_class_name.as_deref()),
        );
    }
    // A Pending claim: a red line to each volume that nearly fit, with why not.
    for claim in crate::sim::storage::explain::storage_view(c).claims {
        if claim.status != "Pending" {
            continue;
        }
        let Some(from) = g.find("PersistentVolumeClaim", &claim.namespace, &claim.name) else {
            continue;
        };
        for (pv, miss) in &claim.misses {
            if let Some(to) = g.find("PersistentVolume", "", pv) {
                g.link(from, to, Link::Miss, miss.text(lang));
            }
        }
    }
    g
}

#[cfg(test)]
mod tests;
