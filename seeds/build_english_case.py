"""Write seeds/english_case.tsv.gz, how English writes a word's first letter, from Hunspell's en_US list.

Why: ``qa.names.english_spelling`` respells a romanised name as the English word that sounds the
same and that English text uses more (Grosi -> Grossi, Husein -> Hussein). wordfreq's counts have no
case, so the respelling also turned names into ordinary words: Litani into "Litany", the party Šas
into "Sash", Fouzi into "Fuzzy", Lagard into "Laggard". A spelling dictionary knows the case: en_US
lists Hussein, Roy and Berry with a capital and litany, sash and fuzzy only in lower case.

Each row: a word folded by ``qa.normalize.fold``, then ``N`` (English writes it only with a capital:
a name), ``W`` (only in lower case: an ordinary word) or ``NW`` (both: Berry, berry). About 47,000
rows, 0.2 MB.

SCOWL's en_US Hunspell dictionary (Kevin Atkinson and others; a permissive licence that allows
redistribution with its notice, in /usr/share/doc/hunspell-en-us/copyright) as Debian's
``hunspell-en-us`` installs it. Run again after an upgrade:

    apt-get install hunspell-en-us && python seeds/build_english_case.py
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

from newsqa.qa.normalize import fold

DICTIONARY = Path("/usr/share/hunspell/en_US.dic")
OUT = Path(__file__).resolve().parent / "english_case.tsv.gz"


def rows(lines: list[str]) -> list[tuple[str, str]]:
    """(folded word, N/W/NW) for the dictionary's alphabetic words (its first line is a count)."""
    kinds: dict[str, set[str]] = {}
    for line in lines[1:]:
        word = line.split("/", 1)[0].strip()
        if not word.isalpha() or len(word) < 2 or word.isupper():
            continue  # acronyms (NATO, ASAP) and letters say nothing of a name's case
        kinds.setdefault(fold(word), set()).add("N" if word[0].isupper() else "W")
    return sorted((w, "".join(sorted(k))) for w, k in kinds.items())


def main() -> int:
    table = rows(DICTIONARY.read_text(encoding="utf-8", errors="replace").splitlines())
    with gzip.GzipFile(OUT, "wb", mtime=0) as raw:  # mtime 0: the same input gives the same bytes
        raw.write("".join(f"{w}\t{k}\n" for w, k in table).encode("utf-8"))
    print(f"{OUT}: {len(table)} words", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
