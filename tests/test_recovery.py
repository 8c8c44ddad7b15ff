"""Recovery in seconds: leases renewed while a stage runs, a dead holder's claim taken over at once,
a broker that lost its queues noticed at the next reconciler run, `reconcile --force`, and the
reconciler's last run shown by `newsqa status`. Real SQLite/PostgreSQL and a private Redis."""

from __future__ import annotations

from datetime import timezone

import subprocess
import sys
import time

import pytest
import redis
from click.testing import CliRunner

from newsqa.cli import main
from newsqa.tasks import pipeline
from newsqa.tasks.articles import parse_article
from newsqa.tasks.queue import broker_forgot, reconcile
from newsqa.tasks.store import Store, process_owner
from tests.conftest import SEED_ARTICLE, SEED_GLOSSARY


@pytest.fixture
def env(store_url, redis_url, monkeypatch):
    redis.Redis.from_url(redis_url).flushall()
    monkeypatch.setenv("NEWSQA_DATABASE_URL", store_url)
    monkeypatch.setenv("NEWSQA_BROKER_URL", redis_url)
    monkeypatch.setenv("NEWSQA_GLOSSARY", str(SEED_GLOSSARY))
    return Store(store_url)


def accept(store: Store, n: int = 0) -> int:
    return store.accept(parse_article({"text": SEED_ARTICLE.read_text().replace("25", str(100 + n)),
                                       "url": f"https://example.org/{n}"})).id


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_a_running_stage_keeps_its_lease_and_a_dead_one_loses_it(env, monkeypatch):
    """A 1 s lease outlives a 3 s stage because the stage renews it; unrenewed, it runs out."""
    monkeypatch.setenv("NEWSQA_LEASE_SECONDS", "1")
    store = env
    aid = accept(store)
    seen = []
    real = pipeline.get_engine

    class Slow:
        def __init__(self, engine):
            self.engine = engine

        def __getattr__(self, name):
            return getattr(self.engine, name)

        def translate(self, texts, lang, script):
            for _ in range(6):
                time.sleep(0.5)
                seen.append(aid in store.due(3600))
            return self.engine.translate(texts, lang, script)

    monkeypatch.setattr(pipeline, "get_engine", lambda name: Slow(real(name)))
    assert pipeline.process(store, aid) == "processed"
    assert seen == [False] * 6, "the lease ran out while the stage was running"

    other = accept(store, 1)
    store.claim(other, 1)
    store.begin_stage(other, "ingest", 3, 1)     # a holder that died: nothing renews its lease
    time.sleep(1.3)
    assert other in store.due(3600)


def test_a_claim_held_by_a_dead_process_is_taken_over_at_once(env):
    """A pool child killed in the start stage: Celery delivers its task again at once, and the new
    attempt takes the article without waiting for the lease to run out."""
    store = env
    live = accept(store, 1)
    assert store.claim(live, 3600, owner="another-host:1")
    assert not store.claim(live, 30)                          # a holder elsewhere keeps its lease
    aid = accept(store)
    holder = f"{process_owner().rpartition(':')[0]}:{dead_pid()}"
    assert store.claim(aid, 3600, owner=holder)
    assert store.begin_stage(aid, "ingest", 3, 3600, owner=holder) is not None
    assert store.claim(aid, 30)
    assert pipeline.resume(store, aid) == "processed"
    article = store.get(aid)
    assert article.attempts == 2 and article.stages["ingest"]["status"] == "done"  # the crash counted once


def test_articles_between_stages_are_queued_again_when_the_broker_forgot(env, redis_url):
    """Redis restarted empty: the next reconciler run queues every pending article and every one
    waiting between stages at once, not after NEWSQA_REQUEUE_AFTER; a running stage is left alone."""
    store = env
    assert broker_forgot(redis_url)             # the first look ever; from now on the broker is known
    waiting, running, pending = accept(store, 1), accept(store, 2), accept(store, 3)
    for aid in (waiting, running):
        store.claim(aid, 30)
        held = store.begin_stage(aid, "ingest", 3, 30)
    store.stage_done(waiting, "ingest", held.revision, "ok")
    store.mark_queued([pending])
    nothing = reconcile(store, 300)
    assert (nothing.due, nothing.forgotten) == (0, False)
    redis.Redis.from_url(redis_url).flushall()  # the restart
    again = reconcile(store, 300)
    assert again.forgotten and (again.due, again.queued) == (2, 2), again
    assert store.claim(waiting, 30) and not store.claim(running, 30)
    client = redis.Redis.from_url(redis_url)
    assert sum(client.llen(key) for key in client.keys("default*")) == 2


