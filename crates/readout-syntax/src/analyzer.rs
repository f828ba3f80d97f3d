//! The analyser: tagger, lemmatiser and parser together, and the model file that holds them.

use std::cell::RefCell;
use std::sync::OnceLock;

use readout_model::{Sentence, Token as TextToken, TokenSyntax};

use crate::parser::{tag_id, ParseScratch, Parser, Token};
use crate::perceptron::{gunzip, gzip, Bytes};
use crate::tagger::{Lemmatizer, Scratch, Tagger, WordIds};
use crate::SyntaxError;
use crate::{DepRel, Upos, Xpos};

/// The first bytes of a model file, before the gzip stream; the last byte is the version.
const MAGIC: &[u8; 8] = b"ROSYNT\x00\x01";

/// The model compiled into the binary (trained by `readout train syntax`).
static EMBEDDED: &[u8] = include_bytes!("../model/syntax.model");

/// The analysis of one sentence: per word, its tags, lemma, head and relation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Analysis {
    /// Universal POS tags.
    pub upos: Vec<Upos>,
    /// Penn tags.
    pub xpos: Vec<Xpos>,
    /// Lemmas.
    pub lemmas: Vec<String>,
    /// Heads as word indexes (0-based); `None` for the root.
    pub heads: Vec<Option<usize>>,
    /// Relations to the head ([`DepRel::Root`] for the root).
    pub deprels: Vec<DepRel>,
}

impl Analysis {
    /// Heads as in CoNLL-U: 0 for the root, else the 1-based head.
    pub fn conll_heads(&self) -> Vec<usize> {
        self.heads.iter().map(|h| h.map_or(0, |h| h + 1)).collect()
    }

    /// The dependents of word `head` with relation `rel`, in order.
    pub fn dependents(&self, head: usize, rel: DepRel) -> Vec<usize> {
        (0..self.heads.len())
            .filter(|&i| self.heads[i] == Some(head) && self.deprels[i] == rel)
            .collect()
    }
}

/// A tagger, lemmatiser and parser.
pub struct Analyzer {
    pub(crate) tagger: Tagger,
    pub(crate) lemmatizer: Lemmatizer,
    pub(crate) parser: Parser,
}

/// Reusable buffers, so that analysing a stream of sentences allocates little.
#[derive(Default)]
pub struct Workspace {
    words: Vec<WordIds>,
    classes: Vec<u8>,
    toks: Vec<Token>,
    tag: Scratch,
    parse: ParseScratch,
}

