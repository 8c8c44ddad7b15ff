"""Glossary-aware translation: every entity the source names comes out under its preferred English name.

Names are where machine translation fails: Apertium leaves "Netanjahuovoj" and "Jerusalimu" as it
found them, a neural model may invent "Hashd al-Shabaab". The source side is where a name is easy
to find (the checker's source matching reads inflected forms in either script), so the glossary
step works in two moves, the same for every engine that can take them:

* protect: before translation, each entity named in the source is replaced by a placeholder word
  (``Zqxa``, ``Zqxb`` ...) which an engine that copies unknown words (Apertium) passes through, and
  afterwards the placeholder becomes the preferred English name in the form the source used: a
  surname for a surname ("Erdoganom" -> "Erdoğan"), a possessive for a possessive adjective
  ("Netanjahuovoj vladi" -> "Netanyahu's government"). The words around it are the engine's, so
  the English preposition made from "iz" or "u" stays. Placeholders are not safe through a neural
  model that never saw them, so neural engines skip this move.
* post-edit: after translation, whatever rendering of a source entity the checker flags with a span
  (a source-language form left in, a transliteration, a near miss, a deprecated form, another
  entity's name standing in its place) is replaced by the preferred name, in the same forms.

A single-word name shaped like an adjective (Turska, Grčka) at the start of a sentence is not
protected: there "Turska vojska" is "the Turkish army", and only the engine can tell the country
from the adjective. Mid-sentence the capital letter tells: "Turske" is the country.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import asdict, dataclass

from typing import Callable, Mapping

from rapidfuzz import process
from rapidfuzz.distance import OSA

import newsqa.qa.countries as countries
import newsqa.qa.feasts as feasts
import newsqa.qa.features as features
import newsqa.qa.gazetteer as gazetteer
import newsqa.qa.given_names as given_names
import newsqa.qa.institutions as institutions
import newsqa.qa.regions as regions
import newsqa.qa.word_names as word_names
from newsqa.qa.checker import Checker, SourceName
from newsqa.qa.index import NAME_ARTICLES as _ARTICLES, SourceTable
from newsqa.qa.english import zipf
from newsqa.qa.inflect import possessive
from newsqa.qa.names import PARTICLES, Name, Reading, find_names, lemma_candidates, sentence_start
from newsqa.qa.normalize import fold, sound_key, to_latin, tokenize
from newsqa.qa.rules import REPLACEABLE

PLACEHOLDER = "Zqx"
_PLACEHOLDER_RE = re.compile(r"\b[Zz][Qq][Xx]([a-z]+)\b")
_ADJECTIVE_SHAPED = ("ska", "cka")
_CASE_ENDING = re.compile(r"[-‐‑](?:a|u|om|em|e|i|ov|ovi|ova|ove|ima|ju|ja|ot|ta|to|а|у|ом|ем|е|и|от|та|то)\b")


@dataclass(frozen=True)
class Rendering:
    """One name of the source and what the translation carries for it."""

    entity: str
    source: str
    english: str
    how: str  # placeholder | variant | name | words | post-edit

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Protected:
    """A source text with its entity names replaced by placeholders; ``slots[i]`` is placeholder i."""

    text: str
    slots: tuple[Rendering, ...]


def placeholder(i: int) -> str:
    """Letters only (``Zqxa`` ... ``Zqxz``, ``Zqxba`` ...): digits and punctuation are split off by
    tokenisers, letters are copied whole as one unknown word."""
    letters = ""
    while True:
        i, r = divmod(i, 26)
        letters = chr(ord("a") + r) + letters
        if i == 0:
            return PLACEHOLDER + letters
        i -= 1


def _slot(letters: str) -> int:
    n = 0
    for c in letters:
        n = n * 26 + (ord(c) - ord("a") + 1)
    return n - 1


def english_name(checker: Checker, entity_id: str, surname: bool = False, owner: bool = False) -> str | None:
    """The preferred English name, as a surname alone or with a possessive ’s when the source had one."""
    entity = checker.index.entity(entity_id)
    if entity is None or entity.preferred is None:
        return None
    name = entity.preferred
    if surname and entity.type == "person" and " " in name:
        name = name.split()[-1]
    if owner:
        name += "'s"
    return name


def render(checker: Checker, name: SourceName) -> str | None:
    """The English for one name found in a source, in the form the source used."""
    lemma = name.item.norms[-1]
    return english_name(checker, name.entity, surname=name.item.implicit,
                        owner=possessive(name.last_word, lemma))


def protect(checker: Checker, source: str, lang: str | None, analyses: Mapping[str, Reading] | None = None,
            style: str = "diacritics", spellings: Mapping[str, str] | None = None,
            translate: Callable[[list[str]], list[str | None]] | None = None) -> Protected:
    """The source with each name replaced by a placeholder: glossary entities (also in variant
    spellings and as acronyms) and the names the glossary does not know (``qa.names``), whose
    house-style words take the English an editor chose for them before (``spellings``).

    With ``translate`` (the engine, phrase by phrase; None where it left a word unknown), names made
    of ordinary words (``qa.word_names``: Svetskoj banci, Odbor za mir) are translated alone and
    written as English names: WordNet's name where it knows one (World Bank), else the name built
    from their words by the institution table (Ministarstvo odbrane -> Ministry of Defence), else
    the engine's words in title case (Board for Peace); an editor's name for that rendering
    (``spellings``) wins. One that opens its sentence with an adjective is written so only where
    WordNet knows it (Svjetska banka; not Ruske rakete). In running text the engine writes them as
    ordinary words ("Global bank"), and no reader can tell they are a name."""
    spellings = spellings or {}
    found: list[tuple[int, int, Rendering]] = []
    glossary = checker.source_names(source, lang, analyses)
    for name in glossary:
        english = render(checker, name)
        if english is None or _adjective_shaped(name, source):
            continue
        end = name.end
        written = source[name.start:name.end]
        if written.isupper() and len(written) <= 6:  # an acronym: HTS-om, SAD-a
            english = checker.acronym_for(name.entity, written) or english
            m = _CASE_ENDING.match(source, end)
            end = m.end() if m else end
        found.append((name.start, end, Rendering(name.entity, source[name.start:end], english, "placeholder")))
    taken = [(a, b) for a, b, _ in found]
    places = {start for start, _, r in found if checker.index.entity_type(r.entity) == "place"}
    # words that name a region or a feast, which the engine writes as ordinary words: zemlje Zaljeva (the
    # Gulf states), na Bliskom istoku (the Middle East), tokom ramazana (during Ramadan)
    fixed = [(a, b, "Gulf") for a, b in _the_gulf(source, lang, taken)] + _compass_regions(source, lang, taken) \
        + feasts.feasts(source, lang)
    for start, end, english in fixed:
        if not any(a < end and start < b for a, b in taken):
            found.append((start, end, Rendering("", source[start:end], english, "words")))
            taken.append((start, end))
    heads = institutions.head_nouns(source, lang, taken)
    for name in find_names(source, lang, analyses, skip=taken, style=style, known_word=checker.known_word):
        entity = None if name.people else variant_of(checker, name)  # Русите are no spelling of Русија
        if entity is not None and _a_name_of_its_own(checker, name, entity):
            entity = None
        head = _feature_head(source, name, lang, found)
        if entity is not None and checker.index.entity_type(entity) != "place" and head is not None:
            entity = None  # a name after a noun for a kind of place is a place's (polju Šarara: no al-Sharaa)
        if entity is not None:
            english = english_name(checker, entity, surname=len(name.parts) == 1 and not name.acronym,
                                   owner=name.owner)
            if name.acronym:
                english = checker.acronym_for(entity, name.lemma) or english
            if english:
                found.append((name.start, name.end, Rendering(entity, name.text, english, "variant")))
            continue
        english = " ".join(spellings.get(w, w) for w in name.english.split())
        english = _family_surname(checker, name, english) + ("'s" if name.owner else "")
        start, end = name.start, name.end
        tail = None if head is not None or name.owner or name.people else features.head_after(source, name.end, lang)
        if head is not None:  # brane Dukan: one name, Dukan Dam (qa.features)
            start, english = head[0], head[1].format(english)
        elif tail is not None:  # Kingdom areni: Kingdom Arena, a hall's name before its noun
            end, english = tail[0], tail[1].format(english)
        found.append((start, end, Rendering("", source[start:end], english, "name")))
        if name.place is not None or name.english in countries.english_names() or countries.written_out(name.text):
            places.add(name.start)
    if translate is not None:
        phrases = word_names.find(source, lang, skip=[(a, b) for a, b, _ in found])
        for phrase, named in zip(phrases, word_names.in_english([p.text for p in phrases], lang, translate)
                                 if phrases else ()):
            if named and phrase.opening and not word_names.known(named[0], word_names.qualifier):
                continue  # an adjective and a noun opening a sentence: a name only where English knows it
            if named:
                english = spellings.get(named[0], named[0])  # an editor's name for it (Central Election Commission)
                found.append((phrase.start, phrase.end, Rendering("", phrase.text, english, "words")))
    found = _of_places(source, found, heads, places, spellings)
    for start, end, english in heads:
        if not any(a <= start < b for a, b, _ in found) and english not in institutions.AREA_HEADS \
                and institutions.lone_head(fold(to_latin(source[start:end], lang or "sr"), lang)):
            # Vlada alone names the government the article named before (da Vlada neće: the
            # Government), where the engine writes "Reigns"
            found.append((start, end, Rendering("", source[start:end], english, "words")))
    found = _acronym_first(source, found, lang)
    pieces, slots, at = [], [], 0
    for start, end, rendering in sorted(found, key=lambda f: f[0]):
        if start < at:
            continue
        pieces.append(source[at:start])
        pieces.append(placeholder(len(slots)))
        slots.append(rendering)
        at = end
    pieces.append(source[at:])
    return Protected("".join(pieces), tuple(slots))


def _a_name_of_its_own(checker: Checker, name: Name, entity: str) -> bool:
    """Whether a name the variant search took for a spelling of a glossary entity is a name of its own,
    as the gazetteer, the country list or English text tells (the entity's English is asked once)."""
    if name.place and checker.index.entity_type(entity) != "place":
        return True  # a country or a town GeoNames names is no other glossary name (u Sudanu, u Lavovu)
    preferred = english_name(checker, entity)
    if preferred == name.english:
        return False
    if name.place is None and name.verified and gazetteer.small_place(name.english):
        return True  # nor is a village of the region read in a place's context (Торске is no Турске)
    if name.english in countries.english_names():
        return True  # nor is a country the glossary lacks another glossary place (Kirgistan: not Kurdistan)
    if (name.place is not None or gazetteer.known(name.english)) and preferred in countries.english_names():
        return True  # nor is a city GeoNames names a glossary country (Тирана, Tiran less -a: not Iran)
    if name.place is not None and gazetteer.in_another_country(preferred or "", name.place):
        return True  # nor a city of another country than the glossary city's (Gazah: Gazakh, not Gaza)
    # nor is a word English writes often as another name (Лиман, the analyser's Lehman: not Lebanon)
    return len(name.parts) == 1 and not name.acronym and zipf(fold(name.english)) >= ENGLISH_NAME \
        and sound_key(fold(name.english)) != sound_key(fold(preferred or ""))


def _feature_head(source: str, name: Name, lang: str | None,
                  found: list[tuple[int, int, Rendering]]) -> tuple[int, str] | None:
    """The noun for a kind of place right before a name not in the glossary (brane Dukan, jezera
    Habanija: ``qa.features``), with its English pattern, unless the name is a country, a people, a
    possessive or a person's (a given name and more: direktor muzeja Derviš Korkut is the museum's
    director), or the noun is part of a name already found."""
    if name.owner or name.people or name.english in countries.english_names():
        return None
    words = [p for p in name.parts if p not in PARTICLES]
    if re.match(r"\s*\d", source[name.end:]):
        return None  # polje Zapadna Kurna 2: the number is the name's last word
    head = features.head_before(source, name.start, lang)
    if head is None or any(a < name.start and head[0] < b for a, b, _ in found):
        return None
    if len(words) >= 2 and given_names.given_name(words[0]) \
            and not (features.named_for_people(head[1]) and fold(name.text, lang) == fold(name.lemma, lang)
                     and not _PERSON_NOUN.search(fold(to_latin(source[max(0, head[0] - 20):head[0]], lang or "sr")))):
        # a person's name, unless in the nominative after an airport or a stadium named so, which no
        # person's noun governs (direktor aerodroma Marko Petrović is the airport's director)
        return None
    return head


# Nouns for a person's office or work (folded), whose name may follow a place's noun in the genitive.
_PERSON_NOUN = re.compile(r"(?:direktor|sef|menadzer|portparol|pred(?:s|sj)?ednik|upravnik|nacelnik|glasnogovornik|"
                          r"ravnatelj|vlasnik|sekretar|trener|kapiten|kapetan|zaposlen|radnik)"
                          r"\w*\s+$")


def _the_gulf(text: str, lang: str | None, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of the Gulf named by its capitalised noun alone inside a sentence (``regions.the_gulf``),
    outside ``taken``: not after a capitalised word (Perzijski Zaljev, Adenski Zaliv name their gulf)
    nor opening a sentence, where the capital is the sentence's."""
    out = []
    tokens = tokenize(text, lang)
    for k, t in enumerate(tokens):
        if not t.cap or t.upper or any(a <= t.start < b for a, b in taken) or sentence_start(text, t.start) \
                or not regions.the_gulf(t.text, lang):
            continue
        if k and tokens[k - 1].cap and text[tokens[k - 1].end:t.start] == " ":
            continue
        out.append((t.start, t.end))
    return out


def _compass_regions(text: str, lang: str | None,
                     taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Regions named by an adjective and the noun for the east (``regions.compass_regions``: Bliskom
    istoku) outside ``taken``, with their English and its article: "the Middle East", and "The Middle
    East" where the name opens a sentence."""
    return [(start, end, ("The " if sentence_start(text, start) else "the ") + english)
            for start, end, english in regions.compass_regions(text, lang)
            if not any(a <= start < b for a, b in taken)]


# What stands between a body's name and its organisation's acronym: a space (Savet bezbednosti UN,
# Generalnoj skupštini UN-a) or, in Macedonian, "на" (Советот за безбедност на ОН).
_ACRONYM_JOINS = {"mk": (" ", " на ")}
# Organisations with bodies of their own, by the English acronym English puts before a body's name (UN
# General Assembly, EU Council, OSCE Ministerial Council). Not any acronym after a name: one may be the
# body's own (Služba bezbednosti Ukrajine SBU is no "SBU Ukrainian Security Service").
ORGANISATIONS = frozenset({"UN", "EU", "NATO", "OSCE", "AU", "OIC", "GCC", "OPEC", "UEFA", "FIFA", "AFC", "ASEAN",
                           "CIS", "SCO", "BRICS", "OAS", "IOC"})


def _acronym_first(source: str, found: list[tuple[int, int, Rendering]],
                   lang: str | None) -> list[tuple[int, int, Rendering]]:
    """A body of an organisation named by its name of ordinary words and the organisation's acronym
    after it (Savet bezbednosti UN, Generalnoj skupštini UN-a, Генералното собрание на ОН): English
    puts the acronym first, "UN Security Council", "UN General Assembly"; the engine wrote the two
    apart ("General Assembly UN"). Only the acronym of an organisation with bodies of its own
    (:data:`ORGANISATIONS`), and only after a name the step wrote from words."""
    out = sorted(found, key=lambda f: f[0])
    k = 0
    while k + 1 < len(out):
        (a, b, first), (c, d, second) = out[k], out[k + 1]
        if first.how == "words" and second.english in ORGANISATIONS \
                and source[b:c] in _ACRONYM_JOINS.get(lang or "", (" ",)) and not first.english.endswith("'s"):
            merged = Rendering("", source[a:d], f"{second.english} {first.english}", "words")
            out[k:k + 2] = [(a, d, merged)]
            continue
        k += 1
    return out


def _of_places(source: str, found: list[tuple[int, int, Rendering]], heads: list[tuple[int, int, str]],
               places: set[int], spellings: Mapping[str, str]) -> list[tuple[int, int, Rendering]]:
    """An institution named by its head and a place in the genitive (Banka Izraela, Skupština Srbije)
    or by a name of ordinary words and a place (Centralna banka Irana) is one name, "<head> of
    <place>": the place alone was protected, and the engine wrote the head as a common noun before
    it ("Bank Israel"). The head is a capitalised noun of the institution table; a place is a
    glossary place, a country or a city GeoNames knows, or a country's abbreviation, which English
    writes out there (Tužilaštvo BiH: Prosecutor's Office of Bosnia and Herzegovina); not an acronym
    of capitals, nor a continent (Kup Evrope is no "Cup of Europe"). An area so named (Federacija BiH:
    ``institutions.AREA_HEADS``) is a place in turn, with "the" after another head's "of" (Vlada
    Federacije BiH: the Government of the Federation of Bosnia and Herzegovina); so heads are joined
    from the last."""
    at = {start: (start, end, r) for start, end, r in found}
    out = list(found)
    areas: set[int] = set()
    heads = [h for h in heads if not any(a <= h[0] < b for a, b, _ in found)]
    words = [(a, b, r.english) for a, b, r in found if r.how == "words"]
    for start, end, english in sorted(heads + words, key=lambda h: -h[0]):
        after = at.get(end + 1)
        if source[end:end + 1] != " " or after is None or after[0] not in places or after[2].english.endswith("'s"):
            continue
        a, b, place = after
        the = "the " if a in areas else ""
        named = f"{english} of {the}{countries.written_out(place.source) or place.english}"
        out = [f for f in out if f[0] not in (start, a)]
        rendering = (start, b, Rendering("", source[start:b], spellings.get(named, named), "words"))
        out.append(rendering)
        at[start] = rendering
        if english in institutions.AREA_HEADS:
            places.add(start)
            areas.add(start)
    return out


def variant_of(checker: Checker, name: Name) -> str | None:
    """The glossary entity a name not found as listed is a spelling variant of (Halep, Hizbulah, Esad,
    Hašd al Šabi, Bešar el-Esad), or an acronym of (HTS-om, SDS-a for Sirijske demokratske snage, ИД)."""
    if name.acronym:
        return checker.acronyms.get(fold(name.lemma, "sr"))
    words, options = _variant_query(name.lemma)
    if not words:
        return None
    table = _variant_table(checker.index, len(words))
    for k in table.candidates(options[0]):
        item = table.terms.item(k)
        if _variant_fits(checker, item, words, options, _owner_read(name)):
            return item.entity
    return None


def _owner_read(name: Name) -> bool:
    """Whether the name's last word was read as a possessive adjective: the written word is one of its
    lemma (Esadov -> Esad; also where a later agreement dropped the owner mark)."""
    written, lemma = fold(name.text.split()[-1], "sr"), fold(name.lemma.split()[-1], "sr")
    return name.owner or (len(written) > len(lemma) and possessive(written, lemma))


def variant_by_scan(checker: Checker, lemma: str, owner: bool = False) -> str | None:
    """:func:`variant_of`'s answer for a name (not an acronym) by a plain scan of every source term of
    as many words: what the blocked search must equal (tests) and what it is timed against (bench)."""
    words, options = _variant_query(lemma)
    if not words:
        return None
    for item in checker.index.source_terms(len(words)):
        if _variant_fits(checker, item, words, options, owner):
            return item.entity
    return None


def _variant_query(lemma: str) -> tuple[list[str], list[set[str]]]:
    """A name's folded words without the article, and for each the forms it may stand for: the word as
    written may be the declined form the lemma guess kept (Bešara el-Esada, a genitive)."""
    words = [t.norm for t in tokenize(lemma, "sr") if t.norm not in _ARTICLES]
    return words, [{w} | {fold(c) for c in lemma_candidates(w)} for w in words]


def _variant_fits(checker: Checker, item, words: list[str], options: list[set[str]], owner: bool = False) -> bool:
    """Whether a glossary term fits the name's words. A form that reads the word as a possessive
    adjective (its -ov-/-ev- ending cut: Esadov -> Esad; ``owner``: the name finder read the last word
    so) is a guess on a guess: it may differ from a glossary form by a letter changed (Esad for
    Asad), not by one more or less, where the cut itself may be wrong (Saratovu -> Sarat is no Šara)."""
    norms = [n for n in item.norms if n not in _ARTICLES]
    if len(norms) != len(words):
        return False  # "Ramali" is no Abu Kamal: only the article may be left out
    person = checker.index.entity_type(item.entity) == "person"
    if len(words) == 1 and len(words[0]) < 5 and not (person and item.implicit):
        return False
    last = len(words) - 1

    def fits(i: int, a: str, b: str) -> bool:
        guessed = (owner and i == last and a == words[i]) or (len(a) < len(words[i]) and possessive(words[i], a))
        return _close(a, b, person) and (not guessed or len(a) == len(b) or a == b)

    return all(any(fits(i, a, b) for a in opts) for i, (opts, b) in enumerate(zip(options, norms)))


class _VariantTable:
    """The source terms of one name length, blocked by their first word (articles aside), so that a
    variant search compares a name with the few terms whose first word could be close to it instead of
    with every term (6 s a sentence at 100,000 entities before). Every pair :func:`_close` accepts has
    equal sound keys or is within two edits (OSA), so the candidates are the terms whose first word
    has the same sound key or is within two edits of an option: the same answer as a full scan."""

    def __init__(self, terms: SourceTable) -> None:
        self.terms = terms
        places: dict[str, list[int]] = {}
        self.by_sound: dict[str, list[int]] = {}
        for k in range(len(terms)):
            first = next((n for n in terms.norms(k) if n not in _ARTICLES), "")
            places.setdefault(first, []).append(k)
            self.by_sound.setdefault(sound_key(first), []).append(k)
        # distinct first words by length: two edits change a length by two at most
        self.places = places
        self.by_length: dict[int, list[str]] = {}
        for first in places:
            self.by_length.setdefault(len(first), []).append(first)

    def candidates(self, options: set[str]) -> list[int]:
        """Places of the terms whose first word may be close to one of ``options``, in order."""
        found: set[int] = set()
        for a in options:
            found.update(self.by_sound.get(sound_key(a), ()))
            for length in range(max(len(a) - 2, 0), len(a) + 3):
                words = self.by_length.get(length)
                if words:
                    for word, _, _ in process.extract(a, words, scorer=OSA.distance, score_cutoff=2, limit=None):
                        found.update(self.places[word])
        return sorted(found)


_TABLES: "weakref.WeakKeyDictionary[object, dict[int, _VariantTable]]" = weakref.WeakKeyDictionary()
_SURNAMES: "weakref.WeakKeyDictionary[object, dict[str, str]]" = weakref.WeakKeyDictionary()
ENGLISH_NAME = 3.0  # zipf: a one-word name's English this frequent is a name of its own, no glossary name's variant


def _family_surname(checker: Checker, name: Name, english: str) -> str:
    """A person's name outside the glossary whose surname sounds as a glossary person's does takes
    the glossary's spelling of it: a relative's (Maher al-Asad, Рифат ал-Асад: Maher al-Assad,
    Rifaat's al-Assad as Bashar's), which the house style spells as the source does. Only after a
    given name the name lists know well, so that a place or a firm keeps its own spelling (Ain al-Asad,
    an air base: "Ain" is in some lists, not in many)."""
    words = english.split()
    if len(words) < 2 or name.place is not None or name.people or name.acronym \
            or not given_names.common_given_name(fold(words[0])):
        return english
    surnames = _SURNAMES.get(checker.index)
    if surnames is None:
        surnames = _SURNAMES[checker.index] = _glossary_surnames(checker)
    found = surnames.get(_surname_key(words[-1]))
    if found is None or found == words[-1] \
            or bool(_ARTICLE_PREFIX.match(found)) != bool(_ARTICLE_PREFIX.match(words[-1])):
        return english  # an article on one only: Karim Sudani is no al-Sudani
    return " ".join(words[:-1] + [found])


def _surname_key(word: str) -> str:
    return sound_key(fold(_ARTICLE_PREFIX.sub("", word)))


_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ал|ел)[-‐]", re.IGNORECASE)


def _glossary_surnames(checker: Checker) -> dict[str, str]:
    """Sound key of a glossary person's surname -> its spelling in the person's preferred English
    name (al-Assad, Netanyahu); a key two spellings share is left out."""
    out: dict[str, str | None] = {}
    for entity in dict.fromkeys(item.entity for item in checker.index.source_terms()):
        if checker.index.entity_type(entity) != "person":
            continue
        preferred = english_name(checker, entity) or ""
        if len(preferred.split()) < 2:
            continue
        surname = preferred.split()[-1]
        key = _surname_key(surname)
        out[key] = surname if out.get(key, surname) == surname else None
    return {k: v for k, v in out.items() if v}


def _variant_table(index, length: int) -> _VariantTable:
    """One table per index and name length, built at the first search (an index never changes: an
    edited glossary gets a new one)."""
    tables = _TABLES.setdefault(index, {})
    table = tables.get(length)
    if table is None:
        table = tables[length] = _VariantTable(index.source_table(length))
    return table


def _close(a: str, b: str, person: bool) -> bool:
    if a == b or sound_key(a) == sound_key(b):
        return True
    shortest = min(len(a), len(b))
    distance = OSA.distance(a, b)
    if shortest >= 4 and distance == 1 and len(a) != len(b):
        # one letter more or less: Halep for Alep; an added first letter only an h, which Arabic names
        # are written with and without (Mas'ada, a Golan village, is no Asad)
        longer, shorter = (a, b) if len(a) > len(b) else (b, a)
        return longer[1:] != shorter or longer[0] == "h"
    if shortest >= 8:
        return distance <= 2 and a[0] == b[0]  # Hizbulah for Hezbolah; not Jemenski for Zelenski
    if shortest >= 5:
        return distance <= 1 and a[0] == b[0]
    # four letters: only the first letter, a vowel written otherwise, in a person's name (Esad for
    # Asad; not Šura, the Shura council, for Šara)
    return person and len(a) == len(b) == 4 and distance == 1 and a[1:] == b[1:] \
        and a[0] in "aeiou" and b[0] in "aeiou"


def restore(translation: str, protected: Protected) -> tuple[str, list[Rendering]]:
    """Placeholders back as English names; the renderings whose placeholder the engine lost or mangled."""
    seen: set[int] = set()

    def back(m: re.Match) -> str:
        k = _slot(m.group(1))
        if k >= len(protected.slots):
            return m.group(0)
        seen.add(k)
        return protected.slots[k].english

    text = _PLACEHOLDER_RE.sub(back, translation)
    lost = [slot for k, slot in enumerate(protected.slots) if k not in seen]
    return text, lost


def is_placeholder(word: str) -> bool:
    return bool(_PLACEHOLDER_RE.fullmatch(word))


def post_edit(checker: Checker, translation: str, source: str, lang: str | None,
              names: tuple[Rendering, ...] = ()) -> tuple[str, list[Rendering]]:
    """Replace the engine's flagged renderings of source entities by their preferred English names;
    never inside a name the step itself put there for a name outside the glossary (``names``: "Abdul
    Malik al-Huti" keeps its al-Huti, which is not the Houthis)."""
    in_source = {n.entity: n for n in checker.source_names(source, lang)}
    kept = [(m.start(), m.end()) for r in names if r.how == "name" and r.english
            for m in re.finditer(re.escape(r.english), translation)]
    edits = []
    for flag in checker.check(translation, source, lang):
        if flag.kind not in REPLACEABLE or flag.start is None or flag.entity not in in_source:
            continue
        if any(a <= flag.start and flag.end <= b for a, b in kept):
            continue
        found = translation[flag.start:flag.end]
        english = _english_for(checker, flag.entity, found, in_source[flag.entity], lang)
        if english and english != found:
            edits.append((flag.start, flag.end, Rendering(flag.entity, found, english, "post-edit")))
    out, done, last = translation, [], len(translation) + 1
    for start, end, rendering in sorted(edits, key=lambda e: -e[0]):
        if end > last:  # overlapping flags: the later one was applied already
            continue
        out = out[:start] + rendering.english + out[end:]
        done.append(rendering)
        last = start
    return out, done[::-1]


def _english_for(checker: Checker, entity_id: str, found: str, named: SourceName, lang: str | None) -> str | None:
    """The English for a rendering in the translation, keeping the form of the rendering: a surname
    for a one-word rendering of a person, a possessive for "Netanjahuovoj" or "Netanjahu's"."""
    words = tokenize(found, lang)
    if not words:
        return None
    owner = found.endswith(("'s", "’s")) or possessive(words[-1].norm, named.item.norms[-1])
    return english_name(checker, entity_id, surname=len(words) == 1, owner=owner)


def _adjective_shaped(name: SourceName, source: str) -> bool:
    """A one-word name that reads as an adjective too (Turska, Grčka) where only its capital could tell
    them apart, at the start of a sentence: mid-sentence, "Turske" is the country, "turske" the adjective."""
    if len(name.item) != 1 or not name.item.norms[0].endswith(_ADJECTIVE_SHAPED):
        return False
    before = source[:name.start].rstrip(" \t\"'„“«»(")
    return not before or before[-1] in ".!?:\n"
