#!/usr/bin/env python3
"""Build crates/readout-entities/data/persons.tsv from the Phoenix actor dictionaries.

The person entries of PETRARCH2's Phoenix.Countries.actors.txt,
Phoenix.International.actors.txt and Phoenix.MilNonState.actors.txt (MIT, Open Event Data
Alliance; see tools/actors/README.md), each with every name variant that is a name (role
phrases such as PRESIDENT_PUTIN_ are left out, since the entity stage strips titles from
names) and its dated codes. The entity stage gives a person the article names without a
role the code in force on the article's publication date.

Standard library only; the output is deterministic (sorted, no timestamp).

    python3 tools/actors/build.py [--dict DIR] [--out FILE] [-v]
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DICT = REPO.parent / "shared" / "dict" / "petrarch2"
OUT = REPO / "crates" / "readout-entities" / "data" / "persons.tsv"
FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)

# Words that make a synonym a role phrase or a collective rather than a person's name:
# such variants are not names the entity stage would give ("President Putin" is the name
# "Putin" with the role "President"), or they name a government ("Obama administration").
ROLE_WORDS = set("""
PRESIDENT PRESIDENT-ELECT VICE PRIME MINISTER CHANCELLOR KANZLER BUNDESKANZLER PREMIER
SENATOR SEN GOVERNOR GOV MR MRS MS DR SIR LORD KING QUEEN PRINCE PRINCESS EMIR SHEIKH SHEIK
GENERAL GEN COLONEL COL MAJOR CAPTAIN ADMIRAL MARSHAL SECRETARY SECRETARY-GENERAL
SECRETARY_GENERAL AMBASSADOR ENVOY SPOKESMAN SPOKESWOMAN LEADER CHAIRMAN CHAIRWOMAN CHIEF
DIRECTOR MAYOR JUDGE JUSTICE POPE AYATOLLAH MULLAH IMAM REV REVEREND FATHER BISHOP
CARDINAL ADMINISTRATION GOVERNMENT REGIME CABINET THE OF FORMER US U.S. UN AMERICAN RUSSIAN
UNITED STATES NATIONS DEPUTY FOREIGN DEFENSE DEFENCE INTERIOR FINANCE OFFICIAL OFFICIALS
SUPPORTERS FORCES PARTY MINISTRY COMMANDER CZAR TSAR
""".split())

# Sector codes that Phoenix writes in the country position of a code (IGOUNO, NGOxxx):
# the entity stage keeps them as a sector without a country, as it does for organisations.
COUNTRYLESS = {"IGO", "NGO", "MNC", "IMG", "UAF", "ELI", "GOV", "MIL", "REB", "OPP", "CVL",
               "BUS", "MED", "EDU", "REL", "LEG", "JUD", "COP", "SPY", "PTY", "LAB", "HLH",
               "REF", "AGR", "ENV", "CRM"}

# Phoenix's own country codes where ISO 3166-1 has another (the gazetteer does the same).
PHOENIX_ISO = {"KSV": "XKX", "TMP": "TLS", "ROM": "ROU", "ZAR": "COD"}

GAZETTEER = REPO / "crates" / "readout-entities" / "data" / "gazetteer.tsv"


class Block:
    """One entry: its names and its (code, date spec) pairs, from one file."""

    __slots__ = ("names", "codes", "comment", "source")

    def __init__(self, source: str) -> None:
        self.names: list[str] = []
        self.codes: list[tuple[str, str]] = []
        self.comment = ""
        self.source = source


def parse_blocks(text: str, source: str) -> list[Block]:
    """Blocks of a TABARI/PETRARCH .actors file.

    A block is a primary line (not indented, not '+'), its '+' synonyms, and '[CODE dates]'
    groups inline or on indented lines; a blank line, or a new primary line once codes were
    seen, closes it. Comment-only lines belong to no block."""
    blocks: list[Block] = []
    cur: Block | None = None
    for raw in text.splitlines():
        body, _, comment = raw.partition("#")
        if not body.strip():
            if raw.strip() == "" and cur is not None:
                blocks.append(cur)
                cur = None
            continue
        codes = re.findall(r"\[([^\]]*)\]", body)
        name_part = re.sub(r"\[[^\]]*\]", " ", body).strip()
        if name_part:
            names = [n.strip() for n in re.split(r"\s*\+", name_part) if n.strip()]
            starts_new = not name_part.startswith("+") and not raw[:1].isspace()
            if cur is None or (starts_new and cur.codes):
                if cur is not None:
                    blocks.append(cur)
                cur = Block(source)
                cur.comment = comment.strip()
            cur.names.extend(names)
        if cur is None:
            continue
        if comment and not cur.comment:
            cur.comment = comment.strip()
        for c in codes:
            parts = c.split()
            if parts:
                cur.codes.append((parts[0], " ".join(parts[1:])))
    if cur is not None:
        blocks.append(cur)
    return [b for b in blocks if b.names and b.codes]


def parse_date(s: str) -> str | None:
    """'991231' -> '1999-12-31', '080507' -> '2008-05-07', '20070101' -> '2007-01-01'.

    Two-digit years up to 15 are 20xx: the dictionaries were last revised in 2014-2015 and
    hold birth years back to 1918 (ranges of an 'elite' code often start at birth). A date
    that is no calendar date, or of another length ('2004017'), gives None."""
    if re.fullmatch(r"\d{6}", s):
        yy = int(s[:2])
        year = 2000 + yy if yy <= 15 else 1900 + yy
        month, day = int(s[2:4]), int(s[4:6])
    elif re.fullmatch(r"\d{8}", s):
        year, month, day = int(s[:4]), int(s[4:6]), int(s[6:8])
    else:
        return None
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_dates(spec: str) -> tuple[str, str] | None:
    """A code's date spec as (from, until), ISO dates or '' for open ends.

    '' -> ('', ''): the default code, used outside every range; '>D' -> (D, ''): from D on;
    '<D' -> ('', D): until D; 'A-B' -> (A, B), both days included. None when malformed."""
    spec = spec.strip()
    if not spec:
        return ("", "")
    if spec[0] in "<>":
        d = parse_date(spec[1:].strip())
        if d is None:
            return None
        return (d, "") if spec[0] == ">" else ("", d)
    m = re.fullmatch(r"(\d+)\s*-\s*(\d+)", spec)
    if not m:
        return None
    a, b = parse_date(m.group(1)), parse_date(m.group(2))
    if a is None or b is None or a > b:
        return None
    return (a, b)


def split_code(code: str, iso3: set[str]) -> tuple[str, str] | None:
    """'RUSGOV' -> ('RUS', 'GOV'); 'BDIGOVMIL' -> ('BDI', 'GOV') (the primary sector);
    'IGOUNO' -> ('', 'IGO'); 'RUS' -> ('RUS', ''); 'ELI' -> ('', 'ELI'); '---' -> None.
    Phoenix's KSV (Kosovo) is XKX, as in the gazetteer."""
    if not re.fullmatch(r"[A-Z]{3,}", code):
        return None
    head, rest = code[:3], code[3:6]
    head = PHOENIX_ISO.get(head, head)
    if head in iso3:
        return (head, rest)
    if head in COUNTRYLESS:
        return ("", head)
    return None


