"""Religious feasts by their South Slavic names: Božić -> Christmas, ramazana -> Ramadan, Pashe -> Passover.

News names feasts to date events (tokom ramazana, uoči Božića, za Kurban-bajram, pred Roš Hašanu).
The engine knows few of them: it leaves Božić, Uskrs, ramazana and Pashu as they are, or reads a
feast as a name and romanises it ("Rosh Hashanu"); the name finder then takes the capitalised ones
for persons' or places' names. Each feast here has the lemmas of its words (Latin script, folded:
``qa.normalize.fold``) and how each word declines, and the English that news writes for it.

Some feast names are also persons' names (Ivan Božić, Bajram Begaj, Ramazan Abdulatipov): such a
feast word is left to the name finder after a capitalised word (unless that word only opens the
sentence and is no common given name: Za Božić), and, where the feast word is a common given name
itself, before one. Only these lemmas are matched, never a guess from a word's shape.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import newsqa.qa.given_names as given_names
from newsqa.qa.normalize import Token, fold, sentence_start, to_latin, tokenize

# How a word declines (folded Latin endings, Macedonian articles included): a masculine noun ending in
# a consonant (Božić, Božića, Božiću, Božićem; Рамазанот), a feminine noun in -a (Hanuka, Hanuke, Hanuku),
# and a word that does not decline (Roš of Roš Hašana, Jom of Jom Kipur).
_ENDINGS = {
    "m": ("", "a", "u", "om", "em", "ot"),
    "f": ("a", "e", "i", "u", "om", "o", "ata", "ta"),
    "-": ("",),
}


class Feast(NamedTuple):
    """One feast: its words as (folded stem, declension), and its English."""

    words: tuple[tuple[str, str], ...]
    english: str


FEASTS: tuple[Feast, ...] = (
    Feast((("bozic", "m"),), "Christmas"),
    Feast((("bozikj", "m"),), "Christmas"),
    Feast((("uskrs", "m"),), "Easter"),
    Feast((("vaskrs", "m"),), "Easter"),
    Feast((("veligden", "m"),), "Easter"),
    Feast((("velikden", "m"),), "Easter"),
    Feast((("ramazan", "m"),), "Ramadan"),
    Feast((("ramadan", "m"),), "Ramadan"),
    Feast((("kurban", "-"), ("bajram", "m")), "Eid al-Adha"),
    Feast((("ramazanski", "-"), ("bajram", "m")), "Eid al-Fitr"),
    Feast((("bajram", "m"),), "Eid"),
    Feast((("hanuk", "f"),), "Hanukkah"),
    Feast((("asur", "f"),), "Ashura"),
    Feast((("pesah", "m"),), "Passover"),
    Feast((("pash", "f"),), "Passover"),
    Feast((("ros", "-"), ("hasan", "f")), "Rosh Hashanah"),
    Feast((("jom", "-"), ("kipur", "m")), "Yom Kippur"),
    Feast((("nevruz", "m"),), "Nowruz"),
    Feast((("novruz", "m"),), "Nowruz"),
)
_LONGEST_FIRST = tuple(sorted(FEASTS, key=lambda f: -len(f.words)))  # Kurban-bajram before Bajram
# Declined forms of the first words of the adjectives above (Ramazanskog bajrama): an adjective's endings.
_ADJECTIVE = re.compile(r"^(ramazansk)(?:i|og|oga|om|omu|ome|im|iot)$")


def _matches(word: str, stem: str, declension: str) -> bool:
    if declension == "-" and stem.endswith("ski"):
        m = _ADJECTIVE.match(word)
        return bool(m) and m.group(1) == stem[:-1]
    return any(word == stem + ending for ending in _ENDINGS[declension])


def _folded(token: Token, lang: str | None) -> str:
    return fold(to_latin(token.text, lang or "sr"), lang)


def feasts(text: str, lang: str | None) -> list[tuple[int, int, str]]:
    """Spans of the feasts named in ``text``, with their English; longest match first at each word.
    Lower case counts as well as a capital (ramazana, Ramazan); a feast word in a person's name
    (Ivan Božić, Bajram Begaj: :func:`_in_a_name`) is no feast."""
    tokens = tokenize(text, lang)
    folded = [_folded(t, lang) for t in tokens]
    out: list[tuple[int, int, str]] = []
    k = 0
    while k < len(tokens):
        hit = None
        for feast in _LONGEST_FIRST:
            n = len(feast.words)
            if k + n > len(tokens) or not all(_matches(folded[k + i], *feast.words[i]) for i in range(n)):
                continue
            if any(not re.fullmatch(r"[ \-‐]", text[tokens[k + i].end:tokens[k + i + 1].start]) for i in range(n - 1)):
                continue
            hit = (feast, n)
            break
        if hit is None or _in_a_name(text, tokens, k, k + hit[1] - 1, lang):
            k += 1
            continue
        out.append((tokens[k].start, tokens[k + hit[1] - 1].end, hit[0].english))
        k += hit[1]
    return out


def _in_a_name(text: str, tokens: list[Token], first: int, last: int, lang: str | None) -> bool:
    """Whether a capitalised feast word is part of a person's name: after a capitalised word joined by
    a space, unless that word only opens the sentence and is no common given name (Za Božić; not
    Ivan Božić), or, being a common given name itself, before one (Bajram Begaj; not Pashu Jevreji)."""
    if not tokens[first].cap:
        return False
    before = tokens[first - 1] if first else None
    after = tokens[last + 1] if last + 1 < len(tokens) else None
    if before is not None and before.cap and text[before.end:tokens[first].start] == " " \
            and (not sentence_start(text, before.start) or given_names.common_given_name(_folded(before, lang))):
        return True
    return after is not None and after.cap and text[tokens[last].end:after.start] == " " \
        and given_names.common_given_name(_folded(tokens[last], lang))
