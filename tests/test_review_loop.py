"""The review loop keeps editors' work (issue 14): decisions survive re-checks, exports agree, stale
pages cannot act, every flag has a way out, and errors a person sees are pages (a real SQLite store)."""

from __future__ import annotations

import re

import pytest

from newsqa.qa import Status
from newsqa.tasks import checking, pipeline, review
from newsqa.tasks.articles import parse_article
from newsqa.tasks.glossary_store import GlossaryStore
from newsqa.tasks.review import QueueFilter, open_flags
from tests.web_fixtures import PASSWORD, csrf, login, site  # noqa: F401 (site: a fixture)

# A Serbian article with a publisher translation that misspells one name, romanises another the
# Slavic way inside "But Hamenei", and drops a third (Hama): three flags on the publisher's text.
PUBLISHED = {"text": "Hezbolah je saopštio da je Sergej Kisel stigao u Hamu. Ajatolah Hamnei je govorio u Teheranu.",
             "language": "sr", "outlet": "Danas", "url": "https://example.rs/published",
             "translation": "Hezbollah said that Sergei Kissel arrived. But Hamenei spoke in Tehran."}


def open_found(store) -> list[tuple[str, str | None]]:
    return sorted((a.outlet or "", f.found or "") for f, a in open_flags(store, QueueFilter())[0])


def flag_by(store, found, outlet=None):
    return next(f for f, a in open_flags(store, QueueFilter())[0] if f.found == found and (outlet is None or a.outlet == outlet))


def published_article(store) -> int:
    aid = store.accept(parse_article(PUBLISHED)).id
    assert pipeline.process(store, aid) == "processed"
    return aid


def test_decisions_survive_recheck_a_glossary_edit_and_a_worker_restart(site):
    client, store = site
    login(client)
    token = csrf(client, "/")
    kissel, katiab, hashd = flag_by(store, "Sergei Kissel", "Vijesti"), flag_by(store, "Katiab Hezbollah"), \
        flag_by(store, "Hashd al-Shabaab")
    client.post(f"/flags/{kissel.id}/decide", data={"action": "accept", "csrf": token})
    client.post(f"/flags/{katiab.id}/decide", data={"action": "edit", "replacement": "Kata'ib Hezbollah", "csrf": token})
    client.post(f"/flags/{hashd.id}/decide", data={"action": "reject", "reason": "quoted as written", "csrf": token})
    still_open = open_found(store)
    assert len(still_open) == 2
    seed_id = kissel.article_id

    def unchanged():
        assert open_found(store) == still_open
        text, applied = review.corrected_text(store, kissel.translation_id)
        assert applied == 2 and "Sergei Kisel, the general" in text and "Kata'ib Hezbollah" in text
        by_rule = {r["rule"]: r["decided"] for r in review.stats(store)["by_rule"]}
        assert sum(by_rule.values()) == 3, by_rule

    pipeline.recheck(store, seed_id)                      # newsqa recheck, same glossary
    unchanged()
    # Teach the glossary from the page (Hamah, in the other article): a new glossary version.
    hamah = flag_by(store, "Hamah")
    version = GlossaryStore(store).entity("hama")[1]
    client.post(f"/flags/{hamah.id}/teach", data={"what": "admitted", "version": version, "csrf": token})
    still_open.remove(("<b>Outlet</b>", "Hamah"))
    pipeline.recheck(store, seed_id)                      # the seed article under the new glossary
    assert store.get(seed_id).checked_glossary != kissel.glossary_version
    unchanged()
    GlossaryStore(store).add_term("homs", "en", "Hims", Status.ADMITTED, "ana")  # another edit, CLI side
    checking._cache.clear()                               # a worker restart: the checker is built anew
    from click.testing import CliRunner
    from newsqa.cli import main
    r = CliRunner().invoke(main, ["recheck", "--db", store.url])   # newsqa recheck: every article
    assert r.exit_code == 0 and "re-checked" in r.output, r.output
    unchanged()
    # The carried decisions are on the current flags, and an editor may still change one.
    current_kissel = next(f for f in store.flags(seed_id) if f.found == "Sergei Kissel")
    assert current_kissel.id != kissel.id
    assert review.flag_context(store, current_kissel.id).decisions[0].action == "accept"


