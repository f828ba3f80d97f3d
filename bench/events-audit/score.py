#!/usr/bin/env python3
"""Scores a judged events-audit sample, and carries verdicts over to a later sample.

Run from the repository root (standard library only):

    python3 bench/events-audit/score.py bench/events-audit/judged-before.jsonl
    python3 bench/events-audit/score.py judged-before.jsonl judged-after.jsonl   # both, and the change

    python3 bench/events-audit/score.py --carry bench/events-audit/judged-before.jsonl \
        bench/events-audit/sample-after.jsonl            # writes judged-after.jsonl

Scoring prints the counts and shares of each verdict (`RULES.md`), the accepted share with
its 95% Wilson interval, the verdicts per PLOVER type and per flag (modality, negated), the
failure patterns (the tag that opens each note), and the run's events per article (from
`run-<label>.json` beside the file: `judged-before.jsonl` reads `run-before.json`).

`--carry EARLIER LATER` copies into LATER's lines the verdicts of EARLIER's lines for the
same event unchanged: same anchor (article id and byte span of the first trigger: the key
without the event id, which shifts when an earlier event of the article appears or goes),
same PLOVER type, mode and flags, same actors (span, offset, entity, codes) and the same
report sentences. A line that already has a verdict keeps it. It writes
`judged-<label>.jsonl` (or `-o`) and lists the lines still to be judged by reading.
"""
import argparse
import collections
import json
import math
import pathlib
import re
import sys

VERDICTS = ("accept", "wrong_type", "wrong_actor", "not_event")


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def wilson(k, n, z=1.96):
    if n == 0:
        return (float("nan"),) * 2
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def label_of(path):
    m = re.match(r"(?:judged|sample)-(.+)\.jsonl$", pathlib.Path(path).name)
    return m.group(1) if m else None


def run_info(path):
    label = label_of(path)
    if label is None:
        return None
    run = pathlib.Path(path).with_name(f"run-{label}.json")
    return json.loads(run.read_text(encoding="utf-8")) if run.exists() else None


def tag(note):
    m = re.match(r"\s*([A-Za-z][A-Za-z ]*?)\s*:", note or "")
    return m.group(1) if m else "(no tag)"


def table(rows, header):
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    line = lambda r: "  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w)
                               for i, (c, w) in enumerate(zip(r, widths)))
    return "\n".join([line(header), line(["-" * w for w in widths])] + [line(r) for r in rows])


def score(path):
    items = load(path)
    bad = [i for i, it in enumerate(items) if it.get("verdict") not in VERDICTS + (None,)]
    if bad:
        sys.exit(f"{path}: unknown verdict on lines {[b + 1 for b in bad]}")
    judged = [it for it in items if it.get("verdict")]
    n = len(judged)
    out = [f"## {path}", ""]
    run = run_info(path)
    if run:
        out.append(f"run: {run.get('date')}, readout commit {run.get('commit')}, seed "
                   f"{run.get('seed')}; {run['events']} events in {run['articles']} articles: "
                   f"{run['events_per_article']} events per article (median "
                   f"{run['events_per_article_median']})")
    out.append(f"judged: {n} of {len(items)} sampled events"
               + (f" ({len(items) - n} still to judge)" if n < len(items) else ""))
    if not n:
        return "\n".join(out), None
    counts = collections.Counter(it["verdict"] for it in judged)
    k = counts["accept"]
    lo, hi = wilson(k, n)
    out.append(f"accepted: {k}/{n} = {k / n:.3f} (95% Wilson interval {lo:.3f} to {hi:.3f})")
    if run:
        epa = run["events_per_article"]
        out.append(f"accepted events per article (estimate): {epa * k / n:.2f} "
                   f"({epa * lo:.2f} to {epa * hi:.2f})")
    out += ["", table([[v, counts[v], f"{counts[v] / n:.3f}"] for v in VERDICTS],
                      ["verdict", "n", "share"])]

    by_type = collections.defaultdict(collections.Counter)
    for it in judged:
        by_type[it["type"]][it["verdict"]] += 1
    rows = [[t, sum(c.values())] + [c[v] for v in VERDICTS]
            + [f"{c['accept'] / sum(c.values()):.2f}"]
            for t, c in sorted(by_type.items(), key=lambda x: (-sum(x[1].values()), x[0]))]
    out += ["", "per PLOVER type:", table(rows, ["type", "n", *VERDICTS, "accepted"])]

    by_flag = collections.defaultdict(collections.Counter)
    for it in judged:
        by_flag[it["modality"] + (", negated" if it["negated"] else "")][it["verdict"]] += 1
    rows = [[f, sum(c.values())] + [c[v] for v in VERDICTS]
            for f, c in sorted(by_flag.items(), key=lambda x: -sum(x[1].values()))]
    out += ["", "per flag:", table(rows, ["modality", "n", *VERDICTS])]

    tags = collections.Counter((it["verdict"], tag(it.get("note"))) for it in judged
                               if it["verdict"] != "accept")
    rows = [[v, t, c] for (v, t), c in sorted(tags.items(), key=lambda x: (VERDICTS.index(
        x[0][0]), -x[1], x[0][1]))]
    out += ["", "failure patterns (note tags):", table(rows, ["verdict", "tag", "n"])]
    unnoted = sum(1 for it in judged if it["verdict"] != "accept" and not it.get("note"))
    if unnoted:
        out.append(f"warning: {unnoted} non-accepted events without a note")
    return "\n".join(out), (k, n)


