#!/usr/bin/env python3
"""Counts the ECB+ topics whose two sub-topics (two similar but different events) a system
merged: a topic counts when one predicted story holds documents of both its sub-topics,
were it only one stray document.

    readout eval stories --gold /tmp/sg/stories.ecbplus-heldout.jsonl --save-predictions /tmp/pp
    python3 bench/subtopics_merged.py /tmp/sg/stories.ecbplus-heldout.jsonl \
        /tmp/pp/stories.stories.ecbplus-heldout.readout.jsonl
"""

import collections
import json
import sys


def main():
    gold = {}
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            gold[d["id"]] = d["story"]
    predicted = {}
    with open(sys.argv[2], encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            predicted[d["id"]] = d["story"]
    # ECB+ document ids begin with their topic number: "2_1ecb.xml".
    stories_of_topic = collections.defaultdict(lambda: collections.defaultdict(set))
    for doc, story in gold.items():
        topic = doc.split("_")[0]
        stories_of_topic[topic][predicted[doc]].add(story)
    merged = sum(
        any(len(gold_stories) > 1 for gold_stories in by_prediction.values())
        for by_prediction in stories_of_topic.values()
    )
    print(f"{merged} of {len(stories_of_topic)} topics merged")


if __name__ == "__main__":
    main()
