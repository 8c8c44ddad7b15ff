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

from collections import defaultdict
from dataclasses import dataclass

from newsqa.qa.model import Entity, Glossary, Status, Term
from newsqa.qa.normalize import term_tokens

# South Slavic standards share one translation pair; a source in any of them matches terms in all.
FAMILIES = {"sr": "hbs", "hr": "hbs", "bs": "hbs", "cnr": "hbs", "sh": "hbs", "me": "hbs"}
# Tokens that are too common inside names to anchor a match on their own.
WEAK_TOKENS = frozenset({"bin", "ibn", "abu", "abd", "bint", "the", "of", "and", "de", "al", "el"})
ANCHOR_CAP = 64   # an anchor token shared by more terms than this is not distinctive
MIN_FUZZY_KEY = 5  # shorter names are matched exactly or by sound only: short names look alike


def family(lang: str | None) -> str | None:
    if not lang:
        return None
    base = lang.split("-")[0].lower()
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


class GlossaryIndex:
    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self.english: dict[tuple[str, ...], list[IndexedTerm]] = defaultdict(list)
        self.foreign: dict[tuple[str, ...], list[IndexedTerm]] = defaultdict(list)
        self.sounds: dict[tuple[str, ...], list[IndexedTerm]] = defaultdict(list)
        self.postings: dict[str, list[tuple[IndexedTerm, int]]] = defaultdict(list)
        # Most variants lead to one key: a str then, a tuple only on collision (a set each cost 4x).
        self.deletions: dict[str, str | tuple[str, ...]] = {}
        self.source_first: dict[tuple[str | None, str], list[IndexedTerm]] = defaultdict(list)
        self.english_by_entity: dict[str, list[IndexedTerm]] = defaultdict(list)
        self.max_len = 1
        for entity in glossary:
            self._add_entity(entity)
        self.english = dict(self.english)
        self.foreign = dict(self.foreign)
        self.sounds = dict(self.sounds)
        self.postings = dict(self.postings)
        self.source_first = dict(self.source_first)

    def _indexed(self, entity: Entity, term: Term, implicit: bool = False) -> IndexedTerm | None:
        tokens = term_tokens(term.text, term.lang)
        if not tokens:
            return None
        return IndexedTerm(
            entity=entity.id, term=term, norms=tuple(t.norm for t in tokens),
            keys=tuple(t.key for t in tokens), caps=tuple(t.cap for t in tokens),
            uppers=tuple(t.upper for t in tokens), implicit=implicit,
        )

    def _add_entity(self, entity: Entity) -> None:
        seen_short: set = set()
        for term in entity.terms:
            item = self._indexed(entity, term)
            if item is None:
                continue
            self.max_len = max(self.max_len, len(item))
            if term.base_lang == "en":
                self._add_english(item)
                if entity.type == "person" and term.status.accepted and len(item) >= 2:
                    surname = term.text.split()[-1]
                    if surname not in seen_short:
                        seen_short.add(surname)
                        short = self._indexed(entity, Term(surname, term.lang, Status.ADMITTED), implicit=True)
                        if short is not None and len(short.norms[-1]) >= 4:
                            self._add_english(short)
            else:
                self._add_foreign(item)
                if entity.type == "person" and term.status.accepted and len(item) >= 2:
                    surname = term.text.split()[-1]
                    if (term.lang, surname) not in seen_short:
                        seen_short.add((term.lang, surname))
                        short = self._indexed(entity, Term(surname, term.lang, Status.ADMITTED), implicit=True)
                        if short is not None and len(short.norms[-1]) >= 4:
                            self.source_first[(family(term.lang), short.norms[0])].append(short)
                            self.source_first[(None, short.norms[0])].append(short)

    def _add_foreign(self, item: IndexedTerm) -> None:
        self.foreign[item.norms].append(item)
        self.source_first[(family(item.term.lang), item.norms[0])].append(item)
        self.source_first[(None, item.norms[0])].append(item)

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
                for variant in deletions(key) | {key}:
                    known = self.deletions.get(variant)
                    if known is None:
                        self.deletions[variant] = key
                    elif isinstance(known, str):
                        if known != key:
                            self.deletions[variant] = (known, key)
                    elif key not in known:
                        self.deletions[variant] = known + (key,)

    def near_keys(self, key: str) -> set[str]:
        """Glossary word keys within one deletion of ``key`` on either side (SymSpell lookup)."""
        out: set[str] = set()
        for variant in deletions(key) | {key}:
            known = self.deletions.get(variant)
            if known is None:
                continue
            if isinstance(known, str):
                out.add(known)
            else:
                out.update(known)
        out.discard(key)
        return out
