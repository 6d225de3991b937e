//! `parse`: what robfig accepts (printed in canonical form) and what it refuses, word for word.

use super::*;

const RANGE: &str = "robfig parser_test.go TestRange";
const FIELD: &str = "robfig parser_test.go TestField";
const ALL: &str = "robfig parser_test.go TestAll";
const SCHEDULE: &str = "robfig parser_test.go TestParseSchedule";
const STANDARD: &str = "robfig parser_test.go TestStandardSpecSchedule";
const ERRORS: &str = "robfig parser_test.go TestParseScheduleErrors";
const ACTIVATION: &str = "robfig spec_test.go TestActivation";
const SPEC_ERRORS: &str = "robfig spec_test.go TestErrors";
const SLASH0: &str = "robfig spec_test.go TestSlash0NoHang";
const GET_RANGE: &str = "robfig parser.go getRange";
const GET_FIELD: &str = "robfig parser.go getField";
const PARSE: &str = "robfig parser.go Parse";
const DESCRIPTOR: &str = "robfig parser.go parseDescriptor";
const EVERY: &str = "robfig constantdelay.go Every";
const DURATION: &str = "go time/format.go ParseDuration";
const ATOI: &str = "go strconv/atoi.go Atoi";
const NAMES: &str = "robfig parser.go parseIntOrName";
const FIELDS: &str = "go strings.Fields";
const K8S_CRONJOB: &str = "kubernetes cronjob/utils_test.go TestMostRecentScheduleTime";
/// robfig panics on a TZ= prefix with no space after it; Kubernetes recovers and says this.
const PANIC: &str = "kubernetes util/parsers/parsers_test.go TestParseCronSchedulePanicRecovery";
const PANIC_TEXT: &str = "invalid schedule format: runtime error: slice bounds out of range [:-1]";
/// kube-state-metrics#2978: "The Kubernetes API/KCM accept and run such schedules".
const KSM: &str = "kubernetes/kube-state-metrics#2978";
const K8S_TEMPLATE: &str = "kubernetes cronjob/utils_test.go TestGetJobFromTemplate2";

