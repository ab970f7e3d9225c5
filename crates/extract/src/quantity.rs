//! Quantities: numbers in digits and words, counts with bounds, prison terms, sums of money
//! and references to legal provisions.

use crate::lexicon;
use crate::model::{Amount, Bound, Count, Span, Term};
use crate::text::{Token, TokenKind};

/// A number read at a token position, with the index one past it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    pub value: f64,
    pub end: usize,
    /// Written as a vague word ("dozens", "hundreds"): a lower bound.
    pub vague: bool,
    /// "a hundred", "a thousand": a round figure, so an approximation.
    pub round_article: bool,
}

/// Parses a digit string with thousands separators or a decimal point ("1,000", "1.22").
pub fn parse_digits(s: &str) -> Option<f64> {
    if s.contains(',') {
        // "45,000" or "1,220,000": commas group thousands; a dot may follow as decimals.
        let (int, frac) = s.split_once('.').unwrap_or((s, ""));
        let groups: Vec<&str> = int.split(',').collect();
        if groups.iter().skip(1).all(|g| g.len() == 3) && !groups[0].is_empty() && groups[0].len() <= 3 {
            let joined: String = groups.concat();
            let v: f64 = joined.parse().ok()?;
            let f: f64 = if frac.is_empty() { 0.0 } else { format!("0.{frac}").parse().ok()? };
            return Some(v + f);
        }
        // "1,5" as a decimal comma.
        return s.replace(',', ".").parse().ok();
    }
    s.parse().ok()
}

const HYPHENS: [char; 3] = ['-', '\u{2010}', '\u{2011}'];

fn hyphen_parts(word: &str) -> Vec<&str> {
    word.split(HYPHENS).filter(|p| !p.is_empty()).collect()
}

/// Value of a compound number word ("thirty-seven", "twenty").
fn word_value(word: &str) -> Option<f64> {
    // A plain ASCII word without a hyphen is its only part: looked up whole, without
    // splitting on the (partly non-ASCII) hyphens.
    if word.bytes().all(|b| b.is_ascii() && b != b'-') {
        // An empty word has no part, so no value.
        if word.is_empty() {
            return None;
        }
        return lexicon::number_word(word).map(|v| v as f64);
    }
    // Runs on every word a number might start at: the parts are walked, not collected.
    let mut parts = word.split(HYPHENS).filter(|p| !p.is_empty());
    let first = parts.next()?;
    let second = parts.next();
    if parts.next().is_some() {
        return None;
    }
    let mut total = lexicon::number_word(first)?;
    if let Some(p) = second {
        total += lexicon::number_word(p)?;
    }
    // "a" and "an" alone are numbers only before a multiplier; the caller checks.
    Some(total as f64)
}

