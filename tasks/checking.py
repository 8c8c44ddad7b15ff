"""One checker per process and store, rebuilt when the store's glossary changes (no restart).

The glossary's global version is one cheap query, asked before every check stage; the checker's
index is built again only when the version moved. The rules the newsroom switched off on the review
page (``review_rules``) are read at the same time and left out of the checker.
"""

from __future__ import annotations

import threading

from newsqa.qa import Checker
from newsqa.tasks.glossary_store import GlossaryStore
from newsqa.tasks.store import Store
from newsqa.worker.lexicon import knows_lowercase

_lock = threading.Lock()
_cache: dict[str, tuple[tuple[int, frozenset[str]], Checker]] = {}


def checker_for(store: Store) -> Checker:
    from newsqa.tasks.review_rules import disabled_rules

    glossary = GlossaryStore(store)
    glossary.ensure_loaded()
    key = (glossary.version(), disabled_rules(store))
    with _lock:
        cached = _cache.get(store.url)
        if cached and cached[0] == key:
            return cached[1]
    checker = Checker(glossary.load(), exclude=key[1], known_word=knows_lowercase)
    with _lock:
        _cache[store.url] = (key, checker)
    return checker
