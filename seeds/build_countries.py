"""Write seeds/countries.tsv, the country names qa/countries.py reads, from pycountry's ISO 3166-1
and a few short names ISO lacks (SHORT_NAMES).

ISO 3166-1 with its Serbian (Cyrillic and Latin), Croatian, Bosnian and Macedonian translations, as
``pycountry`` ships them (from Debian's iso-codes, LGPL-2.1). Run again after upgrading pycountry:

    pip install pycountry && python seeds/build_countries.py
"""

from __future__ import annotations

import gettext
import sys
from pathlib import Path

from newsqa.qa.countries import LOCALES, build_rows
from newsqa.qa.normalize import has_cyrillic, to_latin

OUT = Path(__file__).resolve().parent / "countries.tsv"


# Short names the news uses that ISO does not list, with the case forms a plural name has (the name
# finder derives a singular's): Emirati for the United Arab Emirates, as Serbian and Croatian outlets
# write it more often than the full name. Written by hand.
SHORT_NAMES = {
    "AE": ("Emirati", "Emirata", "Emiratima", "Emirate", "Емирати", "Емирата", "Емиратима", "Емирате",
           "Емиратите"),
}


def countries() -> list[tuple[str, str, list[str]]]:
    import pycountry

    translations = [gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[loc]) for loc in LOCALES]
    out = []
    for c in pycountry.countries:
        names = []
        for loc, t in zip(LOCALES, translations):
            for n in filter(None, (c.name, getattr(c, "common_name", None))):
                local = t.gettext(n)
                # a Cyrillic name also in Latin, as the name finder looks it up (Белорусија -> Belorusija)
                names += [local, to_latin(local, loc[:2])] if has_cyrillic(local) else [local]
        for short in SHORT_NAMES.get(c.alpha_2, ()):
            names += [short, to_latin(short, "sr")] if has_cyrillic(short) else [short]
        out.append((c.alpha_2, getattr(c, "common_name", None) or c.name, names))
    return out


def main() -> int:
    rows = build_rows(countries())
    OUT.write_text("".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    print(f"{OUT}: {len(rows)} keys", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
