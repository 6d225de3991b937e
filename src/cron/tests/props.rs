//! Properties over generated input: `Display` round-trips, nothing panics, Korean is Korean.
//! The generator is a fixed-seed SplitMix64, so every run sees the same cases.

use super::*;
use crate::i18n::Lang;

pub(super) struct Rng(pub(super) u64);

impl Rng {
    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A value in `0..n` (`n` > 0).
    pub(super) fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }

    fn chance(&mut self, one_in: u64) -> bool {
        self.below(one_in) == 0
    }
}

const ZONES: &[&str] = &[
    "UTC",
    "America/New_York",
    "Europe/London",
    "Asia/Seoul",
    "America/Havana",
    "Australia/Lord_Howe",
    "America/Santiago",
];

fn random_case(rng: &mut Rng, s: &str) -> String {
    s.chars()
        .map(|c| {
            if rng.chance(2) {
                c.to_ascii_uppercase()
            } else {
                c
            }
        })
        .collect()
}

/// One list item of a field with bounds `min..=max`, now and then out of range.
fn random_item(rng: &mut Rng, min: u64, max: u64, names: &[&str]) -> String {
    let span = max - min + 1;
    // A value as text (a number, or a name in any case) and as a number.
    let value = |rng: &mut Rng| -> (String, u64) {
        if !names.is_empty() && rng.chance(3) {
            let i = rng.below(names.len() as u64);
            return (random_case(rng, names[i as usize]), min + i);
        }
        let v = if rng.chance(300) {
            max + 1 + rng.below(3)
        } else {
            min + rng.below(span)
        };
        (v.to_string(), v)
    };
    let range = |rng: &mut Rng| {
        let (mut a, mut b) = (value(rng), value(rng));
        if a.1 > b.1 && !rng.chance(50) {
            std::mem::swap(&mut a, &mut b);
        }
        format!("{}-{}", a.0, b.0)
    };
    match rng.below(8) {
        0 => "*".into(),
        1 => "?".into(),
        2 => format!("*/{}", 1 + rng.below(span)),
        3 => range(rng),
        4 => format!("{}/{}", range(rng), 1 + rng.below(span)),
        5 => format!("{}/{}", value(rng).0, 1 + rng.below(span)),
        6 if rng.chance(5) => String::new(),
        _ => value(rng).0,
    }
}

fn random_field(rng: &mut Rng, min: u64, max: u64, names: &[&str]) -> String {
    let items = 1 + rng.below(3);
    (0..items)
        .map(|_| random_item(rng, min, max, names))
        .collect::<Vec<_>>()
        .join(",")
}

