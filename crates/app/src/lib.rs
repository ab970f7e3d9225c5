//! The dossier application: command line, ingestion pipeline, record views and exports.
//!
//! Only this crate knows clap and HTTP. The libraries below it stay free of them:
//! `dossier-ingest` turns bytes into text, `dossier-extract` text into a record,
//! `dossier-store` keeps both.

pub mod cli;
pub mod error;
pub mod export;
pub mod gen;
pub mod pipeline;
pub mod report;
pub mod web;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;
use dossier_extract::Edtf;
use dossier_store::JudgementKind;

use crate::cli::{Cli, Command};
use crate::error::{exit_code_for, UserError, EXIT_OK, EXIT_REFUSED};
use crate::pipeline::{Audience, IngestOptions, Progress};

/// The database used when neither `--db` nor `DOSSIER_DB` names one.
pub const DEFAULT_DB: &str = "dossier.db";

/// Parses the command line, runs it and prints any error as one line.
pub fn run_cli() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        // A reader that stopped early (`| head`) is not an error.
        Err(err)
            if err.chain().any(|e| {
                e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            ExitCode::from(EXIT_OK)
        }
        Err(err) => {
            let mut msg = format!("{err}");
            for cause in err.chain().skip(1) {
                msg.push_str(&format!(": {cause}"));
            }
            eprintln!("dossier: {msg}");
            exit_code_for(&err)
        }
    }
}

/// The PostgreSQL URL `--db` names (`postgres://…` or `postgresql://…`), if it names one
/// rather than a SQLite file.
fn postgres_url(path: &Path) -> Option<&str> {
    path.to_str().filter(|s| dossier_store::is_postgres_url(s))
}

/// Opens the database for writing, creating it if needed (on PostgreSQL the database must
/// exist; its tables are created).
fn open_store(path: &Path) -> anyhow::Result<dossier_store::Store> {
    match postgres_url(path) {
        Some(url) => Ok(dossier_store::Store::open_postgres(url)?),
        None => Ok(dossier_store::Store::open(path)?),
    }
}

/// Opens an existing database for reading: a path that names none is the user's mistake,
/// not an empty record.
fn open_existing(path: &Path) -> anyhow::Result<dossier_store::Store> {
    if postgres_url(path).is_none() && !path.is_file() {
        return Err(UserError::new(format!("no database at {} (ingest some reports first)", path.display())).into());
    }
    open_store(path)
}

