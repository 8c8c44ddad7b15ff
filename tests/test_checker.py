"""Each rule on cases written for this suite (pass/fail tables), with the controls beside them."""

from __future__ import annotations

import pytest

from newsqa.qa import Checker, NewsqaError
from tests.conftest import TEST_ROWS, build


def flags_of(checker, text, **kw):
    return [(f.entity, f.kind, f.found) for f in checker.check(text, **kw)]


# ---- 1. deprecated and superseded forms -----------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Fighters of Hezbollah al-Nujabaa attacked the base.", ("nujaba", "deprecated", "Hezbollah al-Nujabaa")),
    ("The old port of Bassorah was shelled.", ("basra", "deprecated", "Bassorah")),
])
def test_deprecated_forms(checker, text, expected):
    assert flags_of(checker, text) == [expected]


def test_deprecated_form_holding_another_entitys_name_is_not_a_mention_of_it(checker):
    [flag] = checker.check("Hezbollah al-Nujabaa said it fired the rockets.")
    assert flag.entity == "nujaba" and "different entity" in flag.reason
    assert flag.suggestion == "Harakat Hezbollah al-Nujaba"


# ---- 2. near misses and transliterations ----------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Muqtada al-Sadar urged calm.", ("muqtada-al-sadr", "near_miss", "Muqtada al-Sadar")),
    ("Masoud Barzanni met the envoy.", ("masoud-barzani", "near_miss", "Masoud Barzanni")),
    ("Masoud Barzeni met the envoy.", ("masoud-barzani", "near_miss", "Masoud Barzeni")),
    ("Hakan Fiddan arrived in Baghdad.", ("hakan-fidan", "near_miss", "Hakan Fiddan")),
    ("Hakan Fdian arrived in Baghdad.", ("hakan-fidan", "near_miss", "Hakan Fdian")),     # transposition
    ("Later, Barzanni said no.", ("masoud-barzani", "near_miss", "Barzanni")),           # surname alone
    ("Mouqtada al-Sadr addressed the crowd.", ("muqtada-al-sadr", "transliteration", "Mouqtada al-Sadr")),
    ("Muqtadá al-Sadr addressed the crowd.", None),                                        # diacritic only
    ("Abbas Araghtchi spoke.", ("abbas-araghchi", "transliteration", "Abbas Araghtchi")),
    ("Harakat Hezbollah al-Nujabah issued a statement.",                             # -ah: ta marbuta
     ("nujaba", "transliteration", "Harakat Hezbollah al-Nujabah")),
    ("Officials in Basrah and Hamah met.", ("hama", "transliteration", "Hamah")),     # Hama's, not Hamas's
])
def test_near_misses_and_transliterations(checker, text, expected):
    assert flags_of(checker, text) == ([expected] if expected else [])


def test_diacritics_stripped_slavic_forms_are_still_caught(checker):
    assert flags_of(checker, "Abas Arakci spoke.") == [("abbas-araghchi", "source_form", "Abas Arakci")]
    assert flags_of(checker, "Abas Arakči spoke.") == [("abbas-araghchi", "source_form", "Abas Arakči")]


# ---- 3. source-language forms left in English -----------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Yazidis fled Sindžar in 2014.", ("sinjar", "source_form", "Sindžar")),
    ("Yazidis fled Sindzar in 2014.", ("sinjar", "source_form", "Sindzar")),
    ("Yazidis fled Синџар in 2014.", ("sinjar", "source_form", "Синџар")),
    ("Envoys from Turcija arrived.", ("turkey", "source_form", "Turcija")),
    ("Trade with Egipat grew.", ("egypt", "source_form", "Egipat")),
])
def test_source_forms(checker, text, expected):
    assert flags_of(checker, text) == [expected]


# ---- controls: nothing to flag --------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Moqtada al-Sadr and Muqtada al-Sadr are the same man.",            # admitted variant
    "Hizbullah and Hezbollah officials met.",                            # variants of one entity
    "Turkish, Jordanian and Egyptian ministers met in Ankara.",          # demonyms beside their countries
    "Türkiye and Turkey signed; so did Kirkuk's governor.",              # diacritics, possessive
    "Basrah, Basra and Mosul.",
    "The Sadrist movement won the most seats.",                          # a derived word
    "Hamas and Hama are not the same.",                                  # one entity's name near another's
    "A jordan almond and a turkey dinner.",                              # lower-case common nouns
    "The US said us officials would go.",                                # acronym vs pronoun
    "Hamad bin Jassim met Hakan Fidan.",                                 # Hamad is a name, not Hamas
    "The Kirkuk-Erbil road reopened; Ankara-based analysts agreed.",     # hyphenated compounds
    "Sheikh Masoud Barzani's office said Fidan would visit.",            # titles, possessives, surname
    "Mosulis returned to the old city.",                                 # a derived demonym
    "Abbas Araghchi and Hakan Fidan",                                   # two names side by side
    "",
])
def test_controls(checker, text):
    assert flags_of(checker, text) == []


