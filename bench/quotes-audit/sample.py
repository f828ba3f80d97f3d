#!/usr/bin/env python3
"""Draws a seeded random sample of readout's attributed quotations, for judging by reading.

Run from the repository root (standard library only):

    ./target/release/readout extract ../shared/corpus/newsarticles.jsonl > /tmp/extract.jsonl
    python3 bench/quotes-audit/sample.py /tmp/extract.jsonl
    python3 bench/quotes-audit/sample.py /tmp/extract.jsonl -o - > /tmp/sample.jsonl

It reads the records written by `readout extract` (one JSON object per line), collects
every quotation that has a `source` phrase and is not in the title (`in_title` false), in
file order (article by article, quotation by quotation), and draws `--size` (150) of them
with `random.Random(SEED).sample(...)`, SEED = 20261204 (the date the audit was set up,
2026-12-04). Writes `sample.jsonl` in this folder (or `-o FILE`, `-o -` for stdout), one
line per drawn quotation in draw order, and prints the counts (quotations in all, with a
source, with a resolved speaker) to stderr when the sample goes to stdout, else to stdout.

The draw is a plain sample over the list in file order: it is reproducible from the same
extract file, but any change to readout's quotations (one more or one less anywhere)
changes which quotations are drawn. A before/after comparison therefore draws two
independent samples; it cannot reuse verdicts line by line.

Each line holds what a reader needs to judge (`RULES.md`): the article id, outlet and
title, the quotation's id, kind, cue and cue_kind, source phrase, speaker entity and name,
content, relays, and `context`: the article text from 400 bytes before the first of the
content and source spans to 400 bytes after the last of them (cut on UTF-8 character
boundaries), with the source marked `[[S: ...]]`, the cue `<<...>>` and the content
`{{...}}`. No whole article is copied. The judging fields (`speaker_label`, `content_ok`,
`note`) are left empty.
"""
import argparse
import collections
import json
import pathlib
import random
import sys

SEED = 20261204  # the audit's date, 2026-12-04
SIZE = 150
WINDOW = 400  # bytes of context either side
HERE = pathlib.Path(__file__).resolve().parent


def boundary_back(raw, i):
    """The largest UTF-8 character boundary <= i."""
    i = max(0, min(i, len(raw)))
    while 0 < i < len(raw) and (raw[i] & 0xC0) == 0x80:
        i -= 1
    return i


def boundary_fwd(raw, i):
    """The smallest UTF-8 character boundary >= i."""
    i = max(0, min(i, len(raw)))
    while 0 < i < len(raw) and (raw[i] & 0xC0) == 0x80:
        i += 1
    return i


def context(raw, q):
    spans = [("content", q["content"]["start"], q["content"]["end"])]
    if q.get("source"):
        spans.append(("source", q["source"]["start"], q["source"]["end"]))
    if q.get("cue") and "start" in q["cue"]:
        spans.append(("cue", q["cue"]["start"], q["cue"]["end"]))
    lo = boundary_back(raw, min(s for _, s, _ in spans) - WINDOW)
    hi = boundary_fwd(raw, max(e for _, _, e in spans) + WINDOW)
    opens = {"content": b"{{", "source": b"[[S: ", "cue": b"<<"}
    closes = {"content": b"}}", "source": b"]]", "cue": b">>"}
    marks = []  # (position, order, bytes): closes before opens at the same position
    for name, s, e in spans:
        marks.append((s, 1, opens[name]))
        marks.append((e, 0, closes[name]))
    out, pos = [], lo
    for at, _, m in sorted(marks):
        at = max(lo, min(at, hi))
        out += [raw[pos:at], m]
        pos = at
    out.append(raw[pos:hi])
    text = b"".join(out).decode("utf-8", errors="replace")
    return ("..." if lo > 0 else "") + text + ("..." if hi < len(raw) else ""), lo, hi


def item(rec, q, raw):
    names = {e["id"]: e["name"]["text"] for e in rec.get("entities", [])}
    ctx, lo, hi = context(raw, q)
    src = q.get("source") or {}
    cue = q.get("cue") or {}
    return {
        "article": rec.get("external_id") or rec["id"],
        "readout_id": rec["id"],
        "outlet": rec.get("source"),
        "title": rec.get("title"),
        "quote": q["id"],
        "kind": q["kind"],
        "cue_kind": q.get("cue_kind"),
        "cue": cue.get("text"),
        "source": src.get("text"),
        "source_span": [src.get("start"), src.get("end")],
        "speaker": q.get("speaker"),
        "speaker_name": q.get("speaker_name") or names.get(q.get("speaker")),
        "content": q["content"]["text"],
        "content_span": [q["content"]["start"], q["content"]["end"]],
        "continues": q.get("continues"),
        "relays": q.get("relays") or [],
        "context": ctx,
        "context_span": [lo, hi],
        "speaker_label": None,
        "content_ok": None,
        "note": "",
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("records", help="readout's records (`readout extract CORPUS > FILE`)")
    ap.add_argument("--seed", type=int, default=SEED, help="default %(default)s; keep it")
    ap.add_argument("--size", type=int, default=SIZE, help="default %(default)s")
    ap.add_argument("-o", "--out", default=str(HERE / "sample.jsonl"),
                    help="where to write the sample; '-' for stdout (default: %(default)s)")
    args = ap.parse_args()

    total = in_title = with_source = resolved = 0
    by_cue = collections.Counter()
    pool = []  # (record index, quote index) of every eligible quotation, in file order
    recs = []  # the records that have an eligible quotation (only the fields used)
    with open(args.records, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            rec = json.loads(line)
            qs = rec.get("quotes") or []
            total += len(qs)
            keep = []
            for qi, q in enumerate(qs):
                if q.get("in_title"):
                    in_title += 1
                    continue
                if not q.get("source"):
                    continue
                with_source += 1
                by_cue[q.get("cue_kind")] += 1
                if q.get("speaker"):
                    resolved += 1
                keep.append(qi)
            if keep:
                slim = {k: rec.get(k) for k in ("id", "external_id", "source", "title",
                                                 "text", "entities", "quotes")}
                recs.append(slim)
                pool += [(len(recs) - 1, qi) for qi in keep]

    rng = random.Random(args.seed)
    drawn = rng.sample(pool, min(args.size, len(pool)))
    lines = []
    for ri, qi in drawn:
        rec = recs[ri]
        lines.append(item(rec, rec["quotes"][qi], rec["text"].encode("utf-8")))
    for n, l in enumerate(lines, 1):
        l["n"] = n

    counts = [
        f"quotations: {total} (in the title: {in_title})",
        f"with a source phrase, not in the title: {with_source} "
        f"(cue_kind: {', '.join(f'{k} {v}' for k, v in sorted(by_cue.items()))})",
        f"with a resolved speaker entity: {resolved} of {with_source} "
        f"({resolved / with_source:.3f})" if with_source else "with a resolved speaker: 0",
        f"sampled {len(lines)} with random.Random({args.seed}).sample -> {args.out}",
    ]
    body = "".join(json.dumps(l, ensure_ascii=False) + "\n" for l in lines)
    if args.out == "-":
        sys.stdout.write(body)
        report = sys.stderr
    else:
        pathlib.Path(args.out).write_text(body, encoding="utf-8")
        report = sys.stdout
    print("\n".join(counts), file=report)


if __name__ == "__main__":
    main()
