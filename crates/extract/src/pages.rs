//! The resolver's collections in pages, so that a saved state is read and written a page at a
//! time: a process that absorbs one document loads the pages its blocking keys lead to and
//! saves the pages it changed, not the whole state.
//!
//! A collection is either whole (every page in memory, as built by a resolution in memory or
//! read back from its serde form) or partial (read back page by page). Reading a page a
//! partial collection has not loaded answers [`Gap::Need`] with the page, and the caller loads
//! it and tries again: no I/O happens here.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::{FxHashMap, FxHashSet};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One page of a saved state: which collection (`part`) and which page of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PageId {
    pub part: u32,
    pub page: u64,
}

/// One page of a saved state with its contents (JSON).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatePage {
    pub id: PageId,
    pub data: String,
}

/// Where the pages of a saved state come from (a store): what a resolver read back page by
/// page asks for while it absorbs (see `Resolver::absorb_from`).
pub trait PageSource {
    type Error;
    /// The pages of these that exist (a bucket that does not is empty).
    fn pages(&mut self, ids: &[PageId]) -> Result<Vec<StatePage>, Self::Error>;
    /// Every page.
    fn all_pages(&mut self) -> Result<Vec<StatePage>, Self::Error>;
}

/// Why a partial state cannot answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Gap {
    /// These pages are needed (and were not loaded).
    Need(BTreeSet<PageId>),
    /// Every page is needed (a rule that looks at every entity, as judgements do).
    All,
    /// The state is damaged: an index outside what it indexes.
    Broken,
}

impl Gap {
    pub(crate) fn need(id: PageId) -> Gap {
        Gap::Need(BTreeSet::from([id]))
    }

    /// Both gaps: the pages either needs (so that one round loads them all).
    pub(crate) fn and(self, other: Gap) -> Gap {
        match (self, other) {
            (Gap::Broken, _) | (_, Gap::Broken) => Gap::Broken,
            (Gap::All, _) | (_, Gap::All) => Gap::All,
            (Gap::Need(mut a), Gap::Need(b)) => {
                a.extend(b);
                Gap::Need(a)
            }
        }
    }
}

/// A vector kept in pages of `PAGE` items.
#[derive(Debug, Clone)]
pub(crate) struct PagedVec<T, const PART: u32, const PAGE: usize> {
    len: usize,
    /// Page `p` at index `p`: `None` while not loaded (a vector indexed in place, since every
    /// item read goes through it).
    pages: Vec<Option<Vec<T>>>,
    whole: bool,
    /// Of every page, whether it changed since the last save (a flag, not a set: the
    /// resolution in memory writes millions of items).
    dirty: Vec<bool>,
}

impl<T, const PART: u32, const PAGE: usize> Default for PagedVec<T, PART, PAGE> {
    fn default() -> Self {
        PagedVec { len: 0, pages: Vec::new(), whole: true, dirty: Vec::new() }
    }
}

impl<T, const PART: u32, const PAGE: usize> PagedVec<T, PART, PAGE> {
    /// A partial vector of `len` items, none loaded yet.
    pub(crate) fn partial(len: usize) -> Self {
        let n = len.div_ceil(PAGE);
        PagedVec { len, pages: (0..n).map(|_| None).collect(), whole: false, dirty: vec![false; n] }
    }

    pub(crate) fn len(&self) -> usize {
        self.len
    }

    pub(crate) fn is_whole(&self) -> bool {
        self.whole
    }

    fn page_of(i: usize) -> (u64, usize) {
        ((i / PAGE) as u64, i % PAGE)
    }

    fn id(&self, page: u64) -> PageId {
        PageId { part: PART, page }
    }

    pub(crate) fn get(&self, i: usize) -> Result<&T, Gap> {
        if i >= self.len {
            return Err(Gap::Broken);
        }
        let (p, k) = Self::page_of(i);
        match self.pages.get(p as usize) {
            Some(Some(page)) => page.get(k).ok_or(Gap::Broken),
            _ => Err(Gap::need(self.id(p))),
        }
    }

    pub(crate) fn get_mut(&mut self, i: usize) -> Result<&mut T, Gap> {
        if i >= self.len {
            return Err(Gap::Broken);
        }
        let (p, k) = Self::page_of(i);
        let id = self.id(p);
        match self.pages.get_mut(p as usize) {
            Some(Some(page)) => {
                self.dirty[p as usize] = true;
                page.get_mut(k).ok_or(Gap::Broken)
            }
            _ => Err(Gap::need(id)),
        }
    }

