"""South Slavic inflection on the source side: is ``Netanjahuovoj`` a form of ``Netanjahu``?

Serbian, Croatian, Bosnian and Montenegrin decline names (u Libanu, iz Jerusalima, sa Hutijima),
build possessive adjectives from them (Netanjahuova vlada) and insert an epenthetic j after a
vowel (Huti -> Hutija); Macedonian adds definite articles (Хутите). Instead of a full morphological
analyser we undo these endings and look the candidate base forms up in the glossary: a name is
matched only if its glossary form is among the bases, so an ending never invents a name.

Derived adjectives (sirijski, libanski) are deliberately *not* matched: they translate to
demonyms (Syrian, Lebanese), not to the entity's name.
"""

from __future__ import annotations

import re
from functools import lru_cache

_ADJ = ["", "a", "o", "e", "i", "u", "og", "oga", "om", "ome", "oj", "im", "ima", "ih"]
_NOUN = ["a", "e", "i", "o", "u", "om", "em", "ima", "ama", "ju", "ovi", "ove", "ova", "ovima",
         "evi", "eve", "eva", "evima"]
_POSSESSIVE = [p + a for p in ("ov", "ev", "in") for a in _ADJ]
_MACEDONIAN = ["ot", "ta", "to", "te", "ite", "ata", "ovite", "evite", "iot", "jata"]
SUFFIXES = tuple(sorted({s for s in _NOUN + _POSSESSIVE + _MACEDONIAN + _ADJ if s}, key=len, reverse=True))
# Possessive adjectives: Netanjahu-ov-oj, Asad-ov-a; a feminine name in -a takes -in: Marij-in.
_ADJ_ENDING = "(?:a|o|e|i|u|og|oga|om|ome|oj|im|ima|ih)?"
_POSSESSIVE_OV = re.compile(f"(?:ov|ev){_ADJ_ENDING}")
_POSSESSIVE_IN = re.compile(f"in{_ADJ_ENDING}")
_VOWELS = set("aeiou")
MIN_BASE = 3


@lru_cache(maxsize=65536)
def base_forms(word: str) -> frozenset[str]:
    """Candidate dictionary forms of a folded word (the word itself included).

    >>> sorted(b for b in base_forms("libanu") if b == "liban")
    ['liban']
    """
    bases = {word}
    for suffix in SUFFIXES:
        if not word.endswith(suffix) or len(word) - len(suffix) < MIN_BASE:
            continue
        base = word[: -len(suffix)]
        bases.add(base)
        for vowel in "aeo":
            bases.add(base + vowel)  # feminine and neuter names: Sirij-e -> Sirija, Gaz-e -> Gaza
        if suffix == "a":
            bases.add(base + "i")  # genitive plural of a plural name: Hut-a -> Huti
        if suffix in ("ih", "im", "ima"):
            bases.add(base + "i")  # a plural adjective's cases: Bel-ih šlemova -> Beli šlemovi
        if base.endswith("ij") and len(base) > MIN_BASE:
            # epenthetic j, which follows i: Hutij-a -> Huti, Amanij-em -> Amani. Not after other
            # vowels: Sarajev-a is no form of Sara (names in -a decline Sare, Sari, Saru)
            bases.add(base[:-1])
        if len(base) >= 4 and base[-1] not in _VOWELS and base[-2] not in _VOWELS:
            bases.add(base[:-1] + "a" + base[-1])  # fleeting a: Egipt-a -> Egipat
            bases.add(base[:-1] + "e" + base[-1])  # Macedonian's fleeting e: Западн-иот -> Западен
    return frozenset(bases)


def inflects(word: str, lemma: str) -> bool:
    """Whether folded ``word`` is an inflected form of folded ``lemma``."""
    if word == lemma:
        return True
    if len(lemma) <= 2:
        return False
    return lemma in base_forms(word)


def possessive(word: str, lemma: str) -> bool:
    """Whether folded ``word`` is a possessive adjective of folded ``lemma`` (netanjahuovoj, netanjahu)."""
    if word.startswith(lemma) and _POSSESSIVE_OV.fullmatch(word[len(lemma):]):
        return True
    return lemma.endswith("a") and word.startswith(lemma[:-1]) and bool(_POSSESSIVE_IN.fullmatch(word[len(lemma) - 1:]))
