"""The checker's rules for names the glossary does not know (table rows in ``qa.rules``).

With a source text, the names :func:`qa.names.find_names` finds there (outside the glossary's own
mentions) tell what the translation should carry; what it carries instead is flagged:

* ``name-source-form``: a word of such a name left as the source wrote it, declined ("Blinkenom",
  "Dohu") or in Cyrillic ("Купјанск"); also any capitalised Cyrillic word, and a word of a name made of
  ordinary words that the engine did not translate ("Ujedinjene nation"). The suggestion is the
  house-style nominative. A South Slavic name with its diacritics is not a source form (Vučić).
* ``name-common-word``: a name whose other words are in the translation but one of them came out
  as an ordinary English word next to them ("But Hamenei" for Ali Hamnei, "Dejr ez Dawn"); and a
  one-word name a sentence carries in no form where that sentence has exactly one capitalised
  ordinary word no other name accounts for ("Gift" for do Dare, "Reigns" for Vlada).
* ``source-acronym`` (needs no source): an acronym in its source-language form (MAAE for IAEA) or
  with a source case ending the engine left or translated ("UNIFIL-and", "HTS-om").
* ``unverified-name``: the house-style romanisation is there but English text does not attest it
  (Aragchi for Araghchi): low confidence, a prompt to check, not a verdict.

Never flagged: a name rendered as the house style gives it when English attests it (Hakan Fidan,
Doha) or :func:`qa.names.verified_word` verifies it otherwise; a given name before an attested surname
(Entoni Blinken); South Slavic names in either of the house style's spellings; names inside a glossary
mention; a sentence's first ordinary word the engine did not know (Ozloglašeni).
"""

from __future__ import annotations

import re
from typing import Callable, Iterable

from rapidfuzz import fuzz

import newsqa.qa.countries as countries
import newsqa.qa.features as features
import newsqa.qa.gazetteer as gazetteer
import newsqa.qa.given_names as given_names
import newsqa.qa.sound_alike as sound_alike
import newsqa.qa.word_names as word_names
from newsqa.qa.english import is_common_word, lower_case_only, zipf
from newsqa.qa.sentences import spans as sentence_spans
from newsqa.qa.flags import Flag
from newsqa.qa.names import PARTICLES, Name, english_acronym, english_spelling, find_names, sentence_start, strip_diacritics
from newsqa.qa.normalize import Token, fold, has_cyrillic, to_latin, tokenize
from newsqa.qa.rules import RULE_OF, confidence

_SLAVIC_LETTERS = re.compile(r"[čćšžđČĆŠŽĐ]")
_WORDS = re.compile(r"[\s\-‐‑]+")
_ENDING = re.compile(r"^[-‐‑](?:and|a|u|om|em|e|i|ov|ovi|ova|ove|ima|ju|ja|ot|ta|to)\b")
NAME_ENTITY = "name:"
MIN_ENGLISH = 2.5  # zipf: a source word this frequent in English text may be the right English word (Gaza, Human)