/// (source, input, canonical form).
const VALID: &[(&str, &str, &str)] = &[
    (STANDARD, "5 * * * *", "5 * * * *"),
    (STANDARD, "@every 5m", "@every 5m"),
    (RANGE, "5 * * * *", "5 * * * *"),
    (RANGE, "0 * * * *", "0 * * * *"),
    (RANGE, "7 * * * *", "7 * * * *"),
    (RANGE, "5-5 * * * *", "5 * * * *"),
    (RANGE, "5-6 * * * *", "5,6 * * * *"),
    (RANGE, "5-7 * * * *", "5-7 * * * *"),
    (RANGE, "5-6/2 * * * *", "5 * * * *"),
    (RANGE, "5-7/2 * * * *", "5,7 * * * *"),
    (RANGE, "5-7/1 * * * *", "5-7 * * * *"),
    (RANGE, "* * * * *", "* * * * *"),
    (RANGE, "* * */2 * *", "* * */2 * *"),
    (FIELD, "5,6 * * * *", "5,6 * * * *"),
    (FIELD, "5,6,7 * * * *", "5-7 * * * *"),
    (FIELD, "1,5-7/2,3 * * * *", "1-7/2 * * * *"),
    (ALL, "* * * * *", "* * * * *"),
    (SCHEDULE, "CRON_TZ=UTC  5 * * * *", "TZ=UTC 5 * * * *"),
    (SCHEDULE, "TZ=UTC  @midnight", "TZ=UTC 0 0 * * *"),
    (
        SCHEDULE,
        "TZ=Asia/Tokyo @midnight",
        "TZ=Asia/Tokyo 0 0 * * *",
    ),
    (SCHEDULE, "@midnight", "0 0 * * *"),
    (SCHEDULE, "@yearly", "0 0 1 1 *"),
    (SCHEDULE, "@annually", "0 0 1 1 *"),
    (ACTIVATION, "0/15 * * * *", "*/15 * * * *"),
    (ACTIVATION, "5/15 * * * *", "5/15 * * * *"),
    (ACTIVATION, "0/15 * * Jul *", "*/15 * * 7 *"),
    (ACTIVATION, "30 08 ? Jul Sun", "30 8 * 7 0"),
    (ACTIVATION, "30 08 15 Jul ?", "30 8 15 7 *"),
    (ACTIVATION, "@hourly", "0 * * * *"),
    (ACTIVATION, "@daily", "0 0 * * *"),
    (ACTIVATION, "@weekly", "0 0 * * 0"),
    (ACTIVATION, "@monthly", "0 0 1 * *"),
    (ACTIVATION, "* * 1,15 * Sun", "* * 1,15 * 0"),
    (ACTIVATION, "* * */10 * Sun", "* * */10 * 0"),
    (ACTIVATION, "* * * * Mon", "* * * * 1"),
    (ACTIVATION, "* * */2 * Sun", "* * */2 * 0"),
    (K8S_CRONJOB, "30 6-16/4 * * 1-5", "30 6-14/4 * * 1-5"),
    (K8S_CRONJOB, "30 10,11,12 * * 1-5", "30 10-12 * * 1-5"),
    (K8S_CRONJOB, "59 23 31 2 *", "59 23 31 2 *"),
    (K8S_TEMPLATE, "* * * * ?", "* * * * *"),
    // The star bit: `*/1` keeps it, a full range written out does not.
    (GET_RANGE, "*/1 * * * *", "* * * * *"),
    (GET_RANGE, "0-59 * * * *", "0-59 * * * *"),
    (GET_RANGE, "* * 1-31 * 0-6", "* * 1-31 * 0-6"),
    // After `*` the rest of the range is never read.
    (GET_RANGE, "*-5 * * * *", "* * * * *"),
    (GET_RANGE, "?-x-y * * * *", "* * * * *"),
    (GET_RANGE, "? ? ? ? ?", "* * * * *"),
    // "N/step" means "N-max/step"; a step past the range keeps only N.
    (GET_RANGE, "*/61 * * * *", "0 * * * *"),
    (KSM, "*/120 4-22 * * *", "0 4-22 * * *"),
    (GET_RANGE, "50/5 * * * *", "50,55 * * * *"),
    (GET_RANGE, "45/5 * * * *", "45/5 * * * *"),
    (GET_RANGE, "0 0/6 * * *", "0 */6 * * *"),
    // FieldsFunc drops empty list items: `,` is a field with no value.
    (GET_FIELD, "1,,2 * * * *", "1,2 * * * *"),
    (GET_FIELD, ",5, * * * *", "5 * * * *"),
    (GET_FIELD, ", * * * *", ", * * * *"),
    (ATOI, "+5 * * * *", "5 * * * *"),
    (ATOI, "007 * * * *", "7 * * * *"),
    (ATOI, "0 0 * * 1-+5", "0 0 * * 1-5"),
    (NAMES, "0 0 * JAN-mar MON-fri", "0 0 * 1-3 1-5"),
    (NAMES, "0 0 * dec sUn", "0 0 * 12 0"),
    (NAMES, "0 0 * * FR\u{130}", "0 0 * * 5"),
    (NAMES, "0 0 * * sat-sat", "0 0 * * 6"),
    (FIELDS, "  0  0\t* *\n*  ", "0 0 * * *"),
    (FIELDS, "0\u{a0}0\u{3000}* * *", "0 0 * * *"),
    (PARSE, "TZ= * * * * *", "TZ=UTC * * * * *"),
    (PARSE, "TZ=Local 0 0 * * *", "TZ=Local 0 0 * * *"),
    (
        PARSE,
        "CRON_TZ=America/New_York 0 2 * * *",
        "TZ=America/New_York 0 2 * * *",
    ),
    (PARSE, "TZ=UTC \u{a0}  @hourly \u{a0}", "TZ=UTC 0 * * * *"),
    (DESCRIPTOR, "TZ=Asia/Seoul @every 1h", "@every 1h"),
    (EVERY, "@every 1h30m", "@every 90m"),
    (EVERY, "@every 90s", "@every 90s"),
    (EVERY, "@every 1.5h", "@every 90m"),
    (EVERY, "@every 500ms", "@every 1s"),
    (EVERY, "@every 1500ms", "@every 1s"),
    (EVERY, "@every 0", "@every 1s"),
    (EVERY, "@every -5m", "@every 1s"),
    (EVERY, "@every 15m50ns", "@every 15m"),
    (DURATION, "@every .5h", "@every 30m"),
    (DURATION, "@every 1.h", "@every 1h"),
    (DURATION, "@every +2h", "@every 2h"),
    (DURATION, "@every 1h1s", "@every 3601s"),
    (DURATION, "@every 3\u{b5}s", "@every 1s"),
    (DURATION, "@every 2562047h", "@every 2562047h"),
    (
        DURATION,
        "@every 9223372036854775807ns",
        "@every 9223372036s",
    ),
    (DURATION, "@every -9223372036854775808ns", "@every 1s"),
    (DURATION, "@every 0.000000000001h5m", "@every 5m"),
];

