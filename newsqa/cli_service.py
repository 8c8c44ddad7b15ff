"""The service's commands: run, submit, status, retry, recheck, reconcile, worker.

Registered on the ``newsqa`` group by ``newsqa.cli``; heavy imports (SQLAlchemy, Celery) happen
inside the commands, so ``newsqa check`` stays quick.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from newsqa import config
from newsqa.cli import UserError, main
from newsqa.qa.errors import NewsqaError

_db_option = click.option("--db", metavar="URL", help=f"Store URL. Default: ${config.DATABASE_URL.name} "
                                                       f"or {config.DATABASE_URL.default}.")


def _store(db: str | None):
    from sqlalchemy.exc import SQLAlchemyError

    from newsqa.tasks.store import Store
    try:
        return Store(db)
    except SQLAlchemyError as exc:
        raise UserError(f"cannot open the store {db or config.DATABASE_URL.get()}: {exc.__class__.__name__}: "
                        f"{str(exc).splitlines()[0]}") from None
    except (NewsqaError, ValueError) as exc:
        raise UserError(str(exc)) from None


def _checker(store):
    """The store's checker; an empty store first imports the glossary file of $NEWSQA_GLOSSARY."""
    from newsqa.tasks.checking import checker_for

    try:
        return checker_for(store)
    except (OSError, NewsqaError) as exc:
        raise UserError(f"cannot load the glossary: {exc}") from None


def _accept_all(store, path: str, quiet: bool = False) -> tuple[list[tuple[str, int, str]], list[str]]:
    from newsqa.tasks.articles import BadArticle
    from newsqa.tasks.loading import read_articles

    accepted, errors = [], []
    for where, item in read_articles(path):
        if isinstance(item, BadArticle):
            errors.append(str(item))
            continue
        result = store.accept(item)
        accepted.append((where, result.id, result.status))
    return accepted, errors


@main.command()
@click.argument("path", required=False)
@_db_option
@click.option("--report", metavar="FILE", help=f"HTML report. Default: ${config.REPORT.name} or {config.REPORT.default}.")
def run(path: str | None, db: str | None, report: str | None) -> None:
    """Process the articles under PATH in this process (no broker) and report their flags.

    PATH is a file or a folder of .txt (one article each; a language tag before the extension,
    as in vest.sr.txt, declares its language), .json (an object or a list) and .jsonl files;
    without PATH, the seed article shipped with newsqa. The glossary is the store's (an empty
    store first imports $NEWSQA_GLOSSARY, or the starter glossary shipped with newsqa); the
    report names it.

    \b
    Examples:
      newsqa run
      newsqa run scraped/
    """
    from newsqa.report import ArticleReport, html_report, text_report
    from newsqa.seeds import SEED_ARTICLES
    from newsqa.tasks import pipeline
    from newsqa.tasks.glossary_store import GlossaryStore

    path = path or str(SEED_ARTICLES)
    store = _store(db)
    _checker(store)
    accepted, errors = _accept_all(store, path)
    for error in errors:
        click.echo(f"skipped: {error}", err=True)
    if not accepted:
        raise UserError(f"{path}: no articles found" + (" (all had errors)" if errors else ""))
    stderr = click.get_text_stream("stderr")
    with click.progressbar(accepted, label="processing", file=stderr, show_pos=True,
                           hidden=len(accepted) < 2 or not stderr.isatty()) as bar:
        for _, article_id, _ in bar:
            article = store.get(article_id)
            if article.state in ("pending", "processing"):
                pipeline.process(store, article_id)
    reports = []
    for where, article_id, _ in accepted:
        article = store.get(article_id)
        translations = {t.id: t.text for t in store.translations(article_id, article.revision)}
        reports.append(ArticleReport(where, article, store.flags(article_id), translations))
    click.echo(f"Glossary: {GlossaryStore(store).describe()}\n")
    click.echo(text_report(reports))
    out = Path(report or config.REPORT.get())
    out.write_text(html_report(reports), encoding="utf-8")
    click.echo(f"\nHTML report: {out}", err=True)


