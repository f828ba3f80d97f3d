//! A CoNLL-U reader for the basic dependency tree.
//!
//! Scoring and training use the *syntactic words* of each sentence: the lines whose ID is a
//! single integer. A multiword token line (`3-4 don't`) is kept as a [`MultiwordToken`]
//! beside the words it covers, so that text can be rebuilt, but it is never tagged or
//! parsed itself: English-EWT splits "don't" into "do" + "n't" there, which is how
//! Penn-style tokens (and readout's tokeniser) already split it. Empty nodes (`8.1`) belong
//! to the enhanced graph only; they have no head in the basic tree and are skipped.
//!
//! A malformed sentence is reported with the file and line and dropped; the rest of the file
//! is still read.

use crate::SyntaxError;
use crate::{DepRel, Upos, Xpos};

/// One syntactic word with its gold annotation.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// The word form.
    pub form: String,
    /// The lemma.
    pub lemma: String,
    /// The universal part-of-speech tag.
    pub upos: Upos,
    /// The Penn tag ([`Xpos::Xx`] when absent).
    pub xpos: Xpos,
    /// The head: 0 for the root, otherwise the 1-based ID of the head word.
    pub head: usize,
    /// The relation to the head.
    pub deprel: DepRel,
    /// Whether the word is followed by no space (`SpaceAfter=No`).
    pub no_space_after: bool,
}

/// A multiword token: the surface form of the words `first..=last` (1-based IDs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MultiwordToken {
    /// The first word covered.
    pub first: usize,
    /// The last word covered.
    pub last: usize,
    /// The surface form.
    pub form: String,
}

/// One sentence of a treebank.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sentence {
    /// The `# sent_id` comment, if any.
    pub id: Option<String>,
    /// The `# text` comment, if any.
    pub text: Option<String>,
    /// The syntactic words, in order (word `i` has ID `i + 1`).
    pub words: Vec<Word>,
    /// The multiword tokens.
    pub multiword: Vec<MultiwordToken>,
}

impl Sentence {
    /// The word forms.
    pub fn forms(&self) -> Vec<&str> {
        self.words.iter().map(|w| w.form.as_str()).collect()
    }
}

/// The sentence as readout's tokeniser would cut it: English-EWT splits hyphenated words
/// ("hour - long", "Al - Zaman"), readout keeps them whole ("hour-long"), as CoNLL-2003 and
/// the Penn Treebank did. Every run of words joined by `HYPH` hyphens without spaces becomes
/// one word that takes the tags, relation and head of the run's own head (the one word of
/// the run whose head lies outside it), and the words that depended on any word of the run
/// depend on the merged word. Runs with more than one outside head are left alone. Returns
/// `None` when nothing was merged.
pub fn merge_hyphenated(s: &Sentence) -> Option<Sentence> {
    let n = s.words.len();
    // new_index[i]: the merged word that word i becomes.
    let mut new_index = vec![0usize; n];
    let mut spans: Vec<(usize, usize, usize)> = Vec::new();
    let mut i = 0;
    let mut merged_any = false;
    while i < n {
        let mut j = i;
        while j + 2 < n
            && s.words[j + 1].xpos == Xpos::Hyph
            && s.words[j].no_space_after
            && s.words[j + 1].no_space_after
            && s.words[j + 2].xpos != Xpos::Hyph
        {
            j += 2;
        }
        let head = if j > i {
            let outside: Vec<usize> = (i..=j)
                .filter(|&k| s.words[k].head == 0 || !(i + 1..=j + 1).contains(&s.words[k].head))
                .collect();
            (outside.len() == 1).then(|| outside[0])
        } else {
            None
        };
        match head {
            Some(h) => {
                merged_any = true;
                for slot in new_index.iter_mut().take(j + 1).skip(i) {
                    *slot = spans.len();
                }
                spans.push((i, j, h));
                i = j + 1;
            }
            None => {
                new_index[i] = spans.len();
                spans.push((i, i, i));
                i += 1;
            }
        }
    }
    if !merged_any {
        return None;
    }
    let words = spans
        .iter()
        .map(|&(a, b, h)| {
            let w = &s.words[h];
            let form: String = s.words[a..=b].iter().map(|w| w.form.as_str()).collect();
            let lemma = if h == b {
                let prefix: String = s.words[a..b].iter().map(|w| w.form.as_str()).collect();
                format!("{prefix}{}", w.lemma)
            } else {
                form.clone()
            };
            Word {
                form,
                lemma,
                upos: w.upos,
                xpos: w.xpos,
                head: if w.head == 0 {
                    0
                } else {
                    new_index[w.head - 1] + 1
                },
                deprel: w.deprel,
                no_space_after: s.words[b].no_space_after,
            }
        })
        .collect();
    Some(Sentence {
        id: s.id.clone(),
        text: s.text.clone(),
        words,
        multiword: Vec::new(),
    })
}

