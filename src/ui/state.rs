//! App-wide state and the one reducer every change goes through: the analysis of the editor's
//! text, the simulated cluster and the snapshot of it the panels show, the tab, the clock controls.
//!
//! The one thing to know: the cluster lives in the simulator's Web Worker (`worker.rs`); the reducer
//! sends it requests and takes its answers (`Action::Answer`) as they come, so the page never waits
//! for a step. Where the worker cannot start, the same simulator runs on the page instead.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::bridge;
use super::cluster_view::{ClusterView, Selected, Windows};
use super::worker::{Answer, Op, Request, Shows, Sim};
use crate::analysis::{Analysis, Analyzer};
use crate::cluster::Millis;
use crate::i18n::Lang;
use crate::share::{self, ShareError};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Cluster,
    Events,
    Storage,
    Timeline,
    Graph,
    Services,
    Objects,
    Selector,
}

/// What a notice says, kept as data so that it is said in the language the page switches to.
#[derive(Clone, PartialEq)]
pub enum NoticeText {
    KeptDraft,
    LinkCopied,
    WorkerFallback,
    /// The time-zone table could not be fetched: zones other than UTC read as unknown.
    ZonesUnavailable,
    Share(ShareError),
}

impl NoticeText {
    pub fn text(&self, lang: Lang) -> String {
        let t = lang.texts();
        match self {
            NoticeText::KeptDraft => t.kept_draft(),
            NoticeText::LinkCopied => t.link_copied(),
            NoticeText::WorkerFallback => t.worker_fallback(),
            NoticeText::ZonesUnavailable => t.zones_unavailable(),
            NoticeText::Share(e) => e.text(lang),
        }
    }
}

#[derive(Clone, PartialEq)]
pub struct Notice {
    pub text: NoticeText,
    /// A link to show in a copyable field.
    pub link: Option<String>,
    pub error: bool,
}

/// Where the simulator runs.
#[derive(Clone)]
pub enum Engine {
    /// In the page itself (before the worker is up, or where it cannot start).
    Page(Rc<RefCell<Sim>>),
    /// In the simulator's worker; the count is how many answers are still due.
    Worker(Rc<std::cell::Cell<u32>>),
}

#[derive(Clone)]
pub struct State {
    pub analysis: Rc<Analysis>,
    /// Reads each edit, reusing what it read of the documents the edit left alone.
    pub analyzer: Rc<RefCell<Analyzer>>,
    /// The text `analysis` was made from.
    pub text: Rc<String>,
    pub revision: u64,
    pub tab: Tab,
    pub notice: Option<Notice>,
    pub engine: Engine,
    pub view: Rc<ClusterView>,
    pub selected: Selected,
    /// Where each table's rows in view start, as the person scrolled them.
    pub windows: Windows,
    pub playing: bool,
    pub speed: u32,
    pub auto_apply: bool,
    /// The language the page speaks.
    pub lang: Lang,
}

/// The language to open in: a shared link's, else the one picked on an earlier visit, else the
/// browser's.
fn initial_lang() -> Lang {
    let hash = bridge::location_hash();
    let link = hash
        .contains("code=")
        .then(|| share::lang_of(&hash))
        .flatten();
    let browser = bridge::browser_languages();
    Lang::choose(
        link.map(Lang::code),
        bridge::load_lang().as_deref(),
        browser.iter().map(String::as_str),
    )
}

impl PartialEq for State {
    fn eq(&self, other: &Self) -> bool {
        self.revision == other.revision
            && self.tab == other.tab
            && self.notice == other.notice
            && Rc::ptr_eq(&self.view, &other.view)
            && self.selected == other.selected
            && self.windows == other.windows
            && self.playing == other.playing
            && self.speed == other.speed
            && self.auto_apply == other.auto_apply
            && self.lang == other.lang
    }
}

pub enum Action {
    Analyze(String),
    Tab(Tab),
    Notice(Option<Notice>),
    /// Apply the current text (the Apply button, Ctrl/Cmd+Enter).
    Apply,
    /// Wall-clock milliseconds passed while playing.
    Tick(Millis),
    Step,
    Advance(Millis),
    Reset,
    Play(bool),
    Speed(u32),
    AutoApply(bool),
    Select(Selected),
    /// A table was scrolled: (its prefix, the first row in view).
    Window(String, usize),
    /// The simulator's worker is up: send it everything from now on.
    UseWorker,
    /// An answer from the simulator's worker (JSON).
    Answer(String),
    /// The worker failed: simulate on the page from here on, starting from the current text.
    WorkerFailed,
    /// The page speaks another language.
    Lang(Lang),
    /// The time-zone table arrived: the page reads with it from now on, and so does the simulator.
    Zones(String),
    /// Run a console line.
    Console(String),
    /// Complete a console line's last word.
    Complete(String),
    /// A fault on a node, from its describe.
    Fault(String, crate::cluster::Fault),
}

impl State {
    pub fn new() -> State {
        let mut sim = Sim::new();
        let first = sim.answer(Request {
            op: Op::View,
            shows: Shows::Tables,
            selected: None,
            windows: Windows::new(),
            lang: String::new(),
        });
        State {
            analysis: Rc::new(Analysis::default()),
            analyzer: Rc::default(),
            text: Rc::default(),
            revision: 0,
            tab: Tab::Cluster,
            notice: None,
            engine: Engine::Page(Rc::new(RefCell::new(sim))),
            view: Rc::new(
                first
                    .view
                    .unwrap_or_else(|| ClusterView::clock_only(&crate::cluster::Cluster::new())),
            ),
            selected: None,
            windows: Windows::new(),
            playing: false,
            speed: 1,
            auto_apply: true,
            lang: initial_lang(),
        }
    }

