use serde::{Deserialize, Serialize};

/// One piece of a [`SourceMap`]: the text bytes `[text_start, text_end)` came from the raw
/// input bytes `[raw_start, raw_end)`.
///
/// When both ranges have the same length the correspondence is byte for byte (copied
/// text). When they differ (a decoded character reference such as `&amp;`, a folded run of
/// white space) the run maps as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SourceRun {
    /// First text byte of the run.
    pub text_start: usize,
    /// One past the last text byte of the run.
    pub text_end: usize,
    /// First raw input byte of the run.
    pub raw_start: usize,
    /// One past the last raw input byte of the run.
    pub raw_end: usize,
}

/// Maps byte offsets of an article's text back to byte offsets of the raw input it was
/// taken from (the file, the HTML page, the WARC record payload).
///
/// Runs are sorted by `text_start` and do not overlap. Text bytes that were synthesised
/// (a paragraph break inserted between two HTML blocks) belong to no run.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SourceMap {
    /// The runs, sorted by `text_start`.
    pub runs: Vec<SourceRun>,
}

impl SourceMap {
    /// A map for text copied unchanged from `raw_start..raw_start + len` of the input.
    pub fn contiguous(raw_start: usize, len: usize) -> Self {
        SourceMap {
            runs: vec![SourceRun {
                text_start: 0,
                text_end: len,
                raw_start,
                raw_end: raw_start + len,
            }],
        }
    }

    /// Appends a run, merging it with the previous one when both continue each other byte
    /// for byte. Runs must be pushed in text order.
    pub fn push(&mut self, run: SourceRun) {
        if let Some(last) = self.runs.last_mut() {
            let last_linear = last.text_end - last.text_start == last.raw_end - last.raw_start;
            let run_linear = run.text_end - run.text_start == run.raw_end - run.raw_start;
            if last_linear
                && run_linear
                && last.text_end == run.text_start
                && last.raw_end == run.raw_start
            {
                last.text_end = run.text_end;
                last.raw_end = run.raw_end;
                return;
            }
        }
        self.runs.push(run);
    }

    /// The raw byte offset a text offset came from, or `None` for synthesised text.
    ///
    /// An offset inside a run whose lengths differ maps to the run's raw start; an offset
    /// equal to a run's `text_end` maps to its `raw_end`, so that span ends map to ends.
    pub fn to_raw(&self, text_offset: usize) -> Option<usize> {
        let idx = self.runs.partition_point(|r| r.text_end < text_offset);
        let run = self.runs.get(idx)?;
        if text_offset < run.text_start {
            return None;
        }
        if text_offset == run.text_end {
            return Some(run.raw_end);
        }
        if run.text_end - run.text_start == run.raw_end - run.raw_start {
            Some(run.raw_start + (text_offset - run.text_start))
        } else {
            Some(run.raw_start)
        }
    }

    /// The map of the text range `[start, end)`, with text offsets made relative to
    /// `start`: what a piece of text cut out of a larger one needs.
    pub fn sub(&self, start: usize, end: usize) -> SourceMap {
        let mut out = SourceMap::default();
        for run in &self.runs {
            if run.text_end <= start || run.text_start >= end {
                continue;
            }
            let linear = run.text_end - run.text_start == run.raw_end - run.raw_start;
            let text_start = run.text_start.max(start);
            let text_end = run.text_end.min(end);
            let (raw_start, raw_end) = if linear {
                (
                    run.raw_start + (text_start - run.text_start),
                    run.raw_start + (text_end - run.text_start),
                )
            } else {
                (run.raw_start, run.raw_end)
            };
            out.runs.push(SourceRun {
                text_start: text_start - start,
                text_end: text_end - start,
                raw_start,
                raw_end,
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(ts: usize, te: usize, rs: usize, re: usize) -> SourceRun {
        SourceRun {
            text_start: ts,
            text_end: te,
            raw_start: rs,
            raw_end: re,
        }
    }

    #[test]
    fn maps_linear_and_entity_runs() {
        // "a&b" from "<p>a&amp;b</p>": 'a' at raw 3, '&' from "&amp;" at raw 4..9, 'b' at 9.
        let mut map = SourceMap::default();
        map.push(run(0, 1, 3, 4));
        map.push(run(1, 2, 4, 9));
        map.push(run(2, 3, 9, 10));
        assert_eq!(map.runs.len(), 3);
        assert_eq!(map.to_raw(0), Some(3));
        assert_eq!(map.to_raw(1), Some(4));
        assert_eq!(map.to_raw(2), Some(9));
        assert_eq!(map.to_raw(3), Some(10));
        assert_eq!(map.to_raw(4), None);
    }

    #[test]
    fn push_merges_continuing_runs_and_gaps_are_unmapped() {
        let mut map = SourceMap::default();
        map.push(run(0, 5, 10, 15));
        map.push(run(5, 8, 15, 18));
        assert_eq!(map.runs, vec![run(0, 8, 10, 18)]);
        // A synthesised paragraph break at text 8..10, then more copied text.
        map.push(run(10, 12, 40, 42));
        assert_eq!(map.to_raw(9), None);
        assert_eq!(map.to_raw(11), Some(41));
    }

    #[test]
    fn sub_shifts_and_clips() {
        let map = SourceMap::contiguous(100, 20);
        let cut = map.sub(8, 15);
        assert_eq!(cut.runs, vec![run(0, 7, 108, 115)]);
        assert_eq!(cut.to_raw(0), Some(108));
        // A non-linear run that is cut keeps its whole raw range.
        let entity = SourceMap {
            runs: vec![run(0, 1, 0, 5), run(1, 4, 5, 8)],
        };
        assert_eq!(
            entity.sub(0, 2).runs,
            vec![run(0, 1, 0, 5), run(1, 2, 5, 6)]
        );
        assert!(entity.sub(4, 9).runs.is_empty());
    }
}
