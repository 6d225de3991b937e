//! The `kubeplay` command line: the engine for scripts, CI and tests.

use std::io::Read;
use std::process::ExitCode;

use kubeplay::selector;
use kubeplay::Severity;

const USAGE: &str = "usage:
  kubeplay check FILE...                 diagnostics as FILE:LINE:COL: error|warning: message
  kubeplay select -l SELECTOR FILE...    kind/name of the objects whose labels match
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
    let (mut errors, mut warnings) = (0, 0);
    for file in files {
        let text = match read(file) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        };
        let name = if file == "-" {
            "<stdin>"
        } else {
            file.as_str()
        };
        for d in kubeplay::analyze(&text).diagnostics {
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
        let manifest = kubeplay::manifest::load(&text);
        for o in kubeplay::analysis::select(&manifest, &selector) {
            println!("{}", o.reference());
        }
    }
    ExitCode::SUCCESS
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("check") => check(&args[1..]),
        Some("select") => select(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some(other) => usage_error(&format!("unknown command {other:?}")),
        None => usage_error("no command given"),
    }
}