    /// Asks the simulator for `op` and a view for what the page shows now.
    fn send(&mut self, op: Op) {
        let req = Request {
            op,
            shows: match self.tab {
                Tab::Cluster => Shows::Tables,
                Tab::Events => Shows::Events,
                Tab::Storage => Shows::Storage,
                Tab::Timeline => Shows::Timeline,
                Tab::Graph => Shows::Graph,
                _ => Shows::Clock,
            },
            selected: self.selected.clone(),
            windows: self.windows.clone(),
            lang: self.lang.code().to_string(),
        };
        match &self.engine {
            Engine::Page(sim) => {
                let answer = sim.borrow_mut().answer(req);
                self.take(answer);
            }
            Engine::Worker(due) => {
                if let Ok(json) = serde_json::to_string(&req) {
                    if bridge::post_to_worker(&json) {
                        due.set(due.get() + 1);
                    }
                }
            }
        }
    }

    fn take(&mut self, answer: Answer) {
        self.selected = answer.selected;
        // The console shows what its lines printed itself; the answers go straight to it.
        if let Some(o) = &answer.console {
            let edit = o
                .edit
                .as_ref()
                .and_then(|e| serde_json::to_string(e).ok())
                .unwrap_or_default();
            bridge::console_answer(&o.stdout, &o.stderr, o.code, o.follows, o.later, &edit);
        }
        if let Some(list) = &answer.completions {
            bridge::console_candidates(&serde_json::to_string(list).unwrap_or_default());
        }
        if let Some(view) = answer.view {
            // A table that is gone starts at the top when it comes back (its box is new).
            self.windows
                .retain(|prefix, _| view.tables.iter().any(|t| &t.prefix == prefix));
            self.view = Rc::new(view);
        }
    }

    fn apply(&mut self) {
        let text = (*self.text).clone();
        self.send(Op::Apply { text });
    }
}

impl Default for State {
    fn default() -> Self {
        State::new()
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Analyze(text) => {
                s.analysis = Rc::new(s.analyzer.borrow_mut().analyze(&text));
                s.text = Rc::new(text);
                s.revision += 1;
                if s.auto_apply && s.analysis.error_count() == 0 {
                    s.apply();
                }
            }
            Action::Tab(tab) => {
                s.tab = tab;
                // The tables' boxes are made anew, scrolled to the top.
                s.windows.clear();
                s.send(Op::View);
            }
            Action::Notice(notice) => s.notice = notice,
            Action::Apply => s.apply(),
            Action::Tick(ms) => {
                if !s.playing {
                    return self;
                }
                if let Engine::Worker(due) = &s.engine {
                    if due.get() > 0 {
                        // The last step is still running: skip this tick rather than queue it.
                        return self;
                    }
                }
                let before = Rc::clone(&s.view);
                s.send(Op::Run {
                    ms: ms * Millis::from(s.speed),
                });
                if Rc::ptr_eq(&before, &s.view) && s.selected == self.selected {
                    // Nothing to redraw (yet): keep the old state so no component renders again.
                    return self;
                }
            }
            Action::Step => s.send(Op::Step),
            Action::Advance(ms) => s.send(Op::Run { ms }),
            Action::Reset => {
                s.selected = None;
                let text = (*s.text).clone();
                s.send(Op::Reset { text });
            }
            Action::Play(p) => s.playing = p,
            Action::Speed(v) => s.speed = v.clamp(1, 60),
            Action::AutoApply(a) => {
                s.auto_apply = a;
                if a && s.analysis.error_count() == 0 {
                    s.apply();
                }
            }
            Action::Select(sel) => {
                s.selected = sel;
                s.send(Op::View);
            }
            Action::Window(prefix, first) => {
                if s.windows.get(&prefix).copied().unwrap_or(0) == first {
                    return self;
                }
                s.windows.insert(prefix, first);
                s.send(Op::View);
            }
            Action::UseWorker => {
                s.engine = Engine::Worker(Rc::default());
                if !s.text.is_empty() && s.auto_apply && s.analysis.error_count() == 0 {
                    s.apply();
                } else {
                    s.send(Op::View);
                }
            }
            Action::WorkerFailed => {
                bridge::stop_worker();
                s.engine = Engine::Page(Rc::new(RefCell::new(Sim::new())));
                s.notice = Some(Notice {
                    text: NoticeText::WorkerFallback,
                    link: None,
                    error: true,
                });
                let text = (*s.text).clone();
                s.send(Op::Reset { text });
            }
            Action::Lang(lang) => {
                s.lang = lang;
                if matches!(s.tab, Tab::Graph | Tab::Storage) {
                    s.send(Op::View);
                }
            }
            Action::Zones(table) => {
                crate::cron::install_zones(table.clone());
                s.send(Op::Zones { table });
            }
            Action::Answer(json) => {
                if let Engine::Worker(due) = &s.engine {
                    due.set(due.get().saturating_sub(1));
                }
                match serde_json::from_str::<Answer>(&json) {
                    Ok(answer)
                        if answer.view.is_some()
                            || answer.selected != s.selected
                            || answer.console.is_some()
                            || answer.completions.is_some() =>
                    {
                        s.take(answer)
                    }
                    _ => return self,
                }
            }
            Action::Console(line) => s.send(Op::Console { line }),
            Action::Complete(line) => s.send(Op::Complete { line }),
            Action::Fault(node, fault) => s.send(Op::Fault { node, fault }),
        }
        Rc::new(s)
    }
}
