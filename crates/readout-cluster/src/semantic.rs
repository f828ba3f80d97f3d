//! Word vectors, so that two reports of one event told with different words still look
//! alike: the 20,000 most frequent words of GloVe 6B 50d (Stanford; vectors PDDL 1.0),
//! centred and quantised to bytes by `tools/glove/build.sh` (see `data/README.md`).

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

/// How many numbers a word's vector holds.
pub const DIMENSIONS: usize = 50;

static EMBEDDED: &[u8] = include_bytes!("../data/glove20k.bin");

/// A table of word vectors.
#[derive(Debug, Default)]
pub struct WordVectors {
    index: FxHashMap<&'static str, u32>,
    values: &'static [u8],
    scale: f32,
}

impl WordVectors {
    /// The committed table, read once.
    pub fn embedded() -> &'static WordVectors {
        static TABLE: OnceLock<WordVectors> = OnceLock::new();
        // The table is part of the program, checked by a test; a damaged one gives no
        // vectors rather than a failure.
        TABLE.get_or_init(|| WordVectors::parse(EMBEDDED).unwrap_or_default())
    }

    /// Reads the format `tools/glove/build.py` writes; `None` when it is not that.
    fn parse(bytes: &'static [u8]) -> Option<WordVectors> {
        let rest = bytes.strip_prefix(b"RDGLOVE1")?;
        let u32_at = |at: usize| -> Option<u32> {
            Some(u32::from_le_bytes(rest.get(at..at + 4)?.try_into().ok()?))
        };
        let (words, dimensions) = (u32_at(0)? as usize, u32_at(4)? as usize);
        let scale = f32::from_le_bytes(rest.get(8..12)?.try_into().ok()?);
        if dimensions != DIMENSIONS || !(scale.is_finite() && scale > 0.0) {
            return None;
        }
        let mut at = 12;
        let mut index = FxHashMap::default();
        for i in 0..words {
            let length = *rest.get(at)? as usize;
            let word = std::str::from_utf8(rest.get(at + 1..at + 1 + length)?).ok()?;
            index.insert(word, i as u32);
            at += 1 + length;
        }
        let values = rest.get(at..at + words * DIMENSIONS)?;
        Some(WordVectors {
            index,
            values,
            scale,
        })
    }

    /// How many words the table holds.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// The number of a word's vector (lower case), if the table has it.
    pub fn find(&self, word: &str) -> Option<u32> {
        self.index.get(word).copied()
    }

    /// Adds `weight` times vector `number` to `out`.
    pub fn add(&self, number: u32, weight: f32, out: &mut [f32; DIMENSIONS]) {
        let start = number as usize * DIMENSIONS;
        let Some(row) = self.values.get(start..start + DIMENSIONS) else {
            return;
        };
        for (o, &b) in out.iter_mut().zip(row) {
            *o += weight * self.scale * f32::from(b as i8);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cosine(a: &str, b: &str) -> f32 {
        let t = WordVectors::embedded();
        let (mut x, mut y) = ([0.0; DIMENSIONS], [0.0; DIMENSIONS]);
        t.add(t.find(a).unwrap(), 1.0, &mut x);
        t.add(t.find(b).unwrap(), 1.0, &mut y);
        let dot: f32 = x.iter().zip(&y).map(|(a, b)| a * b).sum();
        let n = |v: &[f32]| v.iter().map(|a| a * a).sum::<f32>().sqrt();
        dot / (n(&x) * n(&y))
    }

    #[test]
    fn the_embedded_table_reads_and_near_words_are_near() {
        assert_eq!(WordVectors::embedded().len(), 20_000);
        assert!(cosine("earthquake", "quake") > cosine("earthquake", "election") + 0.3);
        assert!(cosine("killed", "dead") > cosine("killed", "merger"));
        assert!(WordVectors::embedded().find("Earthquake").is_none());
    }

    #[test]
    fn a_damaged_table_is_refused() {
        assert!(WordVectors::parse(b"RDGLOVE1\x01\0\0\0").is_none());
        assert!(WordVectors::parse(b"NOTGLOVE").is_none());
        let truncated = &EMBEDDED[..EMBEDDED.len() - 1];
        assert!(WordVectors::parse(truncated).is_none());
    }
}
