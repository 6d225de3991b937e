//! `kubectl` over the simulated cluster: the console's commands and `kubeplay kubectl`. A line
//! is split as a shell splits it (`words.rs`), its flags read as pflag reads them (`flags.rs`),
//! its resource types found as discovery names them (`resources.rs`), and its output printed by
//! the same printers as the page's tables, in kubectl's words: `deployment.apps/web scaled`,
//! `Error from server (NotFound): pods "x" not found`, exit status 1 on an error.
//!
//! The one thing to know: what a command changes is the cluster's live state, as on a real
//! cluster. The editor's text is not rewritten; its next apply reconciles what it names back to
//! what it says, as `kubectl apply` would.

mod apply3;
mod change;
mod complete;
mod create;
mod drain;
mod edit;
mod flags;
mod follow;
mod get;
mod jsonpath;
mod patch;
mod resources;
mod rollout;
pub mod steps;
pub mod words;

pub use complete::complete;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use flags::{boolean, value, Flag, Parsed};

use super::Cluster;

/// What a command printed and how it ended.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Output {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
    /// The command goes on as the clock runs (`get -w`, `rollout status`, `drain`): what it prints
    /// later comes from `Console::poll`, until it ends or the next line is run.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub follows: bool,
    /// Printed later by such a command (from `poll`), not in answer to a line.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub later: bool,
    /// `kubectl edit`: the line that saves the edit (its text as a here-document after it) and
    /// the object's YAML to edit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edit: Option<(String, String)>,
}

/// Output as it is written: lines to standard output, errors to standard error (which also set
/// the exit status to 1).
#[derive(Default)]
pub(crate) struct Out {
    o: Output,
}

impl Out {
    pub fn line(&mut self, s: String) {
        self.o.stdout.push_str(&s);
        self.o.stdout.push('\n');
    }

    pub fn text(&mut self, s: String) {
        self.o.stdout.push_str(&s);
    }

    /// An error line; the command exits 1.
    pub fn fail(&mut self, s: String) {
        self.o.stderr.push_str(&s);
        self.o.stderr.push('\n');
        self.o.code = 1;
    }

    /// A line on standard error that is not an error (`No resources found`).
    pub fn note(&mut self, s: String) {
        self.o.stderr.push_str(&s);
        self.o.stderr.push('\n');
    }

    fn done(self) -> Output {
        self.o
    }
}

/// Which namespaces a command sees.
pub(crate) struct Scope {
    pub ns: String,
    pub all: bool,
}

impl Scope {
    pub fn includes(&self, ns: &str) -> bool {
        self.all || ns == self.ns
    }

    /// The namespace a named object is looked for in.
    pub fn one(&self) -> &str {
        &self.ns
    }
}

/// The most bytes a console file may hold, and the most files.
const MAX_FILE: usize = 256 * 1024;
const MAX_FILES: usize = 64;

/// What a console keeps between commands: the files written with `cat > FILE`, and the
/// command that goes on as the clock runs, if one does.
#[derive(Default)]
pub struct Console {
    files: BTreeMap<String, String>,
    follow: Option<follow::Follow>,
    /// What `kubectl edit` opened: the line that saves it and the text.
    editing: Option<(String, String)>,
}

/// Every command kubectl has here, for completion and `kubectl help`.
pub const COMMANDS: &[&str] = &[
    "annotate",
    "api-resources",
    "apply",
    "cordon",
    "create",
    "delete",
    "describe",
    "drain",
    "edit",
    "events",
    "exec",
    "explain",
    "expose",
    "get",
    "label",
    "logs",
    "patch",
    "port-forward",
    "replace",
    "rollout",
    "scale",
    "set",
    "taint",
    "top",
    "uncordon",
    "version",
];

/// What `kubeplay node` takes, as `kubeplay node ACTION NODE`.
pub const NODE_ACTIONS: &[&str] = &["shutdown", "start", "stop-kubelet", "stop-runtime"];

const KUBEPLAY_USAGE: &str = "Usage: kubeplay node stop-runtime|stop-kubelet|shutdown|start NODE
       kubeplay node            (what runs on each node)

Faults to inject on a simulated node: stop its container runtime (containerd), stop its kubelet,
shut the machine down, or start everything again. The cluster answers as Kubernetes 1.33 does.
";

