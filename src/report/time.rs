//! Time for the report: Unix seconds (UTC), the units the report counts in (hour, day, week,
//! then weeks doubled), RFC 3339 read and written. No time zone database: a report is in UTC,
//! so that buckets from two machines line up when their reports merge.

use std::fmt;

/// Seconds in an hour, a day, a week.
const HOUR: i128 = 3_600;
const DAY: i128 = 86_400;
const WEEK: i128 = 7 * DAY;
/// Weeks begin on Monday (ISO 8601): 1970-01-05, the first Monday after the epoch.
const FIRST_MONDAY: i128 = 4 * DAY;
/// The coarsest level: 2^42 weeks (about 8.4e13 years) covers any `i64` of seconds in a
/// handful of buckets, so coarsening always ends.
pub(crate) const MAX_LEVEL: u8 = 2 + 42;

/// The length of a report's time buckets: an hour, a day, a week, or a power of two of weeks
/// (for spans too long to chart week by week). Buckets nest: an hour lies in one day, a day in
/// one week, a week in one pair of weeks, so counts per hour add up to counts per day exactly.
///
/// ```
/// use earshot::report::Unit;
/// assert_eq!(Unit::Day.seconds(), 86_400);
/// assert!(Unit::Hour < Unit::Day && Unit::Day < Unit::Week && Unit::Week < Unit::Weeks(2));
/// assert_eq!(Unit::Weeks(4).to_string(), "4 weeks");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Unit {
    /// One hour (UTC).
    Hour,
    /// One day (UTC midnight to midnight).
    Day,
    /// One week, Monday to Sunday (UTC).
    Week,
    /// A power of two of weeks (2, 4, 8, ...), aligned on Monday 1970-01-05.
    Weeks(u64),
}

impl Unit {
    /// The unit of a level: 0 hour, 1 day, 2 week, 2 + k: 2^k weeks.
    pub(crate) fn from_level(level: u8) -> Unit {
        match level {
            0 => Unit::Hour,
            1 => Unit::Day,
            2 => Unit::Week,
            k => Unit::Weeks(1u64 << (k.min(MAX_LEVEL) - 2)),
        }
    }

    /// The level of a unit (the inverse of [`from_level`](Self::from_level)); an unaligned
    /// count of weeks takes the next power of two.
    pub(crate) fn level(self) -> u8 {
        match self {
            Unit::Hour => 0,
            Unit::Day => 1,
            Unit::Week => 2,
            Unit::Weeks(n) => 2 + (n.max(1).next_power_of_two().trailing_zeros() as u8),
        }
        .min(MAX_LEVEL)
    }

    /// Its length in seconds.
    pub fn seconds(self) -> i128 {
        match self {
            Unit::Hour => HOUR,
            Unit::Day => DAY,
            Unit::Week => WEEK,
            Unit::Weeks(_) => WEEK << (self.level() - 2),
        }
    }

    /// Where its buckets are counted from.
    fn origin(self) -> i128 {
        match self {
            Unit::Hour | Unit::Day => 0,
            _ => FIRST_MONDAY,
        }
    }

    /// The index of the bucket holding `time` (Unix seconds).
    pub(crate) fn bucket(self, time: i64) -> i64 {
        // i128: `time - origin` cannot overflow; the quotient fits an i64 (a unit is ≥ 3,600 s).
        ((time as i128 - self.origin()).div_euclid(self.seconds())) as i64
    }

    /// The first second of bucket `index`, saturated to the `i64` range.
    pub(crate) fn start(self, index: i64) -> i64 {
        let start = index as i128 * self.seconds() + self.origin();
        start.clamp(i64::MIN as i128, i64::MAX as i128) as i64
    }

    /// The name of the unit in the report: `hour`, `day`, `week`, `2 weeks`...
    pub fn name(self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unit::Hour => f.write_str("hour"),
            Unit::Day => f.write_str("day"),
            Unit::Week => f.write_str("week"),
            Unit::Weeks(_) => write!(f, "{} weeks", self.seconds() / WEEK),
        }
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day since 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days as i128 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i128::from(month <= 2);
    (
        year.clamp(i64::MIN as i128, i64::MAX as i128) as i64,
        month,
        day,
    )
}

/// `time` (Unix seconds) in RFC 3339, UTC: `2026-11-23T09:30:00Z`.
///
/// ```
/// assert_eq!(earshot::report::format_time(0), "1970-01-01T00:00:00Z");
/// assert_eq!(earshot::report::format_time(1_795_305_600), "2026-11-22T00:00:00Z");
/// ```
pub fn format_time(time: i64) -> String {
    let days = time.div_euclid(86_400);
    let secs = time.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3_600,
        secs / 60 % 60,
        secs % 60
    )
}

