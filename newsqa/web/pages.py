"""The editors' review pages: queue, flag in context, article, statistics, API tokens, login.

Thin: every action calls ``tasks.review`` or ``tasks.glossary_store`` and redirects (POST, then
GET), so reloading never repeats an action.
"""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from newsqa.web.api import Id
from newsqa.web.auth import SessionUser, check_csrf, csrf_token, current_user, maintainer
from newsqa.web.text import around_focus, marked, side_by_side
from newsqa.qa.errors import NewsqaError
from newsqa.qa.flags import KINDS
from newsqa.qa.model import ENTITY_TYPES, Status
from newsqa.tasks import review
from newsqa.tasks.glossary_store import GlossaryStore
from newsqa.tasks.store import Store

router = APIRouter()
templates = Jinja2Templates(directory=str(__import__("pathlib").Path(__file__).parent / "templates"))


def store_of(request: Request) -> Store:
    return request.app.state.store


def page(request: Request, name: str, user: SessionUser | None, **context) -> HTMLResponse:
    context.update(user=user, csrf=csrf_token(request), kinds=KINDS, flash=request.session.pop("flash", None))
    return templates.TemplateResponse(request, name, context)


def back(request: Request, url: str, flash: str | None = None) -> RedirectResponse:
    if flash:
        request.session["flash"] = flash
    return RedirectResponse(url, status_code=303)


# ---- login ---------------------------------------------------------------------------------

@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/"):
    return page(request, "login.html", None, next=next if next.startswith("/") else "/")


@router.post("/login")
async def login(request: Request, username: str = Form(...), password: str = Form(...), next: str = Form("/"),
                _: None = Depends(check_csrf)):
    user = await run_in_threadpool(review.authenticate, store_of(request), username, password)
    if user is None:
        return page(request, "login.html", None, next=next, error="wrong name or password")
    request.session.clear()
    request.session["user"] = {"id": user.id, "name": user.username, "role": user.role}
    return back(request, next if next.startswith("/") and not next.startswith("//") else "/")


@router.post("/logout")
def logout(request: Request, _: None = Depends(check_csrf)):
    request.session.clear()
    return back(request, "/login")


# ---- the queue -----------------------------------------------------------------------------

@router.get("/", response_class=HTMLResponse)
async def queue(request: Request, outlet: str = "", language: str = "", entity: str = "", kind: str = "",
                min_confidence: float = 0.0, user: SessionUser = Depends(current_user)):
    f = review.QueueFilter(outlet or None, language or None, entity or None, kind or None, min_confidence)
    rows, counts = await run_in_threadpool(review.open_flags, store_of(request), f)
    facets = await run_in_threadpool(review.facets, store_of(request))
    query = {k: v for k, v in dict(outlet=outlet, language=language, entity=entity,
                                   min_confidence=min_confidence or "").items() if v}
    return page(request, "queue.html", user, rows=rows, counts=counts, facets=facets, f=f, query=query,
                total=sum(counts.values()), urlencode=urlencode)


# ---- a flag in context ---------------------------------------------------------------------

@router.get("/flags/{flag_id}", response_class=HTMLResponse)
async def flag_page(request: Request, flag_id: Id, user: SessionUser = Depends(current_user)):
    store = store_of(request)
    ctx = await run_in_threadpool(review.flag_context, store, flag_id)
    flag, article, translation = ctx.flag, ctx.article, ctx.translation
    source = None if translation.engine == "passthrough" else article.text
    mark = (flag.start, flag.end) if flag.start is not None else None
    source_mark = (flag.source_start, flag.source_end) if flag.source_start is not None else None
    rows, trimmed = around_focus(side_by_side(source, translation.text, mark, source_mark))
    glossary = GlossaryStore(store)
    try:
        entity, version = await run_in_threadpool(glossary.entity, flag.entity)
    except NewsqaError:
        entity, version = None, None
    return page(request, "flag.html", user, flag=flag, article=article, translation=translation, rows=rows,
                trimmed=trimmed, has_source=source is not None,
                decisions=ctx.decisions, entity=entity, version=version, entity_types=ENTITY_TYPES)


def _next_open(store: Store) -> str:
    rows, _ = review.open_flags(store, review.QueueFilter(limit=1))
    return f"/flags/{rows[0][0].id}" if rows else "/"


@router.post("/flags/{flag_id}/decide")
async def decide(request: Request, flag_id: Id, action: str = Form(...), replacement: str = Form(""),
                 reason: str = Form(""), user: SessionUser = Depends(current_user), _: None = Depends(check_csrf)):
    store = store_of(request)
    try:
        await run_in_threadpool(review.decide, store, flag_id, action, user.name, replacement, reason)
    except NewsqaError as exc:
        return back(request, f"/flags/{flag_id}", f"not done: {exc}")
    word = {"accept": "accepted", "reject": "rejected", "edit": "corrected"}[action]
    return back(request, await run_in_threadpool(_next_open, store), f"flag {flag_id} {word}")


