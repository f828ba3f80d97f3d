#!/usr/bin/env python3
"""Splits ECB+ by topic into a development half and a held-out half.

Topics sorted by number: even positions form the development half, on which thresholds and
weights may be chosen and errors read, odd positions the held-out half, which is only
scored. Both halves keep both sub-topics of each topic (the two similar events that must
not merge). Written in readout's plain stories format, so that readout's scorer measures
each, in the data set's order and in a shuffled order (`--shuffle SEED`), since stories
are built incrementally and must not depend on the order articles arrive in:

    readout eval stories --write-gold /tmp/sg
    python3 bench/stories_split.py /tmp/sg/stories.ecbplus.jsonl /tmp/sg [--shuffle 7]
    readout eval stories --gold /tmp/sg/stories.ecbplus-dev.jsonl
    readout eval stories --gold /tmp/sg/stories.ecbplus-heldout.jsonl
"""

import json
import pathlib
import random
import sys

from halves import write_half


def main():
    args = sys.argv[1:]
    seed = None
    if "--shuffle" in args:
        i = args.index("--shuffle")
        seed = int(args[i + 1])
        del args[i : i + 2]
    source, out = pathlib.Path(args[0]), pathlib.Path(args[1])
    docs = [json.loads(line) for line in source.open(encoding="utf-8")]
    topics = sorted({int(d["id"].split("_")[0]) for d in docs})
    dev = set(topics[0::2])
    stem = source.stem
    for name, keep in (("dev", lambda t: t in dev), ("heldout", lambda t: t not in dev)):
        half = [d for d in docs if keep(int(d["id"].split("_")[0]))]
        if seed is not None:
            random.Random(seed).shuffle(half)
            name += f"-shuffled{seed}"
        write_half(out, stem, name, half)


if __name__ == "__main__":
    main()