/// Reads a time: RFC 3339 (`2026-11-23T09:30:00Z`, `2026-11-23T10:30:00.250+01:00`, a space
/// for the `T`, lower-case `t`/`z`), a bare date (`2026-11-23`, midnight UTC), or Unix seconds
/// (`1795420800`, `1795420800.5`). Fractions of a second are dropped. `None` when it is none of
/// these, or a date that does not exist.
///
/// ```
/// use earshot::report::parse_time;
/// assert_eq!(parse_time("1970-01-02T00:00:00Z"), Some(86_400));
/// assert_eq!(parse_time("1970-01-01T01:00:00+01:00"), Some(0));
/// assert_eq!(parse_time("1970-01-02"), Some(86_400));
/// assert_eq!(parse_time("86400"), Some(86_400));
/// assert_eq!(parse_time("2026-02-30T00:00:00Z"), None);
/// assert_eq!(parse_time("yesterday"), None);
/// ```
pub fn parse_time(text: &str) -> Option<i64> {
    let text = text.trim();
    if let Some(seconds) = parse_unix(text) {
        return Some(seconds);
    }
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = b.get(range)?;
        if part.is_empty() || !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(part).ok()?.parse().ok()
    };
    // YYYY-MM-DD
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (year, month, day) = (digits(0..4)?, digits(5..7)? as u32, digits(8..10)? as u32);
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let month_days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&month) || day == 0 || day > month_days[month as usize - 1] {
        return None;
    }
    let date = days_from_civil(year, month, day) * 86_400;
    if b.len() == 10 {
        return Some(date);
    }
    // [Tt ]HH:MM:SS
    if !matches!(b[10], b'T' | b't' | b' ') || b.len() < 19 || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (hour, minute, second) = (digits(11..13)?, digits(14..16)?, digits(17..19)?);
    // 60: a leap second, read as the next second.
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut rest = &b[19..];
    if let Some(fraction) = rest.strip_prefix(b".") {
        let n = fraction.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return None;
        }
        rest = &fraction[n..];
    }
    let offset = match rest {
        b"Z" | b"z" => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let field = [*h1, *h2, *m1, *m2];
            if !field.iter().all(u8::is_ascii_digit) {
                return None;
            }
            let hours = i64::from((h1 - b'0') * 10 + (h2 - b'0'));
            let minutes = i64::from((m1 - b'0') * 10 + (m2 - b'0'));
            if hours > 23 || minutes > 59 {
                return None;
            }
            let offset = hours * 3_600 + minutes * 60;
            if *sign == b'+' { offset } else { -offset }
        }
        _ => return None,
    };
    Some(date + hour * 3_600 + minute * 60 + second - offset)
}

/// Unix seconds written as a number (an optional sign, digits, an optional fraction).
fn parse_unix(text: &str) -> Option<i64> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = whole.strip_prefix(['-', '+']).unwrap_or(whole);
    if digits.is_empty()
        || !digits.bytes().all(|c| c.is_ascii_digit())
        || !fraction.bytes().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    whole.parse().ok()
}

/// A time from a number of Unix seconds (as JSON gives it): the whole seconds, `None` when it
/// is not finite or outside the `i64` range.
///
/// ```
/// use earshot::report::time_from_seconds;
/// assert_eq!(time_from_seconds(86_400.9), Some(86_400));
/// assert_eq!(time_from_seconds(f64::NAN), None);
/// assert_eq!(time_from_seconds(1e30), None);
/// ```
pub fn time_from_seconds(seconds: f64) -> Option<i64> {
    // 2^63 as f64 is exactly representable; anything at or above it does not fit.
    const LIMIT: f64 = 9_223_372_036_854_775_808.0;
    (seconds.is_finite() && (-LIMIT..LIMIT).contains(&seconds)).then(|| seconds.floor() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_through_days() {
        for days in (-800_000..800_000).step_by(37) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days, "{y}-{m}-{d}");
        }
    }

    #[test]
    fn times_are_read_and_written() {
        let cases = [
            ("2026-11-23T09:30:00Z", Some(1_795_426_200)),
            ("2026-11-23t09:30:00z", Some(1_795_426_200)),
            ("2026-11-23 09:30:00Z", Some(1_795_426_200)),
            ("2026-11-23T10:30:00+01:00", Some(1_795_426_200)),
            ("2026-11-23T04:00:00-05:30", Some(1_795_426_200)),
            ("2026-11-23T09:30:00.999Z", Some(1_795_426_200)),
            ("2024-02-29", Some(1_709_164_800)),
            ("1795426200", Some(1_795_426_200)),
            ("1795426200.75", Some(1_795_426_200)),
            ("-86400", Some(-86_400)),
            // near misses
            ("2023-02-29", None),
            ("2026-13-01", None),
            ("2026-11-23T24:00:00Z", None),
            ("2026-11-23T09:30:00", None),
            ("2026-11-23T09:30:00+1:00", None),
            ("2026-11-23T09:30:00.Z", None),
            ("2026-11-23T09:30Z", None),
            ("", None),
            ("12ab", None),
            ("99999999999999999999", None),
            ("٢٠٢٦-11-23", None),
        ];
        for (text, want) in cases {
            assert_eq!(parse_time(text), want, "{text:?}");
        }
        assert_eq!(format_time(1_795_426_200), "2026-11-23T09:30:00Z");
        assert_eq!(format_time(-1), "1969-12-31T23:59:59Z");
        // The extremes format without panicking.
        assert!(format_time(i64::MIN).ends_with('Z'));
        assert!(format_time(i64::MAX).ends_with('Z'));
    }

    #[test]
    fn buckets_nest_and_weeks_start_on_monday() {
        // 2026-11-23 is a Monday.
        let monday = parse_time("2026-11-23").unwrap();
        assert_eq!(
            Unit::Week.start(Unit::Week.bucket(monday + 3 * 86_400)),
            monday
        );
        assert_eq!(Unit::Week.bucket(monday - 1), Unit::Week.bucket(monday) - 1);
        for t in [i64::MIN, -1, 0, 1, monday, i64::MAX] {
            for level in 0..MAX_LEVEL {
                let (fine, coarse) = (Unit::from_level(level), Unit::from_level(level + 1));
                let start = fine.start(fine.bucket(t));
                // The fine bucket lies inside the coarse one.
                assert_eq!(coarse.bucket(start), coarse.bucket(t), "{t} level {level}");
                assert_eq!(Unit::from_level(level).level(), level);
            }
        }
    }
}
