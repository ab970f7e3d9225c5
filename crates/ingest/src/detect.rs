//! Format detection from content (extension only breaks ties) and binary-content checks.

use crate::Format;

/// How many leading bytes detection looks at.
const SNIFF_LEN: usize = 64 * 1024;

/// Detects the format of a document from its content, using the file name's
/// extension only as a tie-breaker.
///
/// In order:
/// 1. `%PDF-` within the first 1024 bytes: [`Format::Pdf`] (whatever the name).
/// 2. The document starts (after a byte order mark, whitespace, comments or an
///    XML declaration) with `<!doctype html`, `<html`, `<head`, `<body` or
///    another head-only element: [`Format::Html`].
/// 3. Counts of HTML tags and of Markdown signals (`#` headings, `**`,
///    `[..](..)` links, fences, lists, quotes) decide between HTML, Markdown
///    and plain text; a `.html`/`.htm` or `.md`/`.markdown` extension tips
///    the balance when the content is ambiguous.
/// 4. Content that matches nothing: a `.pdf` name gives [`Format::Pdf`] (so that
///    reading reports a broken PDF rather than garbage text), otherwise
///    [`Format::Text`].
///
/// Detection never fails; whether the bytes are really usable (UTF-8,
/// not binary, a parsable PDF) is decided when reading.
pub fn detect(name: &str, bytes: &[u8]) -> Format {
    if has_pdf_magic(bytes) {
        return Format::Pdf;
    }
    let ext = extension(name);
    let sniff = &bytes[..bytes.len().min(SNIFF_LEN)];
    let utf16 = utf16_prefix(sniff);
    let sniff: &[u8] = utf16.as_deref().map(str::as_bytes).unwrap_or(sniff);

    if starts_like_html(sniff) {
        return Format::Html;
    }
    let tags = count_html_tags(sniff);
    let md = markdown_score(sniff);
    let ext_html = matches!(ext.as_str(), "html" | "htm" | "xhtml" | "shtml");
    let ext_md = matches!(ext.as_str(), "md" | "markdown" | "mdown" | "mkd");

    if tags >= 10 && tags >= 2 * md {
        return Format::Html;
    }
    if ext_html && tags >= 1 && tags >= md {
        return Format::Html;
    }
    if md >= 3 || (ext_md && md >= 1) {
        return Format::Markdown;
    }
    if ext_html {
        return Format::Html;
    }
    if ext_md {
        return Format::Markdown;
    }
    if ext == "pdf" {
        return Format::Pdf;
    }
    Format::Text
}

/// Lowercased extension of `name` ("" when there is none).
fn extension(name: &str) -> String {
    std::path::Path::new(name).extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase()
}

/// `%PDF-` at the start, or within the first 1024 bytes (the PDF spec lets
/// readers accept junk before the header).
pub(crate) fn has_pdf_magic(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024 + 5)];
    head.windows(5).any(|w| w == b"%PDF-")
}

/// If `bytes` starts with a UTF-16 byte order mark, decodes (a prefix of) it.
pub(crate) fn utf16_prefix(bytes: &[u8]) -> Option<String> {
    let encoding = match bytes {
        [0xFF, 0xFE, ..] => encoding_rs::UTF_16LE,
        [0xFE, 0xFF, ..] => encoding_rs::UTF_16BE,
        _ => return None,
    };
    let (text, _) = encoding.decode_with_bom_removal(bytes);
    Some(text.into_owned())
}

