//! Cross-document resolution: one entity per real-world person, organisation or place, one
//! event per real-world event, and the disagreements between the passages that tell it.
//!
//! Every comparison goes through blocking keys (surname key, organisation key, acronym,
//! place key; event type with a participant or a year), so the cost grows with the number
//! of mentions, not with its square.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::date::Edtf;
use crate::entities::strip_region;
use crate::model::*;
use crate::names;
use crate::DocumentRef;

/// A human judgement on two names: the same entity, or different ones. Judgements win over
/// the automatic rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judgement {
    pub same: bool,
    pub a: String,
    pub b: String,
}

struct Dsu {
    parent: Vec<usize>,
}

impl Dsu {
    fn new(n: usize) -> Self {
        Dsu { parent: (0..n).collect() }
    }
    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }
    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            // The lower index stays root so ids follow first appearance.
            let (lo, hi) = if a < b { (a, b) } else { (b, a) };
            self.parent[hi] = lo;
        }
    }
}

/// One local entity, addressed in the collection.
struct LocalRef<'a> {
    entity: &'a LocalEntity,
}

fn is_acronym_form(f: &str) -> bool {
    let letters = f.chars().filter(|c| c.is_alphabetic()).count();
    (2..=8).contains(&letters) && f.chars().all(|c| !c.is_lowercase()) && !f.contains(' ')
}

fn multiword(f: &str) -> bool {
    f.split_whitespace().count() >= 2
}

/// Blocking keys of a local entity: entities sharing any key are candidates for merging.
fn entity_keys(e: &LocalEntity) -> Vec<String> {
    let mut keys = Vec::new();
    match e.kind {
        EntityKind::Person => {
            // Full names block on the whole key; surname-only entities are attached later.
            for f in &e.forms {
                if multiword(f) {
                    keys.push(format!("p:{}", names::person_key(f)));
                }
            }
        }
        EntityKind::Organization => {
            for f in &e.forms {
                if is_acronym_form(f) {
                    keys.push(format!("a:{f}"));
                } else {
                    keys.push(format!("o:{}", names::org_key(f)));
                    let ini = names::initials(f);
                    if ini.len() >= 3 && multiword(f) {
                        keys.push(format!("a:{ini}"));
                    }
                }
            }
        }
        EntityKind::Place => {
            for f in &e.forms {
                keys.push(format!("l:{}", names::org_key(&strip_region(f))));
            }
        }
    }
    keys.sort();
    keys.dedup();
    keys
}

fn surname_key(name: &str) -> Option<String> {
    name.split_whitespace().last().map(names::word_key)
}

fn given_key(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    (words.len() >= 2).then(|| names::word_key(words[0]))
}

fn given_names_agree(a: &str, b: &str) -> bool {
    match (given_key(a), given_key(b)) {
        (Some(x), Some(y)) => x == y || (x.len() >= 4 && y.len() >= 4 && names::edit_distance(&x, &y) <= 1),
        _ => false,
    }
}

