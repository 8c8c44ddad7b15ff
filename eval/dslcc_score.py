"""Score language routing on DSLCC 2014 (real news sentences nobody on this project wrote).

    python eval/dslcc_score.py [--sample N] [--seed 13] [--no-lingua] [--data PATH]

Three detectors run in the same process over the same sentences: newsqa's ``detect``, langdetect
alone (all its 55 languages) and lingua alone (all its 75 languages, high-accuracy mode). For each
gold label it prints

* **route**: the text went where it belongs: bs/hr/sr to the Serbo-Croatian pair (hbs-eng); cz, sk,
  id, my, pt-*, es-* to no South Slavic pair at all (any other answer, or none, is right for them);
* **lang**: the detector named the label's language (bs/hr/sr: the exact standard; cz → cs, my → ms,
  pt-BR/pt-PT → pt, es-AR/es-ES → es);
* **into SS**: how many texts of a non-South Slavic label went into a South Slavic pair (the harm the
  issue is about: Czech "translated" by the Serbo-Croatian pair).

The bs/hr/sr standard line is the accuracy over the three Serbo-Croatian labels together. The
data set is a development set (../shared/data/dslcc-2014/README.md): a figure after tuning on it is
not an unseen figure. ``--sample`` scores a fixed-seed sample per label (lingua with all languages
reads about 30 ms a sentence on one core).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eval.langid_score import route  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "dslcc-2014" / "test-gold.tsv"
HBS_LABELS = ("bs", "hr", "sr")
SOUTH_SLAVIC_PAIRS = {"hbs-eng", "mkd-eng"}
# The ISO 639-1 code each gold label's language has (the label's own code where it differs).
LANGUAGE = {"bs": "bs", "hr": "hr", "sr": "sr", "cz": "cs", "sk": "sk", "id": "id", "my": "ms",
            "pt-BR": "pt", "pt-PT": "pt", "es-AR": "es", "es-ES": "es"}


def load(path: Path) -> list[tuple[str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        text, _, label = line.rpartition("\t")
        if text and label:
            rows.append((text, label))
    return rows


def sample(rows: list[tuple[str, str]], per_label: int, seed: int) -> list[tuple[str, str]]:
    """``per_label`` sentences of each label, drawn with a fixed seed (all of a smaller label)."""
    by_label: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in rows:
        by_label[row[1]].append(row)
    rng = random.Random(seed)
    return [row for label in sorted(by_label) for row in
            (rng.sample(by_label[label], per_label) if per_label < len(by_label[label]) else by_label[label])]


def routed_right(label: str, language: str | None) -> bool:
    if label in HBS_LABELS:
        return route(language) == "hbs-eng"
    return route(language) not in SOUTH_SLAVIC_PAIRS


def detectors(use_lingua: bool) -> dict:
    from newsqa.worker.langid import _langdetect, detect

    found = {"newsqa": lambda text: detect(text).language, "langdetect": _langdetect}
    if use_lingua:
        from lingua import LanguageDetectorBuilder

        lingua = LanguageDetectorBuilder.from_all_languages().build()

        def lingua_all(text: str) -> str | None:
            language = lingua.detect_language_of(text)
            return language.iso_code_639_1.name.lower() if language else None
        found["lingua"] = lingua_all
    return found


def score(rows: list[tuple[str, str]], use_lingua: bool = True) -> tuple[dict, dict, dict]:
    """Per detector and label: [routed right, named right, into a South Slavic pair, n]; seconds per
    detector; and newsqa's confusions within the Serbo-Croatian group."""
    table: dict = {}
    seconds: dict = {}
    confusion: dict = defaultdict(int)
    for name, fn in detectors(use_lingua).items():
        fn(rows[0][0])  # loading models is not detection
        per_label: dict = defaultdict(lambda: [0, 0, 0, 0])
        t0 = time.perf_counter()
        for text, label in rows:
            got = fn(text)
            cell = per_label[label]
            cell[0] += routed_right(label, got)
            cell[1] += got == LANGUAGE[label]
            cell[2] += label not in HBS_LABELS and route(got) in SOUTH_SLAVIC_PAIRS
            cell[3] += 1
            if name == "newsqa" and label in HBS_LABELS:
                confusion[(label, got)] += 1
        seconds[name] = time.perf_counter() - t0
        table[name] = dict(per_label)
    return table, seconds, confusion


def report(rows: list[tuple[str, str]], table: dict, seconds: dict, confusion: dict) -> str:
    names = list(table)
    labels = sorted({label for _, label in rows}, key=lambda l: (l not in HBS_LABELS, l))
    pct = lambda a, b: f"{100 * a / b:6.2f}%" if b else "     —"  # noqa: E731
    out = []
    head = f"{'label':7} {'n':>5}  " + "  ".join(f"{n + ' route':>17} {'lang':>7} {'into SS':>7}" for n in names)
    out.append(head)
    totals = {n: [0, 0, 0, 0] for n in names}
    hbs = {n: [0, 0] for n in names}
    for label in labels:
        cells = [table[n][label] for n in names]
        out.append(f"{label:7} {cells[0][3]:5}  " + "  ".join(
            f"{pct(c[0], c[3]):>17} {pct(c[1], c[3]):>7} {c[2]:7}" for c in cells))
        for n, c in zip(names, cells):
            for i in range(4):
                totals[n][i] += c[i]
            if label in HBS_LABELS:
                hbs[n][0] += c[1]
                hbs[n][1] += c[3]
    out.append(f"{'all':7} {totals[names[0]][3]:5}  " + "  ".join(
        f"{pct(t[0], t[3]):>17} {pct(t[1], t[3]):>7} {t[2]:7}" for t in totals.values()))
    out.append("")
    out.append("bs/hr/sr standard (exact label over the three): " + ", ".join(
        f"{n} {pct(*hbs[n]).strip()}" for n in names))
    out.append("routing (all labels): " + ", ".join(f"{n} {pct(totals[n][0], totals[n][3]).strip()}" for n in names))
    out.append("seconds per sentence: " + ", ".join(f"{n} {1000 * s / len(rows):.2f} ms" for n, s in seconds.items()))
    out.append("")
    out.append("newsqa within Serbo-Croatian (gold -> detected: count):")
    for (gold, got), count in sorted(confusion.items(), key=lambda kv: (kv[0][0], -kv[1])):
        out.append(f"  {gold} -> {got}: {count}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--sample", type=int, default=0, help="sentences per label (0: all)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--no-lingua", action="store_true", help="leave lingua-alone out (the slow one)")
    args = parser.parse_args(argv)
    rows = load(args.data)
    if args.sample:
        rows = sample(rows, args.sample, args.seed)
    print(f"DSLCC 2014 test set: {len(rows)} sentences" +
          (f" (a sample of {args.sample} a label, seed {args.seed})" if args.sample else " (all)"))
    table, seconds, confusion = score(rows, not args.no_lingua)
    print(report(rows, table, seconds, confusion))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