/// `kubeplay node ...`: the simulated nodes' faults (not a kubectl command: on a real cluster this
/// is `systemctl stop kubelet` on the node, or its power button).
fn kubeplay(c: &mut Cluster, args: &[String]) -> Output {
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    let fail = |stderr: String| Output {
        stderr,
        code: 1,
        ..Output::default()
    };
    match words.as_slice() {
        ["node"] => {
            let rows = c.node_processes();
            let width = rows.iter().map(|(n, _)| n.len()).max().unwrap_or(0).max(4);
            let mut stdout = format!("{:width$}   PROCESSES\n", "NODE");
            for (n, state) in rows {
                stdout.push_str(&format!("{n:width$}   {state}\n"));
            }
            Output {
                stdout,
                ..Output::default()
            }
        }
        ["node", action, node] => match crate::sim::Fault::parse(action) {
            Some(fault) => match c.node_fault(node, fault) {
                Ok(said) => Output {
                    stdout: format!("{said}\n"),
                    ..Output::default()
                },
                Err(e) => fail(format!("{e}\n")),
            },
            None => fail(format!(
                "kubeplay: unknown node action \"{action}\"\n{KUBEPLAY_USAGE}"
            )),
        },
        ["--help" | "-h" | "help", ..] | [] => Output {
            stdout: KUBEPLAY_USAGE.into(),
            ..Output::default()
        },
        _ => fail(KUBEPLAY_USAGE.into()),
    }
}

/// Flags every command takes (kubectl's persistent flags that mean something here).
const GLOBAL: &[Flag] = &[value("namespace", Some('n')), boolean("help", Some('h'))];

impl Console {
    pub fn new() -> Console {
        Console::default()
    }

    /// Whether a command goes on as the clock runs.
    pub fn following(&self) -> bool {
        self.follow.is_some()
    }

    /// What the command that goes on has printed since it was last asked (None when nothing);
    /// called after every move of the clock. Its `follows` is false once it has ended.
    pub fn poll(&mut self, c: &mut Cluster) -> Option<Output> {
        let f = self.follow.as_mut()?;
        let mut out = Out::default();
        let going = f.poll(c, &mut out);
        if !going {
            self.follow = None;
        }
        let mut o = out.done();
        o.follows = going;
        o.later = true;
        (!going || !o.stdout.is_empty() || !o.stderr.is_empty()).then_some(o)
    }

    /// Runs one console line (a here-document after it, if it has one). A command still going
    /// on ends first, as Ctrl+C ends it (an empty line only does that).
    pub fn run(&mut self, c: &mut Cluster, line: &str) -> Output {
        self.follow = None;
        apply3::install(c);
        let l = match words::split(line) {
            Ok(l) => l,
            Err(e) => {
                return Output {
                    stderr: format!("bash: {e}\n"),
                    code: 2,
                    ..Output::default()
                }
            }
        };
        let Some((program, args)) = l.words.split_first() else {
            return Output::default();
        };
        let mut output = match program.as_str() {
            "kubectl" | "k" => self.kubectl(c, args, l.stdin.as_deref()),
            "kubeplay" => kubeplay(c, args),
            "cat" => self.cat(args, l.stdin.as_deref()),
            "ls" => Output {
                stdout: self.files.keys().map(|f| format!("{f}\n")).collect(),
                ..Output::default()
            },
            "echo" => Output {
                stdout: format!("{}\n", args.join(" ")),
                ..Output::default()
            },
            other => Output {
                stdout: String::new(),
                stderr: format!("bash: {other}: command not found\n"),
                code: 127,
                ..Output::default()
            },
        };
        if let Some(file) = l.to_file {
            let text = std::mem::take(&mut output.stdout);
            if let Err(e) = self.write_file(&file, text) {
                output.stderr.push_str(&format!("bash: {file}: {e}\n"));
                output.code = 1;
            }
        }
        output
    }

    fn write_file(&mut self, name: &str, text: String) -> Result<(), String> {
        if text.len() > MAX_FILE {
            return Err(format!("File too large (at most {MAX_FILE} bytes)"));
        }
        if !self.files.contains_key(name) && self.files.len() >= MAX_FILES {
            return Err(format!(
                "No space left on device (at most {MAX_FILES} files)"
            ));
        }
        self.files.insert(name.to_string(), text);
        Ok(())
    }

    /// `cat FILE...`, or standard input (`cat > FILE <<EOF`).
    fn cat(&self, args: &[String], stdin: Option<&str>) -> Output {
        let mut out = Out::default();
        if args.is_empty() {
            out.text(stdin.unwrap_or_default().to_string());
        }
        for f in args {
            match self.files.get(f) {
                Some(t) => out.text(t.clone()),
                None => {
                    out.fail(format!("cat: {f}: No such file or directory"));
                }
            }
        }
        out.done()
    }

