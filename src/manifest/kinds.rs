//! The kinds kubeplay knows as typed k8s-openapi objects (Kubernetes 1.33 API), and their scope.

use k8s_openapi::api::core::v1::PodTemplateSpec;
use k8s_openapi::api::{
    apps::v1 as apps, autoscaling::v2 as autoscaling, batch::v1 as batch, core::v1 as core,
    networking::v1 as networking, policy::v1 as policy, rbac::v1 as rbac, storage::v1 as storage,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;

use super::de::{decode, DecodeError, UnknownField};
use super::yaml::Node;

macro_rules! kinds {
    ($($kind:ident: $ty:ty = $gv:literal, $namespaced:literal;)*) => {
        /// A typed object of a known kind.
        #[derive(Clone, Debug)]
        pub enum Typed {
            $($kind(Box<$ty>),)*
        }

        impl Typed {
            /// The typed object itself, for code that handles one kind generically.
            pub fn as_any(&self) -> &dyn std::any::Any {
                match self {
                    $(Typed::$kind(v) => &**v,)*
                }
            }

            /// The object as JSON, as it would be sent to the API server.
            pub fn to_json(&self) -> serde_json::Value {
                match self {
                    $(Typed::$kind(v) => serde_json::to_value(&**v),)*
                }
                .unwrap_or(serde_json::Value::Null)
            }
        }

        /// Every known (apiVersion, kind, namespaced).
        pub const KNOWN: &[(&str, &str, bool)] = &[$(($gv, stringify!($kind), $namespaced),)*];

        /// Decodes a node whose apiVersion and kind name a known type; None for any other kind.
        pub fn decode_typed(api_version: &str, kind: &str, node: &Node)
            -> Option<(Result<Typed, DecodeError>, Vec<UnknownField>)> {
            match (api_version, kind) {
                $(($gv, stringify!($kind)) => {
                    let (r, unknown) = decode::<$ty>(node);
                    Some((r.map(|v| Typed::$kind(Box::new(v))), unknown))
                })*
                _ => None,
            }
        }
    };
}

kinds! {
    Pod: core::Pod = "v1", true;
    Service: core::Service = "v1", true;
    ConfigMap: core::ConfigMap = "v1", true;
    Secret: core::Secret = "v1", true;
    PersistentVolume: core::PersistentVolume = "v1", false;
    PersistentVolumeClaim: core::PersistentVolumeClaim = "v1", true;
    Namespace: core::Namespace = "v1", false;
    ServiceAccount: core::ServiceAccount = "v1", true;
    Node: core::Node = "v1", false;
    ReplicationController: core::ReplicationController = "v1", true;
    Deployment: apps::Deployment = "apps/v1", true;
    ReplicaSet: apps::ReplicaSet = "apps/v1", true;
    StatefulSet: apps::StatefulSet = "apps/v1", true;
    DaemonSet: apps::DaemonSet = "apps/v1", true;
    Job: batch::Job = "batch/v1", true;
    CronJob: batch::CronJob = "batch/v1", true;
    Ingress: networking::Ingress = "networking.k8s.io/v1", true;
    NetworkPolicy: networking::NetworkPolicy = "networking.k8s.io/v1", true;
    StorageClass: storage::StorageClass = "storage.k8s.io/v1", false;
    Role: rbac::Role = "rbac.authorization.k8s.io/v1", true;
    ClusterRole: rbac::ClusterRole = "rbac.authorization.k8s.io/v1", false;
    RoleBinding: rbac::RoleBinding = "rbac.authorization.k8s.io/v1", true;
    ClusterRoleBinding: rbac::ClusterRoleBinding = "rbac.authorization.k8s.io/v1", false;
    HorizontalPodAutoscaler: autoscaling::HorizontalPodAutoscaler = "autoscaling/v2", true;
    PodDisruptionBudget: policy::PodDisruptionBudget = "policy/v1", true;
}

/// API groups served by a plain Kubernetes cluster: a kind there that kubeplay does not know is a typo,
/// not a custom resource.
pub const BUILTIN_GROUP_VERSIONS: &[&str] = &[
    "v1",
    "apps/v1",
    "batch/v1",
    "networking.k8s.io/v1",
    "storage.k8s.io/v1",
    "rbac.authorization.k8s.io/v1",
    "autoscaling/v1",
    "autoscaling/v2",
    "policy/v1",
];

/// Kinds that exist in a plain cluster but that kubeplay keeps without a typed model.
pub const UNTYPED_BUILTIN: &[(&str, &str)] = &[
    ("v1", "Endpoints"),
    ("v1", "LimitRange"),
    ("v1", "ResourceQuota"),
    ("v1", "PodTemplate"),
    ("v1", "Event"),
    ("v1", "Binding"),
    ("v1", "ComponentStatus"),
    ("autoscaling/v1", "HorizontalPodAutoscaler"),
    ("apps/v1", "ControllerRevision"),
    ("networking.k8s.io/v1", "IngressClass"),
    ("storage.k8s.io/v1", "CSIDriver"),
    ("storage.k8s.io/v1", "CSINode"),
    ("storage.k8s.io/v1", "VolumeAttachment"),
    ("storage.k8s.io/v1", "CSIStorageCapacity"),
];

/// Is an object of this apiVersion and kind namespaced? Unknown kinds are assumed to be.
pub fn is_namespaced(api_version: &str, kind: &str) -> bool {
    KNOWN
        .iter()
        .find(|(gv, k, _)| *gv == api_version && *k == kind)
        .is_none_or(|(_, _, ns)| *ns)
        && !matches!(
            kind,
            "CustomResourceDefinition"
                | "IngressClass"
                | "PriorityClass"
                | "CSIDriver"
                | "APIService"
        )
}

impl Typed {
    /// The Pod template of a workload (for a CronJob, that of its Job template).
    pub fn pod_template(&self) -> Option<&PodTemplateSpec> {
        match self {
            Typed::Deployment(d) => d.spec.as_ref().map(|s| &s.template),
            Typed::ReplicaSet(r) => r.spec.as_ref().and_then(|s| s.template.as_ref()),
            Typed::StatefulSet(s) => s.spec.as_ref().map(|s| &s.template),
            Typed::DaemonSet(d) => d.spec.as_ref().map(|s| &s.template),
            Typed::Job(j) => j.spec.as_ref().map(|s| &s.template),
            Typed::CronJob(c) => c
                .spec
                .as_ref()
                .and_then(|s| s.job_template.spec.as_ref())
                .map(|s| &s.template),
            Typed::ReplicationController(r) => r.spec.as_ref().and_then(|s| s.template.as_ref()),
            _ => None,
        }
    }

    /// The workload's own selector, as written.
    pub fn selector(&self) -> Option<&LabelSelector> {
        match self {
            Typed::Deployment(d) => d.spec.as_ref().map(|s| &s.selector),
            Typed::ReplicaSet(r) => r.spec.as_ref().map(|s| &s.selector),
            Typed::StatefulSet(s) => s.spec.as_ref().map(|s| &s.selector),
            Typed::DaemonSet(d) => d.spec.as_ref().map(|s| &s.selector),
            Typed::Job(j) => j.spec.as_ref().and_then(|s| s.selector.as_ref()),
            _ => None,
        }
    }

    /// How many Pods the workload asks for, as the manifest says (defaults applied).
    pub fn desired_pods(&self) -> Option<i32> {
        match self {
            Typed::Deployment(d) => Some(d.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1)),
            Typed::ReplicaSet(r) => Some(r.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1)),
            Typed::StatefulSet(s) => Some(s.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1)),
            Typed::ReplicationController(r) => {
                Some(r.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1))
            }
            Typed::Job(j) => Some(j.spec.as_ref().and_then(|s| s.parallelism).unwrap_or(1)),
            Typed::CronJob(c) => Some(
                c.spec
                    .as_ref()
                    .and_then(|s| s.job_template.spec.as_ref())
                    .and_then(|s| s.parallelism)
                    .unwrap_or(1),
            ),
            _ => None,
        }
    }
}
