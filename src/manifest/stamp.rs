//! A metav1.Time as text: what `Time.UnmarshalJSON` accepts (Go's `time.Parse` with the
//! RFC 3339 layout, `MicroTime` with RFC3339Micro), its errors in Go's words, and the form the API
//! server writes (`2026-01-01T00:05:00Z`).
//!
//! The one thing to know: this is Go's parser, not RFC 3339's grammar. It takes a one-digit hour
//! and a fraction of a second the layout does not name, checks each field's range after reading
//! it, and says which part of the text it could not read as which part of the layout. Written out
//! here (not through the time library's parser) so that the page carries no general date-time
//! parser and printer for the one layout the API uses.

/// Go's `time.RFC3339`.
pub const RFC3339: &str = "2006-01-02T15:04:05Z07:00";
/// Go's `time.RFC3339Micro`, the layout of a `MicroTime`.
pub const RFC3339_MICRO: &str = "2006-01-02T15:04:05.000000Z07:00";

/// An instant as seconds since the Unix epoch and nanoseconds within that second.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Instant {
    pub seconds: i64,
    pub nanos: u32,
}

/// The parts of the two layouts, in order (`time.nextStdChunk`'s chunks).
#[derive(Clone, Copy)]
enum Part {
    Lit(&'static str),
    Year,
    Month,
    Day,
    Hour,
    Minute,
    Second,
    Micros,
    Zone,
}

/// RFC3339Micro's parts; RFC3339 is the same without `Micros`.
const PARTS: &[Part] = &[
    Part::Year,
    Part::Lit("-"),
    Part::Month,
    Part::Lit("-"),
    Part::Day,
    Part::Lit("T"),
    Part::Hour,
    Part::Lit(":"),
    Part::Minute,
    Part::Lit(":"),
    Part::Second,
    Part::Micros,
    Part::Zone,
];

impl Part {
    /// The part as the layout spells it, for "cannot parse X as Y".
    fn layout(self) -> &'static str {
        match self {
            Part::Lit(s) => s,
            Part::Year => "2006",
            Part::Month => "01",
            Part::Day => "02",
            Part::Hour => "15",
            Part::Minute => "04",
            Part::Second => "05",
            Part::Micros => ".000000",
            Part::Zone => "Z07:00",
        }
    }
}

