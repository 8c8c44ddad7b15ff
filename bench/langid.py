"""Benchmark: language detection per 1,000-word article, newsqa's detector against langdetect alone
(the design card's choice, the old way's cost) and lingua alone with all its languages, in one run.

Articles are 1,000 words each, built from real news sentences (DSLCC 2014: Serbian, Croatian,
Bosnian, Czech, Slovak, Indonesian, Portuguese) and the English seed article repeated; each detector
reads the whole text it is given (newsqa bounds itself to its first 2,000 characters). Model loading
is left out (one warm-up call). "ms/article" is the first pass (new words: dictionary lookups not
cached); "warm" the same articles again (every word cached: a best case). Target: newsqa ≤ 5 ms.

    python bench/langid.py [--articles 5] [--no-lingua]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eval.dslcc_score import DATA, LANGUAGE, load  # noqa: E402
from eval.langid_score import route  # noqa: E402

LABELS = ("sr", "hr", "bs", "cz", "sk", "id", "pt-PT")
WORDS = 1000


def articles(per_label: int) -> list[tuple[str, str]]:
    """(text of 1,000 words, ISO code) pairs: ``per_label`` for each label, and the seed article."""
    by_label: dict[str, list[str]] = defaultdict(list)
    for text, label in load(DATA):
        by_label[label].append(text)
    out = []
    for label in LABELS:
        sentences = by_label[label]
        for i in range(per_label):
            words: list[str] = []
            j = i * 40
            while len(words) < WORDS:
                words.extend(sentences[j % len(sentences)].split())
                j += 1
            out.append((" ".join(words[:WORDS]), LANGUAGE[label]))
    seed = (ROOT / "seeds" / "syria-offensive-2024-12-01.en.txt").read_text().split()
    out.extend((" ".join((seed * (WORDS // len(seed) + 1))[:WORDS]), "en") for _ in range(per_label))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5, help="articles per language")
    parser.add_argument("--no-lingua", action="store_true")
    args = parser.parse_args(argv)
    texts = articles(args.articles)

    from newsqa.worker.langid import _langdetect, detect

    runs = {"newsqa detect": lambda t: detect(t).language, "langdetect alone": _langdetect}
    if not args.no_lingua:
        from lingua import LanguageDetectorBuilder

        everything = LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()
        runs["lingua alone (75, low)"] = lambda t: (lambda l: l.iso_code_639_1.name.lower() if l else None)(
            everything.detect_language_of(t))
    print(f"{len(texts)} articles of {WORDS} words ({', '.join(LABELS)}, en), one process\n")
    print(f"{'detector':24} {'ms/article':>10} {'warm':>7} {'language':>9} {'route':>7}")
    results = {}
    for name, fn in runs.items():
        fn(texts[0][0])
        t0 = time.perf_counter()
        found = [fn(text) for text, _ in texts]
        ms = (time.perf_counter() - t0) / len(texts) * 1000
        t0 = time.perf_counter()
        for text, _ in texts:  # again: every word's dictionary lookups cached, a worker's best case
            fn(text)
        warm = (time.perf_counter() - t0) / len(texts) * 1000
        right = sum(f == gold or (gold in ("sr", "hr", "bs") and f in ("sr", "hr", "bs", "cnr")) for f, (_, gold) in zip(found, texts))
        routed = sum(route(f) == route(gold) for f, (_, gold) in zip(found, texts))
        results[name] = ms
        print(f"{name:24} {ms:10.2f} {warm:7.2f} {100 * right / len(texts):8.1f}% {100 * routed / len(texts):6.1f}%")
    print(f"\nnewsqa / langdetect: {results['newsqa detect'] / results['langdetect alone']:.2f}x the time "
          f"(language: Serbo-Croatian standards counted together; the standard is scored by eval/)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
