"""Language routing: the labelled set's figures, letter rules, and `newsqa detect`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from click.testing import CliRunner

from eval.langid_score import route, score
from newsqa.cli import main
from newsqa.worker.langid import detect

EVAL = Path(__file__).resolve().parent.parent / "eval"


def totals(name: str) -> dict[str, float]:
    cases = [json.loads(line) for line in (EVAL / name).read_text().splitlines() if line.strip()]
    table = score(cases)["table"]
    return {key: sum(row[key][0] for row in table.values()) / sum(row[key][1] for row in table.values())
            for key in ("nq_route", "nq_lang", "ld_lang", "ld_route")}


@pytest.mark.eval
@pytest.mark.parametrize("name, route_floor, language_floor", [
    # Floors at the figures the README reports now; the first-run (blind) figures are in the README.
    ("langid.jsonl", 1.0, 0.95),            # tuning set
    ("langid-heldout.jsonl", 0.98, 0.95),   # blind on its first run (78 %); "Protest pred parlamentom" (sl) reads as Serbo-Croatian since the open-world step (issue 13)
    ("langid-heldout2.jsonl", 1.0, 0.87),   # blind to the marker rework (80 %)
    ("langid-heldout3.jsonl", 1.0, 0.93),   # blind to the lexicon votes (87 %); "fabrika" votes Serbian and Bosnian since issue 13
    ("langid-heldout4.jsonl", 1.0, 0.93),   # blind to the lexicon votes' first version (89 %)
    ("langid-heldout6.jsonl", 1.0, 0.92),   # blind to the open-world step (issue 13: 98.2 % / 90.0 %)
])
def test_the_labelled_sets_route_and_name_languages(name, route_floor, language_floor):
    t = totals(name)
    assert t["nq_route"] >= route_floor and t["nq_lang"] >= language_floor
    assert t["nq_lang"] > t["ld_lang"] + 0.2 and t["nq_route"] > t["ld_route"]


@pytest.mark.eval
@pytest.mark.parametrize("name", ["langid.jsonl", "langid-heldout.jsonl", "langid-heldout2.jsonl",
                                  "langid-heldout3.jsonl", "langid-heldout4.jsonl", "langid-heldout6.jsonl"])
def test_where_words_decide_the_standard_it_is_right(name):
    cases = [json.loads(line) for line in (EVAL / name).read_text().splitlines() if line.strip()]
    result = score(cases)
    right, named = result["confident"]
    assert named >= 0.4 * result["hbs_total"] and right >= 0.94 * named


def test_the_sets_are_big_enough():
    sizes = {name: len((EVAL / name).read_text().splitlines())
             for name in ("langid.jsonl", "langid-heldout.jsonl", "langid-heldout2.jsonl", "langid-heldout3.jsonl",
                          "langid-heldout4.jsonl", "langid-heldout6.jsonl")}
    assert sum(sizes.values()) >= 590 and min(sizes.values()) >= 80


@pytest.mark.parametrize("text, language, script", [
    ("Ђоковић је победио.", "sr", "Cyrl"),                       # ђ: Serbian only
    ("Ќе дојде утре.", "mk", "Cyrl"),                            # ќ: Macedonian only
    ("Руска војска повукла се из Тартуса", "sr", "Cyrl"),         # ј never in Russian; из is Serbian
    ("Децата се върнаха в училище.", "bg", "Cyrl"),                # ъ inside a word
    ("Министр объявил, что больница будет открыта.", "ru", "Cyrl"),  # ъ before я is Russian
    ("Діти повернулися до шкіл.", "uk", "Cyrl"),
    ("Otroci so se po počitnicah vrnili v šole.", "sl", "Latn"),
    ("Deca su se vratila u škole posle raspusta.", "sr", "Latn"),   # ekavian
    ("Tisuće ljudi prosvjedovalo je idući tjedan.", "hr", "Latn"),
    ("Historija grada bit će predstavljena iduće sedmice u muzeju.", "bs", "Latn"),
    ("Fuel prices rise again", "en", "Latn"),                       # a short English headline
    ("Cene struje biće povećane od januara.", "sr", "Latn"),        # ekavian, fused future, januar
    ("Cijene struje bit će povećane od siječnja.", "hr", "Latn"),   # ijekavian, Croatian month
    ("Cijene struje bit će povećane od januara, saopćila je kompanija.", "bs", "Latn"),  # ijekavian + januar
    ("Нове цене горива од петка", "sr", "Cyrl"),                   # no ј, ђ or ћ: lingua finds Serbian
    ("Правительство одобрило законопроект о бюджете на следующий год.", "ru", "Cyrl"),
    ("Цените на горивата отново растат", "bg", "Cyrl"),
    ("Vlada je sprejela predlog proračuna za prihodnje leto.", "sl", "Latn"),  # predlog, leto: Slovene too
    ("Hiljade građana ostalo je bez vode zbog cijevi.", "bs", "Latn"),         # hiljade + ijekavian cijevi
    ("Na granici sa Mađarskom stvaraju se kolone kamiona.", "sr", "Latn"),     # "sa" before m: not Croatian
    ("Vlada je saopštila da će śednica biti održana śutra.", "cnr", "Latn"),    # Montenegrin ś
    ("Nije jasno đe će se održati sastanak.", "cnr", "Latn"),                   # Montenegrin đe (gdje)
])
def test_letters_and_words_decide(text, language, script):
    d = detect(text)
    assert (d.language, d.script) == (language, script)


@pytest.mark.parametrize("text, language", [
    # Open world: languages the detector has no pair for go to none of the South Slavic pairs.
    ("Vláda schválila návrh rozpočtu na příští rok, který počítá s vyšším schodkem.", "cs"),
    ("Ministerstvo zahraničných vecí odporúča občanom, aby necestovali do Libanonu.", "sk"),
    ("Pemerintah Indonesia mengirim bantuan kemanusiaan ke Gaza pada hari Selasa.", "id"),
    ("Το υπουργείο Εξωτερικών ανακοίνωσε ότι δεν υπάρχουν θύματα.", "el"),
    ("أعلنت وزارة الصحة أن عدد الضحايا ارتفع خلال الساعات الماضية.", "ar"),
    ("Policia e Kosovës arrestoi dy persona të dyshuar për sulmin ndaj patrullës në veri të vendit.", "sq"),
    # Headlines: function words decide, names weigh nothing.
    ("Strikes hit Idlib", "en"),
    ("Hashd al-Shaabi reinforcements reach Albu Kamal", "en"),
])
def test_every_language_first(text, language):
    assert detect(text).language == language


def test_a_headline_without_evidence_says_so():
    assert route(detect("Napad na Idlib").language) == "hbs-eng"     # Serbo-Croatian, standard open
    found = detect("Напад на Идлиб")                                   # Serbian or Macedonian alike
    assert found.language in ("sr", "mk") and found.confidence < 0.45 and "little evidence" in found.note
    assert detect("Напад на Идлиб", "mk").language == "mk"             # the declared language decides
    assert detect("Напад на Идлиб", "sr").language == "sr"


def test_a_declared_language_is_confirmed_or_flagged():
    assert detect("Deca su se vratila u škole.", "hr").note == ""          # same pair: no mismatch
    assert detect("The army said it had left.", "sr").note == "declared sr, detected en"
    assert detect("The army said it had left.", "sr").mismatch
    assert not detect("Deca su se vratila u škole.", "hr").mismatch


def test_routes():
    assert [route(x) for x in ("sr", "bs", "mk", "en", "bg", None)] == [
        "hbs-eng", "hbs-eng", "mkd-eng", "passthrough", "none", "none"]


def test_detect_command(tmp_path):
    (tmp_path / "t.jsonl").write_text(json.dumps({"id": "a", "text": "Ђоковић је победио."}) + "\n"
                                      + json.dumps({"id": 2, "text": "The army left.", "language": "sr"}) + "\n")
    out = CliRunner().invoke(main, ["detect", "--jsonl", str(tmp_path / "t.jsonl")])
    rows = [json.loads(line) for line in out.output.splitlines()]
    assert rows[0] == {"id": "a", "language": "sr", "script": "Cyrl", "confidence": 0.95}
    assert rows[1]["language"] == "en" and rows[1]["note"] == "declared sr, detected en"
    (tmp_path / "bad.jsonl").write_text("{nope\n")
    bad = CliRunner().invoke(main, ["detect", "--jsonl", str(tmp_path / "bad.jsonl")])
    assert bad.exit_code == 2 and "bad.jsonl:1: not valid JSON" in bad.output


def test_mentions_counts_accepted_names_only():
    from newsqa.qa import Checker, load_glossary
    from tests.conftest import SEED_GLOSSARY
    checker = Checker(load_glossary(SEED_GLOSSARY))
    assert checker.mentions("Hezbollah in Libanu and Kataib Hezbollah") == {"hezbollah", "kataib-hezbollah"}


def test_dslcc_scorer_routes_no_foreign_text_into_a_south_slavic_pair():
    from eval import dslcc_score
    if not dslcc_score.DATA.is_file():
        pytest.skip(f"DSLCC 2014 is not at {dslcc_score.DATA} (../shared/data/dslcc-2014/)")
    rows = dslcc_score.sample(dslcc_score.load(dslcc_score.DATA), 3, seed=13)
    table, _, _ = dslcc_score.score(rows, use_lingua=False)
    assert sum(cell[3] for cell in table["newsqa"].values()) == 33  # 11 labels, 3 each
    assert all(cell[2] == 0 for cell in table["newsqa"].values())  # nothing foreign into hbs-eng or mkd-eng
    assert all(table["newsqa"][label][0] == 3 for label in dslcc_score.HBS_LABELS)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_detection_takes_any_text(text):
    from newsqa.worker import openworld
    words = openworld.words_to_read(text)
    assert len(words) <= openworld.MAX_WORDS and all(w == w.lower() for w in words)
    found = detect(text, "sr")
    assert 0.0 <= found.confidence <= 1.0 and (found.language is None) == (found.script is None)


def test_names_weigh_nothing_in_the_word_lists():
    from newsqa.worker import openworld
    assert openworld.words_to_read("Abu Mohammad al-Julani met Hakan Fidan in Damascus") == ["met", "in"]
    assert openworld.words_to_read("Julani Meets Fidan") == ["julani", "meets", "fidan"]  # only names: all
    assert openworld.words_to_read("Strikes Hit Idlib Again") == ["strikes", "hit", "idlib", "again"]  # Title Case
