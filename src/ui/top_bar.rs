//! The bar across the top: examples, the cluster controls, the language, Share, Download.

use yew::prelude::*;

use super::bridge;
use crate::examples::EXAMPLES;
use crate::i18n::Lang;

#[derive(Properties, PartialEq)]
pub struct TopBarProps {
    pub on_share: Callback<MouseEvent>,
    pub on_lang: Callback<Lang>,
    /// The cluster controls.
    #[prop_or_default]
    pub children: Html,
}

#[function_component(TopBar)]
pub fn top_bar(props: &TopBarProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    let t = lang.texts();
    let on_example = Callback::from(move |e: Event| {
        let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
        let id = select.value();
        if let Some(ex) = EXAMPLES.iter().find(|x| x.id == id) {
            bridge::set_text(ex.text(lang));
        }
        select.set_value("");
    });
    let on_lang = {
        let cb = props.on_lang.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(l) = Lang::from_tag(&select.value()) {
                cb.emit(l);
            }
        })
    };
    let on_download =
        Callback::from(|_: MouseEvent| bridge::download("manifest.yaml", &bridge::get_text()));
    html! {
        <header class="top-bar">
            <h1 class="brand">{"kubeplay"}</h1>
            <label class="examples">
                <span class="visually-hidden">{t.load_example()}</span>
                <select onchange={on_example} aria-label={t.load_example()}>
                    <option value="" selected=true>{t.examples_menu()}</option>
                    { for EXAMPLES.iter().map(|e| html! { <option value={e.id}>{e.title(lang)}</option> }) }
                </select>
            </label>
            { props.children.clone() }
            <span class="spacer"></span>
            <select class="language" aria-label={t.language()} title={t.language()} onchange={on_lang}>
                { for Lang::ALL.iter().map(|l| html! {
                    <option value={l.code()} lang={l.code()} selected={*l == lang}>{l.native_name()}</option>
                }) }
            </select>
            <button class="download" onclick={on_download} title={t.download_title()}>{t.download()}</button>
            <button class="share primary" onclick={props.on_share.clone()} title={t.share_title()}>{t.share()}</button>
        </header>
    }
}
