"""The editors' review pages: login, a flag in context, article, statistics, API tokens, new names.

Thin: every action calls ``tasks.review`` or ``tasks.glossary_store`` and redirects (POST, then
GET), so reloading never repeats an action.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from fastapi import APIRouter, Depends, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse

from newsqa.web.api import Id
from newsqa.web.auth import SessionUser, check_csrf, current_user, draft_for, maintainer
from newsqa.web.queue_pages import parse_filter
from newsqa.web.render import back, page, store_of
from newsqa.web.text import around_focus, marked, side_by_side
from newsqa.qa.errors import NewsqaError
from newsqa.qa.model import ENTITY_TYPES, Status
from newsqa.tasks import accounts, review
from newsqa.tasks.review_queue import QueueFilter, next_open
from newsqa.tasks.glossary_store import GlossaryStore
from newsqa.tasks.store import Store

router = APIRouter()


# ---- login ---------------------------------------------------------------------------------

@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/"):
    return page(request, "login.html", None, next=next if next.startswith("/") else "/")


@router.post("/login")
async def login(request: Request, username: str = Form(...), password: str = Form(...), next: str = Form("/"),
                _: None = Depends(check_csrf)):
    try:
        user = await run_in_threadpool(accounts.authenticate, store_of(request), username, password)
    except accounts.LoginThrottled as exc:
        return page(request, "login.html", None, next=next, error=str(exc), status_code=429)
    if user is None:
        return page(request, "login.html", None, next=next, error="wrong name or password")
    draft = request.session.get("draft")
    request.session.clear()
    if draft:
        request.session["draft"] = draft  # a form the last session left open
    request.session["sid"] = await run_in_threadpool(accounts.open_session, store_of(request), user.id)
    return back(request, next if next.startswith("/") and not next.startswith(("//", "/\\")) else "/")


@router.post("/logout")
async def logout(request: Request, _: None = Depends(check_csrf)):
    secret = request.session.get("sid")
    if secret:
        await run_in_threadpool(accounts.close_session, store_of(request), secret)
    request.session.clear()
    return back(request, "/login")


# ---- a flag in context ---------------------------------------------------------------------

@router.get("/flags/{flag_id}", response_class=HTMLResponse)
async def flag_page(request: Request, flag_id: Id, user: SessionUser = Depends(current_user)):
    store = store_of(request)
    ctx = await run_in_threadpool(review.flag_context, store, flag_id)
    flag, article, translation = ctx.flag, ctx.article, ctx.translation
    source = None if translation.engine == "passthrough" else article.text
    source_mark = (flag.source_start, flag.source_end) if flag.source_start is not None else None
    decided = ctx.decisions[0] if ctx.decisions else None
    text, mark = translation.text, (flag.start, flag.end) if flag.start is not None else None
    if decided is not None:  # show the text as it now reads, the correction marked
        text, where = await run_in_threadpool(review.corrected, store, translation.id)
        mark = where.get(flag.id, mark if text == translation.text else None)
    rows, trimmed = around_focus(side_by_side(source, text, mark, source_mark))
    sentence = await run_in_threadpool(review.current_sentence, store, flag, source)
    glossary = GlossaryStore(store)
    try:
        entity, version = await run_in_threadpool(glossary.entity, flag.entity)
    except NewsqaError:
        entity, version = None, None
    back_query = urlencode(_filter_of(request.query_params).params())
    return page(request, "flag.html", user, flag=flag, article=article, translation=translation, rows=rows,
                trimmed=trimmed, has_source=source is not None, ctx=ctx, decided=decided,
                sentence=sentence, draft=draft_for(request), back_query=back_query,
                back_suffix=f"?{back_query}" if back_query else "",
                decisions=ctx.decisions, entity=entity, version=version, entity_types=ENTITY_TYPES)


def _filter_of(params) -> QueueFilter:
    """The queue filter carried by a page (bad values fall back to the default: it only picks the next item)."""
    try:
        return parse_filter(dict(params))
    except ValueError:
        return QueueFilter()


def _after(store: Store, f: QueueFilter, flag_id: int) -> str:
    """Where a decision leads: the next open flag of the editor's filter, or the filtered queue."""
    following = next_open(store, f, after=flag_id)
    query = urlencode(f.params(page=1))
    return (f"/flags/{following}" if following else "/") + (f"?{query}" if query else "")


