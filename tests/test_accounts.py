"""Accounts (issue 14): login throttling, sessions revoked on the server, and the user commands."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from newsqa.cli import main
from newsqa.tasks import accounts, audit
from newsqa.tasks.store import Store
from newsqa.web import create_app
from tests.web_fixtures import csrf, login
from tests.web_fixtures import PASSWORD


@pytest.fixture
def site(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'acc.sqlite3'}"
    monkeypatch.setenv("NEWSQA_DATABASE_URL", url)
    store = Store(url)
    accounts.add_user(store, "ana", PASSWORD, "maintainer")
    accounts.add_user(store, "eddie", PASSWORD, "editor")
    with TestClient(create_app(url)) as client:
        yield client, store, url


def try_login(client, name, password):
    return client.post("/login", data={"username": name, "password": password, "next": "/", "csrf": csrf(client)})


def test_wrong_passwords_lock_the_account_for_a_while(site, monkeypatch):
    client, store, _ = site
    answers = [try_login(client, "ana", "guess-guess") for _ in range(20)]
    assert all("wrong name or password" in r.text for r in answers[:5])
    assert all(r.status_code == 429 and "try again in" in r.text for r in answers[5:])
    r = try_login(client, "ana", PASSWORD)           # the right password, during the lock
    assert r.status_code == 429 and "too many wrong passwords" in r.text and "Open flags" not in r.text
    with store.session() as s:                      # the lock runs out ...
        from newsqa.tasks.models import User
        user = s.query(User).filter_by(username="ana").one()
        assert user.failed_logins >= 5
        user.locked_until = None
    r = try_login(client, "ana", PASSWORD)          # ... and the right password gets in, resetting the count
    assert r.status_code == 200 and "Open flags" in r.text
    # Another account is not affected by ana's lock.
    client.post("/logout", data={"csrf": csrf(client, "/")})
    assert "Open flags" in try_login(client, "eddie", PASSWORD).text


def test_a_copied_cookie_stops_working_at_logout(site):
    client, store, url = site
    login(client, "eddie")
    copied = dict(client.cookies)
    assert client.get("/", follow_redirects=False).status_code == 200
    client.post("/logout", data={"csrf": csrf(client, "/")})
    with TestClient(client.app) as thief:
        thief.cookies.update(copied)
        r = thief.get("/", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")


def test_user_commands_change_password_disable_and_role(site):
    client, store, url = site
    login(client, "eddie")
    runner = CliRunner()
    r = runner.invoke(main, ["user", "role", "eddie", "maintainer"])
    assert r.exit_code == 0, r.output
    assert client.get("/tokens").status_code == 200         # the open session has the new role at once
    r = runner.invoke(main, ["user", "passwd", "eddie", "--password-stdin"], input="a new secret phrase\n")
    assert r.exit_code == 0, r.output
    assert client.get("/", follow_redirects=False).status_code == 303   # the session ended
    assert "wrong name or password" in try_login(client, "eddie", PASSWORD).text
    assert "Open flags" in try_login(client, "eddie", "a new secret phrase").text
    r = runner.invoke(main, ["user", "disable", "eddie"])
    assert r.exit_code == 0 and client.get("/", follow_redirects=False).status_code == 303
    assert "wrong name or password" in try_login(client, "eddie", "a new secret phrase").text
    assert "eddie" in runner.invoke(main, ["user", "list"]).output and "disabled" in runner.invoke(main, ["user", "list"]).output
    assert runner.invoke(main, ["user", "enable", "eddie"]).exit_code == 0
    assert "Open flags" in try_login(client, "eddie", "a new secret phrase").text
    r = runner.invoke(main, ["user", "passwd", "nobody", "--password-stdin"], input="long enough pass\n")
    assert r.exit_code != 0 and "no user 'nobody'" in r.output
    r = runner.invoke(main, ["user", "passwd", "eddie", "--password-stdin"], input="short\n")
    assert r.exit_code != 0 and "at least 8 characters" in r.output
    assert [e.action for e in audit.entries(store)][:4] == ["user-enable", "user-disable", "user-password", "user-role"]
