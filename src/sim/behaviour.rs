//! What a simulated container does, read from what it runs.
//!
//! - A shell script (`sh -c "..."`, `bash -c`) and the programs the shell simulates (`sleep`,
//!   `echo`, `true`, `false`, ...) run as `shell.rs` runs them: their sleeps, loops and `exit`.
//! - Anything else is a server that runs until stopped, when the Pod restarts containers
//!   (`restartPolicy: Always`), and a task that finishes with exit 0 after 5 s otherwise; inside
//!   a script too.
//!
//! The annotation `sim.kubeplay.dev/<container name>` scripts it instead, clauses separated by `;`:
//!
//! | clause              | meaning                                                       |
//! |---------------------|---------------------------------------------------------------|
//! | `run 30s`           | runs 30 s, then exits 0 (`run forever` for a server)          |
//! | `exit 1 after 30s`  | exits with code 1 after 30 s (a crash)                        |
//! | `warmup 20s`        | its probes fail for the first 20 s                            |
//! | `unhealthy after 60s` | its probes fail from 60 s after it starts                   |
//! | `pull 10s`          | pulling its image takes 10 s                                  |
//! | `pull fails`        | its image cannot be pulled (ErrImagePull, ImagePullBackOff)   |
//! | `ignore sigterm`    | it only stops when killed at the end of the grace period      |

use k8s_openapi::api::core::v1::Container;

use super::shell::{self, Ends};
use super::time::{parse_duration, Millis, SECOND};

pub const ANNOTATION_PREFIX: &str = "sim.kubeplay.dev/";

/// How long a finite task runs when nothing says otherwise.
const DEFAULT_TASK: Millis = 5 * SECOND;
/// How long pulling an image takes the first time on a node.
pub const DEFAULT_PULL: Millis = 2 * SECOND;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Behaviour {
    /// None: runs until stopped. Some((after, code)): exits with `code` after `after`.
    pub exits: Option<(Millis, i32)>,
    /// Probes fail until this long after the start.
    pub warmup: Millis,
    /// Probes fail from this long after the start.
    pub unhealthy_after: Option<Millis>,
    pub pull: Millis,
    pub pull_fails: bool,
    /// Keeps running on SIGTERM (a shell as PID 1 does), so it stops only at the end of the grace period.
    pub ignores_sigterm: bool,
    /// A clause of the annotation that did not parse.
    pub error: Option<String>,
}

/// How long a program the shell does not simulate runs (the container's workload, in a script or
/// as its command): until stopped where the container restarts for ever, else a short task.
pub fn workload(restarts_forever: bool) -> Option<Millis> {
    (!restarts_forever).then_some(DEFAULT_TASK)
}

/// Reads the container's behaviour from its command, args and the Pod's annotation.
pub fn of(container: &Container, restart_always: bool, annotation: Option<&str>) -> Behaviour {
    let mut b = from_command(container, restart_always);
    if let Some(a) = annotation {
        apply_annotation(&mut b, a);
    }
    b
}

fn from_command(container: &Container, restart_always: bool) -> Behaviour {
    let mut words: Vec<String> = container.command.clone().unwrap_or_default();
    words.extend(container.args.clone().unwrap_or_default());
    let mut b = Behaviour {
        exits: (!restart_always).then_some((DEFAULT_TASK, 0)),
        warmup: 0,
        unhealthy_after: None,
        pull: DEFAULT_PULL,
        pull_fails: false,
        ignores_sigterm: false,
        error: None,
    };
    let Some(first) = words.first().map(|w| w.rsplit('/').next().unwrap_or(w)) else {
        return b;
    };
    // A shell (PID 1) and `sleep` keep running on SIGTERM.
    b.ignores_sigterm = matches!(first, "sh" | "bash" | "ash" | "dash" | "sleep");
    match shell::ends(&words, workload(restart_always)) {
        Ends::At(after, code) => b.exits = Some((after, code)),
        Ends::Never => b.exits = None,
        Ends::Unknown => b.ignores_sigterm = false,
    }
    b
}

fn apply_annotation(b: &mut Behaviour, a: &str) {
    for clause in a.split(';').map(str::trim).filter(|c| !c.is_empty()) {
        let words: Vec<&str> = clause.split_whitespace().collect();
        let dur = |s: &str| parse_duration(s).ok();
        let ok = match words.as_slice() {
            ["run", "forever"] => {
                b.exits = None;
                true
            }
            ["run", d] => dur(d).map(|d| b.exits = Some((d, 0))).is_some(),
            ["exit", code, "after", d] => match (code.parse::<i32>(), dur(d)) {
                (Ok(code), Some(d)) => {
                    b.exits = Some((d, code));
                    true
                }
                _ => false,
            },
            ["warmup", d] => dur(d).map(|d| b.warmup = d).is_some(),
            ["unhealthy", "after", d] => dur(d).map(|d| b.unhealthy_after = Some(d)).is_some(),
            ["pull", "fails"] => {
                b.pull_fails = true;
                true
            }
            ["pull", d] => dur(d).map(|d| b.pull = d).is_some(),
            ["ignore", "sigterm"] => {
                b.ignores_sigterm = true;
                true
            }
            _ => false,
        };
        if !ok && b.error.is_none() {
            b.error = Some(format!("unknown behaviour {}: expected run D, exit N after D, warmup D, unhealthy after D, pull D, pull fails or ignore sigterm", crate::validation::go_quote(clause)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn container(cmd: &[&str]) -> Container {
        Container {
            name: "c".into(),
            command: Some(cmd.iter().map(|s| s.to_string()).collect()),
            ..Default::default()
        }
    }

    #[test]
    fn behaviour_from_command() {
        type Case<'a> = (&'a [&'a str], bool, Option<(Millis, i32)>);
        let cases: &[Case] = &[
            (&["nginx"], true, None),
            (&["nginx"], false, Some((5000, 0))),
            (&["sleep", "30"], true, Some((30_000, 0))),
            (&["sleep", "infinity"], true, None),
            (
                &["sh", "-c", "echo hi; sleep 10; exit 3"],
                true,
                Some((10_000, 3)),
            ),
            (&["sh", "-c", "while true; do sleep 1; done"], false, None),
            (
                &["/bin/sh", "-c", "sleep 2 && false"],
                true,
                Some((2_000, 1)),
            ),
            (&["false"], true, Some((0, 1))),
        ];
        for (cmd, always, want) in cases {
            assert_eq!(of(&container(cmd), *always, None).exits, *want, "{cmd:?}");
        }
        let b = of(
            &container(&["nginx"]),
            true,
            Some("exit 1 after 30s; warmup 20s; pull 10s"),
        );
        assert_eq!(
            (b.exits, b.warmup, b.pull),
            (Some((30_000, 1)), 20_000, 10_000)
        );
        assert!(of(&container(&["nginx"]), true, Some("explode"))
            .error
            .is_some());
    }
}
