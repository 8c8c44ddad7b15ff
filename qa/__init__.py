"""newsqa's domain: glossaries of entity names and the checks that use them.

Plain Python on purpose: no Celery, web or database imports, so the checker can be used as a
library, from a notebook or a worker alike, and tested alone.

Typical use::

    from newsqa.qa import load_glossary, Checker
    checker = Checker(load_glossary("seeds/glossary.tbx"))
    for flag in checker.check(translation, source=source, source_lang="sr"):
        print(flag.kind, flag.found, "->", flag.suggestion)
"""

from newsqa.qa.errors import GlossaryError, GlossaryFormatError, NewsqaError
from newsqa.qa.model import Entity, Glossary, Status, Term
from newsqa.qa.glossary_io import load_glossary, save_glossary
from newsqa.qa.flags import Flag
from newsqa.qa.checker import Checker

__all__ = [
    "Checker",
    "Entity",
    "Flag",
    "Glossary",
    "GlossaryError",
    "GlossaryFormatError",
    "NewsqaError",
    "Status",
    "Term",
    "load_glossary",
    "save_glossary",
]
