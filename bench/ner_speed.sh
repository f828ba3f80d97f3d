#!/usr/bin/env bash
# NER speed, readout against spaCy's small English pipeline, in one run on the same text:
# the first N articles of newsarticles.jsonl (default 1000), one thread each, one after the
# other so neither slows the other. readout's figure is the tagger alone (segmentation done
# before the clock starts); spaCy's is its NER component alone (its fastest configuration),
# and also its full pipeline. Needs the venv that bench/peers/run_spacy_ner.sh creates.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/.."
limit="${1:-1000}"
corpus="${2:-$root/../shared/corpus/newsarticles.jsonl}"
if [ ! -f "$corpus" ]; then
  echo "skipped: no corpus at $corpus" >&2
  exit 0
fi
(cd "$root" && cargo build --release -q -p readout-entities --example ner_throughput)
echo "--- readout (one thread):"
"$root/target/release/examples/ner_throughput" "$corpus" "$limit"
echo "--- spaCy en_core_web_sm (one thread):"
bash "$here/peers/run_spacy_corpus.sh" --limit "$limit" "$corpus"
