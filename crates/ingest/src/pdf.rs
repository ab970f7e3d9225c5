//! PDF: the text layer of every page (via pdf-extract on top of lopdf), rejoined into paragraphs, plus Info /Title and /CreationDate.
//!
//! PDF readers written for well-formed files panic on malformed ones, so
//! everything that touches the parsed document runs under
//! [`std::panic::catch_unwind`] and a panic becomes [`Error::Pdf`]. (The
//! default panic hook still prints the panic message on stderr; installing
//! a quieter hook would affect the whole process, which a library must not
//! do.) A panic cannot stop a stack overflow, though, so before extracting
//! we reject the two structures that make pdf-extract recurse without
//! bound: a cyclic or absurdly long `/Parent` chain, and form XObjects that
//! draw themselves (directly or through others), nest too deeply or fan out
//! exponentially.

use std::any::Any;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::rc::Rc;

use pdf_extract::content::Content;
use pdf_extract::{
    decode_text_string, Dictionary, Document, MediaBox, Object, ObjectId, OutputDev, OutputError, Stream, Transform,
};

use crate::date::parse_pdf_date;
use crate::detect::has_pdf_magic;
use crate::{Error, Result};

/// What [`extract`] found in a PDF.
#[derive(Debug)]
pub(crate) struct PdfDoc {
    pub text: String,
    pub title: Option<String>,
    pub published: Option<String>,
}

/// Longest `/Parent` chain accepted (pdf-extract follows it recursively).
const MAX_PARENT_CHAIN: usize = 256;
/// Deepest nesting of form XObjects accepted.
const MAX_FORM_DEPTH: usize = 32;
/// Most form XObject invocations accepted in one document.
const MAX_FORM_VISITS: usize = 100_000;

/// Extracts the text layer, title and creation date of a PDF.
pub(crate) fn extract(bytes: &[u8]) -> Result<PdfDoc> {
    if !has_pdf_magic(bytes) {
        return Err(Error::Pdf("missing %PDF- header".into()));
    }
    match catch_unwind(AssertUnwindSafe(|| extract_unguarded(bytes))) {
        Ok(result) => result,
        Err(panic) => Err(Error::Pdf(format!("unsupported or corrupt content ({})", panic_message(panic.as_ref())))),
    }
}

fn panic_message(panic: &(dyn Any + Send)) -> String {
    let msg = if let Some(s) = panic.downcast_ref::<&str>() {
        s
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.as_str()
    } else {
        "the PDF reader panicked"
    };
    let mut msg: String = msg.chars().take(200).collect();
    msg.retain(|c| !c.is_control());
    msg
}

fn extract_unguarded(bytes: &[u8]) -> Result<PdfDoc> {
    let mut doc = Document::load_mem(bytes).map_err(|e| {
        if bytes.windows(5).rev().any(|w| w == b"%%EOF") {
            Error::Pdf(e.to_string())
        } else {
            Error::Pdf("file is truncated (no %%EOF marker)".into())
        }
    })?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(Error::Pdf("encrypted with a password".into()));
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(Error::Pdf("no pages".into()));
    }
    empty_images(&mut doc);
    fix_encodings(&mut doc);
    check_recursion(&doc, &pages)?;
    let (title, published) = info(&doc);

    let mut out = PlainText::default();
    pdf_extract::output_doc(&doc, &mut out).map_err(|e| Error::Pdf(e.to_string()))?;
    let text = reflow(&out.text);
    if text.is_empty() {
        return Err(Error::PdfNoText);
    }
    Ok(PdfDoc { text, title, published })
}

/// Image data carries no text; pdf-extract would decompress it and parse it
/// as a content stream when a page draws it. Dropping it makes scanned
/// documents fast to reject and removes one source of parser panics.
fn empty_images(doc: &mut Document) {
    for object in doc.objects.values_mut() {
        if let Object::Stream(stream) = object {
            let is_image = stream.dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|n| n == b"Image");
            if is_image {
                stream.content = Vec::new();
                stream.dict.remove(b"Filter");
                stream.dict.remove(b"DecodeParms");
                stream.dict.set("Length", 0);
            }
        }
    }
}

