"""The glossary index: built once, then every lookup costs the same whatever the glossary's size.

Checking an article touches only dictionaries keyed by the article's own words:

* ``english`` / ``foreign``: folded token sequences -> terms (exact matches, longest first);
* ``sounds``: sound-key sequences of accepted English names (transliteration);
* ``postings``: sound key of one token -> (term, position) for accepted English terms (anchors);
* ``deletions``: each accepted token key with one letter deleted -> keys (a symmetric-deletion
  index, as in SymSpell), so near misses are found by hashing, not by scanning all terms;
* ``source_first``: first folded token of foreign terms -> terms, per language family, for
  finding (inflected) entity names in the source text.

Persons also get their surname as an implicit short form (an article says "Netanyahu" far more
often than "Benjamin Netanyahu").
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Iterable, Iterator, Protocol

from newsqa.qa.model import Entity, Glossary, Status, Term, base_language
from newsqa.qa.names import PARTICLES
from newsqa.qa.normalize import fold, many_term_words, term_words

# South Slavic standards share one translation pair; a source in any of them matches terms in all.
FAMILIES = {"sr": "hbs", "hr": "hbs", "bs": "hbs", "cnr": "hbs", "sh": "hbs", "me": "hbs"}
# Tokens that are too common inside names to anchor a match on their own.
WEAK_TOKENS = frozenset({"bin", "ibn", "abu", "abd", "bint", "the", "of", "and", "de", "al", "el"})
ANCHOR_CAP = 64   # an anchor token shared by more terms than this is not distinctive
NAME_ARTICLES = frozenset({"al", "el", "ал", "ел"})  # left out when a variant spelling's words are counted
MIN_FUZZY_KEY = 5  # shorter names are matched exactly or by sound only: short names look alike


@lru_cache(maxsize=1024)
def family(lang: str | None) -> str | None:
    """The translation family of a language tag (kept per tag: an index build asks for every term)."""
    if not lang:
        return None
    base = base_language(lang)
    return FAMILIES.get(base, base)


@dataclass(frozen=True, slots=True)
class IndexedTerm:
    """A term as the matcher sees it: folded tokens, sound keys, case constraints."""

    entity: str
    term: Term
    norms: tuple[str, ...]
    keys: tuple[str, ...]
    caps: tuple[bool, ...]
    uppers: tuple[bool, ...]
    implicit: bool = False

    @property
    def accepted(self) -> bool:
        return self.term.status.accepted

    def __len__(self) -> int:
        return len(self.norms)


def deletions(key: str) -> set[str]:
    return {key[:i] + key[i + 1:] for i in range(len(key))}


@dataclass(frozen=True, slots=True)
class EntityInfo:
    """What a flag says about an entity: its id, type and the English name it suggests."""

    id: str
    type: str
    preferred: str | None


def entity_info(entity: Entity) -> EntityInfo:
    preferred = entity.preferred_english
    return EntityInfo(entity.id, entity.type, preferred.text if preferred else None)


def indexed(entity_id: str, term: Term, implicit: bool = False, known: WordsOf | None = None) -> IndexedTerm | None:
    """A term's matching form; None for a term with no word in it. ``known``: the words of terms
    already tokenised (:func:`words_of`)."""
    words = known[term.text, term.lang] if known is not None else term_words(term.text, term.lang)
    if not words:
        return None
    norms, keys, caps, uppers = zip(*words)
    return IndexedTerm(entity=entity_id, term=term, norms=norms, keys=keys, caps=caps, uppers=uppers,
                       implicit=implicit)


ENGLISH, FOREIGN, SOURCE_SHORT = "english", "foreign", "source_short"


WordsOf = dict[tuple[str, "str | None"], list]  # (term text, language) -> its term_words


def words_of(entities: list[Entity]) -> WordsOf:
    """The words of every term :func:`entity_terms` reads for ``entities`` (their terms and persons'
    surnames), tokenised together by :func:`many_term_words`: what an index build passes as
    ``known``, a third faster than asking term by term."""
    wanted = [(t.text, t.lang) for e in entities for t in e.terms]
    wanted += [(t.text.split()[-1], t.lang) for e in entities if e.type == "person"
               for t in e.terms if t.status.accepted and t.text.split()]
    wanted = list(dict.fromkeys(wanted))
    return dict(zip(wanted, many_term_words(wanted)))


def entity_terms(entity: Entity, known: WordsOf | None = None) -> Iterator[tuple[str, IndexedTerm]]:
    """An entity's terms as the index files them, in the glossary's order: (role, item).

    ``english`` items are English forms, ``foreign`` items source-language forms, and
    ``source_short`` the implicit surname of a person's source-language name, which is found in
    source texts only. Both index kinds (in memory and in a file) take their entries from here.
    ``known``: the entity's words from :func:`words_of`, where a build has them.
    """
    seen_short: set = set()
    for term in entity.terms:
        item = indexed(entity.id, term, known=known)
        if item is None:
            continue
        english = term.base_lang == "en"
        yield (ENGLISH if english else FOREIGN), item
        if entity.type != "person" or not term.status.accepted or len(item) < 2:
            continue
        surname = term.text.split()[-1]
        mark = surname if english else (term.lang, surname)
        if mark in seen_short:
            continue
        seen_short.add(mark)
        short = indexed(entity.id, Term(surname, term.lang, Status.ADMITTED), implicit=True, known=known)
        if short is not None and len(short.norms[-1]) >= 4:
            yield (ENGLISH if english else SOURCE_SHORT), short


def source_keys(item: IndexedTerm) -> tuple[tuple[str | None, str], ...]:
    """The ``source_first`` keys of a source-language item: its language family and none."""
    return ((family(item.term.lang), item.norms[0]), (None, item.norms[0]))


def source_lead(item: IndexedTerm) -> tuple[tuple[str | None, str, str], ...]:
    """The ``source_lead`` keys of a source-language item: its language family (and none) with its
    first two folded words ("" for a one-word name). Looking a name up by both words reads only
    the few items that can fit it, where ``source_first`` gives every name that begins with a
    common first name (thousands in a newsroom glossary)."""
    lead = (item.norms[0], item.norms[1] if len(item.norms) > 1 else "")
    return tuple(dict.fromkeys((fam, *lead) for fam, _ in source_keys(item)))


def term_heads(role: str, item: IndexedTerm) -> list[tuple[str, ...]]:
    """The proper beginnings of an English or foreign term's words (``has_longer`` answers from
    them); a source-only surname is never read in English text and has none."""
    return [] if role == SOURCE_SHORT else [item.norms[:k] for k in range(1, len(item))]


class SizedLookup(dict):
    """A dictionary of lists that also says how long a list is (what ``_ItemLookup.size`` says of a
    mapped table without reading the list)."""

    def size(self, key: Any) -> int:
        return len(self.get(key, ()))


_ACRONYM_SPLIT = re.compile(r"[\s-]+")


def entity_acronyms(entity: Entity) -> Iterator[str]:
    """The folded acronyms that name ``entity``: its own (HTS, SAD, САД) and the initials of its
    multi-word accepted source forms (SDS for Sirijske demokratske snage, ИД for Исламска држава)."""
    for term in entity.terms:
        if not term.text.isupper() and (term.base_lang == "en" or not term.status.accepted):
            continue  # no word in capitals and no initials to give: most terms, and an index build reads them all
        words = [w for w in _ACRONYM_SPLIT.split(term.text) if w]
        if len(words) == 1 and words[0].isupper() and len(words[0]) >= 2:
            yield fold(words[0], term.lang)
        elif len(words) >= 2 and term.base_lang != "en" and term.status.accepted:
            initials = "".join(w[0] for w in words if w.lower() not in PARTICLES)
            if len(initials) >= 2:
                yield fold(initials, term.lang)


def source_term_order(source_first: Iterable[tuple[tuple[str | None, str], list[IndexedTerm]]],
                      english: Iterable[list[IndexedTerm]]) -> list[IndexedTerm]:
    """Every term a source name may be a variant of, in the order :func:`qa.terms.variant_of` tries
    them: the source-language items by first word (keys in first-seen order, each key's items in the
    glossary's order), then the accepted English items by words."""
    seen, out = set(), []
    for (fam, _), items in source_first:
        if fam is None:
            for item in items:
                if id(item) not in seen:
                    seen.add(id(item))
                    out.append(item)
    for items in english:
        out.extend(it for it in items if it.accepted)
    return out


def name_length(norms: tuple[str, ...]) -> int:
    """A name's words without the Arabic article: a variant spelling must have as many (Abu Kamal is
    no Ramali), so :meth:`GlossaryLookup.source_terms` can leave the others out before reading them."""
    return len(norms) - sum(map(NAME_ARTICLES.__contains__, norms))


def word_variants(key: str) -> set[str]:
    """A word key and its one-letter deletions: two keys sharing one are near (SymSpell)."""
    return deletions(key) | {key}


class Lookup(Protocol):
    """A read-only mapping: ``get`` is all the checker asks of one."""

    def get(self, key: Any, default: Any = None) -> Any: ...


class GlossaryLookup(Protocol):
    """What the checker reads from an index; :class:`GlossaryIndex` and the file-backed
    :class:`~newsqa.qa.index_file.MappedIndex` both answer it, with the same results."""

    version: str
    max_len: int
    english: Lookup          # folded token sequence -> [IndexedTerm]
    foreign: Lookup          # folded token sequence -> [IndexedTerm]
    sounds: Lookup           # sound-key sequence -> [IndexedTerm]
    postings: Lookup         # sound key of one token -> [(IndexedTerm, position)], at most ANCHOR_CAP + 1
    source_first: Lookup     # (family or None, first folded token) -> [IndexedTerm]; also .size(key)
    source_lead: Lookup      # (family or None, first, second folded token or "") -> [IndexedTerm]
    english_by_entity: Lookup  # entity id -> its accepted English items

    def __len__(self) -> int: ...

    def entity(self, entity_id: str) -> EntityInfo | None: ...

    def near_keys(self, key: str) -> set[str]: ...

    def has_longer(self, words: tuple[str, ...]) -> bool:
        """Whether an English or foreign term begins with these folded words and has more: the exact
        pass tries a longer window only then (most words of an article begin no name)."""

    def entity_type(self, entity_id: str) -> str | None:
        """The entity's type alone (person, organization, ...): cheaper than :meth:`entity`."""

    def acronym(self, folded: str) -> str | None:
        """The entity a folded acronym names (the first in the glossary's order), or None."""

    def source_terms(self, length: int | None = None) -> Iterable[IndexedTerm]:
        """Source-language items and accepted English items, in :func:`source_term_order`; with
        ``length``, only those of that :func:`name_length`."""

    def glossary_terms(self) -> Iterable[tuple[str, str]]:
        """(text, language) of every term of every entity: what the glossary already lists."""

    def source_table(self, length: int) -> "SourceTable":
        """:meth:`source_terms` of that length as a table: each item's words without decoding the
        rest, and an item by its place (what the glossary step's variant search needs, once)."""


class SourceTable:
    """The source terms of one name length, in order: ``norms(k)`` is item k's folded words, ``item(k)``
    the item. The mapped index answers both from its file, decoding an item only when asked."""

    def __init__(self, parts: list[tuple[int, Callable[[int], tuple[str, ...]], Callable[[int], IndexedTerm]]]):
        self._parts = parts  # (size, norms, item) of each run, in order
        self.size = sum(size for size, _, _ in parts)

    @classmethod
    def chain(cls, *tables: "SourceTable") -> "SourceTable":
        """One table of several, in order (a mapped file's terms, then those an overlay adds)."""
        return cls([part for table in tables for part in table._parts])

    def __len__(self) -> int:
        return self.size

    def _part(self, k: int):
        for size, norms, item in self._parts:
            if k < size:
                return k, norms, item
            k -= size
        raise IndexError(k)

    def norms(self, k: int) -> tuple[str, ...]:
        k, norms, _ = self._part(k)
        return norms(k)

    def item(self, k: int) -> IndexedTerm:
        k, _, item = self._part(k)
        return item(k)


class GlossaryIndex:
    """The index in this process's memory: quick to build for a small glossary (tests, the CLI).

    A worker machine with a large glossary uses :class:`newsqa.qa.index_file.MappedIndex` instead,
    which answers the same lookups from one file shared by all its processes.
    """

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self.version = glossary.version
        self.english: dict[tuple[str, ...], list[IndexedTerm]] = defaultdict(list)
        self.foreign: dict[tuple[str, ...], list[IndexedTerm]] = defaultdict(list)
        self.sounds: dict[tuple[str, ...], list[IndexedTerm]] = defaultdict(list)
        self.postings: dict[str, list[tuple[IndexedTerm, int]]] = defaultdict(list)
        # Most variants lead to one key: a str then, a tuple only on collision (a set each cost 4x).
        self.deletions: dict[str, str | tuple[str, ...]] = {}
        self.source_first: dict[tuple[str | None, str], list[IndexedTerm]] = defaultdict(list)
        self.source_lead: dict[tuple[str | None, str, str], list[IndexedTerm]] = defaultdict(list)
        self.english_by_entity: dict[str, list[IndexedTerm]] = defaultdict(list)
        self.acronyms: dict[str, list[str]] = {}  # folded acronym -> entity ids, in the glossary's order
        self.heads: set[tuple[str, ...]] = set()  # every proper beginning of an English or foreign term
        self._source_terms: dict[int | None, list[IndexedTerm]] | None = None
        self.max_len = 1
        for entity in glossary:
            self._add_entity(entity)
        self.english = dict(self.english)
        self.foreign = dict(self.foreign)
        self.sounds = dict(self.sounds)
        self.postings = dict(self.postings)
        self.source_first = SizedLookup(self.source_first)
        self.source_lead = dict(self.source_lead)

    def __len__(self) -> int:
        return len(self.glossary)

    def entity(self, entity_id: str) -> EntityInfo | None:
        entity = self.glossary.entities.get(entity_id)
        return entity_info(entity) if entity is not None else None

    def entity_type(self, entity_id: str) -> str | None:
        entity = self.glossary.entities.get(entity_id)
        return entity.type if entity is not None else None

    def acronym(self, folded: str) -> str | None:
        entities = self.acronyms.get(folded)
        return entities[0] if entities else None

    def source_terms(self, length: int | None = None) -> list[IndexedTerm]:
        if self._source_terms is None:
            ordered = source_term_order(self.source_first.items(), self.english.values())
            self._source_terms = {None: ordered}
            for item in ordered:
                self._source_terms.setdefault(name_length(item.norms), []).append(item)
        return self._source_terms.get(length, [])

    def source_table(self, length: int) -> SourceTable:
        items = self.source_terms(length)
        return SourceTable([(len(items), lambda k: items[k].norms, items.__getitem__)])

    def glossary_terms(self) -> Iterator[tuple[str, str]]:
        for entity in self.glossary:
            for term in entity.terms:
                yield term.text, term.lang

    def _add_entity(self, entity: Entity) -> None:
        for key in entity_acronyms(entity):
            entities = self.acronyms.setdefault(key, [])
            if entity.id not in entities:
                entities.append(entity.id)
        for role, item in entity_terms(entity):
            self.max_len = max(self.max_len, len(item))
            self.heads.update(term_heads(role, item))
            if role == ENGLISH:
                self._add_english(item)
            else:
                if role == FOREIGN:
                    self.foreign[item.norms].append(item)
                for key in source_keys(item):
                    self.source_first[key].append(item)
                for key in source_lead(item):
                    self.source_lead[key].append(item)

    def _add_english(self, item: IndexedTerm) -> None:
        self.english[item.norms].append(item)
        if not item.accepted:
            return
        self.english_by_entity[item.entity].append(item)
        self.sounds[item.keys].append(item)
        for pos, key in enumerate(item.keys):
            postings = self.postings.setdefault(key, [])
            if len(postings) <= ANCHOR_CAP:
                postings.append((item, pos))
            if len(key) >= MIN_FUZZY_KEY:
                for variant in word_variants(key):
                    known = self.deletions.get(variant)
                    if known is None:
                        self.deletions[variant] = key
                    elif isinstance(known, str):
                        if known != key:
                            self.deletions[variant] = (known, key)
                    elif key not in known:
                        self.deletions[variant] = known + (key,)

    def has_longer(self, words: tuple[str, ...]) -> bool:
        return words in self.heads

    def near_keys(self, key: str) -> set[str]:
        """Glossary word keys within one deletion of ``key`` on either side (SymSpell lookup)."""
        out: set[str] = set()
        for variant in word_variants(key):
            known = self.deletions.get(variant)
            if known is None:
                continue
            if isinstance(known, str):
                out.add(known)
            else:
                out.update(known)
        out.discard(key)
        return out
