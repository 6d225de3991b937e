//! `kubectl create` and its subcommands, as kubectl 1.33 has them (k8s.io/kubectl
//! `pkg/cmd/create/create_*.go`): `deployment`, `service clusterip|nodeport|loadbalancer|
//! externalname`, `configmap`, `secret generic|docker-registry`, `namespace` and `job`.
//!
//! The one thing to know: a subcommand builds the object kubectl's generator builds (the pure
//! functions below, tested without a cluster) and then either prints it (`--dry-run=client`) or
//! POSTs it — never an update: a name that is taken is refused with AlreadyExists, as the API
//! server refuses a create. Checks run in kubectl's order (flags, required flags, the NAME,
//! `--dry-run`, `-o`, the subcommand's own validation, then the server), so the first error a
//! line has is the one kubectl prints.

use std::collections::BTreeMap;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde_json::{json, Map, Value};

use super::flags::{value, Flag, Parsed};
use super::{change, resources, Console, Out, Scope};
use crate::sim::Cluster;
use crate::validation::go_quote;

/// Every flag a `create` subcommand takes; each subcommand refuses the ones it does not take.
pub(crate) const FLAGS: &[Flag] = &[
    value("output", Some('o')),
    value("dry-run", None),
    value("filename", Some('f')),
    value("image", None),
    value("replicas", Some('r')),
    value("port", None),
    value("tcp", None),
    value("clusterip", None),
    value("node-port", None),
    value("external-name", None),
    value("from-literal", None),
    value("from-file", None),
    value("from-env-file", None),
    value("type", None),
    value("from", None),
    value("docker-server", None),
    value("docker-username", None),
    value("docker-password", None),
    value("docker-email", None),
    value("cert", None),
    value("key", None),
];

/// What every subcommand takes (`-n` and `-h` are kubectl's global flags).
const COMMON: &[&str] = &["output", "dry-run", "namespace", "help"];

/// The integer flags: pflag parses them before anything runs (name, as pflag names it, bits).
const INTS: &[(&str, &str, u32)] = &[
    ("replicas", "-r, --replicas", 32),
    ("port", "--port", 32),
    ("node-port", "--node-port", 64),
];

/// `create_secret_docker.go`: the registry `--docker-server` defaults to.
const DOCKER_HUB: &str = "https://index.docker.io/v1/";

/// Upstream's other subcommands (and their aliases), which kubeplay does not build.
const NOT_SIMULATED: &[&str] = &[
    "clusterrole",
    "clusterrolebinding",
    "cronjob",
    "cj",
    "ingress",
    "ing",
    "poddisruptionbudget",
    "pdb",
    "priorityclass",
    "pc",
    "quota",
    "resourcequota",
    "role",
    "rolebinding",
    "serviceaccount",
    "sa",
    "token",
];

const SERVICE_HELP: &str = "Create a service using a specified subcommand.

Aliases:
service, svc

Available Commands:
  clusterip       Create a ClusterIP service
  externalname    Create an ExternalName service
  loadbalancer    Create a LoadBalancer service
  nodeport        Create a NodePort service

Usage:
  kubectl create service [flags] [options]

Use \"kubectl create service <command> --help\" for more information about a given command.
Use \"kubectl options\" for a list of global command-line options (applies to all commands).";

const SECRET_HELP: &str = "Create a secret with specified type.

 A docker-registry type secret is for accessing a container registry.

 A generic type secret indicate an Opaque secret type.

 A tls type secret holds TLS certificate and its associated key.

Available Commands:
  docker-registry   Create a secret for use with a Docker registry
  generic           Create a secret from a local file, directory, or literal value
  tls               Create a TLS secret

Usage:
  kubectl create secret (docker-registry | generic | tls) [options]

Use \"kubectl create secret <command> --help\" for more information about a given command.
Use \"kubectl options\" for a list of global command-line options (applies to all commands).";

/// Why a command stopped, rendered in one place (`Failure::render`).
#[derive(Debug, PartialEq)]
enum Failure {
    /// pflag's refusal of a flag: `See '<path> --help' for usage.` follows.
    Flag(String),
    /// `cmdutil.UsageErrorf`: `See '<path> -h' for help and examples` follows.
    Usage(String),
    /// Any other client-side error: `error: ` before it.
    Error(String),
    /// Printed as it is (the API server's error where kubectl does not wrap it).
    Raw(String),
    /// The API server's refusal of the create, as `change::create` words it; the subcommand may
    /// put its own words before the server's message (`failed to create deployment: `).
    Server(String),
}

impl Failure {
    fn render(&self, sub: &Sub) -> String {
        let path = sub.path();
        match self {
            Failure::Flag(m) => format!("error: {m}\nSee '{path} --help' for usage."),
            Failure::Usage(m) => format!("error: {m}\nSee '{path} -h' for help and examples"),
            Failure::Error(m) => format!("error: {m}"),
            Failure::Raw(m) => m.clone(),
            Failure::Server(m) => match sub.wrap {
                // kubectl wraps the StatusError with %v: its reason is lost, its message kept.
                Some(wrap) => format!("error: {wrap}{}", server_message(m)),
                None => m.clone(),
            },
        }
    }
}

/// The StatusError's own message, as kubectl's `%v` prints it: `namespaces "x" not found` out
/// of `Error from server (NotFound): namespaces "x" not found`, and `Deployment.apps "x" is
/// invalid: ...` out of the apply path's `The Deployment "x" is invalid: ...`.
fn server_message(e: &str) -> String {
    if let Some((_, message)) = e
        .strip_prefix("Error from server (")
        .and_then(|rest| rest.split_once("): "))
    {
        return message.to_string();
    }
    match e.strip_prefix("The ").and_then(|rest| rest.split_once(' ')) {
        Some((kind, rest)) => match resources::of_kind(kind).filter(|r| !r.group.is_empty()) {
            Some(r) => format!("{kind}.{} {rest}", r.group),
            None => format!("{kind} {rest}"),
        },
        None => e.to_string(),
    }
}

/// One subcommand: its words after `create`, the flags it takes beyond `COMMON`, the ones it
/// requires, kubectl's words before a server error, and how it builds its object.
struct Sub {
    name: &'static str,
    flags: &'static [&'static str],
    required: &'static [&'static str],
    wrap: Option<&'static str>,
    build: fn(&mut Ctx) -> Result<Value, Failure>,
}

impl Sub {
    fn path(&self) -> String {
        if self.name.is_empty() {
            "kubectl create".into()
        } else {
            format!("kubectl create {}", self.name)
        }
    }
}

const DEPLOYMENT: Sub = Sub {
    name: "deployment",
    flags: &["image", "replicas", "port"],
    required: &["image"],
    wrap: Some("failed to create deployment: "),
    build: build_deployment,
};

const SERVICES: &[Sub] = &[
    Sub {
        name: "service clusterip",
        flags: &["tcp", "clusterip"],
        required: &[],
        wrap: Some("failed to create ClusterIP service: "),
        build: |x| build_service(x, "ClusterIP"),
    },
    Sub {
        name: "service nodeport",
        flags: &["tcp", "node-port"],
        required: &[],
        wrap: Some("failed to create NodePort service: "),
        build: |x| build_service(x, "NodePort"),
    },
    Sub {
        name: "service loadbalancer",
        flags: &["tcp"],
        required: &[],
        wrap: Some("failed to create LoadBalancer service: "),
        build: |x| build_service(x, "LoadBalancer"),
    },
    Sub {
        name: "service externalname",
        flags: &["tcp", "external-name"],
        required: &["external-name"],
        wrap: Some("failed to create ExternalName service: "),
        build: |x| build_service(x, "ExternalName"),
    },
];

const CONFIG_MAP: Sub = Sub {
    name: "configmap",
    flags: &["from-file", "from-literal", "from-env-file"],
    required: &[],
    wrap: Some("failed to create configmap: "),
    build: build_config_map,
};

// create_secret.go wraps without a colon: `failed to create secret secrets "s" already exists`.
const SECRETS: &[Sub] = &[
    Sub {
        name: "secret generic",
        flags: &["from-file", "from-literal", "from-env-file", "type"],
        required: &[],
        wrap: Some("failed to create secret "),
        build: build_secret,
    },
    Sub {
        name: "secret docker-registry",
        flags: &[
            "docker-server",
            "docker-username",
            "docker-password",
            "docker-email",
            "from-file",
        ],
        required: &[],
        wrap: Some("failed to create secret "),
        build: build_docker_registry,
    },
    Sub {
        name: "secret tls",
        flags: &["cert", "key"],
        required: &[],
        wrap: Some("failed to create secret "),
        build: build_tls,
    },
];

const NAMESPACE: Sub = Sub {
    name: "namespace",
    flags: &[],
    required: &[],
    wrap: None,
    build: |x| Ok(namespace(x.name)),
};

const JOB: Sub = Sub {
    name: "job",
    flags: &["image", "from"],
    required: &[],
    wrap: Some("failed to create job: "),
    build: build_job,
};

/// `kubectl create` itself, for the errors it prints (`create -f` is not simulated).
const CREATE: Sub = Sub {
    name: "",
    flags: &[],
    required: &[],
    wrap: None,
    build: |_| Err(Failure::Error("must specify one of -f and -k".into())),
};

/// What a builder reads: the line, the cluster (a CronJob, the seeded suffixes), the files.
struct Ctx<'a> {
    console: &'a Console,
    c: &'a mut Cluster,
    p: &'a Parsed,
    name: &'a str,
    /// Where the object goes.
    ns: &'a str,
    /// Whether `-n` named the namespace: only then does the built object say it.
    enforce: bool,
    /// What follows `--`.
    command: &'a [String],
    /// The integer flags' values, read before anything else as pflag reads them.
    ints: BTreeMap<&'static str, i64>,
}

impl Ctx<'_> {
    fn ns_field(&self) -> Option<&str> {
        self.enforce.then_some(self.ns)
    }
}

/// `kubectl create SUBCOMMAND NAME ...`.
pub(crate) fn run(
    console: &mut Console,
    c: &mut Cluster,
    p: &Parsed,
    scope: &Scope,
    _stdin: Option<&str>,
    out: &mut Out,
) {
    let (sub, names) = match subcommand(p) {
        Ok(found) => found,
        Err(said) => return out.fail(said),
    };
    if let Err(f) = create(console, c, p, scope, sub, names, out) {
        out.fail(f.render(sub));
    }
}

