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

/// What the editor pays per keystroke: one document's image changes, the others are reused.
fn edit_time(text: &str, runs: usize) -> f64 {
    let mut analyzer = kubeplay::Analyzer::default();
    analyzer.analyze(text);
    let mut samples = Vec::with_capacity(runs);
    for i in 0..runs {
        let edited = text.replacen("nginx:1.27", &format!("nginx:1.{i}"), 1);
        let t = Instant::now();
        let a = analyzer.analyze(&edited);
        samples.push(t.elapsed().as_secs_f64() * 1000.0);
        assert!(!a.manifest.objects.is_empty());
    }
    samples.sort_by(|a, b| a.total_cmp(b));
    samples[samples.len() / 2]
}

/// `nodes` Node objects (110 Pods each) and `deployments` Deployments of `replicas` Pods.
fn cluster_manifest(nodes: usize, deployments: usize, replicas: usize) -> String {
    let mut s = String::new();
    for i in 0..nodes {
        s.push_str(&format!("apiVersion: v1\nkind: Node\nmetadata:\n  name: node-{i}\nstatus:\n  capacity: {{cpu: '64', memory: 256Gi, pods: '110'}}\n---\n"));
    }
    for i in 0..deployments {
        s.push_str(&format!(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: svc-{i}\nspec:\n  replicas: {replicas}\n  selector:\n    matchLabels: {{app: svc-{i}}}\n  template:\n    metadata:\n      labels: {{app: svc-{i}}}\n    spec:\n      containers:\n      - name: app\n        image: example/app:1\n        resources: {{requests: {{cpu: 10m, memory: 16Mi}}}}\n---\n"
        ));
    }
    s
}

/// About `objects` objects once applied, for the Graph: per app a ConfigMap, a Deployment of 3
/// Pods reading it (and its ReplicaSet) and a Service selecting them, 7 objects.
fn graph_manifest(objects: usize) -> String {
    let mut s = String::new();
    for i in 0..objects.div_ceil(7) {
        s.push_str(&format!(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-{i}\ndata: {{MODE: fast}}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-{i}\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {{app: app-{i}}}\n  template:\n    metadata:\n      labels: {{app: app-{i}}}\n    spec:\n      containers:\n      - name: app\n        image: example/app:1\n        envFrom: [{{configMapRef: {{name: app-{i}}}}}]\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: app-{i}\nspec:\n  selector: {{app: app-{i}}}\n  ports: [{{port: 80}}]\n---\n"
        ));
    }
    s
}

/// The Graph of a steady cluster of about `objects` objects: building it from the store, laying
/// it out, drawing it as SVG.
fn graph(objects: usize) {
    let m = kubeplay::manifest::load_within(&graph_manifest(objects), kubeplay::Limits::CLI);
    let mut c = kubeplay::sim::Cluster::new();
    c.apply(&m);
    c.run_to_steady(10 * kubeplay::sim::time::MINUTE);
    let median = |f: &mut dyn FnMut() -> usize| {
        let mut times = Vec::new();
        let mut n = 0;
        for _ in 0..5 {
            let t = Instant::now();
            n = f();
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(|a, b| a.total_cmp(b));
        (times[2], n)
    };
    let lang = kubeplay::i18n::Lang::En;
    let (build, nodes) = median(&mut || kubeplay::cluster::graph(&c, lang).nodes.len());
    let g = kubeplay::cluster::graph(&c, lang);
    let (lay, _) = median(&mut || kubeplay::graph::layout(&g, None).x.len());
    let l = kubeplay::graph::layout(&g, None);
    let (again, _) = median(&mut || kubeplay::graph::layout(&g, Some(&l.local)).x.len());
    let (draw, bytes) =
        median(&mut || kubeplay::graph::render::svg(&g, &l, "graph", "cluster").len());
    println!(
        "native graph, {nodes} nodes and {} edges: build {build:.1} ms, layout {lay:.1} ms (from the last layout {again:.1} ms), SVG {draw:.1} ms ({} KiB)",
        g.edges.len(),
        bytes / 1024
    );
}

/// Applies a manifest to a fresh cluster and runs it until nothing more is due.
fn steady(text: &str) -> (f64, f64, usize, usize, i64, String) {
    let t = Instant::now();
    let m = kubeplay::manifest::load_within(text, kubeplay::Limits::CLI);
    let mut c = kubeplay::sim::Cluster::new();
    c.set_max_pods(200_000);
    c.apply(&m);
    let applied = t.elapsed().as_secs_f64() * 1000.0;
    c.run_to_steady(10 * kubeplay::sim::time::MINUTE);
    let total = t.elapsed().as_secs_f64() * 1000.0;
    let running = c
        .store()
        .pods
        .values()
        .filter(|p| p.status.as_ref().and_then(|s| s.phase.as_deref()) == Some("Running"))
        .count();
    let reconciles = c
        .reconciles()
        .iter()
        .map(|(name, n)| format!("{name} {n}"))
        .collect::<Vec<_>>()
        .join(", ");
    (
        applied,
        total,
        c.store().pods.len(),
        running,
        c.now(),
        reconciles,
    )
}

/// Peak resident memory of this process so far, in MiB (Linux; 0 elsewhere).
fn peak_mib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        })
        .map(|kib| kib / 1024)
        .unwrap_or(0)
}

