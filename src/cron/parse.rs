//! robfig/cron v3 `ParseStandard` (parser.go), function by function, with the Go standard
//! library pieces its messages come from: `strings.Fields`, `strconv.Atoi` and its `NumError`,
//! `time.ParseDuration`, `time.LoadLocation`'s errors.
//!
//! The one thing to know: robfig splits with `strings.Split`/`FieldsFunc`, not a grammar, and
//! this keeps its quirks rather than fixing them, because the API server accepts what robfig
//! accepts: `*-5` is `*` (the part after the star is never read), `1,,2` is `1,2` and `,` is a
//! field with no value at all, `+5` and `-0` are numbers, `7` is not a day of week, and names
//! (`jan`, `MON`) are only read at the ends of a range, never as a step.

use std::ops::Range;

use super::{all, bits_of, zones, Bounds, CronError, Kind, Schedule};
use super::{DOM, DOW, HOURS, MINUTES, MONTHS, STAR};

fn error(message: impl Into<String>, span: Range<usize>) -> CronError {
    CronError {
        message: message.into(),
        span,
    }
}

/// robfig's `Parser.Parse` with the standard parser's options: five fields, descriptors allowed.
pub fn parse(spec: &str) -> Result<Schedule, CronError> {
    if spec.is_empty() {
        return Err(error("empty spec string", 0..0));
    }

    let mut time_zone = None;
    let mut rest = spec;
    let mut base = 0;
    if spec.starts_with("TZ=") || spec.starts_with("CRON_TZ=") {
        let eq = spec.find('=').unwrap_or(0);
        // robfig slices `spec[eq+1 : strings.Index(spec, " ")]`: with no space that index is -1
        // and Go panics (robfig issues #470, #554). Kubernetes recovers the panic since #134526
        // (pkg/util/parsers ParseCronScheduleWithPanicRecovery) and reports it in these words.
        let Some(space) = spec.find(' ') else {
            return Err(error(
                "invalid schedule format: runtime error: slice bounds out of range [:-1]",
                0..spec.len(),
            ));
        };
        let name = &spec[eq + 1..space];
        match zones::load_location(name) {
            Ok(loaded) => time_zone = Some(loaded.to_string()),
            Err(e) => {
                return Err(error(
                    format!("provided bad location {name}: {e}"),
                    eq + 1..space,
                ))
            }
        }
        let tail = &spec[space..];
        base = space + (tail.len() - tail.trim_start().len());
        rest = tail.trim();
    }

    if rest.starts_with('@') {
        return descriptor(rest, base, time_zone);
    }

    let fields = split_whitespace(rest, base);
    if fields.len() != 5 {
        let shown: Vec<&str> = fields.iter().map(|(f, _)| *f).collect();
        return Err(error(
            format!(
                "expected exactly 5 fields, found {}: [{}]",
                fields.len(),
                shown.join(" ")
            ),
            0..spec.len(),
        ));
    }
    let field = |i: usize, b: Bounds| {
        let (text, span) = &fields[i];
        get_field(text, span.start, b)
    };
    Ok(Schedule {
        kind: Kind::Spec {
            minute: field(0, MINUTES)?,
            hour: field(1, HOURS)?,
            dom: field(2, DOM)?,
            month: field(3, MONTHS)?,
            dow: field(4, DOW)?,
        },
        time_zone,
    })
}

