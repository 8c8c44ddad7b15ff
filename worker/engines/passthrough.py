"""English needs no translation: the text is its own English version, checked as it is."""

from __future__ import annotations

from newsqa.worker.engines.base import MTResult


class Passthrough:
    name = "passthrough"
    copies_unknown_words = True

    def version(self) -> str:
        return "1"

    def supports(self, lang: str, script: str | None) -> bool:
        return lang == "en"

    def translate(self, texts: list[str], lang: str, script: str | None) -> list[MTResult]:
        return [MTResult(text) for text in texts]
