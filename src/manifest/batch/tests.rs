//! Job and CronJob validation against pkg/apis/batch/validation/validation.go (the function
//! each row follows is named beside it), and robfig/cron's parser messages.

use super::*;
use crate::manifest::yaml::parse_stream;

fn job(yaml: &str) -> JobSpec {
    let node = parse_stream(yaml)
        .into_iter()
        .find_map(|d| d.root)
        .expect("yaml");
    crate::manifest::de::decode::<JobSpec>(&node)
        .0
        .expect("a JobSpec")
}

fn cron_spec(yaml: &str) -> CronJobSpec {
    let node = parse_stream(yaml)
        .into_iter()
        .find_map(|d| d.root)
        .expect("yaml");
    crate::manifest::de::decode::<CronJobSpec>(&node)
        .0
        .expect("a CronJobSpec")
}

const POD: &str =
    "template: {spec: {restartPolicy: Never, containers: [{name: c, image: busybox}]}}";

#[test]
fn job_specs() {
    // (spec fields beside a valid template, the messages validateJobSpec gives)
    let cases: &[(&str, &[&str])] = &[
        ("{}", &[]),
        ("{completions: 3, parallelism: 2}", &[]),
        (
            "{completions: -1}",
            &["spec.completions: Invalid value: -1: must be greater than or equal to 0"],
        ),
        (
            "{parallelism: -2, backoffLimit: -1}",
            &[
                "spec.parallelism: Invalid value: -2: must be greater than or equal to 0",
                "spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0",
            ],
        ),
        (
            "{activeDeadlineSeconds: -5}",
            &["spec.activeDeadlineSeconds: Invalid value: -5: must be greater than or equal to 0"],
        ),
        ("{completionMode: Indexed}", &[]),
        (
            "{completionMode: Indexed, parallelism: 2}",
            &["spec.completions: Required value: when completion mode is Indexed"],
        ),
        ("{completionMode: Indexed, completions: 3}", &[]),
        (
            "{completionMode: Sometimes}",
            &["spec.completionMode: Unsupported value: \"Sometimes\": supported values: \"NonIndexed\", \"Indexed\""],
        ),
        (
            "{backoffLimitPerIndex: 1}",
            &["spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode"],
        ),
        (
            "{completionMode: Indexed, completions: 3, maxFailedIndexes: 1}",
            &["spec.backoffLimitPerIndex: Required value: when maxFailedIndexes is specified"],
        ),
        (
            "{completionMode: Indexed, completions: 3, backoffLimitPerIndex: 1, maxFailedIndexes: 4}",
            &["spec.maxFailedIndexes: Invalid value: 4: must be less than or equal to completions"],
        ),
        (
            "{completionMode: Indexed, completions: 200000, parallelism: 100001}",
            &["spec.parallelism: Invalid value: 100001: must be less than or equal to 100000 when completion mode is Indexed"],
        ),
    ];
    let mut failures = Vec::new();
    for (fields, want) in cases {
        let yaml = format!("{}, {POD}}}", fields.trim_end_matches('}'));
        let yaml = yaml.replace("{, ", "{");
        let got: Vec<String> = job_spec(&job(&yaml), "spec")
            .into_iter()
            .map(|e| e.message)
            .collect();
        if got != *want {
            failures.push(format!("{fields}\n  got  {got:?}\n  want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn restart_policies() {
    // validateJobSpec: the template's restartPolicy must be OnFailure or Never.
    let cases: &[(&str, Option<&str>)] = &[
        ("Never", None),
        ("OnFailure", None),
        ("Always", Some("spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\"")),
        ("Sometimes", Some("spec.template.spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"OnFailure\", \"Never\"")),
    ];
    for (policy, want) in cases {
        let spec = job(&format!("{{template: {{spec: {{restartPolicy: {policy}, containers: [{{name: c, image: i}}]}}}}}}"));
        let got: Vec<String> = job_spec(&spec, "spec")
            .into_iter()
            .map(|e| e.message)
            .collect();
        assert_eq!(
            got,
            want.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            "{policy}"
        );
    }
    let none = job("{template: {spec: {containers: [{name: c, image: i}]}}}");
    assert_eq!(
        job_spec(&none, "spec.jobTemplate.spec")[0].message,
        "spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\""
    );
}

#[test]
fn pod_failure_policies() {
    // validatePodFailurePolicy / validatePodFailurePolicyRule.
    let with = |rules: &str, restart: &str| {
        job(&format!(
            "{{podFailurePolicy: {{rules: {rules}}}, template: {{spec: {{restartPolicy: {restart}, containers: [{{name: main, image: i}}]}}}}}}"
        ))
    };
    let cases: &[(&str, &str, &[&str])] = &[
        ("[{action: FailJob, onExitCodes: {operator: In, values: [42]}}]", "Never", &[]),
        ("[{action: Ignore, onPodConditions: [{type: DisruptionTarget}]}]", "Never", &[]),
        (
            "[{action: FailJob, onExitCodes: {operator: In, values: [42]}}]",
            "OnFailure",
            &["spec.template.spec.restartPolicy: Invalid value: \"OnFailure\": only \"Never\" is supported when podFailurePolicy is specified"],
        ),
        (
            "[{action: Explode, onExitCodes: {operator: In, values: [1]}}]",
            "Never",
            &["spec.podFailurePolicy.rules[0].action: Unsupported value: \"Explode\": supported values: \"Count\", \"FailIndex\", \"FailJob\", \"Ignore\""],
        ),
        (
            "[{action: FailIndex, onExitCodes: {operator: In, values: [1]}}]",
            "Never",
            &["spec.podFailurePolicy.rules[0].action: Invalid value: \"FailIndex\": requires the backoffLimitPerIndex to be set"],
        ),
        (
            "[{action: Count}]",
            "Never",
            &["spec.podFailurePolicy.rules[0]: Invalid value: specifying one of OnExitCodes and OnPodConditions is required"],
        ),
        (
            "[{action: FailJob, onExitCodes: {operator: In, values: [0, 3]}}]",
            "Never",
            &["spec.podFailurePolicy.rules[0].onExitCodes.values[0]: Invalid value: 0: must not be 0 for the In operator"],
        ),
        (
            "[{action: FailJob, onExitCodes: {operator: NotIn, values: [5, 3]}}]",
            "Never",
            &["spec.podFailurePolicy.rules[0].onExitCodes.values[1]: Invalid value: 3: must be ordered"],
        ),
        (
            "[{action: FailJob, onExitCodes: {containerName: sidecar, operator: In, values: [1]}}]",
            "Never",
            &["spec.podFailurePolicy.rules[0].onExitCodes.containerName: Invalid value: \"sidecar\": must be one of the container or initContainer names in the pod template"],
        ),
    ];
    for (rules, restart, want) in cases {
        let got: Vec<String> = job_spec(&with(rules, restart), "spec")
            .into_iter()
            .map(|e| e.message)
            .collect();
        assert_eq!(
            got,
            want.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            "{rules}"
        );
    }
}

#[test]
fn cron_job_specs() {
    // validateCronJobSpec, ValidateCronJobCreate, validateTimeZone, validateScheduleFormat.
    let template = "jobTemplate: {spec: {template: {spec: {restartPolicy: OnFailure, containers: [{name: c, image: i}]}}}}";
    let cases: &[(&str, &str, &[&str])] = &[
        ("hello", "schedule: '*/1 * * * *'", &[]),
        ("hello", "schedule: '@hourly', timeZone: Asia/Seoul", &[]),
        (
            "hello",
            "schedule: '*/5 * * *'",
            &["spec.schedule: Invalid value: \"*/5 * * *\": expected exactly 5 fields, found 4: [*/5 * * *]"],
        ),
        (
            "hello",
            "schedule: '5-70 * * * *'",
            &["spec.schedule: Invalid value: \"5-70 * * * *\": end of range (70) above maximum (59): 5-70"],
        ),
        (
            "hello",
            "schedule: 'TZ=UTC 0 * * * *'",
            &["spec.schedule: Invalid value: \"TZ=UTC 0 * * * *\": cannot use TZ or CRON_TZ in schedule, use timeZone field instead"],
        ),
        (
            "hello",
            "schedule: '0 * * * *', timeZone: Mars/Olympus",
            &["spec.timeZone: Invalid value: \"Mars/Olympus\": unknown time zone Mars/Olympus"],
        ),
        (
            "hello",
            "schedule: '0 * * * *', timeZone: ''",
            &["spec.timeZone: Invalid value: \"\": timeZone must be nil or non-empty string"],
        ),
        // SetDefaults_CronJob: an empty policy is Allow, not an error.
        ("hello", "schedule: '0 * * * *', concurrencyPolicy: ''", &[]),
        (
            "hello",
            "schedule: '0 * * * *', concurrencyPolicy: Sometimes",
            &["spec.concurrencyPolicy: Unsupported value: \"Sometimes\": supported values: \"Allow\", \"Forbid\", \"Replace\""],
        ),
        (
            "hello",
            "schedule: '0 * * * *', startingDeadlineSeconds: -1, successfulJobsHistoryLimit: -2",
            &[
                "spec.startingDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0",
                "spec.successfulJobsHistoryLimit: Invalid value: -2: must be greater than or equal to 0",
            ],
        ),
        (
            "a-name-that-is-exactly-fifty-three-characters-long-xx",
            "schedule: '0 * * * *'",
            &["metadata.name: Invalid value: \"a-name-that-is-exactly-fifty-three-characters-long-xx\": must be no more than 52 characters"],
        ),
    ];
    for (name, fields, want) in cases {
        let spec = cron_spec(&format!("{{{fields}, {template}}}"));
        let got: Vec<String> = cron_job(name, &spec)
            .into_iter()
            .map(|e| e.message)
            .collect();
        assert_eq!(
            got,
            want.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            "{fields}"
        );
    }
}

#[test]
fn schedule_errors_say_which_bytes() {
    let e = schedule_errors("5-70 * * * *");
    assert_eq!(e[0].within, Some(0..4));
    let e = schedule_errors("0 25 * * *");
    assert_eq!(e[0].within, Some(2..4), "{e:?}");
    let e = schedule_errors("TZ=Asia/Seoul 0 9 * * *");
    assert_eq!(e[0].within, Some(0..2));
}