/// What a file gave: the well-formed sentences, and one error per sentence dropped.
#[derive(Debug, Default)]
pub struct Treebank {
    /// The sentences read.
    pub sentences: Vec<Sentence>,
    /// The sentences dropped, with the reason.
    pub errors: Vec<SyntaxError>,
}

/// Reads a CoNLL-U file.
pub fn read_file(path: &std::path::Path) -> Result<Treebank, SyntaxError> {
    let text = std::fs::read_to_string(path).map_err(|source| SyntaxError::Io {
        path: path.display().to_string(),
        source,
    })?;
    Ok(parse(&text, &path.display().to_string()))
}

/// Reads CoNLL-U text; `source` names it in error messages.
pub fn parse(text: &str, source: &str) -> Treebank {
    let mut out = Treebank::default();
    let mut current = Sentence::default();
    let mut start_line = 1;
    let mut broken: Option<(usize, String)> = None;
    let finish = |sentence: &mut Sentence,
                  broken: &mut Option<(usize, String)>,
                  out: &mut Treebank,
                  start: usize| {
        let s = std::mem::take(sentence);
        if let Some((line, message)) = broken.take() {
            out.errors.push(SyntaxError::Conllu {
                file: source.to_string(),
                line,
                message,
            });
        } else if !s.words.is_empty() {
            match check_heads(&s) {
                Ok(()) => out.sentences.push(s),
                Err(message) => out.errors.push(SyntaxError::Conllu {
                    file: source.to_string(),
                    line: start,
                    message,
                }),
            }
        }
    };
    for (n, raw) in text.lines().enumerate() {
        let line_no = n + 1;
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() {
            finish(&mut current, &mut broken, &mut out, start_line);
            start_line = line_no + 1;
            continue;
        }
        if broken.is_some() {
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim_start();
            if let Some(v) = comment.strip_prefix("sent_id =") {
                current.id = Some(v.trim().to_string());
            } else if let Some(v) = comment.strip_prefix("text =") {
                current.text = Some(v.trim().to_string());
            }
            continue;
        }
        if let Err(message) = read_line(line, &mut current) {
            broken = Some((line_no, message));
        }
    }
    finish(&mut current, &mut broken, &mut out, start_line);
    out
}

fn read_line(line: &str, sentence: &mut Sentence) -> Result<(), String> {
    let cols: Vec<&str> = line.split('\t').collect();
    if cols.len() != 10 {
        return Err(format!(
            "expected 10 tab-separated columns, found {}",
            cols.len()
        ));
    }
    let id = cols[0];
    if id.contains('.') {
        // An empty node of the enhanced graph: not part of the basic tree.
        return Ok(());
    }
    if let Some((a, b)) = id.split_once('-') {
        let (first, last) = match (a.parse::<usize>(), b.parse::<usize>()) {
            (Ok(f), Ok(l)) if f >= 1 && f <= l => (f, l),
            _ => return Err(format!("bad multiword token range {id:?}")),
        };
        if first != sentence.words.len() + 1 {
            return Err(format!(
                "multiword token {id} does not start at the next word"
            ));
        }
        sentence.multiword.push(MultiwordToken {
            first,
            last,
            form: cols[1].to_string(),
        });
        return Ok(());
    }
    let n: usize = id.parse().map_err(|_| format!("bad word ID {id:?}"))?;
    if n != sentence.words.len() + 1 {
        return Err(format!(
            "word ID {n} out of sequence (expected {})",
            sentence.words.len() + 1
        ));
    }
    let upos = Upos::from_exact(cols[3]).ok_or_else(|| format!("unknown UPOS {:?}", cols[3]))?;
    let head: usize = cols[6]
        .parse()
        .map_err(|_| format!("bad head {:?} for word {n}", cols[6]))?;
    let no_space_after = cols[9].split('|').any(|m| m == "SpaceAfter=No");
    sentence.words.push(Word {
        form: cols[1].to_string(),
        lemma: cols[2].to_string(),
        upos,
        xpos: Xpos::parse(cols[4]),
        head,
        deprel: DepRel::parse(cols[7]),
        no_space_after,
    });
    Ok(())
}

