"""Apertium, the embedded default: real rule-based MT, offline and fast (Debian packages
``apertium``, ``apertium-hbs-eng``, ``apertium-mkd-eng``).

Serbian, Croatian, Bosnian and Montenegrin go through the ``hbs-eng`` pair, Cyrillic first through
its ``Cyrl-Latn`` mode; Macedonian through ``mkd-eng``. Apertium marks words it does not know with
``*`` (and generation or transfer trouble with ``#`` and ``@``): the unknown words are kept as a
signal for the checker, an untranslated word being often a name, and the marks are removed from the
text readers see.

By default each worker process keeps one pipeline per mode running (``apertium_pipe``: null-flush
mode, restarted when it dies or hangs, replaced when it grows); ``NEWSQA_APERTIUM_KEEP=0`` starts a
fresh ``apertium`` per text instead. Both give the same text.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from functools import cached_property
from pathlib import Path

from newsqa import config
from newsqa.worker import hbs
from newsqa.worker.engines.apertium_pipe import PipeLimits, kept_pipeline
from newsqa.worker.engines.base import EngineError, MTResult, NoEngine

PAIRS = {"sr": "hbs-eng", "hr": "hbs-eng", "bs": "hbs-eng", "cnr": "hbs-eng", "sh": "hbs-eng", "mk": "mkd-eng"}
PACKAGES = {"hbs-eng": "apertium-hbs-eng", "mkd-eng": "apertium-mkd-eng"}
_UNKNOWN = re.compile(r"\*([^\W\d_][\w'’-]*)")
_UNIVERSAL_NEWLINE = re.compile(r"\r\n?")
_MARK = re.compile(r"(?<![\w*#@])[*#@](?=\w)")


class Apertium:
    name = "apertium"
    copies_unknown_words = True

    def __init__(self, keep: bool | None = None) -> None:
        self.program = config.APERTIUM.get() or "apertium"
        self.keep = config.APERTIUM_KEEP.number(int, 0, 1) == 1 if keep is None else keep
        self.modes = Path(config.APERTIUM_MODES.get() or "/usr/share/apertium/modes")
        self.limits = PipeLimits(timeout_s=config.APERTIUM_TIMEOUT.number(float, 1),
                                 max_requests=config.APERTIUM_MAX_REQUESTS.number(int, 1),
                                 max_rss_mib=config.APERTIUM_MAX_RSS_MB.number(float, 1))

    @cached_property
    def _packages(self) -> dict[str, str]:
        versions = {}
        for pair, package in PACKAGES.items():
            try:
                out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package],
                                     capture_output=True, text=True, timeout=10)
                if out.returncode == 0 and out.stdout:
                    versions[pair] = out.stdout.strip()
            except (OSError, subprocess.TimeoutExpired):
                pass
        return versions

    def version(self) -> str:
        return "apertium " + ",".join(f"{p}={v}" for p, v in sorted(self._packages.items())) if self._packages \
            else "apertium"

    def supports(self, lang: str, script: str | None) -> bool:
        return lang in PAIRS and shutil.which(self.program) is not None

    def translate(self, texts: list[str], lang: str, script: str | None) -> list[MTResult]:
        pair = PAIRS.get(lang)
        if pair is None:
            raise NoEngine(f"apertium has no pair for {lang!r} into English")
        if shutil.which(self.program) is None:
            raise NoEngine(f"the apertium program ({self.program}) is not installed")
        results = []
        for text in texts:
            if lang != "mk" and script == "Cyrl":
                text = self._run("Cyrl-Latn", text)
            if pair == "hbs-eng":
                text = hbs.standard_ijekavian(text)  # Montenegrin ś, ź, đe: spellings the analyser knows
            marked = self._run(pair, text)
            unknown = list(dict.fromkeys(_UNKNOWN.findall(marked)))
            results.append(MTResult(_MARK.sub("", marked), unknown))
        return results

    def _run(self, mode: str, text: str) -> str:
        mode_file = self.modes / f"{mode}.mode"
        if self.keep and mode_file.is_file():
            # the per-call path reads apertium's output as text, which turns \r\n and \r into \n
            return _UNIVERSAL_NEWLINE.sub("\n", kept_pipeline(mode_file, self.limits).translate(text))
        timeout = self.limits.timeout_s
        try:
            out = subprocess.run([self.program, mode], input=text, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise EngineError(f"apertium {mode} took longer than {timeout:g} s") from None
        if out.returncode != 0:
            raise EngineError(f"apertium {mode} failed: {out.stderr.strip()[:300]}")
        return out.stdout
