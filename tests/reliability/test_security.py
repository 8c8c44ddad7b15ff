"""Fuzzing the HTTP API from its OpenAPI schema (schemathesis) and the article parser (hypothesis);
hostile glossary terms on the review page."""

from __future__ import annotations

import re

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings, strategies as st

from newsqa.web import create_app
from newsqa.qa import Status
from newsqa.tasks.articles import BadArticle, parse_article
from newsqa.tasks.glossary_store import GlossaryStore
from newsqa.tasks.review import QueueFilter, add_user, open_flags
from newsqa.tasks.store import Store
from tests.conftest import SEED_GLOSSARY
from tests.services import free_port

pytestmark = pytest.mark.services


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    import os
    os.environ["NEWSQA_API_TOKENS"] = "fuzz-token"
    os.environ["NEWSQA_BROKER_URL"] = f"redis://127.0.0.1:{free_port()}/0"
    url = f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'f.sqlite3'}"
    application = create_app(url)
    application.state.store = Store(url)
    yield application
    del os.environ["NEWSQA_API_TOKENS"]


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.fixture(scope="module")
def api_schema(app):
    return schemathesis.openapi.from_asgi("/openapi.json", app)


@schema.parametrize()
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_never_answers_a_server_error(case):
    for headers in ({"Authorization": "Bearer fuzz-token"}, {}):
        response = case.call(headers=headers)
        assert response.status_code < 500, (case.path, response.status_code, response.text[:300])


_json = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
                     lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children,
                                                                                         max_size=4),
                     max_leaves=12)
_articleish = st.fixed_dictionaries({}, optional={
    "text": st.text(max_size=200) | _json, "url": st.text(max_size=60) | _json, "title": _json,
    "language": st.text(max_size=12), "published_at": st.text(max_size=30) | _json, "metadata": _json,
    "translation": st.text(max_size=50) | _json, "outlet": _json})


@settings(max_examples=300, deadline=None)
@given(st.one_of(_json, _articleish))
def test_the_article_parser_takes_any_json(value):
    try:
        article = parse_article(value, "fuzz")
    except BadArticle as exc:
        assert str(exc).startswith("fuzz")
    else:
        assert article.text.strip() and len(article.key) == 64


def test_hostile_glossary_terms_are_escaped_on_the_review_page(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSQA_GLOSSARY", str(SEED_GLOSSARY))
    from tests.web_fixtures import PASSWORD, fill
    url = f"sqlite:///{tmp_path / 'x.sqlite3'}"
    store = fill(url)
    hostile = '<script>window.pwned=7</script><img src=x onerror=alert(1)>'
    GlossaryStore(store).add_term("kataib-hezbollah", "sr-Latn", hostile, Status.ADMITTED, "mallory")
    GlossaryStore(store).set_status("sergei-kisel", "en", "Sergei Kisel", Status.PREFERRED, "mallory")
    flag = next(f for f, a in open_flags(store, QueueFilter())[0] if f.entity == "kataib-hezbollah")
    with TestClient(create_app(url)) as client:
        token = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text).group(1)
        client.post("/login", data={"username": "ana", "password": PASSWORD, "csrf": token})
        html = client.get(f"/flags/{flag.id}").text
    assert "<script>window.pwned" not in html and "<img src=x" not in html
    assert "&lt;script&gt;window.pwned=7&lt;/script&gt;" in html
    assert add_user  # accounts come from the fixture