/// Joins documents' extractions into one record.
pub fn resolve(docs: &[DocumentRef<'_>], judgements: &[Judgement]) -> Record {
    // ---------------------------------------------------------------- entities
    let mut locals: Vec<LocalRef<'_>> = Vec::new();
    let mut local_index: HashMap<(u64, usize), usize> = HashMap::new();
    for d in docs {
        for (k, e) in d.extraction.entities.iter().enumerate() {
            local_index.insert((d.key, k), locals.len());
            locals.push(LocalRef { entity: e });
        }
    }
    let n = locals.len();
    let mut dsu = Dsu::new(n);
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for (i, l) in locals.iter().enumerate() {
        for k in entity_keys(l.entity) {
            match by_key.get(&k) {
                Some(&j) => dsu.union(i, j),
                None => {
                    by_key.insert(k, i);
                }
            }
        }
    }
    // Full-name persons sharing a surname key: merge when given names agree, through
    // a surname block.
    let mut by_surname: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, l) in locals.iter().enumerate() {
        if l.entity.kind == EntityKind::Person {
            if let Some(s) = surname_key(&l.entity.name) {
                by_surname.entry(s).or_default().push(i);
            }
        }
    }
    let mut surnames: Vec<&String> = by_surname.keys().collect();
    surnames.sort();
    for s in surnames {
        let members = &by_surname[s];
        let full: Vec<usize> = members.iter().copied().filter(|&i| multiword(&locals[i].entity.name)).collect();
        // Distinct given names under this surname.
        let mut givens: Vec<String> = full.iter().filter_map(|&i| given_key(&locals[i].entity.name)).collect();
        givens.sort();
        givens.dedup();
        // Given names agree when their keys are equal or one letter apart (Fredy/Freddy,
        // Anwar/Anowar): the surname block keeps this comparison small.
        // Each distinct name is compared once, not each mention: someone quoted in thousands of
        // reports would otherwise cost the square of their mentions.
        let mut by_name: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for &i in &full {
            by_name.entry(locals[i].entity.name.as_str()).or_default().push(i);
        }
        let distinct: Vec<(&str, &Vec<usize>)> = by_name.iter().map(|(name, ms)| (*name, ms)).collect();
        for (a, &(name_a, ms_a)) in distinct.iter().enumerate() {
            if given_names_agree(name_a, name_a) {
                for &m in &ms_a[1..] {
                    dsu.union(ms_a[0], m);
                }
            }
            for &(name_b, ms_b) in &distinct[a + 1..] {
                if given_names_agree(name_a, name_b) {
                    for &m in ms_a.iter().chain(ms_b) {
                        dsu.union(ms_a[0], m);
                    }
                }
            }
        }
        let mut givens_merged: Vec<usize> = full.iter().map(|&i| dsu.find(i)).collect();
        givens_merged.sort();
        givens_merged.dedup();
        // A surname alone joins the full name when only one person bears that surname.
        for &i in members {
            if multiword(&locals[i].entity.name) {
                continue;
            }
            if givens.len() == 1 || givens_merged.len() == 1 {
                if let Some(&j) = full.first() {
                    dsu.union(i, j);
                }
            } else if full.is_empty() {
                if let Some(&j) = members.iter().find(|&&j| j != i) {
                    dsu.union(i, j);
                }
            }
        }
    }
    // Places: typos of the same name ("Shymkent"/"Shmykent"), blocked by first letter and length.
    // Each spelling is compared once, not once per mention: a city named in thousands of
    // reports is one string here, so the cost follows the distinct spellings, not the corpus.
    let mut place_blocks: BTreeMap<(char, usize), BTreeMap<String, Vec<usize>>> = BTreeMap::new();
    for (i, l) in locals.iter().enumerate() {
        if l.entity.kind == EntityKind::Place {
            let key = names::ascii_fold(&strip_region(&l.entity.name));
            if let Some(c) = key.chars().next() {
                place_blocks.entry((c, key.len())).or_default().entry(key).or_default().push(i);
            }
        }
    }
    for (&(c, len), spellings) in &place_blocks {
        if len < 6 {
            continue;
        }
        let pool: Vec<(&String, &Vec<usize>)> =
            spellings.iter().chain(place_blocks.get(&(c, len + 1)).into_iter().flatten()).collect();
        for a in 0..pool.len() {
            for b in a + 1..pool.len() {
                if names::edit_distance(pool[a].0, pool[b].0) == 1 {
                    // Every mention of both spellings, as comparing each pair of mentions did.
                    let first = pool[a].1[0];
                    for &m in pool[a].1.iter().chain(pool[b].1) {
                        dsu.union(first, m);
                    }
                }
            }
        }
    }
    // Human judgements: "same" joins, "different" splits what the rules joined.
    let form_owner = |dsu: &mut Dsu, name: &str| -> Vec<usize> {
        let mut out: Vec<usize> = locals
            .iter()
            .enumerate()
            .filter(|(_, l)| l.entity.forms.iter().any(|f| f.eq_ignore_ascii_case(name)))
            .map(|(i, _)| dsu.find(i))
            .collect();
        out.sort();
        out.dedup();
        out
    };
    for j in judgements.iter().filter(|j| j.same) {
        let a = form_owner(&mut dsu, &j.a);
        let b = form_owner(&mut dsu, &j.b);
        if let (Some(&x), Some(&y)) = (a.first(), b.first()) {
            dsu.union(x, y);
        }
    }
    let mut split_groups: Vec<(Vec<usize>, Vec<usize>)> = Vec::new();
    for j in judgements.iter().filter(|j| !j.same) {
        let a: Vec<usize> =
            (0..n).filter(|&i| locals[i].entity.forms.iter().any(|f| f.eq_ignore_ascii_case(&j.a))).collect();
        let b: Vec<usize> =
            (0..n).filter(|&i| locals[i].entity.forms.iter().any(|f| f.eq_ignore_ascii_case(&j.b))).collect();
        split_groups.push((a, b));
    }
    let mut group_of: Vec<usize> = (0..n).map(|i| dsu.find(i)).collect();
    for (a, b) in split_groups {
        // Locals bearing B's form leave A's group and form their own.
        let Some(&first_b) = b.first() else { continue };
        let a_roots: Vec<usize> = a.iter().map(|&i| group_of[i]).collect();
        for &i in &b {
            if a_roots.contains(&group_of[i]) && !a.contains(&i) {
                group_of[i] = n + first_b;
            }
        }
    }

    // Global entities in order of first appearance.
    let mut order: Vec<usize> = Vec::new();
    let mut global_of_group: HashMap<usize, usize> = HashMap::new();
    for (i, &g) in group_of.iter().enumerate() {
        if let std::collections::hash_map::Entry::Vacant(e) = global_of_group.entry(g) {
            e.insert(order.len());
            order.push(i);
        }
    }
    let mut entities: Vec<Entity> = Vec::with_capacity(order.len());
    let mut form_counts: Vec<BTreeMap<String, usize>> = vec![BTreeMap::new(); order.len()];
    let mut kind_votes: Vec<[usize; 3]> = vec![[0; 3]; order.len()];
    for (i, l) in locals.iter().enumerate() {
        let g = global_of_group[&group_of[i]];
        for f in &l.entity.forms {
            *form_counts[g].entry(f.clone()).or_default() += 1;
        }
        kind_votes[g][l.entity.kind as usize] += 1 + l.entity.forms.len();
    }
    for (g, counts) in form_counts.iter().enumerate() {
        let kind = [EntityKind::Person, EntityKind::Organization, EntityKind::Place]
            .into_iter()
            .max_by_key(|k| (kind_votes[g][*k as usize], matches!(k, EntityKind::Organization)))
            .unwrap_or(EntityKind::Person);
        let name = preferred(kind, counts);
        let aliases: Vec<String> = counts.keys().filter(|f| **f != name).cloned().collect();
        entities.push(Entity { kind, name, aliases, mentions: Vec::new() });
    }
    let local_to_global =
        |doc: u64, k: usize| -> Option<usize> { local_index.get(&(doc, k)).map(|&i| global_of_group[&group_of[i]]) };
    for d in docs {
        for m in &d.extraction.mentions {
            if let Some(g) = local_to_global(d.key, m.entity) {
                entities[g].mentions.push(DocSpan { doc: d.key, start: m.span.start, end: m.span.end });
            }
        }
    }

    // ---------------------------------------------------------------- events
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut event_blocks: HashMap<String, Vec<usize>> = HashMap::new();
    let mut all_items: Vec<(u64, Item)> = Vec::new();
    for d in docs {
        for le in &d.extraction.events {
            let section = d
                .extraction
                .sections
                .iter()
                .position(|s| s.span.start <= le.source.start && le.source.start < s.span.end)
                .unwrap_or(0);
            let context = d.extraction.sections.get(section).and_then(|s| s.date).or(d.extraction.published);
            let participants: Vec<Participant> = le
                .participants
                .iter()
                .filter_map(|p| local_to_global(d.key, p.entity).map(|entity| Participant { entity, role: p.role }))
                .collect();
            let place = le.place.and_then(|p| local_to_global(d.key, p));
            let claim = Claim {
                doc: d.key,
                span: le.source,
                quote: le.quote.clone(),
                date: le.date,
                place,
                count: le.count,
                term: le.term,
                amount: le.amount.clone(),
            };
            // A penalty told of several named people is one penalty each ("three activists,
            // A, B and C, remain banned"): the passage is cited by each person's event.
            let people: Vec<usize> = participants
                .iter()
                .filter(|p| p.role == Role::Target && entities[p.entity].kind == EntityKind::Person)
                .map(|p| p.entity)
                .collect();
            let individual = matches!(
                le.kind,
                EventType::Sentence | EventType::Ban | EventType::Pardon | EventType::Fine | EventType::Damages
            );
            let items: Vec<Item> = if individual && people.len() >= 2 {
                people
                    .iter()
                    .map(|&person| Item {
                        kind: le.kind,
                        participants: participants
                            .iter()
                            .filter(|p| p.entity == person || !people.contains(&p.entity))
                            .cloned()
                            .collect(),
                        legal: le.legal.clone(),
                        claim: claim.clone(),
                        section,
                        context,
                    })
                    .collect()
            } else {
                vec![Item { kind: le.kind, participants, legal: le.legal.clone(), claim, section, context }]
            };
            all_items.extend(items.into_iter().map(|item| (d.key, item)));
        }
    }
    // Penalties with a stated term found their events first: a vaguer passage ("jailed this
    // October") then joins the one it fits best, whatever order the reports came in.
    let richness = |i: &Item| u8::from(i.claim.term.is_some());
    all_items.sort_by_key(|(_, i)| std::cmp::Reverse(richness(i)));
    {
        {
            for (doc, item) in all_items {
                let d_key = doc;
                // The most recent clusters of each block: a block that grows huge (one type, one
                // month, thousands of unnamed groups) costs a bounded amount per event.
                let mut candidates: Vec<usize> = lookup_keys(&item, d_key)
                    .iter()
                    .filter_map(|k| event_blocks.get(k))
                    .flat_map(|v| v.iter().rev().take(MAX_CANDIDATES_PER_KEY))
                    .copied()
                    .collect();
                candidates.sort_unstable();
                candidates.dedup();
                let best = candidates
                    .into_iter()
                    .filter_map(|c| clusters[c].score(&item).map(|s| (s, std::cmp::Reverse(c))))
                    .max()
                    .map(|(_, std::cmp::Reverse(c))| c);
                let keys = register_keys(&item, d_key);
                let c = match best {
                    Some(c) => {
                        clusters[c].add(item);
                        c
                    }
                    None => {
                        clusters.push(Cluster::new(item));
                        clusters.len() - 1
                    }
                };
                for k in keys {
                    let v = event_blocks.entry(k).or_default();
                    if v.last() != Some(&c) && !v.contains(&c) {
                        v.push(c);
                    }
                }
            }
        }
    }
    // Events in the order reports tell them; each event's sources in report order.
    let doc_rank: HashMap<u64, usize> = docs.iter().enumerate().map(|(i, d)| (d.key, i)).collect();
    let at = |c: &Claim| (doc_rank.get(&c.doc).copied().unwrap_or(usize::MAX), c.span.start, c.span.end);
    let mut events: Vec<Event> = clusters.iter().map(Cluster::to_event).collect();
    for e in &mut events {
        e.participants.sort_by_key(|p| (p.entity, p.role));
        e.sources.sort_by_key(|c| at(c));
    }
    events.sort_by_key(|e| e.sources.first().map(&at));
    harmonise_currencies(&mut events);
    let conflicts = crate::conflict::find_conflicts(&events);
    Record { entities, events, conflicts }
}

