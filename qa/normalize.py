"""Normalisation of names for matching: one place for every spelling equivalence we accept.

Three levels, each coarser than the last:

* ``fold`` — case, diacritics, Cyrillic->Latin, apostrophes: forms that are *the same name*
  (Erdoğan = Erdogan, Kata'ib = Kataib = Kata’ib, Хути = Huti).
* ``tokenize`` — splits on spaces and hyphens and folds the Arabic article (al-/el-/ul- and the
  sun-letter forms as-, ash-, ad-, ez-, ...) away, so al-Assad = el-Assad = Assad for matching,
  while spans still cover the article in the original text.
* ``sound_key`` — a transliteration key that merges romanisations of the same sounds
  (y/j/i, kh/h, th/t, ou/oo/u, doubled letters), so Netanjahu, Netanyahu and Netanyahoo share a
  key. Two forms with the same key but different folds are the *transliteration* signal.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Serbian Cyrillic is the base table; the other languages override letters where they differ.
_CYR_SR = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "đ", "е": "e", "ж": "ž", "з": "z",
    "и": "i", "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n", "њ": "nj", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "ћ": "ć", "у": "u", "ф": "f", "х": "h", "ц": "c",
    "ч": "č", "џ": "dž", "ш": "š",
}
_CYR_EXTRA = {
    "mk": {"ѓ": "gj", "ќ": "kj", "ѕ": "dz"},
    "ru": {"ё": "e", "й": "j", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "ju", "я": "ja", "щ": "šč"},
    "bg": {"й": "j", "ъ": "a", "ь": "", "ю": "ju", "я": "ja", "щ": "št"},
    "uk": {"є": "je", "і": "i", "ї": "ji", "й": "j", "ь": "", "ю": "ju", "я": "ja", "щ": "šč",
           "ґ": "g", "и": "y"},
    "be": {"ў": "u", "і": "i", "й": "j", "ь": "", "ю": "ju", "я": "ja", "ы": "y", "э": "e", "ё": "jo"},
}


def _table(lang: str | None) -> dict[int, str]:
    table = dict(_CYR_SR)
    # Letters of every table are mapped, so text in an unexpected language still comes out Latin.
    for extra in _CYR_EXTRA.values():
        for k, v in extra.items():
            table.setdefault(k, v)
    table.update(_CYR_EXTRA.get((lang or "sr").split("-")[0].lower(), {}))
    full: dict[int, str] = {}
    for k, v in table.items():
        full[ord(k)] = v
        upper = k.upper()
        if upper != k:
            full[ord(upper)] = v[:1].upper() + v[1:] if v else v
    return full


_TABLES: dict[str, dict[int, str]] = {}


def to_latin(text: str, lang: str | None = None) -> str:
    """Transliterate Cyrillic letters to Latin (Serbian Gaj alphabet by default).

    Non-Cyrillic characters pass through, so mixed-script text is safe.
    """
    key = (lang or "sr").split("-")[0].lower()
    table = _TABLES.get(key)
    if table is None:
        table = _TABLES[key] = _table(key)
    return text.translate(table)


# Letters NFKD does not decompose, after case folding.
_SPECIAL = str.maketrans({
    "đ": "dj", "ı": "i", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d", "ħ": "h",
})
APOSTROPHES = "'’‘ʼʻʿʾ`´′"
_APOS_RE = re.compile(f"[{APOSTROPHES}]")
_POSSESSIVE_RE = re.compile(f"[{APOSTROPHES}]s$", re.IGNORECASE)


@lru_cache(maxsize=65536)
def fold(word: str, lang: str | None = None) -> str:
    """Fold one word to lower-case ASCII-like Latin: the *same name* equivalence.

    >>> fold("Erdoğan"), fold("Kata’ib"), fold("Хути"), fold("Netanyahu's")
    ('erdogan', 'kataib', 'huti', 'netanyahu')
    """
    text = to_latin(word, lang) if has_cyrillic(word) else word
    text = _POSSESSIVE_RE.sub("", text).casefold().translate(_SPECIAL)
    if not text.isascii():  # ASCII has nothing to decompose (most English and glossary words)
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).translate(_SPECIAL)  # ǽ -> æ -> ae
    text = _APOS_RE.sub("", text)
    return text.casefold().replace(".", "")


_CYRILLIC_RE = re.compile("[\u0400-\u04ff]")


def has_cyrillic(text: str) -> bool:
    # a regex, not a loop over characters: the checker asks this of every window of every article
    return _CYRILLIC_RE.search(text) is not None


# Longest first: a single pass of this alternation rewrites digraphs to one letter.
_SOUND_RULES = [
    ("tch", "c"), ("dzh", "j"), ("kh", "h"), ("gh", "g"), ("th", "t"), ("dh", "d"), ("ph", "f"),
    ("sh", "s"), ("zh", "z"), ("ch", "c"), ("ts", "c"), ("tz", "c"), ("dj", "j"), ("ck", "k"),
    ("ou", "u"), ("oo", "u"), ("ee", "i"), ("q", "k"), ("x", "ks"), ("w", "v"), ("y", "i"),
    ("j", "i"),
]
_SOUND_RE = re.compile("|".join(re.escape(a) for a, _ in _SOUND_RULES))
_SOUND_MAP = dict(_SOUND_RULES)
_DOUBLE_RE = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def sound_key(folded: str) -> str:
    """Merge romanisations of the same sounds; input is already ``fold``-ed.

    >>> sound_key("netanjahu") == sound_key("netanyahu") == sound_key("netanyahoo")
    True
    """
    key = _DOUBLE_RE.sub(r"\1", _SOUND_RE.sub(lambda m: _SOUND_MAP[m.group(0)], folded))
    if len(key) > 3 and key.endswith("ah"):
        key = key[:-1]  # a final -ah is the Arabic ta marbuta written out: Hamah = Hama, Raqqah = Raqqa
    return key


# The Arabic definite article as written in English and South Slavic text: hyphenated (al-Assad,
# ash-Sham, ez-Zor, ал-Асад) or, for al/el, a separate word before a capitalised name (Al Bukamal).
_ARTICLE_HYPHEN = (r"(?:[AaEeUu][lL]|[Аа][лЛ]|[Ее][лЛ])[-‐‑]"
                   r"|(?:[Aa][dnrstz]h?|[Ee][dnrstz]h?|[AaEe][šŠ]|[АаЕе][днрстзшДНРСТЗШ])[-‐‑](?=[A-ZŠŽČĆĐА-ЯЀ-Џ])")
_ARTICLE_WORD = r"(?:[AaEe]l|Ал|ал)\s+(?=[A-ZА-Я])"
_WORD = r"(?:[^\W_]|[\u0300-\u036f])+(?:[" + APOSTROPHES + r"](?:[^\W_]|[\u0300-\u036f])+)*"
_TOKEN_RE = re.compile(
    r"(?P<acronym>(?:[A-Z]\.){2,})"
    r"|(?P<article>(?<![^\W_])(?:" + _ARTICLE_HYPHEN + "|" + _ARTICLE_WORD + r"))?(?P<word>" + _WORD + ")"
)
# What may stand between the words of one multi-word name: spaces and hyphens, not punctuation.
NAME_GAP_RE = re.compile(r"^[\s\-‐‑]*$")


@dataclass(frozen=True, slots=True)
class Token:
    """A word of a text with its character span; ``norm`` and ``key`` are for matching only.

    ``cap`` — starts with an upper-case letter (a name candidate in English text);
    ``upper`` — all capitals (an acronym, matched case-sensitively).
    """

    start: int
    end: int
    text: str
    norm: str
    key: str
    cap: bool
    upper: bool
    word_start: int

    @property
    def has_article(self) -> bool:
        """Written with the Arabic article (al-Sham, Al Bukamal): a name, whatever the word alone is."""
        return self.word_start > self.start


@lru_cache(maxsize=262144)
def _word_parts(word: str, lang: str | None) -> tuple[str, str, bool, bool] | None:
    """A word's folded form, sound key, capital and all-capitals; None for a word that folds to
    nothing. Kept per word: an article repeats its words, and a glossary its names' words."""
    norm = fold(word, lang)
    if not norm:
        return None
    letters = list(filter(str.isalpha, word))  # C-level passes: this runs for every word of a glossary
    return norm, sound_key(norm), word[0].isupper(), len(letters) > 1 and all(map(str.isupper, letters))


