//! The properties kubeplay's fuzz targets check, one function per target: each takes the
//! fuzzer's bytes and panics when a property does not hold. `tests/fuzz_seeds.rs` compiles this
//! file into the ordinary suite to replay the checked-in seeds.

use std::sync::atomic::{AtomicU64, Ordering};

use arbitrary::Unstructured;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use kubeplay::i18n::Lang;
use kubeplay::manifest::{self, Limits, Loader};
use kubeplay::selector::{self, Labels};
use kubeplay::share;
use kubeplay::sim::script::{self, Choose};

/// The fuzzer's bytes as the editor would hold them: text, with any bad UTF-8 replaced.
fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// `manifest`: loading never panics; every diagnostic's span lies inside the text; loading twice
/// gives the same objects and diagnostics, and so does the editor's loader when it read other
/// text before (its cache of unchanged documents must not leak into what it returns). The last
/// two are checked for a quarter of the inputs.
pub fn manifest(data: &[u8]) {
    let text = text(data);
    let first = kubeplay::analyze(&text);
    // Lines as YAML and the editor count them: `\r\n`, `\r` and `\n` each end one.
    let lines: Vec<usize> = text
        .replace("\r\n", "\n")
        .split(['\r', '\n'])
        .map(|l| l.chars().count())
        .collect();
    for d in &first.manifest.diagnostics {
        for p in [d.span.start, d.span.end] {
            let line = p.line as usize;
            assert!(
                line >= 1 && line <= lines.len() + 1,
                "{d:?} is on line {line} of {}",
                lines.len()
            );
            let width = lines.get(line - 1).copied().unwrap_or(0);
            assert!(
                p.col >= 1 && p.col as usize <= width + 2,
                "{d:?} is at column {} of a line {width} long",
                p.col
            );
        }
        assert!(d.span.start <= d.span.end, "{d:?} ends before it starts");
    }
    // The second looks cost three more reads: a quarter of the inputs take them, so the
    // fuzzer spends most of its time on new inputs.
    if data.len() % 4 != 0 {
        return;
    }
    let summary = summarize(&first.manifest);
    assert_eq!(
        summary,
        summarize(&manifest::load(&text)),
        "loading twice differs"
    );
    let mut loader = Loader::default();
    let half = text
        .char_indices()
        .nth(text.chars().count() / 2)
        .map_or(0, |(i, _)| i);
    loader.load(&text[..half], Limits::PAGE);
    loader.load(&text.replacen('\n', "\n\n", 1), Limits::PAGE);
    let cached = loader.load(&text, Limits::PAGE);
    assert_eq!(
        summary,
        summarize(&cached),
        "the loader's reuse changed what was read"
    );
}

/// What a load gave, to compare two loads: each object's identity, labels, place and decoded
/// form, and every diagnostic.
fn summarize(m: &manifest::Manifest) -> String {
    let mut out = String::new();
    for o in &m.objects {
        out += &format!(
            "{} {} {} {:?} {:?} {:?} {}\n",
            o.api_version,
            o.kind,
            o.name,
            o.namespace,
            o.labels,
            o.span(),
            o.typed.as_ref().map(|t| t.to_json()).unwrap_or_default()
        );
    }
    for d in &m.diagnostics {
        out += &format!("{d:?}\n");
    }
    out
}

/// `selector`: parsing never panics; a valid selector printed and parsed again is the same
/// selector; matching never panics, and a selector matches the labels it was made from.
pub fn selector(data: &[u8]) {
    let text = text(data);
    let _ = selector::parse_any(&text);
    let Ok(sel) = selector::parse(&text) else {
        return;
    };
    let printed = sel.to_string();
    let reparsed = selector::parse(&printed).unwrap_or_else(|e| {
        panic!(
            "{text:?} printed as {printed:?}, which does not parse: {}",
            e.message
        )
    });
    assert_eq!(sel, reparsed, "{text:?} printed as {printed:?}");
    let mut labels = Labels::new();
    for pair in text.split([',', ' ']) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        labels.insert(k.to_string(), v.to_string());
    }
    let _ = sel.matches(&labels);
    let _ = sel.matches(&Labels::new());
    let from = selector::Selector::from_set(&labels);
    assert!(
        from.matches(&labels),
        "from_set of {labels:?} does not match them"
    );
}

