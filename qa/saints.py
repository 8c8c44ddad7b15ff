"""Saints: Sveti Sava, crkva Svetog Marka, manastir Svetog Đorđa, Свети Наум -> Saint Sava, Saint Mark,
Saint George, Saint Naum.

Why a table: churches, monasteries, feasts and even airports of the region are named after saints,
and English writes a saint by the English form of the saint's name (Mark, George, Paul), which no
romanisation gives: the house style wrote "Svetog Jorja", the engine "Sveti the Sava" (the river), and
GeoNames took Svetog Marka for Markovci, a Slovene village it also calls Sveti Marko. A person keeps
the names in ``seeds/saints.tsv``. The adjective (sveti, svetog, svete, Macedonian свети, светиот) may
be in any case, and so may the name (Marka, Đorđa, Save, Petra); "apostol" between them adds "the
Apostle" (Sveti Apostol Pavle: Saint Paul the Apostle).
"""

from __future__ import annotations

import re
from functools import lru_cache

import newsqa.qa.seed_tables as seed_tables
from newsqa.qa.inflect import base_forms
from newsqa.qa.normalize import fold, to_latin

SAINTS = "saints.tsv"  # in newsqa.seeds
# sveti, sveta, sveto, svetog(a), svetom(e/u), svetoj, svetu, svete, svetim; Macedonian светиот, светата
_HOLY = re.compile(r"^svet(?:i|a|o|og|oga|om|ome|omu|oj|u|e|im|iot|ata|ot)$")
_APOSTLE = re.compile(r"^apostol(?:a|u|om|e)?$")


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    """Folded Latin nominative of a saint's name -> its English."""
    out: dict[str, str] = {}
    for english, south, *rest in seed_tables.rows(SAINTS):
        forms = [(f, "sr") for f in south.split(",")] + [(f, "mk") for f in (rest[0].split(",") if rest else [])]
        for form, lang in forms:
            out[fold(to_latin(form.strip(), lang), lang)] = english
    return out


def english(words: list[str], lang: str | None = None) -> str | None:
    """"Saint" and the English of the saint that ``words`` (as written, either script) name, or None
    where they are no saint's name the table knows."""
    folded = [fold(to_latin(w, lang or "sr"), lang) for w in words]
    if len(folded) < 2 or not _HOLY.match(folded[0]):
        return None
    rest, apostle = folded[1:], False
    if len(rest) == 2 and _APOSTLE.match(rest[0]):
        rest, apostle = rest[1:], True
    if len(rest) != 1:
        return None
    forms = base_forms(rest[0])  # with the fleeting a: Petra -> Petar
    table = _table()
    saint = table.get(rest[0]) or next((table[f] for f in sorted(forms) if f in table), None)
    if saint is None:
        return None
    return f"Saint {saint} the Apostle" if apostle else f"Saint {saint}"
