"""The surnames of the sources' own countries that the house style would otherwise change, shipped as
``seeds/home_names.tsv.gz`` (written by ``seeds/build_home_names.py`` from names-dataset's ranks of
Croatian, Serbian and Slovenian Facebook users' surnames).

Why: a South Slavic person's name keeps its letters in English (Ante Šušnjar, Vili Beroš), and newsqa
told such a name from an Arabic or Persian one written the Serbian way only by its endings (-ić,
-ski). A surname with another ending was romanised ("Shushnyar") and flagged. A surname frequent at
home (rank at most RANK) that has a South Slavic letter, is not frequent in Russia, Ukraine or the
Middle East, and is not an Albanian surname written the Serbian way, marks the name as South Slavic.
"""

from __future__ import annotations

from functools import lru_cache

import newsqa.qa.seed_tables as seed_tables

HOME_NAMES = "home_names.tsv.gz"  # in newsqa.seeds
RANK = 5000  # a surname among the 5,000 most frequent of Croatia, Serbia or Slovenia


@lru_cache(maxsize=1)
def _names() -> frozenset[str]:
    """Every shipped surname, in lower case with its letters, read at the first lookup."""
    return frozenset(row[0] for row in seed_tables.derived_rows(HOME_NAMES))


def home_surname(word: str) -> bool:
    """Whether a word, as the source writes it in Latin letters, is a frequent South Slavic surname
    with a South Slavic letter (Šušnjar, Beroš; not Beriša, which is Albania's Berisha)."""
    return word.lower() in _names()
