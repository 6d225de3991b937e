//! Type a selector, see which objects and which Pods it matches, or why it is invalid.

use std::rc::Rc;

use yew::prelude::*;

use super::object_table::ObjectTable;
use super::props::AnalysisProps;
use crate::i18n::Lang;
use crate::selector;

#[function_component(SelectorTester)]
pub fn selector_tester(props: &AnalysisProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    let t = lang.texts();
    let input = use_state(String::new);
    let oninput = {
        let input = input.clone();
        Callback::from(move |e: InputEvent| {
            let el: web_sys::HtmlInputElement = e.target_unchecked_into();
            input.set(el.value());
        })
    };
    let parsed = (!input.trim().is_empty()).then(|| selector::parse_any(&input));
    let sel = parsed
        .as_ref()
        .and_then(|r| r.as_ref().ok())
        .cloned()
        .map(Rc::new);
    let pods: Vec<String> = match &sel {
        Some(s) => props
            .analysis
            .pod_groups
            .iter()
            .filter(|g| s.matches(&g.labels))
            .map(|g| g.describe(lang))
            .collect(),
        None => Vec::new(),
    };
    let matched_objects = sel.as_ref().map_or(0, |s| {
        props
            .analysis
            .manifest
            .objects
            .iter()
            .filter(|o| s.matches(&o.labels))
            .count()
    });
    html! {
        <div class="selector-tester">
            <label for="selector-input">{t.label_selector()}</label>
            <input id="selector-input" class="selector-input" type="text" spellcheck="false" autocomplete="off"
                placeholder={t.selector_placeholder()}
                value={(*input).clone()} {oninput} />
            {
                match &parsed {
                    None => html! { <p class="help">{t.selector_help()}</p> },
                    Some(Err(e)) => html! { <p class="selector-error" role="alert" lang="en">{e.clone()}</p> },
                    Some(Ok(s)) => html! {
                        <p class="selector-ok">
                            {t.canonical_form()}{" "}<code>{ if s.is_empty() { t.everything() } else { s.to_string() } }</code>
                            {format!(" · {}", t.matches_objects(matched_objects))}
                        </p>
                    },
                }
            }
            if sel.is_some() {
                <div class="matched-pods">
                    <h3>{t.pods_it_selects()}</h3>
                    if pods.is_empty() { <p class="empty">{t.no_pods_matched()}</p> }
                    <ul>{ for pods.iter().map(|p| html! { <li>{p.clone()}</li> }) }</ul>
                </div>
            }
            <ObjectTable analysis={props.analysis.clone()} selector={sel} />
        </div>
    }
}
