"""The pipeline as the broker sees it, in one table: which Celery task runs which stages, on which
queue, at which priority. ``tasks.tasks``, ``tasks.queue`` and ``worker.celery_app`` all read it.

Priorities (Redis: 0 is taken first, across every queue a worker reads): an article already
started goes before a new one, so that under load the check of an article waits for the work
ahead of it, not for every article submitted since (docs/reliability.md, "Latency under load").
Messages queued before priorities existed carry none and are taken first, which is harmless.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsqa.tasks.models import STAGES, StageName


@dataclass(frozen=True)
class Step:
    task: str                 # the Celery task name; queued messages name it, so it never changes
    stages: tuple[str, ...]   # the pipeline stages it runs, in order
    queue: str
    priority: int             # Redis priority: 0 first, then 3, 6, 9


STEPS = (
    Step("tasks.start", (StageName.INGEST, StageName.DETECT), "default", 6),
    Step("tasks.translate", (StageName.TRANSLATE,), "translate", 3),
    Step("tasks.check", (StageName.CHECK,), "default", 0),
)
BY_TASK = {step.task: step for step in STEPS}
QUEUES = tuple(dict.fromkeys(step.queue for step in STEPS))
PRIORITY_STEPS = sorted({step.priority for step in STEPS} | {0, 9})

assert tuple(stage for step in STEPS for stage in step.stages) == STAGES
