//! The record's vocabulary: spans, mentions, entities, events, claims and conflicts.
//!
//! Two layers share these types. A [`DocExtraction`] is what one document says on its own
//! (local entity ids, byte spans into that document). A [`Record`] is the cross-document
//! result of [`crate::resolve`]: one entity per real-world thing, one event per real-world
//! event, each citing every passage that tells it.

use serde::{Deserialize, Serialize};

use crate::date::Edtf;

/// A half-open range of UTF-8 byte offsets into a document's stored text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    /// The text under the span, or `""` when it does not fit the text (never panics).
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Person,
    Organization,
    Place,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "person" => EntityKind::Person,
            "organization" => EntityKind::Organization,
            "place" => EntityKind::Place,
            _ => return None,
        })
    }
}

/// The event types of the `dossier/1` format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventType {
    Arrest,
    Charge,
    Trial,
    Sentence,
    Fine,
    Damages,
    Ban,
    Release,
    Pardon,
    Dissolution,
    RegistrationDenied,
    Strike,
    HungerStrike,
    Protest,
    Killing,
    Injury,
    Dismissal,
    Restriction,
    LawAdopted,
    Campaign,
    InternationalAction,
}

impl EventType {
    pub const ALL: [EventType; 21] = [
        EventType::Arrest,
        EventType::Charge,
        EventType::Trial,
        EventType::Sentence,
        EventType::Fine,
        EventType::Damages,
        EventType::Ban,
        EventType::Release,
        EventType::Pardon,
        EventType::Dissolution,
        EventType::RegistrationDenied,
        EventType::Strike,
        EventType::HungerStrike,
        EventType::Protest,
        EventType::Killing,
        EventType::Injury,
        EventType::Dismissal,
        EventType::Restriction,
        EventType::LawAdopted,
        EventType::Campaign,
        EventType::InternationalAction,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Arrest => "arrest",
            EventType::Charge => "charge",
            EventType::Trial => "trial",
            EventType::Sentence => "sentence",
            EventType::Fine => "fine",
            EventType::Damages => "damages",
            EventType::Ban => "ban",
            EventType::Release => "release",
            EventType::Pardon => "pardon",
            EventType::Dissolution => "dissolution",
            EventType::RegistrationDenied => "registration_denied",
            EventType::Strike => "strike",
            EventType::HungerStrike => "hunger_strike",
            EventType::Protest => "protest",
            EventType::Killing => "killing",
            EventType::Injury => "injury",
            EventType::Dismissal => "dismissal",
            EventType::Restriction => "restriction",
            EventType::LawAdopted => "law_adopted",
            EventType::Campaign => "campaign",
            EventType::InternationalAction => "international_action",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        EventType::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Target,
    Agent,
    Participant,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Target => "target",
            Role::Agent => "agent",
            Role::Participant => "participant",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "target" => Role::Target,
            "agent" => Role::Agent,
            "participant" => Role::Participant,
            _ => return None,
        })
    }
}

/// How a count relates to the true number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    Exact,
    About,
    AtLeast,
    MoreThan,
    AtMost,
    FewerThan,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Count {
    pub value: u64,
    pub bound: Bound,
}

/// A sum of money: one value or a range, in an ISO 4217 currency, with the US dollar
/// equivalent the text states beside it, if any.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Amount {
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub min: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub max: Option<f64>,
    pub currency: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub usd: Option<f64>,
}

/// A length of time (prison term, ban) kept in its parts so it prints as ISO 8601.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Term {
    pub years: u32,
    pub months: u32,
    pub days: u32,
}

