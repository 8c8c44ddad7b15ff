"""A real Redis and real `newsqa worker` processes: submission, processing, and a killed worker.

Eager mode is not used: the worker is a separate process, as in production.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import httpx
import pytest
import redis

from newsqa.tasks.store import Store
from tests.conftest import ROOT, SEED_ARTICLE, SEED_GLOSSARY
from tests.reliability.harness import Workers
from tests.services import free_port, wait_for_port

pytestmark = pytest.mark.services

SERBIAN = "Izraelska vojska je napala položaje Hezbolaha u južnom Libanu, saopštio je Rojters."


@pytest.fixture
def env(tmp_path, redis_url):
    redis.Redis.from_url(redis_url).flushall()
    values = dict(os.environ,
                  NEWSQA_DATABASE_URL=f"sqlite:///{tmp_path / 'store.sqlite3'}",
                  NEWSQA_BROKER_URL=redis_url, NEWSQA_GLOSSARY=str(SEED_GLOSSARY),
                  PYTHONPATH=str(ROOT), NEWSQA_RECONCILE_SECONDS="2")
    return values


@pytest.fixture
def workers(env, tmp_path):
    w = Workers(env, tmp_path)
    yield w
    w.stop_all()


def wait_for(predicate, timeout: float, what: str, workers: Workers | None = None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}\n{workers.logs() if workers else ''}")


def test_submit_three_ways_then_the_worker_processes(env, workers, tmp_path, monkeypatch):
    store = Store(env["NEWSQA_DATABASE_URL"])
    batch = tmp_path / "batch.jsonl"
    batch.write_text(json.dumps({"text": SEED_ARTICLE.read_text(), "url": "https://example.org/seed"}) + "\n"
                     + json.dumps({"text": SERBIAN, "url": "https://example.rs/1", "language": "sr"}) + "\n"
                     + json.dumps({"text": "<div><style>p{}</style> </div>", "url": "https://example.rs/empty"}))
    out = subprocess.run([sys.executable, "-m", "newsqa", "submit", str(batch)], env=env,
                         capture_output=True, text=True, check=True).stdout
    *ids, empty = [json.loads(line)["id"] for line in out.splitlines()]

    for key in ("NEWSQA_DATABASE_URL", "NEWSQA_BROKER_URL", "NEWSQA_GLOSSARY"):
        monkeypatch.setenv(key, env[key])
    from newsqa.client import submit
    accepted = submit("Борци Катаиб Хезболаха прешли су границу код Абу Камала.", url="https://example.rs/2",
                      translation="Fighters of Katiab Hezbollah crossed the border near Abu Kamal.")
    assert accepted.status == "new"
    ids.append(accepted.id)

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "newsqa", "serve", "--port", str(port)],
                              env={**env, "NEWSQA_API_TOKENS": "t0ken"}, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port)
        r = httpx.post(f"http://127.0.0.1:{port}/api/articles", headers={"Authorization": "Bearer t0ken"},
                       json={"text": "Нетанјаху изјави дека Израел ќе продолжи со нападите врз Хезболах.",
                             "outlet": "Example MK"}, timeout=30)
        assert r.status_code == 202, r.text
        ids.append(r.json()["id"])
    finally:
        server.terminate()
        server.wait(10)

    workers.start("-Q", "default,translate")
    wait_for(lambda: all(store.get(i).state == "processed" for i in ids), 90, "four processed articles", workers)
    seed, serbian, cyrillic, macedonian = ids
    wait_for(lambda: store.get(empty).state == "dead", 30, "the empty article to be dead", workers)
    assert store.get(empty).error.startswith("the article has no text") and store.get(empty).attempts == 1
    assert store.get(macedonian).language == "mk"
    assert store.translations(macedonian)[0].engine == "apertium"
    assert {f.found for f in store.flags(seed)} == {"Sergei Kissel", "Hashd al-Shabaab", "Katiab Hezbollah"}
    # The glossary step gave the MT output the preferred names, so only real errors are left to flag.
    [mt] = [t for t in store.translations(serbian) if t.engine == "apertium"]
    assert {"lebanon", "reuters"} <= {t["entity"] for t in mt.unknown_words["terms"]}
    assert "Lebanon" in mt.text and "Reuters" in mt.text
    assert not {f.entity for f in store.flags(serbian)} & {"lebanon", "reuters"}
    assert ("kataib-hezbollah", "near_miss") in {(f.entity, f.kind) for f in store.flags(cyrillic)}
    assert {t.engine for t in store.translations(cyrillic)} == {"publisher", "apertium"}


def test_a_worker_killed_mid_translation_loses_nothing(env, workers, tmp_path):
    """SIGKILL the whole worker while it translates; the next worker finishes the article once."""
    marker = tmp_path / "translating"
    env.update(NEWSQA_MT_ENGINE="tests.engines:Slow", NEWSQA_TEST_MARKER=str(marker),
               NEWSQA_VISIBILITY_TIMEOUT="3", NEWSQA_LEASE_SECONDS="4")
    store = Store(env["NEWSQA_DATABASE_URL"])
    subprocess.run([sys.executable, "-m", "newsqa", "submit", "-"], input=json.dumps(
        {"text": SERBIAN, "language": "sr"}), env=env, capture_output=True, text=True, check=True)
    [article] = store.articles()

    first = workers.start("-Q", "default,translate", NEWSQA_TEST_DELAY="60")
    wait_for(marker.exists, 60, "the translation to start", workers)
    workers.kill(first)
    killed = store.get(article.id)
    assert killed.state == "processing" and killed.stages["translate"]["status"] == "started"
    assert store.translations(article.id) == []

    workers.start("-Q", "default,translate", "--beat", NEWSQA_TEST_DELAY="0")
    wait_for(lambda: store.get(article.id).state == "processed", 90, "the article to be processed", workers)
    done = store.get(article.id)
    [translation] = store.translations(article.id)
    assert translation.engine == "apertium"
    assert translation.unknown_words["terms"]  # the glossary step ran on the retried translation
    flags = store.flags(article.id)
    assert len({(f.entity, f.kind, f.span) for f in flags}) == len(flags)
    assert done.attempts >= 2 and len(marker.read_text().split()) >= 2
    # Redelivered messages and reconciler runs may both arrive: nothing is written twice.
    time.sleep(3)
    assert len(store.translations(article.id)) == 1 and len(store.flags(article.id)) == len(flags)