def fingerprint(it):
    actors = lambda xs: [(a["text"], a["start"], a["entity_name"], a["code"], a["sector"])
                         for a in xs]
    return json.dumps([it["anchor"], it["type"], it["mode"], it["negated"], it["modality"],
                       actors(it["source"]), actors(it["target"]),
                       [r["text"] for r in it["reports"]]], ensure_ascii=False)


def carry(earlier_path, later_path, out_path, force):
    earlier = {fingerprint(it): it for it in load(earlier_path) if it.get("verdict")}
    later = load(later_path)
    if out_path is None:
        label = label_of(later_path)
        if label is None:
            sys.exit("cannot name the output; give -o")
        out_path = pathlib.Path(later_path).with_name(f"judged-{label}.jsonl")
    out_path = pathlib.Path(out_path)
    if out_path.exists() and not force and out_path.resolve() != pathlib.Path(later_path).resolve():
        sys.exit(f"{out_path} exists; give --force to overwrite it")
    carried, kept, todo = 0, 0, []
    for i, it in enumerate(later):
        if it.get("verdict"):
            kept += 1
            continue
        old = earlier.get(fingerprint(it))
        if old:
            it["verdict"], it["note"] = old["verdict"], old.get("note", "")
            it["carried_from"] = old["key"]
            carried += 1
        else:
            todo.append((i, it))
    with out_path.open("w", encoding="utf-8") as f:
        for it in later:
            f.write(json.dumps(it, ensure_ascii=False) + "\n")
    print(f"{len(later)} events: {carried} verdicts carried from {earlier_path}, {kept} already "
          f"judged, {len(todo)} to judge by reading -> {out_path}")
    for i, it in todo:
        print(f"  line {i + 1}: {it['key']} {it['type']} [[{it['trigger']}]] "
              f"{it['reports'][0]['text'][:160]}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="+", help="judged files (with --carry: EARLIER LATER)")
    ap.add_argument("--carry", action="store_true",
                    help="carry EARLIER's verdicts into LATER for unchanged events")
    ap.add_argument("-o", "--out", help="with --carry: where to write (default judged-LABEL.jsonl)")
    ap.add_argument("--force", action="store_true", help="with --carry: overwrite the output")
    args = ap.parse_args()
    if args.carry:
        if len(args.files) != 2:
            ap.error("--carry takes EARLIER LATER")
        carry(args.files[0], args.files[1], args.out, args.force)
        return
    results = []
    for path in args.files:
        text, res = score(path)
        print(text + "\n")
        results.append(res)
    if len(results) == 2 and all(results):
        (k1, n1), (k2, n2) = results
        print(f"accepted share: {k1 / n1:.3f} -> {k2 / n2:.3f} ({(k2 / n2 - k1 / n1):+.3f})")


if __name__ == "__main__":
    main()
