"""Reading names-dataset's wheel and writing a ranked name list: shared by seeds/build_regional_names.py
and seeds/build_home_names.py, so that both read the same data the same way.

names-dataset 3.3.1 (Philippe Rémy, Apache-2.0) ships pickled dicts, ``v3/first_names.pkl.gz`` and
``v3/last_names.pkl.gz``: each name with its rank in each country where it is frequent. They are read
from the downloaded wheel (``pip download --no-deps names-dataset==3.3.1 -d /tmp/nd``): the package
itself is 55 MB and needs numpy and pycountry at import, which newsqa does not; the pickles hold only
dicts, strings and numbers.
"""

from __future__ import annotations

import gzip
import io
import pickle
import sys
import zipfile
from pathlib import Path
from typing import Callable


def read_tables(wheel_path: str, parts: tuple[str, ...] = ("first", "last")) -> list[dict]:
    """The wheel's name tables, one per part, in the order asked (name -> {"rank": {country: rank}})."""
    with zipfile.ZipFile(wheel_path) as wheel:
        return [pickle.load(gzip.GzipFile(fileobj=io.BytesIO(wheel.read(f"names_dataset/v3/{part}_names.pkl.gz"))))
                for part in parts]


def write_rows(out: Path, rows: list[tuple[str, int]]) -> None:
    """Write ``name<TAB>rank`` lines, gzipped with mtime 0: the same input gives the same bytes."""
    with gzip.GzipFile(out, "wb", mtime=0) as raw:
        raw.write("".join(f"{n}\t{r}\n" for n, r in rows).encode("utf-8"))


def build(argv: list[str], usage: str, out: Path, parts: tuple[str, ...],
          rows_of: Callable[[list[dict]], list[tuple[str, int]]], what: str) -> int:
    """A builder's command line: one argument, the wheel; its tables -> ``rows_of`` -> ``out``."""
    if len(argv) != 1:
        print(usage, file=sys.stderr)
        return 2
    tables = read_tables(argv[0], parts)
    rows = rows_of(tables)
    write_rows(out, rows)
    print(f"{out}: {len(rows)} {what} of {sum(map(len, tables))}", file=sys.stderr)
    return 0