#[test]
fn valid_specs_parse_to_their_canonical_form() {
    for (src, input, canonical) in VALID {
        let parsed = parse(input).unwrap_or_else(|e| panic!("{src}: {input:?}: {e}"));
        assert_eq!(parsed.to_string(), *canonical, "{src}: {input:?}");
        let again = parse(canonical).unwrap_or_else(|e| panic!("{src}: {canonical:?}: {e}"));
        assert_eq!(again, parsed, "{src}: {input:?} round trip");
    }
}

/// (source, input, message, span).
const INVALID: &[(&str, &str, &str, std::ops::Range<usize>)] = &[
    (ERRORS, "", "empty spec string", 0..0),
    (ERRORS, "* * * *", "expected exactly 5 fields, found 4: [* * * *]", 0..7),
    (ERRORS, "@unrecognized", "unrecognized descriptor: @unrecognized", 0..13),
    (
        ERRORS,
        "@every Xm",
        "failed to parse duration @every Xm: time: invalid duration \"Xm\"",
        7..9,
    ),
    (
        STANDARD,
        "5 j * * *",
        "failed to parse int from j: strconv.Atoi: parsing \"j\": invalid syntax",
        2..3,
    ),
    (STANDARD, "* * * *", "expected exactly 5 fields, found 4: [* * * *]", 0..7),
    (SPEC_ERRORS, "xyz", "expected exactly 5 fields, found 1: [xyz]", 0..3),
    (SPEC_ERRORS, "60 0 * * *", "end of range (60) above maximum (59): 60", 0..2),
    (SPEC_ERRORS, "0 60 * * *", "end of range (60) above maximum (23): 60", 2..4),
    (
        SPEC_ERRORS,
        "0 0 * * XYZ",
        "failed to parse int from XYZ: strconv.Atoi: parsing \"XYZ\": invalid syntax",
        8..11,
    ),
    (
        SLASH0,
        "TZ=America/New_York 15/0 * * * *",
        "step of range should be a positive number: 15/0",
        20..24,
    ),
    (RANGE, "5--5 * * * *", "too many hyphens: 5--5", 0..4),
    (
        RANGE,
        "* * * jan-x *",
        "failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax",
        10..11,
    ),
    (
        RANGE,
        "* * 2-x * *",
        "failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax",
        6..7,
    ),
    (RANGE, "*/-12 * * * *", "negative number (-12) not allowed: -12", 2..5),
    (RANGE, "*//2 * * * *", "too many slashes: *//2", 0..4),
    (RANGE, "* * 0 * *", "beginning of range (0) below minimum (1): 0", 4..5),
    (RANGE, "* * * 13 *", "end of range (13) above maximum (12): 13", 6..8),
    (RANGE, "5-3 * * * *", "beginning of range (5) beyond end of range (3): 5-3", 0..3),
    (RANGE, "*/0 * * * *", "step of range should be a positive number: */0", 0..3),
    (GET_RANGE, "*/5 * * *", "expected exactly 5 fields, found 4: [*/5 * * *]", 0..9),
    (
        GET_RANGE,
        "* * * * * *",
        "expected exactly 5 fields, found 6: [* * * * * *]",
        0..11,
    ),
    (GET_RANGE, "5-70 * * * *", "end of range (70) above maximum (59): 5-70", 0..4),
    (
        GET_RANGE,
        "x * * * *",
        "failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax",
        0..1,
    ),
    (GET_RANGE, "* * * * 7", "end of range (7) above maximum (6): 7", 8..9),
    (GET_RANGE, "* * * * 0-7", "end of range (7) above maximum (6): 0-7", 8..11),
    (
        GET_RANGE,
        "70/5 * * * *",
        "beginning of range (70) beyond end of range (59): 70/5",
        0..4,
    ),
    (GET_RANGE, "1-2-3 * * * *", "too many hyphens: 1-2-3", 0..5),
    (GET_RANGE, "1/2/3 * * * *", "too many slashes: 1/2/3", 0..5),
    (GET_RANGE, "0 0,24 * * *", "end of range (24) above maximum (23): 24", 4..6),
    (GET_RANGE, "0 0 1,32 * *", "end of range (32) above maximum (31): 32", 6..8),
    // A leading hyphen splits off an empty start, which Atoi refuses.
    (
        GET_RANGE,
        "-5 * * * *",
        "failed to parse int from : strconv.Atoi: parsing \"\": invalid syntax",
        0..0,
    ),
    (
        GET_RANGE,
        "1- * * * *",
        "failed to parse int from : strconv.Atoi: parsing \"\": invalid syntax",
        2..2,
    ),
    (
        GET_RANGE,
        "*/ * * * *",
        "failed to parse int from : strconv.Atoi: parsing \"\": invalid syntax",
        2..2,
    ),
    // Names are read at the ends of a range only, never as a step.
    (
        NAMES,
        "* * * * mon/fri",
        "failed to parse int from fri: strconv.Atoi: parsing \"fri\": invalid syntax",
        12..15,
    ),
    (
        NAMES,
        "* * * mon *",
        "failed to parse int from mon: strconv.Atoi: parsing \"mon\": invalid syntax",
        6..9,
    ),
    (
        NAMES,
        "* * * * monday",
        "failed to parse int from monday: strconv.Atoi: parsing \"monday\": invalid syntax",
        8..14,
    ),
    (
        ATOI,
        "99999999999999999999 * * * *",
        "failed to parse int from 99999999999999999999: strconv.Atoi: parsing \"99999999999999999999\": value out of range",
        0..20,
    ),
    (
        ATOI,
        "99999999999999999999x * * * *",
        "failed to parse int from 99999999999999999999x: strconv.Atoi: parsing \"99999999999999999999x\": value out of range",
        0..21,
    ),
    (
        ATOI,
        "9223372036854775807 * * * *",
        "end of range (9223372036854775807) above maximum (59): 9223372036854775807",
        0..19,
    ),
    (
        ATOI,
        "9223372036854775808 * * * *",
        "failed to parse int from 9223372036854775808: strconv.Atoi: parsing \"9223372036854775808\": value out of range",
        0..19,
    ),
    (
        ATOI,
        "1_0 * * * *",
        "failed to parse int from 1_0: strconv.Atoi: parsing \"1_0\": invalid syntax",
        0..3,
    ),
    (
        ATOI,
        "0x1 * * * *",
        "failed to parse int from 0x1: strconv.Atoi: parsing \"0x1\": invalid syntax",
        0..3,
    ),
    (
        ATOI,
        "\"\\ * * * *",
        "failed to parse int from \"\\: strconv.Atoi: parsing \"\\\"\\\\\": invalid syntax",
        0..2,
    ),
    (
        ATOI,
        "1\u{200b} * * * *",
        "failed to parse int from 1\u{200b}: strconv.Atoi: parsing \"1\\u200b\": invalid syntax",
        0..4,
    ),
    (
        ATOI,
        "\u{1}\u{7f} * * * *",
        "failed to parse int from \u{1}\u{7f}: strconv.Atoi: parsing \"\\x01\\x7f\": invalid syntax",
        0..2,
    ),
    (
        ATOI,
        "분 * * * *",
        "failed to parse int from 분: strconv.Atoi: parsing \"분\": invalid syntax",
        0..3,
    ),
    (
        GET_RANGE,
        "59 23 L * *",
        "failed to parse int from L: strconv.Atoi: parsing \"L\": invalid syntax",
        6..7,
    ),
    (PANIC, "TZ=0", PANIC_TEXT, 0..4),
    (PANIC, "TZ=", PANIC_TEXT, 0..3),
    (PANIC, "CRON_TZ=UTC", PANIC_TEXT, 0..11),
    (PANIC, "TZ=Invalid/Timezone", PANIC_TEXT, 0..19),
    (PANIC, "TZ=UTC\t0\t0\t*\t*\t*", PANIC_TEXT, 0..16),
    (PARSE, "TZ=UTC ", "expected exactly 5 fields, found 0: []", 0..7),
    (
        PARSE,
        "TZ=Mars/Olympus * * * * *",
        "provided bad location Mars/Olympus: unknown time zone Mars/Olympus",
        3..15,
    ),
    (
        PARSE,
        "CRON_TZ=utc * * * * *",
        "provided bad location utc: unknown time zone utc",
        8..11,
    ),
    (
        PARSE,
        "TZ=../etc/passwd * * * * *",
        "provided bad location ../etc/passwd: time: invalid location name",
        3..16,
    ),
    (
        PARSE,
        "TZ=/UTC * * * * *",
        "provided bad location /UTC: time: invalid location name",
        3..7,
    ),
    (
        PARSE,
        "TZ=UTC\t* * * * *",
        "provided bad location UTC\t*: unknown time zone UTC\t*",
        3..8,
    ),
    (
        PARSE,
        "TZ=UTC 0 0 * * * TZ",
        "expected exactly 5 fields, found 6: [0 0 * * * TZ]",
        0..19,
    ),
    (
        PARSE,
        " TZ=UTC * * * * *",
        "expected exactly 5 fields, found 6: [TZ=UTC * * * * *]",
        0..17,
    ),
    (PARSE, " @daily", "expected exactly 5 fields, found 1: [@daily]", 0..7),
    (DESCRIPTOR, "@daily ", "unrecognized descriptor: @daily ", 0..7),
    (DESCRIPTOR, "@Daily", "unrecognized descriptor: @Daily", 0..6),
    (DESCRIPTOR, "@every", "unrecognized descriptor: @every", 0..6),
    (DESCRIPTOR, "@foo", "unrecognized descriptor: @foo", 0..4),
    (DESCRIPTOR, "TZ=UTC @daily x", "unrecognized descriptor: @daily x", 7..15),
    (
        DURATION,
        "@every ",
        "failed to parse duration @every : time: invalid duration \"\"",
        7..7,
    ),
    (
        DURATION,
        "@every  5m",
        "failed to parse duration @every  5m: time: invalid duration \" 5m\"",
        7..10,
    ),
    (
        DURATION,
        "@every 5",
        "failed to parse duration @every 5: time: missing unit in duration \"5\"",
        7..8,
    ),
    (
        DURATION,
        "@every 5m3",
        "failed to parse duration @every 5m3: time: missing unit in duration \"5m3\"",
        7..10,
    ),
    (
        DURATION,
        "@every 5x",
        "failed to parse duration @every 5x: time: unknown unit \"x\" in duration \"5x\"",
        7..9,
    ),
    (
        DURATION,
        "@every 1d",
        "failed to parse duration @every 1d: time: unknown unit \"d\" in duration \"1d\"",
        7..9,
    ),
    (
        DURATION,
        "@every 1é",
        "failed to parse duration @every 1é: time: unknown unit \"\\xc3\\xa9\" in duration \"1\\xc3\\xa9\"",
        7..10,
    ),
    (
        DURATION,
        "@every .",
        "failed to parse duration @every .: time: invalid duration \".\"",
        7..8,
    ),
    (
        DURATION,
        "@every -",
        "failed to parse duration @every -: time: invalid duration \"-\"",
        7..8,
    ),
    (
        DURATION,
        "@every 1h 30m",
        "failed to parse duration @every 1h 30m: time: unknown unit \"h \" in duration \"1h 30m\"",
        7..13,
    ),
    (
        DURATION,
        "@every 9223372036854775808ns",
        "failed to parse duration @every 9223372036854775808ns: time: invalid duration \"9223372036854775808ns\"",
        7..28,
    ),
    (
        DURATION,
        "@every 99999999999999999999h",
        "failed to parse duration @every 99999999999999999999h: time: invalid duration \"99999999999999999999h\"",
        7..28,
    ),
    (
        DURATION,
        "@every 2562048h",
        "failed to parse duration @every 2562048h: time: invalid duration \"2562048h\"",
        7..15,
    ),
    (
        DURATION,
        "@every \"5m\"",
        "failed to parse duration @every \"5m\": time: invalid duration \"\\\"5m\\\"\"",
        7..11,
    ),
];

