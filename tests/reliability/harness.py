"""Real pieces for fault tests: PostgreSQL (behind a proxy that can cut it off), a private Redis
that can be restarted on the same port, and `newsqa worker` processes that can be SIGKILLed.

``invariants`` checks, in SQL against the store, the promises of "nothing lost" and "nothing stale".
"""

from __future__ import annotations

import hashlib
import os
import random
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from sqlalchemy import text

from newsqa.tasks.store import Store
from tests.conftest import ROOT, SEED_ARTICLE, SEED_GLOSSARY
from tests.services import free_port, wait_for_port

SERBIAN = ["Izraelska vojska je napala položaje Hezbolaha u južnom Libanu, saopštio je Rojters.",
           "Борци Катаиб Хезболаха прешли су границу код Абу Камала.",
           "Нетанјаху изјави дека Израел ќе продолжи со нападите врз Хезболах."]


def articles(n: int, seed: int = 1) -> list[dict]:
    """N distinct articles: mostly English (the seed article), every fifth one South Slavic."""
    rng = random.Random(seed)
    base = SEED_ARTICLE.read_text()
    out = []
    for i in range(n):
        if i % 5 == 4:
            out.append({"text": f"{rng.choice(SERBIAN)} ({i})", "url": f"https://example.rs/{i}"})
        else:
            out.append({"text": base.replace("At least 25 people", f"At least {i} people"),
                        "url": f"https://example.org/{i}", "outlet": rng.choice(["A", "B", "C"])})
    return out