def test_a_name_inside_a_longer_unknown_name_is_left_alone(checker):
    # "Fidani" beside another unknown capitalised word is part of a name we do not know.
    assert flags_of(checker, "Gjergj Fidani spoke.") == []


# ---- 4. with the source ---------------------------------------------------------------------

@pytest.mark.parametrize("source, lang, translation", [
    ("Pristalice Muktade al-Sadra izašle su na ulice Basre.", "sr",
     "Supporters of Muqtada al-Sadr took to the streets of Basra."),
    ("Присталице Муктаде ал-Садра изашле су на улице.", "sr", "Supporters of Moqtada al-Sadr took to the streets."),
    ("Hakan Fidan je doputovao u Kirkuk iz Ankare.", "hr", "Hakan Fidan travelled to Kirkuk from Ankara."),
    ("Fidanova posjeta Turskoj", "bs", "Fidan's visit to Turkey"),
    ("Борбите кај Киркук продолжија.", "mk", "Fighting near Kirkuk continued."),
    ("Turski vojnici ušli su u Mosul.", "sr", "Turkish soldiers entered Mosul."),        # adjective, not Turkey
    ("Premijer Turske je rekao...", "sr", "The Turkish prime minister said..."),          # demonym renders it
])
def test_source_entities_rendered_correctly(checker, source, lang, translation):
    assert checker.check(translation, source=source, source_lang=lang) == []


def test_inflected_and_cyrillic_source_names_are_found(checker):
    found = checker.source_entities("Присталице Муктаде ал-Садра у Синџару и Киркуку, Fidanovoj vladi", "sr")
    assert [e for e, _, _ in found] == ["muqtada-al-sadr", "sinjar", "kirkuk", "hakan-fidan"]


def test_a_missing_entity_is_flagged_without_span(checker):
    flags = checker.check("The minister travelled to the north.", source="Hakan Fidan je otputovao u Kirkuk.",
                          source_lang="hr")
    assert {(f.entity, f.kind, f.start) for f in flags} == {("hakan-fidan", "missing", None),
                                                            ("kirkuk", "missing", None)}
    source_span = next(f for f in flags if f.entity == "kirkuk")
    assert (source_span.source_start, source_span.source_end) == (27, 33)


def test_a_wrong_entity_standing_in_is_flagged_with_its_span(checker):
    [flag] = checker.check("The army shelled Hamas overnight.", source="Vojska je noću granatirala Hamu.",
                           source_lang="sr")
    assert (flag.entity, flag.kind, flag.found) == ("hama", "wrong_entity", "Hamas")


def test_a_wrong_form_is_flagged_once_not_also_as_missing(checker):
    flags = checker.check("Hakan Fiddan arrived.", source="Hakan Fidan je stigao.", source_lang="sr")
    assert [(f.entity, f.kind) for f in flags] == [("hakan-fidan", "near_miss")]
    assert flags[0].source_start == 0


def test_blank_source_is_no_source(checker):
    assert checker.check("Hakan Fidan arrived.", source="   ", source_lang="sr") == []


# ---- rules, provenance, scale ---------------------------------------------------------------

def test_rules_can_be_chosen_and_switched_off(glossary):
    text = "Muqtada al-Sadar met officials from Sindžar."
    assert {f.rule for f in Checker(glossary).check(text)} == {"near-miss", "source-form"}
    assert {f.rule for f in Checker(glossary, exclude=["near-miss"]).check(text)} == {"source-form"}
    assert {f.rule for f in Checker(glossary, rules=["near-miss"]).check(text)} == {"near-miss"}
    with pytest.raises(NewsqaError, match="unknown rule"):
        Checker(glossary, rules=["spelling"])


def test_flags_carry_spans_into_the_text(checker):
    text = "Reports say Masoud Barzanni left."
    [flag] = checker.check(text)
    assert text[flag.start:flag.end] == flag.found == "Masoud Barzanni"
    assert 0.5 <= flag.confidence <= 1 and flag.suggestion == "Masoud Barzani"
    assert "glossary" in checker.version


def test_many_unrelated_entities_change_nothing():
    """The index keeps lookups local: thousands of other names neither add nor hide flags."""
    from newsqa.qa import Status
    rows = list(TEST_ROWS) + [
        (f"x{i}", "person", [("en", f"Zorvath{i:04d} Quillon{i % 97}", Status.PREFERRED)]) for i in range(3000)]
    big = Checker(build(rows))
    small = Checker(build(TEST_ROWS))
    for text in ["Masoud Barzanni met Hakan Fiddan in Sindžar.", "Hamas and Hama.", "Bassorah"]:
        assert flags_of(big, text) == flags_of(small, text)


