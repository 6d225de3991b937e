//! Who-selects-whom cases. Semantics: a Service selects Pods in its own namespace whose labels include
//! all of its selector (kubernetes/pkg/controller/endpointslice); named targetPorts resolve per Pod
//! (podutil.FindPort); controllers with overlapping selectors fight (Deployment docs, "Label selector updates").

use super::*;
use crate::diagnostic::Code;
use crate::i18n::Lang;

const WEB: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web, tier: frontend}
    spec:
      containers:
      - name: nginx
        image: nginx
        ports:
        - {name: http, containerPort: 8080}
";

fn svc(selector: &str, target: &str) -> String {
    format!("---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {selector}\n  ports:\n  - port: 80\n    targetPort: {target}\n")
}

fn codes(a: &Analysis) -> Vec<Code> {
    a.diagnostics.iter().map(|d| d.code).collect()
}

#[test]
fn service_selects_template_pods_and_resolves_named_port() {
    let a = analyze(&format!("{WEB}{}", svc("{app: web}", "http")));
    assert!(a.diagnostics.is_empty(), "{:?}", a.diagnostics);
    let s = &a.services[0];
    assert_eq!(s.selector.as_deref(), Some("app=web"));
    assert_eq!(s.groups.len(), 1);
    assert_eq!(
        a.pod_groups[s.groups[0]].describe(Lang::En),
        "3 Pods of Deployment web"
    );
    assert_eq!(s.ports[0].resolved, vec![Some(8080)]);
    assert_eq!(s.ports[0].target, "http");
}

#[test]
fn numeric_and_defaulted_target_ports() {
    let a = analyze(&format!("{WEB}{}", svc("{app: web}", "9090")));
    assert_eq!(a.services[0].ports[0].resolved, vec![Some(9090)]);
    let text = format!("{WEB}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {{app: web}}\n  ports:\n  - port: 80\n");
    let a = analyze(&text);
    assert_eq!(a.services[0].ports[0].target, "80");
    assert_eq!(a.services[0].ports[0].resolved, vec![Some(80)]);
}

#[test]
fn selector_subset_matches_and_superset_does_not() {
    assert_eq!(
        analyze(&format!("{WEB}{}", svc("{tier: frontend}", "80"))).services[0]
            .groups
            .len(),
        1
    );
    assert_eq!(
        analyze(&format!("{WEB}{}", svc("{app: web, tier: frontend}", "80"))).services[0]
            .groups
            .len(),
        1
    );
    let a = analyze(&format!("{WEB}{}", svc("{app: web, tier: backend}", "80")));
    assert!(a.services[0].groups.is_empty());
    assert_eq!(codes(&a), vec![Code::ServiceNoMatch]);
}

#[test]
fn near_miss_names_the_closest_pods() {
    let a = analyze(&format!("{WEB}{}", svc("{app: wbe}", "http")));
    let d = &a.diagnostics[0];
    assert_eq!(d.code, Code::ServiceNoMatch);
    assert_eq!(
        d.message,
        "Service \"web\" selects no Pods: no Pod in namespace \"default\" has labels app=wbe"
    );
    assert_eq!(
        d.hint_in(Lang::En).as_deref(),
        Some("3 Pods of Deployment web have app=web; this selector wants app=wbe")
    );
    assert_eq!(
        (d.span.start.line, d.span.start.col),
        (24, 3),
        "on the selector key"
    );
}

#[test]
fn near_miss_with_a_missing_key() {
    let a = analyze(&format!("{WEB}{}", svc("{app: web, role: api}", "80")));
    let hint = a.diagnostics[0].hint_in(Lang::En).unwrap_or_default();
    assert!(hint.starts_with("3 Pods of Deployment web have"), "{hint}");
    assert!(hint.ends_with("this selector wants role=api"), "{hint}");
}

#[test]
fn no_pods_at_all() {
    let a = analyze(&svc("{app: web}", "80"));
    assert_eq!(codes(&a), vec![Code::ServiceNoMatch]);
    assert!(a.diagnostics[0]
        .hint_in(Lang::En)
        .as_deref()
        .unwrap_or_default()
        .contains("no Pods or workloads"));
}

