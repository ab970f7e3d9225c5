//! Command-line arguments (clap): the only place that knows the CLI's shape.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// dossier: turns a pile of human-rights reports into one sourced record.
#[derive(Debug, Parser)]
#[command(name = "dossier", version, about, long_about = None)]
pub struct Cli {
    /// The database: a SQLite file, or a PostgreSQL server as postgres://user@host/dbname.
    #[arg(long, global = true, env = "DOSSIER_DB", value_name = "PATH|URL")]
    pub db: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read reports (text, Markdown, HTML, PDF; files or folders) into the record.
    Ingest {
        /// Files and folders (read recursively).
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Refuse files larger than this many megabytes.
        #[arg(long, default_value_t = 50, value_name = "MB")]
        max_mb: u64,
        /// Mark these documents confidential.
        #[arg(long)]
        confidential: bool,
    },
    /// Write the record in an open format.
    Export {
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
        /// Where to write it; `-` for standard output.
        #[arg(long, short, default_value = "-", value_name = "FILE")]
        output: String,
        /// Include the documents ingested as confidential (left out by default).
        #[arg(long)]
        include_confidential: bool,
    },
    /// One person or organisation: names, then events in date order with their sources.
    Show {
        /// A name or alias, in any spelling or script.
        name: String,
        /// The day the status is computed for (EDTF: 2018-01-01, 2018-01, 2018); default today.
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Record that two names are one person, organisation or place (wins over the rules).
    Merge { a: String, b: String },
    /// Record that two names are different entities (wins over the rules).
    Split { a: String, b: String },
    /// Every disagreement between sources, with the values and who says which.
    Conflicts {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Serve the record as a web application and a JSON API.
    Serve {
        /// The address to listen on (loopback unless told otherwise).
        #[arg(long, default_value = "127.0.0.1:8080", value_name = "HOST:PORT")]
        addr: std::net::SocketAddr,
        /// The token that allows writing and shows confidential documents; without one the
        /// server is read-only and confidential documents stay hidden.
        #[arg(long, env = "DOSSIER_TOKEN", hide_env_values = true, value_name = "TOKEN")]
        token: Option<String>,
        /// Refuse uploads larger than this many megabytes.
        #[arg(long, default_value_t = 50, value_name = "MB")]
        max_mb: u64,
    },
    /// Write a synthetic corpus of reports and its gold record (gold.json), for benchmarks.
    Gen {
        /// The folder to write into (created if needed).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// How many reports.
        #[arg(long, default_value_t = 1000)]
        count: usize,
        /// The same seed gives the same corpus, byte for byte.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Ingest the example corpus into a fresh database and print an overview.
    Demo {
        /// The corpus to use instead of the one shipped in the repository.
        #[arg(long, value_name = "DIR")]
        corpus: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// The `dossier/1` record (JSON).
    Json,
}
