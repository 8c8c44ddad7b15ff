"""Ringing the doorbell: send an article's chain of stage tasks, carrying only its id.

Sending can fail (Redis down): the article is already in the store, pending, so it is not lost;
the reconciler queues it when the broker is back.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from typing import Sequence

from newsqa.tasks.store import Store

log = logging.getLogger(__name__)


def chain_for(article_id: int, app):
    """The stage tasks by name: a submitter needs no import of the tasks' code."""
    from celery import chain

    from newsqa.tasks.steps import STEPS

    return chain(*(app.signature(step.task, args=(article_id,), immutable=True, queue=step.queue,
                                 priority=step.priority) for step in STEPS))


def enqueue(store: Store, ids: Sequence[int], countdown: float | None = None) -> int:
    """Queue the articles; returns how many were sent (0 when the broker cannot be reached)."""
    from newsqa import config
    from newsqa.worker.celery_app import app_for

    app = app_for(config.BROKER_URL.get())
    sent: list[int] = []
    try:
        for article_id in ids:
            chain_for(article_id, app).apply_async(countdown=countdown, retry=True,
                                                   retry_policy={"max_retries": 2, "interval_start": 0.2})
            sent.append(article_id)
    except Exception as exc:  # noqa: BLE001 - kombu raises many kinds; the store keeps the work
        log.warning("broker unreachable, %d article(s) left pending for the reconciler: %s",
                    len(ids) - len(sent), exc)
    store.mark_queued(sent)
    return len(sent)


EPOCH_KEY = "newsqa:broker-epoch"


def broker_forgot(broker_url: str) -> bool:
    """Whether the broker lost its data since the last look (a Redis restarted without persistence).

    A key that only this function writes: when it is missing, every queue went with it. The first
    look ever answers True as well, which costs one extra message per article in flight."""
    if not broker_url.startswith(("redis://", "rediss://", "unix://")):
        return False
    import uuid

    import redis

    client = _redis(broker_url)
    try:
        return bool(client.set(EPOCH_KEY, uuid.uuid4().hex, nx=True))
    except redis.RedisError as exc:
        log.warning("broker unreachable while checking for lost queues: %s", exc)
        return False
    finally:
        client.close()


def _redis(broker_url: str):
    import redis

    from newsqa import config
    timeout = config.BROKER_TIMEOUT.number(float, 0.1)
    return redis.Redis.from_url(broker_url, socket_timeout=timeout, socket_connect_timeout=timeout)


def _article_id(raw: bytes | str) -> int | None:
    """The article id a Celery message carries (its first argument), or None for anything else."""
    import base64
    import json

    try:
        payload = json.loads(raw)
        if isinstance(payload, list):        # the unacked hash keeps [message, exchange, routing key]
            payload = payload[0]
        body = base64.b64decode(payload["body"]) if payload["properties"].get("body_encoding") == "base64" \
            else payload["body"]
        args = json.loads(body)[0]
        return int(args[0]) if args else None
    except (ValueError, KeyError, TypeError, IndexError):
        return None


def queued_ids(broker_url: str, unacked_within: float) -> set[int] | None:
    """Articles with a message in the broker: waiting in a queue, or delivered to a worker less than
    ``unacked_within`` seconds ago and not acknowledged yet. None when the broker is not Redis or
    cannot be read. An older unacknowledged message belongs to a worker that died (a live one runs
    what it took at once, and its running stage holds a lease), or to a retry's countdown, which
    is harmless to duplicate."""
    if not broker_url.startswith(("redis://", "rediss://", "unix://")):
        return None
    import time

    import redis

    from newsqa.tasks.steps import PRIORITY_STEPS, QUEUES

    client = _redis(broker_url)
    try:
        ids: set[int] = set()
        for queue in QUEUES:
            for priority in PRIORITY_STEPS:
                key = queue if not priority else f"{queue}\x06\x16{priority}"
                ids.update(i for i in map(_article_id, client.lrange(key, 0, -1)) if i is not None)
        fresh = client.zrangebyscore("unacked_index", time.time() - unacked_within, "+inf")
        if fresh:
            ids.update(i for i in map(_article_id, filter(None, client.hmget("unacked", fresh))) if i is not None)
        return ids
    except redis.RedisError as exc:
        log.warning("cannot read the broker's queues: %s", exc)
        return None
    finally:
        client.close()


@dataclasses.dataclass(frozen=True)
class Reconciled:
    due: int
    queued: int
    forgotten: bool

    def __str__(self) -> str:
        return (f"{self.due} article(s) due, {self.queued} queued"
                + ("; the broker had lost its queues" if self.forgotten else ""))


def reconcile(store: Store, requeue_after: float = 300, force: bool = False) -> Reconciled:
    """Queue again what was never queued, whose lease ran out, or whose message the broker lost;
    records the run (``newsqa status`` shows it)."""
    from newsqa import config
    from newsqa.tasks.store import process_owner

    broker = config.BROKER_URL.get()
    forgotten = broker_forgot(broker)
    ids = store.due(requeue_after, forgotten=forgotten, force=force)
    # Between stages for longer than a lease, and no message of theirs in the broker: the message
    # went down with a worker (taken from the queue, never run). Due now, not after requeue_after.
    lease = config.LEASE_SECONDS.number(float, 1)
    waiting = store.between_stages(older_than=lease)
    if waiting and not forgotten:
        present = queued_ids(broker, unacked_within=lease)
        if present is not None:
            ids = sorted(set(ids) | (set(waiting) - present))
    store.expire(ids, force=force)
    result = Reconciled(len(ids), enqueue(store, ids), forgotten)
    store.beat("reconciler", f"{result} ({process_owner()})")
    return result


def reconciler_loop(stop: threading.Event, interval: float, requeue_after: float, store: Store | None = None) -> None:
    """Reconcile every ``interval`` seconds until ``stop`` is set; a failed run is logged and the
    loop goes on (the worker's main process runs this thread, so it dies only with the worker)."""
    store = store or Store()
    while True:
        try:
            result = reconcile(store, requeue_after)
            if result.due:
                log.info("reconciler: %s", result)
        except Exception:  # noqa: BLE001 - one bad run must not end the reconciler
            log.exception("reconciler run failed")
        if stop.wait(interval):
            return
