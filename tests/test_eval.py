"""The evaluation sets as a regression guard: the figures the README reports must hold."""

from __future__ import annotations

from pathlib import Path

import pytest

from eval.score import load, predict, score

pytestmark = pytest.mark.eval

EVAL = Path(__file__).resolve().parent.parent / "eval"


@pytest.mark.parametrize("name", ["heldout.jsonl", "heldout2.jsonl", "heldout3.jsonl", "dev.jsonl"])
def test_precision_and_recall_hold(name):
    path = EVAL / name
    cases = load(path)
    if name == "heldout.jsonl":
        assert len(cases) >= 60 and sum(1 for c in cases if not c["expected"]) * 3 >= len(cases)
    result = score(cases, predict(path, "seeds/glossary.tbx"))
    assert result["precision"] >= 0.95 and result["recall"] >= 0.95, result["mistakes"]


def test_scorer_counts_misses_and_false_flags():
    cases = [{"id": "1", "text": "Liban and Idlib", "expected": [["lebanon", "Liban"]]},
             {"id": "2", "text": "Idlib", "expected": []},
             {"id": "3", "text": "x", "expected": [["white-helmets", None]]}]
    preds = {"1": [{"entity": "lebanon", "start": 0, "end": 5}],
             "2": [{"entity": "idlib", "kind": "near_miss", "found": "Idlib", "start": 0, "end": 5}],
             "3": [{"entity": "white-helmets", "start": None, "end": None}]}
    s = score(cases, preds)
    assert (s["tp"], s["fp"], s["fn"], s["control_fp"]) == (2, 1, 0, 1)
    s = score(cases, {"1": [{"entity": "lebanon", "start": 6, "end": 9}]})
    assert (s["tp"], s["fp"], s["fn"]) == (0, 1, 2)
