//! Tokens and sentences with byte spans: the layer every other extractor reads.
//!
//! Offsets are UTF-8 byte offsets into the document text and always fall on character
//! boundaries, because tokens are cut only at `char_indices` positions.

use std::borrow::Cow;

use crate::model::Span;

fn lowered(s: &str) -> Cow<'_, str> {
    crate::lexicon::lc(s)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, with inner apostrophes, hyphens and dots of abbreviations ("U.S.").
    Word,
    /// Digits, with inner `,` and `.` ("1,000", "1.22").
    Number,
    /// Anything else, one character at a time.
    Punct,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'t> {
    pub span: Span,
    pub kind: TokenKind,
    pub text: &'t str,
    /// The text in lower case, computed once: borrowed from the lowered copy of the text
    /// ([`tokenize`]), owned only by a word that is not ASCII and has capitals.
    pub lower: Cow<'t, str>,
    /// A line break (or more) lies between this token and the previous one.
    pub newline_before: bool,
    /// A blank line lies between this token and the previous one.
    pub paragraph_before: bool,
    /// `is_capitalised` and `is_all_caps`, computed once: the entity scanners ask them of
    /// the same token many times over.
    capitalised: bool,
    all_caps: bool,
    /// The lexicon lists a word is in (`lexicon::word_flags`), looked up once here. Zero for
    /// numbers and punctuation, which no list holds (every listed word opens with a letter).
    flags: u16,
}

impl Token<'_> {
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }
    pub fn is_capitalised(&self) -> bool {
        self.capitalised
    }
    pub fn is_all_caps(&self) -> bool {
        self.all_caps
    }
    /// Whether this is the possessive ending of the word before it ("'s", "'").
    pub fn is_possessive(&self) -> bool {
        matches!(self.text, "'s" | "\u{2019}s" | "'" | "\u{2019}")
    }

    pub fn lower(&self) -> &str {
        &self.lower
    }
    pub fn is(&self, s: &str) -> bool {
        self.text.eq_ignore_ascii_case(s)
    }
    /// Whether the lower-case word is in any list of `flags` (`lexicon::*_F` bits).
    pub(crate) fn has(&self, flags: u16) -> bool {
        self.flags & flags != 0
    }
}

impl<'t> Token<'t> {
    /// A token of ASCII digits or marks: nothing to lower-case, in no lexicon list.
    fn caseless(span: Span, kind: TokenKind, text: &'t str, newlines: usize) -> Self {
        Token {
            span,
            kind,
            text,
            lower: Cow::Borrowed(text),
            flags: 0,
            newline_before: newlines > 0,
            paragraph_before: newlines > 1,
            capitalised: false,
            all_caps: false,
        }
    }

    /// A token of the general scanner; `ascii_lower` is its span of the text with ASCII
    /// letters lowered, its lower case whenever it is ASCII.
    fn new(span: Span, kind: TokenKind, text: &'t str, ascii_lower: &'t str, newlines: usize) -> Self {
        let (capitalised, all_caps, lower, flags) = if kind != TokenKind::Word {
            let lower = if text.is_ascii() { Cow::Borrowed(ascii_lower) } else { lowered(text) };
            (false, false, lower, 0)
        } else if text.is_ascii() {
            let first = text.as_bytes().first().copied().unwrap_or(0);
            // ASCII letters are alphabetic and lower-case exactly when their ASCII tests say
            // so. A word opening in lower case is not all capitals: most words stop there;
            // the rest count their letters and look for a lower-case one.
            let all_caps = !first.is_ascii_lowercase() && {
                let (mut letters, mut lower) = (0usize, false);
                for b in text.bytes() {
                    letters += usize::from(b.is_ascii_alphabetic());
                    lower |= b.is_ascii_lowercase();
                }
                letters >= 2 && !lower
            };
            (first.is_ascii_uppercase(), all_caps, Cow::Borrowed(ascii_lower), crate::lexicon::word_flags(ascii_lower))
        } else {
            let capitalised = text.chars().next().is_some_and(|c| c.is_uppercase());
            // A word opening in lower case is not all capitals.
            let all_caps = !text.chars().next().is_some_and(char::is_lowercase)
                && text.chars().filter(|&c| is_letter(c)).nth(1).is_some()
                && text.chars().all(|c| !c.is_lowercase());
            let (lower, flags) = crate::lexicon::lower_and_flags(text);
            (capitalised, all_caps, lower, flags)
        };
        Token {
            span,
            kind,
            text,
            lower,
            flags,
            newline_before: newlines > 0,
            paragraph_before: newlines > 1,
            capitalised,
            all_caps,
        }
    }
}