    /// A file's text: the console's own files first, then the examples by name.
    fn file(&self, name: &str) -> Option<String> {
        if let Some(t) = self.files.get(name) {
            return Some(t.clone());
        }
        crate::examples::EXAMPLES
            .iter()
            .find(|e| e.id == name || e.id == name.trim_end_matches(".yaml"))
            .map(|e| e.text(crate::i18n::Lang::En).to_string())
    }

    /// Runs kubectl with these arguments.
    pub fn kubectl(&mut self, c: &mut Cluster, args: &[String], stdin: Option<&str>) -> Output {
        apply3::install(c);
        let mut out = Out::default();
        let at = match command_at(args) {
            Ok(Some(at)) => at,
            Ok(None) => {
                out.text(help());
                return out.done();
            }
            Err(e) => {
                out.fail(e);
                return out.done();
            }
        };
        let command = args[at].as_str();
        let rest: Vec<String> = args[..at].iter().chain(&args[at + 1..]).cloned().collect();
        let Some(spec) = spec_of(command) else {
            out.fail(unknown_command(command));
            return out.done();
        };
        let all_flags: Vec<Flag> = GLOBAL.iter().chain(spec.flags).copied().collect();
        let p = match flags::parse(&rest, &all_flags) {
            Ok(p) => p,
            Err(e) => {
                out.fail(format!(
                    "error: {e}\nSee 'kubectl {command} --help' for usage."
                ));
                return out.done();
            }
        };
        if p.on("help") {
            out.line(format!("{}\n\nUsage:\n  {}", spec.about, spec.usage));
            return out.done();
        }
        let scope = Scope {
            ns: p.get("namespace").unwrap_or("default").to_string(),
            all: p.on("all-namespaces"),
        };
        (spec.run)(self, c, &p, &scope, stdin, &mut out);
        let mut o = out.done();
        o.follows = self.follow.is_some();
        o.edit = self.editing.take();
        o
    }
}

/// Where the command word is: the first argument that is not the namespace flag or its value.
/// Another flag before the command is refused as kubectl refuses it (it looks for a plugin).
fn command_at(args: &[String]) -> Result<Option<usize>, String> {
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        if a == "-n" || a == "--namespace" {
            i += 2;
            continue;
        }
        if a.starts_with("--namespace=") || (a.starts_with("-n") && !a.starts_with("--")) {
            i += 1;
            continue;
        }
        if a.starts_with('-') {
            return Err(format!(
                "Error: flags cannot be placed before plugin name: {a}"
            ));
        }
        return Ok(Some(i));
    }
    Ok(None)
}

fn unknown_command(command: &str) -> String {
    let mut s = format!(
        "error: unknown command {} for \"kubectl\"",
        crate::validation::go_quote(command)
    );
    let near: Vec<&str> = COMMANDS
        .iter()
        .copied()
        .filter(|c| crate::diagnostic::edit_distance(c, command) <= 2 || c.starts_with(command))
        .collect();
    if !near.is_empty() {
        s.push_str("\n\nDid you mean this?");
        for n in near {
            s.push_str(&format!("\n\t{n}"));
        }
    }
    s
}

fn help() -> String {
    let mut s = String::from("kubectl controls the Kubernetes cluster manager (here: the simulated cluster).\n\nCommands:\n");
    for c in COMMANDS {
        if let Some(spec) = spec_of(c) {
            s.push_str(&format!("  {c:<15} {}\n", spec.about));
        }
    }
    s.push_str("\nUsage:\n  kubectl [flags] [options]\n");
    s
}

type Run = fn(&mut Console, &mut Cluster, &Parsed, &Scope, Option<&str>, &mut Out);

/// One kubectl command: its flags, what `--help` says of it, and what it does.
struct Spec {
    name: &'static str,
    about: &'static str,
    usage: &'static str,
    flags: &'static [Flag],
    run: Run,
}

const SELECTOR: Flag = value("selector", Some('l'));
const ALL_NAMESPACES: Flag = boolean("all-namespaces", Some('A'));
const OUTPUT: Flag = value("output", Some('o'));

