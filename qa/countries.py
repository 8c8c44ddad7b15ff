"""Countries the glossary does not know, by ISO 3166 and its South Slavic translations.

The glossary lists the countries its newsroom writes about most; an article names others (Katar,
Bjelorusija, Sjeverna Makedonija), and Apertium leaves a name it does not know as the source wrote
it. Unlike a town, a country's name is rarely anyone's name, so it is looked up wherever a name
stands, not only after a preposition of place. ISO 3166-1's names in Serbian (both scripts),
Croatian, Bosnian and Macedonian come from Debian's iso-codes as ``pycountry`` packages them (LGPL);
``seeds/build_countries.py`` writes the rows newsqa needs to ``seeds/countries.tsv`` once, so no
process needs pycountry.

* **Keys**: each translated name, lower-cased, without a comma; of an inverted official form
  ("Koreja, Republika", "Iran, Islamska Republika") the part before the comma, and where English
  calls the country South or North X, that word before it (Južna Koreja). A name the same as the
  English one is a key too: its case forms are what need it (u Sudanu). A key two countries share
  (Koreja) is left out.
* **English**: ISO's common name where it has one (Syria, Iran), else its name; names with a comma or
  a bracket in English are left out (no text wants "Palestine, State of").
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Iterable

from newsqa.qa.normalize import has_cyrillic, to_latin

COUNTRIES = "countries.tsv"  # in newsqa.seeds: key, ISO alpha-2 code, English; see seeds/build_countries.py
LOCALES = ("sr", "sr@latin", "hr", "bs", "mk")


# Where English calls a country South or North X: the adjective before X's South Slavic name, by
# its gender (Južna Koreja, Južni Sudan), in the forms the languages write.
_COMPASS = {"South": ({"Južna", "Јужна"}, {"Južni", "Јужни"}),
            "North": ({"Sjeverna", "Severna", "Северна"}, {"Sjeverni", "Severni", "Северни"})}


def build_rows(countries: Iterable[tuple[str, str, Iterable[str]]]) -> list[tuple[str, str, str]]:
    """The shipped rows from (alpha-2 code, English, translated names): one per key, sorted."""
    rows: dict[str, tuple[str, str, str]] = {}
    shared: set[str] = set()
    for code, english, names in countries:
        if "," in english or "(" in english:
            continue
        keys = []
        for name in names:
            if "(" in name:
                continue
            head = name.split(",")[0].strip()
            keys.append(head)
            compass = _COMPASS.get(english.split()[0]) if "," in name and len(english.split()) == 2 else None
            if compass is not None:
                keys += [f"{adjective} {head}" for adjective in compass[0 if head.endswith(("a", "а")) else 1]
                         if has_cyrillic(adjective) == has_cyrillic(head)]  # in the head's script
        for key in map(_key, keys):
            if len(key) < 3:
                continue
            if key in rows and rows[key][1] != code:
                shared.add(key)
            rows.setdefault(key, (key, code, english))
    return sorted(row for key, row in rows.items() if key not in shared)


def _key(name: str) -> str:
    return " ".join(name.split()).lower()


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[str, str]]:
    index: dict[str, tuple[str, str]] = {}
    with resources.files("newsqa.seeds").joinpath(COUNTRIES).open("r", encoding="utf-8") as fh:
        for line in fh:
            key, code, english = line.rstrip("\n").split("\t")
            index[key] = (code, english)
    return index


# Endings a declined name of several words may carry on any word (Ujedinjenih Arapskih Emirata).
_ENDINGS = re.compile(r"(?:ijama|ama|ima|ije|iji|iju|ija|oga|ome|omu|og|om|oj|ih|im|em|a|e|i|o|u)$")


# The Macedonian definite article at a word's end, in Latin letters as names are read (Obedinetite,
# Bundestagot); qa.names strips it from a foreign noun too.
MK_ARTICLE = re.compile(r"(?:ite|te|ta|to|ot)$", re.IGNORECASE)


def stem(name: str) -> str:
    """Each word of a name without its case ending: Ujedinjenih Arapskih Emirata and Ujedinjeni
    Arapski Emirati both give "ujedinjen arapsk emirat", Crne Gore and Crna Gora "crn gor"."""
    return " ".join(_ENDINGS.sub("", w) if len(w) > 3 else w for w in _key(name).split())


@lru_cache(maxsize=1)
def _stems() -> dict[str, tuple[str, str]]:
    """Stems of the names of several words; one that two countries share is dropped."""
    out: dict[str, tuple[str, str] | None] = {}
    for key, value in _index().items():
        if " " in key:
            k = stem(key)
            out[k] = value if out.get(k, value) == value else None
    return {k: v for k, v in out.items() if v is not None}


def declined(name: str) -> tuple[str, str] | None:
    """(ISO code, English) of a country whose name of several words this is in any case form
    (Ujedinjenih Arapskih Emirata, Sjeverne Makedonije), else None."""
    if " " not in name.strip():
        return None
    found = _stems().get(stem(name))
    if found is None:  # the Macedonian article on the first word: Обединетите Арапски Емирати
        first, rest = name.strip().split(None, 1)
        bare = MK_ARTICLE.sub("", first)
        found = _stems().get(stem(f"{bare} {rest}")) if bare != first and len(bare) > 3 else None
    return found


def country(candidates: Iterable[str]) -> tuple[str, str] | None:
    """(ISO code, English name) of the first candidate nominative that is a country's South Slavic
    name (Katar, Bjelorusija, Sjeverna Makedonija, Белорусија), else None."""
    index = _index()
    for c in candidates:
        found = index.get(_key(c))
        if found is not None:
            return found
    return None


# Countries a source names by an abbreviation in mixed case, which is no acronym of capitals (SAD and
# UAE are, and the glossary or the engine renders them): the abbreviation's key (БиХ is BiH) -> the
# country's key in the table.
_ABBREVIATIONS = {"bih": "bosna i hercegovina"}


def written_out(abbreviation: str) -> str | None:
    """The English name of the country a mixed-case abbreviation stands for (BiH, БиХ -> Bosnia and
    Herzegovina), else None. After the name of one of its institutions (Tužilaštvo BiH, Sud BiH)
    English writes the country out: "Court of Bosnia and Herzegovina", not "Court BiH"."""
    if not abbreviation[:1].isupper():
        return None  # bih is a verb ("I was")
    key = _ABBREVIATIONS.get(to_latin(abbreviation.strip()).lower())
    return _index()[key][1] if key else None


def is_country(name: str) -> bool:
    return _key(name) in _index()


@lru_cache(maxsize=1)
def english_names() -> frozenset[str]:
    """The English names of the countries the table knows (Somalia, Iraq, Türkiye)."""
    return frozenset(english for _, english in _index().values())