def name_flags(text: str, source: str | None, lang: str | None, rules: frozenset[str],
               skip: Iterable[tuple[int, int]] = (), taken: Iterable[tuple[int, int]] = (),
               known_word: Callable[[str, str | None], bool] | None = None,
               tokens: list[Token] | None = None) -> list[Flag]:
    """Flags for names outside the glossary; ``skip``: the glossary's spans in the source, ``taken``:
    spans of the translation other rules flagged or accepted already; ``tokens``: the translation's
    English tokens when the caller has them (the checker does: tokenizing twice cost a third of a check)."""
    if tokens is None:
        tokens = tokenize(text, "en")
    taken = list(taken)
    flags: list[Flag] = []

    def free(start: int, end: int) -> bool:
        return not any(a < end and start < b for a, b in taken) and not any(
            f.start is not None and f.start < end and start < f.end for f in flags)

    if "source-acronym" in rules:
        flags += [f for f in _acronyms(text, tokens) if free(f.start, f.end)]
    names = find_names(source, lang, skip=skip, known_word=known_word) if source and source.strip() else []
    names = [n for n in names if not n.acronym]
    if "name-source-form" in rules:
        for f in _source_forms(text, tokens, names, source, lang):
            if free(f.start, f.end):
                flags.append(f)
        if source:
            for f in _left_untranslated(text, tokens, source, lang, names, list(skip)):
                if free(f.start, f.end):
                    flags.append(f)
        flags = _one_flag_a_name(text, flags)
    if "name-common-word" in rules:
        for f in _common_words(text, tokens, names):
            if free(f.start, f.end):
                flags.append(f)
        if source:
            for f in _translated_words(text, tokens, source, names, list(taken)):
                if free(f.start, f.end):
                    flags.append(f)
    if "unverified-name" in rules:
        for f in _unverified(text, tokens, names):
            if free(f.start, f.end):
                flags.append(f)
    if "translated-name" in rules and source:
        phrases = word_names.find(source, lang, names, skip, known_word)
        for f in _translated(text, tokens, source, lang, phrases, names, taken):
            if free(f.start, f.end):
                flags.append(f)
    return flags


def _one_flag_a_name(text: str, flags: list[Flag]) -> list[Flag]:
    """Source forms side by side, with only a space between them, as one flag: they are words of one
    name (Kerčkom moreuzu, an adjective and its noun the engine did not know), and an editor reviews
    one name once, not each of its words."""
    out = list(flags)
    forms = sorted((f for f in flags if f.kind == "name_source_form" and f.start is not None), key=lambda f: f.start)
    for first, second in zip(forms, forms[1:]):
        if first in out and text[first.end:second.start] == " ":
            merged = _flag("name_source_form", text, first.start, second.end,
                           f"{first.suggestion} {second.suggestion}" if first.suggestion and second.suggestion
                           else None, f"“{text[first.start:second.end]}”, a name left in its source form: "
                                      f"{first.reason}; {second.reason}")
            out[out.index(first)] = merged
            out.remove(second)
            forms[forms.index(second)] = merged  # a third word joins the same flag
    return out


def _flag(kind: str, text: str, start: int, end: int, suggestion: str | None, reason: str,
          english: str | None = None) -> Flag:
    return Flag(NAME_ENTITY + (english or suggestion or text[start:end]), kind, start, end, text[start:end],
                suggestion, confidence(kind), reason, RULE_OF[kind])


def _acronyms(text: str, tokens: list[Token]) -> list[Flag]:
    out = []
    for t in tokens:
        if not t.upper:
            continue
        word = t.text
        m = _ENDING.match(text[t.end:])
        english = english_acronym(word)
        if m:
            end = t.end + m.end()
            suggestion = english or (word if not has_cyrillic(word) else None)
            out.append(_flag("source_acronym", text, t.start, end, suggestion,
                             f"“{text[t.start:end]}” is an acronym with a source-language case ending"))
        elif english and english != word:
            out.append(_flag("source_acronym", text, t.start, t.end, english,
                             f"“{word}” is the source language's acronym for {english}"))
    return out


