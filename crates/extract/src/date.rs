//! Calendar values in the EDTF subset the record uses: a day, a month, a year, or an interval.

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar point at day, month or year precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CalDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl CalDate {
    pub fn ymd(year: i32, month: u8, day: u8) -> Option<Self> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)).then_some(CalDate {
            year,
            month: Some(month),
            day: Some(day),
        })
    }
    pub fn ym(year: i32, month: u8) -> Option<Self> {
        (1..=12).contains(&month).then_some(CalDate { year, month: Some(month), day: None })
    }
    pub fn y(year: i32) -> Self {
        CalDate { year, month: None, day: None }
    }

    /// First day covered, as (year, month, day).
    pub fn first_day(&self) -> (i32, u8, u8) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// Last day covered, as (year, month, day).
    pub fn last_day(&self) -> (i32, u8, u8) {
        let m = self.month.unwrap_or(12);
        (self.year, m, self.day.unwrap_or_else(|| days_in_month(self.year, m)))
    }

    /// Days since 1970-01-01 of the first day covered.
    pub fn first_ordinal(&self) -> i64 {
        let (y, m, d) = self.first_day();
        days_from_civil(y, m, d)
    }

    pub fn last_ordinal(&self) -> i64 {
        let (y, m, d) = self.last_day();
        days_from_civil(y, m, d)
    }

    pub fn from_ordinal(n: i64) -> Self {
        let (y, m, d) = civil_from_days(n);
        CalDate { year: y, month: Some(m), day: Some(d) }
    }
}

impl fmt::Display for CalDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

/// An EDTF level-0 date or interval, serialised as its string form (`2017-01-21`,
/// `2017-01`, `2017`, `2017-01-05/2017-01-21`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Edtf {
    pub start: CalDate,
    pub end: Option<CalDate>,
}

impl Edtf {
    pub fn point(d: CalDate) -> Self {
        Edtf { start: d, end: None }
    }
    pub fn interval(a: CalDate, b: CalDate) -> Self {
        if a == b {
            Edtf::point(a)
        } else {
            Edtf { start: a, end: Some(b) }
        }
    }
    pub fn first_ordinal(&self) -> i64 {
        self.start.first_ordinal()
    }
    pub fn last_ordinal(&self) -> i64 {
        self.end.unwrap_or(self.start).last_ordinal()
    }
    /// Whether the two cover at least one common day.
    pub fn overlaps(&self, other: &Edtf) -> bool {
        self.first_ordinal() <= other.last_ordinal() && other.first_ordinal() <= self.last_ordinal()
    }
    /// Whether every day of `self` lies inside `other`.
    pub fn within(&self, other: &Edtf) -> bool {
        other.first_ordinal() <= self.first_ordinal() && self.last_ordinal() <= other.last_ordinal()
    }
    /// Whether this is one day, told to the day.
    pub fn is_single_day(&self) -> bool {
        self.end.is_none() && self.start.day.is_some()
    }
    /// Number of days covered; a smaller span is a more precise date.
    pub fn width(&self) -> i64 {
        self.last_ordinal() - self.first_ordinal() + 1
    }
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        if let Some((a, b)) = s.split_once('/') {
            let a = Edtf::parse(a)?;
            let b = Edtf::parse(b)?;
            return Some(Edtf::interval(a.start, b.end.unwrap_or(b.start)));
        }
        let mut parts = s.split('-');
        let year: i32 = parts.next()?.parse().ok()?;
        if !(0..=9999).contains(&year) {
            return None;
        }
        let month = match parts.next() {
            Some(m) => Some(m.parse::<u8>().ok()?),
            None => None,
        };
        let day = match parts.next() {
            Some(d) => Some(d.parse::<u8>().ok()?),
            None => None,
        };
        if parts.next().is_some() {
            return None;
        }
        let d = match (month, day) {
            (Some(m), Some(d)) => CalDate::ymd(year, m, d)?,
            (Some(m), None) => CalDate::ym(year, m)?,
            _ => CalDate::y(year),
        };
        Some(Edtf::point(d))
    }
}

impl PartialOrd for Edtf {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Edtf {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.first_ordinal(), self.last_ordinal()).cmp(&(other.first_ordinal(), other.last_ordinal()))
    }
}

impl fmt::Display for Edtf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.end {
            Some(e) => write!(f, "{}/{}", self.start, e),
            None => write!(f, "{}", self.start),
        }
    }
}

impl Serialize for Edtf {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Edtf {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Edtf::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("not an EDTF date: {s}")))
    }
}

pub fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub fn days_in_month(y: i32, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's civil calendar algorithm).
pub fn days_from_civil(y: i32, m: u8, d: u8) -> i64 {
    let y = if m <= 2 { y as i64 - 1 } else { y as i64 };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

pub fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    ((if m <= 2 { y + 1 } else { y }) as i32, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_edtf_forms() {
        for s in ["2017-01-21", "2017-01", "2017", "2017-01-05/2017-01-21", "2019-10/2019-11"] {
            assert_eq!(Edtf::parse(s).unwrap().to_string(), s);
        }
        assert!(Edtf::parse("2017-02-30").is_none());
        assert!(Edtf::parse("2017-13").is_none());
        assert!(Edtf::parse("soon").is_none());
    }

    #[test]
    fn month_contains_its_days() {
        let day = Edtf::parse("2017-01-21").unwrap();
        let month = Edtf::parse("2017-01").unwrap();
        assert!(day.within(&month));
        assert!(!month.within(&day));
        assert!(day.overlaps(&month));
        assert!(!day.overlaps(&Edtf::parse("2017-01-20").unwrap()));
    }

    #[test]
    fn ordinals_are_calendar_true() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(civil_from_days(days_from_civil(2016, 2, 29)), (2016, 2, 29));
        assert_eq!(days_from_civil(2017, 3, 1) - days_from_civil(2017, 2, 28), 1);
    }
}
