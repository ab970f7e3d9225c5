//! Timelines and status: a person's or organisation's events in date order, and what follows
//! from them as of a given day (detained, serving a sentence until about when, released,
//! banned until about when, pardoned; an organisation dissolved or refused registration).

use serde::Serialize;

use crate::date::{days_from_civil, days_in_month, CalDate, Edtf};
use crate::model::{EventType, Record, Role, Term};

/// One line of a timeline: an event of the record and the role the entity plays in it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineEntry {
    /// Index into [`Record::events`].
    pub event: usize,
    pub date: Option<Edtf>,
    pub kind: EventType,
    pub role: Option<Role>,
}

/// The entity's events, dated ones in date order, then the undated in record order.
pub fn timeline(record: &Record, entity: usize) -> Vec<TimelineEntry> {
    timeline_among(record, entity, 0..record.events.len())
}

/// The entity's timeline drawn only from the given events (indexes into
/// [`Record::events`], out-of-range ones ignored): with an index of each entity's events,
/// a timeline costs its own length instead of the whole record's.
pub fn timeline_among(record: &Record, entity: usize, events: impl IntoIterator<Item = usize>) -> Vec<TimelineEntry> {
    let mut out: Vec<TimelineEntry> = events
        .into_iter()
        .filter_map(|i| {
            let e = record.events.get(i)?;
            let role = e.participants.iter().find(|p| p.entity == entity).map(|p| p.role);
            (role.is_some() || e.place == Some(entity)).then_some(TimelineEntry {
                event: i,
                date: e.date,
                kind: e.kind,
                role,
            })
        })
        .collect();
    out.sort_by_key(|t| (t.date.map_or(i64::MAX, |d| d.first_ordinal()), t.event));
    out.dedup_by_key(|t| t.event);
    out
}

/// Where a person stands, as far as the record tells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Custody {
    /// Nothing in the record puts the person in custody.
    Free,
    /// Charged or under investigation, not known to be held.
    Charged {
        since: Option<String>,
    },
    /// Arrested and not known to be released or sentenced since.
    Detained {
        since: Option<String>,
    },
    /// Sentenced to a term that has not run out (the end is approximate: date plus term).
    Serving {
        since: Option<String>,
        until: Option<String>,
        term: Option<String>,
    },
    /// Released, or a known term ran out.
    Released {
        since: Option<String>,
    },
    Pardoned {
        since: Option<String>,
    },
}

/// An organisation's standing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Standing {
    Active,
    Dissolved { since: Option<String> },
    RegistrationDenied { since: Option<String> },
}

/// The status that follows from the record as of a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Status {
    pub as_of: String,
    pub custody: Custody,
    /// A ban from activity still running: its approximate end ("~" dates are date + term).
    pub banned_until: Option<String>,
    pub organisation: Standing,
}

fn add_days(d: &Edtf, days: i64) -> String {
    CalDate::from_ordinal(d.first_ordinal() + days).to_string()
}

/// The day a term that starts on `d` ends, by the calendar (two years from 7 April end on
/// 7 April), as days from the start.
fn term_days(d: &Edtf, term: &Term) -> i64 {
    let (y, m, day) = d.start.first_day();
    let months = m as i64 - 1 + term.months as i64;
    let year = y + term.years as i32 + (months / 12) as i32;
    let month = (months % 12 + 1) as u8;
    let day = day.min(days_in_month(year, month));
    days_from_civil(year, month, day) + term.days as i64 - d.first_ordinal()
}

/// Computes the status of an entity as of `as_of`, from its dated events up to that day.
pub fn status(record: &Record, entity: usize, as_of: Edtf) -> Status {
    status_from(record, &timeline(record, entity), as_of)
}