const SPECS: &[Spec] = &[
    Spec {
        name: "get",
        about: "Display one or many resources.",
        usage: "kubectl get [(-o|--output=)json|yaml|name|wide|custom-columns=...|jsonpath=...] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags]",
        flags: &[SELECTOR, ALL_NAMESPACES, OUTPUT, boolean("show-labels", None), boolean("watch", Some('w')), boolean("no-headers", None)],
        run: run_get,
    },
    Spec {
        name: "describe",
        about: "Show details of a specific resource or group of resources.",
        usage: "kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME)",
        flags: &[SELECTOR, ALL_NAMESPACES],
        run: run_describe,
    },
    Spec {
        name: "logs",
        about: "Print the logs for a container in a pod.",
        usage: "kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]",
        flags: &[value("container", Some('c')), boolean("previous", Some('p')), value("tail", None), boolean("follow", Some('f'))],
        run: run_logs,
    },
    Spec {
        name: "events",
        about: "List events.",
        usage: "kubectl events [(-o|--output=)json|yaml|name|wide] [--for TYPE/NAME] [--watch] [--types=Normal,Warning]",
        flags: &[ALL_NAMESPACES, value("for", None), value("types", None)],
        run: run_events,
    },
    Spec {
        name: "delete",
        about: "Delete resources by file names, stdin, resources and names, or by resources and label selector.",
        usage: "kubectl delete ([-f FILENAME] | TYPE [(NAME | -l label | --all)])",
        flags: &[SELECTOR, ALL_NAMESPACES, boolean("all", None), value("grace-period", None), boolean("force", None), boolean("now", None), boolean("wait", None), value("filename", Some('f'))],
        run: run_delete,
    },
    Spec {
        name: "scale",
        about: "Set a new size for a deployment, replica set, replication controller, or stateful set.",
        usage: "kubectl scale [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME)",
        flags: &[value("replicas", None), value("current-replicas", None), SELECTOR, boolean("all", None)],
        run: run_scale,
    },
    Spec {
        name: "label",
        about: "Update the labels on a resource.",
        usage: "kubectl label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N",
        flags: &[boolean("overwrite", None), SELECTOR, boolean("all", None), ALL_NAMESPACES],
        run: run_label,
    },
    Spec {
        name: "annotate",
        about: "Update the annotations on a resource.",
        usage: "kubectl annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N",
        flags: &[boolean("overwrite", None), SELECTOR, boolean("all", None), ALL_NAMESPACES],
        run: run_annotate,
    },
    Spec {
        name: "cordon",
        about: "Mark node as unschedulable.",
        usage: "kubectl cordon NODE",
        flags: &[SELECTOR],
        run: |_, c, p, s, _, out| run_cordon(c, p, s, true, out),
    },
    Spec {
        name: "uncordon",
        about: "Mark node as schedulable.",
        usage: "kubectl uncordon NODE",
        flags: &[SELECTOR],
        run: |_, c, p, s, _, out| run_cordon(c, p, s, false, out),
    },
    Spec {
        name: "create",
        about: "Create a resource from a file or from stdin.",
        usage: "kubectl create (deployment|service|configmap|secret|namespace|job) NAME [flags] [--dry-run=server|client|none] [-o yaml|json|name]",
        flags: create::FLAGS,
        run: create::run,
    },
    Spec {
        name: "apply",
        about: "Apply a configuration to a resource by file name or stdin.",
        usage: "kubectl apply -f FILENAME (a file written with `cat > FILE`, an example's name, or - for a here-document)",
        flags: &[value("filename", Some('f'))],
        run: run_apply,
    },
    Spec {
        name: "rollout",
        about: "Manage the rollout of a resource.",
        usage: "kubectl rollout (status|history|undo|restart|pause|resume) (TYPE NAME | TYPE/NAME) [flags]",
        flags: &[SELECTOR, value("watch", Some('w')), value("revision", None), value("to-revision", None), value("timeout", None)],
        run: rollout::run,
    },
    Spec {
        name: "set",
        about: "Set specific features on objects.",
        usage: "kubectl set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N",
        flags: &[SELECTOR, boolean("all", None)],
        run: rollout::set,
    },
    Spec {
        name: "drain",
        about: "Drain node in preparation for maintenance.",
        usage: "kubectl drain NODE [--ignore-daemonsets] [--delete-emptydir-data] [--force] [--grace-period=SECONDS] [--timeout=DURATION]",
        flags: &[
            SELECTOR,
            boolean("ignore-daemonsets", None),
            boolean("delete-emptydir-data", None),
            boolean("delete-local-data", None),
            boolean("force", None),
            boolean("disable-eviction", None),
            value("grace-period", None),
            value("timeout", None),
            value("pod-selector", None),
            value("dry-run", None),
        ],
        run: drain::run,
    },
    Spec {
        name: "taint",
        about: "Update the taints on one or more nodes.",
        usage: "kubectl taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N",
        flags: &[SELECTOR, boolean("all", None), boolean("overwrite", None)],
        run: drain::taint,
    },
    Spec {
        name: "patch",
        about: "Update fields of a resource.",
        usage: "kubectl patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [--type strategic|merge|json]",
        flags: &[value("patch", Some('p')), value("patch-file", None), value("type", None)],
        run: edit::run_patch,
    },
    Spec {
        name: "replace",
        about: "Replace a resource by file name or stdin.",
        usage: "kubectl replace -f FILENAME",
        flags: &[value("filename", Some('f'))],
        run: edit::run_replace,
    },
    Spec {
        name: "edit",
        about: "Edit a resource on the server.",
        usage: "kubectl edit (RESOURCE/NAME | -f FILENAME)",
        flags: &[],
        run: edit::run_edit,
    },
    Spec {
        name: "expose",
        about: "Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service.",
        usage: "kubectl expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--type=type]",
        flags: &[value("port", None), value("target-port", None), value("protocol", None), value("name", None), value("type", None), SELECTOR],
        run: edit::run_expose,
    },
    Spec {
        name: "port-forward",
        about: "Forward one or more local ports to a pod.",
        usage: "kubectl port-forward TYPE/NAME [options] [LOCAL_PORT:]REMOTE_PORT [...[LOCAL_PORT_N:]REMOTE_PORT_N]",
        flags: &[value("address", None)],
        run: edit::run_port_forward,
    },
    Spec {
        name: "exec",
        about: "Execute a command in a container.",
        usage: "kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]",
        flags: &[value("container", Some('c')), boolean("stdin", Some('i')), boolean("tty", Some('t'))],
        run: edit::run_exec,
    },
    Spec {
        name: "top",
        about: "Display resource (CPU/memory) usage.",
        usage: "kubectl top (node|pod) [NAME | -l label]",
        flags: &[SELECTOR, ALL_NAMESPACES, boolean("containers", None), value("sort-by", None)],
        run: edit::run_top,
    },
    Spec {
        name: "explain",
        about: "Get documentation for a resource.",
        usage: "kubectl explain TYPE[.FIELD]",
        flags: &[boolean("recursive", None)],
        run: edit::run_explain,
    },
    Spec {
        name: "api-resources",
        about: "Print the supported API resources on the server.",
        usage: "kubectl api-resources [flags]",
        flags: &[value("namespaced", None), OUTPUT],
        run: |_, _, p, _, _, out| {
            let namespaced = match p.get("namespaced") {
                None => None,
                Some("true") => Some(true),
                Some("false") => Some(false),
                Some(v) => {
                    return out.fail(format!(
                        "error: invalid argument {v:?} for \"--namespaced\" flag: strconv.ParseBool: parsing {v:?}: invalid syntax"
                    ))
                }
            };
            out.text(resources::api_resources(namespaced, p.get("output") == Some("name")));
        },
    },
    Spec {
        name: "version",
        about: "Print the client and server version information.",
        usage: "kubectl version",
        flags: &[],
        run: |_, _, _, _, _, out| {
            out.line("Client Version: v1.33.1\nKustomize Version: v5.6.0\nServer Version: v1.33.1".into());
        },
    },
];

