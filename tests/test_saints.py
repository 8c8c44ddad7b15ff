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
