//! Hostile input: deep nesting, huge attributes, scripts everywhere, self-referencing PDFs; no panic, no stack overflow, linear time.

mod common;

use std::time::{Duration, Instant};

use dossier_ingest::{read_bytes, Error, Limits};

/// Generous bound for inputs of a few MB: linear extraction takes a small
/// fraction of it even in debug builds, a quadratic one takes minutes.
const SLOW: Duration = Duration::from_secs(30);

fn html(bytes: &[u8]) -> dossier_ingest::Result<dossier_ingest::Ingested> {
    read_bytes("hostile.html", bytes, &Limits::default())
}

/// Runs `f` on a thread with a small (256 KB) stack, so that any recursion
/// on input depth would overflow and fail the test.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new().stack_size(256 * 1024).spawn(f).unwrap().join().unwrap()
}

/// Nesting patterns, each repeated `n` times around a text. The first three
/// are quadratic in html5ever's tree builder (20,000 levels take seconds).
const NESTINGS: [(&str, &str); 11] = [
    ("<div>", "</div>"),
    ("<i><b><u>", "</p>"),
    ("<em><div>", ""),
    ("<span>", "</span>"),
    ("<b>", "</b>"),
    ("<table><tr><td>", ""),
    ("<li>", ""),
    ("<a>", "</a>"),
    ("<svg><g>", "</g></svg>"),
    ("<nav>", "</nav>"),
    ("<p><b>", "</b></p>"),
];

#[test]
fn deep_nesting_100k() {
    on_small_stack(|| {
        // 100,000 levels for the patterns known to be hard (plain <div> is in
        // `deep_nesting_keeps_the_text`), 10,000 for the rest: debug builds
        // tokenize slowly, and the shape is what matters.
        for (i, (open, close)) in NESTINGS.into_iter().enumerate().skip(1) {
            let n = if i < 3 { 100_000 } else { 10_000 };
            let doc = format!("<!doctype html><body>{}Deep text.{}<p>After.", open.repeat(n), close.repeat(n));
            let start = Instant::now();
            let result = html(doc.as_bytes());
            let took = start.elapsed();
            assert!(took < SLOW, "{open}: {took:?}");
            // Whatever the structure, text that ends up in the output is intact.
            if let Ok(doc) = result {
                assert!(doc.text.contains("After."), "{open}: {:?}", &doc.text);
            }
        }
    });
}

#[test]
fn deep_nesting_keeps_the_text() {
    on_small_stack(|| {
        let n = 100_000;
        let doc = format!("{}Deep text.{}", "<div>".repeat(n), "</div>".repeat(n));
        assert_eq!(html(doc.as_bytes()).unwrap().text, "Deep text.");
    });
}

#[test]
fn huge_attributes_and_many_tags() {
    let value = "x".repeat(1024 * 1024);
    let doc = format!("<div title=\"{value}\" data-a='{value}'>Kept.</div>");
    assert_eq!(html(doc.as_bytes()).unwrap().text, "Kept.");

    // One unterminated attribute swallowing the rest of the file.
    let doc = format!("<p>Before.</p><div title=\"{value}");
    assert_eq!(html(doc.as_bytes()).unwrap().text, "Before.");

    // Many attributes on one tag (quadratic in html5ever's tokenizer).
    let many: String = (0..50_000).map(|i| format!(" a{i}")).collect();
    let doc = format!("<div{many}>Kept too.</div><p{many}>");
    let start = Instant::now();
    assert_eq!(html(doc.as_bytes()).unwrap().text, "Kept too.");
    assert!(start.elapsed() < SLOW);

    let doc = format!("<p>x</p>{}", "<br/>".repeat(100_000));
    let start = Instant::now();
    assert_eq!(html(doc.as_bytes()).unwrap().text, "x");
    assert!(start.elapsed() < SLOW);
}

#[test]
fn scripts_everywhere() {
    let chunk = "<script>document.write('<p>no</p>')</script><p>Yes.</p>\
                 <style>p{}</style><script><!--<script>--></script>";
    let doc = chunk.repeat(5_000);
    let start = Instant::now();
    let out = html(doc.as_bytes()).unwrap();
    assert!(start.elapsed() < SLOW);
    assert!(out.text.split("\n\n").all(|p| p == "Yes."));

    // An unclosed script hides everything after it, and that is all.
    let e = html(b"<script>var s = '<p>text</p>';").unwrap_err();
    assert!(matches!(e, Error::NoText));
}

#[test]
fn entity_and_comment_floods() {
    let doc = format!(
        "<p>{}</p><!--{}<p>{}",
        "&amp;&#x41;&#99999999;&unknown;&".repeat(20_000),
        "-".repeat(200_000),
        "<".repeat(200_000)
    );
    let start = Instant::now();
    let out = html(doc.as_bytes()).unwrap();
    assert!(start.elapsed() < SLOW);
    assert!(out.text.starts_with("&A\u{fffd}&unknown;&&A"));
}

