//! The page: the editor and its problems on the left, the tabs on the right, the top bar; how typing,
//! links, shortcuts and the playing clock become reducer actions.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::{Interval, Timeout};
use yew::prelude::*;

use super::bridge;
use super::cluster_panel::ClusterPanel;
use super::cluster_view::Selected;
use super::console::Console;
use super::events_panel::EventsPanel;
use super::graph_panel::GraphPanel;
use super::object_table::ObjectTable;
use super::problems::Problems;
use super::selector_tester::SelectorTester;
use super::services_panel::ServicesPanel;
use super::state::{Action, Notice, NoticeText, State, Tab};
use super::storage_panel::StoragePanel;
use super::time_controls::TimeControls;
use super::timeline::Timeline;
use super::top_bar::TopBar;
use crate::analysis::Analysis;
use crate::cluster::Millis;
use crate::cron;
use crate::examples::{self, EXAMPLES};
use crate::i18n::Lang;
use crate::share::{self, ShareError};

/// How long typing must pause before the manifest is analysed again.
const DEBOUNCE_MS: u32 = 150;
/// How often the playing clock moves, in wall-clock milliseconds.
const TICK_MS: u32 = 100;

/// Whether a shared text may replace `current` (asking the person when `current` is an unsaved draft).
fn may_replace(current: Option<&str>, shared: &str, lang: Lang) -> bool {
    let unsaved = current
        .is_some_and(|d| !d.trim().is_empty() && d != shared && examples::shipped(d).is_none());
    !unsaved || bridge::confirm(&lang.texts().confirm_replace_draft())
}

fn kept_draft_notice() -> Notice {
    Notice {
        text: NoticeText::KeptDraft,
        link: None,
        error: false,
    }
}

/// The text of a shared link, read from the fragment and inflated by the browser: `done` gets it
/// (or why it cannot be read).
fn shared_text(hash: &str, done: impl FnOnce(Result<String, ShareError>) + 'static) {
    let packed = match share::unpack(hash) {
        Ok(p) => p,
        Err(e) => return done(Err(e)),
    };
    bridge::inflate_raw(&packed, share::MAX_DECODED, move |r| {
        done(match r {
            Ok(bytes) => share::text_of(bytes),
            Err(true) => Err(ShareError::TooLarge),
            Err(false) => Err(ShareError::BadEncoding),
        })
    });
}

fn share_error(e: ShareError) -> Notice {
    Notice {
        text: NoticeText::Share(e),
        link: None,
        error: true,
    }
}

/// The text to open with: the saved draft, else the first example. A shared link in the address
/// bar is read after (`open_shared`).
fn initial_text(lang: Lang) -> String {
    bridge::load_draft()
        .filter(|d| !d.trim().is_empty())
        .unwrap_or_else(|| EXAMPLES[0].text(lang).to_string())
}

/// Opens with a shared link when the address bar holds one (unless it would replace an unsaved
/// draft the person keeps), else with `text`: the editor shows it and it is read and applied.
fn open_shared(dispatch: &UseReducerDispatcher<State>, text: String, lang: Lang) {
    let hash = bridge::location_hash();
    let start = |d: &UseReducerDispatcher<State>, text: String, notice: Option<Notice>| {
        bridge::save_draft(&text);
        analyze(d, text, false);
        if notice.is_some() {
            d.dispatch(Action::Notice(notice));
        }
    };
    if !hash.contains("code=") {
        return start(dispatch, text, None);
    }
    let d = dispatch.clone();
    shared_text(&hash, move |r| match r {
        Ok(shared) if may_replace(bridge::load_draft().as_deref(), &shared, lang) => {
            bridge::set_text(&shared);
            start(&d, shared, None);
        }
        Ok(_) => {
            bridge::clear_hash();
            start(&d, text, Some(kept_draft_notice()));
        }
        Err(e) => start(&d, text, Some(share_error(e))),
    });
}

/// Reads `text` (and applies it when `apply`), first fetching the time-zone table if the text may
/// name a zone and the page does not have it yet. The fetch answers after the person may have
/// typed on, so what is read then is the editor's text at that moment.
fn analyze(dispatch: &UseReducerDispatcher<State>, text: String, apply: bool) {
    if cron::zones_installed() || !cron::zones_named_in(&text) {
        dispatch.dispatch(Action::Analyze(text));
        if apply {
            dispatch.dispatch(Action::Apply);
        }
        return;
    }
    let d = dispatch.clone();
    bridge::fetch_text("zones.txt", move |table| {
        match table {
            Some(table) if !cron::zones_installed() => d.dispatch(Action::Zones(table)),
            Some(_) => {}
            None => d.dispatch(Action::Notice(Some(Notice {
                text: NoticeText::ZonesUnavailable,
                link: None,
                error: true,
            }))),
        }
        d.dispatch(Action::Analyze(bridge::get_text()));
        if apply {
            d.dispatch(Action::Apply);
        }
    });
}

