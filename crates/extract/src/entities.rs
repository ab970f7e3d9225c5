//! Named entities of one document: people, organisations and places, with every mention,
//! acronyms bound to their long forms and surnames bound to full names.
//!
//! The recogniser reads runs of capitalised words and decides from generic evidence: head
//! nouns ("… Union", "Ministry of …"), titles and roles ("chairman", "the president, X"),
//! given names and surname endings, gazetteers of countries and cities, locative phrases
//! ("the town of X", "police in X", "X region"), and definitions ("… (ITUC)").

use std::borrow::Cow;
use std::collections::hash_map::Entry;

use rustc_hash::FxHashMap;

use crate::lexicon::{
    self, COMMON_F, DEMONYM_F, GIVEN_F, HEAD_CORE_F, HEAD_TAIL_F, KNOWN_PLACE_F, MONTH_F, NUMBER_WORD_F, ORG_HEAD_F,
    TITLE_F, WEEKDAY_F,
};
use crate::model::{EntityKind, Span};
use crate::names;
use crate::text::{Sentence, Token, TokenKind};

/// A mention found in the text, before the document's entities are formed.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub first: usize,
    pub end: usize,
    pub span: Span,
    pub kind: EntityKind,
    /// How sure the recogniser is: strong evidence founds an entity, weak only joins one.
    pub strong: bool,
    /// Set for "X (ABC)": the acronym `ABC` is defined by the mention at this index.
    pub defines: Option<usize>,
}

/// An entity of one document with its mentions (indexes into the tokens).
#[derive(Debug, Clone, PartialEq)]
pub struct DocEntity {
    pub kind: EntityKind,
    pub name: String,
    pub forms: Vec<String>,
    pub mentions: Vec<(usize, usize, Span)>,
}

fn lower<'a>(t: &'a Token<'_>) -> &'a str {
    t.lower()
}

/// Small words inside a name ("Union of ...", "Workers and Employees"). A `match`, not a
/// slice scan: it is asked of nearly every word of every capitalised run.
fn is_connector(w: &str) -> bool {
    matches!(w, "of" | "the" | "and" | "for" | "on" | "de" | "del" | "la" | "du" | "des" | "&" | "in")
}

/// Words that end a run of capitalised words even though they are capitalised.
fn breaks_run(t: &Token<'_>) -> bool {
    t.has(WEEKDAY_F)
}

fn is_name_word(t: &Token<'_>) -> bool {
    if !(t.is_capitalised() || t.is_all_caps()) {
        return false;
    }
    let l = lower(t);
    // Month and number words by the token's flags; a month written with a dot ("Sept.") is
    // one the flags do not hold, so such a word is looked up.
    if t.has(COMMON_F | DEMONYM_F | TITLE_F | ORG_HEAD_F | MONTH_F | NUMBER_WORD_F)
        || l.ends_with('.') && lexicon::month(l).is_some()
    {
        return false;
    }
    // Two letters are enough to count: most words are done after their first two chars.
    t.text.chars().filter(|&c| crate::text::is_letter(c)).nth(1).is_some()
        && !matches!(l, "st" | "rd" | "ave" | "street" | "road")
}

/// "McDonald", "PetroKazakhstan": four chars or more, a capital first, and a lower-case
/// letter followed by a capital after it. Read in one pass over the chars, with no copy of
/// them: it is asked of every capitalised word.
fn is_camel(t: &Token<'_>) -> bool {
    let mut chars = t.text.chars();
    if !chars.next().is_some_and(char::is_uppercase) || t.text.contains(['-', '\'', '\u{2019}']) {
        return false;
    }
    // The pair of the first two chars does not count: only a lower-case letter after the first.
    let (mut count, mut after_lower, mut camel) = (1usize, false, false);
    for c in chars {
        count += 1;
        camel |= after_lower && c.is_uppercase();
        after_lower = c.is_lowercase();
    }
    count >= 4 && camel
}

fn is_acronym(tokens: &[Token<'_>], i: usize) -> bool {
    let t = &tokens[i];
    // The token's own flag first: most tokens asked are not all capitals, and the letter
    // count below walks the chars.
    if !t.is_all_caps() {
        return false;
    }
    let letters = t.text.chars().filter(|c| c.is_alphabetic()).count();
    if !(2..=8).contains(&letters) || t.text.contains('.') {
        return false;
    }
    if t.has(COMMON_F | TITLE_F) || lexicon::month(t.text).is_some() {
        return false;
    }
    if lexicon::is_non_entity_acronym(t.text)
        || t.text == "US" && tokens.get(i + 1).is_some_and(|n| n.text == "$" || n.text == "\\")
    {
        return false;
    }
    // Postcodes and codes: letters glued to digits ("WC1X", "0DW").
    let glued_digit = |j: Option<&Token<'_>>, before: bool| {
        j.is_some_and(|n| {
            n.kind == TokenKind::Number && if before { n.span.end == t.span.start } else { n.span.start == t.span.end }
        })
    };
    !(glued_digit(tokens.get(i + 1), false) || glued_digit(i.checked_sub(1).and_then(|p| tokens.get(p)), true))
}

