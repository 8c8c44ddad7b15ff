"""Public name resources read as glossary entities, streaming: Wikidata, ParaNames, JRC-Names.

Each reader takes the file's lines (any iterable of ``str``; :func:`open_lines` opens a plain,
``.gz`` or ``.bz2`` file) and yields :class:`~newsqa.qa.model.Entity` objects one at a time, so a
dump of millions of entities is never held in memory. A line that cannot be read is recorded in
``NameStats.problems`` with its line number and skipped; the rest is read.

Entity ids are stable across re-imports: the Wikidata id (``Q42``) for Wikidata and ParaNames, so
the two sources meet on the same entity, and ``jrc-<id>`` for JRC-Names.

Terms: the name in English is the preferred English term and the other English names are
admitted; likewise in every other language (the first name per language preferred, the rest
admitted). Imports never write deprecated terms: those are the newsroom's own knowledge. Entities
with no English name are skipped (a translation has nothing to be checked against).

Languages are written as the glossary writes them (BCP 47): Wikidata's ``sr-el`` and ``sr-ec`` become
``sr-Latn`` and ``sr-Cyrl``; a plain ``sr`` name gets the script its letters are in; regional English
(``en-gb``, ``en-us``, ...) is ``en``. The language filter compares base languages (``sr`` keeps both
scripts).

Wikidata's ``P31`` (instance of) decides the type through :data:`WIKIDATA_TYPES`; the first value of
an entity's ``P31`` claims (deprecated-rank ones ignored) found in the table wins. Anything else
is type ``other``, which the default type filter leaves out.
"""

from __future__ import annotations

import bz2
import gzip
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsqa.qa.model import Entity, Status, Term

# Wikidata class -> glossary type. Only direct P31 values are read (no subclass walk, which
# would need the whole class graph in memory); the table covers the classes that news names are
# instances of. docs/glossary.md prints it.
WIKIDATA_TYPES: dict[str, str] = {
    "Q5": "person",  # human
    "Q43229": "organization",  # organization
    "Q4830453": "organization",  # business
    "Q783794": "organization",  # company
    "Q891723": "organization",  # public company
    "Q7278": "organization",  # political party
    "Q17127659": "organization",  # terrorist organization
    "Q15925165": "organization",  # paramilitary organization (rebel group)
    "Q1194951": "organization",  # militant group (armed organisation)
    "Q484652": "organization",  # international organization
    "Q327333": "organization",  # government agency
    "Q163740": "organization",  # nonprofit organization
    "Q48204": "organization",  # voluntary association
    "Q11032": "organization",  # newspaper
    "Q1002697": "organization",  # periodical (news magazine)
    "Q1331793": "organization",  # media company
    "Q2085381": "organization",  # publisher
    "Q176799": "organization",  # military unit
    "Q245065": "organization",  # intergovernmental organization
    "Q6256": "place",  # country
    "Q3624078": "place",  # sovereign state
    "Q515": "place",  # city
    "Q5119": "place",  # capital
    "Q1549591": "place",  # big city
    "Q1637706": "place",  # city with millions of inhabitants
    "Q486972": "place",  # human settlement
    "Q3957": "place",  # town
    "Q532": "place",  # village
    "Q15284": "place",  # municipality
    "Q10864048": "place",  # first-level administrative division
    "Q13220204": "place",  # second-level administrative division
    "Q82794": "place",  # geographic region
    "Q23442": "place",  # island
    "Q8502": "place",  # mountain
    "Q4022": "place",  # river
    "Q165": "place",  # sea
    "Q23397": "place",  # lake
    "Q1620908": "place",  # historical region
}

PARANAMES_TYPES = {"PER": "person", "ORG": "organization", "LOC": "place"}
JRC_TYPES = {"P": "person", "O": "organization", "T": "place", "E": "event", "U": "other", "-": "other"}
DEFAULT_TYPES = ("person", "organization", "place")
DEFAULT_LANGS = ("en", "sr", "hr", "bs", "cnr", "sh", "mk")
_KEEP_PROBLEMS = 1000  # a broken dump may have millions; the count is exact, the list a sample


@dataclass(frozen=True)
class NameFilter:
    """Which entities and names an import keeps: entity types, and base languages of terms."""

    types: frozenset[str] = frozenset(DEFAULT_TYPES)
    langs: frozenset[str] = frozenset(DEFAULT_LANGS)

    def keeps_lang(self, lang: str) -> bool:
        return lang.split("-")[0].lower() in self.langs


