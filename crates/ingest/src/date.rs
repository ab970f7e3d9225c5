//! Normalising metadata dates (HTML meta tags, JSON-LD, PDF Info) to "YYYY-MM-DD", "YYYY-MM" or "YYYY".
//!
//! Only machine-readable forms are accepted (ISO 8601 and its common
//! variants, PDF `D:` dates). Dates written in prose are the extraction
//! crate's business, not ours.

/// Days in `month` (1-12) of `year`, proleptic Gregorian calendar.
fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Formats the most precise valid prefix of (year, month, day).
/// Returns `None` when the year itself is not plausible.
fn format_ymd(year: u32, month: Option<u32>, day: Option<u32>) -> Option<String> {
    if !(1000..=9999).contains(&year) {
        return None;
    }
    let Some(month) = month.filter(|m| (1..=12).contains(m)) else {
        return Some(format!("{year:04}"));
    };
    match day.filter(|d| (1..=days_in_month(year, month)).contains(d)) {
        Some(day) => Some(format!("{year:04}-{month:02}-{day:02}")),
        None => Some(format!("{year:04}-{month:02}")),
    }
}

/// Parses exactly `n` ASCII digits at the start of `s`.
fn digits(s: &[u8], n: usize) -> Option<u32> {
    if s.len() < n || !s[..n].iter().all(u8::is_ascii_digit) {
        return None;
    }
    s[..n].iter().try_fold(0u32, |acc, d| Some(acc * 10 + u32::from(d - b'0')))
}

/// Normalises an ISO-8601-like date: `2017-04-11`, `2017-04-11T09:30:00+02:00`,
/// `2017-04`, `2017`, `2017/04/11`, `2017.04.11`, `20170411`.
///
/// A part that is out of range is dropped together with everything after it
/// (`2017-13-01` gives `2017`). Anything else gives `None`.
pub(crate) fn normalize_iso(s: &str) -> Option<String> {
    let b = s.trim().as_bytes();
    let year = digits(b, 4)?;
    let rest = &b[4..];
    let ends = |r: &[u8]| !matches!(r.first(), Some(c) if c.is_ascii_digit());
    match rest.first() {
        None => format_ymd(year, None, None),
        Some(&sep @ (b'-' | b'/' | b'.')) => {
            let rest = &rest[1..];
            let month = digits(rest, 2)?;
            let rest = &rest[2..];
            if rest.first() == Some(&sep) && digits(&rest[1..], 2).is_some() && ends(&rest[3..]) {
                format_ymd(year, Some(month), digits(&rest[1..], 2))
            } else if ends(rest) {
                format_ymd(year, Some(month), None)
            } else {
                None
            }
        }
        Some(c) if c.is_ascii_digit() => {
            // Compact form, only with a full date: 20170411 or 20170411T0930.
            let month = digits(rest, 2)?;
            let day = digits(&rest[2..], 2)?;
            if ends(&rest[4..]) {
                format_ymd(year, Some(month), Some(day))
            } else {
                None
            }
        }
        // "2017T...", "2017 was...": a bare year followed by more is too weak a signal.
        Some(_) => None,
    }
}

/// Parses a PDF date string (`D:YYYYMMDDHHmmSSOHH'mm'`, every part after the
/// year optional; some producers omit `D:`).
pub(crate) fn parse_pdf_date(s: &str) -> Option<String> {
    let s = s.trim();
    let s = s.strip_prefix("D:").unwrap_or(s).trim_start();
    let b = s.as_bytes();
    let year = digits(b, 4)?;
    let month = digits(&b[4..], 2);
    let day = month.and_then(|_| digits(&b[6..], 2));
    format_ymd(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates() {
        assert_eq!(normalize_iso("2017-04-11").as_deref(), Some("2017-04-11"));
        assert_eq!(normalize_iso(" 2017-04-11T09:30:00+02:00 ").as_deref(), Some("2017-04-11"));
        assert_eq!(normalize_iso("2017-04").as_deref(), Some("2017-04"));
        assert_eq!(normalize_iso("2017").as_deref(), Some("2017"));
        assert_eq!(normalize_iso("2017/04/11").as_deref(), Some("2017-04-11"));
        assert_eq!(normalize_iso("20170411").as_deref(), Some("2017-04-11"));
        assert_eq!(normalize_iso("2016-02-29").as_deref(), Some("2016-02-29"));
        assert_eq!(normalize_iso("2017-02-29").as_deref(), Some("2017-02"));
        assert_eq!(normalize_iso("2017-13-01").as_deref(), Some("2017"));
        assert_eq!(normalize_iso("April 11, 2017"), None);
        assert_eq!(normalize_iso("11/04/2017"), None);
        assert_eq!(normalize_iso("201704"), None);
        assert_eq!(normalize_iso("0000-01-01"), None);
        assert_eq!(normalize_iso(""), None);
        assert_eq!(normalize_iso("2017-4-11"), None);
    }

    #[test]
    fn pdf_dates() {
        assert_eq!(parse_pdf_date("D:20170411093000+02'00'").as_deref(), Some("2017-04-11"));
        assert_eq!(parse_pdf_date("D:201704").as_deref(), Some("2017-04"));
        assert_eq!(parse_pdf_date("D:2017").as_deref(), Some("2017"));
        assert_eq!(parse_pdf_date("20170411").as_deref(), Some("2017-04-11"));
        assert_eq!(parse_pdf_date("D:20170000").as_deref(), Some("2017"));
        assert_eq!(parse_pdf_date("D:"), None);
        assert_eq!(parse_pdf_date("Tuesday"), None);
    }
}
