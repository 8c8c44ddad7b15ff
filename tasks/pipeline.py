"""The pipeline: ingest -> detect -> translate -> check, as plain functions over the store.

Each stage is a class with one contract (paperless-ngx's plug-in steps are the model): it reads the
article from the store, does one job, and records its outcome there; running it twice changes
nothing. An early stop is a typed exception: :class:`BadInput` ends the article as dead with its
reason and is never retried; :class:`Transient` asks for a retry later. The Celery tasks
(``tasks.tasks``) and ``newsqa run`` (in-process) both drive these same functions.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from contextlib import contextmanager
from typing import Iterator

from newsqa import config
from newsqa.tasks.checking import checker_for
from newsqa.tasks.html import to_text
from newsqa.tasks.models import STAGES, Article, StageName, State
from newsqa.tasks.store import Store, process_owner
from newsqa.worker.engines import EngineError, NoEngine, get_engine
from newsqa.worker.engines.glossary import GlossaryAware
from newsqa.worker.langid import detect, warm as warm_detection
from newsqa.qa.warm import warm as warm_checking, warmed as checking_warmed


log = logging.getLogger(__name__)


class StageError(Exception):
    """Base of the early stops a stage may raise."""


class BadInput(StageError):
    """The article cannot be processed as it is: it ends dead with this reason, never retried."""


class Transient(StageError):
    """A fault that may pass (database, broker, engine): retry with backoff."""


class NotMine(StageError):
    """The article is not held by this attempt (done, dead, or claimed by another): do nothing."""


class Stage:
    name: StageName

    def run(self, store: Store, article: Article) -> str | None:
        """Do the stage's job for ``article``, record it in ``store``; return a one-line detail."""
        raise NotImplementedError

    def prepare(self, store: Store) -> None:
        """Load what the stage reads before the stage counts as begun (see :func:`run_stage`)."""

    def done(self, store: Store, article: Article, detail: str | None, info: dict | None = None,
             **fields) -> str | None:
        """Record the result for the revision it was computed from; a newer revision makes it stale.
        ``info`` goes into the stage's record (shown with its stages), ``fields`` onto the article."""
        if not store.stage_done(article.id, self.name, article.revision, detail, info=info, **fields):
            raise NotMine(f"article {article.id} has a newer revision than {article.revision}; "
                          f"its {self.name} result is discarded")
        return detail


class Ingest(Stage):
    name = StageName.INGEST

    def run(self, store: Store, article: Article) -> str | None:
        text = to_text(article.body)
        if not text.strip():
            raise BadInput("the article has no text (empty, or only markup)")
        return self.done(store, article, f"{len(text)} characters", text=text)


class Detect(Stage):
    name = StageName.DETECT

    def prepare(self, store: Store) -> None:
        warm_detection()

    def run(self, store: Store, article: Article) -> str | None:
        found = detect(article.text or "", article.declared_lang)
        language = found.language or article.declared_lang
        if not language:
            raise BadInput("no language could be detected and none was declared")
        detail = f"{language} ({found.script}, {found.confidence:.2f})" + (f"; {found.note}" if found.note else "")
        info = {}
        if found.mismatch:  # the scraper said one language, the text clearly is another
            info["mismatch"] = f"declared {article.declared_lang}, detected {language} ({found.confidence:.2f})"
            store.add_event(article.id, self.name, f"declared language mismatch: {info['mismatch']}")
        return self.done(store, article, detail, info=info, language=language, script=found.script)