/// Curly quotes, dashes, bullets and primes: most of General Punctuation (U+2010 to
/// U+2027, U+2030 to U+205E), the chars other than ASCII that reports hold most. None is a
/// letter or a digit (see the tests), so [`is_letter`] answers them without a search of the
/// Unicode tables.
fn is_punctuation_mark(c: char) -> bool {
    matches!(c, '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205e}')
}

/// `char::is_alphabetic`, quicker on punctuation marks.
pub(crate) fn is_letter(c: char) -> bool {
    !is_punctuation_mark(c) && c.is_alphabetic()
}

/// `char::is_alphanumeric`, quicker on punctuation marks.
fn is_letter_or_digit(c: char) -> bool {
    !is_punctuation_mark(c) && c.is_alphanumeric()
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

fn is_hyphen(c: char) -> bool {
    c == '-' || c == '\u{2010}' || c == '\u{2011}'
}

/// What an ASCII byte opens: the tokenizer's first question of every char, answered by a
/// table instead of the Unicode tests (which agree with it on ASCII: see the tests).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Opens {
    Space,
    Newline,
    Letter,
    Digit,
    Punct,
}

const fn opens(b: u8) -> Opens {
    match b {
        b'\n' => Opens::Newline,
        b'\t' | b'\x0b' | b'\x0c' | b'\r' | b' ' => Opens::Space,
        b'a'..=b'z' | b'A'..=b'Z' => Opens::Letter,
        b'0'..=b'9' => Opens::Digit,
        _ => Opens::Punct,
    }
}

static OPENS: [Opens; 128] = {
    let mut t = [Opens::Punct; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = opens(b as u8);
        b += 1;
    }
    t
};

/// Bits of [`CASE`]: what a byte of an ASCII word is.
const DIGIT: u8 = 1;
const UPPER: u8 = 2;
const LOWER: u8 = 4;

/// Each byte's [`DIGIT`], [`UPPER`] or [`LOWER`] bit; zero for every byte that ends an
/// ASCII word's letters and digits (all others, non-ASCII bytes included).
static CASE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b'0'..=b'9' => DIGIT,
            b'A'..=b'Z' => UPPER,
            b'a'..=b'z' => LOWER,
            _ => 0,
        };
        b += 1;
    }
    t
};

