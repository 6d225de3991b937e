//! Manifest diagnostics over many small bad inputs: each case lists every diagnostic it expects, with
//! line:column, code and (part of) the message. Messages follow the API server and kubectl
//! (apimachinery validation, strict field validation, encoding/json type errors, go-yaml).

use kubeplay::analyze;

struct Case {
    name: &'static str,
    yaml: &'static str,
    /// (line, column, code, text the message contains)
    want: &'static [(u32, u32, &'static str, &'static str)],
}

macro_rules! case {
    ($name:literal, $yaml:expr, [$(($l:expr, $c:expr, $code:literal, $msg:literal)),* $(,)?]) => {
        Case { name: $name, yaml: $yaml, want: &[$(($l, $c, $code, $msg)),*] }
    };
}

const CASES: &[Case] = &[
    // YAML syntax
    case!("misindented ports (the seed's simple-pod.yaml)",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\nspec:\n  containers:\n    - name: nginx\n      image: nginx:1.14.1\n    ports:\n      - containerPort: 80\n",
        [(9, 5, "yaml-syntax", "yaml: line 9: did not find expected '-' indicator")]),
    case!("unclosed flow sequence", "a: [1, 2\n", [(2, 1, "yaml-syntax", "yaml: line 2:")]),
    case!("unclosed quote", "a: \"abc\n", [(1, 4, "yaml-syntax", "found unexpected end of stream")]),
    case!("tab indentation", "a:\n\tb: 1\n", [(2, 2, "yaml-syntax", "yaml: line 2: tabs disallowed")]),
    case!("value after mapping on one line", "a: b: c\n", [(1, 5, "yaml-syntax", "mapping values are not allowed")]),
    case!("bad document among good ones",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\nkind: [\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n",
        [(7, 1, "yaml-syntax", "yaml: line 7:")]),
    case!("unknown alias", "a: *nope\n", [(1, 4, "yaml-syntax", "unknown anchor")]),
    // Not objects
    case!("scalar document", "just some text\n", [(1, 1, "not-an-object", "not a Kubernetes object")]),
    case!("list document", "- a\n- b\n", [(1, 1, "not-an-object", "not a Kubernetes object")]),
    case!("missing apiVersion and kind", "metadata:\n  name: x\n", [(1, 1, "missing-type-info", "[apiVersion not set, kind not set]")]),
    case!("missing kind", "apiVersion: v1\nmetadata:\n  name: x\n", [(1, 1, "missing-type-info", "[kind not set]")]),
    case!("missing apiVersion", "kind: Pod\nmetadata:\n  name: x\n", [(1, 1, "missing-type-info", "[apiVersion not set]")]),
    case!("helm values file", "replicaCount: 1\nimage:\n  repository: nginx\n", [(1, 1, "missing-type-info", "apiVersion not set, kind not set")]),
    // Kinds and versions
    case!("misspelled kind", "apiVersion: apps/v1\nkind: Deploymnet\nmetadata:\n  name: x\n", [(2, 7, "unknown-kind", "no matches for kind \"Deploymnet\" in version \"apps/v1\"")]),
    case!("kind in the wrong group", "apiVersion: v1\nkind: Deployment\nmetadata:\n  name: x\n", [(2, 7, "unknown-kind", "no matches for kind \"Deployment\" in version \"v1\"")]),
    case!("removed CronJob version",
        "apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: \"* * * * *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n          - name: c\n            image: busybox\n",
        [(1, 13, "removed-api", "batch/v1beta1 CronJob was removed in Kubernetes v1.25")]),
    case!("removed extensions Deployment",
        "apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    metadata:\n      labels: {app: d}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n",
        [(1, 13, "removed-api", "extensions/v1beta1 Deployment was removed in Kubernetes v1.16")]),
    case!("removed apps/v1beta1 Deployment",
        "apiVersion: apps/v1beta1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    metadata:\n      labels: {app: d}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n",
        [(1, 13, "removed-api", "apps/v1beta1 Deployment was removed in Kubernetes v1.16")]),
    case!("removed apps/v1beta2 needs a selector",
        "apiVersion: apps/v1beta2\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    metadata:\n      labels: {app: d}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n",
        [(1, 13, "removed-api", "apps/v1beta2 Deployment was removed"), (5, 1, "required-value", "spec.selector: Required value")]),
    case!("removed Ingress with serviceName/servicePort",
        "apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: i\nspec:\n  backend:\n    serviceName: web\n    servicePort: 80\n  rules:\n  - http:\n      paths:\n      - path: /\n        backend:\n          serviceName: web\n          servicePort: http\n",
        [(1, 13, "removed-api", "extensions/v1beta1 Ingress was removed in Kubernetes v1.22")]),
    case!("removed networking v1beta1 Ingress",
        "apiVersion: networking.k8s.io/v1beta1\nkind: Ingress\nmetadata:\n  name: i\nspec:\n  rules:\n  - host: a.example.com\n    http:\n      paths:\n      - backend:\n          serviceName: web\n          servicePort: 80\n",
        [(1, 13, "removed-api", "networking.k8s.io/v1beta1 Ingress was removed in Kubernetes v1.22")]),
    case!("removed rbac v1beta1", "apiVersion: rbac.authorization.k8s.io/v1beta1\nkind: Role\nmetadata:\n  name: r\nrules: []\n",
        [(1, 13, "removed-api", "rbac.authorization.k8s.io/v1beta1 Role was removed in Kubernetes v1.22")]),
    case!("removed PodDisruptionBudget version", "apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata:\n  name: p\nspec:\n  minAvailable: 1\n",
        [(1, 13, "removed-api", "policy/v1beta1 PodDisruptionBudget was removed in Kubernetes v1.25")]),
    // Unknown fields
    case!("rollingupdate (the seed's rolling-update example)",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  strategy:\n    rollingupdate:\n      maxSurge: 4\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n",
        [(9, 5, "unknown-field", "unknown field \"spec.strategy.rollingupdate\"")]),
    case!("containers under metadata", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  containers: []\nspec:\n  containers:\n  - name: c\n    image: nginx\n",
        [(5, 3, "unknown-field", "unknown field \"metadata.containers\"")]),
    case!("imagePullPolicy typo", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n    imagepullpolicy: Always\n",
        [(9, 5, "unknown-field", "unknown field \"spec.containers[0].imagepullpolicy\"")]),
    case!("container port typo", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n    ports:\n    - containerport: 80\n",
        [(10, 7, "unknown-field", "unknown field \"spec.containers[0].ports[0].containerport\"")]),
    case!("top-level typo", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndatas:\n  a: b\n", [(5, 1, "unknown-field", "unknown field \"datas\"")]),
    case!("service port typo", "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: 80\n    targetport: 8080\n",
        [(8, 5, "unknown-field", "unknown field \"spec.ports[0].targetport\"")]),
    case!("two unknown fields", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  lables: {a: b}\nspec: {}\n",
        [(5, 3, "unknown-field", "\"metadata.lables\""), (6, 1, "unknown-field", "\"spec\"")]),
    // Types
    case!("replicas: three", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: three\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n",
        [(6, 13, "invalid-type", "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32")]),
    case!("quoted replicas", "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: web\nspec:\n  replicas: \"3\"\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n",
        [(6, 13, "invalid-type", "cannot unmarshal string into Go struct field ReplicaSetSpec.spec.replicas of type int32")]),
    case!("numeric label value", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    version: 1.0\n",
        [(6, 14, "invalid-type", "cannot unmarshal number into Go struct field ObjectMeta.metadata.labels.version of type string")]),
    case!("boolean env value", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n    env:\n    - name: DEBUG\n      value: yes\n",
        [(11, 14, "invalid-type", "cannot unmarshal bool into Go struct field EnvVar.spec.containers.env.value of type string")]),
    case!("numeric configmap data", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  port: 8080\n",
        [(6, 9, "invalid-type", "cannot unmarshal number into Go struct field ConfigMap.data.port of type string")]),
    case!("containers as a mapping", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    name: c\n    image: nginx\n",
        [(7, 5, "invalid-type", "cannot unmarshal object into Go struct field PodSpec.spec.containers of type array")]),
    case!("metadata as a string", "apiVersion: v1\nkind: ConfigMap\nmetadata: c\n",
        [(3, 11, "invalid-type", "cannot unmarshal string into Go struct field ConfigMap.metadata of type v1.ObjectMeta")]),
    case!("port as a string", "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: \"80\"\n",
        [(7, 11, "invalid-type", "cannot unmarshal string into Go struct field ServicePort.spec.ports.port of type int32")]),
    case!("two type errors in one object", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: many\n  minReadySeconds: soon\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n",
        [(6, 13, "invalid-type", "spec.replicas"), (7, 20, "invalid-type", "spec.minReadySeconds")]),
    // Required values
    case!("no name", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {a: b}\n", [(3, 1, "required-value", "metadata.name: Required value: name or generateName is required")]),
    case!("no metadata", "apiVersion: v1\nkind: ConfigMap\ndata: {}\n", [(1, 1, "required-value", "metadata.name: Required value")]),
    case!("generateName is enough", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  generateName: c-\n", []),
    case!("pod without containers", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec: {}\n", [(5, 1, "required-value", "spec.containers: Required value")]),
    case!("container without image", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n", [(7, 5, "required-value", "spec.containers[0].image: Required value")]),
    case!("container without name", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - image: nginx\n", [(7, 5, "required-value", "spec.containers[0].name: Required value")]),
    case!("deployment without selector", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n",
        [(5, 1, "required-value", "spec.selector: Required value")]),
    case!("cronjob without schedule", "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers:\n          - name: c\n            image: busybox\n",
        [(5, 1, "required-value", "spec.schedule: Required value")]),
    // Names and labels
    case!("uppercase name", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: MyConfig\n", [(4, 9, "invalid-name", "metadata.name: Invalid value: \"MyConfig\": a lowercase RFC 1123 subdomain")]),
    case!("underscore name", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: my_pod\nspec:\n  containers:\n  - name: c\n    image: nginx\n", [(4, 9, "invalid-name", "\"my_pod\"")]),
    case!("service name starting with a digit", "apiVersion: v1\nkind: Service\nmetadata:\n  name: 1web\nspec:\n  ports:\n  - port: 80\n",
        [(4, 9, "invalid-name", "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character")]),
    case!("service name with a dot", "apiVersion: v1\nkind: Service\nmetadata:\n  name: web.v1\nspec:\n  ports:\n  - port: 80\n", [(4, 9, "invalid-name", "a DNS-1035 label")]),
    case!("namespace name with a dot", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team.a\n", [(4, 9, "invalid-name", "a lowercase RFC 1123 label")]),
    case!("bad namespace", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: Team_A\n", [(5, 14, "invalid-name", "metadata.namespace: Invalid value: \"Team_A\"")]),
    case!("label key with a space", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    my app: web\n", [(6, 5, "invalid-label", "metadata.labels: Invalid value: \"my app\": name part must consist of")]),
    case!("label value with a space", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    app: my web\n", [(6, 10, "invalid-label", "metadata.labels: Invalid value: \"my web\": a valid label must be")]),
    case!("label key with two slashes", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    a/b/c: x\n", [(6, 5, "invalid-label", "a qualified name must consist of")]),
    case!("label value too long", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    a: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n", [(6, 8, "invalid-label", "must be no more than 63 characters")]),
    case!("template label invalid", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web, bad key: x}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n",
        [(10, 26, "invalid-label", "spec.template.metadata.labels: Invalid value: \"bad key\"")]),
    case!("annotation key invalid", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n    \"-note\": x\n", [(6, 5, "invalid-label", "metadata.annotations: Invalid value: \"-note\"")]),
    // Workload selectors
    case!("selector does not match template", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: nginx}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n",
        [(10, 7, "selector-mismatch", "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"nginx\"}: `selector` does not match template `labels`")]),
    case!("template without labels", "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  selector:\n    matchLabels: {app: db}\n  template:\n    spec:\n      containers:\n      - name: db\n        image: postgres\n",
        [(8, 3, "selector-mismatch", "map[string]string{}: `selector` does not match template `labels`")]),
    case!("empty selector", "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  selector: {}\n  template:\n    metadata:\n      labels: {app: agent}\n    spec:\n      containers:\n      - name: a\n        image: busybox\n",
        [(6, 3, "invalid-selector", "spec.selector: Invalid value: {}: empty selector is invalid for daemonset")]),
    case!("matchExpressions operator lowercase", "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: rs\nspec:\n  selector:\n    matchExpressions:\n    - {key: app, operator: in, values: [rs]}\n  template:\n    metadata:\n      labels: {app: rs}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n",
        [(8, 18, "invalid-selector", "spec.selector.matchExpressions[0].operator: Invalid value: \"in\": not a valid selector operator")]),
    case!("In without values", "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: rs\nspec:\n  selector:\n    matchExpressions:\n    - {key: app, operator: In}\n  template:\n    metadata:\n      labels: {app: rs}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n",
        [(8, 7, "invalid-selector", "spec.selector.matchExpressions[0].values: Required value")]),
    case!("job with a selector", "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  selector:\n    matchLabels: {app: j}\n  template:\n    metadata:\n      labels: {app: j}\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox\n",
        [(6, 3, "invalid-selector", "`selector` not auto-generated")]),
    case!("job with a manual selector is fine", "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  manualSelector: true\n  selector:\n    matchLabels: {app: j}\n  template:\n    metadata:\n      labels: {app: j}\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox\n", []),
    // Duplicates
    case!("duplicate object", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n",
        [(9, 3, "duplicate-object", "ConfigMap \"c\" in namespace \"default\" is defined twice (first at line 1)")]),
    case!("same name in two namespaces is fine", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: other\n", []),
    case!("same name, different kinds is fine", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: c\n", []),
    // Lists
    case!("kind: List with a bad item", "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: ok\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: Bad\n",
        [(11, 11, "invalid-name", "\"Bad\"")]),
    case!("JSON input", "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"c\"}, \"data\": {\"k\": 1}}",
        [(1, 84, "invalid-type", "cannot unmarshal number")]),
    // Custom resources are kept without complaint
    case!("custom resource", "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  anything: goes\n", []),
    case!("comments and empty documents", "# a comment\n---\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c # trailing\n---\n", []),
    // kubeplay's own warnings
    case!("hostPath volume in a Pod",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: logs\nspec:\n  containers:\n  - name: c\n    image: busybox\n  volumes:\n  - name: varlog\n    hostPath:\n      path: /var/log\n",
        [(11, 5, "host-path", "Volume varlog mounts the node's own directory /var/log")]),
    case!("hostPath volume in a DaemonSet's template",
        "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: logs\nspec:\n  selector:\n    matchLabels: {app: logs}\n  template:\n    metadata:\n      labels: {app: logs}\n    spec:\n      containers:\n      - name: c\n        image: busybox\n      volumes:\n      - name: varlog\n        hostPath: {path: /var/log}\n",
        [(17, 9, "host-path", "mounts the node's own directory /var/log")]),
];

#[test]
fn every_case_gives_exactly_its_diagnostics() {
    let mut failures = Vec::new();
    for case in CASES {
        let a = analyze(case.yaml);
        let got: Vec<(u32, u32, &str, &str)> = a
            .diagnostics
            .iter()
            .map(|d| {
                (
                    d.span.start.line,
                    d.span.start.col,
                    d.code.as_str(),
                    d.message.as_str(),
                )
            })
            .collect();
        let ok = got.len() == case.want.len()
            && case.want.iter().all(|(l, c, code, msg)| {
                got.iter().any(|(gl, gc, gcode, gmsg)| {
                    gl == l && gc == c && gcode == code && gmsg.contains(msg)
                })
            });
        if !ok {
            failures.push(format!(
                "{}:\n  want {:?}\n  got  {:?}",
                case.name, case.want, got
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn every_span_is_inside_the_text() {
    for case in CASES {
        let lines = case.yaml.lines().count() as u32 + 1;
        for d in analyze(case.yaml).diagnostics {
            assert!(
                d.span.start.line >= 1 && d.span.start.line <= lines,
                "{}: {:?}",
                case.name,
                d
            );
            assert!(d.span.start.col >= 1, "{}: {:?}", case.name, d);
        }
    }
}

#[test]
fn hints_for_the_common_mistakes() {
    let hint = |yaml: &str| {
        analyze(yaml)
            .diagnostics
            .into_iter()
            .find_map(|d| d.hint_in(kubeplay::i18n::Lang::En))
            .unwrap_or_default()
    };
    assert_eq!(hint(CASES[23].yaml), "did you mean \"rollingUpdate\"?");
    assert!(hint("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n    imagepullpolicy: Always\n").contains("imagePullPolicy"));
    assert!(
        hint("apiVersion: apps/v1\nkind: Deploymnet\nmetadata:\n  name: x\n")
            .contains("Deployment")
    );
    assert!(hint("apiVersion: v1\nkind: Deployment\nmetadata:\n  name: x\n").contains("apps/v1"));
    assert!(
        hint("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: MyConfig\n").contains("myconfig")
    );
    assert!(hint("a:\n\tb: 1\n").contains("tabs"));
    // "unprintable" holds the letters of "tab" but is not about tabs.
    assert!(
        !hint("a: \u{1}\n").contains("tabs"),
        "{}",
        hint("a: \u{1}\n")
    );
}

#[test]
fn long_names() {
    let yaml = format!(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {}\n",
        "a".repeat(254)
    );
    let d = &analyze(&yaml).diagnostics;
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(
        d[0].message.contains("must be no more than 253 characters"),
        "{}",
        d[0].message
    );
    assert_eq!((d[0].span.start.line, d[0].span.start.col), (4, 9));
    let yaml = format!(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {}\n",
        "a".repeat(253)
    );
    assert!(analyze(&yaml).diagnostics.is_empty());
}

#[test]
fn case_count() {
    assert!(CASES.len() >= 60, "{} cases", CASES.len());
}
