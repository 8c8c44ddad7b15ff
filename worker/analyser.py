"""Apertium's morphological analysers, asked about the capitalised words of a source text.

The glossary step (``qa.terms``) needs to know which capitalised words are names: Apertium's
analysers tag proper nouns (``<np>`` with ``<ant>`` first names, ``<cog>`` surnames, ``<top>`` places,
``<org>`` organisations) with their lemma and case, know ordinary words ("Pobunjenici" opening a
sentence, "Ali" the conjunction) and mark the rest unknown, and the pair's bilingual dictionary gives
the English of the proper nouns it lists (Kairo -> Cairo). This module runs ``lt-proc`` on those
words only (one process per text, apart from the translating processes of ``engines.apertium``) and
returns :class:`qa.names.Reading` per word as written. No analyser installed: ``{}``, and names are
found from capitals alone.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

from newsqa.qa.names import Reading, frequent_word
from newsqa.qa.normalize import has_cyrillic, to_latin
from newsqa.worker.lexicon import knows_lowercase

DATA = Path("/usr/share/apertium")
PAIRS = {"sr": "hbs-eng", "hr": "hbs-eng", "bs": "hbs-eng", "cnr": "hbs-eng", "sh": "hbs-eng", "mk": "mkd-eng"}
TIMEOUT = 30
_UNIT = re.compile(r"\^([^/$]*)/([^$]*)\$")
_WORD = re.compile(r"[^\W\d_]+")
_CASES = ("nom", "gen", "dat", "acc", "voc", "loc", "ins")


def _files(pair: str) -> tuple[Path, Path] | None:
    folder = DATA / f"apertium-{pair}"
    morph, bil = folder / f"{pair}.automorf.bin", folder / f"{pair}.autobil.bin"
    return (morph, bil) if morph.exists() and bil.exists() else None


def available(lang: str | None) -> bool:
    return lang in PAIRS and shutil.which("lt-proc") is not None and _files(PAIRS[lang]) is not None


def analyse(text: str, lang: str | None) -> dict[str, Reading]:
    """Readings of the capitalised words of ``text`` (keys as written), or ``{}`` without an analyser."""
    if not available(lang):
        return {}
    morph, bil = _files(PAIRS[lang])
    words = list(dict.fromkeys(w for w in _WORD.findall(text) if w[:1].isupper()))
    if not words:
        return {}
    latin = [to_latin(w, "sr") if lang != "mk" and has_cyrillic(w) else w for w in words]
    latin_of = dict(zip(words, latin))
    units = _run(["lt-proc", "-w", str(morph)], "\n".join(f"{w} ." for w in latin))
    readings: dict[str, Reading] = {}
    analysed = [u for u in _UNIT.findall(units) if u[0] not in (".",)]
    nps: list[tuple[str, str]] = []
    for word, (surface, analyses) in zip(words, analysed):
        if analyses.startswith("*"):
            readings[word] = Reading("unknown", frequent=frequent_word(word, lang) or knows_lowercase(latin_of[word], lang))
            continue
        options = analyses.split("/")
        np = next((o for o in options if "<np>" in o), None)
        if np is None:
            readings[word] = Reading("common")
            continue
        lemma = np.split("<", 1)[0]
        case = next((c for c in _CASES if f"<{c}>" in np), None)
        readings[word] = Reading("np", lemma, case, place="<top>" in np)
        nps.append((word, np))
    if nps:
        out = _run(["lt-proc", "-b", str(bil)], " ".join(f"^{np}$" for _, np in nps))
        for (word, np), (_, translated) in zip(nps, _UNIT.findall(out)):
            english = translated.split("/")[0].split("<", 1)[0]
            r = readings[word]
            if english and not english.startswith("@") and english != r.lemma:
                readings[word] = replace(r, english=english)
    return readings


def _run(argv: list[str], text: str) -> str:
    try:
        out = subprocess.run(argv, input=text, capture_output=True, text=True, timeout=TIMEOUT)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return out.stdout if out.returncode == 0 else ""
