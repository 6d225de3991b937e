//! The `kubeplay` command line: the engine for scripts, CI and tests.

use std::io::Read;
use std::process::ExitCode;

use kubeplay::selector;
use kubeplay::Severity;

const USAGE: &str = "usage:
  kubeplay check FILE...                 diagnostics as FILE:LINE:COL: error|warning: message
  kubeplay select -l SELECTOR FILE...    kind/name of the objects whose labels match
  kubeplay simulate FILE... [--for DURATION] [--apply-at DURATION=FILE]... [-o table|json|yaml] [--watch]
                                         applies the files to a simulated cluster, runs its clock and prints
                                         the cluster as `kubectl get` would (json/yaml: a v1 List of every
                                         object with its status, Events included; --watch: one JSON object
                                         per change). Without --for the clock runs until nothing more is
                                         due, at most 10m. --apply-at applies FILE alone as the new desired
                                         state at that time (as `kubectl apply --prune`).
FILE may be - for standard input. Exit codes: 0 ok, 1 diagnostics with errors, 2 usage or input error.";

fn read(file: &str) -> Result<String, String> {
    if file == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| format!("kubeplay: reading standard input: {e}"))?;
        Ok(s)
    } else {
        std::fs::read_to_string(file).map_err(|e| format!("kubeplay: {file}: {e}"))
    }
}

fn usage_error(msg: &str) -> ExitCode {
    eprintln!("kubeplay: {msg}\n{USAGE}");
    ExitCode::from(2)
}

fn check(files: &[String]) -> ExitCode {
    if files.is_empty() {
        return usage_error("check needs at least one FILE");
    }
    // Read every file first: an unreadable one is a usage error before anything is printed.
    let mut texts = Vec::with_capacity(files.len());
    for file in files {
        match read(file) {
            Ok(t) => texts.push(t),
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        }
    }
    // Check the files on every core; print in the order given.
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(texts.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<Option<Vec<kubeplay::Diagnostic>>> = vec![None; texts.len()];
    let slots: Vec<std::sync::Mutex<Option<Vec<kubeplay::Diagnostic>>>> =
        texts.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(text) = texts.get(i) else { break };
                let diagnostics = kubeplay::analyze_within(text, kubeplay::Limits::CLI).diagnostics;
                if let Ok(mut slot) = slots[i].lock() {
                    *slot = Some(diagnostics);
                }
            });
        }
    });
    for (i, slot) in slots.into_iter().enumerate() {
        results[i] = slot.into_inner().ok().flatten();
    }
    let (mut errors, mut warnings) = (0, 0);
    for (file, diagnostics) in files.iter().zip(results) {
        let name = if file == "-" {
            "<stdin>"
        } else {
            file.as_str()
        };
        for d in diagnostics.unwrap_or_default() {
            match d.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
            }
            println!("{}", d.render(name));
        }
    }
    eprintln!("{errors} error(s), {warnings} warning(s)");
    ExitCode::from(u8::from(errors > 0))
}

fn select(args: &[String]) -> ExitCode {
    let mut sel = None;
    let mut files = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if a == "-l" || a == "--selector" {
            i += 1;
            match args.get(i) {
                Some(s) => sel = Some(s.clone()),
                None => return usage_error("-l needs a SELECTOR"),
            }
        } else if let Some(s) = a
            .strip_prefix("-l=")
            .or_else(|| a.strip_prefix("--selector="))
        {
            sel = Some(s.to_string());
        } else {
            files.push(a.clone());
        }
        i += 1;
    }
    let Some(sel) = sel else {
        return usage_error("select needs -l SELECTOR");
    };
    if files.is_empty() {
        return usage_error("select needs at least one FILE");
    }
    let selector = match selector::parse_any(&sel) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("kubeplay: invalid selector {sel:?}: {e}");
            return ExitCode::from(2);
        }
    };
    for file in &files {
        let text = match read(file) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        };
        let manifest = kubeplay::manifest::load_within(&text, kubeplay::Limits::CLI);
        for o in kubeplay::analysis::select(&manifest, &selector) {
            println!("{}", o.reference());
        }
    }
    ExitCode::SUCCESS
}

