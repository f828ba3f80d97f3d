#!/usr/bin/env python3
"""Compile PETRARCH2's CAMEO verb dictionary and the CAMEO->PLOVER table for readout-events.

Run from the repository root (Python 3.11, standard library only):

    python3 tools/cameo/build.py [--cameo PATH] [--plover PATH] [--out DIR] [-v]

Inputs (read-only, outside the repository; defaults are relative to the repository root):

    ../shared/dict/petrarch2/CAMEO.2.0.txt        PETRARCH2 verb patterns (MIT, Open Event Data Alliance)
    ../shared/gold/plover/CAMEO2PLOVER-2021.txt   CAMEO -> PLOVER table (Schrodt, PLOVER repository)

Outputs, in crates/readout-events/data/:

    verbs.tsv          forms, lemmas, block default codes, patterns, synonym sets
    cameo_plover.tsv   CAMEO code -> PLOVER type, mode, context
    README.md          format, provenance, counts (generated from the template below)
    LICENSE.petrarch2  the MIT licence block copied from the dictionary header

The output is deterministic (sorted lines, no timestamps): two runs give identical bytes.
After writing, the script runs tools/cameo/check.py on the result. The format is documented
in the generated README.md; the reasoning behind each decision is in the comments below.
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
DEFAULT_CAMEO = REPO.parent / "shared" / "dict" / "petrarch2" / "CAMEO.2.0.txt"
DEFAULT_PLOVER = REPO.parent / "shared" / "gold" / "plover" / "CAMEO2PLOVER-2021.txt"
DEFAULT_OUT = REPO / "crates" / "readout-events" / "data"

VOWELS = set("aeiou")

# Polysyllabic verbs stressed on the last syllable double their final consonant
# (regretted, eavesdropping). Stress cannot be read off the spelling, so they are listed;
# the list is general English, only the entries present in the dictionary have any effect.
DOUBLE_FINAL = {
    "abet", "acquit", "admit", "allot", "annul", "begin", "commit", "compel", "concur",
    "confer", "control", "defer", "deter", "dispel", "eavesdrop", "embed", "emit", "equip",
    "expel", "forbid", "forget", "impel", "incur", "infer", "occur", "omit", "outbid",
    "outfit", "patrol", "permit", "prefer", "propel", "rebel", "recur", "refer", "regret",
    "remit", "repel", "submit", "transfer", "transmit", "upset", "unwrap", "kidnap",
    "worship",
}

# Irregular verbs that the dictionary lists without a {...} list of forms (PETRARCH2 would
# generate TEACHED, SETED, HITED for them). Used only for such unbraced entries; the forms
# are the verb's other forms (the base form is always included).
IRREGULAR = {
    "broadcast": ["broadcasts", "broadcasted", "broadcasting"],
    "burn": ["burns", "burned", "burnt", "burning"],
    "cast": ["casts", "casting"],
    "cut": ["cuts", "cutting"],
    "forgive": ["forgives", "forgave", "forgiven", "forgiving"],
    "hear": ["hears", "heard", "hearing"],
    "hit": ["hits", "hitting"],
    "hurt": ["hurts", "hurting"],
    "learn": ["learns", "learned", "learnt", "learning"],
    "lose": ["loses", "lost", "losing"],
    "put": ["puts", "putting"],
    "set": ["sets", "setting"],
    "shut": ["shuts", "shutting"],
    "spread": ["spreads", "spreading"],
    "swell": ["swells", "swelled", "swollen", "swelling"],
    "teach": ["teaches", "taught", "teaching"],
    "thrust": ["thrusts", "thrusting"],
    "upset": ["upsets", "upsetting"],
}

# PETRARCH-only markup dropped from patterns: source/target/compound-actor role markers and
# the "any noun phrase" placeholder.
ROLE_MARKERS = {"$", "+", "%", "^"}

# English prepositions and verb particles. A word opening a '( )' phrase is listed as an `R`
# record only if it is one of these: a few phrases of the dictionary open with another word
# ('(THE STAKES)', '(GUNFIRE)', '(WHETHER SUSPEND)'), which are markup slips.
PREPOSITIONS = {
    "aboard", "about", "above", "across", "after", "against", "along", "amid", "amidst",
    "among", "amongst", "around", "as", "aside", "at", "before", "behind", "below", "beneath",
    "beside", "besides", "between", "beyond", "by", "despite", "down", "during", "except",
    "for", "from", "in", "inside", "into", "near", "of", "off", "on", "onto", "out",
    "outside", "over", "past", "per", "since", "through", "throughout", "till", "to",
    "toward", "towards", "under", "underneath", "until", "unto", "up", "upon", "via", "with",
    "within", "without",
}


class Report:
    """Collects anomalies found while parsing, printed at the end (and with -v in full)."""

    def __init__(self) -> None:
        self.items: dict[str, list[str]] = defaultdict(list)

    def add(self, kind: str, msg: str) -> None:
        self.items[kind].append(msg)

    def print(self, verbose: bool) -> None:
        for kind in sorted(self.items):
            msgs = self.items[kind]
            print(f"  {kind}: {len(msgs)}", file=sys.stderr)
            for m in msgs if verbose else msgs[:3]:
                print(f"      {m}", file=sys.stderr)


# --------------------------------------------------------------------------------------------
# Regular verb forms
# --------------------------------------------------------------------------------------------


def _syllables(w: str) -> int:
    """Vowel groups of w ('y' after a consonant counts as a vowel)."""
    n, prev = 0, False
    for i, c in enumerate(w):
        v = c in VOWELS or (c == "y" and i > 0 and w[i - 1] not in VOWELS)
        if v and not prev:
            n += 1
        prev = v
    return n


def _ends_cvc(w: str) -> bool:
    """w ends consonant + single vowel + consonant (not w/x/y); 'qu' counts as a consonant."""
    if len(w) < 3 or not w[-1].isalpha():
        return False
    c3, v, c = w[-3], w[-2], w[-1]
    if c in VOWELS or c in "wxy" or v not in VOWELS:
        return False
    if c3 in VOWELS:
        return c3 == "u" and len(w) >= 4 and w[-4] == "q"
    return True


def _doubles(w: str) -> bool:
    return w in DOUBLE_FINAL or (_ends_cvc(w) and _syllables(w) == 1)


def _british_l(w: str) -> bool:
    """travel/counsel/quarrel: US 'traveled', UK 'travelled' -- both are generated."""
    return w.endswith("l") and _ends_cvc(w) and _syllables(w) > 1 and w not in DOUBLE_FINAL


def regular_forms(w: str) -> list[str]:
    """Third person -s, past -ed and -ing of a regular verb, by the usual English spelling
    rules. PETRARCH2's own reader applies a cruder version of these (Y -> IES whatever precedes
    it, no consonant doubling, HURRY -> HURRYED); the dictionary works around it with {...}
    lists for most irregular spellings, and the rules here agree with those lists."""
    out: list[str] = []
    # -s
    if w.endswith(("s", "x", "z", "ch", "sh")):
        out.append(w + "es")
    elif w.endswith("y") and len(w) > 1 and w[-2] not in VOWELS:
        out.append(w[:-1] + "ies")
    elif w.endswith("o") and len(w) > 1 and w[-2] not in VOWELS:
        out.append(w + "es")
    else:
        out.append(w + "s")
    # -ed / -ing
    if w.endswith("e"):
        out.append(w + "d")
        if w.endswith("ie"):
            out.append(w[:-2] + "ying")
        elif w.endswith(("ee", "oe", "ye")) or len(w) <= 2:
            out.append(w + "ing")
        else:
            out.append(w[:-1] + "ing")
    elif w.endswith("y") and len(w) > 1 and w[-2] not in VOWELS:
        out += [w[:-1] + "ied", w + "ing"]
    elif w.endswith("c") and len(w) > 1 and w[-2] in VOWELS:  # mimic -> mimicked
        out += [w + "ked", w + "king"]
    elif _doubles(w):
        out += [w + w[-1] + "ed", w + w[-1] + "ing"]
    else:
        out += [w + "ed", w + "ing"]
        if _british_l(w):
            out += [w + "led", w + "ling"]
    return out


# --------------------------------------------------------------------------------------------
# Codes
# --------------------------------------------------------------------------------------------

_DIGITS = re.compile(r"^\d{2,4}$")


def norm_code(raw: str, where: str, rep: Report) -> str | None:
    """Normalise a [..] code to '---' (null), 'A', 'A:R' or ':R'. Returns None if unusable.

    The part after ':' is PETRARCH2's "passive" code (utilities.convert_code: "the first is an
    inherent active meaning, the second is an inherent passive meaning"). PETRARCH2 uses it for
    the complementary event with source and target swapped: RUSH (TO) [042:043] codes
    A->B 042 (visit) and B->A 043 (host); [040:040] is a reciprocal consultation; [:173]
    (APPEAR BEFORE COURT) codes only the reversed event (the court acts on the subject).
    It is kept, because dropping it would lose reciprocal events and every ':R'-only pattern.
    """
    s = raw.strip()
    cleaned = re.sub(r"[^0-9:\-]", "", s)
    if cleaned != s:
        rep.add("code with stray characters (stripped)", f"[{raw}] at {where}")
    if cleaned in ("", "---"):
        return "---"
    a, sep, r = cleaned.partition(":")
    a = "" if a == "---" else a
    r = "" if r == "---" else r
    for part in (a, r):
        if part and not _DIGITS.match(part):
            rep.add("unparseable code (line skipped)", f"[{raw}] at {where}")
            return None
    if not r:
        return a or "---"
    return f"{a}:{r}"


# --------------------------------------------------------------------------------------------
# Dictionary parsing
# --------------------------------------------------------------------------------------------

HEADER_RE = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
CODE_RE = re.compile(r"\[([^\]]*)\]")


def strip_comment(line: str) -> str:
    # PETRARCH's reader cuts a line at the first '#'; ';' is a TABARI-era comment marker that
    # still follows a few verb lines (SCRAP {...};shan 8/30/93).
    return line.split("#", 1)[0].rstrip("\n")


def multiword(token: str) -> tuple[list[str], int]:
    """'+SET_UP' -> (['set','up'], 0): words and the index of the word marked '+' (the word the
    parser tags as the verb; always the first in this dictionary, 'RE_+ARREST' style is
    allowed by the format)."""
    parts = [p for p in token.lower().split("_") if p]
    head = 0
    for i, p in enumerate(parts):
        if p.startswith("+"):
            head = i
    return [p.lstrip("+") for p in parts], head


class Dictionary:
    def __init__(self) -> None:
        self.sets: dict[str, list[str]] = {}  # '&NAME' as written (upper case) -> members
        self.set_order: list[str] = []
        self.lemma_forms: dict[str, list[str]] = {}  # first definition wins, as in PETRARCH2
        self.lemma_code: dict[str, str] = {}
        self.lemma_block: dict[str, str] = {}
        # block header -> its head lemma, the key its patterns are filed under (choose_heads)
        self.block_head: dict[str, str] = {}
        self.block_code: dict[str, str] = {}
        # (block, before, after) -> (code, line no); the last definition wins, as in PETRARCH2
        self.patterns: dict[tuple[str, tuple[str, ...], tuple[str, ...]], tuple[str, int]] = {}
        self.pattern_lines = 0
        # pattern line no -> the verb form its comment names ("# TELEPHONE"): the verb of
        # its block the pattern was written for
        self.pattern_for: dict[int, str] = {}
        self.preps: Counter[str] = Counter()
        self.verb_lines = 0
        self.transformations = 0
        self.license_lines: list[str] = []


def parse_dictionary(path: Path, rep: Report) -> Dictionary:
    d = Dictionary()
    raw_lines = path.read_text(encoding="utf-8").splitlines()

    # The MIT licence block of the header, copied verbatim (minus the '# ').
    in_lic = False
    for line in raw_lines:
        if line.startswith("# The MIT License"):
            in_lic = True
        if in_lic:
            d.license_lines.append(line[2:] if line.startswith("# ") else line.lstrip("#"))
            if "DEALINGS IN THE SOFTWARE" in line:
                break

    section = "header"
    cur_set: str | None = None
    block: str | None = None
    block_code = "---"
    for no, raw in enumerate(raw_lines, 1):
        if raw.startswith("#"):
            if "SYNONYM SETS" in raw:
                section = "sets"
            elif "VERB PATTERNS" in raw:
                section = "verbs"
            elif "TRANSFORMATIONS" in raw:
                section = "transformations"
            continue
        line = strip_comment(raw)
        if not line.strip():
            continue
        where = f"line {no}: {raw.strip()}"

        if section == "sets":
            s = line.strip()
            if s.startswith("&"):
                cur_set = s.split()[0]
                if cur_set not in d.sets:
                    d.sets[cur_set] = []
                    d.set_order.append(cur_set)
                else:
                    rep.add("synonym set defined twice (merged)", where)
            elif s.startswith("+") and cur_set is not None:
                d.sets[cur_set].append(s[1:].strip())
            else:
                rep.add("unparsed line in synonym sets", where)
            continue

        if section == "transformations":
            if line.startswith("~"):
                d.transformations += 1
            else:
                rep.add("unparsed line in transformations", where)
            continue

        if section != "verbs":
            rep.add("unparsed line before synonym sets", where)
            continue

        if line.startswith("---"):
            m = HEADER_RE.match(line)
            if not m:
                rep.add("unparsed block header", where)
                continue
            block = m.group(1).lower()
            code = norm_code(m.group(2), where, rep)
            block_code = code if code is not None else "---"
            if block in d.block_code:
                rep.add("block header repeated (patterns merged)", where)
            d.block_code[block] = block_code
            continue
        if block is None:
            rep.add("line before the first block header", where)
            continue
        if line.startswith("-"):
            parse_pattern(d, block, line[1:], no, where, rep)
            if "#" in raw:
                form = raw.split("#", 1)[1].strip().split()
                if form:
                    d.pattern_for[no] = form[0].lower().replace("_", " ")
            continue
        if line.lstrip().startswith("~"):
            d.transformations += 1
            continue
        parse_verb(d, block, block_code, line, where, rep)
    return d


def parse_verb(d: Dictionary, block: str, block_code: str, line: str, where: str,
               rep: Report) -> None:
    if ";" in line:
        rep.add("TABARI ';' comment on a verb line (ignored)", where)
        line = line.split(";", 1)[0]
    d.verb_lines += 1
    code = block_code
    codes = CODE_RE.findall(line)
    if codes:
        c = norm_code(codes[-1], where, rep)
        if c is not None:
            code = c
        line = CODE_RE.sub(" ", line)
    irregular: list[str] | None = None
    m = re.search(r"\{([^}]*)\}", line)
    if m:
        irregular = [t for t in re.split(r"[\s,]+", m.group(1)) if t]
        line = line[: m.start()] + " " + line[m.end():]
    toks = line.split()
    if len(toks) != 1 or "{" in line or "}" in line:
        rep.add("unparsed verb line (skipped)", where)
        return
    words, head = multiword(toks[0])
    lemma = " ".join(words)
    forms = [lemma]
    if irregular is not None:
        # "if irregular forms are provided in {...}, ALL forms need to be included ... no
        # alternative forms are generated when {...} is present" (PETRreader docstring).
        for t in irregular:
            fw, _ = multiword(t)
            if len(fw) != len(words):
                rep.add("irregular form with a different word count", f"{t} at {where}")
            forms.append(" ".join(fw))
    elif words[head] in IRREGULAR:
        rep.add("irregular verb without {...} (forms from IRREGULAR)", where)
        for f in IRREGULAR[words[head]]:
            forms.append(" ".join(words[:head] + [f] + words[head + 1:]))
    else:
        for f in regular_forms(words[head]):
            forms.append(" ".join(words[:head] + [f] + words[head + 1:]))
    forms = list(dict.fromkeys(forms))
    if lemma in d.lemma_forms:
        # PETRARCH2 stores verbs with setdefault: the first definition is the one it uses.
        prev = d.lemma_block[lemma]
        rep.add("lemma defined again (first definition kept)",
                f"{lemma!r} in block {block} (first in {prev}) at {where}")
        return
    d.lemma_forms[lemma] = forms
    d.lemma_code[lemma] = code
    d.lemma_block[lemma] = block


def choose_heads(d: Dictionary) -> None:
    """Pick each block's head lemma among the verbs it defines (those not defined earlier):
    the header word itself if it is one (ACCELERATE, CALL, VISIT), else its first word
    (MEET_PEOPLE -> meet), else the first one-word verb (PHYSICAL_CONFLICT -> altercate),
    else the first verb."""
    members: dict[str, list[str]] = defaultdict(list)
    for lemma, block in d.lemma_block.items():  # file order
        members[block].append(lemma)
    for block, lemmas in members.items():
        header = block.replace("_", " ").strip()
        first = header.split()[0] if header else ""
        if header in lemmas:
            d.block_head[block] = header
        elif first in lemmas:
            d.block_head[block] = first
        else:
            single = [lm for lm in lemmas if " " not in lm]
            d.block_head[block] = (single or lemmas)[0]


def _set_ref(pieces: list[str], i: int, d: Dictionary) -> tuple[str, int] | None:
    """pieces[i] starts with '&': the longest defined set name made of pieces[i:j] joined by
    '_' (&FIGHT_OF_WORDS is a set; &FIGHT_GAMES is &FIGHT + GAMES)."""
    for j in range(len(pieces), i, -1):
        name = "_".join(pieces[i:j])
        if name in d.sets:
            return name, j
    return None


def parse_pattern(d: Dictionary, block: str, text: str, no: int, where: str,
                  rep: Report) -> None:
    d.pattern_lines += 1
    codes = CODE_RE.findall(text)
    if not codes:
        rep.add("pattern without a code (skipped)", where)
        return
    code = norm_code(codes[-1], where, rep)
    if code is None:
        return
    body = CODE_RE.sub(" ", text)
    if "*" not in body:
        # None in CAMEO.2.0.txt. PETRARCH2 would fail on such a line (it splits on '*'), so
        # it is skipped and reported rather than guessed at.
        rep.add("pattern without '*' (skipped)", where)
        return
    if body.count("*") > 1:
        rep.add("pattern with several '*' (skipped)", where)
        return
    # '*' glued to a word ('*SCEPTICAL', 'SPY_*_DEAL', '*_LAWS') is separated.
    body = body.replace("*", " * ")

    # Each slot is a list of alternatives (TABARI's disjunctions BY/WITH are expanded).
    slots: list[list[str]] = []
    prep_slots: set[int] = set()
    in_prep = False
    expect_prep = False
    for tok in body.split():
        opens_prep = tok.startswith("(")
        core = tok.strip("(){}")
        closes_prep = ")" in tok
        if opens_prep:
            if in_prep:
                rep.add("nested '(' in pattern", where)
            in_prep, expect_prep = True, True
        pieces = [p for p in core.split("_")] if core else []
        # keep trailing '' after a set name ending in '_' (&AUXVERB1_) but drop other empties
        k = 0
        while k < len(pieces):
            p = pieces[k]
            if p.startswith("&"):
                ref = _set_ref(pieces, k, d)
                if ref is None:
                    # PETRARCH2 keeps the literal '&NAME', which can never match: skip.
                    rep.add("undefined synonym set (pattern skipped)", f"{p} at {where}")
                    return
                else:
                    words = [[ref[0].lower()]]
                    k = ref[1]
            elif p == "" or p in ROLE_MARKERS:
                k += 1
                continue
            elif p == "*":
                words = [["*"]]
                k += 1
            else:
                alts = [a.lower() for a in p.split("/") if a]
                if len(alts) > 1:
                    rep.add("disjunction A/B in pattern (expanded)", f"{p} at {where}")
                words = [alts]
                k += 1
            for w in words:
                if expect_prep and w != ["*"]:
                    prep_slots.add(len(slots))
                    for a in w:
                        d.preps[a] += 1
                    expect_prep = False
                slots.append(w)
        if closes_prep:
            if expect_prep:
                rep.add("empty prepositional phrase", where)
            in_prep, expect_prep = False, False
    if in_prep:
        rep.add("unclosed '(' in pattern", where)

    for combo in itertools.product(*slots):
        star = combo.index("*")
        before, after = tuple(combo[:star]), tuple(combo[star + 1:])
        key = (block, before, after)
        old = d.patterns.get(key)
        if old is not None:
            if old[0] != code:
                rep.add("same pattern with another code (last kept, as PETRARCH2)",
                        f"{block}: {' '.join(before)} * {' '.join(after)} "
                        f"[{old[0]}] line {old[1]} -> [{code}] line {no}")
            else:
                rep.add("duplicate pattern (merged)", where)
        d.patterns[key] = (code, no)


# --------------------------------------------------------------------------------------------
# CAMEO -> PLOVER
# --------------------------------------------------------------------------------------------

PLOVER_RE = re.compile(r"^(\d{2,4}):\s*(.*)$")


def parse_plover(path: Path, rep: Report) -> dict[str, tuple[str, str, str]]:
    """'041: CONSULT, phone,   # Discuss by telephone' -> {'041': ('CONSULT','phone','')}.
    Two-digit lines ('04: CONSULT') are section headings that name the PLOVER type of the
    CAMEO root; they are kept (mode and context empty) so that a code missing from the table
    can fall back to its root. The first line for a code wins ('08: CONCEDE' over the later
    '08: RETREAT'; the two '175' lines are identical)."""
    table: dict[str, tuple[str, str, str]] = {}
    for no, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        s = raw.strip()
        if not s or s.startswith("#"):
            continue
        if s.startswith("~~~"):
            break
        m = PLOVER_RE.match(s)
        if not m:
            rep.add("unparsed CAMEO2PLOVER line", f"line {no}: {s}")
            continue
        code, rest = m.group(1), m.group(2).split("#", 1)[0]
        fields = [f.strip() for f in rest.split(",")]
        if len(fields) > 3:
            rep.add("CAMEO2PLOVER line with extra commas (joined into context)", f"line {no}: {s}")
            fields = fields[:2] + [", ".join(fields[2:])]
        fields += [""] * (3 - len(fields))
        kind, mode, context = fields
        # 'crime; corruption' -> 'crime;corruption'
        context = ";".join(p.strip() for p in context.split(";") if p.strip())
        entry = (kind, mode, context)
        if code in table:
            if table[code] != entry:
                rep.add("CAMEO2PLOVER code listed twice (first kept)",
                        f"line {no}: {s} (kept {table[code]})")
            continue
        table[code] = entry
    return table


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------


def verbs_lines(d: Dictionary) -> tuple[list[str], dict[str, int]]:
    recs: set[str] = set()
    for lemma, forms in d.lemma_forms.items():
        for f in forms:
            recs.add(f"F\t{f}\t{lemma}")
        code = d.lemma_code[lemma]
        if code != "---":
            recs.add(f"D\t{lemma}\t{code}")
        recs.add(f"B\t{lemma}\t{d.block_head[d.lemma_block[lemma]]}")
    lemma_of_form = {}
    for lemma, forms in d.lemma_forms.items():
        for f in forms:
            lemma_of_form.setdefault(f, lemma)
    for (block, before, after), (code, no) in d.patterns.items():
        head = d.block_head.get(block)
        if head is not None:
            recs.add(f"P\t{head}\t{code}\t{' '.join(before)}\t{' '.join(after)}")
            # The verb the pattern was written for, when its comment names a verb of the
            # dictionary: how the senses of each verb divide among the PLOVER types.
            lemma = lemma_of_form.get(d.pattern_for.get(no, ""))
            if lemma is not None:
                recs.add(f"A\t{lemma}\t{code}\t{no}")
    for name, members in d.sets.items():
        sname = name[1:].lower()
        for mem in members:
            # '_' joins the words of a phrase; a trailing '_' (on the member) is kept: it
            # marks a word PETRARCH does not pluralise / matches exactly.
            trailing = mem.endswith("_")
            words = [w for w in mem.lower().split("_") if w]
            recs.add(f"S\t{sname}\t{' '.join(words)}{'_' if trailing else ''}")
    for p in d.preps:
        if p in PREPOSITIONS:
            recs.add(f"R\t{p}")
    lines = sorted(recs)
    counts = Counter(r.split("\t", 1)[0] for r in lines)
    return lines, dict(counts)


VERBS_HEADER = """\
# readout-events verb dictionary, compiled by tools/cameo/build.py -- do not edit by hand.
# Source: PETRARCH2 CAMEO.2.0.txt (c) 2015 Open Event Data Alliance, MIT (LICENSE.petrarch2).
# Records (see README.md): F form lemma | D lemma code | B lemma block | P block code before after
#                          S set word | R preposition | A lemma code line (a pattern's verb)
"""

PLOVER_HEADER = """\
# CAMEO code -> PLOVER type, mode, context; compiled by tools/cameo/build.py from
# CAMEO2PLOVER-2021.txt (Philip Schrodt, PLOVER, Open Event Data Alliance; see README.md).
"""


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--cameo", type=Path, default=DEFAULT_CAMEO)
    ap.add_argument("--plover", type=Path, default=DEFAULT_PLOVER)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("-v", "--verbose", action="store_true", help="list every anomaly")
    ap.add_argument("--no-check", action="store_true", help="skip tools/cameo/check.py")
    args = ap.parse_args(argv)

    rep = Report()
    d = parse_dictionary(args.cameo, rep)
    plover = parse_plover(args.plover, rep)
    choose_heads(d)
    for p in sorted(d.preps):
        if p not in PREPOSITIONS:
            rep.add("'( )' phrase opening with a non-preposition (not an R record)", p)

    # Patterns are filed under the block's head lemma. A block none of whose verbs is new
    # (all defined earlier, so PETRARCH2 sends them to the earlier block) has unreachable
    # patterns: they are dropped and reported.
    for block in sorted(set(b for b, _, _ in d.patterns) - set(d.block_head)):
        n = sum(1 for b, _, _ in d.patterns if b == block)
        rep.add("block with no verb of its own (its patterns dropped)", f"{block}: {n} patterns")

    used = {c for c in d.lemma_code.values()} | {c for c, _ in d.patterns.values()}
    parts = {p for c in used if c != "---" for p in c.split(":") if p}
    missing = sorted(p for p in parts
                     if not any(p[:n] in plover for n in range(len(p), 1, -1)))
    for p in missing:
        rep.add("CAMEO code used by the dictionary with no PLOVER entry (nor a parent)", p)

    lines, counts = verbs_lines(d)
    verbs_text = VERBS_HEADER + "\n".join(lines) + "\n"
    plover_lines = [f"{c}\t{k}\t{m}\t{x}" for c, (k, m, x) in sorted(plover.items())]
    plover_text = PLOVER_HEADER + "\n".join(plover_lines) + "\n"

    out = args.out
    write(out / "verbs.tsv", verbs_text)
    write(out / "cameo_plover.tsv", plover_text)
    write(out / "LICENSE.petrarch2", "\n".join(d.license_lines).rstrip() + "\n")

    stats = {
        "forms": counts.get("F", 0),
        "distinct_forms": len({ln.split("\t")[1] for ln in lines if ln.startswith("F\t")}),
        "lemmas": len(d.lemma_forms),
        "defaults": counts.get("D", 0),
        "blocks": len(d.block_code),
        "patterns": counts.get("P", 0),
        "pattern_lines": d.pattern_lines,
        "sets": len(d.sets),
        "set_members": counts.get("S", 0),
        "preps": counts.get("R", 0),
        "codes": len(plover),
        "codes3": sum(1 for c in plover if len(c) > 2),
        "verb_lines": d.verb_lines,
        "transformations": d.transformations,
        "verbs_bytes": len(verbs_text.encode("utf-8")),
        "plover_bytes": len(plover_text.encode("utf-8")),
        "missing": ", ".join(missing) or "none",
    }
    write(out / "README.md", README.format(**stats))

    print(f"wrote {out}/verbs.tsv ({stats['verbs_bytes']} bytes): {stats['forms']} forms of "
          f"{stats['lemmas']} lemmas, {stats['defaults']} defaults, {stats['blocks']} blocks, "
          f"{stats['patterns']} patterns, {stats['sets']} sets / {stats['set_members']} members, "
          f"{stats['preps']} prepositions", file=sys.stderr)
    print(f"wrote {out}/cameo_plover.tsv ({stats['plover_bytes']} bytes): {stats['codes']} codes",
          file=sys.stderr)
    print("anomalies:", file=sys.stderr)
    rep.print(args.verbose)

    if not args.no_check:
        sys.dont_write_bytecode = True  # leave no __pycache__ in tools/cameo
        sys.path.insert(0, str(HERE))
        import check  # noqa: E402

        return check.main([str(out)])
    return 0


README = """\
# readout-events data

