"""Helpers shared by the peer scripts in this folder."""

import json


def byte_offsets(text: str):
    """Table from character offset to byte offset (len(text) + 1 entries): peers count
    characters, readout's plain formats count UTF-8 bytes."""
    table = [0] * (len(text) + 1)
    pos = 0
    for i, ch in enumerate(text):
        table[i] = pos
        pos += len(ch.encode("utf-8"))
    table[len(text)] = pos
    return table


def read_gold(path):
    """The documents of a plain gold JSONL file written by `readout eval TASK --write-gold`."""
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]
