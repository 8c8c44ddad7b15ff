"""The shipped given names (seeds/given_names.tsv.gz) and what they keep english_spelling from doing."""

from __future__ import annotations

import gzip
from importlib import resources

from hypothesis import given, strategies as st

from newsqa.qa import given_names
from newsqa.qa.names import english_spelling
from newsqa.qa.normalize import fold
from seeds.build_given_names import MIN_PEOPLE, MIN_SOURCES, rows


def test_a_given_name_is_not_respelt_as_an_english_word():
    # by sound alone these are "Maid" and "Fatty"; a given name is spelt as one
    assert english_spelling("Majid") is None
    assert english_spelling("Fatih") is None
    assert english_spelling("Fathi") is None


def test_a_given_name_still_takes_a_given_names_english_spelling():
    assert english_spelling("Husein") == "Hussein"  # both given names
    assert english_spelling("Grosi") == "Grossi"  # no given name: a surname's spelling as before


def test_a_given_name_that_sounds_like_a_city_takes_the_city_s_spelling():
    # Riyad is a given name, and Serbian Rijad is the city English writes Riyadh
    assert english_spelling("Riyad") == "Riyadh"


def test_rows_keep_names_that_enough_sources_attest_and_fold_them():
    data = {
        "majid": [25, 3447, 0.003, 3],
        "maid": [MIN_SOURCES - 1, 185, 0.219, 3],  # too few sources
        "fatty": [3, 3, 0.5, 0],              # too few of either
        "rare": [MIN_SOURCES, MIN_PEOPLE - 1, 0.5, 3],
        "Çelik": [MIN_SOURCES, MIN_PEOPLE, 0.0, 3],
        "celik": [MIN_SOURCES + 5, MIN_PEOPLE * 2, 0.0, 3],  # folds like Çelik: the better figures stay
        "jean-paul": [30, 10_000, 0.0, 3],    # not one word
    }
    assert rows(data) == [("celik", MIN_SOURCES + 5, MIN_PEOPLE * 2), ("majid", 25, 3447)]


@given(st.dictionaries(st.text(max_size=12), st.tuples(st.integers(0, 40), st.integers(0, 10_000)), max_size=8))
def test_rows_are_keyed_as_the_lookups_fold_and_keep_only_plain_letters(data):
    out = rows({name: [s, p, 0.0, 3] for name, (s, p) in data.items()})
    assert [name for name, *_ in out] == sorted({name for name, *_ in out})
    for name, sources, people in out:
        assert name.isascii() and name.isalpha() and name == fold(name)
        assert sources >= MIN_SOURCES and people >= MIN_PEOPLE


def test_the_shipped_file_holds_only_widely_attested_one_word_names():
    with resources.files("newsqa.seeds").joinpath(given_names.GIVEN_NAMES).open("rb") as raw:
        lines = gzip.open(raw, "rt", encoding="utf-8").read().splitlines()
    parsed = [(n, int(s), int(p)) for n, s, p in (line.split("\t") for line in lines)]
    assert len(parsed) > 5000
    assert [n for n, _, _ in parsed] == sorted({n for n, _, _ in parsed})
    assert all(n.isascii() and n.isalpha() and n.islower() and s >= MIN_SOURCES and p >= MIN_PEOPLE
               for n, s, p in parsed)
    assert given_names.common_given_name("majid") and not given_names.common_given_name("maid")
    # a given name at all: fewer lists will do (Mazlum Abdi), a romanisation gone wrong has none
    assert given_names.given_name("mazlum") and not given_names.common_given_name("mazlum")
    assert not given_names.given_name("entoni") and not given_names.given_name("zhozef")
