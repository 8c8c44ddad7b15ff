"""The store is the ledger: every accepted article, its state, translations, flags and events.

Redis only rings the doorbell. An article is committed here before anything is queued, messages
carry only its id, and every effect is an insert under a unique key that a second run leaves
alone, so a task that runs twice (a killed worker, a redelivered message) changes nothing.
A worker *claims* an article with a lease (one atomic UPDATE); the reconciler hands out articles
whose lease ran out or that were never queued.
"""

from __future__ import annotations

import dataclasses
import os
import socket
import threading
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Iterator, Sequence

from sqlalchemy import case, create_engine, event, func, or_, select, true, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, selectinload, sessionmaker

from newsqa import config
from newsqa.qa.flags import Flag
from newsqa.tasks.articles import ArticleIn
from newsqa.tasks.models import (STAGES, Article, Event, FlagRow, ServiceBeat, StageName, State, Translation,
                                 utcnow)

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
    """An engine whose every call ends: connect and statement timeouts (``NEWSQA_DB_CONNECT_TIMEOUT``,
    ``NEWSQA_DB_STATEMENT_TIMEOUT``), so a stalled database is an error in seconds, not a hang."""
    statement = config.DB_STATEMENT_TIMEOUT.number(float, 0.1)
    connect = config.DB_CONNECT_TIMEOUT.number(float, 0.1)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": statement})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record):  # WAL and a busy timeout: readers never block the writer
            dbapi_conn.isolation_level = None  # we issue BEGIN ourselves, below
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute(f"PRAGMA busy_timeout={int(statement * 1000)}")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn):
            # SQLite ignores SELECT ... FOR UPDATE: BEGIN IMMEDIATE takes the write lock at the start,
            # so read-modify-write transactions (versions, stage records) are serialised, not lost.
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        return engine
    args: dict = {}
    if url.startswith("postgresql"):
        ms = int(statement * 1000)
        # statement_timeout and lock_timeout end what the server runs or waits for; tcp_user_timeout
        # ends a call whose packets go unanswered (a cut network), which no server setting can.
        args = {"connect_timeout": max(1, round(connect)),
                "options": f"-c statement_timeout={ms} -c lock_timeout={ms}", "tcp_user_timeout": ms}
    return create_engine(url, pool_pre_ping=True, pool_timeout=connect, connect_args=args)


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


def process_owner() -> str:
    """This process as a lease holder: ``host:pid``, so that a holder's death can be checked."""
    return f"{socket.gethostname()}:{os.getpid()}"


def owner_is_dead(owner: str | None) -> bool:
    """True when ``owner`` is a process on this host that no longer exists (a killed pool child).

    A holder on another host, or one whose state cannot be read, counts as alive: its lease, which
    its heartbeat no longer renews, runs out on its own."""
    host, _, pid = (owner or "").rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def _record(row: Article, status: str, **extra) -> dict:
    """A stage's record: its status, when, and the revision it belongs to."""
    return {"status": status, "at": utcnow().isoformat(), "revision": row.revision, **extra}


