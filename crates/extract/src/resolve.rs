//! Cross-document resolution: one entity per real-world person, organisation or place, one
//! event per real-world event, and the disagreements between the passages that tell it.
//!
//! Every comparison goes through blocking keys (surname key, organisation key, acronym,
//! place key; event type with a participant or a year), so the cost grows with the number
//! of mentions, not with its square.
//!
//! Resolution is incremental: a [`Resolver`] holds the state of a resolution (the entity
//! union-find and its blocking indexes, the event clusters and theirs) and absorbs more
//! documents. Batch resolution is one absorption of every document, so the two agree by
//! construction; an absorption that would change a decision taken for earlier documents
//! (two earlier entities joined or parted, an entity's kind changed) refuses with
//! [`Stale`], and the caller resolves everything again.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use crate::date::{CalDate, Edtf};
use crate::entities::strip_region;
use crate::model::*;
use crate::names;
use crate::pages::{fnv_bucket, parse, BucketKey, Gap, PageId, PageSource, PagedMap, PagedVec, StatePage};
use crate::small::{push_tight, One, SmallMap, SmallSet, FEW};
use crate::DocumentRef;

/// A human judgement on two names: the same entity, or different ones. Judgements win over
/// the automatic rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Judgement {
    pub same: bool,
    pub a: String,
    pub b: String,
}

/// Bumped whenever a change to resolution or to the [`Resolver`]'s layout changes what a saved
/// state means, so that stores resolve again instead of continuing an incompatible state.
pub const RESOLVER_VERSION: u32 = 9;

/// Union-find whose root is always the lowest index of its set: the partition and every root
/// are the same whatever order the unions come in. Paged, so that a saved state reads only the
/// parents a new document's locals lead to.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Dsu {
    parent: PagedVec<usize, P_PARENT, 1024>,
}

impl Dsu {
    fn push(&mut self) -> Result<usize, Gap> {
        let n = self.parent.len();
        self.parent.push(n)
    }
    fn find(&mut self, mut x: usize) -> Result<usize, Gap> {
        loop {
            let p = *self.parent.get(x)?;
            if p == x {
                return Ok(x);
            }
            // A parent above its child would be a cycle: a damaged state.
            if p > x {
                return Err(Gap::Broken);
            }
            let grandparent = *self.parent.get(p)?;
            if grandparent != p {
                // Path halving, written only when it changes something (a written page is
                // saved again).
                *self.parent.get_mut(x)? = grandparent;
            }
            x = grandparent;
        }
    }
    fn union(&mut self, a: usize, b: usize) -> Result<(), Gap> {
        let (a, b) = (self.find(a)?, self.find(b)?);
        if a != b {
            // The lower index stays root so ids follow first appearance.
            let (lo, hi) = if a < b { (a, b) } else { (b, a) };
            *self.parent.get_mut(hi)? = lo;
        }
        Ok(())
    }
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
                    for k in names::person_key_variants(f) {
                        keys.push(format!("p:{k}"));
                    }
                }
            }
        }
        EntityKind::Organization => {
            for f in &e.forms {
                if is_acronym_form(f) {
                    keys.push(format!("a:{f}"));
                } else if !multiword(f)
                    && e.forms.iter().any(|g| multiword(g) && g.split_whitespace().next() == Some(f.as_str()))
                {
                    // "Norilsk" standing for "Norilsk Miners' Union" in one report says
                    // nothing about which Norilsk body another report means.
                    continue;
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

/// Whether two organisations both have full names and none of them agree.
fn full_names_differ(a: &[String], b: &[String]) -> bool {
    let keys = |forms: &[String]| -> Vec<String> {
        forms.iter().filter(|f| multiword(f) && !is_acronym_form(f)).map(|f| names::org_key(f)).collect()
    };
    let (ka, kb) = (keys(a), keys(b));
    !ka.is_empty() && !kb.is_empty() && !ka.iter().any(|k| kb.contains(k))
}

fn surname_key(name: &str) -> Option<String> {
    name.split_whitespace().last().map(names::word_key)
}

fn given_key(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    (words.len() >= 2).then(|| names::word_key(words[0]))
}

/// Given names agree when their keys are equal or one letter apart (Fredy/Freddy,
/// Anwar/Anowar): the surname block keeps this comparison small.
fn given_keys_agree(x: &str, y: &str) -> bool {
    x == y || (x.len() >= 4 && y.len() >= 4 && names::within_one_edit(x, y))
}

/// One local entity as the resolver keeps it: what the rules, judgements and the record need.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Local {
    kind: EntityKind,
    forms: Vec<String>,
}

/// The persons of one surname key.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct SurnameBlock {
    /// Full-name locals, in order.
    full: Vec<usize>,
    /// The distinct given-name keys of the full names, each with its first local.
    givens: BTreeMap<String, usize>,
    /// Surname-only locals, in order.
    short: Vec<usize>,
    /// The joins of surname-only locals this block's state implies (see [`SurnameBlock::joins`]).
    joins: Vec<(usize, usize)>,
}

impl SurnameBlock {
    /// A surname alone joins the full name when only one person bears that surname (one given
    /// name, or given names the rules already joined); surnames alone with no full name at all
    /// join each other.
    fn joins(&self, rules: &mut Dsu) -> Result<Vec<(usize, usize)>, Gap> {
        let Some(&first_full) = self.full.first() else {
            return Ok(self.short.iter().skip(1).filter_map(|&i| self.short.first().map(|&j| (i, j))).collect());
        };
        let one_person = self.givens.len() == 1 || {
            let root = rules.find(first_full)?;
            let mut all = true;
            for &i in &self.full {
                if rules.find(i)? != root {
                    all = false;
                    break;
                }
            }
            all
        };
        Ok(if one_person { self.short.iter().map(|&i| (i, first_full)).collect() } else { Vec::new() })
    }

    fn locals(&self) -> impl Iterator<Item = usize> + '_ {
        self.full
            .iter()
            .chain(&self.short)
            .chain(self.givens.values())
            .copied()
            .chain(self.joins.iter().flat_map(|&(a, b)| [a, b]))
    }
}

/// An entity's forms, each with how many locals spell it, in the order of the forms: a
/// sorted vector, since an entity has a few and a map's first node has room for eleven.
#[derive(Debug, Clone, Default, PartialEq)]
struct Forms(Vec<(String, usize)>);

impl Forms {
    fn add(&mut self, form: &str) {
        match self.0.binary_search_by(|(f, _)| f.as_str().cmp(form)) {
            Ok(i) => self.0[i].1 += 1,
            Err(i) => self.0.insert(i, (form.to_owned(), 1)),
        }
    }
}

/// Saved as a map of form to count.
impl Serialize for Forms {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(f, n)| (f, n)))
    }
}

impl<'de> Deserialize<'de> for Forms {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        BTreeMap::<String, usize>::deserialize(d).map(|m| Forms(m.into_iter().collect()))
    }
}

/// What the record says of one entity, accumulated over its locals.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct EntityAcc {
    forms: Forms,
    kind_votes: [usize; 3],
    #[serde(with = "spans")]
    mentions: Vec<DocSpan>,
    /// How many earlier mentions precede `mentions` and are not held: a saved page leaves
    /// them out (the saved record has them), so a state read back holds only new ones.
    #[serde(default)]
    elided: usize,
}

impl EntityAcc {
    fn kind(&self) -> EntityKind {
        [EntityKind::Person, EntityKind::Organization, EntityKind::Place]
            .into_iter()
            .max_by_key(|k| (self.kind_votes[*k as usize], matches!(k, EntityKind::Organization)))
            .unwrap_or(EntityKind::Person)
    }
    fn add(&mut self, local: &Local) {
        for f in &local.forms {
            self.forms.add(f);
        }
        self.kind_votes[local.kind as usize] += 1 + local.forms.len();
    }
    fn mention_count(&self) -> usize {
        self.elided + self.mentions.len()
    }
    /// The entity with its mentions from `from` on, when the accumulator holds them.
    fn entity_from(&self, from: usize) -> Option<Entity> {
        let held = from.checked_sub(self.elided)?;
        let kind = self.kind();
        let name = preferred(kind, &self.forms);
        let aliases: Vec<String> = self.forms.0.iter().map(|(f, _)| f).filter(|f| **f != name).cloned().collect();
        Some(Entity { kind, name, aliases, mentions: self.mentions.get(held..)?.to_vec() })
    }
    /// As saved in a page: without the mentions (see `elided`).
    fn saved(&self) -> EntityAcc {
        EntityAcc {
            forms: self.forms.clone(),
            kind_votes: self.kind_votes,
            mentions: Vec::new(),
            elided: self.mention_count(),
        }
    }
}

/// The new documents would change a decision taken for earlier ones (two earlier entities
/// joined or parted, an entity's kind changed); resolve every document again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stale;

impl std::fmt::Display for Stale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the new documents change earlier decisions; resolve every document again")
    }
}

impl std::error::Error for Stale {}

/// What one absorption changed in the record, for stores that update it in place.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Change {
    /// Entities before the absorption; ids from here on are new.
    pub entities_before: usize,
    /// Events before the absorption; positions from here on are new.
    pub events_before: usize,
    /// Every entity that changed or is new, by id, ascending, with how many mentions it had
    /// before (its earlier mentions are unchanged: new ones are appended).
    pub entities: Vec<(usize, usize)>,
    /// Every event that changed or is new, by position, ascending.
    pub events: Vec<usize>,
}

/// What an absorption into a state read back page by page ([`Resolver::from_head`]) came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Absorbed {
    /// Absorbed; the resolver holds the new state.
    Done(Change),
    /// As [`Resolver::absorb`]'s `Err(Stale)`: resolve every document again.
    Stale,
    /// These pages are needed: load them ([`Resolver::load`]) and absorb again. The resolver
    /// is unusable until then (absorb on a copy and keep the original to load into).
    Need(Vec<PageId>),
    /// Every page is needed (judgements look at every entity): load them all
    /// ([`Resolver::load_all`]) and absorb again.
    NeedAll,
}

/// Why an absorption stops.
enum Halt {
    Stale,
    Gap(Gap),
}

impl From<Gap> for Halt {
    fn from(g: Gap) -> Self {
        Halt::Gap(g)
    }
}

// The collections of a state, numbered as their pages are saved.
const P_LOCALS: u32 = 0;
const P_PARENT: u32 = 1;
const P_BY_KEY: u32 = 2;
const P_SURNAMES: u32 = 3;
const P_PLACES: u32 = 4;
const P_ENTITY_OF: u32 = 5;
const P_ENTITIES: u32 = 6;
const P_CLUSTERS: u32 = 7;
const P_HINTS: u32 = 8;
const P_EVENT_BLOCKS: u32 = 9;
const P_ORDER: u32 = 10;
const P_POSITION: u32 = 11;
const P_DOC_RANK: u32 = 12;
const P_DOC_EVENTS: u32 = 13;

/// What a saved state keeps outside its pages: the collections' sizes and the judgements.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Head {
    locals: usize,
    by_key: usize,
    surnames: usize,
    places: usize,
    entities: usize,
    clusters: usize,
    event_blocks: usize,
    documents: usize,
    #[serde(default)]
    doc_events: usize,
    judgements: Vec<Judgement>,
}

/// The state of a resolution, able to absorb more documents. Serialisable whole (serde), so a
/// caller can keep it as one value, or page by page ([`Resolver::head`], [`Resolver::pages`]),
/// so a store can keep it beside the record and the next process reads back only what the
/// new documents lead to.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Resolver {
    /// Set while an absorption runs and cleared when it succeeds: a state an absorption left
    /// half-done refuses further work.
    stale: bool,
    locals: PagedVec<Local, P_LOCALS, 256>,
    /// The rules that only ever join (shared blocking keys, agreeing given names, place typos).
    rules: Dsu,
    /// The first local of every blocking key.
    by_key: PagedMap<String, usize, P_BY_KEY>,
    surnames: PagedMap<String, SurnameBlock, P_SURNAMES>,
    /// Place keys by "first letter/length" block, each key with its first local.
    places: PagedMap<String, BTreeMap<String, usize>, P_PLACES>,
    judgements: Vec<Judgement>,
    /// The record's entity of every local.
    entity_of: PagedVec<usize, P_ENTITY_OF, 1024>,
    entities: PagedVec<EntityAcc, P_ENTITIES, 64>,
    clusters: PagedVec<Cluster, P_CLUSTERS, 8>,
    /// Of every cluster, what turns most candidates of a large block away without reading
    /// the cluster itself (see [`Hint`]).
    hints: PagedVec<Hint, P_HINTS, 1024>,
    event_blocks: PagedMap<BlockKey, EventBlock, P_EVENT_BLOCKS>,
    /// Cluster of every event position.
    order: PagedVec<usize, P_ORDER, 1024>,
    /// Position of every cluster (the inverse of `order`).
    position: PagedVec<usize, P_POSITION, 1024>,
    /// Every absorbed document's position in absorption order.
    doc_rank: PagedMap<u64, usize, P_DOC_RANK>,
    /// The clusters each document's items went to: where an item of a document absorbed
    /// again finds the events its own report section tells (one list a document, not a block
    /// a section and event type; a fresh document's are in the scratch).
    doc_events: PagedMap<u64, Vec<usize>, P_DOC_EVENTS>,
    /// Whether the state has been checked and its unsaved indexes (claim keys) built: false
    /// in a state just read back whole.
    #[serde(skip)]
    checked: bool,
    /// Scratch of [`Resolver::cluster`], not saved: of every cluster, the stamp of the last
    /// item that read it, and what turns most candidates away (see [`Quick`]).
    #[serde(skip)]
    quick: Vec<Quick>,
    /// Whether `quick` holds the hint of every cluster: only in a whole state, and not yet
    /// in one just read back.
    #[serde(skip)]
    quick_whole: bool,
    #[serde(skip)]
    stamp: u16,
    /// Scratch of [`Resolver::cluster`], not saved: the document being clustered.
    #[serde(skip)]
    scratch: DocScratch,
}

