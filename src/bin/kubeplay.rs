//! The `kubeplay` command line: the engine for scripts, CI and tests.

use std::io::Read;
use std::process::ExitCode;

use std::sync::OnceLock;

use kubeplay::i18n::{Catalog, Lang};
use kubeplay::selector;
use kubeplay::Severity;

/// The language of kubeplay's own messages: `--lang`, else the locale (`LC_ALL`, `LC_MESSAGES`,
/// `LANG`, the first one set, as POSIX orders them). Diagnostics' Kubernetes words, the severity
/// and kubectl's tables stay English whatever it is.
static LANG: OnceLock<Lang> = OnceLock::new();

fn lang() -> Lang {
    LANG.get().copied().unwrap_or_default()
}

fn say() -> &'static dyn Catalog {
    lang().texts()
}

fn locale_lang() -> Lang {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty())
        .and_then(|v| Lang::from_tag(&v))
        .unwrap_or_default()
}

fn read(file: &str) -> Result<String, String> {
    if file == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| format!("kubeplay: {}", say().cli_reading_stdin(&e.to_string())))?;
        Ok(s)
    } else {
        std::fs::read_to_string(file).map_err(|e| format!("kubeplay: {file}: {e}"))
    }
}

fn usage_error(msg: &str) -> ExitCode {
    eprintln!("kubeplay: {msg}\n{}", say().cli_usage());
    ExitCode::from(2)
}

fn check(files: &[String]) -> ExitCode {
    if files.is_empty() {
        return usage_error(&say().cli_needs_files("check"));
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
            println!("{}", d.render(name, lang()));
        }
    }
    eprintln!("{}", say().cli_summary(errors, warnings));
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
                None => return usage_error(&say().cli_needs_value("-l")),
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
        return usage_error(&say().cli_select_needs_selector());
    };
    if files.is_empty() {
        return usage_error(&say().cli_needs_files("select"));
    }
    let selector = match selector::parse_any(&sel) {
        Ok(s) => s,
        Err(e) => {
            eprintln!(
                "kubeplay: {}",
                say().cli_invalid_selector(&sel, &e.to_string())
            );
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

/// The CLI's `cron`: the next runs of a CronJob schedule, as the CronJob controller would start
/// them, and the schedule in words. Without `--from` it counts from now (the one wall clock the
/// CLI reads: the schedule arithmetic itself is the engine's).
fn cron(args: &[String]) -> ExitCode {
    use kubeplay::cron;
    let mut schedule: Option<String> = None;
    let mut from: Option<String> = None;
    let mut count = 10usize;
    let mut tz: Option<String> = None;
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (a, None),
        };
        let mut value = || match &inline {
            Some(v) => Some(v.clone()),
            None => {
                i += 1;
                args.get(i).cloned()
            }
        };
        match flag {
            "--from" | "--count" | "--tz" => {
                let Some(v) = value() else {
                    return usage_error(&say().cli_needs_value(flag));
                };
                match flag {
                    "--from" => from = Some(v),
                    "--tz" => tz = Some(v),
                    _ => match v.parse::<usize>() {
                        Ok(n) if (1..=1000).contains(&n) => count = n,
                        _ => return usage_error(&say().cli_bad_count(&v)),
                    },
                }
            }
            _ if a.starts_with('-') && a.len() > 1 && schedule.is_some() => {
                return usage_error(&say().cli_unknown_flag(a))
            }
            _ if a.starts_with("--") => return usage_error(&say().cli_unknown_flag(a)),
            _ if schedule.is_none() => schedule = Some(a.to_string()),
            _ => return usage_error(&say().cli_cron_one_schedule()),
        }
        i += 1;
    }
    let Some(schedule) = schedule else {
        return usage_error(&say().cli_cron_needs_schedule());
    };
    // The API server's refusal comes first, as `kubectl apply` of such a CronJob shows it.
    if schedule.contains("TZ") {
        eprintln!("kubeplay: {}", cron::TZ_IN_SCHEDULE);
        return ExitCode::from(2);
    }
    let parsed = match cron::parse(&schedule) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("kubeplay: {e}");
            return ExitCode::from(2);
        }
    };
    let zone = match tz.as_deref() {
        None => cron::Zone::utc(),
        Some(name) => {
            if let Some(e) = cron::time_zone_errors(name).first() {
                eprintln!("kubeplay: {e}");
                return ExitCode::from(2);
            }
            match cron::zone(name) {
                Some(z) => z,
                None => {
                    eprintln!("kubeplay: unknown time zone {name}");
                    return ExitCode::from(2);
                }
            }
        }
    };
    let mut at = match from.as_deref() {
        Some(text) => match text.parse::<jiff::Timestamp>() {
            Ok(t) => t,
            Err(_) => return usage_error(&say().cli_bad_from(text)),
        },
        None => {
            let secs = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0);
            jiff::Timestamp::from_second(secs).unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        }
    };
    let mut printed = 0;
    while printed < count {
        let Some(next) = parsed.next(at, &zone) else {
            break;
        };
        println!("{}", cron::rfc3339(next, &zone));
        at = next;
        printed += 1;
    }
    if printed == 0 {
        println!("{}", say().cli_cron_never());
    }
    println!("{}", cron::describe(&parsed, lang()));
    ExitCode::SUCCESS
}

