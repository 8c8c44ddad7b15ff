"""Names headed by a common noun for a kind of place (brane Dukan, jezera Habanija, bolnica Al-Avda):
the English name in English order (Dukan Dam, Lake Habanija, Al-Avda Hospital), from the hand-written
table ``seeds/feature_nouns.tsv``.

Why: South Slavic writes the noun in lower case before the name, in apposition, and the engine
translates it as a common word in that order ("dam Dukan", "hospital Al-Awda"), which no English
reader takes for one name. The glossary step protects the noun and the name together and writes
the English name. Who decides what stays a name: ``qa.terms.protect``, which asks :func:`head_before`
only for names not in the glossary and not a country or a person (ravnatelj muzeja Derviš Korkut:
the museum's director, not a "Derviš Korkut Museum")."""

from __future__ import annotations

import re
from functools import lru_cache

import newsqa.qa.seed_tables as seed_tables
from newsqa.qa.institutions import ENDINGS
from newsqa.qa.normalize import to_latin

FEATURE_NOUNS = "feature_nouns.tsv"  # in newsqa.seeds: English with {} for the name, stems
_WORD_BEFORE = re.compile(r"(\w+) $")
_TWO_WORDS_BEFORE = re.compile(r"(\w+ \w+) $")
_BACK = 30  # characters before a name searched for its noun: longer than any noun of the table


@lru_cache(maxsize=2)
def _stems(after: bool = False) -> tuple[tuple[str, str], ...]:
    """(stem, English pattern) of the nouns written before the name, or with ``after`` of those
    written after it (a stem marked "+" in the table: Kingdom arena), longest stem first (rijek
    before rek)."""
    rows = [(stem.lstrip("+").rstrip("*"), english) for english, stems in seed_tables.rows(FEATURE_NOUNS)
            for stem in stems.split(",") if stem.startswith("+") == after]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@lru_cache(maxsize=1)
def _for_people() -> frozenset[str]:
    """The English patterns of nouns marked "*" in the table: an airport or a stadium is often named
    for a person, in the nominative after the noun (aerodroma Rafik Hariri, stadiona Rajko Mitić)."""
    return frozenset(english for english, stems in seed_tables.rows(FEATURE_NOUNS)
                     for stem in stems.split(",") if stem.endswith("*"))


def named_for_people(english: str) -> bool:
    """Whether a noun's English pattern ("{} Airport") is of a kind of place named for people."""
    return english in _for_people()


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """The lower-case English words the table writes beside a name (dam, lake, hospital): the
    translation of the source's noun, no ordinary word standing in for a word of the name."""
    return frozenset(w.lower() for after in (False, True) for _, english in _stems(after)
                     for w in english.split() if w != "{}")


def english_of(word: str, lang: str | None, after: bool = False) -> str | None:
    """The English pattern ("{} Dam") of a lower-case noun of the table in any case (brane, браната),
    or None; a capitalised word is a name's own (Bilino Polje, Rijeka). With ``after``: a noun of
    those written after the name (areni: "{} Arena")."""
    if not word.islower() and not (" " in word and word[1:].islower()):
        return None  # (a noun of two words may open the name it heads: do Zračne luke Franjo Tuđman)
    latin = to_latin(word, lang or "sr").lower().split(" ")
    for stem, english in _stems(after):
        parts = stem.split(" ")  # a noun of two words (zračn luk: zračne luke, Croatian's airport)
        if len(parts) == len(latin) and all(w.startswith(p) and w[len(p):] in ENDINGS for w, p in zip(latin, parts)):
            return english
    return None


def head_before(source: str, start: int, lang: str | None) -> tuple[int, str] | None:
    """Where the noun of the table written right before ``source[start:]`` starts, with its English
    pattern, if one is (brane Dukan: the start of "brane", "{} Dam")."""
    before = source[max(0, start - _BACK):start]
    for m in (_TWO_WORDS_BEFORE.search(before), _WORD_BEFORE.search(before)):
        english = english_of(m.group(1), lang) if m is not None else None
        if english is not None:
            return start - len(m.group(0)), english
    return None


_WORD_AFTER = re.compile(r" (\w+)")


def head_after(source: str, end: int, lang: str | None) -> tuple[int, str] | None:
    """Where the noun of the table written right after ``source[:end]`` ends, with its English
    pattern, if one is a noun written after its name (u Kingdom areni: the end of "areni",
    "{} Arena"): a hall named for its sponsor or a person, whose name is its own word."""
    m = _WORD_AFTER.match(source, end)
    if m is None:
        return None
    english = english_of(m.group(1), lang, after=True)
    return None if english is None else (m.end(), english)
