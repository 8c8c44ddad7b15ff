"""``newsqa check``: the readable report, the batch contract, and one-line errors."""

from __future__ import annotations

import json
import shutil
import subprocess

from click.testing import CliRunner

from newsqa.cli import main
from tests.conftest import SEED_ARTICLE, SEED_GLOSSARY


def run(*args, input=None, env=None):
    return CliRunner().invoke(main, list(args), input=input, env=env)


def test_readable_report_on_the_seed_article_shows_its_three_errors():
    result = run("check", "--glossary", str(SEED_GLOSSARY), str(SEED_ARTICLE))
    assert result.exit_code == 0, result.output
    assert "3 flags" in result.output.splitlines()[0]
    for found, suggestion in [("Hashd al-Shabaab", "Popular Mobilization Forces"),
                              ("Katiab Hezbollah", "Kataib Hezbollah"), ("Sergei Kissel", "Sergei Kisel")]:
        assert f"“{found}” -> “{suggestion}”" in result.output


def test_glossary_defaults_to_the_environment_variable(tmp_path):
    text = tmp_path / "t.txt"
    text.write_text("Liban")
    result = run("check", str(text), env={"NEWSQA_GLOSSARY": str(SEED_GLOSSARY)})
    assert result.exit_code == 0 and "“Liban” -> “Lebanon”" in result.output


def test_source_option(tmp_path):
    (tmp_path / "en.txt").write_text("The army said militants came from the north.")
    (tmp_path / "sr.txt").write_text("Vojska je saopštila da su militanti došli iz Libana.")
    result = run("check", "-g", str(SEED_GLOSSARY), str(tmp_path / "en.txt"),
                 "--source", str(tmp_path / "sr.txt"), "--source-lang", "sr", "--json")
    assert result.exit_code == 0, result.output
    [flag] = json.loads(result.output)["flags"]
    assert (flag["entity"], flag["kind"], flag["start"]) == ("lebanon", "missing", None)


def test_jsonl_batch_contract_in_input_order():
    cases = [
        {"id": "a", "text": "Liban and Jerusalim.", "source": None, "source_lang": None},
        {"id": 7, "text": "Nothing here."},
        {"id": "c", "text": "The army left.", "source": "Vojska je napustila Idlib.", "source_lang": "sr"},
    ]
    result = run("check", "-g", str(SEED_GLOSSARY), "--jsonl", "-",
                 input="\n".join(json.dumps(c) for c in cases) + "\n\n")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["id"] for r in rows] == ["a", 7, "c"]
    assert [f["found"] for f in rows[0]["flags"]] == ["Liban", "Jerusalim"]
    assert rows[1]["flags"] == []
    assert set(rows[2]["flags"][0]) == {"entity", "kind", "start", "end", "found", "suggestion",
                                        "confidence", "reason"}
    assert rows[2]["flags"][0]["start"] is None


def test_min_confidence_filters():
    text = json.dumps({"id": 1, "text": "Fighters left Idlib.", "source": "Бели шлемови и Идлиб.",
                       "source_lang": "sr"})
    low = json.loads(run("check", "-g", str(SEED_GLOSSARY), "--jsonl", "-", input=text).output)
    high = json.loads(run("check", "-g", str(SEED_GLOSSARY), "--jsonl", "-", "--min-confidence", "0.9",
                          input=text).output)
    assert len(low["flags"]) == 1 and high["flags"] == []


def test_list_and_exclude_rules(tmp_path):
    assert "near-miss" in run("check", "--list-rules").output
    (tmp_path / "t.txt").write_text("Liban")
    result = run("check", "-g", str(SEED_GLOSSARY), str(tmp_path / "t.txt"), "--exclude-rule", "source-form")
    assert "0 flags" in result.output


def test_errors_are_one_line_with_exit_status_2(tmp_path):
    bad_tbx = tmp_path / "bad.tbx"
    bad_tbx.write_text("<tbx><text>\n<body></tbx>")
    bad_jsonl = tmp_path / "bad.jsonl"
    bad_jsonl.write_text('{"id": 1, "text": "ok"}\n{"id": 2, "text": 5}\n')
    bad_json = tmp_path / "worse.jsonl"
    bad_json.write_text('{"id": 1,\n')
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes(b"ok\nCaf\xe9")
    cases = [
        (["check", "-g", str(bad_tbx), str(SEED_ARTICLE)], f"{bad_tbx}:2: not well-formed XML"),
        (["check", "-g", str(SEED_GLOSSARY), "--jsonl", str(bad_jsonl)], f"{bad_jsonl}:2: each line"),
        (["check", "-g", str(SEED_GLOSSARY), "--jsonl", str(bad_json)], f"{bad_json}:1: not valid JSON"),
        (["check", "-g", str(SEED_GLOSSARY), str(latin1)], f"{latin1}:2: not UTF-8"),
        (["check", "-g", str(SEED_GLOSSARY), str(tmp_path / "none.txt")], "cannot read"),
        (["check", "-g", str(SEED_GLOSSARY)], "give either a TRANSLATION"),
        (["check", "-g", str(SEED_GLOSSARY), str(SEED_ARTICLE), "--source-lang", "sr"], "needs --source"),
        (["check", "-g", str(SEED_GLOSSARY), str(SEED_ARTICLE), "--rule", "bogus"], "unknown rule"),
    ]
    for args, message in cases:
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2, (args, result.output)
        assert message in result.output and "Traceback" not in result.output, result.output


def test_bad_environment_setting_is_a_clear_error():
    result = run("check", "-g", str(SEED_GLOSSARY), str(SEED_ARTICLE), env={"NEWSQA_MIN_CONFIDENCE": "high"})
    assert result.exit_code == 2 and "NEWSQA_MIN_CONFIDENCE must be a number" in result.output


def test_config_lists_every_setting():
    result = run("config")
    assert "NEWSQA_GLOSSARY=" in result.output and "NEWSQA_MIN_CONFIDENCE=" in result.output


def test_installed_console_script():
    exe = shutil.which("newsqa")
    assert exe, "the newsqa console script is not installed (pip install -e .)"
    out = subprocess.run([exe, "check", "-g", str(SEED_GLOSSARY), str(SEED_ARTICLE)],
                         capture_output=True, text=True, check=True).stdout
    assert "Sergei Kissel" in out