/// Sources of one event that name the same money differently ("rubles" read as RUB in a
/// report that names no country, BYN in one about Belarus) are brought to the local code.
fn harmonise_currencies(events: &mut [Event]) {
    for e in events.iter_mut() {
        let codes: Vec<String> =
            e.sources.iter().filter_map(|c| c.amount.as_ref().map(|a| a.currency.clone())).collect();
        let Some(local) = codes.iter().find(|c| crate::lexicon::generic_currency(c).is_some()) else { continue };
        let Some(generic) = crate::lexicon::generic_currency(local) else { continue };
        let local = local.clone();
        for a in e.sources.iter_mut().filter_map(|c| c.amount.as_mut()).chain(e.amount.as_mut()) {
            if a.currency == generic {
                a.currency = local.clone();
            }
        }
    }
}

fn preferred(kind: EntityKind, counts: &BTreeMap<String, usize>) -> String {
    let score = |f: &str, c: usize| {
        let words = f.split_whitespace().count();
        let caps = f.chars().all(|ch| !ch.is_lowercase());
        let latin = f.chars().all(|ch| !ch.is_alphabetic() || ch.is_ascii_alphabetic());
        match kind {
            EntityKind::Person => {
                (usize::from(latin), usize::from(words >= 2) * 10 + words.min(3), c, usize::from(!caps))
            }
            EntityKind::Organization => (usize::from(latin), usize::from(!caps), c, words),
            EntityKind::Place => {
                (usize::from(latin), usize::from(!f.to_lowercase().starts_with("republic")), c, 10 - words.min(10))
            }
        }
    };
    counts
        .iter()
        .max_by_key(|(f, c)| (score(f, **c), std::cmp::Reverse((*f).clone())))
        .map(|(f, _)| f.clone())
        .unwrap_or_default()
}

