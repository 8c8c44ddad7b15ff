"""Saints: Sveti Sava, crkva Svetog Marka, manastir Svetog Đorđa, Свети Наум -> Saint Sava, Saint Mark,
Saint George, Saint Naum.

Why a table: churches, monasteries, feasts and even airports of the region are named after saints,
and English writes a saint by the English form of the saint's name (Mark, George, Paul), which no
romanisation gives: the house style wrote "Svetog Jorja", the engine "Sveti the Sava" (the river), and
GeoNames took Svetog Marka for Markovci, a Slovene village it also calls Sveti Marko. A person keeps
the names in ``seeds/saints.tsv``. The adjective (sveti, svetog, svete, Macedonian свети, светиот) may
be in any case, and so may the name (Marka, Đorđa, Save, Petra); "apostol" between them adds "the
Apostle" (Sveti Apostol Pavle: Saint Paul the Apostle).
"""

from __future__ import annotations

import re
from functools import lru_cache

import newsqa.qa.seed_tables as seed_tables
from newsqa.qa.inflect import base_forms
from newsqa.qa.normalize import fold, to_latin

SAINTS = "saints.tsv"  # in newsqa.seeds
# sveti, sveta, sveto, svetog(a), svetom(e/u), svetoj, svetu, svete, svetim; Macedonian светиот, светата
_HOLY = re.compile(r"^svet(?:i|a|o|og|oga|om|ome|omu|oj|u|e|im|iot|ata|ot)$")
_APOSTLE = re.compile(r"^apostol(?:a|u|om|e)?$")


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    """Folded Latin nominative of a saint's name -> its English."""
    out: dict[str, str] = {}
    for english, south, *rest in seed_tables.rows(SAINTS):
        forms = [(f, "sr") for f in south.split(",")] + [(f, "mk") for f in (rest[0].split(",") if rest else [])]
        for form, lang in forms:
            out[fold(to_latin(form.strip(), lang), lang)] = english
    return out


def english(words: list[str], lang: str | None = None) -> str | None:
    """"Saint" and the English of the saint that ``words`` (as written, either script) name, or None
    where they are no saint's name the table knows."""
    folded = [fold(to_latin(w, lang or "sr"), lang) for w in words]
    if len(folded) < 2 or not _HOLY.match(folded[0]):
        return None
    rest, apostle = folded[1:], False
    if len(rest) == 2 and _APOSTLE.match(rest[0]):
        rest, apostle = rest[1:], True
    if len(rest) != 1:
        return None
    saint = _english_of(rest[0])
    if saint is None:
        return None
    return f"Saint {saint} the Apostle" if apostle else f"Saint {saint}"


def _english_of(folded: str) -> str | None:
    found = _nominative(folded)
    return _table()[found] if found else None


def _nominative(folded: str) -> str | None:
    """The table's nominative (folded) that a declined form of a saint's name is of, or None."""
    table = _table()
    if folded in table:
        return folded
    return next((f for f in sorted(base_forms(folded)) if f in table), None)  # with the fleeting a: Petra -> Petar


# A regnal number: I to XXXIX.
_ROMAN = re.compile(r"X{0,3}(?:IX|IV|VI{0,3}|I{1,3})|X{1,3}")


def regnal(word: str, number: str, lang: str | None = None) -> tuple[str, str] | None:
    """The English of a pope's, patriarch's or king's name before a regnal number (Lav XIV, papi Lavu
    XIV, patrijarh Vartolomej I, kralj Karlo III -> Leo XIV, Bartholomew I, Charles III): English names
    them by the English form of the saint's name they took, which the table gives, as the engine
    translates Lav as "lion". None for a name the table does not know (Mohamed VI, Felipe VI), which
    the house style romanises as any other. Returns the English and the name's nominative (Lavom: Lav)."""
    if not _ROMAN.fullmatch(number):
        return None
    found = _saint(word, lang)
    return (f"{found[0]} {number}", f"{found[1]} {number}") if found else None


def _saint(word: str, lang: str | None) -> tuple[str, str] | None:
    """The English of a saint's name as written (either script, any case) and its nominative, or None."""
    nominative = _nominative(fold(to_latin(word, lang or "sr"), lang))
    return (_table()[nominative], nominative.capitalize()) if nominative else None


# papa (pope) in any case, Macedonian папата too, folded
_POPE = re.compile(r"^pap(?:a|e|i|u|om|ata)$")


def pope(title: str, word: str, lang: str | None = None) -> tuple[str, str] | None:
    """A pope's name without a number after "papa" (papa Franja, pape Franje -> Francis): a pope takes a
    saint's name, which English writes in its English form. The English and the nominative, or None."""
    if not _POPE.match(fold(to_latin(title, lang or "sr"), lang)):
        return None
    return _saint(word, lang)

