"""Merging an incoming glossary into an existing one, with a report of what would change.

Entities match by id, terms by (language, text). Incoming terms are added or take the incoming
status; incoming type, note and data categories replace the old ones when given. Nothing is
deleted by a merge: terms missing from the incoming file stay (a partial export can be merged back).

Name resources (Wikidata, ParaNames, JRC-Names) merge with ``keep_status``: a term the glossary has
keeps the status the newsroom gave it, and a new name does not displace a preferred term; and they
merge batch by batch, their report kept as a :class:`MergeTally` (counts, and the first lines).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from newsqa.qa.model import Glossary, Status


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
        return _summary(len(self.added_entities), len(self.changed_entities), len(self.added_terms),
                        len(self.status_changes), self.unchanged, len(self.conflicts))


def _summary(entities: int, changed: int, terms: int, statuses: int, unchanged: int, conflicts: int = 0) -> str:
    return (f"{entities} entities added, {changed} changed, {terms} terms added, {statuses} statuses changed, "
            f"{unchanged} entities unchanged"
            + (f", {conflicts} left out as conflicts (--force to apply them)" if conflicts else ""))


@dataclass
class MergeTally:
    """The reports of many merged batches: exact counts, and the first ``keep`` lines of changes."""

    keep: int = 500
    added_entities: int = 0
    changed_entities: int = 0
    added_terms: int = 0
    status_changes: int = 0
    unchanged: int = 0
    sample: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)   # entities the caller left out (see MergeReport)

    def add(self, report: MergeReport) -> None:
        self.added_entities += len(report.added_entities)
        self.changed_entities += len(report.changed_entities)
        self.added_terms += len(report.added_terms)
        self.status_changes += len(report.status_changes)
        self.unchanged += report.unchanged
        if len(self.sample) < self.keep:
            self.sample += report.lines()[: self.keep - len(self.sample)]

    @property
    def changed(self) -> bool:
        return bool(self.added_entities or self.changed_entities or self.added_terms or self.status_changes)

    def lines(self) -> list[str]:
        return self.sample + [f"! conflict {c}" for c in self.conflicts]

    def summary(self) -> str:
        return _summary(self.added_entities, self.changed_entities, self.added_terms, self.status_changes,
                        self.unchanged, len(self.conflicts))


def merge(base: Glossary, incoming: Glossary, keep_status: bool = False,
          in_place: bool = False) -> tuple[Glossary, MergeReport]:
    """The merged glossary (``base`` is not modified) and the report of the differences.

    With ``keep_status`` a term already in ``base`` is left as it is, and an incoming preferred term
    is added as admitted where the entity has a preferred term in that language already. With
    ``in_place`` ``base`` itself becomes the result and takes ``incoming``'s objects (for callers whose
    copies are their own, such as a batched import: copying costs more than the merge).
    """
    result = base if in_place else copy.deepcopy(base)
    own = (lambda x: x) if in_place else copy.deepcopy
    report = MergeReport()
    for new in incoming:
        old = result.entities.get(new.id)
        if old is None:
            result.add(own(new))
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
            if mine is not None and keep_status:
                continue
            if mine is None:
                term = own(term)
                if keep_status and term.status is Status.PREFERRED and any(
                        t.lang == term.lang and t.status is Status.PREFERRED for t in old.terms):
                    term.status = Status.ADMITTED
                old.terms.append(term)
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
