//! Plain text and Markdown: validated, never altered, so that text offsets equal file byte offsets.

use crate::detect::{looks_binary, utf16_prefix};
use crate::{Error, Result};

/// Checks that `bytes` is a usable plain-text document and returns it as
/// `&str`, byte for byte (a UTF-8 byte order mark, CRLF line ends and
/// everything else are kept).
///
/// Errors: [`Error::Binary`] for NUL bytes, mostly control characters or a
/// binary signature; [`Error::InvalidUtf8`] with the offset of the first bad
/// byte (UTF-16 text with a byte order mark fails at offset 0);
/// [`Error::Empty`] when there is nothing but whitespace.
pub(crate) fn validate(bytes: &[u8]) -> Result<&str> {
    if utf16_prefix(&bytes[..bytes.len().min(2)]).is_some() {
        return Err(Error::InvalidUtf8 { offset: 0 });
    }
    if looks_binary(bytes, true) {
        return Err(Error::Binary);
    }
    let text = std::str::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 { offset: e.valid_up_to() })?;
    if is_blank(text) {
        return Err(Error::Empty);
    }
    Ok(text)
}

/// True when `s` has no visible character (whitespace and byte order marks only).
pub(crate) fn is_blank(s: &str) -> bool {
    s.chars().all(|c| c.is_whitespace() || c == '\u{feff}')
}

/// Title of a Markdown document: its first level-1 heading, ATX (`# Title`)
/// or Setext (`Title` underlined with `===`), outside code fences and YAML
/// front matter, with the `#` markers, `*`, `_` and backticks removed and links reduced
/// to their text.
pub(crate) fn markdown_title(text: &str) -> Option<String> {
    let mut lines = text.trim_start_matches('\u{feff}').lines().map(|l| l.trim_end_matches('\r')).peekable();
    // YAML front matter: "---" on the first line up to the next "---" or "...".
    if lines.peek().is_some_and(|l| l.trim_end() == "---") {
        lines.next();
        for line in lines.by_ref() {
            let l = line.trim_end();
            if l == "---" || l == "..." {
                break;
            }
        }
    }
    let mut fence: Option<&str> = None;
    let mut prev: Option<&str> = None;
    for line in lines {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let t = line.trim();
        if let Some(marker) = fence {
            if indent <= 3 && t.starts_with(marker) {
                fence = None;
            }
            prev = None;
            continue;
        }
        if indent <= 3 && (t.starts_with("```") || t.starts_with("~~~")) {
            fence = Some(&t[..3]);
            prev = None;
            continue;
        }
        if indent <= 3 {
            if let Some(rest) = t.strip_prefix('#') {
                if rest.is_empty() || rest.starts_with([' ', '\t']) {
                    if let Some(title) = clean_title(rest) {
                        return Some(title);
                    }
                }
            }
            if !t.is_empty() && t.bytes().all(|b| b == b'=') {
                if let Some(title) = prev.and_then(clean_title) {
                    return Some(title);
                }
            }
        }
        prev = if t.is_empty() || indent > 3 { None } else { Some(t) };
    }
    None
}

/// Strips Markdown decoration from heading text; `None` if nothing is left.
fn clean_title(raw: &str) -> Option<String> {
    // A closing sequence of '#' (preceded by a space) is not part of the text.
    let raw = raw.trim();
    let raw = match raw.trim_end_matches('#') {
        stripped if stripped.is_empty() || stripped.ends_with([' ', '\t']) => stripped,
        _ => raw,
    };
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(c) = rest.chars().next() {
        // "[text](target)" -> "text"
        if c == '[' {
            if let Some(close) = rest.find("](") {
                if let Some(end) = rest[close + 2..].find(')') {
                    out.push_str(&rest[1..close]);
                    rest = &rest[close + 2 + end + 1..];
                    continue;
                }
            }
        }
        if !matches!(c, '*' | '_' | '`') {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    let title = out.split_whitespace().collect::<Vec<_>>().join(" ");
    (!title.is_empty()).then_some(title)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_bytes() {
        let raw = "\u{feff}Line one\r\n\r\nLine two\t\n";
        assert_eq!(validate(raw.as_bytes()).unwrap(), raw);
    }

    #[test]
    fn refuses() {
        assert!(matches!(validate(b"ab\0cd"), Err(Error::Binary)));
        assert!(matches!(validate(b"caf\xE9 au lait"), Err(Error::InvalidUtf8 { offset: 3 })));
        assert!(matches!(validate(b" \n\t\r\n"), Err(Error::Empty)));
        assert!(matches!(validate(b"\xFF\xFEa\0b\0"), Err(Error::InvalidUtf8 { offset: 0 })));
    }

    #[test]
    fn titles() {
        assert_eq!(
            markdown_title("intro\n\n# **Union leader** _detained_ #\n").as_deref(),
            Some("Union leader detained")
        );
        assert_eq!(markdown_title("## Sub\n\n# [Main](http://x) title").as_deref(), Some("Main title"));
        assert_eq!(markdown_title("---\ntitle: x\n# not\n---\n```\n# code\n```\n# Real").as_deref(), Some("Real"));
        assert_eq!(markdown_title("Setext title\n=====\n").as_deref(), Some("Setext title"));
        assert_eq!(markdown_title("#hashtag\n#\n"), None);
        assert_eq!(markdown_title("no heading"), None);
        assert_eq!(markdown_title("# C# notes ##").as_deref(), Some("C# notes"));
    }
}
