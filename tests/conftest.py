"""Shared fixtures, and the markers that sort the tests into kinds (see pyproject.toml).

``services`` is put on every test that uses PostgreSQL or Redis (by its fixtures), so the fast
subset, ``pytest -m "not (services or apertium or browser or eval or model or slow)"``, needs
nothing running. A test marked ``apertium`` is skipped where Apertium is not installed, except in
CI (``CI=true``), where a missing engine must fail, never skip.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from newsqa.qa import Checker, Entity, Glossary, Status, Term, load_glossary

ROOT = Path(__file__).resolve().parent.parent
SEED_GLOSSARY = ROOT / "seeds" / "glossary.tbx"
SEED_ARTICLE = ROOT / "seeds" / "syria-offensive-2024-12-01.en.txt"

P, A, D, S = Status.PREFERRED, Status.ADMITTED, Status.DEPRECATED, Status.SUPERSEDED


@pytest.fixture(autouse=True)
def _index_files_in_the_test_folder(monkeypatch, tmp_path_factory):
    """Shared glossary index files go to this run's temporary folder, never the user's cache."""
    monkeypatch.setenv("NEWSQA_INDEX_DIR", str(tmp_path_factory.getbasetemp() / "index-files"))


def build(rows: list[tuple[str, str, list[tuple[str, str, Status]]]]) -> Glossary:
    glossary = Glossary(title="test")
    for eid, etype, terms in rows:
        glossary.add(Entity(eid, etype, terms=[Term(text, lang, status) for lang, text, status in terms]))
    return glossary


# A glossary of its own, so the rule tests do not lean on the shipped seed glossary.
TEST_ROWS = [
    ("muqtada-al-sadr", "person", [("en", "Muqtada al-Sadr", P), ("en", "Moqtada al-Sadr", A),
                                   ("sr-Latn", "Muktada al-Sadr", P), ("sr-Cyrl", "Муктада ал-Садр", P)]),
    ("masoud-barzani", "person", [("en", "Masoud Barzani", P), ("sr-Latn", "Masud Barzani", P)]),
    ("hakan-fidan", "person", [("en", "Hakan Fidan", P), ("sr-Latn", "Hakan Fidan", P)]),
    ("abbas-araghchi", "person", [("en", "Abbas Araghchi", P), ("sr-Latn", "Abas Arakči", P),
                                  ("sr-Cyrl", "Абас Аракчи", P)]),
    ("nujaba", "organization", [("en", "Harakat Hezbollah al-Nujaba", P), ("en", "al-Nujaba", A),
                                ("en", "Hezbollah al-Nujabaa", D), ("sr-Latn", "Pokret Hezbolah al-Nudžaba", P)]),
    ("hezbollah", "organization", [("en", "Hezbollah", P), ("en", "Hizbullah", A), ("sr-Latn", "Hezbolah", P),
                                   ("sr-Cyrl", "Хезболах", P), ("mk", "Хезболах", P)]),
    ("hamas", "organization", [("en", "Hamas", P), ("sr-Latn", "Hamas", P)]),
    ("basra", "place", [("en", "Basra", P), ("en", "Basrah", A), ("en", "Bassorah", S),
                        ("sr-Latn", "Basra", P)]),
    ("sinjar", "place", [("en", "Sinjar", P), ("sr-Latn", "Sindžar", P), ("sr-Cyrl", "Синџар", P)]),
    ("kirkuk", "place", [("en", "Kirkuk", P), ("sr-Latn", "Kirkuk", P), ("mk", "Киркук", P)]),
    ("jordan", "place", [("en", "Jordan", P), ("sr-Latn", "Jordan", P), ("mk", "Јордан", P)]),
    ("hama", "place", [("en", "Hama", P), ("sr-Latn", "Hama", P), ("sr-Cyrl", "Хама", P)]),
    ("ankara", "place", [("en", "Ankara", P), ("sr-Latn", "Ankara", P)]),
    ("mosul", "place", [("en", "Mosul", P), ("sr-Latn", "Mosul", P), ("sr-Cyrl", "Мосул", P)]),
    ("united-states", "place", [("en", "United States", P), ("en", "US", A), ("sr-Latn", "SAD", A)]),
    ("turkey", "place", [("en", "Turkey", P), ("en", "Türkiye", A), ("sr-Latn", "Turska", P),
                         ("mk", "Турција", P)]),
    ("egypt", "place", [("en", "Egypt", P), ("sr-Latn", "Egipat", P)]),
]


@pytest.fixture(scope="session")
def glossary() -> Glossary:
    return build(TEST_ROWS)


@pytest.fixture(scope="session")
def checker(glossary: Glossary) -> Checker:
    return Checker(glossary)


@pytest.fixture(scope="session")
def seed_checker() -> Checker:
    return Checker(load_glossary(SEED_GLOSSARY))


# ---- markers --------------------------------------------------------------------------------

SERVICE_FIXTURES = {"pg_url", "redis_url"}


def pytest_collection_modifyitems(config, items):
    apertium_missing = shutil.which("apertium") is None and os.environ.get("CI") != "true"
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        if SERVICE_FIXTURES & set(item.fixturenames) or params.get("store_url") == "postgresql":
            item.add_marker(pytest.mark.services)
        if apertium_missing and item.get_closest_marker("apertium"):
            item.add_marker(pytest.mark.skip(reason="Apertium is not installed here (CI installs it)"))


# ---- services -------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def pg_url():
    from tests.services import postgres_database

    with postgres_database() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """Each store test runs on both databases; PostgreSQL gets a clean schema per test."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite3'}"
    url = request.getfixturevalue("pg_url")
    from sqlalchemy import create_engine, text
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    return url


@pytest.fixture(scope="session")
def redis_url():
    from tests.services import private_redis

    with private_redis() as (url, _proc):
        yield url
