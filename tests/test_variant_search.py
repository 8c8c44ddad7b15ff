"""The glossary step's variant search (qa.terms.variant_of) blocked by first word gives what a full
scan of the glossary's source terms gives, on the starter glossary and on edited spellings of it."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newsqa.qa import Checker, terms
from newsqa.qa.glossary_io import load_glossary
from newsqa.qa.index import NAME_ARTICLES
from newsqa.qa.names import Name
from newsqa.qa.normalize import fold, tokenize
from newsqa.seeds import __file__ as seeds_init

GLOSSARY = load_glossary(Path(seeds_init).with_name("glossary.tbx"))
CHECKER = Checker(GLOSSARY)
SOURCE_FORMS = sorted({t.text for e in GLOSSARY for t in e.terms if not t.lang.startswith("en")})


def full_scan(checker: Checker, lemma: str) -> str | None:
    """The search as a plain scan of every source term of as many words (what the table must equal)."""
    words = [t.norm for t in tokenize(lemma, "sr") if t.norm not in NAME_ARTICLES]
    if not words:
        return None
    options = [{w} | {fold(c) for c in terms.lemma_candidates(w)} for w in words]
    for item in checker.index.source_terms(len(words)):
        norms = [n for n in item.norms if n not in NAME_ARTICLES]
        if len(norms) != len(words):
            continue
        person = checker.index.entity_type(item.entity) == "person"
        if len(words) == 1 and len(words[0]) < 5 and not (person and item.implicit):
            continue
        if all(any(terms._close(a, b, person) for a in opts) for opts, b in zip(options, norms)):
            return item.entity
    return None


def name(lemma: str) -> Name:
    return Name(0, len(lemma), lemma, lemma, lemma, False, False, False, False, (fold(lemma),))


def test_known_variants_are_found():
    assert terms.variant_of(CHECKER, name("Hizbulah")) == "hezbollah"
    assert terms.variant_of(CHECKER, name("Halep")) == "aleppo"


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(SOURCE_FORMS), st.integers(0, 40), st.sampled_from(["", "a", "e", "x", "h"]),
       st.booleans())
def test_the_blocked_search_equals_a_full_scan(form, at, letter, drop):
    """Edited forms of the glossary's own source terms: a letter dropped, changed or added."""
    at = at % (len(form) + 1)
    edited = form[:at] + letter + form[at + (1 if drop else 0):]
    assert terms.variant_of(CHECKER, name(edited)) == full_scan(CHECKER, edited)
