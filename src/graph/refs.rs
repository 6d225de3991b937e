//! What a Pod's spec names besides itself: the ConfigMaps and Secrets it reads, the claims it
//! mounts and its ServiceAccount, each with the field path that names it (as the API server
//! writes paths: `spec.containers[0].envFrom[1].configMapRef`).

use k8s_openapi::api::core::v1::{Container, PodSpec};

use super::{Graph, Link, Node};

/// One object a Pod spec names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ref {
    pub kind: &'static str,
    pub name: String,
    /// The field that names it.
    pub path: String,
    /// `optional: true`: the Pod starts without it.
    pub optional: bool,
}

/// Every object `spec` names, in field order; `prefix` is where the spec is (`spec`, or
/// `spec.template.spec` in a workload).
pub fn pod_refs(spec: &PodSpec, prefix: &str) -> Vec<Ref> {
    let mut out = Vec::new();
    let mut push = |kind, name: &Option<String>, path: String, optional: Option<bool>| {
        if let Some(name) = name.as_deref().filter(|n| !n.is_empty()) {
            out.push(Ref {
                kind,
                name: name.to_string(),
                path,
                optional: optional.unwrap_or(false),
            });
        }
    };
    let groups: [(&str, &[Container]); 2] = [
        (
            "initContainers",
            spec.init_containers.as_deref().unwrap_or(&[]),
        ),
        ("containers", &spec.containers),
    ];
    for (field, containers) in groups {
        for (i, c) in containers.iter().enumerate() {
            let at = format!("{prefix}.{field}[{i}]");
            for (j, e) in c.env.iter().flatten().enumerate() {
                let Some(from) = &e.value_from else { continue };
                if let Some(r) = &from.config_map_key_ref {
                    let name = Some(r.name.clone());
                    push(
                        "ConfigMap",
                        &name,
                        format!("{at}.env[{j}].valueFrom.configMapKeyRef"),
                        r.optional,
                    );
                }
                if let Some(r) = &from.secret_key_ref {
                    let name = Some(r.name.clone());
                    push(
                        "Secret",
                        &name,
                        format!("{at}.env[{j}].valueFrom.secretKeyRef"),
                        r.optional,
                    );
                }
            }
            for (j, e) in c.env_from.iter().flatten().enumerate() {
                if let Some(r) = &e.config_map_ref {
                    let name = Some(r.name.clone());
                    push(
                        "ConfigMap",
                        &name,
                        format!("{at}.envFrom[{j}].configMapRef"),
                        r.optional,
                    );
                }
                if let Some(r) = &e.secret_ref {
                    let name = Some(r.name.clone());
                    push(
                        "Secret",
                        &name,
                        format!("{at}.envFrom[{j}].secretRef"),
                        r.optional,
                    );
                }
            }
        }
    }
    for (i, v) in spec.volumes.iter().flatten().enumerate() {
        let at = format!("{prefix}.volumes[{i}]");
        if let Some(cm) = &v.config_map {
            let name = Some(cm.name.clone());
            push("ConfigMap", &name, format!("{at}.configMap"), cm.optional);
        }
        if let Some(s) = &v.secret {
            push("Secret", &s.secret_name, format!("{at}.secret"), s.optional);
        }
        if let Some(c) = &v.persistent_volume_claim {
            let name = Some(c.claim_name.clone());
            push(
                "PersistentVolumeClaim",
                &name,
                format!("{at}.persistentVolumeClaim.claimName"),
                None,
            );
        }
        if let Some(p) = &v.projected {
            for (j, s) in p.sources.iter().flatten().enumerate() {
                if let Some(cm) = &s.config_map {
                    let name = Some(cm.name.clone());
                    push(
                        "ConfigMap",
                        &name,
                        format!("{at}.projected.sources[{j}].configMap"),
                        cm.optional,
                    );
                }
                if let Some(sec) = &s.secret {
                    let name = Some(sec.name.clone());
                    push(
                        "Secret",
                        &name,
                        format!("{at}.projected.sources[{j}].secret"),
                        sec.optional,
                    );
                }
            }
        }
    }
    for (i, s) in spec.image_pull_secrets.iter().flatten().enumerate() {
        let name = Some(s.name.clone());
        push(
            "Secret",
            &name,
            format!("{prefix}.imagePullSecrets[{i}]"),
            None,
        );
    }
    // Every Pod runs as `default` unless it says otherwise: only a named one is drawn.
    let sa = spec
        .service_account_name
        .clone()
        .or_else(|| spec.service_account.clone())
        .filter(|n| n != "default");
    push(
        "ServiceAccount",
        &sa,
        format!("{prefix}.serviceAccountName"),
        None,
    );
    out
}