    pub(crate) fn push(&mut self, item: T) -> Result<usize, Gap> {
        let (p, k) = Self::page_of(self.len);
        if k == 0 && self.pages.len() == p as usize {
            self.pages.push(Some(Vec::with_capacity(PAGE)));
            self.dirty.push(false);
        }
        let Some(slot) = self.pages.get_mut(p as usize) else { return Err(Gap::Broken) };
        let Some(page) = slot else { return Err(Gap::need(PageId { part: PART, page: p })) };
        if page.len() != k {
            return Err(Gap::Broken);
        }
        page.push(item);
        self.dirty[p as usize] = true;
        self.len += 1;
        Ok(self.len - 1)
    }

    /// Every item, in order; only for a whole vector.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &T> {
        self.pages.iter().flatten().flatten()
    }

    pub(crate) fn iter_mut(&mut self) -> impl Iterator<Item = &mut T> {
        self.pages.iter_mut().flatten().flatten()
    }

    /// Whether every page is loaded; then the vector is whole.
    pub(crate) fn set_whole(&mut self) -> bool {
        self.whole = self.pages.iter().all(Option::is_some);
        self.whole
    }

    /// Loads one page (its items checked by the caller).
    pub(crate) fn insert_page(&mut self, page: u64, items: Vec<T>) -> Result<(), Gap> {
        let start = usize::try_from(page).unwrap_or(usize::MAX).saturating_mul(PAGE);
        if start >= self.len || items.len() != PAGE.min(self.len - start) {
            return Err(Gap::Broken);
        }
        if let Some(slot @ None) = self.pages.get_mut(page as usize) {
            *slot = Some(items);
        }
        Ok(())
    }

    /// The pages changed since the last call (every page when `all`), as `(page, items)`.
    pub(crate) fn take_dirty(&mut self, all: bool) -> Vec<(PageId, &[T])> {
        let pages: Vec<u64> =
            (0..self.pages.len() as u64).filter(|&p| all || self.dirty.get(p as usize) == Some(&true)).collect();
        self.dirty.iter_mut().for_each(|d| *d = false);
        pages
            .into_iter()
            .filter_map(|p| match self.pages.get(p as usize) {
                Some(Some(v)) => Some((PageId { part: PART, page: p }, v.as_slice())),
                _ => None,
            })
            .collect()
    }
}

/// Serialised whole, as one sequence: the serde form of a whole resolver.
impl<T: Serialize, const PART: u32, const PAGE: usize> Serialize for PagedVec<T, PART, PAGE> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if !self.whole {
            return Err(serde::ser::Error::custom("a partial resolver state has no serde form"));
        }
        s.collect_seq(self.iter())
    }
}

/// Read back whole.
impl<'de, T: Deserialize<'de>, const PART: u32, const PAGE: usize> Deserialize<'de> for PagedVec<T, PART, PAGE> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let items = Vec::<T>::deserialize(d)?;
        let len = items.len();
        let mut pages = Vec::new();
        let mut it = items.into_iter().peekable();
        while it.peek().is_some() {
            pages.push(Some(it.by_ref().take(PAGE).collect()));
        }
        let dirty = vec![false; pages.len()];
        Ok(PagedVec { len, pages, whole: true, dirty })
    }
}

/// How many buckets a map's keys are spread over.
const BUCKETS: u64 = 4096;

/// The bucket of a map key: the same in every process.
pub(crate) trait BucketKey: Ord + Clone + std::hash::Hash {
    fn bucket(&self) -> u64;
}

/// The bucket of a key's bytes by FNV-1a: stable across processes and builds, unlike the
/// standard hasher.
pub(crate) fn fnv_bucket(bytes: impl IntoIterator<Item = u8>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h % BUCKETS
}

impl BucketKey for String {
    fn bucket(&self) -> u64 {
        fnv_bucket(self.bytes())
    }
}

impl BucketKey for u64 {
    /// Document keys by range: a store's ids are dense, so an event told by many reports
    /// reads a few pages of ranks, not one per report.
    fn bucket(&self) -> u64 {
        (self >> 12).min(u64::from(u32::MAX))
    }
}

/// A map kept in buckets of keys: the buckets are its pages, but its entries are held in one
/// hash map, so that a lookup in a whole map (every blocking key a resolution reads) is one
/// probe, without the key's bucket; the bucket is computed where it is needed, to load a
/// partial map's page, to mark a page changed and to save.
#[derive(Debug, Clone)]
pub(crate) struct PagedMap<K, V, const PART: u32> {
    len: usize,
    entries: FxHashMap<K, V>,
    /// Of a partial map, the buckets loaded (a whole map has them all).
    loaded: FxHashSet<u64>,
    whole: bool,
    dirty: FxHashSet<u64>,
}

