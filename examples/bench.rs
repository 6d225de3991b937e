//! `./dev.sh bench`, native half: parse + analyse time for generated manifests. Prints figures; asserts
//! nothing. Also writes the 1,000-object manifest to target/bench-1000.yaml for the browser half.

use std::time::Instant;

/// `groups` × (Deployment, Service, ConfigMap, Pod).
fn manifest(groups: usize) -> String {
    let mut s = String::new();
    for i in 0..groups {
        s.push_str(&format!(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-{i}\n  labels: {{app: app-{i}}}\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {{app: app-{i}}}\n  template:\n    metadata:\n      labels: {{app: app-{i}, tier: web}}\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n        ports:\n        - {{name: http, containerPort: 8080}}\n        envFrom:\n        - configMapRef: {{name: config-{i}}}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: app-{i}\nspec:\n  selector: {{app: app-{i}}}\n  ports:\n  - {{port: 80, targetPort: http}}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config-{i}\ndata:\n  MODE: production\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: debug-{i}\n  labels: {{app: debug}}\nspec:\n  containers:\n  - {{name: shell, image: busybox:1.36, command: [sleep, '3600']}}\n---\n"
        ));
    }
    s
}

fn time(text: &str, runs: usize) -> (f64, usize, usize) {
    let mut samples = Vec::with_capacity(runs);
    let mut objects = 0;
    let mut diags = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let a = kubeplay::analyze(text);
        samples.push(t.elapsed().as_secs_f64() * 1000.0);
        objects = a.manifest.objects.len();
        diags = a.diagnostics.len();
    }
    samples.sort_by(|a, b| a.total_cmp(b));
    (samples[samples.len() / 2], objects, diags)
}

fn main() {
    for (label, groups, runs) in [("lesson-sized", 7, 200), ("1,000 objects", 250, 20)] {
        let text = manifest(groups);
        let (ms, objects, diags) = time(&text, runs);
        println!(
            "native parse+analyse, {label}: {objects} objects, {} KiB, {diags} diagnostics: median {ms:.2} ms over {runs} runs",
            text.len() / 1024
        );
    }
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-1000.yaml");
    if let Err(e) = std::fs::write(&path, manifest(250)) {
        eprintln!("bench: could not write {}: {e}", path.display());
    }
}
