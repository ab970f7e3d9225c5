//! Documents: their rows, text and extractions, and full-text search over the text.

use dossier_extract::{DocExtraction, Edtf};
use serde::{Deserialize, Serialize};

use crate::convert::{edtf_to_sql, now_rfc3339, sql_to_edtf, sql_to_u64, usize_to_sql};
use crate::db::{vals, Db, Row, Val};
use crate::error::{Error, Result};
use crate::{bump_generation, Store};

/// A document to store: what ingestion read from one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDocument {
    pub path: String,
    pub title: Option<String>,
    pub published: Option<Edtf>,
    /// Hex SHA-256 of the file's bytes: the document's identity.
    pub sha256: String,
    /// The format it was read as (`html`, `pdf`, `txt`, ...).
    pub format: String,
    /// The extracted plain text every span points into.
    pub text: String,
    pub confidential: bool,
}

/// A stored document, without its text (see [`Store::document_text`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredDocument {
    pub id: u64,
    pub path: String,
    pub title: Option<String>,
    pub published: Option<Edtf>,
    pub sha256: String,
    pub format: String,
    /// Length of the stored text in UTF-8 bytes.
    pub byte_len: u64,
    pub confidential: bool,
    /// When it was stored, RFC 3339 UTC (`2024-05-01T12:34:56Z`).
    pub ingested_at: String,
}

/// What [`Store::insert_document`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Inserted {
    /// The document was stored under this id.
    New(u64),
    /// A document with the same sha256 was already stored under this id; nothing was written.
    Unchanged(u64),
}

impl Inserted {
    pub fn id(self) -> u64 {
        match self {
            Inserted::New(id) | Inserted::Unchanged(id) => id,
        }
    }
    pub fn is_new(self) -> bool {
        matches!(self, Inserted::New(_))
    }
}

const DOCUMENT_COLUMNS: &str = "id, path, title, published, sha256, format, byte_len, confidential, ingested_at";

fn read_document(row: &Row) -> Result<StoredDocument> {
    Ok(StoredDocument {
        id: sql_to_u64(row.i64(0)?, "document id")?,
        path: row.text(1)?,
        title: row.opt_text(2)?,
        published: row.opt_text(3)?.as_deref().map(sql_to_edtf).transpose()?,
        sha256: row.text(4)?,
        format: row.text(5)?,
        byte_len: sql_to_u64(row.i64(6)?, "byte length")?,
        confidential: row.bool(7)?,
        ingested_at: row.text(8)?,
    })
}

/// Serialises an extraction, making sure it reads back (a value that would not, such as a
/// date outside EDTF, is refused here rather than breaking every later read).
fn encode_extraction(extraction: &DocExtraction) -> Result<String> {
    let json = serde_json::to_string(extraction)?;
    serde_json::from_str::<DocExtraction>(&json)?;
    Ok(json)
}

fn decode_extraction(doc_id: u64, json: &str) -> Result<DocExtraction> {
    serde_json::from_str(json).map_err(|e| Error::Corrupt(format!("extraction of document {doc_id}: {e}")))
}

pub(crate) fn read_extractions(db: &Db) -> Result<Vec<(u64, DocExtraction)>> {
    read_extractions_after(db, 0)
}

/// The extractions of the documents with an id above `after`, ordered by id.
pub(crate) fn read_extractions_after(db: &Db, after: u64) -> Result<Vec<(u64, DocExtraction)>> {
    let after = i64::try_from(after).unwrap_or(i64::MAX);
    let rows =
        db.query("SELECT doc_id, extraction_json FROM extractions WHERE doc_id > ?1 ORDER BY doc_id", vals![after])?;
    rows.iter()
        .map(|row| {
            let id = sql_to_u64(row.i64(0)?, "document id")?;
            Ok((id, decode_extraction(id, &row.text(1)?)?))
        })
        .collect()
}

/// A document id as SQL, or `None` for one too large to have been stored.
fn id_param(id: u64) -> Option<i64> {
    i64::try_from(id).ok()
}

