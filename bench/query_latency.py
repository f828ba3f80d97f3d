#!/usr/bin/env python3
"""Median and 99th-percentile latency of readout's query commands on a filled store, each
command run as a whole process (start-up included), output discarded.

    readout ingest ../shared/corpus/newsarticles.jsonl ../shared/corpus/reuters21578.jsonl --db /tmp/full.db
    python3 bench/query_latency.py /tmp/full.db [RUNS]
"""

import statistics
import subprocess
import sys
import time

QUERIES = {
    "search": [["search", w] for w in ["strike", "oil prices", '"central bank"', "election", "putin", "wheat", "merger", "earthquake"]],
    "events": [["events"] + a for a in [
        ["--actor", "USA"], ["--actor", "RUS", "--with", "USA"], ["--type", "CONSULT"],
        ["--actor", "Trump"], ["--since", "2017-03-01", "--until", "2017-03-31"],
        ["--type", "ASSAULT", "--actor", "SYR"], ["--actor", "IGO"], ["--with", "CHN"],
    ]],
    "quotes": [["quotes"] + a for a in [["--speaker", "Trump"], ["--speaker", "Putin"], [], ["--speaker", "May"], ["--via", "Reuters"], ["--via", "tass"]]],
    "stories": [["stories"] + a for a in [[], ["--since", "2017-03-01"], ["--full", "--limit", "5"], ["--id", "3"]]],
    "timeline": [["timeline"] + a for a in [["--actor", "USA"], ["--actor", "RUS", "--with", "USA"], ["--actor", "Trump"], ["--actor", "CHN"]]],
    "claims": [["claims"]],
}


def main():
    db = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    binary = "target/release/readout"
    print("| command | runs | median ms | p99 ms |")
    print("|---|---:|---:|---:|")
    for name, variants in QUERIES.items():
        times = []
        for i in range(runs * len(variants)):
            args = variants[i % len(variants)]
            start = time.perf_counter()
            subprocess.run([binary, *args, "--db", db, "--format", "jsonl"], stdout=subprocess.DEVNULL, check=True)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        p99 = times[min(len(times) - 1, int(round(0.99 * (len(times) - 1))))]
        print(f"| {name} | {len(times)} | {statistics.median(times):.1f} | {p99:.1f} |")


if __name__ == "__main__":
    main()
