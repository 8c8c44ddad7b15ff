"""English word knowledge for the target side: what is an ordinary word, what is a derived form.

The naive fuzzy matcher's false alarms are ordinary English words (woman ~ Oman) and derived
forms (Syrian ~ Syria, Lebanese ~ Lebanon). We use wordfreq's English frequencies (shipped inside
the package, no download): a word at or above ``COMMON_ZIPF`` (about once per 300,000 words) is
an ordinary word, not a misspelt name. Rare names stay below it (Kissel 2.0, Netanjahu 0).
"""

from __future__ import annotations

from functools import lru_cache

import newsqa.qa.seed_tables as seed_tables

COMMON_ZIPF = 3.5
# A single word this frequent (about once per six million words) is a name English already knows
# (Rafah 2.3, Hamad 2.7); misspellings sit below it (Kissel 2.0, Vladmir 1.6, Hezbolla 0).
KNOWN_NAME_ZIPF = 2.2
# Endings that make demonyms, adjectives and plurals from names: Syria-n, Iraq-i, Leban-ese, Turk-ish.
DERIVATION_SUFFIXES = ("ians", "ian", "ans", "an", "ese", "ish", "ites", "ite", "is", "i", "ic", "n", "s", "es")


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    from wordfreq import zipf_frequency  # imported lazily: its first use loads the word list

    return zipf_frequency(word, "en")


def is_common_word(folded: str) -> bool:
    return zipf(folded) >= COMMON_ZIPF


def is_known_word(folded: str) -> bool:
    return zipf(folded) >= KNOWN_NAME_ZIPF


def is_derived_form(word: str, name: str) -> bool:
    """Whether folded ``word`` is a regular English derivation of folded ``name``.

    >>> is_derived_form("lebanese", "lebanon"), is_derived_form("kissel", "kisel")
    (True, False)
    """
    if word == name or len(name) < 3:
        return False
    common = 0
    for a, b in zip(word, name):
        if a != b:
            break
        common += 1
    if common < max(3, len(name) - 2):
        return False
    return word[common:] in DERIVATION_SUFFIXES


ENGLISH_CASE = "english_case.tsv.gz"  # in newsqa.seeds: seeds/build_english_case.py derives it from en_US


@lru_cache(maxsize=1)
def _case() -> dict[str, str]:
    """Folded word -> N (English writes it only with a capital), W (only in lower case) or NW."""
    return dict(seed_tables.derived_rows(ENGLISH_CASE))


def lower_case_only(folded: str) -> bool:
    """Whether English writes the word only in lower case (litany, sash, fuzzy): an ordinary word,
    which wordfreq's caseless counts cannot tell from a name (Berry and berry, Roy)."""
    return _case().get(folded) == "W"


def name_only(folded: str) -> bool:
    """Whether English writes the word only with a capital (Bennett; not Berry, also a berry)."""
    return _case().get(folded) == "N"


def english_name(folded: str) -> bool:
    """Whether English writes the word with a capital (Knesset, Hussein, Berry): a name's spelling."""
    return "N" in _case().get(folded, "")
