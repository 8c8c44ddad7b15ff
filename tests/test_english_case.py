"""How English writes a word's first letter (seeds/english_case.tsv.gz, from en_US) and what it keeps
english_spelling from doing: respelling a name as an ordinary word."""

from __future__ import annotations

import gzip
from importlib import resources

from hypothesis import given, strategies as st

from newsqa.qa import english
from newsqa.qa.names import english_spelling
from newsqa.qa.normalize import fold
from seeds.build_english_case import rows


def test_a_name_is_not_respelt_as_a_word_english_writes_only_in_lower_case():
    # by sound these are the words litany, sash and fuzzy; the river, the party and the man keep their names
    assert english_spelling("Litani") is None
    assert english_spelling("Shas") is None
    assert english_spelling("Fouzi") is None
    # a spelling English writes as a name, also where it is a word too, is still taken
    assert english_spelling("Husein") == "Hussein"
    assert english_spelling("Grosi") == "Grossi"
    assert english_spelling("Beri") == "Berry"  # Berry and berry: a name as well (here the wrong one)
    # and a word that is the name with the double letters Serbian drops is still the name (Yoav Gallant)
    assert english_spelling("Galant") == "Gallant"


def test_a_frequent_name_is_a_spelling_only_with_the_double_letters_serbian_drops():
    # Bennett is frequent (zipf 4.0) but English writes it only as a name, and it is Benet doubled
    assert english_spelling("Benet") == "Bennett"
    # Danny is frequent too, but no doubling of Dani: a name of its own (Dani Alves)
    assert english_spelling("Dani") is None


def test_a_word_of_three_letters_is_respelt_only_for_a_far_commoner_name():
    # English writes Kac, an attested word, far less often than Katz (Israel Katz): Serbian c is tz
    assert english_spelling("Kac") == "Katz"
    # Tel (Tel Aviv) is attested, and "tell" is an ordinary word: it stays
    assert english_spelling("Tel") is None


def test_rows_tell_names_words_and_both_and_skip_acronyms():
    lines = ["7", "Berry/M", "berry/GDSM", "sash/MS", "Hussein/M", "NATO/M", "X", "Çelik"]
    assert rows(lines) == [("berry", "NW"), ("celik", "N"), ("hussein", "N"), ("sash", "W")]


@given(st.lists(st.text(max_size=10), max_size=12))
def test_rows_are_folded_sorted_and_of_three_kinds(words):
    out = rows(["0"] + [w + "/M" for w in words])
    assert [w for w, _ in out] == sorted({w for w, _ in out})
    for word, kind in out:
        assert word == fold(word) and kind in ("N", "W", "NW")


def test_the_shipped_file_has_the_cases_we_rely_on():
    with resources.files("newsqa.seeds").joinpath(english.ENGLISH_CASE).open("rb") as raw:
        table = dict(line.rstrip("\n").split("\t") for line in gzip.open(raw, "rt", encoding="utf-8"))
    assert len(table) > 50_000
    assert (table["litany"], table["hussein"], table["berry"]) == ("W", "N", "NW")
    assert english.lower_case_only("sash") and not english.lower_case_only("roy")
    assert not english.lower_case_only("netanjahu")  # a word it does not list is no ordinary word


def test_the_vowel_of_cut_that_serbian_writes_a_is_english_u():
    # Serbian and Macedonian write English's u (ou) as a: the name English writes with a capital and far
    # more often comes back, also where the romanisation is an ordinary word English writes in lower case
    assert english_spelling("Tramp") == "Trump"
    assert english_spelling("Hanter") == "Hunter"
    assert english_spelling("Rasel") == "Russell"
    assert english_spelling("Daglas") == "Douglas"
    # only the vowel (and double letters) may differ: Radij's Radiy is no Rudy
    assert english_spelling("Radiy") is None
    # an Arabic name's a is Arabic's, and a name English writes as romanised keeps it
    assert english_spelling("Tramp", arabic=True) is None
    assert english_spelling("Salman") is None
    assert english_spelling("Hamas") is None


def test_a_serbian_or_macedonian_source_s_trump_is_trump():
    from newsqa.qa.names import find_names

    assert [n.english for n in find_names("Američki predsednik Donald Tramp doputovao je u Rijad.", "sr")] \
        == ["Donald Trump", "Riyadh"]
    assert [n.english for n in find_names("Претседателот Доналд Трамп изјави дека ќе дојде.", "mk")] \
        == ["Donald Trump"]
