"""The review pages in headless Chromium (Debian's package, driven by Playwright): log in, open the
queue, accept one flag, reject another, add a variant, and see the glossary and the article change.

With NEWSQA_SCREENSHOTS=DIR the main pages are saved there (docs/screenshots holds the current ones).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from newsqa.tasks.glossary_store import GlossaryStore
from tests.conftest import SEED_GLOSSARY
from tests.test_report_browser import ARGS, CHROMIUM
from tests.web_fixtures import PASSWORD, Site, fill

pytestmark = pytest.mark.browser


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSQA_GLOSSARY", str(SEED_GLOSSARY))
    url = f"sqlite:///{tmp_path / 'web.sqlite3'}"
    store = fill(url)
    with Site(url) as s:
        yield s, store


@pytest.fixture
def page():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        pg = context.new_page()
        pg.errors = []
        pg.on("pageerror", lambda exc: pg.errors.append(exc))
        yield pg
        browser.close()


def shot(page, name: str) -> None:
    folder = os.environ.get("NEWSQA_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=False)


def log_in(page, base: str, name: str) -> None:
    page.goto(base + "/")
    expect(page).to_have_url(base + "/login?next=/")
    shot(page, "login")
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_contain_text("Open flags")


def test_review_a_flag_end_to_end(site, page):
    s, store = site
    log_in(page, s.base, "ana")
    expect(page.locator("h1 .count")).to_have_text("5")
    shot(page, "queue")

    # Keyboard: j selects the first row, Enter opens it.
    page.keyboard.press("j")
    expect(page.locator("tr.selected")).to_have_count(1)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/flags/\d+$"))

    # Accept "Sergei Kissel" in the seed article.
    page.goto(s.base + "/")
    page.locator("tr", has=page.locator("td", has_text="Vijesti")).filter(has_text="Sergei Kissel").locator("a").first.click()
    expect(page.locator("h1")).to_contain_text("“Sergei Kissel” → “Sergei Kisel”")
    expect(page.locator("tr.focus mark")).to_have_text("Sergei Kissel")
    expect(page.locator(".card h2")).to_contain_text("sergei-kisel")
    shot(page, "flag")
    page.click("#accept")
    expect(page.locator(".flash")).to_contain_text("accepted")

    # Reject "Katiab Hezbollah" with a reason, from the keyboard.
    page.goto(s.base + "/?kind=near_miss")
    page.get_by_role("link", name="Katiab Hezbollah").click()
    page.keyboard.press("r")
    page.keyboard.type("checked with the desk")
    page.click("#reject")
    expect(page.locator(".flash")).to_contain_text("rejected")
    page.goto(s.base + "/")
    expect(page.locator("h1 .count")).to_have_text("3")

    # Teach the glossary: "Hamah" is an admitted variant of Hama.
    page.get_by_role("link", name="Hamah").click()
    expect(page.locator(".card h2")).to_contain_text("hama place")
    expect(page.locator(".card table.terms")).not_to_contain_text("Hamah")
    page.click("#teach-admitted")
    expect(page.locator(".flash")).to_contain_text("“Hamah” added to hama as admitted")
    expect(page.locator("h1")).to_contain_text("Evil")          # the article page, checked again
    expect(page.locator("table.flags")).not_to_contain_text("Hamah")
    entity, _ = GlossaryStore(store).entity("hama")
    assert ("en", "Hamah", "admitted") in {(t.lang, t.text, t.status.value) for t in entity.terms}
    assert GlossaryStore(store).history("hama")[0].source == "web"

    # The seed article shows the corrected translation beside the original.
    seed_id = next(a.id for a in store.articles() if a.outlet == "Vijesti")
    page.goto(f"{s.base}/articles/{seed_id}")
    expect(page.locator(".corrected")).to_contain_text("Moscow had fired Sergei Kisel, the general")
    expect(page.locator(".text mark").first).to_have_text("Sergei Kissel")
    shot(page, "article")

    page.goto(s.base + "/stats")
    expect(page.locator("table.stats").first).to_contain_text("near-miss")
    shot(page, "stats")
    assert page.evaluate("window.pwned") is None and not page.errors


def test_hostile_content_never_runs(site, page):
    s, store = site
    log_in(page, s.base, "eddie")
    hostile = next(a for a in store.articles() if a.outlet == "<b>Outlet</b>")
    for path in ("/", f"/articles/{hostile.id}", f"/flags/{store.flags(hostile.id)[0].id}", "/stats"):
        page.goto(s.base + path)
        assert page.evaluate("window.pwned") is None, path
        assert page.locator("script:not([src='/static/app.js']), img, svg").count() == 0, path
    page.goto(f"{s.base}/flags/{store.flags(hostile.id)[0].id}")
    expect(page.locator(".card h2")).to_contain_text("Glossary")
    expect(page.locator(".card")).not_to_contain_text("Teach the glossary")  # an editor's view
    assert not page.errors


def test_maintainer_creates_and_revokes_an_api_token(site, page):
    s, store = site
    log_in(page, s.base, "ana")
    page.goto(s.base + "/tokens")
    page.fill("input[name=name]", "scraper-1")
    page.get_by_role("button", name="Create a token").click()
    token = page.locator("#new-token").inner_text()
    assert len(token) > 20
    import httpx
    ok = httpx.post(s.base + "/api/articles", json={"text": "Vojska je ušla u Kirkuk."},
                    headers={"Authorization": f"Bearer {token}"})
    assert ok.status_code == 202
    page.get_by_role("button", name="Revoke").click()
    expect(page.locator("table.stats")).to_contain_text("revoked")
    refused = httpx.post(s.base + "/api/articles", json={"text": "x"}, headers={"Authorization": f"Bearer {token}"})
    assert refused.status_code == 401


def test_maintainer_turns_a_new_name_into_an_entity(site, page):
    s, store = site
    from tests.test_discovery import ARTICLES
    from newsqa.tasks import pipeline
    from newsqa.tasks.articles import parse_article
    for _, outlet, source, lang, _, _ in ARTICLES:
        pipeline.process(store, store.accept(parse_article({"text": source, "outlet": outlet, "language": lang})).id)
    log_in(page, s.base, "ana")
    page.get_by_role("link", name="New names").click()
    row = page.locator("tr", has_text="Naima Kasema")
    expect(row).to_contain_text("split")
    shot(page, "candidates")
    row.locator("input[name=entity_id]").fill("naim-qassem")
    row.locator("select[name=etype]").select_option("person")
    row.locator("input[name=english]").fill("Naim Qassem")
    row.get_by_role("button", name="Add").click()
    expect(page.locator(".flash")).to_contain_text("naim-qassem added to the glossary")
    expect(page.locator("table.candidates")).not_to_contain_text("Naima Kasema")
    assert GlossaryStore(store).history("naim-qassem")[-1].source == "web"


def test_the_article_page_shows_a_declared_language_mismatch(site, page):
    s, store = site
    from newsqa.tasks import pipeline
    from newsqa.tasks.articles import parse_article
    czech = ("Vláda schválila návrh rozpočtu na příští rok, který počítá s vyšším schodkem, uvedlo ministerstvo "
             "financí.")
    aid = store.accept(parse_article({"text": czech, "language": "sr", "outlet": "Scraped"})).id
    pipeline.process(store, aid)
    log_in(page, s.base, "ana")
    page.goto(f"{s.base}/articles/{aid}")
    expect(page.locator(".mismatch")).to_contain_text("declared sr, detected cs")
    expect(page.locator("main")).to_contain_text("untranslated: apertium does not translate cs")
    assert not page.errors
