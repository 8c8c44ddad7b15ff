"""CTranslate2 as a second runtime for the same model: the tiny MarianMT converted by `newsqa
convert-model`, then the engine's real loading, sentence splitting, batching and decoding."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from newsqa.cli import main
from tests.tiny_marian import build_tiny_marian
from newsqa.worker.engines import get_engine
from newsqa.worker.engines.base import NoEngine
from newsqa.worker.engines.ctranslate2_mt import CTranslate2
from newsqa.worker.engines.transformers_mt import Transformers

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def models(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ct2")
    hf = build_tiny_marian(folder / "hf")
    result = CliRunner().invoke(main, ["convert-model", str(hf), str(folder / "ct2"), "--quantization", "float32"])
    assert result.exit_code == 0, result.output
    return hf, folder / "ct2"


@pytest.fixture
def engine(models, monkeypatch):
    monkeypatch.setenv("NEWSQA_MT_CT2_MODEL", str(models[1]))
    monkeypatch.setenv("NEWSQA_MT_MODEL", str(models[0]))
    monkeypatch.setenv("NEWSQA_MT_BEAMS", "1")
    monkeypatch.setenv("NEWSQA_MT_BATCH", "2")
    monkeypatch.setenv("NEWSQA_MT_DEVICE", "cpu")
    monkeypatch.setenv("NEWSQA_MT_CT2_COMPUTE", "float32")  # like for like with transformers
    return CTranslate2()


TEXTS = ["Vlada je usvojila budžet.", "Prva rečenica. Druga rečenica!\n\nNovi pasus.", "Борци су ушли у Сирију. " * 20]


def test_converted_model_has_its_tokenizer(models):
    _, ct2 = models
    assert (ct2 / "model.bin").is_file() and (ct2 / "tokenizer" / "tokenizer_config.json").is_file()


def test_translates_in_batches_and_keeps_paragraphs(engine):
    results = engine.translate(TEXTS, "sr", "Latn")
    assert len(results) == 3 and results[1].text.count("\n\n") == 1
    alone = [engine.translate([t], "sr", "Latn")[0].text for t in TEXTS]
    assert [r.text for r in results] == alone
    assert engine.version().startswith("ctranslate2 ") and "ct2@" in engine.version()
    assert engine.copies_unknown_words is False


def test_same_greedy_output_as_transformers(engine):
    # Same weights (float32), same tokenizer, greedy decoding: the two runtimes must agree.
    ct2 = [r.text for r in engine.translate(TEXTS[:2], "sr", "Latn")]
    hf = [r.text for r in Transformers().translate(TEXTS[:2], "sr", "Latn")]
    assert ct2 == hf


def test_compute_type_by_name_or_auto(models, monkeypatch):
    monkeypatch.setenv("NEWSQA_MT_CT2_MODEL", str(models[1]))
    monkeypatch.setenv("NEWSQA_MT_DEVICE", "cpu")
    monkeypatch.setenv("NEWSQA_MT_CT2_COMPUTE", "float16")  # no CPU computes in float16
    with pytest.raises(NoEngine, match="NEWSQA_MT_CT2_COMPUTE=float16 is not supported on cpu"):
        CTranslate2().translate(["Vlada je usvojila budžet."], "sr", "Latn")
    monkeypatch.setenv("NEWSQA_MT_CT2_COMPUTE", "auto")  # int8 on the CPU, from float32 weights
    engine = CTranslate2()
    assert engine.translate(["Vlada je usvojila budžet."], "sr", "Latn")[0].text
    assert engine._loaded[0].compute_type.startswith("int8")  # int8 weights, float32 activations


def test_supports_only_with_a_converted_model_and_a_language(engine, models, monkeypatch):
    assert engine.supports("sr", "Latn") and not engine.supports("de", "Latn")
    monkeypatch.setenv("NEWSQA_MT_CT2_MODEL", str(models[0]))  # a transformers folder, not converted
    assert not CTranslate2().supports("sr", "Latn")
    get_engine.cache_clear()
    assert get_engine("ctranslate2").name == "ctranslate2"
    get_engine.cache_clear()


def test_convert_model_refuses_what_it_cannot_convert(tmp_path, models):
    result = CliRunner().invoke(main, ["convert-model", str(tmp_path / "nothing"), str(tmp_path / "out")])
    assert result.exit_code == 2 and "not a transformers model folder" in result.output
    result = CliRunner().invoke(main, ["convert-model", str(models[0]), str(models[1])])
    assert result.exit_code == 2 and "exists" in result.output


def test_the_pipeline_stores_a_ctranslate2_translation(engine, tmp_path, monkeypatch):
    from newsqa.tasks import pipeline
    from newsqa.tasks.articles import parse_article
    from newsqa.tasks.store import Store

    monkeypatch.setenv("NEWSQA_MT_ENGINE", "ctranslate2")
    get_engine.cache_clear()  # one engine per process: this one must see this test's settings
    try:
        store = Store(f"sqlite:///{tmp_path / 'db.sqlite3'}")
        aid = store.accept(parse_article({"text": "Izraelska vojska je napala položaje Hezbolaha u južnom Libanu.",
                                          "language": "sr"})).id
        assert pipeline.process(store, aid) == "processed"
        [translation] = store.translations(aid)
        assert translation.engine == "ctranslate2" and translation.engine_version.startswith("ctranslate2 ")
    finally:
        get_engine.cache_clear()
