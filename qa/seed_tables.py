"""The tables shipped in ``newsqa.seeds``, in one place: the hand-written ones (institution words,
demonyms, rivers, English words as heard: tab-separated cells, blank lines and lines starting with
``#``, the table's own documentation, skipped) and the gzipped ones the ``seeds/build_*.py`` scripts
derive (places, given names, the region's and the home countries' names, WordNet's names, English
case: tab-separated cells, nothing else)."""

from __future__ import annotations

import gzip
from importlib import resources
from typing import Iterator


def rows(name: str) -> Iterator[list[str]]:
    """The cells of each row of the seed table ``name`` (a file in newsqa.seeds), in file order."""
    text = resources.files("newsqa.seeds").joinpath(name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


def derived_rows(name: str) -> Iterator[list[str]]:
    """The cells of each line of the gzipped derived table ``name`` (a file in newsqa.seeds), streamed
    in file order: a reader keeps only what it builds from them."""
    with resources.files("newsqa.seeds").joinpath(name).open("rb") as raw, \
            gzip.open(raw, "rt", encoding="utf-8") as lines:
        for line in lines:
            yield line.rstrip("\n").split("\t")
