//! Helpers shared by the end-to-end tests: running the real `dossier` binary, reading its
//! summary and refusal lines, and checking an export against the `dossier/1` format
//! (docs/FORMAT.md), down to the bytes of the source files.

#![allow(dead_code)]

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;
use sha2::{Digest, Sha256};

/// The binary under test, with no database named by the environment.
pub fn dossier() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dossier"));
    cmd.env_remove("DOSSIER_DB");
    cmd
}

/// The binary with `--db DB`, run in the database's folder (so that nothing can land in
/// the repository if a test forgets the database).
pub fn dossier_db(db: &Path) -> Command {
    let mut cmd = dossier();
    cmd.arg("--db").arg(db);
    if let Some(dir) = db.parent().filter(|d| d.is_dir()) {
        cmd.current_dir(dir);
    }
    cmd
}

/// What a finished command did.
#[derive(Debug)]
pub struct Outcome {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Outcome {
    pub fn stderr_lines(&self) -> Vec<&str> {
        self.stderr.lines().filter(|l| !l.trim().is_empty()).collect()
    }

    /// The `refused PATH: why` lines.
    pub fn refused_lines(&self) -> Vec<&str> {
        self.stderr.lines().filter(|l| l.starts_with("refused ")).collect()
    }

    /// The batch summary (`documents: N new, M unchanged, R refused; ...`).
    pub fn summary(&self) -> Summary {
        let lines: Vec<&str> = self.stderr.lines().filter(|l| l.starts_with("documents: ")).collect();
        assert_eq!(lines.len(), 1, "expected one summary line on stderr:\n{}", self.stderr);
        Summary::parse(lines[0]).unwrap_or_else(|| panic!("cannot read the summary line {:?}", lines[0]))
    }
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "exit {}\n--- stdout\n{}\n--- stderr\n{}", self.code, self.stdout, self.stderr)
    }
}

/// The counts of a batch summary line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub new: usize,
    pub unchanged: usize,
    pub refused: usize,
}

impl Summary {
    pub fn parse(line: &str) -> Option<Summary> {
        let docs = line.strip_prefix("documents: ")?.split(';').next()?;
        let mut new = None;
        let mut unchanged = None;
        let mut refused = None;
        for part in docs.split(',') {
            let mut words = part.split_whitespace();
            let n: usize = words.next()?.parse().ok()?;
            match words.next()? {
                "new" => new = Some(n),
                "unchanged" => unchanged = Some(n),
                "refused" => refused = Some(n),
                _ => return None,
            }
        }
        Some(Summary { new: new?, unchanged: unchanged?, refused: refused? })
    }
}

pub fn outcome(out: Output) -> Outcome {
    Outcome {
        code: out.status.code().unwrap_or_else(|| panic!("dossier was killed by a signal: {:?}", out.status)),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

pub fn run(cmd: &mut Command) -> Outcome {
    outcome(cmd.output().expect("cannot run the dossier binary"))
}

/// `dossier --db DB ARGS...`
pub fn run_db(db: &Path, args: &[&str]) -> Outcome {
    run(dossier_db(db).args(args))
}

/// `dossier --db DB ingest [EXTRA...] PATHS...`
pub fn ingest(db: &Path, paths: &[&Path], extra: &[&str]) -> Outcome {
    run(dossier_db(db).arg("ingest").args(extra).args(paths))
}

/// `dossier --db DB export --format json --output -`: the text (which must be valid JSON).
pub fn export_text(db: &Path) -> String {
    let out = run_db(db, &["export", "--format", "json", "--output", "-"]);
    assert_eq!(out.code, 0, "export failed: {out}");
    out.stdout
}

pub fn export(db: &Path) -> Value {
    let text = export_text(db);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("export is not JSON ({e}):\n{text}"))
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

pub fn write(path: &Path, bytes: impl AsRef<[u8]>) -> PathBuf {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("create a fixture folder");
    }
    std::fs::write(path, bytes).expect("write a fixture");
    path.to_path_buf()
}

/// A small deterministic generator (64-bit LCG, top bits) for fixtures and delays.
#[derive(Debug, Clone)]
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next_u32(&mut self) -> u32 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) as u32
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + u64::from(self.next_u32()) % (hi - lo + 1)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.range(0, items.len() as u64 - 1) as usize]
    }
}

