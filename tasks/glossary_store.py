"""The glossary in the store: one copy that the CLI and the review page both edit.

Every edit runs in one transaction that locks the entity's row, may demand the version the editor
saw (``if_version``: a stale edit is refused, never silently applied over someone else's), bumps
the entity's version and the glossary's global version, and writes the audit log. Workers compare
the global version with the one their checker was built from and rebuild when it moved, so an edit
takes effect without a restart.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session, selectinload

from newsqa import config
from newsqa.qa.errors import GlossaryError
from newsqa.qa.merge import MergeReport, MergeTally, merge
from newsqa.qa.model import ENTITY_TYPES, EXPORTED_VERSION, Entity, Glossary, Status, Term, valid_language_tag
from newsqa.qa.validate import folded
from newsqa.tasks.models import GlossaryChange, GlossaryEntity, GlossaryState, GlossaryTerm, utcnow
from newsqa.tasks.store import Store


class StaleEdit(GlossaryError):
    """The entity changed since the editor read it."""


class Conflict(GlossaryError):
    """The edit would make the glossary contradict itself (a form accepted for two entities)."""


class GlossaryStore:
    def __init__(self, store: Store) -> None:
        self.store = store

    # ---- reading ----------------------------------------------------------------------------

    def version(self) -> int:
        with self.store.session() as s:
            return s.execute(select(GlossaryState.version).where(GlossaryState.id == 1)).scalar() or 0

    def load(self) -> Glossary:
        with self.store.session() as s:
            title = s.execute(select(GlossaryState.title).where(GlossaryState.id == 1)).scalar()
            rows = s.execute(select(GlossaryEntity).options(selectinload(GlossaryEntity.terms))
                             .order_by(GlossaryEntity.seq)).scalars()
            glossary = Glossary(title=title)
            for row in rows:
                glossary.add(_entity(row))
            return glossary

    def export(self) -> Glossary:
        """The glossary to write to a file: each entity carries its version here (``EXPORTED_VERSION``),
        so importing the file after newer edits reports a conflict instead of reverting them."""
        with self.store.session() as s:
            versions = dict(s.execute(select(GlossaryEntity.id, GlossaryEntity.version)).all())
        glossary = self.load()
        for entity in glossary:
            entity.fields[EXPORTED_VERSION] = str(versions[entity.id])
        return glossary

    def stream(self, batch: int = 2000) -> Iterator[Entity]:
        """Every entity in the glossary's order, read in batches: a million entities never sit
        in memory at once (the shared index is built from this)."""
        with self.store.session() as s:
            rows = s.execute(select(GlossaryEntity).options(selectinload(GlossaryEntity.terms))
                             .order_by(GlossaryEntity.seq).execution_options(yield_per=batch)).scalars()
            for row in rows:
                yield _entity(row)

    def current(self, entity_id: str) -> Entity | None:
        """The entity as it is now, or None if it is gone (an index overlay takes these)."""
        with self.store.session() as s:
            row = s.execute(select(GlossaryEntity).where(GlossaryEntity.id == entity_id)
                            .options(selectinload(GlossaryEntity.terms))).scalar_one_or_none()
            return _entity(row) if row is not None else None

    def last_change(self) -> int:
        """The number of the latest audit-log row (0: none): where an index's knowledge ends."""
        with self.store.session() as s:
            return s.execute(select(func.max(GlossaryChange.id))).scalar() or 0

    def changed_since(self, change: int, limit: int) -> tuple[int, list[str] | None]:
        """(latest change number, ids of the entities changed after ``change``, in order).

        None instead of ids when a change is not about single entities (an import) or more than
        ``limit`` entities changed: then the whole index is built again.
        """
        with self.store.session() as s:
            rows = s.execute(select(GlossaryChange.id, GlossaryChange.entity_id, GlossaryChange.action,
                                    GlossaryChange.detail)
                             .where(GlossaryChange.id > change).order_by(GlossaryChange.id)).all()
        ids: dict[str, None] = {}
        for _, entity_id, action, detail in rows:
            if entity_id is None:
                return rows[-1][0], None
            ids[entity_id] = None
            if action in ("merge", "merged-into"):  # both sides of a merge change
                other = (detail or {}).get("from") or (detail or {}).get("into")
                if other:
                    ids[other] = None
            if len(ids) > limit:
                return rows[-1][0], None
        return (rows[-1][0] if rows else change), list(ids)

    def entity(self, entity_id: str) -> tuple[Entity, int]:
        """An entity and its version (what an editor must send back with an edit)."""
        with self.store.session() as s:
            row = self._row(s, entity_id)
            return _entity(row), row.version

    def history(self, entity_id: str | None = None, limit: int = 50) -> list[GlossaryChange]:
        with self.store.session() as s:
            query = select(GlossaryChange).order_by(GlossaryChange.id.desc()).limit(limit)
            if entity_id:
                query = query.where(GlossaryChange.entity_id == entity_id)
            return list(s.execute(query).scalars())

    def stats(self) -> dict:
        with self.store.session() as s:
            by_type = dict(s.execute(select(GlossaryEntity.type, func.count()).group_by(GlossaryEntity.type)).all())
            by_lang = dict(s.execute(select(GlossaryTerm.lang, func.count()).group_by(GlossaryTerm.lang)).all())
            by_status = dict(s.execute(select(GlossaryTerm.status, func.count()).group_by(GlossaryTerm.status)).all())
        return {"entities": sum(by_type.values()), "terms": sum(by_lang.values()), "version": self.version(),
                "by_type": by_type, "by_language": by_lang, "by_status": by_status}

    def describe(self) -> str:
        """One line saying which glossary checks run against: its size, version and first source.

        Reports print it, so a reader knows whether the starter glossary or the newsroom's own was used.
        """
        with self.store.session() as s:
            entities = s.execute(select(func.count()).select_from(GlossaryEntity)).scalar_one()
            first = s.execute(select(GlossaryChange).order_by(GlossaryChange.id).limit(1)).scalar_one_or_none()
        origin = ((first.detail or {}).get("note") or first.action) if first else "empty"
        return f"the store's glossary, version {self.version()}, {entities} entities ({origin})"

    def ensure_loaded(self, actor: str = "newsqa") -> bool:
        """An empty store takes the glossary file of ``NEWSQA_GLOSSARY``; True when it did."""
        if self.version() > 0:
            return False
        from sqlalchemy.exc import IntegrityError

        from newsqa.qa import load_glossary
        path = config.glossary_path()
        try:
            self.import_glossary(load_glossary(path), actor=actor, source="import", note=f"initial import of {path}")
        except IntegrityError:
            # Two processes found the store empty at once (workers starting on a fresh store): the
            # other one's import won. Not an error, and not a failed attempt at an article.
            if self.version() > 0:
                return False
            raise
        return True

    # ---- writing ----------------------------------------------------------------------------

    def import_glossary(self, incoming: Glossary, actor: str, dry_run: bool = False, source: str = "import",
                        note: str | None = None, force: bool = False) -> MergeTally:
        """Merge a glossary file into the store; with ``dry_run`` only report what would change.

        An entity the file says it exported at version N, edited here since (now above N), is left
        out and reported as a conflict when the file would change it: an older export never silently
        reverts newer edits. ``force`` merges it all the same.
        """
        incoming, conflicts = self._without_conflicts(self.load(), incoming, force)
        return self.import_entities(iter(incoming), actor=actor, dry_run=dry_run, source=source, note=note,
                                    keep_status=False, title=incoming.title, keep_lines=sys.maxsize,
                                    conflicts=conflicts)

    def import_entities(self, entities: Iterable[Entity], actor: str, dry_run: bool = False,
                        source: str = "import", note: str | None = None, batch: int = 1000,
                        keep_status: bool = True, title: str | None = None, keep_lines: int = 500,
                        conflicts: list[str] | None = None) -> MergeTally:
        """Merge a stream of entities into the store, ``batch`` entities at a time.

        Memory holds one batch, never the glossary: each batch's entities are read from the store by
        id, merged (see :func:`~newsqa.qa.merge.merge`; ``keep_status``, the default for name
        resources, keeps the newsroom's statuses), and only what changed is written, as bulk
        statements. The whole import is one transaction, one audit record and one glossary version;
        a re-import of the same data writes nothing. ``conflicts`` (entities left out by the caller)
        are reported with the tally.
        """
        tally = MergeTally(keep=keep_lines, conflicts=list(conflicts or []))
        with self.store.session() as s:
            for chunk in _batches(entities, batch):
                current, stored = self._stored(s, list(chunk))
                merged, report = merge(current, Glossary(entities=chunk), keep_status=keep_status, in_place=True)
                tally.add(report)
                if not dry_run and report.changed:
                    self._write(s, merged, report, stored, actor)
            if dry_run or not tally.changed:
                return tally  # nothing was written
            if title:
                self._state(s).title = title
            s.add(GlossaryChange(actor=actor, source=source, entity_id=None, action="import",
                                 detail={"summary": tally.summary(), "note": note, "changes": tally.lines()[:500]}))
            self._bump(s)
        return tally

    @staticmethod
    def _stored(s: Session, ids: list[str]) -> tuple[Glossary, "_Stored"]:
        """The stored entities among ``ids`` (locked), and their rows' keys and values as stored."""
        stored = _Stored()
        glossary = Glossary()
        by_seq: dict[int, Entity] = {}
        conn = s.connection()  # plain rows, no ORM loading: this runs for every entity of a dump
        for seq, entity_id, etype, note, fields, version in conn.execute(
                select(GlossaryEntity.seq, GlossaryEntity.id, GlossaryEntity.type, GlossaryEntity.note,
                       GlossaryEntity.fields, GlossaryEntity.version)
                .where(GlossaryEntity.id.in_(ids)).with_for_update()):
            by_seq[seq] = glossary.add(Entity(id=entity_id, type=etype, note=note, fields=dict(fields or {})))
            stored.entities[entity_id] = (seq, version)
        if by_seq:
            statuses = {s.value: s for s in Status}
            for term_id, seq, lang, text, status, fields in conn.execute(
                    select(GlossaryTerm.id, GlossaryTerm.entity_seq, GlossaryTerm.lang, GlossaryTerm.text,
                           GlossaryTerm.status, GlossaryTerm.fields)
                    .where(GlossaryTerm.entity_seq.in_(list(by_seq))).order_by(GlossaryTerm.id)):
                entity = by_seq[seq]
                entity.terms.append(Term(text, lang, statuses[status], dict(fields or {})))
                stored.terms[(entity.id, lang, text)] = (term_id, status, fields or {})
        return glossary, stored

    @staticmethod
    def _write(s: Session, merged: Glossary, report: MergeReport, stored: "_Stored", actor: str) -> None:
        """Write what a merge changed, as bulk inserts and updates by primary key."""
        now = utcnow()
        touched = _touched_ids(report)
        new = [merged[i] for i in touched if i not in stored.entities]
        if new:
            s.connection().execute(insert(GlossaryEntity.__table__), [  # Core executemany: no ORM bookkeeping
                dict(id=e.id, type=e.type, note=e.note, fields=dict(e.fields), version=1, updated_at=now,
                     updated_by=actor) for e in new])
            for entity_id, seq in s.execute(select(GlossaryEntity.id, GlossaryEntity.seq)
                                            .where(GlossaryEntity.id.in_([e.id for e in new]))):
                stored.entities[entity_id] = (seq, 0)
        changed_rows, new_terms, changed_terms = [], [], []
        for entity_id in touched:
            entity = merged[entity_id]
            seq, version = stored.entities[entity_id]
            if version:  # stored before this batch: a new version
                changed_rows.append(dict(seq=seq, type=entity.type, note=entity.note, fields=dict(entity.fields),
                                         version=version + 1, updated_at=now, updated_by=actor))
            for term in entity.terms:
                have = stored.terms.get((entity_id, term.lang, term.text))
                if have is None:
                    new_terms.append(dict(entity_seq=seq, lang=term.lang, text=term.text, status=term.status.value,
                                          fields=dict(term.fields)))
                elif (have[1], have[2]) != (term.status.value, term.fields):
                    changed_terms.append(dict(id=have[0], status=term.status.value, fields=dict(term.fields)))
        if new_terms:
            s.connection().execute(insert(GlossaryTerm.__table__), new_terms)
        for statement, rows in ((update(GlossaryEntity), changed_rows), (update(GlossaryTerm), changed_terms)):
            if rows:
                s.execute(statement, rows)  # ORM bulk update by primary key

    def _without_conflicts(self, current: Glossary, incoming: Glossary, force: bool) -> tuple[Glossary, list[str]]:
        """The incoming entities to merge (export versions taken off), and the conflicts left out."""
        with self.store.session() as s:
            versions = dict(s.execute(select(GlossaryEntity.id, GlossaryEntity.version)).all())
        kept, conflicts = Glossary(title=incoming.title), []
        for entity in incoming:
            fields = dict(entity.fields)
            raw = fields.pop(EXPORTED_VERSION, "")
            entity = dataclasses.replace(entity, fields=fields)
            seen = int(raw) if raw.strip().isdigit() else None
            now = versions.get(entity.id)
            if not force and seen is not None and now is not None and now > seen:
                _, changes = merge(Glossary(entities={entity.id: current[entity.id]}),
                                   Glossary(entities={entity.id: entity}))
                if changes.changed:
                    conflicts.append(f"{entity.id}: changed in the store since the file was exported (the file "
                                     f"has version {seen}, the store {now}); left out: {'; '.join(changes.lines())}")
                    continue
            kept.add(entity)
        return kept, conflicts

    def add_entity(self, entity_id: str, etype: str, note: str | None, actor: str, source: str = "cli",
                   english: str | None = None) -> None:
        if etype not in ENTITY_TYPES:
            raise GlossaryError(f"unknown entity type {etype!r} (expected one of: {', '.join(ENTITY_TYPES)})")
        if not entity_id or any(c.isspace() for c in entity_id):
            raise GlossaryError(f"an entity id must be one word without spaces, not {entity_id!r}")
        with self.store.session() as s:
            if s.execute(select(GlossaryEntity.seq).where(GlossaryEntity.id == entity_id)).scalar() is not None:
                raise GlossaryError(f"entity {entity_id} exists already")
            row = GlossaryEntity(id=entity_id, type=etype, note=note, fields={}, version=1,
                                 updated_at=utcnow(), updated_by=actor)
            if english:
                self._check_conflict(s, entity_id, "en", english, Status.PREFERRED)
                row.terms.append(GlossaryTerm(lang="en", text=english, status="preferred", fields={}))
            s.add(row)
            s.add(GlossaryChange(actor=actor, source=source, entity_id=entity_id, action="add-entity",
                                 detail={"type": etype, "note": note, "english": english}))
            self._bump(s)

    def add_term(self, entity_id: str, lang: str, text: str, status: Status, actor: str, source: str = "cli",
                 if_version: int | None = None, force: bool = False) -> int:
        text = " ".join(text.split())
        if not text or not lang:
            raise GlossaryError("a term needs a language and a text")
        if not valid_language_tag(lang):
            raise GlossaryError(f"“{lang}” is not a valid language tag (write it as en, sr-Latn, sr-Cyrl, hr, mk, …)")
        with self.store.session() as s:
            row = self._locked(s, entity_id, if_version)
            if any(t.lang == lang and t.text == text for t in row.terms):
                raise GlossaryError(f"{entity_id} already has the {lang} term “{text}”")
            if not force:
                self._check_conflict(s, entity_id, lang, text, status)
            row.terms.append(GlossaryTerm(lang=lang, text=text, status=status.value, fields={}))
            return self._changed(s, row, actor, source, "add-term", {"lang": lang, "text": text,
                                                                     "status": status.value})

    def set_status(self, entity_id: str, lang: str, text: str, status: Status, actor: str, source: str = "cli",
                   if_version: int | None = None, force: bool = False) -> int:
        with self.store.session() as s:
            row = self._locked(s, entity_id, if_version)
            term = self._term(row, lang, text)
            if not force:
                self._check_conflict(s, entity_id, lang, text, status)
            old, term.status = term.status, status.value
            return self._changed(s, row, actor, source, "set-status",
                                 {"lang": lang, "text": text, "from": old, "to": status.value})

    def remove_term(self, entity_id: str, lang: str, text: str, actor: str, source: str = "cli",
                    if_version: int | None = None) -> int:
        with self.store.session() as s:
            row = self._locked(s, entity_id, if_version)
            term = self._term(row, lang, text)
            row.terms.remove(term)
            return self._changed(s, row, actor, source, "remove-term",
                                 {"lang": lang, "text": text, "status": term.status})

    def merge_entities(self, keep: str, drop: str, actor: str, source: str = "cli") -> int:
        """Move the terms of ``drop`` into ``keep`` (as they are, unless already there) and delete ``drop``."""
        if keep == drop:
            raise GlossaryError("cannot merge an entity with itself")
        with self.store.session() as s:
            kept, dropped = self._locked(s, keep, None), self._locked(s, drop, None)
            have = {(t.lang, t.text) for t in kept.terms}
            moved = 0
            for term in list(dropped.terms):
                if (term.lang, term.text) not in have:
                    kept.terms.append(GlossaryTerm(lang=term.lang, text=term.text, status=term.status,
                                                   fields=dict(term.fields)))
                    moved += 1
            preferred = [t for t in kept.terms if t.lang.split("-")[0] == "en" and t.status == "preferred"]
            for extra in preferred[1:]:
                extra.status = "admitted"  # one preferred English term: the kept entity's own
            s.delete(dropped)
            s.add(GlossaryChange(actor=actor, source=source, entity_id=drop, action="merged-into",
                                 detail={"into": keep}))
            return self._changed(s, kept, actor, source, "merge", {"from": drop, "moved_terms": moved})

    # ---- helpers ----------------------------------------------------------------------------

    def _row(self, s: Session, entity_id: str, lock: bool = False) -> GlossaryEntity:
        query = select(GlossaryEntity).where(GlossaryEntity.id == entity_id).options(
            selectinload(GlossaryEntity.terms))
        row = s.execute(query.with_for_update() if lock else query).scalar_one_or_none()
        if row is None:
            raise GlossaryError(f"no entity {entity_id!r} in the glossary")
        return row

    def _locked(self, s: Session, entity_id: str, if_version: int | None) -> GlossaryEntity:
        row = self._row(s, entity_id, lock=True)
        if if_version is not None and row.version != if_version:
            raise StaleEdit(f"{entity_id} was changed by {row.updated_by or 'someone'} at "
                            f"{row.updated_at:%Y-%m-%d %H:%M:%S} (now version {row.version}, you edited version "
                            f"{if_version}): reload it and make your change again")
        return row

    @staticmethod
    def _term(row: GlossaryEntity, lang: str, text: str) -> GlossaryTerm:
        for term in row.terms:
            if term.lang == lang and term.text == text:
                return term
        have = ", ".join(f"[{t.lang}] “{t.text}”" for t in row.terms) or "none"
        raise GlossaryError(f"{row.id} has no {lang} term “{text}” (it has: {have})")

    def _check_conflict(self, s: Session, entity_id: str, lang: str, text: str, status: Status) -> None:
        """Refuse a form that another entity already uses the opposite way (or also accepts)."""
        key = folded(text, lang)
        base = lang.split("-")[0].lower()
        rows = s.execute(select(GlossaryTerm, GlossaryEntity.id).join(GlossaryEntity)
                         .where(GlossaryEntity.id != entity_id)).all()
        for term, other in rows:
            if term.lang.split("-")[0].lower() != base or folded(term.text, term.lang) != key:
                continue
            other_accepted = Status(term.status).accepted
            if status.accepted and other_accepted:
                raise Conflict(f"“{text}” is already accepted for {other} (as “{term.text}”); "
                               "use --force to accept it for both")
            if status.accepted != other_accepted:
                raise Conflict(f"“{text}” is {term.status} for {other} (as “{term.text}”); "
                               "use --force if both are meant")

    @staticmethod
    def _state(s: Session) -> GlossaryState:
        state = s.get(GlossaryState, 1, with_for_update=True)
        if state is None:
            state = GlossaryState(id=1, version=0)
            s.add(state)
            s.flush()
        return state

    def _bump(self, s: Session) -> None:
        self._state(s).version += 1

    @staticmethod
    def _touched(s: Session, row: GlossaryEntity, actor: str) -> None:
        row.version = (row.version or 0) + 1
        row.updated_at, row.updated_by = utcnow(), actor

    def _changed(self, s: Session, row: GlossaryEntity, actor: str, source: str, action: str, detail: dict) -> int:
        self._touched(s, row, actor)
        s.add(GlossaryChange(actor=actor, source=source, entity_id=row.id, action=action, detail=detail))
        self._bump(s)
        return row.version


