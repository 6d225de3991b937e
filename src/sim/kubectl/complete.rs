//! Tab completion of a console line from the live cluster: programs, kubectl's commands, a
//! command's flags, resource types, the names of objects of the type already typed (in the
//! namespace `-n` names) and namespaces after `-n`.

use super::get::list;
use super::{resources, spec_of, Scope, COMMANDS, GLOBAL};
use crate::sim::Cluster;

/// The most candidates returned.
const MAX: usize = 200;

/// What the last word of `line` could be, in order; empty when nothing fits.
pub fn complete(c: &Cluster, line: &str) -> Vec<String> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let partial = if line.ends_with(char::is_whitespace) || line.is_empty() {
        ""
    } else {
        words.last().copied().unwrap_or("")
    };
    let before: Vec<&str> = if partial.is_empty() {
        words.clone()
    } else {
        words[..words.len() - 1].to_vec()
    };
    let fits = |list: Vec<String>| -> Vec<String> {
        let mut out: Vec<String> = list
            .into_iter()
            .filter(|w| w.starts_with(partial))
            .collect();
        out.dedup();
        out.truncate(MAX);
        out
    };
    if before.is_empty() {
        return fits(
            ["kubectl", "kubeplay", "cat", "ls", "echo", "clear"]
                .map(String::from)
                .to_vec(),
        );
    }
    if before[0] == "kubeplay" {
        return match &before[1..] {
            [] => fits(vec!["node".into()]),
            ["node"] => fits(super::NODE_ACTIONS.iter().map(|a| a.to_string()).collect()),
            ["node", _] => fits(
                c.store
                    .nodes
                    .values()
                    .filter_map(|n| n.metadata.name.clone())
                    .collect(),
            ),
            _ => Vec::new(),
        };
    }
    if !matches!(before[0], "kubectl" | "k") {
        return Vec::new();
    }
    let ns = before
        .windows(2)
        .find(|w| w[0] == "-n" || w[0] == "--namespace")
        .map(|w| w[1].to_string())
        .unwrap_or_else(|| "default".into());
    if matches!(before.last(), Some(&"-n") | Some(&"--namespace")) {
        return fits(
            c.store
                .namespaces
                .values()
                .filter_map(|n| n.metadata.name.clone())
                .collect(),
        );
    }
    // The positional words after `kubectl`, flags and their values left out.
    let mut positional = Vec::new();
    let mut skip = false;
    for w in &before[1..] {
        if skip {
            skip = false;
            continue;
        }
        if matches!(
            *w,
            "-n" | "--namespace" | "-l" | "--selector" | "-o" | "--output" | "-c" | "--container"
        ) {
            skip = true;
            continue;
        }
        if !w.starts_with('-') {
            positional.push(*w);
        }
    }
    let Some(command) = positional.first().copied() else {
        return fits(COMMANDS.iter().map(|c| c.to_string()).collect());
    };
    let Some(spec) = spec_of(command) else {
        return Vec::new();
    };
    if partial.starts_with('-') {
        return fits(
            GLOBAL
                .iter()
                .chain(spec.flags)
                .map(|f| format!("--{}", f.long))
                .collect(),
        );
    }
    let scope = Scope { ns, all: false };
    let names_of = |kind: &str| -> Vec<String> {
        resources::of_kind(kind)
            .map(|r| {
                list(c, r, &scope, None)
                    .into_iter()
                    .map(|t| t.name)
                    .collect()
            })
            .unwrap_or_default()
    };
    // Commands whose first word is a subcommand: it comes first, then the type and name.
    let sub: Option<&[&str]> = match command {
        "rollout" => Some(super::rollout::SUBCOMMANDS),
        "set" => Some(&["image"]),
        "top" => Some(&["node", "pod"]),
        "create" => Some(&[
            "configmap",
            "deployment",
            "job",
            "namespace",
            "secret",
            "service",
        ]),
        _ => None,
    };
    if let Some(sub) = sub {
        if positional.len() == 1 {
            return fits(sub.iter().map(|s| s.to_string()).collect());
        }
        if command == "create" || command == "top" {
            return Vec::new();
        }
        positional.remove(0);
    }
    match command {
        "cordon" | "uncordon" | "drain" => fits(names_of("Node")),
        "logs" | "exec" => fits(names_of("Pod")),
        "apply" | "api-resources" | "version" | "events" | "replace" => Vec::new(),
        _ => match positional.get(1) {
            None => {
                let mut types: Vec<String> = resources::RESOURCES
                    .iter()
                    .map(|r| r.name.to_string())
                    .collect();
                types.extend(
                    resources::RESOURCES
                        .iter()
                        .flat_map(|r| r.short.iter().map(|s| s.to_string())),
                );
                if command == "get" {
                    types.push("all".into());
                }
                types.sort();
                fits(types)
            }
            Some(t) => match resources::find(t.split(',').next().unwrap_or("")) {
                Some(r) => fits(names_of(r.kind)),
                None => Vec::new(),
            },
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_word_completes_from_the_live_cluster() {
        let mut c = Cluster::new();
        let text = crate::examples::EXAMPLES[0].text(crate::i18n::Lang::En);
        c.apply(&crate::manifest::load(text));
        c.run_until(crate::sim::time::MINUTE);
        let cases: &[(&str, &[&str])] = &[
            ("kub", &["kubectl", "kubeplay"]),
            ("kubeplay ", &["node"]),
            ("kubeplay node stop-", &["stop-kubelet", "stop-runtime"]),
            (
                "kubeplay node shutdown kind-w",
                &["kind-worker", "kind-worker2"],
            ),
            ("kubectl de", &["delete", "describe"]),
            ("kubectl get dep", &["deploy", "deployments"]),
            ("kubectl get deploy ", &["greeter"]),
            ("kubectl scale deployment gr", &["greeter"]),
            (
                "kubectl get svc -n kube-",
                &["kube-node-lease", "kube-public", "kube-system"],
            ),
            ("kubectl get sa -n kube-system ", &["default"]),
            ("kubectl cordon kind-w", &["kind-worker", "kind-worker2"]),
            ("kubectl get pods --show", &["--show-labels"]),
            ("kubectl scale deploy greeter --rep", &["--replicas"]),
            ("kubectl rollout re", &["restart", "resume"]),
            ("kubectl rollout undo deploy ", &["greeter"]),
            ("kubectl set ", &["image"]),
            ("kubectl create se", &["secret", "service"]),
            (
                "kubectl drain kind-worker2 --ignore",
                &["--ignore-daemonsets"],
            ),
            ("kubectl drain kind-w", &["kind-worker", "kind-worker2"]),
            ("kubectl nope ", &[]),
            ("helm ", &[]),
        ];
        for (line, want) in cases {
            assert_eq!(complete(&c, line), *want, "{line:?}");
        }
        let pods = complete(&c, "kubectl logs greeter-");
        assert_eq!(pods.len(), 3, "{pods:?}");
    }
}
