//! Finding dates in text and resolving relative ones against the date of the document or
//! of its section.
//!
//! Finding is token-based and yields [`DateMention`]s whose value may still need a
//! reference date ("on 21 January", "last year"); [`resolve`] turns them into [`Edtf`]. A
//! month stays a month (no day is invented) and durations ("two weeks") are never dates.

use crate::date::{days_from_civil, CalDate, Edtf};
use crate::lexicon;
use crate::model::Span;
use crate::text::{Token, TokenKind};

/// A date as written, before resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawDate {
    /// Fully stated: has its year.
    Absolute(Edtf),
    /// Day and month without a year, possibly a range of days ("5 to 21 January").
    DayMonth { day: u8, month: u8, to: Option<(u8, u8)> },
    /// A month without a year ("in June", "this October").
    Month { month: u8, this: bool, last: bool },
    /// A month of a year relative to the reference: "in March last year".
    MonthOfYear { month: u8, years: i32 },
    /// A day of a year relative to the reference: "on 22 July last year".
    DayOfYear { day: u8, month: u8, years: i32 },
    /// A year relative to the reference: last year = -1.
    RelativeYear(i32),
    /// A month relative to the reference: last month = -1.
    RelativeMonth(i32),
    /// A day relative to the reference: yesterday = -1; "this week" is 0 too.
    RelativeDay(i32),
    /// "on Monday": the latest such weekday on or before the reference (0 = Monday).
    Weekday(u8),
    /// "on 16 December that year": day and month in the last year the text named.
    ThatYear { day: Option<u8>, month: Option<u8> },
    /// "two days later", "the next day", "a week earlier": a shift from the date the text
    /// named just before (the anchor), not from the document's date.
    Shift { days: i32, months: i32 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateMention {
    pub span: Span,
    /// Token range `[first, end)`.
    pub first: usize,
    pub end: usize,
    pub raw: RawDate,
}

fn small_number(t: &Token<'_>) -> Option<u32> {
    if t.kind != TokenKind::Number || t.text.len() > 4 || !t.text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.text.parse().ok()
}

/// A day of month written as "21", "21st", "3rd".
fn day_at(tokens: &[Token<'_>], i: usize) -> Option<(u8, usize)> {
    let t = tokens.get(i)?;
    let n = small_number(t)?;
    if t.text.len() > 2 || !(1..=31).contains(&n) {
        return None;
    }
    let mut next = i + 1;
    if let Some(s) = tokens.get(next) {
        if s.span.start == t.span.end && matches!(s.lower(), "st" | "nd" | "rd" | "th") {
            next += 1;
        }
    }
    Some((n as u8, next))
}

fn year_at(tokens: &[Token<'_>], i: usize) -> Option<i32> {
    let t = tokens.get(i)?;
    let n = small_number(t)?;
    (t.text.len() == 4 && (1900..=2100).contains(&n)).then_some(n as i32)
}

fn month_at(tokens: &[Token<'_>], i: usize) -> Option<(u8, usize)> {
    let t = tokens.get(i)?;
    // Both forms below need a month name; most words are none, so they are turned away
    // after one lookup instead of two.
    // `month(t.text)` lower-cases the text as the token already has (`lc`): its lower form
    // is looked up directly.
    // The token's month flag answers for a word as written; one with a dot is looked up.
    let month_word = t.has(lexicon::MONTH_F) || t.lower().ends_with('.') && lexicon::month_lower(t.lower()).is_some();
    if t.kind != TokenKind::Word || !month_word {
        return None;
    }
    let m = lexicon::month_full(t.text).or_else(|| {
        // Abbreviations count only with their dot or when capitalised before a number.
        let m = lexicon::month(t.text)?;
        let capital = t.is_capitalised();
        let dotted = tokens.get(i + 1).is_some_and(|d| d.text == "." && d.span.start == t.span.end);
        (capital && t.text.len() >= 3 && (dotted || tokens.get(i + 1).is_some_and(|n| n.kind == TokenKind::Number)))
            .then_some(m)
    })?;
    // "May" is a month only when capitalised (not the modal verb "may").
    if t.text.eq_ignore_ascii_case("may") && !t.is_capitalised() {
        return None;
    }
    let mut next = i + 1;
    if tokens.get(next).is_some_and(|d| d.text == "." && d.span.start == t.span.end) {
        next += 1;
    }
    Some((m, next))
}

fn is_dash(t: &Token<'_>) -> bool {
    matches!(t.text, "-" | "\u{2013}" | "\u{2014}")
}

fn is_range_joiner(t: &Token<'_>) -> bool {
    is_dash(t) || t.is("to") || t.is("and") || t.is("until") || t.is("till")
}

fn skip_comma(tokens: &[Token<'_>], i: usize) -> usize {
    if tokens.get(i).is_some_and(|t| t.text == ",") {
        i + 1
    } else {
        i
    }
}

/// Words after a number that make it a quantity, not a year.
const YEAR_BLOCKERS: &[&str] = &[
    "people",
    "persons",
    "workers",
    "members",
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "letters",
    "signatures",
    "tenge",
    "dollars",
    "euros",
    "rubles",
    "roubles",
    "metres",
    "meters",
    "tons",
    "tonnes",
    "hours",
    "participants",
    "employees",
    "households",
    "families",
];

/// Finds every date expression in `tokens[from..to]`.
pub fn find_dates(tokens: &[Token<'_>], from: usize, to: usize) -> Vec<DateMention> {
    let mut out = Vec::new();
    find_dates_into(tokens, from, to, &mut out);
    out
}

/// [`find_dates`] appended to `out`: a document's sentences fill one vector, rather than one
/// each that is copied over.
pub(crate) fn find_dates_into(tokens: &[Token<'_>], from: usize, to: usize, out: &mut Vec<DateMention>) {
    let mut i = from;
    let to = to.min(tokens.len());
    while i < to {
        if !may_open_date(&tokens[i]) {
            i += 1;
            continue;
        }
        if let Some((raw, end)) = date_at(tokens, i, to) {
            let end = end.min(to).max(i + 1);
            out.push(DateMention {
                span: Span::new(tokens[i].span.start, tokens[end - 1].span.end),
                first: i,
                end,
                raw,
            });
            i = end;
        } else {
            i += 1;
        }
    }
}

/// The words other than numbers, months, weekdays and number words that a form of
/// [`date_at`] opens with ("last year", "the next day", "a day later", "yesterday"), as the
/// lexicon's [`lexicon::DATE_WORD_F`].
pub(crate) const DATE_OPENERS: &[&str] = &[
    "a",
    "an",
    "one",
    "the",
    "this",
    "that",
    "current",
    "last",
    "past",
    "previous",
    "next",
    "coming",
    "today",
    "yesterday",
    "few",
    "several",
    "couple",
];

/// Whether [`date_at`] can find a date opening at `t`: a number, or a word of a list a form
/// opens with (a month with its dot among them). Asked of every token, so the words that
/// open nothing are turned away on their flags, before `date_at`'s string compares.
fn may_open_date(t: &Token<'_>) -> bool {
    match t.kind {
        TokenKind::Number => true,
        TokenKind::Word => {
            t.has(lexicon::MONTH_F | lexicon::WEEKDAY_F | lexicon::NUMBER_WORD_F | lexicon::DATE_WORD_F)
                || t.lower().ends_with('.')
        }
        TokenKind::Punct => false,
    }
}

fn with_year(tokens: &[Token<'_>], after: usize, to: usize) -> (Option<i32>, usize) {
    let j = skip_comma(tokens, after);
    if j < to {
        if let Some(y) = year_at(tokens, j) {
            return (Some(y), j + 1);
        }
    }
    (None, after)
}

fn that_year(tokens: &[Token<'_>], i: usize) -> bool {
    tokens.get(i).is_some_and(|t| t.is("that") || t.is("the"))
        && tokens.get(i + 1).is_some_and(|t| t.is("year") || t.is("same"))
}

fn date_at(tokens: &[Token<'_>], i: usize, to: usize) -> Option<(RawDate, usize)> {
    let t = &tokens[i];
    // Every form below opens with a number or a word.
    if t.kind == TokenKind::Punct {
        return None;
    }
    // ISO 2017-01-21 and 2017-01.
    if let Some(y) = year_at(tokens, i) {
        let adj = |k: usize| tokens.get(k).is_some_and(|x| x.span.start == tokens[k - 1].span.end);
        if i + 2 < to && tokens[i + 1].text == "-" && adj(i + 1) && adj(i + 2) {
            if let Some(m) =
                small_number(&tokens[i + 2]).filter(|m| (1..=12).contains(m) && tokens[i + 2].text.len() == 2)
            {
                if i + 4 < to + 1 && tokens.get(i + 3).is_some_and(|x| x.text == "-") && adj(i + 3) && adj(i + 4) {
                    if let Some(d) = tokens.get(i + 4).and_then(small_number) {
                        if let Some(c) = CalDate::ymd(y, m as u8, d as u8) {
                            return Some((RawDate::Absolute(Edtf::point(c)), i + 5));
                        }
                    }
                }
                if let Some(c) = CalDate::ym(y, m as u8) {
                    return Some((RawDate::Absolute(Edtf::point(c)), i + 3));
                }
            }
        }
        // A bare year: not a quantity ("2000 people"), not part of a code ("57/6053/2017").
        let prev_slash = i > 0 && matches!(tokens[i - 1].text, "/" | "-") && tokens[i - 1].span.end == t.span.start;
        let blocked = tokens.get(i + 1).is_some_and(|n| YEAR_BLOCKERS.contains(&n.lower()));
        if !prev_slash && !blocked {
            return Some((RawDate::Absolute(Edtf::point(CalDate::y(y))), i + 1));
        }
        return None;
    }
    // dd.mm.yyyy as one number token.
    if t.kind == TokenKind::Number && t.text.matches('.').count() == 2 {
        let parts: Vec<&str> = t.text.split('.').collect();
        if parts.len() == 3 && parts[2].len() == 4 && parts[0].len() <= 2 && parts[1].len() <= 2 {
            let (d, m, y) = (parts[0].parse::<u8>().ok()?, parts[1].parse::<u8>().ok()?, parts[2].parse::<i32>().ok()?);
            return CalDate::ymd(y, m, d).map(|c| (RawDate::Absolute(Edtf::point(c)), i + 1));
        }
    }
    // Day first: "21 January 2017", "5 to 21 January", "19 – 24 January".
    if let Some((day, after_day)) = day_at(tokens, i) {
        // Range: day joiner day month.
        if after_day + 1 < to && is_range_joiner(&tokens[after_day]) {
            if let Some((day2, after2)) = day_at(tokens, after_day + 1) {
                if let Some((m, after_m)) = month_at(tokens, after2) {
                    let (year, end) = with_year(tokens, after_m, to);
                    return Some((day_month(year, day, m, Some((day2, m))), end));
                }
            }
        }
        if let Some((m, after_m)) = month_at(tokens, after_day) {
            let (year, end) = with_year(tokens, after_m, to);
            if year.is_none() && that_year(tokens, end) {
                return Some((RawDate::ThatYear { day: Some(day), month: Some(m) }, end + 2));
            }
            if let Some(years) = year.is_none().then(|| relative_year_at(tokens, end)).flatten() {
                return Some((RawDate::DayOfYear { day, month: m, years }, end + 2));
            }
            return Some((day_month(year, day, m, None), end));
        }
        return None;
    }
    // Month first: "January 21, 2017", "January 2017", "January 5-21".
    if let Some((m, after_m)) = month_at(tokens, i) {
        if let Some((day, after_day)) = day_at(tokens, after_m) {
            // Not "June 2019" read as day 20: day_at takes at most two digits.
            let mut to_day = None;
            let mut end = after_day;
            if after_day + 1 < to && is_range_joiner(&tokens[after_day]) {
                if let Some((d2, after2)) = day_at(tokens, after_day + 1) {
                    to_day = Some((d2, m));
                    end = after2;
                }
            }
            let (year, end) = with_year(tokens, end, to);
            if let Some(years) = (year.is_none() && to_day.is_none()).then(|| relative_year_at(tokens, end)).flatten() {
                return Some((RawDate::DayOfYear { day, month: m, years }, end + 2));
            }
            return Some((day_month(year, day, m, to_day), end));
        }
        let (year, end) = with_year(tokens, after_m, to);
        if let Some(y) = year {
            return CalDate::ym(y, m).map(|c| (RawDate::Absolute(Edtf::point(c)), end));
        }
        // "in January last year", "in March this year".
        let n1 = tokens.get(after_m).map(|x| x.lower()).unwrap_or_default();
        if tokens.get(after_m + 1).is_some_and(|x| x.is("year")) && matches!(n1, "last" | "this" | "next") {
            let k = match n1 {
                "last" => -1,
                "next" => 1,
                _ => 0,
            };
            return Some((RawDate::MonthOfYear { month: m, years: k }, after_m + 2));
        }
        // A bare month needs a word that makes it a time: "in June", "this October".
        let prev = i.checked_sub(1).map(|p| tokens[p].lower()).unwrap_or_default();
        let prev2 = i.checked_sub(2).map(|p| tokens[p].lower()).unwrap_or_default();
        let this = prev == "this";
        let last = prev == "last" || prev == "past";
        let temporal = matches!(
            prev,
            "in" | "since"
                | "during"
                | "until"
                | "till"
                | "by"
                | "of"
                | "early"
                | "late"
                | "mid"
                | "mid-"
                | "from"
                | "before"
                | "after"
                | "throughout"
                | "through"
                | "next"
        ) || this
            || last
            || (prev == "of" && matches!(prev2, "end" | "beginning" | "middle" | "start"));
        if temporal && (t.is_capitalised() || lexicon::month_full(t.text).is_some()) {
            if that_year(tokens, after_m) {
                return Some((RawDate::ThatYear { day: None, month: Some(m) }, after_m + 2));
            }
            return Some((RawDate::Month { month: m, this, last }, after_m));
        }
        return None;
    }
    if t.kind == TokenKind::Word {
        let lower = t.lower();
        let next = tokens.get(i + 1).map(|n| n.lower()).unwrap_or_default();
        match (lower, next) {
            ("last" | "past" | "previous", "year") => return Some((RawDate::RelativeYear(-1), i + 2)),
            ("this" | "current", "year") => return Some((RawDate::RelativeYear(0), i + 2)),
            ("next" | "coming", "year") => return Some((RawDate::RelativeYear(1), i + 2)),
            ("last" | "past" | "previous", "month") => return Some((RawDate::RelativeMonth(-1), i + 2)),
            ("this", "month") => return Some((RawDate::RelativeMonth(0), i + 2)),
            ("next", "month") => return Some((RawDate::RelativeMonth(1), i + 2)),
            ("this", "week") => return Some((RawDate::RelativeDay(0), i + 2)),
            ("today", _) => return Some((RawDate::RelativeDay(0), i + 1)),
            // "on Monday", "last Friday", "Thursday evening" (news speaks of its own week).
            // The token's weekday flag: `day` is its lower case, which the flag was read from.
            (day, _) if i > 0 && t.has(lexicon::WEEKDAY_F) && t.is_capitalised() => {
                let prev = tokens[i - 1].lower();
                if matches!(prev, "on" | "last" | "since" | "from" | "until" | "by" | "this")
                    || tokens
                        .get(i + 1)
                        .is_some_and(|n| matches!(n.lower(), "evening" | "morning" | "afternoon" | "night"))
                {
                    let idx = lexicon::WEEKDAYS.iter().position(|d| *d == day).unwrap_or(0) as u8;
                    return Some((RawDate::Weekday(idx), i + 1));
                }
            }
            // "the next day", "the following week", "the previous day", "the day after."
            ("the", "next" | "following" | "previous" | "preceding")
                if tokens
                    .get(i + 2)
                    .is_some_and(|t| matches!(t.lower(), "day" | "week" | "month" | "morning" | "evening")) =>
            {
                let sign = if matches!(next, "next" | "following") { 1 } else { -1 };
                let (days, months) = match tokens[i + 2].lower() {
                    "week" => (7, 0),
                    "month" => (0, 1),
                    _ => (1, 0),
                };
                return Some((RawDate::Shift { days: sign * days, months: sign * months }, i + 3));
            }
            // "released the same evening", "on the same day": the day last told of.
            ("the", "same")
                if tokens
                    .get(i + 2)
                    .is_some_and(|t| matches!(t.lower(), "day" | "morning" | "afternoon" | "evening" | "night"))
                    && tokens.get(i + 3).is_none_or(|t| !t.is("as")) =>
            {
                return Some((RawDate::Shift { days: 0, months: 0 }, i + 3));
            }
            ("the", "day")
                if tokens.get(i + 2).is_some_and(|t| matches!(t.lower(), "after" | "before"))
                    && tokens.get(i + 3).is_none_or(|t| t.kind == TokenKind::Punct) =>
            {
                let sign = if tokens[i + 2].is("after") { 1 } else { -1 };
                return Some((RawDate::Shift { days: sign, months: 0 }, i + 3));
            }
            (n, "day" | "days" | "week" | "weeks" | "month" | "months")
                if tokens.get(i + 2).is_some_and(|t| matches!(t.lower(), "later" | "afterwards" | "earlier")) =>
            {
                let k = match n {
                    "a" | "an" | "one" => Some(1),
                    _ => lexicon::number_word(n).or_else(|| small_number(t).map(u64::from)),
                };
                if let Some(k) = k.filter(|k| (1..=60).contains(k)) {
                    let k = k as i32;
                    let sign = if tokens[i + 2].is("earlier") { -1 } else { 1 };
                    let (days, months) = match next {
                        "day" | "days" => (k, 0),
                        "week" | "weeks" => (7 * k, 0),
                        _ => (0, k),
                    };
                    return Some((RawDate::Shift { days: sign * days, months: sign * months }, i + 3));
                }
            }
            ("few" | "several" | "couple", "days" | "weeks") if tokens.get(i + 2).is_some_and(|t| t.is("ago")) => {
                let back = if next == "weeks" { -14 } else { -3 };
                return Some((RawDate::RelativeDay(back), i + 3));
            }
            ("yesterday", _) => return Some((RawDate::RelativeDay(-1), i + 1)),
            ("that", "year") if i > 0 && !tokens[i - 1].is("of") => {
                return Some((RawDate::ThatYear { day: None, month: None }, i + 2))
            }
            _ => {}
        }
    }
    None
}

/// "last year", "this year", "next year" at `i`, as years from the reference.
fn relative_year_at(tokens: &[Token<'_>], i: usize) -> Option<i32> {
    if !tokens.get(i + 1).is_some_and(|t| t.is("year")) {
        return None;
    }
    match tokens.get(i)?.lower() {
        "last" | "previous" => Some(-1),
        "this" => Some(0),
        "next" => Some(1),
        _ => None,
    }
}

fn day_month(year: Option<i32>, day: u8, month: u8, to: Option<(u8, u8)>) -> RawDate {
    match year {
        Some(y) => {
            let a = CalDate::ymd(y, month, day);
            let b = to.and_then(|(d, m)| CalDate::ymd(y, m, d));
            match (a, b) {
                (Some(a), Some(b)) if b > a => RawDate::Absolute(Edtf::interval(a, b)),
                (Some(a), _) => RawDate::Absolute(Edtf::point(a)),
                _ => RawDate::ThatYear { day: None, month: None },
            }
        }
        None => RawDate::DayMonth { day, month, to },
    }
}

/// What a relative date is resolved against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reference {
    /// The date of the document or section.
    pub date: Edtf,
    /// The last year the text named before this point ("that year").
    pub last_year: Option<i32>,
    /// The last date the text named before this point ("a month later").
    pub last_date: Option<Edtf>,
    /// The last single day it named: "detained on 27 February ... a cut announced in
    /// February ... released the same evening" counts from the day, not the month.
    pub last_day: Option<Edtf>,
    /// The last date written with its year and month in the same paragraph: "In January
    /// 2017 ... On 20 January, 80 workers were sacked" tells of 2017, not of the report's
    /// year, and "in December 2021 ... On January 3" of the January after it.
    pub narrative: Option<Edtf>,
}

/// The year a day or month without one takes from the paragraph's narrative: the year of
/// its last full date, or the next one when the day would fall well before that date (the
/// story moves forward). `None` when the narrative is the reference's own year or later.
fn narrative_year(r: Reference, ordinal_in: impl Fn(i32) -> i64) -> Option<i32> {
    let n = r.narrative?;
    let year = n.end.unwrap_or(n.start).year;
    let y = if ordinal_in(year) < n.first_ordinal() - 45 { year + 1 } else { year };
    (y < r.date.start.year).then_some(y)
}

/// Resolves a raw date against the reference; `None` when it cannot be told.
pub fn resolve(raw: RawDate, reference: Option<Reference>) -> Option<Edtf> {
    if let RawDate::Absolute(e) = raw {
        return Some(e);
    }
    let r = reference?;
    let ref_start = r.date.start;
    let ref_last = r.date.last_ordinal();
    let year = ref_start.year;
    match raw {
        RawDate::Absolute(e) => Some(e),
        RawDate::DayMonth { day, month, to } => {
            // The most recent such day that is not well after the reference: reports tell
            // the past, and a date a few weeks ahead is an announced one.
            let mut y = year;
            if let Some(n) = narrative_year(r, |y| days_from_civil(y, month, day.min(28))) {
                y = n;
            } else if days_from_civil(y, month, day.min(28)) > ref_last + 45 {
                y -= 1;
            }
            let a = CalDate::ymd(y, month, day)?;
            let b = to.and_then(|(d, m)| CalDate::ymd(y, m, d));
            Some(match b {
                Some(b) if b > a => Edtf::interval(a, b),
                _ => Edtf::point(a),
            })
        }
        RawDate::Month { month, this, last } => {
            let ref_month = ref_start.month;
            let mut y = year;
            if let Some(n) = narrative_year(r, |y| days_from_civil(y, month, 28)).filter(|_| !this && !last) {
                return CalDate::ym(n, month).map(Edtf::point);
            }
            match ref_month {
                Some(rm) if last && month >= rm => y -= 1,
                Some(rm) if !this && month as u16 > rm as u16 + 1 => y -= 1,
                None if last => y -= 1,
                _ => {}
            }
            CalDate::ym(y, month).map(Edtf::point)
        }
        RawDate::RelativeYear(k) => Some(Edtf::point(CalDate::y(year + k))),
        RawDate::MonthOfYear { month, years } => CalDate::ym(year + years, month).map(Edtf::point),
        RawDate::DayOfYear { day, month, years } => CalDate::ymd(year + years, month, day).map(Edtf::point),
        RawDate::RelativeMonth(k) => {
            let m = ref_start.month? as i32 - 1 + k;
            let y = year + m.div_euclid(12);
            CalDate::ym(y, (m.rem_euclid(12) + 1) as u8).map(Edtf::point)
        }
        RawDate::RelativeDay(k) => {
            if ref_start.day.is_none() || r.date.end.is_some() {
                // A reference known to the month: "a few days ago" stays in that month.
                return Some(Edtf::point(CalDate { day: None, ..ref_start }));
            }
            Some(Edtf::point(CalDate::from_ordinal(r.date.first_ordinal() + k as i64)))
        }
        RawDate::Weekday(w) => {
            ref_start.day?;
            if r.date.end.is_some() {
                return None;
            }
            // 1970-01-01 was a Thursday (weekday 3 with Monday = 0).
            let today = r.date.first_ordinal();
            let today_w = (today + 3).rem_euclid(7);
            let back = (today_w - w as i64).rem_euclid(7);
            Some(Edtf::point(CalDate::from_ordinal(today - back)))
        }
        RawDate::Shift { days, months } => {
            let last = r.last_date?;
            let anchor = if months == 0 && last.end.is_none() && last.start.day.is_none() {
                r.last_day.unwrap_or(last)
            } else {
                last
            };
            if anchor.end.is_some() {
                return None;
            }
            let a = anchor.start;
            if months != 0 {
                let m = a.month? as i32 - 1 + months;
                let y = a.year + m.div_euclid(12);
                return CalDate::ym(y, (m.rem_euclid(12) + 1) as u8).map(Edtf::point);
            }
            // Days from a month or a year would invent precision.
            a.day?;
            Some(Edtf::point(CalDate::from_ordinal(anchor.first_ordinal() + days as i64)))
        }
        RawDate::ThatYear { day, month } => {
            let y = r.last_year?;
            match (day, month) {
                (Some(d), Some(m)) => CalDate::ymd(y, m, d).map(Edtf::point),
                (None, Some(m)) => CalDate::ym(y, m).map(Edtf::point),
                _ => Some(Edtf::point(CalDate::y(y))),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    #[test]
    fn a_paragraphs_full_date_gives_its_year_to_days_without_one() {
        let at = |narrative: &str, raw: RawDate| {
            let r = Reference {
                date: Edtf::parse("2019-08-03").unwrap_or(Edtf::point(CalDate::y(2019))),
                last_year: None,
                last_date: None,
                last_day: None,
                narrative: Edtf::parse(narrative),
            };
            resolve(raw, Some(r)).map(|e| e.to_string()).unwrap_or_default()
        };
        let jan20 = RawDate::DayMonth { day: 20, month: 1, to: None };
        assert_eq!(at("2017-01", jan20), "2017-01-20");
        // The story moves forward: January after December is the next year's.
        assert_eq!(at("2017-12", RawDate::DayMonth { day: 3, month: 1, to: None }), "2018-01-03");
        assert_eq!(at("2017-01", RawDate::Month { month: 3, this: false, last: false }), "2017-03");
        // A narrative in the report's own year changes nothing.
        assert_eq!(at("2019-06", jan20), "2019-01-20");
    }

    /// The gate in front of `date_at` turns away only tokens where it finds nothing: on
    /// every form it reads, in every case, and on the team's case texts.
    #[test]
    fn the_gate_turns_away_no_date() {
        let forms = "On 21 January 2017, on January 21, 2017, in Jan. 2017 and 2017-01-21 or 21.01.2017; \
            5 to 21 January, 19 - 24 January, January 5-21, in January last year, 3 March this year, \
            in June, this October, last May, in March that year, last year, this year, next year, \
            the past year, the previous year, the current year, the coming year, last month, this month, \
            next month, this week, today, TODAY, on Monday, last Friday, Thursday evening, the next day, \
            The following week, the previous day, the preceding month, the same evening, the day after. \
            Two days later, a week later, an hour later, one month earlier, three weeks afterwards, \
            a few days ago, several weeks ago, a couple days ago, yesterday, Yesterday, that year, \
            Sept. 5, Dec 3, since 2019.";
        let cases = [
            include_str!("../tests/cases/continuations_and_counts.txt"),
            include_str!("../tests/cases/custody_and_appeals.txt"),
            include_str!("../tests/cases/narrative_years.txt"),
            include_str!("../tests/cases/hearings_and_groups.txt"),
        ];
        let texts: Vec<&str> = std::iter::once(forms).chain(cases).collect();
        let found = crate::text::assert_gate_admits(&texts, |t, i| date_at(t, i, t.len()).is_some(), may_open_date);
        assert!(found > 60, "{found}");
    }

    /// Every date of the text, each resolved with the one before it as its anchor.
    fn find(text: &str, reference: &str) -> Vec<String> {
        let mut lower = String::new();
        let toks = tokenize(text, &mut lower);
        let mut last_date = None;
        let mut last_day = None;
        find_dates(&toks, 0, toks.len())
            .into_iter()
            .map(|m| {
                let r = Edtf::parse(reference).map(|date| Reference {
                    date,
                    last_year: Some(2011),
                    last_date,
                    last_day,
                    narrative: None,
                });
                let value = resolve(m.raw, r);
                if value.is_some() {
                    last_date = value;
                }
                if value.is_some_and(|v| v.is_single_day()) {
                    last_day = value;
                }
                value.map(|e| e.to_string()).unwrap_or_else(|| "?".into())
            })
            .collect()
    }

    #[test]
    fn shifts_count_from_the_date_named_before() {
        assert_eq!(find("Arrested on 7 May and released two days later.", "2022-05-20"), ["2022-05-07", "2022-05-09"]);
        assert_eq!(
            find("Held on 30 June 2023; the next day he was charged.", "2023-08-01"),
            ["2023-06-30", "2023-07-01"]
        );
        assert_eq!(find("Tried on 3 March. A week earlier, police came.", "2021-04-01"), ["2021-03-03", "2021-02-24"]);
        assert_eq!(find("In May 2020 a strike began; three months later it ended.", "2021"), ["2020-05", "2020-08"]);
        // Days from a month would invent a day; with nothing before, nothing is known.
        assert_eq!(find("In May 2020 it began and ended two days later.", "2021"), ["2020-05", "?"]);
        assert_eq!(find("He was released two days later.", "2022-05-20"), ["?"]);
        // "the day before the trial" counts from the trial, which this cannot tell.
        assert!(find("He was held the day before the trial.", "2022-05-20").is_empty());
        // Durations stay durations.
        assert!(find("He spent two days in custody.", "2022-05-20").is_empty());
    }

    #[test]
    fn absolute_forms() {
        assert_eq!(find("On 21 January 2017 and on January 22, 2017.", ""), ["2017-01-21", "2017-01-22"]);
        assert_eq!(find("24 January, 2017Trade unions", ""), ["2017-01-24"]);
        assert_eq!(find("Dated 2019-10-16 and 03.04.2020, in June 2019.", ""), ["2019-10-16", "2020-04-03", "2019-06"]);
        assert_eq!(find("In 2011 the strike began.", ""), ["2011"]);
    }

    #[test]
    fn relative_forms_use_the_reference() {
        assert_eq!(find("On 21 January police came.", "2017-01-24"), ["2017-01-21"]);
        assert_eq!(find("On 4 January a court ruled.", "2017-04-11"), ["2017-01-04"]);
        assert_eq!(find("On 16 December a court ruled.", "2017-01-24"), ["2016-12-16"]);
        assert_eq!(find("It was banned last year.", "2017-04-19"), ["2016"]);
        assert_eq!(find("He was jailed this October.", "2019-11"), ["2019-10"]);
        assert_eq!(find("In September dozens were held.", "2019-10"), ["2019-09"]);
        assert_eq!(find("Killed on 16 December that year.", "2014-04-22"), ["2011-12-16"]);
        assert_eq!(find("In January last year a court ruled.", "2025-07-04"), ["2024-01"]);
        assert_eq!(find("Arrested on 22 July last year.", "2022-09-10"), ["2021-07-22"]);
        assert_eq!(
            find("Arrested on July 22 last year and on 3 May this year.", "2022-09-10"),
            ["2021-07-22", "2022-05-03"]
        );
        // 2023-10-14 was a Saturday.
        assert_eq!(find("Police came on Friday and on Thursday evening.", "2023-10-14"), ["2023-10-13", "2023-10-12"]);
    }

    #[test]
    fn ranges() {
        assert_eq!(find("from 5 to 21 January 2017", ""), ["2017-01-05/2017-01-21"]);
        assert_eq!(find("In the period 19 \u{2013} 24 January, many", "2017-04-11"), ["2017-01-19/2017-01-24"]);
        assert_eq!(find("March 3-7, 2021", ""), ["2021-03-03/2021-03-07"]);
    }

    #[test]
    fn durations_and_quantities_are_not_dates() {
        assert!(find("for two weeks, a seven-month strike, five months and eight days", "2017").is_empty());
        assert!(find("2000 people marched; ref 57/6053/2017", "").is_empty());
        assert!(find("They may strike.", "2017-01-01").is_empty());
    }

    #[test]
    fn unresolvable_without_reference() {
        assert_eq!(find("On 21 January police came.", ""), ["?"]);
    }
}
