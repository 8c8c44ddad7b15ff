"""The shipped South Slavic surnames (seeds/home_names.tsv.gz) and what they keep in house style."""

from __future__ import annotations

import pytest

from newsqa.qa import home_names, seed_tables
from newsqa.qa.names import find_names
from seeds.build_home_names import albanian, english, rows


def test_rows_keep_frequent_home_surnames_with_a_south_slavic_letter_only():
    last = {
        "Šušnjar": {"rank": {"HR": 1033, "RS": 5506}},
        "Horvat": {"rank": {"HR": 1}},                    # no letter the house style would change
        "Beriša": {"rank": {"RS": 300}},                  # Albania's Berisha, written the Serbian way
        "Berisha": {"rank": {"AL": 2}},
        "Lavrovič": {"rank": {"SI": 20, "RU": 15}},       # frequent in Russia too
        "Rijetkić": {"rank": {"HR": home_names.RANK + 1}},  # too rare
        "Ivanova-Šarić": {"rank": {"HR": 10}},            # not one word
    }
    assert rows(last) == [("šušnjar", 1033)]


def test_rows_leave_out_a_name_people_abroad_write_in_its_english_spelling():
    first = {
        "Siniša": {"rank": {"RS": 125}},
        "Maša": {"rank": {"SI": 140}},
        "Masha": {"rank": {"RU": 90}},                    # Russia's Masha: Maša is hers in Serbian
        "Tonči": {"rank": {"HR": home_names.GIVEN_RANK + 1}},  # too rare for a given name
    }
    assert rows(first, home_names.GIVEN_RANK) == [("siniša", 125)]
    assert english("Đurđica") == "djurdjica" and english("Maša") == "masha"


def test_the_shipped_given_names_and_what_they_keep():
    parsed = [(n, int(r)) for n, r in seed_tables.derived_rows(home_names.HOME_GIVEN_NAMES)]
    assert len(parsed) > 100 and all(1 <= r <= home_names.GIVEN_RANK for _, r in parsed)
    assert home_names.home_given_name("Siniša") and not home_names.home_given_name("Maša")
    # a name a home given name opens keeps its letters, whatever its surname (Mali is no -ić)
    assert [n.english for n in find_names("Ministar Siniša Mali i Đuro Macut su rekli.", "sr")] == [
        "Siniša Mali", "Đuro Macut"]


def test_the_surname_alone_of_a_south_slavic_name_found_before_keeps_its_letters_and_is_verified():
    names = find_names("Premijer Đuro Macut primio je ministra. Macut je ponovio podršku.", "sr")
    assert [(n.english, n.slavic, n.verified) for n in names] == [("Đuro Macut", True, True), ("Macut", True, True)]


def test_a_given_name_takes_its_surname_s_case_or_a_woman_s_undeclined_surname_s():
    text = "Sastao se sa Đurom Macutom, Željkom Komšićem i Željkom Cvijanović."
    assert [n.english for n in find_names(text, "sr")] == ["Đuro Macut", "Željko Komšić", "Željka Cvijanović"]


def test_a_surname_declined_in_om_or_em_makes_the_given_name_a_man_s_whatever_the_analyser_reads():
    # Andrejom is Andrej's instrumental and Andreja's; the analyser reads Andreja, but a woman's -ić
    # does not decline, so Babićem is a man's
    from newsqa.worker.analyser import analyse
    text = "Razgovarao je s Andrejom Babićem i Andrejom Kolarović."
    assert [n.english for n in find_names(text, "hr", analyse(text, "hr"))] == ["Andrej Babić", "Andreja Kolarović"]


def test_a_man_s_given_name_in_a_keeps_it_before_a_surname_in_om_or_em():
    # Luka and Nikola are men's names in -a, whose instrumental is -om like a woman's: only a stem in
    # j (Andrej, Andreja) has both; Ilija and Mustafa, which the analyser does not know, are found by
    # the name lists (Ilij and Mustaf are no common given names)
    from newsqa.worker.analyser import analyse
    text = "Razgovarao je s Lukom Modrićem, Nikolom Jokićem, Ilijom Petrovićem i Mustafom Cerićem."
    assert [n.english for n in find_names(text, "hr", analyse(text, "hr"))] == \
        ["Luka Modrić", "Nikola Jokić", "Ilija Petrović", "Mustafa Cerić"]


