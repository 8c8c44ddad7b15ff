"""Score the checker on an evaluation set: precision, recall and F1 of its flags.

Runs ``newsqa check --jsonl`` (the stable batch contract) on the cases, or reads predictions from
``--predictions``. A flag counts as correct when it names the expected entity and its span overlaps
the expected one (the first occurrence of ``found`` in the text), or when both have no span
(the entity is missing from the translation). Each case line:
``{"id", "text", "source", "source_lang", "expected": [[entity, found or null], ...]}``;
a case with no expected flags is a control.

    python eval/score.py eval/heldout.jsonl [--glossary seeds/glossary.tbx] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def predict(cases_path: Path, glossary: str) -> dict[str, list[dict]]:
    out = subprocess.run(
        [sys.executable, "-m", "newsqa", "check", "--glossary", glossary, "--jsonl", str(cases_path)],
        check=True, capture_output=True, text=True, cwd=ROOT,
    ).stdout
    return {row["id"]: row["flags"] for row in map(json.loads, out.splitlines())}


def predict_shared(cases_path: Path, glossary: str) -> dict[str, list[dict]]:
    """The same predictions from a checker over the shared index file (qa/index_file.py), built
    from the glossary in a temporary folder: its figures must equal the in-memory index's."""
    import tempfile

    from newsqa import config
    from newsqa.qa import Checker, load_glossary
    from newsqa.qa.index_file import MappedIndex, build_index
    from newsqa.worker.lexicon import knows_lowercase

    loaded = load_glossary(glossary)
    floor = config.min_confidence()
    with tempfile.TemporaryDirectory() as folder:
        checker = Checker(index=MappedIndex(build_index(loaded, Path(folder) / "index", loaded.version)),
                          known_word=knows_lowercase)  # as `newsqa check` does
        return {case.get("id", n): [f.to_contract() for f in checker.check(case["text"], case.get("source"),
                                                                          case.get("source_lang"))
                                    if f.confidence >= floor]
                for n, case in enumerate(load(cases_path), 1)}


def expected_span(text: str, found: str | None) -> tuple[int, int] | None:
    if found is None:
        return None
    start = text.find(found)
    if start < 0:
        raise ValueError(f"expected text {found!r} is not in {text!r}")
    return start, start + len(found)


def matches(flag: dict, entity: str, span: tuple[int, int] | None) -> bool:
    if flag["entity"] != entity:
        return False
    if span is None or flag["start"] is None:
        return span is None and flag["start"] is None
    return flag["start"] < span[1] and span[0] < flag["end"]


def score(cases: list[dict], predictions: dict[str, list[dict]]) -> dict:
    tp = fp = fn = 0
    control_fp = 0
    mistakes: list[str] = []
    for case in cases:
        flags = list(predictions.get(case["id"], []))
        for entity, found in case["expected"]:
            span = expected_span(case["text"], found)
            hit = next((f for f in flags if matches(f, entity, span)), None)
            if hit is None:
                fn += 1
                mistakes.append(f"MISS {case['id']}: {entity} {found!r} in {case['text']!r}")
            else:
                tp += 1
                flags.remove(hit)
        for flag in flags:
            fp += 1
            control_fp += not case["expected"]
            mistakes.append(f"FALSE {case['id']}: {flag.get('kind')} {flag['entity']} {flag.get('found')!r} "
                            f"in {case['text']!r}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    controls = sum(1 for c in cases if not c["expected"])
    return {"cases": len(cases), "controls": controls, "expected": tp + fn, "flags": tp + fp,
            "tp": tp, "fp": fp, "fn": fn, "control_fp": control_fp,
            "precision": precision, "recall": recall, "f1": f1, "mistakes": mistakes}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="+", type=Path)
    parser.add_argument("--glossary", default=str(ROOT / "seeds" / "glossary.tbx"))
    parser.add_argument("--predictions", type=Path, help="JSONL output of newsqa check --jsonl")
    parser.add_argument("--index", choices=["memory", "shared"], default="memory",
                        help="memory: `newsqa check` (each process indexes the glossary); shared: the "
                             "mapped index file workers share")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every miss and false flag")
    args = parser.parse_args(argv)
    print(f"{'set':24} {'cases':>5} {'ctrl':>4} {'exp':>4} {'flags':>5} {'TP':>4} {'FP':>4} {'FN':>4} "
          f"{'P':>6} {'R':>6} {'F1':>6}")
    for path in args.cases:
        cases = load(path)
        preds = ({r["id"]: r["flags"] for r in load(args.predictions)} if args.predictions
                 else predict_shared(path, args.glossary) if args.index == "shared"
                 else predict(path, args.glossary))
        s = score(cases, preds)
        print(f"{path.name:24} {s['cases']:5} {s['controls']:4} {s['expected']:4} {s['flags']:5} "
              f"{s['tp']:4} {s['fp']:4} {s['fn']:4} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f}")
        if args.verbose:
            for line in s["mistakes"]:
                print("   ", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
