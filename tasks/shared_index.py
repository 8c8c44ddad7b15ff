"""The store's glossary index file on this machine: found, or built once under a lock, then mapped.

Files live in ``NEWSQA_INDEX_DIR``, one folder per store and build
(``<store>-v<glossary version>-f<format>``). The first worker process that needs one builds it
while holding ``<store>.lock`` (an ``flock``); the machine's other processes wait on the lock and
then map the same folder, so the page cache holds one copy for all of them. A process that starts
after some edits maps the newest folder and lays the edits over it (tasks/checking.py) rather than
building again; an import, or more edits than ``NEWSQA_INDEX_OVERLAY``, builds a new folder and
removes the older ones (a process still mapping one keeps reading it until it moves on).
"""

from __future__ import annotations

import fcntl
import hashlib
import re
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from newsqa import config
from newsqa.qa.index_file import FORMAT, IndexFileError, MappedIndex, build_index
from newsqa.tasks.glossary_store import GlossaryStore
from newsqa.tasks.store import Store


def store_key(store: Store) -> str:
    """A short name for the store, so two stores on one machine never share a file."""
    return hashlib.sha256(store.url.encode("utf-8")).hexdigest()[:12]


def glossary_version(version: int) -> str:
    """The glossary version that flags checked against the store record."""
    return f"store {version}"


@contextmanager
def _locked(folder: Path, key: str) -> Iterator[None]:
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / f"{key}.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _builds(folder: Path, key: str) -> list[tuple[int, Path]]:
    """This store's finished index folders of this format, newest first."""
    pattern = re.compile(rf"{re.escape(key)}-v(\d+)-f{FORMAT}")
    found = [(int(m.group(1)), p) for p in folder.glob(f"{key}-v*-f{FORMAT}")
             if (m := pattern.fullmatch(p.name)) and (p / "meta.json").exists()]
    return sorted(found, reverse=True)


def newest(store: Store) -> MappedIndex | None:
    """The newest index file this machine has for ``store``, mapped; None if it has none."""
    folder, key = config.index_dir(), store_key(store)
    for _, path in _builds(folder, key) if folder.exists() else []:
        try:
            return MappedIndex(path)
        except IndexFileError:
            continue
    return None


def build(store: Store, newer_than: int = -1, processes: int = 1) -> MappedIndex:
    """Build the index of the store's glossary as it is now, unless another process already built
    one newer than ``newer_than`` while this one waited for the lock; map it. ``processes`` > 1
    tokenises in worker processes (`newsqa glossary index`; a Celery child process builds alone)."""
    folder, key = config.index_dir(), store_key(store)
    with _locked(folder, key):
        builds = _builds(folder, key)
        if builds and builds[0][0] > newer_than:
            try:
                return MappedIndex(builds[0][1])
            except IndexFileError:
                pass
        glossary = GlossaryStore(store)
        change, version = glossary.last_change(), glossary.version()  # edits after these come as an overlay
        path = folder / f"{key}-v{version}-f{FORMAT}"
        if path.exists():
            shutil.rmtree(path)  # a broken build of the same version
        build_index(glossary.stream(), path, glossary_version(version),
                    info={"store_version": version, "change": change}, processes=processes)
        for _, old in builds:
            if old != path:
                shutil.rmtree(old, ignore_errors=True)
        return MappedIndex(path)