/// Glyph names of StandardEncoding where it differs from WinAnsiEncoding
/// (codes undefined in StandardEncoding are left out: text does not use them).
const STANDARD_OVER_WIN_ANSI: [(i64, &str); 47] = [
    (39, "quoteright"),
    (96, "quoteleft"),
    (164, "fraction"),
    (166, "florin"),
    (168, "currency"),
    (169, "quotesingle"),
    (170, "quotedblleft"),
    (172, "guilsinglleft"),
    (173, "guilsinglright"),
    (174, "fi"),
    (175, "fl"),
    (177, "endash"),
    (178, "dagger"),
    (179, "daggerdbl"),
    (180, "periodcentered"),
    (183, "bullet"),
    (184, "quotesinglbase"),
    (185, "quotedblbase"),
    (186, "quotedblright"),
    (188, "ellipsis"),
    (189, "perthousand"),
    (193, "grave"),
    (194, "acute"),
    (195, "circumflex"),
    (196, "tilde"),
    (197, "macron"),
    (198, "breve"),
    (199, "dotaccent"),
    (200, "dieresis"),
    (202, "ring"),
    (203, "cedilla"),
    (205, "hungarumlaut"),
    (206, "ogonek"),
    (207, "caron"),
    (208, "emdash"),
    (225, "AE"),
    (227, "ordfeminine"),
    (232, "Lslash"),
    (233, "Oslash"),
    (234, "OE"),
    (235, "ordmasculine"),
    (241, "ae"),
    (245, "dotlessi"),
    (248, "lslash"),
    (249, "oslash"),
    (250, "oe"),
    (251, "germandbls"),
];

/// `/Differences` entries turning WinAnsiEncoding into StandardEncoding.
fn standard_differences() -> Vec<Object> {
    STANDARD_OVER_WIN_ANSI
        .iter()
        .flat_map(|&(code, name)| [Object::Integer(code), Object::Name(name.as_bytes().to_vec())])
        .collect()
}

/// pdf-extract knows only three base encodings for simple fonts and panics
/// on any other, including the very common `/StandardEncoding`. Rewrites
/// those fonts' encodings to the equivalent WinAnsiEncoding plus
/// `/Differences`, and any other unknown base encoding to WinAnsiEncoding.
fn fix_encodings(doc: &mut Document) {
    const KNOWN: [&[u8]; 3] = [b"WinAnsiEncoding", b"MacRomanEncoding", b"MacExpertEncoding"];
    let simple_font = |d: &Dictionary| {
        d.get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|s| matches!(s, b"Type1" | b"MMType1" | b"TrueType" | b"Type3"))
    };
    // Font and encoding dictionaries can be nested directly in others, so
    // walk every object (iteratively; lopdf bounds nesting anyway).
    let mut stack: Vec<&mut Object> = doc.objects.values_mut().collect();
    while let Some(object) = stack.pop() {
        let dict = match object {
            Object::Dictionary(d) => d,
            Object::Array(items) => {
                stack.extend(items.iter_mut());
                continue;
            }
            _ => continue,
        };
        if simple_font(dict) {
            if let Ok(Object::Name(name)) = dict.get(b"Encoding") {
                if name.as_slice() == b"StandardEncoding" {
                    let mut encoding = Dictionary::new();
                    encoding.set("BaseEncoding", Object::Name(b"WinAnsiEncoding".to_vec()));
                    encoding.set("Differences", Object::Array(standard_differences()));
                    dict.set("Encoding", Object::Dictionary(encoding));
                } else if !KNOWN.contains(&name.as_slice()) {
                    dict.set("Encoding", Object::Name(b"WinAnsiEncoding".to_vec()));
                }
            }
        }
        if let Ok(Object::Name(base)) = dict.get(b"BaseEncoding") {
            if !KNOWN.contains(&base.as_slice()) {
                let standard = base.as_slice() == b"StandardEncoding";
                dict.set("BaseEncoding", Object::Name(b"WinAnsiEncoding".to_vec()));
                if standard {
                    // Differences listed later win, so the file's own come last.
                    let mut differences = standard_differences();
                    if let Ok(Object::Array(own)) = dict.get(b"Differences") {
                        differences.extend(own.iter().cloned());
                    }
                    dict.set("Differences", Object::Array(differences));
                }
            }
        }
        stack.extend(dict.iter_mut().map(|(_, v)| v));
    }
}

/// Follows a reference; `None` for a dangling one.
fn deref<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Object> {
    match o {
        Object::Reference(id) => doc.get_object(*id).ok(),
        _ => Some(o),
    }
}

