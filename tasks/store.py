"""The store is the ledger: every accepted article, its state, translations, flags and events.

Redis only rings the doorbell. An article is committed here before anything is queued, messages
carry only its id, and every effect is an insert under a unique key that a second run leaves
alone, so a task that runs twice (a killed worker, a redelivered message) changes nothing.
A worker *claims* an article with a lease (one atomic UPDATE); the reconciler hands out articles
whose lease ran out or that were never queued.
"""

from __future__ import annotations

import dataclasses
import threading
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Iterator, Sequence

from sqlalchemy import create_engine, event, func, or_, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, selectinload, sessionmaker

from newsqa import config
from newsqa.qa.flags import Flag
from newsqa.tasks.articles import ArticleIn
from newsqa.tasks.models import Article, Event, FlagRow, Translation, utcnow

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


@dataclasses.dataclass(frozen=True)
class Accepted:
    """What a submitter gets back: the id, and whether the article was new, a duplicate or revised."""

    id: int
    status: str  # "new" | "duplicate" | "revised"

    @property
    def needs_processing(self) -> bool:
        return self.status != "duplicate"


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record):  # WAL and a busy timeout: readers never block the writer
            dbapi_conn.isolation_level = None  # we issue BEGIN ourselves, below
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn):
            # SQLite ignores SELECT ... FOR UPDATE: BEGIN IMMEDIATE takes the write lock at the start,
            # so read-modify-write transactions (versions, stage records) are serialised, not lost.
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        return engine
    return create_engine(url, pool_pre_ping=True)


_MIGRATE_LOCK = threading.Lock()
_ADVISORY_LOCK = 74_501_23  # any constant: the key of PostgreSQL's advisory lock for migrations


def migrate(engine: Engine) -> None:
    """Bring the database to the newest schema with Alembic (creates it when empty).

    One migration at a time: Alembic's context is not thread-safe, and processes starting together
    (several workers on a fresh database) take turns on PostgreSQL's advisory lock; SQLite's
    BEGIN IMMEDIATE serialises them already.
    """
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with _MIGRATE_LOCK, engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_ADVISORY_LOCK})")
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def _insert_ignore(session: Session, model, values: dict) -> bool:
    """INSERT ... ON CONFLICT DO NOTHING in the dialect at hand; True when a row was written.

    RETURNING tells, where the driver's rowcount may not.
    """
    if session.bind.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = insert(model).values(**values).on_conflict_do_nothing().returning(model.id)
    return session.execute(statement).scalar() is not None