/// `share`: decoding any fragment never panics and never yields more than the 2 MiB cap; a text
/// within the cap comes back from its own link unchanged.
pub fn share(data: &[u8]) {
    let text = text(data);
    for fragment in [
        text.clone(),
        format!("code=1.{text}"),
        format!("#code=1.{text}"),
    ] {
        if let Ok(decoded) = share::decode(&fragment) {
            assert!(decoded.len() <= share::MAX_DECODED);
        }
        // The link's language: whatever it says, saying another one keeps the text's data as it
        // was and is read back as said.
        let _ = share::lang_of(&fragment);
        for lang in Lang::ALL {
            let relabelled = share::with_lang(&fragment, lang);
            assert_eq!(share::decode(&relabelled), share::decode(&fragment));
            assert_eq!(share::lang_of(&relabelled).unwrap_or_default(), lang);
        }
    }
    // Raw bytes taken as a deflate stream, so the inflater sees every shape, not only base64's.
    let link = format!("code=1.{}", URL_SAFE_NO_PAD.encode(data));
    if let Ok(decoded) = share::decode(&link) {
        assert!(decoded.len() <= share::MAX_DECODED);
    }
    // The round trip compresses at level 9, the costly part: a quarter of the inputs take it.
    if data.len() % 4 == 0 {
        assert_eq!(
            share::decode(&share::encode(&text)).as_deref(),
            Ok(text.as_str())
        );
    }
}

/// The fuzzer's bytes as choices.
struct Bytes<'a>(Unstructured<'a>);

impl Choose for Bytes<'_> {
    fn below(&mut self, n: usize) -> Option<usize> {
        if self.0.is_empty() {
            return None;
        }
        self.0.choose_index(n.max(1)).ok()
    }
}

/// `simulate`: a sequence of applies, edits, deletions, clock steps and node faults keeps every
/// invariant after every step, and runs the same twice.
pub fn simulate(data: &[u8]) {
    let ops = script::choose_ops(&mut Bytes(Unstructured::new(data)));
    if let Err(v) = script::run_deterministic(&ops) {
        panic!("{v}\nshrunk to {:#?}", script::shrink(&ops));
    }
    let runs = RUNS.fetch_add(1, Ordering::Relaxed) + 1;
    let steps = STEPS.fetch_add(ops.len() as u64, Ordering::Relaxed) + ops.len() as u64;
    if runs.is_power_of_two() || runs % 10_000 == 0 {
        eprintln!("simulate: {runs} sequences, {steps} operations");
    }
}

/// How many sequences and operations this process has run, for the fuzzing reports.
static RUNS: AtomicU64 = AtomicU64::new(0);
static STEPS: AtomicU64 = AtomicU64::new(0);

/// `cron`: parsing never panics and an error's span lies inside the schedule; a schedule that
/// parses prints (canonically) as one that parses back to the same, its next runs always move
/// forward in UTC and in a zone with daylight saving, and it has a description in both
/// languages.
pub fn cron(data: &[u8]) {
    use kubeplay::cron;
    let text = text(data);
    let _ = kubeplay::manifest::batch::schedule_errors(&text);
    let s = match cron::parse(&text) {
        Ok(s) => s,
        Err(e) => {
            assert!(
                e.span.start <= e.span.end && e.span.end <= text.len(),
                "{text:?}: span {:?} outside the schedule",
                e.span
            );
            return;
        }
    };
    let printed = s.to_string();
    let again = cron::parse(&printed)
        .unwrap_or_else(|e| panic!("{text:?} printed as {printed:?}, which does not parse: {e}"));
    assert_eq!(s.kind(), again.kind(), "{text:?} printed as {printed:?}");
    for zone in [
        cron::Zone::utc(),
        cron::zone("America/New_York").expect("a zone"),
    ] {
        let mut at = epoch();
        for _ in 0..8 {
            match s.next(at, &zone) {
                Some(next) => {
                    assert!(next > at, "{text:?}: {next} does not come after {at}");
                    at = next;
                }
                None => break,
            }
        }
    }
    for lang in Lang::ALL {
        assert!(
            !cron::describe(&s, lang).is_empty(),
            "{text:?} has no description"
        );
    }
}

/// `shell`: a container's command, as the kubelet's shell runs it for its logs and its exit.
/// Never panics and always ends; the lines come in time order within the horizon, no more than
/// asked for, and a run that ends before the horizon agrees with `ends` on when and how.
pub fn shell(data: &[u8]) {
    use kubeplay::sim::shell::{ends, run, End, Ends, Env};
    let text = text(data);
    let words: Vec<String> = match text.split_once('\u{0}') {
        // Before a NUL: a shell script; after it, extra words for it.
        Some((script, rest)) => ["sh", "-c", script]
            .into_iter()
            .map(String::from)
            .chain(rest.split(' ').map(String::from))
            .collect(),
        None => text.split(' ').map(String::from).collect(),
    };
    // `ends` reads no environment: the run must not either, to be compared with it.
    let env = Env {
        hostname: "",
        vars: &[],
        others: Some(5_000),
    };
    const HORIZON: i64 = 3_600_000;
    let r = run(&words, &env, 1_767_225_600_000, HORIZON, 50);
    assert!(r.lines.len() <= 50, "{text:?}: {} lines", r.lines.len());
    let mut last = 0;
    for (at, _) in &r.lines {
        assert!(
            (last..=HORIZON).contains(at),
            "{text:?}: a line at {at} after {last}"
        );
        last = *at;
    }
    if let (End::Exited { at, code }, false) = (r.end, r.truncated) {
        assert!((0..=HORIZON).contains(&at), "{text:?}: exits at {at}");
        match ends(&words, Some(5_000)) {
            Ends::At(when, how) => assert_eq!((when, how), (at, code), "{text:?}"),
            Ends::Unknown => {}
            Ends::Never => panic!("{text:?}: ran to an exit at {at} but never ends"),
        }
    }
}

