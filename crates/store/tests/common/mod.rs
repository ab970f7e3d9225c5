//! Fixtures shared by the integration tests: documents, extractions and a record.
#![allow(dead_code)]

use dossier_extract::*;
use dossier_store::NewDocument;

pub fn date(s: &str) -> Edtf {
    Edtf::parse(s).unwrap()
}

/// Document `i` of a deterministic collection; its text holds the unique word `docmark{i}`.
pub fn document(i: usize) -> NewDocument {
    NewDocument {
        path: format!("reports/{i:05}.html"),
        title: Some(format!("Report {i}")),
        published: (!i.is_multiple_of(3)).then(|| date("2021-03-04")),
        sha256: format!("{i:064x}"),
        format: "html".into(),
        text: format!(
            "docmark{i}: On 21 January 2017 Ales Bialiatski was detained in Minsk. {}",
            "The court in Minsk sentenced him to ten years. ".repeat(i % 7 + 1)
        ),
        confidential: i.is_multiple_of(5),
    }
}

pub fn extraction(i: usize) -> DocExtraction {
    DocExtraction {
        published: Some(date("2021-03-04")),
        title: Some(format!("Report {i}")),
        sections: vec![Section { span: Span::new(0, 20), date: Some(date("2021-03")), title: None }],
        entities: vec![
            LocalEntity {
                kind: EntityKind::Person,
                name: "Ales Bialiatski".into(),
                forms: vec!["Ales Bialiatski".into(), "Bialiatski".into()],
            },
            LocalEntity { kind: EntityKind::Place, name: "Minsk".into(), forms: vec!["Minsk".into()] },
        ],
        mentions: vec![Mention { span: Span::new(30, 45), text: "Ales Bialiatski".into(), entity: 0 }],
        events: vec![LocalEvent {
            kind: EventType::Arrest,
            date: Some(date("2017-01-21")),
            place: Some(1),
            participants: vec![LocalParticipant { entity: 0, role: Role::Target }],
            count: Some(Count { value: i as u64, bound: Bound::AtLeast }),
            term: Some(Term { years: 10, months: 0, days: 0 }),
            amount: Some(Amount {
                value: None,
                min: Some(0.1 + i as f64),
                max: Some(1e300),
                currency: "BYN".into(),
                usd: Some(1.0 / 3.0),
            }),
            legal: vec!["Art. 342".into()],
            source: Span::new(0, 60),
            quote: "Ales Bialiatski was detained in Minsk".into(),
        }],
    }
}

