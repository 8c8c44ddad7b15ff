"""Ringing the doorbell: send an article's chain of stage tasks, carrying only its id.

Sending can fail (Redis down): the article is already in the store, pending, so it is not lost;
the reconciler queues it when the broker is back.
"""

from __future__ import annotations

import logging
from typing import Sequence

from newsqa.tasks.store import Store

log = logging.getLogger(__name__)


def chain_for(article_id: int, app):
    """The stage tasks by name: a submitter needs no import of the tasks' code."""
    from celery import chain

    return chain(*(app.signature(name, args=(article_id,), immutable=True)
                   for name in ("tasks.start", "tasks.translate", "tasks.check")))


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


def reconcile(store: Store, requeue_after: float = 300) -> int:
    """Queue again what was never queued, or whose lease ran out."""
    return enqueue(store, store.due(requeue_after))
