//! The Console under the cluster view: a toggle (also Ctrl+` from anywhere on the page) and the
//! box `www/console.js` builds the prompt in, the first time it is opened (so the first load
//! carries none of it). The lines it runs and completes come back here as events and go to the
//! simulator's worker; what they printed goes back to it (see `State::take`).

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::bridge;
use crate::i18n::Lang;

#[derive(Properties, PartialEq)]
pub struct ConsoleProps {
    pub on_run: Callback<String>,
    pub on_complete: Callback<String>,
}

#[function_component(Console)]
pub fn console(props: &ConsoleProps) -> Html {
    let t = use_context::<Lang>().unwrap_or_default().texts();
    let open = use_state(|| false);
    let body = use_node_ref();

    // Ctrl+` shows or hides the console from anywhere on the page.
    {
        let open = open.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().and_then(|w| w.document()).map(|d| {
                gloo_events::EventListener::new(&d, "keydown", move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                        return;
                    };
                    if e.ctrl_key() && e.code() == "Backquote" {
                        e.prevent_default();
                        open.set(!*open);
                    }
                })
            });
            move || drop(listener)
        });
    }

    // The prompt is built once, when first shown, and kept (hidden) while the console is closed.
    {
        let body = body.clone();
        let words = serde_json::json!({
            "input": t.console_input(),
            "hint": t.console_hint(),
            "exit": t.console_exit("{code}"),
            "editText": t.console_edit_text(),
            "editSave": t.console_edit_save(),
            "editCancel": t.console_edit_cancel(),
        })
        .to_string();
        let (on_run, on_complete) = (props.on_run.clone(), props.on_complete.clone());
        use_effect_with((*open, words), move |(open, words)| {
            let mut listeners = Vec::new();
            if let (true, Some(el)) = (*open, body.cast::<web_sys::HtmlElement>()) {
                bridge::console_open(&el, words);
                for (name, cb) in [("console-run", on_run), ("console-complete", on_complete)] {
                    listeners.push(gloo_events::EventListener::new(&el, name, move |e| {
                        if let Some(line) = e
                            .dyn_ref::<web_sys::CustomEvent>()
                            .and_then(|e| e.detail().as_string())
                        {
                            cb.emit(line);
                        }
                    }));
                }
            }
            move || drop(listeners)
        });
    }

    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    html! {
        <section class="console" aria-label={t.console_title()}>
            <button class="console-toggle" aria-expanded={open.to_string()} onclick={toggle} title="Ctrl+`">{t.console_title()}</button>
            <div class="console-body" ref={body} hidden={!*open}></div>
        </section>
    }
}
