//! `describe`: a schedule in words, in English and Korean.

use super::*;
use crate::i18n::Lang;

// The phrases are kubeplay's; what they say follows robfig (dayMatches, the star bit, Every) and
// the Korean follows kubernetes.io/ko's register. Each row names the robfig behaviour it states.
const BRIEF: &str = "kubeplay describe (the examples it was asked for)";
const DAY_MATCHES: &str = "robfig spec.go dayMatches";
const DESCRIPTOR: &str = "robfig parser.go parseDescriptor";
const EVERY: &str = "robfig constantdelay.go Every";
const K8S: &str = "kubernetes cronjob/utils_test.go TestMostRecentScheduleTime";
const GET_RANGE: &str = "robfig parser.go getRange";
const PARSE_TZ: &str = "robfig parser.go Parse (TZ= prefix)";

/// (source, spec, English, Korean).
const CASES: &[(&str, &str, &str, &str)] = &[
    (BRIEF, "* * * * *", "every minute", "매분"),
    (BRIEF, "*/5 * * * *", "every 5 minutes", "매 5분마다"),
    (BRIEF, "0 9 * * 1-5", "at 09:00 on Monday through Friday", "월요일부터 금요일까지 09:00에"),
    (BRIEF, "30 * * * *", "at minute 30 past every hour", "매시 30분에"),
    (BRIEF, "0 0 1 * *", "at 00:00 on day 1 of the month", "매월 1일 00:00에"),
    (BRIEF, "@every 90s", "every 90s", "90초마다"),
    (EVERY, "@every 1h30m", "every 90m", "90분마다"),
    (EVERY, "@every 2h", "every 2h", "2시간마다"),
    (EVERY, "@every 100ms", "every 1s", "1초마다"),
    (DESCRIPTOR, "@hourly", "at minute 0 past every hour", "매시 정각에"),
    (DESCRIPTOR, "@daily", "at 00:00 every day", "매일 00:00에"),
    (DESCRIPTOR, "@weekly", "at 00:00 on Sunday", "매주 일요일 00:00에"),
    (DESCRIPTOR, "@monthly", "at 00:00 on day 1 of the month", "매월 1일 00:00에"),
    (DESCRIPTOR, "@yearly", "at 00:00 on January 1", "매년 1월 1일 00:00에"),
    (DESCRIPTOR, "0 0 29 2 *", "at 00:00 on February 29", "매년 2월 29일 00:00에"),
    (
        K8S,
        "30 6-16/4 * * 1-5",
        "at 06:30, 10:30 and 14:30 on Monday through Friday",
        "월요일부터 금요일까지 06:30, 10:30, 14:30에",
    ),
    (
        K8S,
        "30 10,11,12 * * 1-5",
        "at 10:30, 11:30 and 12:30 on Monday through Friday",
        "월요일부터 금요일까지 10:30, 11:30, 12:30에",
    ),
    (K8S, "0 12 * * 4", "at 12:00 on Thursday", "매주 목요일 12:00에"),
    (
        DAY_MATCHES,
        "0 0 1,15 * 1",
        "at 00:00 on days 1 and 15 of the month or on Monday",
        "매월 1일, 15일 또는 매주 월요일 00:00에",
    ),
    (DAY_MATCHES, "0 0 1-31 * 1", "at 00:00 every day", "매일 00:00에"),
    (DAY_MATCHES, "0 0 */1 * 1", "at 00:00 on Monday", "매주 월요일 00:00에"),
    (DAY_MATCHES, "0 0 30 2 *", "never", "실행되지 않는다"),
    (DAY_MATCHES, "0 0 31 4,6 *", "never", "실행되지 않는다"),
    (GET_RANGE, ", * * * *", "never", "실행되지 않는다"),
    (
        GET_RANGE,
        "*/15 9-17 * * *",
        "every 15 minutes from 09:00 through 17:59",
        "09:00부터 17:59까지 매 15분마다",
    ),
    (GET_RANGE, "0 */2 * * *", "at minute 0 every 2 hours", "2시간마다 정각에"),
    (
        GET_RANGE,
        "0 0 * 4-10 *",
        "at 00:00 every day in April through October",
        "4월부터 10월까지 매일 00:00에",
    ),
    (
        GET_RANGE,
        "0 12 * * 0,6",
        "at 12:00 on Sunday and Saturday",
        "매주 일요일, 토요일 12:00에",
    ),
    (
        GET_RANGE,
        "0 0 * * 1,3,5",
        "at 00:00 on Monday, Wednesday and Friday",
        "매주 월요일, 수요일, 금요일 00:00에",
    ),
    (GET_RANGE, "5/15 * * * *", "every 15 minutes from minute 5", "5분부터 매 15분마다"),
    (GET_RANGE, "0,30 * * * *", "at minutes 0 and 30 past every hour", "매시 0분, 30분에"),
    (GET_RANGE, "* 9 * * *", "every minute from 09:00 through 09:59", "09:00부터 09:59까지 매분"),
    (
        GET_RANGE,
        "0 0 */2 * *",
        "at 00:00 on every 2nd day of the month",
        "매월 1일부터 2일마다 00:00에",
    ),
    (
        GET_RANGE,
        "0 9 1 1,7 *",
        "at 09:00 on day 1 of the month in January and July",
        "1월, 7월 1일 09:00에",
    ),
    (
        GET_RANGE,
        "*/10 * * * 6,0",
        "every 10 minutes on Sunday and Saturday",
        "매주 일요일, 토요일 매 10분마다",
    ),
    (
        GET_RANGE,
        "1,3,7,9,11,13 * * * *",
        "minute 1,3,7,9,11,13; every hour; every day of the month; every month; every day of the week",
        "분 1,3,7,9,11,13; 매시; 매일; 매월; 모든 요일",
    ),
    (
        DAY_MATCHES,
        "0 0 1,2,5,9,12,20 * 1",
        "minute 0; hour 0; day of month 1,2,5,9,12,20; every month; day of week 1 (a day matching either the day of month or the day of week runs)",
        "분 0; 시 0; 일 1,2,5,9,12,20; 매월; 요일 1 (일과 요일 중 하나만 맞아도 실행한다)",
    ),
    (
        DAY_MATCHES,
        "0 0 1,3,5,7,9,11 * 1",
        "at 00:00 on every 2nd day of the month from day 1 through day 11 or on Monday",
        "매월 1일부터 11일까지 2일마다 또는 매주 월요일 00:00에",
    ),
    (
        GET_RANGE,
        "0 9-17 * * 1-5",
        "at minute 0 past hours 9 through 17 on Monday through Friday",
        "월요일부터 금요일까지 9시부터 17시까지 매시 정각에",
    ),
    (
        GET_RANGE,
        "0,30 9-17 * * *",
        "at minutes 0 and 30 past hours 9 through 17",
        "9시부터 17시까지 매시 0분, 30분에",
    ),
    (
        GET_RANGE,
        "14,29,48-56 * * * *",
        "at minutes 14, 29 and 48 through 56 past every hour",
        "매시 14분, 29분, 48~56분에",
    ),
    (GET_RANGE, "15 9,13 * * *", "at 09:15 and 13:15 every day", "매일 09:15, 13:15에"),
    (GET_RANGE, "* * * 1 *", "every minute in January", "1월 매분"),
    (
        GET_RANGE,
        "0 1/2 * * *",
        "at minute 0 every 2 hours from 01:00",
        "1시부터 2시간마다 정각에",
    ),
    (
        PARSE_TZ,
        "TZ=Asia/Seoul 0 9 * * *",
        "at 09:00 every day (Asia/Seoul time)",
        "Asia/Seoul 기준 매일 09:00에",
    ),
];

#[test]
fn descriptions_in_both_languages() {
    for (src, spec, en, ko) in CASES {
        let schedule = parse(spec).unwrap_or_else(|e| panic!("{src}: {spec}: {e}"));
        assert_eq!(
            describe(&schedule, Lang::En),
            *en,
            "{src}: {spec} in English"
        );
        assert_eq!(
            describe(&schedule, Lang::Ko),
            *ko,
            "{src}: {spec} in Korean"
        );
    }
}