def _earlier_done(row: Article, stage: str | None) -> bool:
    """Whether every stage before ``stage`` (every stage, for None) is done for the current revision."""
    before = STAGES[:STAGES.index(stage)] if stage else STAGES
    return all((row.stages.get(name) or {}).get("status") == "done"
               and (row.stages.get(name) or {}).get("revision", row.revision) == row.revision for name in before)


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
                meta=article.metadata, revision=1, state=State.PENDING, stages={}, attempts=0,
                created_at=utcnow(), updated_at=utcnow()))
            row = s.execute(select(Article).where(Article.key == article.key).with_for_update()).scalar_one()
            if created:
                s.add(Event(article_id=row.id, stage=StageName.INGEST, message="accepted"))
                return Accepted(row.id, "new")
            if row.content_hash == article.content_hash:
                return Accepted(row.id, "duplicate")
            row.body, row.title, row.outlet = article.text, article.title, article.outlet
            row.publisher_translation, row.meta = article.translation, article.metadata
            row.published_at, row.declared_lang = article.published_at, article.language
            row.content_hash, row.revision = article.content_hash, row.revision + 1
            row.state, row.stages, row.attempts, row.error, row.lease_until = State.PENDING, {}, 0, None, None
            row.text = row.language = row.script = None
            s.add(Event(article_id=row.id, stage=StageName.INGEST, message=f"revised: revision {row.revision}"))
            return Accepted(row.id, "revised")

    def mark_queued(self, ids: Sequence[int]) -> None:
        if ids:
            with self.session() as s:
                s.execute(update(Article).where(Article.id.in_(ids)).values(queued_at=utcnow()))

    # ---- processing -------------------------------------------------------------------------

    def claim(self, article_id: int, lease_seconds: float, owner: str | None = None) -> bool:
        """Take an article for one attempt: atomically, so two workers never both hold it.

        A lease is taken over when it ran out, or at once when its holder is a dead process on this
        host (a pool child killed in a stage: Celery delivers its task again immediately)."""
        now = utcnow()
        with self.session() as s:
            holder = s.execute(select(Article.lease_owner).where(
                Article.id == article_id, Article.state == State.PROCESSING)).scalar()
            takeable = or_(Article.state == State.PENDING,
                           (Article.state == State.PROCESSING) & (Article.lease_until < now))
            if owner_is_dead(holder):
                takeable = or_(takeable, (Article.state == State.PROCESSING) & (Article.lease_owner == holder))
            # A claim from pending begins an attempt; one taken back from a lost holder goes on with
            # its attempt (a stage it left started is counted as a crash by begin_stage), so waiting
            # for a lost message or a dead worker never uses attempts up.
            taken = s.execute(
                update(Article)
                .where(Article.id == article_id, takeable)
                .values(attempts=Article.attempts + case((Article.state == State.PENDING, 1), else_=0),
                        state=State.PROCESSING, lease_owner=owner or process_owner(),
                        lease_until=now + timedelta(seconds=lease_seconds), updated_at=now)
            ).rowcount == 1
            if taken:
                s.add(Event(article_id=article_id, stage=None,
                            message="claimed" + (f" from {holder}, which died" if owner_is_dead(holder) else "")))
            return taken

    def heartbeat(self, article_id: int, owner: str, lease_seconds: float) -> bool:
        """Renew the lease of a stage that is still running; False when the article is no longer ours."""
        now = utcnow()
        with self.session() as s:
            return s.execute(update(Article).where(
                Article.id == article_id, Article.state == State.PROCESSING, Article.lease_owner == owner)
                .values(lease_until=now + timedelta(seconds=lease_seconds))).rowcount == 1

    def get(self, article_id: int) -> Article | None:
        with self.session() as s:
            return s.get(Article, article_id)

    def update(self, article_id: int, **fields) -> None:
        with self.session() as s:
            s.execute(update(Article).where(Article.id == article_id).values(updated_at=utcnow(), **fields))

    def hand_back(self, article_id: int, owner: str) -> None:
        """A claim that ran no stage (they were done) returns to waiting between stages, so its short
        lease does not run out and bring the article back to the reconciler for nothing."""
        with self.session() as s:
            s.execute(update(Article).where(Article.id == article_id, Article.state == State.PROCESSING,
                                            Article.lease_owner == owner)
                      .values(lease_owner=None, lease_until=utcnow() + timedelta(
                          seconds=config.REQUEUE_AFTER.number(float, 0))))

    def begin_stage(self, article_id: int, stage: str, max_attempts: int, lease_seconds: float,
                    owner: str | None = None) -> Article | None:
        """Mark a stage started and extend the lease; return the article, or None when it is not this
        stage's turn: the article is no longer held, or an earlier stage of its current revision is
        not done (a message of a stale chain, or one that overtook its own chain).

        A stage found started in the same attempt never finished (its process crashed or was killed
        at the time limit): that counts as an attempt, and after ``max_attempts`` the article is dead."""
        with self.session() as s:
            row = s.get(Article, article_id, with_for_update=True)
            if row is None or row.state != State.PROCESSING or not _earlier_done(row, stage):
                return None
            record = row.stages.get(stage) or {}
            if record.get("status") == "started" and record.get("attempt") == row.attempts:
                row.attempts += 1
                s.add(Event(article_id=article_id, stage=stage, message="stage did not finish; trying again"))
            if row.attempts > max_attempts:
                reason = f"the {stage} stage did not finish in {max_attempts} attempts (crash or time limit)"
                row.state, row.error, row.lease_until = State.DEAD, reason, None
                row.stages = {**row.stages, stage: _record(row, "failed", detail=reason)}
                s.add(Event(article_id=article_id, stage=stage, message=f"dead: {reason}"))
                return None
            row.stages = {**row.stages, stage: _record(row, "started", attempt=row.attempts)}
            row.lease_until = utcnow() + timedelta(seconds=lease_seconds)
            row.lease_owner = owner or process_owner()
            return row

    def stage_done(self, article_id: int, stage: str, revision: int, detail: str | None = None,
                   info: dict | None = None, **fields) -> bool:
        """Record a stage's result for the revision it was computed from. False, and nothing written,
        when the article moved on meanwhile (a new revision, or no longer processing): the work is stale."""
        with self.session() as s:
            row = s.get(Article, article_id, with_for_update=True)
            if row is None or row.revision != revision or row.state != State.PROCESSING:
                if row is not None:
                    s.add(Event(article_id=article_id, stage=stage,
                                message=f"stale: result for revision {revision} discarded"))
                return False
            row.stages = {**row.stages, stage: _record(row, "done", detail=detail, **(info or {}))}
            # Between stages no process holds the article: its next message is on the way. If no
            # stage begins within NEWSQA_REQUEUE_AFTER, the reconciler takes it back.
            row.lease_owner = None
            row.lease_until = utcnow() + timedelta(seconds=config.REQUEUE_AFTER.number(float, 0))
            for name, value in fields.items():
                setattr(row, name, value)
            s.add(Event(article_id=article_id, stage=stage, message=detail or "done"))
            return True

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

    def finish(self, article_id: int, revision: int) -> bool:
        """Mark the article processed, only when every stage of ``revision`` is done and it is still
        the current one; False otherwise (a stale chain's last task)."""
        with self.session() as s:
            row = s.get(Article, article_id, with_for_update=True)
            if (row is None or row.revision != revision or row.state != State.PROCESSING
                    or not _earlier_done(row, None)):
                return False
            row.state, row.lease_until, row.lease_owner, row.error = State.PROCESSED, None, None, None
            s.add(Event(article_id=article_id, stage=None, message="processed"))
            return True

    def fail(self, article_id: int, stage: str | None, reason: str, final: bool, revision: int | None = None) -> str:
        """Record a failed attempt. ``final`` (bad input, or attempts used up) ends in the dead state;
        otherwise the article goes back to pending for the next attempt. Returns the new state, or
        ``"stale"`` (nothing recorded) when ``revision`` is no longer the one being processed."""
        with self.session() as s:
            row = s.get(Article, article_id, with_for_update=True)
            if revision is not None and (row.revision != revision or row.state != State.PROCESSING):
                return "stale"
            state = State.DEAD if final or row.attempts >= config.MAX_ATTEMPTS.number(int, 1) else State.PENDING
            row.state, row.error, row.lease_until, row.lease_owner = state, reason, None, None
            if stage:
                row.stages = {**row.stages, stage: _record(row, "failed", detail=reason)}
            s.add(Event(article_id=article_id, stage=stage,
                        message=f"{'dead' if state == 'dead' else 'attempt failed'}: {reason}"))
            return state

    def events(self, article_id: int) -> list[Event]:
        with self.session() as s:
            return list(s.execute(select(Event).where(Event.article_id == article_id).order_by(Event.id)).scalars())

    # ---- reconciling and retrying -----------------------------------------------------------

    def due(self, requeue_after: float = 300, forgotten: bool = False, force: bool = False) -> list[int]:
        """Articles to queue again: pending and never queued (or queued long ago), or processing with
        a lease that ran out (its holder died, or its next message never came).

        ``forgotten``: the broker lost its queues (a Redis restart), so every pending article and
        every one between stages is due now. ``force``: everything pending or processing, live
        leases too (the operator knows the workers are gone)."""
        now = utcnow()
        stale = now - timedelta(seconds=requeue_after)
        conditions = [(Article.state == State.PENDING) & (or_(Article.queued_at.is_(None), Article.queued_at < stale)),
                      (Article.state == State.PROCESSING) & (Article.lease_until < now)]
        if forgotten:
            conditions += [Article.state == State.PENDING,
                           (Article.state == State.PROCESSING) & Article.lease_owner.is_(None)]
        if force:
            conditions += [Article.state.in_((State.PENDING, State.PROCESSING))]
        with self.session() as s:
            return list(s.execute(select(Article.id).where(or_(*conditions)).order_by(Article.id)).scalars())

    def between_stages(self, older_than: float) -> list[int]:
        """Processing articles that no stage holds and that have waited longer than ``older_than``
        seconds for their next stage's message."""
        since = utcnow() - timedelta(seconds=older_than)
        with self.session() as s:
            return list(s.execute(select(Article.id).where(
                Article.state == State.PROCESSING, Article.lease_owner.is_(None),
                Article.updated_at < since)).scalars())

    def expire(self, ids: Sequence[int], force: bool = False) -> int:
        """End the leases of processing articles that no running stage holds (those between stages),
        or of every one with ``force``, so that the next claim takes them. They stay processing: a
        message of theirs that still arrives runs its stage as usual."""
        if not ids:
            return 0
        now = utcnow()
        with self.session() as s:
            rows = list(s.execute(update(Article).where(
                Article.id.in_(ids), Article.state == State.PROCESSING,
                true() if force else Article.lease_owner.is_(None))
                .values(lease_until=now - timedelta(seconds=1), lease_owner=None)
                .returning(Article.id)).scalars())
            s.add_all(Event(article_id=i, stage=None, message="lease ended by the reconciler") for i in rows)
            return len(rows)

    def beat(self, name: str, detail: str) -> None:
        """Record that a background service ran now."""
        with self.session() as s:
            row = s.get(ServiceBeat, name, with_for_update=True)
            if row is None:
                s.add(ServiceBeat(name=name, at=utcnow(), detail=detail))
            else:
                row.at, row.detail = utcnow(), detail

    def last_beat(self, name: str) -> ServiceBeat | None:
        with self.session() as s:
            return s.get(ServiceBeat, name)

    def retry(self, ids: Sequence[int] | None = None) -> list[int]:
        """Put dead articles (the given ones, or all) back to pending with a fresh attempt count."""
        with self.session() as s:
            query = select(Article).where(Article.state == State.DEAD)
            if ids is not None:
                query = query.where(Article.id.in_(ids))
            rows = list(s.execute(query.with_for_update()).scalars())
            for row in rows:
                row.state, row.attempts, row.error, row.queued_at = State.PENDING, 0, None, None
                s.add(Event(article_id=row.id, stage=None, message="retry requested"))
            return [r.id for r in rows]

    def reset_check(self, article_ids: Sequence[int]) -> None:
        with self.session() as s:
            for row in s.execute(select(Article).where(Article.id.in_(article_ids))).scalars():
                row.stages = {k: v for k, v in row.stages.items() if k != StageName.CHECK}

    def articles(self, state: str | None = None, limit: int = 50) -> list[Article]:
        with self.session() as s:
            query = select(Article).order_by(Article.id.desc()).limit(limit)
            if state:
                query = query.where(Article.state == state)
            return list(s.execute(query).scalars())

    def counts(self) -> dict[str, int]:
        with self.session() as s:
            return dict(s.execute(select(Article.state, func.count()).group_by(Article.state)).all())
