//! EndpointSlices, written by the EndpointSlice controller: printing (printEndpointSlice,
//! describeEndpointSlice).

use std::fmt::Write;

use k8s_openapi::api::discovery::v1::EndpointSlice;

use super::{Printer, Strategy};
use crate::sim::print::describe::{head, labels_annotations, line};
use crate::sim::print::{age, Tone};
use crate::sim::Cluster;

impl Strategy for EndpointSlice {}

impl Printer for EndpointSlice {
    const RESOURCE: &'static str = "endpointslices.discovery.k8s.io";
    const PREFIX: &'static str = "endpointslice.discovery.k8s.io";
    const HEADERS: &'static [&'static str] = &["NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE"];

    fn row(&self, c: &Cluster) -> (Vec<String>, Tone) {
        let s = self;
        let now = c.now();
        let ports: Vec<String> = s
            .ports
            .iter()
            .flatten()
            .filter_map(|p| p.port.map(|n| n.to_string()))
            .collect();
        let addrs: Vec<String> = s
            .endpoints
            .iter()
            .flat_map(|e| e.addresses.iter().cloned())
            .collect();
        let endpoints = if addrs.is_empty() {
            "<none>".into()
        } else if addrs.len() > 3 {
            format!("{} + {} more...", addrs[..3].join(","), addrs.len() - 3)
        } else {
            addrs.join(",")
        };
        let ready = s
            .endpoints
            .iter()
            .filter(|e| e.conditions.as_ref().and_then(|c| c.ready) == Some(true))
            .count();
        (
            vec![
                s.metadata.name.clone().unwrap_or_default(),
                s.address_type.clone(),
                if ports.is_empty() {
                    "<unset>".into()
                } else {
                    ports.join(",")
                },
                endpoints,
                age(s.metadata.creation_timestamp.as_ref(), now),
            ],
            if ready > 0 { Tone::Ok } else { Tone::Progress },
        )
    }

    fn describe(&self, out: &mut String, c: &Cluster) {
        let _ = c;
        endpoint_slice(out, self);
    }
}

fn endpoint_slice(out: &mut String, s: &EndpointSlice) {
    head(out, &s.metadata);
    labels_annotations(out, &s.metadata);
    line(out, "AddressType", &s.address_type);
    out.push_str("Ports:\n");
    for p in s.ports.iter().flatten() {
        let _ = writeln!(
            out,
            "  Name: {}  Port: {}  Protocol: {}",
            p.name.clone().unwrap_or_else(|| "<unset>".into()),
            p.port
                .map(|p| p.to_string())
                .unwrap_or_else(|| "<unset>".into()),
            p.protocol.clone().unwrap_or_default()
        );
    }
    out.push_str("Endpoints:\n");
    for e in &s.endpoints {
        let cond = e.conditions.clone().unwrap_or_default();
        let _ = writeln!(out, "  - Addresses:  {}", e.addresses.join(","));
        let _ = writeln!(
            out,
            "    Conditions:\n      Ready:    {}\n      Serving:  {}\n      Terminating:  {}",
            cond.ready.unwrap_or(false),
            cond.serving.unwrap_or(false),
            cond.terminating.unwrap_or(false)
        );
        if let Some(h) = &e.hostname {
            let _ = writeln!(out, "    Hostname:   {h}");
        }
        if let Some(r) = &e.target_ref {
            let _ = writeln!(
                out,
                "    TargetRef:  Pod/{}",
                r.name.clone().unwrap_or_default()
            );
        }
        if let Some(n) = &e.node_name {
            let _ = writeln!(out, "    NodeName:   {n}");
        }
    }
}
