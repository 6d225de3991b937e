//! For each Service, the Pods it selects and where its ports land; for each workload, the Pods it owns.

use yew::prelude::*;

use super::props::AnalysisProps;

#[function_component(ServicesPanel)]
pub fn services_panel(props: &AnalysisProps) -> Html {
    let a = &props.analysis;
    let groups = &a.pod_groups;
    html! {
        <div class="services">
            <h2>{"Services"}</h2>
            if a.services.is_empty() { <p class="empty">{"No Services in the manifest."}</p> }
            { for a.services.iter().map(|s| {
                let kind = a.manifest.objects.get(s.object)
                    .and_then(|o| o.node.at_path("spec.type")).and_then(|n| n.as_str()).unwrap_or("ClusterIP").to_string();
                html! {
                    <article class="service-card" data-service={s.name.clone()}>
                        <h3><span class="kind">{"Service"}</span>{" "}{s.name.clone()}<span class="svc-type">{kind}</span></h3>
                        <p class="selector">
                            {"selector: "}
                            <code>{ s.selector.clone().unwrap_or_else(|| "<none> (endpoints are managed by hand)".into()) }</code>
                            {format!(" · namespace {}", s.namespace)}
                        </p>
                        if s.selector.is_some() && s.groups.is_empty() {
                            <p class="no-pods">{"Selects no Pods: this Service would have no endpoints."}</p>
                        }
                        <ul class="pods">
                        { for s.groups.iter().enumerate().map(|(i, &gi)| {
                            let g = &groups[gi];
                            let ports: Vec<String> = s.ports.iter().map(|p| {
                                let at = match p.resolved.get(i).copied().flatten() {
                                    Some(n) if n.to_string() == p.target => n.to_string(),
                                    Some(n) => format!("{} ({n})", p.target),
                                    None => format!("{} (not declared)", p.target),
                                };
                                format!("{}/{} → {at}", p.port, p.protocol)
                            }).collect();
                            html! {
                                <li class="pod-group">
                                    <span class="pods-desc">{g.describe()}</span>
                                    if !ports.is_empty() { <span class="ports">{ports.join(", ")}</span> }
                                </li>
                            }
                        }) }
                        </ul>
                    </article>
                }
            }) }
            <h2>{"Workloads"}</h2>
            if a.workloads.is_empty() { <p class="empty">{"No workloads with a selector."}</p> }
            <ul class="workloads">
            { for a.workloads.iter().map(|w| html! {
                <li class="workload">
                    <span class="kind">{w.kind.clone()}</span>{" "}{w.name.clone()}
                    {" selects "}<code>{w.selector.clone()}</code>{": "}
                    {
                        if w.groups.is_empty() { "no Pods".to_string() }
                        else { w.groups.iter().map(|&gi| groups[gi].describe()).collect::<Vec<_>>().join(", ") }
                    }
                </li>
            }) }
            </ul>
        </div>
    }
}
