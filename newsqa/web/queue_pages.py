"""The queue: open or resolved flags, filtered, searched, sorted and paged; identical findings
grouped, with one decision for a whole group; and the flag list as CSV or JSON with the same filter."""

from __future__ import annotations

import csv
import io
from urllib.parse import parse_qsl, urlencode

from fastapi import APIRouter, Depends, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, Response

from newsqa.qa.errors import NewsqaError
from newsqa.tasks import review, review_queue
from newsqa.tasks.review_queue import EXPORT_COLUMNS, SORTS, QueueFilter, csv_safe
from newsqa.web.auth import SessionUser, check_csrf, current_user
from newsqa.web.errors import error_page
from newsqa.web.render import back, page, store_of

router = APIRouter()
PER_PAGE = 50
VIEWS = ("flags", "groups")


def suffix(params: dict[str, str]) -> str:
    """``?a=b`` for a link, or nothing when there are no parameters."""
    return f"?{urlencode(params)}" if params else ""


def parse_filter(params: dict[str, str]) -> QueueFilter:
    """A queue filter from query parameters; ValueError names the parameter a person got wrong.
    A decimal comma is read as a point (“0,9”)."""
    text = {k: (params.get(k) or "").strip() or None for k in ("outlet", "language", "entity", "kind", "q")}
    raw = (params.get("min_confidence") or "").strip().replace(",", ".")
    try:
        confidence = float(raw) if raw else 0.0
    except ValueError:
        raise ValueError(f"min_confidence: “{params.get('min_confidence')}” is not a number (write 0.9)") from None
    if not 0.0 <= confidence <= 1.0:
        raise ValueError(f"min_confidence: {confidence} is not between 0 and 1")
    state = params.get("state") or "open"
    if state not in review_queue.STATES:
        raise ValueError(f"state: “{state}” is not one of {', '.join(review_queue.STATES)}")
    sort = params.get("sort") or "id"
    if sort not in SORTS:
        raise ValueError(f"sort: “{sort}” is not one of {', '.join(SORTS)}")
    try:
        number = int(params.get("page") or 1)
    except ValueError:
        raise ValueError(f"page: “{params.get('page')}” is not a page number") from None
    if not 1 <= number <= 10**6:
        raise ValueError(f"page: {number} is out of range")
    return QueueFilter(**text, min_confidence=confidence, state=state, sort=sort,
                       desc=(params.get("desc") or "1") != "0", page=number, limit=PER_PAGE)


@router.get("/", response_class=HTMLResponse)
async def queue(request: Request, user: SessionUser = Depends(current_user)):
    params = dict(request.query_params)
    try:
        f = parse_filter(params)
    except ValueError as exc:
        return error_page(request, 422, str(exc))
    view = params.get("view") if params.get("view") in VIEWS else "flags"
    store = store_of(request)
    result = await run_in_threadpool(review_queue.queue, store, f)
    groups = await run_in_threadpool(review_queue.groups, store, f) if view == "groups" else []
    facets = await run_in_threadpool(review_queue.facets, store)
    query = f.params(page=1)
    if view != "flags":
        query["view"] = view
    return page(request, "queue.html", user, result=result, rows=result.rows, counts=result.counts, facets=facets,
                f=f, query=query, flag_suffix=suffix(f.params(page=1)), total=result.total, view=view,
                groups=groups, sorts=SORTS, urlencode=urlencode)


def _export_filter(request: Request) -> QueueFilter:
    return parse_filter(dict(request.query_params))


@router.get("/flags.csv")
async def export_csv(request: Request, user: SessionUser = Depends(current_user)):
    try:
        f = _export_filter(request)
    except ValueError as exc:
        return error_page(request, 422, str(exc))
    rows = await run_in_threadpool(review_queue.export_rows, store_of(request), f)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    for row in rows:
        writer.writerow([csv_safe(row[c]) for c in EXPORT_COLUMNS])
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="flags-{f.state}.csv"'})


@router.get("/flags.json")
async def export_flags_json(request: Request, user: SessionUser = Depends(current_user)):
    try:
        f = _export_filter(request)
    except ValueError as exc:
        return error_page(request, 422, str(exc))
    rows = await run_in_threadpool(review_queue.export_rows, store_of(request), f)
    return JSONResponse({"filter": f.params(), "count": len(rows), "flags": rows},
                        headers={"Content-Disposition": f'attachment; filename="flags-{f.state}.json"'})


@router.post("/groups/decide")
async def decide_group(request: Request, action: str = Form(...), entity: str = Form(...), kind: str = Form(...),
                       found: str = Form(""), suggestion: str = Form(""), reason: str = Form(""),
                       back_query: str = Form(""), user: SessionUser = Depends(current_user),
                       _: None = Depends(check_csrf)):
    """One decision for a whole group of identical findings: each flag gets its own decision record."""
    try:
        f = parse_filter(dict(parse_qsl(back_query)))
    except ValueError:
        f = QueueFilter(limit=PER_PAGE)
    if action not in ("accept", "reject"):
        return back(request, "/?" + back_query, f"not done: a group can be accepted or rejected, not {action!r}")
    store = store_of(request)
    members = await run_in_threadpool(review_queue.group_members, store, f, entity, kind, found or None,
                                      suggestion or None)
    done, refused = 0, []
    for flag_id in members:
        try:
            await run_in_threadpool(review.decide, store, flag_id, action, user.name, None,
                                    reason or f"group decision on “{found}” ({len(members)} flags)")
            done += 1
        except NewsqaError as exc:
            refused.append(f"flag {flag_id}: {exc}")
    message = f"{done} flag{'s' if done != 1 else ''} {review.DONE_WORDS[action]} (“{found}” → “{suggestion}”)"
    if refused:
        message += f"; {len(refused)} not done ({refused[0]})"
    return back(request, "/?" + back_query, message)