/// The subcommand the arguments name and the arguments after its words; else what kubectl says.
fn subcommand(p: &Parsed) -> Result<(&'static Sub, &[String]), String> {
    let args = p.args.as_slice();
    let Some(first) = args.first() else {
        if p.given("filename") {
            return Err("error: kubectl create -f is not simulated here: kubectl apply -f FILE creates what the file names (and configures what exists)".into());
        }
        return Err(Failure::Error("must specify one of -f and -k".into()).render(&CREATE));
    };
    let direct = match first.as_str() {
        "deployment" | "deploy" => Some(&DEPLOYMENT),
        "configmap" | "cm" => Some(&CONFIG_MAP),
        "namespace" | "ns" => Some(&NAMESPACE),
        "job" => Some(&JOB),
        _ => None,
    };
    if let Some(sub) = direct {
        return Ok((sub, &args[1..]));
    }
    let (group, subs, help) = match first.as_str() {
        "service" | "svc" => ("service", SERVICES, SERVICE_HELP),
        "secret" => ("secret", SECRETS, SECRET_HELP),
        other if NOT_SIMULATED.contains(&other) => {
            return Err(format!("error: kubectl create {other} is not simulated here (kubeplay creates configmap, deployment, job, namespace, secret and service): write the object as YAML and kubectl apply -f it"));
        }
        _ => {
            return Err(
                Failure::Usage(format!("Unexpected args: [{}]", args.join(" "))).render(&CREATE),
            );
        }
    };
    let Some(kind) = args.get(1) else {
        // cmdutil.DefaultSubCommandRun: the help, on standard error, and exit 1.
        return Err(help.into());
    };
    match subs
        .iter()
        .find(|s| s.name.rsplit(' ').next() == Some(kind.as_str()))
    {
        Some(sub) => Ok((sub, &args[2..])),
        None => Err(format!(
            "error: unknown command {}\nSee 'kubectl create {group} -h' for help and examples",
            go_quote(&args[1..].join(" "))
        )),
    }
}

/// Runs one subcommand, in kubectl's order of checks.
fn create(
    console: &Console,
    c: &mut Cluster,
    p: &Parsed,
    scope: &Scope,
    sub: &'static Sub,
    names: &[String],
    out: &mut Out,
) -> Result<(), Failure> {
    // pflag: flags the subcommand does not have, and integer flags that do not parse.
    for f in FLAGS {
        if p.given(f.long) && !sub.flags.contains(&f.long) && !COMMON.contains(&f.long) {
            return Err(Failure::Flag(match f.short {
                Some(s) if f.long == "filename" => format!("unknown shorthand flag: '{s}' in -{s}"),
                _ => format!("unknown flag: --{}", f.long),
            }));
        }
    }
    let mut ints = BTreeMap::new();
    for (long, shown, bits) in INTS {
        if let Some(v) = p.get(long).filter(|_| sub.flags.contains(long)) {
            let n = parse_int(v, *bits).map_err(|why| {
                Failure::Flag(format!(
                    "invalid argument {} for {} flag: strconv.ParseInt: parsing {}: {why}",
                    go_quote(v),
                    go_quote(shown),
                    go_quote(v)
                ))
            })?;
            ints.insert(*long, n);
        }
    }
    // cobra: required flags.
    let missing: Vec<String> = sub
        .required
        .iter()
        .filter(|f| !p.given(f))
        .map(|f| go_quote(f))
        .collect();
    if !missing.is_empty() {
        return Err(Failure::Error(format!(
            "required flag(s) {} not set",
            missing.join(", ")
        )));
    }
    // Complete: NameFromCommandArgs, the dry-run strategy, the printer.
    let [name] = names else {
        return Err(Failure::Usage(format!(
            "exactly one NAME is required, got {}",
            names.len()
        )));
    };
    let (dry, warning) = dry_run(p.get("dry-run"))?;
    let format = Format::parse(p.get("output"))?;
    if let Some(w) = warning {
        out.note(w);
    }
    let mut x = Ctx {
        console,
        c,
        p,
        name,
        ns: &scope.ns,
        enforce: p.given("namespace"),
        command: &p.after_dash,
        ints,
    };
    let built = (sub.build)(&mut x)?;
    let shown = match dry {
        DryRun::Client => built,
        DryRun::None => send(c, &built, &scope.ns)?,
        // The server's answer without keeping the object: the create, on a copy of the cluster.
        DryRun::Server => send(&mut c.clone(), &built, &scope.ns)?,
    };
    format.print(&shown, dry, out)
}

/// POSTs the object to the cluster's namespace `ns`; the stored object as the server answers.
fn send(c: &mut Cluster, built: &Value, ns: &str) -> Result<Value, Failure> {
    let text = |p: &str| built.pointer(p).and_then(Value::as_str).unwrap_or_default();
    let kind = text("/kind").to_string();
    let name = text("/metadata/name").to_string();
    let r = resources::of_kind(&kind);
    let namespaced = r.is_some_and(|r| r.namespaced);
    let body = for_server(built, namespaced.then_some(ns));
    match change::create(c, &body).map_err(Failure::Server)? {
        crate::sim::apply::ApplyOutcome::Created => {}
        _ => {
            return Err(Failure::Error(format!(
                "{}/{name}: the object has errors",
                r.map(|r| r.prefix()).unwrap_or_default()
            )))
        }
    }
    let stored = c
        .store
        .get_json(&kind, if namespaced { ns } else { "" }, &name);
    Ok(answer(built, stored))
}

/// The object as it is sent: in its namespace, without the fields a client leaves to the server.
fn for_server(built: &Value, ns: Option<&str>) -> Value {
    let mut v = built.clone();
    if let Some(o) = v.as_object_mut() {
        o.remove("status");
    }
    for meta in ["/metadata", "/spec/template/metadata"] {
        if let Some(m) = v.pointer_mut(meta).and_then(Value::as_object_mut) {
            if m.get("creationTimestamp").is_some_and(Value::is_null) {
                m.remove("creationTimestamp");
            }
        }
    }
    if let (Some(ns), Some(m)) = (
        ns,
        v.pointer_mut("/metadata").and_then(Value::as_object_mut),
    ) {
        m.insert("namespace".into(), Value::String(ns.into()));
    }
    v
}

/// What the POST returns: the stored object as it was when created (the controllers have run
/// since: their status and a Deployment's revision annotation are taken back out); a
/// Namespace's status is the server's own (`phase: Active`).
fn answer(built: &Value, stored: Option<Value>) -> Value {
    let Some(mut v) = stored else {
        return built.clone();
    };
    if let Some(m) = v.pointer_mut("/metadata").and_then(Value::as_object_mut) {
        if let Some(Value::Object(a)) = m.get_mut("annotations") {
            a.remove("deployment.kubernetes.io/revision");
            if a.is_empty() {
                m.remove("annotations");
            }
        }
    }
    if built.get("kind").and_then(Value::as_str) != Some("Namespace") {
        if let (Some(o), Some(status)) = (v.as_object_mut(), built.get("status")) {
            o.insert("status".into(), status.clone());
        }
    }
    v
}

/// `--dry-run`: cmdutil.GetDryRunStrategy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DryRun {
    None,
    Client,
    Server,
}

/// The strategy, and the deprecation warning kubectl logs for a boolean value.
fn dry_run(v: Option<&str>) -> Result<(DryRun, Option<String>), Failure> {
    let deprecated = |v: &str, instead: &str| {
        Some(format!(
            "--dry-run={v} is deprecated (boolean value) and can be replaced with --dry-run={instead}."
        ))
    };
    Ok(match v {
        None | Some("none") => (DryRun::None, None),
        Some("client") => (DryRun::Client, None),
        Some("server") => (DryRun::Server, None),
        Some("unchanged") => (
            DryRun::Client,
            Some("--dry-run is deprecated and can be replaced with --dry-run=client.".into()),
        ),
        Some(v @ ("1" | "t" | "T" | "TRUE" | "true" | "True")) => {
            (DryRun::Client, deprecated(v, "client"))
        }
        Some(v @ ("0" | "f" | "F" | "FALSE" | "false" | "False")) => {
            (DryRun::None, deprecated(v, "none"))
        }
        Some(v) => {
            return Err(Failure::Error(format!(
                "Invalid dry-run value ({v}). Must be \"none\", \"server\", or \"client\"."
            )))
        }
    })
}

/// `-o`: what kubectl prints of the object (genericclioptions.PrintFlags).
#[derive(Clone, Debug, PartialEq, Eq)]
enum Format {
    /// `deployment.apps/web created`
    Created,
    Name,
    Json,
    Yaml,
    JsonPath(String),
}

impl Format {
    fn parse(o: Option<&str>) -> Result<Format, Failure> {
        Ok(match o.unwrap_or("") {
            "" => Format::Created,
            "name" => Format::Name,
            "json" => Format::Json,
            "yaml" => Format::Yaml,
            "jsonpath" => {
                return Err(Failure::Error(
                    "template format specified but no template given".into(),
                ))
            }
            o if o.starts_with("jsonpath=") => {
                Format::JsonPath(o["jsonpath=".len()..].to_string())
            }
            o if ["go-template", "go-template-file", "template", "templatefile", "jsonpath-as-json", "jsonpath-file"]
                .iter()
                .any(|t| o == *t || o.starts_with(&format!("{t}="))) =>
            {
                return Err(Failure::Error(format!(
                    "{} is not simulated here: use -o yaml, -o json, -o name or -o jsonpath=TEMPLATE",
                    go_quote(o)
                )))
            }
            o => {
                return Err(Failure::Error(format!(
                    "unable to match a printer suitable for the output format {}, allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml",
                    go_quote(o)
                )))
            }
        })
    }

    fn print(&self, v: &Value, dry: DryRun, out: &mut Out) -> Result<(), Failure> {
        let kind = v.get("kind").and_then(Value::as_str).unwrap_or_default();
        let name = v
            .pointer("/metadata/name")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let prefix = resources::of_kind(kind)
            .map(|r| r.prefix())
            .unwrap_or_else(|| kind.to_ascii_lowercase());
        match self {
            Format::Created => {
                let how = match dry {
                    DryRun::None => "created",
                    DryRun::Client => "created (dry run)",
                    DryRun::Server => "created (server dry run)",
                };
                out.line(format!("{prefix}/{name} {how}"));
            }
            Format::Name => out.line(format!("{prefix}/{name}")),
            Format::Json => out.text(super::get::json_text(v)),
            Format::Yaml => out.text(crate::sim::print::to_yaml(v)),
            Format::JsonPath(t) => match super::jsonpath::render(t, v) {
                Ok(s) => out.text(s),
                Err(e) => {
                    return Err(Failure::Error(format!(
                        "error executing jsonpath {}: {e}",
                        go_quote(t)
                    )))
                }
            },
        }
        Ok(())
    }
}

/// strconv.ParseInt(s, 0, bits), as pflag's integer flags call it: the value, or the reason
/// strconv gives (`invalid syntax`, `value out of range`).
fn parse_int(s: &str, bits: u32) -> Result<i64, &'static str> {
    let (negative, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let lower = body.to_ascii_lowercase();
    let (radix, digits) = if let Some(d) = lower.strip_prefix("0x") {
        (16, d)
    } else if let Some(d) = lower.strip_prefix("0o") {
        (8, d)
    } else if let Some(d) = lower.strip_prefix("0b") {
        (2, d)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (8, &lower[1..])
    } else {
        (10, lower.as_str())
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return Err("invalid syntax");
    }
    let magnitude = u128::from_str_radix(digits, radix).unwrap_or(u128::MAX);
    let limit = 1u128 << (bits - 1);
    let in_range = if negative {
        magnitude <= limit
    } else {
        magnitude < limit
    };
    if !in_range {
        return Err("value out of range");
    }
    let m = magnitude as i128;
    Ok((if negative { -m } else { m }) as i64)
}

