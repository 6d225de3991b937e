//! robfig's `SpecSchedule.Next` (spec.go) and `ConstantDelaySchedule.Next` (constantdelay.go),
//! on a small model of Go's `time.Time`: an instant in whole Unix seconds read in one location.
//!
//! The one thing to know: robfig moves by two kinds of step, and daylight saving falls out of
//! which is used where. Hours, minutes and seconds advance by `t.Add` (absolute time: spec.go
//! v3.0.1 line 143 `t = t.Add(1 * time.Hour)`, line 155 `t = t.Add(1 * time.Minute)`), so a
//! wall-clock hour a spring-forward skips is never seen (`0 2 * * *` does not run that day in
//! America/New_York, robfig's "2am nightly job (skipped)") and one a fall-back repeats is seen
//! twice (`0 1 * * *` runs at 01:00 EDT and again at 01:00 EST, robfig's "1am nightly job (runs
//! twice)": passing 01:59 EDT the minute loop reaches 01:00 EST, sees minute 0, `goto WRAP`, and
//! every field matches again). Months and days advance by `time.Date`/`AddDate` on the wall clock,
//! and `time.Date` settles a wall time that does not exist, or exists twice, its own way:
//! with o1 the offset in force at the wall time read as UTC, the answer is the wall time minus
//! the offset in force at (wall time − o1). That is not jiff's "compatible" rule: for
//! America/New_York a skipped 02:30 comes out 01:30 EST and a doubled 01:30 the earlier, EDT one;
//! for Europe/London a skipped 01:30 is 02:30 BST and a doubled 01:30 the later, GMT one.

use jiff::tz::TimeZone;
use jiff::Timestamp;

use super::{Kind, DOM, DOW, HOURS, MINUTES, MONTHS, STAR};

const MINUTE: i64 = 60;
const HOUR: i64 = 3600;
const DAY: i64 = 86_400;

/// robfig's Next touches a few thousand steps at most (five years of days, a day of hours, an
/// hour of minutes). This bound is far above that; it only keeps a bug from hanging the engine.
const STEP_LIMIT: u32 = 5_000_000;

/// A wall clock reading, as `t.Year()`, `t.Month()`… give it.
#[derive(Clone, Copy, Debug)]
struct Civil {
    year: i64,
    month: i64,
    day: i64,
    hour: i64,
    minute: i64,
    second: i64,
    weekday: i64,
}

/// Go times in one location. Instants are Unix seconds; the nanoseconds are gone after Next's
/// first step, which rounds up to the next whole second.
pub(super) struct Loc<'a>(pub(super) &'a TimeZone);

