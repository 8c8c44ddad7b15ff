"""The given names newsqa ships (``seeds/given_names.tsv.gz``, written by ``seeds/build_given_names.py``
from nomquamgender's first-name data): about 9,500 names that at least 15 national name lists attest.

Why: an English spelling found by sound alone may be an ordinary English word (Majid sounds like
"maid", Fatih like "fatty"); a given name is written as a given name.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from importlib import resources

GIVEN_NAMES = "given_names.tsv.gz"  # in newsqa.seeds


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Every shipped given name, in lower-case ASCII letters (read once, at the first lookup)."""
    with resources.files("newsqa.seeds").joinpath(GIVEN_NAMES).open("rb") as raw:
        return frozenset(line.split("\t", 1)[0] for line in gzip.open(raw, "rt", encoding="utf-8"))


def given_name(folded: str) -> bool:
    """Whether a folded word (lower case, no diacritics) is a widely attested given name."""
    return folded in given_names()
