//! Every manifest of ../shared/corpus (real manifests written by others) loads without a panic, and
//! objects written against the current API get no error.

use std::path::{Path, PathBuf};

use kubeplay::diagnostic::Code;
use kubeplay::{analyze, Severity};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, out);
        } else if matches!(
            p.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml" | "json")
        ) {
            out.push(p);
        }
    }
}

/// Errors that say the input is not a current Kubernetes object at all (templates, other formats,
/// removed APIs), as opposed to a complaint about a well-formed one.
fn about_the_input_itself(code: Code) -> bool {
    matches!(
        code,
        Code::YamlSyntax
            | Code::NotAnObject
            | Code::MissingTypeInfo
            | Code::InputTooLarge
            | Code::UnknownKind
    )
}

/// Real mistakes in the corpus that the API server rejects too: (file, message part, why it is wrong).
const KNOWN_MISTAKES: &[(&str, &str, &str)] = &[
    (
        "volumes/rbd/rbd.yaml",
        "\"spec.volumes[0].rbd.imageformat\"",
        "imageFormat is a StorageClass parameter, not an RBDVolumeSource field",
    ),
    (
        "volumes/rbd/rbd.yaml",
        "\"spec.volumes[0].rbd.imagefeatures\"",
        "imageFeatures is a StorageClass parameter, not an RBDVolumeSource field",
    ),
    (
        "volumes/scaleio/pod.yaml",
        "\"spec.volumes[0].scaleIO.protectionDoamin\"",
        "a typo of protectionDomain",
    ),
    (
        "volumes/storageos/storageos-pod.yaml",
        "\"spec.volumes[0].storageos.pool\"",
        "StorageOSVolumeSource has no pool field",
    ),
    (
        "volumes/storageos/storageos-pv.yaml",
        "\"spec.storageos.secretName\"",
        "StorageOSPersistentVolumeSource takes secretRef, not secretName",
    ),
];

/// A template placeholder (`$VAR`, `${VAR}`, `{{ .Values.x }}`, `<your-project>`) in the text.
fn templated(text: &str) -> bool {
    text.contains('$') || text.contains("{{") || text.contains("<") && text.contains('>')
}

#[test]
fn corpus_loads_without_panics_or_false_errors() {
    let dir = corpus_dir();
    assert!(dir.is_dir(), "the corpus is expected at {}", dir.display());
    let mut paths = Vec::new();
    files(&dir, &mut paths);
    assert!(paths.len() > 100, "found only {} corpus files", paths.len());
    let (mut objects, mut errors, mut warnings) = (0, 0, 0);
    let mut false_errors = Vec::new();
    let mut seen_known = vec![false; KNOWN_MISTAKES.len()];
    for path in &paths {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let a = std::panic::catch_unwind(|| analyze(&text))
            .unwrap_or_else(|_| panic!("panic on {}", path.display()));
        objects += a.manifest.objects.len();
        for d in &a.diagnostics {
            match d.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
            }
            if d.severity != Severity::Error || about_the_input_itself(d.code) {
                continue;
            }
            // The object the error is in: the last one starting at or before it.
            let owner = a
                .manifest
                .objects
                .iter()
                .rfind(|o| o.span().start <= d.span.start);
            let removed_api = a.diagnostics.iter().any(|r| {
                r.code == Code::RemovedApi
                    && owner.is_some_and(|o| {
                        o.span().start <= r.span.start && r.span.start <= d.span.start
                    })
            });
            let line = text
                .lines()
                .nth(d.span.start.line as usize - 1)
                .unwrap_or_default();
            let path_text = path.display().to_string();
            let known = KNOWN_MISTAKES
                .iter()
                .position(|(f, m, _)| path_text.ends_with(f) && d.message.contains(m));
            if let Some(i) = known {
                seen_known[i] = true;
            } else if !removed_api && !templated(line) {
                false_errors.push(format!(
                    "{}:{}:{}: {}",
                    path.display(),
                    d.span.start.line,
                    d.span.start.col,
                    d.message
                ));
            }
        }
    }
    println!(
        "corpus: {} files, {objects} objects, {errors} errors, {warnings} warnings",
        paths.len()
    );
    for (i, seen) in seen_known.iter().enumerate() {
        assert!(
            seen,
            "a known corpus mistake is no longer reported: {:?}",
            KNOWN_MISTAKES[i]
        );
    }
    assert!(
        false_errors.is_empty(),
        "errors on current-API objects:\n{}",
        false_errors.join("\n")
    );
}
