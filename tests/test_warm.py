"""The warm-up a stage runs before it takes an article (qa/warm.py): it loads the tables the name rules
read lazily, so that the first article of a fresh worker process does not pay for them."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
from newsqa.qa import Checker, gazetteer, sound_alike
from newsqa.qa.glossary_io import load_glossary
from newsqa.qa.warm import warm, _warmed
checker = Checker(load_glossary("seeds/glossary.tbx"))
before = (gazetteer._index.cache_info().currsize, sound_alike._names.cache_info().currsize)
warm(checker)
after = (gazetteer._index.cache_info().currsize, sound_alike._names.cache_info().currsize)
warm(checker)  # once per checker: the second call runs nothing
print(before, after, checker in _warmed, len(_warmed))
"""


def test_warm_loads_the_lazily_read_tables_once_per_checker():
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True).stdout.split("\n")[0]
    assert out == "(0, 0) (1, 1) True 1"
