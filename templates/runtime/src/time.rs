//! Timestamps as the service writes them, which vary from field to field.
//!
//! The API reference documents `2021-03-04T14:50:02+08:00`, `2021-03-04 14:50:02` and
//! `2019-10-25T15:37:27` for different fields. A [`Timestamp`] keeps the text exactly as it came,
//! so decoding never fails and encoding gives it back unchanged, and reads it as a point in time
//! on request. Times without an offset are UTC, as the reference states for these fields.

use std::time::{SystemTime, UNIX_EPOCH};

use ::time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

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
        let utc = utc(time);
        Timestamp(format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            utc.year(),
            u8::from(utc.month()),
            utc.day(),
            utc.hour(),
            utc.minute(),
            utc.second()
        ))
    }
}

/// A clock's time as a calendar date and time of day in UTC. A time before 1970 counts as 1970
/// and one after 9999 as the last second of 9999: no clock that signs a request is either, and
/// this way formatting a time can never fail.
pub(crate) fn utc(time: SystemTime) -> OffsetDateTime {
    let since_epoch = time.duration_since(UNIX_EPOCH).unwrap_or_default();
    ::time::Duration::try_from(since_epoch)
        .ok()
        .and_then(|elapsed| OffsetDateTime::UNIX_EPOCH.checked_add(elapsed))
        .unwrap_or_else(|| PrimitiveDateTime::MAX.assume_utc())
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
    let offset_seconds: i32 = match rest {
        [] | [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let two = |a: u8, b: u8| -> Option<i32> {
                (a.is_ascii_digit() && b.is_ascii_digit())
                    .then(|| i32::from((a - b'0') * 10 + (b - b'0')))
            };
            let offset = two(*h1, *h2)? * 3600 + two(*m1, *m2)? * 60;
            if *sign == b'+' { offset } else { -offset }
        }
        _ => return None,
    };
    // The calendar (month lengths, leap years) and the arithmetic are the `time` crate's.
    let date = Date::from_calendar_date(
        i32::try_from(year).ok()?,
        Month::try_from(u8::try_from(month).ok()?).ok()?,
        u8::try_from(day).ok()?,
    )
    .ok()?;
    // RFC 3339 allows a leap second (`:60`), which `time` does not represent: it reads as the
    // second after `:59`, as the calendar arithmetic before `time` read it.
    let leap_second = second == 60;
    let clock = Time::from_hms_nano(
        u8::try_from(hour).ok()?,
        u8::try_from(minute).ok()?,
        u8::try_from(if leap_second { 59 } else { second }).ok()?,
        nanos,
    )
    .ok()?;
    let offset = UtcOffset::from_whole_seconds(offset_seconds).ok()?;
    let instant = SystemTime::from(PrimitiveDateTime::new(date, clock).assume_offset(offset));
    Some(if leap_second {
        instant + std::time::Duration::from_secs(1)
    } else {
        instant
    })
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

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
    fn a_leap_second_reads_as_the_next_second() {
        // 2016-12-31T23:59:60Z, the last leap second, then 2017-01-01T00:00:00Z.
        assert_eq!(seconds("2016-12-31T23:59:60Z"), Some(1_483_228_800));
        assert_eq!(seconds("2017-01-01T00:00:00Z"), Some(1_483_228_800));
    }

    #[test]
    fn other_text_is_kept_but_has_no_time() {
        assert_eq!(seconds("yesterday"), None);
        assert_eq!(seconds("2021-13-04T06:50:02"), None);
        assert_eq!(seconds("2021-02-29T06:50:02"), None, "2021 is no leap year");
        assert_eq!(seconds("2021-03-04T24:00:00"), None);
        assert_eq!(seconds("2021-03-04T06:50:61Z"), None);
        assert_eq!(Timestamp::from("yesterday").as_str(), "yesterday");
    }

    #[test]
    fn system_times_format_as_the_query_parameters_want() {
        let time = UNIX_EPOCH + Duration::from_secs(1_795_344_180);
        assert_eq!(Timestamp::from(time).as_str(), "2026-11-22T10:43:00");
        assert_eq!(Timestamp::from(time).to_system_time(), Some(time));
    }
}
