//! Table-driven tests for `cron`. Every row names where its expectation comes from: robfig/cron
//! v3.0.1's own tests (`spec_test.go`, `parser_test.go`, `constantdelay_test.go`), kubernetes'
//! `pkg/controller/cronjob/utils_test.go` and `pkg/apis/batch/validation/validation.go`, or, for
//! cases upstream has no test for, the upstream line whose behaviour the row pins ("robfig
//! spec.go Next" and so on, worked through by hand from the source).

mod describe;
mod next;
mod parse;
mod props;
mod zones;

use super::*;
use jiff::Timestamp;

/// An instant from RFC 3339 text (`2012-03-11T01:00:00-05:00`).
fn ts(text: &str) -> Timestamp {
    text.parse()
        .unwrap_or_else(|e| panic!("bad test time {text}: {e}"))
}

/// A zone from the table, or a fixed `Name=POSIX` rule for a zone's past.
fn tz(name: &str) -> Zone {
    if let Some((name, posix)) = name.split_once('=') {
        return Zone::from_posix(name, posix).expect("test POSIX string");
    }
    zone(name).unwrap_or_else(|| panic!("zone {name} not in zones.txt"))
}