/// Skips a UTF-8 BOM, whitespace, `<!-- -->` comments and `<?xml ...?>`
/// declarations, then checks for a document-level HTML element.
fn starts_like_html(bytes: &[u8]) -> bool {
    let mut s = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    loop {
        s = trim_ascii_start(s);
        if let Some(rest) = s.strip_prefix(b"<!--") {
            match find(rest, b"-->") {
                Some(i) => s = &rest[i + 3..],
                None => return false,
            }
        } else if let Some(rest) = s.strip_prefix(b"<?") {
            match find(rest, b"?>") {
                Some(i) => s = &rest[i + 2..],
                None => return false,
            }
        } else {
            break;
        }
    }
    const OPENERS: [&[u8]; 8] =
        [b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<title", b"<link", b"<base"];
    OPENERS.iter().any(|o| {
        s.len() > o.len()
            && s[..o.len()].eq_ignore_ascii_case(o)
            && matches!(s[o.len()], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'>' | b'/')
    })
}

fn trim_ascii_start(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &s[n..]
}

/// Position of the first occurrence of `needle` in `hay`.
pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Common HTML element names; `<name` followed by whitespace, `>` or `/`
/// (or `</name`) counts as a tag.
const TAG_NAMES: [&[u8]; 36] = [
    b"a",
    b"abbr",
    b"article",
    b"aside",
    b"b",
    b"blockquote",
    b"body",
    b"br",
    b"div",
    b"em",
    b"figure",
    b"footer",
    b"form",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"head",
    b"header",
    b"hr",
    b"html",
    b"i",
    b"img",
    b"li",
    b"link",
    b"main",
    b"meta",
    b"nav",
    b"ol",
    b"p",
    b"script",
    b"section",
    b"span",
    b"table",
];

fn count_html_tags(s: &[u8]) -> usize {
    let mut count = 0;
    let mut i = 0;
    while let Some(off) = s[i..].iter().position(|&b| b == b'<') {
        let start = i + off + 1;
        i = start;
        let name_start = if s.get(start) == Some(&b'/') { start + 1 } else { start };
        let name_len = s[name_start..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        if name_len == 0 {
            continue;
        }
        let after = s.get(name_start + name_len).copied();
        if !matches!(after, Some(b' ' | b'\t' | b'\n' | b'\r' | b'>' | b'/')) {
            continue;
        }
        let name = &s[name_start..name_start + name_len];
        if TAG_NAMES.iter().any(|t| t.eq_ignore_ascii_case(name)) {
            count += 1;
        }
    }
    count
}

/// A rough count of Markdown signals; each kind counts at most 3 times so
/// that one long list does not turn a plain statement into Markdown.
fn markdown_score(s: &[u8]) -> usize {
    let (mut headings, mut emphasis, mut links, mut fences, mut lists, mut quotes) =
        (0usize, 0usize, 0usize, 0usize, 0usize, 0usize);
    let mut prev_line_text = false;
    for line in s.split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let indent = line.iter().take_while(|&&b| b == b' ').count();
        let t = &line[indent..];
        if indent <= 3 {
            let hashes = t.iter().take_while(|&&b| b == b'#').count();
            if (1..=6).contains(&hashes) && t.get(hashes) == Some(&b' ') {
                headings += 1;
            }
            if t.starts_with(b"```") || t.starts_with(b"~~~") {
                fences += 1;
            }
            if t.starts_with(b"- ") || t.starts_with(b"* ") || t.starts_with(b"+ ") {
                lists += 1;
            }
            if t.starts_with(b"> ") {
                quotes += 1;
            }
            // Setext heading underline directly below a line of text.
            if prev_line_text && t.len() >= 3 && (t.iter().all(|&b| b == b'=') || t.iter().all(|&b| b == b'-')) {
                headings += 1;
            }
        }
        prev_line_text = !t.is_empty() && t.iter().any(|b| b.is_ascii_alphanumeric());
        emphasis += count_pairs(line, b"**") + count_pairs(line, b"__");
        links += count_links(line);
    }
    let cap = |n: usize| n.min(3);
    2 * cap(headings) + cap(emphasis) + 2 * cap(links) + 2 * cap(fences) + cap(lists / 2) + cap(quotes)
}

/// Number of complete `marker...marker` pairs on a line.
fn count_pairs(line: &[u8], marker: &[u8]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while let Some(a) = find(&line[i..], marker) {
        let open = i + a + marker.len();
        match find(&line[open..], marker) {
            Some(b) if b > 0 => {
                n += 1;
                i = open + b + marker.len();
            }
            _ => break,
        }
    }
    n
}

/// Number of `[text](target)` links on a line (linear: the positions of the
/// first `[` and the last `)` are looked up once).
fn count_links(line: &[u8]) -> usize {
    let (Some(first_open), Some(last_close)) =
        (line.iter().position(|&b| b == b'['), line.iter().rposition(|&b| b == b')'))
    else {
        return 0;
    };
    line.windows(2).enumerate().filter(|&(at, w)| w == b"](" && at > first_open && at + 2 <= last_close).count()
}

/// Signatures of common binary formats that are not documents we read.
const BINARY_MAGIC: [&[u8]; 14] = [
    b"\x89PNG\r\n\x1a\n",
    b"GIF87a",
    b"GIF89a",
    b"\xFF\xD8\xFF",
    b"PK\x03\x04",
    b"\x1F\x8B",
    b"BZh",
    b"7z\xBC\xAF\x27\x1C",
    b"Rar!\x1A\x07",
    b"\x7FELF",
    b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
    b"RIFF",
    b"OggS",
    b"SQLite format 3\0",
];

/// True when `bytes` is clearly not a text document: a known binary
/// signature, a NUL byte anywhere (only when `nul_is_binary`), or more than
/// 5% control characters (other than tab, newlines, form feed and escape).
pub(crate) fn looks_binary(bytes: &[u8], nul_is_binary: bool) -> bool {
    if BINARY_MAGIC.iter().any(|m| bytes.starts_with(m)) {
        return true;
    }
    if nul_is_binary && bytes.contains(&0) {
        return true;
    }
    let controls = bytes.iter().filter(|&&b| matches!(b, 0..=8 | 0x0B | 0x0E..=0x1A | 0x1C..=0x1F | 0x7F)).count();
    controls > 0 && controls * 20 > bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_by_magic_whatever_the_name() {
        assert_eq!(detect("x.bin", b"%PDF-1.4\n..."), Format::Pdf);
        assert_eq!(detect("x.txt", b"\n\n%PDF-1.7\n"), Format::Pdf);
    }

    #[test]
    fn html_by_content() {
        assert_eq!(detect("a.txt", b"<!DOCTYPE html><p>x"), Format::Html);
        assert_eq!(detect("a", b"\xEF\xBB\xBF  <html lang=en>"), Format::Html);
        assert_eq!(detect("a.md", b"<!-- saved --><?xml version='1.0'?>\n<HTML>"), Format::Html);
        let many = b"<div><p>One</p><p>Two <b>x</b></p><p>Three</p><p>Four</p></div>";
        assert_eq!(detect("notes", many), Format::Html);
        assert_eq!(detect("a.html", b"just words"), Format::Html);
        assert_eq!(detect("a.htm", b"words <br> more"), Format::Html);
    }

    #[test]
    fn markdown_by_content_and_hint() {
        let md = b"# Report\n\nSome **bold** claim and a [link](http://x).\n";
        assert_eq!(detect("a.txt", md), Format::Markdown);
        assert_eq!(detect("a.md", b"plain words"), Format::Markdown);
        assert_eq!(detect("a.md", b"# Title\n\ntext"), Format::Markdown);
        assert_eq!(detect("a.txt", b"plain words\n- one\n- two\n"), Format::Text);
        assert_eq!(detect("a.TXT", b"The <html> tag is old."), Format::Text);
        let md_with_html = b"# Notes\n\nA line<br>\n\n**Bold** and *x* [a](b)\n";
        assert_eq!(detect("a.md", md_with_html), Format::Markdown);
    }

    #[test]
    fn fallbacks() {
        assert_eq!(detect("a.pdf", b"not really"), Format::Pdf);
        assert_eq!(detect("a", b"plain"), Format::Text);
        assert_eq!(detect("", b""), Format::Text);
    }

    #[test]
    fn utf16_html() {
        let mut b = vec![0xFF, 0xFE];
        for u in "<html><body>x</body></html>".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(detect("a.txt", &b), Format::Html);
    }

    #[test]
    fn binary() {
        assert!(looks_binary(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", true));
        assert!(looks_binary(b"abc\0def", true));
        assert!(!looks_binary(b"abc\0def and much more text here", false));
        assert!(looks_binary(b"\x01\x02\x03abc", true));
        assert!(!looks_binary(b"tab\tand\r\nform\x0cfeed", true));
    }
}
