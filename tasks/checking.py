"""One checker per process and store, over the machine's shared index file, kept current.

The glossary's global version is one cheap query, asked before every check stage. When it moved,
the entities changed since (from the audit log) are read and laid over the mapped index
(qa/overlay.py): an edit is checked against at the next stage, in milliseconds, without a
rebuild. An import, or more edited entities than ``NEWSQA_INDEX_OVERLAY``, builds a new index file
(tasks/shared_index.py), once per machine. The rules the newsroom switched off on the review
page (``review_rules``) are read at the same time and left out of the checker.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from newsqa import config
from newsqa.qa import Checker
from newsqa.qa.index import GlossaryIndex, GlossaryLookup
from newsqa.qa.index_file import MappedIndex
from newsqa.qa.overlay import OverlaidIndex
from newsqa.tasks import shared_index
from newsqa.tasks.glossary_store import GlossaryStore
from newsqa.tasks.store import Store
from newsqa.worker.lexicon import knows_lowercase

log = logging.getLogger(__name__)
_lock = threading.Lock()
_cache: dict[str, tuple["_Current", frozenset[str], Checker]] = {}


@dataclass(frozen=True)
class _Current:
    version: int     # the store's glossary version this checker answers for
    change: int      # the last audit-log row it has applied
    index: GlossaryLookup


def checker_for(store: Store) -> Checker:
    from newsqa.tasks.review_rules import disabled_rules

    glossary = GlossaryStore(store)
    glossary.ensure_loaded()
    version, disabled = glossary.version(), disabled_rules(store)
    with _lock:
        cached = _cache.get(store.url)
        if cached and cached[0].version == version and cached[1] == disabled:
            return cached[2]
    current = cached[0] if cached and cached[0].version == version else \
        _refreshed(store, glossary, version, cached[0] if cached else None)
    checker = Checker(index=current.index, exclude=disabled, known_word=knows_lowercase)
    with _lock:
        _cache[store.url] = (current, disabled, checker)
    return checker


def _refreshed(store: Store, glossary: GlossaryStore, version: int, cached: _Current | None) -> _Current:
    if cached is not None and not isinstance(cached.index, GlossaryIndex):
        current = _overlaid(glossary, version, cached.index, cached.change)
        if current is not None:
            return current
    try:
        base = shared_index.newest(store)
        if base is not None:
            current = _overlaid(glossary, version, base, base.meta["info"]["change"])
            if current is not None:
                return current
        base = shared_index.build(store, newer_than=base.meta["info"]["store_version"] if base else -1)
    except OSError as exc:  # no room or no right to write NEWSQA_INDEX_DIR: check all the same
        log.warning("no shared glossary index in %s (%s); indexing in this process's memory",
                    config.index_dir(), exc)
        change = glossary.last_change()  # before the load: a later edit is then read again, not lost
        return _Current(version, change, _in_memory(glossary, version))
    return _overlaid(glossary, version, base, base.meta["info"]["change"]) or \
        _Current(version, base.meta["info"]["change"], base)


def _in_memory(glossary: GlossaryStore, version: int) -> GlossaryIndex:
    index = GlossaryIndex(glossary.load())
    index.version = shared_index.glossary_version(version)
    return index


def _overlaid(glossary: GlossaryStore, version: int, index: MappedIndex | OverlaidIndex,
              change: int) -> _Current | None:
    """``index`` with the entities changed after audit row ``change`` laid over it; None when the
    changes are too many or not about single entities (then a new file is due)."""
    limit = config.index_overlay()
    last, ids = glossary.changed_since(change, limit)
    if ids is None:
        return None
    if not ids and isinstance(index, MappedIndex) and index.meta["info"]["store_version"] == version:
        return _Current(version, last, index)
    overlay = OverlaidIndex.over(index, {e: glossary.current(e) for e in ids},
                                 shared_index.glossary_version(version))
    if len(overlay.changed) > limit:
        return None
    return _Current(version, last, overlay)