Compiled, committed resources for the event coder. **Generated** by
`tools/cameo/build.py` (standard-library Python 3.11) -- do not edit by hand; change the
script (this README is its `README` template) and rebuild from the repository root:

```sh
python3 tools/cameo/build.py          # then runs tools/cameo/check.py
```

Inputs (read-only, outside the repository): `../shared/dict/petrarch2/CAMEO.2.0.txt` and
`../shared/gold/plover/CAMEO2PLOVER-2021.txt` (`--cameo`, `--plover` override). Output is
deterministic: sorted lines, no timestamps; rebuilding gives identical bytes. `-v` lists every
anomaly met while parsing.

## `verbs.tsv` ({verbs_bytes} bytes)

UTF-8, lower case, one tab-separated record per line, lines sorted bytewise. Lines starting
with `#` are a header. Record types:

| record | meaning |
|---|---|
| `F<TAB>form<TAB>lemma` | a surface form of a verb lemma: the lemma itself, its irregular forms from `{{...}}`, or generated regular forms (-s/-es/-ies, -ed/-d/-ied, -ing, consonant doubling, British -ll-; a few irregular verbs the dictionary lists without `{{...}}`, such as TEACH and HIT, take their forms from a table in the script). A form can belong to several lemmas. |
| `D<TAB>lemma<TAB>code` | the lemma's default code: its own `[code]` on the verb line, else its block's code. Omitted when the code is `---` (the bare verb makes no event). |
| `B<TAB>lemma<TAB>head` | the head lemma of the verb block the lemma belongs to (a lemma that heads its block has `B<TAB>x<TAB>x`). Patterns belong to blocks, not single verbs. |
| `P<TAB>head<TAB>code<TAB>before<TAB>after` | a pattern of the block headed by lemma `head`: it applies to every lemma whose `B` is `head`. |
| `S<TAB>set<TAB>word` | a member of a synonym set. |
| `R<TAB>word` | a word that the dictionary uses as a preposition (first word of a `( )` phrase). |
| `A<TAB>lemma<TAB>code<TAB>line` | the verb a pattern was written for: the lemma of the form its `# COMMENT` names (`- * (FOR) [020] # CALL`), the pattern's code, and its line in `CAMEO.2.0.txt`. Matching does not use it (a block's patterns apply to all its verbs); the coder uses it to tell how a verb's own senses divide among PLOVER types. |