impl Loc<'_> {
    /// The UTC offset in force at an instant, in seconds. Instants past what a `Timestamp` holds
    /// are looked up at its ends: the rules are yearly, and such answers are dropped anyway.
    fn offset(&self, unix: i64) -> i64 {
        let clamped = unix.clamp(Timestamp::MIN.as_second(), Timestamp::MAX.as_second());
        let ts = Timestamp::from_second(clamped).unwrap_or(Timestamp::UNIX_EPOCH);
        i64::from(self.0.to_offset(ts).seconds())
    }

    fn civil(&self, unix: i64) -> Civil {
        let local = unix + self.offset(unix);
        let (days, secs) = (local.div_euclid(DAY), local.rem_euclid(DAY));
        let (year, month, day) = civil_from_days(days);
        Civil {
            year,
            month,
            day,
            hour: secs / HOUR,
            minute: secs % HOUR / MINUTE,
            second: secs % MINUTE,
            // 1970-01-01 was a Thursday; Go's Sunday is 0.
            weekday: (days + 4).rem_euclid(7),
        }
    }

    /// Go's `time.Date(year, month, day, hour, min, sec, 0, loc)`: month and day may overflow
    /// (13, 32) and carry, as Go normalises them. In a gap or an overlap Go only promises "a time
    /// that is correct in one of the two zones involved in the transition"; which one comes from
    /// its lookup, kept here: read the wall time as UTC, take the offset in force there (o1), and
    /// use the offset in force at `wall − o1` (Go keeps o1 when `wall − o1` is still in o1's
    /// period, where the two agree). golang/go#50223, #26224 and #35508 show the results.
    pub(super) fn date(
        &self,
        year: i64,
        month: i64,
        day: i64,
        hour: i64,
        minute: i64,
        second: i64,
    ) -> i64 {
        let m0 = month - 1;
        let (year, month) = (year + m0.div_euclid(12), m0.rem_euclid(12) + 1);
        let wall = (days_from_civil(year, month, 1) + day - 1) * DAY
            + hour * HOUR
            + minute * MINUTE
            + second;
        let o1 = self.offset(wall);
        wall - self.offset(wall - o1)
    }

    /// Go's `t.AddDate(0, months, days)`: the wall clock with month and day moved, through `Date`.
    fn add_date(&self, t: i64, months: i64, days: i64) -> i64 {
        let c = self.civil(t);
        self.date(
            c.year,
            c.month + months,
            c.day + days,
            c.hour,
            c.minute,
            c.second,
        )
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01 (Howard Hinnant's `civil_from_days`).
pub(super) fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn has(bits: u64, value: i64) -> bool {
    (0..63).contains(&value) && bits & (1 << value) != 0
}

/// robfig's `dayMatches`: day of month and day of week are ANDed if either was `*`, ORed when
/// both are restricted.
fn day_matches(dom: u64, dow: u64, c: &Civil) -> bool {
    let dom_match = has(dom, c.day);
    let dow_match = has(dow, c.weekday);
    if dom & STAR != 0 || dow & STAR != 0 {
        dom_match && dow_match
    } else {
        dom_match || dow_match
    }
}

/// Whether any instant can match: robfig would search five years and return the zero time for
/// a field with no value (`,`), so the answer is known without searching.
fn can_fire(minute: u64, hour: u64, dom: u64, month: u64, dow: u64) -> bool {
    let any = |bits: u64, b: super::Bounds| (b.min..=b.max).any(|v| bits & (1 << v) != 0);
    let (dom_any, dow_any) = (any(dom, DOM), any(dow, DOW));
    let days = if dom & STAR != 0 || dow & STAR != 0 {
        dom_any && dow_any
    } else {
        dom_any || dow_any
    };
    any(minute, MINUTES) && any(hour, HOURS) && any(month, MONTHS) && days
}

/// robfig's `ConstantDelaySchedule.Next`: `t.Add(delay - t.Nanosecond())`, so the answer is on
/// a whole second. Go's `Nanosecond()` is never negative: the seconds are floored.
pub(super) fn every_next(seconds: u64, after: Timestamp) -> Option<Timestamp> {
    let secs = i64::try_from(after.as_nanosecond().div_euclid(1_000_000_000)).ok()?;
    let next = secs.checked_add(i64::try_from(seconds).ok()?)?;
    Timestamp::from_second(next).ok()
}

/// robfig's `SpecSchedule.Next`, statement by statement; `continue 'wrap` is its `goto WRAP`.
pub(super) fn spec_next(kind: &Kind, after: Timestamp, tz: &TimeZone) -> Option<Timestamp> {
    let Kind::Spec {
        minute,
        hour,
        dom,
        month,
        dow,
    } = *kind
    else {
        return None;
    };
    if !can_fire(minute, hour, dom, month, dow) {
        return None;
    }
    let loc = Loc(tz);
    let mut steps = 0u32;
    let mut step = || {
        steps += 1;
        steps < STEP_LIMIT
    };

    // Start at the earliest possible time (the upcoming second).
    let secs = i64::try_from(after.as_nanosecond().div_euclid(1_000_000_000)).ok()?;
    let mut t = secs + 1;

    // This flag indicates whether a field has been incremented.
    let mut added = false;

    // If no time is found within five years, return zero.
    let year_limit = loc.civil(t).year + 5;

    'wrap: loop {
        if loc.civil(t).year > year_limit {
            return None;
        }

        // Find the first applicable month.
        loop {
            let c = loc.civil(t);
            if has(month, c.month) {
                break;
            }
            if !added {
                added = true;
                t = loc.date(c.year, c.month, 1, 0, 0, 0);
            }
            t = loc.add_date(t, 1, 0);
            if !step() {
                return None;
            }
            if loc.civil(t).month == 1 {
                continue 'wrap;
            }
        }

        // Now get a day in that month. Where midnight does not exist (a spring-forward at
        // 00:00), Date lands on 23:00 the day before or 01:00: robfig moves it to midnight.
        loop {
            let c = loc.civil(t);
            if day_matches(dom, dow, &c) {
                break;
            }
            if !added {
                added = true;
                t = loc.date(c.year, c.month, c.day, 0, 0, 0);
            }
            t = loc.add_date(t, 0, 1);
            let h = loc.civil(t).hour;
            if h != 0 {
                if h > 12 {
                    t += (24 - h) * HOUR;
                } else {
                    t -= h * HOUR;
                }
            }
            if !step() {
                return None;
            }
            if loc.civil(t).day == 1 {
                continue 'wrap;
            }
        }

        loop {
            let c = loc.civil(t);
            if has(hour, c.hour) {
                break;
            }
            if !added {
                added = true;
                t = loc.date(c.year, c.month, c.day, c.hour, 0, 0);
            }
            t += HOUR;
            if !step() {
                return None;
            }
            if loc.civil(t).hour == 0 {
                continue 'wrap;
            }
        }

        loop {
            let c = loc.civil(t);
            if has(minute, c.minute) {
                break;
            }
            if !added {
                added = true;
                // t.Truncate(time.Minute) works on absolute time; Go's zero time is a whole
                // number of minutes from the Unix epoch, so this is the same floor.
                t -= t.rem_euclid(MINUTE);
            }
            t += MINUTE;
            if !step() {
                return None;
            }
            if loc.civil(t).minute == 0 {
                continue 'wrap;
            }
        }

        // The standard parser's seconds field is always "0".
        loop {
            if loc.civil(t).second == 0 {
                break;
            }
            // t.Truncate(time.Second) is a no-op on whole seconds.
            added = true;
            t += 1;
            if !step() {
                return None;
            }
            if loc.civil(t).second == 0 {
                continue 'wrap;
            }
        }

        return Timestamp::from_second(t).ok();
    }
}
