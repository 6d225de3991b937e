//! `Schedule::next`: robfig's `Next`, in UTC and across daylight-saving changes.
//!
//! robfig's six-field cases (with a seconds field of `0`) appear here as five fields; times that
//! robfig's tests give in the machine's local zone are given in UTC, as `next` compares instants.

use super::*;

const ACTIVATION: &str = "robfig spec_test.go TestActivation";
const NEXT: &str = "robfig spec_test.go TestNext";
const NEXT_TZ: &str = "robfig spec_test.go TestNextWithTz";
const DELAY: &str = "robfig constantdelay_test.go TestConstantDelayNext";
const RECENT: &str = "kubernetes cronjob/utils_test.go TestMostRecentScheduleTime";
const DURATION: &str = "kubernetes cronjob/utils_test.go TestNextScheduleTimeDuration";
const NEXT_TIME: &str = "kubernetes cronjob/utils_test.go TestNextScheduleTime";
// Rows with no upstream test: the line of robfig spec.go Next that decides them.
const DAY_MATCHES: &str = "robfig spec.go dayMatches (star bit: AND, else OR)";
const MONTH_LOOP: &str = "robfig spec.go Next month/day loops (AddDate wraps to the 1st)";
const YEAR_LIMIT: &str = "robfig spec.go Next (yearLimit := t.Year() + 5)";
const HOUR_ADD: &str = "robfig spec.go Next hour loop (t = t.Add(1 * time.Hour))";
const MINUTE_ADD: &str = "robfig spec.go Next minute loop (t = t.Add(1 * time.Minute))";
const MIDNIGHT: &str =
    "robfig spec.go Next day loop (\"Notice if the hour is no longer midnight due to DST\")";
const NO_VALUE: &str = "robfig parser.go getField (FieldsFunc: `,` has no value) + spec.go Next";
const ABSOLUTE: &str = "robfig constantdelay.go Next (t.Add: absolute)";
const RANGE: &str = "jiff Timestamp range (to 9999-12-30T22:00Z); Go's is wider";

/// Sao Paulo as robfig's tests saw it (daylight saving until 2019): zones.txt has only today's rule.
const SAO_PAULO_2018: &str = "America/Sao_Paulo=<-03>3<-02>,M11.1.0/0,M2.3.0/0";
/// robfig's TestNextWithTz parses "+0530" into a fixed zone.
const PLUS_0530: &str = "+0530=<+0530>-5:30";

