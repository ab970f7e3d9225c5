//! HTML: the main text of a page (no scripts, styles, navigation or page chrome), its title and its publication date from metadata.
//!
//! Tokenising is done by html5ever's spec-compliant HTML5 tokenizer
//! (character references, comments, raw-text elements such as `<script>`,
//! attributes, CDATA in SVG). Tree construction is our own: a simplified
//! stack of open elements that knows the implied end tags that matter for
//! text (`<p>`, `<li>`, table cells, headings, ...). It is deliberately not
//! html5ever's full tree builder, whose scope checks scan the whole stack of
//! open elements on every tag, which makes it quadratic on deeply nested
//! input (measured: 20,000 nested `<div>`s take seconds, 100,000 take
//! minutes). Every operation here is amortised O(1) per token: lookups down
//! the stack are bounded, or pop what they walk over. Nothing recurses, so
//! no input can overflow the stack.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};
use html5ever::{LocalName, TokenizerResult};

use crate::date::normalize_iso;
use crate::{Error, Result};

/// What [`extract`] found in a page.
#[derive(Debug)]
pub(crate) struct HtmlDoc {
    pub text: String,
    pub title: Option<String>,
    pub published: Option<String>,
}

/// Extracts the main text, title and publication date of an HTML page.
///
/// The text comes from the page's `<article>` elements when they hold a
/// reasonable share of the page's text, else from `<main>`, else from the
/// whole body. Removed everywhere: `script`, `style`, `noscript`,
/// `template`, `svg`, `math`, `nav`, `footer`, `aside`, `form` (unless the
/// form wraps the whole page, as on ASP.NET sites), `button`, `select`,
/// `textarea`, `iframe`, `object`, `canvas`, `audio`, `video`, `dialog`,
/// elements that are `hidden`, `aria-hidden="true"` or `display:none`, and
/// elements with a navigation, banner, complementary, search or content-info
/// role. `<header>` is removed at page level but kept inside `<article>` and
/// `<main>`, where it holds the headline and byline.
///
/// Block elements end lines: paragraphs, headings, sections, block quotes,
/// tables, lists and preformatted blocks are separated by a blank line; `br`,
/// list items, table rows and definition terms start a new line. Whitespace
/// is collapsed to single spaces (kept as is inside `<pre>`), character
/// references are decoded, no-break spaces become spaces, and soft hyphens
/// and zero-width spaces are removed.
pub(crate) fn extract(bytes: &[u8]) -> Result<HtmlDoc> {
    let decoded = decode(bytes);
    let source = limit_attributes(&decoded);
    let tokenizer = Tokenizer::new(Extractor::default(), TokenizerOpts::default());
    let queue = BufferQueue::default();
    // Fed in chunks: a tendril holds at most 4 GB, and chunks keep copies small.
    let mut rest: &str = &source;
    while !rest.is_empty() {
        let mut end = rest.len().min(1 << 20);
        while !rest.is_char_boundary(end) {
            end -= 1;
        }
        queue.push_back(StrTendril::from_slice(&rest[..end]));
        rest = &rest[end..];
    }
    // Our sink never asks the tokenizer to pause, so one feed consumes everything.
    while !matches!(tokenizer.feed(&queue), TokenizerResult::Done) {}
    tokenizer.end();
    let state = std::mem::take(&mut *tokenizer.sink.state.borrow_mut());
    state.finish()
}

/// Decodes the page: byte order mark first, then UTF-8 when the bytes are
/// valid UTF-8, then the charset declared in a `<meta>` within the first
/// 4 KB, and finally lossy UTF-8 (offsets refer to the extracted text, not to
/// the file, so a lossy decode is acceptable here).
fn decode(bytes: &[u8]) -> Cow<'_, str> {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding.decode_without_bom_handling(&bytes[bom_len..]).0;
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Cow::Borrowed(s);
    }
    if let Some(encoding) = meta_charset(&bytes[..bytes.len().min(4096)]) {
        // As in browsers: a UTF-16 label in a byte-oriented document means UTF-8.
        let encoding = encoding.output_encoding();
        if encoding != encoding_rs::UTF_8 {
            return encoding.decode_without_bom_handling(bytes).0;
        }
    }
    String::from_utf8_lossy(bytes)
}

/// Most attributes kept on one tag (see [`limit_attributes`]).
const MAX_ATTRIBUTES: usize = 64;

