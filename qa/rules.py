"""The checker's rules, by name: listed by ``newsqa check --list-rules``, chosen with ``--rule``
and switched off with ``--exclude-rule``, and recorded on each flag so that editors' decisions can
be counted per rule."""

from __future__ import annotations

from typing import Iterable

from newsqa.qa.errors import NewsqaError

RULES: dict[str, str] = {
    "deprecated-form": "a form the glossary marks deprecated or superseded (also where it contains "
                       "another entity's accepted name, as Hashd al-Shabaab contains al-Shabaab)",
    "source-form": "a source-language form left in the English text (Liban, Jerusalim)",
    "transliteration": "an accepted name spelled by another romanisation (Netanjahu, Zelenski, Huti)",
    "near-miss": "a misspelling of an accepted name (Katiab Hezbollah, Sergei Kissel)",
    "source-entity": "with a source text: an entity named in the source that the translation names "
                     "wrongly or not at all",
}


def select_rules(rules: Iterable[str] | None, exclude: Iterable[str] = ()) -> frozenset[str]:
    chosen = set(RULES) if rules is None else set(rules)
    unknown = (chosen | set(exclude)) - set(RULES)
    if unknown:
        raise NewsqaError(f"unknown rule(s): {', '.join(sorted(unknown))} (known: {', '.join(RULES)})")
    return frozenset(chosen - set(exclude))
