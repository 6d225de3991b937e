//! The IANA time zones a CronJob's `spec.timeZone` (or a `TZ=` prefix) can name, as Go's
//! `time.LoadLocation` finds them on Linux, and the API server's checks on them.
//!
//! The one thing to know: `zones.txt` keeps only each zone's current rule (the POSIX TZ string
//! at the end of its TZif file), not its history. That is exact for a cluster whose clock starts
//! in 2026, and wrong for dates before a zone's last rule change (America/Sao_Paulo had daylight
//! saving until 2019) and for the few zones whose future is listed transition by transition
//! rather than by rule (Africa/Casablanca and Africa/El_Aaiun, whose Ramadan changes are not
//! seen). Regenerate it with `zones.py`.
//!
//! Names are matched exactly, case and all, as Go opens files on a case-sensitive file system;
//! spellings Go's file lookup would also resolve (`./UTC`, `America//New_York`, `posix/...`) are
//! not in the table.

use jiff::tz::TimeZone;

/// `Name<TAB>POSIX TZ string`, one zone or link a line, sorted, `#` lines are comments. The CLI
/// carries it; the page fetches it the first time a manifest names a zone (see [`install`]).
#[cfg(not(target_arch = "wasm32"))]
fn table() -> &'static str {
    include_str!("zones.txt")
}

#[cfg(target_arch = "wasm32")]
static TABLE: std::sync::OnceLock<String> = std::sync::OnceLock::new();

#[cfg(target_arch = "wasm32")]
fn table() -> &'static str {
    TABLE.get().map_or("", String::as_str)
}

/// The page's copy of `zones.txt`, once fetched; later copies are ignored. Until then only UTC and
/// `Local` are known, so the page installs it before it reads a text [`named_in`] says needs it.
#[cfg(target_arch = "wasm32")]
pub fn install(text: String) {
    let _ = TABLE.set(text);
}

/// Whether the zone table is there to read (always, outside the page).
pub fn installed() -> bool {
    !table().is_empty()
}

/// Whether `text` may name a time zone: a `timeZone` field, or `TZ=` / `CRON_TZ=` in a schedule.
/// Errs on the side of yes; a text it says no to reads the same with or without the table.
pub fn named_in(text: &str) -> bool {
    text.contains("imeZone") || text.contains("TZ=")
}

/// What `validateScheduleFormat` (pkg/apis/batch/validation/validation.go) says on create, and
/// on an update whose old schedule had no `TZ`, when the schedule contains `TZ` anywhere.
pub const TZ_IN_SCHEDULE: &str = "cannot use TZ or CRON_TZ in schedule, use timeZone field instead";

/// What `validateScheduleFormat` says on an update whose old schedule already had `TZ` (the only
/// case where one is let through) when `spec.timeZone` is set too.
pub const TZ_AND_TIME_ZONE: &str = "cannot use both timeZone field and TZ or CRON_TZ in schedule";

/// A location schedules run in: its name and its rule.
#[derive(Clone, Debug)]
pub struct Zone {
    name: String,
    tz: TimeZone,
}

impl Zone {
    /// Go's `time.UTC`.
    pub fn utc() -> Zone {
        Zone {
            name: "UTC".into(),
            tz: TimeZone::UTC,
        }
    }

    /// A zone from a POSIX TZ string (`EST5EDT,M3.2.0,M11.1.0`), for rules the table does not
    /// hold, such as a zone's past.
    pub fn from_posix(name: &str, posix: &str) -> Option<Zone> {
        let tz = TimeZone::posix(posix).ok()?;
        Some(Zone {
            name: name.to_string(),
            tz,
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn time_zone(&self) -> &TimeZone {
        &self.tz
    }
}

/// Go's `time.LoadLocation(name)`: `""` and `"UTC"` are UTC. `"Local"` is the process's own zone,
/// and kubeplay's kube-controller-manager runs in UTC, so it is UTC named `Local`.
pub fn zone(name: &str) -> Option<Zone> {
    match name {
        "" | "UTC" => Some(Zone::utc()),
        "Local" => Some(Zone {
            name: "Local".into(),
            tz: TimeZone::UTC,
        }),
        _ => Zone::from_posix(name, posix_of(name)?),
    }
}

fn posix_of(name: &str) -> Option<&'static str> {
    table()
        .lines()
        .filter(|line| !line.starts_with('#'))
        .find_map(|line| {
            let (n, posix) = line.split_once('\t')?;
            (n == name).then_some(posix)
        })
}

/// `time.LoadLocation`'s answer as robfig sees it: the name of the location it loaded (`UTC` for
/// `""`), or its error text.
pub(super) fn load_location(name: &str) -> Result<&str, String> {
    match name {
        "" | "UTC" => return Ok("UTC"),
        "Local" => return Ok("Local"),
        _ => {}
    }
    // Go refuses these before touching the file system.
    if name.contains("..") || name.starts_with('/') || name.starts_with('\\') {
        return Err("time: invalid location name".into());
    }
    match posix_of(name) {
        Some(_) => Ok(name),
        None => Err(format!("unknown time zone {name}")),
    }
}

/// `validateTimeZone` (pkg/apis/batch/validation/validation.go) on a set `spec.timeZone`: its
/// messages in its order, empty when the zone is accepted. `Local` in any case is refused as not
/// explicit; `local` is then also unknown, as `LoadLocation` is case-sensitive.
pub fn time_zone_errors(time_zone: &str) -> Vec<String> {
    if time_zone.is_empty() {
        return vec!["timeZone must be nil or non-empty string".into()];
    }
    // `validTimeZoneCharacters`: ^[A-Za-z\.\-_0-9+]{1,14}$ for each part between slashes.
    let valid_part = |part: &str| {
        (1..=14).contains(&part.len())
            && part
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'_' | b'+'))
    };
    for part in time_zone.split('/') {
        if part == "." || part == ".." || part.starts_with('-') || !valid_part(part) {
            return vec![format!("unknown time zone {time_zone}")];
        }
    }
    let mut errors = Vec::new();
    if time_zone.eq_ignore_ascii_case("Local") {
        errors.push(
            "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"
                .to_string(),
        );
    }
    if let Err(e) = load_location(time_zone) {
        errors.push(e);
    }
    errors
}
