//! Test helpers: a tiny PDF writer for hand-made (and deliberately broken) PDFs, and fixture paths.

#![allow(dead_code)]

use std::path::PathBuf;

/// Path of a file under tests/fixtures.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// Builds a PDF from object bodies, computing the cross-reference table.
#[derive(Default)]
pub struct PdfWriter {
    objects: Vec<Vec<u8>>,
}

impl PdfWriter {
    /// Reserves an object number (1-based) to fill in later with [`set`].
    pub fn reserve(&mut self) -> usize {
        self.objects.push(Vec::new());
        self.objects.len()
    }

    pub fn set(&mut self, n: usize, body: impl AsRef<[u8]>) {
        self.objects[n - 1] = body.as_ref().to_vec();
    }

    pub fn add(&mut self, body: impl AsRef<[u8]>) -> usize {
        let n = self.reserve();
        self.set(n, body);
        n
    }

    /// A stream object with `extra` dictionary entries.
    pub fn add_stream(&mut self, extra: &str, data: &[u8]) -> usize {
        let mut body = format!("<< /Length {} {extra} >>\nstream\n", data.len()).into_bytes();
        body.extend_from_slice(data);
        body.extend_from_slice(b"\nendstream");
        self.add(body)
    }

    /// The file, with `/Root root 0 R` and optionally `/Info`.
    pub fn finish(&self, root: usize, info: Option<usize>) -> Vec<u8> {
        let mut out = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in self.objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend_from_slice(format!("xref\n0 {}\n", self.objects.len() + 1).as_bytes());
        out.extend_from_slice(b"0000000000 65535 f \n");
        for off in offsets {
            out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
        }
        let info = info.map(|i| format!(" /Info {i} 0 R")).unwrap_or_default();
        out.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root {root} 0 R{info} >>\nstartxref\n{xref}\n%%EOF\n",
                self.objects.len() + 1
            )
            .as_bytes(),
        );
        out
    }
}

/// Escapes a PDF literal string.
pub fn pdf_string(s: &str) -> String {
    s.replace('\\', "\\\\").replace('(', "\\(").replace(')', "\\)")
}

/// A content stream writing `lines` in Helvetica 12 from the top left, one
/// per line (an empty line leaves a gap, as between paragraphs).
pub fn text_content(lines: &[&str]) -> Vec<u8> {
    let mut c = String::from("BT /F1 12 Tf 14 TL 72 740 Td\n");
    for line in lines {
        if line.is_empty() {
            c.push_str("T*\n");
        } else {
            c.push_str(&format!("({}) Tj T*\n", pdf_string(line)));
        }
    }
    c.push_str("ET\n");
    c.into_bytes()
}

/// A PDF whose pages have the given content streams, with Helvetica as /F1
/// and an Info dictionary holding `info` entries (e.g. `/Title (x)`).
pub fn pdf_with_pages(contents: &[Vec<u8>], info: Option<&str>) -> Vec<u8> {
    let mut w = PdfWriter::default();
    let catalog = w.reserve();
    let pages = w.reserve();
    let font = w.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
    let mut kids = Vec::new();
    for content in contents {
        let stream = w.add_stream("", content);
        kids.push(w.add(format!(
            "<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 612 792] \
             /Resources << /Font << /F1 {font} 0 R >> >> /Contents {stream} 0 R >>"
        )));
    }
    let kids_list: Vec<String> = kids.iter().map(|k| format!("{k} 0 R")).collect();
    w.set(pages, format!("<< /Type /Pages /Kids [{}] /Count {} >>", kids_list.join(" "), kids.len()));
    w.set(catalog, format!("<< /Type /Catalog /Pages {pages} 0 R >>"));
    let info = info.map(|i| w.add(format!("<< {i} >>")));
    w.finish(catalog, info)
}

/// The made-up statement used by the good hand-made PDF: a hyphenated line
/// end, a paragraph gap and a second page.
pub fn statement_pdf() -> Vec<u8> {
    let page1 = text_content(&[
        "On 11 April 2017 the police in Eastport detained the secretary of the dock-",
        "workers' union, Mirela Vant, at the gates of the container terminal. Her organ-",
        "isation said that she was held without charge for three days.",
        "",
        "The union called for her release in a public letter.",
    ]);
    let page2 = text_content(&["A court in Eastport later ordered two months of detention."]);
    pdf_with_pages(
        &[page1, page2],
        Some("/Title (Union secretary detained in Eastport) /CreationDate (D:20170411093000+02'00') /Producer (hand)"),
    )
}
