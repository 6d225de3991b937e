//! Bad input never panics: seeded random edits of the shipped examples (deleted, duplicated and
//! swapped bytes, stray YAML punctuation), plus hostile shapes, through the whole engine.

use kubeplay::examples::EXAMPLES;
use kubeplay::i18n::Lang;
use kubeplay::{analyze, selector, share};

/// xorshift64*: a fixed seed, so every run checks the same inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const NOISE: &[&str] = &[
    ":",
    "- ",
    "\n",
    "  ",
    "\t",
    "{",
    "}",
    "[",
    "]",
    "&a ",
    "*a",
    "'",
    "\"",
    "#",
    "---\n",
    "? ",
    "|\n",
    "!!str ",
    "0x",
    "한",
    "\u{feff}",
    "%YAML 1.2\n",
];

fn mutate(rng: &mut Rng, text: &str) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for _ in 0..1 + rng.below(6) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(4) {
            0 if !bytes.is_empty() => {
                let end = (at + rng.below(20)).min(bytes.len());
                bytes.drain(at.min(end)..end);
            }
            1 => {
                let noise = NOISE[rng.below(NOISE.len())].as_bytes();
                bytes.splice(at..at, noise.iter().copied());
            }
            2 if bytes.len() > 2 => {
                let a = rng.below(bytes.len());
                let b = rng.below(bytes.len());
                bytes.swap(a, b);
            }
            _ => {
                let end = (at + rng.below(40)).min(bytes.len());
                let copy: Vec<u8> = bytes[at.min(end)..end].to_vec();
                bytes.splice(at..at, copy);
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn mutated_examples_never_panic() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut diagnostics = 0;
    for round in 0..3000 {
        let ex = &EXAMPLES[round % EXAMPLES.len()];
        let lang = Lang::ALL[round / EXAMPLES.len() % 2];
        let text = mutate(&mut rng, ex.text(lang));
        let a = std::panic::catch_unwind(|| analyze(&text))
            .unwrap_or_else(|_| panic!("panic on:\n{text}"));
        let lines = text.split('\n').count() as u32 + 1;
        for d in &a.diagnostics {
            assert!(
                d.span.start.line >= 1 && d.span.start.line <= lines,
                "span out of bounds: {d:?}\n{text}"
            );
        }
        diagnostics += a.diagnostics.len();
    }
    assert!(
        diagnostics > 1000,
        "the mutations produce problems ({diagnostics} diagnostics)"
    );
}

#[test]
fn random_selectors_never_panic() {
    let mut rng = Rng(42);
    let alphabet: Vec<char> = "ab=!(),<> in notin 1-_./{}:[]".chars().collect();
    for _ in 0..20_000 {
        let s: String = (0..rng.below(24))
            .map(|_| alphabet[rng.below(alphabet.len())])
            .collect();
        let _ = std::panic::catch_unwind(|| selector::parse_any(&s))
            .unwrap_or_else(|_| panic!("panic on {s:?}"));
    }
}

#[test]
fn hostile_shapes_are_bounded() {
    let deep = format!("a: {}1{}", "[".repeat(10_000), "]".repeat(10_000));
    assert!(!analyze(&deep).diagnostics.is_empty());
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x]\n");
    for i in 1..20 {
        bomb.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n",
            p = i - 1
        ));
    }
    assert!(analyze(&bomb)
        .diagnostics
        .iter()
        .any(|d| d.message.contains("aliases expand")));
    let many =
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  generateName: c-\n---\n".repeat(6_000);
    let a = analyze(&many);
    assert_eq!(a.manifest.objects.len(), kubeplay::manifest::MAX_OBJECTS);
    assert!(a
        .diagnostics
        .iter()
        .any(|d| d.message.contains("objects; the rest are ignored")));
    let huge = "x".repeat(kubeplay::manifest::MAX_INPUT + 10);
    assert!(analyze(&huge)
        .diagnostics
        .iter()
        .any(|d| d.message.contains("larger than 2 MiB")));
    for garbage in [
        "",
        "\0",
        "---",
        "...",
        "- - - -",
        "{",
        "}",
        ":",
        "? : ?",
        "\u{feff}",
        "a: !!binary gIGC",
    ] {
        let _ = analyze(garbage);
        let _ = share::decode(garbage);
    }
}

/// The simulator on mutated examples: apply each, run two minutes of cluster time, apply the next
/// mutation over it (updates and prunes), and never panic.
#[test]
fn simulating_mutated_examples_never_panics() {
    let mut rng = Rng(0x5151_7e57);
    let mut cluster = kubeplay::sim::Cluster::new();
    let mut pods_seen = 0;
    for round in 0..400 {
        let ex = &EXAMPLES[round % EXAMPLES.len()];
        let lang = Lang::ALL[round / EXAMPLES.len() % 2];
        let text = if round % 3 == 0 {
            ex.text(lang).to_string()
        } else {
            mutate(&mut rng, ex.text(lang))
        };
        let manifest = kubeplay::manifest::load(&text);
        let mut c = std::mem::take(&mut cluster);
        let c = std::panic::catch_unwind(move || {
            c.apply(&manifest);
            let t = c.now() + 120_000;
            c.run_until(t);
            c
        })
        .unwrap_or_else(|_| panic!("simulator panic on:\n{text}"));
        pods_seen += c.store().pods.len();
        cluster = if round % 50 == 49 {
            kubeplay::sim::Cluster::new()
        } else {
            c
        };
    }
    assert!(pods_seen > 100, "the examples run Pods ({pods_seen})");
}

/// Found by the `manifest` fuzzer: lone carriage returns in one document moved every position in
/// the documents after it, because YAML counts them as line breaks and the cutting at `---` did
/// not. Now a lone `\r` reads exactly as a `\n` (the editor shows it as one too).
#[test]
fn a_lone_carriage_return_is_a_line_break() {
    let text = "x: 1\r\ry: [2\n---\nkind: {\n---\r\napiVersion: v1\r\nkind: Pod\r\nmetadata: {name: -p}\r\n";
    let spans = |t: &str| {
        analyze(t)
            .diagnostics
            .iter()
            .map(|d| (d.span.start.line, d.span.start.col, d.message.clone()))
            .collect::<Vec<_>>()
    };
    let with_cr = spans(text);
    assert_eq!(with_cr, spans(&text.replace("\r\r", "\n\n")));
    assert!(with_cr.len() >= 3, "{with_cr:?}");
    assert!(with_cr.iter().any(|(line, _, _)| *line >= 8), "{with_cr:?}");
}
