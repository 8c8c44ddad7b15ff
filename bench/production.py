"""Benchmark: the production shape end to end — PostgreSQL, Redis, two worker processes — on South
Slavic articles, with Apertium kept running (the default) and with a fresh `apertium` per text.

N article-size texts (the news sentences of eval/mt*.jsonl joined per language to about 450 words:
Serbian Latin and Cyrillic, Croatian, Bosnian, Macedonian; each made unique) are accepted into a
fresh PostgreSQL database and queued on a private Redis; two `newsqa worker -c 1` processes (all
queues) detect, translate (Apertium with the glossary step, the defaults) and check them. Timed from
the first submission to the last article processed, after a warm-up article per language. The two
settings run one after the other, each on its own database, with the same articles.

    python bench/production.py [--articles 40]
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


def run(keep: str, docs: list[tuple[str, str, str]], warm: list[tuple[str, str, str]], tmp: Path) -> dict:
    from newsqa.tasks.articles import parse_article
    from newsqa.tasks.queue import enqueue
    from newsqa.tasks.store import Store
    from tests.services import postgres_database, private_redis

    with postgres_database() as db, private_redis() as (redis_url, _):
        env = dict(os.environ, NEWSQA_DATABASE_URL=db, NEWSQA_BROKER_URL=redis_url, PYTHONPATH=str(ROOT),
                   NEWSQA_APERTIUM_KEEP=keep, NEWSQA_GLOSSARY=str(ROOT / "seeds" / "glossary.tbx"))
        os.environ.update(NEWSQA_DATABASE_URL=db, NEWSQA_BROKER_URL=redis_url)
        store = Store(db)
        workers = []
        for n in range(2):
            log = open(tmp / f"worker-{keep}-{n}.log", "w")
            workers.append(subprocess.Popen([sys.executable, "-m", "newsqa", "worker", "-c", "1", "-l", "WARNING"],
                                            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True))
        try:
            def submit(batch: list[tuple[str, str, str]], tag: str) -> None:
                ids = [store.accept(parse_article({"text": f"{text}\n\n({tag} {i})", "language": lang})).id
                       for i, (lang, _, text) in enumerate(batch)]
                enqueue(store, ids)

            def wait(total: int) -> None:
                while sum(store.counts().get(s, 0) for s in ("processed", "failed", "dead")) < total:
                    time.sleep(0.05)

            submit(warm, "warm-up")
            wait(len(warm))
            t0 = time.perf_counter()
            submit(docs, "article")
            wait(len(warm) + len(docs))
            seconds = time.perf_counter() - t0
            counts = store.counts()
        finally:
            for proc in workers:
                os.killpg(proc.pid, signal.SIGTERM)
            for proc in workers:
                proc.wait(30)
    return {"seconds": seconds, "counts": counts}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=40)
    args = parser.parse_args(argv)
    from bench.apertium import texts_of

    pool = texts_of(450)
    docs = [pool[i % len(pool)] for i in range(args.articles)]
    words = sum(len(text.split()) for _, _, text in docs)
    tmp = Path(tempfile.mkdtemp(prefix="newsqa-prod-bench-"))
    print(f"{len(docs)} articles, {words} source words; {os.cpu_count()} CPUs, load average "
          f"{os.getloadavg()[0]:.1f}; worker logs in {tmp}", flush=True)
    rows = []
    for label, keep in (("fresh apertium per text (NEWSQA_APERTIUM_KEEP=0)", "0"), ("kept pipeline (default)", "1")):
        result = run(keep, docs, pool, tmp)
        rows.append((label, result))
        print(label, result, flush=True)
    print()
    print("| Apertium | articles | seconds | articles/min | source words/s | states |")
    print("|---|---:|---:|---:|---:|---|")
    for label, r in rows:
        print(f"| {label} | {len(docs)} | {r['seconds']:.1f} | {len(docs) / r['seconds'] * 60:.0f} | "
              f"{words / r['seconds']:.0f} | {r['counts']} |")
    print(f"\nkept / fresh: {rows[0][1]['seconds'] / rows[1][1]['seconds']:.2f}x articles per minute")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
