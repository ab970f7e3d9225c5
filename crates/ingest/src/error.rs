//! The one error type of this crate: every variant means "this document was refused".
//!
//! Messages are lowercase fragments without a trailing period that say what
//! is wrong and why; the caller prefixes the path, e.g.
//! `reports/a.pdf: unreadable PDF: file is truncated (no %%EOF marker)`.

/// Why a document could not be turned into text.
///
/// None of these is a bug in the caller or in this crate: each one is a
/// property of the input (or of the file system) that makes the document
/// unusable, and the right reaction is to report it and move on.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input has no bytes, or (for plain text and Markdown) only whitespace.
    #[error("empty file")]
    Empty,

    /// The input is bigger than [`crate::Limits::max_bytes`].
    #[error("{}", too_large_message(*.size, *.limit))]
    TooLarge {
        /// Size of the input in bytes (for a file growing while it is read:
        /// at least this many).
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },

    /// The input is not a document: NUL bytes, mostly control characters or
    /// the signature of a known binary format (image, archive, executable, ...).
    #[error("binary content, not a text, HTML or PDF document")]
    Binary,

    /// Plain text or Markdown that is not valid UTF-8. The text is never
    /// converted lossily, because offsets into it must equal byte offsets in
    /// the file. `offset` is the byte offset of the first invalid sequence.
    #[error("invalid UTF-8 at byte {offset}")]
    InvalidUtf8 {
        /// Byte offset of the first byte that is not valid UTF-8.
        offset: usize,
    },

    /// The PDF could not be parsed (truncated, corrupt, encrypted with a
    /// password, or using constructs the PDF reader cannot handle).
    #[error("unreadable PDF: {0}")]
    Pdf(String),

    /// The PDF parsed, but its pages contain no text (typically a scan made
    /// of images only; it needs OCR first).
    #[error("PDF has no text layer")]
    PdfNoText,

    /// An HTML page whose only content is markup, scripts, styles or
    /// navigation.
    #[error("no readable text after removing markup")]
    NoText,

    /// The file could not be read: it does not exist, permission is denied,
    /// it is a directory or not a regular file, or reading failed.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
}

/// Result type of this crate.
pub type Result<T> = std::result::Result<T, Error>;

const UNITS: [&str; 6] = ["KB", "MB", "GB", "TB", "PB", "EB"];

/// Picks the largest binary unit (KB = 1024 bytes, ...) that `n` reaches.
/// Returns `None` below 1 KB.
fn unit_of(n: u64) -> Option<(u64, &'static str)> {
    let mut scale = 1u64;
    let mut unit = None;
    for name in UNITS {
        match scale.checked_mul(1024) {
            Some(next) if n >= next => {
                scale = next;
                unit = Some((scale, name));
            }
            _ => break,
        }
    }
    unit
}

/// "file is 12.0 GB, over the 50 MB limit". Falls back to exact byte counts
/// when rounding would make the two numbers look the same (a file one byte
/// over the limit).
fn too_large_message(size: u64, limit: u64) -> String {
    let (Some((size_scale, size_unit)), Some((limit_scale, limit_unit))) = (unit_of(size), unit_of(limit)) else {
        return format!("file is {size} bytes, over the {limit}-byte limit");
    };
    let size_text = format!("{:.1} {size_unit}", size as f64 / size_scale as f64);
    let limit_text = if limit.is_multiple_of(limit_scale) {
        format!("{} {limit_unit}", limit / limit_scale)
    } else {
        format!("{:.1} {limit_unit}", limit as f64 / limit_scale as f64)
    };
    let same_looking = size_unit == limit_unit
        && format!("{:.1}", size as f64 / size_scale as f64) == format!("{:.1}", limit as f64 / limit_scale as f64);
    if same_looking {
        format!("file is {size} bytes, over the {limit}-byte limit")
    } else {
        format!("file is {size_text}, over the {limit_text} limit")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages() {
        let gb = 1024 * 1024 * 1024;
        let e = Error::TooLarge { size: 12 * gb, limit: 50 * 1024 * 1024 };
        assert_eq!(e.to_string(), "file is 12.0 GB, over the 50 MB limit");
        let e = Error::TooLarge { size: 50 * 1024 * 1024 + 1, limit: 50 * 1024 * 1024 };
        assert_eq!(e.to_string(), "file is 52428801 bytes, over the 52428800-byte limit");
        let e = Error::TooLarge { size: 300, limit: 100 };
        assert_eq!(e.to_string(), "file is 300 bytes, over the 100-byte limit");
        let e = Error::TooLarge { size: 3000, limit: 1000 };
        assert_eq!(e.to_string(), "file is 3000 bytes, over the 1000-byte limit");
        let e = Error::TooLarge { size: u64::MAX, limit: 1536 };
        assert_eq!(e.to_string(), "file is 16.0 EB, over the 1.5 KB limit");
        assert_eq!(Error::InvalidUtf8 { offset: 1234 }.to_string(), "invalid UTF-8 at byte 1234");
        assert_eq!(Error::Pdf("no pages".into()).to_string(), "unreadable PDF: no pages");
        let io = std::io::Error::other("is a directory");
        assert_eq!(Error::from(io).to_string(), "cannot read: is a directory");
    }
}