/// (source, spec, instant, fires at that instant): robfig checks `Next(t - 1s) == t`.
const ACTIVATIONS: &[(&str, &str, &str, bool)] = &[
    (ACTIVATION, "0/15 * * * *", "2012-07-09T15:00:00Z", true),
    (ACTIVATION, "0/15 * * * *", "2012-07-09T15:45:00Z", true),
    (ACTIVATION, "0/15 * * * *", "2012-07-09T15:40:00Z", false),
    (ACTIVATION, "5/15 * * * *", "2012-07-09T15:05:00Z", true),
    (ACTIVATION, "5/15 * * * *", "2012-07-09T15:20:00Z", true),
    (ACTIVATION, "5/15 * * * *", "2012-07-09T15:50:00Z", true),
    (ACTIVATION, "0/15 * * Jul *", "2012-07-15T15:00:00Z", true),
    (ACTIVATION, "0/15 * * Jun *", "2012-07-15T15:00:00Z", false),
    (ACTIVATION, "30 08 ? Jul Sun", "2012-07-15T08:30:00Z", true),
    (ACTIVATION, "30 08 15 Jul ?", "2012-07-15T08:30:00Z", true),
    (ACTIVATION, "30 08 ? Jul Sun", "2012-07-16T08:30:00Z", false),
    (ACTIVATION, "30 08 15 Jul ?", "2012-07-16T08:30:00Z", false),
    (ACTIVATION, "@hourly", "2012-07-09T15:00:00Z", true),
    (ACTIVATION, "@hourly", "2012-07-09T15:04:00Z", false),
    (ACTIVATION, "@daily", "2012-07-09T15:00:00Z", false),
    (ACTIVATION, "@daily", "2012-07-09T00:00:00Z", true),
    (ACTIVATION, "@weekly", "2012-07-09T00:00:00Z", false),
    (ACTIVATION, "@weekly", "2012-07-08T00:00:00Z", true),
    (ACTIVATION, "@weekly", "2012-07-08T01:00:00Z", false),
    (ACTIVATION, "@monthly", "2012-07-08T00:00:00Z", false),
    (ACTIVATION, "@monthly", "2012-07-01T00:00:00Z", true),
    (ACTIVATION, "* * 1,15 * Sun", "2012-07-15T00:00:00Z", true),
    (ACTIVATION, "* * 1,15 * Sun", "2012-06-15T00:00:00Z", true),
    (ACTIVATION, "* * 1,15 * Sun", "2012-08-01T00:00:00Z", true),
    (ACTIVATION, "* * */10 * Sun", "2012-07-15T00:00:00Z", true),
    (ACTIVATION, "* * * * Mon", "2012-07-15T00:00:00Z", false),
    (ACTIVATION, "* * 1,15 * *", "2012-07-09T00:00:00Z", false),
    (ACTIVATION, "* * 1,15 * *", "2012-07-15T00:00:00Z", true),
    (ACTIVATION, "* * */2 * Sun", "2012-07-15T00:00:00Z", true),
];

#[test]
fn activations() {
    for (src, spec, at, fires) in ACTIVATIONS {
        let schedule = parse(spec).unwrap_or_else(|e| panic!("{src}: {spec}: {e}"));
        let at = ts(at);
        let before = at
            .checked_sub(jiff::SignedDuration::from_secs(1))
            .expect("in range");
        let next = schedule.next(before, &Zone::utc());
        assert_eq!(
            next == Some(at),
            *fires,
            "{src}: {spec} at {at}: next was {next:?}"
        );
    }
}