class Redis:
    """A private redis-server that can be stopped and started again on the same port."""

    def __init__(self) -> None:
        self.port = free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.proc = subprocess.Popen(["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                                      "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for_port(self.port)

    def stop(self) -> None:
        if self.proc:
            self.proc.kill()
            self.proc.wait()
            self.proc = None


class Proxy:
    """A TCP proxy in front of PostgreSQL: ``cut()`` drops every connection and refuses new ones."""

    def __init__(self, target_port: int) -> None:
        self.target = ("127.0.0.1", target_port)
        self.port = free_port()
        self.open = threading.Event()
        self.conns: list[socket.socket] = []
        self.lock = threading.Lock()
        self.server: socket.socket | None = None
        self.stopped = False

    def start(self) -> None:
        self.server = socket.create_server(("127.0.0.1", self.port), reuse_port=False)
        self.server.settimeout(0.2)
        self.open.set()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.stopped:
            try:
                client, _ = self.server.accept()
            except (socket.timeout, OSError):
                continue
            if not self.open.is_set():
                client.close()
                continue
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.conns += [client, upstream]
            threading.Thread(target=self._pipe, args=(client, upstream), daemon=True).start()

    def _pipe(self, a: socket.socket, b: socket.socket) -> None:
        try:
            while True:
                ready, _, _ = select.select([a, b], [], [], 0.5)
                for s in ready:
                    data = s.recv(65536)
                    if not data:
                        return
                    (b if s is a else a).sendall(data)
        except OSError:
            return
        finally:
            a.close()
            b.close()

    def cut(self) -> None:
        self.open.clear()
        with self.lock:
            for c in self.conns:
                try:
                    c.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                c.close()
            self.conns.clear()

    def restore(self) -> None:
        self.open.set()

    def stop(self) -> None:
        self.stopped = True
        self.cut()
        if self.server:
            self.server.close()


class Workers:
    def __init__(self, env: dict, cwd: Path) -> None:
        self.env, self.cwd, self.procs, self.n = env, cwd, [], 0

    def start(self, *args: str, **env) -> subprocess.Popen:
        log = open(self.cwd / f"worker{self.n}.log", "w")
        self.n += 1
        proc = subprocess.Popen([sys.executable, "-m", "newsqa", "worker", "-c", "1", "-l", "WARNING", *args],
                                env={**self.env, **env}, cwd=self.cwd, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
        self.procs.append(proc)
        return proc

    def kill(self, proc: subprocess.Popen) -> None:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()

    def stop_all(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                try:
                    os.killpg(proc.pid, signal.SIGTERM)
                    proc.wait(10)
                except (subprocess.TimeoutExpired, ProcessLookupError):
                    self.kill(proc)

    def logs(self) -> str:
        return "\n".join(p.read_text()[-3000:] for p in sorted(self.cwd.glob("worker*.log")))


FAST = dict(NEWSQA_RECONCILE_SECONDS="1", NEWSQA_REQUEUE_AFTER="30", NEWSQA_LEASE_SECONDS="6",
            NEWSQA_VISIBILITY_TIMEOUT="6")


def environment(db_url: str, redis_url: str, settings: str = "fast", **extra) -> dict:
    """The workers' environment: the fast test settings (short leases, a reconciler every second),
    or ``settings="defaults"``: every lease, timeout and interval as a user runs it."""
    chosen = FAST if settings == "fast" else {}
    base = {k: v for k, v in os.environ.items() if k not in FAST}
    return dict(base, NEWSQA_DATABASE_URL=db_url, NEWSQA_BROKER_URL=redis_url,
                NEWSQA_GLOSSARY=str(SEED_GLOSSARY), PYTHONPATH=str(ROOT), **chosen, **extra)


def wait_final(store: Store, ids: list[int], timeout: float, workers: Workers | None = None) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        counts = store.counts()
        if counts.get("processed", 0) + counts.get("dead", 0) >= len(ids):
            return time.monotonic() - start
        time.sleep(0.5)
    raise AssertionError(f"not every article ended within {timeout} s: {store.counts()}\n"
                         f"{workers.logs() if workers else ''}")


def dead_reasons(store: Store) -> dict[str, int]:
    """How many articles died of each reason: the message of a failed "no dead articles" check."""
    with store.engine.connect() as c:
        return dict(c.execute(text("SELECT error, count(*) FROM articles WHERE state = 'dead' GROUP BY error")).all())


def digest(text_: str) -> str:
    return hashlib.sha256(text_.encode()).hexdigest()


def invariants(store: Store, submitted: dict[int, str]) -> dict[str, int]:
    """The six promises, checked in SQL (PostgreSQL); returns the counts for the report."""
    with store.engine.connect() as c:
        q = lambda sql: c.execute(text(sql)).all()  # noqa: E731
        rows = {r[0]: r for r in q("SELECT id, state, error, body FROM articles")}
        # 1. accepted means saved
        assert set(submitted) <= set(rows), f"lost: {set(submitted) - set(rows)}"
        # 2. exactly one final state, dead ones with a reason
        states = {i: rows[i][1] for i in submitted}
        assert set(states.values()) <= {"processed", "dead"}, {s for s in states.values()}
        assert all(rows[i][2] for i in submitted if states[i] == "dead")
        # 3. no duplicate translations or flags
        assert q("SELECT article_id, revision, engine, engine_version, count(*) FROM translations "
                 "GROUP BY article_id, revision, engine, engine_version HAVING count(*) > 1") == []
        assert q("SELECT translation_id, glossary_version, entity, kind, span, count(*) FROM flags "
                 "GROUP BY translation_id, glossary_version, entity, kind, span HAVING count(*) > 1") == []
        # 4. no silent truncation: what is stored is what was sent
        assert all(digest(rows[i][3]) == d for i, d in submitted.items())
        # 5. the counts add up
        processed = sum(s == "processed" for s in states.values())
        dead = sum(s == "dead" for s in states.values())
        assert processed + dead == len(submitted)
        # 6. every processed article has a translation and a check of its current revision
        stale = q("SELECT a.id, a.revision, a.stages::text FROM articles a WHERE a.state = 'processed' AND ("
                  " coalesce(a.stages->'check'->>'revision', '') <> a.revision::text"
                  " OR coalesce(a.stages->'translate'->>'revision', '') <> a.revision::text"
                  " OR (NOT EXISTS (SELECT 1 FROM translations t WHERE t.article_id = a.id"
                  "                 AND t.revision = a.revision)"
                  "     AND coalesce(a.stages->'translate'->>'detail', '') NOT LIKE 'untranslated%'))")
        assert stale == [], f"processed without this revision's translation or check: {stale}"
        flags = q("SELECT count(*) FROM flags")[0][0]
        translations = q("SELECT count(*) FROM translations")[0][0]
    return {"submitted": len(submitted), "processed": processed, "dead": dead, "translations": translations,
            "flags": flags}
