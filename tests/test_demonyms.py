"""Demonym nouns (qa/demonyms.py): the English noun for a people's name in any case, and the name
finder's use of it (a demonym is rendered, not romanised, and is no spelling of a glossary name)."""

import pytest
from hypothesis import given, strategies as st

from newsqa.qa import demonyms
from newsqa.qa.checker import Checker
from newsqa.qa.glossary_io import load_glossary
from newsqa.qa.names import find_names
from newsqa.qa.terms import protect

from pathlib import Path

GLOSSARY = Path(__file__).resolve().parent.parent / "seeds" / "glossary.tbx"


@pytest.mark.parametrize("word, lang, english", [
    ("Palestinci", "sr", "Palestinians"), ("Palestinaca", "sr", "Palestinians"),
    ("Palestincima", "hr", "Palestinians"), ("Palestinca", "sr", "Palestinian"),
    ("Palestinka", "bs", "Palestinian"),
    ("Iračana", "sr", "Iraqis"), ("Iračaninom", "sr", "Iraqi"), ("Kuvajćanka", "sr", "Kuwaiti"),
    ("Kurdima", "sr", "Kurds"), ("Kurdom", "sr", "Kurd"),
    ("Grka", "sr", "Greeks"), ("Grke", "hr", "Greeks"), ("Turaka", "hr", "Turks"),
    ("Židova", "hr", "Jews"), ("Јевреја", "sr", "Jews"),
    ("Палестинците", "mk", "Palestinians"), ("Евреите", "mk", "Jews"), ("Американецот", "mk", "American"),
    ("Brazilac", "sr", "Brazilian"), ("Švicarcima", "hr", "Swiss"), ("Холанѓаните", "mk", "Dutch"),
    ("Slovakom", "sr", "Slovak"), ("Slovaka", "sr", "Slovaks"),  # of Slovaks, as news most often means
])
def test_a_demonym_in_any_case_gives_its_english(word, lang, english):
    assert demonyms.english(word, lang) == english


@pytest.mark.parametrize("word", ["palestinci", "Palestina", "Sirija", "Beograd", "Kurdistan"])
def test_other_words_are_no_demonyms(word):
    assert demonyms.english(word, "sr") is None


@given(st.sampled_from(sorted(demonyms._table())))
def test_only_a_capitalised_form_is_a_people(form):
    assert demonyms.english(form.capitalize(), "sr") is not None
    assert demonyms.english(form, "sr") is None


def test_the_name_finder_renders_a_demonym_and_ends_a_name_at_it():
    found = find_names("Pomoć Palestincima iz Gaze stiže, a Palestinci Gaze čekaju.", "sr")
    people = [(n.text, n.english) for n in found if n.people]
    assert people == [("Palestincima", "Palestinians"), ("Palestinci", "Palestinians")]
    assert all(n.verified for n in found if n.people)


def test_a_place_geonames_names_so_is_no_demonym():
    found = find_names("Sastanak je održan u gradu Ruse u Bugarskoj.", "sr")
    assert not any(n.people for n in found)


def test_a_demonym_is_no_spelling_variant_of_a_glossary_country():
    checker = Checker(load_glossary(GLOSSARY))
    protected = protect(checker, "Американците и Русите преговараат.", "mk")
    assert [(s.english, s.entity) for s in protected.slots] == [("Americans", ""), ("Russians", "")]


def test_a_demonym_s_form_after_a_given_name_is_a_surname():
    # Finci is the Finns and a Sarajevo family's name: after Jakob it continues his name
    names = find_names("Predsjednik zajednice Jakob Finci zahvalio je muzeju, a Finci su slavili.", "bs")
    assert [(n.text, n.people) for n in names] == [("Jakob Finci", False), ("Finci", True)]
