//! CronJob schedules as Kubernetes reads them: robfig/cron v3's `ParseStandard` (what the API
//! server validates `spec.schedule` with and the CronJob controller runs) and its `Next`.
//!
//! The one thing to know: `Next` is reproduced step by step on Go's `time` semantics, not on
//! jiff's. Fields are bitsets as robfig keeps them, with its "star bit" set when a field was
//! written `*` or `?`; day of month and day of week are ANDed when either has it and ORed when
//! both are restricted (`0 0 1 * 1` runs on the 1st *and* on every Monday). Across a
//! daylight-saving change a wall-clock time that does not exist is skipped for that day, and one
//! that happens twice fires twice (see `next.rs`).
//!
//! `Display` prints a canonical form that parses back to an equal [`Schedule`]. [`describe`] says
//! a schedule in words, in English or Korean. Zones come from `zones.txt` (see `zones.rs`).

mod describe;
mod next;
mod parse;
mod zones;

#[cfg(test)]
mod tests;

use std::fmt;
use std::ops::Range;

pub use describe::describe;
pub use parse::parse;
#[cfg(target_arch = "wasm32")]
pub use zones::install as install_zones;
pub use zones::{installed as zones_installed, named_in as zones_named_in};
pub use zones::{time_zone_errors, zone, Zone, TZ_AND_TIME_ZONE, TZ_IN_SCHEDULE};

/// robfig's `starBit`: set in a field's bits when it was written `*` or `?` (with no step above 1).
/// Only day of month and day of week look at it, in `dayMatches`.
pub const STAR: u64 = 1 << 63;

/// A parsed schedule: robfig's `SpecSchedule` (seconds always 0) or `ConstantDelaySchedule`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Schedule {
    kind: Kind,
    time_zone: Option<String>,
}

/// The two shapes `ParseStandard` returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Bit `n` of a field is set when value `n` fires (minute 0–59, hour 0–23, day of month
    /// 1–31, month 1–12, day of week 0–6 with Sunday 0), plus [`STAR`].
    Spec {
        minute: u64,
        hour: u64,
        dom: u64,
        month: u64,
        dow: u64,
    },
    /// `@every`: a whole number of seconds, at least 1 (robfig rounds down, and up to 1s).
    Every { seconds: u64 },
}

/// Why a schedule did not parse: robfig's error text word for word, and the bytes of the input it
/// is about (the whole input when it is about the number of fields).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CronError {
    pub message: String,
    pub span: Range<usize>,
}

impl fmt::Display for CronError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CronError {}

impl Schedule {
    /// The bitsets, or the `@every` delay.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The zone of a `TZ=`/`CRON_TZ=` prefix, as robfig loaded it (`""` reads as `UTC`). The API
    /// server refuses such schedules on create ([`TZ_IN_SCHEDULE`]); `@every` drops it, as robfig
    /// does.
    pub fn time_zone(&self) -> Option<&str> {
        self.time_zone.as_deref()
    }

    /// robfig's `Next`: the first activation strictly after `after`, evaluated in `zone`; `None`
    /// where robfig returns the zero time (nothing within five years, or a schedule that can never
    /// fire) or the answer is outside what a `Timestamp` holds.
    ///
    /// `zone` is the CronJob's `spec.timeZone`, or UTC (kubeplay's kube-controller-manager runs in
    /// UTC, and robfig evaluates a schedule without a zone in the time's own location). A `TZ=`
    /// prefix is not consulted here: resolve [`Schedule::time_zone`] with [`zone`] and pass it to
    /// run such a schedule the way robfig would.
    pub fn next(&self, after: jiff::Timestamp, zone: &Zone) -> Option<jiff::Timestamp> {
        match self.kind {
            Kind::Spec { .. } => next::spec_next(&self.kind, after, zone.time_zone()),
            Kind::Every { seconds } => next::every_next(seconds, after),
        }
    }
}

/// A field's range, and the names it accepts besides numbers.
#[derive(Clone, Copy)]
struct Bounds {
    min: u64,
    max: u64,
    names: &'static [(&'static str, u64)],
}

const MINUTES: Bounds = Bounds {
    min: 0,
    max: 59,
    names: &[],
};
const HOURS: Bounds = Bounds {
    min: 0,
    max: 23,
    names: &[],
};
const DOM: Bounds = Bounds {
    min: 1,
    max: 31,
    names: &[],
};
const MONTHS: Bounds = Bounds {
    min: 1,
    max: 12,
    names: &[
        ("jan", 1),
        ("feb", 2),
        ("mar", 3),
        ("apr", 4),
        ("may", 5),
        ("jun", 6),
        ("jul", 7),
        ("aug", 8),
        ("sep", 9),
        ("oct", 10),
        ("nov", 11),
        ("dec", 12),
    ],
};
const DOW: Bounds = Bounds {
    min: 0,
    max: 6,
    names: &[
        ("sun", 0),
        ("mon", 1),
        ("tue", 2),
        ("wed", 3),
        ("thu", 4),
        ("fri", 5),
        ("sat", 6),
    ],
};

