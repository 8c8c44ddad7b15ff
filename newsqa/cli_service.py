"""The service's commands: run, submit, status, retry, recheck, reconcile, worker.

Registered on the ``newsqa`` group by ``newsqa.cli``; heavy imports (SQLAlchemy, Celery) happen
inside the commands, so ``newsqa check`` stays quick.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from newsqa import config
from newsqa.cli_common import UserError, db_option, main, open_store, store_checker
from newsqa.qa.errors import NewsqaError

def _accept_all(store, path: str, quiet: bool = False) -> tuple[list[tuple[str, int, str]], list[str]]:
    """Store every good item of PATH; each item has its own outcome, so one that fails (bad input, or
    a database error on that item) is reported and the others are still stored."""
    from sqlalchemy.exc import SQLAlchemyError

    from newsqa.tasks.articles import BadArticle
    from newsqa.tasks.loading import read_articles

    accepted, errors = [], []
    for where, item in read_articles(path):
        if isinstance(item, BadArticle):
            errors.append(str(item))
            continue
        try:
            result = store.accept(item)
        except SQLAlchemyError as exc:
            errors.append(f"{where}: not stored: {exc.__class__.__name__}: {str(exc).splitlines()[0][:200]}")
            continue
        accepted.append((where, result.id, result.status))
    return accepted, errors


@main.command()
@click.argument("path", required=False)
@db_option
@click.option("--report", metavar="FILE", help=f"HTML report. Default: ${config.REPORT.name} or {config.REPORT.default}.")
@click.option("--jsonl", metavar="ARTICLES", help="Batch: one article a JSON line ({\"id\", \"text\", "
              "\"language\"?, ...} as for submit) instead of PATH.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON line per article, in input order: "
              "{\"id\", \"language\", \"script\", \"engine\", \"translation\", \"flags\"} (flags as in "
              "check --jsonl); no HTML report.")
@click.option("--glossary", "-g", metavar="FILE", help="Use this glossary (.tbx or .csv), in a private temporary "
              "store that is discarded afterwards (not with --db).")
def run(path: str | None, db: str | None, report: str | None, jsonl: str | None, as_json: bool,
        glossary: str | None) -> None:
    """Process the articles under PATH in this process (no broker) and report their flags.

    PATH is a file or a folder of .txt (one article each; a language tag before the extension,
    as in vest.sr.txt, declares its language), .json (an object or a list) and .jsonl files;
    without PATH, the seed article shipped with newsqa. The glossary is the store's (an empty
    store first imports $NEWSQA_GLOSSARY, or the starter glossary shipped with newsqa); the
    report names it.

    With --jsonl and --json, the whole chain as a batch contract: each input line gives one output
    line, in input order, with the article's id (its "id", or its line number), the detected
    language and script, the engine, the translation readers would see and its flags; a bad line
    gives {"id", "error"}.

    \b
    Examples:
      newsqa run
      newsqa run scraped/
      newsqa run --jsonl articles.jsonl --json --glossary glossary.tbx > flags.jsonl
    """
    if jsonl and path:
        raise UserError("give either PATH or --jsonl ARTICLES, not both")
    if glossary and db:
        raise UserError("--glossary runs in a private temporary store; it cannot be used with --db")
    if glossary:
        import tempfile

        with tempfile.TemporaryDirectory(prefix="newsqa-run-") as tmp:
            store = open_store(f"sqlite:///{Path(tmp) / 'run.sqlite3'}")
            _import_glossary(store, glossary)
            _run(store, path, report, jsonl, as_json)
            store.engine.dispose()
        return
    _run(open_store(db), path, report, jsonl, as_json)


def _import_glossary(store, path: str) -> None:
    from newsqa.qa.glossary_io import load_glossary
    from newsqa.tasks.glossary_store import GlossaryStore

    try:
        GlossaryStore(store).import_glossary(load_glossary(path), actor="newsqa run")
    except (OSError, NewsqaError) as exc:
        raise UserError(f"cannot load the glossary: {exc}") from None


def _run(store, path: str | None, report: str | None, jsonl: str | None, as_json: bool) -> None:
    from newsqa.report import ArticleReport, html_report, text_report
    from newsqa.seeds import SEED_ARTICLES
    from newsqa.tasks import pipeline
    from newsqa.tasks.glossary_store import GlossaryStore

    store_checker(store)
    if jsonl:
        accepted, errors = _accept_lines(store, jsonl)
    else:
        path = path or str(SEED_ARTICLES)
        accepted, errors = _accept_all(store, path)
        accepted = [(where, article_id, status, None) for where, article_id, status in accepted]
    for error in errors:
        click.echo(f"skipped: {error}", err=True)
    if not any(article_id is not None for _, article_id, _, _ in accepted):
        raise UserError(f"{jsonl or path}: no articles found" + (" (all had errors)" if errors else ""))
    stderr = click.get_text_stream("stderr")
    todo = [article_id for _, article_id, _, _ in accepted if article_id is not None]
    with click.progressbar(todo, label="processing", file=stderr, show_pos=True,
                           hidden=len(todo) < 2 or not stderr.isatty()) as bar:
        for article_id in bar:
            article = store.get(article_id)
            if article.state in ("pending", "processing"):
                pipeline.process(store, article_id)
    if as_json:
        from newsqa.tasks.contract import run_output

        for where, article_id, _, error in accepted:
            click.echo(json.dumps(run_output(store, where, article_id, error), ensure_ascii=False))
        return
    reports = []
    for where, article_id, _, _ in accepted:
        if article_id is None:
            continue
        article = store.get(article_id)
        translations = {t.id: t.text for t in store.translations(article_id, article.revision)}
        reports.append(ArticleReport(str(where), article, store.flags(article_id), translations))
    click.echo(f"Glossary: {GlossaryStore(store).describe()}\n")
    click.echo(text_report(reports))
    out = Path(report or config.REPORT.get())
    out.write_text(html_report(reports), encoding="utf-8")
    click.echo(f"\nHTML report: {out}", err=True)


def _accept_lines(store, path: str) -> tuple[list[tuple], list[str]]:
    """(id, article id or None, status, error) per line of a JSONL file, in order: the id is the line's
    "id" or its line number; a bad line keeps its place with its error."""
    from newsqa.tasks.articles import BadArticle, parse_article

    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise UserError(f"{path}: cannot read: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise UserError(f"{path}: not UTF-8 text") from None
    rows, errors = [], []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        ident: object = number
        try:
            data = json.loads(line)
            if not isinstance(data, dict):
                raise BadArticle(f"{path}:{number}: not a JSON object")
            data = dict(data)
            ident = data.pop("id", number)
            article = parse_article(data, f"{path}:{number}")
        except json.JSONDecodeError as exc:
            error = f"{path}:{number}: not valid JSON: {exc.msg}"
        except (BadArticle, NewsqaError, ValueError) as exc:
            error = str(exc)
        else:
            rows.append((ident, store.accept(article).id, "accepted", None))
            continue
        rows.append((ident, None, "error", error))
        errors.append(error)
    return rows, errors


@main.command()
@click.argument("path")
@db_option
@click.option("--no-queue", is_flag=True, help="Store the articles but do not queue them.")
def submit(path: str, db: str | None, no_queue: bool) -> None:
    """Submit articles from PATH (a .json, .jsonl or .txt file, a folder, or - for stdin) to the queue.

    Each article is stored first, then queued for the workers; prints one JSON line per article
    with its id and whether it was new, a duplicate or a revision. Every item has its own outcome:
    a bad one (or one the database refused) is reported on standard error, the others are stored
    and queued all the same, and the exit status is then 1.

    \b
    Example:
      newsqa submit scraped.jsonl
    """
    from newsqa.tasks.queue import enqueue

    store = open_store(db)
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
@db_option
@click.option("--state", type=click.Choice(["pending", "processing", "processed", "dead"]), help="Only this state.")
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def status(article_id: int | None, db: str | None, state: str | None, limit: int, as_json: bool) -> None:
    """Show articles and their stages, or one article in full (stages, events, flags).

    The list ends with when the reconciler last ran; the exit status is 1 when that is more than
    three NEWSQA_RECONCILE_SECONDS ago, or when it never ran while articles are in flight."""
    store = open_store(db)
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
        line, ok = _reconciler_health(store, counts.get("pending", 0) + counts.get("processing", 0))
        click.echo(line, err=not ok)
        if not ok:
            raise SystemExit(1)
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


def _reconciler_health(store, in_flight: int) -> tuple[str, bool]:
    """A line on the reconciler's last run, and whether it is healthy: a run older than three
    intervals is an error, and so is none at all while articles are in flight."""
    from newsqa.tasks.models import utcnow

    beat = store.last_beat("reconciler")
    limit = 3 * config.RECONCILE_SECONDS.number(float, 0.1)
    if beat is None:
        ok = in_flight == 0
        return (f"{'' if ok else 'error: '}reconciler: never ran (run one `newsqa worker --beat`, or "
                f"`newsqa reconcile` from cron)", ok)
    at = beat.at if beat.at.tzinfo else beat.at.replace(tzinfo=utcnow().tzinfo)
    age = (utcnow() - at).total_seconds()
    ok = age <= limit
    return (f"{'' if ok else 'error: '}reconciler: last ran {age:.0f} s ago ({beat.detail})"
            + ("" if ok else f"; stale (more than {limit:.0f} s): is the worker with --beat running?"), ok)


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
@db_option
@click.option("--failed", "all_failed", is_flag=True, help="Retry every dead article.")
@click.option("--no-queue", is_flag=True, help="Reset them to pending without queueing.")
def retry(article_ids: tuple[int, ...], db: str | None, all_failed: bool, no_queue: bool) -> None:
    """Give dead articles (by ID, or all with --failed) a fresh set of attempts and queue them."""
    from newsqa.tasks.queue import enqueue

    if bool(article_ids) == all_failed:
        raise UserError("give article IDs or --failed")
    store = open_store(db)
    ids = store.retry(None if all_failed else list(article_ids))
    sent = 0 if no_queue else enqueue(store, ids)
    click.echo(f"{len(ids)} article(s) back to pending" + ("" if no_queue else f", {sent} queued"))


@main.command()
@db_option
@click.option("--queue", "use_queue", is_flag=True, help="Queue the re-checks for workers instead of running here.")
def recheck(db: str | None, use_queue: bool) -> None:
    """Run only the check stage again on processed articles checked with another glossary version."""
    from newsqa.tasks import pipeline
    from newsqa.tasks.models import StageName

    store = open_store(db)
    version = store_checker(store).glossary_version
    stale = [a.id for a in store.articles(state="processed", limit=10**9)
             if (a.stages.get(StageName.CHECK) or {}).get("glossary") != version]
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
@db_option
@click.option("--after", type=float, default=None,
              help=f"Queue pending articles again when they were queued longer ago than this (seconds). "
                   f"Default: ${config.REQUEUE_AFTER.name} or {config.REQUEUE_AFTER.default}.")
@click.option("--force", is_flag=True,
              help="Queue every pending and processing article now, live leases too: for when the "
                   "workers that hold them are known to be gone.")
def reconcile(db: str | None, after: float | None, force: bool) -> None:
    """Queue what was never queued, whose worker's lease ran out, or whose message the broker lost
    (also run by the worker started with --beat)."""
    from newsqa.tasks.queue import reconcile as run_reconcile

    if after is None:
        after = config.REQUEUE_AFTER.number(float, 0)
    result = run_reconcile(open_store(db), after, force=force)
    click.echo(str(result))
    if result.due and result.queued < result.due:
        raise UserError(f"the broker ({config.BROKER_URL.get()}) could not be reached")


@main.command(context_settings={"ignore_unknown_options": True})
@click.option("--queues", "-Q", default="default,translate", show_default=True,
              help="Queues to take tasks from: default (ingest, detect, check), translate.")
@click.option("--concurrency", "-c", type=int, default=None, help="Worker processes (default: one per core).")
@click.option("--beat", is_flag=True,
              help=f"Also run the reconciler every ${config.RECONCILE_SECONDS.name} seconds, in this worker's "
                   f"main process (run one such worker).")
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
        _reconcile_in_this_process()
    app.worker_main(argv + list(celery_args))


def _reconcile_in_this_process() -> None:
    """Start the reconciler thread once the worker is up (after its pool has forked), in the main
    process: the reconciler lives exactly as long as the worker, and `newsqa status` shows its runs."""
    import threading

    from celery.signals import worker_ready, worker_shutdown

    from newsqa.tasks.queue import reconciler_loop

    stop = threading.Event()
    interval = config.RECONCILE_SECONDS.number(float, 0.1)
    requeue_after = config.REQUEUE_AFTER.number(float, 0)

    @worker_ready.connect(weak=False)
    def _start(**_kw) -> None:
        threading.Thread(target=reconciler_loop, args=(stop, interval, requeue_after), name="reconciler",
                         daemon=True).start()

    @worker_shutdown.connect(weak=False)
    def _stop(**_kw) -> None:
        stop.set()


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=8000, show_default=True)
@db_option
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
@db_option
def user_add(username: str, role: str, password_stdin: bool, db: str | None) -> None:
    """Create an account (the password is asked for, or read with --password-stdin)."""
    from newsqa.tasks.accounts import add_user

    password = _password(password_stdin)
    _account(lambda: add_user(open_store(db), username, password, role))
    click.echo(f"{username} ({role}) can now log in")


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return click.get_text_stream("stdin").readline().rstrip("\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


def _account(action) -> None:
    try:
        action()
    except NewsqaError as exc:
        raise UserError(str(exc)) from None


def _who() -> str:
    from newsqa.cli_glossary import _actor_default
    return _actor_default()


@user.command("passwd")
@click.argument("username")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (for scripts).")
@db_option
def user_passwd(username: str, password_stdin: bool, db: str | None) -> None:
    """Set a new password; the user's open sessions end and a login lock is lifted."""
    from newsqa.tasks.accounts import set_password

    password = _password(password_stdin)
    _account(lambda: set_password(open_store(db), username, password, _who()))
    click.echo(f"{username} has a new password; their sessions have ended")