/// The Services an Ingress sends to: (service, field path, port as written).
pub fn ingress_backends(ingress: &serde_json::Value) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut push = |b: &serde_json::Value, path: String| {
        let Some(svc) = b.get("service") else { return };
        let Some(name) = svc.get("name").and_then(|n| n.as_str()) else {
            return;
        };
        let port = svc
            .pointer("/port/number")
            .map(|n| n.to_string())
            .or_else(|| {
                svc.pointer("/port/name")
                    .and_then(|n| n.as_str())
                    .map(str::to_string)
            })
            .unwrap_or_default();
        out.push((name.to_string(), format!("{path}.service"), port));
    };
    if let Some(b) = ingress.pointer("/spec/defaultBackend") {
        push(b, "spec.defaultBackend".into());
    }
    let rules = ingress.pointer("/spec/rules").and_then(|r| r.as_array());
    for (i, rule) in rules.into_iter().flatten().enumerate() {
        let paths = rule.pointer("/http/paths").and_then(|p| p.as_array());
        for (j, p) in paths.into_iter().flatten().enumerate() {
            if let Some(b) = p.get("backend") {
                push(b, format!("spec.rules[{i}].http.paths[{j}].backend"));
            }
        }
    }
    out
}

/// What a RoleBinding or ClusterRoleBinding joins: its roleRef as (kind, namespace, name) and
/// each subject as (kind, namespace, name, field path). `ns` is the binding's own namespace
/// (empty for a ClusterRoleBinding): a Role is found there, a ClusterRole cluster-wide.
pub type Named = (String, String, String);

pub fn binding_refs(
    binding: &serde_json::Value,
    ns: &str,
) -> (Option<Named>, Vec<(Named, String)>) {
    let text = |v: &serde_json::Value, k: &str| {
        v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string()
    };
    let role = binding.get("roleRef").and_then(|r| {
        let kind = text(r, "kind");
        let name = text(r, "name");
        if name.is_empty() {
            return None;
        }
        let at = if kind == "Role" {
            ns.to_string()
        } else {
            String::new()
        };
        Some((kind, at, name))
    });
    let subjects = binding.get("subjects").and_then(|s| s.as_array());
    let subjects = subjects
        .into_iter()
        .flatten()
        .enumerate()
        .filter_map(|(i, s)| {
            let kind = text(s, "kind");
            let name = text(s, "name");
            if name.is_empty() {
                return None;
            }
            // Users and Groups are no objects in the cluster: they have no namespace.
            let at = if kind == "ServiceAccount" {
                Some(text(s, "namespace"))
                    .filter(|n| !n.is_empty())
                    .unwrap_or_else(|| ns.to_string())
            } else {
                String::new()
            };
            Some(((kind, at, name), format!("subjects[{i}]")))
        })
        .collect();
    (role, subjects)
}

/// How a builder finds a ServiceAccount by (namespace, name): it knows which exist.
pub type Accounts<'a> = &'a mut dyn FnMut(&mut Graph, &str, &str) -> Option<usize>;

