#!/usr/bin/env python3
"""Draws a seeded random sample of readout's events on a news corpus, for judging by reading.

Run from the repository root (standard library only):

    python3 bench/events-audit/sample.py --label before
    python3 bench/events-audit/sample.py ../shared/corpus/newsarticles.jsonl \
        --readout target/release/readout --seed 17 --size 200 --label after

It runs `readout extract` on the corpus (or reads records already made, `--records`),
collects every event of every article and draws `--size` of them uniformly at random, each
event having the same chance. Writes, in this folder:

* `sample-<label>.jsonl`: one line per drawn event, in draw order, with the sentences of
  its reports (the trigger marked `[[ ]]`), its codes and actors, and `verdict` (null) and
  `note` ("") for the reader to fill (`RULES.md`);
* `run-<label>.json`: the run's totals (articles, events, events per article), the seed,
  the corpus's SHA-256 and readout's version, which `score.py` prints.

How the draw works (and why): every event gets a priority, a uniform number drawn by
`random.Random(f"{seed}|{anchor}")`, where the anchor is the article id and the byte span
of the event's first trigger; the sample is the `--size` events of lowest priority (ties by
key). That is a uniform sample without replacement over all events, fixed by the seed. An
event that survives a change to readout keeps its priority, so the sample after the change
holds every sampled event that still exists (plus those that now rank among the lowest), and
`score.py --carry` can reuse their verdicts; a plain `random.Random(seed).sample(...)` over
a list whose length changed would draw different events altogether.
"""
import argparse
import datetime
import hashlib
import json
import pathlib
import random
import statistics
import subprocess
import sys

DEFAULT_SEED = 17  # issue 17
HERE = pathlib.Path(__file__).resolve().parent


def mark(text, spans):
    """The sentence with every (start, end) byte span (relative to it) wrapped in [[ ]]."""
    raw = text.encode("utf-8")
    out, pos = [], 0
    for start, end in sorted(spans):
        if start < pos:  # overlapping triggers: mark the first only
            continue
        out += [raw[pos:start], b"[[", raw[start:end], b"]]"]
        pos = end
    out.append(raw[pos:])
    return b"".join(out).decode("utf-8", errors="replace")


def sentence_of(sentences, offset):
    for i, s in enumerate(sentences):
        if s["start"] <= offset < s["end"]:
            return i
    return None


def actor(a, names, sentences):
    return {
        "text": a["text"],
        "entity": a["entity"],
        "entity_name": names.get(a["entity"]),
        "code": a["code"],
        "sector": a["sector"],
        "sentence": sentence_of(sentences, a["start"]),
        "start": a["start"],
    }


def article_id(rec):
    return rec.get("external_id") or rec["id"]


def item(rec, ev):
    sentences = rec["sentences"]
    names = {e["id"]: e["name"]["text"] for e in rec["entities"]}
    first = ev["mentions"][0]["trigger"]
    art = article_id(rec)
    by_sentence = {}
    for m in ev["mentions"]:
        by_sentence.setdefault(m["sentence"], []).append(m)
    reports = []
    for idx in sorted(by_sentence):
        s = sentences[idx]
        spans = [(m["trigger"]["start"] - s["start"], m["trigger"]["end"] - s["start"])
                 for m in by_sentence[idx]]
        reports.append({
            "sentence": idx,
            "paragraph": s["paragraph"],
            "triggers": [m["trigger"]["text"] for m in by_sentence[idx]],
            "negated": [m["negated"] for m in by_sentence[idx]],
            "text": mark(s["text"], spans),
        })
    # the first report's sentence first: it is the one judged (RULES.md)
    first_idx = ev["mentions"][0]["sentence"]
    reports.sort(key=lambda r: (r["sentence"] != first_idx, r["sentence"]))
    return {
        "key": f"{art}/{ev['id']}/{first['start']}",
        "anchor": f"{art}/{first['start']}-{first['end']}",
        "article": art,
        "readout_id": rec["id"],
        "outlet": rec.get("source"),
        "title": rec.get("title"),
        "published": (rec.get("published") or {}).get("date"),
        "event": ev["id"],
        "type": ev["type"],
        "mode": ev["mode"],
        "cameo": ev["cameo"],
        "negated": ev["negated"],
        "modality": ev["modality"],
        "trigger": first["text"],
        "source": [actor(a, names, sentences) for a in ev["source"]],
        "target": [actor(a, names, sentences) for a in ev["target"]],
        "date": (ev.get("date") or {}).get("value"),
        "date_basis": (ev.get("date") or {}).get("basis"),
        "topics": [t["text"] for t in ev.get("topics", [])],
        "reported_by": ((ev.get("reported_by") or {}).get("source") or {}).get("text"),
        "reports": reports,
        "verdict": None,
        "note": "",
    }