@dataclass
class NameStats:
    """What a reader saw: lines read, entities kept, what it left out and why, malformed lines."""

    lines: int = 0
    entities: int = 0
    skipped: Counter = field(default_factory=Counter)  # reason -> count
    problem_count: int = 0
    problems: list[tuple[int, str]] = field(default_factory=list)  # (line number, problem): the first 1000

    def problem(self, line: int, text: str) -> None:
        self.problem_count += 1
        if len(self.problems) < _KEEP_PROBLEMS:
            self.problems.append((line, text))

    def summary(self) -> str:
        skipped = ", ".join(f"{n} {why}" for why, n in sorted(self.skipped.items())) or "none"
        return (f"{self.lines} lines read, {self.entities} entities kept; skipped: {skipped}; "
                f"{self.problem_count} malformed lines")


def open_lines(path: str | Path) -> Iterator[str]:
    """The lines of a plain, gzip or bzip2 file, decoded as UTF-8 one at a time."""
    name = str(path)
    opener = gzip.open if name.endswith((".gz", ".gzip")) else bz2.open if name.endswith(".bz2") else open
    with opener(name, "rt", encoding="utf-8", errors="replace", newline="") as handle:
        yield from handle


def glossary_lang(code: str, text: str) -> str:
    """A resource's language code as the glossary writes it (BCP 47, script where it matters)."""
    code = code.strip().replace("_", "-").lower()
    base = code.split("-")[0]
    if base == "sr" or base == "sh":
        if code.endswith(("-el", "-latn")):
            return f"{base}-Latn"
        if code.endswith(("-ec", "-cyrl")):
            return f"{base}-Cyrl"
        letters = [c for c in text if c.isalpha()]
        cyrillic = sum("\u0400" <= c <= "\u04ff" for c in letters)
        return f"{base}-Cyrl" if letters and 2 * cyrillic > len(letters) else f"{base}-Latn"
    if base == "en":
        return "en"
    return code


def build_entity(entity_id: str, etype: str, names: Iterable[tuple[str, str]], keep: NameFilter,
                 stats: NameStats, fields: dict[str, str] | None = None) -> Entity | None:
    """An entity from (language code, name) pairs in the source's order, or None when filtered out.

    The first name per language is preferred, the others admitted; duplicates and blank names are
    dropped. ``stats.skipped`` counts why an entity was left out.
    """
    if etype not in keep.types:
        stats.skipped[f"of type {etype}"] += 1
        return None
    terms: list[Term] = []
    seen: set[tuple[str, str]] = set()
    langs_with_preferred: set[str] = set()
    for code, raw in names:
        text = " ".join(raw.split())
        if not text:
            continue
        lang = glossary_lang(code, text)
        if not keep.keeps_lang(lang) or (lang, text) in seen:
            continue
        seen.add((lang, text))
        status = Status.ADMITTED if lang in langs_with_preferred else Status.PREFERRED
        langs_with_preferred.add(lang)
        terms.append(Term(text, lang, status))
    if not any(t.lang == "en" for t in terms):
        stats.skipped["with no English name"] += 1
        return None
    stats.entities += 1
    return Entity(id=entity_id, type=etype, terms=terms, fields=dict(fields or {}))


# ---- Wikidata JSON dump -----------------------------------------------------------------------

def wikidata_type(entity: dict) -> str:
    """The glossary type of a Wikidata entity from its P31 claims (:data:`WIKIDATA_TYPES`)."""
    for claim in (entity.get("claims") or {}).get("P31") or []:
        if not isinstance(claim, dict) or claim.get("rank") == "deprecated":
            continue
        value = ((claim.get("mainsnak") or {}).get("datavalue") or {}).get("value")
        qid = value.get("id") if isinstance(value, dict) else None
        if qid is None and isinstance(value, dict) and "numeric-id" in value:
            qid = f"Q{value['numeric-id']}"
        if qid in WIKIDATA_TYPES:
            return WIKIDATA_TYPES[qid]
    return "other"


def read_wikidata(lines: Iterable[str], keep: NameFilter, stats: NameStats) -> Iterator[Entity]:
    """Entities of a Wikidata JSON dump: a JSON array written one entity a line (``[``, ``{...},``, ``]``)."""
    for number, line in enumerate(lines, 1):
        stats.lines += 1
        text = line.strip()
        if text in ("[", "]", ""):
            continue
        try:
            item = json.loads(text[:-1] if text.endswith(",") else text)
        except ValueError as exc:
            stats.problem(number, f"not a JSON entity: {exc}")
            continue
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            stats.problem(number, "an entity needs an \"id\"")
            continue
        if item.get("type", "item") != "item":
            stats.skipped[f"{item.get('type')} entities"] += 1
            continue
        try:
            names = _wikidata_names(item)
        except (AttributeError, TypeError, KeyError) as exc:
            stats.problem(number, f"{item['id']}: labels or aliases are not as Wikidata writes them ({exc})")
            continue
        entity = build_entity(item["id"], wikidata_type(item), names, keep, stats, {"wikidata": item["id"]})
        if entity is not None:
            yield entity


