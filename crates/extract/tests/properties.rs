//! Property tests: `extract_document` and `resolve` never panic, and everything they return
//! points where it says it does (spans in bounds and on char boundaries, quotes equal to
//! the text under their spans, every index inside the vector it indexes); absorbing
//! documents in parts, through a serialised state, gives the batch record.
//!
//! Two text generators: `any::<String>()` (arbitrary Unicode), and a genre generator that
//! mixes the stuff of labour-rights reports (names, months, amounts, "Article 402",
//! acronyms in brackets, curly quotes, dashes, blank lines, Cyrillic, emoji, combining
//! marks) so the rules behind the extractors actually fire.

use dossier_extract::{
    extract_document, resolve, Amount, Bound, CalDate, Count, DocExtraction, DocumentInput, DocumentRef, Edtf, Entity,
    EntityKind, Event, EventType, Judgement, LocalEntity, LocalEvent, LocalParticipant, Mention, PageId, PageSource,
    Record, Resolver, Role, Section, Span, StatePage, Term,
};
use proptest::prelude::*;

// ------------------------------------------------------------------ invariants

fn span_ok(text: &str, span: Span) -> Result<(), String> {
    if span.start > span.end || span.end > text.len() {
        return Err(format!("span {span:?} out of bounds (len {})", text.len()));
    }
    if !text.is_char_boundary(span.start) || !text.is_char_boundary(span.end) {
        return Err(format!("span {span:?} not on char boundaries"));
    }
    Ok(())
}

/// Every invariant of one document's extraction against its text.
fn check_extraction(text: &str, ex: &DocExtraction) -> Result<(), String> {
    let n = ex.entities.len();
    for (k, m) in ex.mentions.iter().enumerate() {
        span_ok(text, m.span).map_err(|e| format!("mention {k}: {e}"))?;
        if m.text != text[m.span.start..m.span.end] {
            return Err(format!("mention {k}: text {:?} != slice {:?}", m.text, &text[m.span.start..m.span.end]));
        }
        if m.entity >= n {
            return Err(format!("mention {k}: entity {} >= {n}", m.entity));
        }
    }
    for (k, e) in ex.events.iter().enumerate() {
        span_ok(text, e.source).map_err(|err| format!("event {k} source: {err}"))?;
        if e.quote != text[e.source.start..e.source.end] {
            return Err(format!("event {k}: quote {:?} != slice {:?}", e.quote, &text[e.source.start..e.source.end]));
        }
        for p in &e.participants {
            if p.entity >= n {
                return Err(format!("event {k}: participant {} >= {n}", p.entity));
            }
        }
        if let Some(p) = e.place {
            if p >= n {
                return Err(format!("event {k}: place {p} >= {n}"));
            }
            if ex.entities[p].kind != EntityKind::Place {
                return Err(format!("event {k}: place {p} is a {:?}", ex.entities[p].kind));
            }
        }
    }
    for (k, s) in ex.sections.iter().enumerate() {
        span_ok(text, s.span).map_err(|e| format!("section {k}: {e}"))?;
    }
    Ok(())
}

/// Every invariant of a record against the documents it was built from.
fn check_record(docs: &[(u64, &str)], r: &Record) -> Result<(), String> {
    let text_of = |doc: u64| docs.iter().find(|d| d.0 == doc).map(|d| d.1);
    let n = r.entities.len();
    for (g, e) in r.entities.iter().enumerate() {
        for m in &e.mentions {
            let text = text_of(m.doc).ok_or(format!("entity {g}: unknown doc {}", m.doc))?;
            span_ok(text, Span::new(m.start, m.end)).map_err(|err| format!("entity {g}: {err}"))?;
        }
    }
    for (k, e) in r.events.iter().enumerate() {
        for p in &e.participants {
            if p.entity >= n {
                return Err(format!("event {k}: participant {} >= {n}", p.entity));
            }
        }
        if e.place.is_some_and(|p| p >= n) {
            return Err(format!("event {k}: place {:?} >= {n}", e.place));
        }
        for (c, claim) in e.sources.iter().enumerate() {
            let text = text_of(claim.doc).ok_or(format!("event {k} claim {c}: unknown doc"))?;
            span_ok(text, claim.span).map_err(|err| format!("event {k} claim {c}: {err}"))?;
            if claim.quote != text[claim.span.start..claim.span.end] {
                return Err(format!("event {k} claim {c}: quote differs from its span"));
            }
            if claim.place.is_some_and(|p| p >= n) {
                return Err(format!("event {k} claim {c}: place {:?} >= {n}", claim.place));
            }
        }
    }
    for (i, c) in r.conflicts.iter().enumerate() {
        let Some(ev) = r.events.get(c.event) else {
            return Err(format!("conflict {i}: event {} >= {}", c.event, r.events.len()));
        };
        for v in &c.values {
            for &claim in &v.claims {
                if claim >= ev.sources.len() {
                    return Err(format!("conflict {i}: claim {claim} >= {} sources", ev.sources.len()));
                }
            }
        }
    }
    Ok(())
}

