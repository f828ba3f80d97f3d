#!/usr/bin/env bash
# Whole-corpus throughput of `readout extract`, release build: articles/s, MB/s of input and
# peak memory, on one thread and on all threads, for the news JSONL corpus, the 181 HTML
# pages of the article-extraction benchmark, and a 10x repetition of the corpus read from
# standard input (to show that memory stays flat as the input grows).
# Usage: bench/throughput.sh [RUNS]   (best of RUNS, default 3)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="$root/../shared"
runs="${1:-3}"
if [ ! -d "$shared/corpus" ]; then
  echo "skipped: no shared corpus at $shared" >&2
  exit 0
fi
(cd "$root" && cargo build --release -q -p readout-cli)
bin="$root/target/release/readout"
corpus="$shared/corpus/newsarticles.jsonl"
html="$shared/gold/article-extraction/html"
html_mb=$(python3 -c "import gzip,pathlib,sys; print(sum(len(gzip.decompress(p.read_bytes())) for p in pathlib.Path(sys.argv[1]).glob('*.gz'))/1e6)" "$html")
corpus_mb=$(python3 -c "import os,sys; print(os.path.getsize(sys.argv[1])/1e6)" "$corpus")

measure() { # name input_mb threads cmd...
  local name=$1 mb=$2 threads=$3; shift 3
  local best="" rss="" articles=""
  for _ in $(seq "$runs"); do
    local out
    out=$( { /usr/bin/time -f "%e %M" "$@" --threads "$threads" --stats >/dev/null; } 2>&1 )
    local secs kb n
    secs=$(echo "$out" | tail -1 | cut -d' ' -f1)
    kb=$(echo "$out" | tail -1 | cut -d' ' -f2)
    n=$(echo "$out" | grep -o 'readout: [0-9]* articles' | grep -o '[0-9]*')
    if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < float(sys.argv[2]) else 1)" "$secs" "$best"; then
      best=$secs; rss=$kb; articles=$n
    fi
  done
  python3 -c "
import sys
name, mb, threads, secs, kb, n = sys.argv[1], float(sys.argv[2]), sys.argv[3], float(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
print(f'| {name} | {threads} | {n:,} | {mb:.1f} | {secs:.2f} | {n/secs:,.0f} | {mb/secs:.1f} | {kb/1024:.0f} |')
" "$name" "$mb" "$threads" "$best" "$rss" "$articles"
}

echo "| input | threads | articles | input MB | seconds | articles/s | MB/s | peak RSS MiB |"
echo "|---|---|---|---|---|---|---|---|"
for t in 1 0; do
  measure "newsarticles.jsonl" "$corpus_mb" "$t" "$bin" extract "$corpus"
done
for t in 1 0; do
  measure "181 HTML pages (.html.gz)" "$html_mb" "$t" "$bin" extract "$html"
done
big_mb=$(python3 -c "print(10*$corpus_mb)")
for t in 0; do
  measure "newsarticles.jsonl x10 on stdin" "$big_mb" "$t" bash -c "for i in \$(seq 10); do cat '$corpus'; done | '$bin' extract - --input-format jsonl \"\$@\"" _
done
echo
echo "threads 0 = one per core ($(nproc) here). MB/s counts input bytes (decompressed HTML for the pages)."
