"""CSV glossaries: one row per term, entity columns repeated on each of its rows.

Columns: ``entity_id, entity_type, entity_note, lang, term, status``; any further column named
``entity.<category>`` or ``term.<category>`` carries a data category kept in ``fields`` (so a TBX
file converted to CSV and back loses nothing). An entity with no terms is a row with empty
``lang`` and ``term``.
"""

from __future__ import annotations

import csv
import io

from newsqa.qa.errors import GlossaryError, GlossaryFormatError
from newsqa.qa.model import Entity, Glossary, Status, Term

BASE_COLUMNS = ["entity_id", "entity_type", "entity_note", "lang", "term", "status"]
# A cell starting with one of these is a formula to a spreadsheet ("=cmd|' /C calc'!A0"): written
# behind an apostrophe, which spreadsheets show as text, and read back without it (OWASP's advice).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """The cell as written: a formula-looking value, or one that already is apostrophes and then a
    formula character, gets an apostrophe in front (so that :func:`restore` is its exact inverse)."""
    return "'" + value if value.lstrip("'").startswith(FORMULA_START) else value


def restore(value: str) -> str:
    """The inverse of :func:`neutralise`; other apostrophes ("'s-Hertogenbosch") are kept."""
    return value[1:] if value.startswith("'") and value.lstrip("'").startswith(FORMULA_START) else value


def read_csv(text: str, source: str = "<csv>") -> Glossary:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if reader.fieldnames is None:
        raise GlossaryFormatError(source, 1, "empty file: expected a header row")
    missing = [c for c in ("entity_id", "lang", "term") if c not in reader.fieldnames]
    if missing:
        raise GlossaryFormatError(source, 1, f"missing column(s): {', '.join(missing)}")
    extra = [c for c in reader.fieldnames if c not in BASE_COLUMNS]
    bad = [c for c in extra if not (c.startswith("entity.") or c.startswith("term."))]
    if bad:
        raise GlossaryFormatError(source, 1, f"unknown column(s): {', '.join(bad)} "
                                  "(extra columns must start with 'entity.' or 'term.')")
    glossary = Glossary()
    try:
        for raw in reader:
            line = reader.line_num
            row = {k: (restore(v) if isinstance(v, str) else v) for k, v in raw.items()}
            if None in row:
                raise GlossaryFormatError(source, line, "more fields than the header has columns")
            entity_id = (row.get("entity_id") or "").strip()
            if not entity_id:
                raise GlossaryFormatError(source, line, "empty entity_id")
            entity_type = (row.get("entity_type") or "").strip() or "other"
            note = row.get("entity_note") or None
            efields = {c[len("entity."):]: row[c] for c in extra if c.startswith("entity.") and row[c]}
            entity = glossary.entities.get(entity_id)
            if entity is None:
                entity = glossary.add(Entity(id=entity_id, type=entity_type, note=note, fields=efields))
            elif (entity.type, entity.note, entity.fields) != (entity_type, note, efields) and (
                    row.get("entity_type") or row.get("entity_note") or efields):
                raise GlossaryFormatError(source, line,
                                          f"entity {entity_id!r} has other type, note or fields than on an earlier row")
            text, lang = (row.get("term") or "").strip(), (row.get("lang") or "").strip()
            if not text and not lang:
                continue
            if not text or not lang:
                raise GlossaryFormatError(source, line, "a term row needs both 'lang' and 'term'")
            try:
                status = Status.parse(row.get("status") or "admitted")
            except GlossaryError as exc:
                raise GlossaryFormatError(source, line, str(exc)) from None
            tfields = {c[len("term."):]: row[c] for c in extra if c.startswith("term.") and row[c]}
            entity.terms.append(Term(text=text, lang=lang, status=status, fields=tfields))
    except csv.Error as exc:
        raise GlossaryFormatError(source, reader.line_num, f"bad CSV: {exc}") from None
    return glossary


def write_csv(glossary: Glossary) -> str:
    efield_names = sorted({k for e in glossary for k in e.fields})
    tfield_names = sorted({k for e in glossary for t in e.terms for k in t.fields})
    columns = BASE_COLUMNS + [f"entity.{k}" for k in efield_names] + [f"term.{k}" for k in tfield_names]
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for entity in glossary:
        base = {"entity_id": entity.id, "entity_type": entity.type, "entity_note": entity.note or ""}
        base.update({f"entity.{k}": v for k, v in entity.fields.items()})
        if not entity.terms:
            writer.writerow({k: neutralise(v) for k, v in base.items()})
        for term in entity.terms:
            row = dict(base, lang=term.lang, term=term.text, status=term.status.value)
            row.update({f"term.{k}": v for k, v in term.fields.items()})
            writer.writerow({k: neutralise(v) for k, v in row.items()})
    return out.getvalue()
