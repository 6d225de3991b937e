//! The manifest as a [`Graph`] before anything runs: each object written, each template's Pods as
//! one stack ("3 Pods of Deployment web"), and the links the text itself makes: templates, the
//! groups each Service selects (or the nearest miss, in red), Ingress backends, what a Pod spec
//! names, claims and volumes, RBAC bindings.

use super::services::nearest_miss;
use super::Analysis;
use crate::graph::{Graph, Link, Node};
use crate::i18n::Lang;
use crate::manifest::Typed;
use crate::selector::Selector;

/// Where a workload's Pod spec is, as a field path.
fn template_path(kind: &str) -> &'static str {
    match kind {
        "CronJob" => "spec.jobTemplate.spec.template",
        _ => "spec.template",
    }
}

/// The object as written, as JSON.
fn as_written(o: &crate::manifest::Object) -> serde_json::Value {
    crate::manifest::de::decode::<serde_json::Value>(&o.node)
        .0
        .unwrap_or_default()
}

pub fn graph(a: &Analysis, lang: Lang) -> Graph {
    let m = &a.manifest;
    let mut g = Graph::default();
    let mut node_of: Vec<Option<usize>> = vec![None; m.objects.len()];
    for (i, o) in m.objects.iter().enumerate() {
        if o.kind == "Namespace" || o.name.is_empty() {
            continue;
        }
        node_of[i] = g.add(Node::new(
            &o.kind,
            o.namespace.as_deref().unwrap_or(""),
            &o.name,
        ));
    }
    // Each group's node: the Pod itself, or a stack for a template.
    let mut group_node: Vec<Option<usize>> = Vec::with_capacity(a.pod_groups.len());
    for pg in &a.pod_groups {
        if !pg.is_template() {
            group_node.push(node_of.get(pg.object).copied().flatten());
            continue;
        }
        let mut stack = Node::new("Pod", &pg.namespace, &format!("{}-*", pg.owner_name));
        stack.count = Some(pg.count.unwrap_or(1).max(0) as u32);
        stack.caption = pg.describe(lang);
        let at = g.add(stack);
        if let (Some(owner), Some(at)) = (node_of.get(pg.object).copied().flatten(), at) {
            g.link(owner, at, Link::Owns, template_path(&pg.owner_kind));
        }
        group_node.push(at);
    }
    // Services → groups, or the nearest miss.
    for sm in &a.services {
        let Some(from) = node_of[sm.object] else {
            continue;
        };
        let text = sm.selector.clone().unwrap_or_default();
        for &gi in &sm.groups {
            if let Some(to) = group_node[gi] {
                g.link(from, to, Link::Selects, format!("spec.selector {text}"));
            }
        }
        if !sm.groups.is_empty() || sm.selector.is_none() {
            continue;
        }
        let Some(Typed::Service(svc)) = &m.objects[sm.object].typed else {
            continue;
        };
        let Some(sel) = svc.spec.as_ref().and_then(|s| s.selector.as_ref()) else {
            continue;
        };
        if let Some((gi, why)) =
            nearest_miss(&Selector::from_set(sel), &sm.namespace, &a.pod_groups)
        {
            if let Some(to) = group_node[gi] {
                g.link(from, to, Link::Miss, why.text(lang));
            }
        }
    }
    // What each group's Pod spec names. Every namespace has its `default` ServiceAccount
    // without writing it; another one is a ghost unless the manifest has it.
    let mut account = |g: &mut Graph, ns: &str, name: &str| {
        if name == "default" {
            g.add(Node::new("ServiceAccount", ns, name))
        } else {
            g.named("ServiceAccount", ns, name)
        }
    };
    for (gi, pg) in a.pod_groups.iter().enumerate() {
        let (Some(from), Some(o)) = (group_node[gi], m.objects.get(pg.object)) else {
            continue;
        };
        let (spec, prefix) = match &o.typed {
            Some(Typed::Pod(p)) => (p.spec.as_ref(), "spec".to_string()),
            Some(t) => (
                t.pod_template().and_then(|t| t.spec.as_ref()),
                format!("{}.spec", template_path(&o.kind)),
            ),
            None => (None, String::new()),
        };
        let Some(spec) = spec else { continue };
        g.link_pod_spec(from, &pg.namespace, spec, &prefix, &mut account);
    }
    // Ingress, bindings, claims, volumes.
    for (i, o) in m.objects.iter().enumerate() {
        let (Some(from), Some(t)) = (node_of[i], &o.typed) else {
            continue;
        };
        let ns = o.namespace.as_deref().unwrap_or("");
        match t {
            Typed::Ingress(_) => g.link_ingress(from, ns, &as_written(o)),
            Typed::RoleBinding(_) | Typed::ClusterRoleBinding(_) => {
                g.link_binding(from, ns, &as_written(o), &mut account)
            }
            Typed::PersistentVolumeClaim(pvc) => g.link_volume(
                from,
                pvc.spec.as_ref().and_then(|s| s.volume_name.as_deref()),
            ),
            Typed::PersistentVolume(pv) => {
                let spec = pv.spec.as_ref();
                if let Some(r) = spec.and_then(|s| s.claim_ref.as_ref()) {
                    let (cns, cn) = (
                        r.namespace.as_deref().unwrap_or("default"),
                        r.name.as_deref().unwrap_or(""),
                    );
                    if let Some(claim) = g.find("PersistentVolumeClaim", cns, cn) {
                        g.link(claim, from, Link::Binds, "spec.claimRef");
                    }
                }
                g.link_class(from, spec.and_then(|s| s.storage_class_name.as_deref()));
            }
            _ => {}
        }
    }
    g
}

