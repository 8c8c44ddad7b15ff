"""Score language detection on a labelled set: per-language accuracy of langdetect alone and of
newsqa's detector, and how often each routes the text to the right translation pair.

    python eval/langid_score.py [eval/langid.jsonl]
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsqa.worker.engines.apertium import PAIRS  # noqa: E402
from newsqa.worker.langid import _langdetect, detect  # noqa: E402


HBS = {"sr", "hr", "bs", "cnr"}
CONFIDENT = 0.8  # worker/langid.py gives 0.85 when words decide a standard, 0.5 or 0.6 to a tie


def route(language: str | None) -> str:
    """The translation pair a language goes to: hbs-eng, mkd-eng, passthrough for English, or none."""
    if language == "en":
        return "passthrough"
    return PAIRS.get(language or "", "none")


def score(cases: list[dict]) -> dict:
    table: dict[str, dict[str, list[int]]] = defaultdict(lambda: {"ld_lang": [0, 0], "nq_lang": [0, 0],
                                                                  "ld_route": [0, 0], "nq_route": [0, 0],
                                                                  "nq_head": [0, 0]})
    misses = []
    confident = [0, 0]  # Serbo-Croatian texts the detector named at confidence >= CONFIDENT: right, all
    for case in cases:
        key = case["language"] + ("-" + case["script"] if case["language"] == "sr" else "")
        expected = case["language"]
        ld = _langdetect(case["text"])
        found = detect(case["text"])
        nq = found.language
        if expected in HBS and found.confidence >= CONFIDENT:
            confident[0] += nq == expected
            confident[1] += 1
        row = table[key]
        for name, got in (("ld_lang", ld), ("nq_lang", nq)):
            row[name][0] += got == expected
            row[name][1] += 1
        for name, got in (("ld_route", ld), ("nq_route", nq)):
            row[name][0] += route(got) == route(expected)
            row[name][1] += 1
        if case.get("headline"):
            row["nq_head"][0] += nq == expected
            row["nq_head"][1] += 1
        if nq != expected:
            misses.append(f"{case['id']}: expected {expected}, newsqa {nq}, langdetect {ld}: {case['text'][:60]}")
    hbs_total = sum(table[k]["nq_lang"][1] for k in table if k.split("-")[0] in HBS)
    return {"table": table, "misses": misses, "confident": confident, "hbs_total": hbs_total}


def main(argv: list[str] | None = None) -> int:
    path = Path(argv[0] if argv else ROOT / "eval" / "langid.jsonl")
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    result = score(cases)
    pct = lambda pair: f"{100 * pair[0] / pair[1]:5.1f}%" if pair[1] else "    —"  # noqa: E731
    print(f"{'language':10} {'n':>3}  {'langdetect':>10} {'newsqa':>7}   {'route: langdetect':>17} {'newsqa':>7}"
          f"   {'newsqa, headlines':>17}")
    totals = defaultdict(lambda: [0, 0])
    for key in sorted(result["table"]):
        row = result["table"][key]
        for name, pair in row.items():
            totals[name][0] += pair[0]
            totals[name][1] += pair[1]
        print(f"{key:10} {row['nq_lang'][1]:3}  {pct(row['ld_lang']):>10} {pct(row['nq_lang']):>7}   "
              f"{pct(row['ld_route']):>17} {pct(row['nq_route']):>7}   {pct(row['nq_head']):>17}")
    print(f"{'all':10} {totals['nq_lang'][1]:3}  {pct(totals['ld_lang']):>10} {pct(totals['nq_lang']):>7}   "
          f"{pct(totals['ld_route']):>17} {pct(totals['nq_route']):>7}   {pct(totals['nq_head']):>17}")
    right, named = result["confident"]
    if named:
        print(f"Serbo-Croatian texts named with confidence >= {CONFIDENT} (words decided, not a tie): {named} of "
              f"{result['hbs_total']}, {pct((right, named)).strip()} right")
    for miss in result["misses"]:
        print("  miss", miss)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