// ------------------------------------------------------------------ generators

#[rustfmt::skip]
const WORDS: &[&str] = &[
    // names, organisations, places
    "Andrei", "Khvastovich", "Maksim", "Yaroshevich", "Iaroshevich", "Nurlan", "Ospanov", "Aigul",
    "Bekova", "Larysa", "Shevchuk", "Oleksandr", "Tkachenko", "Mary", "O'Brien", "Jean-Luc",
    "McAllister", "Ltd", "LLP", "JSC", "Union", "Federation", "Confederation", "Independent",
    "Trade", "Workers", "Workers'", "Committee", "Court", "Supreme", "District", "City",
    "Ministry", "of", "Labour", "Justice", "Police", "Prosecutor", "Office", "Council", "Almaty",
    "Astana", "Shymkent", "Shmykent", "Zhanaozen", "Mangystau", "Region", "Oblast", "Kazakhstan",
    "Belarus", "Ukraine", "Kyiv", "Minsk", "Mogilev", "Republic", "the", "The", "and", "by", "in",
    "on", "at", "to", "for", "from", "with", "was", "were", "has", "had", "been", "is", "not",
    "he", "He", "she", "She", "they", "They", "It", "This", "that", "year", "years", "months",
    "month", "days", "weeks", "half", "a", "an", "one", "two", "three", "four", "five", "six",
    "ten", "dozen", "hundreds", "thousands", "around", "about", "some", "at least", "more than",
    "over", "up to", "fewer than", "nearly", "almost",
    // events
    "arrested", "detained", "charged", "accused", "tried", "trial", "sentenced", "convicted",
    "fined", "fine", "damages", "compensation", "banned", "ban", "barred", "released", "freed",
    "pardoned", "pardon", "amnesty", "dissolved", "liquidated", "liquidation",
    "refused to register", "registration", "strike", "strikes", "went on strike", "walked out",
    "hunger strike", "protest", "protested", "rally", "demonstration", "killed", "shot", "died",
    "injured", "beaten", "wounded", "dismissed", "fired", "sacked", "restricted", "adopted", "law",
    "signed into law", "campaign", "appeal", "urged", "condemned", "ILO", "complaint",
    "penal colony", "prison", "in prison", "house arrest", "restricted freedom", "suspended",
    "probation", "may", "May", "will", "could", "allegedly", "reportedly", "threatened", "planned",
    "if", "would",
    // time
    "January", "February", "March", "April", "June", "July", "August", "September", "October",
    "November", "December", "Jan.", "Feb", "Sept.", "Sep", "Dec.", "Monday", "Friday", "yesterday",
    "today", "last year", "this year", "next year", "that year", "this October",
    "earlier this month", "last month", "a few days ago", "since", "until", "between", "from",
    "to", "early", "late", "mid-",
    // numbers, money, law
    "2,300", "600", "1.5", "0.75", "1,000,000", "12", "31", "29", "2016", "2017", "2023", "2024",
    "1999", "2100", "9999", "0", "00", "007", "4294967296", "18446744073709551616", "1,2,3",
    "1..2", "1.2.3", "3½", "²", "٣", "US$", "$", "USD", "€", "£", "tenge", "KZT", "rubles",
    "roubles", "hryvnias", "BYN", "million", "billion", "thousand", "mln", "Article 402",
    "Art. 174", "Part 2 of Article 342", "Article", "Articles 174 and 402", "Criminal Code",
    "Code of Administrative Offences", "No.", "57/6053/2017", "(ABC)", "(IEWU)", "(ILO)",
    "(KNPRK)", "(", ")", "[", "]",
    // punctuation, quotes, dashes
    ".", ".", ",", ",", ";", ":", "!", "?", "…", "“", "”", "‘", "’", "\"", "'", "«", "»", "-", "–",
    "—", "‐", "/", "|", "#", "*", "_", ">", "©", "Copyright", "Fair use", "Share this", "Posted",
    "Updated", "By", "Photo:", "Tags:",
    // other scripts, emoji, combining marks, odd whitespace
    "Андрей", "Хвастович", "профсоюз", "Алматы", "октября", "2023 года", "Қазақстан", "👷", "✊🏽",
    "🇰🇿", "👨‍👩‍👧", "e\u{301}", "\u{301}", "\u{308}", "\u{200d}", "\u{200b}", "\u{feff}", "\u{a0}",
    "\u{2028}", "\u{ad}", "İ", "ß", "ﬁ", "Ǆ", "ǅ", "ΐ", "\u{1e9e}", "\u{10ffff}", "\0", "\t", "\r",
];