def _source_forms(text: str, tokens: list[Token], names: list[Name], source: str | None = None,
                  lang: str | None = None) -> list[Flag]:
    declined: dict[str, Name] = {}
    for n in names:
        # hyphens split words on both sides: Jean-Noël Barrot has the lemma Jean Noël Barrot
        # a word English writes as the source did is no declined form, whatever the lemma guess (Baku)
        english = {fold(w, "sr") for w in _WORDS.split(n.english)}
        for word, lemma in zip(_WORDS.split(n.text), _WORDS.split(n.lemma)):
            if fold(word, "sr") != fold(lemma, "sr") and lemma not in PARTICLES and fold(word, "sr") not in english:
                declined.setdefault(fold(word, "sr"), n)
    # South Slavic letters are the house style's in South Slavic names and in names whose English keeps
    # them (Pančevo, a Serbian town)
    slavic_words = {fold(w) for n in names if n.slavic for w in n.text.split()} | {
        fold(w) for n in names if _SLAVIC_LETTERS.search(n.english) for w in _WORDS.split(n.english)}
    # a sentence's first word that the name finder did not take for a name is an ordinary word the
    # engine did not know (Ozloglašeni zatvor), not a name left in South Slavic spelling
    ordinary = {fold(to_latin(t.text, lang), lang) for t in tokenize(source, lang) if t.cap
                and sentence_start(source, t.start) and not any(n.start <= t.start < n.end for n in names)} \
        if source else set()
    out = []
    k = 0
    while k < len(tokens):
        t = tokens[k]
        if not t.cap:
            k += 1
            continue
        name = declined.get(t.norm)
        cyrillic = has_cyrillic(t.text)
        letters = bool(_SLAVIC_LETTERS.search(t.text)) and t.norm not in slavic_words
        # a name's word hyphened to a word the engine left in Cyrillic: the name's other half (Daut-пашиниот,
        # Saat-кулата: Macedonian compounds the engine split)
        half = k + 1 < len(tokens) and text[t.end:tokens[k + 1].start] in ("-", "‐") \
            and has_cyrillic(tokens[k + 1].text) and not _demonym(t)  # (Syrian-католичката: an adjective)
        if name is None and not cyrillic and not half and (not letters or t.norm in ordinary):
            k += 1
            continue
        cyrillic = cyrillic or half
        j = k + 1  # the whole capitalised run: "Entonijem Blinkenom"
        while j < len(tokens) and (tokens[j].cap or half and j == k + 1) and not (half and j > k + 1) \
                and re.fullmatch(r"[ \-‐]", text[tokens[j - 1].end:tokens[j].start]):
            j += 1
        start, end = t.start, tokens[j - 1].end
        found = text[start:end]
        if name is None:
            name = next((n for n in names if any(fold(w, "sr") == t.norm for w in n.text.split())), None)
        suggestion = None if half else name.english if name else (strip_diacritics(found) if not cyrillic else None)
        why = "declined as in the source" if name and t.norm in declined else "partly in Cyrillic" if half \
            else "in Cyrillic" if cyrillic else "in South Slavic spelling"
        out.append(_flag("name_source_form", text, start, end, suggestion,
                         f"“{found}” is a name left {why}" + (f"; in English: {suggestion}" if suggestion else ""),
                         name.english if name else None))
        k = j
    return out


def _demonym(token: Token) -> bool:
    """A capitalised English demonym (Syrian, Serbian), shaped so and frequent in English text."""
    return word_names.qualifier(token.text) and not token.text.isupper() and zipf(token.norm) >= DEMONYM_USE


DEMONYM_USE = 3.0  # zipf: Syrian 4.3, Serbian 3.9; not a rare name in -i (Hadzi)


def _left_untranslated(text: str, tokens: list[Token], source: str, lang: str | None, names: list[Name],
                       skip: list[tuple[int, int]]) -> list[Flag]:
    """Words of a name made of ordinary words (Ujedinjene nacije, Belih šlemova), which the name finder
    leaves to the engine, that the engine did not know and left as the source wrote them: a capitalised
    source word inside a sentence that belongs to no name found and no glossary mention, and the
    lower-case word after such a run that ends in an adjective (the name's noun: Belih šlemova).
    English words are not taken for them."""
    source_tokens = tokenize(source, lang)
    words: dict[str, str] = {}
    k = 0
    while k < len(source_tokens):
        t = source_tokens[k]
        inside = any(n.start <= t.start < n.end for n in names) or any(a <= t.start < b for a, b in skip)
        if not t.cap or t.upper or inside or sentence_start(source, t.start):
            k += 1
            continue
        j = k
        while j + 1 < len(source_tokens) and source_tokens[j + 1].cap and \
                re.fullmatch(r"[ \-]", source[source_tokens[j].end:source_tokens[j + 1].start]):
            j += 1
        run = source_tokens[k:j + 1]
        if word_names.ADJECTIVE.search(fold(to_latin(run[-1].text, lang), lang)) and j + 1 < len(source_tokens) \
                and not source_tokens[j + 1].cap and \
                re.fullmatch(" ", source[source_tokens[j].end:source_tokens[j + 1].start]):
            run.append(source_tokens[j + 1])
        phrase = source[run[0].start:run[-1].end]
        for w in run:
            if any(n.start <= w.start < n.end and fold(n.english) == fold(n.text) for n in names):
                continue  # a name after the run's first word that English writes as the source does is its
                # own, not a word left untranslated (Festivala Jovan Marjanović; not Saharov Europskog)
            folded = fold(to_latin(w.text, lang), lang)
            if len(folded) >= 4 and zipf(folded) < MIN_ENGLISH:
                words.setdefault(folded, phrase)
        k = j + 1
    out = []
    for t in tokens:
        phrase = words.get(t.norm)
        if phrase is None or has_cyrillic(t.text):
            continue
        out.append(_flag("name_source_form", text, t.start, t.end, None,
                         f"“{t.text}” is a word of the name “{phrase}” left untranslated"))
    return out


