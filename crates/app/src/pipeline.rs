//! The ingestion pipeline: files → text (ingest) → claimed (so that processes sharing a
//! PostgreSQL server split the files) → extraction (in parallel) → store (one
//! transaction per document) → record (the saved resolver state absorbs the new documents,
//! or every document is resolved again).

use std::collections::HashSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::Context;
use dossier_extract::{
    DocExtraction, DocumentInput, DocumentRef, Edtf, Judgement, Record, Resolver, EXTRACTOR_VERSION, RESOLVER_VERSION,
};
use dossier_ingest::{Ingested, Limits};
use dossier_store::{Inserted, JudgementKind, NewDocument, RecordPatch, RecordUpdate, ResolverState, Store};
use rayon::prelude::*;

#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    pub limits: Limits,
    pub confidential: bool,
}

/// What a batch did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub new: usize,
    pub unchanged: usize,
    pub refused: usize,
    pub entities: u64,
    pub events: u64,
    pub conflicts: u64,
}

impl Summary {
    /// The one-line summary printed at the end of a batch.
    pub fn line(&self) -> String {
        format!(
            "documents: {} new, {} unchanged, {} refused; record: {} events, {} entities, {} conflicts",
            self.new, self.unchanged, self.refused, self.events, self.entities, self.conflicts
        )
    }
}

/// Whether to draw a progress bar: only on a terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    Bar,
    Quiet,
}

impl Progress {
    pub fn auto() -> Self {
        if std::io::stderr().is_terminal() {
            Progress::Bar
        } else {
            Progress::Quiet
        }
    }
}

/// Every file under the given paths, folders read recursively, in a stable order. Paths
/// that cannot be read are returned as refusals.
pub fn collect_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<(PathBuf, String)>) {
    let mut files = Vec::new();
    let mut refused = Vec::new();
    for p in paths {
        match std::fs::metadata(p) {
            Err(e) => refused.push((p.clone(), format!("cannot read: {}", io_reason(&e)))),
            Ok(m) if m.is_dir() => {
                let mut found: Vec<PathBuf> = Vec::new();
                // Links are followed (walkdir stops at loops), so a linked report is read, not
                // silently skipped.
                for entry in walkdir::WalkDir::new(p).follow_links(true).sort_by_file_name() {
                    match entry {
                        Ok(e) if e.file_type().is_file() => found.push(e.into_path()),
                        Ok(_) => {}
                        Err(e) => {
                            let path = e.path().map(Path::to_path_buf).unwrap_or_else(|| p.clone());
                            let reason = e.io_error().map(io_reason).unwrap_or_else(|| "cannot read".into());
                            refused.push((path, format!("cannot read: {reason}")));
                        }
                    }
                }
                // Hidden files (".DS_Store", editor swap files) are not reports.
                found.retain(|f| !f.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.')));
                files.extend(found);
            }
            Ok(_) => files.push(p.clone()),
        }
    }
    (files, refused)
}

/// A path as one line: control characters (a newline in a file name) are escaped, so
/// every refusal stays one line that no file name can forge.
pub fn shown(path: &Path) -> String {
    path.display()
        .to_string()
        .chars()
        .flat_map(|c| if c.is_control() { c.escape_default().collect::<Vec<_>>() } else { vec![c] })
        .collect()
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string().to_lowercase(),
    }
}

/// Reads one file; `None` when the same bytes are stored already.
fn read(path: &Path, options: &IngestOptions, known: &HashSet<String>) -> Result<Option<Ingested>, String> {
    let ingested: Ingested = dossier_ingest::read_path(path, &options.limits).map_err(|e| e.to_string())?;
    Ok((!known.contains(&ingested.sha256)).then_some(ingested))
}

/// Extracts one file read, ready to store.
fn prepare(path: &Path, ingested: Ingested, options: &IngestOptions) -> (NewDocument, DocExtraction) {
    let published = ingested.published.as_deref().and_then(Edtf::parse);
    let extraction = dossier_extract::extract_document(&DocumentInput {
        text: &ingested.text,
        title: ingested.title.as_deref(),
        published,
    });
    let doc = NewDocument {
        path: path.display().to_string(),
        title: ingested.title.or_else(|| extraction.title.clone()),
        published,
        sha256: ingested.sha256,
        format: ingested.format.as_str().to_string(),
        text: ingested.text,
        confidential: options.confidential,
    };
    (doc, extraction)
}