/// The advisory lock key of a claim: the first 64 bits of the sha256 (any other text hashed),
/// a space the store's own write lock is one value of.
fn claim_key(sha256: &str) -> i64 {
    match sha256.get(..16).and_then(|h| u64::from_str_radix(h, 16).ok()) {
        Some(bits) => i64::from_ne_bytes(bits.to_ne_bytes()),
        None => {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            sha256.hash(&mut h);
            i64::from_ne_bytes(h.finish().to_ne_bytes())
        }
    }
}

/// Marks the start of a hit in the snippets of [`Store::search_documents_any`] (a
/// private-use character).
pub const HIT_START: &str = "\u{E000}";
/// Marks the end of a hit in the snippets of [`Store::search_documents_any`].
pub const HIT_END: &str = "\u{E001}";

/// An FTS5 query in which every group must match and any form of a group will do:
/// `[["Kushakbayev", "Kushakbaev"], ["strike"]]` → `("Kushakbayev" OR "Kushakbaev") AND "strike"`.
/// Every form is quoted, so no input is a syntax error.
pub(crate) fn fts_query_any(groups: &[Vec<String>]) -> Option<String> {
    let parts: Vec<String> = groups
        .iter()
        .filter_map(|forms| {
            let quoted: Vec<String> = forms
                .iter()
                .map(|f| f.replace('\0', " "))
                .filter(|f| !f.trim().is_empty())
                .map(|f| format!("\"{}\"", f.replace('"', "\"\"")))
                .collect();
            match quoted.len() {
                0 => None,
                1 => quoted.into_iter().next(),
                _ => Some(format!("({})", quoted.join(" OR "))),
            }
        })
        .collect();
    // An explicit AND: FTS5 takes `"a" "b"` as an implicit AND but refuses `("a" OR "b") "c"`.
    (!parts.is_empty()).then(|| parts.join(" AND "))
}

impl Store {
    /// The id of the document with this sha256, if stored.
    pub fn contains_sha(&self, sha256: &str) -> Result<Option<u64>> {
        let row = self.db.query_opt("SELECT id FROM documents WHERE sha256 = ?1", vals![sha256])?;
        row.map(|r| sql_to_u64(r.i64(0)?, "document id")).transpose()
    }

    /// Claims the document with this sha256 for this handle while it extracts it, so that
    /// other processes ingesting the same files pass it by instead of extracting it too:
    /// `false` when another handle holds the claim (and, `wait`ing, once it let go). On
    /// PostgreSQL a claim is a session advisory lock, let go by [`Store::release`] or when
    /// the process ends, however it ends; on SQLite every claim succeeds. A claim is only a
    /// way to share the work: the unique sha256 is what keeps a document from being stored
    /// twice.
    pub fn claim(&self, sha256: &str, wait: bool) -> Result<bool> {
        if !self.db.is_postgres() {
            return Ok(true);
        }
        let key = claim_key(sha256);
        if wait {
            self.db.query("SELECT pg_advisory_lock(?1)::text", vals![key])?;
            return Ok(true);
        }
        self.db.query_one("SELECT pg_try_advisory_lock(?1)", vals![key])?.bool(0)
    }

    /// Lets go of a claim taken by [`Store::claim`].
    pub fn release(&self, sha256: &str) -> Result<()> {
        if self.db.is_postgres() {
            self.db.query("SELECT pg_advisory_unlock(?1)", vals![claim_key(sha256)])?;
        }
        Ok(())
    }

    /// Stores a document with its text, full-text row and extraction, in one transaction,
    /// and marks the record stale. A document whose sha256 is already stored is left alone
    /// and reported as [`Inserted::Unchanged`], also when another handle stores it first.
    pub fn insert_document(
        &mut self,
        doc: &NewDocument,
        extraction: &DocExtraction,
        extractor_version: u32,
    ) -> Result<Inserted> {
        // Cheap path for re-ingestion: no write lock for a document already there.
        if let Some(id) = self.contains_sha(&doc.sha256)? {
            return Ok(Inserted::Unchanged(id));
        }
        self.insert_unless_present(doc, extraction, extractor_version)
    }