/// Splits text into tokens. Linear, allocation-light, never panics.
///
/// `lower_buf` is storage for the tokens' lower case: it is filled with the text with its
/// ASCII letters lowered, so that an ASCII token's lower case is its span of that copy. One
/// copy of the text costs less than a `String` for each capitalised word no list knows.
pub fn tokenize<'t>(text: &'t str, lower_buf: &'t mut String) -> Vec<Token<'t>> {
    lower_buf.clear();
    lower_buf.push_str(text);
    lower_buf.make_ascii_lowercase();
    // Lowering ASCII letters keeps every byte in place, so a span of the text is the same
    // span of this copy, on the same char boundaries.
    let lowered: &'t str = lower_buf;
    let mut out = Vec::with_capacity(text.len() / 5);
    // Byte position of the next char: each token jumps straight to its end rather than
    // stepping a char iterator over what the scanners already read.
    let mut pos = 0usize;
    let mut newlines = 0usize;
    let bytes = text.as_bytes();
    while let Some(&b) = bytes.get(pos) {
        let i = pos;
        if b.is_ascii() {
            match OPENS[usize::from(b)] {
                Opens::Space => {
                    pos += 1;
                    continue;
                }
                Opens::Newline => {
                    newlines += 1;
                    pos += 1;
                    continue;
                }
                Opens::Letter => {
                    // Most words are ASCII letters and digits up to a space or a punctuation
                    // mark that joins nothing: read in one pass that also gathers what the
                    // token records of its case. Anything else takes the general scanner.
                    let mut cases = 0u8;
                    let len = bytes[i..]
                        .iter()
                        .map(|&c| CASE[usize::from(c)])
                        .take_while(|&k| k != 0)
                        .inspect(|&k| cases |= k)
                        .count();
                    let end = i + len;
                    if bytes.get(end).is_none_or(|&c| c.is_ascii() && !matches!(c, b'\'' | b'-' | b'.')) {
                        // No apostrophe, so no possessive to split off.
                        let word = &text[i..end];
                        let lower = &lowered[i..end];
                        // Letters are counted only where no lower-case one rules capitals out.
                        let all_caps = cases & LOWER == 0
                            && !b.is_ascii_lowercase()
                            && word.bytes().filter(u8::is_ascii_alphabetic).nth(1).is_some();
                        out.push(Token {
                            span: Span::new(i, end),
                            kind: TokenKind::Word,
                            text: word,
                            lower: Cow::Borrowed(lower),
                            flags: crate::lexicon::word_flags(lower),
                            newline_before: newlines > 0,
                            paragraph_before: newlines > 1,
                            capitalised: b.is_ascii_uppercase(),
                            all_caps,
                        });
                        newlines = 0;
                        pos = end;
                        continue;
                    }
                }
                // Digits with their inner separators, or one mark.
                opens @ (Opens::Digit | Opens::Punct) => {
                    let (kind, end) = match opens {
                        Opens::Digit => (TokenKind::Number, scan_number(text, i)),
                        _ => (TokenKind::Punct, i + 1),
                    };
                    out.push(Token::caseless(Span::new(i, end), kind, &text[i..end], newlines));
                    newlines = 0;
                    pos = end;
                    continue;
                }
            }
        }
        // ASCII (nearly all of a report) is its own char; anything else is decoded.
        let c = if b.is_ascii() {
            char::from(b)
        } else {
            match text[pos..].chars().next() {
                Some(c) => c,
                None => break,
            }
        };
        if c.is_whitespace() {
            if c == '\n' {
                newlines += 1;
            }
            pos += c.len_utf8();
            continue;
        }
        let (kind, end) = if is_letter(c) {
            (TokenKind::Word, scan_word(text, i))
        } else if c.is_ascii_digit() {
            (TokenKind::Number, scan_number(text, i))
        } else {
            (TokenKind::Punct, i + c.len_utf8())
        };
        pos = end;
        // A possessive "'s" is its own token, so "IWW's" names "IWW".
        let word = &text[i..end];
        let split = if kind == TokenKind::Word && word.len() > 3 {
            let lower_tail = word.get(word.len().saturating_sub(4)..).unwrap_or("");
            if lower_tail.ends_with("\u{2019}s") || lower_tail.ends_with("\u{2019}S") {
                Some(end - "\u{2019}s".len())
            } else if word.ends_with("'s") || word.ends_with("'S") {
                Some(end - 2)
            } else {
                None
            }
        } else {
            None
        };
        let cut = split.unwrap_or(end);
        out.push(Token::new(Span::new(i, cut), kind, &text[i..cut], &lowered[i..cut], newlines));
        if cut < end {
            out.push(Token::new(Span::new(cut, end), TokenKind::Punct, &text[cut..end], &lowered[cut..end], 0));
        }
        newlines = 0;
    }
    out
}

fn scan_word(text: &str, start: usize) -> usize {
    // ASCII letters and digits always extend the word (the loop below takes them one char
    // at a time): skipped over as bytes first, the loop goes on from the first other char.
    let bytes = text.as_bytes();
    let mut end = start;
    while bytes.get(end).is_some_and(u8::is_ascii_alphanumeric) {
        end += 1;
    }
    let resume = end;
    let mut it = text[resume..].char_indices().peekable();
    while let Some((off, c)) = it.next() {
        let pos = resume + off;
        if is_letter_or_digit(c) {
            end = pos + c.len_utf8();
            continue;
        }
        // Inner joiners: letters on both sides ("Nur-Sultan", "don't", "U.S").
        let joins = is_apostrophe(c) || is_hyphen(c) || c == '.';
        if joins {
            if let Some(&(_, next)) = it.peek() {
                if is_letter(next) {
                    if c == '.' {
                        // Only abbreviations of single letters: "U.S.", "e.g.".
                        let prev_word = &text[start..pos];
                        let last_seg = prev_word.rsplit('.').next().unwrap_or("");
                        if last_seg.chars().count() != 1 {
                            break;
                        }
                        let after = &text[pos + 1..];
                        let seg_len = after.chars().take_while(|&c| is_letter(c)).count();
                        if seg_len != 1 {
                            break;
                        }
                    }
                    end = pos + c.len_utf8();
                    continue;
                }
            }
        }
        break;
    }
    // A trailing dot of a dotted abbreviation belongs to it ("U.S.").
    if text[end..].starts_with('.') && text[start..end].contains('.') {
        end += 1;
    }
    end
}