/// What [`Resolver::cluster`] keeps of the document whose items it is clustering.
#[derive(Debug, Clone, Default)]
struct DocScratch {
    doc: Option<u64>,
    /// The clusters its items went to: the only ones whose latest item is of this document.
    clusters: SmallSet<usize>,
    /// Those of each event type and report section, where an item of a document never
    /// absorbed before finds its own section's events without reading the document's
    /// others (a long report tells hundreds).
    sections: FxHashMap<(EventType, usize), SmallSet<usize>>,
}

/// The clusters filed under one event-block key, in order, and in memory, once the block is
/// large, a mark of each (see [`Mark`]). Saved as the clusters alone.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(transparent)]
struct EventBlock {
    clusters: Vec<usize>,
    /// One for each cluster, or none (a small block, or one read back until it grows), and
    /// the block is read without.
    #[serde(skip)]
    marks: Vec<Mark>,
}

/// From how many clusters on a block is marked (from two in unit tests, so that their small
/// collections are read through marks too and the debug checks see it).
const MARKED_FROM: usize = if cfg!(test) { 2 } else { 32 };

/// A cluster as it was when filed in a block: a cluster named then is named still, and its
/// dates only narrow, so an item these turn away its quick summary and its hint would turn
/// away too. Read in order with the block, they spare most candidates of a large block the
/// scattered reads.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Mark {
    named: bool,
    /// Its hint's dates (see [`Hint::dates`]).
    dates: Option<(i32, i32)>,
}

impl Mark {
    fn of(hint: &Hint) -> Mark {
        Mark { named: hint.named, dates: hint.dates }
    }

    /// Whether the hint would refuse an item of these first and last days (see [`day`]) for
    /// its date.
    fn refuses_date(&self, date: Option<(i32, i32)>) -> bool {
        match (self.dates, date) {
            (Some(bounds), Some(date)) => refuses_date(bounds, date),
            _ => false,
        }
    }
}

/// Of one cluster, what [`Resolver::cluster`] reads first, a few bytes in a dense vector that
/// stays in cache however large the state grows: the stamp of the last item that read it,
/// and the parts of its hint that turn most candidates away: its dates (an item dated a
/// month away), and, of an item naming no one, of another report than the cluster's latest,
/// whether it is named, dated and placed elsewhere.
///
/// Twelve bytes, a fifth of a hint: most candidates of a person's block are that person's
/// other events, turned away by their dates, and at 100,000 documents a hint read for each
/// was a miss of every cache.
#[derive(Debug, Clone, Copy)]
struct Quick {
    stamp: u16,
    /// Its hint's places folded to [`QUICK_PLACES`] bits (see [`Quick::place_bit`]), then
    /// whether it is named, then whether it is dated.
    bits: u16,
    /// Its hint's dates (see [`Hint::dates`]), or, without any, the widest range, which
    /// refuses no date (as a hint without dates refuses none).
    dates: (i32, i32),
}

impl Default for Quick {
    fn default() -> Self {
        Quick { stamp: 0, bits: 0, dates: NO_DATES }
    }
}

/// Dates bounds that refuse no date (see [`refuses_date`]).
const NO_DATES: (i32, i32) = (i32::MIN, i32::MAX);

/// Whether a cluster whose dates' latest first day and earliest last day are `bounds` refuses
/// an item of these first and last days for its date: one of its dates is more than 31 days
/// away (see `gap_days`).
fn refuses_date((latest_first, earliest_last): (i32, i32), (first, last): (i32, i32)) -> bool {
    i64::from(latest_first) - i64::from(last) > 31 || i64::from(first) - i64::from(earliest_last) > 31
}

/// How many bits of [`Quick::bits`] hold places.
const QUICK_PLACES: usize = 14;
const QUICK_NAMED: u16 = 1 << QUICK_PLACES;
const QUICK_DATED: u16 = 1 << (QUICK_PLACES + 1);

impl Quick {
    /// A place's bit: that of its bit in [`Hint::places`], folded.
    fn place_bit(bit_in_hint: usize) -> u16 {
        1 << (bit_in_hint % QUICK_PLACES)
    }

    fn take(&mut self, hint: &Hint) {
        let mut bits = 0;
        for i in (0..64).filter(|i| hint.places & (1 << i) != 0) {
            bits |= Quick::place_bit(i);
        }
        if hint.named {
            bits |= QUICK_NAMED;
        }
        if hint.dates.is_some() {
            bits |= QUICK_DATED;
        }
        self.bits = bits;
        self.dates = hint.dates.unwrap_or(NO_DATES);
    }

    /// Whether the hint would turn away an item (named or not, undated or not, placed or not)
    /// of another document than the cluster's latest: the same tests on less.
    fn refuses(&self, by_names: bool, item_named: bool, undated: bool, place: Option<usize>) -> bool {
        let named = self.bits & QUICK_NAMED != 0;
        let places = self.bits & (QUICK_NAMED - 1);
        (by_names && named != item_named)
            || (!item_named
                && ((undated && self.bits & QUICK_DATED == 0)
                    || place.is_some_and(|p| {
                        places != 0 && places & Quick::place_bit(place_bit(p).trailing_zeros() as usize) == 0
                    })))
    }
}

/// What [`Resolver::cluster`] reads of a candidate before the cluster itself: kept apart, in a
/// dense vector, so that turning a candidate away costs one small read rather than the
/// cluster's scattered sets. Every test here is one [`Cluster::score`] makes and refuses on,
/// so a candidate turned away is one it would score `None`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
struct Hint {
    /// Whether the cluster has named participants.
    named: bool,
    // Days and terms in 32 bits (see [`day`]): a hint is read for most candidates, and at
    // 64 bytes instead of 112 twice as many stay in cache.
    /// The latest first day and the earliest last day (ordinals) of its dates, if any: an
    /// item dated more than 31 days from one of its dates is another event.
    dates: Option<(i32, i32)>,
    /// The earliest first day and the latest last day of its dates, if any: an undated item
    /// whose report comes long after all of them (or before) is recent to none.
    span: Option<(i32, i32)>,
    /// The shortest and the longest of its terms, in days (at least 1), if any: an item whose
    /// term is more than half as long again as one of them, or the other way round, is
    /// another event.
    terms: Option<(i32, i32)>,
    /// The earliest first day and the latest last day of the dates of the reports that told
    /// it, if any: a dated item far from all of them is recent to none.
    contexts: Option<(i32, i32)>,
    /// Its places, one bit each (see [`place_bit`]): an item placed where no bit is set is
    /// placed elsewhere.
    places: u64,
}

/// The bit of a place in [`Hint::places`]: places sharing a bit are told apart by the cluster.
fn place_bit(place: usize) -> u64 {
    1 << (place % 64)
}

/// A range taking in another (the earliest first day, the latest last day).
/// A day ordinal (or a term in days) in 32 bits, saturating: a few million years either
/// way, and beyond that still in order and never further apart than it was, so that a test
/// of a hint that refuses on the saturated days refuses on the true ones too. Both sides of
/// every such test go through it.
fn day(n: i64) -> i32 {
    n.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32
}

/// The first and last days of a date (see [`day`]).
fn days_of(d: &Edtf) -> (i32, i32) {
    (day(d.first_ordinal()), day(d.last_ordinal()))
}

fn widen(range: Option<(i32, i32)>, first: i32, last: i32) -> Option<(i32, i32)> {
    Some(range.map_or((first, last), |(f, l)| (f.min(first), l.max(last))))
}

impl Hint {
    fn of(c: &Cluster) -> Hint {
        let mut hint = Hint { named: c.named_count() > 0, ..Hint::default() };
        for d in &c.dates {
            hint.include(Some(*d), None, None);
        }
        for t in &c.terms {
            hint.include(None, Some(*t), None);
        }
        for p in c.places.iter() {
            hint.include(None, None, Some(*p));
        }
        for ctx in &c.contexts {
            hint.include_context(ctx);
        }
        hint
    }

    /// Takes in the date, the term and the place of an item the cluster counted (these only
    /// grow, so the summary is kept without reading them again).
    fn include(&mut self, date: Option<Edtf>, term: Option<Term>, place: Option<usize>) {
        if let Some(d) = date {
            let (first, last) = days_of(&d);
            self.dates = Some(self.dates.map_or((first, last), |(f, l)| (f.max(first), l.min(last))));
            self.span = widen(self.span, first, last);
        }
        if let Some(t) = term {
            let days = day(t.approx_days().max(1));
            self.terms = Some(self.terms.map_or((days, days), |(lo, hi)| (lo.min(days), hi.max(days))));
        }
        if let Some(p) = place {
            self.places |= place_bit(p);
        }
    }

    /// Takes in the date of a report that told the cluster (counted or not, as its contexts).
    fn include_context(&mut self, ctx: &Edtf) {
        let (first, last) = days_of(ctx);
        self.contexts = widen(self.contexts, first, last);
    }

    /// Whether `Cluster::score` would refuse the item for its date or its term.
    fn refuses(&self, item: &Item) -> bool {
        if let Some(b) = item.claim.date {
            // The largest gap to any of the dates (see `gap_days`).
            if Mark::of(self).refuses_date(Some(days_of(&b))) {
                return true;
            }
        }
        if let (Some((shortest, longest)), Some(t)) = (self.terms, item.claim.term) {
            let y = f64::from(day(t.approx_days().max(1)));
            if f64::from(longest) / y > 1.5 || y / f64::from(shortest) > 1.5 {
                return true;
            }
        }
        false
    }

    /// Whether `Cluster::score` would refuse an item that names no one, of a document other
    /// than the one of the cluster's latest item (so of no section the cluster holds):
    /// nothing but time ties it to the cluster then, or it is placed elsewhere.
    fn refuses_untied(&self, item: &Item) -> bool {
        let c = &item.claim;
        if c.place.is_some_and(|p| self.places != 0 && self.places & place_bit(p) == 0) {
            return true;
        }
        let dated = self.dates.is_some();
        if (c.date.is_some() && dated) || (collective(item.kind) && (c.date.is_some() || dated)) {
            return false;
        }
        // Whether it can be recent (see `Cluster::score`): these are the bounds any date
        // recent to the other side lies within.
        let recent_to = |(first, last): (i32, i32), (ctx_first, ctx_last): (i32, i32)| {
            i64::from(last) >= i64::from(ctx_first) - 60 && first <= ctx_last
        };
        let recent = match (c.date, item.context) {
            (None, Some(ctx)) => self.span.is_some_and(|span| recent_to(span, days_of(&ctx))),
            (Some(d), _) => !dated && self.contexts.is_some_and(|contexts| recent_to(days_of(&d), contexts)),
            _ => false,
        };
        !recent
    }
}

/// Where a passage is: its document's rank in absorption order, then its span.
type At = (usize, usize, usize);

fn place_block(key: &str) -> Option<(String, usize)> {
    key.chars().next().map(|c| (c.to_string(), key.len()))
}

fn block_name(c: &str, len: usize) -> String {
    format!("{c}/{len}")
}

/// Adds a gap to those found so far, so that one round loads every page a step needs.
fn merge_gap(gap: &mut Option<Gap>, g: Gap) {
    *gap = Some(match gap.take() {
        Some(h) => h.and(g),
        None => g,
    });
}

/// Pages as JSON.
fn to_pages<T: Serialize>(pages: Vec<(PageId, T)>) -> Vec<StatePage> {
    pages
        .into_iter()
        .filter_map(|(id, items)| serde_json::to_string(&items).ok().map(|data| StatePage { id, data }))
        .collect()
}

/// A union-find for the partition of the locals an absorption touches: the new locals (a
/// range of node numbers) in a vector, since a batch resolution adds every local, and any
/// other node (an earlier local, an earlier entity) numbered as it comes. Which node stands for
/// a set is no concern of its callers, only which nodes are together.
struct Touched {
    /// The first new local and how many there are.
    first: i64,
    count: usize,
    others: FxHashMap<i64, usize>,
    parent: Vec<usize>,
}

impl Touched {
    fn new(first: usize, count: usize) -> Self {
        Touched {
            first: i64::try_from(first).unwrap_or(i64::MAX),
            count,
            others: FxHashMap::default(),
            parent: (0..count).collect(),
        }
    }

    fn slot(&mut self, x: i64) -> usize {
        match usize::try_from(x.wrapping_sub(self.first)) {
            Ok(k) if x >= self.first && k < self.count => k,
            _ => {
                let parent = &mut self.parent;
                *self.others.entry(x).or_insert_with(|| {
                    parent.push(parent.len());
                    parent.len() - 1
                })
            }
        }
    }

    /// The slot that stands for the set of `x`.
    fn find(&mut self, x: i64) -> usize {
        let mut s = self.slot(x);
        while self.parent[s] != s {
            // Path halving.
            let grandparent = self.parent[self.parent[s]];
            self.parent[s] = grandparent;
            s = grandparent;
        }
        s
    }

    fn union(&mut self, a: i64, b: i64) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.parent[a.max(b)] = a.min(b);
        }
    }

    /// How many slots there are (every slot [`Touched::find`] gives is below).
    fn len(&self) -> usize {
        self.parent.len()
    }
}

impl Resolver {
    /// An empty resolution.
    pub fn new() -> Self {
        Resolver { checked: true, ..Resolver::default() }
    }

