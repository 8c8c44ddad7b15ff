"""Name discovery: grouping forms of unknown names, ranking them, splits, and promotion."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newsqa.cli import main
from newsqa.qa import Checker, load_glossary
from newsqa.qa.discovery import discover, name_spans, stem
from newsqa.tasks import pipeline
from newsqa.tasks.articles import parse_article
from newsqa.tasks.glossary_store import GlossaryStore
from newsqa.tasks.store import Store
from tests.conftest import SEED_GLOSSARY

ARTICLES = [
    (1, "Danas", "Lider Hezbolaha Naim Kasem je rekao da će borbe nastaviti. Kasem je govorio u Bejrutu.", "sr",
     "Hezbollah leader Naim Qassem said the fighting would continue. Qassem spoke in Beirut.", ["Kasem"]),
    (2, "Vijesti", "Analitičari veruju da Naima Kasema podržava Teheran.", "sr",
     "Analysts believe that Naim Kassem is backed by Tehran.", []),
    (3, "Nova", "Наим Касем се обратио присталицама у Бејруту.", "sr", "Naim Kasem addressed supporters in Beirut.",
     ["Касем"]),
    (4, "Nova", "Novi ministar Ilija Perić stigao je u Bagdad.", "sr", "New minister Ilija Peric arrived in Baghdad.", []),
]


@pytest.fixture(scope="module")
def known():
    checker = Checker(load_glossary(SEED_GLOSSARY))
    return lambda source, lang: [(a, b) for _, a, b in checker.source_entities(source, lang)]


def test_forms_of_one_name_group_and_rank(known):
    found = discover(ARTICLES, known)
    top = found[0]
    assert top.key == "naim kasem" and len(top.articles) == 3 and len(top.outlets) == 3
    assert set(top.forms) == {"Naim Kasem", "Naima Kasema", "Наим Касем"}
    assert set(top.renderings) == {"Naim Qassem", "Naim Kassem", "Naim Kasem"} and top.split
    keys = {c.key for c in found}
    assert "Ilija Perić" in {c.name for c in found}
    # Known names (Hezbolaha, Bejrutu, Teheran, Bagdad) and sentence-initial words are not candidates.
    assert not keys & {"hezbolah", "bejrut", "teheran", "bagdad", "analiticar", "lider", "novi"}


def test_stems_and_spans():
    assert stem("kasemom") == stem("kasema") == stem("kasem") == "kasem"
    spans = name_spans("Juče je Ilija Perić rekao. Ministar Marko Ćirić takođe.", "sr", [], set())
    assert [" ".join(t.text for t in run) for run in spans] == ["Ilija Perić", "Ministar Marko Ćirić"]


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSQA_DATABASE_URL", f"sqlite:///{tmp_path / 'd.sqlite3'}")
    monkeypatch.setenv("NEWSQA_GLOSSARY", str(SEED_GLOSSARY))
    store = Store()
    for _, outlet, source, lang, _, _ in ARTICLES:
        pipeline.process(store, store.accept(parse_article({"text": source, "outlet": outlet, "language": lang})).id)
    return store


@pytest.mark.apertium
def test_cli_candidates_splits_and_promote(env):
    out = json.loads(CliRunner().invoke(main, ["glossary", "candidates", "--json", "--min-articles", "2"]).output)
    assert [c["key"] for c in out] == ["naim kasem"] and out[0]["articles"] == 3
    assert "Naim Kasem" in CliRunner().invoke(main, ["glossary", "splits"]).output or out[0]["renderings"]
    result = CliRunner().invoke(main, ["glossary", "promote", "naim kasem", "naim-qassem", "--type", "person",
                                       "--en", "Naim Qassem"])
    assert result.exit_code == 0, result.output
    entity, _ = GlossaryStore(env).entity("naim-qassem")
    assert {(t.lang, t.text) for t in entity.terms} >= {("en", "Naim Qassem"), ("sr-Latn", "Naima Kasema"),
                                                        ("sr-Cyrl", "Наим Касем")}
    after = json.loads(CliRunner().invoke(main, ["glossary", "candidates", "--json"]).output)
    assert "naim kasem" not in {c["key"] for c in after}  # the glossary knows it now
    missing = CliRunner().invoke(main, ["glossary", "promote", "nobody here", "x", "--type", "person", "--en", "X"])
    assert missing.exit_code == 2 and "no candidate" in missing.output