/// Whether a sentence is a headline in Title Case, where capitals say nothing about names.
fn is_title_case(tokens: &[Token<'_>], s: &Sentence) -> bool {
    // Walked again for each question rather than collected: this is asked of every
    // sentence, and most are answered by the first walk.
    let words = || tokens[s.first..s.end].iter().filter(|t| t.is_word() && t.text.len() > 3);
    let (count, caps) = words().fold((0usize, 0usize), |(n, c), t| (n + 1, c + usize::from(t.is_capitalised())));
    if count < 4 || caps * 10 < count * 8 {
        return false;
    }
    // Title Case leaves only short function words in lower case; a lower-case verb or noun
    // ("Police arrested Ivan Petrov on Monday") makes it a sentence with names in it.
    let lower_content = words().any(|t| {
        !t.is_capitalised()
            && !matches!(
                t.lower(),
                "with"
                    | "from"
                    | "into"
                    | "onto"
                    | "over"
                    | "after"
                    | "about"
                    | "against"
                    | "amid"
                    | "than"
                    | "that"
                    | "upon"
                    | "near"
                    | "under"
                    | "without"
                    | "before"
                    | "during"
                    | "since"
                    | "while"
            )
    });
    !lower_content
}

/// Finds entity mentions sentence by sentence.
pub fn find_mentions(tokens: &[Token<'_>], sentences: &[Sentence], skip: &[bool]) -> Vec<Found> {
    // Reports name an entity or two a sentence: sized for that, the vector seldom grows.
    let mut out = Vec::with_capacity(sentences.len() * 2);
    for s in sentences {
        let headline = is_title_case(tokens, s);
        let mut i = s.first;
        while i < s.end {
            let t = &tokens[i];
            if skip[i] || !(t.is_capitalised() || t.is_all_caps()) || breaks_run(t) {
                i += 1;
                continue;
            }
            // Grow a run: capitalised words, inner connectors, "Workers' Union",
            // "Trade union", "RFE/RL".
            let mut end = i + 1;
            while end < s.end {
                let n = &tokens[end];
                if n.newline_before || skip[end] {
                    break;
                }
                if (n.is_capitalised() || n.is_all_caps()) && !breaks_run(n) {
                    end += 1;
                    continue;
                }
                let l = lower(n);
                let next_cap = |k: usize| {
                    tokens.get(k).is_some_and(|x| {
                        k < s.end && !x.newline_before && !skip[k] && (x.is_capitalised() || x.is_all_caps())
                    })
                };
                if is_connector(l) && n.is_word() {
                    let mut k = end + 1;
                    if tokens.get(k).is_some_and(|x| x.is("the")) {
                        // "X and the Y" joins two names, not one.
                        if l == "and" {
                            break;
                        }
                        k += 1;
                    }
                    let head_so_far = tokens[i..end].iter().any(is_head);
                    let place_next = tokens.get(k).is_some_and(|x| x.has(KNOWN_PLACE_F))
                        || (k + 1 < tokens.len() && known_place(tokens, k, k + 2));
                    if next_cap(k) && (l != "in" || (head_so_far && !place_next)) {
                        end = k;
                        continue;
                    }
                    break;
                }
                if matches!(n.text, "'" | "\u{2019}" | "'s" | "\u{2019}s")
                    && n.span.start == tokens[end - 1].span.end
                    && next_cap(end + 1)
                {
                    end += 1;
                    continue;
                }
                if n.text == "/"
                    && tokens[end - 1].is_all_caps()
                    && tokens.get(end + 1).is_some_and(|x| x.is_all_caps())
                    && n.span.start == tokens[end - 1].span.end
                {
                    end += 1;
                    continue;
                }
                if (l == "union" || l == "unions") && tokens[end - 1].lower().starts_with("trade") {
                    end += 1;
                    continue;
                }
                break;
            }
            classify_run(tokens, s, i, end, headline, &mut out);
            i = end;
        }
    }
    attach_acronym_definitions(tokens, &mut out);
    out
}

fn found_spans(found: &[Found]) -> Vec<(usize, usize)> {
    found.iter().map(|m| (m.first, m.end)).collect()
}

/// Whether a mention covers token `i`; `spans` are sorted and do not overlap.
fn found_covers(spans: &[(usize, usize)], i: usize) -> bool {
    let k = spans.partition_point(|&(a, _)| a <= i);
    k > 0 && spans[k - 1].1 > i
}

fn strip_trailing(tokens: &[Token<'_>], first: usize, mut end: usize) -> usize {
    while end > first {
        let l = lower(&tokens[end - 1]);
        if is_connector(l) || matches!(tokens[end - 1].text, "'" | "\u{2019}" | "/") {
            end -= 1;
        } else {
            break;
        }
    }
    end
}

/// [`phrase`], borrowed from the text where the text already spells it: its words apart by
/// one space each or not at all, as nearly every name is written.
fn phrase_in<'t>(text: &'t str, tokens: &[Token<'_>], first: usize, end: usize) -> Cow<'t, str> {
    let run = tokens.get(first..end).unwrap_or(&[]);
    let as_written = run.windows(2).all(|w| {
        let gap = w[1].span.start.saturating_sub(w[0].span.end);
        gap == 0 || (gap == 1 && text.as_bytes().get(w[0].span.end) == Some(&b' '))
    });
    match (run.first(), run.last()) {
        (Some(a), Some(b)) if as_written => {
            text.get(a.span.start..b.span.end).map_or_else(|| Cow::Owned(phrase(tokens, first, end)), Cow::Borrowed)
        }
        _ => Cow::Owned(phrase(tokens, first, end)),
    }
}

fn phrase(tokens: &[Token<'_>], first: usize, end: usize) -> String {
    // The phrase is never longer than the text it spans: one allocation.
    let len = match (tokens.get(first), end.checked_sub(1).and_then(|e| tokens.get(e))) {
        (Some(a), Some(b)) => b.span.end.saturating_sub(a.span.start),
        _ => 0,
    };
    let mut s = String::with_capacity(len);
    for (k, t) in tokens[first..end].iter().enumerate() {
        if k > 0 && t.span.start > tokens[first + k - 1].span.end {
            s.push(' ');
        }
        s.push_str(t.text);
    }
    s
}

/// Organisation heads that make a phrase an organisation wherever they stand (see also
/// `TAIL_ONLY_HEADS`, which do so only as the last word).
pub(crate) const CORE_HEADS: &[&str] = &[
    "union",
    "unions",
    "confederation",
    "federation",
    "association",
    "committee",
    "council",
    "court",
    "ministry",
    "party",
    "movement",
    "company",
    "corporation",
    "agency",
    "organisation",
    "organization",
    "conference",
    "commission",
    "network",
    "centre",
    "center",
    "institute",
    "foundation",
    "alliance",
    "coalition",
    "assembly",
    "parliament",
    "secretariat",
    "society",
    "league",
    "congress",
    "bureau",
    "tribunal",
    "group",
    "bank",
    "front",
    "office",
    "department",
    "authority",
    "board",
    "service",
    "syndicate",
    "ltd",
    "inc",
    "llc",
    "plc",
    "jsc",
    "llp",
    "gmbh",
    "holding",
    "holdings",
    "enterprise",
    "enterprises",
    "factory",
    "university",
    "gazette",
    "forum",
    "guild",
    "fund",
    "trust",
    "initiative",
    "mission",
    "mills",
    "mines",
    "agency",
    "programme",
    "program",
    "observatory",
    "centre",
];

/// Heads that make an organisation only as the last word ("Amnesty International", not
/// "International Covenant").
pub(crate) const TAIL_ONLY_HEADS: &[&str] = &[
    "international",
    "watch",
    "nations",
    "news",
    "times",
    "post",
    "radio",
    "television",
    "works",
    "resort",
    "hotel",
    "casino",
    "airlines",
    "airways",
    "textiles",
    "garments",
    "apparel",
    "plant",
    "mill",
    "mine",
    "bulletin",
    "monitor",
    "wire",
    "newsletter",
    "herald",
    "tribune",
    "chronicle",
    "observer",
    "journal",
    "daily",
    "solidarity",
    "project",
    "collective",
];

/// Last words that make a phrase a place: prisons, colonies, airports, squares.
const PLACE_HEADS: &[&str] = &[
    "prison",
    "jail",
    "colony",
    "airport",
    "square",
    "park",
    "stadium",
    "station",
    "harbour",
    "harbor",
    "camp",
    "bridge",
    "avenue",
    "boulevard",
    "district",
    "province",
    "region",
];

/// [`ORG_OPENERS`] as a hash set: the first word of every capitalised run is asked.
static ORG_OPENER_SET: lexicon::WordSet = lexicon::WordSet::new(ORG_OPENERS);

/// Words that may open an organisation's name although they are common words.
const ORG_OPENERS: &[&str] = &[
    "international",
    "national",
    "independent",
    "free",
    "united",
    "global",
    "european",
    "world",
    "central",
    "democratic",
    "human",
    "trade",
    "trades",
    "general",
    "federal",
    "supreme",
    "public",
    "state",
    "new",
    "all",
    "workers",
    "labour",
    "labor",
    "oil",
    "gas",
    "social",
    "civil",
    "security",
    "union",
    "confederation",
    "federation",
    "association",
    "committee",
    "council",
    "court",
    "ministry",
    "party",
    "movement",
    "people",
    "peoples",
    "solidarity",
    "free",
];

/// Whether a word is an organisation head, anywhere or only last (a flag the tokenizer
/// looked up once).
fn is_head(t: &Token<'_>) -> bool {
    t.has(HEAD_CORE_F | HEAD_TAIL_F)
}

/// Tails that make an all-generic two-word phrase an organisation anyway.
const GENERIC_TAILS_OK: &[&str] = &["international", "watch", "nations"];

fn count_specific(tokens: &[Token<'_>], first: usize, end: usize) -> usize {
    tokens[first..end]
        .iter()
        .filter(|t| t.is_word() && !is_connector(lower(t)) && !t.has(COMMON_F | ORG_HEAD_F | DEMONYM_F | TITLE_F))
        .count()
}

fn is_org_phrase(tokens: &[Token<'_>], first: usize, end: usize) -> bool {
    // Read straight off the tokens and their lexicon flags, with no word lists built: this
    // is asked of nearly every capitalised run, most of them holding no head at all.
    let run = &tokens[first..end];
    let mut content = 0usize;
    let mut any_head = false;
    let mut last: Option<&Token<'_>> = None;
    for t in run.iter().filter(|t| t.is_word() && !is_connector(lower(t))) {
        content += 1;
        any_head = any_head || is_head(t);
        last = Some(t);
    }
    let Some(last_t) = last else {
        return false;
    };
    if content < 2 || !any_head {
        return false;
    }
    // A head that may stand anywhere, or any head as the last content word.
    let has_head = is_head(last_t)
        || run.iter().any(|t| t.is_word() && !is_connector(lower(t)) && t.has(HEAD_CORE_F) && !t.has(HEAD_TAIL_F));
    if !has_head {
        return false;
    }
    // A head ends the name or opens a complement ("Union of ...", "Committee on ..."); a
    // head amid other words is a headline ("Union Leader Held In Cell"). Read from the
    // end: whether the words after each are all heads (or "workers", "employees").
    let mut structured = false;
    let mut rest_heads = true;
    let mut next: Option<&Token<'_>> = None;
    for t in run.iter().rev().filter(|t| t.is_word()) {
        if is_head(t) && (next.is_none_or(|n| is_connector(lower(n))) || rest_heads) {
            structured = true;
            break;
        }
        rest_heads = rest_heads && (is_head(t) || matches!(lower(t), "workers" | "employees"));
        next = Some(t);
    }
    if !structured {
        return false;
    }
    // "Trade Union Law" names a law, not a body.
    let last = lower(last_t);
    if matches!(
        last,
        "law"
            | "act"
            | "code"
            | "award"
            | "prize"
            | "day"
            | "week"
            | "review"
            | "report"
            | "convention"
            | "covenant"
            | "declaration"
            | "charter"
    ) {
        return false;
    }
    let specific = count_specific(tokens, first, end);
    specific > 0 || content >= 3 || GENERIC_TAILS_OK.contains(&last)
}

fn known_place(tokens: &[Token<'_>], first: usize, end: usize) -> bool {
    // One word: its lower case is the phrase's, and the tokenizer looked it up already.
    if end == first + 1 {
        return tokens.get(first).is_some_and(|t| t.has(KNOWN_PLACE_F));
    }
    // An ASCII phrase lower-cases word by word to what its tokens already hold, so it is
    // built on the stack from them; other phrases take the general path.
    let mut buf = [0u8; 64];
    let mut len = 0usize;
    let mut ascii = true;
    for (k, t) in tokens.get(first..end).unwrap_or(&[]).iter().enumerate() {
        let gap = k > 0 && t.span.start > tokens[first + k - 1].span.end;
        let w = t.lower().as_bytes();
        if !t.text.is_ascii() || len + usize::from(gap) + w.len() > buf.len() {
            ascii = false;
            break;
        }
        if gap {
            buf[len] = b' ';
            len += 1;
        }
        buf[len..len + w.len()].copy_from_slice(w);
        len += w.len();
    }
    if ascii {
        return lexicon::is_known_place_bytes(&buf[..len]);
    }
    let p = phrase(tokens, first, end).to_lowercase();
    lexicon::is_known_place(&p)
}

fn prev_word<'a>(tokens: &'a [Token<'_>], i: usize, s: &Sentence) -> Option<&'a str> {
    (i > s.first).then(|| lower(&tokens[i - 1]))
}

const LOCATIVES: &[&str] = &["in", "at", "near", "from", "outside", "across", "to", "around"];

/// The small words and marks inside an organisation's written name ("Union of ...", "X's",
/// "(KHCWU)").
pub(crate) fn is_name_filler(lower: &str) -> bool {
    matches!(lower, "of" | "the" | "and" | "(" | ")" | "'" | "’" | "'s" | "’s" | "&" | "for")
}

/// Evidence that a phrase of name words is a person.
/// Buildings a firm is named by: "the X depot".
const PREMISES: &[&str] = &[
    "depot",
    "plant",
    "factory",
    "warehouse",
    "warehouses",
    "office",
    "offices",
    "headquarters",
    "premises",
    "mill",
    "workshop",
    "store",
    "stores",
    "branch",
];

/// Verbs whose object is a person, so a name right after one is a person's.
const PERSON_OBJECT_VERBS: &[&str] = &[
    "detained",
    "arrested",
    "sentenced",
    "convicted",
    "jailed",
    "imprisoned",
    "released",
    "freed",
    "pardoned",
    "abducted",
    "kidnapped",
    "killed",
    "murdered",
    "assassinated",
    "interrogated",
    "summoned",
    "beat",
    "assaulted",
    "handed",
    "charged",
    "fined",
    "dismissed",
    "sacked",
];

fn person_evidence(tokens: &[Token<'_>], s: &Sentence, first: usize, end: usize, title_before: bool) -> bool {
    if title_before {
        return true;
    }
    if tokens[first].has(GIVEN_F) {
        return true;
    }
    // "Police detained Rosa Quintana": the object of a verb done to people.
    if first > s.first && PERSON_OBJECT_VERBS.contains(&lower(&tokens[first - 1])) {
        return true;
    }
    // The last word folded only where the ending rule applies (two words or more). A word
    // of ASCII letters and digits folds to its lower case, which the token holds.
    if end - first >= 2 {
        let t = &tokens[end - 1];
        let last: Cow<'_, str> = if t.text.bytes().all(|b| b.is_ascii_alphanumeric()) {
            Cow::Borrowed(t.lower())
        } else {
            Cow::Owned(names::ascii_fold(t.text))
        };
        // Each ending's last byte compared first: most endings are turned away without a
        // comparison of the rest.
        let last_byte = last.as_bytes().last().copied();
        if lexicon::SURNAME_ENDINGS
            .iter()
            .any(|e| e.as_bytes().last().copied() == last_byte && last.len() > e.len() + 2 && last.ends_with(e))
        {
            return true;
        }
    }
    // Appositive role: "X, a defense lawyer", "X, Central Asia researcher at ...".
    if tokens.get(end).is_some_and(|t| t.text == ",") {
        let stop = (end + 8).min(s.end);
        for t in tokens.get(end + 1..stop).unwrap_or(&[]) {
            let l = lower(t);
            if t.has(TITLE_F) || l.ends_with("ist") && t.is_word() && !t.is_capitalised() {
                return true;
            }
            if matches!(t.text, "," | "." | ";") {
                break;
            }
        }
        // "X, 55," — an age.
        if tokens.get(end + 1).is_some_and(|t| t.kind == TokenKind::Number && t.text.len() <= 2)
            && tokens.get(end + 2).is_some_and(|t| t.text == ",")
        {
            return true;
        }
    }
    // After a title and its organisation: "the president of the Khmer Hotel and Casino
    // Workers' Union (KHCWU), Sok Chanthou, ...".
    if first > s.first + 1 && tokens[first - 1].text == "," {
        let lo = first.saturating_sub(18).max(s.first);
        for k in (lo..first - 1).rev() {
            let l = lower(&tokens[k]);
            if tokens[k].has(TITLE_F) {
                return true;
            }
            let in_name = tokens[k].is_capitalised() || is_name_filler(l);
            if !in_name {
                break;
            }
        }
    }
    // Speech, or what happens to people: "X said", "X, who", "X was arrested".
    let next = tokens.get(end).map(lower).unwrap_or_default();
    if matches!(next, "said" | "says" | "told" | "wrote" | "added" | "explained" | "who" | "whose") {
        return true;
    }
    if tokens.get(end).is_some_and(|t| t.text == ",") && tokens.get(end + 1).is_some_and(|t| t.is("who")) {
        return true;
    }
    if matches!(next, "was" | "were" | "has" | "had")
        && tokens.get(end + 1).map(lower).is_some_and(|v| {
            matches!(
                v,
                "arrested"
                    | "detained"
                    | "sentenced"
                    | "jailed"
                    | "released"
                    | "charged"
                    | "convicted"
                    | "killed"
                    | "fined"
                    | "banned"
                    | "freed"
                    | "pardoned"
                    | "abducted"
                    | "beaten"
                    | "fired"
                    | "dismissed"
                    | "been"
            )
        })
    {
        return true;
    }
    false
}

fn classify_run(tokens: &[Token<'_>], s: &Sentence, first: usize, end: usize, headline: bool, out: &mut Vec<Found>) {
    let end = strip_trailing(tokens, first, end);
    if end <= first {
        return;
    }
    let mut f = first;
    // Leading articles, titles and common words fall away, remembering a title.
    let mut title_before = first > s.first && tokens[first - 1].has(TITLE_F);
    // "the president, Tokaev": a title and a comma before the name.
    if first >= s.first + 2 && tokens[first - 1].text == "," && tokens[first - 2].has(TITLE_F) {
        title_before = true;
    }
    // Leading words that cannot open a name ("During the International Labour Conference").
    while f < end {
        let l = lower(&tokens[f]);
        // A common word that may open an organisation's name stays; the list is asked only
        // of common words.
        if (tokens[f].has(COMMON_F) && !ORG_OPENER_SET.contains(l) && !is_acronym(tokens, f)) || l == "the" {
            if tokens[f].has(TITLE_F) {
                title_before = true;
            }
            f += 1;
            while f < end && is_connector(lower(&tokens[f])) {
                f += 1;
            }
        } else {
            break;
        }
    }
    if f >= end {
        return;
    }
    let whole_org = is_org_phrase(tokens, f, end);
    // The answer for this span, kept for the questions below that ask it again.
    let org_span = (f, end);
    let org_here = |a: usize, b: usize| ((a, b) == org_span).then_some(whole_org);
    if !whole_org {
        while f < end {
            let l = lower(&tokens[f]);
            if l == "the" || l == "a" || l == "an" {
                f += 1;
            } else if tokens[f].has(TITLE_F) {
                title_before = true;
                f += 1;
            } else if tokens[f].has(COMMON_F | DEMONYM_F | NUMBER_WORD_F)
                && !is_acronym(tokens, f)
                && !known_place(tokens, f, f + 1)
            {
                f += 1;
            } else {
                break;
            }
            while f < end && is_connector(lower(&tokens[f])) {
                f += 1;
            }
        }
    } else if tokens[f].is("the") {
        f += 1;
    }
    if f >= end {
        return;
    }
    let end = strip_trailing(tokens, f, end);
    if end <= f {
        return;
    }
    let push = push_fn(tokens);
    // "Judge Ruslan Kazlou of the Leninsky District Court": a titled person of a body.
    if tokens[f].has(TITLE_F) {
        if let Some(of) = (f + 2..end).find(|&k| tokens[k].is("of")) {
            if tokens[f + 1..of].iter().all(is_name_word) {
                classify_segment(tokens, s, f + 1, of, true, headline, None, push_fn(tokens), out);
                let mut g = of + 1;
                if tokens.get(g).is_some_and(|t| t.is("the")) {
                    g += 1;
                }
                if g < end {
                    classify_run(tokens, s, g, end, headline, out);
                }
                return;
            }
        }
    }
    // A title inside the run splits it: "ITUC President Akiko Gono".
    if let Some(k) = (f + 1..end).find(|&k| tokens[k].has(TITLE_F) && tokens[k].is_capitalised()) {
        if !org_here(f, end).unwrap_or_else(|| is_org_phrase(tokens, f, end)) {
            classify_run(tokens, s, f, k, headline, out);
            let mut after = k;
            while after < end && tokens[after].has(TITLE_F) {
                after += 1;
            }
            if after < end {
                classify_segment(tokens, s, after, end, true, headline, None, push, out);
            }
            return;
        }
    }
    classify_segment(tokens, s, f, end, title_before, headline, org_here(f, end), push, out);
}

fn push_fn<'a>(tokens: &'a [Token<'a>]) -> impl Fn(&mut Vec<Found>, usize, usize, EntityKind, bool) + Copy + 'a {
    move |out: &mut Vec<Found>, a: usize, b: usize, kind: EntityKind, strong: bool| {
        out.push(Found {
            first: a,
            end: b,
            span: Span::new(tokens[a].span.start, tokens[b - 1].span.end),
            kind,
            strong,
            defines: None,
        });
    }
}

#[allow(clippy::too_many_arguments)]
fn classify_segment(
    tokens: &[Token<'_>],
    s: &Sentence,
    f: usize,
    end: usize,
    title_before: bool,
    headline: bool,
    // `is_org_phrase` of this segment, where the caller asked it already.
    known_org: Option<bool>,
    push: impl Fn(&mut Vec<Found>, usize, usize, EntityKind, bool) + Copy,
    out: &mut Vec<Found>,
) {
    let n = end - f;
    let prev = prev_word(tokens, f, s);
    let prev2 = (f >= s.first + 2).then(|| lower(&tokens[f - 2]));
    // Region suffix: "Mangistau oblast'", "Kandal province".
    let suffix =
        tokens.get(end).filter(|t| end < s.end && !t.is_capitalised() && lexicon::REGION_SUFFIXES.contains(&lower(t)));
    if let Some(_suf) = suffix {
        if n <= 2 && tokens[f..end].iter().all(|t| !t.has(ORG_HEAD_F)) {
            let mut e = end + 1;
            if tokens
                .get(e)
                .is_some_and(|t| matches!(t.text, "'" | "\u{2019}") && t.span.start == tokens[e - 1].span.end)
            {
                e += 1;
            }
            push(out, f, e, EntityKind::Place, true);
            return;
        }
    }
    if known_org.unwrap_or_else(|| is_org_phrase(tokens, f, end)) {
        push(out, f, end, EntityKind::Organization, true);
        return;
    }
    // "RFE/RL": acronyms joined by slashes are one name.
    if n >= 3 && tokens[f..end].iter().all(|t| t.text == "/" || t.is_all_caps()) {
        push(out, f, end, EntityKind::Organization, true);
        return;
    }
    if known_place(tokens, f, end) {
        push(out, f, end, EntityKind::Place, true);
        return;
    }
    // "Evin Prison", "Tahrir Square", "Phnom Penh International Airport".
    if n >= 2 && PLACE_HEADS.contains(&lower(&tokens[end - 1])) && count_specific(tokens, f, end) > 0 {
        push(out, f, end, EntityKind::Place, true);
        return;
    }
    let first_l = lower(&tokens[f]);
    if first_l == "republic" && n >= 3 && lower(&tokens[f + 1]) == "of" {
        push(out, f, end, EntityKind::Place, true);
        return;
    }
    if n == 1 {
        let t = &tokens[f];
        if is_acronym(tokens, f) {
            let kind = if known_place(tokens, f, end) { EntityKind::Place } else { EntityKind::Organization };
            push(out, f, end, kind, true);
            return;
        }
        if is_camel(t) {
            push(out, f, end, EntityKind::Organization, true);
            return;
        }
        if !is_name_word(t) {
            return;
        }
        // "the town of X", "the company X", "X, the state oil company".
        if prev == Some("of") && prev2.is_some_and(|w| lexicon::PLACE_NOUNS.contains(&w)) {
            push(out, f, end, EntityKind::Place, true);
            return;
        }
        if org_context(tokens, s, f, end) {
            push(out, f, end, EntityKind::Organization, true);
            return;
        }
        if title_before {
            push(out, f, end, EntityKind::Person, true);
            return;
        }
        let locative = prev.is_some_and(|w| LOCATIVES.contains(&w));
        // "police in X arrested", "from X to Astana": a place even when named once.
        let strong_locative = locative
            && f > s.first + 1
            && matches!(prev, Some("in" | "at" | "near" | "from"))
            && !tokens.get(end).is_some_and(|t| t.is_capitalised() && end < s.end);
        // "in Ward 4 of the prison", "at Block 2 of": a numbered part of a place, no name.
        let numbered_part = tokens.get(end).is_some_and(|t| t.kind == TokenKind::Number)
            && tokens.get(end + 1).is_some_and(|t| t.is("of"));
        if locative && numbered_part {
            return;
        }
        // A single unknown word: a surname, short name or place the document names in
        // full elsewhere; or a place after "in"/"at"/"from".
        push(out, f, end, if locative { EntityKind::Place } else { EntityKind::Person }, strong_locative);
        return;
    }
    // Several words: a person's name when each word is name-like.
    let all_names = tokens[f..end].iter().all(is_name_word);
    if all_names && n <= 4 {
        if prev == Some("of") && prev2.is_some_and(|w| lexicon::PLACE_NOUNS.contains(&w)) {
            push(out, f, end, EntityKind::Place, true);
            return;
        }
        if org_context(tokens, s, f, end) {
            push(out, f, end, EntityKind::Organization, true);
            return;
        }
        // "near his home in Puerto Wilches": an unknown name right after "in" or "near",
        // not at the head of the sentence nor owning anything, is a town.
        let possessive = tokens.get(end).is_some_and(Token::is_possessive);
        if matches!(prev, Some("in" | "near"))
            && f > s.first + 1
            && !possessive
            && !tokens[f].has(GIVEN_F)
            && !title_before
        {
            push(out, f, end, EntityKind::Place, true);
            return;
        }
        // Weighed once: a headline only makes the same evidence weak.
        let evidence = person_evidence(tokens, s, f, end, title_before);
        if evidence && !headline {
            push(out, f, end, EntityKind::Person, true);
            return;
        }
        if evidence {
            push(out, f, end, EntityKind::Person, false);
            return;
        }
        // Unknown pair: only joins an entity named with evidence elsewhere.
        push(out, f, end, EntityKind::Person, false);
        return;
    }
    // Otherwise split at connectors and common words and try the pieces.
    let mut a = f;
    let mut k = f;
    while k <= end {
        let boundary = k == end || {
            let l = lower(&tokens[k]);
            is_connector(l)
                || !tokens[k].is_word()
                || (!is_name_word(&tokens[k]) && !is_acronym(tokens, k) && !tokens[k].has(KNOWN_PLACE_F))
        };
        if boundary {
            if k > a && !(a == f && k == end) {
                classify_segment(tokens, s, a, k, title_before && a == f, headline, None, push, out);
            }
            a = k + 1;
        }
        k += 1;
    }
}

/// "the company X", "X, the state oil and gas company", byline outlets "By A - X, date".
fn org_context(tokens: &[Token<'_>], s: &Sentence, f: usize, end: usize) -> bool {
    // "the Anka Express depot", "outside the Bystro offices": a firm named by its premises.
    if f > s.first
        && tokens[f - 1].is("the")
        && end < s.end
        && tokens.get(end).is_some_and(|t| !t.is_capitalised() && PREMISES.contains(&lower(t)))
    {
        return true;
    }
    if f > s.first {
        let p = lower(&tokens[f - 1]);
        if lexicon::ORG_INTRODUCERS.contains(&p) && f >= s.first + 2 && tokens[f - 2].is("the") {
            return true;
        }
        // Byline outlet: "By A - Outlet, date".
        if matches!(tokens[f - 1].text, "-" | "\u{2013}" | "\u{2014}" | "|")
            && tokens[s.first].is("by")
            && tokens.get(end).is_some_and(|t| t.text == ",")
        {
            return true;
        }
    }
    if tokens.get(end).is_some_and(|t| t.text == ",") {
        let stop = (end + 9).min(s.end);
        let mut k = end + 1;
        if k < stop && matches!(lower(&tokens[k]), "the" | "a" | "an") {
            k += 1;
            while k < stop {
                let l = lower(&tokens[k]);
                // "X, the confederation's chairperson": a possessive modifies the head after it.
                // "X, a union lawyer": the title after it is the head.
                let modifier = tokens.get(k + 1).is_some_and(|n| n.is_possessive() || n.has(TITLE_F));
                if lexicon::ORG_APPOSITIVES.contains(&l) && !modifier {
                    return true;
                }
                if !tokens[k].is_word() || tokens[k].has(TITLE_F) {
                    break;
                }
                k += 1;
            }
        }
    }
    false
}

/// "Long Name (ABC)": the acronym in brackets is defined by the mention before it; after a
/// capitalised phrase that is no entity ("Universal Periodic Review (UPR)") it is none either.
fn attach_acronym_definitions(tokens: &[Token<'_>], found: &mut Vec<Found>) {
    let mut spans = found_spans(found);
    spans.sort_unstable();
    found.retain(|m| {
        if m.end - m.first != 1 || m.first < 2 || tokens[m.first - 1].text != "(" || !is_acronym(tokens, m.first) {
            return true;
        }
        let before = &tokens[m.first - 2];
        !before.is_capitalised() || found_covers(&spans, m.first - 2)
    });
    for i in 1..found.len() {
        let (a, b) = (found[i - 1].clone(), found[i].clone());
        let bracket_between = b.first >= 1 && tokens[b.first - 1].text == "(" && a.end + 1 == b.first;
        if bracket_between && b.end - b.first == 1 && is_acronym(tokens, b.first) {
            found[i].defines = Some(i - 1);
            found[i].kind = a.kind;
        }
    }
}

/// Groups mentions into the document's entities: same form, acronym and its definition,
/// surname and full name, short form and long organisation name.
pub fn form_entities(text: &str, tokens: &[Token<'_>], found: &[Found]) -> Vec<DocEntity> {
    // Union-find over mentions.
    let n = found.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    fn join(p: &mut [usize], i: usize, j: usize) {
        let (a, b) = (root(p, i), root(p, j));
        p[a] = b;
    }
    // Borrowed from the text where it spells them: only the forms an entity keeps are copied.
    let text_of = |m: &Found| phrase_in(text, tokens, m.first, m.end);
    let mut forms: Vec<Cow<'_, str>> = found.iter().map(text_of).collect();
    // Whether a mention is a lone acronym, asked by two of the rules below.
    let acronym: Vec<bool> = found.iter().map(|m| m.end - m.first == 1 && is_acronym(tokens, m.first)).collect();
    // Every key below is written into this one buffer and read back by its byte range,
    // where a `String` each cost more than most of the keying.
    let mut buf = String::new();
    fn range(buf: &mut String, write: impl FnOnce(&mut String)) -> (usize, usize) {
        let start = buf.len();
        write(buf);
        (start, buf.len())
    }
    // A key depends only on kind and form, and forms repeat through a report: each is
    // keyed once, by its first mention, and a later mention of the same form joins that one.
    // The maps of every mention are sized once: grown from empty, their rehashing cost more
    // than their lookups.
    let mut memo: FxHashMap<(EntityKind, &str), usize> = FxHashMap::with_capacity_and_hasher(n, Default::default());
    // Each distinct key's range in `buf` and its first mention; at most one a mention.
    let mut distinct_keys: Vec<(usize, usize, usize)> = Vec::with_capacity(n);
    for (i, (m, f)) in found.iter().zip(&forms).enumerate() {
        match memo.entry((m.kind, &**f)) {
            Entry::Occupied(k) => join(&mut parent, i, distinct_keys[*k.get()].2),
            Entry::Vacant(slot) => {
                slot.insert(distinct_keys.len());
                let (start, end) = range(&mut buf, |buf| match m.kind {
                    EntityKind::Person => names::person_key_into(f, buf),
                    EntityKind::Organization => names::org_key_into(f, buf),
                    EntityKind::Place => names::org_key_into(region_stripped(f), buf),
                });
                distinct_keys.push((start, end, i));
            }
        }
    }
    // Acronyms that match the initials of a long organisation name in the document.
    // Only asked for by acronyms: a document without one computes none.
    let any_acronym = acronym.iter().any(|&a| a);
    let initials: Vec<(usize, usize, usize)> = found
        .iter()
        .zip(&forms)
        .enumerate()
        .filter(|(_, (m, _))| any_acronym && m.kind == EntityKind::Organization && m.end - m.first >= 2)
        .map(|(j, (_, f))| {
            let (start, end) = range(&mut buf, |buf| names::initials_into(f, buf));
            (start, end, j)
        })
        .collect();
    // Word keys repeat as forms do ("Volkov" ten times in a report, as a surname and alone):
    // each word is keyed once, into the buffer the maps below borrow from.
    let mut word_keys: FxHashMap<&str, (usize, usize)> = FxHashMap::with_capacity_and_hasher(n, Default::default());
    let mut key_word = |w| {
        word_keys.entry(w).or_insert_with_key(|w| range(&mut buf, |buf| names::word_key_into(w, buf)));
    };
    for (i, m) in found.iter().enumerate() {
        if m.end - m.first == 1 && !acronym[i] {
            key_word(tokens[m.first].text);
        } else if m.end - m.first >= 2 && m.strong {
            match m.kind {
                EntityKind::Person => key_word(tokens[m.end - 1].text),
                EntityKind::Organization => key_word(tokens[m.first].text),
                EntityKind::Place => {}
            }
        }
    }
    // Every key is written: from here on they are only read.
    let buf = buf.as_str();
    // Same key, same kind family.
    let mut by_key: FxHashMap<&str, usize> =
        FxHashMap::with_capacity_and_hasher(distinct_keys.len(), Default::default());
    for &(start, end, i) in &distinct_keys {
        let j = *by_key.entry(&buf[start..end]).or_insert(i);
        if j != i {
            join(&mut parent, i, j);
        }
    }
    for (i, m) in found.iter().enumerate() {
        if let Some(j) = m.defines {
            join(&mut parent, i, j);
        }
    }
    // Maps from initials, surname key and first-word key to the first mention bearing
    // them keep the linking below linear in the number of mentions.
    let mut by_initials: FxHashMap<&str, usize> =
        FxHashMap::with_capacity_and_hasher(initials.len(), Default::default());
    for &(start, end, j) in &initials {
        by_initials.entry(&buf[start..end]).or_insert(j);
    }
    for i in 0..n {
        if acronym[i] {
            if let Some(&j) = by_initials.get(&*forms[i]) {
                join(&mut parent, i, j);
            }
        }
    }
    let word_key = |w: &str| word_keys.get(w).map_or("", |&(start, end)| &buf[start..end]);
    let mut by_surname: FxHashMap<&str, usize> = FxHashMap::default();
    let mut by_first_word: FxHashMap<&str, usize> = FxHashMap::default();
    for (j, m) in found.iter().enumerate() {
        if m.end - m.first < 2 || !m.strong {
            continue;
        }
        match m.kind {
            EntityKind::Person => {
                by_surname.entry(word_key(tokens[m.end - 1].text)).or_insert(j);
            }
            EntityKind::Organization => {
                let second = tokens.get(m.first + 1).map(lower).unwrap_or_default();
                let admin = matches!(
                    second,
                    "city"
                        | "regional"
                        | "region"
                        | "district"
                        | "municipal"
                        | "oblast"
                        | "provincial"
                        | "state"
                        | "county"
                        | "town"
                );
                if count_specific(tokens, m.first, m.first + 1) == 1 && !admin {
                    by_first_word.entry(word_key(tokens[m.first].text)).or_insert(j);
                }
            }
            EntityKind::Place => {}
        }
    }
    // Single words: a surname of a full name, or the first word of an organisation name.
    for i in 0..n {
        if found[i].end - found[i].first != 1 || acronym[i] {
            continue;
        }
        // A one-token form is its token's text.
        let key = word_key(tokens[found[i].first].text);
        // "the mines of Chiatura", "between Chiatura and Zestaponi": after a locative, a
        // town's name, not the company named after the town.
        let f = found[i].first;
        let prev = f.checked_sub(1).map(|p| lower(&tokens[p])).unwrap_or_default();
        let prev2 = f.checked_sub(2).map(|p| lower(&tokens[p])).unwrap_or_default();
        let located = LOCATIVES.contains(&prev)
            || prev == "between"
            || (prev == "and" && f >= 3 && tokens[f - 3].is("between"))
            || (prev == "of"
                && matches!(
                    prev2,
                    "mines"
                        | "mine"
                        | "town"
                        | "city"
                        | "village"
                        | "region"
                        | "district"
                        | "province"
                        | "outskirts"
                        | "streets"
                        | "centre"
                        | "center"
                        | "port"
                        | "suburbs"
                ));
        let target = by_surname
            .get(key)
            .or_else(|| (found[i].kind != EntityKind::Place && !located).then(|| by_first_word.get(key)).flatten())
            .copied();
        if let Some(j) = target {
            join(&mut parent, i, j);
        }
    }
    // A name that begins an organisation's name in the document is that organisation
    // ("the Golden Lotus strike" beside "the Golden Lotus Resort").
    let mut org_prefixes: FxHashMap<&str, usize> = FxHashMap::default();
    for j in (0..n).filter(|&j| found[j].kind == EntityKind::Organization && found[j].strong) {
        let f = &*forms[j];
        // A byte scan: forms are short, and a space is one byte that no other char contains.
        for cut in f.bytes().enumerate().filter(|&(_, b)| b == b' ').map(|(k, _)| k).skip(1) {
            org_prefixes.entry(&f[..cut]).or_insert(j);
        }
    }
    for i in 0..n {
        if found[i].strong || found[i].end - found[i].first < 2 {
            continue;
        }
        if let Some(&j) = org_prefixes.get(&*forms[i]) {
            join(&mut parent, i, j);
        }
    }
    // "Jhon Fredy" beside "Jhon Fredy Ortega": given names alone are the person named in full.
    let mut person_prefixes: FxHashMap<&str, usize> = FxHashMap::default();
    for j in (0..n).filter(|&j| found[j].kind == EntityKind::Person && found[j].end - found[j].first >= 3) {
        let f = &*forms[j];
        if let Some((cut, _)) = f.rmatch_indices(' ').next() {
            person_prefixes.entry(&f[..cut]).or_insert(j);
        }
    }
    for i in 0..n {
        if found[i].kind != EntityKind::Person || found[i].end - found[i].first != 2 {
            continue;
        }
        if let Some(&j) = person_prefixes.get(&*forms[i]) {
            join(&mut parent, i, j);
        }
    }
    // Collect groups in the order of their first mention (members are pushed in order, so
    // a group's first member is its smallest); a group needs one strong mention.
    // Each mention's group, numbered by first mention; then all members in one vector,
    // group after group (a counting sort keeps each group's members in mention order), so a
    // group costs no vector of its own.
    let mut group_of_root: Vec<usize> = vec![usize::MAX; n];
    let mut group_of: Vec<usize> = Vec::with_capacity(n);
    let mut sizes: Vec<usize> = Vec::with_capacity(n);
    for i in 0..n {
        let r = root(&mut parent, i);
        if group_of_root[r] == usize::MAX {
            group_of_root[r] = sizes.len();
            sizes.push(0);
        }
        group_of.push(group_of_root[r]);
        sizes[group_of_root[r]] += 1;
    }
    let mut starts: Vec<usize> = Vec::with_capacity(sizes.len() + 1);
    starts.push(0);
    for &len in &sizes {
        starts.push(starts.last().copied().unwrap_or(0) + len);
    }
    let mut next = starts.clone();
    let mut flat = vec![0usize; n];
    for (i, &g) in group_of.iter().enumerate() {
        flat[next[g]] = i;
        next[g] += 1;
    }
    let mut out = Vec::with_capacity(sizes.len());
    for members in starts.windows(2).map(|w| &flat[w[0]..w[1]]) {
        if !members.iter().any(|&i| found[i].strong) {
            continue;
        }
        // Kind: the strong mentions vote, the weak ones only break ties: a lone word that
        // looked like a surname is the short name of whatever it joined.
        let mut votes = [0usize; 3];
        let slot = |k: EntityKind| match k {
            EntityKind::Organization => 0,
            EntityKind::Place => 1,
            EntityKind::Person => 2,
        };
        for &i in members {
            votes[slot(found[i].kind)] += if found[i].strong { 1000 } else { 1 };
        }
        // Ties go to the last listed: an organisation's full name outweighs a lone word
        // that happened to look like a surname ("Chiatura miners" beside "the Chiatura
        // Manganese Company").
        let kind = [EntityKind::Place, EntityKind::Person, EntityKind::Organization]
            .into_iter()
            .max_by_key(|&k| votes[slot(k)])
            .unwrap_or(EntityKind::Person);
        let mut entity_forms: Vec<String> = Vec::new();
        for &i in members {
            // A mention belongs to one group only: its form is moved, not copied.
            if !entity_forms.iter().any(|f| *f == forms[i]) {
                entity_forms.push(std::mem::take(&mut forms[i]).into_owned());
            }
        }
        let name = preferred_name(kind, &entity_forms);
        let mut mentions: Vec<(usize, usize, Span)> =
            members.iter().map(|&i| (found[i].first, found[i].end, found[i].span)).collect();
        mentions.sort();
        out.push(DocEntity { kind, name, forms: entity_forms, mentions });
    }
    out
}

/// "Mangistau oblast'" and "Mangistau region" are "Mangistau".
/// Whether a place name is a region's ("Karaganda region", "Mangistau oblast'").
pub fn is_region_name(s: &str) -> bool {
    region_stripped(s).len() < s.trim_end_matches(['\'', '\u{2019}']).len()
}

pub fn strip_region(s: &str) -> String {
    region_stripped(s).to_string()
}

/// [`strip_region`] borrowed: what is left of a name is a piece of it, so the keys of the
/// document's places are made without a copy of each.
pub(crate) fn region_stripped(s: &str) -> &str {
    let t = s.trim_end_matches(['\'', '\u{2019}']);
    for suf in lexicon::REGION_SUFFIXES {
        if let Some(p) = t.len().checked_sub(suf.len() + 1) {
            // `t[p..]` equals " {suf}" up to ASCII case, compared in place.
            let tail = &t.as_bytes()[p..];
            if t.is_char_boundary(p) && tail[0] == b' ' && tail[1..].eq_ignore_ascii_case(suf.as_bytes()) {
                return &t[..p];
            }
        }
    }
    t.strip_prefix("Republic of ").unwrap_or(t)
}

fn preferred_name(kind: EntityKind, forms: &[String]) -> String {
    // Most entities of a report are named one way only: nothing to choose.
    if let [only] = forms {
        return only.clone();
    }
    let score = |f: &String| {
        let words = f.split_whitespace().count();
        // ASCII letters are lower-case exactly when their ASCII test says so.
        let caps = if f.is_ascii() {
            !f.bytes().any(|b| b.is_ascii_lowercase())
        } else {
            f.chars().all(|c| !c.is_lowercase())
        };
        match kind {
            // A person's full name: two or three words beat one; no all-capitals.
            EntityKind::Person => (usize::from(words >= 2) * 10 + words.min(3), !caps as usize, f.len()),
            // An organisation's long form beats its acronym.
            EntityKind::Organization => (usize::from(!caps) * 10, words, f.len()),
            EntityKind::Place => {
                // Only ASCII letters lower-case to "republic" (the one non-ASCII letter that
                // lower-cases to ASCII is the Kelvin sign, to "k"): an ASCII comparison
                // without lower-casing the whole form.
                let republic = f.as_bytes().get(..8).is_some_and(|b| b.eq_ignore_ascii_case(b"republic"));
                (usize::from(!republic), 10 - words.min(10), 100 - f.len().min(100))
            }
        }
    };
    forms.iter().max_by_key(|f| score(f)).cloned().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{sentences, tokenize};

    fn entities(text: &str) -> Vec<(EntityKind, String, Vec<String>)> {
        let mut lower = String::new();
        let t = tokenize(text, &mut lower);
        let s = sentences(&t);
        let skip = vec![false; t.len()];
        let f = find_mentions(&t, &s, &skip);
        form_entities(text, &t, &f).into_iter().map(|e| (e.kind, e.name, e.forms)).collect()
    }

    fn names_of(text: &str, kind: EntityKind) -> Vec<String> {
        entities(text).into_iter().filter(|e| e.0 == kind).map(|e| e.1).collect()
    }

    #[test]
    fn people_with_titles_and_surnames() {
        let text = "Police detained Dmitri Volkov, deputy chairman of the union. Volkov denied it. \
                    The new president, Petrenko, said nothing.";
        let people = entities(text);
        assert!(people.iter().any(|e| e.1 == "Dmitri Volkov" && e.2.contains(&"Volkov".to_string())), "{people:?}");
        assert!(names_of(text, EntityKind::Person).contains(&"Petrenko".to_string()), "{people:?}");
    }

    #[test]
    fn organisations_and_acronyms() {
        let text = "The Federation of Free Miners (FFM) and the International Transport Workers Federation \
                    protested. FFM members marched.";
        let orgs = entities(text);
        assert!(
            orgs.iter().any(|e| e.0 == EntityKind::Organization
                && e.1 == "Federation of Free Miners"
                && e.2.contains(&"FFM".to_string())),
            "{orgs:?}"
        );
    }

    #[test]
    fn places_from_gazetteer_and_context() {
        let text = "Police in Qaraghandy arrested him in the town of Temirtau, in Karaganda region, Kazakhstan.";
        let places = names_of(text, EntityKind::Place);
        for p in ["Qaraghandy", "Temirtau", "Kazakhstan"] {
            assert!(places.contains(&p.to_string()), "{places:?}");
        }
        assert!(places.iter().any(|p| p.starts_with("Karaganda")), "{places:?}");
    }

    #[test]
    fn sentence_initial_words_are_not_names() {
        let text = "However, Despite everything. Following Their arrest. Workers Have Been Forced To Stop.";
        assert!(entities(text).is_empty(), "{:?}", entities(text));
    }
}
