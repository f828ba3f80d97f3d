//! A sparse averaged perceptron: hashed 32-bit feature keys, and for every feature only the
//! classes it has ever been updated for. Rows are short (most features touch a few classes),
//! so scoring costs one table look-up and a handful of additions per feature, and a model
//! with a hundred classes stays small.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::{Read, Write};

use crate::SyntaxError;

/// Feature keys are already well-mixed hashes, so tables use them as they are.
#[derive(Default)]
pub(crate) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

pub(crate) type KeyMap<K, V> = HashMap<K, V, BuildHasherDefault<KeyHasher>>;

/// 64-bit FNV-1a of bytes, then a final mix: the identity of a string feature value.
pub(crate) fn hash_str(s: &str, seed: u64) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed.wrapping_mul(0x100_0000_01b3);
    for &b in s.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    mix(h)
}

/// The splitmix64 finaliser.
pub(crate) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A feature key from a template number and up to three values. Never 0, which marks an
/// empty slot in the look-up table.
#[inline]
pub(crate) fn feat(template: u32, a: u64, b: u64, c: u64) -> u32 {
    let h = mix(a ^ mix(b ^ mix(c ^ u64::from(template) << 40)).rotate_left(17));
    let k = (h >> 32) as u32 ^ h as u32;
    k.max(1)
}

/// One slot of the look-up table, 16 bytes: a feature key (0 = empty), and either its
/// weights themselves when it has at most two (most features do: one update touches two
/// classes) or where they are. A look-up then costs one cache miss for most features.
#[derive(Clone, Copy, Default)]
#[repr(C)]
struct Slot {
    key: u32,
    len: u8,
    class: [u8; 2],
    weight: [i16; 2],
    start: u32,
}

const INLINE: usize = 2;

/// Open addressing with linear probing over [`Slot`]s.
/// The table is filled to three quarters at most (keys are well mixed, so probes stay
/// short), and a few empty slots past the end let probes run on without wrapping.
#[derive(Clone)]
struct Table {
    slots: Vec<Slot>,
    buckets: u64,
}

impl Table {
    fn new(len: usize) -> Table {
        let buckets = (len * 4 / 3).max(16);
        Table {
            slots: vec![Slot::default(); buckets],
            buckets: buckets as u64,
        }
    }

    #[inline]
    fn slot(&self, key: u32) -> usize {
        // Multiply-shift maps the key onto any bucket count without a division.
        ((u64::from(key.wrapping_mul(0x9E37_79B1)) * self.buckets) >> 32) as usize
    }

    fn insert(&mut self, slot: Slot) {
        let mut i = self.slot(slot.key);
        while i < self.slots.len() && self.slots[i].key != 0 && self.slots[i].key != slot.key {
            i += 1;
        }
        if i == self.slots.len() {
            self.slots.push(slot);
        } else {
            self.slots[i] = slot;
        }
    }

    #[inline]
    fn get(&self, key: u32) -> Option<&Slot> {
        let mut i = self.slot(key);
        while let Some(s) = self.slots.get(i) {
            if s.key == key {
                return Some(s);
            }
            if s.key == 0 {
                return None;
            }
            i += 1;
        }
        None
    }
}

/// One non-zero weight of a feature.
#[derive(Clone, Copy)]
#[repr(C)]
struct Weight {
    class: u16,
    weight: i16,
}

/// A trained classifier: for each kept feature, its non-zero weights (class, 16-bit weight).
#[derive(Clone)]
pub(crate) struct Model {
    classes: usize,
    table: Table,
    entries: Vec<Weight>,
    /// Features in row order with the end of their entries, for writing the model out.
    keys: Vec<(u32, u32)>,
}

impl Model {
    /// Number of classes.
    pub(crate) fn classes(&self) -> usize {
        self.classes
    }

    /// Number of features kept.
    pub(crate) fn features(&self) -> usize {
        self.keys.len()
    }

