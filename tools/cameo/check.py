#!/usr/bin/env python3
"""Self-check of the compiled event-coding data (run by build.py; also standalone):

    python3 tools/cameo/check.py [crates/readout-events/data]

Asserts a handful of facts about verbs.tsv and cameo_plover.tsv that the event coder relies
on. Exits non-zero with a message on the first failure.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

DEFAULT = Path(__file__).resolve().parent.parent.parent / "crates" / "readout-events" / "data"


def load(data: Path):
    forms: dict[str, set[str]] = defaultdict(set)
    default: dict[str, str] = {}
    block: dict[str, str] = {}
    patterns: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    sets: dict[str, set[str]] = defaultdict(set)
    preps: set[str] = set()
    raw = (data / "verbs.tsv").read_bytes()
    assert raw.decode("utf-8"), "verbs.tsv is not UTF-8"
    body = [ln for ln in raw.decode("utf-8").split("\n") if ln and not ln.startswith("#")]
    assert body == sorted(body), "verbs.tsv records are not sorted"
    assert len(body) == len(set(body)), "verbs.tsv has duplicate records"
    for ln in body:
        f = ln.split("\t")
        kind = f[0]
        assert ln[1:] == ln[1:].lower(), f"not lower case: {ln!r}"
        n = {"F": 3, "D": 3, "B": 3, "P": 5, "S": 3, "R": 2, "A": 4}.get(kind)
        assert n == len(f), f"bad record: {ln!r}"
        assert all(" " * 2 not in x and x == x.strip() for x in f), f"stray spaces: {ln!r}"
        if kind == "F":
            forms[f[1]].add(f[2])
        elif kind == "D":
            assert f[1] not in default, f"two defaults for {f[1]}"
            default[f[1]] = f[2]
        elif kind == "B":
            block[f[1]] = f[2]
        elif kind == "P":
            patterns[f[1]].append((f[2], f[3], f[4]))
        elif kind == "S":
            sets[f[1]].add(f[2])
        else:
            preps.add(f[1])
    plover: dict[str, tuple[str, str, str]] = {}
    for ln in (data / "cameo_plover.tsv").read_text(encoding="utf-8").splitlines():
        if ln.startswith("#"):
            continue
        f = ln.split("\t")
        assert len(f) == 4, f"bad plover line {ln!r}"
        assert f[0] not in plover, f"code twice: {f[0]}"
        plover[f[0]] = (f[1], f[2], f[3])
    return forms, default, block, patterns, sets, preps, plover


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    data = Path(argv[0]) if argv else DEFAULT
    forms, default, block, patterns, sets, preps, plover = load(data)

    def lemma_of(form: str, lemma: str) -> None:
        assert lemma in forms.get(form, ()), f"{form!r} is not a form of {lemma!r}"

    # Forms: regular, irregular and multi-word.
    for lemma, fs in {
        "telephone": ["telephone", "telephones", "telephoned", "telephoning"],
        "phone": ["phone", "phones", "phoned", "phoning"],
        "meet": ["meet", "meets", "met", "meeting"],
        "meet with": ["meet with", "met with", "meets with", "meeting with"],
        "accuse": ["accuse", "accuses", "accused", "accusing"],
        "visit": ["visit", "visits", "visited", "visiting"],
        "host": ["host", "hosts", "hosted", "hosting"],
        "call": ["call", "calls", "called", "calling"],
        "agree": ["agree", "agrees", "agreed", "agreeing"],
        "reject": ["reject", "rejects", "rejected", "rejecting"],
        "threaten": ["threaten", "threatens", "threatened", "threatening"],
        "protest": ["protest", "protests", "protested", "protesting"],
        "attack": ["attack", "attacks", "attacked", "attacking"],
        "arrest": ["arrest", "arrests", "arrested", "arresting"],
        "hurry": ["hurry", "hurries", "hurried", "hurrying"],
        "set up": ["set up", "sets up", "setting up"],
    }.items():
        for form in fs:
            lemma_of(form, lemma)
    assert "hurryed" not in forms, "PETRARCH's naive -ED form leaked in"
    lemma_of("taught", "teach")
    assert "teached" not in forms and "setted" not in forms

    # Default codes.
    expect = {
        "telephone": "041:041", "phone": "041:041", "call": "041:041",
        "meet": "040", "accuse": "112", "visit": "042:043", "host": "043:042",
        "agree": "050", "threaten": "130", "protest": "140", "attack": "190",
        "arrest": "173",
    }
    for lemma, code in expect.items():
        assert default.get(lemma) == code, f"default of {lemma}: {default.get(lemma)} != {code}"
    assert "reject" not in default, "reject (block REFUSE [---]) must have no default"

    # Blocks and patterns.
    assert block["rush"] == "accelerate" and block["accelerate"] == "accelerate"
    assert block["meet"] == block["meet with"] == "meet", (block["meet"], block["meet with"])
    assert block["telephone"] == "call" and block["host"] == "host"
    # Every pattern key is a head lemma (its own block head).
    for head in patterns:
        assert block.get(head) == head, f"pattern key {head!r} is not a head lemma"
    acc = patterns["accelerate"]
    assert ("042:043", "", "to") in acc, "RUSH (TO) [042:043] missing"
    assert ("154", "&military", "") in acc, "&MILITARY * [154] missing"
    assert ("073", "", "&food") in acc
    assert any(c == ":173" for c, _, _ in patterns["appear"]), "[:173] pattern missing"
    for b, pats in patterns.items():
        for code, before, after in pats:
            for w in (before + " " + after).split():
                if w.startswith("&"):
                    assert w[1:] in sets, f"pattern of {b} uses undefined set {w}"
                assert not any(c in w for c in "(){}$%^*"), f"markup left in {b}: {w}"
    for lemma, head in block.items():
        assert block.get(head) == head, f"B of {lemma!r} points at non-head {head!r}"
    # Every lemma with a form has a block.
    lemmas = {lm for ls in forms.values() for lm in ls}
    assert lemmas == set(block), "F lemmas and B lemmas differ"
    assert set(default) <= lemmas

    # Synonym sets and prepositions.
    assert {"was", "were", "been"} <= sets["auxverb1_"]
    assert "cash_" in sets["currency"] and "dollar" in sets["currency"]
    assert {"to", "in", "against"} <= preps

    # CAMEO -> PLOVER.
    assert plover["041"][:2] == ("CONSULT", "phone"), plover["041"]
    assert plover["042"][:2] == ("CONSULT", "visit"), plover["042"]
    # The 2021 table gives mode "visit" to 043 (host a visit) too -- there is no "host" mode.
    assert plover["043"][:2] == ("CONSULT", "visit"), plover["043"]
    assert plover["036"][0] == "AGREE", plover["036"]
    assert plover["04"] == ("CONSULT", "", "")
    assert plover["08"][0] == "CONCEDE"
    assert plover["173"] == ("COERCE", "arrest", "legal")
    assert plover["1124"] == ("ACCUSE", "allege", "military;legal")

    # Sizes stay modest.
    for name in ("verbs.tsv", "cameo_plover.tsv"):
        size = (data / name).stat().st_size
        assert size < 600_000, f"{name} is {size} bytes"

    print(f"check.py: ok ({len(forms)} forms, {len(block)} lemmas, "
          f"{sum(map(len, patterns.values()))} patterns, {len(sets)} sets, "
          f"{len(plover)} PLOVER codes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except AssertionError as e:
        print(f"check.py: FAILED: {e}", file=sys.stderr)
        sys.exit(1)
