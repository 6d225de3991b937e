//! A schedule in words, for the page: "at 09:00 on Monday through Friday", "월요일부터 금요일까지
//! 09:00에".
//!
//! The one thing to know: the words follow robfig's reading, not cron folklore. When day of month
//! and day of week are both restricted a day matching either one runs ("on day 1 of the month or
//! on Monday"); when either is `*` the other alone decides. A schedule too irregular for a phrase
//! (long lists) is read out field by field instead. Korean follows kubernetes.io/ko: plain
//! phrases in natural Korean order (when, then what time), 평어체 where a sentence is needed.

use super::{field_text, go_duration, progression, runs, values, Bounds, Kind, Schedule};
use super::{DOM, DOW, HOURS, MINUTES, MONTHS, STAR};
use crate::i18n::Lang;

const DAYS_EN: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
const DAYS_KO: [&str; 7] = [
    "일요일",
    "월요일",
    "화요일",
    "수요일",
    "목요일",
    "금요일",
    "토요일",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The most days a month can have (29 February happens in leap years).
const MONTH_DAYS: [u64; 12] = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/// More list items than this and a phrase stops helping: the field-by-field reading is used.
const MAX_ITEMS: usize = 4;
/// Up to this many times a day are listed as clock times ("at 06:30, 10:30 and 14:30").
const MAX_TIMES: usize = 6;

/// How a field's values are laid out.
#[derive(Clone, Debug, PartialEq)]
enum Shape {
    All,
    One(u64),
    /// At least three values `step` (≥ 2) apart; `open` when the next would pass the field's end.
    Step {
        first: u64,
        last: u64,
        step: u64,
        open: bool,
    },
    /// Runs of consecutive values.
    List(Vec<(u64, u64)>),
}

fn shape(vals: &[u64], b: Bounds) -> Shape {
    if vals.len() as u64 == b.max - b.min + 1 {
        return Shape::All;
    }
    if let [v] = vals {
        return Shape::One(*v);
    }
    if let Some((first, last, step)) = progression(vals) {
        return Shape::Step {
            first,
            last,
            step,
            open: last + step > b.max,
        };
    }
    Shape::List(runs(vals))
}

/// How many items a list of these values reads as: a run of three or more is one ("1 through 5").
fn item_count(vals: &[u64]) -> usize {
    runs(vals)
        .iter()
        .map(|(a, b)| if b - a == 1 { 2 } else { 1 })
        .sum()
}

/// Which days a schedule runs on, once robfig's AND/OR rule is applied.
enum Days {
    Every,
    Dom(Vec<u64>),
    Dow(Vec<u64>),
    /// Both restricted: a day matching either.
    Either(Vec<u64>, Vec<u64>),
    /// Both restricted but one has the star bit: cannot come out of the parser (the star bit
    /// comes with every value), kept so every bit pattern has words.
    Both(Vec<u64>, Vec<u64>),
    Never,
}

fn days(dom: u64, dow: u64) -> Days {
    let (d, w) = (values(dom, DOM), values(dow, DOW));
    let (d_full, w_full) = (d.len() == 31, w.len() == 7);
    if dom & STAR != 0 || dow & STAR != 0 {
        match (d.is_empty() || w.is_empty(), d_full, w_full) {
            (true, _, _) => Days::Never,
            (false, true, true) => Days::Every,
            (false, true, false) => Days::Dow(w),
            (false, false, true) => Days::Dom(d),
            (false, false, false) => Days::Both(d, w),
        }
    } else {
        match (d.is_empty(), w.is_empty()) {
            _ if d_full || w_full => Days::Every,
            (true, true) => Days::Never,
            (true, false) => Days::Dow(w),
            (false, true) => Days::Dom(d),
            (false, false) => Days::Either(d, w),
        }
    }
}

/// The words for a schedule.
pub fn describe(schedule: &Schedule, lang: Lang) -> String {
    let (minute, hour, dom, month, dow) = match schedule.kind() {
        Kind::Every { seconds } => return every(seconds, lang),
        Kind::Spec {
            minute,
            hour,
            dom,
            month,
            dow,
        } => (minute, hour, dom, month, dow),
    };
    let text = spec(minute, hour, dom, month, dow, lang);
    match (schedule.time_zone(), lang) {
        (None, _) => text,
        (Some(tz), Lang::En) => format!("{text} ({tz} time)"),
        (Some(tz), Lang::Ko) => format!("{tz} 기준 {text}"),
    }
}

fn every(seconds: u64, lang: Lang) -> String {
    match lang {
        Lang::En => format!("every {}", go_duration(seconds)),
        Lang::Ko if seconds % 3600 == 0 => format!("{}시간마다", seconds / 3600),
        Lang::Ko if seconds % 60 == 0 => format!("{}분마다", seconds / 60),
        Lang::Ko => format!("{seconds}초마다"),
    }
}

fn spec(minute: u64, hour: u64, dom: u64, month: u64, dow: u64, lang: Lang) -> String {
    let (mins, hours, months) = (
        values(minute, MINUTES),
        values(hour, HOURS),
        values(month, MONTHS),
    );
    let mut days = days(dom, dow);
    // "0 0 30 2 *" parses, and robfig's search never finds a 30 February.
    if let Days::Dom(d) = &days {
        if months
            .iter()
            .all(|&m| d.iter().all(|&day| day > MONTH_DAYS[(m - 1) as usize]))
        {
            days = Days::Never;
        }
    }
    if mins.is_empty() || hours.is_empty() || months.is_empty() || matches!(days, Days::Never) {
        return match lang {
            Lang::En => "never".into(),
            Lang::Ko => "실행되지 않는다".into(),
        };
    }
    let (Some(time), Some(day), Some(month_words)) = (
        time(&mins, &hours, lang),
        day(&days, lang),
        month_phrase(&months, lang),
    ) else {
        return fields(minute, hour, dom, month, dow, lang);
    };
    let at_clock = matches!(shape(&mins, MINUTES), Shape::One(_))
        && !matches!(shape(&hours, HOURS), Shape::All)
        && hours.len() <= MAX_TIMES;
    let single_date = match (&days, months.as_slice()) {
        (Days::Dom(d), [m]) if d.len() == 1 => Some((*m, d[0])),
        _ => None,
    };
    match lang {
        Lang::En => {
            let mut out = time;
            if let Some((m, d)) = single_date {
                out.push_str(&format!(" on {} {d}", MONTHS_EN[(m - 1) as usize]));
                return out;
            }
            match (&days, day.is_empty()) {
                (Days::Every, _) if at_clock => out.push_str(" every day"),
                (_, false) => {
                    out.push(' ');
                    out.push_str(&day);
                }
                _ => {}
            }
            if !month_words.is_empty() {
                out.push(' ');
                out.push_str(&month_words);
            }
            out
        }
        Lang::Ko => {
            let mut parts = Vec::new();
            if let Some((m, d)) = single_date {
                parts.push(format!("매년 {m}월 {d}일"));
            } else {
                if !month_words.is_empty() {
                    parts.push(month_words);
                }
                match &days {
                    Days::Every if at_clock => parts.push("매일".into()),
                    // With the months named, "매월" would repeat them.
                    Days::Dom(_) if !parts.is_empty() => {
                        parts.push(day.trim_start_matches("매월 ").to_string())
                    }
                    _ if !day.is_empty() => parts.push(day),
                    _ => {}
                }
            }
            parts.push(time);
            parts.join(" ")
        }
    }
}

fn clock(h: u64, m: u64) -> String {
    format!("{h:02}:{m:02}")
}

/// English list: "a", "a and b", "a, b and c".
fn list_en(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Runs as list items: three or more consecutive values read as one range.
fn run_items(vals: &[u64], name: impl Fn(u64) -> String, lang: Lang) -> Vec<String> {
    let mut items = Vec::new();
    for (a, b) in runs(vals) {
        match b - a {
            0 => items.push(name(a)),
            1 => {
                items.push(name(a));
                items.push(name(b));
            }
            _ => items.push(match lang {
                Lang::En => format!("{} through {}", name(a), name(b)),
                Lang::Ko => format!("{}부터 {}까지", name(a), name(b)),
            }),
        }
    }
    items
}

fn list(vals: &[u64], name: impl Fn(u64) -> String, lang: Lang) -> Option<String> {
    if item_count(vals) > MAX_ITEMS {
        return None;
    }
    let items = run_items(vals, name, lang);
    Some(match lang {
        Lang::En => list_en(&items),
        Lang::Ko => items.join(", "),
    })
}

fn ordinal(n: u64) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The time of day: minutes and hours together.
fn time(mins: &[u64], hours: &[u64], lang: Lang) -> Option<String> {
    let (m_shape, h_shape) = (shape(mins, MINUTES), shape(hours, HOURS));
    let en = lang == Lang::En;

    // Clock times, when there are few.
    if let (Shape::One(m), false) = (&m_shape, h_shape == Shape::All) {
        if hours.len() <= MAX_TIMES {
            let times: Vec<String> = hours.iter().map(|h| clock(*h, *m)).collect();
            return Some(if en {
                format!("at {}", list_en(&times))
            } else {
                format!("{}에", times.join(", "))
            });
        }
    }

    // What happens within an hour.
    let within = match &m_shape {
        Shape::All => {
            if en {
                "every minute".to_string()
            } else {
                "매분".to_string()
            }
        }
        Shape::Step {
            first,
            last,
            step,
            open,
        } => match (en, *first == 0 && *open, *open) {
            (true, true, _) => format!("every {step} minutes"),
            (true, false, true) => format!("every {step} minutes from minute {first}"),
            (true, false, false) => {
                format!("every {step} minutes from minute {first} through {last}")
            }
            (false, true, _) => format!("매 {step}분마다"),
            (false, false, true) => format!("{first}분부터 매 {step}분마다"),
            (false, false, false) => format!("{first}분부터 {last}분까지 매 {step}분마다"),
        },
        Shape::One(m) => {
            if en {
                format!("at minute {m}")
            } else if *m == 0 {
                "정각에".to_string()
            } else {
                format!("{m}분에")
            }
        }
        Shape::List(_) if en => format!("at minutes {}", list(mins, |m| m.to_string(), lang)?),
        Shape::List(_) => {
            // "18분부터 41분까지에" does not read; a range of minutes is written 18~41분.
            if item_count(mins) > MAX_ITEMS {
                return None;
            }
            let items: Vec<String> = runs(mins)
                .into_iter()
                .flat_map(|(a, b)| match b - a {
                    0 => vec![format!("{a}분")],
                    1 => vec![format!("{a}분"), format!("{b}분")],
                    _ => vec![format!("{a}~{b}분")],
                })
                .collect();
            format!("{}에", items.join(", "))
        }
    };
    let one_minute = matches!(m_shape, Shape::One(_));
    let list_minutes = matches!(m_shape, Shape::List(_));

    Some(match (&h_shape, en) {
        (Shape::All, true) if one_minute || list_minutes => format!("{within} past every hour"),
        (Shape::All, true) => within,
        (Shape::All, false) if one_minute || list_minutes => format!("매시 {within}"),
        (Shape::All, false) => within,
        // Every n hours.
        (
            Shape::Step {
                first,
                last,
                step,
                open,
            },
            _,
        ) if hours.len() > MAX_ITEMS => {
            let from = clock(*first, 0);
            let to = clock(*last, 0);
            let hours_en = match (*first == 0, *open) {
                (true, true) => format!("every {step} hours"),
                (false, true) => format!("every {step} hours from {from}"),
                (_, false) => format!("every {step} hours from {from} through {to}"),
            };
            let hours_ko = match (*first == 0, *open) {
                (true, true) => format!("{step}시간마다"),
                (false, true) => format!("{first}시부터 {step}시간마다"),
                (_, false) => format!("{first}시부터 {last}시까지 {step}시간마다"),
            };
            if en {
                if one_minute || list_minutes {
                    format!("{within} {hours_en}")
                } else {
                    format!("{within} during the hour, {hours_en}")
                }
            } else if one_minute || list_minutes {
                format!("{hours_ko} {within}")
            } else {
                format!("{hours_ko}, 그 시간 동안 {within}")
            }
        }
        // One stretch of hours: a window of the day.
        (Shape::One(_), _) | (Shape::List(_), _)
            if !one_minute && !list_minutes && runs(hours).len() == 1 =>
        {
            let (a, b) = (hours[0], hours[hours.len() - 1]);
            if en {
                format!("{within} from {} through {}", clock(a, 0), clock(b, 59))
            } else {
                format!("{}부터 {}까지 {within}", clock(a, 0), clock(b, 59))
            }
        }
        // Named hours.
        _ => {
            let l = list(
                hours,
                |h| if en { h.to_string() } else { format!("{h}시") },
                lang,
            )?;
            let plural = hours.len() > 1;
            match (en, one_minute || list_minutes) {
                (true, true) if plural => format!("{within} past hours {l}"),
                (true, true) => format!("{within} past hour {l}"),
                (true, false) if plural => format!("{within} during hours {l}"),
                (true, false) => format!("{within} during hour {l}"),
                (false, true) if plural => format!("{l} 매시 {within}"),
                (false, true) => format!("{l} {within}"),
                (false, false) => format!("{l} 동안 {within}"),
            }
        }
    })
}

/// The day clause: "on Monday through Friday", "매월 1일"; empty for every day.
fn day(days: &Days, lang: Lang) -> Option<String> {
    let en = lang == Lang::En;
    let dom = |d: &[u64]| -> Option<String> {
        if let Shape::Step {
            first,
            last,
            step,
            open,
        } = shape(d, DOM)
        {
            if d.len() > MAX_ITEMS {
                return Some(match (en, first == 1, open) {
                    (true, true, true) => format!("on every {} day of the month", ordinal(step)),
                    (true, false, true) => format!(
                        "on every {} day of the month from day {first}",
                        ordinal(step)
                    ),
                    (true, _, false) => format!(
                        "on every {} day of the month from day {first} through day {last}",
                        ordinal(step)
                    ),
                    (false, _, true) => format!("매월 {first}일부터 {step}일마다"),
                    (false, _, false) => format!("매월 {first}일부터 {last}일까지 {step}일마다"),
                });
            }
        }
        let l = list(
            d,
            |v| if en { v.to_string() } else { format!("{v}일") },
            lang,
        )?;
        Some(match (en, d.len() > 1) {
            (true, true) => format!("on days {l} of the month"),
            (true, false) => format!("on day {l} of the month"),
            (false, _) => format!("매월 {l}"),
        })
    };
    let dow = |w: &[u64]| -> Option<String> {
        let names = if en { DAYS_EN } else { DAYS_KO };
        let l = list(w, |v| names[v as usize].to_string(), lang)?;
        Some(match (en, w.len(), runs(w).len()) {
            (true, _, _) => format!("on {l}"),
            // "월요일부터 금요일까지" needs no 매주; a day or a list of days does.
            (false, n, 1) if n >= 3 => l,
            (false, _, _) => format!("매주 {l}"),
        })
    };
    match days {
        Days::Every | Days::Never => Some(String::new()),
        Days::Dom(d) => dom(d),
        Days::Dow(w) => dow(w),
        Days::Either(d, w) => {
            let (d, w) = (dom(d)?, dow(w)?);
            Some(if en {
                format!("{d} or {w}")
            } else {
                format!("{d} 또는 {w}")
            })
        }
        Days::Both(d, w) => {
            let (d, w) = (dom(d)?, dow(w)?);
            Some(if en {
                format!("{d}, if it is also {}", w.trim_start_matches("on "))
            } else {
                format!("{d} 중 {}", w.trim_start_matches("매주 "))
            })
        }
    }
}

/// The month clause: "in April through October", "4월부터 10월까지"; empty for every month.
fn month_phrase(months: &[u64], lang: Lang) -> Option<String> {
    if months.len() == 12 {
        return Some(String::new());
    }
    match lang {
        Lang::En => Some(format!(
            "in {}",
            list(months, |m| MONTHS_EN[(m - 1) as usize].to_string(), lang)?
        )),
        Lang::Ko => list(months, |m| format!("{m}월"), lang),
    }
}

/// The field-by-field reading, for schedules no phrase fits.
fn fields(minute: u64, hour: u64, dom: u64, month: u64, dow: u64, lang: Lang) -> String {
    let full = |bits: u64, b: Bounds| values(bits, b).len() as u64 == b.max - b.min + 1;
    let part = |bits: u64, b: Bounds, every: &str, label: &str| {
        if full(bits, b) {
            every.to_string()
        } else {
            format!("{label} {}", field_text(bits & !STAR, b))
        }
    };
    let or_rule = dom & STAR == 0 && dow & STAR == 0 && !full(dom, DOM) && !full(dow, DOW);
    let (parts, rule) = match lang {
        Lang::En => (
            [
                part(minute, MINUTES, "every minute", "minute"),
                part(hour, HOURS, "every hour", "hour"),
                part(dom, DOM, "every day of the month", "day of month"),
                part(month, MONTHS, "every month", "month"),
                part(dow, DOW, "every day of the week", "day of week"),
            ],
            "a day matching either the day of month or the day of week runs",
        ),
        Lang::Ko => (
            [
                part(minute, MINUTES, "매분", "분"),
                part(hour, HOURS, "매시", "시"),
                part(dom, DOM, "매일", "일"),
                part(month, MONTHS, "매월", "월"),
                part(dow, DOW, "모든 요일", "요일"),
            ],
            "일과 요일 중 하나만 맞아도 실행한다",
        ),
    };
    let mut out = parts.join("; ");
    if or_rule {
        out.push_str(" (");
        out.push_str(rule);
        out.push(')');
    }
    out
}
