"""A review site with data: the seed article, a hostile article, an editor and a maintainer."""

from __future__ import annotations

import re
import threading
import time

import pytest
import uvicorn
from fastapi.testclient import TestClient

from newsqa.tasks import pipeline
from newsqa.tasks.articles import parse_article
from newsqa.tasks.review import add_user
from newsqa.tasks.store import Store
from newsqa.web import create_app
from tests.conftest import SEED_ARTICLE, SEED_GLOSSARY
from tests.services import free_port, wait_for_port

HOSTILE_TITLE = '<script>window.pwned=1</script>Evil "title"'
HOSTILE_TEXT = ('Officials in Hamah met on Monday. <img src=x onerror="window.pwned=2"> '
                'Fighters loyal to Sergei Kissel left. "><svg onload="window.pwned=3">')
PASSWORD = "correct horse battery"


def fill(url: str) -> Store:
    store = Store(url)
    for data in ({"text": SEED_ARTICLE.read_text(), "outlet": "Vijesti", "url": "https://example.me/seed"},
                 {"text": HOSTILE_TEXT, "title": HOSTILE_TITLE, "outlet": "<b>Outlet</b>", "language": "en",
                  "url": "https://example.org/x?a=<script>"}):
        pipeline.process(store, store.accept(parse_article(data)).id)
    add_user(store, "ana", PASSWORD, "maintainer")
    add_user(store, "eddie", PASSWORD, "editor")
    return store


class Site:
    """The real app under uvicorn, in a thread, on a free port."""

    def __init__(self, url: str) -> None:
        from newsqa.web import create_app
        self.port = free_port()
        self.server = uvicorn.Server(uvicorn.Config(create_app(url), host="127.0.0.1", port=self.port,
                                                    log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "Site":
        self.thread.start()
        wait_for_port(self.port)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(10)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A review app over HTTP (TestClient) on a filled SQLite store: (client, store)."""
    monkeypatch.setenv("NEWSQA_GLOSSARY", str(SEED_GLOSSARY))
    url = f"sqlite:///{tmp_path / 'web.sqlite3'}"
    store = fill(url)
    with TestClient(create_app(url)) as client:
        yield client, store


def csrf(client, path="/login") -> str:
    return re.search(r'name="csrf" value="([^"]+)"', client.get(path).text).group(1)


def login(client, name="ana"):
    r = client.post("/login", data={"username": name, "password": PASSWORD, "next": "/", "csrf": csrf(client)})
    assert r.status_code in (200, 303) and "wrong name" not in r.text
    return client


def wait(predicate, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


DAY_OUTLETS = ("Danas", "Vijesti", "Nova", "=cmd|' /C calc'!A0")


def fill_day(store: Store, articles: int) -> None:
    """A newsroom's day in small: short English articles repeating the same few wrong names
    (Sergei Kissel, Hamah, Katiab Hezbollah) across outlets, so groups and ignore rules have work."""
    for i in range(articles):
        outlet = DAY_OUTLETS[i % len(DAY_OUTLETS)]
        text = (f"Report {i}. Fighters loyal to Sergei Kissel left Hamah on day {i}."
                + (" Katiab Hezbollah denied it." if i % 3 == 0 else "")
                + (" Convoys reached Idlib." if i % 5 == 0 else ""))
        pipeline.process(store, store.accept(parse_article({"text": text, "language": "en", "outlet": outlet,
                                                            "title": f"Day report {i}"})).id)
