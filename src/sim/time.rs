//! Virtual time: milliseconds since the simulated cluster was created, and the ways Kubernetes prints
//! durations and timestamps.
//!
//! The one thing to know: nothing here reads a wall clock. Time 0 is `EPOCH`, a fixed instant, so the
//! same run prints the same timestamps on every machine.

use k8s_openapi::apimachinery::pkg::apis::meta::v1::{MicroTime, Time};
use k8s_openapi::jiff::Timestamp;

/// Virtual milliseconds since the cluster was created.
pub type Millis = i64;

pub const SECOND: Millis = 1_000;
pub const MINUTE: Millis = 60 * SECOND;
pub const HOUR: Millis = 60 * MINUTE;

/// 2026-01-01T00:00:00Z, the moment every simulated cluster is created.
pub const EPOCH_MS: i64 = 1_767_225_600_000;

/// A metav1.Time for a virtual instant (whole seconds, as the API server stores them).
pub fn time(at: Millis) -> Time {
    let secs = (EPOCH_MS + at).div_euclid(1000);
    Time(Timestamp::from_second(secs).unwrap_or(Timestamp::UNIX_EPOCH))
}

/// A metav1.MicroTime for a virtual instant.
pub fn micro_time(at: Millis) -> MicroTime {
    MicroTime(Timestamp::from_millisecond(EPOCH_MS + at).unwrap_or(Timestamp::UNIX_EPOCH))
}

/// A virtual instant as the API server writes a metav1.Time into an object kept as JSON.
pub fn stamp(at: Millis) -> serde_json::Value {
    let secs = (EPOCH_MS + at).div_euclid(1000);
    serde_json::Value::String(crate::manifest::stamp::format(secs))
}

/// The metav1.Time a JSON object's timestamp names (None when it is not one): read as the API
/// server reads it, not through the time library's own parser.
pub fn time_of_json(v: &serde_json::Value) -> Option<Time> {
    let at = crate::manifest::stamp::parse(v.as_str()?, false).ok()?;
    Timestamp::new(at.seconds, at.nanos as i32).ok().map(Time)
}

/// The virtual instant of a metav1.Time.
pub fn millis_of(t: &Time) -> Millis {
    t.0.as_millisecond() - EPOCH_MS
}

/// Go's `time.Duration.String()`: `0s`, `500ms`, `2.5s`, `1m30s`, `1h0m0s`.
pub fn go_duration(ms: Millis) -> String {
    if ms == 0 {
        return "0s".into();
    }
    let neg = ms < 0;
    let ms = ms.unsigned_abs();
    let sign = if neg { "-" } else { "" };
    if ms < 1000 {
        return format!("{sign}{ms}ms");
    }
    let h = ms / 3_600_000;
    let m = (ms / 60_000) % 60;
    let s = (ms / 1000) % 60;
    let frac = ms % 1000;
    let secs = if frac == 0 {
        format!("{s}s")
    } else {
        let f = format!("{frac:03}");
        format!("{s}.{}s", f.trim_end_matches('0'))
    };
    if h > 0 {
        format!("{sign}{h}h{m}m{secs}")
    } else if m > 0 {
        format!("{sign}{m}m{secs}")
    } else {
        format!("{sign}{secs}")
    }
}

/// apimachinery's `duration.HumanDuration`, what kubectl prints in AGE and LAST SEEN columns.
pub fn human_duration(ms: Millis) -> String {
    let seconds = ms.div_euclid(1000);
    if seconds < -1 {
        return "<invalid>".into();
    } else if seconds < 0 {
        return "0s".into();
    } else if seconds < 60 * 2 {
        return format!("{seconds}s");
    }
    let minutes = seconds / 60;
    if minutes < 10 {
        let s = seconds % 60;
        return if s == 0 {
            format!("{minutes}m")
        } else {
            format!("{minutes}m{s}s")
        };
    } else if minutes < 60 * 3 {
        return format!("{minutes}m");
    }
    let hours = minutes / 60;
    if hours < 8 {
        let m = minutes % 60;
        return if m == 0 {
            format!("{hours}h")
        } else {
            format!("{hours}h{m}m")
        };
    } else if hours < 48 {
        return format!("{hours}h");
    } else if hours < 24 * 8 {
        let h = hours % 24;
        return if h == 0 {
            format!("{}d", hours / 24)
        } else {
            format!("{}d{h}h", hours / 24)
        };
    } else if hours < 24 * 365 * 2 {
        return format!("{}d", hours / 24);
    } else if hours < 24 * 365 * 8 {
        let dy = (hours / 24) % 365;
        return if dy == 0 {
            format!("{}y", hours / 24 / 365)
        } else {
            format!("{}y{dy}d", hours / 24 / 365)
        };
    }
    format!("{}y", hours / 24 / 365)
}