    /// The transactional part of [`Store::insert_document`], which settles the race with
    /// another handle inserting the same document.
    fn insert_unless_present(
        &mut self,
        doc: &NewDocument,
        extraction: &DocExtraction,
        extractor_version: u32,
    ) -> Result<Inserted> {
        let published = doc.published.as_ref().map(edtf_to_sql).transpose()?;
        let byte_len = usize_to_sql(doc.text.len(), "document length")?;
        let json = encode_extraction(extraction)?;
        let now = now_rfc3339();

        let tx = self.db.write_tx()?;
        let row = tx.query_opt(
            "INSERT INTO documents \
             (path, title, published, sha256, format, byte_len, confidential, ingested_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) \
             ON CONFLICT (sha256) DO NOTHING RETURNING id",
            vals![
                &doc.path,
                doc.title.as_deref(),
                published,
                &doc.sha256,
                &doc.format,
                byte_len,
                doc.confidential,
                &now
            ],
        )?;
        let Some(row) = row else {
            // Stored by another handle since the check above; the transaction rolls back.
            let id = tx.query_one("SELECT id FROM documents WHERE sha256 = ?1", vals![&doc.sha256])?.i64(0)?;
            return Ok(Inserted::Unchanged(sql_to_u64(id, "document id")?));
        };
        let id = row.i64(0)?;
        // PostgreSQL indexes the text in a generated column; SQLite's FTS5 table is written here.
        tx.execute("INSERT INTO document_texts (doc_id, text) VALUES (?1, ?2)", vals![id, &doc.text])?;
        if !tx.is_postgres() {
            tx.execute("INSERT INTO documents_fts (rowid, text) VALUES (?1, ?2)", vals![id, &doc.text])?;
        }
        tx.execute(
            "INSERT INTO extractions (doc_id, extractor_version, extraction_json, extracted_at) \
             VALUES (?1, ?2, ?3, ?4)",
            vals![id, extractor_version, json, &now],
        )?;
        bump_generation(&tx)?;
        tx.commit()?;
        Ok(Inserted::New(sql_to_u64(id, "document id")?))
    }

    /// Every stored document, ordered by id.
    pub fn documents(&self) -> Result<Vec<StoredDocument>> {
        let rows = self.db.query(&format!("SELECT {DOCUMENT_COLUMNS} FROM documents ORDER BY id"), &[])?;
        rows.iter().map(read_document).collect()
    }

    pub fn document(&self, id: u64) -> Result<Option<StoredDocument>> {
        let Some(id) = id_param(id) else {
            return Ok(None);
        };
        let row = self.db.query_opt(&format!("SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id = ?1"), vals![id])?;
        row.as_ref().map(read_document).transpose()
    }

    /// The stored text of a document, which every span of its extraction points into.
    pub fn document_text(&self, id: u64) -> Result<Option<String>> {
        let Some(id) = id_param(id) else {
            return Ok(None);
        };
        self.db
            .query_opt("SELECT text FROM document_texts WHERE doc_id = ?1", vals![id])?
            .map(|r| r.text(0))
            .transpose()
    }

    /// Every document's extraction, ordered by document id.
    pub fn extractions(&self) -> Result<Vec<(u64, DocExtraction)>> {
        read_extractions(&self.db)
    }

    /// One document's extraction and the extractor version that made it.
    pub fn extraction(&self, id: u64) -> Result<Option<(DocExtraction, u32)>> {
        let Some(sql_id) = id_param(id) else {
            return Ok(None);
        };
        let row = self
            .db
            .query_opt("SELECT extraction_json, extractor_version FROM extractions WHERE doc_id = ?1", vals![sql_id])?;
        row.map(|r| Ok((decode_extraction(id, &r.text(0)?)?, r.u32(1)?))).transpose()
    }

    /// Ids of the documents whose extraction was made by another extractor version (or is
    /// missing), ordered by id: the ones to re-extract.
    pub fn stale_extractions(&self, current_version: u32) -> Result<Vec<u64>> {
        // Two scans that read no extraction row: the documents' ids and the version index
        // (a join reads every extraction row for its version, and the rows are large: most
        // of what checking a 100,000-document store before an ingest cost).
        let rows = self.db.query(
            "SELECT id FROM documents EXCEPT \
             SELECT doc_id FROM extractions WHERE extractor_version = ?1 ORDER BY 1",
            vals![current_version],
        )?;
        rows.iter().map(|r| sql_to_u64(r.i64(0)?, "document id")).collect()
    }

