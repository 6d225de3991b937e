//! The simulator's side of the page: the same wasm, loaded a second time in a Web Worker
//! (`www/sim-worker.js`), holds the cluster and answers the page's requests with views, so the page
//! never waits for a step of the clock or an apply of thousands of objects.
//!
//! The one thing to know: requests and answers are JSON strings, one answer per request, in order;
//! an answer carries no view when nothing the page shows has changed since the last one.

use std::cell::RefCell;

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use super::cluster_view::{ClusterView, Selected, Windows};
use crate::cluster::{ApplyOutcome, Cluster, Millis};

/// What the page asks for.
#[derive(Debug, Serialize, Deserialize)]
// Externally tagged (`{"run": {"ms": 1000}}`, `"step"`): an internally tagged enum decodes
// through a buffer of every field first, which costs the page several kilobytes of code.
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// Apply this text as the desired state (`kubectl apply --prune`).
    Apply { text: String },
    /// A fresh cluster with this text applied.
    Reset { text: String },
    /// Move the clock on by this much.
    Run { ms: Millis },
    /// Move the clock to the next moment something happens.
    Step,
    /// Nothing but a view (the tab or the selection changed).
    View,
    /// The time-zone table (`zones.txt`), fetched by the page the first time a text names a zone;
    /// sent before the text that needs it.
    Zones { table: String },
    /// Run a console line (`kubectl get pods`, a here-document after it).
    Console { line: String },
    /// What the last word of a console line could be.
    Complete { line: String },
    /// A fault on a node (`kubeplay node stop-kubelet NODE`): what it did, or why not, is the
    /// apply log's line.
    Fault {
        node: String,
        fault: crate::cluster::Fault,
    },
}