/// One cluster size in a process of its own, so its peak memory is its own:
/// `bench cluster NODES DEPLOYMENTS REPLICAS`.
fn cluster_child(nodes: usize, deployments: usize, replicas: usize) {
    let text = cluster_manifest(nodes, deployments, replicas);
    let (applied, total, pods, running, virtual_ms, reconciles) = steady(&text);
    println!(
        "native simulate, {deployments} Deployments × {replicas} on {nodes} nodes: {pods} Pods, {running} Running at steady state ({} s of cluster time); apply {applied:.0} ms, to steady state {total:.0} ms, peak {} MiB",
        virtual_ms / 1000,
        peak_mib()
    );
    println!("  reconciles: {reconciles}");
}

/// A steady 10,000-Pod cluster: one more simulated minute, and the reconciles one Pod's deletion
/// costs.
fn minute_and_one_pod() {
    let text = cluster_manifest(100, 1000, 10);
    let m = kubeplay::manifest::load(&text);
    let mut c = kubeplay::sim::Cluster::new();
    c.apply(&m);
    c.run_to_steady(10 * kubeplay::sim::time::MINUTE);
    let t = Instant::now();
    let until = c.now() + kubeplay::sim::time::MINUTE;
    c.run_until(until);
    let minute = t.elapsed().as_secs_f64() * 1000.0;
    // The first deletion after steady state (it pays for the allocator consolidating what the
    // bulk apply freed), then the median of ten more.
    let mut samples = Vec::new();
    let mut reconciles = Vec::new();
    let names: Vec<(String, String)> = c.store().pods.keys().take(11).cloned().collect();
    for (ns, name) in names {
        let before: u64 = c.reconciles().iter().map(|(_, n)| n).sum();
        let t = Instant::now();
        c.delete("Pod", &ns, &name);
        c.run_to_steady(c.now() + 10 * kubeplay::sim::time::MINUTE);
        samples.push(t.elapsed().as_secs_f64() * 1000.0);
        reconciles.push(c.reconciles().iter().map(|(_, n)| n).sum::<u64>() - before);
    }
    let first = samples[0];
    let mut rest = samples[1..].to_vec();
    rest.sort_by(|a, b| a.total_cmp(b));
    let replaced = rest[rest.len() / 2];
    println!(
        "native simulate, 10,000 Pods steady: one more minute {minute:.0} ms; deleting one Pod until it is replaced and Running: first {first:.1} ms, then median {replaced:.1} ms, {} reconciles each",
        reconciles[1]
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() == 5 && args[1] == "cluster" {
        let n = |i: usize| args[i].parse::<usize>().unwrap_or(1);
        cluster_child(n(2), n(3), n(4));
        return;
    }
    if args.get(1).map(String::as_str) == Some("minute") {
        minute_and_one_pod();
        return;
    }
    if args.get(1).map(String::as_str) == Some("graph") {
        graph(500);
        graph(5_000);
        return;
    }
    for (label, groups, runs) in [("lesson-sized", 7, 200), ("1,000 objects", 250, 20)] {
        let text = manifest(groups);
        let (ms, objects, diags) = time(&text, runs);
        let edit = edit_time(&text, runs);
        println!(
            "native parse+analyse, {label}: {objects} objects, {} KiB, {diags} diagnostics: median {ms:.2} ms over {runs} runs; an edit of one document, the rest reused: median {edit:.2} ms",
            text.len() / 1024
        );
    }
    // `kubeplay check` of a 30,000-object file (7,500 × Deployment, Service, ConfigMap, Pod).
    let big = manifest(7_500);
    let t = Instant::now();
    let a = kubeplay::analyze_within(&big, kubeplay::Limits::CLI);
    let secs = t.elapsed().as_secs_f64();
    println!(
        "native check, 30,000 objects ({} MiB): {} objects, {} diagnostics in {:.0} ms on one core: {:.0} objects per second",
        big.len() / (1024 * 1024),
        a.manifest.objects.len(),
        a.diagnostics.len(),
        secs * 1000.0,
        a.manifest.objects.len() as f64 / secs
    );
    drop(a);
    // Cost growth: 30 Pods, then 1k → 10k → 100k Pods (10 per Deployment, 100 per node).
    for (nodes, deployments, replicas) in [
        (3, 10, 3),
        (10, 100, 10),
        (100, 1000, 10),
        (1000, 10000, 10),
    ] {
        let me = std::env::current_exe().unwrap_or_default();
        let out = std::process::Command::new(me)
            .args([
                "cluster",
                &nodes.to_string(),
                &deployments.to_string(),
                &replicas.to_string(),
            ])
            .output();
        match out {
            Ok(o) => print!("{}", String::from_utf8_lossy(&o.stdout)),
            Err(e) => eprintln!("bench: could not run the {deployments}-Deployment case: {e}"),
        }
    }
    minute_and_one_pod();
    graph(500);
    graph(5_000);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    for n in [500, 5_000] {
        if let Err(e) = std::fs::write(dir.join(format!("bench-graph-{n}.yaml")), graph_manifest(n))
        {
            eprintln!("bench: could not write the {n}-object Graph manifest: {e}");
        }
    }
    if let Err(e) = std::fs::write(
        dir.join("bench-10000-pods.yaml"),
        cluster_manifest(100, 1000, 10),
    ) {
        eprintln!("bench: could not write the 10,000-Pod manifest: {e}");
    }
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-1000.yaml");
    if let Err(e) = std::fs::write(&path, manifest(250)) {
        eprintln!("bench: could not write {}: {e}", path.display());
    }
}