Details:

* **Multi-word verbs** (`+SET_UP`, `+CALL_OFF`, `+MEET_WITH`) are written with single
  spaces: `F<TAB>set up<TAB>set up`, `F<TAB>sets up<TAB>set up`. The verb word (the one
  PETRARCH marks with `+`) is always the first word in this dictionary; the rest are
  particles or prepositions that follow it (PETRARCH matches them as the verb's PRT/ADVP
  children, so in text they may be separated from the verb: "set the talks up"). Regular
  forms inflect the first word only.
* **Blocks.** PETRARCH2 files patterns under the block header (`---  MEET_PEOPLE [040] ---`)
  and every verb of a block shares them. Header words are not always verbs (`meet_people`,
  `verbal_conflict`) and some equal a verb that belongs to another block (`---  SPRING` after
  SPRING was listed under JUMP), so the key used here is the block's *head lemma*, chosen
  among the verbs the block defines (not already defined earlier): the header word if it is
  one of them (`accelerate`, `call`, `visit`), else the header's first word (MEET_PEOPLE ->
  `meet`), else the first one-word verb (PHYSICAL_CONFLICT -> `altercate`), else the first
  verb (PETRARCH's older reader indexed a block's patterns by its first verb). So
  `B<TAB>rush<TAB>accelerate` and `P<TAB>accelerate<TAB>042:043<TAB><TAB>to`. A lemma listed
  in two blocks keeps its first listing (PETRARCH2 stores verbs first-wins) and takes that
  block's default and patterns; a block left with no verb of its own (ABANDON, ABSTAIN,
  SIGNAL, STREAM) is unreachable in PETRARCH2 too, and its patterns are dropped.
