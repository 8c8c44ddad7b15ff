"""Saints (qa/saints.py): the English of a saint named in any case, and the name finder's use of it.
Cases written for these tests."""

import pytest
from hypothesis import given, strategies as st

from newsqa.qa import saints
from newsqa.qa.names import find_names


@pytest.mark.parametrize("words, lang, english", [
    (["Sveti", "Sava"], "sr", "Saint Sava"), (["Svetog", "Save"], "sr", "Saint Sava"),
    (["Svetog", "Marka"], "hr", "Saint Mark"), (["Svetog", "Đorđa"], "sr", "Saint George"),
    (["Svetog", "Petra"], "bs", "Saint Peter"),  # the fleeting a: Petar
    (["Svete", "Marije"], "hr", "Saint Mary"), (["Светог", "Николе"], "sr", "Saint Nicholas"),
    (["Свети", "Наум"], "mk", "Saint Naum"), (["Свети", "Апостол", "Павле"], "mk", "Saint Paul the Apostle"),
])
def test_a_saint_in_any_case_gives_the_english_saint(words, lang, english):
    assert saints.english(words, lang) == english


@pytest.mark.parametrize("words", [["Sava"], ["Svetih", "Ljudi"], ["Sveti", "Nepoznati"], ["Velikog", "Marka"],
                                   ["Sveti", "Ivan", "Zelina"]])
def test_other_words_are_no_saint(words):
    assert saints.english(words, "sr") is None


@given(st.sampled_from(sorted(saints._table())))
def test_every_saint_s_nominative_after_sveti_gives_a_saint(name):
    assert saints.english(["Sveti", name.capitalize()], "sr") is not None


def test_the_name_finder_writes_the_saint_but_keeps_a_town_named_after_one():
    names = find_names("Vernici su se okupili u crkvi Svetog Marka, a manastir Svetog Đorđa je obnovljen.", "sr")
    assert [n.english for n in names] == ["Saint Mark", "Saint George"]  # not Markovci, a Slovene village
    names = find_names("Жителите на Свети Николе го посетија манастирот Свети Наум.", "mk")
    assert [(n.english, n.place) for n in names] == [("Sveti Nikole", "MK"), ("Saint Naum", None)]


@pytest.mark.parametrize("text, lang, english", [
    ("Papa Lav XIV je posetio Liban.", "sr", ["Leo XIV", "Lebanon"]),
    ("Sastao se sa papom Lavom XIV u Vatikanu.", "hr", ["Leo XIV", "Vatican City"]),  # declined: Lavom
    ("Папата Лав XIV пристигна во Бејрут.", "mk", ["Leo XIV", "Beirut"]),
    ("Ekumenski patrijarh Vartolomej I služio je liturgiju.", "sr", ["Bartholomew I"]),
    ("Kralj Karlo III otvorio je izložbu.", "hr", ["Charles III"]),
    ("Poruka pape Franje stigla je u Sarajevo.", "bs", ["Francis", "Sarajevo"]),  # a pope without a number
])
def test_a_pope_s_or_king_s_name_is_the_english_saint_s_with_its_number(text, lang, english):
    # the engine reads Lav as "lion", and XIV alone passed as an acronym
    assert [n.english for n in find_names(text, lang)] == english


def test_a_regnal_number_after_a_name_the_table_does_not_know_changes_nothing():
    # the house style romanises Mohamed as any name; a table name not after papa is no pope (Franja Tuđmana)
    assert saints.regnal("Mohamed", "VI") is None and saints.regnal("Lav", "XL") is None
    assert saints.regnal("Lav", "XIV", "sr") == ("Leo XIV", "Lav XIV")
    assert [n.english for n in find_names("Kralj Mohamed VI stigao je u Rabat.", "sr")][:1] == ["Mohamed"]
    assert saints.pope("predsjednika", "Franje") is None


@given(st.integers(min_value=1, max_value=39))
def test_every_regnal_number_to_39_is_read(n):
    numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    roman, left = "", n
    for value, letters in numerals:
        while left >= value:
            roman, left = roman + letters, left - value
    assert saints.regnal("Benedikt", roman) == (f"Benedict {roman}", f"Benedikt {roman}")