// ---------------------------------------------------------------------------------------
// The dossier/1 format
// ---------------------------------------------------------------------------------------

const EVENT_TYPES: &[&str] = &[
    "arrest",
    "charge",
    "trial",
    "sentence",
    "fine",
    "damages",
    "ban",
    "release",
    "pardon",
    "dissolution",
    "registration_denied",
    "strike",
    "hunger_strike",
    "protest",
    "killing",
    "injury",
    "dismissal",
    "restriction",
    "law_adopted",
    "campaign",
    "international_action",
];
const ENTITY_KINDS: &[&str] = &["person", "organization", "place"];
const ROLES: &[&str] = &["target", "agent", "participant"];
const BOUNDS: &[&str] = &["exact", "about", "at_least", "more_than", "at_most", "fewer_than"];
const CONFLICT_FIELDS: &[&str] = &["date", "count", "amount", "term", "place"];
const FORMATS: &[&str] = &["text", "markdown", "html", "pdf"];

/// `2017`, `2017-01`, `2017-01-21` or an interval of two of them.
pub fn is_edtf(s: &str) -> bool {
    fn point(p: &str) -> bool {
        let parts: Vec<&str> = p.split('-').collect();
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        match parts.as_slice() {
            [y] => digits(y, 4),
            [y, m] => digits(y, 4) && digits(m, 2) && (1..=12).contains(&m.parse::<u8>().unwrap_or(0)),
            [y, m, d] => {
                digits(y, 4)
                    && digits(m, 2)
                    && digits(d, 2)
                    && (1..=12).contains(&m.parse::<u8>().unwrap_or(0))
                    && (1..=31).contains(&d.parse::<u8>().unwrap_or(0))
            }
            _ => false,
        }
    }
    match s.split_once('/') {
        Some((a, b)) => point(a) && point(b) && a <= b,
        None => point(s),
    }
}

/// `P2Y6M`, `P5M8D`, `P0D`.
pub fn is_duration(s: &str) -> bool {
    let Some(mut rest) = s.strip_prefix('P') else {
        return false;
    };
    if rest.is_empty() {
        return false;
    }
    let mut last = 0;
    while !rest.is_empty() {
        let n = rest.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return false;
        }
        let unit = rest.as_bytes()[n];
        let order = match unit {
            b'Y' => 1,
            b'M' => 2,
            b'W' => 3,
            b'D' => 4,
            _ => return false,
        };
        if order <= last {
            return false;
        }
        last = order;
        rest = &rest[n + 1..];
    }
    true
}

fn str_field<'a>(v: &'a Value, key: &str, what: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or_else(|| panic!("{what}: `{key}` is not a string: {v}"))
}

fn opt_str_field<'a>(v: &'a Value, key: &str, what: &str) -> Option<&'a str> {
    match v.get(key) {
        Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s),
        other => panic!("{what}: `{key}` must be a string or null, is {other:?}"),
    }
}

fn arr_field<'a>(v: &'a Value, key: &str, what: &str) -> &'a Vec<Value> {
    v.get(key).and_then(Value::as_array).unwrap_or_else(|| panic!("{what}: `{key}` is not an array: {v}"))
}

fn usize_field(v: &Value, key: &str, what: &str) -> usize {
    v.get(key).and_then(Value::as_u64).unwrap_or_else(|| panic!("{what}: `{key}` is not a whole number: {v}")) as usize
}

/// A document of the export, with the bytes of its file.
#[derive(Debug)]
pub struct DocInfo {
    pub id: String,
    pub path: String,
    pub sha256: String,
    pub format: String,
    pub bytes: Vec<u8>,
}

impl DocInfo {
    /// Offsets refer to the file itself for plain text and Markdown.
    pub fn is_plain(&self) -> bool {
        self.format == "text" || self.format == "markdown"
    }

