"""The hand-written tables shipped in ``newsqa.seeds`` (institution words, demonyms, rivers, English
words as heard): one reader for their shared format, tab-separated cells, blank lines and lines
starting with ``#`` (the table's own documentation) skipped."""

from __future__ import annotations

from importlib import resources
from typing import Iterator


def rows(name: str) -> Iterator[list[str]]:
    """The cells of each row of the seed table ``name`` (a file in newsqa.seeds), in file order."""
    text = resources.files("newsqa.seeds").joinpath(name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")