    /// Resolves documents in one go: the same as absorbing them into an empty resolver.
    pub fn resolve(docs: &[DocumentRef<'_>], judgements: &[Judgement]) -> Self {
        let mut r = Resolver::new();
        // An empty resolver has no earlier decision to change, so this cannot be stale.
        let _ = r.absorb(docs, judgements);
        r
    }

    /// How many documents it holds.
    pub fn documents(&self) -> usize {
        self.doc_rank.len()
    }

    fn is_whole(&self) -> bool {
        self.locals.is_whole()
    }

    /// Absorbs more documents (after those it holds, in this order) under these judgements.
    /// The record is then the one [`Resolver::resolve`] gives for every document in absorption
    /// order. `Err(Stale)` when that record would revise what earlier documents decided: the
    /// resolver is then unusable and everything must be resolved again. A resolver read back
    /// page by page absorbs through [`Resolver::absorb_paged`] instead: here a page it lacks
    /// is `Stale`.
    pub fn absorb(&mut self, docs: &[DocumentRef<'_>], judgements: &[Judgement]) -> Result<Change, Stale> {
        match self.absorb_paged(docs, judgements) {
            Absorbed::Done(change) => Ok(change),
            _ => {
                self.stale = true;
                Err(Stale)
            }
        }
    }

    /// [`Resolver::absorb`] for a resolver read back page by page: `Need` names the pages to
    /// load before trying again, on a copy taken before this call.
    pub fn absorb_paged(&mut self, docs: &[DocumentRef<'_>], judgements: &[Judgement]) -> Absorbed {
        // A state read back whole is checked once; absorptions keep it consistent after that.
        if self.stale || (!self.checked && !self.check()) {
            self.stale = true;
            return Absorbed::Stale;
        }
        self.stale = true;
        match self.try_absorb(docs, judgements) {
            Ok(change) => {
                self.stale = false;
                Absorbed::Done(change)
            }
            Err(Halt::Stale) | Err(Halt::Gap(Gap::Broken)) => Absorbed::Stale,
            Err(Halt::Gap(Gap::All)) => Absorbed::NeedAll,
            Err(Halt::Gap(Gap::Need(pages))) => Absorbed::Need(pages.into_iter().collect()),
        }
    }

    /// Absorbs documents into a resolver read back page by page ([`Resolver::from_head`]),
    /// loading from `source` the pages the absorption asks for, round after round; each
    /// round absorbs again on a copy, so a round that stops for pages leaves nothing half
    /// done. `Ok(Err(Stale))` as for [`Resolver::absorb`], and when a page is damaged or
    /// missing.
    pub fn absorb_from<S: PageSource>(
        &mut self,
        source: &mut S,
        docs: &[DocumentRef<'_>],
        judgements: &[Judgement],
    ) -> Result<Result<Change, Stale>, S::Error> {
        let mut asked: HashSet<PageId> = HashSet::new();
        loop {
            let mut attempt = self.clone();
            match attempt.absorb_paged(docs, judgements) {
                Absorbed::Done(change) => {
                    *self = attempt;
                    return Ok(Ok(change));
                }
                Absorbed::Stale => return Ok(Err(Stale)),
                Absorbed::Need(ids) => {
                    // A page asked for twice was loaded and is still missing: damaged.
                    if !ids.iter().all(|id| asked.insert(*id)) {
                        return Ok(Err(Stale));
                    }
                    let found = source.pages(&ids)?;
                    if !self.load(&ids, &found) {
                        return Ok(Err(Stale));
                    }
                }
                Absorbed::NeedAll => {
                    if self.is_whole() {
                        return Ok(Err(Stale));
                    }
                    let found = source.all_pages()?;
                    if !self.load_all(&found) {
                        return Ok(Err(Stale));
                    }
                }
            }
        }
    }

    /// Checks a state read back whole and builds the indexes it leaves out.
    fn check(&mut self) -> bool {
        if !self.is_consistent() {
            return false;
        }
        for c in self.clusters.iter_mut() {
            c.reindex();
        }
        self.checked = true;
        true
    }

    /// Whether every index in the state points inside what it indexes, and the union-find
    /// has no cycle (a parent is never above its child): a state read back from storage is
    /// checked before use, so a damaged one is stale rather than a panic or a hang.
    fn is_consistent(&self) -> bool {
        let n = self.locals.len();
        let local = |i: &usize| *i < n;
        let clusters = self.clusters.len();
        let cluster = |c: &usize| *c < clusters;
        self.rules.parent.len() == n
            && self.rules.parent.iter().enumerate().all(|(i, p)| *p <= i)
            && self.entity_of.len() == n
            && self.entity_of.iter().all(|e| *e < self.entities.len())
            && self.by_key.values().all(local)
            && self.surnames.values().all(|b| b.locals().all(|i| local(&i)))
            && self.places.values().all(|keys| keys.values().all(local))
            && self.order.len() == clusters
            && self.hints.len() == clusters
            && self.position.len() == clusters
            && self.order.iter().all(cluster)
            && self.order.iter().enumerate().all(|(p, &c)| self.position.get(c).is_ok_and(|&q| q == p))
            && self.event_blocks.values().all(|v| v.clusters.iter().all(cluster))
            && self.doc_events.values().all(|v| v.iter().all(cluster))
    }

    fn try_absorb(&mut self, docs: &[DocumentRef<'_>], judgements: &[Judgement]) -> Result<Change, Halt> {
        // Judgements look at every local bearing a name: only a whole state can apply them.
        let local_rules = self.judgements.is_empty() && judgements.is_empty();
        if !local_rules && !self.is_whole() {
            return Err(Gap::All.into());
        }
        if !self.is_whole() {
            self.first_pages(docs)?;
        }
        self.scratch = DocScratch::default();
        // The quick summaries stand for the hints only where every hint is at hand; they are
        // kept up from then on.
        if !self.is_whole() {
            self.quick_whole = false;
        } else if !self.quick_whole {
            self.quick = self
                .hints
                .iter()
                .map(|h| {
                    let mut q = Quick::default();
                    q.take(h);
                    q
                })
                .collect();
            self.quick_whole = true;
        }
        let old_locals = self.locals.len();
        let entities_before = self.entities.len();
        let events_before = self.order.len();
        let clusters_before = self.clusters.len();

        // ------------------------------------------------------------ entities
        let mut first_local: Vec<usize> = Vec::with_capacity(docs.len());
        let mut fresh_keys: Vec<bool> = Vec::with_capacity(docs.len());
        let mut touched: BTreeSet<String> = BTreeSet::new();
        let mut edges: Vec<(usize, usize)> = Vec::new();
        for d in docs {
            let rank = self.doc_rank.len();
            let fresh = self.doc_rank.get(&d.key)?.is_none();
            fresh_keys.push(fresh);
            if fresh {
                self.doc_rank.entry_or(d.key, || rank)?;
            }
            first_local.push(self.locals.len());
            for e in &d.extraction.entities {
                self.add_local(e, &mut touched, &mut edges)?;
            }
        }
        let mut added: Vec<(usize, usize)> = Vec::new();
        let mut removed: Vec<(usize, usize)> = Vec::new();
        for s in &touched {
            let Some(block) = self.surnames.get(s)?.cloned() else { continue };
            let joins = block.joins(&mut self.rules)?;
            if joins != block.joins {
                added.extend(joins.iter().filter(|j| !block.joins.contains(j)));
                removed.extend(block.joins.iter().filter(|j| !joins.contains(j)));
                if let Some(b) = self.surnames.get_mut(s)? {
                    b.joins = joins;
                }
            }
        }
        self.judgements = judgements.to_vec();
        let (new_entity_of, n_entities) = if local_rules {
            self.partition_local(old_locals, &edges, &added, &removed)?
        } else {
            let (entity_of, n) = self.partition()?;
            // Earlier locals keep their entities, or earlier events were clustered on other ids.
            if !entity_of.iter().zip(self.entity_of.iter()).all(|(a, b)| a == b) {
                return Err(Halt::Stale);
            }
            (entity_of[old_locals..].to_vec(), n)
        };
        while self.entities.len() < n_entities {
            self.entities.push(EntityAcc::default())?;
        }
        let mut mentions_before: BTreeMap<usize, usize> = BTreeMap::new();
        let mut kinds_before: BTreeMap<usize, EntityKind> = BTreeMap::new();
        for (k, &g) in new_entity_of.iter().enumerate() {
            let acc = self.entities.get(g)?;
            if g < entities_before {
                kinds_before.entry(g).or_insert_with(|| acc.kind());
            }
            mentions_before.entry(g).or_insert_with(|| acc.mention_count());
            let local = self.locals.get(old_locals + k)?;
            self.entities.get_mut(g)?.add(local);
        }
        // An earlier entity that changes kind changes earlier events' items.
        for (&g, &kind) in &kinds_before {
            if self.entities.get(g)?.kind() != kind {
                return Err(Halt::Stale);
            }
        }
        for g in new_entity_of {
            self.entity_of.push(g)?;
        }
        for (d, &first) in docs.iter().zip(&first_local) {
            let n = d.extraction.entities.len();
            for m in &d.extraction.mentions {
                if m.entity < n {
                    let g = *self.entity_of.get(first + m.entity)?;
                    let span = DocSpan { doc: d.key, start: m.span.start, end: m.span.end };
                    self.entities.get_mut(g)?.mentions.push(span);
                }
            }
        }

        // ------------------------------------------------------------ events
        // The clusters the items went to, sorted once at the end (a set kept sorted costs a
        // scattered insert an item).
        let mut dirty: Vec<usize> = Vec::new();
        for ((d, &first), &fresh) in docs.iter().zip(&first_local).zip(&fresh_keys) {
            for item in self.items(d, first)? {
                dirty.push(self.cluster(item, d.key, fresh)?);
            }
        }
        dirty.sort_unstable();
        dirty.dedup();
        // New events come after every earlier one: their first passages are in the newest
        // documents. Among themselves they go in the order reports tell them.
        let mut new: Vec<(Option<At>, usize)> = Vec::new();
        for c in clusters_before..self.clusters.len() {
            let mut first = None;
            for x in &self.clusters.get(c)?.claims {
                let at = self.at(x.doc, x.span)?;
                first = Some(first.map_or(at, |f: At| f.min(at)));
            }
            new.push((first, c));
        }
        // Stable: events whose first passages coincide keep the order they were found in.
        new.sort_by_key(|(first, _)| *first);
        for (_, c) in new {
            let p = self.order.push(c)?;
            *self.position.get_mut(c)? = p;
        }
        let mut events: Vec<usize> = Vec::with_capacity(dirty.len());
        let mut gap: Option<Gap> = None;
        let whole = self.is_whole();
        for &c in &dirty {
            match self.position.get(c) {
                Ok(&p) => {
                    events.push(p);
                    // What `event` reads: the order and every source's document rank.
                    if let Err(g) = if whole { Ok(()) } else { self.event_pages(p) } {
                        merge_gap(&mut gap, g);
                    }
                }
                Err(g) => merge_gap(&mut gap, g),
            }
        }
        if let Some(g) = gap {
            return Err(g.into());
        }
        events.sort_unstable();
        Ok(Change { entities_before, events_before, entities: mentions_before.into_iter().collect(), events })
    }

    /// The pages any absorption of these documents reads, asked for at once rather than one
    /// round each: the last page of every growing collection, and the buckets of the
    /// documents' keys and of their locals' blocking keys.
    fn first_pages(&self, docs: &[DocumentRef<'_>]) -> Result<(), Gap> {
        let mut gap: Option<Gap> = None;
        let mut note = |r: Result<(), Gap>| {
            if let Err(g) = r {
                merge_gap(&mut gap, g);
            }
        };
        fn last<T, const P: u32, const S: usize>(v: &PagedVec<T, P, S>) -> Result<(), Gap> {
            match v.len() {
                0 => Ok(()),
                n => v.get(n - 1).map(|_| ()),
            }
        }
        note(last(&self.locals));
        note(last(&self.rules.parent));
        note(last(&self.entity_of));
        note(last(&self.entities));
        note(last(&self.clusters));
        note(last(&self.hints));
        note(last(&self.order));
        note(last(&self.position));
        for d in docs {
            note(self.doc_rank.get(&d.key).map(|_| ()));
            for e in &d.extraction.entities {
                for k in entity_keys(e) {
                    note(self.by_key.get(&k).map(|_| ()));
                }
                if e.kind == EntityKind::Person {
                    if let Some(s) = surname_key(&e.name) {
                        note(self.surnames.get(&s).map(|_| ()));
                    }
                }
                if e.kind == EntityKind::Place {
                    if let Some((c, len)) = place_block(&names::ascii_fold(&strip_region(&e.name))) {
                        for l in [len.saturating_sub(1), len, len + 1] {
                            note(self.places.get(&block_name(&c, l)).map(|_| ()));
                        }
                    }
                }
            }
        }
        gap.map_or(Ok(()), Err)
    }

    /// Reads what [`Resolver::event`] reads for one position, so that a `Need` comes while
    /// absorbing rather than after.
    fn event_pages(&self, position: usize) -> Result<(), Gap> {
        let c = *self.order.get(position)?;
        let mut gap: Option<Gap> = None;
        for x in &self.clusters.get(c)?.claims {
            if let Err(g) = self.doc_rank.get(&x.doc) {
                merge_gap(&mut gap, g);
            }
        }
        gap.map_or(Ok(()), Err)
    }

    /// Files one local entity under its blocking keys and applies the rules that only join,
    /// noting every union it makes.
    fn add_local(
        &mut self,
        e: &LocalEntity,
        touched: &mut BTreeSet<String>,
        edges: &mut Vec<(usize, usize)>,
    ) -> Result<(), Gap> {
        let i = self.rules.push()?;
        self.locals.push(Local { kind: e.kind, forms: e.forms.clone() })?;
        let mut union = |rules: &mut Dsu, j: usize| -> Result<(), Gap> {
            edges.push((i, j));
            rules.union(i, j)
        };
        for k in entity_keys(e) {
            match self.by_key.get(&k)?.copied() {
                // One acronym for two differently named bodies (NCWU for the Norilsk and
                // the Naryn chemical workers' unions) joins neither to the other.
                Some(j) if k.starts_with("a:") && full_names_differ(&self.locals.get(j)?.forms, &e.forms) => {}
                Some(j) => union(&mut self.rules, j)?,
                None => {
                    self.by_key.entry_or(k, || i)?;
                }
            }
        }
        if e.kind == EntityKind::Person {
            if let Some(s) = surname_key(&e.name) {
                let block = self.surnames.entry_or(s.clone(), SurnameBlock::default)?;
                let mut agreeing: Vec<usize> = Vec::new();
                if multiword(&e.name) {
                    block.full.push(i);
                    if let Some(g) = given_key(&e.name) {
                        agreeing =
                            block.givens.iter().filter(|(x, _)| given_keys_agree(x, &g)).map(|(_, &j)| j).collect();
                        block.givens.entry(g).or_insert(i);
                    }
                } else {
                    block.short.push(i);
                }
                for j in agreeing {
                    union(&mut self.rules, j)?;
                }
                touched.insert(s);
            }
        }
        // Places: typos of the same name ("Shymkent"/"Shmykent"), blocked by first letter and
        // length; a key is compared with keys of its own length and one letter longer, from
        // six letters on.
        if e.kind == EntityKind::Place {
            let key = names::ascii_fold(&strip_region(&e.name));
            if let Some((c, len)) = place_block(&key) {
                let mut near: Vec<usize> = Vec::new();
                let lens = [(len, len >= 6), (len + 1, len >= 6), (len.saturating_sub(1), len >= 7)];
                for (l, compared) in lens {
                    if !compared {
                        continue;
                    }
                    if let Some(keys) = self.places.get(&block_name(&c, l))? {
                        near.extend(
                            keys.iter().filter(|(k, _)| **k != key && names::within_one_edit(k, &key)).map(|(_, &j)| j),
                        );
                    }
                }
                self.places.entry_or(block_name(&c, len), BTreeMap::new)?.entry(key).or_insert(i);
                for j in near {
                    union(&mut self.rules, j)?;
                }
            }
        }
        Ok(())
    }

    /// The entities of the new locals (from `old` on) and how many entities there are, from
    /// what this absorption added alone (`edges`: the rules' unions; `added` and `removed`:
    /// the changed surname joins), when there are no judgements. Each earlier local stands
    /// for its entity: a new local joined to one earlier entity belongs to it, one joined to
    /// none starts a new entity (numbered by first appearance, as the whole partition
    /// numbers them), and one that joins two earlier entities, or a removed join whose ends
    /// the new unions do not hold together, revises an earlier decision: stale. The result is
    /// the whole partition's (see [`Resolver::partition`]) without reading every local.
    fn partition_local(
        &mut self,
        old: usize,
        edges: &[(usize, usize)],
        added: &[(usize, usize)],
        removed: &[(usize, usize)],
    ) -> Result<(Vec<usize>, usize), Halt> {
        let node = |x: usize| i64::try_from(x).unwrap_or(i64::MAX);
        let new = self.locals.len() - old;
        let mut by_local = Touched::new(old, new);
        for &(a, b) in edges.iter().chain(added) {
            by_local.union(node(a), node(b));
        }
        // A join removed between earlier locals parts them unless the new unions still hold
        // them together (a second full name that joins both surnames alone).
        for &(a, b) in removed {
            if by_local.find(node(a)) != by_local.find(node(b)) {
                return Err(Halt::Stale);
            }
        }
        // Earlier locals as their entities (numbered below zero), new locals as themselves.
        let as_entity = |x: usize| -> Result<i64, Gap> {
            if x < old {
                Ok(-1 - node(*self.entity_of.get(x)?))
            } else {
                Ok(node(x))
            }
        };
        let mut by_entity = Touched::new(old, new);
        let mut olds: Vec<i64> = Vec::new();
        for &(a, b) in edges.iter().chain(added) {
            let (x, y) = (as_entity(a)?, as_entity(b)?);
            olds.extend([x, y].into_iter().filter(|n| *n < 0));
            by_entity.union(x, y);
        }
        let mut entity_of_root: Vec<usize> = vec![usize::MAX; by_entity.len()];
        for n in olds {
            let root = by_entity.find(n);
            let entity = usize::try_from(-1 - n).unwrap_or(usize::MAX);
            let slot = &mut entity_of_root[root];
            if *slot == usize::MAX {
                *slot = entity;
            } else if *slot != entity {
                return Err(Halt::Stale);
            }
        }
        let mut next = self.entities.len();
        let mut out = Vec::with_capacity(new);
        for i in old..self.locals.len() {
            let slot = &mut entity_of_root[by_entity.find(node(i))];
            if *slot == usize::MAX {
                *slot = next;
                next += 1;
            }
            out.push(*slot);
        }
        Ok((out, next))
    }

    /// Every local's entity: the rules, the surname joins, then the judgements ("same" joins,
    /// "different" splits what the rules joined); entities numbered by first appearance. Only
    /// for a whole state.
    fn partition(&mut self) -> Result<(Vec<usize>, usize), Gap> {
        let n = self.locals.len();
        let mut dsu = self.rules.clone();
        for block in self.surnames.values() {
            for &(a, b) in &block.joins {
                dsu.union(a, b)?;
            }
        }
        let locals: Vec<&Local> = self.locals.iter().collect();
        let bearers = |name: &str| -> Vec<usize> {
            (0..n).filter(|&i| locals[i].forms.iter().any(|f| f.eq_ignore_ascii_case(name))).collect()
        };
        for j in self.judgements.iter().filter(|j| j.same) {
            let roots = |dsu: &mut Dsu, name: &str| -> Result<Option<usize>, Gap> {
                let mut min = None;
                for i in bearers(name) {
                    let r = dsu.find(i)?;
                    min = Some(min.map_or(r, |m: usize| m.min(r)));
                }
                Ok(min)
            };
            if let (Some(x), Some(y)) = (roots(&mut dsu, &j.a)?, roots(&mut dsu, &j.b)?) {
                dsu.union(x, y)?;
            }
        }
        let mut group_of: Vec<usize> = Vec::with_capacity(n);
        for i in 0..n {
            group_of.push(dsu.find(i)?);
        }
        for j in self.judgements.iter().filter(|j| !j.same) {
            let (a, b) = (bearers(&j.a), bearers(&j.b));
            // Locals bearing B's form leave A's group and form their own.
            let Some(&first_b) = b.first() else { continue };
            let a_roots: Vec<usize> = a.iter().map(|&i| group_of[i]).collect();
            for &i in &b {
                if a_roots.contains(&group_of[i]) && !a.contains(&i) {
                    group_of[i] = n + first_b;
                }
            }
        }
        // Groups are numbered below 2n; entities in order of first appearance.
        let mut entity_of_group: Vec<usize> = vec![usize::MAX; 2 * n + 1];
        let mut next = 0;
        let mut entity_of = Vec::with_capacity(n);
        for &g in &group_of {
            let slot = &mut entity_of_group[g.min(2 * n)];
            if *slot == usize::MAX {
                *slot = next;
                next += 1;
            }
            entity_of.push(*slot);
        }
        Ok((entity_of, next))
    }

    /// A document's position in absorption order, then the passage's place in it.
    fn at(&self, doc: u64, span: Span) -> Result<At, Gap> {
        Ok((self.doc_rank.get(&doc)?.copied().unwrap_or(usize::MAX), span.start, span.end))
    }

    /// The event items of one document, its locals numbered from `first`: penalties with a
    /// stated term first, so that a vaguer passage of the same report ("jailed this October")
    /// then joins the one it fits best.
    fn items(&self, d: &DocumentRef<'_>, first: usize) -> Result<Vec<Item>, Gap> {
        let n = d.extraction.entities.len();
        let local_to_global = |k: usize| -> Result<Option<usize>, Gap> {
            (k < n).then(|| self.entity_of.get(first + k).copied()).transpose()
        };
        let mut all_items: Vec<Item> = Vec::new();
        for le in &d.extraction.events {
            let section = d
                .extraction
                .sections
                .iter()
                .position(|s| s.span.start <= le.source.start && le.source.start < s.span.end)
                .unwrap_or(0);
            let context = d.extraction.sections.get(section).and_then(|s| s.date).or(d.extraction.published);
            let mut participants: Vec<Participant> = Vec::new();
            for p in &le.participants {
                if let Some(entity) = local_to_global(p.entity)? {
                    participants.push(Participant { entity, role: p.role });
                }
            }
            let place = match le.place {
                Some(p) => local_to_global(p)?,
                None => None,
            };
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
            let mut people: Vec<usize> = Vec::new();
            for p in participants.iter().filter(|p| p.role == Role::Target) {
                if self.entities.get(p.entity)?.kind() == EntityKind::Person {
                    people.push(p.entity);
                }
            }
            let individual = matches!(
                le.kind,
                EventType::Sentence | EventType::Ban | EventType::Pardon | EventType::Fine | EventType::Damages
            );
            if individual && people.len() >= 2 {
                all_items.extend(people.iter().map(|&person| {
                    Item {
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
                    }
                }));
            } else {
                all_items.push(Item { kind: le.kind, participants, legal: le.legal.clone(), claim, section, context });
            }
        }
        all_items.sort_by_key(|i| std::cmp::Reverse(u8::from(i.claim.term.is_some())));
        Ok(all_items)
    }

    /// Files one item under the event it fits best, or a new one; returns the cluster.
    fn cluster(&mut self, item: Item, doc: u64, fresh: bool) -> Result<usize, Gap> {
        let keys = register_keys(&item);
        let lookup = lookup_keys(&item);
        // Every block this item reads or joins, in one round (a whole state has them all).
        let whole = self.is_whole();
        let mut gap: Option<Gap> = None;
        for k in lookup.iter().chain(&keys).filter(|_| !whole) {
            if let Err(g) = self.event_blocks.get(k) {
                merge_gap(&mut gap, g);
            }
        }
        if let Err(g) = self.doc_events.get(&doc) {
            merge_gap(&mut gap, g);
        }
        if let Some(g) = gap.take() {
            return Err(g);
        }
        if self.scratch.doc != Some(doc) {
            self.scratch = DocScratch { doc: Some(doc), ..DocScratch::default() };
        }
        // The events of the item's own report section: of the document's events, those of
        // its type that hold a passage of that section (of a fresh document, all of them
        // went to the scratch).
        let section = (item.kind, item.section);
        let mut own_section: Vec<usize> = Vec::new();
        if fresh {
            own_section.extend(self.scratch.sections.get(&section).into_iter().flat_map(SmallSet::iter));
        } else {
            let here = (doc, item.section);
            for &c in self.doc_events.get(&doc)?.into_iter().flatten() {
                match self.clusters.get(c) {
                    Ok(cluster) if cluster.kind == item.kind && cluster.sections.contains(&here) => own_section.push(c),
                    Ok(_) => {}
                    Err(g) => merge_gap(&mut gap, g),
                }
            }
            if let Some(g) = gap.take() {
                return Err(g);
            }
        }
        // What `Cluster::score` decides first, from the quick summaries and then the hints:
        // an event of named people and one of unnamed ones are one only within one report
        // section, so across documents a mismatch is no candidate (collective events name
        // different people and go on); and across documents an item naming no one is tied to
        // an event only by time, and not when placed elsewhere (see `Hint::refuses_untied`).
        let item_named = item.participants.iter().any(|p| p.role != Role::Agent);
        let by_names = !collective(item.kind);
        // The most recent clusters of each block: a block that grows huge (one type, one
        // month, thousands of unnamed groups) costs a bounded amount per event.
        // A cluster is filed under several of the keys (its month, its year, the months
        // around): its hint is read once. Stamping the clusters already read finds the
        // repeats in one pass, where sorting the blocks' tails together cost more with every
        // block that fills up. The order the candidates are read in decides nothing: the best
        // score wins, ties to the oldest cluster.
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            // A stamp once used may still mark a cluster: start again from clean marks.
            self.quick.iter_mut().for_each(|q| q.stamp = 0);
            self.stamp = 1;
        }
        self.quick.resize(self.clusters.len(), Quick::default());
        // A fresh document's items meet the passages and sections of their own document
        // only in the clusters they went to: every other cluster's latest item is of another
        // document (see `Cluster::score`).
        let doc_clusters = &self.scratch.clusters;
        let other_doc = |c: usize| fresh && !doc_clusters.contains(&c);
        let (undated, place) = (item.claim.date.is_none(), item.claim.place);
        let unnamed = by_names && !item_named;
        let date = item.claim.date.as_ref().map(days_of);
        let mut filed: Vec<usize> = Vec::new();
        // What the summaries turn away, checked against `Cluster::score` in tests.
        let mut refused_here: Vec<usize> = Vec::new();
        for k in &lookup {
            if let Some(block) = self.event_blocks.get(k)? {
                let marks = Some(&block.marks).filter(|m| m.len() == block.clusters.len());
                for (i, &c) in block.clusters.iter().enumerate().rev().take(MAX_CANDIDATES_PER_KEY) {
                    if let Some(m) = marks.and_then(|m| m.get(i)) {
                        if (unnamed && m.named && other_doc(c)) || m.refuses_date(date) {
                            if cfg!(debug_assertions) {
                                refused_here.push(c);
                            }
                            continue;
                        }
                    }
                    match self.quick.get_mut(c) {
                        Some(q) if q.stamp == self.stamp => {}
                        Some(q) => {
                            q.stamp = self.stamp;
                            let refused = self.quick_whole
                                && ((other_doc(c) && q.refuses(by_names, item_named, undated, place))
                                    || date.is_some_and(|d| refuses_date(q.dates, d)));
                            if !refused {
                                filed.push(c);
                            } else if cfg!(debug_assertions) {
                                refused_here.push(c);
                            }
                        }
                        // Outside the clusters: a damaged state, which the hint read turns
                        // into a gap below.
                        None => filed.push(c),
                    }
                }
            }
        }
        for c in own_section {
            match self.quick.get_mut(c) {
                Some(q) if q.stamp == self.stamp => {}
                Some(q) => {
                    q.stamp = self.stamp;
                    filed.push(c);
                }
                None => filed.push(c),
            }
        }
        let mut candidates: Vec<usize> = Vec::with_capacity(filed.len());
        for c in filed {
            match self.hints.get(c) {
                Ok(h) => {
                    let turned_away = other_doc(c)
                        && ((by_names && h.named != item_named) || (!item_named && h.refuses_untied(&item)));
                    if !turned_away && !h.refuses(&item) {
                        candidates.push(c);
                    } else if cfg!(debug_assertions) {
                        refused_here.push(c);
                    }
                }
                Err(g) => merge_gap(&mut gap, g),
            }
        }
        for &c in candidates.iter().filter(|_| !whole) {
            if let Err(g) = self.clusters.get(c) {
                merge_gap(&mut gap, g);
            }
        }
        for c in refused_here {
            debug_assert!(
                self.clusters.get(c).map_or(true, |x| x.score(&item, fresh).is_none()),
                "cluster {c} turned away from its summaries but scored"
            );
        }
        if let Some(g) = gap {
            return Err(g);
        }
        let mut best: Option<(i64, std::cmp::Reverse<usize>)> = None;
        for c in candidates {
            if let Some(s) = self.clusters.get(c)?.score(&item, fresh) {
                best = best.max(Some((s, std::cmp::Reverse(c))));
            }
        }
        let (date, term, place, context) = (item.claim.date, item.claim.term, item.claim.place, item.context);
        let c = match best {
            Some((_, std::cmp::Reverse(c))) => {
                let counted = self.clusters.get_mut(c)?.add(item);
                let cluster = self.clusters.get(c)?;
                let hint = self.hints.get_mut(c)?;
                hint.named = cluster.named_count() > 0;
                if counted {
                    hint.include(date, term, place);
                }
                if let Some(ctx) = &context {
                    hint.include_context(ctx);
                }
                c
            }
            None => {
                let cluster = Cluster::new(item);
                let hint = Hint::of(&cluster);
                let c = self.clusters.push(cluster)?;
                self.hints.push(hint)?;
                // Set once the new events are ordered.
                self.position.push(usize::MAX)?;
                c
            }
        };
        let hint = *self.hints.get(c)?;
        self.quick.resize(self.clusters.len(), Quick::default());
        if let Some(q) = self.quick.get_mut(c) {
            q.take(&hint);
        }
        for k in keys {
            if self.clusters.get_mut(c)?.filed.insert(k) {
                let block = self.event_blocks.entry_or(k, EventBlock::default)?;
                if !block.marks.is_empty() && block.marks.len() == block.clusters.len() {
                    block.marks.push(Mark::of(&hint));
                } else if self.quick_whole && block.clusters.len() + 1 >= MARKED_FROM {
                    // A block grown large is marked from now on, as its clusters are now
                    // (which turns away at least as much as when they were filed); small
                    // blocks, most of them, are not worth a vector more each.
                    let mut marks = Vec::with_capacity(block.clusters.len() + 1);
                    for &d in &block.clusters {
                        marks.push(Mark::of(self.hints.get(d)?));
                    }
                    marks.push(Mark::of(&hint));
                    block.marks = marks;
                }
                block.clusters.push(c);
            }
        }
        // Of a fresh document, the list is what went to the scratch.
        let events = self.doc_events.entry_or(doc, Vec::new)?;
        let listed = if fresh { self.scratch.clusters.contains(&c) } else { events.contains(&c) };
        if !listed {
            events.push(c);
        }
        self.scratch.clusters.insert(c);
        self.scratch.sections.entry(section).or_default().insert(c);
        Ok(c)
    }

    /// One entity of the record. `None` for a resolver read back page by page, which holds
    /// only the mentions absorbed since (see [`Resolver::entity_from`]).
    pub fn entity(&self, id: usize) -> Option<Entity> {
        self.entity_from(id, 0)
    }

    /// One entity of the record with its mentions from `kept` on (the `Change` says how many
    /// an entity had before), as a store that appends mentions needs it.
    pub fn entity_from(&self, id: usize, kept: usize) -> Option<Entity> {
        self.entities.get(id).ok()?.entity_from(kept)
    }

    /// One event of the record, by position, with its sources in report order.
    pub fn event(&self, position: usize) -> Option<Event> {
        let c = self.clusters.get(*self.order.get(position).ok()?).ok()?;
        let mut e = c.to_event();
        e.participants.sort_by_key(|p| (p.entity, p.role));
        let mut keyed: Vec<(At, Claim)> =
            e.sources.into_iter().map(|x| self.at(x.doc, x.span).map(|at| (at, x))).collect::<Result<_, _>>().ok()?;
        keyed.sort_by_key(|(at, _)| *at);
        e.sources = keyed.into_iter().map(|(_, x)| x).collect();
        harmonise_currencies(std::slice::from_mut(&mut e));
        Some(e)
    }

    /// One event of the record with its disagreements, by position.
    pub fn event_with_conflicts(&self, position: usize) -> Option<(Event, Vec<Conflict>)> {
        self.event(position).map(|e| {
            let conflicts = conflicts_of(&e, position);
            (e, conflicts)
        })
    }

    /// The record of every absorbed document, from a resolver that holds them all (built by
    /// [`Resolver::resolve`] and [`Resolver::absorb`], or read back whole through serde); one
    /// read back page by page holds too little and gives an empty record.
    pub fn record(&self) -> Record {
        let entities: Option<Vec<Entity>> = (0..self.entities.len()).map(|i| self.entity(i)).collect();
        let Some(entities) = entities else { return Record::default() };
        let events: Vec<Event> = (0..self.order.len()).filter_map(|p| self.event(p)).collect();
        let conflicts = crate::conflict::find_conflicts(&events);
        Record { entities, events, conflicts }
    }

    // ------------------------------------------------------------ pages

    /// What a saved state keeps outside its pages (see [`Resolver::from_head`]).
    pub fn head(&self) -> String {
        let head = Head {
            locals: self.locals.len(),
            by_key: self.by_key.len(),
            surnames: self.surnames.len(),
            places: self.places.len(),
            entities: self.entities.len(),
            clusters: self.clusters.len(),
            event_blocks: self.event_blocks.len(),
            documents: self.doc_rank.len(),
            doc_events: self.doc_events.len(),
            judgements: self.judgements.clone(),
        };
        serde_json::to_string(&head).unwrap_or_default()
    }

    /// A resolver read back from its head, with no page loaded: absorbing through
    /// [`Resolver::absorb_paged`] names the pages it needs. `None` when the head does not
    /// read back.
    pub fn from_head(head: &str) -> Option<Resolver> {
        let h: Head = serde_json::from_str(head).ok()?;
        Some(Resolver {
            stale: false,
            locals: PagedVec::partial(h.locals),
            rules: Dsu { parent: PagedVec::partial(h.locals) },
            by_key: PagedMap::partial(h.by_key),
            surnames: PagedMap::partial(h.surnames),
            places: PagedMap::partial(h.places),
            judgements: h.judgements,
            entity_of: PagedVec::partial(h.locals),
            entities: PagedVec::partial(h.entities),
            clusters: PagedVec::partial(h.clusters),
            hints: PagedVec::partial(h.clusters),
            event_blocks: PagedMap::partial(h.event_blocks),
            order: PagedVec::partial(h.clusters),
            position: PagedVec::partial(h.clusters),
            doc_rank: PagedMap::partial(h.documents),
            doc_events: PagedMap::partial(h.doc_events),
            checked: true,
            quick: Vec::new(),
            quick_whole: false,
            stamp: 0,
            scratch: DocScratch::default(),
        })
    }

    /// The pages changed since the last call (every page when `all`, as a store that
    /// replaces the whole state needs), to save with [`Resolver::head`].
    pub fn pages(&mut self, all: bool) -> Vec<StatePage> {
        let mut out = Vec::new();
        out.extend(to_pages(self.locals.take_dirty(all)));
        out.extend(to_pages(self.rules.parent.take_dirty(all)));
        out.extend(to_pages(self.by_key.take_dirty(all)));
        out.extend(to_pages(self.surnames.take_dirty(all)));
        out.extend(to_pages(self.places.take_dirty(all)));
        out.extend(to_pages(self.entity_of.take_dirty(all)));
        let entities: Vec<(PageId, Vec<EntityAcc>)> = self
            .entities
            .take_dirty(all)
            .into_iter()
            .map(|(id, page)| (id, page.iter().map(EntityAcc::saved).collect()))
            .collect();
        out.extend(to_pages(entities));
        out.extend(to_pages(self.clusters.take_dirty(all)));
        out.extend(to_pages(self.hints.take_dirty(all)));
        out.extend(to_pages(self.event_blocks.take_dirty(all)));
        out.extend(to_pages(self.order.take_dirty(all)));
        out.extend(to_pages(self.position.take_dirty(all)));
        out.extend(to_pages(self.doc_rank.take_dirty(all)));
        out.extend(to_pages(self.doc_events.take_dirty(all)));
        out
    }

    /// Loads the pages an absorption asked for: `found` holds those the store has (a bucket
    /// it lacks is empty). `false` when one is damaged or missing: the state cannot continue.
    pub fn load(&mut self, wanted: &[PageId], found: &[StatePage]) -> bool {
        let by_id: HashMap<PageId, &str> = found.iter().map(|p| (p.id, p.data.as_str())).collect();
        wanted.iter().all(|id| self.load_page(*id, by_id.get(id).copied()).is_ok())
    }

    /// Loads every page of the state (as [`Absorbed::NeedAll`] asks), making it whole.
    pub fn load_all(&mut self, found: &[StatePage]) -> bool {
        let loaded = found.iter().all(|p| self.load_page(p.id, Some(&p.data)).is_ok());
        self.by_key.set_whole();
        self.surnames.set_whole();
        self.places.set_whole();
        self.event_blocks.set_whole();
        self.doc_events.set_whole();
        self.doc_rank.set_whole();
        loaded
            && self.locals.set_whole()
            && self.rules.parent.set_whole()
            && self.entity_of.set_whole()
            && self.entities.set_whole()
            && self.clusters.set_whole()
            && self.hints.set_whole()
            && self.order.set_whole()
            && self.position.set_whole()
    }

    /// Loads one page, checking that every index in it points inside what it indexes.
    fn load_page(&mut self, id: PageId, data: Option<&str>) -> Result<(), Gap> {
        let n = self.locals.len();
        let clusters = self.clusters.len();
        let entities = self.entities.len();
        let check = |ok: bool| if ok { Ok(()) } else { Err(Gap::Broken) };
        let page = id.page;
        match id.part {
            P_LOCALS => self.locals.insert_page(page, parse(data.ok_or(Gap::Broken)?)?),
            P_PARENT => {
                let items: Vec<usize> = parse(data.ok_or(Gap::Broken)?)?;
                let first = usize::try_from(page).unwrap_or(usize::MAX).saturating_mul(1024);
                check(items.iter().enumerate().all(|(k, p)| *p <= first + k))?;
                self.rules.parent.insert_page(page, items)
            }
            P_ENTITY_OF => {
                let items: Vec<usize> = parse(data.ok_or(Gap::Broken)?)?;
                check(items.iter().all(|e| *e < entities))?;
                self.entity_of.insert_page(page, items)
            }
            P_ENTITIES => self.entities.insert_page(page, parse(data.ok_or(Gap::Broken)?)?),
            P_CLUSTERS => {
                let mut items: Vec<Cluster> = parse(data.ok_or(Gap::Broken)?)?;
                for c in &mut items {
                    c.reindex();
                }
                self.clusters.insert_page(page, items)
            }
            P_HINTS => self.hints.insert_page(page, parse(data.ok_or(Gap::Broken)?)?),
            P_ORDER | P_POSITION => {
                let items: Vec<usize> = parse(data.ok_or(Gap::Broken)?)?;
                check(items.iter().all(|c| *c < clusters))?;
                if id.part == P_ORDER {
                    self.order.insert_page(page, items)
                } else {
                    self.position.insert_page(page, items)
                }
            }
            P_BY_KEY => {
                let m: Option<BTreeMap<String, usize>> = data.map(parse).transpose()?;
                check(m.iter().flat_map(|m| m.values()).all(|i| *i < n))?;
                self.by_key.insert_page(page, m)
            }
            P_SURNAMES => {
                let m: Option<BTreeMap<String, SurnameBlock>> = data.map(parse).transpose()?;
                check(m.iter().flat_map(|m| m.values()).all(|b| b.locals().all(|i| i < n)))?;
                self.surnames.insert_page(page, m)
            }
            P_PLACES => {
                let m: Option<BTreeMap<String, BTreeMap<String, usize>>> = data.map(parse).transpose()?;
                check(m.iter().flat_map(|m| m.values()).all(|keys| keys.values().all(|i| *i < n)))?;
                self.places.insert_page(page, m)
            }
            P_EVENT_BLOCKS => {
                let m: Option<BTreeMap<BlockKey, EventBlock>> = data.map(parse).transpose()?;
                check(m.iter().flat_map(|m| m.values()).all(|v| v.clusters.iter().all(|c| *c < clusters)))?;
                self.event_blocks.insert_page(page, m)
            }
            P_DOC_RANK => self.doc_rank.insert_page(page, data.map(parse).transpose()?),
            P_DOC_EVENTS => {
                let m: Option<BTreeMap<u64, Vec<usize>>> = data.map(parse).transpose()?;
                check(m.iter().flat_map(|m| m.values()).all(|v| v.iter().all(|c| *c < clusters)))?;
                self.doc_events.insert_page(page, m)
            }
            _ => Err(Gap::Broken),
        }
    }
}

/// One event's disagreements, numbered as the event at `position`.
fn conflicts_of(e: &Event, position: usize) -> Vec<Conflict> {
    let mut out = crate::conflict::find_conflicts(std::slice::from_ref(e));
    for c in &mut out {
        c.event = position;
    }
    out
}

/// Joins documents' extractions into one record.
pub fn resolve(docs: &[DocumentRef<'_>], judgements: &[Judgement]) -> Record {
    Resolver::resolve(docs, judgements).record()
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

fn preferred(kind: EntityKind, counts: &Forms) -> String {
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
        .0
        .iter()
        .max_by_key(|(f, c)| (score(f, *c), std::cmp::Reverse(f.as_str())))
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

/// What an event block gathers the events of one type by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum By {
    /// A named participant (an entity of the record).
    Entity(usize),
    /// A month its date covers: (year, month).
    Month(i32, u8),
    /// A year its date covers.
    Year(i32),
    /// A date known only to the year.
    YearOnly(i32),
    /// Undated, told in a report of this month: (year, month).
    Told(i32, u8),
}

/// An event-block key: an event type and what its events are gathered by. A value, not a
/// string, since every item makes several and looks each up; saved as the string it reads
/// as (`arrest:e12`, `protest:m2019-5`, `fine:y2019`, `ban:Y2019`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct BlockKey {
    kind: EventType,
    by: By,
}

impl BlockKey {
    fn new(kind: EventType, by: By) -> Self {
        BlockKey { kind, by }
    }
}

impl std::fmt::Display for BlockKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let t = self.kind.as_str();
        match self.by {
            By::Entity(e) => write!(f, "{t}:e{e}"),
            By::Month(y, m) => write!(f, "{t}:m{y}-{m}"),
            By::Year(y) => write!(f, "{t}:y{y}"),
            By::YearOnly(y) => write!(f, "{t}:Y{y}"),
            By::Told(y, m) => write!(f, "{t}:t{y}-{m}"),
        }
    }
}

impl std::str::FromStr for BlockKey {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("not an event-block key: {s:?}");
        let (t, rest) = s.split_once(':').ok_or_else(bad)?;
        let kind = EventType::parse(t).ok_or_else(bad)?;
        let (tag, value) = rest.split_at_checked(1).ok_or_else(bad)?;
        let by = match tag {
            "e" => By::Entity(value.parse().map_err(|_| bad())?),
            // A year may be negative: the month is after the last dash.
            "m" | "t" => {
                let (y, m) = value.rsplit_once('-').ok_or_else(bad)?;
                let (y, m) = (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
                if tag == "m" {
                    By::Month(y, m)
                } else {
                    By::Told(y, m)
                }
            }
            "y" => By::Year(value.parse().map_err(|_| bad())?),
            "Y" => By::YearOnly(value.parse().map_err(|_| bad())?),
            _ => return Err(bad()),
        };
        Ok(BlockKey { kind, by })
    }
}

impl Serialize for BlockKey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for BlockKey {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = std::borrow::Cow::<str>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl BucketKey for BlockKey {
    /// FNV-1a over the fields' bytes: stable across processes and builds.
    fn bucket(&self) -> u64 {
        let (tag, a, b): (u8, i64, u64) = match self.by {
            By::Entity(e) => (0, e as i64, 0),
            By::Month(y, m) => (2, i64::from(y), u64::from(m)),
            By::Year(y) => (3, i64::from(y), 0),
            By::YearOnly(y) => (4, i64::from(y), 0),
            By::Told(y, m) => (5, i64::from(y), u64::from(m)),
        };
        let bytes = [self.kind as u8, tag].into_iter().chain(a.to_le_bytes()).chain(b.to_le_bytes());
        fnv_bucket(bytes)
    }
}

/// The keys a cluster is filed under once it holds this item: its named participants, and,
/// for an item compared by time, the months and years its date covers (year-only dates
/// apart, so that a month-precise report finds them without scanning a whole year) or,
/// undated, its report's month. Its report sections are found through the document's own
/// list (see `Resolver::doc_events`).
fn register_keys(item: &Item) -> Vec<BlockKey> {
    let key = |by| BlockKey::new(item.kind, by);
    let mut keys: Vec<BlockKey> = named(&item.participants).iter().map(|&e| key(By::Entity(e))).collect();
    // Only what is compared by time is filed by time: a named event is found through its
    // people, and events of the named and the unnamed are told apart across reports anyway
    // (see `Cluster::score`), so they would only crowd the months' blocks.
    if by_time(item) {
        match (item.claim.date, item.context) {
            (Some(d), _) => {
                if d.start.month.is_none() {
                    keys.push(key(By::YearOnly(d.start.year)));
                }
                for (y, m) in months(&d) {
                    keys.push(key(By::Month(y, m)));
                    keys.push(key(By::Year(y)));
                }
            }
            // Under its report's month, where dated reports of the weeks before it look;
            // apart from the dated, since other undated reports never join it.
            (None, Some(ctx)) => keys.push(key(By::Told(ctx.start.year, ctx.start.month.unwrap_or(12)))),
            (None, None) => {}
        }
    }
    keys.sort();
    keys.dedup();
    keys
}

/// The keys under which an item looks for its event.
fn lookup_keys(item: &Item) -> Vec<BlockKey> {
    let key = |by| BlockKey::new(item.kind, by);
    let mut keys: Vec<BlockKey> = named(&item.participants).iter().map(|&e| key(By::Entity(e))).collect();
    if by_time(item) {
        match (item.claim.date, item.context) {
            (Some(d), _) if d.start.month.is_none() => {
                for y in d.start.year..=d.end.unwrap_or(d.start).year.min(d.start.year.saturating_add(2)) {
                    keys.push(key(By::Year(y)));
                }
            }
            (Some(d), _) => {
                let ms = months(&d);
                if let (Some(&(fy, fm)), Some(&(ly, lm))) = (ms.first(), ms.last()) {
                    let (py, pm) = shift(fy, fm, -1);
                    let (ny, nm) = shift(ly, lm, 1);
                    keys.push(key(By::Month(py, pm)));
                    keys.push(key(By::Month(ny, nm)));
                    // Dates up to 31 days away join (see `Cluster::score`): from the first
                    // days of a month after a shorter one (1 March, 1 May) that is two months
                    // back, and from the last days of January two forward.
                    let month_of = |day: i64| {
                        let c = CalDate::from_ordinal(day);
                        By::Month(c.year, c.month.unwrap_or(1))
                    };
                    keys.push(key(month_of(d.first_ordinal().saturating_sub(31))));
                    keys.push(key(month_of(d.last_ordinal().saturating_add(31))));
                    keys.push(key(By::YearOnly(fy)));
                    // Undated reports of the weeks after it (at most a year and four months).
                    // Of a report naming no one, only those it can be recent to: told at
                    // most 60 days after it (see `Cluster::score`).
                    let (mut told, last) = if collective(item.kind) {
                        ((py, pm), shift(ly, lm, 3))
                    } else {
                        let recent = CalDate::from_ordinal(d.last_ordinal().saturating_add(60));
                        ((fy, fm), (recent.year, recent.month.unwrap_or(12)))
                    };
                    for _ in 0..16 {
                        keys.push(key(By::Told(told.0, told.1)));
                        if told >= last {
                            break;
                        }
                        told = shift(told.0, told.1, 1);
                    }
                }
                keys.extend(ms.iter().map(|&(y, m)| key(By::Month(y, m))));
            }
            // An undated report: dated events of the weeks before it (an undated one of
            // another report it never joins, see `Cluster::score`).
            (None, Some(ctx)) => {
                let (y, m) = (ctx.start.year, ctx.start.month.unwrap_or(12));
                for back in 0..3 {
                    let (y, m) = shift(y, m, -back);
                    keys.push(key(By::Month(y, m)));
                }
            }
            (None, None) => {}
        }
    }
    keys.sort();
    keys.dedup();
    keys
}

/// Mentions kept as `[doc, start, end]` triples: the bulk of a saved state, read by every
/// process that continues it.
mod spans {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::model::DocSpan;

    pub fn serialize<S: Serializer>(spans: &[DocSpan], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(spans.iter().map(|m| (m.doc, m.start, m.end)))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<DocSpan>, D::Error> {
        let rows = Vec::<(u64, usize, usize)>::deserialize(d)?;
        Ok(rows.into_iter().map(|(doc, start, end)| DocSpan { doc, start, end }).collect())
    }
}

/// Claims kept as tuples, without field names, for the same reason.
mod claims {
    use serde::{Deserialize, Deserializer, Serializer};

    use super::HeldClaim;
    use crate::date::Edtf;
    use crate::model::{Amount, Count, Span, Term};

    type Row = (u64, usize, usize, String, Option<Edtf>, Option<usize>, Option<Count>, Option<Term>, Option<Amount>);

    pub fn serialize<S: Serializer>(claims: &[HeldClaim], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(claims.iter().map(|c| {
            (c.doc, c.span.start, c.span.end, &c.quote, c.date, c.place, c.count, c.term, c.amount.as_deref())
        }))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<HeldClaim>, D::Error> {
        let rows = Vec::<Row>::deserialize(d)?;
        Ok(rows
            .into_iter()
            .map(|(doc, start, end, quote, date, place, count, term, amount)| HeldClaim {
                doc,
                span: Span { start, end },
                quote: quote.into_boxed_str(),
                date,
                place,
                count,
                term,
                amount: amount.map(Box::new),
            })
            .collect())
    }
}

/// A claim as an event holds it: a [`Claim`] with its quote and its sum (rare, and the largest
/// field) boxed, 120 bytes instead of 200, as the clusters hold one for every passage.
#[derive(Debug, Clone, PartialEq)]
struct HeldClaim {
    doc: u64,
    span: Span,
    quote: Box<str>,
    date: Option<Edtf>,
    place: Option<usize>,
    count: Option<Count>,
    term: Option<Term>,
    amount: Option<Box<Amount>>,
}

impl HeldClaim {
    fn of(c: Claim) -> Self {
        HeldClaim {
            doc: c.doc,
            span: c.span,
            quote: c.quote.into_boxed_str(),
            date: c.date,
            place: c.place,
            count: c.count,
            term: c.term,
            amount: c.amount.map(Box::new),
        }
    }

    fn claim(&self) -> Claim {
        Claim {
            doc: self.doc,
            span: self.span,
            quote: self.quote.to_string(),
            date: self.date,
            place: self.place,
            count: self.count,
            term: self.term,
            amount: self.amount.as_deref().cloned(),
        }
    }
}

/// One event as the resolver builds it.
///
/// Laid out in the order written (`repr(C)`), what [`Cluster::score`] reads of a candidate of
/// another report first, in its first 192 bytes (three cache lines' worth, held to it below):
/// in a large collection most of the clusters compared are read from memory, line by line,
/// and that read is most of a comparison's cost.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[repr(C)]
struct Cluster {
    /// The document of the latest item: while a document's items are clustered, only the
    /// clusters they joined can hold its passages and sections, so the others skip those
    /// lookups (most of a comparison's cost in a large collection).
    #[serde(default)]
    last_doc: Option<u64>,
    /// One for each entity: a participant told again is not added again.
    participants: One<Participant>,
    /// Of a large cluster, what a comparison looks up rather than scanning its participants
    /// and claims (see [`ClusterIndex`]). Not saved: it is theirs.
    #[serde(skip)]
    index: Option<Box<ClusterIndex>>,
    kind: EventType,
    /// The distinct values the claims give: comparisons run over these, not over every claim
    /// (an event told by thousands of reports gives a few dates).
    dates: One<Edtf>,
    contexts: One<Edtf>,
    places: SmallSet<usize>,
    terms: Vec<Term>,
    counts: Vec<Count>,
    // What a comparison with an item of the latest item's report, and an addition, read.
    sections: SmallSet<(u64, usize)>,
    /// The dates and counts each (document, section) gives: one section tells one value of
    /// one event.
    dates_at: SmallMap<(u64, usize), One<Edtf>>,
    counts_at: SmallMap<(u64, usize), One<Count>>,
    /// One for each passage (document, start, end): a passage is cited once.
    #[serde(with = "claims")]
    claims: Vec<HeldClaim>,
    legal: Vec<String>,
    /// The event-block keys it is filed under (what each block's list holds, for a lookup
    /// instead of a scan): saved with the cluster, so that filing it needs no scan of the
    /// blocks.
    filed: SmallSet<BlockKey>,
}

const _: () = assert!(std::mem::offset_of!(Cluster, sections) <= 192);

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

/// A cluster's participants and passages as sets, once it has more than [`FEW`] of either:
/// most events have one or two of each, which a scan of the cluster's own vectors finds as
/// fast as a hash, and a set for each would be three allocations more per event.
#[derive(Debug, Clone, Default)]
struct ClusterIndex {
    /// The entities among the participants, and those of them not agents.
    members: FxHashSet<usize>,
    named: FxHashSet<usize>,
    /// (document, start, end) of every claim.
    passages: FxHashSet<(u64, usize, usize)>,
}

/// The key of a passage: its document and span.
fn passage(doc: u64, span: Span) -> (u64, usize, usize) {
    (doc, span.start, span.end)
}

impl Cluster {
    /// Builds the index of a cluster grown large (or read back large), and drops that of a
    /// small one.
    fn reindex(&mut self) {
        if self.participants.len() <= FEW && self.claims.len() <= FEW {
            self.index = None;
            return;
        }
        let named = |p: &&Participant| p.role != Role::Agent;
        self.index = Some(Box::new(ClusterIndex {
            members: self.participants.iter().map(|p| p.entity).collect(),
            named: self.participants.iter().filter(named).map(|p| p.entity).collect(),
            passages: self.claims.iter().map(|x| passage(x.doc, x.span)).collect(),
        }));
    }

    fn is_member(&self, entity: usize) -> bool {
        match &self.index {
            Some(ix) => ix.members.contains(&entity),
            None => self.participants.iter().any(|p| p.entity == entity),
        }
    }

    /// Whether the entity is one of the participants not agents.
    fn is_named(&self, entity: usize) -> bool {
        match &self.index {
            Some(ix) => ix.named.contains(&entity),
            None => self.participants.iter().any(|p| p.entity == entity && p.role != Role::Agent),
        }
    }

    /// How many participants are not agents.
    fn named_count(&self) -> usize {
        match &self.index {
            Some(ix) => ix.named.len(),
            None => self.participants.iter().filter(|p| p.role != Role::Agent).count(),
        }
    }

    fn cites(&self, key: (u64, usize, usize)) -> bool {
        match &self.index {
            Some(ix) => ix.passages.contains(&key),
            None => self.claims.iter().any(|x| passage(x.doc, x.span) == key),
        }
    }

    fn new(item: Item) -> Self {
        let mut c = Cluster {
            kind: item.kind,
            participants: One::new(),
            legal: Vec::new(),
            claims: Vec::new(),
            index: None,
            sections: SmallSet::default(),
            contexts: One::new(),
            dates: One::new(),
            terms: Vec::new(),
            counts: Vec::new(),
            dates_at: SmallMap::default(),
            counts_at: SmallMap::default(),
            places: SmallSet::default(),
            filed: SmallSet::default(),
            last_doc: None,
        };
        c.add(item);
        c
    }

    /// How well the item fits this event; `None` when it cannot be the same event. `fresh`:
    /// the item's document key was never absorbed before, so only a cluster whose latest item
    /// came from it can hold its passages and sections.
    fn score(&self, item: &Item, fresh: bool) -> Option<i64> {
        if item.kind != self.kind {
            return None;
        }
        let c = &item.claim;
        let here = (c.doc, item.section);
        let this_doc = !fresh || self.last_doc == Some(c.doc);
        // Two events of one sentence were kept apart on purpose.
        if this_doc && self.cites(passage(c.doc, c.span)) {
            return None;
        }
        let is_named = |p: &&Participant| p.role != Role::Agent;
        let mine_empty = self.named_count() == 0;
        let theirs_count = item.participants.iter().filter(is_named).count();
        let shared = item.participants.iter().filter(is_named).filter(|p| self.is_named(p.entity)).count() as i64;
        let same_section = this_doc && self.sections.contains(&here);
        if !collective(self.kind) {
            if !mine_empty && theirs_count > 0 && shared == 0 {
                return None;
            }
            if mine_empty != (theirs_count == 0) {
                // "Two union leaders were arrested ... They are X and Y": a group counted in
                // one sentence and named in the next, in one report.
                let mine_count = self.named_count();
                let people = mine_count.max(theirs_count) as u64;
                let counted = self.counts.iter().copied().chain(c.count).all(|n| n.value >= people && n.value <= 10);
                if !same_section || !counted {
                    return None;
                }
            }
        }
        let mut exact_date = false;
        if let Some(b) = c.date {
            for a in &self.dates {
                let gap = gap_days(a, &b);
                if gap > 31 {
                    return None;
                }
                exact_date |= gap == 0;
            }
            if this_doc && self.dates_at.get(&here).is_some_and(|ds| ds.iter().any(|a| gap_days(a, &b) > 0)) {
                return None;
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
            if self.counts.iter().any(|a| counts_far_apart(a, &b))
                || (this_doc
                    && self
                        .counts_at
                        .get(&here)
                        .is_some_and(|ns| ns.iter().any(|a| !crate::conflict::counts_agree(a, &b))))
            {
                return None;
            }
        }
        // Undated reports join dated events only from around their own date.
        let dated = !self.dates.is_empty();
        // (A named person's state told years later, "remains banned", still joins.)
        let years = if shared > 0 { 6 } else { 1 };
        let outside_context = match (c.date, item.context) {
            (None, Some(ctx)) if dated => !self.dates.iter().any(|d| fits_context(d, &ctx, years)),
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
            (None, Some(ctx)) => self.dates.iter().any(|d| recent_to(d, &ctx)),
            (Some(d), _) => !dated && self.contexts.iter().any(|ctx| recent_to(&d, ctx)),
            _ => false,
        };
        // Different named places and no one in common: two events, however close in time
        // ("31 detained in Istanbul" and "a man arrested in Barrancabermeja").
        if shared == 0 && !same_section && c.place.is_some_and(|p| !self.places.is_empty() && !self.places.contains(&p))
        {
            return None;
        }
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

    /// Adds an item; `false` when its passage was cited already (its values are not counted
    /// again).
    fn add(&mut self, item: Item) -> bool {
        let here = (item.claim.doc, item.section);
        self.last_doc = Some(here.0);
        for p in item.participants {
            if !self.is_member(p.entity) {
                if let Some(ix) = &mut self.index {
                    ix.members.insert(p.entity);
                    if p.role != Role::Agent {
                        ix.named.insert(p.entity);
                    }
                }
                push_tight(&mut self.participants, p);
            }
        }
        if self.index.is_none() && self.participants.len() > FEW {
            self.reindex();
        }
        for l in item.legal {
            if !self.legal.contains(&l) {
                push_tight(&mut self.legal, l);
            }
        }
        self.sections.insert(here);
        if let Some(ctx) = item.context {
            if !self.contexts.contains(&ctx) {
                push_tight(&mut self.contexts, ctx);
            }
        }
        let c = item.claim;
        let key = passage(c.doc, c.span);
        if self.cites(key) {
            return false;
        }
        if let Some(ix) = &mut self.index {
            ix.passages.insert(key);
        }
        if let Some(d) = c.date {
            if !self.dates.contains(&d) {
                push_tight(&mut self.dates, d);
            }
            let at = self.dates_at.entry_or_default(here);
            if !at.contains(&d) {
                push_tight(at, d);
            }
        }
        if let Some(t) = c.term {
            if !self.terms.contains(&t) {
                push_tight(&mut self.terms, t);
            }
        }
        if let Some(n) = c.count {
            if !self.counts.contains(&n) {
                push_tight(&mut self.counts, n);
            }
            let at = self.counts_at.entry_or_default(here);
            if !at.contains(&n) {
                push_tight(at, n);
            }
        }
        if let Some(p) = c.place {
            self.places.insert(p);
        }
        push_tight(&mut self.claims, HeldClaim::of(c));
        if self.index.is_none() && self.claims.len() > FEW {
            self.reindex();
        }
        true
    }

    fn to_event(&self) -> Event {
        // The value most sources give; ties go to the more precise, then the earlier source.
        // The date most sources support: a coarser date ("in January") supports every day
        // inside it; ties go to the more precise, then the earlier source.
        // Counted over the distinct dates, each with how many claims give it and the first that
        // does (a large event gives few distinct dates).
        let mut distinct: Vec<(Edtf, usize, usize)> = Vec::new();
        for (i, d) in self.claims.iter().filter_map(|c| c.date).enumerate() {
            match distinct.iter_mut().find(|(x, _, _)| *x == d) {
                Some(entry) => entry.1 += 1,
                None => distinct.push((d, 1, i)),
            }
        }
        let date = distinct
            .iter()
            .max_by_key(|(d, _, first)| {
                let support: usize = distinct.iter().filter(|(o, _, _)| d.within(o)).map(|(_, n, _)| n).sum();
                (support, -d.width(), std::cmp::Reverse(*first))
            })
            .map(|(d, _, _)| *d);
        let count = mode_by(&self.claims, |c| c.count, |c| if c.bound == Bound::Exact { 1 } else { 0 });
        let term = mode_by(&self.claims, |c| c.term, |_| 0);
        let place = mode_by(&self.claims, |c| c.place, |_| 0);
        let amount = self.claims.iter().find_map(|c| c.amount.as_deref().cloned());
        Event {
            kind: self.kind,
            date,
            place,
            participants: self.participants.to_vec(),
            count,
            term,
            amount,
            legal: self.legal.clone(),
            sources: self.claims.iter().map(HeldClaim::claim).collect(),
        }
    }
}

/// The value most claims give; ties go to `tie`, then to the earliest claim.
fn mode_by<T: PartialEq + Copy, K: Ord>(
    claims: &[HeldClaim],
    get: impl Fn(&HeldClaim) -> Option<T>,
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

    /// Reports naming no one, dated 29 days apart across February: close enough to be one
    /// event (see `Cluster::score`), so each finds the other's month, two months away,
    /// whichever comes first.
    #[test]
    fn dates_a_month_apart_across_february_meet() {
        let january = "2 February 2021\n\nPolice detained 12 workers in Temirtau on 31 January 2021.";
        let march = "3 March 2021\n\nPolice detained 12 workers in Temirtau on 1 March 2021.";
        for texts in [[january, march], [march, january]] {
            let r = record(&texts, &[]);
            let arrests: Vec<&Event> = r.events.iter().filter(|e| e.kind == EventType::Arrest).collect();
            assert_eq!(arrests.len(), 1, "{arrests:?}");
            assert_eq!(arrests[0].sources.len(), 2, "{arrests:?}");
        }
    }

    /// A strike told undated in one report and dated in a later one: one event, whichever
    /// report comes first (an undated event is filed by its report's month, where a dated
    /// telling of the weeks before looks for it, and the undated telling looks among the
    /// dated events of those weeks); one told elsewhere stays apart.
    #[test]
    fn an_undated_telling_joins_the_dated_one_either_way_round() {
        let undated = "3 March 2021\n\nWorkers at the copper mine in Zhezkazgan went on strike over unpaid wages.";
        let dated = "2 June 2021\n\nOn 1 March 2021, workers at the copper mine in Zhezkazgan went on strike.";
        let elsewhere = "4 March 2021\n\nWorkers of the cement plant in Shymkent went on strike.";
        for texts in [[undated, dated, elsewhere], [dated, undated, elsewhere]] {
            let r = record(&texts, &[]);
            let strikes: Vec<&Event> = r.events.iter().filter(|e| e.kind == EventType::Strike).collect();
            assert_eq!(strikes.len(), 2, "{strikes:?}");
            let told_twice: Vec<&&Event> = strikes.iter().filter(|e| e.sources.len() == 2).collect();
            assert_eq!(told_twice.len(), 1, "{strikes:?}");
            assert!(told_twice[0].sources.iter().all(|s| s.quote.contains("Zhezkazgan")), "{strikes:?}");
        }
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

    #[test]
    fn unnamed_events_in_different_places_stay_apart() {
        let a = "10 March 2021\n\nPolice detained 31 striking couriers in Istanbul on 7 March 2021.";
        let b = "25 March 2021\n\nPolice arrested a 24-year-old man in Barrancabermeja on 20 March 2021.";
        let c = "12 March 2021\n\nOfficers detained 30 couriers in Istanbul on 7 March 2021.";
        let r = record(&[a, b, c], &[]);
        let arrests: Vec<&Event> = r.events.iter().filter(|e| e.kind == EventType::Arrest).collect();
        assert_eq!(arrests.len(), 2, "{arrests:?}");
        let istanbul = arrests.iter().find(|e| e.sources.len() == 2).expect("the Istanbul arrest, told twice");
        assert!(istanbul.sources.iter().all(|s| s.quote.contains("Istanbul")), "{istanbul:?}");
    }

    #[test]
    fn one_acronym_for_two_named_bodies_joins_neither() {
        let a = "1 May 2022\n\nThe Norilsk Chemical Workers' Union (NCWU) called a strike. The NCWU said 300 joined.";
        let b = "2 May 2022\n\nThe Naryn Chemical Workers' Union (NCWU) protested. The NCWU said 40 joined.";
        let c = "3 May 2022\n\nThe Norilsk Chemical Workers' Union said the strike goes on.";
        let r = record(&[a, b, c], &[]);
        let norilsk = owner(&r, "Norilsk Chemical Workers' Union");
        let naryn = owner(&r, "Naryn Chemical Workers' Union");
        assert_eq!(norilsk.len(), 1, "{:?}", r.entities);
        assert_eq!(naryn.len(), 1, "{:?}", r.entities);
        assert_ne!(norilsk[0].name, naryn[0].name, "{:?}", r.entities);
        assert!(!norilsk[0].aliases.iter().any(|f| f.contains("Naryn")), "{:?}", norilsk[0]);
    }

    fn extractions(texts: &[&str]) -> Vec<DocExtraction> {
        texts.iter().map(|t| extract_document(&DocumentInput { text: t, title: None, published: None })).collect()
    }

    fn refs(xs: &[DocExtraction]) -> Vec<DocumentRef<'_>> {
        xs.iter().enumerate().map(|(i, x)| DocumentRef { key: i as u64 + 1, extraction: x }).collect()
    }

    /// Absorbs documents one at a time, through a serialised state each time (as a store
    /// keeps it between processes), resolving everything again when an absorption is stale.
    fn one_at_a_time(docs: &[DocumentRef<'_>], judgements: &[Judgement]) -> (Record, usize) {
        let mut r = Resolver::new();
        let mut stale = 0;
        for i in 0..docs.len() {
            let json = serde_json::to_string(&r).unwrap();
            r = serde_json::from_str(&json).unwrap();
            if r.absorb(&docs[i..=i], judgements).is_err() {
                stale += 1;
                r = Resolver::resolve(&docs[..=i], judgements);
            }
        }
        (r.record(), stale)
    }

    /// A store of pages in memory, as `dossier-store` keeps them.
    #[derive(Default)]
    struct MemoryPages {
        head: String,
        pages: HashMap<PageId, String>,
        /// The record as a store patches it: entities with appended mentions, events replaced.
        entities: Vec<Entity>,
        events: Vec<Event>,
    }

    impl PageSource for MemoryPages {
        type Error = std::convert::Infallible;
        fn pages(&mut self, ids: &[PageId]) -> Result<Vec<StatePage>, Self::Error> {
            Ok(ids.iter().filter_map(|id| self.pages.get(id).map(|d| StatePage { id: *id, data: d.clone() })).collect())
        }
        fn all_pages(&mut self) -> Result<Vec<StatePage>, Self::Error> {
            Ok(self.pages.iter().map(|(id, d)| StatePage { id: *id, data: d.clone() }).collect())
        }
    }

    impl MemoryPages {
        fn save_whole(&mut self, r: &mut Resolver) {
            let record = r.record();
            self.entities = record.entities;
            self.events = record.events;
            self.head = r.head();
            self.pages = r.pages(true).into_iter().map(|p| (p.id, p.data)).collect();
        }

        fn record(&self) -> Record {
            let conflicts = crate::conflict::find_conflicts(&self.events);
            Record { entities: self.entities.clone(), events: self.events.clone(), conflicts }
        }
    }

    /// Absorbs documents one at a time through pages kept between absorptions (as a store
    /// keeps them), patching the record as a store does; resolves everything again when an
    /// absorption is stale.
    fn one_at_a_time_paged(docs: &[DocumentRef<'_>], judgements: &[Judgement]) -> (Record, usize) {
        let mut store = MemoryPages::default();
        store.save_whole(&mut Resolver::new());
        let mut stale = 0;
        for i in 0..docs.len() {
            let mut r = Resolver::from_head(&store.head).expect("a head");
            let Ok(Ok(change)) = r.absorb_from(&mut store, &docs[i..=i], judgements) else {
                stale += 1;
                store.save_whole(&mut Resolver::resolve(&docs[..=i], judgements));
                continue;
            };
            for &(id, kept) in &change.entities {
                let e = r.entity_from(id, kept).expect("a changed entity is held");
                if id == store.entities.len() {
                    store.entities.push(e);
                } else {
                    let saved = &mut store.entities[id];
                    saved.mentions.truncate(kept);
                    saved.mentions.extend(e.mentions);
                    *saved = Entity { mentions: std::mem::take(&mut saved.mentions), ..e };
                }
            }
            for &p in &change.events {
                let e = r.event(p).expect("a changed event is held");
                if p == store.events.len() {
                    store.events.push(e);
                } else {
                    store.events[p] = e;
                }
            }
            store.head = r.head();
            store.pages.extend(r.pages(false).into_iter().map(|p| (p.id, p.data)));
        }
        (store.record(), stale)
    }

    const MORE: &[&str] = &[
        "1 April 2021\n\nAliyev was sentenced to three years in prison on 30 March 2021 in Almaty.",
        "2 April 2021\n\nA court in Almaty sentenced Timur Aliev to three years in a penal colony.",
        "3 April 2021\n\nMore than 200 workers of Almaty Steel went on strike on 1 April 2021.",
        "5 April 2021\n\nAround 250 workers at Almaty Steel have been on strike since April 1, 2021.",
        "6 April 2021\n\nPolice in Almaty detained Dana Bekova, a shop steward at Almaty Steel, on 5 April.",
        "7 April 2021\n\nA court fined Ms Bekova 100,000 tenge for organising an unauthorised rally.",
        "8 April 2021\n\nThe Independent Union of Miners (IUM) said Aigul Bekova was arrested in Almaty.",
    ];

    #[test]
    fn absorbing_one_document_at_a_time_gives_the_batch_record() {
        let texts: Vec<&str> = [A, B, C].iter().chain(MORE).copied().collect();
        let xs = extractions(&texts);
        let docs = refs(&xs);
        let batch = resolve(&docs, &[]);
        let (incremental, _) = one_at_a_time(&docs, &[]);
        assert_eq!(incremental, batch);
        let (paged, _) = one_at_a_time_paged(&docs, &[]);
        assert_eq!(paged, batch);
        // Every split into two absorptions gives the same record too.
        for cut in 0..=docs.len() {
            let mut r = Resolver::resolve(&docs[..cut], &[]);
            if r.absorb(&docs[cut..], &[]).is_err() {
                continue;
            }
            assert_eq!(r.record(), batch, "cut at {cut}");
        }
    }

    #[test]
    fn a_group_counted_then_named_in_one_section_is_one_event() {
        // Found through the document's own section, as neither sentence shares a name or a
        // date with the other.
        let r = record(
            &["Two union activists were detained in Aktau on Monday. Police detained Serik Abenov and Dana Moroz at the rally."],
            &[],
        );
        let arrests: Vec<&Event> = r.events.iter().filter(|e| e.kind == EventType::Arrest).collect();
        assert_eq!(arrests.len(), 1, "{arrests:#?}");
        assert_eq!(arrests[0].sources.len(), 2);
    }

    #[test]
    fn a_document_key_absorbed_again_gives_the_batch_record() {
        // A key seen before finds its earlier events through the document's saved list of
        // events, in one batch, one at a time, and page by page.
        let texts: Vec<&str> = [A, B, C].iter().chain(MORE).copied().collect();
        let xs = extractions(&texts);
        let mut docs = refs(&xs);
        for (d, key) in docs.iter_mut().zip([1, 2, 1, 3, 2, 1]) {
            d.key = key;
        }
        let batch = resolve(&docs, &[]);
        assert!(!batch.events.is_empty());
        let (incremental, _) = one_at_a_time(&docs, &[]);
        assert_eq!(incremental, batch);
        let (paged, _) = one_at_a_time_paged(&docs, &[]);
        assert_eq!(paged, batch);
        // The second text under the first one's key is read as more of its one section.
        let xs = extractions(&[
            "Two union activists were detained in Aktau on Monday.",
            "Police detained Serik Abenov and Dana Moroz at the rally in the afternoon.",
        ]);
        let docs: Vec<DocumentRef<'_>> = xs.iter().map(|x| DocumentRef { key: 7, extraction: x }).collect();
        let batch = resolve(&docs, &[]);
        let arrests = batch.events.iter().filter(|e| e.kind == EventType::Arrest).count();
        assert_eq!(arrests, 1, "{:#?}", batch.events);
        assert_eq!(one_at_a_time_paged(&docs, &[]).0, batch);
    }

    #[test]
    fn a_change_to_earlier_decisions_is_stale() {
        // Bekova alone joins Dana Bekova until a second Bekova appears.
        let xs = extractions(&[MORE[4], MORE[5], MORE[6]]);
        let docs = refs(&xs);
        let mut r = Resolver::resolve(&docs[..2], &[]);
        assert_eq!(r.absorb(&docs[2..], &[]), Err(Stale));
        assert_eq!(r.absorb(&[], &[]), Err(Stale), "a stale resolver stays stale");
        assert_eq!(one_at_a_time(&docs, &[]).0, resolve(&docs, &[]));
        assert_eq!(one_at_a_time_paged(&docs, &[]).0, resolve(&docs, &[]));
    }

    #[test]
    fn judgements_win_after_incremental_updates() {
        let xs = extractions(&[A, B, C, MORE[0], MORE[1]]);
        let docs = refs(&xs);
        let split = [Judgement { same: false, a: "Timur Aliyev".into(), b: "Timur Aliev".into() }];
        let merge = [Judgement { same: true, a: "Timur Aliyev".into(), b: "Timur Alikhanov".into() }];
        for judgements in [&split[..], &merge[..]] {
            // Documents absorbed without the judgement, then the judgement arrives with
            // more documents: the record is the batch one under the judgement.
            let mut r = Resolver::resolve(&docs[..3], &[]);
            let record = match r.absorb(&docs[3..], judgements) {
                Ok(_) => r.record(),
                Err(Stale) => resolve(&docs, judgements),
            };
            assert_eq!(record, resolve(&docs, judgements));
            assert_eq!(one_at_a_time(&docs, judgements).0, record);
            assert_eq!(one_at_a_time_paged(&docs, judgements).0, record);
        }
        let (r, _) = one_at_a_time(&docs, &split);
        assert_ne!(owner(&r, "Timur Aliyev")[0].name, owner(&r, "Timur Aliev")[0].name);
        let (r, _) = one_at_a_time(&docs, &merge);
        assert_eq!(owner(&r, "Timur Aliyev")[0].name, owner(&r, "Timur Alikhanov")[0].name);
    }

    #[test]
    fn a_damaged_state_is_stale_not_a_panic() {
        let xs = extractions(&[A, B, MORE[2]]);
        let docs = refs(&xs);
        let saved = serde_json::to_value(Resolver::resolve(&docs[..2], &[])).unwrap();
        let damages: [(&str, serde_json::Value); 4] = [
            ("/entity_of/0", 999.into()),
            ("/rules/parent/0", 1.into()),
            ("/order/0", 999.into()),
            ("/hints", serde_json::Value::Array(Vec::new())),
        ];
        for (at, value) in damages {
            let mut damaged = saved.clone();
            *damaged.pointer_mut(at).unwrap() = value;
            let mut r: Resolver = serde_json::from_value(damaged).unwrap();
            assert_eq!(r.absorb(&docs[2..], &[]), Err(Stale), "{at}");
        }
        let mut r: Resolver = serde_json::from_value(saved).unwrap();
        assert!(r.absorb(&docs[2..], &[]).is_ok());
        assert_eq!(r.record(), resolve(&docs, &[]));
    }

    #[test]
    fn the_change_names_what_moved() {
        let xs = extractions(&[A, B, MORE[2]]);
        let docs = refs(&xs);
        let mut r = Resolver::resolve(&docs[..1], &[]);
        let before = r.record();
        let change = r.absorb(&docs[1..], &[]).unwrap();
        let after = r.record();
        assert_eq!(change.entities_before, before.entities.len());
        assert_eq!(change.events_before, before.events.len());
        for (i, e) in after.entities.iter().enumerate() {
            match change.entities.iter().find(|(id, _)| *id == i) {
                Some(&(_, kept)) => assert_eq!(e.mentions[..kept], before.entities[i].mentions[..kept]),
                None => assert_eq!(Some(e), before.entities.get(i)),
            }
        }
        for (p, e) in after.events.iter().enumerate() {
            if !change.events.contains(&p) {
                assert_eq!(Some(e), before.events.get(p));
            }
        }
        assert!(change.events.iter().all(|&p| p < after.events.len()));
    }

    proptest::proptest! {
        /// What a hint's refusals rest on (see [`day`]): 32-bit days keep their order and
        /// never move further apart.
        #[test]
        fn days_in_32_bits_keep_order_and_never_part(a in proptest::num::i64::ANY, b in proptest::num::i64::ANY) {
            let (x, y) = (day(a), day(b));
            proptest::prop_assert!(a > b || x <= y);
            proptest::prop_assert!((i128::from(x) - i128::from(y)).abs() <= (i128::from(a) - i128::from(b)).abs());
            proptest::prop_assert_eq!(i64::from(day(a.clamp(-1 << 31, (1 << 31) - 1))), a.clamp(-1 << 31, (1 << 31) - 1));
        }
    }

    #[test]
    fn an_event_block_key_is_saved_as_it_reads() {
        let keys = [
            (BlockKey::new(EventType::Arrest, By::Entity(12)), "arrest:e12"),
            (BlockKey::new(EventType::HungerStrike, By::Month(2019, 5)), "hunger_strike:m2019-5"),
            (BlockKey::new(EventType::Fine, By::Month(-44, 3)), "fine:m-44-3"),
            (BlockKey::new(EventType::Protest, By::Year(2020)), "protest:y2020"),
            (BlockKey::new(EventType::Ban, By::YearOnly(-1)), "ban:Y-1"),
            (BlockKey::new(EventType::Strike, By::Told(2021, 12)), "strike:t2021-12"),
        ];
        for (key, text) in keys {
            assert_eq!(key.to_string(), text);
            assert_eq!(text.parse::<BlockKey>(), Ok(key));
            let json = serde_json::to_string(&key).unwrap();
            assert_eq!(serde_json::from_str::<BlockKey>(&json).unwrap(), key);
        }
        for bad in
            ["", "arrest", "arrest:", "arrest:x1", "riot:e1", "arrest:e", "arrest:m2019", "arrest:y20x", "arrest:t2019"]
        {
            assert!(bad.parse::<BlockKey>().is_err(), "{bad:?}");
        }
    }

    /// An item of one passage naming these participants (entity, whether an agent).
    fn item_of(passage_at: usize, people: &[(usize, bool)]) -> Item {
        let participants = people
            .iter()
            .map(|&(entity, agent)| Participant { entity, role: if agent { Role::Agent } else { Role::Target } });
        Item {
            kind: EventType::Protest,
            participants: participants.collect(),
            legal: Vec::new(),
            claim: Claim {
                doc: (passage_at % 3) as u64,
                span: Span::new(passage_at * 10, passage_at * 10 + 5),
                quote: format!("passage {passage_at}"),
                date: None,
                place: None,
                count: None,
                term: None,
                amount: None,
            },
            section: 0,
            context: None,
        }
    }

    #[test]
    fn a_cluster_answers_alike_below_and_above_its_index() {
        // Participants and passages arrive past the point where the cluster indexes them,
        // agents among them, some told again; after every item, and after a save and a read
        // back, the cluster answers as its vectors say.
        let mut cluster = Cluster::new(item_of(0, &[(0, false)]));
        for k in 1..30 {
            let people = [(k % 13, k % 4 == 0), ((k * 7) % 13, false)];
            let passage_at = if k % 5 == 0 { k - 1 } else { k };
            cluster.add(item_of(passage_at, &people));
            let mut back: Cluster = serde_json::from_str(&serde_json::to_string(&cluster).unwrap()).unwrap();
            back.reindex();
            for c in [&cluster, &back] {
                assert_eq!(c.index.is_some(), c.participants.len() > FEW || c.claims.len() > FEW);
                for e in 0..15 {
                    let first = c.participants.iter().find(|p| p.entity == e);
                    assert_eq!(c.is_member(e), first.is_some());
                    assert_eq!(c.is_named(e), first.is_some_and(|p| p.role != Role::Agent));
                }
                assert_eq!(c.named_count(), c.participants.iter().filter(|p| p.role != Role::Agent).count());
                for at in 0..32 {
                    let key = passage((at % 3) as u64, Span::new(at * 10, at * 10 + 5));
                    assert_eq!(c.cites(key), c.claims.iter().any(|x| passage(x.doc, x.span) == key));
                }
            }
        }
        assert!(cluster.index.is_some(), "the test reaches the indexed cluster");
    }
}
