"""Writing a gold set's development and held-out halves in readout's plain JSONL, for the
split scripts beside this file."""

import json


def write_half(out, stem, name, docs):
    """Writes `docs` to OUT/STEM-NAME.jsonl, one JSON document a line, and says so."""
    path = out / f"{stem}-{name}.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    print(f"{path}: {len(docs)} documents")