def _wikidata_names(item: dict) -> list[tuple[str, str]]:
    """(language, name) pairs: every label first (so labels are preferred), then every alias."""
    labels = item.get("labels") or {}
    aliases = item.get("aliases") or {}
    pairs = [(lang, value["value"]) for lang, value in labels.items()]
    pairs += [(lang, alias["value"]) for lang, values in aliases.items() for alias in values]
    # "mul" (the label for every language, for names written alike everywhere) is read as English;
    # it and regional English (en-gb, en-us) come after plain English, whose label is preferred
    second = [i for i, (lang, _) in enumerate(pairs) if lang == "mul" or lang.lower().startswith("en-")]
    later = set(second)
    ordered = [p for i, p in enumerate(pairs) if i not in later] + [pairs[i] for i in second]
    return [("en" if lang == "mul" else lang, text) for lang, text in ordered]


# ---- ParaNames TSV ------------------------------------------------------------------------------

def read_paranames(lines: Iterable[str], keep: NameFilter, stats: NameStats) -> Iterator[Entity]:
    """Entities of a ParaNames TSV (``wikidata_id, eng, label, language, type``), one name a row.

    Rows of one entity are consecutive in ParaNames' files; they are grouped as they come, so memory
    holds one entity at a time (an entity whose rows are apart is imported in parts, and the parts
    merge in the store).
    """
    current: tuple[str, str, str] | None = None  # id, English name, type
    names: list[tuple[str, str]] = []
    for number, line in enumerate(lines, 1):
        stats.lines += 1
        row = line.rstrip("\r\n").split("\t")
        if not line.strip() or (number == 1 and row[0].strip().lower() in ("wikidata_id", "id")):
            continue
        if len(row) != 5 or not row[0].strip().startswith("Q") or not row[0].strip()[1:].isdigit():
            stats.problem(number, f"expected 5 tab-separated columns starting with a Wikidata id, got "
                                  f"{len(row)} column(s): {line.strip()[:80]!r}")
            continue
        qid, english, label, lang, kind = (c.strip() for c in row)
        etype = PARANAMES_TYPES.get(kind.upper())
        if etype is None:
            stats.problem(number, f"unknown type {kind!r} (expected one of: {', '.join(PARANAMES_TYPES)})")
            continue
        if current is not None and current[0] != qid:
            entity = build_entity(current[0], current[2], [("en", current[1])] + names, keep, stats,
                                  {"wikidata": current[0]})
            if entity is not None:
                yield entity
            names = []
        current = (qid, english, etype)
        names.append((lang, label))
    if current is not None:
        entity = build_entity(current[0], current[2], [("en", current[1])] + names, keep, stats,
                              {"wikidata": current[0]})
        if entity is not None:
            yield entity


# ---- JRC-Names entity file -----------------------------------------------------------------------

def read_jrc(lines: Iterable[str], keep: NameFilter, stats: NameStats) -> Iterator[Entity]:
    """Entities of JRC-Names' ``entities`` file: ``id TAB type TAB language TAB name``, ``+`` for spaces.

    Types: P person, O organisation (T place, E event, U unknown where they occur); language ``u``
    means the same spelling in every language written in Latin letters, read here as English. A
    line starting with ``#`` is a comment; id 0 is no entity. Lines of one id are consecutive.
    JRC-Names records spellings found in the news, misspellings among them: they come in as
    admitted terms, for review (``newsqa glossary validate``, ``newsqa glossary search``).
    """
    current: tuple[str, str] | None = None
    names: list[tuple[str, str]] = []

    def finish() -> Entity | None:
        assert current is not None
        ordered = sorted(names, key=lambda p: p[0] != "en")  # an explicit English name before "u" ones
        return build_entity(f"jrc-{current[0]}", current[1], ordered, keep, stats, {"jrc": current[0]})

    for number, line in enumerate(lines, 1):
        stats.lines += 1
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        row = line.rstrip("\r\n").split("\t")
        if len(row) != 4 or not row[0].strip().isdigit():
            stats.problem(number, f"expected id, type, language and name separated by tabs: {line.strip()[:80]!r}")
            continue
        jrc_id, kind, lang, name = (c.strip() for c in row)
        if jrc_id == "0":
            continue
        etype = JRC_TYPES.get(kind.upper())
        if etype is None:
            stats.problem(number, f"unknown type {kind!r} (expected one of: {', '.join(JRC_TYPES)})")
            continue
        if current is not None and current[0] != jrc_id:
            entity = finish()
            if entity is not None:
                yield entity
            names = []
        current = (jrc_id, etype)
        names.append(("en" if lang.lower() == "u" else lang, name.replace("+", " ")))
    if current is not None:
        entity = finish()
        if entity is not None:
            yield entity


READERS = {"wikidata": read_wikidata, "paranames": read_paranames, "jrc": read_jrc}