@main.command()
@click.argument("path")
@_db_option
@click.option("--no-queue", is_flag=True, help="Store the articles but do not queue them.")
def submit(path: str, db: str | None, no_queue: bool) -> None:
    """Submit articles from PATH (a .json, .jsonl or .txt file, a folder, or - for stdin) to the queue.

    Each article is stored first, then queued for the workers; prints one JSON line per article
    with its id and whether it was new, a duplicate or a revision. Bad items are reported on
    standard error and the exit status is 1.

    \b
    Example:
      newsqa submit scraped.jsonl
    """
    from newsqa.tasks.queue import enqueue

    store = _store(db)
    accepted, errors = _accept_all(store, path)
    fresh = [article_id for _, article_id, status in accepted if status != "duplicate"]
    sent = 0 if no_queue else enqueue(store, fresh)
    for where, article_id, status in accepted:
        click.echo(json.dumps({"where": where, "id": article_id, "status": status}))
    if fresh and not no_queue and sent < len(fresh):
        click.echo(f"warning: the broker ({config.BROKER_URL.get()}) could not be reached; the articles are "
                   "stored and `newsqa reconcile` will queue them", err=True)
    for error in errors:
        click.echo(f"error: {error}", err=True)
    if errors:
        raise SystemExit(1)


@main.command()
@click.argument("article_id", type=int, required=False)
@_db_option
@click.option("--state", type=click.Choice(["pending", "processing", "processed", "dead"]), help="Only this state.")
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def status(article_id: int | None, db: str | None, state: str | None, limit: int, as_json: bool) -> None:
    """Show articles and their stages, or one article in full (stages, events, flags)."""
    store = _store(db)
    if article_id is None:
        rows = store.articles(state=state, limit=limit)
        if as_json:
            click.echo(json.dumps([_summary(a) for a in rows], ensure_ascii=False, indent=2))
            return
        counts = store.counts()
        click.echo("  ".join(f"{k}: {counts.get(k, 0)}" for k in ("pending", "processing", "processed", "dead")))
        for a in rows:
            stages = " ".join(f"{k}:{v.get('status')}" for k, v in a.stages.items())
            click.echo(f"#{a.id:<6} {a.state:10} {a.language or '?':6} {a.attempts} att  {stages:45} "
                       f"{(a.title or '')[:40]}" + (f"  — {a.error[:60]}" if a.error else ""))
        return
    article = store.get(article_id)
    if article is None:
        raise UserError(f"no article {article_id}")
    flags = store.flags(article_id)
    if as_json:
        out = _summary(article) | {"events": [{"at": e.at.isoformat(), "stage": e.stage, "message": e.message}
                                              for e in store.events(article_id)],
                                   "flags": [_flag(f) for f in flags]}
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    click.echo(f"#{article.id} {article.title or ''}\n  state: {article.state}, attempts: {article.attempts}, "
               f"revision: {article.revision}, language: {article.language} ({article.script})")
    if article.error:
        click.echo(f"  error: {article.error}")
    for name, record in article.stages.items():
        click.echo(f"  {name:10} {record.get('status'):8} {record.get('detail') or ''}")
    for e in store.events(article_id):
        click.echo(f"  {e.at:%Y-%m-%d %H:%M:%S} {e.stage or '':10} {e.message}")
    for f in flags:
        click.echo(f"  flag {f.kind:16} “{f.found or '—'}” -> “{f.suggestion}” [{f.confidence:.2f}]")


def _summary(a) -> dict:
    return {"id": a.id, "state": a.state, "language": a.language, "script": a.script, "attempts": a.attempts,
            "revision": a.revision, "title": a.title, "url": a.url, "outlet": a.outlet, "error": a.error,
            "stages": a.stages}


def _flag(f) -> dict:
    return {"entity": f.entity, "kind": f.kind, "start": f.start, "end": f.end, "found": f.found,
            "suggestion": f.suggestion, "confidence": f.confidence, "reason": f.reason, "rule": f.rule,
            "engine": f.translation.engine if f.translation else None, "glossary_version": f.glossary_version}


@main.command()
@click.argument("article_ids", type=int, nargs=-1)
@_db_option
@click.option("--failed", "all_failed", is_flag=True, help="Retry every dead article.")
@click.option("--no-queue", is_flag=True, help="Reset them to pending without queueing.")
def retry(article_ids: tuple[int, ...], db: str | None, all_failed: bool, no_queue: bool) -> None:
    """Give dead articles (by ID, or all with --failed) a fresh set of attempts and queue them."""
    from newsqa.tasks.queue import enqueue

    if bool(article_ids) == all_failed:
        raise UserError("give article IDs or --failed")
    store = _store(db)
    ids = store.retry(None if all_failed else list(article_ids))
    sent = 0 if no_queue else enqueue(store, ids)
    click.echo(f"{len(ids)} article(s) back to pending" + ("" if no_queue else f", {sent} queued"))