/// How many files are read and extracted in parallel before they are stored.
const CHUNK: usize = 64;

/// Ingests files and folders: each document goes in whole or not at all; a refused file
/// is reported on stderr as one line and the batch goes on; the record is rebuilt at the end.
pub fn ingest(
    store: &mut Store,
    paths: &[PathBuf],
    options: &IngestOptions,
    progress: Progress,
) -> anyhow::Result<Summary> {
    let (files, unreadable) = collect_files(paths);
    let mut summary = Summary::default();
    for (path, why) in &unreadable {
        eprintln!("refused {}: {why}", shown(path));
        summary.refused += 1;
    }
    refresh_stale_extractions(store)?;
    let bar = match progress {
        Progress::Bar => {
            let b = indicatif::ProgressBar::new(files.len() as u64);
            b.set_style(
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} documents {msg}")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            Some(b)
        }
        Progress::Quiet => None,
    };
    // Files already stored (same bytes) are skipped before the costly extraction.
    let known: HashSet<String> = store.documents()?.into_iter().map(|d| d.sha256).collect();
    let refuse = |summary: &mut Summary, path: &Path, why: String| {
        let line = format!("refused {}: {why}", shown(path));
        match &bar {
            Some(b) => b.println(line),
            None => eprintln!("{line}"),
        }
        summary.refused += 1;
    };
    let tick = || {
        if let Some(b) = &bar {
            b.inc(1);
        }
    };
    // Files another process (on a shared PostgreSQL) was extracting when this one came to
    // them: passed by, and taken up again at the end.
    let mut deferred: Vec<(PathBuf, String)> = Vec::new();
    for chunk in files.chunks(CHUNK) {
        let read: Vec<(PathBuf, Result<Option<Ingested>, String>)> =
            chunk.par_iter().map(|p| (p.clone(), read(p, options, &known))).collect();
        let mut claimed = Vec::new();
        for (path, result) in read {
            match result {
                Ok(None) => {
                    summary.unchanged += 1;
                    tick();
                }
                Ok(Some(ingested)) => {
                    if store.contains_sha(&ingested.sha256)?.is_some() {
                        summary.unchanged += 1;
                        tick();
                    } else if store.claim(&ingested.sha256, false)? {
                        claimed.push((path, ingested));
                    } else {
                        deferred.push((path, ingested.sha256));
                    }
                }
                Err(why) => {
                    refuse(&mut summary, &path, why);
                    tick();
                }
            }
        }
        let prepared: Vec<(NewDocument, DocExtraction)> =
            claimed.into_par_iter().map(|(path, ingested)| prepare(&path, ingested, options)).collect();
        for (doc, extraction) in prepared {
            store_one(store, &mut summary, &doc, &extraction)?;
            store.release(&doc.sha256)?;
            tick();
        }
    }
    for (path, sha256) in deferred {
        // Waits for the other process to let go: it has stored the document, or gave up.
        store.claim(&sha256, true)?;
        if store.contains_sha(&sha256)?.is_some() {
            summary.unchanged += 1;
        } else {
            match read(&path, options, &HashSet::new()) {
                Ok(Some(ingested)) => {
                    let (doc, extraction) = prepare(&path, ingested, options);
                    store_one(store, &mut summary, &doc, &extraction)?;
                }
                Ok(None) => summary.unchanged += 1,
                Err(why) => refuse(&mut summary, &path, why),
            }
        }
        store.release(&sha256)?;
        tick();
    }
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    if store.record_is_stale()? {
        refresh_record(store)?;
    }
    let counts = store.counts()?;
    summary.entities = counts.entities;
    summary.events = counts.events;
    summary.conflicts = counts.conflicts;
    Ok(summary)
}