/// Parses a Go duration as the CLI takes it (`90s`, `5m`, `1h30m`, `500ms`, `1.5m`).
pub fn parse_duration(s: &str) -> Result<Millis, String> {
    let invalid = || format!("time: invalid duration {}", crate::validation::go_quote(s));
    let mut rest = s.trim();
    if rest == "0" {
        return Ok(0);
    }
    if rest.is_empty() {
        return Err(invalid());
    }
    let mut total = 0f64;
    while !rest.is_empty() {
        let num_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .ok_or_else(|| {
                format!(
                    "time: missing unit in duration {}",
                    crate::validation::go_quote(s)
                )
            })?;
        if num_len == 0 {
            return Err(invalid());
        }
        let n: f64 = rest[..num_len].parse().map_err(|_| invalid())?;
        rest = &rest[num_len..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let factor = match &rest[..unit_len] {
            "ms" => 1.0,
            "s" => 1000.0,
            "m" => 60_000.0,
            "h" => 3_600_000.0,
            "" => {
                return Err(format!(
                    "time: missing unit in duration {}",
                    crate::validation::go_quote(s)
                ))
            }
            u => {
                return Err(format!(
                    "time: unknown unit {} in duration {}",
                    crate::validation::go_quote(u),
                    crate::validation::go_quote(s)
                ))
            }
        };
        total += n * factor;
        rest = &rest[unit_len..];
    }
    if total > 1e15 {
        return Err(invalid());
    }
    Ok(total.round() as Millis)
}

/// Go's `time.RFC1123Z` in UTC (`Mon, 02 Jan 2006 15:04:05 +0000`), written out: a format-string
/// printer would bring its whole engine into the page for this one layout.
pub fn rfc1123z(t: &Time) -> String {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let dt = k8s_openapi::jiff::tz::Offset::UTC.to_datetime(t.0);
    format!(
        "{}, {:02} {} {:04} {:02}:{:02}:{:02} +0000",
        DAYS[dt.weekday().to_monday_zero_offset() as usize % 7],
        dt.day(),
        MONTHS[(dt.month() as usize).saturating_sub(1) % 12],
        dt.year(),
        dt.hour(),
        dt.minute(),
        dt.second()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Expectations from Go's time.Duration.String and apimachinery's duration_test.go.
    #[test]
    fn durations_print_as_go_and_kubectl_print_them() {
        for (ms, go) in [
            (0, "0s"),
            (500, "500ms"),
            (2_500, "2.5s"),
            (90_000, "1m30s"),
            (3_600_000, "1h0m0s"),
            (1_234, "1.234s"),
        ] {
            assert_eq!(go_duration(ms), go, "{ms}");
        }
        for (ms, human) in [
            (0, "0s"),
            (119_000, "119s"),
            (120_000, "2m"),
            (150_000, "2m30s"),
            (600_000, "10m"),
            (3 * HOUR, "3h"),
            (3 * HOUR + 20 * MINUTE, "3h20m"),
            (10 * HOUR, "10h"),
            (50 * HOUR, "2d2h"),
            (-500, "0s"),
            (-3000, "<invalid>"),
        ] {
            assert_eq!(human_duration(ms), human, "{ms}");
        }
        for (s, ms) in [
            ("90s", Ok(90_000)),
            ("1h30m", Ok(5_400_000)),
            ("1.5m", Ok(90_000)),
            ("250ms", Ok(250)),
        ] {
            assert_eq!(parse_duration(s), ms);
        }
        assert_eq!(
            parse_duration("5"),
            Err("time: missing unit in duration \"5\"".into())
        );
        assert_eq!(
            parse_duration("5d"),
            Err("time: unknown unit \"d\" in duration \"5d\"".into())
        );
    }
}