def fold(s: str) -> str:
    """ASCII letters without accents, lower case: the form both sides of a lookup compare."""
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


def name_key(raw: str) -> str | None:
    """'VLADIMIR_V._PUTIN_' -> 'vladimir v putin'; None for a role phrase or a non-name.

    Words are split at underscores and spaces, full stops dropped, hyphens kept (the
    tokenizer keeps 'Ki-moon' whole), case and accents folded."""
    raw = re.sub(r"\([^)]*\)", " ", raw)
    words = [w for w in re.split(r"[_\s]+", raw.strip().strip("+")) if w]
    if not words or any(w.upper().strip(".,") in ROLE_WORDS for w in words):
        return None
    out = []
    for w in words:
        w = w.replace(".", "").strip(",;:'")
        if not w:
            continue
        if not re.fullmatch(r"[A-Za-z][A-Za-z'\-]*", fold(w)):
            return None
        out.append(fold(w))
    return " ".join(out) if out else None


def is_person(b: Block, iso3: set[str]) -> bool:
    """Whether a block names a person.

    Persons are the CountryInfo entries of the country file and the IGOrulers entries of
    the international file (the dictionaries' own lists of office holders), and otherwise
    entries that hold an 'elite' code (ELI, given only to persons) or a closed date range
    (an office held from one day to another); a primary name must have at least two words
    so that a bare country or group ('BELARUS_', 'DGSE') is never one."""
    primary = next((k for k in map(name_key, b.names) if k), None)
    if primary is None or " " not in primary:
        return False
    comment = b.comment.lower()
    if "countryinfo" in comment or "igorulers" in comment:
        return True
    for code, spec in b.codes:
        parts = split_code(code, iso3)
        if parts and parts[1] == "ELI":
            return True
        if re.fullmatch(r"\d+\s*-\s*\d+", spec.strip()):
            return True
    return False