/// A StringSlice flag's values: each given value split at commas, as pflag reads CSV.
fn slice<'a>(p: &'a Parsed, long: &str) -> Vec<&'a str> {
    p.all(long)
        .into_iter()
        .filter(|v| !v.is_empty())
        .flat_map(|v| v.split(','))
        .collect()
}

// ---- deployment ----

fn build_deployment(x: &mut Ctx) -> Result<Value, Failure> {
    let images = slice(x.p, "image");
    if images.len() > 1 && !x.command.is_empty() {
        return Err(Failure::Error(
            "cannot specify multiple --image options and command".into(),
        ));
    }
    let replicas = x.ints.get("replicas").copied().unwrap_or(1);
    let port = x.ints.get("port").copied().filter(|p| *p >= 0);
    let rng = &mut x.c.rng;
    let containers: Vec<(String, String)> = images
        .iter()
        .map(|image| {
            (
                container_name(image, &mut || rng.suffix(5)),
                image.to_string(),
            )
        })
        .collect();
    Ok(deployment(
        x.name,
        x.ns_field(),
        &containers,
        replicas,
        port,
        x.command,
    ))
}

/// create_deployment.go buildPodSpec: the image's last path segment without its tag or digest;
/// `_` and `.` become `-` and a random suffix keeps two such names apart (sanitizeAndUniquify).
fn container_name(image: &str, suffix: &mut dyn FnMut() -> String) -> String {
    let last = image.rsplit('/').next().unwrap_or(image);
    let last = last.split(':').next().unwrap_or(last);
    let last = last.split('@').next().unwrap_or(last);
    if last.contains(['_', '.']) {
        format!("{}-{}", last.replace(['_', '.'], "-"), suffix())
    } else {
        last.to_string()
    }
}

/// `metadata` as a generator writes it: a zero creationTimestamp prints as `null`.
fn meta(name: &str, ns: Option<&str>, labels: Option<Value>) -> Value {
    let mut m = Map::new();
    m.insert("creationTimestamp".into(), Value::Null);
    m.insert("name".into(), name.into());
    if let Some(ns) = ns {
        m.insert("namespace".into(), ns.into());
    }
    if let Some(l) = labels {
        m.insert("labels".into(), l);
    }
    Value::Object(m)
}

/// A container as the generators build it (`resources: {}` is a struct, so it is printed).
fn container(name: &str, image: &str, command: &[String]) -> Value {
    let mut c = Map::new();
    c.insert("image".into(), image.into());
    c.insert("name".into(), name.into());
    c.insert("resources".into(), json!({}));
    if !command.is_empty() {
        c.insert("command".into(), json!(command));
    }
    Value::Object(c)
}

/// `kubectl create deployment`'s object (create_deployment.go createDeployment).
fn deployment(
    name: &str,
    ns: Option<&str>,
    containers: &[(String, String)],
    replicas: i64,
    port: Option<i64>,
    command: &[String],
) -> Value {
    let labels = json!({ "app": name });
    let mut list: Vec<Value> = containers
        .iter()
        .map(|(n, image)| container(n, image, command))
        .collect();
    if let (Some(p), Some(Value::Object(first))) = (port, list.first_mut()) {
        first.insert("ports".into(), json!([{ "containerPort": p }]));
    }
    json!({
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": meta(name, ns, Some(labels.clone())),
        "spec": {
            "replicas": replicas,
            "selector": { "matchLabels": labels },
            "strategy": {},
            "template": {
                "metadata": { "creationTimestamp": null, "labels": labels },
                "spec": { "containers": list },
            },
        },
        "status": {},
    })
}

// ---- service ----

fn build_service(x: &mut Ctx, type_: &str) -> Result<Value, Failure> {
    let tcp = slice(x.p, "tcp");
    let cluster_ip = x.p.get("clusterip").unwrap_or("");
    let external_name = x.p.get("external-name").unwrap_or("");
    let node_port = x.ints.get("node-port").copied().unwrap_or(0);
    validate_service(type_, cluster_ip, &tcp, external_name).map_err(Failure::Error)?;
    service(
        x.name,
        x.ns_field(),
        type_,
        &tcp,
        node_port,
        cluster_ip,
        external_name,
    )
    .map_err(Failure::Error)
}

/// create_service.go ServiceOptions.Validate.
fn validate_service(
    type_: &str,
    cluster_ip: &str,
    tcp: &[&str],
    external_name: &str,
) -> Result<(), String> {
    if cluster_ip == "None" && type_ != "ClusterIP" {
        return Err("ClusterIP=None can only be used with ClusterIP service type".into());
    }
    if cluster_ip != "None" && tcp.is_empty() && type_ != "ExternalName" {
        return Err("at least one tcp port specifier must be provided".into());
    }
    if type_ == "ExternalName" && !crate::validation::is_dns1123_subdomain(external_name).is_empty()
    {
        return Err(format!("invalid service external name {external_name}"));
    }
    Ok(())
}

/// `kubectl create service TYPE`'s object (create_service.go createService): each `--tcp`
/// `port[:targetPort]` a TCP port named after it, `5678:8080` as `5678-8080`.
fn service(
    name: &str,
    ns: Option<&str>,
    type_: &str,
    tcp: &[&str],
    node_port: i64,
    cluster_ip: &str,
    external_name: &str,
) -> Result<Value, String> {
    let mut ports = Vec::new();
    for spec in tcp {
        let (port, target) = parse_ports(spec)?;
        let mut p = Map::new();
        p.insert("name".into(), spec.replace(':', "-").into());
        p.insert("port".into(), port.into());
        p.insert("protocol".into(), "TCP".into());
        p.insert("targetPort".into(), target);
        // ServicePort.NodePort is an int32: Go's conversion wraps, and 0 is left out.
        let node_port = node_port as i32;
        if node_port != 0 {
            p.insert("nodePort".into(), node_port.into());
        }
        ports.push(Value::Object(p));
    }
    let mut spec = Map::new();
    if !ports.is_empty() {
        spec.insert("ports".into(), Value::Array(ports));
    }
    spec.insert("selector".into(), json!({ "app": name }));
    spec.insert("type".into(), type_.into());
    if !cluster_ip.is_empty() {
        spec.insert("clusterIP".into(), cluster_ip.into());
    }
    if !external_name.is_empty() {
        spec.insert("externalName".into(), external_name.into());
    }
    Ok(json!({
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": meta(name, ns, Some(json!({ "app": name }))),
        "spec": spec,
        "status": { "loadBalancer": {} },
    }))
}

/// create_service.go parsePorts: the port (utilsnet.ParsePort, zero allowed) and the target, a
/// number (1-65535) or a port name.
fn parse_ports(spec: &str) -> Result<(i64, Value), String> {
    let mut parts = spec.split(':');
    let first = parts.next().unwrap_or_default();
    // strconv.ParseUint(s, 10, 16)
    if first.is_empty() || !first.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "strconv.ParseUint: parsing {}: invalid syntax",
            go_quote(first)
        ));
    }
    let port = match first.parse::<u64>() {
        Ok(p) if p <= 65535 => p as i64,
        _ => {
            return Err(format!(
                "strconv.ParseUint: parsing {}: value out of range",
                go_quote(first)
            ))
        }
    };
    let Some(target) = parts.next() else {
        return Ok((port, port.into()));
    };
    match atoi(target) {
        Some(n) if (1..=65535).contains(&n) => Ok((port, n.into())),
        Some(_) => Err("must be between 1 and 65535, inclusive".into()),
        None => {
            let errs = port_name_errors(target);
            if errs.is_empty() {
                Ok((port, target.into()))
            } else {
                Err(errs.join(","))
            }
        }
    }
}

/// strconv.Atoi: an optional sign and decimal digits that fit in 64 bits.
fn atoi(s: &str) -> Option<i64> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.strip_prefix('+').unwrap_or(s).parse().ok()
}

/// apimachinery validation.IsValidPortName.
fn port_name_errors(port: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if port.len() > 15 {
        errs.push("must be no more than 15 characters".into());
    }
    if port.is_empty()
        || !port
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        errs.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)".into());
    }
    if !port.bytes().any(|b| b.is_ascii_lowercase()) {
        errs.push("must contain at least one letter (a-z)".into());
    }
    if port.contains("--") {
        errs.push("must not contain consecutive hyphens".into());
    }
    if port.starts_with('-') || port.ends_with('-') {
        errs.push("must not begin or end with a hyphen".into());
    }
    errs
}

// ---- configmap and secret data ----

/// Where a key and its value come from.
#[derive(Clone, Copy, Debug)]
enum Source<'a> {
    /// `--from-literal=key=value`
    Literal(&'a str),
    /// `--from-file=[key=]path`
    File(&'a str),
    /// `--from-env-file=path`: `KEY=value` lines.
    EnvFile(&'a str),
}

/// What the data goes into: the key rules are the same, the messages are not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Holder {
    ConfigMap,
    Secret,
}

/// The keys and values of a ConfigMap or a Secret, from its sources in order; `file` reads the
/// console's files. The first refusal is kubectl's message.
fn gather(
    holder: Holder,
    name: &str,
    sources: &[Source],
    file: &dyn Fn(&str) -> Option<String>,
) -> Result<BTreeMap<String, String>, String> {
    let mut data = BTreeMap::new();
    let read = |path: &str| {
        file(path).ok_or_else(|| format!("error reading {path}: no such file or directory"))
    };
    for source in sources {
        match *source {
            Source::Literal(s) => {
                let (key, value) = literal_source(s)?;
                add(holder, name, &mut data, key, value.to_string())?;
            }
            Source::File(s) => {
                let (key, path) = file_source(s)?;
                let text = read(path)?;
                add(holder, name, &mut data, &key, text)?;
            }
            Source::EnvFile(path) => {
                let text = read(path)?;
                for (key, value) in env_file(&text)? {
                    add(holder, name, &mut data, key, value.to_string())?;
                }
            }
        }
    }
    Ok(data)
}

/// create_configmap.go validateNewConfigMap and create_secret.go addKeyFromLiteralToSecret.
fn add(
    holder: Holder,
    name: &str,
    data: &mut BTreeMap<String, String>,
    key: &str,
    value: String,
) -> Result<(), String> {
    let errs = config_map_key_errors(key);
    match holder {
        Holder::ConfigMap => {
            if !errs.is_empty() {
                return Err(format!(
                    "{} is not a valid key name for a ConfigMap: {}",
                    go_quote(key),
                    errs.join(",")
                ));
            }
            if data.contains_key(key) {
                return Err(format!(
                    "cannot add key {}, another key by that name already exists in Data for ConfigMap {}",
                    go_quote(key),
                    go_quote(name)
                ));
            }
        }
        Holder::Secret => {
            if !errs.is_empty() {
                return Err(format!(
                    "{} is not valid key name for a Secret {}",
                    go_quote(key),
                    errs.join(";")
                ));
            }
            if data.contains_key(key) {
                return Err(format!(
                    "cannot add key {key}, another key by that name already exists"
                ));
            }
        }
    }
    data.insert(key.to_string(), value);
    Ok(())
}

/// kubectl util.ParseLiteralSource: `key=value`, split at the first `=`.
fn literal_source(s: &str) -> Result<(&str, &str), String> {
    match s.split_once('=') {
        Some((key, value)) if !key.is_empty() => Ok((key, value)),
        _ => Err(format!("invalid literal source {s}, expected key=value")),
    }
}

/// kubectl util.ParseFileSource: `path` (the key is its base name) or `key=path`.
fn file_source(s: &str) -> Result<(String, &str), String> {
    match s.matches('=').count() {
        0 => Ok((base_name(s), s)),
        1 if s.starts_with('=') => Err(format!("key name for file path {} missing", &s[1..])),
        1 if s.ends_with('=') => Err(format!(
            "file path for key name {} missing",
            &s[..s.len() - 1]
        )),
        1 => {
            let (key, path) = s.split_once('=').unwrap_or((s, ""));
            Ok((key.to_string(), path))
        }
        _ => Err("key names or file paths cannot contain '='".into()),
    }
}

/// Go's path.Base.
fn base_name(path: &str) -> String {
    if path.is_empty() {
        return ".".into();
    }
    let trimmed = path.trim_end_matches('/');
    if trimmed.is_empty() {
        return "/".into();
    }
    trimmed.rsplit('/').next().unwrap_or(trimmed).to_string()
}

/// cmdutil.AddFromEnvFile: `KEY=value` lines; blank lines and `#` comments skipped, leading
/// space trimmed, a UTF-8 byte-order mark dropped from the first line. A line without `=` takes
/// its value from kubectl's environment, which is empty here.
fn env_file(text: &str) -> Result<Vec<(&str, &str)>, String> {
    let mut pairs = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = if i == 0 {
            line.strip_prefix('\u{feff}').unwrap_or(line)
        } else {
            line
        };
        let line = line.trim_start();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, value) = line.split_once('=').unwrap_or((line, ""));
        let errs = env_var_name_errors(key);
        if !errs.is_empty() {
            return Err(format!(
                "{} is not a valid key name: {}",
                go_quote(key),
                errs.join(";")
            ));
        }
        pairs.push((key, value));
    }
    Ok(pairs)
}