#[cfg(test)]
mod tests {
    use crate::graph::Link;
    use crate::i18n::Lang;

    const TEXT: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: frontend}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: app
        image: nginx:1.27
        envFrom: [{configMapRef: {name: settings}}]
---
apiVersion: v1
kind: Service
metadata: {name: by-template}
spec:
  selector: {app: web}
  ports: [{port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: by-deployment}
spec:
  selector: {app: frontend}
  ports: [{port: 80}]
";

    /// Before anything runs, a Service selects the Pods of a template by the template's labels
    /// (the EndpointSlice controller matches Pods, never the workload): the Service written
    /// against the Deployment's own labels selects nothing, and its red line says why.
    #[test]
    fn services_select_template_pods_by_the_templates_labels_not_the_workloads() {
        let a = crate::analyze(TEXT);
        let g = super::graph(&a, Lang::En);
        let stack = g
            .find("Pod", "default", "web-*")
            .expect("the template's stack");
        assert_eq!(g.nodes[stack].count, Some(3));
        assert_eq!(g.nodes[stack].caption, "3 Pods of Deployment web");
        let deploy = g.find("Deployment", "default", "web").unwrap();
        let by_template = g.find("Service", "default", "by-template").unwrap();
        let by_deployment = g.find("Service", "default", "by-deployment").unwrap();
        let has = |from, to, link| {
            g.edges
                .iter()
                .any(|e| e.from == from && e.to == to && e.link == link)
        };
        assert!(has(deploy, stack, Link::Owns));
        assert!(has(by_template, stack, Link::Selects));
        assert!(!has(by_deployment, stack, Link::Selects));
        assert!(!g
            .edges
            .iter()
            .any(|e| e.from == by_deployment && e.to == deploy));
        let miss = g
            .edges
            .iter()
            .find(|e| e.from == by_deployment && e.link == Link::Miss)
            .expect("a near miss");
        assert_eq!(miss.to, stack);
        assert!(
            miss.reason.contains("app=web") && miss.reason.contains("app=frontend"),
            "{}",
            miss.reason
        );
        // The ConfigMap the template reads was never written: a ghost.
        let cm = g.find("ConfigMap", "default", "settings").unwrap();
        assert!(g.nodes[cm].missing);
        assert!(has(stack, cm, Link::Reads));
        // In Korean, the stack and the miss are said in Korean.
        let ko = super::graph(&a, Lang::Ko);
        assert!(ko.nodes[stack]
            .caption
            .chars()
            .any(|c| ('가'..='힣').contains(&c)));
    }
}