/// Removes attributes beyond the first [`MAX_ATTRIBUTES`] of any tag.
///
/// html5ever's tokenizer checks every new attribute against all earlier
/// ones of the same tag, so a tag with 50,000 attributes takes seconds and
/// a file of such tags hours. No real page needs more than a few dozen
/// attributes on an element, and none of those beyond the first 64 matter
/// for text. This is a linear pre-pass that follows the tokenizer's rules
/// closely enough: quoted attribute values, comments, and raw-text elements
/// (`<script>`, `<style>`, `<textarea>`, ...) whose content is not markup.
/// Returns the input unchanged (and unallocated) in the normal case.
fn limit_attributes(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    let len = b.len();
    let is_space = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c');
    let mut out: Option<String> = None;
    let mut copied = 0;
    // Inside a raw-text element: the name whose end tag ends it.
    let mut raw: Option<&[u8]> = None;
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        i += off + 1;
        if raw.is_none() && b[i..].starts_with(b"!--") {
            i = match crate::detect::find(&b[i + 3..], b"-->") {
                Some(end) => i + 3 + end + 3,
                None => len,
            };
            continue;
        }
        let end_tag = b.get(i) == Some(&b'/');
        let name_start = i + usize::from(end_tag);
        if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let name_len = b[name_start..].iter().take_while(|&&c| !is_space(c) && c != b'/' && c != b'>').count();
        let name = &b[name_start..name_start + name_len];
        if let Some(open) = raw {
            if !(end_tag && name.eq_ignore_ascii_case(open)) {
                continue;
            }
            raw = None;
        }
        i = name_start + name_len;
        let mut count = 0;
        let mut cut = None;
        loop {
            while i < len && (is_space(b[i]) || b[i] == b'/') {
                i += 1;
            }
            if i >= len {
                break;
            }
            if b[i] == b'>' {
                i += 1;
                break;
            }
            count += 1;
            if count == MAX_ATTRIBUTES + 1 {
                cut = Some(i);
            }
            // Name (a leading '=' belongs to it), then an optional value.
            i += 1;
            while i < len && !is_space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
                i += 1;
            }
            while i < len && is_space(b[i]) {
                i += 1;
            }
            if b.get(i) == Some(&b'=') {
                i += 1;
                while i < len && is_space(b[i]) {
                    i += 1;
                }
                match b.get(i) {
                    Some(&q @ (b'"' | b'\'')) => {
                        i = match b[i + 1..].iter().position(|&c| c == q) {
                            Some(end) => i + 1 + end + 1,
                            None => len,
                        };
                    }
                    _ => {
                        while i < len && !is_space(b[i]) && b[i] != b'>' {
                            i += 1;
                        }
                    }
                }
            }
        }
        if let Some(cut) = cut {
            // Drop from the first excess attribute up to (not including) '>'.
            let keep_from = if b[i - 1] == b'>' { i - 1 } else { i };
            let o = out.get_or_insert_with(|| String::with_capacity(len));
            o.push_str(&s[copied..cut]);
            copied = keep_from;
        }
        if !end_tag {
            const RAW: [&[u8]; 9] =
                [b"script", b"style", b"textarea", b"title", b"xmp", b"iframe", b"noembed", b"noframes", b"noscript"];
            if name.eq_ignore_ascii_case(b"plaintext") {
                break;
            }
            raw = RAW.iter().copied().find(|r| name.eq_ignore_ascii_case(r));
        }
    }
    match out {
        None => Cow::Borrowed(s),
        Some(mut o) => {
            o.push_str(&s[copied..]);
            Cow::Owned(o)
        }
    }
}

/// The encoding named by the first `charset=...` (from `<meta charset=...>`
/// or `<meta http-equiv=Content-Type content="...; charset=...">`).
fn meta_charset(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = crate::detect::find(&lower[from..], b"charset") {
        let mut i = from + at + b"charset".len();
        from = i;
        while lower.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if lower.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while lower.get(i).is_some_and(|b| b.is_ascii_whitespace() || *b == b'"' || *b == b'\'') {
            i += 1;
        }
        let len = lower[i..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
            .count();
        if let Some(encoding) = encoding_rs::Encoding::for_label(&lower[i..i + len]) {
            return Some(encoding);
        }
    }
    None
}

/// A pending separator in the output, strongest wins.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
enum Break {
    #[default]
    None,
    Space,
    Line,
    Para,
}

/// One output text with whitespace collapsing and block separators.
#[derive(Debug, Default)]
struct TextBuf {
    s: String,
    pending: Break,
}

impl TextBuf {
    fn brk(&mut self, b: Break) {
        self.pending = self.pending.max(b);
    }

    /// Writes the pending separator (never at the start of the text).
    fn flush(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        if pending >= Break::Line {
            let trimmed = self.s.trim_end_matches([' ', '\t', '\n']).len();
            self.s.truncate(trimmed);
        }
        if self.s.is_empty() {
            return;
        }
        match pending {
            Break::None => {}
            Break::Space => self.s.push(' '),
            Break::Line => self.s.push('\n'),
            Break::Para => self.s.push_str("\n\n"),
        }
    }

    fn push(&mut self, text: &str, pre: bool) {
        for c in text.chars() {
            if pre && matches!(c, '\n' | ' ' | '\t') {
                self.flush();
                self.s.push(c);
            } else if c.is_whitespace() {
                self.brk(Break::Space);
            } else if matches!(c, '\u{ad}' | '\u{200b}' | '\u{2060}' | '\u{feff}') {
                // Invisible: soft hyphen, zero-width space, word joiner, BOM.
            } else if c.is_control() {
                self.brk(Break::Space);
            } else {
                self.flush();
                self.s.push(c);
            }
        }
    }

    fn finish(mut self) -> String {
        let trimmed = self.s.trim_end().len();
        self.s.truncate(trimmed);
        self.s
    }
}

/// A title candidate with whitespace collapsed; `None` when empty or too
/// long to be a title (an unclosed `<h1>` swallowing the page).
fn title_text(s: &str) -> Option<String> {
    let out = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!out.is_empty() && out.chars().count() <= 500).then_some(out)
}