fn dict_entry<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    dict.get(key).ok().and_then(|o| deref(doc, o)).and_then(|o| o.as_dict().ok())
}

/// Rejects the structures that would make pdf-extract recurse without bound
/// (which no `catch_unwind` can stop): see the module documentation.
fn check_recursion(doc: &Document, pages: &BTreeMap<u32, ObjectId>) -> Result<()> {
    let mut do_names: HashMap<*const Stream, Rc<Vec<Vec<u8>>>> = HashMap::new();
    let mut visits = 0usize;
    for &page_id in pages.values() {
        let Ok(page) = doc.get_dictionary(page_id) else {
            continue;
        };
        // The /Parent chain: pdf-extract looks up inherited attributes
        // (/Resources, /MediaBox) recursively along it.
        let mut resources = None;
        let mut node = page;
        let mut seen = HashSet::new();
        loop {
            if resources.is_none() {
                resources = dict_entry(doc, node, b"Resources");
            }
            let Ok(parent) = node.get(b"Parent").and_then(Object::as_reference) else {
                break;
            };
            if !seen.insert(parent) {
                return Err(Error::Pdf("the page tree has a cycle".into()));
            }
            if seen.len() > MAX_PARENT_CHAIN {
                return Err(Error::Pdf("the page tree is too deep".into()));
            }
            let Ok(parent) = doc.get_dictionary(parent) else {
                break;
            };
            node = parent;
        }
        let Some(resources) = resources else {
            continue;
        };
        let Ok(content) = doc.get_page_content(page_id) else {
            continue;
        };

        // Depth-first walk over the forms the page draws, mirroring how
        // pdf-extract resolves `Do`: the name is looked up in the current
        // resources, and a form without its own /Resources inherits them.
        struct Frame<'a> {
            names: Rc<Vec<Vec<u8>>>,
            next: usize,
            resources: &'a Dictionary,
            stream: *const Stream,
        }
        let mut stack =
            vec![Frame { names: Rc::new(do_operands(&content)), next: 0, resources, stream: std::ptr::null() }];
        while let Some(top) = stack.last_mut() {
            let Some(name) = top.names.get(top.next).cloned() else {
                stack.pop();
                continue;
            };
            top.next += 1;
            let resources = top.resources;
            let Some(form) = dict_entry(doc, resources, b"XObject")
                .and_then(|xobjects| xobjects.get(&name).ok())
                .and_then(|o| deref(doc, o))
                .and_then(|o| o.as_stream().ok())
            else {
                continue;
            };
            let ptr: *const Stream = form;
            if stack.iter().any(|f| f.stream == ptr) {
                return Err(Error::Pdf("a form XObject draws itself".into()));
            }
            if stack.len() > MAX_FORM_DEPTH {
                return Err(Error::Pdf("form XObjects are nested too deeply".into()));
            }
            visits += 1;
            if visits > MAX_FORM_VISITS {
                return Err(Error::Pdf("too many form XObjects are drawn".into()));
            }
            let names = do_names.entry(ptr).or_insert_with(|| Rc::new(do_operands(&stream_content(form)))).clone();
            stack.push(Frame {
                names,
                next: 0,
                resources: dict_entry(doc, &form.dict, b"Resources").unwrap_or(resources),
                stream: ptr,
            });
        }
    }
    Ok(())
}

/// A stream's content as pdf-extract reads it: decompressed when possible.
fn stream_content(stream: &Stream) -> Vec<u8> {
    if stream.filters().is_ok() {
        stream.decompressed_content().unwrap_or_else(|_| stream.content.clone())
    } else {
        stream.content.clone()
    }
}

/// Names of the XObjects a content stream draws with `Do`.
fn do_operands(content: &[u8]) -> Vec<Vec<u8>> {
    let Ok(content) = Content::decode(content) else {
        return Vec::new();
    };
    content
        .operations
        .iter()
        .filter(|op| op.operator == "Do")
        .filter_map(|op| op.operands.first()?.as_name().ok().map(<[u8]>::to_vec))
        .collect()
}