/// apimachinery validation.IsConfigMapKey.
fn config_map_key_errors(key: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if key.len() > crate::validation::MAX_SUBDOMAIN {
        errs.push(format!(
            "must be no more than {} characters",
            crate::validation::MAX_SUBDOMAIN
        ));
    }
    let ok = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.');
    if key.is_empty() || !key.bytes().all(ok) {
        errs.push("a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')".into());
    }
    errs.extend(chdir_errors(key));
    errs
}

/// apimachinery validation.IsEnvVarName.
fn env_var_name_errors(key: &str) -> Vec<String> {
    let mut errs = Vec::new();
    let ok = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.');
    let starts = key
        .bytes()
        .next()
        .is_some_and(|b| ok(b) && !b.is_ascii_digit());
    if !starts || !key.bytes().all(ok) {
        errs.push("a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')".into());
    }
    errs.extend(chdir_errors(key));
    errs
}

/// apimachinery validation's hasChDirPrefix.
fn chdir_errors(key: &str) -> Option<String> {
    match key {
        "." => Some("must not be '.'".into()),
        ".." => Some("must not be '..'".into()),
        k if k.starts_with("..") => Some("must not start with '..'".into()),
        _ => None,
    }
}

fn build_config_map(x: &mut Ctx) -> Result<Value, Failure> {
    let files = slice(x.p, "from-file");
    let literals = x.p.all("from-literal");
    let envs = slice(x.p, "from-env-file");
    if !envs.is_empty() && (!files.is_empty() || !literals.is_empty()) {
        return Err(Failure::Error(
            "from-env-file cannot be combined with from-file or from-literal".into(),
        ));
    }
    // create_configmap.go: files, then literals, then env files.
    let sources: Vec<Source> = (files.iter().map(|f| Source::File(f)))
        .chain(literals.iter().map(|l| Source::Literal(l)))
        .chain(envs.iter().map(|e| Source::EnvFile(e)))
        .collect();
    let console = x.console;
    let data = gather(Holder::ConfigMap, x.name, &sources, &|f| console.file(f))
        .map_err(Failure::Error)?;
    Ok(config_map(x.name, x.ns_field(), &data))
}

/// `kubectl create configmap`'s object (create_configmap.go createConfigMap); no `data` when
/// it has no keys, as an empty map is left out.
fn config_map(name: &str, ns: Option<&str>, data: &BTreeMap<String, String>) -> Value {
    let mut v = json!({
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": meta(name, ns, None),
    });
    if let (Some(o), false) = (v.as_object_mut(), data.is_empty()) {
        o.insert("data".into(), json!(data));
    }
    v
}

fn build_secret(x: &mut Ctx) -> Result<Value, Failure> {
    let files = slice(x.p, "from-file");
    let literals = x.p.all("from-literal");
    let envs = slice(x.p, "from-env-file");
    if !envs.is_empty() && (!files.is_empty() || !literals.is_empty()) {
        return Err(Failure::Error(
            "from-env-file cannot be combined with from-file or from-literal".into(),
        ));
    }
    // create_secret.go: literals, then files, then env files.
    let sources: Vec<Source> = (literals.iter().map(|l| Source::Literal(l)))
        .chain(files.iter().map(|f| Source::File(f)))
        .chain(envs.iter().map(|e| Source::EnvFile(e)))
        .collect();
    let console = x.console;
    let data =
        gather(Holder::Secret, x.name, &sources, &|f| console.file(f)).map_err(Failure::Error)?;
    let type_ = x.p.get("type").unwrap_or("");
    Ok(secret(x.name, x.ns_field(), type_, &data))
}

fn build_docker_registry(x: &mut Ctx) -> Result<Value, Failure> {
    let get = |f: &str| x.p.get(f).unwrap_or("");
    let server = x.p.get("docker-server").unwrap_or(DOCKER_HUB);
    let (user, password, email) = (
        get("docker-username"),
        get("docker-password"),
        get("docker-email"),
    );
    // A file with no key is the .dockerconfigjson.
    let files: Vec<String> = slice(x.p, "from-file")
        .into_iter()
        .map(|f| {
            if f.contains('=') {
                f.to_string()
            } else {
                format!(".dockerconfigjson={f}")
            }
        })
        .collect();
    if files.is_empty() && (user.is_empty() || password.is_empty() || server.is_empty()) {
        return Err(Failure::Error("either --from-file or the combination of --docker-username, --docker-password and --docker-server is required".into()));
    }
    let data = if files.is_empty() {
        BTreeMap::from([(
            ".dockerconfigjson".to_string(),
            docker_config_json(user, password, email, server),
        )])
    } else {
        let sources: Vec<Source> = files.iter().map(|f| Source::File(f)).collect();
        let console = x.console;
        gather(Holder::Secret, x.name, &sources, &|f| console.file(f)).map_err(Failure::Error)?
    };
    Ok(secret(
        x.name,
        x.ns_field(),
        "kubernetes.io/dockerconfigjson",
        &data,
    ))
}

/// `create secret tls` needs `tls.X509KeyPair` to check the pair: kubeplay has no X.509, so it
/// refuses rather than store a pair kubectl would have refused.
fn build_tls(x: &mut Ctx) -> Result<Value, Failure> {
    if x.p.get("cert").unwrap_or("").is_empty() || x.p.get("key").unwrap_or("").is_empty() {
        return Err(Failure::Error("key and cert must be specified".into()));
    }
    Err(Failure::Error("kubectl create secret tls is not simulated here (kubeplay cannot check a TLS key pair): write a Secret of type kubernetes.io/tls with tls.crt and tls.key as YAML and kubectl apply -f it".into()))
}

/// create_secret_docker.go handleDockerCfgJSONContent: Go's json.Marshal of the auths, each
/// field left out when empty, `auth` the base64 of `user:password`.
fn docker_config_json(user: &str, password: &str, email: &str, server: &str) -> String {
    let auth = STANDARD.encode(format!("{user}:{password}"));
    let fields: Vec<String> = [
        ("username", user),
        ("password", password),
        ("email", email),
        ("auth", auth.as_str()),
    ]
    .iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| format!("\"{k}\":{}", go_json_string(v)))
    .collect();
    format!(
        "{{\"auths\":{{{}:{{{}}}}}}}",
        go_json_string(server),
        fields.join(",")
    )
}

/// A string as Go's encoding/json writes it (HTML characters escaped).
fn go_json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `kubectl create secret`'s object (create_secret.go newSecretObj): the values base64, as a
/// Secret's `data` holds them; `type` left out when not given (the server makes it Opaque).
fn secret(name: &str, ns: Option<&str>, type_: &str, data: &BTreeMap<String, String>) -> Value {
    let mut v = Map::new();
    v.insert("apiVersion".into(), "v1".into());
    v.insert("kind".into(), "Secret".into());
    v.insert("metadata".into(), meta(name, ns, None));
    if !data.is_empty() {
        let encoded: Map<String, Value> = data
            .iter()
            .map(|(k, val)| (k.clone(), Value::String(STANDARD.encode(val))))
            .collect();
        v.insert("data".into(), Value::Object(encoded));
    }
    if !type_.is_empty() {
        v.insert("type".into(), type_.into());
    }
    Value::Object(v)
}

// ---- namespace and job ----

/// `kubectl create namespace`'s object (create_namespace.go createNamespace).
fn namespace(name: &str) -> Value {
    json!({
        "apiVersion": "v1",
        "kind": "Namespace",
        "metadata": meta(name, None, None),
        "spec": {},
        "status": {},
    })
}

fn build_job(x: &mut Ctx) -> Result<Value, Failure> {
    let image = x.p.get("image").unwrap_or("");
    let from = x.p.get("from").unwrap_or("");
    if image.is_empty() == from.is_empty() {
        return Err(Failure::Error(
            "either --image or --from must be specified".into(),
        ));
    }
    if !x.command.is_empty() && !from.is_empty() {
        return Err(Failure::Error("cannot specify --from and command".into()));
    }
    if !image.is_empty() {
        return Ok(job(x.name, x.ns_field(), image, x.command));
    }
    let cron_job = cron_job_named(x.c, from, x.ns)?;
    Ok(job_from_cron_job(x.name, x.ns_field(), &cron_job))
}

/// The CronJob `--from=cronjob/NAME` names, found as kubectl's resource builder finds it.
fn cron_job_named(c: &Cluster, from: &str, ns: &str) -> Result<Value, Failure> {
    let unknown = |t: &str| {
        Failure::Error(format!(
            "the server doesn't have a resource type {}",
            go_quote(t)
        ))
    };
    let Some((t, name)) = from.split_once('/') else {
        return Err(match resources::find(from) {
            None => unknown(from),
            Some(_) => {
                Failure::Error("resource(s) were provided, but no name was specified".into())
            }
        });
    };
    if name.contains('/') {
        return Err(Failure::Error(
            "arguments in resource/name form must have a single resource and name".into(),
        ));
    }
    if name.is_empty() {
        return Err(Failure::Error("resource name may not be empty".into()));
    }
    let r = resources::find(t).ok_or_else(|| unknown(t))?;
    let found = c
        .store
        .get_json(r.kind, if r.namespaced { ns } else { "" }, name);
    let Some(v) = found else {
        return Err(Failure::Raw(format!(
            "Error from server (NotFound): {} {} not found",
            r.qualified(),
            go_quote(name)
        )));
    };
    if r.kind != "CronJob" {
        return Err(Failure::Error(format!(
            "unknown object type *v1.{}",
            r.kind
        )));
    }
    Ok(v)
}

