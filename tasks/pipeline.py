"""The pipeline: ingest -> detect -> translate -> check, as plain functions over the store.

Each stage is a class with one contract (paperless-ngx's plug-in steps are the model): it reads the
article from the store, does one job, and records its outcome there; running it twice changes
nothing. An early stop is a typed exception: :class:`BadInput` ends the article as dead with its
reason and is never retried; :class:`Transient` asks for a retry later. The Celery tasks
(``tasks.tasks``) and ``newsqa run`` (in-process) both drive these same functions.
"""

from __future__ import annotations

from newsqa import config
from newsqa.tasks.checking import checker_for
from newsqa.tasks.html import to_text
from newsqa.tasks.models import STAGES, Article
from newsqa.tasks.store import Store
from newsqa.worker.engines import EngineError, NoEngine, get_engine
from newsqa.worker.engines.glossary import GlossaryAware
from newsqa.worker.langid import detect


class StageError(Exception):
    """Base of the early stops a stage may raise."""


class BadInput(StageError):
    """The article cannot be processed as it is: it ends dead with this reason, never retried."""


class Transient(StageError):
    """A fault that may pass (database, broker, engine): retry with backoff."""


class NotMine(StageError):
    """The article is not held by this attempt (done, dead, or claimed by another): do nothing."""


class Stage:
    name = ""

    def run(self, store: Store, article: Article) -> str | None:
        """Do the stage's job for ``article``, record it in ``store``; return a one-line detail."""
        raise NotImplementedError


class Ingest(Stage):
    name = "ingest"

    def run(self, store: Store, article: Article) -> str | None:
        text = to_text(article.body)
        if not text.strip():
            raise BadInput("the article has no text (empty, or only markup)")
        store.stage_done(article.id, self.name, f"{len(text)} characters", text=text)
        return None


class Detect(Stage):
    name = "detect"

    def run(self, store: Store, article: Article) -> str | None:
        found = detect(article.text or "", article.declared_lang)
        language = found.language or article.declared_lang
        if not language:
            raise BadInput("no language could be detected and none was declared")
        detail = f"{language} ({found.script}, {found.confidence:.2f})" + (f"; {found.note}" if found.note else "")
        store.stage_done(article.id, self.name, detail, language=language, script=found.script)
        return detail


class Translate(Stage):
    name = "translate"

    def run(self, store: Store, article: Article) -> str | None:
        if article.publisher_translation:
            store.save_translation(article.id, article.revision, "publisher", "-", article.language,
                                   article.publisher_translation)
        engine_name = "passthrough" if article.language == "en" else config.MT_ENGINE.get()
        try:
            engine = get_engine(engine_name)
            if engine_name != "passthrough" and config.MT_GLOSSARY.get() != "0":
                engine = GlossaryAware(engine, checker_for(store))
            if not engine.supports(article.language, article.script):
                raise NoEngine(f"{engine.name} does not translate {article.language} ({article.script})")
            [result] = engine.translate([article.text or ""], article.language, article.script)
        except NoEngine as exc:
            detail = f"untranslated: {exc}"
            store.stage_done(article.id, self.name, detail)
            return detail
        except EngineError as exc:
            raise Transient(str(exc)) from exc
        store.save_translation(article.id, article.revision, engine.name, engine.version(), article.language,
                               result.text, _info(result))
        detail = f"{engine.name} {engine.version()}"
        store.stage_done(article.id, self.name, detail)
        return detail


def _info(result) -> dict:
    """What is kept beside a translation: the engine's unknown words, and the names the glossary step rendered."""
    info: dict = {}
    if result.unknown_words:
        info["words"] = result.unknown_words
    if result.terms:
        info["terms"] = result.terms
    return info


class Check(Stage):
    name = "check"

    def run(self, store: Store, article: Article) -> str | None:
        from newsqa.tasks.review import suppressed

        checker = checker_for(store)
        glossary = checker.glossary_version
        rejected = suppressed(store, article.id)
        total = 0
        for translation in store.translations(article.id, article.revision):
            if translation.engine == "corrected":
                continue  # the editors' own text
            source = None if translation.engine == "passthrough" else article.text
            flags = [f for f in checker.check(translation.text, source=source, source_lang=article.language)
                     if (f.entity, f.found) not in rejected]
            store.save_flags(article.id, translation.id, flags, glossary, checker.version)
            total += len(flags)
        detail = f"{total} flag{'s' if total != 1 else ''} (glossary {glossary})"
        store.stage_done(article.id, self.name, detail, info={"glossary": glossary}, checked_glossary=glossary)
        return detail


PIPELINE: dict[str, Stage] = {stage.name: stage for stage in (Ingest(), Detect(), Translate(), Check())}
assert tuple(PIPELINE) == STAGES


def lease_seconds() -> float:
    return config.LEASE_SECONDS.number(float, 1)


def run_stage(store: Store, article_id: int, stage: str) -> str | None:
    """Run one stage for an article this attempt holds; skip it when it is already done."""
    article = store.get(article_id)
    if article is None or article.state != "processing":
        raise NotMine(f"article {article_id} is {'unknown' if article is None else article.state}")
    if (article.stages.get(stage) or {}).get("status") == "done":
        return None
    held = store.begin_stage(article_id, stage, config.MAX_ATTEMPTS.number(int, 1), lease_seconds())
    if held is None:
        raise NotMine(f"article {article_id} is no longer held by this attempt")
    return PIPELINE[stage].run(store, held)


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
    store.update(article_id, state="pending")
    return process(store, article_id)


def resume(store: Store, article_id: int, stages: tuple[str, ...] = STAGES) -> str:
    stage = None
    try:
        for stage in stages:
            run_stage(store, article_id, stage)
    except NotMine:
        article = store.get(article_id)
        return article.state if article else "unknown"
    except BadInput as exc:
        return store.fail(article_id, stage, str(exc), final=True)
    except Exception as exc:  # noqa: BLE001 - anything else is one failed attempt, never a crash
        return store.fail(article_id, stage, f"{type(exc).__name__}: {exc}", final=False)
    store.finish(article_id)
    return "processed"
