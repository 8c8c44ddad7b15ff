"""The institution table: the English of the words institutions are named with (heads such as
ministarstvo, savet, banka; portfolios; the adjectives an engine misreads), read by the glossary
step to build a name from its words and by the name finder, which leaves a capitalised head out of
the names it romanises. Its own module because both build on it: qa.word_names on qa.names, and
qa.names on this table."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

import newsqa.qa.seed_tables as seed_tables
from newsqa.qa.normalize import fold, to_latin, tokenize

# Nouns that head names of institutions and take a complement (Savet bezbednosti, Odbor za mir,
# Štit domovine), as stems of their Latin forms; Macedonian stems after transliteration.
HEADS = re.compile(r"^(?:vijeć|vijec|vec|savet|savjet|sovet|odbor|komitet|ministarstv|ministerstv|fond|front|"
                   r"partij|strank|stranc|sud|komisij|agencij|savez|sojuz|pokret|koalicij|zajednic|snag|sil|"
                   r"bank|banc|organizacij|unij|lig|ured|kancelarij|služb|sluzb|centar|centr|institut|zavod|"
                   r"skupštin|skupstin|sobrani|sabor|parlament|flot|vojsk|vojsc|armij|brigad|korpus|gard|"
                   r"komand|štab|stab|štit|stit|forum|konferencij|fondacij|zakon|crkv|lekar|liječnic|lijecnic|"
                   r"doktor|povjerenstv|tribunal|direkcij|uprav|inspektorat|tužilaštv|tuzilastv|tužiteljstv|"
                   r"tuziteljstv|program|udružen|udruzen|zdruzeni|muzej|univerzitet|sveučilišt|sveucilist|fakultet|"
                   r"bolnic|aerodrom|palat|palač|palac|džamij|dzamij|bratstv|prvenstv|kup|nagrad|korporacij|festival|"
                   r"bibliotek|knjižnic|knjiznic|akademij|stadion|hram|bran|predsjedništv|predsjednistv|predsedništv|"
                   r"predsednistv|pretsedatelstv)(?:a|e|i|u|o|om|em|ima|ama|ov|ova|ovi|ot|ta|te|to|ite|ata|iot|oto)?$")

# Nouns that name an institution alone or with a place after them, and head no name of ordinary words:
# Vlada (Government; the engine's word is "Reigns"), whose name with a complement is rare and a verb
# after it is often taken for one ("Vlada tvrdi": no "Government of Maintains"); not the given names
# Vlado, Vlad. And Federacija, an area named by its noun and a place (Federacija BiH), which English
# writes with "the" after another noun's "of" (the Government of the Federation of Bosnia and
# Herzegovina); as a word of a longer name (Savet Federacije, Russia's Federation Council) it is left
# to the engine.
LONE_HEADS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^vlad(?:a|e|i|u|om|ama|ata)$"), "Government"),
    (re.compile(r"^federacij(?:a|e|i|u|om|ata)$"), "Federation"),
)
AREA_HEADS = frozenset({"Federation"})


def lone_head(word: str) -> str | None:
    """The English of a folded Latin word that is a noun of :data:`LONE_HEADS`, else None."""
    return next((english for pattern, english in LONE_HEADS if pattern.match(word)), None)


# What a case ending may be after a stem of the institution table: nouns' and adjectives' endings,
# and Macedonian articles.
ENDINGS = frozenset({
    "", "a", "e", "i", "o", "u", "om", "em", "ima", "ama", "ov", "ova", "ove", "ovi", "ovima", "og", "oga",
    "ome", "omu", "oj", "im", "ih", "ega", "emu", "ot", "ta", "te", "to", "ite", "ata", "iot", "oto", "ja",
    "je", "ji", "ju", "jom", "jama", "jima", "ija", "ije", "iji", "iju", "ijom",
})
INSTITUTION_WORDS = "institution_words.tsv"  # in newsqa.seeds: English, folded stems


@lru_cache(maxsize=1)
def _institution_words() -> tuple[tuple[tuple[str, ...], str], ...]:
    """The table's rows as (stems, English), longest phrase and longest stem first."""
    rows = [(tuple(stems.split()), english) for english, stems in seed_tables.rows(INSTITUTION_WORDS)]
    return tuple(sorted(rows, key=lambda r: (-len(r[0]), -len(r[0][0]))))


def _stem_of(word: str, stem: str) -> bool:
    return word.startswith(stem) and word[len(stem):] in ENDINGS


def table_english(words: list[str]) -> tuple[str, int] | None:
    """The institution table's English for the folded words at the start of ``words`` (spoljnih
    poslova -> Foreign Affairs, Savetu -> Council) and how many words it takes; None if no row fits."""
    for stems, english in _institution_words():
        if len(stems) <= len(words) and all(_stem_of(w, s) for w, s in zip(words, stems)):
            return english, len(stems)
    return None



def proper_adjective(word: str) -> bool:
    """Whether a word (Latin script) is an adjective the table gives a proper English for, a sea's or a
    land's (Kaspijskom: Caspian; Persijski: Persian): no city's adjective nor a town's name."""
    row = table_english([fold(word)])
    return row is not None and row[0][:1].isupper()


def head_nouns(source: str, lang: str | None, taken: Iterable[tuple[int, int]] = ()) -> list[tuple[int, int, str]]:
    """Capitalised head nouns of the institution table (and :data:`LONE_HEADS`) outside the ``taken``
    spans (Skupština, Tužilaštva, Vijeća, Vlada), with their English. No person's or place's name
    starts with one: the name finder leaves them out of its names (Skupština Srbije is no name
    "Skupshtina Srbiye")."""
    taken = list(taken)
    out = []
    for t in tokenize(source, lang):
        if not t.cap or t.upper or any(a <= t.start < b for a, b in taken):
            continue
        latin = fold(to_latin(t.text, lang or "sr"), lang)
        row = table_english([latin]) if HEADS.match(latin) else None
        if row and row[1] == 1:
            out.append((t.start, t.end, row[0]))
        elif (lone := lone_head(latin)) is not None:
            out.append((t.start, t.end, lone))
    return out
