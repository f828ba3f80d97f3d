#!/usr/bin/env python3
"""Precision of readout's attributions on PolNeAR, by the lemma of their cue, to choose the
attribution verbs of `crates/readout-quotes/data/attribution_cues.txt` on the training split.

A prediction is right when it is matched one-to-one to a gold attribution whose content it
overlaps by at least half (as `readout eval quotes` matches). Predictions whose cue is a form
of a candidate attribution verb count for that verb; all others count as SPEECH. The rule
used to choose the list: keep a verb with at least 5 predictions on train and a precision of
at least 0.5 (an attribution more often right than wrong); spelling variants (criticise,
criticize) are judged together.

Run it with every candidate listed (the candidates are the list's verbs plus the commented
`# dropped:` line), on train only:

    cargo build --release -p readout-cli
    ./target/release/readout eval quotes --write-gold /tmp/qgold
    READOUT_ATTRIBUTION_CANDIDATES=1 ./target/release/readout eval quotes \\
        --gold ../shared/gold/polnear/train --save-predictions /tmp/qcand
    python3 bench/quotes_cue_precision.py /tmp/qgold/quotes.polnear-train.jsonl \\
        /tmp/qcand/quotes.polnear-train.readout.jsonl
"""
import collections
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quotes_breakdown import words  # noqa: E402

LIST = Path(__file__).resolve().parent.parent / "crates/readout-quotes/data/attribution_cues.txt"
IRREGULAR = {"thought": "think", "sought": "seek", "saw": "see", "seen": "see",
             "knew": "know", "known": "know", "found": "find", "shown": "show"}


def lemmas_of(w):
    """The candidate lemmas of a lower-case verb form, as readout's `lexicon::lemmas_of`."""
    out = [w] + ([IRREGULAR[w]] if w in IRREGULAR else [])
    for suf, add in [("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""),
                     ("ed", "e"), ("ing", ""), ("ing", "e")]:
        if w.endswith(suf) and len(w) - len(suf) >= 2:
            stem = w[: -len(suf)]
            out.append(stem + add)
            if add == "" and len(stem) >= 3 and stem[-1] == stem[-2]:
                out.append(stem[:-1])
    return out


def candidates():
    verbs = set()
    for line in open(LIST):
        if line.startswith("# dropped:"):
            verbs.update(line.split(":", 1)[1].split())
        elif line.strip() and not line.startswith("#"):
            verbs.add(line.split("\t")[0].strip())
    return verbs


def main(gold_path, pred_path):
    verbs = candidates()
    gold = {json.loads(l)["id"]: json.loads(l) for l in open(gold_path)}
    count, right = collections.Counter(), collections.Counter()
    for line in open(pred_path):
        p = json.loads(line)
        g = gold[p["id"]]
        text = g["text"].encode()
        gold_words = [words(text, q["content"]) for q in g["quotes"]]
        used = set()
        for q in p["quotes"]:
            pw = words(text, q["content"])
            cue = q["cue"]
            cue_text = text[cue[0]:cue[1]].decode().lower().split() if cue else []
            last = cue_text[-1] if cue_text else ""
            verb = next((l for l in lemmas_of(last) if l in verbs), "SPEECH")
            verb = {"criticise": "criticize", "favour": "favor"}.get(verb, verb)
            best = None
            for i, gw in enumerate(gold_words):
                if i in used or not gw or not pw:
                    continue
                o = len(gw & pw) / max(len(gw), len(pw))
                if o >= 0.5 and (best is None or o > best[0]):
                    best = (o, i)
            count[verb] += 1
            if best:
                used.add(best[1])
                right[verb] += 1
    for verb, n in sorted(count.items(), key=lambda kv: (-right[kv[0]] / kv[1], kv[0])):
        keep = verb != "SPEECH" and n >= 5 and right[verb] / n >= 0.5
        print(f"{verb:12s} {n:5d} {right[verb] / n:.2f} {'keep' if keep else ''}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
