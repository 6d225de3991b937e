//! The bar across the top: examples, the cluster controls, Share, Download.

use yew::prelude::*;

use super::bridge;
use crate::examples::EXAMPLES;

#[derive(Properties, PartialEq)]
pub struct TopBarProps {
    pub on_share: Callback<MouseEvent>,
    /// The cluster controls.
    #[prop_or_default]
    pub children: Html,
}

#[function_component(TopBar)]
pub fn top_bar(props: &TopBarProps) -> Html {
    let on_example = Callback::from(|e: Event| {
        let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
        let id = select.value();
        if let Some(ex) = EXAMPLES.iter().find(|x| x.id == id) {
            bridge::set_text(ex.text);
        }
        select.set_value("");
    });
    let on_download =
        Callback::from(|_: MouseEvent| bridge::download("manifest.yaml", &bridge::get_text()));
    html! {
        <header class="top-bar">
            <h1 class="brand">{"kubeplay"}</h1>
            <label class="examples">
                <span class="visually-hidden">{"Load an example"}</span>
                <select onchange={on_example} aria-label="Load an example">
                    <option value="" selected=true>{"Examples…"}</option>
                    { for EXAMPLES.iter().map(|e| html! { <option value={e.id}>{e.title}</option> }) }
                </select>
            </label>
            { props.children.clone() }
            <span class="spacer"></span>
            <button class="download" onclick={on_download} title="Download the manifest as a .yaml file">{"Download"}</button>
            <button class="share primary" onclick={props.on_share.clone()} title="Copy a link that holds this manifest (Ctrl/Cmd+S)">{"Share"}</button>
        </header>
    }
}