struct Item {
    kind: EventType,
    participants: Vec<Participant>,
    legal: Vec<String>,
    claim: Claim,
    section: usize,
    /// The date of the document or section that tells it: undated events happened before it.
    context: Option<Edtf>,
}

fn named(participants: &[Participant]) -> Vec<usize> {
    participants.iter().filter(|p| p.role != Role::Agent).map(|p| p.entity).collect()
}

/// Events of many people, told of groups: their reports name different participants.
fn collective(kind: EventType) -> bool {
    matches!(kind, EventType::Strike | EventType::HungerStrike | EventType::Protest)
}

/// How many clusters of one blocking key an event is compared with, newest first.
const MAX_CANDIDATES_PER_KEY: usize = 200;

/// Months an EDTF value covers (at most a year's worth), as (year, month).
fn months(d: &Edtf) -> Vec<(i32, u8)> {
    let first = d.start;
    let last = d.end.unwrap_or(d.start);
    let mut out = Vec::new();
    let (mut y, mut m) = (first.year, first.month.unwrap_or(1));
    let (ly, lm) = (last.year, last.month.unwrap_or(12));
    while (y, m) <= (ly, lm) && out.len() < 12 {
        out.push((y, m));
        (y, m) = shift(y, m, 1);
        if out.last() == Some(&(y, m)) {
            break;
        }
    }
    out
}

