"""The review audit log: who changed a review setting, an ignore rule or an account, and when.

(Glossary edits have their own log, ``glossary_changes``; decisions carry their actor themselves.)
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from newsqa.tasks.models import AuditEntry, utcnow
from newsqa.tasks.store import Store


def record(s: Session, actor: str, action: str, **detail) -> None:
    """Add an entry inside the caller's transaction, so the change and its record land together."""
    s.add(AuditEntry(at=utcnow(), actor=actor, action=action, detail=detail))


def entries(store: Store, limit: int = 100) -> list[AuditEntry]:
    with store.session() as s:
        return list(s.execute(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)).scalars())
