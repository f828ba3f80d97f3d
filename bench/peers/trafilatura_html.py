#!/usr/bin/env python3
"""Runs Python trafilatura (the reference HTML extractor) over the article-extraction
benchmark, single-threaded, and writes its output as readout's plain predictions JSONL
({"id", "text"} per page) so that `readout eval html --predictions FILE` scores it with the
very same scorer as readout. Prints pages/s of the extraction calls alone, and writes
OUT.meta.json beside the predictions so that `readout eval all` scores them next to readout
(see docs/eval.md, "Peers").

Usage: python3 trafilatura_html.py GOLD_DIR OUT.jsonl
(bench/peers/run_trafilatura.sh creates the virtual environment and runs it.)
"""
import gzip
import json
import pathlib
import sys
import time

import trafilatura


def main() -> None:
    gold = pathlib.Path(sys.argv[1])
    out_path = pathlib.Path(sys.argv[2])
    truth = json.loads((gold / "ground-truth.json").read_text())
    pages = []
    for sha, item in sorted(truth.items()):
        html = gzip.decompress((gold / "html" / f"{sha}.html.gz").read_bytes())
        pages.append((sha, item.get("url"), html))
    elapsed = 0.0
    with out_path.open("w") as out:
        for sha, url, html in pages:
            start = time.perf_counter()
            text = trafilatura.extract(html, url=url) or ""
            elapsed += time.perf_counter() - start
            out.write(json.dumps({"id": sha, "text": text}) + "\n")
    meta = {
        "task": "html",
        "dataset": "article-extraction",
        "peer": f"trafilatura {trafilatura.__version__} (Python)",
        "command": "bench/peers/run_trafilatura.sh",
        "seconds": elapsed,
        "threads": 1,
    }
    meta_path = out_path.with_name(out_path.name.removesuffix(".jsonl") + ".meta.json")
    meta_path.write_text(json.dumps(meta, indent=1) + "\n")
    print(
        f"trafilatura {trafilatura.__version__}: {len(pages)} pages in {elapsed:.2f} s "
        f"= {len(pages) / elapsed:.1f} pages/s (one thread)"
    )


if __name__ == "__main__":
    main()