* **Codes** are `A` (CAMEO code), `A:R`, `:R` or `---`. `R` is PETRARCH2's second
  ("passive") code: the complementary event with source and target swapped. `[042:043]`
  (RUSH TO) = A visits B (042) and B hosts A (043); `050:050` = reciprocal; `:173` (APPEAR
  BEFORE COURT) codes only the reversed event. `---` on a pattern means the pattern matches
  and yields no event (it overrides the block default).
* **Patterns.** `before`/`after` are the words before and after the verb (`*`), in order,
  space-separated, possibly empty (both empty: `- * [042:043]` under DOCK, a code for the
  bare verb). Words are complete words as PETRARCH matches them (it does not stem pattern
  words; it compares them with the heads of noun phrases). `&set` is a synonym-set
  reference (name as in `S`, with its trailing `_` if it has one). Dropped PETRARCH
  markup: `( )` prepositional phrase, `{{ }}` noun-phrase grouping (the last word is the
  head), `$` source, `+` target, `%` compound actor, `^` any noun phrase. `_` inside a
  pattern joins consecutive words and becomes a space; a `*` glued to a word is separated. TABARI disjunctions (`(BY/WITH ...)`) are expanded into
  one pattern per alternative. If the same block/before/after occurs twice with different
  codes, the last one is kept (PETRARCH2 overwrites). A pattern without `*` would be skipped
  and reported (there are none in CAMEO.2.0.txt); so are the 2 patterns naming undefined
  sets (`&WEATHER`, `&DEMONSTRATION`), which PETRARCH2 keeps as literals that never match.
