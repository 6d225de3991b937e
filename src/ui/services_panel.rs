//! For each Service, the Pods it selects and where its ports land; for each workload, the Pods it owns.

use yew::prelude::*;

use super::props::AnalysisProps;
use crate::i18n::Lang;

#[function_component(ServicesPanel)]
pub fn services_panel(props: &AnalysisProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    let t = lang.texts();
    let a = &props.analysis;
    let groups = &a.pod_groups;
    html! {
        <div class="services">
            <h2>{t.services_heading()}</h2>
            if a.services.is_empty() { <p class="empty">{t.no_services()}</p> }
            { for a.services.iter().map(|s| {
                let kind = a.manifest.objects.get(s.object)
                    .and_then(|o| o.node.at_path("spec.type")).and_then(|n| n.as_str()).unwrap_or("ClusterIP").to_string();
                html! {
                    <article class="service-card" data-service={s.name.clone()}>
                        <h3><span class="kind">{"Service"}</span>{" "}{s.name.clone()}<span class="svc-type">{kind}</span></h3>
                        <p class="selector">
                            {"selector: "}
                            <code>{ s.selector.clone().unwrap_or_else(|| t.no_selector()) }</code>
                            {format!(" · {}", t.in_namespace(&s.namespace))}
                        </p>
                        if s.selector.is_some() && s.groups.is_empty() {
                            <p class="no-pods">{t.selects_no_pods()}</p>
                        }
                        <ul class="pods">
                        { for s.groups.iter().enumerate().map(|(i, &gi)| {
                            let g = &groups[gi];
                            let ports: Vec<String> = s.ports.iter().map(|p| {
                                let at = match p.resolved.get(i).copied().flatten() {
                                    Some(n) if n.to_string() == p.target => n.to_string(),
                                    Some(n) => format!("{} ({n})", p.target),
                                    None => t.port_not_declared(&p.target),
                                };
                                format!("{}/{} → {at}", p.port, p.protocol)
                            }).collect();
                            html! {
                                <li class="pod-group">
                                    <span class="pods-desc">{g.describe(lang)}</span>
                                    if !ports.is_empty() { <span class="ports">{ports.join(", ")}</span> }
                                </li>
                            }
                        }) }
                        </ul>
                    </article>
                }
            }) }
            <h2>{t.workloads_heading()}</h2>
            if a.workloads.is_empty() { <p class="empty">{t.no_workloads()}</p> }
            <ul class="workloads">
            { for a.workloads.iter().map(|w| html! {
                <li class="workload">
                    <span class="kind">{w.kind.clone()}</span>{" "}{w.name.clone()}
                    {format!(" {} ", t.selects())}<code>{w.selector.clone()}</code>{": "}
                    {
                        if w.groups.is_empty() { t.no_pods() }
                        else { w.groups.iter().map(|&gi| groups[gi].describe(lang)).collect::<Vec<_>>().join(", ") }
                    }
                </li>
            }) }
            </ul>
        </div>
    }
}
