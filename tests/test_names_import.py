"""Name resources into the glossary: the three readers, their filters and malformed lines, and the
store import (report, dry run, audit, idempotent re-imports) through `newsqa glossary import-names`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from newsqa.cli import main
from newsqa.qa.model import Status
from newsqa.qa.name_sources import (READERS, WIKIDATA_TYPES, NameFilter, NameStats, glossary_lang, open_lines,
                             read_jrc, read_paranames, read_wikidata)
from newsqa.tasks.glossary_store import GlossaryStore
from newsqa.tasks.models import GlossaryChange
from newsqa.tasks.store import Store
from tests.conftest import SEED_GLOSSARY

DATA = Path(__file__).parent / "data" / "names"
SAMPLES = {"wikidata": DATA / "wikidata-sample.json", "paranames": DATA / "paranames-sample.tsv",
           "jrc": DATA / "jrc-sample.tsv"}


def read(fmt: str, keep: NameFilter = NameFilter(), path: Path | None = None):
    stats = NameStats()
    entities = {e.id: e for e in READERS[fmt](open_lines(path or SAMPLES[fmt]), keep, stats)}
    return entities, stats


def terms(entity) -> set[tuple[str, str, str]]:
    return {(t.lang, t.text, t.status.value) for t in entity.terms}


# ---- the readers ---------------------------------------------------------------------------------

def test_wikidata_dump_entities_types_languages_and_malformed_lines():
    entities, stats = read("wikidata")
    assert sorted(entities) == ["Q11019", "Q3711", "Q41053", "Q44331"]
    assert {e.id: e.type for e in entities.values()} == {"Q44331": "person", "Q41053": "organization",
                                                          "Q3711": "place", "Q11019": "place"}
    assert terms(entities["Q44331"]) == {
        ("en", "Aleksandar Vučić", "preferred"), ("en", "Aleksandar Vucic", "admitted"),
        ("sr-Cyrl", "Александар Вучић", "preferred"), ("sr-Cyrl", "Вучић", "admitted"),
        ("sr-Latn", "Aleksandar Vučić", "preferred"), ("hr", "Aleksandar Vučić", "preferred"),
        ("mk", "Александар Вучиќ", "preferred")}  # German left out by the default languages
    assert entities["Q3711"].fields == {"wikidata": "Q3711"}
    assert [n for n, _ in stats.problems] == [5, 6, 7]  # truncated JSON, no id, labels not objects
    assert stats.skipped == {"of type other": 1, "with no English name": 1, "property entities": 1}
    assert stats.lines == 12 and stats.entities == 4


def test_paranames_rows_grouped_into_entities_and_bad_rows_named_by_line():
    entities, stats = read("paranames")
    assert sorted(entities) == ["Q11019", "Q3711", "Q41053", "Q44331"]
    assert terms(entities["Q3711"]) == {("en", "Belgrade", "preferred"), ("sr-Cyrl", "Београд", "preferred"),
                                        ("mk", "Белград", "preferred")}  # the row after the bad ones joins its entity
    assert entities["Q41053"].type == "organization"
    assert [n for n, _ in stats.problems] == [8, 10, 11]
    assert "XYZ" in stats.problems[0][1] and "4 column" in stats.problems[1][1]


def test_jrc_names_universal_spellings_are_english_and_bad_lines_are_reported():
    entities, stats = read("jrc")
    assert sorted(entities) == ["jrc-1", "jrc-2", "jrc-6"]  # 5 has only a Macedonian name
    assert terms(entities["jrc-1"]) == {("en", "Aleksandar Vučić", "preferred"),
                                        ("en", "Aleksandar Vucic", "admitted"),
                                        ("sr-Cyrl", "Александар Вучић", "preferred")}  # ru not asked for
    assert entities["jrc-2"].type == "organization"
    assert [n for n, _ in stats.problems] == [9, 10, 12]
    assert stats.skipped == {"with no English name": 1}


def test_filters_by_type_and_language():
    people, stats = read("wikidata", NameFilter(types=frozenset({"person"}), langs=frozenset({"en", "mk"})))
    assert list(people) == ["Q44331"]
    assert {t.lang for t in people["Q44331"].terms} == {"en", "mk"}
    assert stats.skipped["of type organization"] == 1 and stats.skipped["of type place"] == 2
    russian, _ = read("jrc", NameFilter(langs=frozenset({"en", "ru"})))
    assert ("ru", "Александр Вучич", "preferred") in terms(russian["jrc-1"])


@pytest.mark.parametrize("code, text, lang", [
    ("sr", "Београд", "sr-Cyrl"), ("sr", "Beograd", "sr-Latn"), ("sr-el", "Beograd", "sr-Latn"),
    ("sr-ec", "Београд", "sr-Cyrl"), ("en-gb", "Belgrade", "en"), ("EN", "Belgrade", "en"), ("mk", "Скопје", "mk"),
    ("hr", "Zagreb", "hr"), ("sh", "Sarajevo", "sh-Latn"),
])
def test_languages_are_written_as_the_glossary_writes_them(code, text, lang):
    assert glossary_lang(code, text) == lang


def test_wikidata_types_come_from_p31_and_deprecated_claims_are_ignored():
    def item(*claims):
        return {"id": "Q7", "claims": {"P31": [
            {"rank": rank, "mainsnak": {"datavalue": {"value": {"id": q}}}} for q, rank in claims]}}
    assert read_wikidata.__module__  # the table is the documented one:
    assert WIKIDATA_TYPES["Q5"] == "person" and WIKIDATA_TYPES["Q6256"] == "place"
    from newsqa.qa.name_sources import wikidata_type
    assert wikidata_type(item(("Q5", "deprecated"), ("Q515", "normal"))) == "place"
    assert wikidata_type(item(("Q123456789", "normal"))) == "other"
    assert wikidata_type({"id": "Q7"}) == "other"


_NAME = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20)
_LANG = st.sampled_from(["en", "sr", "sr-el", "sr-ec", "hr", "bs", "mk", "de", "mul", "en-gb"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Q5", "Q7278", "Q515", "Q1"]),
                          st.dictionaries(_LANG, _NAME, max_size=5),
                          st.dictionaries(_LANG, st.lists(_NAME, max_size=3), max_size=3)), max_size=6))
def test_wikidata_reader_reads_back_any_dump_it_is_given(items):
    dump = ["["]
    for n, (p31, labels, aliases) in enumerate(items):
        dump.append(json.dumps({"type": "item", "id": f"Q{n + 1}",
                                "labels": {l: {"language": l, "value": v} for l, v in labels.items()},
                                "aliases": {l: [{"language": l, "value": v} for v in vs] for l, vs in aliases.items()},
                                "claims": {"P31": [{"rank": "normal",
                                                    "mainsnak": {"datavalue": {"value": {"id": p31}}}}]}})
                    + ",")
    dump.append("]")
    stats = NameStats()
    everything = NameFilter(types=frozenset({"person", "organization", "place", "other"}),
                            langs=frozenset({"en", "sr", "hr", "bs", "mk", "de"}))
    entities = list(read_wikidata(dump, everything, stats))
    assert stats.problem_count == 0 and stats.entities == len(entities)
    for entity in entities:
        n = int(entity.id[1:]) - 1
        p31, labels, aliases = items[n]
        names = {" ".join(v.split()) for v in list(labels.values()) + [a for vs in aliases.values() for a in vs]}
        assert {t.text for t in entity.terms} <= names
        english = [t for t in entity.terms if t.lang == "en"]
        assert sum(t.status is Status.PREFERRED for t in english) == 1  # one preferred English term
        if "en" in labels and labels["en"].split():
            assert english[0].text == " ".join(labels["en"].split())  # the English label, not an alias


@settings(max_examples=80, deadline=None)
@given(st.lists(st.text(max_size=60), max_size=20), st.sampled_from(["wikidata", "paranames", "jrc"]))
def test_no_line_makes_a_reader_fail(lines, fmt):
    stats = NameStats()
    entities = list(READERS[fmt](lines, NameFilter(), stats))
    assert stats.lines == len(lines) and stats.entities == len(entities)
    assert all(any(t.lang == "en" and t.status is Status.PREFERRED for t in e.terms) for e in entities)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 50), st.sampled_from(["P", "O"]), st.sampled_from(["u", "en", "hr", "sr"]),
                          st.text(alphabet="abcčćšđžABC +-'", min_size=1, max_size=15)), max_size=30))
def test_jrc_reader_keeps_every_english_spelling(rows):
    lines = [f"{i}\t{t}\t{l}\t{n.replace(' ', '+')}\n" for i, t, l, n in sorted(rows, key=lambda r: r[0])]
    stats = NameStats()
    entities = {e.id: e for e in read_jrc(lines, NameFilter(), stats)}
    assert stats.problem_count == 0
    for i, _, lang, name in rows:
        text = " ".join(name.replace("+", " ").split())
        if lang in ("u", "en") and text:
            assert ("en", text) in {(t.lang, t.text) for t in entities[f"jrc-{i}"].terms}


def test_paranames_reader_accepts_a_file_without_header_and_compressed(tmp_path):
    import gzip
    body = "".join(SAMPLES["paranames"].read_text().splitlines(keepends=True)[1:])
    path = tmp_path / "p.tsv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write(body)
    entities, stats = read("paranames", path=path)
    assert len(entities) == 4 and [n for n, _ in stats.problems] == [7, 9, 10]
    assert list(read_paranames([], NameFilter(), NameStats())) == []


# ---- into the store ------------------------------------------------------------------------------

@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NEWSQA_DATABASE_URL", f"sqlite:///{tmp_path / 'g.sqlite3'}")
    monkeypatch.setenv("NEWSQA_GLOSSARY", str(SEED_GLOSSARY))
    return tmp_path


def names(*args):
    return CliRunner().invoke(main, ["glossary", "import-names", *args])


def test_import_reports_dry_runs_writes_and_audits(env):
    dry = names("--format", "wikidata", str(SAMPLES["wikidata"]), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "would change: 4 entities added" in dry.output
    assert f"{SAMPLES['wikidata']}:5: not a JSON entity" in dry.output  # malformed lines, by number
    store = GlossaryStore(Store())
    before = store.version()
    assert "Q44331" not in store.load().entities  # the dry run changed nothing
    done = names("--format", "wikidata", str(SAMPLES["wikidata"]), "--actor", "ana")
    assert done.exit_code == 0, done.output
    assert "+ entity Q44331" in done.output and "4 entities added" in done.output
    assert "3 malformed lines" in done.output
    assert store.version() == before + 1
    entity, version = store.entity("Q44331")
    assert entity.type == "person" and version == 1
    assert ("sr-Cyrl", "Александар Вучић", "preferred") in terms(entity)
    [audit] = store.history(limit=1)
    assert audit.action == "import" and audit.actor == "ana" and "4 entities added" in audit.detail["summary"]
    assert "wikidata names from" in audit.detail["note"]


def test_a_re_import_changes_nothing_and_an_update_changes_only_what_changed(env, tmp_path):
    assert names("--format", "wikidata", str(SAMPLES["wikidata"])).exit_code == 0
    store = GlossaryStore(Store())
    version = store.version()
    again = names("--format", "wikidata", str(SAMPLES["wikidata"]))
    assert "0 entities added, 0 changed, 0 terms added, 0 statuses changed, 4 entities unchanged" in again.output
    assert store.version() == version  # nothing written, no new glossary version

    # the newsroom marks an alias as a wrong form; the source gains a name and changes a label
    marked = CliRunner().invoke(main, ["glossary", "set-status", "Q44331", "en", "Aleksandar Vucic", "deprecated"])
    assert marked.exit_code == 0, marked.output
    updated = tmp_path / "wd2.json"
    text = SAMPLES["wikidata"].read_text(encoding="utf-8")
    text = text.replace('"Hizballah"}', '"Hizballah"}, {"language": "en", "value": "Hizb Allah"}')
    text = text.replace('"value": "Belgrade"', '"value": "Belgrade City"')
    updated.write_text(text, encoding="utf-8")
    versions = {e: store.entity(e)[1] for e in ("Q44331", "Q41053", "Q3711", "Q11019")}
    result = names("--format", "wikidata", str(updated))
    assert result.exit_code == 0, result.output
    assert "0 entities added, 0 changed, 2 terms added, 0 statuses changed, 2 entities unchanged" in result.output
    assert "+ term Q41053 [en] “Hizb Allah” (admitted)" in result.output
    # a new English label does not displace the preferred one: it comes in admitted
    assert "+ term Q3711 [en] “Belgrade City” (admitted)" in result.output
    after = {e: store.entity(e)[1] for e in versions}
    assert after == {**versions, "Q41053": versions["Q41053"] + 1, "Q3711": versions["Q3711"] + 1}
    assert ("en", "Aleksandar Vucic", "deprecated") in terms(store.entity("Q44331")[0])  # the newsroom's word stays


def test_paranames_and_wikidata_meet_on_the_same_entity_in_small_batches(env):
    first = names("--format", "paranames", str(SAMPLES["paranames"]), "--batch", "2")
    assert first.exit_code == 0, first.output
    assert "4 entities added" in first.output
    second = names("--format", "wikidata", str(SAMPLES["wikidata"]), "--batch", "1")
    assert "0 entities added" in second.output  # same Wikidata ids: the same entities, more names
    entity, _ = GlossaryStore(Store()).entity("Q44331")
    assert ("sr-Latn", "Aleksandar Vučić", "preferred") in terms(entity)
    assert sum(t.lang == "en" and t.status is Status.PREFERRED for t in entity.terms) == 1


def test_jrc_import_and_the_json_report(env):
    result = names("--format", "jrc", str(SAMPLES["jrc"]), "--types", "person", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["summary"].startswith("2 entities added")
    assert [p["line"] for p in report["problems"]] == [9, 10, 12] and report["malformed"] == 3
    assert "jrc-2" not in GlossaryStore(Store()).load().entities  # an organisation, not asked for


def test_bad_arguments_and_missing_files_are_errors_without_a_traceback(env):
    bad_type = names("--format", "jrc", str(SAMPLES["jrc"]), "--types", "persons")
    assert bad_type.exit_code == 2 and "unknown entity type(s) persons" in bad_type.output
    missing = names("--format", "wikidata", str(env / "nope.json"))
    assert missing.exit_code == 2 and "cannot read" in missing.output and "Traceback" not in missing.output


def test_the_import_is_one_audit_record_and_one_version(env):
    assert names("--format", "paranames", str(SAMPLES["paranames"]), "--batch", "1").exit_code == 0
    store = Store()
    with store.session() as s:
        from sqlalchemy import select
        imports = s.execute(select(GlossaryChange).where(GlossaryChange.action == "import")).scalars().all()
    assert len(imports) == 2  # the starter glossary's, and this one, whatever the batch size
