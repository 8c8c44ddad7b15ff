"""The surnames and given names of the sources' own countries that the house style would otherwise
change, shipped as ``seeds/home_names.tsv.gz`` and ``seeds/home_given_names.tsv.gz`` (written by
``seeds/build_home_names.py`` from names-dataset's ranks of Croatian, Serbian and Slovenian Facebook
users' names).

Why: a South Slavic person's name keeps its letters in English (Ante Šušnjar, Vili Beroš), and newsqa
told such a name from an Arabic or Persian one written the Serbian way only by its endings (-ić,
-ski). A surname with another ending was romanised ("Shushnyar") and flagged. A surname frequent at
home (rank at most RANK) that has a South Slavic letter, is not frequent in Russia, Ukraine or the
Middle East, and is not an Albanian surname written the Serbian way, marks the name as South Slavic.
Given names are shipped with or without such a letter: one without (Zoran, Dragan) is evidence only
before a Macedonian surname in -ov or -ev in a Macedonian source (``qa.names``).
"""

from __future__ import annotations

import re
from functools import lru_cache

import newsqa.qa.seed_tables as seed_tables

HOME_NAMES = "home_names.tsv.gz"  # in newsqa.seeds
HOME_GIVEN_NAMES = "home_given_names.tsv.gz"  # in newsqa.seeds
RANK = 5000  # a surname among the 5,000 most frequent of Croatia, Serbia or Slovenia
GIVEN_RANK = 1000  # a given name among the 1,000 most frequent: fewer names, each far more frequent


@lru_cache(maxsize=2)
def _names(table: str = HOME_NAMES) -> frozenset[str]:
    """Every shipped name of a table, in lower case with its letters, read at the first lookup."""
    return frozenset(row[0] for row in seed_tables.derived_rows(table))


def home_surname(word: str) -> bool:
    """Whether a word, as the source writes it in Latin letters, is a frequent South Slavic surname
    with a South Slavic letter (Šušnjar, Beroš; not Beriša, which is Albania's Berisha)."""
    return word.lower() in _names()


def home_given_name(word: str, plain: bool = False) -> bool:
    """Whether a word is a frequent South Slavic given name with a South Slavic letter (Siniša, Željko,
    Tonči; not Maša, which Russians write Masha): a name it opens is South Slavic (Siniša Mali). With
    ``plain``, any frequent South Slavic given name that people abroad do not write so (Zoran, Dragan,
    Goran; not Ivan, Boris): evidence only where the surname is the region's too (see qa.names)."""
    low = word.lower()
    return low in _names(HOME_GIVEN_NAMES) and (plain or bool(_SOUTH_SLAVIC_LETTER.search(low)))


_SOUTH_SLAVIC_LETTER = re.compile(r"[čćšžđ]")