/// Heads within the sentence, exactly one root, and no cycles.
fn check_heads(s: &Sentence) -> Result<(), String> {
    let n = s.words.len();
    if let Some((i, w)) = s.words.iter().enumerate().find(|(_, w)| w.head > n) {
        return Err(format!(
            "word {} has head {} beyond the sentence",
            i + 1,
            w.head
        ));
    }
    let roots = s.words.iter().filter(|w| w.head == 0).count();
    if roots != 1 {
        return Err(format!("sentence has {roots} roots, expected 1"));
    }
    let heads: Vec<usize> = s.words.iter().map(|w| w.head).collect();
    if !crate::is_tree(&heads) {
        return Err("the heads form a cycle".to_string());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# sent_id = a-1\n# text = I don't know.\n\
1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t_\t_\n\
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n\
2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n\
3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n\
4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n\
4.1\tknow\tknow\tVERB\tVB\t_\t_\t_\t4:conj\t_\n\
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n";

    #[test]
    fn words_multiword_tokens_and_empty_nodes() {
        let tb = parse(SAMPLE, "sample");
        assert!(tb.errors.is_empty(), "{:?}", tb.errors);
        let s = &tb.sentences[0];
        assert_eq!(s.id.as_deref(), Some("a-1"));
        assert_eq!(s.forms(), ["I", "do", "n't", "know", "."]);
        assert_eq!(
            s.multiword,
            [MultiwordToken {
                first: 2,
                last: 3,
                form: "don't".into()
            }]
        );
        assert_eq!(s.words[2].deprel, DepRel::Advmod);
        assert_eq!(s.words[3].head, 0);
        assert!(s.words[3].no_space_after);
        assert_eq!(s.words[1].xpos, Xpos::Vbp);
    }

    #[test]
    fn a_broken_sentence_is_reported_with_its_line_and_the_rest_is_read() {
        let text = format!(
            "1\tHi\thi\tINTJ\tUH\t_\tX\tdiscourse\t_\t_\n\n{SAMPLE}\
             1\ta\ta\tDET\tDT\t_\t2\tdet\t_\t_\n2\tb\tb\tNOUN\tNN\t_\t1\tnsubj\t_\t_\n"
        );
        let tb = parse(&text, "f.conllu");
        assert_eq!(tb.sentences.len(), 1);
        assert_eq!(tb.errors.len(), 2);
        let first = tb.errors[0].to_string();
        assert!(
            first.contains("f.conllu:1") && first.contains("bad head"),
            "{first}"
        );
        let second = tb.errors[1].to_string();
        assert!(
            second.contains("f.conllu:13") && second.contains("0 roots"),
            "{second}"
        );
    }

    #[test]
    fn hyphenated_words_merge_into_one_word_with_the_runs_head() {
        let text = "1\tan\ta\tDET\tDT\t_\t5\tdet\t_\t_\n\
                    2\thour\thour\tNOUN\tNN\t_\t4\tobl:unmarked\t_\tSpaceAfter=No\n\
                    3\t-\t-\tPUNCT\tHYPH\t_\t2\tpunct\t_\tSpaceAfter=No\n\
                    4\tlong\tlong\tADJ\tJJ\t_\t5\tamod\t_\t_\n\
                    5\tdelay\tdelay\tNOUN\tNN\t_\t0\troot\t_\t_\n\
                    6\tso\tso\tADV\tRB\t_\t5\tadvmod\t_\t_\n\
                    7\t-\t-\tPUNCT\tHYPH\t_\t5\tpunct\t_\t_\n";
        let s = parse(text, "t").sentences.remove(0);
        let m = merge_hyphenated(&s).expect("one run merges");
        assert_eq!(m.forms(), ["an", "hour-long", "delay", "so", "-"]);
        let w = &m.words[1];
        assert_eq!((w.upos, w.deprel, w.head), (Upos::Adj, DepRel::Amod, 3));
        assert_eq!(w.lemma, "hour-long");
        assert_eq!(m.words[0].head, 3);
        assert_eq!(m.words[4].head, 3);
        let heads: Vec<usize> = m.words.iter().map(|w| w.head).collect();
        assert!(crate::is_tree(&heads));
        assert!(merge_hyphenated(&m).is_none());
    }

    #[test]
    fn too_few_columns_and_out_of_order_ids_are_errors() {
        let tb = parse("1\tHi\n\n2\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n", "x");
        assert!(tb.sentences.is_empty());
        assert_eq!(tb.errors.len(), 2);
    }
}
