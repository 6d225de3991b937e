//! Every object of the manifest as a kubectl-style table; rows a selector matches are highlighted.

use std::rc::Rc;

use yew::prelude::*;

use crate::analysis::Analysis;
use crate::i18n::Lang;
use crate::selector::Selector;

#[derive(Properties)]
pub struct ObjectTableProps {
    pub analysis: Rc<Analysis>,
    #[prop_or_default]
    pub selector: Option<Rc<Selector>>,
}

impl PartialEq for ObjectTableProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.analysis, &other.analysis) && self.selector == other.selector
    }
}

#[function_component(ObjectTable)]
pub fn object_table(props: &ObjectTableProps) -> Html {
    let t = use_context::<Lang>().unwrap_or_default().texts();
    let objects = &props.analysis.manifest.objects;
    if objects.is_empty() {
        return html! { <p class="empty">{t.no_objects()}</p> };
    }
    html! {
        <table class="kubectl objects">
            <thead><tr><th>{"NAME"}</th><th>{"NAMESPACE"}</th><th>{"APIVERSION"}</th><th>{"LABELS"}</th></tr></thead>
            <tbody>
            { for objects.iter().map(|o| {
                let matched = props.selector.as_ref().is_some_and(|s| s.matches(&o.labels));
                html! {
                    <tr class={classes!(matched.then_some("match"))} data-object={o.reference()}>
                        <td>{o.reference()}</td>
                        <td>{o.namespace.clone().unwrap_or_else(|| "-".into())}</td>
                        <td>{o.api_version.clone()}</td>
                        <td class="labels">
                            if o.labels.is_empty() { {"<none>"} }
                            { for o.labels.iter().map(|(k, v)| html! { <span class="chip">{format!("{k}={v}")}</span> }) }
                        </td>
                    </tr>
                }
            }) }
            </tbody>
        </table>
    }
}