def _common_words(text: str, tokens: list[Token], names: list[Name]) -> list[Flag]:
    """A word of a name where the name has it, with an ordinary English word standing in the place of
    the name's next (or previous) word: "But Hamenei" where the name is Ali Hamnei. A word that
    resembles the source word it stands for is a rendering of it, not an ordinary word (Serbia for
    Srbije)."""
    out = []
    # a word that renders another name of the article is no ordinary word in this one's place (Er
    # Srbija and Er Kaira: "Serbia" after "Air" renders the other name's Srbija)
    named = {fold(p) for n in names for p in re.split(r"[\s\-]+", n.english) if p}
    for n in names:
        # "the" of The Hague or The Gambia, "of" of Gulf of Aden, is no word of the name an engine could
        # render otherwise
        parts = [fold(p) for p in re.split(r"[\s\-]+", n.english)
                 if p and fold(p) not in PARTICLES | word_names.INNER_WORDS]
        if len(parts) < 2:
            continue
        for k, t in enumerate(tokens):
            if t.norm not in parts:
                continue
            p = parts.index(t.norm)
            for j, q in ((k - 1, p - 1), (k + 1, p + 1)):
                if not (0 <= q < len(parts) and 0 <= j < len(tokens)):
                    continue
                other = tokens[j]
                if other.norm == parts[q] or not other.cap or not is_common_word(other.norm) \
                        or other.norm in features.english_words() \
                        or any(fuzz.ratio(other.norm, w) >= 50 for w in named - set(parts)) \
                        or fuzz.ratio(other.norm, parts[q]) >= 50 \
                        or not re.fullmatch(r"[ \-]", text[min(t.end, other.end):max(t.start, other.start)]):
                    continue
                start, end = min(t.start, other.start), max(t.end, other.end)
                out.append(_flag("name_common_word", text, start, end, n.english,
                                 f"“{text[start:end]}”: part of the name {n.english} rendered as an "
                                 f"ordinary English word"))
                break
    return out


