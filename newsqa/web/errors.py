"""Errors a person sees are pages: a 403, 404, 405 or 422 on a review page renders the site's error
page (with the way back); the API under /api keeps FastAPI's JSON errors for programs."""

from __future__ import annotations

from fastapi import Request
from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException

from newsqa.web.render import page

TITLES = {400: "Bad request", 401: "Not logged in", 403: "Not allowed", 404: "Not found",
          405: "Not a page to open", 422: "Cannot read the request"}
HINTS = {405: "This address takes a form, not a visit: go back to the page the form was on.",
         403: "Ask a glossary maintainer, or reload the page if the form was open for long."}


def _for_people(request: Request) -> bool:
    return not request.url.path.startswith("/api") and request.url.path != "/healthz"


def error_page(request: Request, status: int, message: str):
    response = page(request, "error.html", None, status=status, title=TITLES.get(status, "Error"),
                    message=message, hint=HINTS.get(status))
    response.status_code = status
    return response


async def http_error(request: Request, exc: HTTPException):
    if not _for_people(request):
        return await http_exception_handler(request, exc)
    detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    response = error_page(request, exc.status_code, detail)
    for name, value in (exc.headers or {}).items():
        response.headers[name] = value
    return response


def explain(errors) -> str:
    """FastAPI's validation errors as one line a person can read: “min_confidence: …”."""
    return "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg')}"
                     for e in errors)


async def validation_error(request: Request, exc: RequestValidationError):
    if not _for_people(request):
        return await request_validation_exception_handler(request, exc)
    return error_page(request, 422, explain(exc.errors()))


async def not_found(request: Request, exc: Exception):
    """An unknown flag or article asked of the review functions."""
    return error_page(request, 404, str(exc))