/// Runs one command.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let db = cli.db.clone().unwrap_or_else(|| PathBuf::from(DEFAULT_DB));
    let stdout = std::io::stdout();
    let merging = matches!(cli.command, Command::Merge { .. });
    match cli.command {
        Command::Ingest { paths, max_mb, confidential } => {
            let mut store = open_store(&db)?;
            let options = IngestOptions {
                limits: dossier_ingest::Limits { max_bytes: max_mb.saturating_mul(1024 * 1024) },
                confidential,
            };
            let summary = pipeline::ingest(&mut store, &paths, &options, Progress::auto())?;
            eprintln!("{}", summary.line());
            Ok(ExitCode::from(if summary.refused > 0 { EXIT_REFUSED } else { EXIT_OK }))
        }
        Command::Export { format: _, output, include_confidential } => {
            let mut store = open_existing(&db)?;
            let audience = if include_confidential { Audience::Trusted } else { Audience::Public };
            let record = pipeline::record_for(&mut store, audience)?;
            let json = export::record_json(&store, &record, audience)?;
            let text = serde_json::to_string_pretty(&json)? + "\n";
            if output == "-" {
                stdout.lock().write_all(text.as_bytes())?;
            } else {
                std::fs::write(&output, text)
                    .map_err(|e| UserError::new(format!("cannot write {output}: {}", e.to_string().to_lowercase())))?;
            }
            Ok(ExitCode::from(EXIT_OK))
        }
        Command::Show { name, as_of, json } => {
            let as_of = match as_of {
                Some(s) => Edtf::parse(&s)
                    .ok_or_else(|| UserError::new(format!("not a date: {s:?} (use 2018-01-01, 2018-01 or 2018)")))?,
                None => today(),
            };
            let mut store = open_existing(&db)?;
            let record = pipeline::current_record(&mut store)?;
            let view = report::EntityView::find(&store, &record, &name, as_of)?
                .ok_or_else(|| UserError::new(format!("no person, organisation or place named {name:?}")))?;
            let mut out = stdout.lock();
            if json {
                serde_json::to_writer_pretty(&mut out, &view)?;
                writeln!(out)?;
            } else {
                view.write_text(&mut out)?;
            }
            Ok(ExitCode::from(EXIT_OK))
        }
        Command::Merge { a, b } | Command::Split { a, b } => {
            let same = merging;
            let mut store = open_existing(&db)?;
            let record = pipeline::current_record(&mut store)?;
            let form = |name: &str| -> anyhow::Result<String> {
                let idx = report::find_entity(&record, name)
                    .ok_or_else(|| UserError::new(format!("no person, organisation or place named {name:?}")))?;
                let e = &record.entities[idx];
                // A split names the very forms to part; a merge may name any spelling.
                Ok(std::iter::once(&e.name)
                    .chain(&e.aliases)
                    .find(|f| f.eq_ignore_ascii_case(name))
                    .unwrap_or(&e.name)
                    .clone())
            };
            let (fa, fb) = (form(&a)?, form(&b)?);
            let kind = if same { JudgementKind::Same } else { JudgementKind::Different };
            store.add_judgement(kind, &fa, &fb)?;
            let record = pipeline::current_record(&mut store)?;
            let mut out = stdout.lock();
            for name in [&fa, &fb] {
                if let Some(i) = report::find_entity(&record, name) {
                    let e = &record.entities[i];
                    writeln!(out, "{} ({}): {}", e.name, e.kind.as_str(), e.aliases.join(", "))?;
                }
            }
            Ok(ExitCode::from(EXIT_OK))
        }
        Command::Conflicts { json } => {
            let mut store = open_existing(&db)?;
            let record = pipeline::current_record(&mut store)?;
            let views = report::conflict_views(&store, &record)?;
            let odd = dossier_extract::conflict::inconsistencies(&record);
            let mut out = stdout.lock();
            if json {
                serde_json::to_writer_pretty(&mut out, &views)?;
                writeln!(out)?;
            } else {
                report::write_conflicts(&mut out, &views)?;
                report::write_inconsistencies(&mut out, &record, &odd)?;
            }
            Ok(ExitCode::from(EXIT_OK))
        }
        Command::Serve { addr, token, max_mb } => {
            let store = open_existing(&db)?;
            if token.is_none() {
                eprintln!("dossier: no token: the server is read-only and confidential documents are hidden");
            }
            if !addr.ip().is_loopback() && token.is_some() {
                eprintln!("dossier: listening beyond loopback on {addr}: the token travels in clear without TLS");
            }
            let state = web::AppState::new(store, token.as_deref(), max_mb.saturating_mul(1024 * 1024));
            web::serve(state, addr)?;
            Ok(ExitCode::from(EXIT_OK))
        }
        Command::Gen { out, count, seed } => {
            let started = std::time::Instant::now();
            let s = gen::generate_to_dir(&out, count, seed)?;
            eprintln!(
                "generated {} reports ({:.1} MB), {} events, {} entities in {:.2}s; gold record in {}",
                s.documents,
                s.bytes as f64 / 1e6,
                s.events,
                s.entities,
                started.elapsed().as_secs_f64(),
                out.join("gold.json").display()
            );
            Ok(ExitCode::from(EXIT_OK))
        }
        Command::Demo { corpus } => {
            let corpus = corpus.unwrap_or_else(example_corpus);
            if !corpus.is_dir() {
                return Err(UserError::new(format!("no example corpus at {}", corpus.display())).into());
            }
            // A fresh database: the one named, or a temporary one.
            let tmp;
            let db = match cli.db {
                Some(p) => p,
                None => {
                    tmp = tempfile::tempdir().context("cannot create a temporary folder")?;
                    tmp.path().join("demo.db")
                }
            };
            let mut store = open_store(&db)?;
            let summary = pipeline::ingest(&mut store, &[corpus], &IngestOptions::default(), Progress::auto())?;
            eprintln!("{}", summary.line());
            let record = pipeline::current_record(&mut store)?;
            report::write_overview(&mut stdout.lock(), &store, &record)?;
            Ok(ExitCode::from(EXIT_OK))
        }
    }
}

/// Today's date (UTC), for status "as of now".
fn today() -> Edtf {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    Edtf::point(dossier_extract::CalDate::from_ordinal((secs / 86_400) as i64))
}

/// The example corpus that ships in the repository: `examples/corpus` under the current
/// folder when run from the repository, else beside the crate that was built.
pub fn example_corpus() -> PathBuf {
    let here = PathBuf::from("examples/corpus");
    if here.is_dir() {
        return here;
    }
    let built = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus");
    built.canonicalize().unwrap_or(built)
}
