"""English names a romanisation may stand for by sound (qa/sound_alike.py), offered as the suggestion
of an unverified name's flag. Cases written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from newsqa.qa import sound_alike


@pytest.mark.parametrize("romanised, english", [
    ("Entoni", "Anthony"), ("Jeyms", "James"), ("Zhozef", "Joseph"), ("Makenzi", "Mackenzie"),
    ("Hauard", "Howard"), ("Teksas", "Texas"), ("Kadilak", "Cadillac"), ("Stiv", "Steve"),
])
def test_a_western_name_written_as_heard_has_its_english_spelling(romanised, english):
    assert sound_alike.english_name(romanised) == english


@pytest.mark.parametrize("romanised", [
    "Nevatim", "Iravani", "Mohajerani", "Dagalo",  # names English has no other spelling of
    "Danab", "Sulay",  # a rare English word (Danube, Sully) is no suggestion worth an editor's time
    "James",  # a word that is English's name already
    "Abdulrahmanovichev",  # too long to be one Western name
])
def test_no_suggestion_where_english_has_no_sound_alike_name(romanised):
    assert sound_alike.english_name(romanised) is None


@given(st.text(alphabet="abcdefghijklmnoprstuvyzčšžđ", min_size=0, max_size=16))
def test_a_suggestion_is_a_frequent_english_name_and_never_the_word_itself(word):
    found = sound_alike.english_name(word)
    if found is not None:
        names, _ = sound_alike._names()
        assert found.lower() in names and found.lower() != word.lower()
        assert names[found.lower()] >= sound_alike.NAME_ZIPF


def test_the_unverified_flag_suggests_the_sound_alike(seed_checker):
    source = "Američki državni sekretar Entoni Blinken stigao je u Bejrut."
    flags = [f for f in seed_checker.check("US Secretary of State Entoni Blinken arrived in Beirut.", source, "sr")
             if f.kind == "unverified_name"]
    assert [(f.found, f.suggestion) for f in flags] == [("Entoni", "Anthony")]


def test_only_a_common_given_name_is_suggested_for_a_given_name():
    assert sound_alike.given_name_for("Entoni") == "Anthony"
    assert sound_alike.given_name_for("Zhozef") == "Joseph"
    assert sound_alike.english_name("Teksas") == "Texas" and sound_alike.given_name_for("Teksas") is None
    assert sound_alike.given_name_for("Kadilak") is None  # Cadillac: no one's given name


def test_no_sound_alike_for_a_surname_or_a_name_of_one_word(seed_checker):
    # Baykar (one word, a company) stays without a suggestion; it is no Western given name
    source = "Turska kompanija Bajkar isporučila je dronove."
    flags = [f for f in seed_checker.check("Turkish company Baykar delivered drones.", source, "sr")
             if f.kind == "unverified_name"]
    assert all(f.suggestion is None for f in flags)
