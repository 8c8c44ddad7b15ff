"""Score the whole chain (detect, translate with or without the glossary step, check) on eval/e2e.jsonl.

What an editor finally sees is a translation and its flags. Each name of the source (glossary
entities, marked with their entity id, and other names, marked with their accepted English forms)
is counted once per mention:

* right: an accepted English form of it occurs in the translation (as many times as it is mentioned;
  a person's surname alone counts, "Netanyahu's" holds "Netanyahu");
* flagged: not right, but a flag points at it (a flag for its glossary entity, or for another name
  a flag whose found text or suggestion is that name);
* residual: neither right nor flagged: a wrong name reaches the reader unmarked.

A false flag is a flag on correctly rendered text: its span covers a right name, or it belongs to no
wrong name of the article. chrF (sacrebleu) against the reference translations. Both runs go through
``newsqa run --jsonl ARTICLES --json --glossary FILE`` (the batch contract), once with
NEWSQA_MT_GLOSSARY=1 and once with 0; ``--with``/``--without`` read saved output instead.

    python eval/e2e_score.py [eval/e2e.jsonl] [--glossary seeds/glossary.tbx] [--save DIR] [--verbose]
    python eval/code_at.py REV /tmp/code-REV && python eval/e2e_score.py eval/e2e12.jsonl --code /tmp/code-REV
                                        # an earlier commit's code on the same set
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_SPECIAL = {"đ": "d", "ı": "i", "ł": "l", "’": "'", "‘": "'", "ʼ": "'", "-": " ", "‐": " "}


def fold(text: str) -> str:
    """Lower case, no diacritics, hyphens as spaces; one character for one, so spans still fit."""
    out = []
    for ch in text:
        c = _SPECIAL.get(ch.lower())
        if c is None:
            c = (unicodedata.normalize("NFKD", ch.lower())[:1] or ch)
        out.append(c)
    return "".join(out)


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def run_chain(cases_path: Path, glossary: str, step: bool, code: Path = ROOT) -> dict[str, dict]:
    """The batch contract's output per id, for the articles alone (id, text, language), from the
    newsqa that ``python -m newsqa`` finds in ``code`` (this repository, or an earlier commit laid
    out by eval/code_at.py)."""
    with tempfile.TemporaryDirectory() as tmp:
        articles = Path(tmp) / "articles.jsonl"
        articles.write_text("".join(json.dumps({"id": c["id"], "text": c["text"], "language": c["language"]},
                                               ensure_ascii=False) + "\n" for c in load(cases_path)),
                            encoding="utf-8")
        env = dict(os.environ, NEWSQA_MT_GLOSSARY="1" if step else "0",
                   NEWSQA_DATABASE_URL=f"sqlite:///{tmp}/e2e.sqlite3")
        out = subprocess.run([sys.executable, "-m", "newsqa", "run", "--jsonl", str(articles), "--json",
                              "--glossary", str(Path(glossary).resolve())], check=True, capture_output=True,
                             text=True, cwd=code,
                             env=env).stdout
    return {row["id"]: row for row in map(json.loads, filter(str.strip, out.splitlines()))}


def code_under_test(code: Path = ROOT) -> str:
    """Which newsqa code the chain runs (``python -m newsqa`` from ``code``: this repository, or a
    commit laid out by eval/code_at.py, whose ``.rev`` names it), with its commit: a copy of an older
    commit put first on PYTHONPATH is not what runs from a folder that holds a ``newsqa`` package (the
    current directory comes first), so a comparison of two commits must say which code each ran."""
    probe = "import os, newsqa.qa; print(os.path.dirname(os.path.realpath(newsqa.qa.__file__)))"
    where = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=code).stdout.strip()
    laid_out = Path(where).parent / ".rev"  # an earlier commit laid out by eval/code_at.py
    rev = laid_out.read_text().strip() if laid_out.exists() else subprocess.run(
        ["git", "-C", where or ".", "describe", "--always", "--dirty"], capture_output=True, text=True).stdout.strip()
    return f"{where} at {rev or 'no git commit'}"


def english_forms(glossary_path: str) -> dict[str, list[str]]:
    """Accepted English forms per entity; a person also by surname (with and without al-)."""
    from newsqa.qa.glossary_io import load_glossary
    from newsqa.qa.model import Status

    glossary = load_glossary(glossary_path)
    forms: dict[str, list[str]] = {}
    for entity in glossary.entities.values():
        names = [t.text for t in entity.terms if t.lang.split("-")[0] == "en"
                 and t.status not in (Status.DEPRECATED, Status.SUPERSEDED)]
        if entity.type == "person":
            for name in list(names):
                last = name.split()[-1]
                names += [last, re.sub(r"^(al|el)-", "", last)]
        forms[entity.id] = list(dict.fromkeys(names))
    return forms


def occurrences(text: str, owners: list[tuple[str, object]]) -> list[tuple[int, int, list]]:
    """Non-overlapping occurrences of the forms (longest first), each with every owner of a form
    found there, in the order of ``owners``."""
    folded = fold(text)
    hits = []
    for form, owner in owners:
        key = fold(form)
        if not key.strip():
            continue
        flags = 0 if form.isupper() else re.IGNORECASE
        source = folded if flags else text
        pattern = re.escape(key if flags else form)
        for m in re.finditer(rf"(?<!\w){pattern}(?!\w)", source, flags):
            hits.append((m.start(), m.end(), owner))
    hits.sort(key=lambda h: (-(h[1] - h[0]), h[0]))  # stable: owners of one span stay in order
    taken: list[tuple[int, int, list]] = []
    for start, end, owner in hits:
        if taken and taken[-1][:2] == (start, end):
            if owner not in taken[-1][2]:
                taken[-1][2].append(owner)
        elif not any(start < t[1] and t[0] < end for t in taken):
            taken.append((start, end, [owner]))
    return taken


def _tokens(text: str) -> set[str]:
    from newsqa.qa.normalize import to_latin
    return {w for w in re.findall(r"\w+", fold(to_latin(text))) if len(w) >= 3 and w not in ("al", "el", "bin")}


def _about(flag: dict, group: dict) -> bool:
    """Whether a flag points at this name (not in the glossary): its found text or suggestion shares a
    word with the name's source forms or English forms (near enough)."""
    from rapidfuzz import fuzz

    said = _tokens(" ".join(x for x in (flag.get("found"), flag.get("suggestion")) if x))
    known = _tokens(" ".join([m["source"] for m in group["mentions"]] + group["english"]))
    return any(a == b or (len(a) >= 4 and fuzz.ratio(a, b) >= 75) for a in said for b in known)


