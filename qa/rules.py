"""The checker's rules: one table, read by the checker, the glossary step, ``newsqa check
--list-rules``, the review page's kinds and docs/checker.md's rule table (a test keeps the doc in step).

Each rule raises flags of one or more kinds. Per kind: what it means, an example, the default
confidence (a rule may compute its own from how close a match is), and whether the glossary step may
replace what it flags by the preferred English name. ``priority`` orders overlapping readings of one
span (lower wins). A rule that is switched off (``--exclude-rule``, or not in ``--rule``) does not run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from newsqa.qa.errors import NewsqaError


@dataclass(frozen=True)
class Kind:
    kind: str
    meaning: str
    example: str
    confidence: float
    replaceable: bool  # the glossary step may put the preferred English name in its place


@dataclass(frozen=True)
class Rule:
    id: str
    description: str
    priority: int
    kinds: tuple[Kind, ...]


TABLE: tuple[Rule, ...] = (
    Rule("deprecated-form", "a form the glossary marks deprecated or superseded (also where it contains "
         "another entity's accepted name, as Hashd al-Shabaab contains al-Shabaab)", 0,
         (Kind("deprecated", "a form the glossary marks as wrong or superseded",
               "Hashd al-Shabaab → Popular Mobilization Forces; Kiev → Kyiv", 0.95, True),)),
    Rule("source-form", "a source-language form of a glossary entity left in the English text (Liban, "
         "Jerusalim), as listed, declined or in Cyrillic", 1,
         (Kind("source_form", "a source-language spelling left in the English text",
               "Liban, in Jerusalimu, Хамас", 0.9, True),)),
    Rule("transliteration", "an accepted name spelled by another romanisation (Netanjahu, Zelenski, Huti)", 2,
         (Kind("transliteration", "the same name spelled by another (often Slavic) romanisation",
               "Netanjahu, Zelenski, Hutis", 0.85, True),)),
    Rule("near-miss", "a misspelling of an accepted name (Katiab Hezbollah, Sergei Kissel); confidence "
         "0.5 + 0.45 × how close the window is", 3,
         (Kind("near_miss", "a misspelling of an accepted name", "Katiab Hezbollah, Sergei Kissel", 0.95, True),)),
    Rule("source-entity", "with a source text: an entity named in the source that the translation names "
         "wrongly or not at all", 4,
         (Kind("wrong_entity", "the source names this entity but the translation names another one in its place",
               "al-Shabaab for Hašd al-Šabi", 0.8, True),
          Kind("missing", "the source names this entity but the translation does not", "—", 0.6, False))),
    Rule("name-source-form", "with a source text: a name the glossary does not know, left in its source "
         "form (Cyrillic, South Slavic letters, a case ending); the suggestion is its house-style English", 5,
         (Kind("name_source_form", "a name left in its source form", "Blinkenom, Купјанск, Aragčijem",
               0.8, True),)),
    Rule("name-common-word", "with a source text: part of a name rendered as a common English word", 6,
         (Kind("name_common_word", "a name part translated as an ordinary word",
               "But Hamenei (Ali Hamnei), Dejr ez Dawn (Dejr ez Zora)", 0.7, True),)),
    Rule("source-acronym", "an acronym left in its source-language form (MAAE for IAEA, UNRVA for UNRWA) or "
         "with a source case ending (UNIFIL-and, HTS-om)", 7,
         (Kind("source_acronym", "a source-language acronym, or an acronym with a case ending",
               "MAAE, SZO, UNRVA, UNIFIL-and", 0.85, True),)),
    Rule("unverified-name", "with a source text: a name romanised by the house style whose English "
         "spelling no English word list attests", 8,
         (Kind("unverified_name", "a name in house-style romanisation that could not be verified",
               "Aragchi (Abbas Araghchi), Sinvar", 0.4, False),)),
    Rule("translated-name", "with a source text: a name made of ordinary words (Centralna izborna komisija) "
         "that the translation writes word by word as a name English word lists do not know", 9,
         (Kind("translated_name", "a name of ordinary words translated word by word",
               "Central Voting Commission (Central Election Commission), Board for Peace", 0.4, False),)),
)

RULES: dict[str, Rule] = {rule.id: rule for rule in TABLE}
KINDS: dict[str, Kind] = {k.kind: k for rule in TABLE for k in rule.kinds}
RULE_OF: dict[str, str] = {k.kind: rule.id for rule in TABLE for k in rule.kinds}
PRIORITY: dict[str, int] = {k.kind: rule.priority for rule in TABLE for k in rule.kinds}
REPLACEABLE: frozenset[str] = frozenset(k.kind for k in KINDS.values() if k.replaceable)


def confidence(kind: str) -> float:
    return KINDS[kind].confidence


def select_rules(rules: Iterable[str] | None, exclude: Iterable[str] = ()) -> frozenset[str]:
    chosen = set(RULES) if rules is None else set(rules)
    unknown = (chosen | set(exclude)) - set(RULES)
    if unknown:
        raise NewsqaError(f"unknown rule(s): {', '.join(sorted(unknown))} (known: {', '.join(RULES)})")
    return frozenset(chosen - set(exclude))


def markdown_table() -> str:
    """docs/checker.md's rule table, generated from :data:`TABLE` (a test compares them)."""
    lines = ["| kind | rule | what it means | example | confidence | glossary step replaces |",
             "|---|---|---|---|---|---|"]
    for rule in TABLE:
        for k in rule.kinds:
            lines.append(f"| `{k.kind}` | `{rule.id}` | {k.meaning} | {k.example} | {k.confidence:g} | "
                         f"{'yes' if k.replaceable else 'no'} |")
    return "\n".join(lines)
