//! Zones: Go's `LoadLocation` names and the API server's `validateTimeZone`.

use super::*;

const LOAD: &str = "go time/zoneinfo.go LoadLocation";
const VALIDATE: &str = "kubernetes batch/validation/validation.go validateTimeZone";

/// (source, name, found, the zone's name, its UTC offset on 2026-07-01 in seconds).
const LOOKUPS: &[(&str, &str, bool, &str, i32)] = &[
    (LOAD, "", true, "UTC", 0),
    (LOAD, "UTC", true, "UTC", 0),
    (LOAD, "Local", true, "Local", 0),
    (
        LOAD,
        "America/New_York",
        true,
        "America/New_York",
        -4 * 3600,
    ),
    (LOAD, "US/Eastern", true, "US/Eastern", -4 * 3600),
    (LOAD, "Europe/London", true, "Europe/London", 3600),
    (LOAD, "Asia/Seoul", true, "Asia/Seoul", 9 * 3600),
    (LOAD, "ROK", true, "ROK", 9 * 3600),
    (LOAD, "Asia/Kolkata", true, "Asia/Kolkata", 19_800),
    (
        LOAD,
        "Australia/Lord_Howe",
        true,
        "Australia/Lord_Howe",
        37_800,
    ),
    (LOAD, "Etc/GMT+5", true, "Etc/GMT+5", -5 * 3600),
    (LOAD, "Europe/Rome", true, "Europe/Rome", 7200),
    (LOAD, "utc", false, "", 0),
    (LOAD, "america/new_york", false, "", 0),
    (LOAD, "America", false, "", 0),
    (LOAD, "posix/UTC", false, "", 0),
    (LOAD, "localtime", false, "", 0),
    (LOAD, "zone.tab", false, "", 0),
];

#[test]
fn lookups() {
    let july = ts("2026-07-01T12:00:00Z");
    for (src, name, found, zone_name, offset) in LOOKUPS {
        match zone(name) {
            Some(z) => {
                assert!(found, "{src}: {name:?} should not load");
                assert_eq!(z.name(), *zone_name, "{src}: {name:?}");
                assert_eq!(
                    z.time_zone().to_offset(july).seconds(),
                    *offset,
                    "{src}: {name:?}"
                );
            }
            None => assert!(!found, "{src}: {name:?} should load"),
        }
    }
}

/// (source, spec.timeZone, the API server's messages).
const VALIDATIONS: &[(&str, &str, &[&str])] = &[
    (VALIDATE, "", &["timeZone must be nil or non-empty string"]),
    (VALIDATE, "America/New_York", &[]),
    (VALIDATE, "Etc/GMT-14", &[]),
    (VALIDATE, "America/Argentina/ComodRivadavia", &[]),
    (
        VALIDATE,
        "Europe/Pariss",
        &["unknown time zone Europe/Pariss"],
    ),
    (
        VALIDATE,
        "Local",
        &["timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"],
    ),
    (
        VALIDATE,
        "local",
        &[
            "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones",
            "unknown time zone local",
        ],
    ),
    (
        VALIDATE,
        "../etc/passwd",
        &["unknown time zone ../etc/passwd"],
    ),
    (VALIDATE, "/UTC", &["unknown time zone /UTC"]),
    (
        VALIDATE,
        "America//New_York",
        &["unknown time zone America//New_York"],
    ),
    (VALIDATE, "-UTC", &["unknown time zone -UTC"]),
    (
        VALIDATE,
        "America/New York",
        &["unknown time zone America/New York"],
    ),
    (
        VALIDATE,
        "Europe/Aaaaaaaaaaaaaaa",
        &["unknown time zone Europe/Aaaaaaaaaaaaaaa"],
    ),
    (VALIDATE, "a..b", &["time: invalid location name"]),
    (VALIDATE, "UTC", &[]),
];

#[test]
fn validations() {
    for (src, name, want) in VALIDATIONS {
        assert_eq!(time_zone_errors(name), *want, "{src}: {name:?}");
    }
    // kubernetes batch/validation/validation.go validateScheduleFormat, word for word.
    assert_eq!(
        TZ_IN_SCHEDULE,
        "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"
    );
    assert_eq!(
        TZ_AND_TIME_ZONE,
        "cannot use both timeZone field and TZ or CRON_TZ in schedule"
    );
}

/// Every line of zones.txt is a name and a POSIX string jiff reads, sorted and unique.
#[test]
fn every_zone_in_the_table_loads() {
    let mut last = "";
    let mut count = 0;
    for line in include_str!("../zones.txt").lines() {
        if line.starts_with('#') {
            continue;
        }
        let (name, posix) = line.split_once('\t').expect("name<TAB>posix");
        assert!(name > last, "sorted and unique: {last} then {name}");
        last = name;
        assert!(jiff::tz::TimeZone::posix(posix).is_ok(), "{name}: {posix}");
        assert!(zone(name).is_some(), "{name}");
        count += 1;
    }
    assert!(count > 590, "{count} zones");
}

/// The page fetches the table before reading a text `named_in` says yes to; every way a manifest
/// can name a zone must be a yes, and texts that name none should mostly be a no.
#[test]
fn texts_that_may_name_a_zone_are_seen() {
    let yes = [
        "spec:\n  timeZone: Asia/Seoul\n",
        "{\"spec\": {\"timeZone\": \"Europe/London\"}}",
        "spec:\n  schedule: \"TZ=Asia/Seoul 0 9 * * *\"\n",
        "spec:\n  schedule: CRON_TZ=UTC 0 9 * * *\n",
    ];
    for text in yes {
        assert!(crate::cron::zones_named_in(text), "{text}");
    }
    let no = [
        "kind: Job\nspec:\n  template: {}\n",
        "spec:\n  schedule: \"*/5 * * * *\"\n",
        "",
    ];
    for text in no {
        assert!(!crate::cron::zones_named_in(text), "{text}");
    }
    assert!(
        crate::cron::zones_installed(),
        "the CLI always has the table"
    );
}
