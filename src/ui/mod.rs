//! The web app: an editor on the left, what the manifest means on the right.
//!
//! Components render a snapshot the engine produced (`Analysis`); they hold no engine logic. App-wide
//! state lives in one reducer; the browser's edges (editor, storage, URL) are in `bridge`.

mod bridge;
mod cluster_panel;
mod cluster_view;
mod events_panel;
mod object_table;
mod problems;
mod props;
mod selector_tester;
mod services_panel;
mod time_controls;
mod top_bar;

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::{Interval, Timeout};
use yew::prelude::*;

use crate::analysis::{analyze, Analysis};
use crate::examples::EXAMPLES;
use crate::share;

use crate::sim::{Cluster, Millis};
use cluster_panel::ClusterPanel;
use cluster_view::{ClusterView, Selected};
use events_panel::EventsPanel;
use object_table::ObjectTable;
use problems::Problems;
use selector_tester::SelectorTester;
use services_panel::ServicesPanel;
use time_controls::TimeControls;
use top_bar::TopBar;

/// How long typing must pause before the manifest is analysed again.
const DEBOUNCE_MS: u32 = 150;
/// How often the playing clock moves, in wall-clock milliseconds.
const TICK_MS: u32 = 100;

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
            .filter(|r| !matches!(r.outcome, crate::sim::ApplyOutcome::Unchanged))
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

/// Whether a shared text may replace `current` (asking the person when `current` is an unsaved draft).
fn may_replace(current: Option<&str>, shared: &str) -> bool {
    let unsaved = current.is_some_and(|d| {
        !d.trim().is_empty() && d != shared && !EXAMPLES.iter().any(|e| e.text == d)
    });
    !unsaved
        || bridge::confirm("This link holds a shared playground. Replace your unsaved draft with it?\n\nCancel keeps your draft.")
}

fn kept_draft_notice() -> Notice {
    Notice {
        text: "Kept your draft; the shared playground was not opened.".into(),
        link: None,
        error: false,
    }
}

/// The text to open with: a shared link, else the saved draft, else the first example.
/// Returns the text and a notice to show.
fn initial_text() -> (String, Option<Notice>) {
    let hash = bridge::location_hash();
    let draft = bridge::load_draft().filter(|d| !d.trim().is_empty());
    let fallback = || {
        draft
            .clone()
            .unwrap_or_else(|| EXAMPLES[0].text.to_string())
    };
    if !hash.contains("code=") {
        return (fallback(), None);
    }
    match share::decode(&hash) {
        Ok(shared) if may_replace(draft.as_deref(), &shared) => (shared, None),
        Ok(_) => {
            bridge::clear_hash();
            (fallback(), Some(kept_draft_notice()))
        }
        Err(e) => (
            fallback(),
            Some(Notice {
                text: e.to_string(),
                link: None,
                error: true,
            }),
        ),
    }
}

/// A shared link pasted into the address bar of an open playground changes only the fragment.
fn on_hash_change(dispatch: &UseReducerDispatcher<State>) {
    let hash = bridge::location_hash();
    if !hash.contains("code=") {
        return;
    }
    match share::decode(&hash) {
        Ok(shared) => {
            let current = bridge::get_text();
            if shared == current {
                return;
            }
            if may_replace(Some(&current), &shared) {
                bridge::set_text(&shared);
            } else {
                bridge::clear_hash();
                dispatch.dispatch(Action::Notice(Some(kept_draft_notice())));
            }
        }
        Err(e) => dispatch.dispatch(Action::Notice(Some(Notice {
            text: e.to_string(),
            link: None,
            error: true,
        }))),
    }
}

fn diagnostics_json(a: &Analysis) -> String {
    let list: Vec<serde_json::Value> = a
        .diagnostics
        .iter()
        .map(|d| {
            let mut message = d.message.clone();
            if let Some(h) = &d.hint {
                message.push_str("\nHint: ");
                message.push_str(h);
            }
            serde_json::json!({
                "line": d.span.start.line, "col": d.span.start.col,
                "endLine": d.span.end.line, "endCol": d.span.end.col,
                "severity": d.severity.as_str(), "message": message,
            })
        })
        .collect();
    serde_json::Value::Array(list).to_string()
}

/// Shares the editor's text: the link goes into the address bar, the clipboard and a notice.
fn share_now(dispatch: &UseReducerDispatcher<State>) {
    let text = bridge::get_text();
    if share::contains_secret(&text)
        && !bridge::confirm("This manifest contains a Secret. Anyone with the link can read its data.\n\nShare it anyway?")
    {
        return;
    }
    let fragment = share::encode(&text);
    bridge::set_hash(&fragment);
    let link = format!("{}#{fragment}", bridge::page_url());
    bridge::copy_to_clipboard(&link);
    dispatch.dispatch(Action::Notice(Some(Notice {
        text: "Link copied. It holds the whole manifest; nothing is stored anywhere else.".into(),
        link: Some(link),
        error: false,
    })));
}