    /// The file's text between two byte offsets, checking that they are in bounds and on
    /// character boundaries.
    pub fn slice(&self, start: usize, end: usize, what: &str) -> &str {
        assert!(start < end, "{what}: empty or reversed span {start}..{end}");
        assert!(
            end <= self.bytes.len(),
            "{what}: span {start}..{end} past the end of {} ({} bytes)",
            self.path,
            self.bytes.len()
        );
        let text = std::str::from_utf8(&self.bytes)
            .unwrap_or_else(|e| panic!("{}: stored as {} but not UTF-8: {e}", self.path, self.format));
        assert!(
            text.is_char_boundary(start) && text.is_char_boundary(end),
            "{what}: span {start}..{end} splits a character in {}",
            self.path
        );
        &text[start..end]
    }
}

/// Checks an export against docs/FORMAT.md, reading each document's file from its path:
/// positional ids, every reference resolves, the vocabularies, EDTF dates and ISO
/// durations, the file's SHA-256, and for plain text and Markdown that every source quote
/// is exactly the file's bytes between its offsets and every mention is one of its
/// entity's forms. Returns the documents.
pub fn check_record(r: &Value) -> Vec<DocInfo> {
    assert_eq!(r.get("format").and_then(Value::as_str), Some("dossier/1"), "format field");

    // Documents.
    let mut docs = Vec::new();
    let mut shas = HashSet::new();
    for (i, d) in arr_field(r, "documents", "record").iter().enumerate() {
        let what = format!("document {}", i + 1);
        let id = str_field(d, "id", &what);
        assert_eq!(id, format!("d{}", i + 1), "{what}: ids are positions");
        let path = str_field(d, "path", &what);
        assert!(!path.is_empty(), "{what}: empty path");
        opt_str_field(d, "title", &what);
        if let Some(p) = opt_str_field(d, "published", &what) {
            assert!(is_edtf(p), "{what}: published {p:?} is not EDTF");
        }
        let sha = str_field(d, "sha256", &what);
        assert!(
            sha.len() == 64 && sha.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)),
            "{what}: sha256 {sha:?}"
        );
        assert!(shas.insert(sha.to_string()), "{what}: the same bytes stored twice ({sha})");
        let format = str_field(d, "format", &what);
        assert!(FORMATS.contains(&format), "{what}: format {format:?}");
        for s in arr_field(d, "sections", &what) {
            let (start, end) = (usize_field(s, "start", &what), usize_field(s, "end", &what));
            assert!(start <= end, "{what}: section {start}..{end}");
            if let Some(date) = opt_str_field(s, "date", &what) {
                assert!(is_edtf(date), "{what}: section date {date:?}");
            }
            opt_str_field(s, "title", &what);
        }
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{what}: cannot read its path {path}: {e}"));
        assert_eq!(sha256_hex(&bytes), sha, "{what}: sha256 is not the hash of {path}");
        docs.push(DocInfo {
            id: id.to_string(),
            path: path.to_string(),
            sha256: sha.to_string(),
            format: format.to_string(),
            bytes,
        });
    }
    let doc = |id: &str, what: &str| -> &DocInfo {
        docs.iter().find(|d| d.id == id).unwrap_or_else(|| panic!("{what}: no document {id:?}"))
    };

    // Entities.
    let entities = arr_field(r, "entities", "record");
    let mut kinds = Vec::new();
    for (i, e) in entities.iter().enumerate() {
        let what = format!("entity e{}", i + 1);
        assert_eq!(str_field(e, "id", &what), format!("e{}", i + 1), "{what}: ids are positions");
        let kind = str_field(e, "kind", &what);
        assert!(ENTITY_KINDS.contains(&kind), "{what}: kind {kind:?}");
        kinds.push(kind);
        let name = str_field(e, "name", &what);
        assert!(!name.trim().is_empty(), "{what}: empty name");
        let mut forms = HashSet::from([name]);
        for a in arr_field(e, "aliases", &what) {
            let a = a.as_str().unwrap_or_else(|| panic!("{what}: alias {a} is not a string"));
            assert!(forms.insert(a), "{what}: alias {a:?} repeats the name or another alias");
        }
        let mentions = arr_field(e, "mentions", &what);
        assert!(!mentions.is_empty(), "{what}: no mentions");
        for m in mentions {
            let d = doc(str_field(m, "doc", &what), &what);
            let (start, end) = (usize_field(m, "start", &what), usize_field(m, "end", &what));
            assert!(start < end, "{what}: mention {start}..{end}");
            if d.is_plain() {
                let text = d.slice(start, end, &what);
                assert!(
                    forms.contains(text),
                    "{what}: mention {text:?} in {} is not one of its forms {forms:?}",
                    d.path
                );
            }
        }
    }
    let entity = |v: &Value, what: &str| -> usize {
        let id = v.as_str().unwrap_or_else(|| panic!("{what}: entity reference {v} is not a string"));
        id.strip_prefix('e')
            .and_then(|n| n.parse::<usize>().ok())
            .filter(|n| (1..=entities.len()).contains(n))
            .unwrap_or_else(|| panic!("{what}: no entity {id:?}"))
            - 1
    };

    // Events.
    let events = arr_field(r, "events", "record");
    for (i, v) in events.iter().enumerate() {
        let what = format!("event v{}", i + 1);
        assert_eq!(str_field(v, "id", &what), format!("v{}", i + 1), "{what}: ids are positions");
        let ty = str_field(v, "type", &what);
        assert!(EVENT_TYPES.contains(&ty), "{what}: type {ty:?}");
        if let Some(date) = opt_str_field(v, "date", &what) {
            assert!(is_edtf(date), "{what}: date {date:?} is not EDTF");
        }
        match v.get("place") {
            Some(Value::Null) => {}
            Some(p) => assert_eq!(kinds[entity(p, &what)], "place", "{what}: place {p} is not a place"),
            None => panic!("{what}: no `place`"),
        }
        for p in arr_field(v, "participants", &what) {
            entity(p.get("entity").unwrap_or(&Value::Null), &what);
            let role = str_field(p, "role", &what);
            assert!(ROLES.contains(&role), "{what}: role {role:?}");
        }
        match v.get("count") {
            Some(Value::Null) => {}
            Some(c) => {
                usize_field(c, "value", &what);
                let bound = str_field(c, "bound", &what);
                assert!(BOUNDS.contains(&bound), "{what}: bound {bound:?}");
            }
            None => panic!("{what}: no `count`"),
        }
        if let Some(term) = opt_str_field(v, "term", &what) {
            assert!(is_duration(term), "{what}: term {term:?} is not an ISO 8601 duration");
        }
        match v.get("amount") {
            Some(Value::Null) => {}
            Some(a) => {
                let cur = str_field(a, "currency", &what);
                assert!(cur.len() == 3 && cur.bytes().all(|b| b.is_ascii_uppercase()), "{what}: currency {cur:?}");
                let has = |k: &str| a.get(k).is_some_and(Value::is_number);
                assert!(has("value") || has("min") || has("max"), "{what}: amount without a value: {a}");
            }
            None => panic!("{what}: no `amount`"),
        }
        for l in arr_field(v, "legal", &what) {
            assert!(l.as_str().is_some_and(|s| !s.is_empty()), "{what}: legal {l}");
        }
        let sources = arr_field(v, "sources", &what);
        assert!(!sources.is_empty(), "{what}: no sources");
        for s in sources {
            let d = doc(str_field(s, "doc", &what), &what);
            let (start, end) = (usize_field(s, "start", &what), usize_field(s, "end", &what));
            let quote = str_field(s, "quote", &what);
            assert!(start < end && !quote.is_empty(), "{what}: source {start}..{end} {quote:?}");
            if d.is_plain() {
                assert_eq!(
                    d.slice(start, end, &what),
                    quote,
                    "{what}: the quote is not the bytes {start}..{end} of {}",
                    d.path
                );
            }
        }
    }

    // Conflicts.
    for (i, c) in arr_field(r, "conflicts", "record").iter().enumerate() {
        let what = format!("conflict {}", i + 1);
        let ev = str_field(c, "event", &what);
        assert!(
            ev.strip_prefix('v').and_then(|n| n.parse::<usize>().ok()).is_some_and(|n| (1..=events.len()).contains(&n)),
            "{what}: no event {ev:?}"
        );
        let field = str_field(c, "field", &what);
        assert!(CONFLICT_FIELDS.contains(&field), "{what}: field {field:?}");
        let values = arr_field(c, "values", &what);
        assert!(values.len() >= 2, "{what}: a conflict needs two values: {c}");
        for val in values {
            assert!(val.get("value").is_some(), "{what}: no value: {val}");
            let vdocs = arr_field(val, "docs", &what);
            assert!(!vdocs.is_empty(), "{what}: a value with no documents");
            for d in vdocs {
                doc(d.as_str().unwrap_or_else(|| panic!("{what}: doc {d}")), &what);
            }
        }
    }
    docs
}

