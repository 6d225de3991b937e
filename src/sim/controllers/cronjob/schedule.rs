//! The CronJob controller's schedule arithmetic (pkg/controller/cronjob/utils.go:
//! `mostRecentScheduleTime`, `nextScheduleTimeDuration`, `getJobName`), on virtual time.

use k8s_openapi::api::batch::v1::CronJob;
use k8s_openapi::jiff::Timestamp;

use crate::cron::{Schedule, Zone};
use crate::sim::time::{millis_of, Millis, EPOCH_MS, SECOND};

/// `nextScheduleDelta`: the controller looks again this long after each scheduled time.
pub const NEXT_SCHEDULE_DELTA: Millis = 100;
/// More missed start times than this and the controller warns and skips to the latest.
pub const MANY_MISSED: i64 = 100;

/// How many start times went by without a Job since the earliest time the controller considers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Missed {
    None,
    Few,
    Many,
}

pub fn instant(at: Millis) -> Timestamp {
    Timestamp::from_millisecond(EPOCH_MS.saturating_add(at)).unwrap_or(Timestamp::MAX)
}

pub fn millis(t: Timestamp) -> Millis {
    t.as_millisecond() - EPOCH_MS
}

fn next(schedule: &Schedule, zone: &Zone, after: Millis) -> Option<Millis> {
    schedule.next(instant(after), zone).map(millis)
}

/// `mostRecentScheduleTime`: the earliest time considered, the latest start time at or before
/// `now` after it (if any), and how many were missed; `Err` for a schedule whose two next
/// times are less than a second apart (an impossible date such as `59 23 31 2 *`).
pub fn most_recent(
    cj: &CronJob,
    now: Millis,
    schedule: &Schedule,
    zone: &Zone,
    with_deadline: bool,
) -> Result<(Millis, Option<Millis>, Missed), String> {
    let mut earliest = cj
        .status
        .as_ref()
        .and_then(|s| s.last_schedule_time.as_ref())
        .or(cj.metadata.creation_timestamp.as_ref())
        .map(millis_of)
        .unwrap_or(0);
    if with_deadline {
        if let Some(d) = cj.spec.as_ref().and_then(|s| s.starting_deadline_seconds) {
            let deadline = now.saturating_sub(d.saturating_mul(SECOND));
            earliest = earliest.max(deadline);
        }
    }
    // robfig returns the zero time for a schedule that never fires (`59 23 31 2 *`); upstream
    // then finds the two next times zero apart and calls the schedule invalid.
    let Some(t1) = next(schedule, zone, earliest) else {
        return Err("time difference between two schedules is less than 1 second".into());
    };
    if now < t1 {
        return Ok((earliest, None, Missed::None));
    }
    let Some(t2) = next(schedule, zone, t1) else {
        return Ok((earliest, Some(t1), Missed::None));
    };
    if now < t2 {
        return Ok((earliest, Some(t1), Missed::None));
    }
    let between = (t2 - t1 + SECOND / 2) / SECOND;
    if between < 1 {
        return Err("time difference between two schedules is less than 1 second".into());
    }
    let elapsed = (now - t1) / SECOND;
    let missed = elapsed / between + 1;
    let potential = t1 + (missed - 2) * between * SECOND;
    let mut latest = None;
    let mut t = next(schedule, zone, potential);
    while let Some(at) = t.filter(|at| *at <= now) {
        latest = Some(at);
        t = next(schedule, zone, at);
    }
    let kind = if missed > MANY_MISSED {
        Missed::Many
    } else if missed > 0 {
        Missed::Few
    } else {
        Missed::None
    };
    Ok((earliest, latest, kind))
}

/// `nextScheduleTimeDuration`, as the instant to look again: 100 ms after the next start time.
pub fn next_look(cj: &CronJob, now: Millis, schedule: &Schedule, zone: &Zone) -> Option<Millis> {
    let base = match most_recent(cj, now, schedule, zone, false) {
        Err(_) => now,
        Ok((_, Some(t), _)) => t,
        Ok((earliest, None, Missed::None)) => earliest,
        Ok((_, None, _)) => now,
    };
    next(schedule, zone, base).map(|t| t + NEXT_SCHEDULE_DELTA)
}

/// `getJobName`: `<cronjob>-<scheduled time in minutes since the Unix epoch>`.
pub fn job_name(cron_job: &str, scheduled: Millis) -> String {
    let minutes = (EPOCH_MS + scheduled).div_euclid(60 * SECOND);
    format!("{cron_job}-{minutes}")
}

/// The scheduled time a Job's name says, for a Job `job_name` named (`<cronjob>-<minutes>`).
pub fn scheduled_of(cron_job: &str, job: &str) -> Option<Millis> {
    let minutes: i64 = job
        .strip_prefix(cron_job)?
        .strip_prefix('-')?
        .parse()
        .ok()?;
    minutes.checked_mul(60 * SECOND)?.checked_sub(EPOCH_MS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_name_gives_back_its_scheduled_minute() {
        for at in [0, 60 * SECOND, 1_000 * 60 * SECOND, -60 * SECOND] {
            assert_eq!(scheduled_of("hello", &job_name("hello", at)), Some(at));
        }
        for (cj, job) in [
            ("hello", "hello"),
            ("hello", "other-29453760"),
            ("hello", "hello-x"),
            ("hello", "hello-99999999999999999999"),
        ] {
            assert_eq!(scheduled_of(cj, job), None, "{job}");
        }
    }

    #[test]
    fn job_names_count_minutes_since_the_unix_epoch() {
        // utils.go getTimeHashInMinutes; 2026-01-01T00:00:00Z is minute 29,453,760.
        assert_eq!(job_name("hello", 0), "hello-29453760");
        assert_eq!(job_name("hello", 60 * SECOND), "hello-29453761");
        assert_eq!(job_name("hello", 59 * SECOND), "hello-29453760");
    }
}
