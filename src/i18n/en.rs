//! kubeplay in English.

use super::{Catalog, Pods};

pub struct En;

/// `1 error`, `2 errors`.
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `has` or `have`, as the Pods are one or many.
fn have(pods: &Pods) -> &'static str {
    if pods.written() || pods.count == Some(1) {
        "has"
    } else {
        "have"
    }
}

impl Catalog for En {
    fn load_example(&self) -> String {
        "Load an example".into()
    }
    fn examples_menu(&self) -> String {
        "Examples…".into()
    }
    fn language(&self) -> String {
        "Language".into()
    }
    fn download(&self) -> String {
        "Download".into()
    }
    fn download_title(&self) -> String {
        "Download the manifest as a .yaml file".into()
    }
    fn share(&self) -> String {
        "Share".into()
    }
    fn share_title(&self) -> String {
        "Copy a link that holds this manifest (Ctrl/Cmd+S)".into()
    }

    fn cluster_controls(&self) -> String {
        "Cluster controls".into()
    }
    fn apply(&self) -> String {
        "Apply".into()
    }
    fn apply_title(&self) -> String {
        "Apply the manifest to the cluster, as kubectl apply --prune (Ctrl/Cmd+Enter)".into()
    }
    fn auto_apply(&self) -> String {
        "auto".into()
    }
    fn auto_apply_title(&self) -> String {
        "Apply after every edit that leaves no errors".into()
    }
    fn play(&self) -> String {
        "▶ Play".into()
    }
    fn pause(&self) -> String {
        "⏸ Pause".into()
    }
    fn play_clock(&self) -> String {
        "Play the clock".into()
    }
    fn pause_clock(&self) -> String {
        "Pause the clock".into()
    }
    fn clock_speed(&self) -> String {
        "Clock speed".into()
    }
    fn step(&self) -> String {
        "Step".into()
    }
    fn step_title(&self) -> String {
        "Jump to the next moment something happens".into()
    }
    fn one_minute(&self) -> String {
        "+1 min".into()
    }
    fn one_minute_title(&self) -> String {
        "Let one minute of cluster time pass".into()
    }
    fn reset(&self) -> String {
        "Reset".into()
    }
    fn reset_title(&self) -> String {
        "Start again with a fresh cluster".into()
    }
    fn cluster_time(&self) -> String {
        "Cluster time".into()
    }
    fn cluster_time_title(&self) -> String {
        "Time since the cluster was created".into()
    }

    fn page_title(&self) -> String {
        "kubeplay — a Kubernetes manifest playground".into()
    }
    fn manifest_pane(&self) -> String {
        "Manifest".into()
    }
    fn manifest_editor(&self) -> String {
        "Manifest editor".into()
    }
    fn cluster_pane(&self) -> String {
        "What the cluster would see".into()
    }
    fn tab_cluster(&self) -> String {
        "Cluster".into()
    }
    fn tab_events(&self) -> String {
        "Events".into()
    }
    fn tab_services(&self) -> String {
        "Services".into()
    }
    fn tab_objects(&self) -> String {
        "Objects".into()
    }
    fn tab_selector(&self) -> String {
        "Selector tester".into()
    }
    fn dismiss(&self) -> String {
        "Dismiss".into()
    }
    fn share_link(&self) -> String {
        "Share link".into()
    }
    fn confirm_replace_draft(&self) -> String {
        "This link holds a shared playground. Replace your unsaved draft with it?\n\nCancel keeps your draft.".into()
    }
    fn kept_draft(&self) -> String {
        "Kept your draft; the shared playground was not opened.".into()
    }
    fn confirm_share_secret(&self) -> String {
        "This manifest contains a Secret. Anyone with the link can read its data.\n\nShare it anyway?".into()
    }
    fn link_copied(&self) -> String {
        "Link copied. It holds the whole manifest; nothing is stored anywhere else.".into()
    }
    fn worker_fallback(&self) -> String {
        "The simulator could not run in the background; it now runs on the page, from a fresh cluster.".into()
    }
    fn pod_logs(&self) -> String {
        "Logs".into()
    }
    fn pod_logs_empty(&self) -> String {
        "The container has printed nothing yet.".into()
    }
    fn zones_unavailable(&self) -> String {
        "The time-zone table could not be loaded, so every time zone but UTC reads as unknown. Reload the page to try again.".into()
    }
    fn share_not_a_playground(&self) -> String {
        "this link holds no playground".into()
    }
    fn share_damaged(&self) -> String {
        "this link is damaged: its playground could not be decoded".into()
    }
    fn share_too_large(&self, mib: usize) -> String {
        format!("this link's playground is larger than {mib} MiB and was not opened")
    }
    fn share_not_text(&self) -> String {
        "this link's playground is not text".into()
    }

