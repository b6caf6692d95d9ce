//! Timestamps as the service writes them, which vary from field to field.
//!
//! The API reference documents `2021-03-04T14:50:02+08:00`, `2021-03-04 14:50:02` and
//! `2019-10-25T15:37:27` for different fields. A [`Timestamp`] keeps the text exactly as it came,
//! so decoding never fails and encoding gives it back unchanged, and reads it as a point in time
//! on request. Times without an offset are UTC, as the reference states for these fields.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A timestamp: the service's text, readable as a [`SystemTime`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Timestamp(String);

crate::text::text_newtype!(Timestamp, deserialize_from_string);

impl Timestamp {
    /// The point in time, when the text is `YYYY-MM-DD` then `T` or a space, then `hh:mm:ss`,
    /// optionally fractional seconds, then optionally `Z` or `±hh:mm`.
    pub fn to_system_time(&self) -> Option<SystemTime> {
        parse(&self.0)
    }
}

/// Any text, as it is kept: so that a response header can be typed as a timestamp too.
impl std::str::FromStr for Timestamp {
    type Err = std::convert::Infallible;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Ok(Timestamp(text.to_owned()))
    }
}

/// `YYYY-MM-DDThh:mm:ss` in UTC, the format the query parameters take.
impl From<SystemTime> for Timestamp {
    fn from(time: SystemTime) -> Self {
        let seconds = time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let (days, second_of_day) = (seconds / 86_400, seconds % 86_400);
        let (year, month, day) = crate::signing::civil_from_days(days as i64);
        Timestamp(format!(
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
            second_of_day / 3600,
            second_of_day / 60 % 60,
            second_of_day % 60
        ))
    }
}

fn parse(text: &str) -> Option<SystemTime> {
    let bytes = text.trim().as_bytes();
    let number = |range: std::ops::Range<usize>| -> Option<u64> {
        let digits = bytes.get(range)?;
        digits
            .iter()
            .all(u8::is_ascii_digit)
            .then(|| digits.iter().fold(0, |n, d| n * 10 + u64::from(d - b'0')))
    };
    let separators_ok = bytes.get(4) == Some(&b'-')
        && bytes.get(7) == Some(&b'-')
        && matches!(bytes.get(10), Some(b'T' | b't' | b' '))
        && bytes.get(13) == Some(&b':')
        && bytes.get(16) == Some(&b':');
    if !separators_ok {
        return None;
    }
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut rest = &bytes[19..];
    let mut nanos = 0u32;
    if let Some(fraction) = rest.strip_prefix(b".") {
        let digits = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 {
            return None;
        }
        for (i, d) in fraction[..digits.min(9)].iter().enumerate() {
            nanos += u32::from(d - b'0') * 10u32.pow(8 - i as u32);
        }
        rest = &fraction[digits..];
    }
    let offset_seconds: i64 = match rest {
        [] | [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let two = |a: u8, b: u8| -> Option<i64> {
                (a.is_ascii_digit() && b.is_ascii_digit())
                    .then(|| i64::from((a - b'0') * 10 + (b - b'0')))
            };
            let offset = two(*h1, *h2)? * 3600 + two(*m1, *m2)? * 60;
            if *sign == b'+' { offset } else { -offset }
        }
        _ => return None,
    };
    let days = days_from_civil(year as i64, month as u32, day as u32);
    let local = days * 86_400 + (hour * 3600 + minute * 60 + second) as i64;
    let utc = u64::try_from(local - offset_seconds).ok()?;
    Some(UNIX_EPOCH + Duration::new(utc, nanos))
}

/// (year, month, day) → days since 1970-01-01, from Howard Hinnant's `days_from_civil`.
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let month_index = i64::from(if month > 2 { month - 3 } else { month + 9 });
    let day_of_year = (153 * month_index + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seconds(text: &str) -> Option<u64> {
        Timestamp::from(text)
            .to_system_time()
            .map(|t| t.duration_since(UNIX_EPOCH).unwrap().as_secs())
    }

    #[test]
    fn every_documented_form_reads_as_the_same_instant() {
        // 2021-03-04T06:50:02Z.
        assert_eq!(seconds("2021-03-04T14:50:02+08:00"), Some(1_614_840_602));
        assert_eq!(seconds("2021-03-04 06:50:02"), Some(1_614_840_602));
        assert_eq!(seconds("2021-03-04T06:50:02"), Some(1_614_840_602));
        assert_eq!(seconds("2021-03-04T06:50:02Z"), Some(1_614_840_602));
        assert_eq!(seconds("2021-03-04T01:50:02-05:00"), Some(1_614_840_602));
    }

    #[test]
    fn other_text_is_kept_but_has_no_time() {
        assert_eq!(seconds("yesterday"), None);
        assert_eq!(seconds("2021-13-04T06:50:02"), None);
        assert_eq!(Timestamp::from("yesterday").as_str(), "yesterday");
    }

    #[test]
    fn system_times_format_as_the_query_parameters_want() {
        let time = UNIX_EPOCH + Duration::from_secs(1_795_344_180);
        assert_eq!(Timestamp::from(time).as_str(), "2026-11-22T10:43:00");
        assert_eq!(Timestamp::from(time).to_system_time(), Some(time));
    }
}
