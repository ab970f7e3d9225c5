//! Cross-document resolution on the team's own reports: two accounts of one case, spelled
//! and counted differently, make one record whose disagreements are shown side by side.

use dossier_extract::{extract_document, resolve, ConflictField, DocumentInput, EntityKind, EventType, Record};

const MONITOR: &str = "Steppe Labour Monitor
Astana, 25 January 2024

Hunger strike at copper smelter ends after eleven days

About 450 workers of the Balkhash copper smelter ended their hunger strike on 23 January. They had refused food since 12 January to demand the reinstatement of their union leader, Serik Dzhaksybekov, who was dismissed in December.

On 18 January police detained Dzhaksybekov and two other organisers in Balkhash. A court in Balkhash fined him 300,000 tenge on 19 January for \"leading an illegal strike\".
";

const NEWS: &str = "Central Asia Labour News
29 January 2024

Kazakhstan: smelter workers end protest fast

More than 500 employees of the copper plant in Balkhash, in Karaganda region, had been on hunger strike from 12 January, the independent union said. The protest ended on 22 January.

Union chairman Serik Jaksybekov was arrested on 17 January together with two colleagues. The next day a judge ordered him to pay a fine of 250,000 tenge.
";

fn record() -> Record {
    let extractions: Vec<_> =
        [MONITOR, NEWS].iter().map(|text| extract_document(&DocumentInput { text, ..Default::default() })).collect();
    let docs: Vec<_> = extractions
        .iter()
        .enumerate()
        .map(|(k, extraction)| dossier_extract::DocumentRef { key: k as u64 + 1, extraction })
        .collect();
    resolve(&docs, &[])
}

fn conflicts_of(record: &Record, kind: EventType) -> Vec<ConflictField> {
    record.conflicts.iter().filter(|c| record.events[c.event].kind == kind).map(|c| c.field).collect()
}

#[test]
fn two_spellings_of_one_leader_are_one_person() {
    let record = record();
    let people: Vec<_> = record.entities.iter().filter(|e| e.kind == EntityKind::Person).collect();
    assert_eq!(people.len(), 1, "{people:?}");
    let forms: Vec<&str> =
        std::iter::once(people[0].name.as_str()).chain(people[0].aliases.iter().map(String::as_str)).collect();
    assert!(forms.contains(&"Serik Dzhaksybekov") && forms.contains(&"Serik Jaksybekov"), "{forms:?}");
}

#[test]
fn each_act_is_told_once_with_every_report_that_tells_it() {
    let record = record();
    for kind in [EventType::Arrest, EventType::Fine, EventType::HungerStrike] {
        let events: Vec<_> = record.events.iter().filter(|e| e.kind == kind).collect();
        assert_eq!(events.len(), 1, "{kind:?}: {events:?}");
        let mut docs: Vec<u64> = events[0].sources.iter().map(|c| c.doc).collect();
        docs.dedup();
        assert_eq!(docs, vec![1, 2], "{kind:?}");
    }
}

#[test]
fn disagreements_are_shown_side_by_side() {
    let record = record();
    assert_eq!(conflicts_of(&record, EventType::Arrest), vec![ConflictField::Date]);
    assert!(conflicts_of(&record, EventType::Fine).contains(&ConflictField::Amount));
    // "about 450" and "more than 500" cannot both be right.
    assert_eq!(conflicts_of(&record, EventType::HungerStrike), vec![ConflictField::Count]);
}