/// `time.Parse(time.RFC3339, s)`, or RFC3339Micro when `micro`: the instant, or Go's error.
pub fn parse(s: &str, micro: bool) -> Result<Instant, String> {
    let layout = if micro { RFC3339_MICRO } else { RFC3339 };
    let parts: Vec<Part> = PARTS
        .iter()
        .copied()
        .filter(|p| micro || !matches!(p, Part::Micros))
        .collect();
    let quote = crate::validation::go_quote;
    let cannot = |rest: &str, i: usize| {
        format!(
            "parsing time {} as {}: cannot parse {} as {}",
            quote(s),
            quote(layout),
            quote(rest),
            quote(parts[i].layout())
        )
    };
    let out_of_range = |what: &str| format!("parsing time {}: {what} out of range", quote(s));
    let mut rest = s;
    let (mut year, mut month, mut day) = (0i64, 0i64, 0i64);
    let (mut hour, mut minute, mut second) = (0i64, 0i64, 0i64);
    let mut nanos = 0u32;
    let mut offset = 0i64;
    for (i, part) in parts.iter().enumerate() {
        match *part {
            Part::Lit(l) => {
                rest = rest.strip_prefix(l).ok_or_else(|| cannot(rest, i))?;
            }
            Part::Year => {
                let digits = rest
                    .get(..4)
                    .filter(|d| d.bytes().all(|b| b.is_ascii_digit()));
                year = digits.ok_or_else(|| cannot(rest, i))?.parse().unwrap_or(0);
                rest = &rest[4..];
            }
            Part::Month | Part::Day | Part::Minute | Part::Second => {
                let (n, after) = fixed2(rest).ok_or_else(|| cannot(rest, i))?;
                rest = after;
                match part {
                    Part::Month if !(1..=12).contains(&n) => return Err(out_of_range("month")),
                    Part::Month => month = n,
                    Part::Day => day = n,
                    Part::Minute if n >= 60 => return Err(out_of_range("minute")),
                    Part::Minute => minute = n,
                    Part::Second if n >= 60 => return Err(out_of_range("second")),
                    _ => {
                        second = n;
                        // A fraction the layout does not name is read all the same.
                        let b = rest.as_bytes();
                        if !micro
                            && b.len() >= 2
                            && matches!(b[0], b'.' | b',')
                            && b[1].is_ascii_digit()
                        {
                            let len = 1 + rest[1..].bytes().take_while(u8::is_ascii_digit).count();
                            nanos = fraction(&rest[1..len]);
                            rest = &rest[len..];
                        }
                    }
                }
            }
            Part::Hour => {
                // `getnum(value, false)`: one digit or two.
                let len = rest.bytes().take(2).take_while(u8::is_ascii_digit).count();
                if len == 0 {
                    return Err(cannot(rest, i));
                }
                hour = rest[..len].parse().unwrap_or(0);
                rest = &rest[len..];
                if hour >= 24 {
                    return Err(out_of_range("hour"));
                }
            }
            Part::Micros => {
                let digits = rest
                    .strip_prefix(['.', ','])
                    .and_then(|r| r.get(..6))
                    .filter(|d| d.bytes().all(|b| b.is_ascii_digit()))
                    .ok_or_else(|| cannot(rest, i))?;
                nanos = fraction(digits);
                rest = &rest[7..];
            }
            Part::Zone => {
                if let Some(after) = rest.strip_prefix('Z') {
                    rest = after;
                    continue;
                }
                let b = rest.as_bytes();
                let sign = match b.first() {
                    Some(b'+') => 1,
                    Some(b'-') => -1,
                    _ => return Err(cannot(rest, i)),
                };
                let hh = rest.get(1..3).and_then(|h| fixed2(h).map(|(n, _)| n));
                let mm = rest.get(4..6).and_then(|m| fixed2(m).map(|(n, _)| n));
                let (Some(hh), Some(mm), Some(b':')) = (hh, mm, b.get(3)) else {
                    return Err(cannot(rest, i));
                };
                if hh > 24 {
                    return Err(out_of_range("time zone offset hour"));
                }
                if mm > 60 {
                    return Err(out_of_range("time zone offset minute"));
                }
                offset = sign * (hh * 3600 + mm * 60);
                rest = &rest[6..];
            }
        }
    }
    if !rest.is_empty() {
        return Err(format!(
            "parsing time {}: extra text: {}",
            quote(s),
            quote(rest)
        ));
    }
    if day < 1 || day > days_in(year, month) {
        return Err(out_of_range("day"));
    }
    let days = days_from_civil(year, month, day);
    Ok(Instant {
        seconds: days * 86_400 + hour * 3600 + minute * 60 + second - offset,
        nanos,
    })
}