    /// Replaces a document's extraction (after the extractor changed) and marks the record
    /// stale.
    pub fn replace_extraction(&mut self, id: u64, extraction: &DocExtraction, version: u32) -> Result<()> {
        let sql_id = id_param(id).ok_or(Error::NoSuchDocument(id))?;
        let json = encode_extraction(extraction)?;
        let now = now_rfc3339();
        let tx = self.db.write_tx()?;
        if tx.query_opt("SELECT id FROM documents WHERE id = ?1", vals![sql_id])?.is_none() {
            return Err(Error::NoSuchDocument(id));
        }
        tx.execute(
            "INSERT INTO extractions (doc_id, extractor_version, extraction_json, extracted_at) \
             VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT (doc_id) DO UPDATE SET extractor_version = excluded.extractor_version, \
             extraction_json = excluded.extraction_json, extracted_at = excluded.extracted_at",
            vals![sql_id, version, json, now],
        )?;
        bump_generation(&tx)?;
        tx.commit()?;
        Ok(())
    }

    /// Full-text search over document text: up to `limit` (document id, snippet) pairs, best
    /// match first. Every whitespace-separated term of `query` must occur (as a word or
    /// phrase, case and diacritics ignored); FTS operators in it are taken literally, so no
    /// input is a syntax error. The snippet marks hits with `[` and `]` and elisions with `…`.
    /// (On PostgreSQL diacritics count, and the snippet is `ts_headline`'s.)
    pub fn search_documents(&self, query: &str, limit: usize) -> Result<Vec<(u64, String)>> {
        let groups: Vec<Vec<String>> = query
            .split(|c: char| c.is_whitespace() || c == '\0')
            .filter(|t| !t.is_empty())
            .map(|t| vec![t.to_string()])
            .collect();
        self.search(&groups, limit, "[", "]")
    }

    /// Full-text search where each group of forms must occur and any one form of a group
    /// will do (spellings of one name); otherwise as [`Store::search_documents`], except
    /// that the snippet marks hits with [`HIT_START`] and [`HIT_END`], characters no report
    /// contains, so that a page can mark them without mistaking the text's own brackets.
    pub fn search_documents_any(&self, groups: &[Vec<String>], limit: usize) -> Result<Vec<(u64, String)>> {
        self.search(groups, limit, HIT_START, HIT_END)
    }

    fn search(&self, groups: &[Vec<String>], limit: usize, open: &str, close: &str) -> Result<Vec<(u64, String)>> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        match &self.db {
            Db::Sqlite(_) => match fts_query_any(groups) {
                Some(fts) => self.run_fts(&fts, limit, open, close),
                None => Ok(Vec::new()),
            },
            Db::Postgres(_) => self.run_tsquery(groups, limit, open, close),
        }
    }

    fn run_fts(&self, fts: &str, limit: i64, open: &str, close: &str) -> Result<Vec<(u64, String)>> {
        // Rank first, then make snippets for the hits kept: SQLite would otherwise build a
        // snippet for every matching row before sorting, which for a common word is most
        // of the collection.
        let ids: Vec<i64> = self
            .db
            .query(
                "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?1 \
                 ORDER BY bm25(documents_fts), rowid LIMIT ?2",
                vals![fts, limit],
            )?
            .iter()
            .map(|r| r.i64(0))
            .collect::<Result<_>>()?;
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        // One more pass over the matches, making snippets only for the ranked rows.
        let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        let rows = self.db.query(
            "SELECT rowid, snippet(documents_fts, 0, ?3, ?4, '…', 16) FROM documents_fts \
             WHERE documents_fts MATCH ?1 AND rowid IN (SELECT value FROM json_each(?2))",
            vals![fts, format!("[{list}]"), open, close],
        )?;
        let mut snippets = std::collections::HashMap::new();
        for r in &rows {
            snippets.insert(r.i64(0)?, r.text(1)?);
        }
        ids.into_iter()
            .map(|id| Ok((sql_to_u64(id, "document id")?, snippets.remove(&id).unwrap_or_default())))
            .collect()
    }

    /// PostgreSQL's search: each form a phrase (`phraseto_tsquery`), the forms of a group
    /// ORed, the groups ANDed, ranked by `ts_rank` and cut to `limit` before `ts_headline`
    /// makes snippets for the hits kept.
    fn run_tsquery(&self, groups: &[Vec<String>], limit: i64, open: &str, close: &str) -> Result<Vec<(u64, String)>> {
        let mut params: Vec<Val> = vec![Val::Int(limit), Val::Text(headline_options(open, close))];
        let mut parts = Vec::new();
        for forms in groups {
            let mut alternatives = Vec::new();
            for form in forms.iter().map(|f| f.replace('\0', " ")).filter(|f| !f.trim().is_empty()) {
                params.push(Val::Text(form));
                alternatives.push(format!("phraseto_tsquery('simple', ?{})", params.len()));
            }
            if !alternatives.is_empty() {
                parts.push(format!("({})", alternatives.join(" || ")));
            }
        }
        if parts.is_empty() {
            return Ok(Vec::new());
        }
        // A form of punctuation only is an empty query, which matches nothing, as in FTS5.
        let sql = format!(
            "WITH q AS (SELECT {} AS q), \
             hits AS (SELECT t.doc_id, t.text, ts_rank(t.tsv, q.q) AS rank FROM document_texts t, q \
                      WHERE t.tsv @@ q.q ORDER BY rank DESC, t.doc_id LIMIT ?1) \
             SELECT hits.doc_id, ts_headline('simple', hits.text, q.q, ?2) FROM hits, q \
             ORDER BY hits.rank DESC, hits.doc_id",
            parts.join(" && ")
        );
        let rows = self.db.query(&sql, &params)?;
        rows.iter().map(|r| Ok((sql_to_u64(r.i64(0)?, "document id")?, r.text(1)?))).collect()
    }
}

