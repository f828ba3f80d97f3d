#!/usr/bin/env python3
"""Recall of readout's quotations on PolNeAR by kind of cue, to show where the misses are.

PolNeAR annotates every attribution, speech or not ("called", "shows", "seemed",
"endorsed"). This splits the gold attributions by their cue: speech cues (the forms of
say, tell, according to, a colon, and the other verbs of readout's lexicon) and all others,
and gives the content recall (token overlap >= 0.5, one-to-one, as `readout eval quotes`)
of each group.

    cargo run --release -p readout-cli -- eval quotes --write-gold /tmp/qgold
    cargo run --release -p readout-cli -- eval quotes --save-predictions /tmp/qpred
    python3 bench/quotes_breakdown.py /tmp/qgold/quotes.polnear-dev.jsonl \
        /tmp/qpred/quotes.polnear-dev.readout.jsonl
"""
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "crates" / "readout-quotes" / "data"


def lexicon():
    words = {w.strip() for w in open(ROOT / "quote_verbs.txt") if w.strip()}
    for line in open(ROOT / "cues.txt"):
        if line.startswith("#") or "\t" not in line:
            continue
        w, c = line.rstrip("\n").split("\t")[:2]
        if c == "exclude":
            words.discard(w)
        else:
            words.add(w)
    return words | {"according to", ":"}


def words(text, span):
    a, b = span
    return {(a + m.start(), a + m.end()) for m in re.finditer(rb"\w+", text[a:b])}


def main(gold_path, pred_path):
    speech = lexicon()
    gold = {json.loads(l)["id"]: json.loads(l) for l in open(gold_path)}
    pred = {json.loads(l)["id"]: json.loads(l) for l in open(pred_path)}
    found = {True: [0, 0], False: [0, 0]}
    for doc_id, g in gold.items():
        text = g["text"].encode()
        pt = [words(text, q["content"]) for q in pred.get(doc_id, {"quotes": []})["quotes"]]
        used = set()
        for q in g["quotes"]:
            cue = q["cue"]
            cue_text = text[cue[0]:cue[1]].decode().lower() if cue else ""
            last = cue_text.split()[-1] if cue_text else ""
            is_speech = cue_text in speech or last in speech
            gt = words(text, q["content"])
            best = None
            for i, p in enumerate(pt):
                if i in used or not gt or not p:
                    continue
                o = len(gt & p) / max(len(gt), len(p))
                if o >= 0.5 and (best is None or o > best[0]):
                    best = (o, i)
            found[is_speech][1] += 1
            if best:
                used.add(best[1])
                found[is_speech][0] += 1
    for key, name in ((True, "speech cues"), (False, "other cues")):
        hit, total = found[key]
        print(f"{name}: {total} gold attributions, recall {hit / max(total, 1):.3f}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
