"""Glossary problems a terminologist must fix, each with a code, the entity and a message.

Forms are compared after the checker's own folding (case, diacritics, script, apostrophes, the
Arabic article), per language, because that is how the checker will read them: two forms that fold
alike *are* the same form to it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from newsqa.qa.model import Glossary, Status
from newsqa.qa.normalize import tokenize


@dataclass(frozen=True)
class Problem:
    code: str
    entity: str
    message: str
    severity: str = "error"  # "error" (the glossary misleads the checker) or "warning"


def folded(text: str, lang: str) -> tuple[str, ...]:
    return tuple(t.norm for t in tokenize(text, lang))


def validate(glossary: Glossary) -> list[Problem]:
    problems: list[Problem] = []
    accepted: dict[tuple[str, tuple[str, ...]], list[tuple[str, str]]] = defaultdict(list)
    rejected: dict[tuple[str, tuple[str, ...]], list[tuple[str, str]]] = defaultdict(list)
    for entity in glossary:
        if not entity.terms:
            problems.append(Problem("no-terms", entity.id, f"{entity.id} has no terms", "warning"))
        english = entity.terms_in("en")
        preferred = [t for t in english if t.status is Status.PREFERRED]
        if not preferred:
            problems.append(Problem("no-preferred-english", entity.id,
                                    f"{entity.id} has no preferred English term, so flags have no suggestion"))
        elif len(preferred) > 1:
            problems.append(Problem("several-preferred-english", entity.id,
                                    f"{entity.id} has {len(preferred)} preferred English terms: "
                                    + ", ".join(f"“{t.text}”" for t in preferred) + "; the first is suggested",
                                    "warning"))
        seen: dict[tuple[str, tuple[str, ...]], str] = {}
        for term in entity.terms:
            key = (term.base_lang, folded(term.text, term.lang))
            if not key[1]:
                problems.append(Problem("empty-form", entity.id, f"{entity.id}: “{term.text}” has no letters"))
                continue
            tagged = (term.lang, key[1])  # sr-Latn and sr-Cyrl spellings of one name are both wanted
            if tagged in seen:
                problems.append(Problem("duplicate", entity.id,
                                        f"{entity.id}: “{term.text}” and “{seen[tagged]}” ({term.lang}) are the same "
                                        "form after normalisation", "warning"))
            seen[tagged] = term.text
            (accepted if term.status.accepted else rejected)[key].append((entity.id, term.text))
    for key, owners in accepted.items():
        entities = sorted({e for e, _ in owners})
        if len(entities) > 1:
            forms = ", ".join(f"“{t}” ({e})" for e, t in owners)
            problems.append(Problem("accepted-twice", entities[0],
                                    f"the same {key[0]} form is accepted for {len(entities)} entities: {forms}"))
        for e_bad, t_bad in rejected.get(key, ()):
            for e_ok, t_ok in owners:
                if e_bad != e_ok:
                    problems.append(Problem("deprecated-but-accepted", e_bad,
                                            f"“{t_bad}” is deprecated for {e_bad} but “{t_ok}” is accepted for "
                                            f"{e_ok}: the checker will accept it"))
    return problems
