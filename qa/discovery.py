"""Name discovery: names in source articles that the glossary does not know yet.

No glossary knows every name. From each source text we take capitalised word sequences that do not
start a sentence (or that the MT engine left untranslated), skip the parts the glossary already
names, and group forms of one name: case endings (Kasema, Kasemom -> Kasem) and scripts (Касем ->
Kasem) fold to one key. A name may hold lowercase particles (Dejr ez Zor, Abu Bakr al Bagdadi); a
title before it (Premijer, Portparol, Лидер) is not part of it; a line or paragraph break ends it. Candidates are ranked by how many articles and outlets use them, and carry
the English renderings they received, so a maintainer sees at once what to add, and where
translations disagree (a *split*: one source name rendered differently in different articles).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from newsqa.qa.english import is_common_word
from newsqa.qa.inflect import SUFFIXES
from newsqa.qa.normalize import NAME_GAP_RE, Token, has_cyrillic, sound_key, to_latin, tokenize

MIN_STEM = 4
SHORT_STEM = 3  # Zora, Zorom -> zor: only where the forms show it (Kasem is not Kas + em)
_SENTENCE_START = re.compile(r"(^|[.!?…:]\s+|\n\s*)[\"„“«(]*$")
STOPWORDS = frozenset({"i", "u", "a", "o", "na", "za", "od", "do", "iz", "sa", "se", "je", "su", "to", "ta",
                       "the", "an", "in", "on", "of", "and"})
# Lowercase words inside a name, between two capitalised ones (folded: ез -> ez).
PARTICLES = frozenset({"ez", "es", "el", "al", "ad", "ed", "ibn", "bin", "bint", "abu", "de", "da", "di", "du",
                       "van", "von", "der", "la", "le"})
# Titles and roles written before names (folded; any case ending): not part of the name.
TITLES = ("premijer", "premijerka", "premier", "predsednik", "predsjednik", "predsednica", "predsjednica",
          "potpredsednik", "potpredsjednik", "pretsedatel", "ministar", "ministarka", "minister", "portparol",
          "portparolka", "glasnogovornik", "glasnogovornica", "lider", "liderka", "vodja", "general", "komandant",
          "zapovjednik", "zapovednik", "sef", "ajatolah", "ajatola", "seik", "emir", "kralj", "kraljica", "princ",
          "princeza", "ambasador", "veleposlanik", "gradonacelnik", "guverner", "senator", "direktor",
          "patrijarh", "papa", "imam", "sultan", "kancelar", "zamenik", "zamjenik", "sekretar", "generalni",
          "gospodin", "gospodja", "doktor", "profesor", "predsjedavajuci", "predsedavajuci", "episkop", "biskup")


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
    languages: dict[str, Counter] = field(default_factory=dict)   # form -> languages of its articles

    @property
    def name(self) -> str:
        """The most frequent surface form."""
        return self.forms.most_common(1)[0][0]

    @property
    def english(self) -> str:
        """What to pre-fill as the English name: the commonest rendering that is only a name (no
        ordinary English word in it, as "Neck" for šija, and no Cyrillic left), else the shortest source form in Latin
        letters (usually the nominative)."""
        names = [r for r, _ in self.renderings.most_common()
                 if not has_cyrillic(r) and not any(is_common_word(t.norm) for t in tokenize(r, "en"))]
        if names:
            return names[0]
        latin = [f for f in self.forms if not has_cyrillic(f)] or [to_latin(f) for f in self.forms]
        return min(latin, key=lambda f: (len(f), f))

    @property
    def split(self) -> bool:
        """Rendered in more than one way across articles."""
        return len(self.renderings) > 1

    def to_dict(self) -> dict:
        return {"key": self.key, "name": self.name, "articles": len(self.articles), "outlets": len(self.outlets),
                "forms": dict(self.forms.most_common()), "renderings": dict(self.renderings.most_common()),
                "untranslated": self.untranslated}


def stem(word: str, keep: int = MIN_STEM) -> str:
    """Undo one case ending, keeping at least ``keep`` letters (Kasemom -> kasem, Kasem -> kasem)."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= keep:
            return word[: -len(suffix)]
    return word


_TITLE_STEMS = frozenset(stem(t) for t in TITLES) | frozenset(TITLES)


def _title(token: Token) -> bool:
    return token.norm in _TITLE_STEMS or stem(token.norm) in _TITLE_STEMS