#[test]
fn invalid_specs_fail_with_robfigs_message_and_a_span() {
    for (src, input, message, span) in INVALID {
        let err = match parse(input) {
            Ok(s) => panic!("{src}: {input:?} parsed as {s}"),
            Err(e) => e,
        };
        assert_eq!(err.message, *message, "{src}: {input:?}");
        assert_eq!(err.span, *span, "{src}: {input:?} span");
        assert!(
            input.get(err.span.clone()).is_some(),
            "{src}: {input:?} span on a char boundary"
        );
    }
}

/// robfig's own bit values for the predefined schedules and `all()`.
#[test]
fn bits_are_robfigs() {
    // robfig parser_test.go TestAll: all() is every value plus the star bit.
    assert_eq!(all(MINUTES), 0x0fff_ffff_ffff_ffff | STAR);
    assert_eq!(all(HOURS), 0xff_ffff | STAR);
    assert_eq!(all(DOM), 0xffff_fffe | STAR);
    assert_eq!(all(MONTHS), 0x1ffe | STAR);
    assert_eq!(all(DOW), 0x7f | STAR);
    // robfig parser_test.go TestBits.
    assert_eq!(bits_of(0, 0, 1), 0x1);
    assert_eq!(bits_of(1, 1, 1), 0x2);
    assert_eq!(bits_of(1, 5, 2), 0x2a);
    assert_eq!(bits_of(1, 4, 2), 0xa);
    // robfig parser_test.go TestParseSchedule: `midnight()`, and "* 5 * * * *" less its seconds.
    assert_eq!(
        parse("@midnight").map(|s| s.kind()),
        Ok(Kind::Spec {
            minute: 1,
            hour: 1,
            dom: all(DOM),
            month: all(MONTHS),
            dow: all(DOW)
        })
    );
    assert_eq!(
        parse("5 * * * *").map(|s| s.kind()),
        Ok(Kind::Spec {
            minute: 1 << 5,
            hour: all(HOURS),
            dom: all(DOM),
            month: all(MONTHS),
            dow: all(DOW)
        })
    );
    // robfig parser_test.go TestRange: "*/2" on 1-3 has no star bit; "*/1" keeps it.
    assert_eq!(
        parse("* * */2 * *").map(|s| s.kind()),
        parse("* * 1-31/2 * *").map(|s| s.kind())
    );
    let Ok(Kind::Spec { dom, .. }) = parse("* * */1 * *").map(|s| s.kind()) else {
        panic!("*/1");
    };
    assert_eq!(dom, all(DOM));
    // robfig parser_test.go TestStandardSpecSchedule: @every 5m is ConstantDelaySchedule{5m}.
    assert_eq!(
        parse("@every 5m").map(|s| s.kind()),
        Ok(Kind::Every { seconds: 300 })
    );
    // robfig parser.go Parse: the zone of a TZ= prefix is kept; @every drops it.
    assert_eq!(
        parse("CRON_TZ=Asia/Tokyo 0 5 * * *")
            .ok()
            .and_then(|s| s.time_zone().map(str::to_string)),
        Some("Asia/Tokyo".to_string())
    );
    assert_eq!(
        parse("TZ=Asia/Tokyo @every 5m").map(|s| s.time_zone().is_none()),
        Ok(true)
    );
}
