"""Write seeds/regional_names.tsv.gz, the names qa/regional_names.py reads, from names-dataset's data.

Why: a romanised name English text does not attest is flagged ``unverified-name``, and most such
flags fall on names spelt right that are too rare for wordfreq's English lists: Jordanian
footballers (al-Naimat, al-Rashdan), Iranian officials (Aliabadi, Mehrzad), Lebanese places
(Roumieh). People of the region write their own names in Latin letters, and names-dataset counts
how often: it ranks the first and last names of Facebook users per country.

names-dataset 3.3.1 (Philippe Rémy, Apache-2.0 licence; https://github.com/philipperemy/name-dataset)
ships two pickled dicts (``v3/first_names.pkl.gz``, ``v3/last_names.pkl.gz``): each name with its
rank in each country where it is among that country's most frequent. We keep a name, folded by
``qa.normalize.fold``, where its best rank in one of REGION's countries (the Middle East, North
Africa, Turkey, Iran, Afghanistan) is at most ``qa.regional_names.RANK``: about 35,000 names. The
data is noisy at its edges (misspellings, words), which is why only a name frequent in some
country of the region is kept. Run again after an upgrade, on the wheel pip downloads (the package
itself is 55 MB and needs numpy and pycountry at import, which newsqa does not):

    pip download --no-deps names-dataset==3.3.1 -d /tmp/nd
    python seeds/build_regional_names.py /tmp/nd/names_dataset-3.3.1-py3-none-any.whl

The pickles are read from the wheel we downloaded: they hold only dicts, strings and numbers.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

from newsqa.qa.normalize import fold
from newsqa.qa.regional_names import RANK
from newsqa.seeds.names_dataset import build

OUT = Path(__file__).resolve().parent / "regional_names.tsv.gz"
# ISO 3166 codes of the countries whose names the news of the region carries.
REGION = frozenset("LB SY IQ JO PS IL SA AE KW QA BH OM YE EG IR AF TR LY TN DZ MA SD".split())
_LETTERS = re.compile(r"[a-z]+")


def rows(tables: Iterable[Mapping[str, Mapping]]) -> list[tuple[str, int]]:
    """(folded name, best rank in the region) of each one-word name ranked at most RANK in some
    country of REGION, sorted by name; a name that folds like another keeps the better rank."""
    best: dict[str, int] = {}
    for table in tables:
        for name, data in table.items():
            ranks = [r for country, r in (data.get("rank") or {}).items() if country in REGION and r]
            folded = fold(name)
            if ranks and min(ranks) <= RANK and _LETTERS.fullmatch(folded) and len(folded) >= 2:
                best[folded] = min(best.get(folded, RANK), min(ranks))
    return sorted(best.items())


def main(argv: list[str]) -> int:
    return build(argv, __doc__, OUT, ("first", "last"), rows, "names")

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