fn spec_of(name: &str) -> Option<&'static Spec> {
    SPECS.iter().find(|s| s.name == name)
}

fn selector_of(p: &Parsed, out: &mut Out) -> Result<Option<crate::selector::Selector>, ()> {
    match p.get("selector") {
        None => Ok(None),
        Some(s) => match crate::selector::parse(s) {
            Ok(sel) => Ok(Some(sel)),
            Err(e) => {
                out.fail(format!("error: unable to parse requirement: {}", e.message));
                Err(())
            }
        },
    }
}

/// The objects the arguments name; every missing one's error printed.
fn targets(
    c: &Cluster,
    p: &Parsed,
    scope: &Scope,
    verb: &str,
    out: &mut Out,
) -> Option<(get::Asked, Vec<get::Target>)> {
    let asked = match get::asked(&p.args, verb) {
        Ok(a) => a,
        Err(e) => {
            out.fail(format!("error: {e}"));
            return None;
        }
    };
    let selector = selector_of(p, out).ok()?;
    if selector.is_some() && asked.groups.iter().any(|(_, names)| !names.is_empty()) {
        out.fail("error: name cannot be provided when a selector is specified".into());
        return None;
    }
    let (found, missing) = get::resolve(c, &asked, scope, selector.as_ref());
    for m in missing {
        out.fail(m);
    }
    Some((asked, found))
}

