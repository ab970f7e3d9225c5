//! Good documents of every format: text, title, date, hash and detection.

mod common;

use dossier_ingest::{detect, read_bytes, read_path, Format, Limits};

fn read(name: &str, bytes: &[u8]) -> dossier_ingest::Ingested {
    read_bytes(name, bytes, &Limits::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn plain_text_is_byte_identical() {
    let raw = "\u{feff}Statement by the Eastport Dockworkers' Union\r\n\r\nOur secretary, \
               Mirela Vant, was detained on 11 April.\r\n";
    let doc = read("statement.txt", raw.as_bytes());
    assert_eq!(doc.format, Format::Text);
    assert_eq!(doc.text, raw);
    assert_eq!(doc.title, None);
    assert_eq!(doc.published, None);
    // Byte offsets in the file are offsets in the text.
    let at = raw.find("Mirela").unwrap();
    assert_eq!(&doc.text.as_bytes()[at..at + 6], b"Mirela");
}

#[test]
fn sha256_is_of_the_original_bytes() {
    let doc = read("a.txt", b"abc");
    assert_eq!(doc.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

#[test]
fn markdown_title_and_raw_text() {
    let raw = "# The *detention* of __Mirela Vant__\n\nShe was taken from the union office \
               on **11 April 2017**. See [the letter](letter.html).\n";
    let doc = read("vant.md", raw.as_bytes());
    assert_eq!(doc.format, Format::Markdown);
    assert_eq!(doc.title.as_deref(), Some("The detention of Mirela Vant"));
    assert_eq!(doc.text, raw);
    assert_eq!(doc.published, None);
}

#[test]
fn html_page_main_text_title_and_date() {
    let html = r#"<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Union secretary detained | Eastport Monitor</title>
  <meta property="article:published_time" content="2017-04-12T08:15:00+02:00">
  <style>body { font-family: serif; }</style>
  <script>window.analytics = { page: "<p>not text</p>" };</script>
</head>
<body>
  <header><a href="/">Eastport Monitor</a><nav><ul><li>Home</li><li>News</li></ul></nav></header>
  <nav class="breadcrumbs">News &gt; Labour</nav>
  <article>
    <h1>Union secretary detained in Eastport</h1>
    <p>Police detained Mirela Vant,
       secretary of the Dockworkers&rsquo; Union, on 11&nbsp;April.</p>
    <p>Her lawyer said she was held<br>without charge.</p>
    <script>trackRead();</script>
    <ul><li>Arrested: 11 April</li><li>Charged: 14 April</li></ul>
    <aside>Read also: port strike enters second week</aside>
  </article>
  <footer>&copy; 2017 Eastport Monitor. <a href="/privacy">Privacy</a></footer>
</body>
</html>"#;
    let doc = read("page.html", html.as_bytes());
    assert_eq!(doc.format, Format::Html);
    assert_eq!(
        doc.text,
        "Union secretary detained in Eastport\n\n\
         Police detained Mirela Vant, secretary of the Dockworkers\u{2019} Union, on 11 April.\n\n\
         Her lawyer said she was held\nwithout charge.\n\n\
         Arrested: 11 April\nCharged: 14 April"
    );
    assert_eq!(doc.title.as_deref(), Some("Union secretary detained | Eastport Monitor"));
    assert_eq!(doc.published.as_deref(), Some("2017-04-12"));
}

#[test]
fn html_dates_from_other_metadata() {
    let cases: [(&str, Option<&str>); 5] = [
        (r#"<meta name="date" content="2016-03-05"><p>x"#, Some("2016-03-05")),
        (r#"<meta name="DC.date" content="2016-03"><p>x"#, Some("2016-03")),
        (
            r#"<script type="application/ld+json">{"@context":"https://schema.org","@type":"Report","datePublished":"2015-11-30"}</script><p>x"#,
            Some("2015-11-30"),
        ),
        (r#"<article><p>Posted <time datetime="2014-06-01T10:00">1 June</time></p></article>"#, Some("2014-06-01")),
        (r#"<p>Published on 3 May 2012.</p>"#, None),
    ];
    for (html, want) in cases {
        let doc = read("p.html", html.as_bytes());
        assert_eq!(doc.published.as_deref(), want, "{html}");
    }
}

#[test]
fn good_pdf_fixture() {
    let path = common::fixture("eastport-report.pdf");
    let doc = read_path(&path, &Limits::default()).unwrap();
    assert_eq!(doc.format, Format::Pdf);
    assert_eq!(doc.title.as_deref(), Some("Detention of a union leader in Eastport"));
    assert_eq!(doc.published.as_deref(), Some("2017-04-20"));
    assert!(doc.text.starts_with(
        "On the morning of 11 April 2017, police officers in the port city of Eastport detained \
         Mirela Vant, the regional secretary of the Dockworkers' Solidarity Union,"
    ));
    // Lines rejoined within a paragraph, paragraphs separated by one blank line.
    let paragraphs: Vec<&str> = doc.text.split("\n\n").collect();
    assert_eq!(paragraphs.len(), 3, "{}", doc.text);
    assert!(paragraphs.iter().all(|p| !p.contains('\n')));
    assert!(paragraphs[2].ends_with("by security officers afterwards."));
}

#[test]
fn good_hand_made_pdf() {
    let doc = read("statement.bin", &common::statement_pdf());
    assert_eq!(doc.format, Format::Pdf);
    assert_eq!(doc.title.as_deref(), Some("Union secretary detained in Eastport"));
    assert_eq!(doc.published.as_deref(), Some("2017-04-11"));
    assert_eq!(
        doc.text,
        "On 11 April 2017 the police in Eastport detained the secretary of the dockworkers' \
         union, Mirela Vant, at the gates of the container terminal. Her organisation said that \
         she was held without charge for three days.\n\n\
         The union called for her release in a public letter.\n\n\
         A court in Eastport later ordered two months of detention."
    );
}

#[test]
fn detection_is_by_content() {
    let html = b"<!doctype html><html><body><p>Statement</p></body></html>";
    assert_eq!(detect("statement.txt", html), Format::Html);
    assert_eq!(read("statement.txt", html).format, Format::Html);
    assert_eq!(read("statement.txt", html).text, "Statement");

    let pdf = common::statement_pdf();
    assert_eq!(detect("report.bin", &pdf), Format::Pdf);
    assert_eq!(detect("report.txt", &pdf), Format::Pdf);

    let md = b"# Title\n\nText with **bold** and a [link](x).";
    assert_eq!(detect("notes.txt", md), Format::Markdown);
    assert_eq!(detect("notes.md", b"Just a sentence."), Format::Markdown);
    assert_eq!(detect("notes.txt", b"Just a sentence."), Format::Text);
    assert_eq!(detect("notes", b"Just a sentence."), Format::Text);
}

#[test]
fn read_path_uses_the_file_name_as_hint() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.md");
    std::fs::write(&path, "Only a sentence, no markup.").unwrap();
    let doc = read_path(&path, &Limits::default()).unwrap();
    assert_eq!(doc.format, Format::Markdown);
    assert_eq!(doc.text, "Only a sentence, no markup.");
}

/// A one-page PDF whose font uses `encoding` (pdf-extract itself panics on
/// StandardEncoding, the most common base encoding of Type 1 fonts).
fn pdf_with_font_encoding(encoding: &str, text: &str) -> Vec<u8> {
    let mut w = common::PdfWriter::default();
    let catalog = w.reserve();
    let pages = w.reserve();
    let font = w.add(format!("<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding {encoding} >>"));
    let content = w.add_stream("", format!("BT /F1 12 Tf 72 700 Td ({text}) Tj ET").as_bytes());
    let page = w.add(format!(
        "<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 612 792] \
         /Resources << /Font << /F1 {font} 0 R >> >> /Contents {content} 0 R >>"
    ));
    w.set(pages, format!("<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>"));
    w.set(catalog, format!("<< /Type /Catalog /Pages {pages} 0 R >>"));
    w.finish(catalog, None)
}

#[test]
fn pdf_fonts_with_standard_encoding() {
    // In StandardEncoding, byte 0x27 is a right single quote and 0xAE the fi ligature.
    let pdf = pdf_with_font_encoding("/StandardEncoding", "The union\\047s \\256les");
    assert_eq!(read("std.pdf", &pdf).text, "The union\u{2019}s files");

    let pdf = pdf_with_font_encoding(
        "<< /Type /Encoding /BaseEncoding /StandardEncoding /Differences [65 /Eacute] >>",
        "A \\256ne day",
    );
    assert_eq!(read("diff.pdf", &pdf).text, "\u{c9} fine day");

    let pdf = pdf_with_font_encoding("/NoSuchEncoding", "plain words");
    assert_eq!(read("odd.pdf", &pdf).text, "plain words");
}

#[test]
fn utf16_html_page() {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "<!doctype html><title>Z\u{fc}rich</title><p>Stra\u{df}e des 11. April</p>".encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    let doc = read("page.htm", &bytes);
    assert_eq!(doc.format, Format::Html);
    assert_eq!(doc.title.as_deref(), Some("Z\u{fc}rich"));
    assert_eq!(doc.text, "Stra\u{df}e des 11. April");
}
