"""The FastAPI application: the submission API and the editors' review pages, on one store."""

from __future__ import annotations

import logging
import secrets
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from newsqa import __version__, config
from newsqa.web.api import router as api_router
from newsqa.web.auth import LoginRequired
from newsqa.web.errors import http_error, not_found, validation_error
from newsqa.web.pages import router as pages_router
from newsqa.web.queue_pages import router as queue_router
from newsqa.web.rules_pages import router as rules_router
from newsqa.tasks.review import NotFound
from newsqa.tasks.store import Store

log = logging.getLogger(__name__)

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                               "frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def create_app(database_url: str | None = None) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.store = Store(database_url)
        yield
        app.state.store.engine.dispose()

    # No /docs: Swagger UI loads its scripts from a CDN, which an offline newsroom cannot reach.
    app = FastAPI(title="newsqa", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Submit news articles for translation and entity-name checks.")
    secret = config.SECRET_KEY.get()
    if not secret:
        log.warning("%s is not set: sessions end when the server restarts", config.SECRET_KEY.name)
        secret = secrets.token_urlsafe(32)
    app.add_middleware(SessionMiddleware, secret_key=secret, same_site="strict", session_cookie="newsqa_session",
                       https_only=config.SECURE_COOKIES.get() == "1", max_age=12 * 3600)
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")
    app.include_router(api_router)
    app.include_router(pages_router)
    app.include_router(queue_router)
    app.include_router(rules_router)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(NotFound, not_found)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired):
        from urllib.parse import quote
        return RedirectResponse(f"/login?next={quote(exc.next_url)}", status_code=303)

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict:
        return {"ok": True}

    return app
