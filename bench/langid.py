"""Benchmark: language detection per 1,000-word article, newsqa's detector against langdetect alone
(the design card's choice, the old way's cost) and lingua alone with all its languages, in one run.

Articles are 1,000 words each, built from real news sentences (DSLCC 2014: Serbian, Croatian,
Bosnian, Czech, Slovak, Indonesian, Portuguese) and the English seed article repeated; each detector
reads the whole text it is given (newsqa bounds itself to its first 2,000 characters). Model loading
is left out (one warm-up call). Three figures a detector:

* cold: the first articles a fresh process reads (every word new to the caches);
* steady: new articles after 50 others of the same languages (what a worker that has run a while
  sees: frequent words cached, each article's own words not);
* repeat: the same articles again (every word cached: a best case).

Times are CPU time of this process (time.process_time): on a shared machine the wall clock also
counts other people's work. Target: newsqa ≤ 5 ms per article, steady.

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
OLD = "e863380"  # main before issue 13: the closed-world detector
WARM_UP = 50


def articles(per_label: int, first: int = 0) -> list[tuple[str, str]]:
    """(text of 1,000 words, ISO code) pairs: ``per_label`` for each label from sentence ``first`` on,
    and the seed article."""
    by_label: dict[str, list[str]] = defaultdict(list)
    for text, label in load(DATA):
        by_label[label].append(text)
    out = []
    for label in LABELS:
        sentences = by_label[label]
        for i in range(per_label):
            words: list[str] = []
            j = first + i * 40
            while len(words) < WORDS:
                words.extend(sentences[j % len(sentences)].split())
                j += 1
            out.append((" ".join(words[:WORDS]), LANGUAGE[label]))
    seed = (ROOT / "seeds" / "syria-offensive-2024-12-01.en.txt").read_text().split()
    out.extend((" ".join((seed * (WORDS // len(seed) + 1))[:WORDS]), "en") for _ in range(per_label))
    return out


def old_detect(revision: str):
    """``detect`` of worker/langid.py as it was at ``revision`` (read with git), or None."""
    import subprocess
    import types

    try:
        source = subprocess.run(["git", "show", f"{revision}:worker/langid.py"], cwd=ROOT, check=True,
                                capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        print(f"(no old detector: git show {revision} failed: {exc})")
        return None
    module = types.ModuleType("old_langid")
    sys.modules["old_langid"] = module  # dataclasses look their module up there
    exec(compile(source, f"{revision}:worker/langid.py", "exec"), module.__dict__)  # noqa: S102 - our own file
    return module.detect


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5, help="articles per language")
    parser.add_argument("--no-lingua", action="store_true")
    parser.add_argument("--old", default=OLD, help="git revision whose worker/langid.py is 'the old way' ('' to skip)")
    args = parser.parse_args(argv)
    texts = articles(args.articles)
    others = articles(WARM_UP // len(LABELS) + 1, first=500)  # sentences the measured articles do not use

    from newsqa.worker.langid import _langdetect, detect

    runs = {"newsqa detect": lambda t: detect(t).language}
    old = old_detect(args.old) if args.old else None
    if old is not None:
        runs[f"old detect ({args.old})"] = lambda t: old(t).language
    runs["langdetect alone"] = _langdetect
    if not args.no_lingua:
        from lingua import LanguageDetectorBuilder

        everything = LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()
        runs["lingua alone (75, low)"] = lambda t: (lambda l: l.iso_code_639_1.name.lower() if l else None)(
            everything.detect_language_of(t))
    print(f"{len(texts)} articles of {WORDS} words ({', '.join(LABELS)}, en), one process\n")
    print(f"{'detector':24} {'cold ms':>8} {'steady ms':>10} {'repeat ms':>10} {'language':>9} {'route':>7}")
    results = {}
    cold_texts, steady_texts = texts[::2], texts[1::2]
    for name, fn in runs.items():
        for text, _ in others[::WARM_UP // len(LABELS) + 1]:
            fn(text[:80])  # one short text a language: models and dictionaries load here
        ms = {}
        t0 = time.process_time()
        found = [fn(text) for text, _ in cold_texts]
        ms["cold"] = (time.process_time() - t0) / len(cold_texts) * 1000
        for text, _ in others[:WARM_UP]:
            fn(text)
        t0 = time.process_time()
        found += [fn(text) for text, _ in steady_texts]
        ms["steady"] = (time.process_time() - t0) / len(steady_texts) * 1000
        t0 = time.process_time()
        for text, _ in steady_texts:
            fn(text)
        ms["repeat"] = (time.process_time() - t0) / len(steady_texts) * 1000
        texts_in_order = cold_texts + steady_texts
        right = sum(f == gold or (gold in ("sr", "hr", "bs") and f in ("sr", "hr", "bs", "cnr"))
                    for f, (_, gold) in zip(found, texts_in_order))
        routed = sum(route(f) == route(gold) for f, (_, gold) in zip(found, texts_in_order))
        results[name] = ms["steady"]
        print(f"{name:24} {ms['cold']:8.2f} {ms['steady']:10.2f} {ms['repeat']:10.2f} {100 * right / len(texts):8.1f}% {100 * routed / len(texts):6.1f}%")
    print(f"\nnewsqa / langdetect, steady: {results['newsqa detect'] / results['langdetect alone']:.2f}x the time "
          f"(language: Serbo-Croatian standards counted together; the standard is scored by eval/)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
