"""Demonym nouns: Palestinci, Izraelaca, Kurdima, Палестинците -> Palestinians, Israelis, Kurds.

Why a table of its own: news from the Middle East names its peoples in nearly every sentence, and
Apertium's hbs-eng and mkd-eng dictionaries lack most of these nouns ("Palestinci are protestovali",
"Druzi" read as "Friends"). They are capitalised, so the name finder took them for names and
romanised them, which left them in source form or flagged them as unverified. The English of a
demonym is no romanisation: it is a word of its own, and a person keeps that table, not a rule.

``seeds/demonyms.tsv`` gives each people's English singular and plural and its nominatives; the
cases come from the three declension patterns below (Palestin-ac, Irač-anin, Kurd), the Macedonian
forms from the article endings. A form that is both singular and plural (Kurda: a Kurd's, of Kurds)
is read as plural, which news most often means.
"""

from __future__ import annotations

from functools import lru_cache

import newsqa.qa.seed_tables as seed_tables
from newsqa.qa.normalize import fold, to_latin

DEMONYMS = "demonyms.tsv"  # in newsqa.seeds


def _south_slavic(singular: str, plural: str) -> tuple[set[str], set[str]]:
    """The case forms of a demonym noun (folded): singular ones and plural ones."""
    s, p = fold(singular), fold(plural)
    stem = p[:-1]  # Palestinc-i, Iračan-i, Kurd-i
    plural_forms = {p, stem + "ima", stem + "e", stem + "a"}
    if s.endswith("ac"):  # Palestinac, Palestinca, Palestincu, Palestincem; Palestinaca (gen. pl.)
        oblique = s[:-2] + "c"
        singular_forms = {s, oblique + "a", oblique + "u", oblique + "em", oblique + "om"}
        singular_forms |= {s[:-2] + "k" + e for e in ("a", "e", "i", "u", "om")}  # Palestinka
        plural_forms.add(s + "a")
        plural_forms.discard(stem + "a")
    else:  # Iračanin, Iračanina; Kurd, Kurda, Kurdom
        singular_forms = {s, s + "a", s + "u", s + "om", s + "em"}
        if not s.endswith("in"):
            plural_forms.add(s + "a")  # of Greeks: Grka, whose plural stem is Grc-
        if s.endswith("anin"):
            singular_forms |= {s[:-2] + "k" + e for e in ("a", "e", "i", "u", "om")}  # Iračanka
    return singular_forms - plural_forms, plural_forms


def _macedonian(singular: str, plural: str) -> tuple[set[str], set[str]]:
    s, p = fold(to_latin(singular, "mk"), "mk"), fold(to_latin(plural, "mk"), "mk")
    return {s, s + "ot"}, {p, p + "te"}


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    """Folded Latin form -> the English noun it stands for."""
    out: dict[str, str] = {}
    for row in seed_tables.rows(DEMONYMS):
        cells = row + ["", "", ""]
        english_sg, english_pl, south, mk, irregular = (c.strip() for c in cells[:5])
        forms: list[tuple[set[str], set[str]]] = []
        for pair in filter(None, south.split(",")):
            forms.append(_south_slavic(*pair.split("/")))
        if mk:
            forms.append(_macedonian(*mk.split("/")))
        for singular_forms, plural_forms in forms:
            out.update({f: english_pl for f in plural_forms})
            out.update({f: english_sg for f in singular_forms if f not in out})
        for item in filter(None, irregular.split(",")):
            form, number = item.split(":")
            out[fold(form)] = english_pl if number == "pl" else english_sg
    return out


def english(word: str, lang: str | None = None) -> str | None:
    """The English noun for a demonym as written in a source (Palestinaca -> Palestinians, Kurdom ->
    Kurd, Евреите -> Jews); None for any other word. Only a capitalised word is a demonym: kurdi in
    lower case is no people."""
    if not word[:1].isupper():
        return None
    return _table().get(fold(to_latin(word, lang or "sr"), lang))