impl Term {
    /// ISO 8601 duration, e.g. `P2Y6M`; two and a half years prints as `P2Y6M`.
    pub fn iso(&self) -> String {
        let mut s = String::from("P");
        if self.years > 0 {
            s.push_str(&format!("{}Y", self.years));
        }
        if self.months > 0 {
            s.push_str(&format!("{}M", self.months));
        }
        if self.days > 0 || s.len() == 1 {
            s.push_str(&format!("{}D", self.days));
        }
        s
    }
    /// Approximate length in days, for comparisons and status arithmetic.
    pub fn approx_days(&self) -> i64 {
        ((self.years as f64 * 12.0 + self.months as f64) * 30.4375).round() as i64 + self.days as i64
    }
}

/// One surface form of an entity found in a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub span: Span,
    pub text: String,
    /// Index into [`DocExtraction::entities`].
    pub entity: usize,
}

/// An entity as one document knows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LocalEntity {
    pub kind: EntityKind,
    /// The fullest form the document uses.
    pub name: String,
    /// Every form the document uses, the name included.
    pub forms: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LocalParticipant {
    /// Index into [`DocExtraction::entities`].
    pub entity: usize,
    pub role: Role,
}

/// An event as one passage of one document tells it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LocalEvent {
    pub kind: EventType,
    pub date: Option<Edtf>,
    /// Index into [`DocExtraction::entities`], of kind place.
    pub place: Option<usize>,
    pub participants: Vec<LocalParticipant>,
    pub count: Option<Count>,
    pub term: Option<Term>,
    pub amount: Option<Amount>,
    pub legal: Vec<String>,
    /// The passage that tells the event (a sentence, or the clause run that holds it).
    pub source: Span,
    pub quote: String,
}

/// A stretch of a document with a date of its own (one article of a page that holds several).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub span: Span,
    pub date: Option<Edtf>,
    pub title: Option<String>,
}

/// Everything one document says on its own: the output of [`crate::extract_document`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DocExtraction {
    pub published: Option<Edtf>,
    pub title: Option<String>,
    pub sections: Vec<Section>,
    pub entities: Vec<LocalEntity>,
    pub mentions: Vec<Mention>,
    pub events: Vec<LocalEvent>,
}

// ------------------------------------------------------------------ the record

/// A place in the collection: document key and span.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct DocSpan {
    pub doc: u64,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub kind: EntityKind,
    pub name: String,
    pub aliases: Vec<String>,
    pub mentions: Vec<DocSpan>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Participant {
    /// Index into [`Record::entities`].
    pub entity: usize,
    pub role: Role,
}

/// One passage that reports an event, with the values it gives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub doc: u64,
    pub span: Span,
    pub quote: String,
    pub date: Option<Edtf>,
    pub place: Option<usize>,
    pub count: Option<Count>,
    pub term: Option<Term>,
    pub amount: Option<Amount>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub kind: EventType,
    pub date: Option<Edtf>,
    pub place: Option<usize>,
    pub participants: Vec<Participant>,
    pub count: Option<Count>,
    pub term: Option<Term>,
    pub amount: Option<Amount>,
    pub legal: Vec<String>,
    pub sources: Vec<Claim>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictField {
    Date,
    Count,
    Amount,
    Term,
    Place,
}

impl ConflictField {
    pub fn as_str(self) -> &'static str {
        match self {
            ConflictField::Date => "date",
            ConflictField::Count => "count",
            ConflictField::Amount => "amount",
            ConflictField::Term => "term",
            ConflictField::Place => "place",
        }
    }
}

/// One value of a disputed field and the documents that give it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConflictValue {
    /// The value as the export writes it (EDTF date, ISO duration, JSON of a count or amount,
    /// entity name of a place).
    pub value: serde_json::Value,
    pub docs: Vec<u64>,
    /// Indexes into the event's `sources` that give this value.
    pub claims: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    /// Index into [`Record::events`].
    pub event: usize,
    pub field: ConflictField,
    pub values: Vec<ConflictValue>,
}

/// The cross-document record: what [`crate::resolve`] builds from every document's extraction.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Record {
    pub entities: Vec<Entity>,
    pub events: Vec<Event>,
    /// In event order (each event's in field order).
    pub conflicts: Vec<Conflict>,
}