const MONTH_NAMES: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];
const DAY_NAMES: &[&str] = &["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/// A cron-shaped string, mostly valid.
pub(super) fn random_spec(rng: &mut Rng) -> String {
    if rng.chance(12) {
        let d = rng.pick(&[
            "@yearly",
            "@annually",
            "@monthly",
            "@weekly",
            "@daily",
            "@midnight",
            "@hourly",
        ]);
        return d.to_string();
    }
    if rng.chance(12) {
        let n = 1 + rng.below(100_000);
        let unit = rng.pick(&["s", "m", "h", "ms", "us"]);
        return format!("@every {n}{unit}");
    }
    let mut out = String::new();
    if rng.chance(6) {
        out.push_str(rng.pick(&["TZ=", "CRON_TZ="]));
        out.push_str(rng.pick(ZONES));
        out.push(' ');
    }
    let fields = [
        random_field(rng, 0, 59, &[]),
        random_field(rng, 0, 23, &[]),
        random_field(rng, 1, 31, &[]),
        random_field(rng, 1, 12, MONTH_NAMES),
        random_field(rng, 0, 6, DAY_NAMES),
    ];
    out.push_str(&fields.join(" "));
    out
}

/// Random bits for one field: every value with the star bit, none, or any subset.
fn random_bits(rng: &mut Rng, b: Bounds) -> u64 {
    match rng.below(6) {
        0 => all(b),
        1 if rng.chance(4) => 0,
        _ => rng.next() & bits_of(b.min, b.max, 1),
    }
}

#[test]
fn display_round_trips_over_generated_specs() {
    let mut rng = Rng(1);
    let mut parsed = 0;
    for _ in 0..4000 {
        let spec = random_spec(&mut rng);
        let Ok(schedule) = parse(&spec) else { continue };
        parsed += 1;
        let text = schedule.to_string();
        let again = parse(&text).unwrap_or_else(|e| panic!("{spec:?} printed as {text:?}: {e}"));
        assert_eq!(again, schedule, "{spec:?} printed as {text:?}");
        assert_eq!(
            again.to_string(),
            text,
            "{spec:?}: canonical form is stable"
        );
    }
    assert!(
        parsed > 2000,
        "the generator should mostly make valid specs: {parsed}"
    );
}

#[test]
fn display_round_trips_over_generated_bits() {
    let mut rng = Rng(2);
    for _ in 0..3000 {
        let time_zone = rng.chance(4).then(|| rng.pick(ZONES).to_string());
        let schedule = Schedule {
            kind: Kind::Spec {
                minute: random_bits(&mut rng, MINUTES),
                hour: random_bits(&mut rng, HOURS),
                dom: random_bits(&mut rng, DOM),
                month: random_bits(&mut rng, MONTHS),
                dow: random_bits(&mut rng, DOW),
            },
            time_zone,
        };
        let text = schedule.to_string();
        assert_eq!(
            parse(&text),
            Ok(schedule.clone()),
            "{schedule:?} printed as {text:?}"
        );
    }
    for _ in 0..1000 {
        // @every holds up to (2^63 - 1) ns, 9223372036 whole seconds.
        let seconds = 1 + rng.below(9_223_372_036);
        let schedule = Schedule {
            kind: Kind::Every { seconds },
            time_zone: None,
        };
        let text = schedule.to_string();
        assert_eq!(parse(&text), Ok(schedule), "{text}");
    }
}

/// Strings of cron's characters and others, cut and spliced: `parse` and everything after it
/// must answer without panicking, and errors must point inside the input.
#[test]
fn nothing_panics_on_garbage() {
    const ALPHABET: &[&str] = &[
        "0",
        "1",
        "2",
        "5",
        "9",
        "59",
        "60",
        "*",
        "?",
        ",",
        "-",
        "/",
        " ",
        " ",
        "\t",
        "@",
        "TZ=",
        "CRON_TZ=",
        "@every ",
        "@daily",
        "UTC",
        "America/New_York",
        "jan",
        "MON",
        "fri",
        "x",
        ".",
        "h",
        "m",
        "s",
        "ms",
        "µs",
        "é",
        "분",
        "\u{a0}",
        "\u{200b}",
        "\u{1}",
        "\"",
        "\\",
        "+",
        "99999999999999999999",
        "=",
        "_",
        "L",
        "#",
    ];
    let mut rng = Rng(3);
    let zones: Vec<Zone> = ZONES.iter().map(|z| tz(z)).collect();
    let instants = [
        Timestamp::MIN,
        Timestamp::MAX,
        ts("2026-03-08T06:59:59Z"),
        ts("2026-11-01T05:30:00.5Z"),
        ts("1969-12-31T23:59:59.999999999Z"),
    ];
    for round in 0..4000 {
        let spec = if round % 3 == 0 {
            // A valid spec with a few characters changed.
            let base = random_spec(&mut rng);
            let mut chars: Vec<char> = base.chars().collect();
            for _ in 0..1 + rng.below(3) {
                if chars.is_empty() {
                    break;
                }
                let at = rng.below(chars.len() as u64) as usize;
                let with = rng.pick(ALPHABET).chars().next().unwrap_or(' ');
                match rng.below(3) {
                    0 => chars[at] = with,
                    1 => {
                        chars.remove(at);
                    }
                    _ => chars.insert(at, with),
                }
            }
            chars.into_iter().collect()
        } else {
            let n = rng.below(12);
            (0..n).map(|_| rng.pick(ALPHABET)).collect::<String>()
        };
        match parse(&spec) {
            Err(e) => {
                assert!(
                    spec.get(e.span.clone()).is_some(),
                    "{spec:?}: span {:?}",
                    e.span
                );
                assert!(!e.message.is_empty());
            }
            Ok(schedule) => {
                let text = schedule.to_string();
                assert_eq!(parse(&text).as_ref(), Ok(&schedule), "{spec:?} as {text:?}");
                for lang in [Lang::En, Lang::Ko] {
                    assert!(!describe(&schedule, lang).is_empty());
                }
                let zone = &zones[rng.below(zones.len() as u64) as usize];
                let at = instants[rng.below(instants.len() as u64) as usize];
                if let Some(next) = schedule.next(at, zone) {
                    assert!(next > at, "{spec:?} after {at} in {}: {next}", zone.name());
                }
            }
        }
    }
}

fn has_hangul(s: &str) -> bool {
    s.chars().any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c))
}

#[test]
fn korean_descriptions_are_korean() {
    let mut rng = Rng(4);
    for _ in 0..3000 {
        let spec = random_spec(&mut rng);
        let Ok(schedule) = parse(&spec) else { continue };
        let ko = describe(&schedule, Lang::Ko);
        assert!(has_hangul(&ko), "{spec:?}: {ko:?}");
        let en = describe(&schedule, Lang::En);
        assert!(!has_hangul(&en), "{spec:?}: {en:?}");
    }
}

/// Activations come in order and each is strictly later than the last, across the zones'
/// daylight-saving changes in 2026.
#[test]
fn next_moves_forward_across_the_year() {
    let mut rng = Rng(5);
    for _ in 0..60 {
        let spec = random_spec(&mut rng);
        let Ok(schedule) = parse(&spec) else { continue };
        let zone = tz(rng.pick(ZONES));
        let mut at = ts("2026-01-01T00:00:00Z");
        for _ in 0..40 {
            let Some(next) = schedule.next(at, &zone) else {
                break;
            };
            assert!(next > at, "{spec:?} in {}: {next} after {at}", zone.name());
            at = next;
        }
    }
}
