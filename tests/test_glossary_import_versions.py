"""Importing an older export does not revert newer edits (issue 14): exports carry each entity's
version, and an entity edited since is left out of the import and reported, unless --force."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newsqa.cli import main
from newsqa.qa import load_glossary
from tests.conftest import SEED_GLOSSARY


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSQA_DATABASE_URL", f"sqlite:///{tmp_path / 'g.sqlite3'}")
    monkeypatch.setenv("NEWSQA_GLOSSARY", str(SEED_GLOSSARY))
    return tmp_path


def g(*args):
    return CliRunner().invoke(main, ["glossary", *args])


def status_of(text: str, entity: str = "hama") -> str:
    return next(t["status"] for t in json.loads(g("show", entity, "--json").output)["terms"] if t["text"] == text)


@pytest.mark.parametrize("name", ["old.tbx", "old.csv"])
def test_an_older_export_does_not_revert_a_newer_edit(env, name):
    assert g("add-term", "hama", "en", "Hamah", "--actor", "ana").exit_code == 0
    assert g("export", str(env / name)).exit_code == 0
    assert g("set-status", "hama", "en", "Hamah", "deprecated", "--actor", "ivan").exit_code == 0
    r = g("import", str(env / name), "--actor", "ana")
    assert r.exit_code == 0, r.output
    assert "! conflict hama: changed in the store since the file was exported" in r.output
    assert "1 left out as conflicts" in r.output
    assert status_of("Hamah") == "deprecated"
    # --force applies the old copy, on purpose.
    assert g("import", str(env / name), "--force").exit_code == 0
    assert status_of("Hamah") == "admitted"


def test_an_export_imports_cleanly_and_its_versions_are_not_stored(env):
    assert g("export", str(env / "now.tbx")).exit_code == 0
    assert load_glossary(env / "now.tbx")["hama"].fields["admin:newsqa-version"] == "1"
    r = g("import", str(env / "now.tbx"))
    assert r.exit_code == 0 and "conflict" not in r.output
    assert "newsqa-version" not in g("show", "hama", "--json").output
    # A file without versions (from elsewhere) merges as before.
    r = g("import", str(SEED_GLOSSARY))
    assert r.exit_code == 0 and "conflict" not in r.output
