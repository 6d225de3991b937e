#![allow(clippy::needless_range_loop)]

use super::*;
use crate::diagnostic::Severity;
use crate::manifest::load;

/// Every kind of the grammar, with every field at its first value, is a manifest the API server
/// takes as it is.
#[test]
fn each_kind_renders_a_valid_object() {
    for kind in 0..KINDS.len() {
        let doc = Doc {
            kind,
            fields: [0; FIELDS],
        };
        let text = doc.render();
        let m = load(&text);
        let errors: Vec<_> = m
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| d.message.clone())
            .collect();
        assert!(errors.is_empty(), "{}:\n{text}\n{errors:?}", KINDS[kind]);
        assert_eq!(m.objects.len(), 1, "{text}");
        assert_eq!(m.objects[0].kind, KINDS[kind]);
    }
}

/// Every value of every field renders, and most of them into objects that load cleanly.
#[test]
fn every_field_value_renders() {
    let mut clean = 0;
    let mut all = 0;
    for kind in 0..KINDS.len() {
        for field in 0..FIELDS {
            for value in 0..RANGES[field] {
                let mut doc = Doc {
                    kind,
                    fields: [0; FIELDS],
                };
                doc.fields[field] = value;
                let m = load(&doc.render());
                if m.objects.len() != 1 {
                    panic!("{}", doc.render());
                }
                all += 1;
                clean += usize::from(m.diagnostics.iter().all(|d| d.severity != Severity::Error));
                assert_eq!(m.objects.len(), 1);
            }
        }
    }
    assert!(clean * 10 >= all * 9, "{clean} of {all} load cleanly");
}

#[test]
fn the_same_seed_gives_the_same_sequence() {
    let a = choose_ops(&mut Seeded::new(7, 400));
    let b = choose_ops(&mut Seeded::new(7, 400));
    assert_eq!(a, b);
    assert_ne!(a, choose_ops(&mut Seeded::new(8, 400)));
    assert!(!a.is_empty() && a.len() <= MAX_STEPS);
}

#[test]
fn choices_running_out_end_the_sequence() {
    assert!(choose_ops(&mut Seeded::new(1, 0)).is_empty());
    // Every operation takes at least one choice.
    assert!(choose_ops(&mut Seeded::new(1, 3)).len() <= 3);
}

#[test]
fn a_rollout_with_faults_keeps_the_invariants() {
    let web = Doc {
        kind: 0,
        fields: [2, 0, 0, 4, 0, 0, 1, 1, 0, 0, 1, 0],
    };
    let svc = Doc {
        kind: 1,
        fields: [2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0],
    };
    let ops = vec![
        Op::Add(web),
        Op::Add(svc),
        Op::Advance(MINUTE),
        Op::Edit {
            doc: 0,
            field: 4,
            value: 1,
        },
        Op::Step,
        Op::Step,
        Op::Cordon { node: 0, on: true },
        Op::Advance(MINUTE),
        Op::NodeGone {
            node: 1,
            gone: true,
        },
        Op::Advance(MINUTE),
        Op::NodeGone {
            node: 1,
            gone: false,
        },
        Op::Delete { kind: 0, nth: 1 },
        Op::Remove(1),
        Op::Advance(10 * MINUTE),
    ];
    let report = run_deterministic(&ops).unwrap_or_else(|v| panic!("{v}"));
    assert_eq!(report.steps, ops.len());
    assert!(report.output.contains("\"kind\":\"ReplicaSet\""));
}