/// A shared link pasted into the address bar of an open playground changes only the fragment.
fn on_hash_change(dispatch: &UseReducerDispatcher<State>, lang: Lang) {
    let hash = bridge::location_hash();
    if !hash.contains("code=") {
        return;
    }
    let dispatch = dispatch.clone();
    shared_text(&hash, move |r| match r {
        Ok(shared) => {
            let current = bridge::get_text();
            if shared == current {
                return;
            }
            if may_replace(Some(&current), &shared, lang) {
                bridge::set_text(&shared);
            } else {
                bridge::clear_hash();
                dispatch.dispatch(Action::Notice(Some(kept_draft_notice())));
            }
        }
        Err(e) => dispatch.dispatch(Action::Notice(Some(share_error(e)))),
    });
}

fn diagnostics_json(a: &Analysis, lang: Lang) -> String {
    let list: Vec<serde_json::Value> = a
        .diagnostics
        .iter()
        .map(|d| {
            let mut message = d.message_in(lang);
            if let Some(h) = d.hint_in(lang) {
                message.push_str(&format!("\n{}: {h}", lang.texts().hint_label()));
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
fn share_now(dispatch: &UseReducerDispatcher<State>, lang: Lang) {
    let text = bridge::get_text();
    if share::contains_secret(&text) && !bridge::confirm(&lang.texts().confirm_share_secret()) {
        return;
    }
    let dispatch = dispatch.clone();
    bridge::deflate_raw(&text, move |packed| {
        let Some(packed) = packed else { return };
        let fragment = share::fragment_of(&packed, lang);
        bridge::set_hash(&fragment);
        let link = format!("{}#{fragment}", bridge::page_url());
        bridge::copy_to_clipboard(&link);
        dispatch.dispatch(Action::Notice(Some(Notice {
            text: NoticeText::LinkCopied,
            link: Some(link),
            error: false,
        })));
    });
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(State::new);
    let editor_ref = use_node_ref();
    // The language as the editor's shortcuts and the address bar's listener read it: they are set
    // up once, and the page may switch languages after.
    let lang_now = use_mut_ref(|| state.lang);
    *lang_now.borrow_mut() = state.lang;

    {
        let editor_ref = editor_ref.clone();
        let dispatch = state.dispatcher();
        let lang_now = lang_now.clone();
        let lang = state.lang;
        use_effect_with((), move |_| {
            bridge::set_page_lang(
                lang.code(),
                &lang.texts().page_title(),
                &lang.texts().manifest_editor(),
            );
            // The simulator moves to its worker before the first text is applied.
            let (d, e) = (dispatch.clone(), dispatch.clone());
            let started = bridge::start_worker(
                move |answer| d.dispatch(Action::Answer(answer)),
                move || e.dispatch(Action::WorkerFailed),
            );
            if started {
                dispatch.dispatch(Action::UseWorker);
            }
            let text = initial_text(lang);
            if let Some(el) = editor_ref.cast::<web_sys::Element>() {
                let pending: Rc<RefCell<Option<Timeout>>> = Rc::default();
                let d = dispatch.clone();
                let on_change = move |text: String| {
                    let d = d.clone();
                    let timer = Timeout::new(DEBOUNCE_MS, move || {
                        bridge::save_draft(&text);
                        analyze(&d, text, false);
                    });
                    // Replacing the pending timer cancels it.
                    *pending.borrow_mut() = Some(timer);
                };
                let d = dispatch.clone();
                let now = lang_now.clone();
                let on_command = move |cmd: String| match cmd.as_str() {
                    "share" => share_now(&d, *now.borrow()),
                    _ => analyze(&d, bridge::get_text(), true),
                };
                let label = lang.texts().manifest_editor();
                bridge::create_editor(&el, &text, &label, on_change, on_command);
            }
            if let Some(window) = web_sys::window() {
                let d = dispatch.clone();
                let now = lang_now.clone();
                gloo_events::EventListener::new(&window, "hashchange", move |_| {
                    on_hash_change(&d, *now.borrow())
                })
                .forget();
            }
            open_shared(&dispatch, text, lang);
            || ()
        });
    }

    {
        let analysis = state.analysis.clone();
        use_effect_with((state.revision, state.lang), move |(_, lang)| {
            bridge::show_diagnostics(&diagnostics_json(&analysis, *lang));
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
        let lang = state.lang;
        Callback::from(move |_| share_now(&d, lang))
    };
    let on_lang = {
        let d = dispatch.clone();
        let from = state.lang;
        Callback::from(move |to: Lang| switch_lang(&d, from, to))
    };
    let on_dismiss = {
        let d = dispatch.clone();
        Callback::from(move |_| d.dispatch(Action::Notice(None)))
    };
    let a = state.analysis.clone();
    let t = state.lang.texts();
    html! {
        <ContextProvider<Lang> context={state.lang}>
        <div class="app">
            <TopBar on_share={on_share} on_lang={on_lang}>
                <TimeControls now={state.view.now} playing={state.playing} speed={state.speed} auto_apply={state.auto_apply}
                    on_apply={act(|| Action::Apply)} on_auto_apply={on_auto_apply} on_play={on_play} on_speed={on_speed}
                    on_step={act(|| Action::Step)} on_minute={act(|| Action::Advance(60_000))} on_reset={act(|| Action::Reset)} />
            </TopBar>
            if let Some(n) = &state.notice {
                <div class={classes!("notice", n.error.then_some("error"))} role="status">
                    <span>{n.text.text(state.lang)}</span>
                    if let Some(link) = &n.link {
                        <input class="share-link" aria-label={t.share_link()} readonly=true value={link.clone()} />
                    }
                    <button class="dismiss" aria-label={t.dismiss()} onclick={on_dismiss}>{"×"}</button>
                </div>
            }
            <main class="panes">
                <section class="left" aria-label={t.manifest_pane()}>
                    <div class="editor" ref={editor_ref}></div>
                    <Problems analysis={a.clone()} />
                </section>
                <section class="right" aria-label={t.cluster_pane()}>
                    <div class="tabs" role="tablist">
                        { tab_button(Tab::Cluster, &t.tab_cluster()) }
                        { tab_button(Tab::Events, &t.tab_events()) }
                        { tab_button(Tab::Storage, &t.tab_storage()) }
                        { tab_button(Tab::Timeline, &t.tab_timeline()) }
                        { tab_button(Tab::Graph, &t.tab_graph()) }
                        { tab_button(Tab::Services, &t.tab_services()) }
                        { tab_button(Tab::Objects, &t.tab_objects()) }
                        { tab_button(Tab::Selector, &t.tab_selector()) }
                    </div>
                    <div class="tab-body" role="tabpanel" tabindex="0">
                        {
                            match state.tab {
                                Tab::Cluster => html! { <ClusterPanel view={state.view.clone()} selected={state.selected.clone()} on_select={on_select} on_scroll={on_window}
                                    on_fault={{ let d = dispatch.clone(); Callback::from(move |(n, f): (String, crate::cluster::Fault)| d.dispatch(Action::Fault(n, f))) }} /> },
                                Tab::Events => html! { <EventsPanel view={state.view.clone()} /> },
                                Tab::Storage => html! { <StoragePanel view={state.view.clone()} selected={state.selected.clone()} on_select={on_select.clone()} /> },
                                Tab::Timeline => html! { <Timeline view={state.view.clone()} selected={state.selected.clone()} on_select={on_select.clone()} /> },
                                Tab::Graph => html! { <GraphPanel view={state.view.clone()} analysis={a.clone()} selected={state.selected.clone()} on_select={on_select.clone()} auto_apply={state.auto_apply} /> },
                                Tab::Services => html! { <ServicesPanel analysis={a.clone()} /> },
                                Tab::Objects => html! { <ObjectTable analysis={a.clone()} /> },
                                Tab::Selector => html! { <SelectorTester analysis={a.clone()} /> },
                            }
                        }
                    </div>
                    <Console
                        on_run={{ let d = dispatch.clone(); Callback::from(move |l: String| d.dispatch(Action::Console(l))) }}
                        on_complete={{ let d = dispatch.clone(); Callback::from(move |l: String| d.dispatch(Action::Complete(l))) }} />
                </section>
            </main>
        </div>
        </ContextProvider<Lang>>
    }
}

/// The page switches from one language to another: the choice is kept for the next visit, the
/// page and the address bar say it, and an example left as shipped is shown with its comments in
/// the new language (a draft is never touched).
fn switch_lang(dispatch: &UseReducerDispatcher<State>, from: Lang, to: Lang) {
    if from == to {
        return;
    }
    bridge::save_lang(to.code());
    bridge::set_page_lang(
        to.code(),
        &to.texts().page_title(),
        &to.texts().manifest_editor(),
    );
    let hash = bridge::location_hash();
    if hash.contains("code=") {
        bridge::set_hash(&share::with_lang(&hash, to));
    }
    dispatch.dispatch(Action::Lang(to));
    let text = bridge::get_text();
    if let Some(example) = examples::shipped(&text) {
        if example.text(to) != text {
            bridge::set_text(example.text(to));
        }
    }
}
