//! Rounding. One policy for every number earshot serializes: valences — a compound score, a
//! word's base and final valence — to 4 decimals; proportions, confidences and other scores in
//! [0, 1] to 3. That is VADER's own precision, so the VADER preset (which rounds its values as
//! vaderSentiment does) and the default preset print alike. Values in the library keep their
//! full precision, apart from the VADER preset's (parity with vaderSentiment includes its
//! rounding). Ties go to even, decided on the exact binary value, as Python's `round` does.

/// `x` rounded to `digits` decimals, ties to even, decided on the exact binary value — what
/// Python's `round(x, digits)` returns. Exact for |x| < 2^30 / 10^digits.
#[inline]
pub(crate) fn round_half_even(x: f64, digits: i32) -> f64 {
    let scale = 10f64.powi(digits);
    let y = x * scale;
    // The nearest integer to y, by adding and taking away 1.5 × 2^52 (for |y| < 2^51 the sum
    // has no fraction bits left, and the hardware rounds it to nearest): two additions, where
    // `floor` and `round` are library calls on x86-64's baseline, which has no instruction
    // for them. Far from a tie every rounding agrees; near one, the exact path below decides.
    const SHIFT: f64 = 6_755_399_441_055_744.0;
    if y.abs() < 2_251_799_813_685_248.0 {
        // The sign kept: a small negative value rounds to -0, as Python's `round` gives.
        let nearest = ((y + SHIFT) - SHIFT).copysign(y);
        if ((y - nearest).abs() - 0.5).abs() > 1e-6 {
            return nearest / scale;
        }
    }
    round_near_tie(x, y, scale)
}

/// [`round_half_even`] for `y = x × scale` near a tie (or huge): decided on the exact value.
#[cold]
fn round_near_tie(x: f64, y: f64, scale: f64) -> f64 {
    // x * scale == y + err exactly (the error of one rounded product, recovered by FMA).
    let err = x.mul_add(scale, -y);
    let floor = y.floor();
    let frac = y - floor;
    let rounded = if (frac - 0.5).abs() > 1e-6 {
        // Far from a tie: the rounding error cannot change the answer.
        y.round()
    } else {
        // Near a tie: decide on the exact value. (y - (floor + 0.5)) is exact here.
        let d = (y - (floor + 0.5)) + err;
        // Up when above the half, or exactly on it with an odd floor (ties to even).
        let up = d > 0.0 || (d == 0.0 && floor % 2.0 != 0.0);
        if up { floor + 1.0 } else { floor }
    };
    rounded / scale
}

/// Decimals of a serialized valence (a compound score, a word's valence).
pub(crate) const COMPOUND_DECIMALS: i32 = 4;
/// Decimals of a serialized proportion, confidence or other score in [0, 1].
pub(crate) const SCORE_DECIMALS: i32 = 3;

/// `x` at `digits` decimals for output; a non-finite value passes through (serde_json writes it
/// as null).
pub(crate) fn rounded(x: f64, digits: i32) -> f64 {
    if x.is_finite() {
        round_half_even(x, digits)
    } else {
        x
    }
}

/// Serializes a valence at [`COMPOUND_DECIMALS`] (for `#[serde(serialize_with)]`).
pub(crate) fn serialize_compound<S: serde::Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(rounded(*x, COMPOUND_DECIMALS))
}

/// Serializes a proportion, confidence or score at [`SCORE_DECIMALS`].
pub(crate) fn serialize_score<S: serde::Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(rounded(*x, SCORE_DECIMALS))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Python's `round` agrees with Rust's exact decimal formatting (also ties-to-even on the
    /// exact binary value); check the fast path against it on many values, ties included.
    #[test]
    fn round_half_even_matches_exact_formatting() {
        let mut values = vec![
            0.0625,
            0.1875,
            0.3125,
            -0.0625,
            0.5,
            0.4405,
            0.00005,
            0.99995,
            -0.12345,
            // Small negatives round to -0; -0 stays -0; the largest values of the fast path.
            -0.00001,
            -0.0004,
            -0.0,
            0.0,
            1e5,
            -1e5,
            224_999.999_95,
            -0.00005,
        ];
        let mut state = 0x2545F4914F6CDD1Du64;
        for _ in 0..200_000 {
            state = crate::util::xorshift64(state);
            values.push((state >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0);
        }
        for k in 0..20_000 {
            values.push(k as f64 / 16_384.0);
        }
        for x in values {
            for digits in [3, 4] {
                let want: f64 = format!("{:.*}", digits as usize, x).parse().unwrap();
                let got = round_half_even(x, digits);
                assert_eq!(got, want, "round({x}, {digits})");
                // Equal as numbers is not enough: -0 and 0 print differently.
                assert_eq!(
                    got.is_sign_negative(),
                    want.is_sign_negative(),
                    "round({x}, {digits})"
                );
            }
        }
    }
}