class Store:
    def __init__(self, url: str | None = None) -> None:
        self.url = url or config.DATABASE_URL.get()
        self.engine = make_engine(self.url)
        migrate(self.engine)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.sessions.begin() as session:
            yield session

    # ---- submission -------------------------------------------------------------------------

    def accept(self, article: ArticleIn) -> Accepted:
        """Store an article once: the same one again is a duplicate, a changed one a new revision."""
        with self.session() as s:
            created = _insert_ignore(s, Article, dict(
                key=article.key, url=article.url, outlet=article.outlet, title=article.title, body=article.text,
                content_hash=article.content_hash, published_at=article.published_at,
                declared_lang=article.language, publisher_translation=article.translation,
                meta=article.metadata, revision=1, state="pending", stages={}, attempts=0,
                created_at=utcnow(), updated_at=utcnow()))
            row = s.execute(select(Article).where(Article.key == article.key).with_for_update()).scalar_one()
            if created:
                s.add(Event(article_id=row.id, stage="ingest", message="accepted"))
                return Accepted(row.id, "new")
            if row.content_hash == article.content_hash:
                return Accepted(row.id, "duplicate")
            row.body, row.title, row.outlet = article.text, article.title, article.outlet
            row.publisher_translation, row.meta = article.translation, article.metadata
            row.published_at, row.declared_lang = article.published_at, article.language
            row.content_hash, row.revision = article.content_hash, row.revision + 1
            row.state, row.stages, row.attempts, row.error, row.lease_until = "pending", {}, 0, None, None
            row.text = row.language = row.script = None
            s.add(Event(article_id=row.id, stage="ingest", message=f"revised: revision {row.revision}"))
            return Accepted(row.id, "revised")

    def mark_queued(self, ids: Sequence[int]) -> None:
        if ids:
            with self.session() as s:
                s.execute(update(Article).where(Article.id.in_(ids)).values(queued_at=utcnow()))

    # ---- processing -------------------------------------------------------------------------

    def claim(self, article_id: int, lease_seconds: float) -> bool:
        """Take an article for one attempt: atomically, so two workers never both hold it."""
        now = utcnow()
        with self.session() as s:
            taken = s.execute(
                update(Article)
                .where(Article.id == article_id,
                       or_(Article.state == "pending",
                           (Article.state == "processing") & (Article.lease_until < now)))
                .values(state="processing", attempts=Article.attempts + 1,
                        lease_until=now + timedelta(seconds=lease_seconds), updated_at=now)
            ).rowcount == 1
            if taken:
                s.add(Event(article_id=article_id, stage=None, message="claimed"))
            return taken

    def get(self, article_id: int) -> Article | None:
        with self.session() as s:
            return s.get(Article, article_id)

    def update(self, article_id: int, **fields) -> None:
        with self.session() as s:
            s.execute(update(Article).where(Article.id == article_id).values(updated_at=utcnow(), **fields))

    def begin_stage(self, article_id: int, stage: str, max_attempts: int, lease_seconds: float) -> Article | None:
        """Mark a stage started and extend the lease; return the article, or None when it is no
        longer ours. A stage found started in the same attempt never finished (its process crashed
        or was killed at the time limit): that counts as an attempt, and after ``max_attempts`` the
        article is dead."""
        with self.session() as s:
            row = s.get(Article, article_id, with_for_update=True)
            if row is None or row.state != "processing":
                return None
            record = row.stages.get(stage) or {}
            if record.get("status") == "started" and record.get("attempt") == row.attempts:
                row.attempts += 1
                s.add(Event(article_id=article_id, stage=stage, message="stage did not finish; trying again"))
            if row.attempts > max_attempts:
                reason = f"the {stage} stage did not finish in {max_attempts} attempts (crash or time limit)"
                row.state, row.error, row.lease_until = "dead", reason, None
                row.stages = {**row.stages, stage: {"status": "failed", "at": utcnow().isoformat(), "detail": reason}}
                s.add(Event(article_id=article_id, stage=stage, message=f"dead: {reason}"))
                return None
            row.stages = {**row.stages, stage: {"status": "started", "at": utcnow().isoformat(),
                                                "attempt": row.attempts}}
            row.lease_until = utcnow() + timedelta(seconds=lease_seconds)
            return row

    def stage_done(self, article_id: int, stage: str, detail: str | None = None, info: dict | None = None,
                   **fields) -> None:
        with self.session() as s:
            row = s.get(Article, article_id, with_for_update=True)
            record = {"status": "done", "at": utcnow().isoformat(), "detail": detail, **(info or {})}
            row.stages = {**row.stages, stage: record}
            for name, value in fields.items():
                setattr(row, name, value)
            s.add(Event(article_id=article_id, stage=stage, message=detail or "done"))

    def add_event(self, article_id: int, stage: str | None, message: str) -> None:
        """Record something that happened to an article beside its stages (a declared language that
        detection contradicts, ...)."""
        with self.session() as s:
            s.add(Event(article_id=article_id, stage=stage, message=message))

    def save_translation(self, article_id: int, revision: int, engine: str, engine_version: str,
                         source_lang: str | None, text: str, unknown_words: dict | None = None) -> int:
        with self.session() as s:
            _insert_ignore(s, Translation, dict(
                article_id=article_id, revision=revision, engine=engine, engine_version=engine_version,
                source_lang=source_lang, text=text, unknown_words=unknown_words or {}, created_at=utcnow()))
            return s.execute(select(Translation.id).where(
                Translation.article_id == article_id, Translation.revision == revision,
                Translation.engine == engine, Translation.engine_version == engine_version)).scalar_one()

    def translations(self, article_id: int, revision: int | None = None) -> list[Translation]:
        with self.session() as s:
            query = select(Translation).where(Translation.article_id == article_id)
            if revision is not None:
                query = query.where(Translation.revision == revision)
            return list(s.execute(query.order_by(Translation.id)).scalars())

    def save_flags(self, article_id: int, translation_id: int, flags: Sequence[Flag],
                   glossary_version: str, checker_version: str) -> int:
        """Insert the flags not already stored; returns how many were new."""
        new = 0
        with self.session() as s:
            for f in flags:
                span = "-" if f.start is None else f"{f.start}:{f.end}"
                new += _insert_ignore(s, FlagRow, dict(
                    article_id=article_id, translation_id=translation_id, glossary_version=glossary_version,
                    checker_version=checker_version, entity=f.entity, kind=f.kind, span=span, start=f.start,
                    end=f.end, found=f.found, suggestion=f.suggestion, confidence=f.confidence, reason=f.reason,
                    rule=f.rule, source_start=f.source_start, source_end=f.source_end, created_at=utcnow()))
        return new

    def flags(self, article_id: int) -> list[FlagRow]:
        """The flags of the article's newest revision, for the glossary version it was last checked with."""
        with self.session() as s:
            article = s.get(Article, article_id)
            if article is None:
                return []
            query = (select(FlagRow).join(Translation).where(
                FlagRow.article_id == article_id, Translation.revision == article.revision,
                FlagRow.glossary_version == article.checked_glossary).options(selectinload(FlagRow.translation)))
            return list(s.execute(query.order_by(FlagRow.translation_id, FlagRow.start.is_(None), FlagRow.start)).scalars())

    def finish(self, article_id: int) -> None:
        with self.session() as s:
            s.execute(update(Article).where(Article.id == article_id)
                      .values(state="processed", lease_until=None, error=None, updated_at=utcnow()))
            s.add(Event(article_id=article_id, stage=None, message="processed"))

    def fail(self, article_id: int, stage: str | None, reason: str, final: bool) -> str:
        """Record a failed attempt. ``final`` (bad input, or attempts used up) ends in the dead state;
        otherwise the article goes back to pending for the next attempt. Returns the new state."""
        with self.session() as s:
            row = s.get(Article, article_id, with_for_update=True)
            state = "dead" if final or row.attempts >= config.MAX_ATTEMPTS.number(int, 1) else "pending"
            row.state, row.error, row.lease_until, row.updated_at = state, reason, None, utcnow()
            if stage:
                row.stages = {**row.stages, stage: {"status": "failed", "at": utcnow().isoformat(), "detail": reason}}
            s.add(Event(article_id=article_id, stage=stage,
                        message=f"{'dead' if state == 'dead' else 'attempt failed'}: {reason}"))
            return state

    def events(self, article_id: int) -> list[Event]:
        with self.session() as s:
            return list(s.execute(select(Event).where(Event.article_id == article_id).order_by(Event.id)).scalars())

    # ---- reconciling and retrying -----------------------------------------------------------

    def due(self, requeue_after: float = 300) -> list[int]:
        """Articles to queue again: pending and never queued (or queued long ago), or leased and expired."""
        now = utcnow()
        stale = now - timedelta(seconds=requeue_after)
        with self.session() as s:
            return list(s.execute(select(Article.id).where(or_(
                (Article.state == "pending") & (or_(Article.queued_at.is_(None), Article.queued_at < stale)),
                (Article.state == "processing") & (Article.lease_until < now),
            )).order_by(Article.id)).scalars())

    def retry(self, ids: Sequence[int] | None = None) -> list[int]:
        """Put dead articles (the given ones, or all) back to pending with a fresh attempt count."""
        with self.session() as s:
            query = select(Article).where(Article.state == "dead")
            if ids is not None:
                query = query.where(Article.id.in_(ids))
            rows = list(s.execute(query.with_for_update()).scalars())
            for row in rows:
                row.state, row.attempts, row.error, row.queued_at = "pending", 0, None, None
                s.add(Event(article_id=row.id, stage=None, message="retry requested"))
            return [r.id for r in rows]

    def reset_check(self, article_ids: Sequence[int]) -> None:
        with self.session() as s:
            for row in s.execute(select(Article).where(Article.id.in_(article_ids))).scalars():
                row.stages = {k: v for k, v in row.stages.items() if k != "check"}

    def articles(self, state: str | None = None, limit: int = 50) -> list[Article]:
        with self.session() as s:
            query = select(Article).order_by(Article.id.desc()).limit(limit)
            if state:
                query = query.where(Article.state == state)
            return list(s.execute(query).scalars())

    def counts(self) -> dict[str, int]:
        with self.session() as s:
            return dict(s.execute(select(Article.state, func.count()).group_by(Article.state)).all())
