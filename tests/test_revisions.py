"""A revision submitted while an article is being processed: every stage result belongs to the
revision it was computed for, and the new revision runs its own stages.

The Celery tasks run in this process (``Task.apply``, no broker), one at a time, in the order a
single worker (``-c 1``) takes them from Redis, so the interleaving is the same on every run. The
real-worker version of this scenario is in ``tests/reliability/test_faults.py``.
"""

from __future__ import annotations

import pytest

from newsqa.tasks import pipeline
from newsqa.tasks.articles import parse_article
from newsqa.tasks.store import Store
from tests.conftest import SEED_ARTICLE, SEED_GLOSSARY

URL = "https://example.org/live/1"
FIRST = SEED_ARTICLE.read_text()
# The second revision keeps one of the seed's three wrong names and corrects the other two.
SECOND = (FIRST.replace("Katiab Hezbollah", "Kataib Hezbollah").replace("Sergei Kissel", "Sergei Kisel")
          + "\nUpdated: the ministry later confirmed the figures.")


@pytest.fixture
def tasks(store_url, monkeypatch):
    monkeypatch.setenv("NEWSQA_DATABASE_URL", store_url)
    monkeypatch.setenv("NEWSQA_GLOSSARY", str(SEED_GLOSSARY))
    from newsqa.tasks import tasks as module

    module.store.cache_clear()
    yield module
    module.store.cache_clear()


def revise_during_translation(monkeypatch, store: Store, text: str) -> list[str]:
    """The next translation submits ``text`` as a new revision while it is running."""
    real = pipeline.get_engine
    seen: list[str] = []

    class Hook:
        def __init__(self, engine):
            self.engine = engine

        def __getattr__(self, name):
            return getattr(self.engine, name)

        def translate(self, texts, lang, script):
            if not seen:
                seen.append(store.accept(parse_article({"text": text, "url": URL})).status)
            return self.engine.translate(texts, lang, script)

    monkeypatch.setattr(pipeline, "get_engine", lambda name: Hook(real(name)))
    return seen


def clean_flags(store_url_or_store: Store, text: str) -> set[tuple[str, str, str]]:
    """The flags a run with no interruption gives ``text`` (in a fresh in-process store)."""
    aid = store_url_or_store.accept(parse_article({"text": text})).id
    assert pipeline.process(store_url_or_store, aid) == "processed"
    return {(f.entity, f.kind, f.found) for f in store_url_or_store.flags(aid)}


def test_a_revision_submitted_during_translation_is_processed(tasks, monkeypatch):
    store = tasks.store()
    aid = store.accept(parse_article({"text": FIRST, "url": URL})).id
    seen = revise_during_translation(monkeypatch, store, SECOND)

    tasks.start.apply(args=(aid,))        # revision 1: claim, ingest, detect
    tasks.translate.apply(args=(aid,))    # revision 1's translation; revision 2 arrives meanwhile
    assert seen == ["revised"]
    tasks.start.apply(args=(aid,))        # revision 2's chain starts (queued by the submitter)
    tasks.check.apply(args=(aid,))        # revision 1's check, taken before revision 2's translate
    tasks.translate.apply(args=(aid,))    # revision 2's chain goes on
    tasks.check.apply(args=(aid,))

    article = store.get(aid)
    assert article.revision == 2 and article.state == "processed"
    assert [t.revision for t in store.translations(aid, 2)] == [2], "revision 2 was never translated"
    assert "Updated: the ministry" in store.translations(aid, 2)[0].text
    assert all(record.get("revision") == 2 for record in article.stages.values()), article.stages
    flags = {(f.entity, f.kind, f.found) for f in store.flags(aid)}
    assert flags == clean_flags(store, SECOND + " ")
    assert [t.revision for t in store.translations(aid, 1)] == [1]  # kept as history


def test_a_stale_chain_that_finishes_first_does_not_finish_the_new_revision(tasks, monkeypatch):
    """Revision 1's whole chain runs to its end after revision 2 arrived; revision 2 is not done
    until its own stages ran."""
    store = tasks.store()
    aid = store.accept(parse_article({"text": FIRST, "url": URL})).id
    revise_during_translation(monkeypatch, store, SECOND)
    tasks.start.apply(args=(aid,))
    tasks.translate.apply(args=(aid,))
    tasks.check.apply(args=(aid,))        # revision 1's check: the article is pending again
    article = store.get(aid)
    assert article.state == "pending" and article.stages == {}, (article.state, article.stages)
    for task in (tasks.start, tasks.translate, tasks.check):
        task.apply(args=(aid,))
    article = store.get(aid)
    assert article.state == "processed"
    assert [t.revision for t in store.translations(aid, 2)] == [2]


def test_in_process_runs_keep_to_their_revision(store_url, monkeypatch):
    """``newsqa run``'s path (``pipeline.process``) with a revision arriving mid-translation: the
    stale run stops, and processing again gives revision 2 its own translation and flags."""
    monkeypatch.setenv("NEWSQA_GLOSSARY", str(SEED_GLOSSARY))
    store = Store(store_url)
    aid = store.accept(parse_article({"text": FIRST, "url": URL})).id
    revise_during_translation(monkeypatch, store, SECOND)
    assert pipeline.process(store, aid) == "pending"
    assert pipeline.process(store, aid) == "processed"
    assert [t.revision for t in store.translations(aid, 2)] == [2]
    assert store.get(aid).attempts == 1