@router.post("/flags/{flag_id}/teach")
async def teach(request: Request, flag_id: Id, what: str = Form(...), version: int = Form(...),
                new_entity: str = Form(""), new_type: str = Form("other"),
                user: SessionUser = Depends(maintainer), _: None = Depends(check_csrf)):
    """Teach the glossary from a flag: the found form as an admitted variant, as a deprecated form,
    or as the name of a new entity (and the flag, then a false alarm, is rejected)."""
    store = store_of(request)
    ctx = await run_in_threadpool(review.flag_context, store, flag_id)
    found = ctx.flag.found
    if not found:
        return back(request, f"/flags/{flag_id}", "not done: this flag has no found text to teach")
    glossary = GlossaryStore(store)
    try:
        if what in ("admitted", "deprecated"):
            await run_in_threadpool(lambda: glossary.add_term(ctx.flag.entity, "en", found, Status(what), user.name,
                                                              source="web", if_version=version))
            message = f"“{found}” added to {ctx.flag.entity} as {what}"
        elif what == "entity":
            await run_in_threadpool(lambda: glossary.add_entity(new_entity.strip(), new_type, None, user.name,
                                                                source="web", english=found))
            await run_in_threadpool(review.decide, store, flag_id, "reject", user.name, None,
                                    f"a different entity: {new_entity.strip()}")
            message = f"new entity {new_entity.strip()} created with “{found}”"
        else:
            return back(request, f"/flags/{flag_id}", f"not done: unknown glossary action {what!r}")
    except NewsqaError as exc:
        return back(request, f"/flags/{flag_id}", f"not done: {exc}")
    from newsqa.tasks import pipeline
    await run_in_threadpool(pipeline.recheck, store, ctx.article.id)
    return back(request, f"/articles/{ctx.article.id}", message + "; the article was checked again")


# ---- articles ------------------------------------------------------------------------------

@router.get("/articles/{article_id}", response_class=HTMLResponse)
async def article_page(request: Request, article_id: Id, user: SessionUser = Depends(current_user)):
    store = store_of(request)
    article, flags, decisions, translations = await run_in_threadpool(review.article_view, store, article_id)
    shown = []
    for t in translations:
        if t.engine == "corrected":
            continue
        own = [f for f in flags if f.translation_id == t.id]
        corrected, applied = await run_in_threadpool(review.corrected_text, store, t.id)
        shown.append((t, marked(t.text, own), own,
                      corrected, applied))
    return page(request, "article.html", user, article=article, shown=shown, decisions=decisions)


@router.get("/articles/{article_id}/export.json")
async def export_json(request: Request, article_id: Id, user: SessionUser = Depends(current_user)):
    return JSONResponse(await run_in_threadpool(review.export, store_of(request), article_id))


@router.get("/articles/{article_id}/export.txt", response_class=PlainTextResponse)
async def export_text(request: Request, article_id: Id, user: SessionUser = Depends(current_user)):
    data = await run_in_threadpool(review.export, store_of(request), article_id)
    texts = [t["corrected"] for t in data["translations"] if t["engine"] != "publisher"] or \
        [t["corrected"] for t in data["translations"]]
    return PlainTextResponse("\n\n".join(texts) + "\n", headers={
        "Content-Disposition": f'attachment; filename="article-{article_id}.en.txt"'})


# ---- statistics and tokens -----------------------------------------------------------------

@router.get("/stats", response_class=HTMLResponse)
async def stats_page(request: Request, user: SessionUser = Depends(current_user)):
    return page(request, "stats.html", user, stats=await run_in_threadpool(review.stats, store_of(request)))


@router.get("/tokens", response_class=HTMLResponse)
async def tokens_page(request: Request, user: SessionUser = Depends(maintainer)):
    return page(request, "tokens.html", user, tokens=await run_in_threadpool(review.tokens, store_of(request)),
                new_token=request.session.pop("new_token", None))


@router.post("/tokens")
async def create_token(request: Request, name: str = Form(...), user: SessionUser = Depends(maintainer),
                       _: None = Depends(check_csrf)):
    if not name.strip():
        return back(request, "/tokens", "not done: give the token a name")
    request.session["new_token"] = await run_in_threadpool(review.create_token, store_of(request), name.strip(),
                                                           user.name)
    return back(request, "/tokens", f"token {name.strip()} created: copy it now, it is not shown again")


@router.post("/tokens/{token_id}/revoke")
async def revoke_token(request: Request, token_id: Id, user: SessionUser = Depends(maintainer),
                       _: None = Depends(check_csrf)):
    await run_in_threadpool(review.revoke_token, store_of(request), token_id)
    return back(request, "/tokens", f"token {token_id} revoked")


# ---- name discovery ------------------------------------------------------------------------

@router.get("/candidates", response_class=HTMLResponse)
async def candidates_page(request: Request, user: SessionUser = Depends(maintainer)):
    from newsqa.tasks.discovery import candidates
    found = await run_in_threadpool(candidates, store_of(request))
    return page(request, "candidates.html", user, candidates=found[:100], entity_types=ENTITY_TYPES)


@router.post("/candidates/promote")
async def promote_candidate(request: Request, key: str = Form(...), entity_id: str = Form(...),
                            etype: str = Form(...), english: str = Form(...),
                            user: SessionUser = Depends(maintainer), _: None = Depends(check_csrf)):
    from newsqa.tasks.discovery import promote
    try:
        added = await run_in_threadpool(promote, store_of(request), key, entity_id.strip(), etype, english.strip(),
                                        user.name, "web")
    except NewsqaError as exc:
        return back(request, "/candidates", f"not done: {exc}")
    return back(request, "/candidates", f"{entity_id.strip()} added to the glossary with {added} terms")
