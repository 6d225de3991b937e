//! The cluster `kind create cluster` makes (with a two-worker config): what exists before anything is
//! applied.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{
    Namespace, NamespaceStatus, Node, NodeAddress, NodeCondition, NodeSpec, NodeStatus,
    NodeSystemInfo, Service, ServiceAccount, ServicePort, ServiceSpec, Taint,
};
use k8s_openapi::api::discovery::v1::{Endpoint, EndpointConditions, EndpointPort, EndpointSlice};
use k8s_openapi::api::storage::v1::StorageClass;
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::{time, Cluster};

pub const CONTROL_PLANE: &str = "kind-control-plane";
pub const KUBELET_VERSION: &str = "v1.33.1";

pub fn bootstrap(c: &mut Cluster) {
    for ns in ["default", "kube-node-lease", "kube-public", "kube-system"] {
        add_namespace(c, ns);
    }
    for (name, control_plane) in [
        (CONTROL_PLANE, true),
        ("kind-worker", false),
        ("kind-worker2", false),
    ] {
        let mut labels = BTreeMap::new();
        if control_plane {
            labels.insert(
                "node-role.kubernetes.io/control-plane".to_string(),
                String::new(),
            );
            labels.insert(
                "node.kubernetes.io/exclude-from-external-load-balancers".to_string(),
                String::new(),
            );
        }
        let mut node = Node {
            metadata: ObjectMeta {
                name: Some(name.into()),
                labels: Some(labels),
                ..Default::default()
            },
            spec: Some(NodeSpec {
                taints: control_plane.then(|| {
                    vec![Taint {
                        key: "node-role.kubernetes.io/control-plane".into(),
                        effect: "NoSchedule".into(),
                        value: None,
                        time_added: None,
                    }]
                }),
                ..Default::default()
            }),
            status: None,
        };
        c.created_meta(&mut node.metadata, false);
        complete_node(c, &mut node);
        c.store.put(node);
    }
    // The API server's own Service and its endpoints.
    let mut svc = Service {
        metadata: ObjectMeta {
            name: Some("kubernetes".into()),
            namespace: Some("default".into()),
            labels: Some(
                [("component", "apiserver"), ("provider", "kubernetes")]
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
            ),
            ..Default::default()
        },
        spec: Some(ServiceSpec {
            cluster_ip: Some("10.96.0.1".into()),
            cluster_ips: Some(vec!["10.96.0.1".into()]),
            ports: Some(vec![ServicePort {
                name: Some("https".into()),
                port: 443,
                protocol: Some("TCP".into()),
                target_port: Some(IntOrString::Int(6443)),
                ..Default::default()
            }]),
            ..Default::default()
        }),
        status: None,
    };
    if let Some(spec) = svc.spec.as_mut() {
        super::defaults::service_spec(spec);
    }
    let _ = c.network.claim_cluster_ip("10.96.0.1");
    c.created_meta(&mut svc.metadata, false);
    c.store.put(svc);
    let api_ip = c.network.node_ip(CONTROL_PLANE);
    let mut slice = EndpointSlice {
        metadata: ObjectMeta {
            name: Some("kubernetes".into()),
            namespace: Some("default".into()),
            labels: Some(
                [
                    ("kubernetes.io/service-name", "kubernetes"),
                    (
                        "endpointslice.kubernetes.io/managed-by",
                        "endpointslicemirroring-controller.k8s.io",
                    ),
                ]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            ),
            ..Default::default()
        },
        address_type: "IPv4".into(),
        endpoints: vec![Endpoint {
            addresses: vec![api_ip],
            conditions: Some(EndpointConditions {
                ready: Some(true),
                serving: Some(true),
                terminating: Some(false),
            }),
            ..Default::default()
        }],
        ports: Some(vec![EndpointPort {
            name: Some("https".into()),
            port: Some(6443),
            protocol: Some("TCP".into()),
            app_protocol: None,
        }]),
    };
    c.created_meta(&mut slice.metadata, false);
    c.store.put(slice);
    // kind's default StorageClass.
    let mut class = StorageClass {
        metadata: ObjectMeta {
            name: Some("standard".into()),
            annotations: Some(
                [(
                    super::storage::ANN_DEFAULT_CLASS.to_string(),
                    "true".to_string(),
                )]
                .into(),
            ),
            ..Default::default()
        },
        provisioner: "rancher.io/local-path".into(),
        reclaim_policy: Some("Delete".into()),
        volume_binding_mode: Some("WaitForFirstConsumer".into()),
        ..Default::default()
    };
    c.created_meta(&mut class.metadata, false);
    c.store.put(class);
}

pub fn add_namespace(c: &mut Cluster, name: &str) {
    let mut ns = Namespace {
        metadata: ObjectMeta {
            name: Some(name.into()),
            ..Default::default()
        },
        spec: None,
        status: None,
    };
    c.created_meta(&mut ns.metadata, false);
    complete_namespace(&mut ns);
    c.store.put(ns);
    add_service_account(c, name);
}