/// A month `by` months away; saturates at the ends of the calendar.
fn shift(y: i32, m: u8, by: i32) -> (i32, u8) {
    let n = (y as i64) * 12 + m as i64 - 1 + by as i64;
    let year = n.div_euclid(12).clamp(i32::MIN as i64, i32::MAX as i64) as i32;
    (year, (n.rem_euclid(12) + 1) as u8)
}

/// Whether an item is compared by time (unnamed groups, strikes and protests) rather than
/// by who it concerns.
fn by_time(item: &Item) -> bool {
    collective(item.kind) || named(&item.participants).is_empty()
}

/// The keys a cluster is filed under once it holds this item: its named participants, its
/// report section, and the months and years its date covers (year-only dates apart, so
/// that a month-precise report finds them without scanning a whole year).
fn register_keys(item: &Item, doc: u64) -> Vec<String> {
    let t = item.kind.as_str();
    let mut keys: Vec<String> = named(&item.participants).iter().map(|e| format!("{t}:e{e}")).collect();
    keys.push(format!("{t}:s{doc}:{}", item.section));
    // An undated report is filed under the weeks before it, where dated reports look.
    if let (None, Some(ctx)) = (item.claim.date, item.context) {
        let (y, m) = (ctx.start.year, ctx.start.month.unwrap_or(12));
        for back in 0..3 {
            let (y, m) = shift(y, m, -back);
            keys.push(format!("{t}:m{y}-{m}"));
        }
    }
    if let Some(d) = item.claim.date {
        if d.start.month.is_none() {
            keys.push(format!("{t}:Y{}", d.start.year));
        }
        for (y, m) in months(&d) {
            keys.push(format!("{t}:m{y}-{m}"));
            keys.push(format!("{t}:y{y}"));
        }
    }
    keys.sort();
    keys.dedup();
    keys
}

/// The keys under which an item looks for its event.
fn lookup_keys(item: &Item, doc: u64) -> Vec<String> {
    let t = item.kind.as_str();
    let mut keys: Vec<String> = named(&item.participants).iter().map(|e| format!("{t}:e{e}")).collect();
    keys.push(format!("{t}:s{doc}:{}", item.section));
    if by_time(item) {
        match (item.claim.date, item.context) {
            (Some(d), _) if d.start.month.is_none() => {
                for y in d.start.year..=d.end.unwrap_or(d.start).year.min(d.start.year.saturating_add(2)) {
                    keys.push(format!("{t}:y{y}"));
                }
            }
            (Some(d), _) => {
                let ms = months(&d);
                if let (Some(&(fy, fm)), Some(&(ly, lm))) = (ms.first(), ms.last()) {
                    let (py, pm) = shift(fy, fm, -1);
                    let (ny, nm) = shift(ly, lm, 1);
                    keys.push(format!("{t}:m{py}-{pm}"));
                    keys.push(format!("{t}:m{ny}-{nm}"));
                    keys.push(format!("{t}:Y{fy}"));
                }
                keys.extend(ms.iter().map(|(y, m)| format!("{t}:m{y}-{m}")));
            }
            // An undated report: events of the weeks before it.
            (None, Some(ctx)) => {
                let (y, m) = (ctx.start.year, ctx.start.month.unwrap_or(12));
                for back in 0..3 {
                    let (y, m) = shift(y, m, -back);
                    keys.push(format!("{t}:m{y}-{m}"));
                }
            }
            (None, None) => {}
        }
    }
    keys.sort();
    keys.dedup();
    keys
}