/// robfig's `getBits`: the values `min..=max` stepping by `step`.
fn bits_of(min: u64, max: u64, step: u64) -> u64 {
    let mut bits = 0;
    let mut i = min;
    while i <= max && i < 64 {
        bits |= 1 << i;
        match i.checked_add(step) {
            Some(next) => i = next,
            None => break,
        }
    }
    bits
}

/// robfig's `all`: every value of the field, plus the star bit.
fn all(b: Bounds) -> u64 {
    bits_of(b.min, b.max, 1) | STAR
}

impl fmt::Display for Schedule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            Kind::Every { seconds } => write!(f, "@every {}", go_duration(seconds)),
            Kind::Spec {
                minute,
                hour,
                dom,
                month,
                dow,
            } => {
                if let Some(tz) = &self.time_zone {
                    write!(f, "TZ={tz} ")?;
                }
                write!(
                    f,
                    "{} {} {} {} {}",
                    field_text(minute, MINUTES),
                    field_text(hour, HOURS),
                    field_text(dom, DOM),
                    field_text(month, MONTHS),
                    field_text(dow, DOW)
                )
            }
        }
    }
}

/// Whole seconds in the largest Go duration unit that divides them: `90s`, `90m`, `2h`.
fn go_duration(seconds: u64) -> String {
    if seconds % 3600 == 0 {
        format!("{}h", seconds / 3600)
    } else if seconds % 60 == 0 {
        format!("{}m", seconds / 60)
    } else {
        format!("{seconds}s")
    }
}

/// The values set in `bits` within the field's range, ascending.
fn values(bits: u64, b: Bounds) -> Vec<u64> {
    (b.min..=b.max).filter(|v| bits & (1 << v) != 0).collect()
}

/// An arithmetic run of at least three values with a step above 1: `(first, last, step)`.
fn progression(vals: &[u64]) -> Option<(u64, u64, u64)> {
    let (&first, &last) = (vals.first()?, vals.last()?);
    if vals.len() < 3 {
        return None;
    }
    let step = vals[1] - vals[0];
    if step < 2 || vals.windows(2).any(|w| w[1] - w[0] != step) {
        return None;
    }
    Some((first, last, step))
}

/// Consecutive runs of values: `(first, last)`.
fn runs(vals: &[u64]) -> Vec<(u64, u64)> {
    let mut out: Vec<(u64, u64)> = Vec::new();
    for &v in vals {
        match out.last_mut() {
            Some((_, last)) if *last + 1 == v => *last = v,
            _ => out.push((v, v)),
        }
    }
    out
}

/// A field written so that robfig reads back exactly `bits`. The star bit only ever comes with
/// every value (`*` and `*/1` are the only ways to get it), so it prints as `*`; a full field
/// without it as `min-max`; no value at all as `,` (robfig drops empty list items).
fn field_text(bits: u64, b: Bounds) -> String {
    if bits & STAR != 0 {
        return "*".into();
    }
    let vals = values(bits, b);
    if vals.is_empty() {
        return ",".into();
    }
    if let Some((first, last, step)) = progression(&vals) {
        if last + step > b.max {
            return if first == b.min {
                format!("*/{step}")
            } else {
                format!("{first}/{step}")
            };
        }
        return format!("{first}-{last}/{step}");
    }
    let mut parts = Vec::new();
    for (first, last) in runs(&vals) {
        match last - first {
            0 => parts.push(first.to_string()),
            1 => {
                parts.push(first.to_string());
                parts.push(last.to_string());
            }
            _ => parts.push(format!("{first}-{last}")),
        }
    }
    parts.join(",")
}

/// Go's `t.In(zone).Format(time.RFC3339)`: `2026-01-01T09:00:00+09:00`, and `Z` for a zero
/// offset (what the scheduled-timestamp annotation and `kubeplay cron` print).
pub fn rfc3339(at: jiff::Timestamp, zone: &Zone) -> String {
    let offset = zone.time_zone().to_offset(at);
    let dt = offset.to_datetime(at);
    let secs = offset.seconds();
    let zone_text = if secs == 0 {
        "Z".to_string()
    } else {
        let sign = if secs < 0 { '-' } else { '+' };
        let abs = secs.unsigned_abs();
        format!("{sign}{:02}:{:02}", abs / 3600, (abs / 60) % 60)
    };
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{zone_text}",
        dt.year(),
        dt.month(),
        dt.day(),
        dt.hour(),
        dt.minute(),
        dt.second()
    )
}
