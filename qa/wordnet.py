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
from typing import Iterator

WORD_NAMES = "word_names.tsv.gz"  # in newsqa.seeds


def rows() -> Iterator[list[str]]:
    """Every row as [kind, first, rest ...], read afresh: each reader keeps only what it builds from
    them (the rows themselves would stay in every worker process beside it)."""
    with resources.files("newsqa.seeds").joinpath(WORD_NAMES).open("rb") as raw:
        for line in gzip.open(raw, "rt", encoding="utf-8"):
            yield line.rstrip("\n").split("\t")


@lru_cache(maxsize=1)
def acronyms() -> frozenset[str]:
    """The acronyms English writes in capitals (NATO, UNESCO, ASEAN)."""
    return frozenset(row[1] for row in rows() if row[0] == "A")
