"""Maintainers' page of what the checker is told: rules switched on or off for this newsroom, ignore
rules ("this form is fine for this entity"), and the audit log of both."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse

from newsqa.qa.errors import NewsqaError
from newsqa.tasks import audit, review, review_rules
from newsqa.web.api import Id
from newsqa.web.auth import SessionUser, check_csrf, maintainer
from newsqa.web.render import back, page, store_of

router = APIRouter()


@router.get("/rules", response_class=HTMLResponse)
async def rules_page(request: Request, user: SessionUser = Depends(maintainer)):
    store = store_of(request)
    return page(request, "rules.html", user, settings=await run_in_threadpool(review_rules.rule_settings, store),
                ignores=await run_in_threadpool(review_rules.ignore_rules, store),
                log=await run_in_threadpool(audit.entries, store, 50))


@router.post("/rules/{rule}/switch")
async def switch(request: Request, rule: str, enabled: str = Form(...), user: SessionUser = Depends(maintainer),
                 _: None = Depends(check_csrf)):
    on = enabled == "1"
    try:
        await run_in_threadpool(review_rules.switch_rule, store_of(request), rule, on, user.name)
    except NewsqaError as exc:
        return back(request, "/rules", f"not done: {exc}")
    return back(request, "/rules", f"rule {rule} switched {'on' if on else 'off'}: workers use it from the next check")


@router.post("/flags/{flag_id}/ignore")
async def ignore(request: Request, flag_id: Id, scope: str = Form("all"), reason: str = Form(""),
                 back_query: str = Form(""), user: SessionUser = Depends(maintainer), _: None = Depends(check_csrf)):
    """“This form is fine for this entity”, from a flag: everywhere, or in this outlet's articles."""
    store = store_of(request)
    try:
        if scope not in ("all", "outlet"):
            raise review_rules.RuleError(f"where: “{scope}” is neither every outlet (all) nor this outlet (outlet)")
        ctx = await run_in_threadpool(review.flag_context, store, flag_id)
        outlet = ctx.article.outlet if scope == "outlet" else None
        if scope == "outlet" and not outlet:
            raise review_rules.RuleError("the article has no outlet: choose every outlet")
        rule_id, closed = await run_in_threadpool(review_rules.add_ignore_rule, store, ctx.flag.entity,
                                                  ctx.flag.found or "", outlet, reason, user.name)
    except NewsqaError as exc:
        return back(request, f"/flags/{flag_id}", f"not done: {exc}")
    where = f"in {outlet}" if outlet else "everywhere"
    return back(request, "/" + (f"?{back_query}" if back_query else ""),
                f"ignore rule {rule_id}: “{ctx.flag.found}” is fine for {ctx.flag.entity} {where}; "
                f"{closed} open flag{'s' if closed != 1 else ''} closed")


@router.post("/rules/ignore/{rule_id}/remove")
async def remove_ignore(request: Request, rule_id: Id, user: SessionUser = Depends(maintainer),
                        _: None = Depends(check_csrf)):
    try:
        await run_in_threadpool(review_rules.remove_ignore_rule, store_of(request), rule_id, user.name)
    except NewsqaError as exc:
        return back(request, "/rules", f"not done: {exc}")
    return back(request, "/rules", f"ignore rule {rule_id} removed: articles checked again flag the form")