fn scan_number(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = start;
    while end < bytes.len() {
        let b = bytes[end];
        let inner_separator =
            (b == b',' || b == b'.') && end + 1 < bytes.len() && bytes[end + 1].is_ascii_digit() && end > start;
        if b.is_ascii_digit() || inner_separator {
            end += 1;
        } else {
            break;
        }
    }
    end
}

/// Whether a word ends with a dot without ending a sentence. A `match`, not a list searched
/// in turn: it is asked at every full stop.
fn is_abbreviation(lower: &str) -> bool {
    matches!(
        lower,
        "mr" | "mrs"
            | "ms"
            | "dr"
            | "prof"
            | "st"
            | "art"
            | "arts"
            | "no"
            | "nos"
            | "vol"
            | "p"
            | "pp"
            | "para"
            | "gen"
            | "col"
            | "lt"
            | "sgt"
            | "capt"
            | "gov"
            | "sen"
            | "rep"
            | "rev"
            | "jr"
            | "sr"
            | "co"
            | "corp"
            | "inc"
            | "ltd"
            | "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
            | "approx"
            | "ca"
            | "cf"
            | "vs"
            | "etc"
            | "fig"
            | "ch"
            | "sec"
            | "mt"
            | "ave"
            | "dept"
            | "est"
            | "govt"
    )
}

/// A sentence: a token range and the byte span it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// Index of the first token.
    pub first: usize,
    /// One past the last token.
    pub end: usize,
}

