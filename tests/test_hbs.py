"""Serbian, Croatian and Bosnian told apart by their words (worker/hbs.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from newsqa.worker.hbs import decide, montenegrin, standard_ijekavian, votes


@pytest.mark.parametrize("text, standard", [
    ("Predsednik je posle sednice rekao da će se cene menjati.", "sr"),      # ekavian
    ("Predsjednik je poslije sjednice rekao da će se cijene mijenjati.", None),  # ijekavian alone: hr or bs
    ("Predsjednik je poslije sjednice tijekom tjedna priopćio odluku.", "hr"),
    ("Predsjednik je poslije sjednice tokom sedmice saopćio odluku.", "bs"),   # ijekavian + shared words
    ("Hiljade ljudi", None),                                                  # Serbian or Bosnian: a tie
    ("Policija je uhapsila vozača koji je povredio dvoje dece.", "sr"),
    ("Policija je uhitila vozača koji je ozlijedio dvoje djece.", "hr"),
])
def test_words_decide_the_standard(text, standard):
    assert decide(text)[0] == standard


@pytest.mark.parametrize("text, expected", [
    ("kolone na granici sa Mađarskom", {"sr": 1, "bs": 1}),   # Croatian: "s Mađarskom"
    ("kolone na granici s Mađarskom", {}),
    ("razgovor sa Srbijom", {}),                               # "sa" before s, z, š, ž: every standard
    ("došao je sa mnom", {}),
    ("građani mogu da plaćaju karticom", {"sr": 1, "bs": 1}),  # Croatian: "mogu plaćati"
    ("radovi bi trebalo da budu gotovi", {"sr": 1, "bs": 1}),
    ("rekao je da dolazi", {}),                                # "da" after a verb of saying: every standard
])
def test_phrases_croatian_avoids(text, expected):
    assert votes(text) == expected


def test_a_word_votes_once_and_nouns_ending_like_a_future_do_not_vote():
    assert votes("piće") == {} and votes("biće")["sr"] == 1
    assert votes("plaće") == {}  # salaries (Croatian), not a fused future
    assert votes("održaće")["sr"] == 1
    assert sum(votes("predsjednik").values()) == 2  # one word: one vote for each standard it belongs to


@given(st.text(max_size=300))
def test_any_text_gets_an_answer_or_none(text):
    standard, counts = decide(text)
    assert standard in (None, "sr", "hr", "bs")
    assert all(n > 0 for n in counts.values())
    if standard:
        assert counts[standard] == max(counts.values())


@pytest.mark.parametrize("text, count, spelled", [
    ("Śednica će biti održana śutra.", 2, "Sjednica će biti održana sjutra."),
    ("Đe su bili? Niđe, ovđe i onđe.", 4, "Gdje su bili? Nigdje, ovdje i ondje."),
    ("Iźesti sve", 1, "Izjesti sve"),
    ("Đoković je pobijedio.", 0, "Đoković je pobijedio."),   # đ in a name is every standard's letter
    ("Predsjednik je rekao gdje je bio.", 0, "Predsjednik je rekao gdje je bio."),
])
def test_montenegrin_spelling_is_seen_and_spelled_as_standard_ijekavian(text, count, spelled):
    assert montenegrin(text) == count
    assert standard_ijekavian(text) == spelled


@given(st.text(max_size=200))
def test_standard_ijekavian_touches_only_montenegrin_spellings(text):
    out = standard_ijekavian(text)
    assert standard_ijekavian(out) == out  # once is enough
    assert not set(out) & set("śźŚŹ")
    if not set(text) & set("śźŚŹđĐ"):
        assert out == text
