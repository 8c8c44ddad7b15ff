"""The rows newsqa ships from WordNet (``seeds/word_names.tsv.gz``, written by ``seeds/build_word_names.py``).

One file, three kinds of row: ``N`` an English name of ordinary words (World Bank), ``S`` a word and
the words of names it may stand for in a word-by-word translation (global: world), ``A`` an acronym
English writes in capitals (UNICEF). ``qa.word_names`` reads the names and synonyms, ``qa.names`` the
acronyms; each reads the file once, at its first lookup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterator

import newsqa.qa.seed_tables as seed_tables

WORD_NAMES = "word_names.tsv.gz"  # in newsqa.seeds


def rows() -> Iterator[list[str]]:
    """Every row as [kind, first, rest ...], read afresh: each reader keeps only what it builds from
    them (the rows themselves would stay in every worker process beside it)."""
    yield from seed_tables.derived_rows(WORD_NAMES)


@lru_cache(maxsize=1)
def acronyms() -> frozenset[str]:
    """The acronyms English writes in capitals (NATO, UNESCO, ASEAN)."""
    return frozenset(row[1] for row in rows() if row[0] == "A")


# --- WordNet's names of ordinary words, looked up by their words ---------------------------------

_LEADING = frozenset({"a", "an", "the", "to", "of", "in", "on", "at", "from", "for", "with", "by"})
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+")


@dataclass
class _Names:
    by_words: dict[tuple[str, ...], str] = field(default_factory=dict)
    stands_for: dict[str, frozenset[str]] = field(default_factory=dict)


@lru_cache(maxsize=1)
def _names() -> _Names:
    names = _Names()
    for kind, first, *rest in rows():
        if kind == "N":
            names.by_words.setdefault(words_of(first), first)
        elif kind == "S":
            names.stands_for[first] = frozenset(rest[0].split())
    return names


def _unled(words: list[str]) -> list[str]:
    """``words`` without the articles and prepositions an engine put before a name ("to Global bank")."""
    while len(words) > 1 and words[0].lower() in _LEADING:
        words = words[1:]
    return words


def words_of(text: str) -> tuple[str, ...]:
    """The lower-case words of a rendering, without leading articles and prepositions ("to Global
    bank" -> global, bank), with apostrophes straightened and British -isation as WordNet's -ization
    (World Health Organisation is WordNet's World Health Organization)."""
    return tuple(_unled([_ISATION.sub("ization", w.lower().replace("’", "'")) for w in _WORD.findall(text)]))


_ISATION = re.compile(r"isation(?=s?$)")


def known(text: str, qualifier: Callable[[str], bool] | None = None) -> str | None:
    """WordNet's form of ``text`` if it is an English name of ordinary words, else None.

    ``qualifier(word)`` says whether a first word as written may stand before a name (a country, a
    demonym, an acronym: UN Security Council); without it, none may."""
    words = words_of(text)
    by_words = _names().by_words
    if words in by_words:
        return by_words[words]
    if len(words) >= 3 and qualifier is not None:
        written = text.split()[-len(words):]
        if words[1:] in by_words and qualifier(written[0]):
            return f"{written[0]} {by_words[words[1:]]}"
        if words[:-2] in by_words and words[-2] == "of" and qualifier(written[-1]):
            return f"{by_words[words[:-2]]} of {written[-1]}"  # General Assembly of UN
    return None
