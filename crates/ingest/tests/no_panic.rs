//! Property tests: arbitrary bytes and HTML-ish soup never panic, and accepted text is never blank.

mod common;

use dossier_ingest::{detect, read_bytes, Format, Limits};
use proptest::prelude::*;

const NAMES: [&str; 6] = ["a.txt", "a.md", "a.html", "a.pdf", "a.bin", ""];

fn check(name: &str, bytes: &[u8]) -> Result<(), TestCaseError> {
    if let Ok(doc) = read_bytes(name, bytes, &Limits::default()) {
        prop_assert!(
            doc.text.chars().any(|c| !c.is_whitespace() && c != '\u{feff}'),
            "blank text accepted: {:?}",
            doc.text
        );
        prop_assert_eq!(doc.sha256.len(), 64);
        prop_assert_eq!(doc.format, detect(name, bytes));
        if matches!(doc.format, Format::Text | Format::Markdown) {
            prop_assert_eq!(doc.text.as_bytes(), bytes);
        }
    }
    Ok(())
}

/// Fragments that exercise the HTML tokenizer and tree rules.
fn html_token() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "<p>",
            "</p>",
            "<div>",
            "</div>",
            "<br>",
            "</br>",
            "<li>",
            "<ul>",
            "</ul>",
            "<table>",
            "<tr>",
            "<td>",
            "</table>",
            "<b>",
            "</b>",
            "<i>",
            "</i>",
            "<a href=x>",
            "</a>",
            "<script>",
            "</script>",
            "<style>",
            "</style>",
            "<noscript>",
            "<title>",
            "</title>",
            "<svg>",
            "</svg>",
            "<math>",
            "<![CDATA[",
            "]]>",
            "<!--",
            "-->",
            "<pre>",
            "</pre>",
            "<article>",
            "</article>",
            "<main>",
            "</main>",
            "<nav>",
            "</nav>",
            "<header>",
            "</header>",
            "<footer>",
            "<form>",
            "</form>",
            "<h1>",
            "</h1>",
            "<textarea>",
            "<plaintext>",
            "<template>",
            "<select><option>",
            "<time datetime=2017-04-11>",
            "<meta name=date content=2017-04>",
            "<meta property=og:title content='T'>",
            "<script type=application/ld+json>{\"datePublished\":\"2019-01-02\"}</script>",
            "<!doctype html>",
            "<html>",
            "<body>",
            "</body>",
            "<head>",
            "&amp;",
            "&#0;",
            "&#x110000;",
            "&nbsp;",
            "\u{ad}",
            "\u{feff}",
            "\0",
            "\r\n",
            " ",
            "\t",
            "<",
            ">",
            "&",
            "\"",
            "'",
            "<div hidden>",
            "<span style=display:none>",
            "<div role=navigation>",
        ])
        .prop_map(str::to_string),
        "[a-zA-Z0-9 .,\u{e9}\u{4e2d}]{0,12}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048), name in prop::sample::select(NAMES.to_vec())) {
        check(name, &bytes)?;
    }

    #[test]
    fn arbitrary_strings(s in "\\PC{0,600}", name in prop::sample::select(NAMES.to_vec())) {
        check(name, s.as_bytes())?;
    }

    #[test]
    fn html_soup(tokens in prop::collection::vec(html_token(), 0..200)) {
        let soup = tokens.concat();
        check("soup.html", soup.as_bytes())?;
        // And detected from content, whatever the name.
        check("soup.txt", format!("<!doctype html>{soup}").as_bytes())?;
    }

    #[test]
    fn markdown_like(s in "(#{0,3} |\\*\\*|\\[a\\]\\(b\\)|```|- |> |[a-z ]{1,10}|\n){0,60}") {
        check("notes.md", s.as_bytes())?;
        check("notes.txt", s.as_bytes())?;
    }

    #[test]
    fn corrupted_pdf(edits in prop::collection::vec((any::<usize>(), any::<u8>()), 1..8), cut in any::<usize>()) {
        let mut pdf = common::statement_pdf();
        for (at, byte) in edits {
            let at = at % pdf.len();
            pdf[at] = byte;
        }
        let keep = pdf.len() - cut % (pdf.len() / 4);
        check("doc.pdf", &pdf[..keep])?;
    }
}
