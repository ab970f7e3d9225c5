//! Conversions between the model's Rust values and the database's column values.

use std::time::{SystemTime, UNIX_EPOCH};

use dossier_extract::date::civil_from_days;
use dossier_extract::{Bound, ConflictField, Count, Edtf, Term};

use crate::error::{Error, Result};

/// A u64 (document id, count) as an SQL INTEGER.
pub(crate) fn u64_to_sql(value: u64, what: &str) -> Result<i64> {
    i64::try_from(value).map_err(|_| Error::Unstorable(format!("{what} {value}: out of range")))
}

/// A usize (index, byte offset) as an SQL INTEGER.
pub(crate) fn usize_to_sql(value: usize, what: &str) -> Result<i64> {
    i64::try_from(value).map_err(|_| Error::Unstorable(format!("{what} {value}: out of range")))
}

pub(crate) fn sql_to_u64(value: i64, what: &str) -> Result<u64> {
    u64::try_from(value).map_err(|_| Error::Corrupt(format!("negative {what} {value}")))
}

pub(crate) fn sql_to_usize(value: i64, what: &str) -> Result<usize> {
    usize::try_from(value).map_err(|_| Error::Corrupt(format!("{what} {value} out of range")))
}

/// The EDTF string of a date, refusing one that would not parse back to the same value.
pub(crate) fn edtf_to_sql(date: &Edtf) -> Result<String> {
    let text = date.to_string();
    if Edtf::parse(&text) == Some(*date) {
        Ok(text)
    } else {
        Err(Error::Unstorable(format!("date {text}: does not read back as the same date")))
    }
}

pub(crate) fn sql_to_edtf(text: &str) -> Result<Edtf> {
    Edtf::parse(text).ok_or_else(|| Error::Corrupt(format!("not an EDTF date: {text:?}")))
}

pub(crate) fn bound_to_sql(bound: Bound) -> &'static str {
    match bound {
        Bound::Exact => "exact",
        Bound::About => "about",
        Bound::AtLeast => "at_least",
        Bound::MoreThan => "more_than",
        Bound::AtMost => "at_most",
        Bound::FewerThan => "fewer_than",
    }
}

pub(crate) fn sql_to_bound(text: &str) -> Result<Bound> {
    Ok(match text {
        "exact" => Bound::Exact,
        "about" => Bound::About,
        "at_least" => Bound::AtLeast,
        "more_than" => Bound::MoreThan,
        "at_most" => Bound::AtMost,
        "fewer_than" => Bound::FewerThan,
        _ => return Err(Error::Corrupt(format!("unknown count bound {text:?}"))),
    })
}

/// The (count_value, count_bound) column pair of an optional count.
pub(crate) fn count_to_sql(count: Option<Count>) -> Result<(Option<i64>, Option<&'static str>)> {
    match count {
        Some(c) => Ok((Some(u64_to_sql(c.value, "count")?), Some(bound_to_sql(c.bound)))),
        None => Ok((None, None)),
    }
}

pub(crate) fn sql_to_count(value: Option<i64>, bound: Option<String>) -> Result<Option<Count>> {
    match (value, bound) {
        (Some(v), Some(b)) => Ok(Some(Count { value: sql_to_u64(v, "count")?, bound: sql_to_bound(&b)? })),
        (None, None) => Ok(None),
        _ => Err(Error::Corrupt("count without its bound, or bound without count".into())),
    }
}

pub(crate) fn sql_to_conflict_field(text: &str) -> Result<ConflictField> {
    Ok(match text {
        "date" => ConflictField::Date,
        "count" => ConflictField::Count,
        "amount" => ConflictField::Amount,
        "term" => ConflictField::Term,
        "place" => ConflictField::Place,
        _ => return Err(Error::Corrupt(format!("unknown conflict field {text:?}"))),
    })
}

/// Parses the ISO 8601 durations [`Term::iso`] writes (`P2Y6M`, `P10D`, `P0D`).
pub(crate) fn parse_term(text: &str) -> Option<Term> {
    let mut rest = text.strip_prefix('P')?;
    if rest.is_empty() {
        return None;
    }
    let mut term = Term::default();
    // Units must come in Y, M, D order, each at most once.
    let mut next_unit = 0;
    while !rest.is_empty() {
        let digits = rest.find(|c: char| !c.is_ascii_digit())?;
        if digits == 0 {
            return None;
        }
        let value: u32 = rest[..digits].parse().ok()?;
        let unit = rest[digits..].chars().next()?;
        let slot = match unit {
            'Y' => 0,
            'M' => 1,
            'D' => 2,
            _ => return None,
        };
        if slot < next_unit {
            return None;
        }
        next_unit = slot + 1;
        match slot {
            0 => term.years = value,
            1 => term.months = value,
            _ => term.days = value,
        }
        rest = &rest[digits + 1..];
    }
    Some(term)
}

pub(crate) fn sql_to_term(text: &str) -> Result<Term> {
    parse_term(text).ok_or_else(|| Error::Corrupt(format!("not an ISO 8601 duration: {text:?}")))
}

/// Seconds since the Unix epoch as an RFC 3339 UTC timestamp (`2024-05-01T12:34:56Z`).
pub(crate) fn rfc3339(unix_seconds: i64) -> String {
    let days = unix_seconds.div_euclid(86_400);
    let secs = unix_seconds.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", secs / 3600, secs % 3600 / 60, secs % 60)
}

/// The current time as an RFC 3339 UTC timestamp; a clock before 1970 reads as the epoch.
pub(crate) fn now_rfc3339() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX / 2))
        .unwrap_or(0);
    rfc3339(secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_read_back_as_written() {
        for term in [
            Term::default(),
            Term { years: 2, months: 6, days: 0 },
            Term { years: 0, months: 0, days: 10 },
            Term { years: 1, months: 0, days: 3 },
            Term { years: u32::MAX, months: u32::MAX, days: u32::MAX },
        ] {
            assert_eq!(parse_term(&term.iso()), Some(term), "{}", term.iso());
        }
        for bad in ["", "P", "2Y", "PY", "P2", "P2X", "P1D2Y", "P1Y1Y", "P-1Y", "P99999999999Y"] {
            assert_eq!(parse_term(bad), None, "{bad}");
        }
    }

    #[test]
    fn bounds_match_their_serde_names() {
        for bound in [Bound::Exact, Bound::About, Bound::AtLeast, Bound::MoreThan, Bound::AtMost, Bound::FewerThan] {
            let serde_name = serde_json::to_value(bound).unwrap();
            assert_eq!(serde_name, bound_to_sql(bound));
            assert_eq!(sql_to_bound(bound_to_sql(bound)).unwrap(), bound);
        }
        assert!(sql_to_bound("roughly").is_err());
    }

    #[test]
    fn conflict_fields_read_back() {
        for field in [
            ConflictField::Date,
            ConflictField::Count,
            ConflictField::Amount,
            ConflictField::Term,
            ConflictField::Place,
        ] {
            assert_eq!(sql_to_conflict_field(field.as_str()).unwrap(), field);
        }
    }

    #[test]
    fn timestamps_are_rfc3339_utc() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400 + 3661), "2000-02-29T01:01:01Z");
        assert_eq!(now_rfc3339().len(), 20);
    }

    #[test]
    fn ids_past_i64_are_refused() {
        assert!(u64_to_sql(u64::MAX, "document id").is_err());
        assert_eq!(u64_to_sql(7, "document id").unwrap(), 7);
        assert!(sql_to_u64(-1, "document id").is_err());
    }
}
