"""What every review page shares: the templates, the page renderer (user, CSRF token, flash
message) and the redirect after a POST, so reloading never repeats an action."""

from __future__ import annotations

from pathlib import Path

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from newsqa.qa.flags import KINDS
from newsqa.tasks.store import Store
from newsqa.web.auth import SessionUser, csrf_token

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))


def store_of(request: Request) -> Store:
    return request.app.state.store


def page(request: Request, name: str, user: SessionUser | None, status_code: int = 200, **context) -> HTMLResponse:
    context.update(user=user, csrf=csrf_token(request), kinds=KINDS, flash=request.session.pop("flash", None))
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def back(request: Request, url: str, flash: str | None = None) -> RedirectResponse:
    if flash:
        request.session["flash"] = flash
    return RedirectResponse(url, status_code=303)