impl<K, V, const PART: u32> Default for PagedMap<K, V, PART> {
    fn default() -> Self {
        PagedMap {
            len: 0,
            entries: FxHashMap::default(),
            loaded: FxHashSet::default(),
            whole: true,
            dirty: FxHashSet::default(),
        }
    }
}

impl<K: BucketKey, V, const PART: u32> PagedMap<K, V, PART> {
    pub(crate) fn partial(len: usize) -> Self {
        PagedMap { len, whole: false, ..PagedMap::default() }
    }

    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Fails when the key's bucket is not loaded.
    fn check(&self, k: &K) -> Result<(), Gap> {
        if self.whole {
            return Ok(());
        }
        let b = k.bucket();
        if self.loaded.contains(&b) {
            Ok(())
        } else {
            Err(Gap::need(PageId { part: PART, page: b }))
        }
    }

    pub(crate) fn get(&self, k: &K) -> Result<Option<&V>, Gap> {
        self.check(k)?;
        Ok(self.entries.get(k))
    }

    pub(crate) fn get_mut(&mut self, k: &K) -> Result<Option<&mut V>, Gap> {
        self.check(k)?;
        let v = self.entries.get_mut(k);
        if v.is_some() {
            self.dirty.insert(k.bucket());
        }
        Ok(v)
    }

    /// The value of a key, made with `new` when absent.
    pub(crate) fn entry_or(&mut self, k: K, new: impl FnOnce() -> V) -> Result<&mut V, Gap> {
        self.check(&k)?;
        self.dirty.insert(k.bucket());
        let len = &mut self.len;
        Ok(self.entries.entry(k).or_insert_with(|| {
            *len += 1;
            new()
        }))
    }

    /// Every value; only for a whole map.
    pub(crate) fn values(&self) -> impl Iterator<Item = &V> {
        self.entries.values()
    }

    /// Loads one bucket (`None`: the store has none, so it is empty).
    pub(crate) fn insert_page(&mut self, page: u64, entries: Option<BTreeMap<K, V>>) -> Result<(), Gap> {
        // A whole map holds every entry already: a page read again would overwrite newer ones.
        if self.whole {
            return Ok(());
        }
        let entries = entries.unwrap_or_default();
        if entries.keys().any(|k| k.bucket() != page) {
            return Err(Gap::Broken);
        }
        if self.loaded.insert(page) {
            self.entries.extend(entries);
        }
        Ok(())
    }

    /// The buckets changed since the last call (every bucket when `all`), each sorted by key
    /// so that a page's JSON is the same whatever order its keys came in.
    pub(crate) fn take_dirty(&mut self, all: bool) -> Vec<(PageId, BTreeMap<&K, &V>)> {
        let dirty = std::mem::take(&mut self.dirty);
        if !all && dirty.is_empty() {
            return Vec::new();
        }
        let mut pages: BTreeMap<u64, BTreeMap<&K, &V>> = BTreeMap::new();
        for (k, v) in &self.entries {
            let b = k.bucket();
            if all || dirty.contains(&b) {
                pages.entry(b).or_default().insert(k, v);
            }
        }
        pages.into_iter().map(|(p, m)| (PageId { part: PART, page: p }, m)).collect()
    }

    /// Makes a map read back bucket by bucket whole: the buckets not loaded are empty.
    pub(crate) fn set_whole(&mut self) {
        self.whole = true;
    }
}

/// Serialised whole, as a list of pairs (keys need not be strings).
impl<K: Serialize, V: Serialize, const PART: u32> Serialize for PagedMap<K, V, PART> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if !self.whole {
            return Err(serde::ser::Error::custom("a partial resolver state has no serde form"));
        }
        s.collect_seq(&self.entries)
    }
}

impl<'de, K: Deserialize<'de> + BucketKey, V: Deserialize<'de>, const PART: u32> Deserialize<'de>
    for PagedMap<K, V, PART>
{
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let pairs = Vec::<(K, V)>::deserialize(d)?;
        let mut m = PagedMap::default();
        m.entries.extend(pairs);
        m.len = m.entries.len();
        Ok(m)
    }
}

/// Reads one page's JSON.
pub(crate) fn parse<T: DeserializeOwned>(data: &str) -> Result<T, Gap> {
    serde_json::from_str(data).map_err(|_| Gap::Broken)
}