def test_reconcile_force_takes_live_leases_and_status_shows_the_reconciler(env, monkeypatch):
    store = env
    aid = accept(store)
    store.claim(aid, 3600)
    runner = CliRunner()
    out = runner.invoke(main, ["status"])
    assert out.exit_code == 1 and "reconciler: never ran" in out.output
    assert "0 article(s) due" in runner.invoke(main, ["reconcile", "--after", "0"]).output
    forced = runner.invoke(main, ["reconcile", "--force"])
    assert forced.exit_code == 0 and "1 article(s) due, 1 queued" in forced.output, forced.output
    assert store.claim(aid, 30) and store.get(aid).attempts == 1
    # status reads the clock when it runs: held at the beat's own time, so a loaded machine cannot
    # turn "0 s ago" into "1 s ago" between the reconcile and the status
    from newsqa.tasks import models

    beat = store.last_beat("reconciler").at
    with monkeypatch.context() as m:
        m.setattr(models, "utcnow", lambda: beat if beat.tzinfo else beat.replace(tzinfo=timezone.utc))
        out = runner.invoke(main, ["status"])
    assert out.exit_code == 0 and "reconciler: last ran 0 s ago" in out.output, out.output
    with store.session() as s:
        from sqlalchemy import text
        s.execute(text("UPDATE service_beats SET at = :at"), {"at": "2020-01-01 00:00:00+00:00"})
    out = runner.invoke(main, ["status"])
    assert out.exit_code == 1 and "stale" in out.output


def test_an_article_whose_message_went_down_with_a_worker_is_due_within_a_lease(env, redis_url, monkeypatch):
    """Between stages, its message taken from Redis by a worker that was then killed: due as soon
    as it has waited a lease with no message of its own in the broker, not after REQUEUE_AFTER."""
    monkeypatch.setenv("NEWSQA_LEASE_SECONDS", "1")
    store = env
    assert broker_forgot(redis_url)
    aid, other = accept(store, 1), accept(store, 2)
    for article_id in (aid, other):
        store.claim(article_id, 30)
        held = store.begin_stage(article_id, "ingest", 3, 30)
        store.stage_done(article_id, "ingest", held.revision, "ok")
    from newsqa.tasks.queue import enqueue
    enqueue(store, [aid, other])                 # both have a message waiting
    time.sleep(1.3)
    assert reconcile(store, 300).due == 0
    client = redis.Redis.from_url(redis_url)
    for key in client.keys("default*"):          # a worker took aid's message and died
        for raw in client.lrange(key, 0, -1):
            if f"[[{aid}]".encode() in __import__("base64").b64decode(__import__("json").loads(raw)["body"]):
                client.lrem(key, 1, raw)
    result = reconcile(store, 300)
    assert (result.due, result.queued) == (1, 1), result
    assert store.claim(aid, 30) and not store.claim(other, 30)


def test_a_process_that_dies_while_a_stage_loads_costs_the_article_no_attempt(env, monkeypatch):
    """A fresh worker spends a second or two loading detection's lists before its first detection; a
    worker killed then must not count an attempt against the article it held (three such kills made
    an article dead). run_stage loads before it marks the stage begun."""
    store = env
    aid = accept(store)
    assert store.claim(aid, 30)
    pipeline.run_stage(store, aid, "ingest")

    class Killed(BaseException):
        """What the process's end looks like from inside: nothing after it runs."""

    def dies(self, store):
        raise Killed

    monkeypatch.setattr(pipeline.Detect, "prepare", dies)
    for _ in range(4):
        with pytest.raises(Killed):
            pipeline.run_stage(store, aid, "detect")
    article = store.get(aid)
    assert article.state == "processing" and article.attempts == 1
    assert (article.stages.get("detect") or {}).get("status") is None