#[function_component(App)]
fn app() -> Html {
    let state = use_reducer(|| {
        let cluster = Cluster::new();
        let view = Rc::new(ClusterView::of(&cluster, &None, &[]));
        State {
            analysis: Rc::new(Analysis::default()),
            revision: 0,
            tab: Tab::Cluster,
            notice: None,
            cluster: Rc::new(RefCell::new(cluster)),
            view,
            selected: None,
            playing: false,
            speed: 1,
            auto_apply: true,
            apply_log: Rc::default(),
        }
    });
    let editor_ref = use_node_ref();

    {
        let editor_ref = editor_ref.clone();
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            let (text, notice) = initial_text();
            if let Some(el) = editor_ref.cast::<web_sys::Element>() {
                let pending: Rc<RefCell<Option<Timeout>>> = Rc::default();
                let d = dispatch.clone();
                let on_change = move |text: String| {
                    let d = d.clone();
                    let timer = Timeout::new(DEBOUNCE_MS, move || {
                        bridge::save_draft(&text);
                        d.dispatch(Action::Analyze(text));
                    });
                    // Replacing the pending timer cancels it.
                    *pending.borrow_mut() = Some(timer);
                };
                let d = dispatch.clone();
                let on_command = move |cmd: String| match cmd.as_str() {
                    "share" => share_now(&d),
                    _ => {
                        d.dispatch(Action::Analyze(bridge::get_text()));
                        d.dispatch(Action::Apply);
                    }
                };
                bridge::create_editor(&el, &text, on_change, on_command);
            }
            if let Some(window) = web_sys::window() {
                let d = dispatch.clone();
                gloo_events::EventListener::new(&window, "hashchange", move |_| on_hash_change(&d))
                    .forget();
            }
            bridge::save_draft(&text);
            dispatch.dispatch(Action::Analyze(text));
            if notice.is_some() {
                dispatch.dispatch(Action::Notice(notice));
            }
            || ()
        });
    }

    {
        let analysis = state.analysis.clone();
        use_effect_with(state.revision, move |_| {
            bridge::show_diagnostics(&diagnostics_json(&analysis));
            || ()
        });
    }

    {
        // The clock runs while playing.
        let dispatch = state.dispatcher();
        use_effect_with(state.playing, move |playing| {
            let timer = playing.then(|| {
                Interval::new(TICK_MS, move || {
                    dispatch.dispatch(Action::Tick(Millis::from(TICK_MS)))
                })
            });
            move || drop(timer)
        });
    }

    let dispatch = state.dispatcher();
    let act = |make: fn() -> Action| {
        let d = dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(make()))
    };
    let on_play = {
        let d = dispatch.clone();
        Callback::from(move |p: bool| d.dispatch(Action::Play(p)))
    };
    let on_speed = {
        let d = dispatch.clone();
        Callback::from(move |v: u32| d.dispatch(Action::Speed(v)))
    };
    let on_auto_apply = {
        let d = dispatch.clone();
        Callback::from(move |v: bool| d.dispatch(Action::AutoApply(v)))
    };
    let on_select = {
        let d = dispatch.clone();
        Callback::from(move |sel: Selected| d.dispatch(Action::Select(sel)))
    };
    let on_tab = |tab: Tab| {
        let d = dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::Tab(tab)))
    };
    let tab_button = |tab: Tab, label: &str| {
        let selected = state.tab == tab;
        html! {
            <button role="tab" class={classes!("tab", selected.then_some("selected"))} aria-selected={selected.to_string()} onclick={on_tab(tab)}>{label.to_string()}</button>
        }
    };
    let on_share = {
        let d = dispatch.clone();
        Callback::from(move |_| share_now(&d))
    };
    let on_dismiss = {
        let d = dispatch.clone();
        Callback::from(move |_| d.dispatch(Action::Notice(None)))
    };
    let a = state.analysis.clone();
    html! {
        <div class="app">
            <TopBar on_share={on_share}>
                <TimeControls now={state.view.now} playing={state.playing} speed={state.speed} auto_apply={state.auto_apply}
                    on_apply={act(|| Action::Apply)} on_auto_apply={on_auto_apply} on_play={on_play} on_speed={on_speed}
                    on_step={act(|| Action::Step)} on_minute={act(|| Action::Advance(60_000))} on_reset={act(|| Action::Reset)} />
            </TopBar>
            if let Some(n) = &state.notice {
                <div class={classes!("notice", n.error.then_some("error"))} role="status">
                    <span>{n.text.clone()}</span>
                    if let Some(link) = &n.link {
                        <input class="share-link" aria-label="Share link" readonly=true value={link.clone()} />
                    }
                    <button class="dismiss" aria-label="Dismiss" onclick={on_dismiss}>{"×"}</button>
                </div>
            }
            <main class="panes">
                <section class="left" aria-label="Manifest">
                    <div class="editor" ref={editor_ref}></div>
                    <Problems analysis={a.clone()} />
                </section>
                <section class="right" aria-label="What the cluster would see">
                    <div class="tabs" role="tablist">
                        { tab_button(Tab::Cluster, "Cluster") }
                        { tab_button(Tab::Events, "Events") }
                        { tab_button(Tab::Services, "Services") }
                        { tab_button(Tab::Objects, "Objects") }
                        { tab_button(Tab::Selector, "Selector tester") }
                    </div>
                    <div class="tab-body" role="tabpanel">
                        {
                            match state.tab {
                                Tab::Cluster => html! { <ClusterPanel view={state.view.clone()} selected={state.selected.clone()} on_select={on_select} /> },
                                Tab::Events => html! { <EventsPanel view={state.view.clone()} /> },
                                Tab::Services => html! { <ServicesPanel analysis={a.clone()} /> },
                                Tab::Objects => html! { <ObjectTable analysis={a.clone()} /> },
                                Tab::Selector => html! { <SelectorTester analysis={a.clone()} /> },
                            }
                        }
                    </div>
                </section>
            </main>
        </div>
    }
}

/// Mounts the app on the page.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
