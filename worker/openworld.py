"""Which language a Latin-script text is in, among every language wordfreq's lists hold: the first,
open-world step of detection, before the finer South Slavic decision.

A detector that only chooses among the languages it was built for sends Czech, Slovak, Indonesian
and Malay to the Serbo-Croatian pair (measured on DSLCC 2014, ``eval/dslcc_score.py``). lingua with
all its 75 languages routes them right but reads a 1,000-word article in 50-150 ms here; langdetect
in about 20 ms. This step is a naive Bayes over the 5,000 most frequent words of each of wordfreq's
Latin-script languages (wordfreq's own lists, which its authors built from many corpora): a word
scores its frequency in each language that lists it and a floor (ten times rarer than that
language's 5,000th word) in every language that does not. Function words carry most of the weight,
and names, which no list holds, weigh nothing. Capitalised words inside a sentence are left out
(names say where a story happens, not in which language it is told) unless most words are
capitalised, as in an English title-case headline (every word longer than three letters).

``guess`` returns the ranked languages with how many words each list knew; the caller decides what
a thin margin or a low coverage means (``worker/langid.py``).
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from newsqa.worker.hbs import MAX_WORD, WORD, starts_sentence

# wordfreq's languages written in Latin script ("sh" is its Serbo-Croatian list, Latin spelling).
LISTS = ("ca", "cs", "da", "de", "en", "es", "fi", "fil", "fr", "hu", "id", "is", "it", "lt", "lv", "ms", "nb",
         "nl", "pl", "pt", "ro", "sh", "sk", "sl", "sv", "tr", "vi")
TOP = 5000          # words of each list: every function word and the common vocabulary
RARER = 1.0         # a word a list lacks scores one order of magnitude below the list's last word
MAX_WORDS = 120     # words read: a language shows itself long before; bounds the cost of a long article

_lock = threading.Lock()


@dataclass(frozen=True)
class Guess:
    """Languages ranked by score (log10 probability of the words read), and the evidence behind it."""

    ranked: tuple[tuple[str, float], ...]
    words: int                 # words read (names left out), listed or not
    known: dict[str, int]      # of those, how many each language's list holds

    @property
    def best(self) -> str | None:
        return self.ranked[0][0] if self.ranked else None

    @property
    def margin(self) -> float:
        """How many orders of magnitude the best language is ahead of the next one."""
        return self.ranked[0][1] - self.ranked[1][1] if len(self.ranked) > 1 else 0.0

    def coverage(self, language: str | None = None) -> float:
        """The share of the words read that ``language``'s list (default: the best one) holds."""
        language = language or self.best
        return self.known.get(language, 0) / self.words if self.words else 0.0


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, tuple[tuple[int, float], ...]], tuple[float, ...]]:
    """word -> ((list index, bonus over that list's floor), ...), and each list's floor."""
    from wordfreq import get_frequency_list

    entries: dict[str, list[tuple[int, float]]] = defaultdict(list)
    floors = []
    with _lock:
        for index, code in enumerate(LISTS):
            kept: list[tuple[str, int]] = []
            for bucket, words in enumerate(get_frequency_list(code, "small")):  # bucket: centibels below 1
                kept.extend((w, bucket) for w in words if not w.isdigit())
                if len(kept) >= TOP:
                    break
            kept = kept[:TOP]
            floor = -kept[-1][1] / 100 - RARER
            floors.append(floor)
            for word, bucket in kept:
                entries[word].append((index, -bucket / 100 - floor))
    return {w: tuple(v) for w, v in entries.items()}, tuple(floors)


def words_to_read(text: str) -> list[str]:
    """The lower-cased words the guess reads, at most ``MAX_WORDS``. Names are left out: a capitalised
    word inside a sentence, or at its start when the next word is capitalised too (Abu Mohammad
    al-Julani). Title Case keeps every word: there capitals say nothing, and it shows itself by
    capitalised ordinary words ("Strikes Hit Idlib Again": every word of four letters or more is
    capitalised, and at least half of them are in a list)."""
    found = []
    for match in WORD.finditer(text):
        end = match.end()
        if text[end:end + 1] in "-‐" and text[end + 1:end + 2].isupper():
            continue  # the article of a name: al-Assad, el-Sisi, bin-Salman
        word = match.group()
        found.append((word, word[0].isupper() and starts_sentence(text, match.start())))
        if len(found) >= 2 * MAX_WORDS:
            break
    if not found:
        return []
    longer = [w for w, _ in found if len(w) > 3]
    table = _table()[0]
    titled = all(w[0].isupper() for w in longer) and 2 * sum(w.lower() in table for w in longer) >= len(longer) > 0
    every = [w.lower() for w, _ in found if len(w) <= MAX_WORD][:MAX_WORDS]
    if titled:
        return every
    kept = []
    for i, (word, start) in enumerate(found):
        if not word[0].isupper() or (start and not (i + 1 < len(found) and found[i + 1][0][0].isupper())):
            if len(word) <= MAX_WORD:
                kept.append(word.lower())
    return kept[:MAX_WORDS] or every  # only names: better them than nothing


def guess(text: str) -> Guess:
    """Rank wordfreq's Latin-script languages for ``text`` by the naive Bayes score of its words."""
    table, floors = _table()
    words = words_to_read(text)
    listed = [entry for word in words if (entry := table.get(word))]  # a word no list holds says nothing
    scores = [len(listed) * f for f in floors]
    known = [0] * len(LISTS)
    for entry in listed:
        for index, bonus in entry:
            scores[index] += bonus
            known[index] += 1
    ranked = tuple(sorted(((LISTS[i], round(s, 3)) for i, s in enumerate(scores)), key=lambda kv: -kv[1]))
    return Guess(ranked, len(words), {LISTS[i]: k for i, k in enumerate(known) if k})
