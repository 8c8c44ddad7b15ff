"""``POST /api/articles`` for scrapers, and the status of what they submitted.

Bearer tokens from ``NEWSQA_API_TOKENS``. An article is committed to the store before the response
(202 with its id and a status URL); queueing comes after, and a broker outage only delays it.
"""

from __future__ import annotations

import json
import secrets
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Request, status
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel

from newsqa import config
from newsqa.tasks.articles import ArticleIn, BadArticle, parse_article
from newsqa.tasks.store import Store

router = APIRouter(prefix="/api")
# A database id: positive and within a 64-bit integer (a larger number is a 422, not a server error).
Id = Annotated[int, Path(ge=1, le=2**63 - 1)]
bearer = HTTPBearer(auto_error=False)


def require_token(request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> str:
    """A token from NEWSQA_API_TOKENS, or one a maintainer created on the review page (/tokens)."""
    from newsqa.tasks.review import token_valid

    given = credentials.credentials if credentials else ""
    tokens = config.api_tokens()
    if given and any(secrets.compare_digest(given.encode(), t.encode()) for t in tokens):
        return given
    if given and token_valid(request.app.state.store, given):
        return given
    if not tokens and not given:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, f"send a bearer token: set {config.API_TOKENS.name} "
                            "or create one on the review page (/tokens)", headers={"WWW-Authenticate": "Bearer"})
    raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing or wrong bearer token",
                        headers={"WWW-Authenticate": "Bearer"})


def get_store(request: Request) -> Store:
    return request.app.state.store


class Submitted(BaseModel):
    id: int
    status: str
    status_url: str


class ArticleStatus(BaseModel):
    id: int
    state: str
    revision: int
    attempts: int
    language: str | None
    error: str | None
    stages: dict[str, Any]
    flags: list[dict[str, Any]]


@router.post("/articles", status_code=status.HTTP_202_ACCEPTED, response_model=Submitted,
             responses={400: {"description": "Not JSON"}, 401: {"description": "Missing or wrong token"},
                        413: {"description": "Body too large"}, 422: {"description": "Bad article"}},
             openapi_extra={"requestBody": {"required": True, "content": {
                 "application/json": {"schema": ArticleIn.model_json_schema()}}}})
async def submit_article(request: Request, store: Store = Depends(get_store),
                         _: str = Depends(require_token)) -> Submitted:
    """Accept an article: stored once (the same URL or content again is a duplicate), then queued.

    The token is checked first, the body's size next (``NEWSQA_MAX_BODY_BYTES``, from
    Content-Length before anything is read, and again while reading), and only then is it parsed
    and validated (``tasks.articles.parse_article``, as the client and the CLI do)."""
    data = await _json_body(request, config.MAX_BODY_BYTES.number(int, 1024))
    try:
        article = parse_article(data)
    except BadArticle as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT,
                            [{**e, "loc": ["body", *e["loc"]]} for e in exc.errors]) from None
    accepted = await run_in_threadpool(store.accept, article)
    if accepted.needs_processing:
        from newsqa.tasks.queue import enqueue
        await run_in_threadpool(enqueue, store, [accepted.id])
    return Submitted(id=accepted.id, status=accepted.status,
                     status_url=str(request.url_for("article_status", article_id=accepted.id)))


async def _json_body(request: Request, limit: int) -> Any:
    """The body as JSON, refusing one over ``limit`` bytes without reading it all."""
    too_large = HTTPException(status.HTTP_413_CONTENT_TOO_LARGE,
                              f"the body must be at most {limit} bytes ({config.MAX_BODY_BYTES.name})")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise too_large
    try:
        return json.loads(body)
    except UnicodeDecodeError:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "the body is not UTF-8") from None
    except (ValueError, RecursionError) as exc:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, f"the body is not JSON: {str(exc)[:200]}") from None


@router.get("/articles/{article_id}", response_model=ArticleStatus, name="article_status")
async def article_status(article_id: Id, store: Store = Depends(get_store),
                         _: str = Depends(require_token)) -> ArticleStatus:
    article = await run_in_threadpool(store.get, article_id)
    if article is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no article {article_id}")
    flags = await run_in_threadpool(store.flags, article_id)
    return ArticleStatus(
        id=article.id, state=article.state, revision=article.revision, attempts=article.attempts,
        language=article.language, error=article.error, stages=article.stages,
        flags=[{"entity": f.entity, "kind": f.kind, "start": f.start, "end": f.end, "found": f.found,
                "suggestion": f.suggestion, "confidence": f.confidence, "reason": f.reason,
                "engine": f.translation.engine} for f in flags])