    fn example_service_deployment(&self) -> String {
        "Service and Deployment".into()
    }
    fn example_rolling_update(&self) -> String {
        "Rolling update, step by step".into()
    }
    fn example_blue_green(&self) -> String {
        "Blue/green switch by selector".into()
    }
    fn example_set_based_selectors(&self) -> String {
        "Set-based selectors".into()
    }
    fn example_job(&self) -> String {
        "Job: parallel completions".into()
    }
    fn example_cronjob(&self) -> String {
        "CronJob on a schedule".into()
    }
    fn example_statefulset(&self) -> String {
        "StatefulSet with volumeClaimTemplates".into()
    }
    fn example_pv_pvc(&self) -> String {
        "PersistentVolume and claim".into()
    }
    fn example_find_the_mistakes(&self) -> String {
        "Find the mistakes".into()
    }

    fn problems(&self) -> String {
        "Problems".into()
    }
    fn error_count(&self, n: usize) -> String {
        plural(n, "error", "errors")
    }
    fn warning_count(&self, n: usize) -> String {
        plural(n, "warning", "warnings")
    }
    fn no_problems(&self) -> String {
        "No problems found.".into()
    }
    fn severity_error(&self) -> String {
        "error".into()
    }
    fn severity_warning(&self) -> String {
        "warning".into()
    }
    fn hint_label(&self) -> String {
        "Hint".into()
    }

    fn last_apply(&self) -> String {
        "Last apply".into()
    }
    fn describe_panel(&self) -> String {
        "Describe".into()
    }
    fn close_describe(&self) -> String {
        "Close describe".into()
    }
    fn describe_row(&self, kind: &str, name: &str) -> String {
        format!("Describe {kind} {name}")
    }
    fn node_faults(&self) -> String {
        "Faults on this node".into()
    }
    fn fault_stop_runtime(&self) -> String {
        "Stop containerd".into()
    }
    fn fault_stop_kubelet(&self) -> String {
        "Stop the kubelet".into()
    }
    fn fault_shutdown(&self) -> String {
        "Shut down".into()
    }
    fn fault_start(&self) -> String {
        "Start again".into()
    }
    fn no_events(&self) -> String {
        "No events yet. Apply the manifest and press play.".into()
    }

    fn services_heading(&self) -> String {
        "Services".into()
    }
    fn no_services(&self) -> String {
        "No Services in the manifest.".into()
    }
    fn no_selector(&self) -> String {
        "<none> (endpoints are managed by hand)".into()
    }
    fn in_namespace(&self, namespace: &str) -> String {
        format!("namespace {namespace}")
    }
    fn selects_no_pods(&self) -> String {
        "Selects no Pods: this Service would have no endpoints.".into()
    }
    fn port_not_declared(&self, target: &str) -> String {
        format!("{target} (not declared)")
    }
    fn workloads_heading(&self) -> String {
        "Workloads".into()
    }
    fn no_workloads(&self) -> String {
        "No workloads with a selector.".into()
    }
    fn selects(&self) -> String {
        "selects".into()
    }
    fn no_pods(&self) -> String {
        "no Pods".into()
    }
    fn pods(&self, p: &Pods) -> String {
        let (kind, name) = (&p.owner_kind, &p.owner_name);
        match p.count {
            _ if p.written() => format!("Pod {name}"),
            Some(1) => format!("1 Pod of {kind} {name}"),
            Some(n) => format!("{n} Pods of {kind} {name}"),
            None => format!("Pods of {kind} {name} (one per node)"),
        }
    }

