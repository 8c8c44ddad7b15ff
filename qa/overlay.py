"""Edits over a prebuilt index: a small in-memory index of the changed entities laid over the file.

A mapped index (:class:`~newsqa.qa.index_file.MappedIndex`) cannot change; rebuilding it for
every glossary edit would cost minutes at a million entities. Instead the entities edited since
the file was built are indexed in memory (an ordinary :class:`~newsqa.qa.index.GlossaryIndex` of a
handful of entities: milliseconds) and every lookup merges the two:

* the file's answers lose the items of every changed entity (a removed or edited entity's old
  terms vanish), found by term number before any term is decoded;
* the changed entities' own items are merged in at their entity's place in the glossary's order
  (an entity added since the build comes after all the file's), so lists come out exactly as a
  full rebuild would order them, and ``postings`` keeps the first ANCHOR_CAP + 1 of the merged row.

Word keys the file still holds for a removed name may come back from ``near_keys``; their
postings are then empty, so they change nothing. The acronyms table merges the same way (the first
entity in the glossary's order wins). ``source_terms`` gives the file's items without the changed
entities', then the changed entities' own: a full rebuild would put an edited entity's items at its
place, so where two entities both fit a source name's variant spelling the glossary step may pick the
other one until the next build.
"""

from __future__ import annotations

import heapq
from itertools import islice
from typing import Callable, Iterator

from newsqa.qa.index import ANCHOR_CAP, EntityInfo, GlossaryIndex, IndexedTerm, SourceTable, entity_info
from newsqa.qa.index_file import MappedIndex
from newsqa.qa.model import Entity, Glossary


class _Merged:
    def __init__(self, overlay: "OverlaidIndex", base, mine, cap: int | None = None,
                 item: Callable = lambda x: x) -> None:
        self.overlay, self.base, self.mine, self.cap, self.item = overlay, base, mine, cap, item

    def get(self, key, default=None):
        base = self.overlay.kept(self.base, key, self.cap)
        mine = self.mine.get(key, ())
        if not mine:
            return base or default
        rank = self.overlay.rank
        merged = list(heapq.merge(base, mine, key=lambda x: rank(self.item(x).entity)))
        return merged[:self.cap] if self.cap else merged


class _Sized(_Merged):
    def size(self, key) -> int:
        return self.overlay.kept_size(self.base, key) + len(self.mine.get(key, ()))


class _ByEntity:
    def __init__(self, overlay: "OverlaidIndex") -> None:
        self.overlay = overlay

    def get(self, entity_id: str, default=None):
        if entity_id in self.overlay.changed:
            return self.overlay.mine.english_by_entity.get(entity_id, default)
        return self.overlay.base.english_by_entity.get(entity_id, default)


class OverlaidIndex:
    """A :class:`MappedIndex` with some entities replaced, added or removed (``GlossaryLookup``).

    ``changed`` maps entity id to its current state, None for an entity that is gone; ``version``
    is the glossary version flags will record.
    """

    def __init__(self, base: MappedIndex, changed: dict[str, Entity | None], version: str) -> None:
        self.base = base
        self.version = version
        self.changed = dict(changed)
        self._excluded = {r for r in map(base.rank, self.changed) if r is not None}
        self._new_rank: dict[str, int] = {}
        for entity_id, entity in self.changed.items():
            if entity is not None and base.rank(entity_id) is None:
                self._new_rank[entity_id] = len(base) + len(self._new_rank)
        present = sorted((e for e in self.changed.values() if e is not None), key=lambda e: self.rank(e.id))
        self.mine = GlossaryIndex(Glossary({e.id: e for e in present}))
        self._info = {entity_id: entity_info(e) if e is not None else None for entity_id, e in self.changed.items()}
        self._size = len(base) - len(self._excluded) + len(present)
        self.max_len = max(base.max_len, self.mine.max_len)
        self.english = _Merged(self, base.english, self.mine.english)
        self.foreign = _Merged(self, base.foreign, self.mine.foreign)
        self.sounds = _Merged(self, base.sounds, self.mine.sounds)
        self.source_first = _Sized(self, base.source_first, self.mine.source_first)
        self.source_lead = _Merged(self, base.source_lead, self.mine.source_lead)
        self.postings = _Merged(self, base.postings, self.mine.postings, cap=ANCHOR_CAP + 1, item=lambda p: p[0])
        self.english_by_entity = _ByEntity(self)

    @classmethod
    def over(cls, base: "MappedIndex | OverlaidIndex", changed: dict[str, Entity | None],
             version: str) -> "OverlaidIndex":
        """Lay ``changed`` over ``base``, which may itself be overlaid: later edits win."""
        if isinstance(base, OverlaidIndex):
            return cls(base.base, {**base.changed, **changed}, version)
        return cls(base, changed, version)

    def __len__(self) -> int:
        return self._size

    def rank(self, entity_id: str) -> int:
        rank = self._new_rank.get(entity_id)
        return rank if rank is not None else self.base.rank(entity_id)

    def kept(self, lookup, key, cap: int | None) -> list:
        """The file's answer for ``key`` without the changed entities' items (first ``cap`` of it)."""
        if not self._excluded:
            return lookup.get(key, ())
        return lookup.decode(list(islice(self._kept_values(lookup, key), cap)))

    def kept_size(self, lookup, key) -> int:
        """How many values :meth:`kept` would give for ``key`` (all of them), without decoding any."""
        if not self._excluded:
            return lookup.size(key)
        return sum(1 for _ in self._kept_values(lookup, key))

    def _kept_values(self, lookup, key) -> Iterator[int]:
        """The file's raw values for ``key`` whose terms belong to no changed entity."""
        entity_of, excluded, shift = self.base.term_entity, self._excluded, lookup.shift
        return (value for value in lookup.terms(key).tolist() if entity_of[value >> shift] not in excluded)

    def entity(self, entity_id: str) -> EntityInfo | None:
        if entity_id in self._info:
            return self._info[entity_id]
        return self.base.entity(entity_id)

    def entity_type(self, entity_id: str) -> str | None:
        if entity_id in self._info:
            info = self._info[entity_id]
            return info.type if info is not None else None
        return self.base.entity_type(entity_id)

    def has_longer(self, words: tuple[str, ...]) -> bool:
        return self.base.has_longer(words) or self.mine.has_longer(words)  # a removed entity's: a longer try, no harm

    def near_keys(self, key: str) -> set[str]:
        return (self.base.near_keys(key) | self.mine.near_keys(key)) - {key}

    def acronym(self, folded: str) -> str | None:
        ranks = [r for r in self.base.acronym_ranks(folded) if r not in self._excluded][:1]
        found = [(r, self.base.entity_at(r)) for r in ranks]
        mine = self.mine.acronym(folded)
        if mine is not None:
            found.append((self.rank(mine), mine))
        return min(found)[1] if found else None

    def source_terms(self, length: int | None = None) -> Iterator[IndexedTerm]:
        yield from self.base.source_terms(length, self._excluded)
        yield from self.mine.source_terms(length)

    def source_table(self, length: int) -> SourceTable:
        return SourceTable.chain(self.base.source_table(length, self._excluded), self.mine.source_table(length))

    def glossary_terms(self) -> Iterator[tuple[str, str]]:
        yield from self.base.glossary_terms(self._excluded)
        yield from self.mine.glossary_terms()

