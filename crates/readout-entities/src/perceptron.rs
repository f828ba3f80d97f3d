//! The averaged perceptron: sparse hashed features, one weight per feature and label.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::{Read, Write};

use crate::tags::LABELS;
use crate::EntityError;

/// Feature keys are already well-mixed 64-bit hashes, so the table uses them as they are.
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
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type KeyMap = HashMap<u64, u32, BuildHasherDefault<KeyHasher>>;

const MAGIC: &[u8; 8] = b"RONER\x00\x00\x01";

/// A trained tagger: for every kept feature, one weight per label.
pub struct Model {
    index: KeyMap,
    weights: Vec<f32>,
}

impl Model {
    /// Adds the weights of `features` into `out` (which is reset first).
    pub fn scores(&self, features: &[u64], out: &mut [f32; LABELS]) {
        out.fill(0.0);
        for f in features {
            if let Some(&row) = self.index.get(f) {
                let base = row as usize * LABELS;
                for (o, w) in out.iter_mut().zip(&self.weights[base..base + LABELS]) {
                    *o += w;
                }
            }
        }
    }

    /// How many features the model keeps.
    pub fn features(&self) -> usize {
        self.index.len()
    }

    /// The model in its file format: gzip of a header, then every feature (sorted by key)
    /// with a bit mask of its non-zero labels and their weights as 16-bit integers.
    pub fn to_gzip(&self) -> Vec<u8> {
        let scale = self.scale();
        let mut keys: Vec<(u64, u32)> = self.index.iter().map(|(&k, &r)| (k, r)).collect();
        keys.sort_unstable();
        let mut raw = Vec::with_capacity(keys.len() * 24);
        raw.extend_from_slice(MAGIC);
        raw.extend_from_slice(&(LABELS as u32).to_le_bytes());
        raw.extend_from_slice(&scale.to_le_bytes());
        raw.extend_from_slice(&(keys.len() as u64).to_le_bytes());
        for (key, row) in keys {
            let base = row as usize * LABELS;
            let q: Vec<i16> = self.weights[base..base + LABELS]
                .iter()
                .map(|w| (w / scale).round() as i16)
                .collect();
            let mask = q
                .iter()
                .enumerate()
                .filter(|(_, v)| **v != 0)
                .fold(0u32, |m, (l, _)| m | 1 << l);
            raw.extend_from_slice(&key.to_le_bytes());
            raw.extend_from_slice(&mask.to_le_bytes());
            for v in q.iter().filter(|v| **v != 0) {
                raw.extend_from_slice(&v.to_le_bytes());
            }
        }
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        // Writing into a Vec cannot fail.
        let _ = gz.write_all(&raw);
        gz.finish().unwrap_or_default()
    }

    /// A model with no features: it tags everything `O`.
    pub fn empty() -> Model {
        Model {
            index: KeyMap::default(),
            weights: Vec::new(),
        }
    }

    /// Reads a model written by [`Model::to_gzip`].
    pub fn from_gzip(bytes: &[u8]) -> Result<Model, EntityError> {
        let mut raw = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut raw)
            .map_err(|e| EntityError::Model(format!("not a gzip model: {e}")))?;
        let mut r = Reader { raw: &raw, at: 0 };
        if r.take(8)? != MAGIC {
            return Err(EntityError::Model("not a readout NER model".into()));
        }
        let labels = u32::from_le_bytes(r.array()?) as usize;
        if labels != LABELS {
            return Err(EntityError::Model(format!(
                "model has {labels} labels, this build expects {LABELS}"
            )));
        }
        let scale = f32::from_le_bytes(r.array()?);
        let count = u64::from_le_bytes(r.array()?) as usize;
        if count > raw.len() / 12 {
            return Err(EntityError::Model("feature count exceeds the file".into()));
        }
        let mut index = KeyMap::with_capacity_and_hasher(count, Default::default());
        let mut weights = Vec::with_capacity(count * LABELS);
        for row in 0..count {
            let key = u64::from_le_bytes(r.array()?);
            let mask = u32::from_le_bytes(r.array()?);
            for l in 0..LABELS {
                let w = if mask & (1 << l) != 0 {
                    f32::from(i16::from_le_bytes(r.array()?)) * scale
                } else {
                    0.0
                };
                weights.push(w);
            }
            index.insert(key, row as u32);
        }
        if r.at != raw.len() {
            return Err(EntityError::Model(
                "trailing bytes after the last feature".into(),
            ));
        }
        Ok(Model { index, weights })
    }

    /// The quantisation step: the largest weight maps to the largest 16-bit integer.
    fn scale(&self) -> f32 {
        let max = self.weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        if max > 0.0 {
            max / f32::from(i16::MAX)
        } else {
            1.0
        }
    }

    /// The model as it will be after saving and loading: weights rounded to the 16-bit grid
    /// and features without any weight left dropped. Training ends with this, so that the
    /// model evaluated after training is the one written to disk.
    fn quantised(self) -> Model {
        let scale = self.scale();
        let mut index = KeyMap::with_capacity_and_hasher(self.index.len(), Default::default());
        let mut weights = Vec::with_capacity(self.weights.len());
        let mut keys: Vec<(u64, u32)> = self.index.into_iter().collect();
        keys.sort_unstable();
        for (key, row) in keys {
            let base = row as usize * LABELS;
            let q: Vec<f32> = self.weights[base..base + LABELS]
                .iter()
                .map(|w| f32::from((w / scale).round() as i16) * scale)
                .collect();
            if q.iter().all(|w| *w == 0.0) {
                continue;
            }
            index.insert(key, (weights.len() / LABELS) as u32);
            weights.extend(q);
        }
        Model { index, weights }
    }
}