    fn no_objects(&self) -> String {
        "No objects yet. Write a manifest, or pick an example.".into()
    }
    fn label_selector(&self) -> String {
        "Label selector".into()
    }
    fn selector_placeholder(&self) -> String {
        "app=web,tier in (frontend,cache),!canary   or   {matchLabels: {app: web}}".into()
    }
    fn selector_help(&self) -> String {
        "Equality (=, ==, !=) and set-based (in, notin, key, !key) requirements, joined by commas; or a LabelSelector object in flow YAML.".into()
    }
    fn canonical_form(&self) -> String {
        "Canonical form:".into()
    }
    fn everything(&self) -> String {
        "(everything)".into()
    }
    fn matches_objects(&self, n: usize) -> String {
        format!("matches {}", plural(n, "object", "objects"))
    }
    fn pods_it_selects(&self) -> String {
        "Pods it would select".into()
    }
    fn no_pods_matched(&self) -> String {
        "No Pods.".into()
    }

    fn manifest_too_large(&self, mib: usize) -> String {
        format!("the manifest is larger than {mib} MiB; the rest is ignored")
    }
    fn too_many_objects(&self, max: usize) -> String {
        format!("more than {max} objects; the rest are ignored")
    }
    fn defined_twice(&self, kind: &str, name: &str, namespace: &str, line: usize) -> String {
        let ns = if namespace.is_empty() {
            String::new()
        } else {
            format!(" in namespace \"{namespace}\"")
        };
        format!("{kind} \"{name}\"{ns} is defined twice (first at line {line}); the later one wins")
    }
    fn target_port_unresolved(&self, name: &str, pods: &str) -> String {
        format!("targetPort \"{name}\" is not a named container port of {pods}: those Pods get no endpoint for this port")
    }
    fn selects_other_namespace(
        &self,
        service: &str,
        namespace: &str,
        pods: &Pods,
        other: &str,
    ) -> String {
        format!(
            "Service \"{service}\" in namespace \"{namespace}\" selects no Pods: {} in namespace \"{other}\" match, but a Service only selects Pods in its own namespace",
            self.pods(pods)
        )
    }
    fn selects_nothing(&self, service: &str, namespace: &str, selector: &str) -> String {
        format!("Service \"{service}\" selects no Pods: no Pod in namespace \"{namespace}\" has labels {selector}")
    }
    fn selectors_overlap(
        &self,
        kind: &str,
        name: &str,
        selector: &str,
        other_kind: &str,
        other_name: &str,
        other_selector: &str,
    ) -> String {
        format!("the selector of {kind} \"{name}\" ({selector}) overlaps with that of {other_kind} \"{other_name}\" ({other_selector}): controllers with overlapping selectors fight over each other's Pods")
    }