fn no_resources(scope: &Scope, namespaced: bool, out: &mut Out) {
    if scope.all || !namespaced {
        out.note("No resources found".into());
    } else {
        out.note(format!("No resources found in {} namespace.", scope.ns));
    }
}

fn run_get(
    console: &mut Console,
    c: &mut Cluster,
    p: &Parsed,
    scope: &Scope,
    _: Option<&str>,
    out: &mut Out,
) {
    let format = match get::Format::parse(p.get("output")) {
        Ok(f) => f,
        Err(e) => return out.fail(format!("error: {e}")),
    };
    let Some((asked, found)) = targets(c, p, scope, "get", out) else {
        return;
    };
    if p.on("watch") && out.o.code == 0 {
        // Rows printed from here on are each object's as it changes.
        let selector = selector_of(p, &mut Out::default()).ok().flatten();
        let again = get::Asked {
            groups: asked.groups.clone(),
        };
        let scope = Scope {
            ns: scope.ns.clone(),
            all: scope.all,
        };
        let wide = format == get::Format::Table { wide: true };
        console.follow = Some(follow::Follow::Watch(follow::Watch::new(
            c,
            again,
            selector,
            scope,
            wide,
            p.on("show-labels"),
        )));
    }
    let named = asked.groups.iter().any(|(_, n)| !n.is_empty());
    if found.is_empty() {
        if !named {
            let namespaced = asked.groups.iter().any(|(r, _)| r.namespaced);
            no_resources(scope, namespaced, out);
        }
        return;
    }
    let several = asked.groups.len() > 1;
    let single = named && asked.groups.len() == 1 && asked.groups[0].1.len() == 1;
    let mut printed = Out::default();
    get::print(
        c,
        &found,
        &format,
        scope,
        several,
        p.on("show-labels"),
        single,
        &mut printed,
    );
    let mut o = printed.done();
    if p.on("no-headers") && matches!(format, get::Format::Table { .. }) {
        o.stdout = o
            .stdout
            .split("\n\n")
            .map(|t| t.split_once('\n').map(|(_, rest)| rest).unwrap_or(""))
            .collect::<Vec<_>>()
            .join("\n");
    }
    out.text(o.stdout);
    if !o.stderr.is_empty() {
        out.fail(o.stderr.trim_end().to_string());
    }
}

fn run_describe(
    _: &mut Console,
    c: &mut Cluster,
    p: &Parsed,
    scope: &Scope,
    _: Option<&str>,
    out: &mut Out,
) {
    let Some((asked, found)) = targets(c, p, scope, "describe", out) else {
        return;
    };
    if found.is_empty() && asked.groups.iter().all(|(_, n)| n.is_empty()) {
        let namespaced = asked.groups.iter().any(|(r, _)| r.namespaced);
        return no_resources(scope, namespaced, out);
    }
    let texts: Vec<String> = found
        .iter()
        .filter_map(|t| crate::sim::print::describe(c, t.resource.kind, &t.ns, &t.name))
        .collect();
    out.text(texts.join("\n\n"));
}

fn run_logs(
    _: &mut Console,
    c: &mut Cluster,
    p: &Parsed,
    scope: &Scope,
    _: Option<&str>,
    out: &mut Out,
) {
    let Some(name) = p.args.first() else {
        return out.fail("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples".into());
    };
    let pod = match name.split_once('/') {
        None => name.clone(),
        Some((t, n)) => match resources::find(t).map(|r| r.kind) {
            Some("Pod") => n.to_string(),
            Some(kind) => match first_pod_of(c, kind, &scope.ns, n) {
                Some(pod) => pod,
                None => return out.fail(format!("error: cannot find any pod for {name}")),
            },
            None => {
                return out.fail(format!(
                    "error: the server doesn't have a resource type {}",
                    crate::validation::go_quote(t)
                ))
            }
        },
    };
    match crate::sim::print::logs::logs(c, &scope.ns, &pod, p.get("container"), p.on("previous")) {
        Ok(text) => {
            let text = match p.get("tail").and_then(|t| t.parse::<i64>().ok()) {
                Some(n) if n >= 0 => {
                    let lines: Vec<&str> = text.lines().collect();
                    let from = lines.len().saturating_sub(n as usize);
                    lines[from..].iter().map(|l| format!("{l}\n")).collect()
                }
                _ => text,
            };
            out.text(text);
        }
        Err(e) => out.fail(e),
    }
}