/// The CLI's `simulate`.
fn simulate(args: &[String]) -> ExitCode {
    use kubeplay::cluster::{self, parse_duration, Cluster};
    let mut files = Vec::new();
    let mut run_for: Option<i64> = None;
    let mut apply_at: Vec<(i64, String)> = Vec::new();
    let mut output = "table".to_string();
    let mut watch = false;
    let mut i = 0;
    let value = |i: &mut usize, flag: &str| -> Result<String, ExitCode> {
        *i += 1;
        args.get(*i)
            .cloned()
            .ok_or_else(|| usage_error(&format!("{flag} needs a value")))
    };
    while i < args.len() {
        let a = args[i].as_str();
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (a, None),
        };
        let v = |i: &mut usize| match &inline {
            Some(v) => Ok(v.clone()),
            None => value(i, flag),
        };
        match flag {
            "--for" => match v(&mut i).map(|d| parse_duration(&d)) {
                Ok(Ok(d)) => run_for = Some(d),
                Ok(Err(e)) => return usage_error(&format!("--for: {e}")),
                Err(code) => return code,
            },
            "--apply-at" => match v(&mut i) {
                Ok(spec) => {
                    let Some((d, f)) = spec.split_once('=') else {
                        return usage_error("--apply-at needs DURATION=FILE");
                    };
                    match parse_duration(d) {
                        Ok(d) => apply_at.push((d, f.to_string())),
                        Err(e) => return usage_error(&format!("--apply-at: {e}")),
                    }
                }
                Err(code) => return code,
            },
            "-o" | "--output" => match v(&mut i) {
                Ok(o) if ["table", "json", "yaml"].contains(&o.as_str()) => output = o,
                Ok(o) => {
                    return usage_error(&format!(
                        "unknown output format {o:?}: expected table, json or yaml"
                    ))
                }
                Err(code) => return code,
            },
            "--watch" | "-w" => watch = true,
            _ if a.starts_with("-o") && a.len() > 2 => {
                let o = &a[2..];
                if !["table", "json", "yaml"].contains(&o) {
                    return usage_error(&format!(
                        "unknown output format {o:?}: expected table, json or yaml"
                    ));
                }
                output = o.to_string();
            }
            _ if a.starts_with('-') && a != "-" => {
                return usage_error(&format!("unknown flag {a:?}"))
            }
            _ => files.push(a.to_string()),
        }
        i += 1;
    }
    if files.is_empty() {
        return usage_error("simulate needs at least one FILE");
    }
    let mut errors = 0;
    let mut load = |names: &[String]| -> Result<Vec<kubeplay::manifest::Manifest>, ExitCode> {
        let mut out = Vec::new();
        for f in names {
            let text = read(f).map_err(|e| {
                eprintln!("{e}");
                ExitCode::from(2)
            })?;
            let analysis = kubeplay::analyze_within(&text, kubeplay::Limits::CLI);
            let name = if f == "-" { "<stdin>" } else { f.as_str() };
            for d in &analysis.diagnostics {
                if d.severity == Severity::Error {
                    errors += 1;
                    eprintln!("{}", d.render(name));
                }
            }
            out.push(analysis.manifest);
        }
        Ok(out)
    };
    let initial = match load(&files) {
        Ok(m) => m,
        Err(code) => return code,
    };
    apply_at.sort_by_key(|(d, _)| *d);
    let mut later = Vec::new();
    for (d, f) in &apply_at {
        match load(std::slice::from_ref(f)) {
            Ok(m) => later.push((*d, m)),
            Err(code) => return code,
        }
    }
    let mut cluster = Cluster::new();
    cluster.set_max_pods(kubeplay::Limits::CLI.max_objects);
    if watch {
        cluster.watch();
        cluster.take_changes();
    }
    let mut apply_errors = 0;
    let mut report = |results: Vec<cluster::ApplyResult>| {
        for r in results {
            if r.is_error() {
                apply_errors += 1;
            }
            eprintln!("{}", r.render());
        }
    };
    let print_changes = |c: &mut Cluster| {
        for ch in c.take_changes() {
            let line = serde_json::json!({"type": ch.kind.as_str(), "object": ch.object});
            println!("{line}");
        }
    };
    report(cluster.apply_files(&initial.iter().collect::<Vec<_>>()));
    if watch {
        print_changes(&mut cluster);
    }
    let run = |c: &mut Cluster, until: i64, watch: bool| {
        if watch {
            while let Some(t) = c.next_wakeup().filter(|&t| t <= until) {
                c.run_until(t);
                print_changes(c);
            }
            c.run_until(until);
            print_changes(c);
        } else {
            c.run_until(until);
        }
    };
    for (at, manifests) in &later {
        run(&mut cluster, *at, watch);
        report(cluster.apply_files(&manifests.iter().collect::<Vec<_>>()));
        if watch {
            print_changes(&mut cluster);
        }
    }
    let last_apply = later.last().map(|(d, _)| *d).unwrap_or(0);
    match run_for {
        Some(d) => run(&mut cluster, d.max(last_apply), watch),
        None => {
            let limit = last_apply + 10 * cluster::MINUTE;
            if watch {
                while let Some(t) = cluster.next_wakeup().filter(|&t| t <= limit) {
                    cluster.run_until(t);
                    print_changes(&mut cluster);
                }
            } else {
                cluster.run_to_steady(limit);
            }
        }
    }
    if !watch {
        match output.as_str() {
            "json" => println!(
                "{}",
                serde_json::to_string_pretty(&cluster.list_json()).unwrap_or_default()
            ),
            "yaml" => print!("{}", cluster::to_yaml(&cluster.list_json())),
            _ => {
                let tables = cluster::tables(&cluster, false);
                let texts: Vec<String> =
                    tables.iter().map(|t| t.render(tables.len() > 1)).collect();
                print!("{}", texts.join("\n"));
            }
        }
    }
    ExitCode::from(u8::from(errors + apply_errors > 0))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("check") => check(&args[1..]),
        Some("select") => select(&args[1..]),
        Some("simulate") => simulate(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some(other) => usage_error(&format!("unknown command {other:?}")),
        None => usage_error("no command given"),
    }
}