    fn hint_give_name(&self) -> String {
        "give the object a name under metadata, e.g. `name: web`".into()
    }
    fn hint_try_name(&self, name: &str) -> String {
        format!("try \"{name}\"")
    }
    fn hint_selector_required(&self, prefix: &str) -> String {
        format!("apps/v1 needs spec.selector.matchLabels equal to the labels under {prefix}.metadata.labels")
    }
    fn hint_job_selector(&self) -> String {
        "the Job controller makes its own selector: remove spec.selector, or set spec.manualSelector: true".into()
    }
    fn hint_selector_wants(&self, selector: &str, labels: &str) -> String {
        format!("spec.selector wants {selector}; the Pod template has {labels}")
    }
    fn hint_template_no_labels(&self, selector: &str) -> String {
        format!("spec.selector wants {selector}; the Pod template has no labels")
    }
    fn hint_rename_duplicate(&self) -> String {
        "rename one of them, or delete the copy".into()
    }
    fn hint_schedule(&self) -> String {
        "a cron schedule such as \"*/5 * * * *\"".into()
    }
    fn hint_job_restart_policy(&self) -> String {
        "a Job's Pods must end: set restartPolicy: Never (a failed Pod is replaced by a new one) or OnFailure (the container restarts in the same Pod)".into()
    }
    fn hint_time_zone_field(&self) -> String {
        "write the zone in spec.timeZone (timeZone: Asia/Seoul) and keep spec.schedule to its five fields".into()
    }
    fn hint_cron_fields(&self) -> String {
        "five fields: minute hour day-of-month month day-of-week, such as \"30 9 * * 1-5\" (09:30 on weekdays)".into()
    }
    fn hint_containers(&self) -> String {
        "a Pod needs at least one container with a name and an image".into()
    }
    fn hint_yaml_tabs(&self) -> String {
        "YAML does not allow tabs for indentation; use spaces".into()
    }
    fn hint_yaml_mapping_values(&self) -> String {
        "a key's value may not continue on the line of another key; check for a missing space after ':' or a missing newline".into()
    }
    fn hint_yaml_indentation(&self) -> String {
        "check this line's indentation: a key must line up with the other keys of its mapping, and list items under their key".into()
    }
    fn hint_not_an_object(&self) -> String {
        "a Kubernetes object is a YAML mapping that starts with apiVersion, kind and metadata"
            .into()
    }
    fn hint_type_info(&self) -> String {
        "every Kubernetes object names its type first, for example `apiVersion: v1` and `kind: Pod`"
            .into()
    }
    fn hint_removed_api(&self, api_version: &str) -> String {
        format!("use apiVersion: {api_version}; kubeplay loads this object as {api_version}")
    }
    fn hint_did_you_mean(&self, word: &str) -> String {
        format!("did you mean \"{word}\"?")
    }
    fn hint_accepted_fields(&self, path: &str, fields: &str) -> String {
        format!("{path} accepts: {fields}")
    }
    fn hint_number(&self) -> String {
        "write a number without quotes or words, e.g. `replicas: 3`".into()
    }
    fn hint_quote_number(&self) -> String {
        "quote the value to make it a string, e.g. \"1.0\" or \"8080\"".into()
    }
    fn hint_quote_bool(&self) -> String {
        "YAML reads yes/no/on/off/true/false as booleans; quote the value to make it a string, e.g. \"yes\"".into()
    }
    fn hint_list(&self) -> String {
        "this field is a list: start each item with `- `".into()
    }
    fn hint_not_list(&self) -> String {
        "this field is not a list: remove the `- ` before its fields".into()
    }
    fn hint_served_as(&self, kind: &str, api_version: &str) -> String {
        format!("{kind} is served as apiVersion: {api_version}")
    }
    fn hint_did_you_mean_kind(&self, kind: &str) -> String {
        format!("did you mean kind: {kind}?")
    }
    fn hint_name_the_port(&self) -> String {
        "name the container port (ports: - name: http, containerPort: 8080) or use the port number"
            .into()
    }
    fn hint_named_ports(&self, ports: &str) -> String {
        format!("named ports there: {ports}")
    }
    fn hint_other_namespace(&self, namespace: &str) -> String {
        format!("put the Service in namespace \"{namespace}\" (metadata.namespace)")
    }
    fn hint_pods_have(&self, pods: &Pods, labels: &str, wants: &str) -> String {
        format!(
            "{} {} {labels}; this selector wants {wants}",
            self.pods(pods),
            have(pods)
        )
    }
    fn hint_pods_have_labels(&self, pods: &Pods, labels: &str) -> String {
        format!("{} {} {labels}", self.pods(pods), have(pods))
    }
    fn hint_pods_have_no_labels(&self, pods: &Pods) -> String {
        format!("{} {} no labels", self.pods(pods), have(pods))
    }
    fn hint_no_pods_here(&self) -> String {
        "there are no Pods or workloads in this namespace in the manifest".into()
    }
    fn hint_distinct_labels(&self) -> String {
        "give each workload a label the other does not have, and select on it".into()
    }