/// What a tab shows of the cluster: a view is built of that only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Shows {
    /// The clock alone.
    Clock,
    /// The Cluster tab: tables, rollouts, describe and the apply log.
    Tables,
    /// The Events tab.
    Events,
    /// The Storage tab: classes, claims, volumes and the selection's describe.
    Storage,
    /// The Timeline tab: every Job run by lane, and the selection's describe.
    Timeline,
    /// The Graph tab: every object and its links, and the selection's describe.
    Graph,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Request {
    pub op: Op,
    /// What the visible tab shows besides the clock.
    pub shows: Shows,
    pub selected: Selected,
    /// Where each table's rows in view start.
    #[serde(default)]
    pub windows: Windows,
    /// The page's language (`en`, `ko`): what the graph's explanations are said in.
    #[serde(default)]
    pub lang: String,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Answer {
    /// None when the view would be the one last sent.
    pub view: Option<ClusterView>,
    /// The selection, cleared when its object is gone.
    pub selected: Selected,
    /// Why the request was refused (it was not JSON of a request, or asked for too much).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// What a console line printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub console: Option<crate::cluster::ConsoleOutput>,
    /// The candidates for a console line's last word.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completions: Option<Vec<String>>,
}

/// The longest a request may run the clock: the page asks for a minute at most.
pub const MAX_RUN: Millis = 60 * crate::cluster::MINUTE;
/// The most tables a request may place windows for, and the longest name it may send.
const MAX_WINDOWS: usize = 64;
const MAX_NAME: usize = 1024;
/// The longest console line (a here-document included).
const MAX_LINE: usize = 256 * 1024;
/// The most a time-zone table may hold (`zones.txt` is about 17 KB).
const MAX_ZONES: usize = 256 * 1024;

impl Request {
    /// What the worker refuses to do: a text past the page's input limit, a run of the clock
    /// backwards or past `MAX_RUN`, more windows or longer names than any page sends.
    pub fn check(&self) -> Result<(), String> {
        let limit = crate::manifest::Limits::PAGE.max_input;
        match &self.op {
            Op::Apply { text } | Op::Reset { text } if text.len() > limit => {
                return Err(format!(
                    "the text is {} bytes, more than {limit}",
                    text.len()
                ))
            }
            Op::Zones { table } if table.len() > MAX_ZONES => {
                return Err(format!(
                    "the time-zone table is {} bytes, more than {MAX_ZONES}",
                    table.len()
                ))
            }
            Op::Console { line } | Op::Complete { line } if line.len() > MAX_LINE => {
                return Err(format!(
                    "the console line is {} bytes, more than {MAX_LINE}",
                    line.len()
                ))
            }
            Op::Run { ms } if !(0..=MAX_RUN).contains(ms) => {
                return Err(format!("cannot run the clock by {ms} ms (0 to {MAX_RUN})"))
            }
            _ => {}
        }
        if self.lang.len() > MAX_NAME {
            return Err("the language tag is too long".into());
        }
        if self.windows.len() > MAX_WINDOWS || self.windows.keys().any(|k| k.len() > MAX_NAME) {
            return Err(format!(
                "at most {MAX_WINDOWS} table windows with short names"
            ));
        }
        if let Some((kind, ns, name)) = &self.selected {
            if [kind, ns, name].iter().any(|s| s.len() > MAX_NAME) {
                return Err("the selected object's name is too long".into());
            }
        }
        Ok(())
    }
}

/// The answer to a request the worker refused: nothing changed.
fn refusal(error: String) -> String {
    let answer = Answer {
        view: None,
        selected: None,
        error: Some(error),
        console: None,
        completions: None,
    };
    serde_json::to_string(&answer).unwrap_or_default()
}

/// What a view is made of: the cluster's version and the second on its clock, whether the tables
/// were asked for, the selection, and how many applies there have been.
type Stamp = (
    ((u64, u64), Millis),
    (Shows, String),
    Selected,
    usize,
    Windows,
);

/// The cluster and what was last said about it; the worker's, or the page's where no worker runs.
pub struct Sim {
    cluster: Cluster,
    /// Reads each text applied, reusing what it read of unchanged documents.
    loader: crate::manifest::Loader,
    /// (line, is error) of the last apply that said something.
    log: Vec<(String, bool)>,
    /// What the last view was made of.
    sent: Option<Stamp>,
    applies: usize,
    /// The console's files, kept between its lines.
    #[cfg(feature = "console")]
    console: crate::cluster::Console,
}

impl Sim {
    pub fn new() -> Sim {
        Sim {
            cluster: Cluster::new(),
            loader: crate::manifest::Loader::default(),
            log: Vec::new(),
            sent: None,
            applies: 0,
            #[cfg(feature = "console")]
            console: crate::cluster::Console::new(),
        }
    }

    fn apply(&mut self, text: &str) {
        let manifest = self.loader.load(text, crate::manifest::Limits::PAGE);
        let results = self.cluster.apply(&manifest);
        let log: Vec<(String, bool)> = results
            .iter()
            .filter(|r| !matches!(r.outcome, ApplyOutcome::Unchanged))
            .map(|r| (r.render(), r.is_error()))
            .collect();
        if !log.is_empty() || self.log.iter().any(|(_, e)| *e) {
            self.log = log;
        }
        self.applies += 1;
    }

    pub fn answer(&mut self, req: Request) -> Answer {
        let (mut console, mut completions) = (None, None);
        // A command of the console that goes on (`get -w`) says what changed after each move of
        // the clock and each change to the cluster.
        #[cfg(feature = "console")]
        let moved = !matches!(
            req.op,
            Op::Console { .. } | Op::Complete { .. } | Op::View | Op::Zones { .. }
        );
        match req.op {
            #[cfg(feature = "console")]
            Op::Console { line } => console = Some(self.console.run(&mut self.cluster, &line)),
            #[cfg(feature = "console")]
            Op::Complete { line } => {
                completions = Some(crate::cluster::console_complete(&self.cluster, &line))
            }
            // The page's own wasm has no kubectl: in the worker, `www/sim-worker.js` answers these
            // from `kubeplay-sim`; on the page (no worker) the console says why it cannot run.
            #[cfg(not(feature = "console"))]
            Op::Console { .. } => {
                console = Some(crate::cluster::ConsoleOutput {
                    stdout: String::new(),
                    stderr: "the console runs in the simulator's worker, which could not start in this browser\n".into(),
                    code: 1,
                    ..Default::default()
                })
            }
            #[cfg(not(feature = "console"))]
            Op::Complete { .. } => completions = Some(Vec::new()),
            Op::Apply { text } => self.apply(&text),
            Op::Reset { text } => {
                *self = Sim::new();
                self.apply(&text);
            }
            Op::Run { ms } => {
                let target = self.cluster.now() + ms;
                #[cfg(feature = "console")]
                if self.console.following() {
                    let (con, mut said) = (&mut self.console, Vec::new());
                    self.cluster
                        .run_until_each(target, |c| said.extend(con.poll(c)));
                    console = merged(said);
                }
                self.cluster.run_until(target);
            }
            Op::Step => {
                self.cluster.step();
            }
            Op::View => {}
            Op::Zones { table } => crate::cron::install_zones(table),
            Op::Fault { node, fault } => {
                self.log = vec![match self.cluster.node_fault(&node, fault) {
                    Ok(said) => (said, false),
                    Err(e) => (e, true),
                }];
                self.applies += 1;
            }
        }
        #[cfg(feature = "console")]
        if moved && console.is_none() {
            console = self.console.poll(&mut self.cluster);
        }
        let c = &self.cluster;
        let selected = req
            .selected
            .filter(|(kind, ns, name)| c.store().uid_of(kind, ns, name).is_some());
        let stamp = (
            (c.version(), c.now() / 1000),
            (req.shows, req.lang.clone()),
            selected.clone(),
            self.applies,
            req.windows.clone(),
        );
        if self.sent.as_ref() == Some(&stamp) {
            return Answer {
                view: None,
                selected,
                error: None,
                console,
                completions,
            };
        }
        let view = match req.shows {
            Shows::Clock => ClusterView::clock_only(c),
            Shows::Tables => ClusterView::of(c, &selected, &self.log, &req.windows),
            Shows::Events => ClusterView::events_only(c),
            Shows::Storage => ClusterView::storage_only(
                c,
                &selected,
                crate::i18n::Lang::from_tag(&req.lang).unwrap_or_default(),
            ),
            Shows::Timeline => ClusterView::timeline_only(c, &selected),
            Shows::Graph => ClusterView::graph_only(
                c,
                &selected,
                crate::i18n::Lang::from_tag(&req.lang).unwrap_or_default(),
            ),
        };
        self.sent = Some(stamp);
        Answer {
            view: Some(view),
            selected,
            error: None,
            console,
            completions,
        }
    }
}

/// What a command that goes on printed at several instants, as one answer (None if nothing).
#[cfg(feature = "console")]
fn merged(said: Vec<crate::cluster::ConsoleOutput>) -> Option<crate::cluster::ConsoleOutput> {
    let mut it = said.into_iter();
    let mut all = it.next()?;
    for o in it {
        all.stdout.push_str(&o.stdout);
        all.stderr.push_str(&o.stderr);
        all.code = o.code;
        all.follows = o.follows;
    }
    Some(all)
}

thread_local! {
    static SIM: RefCell<Option<Sim>> = const { RefCell::new(None) };
}

/// The worker's entry: one request in, one answer out (JSON). Called by `www/sim-worker.js`.
/// A message that is not a valid request gets an answer with its `error` and changes nothing.
#[wasm_bindgen]
pub fn worker_call(request: &str) -> String {
    let req = match serde_json::from_str::<Request>(request) {
        Ok(req) => req,
        Err(e) => return refusal(format!("not a request: {e}")),
    };
    if let Err(e) = req.check() {
        return refusal(e);
    }
    let answer = SIM.with(|s| {
        let mut s = s.borrow_mut();
        s.get_or_insert_with(Sim::new).answer(req)
    });
    serde_json::to_string(&answer).unwrap_or_default()
}
