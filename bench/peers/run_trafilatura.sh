#!/usr/bin/env bash
# Measures Python trafilatura on the article-extraction benchmark beside readout, in one
# run: creates bench/peers/.venv, installs trafilatura from PyPI, runs it, and scores it
# beside readout with `readout eval html` (which finds its output in bench/peers/out).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
gold="${1:-$root/../shared/gold/article-extraction}"
if [ ! -d "$gold" ]; then
  echo "skipped: no benchmark at $gold" >&2
  exit 0
fi
if [ ! -x "$here/.venv/bin/python" ]; then
  python3 -m venv "$here/.venv"
fi
if ! "$here/.venv/bin/python" -c "import trafilatura" 2>/dev/null; then
  "$here/.venv/bin/pip" install --quiet "trafilatura==2.3.1" "lxml_html_clean"
fi
(cd "$root" && cargo build --release -q -p readout-cli)
# Predictions stay out of git (they hold publishers' text); `readout eval all` picks up
# every NAME.jsonl + NAME.meta.json pair in bench/peers/out.
out="$here/out"
mkdir -p "$out"
"$here/.venv/bin/python" "$here/trafilatura_html.py" "$gold" "$out/html.trafilatura.jsonl"
echo "--- readout and trafilatura (Python), scored by the same code:"
(cd "$root" && target/release/readout eval html --gold "$gold")
