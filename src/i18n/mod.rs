//! kubeplay's own words, in English and Korean: the keys are the trait [`Catalog`], and each
//! language is one file that implements it (`en.rs`, `ko.rs`).
//!
//! The one thing to know: Kubernetes' own words are not here. kubectl's tables and `describe`,
//! event reasons and messages, the API server's and the scheduler's messages and field paths stay
//! English in both languages, as kubernetes.io/ko keeps them, so a learner recognises on the page
//! what a real cluster prints; what is here is what kubeplay says around them.
//!
//! A key missing from a language does not compile (the error names it); every argument is typed;
//! English plurals are written out in `en.rs`. The tests beside this file call every key in both
//! languages and check that each argument is said and that the Korean catalog is Korean.

mod en;
mod ko;
mod say;

pub use say::{Pods, Say};

/// A language the page and the CLI speak.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    Ko,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ko];

    /// The BCP 47 tag: `<html lang>`, the `lang=` of a share link, local storage.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    /// The language's name in itself, as a language menu shows it whatever the page speaks.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ko => "한국어",
        }
    }

    /// The language a tag names (`ko`, `ko-KR`, `en-GB`, `ko_KR.UTF-8` as `LANG` writes it), if
    /// kubeplay speaks it.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_', '.', '@']).next().unwrap_or("").trim();
        Lang::ALL
            .into_iter()
            .find(|l| primary.eq_ignore_ascii_case(l.code()))
    }

    /// The first of a reader's preferred languages (most preferred first, as `navigator.languages`
    /// lists them) that kubeplay speaks; English when none is.
    pub fn negotiate<'a>(preferred: impl IntoIterator<Item = &'a str>) -> Lang {
        preferred
            .into_iter()
            .find_map(Lang::from_tag)
            .unwrap_or_default()
    }

    /// The page's language: the link's `lang=`, else the reader's own choice kept from an earlier
    /// visit, else the browser's languages. A link wins because its examples' comments are written
    /// in the language it was shared in.
    pub fn choose<'a>(
        link: Option<&str>,
        stored: Option<&str>,
        browser: impl IntoIterator<Item = &'a str>,
    ) -> Lang {
        link.and_then(Lang::from_tag)
            .or_else(|| stored.and_then(Lang::from_tag))
            .unwrap_or_else(|| Lang::negotiate(browser))
    }

    /// This language's catalog.
    pub fn texts(self) -> &'static dyn Catalog {
        match self {
            Lang::En => &en::En,
            Lang::Ko => &ko::Ko,
        }
    }
}

