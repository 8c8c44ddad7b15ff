"""Names made of ordinary words (Svetska banka, Centralna izborna komisija): where a South Slavic
text has them (:func:`find`) and what English calls them, by WordNet.

An engine translates the South Slavic name of an institution word by word: Svetska banka comes out
"Global bank", Bela kuća "White home", Centralna izborna komisija "Central voting commission". Only a
list of English names can tell "European Union" (right) from "Global Bank" (wrong). WordNet lists
about 4,700 such names (``seeds/build_word_names.py`` derives them, with the single words that
share a synset with each word of them, into ``seeds/word_names.tsv.gz``, 68 kB, loaded at the first
lookup). Three questions on the English side:

* :func:`known`: is this rendering an English name (case and articles aside)? Also with a country,
  a demonym or an acronym before it (UN Security Council, Macedonian Orthodox Church).
* :func:`corrected`: the one English name a word-by-word rendering stands for, where one word of it
  was rendered by a synonym (Global bank -> World Bank, White home -> White House).
* :func:`title`: the house style for a name of ordinary words that neither verifies: title case, the
  small words (of, for, and, the ...) in lower case, acronyms as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable

from newsqa.qa.countries import english_names, written_out
from newsqa.qa.english import is_derived_form
from newsqa.qa.names import Name, sentence_start
from newsqa.qa.normalize import fold, to_latin, tokenize
from newsqa.qa.institutions import HEADS, head_nouns, lone_head, table_english  # noqa: F401 (HEADS, head_nouns: the API)
from newsqa.qa.wordnet import _names, _unled, known, words_of

# Small words inside a name of ordinary words (Board of Peace, Doctors Without Borders); "and", "with",
# "in" and "on" join two names or a name and a date more often than they stand inside one (Paris and
# Berlin, Commission on Sunday).
INNER_WORDS = frozenset({"of", "for", "without", "the"})
SMALL_WORDS = frozenset({"a", "an", "and", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to",
                         "with", "without"})
def corrected(text: str) -> str | None:
    """The one WordNet name that ``text`` renders with one word replaced by a synonym of it, if
    exactly one does (Global bank -> World Bank); None when none or several do."""
    words = words_of(text)
    if len(words) < 2:
        return None
    names = _names()
    found = set()
    for i, word in enumerate(words):
        for other in names.stands_for.get(word, ()):
            name = names.by_words.get(words[:i] + (other,) + words[i + 1:])
            if name is not None:
                found.add(name)
    return found.pop() if len(found) == 1 else None


def english(rendering: str, built: "Built | None" = None) -> tuple[str, bool]:
    """What a name of ordinary words is called in English, from an engine's word-by-word rendering of
    it, and whether that is verified: its WordNet form (European union -> European Union); else the
    form built from its words (``built``, :func:`build`) that WordNet knows (Savet bezbednosti ->
    Security Council); else the one WordNet name the rendering gives with a synonym (Global bank ->
    World Bank); else the built form (Ministry of Defence: verified where the table named every
    word) or the rendering in title case (unverified)."""
    rendering = " ".join(_unled(rendering.split()))
    name = known(rendering, qualifier)
    if name:
        return name, True
    if built is not None:
        for form in built.forms:
            name = known(form, qualifier)
            if name:
                return name, True
    name = corrected(rendering)
    if name:
        return name, True
    if built is not None:
        return title(built.forms[0]), built.from_table
    return title(rendering), False


# --- a name built from its words: the head's sense, the portfolio's, "of" for a genitive ---------

# A complement's preposition and its English in a name (Agencija za atomsku energiju: Agency for ...).
_PREPOSITION_ENGLISH = {"za": "for", "o": "on", "bez": "without", "protiv": "against", "na": "on"}
# Heads whose English takes "of" where the source says "za" (Macedonian writes every ministry so).
_OF_HEADS = frozenset({"Ministry"})
# Heads that English writes after what the source gives with "za" (Agencija za atomsku energiju:
# Atomic Energy Agency; Odbor za spoljne poslove: Foreign Affairs Committee).
_BEFORE_HEADS = frozenset({"Council", "Committee", "Agency", "Fund"})


@dataclass(frozen=True)
class Piece:
    """A word (or a table phrase) of a name: as written, and its English where the table or the
    grammar gives it (None: the engine's word for it is asked)."""

    source: str
    english: str | None
    head: bool = False
    preposition: bool = False
    acronym: bool = False
    country: bool = False  # a country's abbreviation after the name (Sud BiH): "of" and the country


@dataclass(frozen=True)
class Built:
    """A name's English built from its words: its forms, the first the default (Ministry of Defence),
    then the complement before the head (Security Council), and whether the table gave every word."""

    forms: tuple[str, ...]
    from_table: bool


def pieces(text: str, lang: str | None) -> list[Piece] | None:
    """A name of ordinary words (as :func:`find` gives it) cut into what its English is built from:
    the words before its head, the head (a noun of :data:`HEADS`), and a complement (a preposition
    and a noun phrase, or a noun phrase in the genitive), with a trailing acronym (Vijeće sigurnosti
    UN-a). None where the name has no head or a complement of more than one noun phrase: the
    engine's rendering of the whole is kept for those."""
    tokens = tokenize(text, lang)
    latin = [fold(to_latin(t.text, lang), lang) for t in tokens]
    out: list[Piece] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t.upper:
            out.append(Piece(t.text, t.text, acronym=True))
            i += 1
            continue
        country = written_out(t.text) if i == len(tokens) - 1 and any(p.head for p in out) else None
        if country is not None:  # Sud BiH: Court of Bosnia and Herzegovina, as qa.terms._of_places builds it
            out.append(Piece(t.text, country, country=True))
            i += 1
            continue
        lone = lone_head(latin[i])
        # a lone head's English only where it opens the name (Vlada nacionalnog jedinstva; not Savet Federacije)
        found = table_english(latin[i:]) or ((lone, 1) if lone and not out else None)
        head = not any(p.head for p in out) and bool(HEADS.match(latin[i]) or INNER_HEADS.match(latin[i])
                                                     or WATERS.match(latin[i]) or lone)
        if found is not None:
            english, size = found
            out.append(Piece(" ".join(x.text for x in tokens[i:i + size]), english, head=head and size == 1))
            i += size
            continue
        if latin[i] == "i" and any(p.head for p in out):  # two portfolios (rudarstva i energetike): find joins them
            out.append(Piece(t.text, "and"))
        elif latin[i] in _PREPOSITION_ENGLISH and any(p.head for p in out):
            # Macedonian writes a genitive with "na" (Одборот на гувернери: Board of Governors)
            english = "of" if lang == "mk" and latin[i] == "na" else _PREPOSITION_ENGLISH[latin[i]]
            out.append(Piece(t.text, english, preposition=True))
        else:
            out.append(Piece(t.text, None, head=head))
        i += 1
    heads = [k for k, p in enumerate(out) if p.head]
    if not heads:
        return None
    after = [p for p in out[heads[0] + 1:] if not p.acronym]
    prepositions = sum(p.preposition for p in after)
    if prepositions > 1 or (prepositions and not after[0].preposition):
        return None  # more than one phrase after the head (Ured za kontrolu strane imovine u Vašingtonu)
    if any(p.acronym for p in out[:-1]):
        return None
    return out


def build(parts: list[Piece], english: dict[str, str | None]) -> Built | None:
    """The English forms of a name from its :func:`pieces` and the engine's word for each piece the
    table does not give (``english``, by source); None where the engine has no word for one."""
    words = [p.english if p.english is not None else english.get(p.source) for p in parts]
    if any(w is None or not w.strip() for w in words):
        return None
    words = [" ".join(_unled(w.split())) for w in words]
    country = f" of {words[-1]}" if parts[-1].country else ""
    if country:
        parts, words = parts[:-1], words[:-1]
    acronym = words[-1] + " " if parts[-1].acronym else ""
    if acronym:
        parts, words = parts[:-1], words[:-1]
    h = next(k for k, p in enumerate(parts) if p.head)
    before, head, after = words[:h], words[h], words[h + 1:]
    lead = " ".join(before + [head])
    za = bool(after) and parts[h + 1].preposition and parts[h + 1].source.lower() in ("za", "за")
    if not after:
        forms = [lead]
    elif za and head in _BEFORE_HEADS:  # Savet za nacionalnu bezbednost: National Security Council
        forms = [" ".join(before + after[1:] + [head]), f"{lead} {' '.join(after)}"]
    elif za and head in _OF_HEADS:  # Министерство за одбрана, Ministarstvo za ljudska prava: Ministry of ...
        forms = [f"{lead} of {' '.join(after[1:])}", " ".join(before + after[1:] + [head])]
    elif parts[h + 1].preposition:
        forms = [f"{lead} {' '.join(after)}", " ".join(before + after[1:] + [head])]
    else:
        forms = [f"{lead} of {' '.join(after)}", " ".join(before + after + [head])]
    from_table = all(p.english is not None for p in parts)
    return Built(tuple(acronym + f + country for f in forms), from_table)


def in_english(texts: list[str], lang: str | None,
               translate: Callable[[list[str]], list[str | None]]) -> list[tuple[str, bool] | None]:
    """Each name of ordinary words in English (:func:`english`) and whether that is verified, with one
    call of ``translate`` (the engine, phrase by phrase: each whole name and each word the table
    does not give); None where the engine left a word of the name unknown and nothing was built."""
    plans = [pieces(t, lang) for t in texts]
    asks = list(dict.fromkeys(texts + [p.source for plan in plans if plan for p in plan if p.english is None]))
    answers = dict(zip(asks, translate(asks))) if asks else {}
    out: list[tuple[str, bool] | None] = []
    for text, plan in zip(texts, plans):
        built = build(plan, answers) if plan else None
        whole = answers.get(text)
        if not whole and built is None:
            out.append(None)
        else:
            out.append(english(whole or built.forms[0], built))
    return out


_OPEN = "\x01"  # stands for a word the engine gives in :func:`written_by_table`'s forms


def table_forms(text: str, lang: str | None) -> tuple[str, ...]:
    """The English forms the institution table builds for a source name (Ministarstvo odbrane ->
    Ministry of Defence, Defence Ministry), with :data:`_OPEN` for each word it leaves to the engine
    (Europska investicijska banka -> \x01 Investment Bank); none where it names no head."""
    plan = pieces(text, lang)
    if plan is None:
        return ()
    built = build(plan, {p.source: _OPEN for p in plan if p.english is None})
    return () if built is None else tuple(title(f) for f in built.forms)


def written_by_table(text: str, source: str, lang: str | None) -> bool:
    """Whether ``text`` (a translation from where a run of title-case words starts) begins with a
    :func:`table_forms` form of the source name, after a qualifier or not (Somali Ministry of
    Defence), each word the engine gives a qualifier too (European Investment Bank). That is the
    glossary step's own rendering of the name, so the checker passes it."""
    for form in table_forms(source, lang):
        pattern = r"(?:(\S+) )?" + re.escape(form).replace(re.escape(_OPEN), r"(\S+)") + r"\b"
        m = re.match(pattern, text, flags=re.IGNORECASE)
        if m and (m.group(1) is None or qualifier(m.group(1))) and all(_of_a_place(w) for w in m.groups()[1:]):
            return True
    return False


_CONTINENTS = ("europe", "africa", "asia", "america", "arabia")


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    return frozenset(fold(english) for english in english_names() if " " not in english) | frozenset(_CONTINENTS)


def _of_a_place(word: str) -> bool:
    """An acronym or the adjective of a country or continent (European, Iraqi, Somali): what may stand
    for a word the engine gave in a name the table otherwise builds (not Humanitarian)."""
    if word.isupper():
        return True
    folded = fold(word)
    return any(is_derived_form(folded, name) or (len(folded) >= 5 and name == folded + "a")  # Somalia: Somali
               for name in _place_names() if name[:3] == folded[:3])


_DEMONYM = re.compile(r"(?:an|ian|ish|ese|i|ic)$")


def qualifier(word: str) -> bool:
    """A word that may stand before an English name of ordinary words and leave it the same name:
    an acronym (UN Security Council) or a capitalised demonym (Macedonian Orthodox Church)."""
    return word.isupper() or (word[:1].isupper() and bool(_DEMONYM.search(word)))


def title(text: str) -> str:
    """House-style title case for a name of ordinary words: Central voting commission -> Central
    Voting Commission; small words stay lower case except first; words already capitalised or with
    capitals inside (UN, McDonald) stay as written."""
    out = []
    for i, word in enumerate(text.split(" ")):
        if word[:1].isupper() or not word:
            out.append(word)
        elif i and word.lower() in SMALL_WORDS:
            out.append(word.lower())
        else:
            out.append(word[:1].upper() + word[1:])
    return " ".join(out)


# --- the source side: where a South Slavic text names something with ordinary words ----------------

# An adjective's ending (Svetska, Centralna, Ujedinjenih, Bijeloj; Macedonian Државната, Курдската):
# the name goes on to its noun.
ADJECTIVE = re.compile(r"(?:sk|ck|čk|šk|n|l|t|v|^drug|^vtor)(?:i|a|e|o|u|og|om|oj|im|ih|ima|oga|ome|ata|ite|iot|ot|ta|te)$")
# Nouns that head a name with a complement only inside a sentence: at its start "Sporazum o prekidu
# vatre" is as often the agreement in general as the treaty's name.
INNER_HEADS = re.compile(r"^(?:ugovor|sporazum|dogovor|konvencij|protokol|memorandum|povelj)"
                         r"(?:a|e|i|u|o|om|em|ima|ama|ot|ta|te|ite)?$")
# Waters named by an adjective and their noun (Crveno more, Persijski zaliv, Ohridsko jezero): heads
# of the names the glossary step builds from their words, where English knows the whole (Red Sea,
# Persian Gulf); the engine's word for more is another sense ("must", "Ail").
WATERS = re.compile(r"^(?:mor|zaliv|zaljev|jezer|moreuz)(?:a|e|i|u|o|om|em|ot|to|eto|ata)?$")
COMPLEMENT_PREPOSITIONS = frozenset({"za", "bez", "na", "protiv", "o"})
# An adjective of a name's kind (Svjetska, Europska, Centralna, Руско): one opening a sentence may
# start a name; ADJECTIVE alone also fits nouns there (Listu).
_OPENING_ADJECTIVE = re.compile(r"(?:sk|ck|n)(?:i|a|e|o|u|og|om|oj|im|ih|oga|ome|ata|ite|iot|ot|ta|te|ite)$")
# Words that end a name: they are no part of one (verbs, conjunctions, pronouns, prepositions).
_FUNCTION = frozenset({
    "i", "a", "u", "na", "je", "su", "se", "da", "od", "do", "za", "sa", "s", "iz", "o", "po", "ne", "ni", "ce",
    "će", "bi", "koji", "koja", "koje", "sto", "što", "kao", "ali", "te", "vec", "već", "jos", "još", "to", "ga",
    "mu", "joj", "ih", "im", "li", "kod", "prema", "nakon", "pre", "prije", "tokom", "zbog", "izmedju", "između",
    "ili", "pa", "nije", "nisu", "bio", "bila", "bilo", "bili", "sada", "sve", "vo", "so", "e", "ke", "ќе", "go",
    "kako", "koj", "koe", "kade", "deka", "ova", "ovaa", "taa", "toj", "tie", "ja", "gi", "me",
    # auxiliaries, which follow a name as its sentence's verb (da Skupština neće odustati)
    "neće", "nece", "ćemo", "cemo", "ćete", "cete", "nećemo", "necemo", "nećete", "necete", "sam", "smo", "ste",
    "bih", "bismo", "biste", "jeste", "treba",
})
# An adjective's case ending of any stem (visokog, velikih): few nouns end so.
_CASE_ADJECTIVE = re.compile(r"\w{3}(?:og|oga|ih)$")
# A verb's past participle ends like an adjective (produžila, stigli): it ends a name.
_PARTICIPLE = re.compile(r"(?:la|li|le|lo|ao|eo|io)$")
# An adjective in the genitive (nuklearnog, ljudskih): a name's noun may take one after it.
_GENITIVE_ADJECTIVE = re.compile(r"(?:sk|ck|čk|šk|n|l|t|v)(?:og|oga|ih)$")
_VERB_ENDING = re.compile(r"(?:ao|eo|io|la|li|le|lo|(?<!s)ti|ći|uje|ira|ava|iva|ovao|ala|ela|ila|ше|še|at|et|it|ме|me)$")


@dataclass(frozen=True)
class WordName:
    """A name of ordinary words in a source text (Svetskoj banci, Vijeće sigurnosti UN-a, Odbor za mir)."""

    start: int
    end: int
    text: str
    opening: bool = False  # opens its sentence with an adjective (Svjetska banka procjenjuje): maybe generic


def find(text: str, lang: str | None, names: Iterable[Name] = (), skip: Iterable[tuple[int, int]] = (),
         known_word: Callable[[str, str | None], bool] | None = None) -> list[WordName]:
    """Names made of ordinary words in a South Slavic ``text``: a capitalised word inside a sentence
    that is in no name ``names`` found and no ``skip`` span (the glossary's), with the capitalised
    words after it; if it ends in an adjective, the lower-case adjectives after it and their noun
    (Centralna izborna komisija); if it ends in a head noun of an institution, its complement: a
    noun (Štit domovine), a preposition and a noun (Odbor za mir), an acronym (Vijeće sigurnosti
    UN-a). South Slavic capitalises only a name's first word, so the capital says where it starts
    and the grammar where it ends. A sentence's first word starts one only as a head noun (Savet
    bezbednosti je) or as an adjective before its noun (Svjetska banka procjenjuje, marked
    ``opening``: as often a generic phrase, Ruske rakete, so the glossary step writes it as a name
    only where English knows the name); a name of one word (Sloboda) is not taken: the engine's word
    for it may be the name's English."""
    spans = [(n.start, n.end) for n in names if n.acronym or not _ordinary(n, lang, known_word)] + list(skip)
    tokens = tokenize(text, lang)
    latin = [fold(to_latin(t.text, lang), lang) for t in tokens]

    def inside(t) -> bool:
        return any(a <= t.start < b for a, b in spans)

    def next_to(i: int, gaps: str = " ") -> bool:
        return i < len(tokens) and text[tokens[i - 1].end:tokens[i].start] in gaps.split("|")

    found = []
    k = 0
    while k < len(tokens):
        t = tokens[k]
        opening = sentence_start(text, t.start)
        # Vlada heads a name only with a genitive adjective after it (Vlada nacionalnog jedinstva)
        lone = bool(lone_head(latin[k]))
        alone = lone and not (next_to(k + 1) and not tokens[k + 1].cap and latin[k + 1] not in _FUNCTION
                              and _GENITIVE_ADJECTIVE.search(latin[k + 1]))
        if not t.cap or t.upper or inside(t) or alone or (opening and not HEADS.match(latin[k]) and not lone
                                                          and not _OPENING_ADJECTIVE.search(latin[k])):
            k += 1
            continue
        j = k + 1
        while next_to(j, " |-") and tokens[j].cap and not tokens[j].upper and not inside(tokens[j]):
            j += 1
        def noun_phrase(j: int, more: bool = True) -> int:
            """Past lower-case adjectives and their noun (izborna komisija, mirovne misije), and one
            genitive of an adjective and a noun after them (o neširenju nuklearnog oružja)."""
            while next_to(j) and not tokens[j].cap and latin[j] not in _FUNCTION and not _PARTICIPLE.search(latin[j]) \
                    and (ADJECTIVE.search(latin[j]) or _CASE_ADJECTIVE.search(latin[j])):
                j += 1
            if next_to(j) and not tokens[j].cap and latin[j] not in _FUNCTION \
                    and (not _VERB_ENDING.search(latin[j]) or HEADS.fullmatch(latin[j])):
                # a head noun ending like a verb is the noun (Suvereni savet, Olimpijski komitet)
                j += 1
                if more and next_to(j) and not tokens[j].cap and _GENITIVE_ADJECTIVE.search(latin[j]) \
                        and latin[j] not in _FUNCTION:
                    j = noun_phrase(j, more=False)
            return j

        def and_more(j: int) -> int:
            """Past "i" and a second portfolio after a first (rudarstva i energetike, za obnovu i razvoj):
            both words of the institution table, so that "i" joins two parts of one name."""
            ends_in_table = any((row := table_english(latin[j - n:j])) is not None and row[1] == n
                                for n in (1, 2) if j - n > k)  # odbrane, spoljnih poslova
            if next_to(j) and latin[j] == "i" and next_to(j + 1) and not tokens[j + 1].cap and ends_in_table \
                    and table_english(latin[j + 1:j + 2]):
                return j + 2
            return j

        head = j == k + 1 and (HEADS.match(latin[k]) or lone or not opening and INNER_HEADS.match(latin[k]))
        if ADJECTIVE.search(latin[j - 1]) and not head:  # Saveta, Zakona end like adjectives
            j = noun_phrase(j)
            if HEADS.match(latin[j - 1]) and next_to(j) and latin[j] in COMPLEMENT_PREPOSITIONS \
                    and next_to(j + 1) and not tokens[j + 1].cap and latin[j + 1] not in _FUNCTION:
                # a head noun's complement after its adjectives: agencije za atomsku energiju
                j = and_more(noun_phrase(j + 1))
        elif head and next_to(j) and not inside(tokens[j]):
            # a head noun first takes a complement; after adjectives (Europska unija mora) the next word
            # is more often the sentence's verb than a genitive
            if latin[j] in COMPLEMENT_PREPOSITIONS and next_to(j + 1) and not tokens[j + 1].upper \
                    and latin[j + 1] not in _FUNCTION and not inside(tokens[j + 1]):
                j = and_more(noun_phrase(j + 1)) if not tokens[j + 1].cap else j + 2
            elif not tokens[j].cap:
                j = and_more(noun_phrase(j))
            if next_to(j) and tokens[j].upper and not inside(tokens[j]):
                j += 1
        if opening and (j - k < 2 or tokens[k + 1].cap):
            # a sentence's first word is a name only as the head of one (Savet bezbednosti je ...) or
            # as an adjective before its noun; the words after an adjective may start one of their own
            k = j if HEADS.match(latin[k]) else k + 1
            continue
        if j - k >= 2:
            end = tokens[j - 1].end
            m = re.match(r"[-‐‑]\w{1,3}\b", text[end:])  # an acronym's case ending: UN-a
            if tokens[j - 1].upper and m:
                end += m.end()
            found.append(WordName(t.start, end, text[t.start:end], opening and not HEADS.match(latin[k]) and not lone))
        k = j
    return found


def _ordinary(name: Name, lang: str | None, known_word: Callable[[str, str | None], bool] | None) -> bool:
    """Whether a name found from capitals alone is ordinary words: the language's dictionary knows
    each in lower case; Macedonian, which has none here, by shape (an adjective, a head noun)."""
    if name.place:
        return False  # a country or a city (Slovačkoj is Slovakia, not an adjective)
    words = [fold(to_latin(w, lang), lang) for w in name.text.split()]
    if lang == "mk":
        return len(words) == 1 and bool(ADJECTIVE.search(words[0]) or HEADS.match(words[0]))
    return known_word is not None and all(known_word(to_latin(w, lang).lower(), lang) for w in name.text.split())