/// The CLI's `logs`: the files applied, the clock run as `simulate` runs it, then what the Pod's
/// container printed.
fn logs(args: &[String]) -> ExitCode {
    use kubeplay::cluster::{self, parse_duration};
    let (mut pod, mut files) = (None, Vec::new());
    let (mut run_for, mut previous) = (None, false);
    let (mut container, mut namespace) = (None, "default".to_string());
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        let mut value = |flag: &str| {
            i += 1;
            args.get(i)
                .cloned()
                .ok_or_else(|| usage_error(&say().cli_needs_value(flag)))
        };
        match a {
            "--for" => match value(a).map(|d| parse_duration(&d)) {
                Ok(Ok(d)) => run_for = Some(d),
                Ok(Err(e)) => return usage_error(&format!("--for: {e}")),
                Err(code) => return code,
            },
            "-p" | "--previous" => previous = true,
            "-c" | "--container" => match value(a) {
                Ok(c) => container = Some(c),
                Err(code) => return code,
            },
            "-n" | "--namespace" => match value(a) {
                Ok(n) => namespace = n,
                Err(code) => return code,
            },
            _ if a.starts_with('-') && a != "-" => return usage_error(&say().cli_unknown_flag(a)),
            _ if pod.is_none() => pod = Some(a.strip_prefix("pod/").unwrap_or(a).to_string()),
            _ => files.push(a.to_string()),
        }
        i += 1;
    }
    let (Some(pod), false) = (pod, files.is_empty()) else {
        return usage_error(&say().cli_needs_pod());
    };
    let analyses = match load_files(&files, &mut 0) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let mut cluster = applied(&analyses);
    match run_for {
        Some(d) => cluster.run_until(d),
        None => cluster.run_to_steady(10 * cluster::MINUTE),
    }
    match cluster::logs(&cluster, &namespace, &pod, container.as_deref(), previous) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
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
            .ok_or_else(|| usage_error(&say().cli_needs_value(flag)))
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
                        return usage_error(&say().cli_apply_at());
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
                Ok(o) => return usage_error(&say().cli_unknown_output(&o)),
                Err(code) => return code,
            },
            "--watch" | "-w" => watch = true,
            _ if a.starts_with("-o") && a.len() > 2 => {
                let o = &a[2..];
                if !["table", "json", "yaml"].contains(&o) {
                    return usage_error(&say().cli_unknown_output(o));
                }
                output = o.to_string();
            }
            _ if a.starts_with('-') && a != "-" => return usage_error(&say().cli_unknown_flag(a)),
            _ => files.push(a.to_string()),
        }
        i += 1;
    }
    if files.is_empty() {
        return usage_error(&say().cli_needs_files("simulate"));
    }
    let mut errors = 0;
    let mut load = |names: &[String]| -> Result<Vec<kubeplay::manifest::Manifest>, ExitCode> {
        load_files(names, &mut errors).map(|a| a.into_iter().map(|a| a.manifest).collect())
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

/// Takes `--lang LANG` or `--lang=LANG` out of the arguments, wherever it is.
fn take_lang(args: &mut Vec<String>) -> Result<Option<Lang>, String> {
    let Some(i) = args
        .iter()
        .position(|a| a == "--lang" || a.starts_with("--lang="))
    else {
        return Ok(None);
    };
    let flag = args.remove(i);
    let value = match flag.strip_prefix("--lang=") {
        Some(v) => v.to_string(),
        None if i < args.len() => args.remove(i),
        None => return Err("--lang".into()),
    };
    Lang::from_tag(&value).map(Some).ok_or(value)
}

/// Reads and analyses each file, printing its errors (counted in `errors`); a file that cannot be
/// read ends the command with a usage error.
fn load_files(files: &[String], errors: &mut usize) -> Result<Vec<kubeplay::Analysis>, ExitCode> {
    let mut out = Vec::with_capacity(files.len());
    for f in files {
        let text = read(f).map_err(|e| {
            eprintln!("{e}");
            ExitCode::from(2)
        })?;
        let analysis = kubeplay::analyze_within(&text, kubeplay::Limits::CLI);
        let name = if f == "-" { "<stdin>" } else { f.as_str() };
        for d in &analysis.diagnostics {
            if d.severity == Severity::Error {
                *errors += 1;
                eprintln!("{}", d.render(name, lang()));
            }
        }
        out.push(analysis);
    }
    Ok(out)
}

/// A simulated cluster with the files applied, each refusal printed.
fn applied(analyses: &[kubeplay::Analysis]) -> kubeplay::cluster::Cluster {
    let mut cluster = kubeplay::cluster::Cluster::new();
    cluster.set_max_pods(kubeplay::Limits::CLI.max_objects);
    let manifests: Vec<&kubeplay::manifest::Manifest> =
        analyses.iter().map(|a| &a.manifest).collect();
    for r in cluster.apply_files(&manifests) {
        if r.is_error() {
            eprintln!("{}", r.render());
        }
    }
    cluster
}

/// The CLI's `kubectl`: the files applied, the clock run as `logs` runs it, then the command (or a
/// script of console lines at times), printed as kubectl prints it, exiting with its status.
fn kubectl(args: &[String]) -> ExitCode {
    use kubeplay::cluster::{self, parse_duration};
    use kubeplay::cluster::{kubectl_steps as steps, Console};
    let (ours, command) = match args.iter().position(|a| a == "--") {
        Some(i) => (&args[..i], &args[i + 1..]),
        None => (args, &[][..]),
    };
    let (mut files, mut run_for, mut script) = (Vec::new(), None, None);
    let mut i = 0;
    while i < ours.len() {
        let a = ours[i].as_str();
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (a, None),
        };
        let mut value = || match &inline {
            Some(v) => Ok(v.clone()),
            None => {
                i += 1;
                ours.get(i)
                    .cloned()
                    .ok_or_else(|| usage_error(&say().cli_needs_value(flag)))
            }
        };
        match flag {
            "--for" => match value().map(|d| parse_duration(&d)) {
                Ok(Ok(d)) => run_for = Some(d),
                Ok(Err(e)) => return usage_error(&format!("--for: {e}")),
                Err(code) => return code,
            },
            "--script" => match value().and_then(|f| {
                read(&f).map_err(|e| {
                    eprintln!("{e}");
                    ExitCode::from(2)
                })
            }) {
                Ok(text) => match steps::parse(&text) {
                    Ok(s) => script = Some(s),
                    Err(e) => return usage_error(&format!("--script: {e}")),
                },
                Err(code) => return code,
            },
            _ if a.starts_with('-') && a != "-" => return usage_error(&say().cli_unknown_flag(a)),
            _ => files.push(a.to_string()),
        }
        i += 1;
    }
    if files.is_empty() {
        return usage_error(&say().cli_needs_files("kubectl"));
    }
    if command.is_empty() && script.is_none() {
        return usage_error(&say().cli_needs_kubectl_command());
    }
    let analyses = match load_files(&files, &mut 0) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let mut cluster = applied(&analyses);
    match run_for {
        Some(d) => cluster.run_until(d),
        None => cluster.run_to_steady(10 * cluster::MINUTE),
    }
    let mut console = Console::new();
    let mut code = 0;
    // A script prints as a terminal shows it: each command after `$ `, then all it printed.
    let start = cluster.now();
    for step in script.unwrap_or_default() {
        if let Some(at) = step.at {
            // A command that goes on (`get -w`, `rollout status`, `drain`) prints as the clock
            // runs to the next step, looked at after every instant something happens.
            let target = start + at;
            // Drain retries on its own 5 s beat, so the clock is looked at each second too.
            while console.following() && cluster.now() < target {
                let next = (cluster.now() + cluster::SECOND).min(target);
                cluster.run_until_each(next, |c| {
                    if let Some(o) = console.poll(c) {
                        print!("{}{}", o.stdout, o.stderr);
                    }
                });
            }
            cluster.run_until(target);
        }
        println!("$ {}", step.line);
        let o = console.run(&mut cluster, &step.line);
        print!("{}{}", o.stdout, o.stderr);
        code = o.code;
    }
    if !command.is_empty() {
        let o = console.kubectl(&mut cluster, command, None);
        print!("{}", o.stdout);
        eprint!("{}", o.stderr);
        code = o.code;
    }
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}

