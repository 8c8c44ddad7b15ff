"""The given names newsqa ships (``seeds/given_names.tsv.gz``, written by ``seeds/build_given_names.py``
from nomquamgender's first-name data): each name with the number of national name lists that have it
and of the people counted with it.

Why: an English spelling found by sound alone may be an ordinary English word (Majid sounds like
"maid", Fatih like "fatty"), and an unattested first word before a known surname may be a rare
given name spelt right (Mazlum Abdi) or a romanisation gone wrong (Entoni Blinken). Two levels:

* a *common* given name (at least COMMON_SOURCES lists and COMMON_PEOPLE people: about 9,500 names)
  is what ``english_spelling`` keeps and accepts: at the looser level "maid" (8 lists, 185 people)
  would pass for one;
* a given name at all (at least SOURCES lists and PEOPLE people: about 29,000 names) is what lets
  a first word pass unflagged: "entoni" has 3 lists and 7 people, "mazlum" 11 and 298.
"""

from __future__ import annotations

from functools import lru_cache

import newsqa.qa.seed_tables as seed_tables

GIVEN_NAMES = "given_names.tsv.gz"  # in newsqa.seeds
SOURCES, PEOPLE = 7, 100                 # a given name: the file holds these and more
COMMON_SOURCES, COMMON_PEOPLE = 15, 500  # a common given name


@lru_cache(maxsize=1)
def _names() -> tuple[frozenset[str], frozenset[str]]:
    """(every shipped given name, the common ones), in lower-case ASCII letters, read at the first lookup."""
    every, common = set(), set()
    for name, sources, people in seed_tables.derived_rows(GIVEN_NAMES):
        every.add(name)
        if int(sources) >= COMMON_SOURCES and int(people) >= COMMON_PEOPLE:
            common.add(name)
    return frozenset(every), frozenset(common)


def given_name(folded: str) -> bool:
    """Whether a folded word (lower case, no diacritics) is a given name some name lists attest."""
    return folded in _names()[0]


def common_given_name(folded: str) -> bool:
    """Whether a folded word is a given name many name lists attest (Majid, Hussein; not maid)."""
    return folded in _names()[1]