@dataclass
class _Stored:
    """What a batch's entities were in the store: entity id -> (seq, version);
    (entity id, lang, text) -> (term id, status, fields)."""

    entities: dict[str, tuple[int, int]] = field(default_factory=dict)
    terms: dict[tuple[str, str, str], tuple[int, str, dict]] = field(default_factory=dict)


def _touched_ids(report: MergeReport) -> list[str]:
    """The entities a merge added or changed, once each, in the report's order."""
    ids = report.added_entities + report.changed_entities + [e for e, *_ in report.added_terms] + \
        [e for e, *_ in report.status_changes]
    return list(dict.fromkeys(ids))


def _batches(entities: Iterable[Entity], size: int) -> Iterator[dict[str, Entity]]:
    """Entities in dicts of up to ``size`` by id; an id seen twice in a batch has its terms joined."""
    chunk: dict[str, Entity] = {}
    for entity in entities:
        have = chunk.get(entity.id)
        if have is None:
            chunk[entity.id] = entity
        else:
            known = {(t.lang, t.text) for t in have.terms}
            have.terms += [t for t in entity.terms if (t.lang, t.text) not in known]
        if len(chunk) >= size:
            yield chunk
            chunk = {}
    if chunk:
        yield chunk


def _entity(row: GlossaryEntity) -> Entity:
    return Entity(id=row.id, type=row.type, note=row.note, fields=dict(row.fields or {}),
                  terms=[Term(t.text, t.lang, Status(t.status), dict(t.fields or {})) for t in row.terms])
