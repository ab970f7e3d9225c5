//! Sets and maps kept as vectors while they are small, and vectors grown one item at a time
//! while they are: the resolver holds one of each per event, most events are told by one or
//! two passages, and a hash table's smallest allocation (or a vector's first growth, to four
//! items) is several times what one item needs. At 100,000 documents that difference is
//! hundreds of megabytes, each page of it touched for the first time.

use std::hash::Hash;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use smallvec::SmallVec;

/// How many items a set or map holds as a vector: up to here a scan is as quick as a hash.
pub(crate) const FEW: usize = 8;

/// A list that holds its first item in place, without an allocation: most of the resolver's
/// events are told by one passage, so most of their lists hold one item.
pub(crate) type One<T> = SmallVec<[T; 1]>;

/// A growable list: a vector, or one with its first items in place.
pub(crate) trait List<T> {
    fn len(&self) -> usize;
    fn reserve_exact(&mut self, n: usize);
    fn push(&mut self, x: T);
}

impl<T> List<T> for Vec<T> {
    fn len(&self) -> usize {
        Vec::len(self)
    }
    fn reserve_exact(&mut self, n: usize) {
        Vec::reserve_exact(self, n);
    }
    fn push(&mut self, x: T) {
        Vec::push(self, x);
    }
}

impl<T> List<T> for One<T> {
    fn len(&self) -> usize {
        SmallVec::len(self)
    }
    fn reserve_exact(&mut self, n: usize) {
        SmallVec::reserve_exact(self, n);
    }
    fn push(&mut self, x: T) {
        SmallVec::push(self, x);
    }
}

/// Pushes without the room for four items a vector's first growth makes, up to four.
pub(crate) fn push_tight<T>(v: &mut impl List<T>, x: T) {
    if v.len() < 4 {
        v.reserve_exact(1);
    }
    v.push(x);
}

/// A set: a vector up to [`FEW`] items, a hash set beyond (boxed, so that the set is the
/// size of a vector).
#[derive(Debug, Clone)]
pub(crate) enum SmallSet<T> {
    Few(Vec<T>),
    Many(Box<FxHashSet<T>>),
}

impl<T> Default for SmallSet<T> {
    fn default() -> Self {
        SmallSet::Few(Vec::new())
    }
}

impl<T: Eq + Hash> SmallSet<T> {
    /// Adds an item; `false` when it was there.
    pub(crate) fn insert(&mut self, x: T) -> bool {
        match self {
            SmallSet::Few(v) if v.contains(&x) => false,
            SmallSet::Few(v) if v.len() < FEW => {
                push_tight(v, x);
                true
            }
            SmallSet::Few(v) => {
                let mut set: FxHashSet<T> = v.drain(..).collect();
                set.insert(x);
                *self = SmallSet::Many(Box::new(set));
                true
            }
            SmallSet::Many(set) => set.insert(x),
        }
    }

    pub(crate) fn contains(&self, x: &T) -> bool {
        match self {
            SmallSet::Few(v) => v.contains(x),
            SmallSet::Many(set) => set.contains(x),
        }
    }

    pub(crate) fn len(&self) -> usize {
        match self {
            SmallSet::Few(v) => v.len(),
            SmallSet::Many(set) => set.len(),
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The items, in no particular order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &T> {
        let (few, many) = match self {
            SmallSet::Few(v) => (v.as_slice(), None),
            SmallSet::Many(set) => (&[][..], Some(&**set)),
        };
        few.iter().chain(many.into_iter().flatten())
    }
}

impl<T: Eq + Hash> FromIterator<T> for SmallSet<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Self {
        let mut set = SmallSet::default();
        for x in items {
            set.insert(x);
        }
        set
    }
}

/// Saved as a sequence, as a hash set is.
impl<T: Serialize + Eq + Hash> Serialize for SmallSet<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de, T: Deserialize<'de> + Eq + Hash> Deserialize<'de> for SmallSet<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Vec::<T>::deserialize(d).map(|v| v.into_iter().collect())
    }
}

/// A map: a vector of pairs up to [`FEW`] keys, a hash map beyond (boxed, as a set's).
#[derive(Debug, Clone)]
pub(crate) enum SmallMap<K, V> {
    Few(Vec<(K, V)>),
    Many(Box<FxHashMap<K, V>>),
}

impl<K, V> Default for SmallMap<K, V> {
    fn default() -> Self {
        SmallMap::Few(Vec::new())
    }
}

impl<K: Eq + Hash, V: Default> SmallMap<K, V> {
    pub(crate) fn get(&self, k: &K) -> Option<&V> {
        match self {
            SmallMap::Few(v) => v.iter().find(|(x, _)| x == k).map(|(_, value)| value),
            SmallMap::Many(map) => map.get(k),
        }
    }

