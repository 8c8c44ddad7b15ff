"""Merging an incoming glossary into an existing one, with a report of what would change.

Entities match by id, terms by (language, text). Incoming terms are added or take the incoming
status; incoming type, note and data categories replace the old ones when given. Nothing is
deleted by a merge: terms missing from the incoming file stay (a partial export can be merged back).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from newsqa.qa.model import Glossary


@dataclass
class MergeReport:
    added_entities: list[str] = field(default_factory=list)
    changed_entities: list[str] = field(default_factory=list)
    added_terms: list[tuple[str, str, str, str]] = field(default_factory=list)      # entity, lang, text, status
    status_changes: list[tuple[str, str, str, str, str]] = field(default_factory=list)  # entity, lang, text, old, new
    unchanged: int = 0
    conflicts: list[str] = field(default_factory=list)   # entities left out: edited since the file was exported

    @property
    def changed(self) -> bool:
        return bool(self.added_entities or self.changed_entities or self.added_terms or self.status_changes)

    def lines(self) -> list[str]:
        out = [f"+ entity {e}" for e in self.added_entities]
        out += [f"~ entity {e} (type, note or data categories)" for e in self.changed_entities]
        out += [f"+ term {e} [{lang}] “{text}” ({status})" for e, lang, text, status in self.added_terms]
        out += [f"~ term {e} [{lang}] “{text}”: {old} -> {new}" for e, lang, text, old, new in self.status_changes]
        out += [f"! conflict {c}" for c in self.conflicts]
        return out

    def summary(self) -> str:
        return (f"{len(self.added_entities)} entities added, {len(self.changed_entities)} changed, "
                f"{len(self.added_terms)} terms added, {len(self.status_changes)} statuses changed, "
                f"{self.unchanged} entities unchanged"
                + (f", {len(self.conflicts)} left out as conflicts (--force to apply them)" if self.conflicts else ""))


def merge(base: Glossary, incoming: Glossary) -> tuple[Glossary, MergeReport]:
    """The merged glossary (``base`` is not modified) and the report of the differences."""
    result = copy.deepcopy(base)
    report = MergeReport()
    for new in incoming:
        old = result.entities.get(new.id)
        if old is None:
            result.add(copy.deepcopy(new))
            report.added_entities.append(new.id)
            report.added_terms += [(new.id, t.lang, t.text, t.status.value) for t in new.terms]
            continue
        touched = False
        meta = (new.type if new.type != "other" else old.type, new.note if new.note is not None else old.note,
                {**old.fields, **new.fields})
        if meta != (old.type, old.note, old.fields):
            old.type, old.note, old.fields = meta
            report.changed_entities.append(new.id)
            touched = True
        by_key = {(t.lang, t.text): t for t in old.terms}
        for term in new.terms:
            mine = by_key.get((term.lang, term.text))
            if mine is None:
                old.terms.append(copy.deepcopy(term))
                report.added_terms.append((new.id, term.lang, term.text, term.status.value))
                touched = True
            elif mine.status != term.status or {**mine.fields, **term.fields} != mine.fields:
                if mine.status != term.status:
                    report.status_changes.append((new.id, term.lang, term.text, mine.status.value, term.status.value))
                mine.status, mine.fields = term.status, {**mine.fields, **term.fields}
                touched = True
        if not touched:
            report.unchanged += 1
    return result, report
