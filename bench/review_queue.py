"""Benchmark: the review queue with a newsroom's day of open flags (10,000 by default).

Fills a fresh store (SQLite by default, as users run it; ``--url`` for PostgreSQL) with articles,
translations and flags written directly (the pipeline is not what is measured), a tenth of the
flags decided, then times on the server, best of ``--repeat`` warm runs each:

* ``queue()``: the first page of 50 open flags and the counts per kind (what the page asks the store);
* the same with a search, a sort by confidence, the grouped view, and page 100;
* ``GET /`` through the app (store, templates, session lookup), in process with TestClient.

Target: the first queue page <= 100 ms on the server.

    python bench/review_queue.py [--flags 10000] [--repeat 5] [--url postgresql+psycopg://...]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert  # noqa: E402

from newsqa.tasks.models import Article, Decision, FlagRow, Translation, utcnow  # noqa: E402
from newsqa.tasks.store import Store  # noqa: E402

NAMES = [("sergei-kisel", "Sergei Kissel", "Sergei Kisel", "near_miss", "near-miss"),
         ("hama", "Hamah", "Hama", "transliteration", "transliteration"),
         ("kataib-hezbollah", "Katiab Hezbollah", "Kataib Hezbollah", "near_miss", "near-miss"),
         ("naim-qassem", "Naim Kasem", "Naim Qassem", "transliteration", "transliteration"),
         ("pmf", "Hashd al-Shabaab", "Popular Mobilization Forces", "deprecated", "deprecated-form"),
         ("lebanon", "Liban", "Lebanon", "source_form", "source-form")]
OUTLETS = ["Danas", "Vijesti", "Nova", "N1", "Blic", "Pobjeda", "Oslobođenje", "Sloboda"]


def fill(store: Store, flags: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    articles = max(1, flags // 3)
    glossary = "bench-glossary"
    now = utcnow()
    with store.session() as s:
        s.execute(insert(Article), [dict(
            id=i + 1, key=f"bench-{i}", url=f"https://example.org/{i}", outlet=OUTLETS[i % len(OUTLETS)],
            title=f"Report {i}", body="x", text=f"Izveštaj {i}: borci su ušli u Hamu. " * 20,
            content_hash=f"h{i}", revision=1, declared_lang="sr", meta={}, language=rng.choice(["sr", "hr", "bs"]),
            state="processed", stages={}, attempts=1, checked_glossary=glossary, created_at=now, updated_at=now)
            for i in range(articles)])
        s.execute(insert(Translation), [dict(
            id=i + 1, article_id=i + 1, revision=1, engine="apertium", engine_version="3", source_lang="sr",
            text=f"Report {i}: fighters entered Hamah. " * 20, unknown_words={}, created_at=now)
            for i in range(articles)])
        rows = []
        for n in range(flags):
            article = n % articles + 1
            entity, found, suggestion, kind, rule = rng.choice(NAMES)
            start = 20 + 37 * (n // articles)
            rows.append(dict(id=n + 1, article_id=article, translation_id=article, glossary_version=glossary,
                             checker_version="bench", entity=entity, kind=kind, span=f"{start}:{start + len(found)}",
                             start=start, end=start + len(found), found=found, suggestion=suggestion,
                             confidence=round(rng.uniform(0.5, 0.99), 3), reason="bench", rule=rule,
                             created_at=now))
        s.execute(insert(FlagRow), rows)
        s.execute(insert(Decision), [dict(flag_id=n + 1, article_id=n % articles + 1, action="reject", actor="bench",
                                          at=now) for n in range(0, flags, 10)])


def best(fn, repeat: int) -> float:
    fn()  # warm: the first run pays for caches and compiled statements
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--flags", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--url", help="store URL (default: a fresh SQLite file)")
    args = parser.parse_args()

    from fastapi.testclient import TestClient

    from newsqa.tasks.accounts import add_user
    from newsqa.tasks.review_queue import QueueFilter, groups, queue
    from newsqa.web import create_app

    url = args.url or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    store = Store(url)
    t = time.perf_counter()
    fill(store, args.flags)
    add_user(store, "bench", "bench-password", "editor")
    if store.engine.dialect.name == "postgresql":
        with store.engine.connect() as conn:  # what autovacuum does after a day's inserts: planner statistics
            conn.exec_driver_sql("ANALYZE")
    print(f"store: {store.engine.dialect.name}, {args.flags} flags ({args.flags - len(range(0, args.flags, 10))} open), "
          f"filled in {time.perf_counter() - t:.1f} s")
    page = 50
    cases = [
        ("queue(): first page + counts", lambda: queue(store, QueueFilter(limit=page))),
        ("queue(): search 'Kissel'", lambda: queue(store, QueueFilter(q="Kissel", limit=page))),
        ("queue(): sort by confidence", lambda: queue(store, QueueFilter(sort="confidence", desc=False, limit=page))),
        ("queue(): outlet + kind filter", lambda: queue(store, QueueFilter(outlet="Nova", kind="near_miss", limit=page))),
        ("queue(): page 100", lambda: queue(store, QueueFilter(page=100, limit=page))),
        ("groups()", lambda: groups(store, QueueFilter())),
        ("queue(): resolved view", lambda: queue(store, QueueFilter(state="resolved", limit=page))),
    ]
    results = [(name, best(fn, args.repeat)) for name, fn in cases]
    with TestClient(create_app(url)) as client:
        import re
        token = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text).group(1)
        client.post("/login", data={"username": "bench", "password": "bench-password", "csrf": token})
        assert "Open flags" in client.get("/").text
        results.append(("GET / (the whole page)", best(lambda: client.get("/"), args.repeat)))
        results.append(("GET /?view=groups", best(lambda: client.get("/?view=groups"), args.repeat)))
    print(f"{'case':36} {'ms (best of ' + str(args.repeat) + ')':>16}")
    for name, ms in results:
        print(f"{name:36} {ms:16.1f}")
    first = results[0][1]
    whole = results[-2][1]
    print(f"first queue page on the server: {first:.1f} ms (target <= 100): {'met' if first <= 100 else 'NOT met'}; "
          f"whole page {whole:.1f} ms")


if __name__ == "__main__":
    main()