/// `kubectl create job --image`'s object (create_job.go createJob): one container named after
/// the Job, never restarted.
fn job(name: &str, ns: Option<&str>, image: &str, command: &[String]) -> Value {
    json!({
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": meta(name, ns, None),
        "spec": {
            "template": {
                "metadata": { "creationTimestamp": null },
                "spec": {
                    "containers": [container(name, image, command)],
                    "restartPolicy": "Never",
                },
            },
        },
        "status": {},
    })
}

/// `kubectl create job --from=cronjob/NAME`'s object (create_job.go createJobFromCronJob): the
/// CronJob's jobTemplate, annotated as started by hand and owned by the CronJob (a controller
/// reference without blockOwnerDeletion, as upstream sets it).
fn job_from_cron_job(name: &str, ns: Option<&str>, cron_job: &Value) -> Value {
    let template = cron_job.pointer("/spec/jobTemplate");
    let mut annotations = Map::new();
    annotations.insert("cronjob.kubernetes.io/instantiate".into(), "manual".into());
    if let Some(Value::Object(a)) = template.and_then(|t| t.pointer("/metadata/annotations")) {
        annotations.extend(a.clone());
    }
    let labels = template
        .and_then(|t| t.pointer("/metadata/labels"))
        .filter(|l| l.as_object().is_some_and(|o| !o.is_empty()))
        .cloned();
    let mut metadata = meta(name, ns, labels);
    if let Some(m) = metadata.as_object_mut() {
        m.insert("annotations".into(), Value::Object(annotations));
        m.insert(
            "ownerReferences".into(),
            json!([{
                "apiVersion": "batch/v1",
                "controller": true,
                "kind": "CronJob",
                "name": cron_job.pointer("/metadata/name").cloned().unwrap_or(Value::Null),
                "uid": cron_job.pointer("/metadata/uid").cloned().unwrap_or(Value::Null),
            }]),
        );
    }
    let mut spec = template
        .and_then(|t| t.get("spec"))
        .cloned()
        .unwrap_or_else(|| json!({}));
    // Printed from Go's types: the template's metadata and each container's resources are
    // structs, there even when empty.
    if let Some(t) = spec.pointer_mut("/template").and_then(Value::as_object_mut) {
        let m = t.entry("metadata").or_insert_with(|| json!({}));
        if let Some(m) = m.as_object_mut() {
            m.entry("creationTimestamp").or_insert(Value::Null);
        }
    }
    if let Some(Value::Array(list)) = spec.pointer_mut("/template/spec/containers") {
        for c in list.iter_mut().filter_map(Value::as_object_mut) {
            c.entry("resources").or_insert_with(|| json!({}));
        }
    }
    json!({
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": metadata,
        "spec": spec,
        "status": {},
    })
}

#[cfg(test)]
mod tests {
    use super::super::Output;
    use super::*;
    use crate::sim::time::MINUTE;

    fn no_suffix() -> String {
        "xxxxx".into()
    }

    /// A line's (stdout, stderr, exit status).
    fn said(o: &Output) -> (&str, &str, i32) {
        (o.stdout.as_str(), o.stderr.as_str(), o.code)
    }

    #[test]
    fn container_names_are_the_images_last_segment() {
        // create_deployment.go buildPodSpec and sanitizeAndUniquify;
        // create_deployment_test.go: TestCreateDeployment's "hollywood/jonny.depp:v2".
        #[rustfmt::skip]
        let cases = [
            ("nginx", "nginx"),
            ("nginx:1.27", "nginx"),
            ("registry.k8s.io/pause:3.9", "pause"),
            ("localhost:5000/team/app", "app"),
            ("nginx@sha256:0123abcd", "nginx"),
            ("hollywood/jonny.depp:v2", "jonny-depp-xxxxx"),
            ("my_app", "my-app-xxxxx"),
            ("", ""),
        ];
        for (image, want) in cases {
            assert_eq!(container_name(image, &mut no_suffix), want, "{image}");
        }
    }

    #[test]
    fn deployment_is_the_object_kubectl_builds() {
        // create_deployment.go createDeployment; the output of
        // `kubectl create deployment web --image=nginx --dry-run=client -o yaml` on 1.33.
        let one = vec![("nginx".to_string(), "nginx".to_string())];
        assert_eq!(
            deployment("web", None, &one, 1, None, &[]),
            json!({
                "apiVersion": "apps/v1",
                "kind": "Deployment",
                "metadata": {"creationTimestamp": null, "labels": {"app": "web"}, "name": "web"},
                "spec": {
                    "replicas": 1,
                    "selector": {"matchLabels": {"app": "web"}},
                    "strategy": {},
                    "template": {
                        "metadata": {"creationTimestamp": null, "labels": {"app": "web"}},
                        "spec": {"containers": [{"image": "nginx", "name": "nginx", "resources": {}}]},
                    },
                },
                "status": {},
            })
        );
        // TestCreateDeploymentWithPort, TestCreateDeploymentWithReplicas: the port goes on the
        // first container only; the command (after --) on every container.
        let two = vec![
            ("busybox".to_string(), "busybox:latest".to_string()),
            ("nginx".to_string(), "nginx".to_string()),
        ];
        let d = deployment(
            "jonny-dep",
            Some("test"),
            &two,
            3,
            Some(5701),
            &["date".into()],
        );
        assert_eq!(d["metadata"]["namespace"], "test");
        assert_eq!(d["spec"]["replicas"], 3);
        let containers = &d["spec"]["template"]["spec"]["containers"];
        assert_eq!(containers[0]["ports"], json!([{"containerPort": 5701}]));
        assert!(containers[1].get("ports").is_none());
        assert_eq!(containers[1]["command"], json!(["date"]));
    }

