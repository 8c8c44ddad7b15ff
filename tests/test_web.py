"""The review pages over HTTP: login, CSRF, roles, escaping, exports (a real SQLite store)."""

from __future__ import annotations

import re

import pytest

from newsqa.tasks.review import QueueFilter, open_flags
from tests.web_fixtures import HOSTILE_TEXT, PASSWORD, csrf, login, site  # noqa: F401 (site: a fixture)


def test_pages_need_a_login(site):
    client, _ = site
    for path in ("/", "/flags/1", "/articles/1", "/articles/1/export.json", "/stats", "/tokens"):
        r = client.get(path, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/login?next=")


def test_wrong_password_and_forged_login(site):
    client, _ = site
    r = client.post("/login", data={"username": "ana", "password": "nope", "csrf": csrf(client)})
    assert "wrong name or password" in r.text
    r = client.post("/login", data={"username": "ana", "password": PASSWORD, "csrf": "forged"})
    assert r.status_code == 403


def test_actions_without_the_csrf_token_are_refused(site):
    client, store = site
    login(client)
    [(flag, _)] = [r for r in open_flags(store, QueueFilter())[0] if r[0].found == "Hamah"]
    for path, data in ((f"/flags/{flag.id}/decide", {"action": "accept"}),
                       (f"/flags/{flag.id}/teach", {"what": "admitted", "version": 1}),
                       ("/tokens", {"name": "x"}), ("/logout", {})):
        assert client.post(path, data=data).status_code == 403
        assert client.post(path, data={**data, "csrf": "wrong"}).status_code == 403
    assert len(open_flags(store, QueueFilter())[0]) == 5


def test_an_editor_cannot_do_a_maintainers_actions(site):
    client, store = site
    login(client, "eddie")
    [(flag, _)] = [r for r in open_flags(store, QueueFilter())[0] if r[0].found == "Hamah"]
    token = csrf(client, f"/flags/{flag.id}")
    page = client.get(f"/flags/{flag.id}").text
    assert "Teach the glossary" not in page
    assert client.post(f"/flags/{flag.id}/teach", data={"what": "admitted", "version": 1, "csrf": token}).status_code == 403
    assert client.get("/tokens").status_code == 403
    # ... but may decide on flags.
    r = client.post(f"/flags/{flag.id}/decide", data={"action": "reject", "reason": "a town", "csrf": token})
    assert r.status_code == 200 and len(open_flags(store, QueueFilter())[0]) == 4


def test_hostile_text_is_escaped_on_every_page(site):
    client, store = site
    login(client)
    hostile = next(a for f, a in open_flags(store, QueueFilter())[0] if a.outlet == "<b>Outlet</b>")
    flag_id = next(f.id for f, a in open_flags(store, QueueFilter())[0] if a.id == hostile.id)
    for path in ("/", f"/flags/{flag_id}", f"/articles/{hostile.id}", "/stats"):
        html = client.get(path).text
        assert "<script>window.pwned" not in html and "<img src=x" not in html and "<svg" not in html
        assert "<b>Outlet</b>" not in html
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in client.get(f"/articles/{hostile.id}").text


def test_security_headers(site):
    client, _ = site
    headers = client.get("/login").headers
    assert "script-src 'self'" in headers["content-security-policy"] and headers["x-frame-options"] == "DENY"
    cookie = client.cookies.jar
    assert any(c.name == "newsqa_session" for c in cookie)


def test_accept_edit_and_export(site):
    client, store = site
    login(client)
    rows = open_flags(store, QueueFilter())[0]
    kissel = next(f for f, a in rows if f.found == "Sergei Kissel" and a.outlet == "Vijesti")
    katiab = next(f for f, a in rows if f.found == "Katiab Hezbollah")
    token = csrf(client, f"/flags/{kissel.id}")
    client.post(f"/flags/{kissel.id}/decide", data={"action": "accept", "csrf": token})
    client.post(f"/flags/{katiab.id}/decide", data={"action": "edit", "replacement": "Kata'ib Hezbollah", "csrf": token})
    data = client.get(f"/articles/{kissel.article_id}/export.json").json()
    [t] = data["translations"]
    assert "Sergei Kisel, the general" in t["corrected"] and "Kata'ib Hezbollah and Fatemiyun" in t["corrected"]
    assert "Sergei Kissel" in t["original"] and t["corrections"] == 2
    assert {d["action"] for d in t["decisions"]} == {"accept", "edit"}
    text = client.get(f"/articles/{kissel.article_id}/export.txt")
    assert "Sergei Kisel, the general" in text.text and "attachment" in text.headers["content-disposition"]


def test_a_rejected_span_is_not_flagged_again_on_recheck(site):
    client, store = site
    login(client)
    hamah = next(f for f, a in open_flags(store, QueueFilter())[0][::-1] if f.found == "Hamah")
    client.post(f"/flags/{hamah.id}/decide", data={"action": "reject", "csrf": csrf(client, "/")})
    from newsqa.qa import Status
    from newsqa.tasks import pipeline
    from newsqa.tasks.glossary_store import GlossaryStore
    GlossaryStore(store).add_term("homs", "en", "Hims", Status.ADMITTED, "ana")  # a new glossary version
    pipeline.recheck(store, hamah.article_id)
    found = {f.found for f in store.flags(hamah.article_id)}
    assert "Hamah" not in found and "Sergei Kissel" in found  # flagged anew, but not the rejected span
    assert HOSTILE_TEXT in store.get(hamah.article_id).body


def test_sentences_align_and_the_flag_page_shows_the_context():
    from newsqa.web.text import around_focus, sentences, side_by_side
    source = "Prva rečenica. Borci Hašd al-Šabija su ušli. Treća!\nČetvrta."
    translation = "First sentence. Fighters of al-Shabaab entered. Third!\nFourth."
    assert [translation[a:b] for a, b in sentences(translation)] == [
        "First sentence.", "Fighters of al-Shabaab entered.", "Third!", "Fourth."]
    start = translation.index("al-Shabaab")
    rows = side_by_side(source, translation, (start, start + 10), (source.index("Hašd"), source.index(" su")))
    assert [r.focus for r in rows] == [False, True, False, False]
    assert rows[1].translation == [("Fighters of ", False), ("al-Shabaab", True), (" entered.", False)]
    assert rows[1].source[1] == ("Hašd al-Šabija", True)
    shown, trimmed = around_focus(rows, context=1)
    assert len(shown) == 3 and trimmed


def test_a_flag_for_a_name_outside_the_glossary_says_so(site):
    from newsqa.qa.flags import Flag

    client, store = site
    login(client)
    article = next(a for _, a in open_flags(store, QueueFilter())[0] if a.outlet == "Vijesti")
    translation = store.translations(article.id, article.revision)[-1]
    flag = Flag("name:Abas Aragchi", "unverified_name", 0, 5, translation.text[:5], None, 0.4,
                "an unattested romanisation", "unverified-name")
    store.save_flags(article.id, translation.id, [flag], store.get(article.id).checked_glossary, "checker 2")
    row = next(f for f in store.flags(article.id) if f.entity == "name:Abas Aragchi")
    page = client.get(f"/flags/{row.id}").text
    assert "A name the glossary does not know (Abas Aragchi" in page and "no longer in the glossary" not in page
