//! The resolved record: exact round trips through the normalised tables, and atomic saves.

mod common;

use common::{backends, each_store, record, PgDatabase};
use dossier_extract::*;
use dossier_store::{Error, Store};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

#[test]
fn a_full_record_reads_back_exactly() {
    each_store(|store| {
        let saved = record();
        store.save_record(&saved).unwrap();
        assert_eq!(store.load_record().unwrap(), Some(saved.clone()));
        // Saving again replaces, never appends.
        store.save_record(&saved).unwrap();
        assert_eq!(store.load_record().unwrap(), Some(saved));
        store.save_record(&Record::default()).unwrap();
        assert_eq!(store.load_record().unwrap(), Some(Record::default()));
        assert_eq!(store.counts().unwrap().entities, 0);
        store.check_integrity().unwrap();
    });
}

#[test]
fn a_record_survives_reopening() {
    for backend in backends() {
        let place = backend.place();
        place.open().save_record(&record()).unwrap();
        assert_eq!(place.open().load_record().unwrap(), Some(record()), "{}", backend.name());
    }
}

#[test]
fn a_failed_save_keeps_the_previous_record() {
    each_store(|store| {
        store.save_record(&record()).unwrap();

        let mut dangling = record();
        dangling.events[0].participants[0].entity = 99;
        assert!(matches!(store.save_record(&dangling), Err(Error::Sqlite(_) | Error::Postgres(_))));
        assert_eq!(store.load_record().unwrap(), Some(record()));

        let mut dangling = record();
        dangling.conflicts[0].event = 7;
        assert!(store.save_record(&dangling).is_err());

        let mut nan = record();
        nan.events[0].amount.as_mut().unwrap().usd = Some(f64::NAN);
        let err = store.save_record(&nan).unwrap_err();
        assert!(matches!(err, Error::Unstorable(_)), "{err}");

        let mut far = record();
        far.events[1].date = Some(Edtf::point(CalDate::y(12_000)));
        let err = store.save_record(&far).unwrap_err();
        assert!(err.to_string().starts_with("cannot store date 12000"), "{err}");

        let mut huge = record();
        huge.entities[0].mentions[0].doc = u64::MAX;
        assert!(matches!(store.save_record(&huge), Err(Error::Unstorable(_))));

        assert_eq!(store.load_record().unwrap(), Some(record()));
    });
}

/// (id, date, date_start, date_end) of an events row.
type DateRow = (i64, Option<String>, Option<i64>, Option<i64>);

#[test]
fn event_dates_are_stored_as_ordinal_ranges() {
    // Range queries (the HTTP API's) read date_start/date_end; check them through SQL.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dossier.db");
    Store::open(&path).unwrap().save_record(&record()).unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    let rows: Vec<DateRow> = conn
        .prepare("SELECT id, date, date_start, date_end FROM events ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let protest = Edtf::parse("2020-08-09/2020-12").unwrap();
    assert_eq!(rows[1].1.as_deref(), Some("2020-08-09/2020-12"));
    assert_eq!(rows[1].2, Some(protest.first_ordinal()));
    assert_eq!(rows[1].3, Some(protest.last_ordinal()));
    assert_eq!(rows[2], (2, None, None, None));
    let term: String = conn.query_row("SELECT term FROM events WHERE id = 0", [], |r| r.get(0)).unwrap();
    assert_eq!(term, "P10Y");

    // The same columns on PostgreSQL.
    let Some(db) = PgDatabase::create() else { return };
    Store::open_postgres(&db.url).unwrap().save_record(&record()).unwrap();
    let pg_rows: Vec<DateRow> = db
        .client()
        .query("SELECT id, date, date_start, date_end FROM events ORDER BY id", &[])
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3)))
        .collect();
    assert_eq!(pg_rows, rows);
}

// ------------------------------------------------------------------ property test

fn cal_date() -> impl Strategy<Value = CalDate> {
    (0i32..=9999, option::of((1u8..=12, option::of(1u8..=28)))).prop_map(|(y, md)| match md {
        None => CalDate::y(y),
        Some((m, None)) => CalDate::ym(y, m).unwrap(),
        Some((m, Some(d))) => CalDate::ymd(y, m, d).unwrap(),
    })
}

fn edtf() -> impl Strategy<Value = Edtf> {
    (cal_date(), option::of(cal_date())).prop_map(|(a, b)| match b {
        Some(b) => Edtf::interval(a, b),
        None => Edtf::point(a),
    })
}

fn finite() -> impl Strategy<Value = f64> {
    prop::num::f64::NORMAL | prop::num::f64::SUBNORMAL | prop::num::f64::ZERO
}

fn amount() -> impl Strategy<Value = Amount> {
    (option::of(finite()), option::of(finite()), option::of(finite()), "[A-Z]{3}", option::of(finite()))
        .prop_map(|(value, min, max, currency, usd)| Amount { value, min, max, currency, usd })
}