/// The links both builders draw the same way from what an object names; each builder says only
/// which ServiceAccounts exist.
impl Graph {
    /// A Pod (or a template's stack) to what its spec names: a missing ConfigMap, Secret or claim
    /// as a ghost unless it is optional.
    pub fn link_pod_spec(
        &mut self,
        from: usize,
        ns: &str,
        spec: &PodSpec,
        prefix: &str,
        account: Accounts,
    ) {
        for r in pod_refs(spec, prefix) {
            let (to, link) = match r.kind {
                "ServiceAccount" => (account(self, ns, &r.name), Link::Uses),
                "PersistentVolumeClaim" if r.optional => {
                    (self.find(r.kind, ns, &r.name), Link::Claims)
                }
                "PersistentVolumeClaim" => (self.named(r.kind, ns, &r.name), Link::Claims),
                kind if r.optional => (self.find(kind, ns, &r.name), Link::Reads),
                kind => (self.named(kind, ns, &r.name), Link::Reads),
            };
            if let Some(to) = to {
                self.link(from, to, link, r.path);
            }
        }
    }

    /// An Ingress to each Service its rules and default backend send to.
    pub fn link_ingress(&mut self, from: usize, ns: &str, ingress: &serde_json::Value) {
        for (svc, path, port) in ingress_backends(ingress) {
            if let Some(to) = self.named("Service", ns, &svc) {
                let port = if port.is_empty() {
                    String::new()
                } else {
                    format!(" port {port}")
                };
                self.link(from, to, Link::Routes, format!("{path}{port}"));
            }
        }
    }

    /// A RoleBinding or ClusterRoleBinding to its role and its subjects (Users and Groups are
    /// nodes of their own, never ghosts: the cluster has no such objects).
    pub fn link_binding(
        &mut self,
        from: usize,
        ns: &str,
        binding: &serde_json::Value,
        account: Accounts,
    ) {
        let (role, subjects) = binding_refs(binding, ns);
        if let Some((rk, rns, rn)) = role {
            if let Some(to) = self.named(&rk, &rns, &rn) {
                self.link(from, to, Link::Grants, "roleRef");
            }
        }
        for ((sk, sns, sn), path) in subjects {
            let to = if sk == "ServiceAccount" {
                account(self, &sns, &sn)
            } else {
                self.add(Node::new(&sk, "", &sn))
            };
            if let Some(to) = to {
                self.link(from, to, Link::Binding, path);
            }
        }
    }

    /// A claim to the volume its `spec.volumeName` names.
    pub fn link_volume(&mut self, claim: usize, volume: Option<&str>) {
        if let Some(pv) = volume.filter(|v| !v.is_empty()) {
            if let Some(to) = self.named("PersistentVolume", "", pv) {
                self.link(claim, to, Link::Binds, format!("spec.volumeName {pv}"));
            }
        }
    }