def _translated_words(text: str, tokens: list[Token], source: str, names: list[Name],
                      taken: list[tuple[int, int]]) -> list[Flag]:
    """A one-word name inside a source sentence that the translation's sentence carries in no form
    (neither its English nor as the source wrote it), where that sentence has exactly one capitalised
    ordinary English word inside it that no other name accounts for: the engine translated the name
    as a word ("Sash" for the party Šas, "Gift" for Darom, "Horrid" for the city Grozni). Only one
    such name and one such word a sentence, and only where both texts have as many sentences, so
    that the pairing is not a guess."""
    ours, theirs = sentence_spans(source), sentence_spans(text)
    if len(ours) != len(theirs):
        return []
    words = {fold(w) for n in names for w in _WORDS.split(n.english) + _WORDS.split(n.text) if w}
    out = []
    for (a, b), (c, d) in zip(ours, theirs):
        candidates = [t for t in tokens if c <= t.start < d and t.cap and not t.upper
                      and not sentence_start(text, t.start) and t.norm not in words
                      and MIN_ENGLISH <= zipf(t.norm) < FUNCTION_WORD and t.norm not in _CALENDAR
                      and t.norm not in features.english_words()  # Hospital: the source's bolnica
                      and not any(x < t.end and t.start < y for x, y in taken) and not _english_name(t.text)]
        if len(candidates) != 1:
            continue  # most sentences: nothing to pair, and no need to look for a missing name
        said = {t.norm for t in tokens if c <= t.start < d}
        missing = [n for n in names if a <= n.start < b and len(n.parts) == 1 and not n.acronym
                   and not sentence_start(source, n.start) and not _adjective_before_noun(source, n)
                   and not _carried(n, said)]
        if len(missing) == 1 and max(
                fuzz.ratio(candidates[0].norm, fold(x)) for x in (missing[0].text, missing[0].english)) < 50:
            # (a word like the name is the engine's rendering of it: Kosovo for Kosova, Blok for Block)
            n, t = missing[0], candidates[0]
            out.append(_flag("name_common_word", text, t.start, t.end, n.english,
                             f"“{t.text}” stands where the source has the name “{n.text}”, rendered as an "
                             f"ordinary English word; in English: {n.english}"))
    return out


FUNCTION_WORD = 5.5  # zipf: a word this frequent (the, with) capitalised inside a sentence is the engine's slip
_CALENDAR = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                       "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
                       "saturday", "sunday"})


def _carried(name: Name, said: set[str]) -> bool:
    """Whether a sentence's words carry a one-word name in some form: a word of its English (al-Tanf,
    Kharkiv region), its source form or lemma, or a word like one of them (Paris for Pariz)."""
    forms = {fold(w) for w in _WORDS.split(name.english) if len(fold(w)) > 2 and fold(w) not in PARTICLES}
    forms |= {fold(name.text), fold(name.lemma)}
    return bool(forms & said) or any(fuzz.ratio(f, w) >= 80 for f in forms for w in said if len(w) > 3)


def _adjective_before_noun(source: str, name: Name) -> bool:
    """Whether a one-word name is an adjective before a lower-case noun: the first word of a name of
    ordinary words (Gruzijski san, Europskog parlamenta), which the engine translates whole."""
    m = re.match(r"\s+([^\W\d_]+)", source[name.end:])
    return bool(m) and m.group(1)[:1].islower() and bool(word_names.ADJECTIVE.search(fold(name.text)))


_REGIONS = frozenset({"europe", "africa", "asia", "america", "arabia", "mediterranean", "balkans", "caucasus",
                      "levant", "sahel", "maghreb", "gulf"})


def _english_name(word: str) -> bool:
    """Whether an English word is itself a name or a name's adjective, which the engine's dictionary
    gave for the source's (Europe, Belgrade, Germany, Mediterranean, Syrian): a country, a city
    GeoNames knows, a continent or a demonym."""
    return word in countries.english_names() or gazetteer.known(word) or word_names.qualifier(word) \
        or fold(word) in _REGIONS


