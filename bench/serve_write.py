#!/usr/bin/env python3
"""Writes through `readout serve`: articles posted one request at a time to
`POST /articles` on a large store, on loopback only; the time of each write and the
server's memory before and after.

    cargo build --release -p readout-cli
    target/release/readout ingest ../shared/corpus/newsarticles.jsonl \
        ../shared/corpus/reuters21578.jsonl --db /tmp/load.db
    python3 bench/serve_write.py --db /tmp/load.db [--posts 20]

The articles are taken from `--from` (default ../shared/corpus/reuters21578.jsonl), each
with a new id and new first words, so that the store must analyse, group and write every
one (the store is changed: use a scratch copy). The first write reads the stored stories;
the later ones read only what was stored since. Only the Python standard library is used;
the summary is printed as JSON.
"""

import argparse
import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import time

HOST = "127.0.0.1"


def free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    return None


def request(port, method, path, body=None, headers=None):
    conn = http.client.HTTPConnection(HOST, port, timeout=300)
    conn.request(method, path, body=body, headers=headers or {})
    r = conn.getresponse()
    data = r.read()
    conn.close()
    return r.status, data


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--readout", default="target/release/readout")
    ap.add_argument("--from", dest="source", default="../shared/corpus/reuters21578.jsonl")
    ap.add_argument("--posts", type=int, default=20)
    args = ap.parse_args()

    token = secrets.token_hex(16)
    port = free_port()
    env = dict(os.environ, READOUT_WRITE_TOKEN=token)
    server = subprocess.Popen([args.readout, "serve", "--db", args.db, "--addr", f"{HOST}:{port}"],
                              env=env, stderr=subprocess.PIPE, text=True)
    start = time.time()
    while True:
        try:
            if request(port, "GET", "/api/stories?limit=1")[0] == 200:
                break
        except OSError:
            pass
        if server.poll() is not None or time.time() - start > 60:
            sys.exit(f"the server did not start: {server.stderr.read()}")
        time.sleep(0.2)

    bodies = []
    stamp = int(time.time())
    with open(args.source) as f:
        for i, line in enumerate(f):
            if len(bodies) >= args.posts:
                break
            a = json.loads(line)
            if not a.get("text", "").strip():
                continue
            a["id"] = f"write-{stamp}-{i}-{a.get('id')}"
            a["text"] = f"Update {stamp} {i}: " + a["text"]
            bodies.append(json.dumps(a) + "\n")

    rss_before = rss_mib(server.pid)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/x-ndjson"}
    times = []
    failures = []
    for body in bodies:
        t = time.perf_counter()
        status, data = request(port, "POST", "/articles", body.encode(), headers)
        times.append(round((time.perf_counter() - t) * 1000, 1))
        reply = json.loads(data) if status == 200 else None
        if status != 200 or reply.get("added") != 1:
            failures.append((status, data[:200].decode(errors="replace")))
    rss_after = rss_mib(server.pid)
    server.terminate()
    server.wait()
    rest = sorted(times[1:])
    summary = {
        "posts": len(times),
        "failures": failures[:5],
        "first_ms": times[0] if times else None,
        "later_p50_ms": rest[len(rest) // 2] if rest else None,
        "later_max_ms": rest[-1] if rest else None,
        "all_ms": times,
        "rss_mib_before_after": [rss_before, rss_after],
    }
    print(json.dumps(summary, indent=2))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