struct Cluster {
    kind: EventType,
    participants: Vec<Participant>,
    legal: Vec<String>,
    claims: Vec<Claim>,
    /// (document, start, end) of every claim: one passage is cited once.
    claim_keys: HashSet<(u64, usize, usize)>,
    sections: HashSet<(u64, usize)>,
    contexts: Vec<Edtf>,
    /// The distinct values the claims give, with the (document, section) that gives them:
    /// comparisons run over these, not over every claim.
    dates: Vec<(Edtf, (u64, usize))>,
    terms: Vec<Term>,
    counts: Vec<(Count, (u64, usize))>,
    places: HashSet<usize>,
}

fn gap_days(a: &Edtf, b: &Edtf) -> i64 {
    if a.overlaps(b) {
        0
    } else {
        (a.first_ordinal() - b.last_ordinal()).max(b.first_ordinal() - a.last_ordinal())
    }
}

/// Whether an event dated `d` can be the one a report of `context` tells without a date:
/// reports tell the recent past.
fn fits_context(d: &Edtf, context: &Edtf, years: i64) -> bool {
    d.first_ordinal() <= context.last_ordinal() + 31 && d.last_ordinal() >= context.first_ordinal() - 35 - 365 * years
}

/// Counts far apart (no overlap, and more than three times apart) are different groups.
fn counts_far_apart(a: &Count, b: &Count) -> bool {
    if crate::conflict::counts_agree(a, b) {
        return false;
    }
    let (a0, a1) = crate::conflict::count_range(a);
    let (b0, b1) = crate::conflict::count_range(b);
    let (lo, hi) = if a1 < b0 { (a1, b0) } else { (b1, a0) };
    hi > 3.0 * lo.max(1.0)
}

impl Cluster {
    fn new(item: Item) -> Self {
        let mut c = Cluster {
            kind: item.kind,
            participants: Vec::new(),
            legal: Vec::new(),
            claims: Vec::new(),
            claim_keys: HashSet::new(),
            sections: HashSet::new(),
            contexts: Vec::new(),
            dates: Vec::new(),
            terms: Vec::new(),
            counts: Vec::new(),
            places: HashSet::new(),
        };
        c.add(item);
        c
    }