// Flags of an open element.
const SKIP: u16 = 1; // removed with its content
const FORM: u16 = 1 << 1; // removed unless the page lives inside forms
const FOREIGN: u16 = 1 << 2; // <svg> or <math>
const PRE: u16 = 1 << 3; // whitespace kept
const ARTICLE: u16 = 1 << 4;
const MAIN: u16 = 1 << 5;
const H1: u16 = 1 << 6; // the first <h1>, a title candidate
const CAPTURE: u16 = 1 << 7; // raw text captured (<title>, JSON-LD)

/// An element on the simplified stack of open elements.
#[derive(Debug)]
struct Open {
    name: LocalName,
    flags: u16,
    brk: Break,
    special: bool,
}

/// How far implied-end-tag and end-tag lookups walk down the stack before
/// giving up (keeps every tag O(1); real pages never need more).
const SEARCH: usize = 32;

/// Elements nested deeper than this are not pushed (their text is kept).
const MAX_STACK: usize = 4096;

/// What is being captured verbatim.
#[derive(Debug)]
enum Capture {
    Title,
    JsonLd,
}

/// Upper bound on one captured `<title>` or JSON-LD block.
const MAX_CAPTURE: usize = 1 << 20;

/// Metadata date sources, most trusted first.
const DATE_ARTICLE_META: usize = 0;
const DATE_SCHEMA: usize = 1;
const DATE_META: usize = 2;
const DATE_TIME_ELEMENT: usize = 3;

#[derive(Debug, Default)]
struct State {
    stack: Vec<Open>,
    /// How many elements of each name are on `stack`.
    open: HashMap<LocalName, u32>,
    hard_skip: u32,
    form_skip: u32,
    foreign: u32,
    /// Index in `stack` of the outermost open foreign element.
    foreign_root: usize,
    pre: u32,
    /// Set right after `<pre>`: its first newline is not content.
    pre_start: bool,
    article: u32,
    article_form_base: u32,
    main: u32,
    main_form_base: u32,

    body: TextBuf,
    body_with_forms: TextBuf,
    article_text: TextBuf,
    main_text: TextBuf,

    capture: Option<(Capture, String)>,
    title: Option<String>,
    og_title: Option<String>,
    h1: Option<String>,
    /// The first visible `<h1>` is open; its text goes to `h1_text`.
    h1_open: bool,
    h1_text: String,
    dates: [Option<String>; 4],
}

/// The html5ever token sink; all work happens in [`State`].
#[derive(Default)]
struct Extractor {
    state: RefCell<State>,
}

impl TokenSink for Extractor {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut state = self.state.borrow_mut();
        match token {
            Token::TagToken(tag) => match tag.kind {
                TagKind::StartTag => return state.start_tag(&tag),
                TagKind::EndTag => state.end_tag(&tag),
            },
            Token::CharacterTokens(text) => state.characters(&text),
            _ => {}
        }
        TokenSinkResult::Continue
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        // Lets the tokenizer recognise <![CDATA[ ... ]]> inside SVG and MathML.
        self.state.try_borrow().is_ok_and(|s| s.foreign > 0)
    }
}

/// Per-element behaviour by tag name.
#[derive(Debug, Default, Clone, Copy)]
struct Class {
    void: bool,
    /// "Special" in the HTML spec's sense: end tags of other elements do not
    /// walk past it.
    special: bool,
    skip: bool,
    brk: Break,
}