/// Reads a number at `i`: digits, number words, with multipliers ("1.22 million", "two
/// hundred", "a hundred") and vague plurals ("dozens", "hundreds", "tens of thousands").
pub fn number_at(tokens: &[Token<'_>], i: usize) -> Option<Number> {
    let t = tokens.get(i)?;
    let lower = t.lower();
    // Asked of every token three times over (counts, amounts, terms): most are refused by
    // their first letter. Every word read below — number words, "a"/"an", "dozen(s)",
    // "hundreds", "tens", "thousands", "millions" — opens with one of these letters.
    if t.kind == TokenKind::Punct
        || t.kind == TokenKind::Word && !lower.bytes().next().is_some_and(|b| b"adefhmnost".contains(&b))
    {
        return None;
    }
    // A word is a number only as a number word (a flag of the token), a vague plural,
    // "dozen", or a compound with a hyphen ("thirty-seven"); any other is turned away before
    // the lookups below. Words with other than ASCII letters take the full path.
    if t.kind == TokenKind::Word
        && !t.has(lexicon::NUMBER_WORD_F)
        && !matches!(lower, "dozens" | "hundreds" | "thousands" | "millions" | "tens" | "dozen")
        && !lower.bytes().any(|b| b == b'-' || !b.is_ascii())
    {
        return None;
    }
    let vague = match lower {
        "dozens" => Some(24.0),
        "hundreds" => Some(200.0),
        "thousands" => Some(2_000.0),
        "millions" => Some(2_000_000.0),
        "tens" => {
            if tokens.get(i + 1).is_some_and(|n| n.is("of")) && tokens.get(i + 2).is_some_and(|n| n.is("thousands")) {
                return Some(Number { value: 20_000.0, end: i + 3, vague: true, round_article: false });
            }
            None
        }
        _ => None,
    };
    if let Some(v) = vague {
        return Some(Number { value: v, end: i + 1, vague: true, round_article: false });
    }
    let (mut value, mut end, article) = match t.kind {
        TokenKind::Number => (parse_digits(t.text)?, i + 1, false),
        TokenKind::Word => {
            if lower == "a" || lower == "an" {
                let m = tokens.get(i + 1).and_then(|n| lexicon::multiplier(n.text))?;
                if m > 1_000_000 || tokens.get(i + 1).is_some_and(|n| n.is("m")) {
                    return None;
                }
                (m as f64, i + 2, true)
            } else if lower == "dozen" {
                (12.0, i + 1, false)
            } else {
                (word_value(lower)?, i + 1, false)
            }
        }
        TokenKind::Punct => return None,
    };
    // Multipliers: "1.22 million", "two hundred", "eleven thousand".
    while let Some(n) = tokens.get(end) {
        let Some(m) = lexicon::multiplier(n.text) else { break };
        // "m" only glued or right after digits ("25m").
        if n.text.len() == 1 && n.span.start != tokens[end - 1].span.end {
            break;
        }
        value *= m as f64;
        end += 1;
    }
    Some(Number { value, end, vague: false, round_article: article })
}

/// Words that make a following number a bound.
fn bound_before(tokens: &[Token<'_>], i: usize) -> Option<(Bound, usize)> {
    let w = |k: usize| i.checked_sub(k).and_then(|p| tokens.get(p)).map(|t| t.lower()).unwrap_or_default();
    let (w1, w2) = (w(1), w(2));
    Some(match (w2, w1) {
        ("at", "least") => (Bound::AtLeast, i - 2),
        ("more" | "greater", "than") => (Bound::MoreThan, i - 2),
        ("fewer" | "less", "than") => (Bound::FewerThan, i - 2),
        ("at", "most") => (Bound::AtMost, i - 2),
        ("up", "to") => (Bound::AtMost, i - 2),
        (_, "over" | "above" | "upwards") => (Bound::MoreThan, i - 1),
        (_, "around" | "about" | "approximately" | "roughly" | "nearly" | "almost" | "some" | "circa" | "approx")
        | (_, "~") => (Bound::About, i - 1),
        (_, "under") => (Bound::FewerThan, i - 1),
        _ => return None,
    })
}

/// "sections 9 and 10", "Articles 494, 495 and 496": numbers of provisions, not counts.
fn provision_list(tokens: &[Token<'_>], i: usize) -> bool {
    let mut k = i;
    while k > 0 {
        k -= 1;
        let t = &tokens[k];
        match t.lower() {
            "article" | "articles" | "section" | "sections" | "no" | "part" | "parts" | "paragraph" | "paragraphs"
            | "$" | "us$" => return true,
            "and" | "or" | "," => {}
            _ if t.kind == TokenKind::Number => {}
            _ => return false,
        }
        if i - k > 12 {
            return false;
        }
    }
    false
}

/// Whether the number at `i` is part of a name ("Ward 209", "Penal Colony 13", "Route 9"):
/// digits right after a capitalised word inside the sentence. Bounds ("At least 12") open
/// sentences and are not inside them.
fn is_label(tokens: &[Token<'_>], from: usize, i: usize) -> bool {
    i > from + 1
        && tokens[i].kind == TokenKind::Number
        && tokens[i - 1].is_capitalised()
        && lexicon::month(tokens[i - 1].text).is_none()
        && bound_before(tokens, i).is_none()
}

/// Whether a counted noun counts groups rather than people: the counts a dissolution or a
/// refused registration takes ("more than 100 unions dissolved").
pub fn is_group_noun(word: &str) -> bool {
    matches!(
        word,
        "unions" | "groups" | "organisations" | "organizations" | "associations" | "federations" | "branches"
    )
}

/// Nouns of groups and of people not caught by their ending, counted in reports.
const COUNTED_NOUNS: &[&str] =
    &["unions", "groups", "organisations", "organizations", "associations", "colleagues", "comrades", "relatives"];

/// [`COUNTED`] and [`NOT_COUNTED`] as hash sets: the words after every number are asked.
static COUNTED_SET: lexicon::WordSet = lexicon::WordSet::new(COUNTED);
static NOT_COUNTED_SET: lexicon::WordSet = lexicon::WordSet::new(NOT_COUNTED);

/// Nouns of people and things counted in reports.
const COUNTED: &[&str] = &[
    "people",
    "persons",
    "person",
    "workers",
    "worker",
    "members",
    "participants",
    "supporters",
    "protesters",
    "protestors",
    "demonstrators",
    "strikers",
    "activists",
    "employees",
    "miners",
    "detainees",
    "prisoners",
    "students",
    "journalists",
    "unionists",
    "trade",
    "others",
    "civilians",
    "villagers",
    "residents",
    "farmers",
    "teachers",
    "nurses",
    "doctors",
    "drivers",
    "women",
    "men",
    "children",
    "leaders",
    "letters",
    "signatures",
    "messages",
    "petitions",
    "individuals",
    "staff",
    "labourers",
    "laborers",
    "defenders",
    "lawyers",
    "opposition",
    "oil",
    "union",
    "more",
    "other",
    "of",
    "were",
    "was",
    "have",
    "had",
    "killed",
    "injured",
    "wounded",
    "died",
    "arrested",
    "detained",
    "dead",
    "hunger",
    "striking",
    "organisers",
    "organizers",
    "bloggers",
    "citizens",
    "officials",
    "factory",
    "garment",
    "textile",
    "metal",
    "steel",
    "coal",
    "plantation",
    "dock",
    "port",
    "platform",
    "construction",
    "health",
    "domestic",
    "textile",
    "public",
];

/// A plural noun of people by its ending: the trades and roles a report counts are too
/// many to list ("dockers", "couriers", "janitors", "migrants", "residents").
fn is_people_plural(word: &str) -> bool {
    word.len() > 5
        && word.bytes().all(|b| b.is_ascii_lowercase())
        && ["ers", "ors", "ists", "ants", "ents", "ees", "ians"].iter().any(|e| word.ends_with(e))
        && !NOT_COUNTED_SET.contains(word)
        && !matches!(
            word,
            "quarters" | "litres" | "liters" | "centimeters" | "millimeters" | "headquarters" | "letters"
        )
}

/// Units after which a number is not a count of people.
const NOT_COUNTED: &[&str] = &[
    "years",
    "year",
    "months",
    "month",
    "weeks",
    "week",
    "days",
    "day",
    "hours",
    "hour",
    "minutes",
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "metres",
    "meters",
    "percent",
    "%",
    "per",
    "times",
    "pages",
    "articles",
    "article",
    "kg",
    "tons",
    "tonnes",
    "o'clock",
];

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CountMention {
    pub span: Span,
    pub first: usize,
    pub end: usize,
    pub count: Count,
}

/// Finds counts of people and things in a token range, with their bounds. A bound stated
/// once carries over a coordination ("at least 16 were killed and 60 wounded").
pub fn find_counts(tokens: &[Token<'_>], from: usize, to: usize, skip: &[(usize, usize)]) -> Vec<CountMention> {
    let mut out: Vec<CountMention> = Vec::new();
    let mut i = from;
    while i < to {
        if skip.iter().any(|&(a, b)| i >= a && i < b) {
            i += 1;
            continue;
        }
        let Some(n) = number_at(tokens, i) else {
            i += 1;
            continue;
        };
        if n.end > to {
            break;
        }
        let t = &tokens[i];
        let next = tokens.get(n.end).map(|x| x.lower()).unwrap_or_default();
        let prev = i.checked_sub(1).map(|p| tokens[p].lower()).unwrap_or_default();
        let is_word_number = t.kind == TokenKind::Word;
        let after = |k: usize| tokens.get(n.end + k).map(|x| x.lower()).unwrap_or_default();
        // "147 of our members", "eight of her colleagues": a part of a group of people.
        // ("12 of them", "five of us": the group told before.)
        let part_of = next == "of" && matches!(after(1), "them" | "us")
            || next == "of"
                && matches!(after(1), "our" | "their" | "its" | "his" | "her" | "the")
                && (1..4).any(|k| {
                    let w = after(k);
                    COUNTED_NOUNS.contains(&w) || is_people_plural(w)
                });
        // "The five - the chairwoman, ... - were arrested": a number standing for people
        // named around it.
        let standing = is_word_number
            && i > from
            && prev == "the"
            && tokens.get(n.end).is_some_and(|x| matches!(x.text, "-" | "\u{2013}" | "\u{2014}" | ","));
        // "dozens of workers", "tens of thousands of oil workers", not "dozens of cities";
        // read only for a vague number before "of".
        let vague_of = || {
            (1..4).any(|k| {
                let w = after(k);
                (COUNTED_SET.contains(w) && !matches!(w, "of" | "were" | "was" | "have" | "had" | "more" | "other"))
                    || COUNTED_NOUNS.contains(&w)
                    || is_people_plural(w)
            })
        };
        let counted = if n.vague && next == "of" {
            vague_of()
        } else {
            COUNTED_SET.contains(next) || is_people_plural(next) || COUNTED_NOUNS.contains(&next) || part_of || standing
        };
        // "shot dead by two men": the ones who acted, not the ones it befell.
        let agents = prev == "by";
        let blocked = agents
            || NOT_COUNTED_SET.contains(next)
            || lexicon::currency(next).is_some()
            || provision_list(tokens, i)
            || tokens.get(n.end).is_some_and(|x| {
                x.text == "," && t.kind == TokenKind::Number && n.value < 120.0 && i > 0 && tokens[i - 1].text == ","
            })
            || (tokens.get(n.end).is_some_and(|x| lexicon::month(x.text).is_some() && x.is_capitalised()))
            || (is_word_number && n.value == 1.0)
            || is_label(tokens, from, i);
        if !counted || blocked || n.value < 1.0 {
            i = n.end.max(i + 1);
            continue;
        }
        let (bound, start) = match bound_before(tokens, i) {
            Some((b, s)) => (b, s),
            None if n.vague => (Bound::AtLeast, i),
            None if n.round_article => (Bound::About, i),
            None => {
                // Inherit a bound across "and": "at least 16 were killed and 60 wounded".
                let inherited = out.last().filter(|c| c.count.bound != Bound::Exact && c.end + 4 >= i && prev == "and");
                (inherited.map_or(Bound::Exact, |c| c.count.bound), i)
            }
        };
        out.push(CountMention {
            span: Span::new(tokens[start].span.start, tokens[n.end - 1].span.end),
            first: start,
            end: n.end,
            count: Count { value: n.value.round() as u64, bound },
        });
        i = n.end;
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TermMention {
    pub span: Span,
    pub first: usize,
    pub end: usize,
    pub term: Term,
}

fn unit(word: &str) -> Option<char> {
    unit_lower(&crate::lexicon::lc(word))
}

/// [`unit`] of a token: its lower case is `lc` of its text, already computed.
fn token_unit(t: &Token<'_>) -> Option<char> {
    unit_lower(t.lower())
}

fn unit_lower(lower: &str) -> Option<char> {
    match lower.trim_end_matches(['\'', '\u{2019}']) {
        "year" | "years" => Some('Y'),
        "month" | "months" => Some('M'),
        "week" | "weeks" => Some('W'),
        "day" | "days" => Some('D'),
        _ => None,
    }
}

fn add_unit(term: &mut Term, value: f64, unit: char) {
    match unit {
        'Y' => {
            term.years += value.trunc() as u32;
            term.months += ((value.fract()) * 12.0).round() as u32;
        }
        'M' => term.months += value.round() as u32,
        'W' => term.days += (value * 7.0).round() as u32,
        _ => term.days += value.round() as u32,
    }
}

/// Reads a number with an optional "and a half" in hyphenated word parts.
fn parts_number(parts: &[&str]) -> Option<(f64, usize)> {
    let first = parts.first()?;
    let mut v = match first.parse::<f64>() {
        Ok(v) => v,
        Err(_) => lexicon::number_word(first).filter(|_| !matches!(*first, "a" | "an"))? as f64,
    };
    let mut k = 1;
    // "two-and-a-half", "two-and-half".
    if parts.get(k) == Some(&"and") {
        if parts.get(k + 1) == Some(&"a") && parts.get(k + 2) == Some(&"half") {
            v += 0.5;
            k += 3;
        } else if parts.get(k + 1) == Some(&"half") {
            v += 0.5;
            k += 2;
        }
    }
    Some((v, k))
}

/// Finds durations: "two and a half years", "two-and-half years", "a seven-year term",
/// "five months and eight days", "18 months".
pub fn find_terms(tokens: &[Token<'_>], from: usize, to: usize) -> Vec<TermMention> {
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        if let Some((term, end)) = term_at(tokens, i, to) {
            out.push(TermMention {
                span: Span::new(tokens[i].span.start, tokens[end - 1].span.end),
                first: i,
                end,
                term,
            });
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// Whether a term can open at `t`: digits, or a word `term_piece` reads — a number word,
/// "a" or "one" before a unit, or a hyphenated compound ("seven-year") — whose first letter
/// is one of these: number words, "a", and what `f64` parses ("inf", "nan") in "N-year".
/// Asked of every token of a sentence that tells an act: most are turned away here.
fn may_open_term(t: &Token<'_>) -> bool {
    match t.kind {
        TokenKind::Number => true,
        TokenKind::Punct => false,
        TokenKind::Word => {
            let lower = t.lower();
            lower.bytes().next().is_some_and(|b| b"aefinost".contains(&b))
                && (t.has(lexicon::NUMBER_WORD_F) || matches!(lower, "a" | "one") || lower.contains(HYPHENS))
        }
    }
}

fn term_at(tokens: &[Token<'_>], i: usize, to: usize) -> Option<(Term, usize)> {
    // A term opens with digits or with a word whose first letter is one of these: number
    // words, "a", and what `f64` parses ("inf", "nan") in "N-year". Most tokens stop here.
    let t = tokens.get(i)?;
    if !may_open_term(t) {
        return None;
    }
    // "in the last two months", "over the past year": a span of time, not a term.
    if i > 0 && matches!(tokens[i - 1].lower(), "last" | "past" | "next" | "coming" | "first" | "recent") {
        return None;
    }
    let mut term = Term::default();
    let (end, _) = term_piece(tokens, i, to, &mut term)?;
    let mut end = end;
    // "five months and eight days", "two years and six months".
    while end + 1 < to && tokens[end].is("and") {
        let mut more = term;
        match term_piece(tokens, end + 1, to, &mut more) {
            Some((e, _)) => {
                term = more;
                end = e;
            }
            None => break,
        }
    }
    Some((term, end))
}

/// One "number unit" piece; returns the end index.
fn term_piece(tokens: &[Token<'_>], i: usize, to: usize, term: &mut Term) -> Option<(usize, ())> {
    let t = tokens.get(i)?;
    // Without a hyphen there is at most one part, so the compound forms cannot match and
    // the parts need not be collected.
    if t.kind == TokenKind::Word && t.lower().contains(HYPHENS) {
        let lower = t.lower();
        let parts = hyphen_parts(lower);
        // "seven-year", "two-and-a-half-year": number parts then a unit in one token.
        if parts.len() >= 2 {
            if let Some(u) = unit(parts[parts.len() - 1]) {
                let (v, k) = parts_number(&parts[..parts.len() - 1])?;
                (k == parts.len() - 1).then_some(())?;
                add_unit(term, v, u);
                return Some((i + 1, ()));
            }
            // "two-and-a-half years", "two-and-half years".
            let (v, k) = parts_number(&parts)?;
            (k == parts.len()).then_some(())?;
            let u = token_unit(tokens.get(i + 1)?)?;
            add_unit(term, v, u);
            return Some((i + 2, ()));
        }
    }
    // "two and a half years", "18 months", "a year".
    let (mut v, mut k) = match t.kind {
        TokenKind::Number => (parse_digits(t.text)?, i + 1),
        TokenKind::Word => {
            let lower = t.lower();
            if (lower == "a" || lower == "one") && tokens.get(i + 1).and_then(token_unit).is_some() {
                (1.0, i + 1)
            } else {
                // Only a number word has a value: the token's flag turns the others away.
                let value = t.has(lexicon::NUMBER_WORD_F).then(|| lexicon::number_word(lower)).flatten();
                (value.filter(|_| lower != "a" && lower != "an")? as f64, i + 1)
            }
        }
        TokenKind::Punct => return None,
    };
    if k + 3 < to + 1
        && tokens.get(k).is_some_and(|x| x.is("and"))
        && tokens.get(k + 1).is_some_and(|x| x.is("a"))
        && tokens.get(k + 2).is_some_and(|x| x.is("half"))
    {
        v += 0.5;
        k += 3;
    }
    let u = token_unit(tokens.get(k)?)?;
    if k >= to {
        return None;
    }
    add_unit(term, v, u);
    Some((k + 1, ()))
}

#[derive(Debug, Clone, PartialEq)]
pub struct AmountMention {
    pub span: Span,
    pub first: usize,
    pub end: usize,
    pub value: f64,
    pub currency: &'static str,
    /// Written inside parentheses right after another amount: a stated equivalent.
    pub equivalent: bool,
}

/// A currency written at `i`: "US$", "$", "€", "KZT", "tenge", "US dollars".
fn currency_at(tokens: &[Token<'_>], i: usize) -> Option<(&'static str, usize)> {
    let t = tokens.get(i)?;
    // "US$" is two tokens ("US", "$"), maybe with a markdown escape between.
    if t.text == "US" || t.text == "HK" {
        let mut j = i + 1;
        if tokens.get(j).is_some_and(|x| x.text == "\\") {
            j += 1;
        }
        if tokens.get(j).is_some_and(|x| x.text == "$") {
            return Some((if t.text == "US" { "USD" } else { "HKD" }, j + 1));
        }
        if tokens.get(j).is_some_and(|x| x.is("dollars")) {
            return Some(("USD", j + 1));
        }
        return None;
    }
    if t.text == "\\" && tokens.get(i + 1).is_some_and(|x| x.text == "$") {
        return Some(("USD", i + 2));
    }
    let c = lexicon::currency(t.text)?;
    // Words like "real", "sum", "try", "php" are currencies only in capitals or after numbers;
    // the caller only asks right beside a number.
    if matches!(t.lower(), "real" | "sum" | "sums" | "try" | "php" | "som" | "rs" | "pound" | "pounds")
        && !t.is_all_caps()
    {
        return None;
    }
    Some((c, i + 1))
}

/// Finds sums of money: a currency before or after a number.
pub fn find_amounts(tokens: &[Token<'_>], from: usize, to: usize) -> Vec<AmountMention> {
    let mut out: Vec<AmountMention> = Vec::new();
    let mut i = from;
    let is_number = |k: usize| tokens.get(k).is_some_and(|t| t.kind == TokenKind::Number);
    while i < to {
        // Currency first: "US$135", "€2,000", "KZT 5,000". Only digits after a currency make
        // an amount, and a currency is one to three tokens: without digits in the next
        // three tokens there is none to read (most tokens stop here).
        if (i + 1..=i + 3).any(is_number) {
            if let Some((cur, after)) = currency_at(tokens, i).filter(|&(_, a)| is_number(a)) {
                if let Some(n) = number_at(tokens, after).filter(|n| !n.vague && n.end <= to) {
                    push_amount(&mut out, tokens, i, n.end, n.value, cur);
                    i = n.end;
                    continue;
                }
            }
        }
        // Then digits with the currency after them.
        if is_number(i) {
            if let Some(n) = number_at(tokens, i).filter(|n| !n.vague && n.end <= to) {
                if let Some((cur, after)) = currency_at(tokens, n.end).filter(|(_, a)| *a <= to) {
                    push_amount(&mut out, tokens, i, after, n.value, cur);
                    i = after;
                    continue;
                }
                // "between 489,000 and 1.22 million tenge": the first number takes the
                // currency of the second.
                if tokens.get(n.end).is_some_and(|x| x.is("and") || x.is("to") || is_dash_tok(x)) {
                    if let Some(n2) = number_at(tokens, n.end + 1).filter(|n2| !n2.vague) {
                        if let Some((cur, after)) = currency_at(tokens, n2.end).filter(|(_, a)| *a <= to) {
                            push_amount(&mut out, tokens, i, n.end, n.value, cur);
                            push_amount(&mut out, tokens, n.end + 1, after, n2.value, cur);
                            i = after;
                            continue;
                        }
                    }
                }
            }
        }
        i += 1;
    }
    out
}

fn is_dash_tok(t: &Token<'_>) -> bool {
    matches!(t.text, "-" | "\u{2013}" | "\u{2014}")
}

fn push_amount(
    out: &mut Vec<AmountMention>,
    tokens: &[Token<'_>],
    first: usize,
    end: usize,
    value: f64,
    currency: &'static str,
) {
    let before = first.checked_sub(1).map(|p| tokens[p].text).unwrap_or("");
    // An equivalent: "(US$135)", "(US$140 and US$360)".
    let equivalent = (before == "(" || before == "and")
        && out.last().is_some_and(|prev: &AmountMention| prev.currency != currency && prev.end + 3 >= first)
        || (before == "(" && !out.is_empty());
    let equivalent = equivalent && out.last().is_some_and(|p| p.currency != currency || p.equivalent);
    out.push(AmountMention {
        span: Span::new(tokens[first].span.start, tokens[end - 1].span.end),
        first,
        end,
        value,
        currency,
        equivalent,
    });
}

/// Joins the amounts one event names into one [`Amount`]: a single value, or a range when
/// several sums in one currency are given ("from 45,000 ... even 113,500"), with the US
/// dollar equivalents stated beside them.
pub fn combine_amounts(mentions: &[&AmountMention]) -> Option<Amount> {
    let main: Vec<&&AmountMention> = mentions.iter().filter(|m| !m.equivalent).collect();
    let first = main.first()?;
    let cur = first.currency;
    let values: Vec<f64> = main.iter().filter(|m| m.currency == cur).map(|m| m.value).collect();
    let usd: Vec<f64> = mentions.iter().filter(|m| m.equivalent && m.currency == "USD").map(|m| m.value).collect();
    let min = values.iter().cloned().fold(f64::INFINITY, f64::min);
    let max = values.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    let usd_value = (usd.len() == 1 && cur != "USD").then(|| usd[0]);
    if values.len() >= 2 && max > min {
        Some(Amount { value: None, min: Some(min), max: Some(max), currency: cur.to_string(), usd: usd_value })
    } else {
        Some(Amount { value: Some(min), min: None, max: None, currency: cur.to_string(), usd: usd_value })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct LegalMention {
    pub span: Span,
    pub first: usize,
    pub end: usize,
    /// Normalised: "Criminal Code art. 402", or "art. 189" when the code is not named.
    pub provision: String,
}

/// Finds "Article 402 of the Criminal Code", "under Article 189", "Section 124A".
pub fn find_legal(tokens: &[Token<'_>], from: usize, to: usize) -> Vec<LegalMention> {
    let mut out = Vec::new();
    let mut i = from;
    while i + 1 < to {
        let t = &tokens[i];
        let kind = match t.lower() {
            "article" | "art" => "art.",
            "section" => "sec.",
            _ => {
                i += 1;
                continue;
            }
        };
        let mut j = i + 1;
        if tokens.get(j).is_some_and(|x| x.text == ".") {
            j += 1;
        }
        let Some(num) = tokens.get(j).filter(|x| x.kind == TokenKind::Number) else {
            i += 1;
            continue;
        };
        let mut number = num.text.to_string();
        let mut end = j + 1;
        // "124A", "402(1)".
        if let Some(x) =
            tokens.get(end).filter(|x| x.kind == TokenKind::Word && x.span.start == num.span.end && x.text.len() == 1)
        {
            number.push_str(x.text);
            end += 1;
        }
        // "of the Criminal Code", "of the Code of Administrative Offences".
        let mut code = None;
        if tokens.get(end).is_some_and(|x| x.is("of")) {
            let mut k = end + 1;
            if tokens.get(k).is_some_and(|x| x.is("the")) {
                k += 1;
            }
            let start = k;
            while k < to && (tokens[k].is_capitalised() || (k > start && tokens[k].is("of"))) {
                k += 1;
            }
            if k > start {
                let words: Vec<&str> = tokens[start..k].iter().map(|x| x.text).collect();
                let phrase = words.join(" ");
                if phrase.contains("Code")
                    || phrase.contains("Law")
                    || phrase.contains("Act")
                    || phrase.contains("Constitution")
                {
                    code = Some(phrase);
                    end = k;
                }
            }
        }
        let provision = match code {
            Some(c) => format!("{c} {kind} {number}"),
            None => format!("{kind} {number}"),
        };
        out.push(LegalMention { span: Span::new(t.span.start, tokens[end - 1].span.end), first: i, end, provision });
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    /// The gate in front of `term_piece` turns away only tokens it reads nothing from: on
    /// every form of term, and on the team's case texts.
    #[test]
    fn the_term_gate_turns_away_no_term() {
        let forms = "jailed for 18 months, two years and six months, a year, one year, seven-year term, \
            two-and-a-half years, two-and-half years, 5-year ban, Seven years, eighteen months, \
            nine days, Eleven weeks, an 8-month term, three-year, four hours, fifteen days, a decade, \
            ten years; one and a half years, six months' probation, inf-year nan-year.";
        let cases = [
            include_str!("../tests/cases/custody_and_appeals.txt"),
            include_str!("../tests/cases/several_articles.txt"),
            include_str!("../tests/cases/continuations_and_counts.txt"),
        ];
        let texts: Vec<&str> = std::iter::once(forms).chain(cases).collect();
        let reads = |t: &[Token<'_>], i: usize| term_piece(t, i, t.len(), &mut Term::default()).is_some();
        let found = crate::text::assert_gate_admits(&texts, reads, may_open_term);
        assert!(found > 20, "{found}");
    }

    fn counts(text: &str) -> Vec<(u64, Bound)> {
        let mut lower = String::new();
        let t = tokenize(text, &mut lower);
        find_counts(&t, 0, t.len(), &[]).into_iter().map(|c| (c.count.value, c.count.bound)).collect()
    }

    fn terms(text: &str) -> Vec<String> {
        let mut lower = String::new();
        let t = tokenize(text, &mut lower);
        find_terms(&t, 0, t.len()).into_iter().map(|c| c.term.iso()).collect()
    }

    fn amount(text: &str) -> Amount {
        let mut lower = String::new();
        let t = tokenize(text, &mut lower);
        let found = find_amounts(&t, 0, t.len());
        combine_amounts(&found.iter().collect::<Vec<_>>()).expect("an amount")
    }

    #[test]
    fn counts_with_bounds() {
        assert_eq!(counts("at least 16 were killed and 60 wounded"), [(16, Bound::AtLeast), (60, Bound::AtLeast)]);
        assert_eq!(counts("more than 700 supporters joined"), [(700, Bound::MoreThan)]);
        assert_eq!(counts("Around 600 members took part"), [(600, Bound::About)]);
        assert_eq!(counts("over a hundred oil workers were held"), [(100, Bound::MoreThan)]);
        assert_eq!(counts("Thirty-seven people were tried"), [(37, Bound::Exact)]);
        assert_eq!(counts("Dozens of participants were held"), [(24, Bound::AtLeast)]);
        assert_eq!(counts("11,000 letters were sent"), [(11000, Bound::Exact)]);
        assert!(counts("for two years, Article 402, aged 55, 1000 kilometres").is_empty());
    }

    #[test]
    fn terms_in_all_spellings() {
        assert_eq!(terms("to two and a half years"), ["P2Y6M"]);
        assert_eq!(terms("to two-and-half years"), ["P2Y6M"]);
        assert_eq!(terms("two-and-a-half years"), ["P2Y6M"]);
        assert_eq!(terms("a further two-year ban"), ["P2Y"]);
        assert_eq!(terms("five months and eight days"), ["P5M8D"]);
        assert_eq!(terms("18 months"), ["P18M"]);
        assert_eq!(terms("for seven years"), ["P7Y"]);
    }

    #[test]
    fn amounts_ranges_and_equivalents() {
        let a = amount("fined between 489,000 and 1.22 million tenge (US$140 and US$360)");
        assert_eq!((a.min, a.max, a.currency.as_str()), (Some(489000.0), Some(1220000.0), "KZT"));
        let a = amount("must pay 25.2 million tenge (\\$83,000)");
        assert_eq!((a.value, a.usd), (Some(25200000.0), Some(83000.0)));
        let a = amount("fines from 45,000KZT (US$135) and one even 113,500 KZT (US$340)");
        assert_eq!((a.min, a.max), (Some(45000.0), Some(113500.0)));
        let a = amount("pay US$26,300 in damages");
        assert_eq!((a.value, a.currency.as_str()), (Some(26300.0), "USD"));
        let a = amount("a fine of \u{20ac}2,000");
        assert_eq!((a.value, a.currency.as_str()), (Some(2000.0), "EUR"));
    }

    #[test]
    fn legal_references() {
        let mut lower = String::new();
        let t = tokenize("under Article 402 of the Criminal Code and Article 189, Section 124A", &mut lower);
        let l: Vec<String> = find_legal(&t, 0, t.len()).into_iter().map(|l| l.provision).collect();
        assert_eq!(l, ["Criminal Code art. 402", "art. 189", "sec. 124A"]);
    }
}
