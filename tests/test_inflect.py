import pytest
from hypothesis import given, strategies as st

from newsqa.qa.inflect import SUFFIXES, base_forms, inflects


@pytest.mark.parametrize("word, lemma", [
    ("kirkuku", "kirkuk"), ("kirkuka", "kirkuk"), ("mosulom", "mosul"),   # masculine cases
    ("ankari", "ankara"), ("ankare", "ankara"), ("ankarom", "ankara"),   # feminine
    ("fidanovoj", "fidan"), ("barzanijevom", "barzani"),                 # possessive adjectives
    ("hutija", "huti"), ("hutijima", "huti"),                            # epenthetic j
    ("egipta", "egipat"),                                                # fleeting a
    ("belih", "beli"), ("sivim", "sivi"),                                # plural adjectives' cases
    ("zapadniot", "zapaden"),                                            # Macedonian fleeting e
    ("turskoj", "turska"), ("hezbolaha", "hezbolah"),
    ("kirkukot", "kirkuk"), ("turcijata", "turcija"),                   # Macedonian articles
])
def test_inflected_forms_reach_their_lemma(word, lemma):
    assert inflects(word, lemma)


@pytest.mark.parametrize("word, lemma", [
    ("sirijska", "sirija"),
    ("hamas", "hama"),         # another name
    ("sad", "sada"),
    ("ankaran", "ankara"),
])
def test_other_words_do_not(word, lemma):
    assert not inflects(word, lemma)


@given(st.from_regex(r"[a-z]{2,8}[bdgklmnprstvz]", fullmatch=True), st.sampled_from(SUFFIXES))
def test_any_suffix_on_a_consonant_stem_is_undone(stem, suffix):
    assert stem in base_forms(stem + suffix)
