#!/usr/bin/env python3
"""Load on `readout serve`: story pages and API calls at a fixed rate, on loopback only,
while an ingest writes to the same store; latency from the moment each request was due
(so a slow answer delays none of the next ones' clocks), errors, and the server's memory.

    cargo build --release -p readout-cli
    target/release/readout ingest ../shared/corpus/newsarticles.jsonl \
        ../shared/corpus/reuters21578.jsonl --db /tmp/load.db
    python3 bench/serve_load.py --db /tmp/load.db [--rate 200] [--seconds 60]

The concurrent ingest reads `--ingest-from` (default ../shared/corpus/reuters21578.jsonl),
takes `--ingest-articles` of its articles and changes each one's id and first words, so that
they are new articles the store must analyse and write (`--ingest-threads` workers, one by
default so that the server keeps a core on a two-core machine; a commit every
`--ingest-batch` articles). An ingest that ends before the load does is followed by another
of new articles, so that the store is written to throughout; the last is stopped when the
load ends, and the articles stored by then are counted. Only the Python standard
library is used. The summary is printed as JSON and as a Markdown table row.
"""

import argparse
import http.client
import json
import os
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

HOST = "127.0.0.1"


def free_port():
    import socket

    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def fetch_json(port, path):
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    conn.request("GET", path)
    r = conn.getresponse()
    body = r.read()
    conn.close()
    if r.status != 200:
        raise RuntimeError(f"{path}: {r.status} {body[:200]!r}")
    return json.loads(body)


def targets(port, rng):
    """The request mix: story pages (the page and its story's JSON, as a browser loads
    them), the story list and its next page, events, quotations, a timeline, actors,
    search and articles."""
    stories = fetch_json(port, "/api/stories?limit=500&min_articles=2")["items"]
    stories += fetch_json(port, "/api/stories?limit=500")["items"]
    story_ids = [s["id"] for s in stories] or [1]
    quotes = fetch_json(port, "/api/quotes?limit=500")["items"]
    article_ids = sorted({q["article_id"] for q in quotes}) or ["none"]
    actors = [a["name"] for a in fetch_json(port, "/api/actors?limit=200")["items"]] or ["USA"]
    speakers = sorted({q["speaker_name"] for q in quotes if q.get("speaker_name")}) or ["Trump"]
    second = fetch_json(port, "/api/stories?limit=50")["next"]
    words = ["oil", "election", "strike", "bank", "wheat", "putin", "merger", "talks", "shares", "court"]
    codes = ["USA", "RUS", "CHN", "GBR", "IGO", "SYR", "DEU", "FRA"]
    q = urllib.parse.quote
    mix = [
        (20, "page", lambda: "/"),
        (25, "story", lambda: f"/api/stories/{rng.choice(story_ids)}"),
        (8, "stories", lambda: "/api/stories?limit=50"),
        (4, "stories-next", lambda: f"/api/stories?limit=50&cursor={second}" if second else "/api/stories"),
        (8, "events", lambda: f"/api/events?actor={rng.choice(codes)}&limit=50"),
        (8, "quotes", lambda: f"/api/quotes?speaker={q(rng.choice(speakers))}&limit=50"),
        (6, "timeline", lambda: f"/api/timeline?actor={rng.choice(codes)}&limit=100"),
        (5, "actors", lambda: f"/api/actors?name={q(rng.choice(actors)[:4])}&limit=20"),
        (8, "search", lambda: f"/api/search?q={rng.choice(words)}&limit=20"),
        (8, "article", lambda: f"/api/articles/{rng.choice(article_ids)}"),
    ]
    total = sum(w for w, _, _ in mix)

    def pick():
        x = rng.uniform(0, total)
        for w, name, make in mix:
            x -= w
            if x <= 0:
                return name, make()
        return mix[-1][1], mix[-1][2]()

    return pick


def worker(port, jobs, results):
    conn = None
    while True:
        job = jobs.get()
        if job is None:
            return
        due, name, path = job
        wait = due - time.perf_counter()
        if wait > 0:
            time.sleep(wait)
        status = None
        try:
            if conn is None:
                conn = http.client.HTTPConnection(HOST, port, timeout=30)
            conn.request("GET", path)
            r = conn.getresponse()
            r.read()
            status = r.status
        except Exception as e:  # noqa: BLE001 - any failure is an error of the run
            status = f"{type(e).__name__}: {e}"
            conn = None
        results.append((name, status, (time.perf_counter() - due) * 1000, path))


def ingest_input(source, count, out, round_=0):
    with open(source) as f, open(out, "w") as w:
        for i, line in enumerate(f):
            if i >= count:
                break
            a = json.loads(line)
            a["id"] = f"load-{round_}-{i}-{a.get('id')}"
            a["text"] = f"Update {round_}.{i}: " + a.get("text", "")
            w.write(json.dumps(a) + "\n")


def stored_articles(db):
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=60)
    try:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        conn.close()


