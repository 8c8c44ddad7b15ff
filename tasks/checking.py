"""One checker per process and store, rebuilt when the store's glossary changes (no restart).

The glossary's global version is one cheap query, asked before every check stage; the checker's
index is built again only when the version moved.
"""

from __future__ import annotations

import threading

from newsqa.qa import Checker
from newsqa.tasks.glossary_store import GlossaryStore
from newsqa.tasks.store import Store
from newsqa.worker.lexicon import knows_lowercase

_lock = threading.Lock()

_cache: dict[str, tuple[int, Checker]] = {}


def checker_for(store: Store) -> Checker:
    glossary = GlossaryStore(store)
    glossary.ensure_loaded()
    version = glossary.version()
    with _lock:
        cached = _cache.get(store.url)
        if cached and cached[0] == version:
            return cached[1]
    checker = Checker(glossary.load(), known_word=knows_lowercase)
    with _lock:
        _cache[store.url] = (version, checker)
    return checker
