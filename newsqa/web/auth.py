"""Sessions, CSRF and roles for the review pages.

The session cookie is signed (Starlette's SessionMiddleware) and holds a CSRF token and the secret of a
login session kept in the store (``tasks.accounts``): each request looks the session up, so logging
out, disabling a user or changing a password ends it on the server, and a role change applies at
once. Every form carries the CSRF token and every POST checks it. Editors decide on flags; glossary
maintainers also teach the glossary, set ignore rules and rule switches, and manage API tokens.

A form sent after the session ended is not lost: what was typed is kept in the new session (a
*draft*) and the login leads back to the page the form was on, which fills it in again.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

from fastapi import Form, HTTPException, Request, status
from fastapi.concurrency import run_in_threadpool

from newsqa.tasks.accounts import session_user

DRAFT_FIELDS = ("reason", "replacement", "sentence", "english", "new_entity")
ACTION_SEGMENTS = {"decide", "teach", "ignore", "group", "revoke", "promote", "switch", "remove"}


@dataclass
class SessionUser:
    id: int
    name: str
    role: str

    @property
    def maintainer(self) -> bool:
        return self.role == "maintainer"


class LoginRequired(Exception):
    def __init__(self, next_url: str) -> None:
        self.next_url = next_url


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = secrets.token_urlsafe(32)
    return token


def form_page(request: Request) -> str:
    """The page a POSTed form was on: the referring page of this site, else the action's parent path."""
    referer = urlsplit(request.headers.get("referer", ""))
    if referer.path.startswith("/") and referer.netloc == request.url.netloc:
        return referer.path + (f"?{referer.query}" if referer.query else "")
    parts = request.url.path.rstrip("/").split("/")
    return "/".join(parts[:-1]) or "/" if parts[-1] in ACTION_SEGMENTS else request.url.path


async def current_user(request: Request) -> SessionUser:
    secret = request.session.get("sid")
    user = await run_in_threadpool(session_user, request.app.state.store, secret) if secret else None
    if user is not None:
        return SessionUser(user.id, user.username, user.role)
    if request.method == "POST":
        page = form_page(request)
        form = await request.form()
        typed = {k: str(form[k]) for k in DRAFT_FIELDS if form.get(k)}
        if typed:
            request.session["draft"] = {"path": urlsplit(page).path, "fields": typed}
        raise LoginRequired(page)
    raise LoginRequired(str(request.url.path) + (f"?{request.url.query}" if request.url.query else ""))


async def maintainer(request: Request) -> SessionUser:
    user = await current_user(request)
    if not user.maintainer:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "only a glossary maintainer may do this")
    return user


def draft_for(request: Request) -> dict[str, str]:
    """What was typed into this page's form before the session ended (once)."""
    draft = request.session.get("draft")
    if draft and draft.get("path") == request.url.path:
        request.session.pop("draft")
        return draft.get("fields") or {}
    return {}


def check_csrf(request: Request, csrf: str = Form("")) -> None:
    expected = request.session.get("csrf")
    if not expected or not secrets.compare_digest(csrf.encode(), expected.encode()):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "the form is stale or forged (CSRF check failed): reload the page")
