"""The glossary step's variant search (qa.terms.variant_of) blocked by first word gives what a full
scan of the glossary's source terms gives, on the starter glossary and on edited spellings of it."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newsqa.qa import Checker, terms
from newsqa.qa.glossary_io import load_glossary
from newsqa.qa.names import Name
from newsqa.qa.normalize import fold
from newsqa.seeds import __file__ as seeds_init

GLOSSARY = load_glossary(Path(seeds_init).with_name("glossary.tbx"))
CHECKER = Checker(GLOSSARY)
SOURCE_FORMS = sorted({t.text for e in GLOSSARY for t in e.terms if not t.lang.startswith("en")})


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
    assert terms.variant_of(CHECKER, name(edited)) == terms.variant_by_scan(CHECKER, edited)


def test_a_possessive_reading_admits_a_letter_changed_not_one_more():
    """Esadov režim is Assad's regime (Esad for Asad, a vowel changed); Saratovu, read as a
    possessive (Sarat), is no Šara, one letter longer: the cut ending may itself be the stem's."""
    esadov = Name(0, 6, "Esadov", "Esad", "Esad", True, False, False, False, ("esad",))
    saratovu = Name(0, 8, "Saratovu", "Sarat", "Sarat", False, False, False, False, ("sarat",))
    assert terms.variant_of(CHECKER, esadov) == "bashar-al-assad"
    assert terms.variant_of(CHECKER, saratovu) is None
    assert terms.variant_by_scan(CHECKER, "Sarat", owner=True) is None
    assert terms.variant_by_scan(CHECKER, "Sarat") == "ahmed-al-sharaa"  # the same letters as a plain name
