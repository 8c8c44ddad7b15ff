"""Hostile and malformed input: a clear error, or processed safely; never a crashed worker."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest
from fastapi.testclient import TestClient

from newsqa.client import submit
from newsqa.web import create_app
from newsqa.qa import Checker, Status
from newsqa.tasks.articles import BadArticle
from newsqa.tasks.glossary_store import GlossaryStore
from tests.reliability.harness import wait_final
from tests.reliability.test_faults import cluster, pg, redis_server  # noqa: F401  (fixtures)
from tests.services import free_port

pytestmark = pytest.mark.services

TWENTY_MB = "Hezbollah " * 2_000_000


@pytest.fixture
def api(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSQA_API_TOKENS", "t")
    monkeypatch.setenv("NEWSQA_BROKER_URL", f"redis://127.0.0.1:{free_port()}/0")
    with TestClient(create_app(f"sqlite:///{tmp_path / 'bad.sqlite3'}")) as client:
        yield client


AUTH = {"Authorization": "Bearer t", "Content-Type": "application/json"}


@pytest.mark.parametrize("body, status, words", [
    (b'{"text": ""}', 422, "at least 1 character"),
    (b'{"text": "   \\n\\t  "}', 422, "at least 1 character"),
    (json.dumps({"text": TWENTY_MB}).encode(), 422, "at most 2000000 characters"),
    (bytes(range(256)), (400, 422), None),
    (b'{"text": "Caf\xe9"}', (400, 422), None),
    (b'{"text": "a\\u0000b"}', 422, "NUL"),
    (b'[1, 2, 3]', 422, "object"),
])
def test_the_api_answers_bad_input_clearly(api, body, status, words):
    r = api.post("/api/articles", content=body, headers=AUTH)
    assert r.status_code in (status if isinstance(status, tuple) else (status,)), r.text
    assert r.json()["detail"]
    if words:
        assert words.lower() in r.text.lower()


def test_the_cli_and_the_client_refuse_bad_input_clearly(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSQA_DATABASE_URL", f"sqlite:///{tmp_path / 'c.sqlite3'}")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)))
    (tmp_path / "big.json").write_text(json.dumps({"text": TWENTY_MB}))
    for name, words in (("binary.txt", "not UTF-8"), ("big.json", "at most 2000000 characters")):
        r = subprocess.run([sys.executable, "-m", "newsqa", "submit", "--no-queue", str(tmp_path / name)],
                           capture_output=True, text=True)
        assert r.returncode == 1 and words in r.stderr and "Traceback" not in r.stderr
    with pytest.raises(BadArticle, match="text"):
        submit("   ", queue=False)


WEIRD = {
    "mixed scripts": "Hezbollah и Хезболах and حزب الله met Ankara 🇹🇷 officials; Κύπρος too.",
    "html with scripts": "<html><style>p{}</style><script>alert(1)</script><p>Fighters of Katiab Hezbollah.</p></html>",
    "bidi and zero-width": "\u202eFighters of Kat\u200biab Hezbollah\u202c left \u200f Idlib\ufeff.",
    "one huge word": "x" * 1_000_000 + " Katiab Hezbollah",
    "regex metacharacters": "Members of C++ (Group) [x]*.? met the Katiab Hezbollah envoy.",
    "only markup": "<div><style>p{}</style> <script>x</script></div>",
}


def test_weird_but_valid_articles_go_through_a_real_worker(cluster, capsys):  # noqa: F811
    env, workers, store = cluster
    GlossaryStore(store).ensure_loaded()
    GlossaryStore(store).add_entity("cpp-group", "organization", None, "test", english="C++ (Group) [x]*.?")
    ids = {name: submit(text, language="en").id for name, text in WEIRD.items()}
    worker = workers.start("--beat")
    wait_final(store, list(ids.values()), 180, workers)
    states = {name: store.get(i).state for name, i in ids.items()}
    assert states.pop("only markup") == "dead"
    assert set(states.values()) == {"processed"}, states
    html = store.get(ids["html with scripts"])
    assert "alert" not in html.text and "Katiab Hezbollah" in html.text
    found = {f.found for f in store.flags(ids["regex metacharacters"])}
    assert "Katiab Hezbollah" in found
    assert worker.poll() is None, "the worker must survive all of it"
    with capsys.disabled():
        print("\n[reliability] bad input: " + json.dumps({n: store.get(i).state for n, i in ids.items()}))


def test_a_glossary_term_full_of_regex_metacharacters_is_matched_literally():
    from tests.conftest import build
    checker = Checker(build([("g", "organization", [("en", "C++ (Group) [x]*.?", Status.PREFERRED)]),
                             ("h", "organization", [("en", "Hezbollah", Status.PREFERRED)])]))
    assert checker.check("Members of C++ (Group) [x]*.? and Hezbolah.")[0].entity == "h"
    start = time.perf_counter()
    checker.check("y" * 2_000_000)
    assert time.perf_counter() - start < 30  # finishes (a generous bound, not a benchmark)