/// The CLI's `graph`: the manifest's graph (or, with --simulate, the cluster's after that long)
/// as SVG, DOT or JSON.
fn graph(args: &[String]) -> ExitCode {
    use kubeplay::cluster::{self, parse_duration};
    use kubeplay::graph::{self as g, render};
    let (mut files, mut simulate, mut collapse) = (Vec::new(), None, false);
    let mut output = "svg".to_string();
    let formats = ["svg", "dot", "json"];
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (a, None),
        };
        let mut value = || match &inline {
            Some(v) => Ok(v.clone()),
            None => {
                i += 1;
                args.get(i)
                    .cloned()
                    .ok_or_else(|| usage_error(&say().cli_needs_value(flag)))
            }
        };
        match flag {
            "--simulate" => match value().map(|d| parse_duration(&d)) {
                Ok(Ok(d)) => simulate = Some(d),
                Ok(Err(e)) => return usage_error(&format!("--simulate: {e}")),
                Err(code) => return code,
            },
            "-o" | "--output" => match value() {
                Ok(o) if formats.contains(&o.as_str()) => output = o,
                Ok(o) => return usage_error(&say().cli_unknown_graph_output(&o)),
                Err(code) => return code,
            },
            "--collapse" => collapse = true,
            _ if a.starts_with("-o") && a.len() > 2 => {
                if !formats.contains(&&a[2..]) {
                    return usage_error(&say().cli_unknown_graph_output(&a[2..]));
                }
                output = a[2..].to_string();
            }
            _ if a.starts_with('-') && a != "-" => return usage_error(&say().cli_unknown_flag(a)),
            _ => files.push(a.to_string()),
        }
        i += 1;
    }
    if files.is_empty() {
        return usage_error(&say().cli_needs_files("graph"));
    }
    let mut errors = 0;
    let analyses = match load_files(&files, &mut errors) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let mut graph = match simulate {
        Some(d) => {
            let mut c = applied(&analyses);
            c.run_until(d);
            cluster::graph(&c, lang())
        }
        None => {
            // One graph of every file: their objects side by side, as one apply would have them.
            let mut all = g::Graph::default();
            for a in &analyses {
                all = merged(all, kubeplay::analysis::graph::graph(a, lang()));
            }
            all
        }
    };
    if collapse {
        graph = graph.collapse(|n, owner| {
            say().pods(&kubeplay::i18n::Pods {
                owner_kind: owner.kind.clone(),
                owner_name: owner.name.clone(),
                count: Some(n as i32),
            })
        });
    }
    let layout = g::layout(&graph, None);
    match output.as_str() {
        "dot" => print!("{}", render::dot(&graph)),
        "json" => println!(
            "{}",
            serde_json::to_string_pretty(&render::json(&graph, &layout)).unwrap_or_default()
        ),
        _ => println!(
            "{}",
            render::svg(
                &graph,
                &layout,
                &say().graph_label(),
                &say().graph_cluster()
            )
        ),
    }
    if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `b`'s nodes and links added to `a`'s (an object in both is one node).
