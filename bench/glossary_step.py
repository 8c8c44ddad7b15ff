"""The glossary step's variant search against glossary size: blocked by first word against a full scan.

``qa.terms.variant_of`` looks for the glossary entity an unknown source name is a spelling variant of
(Hizbulah, Bešar el-Esad). It used to compare each name with every source term of as many words; it now
compares it only with the terms whose first word has the same sound key or is within two edits
(``qa.terms._VariantTable``), which accepts the same pairs. Both are run here, in one process, on the
same synthetic glossaries as bench/checker_bench.py (four terms an entity) and the same sentences,
and must give the same placeholders.

    python bench/glossary_step.py [--sizes 1000 10000 100000] [--index memory|file]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.checker_bench import make_glossary  # noqa: E402
from newsqa.qa import Checker, terms  # noqa: E402
from newsqa.qa.normalize import fold  # noqa: E402

SENTENCES = [
    "Ministar Abas Aragči razgovarao je u Omanu sa Hakanom Fidanom o Hizbulahu.",
    "Portparol Jahja Sari rekao je da su Huti gađali brod kod Hodeide.",
    "Bešara el-Esada podržavaju snage Hašd al Šabi, rekao je Naim Kasem.",
    "Delegacija je iz Teherana otputovala u Dohu, gde je sreo Mohameda bin Abdulrahmana.",
]


def full_scan(checker: Checker, name) -> str | None:
    """variant_of as it was: every source term of as many words (the baseline)."""
    if name.acronym:
        return checker.acronyms.get(fold(name.lemma, "sr"))
    return terms.variant_by_scan(checker, name.lemma)


def run(checker: Checker) -> tuple[float, list]:
    start = time.process_time()
    out = [[s.english for s in terms.protect(checker, text, "sr", None, "diacritics", {}).slots]
           for text in SENTENCES]
    return (time.process_time() - start) / len(SENTENCES), out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--index", choices=("memory", "file"), default="memory")
    args = parser.parse_args(argv)
    print(f"{'entities':>9} {'full scan s/sentence':>21} {'blocked: first':>15} {'then':>9} {'speed-up':>9} same")
    blocked = terms.variant_of
    run(Checker(make_glossary(100)))  # warm-up: word lists and analysers load once, outside the timings
    for size in args.sizes:
        glossary = make_glossary(size)
        if args.index == "file":
            from newsqa.qa.index_file import MappedIndex, build_index

            folder = Path(tempfile.mkdtemp()) / "index"
            build_index(iter(glossary), folder, "bench")
            checker = Checker(glossary, index=MappedIndex(folder))
        else:
            checker = Checker(glossary)
        terms.variant_of = full_scan
        scan, want = run(checker)
        terms.variant_of = blocked
        first, got = run(checker)   # builds the table
        then, again = run(checker)
        print(f"{size:>9} {scan:>21.3f} {first:>15.3f} {then:>9.4f} {scan / then:>8.0f}x {got == want == again}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