/// Splits tokens into sentences: at `.`, `!`, `?` (not after abbreviations or initials), at
/// paragraph breaks, and at line breaks that end a headline or a list item. A line broken in
/// the middle of a sentence (as PDF conversion leaves them) does not end it.
pub fn sentences(tokens: &[Token<'_>]) -> Vec<Sentence> {
    // Sized for a dozen tokens a sentence, about what reports run to, so the vector seldom
    // grows; a denser text grows it as usual.
    let mut out = Vec::with_capacity(tokens.len() / 8 + 1);
    let mut start = 0usize;
    let push = |out: &mut Vec<Sentence>, a: usize, b: usize| {
        if b > a {
            out.push(Sentence { span: Span::new(tokens[a].span.start, tokens[b - 1].span.end), first: a, end: b });
        }
    };
    for i in 0..tokens.len() {
        let t = &tokens[i];
        if i > start && t.newline_before {
            let prev = &tokens[i - 1];
            let prev_ends = matches!(prev.text, "." | "!" | "?" | ":" | ";")
                || (prev.kind == TokenKind::Punct && matches!(prev.text, "\"" | "\u{201d}" | ")"));
            let continues = !t.paragraph_before
                && !prev_ends
                && t.text.chars().next().is_some_and(|c| c.is_lowercase())
                && prev.kind != TokenKind::Punct;
            let list_item = matches!(t.text, "-" | "*" | "\u{2022}");
            if t.paragraph_before || list_item || !continues {
                push(&mut out, start, i);
                start = i;
                continue;
            }
        }
        if t.kind == TokenKind::Punct && matches!(t.text, "." | "!" | "?") && i > start {
            // Closing quotes and brackets stay with the sentence they close.
            let mut j = i + 1;
            while j < tokens.len()
                && tokens[j].kind == TokenKind::Punct
                && matches!(tokens[j].text, "\"" | "\u{201d}" | "'" | "\u{2019}" | ")")
                && !tokens[j].newline_before
            {
                j += 1;
            }
            if t.text == "." && ends_abbreviation(tokens, i) {
                continue;
            }
            let next = tokens.get(j);
            let boundary = match next {
                None => true,
                Some(n) => {
                    n.newline_before
                        || n.text.chars().next().is_some_and(|c| {
                            c.is_uppercase() || c.is_ascii_digit() || "\"\u{201c}'(\u{2018}[".contains(c)
                        })
                }
            };
            if boundary {
                push(&mut out, start, j);
                start = j;
            }
        }
    }
    push(&mut out, start, tokens.len());
    out
}

fn ends_abbreviation(tokens: &[Token<'_>], dot: usize) -> bool {
    let Some(prev) = dot.checked_sub(1).map(|p| &tokens[p]) else {
        return false;
    };
    if prev.kind != TokenKind::Word || prev.span.end != tokens[dot].span.start {
        return false;
    }
    // An initial ("J. Smith"), but not a one-letter word ending a sentence ("plan B.").
    if prev.text.chars().count() == 1 && prev.text.chars().all(|c| c.is_uppercase()) {
        return tokens.get(dot + 1).is_some_and(|n| n.is_capitalised() && !n.newline_before);
    }
    let lower = prev.lower();
    if is_abbreviation(lower) {
        // "No." abbreviates only before a number.
        if lower == "no" || lower == "nos" {
            return tokens.get(dot + 1).is_some_and(|n| n.kind == TokenKind::Number);
        }
        return true;
    }
    false
}

/// For the tests of a scanner's gate (a test on one token that turns words away before the
/// scanner reads them): every token of `texts` where `reads` finds something passes `gate`.
/// Returns how many such tokens there were, so a test can tell it read something.
#[cfg(test)]
pub(crate) fn assert_gate_admits(
    texts: &[&str],
    reads: impl Fn(&[Token<'_>], usize) -> bool,
    gate: impl Fn(&Token<'_>) -> bool,
) -> usize {
    let mut found = 0;
    for text in texts {
        let mut lower = String::new();
        let toks = tokenize(text, &mut lower);
        for i in 0..toks.len() {
            if reads(&toks, i) {
                found += 1;
                assert!(gate(&toks[i]), "{:?} in {:?}", toks[i].text, &text[toks[i].span.start..]);
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(text: &str) -> Vec<&str> {
        let mut lower = String::new();
        let toks = tokenize(text, &mut lower);
        sentences(&toks).iter().map(|s| s.span.slice(text)).collect()
    }

    #[test]
    fn the_ascii_table_agrees_with_the_unicode_tests() {
        for b in 0u8..128 {
            let c = char::from(b);
            let want = if c == '\n' {
                Opens::Newline
            } else if c.is_whitespace() {
                Opens::Space
            } else if c.is_alphabetic() {
                Opens::Letter
            } else if c.is_ascii_digit() {
                Opens::Digit
            } else {
                Opens::Punct
            };
            assert!(OPENS[usize::from(b)] == want, "byte {b}");
        }
    }

    #[test]
    fn punctuation_marks_are_no_letters_or_digits() {
        let marks: Vec<char> = ('\u{2000}'..='\u{2100}').filter(|&c| is_punctuation_mark(c)).collect();
        assert_eq!(marks.len(), 0x18 + 0x2f);
        for c in marks {
            assert!(!c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn tokens_keep_inner_punctuation() {
        let mut lower = String::new();
        let t = tokenize("Nur-Sultan's U.S. office paid 1,000.50 tenge. Don't.", &mut lower);
        let words: Vec<&str> = t.iter().map(|t| t.text).collect();
        assert_eq!(words, ["Nur-Sultan", "'s", "U.S.", "office", "paid", "1,000.50", "tenge", ".", "Don't", "."]);
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let s = sents("He was charged under Art. 402 by Mr. Smith in the U.S. on Monday. Then he left.");
        assert_eq!(s.len(), 2, "{s:?}");
        let s = sents("Case No. 5 was closed. No. The judge refused.");
        assert_eq!(s.len(), 3, "{s:?}");
    }

    #[test]
    fn headlines_and_paragraphs_end_sentences() {
        let s = sents("Union leader detained\n\nPolice detained him on Monday.\nA second line");
        assert_eq!(s, ["Union leader detained", "Police detained him on Monday.", "A second line"]);
    }

    #[test]
    fn pdf_broken_lines_are_joined() {
        let s = sents("The court sentenced the\nactivist to two years. Another one.");
        assert_eq!(s, ["The court sentenced the\nactivist to two years.", "Another one."]);
    }

    #[test]
    fn quotes_stay_with_their_sentence() {
        let s = sents("He said \"we will strike.\" The union agreed.");
        assert_eq!(s, ["He said \"we will strike.\"", "The union agreed."]);
    }
}