/// The label and status every Namespace gets.
pub fn complete_namespace(ns: &mut Namespace) {
    let name = ns.metadata.name.clone().unwrap_or_default();
    ns.metadata
        .labels
        .get_or_insert_with(BTreeMap::new)
        .insert("kubernetes.io/metadata.name".into(), name);
    ns.spec
        .get_or_insert_with(|| k8s_openapi::api::core::v1::NamespaceSpec {
            finalizers: Some(vec!["kubernetes".into()]),
        });
    ns.status = Some(NamespaceStatus {
        phase: Some("Active".into()),
        conditions: None,
    });
}

/// The ServiceAccount controller's `default` account.
pub fn add_service_account(c: &mut Cluster, ns: &str) {
    if c.store.get::<ServiceAccount>(ns, "default").is_some() {
        return;
    }
    let mut sa = ServiceAccount {
        metadata: ObjectMeta {
            name: Some("default".into()),
            namespace: Some(ns.into()),
            ..Default::default()
        },
        ..Default::default()
    };
    c.created_meta(&mut sa.metadata, false);
    c.store.put(sa);
}

fn q(s: &str) -> Quantity {
    Quantity(s.into())
}

/// Fills what a kubelet reports about its node: labels, addresses, capacity, conditions. Values the
/// manifest gives (capacity, allocatable, labels) are kept.
pub fn complete_node(c: &mut Cluster, node: &mut Node) {
    let name = node.metadata.name.clone().unwrap_or_default();
    let labels = node.metadata.labels.get_or_insert_with(BTreeMap::new);
    for (k, v) in [
        ("beta.kubernetes.io/arch", "amd64"),
        ("beta.kubernetes.io/os", "linux"),
        ("kubernetes.io/arch", "amd64"),
        ("kubernetes.io/os", "linux"),
    ] {
        labels.entry(k.into()).or_insert_with(|| v.into());
    }
    labels
        .entry("kubernetes.io/hostname".into())
        .or_insert_with(|| name.clone());
    let cidr = c.network.pod_cidr(&name);
    let spec = node.spec.get_or_insert_with(NodeSpec::default);
    spec.pod_cidr.get_or_insert_with(|| cidr.clone());
    spec.pod_cidrs.get_or_insert_with(|| vec![cidr]);
    spec.provider_id
        .get_or_insert_with(|| format!("kind://docker/kind/{name}"));
    let ip = c.network.node_ip(&name);
    let status = node.status.get_or_insert_with(NodeStatus::default);
    let capacity = status.capacity.get_or_insert_with(BTreeMap::new);
    for (k, v) in [
        ("cpu", "4"),
        ("memory", "8Gi"),
        ("pods", "110"),
        ("ephemeral-storage", "100Gi"),
        ("hugepages-2Mi", "0"),
    ] {
        capacity.entry(k.into()).or_insert_with(|| q(v));
    }
    let capacity = capacity.clone();
    let allocatable = status.allocatable.get_or_insert_with(BTreeMap::new);
    for (k, v) in capacity {
        allocatable.entry(k).or_insert(v);
    }
    if status.addresses.is_none() {
        status.addresses = Some(vec![
            NodeAddress {
                type_: "InternalIP".into(),
                address: ip,
            },
            NodeAddress {
                type_: "Hostname".into(),
                address: name.clone(),
            },
        ]);
    }
    if status.conditions.is_none() {
        let t = time::time(c.now());
        let cond = |type_: &str, status: &str, reason: &str, message: &str| NodeCondition {
            type_: type_.into(),
            status: status.into(),
            reason: Some(reason.into()),
            message: Some(message.into()),
            last_heartbeat_time: Some(t.clone()),
            last_transition_time: Some(t.clone()),
        };
        status.conditions = Some(vec![
            cond(
                "MemoryPressure",
                "False",
                "KubeletHasSufficientMemory",
                "kubelet has sufficient memory available",
            ),
            cond(
                "DiskPressure",
                "False",
                "KubeletHasNoDiskPressure",
                "kubelet has no disk pressure",
            ),
            cond(
                "PIDPressure",
                "False",
                "KubeletHasSufficientPID",
                "kubelet has sufficient PID available",
            ),
            cond(
                "Ready",
                "True",
                "KubeletReady",
                "kubelet is posting ready status",
            ),
        ]);
    }
    status.node_info.get_or_insert_with(|| NodeSystemInfo {
        architecture: "amd64".into(),
        boot_id: String::new(),
        container_runtime_version: "containerd://2.1.1".into(),
        kernel_version: "6.8.0".into(),
        kube_proxy_version: String::new(),
        kubelet_version: KUBELET_VERSION.into(),
        machine_id: String::new(),
        operating_system: "linux".into(),
        os_image: "Debian GNU/Linux 12 (bookworm)".into(),
        system_uuid: String::new(),
        swap: None,
    });
}
