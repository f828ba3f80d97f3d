#!/usr/bin/env python3
"""Scores a judged quotes-audit sample (`judged.jsonl`, judged by reading against `RULES.md`).

Run from the repository root (standard library only):

    python3 bench/quotes-audit/score.py bench/quotes-audit/judged.jsonl

Prints, over the judged lines (those with a `speaker_label`):

* speaker accuracy: `right` / all, with its 95% Wilson interval;
* right or unresolved: (`right` + `unresolved`) / all (the source phrase points at the
  speaker and readout resolved it correctly or left the entity null);
* source-phrase accuracy: `source_ok` true / all;
* content_ok rate: `content_ok` true / all;
* the same split by `cue_kind`, by `kind` and by whether readout resolved a speaker entity;
* the error patterns: the tag opening the note of every non-right line, and the number of
  lines whose content is not acceptable.
"""
import argparse
import collections
import json
import math
import re
import sys

LABELS = ("right", "unresolved", "wrong")


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def wilson(k, n, z=1.96):
    if n == 0:
        return float("nan"), float("nan")
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def share(k, n):
    lo, hi = wilson(k, n)
    return f"{k}/{n} = {k / n:.3f} (95% Wilson {lo:.3f} to {hi:.3f})" if n else f"{k}/0"


def tag(note):
    m = re.match(r"\s*([A-Za-z][A-Za-z ]*?)\s*:", note or "")
    return m.group(1) if m else "(no tag)"


def table(rows, header):
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    line = lambda r: "  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w)
                               for i, (c, w) in enumerate(zip(r, widths)))
    return "\n".join([line(header), line(["-" * w for w in widths])] + [line(r) for r in rows])


def split(items, key):
    groups = collections.defaultdict(list)
    for it in items:
        groups[key(it)].append(it)
    rows = []
    for g, its in sorted(groups.items(), key=lambda x: (-len(x[1]), str(x[0]))):
        n = len(its)
        c = collections.Counter(it["speaker_label"] for it in its)
        src = sum(1 for it in its if it["source_ok"])
        cok = sum(1 for it in its if it["content_ok"])
        lo, hi = wilson(c["right"], n)
        rows.append([g, n, c["right"], c["unresolved"], c["wrong"],
                     f"{c['right'] / n:.3f}", f"{lo:.2f}-{hi:.2f}",
                     f"{(c['right'] + c['unresolved']) / n:.3f}",
                     f"{src / n:.3f}", f"{cok / n:.3f}"])
    return table(rows, ["", "n", "right", "unres", "wrong", "speaker", "95% CI",
                        "right|unres", "source_ok", "content_ok"])


def score(path):
    items = load(path)
    bad = [it.get("n", i + 1) for i, it in enumerate(items)
           if it.get("speaker_label") not in LABELS + (None,)]
    if bad:
        sys.exit(f"{path}: unknown speaker_label on items {bad}")
    judged = [it for it in items if it.get("speaker_label")]
    n = len(judged)
    print(f"## {path}\n")
    print(f"judged: {n} of {len(items)} items"
          + (f" ({len(items) - n} still to judge)" if n < len(items) else ""))
    if not n:
        return
    missing = [it.get("n") for it in judged
               if not isinstance(it.get("source_ok"), bool) or not isinstance(it.get("content_ok"), bool)]
    if missing:
        sys.exit(f"{path}: source_ok/content_ok not true/false on items {missing}")
    c = collections.Counter(it["speaker_label"] for it in judged)
    print(f"labels: " + ", ".join(f"{l} {c[l]}" for l in LABELS))
    print(f"speaker accuracy (right / all):            {share(c['right'], n)}")
    print(f"right or unresolved:                       {share(c['right'] + c['unresolved'], n)}")
    print(f"source-phrase accuracy (source_ok / all):  "
          f"{share(sum(1 for it in judged if it['source_ok']), n)}")
    print(f"content_ok rate:                           "
          f"{share(sum(1 for it in judged if it['content_ok']), n)}")
    both = sum(1 for it in judged if it["speaker_label"] == "right" and it["content_ok"])
    print(f"speaker right and content ok:              {share(both, n)}")

    print("\nby cue_kind:\n" + split(judged, lambda it: it.get("cue_kind")))
    print("\nby kind:\n" + split(judged, lambda it: it.get("kind")))
    print("\nby speaker entity:\n" + split(
        judged, lambda it: "resolved" if it.get("speaker") else "null"))

    tags = collections.Counter((it["speaker_label"], tag(it.get("note")))
                               for it in judged if it["speaker_label"] != "right")
    rows = [[l, t, k] for (l, t), k in sorted(tags.items(),
                                               key=lambda x: (LABELS.index(x[0][0]), -x[1], x[0][1]))]
    print("\nnon-right items by note tag:\n" + table(rows, ["label", "tag", "n"]))
    bad_content = [it for it in judged if not it["content_ok"]]
    not_attr = sum(1 for it in bad_content if tag(it.get("note")) == "not an attribution")
    print(f"\ncontent not ok: {len(bad_content)} ({not_attr} of them not an attribution, "
          f"{len(bad_content) - not_attr} boundary or run-on errors on a real statement)")
    unnoted = [it.get("n") for it in judged
               if (it["speaker_label"] != "right" or not it["content_ok"]) and not it.get("note")]
    if unnoted:
        print(f"warning: items without a note: {unnoted}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="+", help="judged files")
    args = ap.parse_args()
    for i, path in enumerate(args.files):
        if i:
            print()
        score(path)


if __name__ == "__main__":
    main()
