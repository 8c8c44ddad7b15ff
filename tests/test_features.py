"""A common noun for a kind of place before a name (qa/features.py) and the glossary step that
writes the two as one English name. Cases written for these tests (not taken from the eval sets)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsqa.qa import features
from newsqa.qa.names import Reading
from newsqa.qa.terms import protect


@pytest.mark.parametrize("word, lang, english", [
    ("brane", "sr", "{} Dam"), ("branom", "hr", "{} Dam"), ("браната", "mk", "{} Dam"),
    ("jezeru", "sr", "Lake {}"), ("езерото", "mk", "Lake {}"),
    ("rijeke", "hr", "{} River"), ("reci", "sr", "{} River"), ("џамијата", "mk", "{} Mosque"),
    ("kampu", "bs", "{} camp"), ("polja", "sr", "{} field"),
])
def test_a_noun_for_a_kind_of_place_in_any_case_has_its_english_pattern(word, lang, english):
    assert features.english_of(word, lang) == english


@pytest.mark.parametrize("word", [
    "reći",        # to say: diacritics are kept, so no River
    "branioci",    # defenders: no case ending of brana
    "kampanja",    # a campaign
    "poljoprivrede",
    "Rijeka",      # a capital: the city's own name
    "Polje",
])
def test_other_words_are_no_noun_of_the_table(word):
    assert features.english_of(word, "hr") is None


@given(st.text(alphabet="abcdefghijklmnoprstuvzčćšžđ ", max_size=40))
def test_head_before_finds_a_noun_only_right_before_the_name(prefix):
    source = prefix + "Dukan"
    head = features.head_before(source, len(prefix), "sr")
    if head is not None:
        start, english = head
        assert source[start:len(prefix)].endswith(" ")
        assert features.english_of(source[start:len(prefix)].strip(), "sr") == english


def _protected(seed_checker, text: str, lang: str = "sr") -> list[str]:
    unknown = {w.strip(".,"): Reading("unknown") for w in text.split() if w[:1].isupper()}
    return [r.english for r in protect(seed_checker, text, lang, unknown).slots]


def test_the_noun_and_the_name_become_one_english_name(seed_checker):
    assert "Dukan Dam" in _protected(seed_checker, "Voda se prelila preko brane Dukan.")
    assert "Al-Awda Hospital" in _protected(seed_checker, "Granata je pala kod bolnice Al-Avda.")


def test_a_person_after_an_office_s_noun_is_no_place_s_name(seed_checker):
    slots = _protected(seed_checker, "To je rekao ravnatelj muzeja Derviš Korkut.", "hr")
    assert not any("Museum" in s for s in slots)


@pytest.mark.parametrize("word, lang, english", [
    ("areni", "sr", "{} Arena"), ("arena", "hr", "{} Arena"), ("арената", "mk", "{} Arena"), ("hali", "sr", "{} Hall"),
])
def test_a_noun_written_after_its_name_is_asked_for_apart(word, lang, english):
    assert features.english_of(word, lang, after=True) == english
    assert features.english_of(word, lang) is None  # "arena Kingdom" is no arena's name


def test_a_hall_s_name_before_its_noun_becomes_one_english_name(seed_checker):
    # a sponsor's or a person's name before arena, hala: the English name puts the noun last too
    assert "Kingdom Arena" in _protected(seed_checker, "Finale je odigrano u Kingdom areni.")
    assert "Aleksandar Nikolić Hall" in _protected(seed_checker, "Partizan igra u Aleksandar Nikolić hali.")
    assert features.head_after("u Kingdom areni.", len("u Kingdom"), "sr") == (len("u Kingdom areni"), "{} Arena")
    assert features.head_after("u Kingdom halucinira.", len("u Kingdom"), "sr") is None
