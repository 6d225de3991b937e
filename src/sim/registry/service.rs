//! Services: the API server's ClusterIP and NodePort allocation (pkg/registry/core/service) and
//! printing (printService, describeService).

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::Service;
use k8s_openapi::api::discovery::v1::EndpointSlice;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::{Printer, Strategy};
use crate::sim::apply::{invalid, Failure};
use crate::sim::print::describe::{head, labels_annotations, line};
use crate::sim::print::{age, Tone};
use crate::sim::{defaults, network, Cluster};

impl Strategy for Service {
    fn prepare(&mut self, _c: &mut Cluster) {
        if let Some(spec) = self.spec.as_mut() {
            defaults::service_spec(spec);
        }
        self.status = None;
    }

    fn admit(&mut self, c: &mut Cluster, old: Option<&Self>) -> Result<(), Failure> {
        service_ips(c, self, old)
    }

    /// Releases the Service's ClusterIP and NodePorts.
    fn delete(c: &mut Cluster, ns: &str, name: &str) -> bool {
        if let Some(svc) = c.store.get::<Service>(ns, name).cloned() {
            release_service(c, &svc);
        }
        c.store.remove("Service", ns, name)
    }
}

impl Printer for Service {
    const RESOURCE: &'static str = "services";
    const PREFIX: &'static str = "service";
    const HEADERS: &'static [&'static str] = &[
        "NAME",
        "TYPE",
        "CLUSTER-IP",
        "EXTERNAL-IP",
        "PORT(S)",
        "AGE",
    ];
    const WIDE: &'static [&'static str] = &["SELECTOR"];

    fn wide(&self, _c: &Cluster) -> Vec<String> {
        match self.spec.as_ref().and_then(|s| s.selector.as_ref()) {
            Some(m) if !m.is_empty() => vec![m
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(",")],
            _ => vec!["<none>".into()],
        }
    }

    fn row(&self, c: &Cluster) -> (Vec<String>, Tone) {
        let s = self;
        let now = c.now();
        let spec = s.spec.clone().unwrap_or_default();
        let type_ = spec.type_.clone().unwrap_or_else(|| "ClusterIP".into());
        let external = match type_.as_str() {
            "ExternalName" => spec.external_name.clone().unwrap_or_default(),
            "LoadBalancer" => {
                let ing: Vec<String> = s
                    .status
                    .as_ref()
                    .and_then(|st| st.load_balancer.as_ref())
                    .and_then(|lb| lb.ingress.clone())
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|i| i.ip.clone().or(i.hostname.clone()))
                    .collect();
                if ing.is_empty() {
                    "<pending>".into()
                } else {
                    ing.join(",")
                }
            }
            _ => spec
                .external_ips
                .clone()
                .filter(|v| !v.is_empty())
                .map(|v| v.join(","))
                .unwrap_or_else(|| "<none>".into()),
        };
        (
            vec![
                s.metadata.name.clone().unwrap_or_default(),
                type_,
                spec.cluster_ip.clone().unwrap_or_else(|| "<none>".into()),
                external,
                service_ports(s),
                age(s.metadata.creation_timestamp.as_ref(), now),
            ],
            Tone::Plain,
        )
    }

    fn describe(&self, out: &mut String, c: &Cluster) {
        service(out, c, self);
    }
}

/// `80/TCP`, `80:30080/TCP`, as the PORT(S) column prints them.
pub fn service_ports(s: &Service) -> String {
    let ports: Vec<String> = s
        .spec
        .as_ref()
        .and_then(|s| s.ports.clone())
        .unwrap_or_default()
        .iter()
        .map(|p| {
            let proto = p.protocol.clone().unwrap_or_else(|| "TCP".into());
            match p.node_port {
                Some(np) => format!("{}:{np}/{proto}", p.port),
                None => format!("{}/{proto}", p.port),
            }
        })
        .collect();
    if ports.is_empty() {
        "<none>".into()
    } else {
        ports.join(",")
    }
}

fn release_service(c: &mut Cluster, svc: &Service) {
    if let Some(spec) = &svc.spec {
        for ip in spec.cluster_ips.iter().flatten() {
            if ip != "None" {
                c.network.release_cluster_ip(ip);
            }
        }
        for p in spec.ports.iter().flatten() {
            if let Some(np) = p.node_port {
                c.network.node_ports.remove(&np);
            }
        }
    }
}