    /// How well the item fits this event; `None` when it cannot be the same event.
    fn score(&self, item: &Item) -> Option<i64> {
        if item.kind != self.kind {
            return None;
        }
        let c = &item.claim;
        let here = (c.doc, item.section);
        // Two events of one sentence were kept apart on purpose.
        if self.claim_keys.contains(&(c.doc, c.span.start, c.span.end)) {
            return None;
        }
        let is_named = |p: &&Participant| p.role != Role::Agent;
        let mine_empty = !self.participants.iter().any(|p| p.role != Role::Agent);
        let theirs_count = item.participants.iter().filter(is_named).count();
        let shared = item
            .participants
            .iter()
            .filter(is_named)
            .filter(|p| self.participants.iter().any(|x| x.role != Role::Agent && x.entity == p.entity))
            .count() as i64;
        let same_section = self.sections.contains(&here);
        if !collective(self.kind) {
            if !mine_empty && theirs_count > 0 && shared == 0 {
                return None;
            }
            if mine_empty != (theirs_count == 0) {
                // "Two union leaders were arrested ... They are X and Y": a group counted in
                // one sentence and named in the next, in one report.
                let mine_count = self.participants.iter().filter(is_named).count();
                let people = mine_count.max(theirs_count) as u64;
                let counted =
                    self.counts.iter().map(|(n, _)| *n).chain(c.count).all(|n| n.value >= people && n.value <= 10);
                if !same_section || !counted {
                    return None;
                }
            }
        }
        let mut exact_date = false;
        if let Some(b) = c.date {
            for (a, where_) in &self.dates {
                let gap = gap_days(a, &b);
                if gap > 31 || (*where_ == here && gap > 0) {
                    return None;
                }
                exact_date |= gap == 0;
            }
        }
        if let Some(b) = c.term {
            for a in &self.terms {
                let (x, y) = (a.approx_days().max(1) as f64, b.approx_days().max(1) as f64);
                if x / y > 1.5 || y / x > 1.5 {
                    return None;
                }
            }
        }
        if let Some(b) = c.count {
            for (a, where_) in &self.counts {
                if counts_far_apart(a, &b) || (*where_ == here && !crate::conflict::counts_agree(a, &b)) {
                    return None;
                }
            }
        }
        // Undated reports join dated events only from around their own date.
        let dated = !self.dates.is_empty();
        // (A named person's state told years later, "remains banned", still joins.)
        let years = if shared > 0 { 6 } else { 1 };
        let outside_context = match (c.date, item.context) {
            (None, Some(ctx)) if dated => !self.dates.iter().any(|(d, _)| fits_context(d, &ctx, years)),
            (Some(d), _) if !dated => {
                !self.contexts.is_empty() && !self.contexts.iter().any(|ctx| fits_context(&d, ctx, years))
            }
            _ => false,
        };
        if outside_context {
            return None;
        }
        // Without names, dates or a shared report, nothing ties two mentions together but
        // recency: an undated report of the same kind of event within weeks of a dated one.
        let recent_to = |d: &Edtf, ctx: &Edtf| {
            d.last_ordinal() >= ctx.first_ordinal() - 60 && d.first_ordinal() <= ctx.last_ordinal()
        };
        let recent = match (c.date, item.context) {
            (None, Some(ctx)) => self.dates.iter().any(|(d, _)| recent_to(d, &ctx)),
            (Some(d), _) => !dated && self.contexts.iter().any(|ctx| recent_to(&d, ctx)),
            _ => false,
        };
        let both_dated = c.date.is_some() && dated;
        if shared == 0
            && !both_dated
            && !same_section
            && !recent
            && !(collective(self.kind) && (c.date.is_some() || dated))
        {
            return None;
        }
        let same_place = c.place.is_some_and(|p| self.places.contains(&p));
        Some(shared * 100 + i64::from(exact_date) * 20 + i64::from(same_place) * 10 + i64::from(same_section) * 5)
    }

    fn add(&mut self, item: Item) {
        let here = (item.claim.doc, item.section);
        for p in item.participants {
            if !self.participants.iter().any(|x| x.entity == p.entity) {
                self.participants.push(p);
            }
        }
        for l in item.legal {
            if !self.legal.contains(&l) {
                self.legal.push(l);
            }
        }
        self.sections.insert(here);
        if let Some(ctx) = item.context {
            if !self.contexts.contains(&ctx) {
                self.contexts.push(ctx);
            }
        }
        let c = item.claim;
        if !self.claim_keys.insert((c.doc, c.span.start, c.span.end)) {
            return;
        }
        if let Some(d) = c.date {
            if !self.dates.contains(&(d, here)) {
                self.dates.push((d, here));
            }
        }
        if let Some(t) = c.term {
            if !self.terms.contains(&t) {
                self.terms.push(t);
            }
        }
        if let Some(n) = c.count {
            if !self.counts.contains(&(n, here)) {
                self.counts.push((n, here));
            }
        }
        if let Some(p) = c.place {
            self.places.insert(p);
        }
        self.claims.push(c);
    }

    fn to_event(&self) -> Event {
        // The value most sources give; ties go to the more precise, then the earlier source.
        // The date most sources support: a coarser date ("in January") supports every day
        // inside it; ties go to the more precise, then the earlier source.
        let dates: Vec<Edtf> = self.claims.iter().filter_map(|c| c.date).collect();
        let date = dates
            .iter()
            .enumerate()
            .max_by_key(|(i, d)| {
                let support = dates.iter().filter(|o| d.within(o)).count();
                (support, -d.width(), std::cmp::Reverse(*i))
            })
            .map(|(_, d)| *d);
        let count = mode_by(&self.claims, |c| c.count, |c| if c.bound == Bound::Exact { 1 } else { 0 });
        let term = mode_by(&self.claims, |c| c.term, |_| 0);
        let place = mode_by(&self.claims, |c| c.place, |_| 0);
        let amount = self.claims.iter().find_map(|c| c.amount.clone());
        Event {
            kind: self.kind,
            date,
            place,
            participants: self.participants.clone(),
            count,
            term,
            amount,
            legal: self.legal.clone(),
            sources: self.claims.clone(),
        }
    }
}

