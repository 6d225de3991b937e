use super::*;

/// API server refusals, in its words (apps/v1 validation, the namespace lifecycle admission plugin,
/// the Service NodePort allocator).
#[test]
fn refused_applies_keep_the_old_object() {
    let mut c = cluster(&deployment("web", 1, "example/app:1", ""));
    let changed = deployment("web", 1, "example/app:1", "")
        .replace(
            "matchLabels: {app: web}",
            "matchLabels: {app: web, tier: x}",
        )
        .replace("labels: {app: web}", "labels: {app: web, tier: x}");
    let r = c.apply(&load(&changed));
    assert_eq!(r[0].render(), "Error from server (Invalid): Deployment \"web\" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web\", \"tier\":\"x\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable");
    assert_eq!(
        c.store().deployments.len(),
        1,
        "a refused update is not a prune"
    );
    let r = c.apply(&load(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: nowhere}\n",
    ));
    assert_eq!(
        r[0].render(),
        "Error from server (NotFound): error when creating: namespaces \"nowhere\" not found"
    );
    let r = c.apply(&load("apiVersion: v1\nkind: Service\nmetadata: {name: np}\nspec:\n  type: NodePort\n  ports: [{port: 80, nodePort: 80}]\n"));
    assert_eq!(r[0].render(), "Error from server (Invalid): Service \"np\" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767");
    let two = "apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec:\n  type: NodePort\n  ports: [{port: 80, nodePort: 30080}]\n---\napiVersion: v1\nkind: Service\nmetadata: {name: b}\nspec:\n  type: NodePort\n  ports: [{port: 80, nodePort: 30080}]\n";
    let r = c.apply(&load(two));
    assert_eq!(r[1].render(), "Error from server (Invalid): Service \"b\" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated");
    let r = c.apply(&load(
        "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n",
    ));
    assert!(r[0].render().ends_with("no matches for kind \"Widget\" in version \"example.com/v1\"\nensure CRDs are installed first"), "{}", r[0].render());
}

/// Same input, same steps: byte-identical output (names, IPs, events).
#[test]
fn simulation_is_deterministic() {
    let text = format!(
        "{}---\n{}",
        deployment("a", 5, "example/app:1", ""),
        deployment("b", 3, "example/app:1", "strategy: {type: Recreate}")
    );
    let run = || {
        let mut c = cluster(&text);
        c.run_until(30 * SECOND);
        c.apply(&load(&text.replace("example/app:1", "example/app:2")));
        c.run_until(120 * SECOND);
        serde_json::to_string(&c.list_json()).unwrap()
    };
    assert_eq!(run(), run());
}