/// `ts_headline` options for a snippet of about 16 words with hits between `open` and `close`.
fn headline_options(open: &str, close: &str) -> String {
    format!("StartSel=\"{open}\", StopSel=\"{close}\", MaxWords=16, MinWords=8, ShortWord=0, MaxFragments=1, FragmentDelimiter=\"…\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn losing_the_insert_race_is_unchanged_and_writes_nothing() {
        let doc = NewDocument {
            path: "a.txt".into(),
            title: None,
            published: None,
            sha256: "abc".into(),
            format: "txt".into(),
            text: "some text".into(),
            confidential: false,
        };
        let mut store = Store::open_in_memory().unwrap();
        let first = store.insert_document(&doc, &DocExtraction::default(), 1).unwrap();
        let generation = store.generation().unwrap();
        // As if another handle had inserted it between the check and the transaction.
        let second = store.insert_unless_present(&doc, &DocExtraction::default(), 2).unwrap();
        assert_eq!(second, Inserted::Unchanged(first.id()));
        assert_eq!(store.generation().unwrap(), generation);
        assert_eq!(store.documents().unwrap().len(), 1);
        assert_eq!(store.extraction(first.id()).unwrap().unwrap().1, 1);
        store.check_integrity().unwrap();
    }

    #[test]
    fn fts_alternatives_are_grouped_and_quoted() {
        let g = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(fts_query_any(&[]), None);
        assert_eq!(fts_query_any(&[g(&[" "])]), None);
        assert_eq!(fts_query_any(&[g(&["a", "b\""]), g(&["c"])]), Some("(\"a\" OR \"b\"\"\") AND \"c\"".into()));
    }

    #[test]
    fn search_finds_any_spelling_of_a_term() {
        let mut store = Store::open_in_memory().unwrap();
        for (i, text) in
            ["Anna Petrova was detained.", "Анна Петрова была задержана.", "Nothing here."].iter().enumerate()
        {
            let doc = NewDocument {
                path: format!("{i}.txt"),
                title: None,
                published: None,
                sha256: format!("{i}"),
                format: "txt".into(),
                text: text.to_string(),
                confidential: false,
            };
            store.insert_document(&doc, &DocExtraction::default(), 1).unwrap();
        }
        let forms = vec![vec!["Petrova".to_string(), "Петрова".to_string()]];
        let hits: Vec<u64> = store.search_documents_any(&forms, 10).unwrap().into_iter().map(|h| h.0).collect();
        assert_eq!(hits.len(), 2, "{hits:?}");
        assert!(store.search_documents_any(&[vec!["Petrov".into()]], 10).unwrap().is_empty());
    }
}
