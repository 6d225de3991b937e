//! The page: the editor and its problems on the left, the tabs on the right, the top bar; how typing,
//! links, shortcuts and the playing clock become reducer actions.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::{Interval, Timeout};
use yew::prelude::*;

use super::bridge;
use super::cluster_panel::ClusterPanel;
use super::cluster_view::Selected;
use super::events_panel::EventsPanel;
use super::object_table::ObjectTable;
use super::problems::Problems;
use super::selector_tester::SelectorTester;
use super::services_panel::ServicesPanel;
use super::state::{Action, Notice, State, Tab};
use super::time_controls::TimeControls;
use super::top_bar::TopBar;
use crate::analysis::Analysis;
use crate::cluster::Millis;
use crate::examples::EXAMPLES;
use crate::share;

/// How long typing must pause before the manifest is analysed again.
const DEBOUNCE_MS: u32 = 150;
/// How often the playing clock moves, in wall-clock milliseconds.
const TICK_MS: u32 = 100;

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
pub fn app() -> Html {
    let state = use_reducer(State::new);
    let editor_ref = use_node_ref();

    {
        let editor_ref = editor_ref.clone();
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            // The simulator moves to its worker before the first text is applied.
            let (d, e) = (dispatch.clone(), dispatch.clone());
            let started = bridge::start_worker(
                move |answer| d.dispatch(Action::Answer(answer)),
                move || e.dispatch(Action::WorkerFailed),
            );
            if started {
                dispatch.dispatch(Action::UseWorker);
            }
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
    let on_window = {
        let d = dispatch.clone();
        Callback::from(move |(prefix, first): (String, usize)| {
            d.dispatch(Action::Window(prefix, first))
        })
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
                                Tab::Cluster => html! { <ClusterPanel view={state.view.clone()} selected={state.selected.clone()} on_select={on_select} on_scroll={on_window} /> },
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
