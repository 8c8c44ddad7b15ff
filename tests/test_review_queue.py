"""A day's queue (issue 14): paging, sorting, search, groups with one decision, ignore rules, rule
switches, the resolved view and the flag list export (a real SQLite store, over HTTP)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient

from newsqa.tasks import audit, pipeline
from newsqa.tasks.models import Decision
from newsqa.tasks.review_queue import QueueFilter, csv_safe, queue
from newsqa.web import create_app
from tests.conftest import SEED_GLOSSARY
from tests.web_fixtures import csrf, login
from tests.web_fixtures import fill, fill_day


@pytest.fixture(scope="module")
def day_db(tmp_path_factory):
    """One filled store for the module's tests to copy (filling takes the time)."""
    mp = pytest.MonkeyPatch()
    mp.setenv("NEWSQA_GLOSSARY", str(SEED_GLOSSARY))
    path = tmp_path_factory.mktemp("day") / "day.sqlite3"
    store = fill(f"sqlite:///{path}")
    fill_day(store, 40)
    store.engine.dispose()
    mp.undo()
    return path


@pytest.fixture
def site(day_db, tmp_path, monkeypatch):
    import shutil
    monkeypatch.setenv("NEWSQA_GLOSSARY", str(SEED_GLOSSARY))
    path = tmp_path / "web.sqlite3"
    shutil.copy(day_db, path)
    url = f"sqlite:///{path}"
    with TestClient(create_app(url)) as client:
        yield client, client.app.state.store


def test_paging_sorting_and_search(site):
    client, store = site
    login(client)
    total = queue(store, QueueFilter()).total
    assert 50 < total <= 100
    first = client.get("/").text
    assert f'<span class="count">{total}</span>' in first and "page 1 of" in first and 'id="next-page"' in first
    assert first.count("<tr data-href") == 50
    second = client.get("/?page=2").text
    assert "page 2 of 2" in second and second.count("<tr data-href") == total - 50 and 'id="next-page"' not in second
    # Sorting by confidence, ascending: the first row has the lowest confidence.
    rows = queue(store, QueueFilter(sort="confidence", desc=False, limit=5)).rows
    assert [r[0].confidence for r in rows] == sorted(r[0].confidence for r in rows)
    assert rows[0][0].confidence == min(f.confidence for f, _, _ in queue(store, QueueFilter(limit=10**6)).rows)
    # Search finds text in the translation (every flag of an article mentioning Idlib).
    found = queue(store, QueueFilter(q="idlib", limit=10**6))
    assert found.total and all("Idlib" in a.text for _, a, _ in found.rows)
    assert 0 < found.total < total


def test_a_group_decision_gives_every_article_its_own_record(site):
    client, store = site
    login(client)
    page = client.get("/?view=groups&outlet=Danas").text
    assert "Accept all" in page and "Sergei Kissel" in page
    before = queue(store, QueueFilter(outlet="Danas", limit=10**6))
    kissel = [f for f, _, _ in before.rows if f.found == "Sergei Kissel"]
    assert len(kissel) >= 10
    r = client.post("/groups/decide", data={"action": "accept", "entity": "sergei-kisel", "kind": "near_miss",
                                            "found": "Sergei Kissel", "suggestion": "Sergei Kisel",
                                            "back_query": "view=groups&outlet=Danas", "csrf": csrf(client, "/")})
    assert f"{len(kissel)} flags accepted" in r.text and "outlet=Danas" in str(r.url)
    with store.session() as s:
        decided = s.query(Decision).filter(Decision.flag_id.in_([f.id for f in kissel])).all()
    assert len(decided) == len(kissel) and len({d.article_id for d in decided}) == len(kissel)
    # Other outlets' Kissel flags stay open: the decision followed the filter.
    assert any(f.found == "Sergei Kissel" for f, _, _ in queue(store, QueueFilter(outlet="Nova")).rows)
    resolved = client.get("/?state=resolved&outlet=Danas").text
    assert "accept by ana" in resolved


