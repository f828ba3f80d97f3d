#!/bin/sh
# Retrains the syntax model with the committed settings and checks that the result equals
# crates/readout-syntax/model/syntax.model byte for byte. Takes a few minutes on one core.
#
#   tools/syntax/check_model.sh [UD-EWT-DIR]   (default ../shared/gold/ud-ewt)
set -eu
cd "$(dirname "$0")/../.."
ud=${1:-../shared/gold/ud-ewt}
if [ ! -f "$ud/en_ewt-ud-train.conllu" ]; then
    echo "skipped: $ud/en_ewt-ud-train.conllu is absent" >&2
    exit 0
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
nice -n 10 cargo run --release -q -p readout-cli -- train syntax --ud "$ud" --out "$out"
if cmp -s "$out" crates/readout-syntax/model/syntax.model; then
    echo "reproduced: $(sha256sum "$out" | cut -d' ' -f1)"
else
    echo "the rebuilt model differs from crates/readout-syntax/model/syntax.model" >&2
    exit 1
fi