struct Reader<'a> {
    raw: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], EntityError> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.raw.len());
        let end = end.ok_or_else(|| EntityError::Model("truncated model".into()))?;
        let out = &self.raw[self.at..end];
        self.at = end;
        Ok(out)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], EntityError> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }
}

/// Training state: current weights, and the sums the averaged weights come from.
pub(crate) struct Trainer {
    index: KeyMap,
    weights: Vec<f32>,
    /// Each update at step `c` adds `c · delta` here; the average is `w - u / c`.
    stamped: Vec<f32>,
    step: f32,
}

impl Trainer {
    pub(crate) fn new() -> Self {
        Trainer {
            index: KeyMap::default(),
            weights: Vec::new(),
            stamped: Vec::new(),
            step: 1.0,
        }
    }

    pub(crate) fn scores(&self, features: &[u64], out: &mut [f32; LABELS]) {
        out.fill(0.0);
        for f in features {
            if let Some(&row) = self.index.get(f) {
                let base = row as usize * LABELS;
                for (o, w) in out.iter_mut().zip(&self.weights[base..base + LABELS]) {
                    *o += w;
                }
            }
        }
    }

    /// Moves the weights of `features` towards `gold` and away from `predicted`.
    pub(crate) fn update(&mut self, features: &[u64], gold: u8, predicted: u8) {
        if gold == predicted {
            return;
        }
        for &f in features {
            let next = self.index.len() as u32;
            let row = *self.index.entry(f).or_insert(next);
            if row == next {
                self.weights.extend([0.0; LABELS]);
                self.stamped.extend([0.0; LABELS]);
            }
            let base = row as usize * LABELS;
            self.weights[base + gold as usize] += 1.0;
            self.stamped[base + gold as usize] += self.step;
            self.weights[base + predicted as usize] -= 1.0;
            self.stamped[base + predicted as usize] -= self.step;
        }
    }

    /// Counts one decision.
    pub(crate) fn tick(&mut self) {
        self.step += 1.0;
    }

    /// The averaged, quantised model.
    pub(crate) fn average(&self) -> Model {
        let weights = self
            .weights
            .iter()
            .zip(&self.stamped)
            .map(|(w, u)| w - u / self.step)
            .collect();
        Model {
            index: self.index.clone(),
            weights,
        }
        .quantised()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_model_loads_to_the_same_scores() {
        let mut t = Trainer::new();
        for _ in 0..5 {
            t.update(&[1, 2], 3, 0);
            t.tick();
            t.update(&[2, 9], 0, 3);
            t.tick();
        }
        let model = t.average();
        let loaded = Model::from_gzip(&model.to_gzip()).unwrap();
        let (mut a, mut b) = ([0.0; LABELS], [0.0; LABELS]);
        model.scores(&[1, 2, 9, 77], &mut a);
        loaded.scores(&[1, 2, 9, 77], &mut b);
        assert_eq!(a, b);
        assert!(a[3] > a[0], "feature 1 votes for label 3: {a:?}");
        assert_eq!(model.to_gzip(), loaded.to_gzip());
    }

    #[test]
    fn bad_model_files_are_refused() {
        assert!(Model::from_gzip(b"not gzip").is_err());
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"RONER\x00\x00\x01\x11\x00\x00\x00").unwrap();
        let truncated = gz.finish().unwrap();
        assert!(Model::from_gzip(&truncated).is_err());
    }
}