/// Stores one extracted document and counts it.
fn store_one(
    store: &mut Store,
    summary: &mut Summary,
    doc: &NewDocument,
    extraction: &DocExtraction,
) -> anyhow::Result<()> {
    match store.insert_document(doc, extraction, EXTRACTOR_VERSION)? {
        Inserted::New(_) => summary.new += 1,
        Inserted::Unchanged(_) => summary.unchanged += 1,
    }
    Ok(())
}

/// Re-extracts documents stored by an older extractor, from their stored text.
fn refresh_stale_extractions(store: &mut Store) -> anyhow::Result<()> {
    let stale = store.stale_extractions(EXTRACTOR_VERSION)?;
    for id in stale {
        let Some(doc) = store.document(id)? else { continue };
        let Some(text) = store.document_text(id)? else { continue };
        let extraction = dossier_extract::extract_document(&DocumentInput {
            text: &text,
            title: doc.title.as_deref(),
            published: doc.published,
        });
        store.replace_extraction(id, &extraction, EXTRACTOR_VERSION)?;
    }
    Ok(())
}

/// The record as of now: the saved one when fresh, else brought up to date and saved.
pub fn current_record(store: &mut Store) -> anyhow::Result<Record> {
    if let Some(r) = store.load_record()? {
        return Ok(r);
    }
    match refresh_record(store)? {
        Refreshed::Whole(record) => Ok(record),
        // Patched in place: the saved record is the whole one (unless another process saved
        // a newer one meanwhile, which is as current).
        Refreshed::Patched => match store.load_saved_record()? {
            Some(r) => Ok(r),
            None => Ok(resolve_all(store)?),
        },
    }
}

/// How the saved record was brought up to date.
#[derive(Debug)]
pub enum Refreshed {
    /// Every document resolved again; the record saved whole.
    Whole(Record),
    /// The saved resolver state absorbed the additions; the changed rows were patched.
    Patched,
}

/// Brings the saved record up to date. The saved resolver state absorbs the documents added
/// since when it can (see [`absorb_additions`]); otherwise every document is resolved again.
/// Either way the record and the state are saved together, in one transaction.
pub fn refresh_record(store: &mut Store) -> anyhow::Result<Refreshed> {
    refresh_stale_extractions(store)?;
    if absorb_additions(store)? {
        return Ok(Refreshed::Patched);
    }
    Ok(Refreshed::Whole(resolve_all(store)?))
}

/// Resolves every document and saves the record whole with the new state (every page).
fn resolve_all(store: &mut Store) -> anyhow::Result<Record> {
    let snapshot = store.snapshot().context("cannot read the documents")?;
    let refs: Vec<DocumentRef<'_>> =
        snapshot.extractions.iter().map(|(key, extraction)| DocumentRef { key: *key, extraction }).collect();
    let mut resolver = Resolver::resolve(&refs, &judgements(&snapshot.judgements));
    let state = ResolverState {
        generation: snapshot.generation,
        last_document: snapshot.extractions.last().map_or(0, |(id, _)| *id),
        last_judgement: snapshot.judgements.last().map_or(0, |j| j.id),
        extractor_version: EXTRACTOR_VERSION,
        resolver_version: RESOLVER_VERSION,
        state: resolver.head(),
    };
    let record = resolver.record();
    let pages = resolver.pages(true);
    store.save_resolution(RecordUpdate::Whole(&record), &state, &pages)?;
    Ok(record)
}

