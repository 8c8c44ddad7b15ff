"""The English given name a house-style romanisation may stand for, as a suggestion on its flag.

Serbian and Macedonian write a Western name as it sounds (Entoni, Džejms, Žozef, Makenzi), and the
house style romanises that back letter for letter (Entoni, Jeyms, Zhozef, Makenzi): no English text
attests such a word, and ``unverified-name`` flags it with no suggestion, though the name is plain to
an English reader once written as English writes it (Anthony, James, Joseph, Mackenzie). This module
undoes the sound: each letter of the romanisation may stand for any of the English spellings of its
sound (k: c, ck, ch; ey: a, ay, ai; i: ee, y ...), a silent e may end the word or stand before its
last s (James), and the most frequent
name among English's own names (en_US writes it with a capital, and English text uses it at zipf
NAME_ZIPF or more) is the suggestion.

Why a suggestion only, never a replacement: measured on the seen sets (e2e–e2e16), replacing such
words gave nine names right but made as many wrong ones look verified (Jabli as "Gable", Pristan as
"Preston"): a sound-alike is evidence enough for an editor's eye, not for the reader's page. And why
given names only (:func:`given_name_for`, for the first word of a person's name): on every unverified
word of the seen sets, half the suggestions were silly (Baykar: "Baker", Banja: "Bono", Maysan:
"Mason"); for a given name that opens a name of two words or more, and a suggestion that is a common
given name, nearly all were right (Anthony, James, Joseph, William, Howard).
"""

from __future__ import annotations

from functools import lru_cache

import newsqa.qa.given_names as given_names
from newsqa.qa.english import _case, lower_case_only, zipf
from newsqa.qa.normalize import fold

NAME_ZIPF = 3.3  # an English name this frequent (Anthony 4.4, Mackenzie 3.6) is worth suggesting; at 3.0
# Danab had Danube (3.1) and Sulay Sully (3.1)
MAX_LENGTH = 14  # longer words are compounds or Arabic names, which this does not undo

# The English spellings of each sound the house style writes, multi-letter sounds first.
_SOUNDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("sh", ("sh",)), ("ch", ("ch", "tch")), ("zh", ("zh", "j", "g", "s")),
    ("au", ("ow", "au", "o")), ("ey", ("a", "ay", "ai", "ey", "ei")), ("ay", ("i", "y", "igh", "ai")), ("oy", ("oy", "oi")),
    ("ks", ("x", "ks", "cks")), ("kv", ("qu",)), ("yu", ("u", "yu", "ew")),
    ("a", ("a", "u", "o", "e")), ("e", ("e", "a", "ea", "ai")), ("i", ("i", "ee", "y", "ea", "ie", "e")),
    ("o", ("o", "au", "aw", "ou", "oa")), ("u", ("u", "oo", "ou")),
    ("k", ("k", "c", "ck", "ch")), ("s", ("s", "c", "ss", "ce")), ("z", ("z", "s")), ("v", ("v", "w")),
    ("j", ("j", "g", "dg")), ("t", ("t", "th", "tt")), ("d", ("d", "dd")), ("f", ("f", "ph", "ff")),
    ("l", ("l", "ll")), ("n", ("n", "nn")), ("r", ("r", "rr")), ("p", ("p", "pp")), ("m", ("m", "mm")),
    ("b", ("b", "bb")), ("g", ("g", "gg")), ("h", ("h", "")), ("y", ("y", "i", "")),
)


@lru_cache(maxsize=1)
def _names() -> tuple[dict[str, float], frozenset[str]]:
    """English's own names (folded) with their zipf, and every prefix of them (to prune the search)."""
    names = {w: zipf(w) for w, kind in _case().items() if "N" in kind and w.isascii() and w.isalpha()}
    names = {w: z for w, z in names.items() if z >= NAME_ZIPF and not lower_case_only(w)}
    prefixes = frozenset(w[:k] for w in names for k in range(1, len(w) + 1))
    return names, prefixes


def english_name(word: str) -> str | None:
    """The most frequent English name that ``word`` (a house-style romanisation) may be a spelling of
    by sound, capitalised; None where there is none or the word is one already."""
    folded = fold(word)
    if not folded.isalpha() or not folded.isascii() or len(folded) < 3 or len(folded) > MAX_LENGTH:
        return None
    names, prefixes = _names()
    best: tuple[float, str] | None = None

    def walk(at: int, built: str) -> None:
        nonlocal best
        if at == len(folded):
            for whole in (built, built + "e"):  # a silent e at the end: Mackenzie
                z = names.get(whole)
                if z is not None and whole != folded and (best is None or z > best[0]):
                    best = (z, whole)
            return
        for sound, spellings in _SOUNDS:
            if folded.startswith(sound, at):
                if sound == "s" and at == len(folded) - 1:
                    spellings = spellings + ("es",)  # James, Jones: the silent e before a last s
                for spelling in spellings:
                    nxt = built + spelling
                    if not nxt or nxt in prefixes:
                        walk(at + len(sound), nxt)
        if not any(folded.startswith(sound, at) for sound, _ in _SOUNDS):
            nxt = built + folded[at]
            if nxt in prefixes:
                walk(at + 1, nxt)

    walk(0, "")
    return best[1].capitalize() if best else None


def given_name_for(word: str) -> str | None:
    """The English given name a romanised given name may stand for (Entoni: Anthony, Zhozef: Joseph),
    where :func:`english_name` finds one that the name lists know as a common given name."""
    found = english_name(word)
    return found if found is not None and given_names.common_given_name(fold(found)) else None

