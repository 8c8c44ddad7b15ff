"""The store's tables. Unique keys make every write idempotent: a task run twice changes nothing.

* ``articles.key`` — one row per article: its canonical URL, or its content when it has none;
* ``translations (article_id, revision, engine, engine_version)`` — one per engine and revision;
* ``flags (translation_id, glossary_version, entity, kind, span)`` — one per finding.
"""

from __future__ import annotations

from datetime import datetime, timezone
from enum import StrEnum

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint, Index
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

class State(StrEnum):
    """An article's state: pending -> processing (a stage runs, or the next is queued) -> processed,
    or dead with its reason. Values are the strings stored, so a State equals its string."""

    PENDING = "pending"
    PROCESSING = "processing"
    PROCESSED = "processed"
    DEAD = "dead"


class StageName(StrEnum):
    """The pipeline's stages, in order. Values are the keys of ``articles.stages`` and the ``stage`` of
    events, so a StageName equals its string (stored rows and JSON stay as they were)."""

    INGEST = "ingest"
    DETECT = "detect"
    TRANSLATE = "translate"
    CHECK = "check"


STATES = tuple(State)
STAGES = tuple(StageName)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    type_annotation_map = {datetime: DateTime(timezone=True), dict: JSON}


class Article(Base):
    __tablename__ = "articles"
    # The review queue joins every flag to its article's current revision and check: this index
    # answers that without reading the article's row (its long texts come first on disk).
    __table_args__ = (Index("ix_articles_current", "id", "revision", "checked_glossary", "outlet", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    url: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)               # as submitted: plain text or HTML
    text: Mapped[str | None] = mapped_column(Text)        # plain text, after ingest
    content_hash: Mapped[str] = mapped_column(String(64))
    revision: Mapped[int] = mapped_column(Integer, default=1)
    published_at: Mapped[datetime | None]
    declared_lang: Mapped[str | None] = mapped_column(String(16))
    publisher_translation: Mapped[str | None] = mapped_column(Text)
    meta: Mapped[dict] = mapped_column(default=dict)
    language: Mapped[str | None] = mapped_column(String(16))
    script: Mapped[str | None] = mapped_column(String(8))
    state: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    stages: Mapped[dict] = mapped_column(default=dict)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    lease_until: Mapped[datetime | None]
    lease_owner: Mapped[str | None] = mapped_column(String(100))  # "host:pid" of the process running a stage
    queued_at: Mapped[datetime | None]
    error: Mapped[str | None] = mapped_column(Text)
    checked_glossary: Mapped[str | None] = mapped_column(String(100))  # glossary version of the current flags
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    translations: Mapped[list["Translation"]] = relationship(back_populates="article", order_by="Translation.id")


class Translation(Base):
    __tablename__ = "translations"
    __table_args__ = (UniqueConstraint("article_id", "revision", "engine", "engine_version",
                                       name="uq_translation"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    engine: Mapped[str] = mapped_column(String(100))
    engine_version: Mapped[str] = mapped_column(String(100))
    source_lang: Mapped[str | None] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    unknown_words: Mapped[dict] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    article: Mapped[Article] = relationship(back_populates="translations")
    flags: Mapped[list["FlagRow"]] = relationship(back_populates="translation", order_by="FlagRow.id")


class FlagRow(Base):
    __tablename__ = "flags"
    __table_args__ = (UniqueConstraint("translation_id", "glossary_version", "entity", "kind", "span",
                                       name="uq_flag"),
                      Index("ix_flags_article", "article_id"),
                      # Covers the queue's counts per kind (and its filters) without reading flag rows.
                      Index("ix_flags_queue", "article_id", "glossary_version", "translation_id", "kind", "rule",
                            "confidence", "entity"))

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    translation_id: Mapped[int] = mapped_column(ForeignKey("translations.id", ondelete="CASCADE"))
    glossary_version: Mapped[str] = mapped_column(String(100))
    checker_version: Mapped[str] = mapped_column(String(100))
    entity: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))
    span: Mapped[str] = mapped_column(String(32))  # "start:end", or "-" when the entity is missing
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    found: Mapped[str | None] = mapped_column(Text)
    suggestion: Mapped[str | None] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(Text)
    rule: Mapped[str] = mapped_column(String(32))
    source_start: Mapped[int | None] = mapped_column(Integer)
    source_end: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    translation: Mapped[Translation] = relationship(back_populates="flags")


class Event(Base):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    stage: Mapped[str | None] = mapped_column(String(16))
    message: Mapped[str] = mapped_column(Text)


class ServiceBeat(Base):
    """When a background service (the reconciler) last ran, so that its death is visible."""

    __tablename__ = "service_beats"

    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    at: Mapped[datetime]
    detail: Mapped[str | None] = mapped_column(Text)


# ---- the glossary, kept in the store so the CLI and the web edit one copy -------------------

class GlossaryEntity(Base):
    __tablename__ = "glossary_entities"

    seq: Mapped[int] = mapped_column(primary_key=True)          # keeps the glossary's order
    id: Mapped[str] = mapped_column(String(200), unique=True)
    type: Mapped[str] = mapped_column(String(32), default="other")
    note: Mapped[str | None] = mapped_column(Text)
    fields: Mapped[dict] = mapped_column(default=dict)
    version: Mapped[int] = mapped_column(Integer, default=1)    # bumped by every edit: stale edits are refused
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by: Mapped[str | None] = mapped_column(String(200))

    terms: Mapped[list["GlossaryTerm"]] = relationship(back_populates="entity", order_by="GlossaryTerm.id",
                                                       cascade="all, delete-orphan")


class GlossaryTerm(Base):
    __tablename__ = "glossary_terms"
    __table_args__ = (UniqueConstraint("entity_seq", "lang", "text", name="uq_glossary_term"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_seq: Mapped[int] = mapped_column(ForeignKey("glossary_entities.seq", ondelete="CASCADE"), index=True)
    lang: Mapped[str] = mapped_column(String(35))
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    fields: Mapped[dict] = mapped_column(default=dict)

    entity: Mapped[GlossaryEntity] = relationship(back_populates="terms")


class GlossaryChange(Base):
    """The audit log: who changed what and when, from the CLI or the review page."""

    __tablename__ = "glossary_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(16))             # cli | web | import
    entity_id: Mapped[str | None] = mapped_column(String(200), index=True)
    action: Mapped[str] = mapped_column(String(32))
    detail: Mapped[dict] = mapped_column(default=dict)


class GlossaryState(Base):
    """One row: a counter bumped by every glossary change, so workers notice edits cheaply."""

    __tablename__ = "glossary_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str | None] = mapped_column(Text)


# ---- review: editors, their decisions, and API tokens --------------------------------------

ROLES = ("editor", "maintainer")


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(16), default="editor")   # editor | maintainer
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)   # wrong passwords in a row
    locked_until: Mapped[datetime | None]                             # no login before this (throttling)


class Decision(Base):
    """An editor's decision on a flag; the newest for a flag is the one in force."""

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    flag_id: Mapped[int] = mapped_column(ForeignKey("flags.id", ondelete="CASCADE"), index=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(16))                    # accept | reject | edit
    replacement: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    # The span of the translation replaced, when it is not the flag's own (a whole sentence edited,
    # text inserted for a missing name).
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    # A decision copied onto the same finding of a newer check (recheck, glossary edit): the one
    # it copies. Statistics and corrections count the newest link of each chain only.
    carried_from: Mapped[int | None] = mapped_column(Integer, index=True)


class Suppression(Base):
    """A false alarm an editor rejected: the same name in the same article is not flagged again."""

    __tablename__ = "suppressions"
    __table_args__ = (UniqueConstraint("article_id", "entity", "found", name="uq_suppression"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    entity: Mapped[str] = mapped_column(String(200))
    found: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(default=utcnow)


class ApiToken(Base):
    """A bearer token for POST /api/articles; only its SHA-256 is kept."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]


class IgnoreRule(Base):
    """"This form is fine for this entity": the checker's findings of ``found`` for ``entity`` are
    dropped in every article (or only in one outlet's). Removing a rule keeps its row (audit)."""

    __tablename__ = "ignore_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    entity: Mapped[str] = mapped_column(String(200), index=True)
    found: Mapped[str] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(200))        # None: every outlet
    reason: Mapped[str | None] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    removed_by: Mapped[str | None] = mapped_column(String(100))
    removed_at: Mapped[datetime | None]


class RuleSetting(Base):
    """A checker rule switched off (or on again) for this newsroom; workers read it before each check."""

    __tablename__ = "rule_settings"

    rule: Mapped[str] = mapped_column(String(32), primary_key=True)
    enabled: Mapped[bool] = mapped_column(default=True)
    actor: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(default=utcnow)


class AuditEntry(Base):
    """Who changed a review setting and when: rules switched, ignore rules, accounts."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(32))
    detail: Mapped[dict] = mapped_column(default=dict)


class WebSession(Base):
    """A login on the review pages. The cookie names it; logging out (or disabling the user, or a
    new password) revokes it on the server, so a copied cookie stops working."""

    __tablename__ = "web_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)     # SHA-256 of the cookie's secret
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