* **Prepositions.** The words that open a `( )` phrase are listed as `R` records
  ({preps} words; a handful of phrases that open with a non-preposition such as
  `(THE STAKES)` or `(GUNFIRE)` are markup slips and are not listed). In a pattern a
  preposition keeps its position among the other words; only the parentheses are dropped.
* **Synonym sets.** `set` is the name without `&`, lower case, keeping a trailing `_`
  (`auxverb1_`): PETRARCH's convention is that a set named with `_` holds non-nouns that are
  never pluralised. A member's `_` between words becomes a space (`armed forces`); a trailing
  `_` (`cash_`, `difference of opinion_`) is kept and means the member is not pluralised /
  is matched exactly. PETRARCH generates plurals for other members (Y -> IES, else +S).
* **Not compiled.** The verb transformations at the end of the file (`~ a (a b ATTACK) SAY
  = a b 015`, {transformations} lines) are not compiled.

Counts: {forms} `F` records ({distinct_forms} distinct forms) of {lemmas} lemmas (from
{verb_lines} verb lines), {defaults} `D` defaults, {blocks} blocks, {patterns} `P` patterns
(from {pattern_lines} pattern lines), {sets} synonym sets with {set_members} `S` members,
{preps} `R` prepositions.

## `cameo_plover.tsv` ({plover_bytes} bytes)

