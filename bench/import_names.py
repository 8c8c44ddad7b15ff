"""Benchmark: importing a synthetic Wikidata dump into the store, streaming, in bounded memory.

Writes a Wikidata-format JSON dump (one entity a line) of N synthetic entities — people,
organisations and places in turns, each with an English label and alias and Serbian (Cyrillic and
Latin), Croatian and Macedonian labels: six terms an entity — and imports it as
`newsqa glossary import-names --format wikidata` does, into a fresh SQLite store (the default) or
the store of ``--db``. Each size runs in its own process, so its peak memory (VmHWM, the resident
high-water mark) is its own: a bounded import has about the same peak at every size. Then the same
dump again (a re-import: nothing changes) and a dry run.

    python bench/import_names.py [--sizes 10000 100000] [--db URL]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_LATIN = ("ba be bi bo bu da de di do ka ke ko la le li lo ma me mi mo na ne no ra re ri ro sa se si ta te to "
          "va ve vi za zo").split()
_TO_CYRILLIC = str.maketrans("abdeiklmnorstuvz", "абдеиклмнорстувз")
_KINDS = ["Q5", "Q43229", "Q515"]


def name(rng: random.Random, words: int) -> str:
    return " ".join("".join(rng.choice(_LATIN) for _ in range(rng.randint(2, 4))).capitalize() for _ in range(words))


def write_dump(path: Path, n: int, seed: int = 16) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        out.write("[\n")
        for i in range(n):
            english = name(rng, 2)
            latin = english.replace("o", "a", 1)
            labels = {"en": english, "sr-el": latin, "sr": latin.translate(_TO_CYRILLIC), "hr": latin,
                      "mk": latin.translate(_TO_CYRILLIC) + "в"}
            item = {"type": "item", "id": f"Q{1_000_000 + i}",
                    "labels": {k: {"language": k, "value": v} for k, v in labels.items()},
                    "aliases": {"en": [{"language": "en", "value": name(rng, 1) + " " + english.split()[-1]}]},
                    "descriptions": {"en": {"language": "en", "value": "synthetic"}},
                    "claims": {"P31": [{"rank": "normal", "mainsnak": {"snaktype": "value", "datavalue": {
                        "type": "wikibase-entityid", "value": {"entity-type": "item", "id": _KINDS[i % 3]}}}}]}}
            out.write(json.dumps(item, ensure_ascii=False) + (",\n" if i < n - 1 else "\n"))
        out.write("]\n")


def peak_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def one_size(n: int, db: str | None) -> dict:
    """Run in a child process: dump, import, re-import, dry run; timings and peak memory."""
    from newsqa.qa.name_sources import NameFilter, NameStats, open_lines, read_wikidata
    from newsqa.tasks.glossary_store import GlossaryStore
    from newsqa.tasks.store import Store

    tmp = Path(tempfile.mkdtemp(prefix="newsqa-names-"))
    dump = tmp / "wikidata.json"
    write_dump(dump, n)
    base_mib = peak_mib()
    store = GlossaryStore(Store(db or f"sqlite:///{tmp / 'store.sqlite3'}"))
    out = {"entities": n, "dump_mib": dump.stat().st_size / 2**20}
    for run, dry in (("import", False), ("re-import", False), ("dry run", True)):
        stats = NameStats()
        t0, c0 = time.perf_counter(), time.process_time()
        report = store.import_entities(read_wikidata(open_lines(dump), NameFilter(), stats), actor="bench",
                                       dry_run=dry, note=f"bench {n}")
        out[run] = {"seconds": time.perf_counter() - t0, "cpu": time.process_time() - c0,
                    "summary": report.summary(), "kept": stats.entities}
    out["terms"] = store.stats()["terms"]
    out["peak_mib"] = peak_mib()
    out["peak_before_import_mib"] = base_mib
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--db", help="store URL (default: a fresh SQLite file per size)")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(one_size(args.one, args.db)))
        return 0
    rows = []
    for n in args.sizes:
        cmd = [sys.executable, __file__, "--one", str(n)] + (["--db", args.db] if args.db else [])
        done = subprocess.run(cmd, capture_output=True, text=True, check=True)
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(rows[-1], flush=True)
    print()
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (wall time grows with it; "
          "CPU time is the import's own cost)\n")
    print("| entities | terms | dump MiB | import s (CPU s) | entities/s | re-import s (CPU s) | dry run s (CPU s) "
          "| peak RSS MiB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        cell = {run: f"{r[run]['seconds']:.1f} ({r[run]['cpu']:.1f})" for run in ("import", "re-import", "dry run")}
        print(f"| {r['entities']:,} | {r['terms']:,} | {r['dump_mib']:.0f} | {cell['import']} | "
              f"{r['entities'] / r['import']['seconds']:,.0f} | {cell['re-import']} | {cell['dry run']} | "
              f"{r['peak_mib']:.0f} |")
    for r in rows:
        print(f"\n{r['entities']:,}: import: {r['import']['summary']}\n  re-import: {r['re-import']['summary']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