    #[test]
    fn services_follow_create_services() {
        // create_service_test.go: TestCreateServices, each case's Validate then createService:
        // (name, type, --tcp, --clusterip, --external-name, --node-port, ports or the error).
        type Case<'a> = (
            &'a str,
            &'a str,
            &'a [&'a str],
            &'a str,
            &'a str,
            i64,
            Result<Value, &'a str>,
        );
        #[rustfmt::skip]
        let cases: &[Case] = &[
            ("clusterip-ok", "ClusterIP", &["456", "321:908"], "", "", 0, Ok(json!([{"name": "456", "port": 456, "protocol": "TCP", "targetPort": 456}, {"name": "321-908", "port": 321, "protocol": "TCP", "targetPort": 908}]))),
            ("clusterip-missing", "ClusterIP", &[], "", "", 0, Err("at least one tcp port specifier must be provided")),
            ("clusterip-none-wrong-type", "NodePort", &[], "None", "", 0, Err("ClusterIP=None can only be used with ClusterIP service type")),
            ("clusterip-none-ok", "ClusterIP", &[], "None", "", 0, Ok(Value::Null)),
            ("clusterip-none-and-port-mapping", "ClusterIP", &["456:9898"], "None", "", 0, Ok(json!([{"name": "456-9898", "port": 456, "protocol": "TCP", "targetPort": 9898}]))),
            ("loadbalancer-ok", "LoadBalancer", &["456:9898"], "", "", 0, Ok(json!([{"name": "456-9898", "port": 456, "protocol": "TCP", "targetPort": 9898}]))),
            ("invalid-port", "ClusterIP", &["65536"], "None", "", 0, Err("strconv.ParseUint: parsing \"65536\": value out of range")),
            ("invalid-port-mapping", "ClusterIP", &["8080:-abc"], "None", "", 0, Err("must not begin or end with a hyphen")),
            ("invalid-ClusterIPNone", "NodePort", &["123", "234:1234"], "None", "", 0, Err("ClusterIP=None can only be used with ClusterIP service type")),
            ("TCP-none", "ClusterIP", &[], "", "", 0, Err("at least one tcp port specifier must be provided")),
            ("invalid-ExternalName", "ExternalName", &["123", "234:1234"], "", "@oi:test", 0, Err("invalid service external name @oi:test")),
            ("externalName-ok", "ExternalName", &["123"], "", "www.externalname.com", 0, Ok(json!([{"name": "123", "port": 123, "protocol": "TCP", "targetPort": 123}]))),
            ("my-node-port-service-ok", "NodePort", &["443:https", "30000:8000"], "", "", 0, Ok(json!([{"name": "443-https", "port": 443, "protocol": "TCP", "targetPort": "https"}, {"name": "30000-8000", "port": 30000, "protocol": "TCP", "targetPort": 8000}]))),
            ("my-node-port-service-ok2", "NodePort", &["80:http"], "", "", 4444, Ok(json!([{"name": "80-http", "nodePort": 4444, "port": 80, "protocol": "TCP", "targetPort": "http"}]))),
        ];
        for (name, type_, tcp, ip, external, node_port, want) in cases {
            let got = validate_service(type_, ip, tcp, external)
                .and_then(|()| service(name, None, type_, tcp, *node_port, ip, external));
            match (got, want) {
                (Ok(v), Ok(ports)) => {
                    assert_eq!(v["spec"]["type"], *type_, "{name}");
                    assert_eq!(v["spec"]["selector"], json!({"app": name}), "{name}");
                    assert_eq!(v["metadata"]["labels"], json!({"app": name}), "{name}");
                    assert_eq!(v["status"], json!({"loadBalancer": {}}), "{name}");
                    // An empty port list is left out, as omitempty leaves it out.
                    assert_eq!(v["spec"]["ports"], *ports, "{name}");
                    if !ip.is_empty() {
                        assert_eq!(v["spec"]["clusterIP"], *ip, "{name}");
                    }
                    if !external.is_empty() {
                        assert_eq!(v["spec"]["externalName"], *external, "{name}");
                    }
                }
                (Err(e), Err(w)) => assert_eq!(e, *w, "{name}"),
                (got, want) => panic!("{name}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn ports_are_parsed_as_parse_ports_parses_them() {
        // create_service.go parsePorts over utilsnet.ParsePort, strconv and
        // validation.IsValidPortName / IsValidPortNum.
        type Case<'a> = (&'a str, Result<(i64, Value), &'a str>);
        #[rustfmt::skip]
        let cases: &[Case] = &[
            ("80", Ok((80, json!(80)))),
            ("0", Ok((0, json!(0)))),
            ("5678:8080", Ok((5678, json!(8080)))),
            ("443:https", Ok((443, json!("https")))),
            ("80:8080:9090", Ok((80, json!(8080)))),
            ("", Err("strconv.ParseUint: parsing \"\": invalid syntax")),
            ("abc", Err("strconv.ParseUint: parsing \"abc\": invalid syntax")),
            ("-1", Err("strconv.ParseUint: parsing \"-1\": invalid syntax")),
            ("65536", Err("strconv.ParseUint: parsing \"65536\": value out of range")),
            ("80:0", Err("must be between 1 and 65535, inclusive")),
            ("80:70000", Err("must be between 1 and 65535, inclusive")),
            ("80:-5", Err("must be between 1 and 65535, inclusive")),
            ("80:", Err("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-),must contain at least one letter (a-z)")),
            ("80:HTTP", Err("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-),must contain at least one letter (a-z)")),
            ("80:a--b", Err("must not contain consecutive hyphens")),
            ("80:averyveryverylongname", Err("must be no more than 15 characters")),
        ];
        for (spec, want) in cases {
            let got = parse_ports(spec);
            match want {
                Ok(w) => assert_eq!(got.as_ref(), Ok(w), "{spec}"),
                Err(w) => assert_eq!(got, Err(w.to_string()), "{spec}"),
            }
        }
    }

    fn files(name: &str) -> Option<String> {
        match name {
            "foo1" | "foo2" | "dir/foo2" => Some("hello world".into()),
            "file.env" => {
                Some("\u{feff}key1=value1\n#\n\n   key2=value2\r\nbare\nkey3=  spaced=yes\n".into())
            }
            "bad.env" => Some("1key=value1\n".into()),
            _ => None,
        }
    }

    #[test]
    fn config_map_data_follows_create_config_map() {
        use Source::{EnvFile, File, Literal};
        // create_configmap_test.go: TestCreateConfigMap (a missing file is error reading).
        type Gathered<'a> = (&'a str, &'a [Source<'a>], &'a [(&'a str, &'a str)]);
        #[rustfmt::skip]
        let ok: &[Gathered] = &[
            ("create_foo_two_literal_configmap", &[Literal("key1=value1"), Literal("key2=value2")], &[("key1", "value1"), ("key2", "value2")]),
            ("create_foo_key1_=value1_configmap", &[Literal("key1==value1")], &[("key1", "=value1")]),
            ("create_foo_from_file_foo1_foo2_configmap", &[File("foo1"), File("dir/foo2")], &[("foo1", "hello world"), ("foo2", "hello world")]),
            ("a key for a file", &[File("greeting=foo1")], &[("greeting", "hello world")]),
            ("create_valid_env_from_env_file_configmap", &[EnvFile("file.env")], &[("bare", ""), ("key1", "value1"), ("key2", "value2"), ("key3", "  spaced=yes"), ]),
        ];
        for (case, sources, want) in ok {
            let got = gather(Holder::ConfigMap, "foo", sources, &files);
            let want: BTreeMap<String, String> = want
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            assert_eq!(got, Ok(want), "{case}");
        }
        #[rustfmt::skip]
        let refused: &[(&str, &[Source], &str)] = &[
            ("create_invalid_configmap_filepath_contains_=", &[File("key1=/file=2")], "key names or file paths cannot contain '='"),
            ("create_invalid_configmap_filepath_key_contains_=", &[File("=key=/file1")], "key names or file paths cannot contain '='"),
            ("create_invalid_configmap_duplicate_key1", &[Literal("key1=value1"), Literal("key1=value2")], "cannot add key \"key1\", another key by that name already exists in Data for ConfigMap \"foo\""),
            ("create_invalid_configmap_no_file", &[File("key1=/file1")], "error reading /file1: no such file or directory"),
            ("create_invalid_configmap_invalid_literal", &[Literal("key1value1")], "invalid literal source key1value1, expected key=value"),
            ("create_invalid_configmap_invalid_filepath", &[File("key1==file1")], "key names or file paths cannot contain '='"),
            ("util.ParseFileSource: no key", &[File("=foo1")], "key name for file path foo1 missing"),
            ("util.ParseFileSource: no path", &[File("key=")], "file path for key name key missing"),
            ("a file and a literal with one key", &[File("foo1"), Literal("foo1=x")], "cannot add key \"foo1\", another key by that name already exists in Data for ConfigMap \"foo\""),
            ("validation.IsConfigMapKey", &[Literal("key#1=value1")], "\"key#1\" is not a valid key name for a ConfigMap: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"),
            ("hasChDirPrefix", &[Literal("..=x")], "\"..\" is not a valid key name for a ConfigMap: must not be '..'"),
            ("create_invalid_secret_env_key_start_with_digit", &[EnvFile("bad.env")], "\"1key\" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')"),
        ];
        for (case, sources, want) in refused {
            let got = gather(Holder::ConfigMap, "foo", sources, &files);
            assert_eq!(got, Err(want.to_string()), "{case}");
        }
        // An empty map is left out of the object.
        assert_eq!(
            config_map("foo", None, &BTreeMap::new()),
            json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"creationTimestamp": null, "name": "foo"}})
        );
    }

    #[test]
    fn secret_data_is_base64_and_worded_for_secrets() {
        use Source::Literal;
        // create_secret_test.go: TestCreateSecretGeneric.
        #[rustfmt::skip]
        let refused: &[(&str, &[Source], &str)] = &[
            ("create_invalid_secret_duplicate_key1", &[Literal("key1=value1"), Literal("key1=value2")], "cannot add key key1, another key by that name already exists"),
            ("create_invalid_secret_literal_key_contains_=", &[Literal("=key=value1")], "invalid literal source =key=value1, expected key=value"),
            ("create_invalid_secret_literal_key_with_invalid_character", &[Literal("key#1=value1")], "\"key#1\" is not valid key name for a Secret a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"),
        ];
        for (case, sources, want) in refused {
            let got = gather(Holder::Secret, "foo", sources, &files);
            assert_eq!(got, Err(want.to_string()), "{case}");
        }
        // create_secret_foo_type, create_secret_foo_two_literal.
        let data = gather(
            Holder::Secret,
            "foo",
            &[Literal("key1=value1"), Literal("key2=value2")],
            &files,
        );
        assert_eq!(
            secret("foo", None, "my-type", &data.unwrap_or_default()),
            json!({
                "apiVersion": "v1",
                "data": {"key1": "dmFsdWUx", "key2": "dmFsdWUy"},
                "kind": "Secret",
                "metadata": {"creationTimestamp": null, "name": "foo"},
                "type": "my-type",
            })
        );
        // No --type: the field is left out and the server makes it Opaque.
        assert!(secret("foo", None, "", &BTreeMap::new())
            .get("type")
            .is_none());
    }

    #[test]
    fn docker_config_is_what_go_marshals() {
        // create_secret_docker_test.go: TestCreateSecretDockerRegistry's handleDockerCfgJSONContent.
        assert_eq!(
            docker_config_json(
                "test-user",
                "test-password",
                "test-user@example.org",
                DOCKER_HUB
            ),
            r#"{"auths":{"https://index.docker.io/v1/":{"username":"test-user","password":"test-password","email":"test-user@example.org","auth":"dGVzdC11c2VyOnRlc3QtcGFzc3dvcmQ="}}}"#
        );
        // create_secret_docker_registry_without_email: omitempty; Go escapes HTML characters.
        assert_eq!(
            docker_config_json("a&b", "<p>", "", "r.io"),
            r#"{"auths":{"r.io":{"username":"a\u0026b","password":"\u003cp\u003e","auth":"YSZiOjxwPg=="}}}"#
        );
    }

    #[test]
    fn jobs_follow_create_job() {
        // create_job_test.go: TestCreateJob "image and command".
        assert_eq!(
            job("test-job", None, "busybox", &["date".into()]),
            json!({
                "apiVersion": "batch/v1",
                "kind": "Job",
                "metadata": {"creationTimestamp": null, "name": "test-job"},
                "spec": {"template": {
                    "metadata": {"creationTimestamp": null},
                    "spec": {
                        "containers": [{"command": ["date"], "image": "busybox", "name": "test-job", "resources": {}}],
                        "restartPolicy": "Never",
                    },
                }},
                "status": {},
            })
        );
        // TestCreateJobFromCronJob, with the jobTemplate's labels and annotations carried over.
        let cron_job = json!({
            "metadata": {"name": "nightly", "uid": "u-1"},
            "spec": {"jobTemplate": {
                "metadata": {"labels": {"team": "a"}, "annotations": {"note": "x"}},
                "spec": {"template": {"spec": {"containers": [{"image": "test-image"}], "restartPolicy": "Never"}}},
            }},
        });
        assert_eq!(
            job_from_cron_job("test-job", None, &cron_job),
            json!({
                "apiVersion": "batch/v1",
                "kind": "Job",
                "metadata": {
                    "annotations": {"cronjob.kubernetes.io/instantiate": "manual", "note": "x"},
                    "creationTimestamp": null,
                    "labels": {"team": "a"},
                    "name": "test-job",
                    "ownerReferences": [{"apiVersion": "batch/v1", "controller": true, "kind": "CronJob", "name": "nightly", "uid": "u-1"}],
                },
                "spec": {"template": {
                    "metadata": {"creationTimestamp": null},
                    "spec": {"containers": [{"image": "test-image", "resources": {}}], "restartPolicy": "Never"},
                }},
                "status": {},
            })
        );
    }

    #[test]
    fn flags_values_are_read_as_pflag_and_cmdutil_read_them() {
        // strconv.ParseInt(s, 0, bits).
        #[rustfmt::skip]
        let ints: &[(&str, u32, Result<i64, &str>)] = &[
            ("3", 32, Ok(3)),
            ("-1", 32, Ok(-1)),
            ("+7", 32, Ok(7)),
            ("0x10", 32, Ok(16)),
            ("010", 32, Ok(8)),
            ("2147483647", 32, Ok(2147483647)),
            ("2147483648", 32, Err("value out of range")),
            ("-2147483648", 32, Ok(-2147483648)),
            ("99999999999999999999999", 64, Err("value out of range")),
            ("three", 32, Err("invalid syntax")),
            ("", 32, Err("invalid syntax")),
            ("-", 32, Err("invalid syntax")),
            ("1.5", 32, Err("invalid syntax")),
        ];
        for (s, bits, want) in ints {
            assert_eq!(parse_int(s, *bits), *want, "{s}");
        }
        // cmdutil.GetDryRunStrategy.
        assert_eq!(dry_run(None), Ok((DryRun::None, None)));
        assert_eq!(dry_run(Some("client")), Ok((DryRun::Client, None)));
        assert_eq!(dry_run(Some("server")), Ok((DryRun::Server, None)));
        assert_eq!(
            dry_run(Some("true")),
            Ok((DryRun::Client, Some("--dry-run=true is deprecated (boolean value) and can be replaced with --dry-run=client.".into())))
        );
        assert_eq!(
            dry_run(Some("maybe")),
            Err(Failure::Error(
                "Invalid dry-run value (maybe). Must be \"none\", \"server\", or \"client\"."
                    .into()
            ))
        );
        // Go's path.Base, for a file's key.
        for (path, base) in [
            ("a/b.txt", "b.txt"),
            ("b.txt", "b.txt"),
            ("dir/", "dir"),
            ("/", "/"),
            ("", "."),
        ] {
            assert_eq!(base_name(path), base, "{path}");
        }
    }

    /// A cluster with a CronJob `nightly` in `default`, and the console that made it.
    fn cluster() -> (Cluster, Console) {
        let mut c = Cluster::new();
        let mut k = Console::new();
        let o = k.run(&mut c, "kubectl apply -f - <<EOF\napiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: nightly\nspec:\n  schedule: \"0 3 * * *\"\n  jobTemplate:\n    metadata:\n      labels:\n        team: data\n    spec:\n      template:\n        spec:\n          containers:\n          - name: backup\n            image: busybox:1.36\n            command: [\"sh\", \"-c\", \"echo done\"]\n          restartPolicy: OnFailure\nEOF");
        assert_eq!(said(&o), ("cronjob.batch/nightly created\n", "", 0));
        (c, k)
    }

    #[test]
    fn create_makes_each_kind_and_refuses_a_taken_name() {
        let (mut c, mut k) = cluster();
        // (line, what kubectl prints the first time, and the second time)
        #[rustfmt::skip]
        let cases = [
            ("kubectl create deployment web --image=nginx", "deployment.apps/web created\n", "error: failed to create deployment: deployments.apps \"web\" already exists\n"),
            ("kubectl create deploy web --image=httpd", "", "error: failed to create deployment: deployments.apps \"web\" already exists\n"),
            ("kubectl create service clusterip web --tcp=80:8080", "service/web created\n", "error: failed to create ClusterIP service: services \"web\" already exists\n"),
            ("kubectl create svc nodeport np --tcp=80 --node-port=30080", "service/np created\n", "error: failed to create NodePort service: services \"np\" already exists\n"),
            ("kubectl create service loadbalancer lb --tcp=443:https", "service/lb created\n", "error: failed to create LoadBalancer service: services \"lb\" already exists\n"),
            ("kubectl create service externalname ext --external-name=example.com", "service/ext created\n", "error: failed to create ExternalName service: services \"ext\" already exists\n"),
            ("kubectl create configmap cm --from-literal=a=1", "configmap/cm created\n", "error: failed to create configmap: configmaps \"cm\" already exists\n"),
            ("kubectl create secret generic s --from-literal=a=1", "secret/s created\n", "error: failed to create secret secrets \"s\" already exists\n"),
            ("kubectl create secret docker-registry reg --docker-username=u --docker-password=p", "secret/reg created\n", "error: failed to create secret secrets \"reg\" already exists\n"),
            ("kubectl create namespace team", "namespace/team created\n", "Error from server (AlreadyExists): namespaces \"team\" already exists\n"),
            ("kubectl create job once --image=busybox -- date", "job.batch/once created\n", "error: failed to create job: jobs.batch \"once\" already exists\n"),
            ("kubectl create job manual --from=cronjob/nightly", "job.batch/manual created\n", "error: failed to create job: jobs.batch \"manual\" already exists\n"),
        ];
        for (line, first, again) in cases {
            if !first.is_empty() {
                let o = k.run(&mut c, line);
                assert_eq!(said(&o), (first, "", 0), "{line}");
            }
            let o = k.run(&mut c, line);
            assert_eq!(said(&o), ("", again, 1), "{line} again");
        }
        // A create never updates: the Deployment keeps the image it was made with.
        let d = c
            .store
            .get_json("Deployment", "default", "web")
            .unwrap_or_default();
        assert_eq!(
            d.pointer("/spec/template/spec/containers/0/image"),
            Some(&json!("nginx"))
        );
        assert_eq!(
            d.pointer("/spec/template/spec/containers/0/name"),
            Some(&json!("nginx"))
        );
        // The controllers follow what was created.
        c.run_until(c.now() + MINUTE);
        let o = k.run(&mut c, "kubectl get deploy web --no-headers");
        let row: Vec<&str> = o.stdout.split_whitespace().collect();
        assert_eq!(row.get(..2), Some(&["web", "1/1"][..]), "{}", o.stdout);
        let svc = c
            .store
            .get_json("Service", "default", "np")
            .unwrap_or_default();
        assert_eq!(svc.pointer("/spec/ports/0/nodePort"), Some(&json!(30080)));
        assert_eq!(svc.pointer("/spec/ports/0/name"), Some(&json!("80")));
        let reg = c
            .store
            .get_json("Secret", "default", "reg")
            .unwrap_or_default();
        assert_eq!(reg["type"], "kubernetes.io/dockerconfigjson");
    }

    #[test]
    fn errors_are_in_kubectls_words() {
        // (line, standard error); each exits 1. From the create_*.go sources cited beside each.
        #[rustfmt::skip]
        let cases: &[(&str, &str)] = &[
            // create.go: Validate, Complete.
            ("kubectl create", "error: must specify one of -f and -k\n"),
            ("kubectl create foo", "error: Unexpected args: [foo]\nSee 'kubectl create -h' for help and examples\n"),
            ("kubectl create foo bar", "error: Unexpected args: [foo bar]\nSee 'kubectl create -h' for help and examples\n"),
            // cobra MarkFlagRequired; create.go NameFromCommandArgs.
            ("kubectl create deployment web", "error: required flag(s) \"image\" not set\n"),
            ("kubectl create deployment --image=nginx", "error: exactly one NAME is required, got 0\nSee 'kubectl create deployment -h' for help and examples\n"),
            ("kubectl create deploy a b --image=nginx", "error: exactly one NAME is required, got 2\nSee 'kubectl create deployment -h' for help and examples\n"),
            ("kubectl create deployment web --image=a --image=b -- date", "error: cannot specify multiple --image options and command\n"),
            ("kubectl create deployment web --image=nginx --replicas=two", "error: invalid argument \"two\" for \"-r, --replicas\" flag: strconv.ParseInt: parsing \"two\": invalid syntax\nSee 'kubectl create deployment --help' for usage.\n"),
            ("kubectl create deployment web --image=nginx --tcp=80", "error: unknown flag: --tcp\nSee 'kubectl create deployment --help' for usage.\n"),
            ("kubectl create deployment web --image=nginx -n nope", "error: failed to create deployment: namespaces \"nope\" not found\n"),
            ("kubectl create deployment Web --image=nginx", "error: failed to create deployment: Deployment.apps \"Web\" is invalid: metadata.name: Invalid value: \"Web\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n"),
            // cmdutil.GetDryRunStrategy; genericclioptions.PrintFlags.
            ("kubectl create ns team --dry-run=maybe", "error: Invalid dry-run value (maybe). Must be \"none\", \"server\", or \"client\".\n"),
            ("kubectl create ns team -o wide", "error: unable to match a printer suitable for the output format \"wide\", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n"),
            // create_service.go: DefaultSubCommandRun, Validate, parsePorts.
            ("kubectl create svc foo", "error: unknown command \"foo\"\nSee 'kubectl create service -h' for help and examples\n"),
            ("kubectl create service clusterip web", "error: at least one tcp port specifier must be provided\n"),
            ("kubectl create service clusterip web --tcp=abc", "error: strconv.ParseUint: parsing \"abc\": invalid syntax\n"),
            ("kubectl create service clusterip web --tcp=80:-abc", "error: must not begin or end with a hyphen\n"),
            ("kubectl create service clusterip web --tcp=99999", "error: strconv.ParseUint: parsing \"99999\": value out of range\n"),
            ("kubectl create service nodeport web --tcp=80 --clusterip=None", "error: unknown flag: --clusterip\nSee 'kubectl create service nodeport --help' for usage.\n"),
            ("kubectl create service externalname web", "error: required flag(s) \"external-name\" not set\n"),
            ("kubectl create service externalname web --external-name=Not_A_Host", "error: invalid service external name Not_A_Host\n"),
            // create_configmap.go, create_secret.go.
            ("kubectl create configmap cm --from-env-file=a.env --from-literal=a=b", "error: from-env-file cannot be combined with from-file or from-literal\n"),
            ("kubectl create configmap cm --from-file=missing.txt", "error: error reading missing.txt: no such file or directory\n"),
            ("kubectl create cm cm --from-literal=a=1 --from-literal=a=2", "error: cannot add key \"a\", another key by that name already exists in Data for ConfigMap \"cm\"\n"),
            ("kubectl create secret generic s --from-literal=a=1 --from-literal=a=2", "error: cannot add key a, another key by that name already exists\n"),
            ("kubectl create secret generic s --from-literal=nokey", "error: invalid literal source nokey, expected key=value\n"),
            ("kubectl create secret foo", "error: unknown command \"foo\"\nSee 'kubectl create secret -h' for help and examples\n"),
            ("kubectl create secret docker-registry reg --docker-username=u", "error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required\n"),
            ("kubectl create secret tls t --cert=a.crt", "error: key and cert must be specified\n"),
            // create_job.go: Validate, the builder's lookup.
            ("kubectl create job j", "error: either --image or --from must be specified\n"),
            ("kubectl create job j --image=busybox --from=cronjob/nightly", "error: either --image or --from must be specified\n"),
            ("kubectl create job j --from=cronjob/nightly -- date", "error: cannot specify --from and command\n"),
            ("kubectl create job j --from=cronjob/nope", "Error from server (NotFound): cronjobs.batch \"nope\" not found\n"),
            ("kubectl create job j --from=cronjob", "error: resource(s) were provided, but no name was specified\n"),
            ("kubectl create job j --from=crons/nightly", "error: the server doesn't have a resource type \"crons\"\n"),
            ("kubectl create job j --from=svc/kubernetes", "error: unknown object type *v1.Service\n"),
        ];
        for (line, err) in cases {
            let (mut c, mut k) = cluster();
            let o = k.run(&mut c, line);
            assert_eq!(said(&o), ("", *err, 1), "{line}");
        }
        // cmdutil.DefaultSubCommandRun: the group's help on standard error, exit 1.
        let (mut c, mut k) = cluster();
        let o = k.run(&mut c, "kubectl create secret");
        assert_eq!(o.code, 1);
        assert!(
            o.stderr.starts_with("Create a secret with specified type."),
            "{}",
            o.stderr
        );
        assert!(o.stderr.contains("  generic  "), "{}", o.stderr);
        // Refusals leave nothing behind.
        assert!(c.store.get_json("Deployment", "default", "web").is_none());
    }

    #[test]
    fn configmaps_and_secrets_read_the_consoles_files() {
        let (mut c, mut k) = cluster();
        let o = k.run(&mut c, "cat > game.properties <<EOF\nlives=3\nlevel=1\nEOF");
        assert_eq!(said(&o), ("", "", 0));
        let o = k.run(
            &mut c,
            "cat > app.env <<EOF\n# settings\nMODE=fast\n\nCOLOR=blue\nEOF",
        );
        assert_eq!(said(&o), ("", "", 0));
        let o = k.run(&mut c, "kubectl create configmap game --from-file=game.properties --from-file=extra=game.properties --from-literal=player=one");
        assert_eq!(said(&o), ("configmap/game created\n", "", 0));
        let cm = c
            .store
            .get_json("ConfigMap", "default", "game")
            .unwrap_or_default();
        assert_eq!(
            cm["data"],
            json!({"extra": "lives=3\nlevel=1\n", "game.properties": "lives=3\nlevel=1\n", "player": "one"})
        );
        let o = k.run(
            &mut c,
            "kubectl create configmap env --from-env-file=app.env",
        );
        assert_eq!(said(&o), ("configmap/env created\n", "", 0));
        let cm = c
            .store
            .get_json("ConfigMap", "default", "env")
            .unwrap_or_default();
        assert_eq!(cm["data"], json!({"COLOR": "blue", "MODE": "fast"}));
        // The same key twice, from a file and a literal.
        let o = k.run(
            &mut c,
            "kubectl create configmap dup --from-file=lives=game.properties --from-literal=lives=9",
        );
        assert_eq!(said(&o), ("", "error: cannot add key \"lives\", another key by that name already exists in Data for ConfigMap \"dup\"\n", 1));
        // A Secret's data is base64; `kubectl get -o jsonpath` shows it as the server keeps it.
        let o = k.run(&mut c, "kubectl create secret generic db --from-literal=password='s3cr=t!' --from-file=game.properties");
        assert_eq!(said(&o), ("secret/db created\n", "", 0));
        let o = k.run(&mut c, "kubectl get secret db -o jsonpath={.data.password}");
        assert_eq!(o.stdout, STANDARD.encode("s3cr=t!"));
        let o = k.run(&mut c, "kubectl get secret db -o jsonpath={.type}");
        assert_eq!(o.stdout, "Opaque");
        let s = c
            .store
            .get_json("Secret", "default", "db")
            .unwrap_or_default();
        assert_eq!(
            s["data"]["game.properties"],
            STANDARD.encode("lives=3\nlevel=1\n")
        );
    }

    #[test]
    fn dry_run_prints_the_manifest_and_creates_nothing() {
        let (mut c, mut k) = cluster();
        // The course material's way to write a manifest: exactly what kubectl 1.33 prints.
        let o = k.run(&mut c, "kubectl create deployment web --image=nginx:1.27 --replicas=3 --port=80 --dry-run=client -o yaml");
        assert_eq!(
            said(&o),
            ("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  strategy: {}\n  template:\n    metadata:\n      creationTimestamp: null\n      labels:\n        app: web\n    spec:\n      containers:\n      - image: nginx:1.27\n        name: nginx\n        ports:\n        - containerPort: 80\n        resources: {}\nstatus: {}\n", "", 0)
        );
        let o = k.run(
            &mut c,
            "kubectl create service clusterip web --tcp=5678:8080 --dry-run=client -o yaml",
        );
        assert_eq!(
            o.stdout,
            "apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n  name: web\nspec:\n  ports:\n  - name: 5678-8080\n    port: 5678\n    protocol: TCP\n    targetPort: 8080\n  selector:\n    app: web\n  type: ClusterIP\nstatus:\n  loadBalancer: {}\n"
        );
        let o = k.run(
            &mut c,
            "kubectl create secret generic s --from-literal=user=admin --dry-run=client -o yaml",
        );
        assert_eq!(
            o.stdout,
            "apiVersion: v1\ndata:\n  user: YWRtaW4=\nkind: Secret\nmetadata:\n  creationTimestamp: null\n  name: s\n"
        );
        let o = k.run(&mut c, "kubectl create ns team --dry-run=client -o yaml");
        assert_eq!(
            o.stdout,
            "apiVersion: v1\nkind: Namespace\nmetadata:\n  creationTimestamp: null\n  name: team\nspec: {}\nstatus: {}\n"
        );
        // The other printers, and the server's dry run (the server's defaults, nothing kept).
        #[rustfmt::skip]
        let cases = [
            ("kubectl create deploy web --image=nginx --dry-run=client", "deployment.apps/web created (dry run)\n"),
            ("kubectl create deploy web --image=nginx --dry-run=server", "deployment.apps/web created (server dry run)\n"),
            ("kubectl create deploy web --image=nginx --dry-run=client -o name", "deployment.apps/web\n"),
            ("kubectl create deploy web --image=hollywood/jonny.depp:v2 --replicas=3 --dry-run=client -o jsonpath={.spec.replicas}", "3"),
            ("kubectl create deploy web --image=nginx --dry-run=server -o jsonpath={.spec.strategy.type}", "RollingUpdate"),
            ("kubectl create svc clusterip web --tcp=80 --dry-run=server -o jsonpath={.spec.sessionAffinity}", "None"),
        ];
        for (line, want) in cases {
            let o = k.run(&mut c, line);
            assert_eq!(said(&o), (want, "", 0), "{line}");
        }
        let o = k.run(
            &mut c,
            "kubectl create cm cm --from-literal=a=b --dry-run=client -o json",
        );
        let v: Value = serde_json::from_str(&o.stdout).unwrap_or_default();
        assert_eq!(v["data"], json!({"a": "b"}));
        let o = k.run(&mut c, "kubectl create ns team --dry-run=true");
        assert_eq!(
            said(&o),
            ("namespace/team created (dry run)\n", "--dry-run=true is deprecated (boolean value) and can be replaced with --dry-run=client.\n", 0)
        );
        for (kind, ns, name) in [
            ("Deployment", "default", "web"),
            ("Service", "default", "web"),
            ("Secret", "default", "s"),
            ("Namespace", "", "team"),
            ("ConfigMap", "default", "cm"),
        ] {
            assert!(c.store.get_json(kind, ns, name).is_none(), "{kind} {name}");
        }
        // Without a dry run, -o prints what the server answered.
        let o = k.run(&mut c, "kubectl create deploy web --image=nginx -o yaml");
        assert!(o.stdout.contains("\n  uid: "), "{}", o.stdout);
        assert!(o.stdout.ends_with("\nstatus: {}\n"), "{}", o.stdout);
        assert!(
            !o.stdout.contains("deployment.kubernetes.io/revision"),
            "{}",
            o.stdout
        );
    }

    #[test]
    fn job_from_a_cronjob_is_started_by_hand_and_owned_by_it() {
        let (mut c, mut k) = cluster();
        let o = k.run(
            &mut c,
            "kubectl create job backup-now --from=cronjob/nightly",
        );
        assert_eq!(said(&o), ("job.batch/backup-now created\n", "", 0));
        let cron_uid = c.store.uid_of("CronJob", "default", "nightly");
        let j = c
            .store
            .get_json("Job", "default", "backup-now")
            .unwrap_or_default();
        assert_eq!(
            j.pointer("/metadata/annotations/cronjob.kubernetes.io~1instantiate"),
            Some(&json!("manual"))
        );
        assert_eq!(j.pointer("/metadata/labels/team"), Some(&json!("data")));
        assert_eq!(
            j.pointer("/metadata/ownerReferences/0/kind"),
            Some(&json!("CronJob"))
        );
        assert_eq!(
            j.pointer("/metadata/ownerReferences/0/name"),
            Some(&json!("nightly"))
        );
        assert_eq!(
            j.pointer("/metadata/ownerReferences/0/controller"),
            Some(&json!(true))
        );
        assert_eq!(
            j.pointer("/metadata/ownerReferences/0/uid")
                .and_then(Value::as_str),
            cron_uid.as_deref()
        );
        assert_eq!(
            j.pointer("/spec/template/spec/containers/0/image"),
            Some(&json!("busybox:1.36"))
        );
        // The dry run prints the Job kubectl would send.
        let o = k.run(
            &mut c,
            "kubectl create job peek --from=cj/nightly --dry-run=client -o yaml",
        );
        assert!(o.stdout.starts_with("apiVersion: batch/v1\nkind: Job\nmetadata:\n  annotations:\n    cronjob.kubernetes.io/instantiate: manual\n  creationTimestamp: null\n  labels:\n    team: data\n  name: peek\n  ownerReferences:\n  - apiVersion: batch/v1\n    controller: true\n    kind: CronJob\n    name: nightly\n"), "{}", o.stdout);
        // Its Pod runs to completion, as the CronJob's own Jobs do.
        c.run_until(c.now() + 2 * MINUTE);
        let o = k.run(&mut c, "kubectl get job backup-now --no-headers");
        assert!(
            o.stdout.contains("Complete") || o.stdout.contains("1/1"),
            "{}",
            o.stdout
        );
    }

    #[test]
    fn namespaced_creates_go_where_n_says() {
        let (mut c, mut k) = cluster();
        assert_eq!(k.run(&mut c, "kubectl create ns team").code, 0);
        #[rustfmt::skip]
        let cases = [
            ("kubectl create deployment web --image=nginx -n team", "deployment.apps/web created\n"),
            ("kubectl -n team create service clusterip web --tcp=80", "service/web created\n"),
            ("kubectl create configmap cm --from-literal=a=1 --namespace=team", "configmap/cm created\n"),
            ("kubectl create secret generic s --from-literal=a=1 -nteam", "secret/s created\n"),
            ("kubectl create job j --image=busybox -n team", "job.batch/j created\n"),
        ];
        for (line, want) in cases {
            let o = k.run(&mut c, line);
            assert_eq!(said(&o), (want, "", 0), "{line}");
        }
        for (kind, name) in [
            ("Deployment", "web"),
            ("Service", "web"),
            ("ConfigMap", "cm"),
            ("Secret", "s"),
            ("Job", "j"),
        ] {
            assert!(
                c.store.get_json(kind, "team", name).is_some(),
                "{kind} {name} in team"
            );
            assert!(
                c.store.get_json(kind, "default", name).is_none(),
                "{kind} {name} in default"
            );
        }
        // The same name in another namespace is free.
        let o = k.run(&mut c, "kubectl create deployment web --image=nginx");
        assert_eq!(said(&o), ("deployment.apps/web created\n", "", 0));
        // The printed object names the namespace only when -n named it, as kubectl's does.
        let o = k.run(
            &mut c,
            "kubectl create cm x --dry-run=client -o jsonpath={.metadata.namespace} -n team",
        );
        assert_eq!(o.stdout, "team");
        let o = k.run(&mut c, "kubectl create cm x --dry-run=client -o yaml");
        assert!(!o.stdout.contains("namespace:"), "{}", o.stdout);
        // A Namespace is not in one, whatever -n says.
        let o = k.run(
            &mut c,
            "kubectl create ns other -n team -o jsonpath={.metadata.namespace}",
        );
        assert_eq!(said(&o), ("", "", 0));
    }

    #[test]
    fn bad_input_never_panics() {
        let (mut c, mut k) = cluster();
        for line in [
            "kubectl create deployment x --image=",
            "kubectl create deployment x --image=/ --port=99999999999",
            "kubectl create deployment x --image=a: --replicas=-5",
            "kubectl create service clusterip x --tcp=: --tcp=,",
            "kubectl create service nodeport x --tcp=1:: --node-port=-1",
            "kubectl create configmap x --from-file= --from-file==",
            "kubectl create configmap x --from-literal= --from-literal==",
            "kubectl create secret generic x --from-env-file=",
            "kubectl create secret docker-registry x --from-file=",
            "kubectl create job x --from=/",
            "kubectl create job x --from=a/b/c",
            "kubectl create job x --from=cronjob/",
            "kubectl create ns '' ",
            "kubectl create deployment '' --image=x",
            "kubectl create cm x -o jsonpath={.bad",
            "kubectl create -f x.yaml",
            "kubectl create quota q",
        ] {
            let o = k.run(&mut c, line);
            assert!(o.code == 0 || !o.stderr.is_empty(), "{line}: {o:?}");
        }
    }
}