    fn cli_usage(&self) -> String {
        "usage:
  kubeplay check FILE...                 diagnostics as FILE:LINE:COL: error|warning: message
  kubeplay select -l SELECTOR FILE...    kind/name of the objects whose labels match
  kubeplay simulate FILE... [--for DURATION] [--apply-at DURATION=FILE]... [-o table|json|yaml] [--watch]
                                         applies the files to a simulated cluster, runs its clock and prints
                                         the cluster as `kubectl get` would (json/yaml: a v1 List of every
                                         object with its status, Events included; --watch: one JSON object
                                         per change). Without --for the clock runs until nothing more is
                                         due, at most 10m. --apply-at applies FILE alone as the new desired
                                         state at that time (as `kubectl apply --prune`).
  kubeplay cron SCHEDULE [--from RFC3339] [--count N] [--tz ZONE]
                                         the next N runs (default 10) of a CronJob schedule, one RFC 3339
                                         line each in the zone's offset, then the schedule in words; from
                                         now without --from. An invalid schedule: robfig/cron's message, exit 2
  kubeplay logs POD FILE... [--for DURATION] [--previous] [-c CONTAINER] [-n NAMESPACE]
                                         what the Pod's container printed, as `kubectl logs` shows it, after
                                         the files are applied and the clock has run (as simulate runs it);
                                         --previous: its last run before a restart. No such Pod: exit 1
  kubeplay graph FILE... [--simulate DURATION] [-o svg|dot|json] [--collapse]
                                         every object and what links it to another (owners, selectors,
                                         claims, what a Pod reads, Ingress backends, RBAC), in layers:
                                         the manifest as written, or with --simulate the cluster after the
                                         files are applied and the clock has run that long (default svg);
                                         --collapse: one node for each workload's Pods
  kubeplay kubectl FILE... [--for DURATION] [--script FILE] [-- ARGS...]
                                         a kubectl command over the simulated cluster with the files applied
                                         and the clock run (as logs runs it), printed as kubectl prints it,
                                         with its exit status. --script: console lines, each optionally at a
                                         time after the script starts (`30s: kubectl scale deploy web
                                         --replicas=5`), printed as a terminal shows them, `$ ` before each
  --lang en|ko                           the language of kubeplay's own messages (default: from LANG)
FILE may be - for standard input. Exit codes: 0 ok, 1 diagnostics with errors, 2 usage or input error.".into()
    }
    fn cli_summary(&self, errors: usize, warnings: usize) -> String {
        format!("{errors} error(s), {warnings} warning(s)")
    }
    fn cli_needs_pod(&self) -> String {
        "logs needs the name of a Pod, then at least one FILE".into()
    }
    fn cli_needs_files(&self, command: &str) -> String {
        format!("{command} needs at least one FILE")
    }
    fn cli_needs_kubectl_command(&self) -> String {
        "kubectl needs a command after `--` (kubeplay kubectl FILE... -- get pods) or a --script"
            .into()
    }
    fn cli_needs_value(&self, flag: &str) -> String {
        format!("{flag} needs a value")
    }
    fn cli_select_needs_selector(&self) -> String {
        "select needs -l SELECTOR".into()
    }
    fn cli_invalid_selector(&self, selector: &str, message: &str) -> String {
        format!("invalid selector {selector:?}: {message}")
    }
    fn cli_unknown_output(&self, format: &str) -> String {
        format!("unknown output format {format:?}: expected table, json or yaml")
    }
    fn cli_unknown_flag(&self, flag: &str) -> String {
        format!("unknown flag {flag:?}")
    }
    fn cli_unknown_command(&self, command: &str) -> String {
        format!("unknown command {command:?}")
    }
    fn cli_unknown_lang(&self, lang: &str) -> String {
        format!("unknown language {lang:?}: expected en or ko")
    }
    fn cli_no_command(&self) -> String {
        "no command given".into()
    }
    fn cli_apply_at(&self) -> String {
        "--apply-at needs DURATION=FILE".into()
    }
    fn cli_bad_count(&self, value: &str) -> String {
        format!("--count needs a whole number from 1 to 1000, not {value:?}")
    }
    fn cli_bad_from(&self, value: &str) -> String {
        format!("--from needs an RFC 3339 time such as 2026-01-01T09:00:00Z, not {value:?}")
    }
    fn cli_cron_needs_schedule(&self) -> String {
        "cron needs a SCHEDULE, such as \"*/5 * * * *\" (quoted: it has spaces)".into()
    }
    fn cli_cron_one_schedule(&self) -> String {
        "cron takes one SCHEDULE: quote it, it has spaces (\"*/5 * * * *\")".into()
    }
    fn cli_cron_never(&self) -> String {
        "(no run in the next five years: robfig/cron looks no further)".into()
    }
    fn cli_reading_stdin(&self, message: &str) -> String {
        format!("reading standard input: {message}")
    }