/// Template sentences: the rules fire on these, so the event paths get exercised.
fn sentence() -> impl Strategy<Value = String> {
    let given = prop::sample::select(vec!["Andrei", "Nurlan", "Aigul", "Larysa", "Mary", "Андрей"]);
    let surname = prop::sample::select(vec!["Khvastovich", "Ospanov", "Bekova", "Shevchuk", "O’Brien", "Хвастович"]);
    let verb = prop::sample::select(vec![
        "was arrested",
        "was detained",
        "was sentenced to two and a half years in a penal colony",
        "was fined 1,500,000 tenge (about US$3,400)",
        "was released",
        "was pardoned",
        "was dismissed",
        "went on a hunger strike",
        "was killed",
        "was injured",
        "was charged under Article 402 of the Criminal Code",
        "was banned from union activity for five years",
        "was sentenced to 3 years and 6 months",
        "refused to register the union",
    ]);
    let org = prop::sample::select(vec![
        "the Independent Trade Union (ITU)",
        "the Mogilev Gear Works (MGW)",
        "the Confederation of Independent Trade Unions of Kazakhstan",
        "ILO",
        "the KNPRK",
    ]);
    let place = prop::sample::select(vec!["Almaty", "Shymkent", "Mogilev", "Kyiv", "Zhanaozen", "Minsk"]);
    let month = prop::sample::select(vec![
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]);
    (given, surname, verb, org, place, month, 0u32..40, 1990u32..2110, 0u32..8, 0u64..5_000_000).prop_map(
        |(g, s, v, o, p, m, d, y, shape, n)| match shape {
            0 => format!("On {d} {m} {y}, {g} {s} {v} in {p}. "),
            1 => format!("{g} {s}, a leader of {o}, {v} on {m} {d}, {y}. "),
            2 => format!("In {m} {y} around {n} workers of {o} went on strike in {p}. "),
            3 => format!("{p}, {d} {m} {y}\n\n"),
            4 => format!("By {g} {s} | {m} {d}, {y}\n"),
            5 => format!("“{s} {v},” said {o}. He {v} last year. "),
            6 => format!("A court in {p} fined {o} {n}.{d} tenge (US${n}) on {d}–{} {m}. ", d + 2),
            _ => format!("Since {d} {m}, more than {n} people have protested in {p}; {s} {v}. "),
        },
    )
}

fn separator() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![" ", " ", " ", " ", "", "\n", "\n\n", "  ", "\r\n", "\n \n"])
}

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::sample::select(WORDS).prop_map(str::to_string),
        2 => sentence(),
        1 => any::<char>().prop_map(String::from),
        1 => "[A-Z][a-z]{0,9}",
        1 => "[0-9]{1,12}([.,][0-9]{1,4}){0,3}",
        1 => "\\PC{0,6}",
    ]
}

/// Genre-like text, up to roughly 2 KB.
fn genre_text() -> impl Strategy<Value = String> {
    prop::collection::vec((fragment(), separator()), 0..160).prop_map(|parts| {
        let mut s = String::new();
        for (f, sep) in parts {
            s.push_str(&f);
            s.push_str(sep);
        }
        s
    })
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => any::<String>(),
        1 => prop::collection::vec(any::<char>(), 0..400).prop_map(|v| v.into_iter().collect()),
        4 => genre_text(),
    ]
}

/// A metadata date built through the checked constructors, years from far past to far future.
fn valid_date() -> impl Strategy<Value = Edtf> {
    let year = prop_oneof![4 => 1900i32..2100, 1 => -9999i32..100_000];
    (year, 1u8..=12, 1u8..=31, 0u8..4, 0i64..400).prop_map(|(y, m, d, precision, width)| {
        let start = match precision {
            0 => CalDate::ymd(y, m, d).unwrap_or_else(|| CalDate::y(y)),
            1 => CalDate::ym(y, m).unwrap_or_else(|| CalDate::y(y)),
            _ => CalDate::y(y),
        };
        if precision == 3 {
            let start = CalDate::ymd(y, m, 1).unwrap_or(start);
            let end = CalDate::from_ordinal(start.first_ordinal() + width);
            Edtf::interval(start, end)
        } else {
            Edtf::point(start)
        }
    })
}

