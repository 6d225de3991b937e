//! Stable sorting for the whole crate through one instantiation of the standard library's sort.
//!
//! The one thing to know: `slice::sort_by` is generic over the element and the comparator, so
//! every call site compiles its own copy of the sort (a few KB of WebAssembly each). Here the
//! standard sort runs once, over positions with a `dyn` comparator, and the slice is then put in
//! that order in place. Same result as `sort_by` (stable), a little slower; fine off the hot paths
//! (the scheduler's queue keeps its own `sort_by_cached_key`).

use std::cmp::Ordering;

/// `v.sort_by(cmp)`.
pub fn by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    let mut order: Vec<usize> = (0..v.len()).collect();
    positions(&mut order, &|a, b| cmp(&v[a], &v[b]));
    permute(v, &order);
}

/// `v.sort_by_key(key)`.
pub fn by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    by(v, |a, b| key(a).cmp(&key(b)));
}

/// `v.sort()`.
pub fn sort<T: Ord>(v: &mut [T]) {
    by(v, T::cmp);
}

/// The one sort: positions ordered by what they hold.
fn positions(order: &mut [usize], cmp: &dyn Fn(usize, usize) -> Ordering) {
    order.sort_by(|a, b| cmp(*a, *b));
}

/// Rearranges `v` so that `v[i]` becomes the old `v[order[i]]`, following each cycle with swaps.
fn permute<T>(v: &mut [T], order: &[usize]) {
    let mut done = vec![false; v.len()];
    for start in 0..v.len() {
        let mut at = start;
        while !done[at] {
            done[at] = true;
            let from = order[at];
            if from == start {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Against the standard library's stable sort, on lists with ties, runs and reversals.
    #[test]
    fn sorts_as_sort_by_does() {
        let mut seed = 7u64;
        for len in [0usize, 1, 2, 3, 5, 8, 31, 64, 200] {
            for round in 0..20 {
                let list: Vec<(u8, usize)> = (0..len)
                    .map(|i| {
                        seed = seed
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(1442695040888963407);
                        let key = match round % 3 {
                            0 => (seed >> 60) as u8,
                            1 => (len - i) as u8,
                            _ => (i % 4) as u8,
                        };
                        (key, i)
                    })
                    .collect();
                let mut want = list.clone();
                want.sort_by_key(|e| e.0);
                let mut got = list.clone();
                by_key(&mut got, |e| e.0);
                assert_eq!(got, want, "len {len} round {round}");
            }
        }
        let mut words = vec!["pear", "apple", "fig", "apple"];
        sort(&mut words);
        assert_eq!(words, ["apple", "apple", "fig", "pear"]);
    }
}
