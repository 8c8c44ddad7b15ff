"""Rivers (qa/rivers.py): the English of a river named in any case, and the name finder's use of it."""

import pytest
from hypothesis import given, strategies as st

from newsqa.qa import rivers
from newsqa.qa.names import find_names


@pytest.mark.parametrize("words, lang, english", [
    (["Tigar"], "sr", "Tigris"), (["Tigra"], "sr", "Tigris"), (["Тигру"], "sr", "Tigris"),
    (["Eufrata"], "hr", "Euphrates"), (["Amu", "Darje"], "sr", "Amu Darya"),
    (["Šat", "el", "Araba"], "sr", "Shatt al-Arab"), (["Шат", "ел", "Араб"], "mk", "Shatt al-Arab"),
    (["Plavog", "Nila"], "sr", "Blue Nile"), (["Malog", "Zaba"], "sr", "Little Zab"),
    (["Ibru"], "sr", "Ibar"), (["Dnjepra"], "sr", "Dnieper"), (["Дњестру"], "sr", "Dniester"),  # the fleeting a
])
def test_a_river_in_any_case_gives_its_english(words, lang, english):
    assert rivers.english(words, lang) == english


@pytest.mark.parametrize("words", [["tigar"], ["Tigrana"], ["Dnjipro"], ["Nilski"]])
def test_other_words_are_no_river(words):
    assert rivers.english(words, "sr") is None  # Dnjipro is the city Dnipro, not the Dnieper


@given(st.sampled_from(sorted(" ".join(k) for k in rivers._table())))
def test_every_rivers_nominative_gives_a_river_when_capitalised(form):
    words = [w.capitalize() for w in form.split()]
    assert rivers.english(words, "sr") is not None


def test_the_name_finder_takes_a_river_the_engine_reads_as_a_word():
    # Tigar is "tiger" to the engine's dictionary; the name finder writes the river
    names = find_names("Brana na Tigru je oštećena, a Amu Darja i Šat el Arab presušuju.", "sr")
    assert [n.english for n in names] == ["Tigris", "Amu Darya", "Shatt al-Arab"]


def test_a_river_is_weighed_before_a_city_of_its_declined_name():
    # na Ibru: the Ibar, not Iba in the Philippines, which GeoNames offers for the nominative Ibra
    assert [n.english for n in find_names("Most na Ibru je ponovo zatvoren.", "sr")] == ["Ibar"]
