"""Benchmark: checking 1,000-word articles against glossaries of 1,000 to 1,000,000 entities.

Two tables. Today's index, built in each process's memory (up to ``--memory-sizes``): build time,
peak memory of the build (tracemalloc), milliseconds per article, and the naive baseline (every
window of 1-4 words against every accepted English term with rapidfuzz) in the same process.
The shared index file (qa/index_file.py): build time, size on disk, time to open it, the first
article and the median article, whether the flags are the same as today's index gives, the PSS
that the index adds to 4 worker processes mapping it (against the same processes with no
glossary), and the seconds from an edit of one entity to a check that sees it (qa/overlay.py).
Ratios at the end: per-article time at the largest size over the smallest, for each index.

    python bench/checker_bench.py [--sizes 1000 10000 100000 1000000] [--memory-sizes 1000 10000 100000]
                                  [--articles 20] [--naive-sizes 1000 10000] [--processes 4]
"""

from __future__ import annotations

import argparse
import copy
import gc
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Iterator

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from procmem import pss_kib  # noqa: E402
from rapidfuzz import fuzz, process  # noqa: E402

from newsqa.qa import Checker, Entity, Glossary, Status, Term  # noqa: E402
from newsqa.qa.index_file import MappedIndex, build_index  # noqa: E402
from newsqa.qa.overlay import OverlaidIndex  # noqa: E402
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


def synthetic_entities(size: int, seed: int = 7) -> Iterator[Entity]:
    """Deterministic: the first N entities are the same whatever the size; made one at a time."""
    rng = random.Random(seed)
    firsts = [word(rng, rng.randint(2, 3)) for _ in range(400)]
    seen: set[str] = set()
    made = 0
    while made < size:
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
        yield Entity(f"e{made:06d}", etype, terms=terms)
        made += 1


def make_glossary(size: int, seed: int = 7) -> Glossary:
    """The first ``size`` synthetic entities as a Glossary (what today's in-memory index takes)."""
    glossary = Glossary(title=f"synthetic {size}")
    for entity in synthetic_entities(size, seed):
        glossary.add(entity)
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


def make_sources(articles: list[str], seed: int = 13) -> list[str]:
    """Each article as a stand-in Serbian source: every word in the glossary's Serbian spelling,
    about one capitalised word in three with a case ending (-a, -u, -om), as names arrive declined."""
    rng = random.Random(seed)
    return [" ".join(to_serbian(w) + (rng.choice(["a", "u", "om"]) if w[:1].isupper() and rng.random() < 0.3 else "")
                     for w in text.split()) for text in articles]


def source_ms(checker: Checker, articles: list[str], sources: list[str]) -> float:
    """Median ms per article of a check with its source (what the pipeline's check stage runs)."""
    for text, source in zip(articles, sources):
        checker.check(text, source=source, source_lang="sr")
    times = []
    for text, source in zip(articles, sources):
        t0 = time.perf_counter()
        checker.check(text, source=source, source_lang="sr")
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


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


def check_all(checker: Checker, articles: list[str], warm: bool = False) -> tuple[float, list]:
    """Median ms per article, and every article's flags. ``warm``: check every article once
    before timing (a long-running worker's state: the index pages it uses in the page cache)."""
    for text in articles if warm else articles[:1]:
        checker.check(text)  # warm the word-frequency list and caches
    times, flags = [], []
    for text in articles:
        t0 = time.perf_counter()
        flags.append(checker.check(text))
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000, flags


