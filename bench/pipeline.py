"""Benchmark: articles end to end through Redis + one worker, against the same articles in-process.

Three runs over the same N articles (the seed article, each made unique):
  checker   — qa.Checker alone, no store;
  in-process — tasks.pipeline.process on a SQLite store (what `newsqa run` does);
  worker    — submitted to a private Redis and processed by one `newsqa worker -c 1` process.
Pipeline overhead = in-process − checker (language detection, ingest and the store's writes);
queue overhead = worker − in-process (per article; target: under 5 ms). Peak worker memory is the high-water mark of the worker's processes.

    python bench/pipeline.py [--articles 200]
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def articles(n: int) -> list[str]:
    seed = (ROOT / "seeds" / "syria-offensive-2024-12-01.en.txt").read_text()
    return [seed.replace("At least 25 people", f"At least {25 + i} people") for i in range(n)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="newsqa-bench-"))
    os.environ["NEWSQA_GLOSSARY"] = str(ROOT / "seeds" / "glossary.tbx")
    texts = articles(args.articles)

    from newsqa.tasks import pipeline
    from newsqa.tasks.articles import parse_article
    from bench.procmem import tree_memory_kib
    from newsqa.qa import Checker, load_glossary
    from newsqa.tasks.queue import enqueue
    from newsqa.tasks.store import Store
    from tests.services import private_redis

    checker = Checker(load_glossary(os.environ["NEWSQA_GLOSSARY"]))
    checker.check(texts[0])
    t0 = time.perf_counter()
    for text in texts:
        checker.check(text)
    check_s = time.perf_counter() - t0

    store = Store(f"sqlite:///{tmp / 'inprocess.sqlite3'}")
    t0 = time.perf_counter()
    for text in texts:
        pipeline.process(store, store.accept(parse_article({"text": text})).id)
    inprocess_s = time.perf_counter() - t0
    assert store.counts().get("processed") == len(texts)

    with private_redis() as (redis_url, _):
        db = f"sqlite:///{tmp / 'worker.sqlite3'}"
        env = dict(os.environ, NEWSQA_DATABASE_URL=db, NEWSQA_BROKER_URL=redis_url, PYTHONPATH=str(ROOT))
        os.environ.update(NEWSQA_DATABASE_URL=db, NEWSQA_BROKER_URL=redis_url)
        wstore = Store(db)
        log = open(tmp / "worker.log", "w")
        proc = subprocess.Popen([sys.executable, "-m", "newsqa", "worker", "-c", "1", "-l", "WARNING"],
                                env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            warm = wstore.accept(parse_article({"text": "Warm-up: Hezbollah and Idlib."})).id
            enqueue(wstore, [warm])
            while wstore.get(warm).state != "processed":
                time.sleep(0.05)
            t0 = time.perf_counter()
            ids = []
            for text in texts:
                accepted = wstore.accept(parse_article({"text": text}))
                ids.append(accepted.id)
                enqueue(wstore, [accepted.id])
            while wstore.counts().get("processed", 0) < len(texts) + 1:
                time.sleep(0.02)
            worker_s = time.perf_counter() - t0
            peak_kib = tree_memory_kib(proc.pid, "VmHWM")
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(20)

    n = len(texts)
    rows = [("checker only", check_s), ("in-process (store)", inprocess_s), ("Redis + 1 worker", worker_s)]
    print(f"{n} articles of {len(texts[0].split())} words (the seed article), one worker process, 2-core machine\n")
    print(f"{'run':22} {'total s':>8} {'ms/article':>11} {'articles/min':>13}")
    for name, secs in rows:
        print(f"{name:22} {secs:8.2f} {secs / n * 1000:11.2f} {n / secs * 60:13.0f}")
    store_ms = (inprocess_s - check_s) / n * 1000
    queue_ms = (worker_s - inprocess_s) / n * 1000
    print(f"\npipeline overhead per article (in-process - checker; detection and store): {store_ms:.2f} ms")
    print(f"queue overhead per article (worker - in-process): {queue_ms:.2f} ms (target < 5 ms)")
    print(f"peak worker memory (main + pool process, VmHWM): {peak_kib / 1024:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
