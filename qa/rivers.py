"""Rivers: Tigar, Tigra, Amu Darje, Šat el Arab -> Tigris, Amu Darya, Shatt al-Arab.

Why a table: GeoNames' cities (qa.gazetteer) hold no rivers, the engine reads some river names as
ordinary words (Tigar: "tiger") and the house style leaves others in their source spelling ("Amu
Darja"). Middle East news names a handful of rivers again and again, so a person keeps their
English in ``seeds/rivers.tsv``. The last word may be in any case (Tigra, Eufratu, Amu Darje: the
inflection rules of qa.inflect); a first word is an adjective (Plavog Nila) or the name's own.
"""

from __future__ import annotations

import re
from functools import lru_cache

import newsqa.qa.seed_tables as seed_tables
from newsqa.qa.inflect import base_forms
from newsqa.qa.normalize import fold, to_latin

RIVERS = "rivers.tsv"  # in newsqa.seeds
_CONSONANT = re.compile(r"^[^aeiou][^aeiouj]$")  # two consonants ending a stem: the a between them fled
_ADJECTIVE_ENDINGS = ("", "a", "e", "o", "u", "og", "oga", "om", "ome", "oj", "ot", "iot", "ata", "ta")


@lru_cache(maxsize=1)
def _by_last_word() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """The table by its names' last words, so a name is looked up by its last word's base forms."""
    out: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for key, name in _table().items():
        out.setdefault(key[-1], []).append((key, name))
    return out


@lru_cache(maxsize=1)
def _table() -> dict[tuple[str, ...], str]:
    """Folded Latin words of a river's nominative -> its English."""
    out: dict[tuple[str, ...], str] = {}
    for english, south, *rest in seed_tables.rows(RIVERS):
        forms = [(f, "sr") for f in south.split(",")] + [(f, "mk") for f in (rest[0].split(",") if rest else [])]
        for form, lang in forms:
            words = tuple(fold(w, lang) for w in to_latin(form.strip(), lang).replace("-", " ").split())
            out[words] = english
    return out


def _word_fits(written: str, word: str, last: bool) -> bool:
    if written == word:
        return True
    if last:
        return word in base_forms(written)
    stem = word[:-1] if word.endswith("i") else word  # Plavi, Beli, Mali: an adjective in any case
    return any(written == stem + e for e in _ADJECTIVE_ENDINGS + ("i",)) or word in base_forms(written)


def english(words: list[str], lang: str | None = None) -> str | None:
    """The English of a river named by ``words`` (as written, either script), or None."""
    if not words or not words[0][:1].isupper():
        return None
    folded = [x for w in words for x in fold(to_latin(w, lang or "sr"), lang).replace("-", " ").split()]
    if not folded:
        return None
    table = _by_last_word()
    forms = base_forms(folded[-1])
    # base_forms gives the fleeting a of a stem of four letters or more (Dnjepra -> Dnjepar); a river's
    # may have three (na Ibru -> Ibar, Tigra -> Tigar)
    forms |= {f[:-1] + "a" + f[-1] for f in forms if len(f) >= 3 and _CONSONANT.match(f[-2:])}
    for last in [folded[-1]] + sorted(forms - {folded[-1]}):  # in a fixed order
        for key, name in table.get(last, ()):
            if len(key) == len(folded) and all(_word_fits(w, k, False) for w, k in zip(folded[:-1], key[:-1])):
                return name
    return None