def percentile(values, p):
    if not values:
        return None
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p * (len(values) - 1))))]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--readout", default="target/release/readout")
    ap.add_argument("--rate", type=float, default=200.0)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--workers", type=int, default=32)
    ap.add_argument("--ingest-from", default="../shared/corpus/reuters21578.jsonl")
    ap.add_argument("--ingest-articles", type=int, default=15000)
    ap.add_argument("--ingest-threads", type=int, default=1)
    ap.add_argument("--ingest-batch", type=int, default=500, help="articles per transaction of the ingest")
    ap.add_argument("--no-ingest", action="store_true")
    ap.add_argument("--no-cache", action="store_true", help="serve with the answer cache off (cache_bytes 0)")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    port = free_port()
    tmp = tempfile.TemporaryDirectory()
    command = [args.readout, "serve", "--db", args.db, "--addr", f"{HOST}:{port}"]
    if args.no_cache:
        limits = os.path.join(tmp.name, "limits.json")
        with open(limits, "w") as f:
            json.dump({"cache_bytes": 0}, f)
        command += ["--limits", limits]
    server = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    start = time.time()
    while True:
        try:
            fetch_json(port, "/api/stories?limit=1")
            break
        except Exception:  # noqa: BLE001 - not up yet
            if server.poll() is not None or time.time() - start > 60:
                sys.exit(f"the server did not start: {server.stderr.read()}")
            time.sleep(0.2)

    articles_before = stored_articles(args.db)
    rng = random.Random(args.seed)
    pick = targets(port, rng)
    ingest = None
    rounds = 0

    def start_ingest():
        # Each round's articles are new (a new id and new first words), so that an ingest
        # that ends before the load does is followed by another and the store is written
        # to for the whole run.
        source = os.path.join(tmp.name, f"ingest-{rounds}.jsonl")
        ingest_input(args.ingest_from, args.ingest_articles, source, rounds)
        return subprocess.Popen([args.readout, "ingest", source, "--db", args.db,
                                 "--threads", str(args.ingest_threads), "--batch", str(args.ingest_batch)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    if not args.no_ingest:
        ingest = start_ingest()
        rounds += 1
        time.sleep(1.0)  # let the ingest load its models and start writing

    jobs = queue.Queue()
    results = []
    threads = [threading.Thread(target=worker, args=(port, jobs, results), daemon=True) for _ in range(args.workers)]
    for t in threads:
        t.start()
    memory = []
    t0 = time.perf_counter() + 0.5
    n = int(args.rate * args.seconds)
    for i in range(n):
        name, path = pick()
        jobs.put((t0 + i / args.rate, name, path))
    # Memory once a second while the load runs.
    while time.perf_counter() < t0 + args.seconds:
        memory.append(rss_kib(server.pid))
        if ingest is not None and ingest.poll() is not None:
            ingest = start_ingest()
            rounds += 1
        time.sleep(1.0)
    for _ in threads:
        jobs.put(None)
    for t in threads:
        t.join()
    memory.append(rss_kib(server.pid))
    ingest_running_at_end = ingest is not None and ingest.poll() is None
    ingest_report = None
    if ingest is not None:
        # The ingest is stopped at the end of the window: it keeps the transactions it
        # committed, and the count of stored articles says how many it wrote.
        if ingest_running_at_end:
            ingest.send_signal(signal.SIGINT)
        try:
            ingest.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            ingest.kill()
            ingest.communicate()
        written = stored_articles(args.db) - articles_before
        ingest_report = f"{written} articles written during the run ({rounds} ingest runs)"
    server.terminate()
    server.wait()

    latencies = [ms for _, s, ms, _ in results if s == 200]
    errors = [(name, s, path) for name, s, _, path in results if s != 200]
    by_kind = {}
    for name, s, ms, _ in results:
        by_kind.setdefault(name, []).append(ms)
    mem = [m for m in memory if m]
    summary = {
        "requests": len(results),
        "rate": args.rate,
        "cache": not args.no_cache,
        "seconds": args.seconds,
        "errors": len(errors),
        "first_errors": errors[:5],
        "p50_ms": round(percentile(latencies, 0.50) or 0, 2),
        "p99_ms": round(percentile(latencies, 0.99) or 0, 2),
        "max_ms": round(max(latencies) if latencies else 0, 2),
        "p99_ms_by_kind": {k: round(percentile(v, 0.99), 2) for k, v in sorted(by_kind.items())},
        "rss_mib_first_last_max": [round(mem[0] / 1024, 1), round(mem[-1] / 1024, 1), round(max(mem) / 1024, 1)] if mem else None,
        "rss_mib_every_10s": [round(m / 1024, 1) for m in mem[::10]],
        "ingest": ingest_report,
        "ingest_wrote_throughout": ingest_running_at_end,
    }
    print(json.dumps(summary, indent=2))
    print("| requests | rate /s | errors | p50 ms | p99 ms | max ms | RSS MiB first → last (max) | ingest |")
    print("|---:|---:|---:|---:|---:|---:|---|---|")
    rss = summary["rss_mib_first_last_max"] or ["?", "?", "?"]
    print(f"| {summary['requests']} | {args.rate:g} | {summary['errors']} | {summary['p50_ms']} | {summary['p99_ms']} | "
          f"{summary['max_ms']} | {rss[0]} → {rss[1]} ({rss[2]}) | {ingest_report} |")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
