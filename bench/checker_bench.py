"""Benchmark: checking 1,000-word articles against glossaries of 1,000 to 100,000 entities.

Prints, per glossary size: index build time, peak memory of the build (tracemalloc), milliseconds
per article, and the same articles through the naive baseline (every window of 1-4 words against
every accepted English term with rapidfuzz), run in the same process. Ratios at the end:
time at the largest size over time at the smallest (target < 3), and naive over newsqa at 10,000
entities (target >= 100).

    python bench/checker_bench.py [--sizes 1000 10000 100000] [--articles 20] [--naive-sizes 1000 10000]
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rapidfuzz import fuzz, process  # noqa: E402

from newsqa.qa import Checker, Entity, Glossary, Status, Term  # noqa: E402
from newsqa.qa.normalize import tokenize  # noqa: E402

ONSETS = ["b", "d", "f", "g", "h", "j", "k", "kh", "l", "m", "n", "q", "r", "s", "sh", "t", "th", "w", "y", "z", "dh"]
VOWELS = ["a", "i", "u", "o", "e", "aa", "ou", "ei"]
CODAS = ["", "", "n", "r", "m", "l", "d", "b", "k", "s"]
ORG_HEADS = ["Liwa", "Harakat", "Jaysh", "Saraya", "Kataib", "Jabhat", "Ansar", "Firqat", "Quwat", "Tajammu"]
ORG_TAILS = ["Brigades", "Front", "Movement", "Forces", "Battalion", "Council", "Union", "Army"]
PLACE_HEADS = ["Deir", "Tell", "Ras", "Jisr", "Bab", "Kafr", "Ain", "Beit", "Marj", "Khan"]
SR = [("kh", "h"), ("sh", "š"), ("ch", "č"), ("th", "t"), ("dh", "d"), ("ou", "u"), ("aa", "a"), ("q", "k"),
      ("w", "v"), ("y", "j")]
CYR = dict(zip("abvgdežzijklmnoprstćufhcčš", "абвгдежзијклмнопрстћуфхцчш"))


def word(rng: random.Random, syllables: int) -> str:
    parts = [rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS) for _ in range(syllables)]
    return "".join(parts).capitalize()


def to_serbian(text: str) -> str:
    for a, b in SR:
        text = text.replace(a, b).replace(a.capitalize(), b.capitalize())
    return text


def to_cyrillic(text: str) -> str:
    return "".join(CYR.get(c, CYR.get(c.lower(), c).upper() if c.isupper() else c) for c in text)


def variant(name: str) -> str:
    for a, b in (("ou", "u"), ("y", "i"), ("kh", "k"), ("aa", "a"), ("q", "k"), ("ei", "ay")):
        if a in name:
            return name.replace(a, b, 1)
    return name + "h"


def make_glossary(size: int, seed: int = 7) -> Glossary:
    """Deterministic: the first N entities are the same whatever the size."""
    rng = random.Random(seed)
    firsts = [word(rng, rng.randint(2, 3)) for _ in range(400)]
    glossary = Glossary(title=f"synthetic {size}")
    seen: set[str] = set()
    while len(glossary) < size:
        kind = rng.random()
        if kind < 0.45:
            etype, name = "person", f"{rng.choice(firsts)} {word(rng, rng.randint(2, 4))}"
        elif kind < 0.75:
            etype = "organization"
            name = (f"{rng.choice(ORG_HEADS)} {word(rng, 3)}" if rng.random() < 0.5
                    else f"{word(rng, 3)} {rng.choice(ORG_TAILS)}")
            if rng.random() < 0.3:
                name += f" al-{word(rng, 2)}"
        else:
            etype = "place"
            name = word(rng, rng.randint(2, 4)) if rng.random() < 0.6 else f"{rng.choice(PLACE_HEADS)} {word(rng, 3)}"
        if name in seen:
            continue
        seen.add(name)
        serbian = to_serbian(name)
        terms = [Term(name, "en", Status.PREFERRED), Term(variant(name), "en", Status.ADMITTED),
                 Term(serbian, "sr-Latn", Status.PREFERRED), Term(to_cyrillic(serbian), "sr-Cyrl", Status.PREFERRED)]
        glossary.add(Entity(f"e{len(glossary):06d}", etype, terms=terms))
    return glossary


def make_articles(glossary: Glossary, count: int, words: int = 1000, seed: int = 11) -> list[str]:
    """English-like filler with a glossary name every ~30 words; one name in five misspelt."""
    from wordfreq import top_n_list

    rng = random.Random(seed)
    vocab = [w for w in top_n_list("en", 3000) if w.isalpha() and len(w) > 1]
    names = [e.preferred_english.text for e in list(glossary)[:1000]]
    articles = []
    for _ in range(count):
        out: list[str] = []
        n = 0
        while n < words:
            if rng.random() < 1 / 30:
                name = rng.choice(names)
                if rng.random() < 0.2:
                    i = rng.randrange(1, len(name) - 2)
                    name = name[:i] + name[i + 1] + name[i] + name[i + 2:]
                out.append(name)
                n += len(name.split())
            else:
                out.append(rng.choice(vocab))
                n += 1
            if rng.random() < 1 / 15:
                out[-1] += "."
        text = " ".join(out)
        articles.append(". ".join(s.strip()[:1].upper() + s.strip()[1:] for s in text.split(".")))
    return articles


def naive_flags(text: str, choices: list[str], cutoff: float = 85) -> int:
    """The afternoon matcher: every 1-4 word window against every term."""
    words = [t.text for t in tokenize(text)]
    flags = 0
    for i in range(len(words)):
        for n in range(1, 5):
            if i + n > len(words):
                break
            window = " ".join(words[i:i + n])
            hit = process.extractOne(window, choices, scorer=fuzz.ratio, score_cutoff=cutoff)
            if hit and hit[1] < 100:
                flags += 1
    return flags


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--naive-sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--naive-articles", type=int, default=2)
    args = parser.parse_args(argv)

    largest = make_glossary(max(args.sizes))
    articles = make_articles(largest, args.articles)
    print(f"{args.articles} articles of ~1,000 words; names drawn from the first 1,000 entities")
    print(f"{'entities':>9} {'build s':>8} {'build MB':>9} {'ms/article':>11} {'flags/art':>10} "
          f"{'naive ms/art':>13} {'naive/newsqa':>13}")
    per_article: dict[int, float] = {}
    speedups: dict[int, float] = {}
    for size in args.sizes:
        glossary = Glossary(entities=dict(list(largest.entities.items())[:size]))
        gc.collect()
        tracemalloc.start()
        Checker(glossary)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        gc.collect()
        t0 = time.perf_counter()
        checker = Checker(glossary)
        build = time.perf_counter() - t0
        checker.check(articles[0])  # warm the word-frequency list and caches
        times, flags = [], 0
        for text in articles:
            t0 = time.perf_counter()
            flags += len(checker.check(text))
            times.append(time.perf_counter() - t0)
        ms = statistics.median(times) * 1000
        per_article[size] = ms
        naive = ""
        ratio = ""
        if size in args.naive_sizes:
            choices = [t.text for e in glossary for t in e.terms if t.base_lang == "en" and t.status.accepted]
            t0 = time.perf_counter()
            for text in articles[: args.naive_articles]:
                naive_flags(text, choices)
            naive_ms = (time.perf_counter() - t0) / args.naive_articles * 1000
            speedups[size] = naive_ms / ms
            naive, ratio = f"{naive_ms:13.0f}", f"{speedups[size]:12.0f}x"
        print(f"{size:9d} {build:8.2f} {peak / 2**20:9.1f} {ms:11.2f} {flags / len(articles):10.1f} "
              f"{naive:>13} {ratio:>13}")
        del checker, glossary
    lo, hi = min(per_article), max(per_article)
    print(f"\nper-article time at {hi:,} entities / at {lo:,}: {per_article[hi] / per_article[lo]:.2f}x (target < 3)")
    for size, s in speedups.items():
        print(f"naive baseline / newsqa at {size:,} entities: {s:.0f}x (target >= 100 at 10,000)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
