"""The store's index file: built once per machine, shared by processes, edits laid over it."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from newsqa import config
from newsqa.qa import Checker, Entity, Glossary, Status, Term
from newsqa.qa.index_file import MappedIndex
from newsqa.qa.overlay import OverlaidIndex
from newsqa.tasks import checking
from newsqa.tasks.checking import checker_for
from newsqa.tasks.glossary_store import GlossaryStore
from newsqa.tasks.store import Store

from .conftest import SEED_GLOSSARY

TEXTS = ["Officials in Hamah met Hezbolah envoys.", "Netanjahu spoke in Jerusalimu.", "Hama and Kiev."]


@pytest.fixture
def store(tmp_path, monkeypatch) -> Store:
    monkeypatch.setenv("NEWSQA_DATABASE_URL", f"sqlite:///{tmp_path / 'g.sqlite3'}")
    monkeypatch.setenv("NEWSQA_GLOSSARY", str(SEED_GLOSSARY))
    monkeypatch.setenv("NEWSQA_INDEX_DIR", str(tmp_path / "index"))
    checking._cache.clear()  # a fresh process
    return Store()


def folders() -> list[str]:
    return sorted(p.name for p in config.index_dir().iterdir() if p.is_dir())


def same_as_rebuilt(store: Store, checker: Checker) -> None:
    rebuilt = Checker(GlossaryStore(store).load())
    for text in TEXTS:
        assert checker.check(text) == rebuilt.check(text), text


def test_a_second_process_maps_the_same_file(store):
    first = checker_for(store)
    assert isinstance(first.index, MappedIndex) and len(folders()) == 1
    built = (config.index_dir() / folders()[0] / "meta.json").stat().st_mtime_ns
    checking._cache.clear()  # another worker process on the machine
    second = checker_for(store)
    assert second is not first and second.index.folder == first.index.folder
    assert (config.index_dir() / folders()[0] / "meta.json").stat().st_mtime_ns == built
    assert first.glossary_version == second.glossary_version == f"store {GlossaryStore(store).version()}"
    same_as_rebuilt(store, second)


def test_an_edit_is_laid_over_the_file_without_a_rebuild(store):
    before = checker_for(store)
    assert [f.found for f in before.check(TEXTS[0]) if f.found == "Hamah"] == ["Hamah"]
    GlossaryStore(store).add_term("hama", "en", "Hamah", Status.ADMITTED, "ana")
    after = checker_for(store)
    assert isinstance(after.index, OverlaidIndex) and len(folders()) == 1
    assert "Hamah" not in [f.found for f in after.check(TEXTS[0])]
    same_as_rebuilt(store, after)
    checking._cache.clear()  # a process started after the edit maps the file and lays the edit over it
    late = checker_for(store)
    assert isinstance(late.index, OverlaidIndex) and len(folders()) == 1
    same_as_rebuilt(store, late)


def test_an_import_or_too_many_edits_build_a_new_file(store, monkeypatch):
    checker_for(store)
    old = folders()
    incoming = Glossary({"zed": Entity("zed", "person", terms=[Term("Zed Qorbani", "en", Status.PREFERRED)])})
    GlossaryStore(store).import_glossary(incoming, actor="ana")
    after = checker_for(store)
    assert isinstance(after.index, MappedIndex) and folders() != old and len(folders()) == 1
    assert [f.found for f in after.check("Zed Qorbany said")] == ["Zed Qorbany"]
    monkeypatch.setenv("NEWSQA_INDEX_OVERLAY", "0")
    GlossaryStore(store).add_term("hama", "en", "Hamah", Status.ADMITTED, "ana")
    rebuilt = checker_for(store)
    assert isinstance(rebuilt.index, MappedIndex) and len(folders()) == 1
    same_as_rebuilt(store, rebuilt)


def _check_in_a_process(url: str, index_dir: str, out) -> None:
    import os
    os.environ["NEWSQA_INDEX_DIR"] = index_dir
    checker = checker_for(Store(url))
    out.put((str(checker.index.folder), [f.found for f in checker.check(TEXTS[0])]))


def test_processes_that_start_together_build_one_file(store, tmp_path):
    GlossaryStore(store).ensure_loaded()
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    workers = [context.Process(target=_check_in_a_process, args=(store.url, str(config.index_dir()), out))
               for _ in range(3)]
    for w in workers:
        w.start()
    results = [out.get(timeout=120) for _ in workers]
    for w in workers:
        w.join(timeout=30)
    assert len({folder for folder, _ in results}) == 1 and len(folders()) == 1
    assert all(found == results[0][1] for _, found in results) and "Hamah" in results[0][1]
    assert Path(results[0][0]).parent == config.index_dir()


def test_the_cli_builds_the_file_workers_then_map(store):
    from click.testing import CliRunner

    from newsqa.cli import main

    result = CliRunner().invoke(main, ["glossary", "index", "--processes", "2"])
    assert result.exit_code == 0, result.output
    assert "entities" in result.output and len(folders()) == 1
    built = folders()
    again = CliRunner().invoke(main, ["glossary", "index"])
    assert again.exit_code == 0 and folders() == built  # up to date: kept
    assert str(checker_for(store).index.folder).endswith(built[0])


def test_an_unwritable_index_folder_still_checks_in_memory(store, tmp_path, monkeypatch, caplog):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the index folder should be")
    monkeypatch.setenv("NEWSQA_INDEX_DIR", str(blocker / "index"))
    checker = checker_for(store)
    assert "no shared glossary index" in caplog.text
    same_as_rebuilt(store, checker)
    GlossaryStore(store).add_term("hama", "en", "Hamah", Status.ADMITTED, "ana")
    after = checker_for(store)
    assert after is not checker and "Hamah" not in [f.found for f in after.check(TEXTS[0])]
    same_as_rebuilt(store, after)


def test_a_rule_switched_off_keeps_the_same_index(store):
    """The review page's rule switches give a new checker over the same mapped file, not a rebuild."""
    from newsqa.tasks.review_rules import switch_rule

    before = checker_for(store)
    assert "near-miss" in before.rules
    switch_rule(store, "near-miss", False, "ana")
    after = checker_for(store)
    assert "near-miss" not in after.rules and after.index is before.index and len(folders()) == 1
    assert after.known_word is not None  # the worker's dictionary still tells first words from names


def test_the_name_rules_see_an_edit_through_the_overlay(store):
    """An acronym and a source form added by an editor serve the name rules and the glossary step at
    once: they read the index (file and overlay), not a Glossary."""
    from newsqa.qa.terms import protect

    checker = checker_for(store)
    assert checker.acronyms.get("ksf") is None
    GlossaryStore(store).add_term("sdf", "sr-Latn", "Kurdske snage Fronta", Status.ADMITTED, "ana")
    GlossaryStore(store).add_term("hama", "en", "HMQ", Status.ADMITTED, "ana")
    after = checker_for(store)
    assert isinstance(after.index, OverlaidIndex)
    assert after.acronyms.get("ksf") == "sdf" and after.acronym_for("hama", "HMQ") == "HMQ"
    assert ("Kurdske snage Fronta", "sr-Latn") in set(after.index.glossary_terms())
    slots = protect(after, "Borci KSF-a ušli su u grad.", "sr").slots
    assert [(s.entity, s.how) for s in slots] == [("sdf", "variant")]