    /// A volume's StorageClass to the volume, when the class exists.
    pub fn link_class(&mut self, volume: usize, class: Option<&str>) {
        if let Some(class) = class.filter(|c| !c.is_empty()) {
            if let Some(sc) = self.find("StorageClass", "", class) {
                self.link(
                    sc,
                    volume,
                    Link::Provisions,
                    format!("spec.storageClassName {class}"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(yaml: &str) -> PodSpec {
        let v: serde_json::Value = serde_json::from_str(yaml).unwrap();
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn every_place_a_pod_names_an_object_is_found_with_its_field_path() {
        let s = spec(
            r#"{"containers":[{"name":"a","env":[{"name":"X","value":"1"},
                {"name":"Y","valueFrom":{"configMapKeyRef":{"name":"cfg","key":"y"}}},
                {"name":"Z","valueFrom":{"secretKeyRef":{"name":"pw","key":"z","optional":true}}}],
              "envFrom":[{"configMapRef":{"name":"all"}},{"secretRef":{"name":"tok"}}]}],
              "initContainers":[{"name":"i","envFrom":[{"configMapRef":{"name":"init"}}]}],
              "volumes":[{"name":"d","persistentVolumeClaim":{"claimName":"data"}},
                {"name":"c","configMap":{"name":"files"}},{"name":"s","secret":{"secretName":"certs"}},
                {"name":"p","projected":{"sources":[{"configMap":{"name":"proj"}}]}}],
              "imagePullSecrets":[{"name":"regcred"}],
              "serviceAccountName":"builder"}"#,
        );
        let got: Vec<(&str, String, String, bool)> = pod_refs(&s, "spec")
            .into_iter()
            .map(|r| (r.kind, r.name, r.path, r.optional))
            .collect();
        let want = [
            (
                "ConfigMap",
                "init",
                "spec.initContainers[0].envFrom[0].configMapRef",
                false,
            ),
            (
                "ConfigMap",
                "cfg",
                "spec.containers[0].env[1].valueFrom.configMapKeyRef",
                false,
            ),
            (
                "Secret",
                "pw",
                "spec.containers[0].env[2].valueFrom.secretKeyRef",
                true,
            ),
            (
                "ConfigMap",
                "all",
                "spec.containers[0].envFrom[0].configMapRef",
                false,
            ),
            (
                "Secret",
                "tok",
                "spec.containers[0].envFrom[1].secretRef",
                false,
            ),
            (
                "PersistentVolumeClaim",
                "data",
                "spec.volumes[0].persistentVolumeClaim.claimName",
                false,
            ),
            ("ConfigMap", "files", "spec.volumes[1].configMap", false),
            ("Secret", "certs", "spec.volumes[2].secret", false),
            (
                "ConfigMap",
                "proj",
                "spec.volumes[3].projected.sources[0].configMap",
                false,
            ),
            ("Secret", "regcred", "spec.imagePullSecrets[0]", false),
            (
                "ServiceAccount",
                "builder",
                "spec.serviceAccountName",
                false,
            ),
        ];
        assert_eq!(got.len(), want.len(), "{got:#?}");
        for (g, w) in got.iter().zip(want) {
            assert_eq!((g.0, g.1.as_str(), g.2.as_str(), g.3), w);
        }
    }

    #[test]
    fn an_ingress_sends_to_its_default_backend_and_each_path() {
        let v: serde_json::Value = serde_json::from_str(
            r#"{"spec":{"defaultBackend":{"service":{"name":"fallback","port":{"number":80}}},
              "rules":[{"http":{"paths":[{"path":"/","backend":{"service":{"name":"web","port":{"name":"http"}}}},
                {"path":"/r","backend":{"resource":{"kind":"Bucket","name":"b"}}}]}}]}}"#,
        )
        .unwrap();
        assert_eq!(
            ingress_backends(&v),
            [
                (
                    "fallback".to_string(),
                    "spec.defaultBackend.service".to_string(),
                    "80".to_string()
                ),
                (
                    "web".into(),
                    "spec.rules[0].http.paths[0].backend.service".into(),
                    "http".into()
                ),
            ]
        );
    }

    #[test]
    fn a_binding_names_its_role_where_it_lives_and_its_subjects() {
        let v: serde_json::Value = serde_json::from_str(
            r#"{"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"reader"},
              "subjects":[{"kind":"ServiceAccount","name":"builder"},
                {"kind":"ServiceAccount","name":"ci","namespace":"tools"},
                {"kind":"User","name":"jane"}]}"#,
        )
        .unwrap();
        let (role, subjects) = binding_refs(&v, "dev");
        assert_eq!(role, Some(("Role".into(), "dev".into(), "reader".into())));
        let subjects: Vec<Named> = subjects.into_iter().map(|(n, _)| n).collect();
        assert_eq!(
            subjects,
            [
                (
                    "ServiceAccount".to_string(),
                    "dev".to_string(),
                    "builder".to_string()
                ),
                ("ServiceAccount".into(), "tools".into(), "ci".into()),
                ("User".into(), "".into(), "jane".into()),
            ]
        );
        let cluster: serde_json::Value =
            serde_json::from_str(r#"{"roleRef":{"kind":"ClusterRole","name":"view"}}"#).unwrap();
        assert_eq!(
            binding_refs(&cluster, "dev").0,
            Some(("ClusterRole".into(), "".into(), "view".into()))
        );
    }

    #[test]
    fn the_default_service_account_is_not_a_reference() {
        for sa in [r#""serviceAccountName":"default","#, ""] {
            let s = spec(&format!(r#"{{{sa}"containers":[{{"name":"a"}}]}}"#));
            assert!(pod_refs(&s, "spec").is_empty());
        }
    }
}