impl Analyzer {
    /// The model compiled into the binary, loaded once.
    pub fn embedded() -> Result<&'static Analyzer, SyntaxError> {
        static MODEL: OnceLock<Result<Analyzer, String>> = OnceLock::new();
        MODEL
            .get_or_init(|| Analyzer::from_bytes(EMBEDDED).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| SyntaxError::Model(e.clone()))
    }

    /// Reads a model file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Analyzer, SyntaxError> {
        let body = bytes
            .strip_prefix(MAGIC.as_slice())
            .ok_or_else(|| SyntaxError::Model("not a readout syntax model (version 1)".into()))?;
        let raw = gunzip(body)?;
        let mut r = Bytes::new(&raw);
        let tagger = Tagger::read(&mut r)?;
        let lemmatizer = Lemmatizer::read(&mut r)?;
        let parser = Parser::read(&mut r)?;
        if r.remaining() != 0 {
            return Err(SyntaxError::Model("trailing bytes after the parser".into()));
        }
        Ok(Analyzer {
            tagger,
            lemmatizer,
            parser,
        })
    }

    /// The model file: the magic bytes, then gzip of tagger, lemmatiser and parser.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut raw = Vec::new();
        self.tagger.write(&mut raw);
        self.lemmatizer.write(&mut raw);
        self.parser.write(&mut raw);
        let mut out = MAGIC.to_vec();
        out.extend(gzip(&raw));
        out
    }

    /// Features kept by the tagger and the parser.
    pub fn feature_counts(&self) -> (usize, usize) {
        (self.tagger.features(), self.parser.features())
    }

    /// The model without tagger weights below `tag_min` and parser weights below
    /// `parse_min` (in the file's 16-bit units), for measuring what pruning costs; also the
    /// number of weights at the 16-bit limit.
    pub fn pruned(&self, tag_min: i16, parse_min: i16) -> (Analyzer, usize) {
        let (tagger, a) = self.tagger.pruned(tag_min);
        let (parser, b) = self.parser.pruned(parse_min);
        let lemmatizer = Lemmatizer::read(&mut Bytes::new(&{
            let mut v = Vec::new();
            self.lemmatizer.write(&mut v);
            v
        }))
        .unwrap_or_else(|_| Lemmatizer::train(std::iter::empty()));
        (
            Analyzer {
                tagger,
                lemmatizer,
                parser,
            },
            a + b,
        )
    }

    /// Tags, lemmatises and parses one sentence given as words.
    pub fn analyse(&self, words: &[&str]) -> Analysis {
        let mut ws = Workspace::default();
        let mut out = Analysis::default();
        self.analyse_into(words, &mut ws, &mut out, true);
        out
    }

    /// As [`Analyzer::analyse`], reusing buffers; `lemmas` false leaves the lemmas empty.
    pub fn analyse_into(
        &self,
        words: &[&str],
        ws: &mut Workspace,
        out: &mut Analysis,
        lemmas: bool,
    ) {
        ws.words.clear();
        ws.words.extend(words.iter().map(|w| WordIds::new(w)));
        self.tagger.tag(&ws.words, &mut ws.classes, &mut ws.tag);
        out.upos.clear();
        out.xpos.clear();
        for &c in &ws.classes {
            let (u, x) = self.tagger.class(c);
            out.upos.push(u);
            out.xpos.push(x);
        }
        out.lemmas.clear();
        if lemmas {
            out.lemmas.extend(
                words
                    .iter()
                    .zip(&out.xpos)
                    .map(|(w, x)| self.lemmatizer.lemma(w, *x)),
            );
        }
        ws.toks.clear();
        ws.toks
            .extend(ws.words.iter().zip(&out.xpos).map(|(w, x)| Token {
                word: w.lower,
                tag: tag_id(*x),
                cluster: w.c6,
            }));
        self.parser.parse(&ws.toks, &mut ws.parse);
        let n = words.len();
        let st = &ws.parse.state;
        out.heads.clear();
        out.heads.extend(
            st.heads[..n]
                .iter()
                .map(|&h| (h as usize != n).then_some(h as usize)),
        );
        out.deprels.clear();
        out.deprels
            .extend(st.labels[..n].iter().map(|&l| DepRel::ALL[l as usize]));
    }

    /// The parse of a document's tokens, sentence by sentence: one [`TokenSyntax`] per
    /// token, its head an index into `tokens` within the same sentence. Every token is a
    /// word: readout's tokens are Penn-style (clitics split, as EWT's syntactic words are)
    /// and keep hyphenated words whole, which the model is trained on as well
    /// (`docs/syntax.md`). A token no sentence holds (none, as readout-text segments) is
    /// given `X`, `XX`, its own text, no head and `dep`.
    pub fn analyse_document(
        &self,
        text: &str,
        tokens: &[TextToken],
        sentences: &[Sentence],
    ) -> Vec<TokenSyntax> {
        self.analyse_sentences(text, tokens, sentences, |_| true)
    }

    /// As [`Analyzer::analyse_document`], parsing only the sentences (by index) that
    /// `wanted` accepts: the tokens of the others are given as unparsed ones are (`X`, no
    /// head, `dep`), so that a sentence without a `root` is one that was not parsed.
    pub fn analyse_sentences(
        &self,
        text: &str,
        tokens: &[TextToken],
        sentences: &[Sentence],
        wanted: impl Fn(usize) -> bool,
    ) -> Vec<TokenSyntax> {
        let word = |t: &TextToken| text.get(t.span.start..t.span.end).unwrap_or("");
        let mut out: Vec<TokenSyntax> = tokens
            .iter()
            .map(|t| TokenSyntax {
                upos: Upos::X,
                xpos: Xpos::Xx,
                lemma: word(t).to_string(),
                head: None,
                deprel: DepRel::Dep,
            })
            .collect();
        self.analyse_more_sentences(text, tokens, sentences, wanted, &mut out);
        out
    }

    /// Parses the sentences `wanted` accepts into `out`, an earlier result of
    /// [`Analyzer::analyse_sentences`] over the same tokens, in place: the other sentences
    /// keep what `out` holds. Making a second full result and merging it would hold two
    /// copies of every token's syntax at once. An `out` of another length is replaced.
    pub fn analyse_more_sentences(
        &self,
        text: &str,
        tokens: &[TextToken],
        sentences: &[Sentence],
        wanted: impl Fn(usize) -> bool,
        out: &mut Vec<TokenSyntax>,
    ) {
        if out.len() != tokens.len() {
            *out = self.analyse_sentences(text, tokens, sentences, wanted);
            return;
        }
        thread_local! {
            static BUFFERS: RefCell<(Workspace, Analysis)> = RefCell::default();
        }
        let word = |t: &TextToken| text.get(t.span.start..t.span.end).unwrap_or("");
        BUFFERS.with(|cell| {
            let (ws, analysis) = &mut *cell.borrow_mut();
            let mut words: Vec<&str> = Vec::new();
            for (index, sentence) in sentences.iter().enumerate() {
                if !wanted(index) {
                    continue;
                }
                let range =
                    sentence.tokens.start.min(tokens.len())..sentence.tokens.end.min(tokens.len());
                if range.is_empty() {
                    continue;
                }
                words.clear();
                words.extend(tokens[range.clone()].iter().map(word));
                self.analyse_into(&words, ws, analysis, true);
                for (i, slot) in out[range.clone()].iter_mut().enumerate() {
                    *slot = TokenSyntax {
                        upos: analysis.upos[i],
                        xpos: analysis.xpos[i],
                        lemma: std::mem::take(&mut analysis.lemmas[i]),
                        head: analysis.heads[i].map(|h| range.start + h),
                        deprel: analysis.deprels[i],
                    };
                }
            }
        });
    }
}