fn class(name: &str) -> Class {
    let (void, special, skip, brk) = match name {
        "area" | "base" | "basefont" | "bgsound" | "col" | "embed" | "img" | "input" | "keygen" | "link" | "meta"
        | "param" | "source" | "track" | "wbr" | "frame" => (true, true, false, Break::None),
        "br" => (true, true, false, Break::Line),
        "hr" => (true, true, false, Break::Para),
        "script" | "style" | "noscript" | "template" | "svg" | "math" | "nav" | "footer" | "aside" | "button"
        | "iframe" | "select" | "textarea" | "object" | "applet" | "canvas" | "audio" | "video" | "dialog"
        | "noembed" | "noframes" | "frameset" | "title" | "datalist" | "map" | "marquee" => {
            (false, true, true, Break::Space)
        }
        "header" | "form" => (false, true, false, Break::Para),
        "address" | "article" | "blockquote" | "body" | "caption" | "center" | "details" | "dir" | "div" | "dl"
        | "fieldset" | "figcaption" | "figure" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "head" | "hgroup"
        | "html" | "legend" | "listing" | "main" | "menu" | "ol" | "p" | "plaintext" | "pre" | "search" | "section"
        | "summary" | "table" | "ul" | "xmp" => (false, true, false, Break::Para),
        "li" | "dd" | "dt" | "tr" | "thead" | "tbody" | "tfoot" | "colgroup" | "option" | "optgroup" => {
            (false, true, false, Break::Line)
        }
        "td" | "th" => (false, true, false, Break::Space),
        _ => (false, false, false, Break::None),
    };
    Class { void, special, skip, brk }
}

/// Start tags that close an open `<p>` first.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dd",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "plaintext",
    "pre",
    "search",
    "section",
    "summary",
    "table",
    "ul",
    "xmp",
];

/// HTML start tags that end SVG/MathML content (the spec's "breakout" list).
const BREAKS_OUT_OF_FOREIGN: &[&str] = &[
    "breakout",
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "center",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "hr",
    "i",
    "img",
    "li",
    "listing",
    "menu",
    "meta",
    "nobr",
    "ol",
    "p",
    "pre",
    "ruby",
    "s",
    "small",
    "span",
    "strong",
    "strike",
    "sub",
    "sup",
    "table",
    "tt",
    "u",
    "ul",
    "var",
];

fn attr<'t>(tag: &'t Tag, name: &str) -> Option<&'t str> {
    tag.attrs.iter().find(|a| &*a.name.local == name).map(|a| &*a.value)
}

/// `hidden`, `aria-hidden="true"`, `style="display:none"` or a role that
/// marks page chrome.
fn hidden_or_chrome(tag: &Tag) -> bool {
    if attr(tag, "hidden").is_some() {
        return true;
    }
    if attr(tag, "aria-hidden").is_some_and(|v| v.trim().eq_ignore_ascii_case("true")) {
        return true;
    }
    if let Some(style) = attr(tag, "style") {
        let compact: String = style.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect();
        if compact.contains("display:none") || compact.contains("visibility:hidden") {
            return true;
        }
    }
    attr(tag, "role").is_some_and(|role| {
        role.split_ascii_whitespace().any(|r| {
            matches!(
                r.to_ascii_lowercase().as_str(),
                "navigation"
                    | "banner"
                    | "contentinfo"
                    | "complementary"
                    | "search"
                    | "menu"
                    | "menubar"
                    | "dialog"
                    | "alertdialog"
            )
        })
    })
}

impl State {
    fn brk(&mut self, b: Break) {
        if b == Break::None {
            return;
        }
        self.body.brk(b);
        self.body_with_forms.brk(b);
        self.article_text.brk(b);
        self.main_text.brk(b);
        if self.h1_open && !self.h1_text.is_empty() {
            self.h1_text.push(' ');
        }
    }

    fn characters(&mut self, text: &str) {
        if let Some((_, buf)) = &mut self.capture {
            if buf.len() + text.len() <= MAX_CAPTURE {
                buf.push_str(text);
            }
            return;
        }
        let mut text = text;
        if std::mem::take(&mut self.pre_start) {
            text = text.strip_prefix('\n').unwrap_or(text);
        }
        if self.hard_skip > 0 {
            return;
        }
        if self.h1_open && self.h1_text.len() < MAX_CAPTURE {
            self.h1_text.push_str(text);
        }
        let pre = self.pre > 0;
        self.body_with_forms.push(text, pre);
        if self.form_skip == 0 {
            self.body.push(text, pre);
        }
        if self.article > 0 && self.form_skip <= self.article_form_base {
            self.article_text.push(text, pre);
        }
        if self.main > 0 && self.form_skip <= self.main_form_base {
            self.main_text.push(text, pre);
        }
    }

