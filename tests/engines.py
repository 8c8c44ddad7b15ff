"""Engines for tests only, selected through NEWSQA_MT_ENGINE=module:Class. They wrap the real
Apertium engine (a translation is never faked) and add failure or delay."""

from __future__ import annotations

import os
import time

from newsqa.worker.engines.apertium import Apertium
from newsqa.worker.engines.base import MTResult


class Broken(Apertium):
    name = "broken"

    def translate(self, texts, lang, script) -> list[MTResult]:
        raise RuntimeError("engine exploded")


class BrokenCzech(Broken):
    """Claims Czech (which Apertium's pairs here do not have) and fails: shows which engine was chosen."""

    name = "broken-czech"

    def supports(self, lang, script) -> bool:
        return lang == "cs"


class Slow(Apertium):
    """Writes $NEWSQA_TEST_MARKER when it starts, then waits $NEWSQA_TEST_DELAY seconds."""

    name = "apertium"

    def translate(self, texts, lang, script) -> list[MTResult]:
        marker = os.environ.get("NEWSQA_TEST_MARKER")
        if marker:
            with open(marker, "a") as f:
                f.write(f"{os.getpid()}\n")
        time.sleep(float(os.environ.get("NEWSQA_TEST_DELAY", "0")))
        return super().translate(texts, lang, script)


class Crash(Apertium):
    """Kills its own process, every time: a poison article."""

    name = "crash"

    def translate(self, texts, lang, script) -> list[MTResult]:
        import signal
        os.kill(os.getpid(), signal.SIGKILL)
        raise AssertionError("unreachable")


class Hang(Apertium):
    """Never returns: runs past every time limit."""

    name = "hang"

    def translate(self, texts, lang, script) -> list[MTResult]:
        while True:
            time.sleep(1)


class DropsPlaceholders(Apertium):
    """Real Apertium that loses every word it does not know, as an engine might lose a placeholder."""

    name = "drops"

    def translate(self, texts, lang, script) -> list[MTResult]:
        import re
        out = super().translate(texts, lang, script)
        return [MTResult(re.sub(r"\bZqx[a-z]+\b", "", r.text), r.unknown_words) for r in out]
