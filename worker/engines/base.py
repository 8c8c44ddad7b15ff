"""The engine contract: translate texts from one language into English, and say who did it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from newsqa.qa.errors import NewsqaError


class EngineError(Exception):
    """The engine failed on this input or at this moment; the attempt may be retried."""


class NoEngine(NewsqaError):
    """No engine can translate this language: the article is stored untranslated, with the reason."""


@dataclass(frozen=True)
class MTResult:
    """A translation for readers, and the words the engine could not translate (often names)."""

    text: str
    unknown_words: list[str] = field(default_factory=list)
    terms: list[dict] = field(default_factory=list)  # what the glossary step rendered (qa.terms.Rendering)


class Engine(Protocol):
    name: str
    # Whether an unknown word in the source comes out unchanged (rule-based engines): then the
    # glossary step may protect names with placeholder words.
    copies_unknown_words: bool

    def version(self) -> str:
        """Engine and model version, recorded with every translation (provenance)."""

    def supports(self, lang: str, script: str | None) -> bool:
        """Whether this engine translates ``lang`` (ISO 639-1) written in ``script`` into English."""

    def translate(self, texts: list[str], lang: str, script: str | None) -> list[MTResult]:
        """Translate a batch of texts of one language into English, in order."""