def score_case(case: dict, out: dict, forms: dict[str, list[str]]) -> dict:
    text = out.get("translation") or ""
    flags = out.get("flags") or []
    entities = list(dict.fromkeys(m["entity"] for m in case["entities"]))  # in order: scores must not vary by run
    owners = [(f, ("e", e)) for e in entities for f in forms[e]]
    owners += [(f, ("n", k)) for k, g in enumerate(case["names"]) for f in g["english"]]
    need = {("e", e): sum(1 for m in case["entities"] if m["entity"] == e) for e in entities}
    need.update({("n", k): len(g["mentions"]) for k, g in enumerate(case["names"])})
    found = defaultdict(int)
    hits = []
    for start, end, candidates in occurrences(text, owners):
        # a form two names share (al-Assad: Hafez's and Bashar's surname) counts for one still short of it
        owner = next((o for o in candidates if found[o] < need[o]), candidates[0])
        found[owner] += 1
        hits.append((start, end, owner))
    wrong: dict[tuple, int] = {}
    s = defaultdict(float)
    for e in entities:
        n = sum(1 for m in case["entities"] if m["entity"] == e)
        right = min(n, found[("e", e)])
        s["terms"] += n
        s["terms_right"] += right
        if n > right:
            wrong[("e", e)] = n - right
    for k, g in enumerate(case["names"]):
        n = len(g["mentions"])
        right = min(n, found[("n", k)])
        s["names"] += n
        s["names_right"] += right
        if n > right:
            wrong[("n", k)] = n - right
    misses = dict(wrong)
    false = []
    for flag in flags:
        if flag.get("start") is not None and any(flag["start"] < b and a < flag["end"] for a, b, _ in hits):
            false.append(flag)
            continue
        target = next((o for o, left in wrong.items() if left and (
            (o[0] == "e" and flag.get("entity") == o[1]) or (o[0] == "n" and _about(flag, case["names"][o[1]])))),
                      None)
        if target is None:
            false.append(flag)
        else:
            wrong[target] -= 1
    s["residual"] = sum(wrong.values())
    s["flagged"] = sum(misses.values()) - s["residual"]
    s["false_flags"] = len(false)
    s["flags"] = len(flags)
    s["_misses"] = {(_label(case, o)): (n, wrong[o]) for o, n in misses.items()}
    s["_false"] = [f"{f.get('kind')}:{f.get('found')}->{f.get('suggestion')}" for f in false]
    return s


def _label(case: dict, owner: tuple) -> str:
    if owner[0] == "e":
        return owner[1]
    return case["names"][owner[1]]["english"][0]


