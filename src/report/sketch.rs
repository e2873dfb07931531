//! Bounded summaries that merge exactly: [`Distinct`], a HyperLogLog count of distinct values
//! (authors), and [`TopK`], the `k` best items under a total order (the most urgent posts, a
//! category's examples).

use std::hash::BuildHasher;

use crate::util::FastHash;

/// Registers of the distinct-count sketch: 2^12, 4 KiB, a standard error of 1.04/√4096 ≈ 1.6%.
const REGISTER_BITS: u32 = 12;
const REGISTERS: usize = 1 << REGISTER_BITS;

/// A HyperLogLog sketch (Flajolet et al. 2007) with the small-range correction (linear
/// counting below 2.5 m). Merging takes the larger of each register: exact, associative and
/// commutative, so a merged sketch is the sketch of one pass.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Distinct {
    registers: Box<[u8; REGISTERS]>,
}

impl Default for Distinct {
    fn default() -> Distinct {
        Distinct {
            registers: Box::new([0; REGISTERS]),
        }
    }
}

impl std::fmt::Debug for Distinct {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Distinct(~{})", self.estimate())
    }
}

impl Distinct {
    pub fn add(&mut self, value: &str) {
        let hash = FastHash::default().hash_one(value);
        let index = (hash >> (64 - REGISTER_BITS)) as usize;
        // The rank of the first 1 bit in the remaining bits (a guard bit bounds it).
        let rest = (hash << REGISTER_BITS) | (1 << (REGISTER_BITS - 1));
        let rank = rest.leading_zeros() as u8 + 1;
        let register = &mut self.registers[index];
        *register = (*register).max(rank);
    }

    pub fn merge(&mut self, other: &Distinct) {
        for (mine, theirs) in self.registers.iter_mut().zip(other.registers.iter()) {
            *mine = (*mine).max(*theirs);
        }
    }

    /// The registers, one byte each.
    pub fn registers(&self) -> &[u8] {
        &self.registers[..]
    }

    /// A sketch with these registers; `None` unless there are exactly as many as a sketch has
    /// and each holds a rank a hash can give (at most 64 − 12 + 1).
    pub fn from_registers(registers: &[u8]) -> Option<Distinct> {
        let registers: [u8; REGISTERS] = registers.try_into().ok()?;
        let max_rank = (64 - REGISTER_BITS + 1) as u8;
        registers.iter().all(|&r| r <= max_rank).then(|| Distinct {
            registers: Box::new(registers),
        })
    }

    /// The estimated number of distinct values added.
    pub fn estimate(&self) -> u64 {
        let m = REGISTERS as f64;
        let alpha = 0.7213 / (1.0 + 1.079 / m);
        let sum: f64 = self.registers.iter().map(|&r| (-(r as f64)).exp2()).sum();
        let raw = alpha * m * m / sum;
        let zeros = self.registers.iter().filter(|&&r| r == 0).count();
        let estimate = if raw <= 2.5 * m && zeros > 0 {
            m * (m / zeros as f64).ln()
        } else {
            raw
        };
        estimate.round() as u64
    }
}

/// The `k` greatest distinct items by `K`, a total order (so that the kept set does not depend
/// on the order items arrive in or on how partial reports are grouped: the top `k` of a union
/// is the top `k` of the tops). Keys are made unique enough by the caller (a hash of all an
/// item shows); an item whose key is already kept is the same item and is not kept twice (a
/// post seen twice is listed once).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct TopK<K, T> {
    k: usize,
    /// Unordered; at most `k`.
    items: Vec<(K, T)>,
    /// The position of the least item in `items` once full.
    least: usize,
}

impl<K: Ord + Clone, T: Clone> TopK<K, T> {
    pub fn new(k: usize) -> TopK<K, T> {
        TopK {
            k,
            items: Vec::new(),
            least: 0,
        }
    }

    /// Whether an item with `key` would be kept: check before building an item that costs.
    pub fn admits(&self, key: &K) -> bool {
        let room =
            self.items.len() < self.k || self.items.get(self.least).is_some_and(|l| *key > l.0);
        room && !self.items.iter().any(|(kept, _)| kept == key)
    }

    /// Offers an item; `make` builds it only when it is kept.
    pub fn offer(&mut self, key: K, make: impl FnOnce() -> T) {
        if !self.admits(&key) {
            return;
        }
        if self.items.len() < self.k {
            self.items.push((key, make()));
        } else {
            self.items[self.least] = (key, make());
        }
        if self.items.len() == self.k {
            self.least = self
                .items
                .iter()
                .enumerate()
                .min_by(|a, b| a.1.0.cmp(&b.1.0))
                .map_or(0, |(i, _)| i);
        }
    }

    pub fn merge(&mut self, other: &TopK<K, T>) {
        for (key, item) in &other.items {
            self.offer(key.clone(), || item.clone());
        }
    }

    /// The items and their keys, in no particular order.
    pub fn items(&self) -> &[(K, T)] {
        &self.items
    }

    /// The items, greatest first.
    pub fn sorted(&self) -> Vec<&T> {
        let mut items: Vec<&(K, T)> = self.items.iter().collect();
        items.sort_by(|a, b| b.0.cmp(&a.0));
        items.into_iter().map(|(_, t)| t).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinct_counts_within_a_few_percent_and_merges_exactly() {
        let (mut a, mut b, mut all) = (
            Distinct::default(),
            Distinct::default(),
            Distinct::default(),
        );
        for i in 0..100_000 {
            let name = format!("author{i}");
            if i % 3 == 0 {
                a.add(&name)
            } else {
                b.add(&name)
            }
            all.add(&name);
            // Repeats change nothing.
            all.add(&name);
        }
        a.merge(&b);
        assert!(a == all);
        let estimate = all.estimate() as f64;
        assert!(
            (estimate - 100_000.0).abs() / 100_000.0 < 0.05,
            "{estimate}"
        );
        let mut few = Distinct::default();
        for name in ["ann", "bo", "cy", "ann"] {
            few.add(name);
        }
        assert_eq!(few.estimate(), 3);
        assert_eq!(Distinct::default().estimate(), 0);
    }

    #[test]
    fn top_k_keeps_the_greatest_in_any_order() {
        let keys = [5, 1, 9, 3, 7, 2, 8, 6, 4, 0];
        let mut forward = TopK::new(3);
        let mut backward = TopK::new(3);
        for k in keys {
            forward.offer(k, || k * 10);
        }
        for k in keys.iter().rev() {
            backward.offer(*k, || k * 10);
        }
        assert_eq!(forward.sorted(), [&90, &80, &70]);
        assert_eq!(backward.sorted(), [&90, &80, &70]);
        let mut merged = TopK::new(3);
        let mut low = TopK::new(3);
        for k in [1, 2, 9] {
            merged.offer(k, || k * 10);
        }
        for k in [8, 7, 0] {
            low.offer(k, || k * 10);
        }
        merged.merge(&low);
        assert_eq!(merged.sorted(), [&90, &80, &70]);
        assert!(!merged.admits(&6));
        // A key already kept is not kept twice.
        assert!(!merged.admits(&9));
        let mut dup = TopK::new(3);
        for k in [4, 4, 4, 1] {
            dup.offer(k, || k);
        }
        assert_eq!(dup.sorted(), [&4, &1]);
        let mut never = TopK::<i32, i32>::new(0);
        never.offer(1, || unreachable!("k = 0 keeps nothing"));
        assert!(never.sorted().is_empty());
    }
}