/// The API server's Service allocation: a ClusterIP (kept across updates, immutable once set), and
/// NodePorts for NodePort and LoadBalancer Services, checked for range and duplicates.
fn service_ips(c: &mut Cluster, new: &mut Service, old: Option<&Service>) -> Result<(), Failure> {
    let name = new.metadata.name.clone().unwrap_or_default();
    let Some(spec) = new.spec.as_mut() else {
        return Ok(());
    };
    let type_ = spec.type_.clone().unwrap_or_default();
    let old_spec = old.and_then(|o| o.spec.clone()).unwrap_or_default();
    let old_ip = old_spec.cluster_ip.clone();
    let wants_ip = type_ != "ExternalName";
    // ClusterIP.
    let mut claimed_ip = None;
    if wants_ip {
        match (spec.cluster_ip.clone(), old_ip.clone()) {
            (None, Some(ip)) => spec.cluster_ip = Some(ip),
            (Some(want), Some(ip)) if want == ip => {}
            (Some(want), Some(_)) => {
                return Err(invalid("Service", &name, format!("spec.clusterIPs[0]: Invalid value: []string{{{}}}: may not change once set", crate::validation::go_quote(&want))));
            }
            (Some(want), None) if want == "None" => {}
            (Some(want), None) if !want.is_empty() => match c.network.claim_cluster_ip(&want) {
                Ok(()) => claimed_ip = Some(want.clone()),
                Err(network::IpError::NotInRange) => {
                    return Err(invalid("Service", &name, format!("spec.clusterIPs: Invalid value: []string{{{}}}: failed to allocate IP {want}: the provided IP ({want}) is not in the valid range. The range of valid IPs is 10.96.0.0/12", crate::validation::go_quote(&want))));
                }
                Err(network::IpError::Allocated) => {
                    return Err(invalid("Service", &name, format!("spec.clusterIPs: Invalid value: []string{{{}}}: failed to allocate IP {want}: provided IP is already allocated", crate::validation::go_quote(&want))));
                }
            },
            _ => {
                spec.cluster_ip = c.network.allocate_cluster_ip(&mut c.rng);
                claimed_ip = spec.cluster_ip.clone();
            }
        }
        spec.cluster_ips = spec.cluster_ip.clone().map(|ip| vec![ip]);
    } else {
        spec.cluster_ip = None;
        spec.cluster_ips = None;
    }
    // NodePorts.
    let wants_ports = type_ == "NodePort"
        || (type_ == "LoadBalancer" && spec.allocate_load_balancer_node_ports != Some(false));
    let old_ports: Vec<i32> = old_spec
        .ports
        .iter()
        .flatten()
        .filter_map(|p| p.node_port)
        .collect();
    let mut fresh = Vec::new();
    let mut failure = None;
    if wants_ports {
        for (i, p) in spec.ports.iter_mut().flatten().enumerate() {
            match p.node_port {
                Some(np) if old_ports.contains(&np) => {}
                Some(np) => {
                    if !(network::NODE_PORT_MIN..=network::NODE_PORT_MAX).contains(&np) {
                        failure = Some(format!("spec.ports[{i}].nodePort: Invalid value: {np}: provided port is not in the valid range. The range of valid ports is 30000-32767"));
                        break;
                    }
                    if !c.network.node_ports.insert(np) {
                        failure = Some(format!("spec.ports[{i}].nodePort: Invalid value: {np}: provided port is already allocated"));
                        break;
                    }
                    fresh.push(np);
                }
                None => {
                    // Keep the port the same port had before.
                    let kept = old_spec
                        .ports
                        .iter()
                        .flatten()
                        .find(|o| o.port == p.port && o.protocol == p.protocol)
                        .and_then(|o| o.node_port);
                    p.node_port = kept.or_else(|| {
                        let np = c.network.allocate_node_port(&mut c.rng);
                        fresh.extend(np);
                        np
                    });
                }
            }
        }
    } else {
        for (i, p) in spec.ports.iter().flatten().enumerate() {
            if p.node_port.is_some() && failure.is_none() {
                failure = Some(format!(
                    "spec.ports[{i}].nodePort: Forbidden: may not be used when `type` is '{type_}'"
                ));
            }
        }
    }
    if let Some(f) = failure {
        for np in fresh {
            c.network.node_ports.remove(&np);
        }
        if let Some(ip) = claimed_ip {
            c.network.release_cluster_ip(&ip);
        }
        return Err(invalid("Service", &name, f));
    }
    // Release what the old version had and the new one does not.
    let new_ports: Vec<i32> = spec
        .ports
        .iter()
        .flatten()
        .filter_map(|p| p.node_port)
        .collect();
    for np in old_ports {
        if !new_ports.contains(&np) {
            c.network.node_ports.remove(&np);
        }
    }
    if let Some(ip) = old_ip {
        if spec.cluster_ip.as_deref() != Some(ip.as_str()) && ip != "None" {
            c.network.release_cluster_ip(&ip);
        }
    }
    new.status = Some(k8s_openapi::api::core::v1::ServiceStatus {
        load_balancer: Some(Default::default()),
        conditions: None,
    });
    Ok(())
}