`code<TAB>plover_type<TAB>mode<TAB>context`, one line per CAMEO code of the table ({codes}
codes: {codes3} three/four-digit codes and the two-digit section headings such as `04
CONSULT`, whose mode and context are empty), sorted by code, after a `#` header. Empty
fields are empty. `context` may hold several values separated by `;` (`crime;corruption`).
The description after `#` in the source is not kept. When a code is listed twice the first
line wins: `08` is CONCEDE (the later `08: RETREAT` heading is dropped; CAMEO 08 is "yield",
and 084-087 map to RETREAT individually). The table has no 01x/02x codes (the PLOVER manual's
CAMEO table marks 01 MAKE PUBLIC STATEMENT and 02 APPEAL "dropped"), so these CAMEO codes
that the dictionary uses have no PLOVER entry, even through a parent: {missing}.

## Provenance and licences

* `verbs.tsv` is derived from `CAMEO.2.0.txt` of PETRARCH2
  (https://github.com/openeventdata/petrarch2), a composite of the TABARI CAMEO dictionaries
  and WordNet-derived synonym sets, "Copyright (c) 2015 Open Event Data Alliance", under the
  MIT licence. The licence block of the dictionary header is reproduced in
  `LICENSE.petrarch2` (the repository's own LICENSE file has the same terms with
  "Copyright (c) 2014 Open Event Data").
* `cameo_plover.tsv` is derived from `CAMEO2PLOVER-2021.txt`, "CAMEO to PLOVER conversion
  table, PLOVER manual version Draft 0.8, 17-September-2021, edited by Philip Schrodt", from
  the PLOVER repository (https://github.com/openeventdata/PLOVER). The file itself carries no
  licence notice. The PLOVER manual (`PLOVER_MANUAL.tex`) states "This work is licensed under
  a Creative Commons Attribution-ShareAlike 4.0 International License. Copyright (c) 2021 by
  the Open Event Data Alliance", and the gold-standard readme says the same (CC BY-SA 4.0,
  (c) 2016 OEDA). The table is a companion of the manual in the same repository, so treat it
  as CC BY-SA 4.0 (attribution: Philip Schrodt / Open Event Data Alliance, PLOVER) -- not MIT.
  What is kept here is a code-to-category mapping (facts), not the manual's text.
"""


if __name__ == "__main__":
    sys.exit(main())
