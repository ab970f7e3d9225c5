//! Pure extraction and resolution: report text in, sourced record out.
//!
//! This crate does no I/O and never panics on any input. [`extract_document`] reads one
//! document on its own (so documents can be processed in parallel, on any batch engine);
//! [`resolve`] joins every document's extraction into one [`Record`], and a [`Resolver`]
//! keeps a resolution's state so that more documents can be absorbed into it later.

pub mod conflict;
pub mod date;
pub mod dates;
mod document;
pub mod entities;
pub mod events;
pub mod lexicon;
pub mod model;
pub mod names;
mod pages;
pub mod quantity;
mod resolve;
mod small;
pub mod status;
pub mod text;

pub use date::{CalDate, Edtf};
pub use model::*;
pub use pages::{PageId, PageSource, StatePage};
pub use resolve::{Absorbed, Change, Judgement, Resolver, Stale, RESOLVER_VERSION};

/// What the extractor is given about one document besides its text.
#[derive(Debug, Clone, Default)]
pub struct DocumentInput<'a> {
    pub text: &'a str,
    /// A title from the format's metadata (HTML `<title>`, PDF info), if any.
    pub title: Option<&'a str>,
    /// A publication date from the format's metadata, if any; wins over the text.
    pub published: Option<Edtf>,
}

/// Bumped whenever a change to the extractor changes its output, so stores know to re-extract.
pub const EXTRACTOR_VERSION: u32 = 4;

/// Reads one document: entities, mentions, dated sections and events with their passages.
pub fn extract_document(input: &DocumentInput<'_>) -> DocExtraction {
    document::extract(input)
}

/// One document's extraction, keyed by the store's document id.
#[derive(Debug, Clone, Copy)]
pub struct DocumentRef<'a> {
    pub key: u64,
    pub extraction: &'a DocExtraction,
}

/// Joins every document's extraction into one record; human judgements win over the rules.
pub fn resolve(docs: &[DocumentRef<'_>], judgements: &[Judgement]) -> Record {
    resolve::resolve(docs, judgements)
}
