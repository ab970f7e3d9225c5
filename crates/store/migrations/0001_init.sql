-- 0001: documents, their text, their extractions, the full-text index and bookkeeping.
--
-- Kept close to portable SQL so a PostgreSQL backend can share the schema: there, INTEGER ids
-- become BIGINT identity columns, confidential becomes BOOLEAN, and documents_fts becomes a
-- tsvector column with a GIN index.

CREATE TABLE documents (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    path         TEXT NOT NULL,
    title        TEXT,
    published    TEXT,
    sha256       TEXT NOT NULL UNIQUE,
    format       TEXT NOT NULL,
    byte_len     INTEGER NOT NULL,
    confidential INTEGER NOT NULL DEFAULT 0 CHECK (confidential IN (0, 1)),
    ingested_at  TEXT NOT NULL
);

-- Kept apart from documents so listing documents never reads their text.
CREATE TABLE document_texts (
    doc_id INTEGER PRIMARY KEY REFERENCES documents (id),
    text   TEXT NOT NULL
);

-- One row per document: the serde JSON of its DocExtraction and the extractor that made it.
CREATE TABLE extractions (
    doc_id            INTEGER PRIMARY KEY REFERENCES documents (id),
    extractor_version INTEGER NOT NULL,
    extraction_json   TEXT NOT NULL,
    extracted_at      TEXT NOT NULL
);
CREATE INDEX extractions_version ON extractions (extractor_version);

-- External-content index over document_texts; rows are written by the store in the same
-- transaction as the document.
CREATE VIRTUAL TABLE documents_fts USING fts5 (
    text,
    content = 'document_texts',
    content_rowid = 'doc_id',
    tokenize = 'unicode61 remove_diacritics 2'
);

-- Counters: documents_generation is bumped by every change that invalidates the record;
-- record_generation is the documents_generation the saved record was built from.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO meta (key, value) VALUES ('documents_generation', '0');