@user.command("disable")
@click.argument("username")
@db_option
def user_disable(username: str, db: str | None) -> None:
    """Stop an account from logging in; its open sessions end at once."""
    from newsqa.tasks.accounts import set_active

    _account(lambda: set_active(open_store(db), username, False, _who()))
    click.echo(f"{username} is disabled")


@user.command("enable")
@click.argument("username")
@db_option
def user_enable(username: str, db: str | None) -> None:
    """Let a disabled account log in again."""
    from newsqa.tasks.accounts import set_active

    _account(lambda: set_active(open_store(db), username, True, _who()))
    click.echo(f"{username} is enabled")


@user.command("role")
@click.argument("username")
@click.argument("role", type=click.Choice(["editor", "maintainer"]))
@db_option
def user_role(username: str, role: str, db: str | None) -> None:
    """Change an account's role; it applies to its open sessions at their next page."""
    from newsqa.tasks.accounts import set_role

    _account(lambda: set_role(open_store(db), username, role, _who()))
    click.echo(f"{username} is now {role}")


@user.command("list")
@db_option
def user_list(db: str | None) -> None:
    """List the accounts."""
    from newsqa.tasks.accounts import users

    for u in users(open_store(db)):
        click.echo(f"{u.username:20} {u.role:11} {'active' if u.active else 'disabled'}")