/// The first Pod (by name) a workload owns, as `kubectl logs deploy/web` picks one.
fn first_pod_of(c: &Cluster, kind: &str, ns: &str, name: &str) -> Option<String> {
    let selector = c
        .store
        .get_json(kind, ns, name)?
        .pointer("/spec/selector")
        .cloned()?;
    let ls: k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector = match kind {
        "Service" => k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector {
            match_labels: serde_json::from_value(selector).ok(),
            ..Default::default()
        },
        _ => serde_json::from_value(selector).ok()?,
    };
    let sel = crate::selector::from_label_selector(&ls).ok()?;
    c.store
        .pods
        .in_namespace(ns)
        .find(|p| sel.matches(&p.metadata.labels.clone().unwrap_or_default()))
        .and_then(|p| p.metadata.name.clone())
}

fn run_events(
    _: &mut Console,
    c: &mut Cluster,
    p: &Parsed,
    scope: &Scope,
    _: Option<&str>,
    out: &mut Out,
) {
    let types: Option<Vec<&str>> = p.get("types").map(|t| t.split(',').collect());
    let about = p.get("for").map(|f| f.split_once('/').unwrap_or(("", f)));
    let mut rows = vec![vec![
        "LAST SEEN".to_string(),
        "TYPE".into(),
        "REASON".into(),
        "OBJECT".into(),
        "MESSAGE".into(),
    ]];
    if scope.all {
        rows[0].insert(0, "NAMESPACE".into());
    }
    let mut list: Vec<&crate::sim::Event> = c
        .events()
        .iter()
        .filter(|e| scope.includes(&e.involved.namespace) || e.involved.namespace.is_empty())
        .filter(|e| types.as_ref().is_none_or(|t| t.contains(&e.type_.as_str())))
        .filter(|e| {
            about.is_none_or(|(kind, name)| {
                e.involved.name == name
                    && (kind.is_empty()
                        || resources::find(kind).is_some_and(|r| r.kind == e.involved.kind))
            })
        })
        .collect();
    crate::sort::by_key(&mut list, |e| e.last);
    if list.is_empty() {
        return no_resources(scope, true, out);
    }
    for e in list {
        let mut row = vec![
            crate::sim::time::human_duration(c.now() - e.last),
            e.type_.as_str().to_string(),
            e.reason.clone(),
            format!(
                "{}/{}",
                e.involved.kind.to_ascii_lowercase(),
                e.involved.name
            ),
            e.message.clone(),
        ];
        if scope.all {
            row.insert(0, e.involved.namespace.clone());
        }
        rows.push(row);
    }
    out.text(crate::sim::print::columns(&rows));
}

fn run_delete(
    _: &mut Console,
    c: &mut Cluster,
    p: &Parsed,
    scope: &Scope,
    _: Option<&str>,
    out: &mut Out,
) {
    let named = p.args.len() > 1 || p.args.iter().any(|a| a.contains('/'));
    if !named && !p.on("all") && !p.given("selector") {
        if p.args.is_empty() {
            return out.fail("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'".into());
        }
        return out.fail("error: resource(s) were provided, but no name was specified".into());
    }
    let grace = match p.get("grace-period").map(str::parse::<i64>) {
        None => None,
        Some(Ok(g)) => Some(g),
        Some(Err(_)) => return out.fail("error: invalid argument for --grace-period".into()),
    };
    let force = p.on("force");
    let grace = match (grace, force, p.on("now")) {
        (Some(0), false, _) => Some(1),
        (_, true, _) => {
            out.note("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.".into());
            Some(0)
        }
        (None, false, true) => Some(1),
        (g, _, _) => g,
    };
    let Some((asked, found)) = targets(c, p, scope, "delete", out) else {
        return;
    };
    if found.is_empty() && asked.groups.iter().all(|(_, n)| n.is_empty()) {
        return out.line("No resources found".into());
    }
    change::delete(c, &found, grace, out);
}

fn run_scale(
    _: &mut Console,
    c: &mut Cluster,
    p: &Parsed,
    scope: &Scope,
    _: Option<&str>,
    out: &mut Out,
) {
    let Some(replicas) = p.get("replicas") else {
        return out.fail("error: required flag(s) \"replicas\" not set".into());
    };
    let Ok(replicas) = replicas.parse::<i64>() else {
        return out.fail(format!("error: invalid argument {replicas:?} for \"--replicas\" flag: strconv.ParseInt: parsing {replicas:?}: invalid syntax"));
    };
    if replicas < 0 {
        return out.fail("error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0".into());
    }
    let current = p
        .get("current-replicas")
        .and_then(|v| v.parse::<i64>().ok())
        .filter(|v| *v >= 0);
    let Some((_, found)) = targets(c, p, scope, "scale", out) else {
        return;
    };
    change::scale(c, &found, replicas, current, out);
}