    /// The value of a key, a default one added when absent.
    pub(crate) fn entry_or_default(&mut self, k: K) -> &mut V {
        if let SmallMap::Few(v) = self {
            if v.len() >= FEW && !v.iter().any(|(x, _)| *x == k) {
                let map: FxHashMap<K, V> = v.drain(..).collect();
                *self = SmallMap::Many(Box::new(map));
            }
        }
        match self {
            SmallMap::Few(v) => {
                let i = match v.iter().position(|(x, _)| *x == k) {
                    Some(i) => i,
                    None => {
                        push_tight(v, (k, V::default()));
                        v.len() - 1
                    }
                };
                &mut v[i].1
            }
            SmallMap::Many(map) => map.entry(k).or_default(),
        }
    }

    /// The pairs, in no particular order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        let (few, many) = match self {
            SmallMap::Few(v) => (v.as_slice(), None),
            SmallMap::Many(map) => (&[][..], Some(&**map)),
        };
        few.iter().map(|(k, v)| (k, v)).chain(many.into_iter().flatten())
    }
}

/// Saved as a sequence of pairs (a JSON object would need string keys).
impl<K: Serialize + Eq + Hash, V: Serialize + Default> Serialize for SmallMap<K, V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de, K: Deserialize<'de> + Eq + Hash, V: Deserialize<'de> + Default> Deserialize<'de> for SmallMap<K, V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let pairs = Vec::<(K, V)>::deserialize(d)?;
        let mut map = SmallMap::default();
        for (k, v) in pairs {
            *map.entry_or_default(k) = v;
        }
        Ok(map)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// Whatever the order and the repeats, a small set answers as a set does, before
        /// and after it turns into a hash set, and through a save and a read back.
        #[test]
        fn a_small_set_is_a_set(items in proptest::collection::vec(0u8..40, 0..40), probes in proptest::collection::vec(0u8..40, 0..10)) {
            let mut small = SmallSet::default();
            let mut model = BTreeSet::new();
            for &x in &items {
                prop_assert_eq!(small.insert(x), model.insert(x));
                prop_assert_eq!(small.len(), model.len());
            }
            for p in &probes {
                prop_assert_eq!(small.contains(p), model.contains(p));
            }
            prop_assert_eq!(small.iter().copied().collect::<BTreeSet<u8>>(), model.clone());
            let back: SmallSet<u8> = serde_json::from_str(&serde_json::to_string(&small).unwrap()).unwrap();
            prop_assert_eq!(back.iter().copied().collect::<BTreeSet<u8>>(), model);
        }

        /// The same of a small map, whose values are changed in place.
        #[test]
        fn a_small_map_is_a_map(items in proptest::collection::vec((0u8..30, 0u32..5), 0..40), probes in proptest::collection::vec(0u8..30, 0..10)) {
            let mut small: SmallMap<u8, u32> = SmallMap::default();
            let mut model = BTreeMap::new();
            for &(k, v) in &items {
                *small.entry_or_default(k) += v;
                *model.entry(k).or_default() += v;
            }
            for p in &probes {
                prop_assert_eq!(small.get(p), model.get(p));
            }
            let pairs = |m: &SmallMap<u8, u32>| m.iter().map(|(k, v)| (*k, *v)).collect::<BTreeMap<u8, u32>>();
            prop_assert_eq!(pairs(&small), model.clone());
            let back: SmallMap<u8, u32> = serde_json::from_str(&serde_json::to_string(&small).unwrap()).unwrap();
            prop_assert_eq!(pairs(&back), model);
        }
    }

    #[test]
    fn a_small_set_is_the_size_of_a_vector() {
        assert_eq!(std::mem::size_of::<SmallSet<u64>>(), std::mem::size_of::<Vec<u64>>());
        assert_eq!(std::mem::size_of::<SmallMap<u64, u64>>(), std::mem::size_of::<Vec<u64>>());
    }

    #[test]
    fn the_first_items_take_no_room_to_spare() {
        let mut v = Vec::new();
        let mut one: One<u64> = One::new();
        for i in 0..4u64 {
            push_tight(&mut v, i);
            assert_eq!(v.capacity(), v.len());
            push_tight(&mut one, i);
            assert_eq!(one.capacity(), one.len().max(1));
            assert_eq!(one.spilled(), i > 0);
        }
        assert_eq!(one.as_slice(), v.as_slice());
    }

    #[test]
    fn a_list_of_one_is_the_size_of_a_vector() {
        assert_eq!(std::mem::size_of::<One<(u64, u64)>>(), std::mem::size_of::<Vec<u64>>());
    }
}