@router.post("/flags/{flag_id}/decide")
async def decide(request: Request, flag_id: Id, action: str = Form(...), replacement: str = Form(""),
                 sentence: str = Form(""), reason: str = Form(""), back_query: str = Form(""),
                 user: SessionUser = Depends(current_user), _: None = Depends(check_csrf)):
    store = store_of(request)
    f = _filter_of(parse_qsl(back_query))
    here = f"/flags/{flag_id}" + (f"?{back_query}" if back_query else "")
    text = sentence if action == "sentence" else replacement
    try:
        await run_in_threadpool(review.decide, store, flag_id, action, user.name, text, reason)
    except NewsqaError as exc:
        if text or reason:
            request.session["draft"] = {"path": f"/flags/{flag_id}",
                                        "fields": {k: v for k, v in (("reason", reason), (
                                            "sentence" if action == "sentence" else "replacement", text)) if v}}
        return back(request, here, f"not done: {exc}")
    word = review.DONE_WORDS.get(action, action)
    return back(request, await run_in_threadpool(_after, store, f, flag_id), f"flag {flag_id} {word}")


@router.post("/flags/{flag_id}/teach")
async def teach(request: Request, flag_id: Id, what: str = Form(...), version: int = Form(...),
                new_entity: str = Form(""), new_type: str = Form("other"), english: str = Form(""),
                user: SessionUser = Depends(maintainer), _: None = Depends(check_csrf)):
    """Teach the glossary from a flag: the found form as an admitted variant, as a deprecated form,
    or a new entity with its English name (the found form, or the one the maintainer typed); the flag,
    then a false alarm, is rejected."""
    store = store_of(request)
    ctx = await run_in_threadpool(review.flag_context, store, flag_id)
    found = ctx.flag.found
    if not found:
        return back(request, f"/flags/{flag_id}", "not done: this flag has no found text to teach")
    glossary = GlossaryStore(store)
    english = " ".join(english.split()) or found
    try:
        if what in ("admitted", "deprecated"):
            await run_in_threadpool(lambda: glossary.add_term(ctx.flag.entity, "en", found, Status(what), user.name,
                                                              source="web", if_version=version))
            message = f"“{found}” added to {ctx.flag.entity} as {what}"
        elif what == "entity":
            await run_in_threadpool(lambda: glossary.add_entity(new_entity.strip(), new_type, None, user.name,
                                                                source="web", english=english))
            if english != found:
                await run_in_threadpool(lambda: glossary.add_term(new_entity.strip(), "en", found, Status.ADMITTED,
                                                                  user.name, source="web", force=True))
            if ctx.current and not ctx.decisions:
                await run_in_threadpool(review.decide, store, flag_id, "reject", user.name, None,
                                        f"a different entity: {new_entity.strip()}")
            message = f"new entity {new_entity.strip()} created with “{english}”"
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
    exported = (await run_in_threadpool(review.export, store, article_id))["published"]
    return page(request, "article.html", user, article=article, shown=shown, decisions=decisions,
                exported=exported["engine"] if exported else None)


@router.get("/articles/{article_id}/export.json")
async def export_json(request: Request, article_id: Id, user: SessionUser = Depends(current_user)):
    return JSONResponse(await run_in_threadpool(review.export, store_of(request), article_id))


@router.get("/articles/{article_id}/export.txt", response_class=PlainTextResponse)
async def export_text(request: Request, article_id: Id, user: SessionUser = Depends(current_user)):
    data = await run_in_threadpool(review.export, store_of(request), article_id)
    text = data["published"]["text"] if data["published"] else ""
    return PlainTextResponse(text + "\n", headers={
        "Content-Disposition": f'attachment; filename="article-{article_id}.en.txt"'})


# ---- statistics and tokens -----------------------------------------------------------------

@router.get("/stats", response_class=HTMLResponse)
async def stats_page(request: Request, user: SessionUser = Depends(current_user)):
    return page(request, "stats.html", user, stats=await run_in_threadpool(review.stats, store_of(request)))


@router.get("/tokens", response_class=HTMLResponse)
async def tokens_page(request: Request, user: SessionUser = Depends(maintainer)):
    return page(request, "tokens.html", user, tokens=await run_in_threadpool(accounts.tokens, store_of(request)),
                new_token=request.session.pop("new_token", None))


@router.post("/tokens")
async def create_token(request: Request, name: str = Form(...), user: SessionUser = Depends(maintainer),
                       _: None = Depends(check_csrf)):
    if not name.strip():
        return back(request, "/tokens", "not done: give the token a name")
    request.session["new_token"] = await run_in_threadpool(accounts.create_token, store_of(request), name.strip(),
                                                           user.name)
    return back(request, "/tokens", f"token {name.strip()} created: copy it now, it is not shown again")


@router.post("/tokens/{token_id}/revoke")
async def revoke_token(request: Request, token_id: Id, user: SessionUser = Depends(maintainer),
                       _: None = Depends(check_csrf)):
    await run_in_threadpool(accounts.revoke_token, store_of(request), token_id)
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
