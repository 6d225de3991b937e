//! What the engine says in kubeplay's own words, kept as data until a shell says it in the
//! reader's language: a diagnostic made once (the editor reads a document again only when its text
//! changes) is shown in whichever language the page has switched to since.

use super::{Catalog, Lang};

/// Pods a manifest makes: a Pod written as such, or the Pods of a workload's template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pods {
    /// `Pod` for a Pod written in the manifest; else the workload's kind.
    pub owner_kind: String,
    pub owner_name: String,
    /// How many: `None` for a DaemonSet (one per node); 1 for a written Pod.
    pub count: Option<i32>,
}

impl Pods {
    /// A Pod written in the manifest.
    pub fn written(&self) -> bool {
        self.owner_kind == "Pod"
    }
}

/// A message or hint of kubeplay's own, with what it names.
#[derive(Clone, Debug, PartialEq)]
pub enum Say {
    ManifestTooLarge {
        mib: usize,
    },
    TooManyObjects {
        max: usize,
    },
    /// `namespace` is empty for an object written without one.
    DefinedTwice {
        kind: String,
        name: String,
        namespace: String,
        line: usize,
    },
    TargetPortUnresolved {
        name: String,
        pods: Vec<Pods>,
    },
    SelectsOtherNamespace {
        service: String,
        namespace: String,
        pods: Pods,
        other: String,
    },
    SelectsNothing {
        service: String,
        namespace: String,
        selector: String,
    },
    SelectorsOverlap {
        kinds: [String; 2],
        names: [String; 2],
        selectors: [String; 2],
    },
    HostPathRisk {
        volume: String,
        path: String,
    },

    GiveName,
    TryName(String),
    SelectorRequired {
        prefix: String,
    },
    JobSelector,
    /// `labels` empty: the template has none.
    SelectorWants {
        selector: String,
        labels: String,
    },
    RenameDuplicate,
    Schedule,
    /// A Job's Pods must end: restartPolicy Never or OnFailure.
    JobRestartPolicy,
    /// `TZ=` inside a schedule: the zone belongs in spec.timeZone.
    TimeZoneField,
    /// An invalid schedule: the five fields.
    CronFields,
    Containers,
    YamlTabs,
    YamlMappingValues,
    YamlIndentation,
    NotAnObject,
    TypeInfo,
    RemovedApi {
        api_version: String,
    },
    DidYouMean(String),
    AcceptedFields {
        path: String,
        fields: Vec<String>,
    },
    Number,
    QuoteNumber,
    QuoteBool,
    List,
    NotList,
    ServedAs {
        kind: String,
        api_version: String,
    },
    DidYouMeanKind(String),
    NameThePort,
    NamedPorts(Vec<String>),
    OtherNamespace(String),
    /// Pods that miss a selector: the labels they have, the requirements they miss.
    PodsHave {
        pods: Pods,
        labels: String,
        wants: String,
    },
    /// What the Pods in a namespace have; `None` for no labels.
    PodsHaveLabels(Vec<(Pods, Option<String>)>),
    NoPodsHere,
    DistinctLabels,
}

impl Say {
    /// In `lang`.
    pub fn text(&self, lang: Lang) -> String {
        self.with(lang.texts())
    }

    fn with(&self, c: &dyn Catalog) -> String {
        match self {
            Say::ManifestTooLarge { mib } => c.manifest_too_large(*mib),
            Say::TooManyObjects { max } => c.too_many_objects(*max),
            Say::DefinedTwice {
                kind,
                name,
                namespace,
                line,
            } => c.defined_twice(kind, name, namespace, *line),
            Say::TargetPortUnresolved { name, pods } => {
                let pods: Vec<String> = pods.iter().map(|p| c.pods(p)).collect();
                c.target_port_unresolved(name, &pods.join(", "))
            }
            Say::SelectsOtherNamespace {
                service,
                namespace,
                pods,
                other,
            } => c.selects_other_namespace(service, namespace, pods, other),
            Say::SelectsNothing {
                service,
                namespace,
                selector,
            } => c.selects_nothing(service, namespace, selector),
            Say::SelectorsOverlap {
                kinds,
                names,
                selectors,
            } => c.selectors_overlap(
                &kinds[0],
                &names[0],
                &selectors[0],
                &kinds[1],
                &names[1],
                &selectors[1],
            ),
            Say::HostPathRisk { volume, path } => c.host_path_risk(volume, path),
            Say::GiveName => c.hint_give_name(),
            Say::TryName(name) => c.hint_try_name(name),
            Say::SelectorRequired { prefix } => c.hint_selector_required(prefix),
            Say::JobSelector => c.hint_job_selector(),
            Say::SelectorWants { selector, labels } if labels.is_empty() => {
                c.hint_template_no_labels(selector)
            }
            Say::SelectorWants { selector, labels } => c.hint_selector_wants(selector, labels),
            Say::RenameDuplicate => c.hint_rename_duplicate(),
            Say::Schedule => c.hint_schedule(),
            Say::JobRestartPolicy => c.hint_job_restart_policy(),
            Say::TimeZoneField => c.hint_time_zone_field(),
            Say::CronFields => c.hint_cron_fields(),
            Say::Containers => c.hint_containers(),
            Say::YamlTabs => c.hint_yaml_tabs(),
            Say::YamlMappingValues => c.hint_yaml_mapping_values(),
            Say::YamlIndentation => c.hint_yaml_indentation(),
            Say::NotAnObject => c.hint_not_an_object(),
            Say::TypeInfo => c.hint_type_info(),
            Say::RemovedApi { api_version } => c.hint_removed_api(api_version),
            Say::DidYouMean(word) => c.hint_did_you_mean(word),
            Say::AcceptedFields { path, fields } => {
                c.hint_accepted_fields(path, &fields.join(", "))
            }
            Say::Number => c.hint_number(),
            Say::QuoteNumber => c.hint_quote_number(),
            Say::QuoteBool => c.hint_quote_bool(),
            Say::List => c.hint_list(),
            Say::NotList => c.hint_not_list(),
            Say::ServedAs { kind, api_version } => c.hint_served_as(kind, api_version),
            Say::DidYouMeanKind(kind) => c.hint_did_you_mean_kind(kind),
            Say::NameThePort => c.hint_name_the_port(),
            Say::NamedPorts(ports) => c.hint_named_ports(&ports.join(", ")),
            Say::OtherNamespace(namespace) => c.hint_other_namespace(namespace),
            Say::PodsHave {
                pods,
                labels,
                wants,
            } => c.hint_pods_have(pods, labels, wants),
            Say::PodsHaveLabels(groups) => groups
                .iter()
                .map(|(pods, labels)| match labels {
                    Some(l) => c.hint_pods_have_labels(pods, l),
                    None => c.hint_pods_have_no_labels(pods),
                })
                .collect::<Vec<_>>()
                .join("; "),
            Say::NoPodsHere => c.hint_no_pods_here(),
            Say::DistinctLabels => c.hint_distinct_labels(),
        }
    }
}