def chrf(hyps: list[str], refs: list[str]) -> float:
    import sacrebleu
    return sacrebleu.corpus_chrf(hyps, [refs]).score if hyps else 0.0


def summarise(cases: list[dict], outputs: dict[str, dict], forms: dict[str, list[str]],
              verbose: bool = False) -> dict[str, dict]:
    groups: dict[str, list] = defaultdict(list)
    for case in cases:
        out = outputs.get(case["id"], {})
        s = score_case(case, out, forms)
        if verbose and (s["_misses"] or s["_false"]):
            print(f"  {case['id']} {case['language']}: {out.get('translation')}", file=sys.stderr)
            for label, (n, left) in s["_misses"].items():
                print(f"      wrong {label} x{n}, unflagged {left}", file=sys.stderr)
            for f in s["_false"]:
                print(f"      false flag {f}", file=sys.stderr)
        row = (case, out, s)
        groups[f"{case['language']}-{case['script']}" if case["language"] == "sr" else case["language"]].append(row)
        groups["all"].append(row)
    table = {}
    for name, rows in groups.items():
        total = defaultdict(float)
        for _, _, s in rows:
            for k, v in s.items():
                if not k.startswith("_"):
                    total[k] += v
        n = len(rows)
        table[name] = {
            "articles": n,
            "term_accuracy": total["terms_right"] / total["terms"] if total["terms"] else 0.0,
            "names_right": total["names_right"] / total["names"] if total["names"] else 0.0,
            "residual": total["residual"] / n, "false_flags": total["false_flags"] / n,
            "flags": total["flags"] / n,
            "chrf": chrf([o.get("translation") or "" for _, o, _ in rows], [c["reference"] for c, _, _ in rows]),
        }
    return table


ORDER = ["sr-Latn", "sr-Cyrl", "hr", "bs", "mk", "all"]


def print_table(title: str, table: dict[str, dict]) -> None:
    print(title)
    print(f"{'language':9} {'articles':>8} {'terms':>7} {'names':>7} {'residual':>9} {'false':>7} {'flags':>7} "
          f"{'chrF':>6}")
    for name in [k for k in ORDER if k in table] + sorted(set(table) - set(ORDER)):
        r = table[name]
        print(f"{name:9} {r['articles']:8d} {r['term_accuracy']:7.3f} {r['names_right']:7.3f} {r['residual']:9.2f} "
              f"{r['false_flags']:7.2f} {r['flags']:7.2f} {r['chrf']:6.1f}")
    print("terms: glossary term accuracy over every mention; names: names not in the glossary rendered right;\n"
          "residual, false, flags: per article (residual: neither right nor flagged; false: flags on correct text)\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("cases", nargs="?", default=str(ROOT / "eval" / "e2e.jsonl"))
    ap.add_argument("--glossary", default="seeds/glossary.tbx")
    ap.add_argument("--with", dest="with_step", metavar="FILE", help="Saved batch output with the glossary step.")
    ap.add_argument("--without", metavar="FILE", help="Saved batch output without the glossary step.")
    ap.add_argument("--save", metavar="DIR", help="Keep both runs' batch output here.")
    ap.add_argument("--only-with", action="store_true", help="Run only with the glossary step (quicker).")
    ap.add_argument("--code", metavar="DIR", default=str(ROOT),
                    help="Run the newsqa laid out in DIR by eval/code_at.py (an earlier commit) instead of this one.")
    ap.add_argument("--verbose", "-v", action="store_true", help="Print each article's misses and false flags.")
    args = ap.parse_args(argv)
    cases = load(Path(args.cases))
    forms = english_forms(args.glossary)
    if not (args.with_step and (args.without or args.only_with)):
        print(f"code: {code_under_test(Path(args.code))}")
    runs = [("with the glossary step", True, args.with_step)]
    if not args.only_with:
        runs.append(("without the glossary step", False, args.without))
    for title, step, saved in runs:
        if saved:
            outputs = {r["id"]: r for r in load(Path(saved))}
        else:
            outputs = run_chain(Path(args.cases), args.glossary, step, Path(args.code))
        if args.save:
            Path(args.save).mkdir(parents=True, exist_ok=True)
            (Path(args.save) / f"e2e-{'with' if step else 'without'}.jsonl").write_text(
                "".join(json.dumps(outputs[c["id"]], ensure_ascii=False) + "\n" for c in cases if c["id"] in outputs),
                encoding="utf-8")
        print_table(f"{Path(args.cases).name}: {title}", summarise(cases, outputs, forms, args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
