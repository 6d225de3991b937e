//! The resource types the simulated API server serves, as discovery lists them to kubectl: a
//! name (plural), its singular, short names, group, version, scope and kind. kubectl finds a type
//! by any of these words, in any case, with an optional `.group` (`deployments.apps`,
//! `deploy`, `Deployment`), as its RESTMapper does.

/// One resource type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Resource {
    pub name: &'static str,
    pub singular: &'static str,
    pub short: &'static [&'static str],
    pub group: &'static str,
    pub version: &'static str,
    pub namespaced: bool,
    pub kind: &'static str,
}

impl Resource {
    /// `deployment.apps`, `pod`: what kubectl prints before a name.
    pub fn prefix(&self) -> String {
        if self.group.is_empty() {
            self.singular.to_string()
        } else {
            format!("{}.{}", self.singular, self.group)
        }
    }

    /// `deployments.apps`, `pods`: how the API server names the type in its messages.
    pub fn qualified(&self) -> String {
        if self.group.is_empty() {
            self.name.to_string()
        } else {
            format!("{}.{}", self.name, self.group)
        }
    }

    pub fn api_version(&self) -> String {
        if self.group.is_empty() {
            self.version.to_string()
        } else {
            format!("{}/{}", self.group, self.version)
        }
    }
}

const fn r(
    name: &'static str,
    singular: &'static str,
    short: &'static [&'static str],
    group: &'static str,
    version: &'static str,
    namespaced: bool,
    kind: &'static str,
) -> Resource {
    Resource {
        name,
        singular,
        short,
        group,
        version,
        namespaced,
        kind,
    }
}

/// Kubernetes 1.33's built-in types that kubeplay keeps, in `kubectl api-resources` order (the
/// core group first, then the groups by name, each by resource name).
pub const RESOURCES: &[Resource] = &[
    r(
        "configmaps",
        "configmap",
        &["cm"],
        "",
        "v1",
        true,
        "ConfigMap",
    ),
    r(
        "endpoints",
        "endpoints",
        &["ep"],
        "",
        "v1",
        true,
        "Endpoints",
    ),
    r("events", "event", &["ev"], "", "v1", true, "Event"),
    r(
        "namespaces",
        "namespace",
        &["ns"],
        "",
        "v1",
        false,
        "Namespace",
    ),
    r("nodes", "node", &["no"], "", "v1", false, "Node"),
    r(
        "persistentvolumeclaims",
        "persistentvolumeclaim",
        &["pvc"],
        "",
        "v1",
        true,
        "PersistentVolumeClaim",
    ),
    r(
        "persistentvolumes",
        "persistentvolume",
        &["pv"],
        "",
        "v1",
        false,
        "PersistentVolume",
    ),
    r("pods", "pod", &["po"], "", "v1", true, "Pod"),
    r(
        "replicationcontrollers",
        "replicationcontroller",
        &["rc"],
        "",
        "v1",
        true,
        "ReplicationController",
    ),
    r("secrets", "secret", &[], "", "v1", true, "Secret"),
    r(
        "serviceaccounts",
        "serviceaccount",
        &["sa"],
        "",
        "v1",
        true,
        "ServiceAccount",
    ),
    r("services", "service", &["svc"], "", "v1", true, "Service"),
    r(
        "daemonsets",
        "daemonset",
        &["ds"],
        "apps",
        "v1",
        true,
        "DaemonSet",
    ),
    r(
        "deployments",
        "deployment",
        &["deploy"],
        "apps",
        "v1",
        true,
        "Deployment",
    ),
    r(
        "replicasets",
        "replicaset",
        &["rs"],
        "apps",
        "v1",
        true,
        "ReplicaSet",
    ),
    r(
        "statefulsets",
        "statefulset",
        &["sts"],
        "apps",
        "v1",
        true,
        "StatefulSet",
    ),
    r(
        "horizontalpodautoscalers",
        "horizontalpodautoscaler",
        &["hpa"],
        "autoscaling",
        "v2",
        true,
        "HorizontalPodAutoscaler",
    ),
    r(
        "cronjobs",
        "cronjob",
        &["cj"],
        "batch",
        "v1",
        true,
        "CronJob",
    ),
    r("jobs", "job", &[], "batch", "v1", true, "Job"),
    r(
        "endpointslices",
        "endpointslice",
        &[],
        "discovery.k8s.io",
        "v1",
        true,
        "EndpointSlice",
    ),
    r(
        "ingresses",
        "ingress",
        &["ing"],
        "networking.k8s.io",
        "v1",
        true,
        "Ingress",
    ),
    r(
        "networkpolicies",
        "networkpolicy",
        &["netpol"],
        "networking.k8s.io",
        "v1",
        true,
        "NetworkPolicy",
    ),
    r(
        "poddisruptionbudgets",
        "poddisruptionbudget",
        &["pdb"],
        "policy",
        "v1",
        true,
        "PodDisruptionBudget",
    ),
    r(
        "clusterrolebindings",
        "clusterrolebinding",
        &[],
        "rbac.authorization.k8s.io",
        "v1",
        false,
        "ClusterRoleBinding",
    ),
    r(
        "clusterroles",
        "clusterrole",
        &[],
        "rbac.authorization.k8s.io",
        "v1",
        false,
        "ClusterRole",
    ),
    r(
        "rolebindings",
        "rolebinding",
        &[],
        "rbac.authorization.k8s.io",
        "v1",
        true,
        "RoleBinding",
    ),
    r(
        "roles",
        "role",
        &[],
        "rbac.authorization.k8s.io",
        "v1",
        true,
        "Role",
    ),
    r(
        "storageclasses",
        "storageclass",
        &["sc"],
        "storage.k8s.io",
        "v1",
        false,
        "StorageClass",
    ),
];

