"""The kept Apertium pipeline: the same text as a fresh `apertium` call, and it survives its programs.

Every comparison is against the real ``apertium MODE`` program run afresh on the same input, the way
the engine translated before pipelines were kept.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from newsqa.worker.engines.apertium import Apertium
from newsqa.worker.engines.apertium_pipe import KeptPipeline, PipeLimits, close_all, kept_pipeline
from newsqa.worker.engines.base import EngineError

MODES = Path("/usr/share/apertium/modes")
pytestmark = pytest.mark.apertium  # skipped where Apertium is missing, except in CI (conftest)

TEXTS = [  # (mode, text): every language and script, and the characters the stream format escapes
    ("hbs-eng", "Predsednik Srbije Aleksandar Vučić je u sredu u Beogradu rekao da će vlada [uskoro] "
                "doneti odluku o ^porezima$ i @fondovima.\n\nDrugi pasus: cena/kilogram je 3\\4 {evra} <danas>."),
    ("hbs-eng", "Hrvatski premijer Andrej Plenković sastao se u Zagrebu s predstavnicima sindikata.\t"
                "Rekao je: \"Plaće će rasti.\"\r\nNovi red, bez točke"),
    ("hbs-eng", "Predsjedavajući Predsjedništva BiH obratio se u Sarajevu; Hezbolah i Hamas su spomenuti.  "
                "Dva  razmaka,   tri razmaka. Š Đ Č Ć Ž š đ č ć ž."),
    ("hbs-eng", "Vlada Crne Gore je saopštila da će sjednica biti održana u Podgorici."),
    ("Cyrl-Latn", "Председник Србије Александар Вучић рекао је у Београду да ће влада [ускоро] одлучити "
                  "о ^порезима$ и @фондовима / {евра} <данас> \\ крај.\n\nЂорђе Џаја љубав њега."),
    ("mkd-eng", "Претседателот на Владата на Северна Македонија изјави во Скопје дека [владата] ќе "
                "одлучи за ^даноците$ и @фондовите / {евра} <денес> \\ крај.\n\nЃорѓи Ѕвезда Ќерка Љубов Њива Џеб."),
    ("mkd-eng", ""),
    ("hbs-eng", "\n\n  \t"),
    ("hbs-eng", "[[t:b:123]]^$@/\\{}<>"),
]


def fresh(mode: str, text: str) -> str:
    """What the engine did before: a new `apertium MODE` process for the text."""
    out = subprocess.run(["apertium", mode], input=text.encode(), capture_output=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout.decode()  # bytes as printed: no newline translation


@pytest.fixture(autouse=True)
def _no_pipelines_left():
    yield
    close_all()


@pytest.mark.parametrize("mode, text", TEXTS)
def test_kept_pipeline_prints_what_a_fresh_apertium_prints(mode, text):
    pipe = kept_pipeline(MODES / f"{mode}.mode", PipeLimits())
    assert pipe.translate(text) == fresh(mode, text)
    assert pipe.translate(text) == fresh(mode, text)  # and again, through the same running programs
    assert pipe.starts == 1


_LETTERS = "abcdefghijklmnoprstuvzšđčćžABCDŠĐČĆŽабвгдђежзијклљмнњопрстћуфхцчџшЂЉЊЋЏѓѕќЃЅЌ"
_TEXT = st.text(alphabet=st.sampled_from(list(_LETTERS + "[]^$@/\\{}<>*#~ .,;:!?\"'-\n\t\r0123456789")),
                max_size=120)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_TEXT, mode=st.sampled_from(["hbs-eng", "mkd-eng", "Cyrl-Latn"]))
def test_any_text_comes_out_as_from_a_fresh_apertium(text, mode):
    assert kept_pipeline(MODES / f"{mode}.mode", PipeLimits()).translate(text) == fresh(mode, text)


@pytest.mark.parametrize("lang, script, text", [
    ("sr", "Latn", TEXTS[0][1]), ("sr", "Cyrl", TEXTS[4][1]), ("hr", "Latn", TEXTS[1][1]),
    ("bs", "Latn", TEXTS[2][1]), ("cnr", "Latn", "Vlada je saopštila da će śednica biti održana."),
    ("mk", "Cyrl", TEXTS[5][1]),
])
def test_the_engine_gives_the_same_result_kept_or_not(lang, script, text):
    kept = Apertium(keep=True).translate([text, text], lang, script)
    per_call = Apertium(keep=False).translate([text], lang, script)
    assert kept == per_call * 2  # text, unknown-word marks removed, unknown words kept: all equal


def test_a_killed_pipeline_is_started_again():
    pipe = kept_pipeline(MODES / "hbs-eng.mode", PipeLimits())
    text = "Vlada je u Beogradu saopštila odluku."
    expected = fresh("hbs-eng", text)
    assert pipe.translate(text) == expected
    before = pipe.pids()
    os.kill(before[len(before) // 2], signal.SIGKILL)  # a program in the middle of the pipe dies
    time.sleep(0.2)
    assert pipe.translate(text) == expected
    assert pipe.starts == 2 and not set(pipe.pids()) & set(before)


def test_a_hung_pipeline_is_killed_after_the_timeout_and_the_next_text_gets_a_fresh_one():
    pipe = KeptPipeline(MODES / "hbs-eng.mode", PipeLimits(timeout_s=1))
    real = pipe.commands
    pipe.commands = [["tr", "-d", "\\000"]]  # swallows the NUL: its answer never ends, as a hang
    started = time.monotonic()
    with pytest.raises(EngineError, match="longer than 1 s"):
        pipe.translate("Vlada je saopštila.")
    assert time.monotonic() - started < 10 and pipe.pids() == []
    pipe.commands = real
    assert pipe.translate("Vlada je saopštila.") == fresh("hbs-eng", "Vlada je saopštila.")
    pipe.close()


def test_a_pipeline_that_cannot_work_is_an_engine_error_not_a_crash():
    pipe = KeptPipeline(MODES / "hbs-eng.mode", PipeLimits(timeout_s=5))
    pipe.commands = [["false"]]  # exits at once, every time
    with pytest.raises(EngineError, match="stopped while translating"):
        pipe.translate("Vlada je saopštila.")
    pipe.close()


def test_memory_is_bounded_by_requests_and_by_resident_size():
    by_count = KeptPipeline(MODES / "mkd-eng.mode", PipeLimits(max_requests=2))
    for _ in range(5):
        by_count.translate("Владата соопшти.")
    assert by_count.starts == 3  # texts 1-2, 3-4, 5
    by_size = KeptPipeline(MODES / "mkd-eng.mode", PipeLimits(max_rss_mib=1))
    for _ in range(3):
        by_size.translate("Владата соопшти.")
    assert by_size.starts == 3  # any real pipeline holds more than 1 MiB: replaced before each text
    assert 1 < by_count.rss_mib() < 1024
    by_count.close()
    by_size.close()