/// The API server's form of a Time: UTC, whole seconds (`2026-01-01T00:05:00Z`).
pub fn format(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    let secs = seconds.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// Two digits, as `getnum(value, true)` reads them.
fn fixed2(s: &str) -> Option<(i64, &str)> {
    let d = s
        .get(..2)
        .filter(|d| d.bytes().all(|b| b.is_ascii_digit()))?;
    Some((d.parse().ok()?, &s[2..]))
}

/// Nanoseconds from the digits after the point (beyond nine, the rest are dropped).
fn fraction(digits: &str) -> u32 {
    let mut n = 0u32;
    for (i, b) in digits.bytes().take(9).enumerate() {
        n += u32::from(b - b'0') * 10u32.pow(8 - i as u32);
    }
    n
}

fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

fn days_in(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day since 1970-01-01 (`civil_from_days`).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Expectations from Go's time/format_test.go (parseTests, parseErrorTests) and running
    /// `time.Parse(time.RFC3339, ...)` on Go 1.24.
    #[test]
    fn rfc3339_parses_as_go_parses_it() {
        for (text, seconds, nanos) in [
            ("1970-01-01T00:00:00Z", 0, 0),
            ("2026-01-01T00:00:00Z", 1_767_225_600, 0),
            ("2026-01-01T09:00:00+09:00", 1_767_225_600, 0),
            ("2025-12-31T19:30:00-04:30", 1_767_225_600, 0),
            ("2024-02-29T12:00:00Z", 1_709_208_000, 0),
            ("2026-01-01T00:00:00.5Z", 1_767_225_600, 500_000_000),
            (
                "2026-01-01T00:00:00,123456789123Z",
                1_767_225_600,
                123_456_789,
            ),
            // getnum(value, false): a one-digit hour.
            ("2026-01-01T1:00:00Z", 1_767_229_200, 0),
        ] {
            assert_eq!(parse(text, false), Ok(Instant { seconds, nanos }), "{text}");
        }
        for (text, err) in [
            (
                "",
                r#"parsing time "" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "2006""#,
            ),
            (
                "yesterday",
                r#"parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006""#,
            ),
            (
                "2026-01-01",
                r#"parsing time "2026-01-01" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "T""#,
            ),
            (
                "2026-01-01 00:00:00Z",
                r#"parsing time "2026-01-01 00:00:00Z" as "2006-01-02T15:04:05Z07:00": cannot parse " 00:00:00Z" as "T""#,
            ),
            (
                "2026-1-01T00:00:00Z",
                r#"parsing time "2026-1-01T00:00:00Z" as "2006-01-02T15:04:05Z07:00": cannot parse "1-01T00:00:00Z" as "01""#,
            ),
            (
                "2026-01-01T00:00:00",
                r#"parsing time "2026-01-01T00:00:00" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "Z07:00""#,
            ),
            (
                "2026-01-01T00:00:00+0900",
                r#"parsing time "2026-01-01T00:00:00+0900" as "2006-01-02T15:04:05Z07:00": cannot parse "+0900" as "Z07:00""#,
            ),
            (
                "2026-13-01T00:00:00Z",
                r#"parsing time "2026-13-01T00:00:00Z": month out of range"#,
            ),
            (
                "2026-02-29T00:00:00Z",
                r#"parsing time "2026-02-29T00:00:00Z": day out of range"#,
            ),
            (
                "2026-01-01T24:00:00Z",
                r#"parsing time "2026-01-01T24:00:00Z": hour out of range"#,
            ),
            (
                "2026-01-01T00:60:00Z",
                r#"parsing time "2026-01-01T00:60:00Z": minute out of range"#,
            ),
            (
                "2026-01-01T00:00:00Zjunk",
                r#"parsing time "2026-01-01T00:00:00Zjunk": extra text: "junk""#,
            ),
        ] {
            assert_eq!(parse(text, false), Err(err.to_string()), "{text}");
        }
    }

    #[test]
    fn micro_time_wants_six_digits() {
        assert_eq!(
            parse("2026-01-01T00:00:00.000001Z", true),
            Ok(Instant {
                seconds: 1_767_225_600,
                nanos: 1_000
            })
        );
        assert_eq!(
            parse("2026-01-01T00:00:00Z", true),
            Err(r#"parsing time "2026-01-01T00:00:00Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse "Z" as ".000000""#.to_string())
        );
    }

    #[test]
    fn formats_and_reads_back_every_day_of_four_centuries() {
        for days in (-719_468..2_932_896).step_by(97) {
            let s = days * 86_400 + 3_723;
            let text = format(s);
            assert_eq!(
                parse(&text, false),
                Ok(Instant {
                    seconds: s,
                    nanos: 0
                }),
                "{text}"
            );
        }
        assert_eq!(format(1_767_225_600 + 300), "2026-01-01T00:05:00Z");
        assert_eq!(format(0), "1970-01-01T00:00:00Z");
    }
}