/// What `kubectl get all` lists: the `all` category.
pub const ALL: &[&str] = &[
    "Pod",
    "ReplicationController",
    "Service",
    "DaemonSet",
    "Deployment",
    "ReplicaSet",
    "StatefulSet",
    "HorizontalPodAutoscaler",
    "CronJob",
    "Job",
];

/// The type a word names: `pods`, `pod`, `po`, `Pod`, `deployments.apps`, `deploy.apps`,
/// `deployments.v1.apps`.
pub fn find(word: &str) -> Option<&'static Resource> {
    let w = word.to_ascii_lowercase();
    let (name, group) = match w.split_once('.') {
        Some((n, g)) => (n, Some(g)),
        None => (w.as_str(), None),
    };
    RESOURCES.iter().find(|r| {
        let named = r.name == name
            || r.singular == name
            || r.short.contains(&name)
            || r.kind.eq_ignore_ascii_case(name);
        let in_group = match group {
            None => true,
            Some(g) => {
                g == r.group
                    || g == format!("{}.{}", r.version, r.group)
                    || (r.group.is_empty() && g == r.version)
            }
        };
        named && in_group
    })
}

/// The type of a kind.
pub fn of_kind(kind: &str) -> Option<&'static Resource> {
    RESOURCES.iter().find(|r| r.kind == kind)
}

/// `kubectl api-resources`, with `--namespaced=true|false` when given.
pub fn api_resources(namespaced: Option<bool>, names_only: bool) -> String {
    let list: Vec<&Resource> = RESOURCES
        .iter()
        .filter(|r| namespaced.is_none_or(|n| r.namespaced == n))
        .collect();
    if names_only {
        return list
            .iter()
            .map(|r| {
                if r.group.is_empty() {
                    format!("{}\n", r.name)
                } else {
                    format!("{}.{}\n", r.name, r.group)
                }
            })
            .collect();
    }
    let mut rows = vec![["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"]
        .map(String::from)
        .to_vec()];
    for r in list {
        rows.push(vec![
            r.name.to_string(),
            r.short.join(","),
            r.api_version(),
            r.namespaced.to_string(),
            r.kind.to_string(),
        ]);
    }
    crate::sim::print::columns(&rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_kubectl_takes_for_a_type_finds_it() {
        let cases = [
            ("pods", "Pod"),
            ("pod", "Pod"),
            ("po", "Pod"),
            ("Pod", "Pod"),
            ("PODS", "Pod"),
            ("svc", "Service"),
            ("deploy", "Deployment"),
            ("deployment.apps", "Deployment"),
            ("deployments.apps", "Deployment"),
            ("deployments.v1.apps", "Deployment"),
            ("rs", "ReplicaSet"),
            ("sts", "StatefulSet"),
            ("ds", "DaemonSet"),
            ("pvc", "PersistentVolumeClaim"),
            ("pv", "PersistentVolume"),
            ("cm", "ConfigMap"),
            ("ns", "Namespace"),
            ("no", "Node"),
            ("ep", "Endpoints"),
            ("ing", "Ingress"),
            ("cj", "CronJob"),
            ("sa", "ServiceAccount"),
            ("sc", "StorageClass"),
            ("ev", "Event"),
            ("hpa", "HorizontalPodAutoscaler"),
            ("pdb", "PodDisruptionBudget"),
            ("ingresses.networking.k8s.io", "Ingress"),
            ("pods.v1", "Pod"),
        ];
        for (word, kind) in cases {
            assert_eq!(find(word).map(|r| r.kind), Some(kind), "{word}");
        }
        for word in ["pdos", "deployment.batch", "", "all", "pods.apps"] {
            assert_eq!(find(word), None, "{word}");
        }
    }

    #[test]
    fn every_kind_the_cluster_keeps_has_a_type() {
        for k in crate::sim::registry::KINDS {
            assert!(of_kind(k.kind).is_some(), "{} has no resource type", k.kind);
        }
        for kind in ALL {
            assert!(of_kind(kind).is_some(), "{kind}");
        }
    }

    #[test]
    fn api_resources_prints_discoverys_table() {
        let out = api_resources(None, false);
        let mut lines = out.lines();
        assert_eq!(
            lines.next().unwrap().split_whitespace().collect::<Vec<_>>(),
            ["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"]
        );
        assert!(
            out.contains("deployments                deploy       apps/v1 "),
            "{out}"
        );
        assert!(api_resources(Some(false), true)
            .lines()
            .all(|l| !l.starts_with("pods")));
        assert!(api_resources(Some(false), true).contains("storageclasses.storage.k8s.io\n"));
    }
}