#[test]
fn unresolved_named_target_port() {
    let a = analyze(&format!("{WEB}{}", svc("{app: web}", "htp")));
    assert_eq!(codes(&a), vec![Code::UnresolvedTargetPort]);
    let d = &a.diagnostics[0];
    assert!(
        d.message.starts_with(
            "targetPort \"htp\" is not a named container port of 3 Pods of Deployment web"
        ),
        "{}",
        d.message
    );
    assert_eq!(
        d.hint_in(Lang::En).as_deref(),
        Some("did you mean \"http\"?")
    );
    assert_eq!(d.span.start.line, 27);
    assert_eq!(a.services[0].ports[0].resolved, vec![None]);
}

#[test]
fn services_only_select_in_their_namespace() {
    let text = format!(
        "{}{}",
        WEB.replace("  name: web\n", "  name: web\n  namespace: shop\n"),
        svc("{app: web}", "80")
    );
    let a = analyze(&text);
    assert_eq!(codes(&a), vec![Code::CrossNamespace]);
    assert!(a.diagnostics[0]
        .message
        .contains("3 Pods of Deployment web in namespace \"shop\" match"));
    assert!(a.services[0].groups.is_empty());
    let same_ns = text.replace(
        "kind: Service\nmetadata:\n  name: web\n",
        "kind: Service\nmetadata:\n  name: web\n  namespace: shop\n",
    );
    let a = analyze(&same_ns);
    assert!(a.diagnostics.is_empty(), "{:?}", a.diagnostics);
    assert_eq!(a.services[0].groups.len(), 1);
}

#[test]
fn bare_pods_and_every_workload_kind_are_pod_sources() {
    let text = "apiVersion: v1
kind: Pod
metadata: {name: solo, labels: {app: x}}
spec: {containers: [{name: c, image: nginx}]}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  replicas: 2
  selector: {matchLabels: {app: x, role: db}}
  template:
    metadata: {labels: {app: x, role: db}}
    spec: {containers: [{name: c, image: postgres}]}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: x, role: agent}}
  template:
    metadata: {labels: {app: x, role: agent}}
    spec: {containers: [{name: c, image: busybox}]}
---
apiVersion: batch/v1
kind: Job
metadata: {name: once}
spec:
  parallelism: 4
  template:
    metadata: {labels: {app: x}}
    spec: {restartPolicy: Never, containers: [{name: c, image: busybox}]}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: '0 0 * * *'
  jobTemplate:
    spec:
      template:
        metadata: {labels: {app: x}}
        spec: {restartPolicy: OnFailure, containers: [{name: c, image: busybox}]}
---
apiVersion: v1
kind: Service
metadata: {name: all}
spec: {selector: {app: x}, ports: [{port: 80}]}
";
    let a = analyze(text);
    let described: Vec<String> = a.services[0]
        .groups
        .iter()
        .map(|&g| a.pod_groups[g].describe(Lang::En))
        .collect();
    assert_eq!(
        described,
        vec![
            "Pod solo",
            "2 Pods of StatefulSet db",
            "Pods of DaemonSet agent (one per node)",
            "4 Pods of Job once",
            "1 Pod of CronJob nightly"
        ]
    );
    assert!(a.diagnostics.is_empty(), "{:?}", a.diagnostics);
}

#[test]
fn service_without_selector_selects_nothing_silently() {
    let a = analyze(
        "apiVersion: v1\nkind: Service\nmetadata: {name: ext}\nspec: {ports: [{port: 80}]}\n",
    );
    assert!(a.diagnostics.is_empty());
    assert_eq!(a.services[0].selector, None);
    let a = analyze("apiVersion: v1\nkind: Service\nmetadata: {name: ext}\nspec: {type: ExternalName, externalName: example.com}\n");
    assert!(a.diagnostics.is_empty());
}

#[test]
fn workloads_own_their_pods_and_overlaps_are_flagged() {
    let other = WEB
        .replace("name: web\n", "name: web-canary\n")
        .replace("replicas: 3", "replicas: 1");
    let a = analyze(&format!("{WEB}---\n{other}"));
    assert_eq!(codes(&a), vec![Code::SelectorOverlap]);
    assert!(a.diagnostics[0]
        .message
        .contains("Deployment \"web-canary\" (app=web) overlaps with that of Deployment \"web\""));
    assert_eq!(a.workloads.len(), 2);
    assert_eq!(
        a.workloads[0].groups.len(),
        2,
        "web's selector also matches web-canary's Pods"
    );

    let distinct = other
        .replace("{app: web}", "{app: web, track: canary}")
        .replace(
            "{app: web, tier: frontend}",
            "{app: web, tier: frontend, track: canary}",
        );
    let a = analyze(&format!("{WEB}---\n{distinct}"));
    // web's selector (app=web) still matches the canary's Pods: that is the overlap Kubernetes warns about.
    assert_eq!(codes(&a), vec![Code::SelectorOverlap]);
    let separate = distinct.replace("app: web", "app: web-canary");
    let a = analyze(&format!("{WEB}---\n{separate}"));
    assert!(a.diagnostics.is_empty(), "{:?}", a.diagnostics);
}

