"""Language routing: the labelled set's figures, letter rules, and `newsqa detect`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eval.langid_score import route, score
from newsqa.cli import main
from worker.langid import detect

SET = Path(__file__).resolve().parent.parent / "eval" / "langid.jsonl"


def test_the_labelled_set_routes_and_names_languages():
    cases = [json.loads(line) for line in SET.read_text().splitlines() if line.strip()]
    assert len(cases) >= 100
    table = score(cases)["table"]
    total = lambda key: sum(row[key][0] for row in table.values()) / sum(row[key][1] for row in table.values())  # noqa: E731
    assert total("nq_route") >= 0.99      # the README reports 100 %
    assert total("nq_lang") >= 0.93       # the README reports 93.3 % (target 95 %, not reached)
    assert total("nq_lang") > total("ld_lang") + 0.2


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
])
def test_letters_and_words_decide(text, language, script):
    d = detect(text)
    assert (d.language, d.script) == (language, script)


def test_a_declared_language_is_confirmed_or_flagged():
    assert detect("Deca su se vratila u škole.", "hr").note == ""          # same pair: no mismatch
    assert detect("The army said it had left.", "sr").note == "declared sr, detected en"


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
    from qa import Checker, load_glossary
    from tests.conftest import SEED_GLOSSARY
    checker = Checker(load_glossary(SEED_GLOSSARY))
    assert checker.mentions("Hezbollah in Libanu and Kataib Hezbollah") == {"hezbollah", "kataib-hezbollah"}