    fn tab_timeline(&self) -> String {
        "Timeline".into()
    }
    fn timeline_scheduled(&self) -> String {
        "scheduled".into()
    }
    fn timeline_skipped(&self) -> String {
        "skipped".into()
    }
    fn timeline_missed(&self) -> String {
        "missed".into()
    }
    fn timeline_now(&self) -> String {
        "now".into()
    }
    fn timeline_restarts(&self) -> String {
        "restarts".into()
    }
    fn timeline_suspended(&self) -> String {
        "suspended".into()
    }
    fn timeline_next_runs(&self) -> String {
        "Next runs".into()
    }
    fn timeline_zoom_in(&self) -> String {
        "Zoom in".into()
    }
    fn timeline_zoom_out(&self) -> String {
        "Zoom out".into()
    }
    fn timeline_key_complete(&self) -> String {
        "complete".into()
    }
    fn timeline_key_failed(&self) -> String {
        "failed".into()
    }
    fn timeline_key_running(&self) -> String {
        "running".into()
    }
    fn timeline_empty(&self) -> String {
        "No Job or CronJob yet: add one to the manifest and its runs appear here, one lane each."
            .into()
    }
    fn tab_storage(&self) -> String {
        "Storage".into()
    }
    fn storage_classes(&self) -> String {
        "StorageClasses".into()
    }
    fn storage_claims(&self) -> String {
        "Claims".into()
    }
    fn storage_volumes(&self) -> String {
        "Volumes".into()
    }
    fn storage_empty(&self) -> String {
        "No claims or volumes yet. Add a PersistentVolumeClaim, or a StatefulSet with volumeClaimTemplates, and watch it bind here.".into()
    }
    fn storage_default_class(&self) -> String {
        "default".into()
    }
    fn storage_why_pending(&self) -> String {
        "Why claims wait".into()
    }
    fn storage_near_misses(&self) -> String {
        "Volumes it did not take:".into()
    }
    fn storage_more(&self, count: usize) -> String {
        format!("and {count} more not shown")
    }
    fn storage_wait_for_consumer(&self, class: &str) -> String {
        format!("Class {class} binds a claim only when a Pod that uses it is scheduled (volumeBindingMode: WaitForFirstConsumer). Create a Pod that mounts this claim.")
    }
    fn storage_provisioning(&self, provisioner: &str) -> String {
        format!("The provisioner {provisioner} is making a volume for it.")
    }
    fn storage_no_class(&self) -> String {
        "No volume fits, and storageClassName \"\" asks for no provisioning: add a PersistentVolume that fits, or name a class.".into()
    }
    fn storage_class_missing(&self, class: &str) -> String {
        format!("No volume fits, and StorageClass {class} does not exist, so nothing can provision one.")
    }
    fn storage_no_provisioner(&self, class: &str) -> String {
        format!("No volume fits, and class {class} has no provisioner (kubernetes.io/no-provisioner): its volumes are made by hand.")
    }
    fn storage_fits(&self, volume: &str) -> String {
        format!("Volume {volume} fits: the controller binds it at its next look (every 15 s).")
    }
    fn storage_named_volume_missing(&self, volume: &str) -> String {
        format!("It names volume {volume} (spec.volumeName), which does not exist.")
    }
    fn storage_named_volume_mismatch(&self, volume: &str, why: &str) -> String {
        format!("It names volume {volume} (spec.volumeName), which does not fit: {why}.")
    }
    fn storage_named_volume_taken(&self, volume: &str, claim: &str) -> String {
        format!("It names volume {volume} (spec.volumeName), which is bound to {claim}.")
    }
    fn storage_lost(&self) -> String {
        "Its volume is gone or bound to another claim: the data it held is lost to it.".into()
    }
    fn miss_modes(&self, offered: &str, wanted: &str) -> String {
        format!("offers {offered}, the claim wants {wanted}")
    }
    fn miss_bound_to(&self, claim: &str) -> String {
        format!("bound to {claim}")
    }
    fn miss_too_small(&self, capacity: &str, request: &str) -> String {
        format!("{capacity} < requested {request}")
    }
    fn miss_volume_mode(&self, volume: &str, claim: &str) -> String {
        format!("volumeMode {volume} ≠ {claim}")
    }
    fn miss_attributes_class(&self) -> String {
        "another volumeAttributesClassName".into()
    }
    fn miss_deleting(&self) -> String {
        "being deleted".into()
    }
    fn miss_not_available(&self, phase: &str) -> String {
        format!("{phase}, not Available")
    }
    fn miss_selector(&self) -> String {
        "its labels miss the claim's selector".into()
    }
    fn miss_class(&self, volume: &str, claim: &str) -> String {
        format!("class {volume} ≠ {claim}")
    }

