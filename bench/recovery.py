"""Recovery time after a worker or Redis is lost, with the fast test settings and with the defaults.

For each setting: N articles are submitted to one `newsqa worker --beat -c 1` (real PostgreSQL, a
private Redis, Apertium); after a few are done, either the worker's whole process group is SIGKILLed
and a new one started, or Redis is killed and started again empty on the same port. Printed: the
seconds from the service being back until every article is processed, and the invariants' counts.

    python bench/recovery.py [--articles 30] [--settings fast,defaults] [--scenarios worker,redis]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def one(scenario: str, settings: str, n: int) -> dict:
    from newsqa.tasks.articles import parse_article
    from newsqa.tasks.queue import enqueue
    from newsqa.tasks.store import Store
    from tests.reliability.harness import Redis, Workers, articles, digest, environment, invariants, wait_final
    from tests.services import postgres_database

    with postgres_database() as pg, tempfile.TemporaryDirectory() as tmp:
        redis = Redis()
        redis.start()
        env = environment(pg, redis.url, settings)
        import os
        os.environ.update(NEWSQA_BROKER_URL=redis.url, NEWSQA_DATABASE_URL=pg)
        workers = Workers(env, Path(tmp))
        store = Store(pg)
        try:
            worker = workers.start("--beat")
            submitted = {}
            for item in articles(n, seed=11):
                article = parse_article(item)
                submitted[store.accept(article).id] = digest(article.text)
            enqueue(store, list(submitted))
            while store.counts().get("processed", 0) < 3:
                time.sleep(0.2)
            in_flight = store.counts()
            if scenario == "worker":
                workers.kill(worker)
                workers.start("--beat")
            else:
                redis.stop()
                time.sleep(2)
                redis.start()
            took = wait_final(store, list(submitted), 900, workers)
            return {"scenario": scenario, "settings": settings, "at_loss": in_flight,
                    "seconds_after_back": round(took, 1), **invariants(store, submitted)}
        finally:
            workers.stop_all()
            redis.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=30)
    parser.add_argument("--settings", default="fast,defaults")
    parser.add_argument("--scenarios", default="worker,redis")
    args = parser.parse_args()
    for settings in args.settings.split(","):
        for scenario in args.scenarios.split(","):
            print(json.dumps(one(scenario, settings, args.articles)), flush=True)


if __name__ == "__main__":
    main()
