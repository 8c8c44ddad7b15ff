"""The end-to-end scorer (eval/e2e_score.py) on cases written for these tests."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "eval"))

from e2e_score import occurrences, score_case  # noqa: E402


def _case(entities: list[tuple[str, str]], names: list[dict] | None = None) -> dict:
    return {"id": "t", "language": "sr", "script": "Latn", "text": "",
            "entities": [{"entity": e, "source": s} for e, s in entities], "names": names or []}


FORMS = {"hafez": ["Hafez al-Assad", "al-Assad", "Assad"], "bashar": ["Bashar al-Assad", "al-Assad", "Assad"]}


def test_a_surname_two_entities_share_counts_for_the_one_still_short_of_it():
    case = _case([("hafez", "Hafeza al-Asada"), ("bashar", "Bašara al-Asada"), ("bashar", "Asadovom")])
    out = {"translation": "Portraits of Hafez al-Assad and Bashar al-Assad; al-Assad's regime fell.", "flags": []}
    s = score_case(case, out, FORMS)
    assert (s["terms"], s["terms_right"], s["residual"]) == (3, 3, 0)
    # the same mentions with one rendering missing: one is wrong, whichever order the entities come in
    out = {"translation": "Portraits of Hafez al-Assad and Bashar al-Assad; the regime fell.", "flags": []}
    assert score_case(case, out, FORMS)["terms_right"] == 2
    reversed_case = _case([("bashar", "Bašara al-Asada"), ("bashar", "Asadovom"), ("hafez", "Hafeza al-Asada")])
    assert score_case(reversed_case, out, FORMS)["terms_right"] == 2


def test_occurrences_keep_every_owner_of_a_span_longest_form_first():
    hits = occurrences("Bashar al-Assad met al-Assad", [("al-Assad", "h"), ("Bashar al-Assad", "b"), ("al-Assad", "b")])
    assert hits == [(0, 15, ["b"]), (20, 28, ["h", "b"])]


def test_a_flag_on_a_right_name_is_false_and_one_on_a_wrong_name_counts_it_flagged():
    case = _case([], [{"english": ["Uri Resnick"], "mentions": [{"source": "Uri Resnik"}]},
                      {"english": ["Avi Bluth"], "mentions": [{"source": "Avi Blut"}]}])
    out = {"translation": "Uri Resnik met Avi Bluth.",
           "flags": [{"kind": "unverified_name", "found": "Resnik", "start": 0, "end": 10},
                     {"kind": "unverified_name", "found": "Bluth", "start": 15, "end": 24}]}
    s = score_case(case, out, {})
    assert (s["names"], s["names_right"], s["residual"], s["flagged"], s["false_flags"]) == (2, 1, 0, 1, 1)


def test_the_report_names_the_code_the_chain_runs():
    """A run says which newsqa it ran: the repository's qa folder here (an older commit's copy on
    PYTHONPATH would not have been run, which is how two commits once scored alike)."""
    from e2e_score import ROOT, code_under_test

    where, _, rev = code_under_test().partition(" at ")
    assert Path(where) == (ROOT / "qa").resolve()
    assert rev


def test_an_earlier_commit_laid_out_is_the_code_the_chain_runs(tmp_path):
    """eval/code_at.py lays a commit out so that python -m newsqa inside it imports that commit's
    files: the scorer's report names them and the commit."""
    import subprocess

    from code_at import lay_out
    from e2e_score import ROOT, code_under_test

    rev = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], check=True,
                         capture_output=True, text=True).stdout.strip()
    folder = lay_out("HEAD", tmp_path / "code")
    where, _, shown = code_under_test(folder).partition(" at ")
    assert Path(where) == (folder / "src" / "qa").resolve()
    assert shown == rev
    assert (folder / "newsqa" / "cli.py").exists() and (folder / "seeds" / "glossary.tbx").exists()
