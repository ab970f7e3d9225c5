//! Untrusted-input boundary of dossier: turns the bytes of a report (plain text, Markdown, HTML or PDF) into the text that every later offset refers to.
//!
//! ```no_run
//! use dossier_ingest::{read_path, Limits};
//!
//! let doc = read_path("reports/statement.html".as_ref(), &Limits::default())?;
//! println!("{} {:?} {:?}", doc.format, doc.title, doc.published);
//! # Ok::<(), dossier_ingest::Error>(())
//! ```
//!
//! What the text is, per format:
//!
//! * **Plain text and Markdown**: the file, byte for byte (byte order mark,
//!   CRLF and all), so that offsets in the text are offsets in the file. It
//!   must be UTF-8; nothing is ever converted lossily.
//! * **HTML**: the main text of the page, without scripts, styles,
//!   navigation or page chrome, blocks separated by line breaks (see
//!   [`read_bytes`]). Offsets refer to this extracted text.
//! * **PDF**: the text layer, with lines broken by the layout rejoined into
//!   paragraphs.
//!
//! Any input is safe to pass: reading never panics, never recurses on
//! input structure, checks sizes before reading, and HTML extraction is
//! linear in the input. Every refusal is an [`Error`] whose message says
//! why.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

mod date;
mod detect;
mod error;
mod html;
mod pdf;
mod text;

pub use detect::detect;
pub use error::{Error, Result};

/// Default for [`Limits::max_bytes`]: 50 MB.
pub const DEFAULT_MAX_BYTES: u64 = 50 * 1024 * 1024;

/// Resource limits applied to every document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest input accepted, in bytes. Files are checked against it
    /// before they are read.
    pub max_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_bytes: DEFAULT_MAX_BYTES }
    }
}

/// The formats this crate reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain UTF-8 text.
    Text,
    /// Markdown (kept as raw text; only the title is interpreted).
    Markdown,
    /// An HTML page.
    Html,
    /// A PDF document with a text layer.
    Pdf,
}

impl Format {
    /// `"text"`, `"markdown"`, `"html"` or `"pdf"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Pdf => "pdf",
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A document turned into text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ingested {
    /// The detected format.
    pub format: Format,
    /// Title from metadata: HTML `og:title`, `<title>` or first `<h1>`; PDF
    /// Info `/Title` (unless it is a word processor's placeholder or a file
    /// name); Markdown's first level-1 heading. `None` for plain text and
    /// when there is none; the caller may fall back to the text.
    pub title: Option<String>,
    /// Publication date from metadata only, as `YYYY-MM-DD`, `YYYY-MM` or
    /// `YYYY`. HTML: `article:published_time`, then JSON-LD / microdata
    /// `datePublished`, then `<meta name="date">`, `DC.date` and similar,
    /// then the `<time datetime>` of the article. PDF: Info `/CreationDate`.
    /// `None` for plain text and Markdown. Dates inside the text are not
    /// looked for here.
    pub published: Option<String>,
    /// The text, exactly as offsets will refer to it. Never empty or blank.
    pub text: String,
    /// Lowercase hex SHA-256 of the original bytes.
    pub sha256: String,
}

/// Reads and converts the file at `path`.
///
/// The size is checked from the file's metadata before anything is read, so
/// a huge file costs nothing; reading is also capped at the limit in case
/// the file grows meanwhile. Directories, devices, pipes and other
/// non-regular files are refused with [`Error::Io`], as are missing and
/// unreadable files. The file name's extension is passed to [`read_bytes`]
/// as a hint.
pub fn read_path(path: &Path, limits: &Limits) -> Result<Ingested> {
    let metadata = std::fs::metadata(path)?;
    if metadata.is_dir() {
        return Err(Error::Io(std::io::Error::other("is a directory")));
    }
    if !metadata.is_file() {
        return Err(Error::Io(std::io::Error::other("not a regular file")));
    }
    let size = metadata.len();
    if size > limits.max_bytes {
        return Err(Error::TooLarge { size, limit: limits.max_bytes });
    }
    let file = File::open(path)?;
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(limits.max_bytes.saturating_add(1)).read_to_end(&mut bytes)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    read_bytes(&name, &bytes, limits)
}

/// Converts a document held in memory. `name` is only used for its
/// extension, as a tie-breaker in [`detect()`].
///
/// * Plain text and Markdown must be UTF-8 and are returned byte for byte.
///   NUL bytes, mostly control characters or a binary signature give
///   [`Error::Binary`]; invalid UTF-8 gives [`Error::InvalidUtf8`] with the
///   offset of the first bad byte; whitespace only gives [`Error::Empty`].
/// * HTML is decoded (byte order mark, UTF-8, `<meta charset>`, else lossy
///   UTF-8) and reduced to its main text: `<article>` or `<main>` when they
///   hold the content, else the body; scripts, styles, navigation, headers,
///   footers, asides, forms, buttons, frames, SVG and hidden elements are
///   removed; paragraphs are separated by a blank line, `<br>` and list
///   items by a line break, and whitespace is collapsed. A page without any
///   text left gives [`Error::NoText`].
/// * PDF: the text layer of all pages with lines rejoined into paragraphs
///   and hyphenation at line ends undone. Truncated, corrupt and
///   password-protected files give [`Error::Pdf`]; a PDF without text
///   (a scan) gives [`Error::PdfNoText`].
pub fn read_bytes(name: &str, bytes: &[u8], limits: &Limits) -> Result<Ingested> {
    let size = bytes.len() as u64;
    if size > limits.max_bytes {
        return Err(Error::TooLarge { size, limit: limits.max_bytes });
    }
    if bytes.is_empty() {
        return Err(Error::Empty);
    }
    let format = detect(name, bytes);
    let (text, title, published) = match format {
        Format::Text => (text::validate(bytes)?.to_owned(), None, None),
        Format::Markdown => {
            let text = text::validate(bytes)?;
            (text.to_owned(), text::markdown_title(text), None)
        }
        Format::Html => {
            // UTF-16 (with a byte order mark) is full of NUL bytes but fine.
            if detect::utf16_prefix(&bytes[..bytes.len().min(2)]).is_none() && detect::looks_binary(bytes, false) {
                return Err(Error::Binary);
            }
            let doc = html::extract(bytes)?;
            (doc.text, doc.title, doc.published)
        }
        Format::Pdf => {
            let doc = pdf::extract(bytes)?;
            (doc.text, doc.title, doc.published)
        }
    };
    debug_assert!(!text::is_blank(&text));
    Ok(Ingested { format, title, published, text, sha256: sha256_hex(bytes) })
}

/// Lowercase hex SHA-256.
fn sha256_hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    Sha256::digest(bytes).iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_abc() {
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn format_names() {
        assert_eq!(Format::Markdown.as_str(), "markdown");
        assert_eq!(Format::Pdf.to_string(), "pdf");
    }
}
