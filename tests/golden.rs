//! Golden outputs of `kubeplay simulate` and `kubeplay kubectl` over rich scenarios, stored byte
//! for byte.
//!
//! The one thing to know: these files pin the simulator's behaviour across refactors. They were
//! written by the simulator itself before the engine was rebuilt around work queues, so a change here
//! is a change of behaviour: regenerate them (`KUBEPLAY_BLESS=1 cargo test --test golden`) only when
//! that is the intent, and say so in the commit.

use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_kubeplay");

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// Each case: the file it is checked against and the `kubeplay` arguments (paths relative to
/// tests/golden).
const CASES: &[(&str, &[&str])] = &[
    (
        "rich.json",
        &[
            "simulate",
            "rich-v1.yaml",
            "--apply-at",
            "40s=rich-v2.yaml",
            "--for",
            "4m",
            "-o",
            "json",
        ],
    ),
    (
        "rich.watch.jsonl",
        &[
            "simulate",
            "rich-v1.yaml",
            "--apply-at",
            "40s=rich-v2.yaml",
            "--for",
            "90s",
            "--watch",
        ],
    ),
    // Without --for the clock runs until nothing more is due: the ages in the tables show where
    // it stopped.
    ("rich.txt", &["simulate", "rich-v1.yaml"]),
    (
        "nodes.json",
        &[
            "simulate",
            "nodes-v1.yaml",
            "--apply-at",
            "30s=nodes-v2.yaml",
            "--for",
            "3m",
            "-o",
            "json",
        ],
    ),
    (
        "nodes.txt",
        &[
            "simulate",
            "nodes-v1.yaml",
            "--apply-at",
            "30s=nodes-v2.yaml",
        ],
    ),
    // A course's kubectl steps at times, printed as a terminal shows them.
    (
        "kubectl-course.txt",
        &[
            "kubectl",
            "rich-v1.yaml",
            "--script",
            "kubectl-course.script",
        ],
    ),
];

#[test]
fn simulate_output_matches_the_golden_files() {
    let bless = std::env::var_os("KUBEPLAY_BLESS").is_some();
    let mut failures = Vec::new();
    for (golden, args) in CASES {
        let out = Command::new(BIN)
            .args(*args)
            .current_dir(dir())
            .output()
            .expect("kubeplay runs");
        assert!(
            out.status.success(),
            "kubeplay {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        );
        let path = dir().join(golden);
        if bless {
            std::fs::write(&path, &out.stdout).expect("write golden file");
            continue;
        }
        let want = std::fs::read(&path).expect("golden file exists");
        if want != out.stdout {
            let got = String::from_utf8_lossy(&out.stdout);
            let want = String::from_utf8_lossy(&want);
            let line = got
                .lines()
                .zip(want.lines())
                .position(|(a, b)| a != b)
                .unwrap_or_else(|| got.lines().count().min(want.lines().count()));
            failures.push(format!(
                "{golden} (kubeplay {}) differs from line {}:\n  got:  {}\n  want: {}",
                args.join(" "),
                line + 1,
                got.lines().nth(line).unwrap_or("<end>"),
                want.lines().nth(line).unwrap_or("<end>"),
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