/// Declares the catalog's keys once: the trait each language implements and, for the tests,
/// every key called with sample arguments.
macro_rules! catalog {
    ($( $(#[doc = $doc:literal])* fn $key:ident($($arg:ident: $ty:ty),*); )*) => {
        /// Everything kubeplay says, one method per key; see the module's doc.
        pub trait Catalog {
            $( $(#[doc = $doc])* fn $key(&self $(, $arg: $ty)*) -> String; )*
        }

        /// Every key with sample arguments: (key, text, what each argument was shown as).
        #[cfg(test)]
        pub(crate) fn every_text(c: &dyn Catalog) -> Vec<(&'static str, String, Vec<String>)> {
            vec![$({
                $( let $arg = <$ty as tests::Sample>::sample(stringify!($arg)); )*
                let shown = vec![$( tests::Sample::shown(&$arg) ),*];
                (stringify!($key), c.$key($($arg),*), shown)
            }),*]
        }
    };
}

catalog! {
    // The top bar.
    /// The examples menu, for screen readers.
    fn load_example();
    /// The examples menu's first line.
    fn examples_menu();
    fn language();
    fn download();
    fn download_title();
    fn share();
    fn share_title();

    // The cluster controls.
    fn cluster_controls();
    fn apply();
    fn apply_title();
    fn auto_apply();
    fn auto_apply_title();
    fn play();
    fn pause();
    fn play_clock();
    fn pause_clock();
    fn clock_speed();
    fn step();
    fn step_title();
    fn one_minute();
    fn one_minute_title();
    fn reset();
    fn reset_title();
    fn cluster_time();
    fn cluster_time_title();

    // The page.
    /// The window's title.
    fn page_title();
    fn manifest_pane();
    fn manifest_editor();
    fn cluster_pane();
    fn tab_cluster();
    fn tab_events();
    fn tab_services();
    fn tab_objects();
    fn tab_selector();
    fn dismiss();
    fn share_link();
    /// Asked before a shared link replaces a draft.
    fn confirm_replace_draft();
    fn kept_draft();
    fn confirm_share_secret();
    fn link_copied();
    fn worker_fallback();
    /// The time-zone table did not load.
    fn zones_unavailable();
    /// The heading over a Pod's last log lines under its describe.
    fn pod_logs();
    fn pod_logs_empty();
    fn share_not_a_playground();
    fn share_damaged();
    /// `mib`: the largest playground a link may hold.
    fn share_too_large(mib: usize);
    fn share_not_text();

    // The examples' titles.
    fn example_service_deployment();
    fn example_rolling_update();
    fn example_blue_green();
    fn example_set_based_selectors();
    fn example_job();
    fn example_cronjob();
    fn example_statefulset();
    fn example_pv_pvc();
    fn example_find_the_mistakes();

    // The problems list.
    fn problems();
    fn error_count(n: usize);
    fn warning_count(n: usize);
    fn no_problems();
    fn severity_error();
    fn severity_warning();
    /// Before a hint in the editor's tooltip.
    fn hint_label();

    // The Cluster and Events tabs.
    fn last_apply();
    fn describe_panel();
    fn close_describe();
    /// A table row, for screen readers.
    fn describe_row(kind: &str, name: &str);
    /// The faults a Node's describe offers (`kubeplay node ...`).
    fn node_faults();
    fn fault_stop_runtime();
    fn fault_stop_kubelet();
    fn fault_shutdown();
    fn fault_start();
    fn no_events();

    // The Services tab.
    fn services_heading();
    fn no_services();
    fn no_selector();
    fn in_namespace(namespace: &str);
    fn selects_no_pods();
    fn port_not_declared(target: &str);
    fn workloads_heading();
    fn no_workloads();
    fn selects();
    fn no_pods();
    /// Pods a manifest makes: written ones, or those of a workload's template.
    fn pods(pods: &Pods);

    // The Objects tab and the selector tester.
    fn no_objects();
    fn label_selector();
    fn selector_placeholder();
    fn selector_help();
    fn canonical_form();
    fn everything();
    fn matches_objects(n: usize);
    fn pods_it_selects();
    fn no_pods_matched();

    // The diagnostics' own messages.
    fn manifest_too_large(mib: usize);
    fn too_many_objects(max: usize);
    fn defined_twice(kind: &str, name: &str, namespace: &str, line: usize);
    fn target_port_unresolved(name: &str, pods: &str);
    fn selects_other_namespace(service: &str, namespace: &str, pods: &Pods, other: &str);
    fn selects_nothing(service: &str, namespace: &str, selector: &str);
    fn selectors_overlap(kind: &str, name: &str, selector: &str, other_kind: &str, other_name: &str, other_selector: &str);
    fn host_path_risk(volume: &str, path: &str);

    // The diagnostics' hints.
    fn hint_give_name();
    fn hint_try_name(name: &str);
    fn hint_selector_required(prefix: &str);
    fn hint_job_selector();
    fn hint_selector_wants(selector: &str, labels: &str);
    fn hint_template_no_labels(selector: &str);
    fn hint_rename_duplicate();
    fn hint_schedule();
    fn hint_job_restart_policy();
    fn hint_time_zone_field();
    fn hint_cron_fields();
    fn hint_containers();
    fn hint_yaml_tabs();
    fn hint_yaml_mapping_values();
    fn hint_yaml_indentation();
    fn hint_not_an_object();
    fn hint_type_info();
    fn hint_removed_api(api_version: &str);
    fn hint_did_you_mean(word: &str);
    fn hint_accepted_fields(path: &str, fields: &str);
    fn hint_number();
    fn hint_quote_number();
    fn hint_quote_bool();
    fn hint_list();
    fn hint_not_list();
    fn hint_served_as(kind: &str, api_version: &str);
    fn hint_did_you_mean_kind(kind: &str);
    fn hint_name_the_port();
    fn hint_named_ports(ports: &str);
    fn hint_other_namespace(namespace: &str);
    fn hint_pods_have(pods: &Pods, labels: &str, wants: &str);
    fn hint_pods_have_labels(pods: &Pods, labels: &str);
    fn hint_pods_have_no_labels(pods: &Pods);
    fn hint_no_pods_here();
    fn hint_distinct_labels();

    // The Storage tab.
    fn tab_storage();
    fn tab_timeline();
    fn timeline_scheduled();
    fn timeline_skipped();
    fn timeline_missed();
    fn timeline_now();
    fn timeline_restarts();
    fn timeline_suspended();
    fn timeline_next_runs();
    fn timeline_zoom_in();
    fn timeline_zoom_out();
    fn timeline_key_complete();
    fn timeline_key_failed();
    fn timeline_key_running();
    fn timeline_empty();
    fn storage_classes();
    fn storage_claims();
    fn storage_volumes();
    /// Shown when the cluster has neither claims nor volumes.
    fn storage_empty();
    fn storage_default_class();
    /// Heading of the list of claims that wait.
    fn storage_why_pending();
    /// Before the list of volumes a Pending claim did not take.
    fn storage_near_misses();
    /// `count` claims or volumes past the view's limit.
    fn storage_more(count: usize);
    fn storage_wait_for_consumer(class: &str);
    fn storage_provisioning(provisioner: &str);
    fn storage_no_class();
    fn storage_class_missing(class: &str);
    fn storage_no_provisioner(class: &str);
    fn storage_fits(volume: &str);
    fn storage_named_volume_missing(volume: &str);
    fn storage_named_volume_mismatch(volume: &str, why: &str);
    fn storage_named_volume_taken(volume: &str, claim: &str);
    fn storage_lost();
    fn miss_modes(offered: &str, wanted: &str);
    fn miss_bound_to(claim: &str);
    fn miss_too_small(capacity: &str, request: &str);
    fn miss_volume_mode(volume: &str, claim: &str);
    fn miss_attributes_class();
    fn miss_deleting();
    fn miss_not_available(phase: &str);
    fn miss_selector();
    fn miss_class(volume: &str, claim: &str);

    // The CLI.
    fn cli_usage();
    fn cli_summary(errors: usize, warnings: usize);
    fn cli_needs_pod();
    fn cli_needs_files(command: &str);
    fn cli_needs_kubectl_command();
    fn cli_needs_value(flag: &str);
    fn cli_select_needs_selector();
    fn cli_invalid_selector(selector: &str, message: &str);
    fn cli_unknown_output(format: &str);
    fn cli_unknown_flag(flag: &str);
    fn cli_unknown_command(command: &str);
    fn cli_unknown_lang(lang: &str);
    fn cli_no_command();
    fn cli_apply_at();
    fn cli_reading_stdin(message: &str);
    fn cli_bad_count(value: &str);
    fn cli_bad_from(value: &str);
    fn cli_cron_needs_schedule();
    fn cli_cron_one_schedule();
    fn cli_cron_never();

    // The console.
    fn console_title();
    fn console_input();
    fn console_hint();
    fn console_exit(code: &str);
    fn console_edit_text();
    fn console_edit_save();
    fn console_edit_cancel();

    // The Graph tab and `kubeplay graph`.
    fn tab_graph();
    fn graph_label();
    fn graph_cluster();
    fn graph_namespace();
    fn graph_kind();
    fn graph_all();
    fn graph_search();
    fn graph_found(n: &str);
    fn graph_stack(n: &str, kind: &str, name: &str);
    fn graph_collapse();
    fn graph_fit();
    fn graph_zoom_in();
    fn graph_zoom_out();
    fn graph_export_svg();
    fn graph_export_png();
    fn graph_drawing();
    fn graph_unavailable(reason: &str);
    fn graph_empty();
    fn graph_static();
    fn graph_help();
    fn graph_truncated(n: usize);
    fn graph_links();
    fn link_owns();
    fn link_selects();
    fn link_not_ready();
    fn link_miss();
    fn link_routes();
    fn link_storage();
    fn link_reads();
    fn link_runs_on();
    fn link_rbac();
    fn cli_unknown_graph_output(format: &str);
}

#[cfg(test)]
mod tests;
