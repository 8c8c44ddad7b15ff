"""The store on SQLite and PostgreSQL: idempotent writes, leases, dead articles, migrations."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import func, select

from newsqa.qa.flags import Flag
from newsqa.tasks.articles import BadArticle, canonical_url, parse_article
from newsqa.tasks.models import Base, FlagRow, Translation
from newsqa.tasks.store import Store


def article(**kw):
    return parse_article({"text": "Vojska je ušla u Kirkuk.", **kw})


def test_same_article_is_stored_once_and_a_change_is_a_revision(store_url):
    store = Store(store_url)
    first = store.accept(article(url="https://Example.org/vesti/1/?utm_source=x#top"))
    again = store.accept(article(url="https://example.org/vesti/1"))
    changed = store.accept(article(url="https://example.org/vesti/1", text="Vojska je ušla u Mosul."))
    assert (first.status, again.status, changed.status) == ("new", "duplicate", "revised")
    assert first.id == again.id == changed.id
    row = store.get(first.id)
    assert row.revision == 2 and row.body == "Vojska je ušla u Mosul." and row.state == "pending"
    # Without a URL the content is the identity.
    assert store.accept(article(text="Nešto drugo.")).status == "new"
    assert store.accept(article(text="  Nešto   drugo. ")).status == "duplicate"


def test_concurrent_submissions_of_one_article_store_one_row(store_url):
    store = Store(store_url)
    results, errors = [], []

    def go():
        try:
            results.append(store.accept(article(url="https://example.org/race")))
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=go) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len({r.id for r in results}) == 1
    assert sorted(r.status for r in results).count("new") == 1
    assert len(store.articles(limit=100)) == 1


def test_a_claim_is_exclusive_until_its_lease_runs_out(store_url):
    store = Store(store_url)
    aid = store.accept(article()).id
    assert store.claim(aid, lease_seconds=0.5)
    assert not store.claim(aid, lease_seconds=0.5)
    assert store.due(requeue_after=3600) == []
    time.sleep(0.8)
    assert store.due(requeue_after=3600) == [aid]
    assert store.claim(aid, lease_seconds=60)
    assert store.get(aid).attempts == 1   # taken back: the same attempt goes on


def test_translations_and_flags_are_written_once(store_url):
    store = Store(store_url)
    aid = store.accept(article()).id
    t1 = store.save_translation(aid, 1, "apertium", "x", "sr", "The army entered Kirkuk.")
    t2 = store.save_translation(aid, 1, "apertium", "x", "sr", "The army entered Kirkuk.")
    assert t1 == t2
    flags = [Flag("kirkuk", "missing", None, None, None, "Kirkuk", 0.6, "r", "source-entity"),
             Flag("mosul", "near_miss", 3, 8, "Mosl", "Mosul", 0.8, "r", "near-miss")]
    assert store.save_flags(aid, t1, flags, "g1", "c1") == 2
    assert store.save_flags(aid, t1, flags, "g1", "c1") == 0
    with store.session() as s:
        assert s.execute(select(func.count()).select_from(FlagRow)).scalar() == 2
        assert s.execute(select(func.count()).select_from(Translation)).scalar() == 1


def test_failures_end_dead_after_the_attempts_and_retry_revives(store_url, monkeypatch):
    monkeypatch.setenv("NEWSQA_MAX_ATTEMPTS", "2")
    store = Store(store_url)
    aid = store.accept(article()).id
    store.claim(aid, 60)
    assert store.fail(aid, "translate", "boom", final=False) == "pending"
    store.claim(aid, 60)
    assert store.fail(aid, "translate", "boom again", final=False) == "dead"
    row = store.get(aid)
    assert row.error == "boom again" and row.stages["translate"]["status"] == "failed"
    bad = store.accept(article(text="x y z")).id
    store.claim(bad, 60)
    assert store.fail(bad, "ingest", "no text", final=True) == "dead"
    assert sorted(store.retry()) == sorted([aid, bad])
    assert store.get(aid).state == "pending" and store.get(aid).attempts == 0
    assert [e.message for e in store.events(aid)][-1] == "retry requested"


def test_a_stage_that_never_finishes_uses_up_attempts(store_url):
    store = Store(store_url)
    aid = store.accept(article()).id
    store.claim(aid, 60)
    assert store.begin_stage(aid, "ingest", 2, 60) is not None
    assert store.begin_stage(aid, "ingest", 2, 60) is not None     # redelivered: attempt 2
    assert store.begin_stage(aid, "ingest", 2, 60) is None         # and again: dead
    row = store.get(aid)
    assert row.state == "dead" and "did not finish in 2 attempts" in row.error


def test_a_stage_waits_for_the_earlier_stages_of_the_current_revision(store_url):
    store = Store(store_url)
    aid = store.accept(article(url="https://example.org/r")).id
    store.claim(aid, 60)
    assert store.begin_stage(aid, "translate", 3, 60) is None        # ingest and detect not done
    held = store.begin_stage(aid, "ingest", 3, 60)
    assert store.stage_done(aid, "ingest", held.revision, "ok")
    store.accept(article(url="https://example.org/r", text="Vojska je ušla u Mosul."))  # revision 2
    assert not store.stage_done(aid, "detect", held.revision, "stale")  # revision 1's result
    assert not store.finish(aid, held.revision)
    row = store.get(aid)
    assert (row.revision, row.state, row.stages) == (2, "pending", {})
    assert store.fail(aid, "detect", "late failure", final=False, revision=1) == "stale"
    assert store.get(aid).state == "pending" and store.get(aid).error is None


def test_migrations_build_exactly_the_models(store_url):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    store = Store(store_url)
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


@pytest.mark.parametrize("data, words", [
    ({}, "text: Field required"),
    ({"text": "   "}, "text: String should have at least 1 character"),
    ({"text": "x", "url": "ftp://example.org"}, "url: Value error, must be an http or https URL"),
    ({"text": "x", "language": "Serbian!"}, "language: Value error"),
    ({"text": "x", "colour": "red"}, "colour: Extra inputs are not permitted"),
    ({"text": "a\x00b"}, "NUL"),
    ({"text": "x" * 2_000_001}, "at most 2000000 characters"),
    ("just a string", "expected a JSON object"),
])
def test_bad_articles_get_clear_errors(data, words):
    with pytest.raises(BadArticle) as err:
        parse_article(data, "line 3")
    assert str(err.value).startswith("line 3:") and words in str(err.value)


def test_canonical_url():
    assert canonical_url("HTTPS://Example.ORG/a/b/?utm_campaign=x&id=3#frag") == "https://example.org/a/b?id=3"


def test_stores_opened_at_once_migrate_one_at_a_time(store_url):
    errors = []

    def open_store():
        try:
            Store(store_url).counts()
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=open_store) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors and not any(t.is_alive() for t in threads)


def test_two_processes_importing_the_starter_glossary_at_once_is_no_failure(pg_url, monkeypatch):
    """Both find the store empty and import; the loser's unique violation is not an error (it used
    to fail the stage that asked for the checker: one failed attempt at an article)."""
    from newsqa.tasks.glossary_store import GlossaryStore
    from tests.conftest import SEED_GLOSSARY

    monkeypatch.setenv("NEWSQA_GLOSSARY", str(SEED_GLOSSARY))   # PostgreSQL: SQLite's BEGIN IMMEDIATE
    from sqlalchemy import create_engine, text                  # serialises the imports, no race there
    engine = create_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    store_url = pg_url
    store = Store(store_url)
    both_read = threading.Barrier(2)
    real_load = GlossaryStore.load

    def load_then_wait(self):
        glossary = real_load(self)
        both_read.wait(10)              # both have read an empty store before either writes
        return glossary

    monkeypatch.setattr(GlossaryStore, "load", load_then_wait)
    results, errors = [], []

    def start_worker():
        try:
            results.append(GlossaryStore(Store(store_url)).ensure_loaded())
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=start_worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    assert sorted(results) == [False, True]
    monkeypatch.setattr(GlossaryStore, "load", real_load)
    assert GlossaryStore(store).version() > 0
