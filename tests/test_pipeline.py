"""The pipeline in-process, on a real SQLite store with the real engines (Apertium)."""

from __future__ import annotations


import pytest

from newsqa.tasks import pipeline
from newsqa.tasks.articles import parse_article
from newsqa.tasks.html import to_text
from newsqa.tasks.store import Store
from tests.conftest import SEED_ARTICLE, SEED_GLOSSARY


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSQA_GLOSSARY", str(SEED_GLOSSARY))
    return Store(f"sqlite:///{tmp_path / 'p.sqlite3'}")


def kinds(store, aid):
    return sorted((f.entity, f.kind, f.found) for f in store.flags(aid))


def test_the_seed_article_yields_its_three_errors(store):
    aid = store.accept(parse_article({"text": SEED_ARTICLE.read_text()})).id
    assert pipeline.process(store, aid) == "processed"
    assert kinds(store, aid) == [("kataib-hezbollah", "near_miss", "Katiab Hezbollah"),
                                 ("pmf", "deprecated", "Hashd al-Shabaab"),
                                 ("sergei-kisel", "near_miss", "Sergei Kissel")]
    article = store.get(aid)
    assert article.language == "en" and list(article.stages) == ["ingest", "detect", "translate", "check"]
    assert store.translations(aid)[0].engine == "passthrough"


def test_processing_twice_changes_nothing(store):
    aid = store.accept(parse_article({"text": SEED_ARTICLE.read_text()})).id
    pipeline.process(store, aid)
    store.update(aid, state="pending", stages={})
    assert pipeline.process(store, aid) == "processed"
    assert len(store.flags(aid)) == 3 and len(store.translations(aid)) == 1


needs_apertium = pytest.mark.apertium  # skipped where Apertium is missing, except in CI (conftest)
CASES = [
    ("Izraelska vojska je napala položaje Hezbolaha u južnom Libanu.", "sr",
     {("hezbollah", "source_form"), ("lebanon", "source_form")}, ("Hezbollah", "Lebanon")),
    ("Borci Hašd al-Šabija ušli su u Siriju.", "hr", {("pmf", "source_form")}, ("Popular Mobilization Forces",)),
]


@needs_apertium
@pytest.mark.parametrize("text, language, expected, names", CASES)
def test_serbo_croatian_through_apertium_alone(store, monkeypatch, text, language, expected, names):
    monkeypatch.setenv("NEWSQA_MT_GLOSSARY", "0")
    aid = store.accept(parse_article({"text": text})).id
    assert pipeline.process(store, aid) == "processed"
    article = store.get(aid)
    assert article.language in ("sr", "hr", "bs")
    [translation] = store.translations(aid)
    assert translation.engine == "apertium" and "apertium" in translation.engine_version
    assert "glossary-aware" not in translation.engine_version
    assert "*" not in translation.text and translation.unknown_words["words"]
    assert expected <= {(f.entity, f.kind) for f in store.flags(aid)}


@needs_apertium
def test_montenegrin_spelling_reaches_apertium_as_standard_ijekavian():
    from newsqa.worker.engines.apertium import Apertium

    [result] = Apertium().translate(["Vlada je saopštila da će śednica biti održana, a ne đe su mislili."],
                                    "cnr", "Latn")
    assert "session" in result.text and "where" in result.text and not result.unknown_words


@needs_apertium
@pytest.mark.parametrize("text, language, expected, names", CASES)
def test_the_glossary_step_gives_the_translation_the_preferred_names(store, text, language, expected, names):
    aid = store.accept(parse_article({"text": text})).id
    assert pipeline.process(store, aid) == "processed"
    [translation] = store.translations(aid)
    assert "glossary-aware" in translation.engine_version and "Zqx" not in translation.text
    assert all(name in translation.text for name in names)
    assert {e for e, _ in expected} <= {t["entity"] for t in translation.unknown_words["terms"]}
    assert not {e for e, _ in expected} & {f.entity for f in store.flags(aid)}


def test_the_publishers_translation_is_checked_too(store):
    aid = store.accept(parse_article({
        "text": "Борци Катаиб Хезболаха прешли су границу.", "language": "sr-Cyrl",
        "translation": "Fighters of Katiab Hezbollah crossed the border."})).id
    assert pipeline.process(store, aid) == "processed"
    publisher = [f for f in store.flags(aid) if f.translation.engine == "publisher"]
    assert [(f.entity, f.kind, f.found) for f in publisher] == [
        ("kataib-hezbollah", "near_miss", "Katiab Hezbollah")]


def test_bad_input_ends_dead_with_its_reason_and_no_retry(store):
    aid = store.accept(parse_article({"text": "<div><script>alert(1)</script>  </div>"})).id
    assert pipeline.process(store, aid) == "dead"
    article = store.get(aid)
    assert article.error == "the article has no text (empty, or only markup)" and article.attempts == 1