/// Title and creation date from the document information dictionary.
fn info(doc: &Document) -> (Option<String>, Option<String>) {
    let Some(info) = doc.trailer.get(b"Info").ok().and_then(|o| deref(doc, o)).and_then(|o| o.as_dict().ok()) else {
        return (None, None);
    };
    let text = |key: &[u8]| info.get(key).ok().and_then(|o| deref(doc, o)).and_then(|o| decode_text_string(o).ok());
    (text(b"Title").and_then(|t| clean_title(&t)), text(b"CreationDate").and_then(|d| parse_pdf_date(&d)))
}

/// Drops the titles word processors put in by themselves ("Microsoft Word -
/// report.docx", "Untitled", a file name).
fn clean_title(raw: &str) -> Option<String> {
    let title = raw
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let title = title.strip_prefix("Microsoft Word - ").unwrap_or(&title).to_string();
    let lower = title.to_lowercase();
    const FILE_EXTENSIONS: [&str; 11] =
        [".doc", ".docx", ".pdf", ".rtf", ".odt", ".indd", ".qxd", ".txt", ".tex", ".dvi", ".pages"];
    let junk = title.is_empty()
        || title.chars().count() > 500
        || matches!(lower.as_str(), "untitled" | "title" | "document" | "no title")
        || FILE_EXTENSIONS.iter().any(|e| lower.ends_with(e));
    (!junk).then_some(title)
}

/// pdf-extract output device writing plain text: the same spacing rules as
/// its `PlainTextOutput` (a space for a horizontal gap, a newline for a
/// line change, an empty line for a big vertical gap) plus an empty line
/// between pages.
#[derive(Debug)]
struct PlainText {
    text: String,
    page_height: f64,
    last_end: f64,
    last_y: f64,
    first_char: bool,
}

impl Default for PlainText {
    fn default() -> Self {
        PlainText { text: String::new(), page_height: 0.0, last_end: 100_000.0, last_y: 0.0, first_char: false }
    }
}

impl OutputDev for PlainText {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> std::result::Result<(), OutputError> {
        self.page_height = media_box.ury - media_box.lly;
        Ok(())
    }

    fn end_page(&mut self) -> std::result::Result<(), OutputError> {
        self.text.push_str("\n\n");
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        ch: &str,
    ) -> std::result::Result<(), OutputError> {
        // Position in a top-down coordinate system, and the glyph size after
        // the text matrix (the side of a square of the same area).
        let x = trm.m31;
        let y = self.page_height - trm.m32;
        let vx = font_size * (trm.m11 + trm.m21);
        let vy = font_size * (trm.m12 + trm.m22);
        let mut size = (vx * vy).abs().sqrt();
        if !size.is_finite() || size == 0.0 {
            size = font_size.abs();
        }
        if self.first_char {
            let dy = (y - self.last_y).abs();
            if dy > size * 1.5 {
                self.text.push('\n');
            }
            if x < self.last_end && dy > size * 0.5 {
                self.text.push('\n');
            }
            if x > self.last_end + size * 0.1 {
                self.text.push(' ');
            }
        }
        self.text.push_str(ch);
        self.first_char = false;
        self.last_y = y;
        self.last_end = x + width * size;
        Ok(())
    }

    fn begin_word(&mut self) -> std::result::Result<(), OutputError> {
        self.first_char = true;
        Ok(())
    }

    fn end_word(&mut self) -> std::result::Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> std::result::Result<(), OutputError> {
        Ok(())
    }
}

/// Replaces the typographic ligatures PDFs often contain.
fn push_clean(out: &mut String, c: char) {
    match c {
        '\u{fb00}' => out.push_str("ff"),
        '\u{fb01}' => out.push_str("fi"),
        '\u{fb02}' => out.push_str("fl"),
        '\u{fb03}' => out.push_str("ffi"),
        '\u{fb04}' => out.push_str("ffl"),
        '\u{fb05}' | '\u{fb06}' => out.push_str("st"),
        c => out.push(c),
    }
}

/// One line of PDF text: control characters and odd spaces become spaces,
/// runs of spaces collapse, ligatures are expanded, the ends are trimmed.
fn clean_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut space = false;
    for c in line.chars() {
        if c.is_whitespace() || c.is_control() {
            space = !out.is_empty();
        } else if c == '\u{feff}' || c == '\u{200b}' {
            // invisible
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            push_clean(&mut out, c);
        }
    }
    out
}