#[test]
fn blue_green_switch_moves_the_service() {
    let ex = crate::examples::EXAMPLES
        .iter()
        .find(|e| e.id == "blue-green")
        .expect("example");
    let a = analyze(ex.text(Lang::En));
    let owner = |a: &Analysis| a.pod_groups[a.services[0].groups[0]].owner_name.clone();
    assert_eq!(owner(&a), "shop-blue");
    let green = ex.text(Lang::En).replace(
        "    app: shop\n    color: blue\n  ports",
        "    app: shop\n    color: green\n  ports",
    );
    assert_ne!(green, ex.text(Lang::En));
    assert_eq!(owner(&analyze(&green)), "shop-green");
}

#[test]
fn examples_load_cleanly() {
    for (ex, lang) in crate::examples::EXAMPLES
        .iter()
        .flat_map(|e| Lang::ALL.map(|l| (e, l)))
    {
        let a = analyze(ex.text(lang));
        let errors = a.error_count();
        if ex.id == "find-the-mistakes" {
            assert!(
                errors + a.diagnostics.len() >= 3,
                "the mistakes example shows its mistakes"
            );
        } else {
            assert!(
                a.diagnostics.is_empty(),
                "{} {lang:?}: {:?}",
                ex.id,
                a.diagnostics
            );
            assert!(!a.manifest.objects.is_empty());
        }
    }
    assert!(crate::examples::EXAMPLES.len() >= 6);
}

#[test]
fn select_by_object_labels() {
    let a = analyze(
        crate::examples::EXAMPLES
            .iter()
            .find(|e| e.id == "set-based-selectors")
            .map(|e| e.text(Lang::En))
            .unwrap_or_default(),
    );
    let sel = crate::selector::parse("tier in (frontend,cache),env!=staging").expect("valid");
    let names: Vec<String> = select(&a.manifest, &sel)
        .iter()
        .map(|o| o.reference())
        .collect();
    assert_eq!(names, vec!["Pod/web-prod", "Pod/cache"]);
}

/// podutil.FindPort matches a named targetPort on name *and* protocol, and looks at sidecars too:
/// the Services tab and the EndpointSlice controller ask the same function, so they agree.
#[test]
fn named_target_ports_match_protocol_and_sidecars_as_endpoints_do() {
    let text = "apiVersion: v1
kind: Pod
metadata:
  name: dns
  labels: {app: dns}
spec:
  initContainers:
  - name: proxy
    image: envoy
    restartPolicy: Always
    ports: [{name: admin, containerPort: 9901}]
  containers:
  - name: dns
    image: coredns
    ports:
    - {name: dns, containerPort: 53, protocol: UDP}
    - {name: metrics, containerPort: 9153}
---
apiVersion: v1
kind: Service
metadata:
  name: dns
spec:
  selector: {app: dns}
  ports:
  - {name: dns-udp, port: 53, protocol: UDP, targetPort: dns}
  - {name: dns-tcp, port: 53, protocol: TCP, targetPort: dns}
  - {name: admin, port: 9901, targetPort: admin}
";
    let a = analyze(text);
    let resolved: Vec<Vec<Option<i32>>> = a.services[0]
        .ports
        .iter()
        .map(|p| p.resolved.clone())
        .collect();
    assert_eq!(resolved, vec![vec![Some(53)], vec![None], vec![Some(9901)]]);
    assert_eq!(codes(&a), vec![Code::UnresolvedTargetPort]);
    let mut c = crate::sim::Cluster::new();
    c.apply(&a.manifest);
    c.run_to_steady(60_000);
    let slice = c
        .store()
        .endpoint_slices
        .values()
        .find(|s| {
            s.metadata
                .name
                .as_deref()
                .is_some_and(|n| n.starts_with("dns-"))
        })
        .expect("a slice for the dns Service");
    let ports: Vec<(Option<String>, Option<i32>)> = slice
        .ports
        .iter()
        .flatten()
        .map(|p| (p.name.clone(), p.port))
        .collect();
    assert_eq!(
        ports,
        vec![
            (Some("dns-udp".into()), Some(53)),
            (Some("admin".into()), Some(9901))
        ]
    );
}