@main.command()
@_db_option
@click.option("--queue", "use_queue", is_flag=True, help="Queue the re-checks for workers instead of running here.")
def recheck(db: str | None, use_queue: bool) -> None:
    """Run only the check stage again on processed articles checked with another glossary version."""
    from newsqa.tasks import pipeline

    store = _store(db)
    version = _checker(store).glossary_version
    stale = [a.id for a in store.articles(state="processed", limit=10**9)
             if (a.stages.get("check") or {}).get("glossary") != version]
    store.reset_check(stale)
    if use_queue:
        from newsqa.tasks.queue import enqueue
        for article_id in stale:
            store.update(article_id, state="pending")
        click.echo(f"{enqueue(store, stale)} article(s) queued for re-checking")
        return
    done = 0
    for article_id in stale:
        store.update(article_id, state="pending")
        done += pipeline.process(store, article_id) == "processed"
    click.echo(f"{done} of {len(stale)} article(s) re-checked with glossary {version}")


@main.command()
@_db_option
@click.option("--after", type=float, default=None,
              help=f"Queue pending articles again when they were queued longer ago than this (seconds). "
                   f"Default: ${config.REQUEUE_AFTER.name} or {config.REQUEUE_AFTER.default}.")
def reconcile(db: str | None, after: float | None) -> None:
    """Queue what was never queued, or whose worker's lease ran out (also run by the worker's beat)."""
    from newsqa.tasks.queue import reconcile as run_reconcile

    if after is None:
        after = config.REQUEUE_AFTER.number(float, 0)
    store = _store(db)
    due = store.due(after)
    sent = run_reconcile(store, after)
    click.echo(f"{len(due)} article(s) due, {sent} queued")
    if due and sent < len(due):
        raise UserError(f"the broker ({config.BROKER_URL.get()}) could not be reached")


@main.command(context_settings={"ignore_unknown_options": True})
@click.option("--queues", "-Q", default="default,translate", show_default=True,
              help="Queues to take tasks from: default (ingest, detect, check), translate.")
@click.option("--concurrency", "-c", type=int, default=None, help="Worker processes (default: one per core).")
@click.option("--beat", is_flag=True, help="Also run the reconciler on its schedule (run one such worker).")
@click.option("--loglevel", "-l", default="INFO", show_default=True)
@click.argument("celery_args", nargs=-1, type=click.UNPROCESSED)
def worker(queues: str, concurrency: int | None, beat: bool, loglevel: str, celery_args: tuple[str, ...]) -> None:
    """Start a Celery worker (broker: $NEWSQA_BROKER_URL). Extra arguments go to `celery worker`."""
    from newsqa.worker.celery_app import QUEUES, app

    unknown = set(queues.split(",")) - set(QUEUES)
    if unknown:
        raise UserError(f"unknown queue(s): {', '.join(sorted(unknown))} (known: {', '.join(QUEUES)})")
    argv = ["worker", "-Q", queues, "--loglevel", loglevel]
    if concurrency:
        argv += ["--concurrency", str(concurrency)]
    if beat:
        argv += ["--beat", "--schedule", str(Path.cwd() / ".newsqa-beat-schedule")]
    app.worker_main(argv + list(celery_args))


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=8000, show_default=True)
@_db_option
def serve(host: str, port: int, db: str | None) -> None:
    """Serve the editors' review pages (log in at /) and the HTTP API (POST /api/articles; OpenAPI
    schema at /openapi.json). Accounts: `newsqa user add`."""
    import uvicorn

    from newsqa.web import create_app

    uvicorn.run(create_app(db), host=host, port=port, log_level="info")


@main.group()
def user() -> None:
    """Accounts for the review page: editors decide on flags; maintainers also teach the glossary."""


@user.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice(["editor", "maintainer"]), default="editor", show_default=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (for scripts).")
@_db_option
def user_add(username: str, role: str, password_stdin: bool, db: str | None) -> None:
    """Create an account (the password is asked for, or read with --password-stdin)."""
    from newsqa.tasks.review import add_user

    if password_stdin:
        password = click.get_text_stream("stdin").readline().rstrip("\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        add_user(_store(db), username, password, role)
    except NewsqaError as exc:
        raise UserError(str(exc)) from None
    click.echo(f"{username} ({role}) can now log in")


@user.command("list")
@_db_option
def user_list(db: str | None) -> None:
    """List the accounts."""
    from newsqa.tasks.review import users

    for u in users(_store(db)):
        click.echo(f"{u.username:20} {u.role:11} {'active' if u.active else 'disabled'}")