def test_albanian_spelling_of_a_serbian_spelt_name():
    assert albanian("Beriša") == "berisha" and albanian("Krasnići") == "krasniqi" and albanian("Džaferi") == "xhaferi"


def test_the_shipped_file_holds_sorted_lower_case_surnames_with_their_ranks():
    parsed = [(n, int(r)) for n, r in seed_tables.derived_rows(home_names.HOME_NAMES)]
    assert len(parsed) > 3_000
    assert [n for n, _ in parsed] == sorted({n for n, _ in parsed})
    assert all(n == n.lower() and n.isalpha() and 1 <= r <= home_names.RANK for n, r in parsed)


def test_a_home_surname_keeps_the_name_in_house_style_and_others_are_romanised():
    text = "Ministar Ante Šušnjar sreo se s Vilijem Berošem, a zatim s Mohamedom Šiom."
    assert [n.english for n in find_names(text, "hr")] == ["Ante Šušnjar", "Vili Beroš", "Mohamed Shia"]
    assert home_names.home_surname("Šušnjar") and not home_names.home_surname("Beriša")


@pytest.mark.parametrize("text, expected", [
    # a declined -ić is a man's: his given name is in the same case, with its fleeting a restored
    ("Pismo predsjednika Aleksandra Vučića je stiglo.", ["Aleksandar Vučić"]),
    ("Izjava Petra Petrovića je stigla.", ["Petar Petrović"]),
    ("Sastao se s Aleksandrom Vučićem.", ["Aleksandar Vučić"]),
    # a woman's -ić does not decline: her name stays as written
    ("Pismo Ane Brnabić je stiglo.", ["Ana Brnabić"]),
    ("Aleksandra Vučić je rekla.", ["Aleksandra Vučić"]),
    ("Razgovarao je s Aleksandrom Kolarović.", ["Aleksandra Kolarović"]),
    # a stem in k that no list knows is a South Slavic name in -ko
    ("Vlada premijera Milojka Spajića prethodno je usvojila zakon.", ["Milojko Spajić"]),
    # the analyser's oblique case of a man's name, where the surname shows none: the name as written
    ("Domaćine vodi italijanski trener Simone Inzagi, a gol je dao.", ["Simone Inzaghi"]),   # no vocative
    ("Tu su generali Abas Ibrahim i Toni Saliba, nekadašnji šef.", ["Abbas Ibrahim", "Toni Saliba"]),  # no dative
])
def test_a_man_s_given_name_agrees_with_his_declined_surname(text, expected):
    from newsqa.worker.analyser import analyse
    assert [n.english for n in find_names(text, "sr", analyse(text, "sr"))] == expected


def test_a_given_name_in_apposition_keeps_its_nominative():
    # supruga premijera Sara Netanjahu: the premier's wife, Sara, is no genitive of "Sar"; a sentence
    # that opens with a frequent given name before a surname opens with a person's name
    from newsqa.worker.analyser import analyse
    for text in ("Supruga premijera Sara Netanjahu je stigla.", "Sara Netanjahu je rekla da je mir blizu."):
        assert [n.english for n in find_names(text, "sr", analyse(text, "sr"))] == ["Sara Netanyahu"]


def test_rows_without_the_letter_keep_plain_given_names_people_abroad_do_not_write():
    first = {
        "Zoran": {"rank": {"RS": 9, "HR": 39}},
        "Ivan": {"rank": {"HR": 1, "RU": 84}},           # Russia's too
        "Siniša": {"rank": {"RS": 125}},
    }
    assert rows(first, home_names.GIVEN_RANK, letters=False) == [("siniša", 125), ("zoran", 9)]
    assert home_names.home_given_name("Zoran", plain=True) and not home_names.home_given_name("Zoran")
    assert not home_names.home_given_name("Ivan", plain=True)


@pytest.mark.parametrize("text, expected", [
    # a plain home given name before -ov or -ev in a Macedonian source: the country's own name, its j kept
    ("Министерот Драган Јанев и пратеникот Зоран Јованов гласаа против.", ["Dragan Janev", "Zoran Jovanov"]),
    # a Russian's name is no Macedonian's: its given name is Russia's too
    ("Министерот Сергеј Лавров и Јуриј Ушаков допатуваа.", ["Sergey Lavrov", "Yuriy Ushakov"]),
])
def test_a_macedonian_name_in_ov_or_ev_keeps_its_letters_in_a_macedonian_source(text, expected):
    assert [n.english for n in find_names(text, "mk")] == expected
