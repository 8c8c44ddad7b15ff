"""The rows newsqa ships from WordNet (``seeds/word_names.tsv.gz``, written by ``seeds/build_word_names.py``).

One file, three kinds of row: ``N`` an English name of ordinary words (World Bank), ``S`` a word and
the words of names it may stand for in a word-by-word translation (global: world), ``A`` an acronym
English writes in capitals (UNICEF). ``qa.word_names`` reads the names and synonyms, ``qa.names`` the
acronyms; each reads the file once, at its first lookup.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from importlib import resources

WORD_NAMES = "word_names.tsv.gz"  # in newsqa.seeds


@lru_cache(maxsize=1)
def rows() -> tuple[tuple[str, ...], ...]:
    """Every row as (kind, first, rest ...)."""
    with resources.files("newsqa.seeds").joinpath(WORD_NAMES).open("rb") as raw:
        return tuple(tuple(line.rstrip("\n").split("\t")) for line in gzip.open(raw, "rt", encoding="utf-8"))


@lru_cache(maxsize=1)
def acronyms() -> frozenset[str]:
    """The acronyms English writes in capitals (NATO, UNESCO, ASEAN)."""
    return frozenset(row[1] for row in rows() if row[0] == "A")