def test_an_ignore_rule_carries_across_articles_and_is_audited(site):
    client, store = site
    login(client)
    hamah = [f for f, _, _ in queue(store, QueueFilter(limit=10**6)).rows if f.found == "Hamah"]
    assert len(hamah) > 10
    r = client.post(f"/flags/{hamah[0].id}/ignore", data={"scope": "all", "reason": "the town's own spelling",
                                                          "csrf": csrf(client, "/")})
    assert f"{len(hamah)} open flags closed" in r.text
    assert not [f for f, _, _ in queue(store, QueueFilter(limit=10**6)).rows if f.found == "Hamah"]
    # New articles are not flagged for it either; other findings in them are.
    from newsqa.tasks.articles import parse_article
    aid = store.accept(parse_article({"text": "Fighters loyal to Sergei Kissel were seen in Hamah on Monday, officials said.", "language": "en",
                                      "outlet": "Nova"})).id
    assert pipeline.process(store, aid) == "processed", store.get(aid).error
    assert {f.found for f in store.flags(aid)} == {"Sergei Kissel"}
    entry = audit.entries(store)[0]
    assert entry.action == "ignore-add" and entry.actor == "ana" and entry.detail["closed"] == len(hamah)
    assert "the town" in client.get("/rules").text
    # Removed, the rule stays on record and the form is flagged again in articles checked anew.
    rule_id = entry.detail["rule"]
    r = client.post(f"/rules/ignore/{rule_id}/remove", data={"csrf": csrf(client, "/rules")})
    assert f"ignore rule {rule_id} removed" in r.text and audit.entries(store)[0].action == "ignore-remove"
    pipeline.recheck(store, aid)
    assert {f.found for f in store.flags(aid)} == {"Sergei Kissel", "Hamah"}


def test_an_ignore_rule_for_one_outlet(site):
    client, store = site
    login(client)
    any_flag = queue(store, QueueFilter(limit=1)).rows[0][0]
    r = client.post(f"/flags/{any_flag.id}/ignore", data={"scope": "galaxy", "csrf": csrf(client, "/")})
    assert "not done: where: “galaxy”" in r.text
    r = client.post("/groups/decide", data={"action": "edit", "entity": "hama", "kind": "transliteration",
                                            "csrf": csrf(client, "/")})
    assert "not done: a group can be accepted or rejected" in r.text
    rows = queue(store, QueueFilter(limit=10**6)).rows
    flag = next(f for f, a, _ in rows if f.found == "Hamah" and a.outlet == "Vijesti")
    client.post(f"/flags/{flag.id}/ignore", data={"scope": "outlet", "csrf": csrf(client, "/")})
    left = {a.outlet for f, a, _ in queue(store, QueueFilter(limit=10**6)).rows if f.found == "Hamah"}
    assert "Vijesti" not in left and "Danas" in left


def test_a_rule_switched_off_leaves_the_queue_and_the_checker(site):
    client, store = site
    login(client)
    assert queue(store, QueueFilter(kind="near_miss")).total
    r = client.post("/rules/near-miss/switch", data={"enabled": "0", "csrf": csrf(client, "/rules")})
    assert "switched off" in r.text
    assert queue(store, QueueFilter(kind="near_miss")).total == 0
    from newsqa.tasks.articles import parse_article
    aid = store.accept(parse_article({"text": "Fighters loyal to Sergei Kissel were seen in Hamah on Monday, officials said.", "language": "en"})).id
    assert pipeline.process(store, aid) == "processed"
    assert {f.rule for f in store.flags(aid)} == {"transliteration"}      # the worker left the rule out
    assert audit.entries(store)[0].action == "rule-off"
    r = client.post("/rules/no-such-rule/switch", data={"enabled": "0", "csrf": csrf(client, "/rules")})
    assert "not done: unknown rule" in r.text
    # Editors may not switch rules.
    client.post("/logout", data={"csrf": csrf(client, "/")})
    login(client, "eddie")
    assert client.post("/rules/near-miss/switch", data={"enabled": "1", "csrf": csrf(client, "/")}).status_code == 403


def test_the_flag_list_exports_with_the_filter_and_no_formulas(site):
    client, store = site
    login(client)
    r = client.get("/flags.csv?kind=transliteration")
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert rows and {row["kind"] for row in rows} == {"transliteration"}
    assert len(rows) == queue(store, QueueFilter(kind="transliteration")).total
    outlets = {row["outlet"] for row in rows}
    assert "'=cmd|' /C calc'!A0" in outlets and "=cmd|' /C calc'!A0" not in outlets
    data = json.loads(client.get("/flags.json?kind=transliteration").text)
    assert data["count"] == len(rows) and data["filter"] == {"kind": "transliteration"}
    assert csv_safe("+1") == "'+1" and csv_safe("-x") == "'-x" and csv_safe("@a") == "'@a" and csv_safe("ok") == "ok"


