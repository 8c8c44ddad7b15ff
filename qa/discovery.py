"""Name discovery: names in source articles that the glossary does not know yet.

No glossary knows every name. From each source text we take capitalised word sequences that do not
start a sentence (or that the MT engine left untranslated), skip the parts the glossary already
names, and group forms of one name: case endings (Kasema, Kasemom -> Kasem) and scripts (Касем ->
Kasem) fold to one key. Candidates are ranked by how many articles and outlets use them, and carry
the English renderings they received, so a maintainer sees at once what to add, and where
translations disagree (a *split*: one source name rendered differently in different articles).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from newsqa.qa.inflect import SUFFIXES
from newsqa.qa.normalize import NAME_GAP_RE, Token, sound_key, tokenize

MIN_STEM = 4
_SENTENCE_START = re.compile(r"(^|[.!?…:]\s+|\n\s*)[\"„“«(]*$")
STOPWORDS = frozenset({"i", "u", "a", "o", "na", "za", "od", "do", "iz", "sa", "se", "je", "su", "to", "ta",
                       "the", "an", "in", "on", "of", "and"})


@dataclass
class Occurrence:
    article: int
    outlet: str | None
    surface: str
    rendering: str | None


@dataclass
class Candidate:
    key: str
    forms: Counter = field(default_factory=Counter)
    articles: set[int] = field(default_factory=set)
    outlets: set[str] = field(default_factory=set)
    renderings: Counter = field(default_factory=Counter)
    untranslated: int = 0

    @property
    def name(self) -> str:
        """The most frequent surface form."""
        return self.forms.most_common(1)[0][0]

    @property
    def split(self) -> bool:
        """Rendered in more than one way across articles."""
        return len(self.renderings) > 1

    def to_dict(self) -> dict:
        return {"key": self.key, "name": self.name, "articles": len(self.articles), "outlets": len(self.outlets),
                "forms": dict(self.forms.most_common()), "renderings": dict(self.renderings.most_common()),
                "untranslated": self.untranslated}


def stem(word: str) -> str:
    """Undo one case ending, keeping at least four letters (Kasemom -> kasem, Kasem -> kasem)."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)]
    return word


def name_spans(text: str, lang: str | None, known: list[tuple[int, int]], unknown_words: set[str]) -> list[list[Token]]:
    """Capitalised runs that are names: not only a sentence's first word, not already in the glossary."""
    tokens = tokenize(text, lang)
    runs: list[list[Token]] = []
    run: list[Token] = []

    def close():
        if run:
            first = run[0]
            starts_sentence = bool(_SENTENCE_START.search(text[: first.start]))
            if len(run) > 1 or not starts_sentence or first.text in unknown_words:
                runs.append(list(run))
            run.clear()

    for t in tokens:
        inside_known = any(a <= t.start < b for a, b in known)
        name_like = t.cap and not t.upper and len(t.norm) > 1 and t.norm not in STOPWORDS and not inside_known
        joined = run and NAME_GAP_RE.match(text[run[-1].end:t.start])
        if name_like and (not run or joined):
            run.append(t)
        else:
            close()
            if name_like:
                run.append(t)
    close()
    return runs


def rendering_of(surface_key: str, translation: str) -> str | None:
    """The capitalised phrase of the translation that sounds most like the source name."""
    best, best_score = None, 0.0
    for run in name_spans(translation, "en", [], set()) + _all_caps_runs(translation):
        phrase = translation[run[0].start:run[-1].end]
        score = fuzz.ratio(surface_key, " ".join(sound_key(t.norm) for t in run))
        if score > best_score:
            best, best_score = phrase, score
    return best if best_score >= 60 else None


def _all_caps_runs(text: str) -> list[list[Token]]:
    runs, run = [], []
    for t in tokenize(text, "en"):
        if t.cap:
            run.append(t)
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return runs


def discover(items, known_spans) -> list[Candidate]:
    """Candidates from ``items``: (article id, outlet, source, source language, translation, unknown words).

    ``known_spans(source, lang)`` gives the spans of names the glossary already knows.
    """
    groups: dict[str, Candidate] = defaultdict(lambda: Candidate(""))
    for article, outlet, source, lang, translation, unknown in items:
        if not source:
            continue
        for run in name_spans(source, lang, known_spans(source, lang), set(unknown or ())):
            key = " ".join(stem(t.norm) for t in run)
            surface = source[run[0].start:run[-1].end]
            candidate = groups[key]
            candidate.key = key
            candidate.forms[surface] += 1
            candidate.articles.add(article)
            if outlet:
                candidate.outlets.add(outlet)
            if translation:
                rendered = rendering_of(" ".join(sound_key(stem(t.norm)) for t in run), translation)
                if rendered:
                    candidate.renderings[rendered] += 1
            if any(t.text in (unknown or ()) for t in run):
                candidate.untranslated += 1
    return sorted(groups.values(), key=lambda c: (-len(c.articles), -len(c.outlets), -sum(c.forms.values()), c.key))
