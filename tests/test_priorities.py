"""Later stages of started articles go before new articles: a real Redis hands a worker the check
waiting behind many new articles' start tasks first (tasks.steps' priorities)."""

from __future__ import annotations

import json

import redis

from newsqa.tasks.queue import chain_for
from newsqa.tasks.steps import STEPS
from newsqa.worker.celery_app import make_app


def test_a_check_goes_before_new_articles(redis_url):
    redis.Redis.from_url(redis_url).flushall()
    app = make_app(redis_url)
    for article_id in range(1, 21):                       # twenty new articles
        chain_for(article_id, app).apply_async()
    app.signature("tasks.check", args=(99,), immutable=True).apply_async()        # routed, as a link is
    app.signature("tasks.translate", args=(98,), immutable=True).apply_async()
    with app.connection_for_read() as conn:
        channel = conn.default_channel
        taken = []
        for queue in ("default", "default", "translate"):
            message = channel.basic_get(queue=queue, no_ack=True)
            taken.append((message.headers["task"], json.loads(message.body)[0][0]))
    assert taken == [("tasks.check", 99), ("tasks.start", 1), ("tasks.translate", 98)]


def test_the_steps_cover_the_stages_once():
    assert [s.task for s in STEPS] == ["tasks.start", "tasks.translate", "tasks.check"]
    assert STEPS[-1].priority < STEPS[1].priority < STEPS[0].priority