    /// Sums the weights of `features` into `out` (which is reset first).
    #[inline]
    pub(crate) fn scores(&self, features: &[u32], out: &mut [i32]) {
        out.fill(0);
        // Each feature's home slot is read first, in a loop of independent loads, so that
        // the cache misses overlap instead of waiting one by one behind the additions.
        let mut warm = 0u32;
        for &f in features {
            if let Some(s) = self.table.slots.get(self.table.slot(f)) {
                warm = warm.wrapping_add(s.key);
            }
        }
        std::hint::black_box(warm);
        for &f in features {
            if let Some(slot) = self.table.get(f) {
                let len = slot.len as usize;
                if len <= INLINE {
                    for k in 0..len {
                        out[slot.class[k] as usize] += i32::from(slot.weight[k]);
                    }
                } else {
                    let a = slot.start as usize;
                    for w in &self.entries[a..a + len] {
                        out[w.class as usize] += i32::from(w.weight);
                    }
                }
            }
        }
    }

    /// The model without weights smaller than `min` (in quantised units), and without the
    /// features left with none; also how many weights sit at the 16-bit limit.
    pub(crate) fn pruned(&self, min: i16) -> (Model, usize) {
        let mut rows = Vec::with_capacity(self.keys.len());
        let mut saturated = 0;
        let mut start = 0usize;
        for &(key, end) in &self.keys {
            let row: Vec<(u8, i16)> = self.entries[start..end as usize]
                .iter()
                .inspect(|e| saturated += usize::from(e.weight.unsigned_abs() >= 32767))
                .filter(|e| e.weight.unsigned_abs() >= min.unsigned_abs())
                .map(|e| (e.class as u8, e.weight))
                .collect();
            start = end as usize;
            if !row.is_empty() {
                rows.push((key, row));
            }
        }
        (Model::from_rows(self.classes, rows), saturated)
    }

    fn from_rows(classes: usize, rows: Vec<(u32, Vec<(u8, i16)>)>) -> Model {
        let mut table = Table::new(rows.len());
        let mut all = Vec::new();
        let mut keys = Vec::with_capacity(rows.len());
        for (key, entries) in rows {
            let mut slot = Slot {
                key,
                len: entries.len() as u8,
                start: all.len() as u32,
                ..Slot::default()
            };
            if entries.len() <= INLINE {
                for (k, &(c, w)) in entries.iter().enumerate() {
                    slot.class[k] = c;
                    slot.weight[k] = w;
                }
            }
            all.extend(entries.iter().map(|&(c, w)| Weight {
                class: u16::from(c),
                weight: w,
            }));
            table.insert(slot);
            keys.push((key, all.len() as u32));
        }
        Model {
            classes,
            table,
            entries: all,
            keys,
        }
    }

    /// Writes the model: class count, row count, then per row (sorted by key) the key as a
    /// varint delta, the entry count, and each entry's class and zigzag varint weight.
    pub(crate) fn write(&self, out: &mut Vec<u8>) {
        put_varint(out, self.classes as u64);
        put_varint(out, self.keys.len() as u64);
        let (mut prev, mut start) = (0u32, 0usize);
        for &(key, end) in &self.keys {
            put_varint(out, u64::from(key - prev));
            prev = key;
            let row = &self.entries[start..end as usize];
            start = end as usize;
            out.push(row.len() as u8);
            for e in row {
                out.push(e.class as u8);
                let w = i64::from(e.weight);
                put_varint(out, ((w << 1) ^ (w >> 63)) as u64);
            }
        }
    }

