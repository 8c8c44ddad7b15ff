"""Areas named by a city's adjective (qa/regions.py) and countries outside the glossary
(qa/countries.py), and where the name finder asks them. Cases written for these tests (not taken
from the eval sets)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsqa.qa import countries, regions
from newsqa.qa.names import Reading, find_names


def english(text: str, lang: str = "sr") -> list[str]:
    return [n.english for n in find_names(text, lang)]


@pytest.mark.parametrize("adjective, noun, out", [
    ("Luganska", "oblast", "Luhansk region"),         # the city's own name before -sk- (Lugansk)
    ("Odeskoj", "oblasti", "Odesa region"),           # s + sk written sk
    ("Hersonske", "oblasti", "Kherson region"),
    ("Kijevskom", "regionu", "Kyiv region"),
    ("Idlipska", "pokrajina", "Idlib province"),      # b before -sk- written p
    ("Sarajevskog", "kantona", "Sarajevo Canton"),    # a final -o falls
    ("Zaporoškoj", "oblasti", "Zaporizhzhia region"),  # ž + sk -> šk; GeoNames' -ya is written -ia
    ("Adenski", "zaliv", "Gulf of Aden"),
    ("Sueckog", "kanala", "Suez Canal"),              # c + sk -> ck
])
def test_a_city_adjective_and_an_area_noun_give_the_area(adjective, noun, out):
    assert regions.region(adjective, noun).english == out


@pytest.mark.parametrize("adjective, noun", [
    ("Harkovski", "univerzitet"),   # no area noun
    ("Meksički", "zaliv"),          # a country's adjective (Meksiko): the Gulf of Mexico, not of Mexico City
    ("Persijski", "zaliv"),         # no city behind it
    ("Južna", "oblast"),            # no relational adjective
    ("harkovska", "oblast"),        # no capital: no name
    ("Kaspijsko", "jezero"),        # the institution table's Caspian: a sea's adjective, not Kaspiysk's
])
def test_no_area_without_an_area_noun_a_city_and_a_capital(adjective, noun):
    assert regions.region(adjective, noun) is None


def test_the_name_finder_reads_areas_in_both_scripts_and_any_case():
    assert english("Vojska se povukla iz Hersonske oblasti prošle godine.") == ["Kherson region"]
    assert english("Борбе се воде у Луганској области.") == ["Luhansk region"]
    assert english("Нападот беше во Одеската област.", "mk") == ["Odesa region"]
    assert english("Brodovi ne plove kroz Suecki kanal.", "hr") == ["Suez Canal"]


@given(st.text(alphabet="abcčćdđeghijklmnoprsštuvzž", min_size=1, max_size=14))
def test_stems_are_capitalised_and_never_longer_than_the_adjective_plus_a_vowel_ending(word):
    for stem in regions.stems(word.capitalize()):
        assert stem[:1].isupper()
        assert len(stem) <= len(word) + 2


@pytest.mark.parametrize("text, lang, out", [
    ("Pregovori su održani u Kuvajtu.", "sr", ["Kuwait"]),       # the country, not Kuwait City
    ("Ministar je doputovao iz Jermenije.", "sr", ["Armenia"]),
    ("Turisti su stigli iz Dominikanske Republike.", "sr", ["Dominican Republic"]),
    ("Граница со Белорусија е затворена.", "mk", ["Belarus"]),
    ("Izvoz je išao preko Sjeverne Makedonije.", "hr", ["North Macedonia"]),
    # a name the same as the English one, in a case form; a country ISO writes inverted; two short words
    ("Izbeglice u Sudanu čekaju pomoć.", "sr", ["Sudan"]),
    ("Ugovor su potpisale Japan i Južna Koreja.", "sr", ["Japan", "South Korea"]),
    ("Juče je stigla delegacija Crne Gore.", "sr", ["Montenegro"]),
    # a short name ISO lacks (build_countries.SHORT_NAMES), in its case forms
    ("Oružje su isporučili Emirati, a novac je stigao iz Emirata.", "sr",
     ["United Arab Emirates", "United Arab Emirates"]),
    ("Делегацијата од Емиратите пристигна.", "mk", ["United Arab Emirates"]),
])
def test_countries_outside_the_glossary_get_their_english_name(text, lang, out):
    assert english(text, lang) == out


def test_rows_take_an_inverted_name_s_head_and_leave_out_a_key_two_countries_share():
    rows = countries.build_rows([
        ("KR", "South Korea", ["Koreja, Republika", "Кореја, Република"]),
        ("KP", "North Korea", ["Koreja, Demokratska Narodna Republika", "Sjeverna Koreja"]),
        ("SD", "Sudan", ["Sudan"]),
    ])
    assert rows == [("južna koreja", "KR", "South Korea"), ("severna koreja", "KP", "North Korea"),
                    ("sjeverna koreja", "KP", "North Korea"), ("sudan", "SD", "Sudan"),
                    ("кореја", "KR", "South Korea"), ("јужна кореја", "KR", "South Korea")]


def test_a_country_named_like_an_adjective_is_a_name_where_the_analyser_reads_an_adjective():
    # Croatian writes Slovakia as the adjective's feminine: mid-sentence, the capital says the country
    readings = {"Suradnja": Reading("common"), "Mađarskom": Reading("common"), "Slovačke": Reading("common")}
    names = find_names("Suradnja s Mađarskom i granica Slovačke su teme.", "hr", readings)
    assert [n.english for n in names] == ["Hungary", "Slovakia"]


def test_a_title_in_the_genitive_puts_the_name_after_it_in_the_genitive():
    assert english("Savjetnik premijera Keira Starmera stigao je u Zagreb.", "hr")[:1] == ["Keir Starmer"]
    assert english("Izjava ministrice Marije Zaharove objavljena je.", "sr") == ["Mariya Zakharova"]


def test_a_country_s_name_of_several_words_opening_a_sentence_is_kept_whole():
    assert english("Južnoafrička Republika je podnela tužbu.") == ["South Africa"]


@given(st.text(alphabet="abcčdeghijklmnoprsštuvzž", min_size=3, max_size=10), st.sampled_from("bdfklnprstvz"),
       st.sampled_from(["", "a", "e", "i", "u", "om", "ima", "ih", "oj", "oga", "ama"]))
def test_every_case_form_of_a_word_has_the_word_s_stem(body, final, ending):
    word = body + final  # ends in a consonant no case ending ends in
    assert countries.stem(word + ending) == word
    assert countries.stem(f"{word}{ending} {word}") == f"{word} {word}"


def test_the_shipped_country_file_is_what_pycountry_gives():
    """seeds/countries.tsv is derived data: rebuilding it from the pinned pycountry gives it again."""
    import importlib.util
    from importlib import resources
    from pathlib import Path

    spec = importlib.util.spec_from_file_location(
        "build_countries", Path(__file__).resolve().parent.parent / "seeds" / "build_countries.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    rows = countries.build_rows(build.countries())
    shipped = resources.files("newsqa.seeds").joinpath(countries.COUNTRIES).read_text(encoding="utf-8")
    assert shipped.splitlines() == ["\t".join(r) for r in rows]


def test_a_dam_or_a_lake_named_by_a_town_s_adjective_takes_the_town_s_name():
    region = regions.region
    assert region("Mosulske", "brane").english == "Mosul Dam"
    assert region("Ohridsko", "jezero").english == "Lake Ohrid"
    # a bridge's or a square's adjective is seldom a town's: Krimski most is the Crimean Bridge
    assert region("Krimskog", "mosta") is None
    assert region("Savskog", "trga") is None


@pytest.mark.parametrize("text, lang, spans", [
    ("Investitori iz zemalja Zaljeva dolaze u Sarajevo.", "bs", ["Zaljeva"]),
    ("Министри земаља Залива ће разговарати у Бечу.", "sr", ["Залива"]),
    ("Министрите од Заливот дојдоа во Скопје.", "mk", ["Заливот"]),
    # a gulf named by the word before it, a noun in lower case, and a sentence's first word are not the Gulf
    ("Brodovi u Perzijskom Zaljevu su napadnuti.", "hr", []),
    ("Brod je uplovio u zaljev kod Splita.", "hr", []),
    ("Zaljev je bio miran cijeli dan.", "hr", []),
])
def test_the_gulf_is_its_capitalised_noun_alone_inside_a_sentence(text, lang, spans):
    from newsqa.qa.terms import _the_gulf
    assert [text[a:b] for a, b in _the_gulf(text, lang, [])] == spans


def test_the_glossary_step_writes_the_gulf(seed_checker):
    from newsqa.qa.terms import protect
    slots = protect(seed_checker, "Novac dolazi iz zemalja Zaljeva i Turske.", "bs").slots
    assert [(r.source, r.english) for r in slots] == [("Zaljeva", "Gulf"), ("Turske", "Turkey")]


def test_macedonian_writes_some_areas_with_both_words_capitalised():
    # the neuter article -то after the adjective's -о, and the noun capitalised as well
    assert "Ohrid" in regions.stems("Ohridskoto")
    assert regions.region("Ohridskoto", "Ezero").english == "Lake Ohrid"
    assert english("Оружјето било пренесувано преку Аденскиот Залив во Јемен.", "mk") == ["Gulf of Aden", "Yemen"]
    # the area's two words may open a longer run: the name after them is a name of its own
    assert english("Претседателот на Управата на Суецкиот Канал Осама Рабие изјави.", "mk") == \
        ["Suez Canal", "Osama Rabie"]


def test_a_lake_takes_the_short_name_of_the_town_beside_it():
    # GeoNames names the town Star Dojran ("Old Dojran"); the lake is Lake Dojran
    assert regions.region("Dojranskoto", "Ezero").english == "Lake Dojran"
    assert regions.region("Ohridsko", "jezero").english == "Lake Ohrid"


def test_persian_in_croatian_and_macedonian_is_a_word_of_the_institution_table():
    from newsqa.qa.institutions import table_english
    assert table_english(["perzijskom"]) == table_english(["persiskiot"]) == table_english(["persijskom"]) \
        == ("Persian", 1)


@pytest.mark.parametrize("text, lang, expected", [
    ("Stabilnost na Bliskom istoku zavisi od Irana.", "sr", [("Bliskom istoku", "Middle East")]),
    ("Izaslanik za Bliski istok stigao je u Kairo.", "hr", [("Bliski istok", "Middle East")]),
    ("Мирот на Блискиот Исток е далеку.", "mk", [("Блискиот Исток", "Middle East")]),
    ("Русија на Далеком истоку гради луке.", "sr", [("Далеком истоку", "Far East")]),
    # a lower-case adjective is no name; another compass noun is no such region
    ("Grad je na bliskom istoku ostrva.", "sr", []),
    ("Na Bliskom zapadu nema takve regije.", "sr", []),
])
def test_the_middle_east_is_the_near_adjective_and_the_east(text, lang, expected):
    assert [(text[a:b], e) for a, b, e in regions.compass_regions(text, lang)] == expected


def test_the_glossary_step_writes_the_middle_east_with_its_article(seed_checker):
    from newsqa.qa.terms import protect
    slots = protect(seed_checker, "Bliski istok je nestabilan, a mir na Bliskom istoku je daleko.", "sr").slots
    assert [(r.source, r.english) for r in slots] == [("Bliski istok", "The Middle East"),
                                                       ("Bliskom istoku", "the Middle East")]
    # and the name finder takes neither word for a name of its own
    assert [n.text for n in find_names("Prema Bliskom istoku putuje Marko Perić.", "sr")] == ["Marko Perić"]


def test_a_sea_s_adjective_alone_after_a_preposition_is_no_town():
    # na Kaspijskom moru: the Caspian's adjective, not Kaspiysk, a Russian town GeoNames knows
    assert all("Kaspiysk" != n.english for n in find_names("Luke na Kaspijskom moru su rasle.", "sr"))