fn count() -> impl Strategy<Value = Count> {
    let bound = prop_oneof![
        Just(Bound::Exact),
        Just(Bound::About),
        Just(Bound::AtLeast),
        Just(Bound::MoreThan),
        Just(Bound::AtMost),
        Just(Bound::FewerThan),
    ];
    (0..=i64::MAX as u64, bound).prop_map(|(value, bound)| Count { value, bound })
}

fn term() -> impl Strategy<Value = Term> {
    (any::<u32>(), 0u32..24, 0u32..400).prop_map(|(years, months, days)| Term { years, months, days })
}

fn doc_id() -> impl Strategy<Value = u64> {
    0..=i64::MAX as u64
}

fn index(n: usize) -> BoxedStrategy<Option<usize>> {
    if n == 0 {
        Just(None).boxed()
    } else {
        option::of(0..n).boxed()
    }
}

fn entity() -> impl Strategy<Value = Entity> {
    let kind = prop_oneof![Just(EntityKind::Person), Just(EntityKind::Organization), Just(EntityKind::Place)];
    let mention =
        (doc_id(), 0usize..1 << 40, 0usize..1 << 40).prop_map(|(doc, start, end)| DocSpan { doc, start, end });
    (kind, any::<String>(), vec(any::<String>(), 0..3), vec(mention, 0..3))
        .prop_map(|(kind, name, aliases, mentions)| Entity { kind, name, aliases, mentions })
}

fn claim(entities: usize) -> impl Strategy<Value = Claim> {
    (
        doc_id(),
        (0usize..1 << 40, 0usize..1 << 40),
        any::<String>(),
        option::of(edtf()),
        index(entities),
        option::of(count()),
        option::of(term()),
        option::of(amount()),
    )
        .prop_map(|(doc, (start, end), quote, date, place, count, term, amount)| Claim {
            doc,
            span: Span { start, end },
            quote,
            date,
            place,
            count,
            term,
            amount,
        })
}

fn event(entities: usize) -> impl Strategy<Value = Event> {
    let role = prop_oneof![Just(Role::Target), Just(Role::Agent), Just(Role::Participant)];
    let participants = if entities == 0 {
        Just(Vec::new()).boxed()
    } else {
        vec((0..entities, role).prop_map(|(entity, role)| Participant { entity, role }), 0..3).boxed()
    };
    (
        (0..EventType::ALL.len()).prop_map(|i| EventType::ALL[i]),
        option::of(edtf()),
        index(entities),
        participants,
        option::of(count()),
        option::of(term()),
        option::of(amount()),
        vec(any::<String>(), 0..3),
        vec(claim(entities), 0..3),
    )
        .prop_map(|(kind, date, place, participants, count, term, amount, legal, sources)| Event {
            kind,
            date,
            place,
            participants,
            count,
            term,
            amount,
            legal,
            sources,
        })
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    prop_oneof![
        any::<String>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<u64>().prop_map(serde_json::Value::from),
        finite().prop_map(serde_json::Value::from),
        amount().prop_map(|a| serde_json::to_value(a).unwrap()),
        count().prop_map(|c| serde_json::to_value(c).unwrap()),
    ]
}

fn conflict(events: usize) -> impl Strategy<Value = Conflict> {
    let field = prop_oneof![
        Just(ConflictField::Date),
        Just(ConflictField::Count),
        Just(ConflictField::Amount),
        Just(ConflictField::Term),
        Just(ConflictField::Place),
    ];
    let value = (json_value(), vec(doc_id(), 0..3), vec(0usize..10, 0..3))
        .prop_map(|(value, docs, claims)| ConflictValue { value, docs, claims });
    (0..events, field, vec(value, 0..3)).prop_map(|(event, field, values)| Conflict { event, field, values })
}

fn any_record() -> impl Strategy<Value = Record> {
    (0usize..5, 0usize..5).prop_flat_map(|(n_entities, n_events)| {
        let conflicts = if n_events == 0 { Just(Vec::new()).boxed() } else { vec(conflict(n_events), 0..4).boxed() };
        (vec(entity(), n_entities), vec(event(n_entities), n_events), conflicts).prop_map(
            |(entities, events, mut conflicts)| {
                // A record lists its conflicts in event order (the store keeps that order, not
                // the conflicts' ids, which an update in place does not renumber).
                conflicts.sort_by_key(|c| c.event);
                Record { entities, events, conflicts }
            },
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]
    #[test]
    fn any_record_reads_back_exactly(saved in any_record()) {
        let mut store = Store::open_in_memory().unwrap();
        store.save_record(&saved).unwrap();
        prop_assert_eq!(store.load_record().unwrap(), Some(saved));
    }
}

#[test]
fn any_record_reads_back_exactly_on_postgres() {
    let Some(db) = PgDatabase::create() else { return };
    // The runner wants a `Fn`; one store (one database) serves every case.
    let store = std::cell::RefCell::new(Store::open_postgres(&db.url).unwrap());
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(32));
    runner
        .run(&any_record(), |saved| {
            let mut store = store.borrow_mut();
            store.save_record(&saved).unwrap();
            prop_assert_eq!(store.load_record().unwrap(), Some(saved));
            Ok(())
        })
        .unwrap();
}