/// Entities whose name or an alias contains `needle`.
pub fn entities_named<'a>(r: &'a Value, needle: &str) -> Vec<&'a Value> {
    r["entities"]
        .as_array()
        .map(|es| {
            es.iter()
                .filter(|e| {
                    e["name"].as_str().is_some_and(|n| n.contains(needle))
                        || e["aliases"]
                            .as_array()
                            .is_some_and(|a| a.iter().any(|a| a.as_str().is_some_and(|a| a.contains(needle))))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Events of a type whose participants include the entity with this id.
pub fn events_of<'a>(r: &'a Value, entity_id: &str, ty: &str) -> Vec<&'a Value> {
    r["events"]
        .as_array()
        .map(|vs| {
            vs.iter()
                .filter(|v| {
                    v["type"] == ty
                        && v["participants"].as_array().is_some_and(|ps| ps.iter().any(|p| p["entity"] == entity_id))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The record without its positional ids: what it says, whatever order the documents
/// were stored in.
pub fn canonical(r: &serde_json::Value) -> Vec<String> {
    let docs = r["documents"].as_array().expect("documents");
    let entities = r["entities"].as_array().expect("entities");
    let events = r["events"].as_array().expect("events");
    let path_of = |id: &serde_json::Value| {
        docs.iter().find(|d| d["id"] == *id).map(|d| d["path"].to_string()).unwrap_or_default()
    };
    let name_of = |id: &serde_json::Value| {
        entities.iter().find(|e| e["id"] == *id).map(|e| e["name"].to_string()).unwrap_or_default()
    };
    let mut out = Vec::new();
    for d in docs {
        out.push(format!("doc {} {} {} {} {}", d["path"], d["sha256"], d["title"], d["published"], d["format"]));
    }
    for e in entities {
        let mut aliases: Vec<String> =
            e["aliases"].as_array().expect("aliases").iter().map(|a| a.to_string()).collect();
        aliases.sort();
        let mut mentions: Vec<String> = e["mentions"]
            .as_array()
            .expect("mentions")
            .iter()
            .map(|m| format!("{}@{}..{}", path_of(&m["doc"]), m["start"], m["end"]))
            .collect();
        mentions.sort();
        out.push(format!("entity {} {} {aliases:?} {mentions:?}", e["kind"], e["name"]));
    }
    for v in events {
        let mut who: Vec<String> = v["participants"]
            .as_array()
            .expect("participants")
            .iter()
            .map(|p| format!("{}:{}", name_of(&p["entity"]), p["role"]))
            .collect();
        who.sort();
        let mut sources: Vec<String> = v["sources"]
            .as_array()
            .expect("sources")
            .iter()
            .map(|s| format!("{}@{}..{}", path_of(&s["doc"]), s["start"], s["end"]))
            .collect();
        sources.sort();
        out.push(format!(
            "event {} {} {} {} {} {} {} {who:?} {sources:?}",
            v["type"],
            v["date"],
            name_of(&v["place"]),
            v["count"],
            v["term"],
            v["amount"],
            v["legal"]
        ));
    }
    for c in r["conflicts"].as_array().expect("conflicts") {
        let ev = events.iter().find(|v| v["id"] == c["event"]).expect("conflict event");
        let mut values: Vec<String> = c["values"]
            .as_array()
            .expect("values")
            .iter()
            .map(|v| {
                let mut docs: Vec<String> = v["docs"].as_array().expect("docs").iter().map(&path_of).collect();
                docs.sort();
                format!("{} {docs:?}", v["value"])
            })
            .collect();
        values.sort();
        out.push(format!("conflict {} {} {} {values:?}", ev["type"], ev["date"], c["field"]));
    }
    out.sort();
    out
}
