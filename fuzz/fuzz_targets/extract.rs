//! Arbitrary UTF-8 into `extract_document`: it must not panic, and everything it returns
//! must point where it says it does. Then the extraction goes through `resolve`, twice
//! over under two keys, so the cross-document path runs on the same input.

#![no_main]

use dossier_extract::{extract_document, resolve, DocExtraction, DocumentInput, DocumentRef, Span};
use libfuzzer_sys::fuzz_target;

fn check_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {span:?} out of bounds (len {})",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} not on char boundaries"
    );
}

fn check(text: &str, ex: &DocExtraction) {
    let n = ex.entities.len();
    for m in &ex.mentions {
        check_span(text, m.span, "mention");
        assert_eq!(m.text, &text[m.span.start..m.span.end], "mention text differs from its span");
        assert!(m.entity < n, "mention entity {} >= {n}", m.entity);
    }
    for e in &ex.events {
        check_span(text, e.source, "event source");
        assert_eq!(e.quote, &text[e.source.start..e.source.end], "event quote differs from its span");
        for p in &e.participants {
            assert!(p.entity < n, "participant {} >= {n}", p.entity);
        }
        if let Some(p) = e.place {
            assert!(p < n, "place {p} >= {n}");
        }
    }
    for s in &ex.sections {
        check_span(text, s.span, "section");
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let ex = extract_document(&DocumentInput { text, title: None, published: None });
    check(text, &ex);

    let record = resolve(&[DocumentRef { key: 1, extraction: &ex }, DocumentRef { key: 2, extraction: &ex }], &[]);
    let n = record.entities.len();
    for e in &record.events {
        assert!(e.participants.iter().all(|p| p.entity < n), "record participant out of range");
        assert!(e.place.is_none_or(|p| p < n), "record place out of range");
        for c in &e.sources {
            check_span(text, c.span, "claim");
            assert_eq!(c.quote, &text[c.span.start..c.span.end], "claim quote differs from its span");
        }
    }
    for c in &record.conflicts {
        let ev = record.events.get(c.event).expect("conflict names an event that exists");
        assert!(c.values.iter().flat_map(|v| &v.claims).all(|&k| k < ev.sources.len()), "conflict claim out of range");
    }
});