def memory_rows(args, largest: list[Entity], articles: list[str]) -> dict[int, tuple[float, list]]:
    """Today's index: built in each process's memory."""
    print(f"\nToday's index (in each process's memory); {args.articles} articles of ~1,000 words, "
          f"names drawn from the first 1,000 entities")
    print(f"{'entities':>9} {'build s':>8} {'build MB':>9} {'ms/article':>11} {'flags/art':>10} "
          f"{'naive ms/art':>13} {'naive/newsqa':>13}")
    out: dict[int, tuple[float, list]] = {}
    for size in args.memory_sizes:
        glossary = Glossary(entities={e.id: e for e in largest[:size]})
        gc.collect()
        tracemalloc.start()
        Checker(glossary)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        gc.collect()
        t0 = time.perf_counter()
        checker = Checker(glossary)
        build = time.perf_counter() - t0
        ms, flags = check_all(checker, articles)
        out[size] = (ms, flags)
        naive = ratio = ""
        if size in args.naive_sizes:
            choices = [t.text for e in glossary for t in e.terms if t.base_lang == "en" and t.status.accepted]
            t0 = time.perf_counter()
            for text in articles[: args.naive_articles]:
                naive_flags(text, choices)
            naive_ms = (time.perf_counter() - t0) / args.naive_articles * 1000
            naive, ratio = f"{naive_ms:13.0f}", f"{naive_ms / ms:12.0f}x"
        print(f"{size:9d} {build:8.2f} {peak / 2**20:9.1f} {ms:11.2f} {sum(map(len, flags)) / len(articles):10.1f} "
              f"{naive:>13} {ratio:>13}", flush=True)
        del checker, glossary
    return out


def worker(folder: str, articles_file: str) -> int:
    """One stand-in worker process: map the index (or none), check the articles, wait to be measured."""
    articles = json.loads(Path(articles_file).read_text(encoding="utf-8"))
    checker = Checker(Glossary()) if folder == "-" else Checker(index=MappedIndex(folder))
    for text in articles:
        checker.check(text)
    print("ready", flush=True)
    sys.stdin.readline()
    return 0


def pss_of_workers(folder: str, articles_file: str, processes: int) -> tuple[float, float]:
    """Total PSS and its mapped-file part (MB) of ``processes`` workers that each checked every
    article, read while all live."""
    procs = [subprocess.Popen([sys.executable, __file__, "--worker", folder, "--articles-file", articles_file],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) for _ in range(processes)]
    try:
        for proc in procs:
            if proc.stdout.readline().strip() != "ready":
                raise RuntimeError("a bench worker failed")
        return (sum(pss_kib(proc.pid) for proc in procs) / 1024,
                sum(pss_kib(proc.pid, "Pss_File") for proc in procs) / 1024)
    finally:
        for proc in procs:
            proc.communicate("\n", timeout=60)


def page_cache_mb(folder: Path) -> str:
    """How much of the index the page cache holds (util-linux ``fincore``), '-' without it."""
    if not shutil.which("fincore"):
        return "-"
    out = subprocess.run(["fincore", "--bytes", "--noheadings", "--output", "RES", *map(str, folder.iterdir())],
                         capture_output=True, text=True)
    if out.returncode:
        return "-"
    return f"{sum(int(x) for x in out.stdout.split()) / 2**20:.0f}"


def edit_seconds(index: MappedIndex, entity: Entity) -> float:
    """Seconds from an edit (a deprecated form added to one entity) to a check that flags it."""
    edited = copy.deepcopy(entity)
    edited.terms.append(Term("Zqxworth Qorbanid", "en", Status.DEPRECATED))
    text = "Officials said Zqxworth Qorbanid met them."
    assert not Checker(index=index).check(text)
    t0 = time.perf_counter()
    checker = Checker(index=OverlaidIndex.over(index, {edited.id: edited}, "edited"))
    flags = checker.check(text)
    seconds = time.perf_counter() - t0
    assert [f.kind for f in flags] == ["deprecated"], flags
    return seconds


