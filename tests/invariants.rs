//! The cluster's invariants (`sim/invariants.rs`) over seeded random sequences of applies, edits,
//! deletions, clock steps and node faults (`sim/script.rs`), each run twice to check that the
//! same steps give the same cluster: the `simulate` fuzzer's property, on fixed seeds.

use kubeplay::sim::script::{choose_ops, run, run_deterministic, shrink, Seeded};

/// How many sequences; each takes at most `script::MAX_STEPS` operations.
const SEQUENCES: u64 = 2_000;

#[test]
fn random_sequences_keep_every_invariant() {
    let mut steps = 0;
    let mut checks = 0;
    let mut rollouts = 0;
    for seed in 0..SEQUENCES {
        let ops = choose_ops(&mut Seeded::new(seed, 200));
        // Every fourth sequence runs twice: same steps, same `-o json`.
        let report = if seed % 4 == 0 {
            run_deterministic(&ops)
        } else {
            run(&ops)
        };
        let report =
            report.unwrap_or_else(|v| panic!("seed {seed}: {v}\nshrunk to {:#?}", shrink(&ops)));
        steps += report.steps;
        checks += report.checks;
        rollouts += report.rollouts_bounded;
    }
    assert!(steps > SEQUENCES as usize * 10, "{steps} operations");
    assert!(checks > steps as u64, "{checks} checks");
    assert!(rollouts > 100, "{rollouts} checks of a rollout in progress");
    eprintln!("invariants: {SEQUENCES} sequences, {steps} operations, {checks} checks, {rollouts} of them mid-rollout");
}