def name_spans(text: str, lang: str | None, known: list[tuple[int, int]], unknown_words: set[str]) -> list[list[Token]]:
    """Capitalised runs that are names: not only a sentence's first word, not already in the glossary,
    without the titles before them, held together by particles, never across a line break."""
    tokens = tokenize(text, lang)
    runs: list[list[Token]] = []
    run: list[Token] = []

    def close():
        while run and _title(run[0]):
            run.pop(0)
        if run:
            first = run[0]
            starts_sentence = bool(_SENTENCE_START.search(text[: first.start]))
            if len(run) > 1 or not starts_sentence or first.text in unknown_words:
                runs.append(list(run))
            run.clear()

    def joined(a: Token, b: Token) -> bool:
        gap = text[a.end:b.start]
        return bool(NAME_GAP_RE.match(gap)) and "\n" not in gap

    def name_like(t: Token) -> bool:
        return t.cap and not t.upper and len(t.norm) > 1 and t.norm not in STOPWORDS \
            and not any(a <= t.start < b for a, b in known)

    i = 0
    while i < len(tokens):
        t = tokens[i]
        if name_like(t) and (not run or joined(run[-1], t)):
            run.append(t)
        elif (run and not t.cap and t.norm in PARTICLES and i + 1 < len(tokens) and joined(run[-1], t)
              and joined(t, tokens[i + 1]) and name_like(tokens[i + 1])):
            run.append(t)  # Dejr ez Zor: the particle joins the two parts
        else:
            close()
            if name_like(t):
                run.append(t)
        i += 1
    close()
    return runs


def rendering_of(surface_key: str, translation: str) -> str | None:
    """The capitalised phrase of the translation that sounds most like the source name."""
    best, best_score = None, 0.0
    for run in name_spans(translation, "en", [], set()) + _all_caps_runs(translation):
        run = _without_common_edges(run)
        if not run:
            continue
        phrase = translation[run[0].start:run[-1].end]
        score = fuzz.ratio(surface_key, " ".join(sound_key(t.norm) for t in run))
        if score > best_score:
            best, best_score = phrase, score
    return best if best_score >= 60 else None


def _without_common_edges(run: list[Token]) -> list[Token]:
    """A capitalised run less the ordinary English words at its edges ("But Hamenei" -> "Hamenei")."""
    start, end = 0, len(run)
    while start < end and is_common_word(run[start].norm):
        start += 1
    while end > start and is_common_word(run[end - 1].norm):
        end -= 1
    return run[start:end]


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
            if lang:
                candidate.languages.setdefault(surface, Counter())[lang] += 1
            candidate.articles.add(article)
            if outlet:
                candidate.outlets.add(outlet)
            if translation:
                rendered = rendering_of(" ".join(sound_key(stem(t.norm)) for t in run), translation)
                if rendered:
                    candidate.renderings[rendered] += 1
            if any(t.text in (unknown or ()) for t in run):
                candidate.untranslated += 1
    return sorted(_merge_short_stems(groups).values(),
                  key=lambda c: (-len(c.articles), -len(c.outlets), -sum(c.forms.values()), c.key))


def _merge_short_stems(groups: dict[str, Candidate]) -> dict[str, Candidate]:
    """Keys that differ only by a case ending on a short word (zor, zora, zorom) are one name when
    the forms show it: the bare stem is itself a key, or several keys share it."""
    by_short: dict[str, list[str]] = defaultdict(list)
    for key in groups:
        by_short[" ".join(stem(w, SHORT_STEM) for w in key.split())].append(key)
    out = dict(groups)
    for short, keys in by_short.items():
        if len(keys) < 2 and short not in groups:
            continue
        target = out.setdefault(short, Candidate(short))
        for key in keys:
            if key == short:
                continue
            other = out.pop(key)
            target.forms.update(other.forms)
            target.articles |= other.articles
            target.outlets |= other.outlets
            target.renderings.update(other.renderings)
            target.untranslated += other.untranslated
            for form, langs in other.languages.items():
                target.languages.setdefault(form, Counter()).update(langs)
    return out


SCRIPT_TAGGED = ("sr", "bs", "cnr")   # written in both scripts: their tags name the script
CYRILLIC_LANGS = ("mk", "sr", "bs", "cnr")


def form_tag(form: str, languages: Counter) -> str:
    """The language tag for a source form: the commonest language of the articles it came from that
    is written in its script (Croatian never in Cyrillic, Macedonian never in Latin), with the script
    where the language uses two (sr-Cyrl, sr-Latn)."""
    cyrillic = has_cyrillic(form)
    fits = [lang for lang, _ in languages.most_common()
            if (lang in CYRILLIC_LANGS if cyrillic else lang != "mk")]
    lang = fits[0] if fits else "sr"
    return f"{lang}-{'Cyrl' if cyrillic else 'Latn'}" if lang in SCRIPT_TAGGED else lang
