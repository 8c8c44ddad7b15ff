"""Write seeds/word_names.tsv.gz, the English names of ordinary words qa/word_names.py reads, from WordNet.

Institutions, seas and buildings whose names are ordinary words (World Bank, White House, Security
Council, Black Sea) are in no name list we ship, and an engine translates their South Slavic names
word by word (Svetska banka -> "Global bank", Bela kuća -> "White home"). Princeton WordNet 3.0 lists
such names as capitalised multi-word nouns. We take those of its lexicographer files for acts,
artifacts, communication, events, groups, locations, objects and times (not plants, animals, foods or
people), and, for each word of them, the single words that share a noun or adjective synset with it
(global ~ world, home ~ house): the ways a word-by-word translation may have rendered that word.
From the groups' file come the acronyms English writes in capitals (UNICEF, UNESCO, ASEAN; not
Hamas, which WordNet writes so): South Slavic text writes the longer ones as words (Unicefa, Unesko).

WordNet 3.0 (Princeton University; licence: https://wordnet.princeton.edu/license-and-commercial-use,
which allows redistribution with its notice) as Debian's ``wordnet-base`` installs it. Run again after
an upgrade:

    apt-get install wordnet-base && python seeds/build_word_names.py
"""

from __future__ import annotations

import gzip
import re
import sys
from collections import defaultdict
from pathlib import Path

WORDNET = Path("/usr/share/wordnet")
OUT = Path(__file__).resolve().parent / "word_names.tsv.gz"
# lexicographer files: 04 act, 06 artifact, 10 communication, 11 event, 14 group, 15 location, 17 object, 28 time
NAME_FILES = frozenset({"04", "06", "10", "11", "14", "15", "17", "28"})
GROUPS = "14"  # acronyms of groups only (organisations: UNICEF), not of acts or artifacts (ELISA, BASIC)
_MARKER = re.compile(r"\([a-z]+\)$")  # adjective position markers: sunny(p)
_WORD = re.compile(r"[a-z]+")
_ACRONYM = re.compile(r"[A-Z]{3,}")  # a word all in capitals: NATO, UNICEF


def synsets(path: Path):
    """(lexicographer file, lemmas) for each synset of a WordNet data file."""
    for line in path.open(encoding="latin-1"):
        if line.startswith("  "):
            continue  # the licence header
        parts = line.split()
        count = int(parts[3], 16)
        yield parts[1], [_MARKER.sub("", parts[4 + 2 * i]).replace("_", " ") for i in range(count)]


def build_rows(folder: Path = WORDNET) -> list[tuple[str, ...]]:
    names: set[str] = set()
    acronyms: set[str] = set()
    for lexfile, lemmas in synsets(folder / "data.noun"):
        if lexfile in NAME_FILES:
            names.update(w for w in lemmas if " " in w and w[:1].isupper())
        if lexfile == GROUPS:
            acronyms.update(w for w in lemmas if _ACRONYM.fullmatch(w))
    vocabulary = {w for name in names for w in _WORD.findall(name.lower())}
    stands_for: dict[str, set[str]] = defaultdict(set)
    for part in ("noun", "adj"):
        for _, lemmas in synsets(folder / f"data.{part}"):
            single = {w.lower() for w in lemmas if _WORD.fullmatch(w.lower())}
            for word in single & vocabulary:
                for other in single - {word}:
                    stands_for[other].add(word)
    rows = [("N", name) for name in sorted(names)] + [("A", acronym) for acronym in sorted(acronyms)]
    rows += [("S", other, " ".join(sorted(words))) for other, words in sorted(stands_for.items())]
    return rows


def main() -> int:
    rows = build_rows()
    with gzip.GzipFile(OUT, "wb", mtime=0) as raw:  # mtime 0: the same input gives the same bytes
        raw.write("".join("\t".join(r) + "\n" for r in rows).encode("utf-8"))
    print(f"{OUT}: {sum(r[0] == 'N' for r in rows)} names, {sum(r[0] == 'A' for r in rows)} acronyms, "
          f"{sum(r[0] == 'S' for r in rows)} synonym rows", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