@pytest.mark.apertium
def test_a_changed_suggestion_asks_again_and_the_new_answer_wins(site):
    client, store = site
    login(client)
    token = csrf(client, "/")
    kissel = flag_by(store, "Sergei Kissel", "Vijesti")
    client.post(f"/flags/{kissel.id}/decide", data={"action": "accept", "csrf": token})
    glossary = GlossaryStore(store)
    glossary.add_term("sergei-kisel", "en", "Sergei Kiselev", Status.PREFERRED, "ana", force=True)
    glossary.set_status("sergei-kisel", "en", "Sergei Kisel", Status.ADMITTED, "ana")
    pipeline.recheck(store, kissel.article_id)
    again = flag_by(store, "Sergei Kissel", "Vijesti")       # open again: the suggestion is new
    assert again.suggestion == "Sergei Kiselev" and again.id != kissel.id
    assert "Sergei Kisel, the general" in review.corrected_text(store, kissel.translation_id)[0]  # kept meanwhile
    r = client.post(f"/flags/{again.id}/decide", data={"action": "accept", "csrf": token})
    assert f"flag {again.id} accepted" in r.text
    text, applied = review.corrected_text(store, kissel.translation_id)
    assert "Sergei Kiselev, the general" in text and applied == 1


def test_text_export_is_the_corrected_publisher_translation(site):
    client, store = site
    login(client)
    aid = published_article(store)
    token = csrf(client, "/")
    client.post(f"/flags/{flag_by(store, 'Sergei Kissel', 'Danas').id}/decide", data={"action": "accept", "csrf": token})
    client.post(f"/flags/{flag_by(store, 'Hamenei').id}/decide",
                data={"action": "edit", "replacement": "Khamenei", "csrf": token})
    data = client.get(f"/articles/{aid}/export.json").json()
    text = client.get(f"/articles/{aid}/export.txt").text
    assert data["published"]["engine"] == "publisher" and data["published"]["corrections"] == 2
    assert text == data["published"]["text"] + "\n"
    assert "Sergei Kisel arrived" in text and "Khamenei spoke" in text
    page = client.get(f"/articles/{aid}").text              # the article page says which text is exported
    assert re.search(r"<h2>publisher <span[^>]*>-</span> <span class=\"exported\">the exported text</span></h2>", page)


def test_a_stale_or_decided_flag_page_shows_its_state_and_cannot_act(site):
    client, store = site
    login(client)
    token = csrf(client, "/")
    old = flag_by(store, "Sergei Kissel", "Vijesti")
    GlossaryStore(store).add_term("homs", "en", "Hims", Status.ADMITTED, "ana")
    pipeline.recheck(store, old.article_id)
    current = next(f for f in store.flags(old.article_id) if f.found == "Sergei Kissel")
    page = client.get(f"/flags/{old.id}").text
    assert "replaced by a newer check" in page and f"/flags/{current.id}" in page and 'id="accept"' not in page
    r = client.post(f"/flags/{old.id}/decide", data={"action": "accept", "csrf": token})
    assert "not done" in r.text
    assert review.corrected_text(store, current.translation_id)[1] == 0      # the text did not change
    assert ("Vijesti", "Sergei Kissel") in open_found(store)                 # and the current flag is open
    # A decided flag shows the decision and the corrected sentence, without live buttons.
    client.post(f"/flags/{current.id}/decide", data={"action": "accept", "csrf": token})
    page = client.get(f"/flags/{current.id}").text
    assert "Decided: accept by ana" in page and 'id="accept"' not in page and 'id="reject"' not in page
    assert re.search(r"<mark[^>]*>Sergei Kisel</mark>", page)
    r = client.post(f"/flags/{current.id}/decide", data={"action": "reject", "csrf": token})
    assert "not done" in r.text and "already decided" in r.text