/// Absorbs the documents and judgements added since into the saved resolver state, reading
/// only the pages they lead to, and saves the record rows they change with the changed pages;
/// `false` when the state cannot continue: missing, from another extractor or resolver, not
/// the saved record's, followed by a re-extraction, unreadable, stale (the new documents
/// change earlier decisions) or overtaken by another process's save.
fn absorb_additions(store: &mut Store) -> anyhow::Result<bool> {
    let Some(saved) = store.resolver_state()? else { return Ok(false) };
    if saved.extractor_version != EXTRACTOR_VERSION || saved.resolver_version != RESOLVER_VERSION {
        return Ok(false);
    }
    let Some(additions) = store.additions_since(&saved)? else { return Ok(false) };
    let Some(mut resolver) = Resolver::from_head(&saved.state) else { return Ok(false) };
    let refs: Vec<DocumentRef<'_>> =
        additions.extractions.iter().map(|(key, extraction)| DocumentRef { key: *key, extraction }).collect();
    let Ok(change) = resolver.absorb_from(store, &refs, &judgements(&additions.judgements))? else {
        return Ok(false);
    };
    let patch = RecordPatch {
        entities: change
            .entities
            .iter()
            .filter_map(|&(id, kept)| resolver.entity_from(id, kept).map(|e| (id, e, kept)))
            .collect(),
        events: change
            .events
            .iter()
            .filter_map(|&p| resolver.event_with_conflicts(p).map(|(e, c)| (p, e, c)))
            .collect(),
    };
    // Every changed row must be there, or the patched record would not be the whole one.
    if patch.entities.len() != change.entities.len() || patch.events.len() != change.events.len() {
        return Ok(false);
    }
    let state = ResolverState {
        generation: additions.generation,
        last_document: additions.last_document(saved.last_document),
        last_judgement: additions.last_judgement(saved.last_judgement),
        extractor_version: EXTRACTOR_VERSION,
        resolver_version: RESOLVER_VERSION,
        state: resolver.head(),
    };
    let pages = resolver.pages(false);
    Ok(store.save_resolution(RecordUpdate::Patch { patch: &patch, on: saved.generation }, &state, &pages)?)
}

fn judgements(stored: &[dossier_store::Judgement]) -> Vec<Judgement> {
    stored.iter().map(|j| Judgement { same: j.kind == JudgementKind::Same, a: j.a.clone(), b: j.b.clone() }).collect()
}

/// Who a record is shown to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Audience {
    /// Anyone: confidential documents are left out.
    Public,
    /// Holders of the token: every document.
    Trusted,
}

/// The record as `audience` may see it. For the public it is resolved from the documents
/// that are not confidential alone, so that nothing in it — a name, a merge, a date, a
/// conflict — comes from a confidential source.
pub fn record_for(store: &mut Store, audience: Audience) -> anyhow::Result<Record> {
    let full = current_record(store)?;
    if audience == Audience::Trusted {
        return Ok(full);
    }
    let hidden: HashSet<u64> = store.documents()?.into_iter().filter(|d| d.confidential).map(|d| d.id).collect();
    if hidden.is_empty() {
        return Ok(full);
    }
    let snapshot = store.snapshot().context("cannot read the documents")?;
    let refs: Vec<DocumentRef<'_>> = snapshot
        .extractions
        .iter()
        .filter(|(key, _)| !hidden.contains(key))
        .map(|(key, extraction)| DocumentRef { key: *key, extraction })
        .collect();
    let judgements: Vec<Judgement> = snapshot
        .judgements
        .iter()
        .map(|j| Judgement { same: j.kind == JudgementKind::Same, a: j.a.clone(), b: j.b.clone() })
        .collect();
    Ok(dossier_extract::resolve(&refs, &judgements))
}

/// Ingests one uploaded report from its bytes. The outer error is the store's; the inner
/// one is a refusal of the input (empty, binary, too large ...), said in one line.
pub fn ingest_bytes(
    store: &mut Store,
    name: &str,
    bytes: &[u8],
    options: &IngestOptions,
) -> anyhow::Result<Result<Inserted, String>> {
    let ingested = match dossier_ingest::read_bytes(name, bytes, &options.limits) {
        Ok(i) => i,
        Err(e) => return Ok(Err(e.to_string())),
    };
    if let Some(id) = store.contains_sha(&ingested.sha256)? {
        return Ok(Ok(Inserted::Unchanged(id)));
    }
    let published = ingested.published.as_deref().and_then(Edtf::parse);
    let extraction = dossier_extract::extract_document(&DocumentInput {
        text: &ingested.text,
        title: ingested.title.as_deref(),
        published,
    });
    let doc = NewDocument {
        path: name.to_string(),
        title: ingested.title.or_else(|| extraction.title.clone()),
        published,
        sha256: ingested.sha256,
        format: ingested.format.as_str().to_string(),
        text: ingested.text,
        confidential: options.confidential,
    };
    Ok(Ok(store.insert_document(&doc, &extraction, EXTRACTOR_VERSION)?))
}
