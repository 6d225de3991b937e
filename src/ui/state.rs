//! App-wide state and the one reducer every change goes through: the analysis of the editor's
//! text, the simulated cluster and the snapshot of it the panels show, the tab, the clock controls.
//!
//! The one thing to know: the reducer is the only place that changes the cluster, and it rebuilds
//! the cluster view only when something a visible panel shows could have changed.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::cluster_view::{ClusterView, Selected};
use crate::analysis::{analyze, Analysis};
use crate::cluster::{Cluster, Millis};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Cluster,
    Events,
    Services,
    Objects,
    Selector,
}

#[derive(Clone, PartialEq)]
pub struct Notice {
    pub text: String,
    /// A link to show in a copyable field.
    pub link: Option<String>,
    pub error: bool,
}

#[derive(Clone)]
pub struct State {
    pub analysis: Rc<Analysis>,
    pub revision: u64,
    pub tab: Tab,
    pub notice: Option<Notice>,
    /// The simulated cluster; changed only by the reducer.
    pub cluster: Rc<RefCell<Cluster>>,
    pub view: Rc<ClusterView>,
    pub selected: Selected,
    pub playing: bool,
    pub speed: u32,
    pub auto_apply: bool,
    pub apply_log: Rc<Vec<(String, bool)>>,
}

impl PartialEq for State {
    fn eq(&self, other: &Self) -> bool {
        self.revision == other.revision
            && self.tab == other.tab
            && self.notice == other.notice
            && Rc::ptr_eq(&self.view, &other.view)
            && self.selected == other.selected
            && self.playing == other.playing
            && self.speed == other.speed
            && self.auto_apply == other.auto_apply
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
}

impl State {
    fn apply(&mut self) {
        let results = self.cluster.borrow_mut().apply(&self.analysis.manifest);
        let log: Vec<(String, bool)> = results
            .iter()
            .filter(|r| !matches!(r.outcome, crate::cluster::ApplyOutcome::Unchanged))
            .map(|r| (r.render(), r.is_error()))
            .collect();
        if !log.is_empty() || self.apply_log.iter().any(|(_, e)| *e) {
            self.apply_log = Rc::new(log);
        }
    }

    /// Redraws the cluster view: the tables only for the tabs that show them, and nothing at all
    /// when neither the cluster nor the second on the clock changed.
    fn refresh(&mut self, force: bool) {
        let c = self.cluster.borrow();
        if let Some((kind, ns, name)) = &self.selected {
            if c.store().get_json(kind, ns, name).is_none() {
                self.selected = None;
            }
        }
        let full = matches!(self.tab, Tab::Cluster | Tab::Events);
        let stamp = (c.version(), c.now() / 1000);
        if !force && self.view.stamp == stamp && self.view.full == full {
            return;
        }
        self.view = Rc::new(if full {
            ClusterView::of(&c, &self.selected, &self.apply_log)
        } else {
            ClusterView::clock_only(&c)
        });
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Analyze(text) => {
                s.analysis = Rc::new(analyze(&text));
                s.revision += 1;
                if s.auto_apply && s.analysis.error_count() == 0 {
                    s.apply();
                }
            }
            Action::Tab(tab) => {
                s.tab = tab;
                s.refresh(false);
                return Rc::new(s);
            }
            Action::Notice(notice) => {
                s.notice = notice;
                return Rc::new(s);
            }
            Action::Apply => s.apply(),
            Action::Tick(ms) => {
                if !s.playing {
                    return self;
                }
                {
                    let mut c = s.cluster.borrow_mut();
                    let target = c.now() + ms * Millis::from(s.speed);
                    c.run_until(target);
                }
                let before = Rc::clone(&s.view);
                s.refresh(false);
                if Rc::ptr_eq(&before, &s.view) {
                    // Nothing to redraw: keep the old state so no component renders again.
                    return self;
                }
                return Rc::new(s);
            }
            Action::Step => {
                s.cluster.borrow_mut().step();
            }
            Action::Advance(ms) => {
                let mut c = s.cluster.borrow_mut();
                let target = c.now() + ms;
                c.run_until(target);
            }
            Action::Reset => {
                s.cluster = Rc::new(RefCell::new(Cluster::new()));
                s.apply_log = Rc::default();
                s.selected = None;
                s.apply();
            }
            Action::Play(p) => s.playing = p,
            Action::Speed(v) => s.speed = v.clamp(1, 60),
            Action::AutoApply(a) => {
                s.auto_apply = a;
                if a && s.analysis.error_count() == 0 {
                    s.apply();
                }
            }
            Action::Select(sel) => s.selected = sel,
        }
        s.refresh(true);
        Rc::new(s)
    }
}
