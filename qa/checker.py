"""The entity-name checker: finds wrong, misspelt, untranslated and missing entity names.

How a translation is read, in order (each pass only looks where earlier ones found nothing):

1. exact: longest glossary form at each word, folded (case, diacritics, scripts, apostrophes,
   Arabic article). Accepted English forms are *protected*; deprecated forms and source-language
   forms left in the English text are flagged.
2. sound: same sound key as an accepted English name but another spelling (Netanjahu, Zelenski).
3. near miss: windows aligned on an anchor word (a word of the name spelt right, such as
   "Hashd") or on a word one or two edits away from a glossary word (Katiab ~ Kataib), scored on
   the whole window. A near miss may swallow another entity's accepted name when the rest of the window
   belongs to the flagged entity: "Hashd al-Shabaab" is a PMF error, not an al-Shabaab mention.
4. with a source text: every entity named in the source (inflected, either script) must be named
   in the translation by an accepted English form or a derivation of one (Iraqi for Iraka);
   otherwise the wrong name standing in its place is flagged, or the entity is reported missing.

Precision guards: ordinary English words and regular derivations (Syrian, Lebanese) never count
as misspelt names; a word inside a longer unknown capitalised name is not matched alone; words
shorter than five letters are matched exactly or by sound only.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

import newsqa.qa.gazetteer as gazetteer
import newsqa.qa.given_names as given_names
from newsqa.qa.countries import english_names as english_country_names
from newsqa.qa.english import is_common_word, is_derived_form, is_known_word
from newsqa.qa.flags import Flag
from newsqa.qa.index import (ANCHOR_CAP, MIN_FUZZY_KEY, WEAK_TOKENS, GlossaryIndex, GlossaryLookup, IndexedTerm,
                             family)
from newsqa.qa.inflect import base_forms, inflects, possessive
from newsqa.qa.model import Glossary, Status
from newsqa.qa.name_rules import name_flags
from newsqa.qa.names import Name, Reading, find_names, sentence_start
from newsqa.qa.normalize import NAME_GAP_RE, Token, fold, has_cyrillic, sound_key, to_latin, tokenize
from newsqa.qa.rules import PRIORITY, RULE_OF, confidence, select_rules

CHECKER_VERSION = "2"
NAME_RULES = frozenset({"name-source-form", "name-common-word", "source-acronym", "unverified-name"})
MAX_NAME_WORD = 40
NAME_PARTICLES = frozenset({"bin", "ibn", "bint", "abu", "de", "van", "von", "der", "da", "di"})
_DOUBLES = re.compile(r"(.)\1+")
_ARTICLE_START = re.compile(r"(?:[AaEe]l|[Аа]л|[Ее]л)[\s\-‐‑]", re.IGNORECASE)


@dataclass(frozen=True)
class SourceName:
    """An entity named in a source text: span, the glossary term it was read as, and the folded last
    word as written (``netanjahuovoj``), whose ending tells the form."""

    entity: str
    start: int
    end: int
    item: IndexedTerm
    last_word: str
    sister: bool = False  # read through a sister language's form (lower confidence)


@dataclass
class Match:
    """A candidate reading of tokens ``[start, end)`` of the translation."""

    start: int
    end: int
    item: IndexedTerm
    kind: str  # accepted | deprecated | source_form | transliteration | near_miss
    score: float = 1.0
    swallowed: tuple["Match", ...] = ()

    def overlaps(self, other: "Match") -> bool:
        return self.start < other.end and other.start < self.end


def edit_limit(key: str) -> int:
    """How many edits a word of this length may differ by and still be the same name."""
    if len(key) < MIN_FUZZY_KEY:
        return 0
    return 1 if len(key) < 7 else 2


class Checker:
    """Checks English translations against one glossary; build once, reuse for many articles."""

    def __init__(self, glossary: Glossary | None = None, rules: Iterable[str] | None = None,
                 exclude: Iterable[str] = (), known_word: Callable[[str, str | None], bool] | None = None,
                 index: GlossaryLookup | None = None) -> None:
        """Check against ``glossary`` (indexed here, in this process's memory) or against a
        prebuilt ``index`` (a :class:`~newsqa.qa.index_file.MappedIndex` shared through a file).
        ``known_word(word, lang)``: whether the source language's dictionary knows a word in lower
        case (the worker passes hunspell's); it tells a sentence's first word from a name."""
        if index is None:
            if glossary is None:
                raise ValueError("a Checker needs a glossary or an index")
            index = GlossaryIndex(glossary)
        self.glossary = glossary
        self.index = index
        self.rules = select_rules(rules, exclude)
        self.known_word = known_word
        self.acronyms = _Acronyms(index)
        self.glossary_version = index.version
        self.version = f"checker {CHECKER_VERSION}; glossary {index.version}"

    @property
    def entity_count(self) -> int:
        return len(self.index)

    # ---- public API -------------------------------------------------------------------------

    def check(self, text: str, source: str | None = None, source_lang: str | None = None) -> list[Flag]:
        """Flags for one translation, sorted by position; missing-entity flags last."""
        tokens = tokenize(text, "en")
        gaps = [bool(NAME_GAP_RE.match(text[a.end:b.start])) for a, b in zip(tokens, tokens[1:])]
        exact = self._exact_pass(tokens, gaps)
        found = self._sound_pass(tokens, gaps, exact) if self.rules & {"transliteration", "near-miss"} else []
        if "near-miss" in self.rules:
            found += self._near_miss_pass(tokens, gaps, exact, found)
        chosen, accepted = self._resolve(exact, found)
        flags = [self._flag(text, tokens, m) for m in chosen]
        named = self.source_entities(source, source_lang) if source else []  # read once: both passes use it
        if source and source.strip() and "source-entity" in self.rules:
            flags = self._source_pass(text, tokens, accepted, flags, source, named)
        flags = [f for f in flags if f.rule in self.rules]
        if self.rules & NAME_RULES:
            skip = [(s, e) for _, s, e in named]
            taken = [(tokens[m.start].start, tokens[m.end - 1].end) for m in accepted]
            taken += [(f.start, f.end) for f in flags if f.start is not None]
            flags += [self._acronym_entity(f) for f in
                      name_flags(text, source, source_lang, self.rules, skip, taken, self.known_word,
                                 tokens=tokens)]
        return sorted(flags, key=lambda f: (f.start is None, f.start or 0, f.entity))

    def mentions(self, text: str) -> set[str]:
        """Entities an English text names by an accepted form (term accuracy counts these)."""
        tokens = tokenize(text, "en")
        gaps = [bool(NAME_GAP_RE.match(text[a.end:b.start])) for a, b in zip(tokens, tokens[1:])]
        return {m.item.entity for m in self._exact_pass(tokens, gaps) if m.kind == "accepted"}

    # ---- pass 1: exact forms ----------------------------------------------------------------

    def _exact_pass(self, tokens: list[Token], gaps: list[bool]) -> list[Match]:
        matches: list[Match] = []
        i = 0
        while i < len(tokens):
            match = self._exact_at(tokens, gaps, i)
            if match is None:
                i += 1
                continue
            matches.append(match)
            i = match.end
        return matches

    def _exact_at(self, tokens: list[Token], gaps: list[bool], i: int,
                  allow_inflected: bool = True) -> Match | None:
        most = min(self.index.max_len, len(tokens) - i)
        longest = 1
        while longest < most and gaps[i + longest - 1] \
                and self.index.has_longer(tuple(t.norm for t in tokens[i:i + longest])):
            longest += 1
        for n in range(longest, 0, -1):
            window = tokens[i:i + n]
            norms = tuple(t.norm for t in window)
            items = [it for v in _english_variants(norms) for it in self.index.english.get(v, ())
                     if _case_fits(window, it)]
            cyrillic = any(has_cyrillic(t.text) for t in window)
            if items and not cyrillic:
                accepted = [it for it in items if it.accepted]
                if accepted:
                    return Match(i, i + n, accepted[0], "accepted")
                return Match(i, i + n, items[0], "deprecated")
            foreign = [it for it in self.index.foreign.get(norms, ()) if _case_fits(window, it, strict=True)]
            if foreign and not (n == 1 and is_common_word(norms[0])) and not self._after_given_name(tokens, gaps, i,
                                                                                                    foreign[0]):
                return Match(i, i + n, foreign[0], "source_form")
            if cyrillic and items:  # a name left in Cyrillic is untranslated, however it folds
                return Match(i, i + n, items[0], "source_form")
        return self._inflected_source_form(tokens, gaps, i) if allow_inflected else None

    def _after_given_name(self, tokens: list[Token], gaps: list[bool], i: int, item: IndexedTerm) -> bool:
        """Whether a place's or a group's source form stands after a given name, as the last word of a
        name of its own (Osman Gazi, a gas platform: Gazi is no Gaza left in Serbian)."""
        return i > 0 and gaps[i - 1] and tokens[i - 1].cap and self.index.entity_type(item.entity) != "person" \
            and given_names.common_given_name(tokens[i - 1].norm)

    def _inflected_source_form(self, tokens: list[Token], gaps: list[bool], i: int) -> Match | None:
        """A declined source form left in English: "in Jerusalimu" (Serbian locative of Jerusalim).

        Candidates come by their first two words (``source_lead``), each word read back to its
        possible dictionary forms; names of two words or more are tried before one-word names,
        as the exact pass tries the longest window first."""
        token = tokens[i]
        if not token.cap or token.upper or is_common_word(token.norm) or is_known_word(token.norm):
            return None
        for base in _longest_first(base_forms(token.norm)):
            for item in self._lead_candidates(tokens, gaps, i, None, base):
                n = len(item)  # length and case first: they cost a mapped index no decoding
                window = tokens[i:i + n]
                if len(window) != n or not all(gaps[i:i + n - 1]) or not _case_fits(window, item, strict=True):
                    continue
                if tuple(t.norm for t in window) == item.norms:
                    continue  # not declined: the exact pass's business
                if all(inflects(t.norm, norm) for t, norm in zip(window, item.norms)) \
                        and not (item.implicit and self._inside_longer_name(tokens, gaps, [], i, i + n)) \
                        and not self._after_given_name(tokens, gaps, i, item):
                    return Match(i, i + n, item, "source_form")
        return None

    # ---- pass 2: same sounds, other spelling ------------------------------------------------

    def _sound_pass(self, tokens: list[Token], gaps: list[bool], exact: list[Match]) -> list[Match]:
        accepted = [m for m in exact if m.kind == "accepted"]
        covered = _covered([m for m in exact if m.kind != "accepted"], len(tokens))
        found: list[Match] = []
        for i in range(len(tokens)):
            if covered[i] or not tokens[i].cap:
                continue
            for n in range(min(self.index.max_len, len(tokens) - i), 0, -1):
                if any(covered[i:i + n]) or not all(gaps[i:i + n - 1]):
                    continue
                window = tokens[i:i + n]
                keys = tuple(t.key for t in window)
                items = list(self.index.sounds.get(keys, ()))
                if not items and window[-1].norm.endswith("s") and len(window[-1].norm) > 3:
                    items = list(self.index.sounds.get(keys[:-1] + (sound_key(window[-1].norm[:-1]),), ()))
                items = [it for it in items if _case_fits(window, it) and self._plausible(window, it)
                         and not self._another_city(window, it)]
                if items and window[0].has_article and self._inside_longer_name(tokens, gaps, accepted, i, i + n):
                    items = []  # "Ain al-Asad" is a place, not a misspelt al-Assad
                for item in items:
                    same = {i + j for j, (t, norm) in enumerate(zip(window, item.norms)) if t.norm == norm}
                    swallowed = _swallowed(accepted, item, i, i + n, set(range(i, i + n)), same)
                    if swallowed is not None:
                        found.append(Match(i, i + n, item, _sound_kind(window, item), 0.95, swallowed))
                        break
                else:
                    continue
                break
        return found

    def _another_city(self, window: list[Token], item: IndexedTerm) -> bool:
        """Whether the words are GeoNames' own name of a city in another country than the glossary
        place's (Gazakh, in Azerbaijan, sounds like Gaza): a name of its own, no misspelling."""
        if self.index.entity_type(item.entity) != "place":
            return False
        written = " ".join(t.text for t in window)
        city = gazetteer.place([written])
        if city is None or fold(city.english) != fold(written):
            return False
        entity = self.index.entity(item.entity)
        return entity is not None and gazetteer.in_another_country(entity.preferred or "", city.country)

    def _plausible(self, window: list[Token], item: IndexedTerm) -> bool:
        """Differing words must look like names: not ordinary English, not a derivation."""
        differs = [(t, norm) for t, norm in zip(window, item.norms) if t.norm != norm]
        if not differs:
            return False
        return all(not _ordinary_word(t) and not is_derived_form(t.norm, norm) for t, norm in differs)

    # ---- pass 3: near misses ----------------------------------------------------------------

    def _near_miss_pass(self, tokens: list[Token], gaps: list[bool], exact: list[Match],
                        sound: list[Match]) -> list[Match]:
        flagged_exact = [m for m in exact if m.kind != "accepted"]
        accepted = [m for m in exact if m.kind == "accepted"]
        taken = _covered(flagged_exact + sound, len(tokens))
        best: dict[tuple[int, int], Match] = {}
        # A window that cuts an accepted name in half, or sits next to another name's word, is no
        # near miss whatever it resembles (see _swallowed, _inside_longer_name): asked once per
        # window, not once per candidate (a large glossary offers hundreds a word).
        blocked: dict[tuple[int, int], bool] = {}
        named = _covered(accepted, len(tokens))
        for i, token in enumerate(tokens):
            if taken[i] or not token.cap:
                continue
            for item, pos in self._candidates(token, near=not named[i]):
                start, end = i - pos, i - pos + len(item)
                if start < 0 or end > len(tokens) or any(taken[start:end]):
                    continue
                span = (start, end)
                if span not in blocked:
                    blocked[span] = _blocked(accepted, start, end) \
                        or self._inside_longer_name(tokens, gaps, accepted, start, end)
                if blocked[span] is True or blocked[span] and item.entity not in blocked[span]:
                    continue
                match = self._window(tokens, gaps, accepted, item, start, end)
                if match is None:
                    continue
                known = best.get((start, end))
                if known is None or match.score > known.score:
                    best[(start, end)] = match
        return list(best.values())

    def _candidates(self, token: Token, near: bool = True) -> list[tuple[IndexedTerm, int]]:
        """Glossary names with this word (an anchor) and, with ``near``, with a word within the
        edit limit of it. A word of an accepted name gives no near candidates: it is spelt as a
        glossary name spells it, and a misspelt longer name around it has its other words to be
        found by (the window may still swallow the accepted name: Hashd al-Shabaab)."""
        index = self.index
        out: list[tuple[IndexedTerm, int]] = []
        if len(token.key) > MAX_NAME_WORD:
            return out  # no name is this long; its deletion neighbourhood would cost quadratic memory
        postings = index.postings.get(token.key, ())
        if len(token.norm) >= 4 and token.key not in WEAK_TOKENS and len(postings) <= ANCHOR_CAP:
            out.extend(postings)
        limit = edit_limit(token.key)
        if near and limit and not is_common_word(token.norm):
            for key in index.near_keys(token.key):
                if OSA.distance(token.key, key) <= max(limit, edit_limit(key)):
                    out.extend(index.postings.get(key, ())[:ANCHOR_CAP])
        return out

    def _window(self, tokens: list[Token], gaps: list[bool], accepted: list[Match],
                item: IndexedTerm, start: int, end: int) -> Match | None:
        """The near miss of ``item`` over ``[start, end)``, if the words fit it (the caller has
        made sure the window is not part of a longer name)."""
        window = tokens[start:end]
        if not all(gaps[start:end - 1]) or any(cap and not tok.cap for tok, cap in zip(window, item.caps)) \
                or tuple(t.norm for t in window) == item.norms:
            return None  # case before words: a mapped index reads a term's case without decoding it
        equal: list[int] = []
        close: list[int] = []
        for j, (tok, key, norm) in enumerate(zip(window, item.keys, item.norms)):
            if tok.key == key:
                equal.append(start + j)
                continue
            if _ordinary_word(tok) or is_derived_form(tok.norm, norm):
                return None
            limit = max(edit_limit(key), edit_limit(tok.key))
            if limit and OSA.distance(tok.key, key) <= limit:
                close.append(start + j)
            elif len(item) > 1 and fuzz.ratio(tok.key, key) >= 60:
                continue  # loosely similar: allowed only inside a well-anchored window
            else:
                return None
        strong = [k for k in equal if len(tokens[k].key) >= 4 and tokens[k].key not in WEAK_TOKENS]
        score = fuzz.ratio(" ".join(t.key for t in window), " ".join(item.keys)) / 100
        if len(item) == 1:
            if not close or is_known_word(window[0].norm) or _city(window[0].text):
                return None  # a lone word English knows as a name is another name, not a typo
        elif not (strong or len(close) == len(item)) or score < 0.8:
            return None
        if len(equal) == len(item):
            return None  # same sounds: the sound pass's business
        same = {start + j for j, (t, norm) in enumerate(zip(window, item.norms)) if t.norm == norm}
        swallowed = _swallowed(accepted, item, start, end, set(equal) | set(close), same)
        if swallowed is None:
            return None
        return Match(start, end, item, "near_miss", score, swallowed)

    def _inside_longer_name(self, tokens: list[Token], gaps: list[bool], accepted: list[Match],
                            start: int, end: int) -> bool:
        """A capitalised unknown word right next to the window: the window is part of another name."""
        def unknown_name_word(k: int) -> bool:
            t = tokens[k]
            if t.norm in NAME_PARTICLES and not t.cap:
                return True  # "Hamad bin Jassim": the particle joins a longer name
            return t.cap and not t.upper and not is_common_word(t.norm) and not any(
                m.start <= k < m.end for m in accepted)
        if start > 0 and gaps[start - 1] and unknown_name_word(start - 1):
            return True
        if start > 0 and gaps[start - 1] and tokens[start].has_article and tokens[start - 1].cap \
                and not any(m.start <= start - 1 < m.end for m in accepted):
            return True  # "Ain al-Asad": a word with the article after another capitalised word
        return end < len(tokens) and gaps[end - 1] and unknown_name_word(end)

    # ---- choosing among overlapping readings ------------------------------------------------

    def _resolve(self, exact: list[Match], found: list[Match]) -> tuple[list[Match], list[Match]]:
        flagged = [m for m in exact if m.kind != "accepted"] + found
        flagged.sort(key=lambda m: (-(m.end - m.start), PRIORITY[m.kind], -m.score, m.start))
        chosen: list[Match] = []
        for m in flagged:
            if not any(m.overlaps(c) for c in chosen):
                chosen.append(m)
        swallowed = {id(s) for m in chosen for s in m.swallowed}
        accepted = [m for m in exact if m.kind == "accepted" and id(m) not in swallowed]
        chosen.sort(key=lambda m: m.start)
        return chosen, accepted

    # ---- flags ------------------------------------------------------------------------------

    def _suggestion(self, item: IndexedTerm) -> str | None:
        preferred = self.index.entity(item.entity).preferred
        if preferred is None:
            return None
        if item.implicit and len(preferred.split()) > 1:
            return preferred.split()[-1]
        return preferred

    def _flag(self, text: str, tokens: list[Token], m: Match) -> Flag:
        start, end = tokens[m.start].start, tokens[m.end - 1].end
        found = text[start:end]
        suggestion = self._suggestion(m.item)
        entity = self.index.entity(m.item.entity)
        label = f"{entity.type} {entity.id}"
        if m.kind == "deprecated":
            status = "superseded" if m.item.term.status is Status.SUPERSEDED else "known wrong"
            reason = f"“{found}” is a {status} form of “{suggestion}” ({label})"
            inner = self._accepted_inside(tokens, m)
            if inner:
                reason += f"; it contains “{inner}”, the name of a different entity"
            return Flag(m.item.entity, "deprecated", start, end, found, suggestion, confidence("deprecated"), reason,
                        RULE_OF["deprecated"])
        if m.kind == "source_form":
            if m.item.term.base_lang == "en":
                reason = f"“{found}” is “{suggestion}” ({label}) left in Cyrillic"
            else:
                reason = f"“{found}” is the {m.item.term.lang} spelling of “{suggestion}” ({label}), left untranslated"
            return Flag(m.item.entity, "source_form", start, end, found, suggestion, confidence("source_form"), reason,
                        RULE_OF["source_form"])
        if m.kind == "transliteration":
            reason = f"“{found}” is another romanisation of “{suggestion}” ({label})"
            return Flag(m.item.entity, "transliteration", start, end, found, suggestion, confidence("transliteration"),
                        reason, RULE_OF["transliteration"])
        reason = f"“{found}” looks like a misspelling of “{m.item.term.text}” ({label})"
        if m.swallowed:
            other = m.swallowed[0]
            reason += f", not a mention of {other.item.entity}"
        score = round(0.5 + (confidence("near_miss") - 0.5) * m.score, 3)
        return Flag(m.item.entity, "near_miss", start, end, found, suggestion, score, reason, RULE_OF["near_miss"])

    def _accepted_inside(self, tokens: list[Token], m: Match) -> str | None:
        for i in range(m.start, m.end):
            for n in range(m.end - i, 0, -1):
                if (i, n) == (m.start, m.end - m.start):
                    continue
                norms = tuple(t.norm for t in tokens[i:i + n])
                for item in self.index.english.get(norms, ()):
                    if item.accepted and item.entity != m.item.entity:
                        return item.term.text
        return None

    # ---- pass 4: entities named in the source -----------------------------------------------

    def source_entities(self, source: str, source_lang: str | None = None) -> list[tuple[str, int, int]]:
        """(entity id, start, end) for every glossary entity named in a source text."""
        return [(m.entity, m.start, m.end) for m in self.source_names(source, source_lang)]

    def source_names(self, source: str, source_lang: str | None = None,
                     analyses: Mapping[str, Reading] | None = None) -> list["SourceName"]:
        """Every glossary entity named in a source text, with the term it was read as and the word
        as written, so a translator can render it in the same form (a surname, a possessive).
        A glossary name that is only part of a longer name is not one (see :meth:`_inside_other_name`)."""
        tokens = tokenize(source, source_lang)
        gaps = [bool(NAME_GAP_RE.match(source[a.end:b.start])) for a, b in zip(tokens, tokens[1:])]
        fam = family(source_lang)
        found: list[SourceName] = []
        i = 0
        while i < len(tokens):
            best: tuple[int, IndexedTerm] | None = None
            sister = False
            # The language's own forms first; then a sister language's (a Serbian Cyrillic form
            # serves Macedonian text, a Croatian one Bosnian), read at a lower confidence.
            for fam_key in ((fam, None) if fam is not None else (None,)):
                for base in base_forms(tokens[i].norm):
                    for item in self._source_candidates(tokens, gaps, i, fam_key, base):
                        n = len(item)
                        if best and n <= best[0]:
                            continue
                        window = tokens[i:i + n]
                        if len(window) == n and all(gaps[i:i + n - 1]) and _case_fits(window, item, strict=True) \
                                and inflects(window[0].norm, item.norms[0]) \
                                and all(_word_variant(t.norm, norm) for t, norm in zip(window[1:], item.norms[1:])):
                            best = (n, item)
                if best:
                    sister = fam_key is None and fam is not None
                    break
            english = self._exact_at(tokens, gaps, i, allow_inflected=False)
            if english and english.kind == "accepted" and (not best or english.end - i > best[0]):
                best, sister = (english.end - i, english.item), False
            if best:
                n, item = best
                found.append(SourceName(item.entity, tokens[i].start, tokens[i + n - 1].end, item,
                                        tokens[i + n - 1].norm, sister))
                i += n
            else:
                i += 1
        if not found:
            return found
        names = find_names(source, source_lang, analyses, known_word=self.known_word)
        # a country's declined name read as a person's (Sudana, Sudan's genitive, as a form of al-Sudani)
        countries_at = {(n.start, n.end) for n in names if n.place is not None and n.english in english_country_names()}
        return [n for n in found if not self._inside_other_name(n, names, source, source_lang)
                and not ((n.start, n.end) in countries_at and self.index.entity_type(n.entity) != "place")]

    def _source_candidates(self, tokens: list[Token], gaps: list[bool], i: int, fam_key: str | None,
                           base: str) -> list[IndexedTerm]:
        """The glossary's source names that may begin at ``tokens[i]`` read as ``base``.

        All names with that first word, as long as there are at most ANCHOR_CAP of them (a later
        word may then be a spelling within two edits: Kataib Hizbullah). A first word that begins
        more names (a common first name in a large glossary) does not pick out a name by itself,
        as a common word anchors no near miss: there the second word must be a declined form of
        the name's (``source_lead``), and one-word names must be the word itself.
        """
        if self.index.source_first.size((fam_key, base)) <= ANCHOR_CAP:
            return self.index.source_first.get((fam_key, base), ())
        return self._lead_candidates(tokens, gaps, i, fam_key, base)

    def _lead_candidates(self, tokens: list[Token], gaps: list[bool], i: int, fam_key: str | None,
                         base: str) -> list[IndexedTerm]:
        """Source names whose first word is ``base`` and whose second is a dictionary form of
        ``tokens[i + 1]`` (``source_lead``), then the one-word names ``base``: longer names first."""
        lead = self.index.source_lead
        seconds = _longest_first(base_forms(tokens[i + 1].norm)) if i + 1 < len(tokens) and gaps[i] else []
        return [item for second in seconds for item in lead.get((fam_key, base, second), ())] \
            + list(lead.get((fam_key, base, ""), ()))

    def _acronym_entity(self, flag: Flag) -> Flag:
        """A source acronym the glossary knows (SDS-a for the SDF) is that entity's flag."""
        if flag.kind != "source_acronym" or not flag.found:
            return flag
        entity = self.acronyms.get(fold(re.split(r"[-‐‑]", flag.found)[0], "sr"))
        if entity is None:
            return flag
        suggestion = self.acronym_for(entity, flag.found.split("-")[0]) or self._suggestion_for(entity)
        return dataclasses.replace(flag, entity=entity, suggestion=suggestion)

    def acronym_for(self, entity_id: str, written: str) -> str | None:
        """The English acronym to put for a source acronym: the same one where English uses it (HTS),
        else the entity's English acronym (SDF for SDS), else none (the preferred name is used)."""
        english = [it.term.text for it in self.index.english_by_entity.get(entity_id, ())
                   if not it.implicit and it.term.text.isupper()]
        same = [a for a in english if fold(a) == fold(written, "sr")]
        if same:
            return same[0]
        return min(english, key=len) if english else None

    def _ordinary_word(self, word: str, lang: str | None) -> bool:
        """Whether a sentence's first word is an ordinary word of the language, whose capital is the
        sentence's (Portparol), not a given name before a surname (Jahja Sari): the language's
        dictionary decides; without one, every such word is taken as ordinary, as before."""
        return self.known_word is None or self.known_word(to_latin(word, lang or "sr").lower(), lang)

    def _inside_other_name(self, name: SourceName, names: list[Name], source: str,
                           lang: str | None = None) -> bool:
        """A glossary name that is only part of a longer name of someone or something else: a surname
        after another first name ("Jahja Sari" is not al-Sharaa), a first name before a surname ("Asad
        Hasan el-Šejbani"), a word with the Arabic article after another word ("Ain al-Asad" is an air
        base, "Abdul Malik el Huti" a man, not the Houthis), a place's name after a given name ("Osman Gazi",
        a gas platform, is no Gaza)."""
        for other in names:
            if other.acronym or not (other.start <= name.start and name.end <= other.end) \
                    or (other.start, other.end) == (name.start, name.end):
                continue
            before = source[other.start:name.start].split()
            if len(before) == 1 and name.end == other.end and sentence_start(source, other.start) \
                    and self._ordinary_word(before[0], lang):
                continue  # "Portparol Netanjahuove vlade": a sentence's first capital says nothing
            if name.start == other.start and possessive(name.last_word, name.item.norms[-1]):
                continue  # "Netanyahuov Likud": a possessive adjective owns the name after it
            person = self.index.entity_type(name.entity) == "person"
            with_article = bool(_ARTICLE_START.match(source[name.start:name.end]))
            if (person and name.item.implicit) or (with_article and other.start < name.start):
                return True
            if not person and other.start < name.start and before and given_names.common_given_name(
                    fold(to_latin(before[-1], lang or "sr"))):
                return True  # a place's name after a given name is a person's or a thing's ("Osman Gazi": no Gaza)
        return False

    def _source_pass(self, text: str, tokens: list[Token], accepted: list[Match], flags: list[Flag],
                     source: str, named: list[tuple[str, int, int]]) -> list[Flag]:
        in_source = {e for e, _, _ in named}
        mentioned = {m.item.entity for m in accepted} | self._derived_mentions(tokens, accepted, in_source)
        out = list(flags)
        first_span: dict[str, tuple[int, int]] = {}
        for entity_id, s_start, s_end in named:
            first_span.setdefault(entity_id, (s_start, s_end))
        absent: list[str] = []
        for entity_id, (s_start, s_end) in first_span.items():
            if entity_id in mentioned:
                continue
            k = next((i for i, f in enumerate(out) if f.entity == entity_id), None)
            if k is not None:  # already flagged as misspelt: point the flag at its source too
                if out[k].source_start is None:
                    out[k] = dataclasses.replace(out[k], source_start=s_start, source_end=s_end)
            elif self._suggestion_for(entity_id) is not None:
                absent.append(entity_id)
        unexplained = [m for m in accepted if m.item.entity not in in_source]
        stand_ins = self._stand_ins(absent, unexplained)
        for entity_id in absent:
            s_start, s_end = first_span[entity_id]
            src = source[s_start:s_end]
            suggestion = self._suggestion_for(entity_id)
            stand_in = stand_ins.get(entity_id)
            if stand_in is not None:
                start, end = tokens[stand_in.start].start, tokens[stand_in.end - 1].end
                found = text[start:end]
                reason = (f"the source names {entity_id} (“{src}”) but the translation has “{found}”, "
                          f"the name of {stand_in.item.entity}")
                out.append(Flag(entity_id, "wrong_entity", start, end, found, suggestion, confidence("wrong_entity"),
                                reason, RULE_OF["wrong_entity"], s_start, s_end))
            else:
                reason = f"the source names {entity_id} (“{src}”) but the translation has no accepted name for it"
                out.append(Flag(entity_id, "missing", None, None, None, suggestion, confidence("missing"), reason,
                                RULE_OF["missing"], s_start, s_end))
        return out

    def _stand_ins(self, absent: list[str], unexplained: list[Match]) -> dict[str, Match]:
        """Which other entity's name stands in the place of each absent one; each name claimed once.

        Candidates are accepted names of entities the source does not name. First, names like an
        absent entity's names claim it, best resemblance first ("al-Shabaab" for Hashd al-Shaabi);
        then an absent entity left with exactly one unclaimed candidate entity of its own type (an
        organisation for an organisation) takes that one.
        """
        pairs = []
        for entity_id in absent:
            for m in unexplained:
                score = max((fuzz.ratio(a, b) for a in m.item.keys
                             for name in self.index.english_by_entity.get(entity_id, ()) for b in name.keys
                             if len(a) >= 4 and len(b) >= 4 and a not in WEAK_TOKENS), default=0.0)
                if score >= 60:
                    pairs.append((score, entity_id, m))
        chosen: dict[str, Match] = {}
        claimed: set[str] = set()
        for _, entity_id, m in sorted(pairs, key=lambda p: -p[0]):
            if entity_id not in chosen and m.item.entity not in claimed:
                chosen[entity_id] = m
                claimed.add(m.item.entity)
        for entity_id in absent:
            if entity_id in chosen:
                continue
            kind = self.index.entity_type(entity_id)
            same_type = {m.item.entity: m for m in unexplained
                         if m.item.entity not in claimed and self.index.entity_type(m.item.entity) == kind}
            if len(same_type) == 1:
                [(other, m)] = same_type.items()
                chosen[entity_id] = m
                claimed.add(other)
        return chosen

    def _derived_mentions(self, tokens: list[Token], accepted: list[Match], entities: set[str]) -> set[str]:
        """Entities named through a derived word: "Iraqi Prime Minister" renders "premijer Iraka".

        A word that is itself another entity's name is not a derivation (Hamas is not Hama-s).
        """
        named = {k for m in accepted for k in range(m.start, m.end)}
        words = [t.norm for k, t in enumerate(tokens) if t.cap and k not in named]
        found = set()
        for entity_id in entities:
            names = [it.norms[-1] for it in self.index.english_by_entity.get(entity_id, ())]
            if any(is_derived_form(word, name) for word in words for name in names):
                found.add(entity_id)
        return found

    def _suggestion_for(self, entity_id: str) -> str | None:
        return self.index.entity(entity_id).preferred


class _Acronyms:
    """Folded acronym -> entity id, read from the index (``Checker.acronyms.get``)."""

    def __init__(self, index: GlossaryLookup) -> None:
        self.index = index

    def get(self, folded: str, default: str | None = None) -> str | None:
        entity = self.index.acronym(folded)
        return default if entity is None else entity


VARIANT_MIN_WORD = 6


def _word_variant(word: str, lemma: str) -> bool:
    """A later word of a multi-word source name: an inflected form of the glossary's word, or, for a
    word of six letters or more, a spelling within two edits of it (Kataib Hizbullah for Kataib
    Hezbolah). The first word has to match as written or inflected, so a variant never starts a
    name by itself: one-word names get no edit tolerance here."""
    if inflects(word, lemma):
        return True
    return len(lemma) >= VARIANT_MIN_WORD and any(
        OSA.distance(base, lemma, score_cutoff=2) <= 2 for base in base_forms(word) if len(base) >= VARIANT_MIN_WORD)


def _english_variants(norms: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The words as written, and with an English plural -s/-es taken off the last one."""
    variants = [norms]
    last = norms[-1]
    if len(last) > 3 and last.endswith("s") and not last.endswith("ss"):
        variants.append(norms[:-1] + (last[:-1],))
        if last.endswith("es"):
            variants.append(norms[:-1] + (last[:-2],))
    return variants


def _case_fits(window: list[Token], item: IndexedTerm, strict: bool = False) -> bool:
    """Acronyms match only in capitals (US is not us); with ``strict``, names need their capitals."""
    for tok, upper, cap in zip(window, item.uppers, item.caps):
        if upper and not tok.upper:
            return False
        if strict and cap and not tok.cap:
            return False
    return True


def _swallowed(accepted: list[Match], item: IndexedTerm, start: int, end: int,
               belongs: set[int], exact: set[int]) -> tuple[Match, ...] | None:
    """Which accepted names a flagged window over ``[start, end)`` may override, or None if it may not.

    The window may contain accepted names (of its own entity, or of another: "Hashd al-Shabaab"
    holds al-Shabaab) but not cut one in half, and the words outside another entity's name must
    ``belong`` to the flagged entity (spelt right or nearly so). A window made of this entity's
    accepted names and words spelt ``exact``-ly as in the name is right: "Liwa" + accepted
    "Fatemiyun" is a correct "Liwa Fatemiyun".
    """
    swallowed = []
    for other in accepted:
        if not (other.start < end and start < other.end):
            continue
        if not (start <= other.start and other.end <= end):
            return None
        if other.item.entity != item.entity:
            swallowed.append(other)
    covered = {k for m in accepted for k in range(m.start, m.end) if start <= m.start and m.end <= end}
    if not swallowed and all(k in covered or k in exact for k in range(start, end)):
        return None  # accepted parts of this entity's names, and words spelt as in the name itself
    if swallowed:
        inside = {k for m in swallowed for k in range(m.start, m.end)}
        outside = [k for k in range(start, end) if k not in inside]
        if not outside or any(k not in belongs for k in outside):
            return None
    return tuple(swallowed)


def _longest_first(forms: Iterable[str]) -> list[str]:
    """Dictionary forms to try, longest first (the fullest reading of a word), then alphabetically."""
    return sorted(forms, key=lambda b: (-len(b), b))


def _blocked(accepted: list[Match], start: int, end: int) -> bool | frozenset[str]:
    """What :func:`_swallowed` says of a window whatever the candidate: True if the window cuts an
    accepted name in half (no candidate may take it); the entities of the accepted names that fill
    it whole (only their own names may: another's would swallow them all and keep nothing); else
    False."""
    inside, covered = set(), set()
    for m in accepted:
        if m.start < end and start < m.end:
            if not (start <= m.start and m.end <= end):
                return True
            inside.add(m.item.entity)
            covered.update(range(m.start, m.end))
    return frozenset(inside) if len(covered) == end - start else False


def _ordinary_word(token: Token) -> bool:
    """An ordinary English word, so not a misspelt name; a word with the Arabic article never is."""
    return not token.has_article and is_common_word(token.norm)


def _covered(matches: list[Match], size: int) -> list[bool]:
    covered = [False] * size
    for m in matches:
        for k in range(m.start, m.end):
            covered[k] = True
    return covered


def _sound_kind(window: list[Token], item: IndexedTerm) -> str:
    """Only doubled letters differ (Kissel/Kisel): a misspelling; otherwise another romanisation."""
    if all(_DOUBLES.sub(r"\1", t.norm) == _DOUBLES.sub(r"\1", n) for t, n in zip(window, item.norms)):
        return "near_miss"
    return "transliteration"


def _city(word: str) -> bool:
    """Whether a word is the English name of a city of 15,000 people or more (GeoNames, qa.gazetteer):
    that city, not a misspelt glossary name like it (Antakya, a Turkish city, is no Latakia). A
    spelling that is only one of a city's other names is no English name (Teheran stays a near miss)."""
    place = gazetteer.place([word])
    return place is not None and place.population >= gazetteer.CITY and fold(place.rendered(False)) == fold(word)
