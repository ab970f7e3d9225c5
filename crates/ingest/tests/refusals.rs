//! Refused documents: each error variant, with the message the user will see.

mod common;

use std::fs::File;

use dossier_ingest::{read_bytes, read_path, Error, Limits};

fn refuse(name: &str, bytes: &[u8]) -> Error {
    match read_bytes(name, bytes, &Limits::default()) {
        Ok(doc) => panic!("{name} was accepted: {:?}", doc.text),
        Err(e) => e,
    }
}

#[test]
fn empty_file() {
    let e = refuse("empty.txt", b"");
    assert!(matches!(e, Error::Empty));
    assert_eq!(e.to_string(), "empty file");
    assert!(matches!(refuse("blank.md", b" \r\n\t\n"), Error::Empty));
    assert!(matches!(refuse("empty.pdf", b""), Error::Empty));
}

#[test]
fn binary_file() {
    // A PNG signature and header followed by pseudo-random bytes.
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0".to_vec();
    let mut x: u32 = 2_463_534_242;
    for _ in 0..4096 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        png.push(x as u8);
    }
    for name in ["image.png", "image.txt", "image.md", "image", "image.html"] {
        let e = refuse(name, &png);
        assert!(matches!(e, Error::Binary), "{name}: {e}");
    }
    assert_eq!(refuse("x.txt", &png).to_string(), "binary content, not a text, HTML or PDF document");
    // A NUL byte in otherwise plain text.
    assert!(matches!(refuse("nul.txt", b"plain\0text"), Error::Binary));
    // A zip archive (e.g. a .docx).
    assert!(matches!(refuse("report.docx", b"PK\x03\x04\x14\0\x06\0word/document.xml"), Error::Binary));
}

#[test]
fn invalid_utf8_text() {
    // "Café" in Latin-1: the é is the single byte 0xE9, at offset 19.
    let e = refuse("latin1.txt", b"Statement about Caf\xe9 owners");
    assert!(matches!(e, Error::InvalidUtf8 { offset: 19 }), "{e:?}");
    assert_eq!(e.to_string(), "invalid UTF-8 at byte 19");
    // Markdown too, and a truncated multi-byte sequence at the end.
    assert!(matches!(refuse("x.md", b"# Title\n\nend \xe2\x80"), Error::InvalidUtf8 { offset: 13 }));
}

#[test]
fn truncated_pdf() {
    let good = common::statement_pdf();
    for cut in [good.len() / 2, good.len() - 40, 20] {
        let e = refuse("cut.pdf", &good[..cut]);
        assert!(matches!(e, Error::Pdf(_)), "cut at {cut}: {e}");
        assert!(e.to_string().starts_with("unreadable PDF: "), "{e}");
    }
    let e = refuse("cut.pdf", &good[..good.len() / 2]);
    assert_eq!(e.to_string(), "unreadable PDF: file is truncated (no %%EOF marker)");
}

#[test]
fn pdf_named_pdf_that_is_not_one() {
    let e = refuse("report.pdf", b"\x00\x01\x02 not a pdf at all");
    assert_eq!(e.to_string(), "unreadable PDF: missing %PDF- header");
}

#[test]
fn pdf_without_text_layer() {
    // A page that only paints a rectangle and an (emptied) image: a scan.
    let mut w = common::PdfWriter::default();
    let catalog = w.reserve();
    let pages = w.reserve();
    let image = w.add_stream(
        "/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8",
        b"\x00\xff\xff\x00",
    );
    let content = w.add_stream("", b"q 0 0 1 rg 10 10 100 100 re f Q q 100 0 0 100 0 0 cm /Im1 Do Q");
    let page = w.add(format!(
        "<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 612 792] \
         /Resources << /XObject << /Im1 {image} 0 R >> >> /Contents {content} 0 R >>"
    ));
    w.set(pages, format!("<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>"));
    w.set(catalog, format!("<< /Type /Catalog /Pages {pages} 0 R >>"));
    let e = refuse("scan.pdf", &w.finish(catalog, None));
    assert!(matches!(e, Error::PdfNoText), "{e}");
    assert_eq!(e.to_string(), "PDF has no text layer");

    // No content at all.
    let e = refuse("blank.pdf", &common::pdf_with_pages(&[Vec::new()], None));
    assert!(matches!(e, Error::PdfNoText), "{e}");
}

#[test]
fn html_of_only_scripts() {
    let html = b"<!doctype html><html><head><script>var a = '<p>hi</p>';</script>\
                 <style>p { color: red }</style></head><body><script src=x.js></script>\
                 <noscript>Enable JavaScript</noscript><nav>Home</nav></body></html>";
    let e = refuse("app.html", html);
    assert!(matches!(e, Error::NoText), "{e}");
    assert_eq!(e.to_string(), "no readable text after removing markup");
}

#[test]
fn over_the_size_limit() {
    let limits = Limits { max_bytes: 10 };
    let e = read_bytes("a.txt", b"eleven byte", &limits).unwrap_err();
    assert!(matches!(e, Error::TooLarge { size: 11, limit: 10 }), "{e}");
    assert_eq!(e.to_string(), "file is 11 bytes, over the 10-byte limit");
    assert!(read_bytes("a.txt", b"ten bytes!", &limits).is_ok());

    // A sparse 12 GB file: refused from its metadata, never read.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    let file = File::create(&path).unwrap();
    file.set_len(12 * 1024 * 1024 * 1024).unwrap();
    drop(file);
    let e = read_path(&path, &Limits::default()).unwrap_err();
    assert!(matches!(e, Error::TooLarge { .. }), "{e}");
    assert_eq!(e.to_string(), "file is 12.0 GB, over the 50 MB limit");

    let small = dir.path().join("small.txt");
    std::fs::write(&small, "more than ten bytes").unwrap();
    let e = read_path(&small, &limits).unwrap_err();
    assert!(matches!(e, Error::TooLarge { size: 19, limit: 10 }), "{e}");
}

#[test]
fn unreadable_paths() {
    let dir = tempfile::tempdir().unwrap();

    let missing = dir.path().join("missing.txt");
    let e = read_path(&missing, &Limits::default()).unwrap_err();
    assert!(matches!(e, Error::Io(_)), "{e}");
    assert!(e.to_string().starts_with("cannot read: "), "{e}");

    let e = read_path(dir.path(), &Limits::default()).unwrap_err();
    assert!(matches!(e, Error::Io(_)), "{e}");
    assert_eq!(e.to_string(), "cannot read: is a directory");

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let locked = dir.path().join("locked.txt");
        std::fs::write(&locked, "secret statement").unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        // Root (as in some CI containers) can read anything; only check when
        // the permission actually applies.
        if File::open(&locked).is_err() {
            let e = read_path(&locked, &Limits::default()).unwrap_err();
            assert!(matches!(e, Error::Io(_)), "{e}");
            assert!(e.to_string().starts_with("cannot read: "), "{e}");
        }
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o600)).unwrap();

        let e = read_path("/dev/null".as_ref(), &Limits::default()).unwrap_err();
        assert_eq!(e.to_string(), "cannot read: not a regular file");
    }
}