def tokenize(text: str, lang: str | None = None) -> list[Token]:
    """Split ``text`` into word tokens with spans in the original string (a list of the caller's own)."""
    return list(_tokens(text, lang))


@lru_cache(maxsize=16)
def _tokens(text: str, lang: str | None) -> tuple[Token, ...]:
    """The tokens of a text, kept for the last few texts: one check reads its source's tokens in
    several rules (the glossary's names, the other names, their surnames) and the article's twice."""
    tokens: list[Token] = []
    for m in _TOKEN_RE.finditer(text):
        if m.group("acronym"):
            word, word_start = m.group("acronym"), m.start()
        else:
            word, word_start = m.group("word"), m.start("word")
        parts = _word_parts(word, lang)
        if parts is None:
            continue
        norm, key, cap, upper = parts
        tokens.append(Token(m.start(), m.end(), m.group(0), norm, key, cap, upper, word_start))
    return tuple(tokens)


def term_words(term: str, lang: str | None = None) -> list[tuple[str, str, bool, bool]]:
    """Each word of a glossary term as (folded, sound key, capitalised, all capitals), by the rules
    :func:`tokenize` applies to running text. No Token objects: an index of a million entities
    reads five million terms, and this is most of its build."""
    out = []
    for m in _TOKEN_RE.finditer(term):
        parts = _word_parts(m.group("acronym") or m.group("word"), lang)
        if parts is not None:
            out.append(parts)
    return out


