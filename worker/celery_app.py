"""The Celery application: Redis rings the doorbell, the store keeps the ledger.

Late acknowledgement with reject-on-worker-lost, so a task whose worker dies is delivered again;
one message prefetched per process, so a killed worker holds at most one; no result backend (the
store is the source of truth); queues and priorities from ``tasks.steps`` (the translation stage on
its own ``translate`` queue, so GPU workers can take only that; later stages before new articles); soft and hard time limits; timeouts on every broker connection and send. The
reconciler is not a beat task: ``newsqa worker --beat`` runs it as a thread of the worker's main
process (``tasks.queue.reconciler_loop``), so it cannot die while the worker lives.
"""

from __future__ import annotations

from functools import lru_cache

from celery import Celery
from celery.signals import worker_process_init

from newsqa import config

from newsqa.tasks.steps import PRIORITY_STEPS, QUEUES, STEPS


def make_app(broker_url: str | None = None) -> Celery:
    timeout = config.BROKER_TIMEOUT.number(float, 0.1)
    app = Celery("newsqa", broker=broker_url or config.BROKER_URL.get(), include=["newsqa.tasks.tasks"])
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_ignore_result=True,
        task_default_queue="default",
        task_routes={step.task: {"queue": step.queue, "priority": step.priority} for step in STEPS},
        task_soft_time_limit=config.SOFT_TIME_LIMIT.number(float, 1),
        task_time_limit=config.HARD_TIME_LIMIT.number(float, 1),
        broker_transport_options={"visibility_timeout": config.VISIBILITY_TIMEOUT.number(int, 1),
                                  "socket_timeout": timeout, "socket_connect_timeout": timeout,
                                  "priority_steps": PRIORITY_STEPS, "queue_order_strategy": "priority"},
        broker_connection_timeout=timeout,
        broker_connection_retry_on_startup=True,
        task_serializer="json",
        accept_content=["json"],
        worker_send_task_events=False,
        # a pool process loads detection's models before it reports ready (below): allow it that time
        worker_proc_alive_timeout=PROCESS_START_SECONDS,
    )
    return app


PROCESS_START_SECONDS = 60.0  # Celery's default, 4 s, kills a process that loads for longer on a busy host


@worker_process_init.connect(weak=False)
def _load_before_taking_work(**_kw) -> None:
    """Each pool process (a replacement for one that crashed too) loads detection's word lists and
    models before it takes an article, outside any task's time limit: loaded inside the first task,
    they cost a second or two, more on a busy host, and a short limit then killed an innocent
    article's detect stage (docs/reliability.md)."""
    from newsqa.worker.langid import warm

    warm()


@lru_cache(maxsize=8)
def app_for(broker_url: str) -> Celery:
    """An app per broker URL, so a long-lived submitter follows the setting it is given."""
    return make_app(broker_url)


app = app_for(config.BROKER_URL.get())