/// A line that starts a list item: a bullet, a dash, "1." / "1)" / "(a)".
fn is_list_item(line: &str) -> bool {
    let mut chars = line.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if matches!(first, '•' | '◦' | '▪' | '‣' | '●' | '■' | '–' | '—' | '-' | '*') && chars.next() == Some(' ')
    {
        return true;
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &line[digits..];
        return rest.starts_with(". ") || rest.starts_with(") ");
    }
    let b = line.as_bytes();
    b.len() >= 4 && b[0] == b'(' && b[1].is_ascii_alphanumeric() && b[2] == b')' && b[3] == b' '
}

/// Rejoins lines that PDF layout broke: within a paragraph (lines not
/// separated by an empty line) lines are joined with a space; a word
/// hyphenated across lines is rejoined ("organ-" + "isation" ->
/// "organisation"; "Franco-" + "German" keeps its hyphen); a list item
/// starts a new line; and a short line ending a sentence ends the paragraph.
/// Paragraphs are separated by one empty line.
pub(crate) fn reflow(raw: &str) -> String {
    let lines: Vec<String> = raw.split(['\n', '\r', '\u{2028}', '\u{2029}', '\x0c']).map(clean_line).collect();

    // A "full" line length: the 80th percentile of line lengths. Lines
    // clearly shorter than that which end a sentence end their paragraph.
    let mut lengths: Vec<usize> = lines.iter().map(|l| l.chars().count()).filter(|&n| n > 0).collect();
    lengths.sort_unstable();
    let full = lengths.get(lengths.len() * 4 / 5).copied().unwrap_or(0);
    let short = |line: &str| full >= 40 && line.chars().count() * 10 < full * 7;

    let mut out = String::with_capacity(raw.len());
    let mut prev: Option<&str> = None;
    for line in &lines {
        let line = line.as_str();
        if line.is_empty() {
            if prev.take().is_some() {
                out.push_str("\n\n");
            }
            continue;
        }
        match prev {
            None => {
                if !out.is_empty() && !out.ends_with("\n\n") {
                    out.push_str("\n\n");
                }
            }
            Some(p) => {
                let before_hyphen = p.strip_suffix(['-', '\u{2010}']).and_then(|s| s.chars().last());
                let next = line.chars().next().unwrap_or(' ');
                let hyphenated_word = before_hyphen.is_some_and(char::is_alphabetic);
                if p.ends_with('\u{ad}') || (hyphenated_word && next.is_lowercase()) {
                    // "organ-" + "isation": drop the hyphen, join the halves.
                    out.pop();
                } else if hyphenated_word && next.is_alphanumeric() {
                    // keep the hyphen: "Franco-German", "COVID-19"
                } else if is_list_item(line) {
                    out.push('\n');
                } else if short(p) && p.ends_with(['.', '!', '?', ':', '"', '”', '»']) {
                    out.push_str("\n\n");
                } else {
                    out.push(' ');
                }
            }
        }
        out.push_str(line);
        prev = Some(line);
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reflow_rules() {
        assert_eq!(reflow("the organ-\nisation said"), "the organisation said");
        assert_eq!(reflow("a Franco-\nGerman team"), "a Franco-German team");
        assert_eq!(reflow("one\ntwo\n\n\n\nthree"), "one two\n\nthree");
        assert_eq!(reflow("  \n\nx  y\t\n"), "x y");
        assert_eq!(reflow("items:\n• first\n• second"), "items:\n• first\n• second");
        assert_eq!(reflow("the ﬁrst"), "the first");
        assert_eq!(reflow(""), "");
        let long = "word ".repeat(15);
        let text = format!("{long}\n{long}\nShort end.\nNext paragraph {long}\n{long}");
        let out = reflow(&text);
        assert!(out.contains("Short end.\n\nNext paragraph"), "{out}");
    }

    #[test]
    fn titles() {
        assert_eq!(clean_title("Microsoft Word - Annual  report").as_deref(), Some("Annual report"));
        assert_eq!(clean_title("draft_v3.docx"), None);
        assert_eq!(clean_title("Untitled"), None);
        assert_eq!(clean_title("  "), None);
    }

    #[test]
    fn not_pdfs() {
        assert!(matches!(extract(b"hello"), Err(Error::Pdf(_))));
        assert!(matches!(extract(b"%PDF-1.4\n1 0 obj"), Err(Error::Pdf(m)) if m.contains("truncated")));
    }
}