/// The value most claims give; ties go to `tie`, then to the earliest claim.
fn mode_by<T: PartialEq + Copy, K: Ord>(
    claims: &[Claim],
    get: impl Fn(&Claim) -> Option<T>,
    tie: impl Fn(&T) -> K,
) -> Option<T> {
    // Distinct values are few even when claims are many.
    let mut tally: Vec<(T, usize, usize)> = Vec::new();
    for (pos, v) in claims.iter().filter_map(&get).enumerate() {
        match tally.iter_mut().find(|(x, _, _)| *x == v) {
            Some(entry) => entry.1 += 1,
            None => tally.push((v, 1, pos)),
        }
    }
    tally
        .into_iter()
        .max_by(|a, b| (a.1, tie(&a.0), usize::MAX - a.2).cmp(&(b.1, tie(&b.0), usize::MAX - b.2)))
        .map(|t| t.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{extract_document, DocumentInput};

    fn record(texts: &[&str], judgements: &[Judgement]) -> Record {
        let xs: Vec<DocExtraction> =
            texts.iter().map(|t| extract_document(&DocumentInput { text: t, title: None, published: None })).collect();
        let refs: Vec<DocumentRef<'_>> =
            xs.iter().enumerate().map(|(i, x)| DocumentRef { key: i as u64 + 1, extraction: x }).collect();
        resolve(&refs, judgements)
    }

    fn owner<'r>(r: &'r Record, form: &str) -> Vec<&'r Entity> {
        r.entities.iter().filter(|e| e.name == form || e.aliases.iter().any(|a| a == form)).collect()
    }

    const A: &str = "12 March 2021\n\nPolice detained union leader Timur Aliyev in Almaty on 10 March 2021.";
    const B: &str =
        "15 March 2021\n\nThe trade unionist Timur Aliev was arrested in Almaty on 10 March 2021, his union said.";
    const C: &str = "16 March 2021\n\nPolice detained union leader Timur Alikhanov in Almaty on 10 March 2021.";

    #[test]
    fn spelling_variants_are_one_person_and_one_event() {
        let r = record(&[A, B], &[]);
        let people = owner(&r, "Timur Aliev");
        assert_eq!(people.len(), 1, "{:?}", r.entities);
        assert!(people[0].aliases.iter().chain([&people[0].name]).any(|f| f == "Timur Aliyev"));
        let arrests: Vec<&Event> = r.events.iter().filter(|e| e.kind == EventType::Arrest).collect();
        assert_eq!(arrests.len(), 1, "{arrests:?}");
        assert_eq!(arrests[0].sources.len(), 2);
    }

    #[test]
    fn look_alike_names_stay_apart() {
        let r = record(&[A, C], &[]);
        assert_ne!(owner(&r, "Timur Aliyev")[0].name, owner(&r, "Timur Alikhanov")[0].name);
        let r = record(&["1 May 2020\n\nPresident Tokaev spoke.", "2 May 2020\n\nJudge Tokarev spoke."], &[]);
        assert_eq!(r.entities.iter().filter(|e| e.kind == EntityKind::Person).count(), 2, "{:?}", r.entities);
    }

    #[test]
    fn judgements_win_over_the_rules() {
        let split = record(&[A, B], &[Judgement { same: false, a: "Timur Aliyev".into(), b: "Timur Aliev".into() }]);
        assert_ne!(owner(&split, "Timur Aliyev")[0].name, owner(&split, "Timur Aliev")[0].name);
        let merged =
            record(&[A, C], &[Judgement { same: true, a: "Timur Aliyev".into(), b: "Timur Alikhanov".into() }]);
        assert_eq!(owner(&merged, "Timur Aliyev")[0].name, owner(&merged, "Timur Alikhanov")[0].name);
    }

    #[test]
    fn disagreeing_dates_are_one_event_with_a_conflict() {
        let d = "15 March 2021\n\nThe trade unionist Timur Aliev was arrested in Almaty on 11 March 2021.";
        let r = record(&[A, d], &[]);
        let arrests: Vec<usize> = (0..r.events.len()).filter(|&i| r.events[i].kind == EventType::Arrest).collect();
        assert_eq!(arrests.len(), 1, "{:?}", r.events);
        assert!(
            r.conflicts.iter().any(|c| c.event == arrests[0] && c.field == ConflictField::Date),
            "{:?}",
            r.conflicts
        );
    }
}