# ---- added with the second held-out set's lessons --------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Officials in Kirkuku said the vote was delayed.", ("kirkuk", "source_form", "Kirkuku")),   # declined leak
    ("Fighters left Мосул overnight.", ("mosul", "source_form", "Мосул")),                       # Cyrillic leak
    ("Masoud Borzeni met the envoy.", ("masoud-barzani", "near_miss", "Masoud Borzeni")),        # 2 edits, 7 letters
])
def test_leaks_and_longer_misspellings(checker, text, expected):
    assert flags_of(checker, text) == [expected]


def test_declined_leak_is_not_a_known_english_word(checker):
    assert flags_of(checker, "Ankaran officials and Jordanians met.") == []


def test_only_candidate_of_the_same_type_stands_in(checker):
    [flag] = checker.check("The army entered Mosul.", source="Vojska je ušla u Kirkuk.", source_lang="sr")
    assert (flag.entity, flag.kind, flag.found) == ("kirkuk", "wrong_entity", "Mosul")
    # Two unexplained places: no way to tell which stands in, so the entity is reported missing.
    flags = checker.check("The army entered Mosul from Sinjar.", source="Vojska je ušla u Kirkuk.",
                          source_lang="sr")
    assert [(f.entity, f.kind, f.found) for f in flags] == [("kirkuk", "missing", None)]


def test_a_stand_in_is_claimed_once_resemblance_first(checker):
    # "Hamas" resembles Hama: it stands in for Hama, and cannot also stand in for the other organisation.
    flags = checker.check("The army shelled Hamas.", source="Hezbolah i vojska granatirali su Hamu.",
                          source_lang="sr")
    assert sorted((f.entity, f.kind, f.found) for f in flags) == [
        ("hama", "wrong_entity", "Hamas"), ("hezbollah", "missing", None)]


def test_a_word_with_the_arabic_article_is_a_name_not_an_english_word(checker):
    # "Sad" alone is English; "al-Sad" in a name is a misspelling of al-Sadr.
    assert flags_of(checker, "Muqtada al-Sad spoke.") == [("muqtada-al-sadr", "near_miss", "Muqtada al-Sad")]


def test_a_name_built_of_accepted_parts_is_right(seed_checker):
    # "Fatemiyun" is accepted and "Liwa" is spelt as in "Liwa Fatemiyoun".
    assert seed_checker.check("Fighters of Liwa Fatemiyun were seen near Palmyra.") == []


def test_a_city_s_english_name_is_that_city_not_a_misspelt_glossary_name(seed_checker):
    # Antakya (Turkey) is one edit from Latakia's key; GeoNames names it so, as English does
    assert seed_checker.check("Rescuers reached Antakya after the earthquake.") == []
    # a spelling that is only another name of the city is still a near miss of the glossary's
    assert [f.kind for f in seed_checker.check("Officials in Lattakia met.")] == ["near_miss"]  # GeoNames lists it


def test_reasons_say_what_is_wrong(checker):
    [cyrillic] = checker.check("Officials from Хамас.")
    assert cyrillic.kind == "source_form" and cyrillic.reason.endswith("left in Cyrillic")
    [serbian] = checker.check("Officials from Sindžar.")
    assert "sr-Latn spelling of “Sinjar”" in serbian.reason


def test_a_declined_word_anywhere_in_a_source_form_is_a_leak(checker):
    assert flags_of(checker, "Officials of Pokret Hezbolaha al-Nudžaba spoke.") == [
        ("nujaba", "source_form", "Pokret Hezbolaha al-Nudžaba")]


def test_a_city_of_another_country_is_no_misspelling_of_a_glossary_place(seed_checker):
    # Gazakh, in Azerbaijan, sounds like the glossary's Gaza; GeoNames names it: no flag
    flags = seed_checker.check("Delegates of the Gazakh district arrived in Baku.")
    assert not [f for f in flags if f.entity == "gaza"]
    # a misspelt Gaza still is one
    assert [f.entity for f in seed_checker.check("Strikes hit Gazza overnight.") if f.entity == "gaza"] == ["gaza"]


def test_a_place_s_name_after_a_given_name_is_a_name_of_its_own(seed_checker):
    # Osman Gazi, a gas platform: "Gazi" is the Serbian dative of Gaza, but after a given name it
    # is the last word of a name of its own, in the source and left so in the English
    source = "Turska je pustila u rad platformu Osman Gazi u Crnom moru."
    assert [n.entity for n in seed_checker.source_names(source, "sr")] == ["turkey"]
    assert seed_checker.check("Turkey put the Osman Gazi platform in the Black Sea into operation.", source=source,
                              source_lang="sr") == []
    # the dative left in English where the source names Gaza is still flagged
    flags = seed_checker.check("Attacks in Gazi continued.", source="Napadi u Gazi su nastavljeni.", source_lang="sr")
    assert [(f.kind, f.found, f.suggestion) for f in flags] == [("source_form", "Gazi", "Gaza")]
