#!/usr/bin/env python3
"""Splits the PLOVER gold standard records into a development half and a held-out half.

Documents (sentences) sorted by id: even positions form the development half, whose errors
may be read to improve the coder, odd positions the held-out half, whose errors are not
looked at. Both halves are written in readout's plain events format, so that readout's own
scorer measures each:

    readout eval events --write-gold /tmp/eg
    python3 bench/events_split.py /tmp/eg/events.plover.jsonl /tmp/eg
    readout eval events --gold /tmp/eg/events.plover-dev.jsonl
    readout eval events --gold /tmp/eg/events.plover-heldout.jsonl
"""
import json
import pathlib
import sys

from halves import write_half


def main():
    source, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    docs = [json.loads(line) for line in source.open(encoding="utf-8")]
    docs.sort(key=lambda d: d["id"])
    stem = source.stem
    for name, half in (("dev", docs[0::2]), ("heldout", docs[1::2])):
        write_half(out, stem, name, half)


if __name__ == "__main__":
    main()
