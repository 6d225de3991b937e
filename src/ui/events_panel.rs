//! The Events tab: `kubectl get events`, newest last, warnings in red.

use std::rc::Rc;

use yew::prelude::*;

use super::cluster_view::ClusterView;
use crate::i18n::Lang;

#[derive(Properties)]
pub struct EventsPanelProps {
    pub view: Rc<ClusterView>,
}

impl PartialEq for EventsPanelProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.view, &other.view)
    }
}

#[function_component(EventsPanel)]
pub fn events_panel(props: &EventsPanelProps) -> Html {
    let say = use_context::<Lang>().unwrap_or_default().texts();
    let t = &props.view.events;
    if t.rows.is_empty() {
        return html! { <p class="empty">{say.no_events()}</p> };
    }
    html! {
        <table class="kubectl events">
            <thead><tr>{ for t.headers.iter().map(|h| html! { <th>{h.clone()}</th> }) }</tr></thead>
            <tbody>
            { for t.rows.iter().map(|r| html! {
                <tr class={classes!(format!("tone-{}", r.tone.as_str()))}>
                    { for r.cells.iter().map(|c| html! { <td>{c.clone()}</td> }) }
                </tr>
            }) }
            </tbody>
        </table>
    }
}
