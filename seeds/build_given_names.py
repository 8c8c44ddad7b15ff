"""Write seeds/given_names.tsv.gz, the given names qa/given_names.py reads, from nomquamgender's data.

Why: ``qa.names.english_spelling`` respells a romanised name as the English word that sounds the
same (Grosi -> Grossi, Husein -> Hussein), and with no list of given names it turned Madžid into
"Maid" and Fatih into "Fatty". A given name is spelt as a given name, not as an English word.

nomquamgender 0.1.4 (Ian Van Buskirk, MIT licence; https://github.com/ianvanbuskirk/nomquamgender)
ships ``name_data.json``: 721,739 first names, each with the number of its sources (up to 35
national name lists and registries) and the number of people counted. The list is noisy at its
edges (it has "army" and "house", from one or two sources), so we keep a name only where at least
``qa.given_names.SOURCES`` sources and ``PEOPLE`` people attest it: about 29,000 names, from Majid
and Fatih to Yoav, Maksym and Mazlum; qa/given_names.py says which of them are common. Its names are folded by ``qa.normalize.fold``, the one
normaliser the lookups use too (Çelik -> celik, D'Andre -> dandre). Run again after an upgrade, on the wheel pip downloads
(the package itself needs pandas, which newsqa does not):

    pip download --no-deps nomquamgender==0.1.4 -d /tmp/nqg
    python seeds/build_given_names.py /tmp/nqg/nomquamgender-0.1.4-py3-none-any.whl
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import zipfile
from pathlib import Path

from newsqa.qa.given_names import PEOPLE as MIN_PEOPLE, SOURCES as MIN_SOURCES
from newsqa.qa.normalize import fold

OUT = Path(__file__).resolve().parent / "given_names.tsv.gz"
_LETTERS = re.compile(r"[a-z]+")


def rows(data: dict[str, list]) -> list[tuple[str, int, int]]:
    """(name, sources, people) of each name attested widely enough, sorted by name; a name that
    folds like another keeps the better attested figures."""
    kept: dict[str, tuple[int, int]] = {}
    for name, (sources, people, *_) in data.items():
        folded = fold(name)
        if _LETTERS.fullmatch(folded) and sources >= MIN_SOURCES and people >= MIN_PEOPLE:
            kept[folded] = max(kept.get(folded, (0, 0)), (sources, people))
    return sorted((name, s, p) for name, (s, p) in kept.items())


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    with zipfile.ZipFile(argv[0]) as wheel:
        data = json.loads(wheel.read("nomquamgender/name_data.json"))
    out = rows(data)
    with gzip.GzipFile(OUT, "wb", mtime=0) as raw:  # mtime 0: the same input gives the same bytes
        raw.write("".join(f"{n}\t{s}\t{p}\n" for n, s, p in out).encode("utf-8"))
    print(f"{OUT}: {len(out)} given names of {len(data)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