class Translate(Stage):
    name = StageName.TRANSLATE

    def prepare(self, store: Store) -> None:
        if config.MT_GLOSSARY.get() != "0" and not checking_warmed():
            warm_checking(checker_for(store))  # the glossary step reads the name rules' tables too

    def run(self, store: Store, article: Article) -> str | None:
        if article.publisher_translation:
            store.save_translation(article.id, article.revision, "publisher", "-", article.language,
                                   article.publisher_translation)
        # English passes through; another language gets the engine configured for it. One no engine
        # translates is stored untranslated with the reason, never sent to a pair that does not fit.
        engine_name = "passthrough" if article.language == "en" else config.engine_for(article.language)
        try:
            engine = get_engine(engine_name)
            if engine_name != "passthrough" and config.MT_GLOSSARY.get() != "0":
                from newsqa.tasks.review import name_spellings

                engine = GlossaryAware(engine, checker_for(store), name_spellings(store))
            if not engine.supports(article.language, article.script):
                raise NoEngine(f"{engine.name} does not translate {article.language} ({article.script})")
            _bounded(article.text or "", engine_name)
            [result] = engine.translate([article.text or ""], article.language, article.script)
        except NoEngine as exc:
            return self.done(store, article, f"untranslated: {exc}")
        except EngineError as exc:
            raise Transient(str(exc)) from exc
        store.save_translation(article.id, article.revision, engine.name, engine.version(), article.language,
                               result.text, _info(result))
        return self.done(store, article, f"{engine.name} {engine.version()}")


def _bounded(text: str, engine_name: str) -> None:
    """Refuse a text too long to translate before the engine starts: work bounded by size up front,
    not by time limits after it has been spent (a 2,000,000-character text cost three attempts of
    300 s each before it was dead)."""
    limit = config.MAX_TRANSLATE_CHARS.number(int, 1)
    if engine_name != "passthrough" and len(text) > limit:
        raise BadInput(f"the text is {len(text):,} characters; machine translation takes at most "
                       f"{limit:,} ({config.MAX_TRANSLATE_CHARS.name})")


def _info(result) -> dict:
    """What is kept beside a translation: the engine's unknown words, and the names the glossary step rendered."""
    info: dict = {}
    if result.unknown_words:
        info["words"] = result.unknown_words
    if result.terms:
        info["terms"] = result.terms
    return info


class Check(Stage):
    name = StageName.CHECK

    def prepare(self, store: Store) -> None:
        if not checking_warmed():  # once a process: the store is not asked for the checker again here
            warm_checking(checker_for(store))

    def run(self, store: Store, article: Article) -> str | None:
        from newsqa.tasks.review import carry_decisions, name_spellings, suppressed, taught_names
        from newsqa.tasks.review_rules import ignored_for

        checker = checker_for(store)
        glossary = checker.glossary_version
        rejected = suppressed(store, article.id)
        ignored = ignored_for(store, article.outlet)
        taught = taught_names(name_spellings(store))  # names of ordinary words editors chose
        total = 0
        for translation in store.translations(article.id, article.revision):
            if translation.engine == "corrected":
                continue  # the editors' own text
            source = None if translation.engine == "passthrough" else article.text
            flags = [f for f in checker.check(translation.text, source=source, source_lang=article.language)
                     if (f.entity, f.found) not in rejected and not ignored.covers(f.entity, f.found)
                     and not (f.kind == "translated_name" and f.found in taught)]
            store.save_flags(article.id, translation.id, flags, glossary, checker.version)
            carry_decisions(store, translation.id, glossary)  # editors' decisions on earlier checks still hold
            total += len(flags)
        detail = f"{total} flag{'s' if total != 1 else ''} (glossary {glossary})"
        return self.done(store, article, detail, info={"glossary": glossary}, checked_glossary=glossary)


PIPELINE: dict[str, Stage] = {stage.name: stage for stage in (Ingest(), Detect(), Translate(), Check())}
assert tuple(PIPELINE) == STAGES


def lease_seconds() -> float:
    return config.LEASE_SECONDS.number(float, 1)


def run_stage(store: Store, article_id: int, stage: str) -> Article | None:
    """Run one stage for an article this attempt holds; skip it when it is already done.

    Returns the article as the stage saw it (its revision is the one the result belongs to), or
    None when the stage was already done."""
    article = store.get(article_id)
    if article is None or article.state != State.PROCESSING:
        raise NotMine(f"article {article_id} is {'unknown' if article is None else article.state}")
    record = article.stages.get(stage) or {}
    if record.get("status") == "done" and record.get("revision", article.revision) == article.revision:
        return None
    # loading models and word lists is no attempt: a process killed while it loads costs no article one
    PIPELINE[stage].prepare(store)
    owner = process_owner()
    held = store.begin_stage(article_id, stage, config.MAX_ATTEMPTS.number(int, 1), lease_seconds(), owner)
    if held is None:
        raise NotMine(f"article {article_id} is not held by this attempt, or not at its {stage} stage")
    with heartbeat(store, article_id, owner, lease_seconds()):
        PIPELINE[stage].run(store, held)
    return held