fn run_metadata(c: &mut Cluster, p: &Parsed, scope: &Scope, field: &str, out: &mut Out) {
    // `TYPE NAME k=v k2-` or `TYPE/NAME k=v`: the first word with `=` or ending in `-` starts the edits.
    let split = p
        .args
        .iter()
        .position(|a| a.contains('=') || (a.ends_with('-') && !a.contains('/')))
        .unwrap_or(p.args.len());
    let (names, edit_words) = p.args.split_at(split);
    if edit_words.is_empty() {
        return out.fail(format!(
            "error: at least one {} update is required",
            if field == "labels" {
                "label"
            } else {
                "annotation"
            }
        ));
    }
    let edits = change::edits(edit_words);
    if field == "labels" {
        for e in &edits {
            let (key, value) = match e {
                change::Edit::Set(k, v) => (k, Some(v)),
                change::Edit::Remove(k) => (k, None),
            };
            let key_errors = crate::validation::is_qualified_name(key);
            if !key_errors.is_empty() {
                return out.fail(format!(
                    "error: invalid label spec: {key}: {}",
                    key_errors.join("; ")
                ));
            }
            let value_errors = value
                .map(|v| crate::validation::is_valid_label_value(v))
                .unwrap_or_default();
            if !value_errors.is_empty() {
                return out.fail(format!(
                    "error: invalid label value: \"{key}={}\": {}",
                    value.map(String::as_str).unwrap_or(""),
                    value_errors.join("; ")
                ));
            }
        }
    }
    let mut q = p.clone();
    q.args = names.to_vec();
    let all = p.on("all");
    if !all && !p.given("selector") && names.len() < 2 && !names.iter().any(|n| n.contains('/')) {
        return out.fail("error: resource(s) were provided, but no name was specified".into());
    }
    let Some((_, found)) = targets(
        c,
        &q,
        scope,
        if field == "labels" {
            "label"
        } else {
            "annotate"
        },
        out,
    ) else {
        return;
    };
    change::set_metadata(c, &found, field, &edits, p.on("overwrite"), out);
}

fn run_label(
    _: &mut Console,
    c: &mut Cluster,
    p: &Parsed,
    scope: &Scope,
    _: Option<&str>,
    out: &mut Out,
) {
    run_metadata(c, p, scope, "labels", out);
}

fn run_annotate(
    _: &mut Console,
    c: &mut Cluster,
    p: &Parsed,
    scope: &Scope,
    _: Option<&str>,
    out: &mut Out,
) {
    run_metadata(c, p, scope, "annotations", out);
}

fn run_cordon(c: &mut Cluster, p: &Parsed, scope: &Scope, on: bool, out: &mut Out) {
    if p.args.is_empty() && !p.given("selector") {
        return out.fail(format!(
            "error: USAGE: {} NODE [flags]\nSee '{} -h' for help and examples",
            if on { "cordon" } else { "uncordon" },
            if on {
                "kubectl cordon"
            } else {
                "kubectl uncordon"
            }
        ));
    }
    let mut q = p.clone();
    q.args = if p.args.is_empty() {
        vec!["nodes".into()]
    } else {
        std::iter::once("nodes".to_string())
            .chain(
                p.args
                    .iter()
                    .map(|a| a.strip_prefix("node/").unwrap_or(a).to_string()),
            )
            .collect()
    };
    let Some((_, found)) = targets(c, &q, scope, "cordon", out) else {
        return;
    };
    change::cordon(c, &found, on, out);
}

fn run_apply(
    console: &mut Console,
    c: &mut Cluster,
    p: &Parsed,
    scope: &Scope,
    stdin: Option<&str>,
    out: &mut Out,
) {
    let files = p.all("filename");
    if files.is_empty() {
        return out.fail("error: must specify one of -f and -k".into());
    }
    for f in files {
        let text = if f == "-" {
            match stdin {
                Some(t) => t.to_string(),
                None => return out.fail("error: no objects passed to apply (give the manifest as a here-document: kubectl apply -f - <<EOF)".into()),
            }
        } else {
            match console.file(f) {
                Some(t) => t,
                None => {
                    return out.fail(format!(
                        "error: the path {} does not exist",
                        crate::validation::go_quote(f)
                    ))
                }
            }
        };
        change::apply(c, &text, &scope.ns, out);
    }
}
