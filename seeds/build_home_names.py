"""Write seeds/home_names.tsv.gz and seeds/home_given_names.tsv.gz, the surnames and given names
qa/home_names.py reads, from names-dataset's data.

Why: a person's name is written in the house style's romanisation unless newsqa can tell it is South
Slavic, and it told so only by endings (-ić, -ski). A Croatian or Serbian surname with another ending
and a South Slavic letter (Šušnjar, Beroš, Kutleša, Blanuša) was romanised as if it were Arabic
("Ante Shushnyar") and flagged. names-dataset (see seeds/build_regional_names.py: Facebook users'
surnames ranked per country) has Croatia, Serbia and Slovenia; Bosnia and Herzegovina, Montenegro
and North Macedonia it lacks, but their surnames are largely the same.

A surname is kept where its best rank in HOME is at most ``qa.home_names.RANK`` (a given name:
``GIVEN_RANK``), it has one of the letters č ć š ž đ (the only names the house style would otherwise
change; a given name need not: Zoran, Dragan before a Macedonian surname in -ov or -ev, which the
house style would change, tell a Macedonian name), neither it nor its English spelling (š → sh, ž → zh, č and ć → ch, j → y: Maša is Masha) is
among the 1,000 most frequent of a country the news is about (Russia, Ukraine, the Middle East: those
are the names people there write, not South Slavic ones), and its Albanian spelling (š → sh, ć →
q, č → ç, ž → zh, dž → xh) is not among Albania's 5,000 most frequent: Serbia's list holds Kosovo's
Albanians too (Beriša is Berisha). Run again after an upgrade, on the wheel pip downloads:

    pip download --no-deps names-dataset==3.3.1 -d /tmp/nd
    python seeds/build_home_names.py /tmp/nd/names_dataset-3.3.1-py3-none-any.whl
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from pathlib import Path

from newsqa.qa.home_names import GIVEN_RANK, HOME_GIVEN_NAMES, HOME_NAMES, RANK
from newsqa.seeds.names_dataset import build

OUT = Path(__file__).resolve().parent / HOME_NAMES
OUT_GIVEN = Path(__file__).resolve().parent / HOME_GIVEN_NAMES
HOME = frozenset({"HR", "RS", "SI"})
ABROAD = frozenset("RU UA BY KZ LB SY IQ JO PS IL SA AE KW QA BH OM YE EG IR AF TR LY TN DZ MA SD".split())
ABROAD_RANK, ALBANIAN_RANK = 1000, 5000
_SOUTH_SLAVIC = re.compile(r"[čćšžđ]")
_ALBANIAN = (("dž", "xh"), ("š", "sh"), ("ć", "q"), ("č", "ç"), ("ž", "zh"), ("đ", "gj"))
_ENGLISH = (("j", "y"), ("dž", "j"), ("š", "sh"), ("ž", "zh"), ("č", "ch"), ("ć", "ch"), ("đ", "dj"))  # j first: Đ is dj


def _respelt(name: str, letters: tuple[tuple[str, str], ...]) -> str:
    """A name Serbian writes so, lower case, with its letters replaced in the order given."""
    out = name.lower()
    for serbian, other in letters:
        out = out.replace(serbian, other)
    return out


def albanian(name: str) -> str:
    """How Albanian writes a name that Serbian writes so (Beriša -> berisha), lower case."""
    return _respelt(name, _ALBANIAN)


def english(name: str) -> str:
    """How English writes a name that Serbian writes so, as people abroad write it (Maša -> masha)."""
    return _respelt(name, _ENGLISH)


def rows(names: Mapping[str, Mapping], rank: int = RANK, letters: bool = True) -> list[tuple[str, int]]:
    """(lower-case name, best rank in HOME) for the names kept (see the module's docstring); with
    ``letters`` False, a name need not have a South Slavic letter (given names: Zoran, Dragan)."""
    def ranks(data: Mapping) -> dict[str, int]:
        return {c: r for c, r in (data.get("rank") or {}).items() if r}

    albania = {name.lower() for name, data in names.items() if ranks(data).get("AL", ALBANIAN_RANK + 1)
               <= ALBANIAN_RANK}
    abroad = {name.lower() for name, data in names.items()
              if min((v for c, v in ranks(data).items() if c in ABROAD), default=ABROAD_RANK + 1) <= ABROAD_RANK}
    best: dict[str, int] = {}
    for name, data in names.items():
        r = ranks(data)
        home = min((v for c, v in r.items() if c in HOME), default=rank + 1)
        low = name.lower()
        if home > rank or not name.isalpha() or letters and not _SOUTH_SLAVIC.search(low) \
                or low in abroad or english(low) in abroad or albanian(low) in albania:
            continue
        best[low] = min(best.get(low, home), home)
    return sorted(best.items())


def main(argv: list[str]) -> int:
    return build(argv, __doc__, OUT, ("last",), lambda tables: rows(tables[0]), "surnames") \
        or build(argv, __doc__, OUT_GIVEN, ("first",), lambda tables: rows(tables[0], GIVEN_RANK, letters=False),
                 "given names")

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
