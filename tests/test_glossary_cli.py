"""`newsqa glossary`: every subcommand on a real store, bad files, conflicts and stale edits."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newsqa.cli import main
from newsqa.qa import Entity, Glossary, Status, Term, load_glossary
from newsqa.qa.merge import merge
from newsqa.qa.validate import validate
from newsqa.tasks.checking import checker_for
from newsqa.tasks.glossary_store import GlossaryStore
from newsqa.tasks.store import Store
from tests.conftest import SEED_GLOSSARY, TEST_ROWS, build


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NEWSQA_DATABASE_URL", f"sqlite:///{tmp_path / 'g.sqlite3'}")
    monkeypatch.setenv("NEWSQA_GLOSSARY", str(SEED_GLOSSARY))
    return tmp_path


def g(*args, input=None):
    return CliRunner().invoke(main, ["glossary", *args], input=input)


def test_an_empty_store_starts_from_the_glossary_file(env):
    result = g("stats", "--json")
    assert result.exit_code == 0, result.output
    numbers = json.loads(result.output)
    assert numbers["entities"] == len(load_glossary(SEED_GLOSSARY)) and numbers["version"] == 1
    assert GlossaryStore(Store()).load().version == load_glossary(SEED_GLOSSARY).version


def test_list_search_show(env):
    assert "kataib-hezbollah             organization  Kataib Hezbollah" in g("list").output
    assert "hama" in g("list", "--type", "place").output and "pmf" not in g("list", "--type", "place").output
    found = g("search", "NETANJAHU").output
    assert "[sr-Cyrl] Бењамин Нетанјаху" in found and "[sr-Latn] Benjamin Netanjahu" in found
    assert "[sr-Latn] Hašd al-Šabi" in g("search", "hasd al sabi").output   # diacritics-insensitive
    assert "Хути" in g("search", "хути").output                                # in Cyrillic too
    missing = g("search", "zzzz")
    assert missing.exit_code == 1 and "no term contains" in missing.output
    shown = json.loads(g("show", "hama", "--json").output)
    assert shown["version"] == 1 and {"lang": "en", "text": "Hama", "status": "preferred"} in shown["terms"]
    assert g("show", "nobody").exit_code == 2


def test_edits_are_versioned_audited_and_refused_when_stale(env):
    assert g("add-term", "hama", "en", "Hamah", "--if-version", "1", "--actor", "ana").exit_code == 0
    stale = g("add-term", "hama", "en", "Hamat", "--if-version", "1", "--actor", "ivan")
    assert stale.exit_code == 2 and "was changed by ana" in stale.output and "version 2" in stale.output
    assert g("set-status", "hama", "en", "Hamah", "deprecated", "--actor", "ivan").exit_code == 0
    assert g("remove-term", "hama", "en", "Hamah", "--actor", "ana").exit_code == 0
    missing = g("remove-term", "hama", "en", "Hamah")
    assert missing.exit_code == 2 and "has no en term “Hamah”" in missing.output
    log = json.loads(g("history", "hama", "--json").output)
    assert [(r["action"], r["actor"]) for r in log] == [("remove-term", "ana"), ("set-status", "ivan"),
                                                         ("add-term", "ana")]
    assert log[1]["detail"] == {"lang": "en", "text": "Hamah", "from": "admitted", "to": "deprecated"}


def test_a_form_of_another_entity_is_refused_unless_forced(env):
    refused = g("add-term", "hama", "en", "HAMAS", "--status", "admitted")
    assert refused.exit_code == 2 and "already accepted for hamas" in refused.output
    deprecated = g("add-term", "hamas", "en", "Hama", "--status", "deprecated")
    assert deprecated.exit_code == 2 and "is preferred for hama" in deprecated.output
    assert g("add-term", "hamas", "en", "Hama", "--status", "deprecated", "--force").exit_code == 0
    result = g("validate")
    assert result.exit_code == 1 and "[deprecated-but-accepted]" in result.output


def test_add_entity_and_merge(env):
    assert g("add-entity", "naim-qassem", "--type", "person", "--en", "Naim Qassem").exit_code == 0
    assert g("add-entity", "naim-qassem", "--type", "person").exit_code == 2
    assert "one word" in g("add-entity", "naim qassem", "--type", "person").output
    assert g("add-entity", "dup", "--type", "person", "--en", "Naim Kassem").exit_code == 0
    assert g("add-term", "dup", "sr-Latn", "Naim Kasem").exit_code == 0
    assert g("merge", "naim-qassem", "dup").exit_code == 0
    shown = json.loads(g("show", "naim-qassem", "--json").output)
    assert {(t["text"], t["status"]) for t in shown["terms"]} == {
        ("Naim Qassem", "preferred"), ("Naim Kassem", "admitted"), ("Naim Kasem", "admitted")}
    assert g("show", "dup").exit_code == 2


def test_import_merges_with_a_report_and_dry_run_changes_nothing(env):
    extra = env / "extra.csv"
    extra.write_text("entity_id,entity_type,lang,term,status\n"
                     "hama,place,en,Hamah,admitted\n"
                     "kyiv,place,en,Kiev,deprecated\n"
                     "naim-qassem,person,en,Naim Qassem,preferred\n")
    dry = g("import", str(extra), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "+ entity naim-qassem" in dry.output and "~ term kyiv [en] “Kiev”: superseded -> deprecated" in dry.output
    assert dry.output.strip().endswith("0 entities unchanged") and "would change:" in dry.output
    assert g("show", "naim-qassem").exit_code == 2
    done = g("import", str(extra))
    assert "1 entities added, 0 changed, 2 terms added, 1 statuses changed" in done.output
    assert g("show", "naim-qassem").exit_code == 0
    again = g("import", str(extra))
    assert "0 entities added, 0 changed, 0 terms added, 0 statuses changed, 3 entities unchanged" in again.output


@pytest.mark.parametrize("content, message", [
    ("<tbx><text>\n<body></tbx>", "bad.tbx:2: not well-formed XML"),
    ('<!DOCTYPE x [<!ENTITY a "b">]><tbx/>', "entity declarations are not allowed"),
])
def test_bad_files_are_clear_errors(env, content, message):
    (env / "bad.tbx").write_text(content)
    result = g("import", str(env / "bad.tbx"))
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output
    assert "0 error(s)" not in g("validate", "--file", str(env / "bad.tbx")).output


def test_export_round_trips(env):
    for name in ("out.tbx", "out.csv"):
        assert g("export", str(env / name)).exit_code == 0
        assert load_glossary(env / name).version == load_glossary(SEED_GLOSSARY).version
    assert g("export", str(env / "o.tbx"), "--format", "tbx2008").exit_code == 0
    assert b"<martif" in (env / "o.tbx").read_bytes()


def test_validate_the_seed_and_strict_warnings(env):
    ok = g("validate")
    assert ok.exit_code == 0 and "0 error(s)" in ok.output
    assert g("validate", "--strict").exit_code == 1  # redundant variants such as U.S./US are warnings


def test_workers_see_an_edit_without_a_restart(env):
    store = Store()
    before = checker_for(store)
    assert [f.found for f in before.check("Officials in Hamah met.")] == ["Hamah"]
    assert checker_for(store) is before  # unchanged glossary: the same checker
    g("add-term", "hama", "en", "Hamah")
    after = checker_for(store)
    assert after is not before and after.check("Officials in Hamah met.") == []


def test_concurrent_edits_of_one_entity_lose_nothing(env):
    import threading
    store = GlossaryStore(Store())
    store.ensure_loaded()
    errors = []

    def add(i):
        try:
            store.add_term("hama", "en", f"Hama Variant{i:02d}", Status.ADMITTED, f"editor{i}", force=True)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=add, args=(i,)) for i in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    entity, version = store.entity("hama")
    assert len([t for t in entity.terms if "Variant" in t.text]) == 12 and version == 13


# ---- the domain functions ------------------------------------------------------------------

def test_validate_codes():
    P, A, D = Status.PREFERRED, Status.ADMITTED, Status.DEPRECATED
    glossary = build([("a", "place", [("en", "Alpha", P), ("en", "ALPHA", A)]),
                      ("b", "place", [("en", "Alpha", A), ("sr-Latn", "Beta", P)]),
                      ("c", "place", [("en", "Gamma", P), ("en", "Beta", D)]),
                      ("d", "place", [("en", "Delta", P), ("en", "Delta2", P)]),
                      ("e", "place", [])])
    codes = {(p.code, p.entity) for p in validate(glossary)}
    assert codes == {("duplicate", "a"), ("accepted-twice", "a"), ("no-preferred-english", "b"),
                     ("several-preferred-english", "d"), ("no-terms", "e"), ("no-preferred-english", "e")}
    assert validate(build(TEST_ROWS)) == []


def test_merge_reports_and_never_deletes():
    base = Glossary()
    base.add(Entity("x", "place", terms=[Term("X", "en", Status.PREFERRED), Term("Iks", "sr-Latn")]))
    incoming = Glossary()
    incoming.add(Entity("x", "other", terms=[Term("X", "en", Status.DEPRECATED)]))
    merged, report = merge(base, incoming)
    assert [t.text for t in merged["x"].terms] == ["X", "Iks"] and merged["x"].type == "place"
    assert report.status_changes == [("x", "en", "X", "preferred", "deprecated")]
    assert base["x"].terms[0].status is Status.PREFERRED  # the base is not modified