fn service(out: &mut String, c: &Cluster, s: &Service) {
    let spec = s.spec.clone().unwrap_or_default();
    head(out, &s.metadata);
    labels_annotations(out, &s.metadata);
    let sel: Option<BTreeMap<String, String>> = spec.selector.clone();
    match &sel {
        Some(m) if !m.is_empty() => line(
            out,
            "Selector",
            m.iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(","),
        ),
        _ => line(out, "Selector", "<none>"),
    }
    line(
        out,
        "Type",
        spec.type_.clone().unwrap_or_else(|| "ClusterIP".into()),
    );
    line(
        out,
        "IP Family Policy",
        spec.ip_family_policy
            .clone()
            .unwrap_or_else(|| "SingleStack".into()),
    );
    line(
        out,
        "IP Families",
        spec.ip_families.clone().unwrap_or_default().join(","),
    );
    if let Some(ip) = &spec.cluster_ip {
        line(out, "IP", ip);
        line(out, "IPs", ip);
    }
    if let Some(n) = &spec.external_name {
        line(out, "External Name", n);
    }
    if spec.type_.as_deref() == Some("LoadBalancer") {
        line(out, "LoadBalancer Ingress", "<pending>");
    }
    let ns = s.metadata.namespace.clone().unwrap_or_default();
    let name = s.metadata.name.clone().unwrap_or_default();
    let slices: Vec<&EndpointSlice> = c
        .store
        .endpoint_slices
        .in_namespace(&ns)
        .filter(|e| {
            e.metadata
                .labels
                .as_ref()
                .and_then(|l| l.get("kubernetes.io/service-name"))
                == Some(&name)
        })
        .collect();
    for p in spec.ports.iter().flatten() {
        let pname = p.name.clone().unwrap_or_else(|| "<unset>".into());
        line(
            out,
            "Port",
            format!(
                "{pname}  {}/{}",
                p.port,
                p.protocol.clone().unwrap_or_else(|| "TCP".into())
            ),
        );
        let tp = match &p.target_port {
            Some(IntOrString::Int(n)) => {
                format!("{n}/{}", p.protocol.clone().unwrap_or_else(|| "TCP".into()))
            }
            Some(IntOrString::String(s)) => {
                format!("{s}/{}", p.protocol.clone().unwrap_or_else(|| "TCP".into()))
            }
            None => String::new(),
        };
        line(out, "TargetPort", tp);
        if let Some(np) = p.node_port {
            line(
                out,
                "NodePort",
                format!(
                    "{pname}  {np}/{}",
                    p.protocol.clone().unwrap_or_else(|| "TCP".into())
                ),
            );
        }
        let mut eps: Vec<String> = Vec::new();
        for sl in &slices {
            let port = sl
                .ports
                .iter()
                .flatten()
                .find(|ep| {
                    ep.name.clone().unwrap_or_default() == p.name.clone().unwrap_or_default()
                })
                .and_then(|ep| ep.port);
            if let Some(port) = port {
                for e in &sl.endpoints {
                    if e.conditions.as_ref().and_then(|c| c.ready) == Some(true) {
                        for a in &e.addresses {
                            eps.push(format!("{a}:{port}"));
                        }
                    }
                }
            }
        }
        line(
            out,
            "Endpoints",
            if eps.is_empty() {
                String::new()
            } else {
                eps.join(",")
            },
        );
    }
    line(
        out,
        "Session Affinity",
        spec.session_affinity
            .clone()
            .unwrap_or_else(|| "None".into()),
    );
    if let Some(p) = &spec.external_traffic_policy {
        line(out, "External Traffic Policy", p);
    }
    line(
        out,
        "Internal Traffic Policy",
        spec.internal_traffic_policy
            .clone()
            .unwrap_or_else(|| "Cluster".into()),
    );
}
