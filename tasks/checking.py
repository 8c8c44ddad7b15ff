"""One checker per process and glossary file, rebuilt when the file changes (no worker restart)."""

from __future__ import annotations

import threading
from pathlib import Path

from newsqa import config
from qa import Checker, load_glossary

_lock = threading.Lock()
_cache: dict[str, tuple[float, int, Checker]] = {}


def checker_for(path: str | None = None) -> Checker:
    path = str(Path(path or config.GLOSSARY.get()).resolve())
    stat = Path(path).stat()
    with _lock:
        cached = _cache.get(path)
        if cached and cached[:2] == (stat.st_mtime, stat.st_size):
            return cached[2]
        checker = Checker(load_glossary(path))
        _cache[path] = (stat.st_mtime, stat.st_size, checker)
        return checker
