//! Services → Pods, workloads → Pods, and the mistakes in between.

use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::pods::GroupIndex;
use super::{satisfied, PodGroup};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::i18n::Say;
use crate::manifest::{Manifest, Typed};
use crate::selector::{self, format_labels, Selector};

/// One Service port and where it lands on each selected Pod group.
#[derive(Clone, Debug, PartialEq)]
pub struct PortMatch {
    pub name: Option<String>,
    pub port: i32,
    pub protocol: String,
    /// The targetPort as written (a number or a port name).
    pub target: String,
    /// Per selected group (same order as `ServiceMatch::groups`): the container port, if resolved.
    pub resolved: Vec<Option<i32>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ServiceMatch {
    pub object: usize,
    pub name: String,
    pub namespace: String,
    /// Canonical selector, or None for a Service without one (its endpoints are managed by hand).
    pub selector: Option<String>,
    /// Indices into the analysis' pod groups.
    pub groups: Vec<usize>,
    pub ports: Vec<PortMatch>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct WorkloadMatch {
    pub object: usize,
    pub kind: String,
    pub name: String,
    pub selector: String,
    /// Pod groups the selector owns: its own template, and any other Pods it would adopt or fight over.
    pub groups: Vec<usize>,
}

pub fn services(
    m: &Manifest,
    groups: &[PodGroup],
    diags: &mut Vec<Diagnostic>,
) -> Vec<ServiceMatch> {
    let mut out = Vec::new();
    let index = GroupIndex::new(groups);
    for (i, o) in m.objects.iter().enumerate() {
        let Some(Typed::Service(svc)) = &o.typed else {
            continue;
        };
        let spec = svc.spec.clone().unwrap_or_default();
        let namespace = o.namespace.clone().unwrap_or_else(|| "default".into());
        let selected = spec
            .selector
            .as_ref()
            .filter(|s| !s.is_empty())
            .map(Selector::from_set);
        let matched: Vec<usize> = match &selected {
            Some(sel) => index.matching(&namespace, sel),
            None => Vec::new(),
        };
        let mut ports = Vec::new();
        for (pi, p) in spec.ports.iter().flatten().enumerate() {
            let target = p.target_port.clone().unwrap_or(IntOrString::Int(p.port));
            let resolved: Vec<Option<i32>> = matched
                .iter()
                .map(|&gi| groups[gi].find_port(&target, p.protocol.as_deref()))
                .collect();
            if let IntOrString::String(name) = &target {
                let any_missing = resolved.iter().any(Option::is_none);
                if any_missing && !matched.is_empty() {
                    let path = format!("spec.ports[{pi}].targetPort");
                    let span = o.node.at_path(&path).map(|n| n.span).unwrap_or(o.span());
                    let missing: Vec<crate::i18n::Pods> = matched
                        .iter()
                        .zip(&resolved)
                        .filter(|(_, r)| r.is_none())
                        .map(|(&gi, _)| groups[gi].pods())
                        .collect();
                    let declared: Vec<String> = matched
                        .iter()
                        .flat_map(|&gi| groups[gi].ports.iter().filter_map(|cp| cp.name.clone()))
                        .collect();
                    let mut d = Diagnostic::own(
                        Severity::Warning,
                        Code::UnresolvedTargetPort,
                        span,
                        Say::TargetPortUnresolved {
                            name: name.to_string(),
                            pods: missing,
                        },
                    );
                    d = match crate::diagnostic::did_you_mean(
                        name,
                        declared.iter().map(String::as_str),
                    ) {
                        Some(m) => d.with_hint(Say::DidYouMean(m.to_string())),
                        None if declared.is_empty() => d.with_hint(Say::NameThePort),
                        None => d.with_hint(Say::NamedPorts(declared)),
                    };
                    diags.push(d);
                }
            }
            ports.push(PortMatch {
                name: p.name.clone(),
                port: p.port,
                protocol: p.protocol.clone().unwrap_or_else(|| "TCP".into()),
                target: match &target {
                    IntOrString::Int(n) => n.to_string(),
                    IntOrString::String(s) => s.clone(),
                },
                resolved,
            });
        }
        if let Some(sel) = &selected {
            if matched.is_empty() {
                diags.push(no_match(
                    o.name.as_str(),
                    &namespace,
                    sel,
                    groups,
                    o.span_of("spec.selector"),
                ));
            }
        }
        out.push(ServiceMatch {
            object: i,
            name: o.name.clone(),
            namespace,
            selector: selected.map(|s| s.to_string()),
            groups: matched,
            ports,
        });
    }
    out
}

/// The diagnostic for a Service that selects nothing, naming the nearest miss.
fn no_match(
    name: &str,
    namespace: &str,
    sel: &Selector,
    groups: &[PodGroup],
    span: crate::manifest::yaml::Span,
) -> Diagnostic {
    let elsewhere: Vec<&PodGroup> = groups
        .iter()
        .filter(|g| g.namespace != namespace && sel.matches(&g.labels))
        .collect();
    if let Some(g) = elsewhere.first() {
        return Diagnostic::own(
            Severity::Warning,
            Code::CrossNamespace,
            span,
            Say::SelectsOtherNamespace {
                service: name.to_string(),
                namespace: namespace.to_string(),
                pods: g.pods(),
                other: g.namespace.clone(),
            },
        )
        .with_hint(Say::OtherNamespace(g.namespace.clone()));
    }
    let mut d = Diagnostic::own(
        Severity::Warning,
        Code::ServiceNoMatch,
        span,
        Say::SelectsNothing {
            service: name.to_string(),
            namespace: namespace.to_string(),
            selector: sel.to_string(),
        },
    );
    if let Some((_, hint)) = nearest_miss(sel, namespace, groups) {
        d = d.with_hint(hint);
    } else if groups.iter().any(|g| g.namespace == namespace) {
        let labels = groups
            .iter()
            .filter(|g| g.namespace == namespace)
            .take(3)
            .map(|g| {
                (
                    g.pods(),
                    (!g.labels.is_empty()).then(|| format_labels(&g.labels)),
                )
            })
            .collect();
        d = d.with_hint(Say::PodsHaveLabels(labels));
    } else {
        d = d.with_hint(Say::NoPodsHere);
    }
    d
}

/// The Pod group in `namespace` that comes nearest to a selector that selects none of them (most
/// requirements met, then most of its keys present), and what it has against what is wanted.
pub(crate) fn nearest_miss(
    sel: &Selector,
    namespace: &str,
    groups: &[PodGroup],
) -> Option<(usize, Say)> {
    let keys: Vec<&str> = sel.requirements().iter().map(|r| r.key.as_str()).collect();
    let (gi, g) = groups
        .iter()
        .enumerate()
        .filter(|(_, g)| g.namespace == namespace)
        .filter(|(_, g)| {
            keys.iter().any(|k| g.labels.contains_key(*k)) || satisfied(sel, &g.labels) > 0
        })
        .max_by_key(|(_, g)| {
            (
                satisfied(sel, &g.labels),
                keys.iter().filter(|k| g.labels.contains_key(**k)).count(),
            )
        })?;
    let missed: Vec<String> = sel
        .requirements()
        .iter()
        .filter(|r| !r.matches(&g.labels))
        .map(|r| r.to_string())
        .collect();
    let have: Vec<String> = sel
        .requirements()
        .iter()
        .filter(|r| !r.matches(&g.labels))
        .filter_map(|r| g.labels.get(&r.key).map(|v| format!("{}={v}", r.key)))
        .collect();
    let have = if have.is_empty() {
        format_labels(&g.labels)
    } else {
        have.join(",")
    };
    Some((
        gi,
        Say::PodsHave {
            pods: g.pods(),
            labels: have,
            wants: missed.join(","),
        },
    ))
}

pub fn workloads(
    m: &Manifest,
    groups: &[PodGroup],
    diags: &mut Vec<Diagnostic>,
) -> Vec<WorkloadMatch> {
    let mut out: Vec<(WorkloadMatch, Selector)> = Vec::new();
    let index = GroupIndex::new(groups);
    for (i, o) in m.objects.iter().enumerate() {
        let Some(t) = &o.typed else { continue };
        let manual_job = matches!(t, Typed::Job(j) if j.spec.as_ref().and_then(|s| s.manual_selector) == Some(true));
        let sel = match t {
            Typed::Deployment(_)
            | Typed::ReplicaSet(_)
            | Typed::StatefulSet(_)
            | Typed::DaemonSet(_) => t
                .selector()
                .and_then(|ls| selector::from_label_selector(ls).ok()),
            Typed::Job(_) if manual_job => t
                .selector()
                .and_then(|ls| selector::from_label_selector(ls).ok()),
            Typed::ReplicationController(rc) => {
                let s = rc
                    .spec
                    .as_ref()
                    .and_then(|s| s.selector.clone())
                    .filter(|s| !s.is_empty());
                let s = s.or_else(|| {
                    t.pod_template()
                        .and_then(|p| p.metadata.as_ref()?.labels.clone())
                });
                s.map(|l| Selector::from_set(&l))
            }
            _ => None,
        };
        let Some(sel) = sel.filter(|s| !s.is_empty()) else {
            continue;
        };
        let namespace = o.namespace.clone().unwrap_or_else(|| "default".into());
        let matched: Vec<usize> = index.matching(&namespace, &sel);
        out.push((
            WorkloadMatch {
                object: i,
                kind: o.kind.clone(),
                name: o.name.clone(),
                selector: sel.to_string(),
                groups: matched,
            },
            sel,
        ));
    }
    // Overlapping selectors: a controller whose selector matches another controller's Pods. Only
    // workloads that share a group can overlap.
    let mut by_group: Vec<Vec<usize>> = vec![Vec::new(); groups.len()];
    for (w, (wm, _)) in out.iter().enumerate() {
        for &gi in &wm.groups {
            by_group[gi].push(w);
        }
    }
    for a in 0..out.len() {
        let mut earlier: Vec<usize> = out[a]
            .0
            .groups
            .iter()
            .flat_map(|&gi| by_group[gi].iter().copied())
            .filter(|&b| b < a)
            .collect();
        crate::sort::sort(&mut earlier);
        earlier.dedup();
        for b in earlier {
            let (wa, _) = &out[a];
            let (wb, _) = &out[b];
            let overlap = wa.groups.iter().chain(&wb.groups).any(|gi| {
                let owner = groups[*gi].object;
                groups[*gi].is_template()
                    && (owner == wa.object || owner == wb.object)
                    && wa.groups.contains(gi)
                    && wb.groups.contains(gi)
            });
            if overlap {
                let o = &m.objects[wa.object];
                diags.push(
                    Diagnostic::own(
                        Severity::Warning,
                        Code::SelectorOverlap,
                        o.span_of("spec.selector"),
                        Say::SelectorsOverlap {
                            kinds: [wa.kind.clone(), wb.kind.clone()],
                            names: [wa.name.clone(), wb.name.clone()],
                            selectors: [wa.selector.clone(), wb.selector.clone()],
                        },
                    )
                    .with_hint(Say::DistinctLabels),
                );
            }
        }
    }
    out.into_iter().map(|(w, _)| w).collect()
}
