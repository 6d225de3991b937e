//! The "who may import whom" rules of ARCHITECTURE.md, checked on the source text.
//!
//! The one thing to know: a module's references are the `crate::a::b` and `super::a` paths in its
//! code (comments and doc comments excluded), resolved to module paths; a rule names the modules
//! that may not be referenced from a set of files. Paths inside braces (`use super::{a::b}`) are
//! seen only up to the brace.

use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable").flatten() {
        let p = entry.path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The module path of a source file: `src/sim/controllers/mod.rs` → `sim::controllers`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).expect("under src");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|s| s.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.last().is_some_and(|l| l == "mod" || l == "lib") {
        parts.pop();
    }
    parts
}

/// Every module path the file's code refers to, absolute from the crate root.
fn references(module: &[String], text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(i) = rest.find(|c: char| c.is_ascii_alphabetic()) {
            rest = &rest[i..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(rest.len());
            let path = &rest[..end];
            rest = &rest[end..];
            let segs: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
            let abs: Option<Vec<String>> = match segs.first() {
                // The binaries name the library by its crate name.
                Some(&"crate") | Some(&"kubeplay") => {
                    Some(segs[1..].iter().map(|s| s.to_string()).collect())
                }
                Some(&"super") => {
                    // `super` is the parent of the file's module (a folder's mod.rs is the
                    // folder's module).
                    let mut base: Vec<String> = module.to_vec();
                    let ups = segs.iter().take_while(|s| **s == "super").count();
                    for _ in 0..ups {
                        base.pop();
                    }
                    base.extend(segs[ups..].iter().map(|s| s.to_string()));
                    Some(base)
                }
                _ => None,
            };
            if let Some(a) = abs {
                out.push(a.join("::"));
            }
        }
    }
    out
}

/// (files whose module starts with this, modules they may not reference).
const RULES: &[(&str, &[&str])] = &[
    // The shells reach the simulator through `kubeplay::cluster`, never into `sim`.
    ("ui", &["sim"]),
    ("bin", &["sim"]),
    // The engine never knows the UI.
    ("manifest", &["ui"]),
    ("selector", &["ui", "sim", "analysis"]),
    // The analysis shares the Pod rules (sim::pod) and nothing else of the simulator.
    (
        "analysis",
        &[
            "ui",
            "sim::apply",
            "sim::controllers",
            "sim::kubelet",
            "sim::scheduler",
            "sim::store",
            "sim::print",
            "sim::Cluster",
        ],
    ),
    ("sim", &["ui", "analysis"]),
    // The graph is a leaf: it is handed nodes and links, and lays out and draws them.
    (
        "graph",
        &[
            "ui",
            "sim",
            "analysis",
            "manifest",
            "selector",
            "i18n",
            "diagnostic",
        ],
    ),
    ("validation", &["ui", "sim", "analysis", "manifest"]),
    ("diagnostic", &["ui", "sim", "analysis"]),
    ("share", &["ui", "sim", "analysis"]),
    // The catalogs are a leaf: everything says its words through them, they know nothing else.
    (
        "i18n",
        &[
            "ui",
            "sim",
            "analysis",
            "manifest",
            "selector",
            "diagnostic",
            "share",
            "examples",
        ],
    ),
    // Leaves of the simulator: what everyone imports imports none of them.
    (
        "sim::pod",
        &[
            "sim::controllers",
            "sim::kubelet",
            "sim::scheduler",
            "sim::store",
            "sim::apply",
        ],
    ),
    (
        "sim::queue",
        &[
            "sim::controllers",
            "sim::kubelet",
            "sim::scheduler",
            "sim::store",
        ],
    ),
    (
        "sim::usage",
        &[
            "sim::controllers",
            "sim::kubelet",
            "sim::scheduler",
            "sim::store",
        ],
    ),
    (
        "sim::time",
        &[
            "sim::controllers",
            "sim::kubelet",
            "sim::scheduler",
            "sim::store",
        ],
    ),
    (
        "sim::store",
        &[
            "sim::controllers",
            "sim::kubelet",
            "sim::scheduler",
            "sim::apply",
            "sim::print",
        ],
    ),
    (
        "sim::controller",
        &["sim::controllers", "sim::kubelet", "sim::scheduler"],
    ),
    // Components meet only through the store: no controller reaches into another.
    ("sim::controllers", &["sim::kubelet", "sim::print"]),
    (
        "sim::kubelet",
        &["sim::controllers", "sim::scheduler", "sim::print"],
    ),
    (
        "sim::scheduler",
        &["sim::controllers", "sim::kubelet", "sim::print"],
    ),
];

fn starts_with_module(path: &str, module: &str) -> bool {
    path == module || path.starts_with(&format!("{module}::"))
}

#[test]
fn modules_import_only_what_the_architecture_allows() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&src, &mut all);
    all.sort();
    assert!(all.len() > 40, "found only {} source files", all.len());
    let mut broken = Vec::new();
    let mut checked = 0;
    for file in &all {
        let module = module_of(&src, file);
        // Test modules (`tests.rs` beside a module) may reach anywhere.
        if module.last().is_some_and(|m| m == "tests") {
            continue;
        }
        let name = module.join("::");
        let text = std::fs::read_to_string(file).expect("readable");
        // Test modules may reach anywhere.
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        let refs = references(&module, code);
        for (scope, banned) in RULES {
            if !starts_with_module(&name, scope) {
                continue;
            }
            checked += 1;
            for r in &refs {
                // A file may name its own module's children.
                if starts_with_module(r, &name) {
                    continue;
                }
                if let Some(b) = banned.iter().find(|b| starts_with_module(r, b)) {
                    broken.push(format!(
                        "{} ({name}) refers to {r}, which {scope} may not import ({b})",
                        file.display()
                    ));
                }
            }
        }
    }
    assert!(checked > 20, "the rules matched only {checked} files");
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

/// The checker itself: a file that breaks a rule is caught.
#[test]
fn a_forbidden_reference_is_found() {
    let module: Vec<String> = ["sim", "kubelet"].iter().map(|s| s.to_string()).collect();
    let refs = references(
        &module,
        "use super::controllers::qos_class;\n// crate::ui is only a comment\nlet x = crate::sim::pod::phase(p);",
    );
    assert_eq!(refs, ["sim::controllers::qos_class", "sim::pod::phase"]);
    let module: Vec<String> = ["sim", "controllers"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let refs = references(&module, "use super::kubelet;");
    assert_eq!(refs, ["sim::kubelet"]);
    let module: Vec<String> = ["bin", "kubeplay"].iter().map(|s| s.to_string()).collect();
    let refs = references(&module, "use kubeplay::sim::Cluster;");
    assert_eq!(refs, ["sim::Cluster"]);
}