    /// Reads a model written by [`Model::write`].
    pub(crate) fn read(r: &mut Bytes) -> Result<Model, SyntaxError> {
        let classes = r.varint()? as usize;
        if classes == 0 || classes > 256 {
            return Err(SyntaxError::Model(format!("{classes} classes")));
        }
        let count = r.varint()? as usize;
        if count > r.remaining() {
            return Err(SyntaxError::Model("feature count exceeds the file".into()));
        }
        let mut rows = Vec::with_capacity(count);
        let mut key = 0u32;
        for _ in 0..count {
            let delta = u32::try_from(r.varint()?)
                .map_err(|_| SyntaxError::Model("feature key out of range".into()))?;
            key = key
                .checked_add(delta)
                .filter(|k| *k != 0 && (rows.is_empty() || delta != 0))
                .ok_or_else(|| SyntaxError::Model("feature keys not ascending".into()))?;
            let n = r.byte()? as usize;
            let mut entries = Vec::with_capacity(n);
            for _ in 0..n {
                let c = r.byte()?;
                if c as usize >= classes {
                    return Err(SyntaxError::Model(format!("class {c} out of range")));
                }
                let z = r.varint()?;
                let w = ((z >> 1) as i64) ^ -((z & 1) as i64);
                let w = i16::try_from(w)
                    .map_err(|_| SyntaxError::Model("weight out of range".into()))?;
                entries.push((c, w));
            }
            rows.push((key, entries));
        }
        Ok(Model::from_rows(classes, rows))
    }
}

pub(crate) fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// A cursor over model bytes; every read checks the length.
pub(crate) struct Bytes<'a> {
    raw: &'a [u8],
    at: usize,
}

impl<'a> Bytes<'a> {
    pub(crate) fn new(raw: &'a [u8]) -> Self {
        Bytes { raw, at: 0 }
    }
    pub(crate) fn remaining(&self) -> usize {
        self.raw.len() - self.at
    }
    pub(crate) fn byte(&mut self) -> Result<u8, SyntaxError> {
        let b = *self
            .raw
            .get(self.at)
            .ok_or_else(|| SyntaxError::Model("truncated model".into()))?;
        self.at += 1;
        Ok(b)
    }
    pub(crate) fn varint(&mut self) -> Result<u64, SyntaxError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(v);
            }
        }
        Err(SyntaxError::Model("varint too long".into()))
    }
    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8], SyntaxError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.raw.len())
            .ok_or_else(|| SyntaxError::Model("truncated model".into()))?;
        let out = &self.raw[self.at..end];
        self.at = end;
        Ok(out)
    }
    pub(crate) fn string(&mut self) -> Result<String, SyntaxError> {
        let n = self.varint()? as usize;
        let b = self.take(n)?;
        String::from_utf8(b.to_vec()).map_err(|_| SyntaxError::Model("bad UTF-8".into()))
    }
}

pub(crate) fn put_string(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// Gzips bytes (best compression; deterministic).
pub(crate) fn gzip(raw: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing into a Vec cannot fail.
    let _ = gz.write_all(raw);
    gz.finish().unwrap_or_default()
}

/// Un-gzips bytes.
pub(crate) fn gunzip(bytes: &[u8]) -> Result<Vec<u8>, SyntaxError> {
    let mut raw = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut raw)
        .map_err(|e| SyntaxError::Model(format!("not a gzip model: {e}")))?;
    Ok(raw)
}

/// One weight during training: the current value, and the sum the average comes from.
#[derive(Clone, Copy)]
struct Entry {
    class: u8,
    weight: i32,
    /// Each update at step `t` adds `t · delta`; the average is `weight - stamped / t`.
    stamped: i64,
}

/// Training state. Integer weights and stamps make training exact, so the same data and
/// seed give the same model bit for bit.
pub(crate) struct Trainer {
    classes: usize,
    index: KeyMap<u32, u32>,
    rows: Vec<Vec<Entry>>,
    step: i64,
}

impl Trainer {
    pub(crate) fn new(classes: usize) -> Self {
        Trainer {
            classes,
            index: KeyMap::default(),
            rows: Vec::new(),
            step: 1,
        }
    }

    pub(crate) fn scores(&self, features: &[u32], out: &mut [i32]) {
        out.fill(0);
        for f in features {
            if let Some(&row) = self.index.get(f) {
                for e in &self.rows[row as usize] {
                    out[e.class as usize] += e.weight;
                }
            }
        }
    }