/// A record that uses every field: amounts with min/max/usd, terms, counts, intervals,
/// conflicts with JSON values.
pub fn record() -> Record {
    let claim = |doc: u64, start: usize, date_s: &str| Claim {
        doc,
        span: Span::new(start, start + 40),
        quote: format!("quote from {doc} \"with quotes\" and ünïcødé"),
        date: Some(date(date_s)),
        place: Some(1),
        count: Some(Count { value: 12, bound: Bound::About }),
        term: Some(Term { years: 2, months: 6, days: 0 }),
        amount: Some(Amount { value: Some(1500.25), min: None, max: None, currency: "EUR".into(), usd: Some(1623.7) }),
    };
    Record {
        entities: vec![
            Entity {
                kind: EntityKind::Person,
                name: "Ales Bialiatski".into(),
                aliases: vec!["Bialiatski".into(), "Aleś Bialacki".into()],
                mentions: vec![DocSpan { doc: 1, start: 3, end: 18 }, DocSpan { doc: 2, start: 100, end: 110 }],
            },
            Entity {
                kind: EntityKind::Place,
                name: "Minsk".into(),
                aliases: vec![],
                mentions: vec![DocSpan { doc: 1, start: 40, end: 45 }],
            },
            Entity {
                kind: EntityKind::Organization,
                name: "Viasna".into(),
                aliases: vec!["Viasna Human Rights Centre".into()],
                mentions: vec![],
            },
        ],
        events: vec![
            Event {
                kind: EventType::Sentence,
                date: Some(date("2023-03-03")),
                place: Some(1),
                participants: vec![
                    Participant { entity: 0, role: Role::Target },
                    Participant { entity: 2, role: Role::Participant },
                ],
                count: None,
                term: Some(Term { years: 10, months: 0, days: 0 }),
                amount: Some(Amount {
                    value: None,
                    min: Some(1000.0),
                    max: Some(2500.5),
                    currency: "BYN".into(),
                    usd: Some(0.1 + 0.2),
                }),
                legal: vec!["Art. 228".into(), "Art. 342".into()],
                sources: vec![claim(1, 0, "2023-03-03"), claim(2, 50, "2023-03")],
            },
            Event {
                kind: EventType::Protest,
                date: Some(date("2020-08-09/2020-12")),
                place: None,
                participants: vec![],
                count: Some(Count { value: 100_000, bound: Bound::MoreThan }),
                term: None,
                amount: None,
                legal: vec![],
                sources: vec![],
            },
            Event {
                kind: EventType::HungerStrike,
                date: None,
                place: None,
                participants: vec![Participant { entity: 0, role: Role::Agent }],
                count: None,
                term: Some(Term { years: 0, months: 0, days: 0 }),
                amount: None,
                legal: vec![],
                sources: vec![Claim {
                    doc: 3,
                    span: Span::new(0, 0),
                    quote: String::new(),
                    date: None,
                    place: None,
                    count: None,
                    term: None,
                    amount: None,
                }],
            },
        ],
        conflicts: vec![
            Conflict {
                event: 0,
                field: ConflictField::Date,
                values: vec![
                    ConflictValue { value: serde_json::json!("2023-03-03"), docs: vec![1], claims: vec![0] },
                    ConflictValue { value: serde_json::json!("2023-03"), docs: vec![2], claims: vec![1] },
                ],
            },
            Conflict {
                event: 0,
                field: ConflictField::Amount,
                values: vec![ConflictValue {
                    value: serde_json::json!({"min": 1000.0, "max": 2500.5, "currency": "BYN", "usd": 0.30000000000000004}),
                    docs: vec![1, 2],
                    claims: vec![0, 1],
                }],
            },
            Conflict {
                event: 1,
                field: ConflictField::Count,
                values: vec![ConflictValue {
                    value: serde_json::json!({"value": 100000, "bound": "more_than"}),
                    docs: vec![],
                    claims: vec![],
                }],
            },
        ],
    }
}

// ------------------------------------------------------------------ backends

use std::path::PathBuf;

use dossier_store::Store;

// Shared with the app's PostgreSQL tests, which include the file by path.
mod pg;
pub use pg::PgDatabase;

/// Where a store lives, cloneable into threads: a SQLite file or a PostgreSQL URL.
#[derive(Debug, Clone)]
pub enum Place {
    File(PathBuf),
    Url(String),
}

impl Place {
    pub fn open(&self) -> Store {
        match self {
            Place::File(path) => Store::open(path).unwrap(),
            Place::Url(url) => Store::open_postgres(url).unwrap(),
        }
    }
}

/// One backend's database for a test, removed when dropped.
pub enum Backend {
    Sqlite(tempfile::TempDir),
    Postgres(PgDatabase),
}

impl Backend {
    pub fn place(&self) -> Place {
        match self {
            Backend::Sqlite(dir) => Place::File(dir.path().join("dossier.db")),
            Backend::Postgres(db) => Place::Url(db.url.clone()),
        }
    }
    pub fn name(&self) -> &'static str {
        match self {
            Backend::Sqlite(_) => "sqlite",
            Backend::Postgres(_) => "postgres",
        }
    }
}

/// A SQLite file, and a PostgreSQL database when the server is configured.
pub fn backends() -> Vec<Backend> {
    let mut out = vec![Backend::Sqlite(tempfile::tempdir().unwrap())];
    out.extend(PgDatabase::create().map(Backend::Postgres));
    out
}

/// Runs a test on a store in memory, then on a fresh PostgreSQL database when configured.
pub fn each_store(mut test: impl FnMut(&mut Store)) {
    test(&mut Store::open_in_memory().unwrap());
    if let Some(db) = PgDatabase::create() {
        let mut store = Store::open_postgres(&db.url).unwrap();
        test(&mut store);
    }
}