def test_after_a_decision_the_next_item_follows_the_filter(site):
    client, store = site
    login(client)
    rows = queue(store, QueueFilter(outlet="Nova", kind="transliteration", limit=10**6)).rows
    first, second = rows[0][0], rows[1][0]
    page = client.get(f"/flags/{first.id}?outlet=Nova&kind=transliteration").text
    assert 'name="back_query" value="outlet=Nova&amp;kind=transliteration"' in page
    r = client.post(f"/flags/{first.id}/decide", data={"action": "reject", "back_query": "outlet=Nova&kind=transliteration",
                                                       "csrf": csrf(client, "/")})
    assert str(r.url).endswith(f"/flags/{second.id}?outlet=Nova&kind=transliteration")


from hypothesis import given, settings, strategies as st  # noqa: E402

from newsqa.web.queue_pages import parse_filter  # noqa: E402

PARAM = st.sampled_from(["outlet", "language", "entity", "kind", "q", "min_confidence", "state", "sort", "desc",
                         "page", "view", "other"])


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(PARAM, st.text(max_size=12)))
def test_any_queue_parameters_are_a_filter_or_a_clear_error(params):
    try:
        f = parse_filter(params)
    except ValueError as exc:
        assert str(exc).split(":")[0] in ("min_confidence", "state", "sort", "page")
        return
    assert 0.0 <= f.min_confidence <= 1.0 and f.page >= 1
    assert parse_filter(f.params()) == f                 # the filter survives a round trip through a link


@given(st.text(max_size=20))
def test_no_exported_cell_starts_a_formula(text):
    cell = csv_safe(text)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")) and cell in (text, "'" + text)


def test_the_review_queries_on_sqlite_and_postgresql(store_url, monkeypatch):
    """Carried decisions, the queue, groups, the resolved view and the export, on both databases."""
    from newsqa.qa import Status
    from newsqa.tasks import review
    from newsqa.tasks.articles import parse_article
    from newsqa.tasks.glossary_store import GlossaryStore
    from newsqa.tasks.review_queue import export_rows, groups
    from newsqa.tasks.review_rules import add_ignore_rule, switch_rule
    from newsqa.tasks.store import Store

    monkeypatch.setenv("NEWSQA_GLOSSARY", str(SEED_GLOSSARY))
    store = Store(store_url)
    fill_day(store, 6)
    rows = queue(store, QueueFilter(limit=10**6)).rows
    kissel = [f for f, _, _ in rows if f.found == "Sergei Kissel"]
    review.decide(store, kissel[0].id, "accept", "ana")
    review.decide(store, kissel[1].id, "sentence", "ana", "Fighters loyal to Sergei Kisel left Hama.")
    GlossaryStore(store).add_term("homs", "en", "Hims", Status.ADMITTED, "ana")
    for article in {f.article_id for f in kissel[:2]}:
        pipeline.recheck(store, article)
    assert queue(store, QueueFilter()).total == len(rows) - 3    # two decided, one inside a rewritten sentence
    assert sum(r["decided"] for r in review.stats(store)["by_rule"]) == 2
    resolved = queue(store, QueueFilter(state="resolved", sort="confidence", desc=False))
    assert resolved.total == 3 and {d.carried_from is not None for _, _, d in resolved.rows} == {True}
    [group] = [g for g in groups(store, QueueFilter(q="fighters")) if g.found == "Hamah"]
    assert group.flags == 5 and group.articles == 5      # the rewritten sentence closed its Hamah flag too
    assert {d.action for _, _, d in queue(store, QueueFilter(state="resolved")).rows} == {"accept", "sentence",
                                                                                          "covered"}
    assert sum(r["decided"] for r in review.stats(store)["by_rule"]) == 2     # "covered" was not a judgement
    rule_id, closed = add_ignore_rule(store, "hama", "hamah", "Nova", None, "ana")
    assert closed >= 1 and not [f for f, a, _ in queue(store, QueueFilter(limit=10**6)).rows
                                if a.outlet == "Nova" and f.found == "Hamah"]
    switch_rule(store, "near-miss", False, "ana")
    assert {r["kind"] for r in export_rows(store, QueueFilter())} == {"transliteration"}
    store.engine.dispose()