    fn bump(&mut self, feature: u32, class: usize, delta: i32) {
        let next = self.rows.len() as u32;
        let row = *self.index.entry(feature).or_insert(next);
        if row == next {
            self.rows.push(Vec::new());
        }
        let row = &mut self.rows[row as usize];
        let e = match row.iter_mut().position(|e| e.class as usize == class) {
            Some(i) => &mut row[i],
            None => {
                row.push(Entry {
                    class: class as u8,
                    weight: 0,
                    stamped: 0,
                });
                let last = row.len() - 1;
                &mut row[last]
            }
        };
        e.weight += delta;
        e.stamped += self.step * i64::from(delta);
    }

    /// Moves the weights of `features` towards `gold` and away from `predicted`.
    pub(crate) fn update(&mut self, features: &[u32], gold: usize, predicted: usize) {
        if gold == predicted {
            return;
        }
        for &f in features {
            self.bump(f, gold, 1);
            self.bump(f, predicted, -1);
        }
    }

    /// Counts one decision.
    pub(crate) fn tick(&mut self) {
        self.step += 1;
    }

    /// The averaged model, weights scaled by `scale` (a weight of 1.0 becomes `scale`) and
    /// rounded to 16 bits; weights that round to zero, and features left with none, are
    /// dropped. `min_abs` prunes further: entries whose averaged weight is smaller are
    /// dropped.
    pub(crate) fn average(&self, scale: f64, min_abs: f64) -> Model {
        let mut keyed: Vec<(u32, u32)> = self.index.iter().map(|(&k, &r)| (k, r)).collect();
        keyed.sort_unstable();
        let t = self.step as f64;
        let mut rows = Vec::with_capacity(keyed.len());
        for (key, r) in keyed {
            let mut entries: Vec<(u8, i16)> = self.rows[r as usize]
                .iter()
                .filter_map(|e| {
                    let avg = f64::from(e.weight) - e.stamped as f64 / t;
                    if avg.abs() < min_abs {
                        return None;
                    }
                    let q = (avg * scale).round().clamp(-32767.0, 32767.0) as i16;
                    (q != 0).then_some((e.class, q))
                })
                .collect();
            if entries.is_empty() {
                continue;
            }
            entries.sort_unstable();
            rows.push((key, entries));
        }
        Model::from_rows(self.classes, rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_model_reads_back_to_the_same_scores() {
        let mut t = Trainer::new(4);
        for _ in 0..5 {
            t.update(&[11, 12], 3, 0);
            t.tick();
            t.update(&[12, 19], 0, 3);
            t.tick();
        }
        let model = t.average(64.0, 0.0);
        let mut bytes = Vec::new();
        model.write(&mut bytes);
        let loaded = Model::read(&mut Bytes::new(&bytes)).unwrap();
        let (mut a, mut b) = ([0; 4], [0; 4]);
        model.scores(&[11, 12, 19, 77], &mut a);
        loaded.scores(&[11, 12, 19, 77], &mut b);
        assert_eq!(a, b);
        assert!(a[3] > a[0], "feature 11 votes for class 3: {a:?}");
        let mut again = Vec::new();
        loaded.write(&mut again);
        assert_eq!(bytes, again);
    }

    #[test]
    fn truncated_or_corrupt_models_are_refused() {
        let mut t = Trainer::new(3);
        t.update(&[5, 6], 2, 1);
        let mut bytes = Vec::new();
        t.average(64.0, 0.0).write(&mut bytes);
        for cut in 0..bytes.len() {
            assert!(Model::read(&mut Bytes::new(&bytes[..cut])).is_err());
        }
        assert!(Model::read(&mut Bytes::new(&[0])).is_err());
        assert!(gunzip(b"nope").is_err());
    }

    #[test]
    fn feature_keys_are_never_zero_and_differ_by_template() {
        assert_ne!(feat(1, 5, 0, 0), feat(2, 5, 0, 0));
        assert_ne!(feat(1, 5, 6, 0), feat(1, 6, 5, 0));
        assert!((0..1000).all(|i| feat(i, 0, 0, 0) != 0));
    }
}
