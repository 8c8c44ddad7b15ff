"""The HTTP submission API, in process, on a real SQLite store (the broker is unreachable here:
articles are stored and stay pending, which is what the API promises)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from newsqa.web import create_app
from tests.services import free_port

TOKEN = "s3cret-token"


@pytest.fixture
def client(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSQA_API_TOKENS", f"other,{TOKEN}")
    monkeypatch.setenv("NEWSQA_BROKER_URL", f"redis://127.0.0.1:{free_port()}/0")
    with TestClient(create_app(f"sqlite:///{tmp_path / 'api.sqlite3'}")) as c:
        yield c


AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_submit_answers_202_with_id_and_status_url(client):
    r = client.post("/api/articles", json={"text": "Vojska je ušla u Kirkuk.", "url": "https://example.rs/1",
                                           "language": "sr", "metadata": {"section": "svet"}}, headers=AUTH)
    assert r.status_code == 202, r.text
    body = r.json()
    assert body["status"] == "new" and body["status_url"].endswith(f"/api/articles/{body['id']}")
    again = client.post("/api/articles", json={"text": "Vojska je ušla u Kirkuk.", "url": "https://example.rs/1/",
                                               "language": "sr", "metadata": {"section": "svet"}}, headers=AUTH)
    assert again.json() == {**body, "status": "duplicate"}
    state = client.get(body["status_url"], headers=AUTH).json()
    assert state["state"] == "pending" and state["flags"] == []


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic eDp5"}])
def test_missing_or_wrong_token_is_refused(client, headers):
    r = client.post("/api/articles", json={"text": "x"}, headers=headers)
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert client.get("/api/articles/1", headers=headers).status_code == 401


def test_closed_api_says_how_to_open_it(client, monkeypatch):
    monkeypatch.setenv("NEWSQA_API_TOKENS", "")
    assert client.post("/api/articles", json={"text": "x"}, headers=AUTH).status_code == 401
    r = client.post("/api/articles", json={"text": "x"})
    assert r.status_code == 401 and "NEWSQA_API_TOKENS" in r.json()["detail"]


def test_tokens_made_on_the_review_page_work_until_revoked(client, monkeypatch):
    from newsqa.tasks.review import create_token, revoke_token, tokens
    monkeypatch.setenv("NEWSQA_API_TOKENS", "")
    store = client.app.state.store
    token = create_token(store, "scraper-1", "ana")
    headers = {"Authorization": f"Bearer {token}"}
    assert client.post("/api/articles", json={"text": "Vojska."}, headers=headers).status_code == 202
    revoke_token(store, tokens(store)[0].id)
    assert client.post("/api/articles", json={"text": "Vojska."}, headers=headers).status_code == 401


@pytest.mark.parametrize("payload, field", [
    ({}, "text"), ({"text": ""}, "text"), ({"text": "x", "url": "javascript:alert(1)"}, "url"),
    ({"text": "x", "published_at": "yesterday"}, "published_at"), ({"text": "x", "extra": 1}, "extra"),
])
def test_bad_articles_get_422_naming_the_field(client, payload, field):
    r = client.post("/api/articles", json=payload, headers=AUTH)
    assert r.status_code == 422
    assert any(field in err["loc"] for err in r.json()["detail"])


def test_not_json_is_a_clear_error(client):
    r = client.post("/api/articles", content=b"\xff\xfe not json", headers={**AUTH, "Content-Type": "application/json"})
    assert r.status_code == 400 and r.json()["detail"]


def test_unknown_article_is_404(client):
    assert client.get("/api/articles/999", headers=AUTH).status_code == 404


def test_openapi_schema_describes_the_endpoint(client):
    schema = client.get("/openapi.json").json()
    post = schema["paths"]["/api/articles"]["post"]
    assert "202" in post["responses"] and "401" in post["responses"]
    assert schema["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
