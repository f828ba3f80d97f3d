#!/usr/bin/env bash
# Measures Python trafilatura on the article-extraction benchmark beside readout, in one
# run: creates bench/peers/.venv, installs trafilatura from PyPI, runs both, scores both
# with `readout eval html`.
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
  "$here/.venv/bin/pip" install --quiet "trafilatura==2.3.1" "lxml_html_clean"
fi
(cd "$root" && cargo build --release -q -p readout-cli)
out="$(mktemp -d)"
"$here/.venv/bin/python" "$here/trafilatura_html.py" "$gold" "$out/trafilatura.jsonl"
echo "--- trafilatura (Python), scored by readout:"
"$root/target/release/readout" eval html --gold "$gold" --predictions "$out/trafilatura.jsonl"
echo "--- readout:"
"$root/target/release/readout" eval html --gold "$gold"