/// A page whose content draws form XObject /X0, which draws itself.
#[test]
fn pdf_form_that_draws_itself() {
    let mut w = common::PdfWriter::default();
    let catalog = w.reserve();
    let pages = w.reserve();
    let form = w.reserve();
    let body = b"BT /F1 12 Tf 72 700 Td (loop) Tj ET /X0 Do";
    w.set(
        form,
        format!(
            "<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Length {} >>\nstream\n{}\nendstream",
            body.len(),
            String::from_utf8_lossy(body)
        ),
    );
    let font = w.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    let content = w.add_stream("", b"/X0 Do");
    let page = w.add(format!(
        "<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 612 792] \
         /Resources << /Font << /F1 {font} 0 R >> /XObject << /X0 {form} 0 R >> >> \
         /Contents {content} 0 R >>"
    ));
    w.set(pages, format!("<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>"));
    w.set(catalog, format!("<< /Type /Catalog /Pages {pages} 0 R >>"));
    let bytes = w.finish(catalog, None);
    let e = on_small_stack(move || read_bytes("loop.pdf", &bytes, &Limits::default()).unwrap_err());
    assert_eq!(e.to_string(), "unreadable PDF: a form XObject draws itself");
}

/// Forms that each draw the next one twice: 2^40 invocations if followed.
#[test]
fn pdf_form_fan_out() {
    let mut w = common::PdfWriter::default();
    let catalog = w.reserve();
    let pages = w.reserve();
    let levels = 40;
    let forms: Vec<usize> = (0..levels).map(|_| w.reserve()).collect();
    for (i, &f) in forms.iter().enumerate() {
        let (body, res) = if i + 1 < levels {
            ("/N Do /N Do".to_string(), format!("/Resources << /XObject << /N {} 0 R >> >>", forms[i + 1]))
        } else {
            (String::new(), String::new())
        };
        w.set(
            f,
            format!(
                "<< /Type /XObject /Subtype /Form /BBox [0 0 1 1] {res} /Length {} >>\nstream\n{body}\nendstream",
                body.len()
            ),
        );
    }
    let content = w.add_stream("", b"/N Do");
    let page = w.add(format!(
        "<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 612 792] \
         /Resources << /XObject << /N {} 0 R >> >> /Contents {content} 0 R >>",
        forms[0]
    ));
    w.set(pages, format!("<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>"));
    w.set(catalog, format!("<< /Type /Catalog /Pages {pages} 0 R >>"));
    let bytes = w.finish(catalog, None);
    let start = Instant::now();
    let e = read_bytes("fan.pdf", &bytes, &Limits::default()).unwrap_err();
    assert!(start.elapsed() < SLOW);
    assert!(matches!(e, Error::Pdf(_)), "{e}");
}

/// A page whose /Parent chain loops, without /Resources or /MediaBox anywhere
/// (pdf-extract would follow the chain forever looking for them).
#[test]
fn pdf_parent_cycle() {
    let mut w = common::PdfWriter::default();
    let catalog = w.reserve();
    let pages = w.reserve();
    let a = w.reserve();
    let b = w.reserve();
    let content = w.add_stream("", b"BT /F1 12 Tf (x) Tj ET");
    let page = w.add(format!("<< /Type /Page /Parent {a} 0 R /Contents {content} 0 R >>"));
    w.set(a, format!("<< /Type /Pages /Parent {b} 0 R /Kids [] /Count 0 >>"));
    w.set(b, format!("<< /Type /Pages /Parent {a} 0 R /Kids [] /Count 0 >>"));
    w.set(pages, format!("<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>"));
    w.set(catalog, format!("<< /Type /Catalog /Pages {pages} 0 R >>"));
    let bytes = w.finish(catalog, None);
    let e = on_small_stack(move || read_bytes("cycle.pdf", &bytes, &Limits::default()).unwrap_err());
    assert_eq!(e.to_string(), "unreadable PDF: the page tree has a cycle");
}

/// Broken PDFs that make the PDF library panic are refused, not crashed on.
#[test]
fn pdf_library_panics_are_caught() {
    // A page without a MediaBox anywhere, and one referencing a missing font.
    let no_media_box = {
        let mut w = common::PdfWriter::default();
        let catalog = w.reserve();
        let pages = w.reserve();
        let content = w.add_stream("", b"BT /F9 12 Tf (x) Tj ET");
        let page = w.add(format!("<< /Type /Page /Parent {pages} 0 R /Contents {content} 0 R >>"));
        w.set(pages, format!("<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>"));
        w.set(catalog, format!("<< /Type /Catalog /Pages {pages} 0 R >>"));
        w.finish(catalog, None)
    };
    let e = read_bytes("nomediabox.pdf", &no_media_box, &Limits::default()).unwrap_err();
    assert!(matches!(e, Error::Pdf(_)), "{e}");

    let missing_font = common::pdf_with_pages(&[b"BT /F7 12 Tf 72 700 Td (x) Tj ET".to_vec()], None);
    let e = read_bytes("nofont.pdf", &missing_font, &Limits::default()).unwrap_err();
    assert!(matches!(e, Error::Pdf(_)), "{e}");
}

/// Every prefix and some corruptions of a good PDF: errors, never panics
/// escaping, never a hang.
#[test]
fn pdf_prefixes_and_corruptions() {
    let good = common::statement_pdf();
    for cut in (0..good.len()).step_by(37) {
        let _ = read_bytes("cut.pdf", &good[..cut], &Limits::default());
    }
    let mut x: u32 = 12345;
    for _ in 0..200 {
        let mut bad = good.clone();
        for _ in 0..4 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            let at = x as usize % bad.len();
            bad[at] = (x >> 8) as u8;
        }
        let _ = read_bytes("bad.pdf", &bad, &Limits::default());
    }
}
