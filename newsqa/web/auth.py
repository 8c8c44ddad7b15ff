"""Sessions, CSRF and roles for the review pages.

The session is a signed cookie (Starlette's SessionMiddleware) holding the user's id, name, role and
a CSRF token; every form carries the token and every POST checks it. Editors decide on flags;
glossary maintainers also teach the glossary and manage API tokens.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from fastapi import Form, HTTPException, Request, status


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


def current_user(request: Request) -> SessionUser:
    data = request.session.get("user")
    if not data:
        raise LoginRequired(str(request.url.path) + (f"?{request.url.query}" if request.url.query else ""))
    return SessionUser(**data)


def maintainer(request: Request) -> SessionUser:
    user = current_user(request)
    if not user.maintainer:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "only a glossary maintainer may do this")
    return user


def check_csrf(request: Request, csrf: str = Form("")) -> None:
    expected = request.session.get("csrf")
    if not expected or not secrets.compare_digest(csrf.encode(), expected.encode()):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "the form is stale or forged (CSRF check failed): reload the page")