def file_rows(args, largest: list[Entity], articles: list[str], today: dict[int, tuple[float, list]],
              folder: Path) -> dict[int, float]:
    sources = make_sources(articles)
    articles_file = folder / "articles.json"
    articles_file.write_text(json.dumps(articles), encoding="utf-8")
    baseline, baseline_file = pss_of_workers("-", str(articles_file), args.processes) if args.processes else (0, 0)
    print(f"\nShared index file (qa/index_file.py, mapped by every process; built with {args.build_processes} "
          f"processes); PSS of {args.processes} worker "
          f"processes that each checked the {args.articles} articles, less the same processes without a glossary "
          f"({baseline:.0f} MB)")
    print("(cold ms: the first pass over the articles, the index read from disk as it goes; ms/article: a "
          "second pass; with src: a check with a Serbian source, as the pipeline runs it; cache MB: the "
          "index's pages in the page cache after the workers ran)")
    print(f"{'entities':>9} {'build s':>8} {'file MB':>8} {'open s':>7} {'1st art ms':>11} {'cold ms':>8} "
          f"{'ms/article':>11} {'with src':>9} {'flags/art':>10} {'same flags':>11} {f'PSS x{args.processes} MB':>12} "
          f"{'of it file':>11} {'cache MB':>9} {'edit s':>7}")
    out: dict[int, float] = {}
    for size in args.sizes:
        path = folder / f"synthetic-{size}"
        gc.collect()
        t0 = time.perf_counter()
        build_index(largest[:size], path, f"synthetic {size}", processes=args.build_processes)
        build = time.perf_counter() - t0
        megabytes = sum(f.stat().st_size for f in path.iterdir()) / 2**20
        t0 = time.perf_counter()
        index = MappedIndex(path)
        opened = time.perf_counter() - t0
        checker = Checker(index=index)
        t0 = time.perf_counter()
        checker.check(articles[0])
        first = (time.perf_counter() - t0) * 1000
        cold, _ = check_all(checker, articles)
        ms, flags = check_all(checker, articles, warm=True)
        with_source = source_ms(checker, articles, sources)
        out[size] = ms
        same = ("yes" if flags == today[size][1] else "NO") if size in today else "-"
        pss, pss_file = pss_of_workers(str(path), str(articles_file), args.processes) if args.processes else (0, 0)
        pss, pss_file = pss - baseline, pss_file - baseline_file
        cache = page_cache_mb(path)
        edit = edit_seconds(index, largest[10])
        print(f"{size:9d} {build:8.1f} {megabytes:8.0f} {opened:7.3f} {first:11.1f} {cold:8.1f} {ms:11.2f} {with_source:9.1f} "
              f"{sum(map(len, flags)) / len(articles):10.1f} {same:>11} {pss:12.0f} {pss_file:11.0f} {cache:>9} "
              f"{edit:7.3f}", flush=True)
        del checker, index
        if not args.keep:
            shutil.rmtree(path)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000, 1000000],
                        help="glossary sizes for the shared index file")
    parser.add_argument("--memory-sizes", type=int, nargs="*", default=[1000, 10000, 100000],
                        help="glossary sizes for today's in-memory index (it needs ~6.5 KB an entity a process)")
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--naive-sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--naive-articles", type=int, default=2)
    parser.add_argument("--processes", type=int, default=4, help="worker processes for the PSS column (0: skip)")
    parser.add_argument("--build-processes", type=int, default=os.cpu_count() or 1,
                        help="processes that tokenise terms while the index file is built")
    parser.add_argument("--dir", type=Path, help="where index files go (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the index files")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--articles-file", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return worker(args.worker, args.articles_file)

    t0 = time.perf_counter()
    largest = list(synthetic_entities(max(args.sizes + args.memory_sizes)))
    articles = make_articles(largest[:1000], args.articles)
    print(f"{len(largest):,} synthetic entities made in {time.perf_counter() - t0:.0f} s; "
          f"load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    today = memory_rows(args, largest, articles)
    folder = args.dir or Path(tempfile.mkdtemp(prefix="newsqa-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        shared = file_rows(args, largest, articles, today, folder)
    finally:
        if not args.keep and not args.dir:
            shutil.rmtree(folder, ignore_errors=True)
    print()
    for name, rows in (("today's index", {k: v[0] for k, v in today.items()}), ("shared index file", shared)):
        if len(rows) > 1:
            lo, hi = min(rows), max(rows)
            print(f"{name}: per-article time at {hi:,} entities / at {lo:,}: {rows[hi] / rows[lo]:.2f}x")
    print(f"load average at the end {os.getloadavg()[0]:.1f} (the machine is shared: re-run rows when quieter)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
