//! Counts that merge exactly: a [`Tally`] of posts and their sentiment (integers only, so that
//! adding in any order or grouping gives the same bits), and [`Recent`], a value's share of
//! the latest and the previous bucket of each period unit, kept relative to the newest time it
//! has seen and aligned lazily when read or merged.

use crate::scorer::Label;

/// A compound score is summed in millionths: integer sums are associative, float sums are not
/// (merging partial reports in another grouping would change the last bits).
const MICROS: f64 = 1e6;

/// A compound score as an integer number of millionths (0 for a value that is not finite).
pub(crate) fn micros(compound: f64) -> i64 {
    if compound.is_finite() {
        (compound.clamp(-1.0, 1.0) * MICROS).round() as i64
    } else {
        0
    }
}

/// Posts counted, with their sentiment: labels counted, compounds summed in millionths.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Tally {
    pub posts: u64,
    pub positive: u64,
    pub neutral: u64,
    pub negative: u64,
    /// The sum of the compounds, in millionths.
    pub compound: i64,
}

impl Tally {
    /// A tally of one post.
    pub fn one(label: Label, compound: f64) -> Tally {
        Tally {
            posts: 1,
            positive: u64::from(label == Label::Positive),
            neutral: u64::from(label == Label::Neutral),
            negative: u64::from(label == Label::Negative),
            compound: micros(compound),
        }
    }

    /// The mean compound (0 when empty).
    pub fn mean(&self) -> f64 {
        if self.posts == 0 {
            0.0
        } else {
            self.compound as f64 / MICROS / self.posts as f64
        }
    }
}

/// What can be counted: added, and empty by default.
pub(crate) trait Count: Copy + Default {
    fn add(&mut self, other: &Self);
}

impl Count for u32 {
    fn add(&mut self, other: &u32) {
        *self = self.saturating_add(*other);
    }
}

impl Count for u64 {
    fn add(&mut self, other: &u64) {
        *self = self.saturating_add(*other);
    }
}

impl Count for Tally {
    fn add(&mut self, other: &Tally) {
        self.posts += other.posts;
        self.positive += other.positive;
        self.neutral += other.neutral;
        self.negative += other.negative;
        self.compound = self.compound.saturating_add(other.compound);
    }
}

/// The period units whose latest and previous buckets are kept: hour, day, week (levels 0, 1,
/// 2 of [`Unit`](super::Unit)). A report's period is one of them.
pub(crate) const PERIOD_UNITS: usize = 3;

/// A value's counts in the latest and the previous bucket of each period unit, relative to
/// `at`, the newest bucket this value has seen for that unit. Another value may have seen a
/// newer one: [`get`](Self::get) reads it against the report's newest bucket, and
/// [`merge`](Self::merge) aligns both sides first. Posts older than the previous bucket count
/// only in the totals kept beside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Recent<T> {
    at: [i64; PERIOD_UNITS],
    latest: [T; PERIOD_UNITS],
    previous: [T; PERIOD_UNITS],
}

impl<T: Count> Default for Recent<T> {
    fn default() -> Self {
        Recent {
            at: [i64::MIN; PERIOD_UNITS],
            latest: [T::default(); PERIOD_UNITS],
            previous: [T::default(); PERIOD_UNITS],
        }
    }
}

impl<T: Count> Recent<T> {
    /// Adds `value` in bucket `buckets[u]` of each unit `u`.
    pub fn add(&mut self, buckets: &[i64; PERIOD_UNITS], value: &T) {
        for (u, &bucket) in buckets.iter().enumerate() {
            let at = self.at[u];
            if bucket == at {
                self.latest[u].add(value);
            } else if bucket > at {
                // A newer bucket: the latest becomes the previous if it is the one just before.
                self.previous[u] = if at != i64::MIN && bucket == at + 1 {
                    self.latest[u]
                } else {
                    T::default()
                };
                self.latest[u] = *value;
                self.at[u] = bucket;
            } else if bucket == at - 1 {
                self.previous[u].add(value);
            }
        }
    }

    /// The newest bucket seen for each unit (`i64::MIN`: none), and the counts kept.
    pub fn parts(&self) -> (&[i64; PERIOD_UNITS], impl Iterator<Item = &T>) {
        (&self.at, self.latest.iter().chain(&self.previous))
    }

    /// (latest, previous) for unit `u` when the report's newest bucket is `newest`.
    pub fn get(&self, u: usize, newest: i64) -> (T, T) {
        let at = self.at[u];
        if at == newest {
            (self.latest[u], self.previous[u])
        } else if at != i64::MIN && at == newest - 1 {
            (T::default(), self.latest[u])
        } else {
            (T::default(), T::default())
        }
    }

    /// Adds `other`'s counts, both aligned on the newer of their newest buckets.
    pub fn merge(&mut self, other: &Recent<T>) {
        for u in 0..PERIOD_UNITS {
            let at = self.at[u].max(other.at[u]);
            let (mut latest, mut previous) = self.get(u, at);
            let (l, p) = other.get(u, at);
            latest.add(&l);
            previous.add(&p);
            self.at[u] = at;
            self.latest[u] = latest;
            self.previous[u] = previous;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_counts_follow_the_newest_bucket() {
        let mut r = Recent::<u32>::default();
        r.add(&[10, 10, 10], &1);
        r.add(&[11, 10, 10], &2);
        r.add(&[9, 10, 10], &4); // too old for unit 0: totals only
        r.add(&[10, 9, 10], &8); // the previous hour
        assert_eq!(r.get(0, 11), (2, 9));
        assert_eq!(r.get(0, 12), (0, 2));
        assert_eq!(r.get(0, 13), (0, 0));
        assert_eq!(r.get(1, 10), (7, 8));
        assert_eq!(r.get(2, 10), (15, 0));
        // A jump of two buckets leaves nothing in the previous one.
        r.add(&[13, 10, 10], &16);
        assert_eq!(r.get(0, 13), (16, 0));
    }

    #[test]
    fn recent_merges_as_one_pass() {
        let adds: [([i64; 3], u32); 6] = [
            ([5, 1, 0], 1),
            ([7, 1, 0], 2),
            ([6, 1, 0], 4),
            ([8, 2, 0], 8),
            ([3, 0, 0], 16),
            ([8, 2, 1], 32),
        ];
        let mut whole = Recent::<u32>::default();
        for (b, v) in &adds {
            whole.add(b, v);
        }
        for split in 0..=adds.len() {
            let (mut a, mut b) = (Recent::<u32>::default(), Recent::<u32>::default());
            for (bk, v) in &adds[..split] {
                a.add(bk, v);
            }
            for (bk, v) in &adds[split..] {
                b.add(bk, v);
            }
            let mut ba = b;
            a.merge(&b);
            ba.merge(&{
                let mut a2 = Recent::<u32>::default();
                for (bk, v) in &adds[..split] {
                    a2.add(bk, v);
                }
                a2
            });
            for u in 0..3 {
                for newest in [0, 1, 2, 7, 8] {
                    assert_eq!(a.get(u, newest), whole.get(u, newest), "split {split}");
                    assert_eq!(ba.get(u, newest), whole.get(u, newest), "split {split}");
                }
            }
        }
    }
}