def _unverified(text: str, tokens: list[Token], names: list[Name]) -> list[Flag]:
    out = []
    seen: set[tuple[int, int]] = set()
    for n in names:
        if n.verified:
            continue
        words = [fold(w) for w in re.split(r"[\s\-]+", n.english) if w and fold(w) not in PARTICLES]
        bad = {w for w in words if not _attested(w)} or {w for w in words if lower_case_only(w)}
        # (an unverified name of attested words has an ordinary one standing for a name: East Gut)
        if len(words) == 2 == len(n.english.split()) and words[-1] not in bad and not n.place \
                and given_names.given_name(words[0]):
            # a rare given name, spelt as a given name is, before an attested surname (Hashem Safieddine):
            # the name is right. One no list of given names has is a romanisation an editor checks
            # (Entoni Blinken, Zhozef Aun), and so is an ordinary word of the language (Palata Srbija)
            continue
        k = 0
        while k < len(tokens):
            if tokens[k].norm not in bad:
                k += 1
                continue
            j = k  # one flag for a run of the name's words with an unattested one in it
            while j + 1 < len(tokens) and tokens[j + 1].norm in words and \
                    re.fullmatch(r"[ \-]", text[tokens[j].end:tokens[j + 1].start]):
                j += 1
            run = [t for t in tokens[k:j + 1]]
            while run and run[-1].norm not in bad:
                run.pop()  # "Entoni" of Entoni Blinken: the attested surname is not flagged
            start, end = run[0].start, run[-1].end
            k = j + 1
            if (start, end) in seen:
                continue
            seen.add((start, end))
            found = text[start:end]
            # a spelling English writes that sounds the same (Grosi: Grossi), else, for the given name that
            # opens a person's name, an English given name it may stand for by sound (Entoni: Anthony;
            # qa.sound_alike), as a suggestion only
            first = len(words) >= 2 and fold(found.split()[0]) == words[0]
            better = [english_spelling(w) or (sound_alike.given_name_for(w) if first and k == 0 else None)
                      for k, w in enumerate(found.split())]
            suggestion = " ".join(b or w for b, w in zip(better, found.split())) if any(better) else None
            out.append(_flag("unverified_name", text, start, end, suggestion,
                             f"“{found}” is the house-style romanisation of “{n.text}”; English text does not "
                             f"attest this spelling", n.english))
    return out


ORDINARY_WORD = 2.0  # zipf: a capitalised word this frequent in English text is an English word (Stabilising 2.4),
# not a source word the engine left (flota 1.4)


