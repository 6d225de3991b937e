//! The Pods a manifest would run: bare Pods, and one group per workload template.

use k8s_openapi::api::core::v1::PodSpec;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use crate::i18n::{Lang, Pods};
use crate::manifest::{Manifest, Typed};
use crate::selector::Labels;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContainerPort {
    pub container: String,
    pub name: Option<String>,
    pub port: i32,
    pub protocol: String,
}

/// One Pod written in the manifest, or all the Pods one workload's template would create.
#[derive(Clone, Debug)]
pub struct PodGroup {
    /// Index of the object (the Pod, or the workload) in `Manifest::objects`.
    pub object: usize,
    /// `Pod`, or the workload's kind.
    pub owner_kind: String,
    pub owner_name: String,
    pub namespace: String,
    pub labels: Labels,
    /// How many Pods; None where it depends on the nodes (DaemonSet).
    pub count: Option<i32>,
    pub ports: Vec<ContainerPort>,
}

impl PodGroup {
    pub fn is_template(&self) -> bool {
        self.owner_kind != "Pod"
    }

    /// These Pods, as kubeplay names them in any language.
    pub fn pods(&self) -> Pods {
        Pods {
            owner_kind: self.owner_kind.clone(),
            owner_name: self.owner_name.clone(),
            count: if self.is_template() {
                self.count
            } else {
                Some(1)
            },
        }
    }

    /// "Pod nginx", "3 Pods of Deployment web", "Pods of DaemonSet agent (one per node)".
    pub fn describe(&self, lang: Lang) -> String {
        lang.texts().pods(&self.pods())
    }
}

/// The ports the Pods serve, in the order the kubelet's FindPort looks at them (app containers,
/// then sidecars).
fn ports_of(spec: Option<&PodSpec>) -> Vec<ContainerPort> {
    spec.into_iter()
        .flat_map(crate::sim::pod::serving_ports)
        .map(|(container, p)| ContainerPort {
            container: container.to_string(),
            name: p.name.clone(),
            port: p.container_port,
            protocol: p.protocol.clone().unwrap_or_else(|| "TCP".into()),
        })
        .collect()
}

impl PodGroup {
    /// What a Service port's targetPort resolves to on these Pods (the EndpointSlice controller's
    /// own rule, protocol included).
    pub fn find_port(&self, target: &IntOrString, protocol: Option<&str>) -> Option<i32> {
        crate::sim::pod::find_port(
            self.ports
                .iter()
                .map(|p| (p.name.as_deref(), p.port, Some(p.protocol.as_str()))),
            target,
            protocol,
        )
    }
}

/// Every Pod group of the manifest, in manifest order.
pub fn pod_groups(m: &Manifest) -> Vec<PodGroup> {
    let mut out = Vec::new();
    for (i, o) in m.objects.iter().enumerate() {
        let Some(typed) = &o.typed else { continue };
        let namespace = o.namespace.clone().unwrap_or_else(|| "default".into());
        match typed {
            Typed::Pod(p) => out.push(PodGroup {
                object: i,
                owner_kind: "Pod".into(),
                owner_name: o.name.clone(),
                namespace,
                labels: o.labels.clone(),
                count: Some(1),
                ports: ports_of(p.spec.as_ref()),
            }),
            t => {
                let Some(template) = t.pod_template() else {
                    continue;
                };
                out.push(PodGroup {
                    object: i,
                    owner_kind: o.kind.clone(),
                    owner_name: o.name.clone(),
                    namespace,
                    labels: template
                        .metadata
                        .as_ref()
                        .and_then(|m| m.labels.clone())
                        .unwrap_or_default(),
                    count: t.desired_pods(),
                    ports: ports_of(template.spec.as_ref()),
                });
            }
        }
    }
    out
}

/// Pod groups by namespace and by (namespace, label key, value), so matching a selector looks only
/// at the groups that could match: the groups of its narrowest equality requirement, or of its
/// namespace when it has none.
pub struct GroupIndex<'a> {
    groups: &'a [PodGroup],
    by_namespace: std::collections::HashMap<&'a str, Vec<usize>>,
    by_label: std::collections::HashMap<(&'a str, &'a str, &'a str), Vec<usize>>,
}

impl<'a> GroupIndex<'a> {
    pub fn new(groups: &'a [PodGroup]) -> GroupIndex<'a> {
        let mut by_namespace: std::collections::HashMap<&str, Vec<usize>> = Default::default();
        let mut by_label: std::collections::HashMap<(&str, &str, &str), Vec<usize>> =
            Default::default();
        for (i, g) in groups.iter().enumerate() {
            by_namespace
                .entry(g.namespace.as_str())
                .or_default()
                .push(i);
            for (k, v) in &g.labels {
                by_label
                    .entry((g.namespace.as_str(), k.as_str(), v.as_str()))
                    .or_default()
                    .push(i);
            }
        }
        GroupIndex {
            groups,
            by_namespace,
            by_label,
        }
    }

    /// The indices of the groups in `namespace` whose labels the selector matches, ascending.
    pub fn matching(&self, namespace: &str, sel: &crate::selector::Selector) -> Vec<usize> {
        use crate::selector::Operator;
        let none: &[usize] = &[];
        let candidates: &[usize] = sel
            .requirements()
            .iter()
            .filter_map(|r| match (&r.operator, r.values.as_slice()) {
                (Operator::Equals | Operator::DoubleEquals | Operator::In, [v]) => Some(
                    self.by_label
                        .get(&(namespace, r.key.as_str(), v.as_str()))
                        .map_or(none, Vec::as_slice),
                ),
                _ => None,
            })
            .min_by_key(|c| c.len())
            .unwrap_or_else(|| self.by_namespace.get(namespace).map_or(none, Vec::as_slice));
        candidates
            .iter()
            .copied()
            .filter(|&gi| sel.matches(&self.groups[gi].labels))
            .collect()
    }
}