def country_codes(gazetteer: Path) -> set[str]:
    """ISO 3166-1 alpha-3 codes (and XKX, SUN, YUG, CSK, DDR), as the committed gazetteer
    gives them to countries: the country position of a person's code is read against
    these, so that the two resources agree on what a country is."""
    out = set()
    for line in gazetteer.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and parts[0] == "country" and re.fullmatch(r"[A-Z]{3}", parts[2]):
            out.add(parts[2])
    return out


def build(dict_dir: Path, verbose: bool = False) -> tuple[list[str], dict]:
    blocks: list[Block] = []
    for fname in FILES:
        text = (dict_dir / fname).read_text(encoding="utf-8", errors="replace")
        blocks.extend(parse_blocks(text, fname))
    iso3 = country_codes(GAZETTEER)
    stats = {"blocks": len(blocks), "persons": 0, "bad_codes": 0, "ambiguous_keys": 0,
             "surnames": 0, "surnames_ambiguous": 0, "lines": 0}
    persons: list[tuple[list[str], tuple[tuple[str, str, str, str], ...]]] = []
    for b in blocks:
        if not is_person(b, iso3):
            continue
        rows: list[tuple[str, str, str, str]] = []
        for code, spec in b.codes:
            parts = split_code(code, iso3)
            dates = parse_dates(spec)
            if parts is None or dates is None:
                if code != "---":
                    stats["bad_codes"] += 1
                    if verbose:
                        print(f"skipped code {code} {spec!r} of {b.names[0]}", file=sys.stderr)
                continue
            row = (parts[0], parts[1], dates[0], dates[1])
            if row not in rows:
                rows.append(row)
        keys = []
        for n in b.names:
            k = name_key(n)
            if k and k not in keys:
                keys.append(k)
        if rows and keys:
            persons.append((keys, tuple(rows)))
    stats["persons"] = len(persons)

    # A key (a full name or a listed surname) held by persons with different codes is
    # ambiguous and left out; held by several with the same codes (one person listed in two
    # files, or twice) it stays, on the first person's line.
    owners: dict[str, set[tuple]] = {}
    for keys, rows in persons:
        for k in keys:
            owners.setdefault(k, set()).add(rows)
    # One-word keys are only the surnames the dictionary itself lists as a synonym
    # ('+PUTIN_', '+MERKEL', '+OBAMA'), for the persons its authors met often without a
    # first name. The last words of full names are not made keys: they are far from unique
    # across the world ('Moon' is the last word of 'Ban Ki-moon' as the dictionary splits
    # it, and the family name of Moon Jae-in).
    out = []
    seen: set[str] = set()
    for keys, rows in persons:
        kept = []
        for k in keys:
            if k in seen:
                continue
            if len(owners[k]) > 1:
                if " " in k:
                    stats["ambiguous_keys"] += 1
                else:
                    stats["surnames_ambiguous"] += 1
                continue
            kept.append(k)
            seen.add(k)
        if not kept:
            continue
        stats["surnames"] += sum(1 for k in kept if " " not in k)
        codes = " ".join(":".join(r) for r in rows)
        out.append(f"{'|'.join(kept)}\t{codes}")
    out.sort()
    stats["lines"] = len(out)
    return out, stats


HEADER = """\
# readout persons: NAMES<TAB>CODES, one person a line, sorted; '#' lines are comments.
# Built by tools/actors/build.py from the Phoenix actor dictionaries of PETRARCH2
# (MIT, Copyright (c) 2014 Open Event Data Alliance); do not edit by hand. See tools/actors/README.md.
# NAMES: '|'-separated name keys (lower case, accents and full stops dropped).
# CODES: space-separated COUNTRY:SECTOR:FROM:UNTIL (ISO dates; empty FROM and UNTIL: the default code).
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dict", type=Path, default=DICT)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("-v", action="store_true", help="list skipped codes")
    args = ap.parse_args()
    lines, stats = build(args.dict, args.v)
    data = HEADER + "".join(line + "\n" for line in lines)
    args.out.write_text(data, encoding="utf-8")
    print(f"{args.out}: {len(lines)} persons, {len(data.encode())} bytes; {stats}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
