//! Every fuzz target's checked-in seeds (`fuzz/seeds/<target>/`), replayed through the same
//! property functions the fuzzers run (`fuzz/src/lib.rs`), on the stable toolchain: each crash
//! or invariant failure a fuzzer found stays fixed once its input is a seed here.

#[allow(dead_code)]
#[path = "../fuzz/src/lib.rs"]
mod targets;

use std::path::Path;

fn replay(target: &str, property: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/seeds")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a seed").path())
        .collect();
    files.sort();
    assert!(files.len() >= 5, "{target} has {} seeds", files.len());
    for f in &files {
        let data = std::fs::read(f).expect("a readable seed");
        if std::panic::catch_unwind(|| property(&data)).is_err() {
            panic!("{target}: the seed {} fails", f.display());
        }
    }
}

#[test]
fn manifest_seeds() {
    replay("manifest", targets::manifest);
}

#[test]
fn selector_seeds() {
    replay("selector", targets::selector);
}

#[test]
fn share_seeds() {
    replay("share", targets::share);
}

#[test]
fn simulate_seeds() {
    replay("simulate", targets::simulate);
}

#[test]
fn cron_seeds() {
    replay("cron", targets::cron);
}

#[test]
fn shell_seeds() {
    replay("shell", targets::shell);
}

#[test]
fn graph_seeds() {
    replay("graph", targets::graph);
}

#[test]
fn console_seeds() {
    replay("console", targets::console);
}
