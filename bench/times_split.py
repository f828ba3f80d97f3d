#!/usr/bin/env python3
"""Scores readout's time expressions on two halves of TimeBank+AQUAINT and lists errors.

The documents are sorted by id; those at even positions form the development half, whose
errors may be read to improve the rules, and those at odd positions the held-out half,
whose errors are not looked at. Reporting both shows how far rules written while reading
the development half carry to text they were not written for.

    readout eval times --write-gold /tmp/tg
    readout eval times --save-predictions /tmp/tp
    python3 bench/times_split.py /tmp/tg/times.timebank.jsonl /tmp/tp/times.timebank.readout.jsonl [--errors]

The matching follows readout-eval's times scorer: exact spans first, then the greatest
overlap, one to one.
"""
import json
import sys


def load(path):
    return {d["id"]: d for d in map(json.loads, open(path, encoding="utf-8"))}


def match(gold, pred):
    pairs, used_g, used_p = [], set(), set()
    for pi, p in enumerate(pred):
        for gi, g in enumerate(gold):
            if gi not in used_g and (g["start"], g["end"]) == (p["start"], p["end"]):
                pairs.append((gi, pi, True))
                used_g.add(gi)
                used_p.add(pi)
                break
    cands = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if gi in used_g or pi in used_p:
                continue
            ov = min(g["end"], p["end"]) - max(g["start"], p["start"])
            if ov >= 1:
                cands.append((-ov, gi, pi))
    for _, gi, pi in sorted(cands):
        if gi not in used_g and pi not in used_p:
            pairs.append((gi, pi, False))
            used_g.add(gi)
            used_p.add(pi)
    return pairs, used_g, used_p


def f1(p, r):
    return 2 * p * r / (p + r) if p + r else 0.0


def main():
    gold, pred = load(sys.argv[1]), load(sys.argv[2])
    show = "--errors" in sys.argv
    ids = sorted(gold)
    halves = {"development": ids[0::2], "held-out": ids[1::2]}
    for name, half in halves.items():
        G = S = strict = relaxed = value = 0
        for doc_id in half:
            g = gold[doc_id]
            text = g["text"].encode("utf-8")
            gt = g["timexes"]
            pt = pred.get(doc_id, {"timexes": []})["timexes"]
            pairs, used_g, used_p = match(gt, pt)
            G += len(gt)
            S += len(pt)
            strict += sum(1 for *_, exact in pairs if exact)
            relaxed += len(pairs)
            value += sum(1 for gi, pi, _ in pairs if gt[gi]["value"] == pt[pi]["value"])
            if show and name == "development":
                s = lambda t: text[t["start"]:t["end"]].decode("utf-8", "replace")
                for gi, pi, exact in pairs:
                    a, b = gt[gi], pt[pi]
                    if not exact or a["value"] != b["value"] or a["type"] != b["type"]:
                        print(f"DIFF {g['published']} | {s(a)!r} {a['type']} {a['value']} | {s(b)!r} {b['type']} {b['value']}")
                for gi, a in enumerate(gt):
                    if gi not in used_g:
                        ctx = text[max(0, a["start"] - 50):a["end"] + 30].decode("utf-8", "replace").replace("\n", " ")
                        print(f"MISS {g['published']} | {s(a)!r} {a['type']} {a['value']} | ...{ctx}...")
                for pi, b in enumerate(pt):
                    if pi not in used_p:
                        ctx = text[max(0, b["start"] - 50):b["end"] + 30].decode("utf-8", "replace").replace("\n", " ")
                        print(f"SPUR {g['published']} | {s(b)!r} {b['type']} {b['value']} | ...{ctx}...")
        sp, sr = strict / S if S else 0, strict / G if G else 0
        rp, rr = relaxed / S if S else 0, relaxed / G if G else 0
        print(f"{name}: {len(half)} documents, {G} gold, {S} predicted; "
              f"strict F1 {f1(sp, sr):.3f}, relaxed F1 {f1(rp, rr):.3f}, "
              f"value accuracy {value / relaxed if relaxed else 0:.3f}")


if __name__ == "__main__":
    main()
