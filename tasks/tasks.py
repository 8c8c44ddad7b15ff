"""Celery tasks: thin wrappers that take an article id and run pipeline stages on the store.

``start`` claims the article and runs ingest and detect; ``translate`` (its own queue) and
``check`` follow as a chain. Outcomes map to the store: bad input ends the article dead without
retry; database or engine faults retry with exponential backoff; anything else is one failed
attempt, queued again with backoff until the attempts are used up.
"""

from __future__ import annotations

from functools import lru_cache

from celery.exceptions import Ignore, SoftTimeLimitExceeded
from sqlalchemy.exc import DBAPIError, OperationalError

from newsqa.tasks import pipeline
from newsqa.tasks.queue import enqueue, reconcile as reconcile_store
from newsqa.tasks.models import State
from newsqa.tasks.steps import BY_TASK
from newsqa.tasks.store import Store
from newsqa.worker.celery_app import app

TRANSIENT = (OperationalError, DBAPIError, pipeline.Transient)
RETRY = dict(bind=True, max_retries=6, acks_late=True)


@lru_cache(maxsize=1)
def store() -> Store:
    return Store()


def _run(task, article_id: int, stages: tuple[str, ...], last: bool = False) -> str:
    """Run the stages and map their :class:`pipeline.Outcome` onto Celery: Ignore ends the chain."""
    s = store()
    outcome = pipeline.run_stages(s, article_id, stages)
    if outcome.kind == "not_mine":
        raise Ignore()
    if outcome.kind == "bad_input":
        s.fail(article_id, outcome.stage, outcome.reason, final=True, revision=outcome.revision)
        raise Ignore()
    if outcome.kind == "error":
        exc = outcome.exc
        if isinstance(exc, TRANSIENT) and task.request.retries < task.max_retries:
            raise task.retry(exc=exc, countdown=min(2 ** task.request.retries, 300))
        reason = (f"the {outcome.stage} stage ran past its time limit" if isinstance(exc, SoftTimeLimitExceeded)
                  else outcome.reason)
        _failed(s, article_id, outcome.stage, reason, outcome.revision)
    if last:
        s.finish(article_id, outcome.revision)
    return outcome.stage or ""


def _failed(s: Store, article_id: int, stage: str | None, reason: str, revision: int | None) -> None:
    if s.fail(article_id, stage, reason, final=False, revision=revision) == State.PENDING:
        article = s.get(article_id)
        enqueue(s, [article_id], countdown=min(2 ** article.attempts, 300))
    raise Ignore()


@app.task(name="tasks.start", **RETRY)
def start(self, article_id: int) -> str:
    try:
        claimed = store().claim(article_id, pipeline.lease_seconds())
    except TRANSIENT as exc:  # the database is away: try again later, the article waits in the store
        raise self.retry(exc=exc, countdown=min(2 ** self.request.retries, 300)) from exc
    if not claimed:
        raise Ignore()
    return _run(self, article_id, BY_TASK["tasks.start"].stages)


@app.task(name="tasks.translate", **RETRY)
def translate(self, article_id: int) -> str:
    return _run(self, article_id, BY_TASK["tasks.translate"].stages)


@app.task(name="tasks.check", **RETRY)
def check(self, article_id: int) -> str:
    return _run(self, article_id, BY_TASK["tasks.check"].stages, last=True)


@app.task(name="tasks.reconcile")
def reconcile() -> int:
    """Kept so that queued messages of this name stay valid; the worker's ``--beat`` thread runs the
    reconciler itself (``queue.reconciler_loop``)."""
    from newsqa import config
    return reconcile_store(store(), config.REQUEUE_AFTER.number(float, 0)).queued