/// Go's `strings.Fields` (split on Unicode white space, which is what `char::is_whitespace`
/// tests), keeping where each field is.
fn split_whitespace(s: &str, base: usize) -> Vec<(&str, Range<usize>)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(st)) => {
                out.push((&s[st..i], base + st..base + i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push((&s[st..], base + st..base + s.len()));
    }
    out
}

/// robfig's `getField`: a comma-separated list of ranges, empty items dropped (`FieldsFunc`).
fn get_field(field: &str, base: usize, b: Bounds) -> Result<u64, CronError> {
    let mut bits = 0;
    let mut offset = 0;
    for expr in field.split(',') {
        if !expr.is_empty() {
            bits |= get_range(expr, base + offset, b)?;
        }
        offset += expr.len() + 1;
    }
    Ok(bits)
}

/// robfig's `getRange`: `number | number "-" number [ "/" number ]`, or `*`/`?` with a step.
/// The checks run in robfig's order, so the first complaint is the one robfig makes.
fn get_range(expr: &str, base: usize, b: Bounds) -> Result<u64, CronError> {
    let whole = base..base + expr.len();
    let range_and_step: Vec<&str> = expr.split('/').collect();
    let low_and_high: Vec<&str> = range_and_step[0].split('-').collect();
    let single = low_and_high.len() == 1;
    let low_span = base..base + low_and_high[0].len();

    let (start, mut end, mut extra);
    if low_and_high[0] == "*" || low_and_high[0] == "?" {
        (start, end, extra) = (b.min, b.max, STAR);
    } else {
        start = parse_int_or_name(low_and_high[0], low_span, b)?;
        end = match low_and_high.len() {
            1 => start,
            2 => {
                let at = base + low_and_high[0].len() + 1;
                parse_int_or_name(low_and_high[1], at..at + low_and_high[1].len(), b)?
            }
            _ => return Err(error(format!("too many hyphens: {expr}"), whole)),
        };
        extra = 0;
    }

    let step = match range_and_step.len() {
        1 => 1,
        2 => {
            let at = base + range_and_step[0].len() + 1;
            let step = must_parse_int(range_and_step[1], at..at + range_and_step[1].len())?;
            // "N/step" means "N-max/step".
            if single {
                end = b.max;
            }
            if step > 1 {
                extra = 0;
            }
            step
        }
        _ => return Err(error(format!("too many slashes: {expr}"), whole)),
    };

    if start < b.min {
        return Err(error(
            format!(
                "beginning of range ({start}) below minimum ({}): {expr}",
                b.min
            ),
            whole,
        ));
    }
    if end > b.max {
        return Err(error(
            format!("end of range ({end}) above maximum ({}): {expr}", b.max),
            whole,
        ));
    }
    if start > end {
        return Err(error(
            format!("beginning of range ({start}) beyond end of range ({end}): {expr}"),
            whole,
        ));
    }
    if step == 0 {
        return Err(error(
            format!("step of range should be a positive number: {expr}"),
            whole,
        ));
    }
    Ok(bits_of(start, end, step) | extra)
}

/// robfig's `parseIntOrName`: a name of the field (`strings.ToLower`), else a number.
fn parse_int_or_name(expr: &str, span: Range<usize>, b: Bounds) -> Result<u64, CronError> {
    if !b.names.is_empty() {
        let lower = go_to_lower(expr);
        if let Some((_, v)) = b.names.iter().find(|(n, _)| *n == lower) {
            return Ok(*v);
        }
    }
    must_parse_int(expr, span)
}

/// Go's `strings.ToLower` as far as it can reach an ASCII name: Unicode's simple lowercase maps
/// `İ` to `i` and the Kelvin sign to `k` (Rust's full mapping gives `i̇` for `İ`), so `FRİ`
/// is Friday to robfig. No other character lowercases into ASCII.
fn go_to_lower(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{130}' => 'i',
            '\u{212A}' => 'k',
            _ => c.to_ascii_lowercase(),
        })
        .collect()
}

/// robfig's `mustParseInt`: `strconv.Atoi`, then no negatives.
fn must_parse_int(expr: &str, span: Range<usize>) -> Result<u64, CronError> {
    match atoi(expr) {
        Ok(n) if n < 0 => Err(error(
            format!("negative number ({n}) not allowed: {expr}"),
            span,
        )),
        Ok(n) => Ok(n.unsigned_abs()),
        Err(why) => Err(error(
            format!(
                "failed to parse int from {expr}: strconv.Atoi: parsing {}: {why}",
                strconv_quote(expr)
            ),
            span,
        )),
    }
}

/// Go's `strconv.Atoi` on 64-bit: an optional sign and decimal digits. Digits are read left to
/// right and overflow is reported where it happens, so `99999999999999999999x` is out of range,
/// not a syntax error.
fn atoi(s: &str) -> Result<i64, &'static str> {
    const SYNTAX: &str = "invalid syntax";
    const RANGE: &str = "value out of range";
    let bytes = s.as_bytes();
    let (neg, digits) = match bytes.first() {
        None => return Err(SYNTAX),
        Some(b'+') => (false, &bytes[1..]),
        Some(b'-') => (true, &bytes[1..]),
        Some(_) => (false, bytes),
    };
    if digits.is_empty() {
        return Err(SYNTAX);
    }
    let mut n: u64 = 0;
    for &c in digits {
        if !c.is_ascii_digit() {
            return Err(SYNTAX);
        }
        n = n
            .checked_mul(10)
            .and_then(|n| n.checked_add(u64::from(c - b'0')))
            .ok_or(RANGE)?;
    }
    const CUTOFF: u64 = 1 << 63;
    match (neg, n) {
        (false, n) if n >= CUTOFF => Err(RANGE),
        (true, n) if n > CUTOFF => Err(RANGE),
        (true, n) => Ok(0i64.wrapping_sub_unsigned(n)),
        (false, n) => Ok(n as i64),
    }
}

