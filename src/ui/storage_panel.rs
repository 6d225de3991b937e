//! The Storage tab: StorageClasses above, claims on the left and volumes on the right with a line
//! for each binding (dashed while a pre-binding waits), and for each claim that waits, why, with
//! the one reason each volume did not fit it. A claim or volume opens its describe.

use std::rc::Rc;

use yew::prelude::*;

use super::describe;

use super::cluster_view::{ClusterView, Selected};
use crate::cluster::{StorageView, Tone};
use crate::i18n::Lang;

#[derive(Properties)]
pub struct StoragePanelProps {
    pub view: Rc<ClusterView>,
    pub selected: Selected,
    pub on_select: Callback<Selected>,
}

impl PartialEq for StoragePanelProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.view, &other.view) && self.selected == other.selected
    }
}

/// Each claim's and volume's row height in pixels (fixed in style.css, so a line's ends are
/// row numbers).
const ROW_PX: usize = 48;

fn tone(status: &str) -> Tone {
    match status {
        "Bound" => Tone::Ok,
        "Available" => Tone::Plain,
        "Released" => Tone::Done,
        "Lost" | "Failed" => Tone::Bad,
        _ => Tone::Progress,
    }
}

/// A line from claim row `from` to volume row `to`: solid when bound, dashed while waiting.
fn line(from: usize, to: usize, bound: bool, claim: String, volume: String) -> Html {
    let y = |i: usize| (i * ROW_PX + ROW_PX / 2) as f64;
    let (a, b) = (y(from), y(to));
    let d = format!("M 0 {a} C 50 {a}, 50 {b}, 100 {b}");
    html! {
        <path class={classes!("binding", if bound { "bound" } else { "waiting" })} d={d}
            data-claim={claim} data-volume={volume} vector-effect="non-scaling-stroke" />
    }
}

fn lines(s: &StorageView) -> Vec<Html> {
    let mut out = Vec::new();
    for (i, c) in s.claims.iter().enumerate() {
        for (j, v) in s.volumes.iter().enumerate() {
            let named_by_volume = v
                .claim
                .as_ref()
                .is_some_and(|(ns, n)| *ns == c.namespace && *n == c.name);
            let named_by_claim = c.volume == v.name;
            if !(named_by_volume || named_by_claim) {
                continue;
            }
            let bound = named_by_volume && named_by_claim && c.status == "Bound";
            out.push(line(
                i,
                j,
                bound,
                format!("{}/{}", c.namespace, c.name),
                v.name.clone(),
            ));
        }
    }
    out
}

#[function_component(StoragePanel)]
pub fn storage_panel(props: &StoragePanelProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    let t = lang.texts();
    let Some(s) = props.view.storage.as_ref() else {
        return html! {};
    };
    let select = |kind: &'static str, ns: String, name: String| {
        let cb = props.on_select.clone();
        Callback::from(move |_: MouseEvent| {
            cb.emit(Some((kind.to_string(), ns.clone(), name.clone())))
        })
    };
    let close = {
        let cb = props.on_select.clone();
        Callback::from(move |_: MouseEvent| cb.emit(None))
    };
    let is_selected = |kind: &str, ns: &str, name: &str| {
        props
            .selected
            .as_ref()
            .is_some_and(|(k, n, m)| k == kind && n == ns && m == name)
    };
    let height = s.claims.len().max(s.volumes.len()) * ROW_PX;
    let waiting: Vec<_> = s
        .claims
        .iter()
        .filter(|c| c.waiting_text.is_some())
        .collect();
    html! {
        <div class="storage">
            { describe::of(&props.view, &props.selected, close) }
            <section class="storage-classes" aria-label={t.storage_classes()}>
                <h3>{t.storage_classes()}</h3>
                <ul>
                { for s.classes.iter().map(|c| html! {
                    <li>
                        <button class="storage-class" onclick={select("StorageClass", String::new(), c.name.clone())}>
                            <span class="name">{c.name.clone()}</span>
                            if c.default { <span class="badge">{t.storage_default_class()}</span> }
                            <span class="detail" lang="en">{format!("{} · {} · {}", c.provisioner, c.binding_mode, c.reclaim_policy)}</span>
                        </button>
                    </li>
                }) }
                </ul>
            </section>
            if s.claims.is_empty() && s.volumes.is_empty() {
                <p class="empty">{t.storage_empty()}</p>
            } else {
                <div class="storage-map">
                    <section class="storage-column claims" aria-label={t.storage_claims()}>
                        <h3>{t.storage_claims()}</h3>
                        { for s.claims.iter().map(|c| html! {
                            <button class={classes!("storage-row", format!("tone-{}", tone(&c.status).as_str()), is_selected("PersistentVolumeClaim", &c.namespace, &c.name).then_some("selected"))}
                                data-claim={format!("{}/{}", c.namespace, c.name)}
                                onclick={select("PersistentVolumeClaim", c.namespace.clone(), c.name.clone())}>
                                <span class="name">{format!("{}/{}", c.namespace, c.name)}</span>
                                <span class="status" lang="en">{c.status.clone()}</span>
                                <span class="detail" lang="en">{format!("{} · {} · {}", c.request, c.modes, if c.class.is_empty() { "\"\"" } else { &c.class })}</span>
                            </button>
                        }) }
                        if s.more_claims > 0 { <p class="more">{t.storage_more(s.more_claims)}</p> }
                    </section>
                    <svg class="bindings" aria-hidden="true" viewBox={format!("0 0 100 {}", height.max(1))}
                        preserveAspectRatio="none" style={format!("height: {height}px")}>
                        { for lines(s) }
                    </svg>
                    <section class="storage-column volumes" aria-label={t.storage_volumes()}>
                        <h3>{t.storage_volumes()}</h3>
                        { for s.volumes.iter().map(|v| html! {
                            <button class={classes!("storage-row", format!("tone-{}", tone(&v.status).as_str()), is_selected("PersistentVolume", "", &v.name).then_some("selected"))}
                                data-volume={v.name.clone()}
                                onclick={select("PersistentVolume", String::new(), v.name.clone())}>
                                <span class="name">{v.name.clone()}</span>
                                <span class="status" lang="en">{v.status.clone()}</span>
                                <span class="detail" lang="en">{format!("{} · {} · {} · {}", v.capacity, v.modes, if v.class.is_empty() { "\"\"" } else { &v.class }, v.reclaim_policy)}</span>
                            </button>
                        }) }
                        if s.more_volumes > 0 { <p class="more">{t.storage_more(s.more_volumes)}</p> }
                    </section>
                </div>
            }
            if !waiting.is_empty() {
                <section class="why-pending" aria-label={t.storage_why_pending()}>
                    <h3>{t.storage_why_pending()}</h3>
                    { for waiting.iter().map(|c| html! {
                        <article class="pending-claim" data-claim={format!("{}/{}", c.namespace, c.name)}>
                            <h4>{format!("{}/{}", c.namespace, c.name)}</h4>
                            <p class="why">{c.waiting_text.clone().unwrap_or_default()}</p>
                            if !c.miss_texts.is_empty() {
                                <p>{t.storage_near_misses()}</p>
                                <ul class="misses">
                                { for c.miss_texts.iter().map(|(v, m)| html! {
                                    <li><span class="name">{v.clone()}</span>{": "}{m.clone()}</li>
                                }) }
                                </ul>
                            }
                        </article>
                    }) }
                </section>
            }
        </div>
    }
}