_SEP = "\x00"  # joins the words or terms of a batch: no rule below matches it or across it
_TERMS_RE = re.compile(f"({_SEP})|" + _TOKEN_RE.pattern)  # a term boundary, or a token as in _TOKEN_RE
_POSSESSIVE_END_RE = re.compile(f"[{APOSTROPHES}]s(?={_SEP}|\\Z)", re.IGNORECASE)
_SOUND_SPLIT_RE = re.compile(f"({_SOUND_RE.pattern})")
_DOUBLE_SEP_RE = re.compile(f"([^{_SEP}])\\1+")
_FINAL_AH_RE = re.compile(f"(?<=[^{_SEP}][^{_SEP}])ah(?={_SEP}|\\Z)")


@lru_cache(maxsize=1)
def _combining() -> dict[int, None]:
    """Every combining mark, for ``str.translate`` to delete (built once, when first needed)."""
    return {c: None for c in range(sys.maxunicode + 1) if unicodedata.combining(chr(c))}


def _fold_many(words: list[str], lang: str | None) -> list[str]:
    """:func:`fold` of each word, the words joined into one string so that every step is one C-level
    pass (each step acts on a letter or within a word, so joining changes nothing)."""
    text = _SEP.join(words)
    if has_cyrillic(text):
        text = to_latin(text, lang)  # to_latin leaves all but Cyrillic letters alone
    text = _POSSESSIVE_END_RE.sub("", text).casefold().translate(_SPECIAL)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).translate(_combining())
    text = _APOS_RE.sub("", text)
    return text.casefold().replace(".", "").split(_SEP)


def _sound_keys_many(folded: list[str]) -> list[str]:
    """:func:`sound_key` of each folded word, in C-level passes over the words joined: a literal
    piece between two matches of the rules is never a rule's key, so ``get(piece, piece)`` maps."""
    pieces = _SOUND_SPLIT_RE.split(_SEP.join(folded))
    text = "".join(_DOUBLE_SEP_RE.split("".join(map(_SOUND_MAP.get, pieces, pieces))))  # a run as its letter
    return _FINAL_AH_RE.sub("a", text).split(_SEP)


def _all_capitals(word: str) -> bool:
    if not word.isupper():  # most words; isupper is true wherever every letter is a capital
        return False
    letters = list(filter(str.isalpha, word))
    return len(letters) > 1 and all(map(str.isupper, letters))


def many_term_words(terms: list[tuple[str, str | None]]) -> list[list[tuple[str, str, bool, bool]]]:
    """:func:`term_words` of many (term, language) pairs, the same answers in a fraction of the time:
    the terms are tokenised in one pass and each distinct word is folded and keyed once, in passes
    over the words joined (an index build reads millions of terms, most of their words new)."""
    if any(_SEP in text for text, _ in terms):
        return [term_words(text, lang) for text, lang in terms]
    by_lang: dict[str | None, list[list[str]]] = {}
    for text, lang in terms:
        by_lang.setdefault(lang, []).append(text)
    answers: dict[tuple[str, str | None], list] = {}
    for lang, texts in by_lang.items():
        found = _TERMS_RE.findall(_SEP.join(texts))  # (boundary, acronym, article, word) each
        words = [acronym or word for boundary, acronym, _, word in found if not boundary]
        distinct = list(dict.fromkeys(words))
        folded = _fold_many(distinct, lang)
        keys = _sound_keys_many(folded)
        parts = {word: (norm, key, word[0].isupper(), _all_capitals(word)) if norm else None
                 for word, norm, key in zip(distinct, folded, keys)}
        current: list = []
        lists = [current]
        for boundary, acronym, _, word in found:
            if boundary:
                current = []
                lists.append(current)
            else:
                got = parts[acronym or word]
                if got is not None:
                    current.append(got)
        for text, parts_of_text in zip(texts, lists):
            answers[text, lang] = parts_of_text
    return [list(answers[text, lang]) for text, lang in terms]


_SEARCH_SPLIT = re.compile(r"[\s\-‐‑_/]+")


def search_form(text: str, lang: str | None = None) -> str:
    """A phrase folded for searching: words folded, hyphens as spaces ("Hašd al-Šabi" -> "hasd al sabi")."""
    return " ".join(filter(None, (fold(w, lang) for w in _SEARCH_SPLIT.split(text))))


# What ends a sentence before a word: a stop, a colon or a line break, and any opening quotes after it.
_SENTENCE_END = re.compile(r"(^|[.!?…:;]\s*|\n\s*)[\"'„“”«»(\[—–-]*\s*$")
_OPENERS = frozenset("\"'„“”«»([—–-")


def sentence_start(text: str, start: int) -> bool:
    """Whether ``text[start]`` opens a sentence (``_SENTENCE_END`` matches the text before it).

    The pattern is searched only over the spaces and opening quotes before ``start`` and the
    character before them: searching the whole text before every word made the name rules
    quadratic in the article's length (0.16 s of a 1,000-word article's check)."""
    j = start
    while j > 0 and (text[j - 1].isspace() or text[j - 1] in _OPENERS):
        j -= 1
    return bool(_SENTENCE_END.search(text[j - 1:start] if j else text[:start]))
