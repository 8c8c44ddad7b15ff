"""Religious feasts by their South Slavic names (qa/feasts.py), and the glossary step that writes them
in English. Cases written for these tests (not taken from the eval sets)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsqa.qa.feasts import FEASTS, feasts
from newsqa.qa.names import find_names


def found(text: str, lang: str) -> list[tuple[str, str]]:
    return [(text[a:b], english) for a, b, english in feasts(text, lang)]


@pytest.mark.parametrize("text, lang, expected", [
    ("Tokom ramazana džamije su pune do kasno.", "sr", [("ramazana", "Ramadan")]),
    ("Uoči Božića i Uskrsa crkve su bile pune.", "hr", [("Božića", "Christmas"), ("Uskrsa", "Easter")]),
    ("Продавници беа затворени за Велигден и Божиќ.", "mk", [("Велигден", "Easter"), ("Божиќ", "Christmas")]),
    ("Пред Рош Хашану израелска влада је одлучила.", "sr", [("Рош Хашану", "Rosh Hashanah")]),
    ("Napadi su počeli uoči Jom Kipura, a završili posle Pashe.", "sr",
     [("Jom Kipura", "Yom Kippur"), ("Pashe", "Passover")]),
    ("Prvi dan Kurban-bajrama pao je u petak, a Ramazanski bajram u martu.", "bs",
     [("Kurban-bajrama", "Eid al-Adha"), ("Ramazanski bajram", "Eid al-Fitr")]),
    ("Na Ašuru su se okupile hiljade šiita.", "sr", [("Ašuru", "Ashura")]),
])
def test_a_feast_is_found_in_any_case_and_script(text, lang, expected):
    assert found(text, lang) == expected


@pytest.mark.parametrize("text, lang", [
    ("Za Ivana Božića je glasalo hiljadu ljudi.", "hr"),       # a surname after a given name
    ("Ivan Božić je podneo ostavku.", "hr"),                   # ... which opens the sentence
    ("Predsjednik Bajram Begaj doputovao je u Skoplje.", "bs"),  # a given name before a surname
    ("Ambasador Ramazan Demir rekao je da je posjeta uspjela.", "bs"),
    ("Trener Hasana Ramazanova je otišao.", "sr"),             # another word that starts the same
])
def test_a_feast_word_in_a_persons_name_is_no_feast(text, lang):
    assert found(text, lang) == []


def test_the_name_finder_does_not_take_a_feast_for_a_name():
    assert [n.text for n in find_names("Pred Božić je Marko Perić otputovao u Beč.", "sr")] == \
        ["Marko Perić", "Beč"]


def test_the_glossary_step_writes_the_feast_in_english(seed_checker):
    from newsqa.qa.terms import protect
    slots = protect(seed_checker, "Tokom ramazana su Izrael i Hamas pregovarali.", "sr").slots
    assert [(r.source, r.english) for r in slots] == [("ramazana", "Ramadan"), ("Izrael", "Israel"),
                                                       ("Hamas", "Hamas")]


@given(st.text(alphabet="abcdeijklmnoprsštuvzž ", max_size=60))
def test_feasts_are_spans_of_the_text_and_only_of_listed_lemmas(text):
    stems = {stem for feast in FEASTS for stem, _ in feast.words}
    for start, end, english in feasts(text, "sr"):
        assert 0 <= start < end <= len(text)
        assert english in {f.english for f in FEASTS}
        assert any(w.replace("š", "s").replace("ž", "z").startswith(s[:4]) for w in text[start:end].split()
                   for s in stems)
