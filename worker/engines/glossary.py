"""The glossary step around any engine: the preferred English name for every entity the source names.

The domain work (finding names, placeholders, rendering, post-editing) is in ``qa.terms``; this
wrapper decides per engine which moves to make. Placeholders go only through engines that copy
unknown words; a text whose placeholder the engine lost is translated again without them, so the
glossary step never costs a name.
"""

from __future__ import annotations

from typing import Mapping

from newsqa import config
from newsqa.qa import Checker
from newsqa.qa.terms import is_placeholder, post_edit, protect, restore
from newsqa.worker.analyser import analyse
from newsqa.worker.engines.base import Engine, MTResult


class GlossaryAware:
    def __init__(self, engine: Engine, checker: Checker, spellings: Mapping[str, str] | None = None) -> None:
        """``spellings``: editors' English for words of names outside the glossary (Aragchi -> Araghchi)."""
        self.engine = engine
        self.checker = checker
        self.spellings = dict(spellings or {})
        self.name = engine.name
        self.copies_unknown_words = getattr(engine, "copies_unknown_words", False)

    def version(self) -> str:
        return f"{self.engine.version()}; glossary-aware ({self.checker.version})"

    def supports(self, lang: str, script: str | None) -> bool:
        return self.engine.supports(lang, script)

    def _phrases(self, phrases: list[str], lang: str, script: str | None) -> list[str | None]:
        """The engine's English for names of ordinary words, each alone; None where it left a word
        unknown (that name is left to the engine in its sentence, where the checker sees the word)."""
        return [None if r.unknown_words else r.text for r in self.engine.translate(phrases, lang, script)]

    def translate(self, texts: list[str], lang: str, script: str | None) -> list[MTResult]:
        if lang == "en":
            return self.engine.translate(texts, lang, script)
        results: list[MTResult | None] = [None] * len(texts)
        terms: list[list] = [[] for _ in texts]
        plain = list(range(len(texts)))
        if self.copies_unknown_words:
            style = config.NAME_STYLE.get()
            protected = [protect(self.checker, text, lang, analyse(text, lang), style, self.spellings,
                                 lambda phrases: self._phrases(phrases, lang, script)) for text in texts]
            plain = []
            for i, (p, result) in enumerate(zip(protected, self.engine.translate([p.text for p in protected],
                                                                               lang, script))):
                text, lost = restore(result.text, p)
                if lost:
                    plain.append(i)
                    continue
                words = [w for w in result.unknown_words if not is_placeholder(w)]
                results[i], terms[i] = MTResult(text, words), list(p.slots)
        if plain:
            for i, result in zip(plain, self.engine.translate([texts[i] for i in plain], lang, script)):
                results[i] = result
        out = []
        for i, (text, result) in enumerate(zip(texts, results)):
            edited, edits = post_edit(self.checker, result.text, text, lang, tuple(terms[i]))
            out.append(MTResult(edited, result.unknown_words, [r.to_dict() for r in terms[i] + edits]))
        return out
