"""Regions, gulfs and canals named by a city's adjective: Donjecka oblast -> Donetsk region.

South Slavic names an area after its main city with a relational adjective and a noun: Donjecka
oblast, Harkovske oblasti, Харковската област, Zaporoška oblast, Tuzlanski kanton, Adenski zaliv,
Suecki kanal. English puts the city's name in front of the noun instead (Donetsk region, Kharkiv
region, Gulf of Aden, Suez Canal). The engine translates the adjective as an unknown word or a
common one ("Donjecke area"), so the name is lost; the capital letter and the noun say it is a name.

The city is found by undoing the adjective (suffix -ski, with its sound changes) and asking the
GeoNames index (``qa.gazetteer``): -sk- after the stem (Harkov-sk-a), merged with a stem's final
c/k/č (Donjeck-a, Suec-k-i: a -ck-/-čk- adjective), and š before k from ž, š, s, z, g or h
(Zaporož-je -> Zapor-oš-k-a, Prag -> praški); a stem's final vowel falls (Odes-a -> Odes-k-a) and a
b before -sk- is written p (Idlib -> idlipski). A stem that is a country's name is no city (Meksički
zaliv is the Gulf of Mexico, not of Mexico City): it is left to the engine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import newsqa.qa.countries as countries
import newsqa.qa.features as features
import newsqa.qa.gazetteer as gazetteer
import newsqa.qa.institutions as institutions
from newsqa.qa.normalize import fold, to_latin, tokenize

# A noun for an area (declined, Latin script) and how English writes "<city> + noun".
_NOUNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^oblast(?:i|a|ima|ta)?$|^oblašću$"), "{} region"),
    (re.compile(r"^regij(?:a|e|i|u|om|ama)$|^region(?:a|u|om|ot)?$"), "{} region"),
    (re.compile(r"^(?:pokrajin|provincij)(?:a|e|i|u|om|ata)$|^pokraina(?:ta)?$"), "{} province"),
    (re.compile(r"^kanton(?:a|u|om|ot)?$"), "{} Canton"),
    (re.compile(r"^(?:okrug|rejon)(?:a|u|om|ot)?$"), "{} district"),
    (re.compile(r"^zal(?:iv|jev)(?:a|u|om|ot)?$"), "Gulf of {}"),
    (re.compile(r"^kanal(?:a|u|om|ot)?$"), "{} Canal"),
)
# Adjective endings, longest first: case endings and Macedonian articles (харковск-ата, -иот).
_ENDING = re.compile(r"(?:oga|ome|omu|ima|oto|og|om|oj|im|ih|ata|ite|iot|ot|to|i|a|e|o|u)$")
_SH = ("ž", "š", "s", "z", "g", "h")  # what š before -k- can stand for
_VOWELS = ("", "a", "e", "o", "ija", "ja", "je", "i")


def noun_pattern(noun: str) -> str | None:
    """The English pattern for an area noun as written in Latin script (oblasti -> "{} region")."""
    low = noun.lower()
    return next((english for pattern, english in _NOUNS if pattern.match(low)), None)


def stems(adjective: str) -> list[str]:
    """The nominatives a city could have whose relational adjective is ``adjective`` (Latin script),
    closest first: Donjecke -> Donjeck, ...; Harkovske -> Harkov, ...; Zaporoška -> Zaporožje, ..."""
    low = adjective.lower()
    m = _ENDING.search(low)
    if m is None or not low[:m.start()].endswith("k"):
        return []
    root = low[:m.start()]
    bases: list[str] = [root]
    if root.endswith("sk"):
        bases += [root[:-1], root[:-2]]  # Odes-a before Ode: s + sk is written sk
        if root[:-2].endswith("p"):
            bases.append(root[:-3] + "b")
        if root.endswith("ansk"):
            bases.append(root[:-4])  # Tuzl-a -> tuzl-ansk-i
    elif root.endswith(("ck", "čk")):
        bases += [root[:-1], root[:-2] + "k", root[:-2] + "c"]
    elif root.endswith("šk"):
        bases += [root[:-2] + s for s in _SH]
    out = [b + v for b in bases for v in _VOWELS if len(b) >= 3]
    return [w[:1].upper() + w[1:] for w in dict.fromkeys(out)]


@dataclass(frozen=True)
class Region:
    """An area named by a city's adjective: the city's nominative as the source would write it, its
    English name and country, and the English of the whole (Donetsk region)."""

    city: str
    english: str
    country: str


# Of the nouns for kinds of places (qa.features), those whose names a town's adjective gives, as
# English writes them: a dam or a lake takes the town beside it (Mosulska brana: Mosul Dam, Ohridsko
# jezero: Lake Ohrid). A bridge's or a square's adjective is seldom a town's (Krimski most is the
# Crimean Bridge, Savski trg is named after the river), so they are left to the engine.
_TOWN_FEATURES = frozenset({"{} Dam", "Lake {}"})


def _town_feature(noun: str) -> str | None:
    english = features.english_of(noun.lower(), None)
    return english if english in _TOWN_FEATURES else None


def region(adjective: str, noun: str) -> Region | None:
    """The area "<city adjective> <area noun>" names (both Latin script), or None when the noun is no
    area noun or no city (or a country) stands behind the adjective: Donjecke oblasti -> Donetsk region."""
    pattern = noun_pattern(noun) or _town_feature(noun)
    if pattern is None or not adjective[:1].isupper():
        return None
    if institutions.proper_adjective(to_latin(adjective, "sr")):
        return None  # an adjective of a sea or a land, no city's (Kaspijsko jezero: not Kaspiysk, a town)
    candidates = stems(adjective)
    if any(countries.is_country(c) for c in candidates):
        return None
    for candidate in candidates:
        found = gazetteer.place([candidate])
        if found is not None:
            english = found.rendered(False)
            if fold(candidate) in fold(english).split() and fold(candidate) != fold(english):
                english = candidate  # a lake takes the short name of the town (Dojransko jezero: Star Dojran)
            return Region(candidate, pattern.format(english), found.country)
    return None


# The Gulf: South Slavic news names the Persian Gulf's region by the noun alone, with a capital (zemlje
# Zaljeva, iz Zaljeva, земаља Залива, од Заливот), where English writes "the Gulf" (Gulf states). The
# engine gives the noun's sense ("countries of Bay"), or the name finder took it for a name ("Zalivot").
_THE_GULF = re.compile(r"^zal(?:iv|jev)(?:a|u|om|ot|ov)?$")


def the_gulf(word: str, lang: str | None) -> bool:
    """Whether a word is a case form of the noun for a gulf (Zaljeva, Залива, Заливот); a capitalised
    one alone inside a sentence is the Gulf (``qa.terms`` decides where it stands alone)."""
    return bool(_THE_GULF.match(fold(to_latin(word, lang or "sr"), lang)))


# Regions named by an adjective of nearness or distance and the noun for the east: South Slavic news
# calls the Middle East Bliski istok (Bliskom istoku, Блискиот Исток), which the engine writes "Near
# East", a name English keeps for history books; Daleki istok is the Far East ("Remote east").
_EAST = re.compile(r"^istok(?:a|u|om|ot)?$")
_COMPASS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^blisk(?:i|og|oga|om|ome|ot|iot)$"), "Middle East"),
    (re.compile(r"^dalek(?:i|og|oga|om|ome|ot|iot)$"), "Far East"),
)


def compass_region(adjective: str, noun: str, lang: str | None) -> str | None:
    """The English of a region named by a capitalised adjective of :data:`_COMPASS` and the noun for
    the east (Bliskom istoku, Блискиот Исток -> Middle East), or None."""
    if not adjective[:1].isupper() or not _EAST.match(fold(to_latin(noun, lang or "sr"), lang)):
        return None
    folded = fold(to_latin(adjective, lang or "sr"), lang)
    return next((english for pattern, english in _COMPASS if pattern.match(folded)), None)


def compass_regions(text: str, lang: str | None) -> list[tuple[int, int, str]]:
    """Spans of the regions :func:`compass_region` names in a text, with their English: the glossary
    step writes them (``qa.terms``), and the name finder takes the adjective for no name of its own."""
    tokens = tokenize(text, lang)
    out = []
    for first, second in zip(tokens, tokens[1:]):
        english = compass_region(first.text, second.text, lang) if text[first.end:second.start] == " " else None
        if english:
            out.append((first.start, second.end, english))
    return out
