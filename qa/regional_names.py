"""The names of the region newsqa ships (``seeds/regional_names.tsv.gz``, written by
``seeds/build_regional_names.py`` from names-dataset's per-country name ranks): the first and last
names people of the Middle East, North Africa, Turkey, Iran and Afghanistan write in Latin letters.

Why: ``unverified-name`` flags a romanised name that English text (wordfreq) does not attest, and
most of those flags fell on names spelt right that are too rare for an English word list
(al-Rashdan, Aliabadi, Roumieh). A word that is a frequent name in some country of the region is
taken as spelt as its people spell it. Only frequent names count (rank at most RANK in a country):
the data holds every misspelling someone typed once.
"""

from __future__ import annotations

from functools import lru_cache

import newsqa.qa.seed_tables as seed_tables

REGIONAL_NAMES = "regional_names.tsv.gz"  # in newsqa.seeds
RANK = 2000  # a name among the 2,000 most frequent first or last names of a country of the region


@lru_cache(maxsize=1)
def _names() -> frozenset[str]:
    """Every shipped name, in lower-case ASCII letters, read at the first lookup."""
    return frozenset(row[0] for row in seed_tables.derived_rows(REGIONAL_NAMES))


def regional_name(folded: str) -> bool:
    """Whether a folded word (lower case, no diacritics) is a frequent name in the region."""
    return folded in _names()