fn merged(mut a: kubeplay::graph::Graph, b: kubeplay::graph::Graph) -> kubeplay::graph::Graph {
    let map: Vec<Option<usize>> = b.nodes.iter().map(|n| a.add(n.clone())).collect();
    for e in b.edges {
        if let (Some(f), Some(t)) = (map[e.from], map[e.to]) {
            a.link(f, t, e.link, e.reason);
        }
    }
    a
}

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let chosen = take_lang(&mut args);
    let _ = LANG.set(match &chosen {
        Ok(Some(l)) => *l,
        _ => locale_lang(),
    });
    match chosen {
        Err(flag) if flag == "--lang" => return usage_error(&say().cli_needs_value("--lang")),
        Err(value) => return usage_error(&say().cli_unknown_lang(&value)),
        Ok(_) => {}
    }
    match args.first().map(String::as_str) {
        Some("check") => check(&args[1..]),
        Some("select") => select(&args[1..]),
        Some("simulate") => simulate(&args[1..]),
        Some("cron") => cron(&args[1..]),
        Some("logs") => logs(&args[1..]),
        Some("graph") => graph(&args[1..]),
        Some("kubectl") => kubectl(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{}", say().cli_usage());
            ExitCode::SUCCESS
        }
        Some(other) => usage_error(&say().cli_unknown_command(other)),
        None => usage_error(&say().cli_no_command()),
    }
}