def _title_runs(text: str, tokens: list[Token], names: set[str],
                taken: Iterable[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Spans of title-case runs of ordinary English words (Central Voting Commission, Board for
    Peace, UN Security Council): two capitalised words or more, two of them no acronym (VMRO-DPMNE is
    no run), small words (of, for, without) only
    between them, each capitalised word an acronym or a frequent English word that is no word of a
    name found in the source (``names``: Ursula of Ursula von der Leyen) nor of a glossary name
    (``taken``: Gaza of "Humanitarian Foundation for Gaza"). A sentence's first word starts none:
    its capital is the sentence's ("Members State Agency" is the run "State Agency")."""
    taken = list(taken)

    def ordinary(t: Token) -> bool:
        return t.cap and t.norm not in names and (t.upper or zipf(t.norm) >= ORDINARY_WORD) \
            and not any(a < t.end and t.start < b for a, b in taken)

    out = []
    k = 0
    while k < len(tokens):
        if not ordinary(tokens[k]) or sentence_start(text, tokens[k].start):
            k += 1
            continue
        j, last, capitals = k + 1, k, 1
        while j < len(tokens) and re.fullmatch(r"[ \-]", text[tokens[j - 1].end:tokens[j].start]):
            t = tokens[j]
            if ordinary(t):
                last, capitals = j, capitals + 1
            elif t.cap or t.norm not in word_names.INNER_WORDS:
                break
            j += 1
        if capitals >= 2 and sum(not t.upper for t in tokens[k:last + 1] if t.cap) >= 2:
            out.append((tokens[k].start, tokens[last].end))  # words, not acronyms alone (VMRO-DPMNE)
        k = last + 1
    return out


def _translated(text: str, tokens: list[Token], source: str, lang: str | None, phrases: list["word_names.WordName"],
                names: list[Name], taken: Iterable[tuple[int, int]] = ()) -> list[Flag]:
    """A name of ordinary words in the source (``qa.word_names``: Centralna izborna komisija) whose
    rendering is a title-case run of ordinary English words that WordNet does not know as a name
    ("Central Voting Commission"): English may call it otherwise (Central Election Commission).
    Names and runs are paired in order, sentence by sentence when both texts have as many
    sentences (else over the whole text). A sentence's first word starts no run: its capital is
    the sentence's ("Candidate SNSD"), and a name that opens a sentence is most often a generic
    one that English writes so too (Ministarstvo odbrane, the Ministry of Defence). A run WordNet
    knows (European Union, UN Security Council) takes its name but is not flagged."""
    if not phrases:
        return []
    words = {fold(w) for n in names for w in re.split(r"[\s\-]+", n.english) if w}
    runs = _title_runs(text, tokens, words, taken)
    ours, theirs = sentence_spans(source), sentence_spans(text)
    paired = len(ours) == len(theirs)
    if not paired:
        ours, theirs = [(0, len(source))], [(0, len(text))]
    out = []
    for (a, b), (c, d) in zip(ours, theirs):
        named = [p for p in phrases if a <= p.start < b and not sentence_start(source, p.start)]
        rendered = [r for r in runs if c <= r[0] < d]
        pairs = _pairs(text, named, rendered, lang)
        if paired:  # a sentence of the translation is the source sentence's
            out += _lower_case(text, tokens, source, lang, [p for p in phrases if a <= p.start < b
                                                            and all(p is not q for q, _ in pairs)],
                               c, d, words, runs, taken)
        for phrase, (start, end) in pairs:
            if word_names.written_by_table(text[start:], phrase.text, lang):
                continue  # the glossary step wrote it from the institution table (Ministry of Defence)
            acronym = re.match(r"[A-Z]{2,5} ", text[start:end])
            if acronym and not phrase.text.split()[0].isupper():
                start += acronym.end()  # the organisation's acronym the step puts first (UN General Assembly)
            end = _within(tokens, start, end, len(phrase.text.split()))
            found = text[start:end]
            following = re.match(r"\s(\w+)", source[phrase.end:])
            country = countries.written_out(phrase.text.split()[-1]) or (
                countries.written_out(following.group(1)) if following else None)
            cut = found.rfind(f" of {country.split()[0]}") if country else -1
            if cut > 0:  # Sud BiH: "of Bosnia and Herzegovina" is the country, no word translated
                end = start + cut
                found = text[start:end]
            if word_names.known(found, word_names.qualifier):
                continue
            out.append(_flag("translated_name", text, start, end, word_names.corrected(found),
                             f"“{found}” is the name “{phrase.text}” translated word by word; English may "
                             f"call it otherwise (not a name English word lists know)", found))
    return out


def _pairs(text: str, named: list["word_names.WordName"], rendered: list[tuple[int, int]],
           lang: str | None) -> list[tuple["word_names.WordName", tuple[int, int]]]:
    """Names of one sentence paired with its title-case runs: a name whose head noun the institution
    table gives takes the run that carries that noun's English (Međunarodne agencije za atomsku
    energiju: the run with "Agency"), or none where no run does (the engine wrote it in lower case);
    the other names take the runs left, in order. Pairing all in order shifted every pair after a
    name the engine wrote in lower case ("Ministry of Finance" taken for the atomic energy agency)."""
    left = list(rendered)
    by_head, rest = [], []
    for phrase in named:
        heads = _head_english(phrase.text, lang)
        if not heads:
            rest.append(phrase)
            continue
        run = next((r for r in left if set(heads) & {fold(w) for w in re.findall(r"[^\W\d_]+", text[r[0]:r[1]])}),
                   None)
        if run is not None:
            left.remove(run)
            by_head.append((phrase, run))
    return by_head + list(zip(rest, left))


# Other spellings English gives a head noun of the institution table (its English, lower-cased).
_HEAD_SPELLINGS = {"organisation": ("organization",), "programme": ("program",), "forces": ("force",)}
# Source words a name's size does not count (Svetski program za hranu has three words), folded Latin:
# the prepositions of a name's complement, and "i", "u", "od", "sa", "s", "so" between its words.
_SMALL_SOURCE_WORDS = word_names.COMPLEMENT_PREPOSITIONS | {"i", "u", "od", "sa", "s", "so"}


def _head_english(phrase: str, lang: str | None) -> tuple[str, ...]:
    """The lower-case English words the head noun of a name of ordinary words may come out as (sud:
    court, banka: bank), by the institution table; () where its head is none of the table's."""
    for word in phrase.split():
        latin = fold(to_latin(word, lang), lang)
        row = word_names.table_english([latin])
        if row and row[1] == 1 and word_names.HEADS.match(latin):
            english = row[0].lower()
            return (english,) + _HEAD_SPELLINGS.get(english, ())
    return ()


def _lower_case(text: str, tokens: list[Token], source: str, lang: str | None,
                phrases: list["word_names.WordName"], c: int, d: int, names: set[str],
                runs: list[tuple[int, int]], taken: Iterable[tuple[int, int]]) -> list[Flag]:
    """Names of ordinary words of one sentence (``phrases``) that no title-case run renders, found in
    the translation's sentence as a capitalised ordinary English word followed, in lower case, by the
    English of the name's head noun ("Central bank" for Centralna banka, "Statutory court" for Ustavni
    sud, "Global programme for food" for Svetski program za hranu): the engine translated the name word
    by word and did not write it as a name. A name that opens its source sentence pairs only with a
    rendering that opens the translation's, one inside it only with one inside."""
    taken = list(taken)
    inside = [t for t in tokens if c <= t.start < d]
    used: set[int] = set()
    out = []
    for phrase in phrases:
        heads = _head_english(phrase.text, lang)
        size = sum(1 for w in phrase.text.split() if fold(to_latin(w, lang), lang) not in _SMALL_SOURCE_WORDS)
        if not heads or size < 2:
            continue  # a head noun alone (Koalicija koju predvodi) is most often the common noun
        opening = sentence_start(source, phrase.start)
        for k, t in enumerate(inside):
            article = lang == "mk" and t.norm == "the"  # Macedonian's article on the name's first word
            if k in used or not t.cap or t.upper or t.norm in names or t.norm in word_names.SMALL_WORDS and not article \
                    or zipf(t.norm) < ORDINARY_WORD \
                    or sentence_start(text, t.start) != opening or any(a <= t.start < b for a, b in runs) \
                    or any(a < t.end and t.start < b for a, b in taken):
                continue
            # the head itself capitalised before its complement in lower case ("Office for control
            # foreign imovine" for Kancelarija za kontrolu strane imovine) is the name word by word too
            j, content, head = k + 1, 1, (k if t.norm in heads else None)
            while j < len(inside) and content < size + 1 and text[inside[j - 1].end:inside[j].start] == " " \
                    and not inside[j].cap:
                if inside[j].norm in heads:
                    head = j
                if inside[j].norm not in word_names.SMALL_WORDS:
                    content += 1
                j += 1
            if head is None:
                continue
            end = head
            while end + 1 < j and (inside[end + 1].norm not in word_names.SMALL_WORDS or head == k and end + 2 < j) \
                    and sum(1 for x in inside[k:end + 2] if x.norm not in word_names.SMALL_WORDS) <= size:
                end += 1
            while end > k and inside[end].norm in word_names.SMALL_WORDS:
                end -= 1
            if head == k and end == k:
                continue  # a head alone before another name (Office for Kosovo) says too little
            used.add(k)
            if article:
                t = inside[k + 1]
            found = text[t.start:inside[end].end]
            if opening and end == k + 1 and word_names.qualifier(t.text):
                break  # a sentence's demonym and noun is most often no name (Izraelska agencija: Israeli agency)
            if not word_names.known(found, word_names.qualifier):
                out.append(_flag("translated_name", text, t.start, inside[end].end, word_names.corrected(found),
                                 f"“{found}” is the name “{phrase.text}” translated word by word and not "
                                 f"written as a name; English may call it otherwise", found))
            break
    return out


def _within(tokens: list[Token], start: int, end: int, words: int) -> int:
    """The end of a run cut to as many words as its source name has, small words aside: a word by
    word rendering has no more, and a capital after it is the next word's ("Serbian List Won" for
    Srpska lista)."""
    content = [t for t in tokens if start <= t.start and t.end <= end and t.cap]
    return content[words - 1].end if len(content) > words >= 1 else end


def _attested(folded: str) -> bool:
    from newsqa.qa.names import verified_word
    return verified_word(folded)
