"""The transformers engine on a tiny random-weight MarianMT built here: a SentencePiece vocabulary
trained in the test, a two-layer model saved to a folder, then the engine's real loading, sentence
splitting, batching and decoding. (Its translations are nonsense: the weights are random.)"""

from __future__ import annotations

import pytest

from newsqa.worker.engines import get_engine
from newsqa.qa.sentences import join, split
from newsqa.worker.engines.transformers_mt import Transformers
from tests.tiny_marian import build_tiny_marian

pytestmark = pytest.mark.model

@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    return build_tiny_marian(tmp_path_factory.mktemp("tiny-marian"))


@pytest.fixture
def engine(tiny_model, monkeypatch):
    monkeypatch.setenv("NEWSQA_MT_MODEL", str(tiny_model))
    monkeypatch.setenv("NEWSQA_MT_BEAMS", "1")
    monkeypatch.setenv("NEWSQA_MT_BATCH", "3")
    return Transformers()


def test_loads_from_the_folder_and_translates_in_batches(engine):
    texts = ["Vlada je usvojila budžet.", "Prva rečenica. Druga rečenica!\n\nNovi pasus.",
             "Борци су ушли у Сирију. " * 30]
    results = engine.translate(texts, "sr", "Latn")
    assert len(results) == 3 and all(isinstance(r.text, str) for r in results)
    assert results[1].text.count("\n\n") == 1  # paragraphs survive
    assert "transformers" in engine.version() and "model@" in engine.version()
    # Batched and one by one: the same greedy output, in the same order.
    alone = [engine.translate([t], "sr", "Latn")[0].text for t in texts[:2]]
    assert [r.text for r in results[:2]] == alone


def test_supports_only_with_a_model_and_a_language(engine, monkeypatch):
    assert engine.supports("sr", "Latn") and not engine.supports("de", "Latn")
    monkeypatch.setenv("NEWSQA_MT_MODEL", "")
    assert not Transformers().supports("sr", "Latn")
    assert get_engine("transformers").name == "transformers"


def test_the_pipeline_stores_a_transformers_translation(tiny_model, tmp_path, monkeypatch):
    from newsqa.tasks import pipeline
    from newsqa.tasks.articles import parse_article
    from newsqa.tasks.store import Store
    from tests.conftest import SEED_GLOSSARY
    monkeypatch.setenv("NEWSQA_GLOSSARY", str(SEED_GLOSSARY))
    monkeypatch.setenv("NEWSQA_MT_ENGINE", "transformers")
    monkeypatch.setenv("NEWSQA_MT_MODEL", str(tiny_model))
    monkeypatch.setenv("NEWSQA_MT_BEAMS", "1")
    get_engine.cache_clear()
    try:
        store = Store(f"sqlite:///{tmp_path / 't.sqlite3'}")
        aid = store.accept(parse_article({"text": "Vlada je usvojila budžet. Deca su se vratila u škole.",
                                          "language": "sr"})).id
        assert pipeline.process(store, aid) == "processed"
        [translation] = store.translations(aid)
        assert translation.engine == "transformers" and translation.engine_version.startswith("transformers ")
    finally:
        get_engine.cache_clear()


def test_split_and_join_round_trip():
    text = "Prva. Druga!  \n\nTreća? „Četvrta.“ Peta"
    pieces, seps = split(text)
    assert join(pieces, seps) == text and pieces[0] == "Prva." and len(pieces) == 5
