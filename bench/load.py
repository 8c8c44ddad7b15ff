"""Load: a second process submits articles over HTTP at a fixed rate while a worker processes them.

Prints, every few seconds, the queue depth (pending + processing), processed count and the worker's
resident memory; then latency percentiles (accepted -> processed, from the store's timestamps) and
whether memory grew. Everything runs on this machine: PostgreSQL (a fresh database), a private Redis,
`newsqa serve` and one `newsqa worker` (2 processes), all on loopback.

    python bench/load.py [--rate 50] [--seconds 120] [--concurrency 2]
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SENDER = r"""
import sys, time, httpx, itertools
url, rate, seconds = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
names = ["Katiab Hezbollah", "Hezbollah", "Sergei Kissel", "Idlib", "Hashd al-Shabaab", "Aleppo", "Liban"]
client = httpx.Client(headers={"Authorization": "Bearer load"}, timeout=30)
start, sent, errors = time.monotonic(), 0, 0
for i in itertools.count():
    due = start + i / rate
    if due - start >= seconds:
        break
    time.sleep(max(0.0, due - time.monotonic()))
    text = f"Report {i}: fighters of {names[i % len(names)]} were seen near {names[(i * 3) % len(names)]} today."
    try:
        r = client.post(url, json={"text": text, "url": f"https://load.example/{i}", "language": "en"})
        sent += r.status_code == 202
        errors += r.status_code != 202
    except httpx.HTTPError:
        errors += 1
print(sent, errors, round(time.monotonic() - start, 1), flush=True)
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=50)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--concurrency", type=int, default=2)
    args = parser.parse_args(argv)

    from sqlalchemy import text

    from bench.procmem import tree_memory_kib

    from newsqa.tasks.store import Store
    from tests.services import free_port, postgres_database, private_redis, wait_for_port

    with postgres_database() as db, private_redis() as (redis_url, _):
        env = dict(os.environ, NEWSQA_DATABASE_URL=db, NEWSQA_BROKER_URL=redis_url, NEWSQA_API_TOKENS="load",
                   NEWSQA_GLOSSARY=str(ROOT / "seeds" / "glossary.tbx"), PYTHONPATH=str(ROOT))
        store = Store(db)
        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "newsqa", "serve", "--port", str(port)], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        worker = subprocess.Popen([sys.executable, "-m", "newsqa", "worker", "-c", str(args.concurrency), "-l",
                                   "WARNING", "--beat"], env=env, cwd="/tmp", stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            wait_for_port(port)
            time.sleep(3)
            sender = subprocess.Popen([sys.executable, "-c", SENDER, f"http://127.0.0.1:{port}/api/articles",
                                       str(args.rate), str(args.seconds)], stdout=subprocess.PIPE, text=True)
            print(f"{args.rate:g} articles/s for {args.seconds:g} s over HTTP; one worker, {args.concurrency} "
                  f"processes; PostgreSQL and Redis on this machine (2 cores)\n")
            print(f"{'t s':>5} {'accepted':>9} {'queue':>6} {'processed':>10} {'worker MiB':>11}")
            t0, samples = time.monotonic(), []
            while True:
                counts = store.counts()
                total = sum(counts.values())
                queue = counts.get("pending", 0) + counts.get("processing", 0)
                mem = tree_memory_kib(worker.pid) / 1024
                samples.append((time.monotonic() - t0, total, queue, counts.get("processed", 0), mem))
                print(f"{samples[-1][0]:5.0f} {total:9d} {queue:6d} {samples[-1][3]:10d} {mem:11.0f}", flush=True)
                if sender.poll() is not None and queue == 0:
                    break
                if time.monotonic() - t0 > args.seconds + 600:
                    print("gave up waiting for the queue to drain")
                    break
                time.sleep(5)
            sent, errors, took = sender.stdout.read().split()
            with store.engine.connect() as c:
                p50, p90, p99, worst = c.execute(text(
                    "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY d), percentile_cont(0.9) WITHIN GROUP "
                    "(ORDER BY d), percentile_cont(0.99) WITHIN GROUP (ORDER BY d), max(d) FROM (SELECT "
                    "extract(epoch FROM updated_at - created_at) AS d FROM articles WHERE state = 'processed') x"
                )).one()
            print(f"\nsent {sent} (HTTP errors {errors}) in {took} s; processed {store.counts().get('processed', 0)}, "
                  f"dead {store.counts().get('dead', 0)}")
            print(f"latency accepted -> processed: p50 {p50:.2f} s, p90 {p90:.2f} s, p99 {p99:.2f} s, max {worst:.2f} s")
            during = [m for t, *_, m in samples if t <= args.seconds]
            print(f"worker memory: {during[1] if len(during) > 1 else during[0]:.0f} MiB early in the run, "
                  f"{max(during):.0f} MiB at most, {samples[-1][4]:.0f} MiB at the end")
        finally:
            for proc in (server, worker):
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(20)
    return 0


if __name__ == "__main__":
    sys.exit(main())