def test_a_language_without_an_engine_is_stored_untranslated(store):
    aid = store.accept(parse_article({"text": "Die Armee sagte, sie habe mehrere Städte zurückerobert, "
                                              "die Rebellen in den letzten Tagen eingenommen hatten."})).id
    assert pipeline.process(store, aid) == "processed"
    article = store.get(aid)
    assert article.language == "de"
    assert article.stages["translate"]["detail"].startswith("untranslated:")
    assert store.translations(aid) == []


CZECH = ("Vláda schválila návrh rozpočtu na příští rok, který počítá s vyšším schodkem, uvedlo ministerstvo "
         "financí.")


def test_czech_is_stored_untranslated_not_sent_to_the_serbo_croatian_pair(store):
    aid = store.accept(parse_article({"text": CZECH})).id
    assert pipeline.process(store, aid) == "processed"
    article = store.get(aid)
    assert article.language == "cs" and store.translations(aid) == []
    assert article.stages["translate"]["detail"] == "untranslated: apertium does not translate cs (Latn)"
    assert any(e.message.startswith("untranslated: ") for e in store.events(aid))


def test_an_engine_configured_for_a_language_is_used(store, monkeypatch):
    monkeypatch.setenv("NEWSQA_MT_ENGINES", "tr=apertium, cs=tests.engines:BrokenCzech")
    monkeypatch.setenv("NEWSQA_MAX_ATTEMPTS", "1")
    aid = store.accept(parse_article({"text": CZECH})).id
    assert pipeline.process(store, aid) == "dead"  # the Czech engine was chosen (and fails: it is a test engine)
    assert "engine exploded" in store.get(aid).error
    serbian = store.accept(parse_article({"text": "Vojska je ušla u Kirkuk i Mosul tokom noći."})).id
    assert pipeline.process(store, serbian) == "processed"  # other languages keep NEWSQA_MT_ENGINE
    assert store.translations(serbian)[0].engine == "apertium"


def test_a_bad_engine_table_is_a_clear_error(monkeypatch):
    from newsqa import config
    monkeypatch.setenv("NEWSQA_MT_ENGINES", "cs")
    with pytest.raises(config.SettingError, match="NEWSQA_MT_ENGINES must be language=engine pairs"):
        config.engine_for("cs")


def test_a_clear_mismatch_with_the_declared_language_is_an_event(store):
    aid = store.accept(parse_article({"text": CZECH, "language": "sr"})).id
    assert pipeline.process(store, aid) == "processed"
    article = store.get(aid)
    assert article.language == "cs"
    assert article.stages["detect"]["mismatch"].startswith("declared sr, detected cs (")
    assert [e.message for e in store.events(aid) if "mismatch" in e.message] == [
        f"declared language mismatch: {article.stages['detect']['mismatch']}"]


def test_a_declared_language_decides_a_headline_without_evidence(store):
    aid = store.accept(parse_article({"text": "Напад на Идлиб", "language": "sr"})).id
    assert pipeline.process(store, aid) == "processed"
    article = store.get(aid)
    assert article.language == "sr" and "mismatch" not in article.stages["detect"]
    assert "declared sr kept" in article.stages["detect"]["detail"]
    assert not [e for e in store.events(aid) if "mismatch" in e.message]
    agrees = store.accept(parse_article({"text": "Vojska je ušla u Kirkuk i Mosul tokom noći.", "language": "hr"})).id
    pipeline.process(store, agrees)
    assert "mismatch" not in store.get(agrees).stages["detect"]  # the same pair: no mismatch


def test_an_engine_failure_is_one_attempt_then_dead(store, monkeypatch):
    monkeypatch.setenv("NEWSQA_MT_ENGINE", "tests.engines:Broken")
    monkeypatch.setenv("NEWSQA_MAX_ATTEMPTS", "2")
    aid = store.accept(parse_article({"text": "Vojska je ušla u Kirkuk i Mosul tokom noći."})).id
    assert pipeline.process(store, aid) == "pending"
    assert pipeline.process(store, aid) == "dead"
    assert "engine exploded" in store.get(aid).error


def test_an_article_too_long_to_translate_is_refused_before_the_engine_runs(store, monkeypatch):
    monkeypatch.setenv("NEWSQA_MT_ENGINE", "tests.engines:Broken")   # would say "engine exploded" if called
    monkeypatch.setenv("NEWSQA_MAX_TRANSLATE_CHARS", "1000")
    aid = store.accept(parse_article({"text": "Vojska je ušla u Kirkuk i Mosul tokom noći. " * 40,
                                      "language": "sr"})).id
    assert pipeline.process(store, aid) == "dead"
    article = store.get(aid)
    assert article.attempts == 1 and "1,759 characters" in article.error and "NEWSQA_MAX_TRANSLATE_CHARS" in article.error


def test_html_is_reduced_to_text():
    body = ("<html><head><title>T</title><style>p{}</style></head><body><h1>Naslov</h1>"
            "<p>Prvi <b>pasus</b>.</p><script>evil()</script><p>Drugi&nbsp;pasus.</p></body></html>")
    assert to_text(body) == "Naslov\nPrvi pasus.\nDrugi pasus."
    assert to_text("plain  text\n\n\n\nnext") == "plain text\n\nnext"
