"""Submitting articles from Python: the one import a scraper needs.

    from newsqa.client import submit

    accepted = submit(text, url="https://example.rs/vesti/123", outlet="Example", language="sr")
    print(accepted.id, accepted.status)   # "new", "duplicate" or "revised"

The article is committed to the store (``NEWSQA_DATABASE_URL``) before it is queued
(``NEWSQA_BROKER_URL``): when the call returns, the article is safe, even if the broker is down
(the reconciler queues it later). Bad input raises :class:`tasks.articles.BadArticle` with a
message naming the field.

For Scrapy, add ``"newsqa.client.NewsqaPipeline": 300`` to ``ITEM_PIPELINES``; items need a
``text`` field and may have ``url``, ``outlet``, ``title``, ``published_at``, ``language``,
``translation`` and ``metadata``.
"""

from __future__ import annotations

import threading
from datetime import datetime
from typing import Any

from newsqa.tasks.articles import ArticleIn, BadArticle, parse_article
from newsqa.tasks.store import Accepted, Store

__all__ = ["Accepted", "BadArticle", "NewsqaPipeline", "submit"]

_stores: dict[str, Store] = {}
_lock = threading.Lock()


def _store(database_url: str | None) -> Store:
    from newsqa import config

    url = database_url or config.DATABASE_URL.get()
    with _lock:  # a scraper's threads share one store per database
        if url not in _stores:
            _stores[url] = Store(url)
        return _stores[url]


def submit(text: str, *, url: str | None = None, outlet: str | None = None, title: str | None = None,
           published_at: datetime | str | None = None, language: str | None = None,
           translation: str | None = None, metadata: dict[str, Any] | None = None,
           database_url: str | None = None, queue: bool = True) -> Accepted:
    """Store one article and queue it for checking; returns its id and whether it was new."""
    article = parse_article({k: v for k, v in dict(
        text=text, url=url, outlet=outlet, title=title, published_at=published_at, language=language,
        translation=translation, metadata=metadata or {}).items() if v is not None})
    return submit_article(article, database_url=database_url, queue=queue)


def submit_article(article: ArticleIn, database_url: str | None = None, queue: bool = True) -> Accepted:
    store = _store(database_url)
    accepted = store.accept(article)
    if queue and accepted.needs_processing:
        from newsqa.tasks.queue import enqueue
        enqueue(store, [accepted.id])
    return accepted


class NewsqaPipeline:
    """A Scrapy item pipeline that submits each item and records ``newsqa_id`` on it."""

    FIELDS = ("text", "url", "outlet", "title", "published_at", "language", "translation", "metadata")

    def __init__(self, database_url: str | None = None) -> None:
        self.database_url = database_url

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.get("NEWSQA_DATABASE_URL"))

    def process_item(self, item, spider=None):
        data = dict(item)
        article = parse_article({k: data[k] for k in self.FIELDS if data.get(k) is not None}, "item")
        accepted = submit_article(article, self.database_url)
        item["newsqa_id"] = accepted.id
        return item
