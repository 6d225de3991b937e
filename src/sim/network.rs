//! Addresses: Service ClusterIPs from 10.96.0.0/12, NodePorts from 30000-32767, and Pod IPs from each
//! node's /24 of 10.244.0.0/16, all chosen deterministically.

use std::collections::{BTreeMap, BTreeSet};

use super::rand::Rng;

/// The first address of the service range, 10.96.0.0.
const SERVICE_BASE: u32 = (10 << 24) | (96 << 16);
/// A /12: 2^20 addresses.
const SERVICE_SIZE: u32 = 1 << 20;
/// Addresses below this offset are left for Services that ask for a specific IP, as the API server's
/// allocator keeps the lower band of the range for static allocation.
const STATIC_BAND: u32 = 256;
pub const NODE_PORT_MIN: i32 = 30000;
pub const NODE_PORT_MAX: i32 = 32767;

#[derive(Clone, Debug, Default)]
pub struct Network {
    pub cluster_ips: BTreeSet<u32>,
    pub node_ports: BTreeSet<i32>,
    /// Per node: its index (for the Pod CIDR) and the next host number to try.
    pub nodes: BTreeMap<String, (u32, u32)>,
    pub pod_ips: BTreeSet<u32>,
}

pub fn format_ip(ip: u32) -> String {
    format!(
        "{}.{}.{}.{}",
        ip >> 24,
        (ip >> 16) & 255,
        (ip >> 8) & 255,
        ip & 255
    )
}

pub fn parse_ip(s: &str) -> Option<u32> {
    let parts: Vec<u32> = s
        .split('.')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    if parts.len() != 4 || parts.iter().any(|&p| p > 255) {
        return None;
    }
    Some((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3])
}

/// Why a requested ClusterIP cannot be used, worded as the API server words it.
pub enum IpError {
    NotInRange,
    Allocated,
}

impl Network {
    pub fn allocate_cluster_ip(&mut self, rng: &mut Rng) -> Option<String> {
        if self.cluster_ips.len() as u32 >= SERVICE_SIZE - STATIC_BAND - 2 {
            return None;
        }
        loop {
            let off = STATIC_BAND + rng.below(u64::from(SERVICE_SIZE - STATIC_BAND - 1)) as u32;
            let ip = SERVICE_BASE + off;
            if self.cluster_ips.insert(ip) {
                return Some(format_ip(ip));
            }
        }
    }

    pub fn claim_cluster_ip(&mut self, s: &str) -> Result<(), IpError> {
        let ip = parse_ip(s).ok_or(IpError::NotInRange)?;
        if !(SERVICE_BASE + 1..SERVICE_BASE + SERVICE_SIZE - 1).contains(&ip) {
            return Err(IpError::NotInRange);
        }
        if !self.cluster_ips.insert(ip) {
            return Err(IpError::Allocated);
        }
        Ok(())
    }

    pub fn release_cluster_ip(&mut self, s: &str) {
        if let Some(ip) = parse_ip(s) {
            self.cluster_ips.remove(&ip);
        }
    }

    pub fn allocate_node_port(&mut self, rng: &mut Rng) -> Option<i32> {
        let size = (NODE_PORT_MAX - NODE_PORT_MIN + 1) as usize;
        if self.node_ports.len() >= size {
            return None;
        }
        loop {
            let p = NODE_PORT_MIN + rng.below(size as u64) as i32;
            if self.node_ports.insert(p) {
                return Some(p);
            }
        }
    }

    /// The index of a node, for its Pod CIDR and address, given on first sight.
    pub fn node_index(&mut self, node: &str) -> u32 {
        let next = self.nodes.len() as u32;
        self.nodes.entry(node.to_string()).or_insert((next, 2)).0
    }

    /// `10.244.<i>.0/24`.
    pub fn pod_cidr(&mut self, node: &str) -> String {
        let i = self.node_index(node);
        format!("10.{}.{}.0/24", 244 + i / 256, i % 256)
    }

    /// The node's address on the kind network, `172.18.0.<i+2>`.
    pub fn node_ip(&mut self, node: &str) -> String {
        let i = self.node_index(node);
        format!(
            "172.{}.{}.{}",
            18 + (i + 2) / 65536,
            ((i + 2) / 256) % 256,
            (i + 2) % 256
        )
    }

    /// The next free Pod IP on a node, handed out in order as the host-local IPAM plugin does.
    pub fn allocate_pod_ip(&mut self, node: &str) -> Option<String> {
        let i = self.node_index(node);
        let base = (10 << 24) | ((244 + i / 256) << 16) | ((i % 256) << 8);
        let entry = self.nodes.get_mut(node)?;
        for _ in 0..253 {
            let host = entry.1;
            entry.1 = if host >= 254 { 2 } else { host + 1 };
            if self.pod_ips.insert(base + host) {
                return Some(format_ip(base + host));
            }
        }
        None
    }

    pub fn release_pod_ip(&mut self, s: &str) {
        if let Some(ip) = parse_ip(s) {
            self.pod_ips.remove(&ip);
        }
    }
}