@pytest.mark.apertium
def test_a_missing_name_is_resolved_by_editing_the_whole_sentence(site):
    client, store = site
    login(client)
    aid = published_article(store)
    token = csrf(client, "/")
    kissel = flag_by(store, "Sergei Kissel", "Danas")
    client.post(f"/flags/{kissel.id}/decide", data={"action": "accept", "csrf": token})
    missing = next(f for f in store.flags(aid) if f.kind == "missing")
    page = client.get(f"/flags/{missing.id}").text
    # The sentence to rewrite reads as corrected so far (the accepted Kisel in it).
    assert re.search(r'<textarea name="sentence" id="sentence"[^>]*>Hezbollah said that Sergei Kisel arrived.</textarea>', page)
    client.post(f"/flags/{missing.id}/decide", data={
        "action": "sentence", "sentence": "Hezbollah said that Sergei Kisel arrived in Hama.", "csrf": token})
    hamenei = flag_by(store, "Hamenei")
    client.post(f"/flags/{hamenei.id}/decide", data={
        "action": "sentence", "sentence": "Ayatollah Khamenei spoke in Tehran.", "csrf": token})
    data = client.get(f"/articles/{aid}/export.json").json()
    assert data["published"]["text"] == "Hezbollah said that Sergei Kisel arrived in Hama. Ayatollah Khamenei spoke in Tehran."
    assert not [f for f, a in open_flags(store, QueueFilter())[0] if a.id == aid]   # every flag closed
    r = client.post(f"/flags/{hamenei.id}/decide", data={"action": "edit", "replacement": "x", "csrf": token})
    assert "not done" in r.text and "already decided" in r.text


@pytest.mark.apertium
def test_a_rewritten_sentence_supersedes_the_corrections_inside_it_only(site):
    client, store = site
    login(client)
    aid = published_article(store)
    token = csrf(client, "/")
    hamenei = flag_by(store, "Hamenei")
    client.post(f"/flags/{hamenei.id}/decide", data={"action": "edit", "replacement": "Khamenei", "csrf": token})
    missing = next(f for f in store.flags(aid) if f.kind == "missing")
    r = client.post(f"/flags/{missing.id}/decide", data={
        "action": "sentence", "sentence": "Hezbollah said that Sergei Kisel arrived in Hama.", "csrf": token})
    assert f"flag {missing.id} corrected" in r.text
    data = client.get(f"/articles/{aid}/export.json").json()
    assert data["published"]["text"] == "Hezbollah said that Sergei Kisel arrived in Hama. But Khamenei spoke in Tehran."
    # In the order the store gives them (a sentence before what it holds), the held one is superseded.
    text, where = review.apply("one two. three", [review.Correction(1, 0, 8, "ONE TWO."),
                                                  review.Correction(2, 4, 7, "2")])
    assert text == "ONE TWO. three" and list(where) == [1]


def test_errors_a_person_sees_are_pages(site):
    client, store = site
    login(client, "eddie")
    hamah = flag_by(store, "Hamah")
    token = csrf(client, f"/flags/{hamah.id}")
    r = client.post(f"/flags/{hamah.id}/teach", data={"what": "admitted", "version": 1, "csrf": token})
    assert r.status_code == 403 and r.headers["content-type"].startswith("text/html")
    assert "only a glossary maintainer" in r.text and "<h1>" in r.text
    r = client.get(f"/flags/{hamah.id}/decide")
    assert r.status_code == 405 and r.headers["content-type"].startswith("text/html")
    r = client.get("/?min_confidence=0,9")
    assert r.status_code == 200 and 'value="0.9"' in r.text
    r = client.get("/?min_confidence=lots")
    assert r.status_code == 422 and r.headers["content-type"].startswith("text/html") and "min_confidence" in r.text
    for path in ("/flags/99999999", "/articles/99999999", "/articles/99999999/export.txt",
                 "/articles/99999999/export.json"):
        r = client.get(path)
        assert r.status_code == 404 and r.headers["content-type"].startswith("text/html"), path
    # The API keeps JSON errors.
    assert client.get("/api/articles/1").headers["content-type"].startswith("application/json")


def test_a_session_that_ended_with_a_form_open_keeps_the_typed_reason(site):
    client, store = site
    login(client, "eddie")
    hamah = flag_by(store, "Hamah")
    token = csrf(client, f"/flags/{hamah.id}")
    client.cookies.clear()                                  # the session ended (expired, or the server restarted)
    r = client.post(f"/flags/{hamah.id}/decide", data={"action": "reject", "reason": "a town in Syria", "csrf": token},
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/login?next=/flags/{hamah.id}"
    r = client.post("/login", data={"username": "eddie", "password": PASSWORD, "next": f"/flags/{hamah.id}",
                                    "csrf": csrf(client, r.headers["location"])})
    assert r.status_code == 200 and 'value="a town in Syria"' in r.text
    assert ("<b>Outlet</b>", "Hamah") in open_found(store)          # nothing was decided unseen
