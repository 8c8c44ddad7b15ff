"""The service commands on a real SQLite store, in process (no broker)."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from newsqa.cli import main
from newsqa.tasks.store import Store
from tests.conftest import ROOT, SEED_GLOSSARY
from tests.services import free_port


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NEWSQA_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite3'}")
    monkeypatch.setenv("NEWSQA_GLOSSARY", str(SEED_GLOSSARY))
    monkeypatch.setenv("NEWSQA_BROKER_URL", f"redis://127.0.0.1:{free_port()}/0")  # nobody listens
    return tmp_path


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


def test_run_on_the_seeds_is_the_main_job(env):
    result = run("run", str(ROOT / "seeds"))
    assert result.exit_code == 0, result.output
    for found in ("Sergei Kissel", "Hashd al-Shabaab", "Katiab Hezbollah"):
        assert f"“{found}”" in result.output
    assert "[processed; en; 3 flags]" in result.output
    page = (env / "newsqa-report.html").read_text()
    assert page.count("<mark") == 3 and "Content-Security-Policy" in page
    # Running again processes nothing twice.
    again = run("run", str(ROOT / "seeds"))
    assert again.output.count("3 flags") == 1 and len(Store().articles()) == 1


def test_run_reports_bad_files_and_escapes_hostile_text(env):
    folder = env / "in"
    folder.mkdir()
    (folder / "evil.en.txt").write_text('<script>alert("x")</script> Fighters of Katiab Hezbollah <b>left</b>.')
    (folder / "broken.jsonl").write_text('{"text": "ok text here"}\n{"text": 5}\nnot json\n')
    (folder / "latin1.txt").write_bytes(b"Caf\xe9")
    result = run("run", str(folder))
    assert result.exit_code == 0, result.output
    assert "broken.jsonl:2: text: Input should be a valid string" in result.output
    assert "broken.jsonl:3: not valid JSON" in result.output and "latin1.txt: not UTF-8" in result.output
    page = (env / "newsqa-report.html").read_text()
    assert "<script>" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page  # the raw title, escaped
    assert "<mark" in page and "Katiab Hezbollah" in page

    class Tags(HTMLParser):
        seen: set = set()

        def handle_starttag(self, tag, attrs):
            self.seen.add(tag)
    parser = Tags()
    parser.feed(page)
    assert "script" not in parser.seen


def test_run_with_nothing_to_do_is_an_error(env):
    (env / "empty").mkdir()
    result = run("run", str(env / "empty"))
    assert result.exit_code == 2 and "no articles found" in result.output


def test_submit_stores_even_without_a_broker_then_status_and_reconcile(env):
    lines = "\n".join(json.dumps({"text": f"Vojska je ušla u Kirkuk {i}.", "url": f"https://ex.rs/{i}"})
                      for i in range(3))
    result = run("submit", "-", input=lines + "\n" + lines)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert [r["status"] for r in rows] == ["new"] * 3 + ["duplicate"] * 3
    assert "could not be reached" in result.output
    status = run("status")
    assert "pending: 3" in status.output
    detail = json.loads(run("status", str(rows[0]["id"]), "--json").output)
    assert detail["state"] == "pending" and detail["events"][0]["message"] == "accepted"
    reconcile = run("reconcile", "--after", "0")
    assert reconcile.exit_code == 2 and "3 article(s) due, 0 queued" in reconcile.output


def test_submit_reports_bad_items_with_exit_status_1(env):
    result = run("submit", "-", input='{"text": "fine"}\n{"url": "https://x.rs"}\n')
    assert result.exit_code == 1
    assert "<stdin>:2: text: Field required" in result.output


def test_one_bad_line_does_not_abort_the_batch(env):
    """A line nested 100,000 deep (a RecursionError in the JSON parser) between two good ones: both
    good ones are stored, queued (or left to the reconciler) and printed; the bad one is reported."""
    deep = '{"text": "x", "metadata": ' + "[" * 100_000 + "]" * 100_000 + "}"
    good = [json.dumps({"text": f"Vojska je ušla u Mosul {i}.", "url": f"https://ex.rs/m{i}"}) for i in range(2)]
    result = run("submit", "-", input="\n".join([good[0], deep, good[1]]) + "\n")
    assert result.exit_code == 1 and "Traceback" not in result.output
    rows = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert [r["status"] for r in rows] == ["new", "new"]
    assert "<stdin>:2: JSON nested too deep" in result.output
    assert len(Store().articles()) == 2


def test_retry_brings_dead_articles_back(env):
    (env / "a.en.txt").write_text("   <p></p>")
    run("run", str(env / "a.en.txt"))
    [article] = Store().articles()
    assert article.state == "dead"
    assert "1 article(s) back to pending" in run("retry", "--failed", "--no-queue").output
    assert Store().get(article.id).state == "pending"
    assert run("retry").exit_code == 2


def test_recheck_runs_only_the_check_stage_with_the_new_glossary(env, monkeypatch):
    run("run", str(ROOT / "seeds"))
    edited = env / "glossary.csv"
    from newsqa.qa import load_glossary, save_glossary
    g = load_glossary(SEED_GLOSSARY)
    g["sergei-kisel"].terms[0].text = "Sergei Kissel"  # the house now spells him so
    save_glossary(g, edited)
    assert run("glossary", "import", str(edited)).exit_code == 0
    result = run("recheck")
    assert "1 of 1 article(s) re-checked" in result.output, result.output
    [article] = Store().articles()
    assert {f.found for f in Store().flags(article.id)} == {"Hashd al-Shabaab", "Katiab Hezbollah"}
    assert len(Store().translations(article.id)) == 1  # not translated again
    assert "0 of 0" in run("recheck").output


def test_worker_rejects_unknown_queues(env):
    result = run("worker", "-Q", "gpu")
    assert result.exit_code == 2 and "unknown queue(s): gpu" in result.output


def test_a_changed_article_is_processed_again_as_a_new_revision(env):
    path = env / "story.json"
    story = {"url": "https://example.org/story", "language": "en"}
    path.write_text(json.dumps({**story, "text": "Fighters of Katiab Hezbollah crossed the border."}))
    run("run", str(path))
    path.write_text(json.dumps({**story, "text": "Fighters of Katiab Hezbollah and Sergei Kissel crossed."}))
    result = run("run", str(path))
    assert "2 flags" in result.output
    [article] = Store().articles()
    assert article.revision == 2 and article.state == "processed"
    assert {f.found for f in Store().flags(article.id)} == {"Katiab Hezbollah", "Sergei Kissel"}
    assert {t.revision for t in Store().translations(article.id)} == {1, 2}


def test_scrapy_item_pipeline_submits_and_records_the_id(env):
    from newsqa.client import NewsqaPipeline

    pipeline = NewsqaPipeline(database_url=f"sqlite:///{env / 'scrapy.sqlite3'}")
    item = {"text": "Vojska je ušla u Kirkuk.", "url": "https://ex.rs/9", "outlet": "Ex", "title": None}
    assert pipeline.process_item(item, spider=None) is item
    again = pipeline.process_item(dict(item), spider=None)
    assert item["newsqa_id"] == again["newsqa_id"]
    with pytest.raises(Exception, match="item: text: Field required"):
        pipeline.process_item({"url": "https://ex.rs/10"}, spider=None)


@pytest.mark.skipif(not __import__("shutil").which("apertium"), reason="apertium is not installed")
def test_run_jsonl_json_is_the_batch_contract(env):
    """One line per input, in input order; a bad line keeps its place with its error."""
    articles = env / "in.jsonl"
    articles.write_text("\n".join([
        json.dumps({"id": "b", "text": "Ministar Džavad Zarif doputovao je u Tabriz.", "language": "sr"}),
        "not json",
        json.dumps({"id": "a", "text": "Хути су напали брод код Јемена.", "language": "sr"}),
    ]) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["run", "--jsonl", str(articles), "--json", "--glossary",
                                         str(SEED_GLOSSARY)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["b", 2, "a"]
    assert set(rows[0]) == {"id", "language", "script", "engine", "translation", "flags"}
    assert rows[0]["engine"] == "apertium" and "Javad Zarif" in rows[0]["translation"]
    assert "error" in rows[1] and rows[2]["script"] == "Cyrl" and "Houthis" in rows[2]["translation"]
    for flag in rows[0]["flags"] + rows[2]["flags"]:
        assert set(flag) == {"entity", "kind", "start", "end", "found", "suggestion", "confidence", "reason"}
    assert not (env / "cli.sqlite3").exists() or not Store().articles()  # --glossary used a private store


def test_run_glossary_and_db_do_not_mix(env):
    result = run("run", "--jsonl", "x.jsonl", "--glossary", str(SEED_GLOSSARY), "--db", "sqlite:///x.sqlite3")
    assert result.exit_code != 0 and "--glossary" in result.output