/// (source, zone, spec, after, expected next; "" for none).
#[rustfmt::skip]
const NEXTS: &[(&str, &str, &str, &str, &str)] = &[
    // Simple cases.
    (NEXT, "UTC", "0/15 * * * *", "2012-07-09T14:45:00Z", "2012-07-09T15:00:00Z"),
    (NEXT, "UTC", "0/15 * * * *", "2012-07-09T14:59:00Z", "2012-07-09T15:00:00Z"),
    (NEXT, "UTC", "0/15 * * * *", "2012-07-09T14:59:59Z", "2012-07-09T15:00:00Z"),
    // Wrap around hours.
    (NEXT, "UTC", "20-35/15 * * * *", "2012-07-09T15:45:00Z", "2012-07-09T16:20:00Z"),
    // Wrap around days.
    (NEXT, "UTC", "*/15 * * * *", "2012-07-09T23:46:00Z", "2012-07-10T00:00:00Z"),
    (NEXT, "UTC", "20-35/15 * * * *", "2012-07-09T23:45:00Z", "2012-07-10T00:20:00Z"),
    // Wrap around months.
    (NEXT, "UTC", "0 0 9 Apr-Oct ?", "2012-07-09T23:35:00Z", "2012-08-09T00:00:00Z"),
    (NEXT, "UTC", "0 0 */5 Apr,Aug,Oct Mon", "2012-07-09T23:35:00Z", "2012-08-01T00:00:00Z"),
    (NEXT, "UTC", "0 0 */5 Oct Mon", "2012-07-09T23:35:00Z", "2012-10-01T00:00:00Z"),
    // Wrap around years.
    (NEXT, "UTC", "0 0 * Feb Mon", "2012-07-09T23:35:00Z", "2013-02-04T00:00:00Z"),
    (NEXT, "UTC", "0 0 * Feb Mon/2", "2012-07-09T23:35:00Z", "2013-02-01T00:00:00Z"),
    // Wrap around minute, hour, day, month, and year.
    (NEXT, "UTC", "* * * * *", "2012-12-31T23:59:45Z", "2013-01-01T00:00:00Z"),
    // Leap year.
    (NEXT, "UTC", "0 0 29 Feb ?", "2012-07-09T23:35:00Z", "2016-02-29T00:00:00Z"),
    // Daylight savings time 2am EST (-5) -> 3am EDT (-4).
    (NEXT, "America/New_York", "30 2 11 Mar ?", "2012-03-11T00:00:00-05:00", "2013-03-11T02:30:00-04:00"),
    // hourly job
    (NEXT, "America/New_York", "0 * * * ?", "2012-03-11T00:00:00-05:00", "2012-03-11T01:00:00-05:00"),
    (NEXT, "America/New_York", "0 * * * ?", "2012-03-11T01:00:00-05:00", "2012-03-11T03:00:00-04:00"),
    (NEXT, "America/New_York", "0 * * * ?", "2012-03-11T03:00:00-04:00", "2012-03-11T04:00:00-04:00"),
    (NEXT, "America/New_York", "0 * * * ?", "2012-03-11T04:00:00-04:00", "2012-03-11T05:00:00-04:00"),
    // 1am nightly job
    (NEXT, "America/New_York", "0 1 * * ?", "2012-03-11T00:00:00-05:00", "2012-03-11T01:00:00-05:00"),
    (NEXT, "America/New_York", "0 1 * * ?", "2012-03-11T01:00:00-05:00", "2012-03-12T01:00:00-04:00"),
    // 2am nightly job (skipped)
    (NEXT, "America/New_York", "0 2 * * ?", "2012-03-11T00:00:00-05:00", "2012-03-12T02:00:00-04:00"),
    // Daylight savings time 2am EDT (-4) => 1am EST (-5)
    (NEXT, "America/New_York", "30 2 04 Nov ?", "2012-11-04T00:00:00-04:00", "2012-11-04T02:30:00-05:00"),
    (NEXT, "America/New_York", "30 1 04 Nov ?", "2012-11-04T01:45:00-04:00", "2012-11-04T01:30:00-05:00"),
    // hourly job
    (NEXT, "America/New_York", "0 * * * ?", "2012-11-04T00:00:00-04:00", "2012-11-04T01:00:00-04:00"),
    (NEXT, "America/New_York", "0 * * * ?", "2012-11-04T01:00:00-04:00", "2012-11-04T01:00:00-05:00"),
    (NEXT, "America/New_York", "0 * * * ?", "2012-11-04T01:00:00-05:00", "2012-11-04T02:00:00-05:00"),
    // 1am nightly job (runs twice)
    (NEXT, "America/New_York", "0 1 * * ?", "2012-11-04T00:00:00-04:00", "2012-11-04T01:00:00-04:00"),
    (NEXT, "America/New_York", "0 1 * * ?", "2012-11-04T01:00:00-04:00", "2012-11-04T01:00:00-05:00"),
    (NEXT, "America/New_York", "0 1 * * ?", "2012-11-04T01:00:00-05:00", "2012-11-05T01:00:00-05:00"),
    // 2am nightly job
    (NEXT, "America/New_York", "0 2 * * ?", "2012-11-04T00:00:00-04:00", "2012-11-04T02:00:00-05:00"),
    (NEXT, "America/New_York", "0 2 * * ?", "2012-11-04T02:00:00-05:00", "2012-11-05T02:00:00-05:00"),
    // 3am nightly job
    (NEXT, "America/New_York", "0 3 * * ?", "2012-11-04T00:00:00-04:00", "2012-11-04T03:00:00-05:00"),
    (NEXT, "America/New_York", "0 3 * * ?", "2012-11-04T03:00:00-05:00", "2012-11-05T03:00:00-05:00"),
    // Unsatisfiable
    (NEXT, "UTC", "0 0 30 Feb ?", "2012-07-09T23:35:00Z", ""),
    (NEXT, "UTC", "0 0 31 Apr ?", "2012-07-09T23:35:00Z", ""),
    // Monthly job
    (NEXT, "America/New_York", "0 3 3 * ?", "2012-11-04T00:00:00-04:00", "2012-12-03T03:00:00-05:00"),
    // Test the scenario of DST resulting in midnight not being a valid time (robfig #157).
    (NEXT, SAO_PAULO_2018, "0 9 10 * ?", "2018-10-17T05:00:00-04:00", "2018-11-10T06:00:00-05:00"),
    (NEXT, SAO_PAULO_2018, "0 9 22 * ?", "2018-02-14T05:00:00-05:00", "2018-02-22T07:00:00-05:00"),
    // A schedule without a zone runs in the time's own location (here a fixed +05:30).
    (NEXT_TZ, PLUS_0530, "14 14 * * *", "2016-01-03T13:09:03+05:30", "2016-01-03T14:14:00+05:30"),
    (NEXT_TZ, PLUS_0530, "14 14 * * ?", "2016-01-03T04:09:03+05:30", "2016-01-03T14:14:00+05:30"),
    (NEXT_TZ, PLUS_0530, "14 14 * * *", "2016-01-03T14:09:03+05:30", "2016-01-03T14:14:00+05:30"),
    (NEXT_TZ, PLUS_0530, "14 14 * * ?", "2016-01-03T14:00:00+05:30", "2016-01-03T14:14:00+05:30"),
    // @every: t + delay − t's nanoseconds.
    (DELAY, "UTC", "@every 15m50ns", "2012-07-09T14:45:00Z", "2012-07-09T15:00:00Z"),
    (DELAY, "UTC", "@every 15m", "2012-07-09T14:59:00Z", "2012-07-09T15:14:00Z"),
    (DELAY, "UTC", "@every 15m", "2012-07-09T14:59:59Z", "2012-07-09T15:14:59Z"),
    (DELAY, "UTC", "@every 35m", "2012-07-09T15:45:00Z", "2012-07-09T16:20:00Z"),
    (DELAY, "UTC", "@every 14m", "2012-07-09T23:46:00Z", "2012-07-10T00:00:00Z"),
    (DELAY, "UTC", "@every 35m", "2012-07-09T23:45:00Z", "2012-07-10T00:20:00Z"),
    (DELAY, "UTC", "@every 44m24s", "2012-07-09T23:35:51Z", "2012-07-10T00:20:15Z"),
    (DELAY, "UTC", "@every 25h44m24s", "2012-07-09T23:35:51Z", "2012-07-11T01:20:15Z"),
    (DELAY, "UTC", "@every 2184h25m", "2012-07-09T23:35:00Z", "2012-10-09T00:00:00Z"),
    (DELAY, "UTC", "@every 15s", "2012-12-31T23:59:45Z", "2013-01-01T00:00:00Z"),
    (DELAY, "UTC", "@every 15ms", "2012-07-09T14:45:00Z", "2012-07-09T14:45:01Z"),
    (DELAY, "UTC", "@every 15m", "2012-07-09T14:45:00.005Z", "2012-07-09T15:00:00Z"),
    (DELAY, "UTC", "@every 15m50ns", "2012-07-09T14:45:00.005Z", "2012-07-09T15:00:00Z"),
    // Kubernetes' controller, in UTC (topOfTheHour is 2016-05-19T10:00:00Z, a Thursday).
    (RECENT, "UTC", "0 * * * *", "2016-05-19T10:00:00Z", "2016-05-19T11:00:00Z"),
    (RECENT, "UTC", "0 * * * *", "2016-05-19T10:00:10Z", "2016-05-19T11:00:00Z"),
    (RECENT, "UTC", "30 6-16/4 * * 1-5", "2016-05-19T10:30:00Z", "2016-05-19T14:30:00Z"),
    (RECENT, "UTC", "30 6-16/4 * * 1-5", "2016-05-19T14:30:00Z", "2016-05-20T06:30:00Z"),
    (RECENT, "UTC", "30 10,11,12 * * 1-5", "2016-05-19T12:30:00Z", "2016-05-20T10:30:00Z"),
    (RECENT, "UTC", "@every 1h", "2016-05-19T10:01:00Z", "2016-05-19T11:01:00Z"),
    (RECENT, "UTC", "59 23 31 2 *", "2016-05-19T10:00:10Z", ""),
    (RECENT, "UTC", "*/5 * * * *", "2016-05-19T10:30:00Z", "2016-05-19T10:35:00Z"),
    (DURATION, "UTC", "30 6-16/4 * * 1-5", "2016-05-20T10:31:00Z", "2016-05-20T14:30:00Z"),
    (DURATION, "UTC", "30 10,11,12 * * 1-5", "2016-05-20T16:30:00Z", "2016-05-23T10:30:00Z"),
    (DURATION, "UTC", "0 12 * * 4", "2016-06-07T11:30:00Z", "2016-06-09T12:00:00Z"),
    (DURATION, "UTC", "0 12 * * 5", "2016-05-19T16:00:00Z", "2016-05-20T12:00:00Z"),
    (NEXT_TIME, "UTC", "0 * * * ?", "2016-05-19T09:50:00Z", "2016-05-19T10:00:00Z"),
    (NEXT_TIME, "UTC", "0 * * * ?", "2016-05-19T10:00:00Z", "2016-05-19T11:00:00Z"),
    // Month ends and leap years.
    (MONTH_LOOP, "UTC", "0 0 31 * *", "2026-04-15T00:00:00Z", "2026-05-31T00:00:00Z"),
    (MONTH_LOOP, "UTC", "0 0 31 * *", "2026-01-31T00:00:00Z", "2026-03-31T00:00:00Z"),
    (MONTH_LOOP, "UTC", "0 0 30 * *", "2026-01-30T00:00:00Z", "2026-03-30T00:00:00Z"),
    (MONTH_LOOP, "UTC", "0 0 1 * *", "2026-12-31T23:59:59Z", "2027-01-01T00:00:00Z"),
    (MONTH_LOOP, "UTC", "0 0 29 2 *", "2026-01-01T00:00:00Z", "2028-02-29T00:00:00Z"),
    (MONTH_LOOP, "UTC", "0 0 29 2 *", "2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z"),
    (MONTH_LOOP, "UTC", "0 0 28-29 2 *", "2027-02-28T00:00:00Z", "2028-02-28T00:00:00Z"),
    (MONTH_LOOP, "UTC", "0 12 * * 1-5", "2026-01-09T13:00:00Z", "2026-01-12T12:00:00Z"),
    (MONTH_LOOP, "UTC", "0 0 * * 0", "2026-01-03T00:00:00Z", "2026-01-04T00:00:00Z"),
    // 2100 is not a leap year: the next 29 February after 2096 is eight years on.
    (YEAR_LIMIT, "UTC", "0 0 29 2 *", "2096-02-29T00:00:00Z", ""),
    (YEAR_LIMIT, "UTC", "0 0 29 2 *", "2099-03-01T00:00:00Z", "2104-02-29T00:00:00Z"),
    (YEAR_LIMIT, "UTC", "0 0 1 1 *", "2026-06-01T00:00:00Z", "2027-01-01T00:00:00Z"),
    // The star bit: a restricted day of month and day of week run on either.
    (DAY_MATCHES, "UTC", "0 0 * * 1", "2026-01-06T00:00:00Z", "2026-01-12T00:00:00Z"),
    (DAY_MATCHES, "UTC", "0 0 1-31 * 1", "2026-01-06T00:00:00Z", "2026-01-07T00:00:00Z"),
    (DAY_MATCHES, "UTC", "0 0 */1 * 1", "2026-01-06T00:00:00Z", "2026-01-12T00:00:00Z"),
    (DAY_MATCHES, "UTC", "0 0 1,15 * 1-5", "2026-01-02T00:00:00Z", "2026-01-05T00:00:00Z"),
    (DAY_MATCHES, "UTC", "0 0 13 * 5", "2026-02-01T00:00:00Z", "2026-02-06T00:00:00Z"),
    (DAY_MATCHES, "UTC", "0 0 29 2 1", "2026-01-01T00:00:00Z", "2026-02-02T00:00:00Z"),
    (DAY_MATCHES, "UTC", "0 0 */2 * 0", "2026-01-01T00:00:00Z", "2026-01-03T00:00:00Z"),
    // A field with no value never fires.
    (NO_VALUE, "UTC", ", * * * *", "2026-01-01T00:00:00Z", ""),
    (NO_VALUE, "UTC", "0 0 , * ,", "2026-01-01T00:00:00Z", ""),
    (NO_VALUE, "UTC", "0 0 , * 1", "2026-01-01T00:00:00Z", "2026-01-05T00:00:00Z"),
    // Asia/Seoul: no daylight saving, UTC+9.
    (NEXT, "Asia/Seoul", "0 9 * * *", "2026-03-08T00:00:00Z", "2026-03-09T00:00:00Z"),
    (NEXT, "Asia/Seoul", "0 0 1 * *", "2026-01-31T12:00:00Z", "2026-01-31T15:00:00Z"),
    (NEXT, "Asia/Seoul", "30 2 * * *", "2026-03-07T18:00:00Z", "2026-03-08T17:30:00Z"),
    (NEXT, "Asia/Seoul", "0 0 * * 0", "2026-01-03T14:59:59Z", "2026-01-03T15:00:00Z"),
    (NEXT, "Asia/Seoul", "0 0 1 1 *", "2026-12-31T14:59:59Z", "2026-12-31T15:00:00Z"),
    // America/New_York in 2026: spring forward 8 March 02:00, fall back 1 November 02:00.
    (HOUR_ADD, "America/New_York", "30 2 * * *", "2026-03-07T12:00:00-05:00", "2026-03-09T02:30:00-04:00"),
    (HOUR_ADD, "America/New_York", "0 * * * *", "2026-03-08T01:00:00-05:00", "2026-03-08T03:00:00-04:00"),
    (HOUR_ADD, "America/New_York", "0 9 * * 1-5", "2026-03-06T09:00:00-05:00", "2026-03-09T09:00:00-04:00"),
    (MINUTE_ADD, "America/New_York", "30 1 * * *", "2026-11-01T00:00:00-04:00", "2026-11-01T01:30:00-04:00"),
    (MINUTE_ADD, "America/New_York", "30 1 * * *", "2026-11-01T01:30:00-04:00", "2026-11-01T01:30:00-05:00"),
    (MINUTE_ADD, "America/New_York", "30 1 * * *", "2026-11-01T01:30:00-05:00", "2026-11-02T01:30:00-05:00"),
    (MINUTE_ADD, "America/New_York", "*/30 * * * *", "2026-11-01T01:30:00-04:00", "2026-11-01T01:00:00-05:00"),
    (MINUTE_ADD, "America/New_York", "0 0 * * *", "2026-10-31T12:00:00-04:00", "2026-11-01T00:00:00-04:00"),
    // Europe/London in 2026: spring forward 29 March 01:00 GMT, fall back 25 October 02:00 BST.
    (HOUR_ADD, "Europe/London", "30 1 * * *", "2026-03-28T12:00:00Z", "2026-03-30T01:30:00+01:00"),
    (HOUR_ADD, "Europe/London", "0 1 * * *", "2026-03-28T12:00:00Z", "2026-03-30T01:00:00+01:00"),
    (HOUR_ADD, "Europe/London", "0 * * * *", "2026-03-29T00:00:00Z", "2026-03-29T02:00:00+01:00"),
    (HOUR_ADD, "Europe/London", "0 0 * * *", "2026-03-28T23:30:00Z", "2026-03-29T00:00:00Z"),
    (HOUR_ADD, "Europe/London", "0 9 * * 1-5", "2026-03-27T09:00:00Z", "2026-03-30T09:00:00+01:00"),
    (MINUTE_ADD, "Europe/London", "30 1 * * *", "2026-10-25T00:00:00+01:00", "2026-10-25T01:30:00+01:00"),
    (MINUTE_ADD, "Europe/London", "30 1 * * *", "2026-10-25T01:30:00+01:00", "2026-10-25T01:30:00Z"),
    (MINUTE_ADD, "Europe/London", "30 1 * * *", "2026-10-25T01:30:00Z", "2026-10-26T01:30:00Z"),
    (MINUTE_ADD, "Europe/London", "0 2 * * *", "2026-10-25T00:00:00+01:00", "2026-10-25T02:00:00Z"),
    (MINUTE_ADD, "Europe/London", "0 * * * *", "2026-10-25T01:00:00+01:00", "2026-10-25T01:00:00Z"),
    // America/Havana moves its clocks at midnight: 00:00 is skipped on 8 March 2026 and happens
    // twice on 1 November 2026.
    (MIDNIGHT, "America/Havana", "0 9 9 3 *", "2026-03-07T12:00:00-05:00", "2026-03-09T09:00:00-04:00"),
    (MIDNIGHT, "America/Havana", "0 0 * * *", "2026-03-07T12:00:00-05:00", "2026-03-09T00:00:00-04:00"),
    (MIDNIGHT, "America/Havana", "0 0 * * *", "2026-10-31T12:00:00-04:00", "2026-11-01T00:00:00-04:00"),
    (MIDNIGHT, "America/Havana", "0 0 * * *", "2026-11-01T00:00:00-04:00", "2026-11-01T00:00:00-05:00"),
    (MIDNIGHT, "America/Havana", "0 0 * * *", "2026-11-01T00:00:00-05:00", "2026-11-02T00:00:00-05:00"),
    // @every is absolute time: an hour is an hour across a change.
    (ABSOLUTE, "Europe/London", "@every 1h", "2026-03-29T00:30:00Z", "2026-03-29T01:30:00Z"),
    (ABSOLUTE, "America/New_York", "@every 24h", "2026-03-07T12:00:00-05:00", "2026-03-08T13:00:00-04:00"),
    // The ends of what a Timestamp holds.
    (RANGE, "UTC", "0 0 1 1 *", "9999-06-01T00:00:00Z", ""),
    (RANGE, "UTC", "@every 1h", "9999-12-30T21:30:00Z", ""),
    (RANGE, "UTC", "* * * * *", "9999-12-30T21:58:00Z", "9999-12-30T21:59:00Z"),
];

