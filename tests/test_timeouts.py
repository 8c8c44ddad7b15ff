"""Every call to the database and the broker ends: a stall is an error in seconds, never a hang.

Real PostgreSQL (a lock held by another session; a port that accepts and never answers) and a real
Redis frozen with SIGSTOP. Each call runs in a thread with a generous join, so the old behaviour (a
hang) fails the test instead of hanging it.
"""

from __future__ import annotations

import os
import signal
import socket
import threading
import time

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from newsqa.tasks.articles import parse_article
from newsqa.tasks.store import Store
from tests.services import free_port, private_redis


def timed(call, limit: float = 30):
    """(seconds, result or exception) of ``call`` run in a thread; fails when it outlives ``limit``."""
    box: list = []
    start = time.monotonic()
    thread = threading.Thread(target=lambda: box.append(_try(call)), daemon=True)
    thread.start()
    thread.join(limit)
    assert not thread.is_alive(), f"still waiting after {limit} s: no timeout"
    return time.monotonic() - start, box[0]


def _try(call):
    try:
        return call()
    except Exception as exc:  # noqa: BLE001
        return exc


def test_a_statement_waiting_on_a_locked_table_ends(pg_url, monkeypatch):
    monkeypatch.setenv("NEWSQA_DB_STATEMENT_TIMEOUT", "2")
    store = Store(pg_url)
    blocker = create_engine(pg_url).connect()
    blocker.begin()
    blocker.execute(text("LOCK TABLE articles IN ACCESS EXCLUSIVE MODE"))
    try:
        took, result = timed(lambda: store.accept(parse_article({"text": "Vojska je ušla u Kirkuk."})))
    finally:
        blocker.rollback()
        blocker.close()
    assert isinstance(result, OperationalError), result
    assert took < 10
    # Resubmitting is safe: once the database answers, the same article is stored once.
    first = store.accept(parse_article({"text": "Vojska je ušla u Kirkuk."}))
    assert store.accept(parse_article({"text": "Vojska je ušla u Kirkuk."})) == type(first)(first.id, "duplicate")


def test_a_database_that_never_answers_the_connection_ends(monkeypatch):
    monkeypatch.setenv("NEWSQA_DB_CONNECT_TIMEOUT", "2")
    silent = socket.create_server(("127.0.0.1", free_port()))   # accepts in the backlog, never speaks
    port = silent.getsockname()[1]
    try:
        took, result = timed(lambda: Store(f"postgresql+psycopg://postgres@127.0.0.1:{port}/newsqa"))
    finally:
        silent.close()
    assert isinstance(result, OperationalError), result
    assert took < 10


@pytest.mark.parametrize("queue", [True])
def test_a_frozen_broker_does_not_hold_a_submission(tmp_path, monkeypatch, queue):
    """Redis stopped (SIGSTOP: it takes connections and never answers): the article is stored and
    the submitter gets its id within seconds; the reconciler queues it later."""
    monkeypatch.setenv("NEWSQA_BROKER_TIMEOUT", "1")
    with private_redis() as (url, proc):
        monkeypatch.setenv("NEWSQA_BROKER_URL", url)
        monkeypatch.setenv("NEWSQA_DATABASE_URL", f"sqlite:///{tmp_path / 'f.sqlite3'}")
        from newsqa.client import submit
        from newsqa.worker.celery_app import app_for

        app_for.cache_clear()
        os.kill(proc.pid, signal.SIGSTOP)
        try:
            took, result = timed(lambda: submit("Vojska je ušla u Kirkuk.", queue=queue), limit=60)
        finally:
            os.kill(proc.pid, signal.SIGCONT)
            app_for.cache_clear()
    assert result.status == "new", result
    assert took < 20
    store = Store(f"sqlite:///{tmp_path / 'f.sqlite3'}")
    assert store.get(result.id).state == "pending" and store.get(result.id).queued_at is None