fn title() -> impl Strategy<Value = Option<String>> {
    prop::option::of(prop_oneof![any::<String>(), "[A-Za-z ]{0,40}"])
}

fn doc_input() -> impl Strategy<Value = (String, Option<String>, Option<Edtf>)> {
    (any_text(), title(), prop::option::of(valid_date()))
}

fn extract(text: &str, title: Option<&str>, published: Option<Edtf>) -> DocExtraction {
    extract_document(&DocumentInput { text, title, published })
}

// ------------------------------------------------------------------ properties

/// The parts `cuts` marks among `n` documents (a part ends after document i when cuts[i]),
/// each with the judgements it absorbs: `early` always, `late` from part `from` on and in the
/// last part.
fn parts(
    n: usize,
    cuts: &[bool],
    early: &[Judgement],
    late: &[Judgement],
    from: usize,
) -> Vec<(std::ops::Range<usize>, Vec<Judgement>)> {
    let mut out = Vec::new();
    let mut start = 0;
    for end in 1..=n {
        if end < n && !cuts.get(end - 1).copied().unwrap_or(false) {
            continue;
        }
        let judged = out.len() >= from || end == n;
        out.push((start..end, early.iter().chain(if judged { late } else { &[] }).cloned().collect()));
        start = end;
    }
    out
}