#[test]
fn nexts() {
    for (src, zone_name, spec, after, want) in NEXTS {
        let schedule = parse(spec).unwrap_or_else(|e| panic!("{src}: {spec}: {e}"));
        let zone = tz(zone_name);
        let got = schedule.next(ts(after), &zone);
        let want = (!want.is_empty()).then(|| ts(want));
        assert_eq!(got, want, "{src}: {spec} in {zone_name} after {after}");
    }
}

/// `next` agrees with counting minutes one by one, in UTC, over generated schedules.
#[test]
fn next_agrees_with_brute_force_in_utc() {
    let mut rng = super::props::Rng(0x5eed);
    let start = ts("2026-01-01T00:00:00Z").as_second();
    for _ in 0..150 {
        let spec = super::props::random_spec(&mut rng);
        let Ok(schedule) = parse(&spec) else { continue };
        let Kind::Spec {
            minute,
            hour,
            dom,
            month,
            dow,
        } = schedule.kind()
        else {
            continue;
        };
        let after = start + (rng.below(400 * 86_400) as i64);
        let mut want = None;
        let mut t = after - after.rem_euclid(60) + 60;
        for _ in 0..(40 * 1440) {
            let days = t.div_euclid(86_400);
            let secs = t.rem_euclid(86_400);
            let (_, m, d) = super::super::next::civil_from_days(days);
            let weekday = (days + 4).rem_euclid(7) as u64;
            let hit = |bits: u64, v: u64| bits & (1 << v) != 0;
            let dom_ok = hit(dom, d as u64);
            let dow_ok = hit(dow, weekday);
            let day_ok = if dom & STAR != 0 || dow & STAR != 0 {
                dom_ok && dow_ok
            } else {
                dom_ok || dow_ok
            };
            if day_ok
                && hit(month, m as u64)
                && hit(hour, (secs / 3600) as u64)
                && hit(minute, (secs % 3600 / 60) as u64)
            {
                want = Some(t);
                break;
            }
            t += 60;
        }
        let got = schedule
            .next(
                jiff::Timestamp::from_second(after).expect("in range"),
                &Zone::utc(),
            )
            .map(|t| t.as_second());
        match want {
            Some(w) => assert_eq!(got, Some(w), "{spec} after {after}"),
            None => assert!(got.is_none_or(|g| g >= t), "{spec} after {after}: {got:?}"),
        }
    }
}

