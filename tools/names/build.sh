#!/bin/sh
# Rebuilds crates/readout-entities/data/first_names.tsv, the first-name gender table of the
# entity resolver, from the 1990 US census first-name lists in the PyPI package names==0.3.0
# (MIT), installed into a throwaway virtual environment that is removed afterwards. The rule
# is documented in build.py and crates/readout-entities/data/README.md. Run from anywhere:
#
#     sh tools/names/build.sh
#
# It prints the table's SHA-256, which the data README records: a rerun gives the same bytes.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../../crates/readout-entities/data" && pwd)/first_names.tsv
python=${PYTHON:-python3.11}
work=$(mktemp -d "${TMPDIR:-/tmp}/readout-names.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$python" -m venv "$work/venv"
# The hash pins the exact sdist on PyPI, so a changed upload cannot change the table unseen.
printf '%s\n' \
    'names==0.3.0 --hash=sha256:726e46254f2ed03f1ffb5d941dae3bc67c35123941c29becd02d48d0caa2a671' \
    >"$work/requirements.txt"
"$work/venv/bin/pip" install -q --disable-pip-version-check --no-deps --require-hashes \
    -r "$work/requirements.txt"
# Run outside the source tree so that `import names` finds the installed package.
cd "$work"
"$work/venv/bin/python" "$here/build.py" "$out"