    fn host_path_risk(&self, volume: &str, path: &str) -> String {
        format!("Volume {volume} mounts the node's own directory {path}: the Pod can read and change the node's files, and what it writes stays on that one node, lost to a Pod placed elsewhere. Pod Security's baseline level forbids hostPath; for data that must outlive the Pod, mount a PersistentVolumeClaim.")
    }
    fn console_title(&self) -> String {
        "Console".into()
    }
    fn console_input(&self) -> String {
        "kubectl command".into()
    }
    fn console_hint(&self) -> String {
        "kubectl over the simulated cluster: try `kubectl get pods -o wide`, or `kubectl scale deployment NAME --replicas=5`. `Tab` completes, `↑` and `↓` go through what you typed, `Ctrl+L` clears, `Ctrl+``` shows or hides the console. What you change here is the cluster's live state; the manifest stays as it is, and its next apply sets back what it names.".into()
    }
    fn console_edit_text(&self) -> String {
        "The object to edit, as YAML".into()
    }
    fn console_edit_save(&self) -> String {
        "Save".into()
    }
    fn console_edit_cancel(&self) -> String {
        "Cancel".into()
    }
    fn console_exit(&self, code: &str) -> String {
        format!("exit status {code}")
    }
    fn tab_graph(&self) -> String {
        "Graph".into()
    }
    fn graph_label(&self) -> String {
        "Graph of the objects and their links".into()
    }
    fn graph_cluster(&self) -> String {
        "cluster-scoped".into()
    }
    fn graph_namespace(&self) -> String {
        "Namespace".into()
    }
    fn graph_kind(&self) -> String {
        "Kind".into()
    }
    fn graph_all(&self) -> String {
        "all".into()
    }
    fn graph_search(&self) -> String {
        "Find by name".into()
    }
    fn graph_stack(&self, n: &str, kind: &str, name: &str) -> String {
        format!("Pods of {kind} {name} ({n})")
    }
    fn graph_found(&self, n: &str) -> String {
        format!("{n} found")
    }
    fn graph_collapse(&self) -> String {
        "One node per workload's Pods".into()
    }
    fn graph_fit(&self) -> String {
        "Fit to view".into()
    }
    fn graph_zoom_in(&self) -> String {
        "Zoom in".into()
    }
    fn graph_zoom_out(&self) -> String {
        "Zoom out".into()
    }
    fn graph_export_svg(&self) -> String {
        "Download SVG".into()
    }
    fn graph_export_png(&self) -> String {
        "Download PNG".into()
    }
    fn graph_drawing(&self) -> String {
        "Drawing the graph…".into()
    }
    fn graph_unavailable(&self, reason: &str) -> String {
        format!("The graph could not be drawn: {reason}")
    }
    fn graph_empty(&self) -> String {
        "Nothing to draw yet: write a manifest, or pick an example.".into()
    }
    fn graph_static(&self) -> String {
        "Not applied yet: each template's Pods are one stack, linked as the manifest says.".into()
    }
    fn graph_help(&self) -> String {
        "Drag to move, wheel or + and − to zoom, 0 to fit; Tab moves between objects, Enter describes one. Hover a line to see why it is there.".into()
    }
    fn graph_truncated(&self, n: usize) -> String {
        format!("Only the first {n} objects and their links are drawn.")
    }
    fn graph_links(&self) -> String {
        "Lines".into()
    }
    fn link_owns(&self) -> String {
        "owns (ownerReferences)".into()
    }
    fn link_selects(&self) -> String {
        "selects, ready endpoint".into()
    }
    fn link_not_ready(&self) -> String {
        "selects, not ready".into()
    }
    fn link_miss(&self) -> String {
        "nearest miss of a selector or claim".into()
    }
    fn link_routes(&self) -> String {
        "routes to (Ingress)".into()
    }
    fn link_storage(&self) -> String {
        "claims, binds, provisions".into()
    }
    fn link_reads(&self) -> String {
        "reads (ConfigMap, Secret)".into()
    }
    fn link_runs_on(&self) -> String {
        "runs on (Node)".into()
    }
    fn link_rbac(&self) -> String {
        "service account, role, subjects".into()
    }
    fn cli_unknown_graph_output(&self, format: &str) -> String {
        format!("unknown output format {format:?}: expected svg, dot or json")
    }
}