@contextmanager
def heartbeat(store: Store, article_id: int, owner: str, lease: float) -> Iterator[None]:
    """Renew the lease every third of its length while the stage runs.

    So a lease can be short (``NEWSQA_LEASE_SECONDS``, 30 s) however long a stage takes: a worker
    that dies stops renewing, and its article is taken back within a lease."""
    stop = threading.Event()

    def beat() -> None:
        while not stop.wait(lease / 3):
            try:
                if not store.heartbeat(article_id, owner, lease):
                    return
            except Exception as exc:  # noqa: BLE001 - the database may be away; the stage's own calls will say so
                log.warning("lease of article %s not renewed: %s", article_id, exc)

    thread = threading.Thread(target=beat, name=f"lease-{article_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(5)


@dataclasses.dataclass(frozen=True)
class Outcome:
    """How running some stages of an article ended; the in-process and the Celery paths both map it.

    ``kind``: ``done`` (every stage ran or was done already), ``not_mine`` (not ours to run: done,
    dead, held elsewhere, stale), ``bad_input`` (dead at once, never retried) or ``error`` (one
    failed attempt, or a retry when ``exc`` is transient). ``revision`` is the revision the stages
    ran for, so that what is recorded afterwards belongs to it."""

    kind: str
    stage: str | None = None
    revision: int | None = None
    exc: BaseException | None = None

    @property
    def reason(self) -> str:
        if self.kind == "bad_input":
            return str(self.exc)
        return f"{type(self.exc).__name__}: {self.exc}" if self.exc else ""


def run_stages(store: Store, article_id: int, stages: tuple[str, ...]) -> Outcome:
    """Run ``stages`` in order for a held article and say how it ended; never raises for a stage's fault."""
    stage, revision = None, None
    try:
        for stage in stages:
            held = run_stage(store, article_id, stage)
            if held is not None:
                revision = held.revision
    except NotMine:
        return Outcome("not_mine", stage, revision)
    except BadInput as exc:
        return Outcome("bad_input", stage, revision or _revision(store, article_id), exc)
    except Exception as exc:  # noqa: BLE001 - anything else is one failed attempt, never a crash
        return Outcome("error", stage, revision or _revision(store, article_id), exc)
    if revision is None:  # every stage was done already (a second message): hand the claim back
        store.hand_back(article_id, process_owner())
    return Outcome("done", stage, revision or _revision(store, article_id))


def _revision(store: Store, article_id: int) -> int | None:
    article = store.get(article_id)
    return article.revision if article else None


def process(store: Store, article_id: int) -> str:
    """The whole pipeline for one article, in this process: claim, run every stage, record the end.

    Returns the article's state afterwards: processed, pending (to be tried again) or dead.
    """
    if not store.claim(article_id, lease_seconds()):
        article = store.get(article_id)
        return article.state if article else "unknown"
    return resume(store, article_id)


def recheck(store: Store, article_id: int) -> str:
    """Run the check stage again for one processed article (after a glossary change)."""
    store.reset_check([article_id])
    store.update(article_id, state=State.PENDING)
    return process(store, article_id)


def resume(store: Store, article_id: int, stages: tuple[str, ...] = STAGES) -> str:
    outcome = run_stages(store, article_id, stages)
    state = None
    if outcome.kind in ("bad_input", "error"):
        state = store.fail(article_id, outcome.stage, outcome.reason, final=outcome.kind == "bad_input",
                           revision=outcome.revision)
    elif outcome.kind == "done" and store.finish(article_id, outcome.revision):
        state = State.PROCESSED
    if state in (None, "stale"):
        state = _state(store, article_id)
    return state


def _state(store: Store, article_id: int) -> str:
    article = store.get(article_id)
    return article.state if article else "unknown"