    fn start_tag(&mut self, tag: &Tag) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        if self.foreign > 0 && BREAKS_OUT_OF_FOREIGN.contains(&name) {
            let root = self.foreign_root;
            self.pop_to(root);
        }
        match name {
            "meta" => self.meta(tag),
            "time" => self.time(tag),
            _ => {}
        }
        let class = class(name);
        if class.void {
            self.brk(class.brk);
            return TokenSinkResult::Continue;
        }
        if self.foreign > 0 && tag.self_closing {
            return TokenSinkResult::Continue;
        }
        if matches!(name, "svg" | "math") && tag.self_closing {
            return TokenSinkResult::Continue;
        }
        self.implied_end_tags(name);
        if matches!(name, "html" | "body" | "head" | "form") && self.is_open(name) {
            // Repeated document-level elements and nested forms are ignored.
            return TokenSinkResult::Continue;
        }

        // Raw-text elements switch the tokenizer's state (not inside SVG/MathML,
        // where <title>, <style> and <script> are ordinary elements).
        let raw = if self.foreign > 0 {
            None
        } else {
            match name {
                "script" => Some(TokenSinkResult::RawData(RawKind::ScriptData)),
                "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                    Some(TokenSinkResult::RawData(RawKind::Rawtext))
                }
                "title" | "textarea" => Some(TokenSinkResult::RawData(RawKind::Rcdata)),
                "plaintext" => Some(TokenSinkResult::Plaintext),
                _ => None,
            }
        };
        if self.stack.len() >= MAX_STACK && raw.is_none() {
            self.brk(class.brk);
            return TokenSinkResult::Continue;
        }

        let mut flags = 0;
        let page_level = self.article == 0 && self.main == 0;
        if class.skip || (name == "header" && page_level) || hidden_or_chrome(tag) {
            flags |= SKIP;
        }
        if name == "form" {
            flags |= FORM;
        }
        if matches!(name, "svg" | "math") {
            flags |= FOREIGN;
        }
        if matches!(name, "pre" | "listing" | "plaintext") {
            flags |= PRE;
        }
        let visible = self.hard_skip == 0 && flags & SKIP == 0;
        if visible && name == "article" {
            flags |= ARTICLE;
        }
        if visible && (name == "main" || attr(tag, "role").is_some_and(|r| r.eq_ignore_ascii_case("main"))) {
            flags |= MAIN;
        }
        if visible && name == "h1" && self.h1.is_none() && !self.h1_open {
            flags |= H1;
        }
        if self.foreign == 0 && self.capture.is_none() {
            if name == "title" && self.title.is_none() {
                flags |= CAPTURE;
                self.capture = Some((Capture::Title, String::new()));
            } else if name == "script"
                && attr(tag, "type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
            {
                flags |= CAPTURE;
                self.capture = Some((Capture::JsonLd, String::new()));
            }
        }

        self.brk(class.brk);
        self.push(Open {
            name: tag.name.clone(),
            flags,
            brk: class.brk,
            special: class.special || flags & FOREIGN != 0,
        });
        raw.unwrap_or(TokenSinkResult::Continue)
    }

    fn push(&mut self, e: Open) {
        if e.flags & SKIP != 0 {
            self.hard_skip += 1;
        }
        if e.flags & FORM != 0 {
            self.form_skip += 1;
        }
        if e.flags & FOREIGN != 0 {
            if self.foreign == 0 {
                self.foreign_root = self.stack.len();
            }
            self.foreign += 1;
        }
        if e.flags & PRE != 0 {
            self.pre += 1;
            self.pre_start = true;
        }
        if e.flags & ARTICLE != 0 {
            if self.article == 0 {
                self.article_form_base = self.form_skip;
            }
            self.article += 1;
        }
        if e.flags & MAIN != 0 {
            if self.main == 0 {
                self.main_form_base = self.form_skip;
            }
            self.main += 1;
        }
        if e.flags & H1 != 0 {
            self.h1_open = true;
            self.h1_text.clear();
        }
        *self.open.entry(e.name.clone()).or_insert(0) += 1;
        self.stack.push(e);
    }

    /// Pops the top element and undoes its effects.
    fn pop(&mut self) {
        let Some(e) = self.stack.pop() else { return };
        if let Some(n) = self.open.get_mut(&e.name) {
            *n -= 1;
            if *n == 0 {
                self.open.remove(&e.name);
            }
        }
        let flags = e.flags;
        if flags & SKIP != 0 {
            self.hard_skip -= 1;
        }
        if flags & FORM != 0 {
            self.form_skip -= 1;
        }
        if flags & FOREIGN != 0 {
            self.foreign -= 1;
        }
        if flags & PRE != 0 {
            self.pre -= 1;
            self.pre_start = false;
        }
        if flags & ARTICLE != 0 {
            self.article -= 1;
            // Separate consecutive articles.
            self.article_text.brk(Break::Para);
        }
        if flags & MAIN != 0 {
            self.main -= 1;
        }
        if flags & H1 != 0 {
            self.h1_open = false;
            self.h1 = title_text(&self.h1_text);
            self.h1_text.clear();
        }
        if flags & CAPTURE != 0 {
            if let Some((what, text)) = self.capture.take() {
                match what {
                    Capture::Title => self.title = title_text(&text),
                    Capture::JsonLd => {
                        if let Some(date) = json_ld_date(&text) {
                            self.dates[DATE_SCHEMA].get_or_insert(date);
                        }
                    }
                }
            }
        }
        self.brk(e.brk);
    }

    /// Pops elements until the stack has `len` elements.
    fn pop_to(&mut self, len: usize) {
        while self.stack.len() > len {
            self.pop();
        }
    }

    fn is_open(&self, name: &str) -> bool {
        self.open.contains_key(&LocalName::from(name))
    }

    /// Index of the nearest open element named in `targets`, looking at
    /// most [`SEARCH`] elements down and stopping at one named in `stops`.
    fn find_near(&self, targets: &[&str], stops: &[&str]) -> Option<usize> {
        for (i, e) in self.stack.iter().enumerate().rev().take(SEARCH) {
            let n: &str = &e.name;
            if targets.contains(&n) {
                return Some(i);
            }
            if stops.contains(&n) {
                return None;
            }
        }
        None
    }

    /// Closes what a start tag implicitly ends (a simplified version of the
    /// HTML tree construction rules).
    fn implied_end_tags(&mut self, name: &str) {
        const P_SCOPE: &[&str] = &[
            "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template", "button", "svg", "math",
        ];
        const LIST_SCOPE: &[&str] = &[
            "ul",
            "ol",
            "menu",
            "dl",
            "table",
            "td",
            "th",
            "body",
            "html",
            "article",
            "section",
            "nav",
            "aside",
            "main",
            "blockquote",
            "template",
            "svg",
            "math",
        ];
        if CLOSES_P.contains(&name) && self.is_open("p") {
            if let Some(i) = self.find_near(&["p"], P_SCOPE) {
                self.pop_to(i);
            }
        }
        let found = match name {
            "li" => self.find_near(&["li"], LIST_SCOPE),
            "dt" | "dd" => self.find_near(&["dt", "dd"], LIST_SCOPE),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self
                .stack
                .last()
                .filter(|e| matches!(&*e.name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6"))
                .map(|_| self.stack.len() - 1),
            "tr" => self.find_near(&["tr"], &["table", "template"]),
            "td" | "th" => self.find_near(&["td", "th"], &["tr", "table", "template"]),
            "thead" | "tbody" | "tfoot" => self.find_near(&["thead", "tbody", "tfoot"], &["table", "template"]),
            "option" => self.find_near(&["option"], &["select", "datalist", "optgroup"]),
            "optgroup" => self.find_near(&["option", "optgroup"], &["select", "datalist"]),
            "a" => self.find_near(&["a"], &["table", "td", "th", "template", "body"]),
            "nobr" => self.find_near(&["nobr"], &["table", "td", "th", "template", "body"]),
            "button" => self.find_near(&["button"], &["table", "td", "th", "template", "body"]),
            _ => None,
        };
        if let Some(i) = found {
            self.pop_to(i);
        }
    }

    fn end_tag(&mut self, tag: &Tag) {
        let name: &str = &tag.name;
        match name {
            // A stray </p> makes an empty paragraph; </br> is a <br>.
            "p" if !self.is_open("p") => {
                self.brk(Break::Para);
                return;
            }
            "br" => {
                self.brk(Break::Line);
                return;
            }
            // Content after </body> or </html> still belongs to the body.
            "body" | "html" => return,
            _ => {}
        }
        if !self.open.contains_key(&tag.name) {
            return;
        }
        if self.foreign > 0 || class(name).special {
            // Pop everything down to the nearest element of that name: each
            // element walked over is popped, so this is amortised O(1).
            while let Some(top) = self.stack.last() {
                let done = top.name == tag.name;
                self.pop();
                if done {
                    break;
                }
            }
        } else {
            // Inline elements: only close if no special element is in the way.
            for i in (0..self.stack.len()).rev().take(SEARCH) {
                let e = &self.stack[i];
                if e.name == tag.name {
                    self.pop_to(i);
                    return;
                }
                if e.special {
                    return;
                }
            }
        }
    }

    fn meta(&mut self, tag: &Tag) {
        let Some(content) = attr(tag, "content") else {
            return;
        };
        for key_attr in ["property", "name", "itemprop"] {
            let Some(key) = attr(tag, key_attr) else {
                continue;
            };
            let key = key.trim().to_ascii_lowercase();
            match key.as_str() {
                "og:title" if self.og_title.is_none() => self.og_title = title_text(content),
                "article:published_time" | "og:article:published_time" => self.date(DATE_ARTICLE_META, content),
                "datepublished" => self.date(DATE_SCHEMA, content),
                "date"
                | "dc.date"
                | "dc.date.issued"
                | "dc.date.created"
                | "dcterms.date"
                | "dcterms.issued"
                | "dcterms.created"
                | "citation_publication_date"
                | "citation_date"
                | "pubdate"
                | "publishdate"
                | "publish-date"
                | "publication_date"
                | "parsely-pub-date"
                | "sailthru.date" => self.date(DATE_META, content),
                _ => {}
            }
        }
    }

    fn time(&mut self, tag: &Tag) {
        let Some(datetime) = attr(tag, "datetime") else {
            return;
        };
        if attr(tag, "itemprop").is_some_and(|p| p.trim().eq_ignore_ascii_case("datePublished")) {
            self.date(DATE_SCHEMA, datetime);
        } else if (self.hard_skip == 0 && (self.article > 0 || self.main > 0)) || attr(tag, "pubdate").is_some() {
            self.date(DATE_TIME_ELEMENT, datetime);
        }
    }

    /// Records `value` as a date from `source` unless one is already known.
    fn date(&mut self, source: usize, value: &str) {
        if self.dates[source].is_none() {
            self.dates[source] = normalize_iso(value);
        }
    }

    fn finish(mut self) -> Result<HtmlDoc> {
        self.pop_to(0);
        let body = std::mem::take(&mut self.body).finish();
        let body_with_forms = std::mem::take(&mut self.body_with_forms).finish();
        // Pages wrapped in one big <form> (ASP.NET) have their text inside it.
        let body = if body.len() * 4 < body_with_forms.len() { body_with_forms } else { body };
        let article = std::mem::take(&mut self.article_text).finish();
        let main = std::mem::take(&mut self.main_text).finish();
        // <article>/<main> win when they hold at least a fifth of the text; a
        // lone teaser card marked up as <article> does not.
        let substantial = |t: &String| !t.is_empty() && t.len() * 5 >= body.len();
        let text = if substantial(&article) {
            article
        } else if substantial(&main) {
            main
        } else {
            body
        };
        if text.is_empty() {
            return Err(Error::NoText);
        }
        let h1 = self.h1.take();
        Ok(HtmlDoc {
            text,
            title: self.og_title.take().or(self.title.take()).or(h1),
            published: self.dates.into_iter().flatten().next(),
        })
    }
}

/// The first valid `"datePublished": "..."` in a JSON-LD block. A plain
/// search rather than a JSON parse, so that the many sites with slightly
/// invalid JSON-LD still count.
fn json_ld_date(json: &str) -> Option<String> {
    let mut rest = json;
    while let Some(at) = rest.find("\"datePublished\"") {
        rest = &rest[at + "\"datePublished\"".len()..];
        let Some(value) = rest.trim_start().strip_prefix(':') else {
            continue;
        };
        if let Some(value) = value.trim_start().strip_prefix('"') {
            if let Some(end) = value.find('"') {
                if let Some(date) = normalize_iso(&value[..end]) {
                    return Some(date);
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        extract(html.as_bytes()).unwrap().text
    }

    #[test]
    fn blocks_and_whitespace() {
        assert_eq!(
            text("<p>One\n  two</p><p>Three<br>four</p><ul><li>a<li>b</ul>x"),
            "One two\n\nThree\nfour\n\na\nb\n\nx"
        );
        assert_eq!(text("<p>a &amp; b&nbsp;c &lt;d&gt; &eacute;"), "a & b c <d> é");
        assert_eq!(text("<pre>\n  x\n    y\n</pre><p>z"), "  x\n    y\n\nz");
        assert_eq!(text("a<span>b</span><td>c<td>d"), "ab c d");
        assert_eq!(text("or\u{ad}gan<wbr>isa\u{200b}tion"), "organisation");
    }

    #[test]
    fn removes_chrome() {
        let html = "<html><head><title>T</title><style>p{}</style><script>var x='<p>';</script></head>
            <body><header><h1>Site</h1></header><nav><a>Home</a></nav>
            <div role=navigation>menu</div><div hidden>h</div><span style='display: none'>s</span>
            <p>Body text.</p><form><input value=q><button>Go</button></form>
            <aside>Related</aside><footer>(c)</footer><noscript>enable js</noscript>
            <svg><title>icon</title><text>svg text</text></svg><template><p>tpl</p></template>
            </body></html>";
        assert_eq!(text(html), "Body text.");
    }

    #[test]
    fn prefers_article_then_main() {
        let html = "<body><div>Teaser list</div><article><header><h1>Head</h1></header>
            <p>Story.</p><aside>x</aside></article><div>More links</div></body>";
        assert_eq!(text(html), "Head\n\nStory.");
        let html = "<body><div>Teaser list</div><main><p>Main story.</p></main></body>";
        assert_eq!(text(html), "Main story.");
        let long = "word ".repeat(200);
        let html = format!("<body><p>{long}</p><article>Small card</article></body>");
        assert_eq!(text(&html), format!("{}\n\nSmall card", long.trim()));
    }

    #[test]
    fn page_inside_a_form() {
        let html = "<body><form id=aspnet><div><p>The statement text is long enough to count as \
            the page's content.</p></div></form><p>x</p></body>";
        assert!(text(html).starts_with("The statement text"));
    }

    #[test]
    fn metadata() {
        let doc = extract(
            br#"<html><head><title> Page
            title </title><meta property="og:title" content="OG title">
            <meta name="DC.date" content="2017-04-11"></head><body><h1>H</h1>x</body></html>"#,
        )
        .unwrap();
        assert_eq!(doc.title.as_deref(), Some("OG title"));
        assert_eq!(doc.published.as_deref(), Some("2017-04-11"));
        let doc = extract(b"<title>Only title</title><p>x").unwrap();
        assert_eq!(doc.title.as_deref(), Some("Only title"));
        let doc = extract(b"<h1>Big <em>head</em></h1><p>x").unwrap();
        assert_eq!(doc.title.as_deref(), Some("Big head"));
        let doc = extract(
            br#"<script type="application/ld+json">{"@type":"NewsArticle","datePublished" : "2019-03-02T10:00:00Z"}</script>
            <meta name="date" content="2018-01-01"><p>x"#,
        )
        .unwrap();
        assert_eq!(doc.published.as_deref(), Some("2019-03-02"));
        let doc = extract(
            b"<time datetime='2001-01-01'>nav</time><article><time datetime='2016-05'>May</time>text</article>",
        )
        .unwrap();
        assert_eq!(doc.published.as_deref(), Some("2016-05"));
        let doc = extract(b"<meta name=date content='next Tuesday'><p>x").unwrap();
        assert_eq!(doc.published, None);
    }

    #[test]
    fn charsets() {
        let doc = extract(b"<meta charset=\"iso-8859-1\"><p>caf\xe9").unwrap();
        assert_eq!(doc.text, "café");
        let doc = extract(b"<meta http-equiv=Content-Type content='text/html; charset=windows-1251'><p>\xcf\xf0\xe8")
            .unwrap();
        assert_eq!(doc.text, "При");
        let doc = extract(b"<p>bad \xff byte").unwrap();
        assert_eq!(doc.text, "bad \u{fffd} byte");
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "<p>h\u{e9}".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(extract(&utf16).unwrap().text, "hé");
    }

    #[test]
    fn attribute_limit() {
        let many: String = (0..100).map(|i| format!(" a{i}=\"v > {i}\"")).collect();
        let html = format!("<p{many}>text</p><script>x <b {many}</script><i {many}/>");
        let limited = limit_attributes(&html);
        let expected_kept: String = (0..MAX_ATTRIBUTES).map(|i| format!(" a{i}=\"v > {i}\"")).collect();
        assert_eq!(limited, format!("<p{expected_kept} >text</p><script>x <b {many}</script><i {expected_kept} >"));
        let plain = "<p class=a>x</p><!-- <b c d e> -->";
        assert!(matches!(limit_attributes(plain), Cow::Borrowed(_)));
        assert_eq!(text(&html), "text");
    }

    #[test]
    fn no_text() {
        assert!(matches!(extract(b"<script>a()</script><style>b{}</style>"), Err(Error::NoText)));
        assert!(matches!(extract(b""), Err(Error::NoText)));
    }

    #[test]
    fn misnesting_does_not_lose_text() {
        assert_eq!(text("<b><p>one</b>two</p>"), "onetwo");
        assert_eq!(text("<div><span>a</div>b"), "a\n\nb");
        assert_eq!(text("<svg><path/></svg><p>after svg</p>"), "after svg");
        assert_eq!(text("<svg><g><p>breaks out"), "breaks out");
        assert_eq!(text("<table><tr><td>a<td>b<tr><td>c</table>"), "a b\nc");
    }
}