/// Absorbs documents in the [`parts`] `cuts` marks, through a serialised state each time; a
/// stale absorption resolves everything so far again.
fn in_parts(
    refs: &[DocumentRef<'_>],
    cuts: &[bool],
    early: &[Judgement],
    late: &[Judgement],
    from: usize,
) -> Result<Record, String> {
    let mut r = Resolver::new();
    for (range, judgements) in parts(refs.len(), cuts, early, late, from) {
        let (start, end) = (range.start, range.end);
        // As the store does: a state that does not read back (a date outside EDTF's years)
        // or a stale absorption means resolving everything again.
        let json = serde_json::to_string(&r).map_err(|e| e.to_string())?;
        let absorbed = match serde_json::from_str::<Resolver>(&json) {
            Ok(mut read) => read.absorb(&refs[start..end], &judgements).is_ok().then_some(read),
            Err(_) => None,
        };
        r = absorbed.unwrap_or_else(|| Resolver::resolve(&refs[..end], &judgements));
    }
    Ok(r.record())
}

/// A store of resolver pages in memory, with the record as a store patches it.
#[derive(Default)]
struct MemoryStore {
    head: String,
    pages: std::collections::HashMap<PageId, String>,
    entities: Vec<Entity>,
    events: Vec<Event>,
}

impl PageSource for MemoryStore {
    type Error = std::convert::Infallible;
    fn pages(&mut self, ids: &[PageId]) -> Result<Vec<StatePage>, Self::Error> {
        Ok(ids.iter().filter_map(|id| self.pages.get(id).map(|d| StatePage { id: *id, data: d.clone() })).collect())
    }
    fn all_pages(&mut self) -> Result<Vec<StatePage>, Self::Error> {
        Ok(self.pages.iter().map(|(id, d)| StatePage { id: *id, data: d.clone() }).collect())
    }
}

impl MemoryStore {
    fn save_whole(&mut self, mut r: Resolver) {
        let record = r.record();
        self.entities = record.entities;
        self.events = record.events;
        self.head = r.head();
        self.pages = r.pages(true).into_iter().map(|p| (p.id, p.data)).collect();
    }
}

/// As [`in_parts`], through pages kept between parts as a store keeps them (each part reads
/// back only the pages it asks for) and a record patched with what each part changed.
fn in_parts_paged(
    refs: &[DocumentRef<'_>],
    cuts: &[bool],
    early: &[Judgement],
    late: &[Judgement],
    from: usize,
) -> Result<Record, String> {
    let mut store = MemoryStore::default();
    store.save_whole(Resolver::new());
    for (range, judgements) in parts(refs.len(), cuts, early, late, from) {
        let (start, end) = (range.start, range.end);
        let mut r = Resolver::from_head(&store.head).ok_or("no head")?;
        match r.absorb_from(&mut store, &refs[start..end], &judgements) {
            Ok(Ok(change)) => {
                for &(id, kept) in &change.entities {
                    let e = r.entity_from(id, kept).ok_or("a changed entity is not held")?;
                    if id == store.entities.len() {
                        store.entities.push(e);
                    } else {
                        let mut mentions = std::mem::take(&mut store.entities[id].mentions);
                        mentions.truncate(kept);
                        mentions.extend(e.mentions.iter().cloned());
                        store.entities[id] = Entity { mentions, ..e };
                    }
                }
                for &p in &change.events {
                    let e = r.event(p).ok_or("a changed event is not held")?;
                    if p == store.events.len() {
                        store.events.push(e);
                    } else {
                        store.events[p] = e;
                    }
                }
                store.head = r.head();
                store.pages.extend(r.pages(false).into_iter().map(|p| (p.id, p.data)));
            }
            _ => store.save_whole(Resolver::resolve(&refs[..end], &judgements)),
        }
    }
    let conflicts = dossier_extract::conflict::find_conflicts(&store.events);
    Ok(Record { entities: store.entities, events: store.events, conflicts })
}

/// 256 cases by default (the suite stays well under 30 s in debug); `PROPTEST_CASES`
/// raises it for a longer hunt.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(256);
    ProptestConfig { cases, ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_strings_never_panic(text in any::<String>()) {
        let ex = extract(&text, None, None);
        if let Err(e) = check_extraction(&text, &ex) {
            prop_assert!(false, "{}", e);
        }
    }

    #[test]
    fn genre_text_keeps_its_invariants((text, title, published) in doc_input()) {
        let ex = extract(&text, title.as_deref(), published);
        if let Err(e) = check_extraction(&text, &ex) {
            prop_assert!(false, "{}", e);
        }
        // A plausible metadata date wins over the text; one far outside EDTF's four-digit
        // years may be refused, but must not panic.
        if published.is_some_and(|d| (1000..=9999).contains(&d.start.year)) {
            prop_assert_eq!(ex.published, published, "metadata date must win");
        }
        if let Some(t) = &title {
            prop_assert_eq!(ex.title.as_ref(), Some(t), "metadata title must win");
        }
    }

    #[test]
    fn resolve_keeps_its_invariants(
        docs in prop::collection::vec(doc_input(), 1..=4),
        keys in prop::collection::vec(any::<u64>(), 4),
        judgements in prop::collection::vec((any::<bool>(), any::<usize>(), any::<usize>()), 0..6),
    ) {
        // Distinct keys, as a store hands them out.
        let mut keys = keys;
        keys.sort_unstable();
        keys.dedup();
        while keys.len() < docs.len() {
            keys.push(keys.last().map_or(0, |k| k.wrapping_add(1)));
        }
        let extractions: Vec<DocExtraction> =
            docs.iter().map(|(t, ti, p)| extract(t, ti.as_deref(), *p)).collect();
        for (ex, (t, _, _)) in extractions.iter().zip(&docs) {
            if let Err(e) = check_extraction(t, ex) {
                prop_assert!(false, "{}", e);
            }
        }
        let refs: Vec<DocumentRef<'_>> = extractions
            .iter()
            .zip(&keys)
            .map(|(extraction, &key)| DocumentRef { key, extraction })
            .collect();
        // Judgements name forms the documents use (and some they don't).
        let forms: Vec<&str> = extractions
            .iter()
            .flat_map(|e| e.entities.iter().flat_map(|x| x.forms.iter().map(String::as_str)))
            .chain(["Nobody", ""])
            .collect();
        let judgements: Vec<Judgement> = judgements
            .into_iter()
            .map(|(same, a, b)| Judgement {
                same,
                a: forms[a % forms.len()].to_string(),
                b: forms[b % forms.len()].to_string(),
            })
            .collect();
        let record = resolve(&refs, &judgements);
        let texts: Vec<(u64, &str)> = keys.iter().copied().zip(docs.iter().map(|d| d.0.as_str())).collect();
        if let Err(e) = check_record(&texts, &record) {
            prop_assert!(false, "{}", e);
        }
        // The same documents absorbed in parts, the judgements arriving late.
        let cuts: Vec<bool> = keys.iter().map(|k| k % 3 != 0).collect();
        let from = keys.first().map_or(0, |k| (k % 4) as usize);
        let (early, late) = judgements.split_at(judgements.len() / 2);
        prop_assert_eq!(in_parts(&refs, &cuts, early, late, from), Ok(record.clone()));
        prop_assert_eq!(in_parts_paged(&refs, &cuts, early, late, from), Ok(record));
    }
}

/// Sentences whose dates are read relative to the document's own date.
const RELATIVE: &[&str] = &[
    "Around 600 workers went on strike this year.",
    "Hundreds protested last year.",
    "Ann Lee was arrested next year.",
    "He was arrested on 5 March.",
    "Workers walked out in December.",
    "She was detained in January.",
    "They were fined last month.",
    "He was released next month.",
    "He was beaten yesterday.",
    "He was detained a few days ago.",
    "In 2020 he was arrested. On 16 December that year he was released.",
    "The union was dissolved this October.",
    "Earlier this month the union was banned.",
];

/// Any year an `i32` holds, biased to both ends, through the checked constructors.
fn extreme_date() -> impl Strategy<Value = Edtf> {
    let year = prop_oneof![
        1 => Just(i32::MAX),
        1 => Just(i32::MIN),
        1 => (i32::MAX - 3)..=i32::MAX,
        1 => i32::MIN..=(i32::MIN + 3),
        2 => any::<i32>(),
    ];
    (year, 1u8..=12, 1u8..=28, 0u8..3).prop_map(|(y, m, d, precision)| {
        Edtf::point(match precision {
            0 => CalDate::ymd(y, m, d).unwrap_or(CalDate::y(y)),
            1 => CalDate::ym(y, m).unwrap_or(CalDate::y(y)),
            _ => CalDate::y(y),
        })
    })
}

/// A month or day field, mostly out of its range.
fn odd_calendar_field() -> impl Strategy<Value = u8> {
    prop_oneof![Just(0u8), Just(13), Just(32), Just(u8::MAX), Just(u8::MAX - 1), 1u8..=12, any::<u8>()]
}

fn entity_kind() -> impl Strategy<Value = EntityKind> {
    prop::sample::select(vec![EntityKind::Person, EntityKind::Organization, EntityKind::Place])
}

fn hand_built_entity() -> impl Strategy<Value = LocalEntity> {
    let form = prop_oneof![3 => prop::sample::select(WORDS).prop_map(str::to_string), 1 => any::<String>()];
    (entity_kind(), prop::collection::vec(form, 0..4)).prop_map(|(kind, forms)| LocalEntity {
        kind,
        name: forms.first().cloned().unwrap_or_default(),
        forms,
    })
}

fn hand_built_event() -> impl Strategy<Value = LocalEvent> {
    let participant = (0usize..12, prop::sample::select(vec![Role::Target, Role::Agent, Role::Participant]))
        .prop_map(|(entity, role)| LocalParticipant { entity, role });
    let count = (
        any::<u64>(),
        prop::sample::select(vec![
            Bound::Exact,
            Bound::About,
            Bound::AtLeast,
            Bound::MoreThan,
            Bound::AtMost,
            Bound::FewerThan,
        ]),
    )
        .prop_map(|(value, bound)| Count { value, bound });
    let amount = (
        prop::option::of(any::<f64>()),
        prop::option::of(any::<f64>()),
        prop::option::of(any::<f64>()),
        prop::sample::select(vec!["KZT", "USD", "kzt", ""]),
    )
        .prop_map(|(value, min, max, currency)| Amount { value, min, max, currency: currency.into(), usd: None });
    let term =
        (any::<u32>(), any::<u32>(), any::<u32>()).prop_map(|(years, months, days)| Term { years, months, days });
    (
        prop::sample::select(EventType::ALL.to_vec()),
        prop::option::of(valid_date()),
        prop::option::of(0usize..12),
        prop::collection::vec(participant, 0..3),
        (prop::option::of(count), prop::option::of(term), prop::option::of(amount)),
        (0usize..64, 0usize..64),
    )
        .prop_map(|(kind, date, place, participants, (count, term, amount), (a, b))| LocalEvent {
            kind,
            date,
            place,
            participants,
            count,
            term,
            amount,
            legal: Vec::new(),
            source: Span::new(a, b),
            quote: String::new(),
        })
}

/// Extractions no extractor wrote: indexes past the end, inverted spans, NaN amounts.
fn hand_built_extraction() -> impl Strategy<Value = DocExtraction> {
    let mention = (0usize..64, 0usize..64, 0usize..12).prop_map(|(a, b, entity)| Mention {
        span: Span::new(a, b),
        text: String::new(),
        entity,
    });
    let section = (0usize..64, 0usize..64, prop::option::of(valid_date())).prop_map(|(a, b, date)| Section {
        span: Span::new(a, b),
        date,
        title: None,
    });
    (
        prop::collection::vec(hand_built_entity(), 0..8),
        prop::collection::vec(mention, 0..8),
        prop::collection::vec(hand_built_event(), 0..8),
        prop::collection::vec(section, 0..3),
    )
        .prop_map(|(entities, mentions, events, sections)| DocExtraction {
            published: None,
            title: None,
            sections,
            entities,
            mentions,
            events,
        })
}

fn check_record_indexes(r: &Record) -> Result<(), String> {
    let n = r.entities.len();
    for (k, e) in r.events.iter().enumerate() {
        if e.participants.iter().any(|p| p.entity >= n) || e.place.is_some_and(|p| p >= n) {
            return Err(format!("event {k}: entity index out of range ({n} entities)"));
        }
        if e.sources.iter().any(|c| c.place.is_some_and(|p| p >= n)) {
            return Err(format!("event {k}: claim place out of range ({n} entities)"));
        }
    }
    for (i, c) in r.conflicts.iter().enumerate() {
        let ev = r.events.get(c.event).ok_or(format!("conflict {i}: no event {}", c.event))?;
        if c.values.iter().flat_map(|v| &v.claims).any(|&k| k >= ev.sources.len()) {
            return Err(format!("conflict {i}: claim index out of range"));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: config().cases / 4, ..config() })]

    /// Keys are the store's document ids and so distinct, but a caller that repeats one
    /// must still get a record back, not a panic.
    #[test]
    fn resolve_with_repeated_keys_never_panics(docs in prop::collection::vec(genre_text(), 1..=4)) {
        let extractions: Vec<DocExtraction> = docs.iter().map(|t| extract(t, None, None)).collect();
        let refs: Vec<DocumentRef<'_>> =
            extractions.iter().map(|extraction| DocumentRef { key: 7, extraction }).collect();
        let record = resolve(&refs, &[]);
        let n = record.entities.len();
        for e in &record.events {
            prop_assert!(e.participants.iter().all(|p| p.entity < n));
            prop_assert!(e.place.is_none_or(|p| p < n));
        }
        for c in &record.conflicts {
            prop_assert!(c.event < record.events.len());
        }
    }

    /// The metadata date is the caller's: any year an `i32` holds, with text whose dates are
    /// read relative to it ("last year", "next month", "in December"). Neither extraction
    /// nor resolution may overflow.
    #[test]
    fn extreme_metadata_years_never_panic(
        published in extreme_date(),
        picks in prop::collection::vec(prop::sample::select(RELATIVE), 1..4),
    ) {
        let text = picks.join(" ");
        let ex = extract(&text, None, Some(published));
        if let Err(e) = check_extraction(&text, &ex) {
            prop_assert!(false, "{}", e);
        }
        let record = resolve(&[DocumentRef { key: 1, extraction: &ex }, DocumentRef { key: 2, extraction: &ex }], &[]);
        if let Err(e) = check_record(&[(1, &text), (2, &text)], &record) {
            prop_assert!(false, "{}", e);
        }
    }

    /// `CalDate`'s fields are public, so a caller can hand over a metadata date no
    /// constructor would build (month 0 or 255, day 40, a day without a month). It may be
    /// ignored, but must not panic, and neither may resolving what comes out.
    #[test]
    fn invalid_metadata_calendar_fields_never_panic(
        year in 1900i32..2100,
        month in prop::option::of(odd_calendar_field()),
        day in prop::option::of(odd_calendar_field()),
        end in prop::option::of((1900i32..2100, prop::option::of(odd_calendar_field()), prop::option::of(odd_calendar_field()))),
        picks in prop::collection::vec(prop::sample::select(RELATIVE), 1..4),
    ) {
        let published = Edtf {
            start: CalDate { year, month, day },
            end: end.map(|(year, month, day)| CalDate { year, month, day }),
        };
        let text = picks.join(" ");
        let ex = extract(&text, None, Some(published));
        if let Err(e) = check_extraction(&text, &ex) {
            prop_assert!(false, "{}", e);
        }
        let record = resolve(&[DocumentRef { key: 1, extraction: &ex }, DocumentRef { key: 2, extraction: &ex }], &[]);
        if let Err(e) = check_record(&[(1, &text), (2, &text)], &record) {
            prop_assert!(false, "{}", e);
        }
    }

    /// `resolve` takes extractions by value type, not by provenance: hand-built ones with
    /// out-of-range indexes and spans must still give a record whose indexes hold.
    #[test]
    fn resolve_survives_hand_built_extractions(
        docs in prop::collection::vec(hand_built_extraction(), 1..=4),
        judgements in prop::collection::vec((any::<bool>(), prop::sample::select(WORDS), prop::sample::select(WORDS)), 0..4),
    ) {
        let refs: Vec<DocumentRef<'_>> =
            docs.iter().enumerate().map(|(k, extraction)| DocumentRef { key: k as u64, extraction }).collect();
        let judgements: Vec<Judgement> = judgements
            .into_iter()
            .map(|(same, a, b)| Judgement { same, a: a.to_string(), b: b.to_string() })
            .collect();
        let record = resolve(&refs, &judgements);
        if let Err(e) = check_record_indexes(&record) {
            prop_assert!(false, "{}", e);
        }
        prop_assert_eq!(in_parts(&refs, &[true; 4], &judgements, &[], 0), Ok(record.clone()));
        prop_assert_eq!(in_parts_paged(&refs, &[true; 4], &judgements, &[], 0), Ok(record));
    }
}

// ------------------------------------------------------------------ fixed cases

/// Hand-picked inputs that once looked risky: empty, whitespace only, lone combining marks,
/// a date-shaped line with nothing else, the extreme numbers.
#[test]
fn edge_inputs_keep_their_invariants() {
    let cases = [
        "",
        " ",
        "\n\n\n",
        "\u{301}",
        "\u{feff}",
        "e\u{301}\u{301}\u{301}",
        "12 October 2023",
        "By Andrei | 4 October 2023\nBy Maksim | 5 October 2023\n",
        "On 31 February 2023 he was arrested.",
        "He was fined 18446744073709551616 tenge.",
        "He was sentenced to 4294967296 years.",
        "He was fined US$.",
        "(ABC) (ABC) (ABC)",
        "“",
        "Article 402 Article Article",
        "👨‍👩‍👧 was arrested on 1 May 2020 in Almaty.",
    ];
    for text in cases {
        for published in [None, Edtf::parse("2023-10-04"), Edtf::parse("2023")] {
            let ex = extract(text, None, published);
            if let Err(e) = check_extraction(text, &ex) {
                panic!("{text:?}: {e}");
            }
        }
    }
}

// ------------------------------------------------------------------ regressions
// Shrunk cases the properties above found; each keeps its own test so a failure names it.

/// A name run closed by a line break, then a comma: the appositive look-ahead in
/// `entities::person_evidence` sliced `tokens[end + 1..s.end]` with `s.end == end`.
#[test]
fn regression_name_then_line_break_then_comma() {
    for text in ["Aa Aa\r\n, ", "Criminal Code Aa\n, ", "Aa Nurlan\r\n, "] {
        let ex = extract(text, None, None);
        if let Err(e) = check_extraction(text, &ex) {
            panic!("{text:?}: {e}");
        }
    }
}

/// Two bylines on consecutive lines: the second one's section start moved up onto the
/// first one's line, so a section came out with `start > end`.
#[test]
fn regression_consecutive_bylines_give_ordered_sections() {
    let text = "Strike ends.\nBy Ann Lee | 1 May 2020\nWorkers went home.\n\
                By Ann Lee | 2 May 2020\nBy Ann Lee | 3 May 2020\n";
    let ex = extract(text, None, None);
    if let Err(e) = check_extraction(text, &ex) {
        panic!("{e}");
    }
}

/// Relative dates read against a metadata date at the ends of `i32` overflowed.
#[test]
fn regression_extreme_metadata_years() {
    let dates = [
        Edtf::point(CalDate::y(i32::MAX)),
        Edtf::point(CalDate::y(i32::MIN)),
        Edtf::point(CalDate::ymd(i32::MAX, 12, 31).unwrap_or(CalDate::y(i32::MAX))),
        Edtf::point(CalDate::ymd(i32::MIN, 1, 1).unwrap_or(CalDate::y(i32::MIN))),
    ];
    for published in dates {
        for text in RELATIVE {
            let ex = extract(text, None, Some(published));
            if let Err(e) = check_extraction(text, &ex) {
                panic!("{text:?} {published:?}: {e}");
            }
            let docs = [DocumentRef { key: 1, extraction: &ex }, DocumentRef { key: 2, extraction: &ex }];
            let record = resolve(&docs, &[]);
            if let Err(e) = check_record(&[(1, text), (2, text)], &record) {
                panic!("{text:?} {published:?}: {e}");
            }
        }
    }
}
