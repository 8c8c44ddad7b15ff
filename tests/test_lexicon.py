"""The lexicon votes (worker/lexicon.py): hunspell's dictionaries through libhunspell, and wordfreq's
lists for Cyrillic. CI installs the dictionaries (the README's test command): a missing one fails
here rather than quietly weakening detection."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from newsqa.worker import hbs, lexicon
from newsqa.worker.langid import detect

HBS_AND_SL = ("hr", "sr", "bs", "sl")


def test_every_dictionary_is_loaded():
    assert lexicon.available() == {standard: True for standard in HBS_AND_SL}


@pytest.mark.parametrize("word, standards", [
    ("cijevi", {"hr", "bs"}),      # ijekavian: its ekavian twin "cevi" is a Serbian word only
    ("cevi", {"sr"}),              # ekavian: its ijekavian twin "cijevi" is Croatian
    ("dečji", {"sr"}),
    ("dječji", {"hr", "bs"}),
    ("uhitila", {"hr"}),           # Croatian's own verb; Serbian and Bosnian "uhapsila"
    ("ubistvo", {"sr", "bs"}),     # Croatian writes "ubojstvo"
    ("kahve", {"sr", "bs"}),       # only the large Serbian dictionary knows it: not evidence against Bosnian
    ("njega", set()),              # "nje" is no jat: "nega" is another word
    ("vlada", set()),              # a word of all three
    ("netanyahu", set()),          # nobody's word
    ("x" * 50, set()),             # no word at all
])
def test_a_word_votes_for_the_standards_whose_dictionaries_accept_it(word, standards):
    assert lexicon.hbs_votes(word) == standards


def test_a_capitalised_word_counts_at_a_sentence_start_only():
    # "Zenici" is a city mid-sentence; at the start, "Zenici" would be the eye's pupil (ekavian).
    assert hbs.votes("Voda u Zenici", lexicon.hbs_votes) == {}
    assert hbs.votes("Deca su tu. Cevi su pukle.", lexicon.hbs_votes) == {"sr": 2}  # a marker, then the lexicon


def test_slovene_words_are_told_from_serbo_croatian_ones():
    slovene, shared = lexicon.slovene_or_hbs("Vlada je sprejela predlog proračuna za prihodnje leto.")
    assert slovene >= 2 and shared == 0  # "predlog" and "leto" are Slovene words too
    slovene, shared = lexicon.slovene_or_hbs("Vlada je usvojila prijedlog budžeta za narednu godinu.")
    assert shared >= 2 and slovene == 0


def test_frequent_words_of_one_cyrillic_language():
    assert lexicon.cyrillic_votes("Цените на горивата отново се повишиха")["bg"] >= 1
    assert lexicon.cyrillic_votes("Во Скопје денеска се одржа протест")["mk"] >= 1


def test_without_the_dictionaries_detection_falls_back_to_the_markers(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSQA_HUNSPELL_DIR", str(tmp_path))  # an empty folder
    caches = (lexicon.dictionary, lexicon._knows, lexicon.hbs_votes)
    for cache in caches:
        cache.cache_clear()
    try:
        assert lexicon.available() == {standard: False for standard in HBS_AND_SL}
        assert lexicon.hbs_votes("cijevi") == set() and lexicon.slovene_or_hbs("leto") is None
        assert detect("Predsednik je posle sednice rekao da će se cene menjati.").language == "sr"  # markers
    finally:
        monkeypatch.undo()
        for cache in caches:
            cache.cache_clear()
    assert lexicon.available()["hr"]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_any_word_gets_an_answer_never_an_error(word):
    # Letters the Bosnian dictionary's ISO 8859-2 cannot hold, surrogates, NULs: never an exception.
    assert lexicon.hbs_votes(word) <= {"sr", "hr", "bs"}
    assert lexicon.accepted_by(word, HBS_AND_SL) <= set(HBS_AND_SL)