/// Go's `strconv.Quote`: a double-quoted Go literal, non-printable characters escaped.
fn strconv_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            c if go_is_print(c) => out.push(c),
            c if (c as u32) < 0x80 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// Go's `strconv.IsPrint` (letters, marks, numbers, punctuation, symbols, ASCII space), without
/// Unicode's tables: controls, spaces other than ASCII's, the format characters, private use and
/// noncharacters are not printable. The gap: an unassigned code point counts as printable here
/// and is escaped by Go. Only a field's text reaches this, in a message.
fn go_is_print(c: char) -> bool {
    let u = c as u32;
    if u < 0x80 {
        return (0x20..0x7f).contains(&u);
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    !matches!(
        u,
        0xAD | 0x600..=0x605
            | 0x61C
            | 0x6DD
            | 0x70F
            | 0x890..=0x891
            | 0x8E2
            | 0x180E
            | 0x200B..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x2064
            | 0x2066..=0x206F
            | 0xE000..=0xF8FF
            | 0xFDD0..=0xFDEF
            | 0xFEFF
            | 0xFFF9..=0xFFFB
            | 0xFFFE..=0xFFFF
            | 0x110BD
            | 0x110CD
            | 0x13430..=0x1343F
            | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A
            | 0xE0001
            | 0xE0020..=0xE007F
            | 0xF0000..=0x10FFFF
    ) && (u & 0xFFFE) != 0xFFFE
}

/// robfig's `parseDescriptor`. The names are matched exactly (`@Daily` is unrecognized), and
/// `@every` takes everything after its one space as a Go duration.
fn descriptor(spec: &str, base: usize, time_zone: Option<String>) -> Result<Schedule, CronError> {
    let first = |b: Bounds| 1u64 << b.min;
    let spec_kind = |minute, hour, dom, month, dow| Kind::Spec {
        minute,
        hour,
        dom,
        month,
        dow,
    };
    let kind = match spec {
        "@yearly" | "@annually" => spec_kind(
            first(MINUTES),
            first(HOURS),
            first(DOM),
            first(MONTHS),
            all(DOW),
        ),
        "@monthly" => spec_kind(
            first(MINUTES),
            first(HOURS),
            first(DOM),
            all(MONTHS),
            all(DOW),
        ),
        "@weekly" => spec_kind(
            first(MINUTES),
            first(HOURS),
            all(DOM),
            all(MONTHS),
            first(DOW),
        ),
        "@daily" | "@midnight" => spec_kind(
            first(MINUTES),
            first(HOURS),
            all(DOM),
            all(MONTHS),
            all(DOW),
        ),
        "@hourly" => spec_kind(first(MINUTES), all(HOURS), all(DOM), all(MONTHS), all(DOW)),
        _ => {
            let Some(text) = spec.strip_prefix("@every ") else {
                return Err(error(
                    format!("unrecognized descriptor: {spec}"),
                    base..base + spec.len(),
                ));
            };
            let at = base + "@every ".len();
            return match parse_duration(text) {
                Ok(d) => Ok(Schedule {
                    kind: Kind::Every {
                        seconds: every_seconds(d),
                    },
                    // robfig's `Every` keeps no location.
                    time_zone: None,
                }),
                Err(e) => Err(error(
                    format!("failed to parse duration {spec}: {e}"),
                    at..at + text.len(),
                )),
            };
        }
    };
    Ok(Schedule { kind, time_zone })
}

/// robfig's `Every`: under a second (zero and negatives included) becomes a second, and anything
/// below the second is cut off.
fn every_seconds(nanos: i64) -> u64 {
    const SECOND: i64 = 1_000_000_000;
    (nanos.max(SECOND) / SECOND).unsigned_abs()
}

/// Go's `time.ParseDuration`: `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+`, in nanoseconds, with its
/// messages and its arithmetic (fractions through `float64`, totals up to 2^63 ns).
fn parse_duration(orig: &str) -> Result<i64, String> {
    let invalid = || format!("time: invalid duration {}", time_quote(orig));
    let mut s = orig;
    let mut neg = false;
    if let Some(c) = s.bytes().next() {
        if c == b'-' || c == b'+' {
            neg = c == b'-';
            s = &s[1..];
        }
    }
    if s == "0" {
        return Ok(0);
    }
    if s.is_empty() {
        return Err(invalid());
    }
    const LIMIT: u64 = 1 << 63;
    let mut d: u64 = 0;
    while let Some(&c) = s.as_bytes().first() {
        if !(c == b'.' || c.is_ascii_digit()) {
            return Err(invalid());
        }
        let before = s.len();
        let (mut v, rest) = leading_int(s).ok_or_else(invalid)?;
        s = rest;
        let pre = before != s.len();

        let (mut f, mut scale, mut post) = (0u64, 1f64, false);
        if let Some(after_dot) = s.strip_prefix('.') {
            let (fraction, power, rest) = leading_fraction(after_dot);
            (f, scale, post) = (fraction, power, after_dot.len() != rest.len());
            s = rest;
        }
        if !pre && !post {
            return Err(invalid());
        }

        let i = s
            .bytes()
            .position(|c| c == b'.' || c.is_ascii_digit())
            .unwrap_or(s.len());
        if i == 0 {
            return Err(format!(
                "time: missing unit in duration {}",
                time_quote(orig)
            ));
        }
        let (unit_text, rest) = s.split_at(i);
        s = rest;
        let unit: u64 = match unit_text {
            "ns" => 1,
            "us" | "\u{b5}s" | "\u{3bc}s" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            _ => {
                return Err(format!(
                    "time: unknown unit {} in duration {}",
                    time_quote(unit_text),
                    time_quote(orig)
                ))
            }
        };
        if v > LIMIT / unit {
            return Err(invalid());
        }
        v *= unit;
        if f > 0 {
            v = v.wrapping_add((f as f64 * (unit as f64 / scale)) as u64);
            if v > LIMIT {
                return Err(invalid());
            }
        }
        // Go adds in uint64 and wraps, as here.
        d = d.wrapping_add(v);
        if d > LIMIT {
            return Err(invalid());
        }
    }
    if neg {
        return Ok(0i64.wrapping_sub_unsigned(d));
    }
    if d > LIMIT - 1 {
        return Err(invalid());
    }
    Ok(d as i64)
}

/// Go's `time.leadingInt`: the leading digits, `None` past 2^63.
fn leading_int(s: &str) -> Option<(u64, &str)> {
    let mut x: u64 = 0;
    let end = s
        .bytes()
        .position(|c| !c.is_ascii_digit())
        .unwrap_or(s.len());
    for c in s[..end].bytes() {
        if x > (1 << 63) / 10 {
            return None;
        }
        x = x * 10 + u64::from(c - b'0');
        if x > 1 << 63 {
            return None;
        }
    }
    Some((x, &s[end..]))
}

/// Go's `time.leadingFraction`: the leading digits and the power of ten they are over; past
/// what fits it stops gaining precision but keeps consuming digits.
fn leading_fraction(s: &str) -> (u64, f64, &str) {
    let (mut x, mut scale, mut overflow) = (0u64, 1f64, false);
    let end = s
        .bytes()
        .position(|c| !c.is_ascii_digit())
        .unwrap_or(s.len());
    for c in s[..end].bytes() {
        if overflow {
            continue;
        }
        if x > ((1u64 << 63) - 1) / 10 {
            overflow = true;
            continue;
        }
        let y = x * 10 + u64::from(c - b'0');
        if y > 1 << 63 {
            overflow = true;
            continue;
        }
        x = y;
        scale *= 10.0;
    }
    (x, scale, &s[end..])
}

/// Go's `time.quote`: double quotes, with every byte of a non-ASCII or control character
/// written `\xNN` (the time package does not use strconv).
fn time_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        if (c as u32) >= 0x80 || c < ' ' {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("\\x{b:02x}"));
            }
        } else {
            if c == '"' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out.push('"');
    out
}