/// A wall time: year, month, day, hour, minute.
type Wall = (i64, i64, i64, i64, i64);

/// (source, zone, wall time asked of Go's `time.Date`, the instant Go answers).
#[rustfmt::skip]
const GO_DATES: &[(&str, &str, Wall, &str)] = &[
    // Negative offsets: a skipped time moves back, a doubled one is the earlier.
    ("golang/go#50223 (Santiago)", "America/Santiago", (2021, 9, 5, 0, 0), "2021-09-04T23:00:00-04:00"),
    ("golang/go#35508 (Havana)", "America/Havana", (2019, 3, 10, 0, 0), "2019-03-09T23:00:00-05:00"),
    ("go time.go Date", "America/New_York", (2026, 3, 8, 2, 30), "2026-03-08T01:30:00-05:00"),
    ("go time.go Date", "America/New_York", (2026, 11, 1, 1, 30), "2026-11-01T01:30:00-04:00"),
    // Positive (and zero) offsets: a skipped time moves on, a doubled one is the later.
    ("golang/go#50223 (Paris)", "Europe/Paris", (2021, 3, 28, 2, 0), "2021-03-28T03:00:00+02:00"),
    ("golang/go#26224 (Melbourne)", "Australia/Melbourne", (2018, 4, 1, 2, 0), "2018-04-01T02:00:00+10:00"),
    ("go time.go Date", "Europe/London", (2026, 3, 29, 1, 30), "2026-03-29T02:30:00+01:00"),
    ("go time.go Date", "Europe/London", (2026, 10, 25, 1, 30), "2026-10-25T01:30:00+00:00"),
    // Month and day overflow carry, as Go normalises them (AddDate relies on it).
    ("go time.go Date (norm)", "UTC", (2026, 13, 32, 0, 0), "2027-02-01T00:00:00Z"),
    ("go time.go Date (norm)", "Asia/Seoul", (2026, 2, 29, 9, 0), "2026-03-01T00:00:00Z"),
];

#[test]
fn go_date_in_gaps_and_overlaps() {
    for (src, zone_name, (y, mo, d, h, mi), want) in GO_DATES {
        let zone = tz(zone_name);
        let got = super::super::next::Loc(zone.time_zone()).date(*y, *mo, *d, *h, *mi, 0);
        assert_eq!(
            got,
            ts(want).as_second(),
            "{src}: {y}-{mo}-{d} {h}:{mi} in {zone_name}"
        );
    }
}
