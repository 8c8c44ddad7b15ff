"""Benchmark: the translate stage with Apertium kept running against a fresh `apertium` per text.

Source words per second of the Apertium engine on South Slavic texts of three sizes (a sentence, a
paragraph, an article), per-call start-up (``NEWSQA_APERTIUM_KEEP=0``, the engine before pipelines
were kept) against the kept pipeline (the default), in one run, on the same texts taken in turns; and the default
translate stage (engine + glossary step, the seed glossary) at article size. The texts are the news
sentences of eval/mt*.jsonl (Serbian in both scripts, Croatian, Bosnian, Macedonian), joined per
language up to each size. Every kept-pipeline result is compared with the per-call one: a speed-up
that changed a translation would be no speed-up.

    python bench/apertium.py [--rounds 2] [--sizes 15 80 450]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def script(text: str) -> str:
    letters = [c for c in text if c.isalpha()]
    return "Cyrl" if 2 * sum("\u0400" <= c <= "\u04ff" for c in letters) > len(letters) else "Latn"


def texts_of(size: int) -> list[tuple[str, str, str]]:
    """(lang, script, text): one text per language and script, its sentences joined to ``size`` words."""
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for name in ("mt.jsonl", "mt-heldout.jsonl"):
        for line in (ROOT / "eval" / name).read_text(encoding="utf-8").splitlines():
            case = json.loads(line)
            groups[(case["source_lang"], script(case["source"]))].append(case["source"])
    out = []
    for (lang, scr), sentences in sorted(groups.items()):
        picked: list[str] = []
        i = 0
        while sum(len(s.split()) for s in picked) < size:
            picked.append(sentences[i % len(sentences)])
            i += 1
        # paragraphs of five sentences, as an article has them
        out.append((lang, scr, "\n\n".join(" ".join(picked[j:j + 5]) for j in range(0, len(picked), 5))))
    return out


def paired(slow, fast, texts: list[tuple[str, str, str]], rounds: int) -> tuple[float, float, bool]:
    """Seconds of each engine over the same texts, text by text in turns (so that a change in the
    machine's load falls on both alike), and whether every pair of results was equal."""
    slow_s = fast_s = 0.0
    same = True
    for _ in range(rounds):
        for lang, scr, text in texts:
            t0 = time.perf_counter()
            a = slow.translate([text], lang, scr)
            t1 = time.perf_counter()
            b = fast.translate([text], lang, scr)
            t2 = time.perf_counter()
            slow_s, fast_s, same = slow_s + t1 - t0, fast_s + t2 - t1, same and a == b
    return slow_s, fast_s, same


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2, help="passes over the texts of each size")
    parser.add_argument("--sizes", type=int, nargs="+", default=[15, 80, 450], help="words a text")
    args = parser.parse_args(argv)

    from newsqa import config
    from newsqa.qa import Checker, load_glossary
    from newsqa.worker.engines.apertium import Apertium
    from newsqa.worker.engines.apertium_pipe import _PIPELINES
    from newsqa.worker.engines.glossary import GlossaryAware

    kept, per_call = Apertium(keep=True), Apertium(keep=False)
    checker = Checker(load_glossary(ROOT / "seeds" / "glossary.tbx"))
    for lang, scr, text in texts_of(15):  # start each kept pipeline once (a worker does it on its first text)
        kept.translate([text], lang, scr)
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; settings: timeout "
          f"{config.APERTIUM_TIMEOUT.get()} s, max requests "
          f"{config.APERTIUM_MAX_REQUESTS.get()}, max RSS {config.APERTIUM_MAX_RSS_MB.get()} MiB", flush=True)

    rows = []
    for size in args.sizes:
        texts = texts_of(size)
        words = args.rounds * sum(len(t.split()) for _, _, t in texts)
        cases = [("apertium", per_call, kept)]
        if size == max(args.sizes):
            cases.append(("apertium + glossary", GlossaryAware(per_call, checker), GlossaryAware(kept, checker)))
        for label, slow, fast in cases:
            slow_s, fast_s, same = paired(slow, fast, texts, args.rounds)
            if not same:
                print(f"DIFFERENT OUTPUT at {size} words ({label})", file=sys.stderr)
                return 1
            rows.append((label, size, len(texts) * args.rounds, words, words / slow_s, words / fast_s))
            print(rows[-1], flush=True)

    rss = sum(p.rss_mib() for p in _PIPELINES.values())
    starts = sum(p.starts for p in _PIPELINES.values())
    print()
    print("| stage | words a text | texts | source words | per-call words/s | kept words/s | kept / per-call |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, size, n, words, slow, fast in rows:
        print(f"| {label} | ~{size} | {n} | {words} | {slow:,.0f} | {fast:,.0f} | {fast / slow:.1f}× |")
    print(f"\nkept pipelines: {len(_PIPELINES)} modes, {starts} starts, {rss:.0f} MiB resident together; "
          "every kept result equal to the per-call one")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