/// The status that follows from a timeline (see [`timeline`], [`timeline_among`]).
pub fn status_from(record: &Record, timeline: &[TimelineEntry], as_of: Edtf) -> Status {
    let mut custody = Custody::Free;
    let mut banned_until: Option<(i64, String)> = None;
    let mut organisation = Standing::Active;
    let day = as_of.last_ordinal();
    for t in timeline {
        let Some(date) = t.date else { continue };
        if date.first_ordinal() > day || t.role == Some(Role::Agent) {
            continue;
        }
        let Some(ev) = record.events.get(t.event) else { continue };
        let since = Some(date.to_string());
        match ev.kind {
            EventType::Arrest => custody = Custody::Detained { since },
            EventType::Charge => {
                if matches!(custody, Custody::Free | Custody::Released { .. }) {
                    custody = Custody::Charged { since };
                }
            }
            EventType::Sentence => {
                let until = ev.term.map(|term| date.first_ordinal() + term_days(&date, &term));
                custody = match until {
                    Some(end) if end <= day => {
                        Custody::Released { since: Some(add_days(&date, end - date.first_ordinal())) }
                    }
                    _ => Custody::Serving {
                        since,
                        until: until.map(|end| format!("~{}", add_days(&date, end - date.first_ordinal()))),
                        term: ev.term.map(|t| t.iso()),
                    },
                };
            }
            EventType::Release => custody = Custody::Released { since },
            EventType::Pardon => custody = Custody::Pardoned { since },
            EventType::Ban => {
                if let Some(term) = ev.term {
                    let length = term_days(&date, &term);
                    if date.first_ordinal() + length > day {
                        banned_until = Some((length, format!("~{}", add_days(&date, length))));
                    }
                }
            }
            EventType::Dissolution if t.role == Some(Role::Target) => organisation = Standing::Dissolved { since },
            EventType::RegistrationDenied if t.role == Some(Role::Target) && organisation == Standing::Active => {
                organisation = Standing::RegistrationDenied { since };
            }
            _ => {}
        }
    }
    Status { as_of: as_of.to_string(), custody, banned_until: banned_until.map(|b| b.1), organisation }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entity, EntityKind, Event, Participant};

    fn event(kind: EventType, date: &str, term: Option<Term>) -> Event {
        Event {
            kind,
            date: Edtf::parse(date),
            place: None,
            participants: vec![Participant { entity: 0, role: Role::Target }],
            count: None,
            term,
            amount: None,
            legal: vec![],
            sources: vec![],
        }
    }

    fn record(events: Vec<Event>) -> Record {
        let person = Entity { kind: EntityKind::Person, name: "A B".into(), aliases: vec![], mentions: vec![] };
        Record { entities: vec![person], events, conflicts: vec![] }
    }

    #[test]
    fn a_sentence_runs_until_its_term_ends() {
        let r = record(vec![
            event(EventType::Arrest, "2017-01-20", None),
            event(EventType::Sentence, "2017-04-07", Some(Term { years: 2, months: 6, days: 0 })),
            event(EventType::Ban, "2017-04-07", Some(Term { years: 2, months: 0, days: 0 })),
        ]);
        let s = status(&r, 0, Edtf::parse("2018-01-01").unwrap());
        assert!(matches!(s.custody, Custody::Serving { .. }), "{s:?}");
        assert_eq!(s.banned_until.as_deref(), Some("~2019-04-07"));
        let later = status(&r, 0, Edtf::parse("2020-01-01").unwrap());
        assert!(matches!(later.custody, Custody::Released { .. }), "{later:?}");
        let before = status(&r, 0, Edtf::parse("2017-02-01").unwrap());
        assert!(matches!(before.custody, Custody::Detained { .. }), "{before:?}");
    }

    #[test]
    fn a_pardon_ends_custody_and_dissolution_marks_organisations() {
        let mut r = record(vec![
            event(EventType::Sentence, "2018-12", Some(Term { years: 7, months: 0, days: 0 })),
            event(EventType::Pardon, "2019-08", None),
            event(EventType::Dissolution, "2017-01-04", None),
        ]);
        r.entities[0].kind = EntityKind::Organization;
        let s = status(&r, 0, Edtf::parse("2019-10").unwrap());
        assert!(matches!(s.custody, Custody::Pardoned { .. }), "{s:?}");
        assert!(matches!(s.organisation, Standing::Dissolved { .. }), "{s:?}");
    }
}