def priority(seed, anchor):
    return random.Random(f"{seed}|{anchor}").random()


def trim(best, size, bound):
    """Keeps the size lowest of best (sorted); returns the new bound."""
    best.sort(key=lambda b: b[:2])
    del best[size:]
    return best[-1][:2] if len(best) == size else bound


def records(args):
    if args.records:
        with open(args.records, encoding="utf-8") as f:
            yield from (json.loads(line) for line in f if line.strip())
        return
    cmd = [args.readout, "extract", "--threads", str(args.threads), args.corpus]
    print("running:", " ".join(cmd), file=sys.stderr)
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True, encoding="utf-8")
    for line in proc.stdout:
        if line.strip():
            yield json.loads(line)
    if proc.wait() != 0:
        sys.exit(f"readout extract failed with status {proc.returncode}")


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def readout_version(binary):
    try:
        return subprocess.run([binary, "--version"], capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", default="../shared/corpus/newsarticles.jsonl")
    ap.add_argument("--readout", default="target/release/readout",
                    help="the readout binary (default: %(default)s)")
    ap.add_argument("--records", help="read readout's records from this JSONL file "
                    "instead of running readout (made by `readout extract CORPUS`)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED,
                    help="default %(default)s; keep it, so that samples can be compared")
    ap.add_argument("--size", type=int, default=200)
    ap.add_argument("--label", default="before", help="names sample-LABEL.jsonl")
    ap.add_argument("--threads", type=int, default=1, help="readout's worker threads")
    ap.add_argument("--commit", help="the commit readout was built from, kept in run-LABEL.json")
    ap.add_argument("--out", default=str(HERE), help="output folder (default: this folder)")
    args = ap.parse_args()

    # keep the lowest-priority events seen so far (as sample lines), not the records
    best, per_article = [], []
    bound = (2.0, "")  # the size-th lowest (priority, key) after the last trim
    for rec in records(args):
        per_article.append(len(rec["events"]))
        art = article_id(rec)
        for ev in rec["events"]:
            first = ev["mentions"][0]["trigger"]
            anchor = f"{art}/{first['start']}-{first['end']}"
            key = f"{art}/{ev['id']}/{first['start']}"
            p = priority(args.seed, anchor)
            if (p, key) >= bound:
                continue
            best.append((p, key, item(rec, ev)))
            if len(best) >= 4 * args.size:
                bound = trim(best, args.size, bound)
    trim(best, args.size, bound)
    lines = [b[2] for b in best]
    keys = [l["key"] for l in lines]
    if len(set(keys)) != len(keys):
        sys.exit("duplicate keys in the sample")

    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    sample_path = out / f"sample-{args.label}.jsonl"
    with sample_path.open("w", encoding="utf-8") as f:
        for l in lines:
            f.write(json.dumps(l, ensure_ascii=False) + "\n")

    total = sum(per_article)
    articles = len(per_article)
    run = {
        "label": args.label,
        "seed": args.seed,
        "size": len(lines),
        "corpus": args.corpus if not args.records else None,
        "records": args.records,
        "corpus_sha256": sha256(args.corpus) if not args.records else None,
        "readout": None if args.records else readout_version(args.readout),
        "commit": args.commit,
        "date": datetime.date.today().isoformat(),
        "articles": articles,
        "articles_with_events": sum(1 for n in per_article if n),
        "events": total,
        "events_per_article": round(total / articles, 3) if articles else None,
        "events_per_article_median": statistics.median(per_article) if articles else None,
        "events_per_article_max": max(per_article) if articles else None,
    }
    (out / f"run-{args.label}.json").write_text(json.dumps(run, indent=1) + "\n",
                                                encoding="utf-8")
    print(f"articles: {articles} ({run['articles_with_events']} with events)")
    print(f"events: {total}; per article: mean {run['events_per_article']}, "
          f"median {run['events_per_article_median']}, max {run['events_per_article_max']}")
    print(f"sampled {len(lines)} events with seed {args.seed} -> {sample_path}")


if __name__ == "__main__":
    main()