/// The simulated cluster's first instant, where the cron fuzzer starts counting runs.
fn epoch() -> jiff::Timestamp {
    jiff::Timestamp::from_second(1_767_225_600).expect("2026-01-01")
}

/// `graph`: the page's layout worker reads any wire text without panicking, and so does the
/// graph of any manifest; the layout keeps its promises on either: every edge joins two nodes,
/// every coordinate is finite, no two of the first 300 nodes overlap, a link that holds the
/// picture together spans layers, and the SVG draws each node once.
pub fn graph(data: &[u8]) {
    use kubeplay::graph::{layout, render, Graph};
    let text = text(data);
    let from_wire = Graph::from_wire(&text);
    let from_manifest = kubeplay::analysis::graph::graph(&kubeplay::analyze(&text), Lang::En);
    for g in [from_wire, from_manifest] {
        for e in &g.edges {
            assert!(
                e.from < g.nodes.len() && e.to < g.nodes.len() && e.from != e.to,
                "{e:?}"
            );
        }
        let l = layout(&g, None);
        assert!(l.x.iter().chain(&l.y).all(|v| v.is_finite()), "{text:?}");
        let n = g.nodes.len().min(300);
        for a in 0..n {
            for b in a + 1..n {
                assert!(!l.overlaps(a, b), "{text:?}: nodes {a} and {b} overlap");
            }
        }
        for e in g.edges.iter().filter(|e| !e.link.loose()) {
            assert_ne!(
                l.layer[e.from], l.layer[e.to],
                "{text:?}: {e:?} within one layer"
            );
        }
        let svg = render::svg(&g, &l, "graph", "cluster");
        assert_eq!(
            svg.matches("<g class=\"n ").count(),
            g.nodes.len(),
            "{text:?}"
        );
        // Laid out again from itself, it stays where it was.
        let again = layout(&g, Some(&l.local));
        assert_eq!((&again.x, &again.y), (&l.x, &l.y), "{text:?}");
        // The wire text reads back as the same graph.
        assert_eq!(Graph::from_wire(&g.to_wire()).to_wire(), g.to_wire());
    }
}

/// `console`: any text run as console lines (and as a `--script`) over a small cluster never
/// panics; each line ends with a shell's exit status (0, 1, 2 or 127), an error always says
/// something on standard error, Tab completion of any line answers, and a command that goes on
/// (`get -w`, `rollout status`, `drain`) keeps answering as the clock runs and stops when the
/// next line is run. The lines reach the shell splitting, pflag's parsing, discovery, jsonpath,
/// the patch algorithms and every command.
pub fn console(data: &[u8]) {
    use kubeplay::cluster::{console_complete, kubectl_steps, Cluster, Console, SECOND};
    let text = text(data);
    let mut c = Cluster::new();
    c.apply(&manifest::load(
        "apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: nginx, ports: [{containerPort: 80}]}]}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec: {minAvailable: 1, selector: {matchLabels: {app: web}}}
",
    ));
    c.run_until(20 * SECOND);
    let _ = kubectl_steps::parse(&text);
    let mut console = Console::new();
    for line in text.split('\n').take(20) {
        let _ = console_complete(&c, line);
        // Lines without a program of their own are kubectl's arguments.
        let line = if line.starts_with("kubectl ") || line.starts_with("cat ") {
            line.to_string()
        } else {
            format!("kubectl {line}")
        };
        let o = console.run(&mut c, &line);
        assert!(
            [0, 1, 2, 127].contains(&o.code),
            "{line:?}: exit status {}",
            o.code
        );
        if o.code != 0 {
            assert!(!o.stderr.is_empty(), "{line:?}: failed in silence");
        }
        if console.following() {
            let until = c.now() + 10 * SECOND;
            c.run_until_each(until, |c| {
                let _ = console.poll(c);
            });
        }
    }
    console.run(&mut c, "");
    assert!(!console.following(), "an empty line stops what goes on");
}
