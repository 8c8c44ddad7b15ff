"""``newsqa glossary``: keeping the glossary in the store, as a terminologist would expect.

Every change names its actor (``--actor``, default the login name) and lands in the audit log
(``newsqa glossary history``); an edit can demand the entity version it was based on
(``--if-version``), so a stale edit is refused rather than applied over a newer one.
"""

from __future__ import annotations

import getpass
import json
import os
import sys
import time

import click

from newsqa.cli_common import UserError, main, open_store
from newsqa.qa.errors import NewsqaError
from newsqa.qa.model import ENTITY_TYPES, Status
from newsqa.qa.name_sources import DEFAULT_LANGS, DEFAULT_TYPES

_STATUSES = click.Choice([s.value for s in Status])


def _actor_default() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "cli"


_actor = click.option("--actor", default=_actor_default, show_default="login name",
                      help="Who makes the change (for the audit log).")
_if_version = click.option("--if-version", type=int, metavar="N",
                           help="Refuse the edit unless the entity is still at version N (see `show`).")
_force = click.option("--force", is_flag=True, help="Allow a form that another entity uses too.")


def _glossary(db: str | None):
    from newsqa.tasks.glossary_store import GlossaryStore

    store = GlossaryStore(open_store(db))
    try:
        store.ensure_loaded(actor="newsqa")
    except (OSError, NewsqaError) as exc:
        raise UserError(f"cannot load the glossary: {exc}") from None
    return store


def _guard(action):
    try:
        return action()
    except NewsqaError as exc:
        raise UserError(str(exc)) from None


@main.group()
@click.option("--db", metavar="URL", help="Store URL. Default: $NEWSQA_DATABASE_URL.")
@click.pass_context
def glossary(ctx: click.Context, db: str | None) -> None:
    """Keep the glossary of entity names (in the store; an empty store starts from $NEWSQA_GLOSSARY).

    \b
    Examples:
      newsqa glossary import names.tbx --dry-run
      newsqa glossary import-names --format wikidata latest-all.json.gz --dry-run
      newsqa glossary search netanjahu
      newsqa glossary add-term hama en "Hamah" --status admitted
      newsqa glossary validate
    """
    ctx.obj = {"db": db}


def _store_of(ctx: click.Context):
    return _glossary(ctx.obj["db"])


@glossary.command("import")
@click.argument("file")
@click.option("--dry-run", is_flag=True, help="Report what would change; change nothing.")
@click.option("--force", is_flag=True, help="Also apply entities edited in the store since FILE was exported.")
@_actor
@click.pass_context
def import_(ctx, file: str, dry_run: bool, force: bool, actor: str) -> None:
    """Merge FILE (TBX 2019 or 2008, or CSV) into the glossary and report what changed.

    An entity edited in the store after FILE was exported from it is left out and reported as a
    conflict (an old export does not revert newer edits), unless --force."""
    from newsqa.qa import load_glossary

    incoming = _guard(lambda: load_glossary(file))
    report = _guard(lambda: _store_of(ctx).import_glossary(incoming, actor=actor, dry_run=dry_run,
                                                           note=f"import of {file}", force=force))
    for line in report.lines():
        click.echo(line)
    click.echo(("would change: " if dry_run else "") + report.summary())


@glossary.command("import-names")
@click.argument("file")
@click.option("--format", "fmt", type=click.Choice(["wikidata", "paranames", "jrc"]), required=True,
              help="wikidata: a JSON dump (one entity a line); paranames: ParaNames TSV; jrc: JRC-Names' "
                   "entities file. Plain, .gz or .bz2.")
@click.option("--types", default=",".join(DEFAULT_TYPES), show_default=True,
              help="Entity types to import (comma-separated: person, organization, place, event, other).")
@click.option("--langs", default=",".join(DEFAULT_LANGS), show_default=True,
              help="Languages of the names to import (base languages, comma-separated; sr keeps both scripts).")
@click.option("--batch", default=1000, show_default=True, type=click.IntRange(1, 100_000),
              help="Entities merged and written at a time (memory holds one batch).")
@click.option("--dry-run", is_flag=True, help="Report what would change; change nothing.")
@click.option("--json", "as_json", is_flag=True, help="The report as one JSON object.")
@_actor
@click.pass_context
def import_names(ctx, file: str, fmt: str, types: str, langs: str, batch: int, dry_run: bool, as_json: bool,
                 actor: str) -> None:
    """Import the names of people, organisations and places from a public name resource.

    Streams FILE, so a dump of millions of entities needs the memory of one batch. Re-importing the
    same or a newer file changes only what changed; statuses the newsroom set are kept.
    Malformed lines are reported with their line number and skipped; the rest is imported.
    """
    from newsqa.qa.name_sources import READERS, NameFilter, NameStats, open_lines

    wanted_types = frozenset(t.strip() for t in types.split(",") if t.strip())
    unknown = wanted_types - set(ENTITY_TYPES)
    if unknown or not wanted_types:
        raise UserError(f"unknown entity type(s) {', '.join(sorted(unknown)) or '(none given)'} "
                        f"(expected: {', '.join(ENTITY_TYPES)})")
    keep = NameFilter(types=wanted_types, langs=frozenset(l.strip().lower() for l in langs.split(",") if l.strip()))
    stats = NameStats()
    store = _store_of(ctx)
    try:
        entities = READERS[fmt](open_lines(file), keep, stats)
        report = _guard(lambda: store.import_entities(entities, actor=actor, dry_run=dry_run, batch=batch,
                                                      note=f"{fmt} names from {file}"))
    except OSError as exc:
        raise UserError(f"cannot read {file}: {exc}") from None
    if as_json:
        click.echo(json.dumps({"dry_run": dry_run, "summary": report.summary(), "read": stats.summary(),
                               "changes": report.lines(), "malformed": stats.problem_count,
                               "problems": [{"line": n, "problem": p} for n, p in stats.problems]},
                              ensure_ascii=False, indent=2))
        return
    for line in report.lines():
        click.echo(line)
    for number, problem in stats.problems:
        click.echo(f"{file}:{number}: {problem}", err=True)
    if stats.problem_count > len(stats.problems):
        click.echo(f"... and {stats.problem_count - len(stats.problems)} more malformed lines", err=True)
    click.echo(f"read: {stats.summary()}")
    click.echo(("would change: " if dry_run else "") + report.summary())


@glossary.command()
@click.argument("file")
@click.option("--format", "fmt", type=click.Choice(["tbx", "tbx2008", "csv"]), help="Default: by the file's suffix.")
@click.pass_context
def export(ctx, file: str, fmt: str | None) -> None:
    """Write the glossary to FILE as TBX (2019 or 2008) or CSV."""
    from newsqa.qa import save_glossary

    g = _store_of(ctx).export()
    _guard(lambda: save_glossary(g, file, fmt))
    click.echo(f"{len(g)} entities written to {file}")


def _entity_line(entity) -> str:
    pref = entity.preferred_english
    return f"{entity.id:28} {entity.type:13} {pref.text if pref else '(no preferred English term)'}"


@glossary.command("list")
@click.option("--type", "etype", type=click.Choice(ENTITY_TYPES), help="Only entities of this type.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def list_(ctx, etype: str | None, as_json: bool) -> None:
    """List the entities with their preferred English terms."""
    entities = [e for e in _store_of(ctx).load() if not etype or e.type == etype]
    if as_json:
        click.echo(json.dumps([_entity_json(e) for e in entities], ensure_ascii=False, indent=2))
        return
    for entity in entities:
        click.echo(_entity_line(entity))


def _entity_json(entity, version: int | None = None) -> dict:
    out = {"id": entity.id, "type": entity.type, "note": entity.note,
           "terms": [{"lang": t.lang, "text": t.text, "status": t.status.value} for t in entity.terms]}
    if version is not None:
        out["version"] = version
    return out


@glossary.command()
@click.argument("query")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def search(ctx, query: str, as_json: bool) -> None:
    """Find terms containing QUERY, in any language and script, ignoring case and diacritics.

    `newsqa glossary search netanjahu` finds Нетанјаху and Netanjahu.
    """
    from newsqa.qa.normalize import search_form

    needle = search_form(query)
    if not needle:
        raise UserError("give some letters to search for")
    hits = [(entity, term) for entity in _store_of(ctx).load() for term in entity.terms
            if needle in search_form(term.text, term.lang)]
    if as_json:
        click.echo(json.dumps([{"entity": e.id, "lang": t.lang, "text": t.text, "status": t.status.value}
                               for e, t in hits], ensure_ascii=False, indent=2))
        return
    for entity, term in hits:
        click.echo(f"{entity.id:28} [{term.lang}] {term.text}  ({term.status.value})")
    if not hits:
        click.echo(f"no term contains “{query}”", err=True)
        sys.exit(1)


@glossary.command()
@click.argument("entity_id")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def show(ctx, entity_id: str, as_json: bool) -> None:
    """Show an entity: its type, note, version and every term by language."""
    entity, version = _guard(lambda: _store_of(ctx).entity(entity_id))
    if as_json:
        click.echo(json.dumps(_entity_json(entity, version), ensure_ascii=False, indent=2))
        return
    click.echo(f"{entity.id} ({entity.type}), version {version}")
    if entity.note:
        click.echo(f"  {entity.note}")
    for term in entity.terms:
        click.echo(f"  [{term.lang:7}] {term.text}  ({term.status.value})")


@glossary.command("add-entity")
@click.argument("entity_id")
@click.option("--type", "etype", type=click.Choice(ENTITY_TYPES), required=True)
@click.option("--note")
@click.option("--en", "english", metavar="TERM", help="Its preferred English term.")
@_actor
@click.pass_context
def add_entity(ctx, entity_id: str, etype: str, note: str | None, english: str | None, actor: str) -> None:
    """Add an entity (ENTITY_ID: one word, such as kataib-hezbollah)."""
    _guard(lambda: _store_of(ctx).add_entity(entity_id, etype, note, actor, english=english))
    click.echo(f"added {entity_id}")


@glossary.command("add-term")
@click.argument("entity_id")
@click.argument("lang")
@click.argument("term")
@click.option("--status", type=_STATUSES, default="admitted", show_default=True)
@_if_version
@_force
@_actor
@click.pass_context
def add_term(ctx, entity_id, lang, term, status, if_version, force, actor) -> None:
    """Add TERM in LANG (en, sr-Latn, sr-Cyrl, hr, bs, mk, ...) to an entity."""
    version = _guard(lambda: _store_of(ctx).add_term(entity_id, lang, term, Status(status), actor,
                                                     if_version=if_version, force=force))
    click.echo(f"{entity_id}: added [{lang}] “{term}” ({status}); now version {version}")


@glossary.command("set-status")
@click.argument("entity_id")
@click.argument("lang")
@click.argument("term")
@click.argument("status", type=_STATUSES)
@_if_version
@_force
@_actor
@click.pass_context
def set_status(ctx, entity_id, lang, term, status, if_version, force, actor) -> None:
    """Change a term's status: preferred, admitted, deprecated or superseded."""
    version = _guard(lambda: _store_of(ctx).set_status(entity_id, lang, term, Status(status), actor,
                                                       if_version=if_version, force=force))
    click.echo(f"{entity_id}: [{lang}] “{term}” is now {status}; version {version}")


@glossary.command("remove-term")
@click.argument("entity_id")
@click.argument("lang")
@click.argument("term")
@_if_version
@_actor
@click.pass_context
def remove_term(ctx, entity_id, lang, term, if_version, actor) -> None:
    """Remove a term from an entity."""
    version = _guard(lambda: _store_of(ctx).remove_term(entity_id, lang, term, actor, if_version=if_version))
    click.echo(f"{entity_id}: removed [{lang}] “{term}”; version {version}")


@glossary.command()
@click.argument("keep")
@click.argument("drop")
@_actor
@click.pass_context
def merge(ctx, keep: str, drop: str, actor: str) -> None:
    """Merge entity DROP into KEEP: its terms move over, DROP is deleted."""
    _guard(lambda: _store_of(ctx).merge_entities(keep, drop, actor))
    click.echo(f"merged {drop} into {keep}")


@glossary.command()
@click.option("--file", "path", metavar="FILE", help="Check a glossary file instead of the store's glossary.")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.pass_context
def validate(ctx, path: str | None, strict: bool) -> None:
    """Find conflicts: a form accepted for two entities, a deprecated form accepted elsewhere, an entity
    without a preferred English term, duplicates after normalisation. Exit status 1 on errors."""
    from newsqa.qa import load_glossary
    from newsqa.qa.validate import validate as check

    g = _guard(lambda: load_glossary(path)) if path else _store_of(ctx).load()
    problems = check(g)
    for p in problems:
        click.echo(f"{p.severity}: [{p.code}] {p.message}")
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    click.echo(f"{len(g)} entities: {errors} error(s), {warnings} warning(s)")
    if errors or (strict and warnings):
        sys.exit(1)


@glossary.command()
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def stats(ctx, as_json: bool) -> None:
    """Counts of entities by type and terms by language and status."""
    numbers = _store_of(ctx).stats()
    if as_json:
        click.echo(json.dumps(numbers, indent=2))
        return
    click.echo(f"{numbers['entities']} entities, {numbers['terms']} terms, glossary version {numbers['version']}")
    for title, key in (("by type", "by_type"), ("by language", "by_language"), ("by status", "by_status")):
        click.echo(f"  {title}: " + ", ".join(f"{k} {v}" for k, v in sorted(numbers[key].items())))


@glossary.command("index")
@click.option("--processes", type=click.IntRange(1, 256), default=lambda: os.cpu_count() or 1,
              show_default="one per core", help="Processes that tokenise terms while the file is built; with more than one, the tables are saved by two.")
@click.pass_context
def index_(ctx, processes: int) -> None:
    """Build this machine's shared index file of the glossary now (workers would build it on first need).

    Run it on a worker machine after a large import, before starting the workers: they then map
    the file at once. The file goes to $NEWSQA_INDEX_DIR; an up-to-date file is kept as it is.
    """
    from newsqa.tasks import shared_index

    store = _store_of(ctx)
    started = time.perf_counter()
    index = _guard(lambda: shared_index.build(store.store, newer_than=store.version() - 1, processes=processes))
    size = sum(f.stat().st_size for f in index.folder.iterdir()) / 2**20
    click.echo(f"{index.folder}: {len(index)} entities, {index.meta['terms']} terms, {size:.0f} MB, "
               f"glossary {index.version} ({time.perf_counter() - started:.1f} s)")


@glossary.command()
@click.argument("entity_id", required=False)
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def history(ctx, entity_id: str | None, limit: int, as_json: bool) -> None:
    """The audit log: who changed what and when (all entities, or one)."""
    rows = _store_of(ctx).history(entity_id, limit)
    if as_json:
        click.echo(json.dumps([{"at": r.at.isoformat(), "actor": r.actor, "source": r.source, "entity": r.entity_id,
                                "action": r.action, "detail": r.detail} for r in rows], ensure_ascii=False, indent=2))
        return
    for r in rows:
        detail = r.detail.get("summary") or ", ".join(f"{k}={v}" for k, v in r.detail.items() if v is not None)
        click.echo(f"{r.at:%Y-%m-%d %H:%M:%S} {r.actor:12} {r.source:6} {r.entity_id or '':24} {r.action:12} {detail}")


@glossary.command()
@click.option("--min-articles", type=int, default=1, show_default=True, help="Only names used in this many articles.")
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def candidates(ctx, min_articles: int, limit: int, as_json: bool) -> None:
    """Names in processed source articles that the glossary does not know, most used first, with
    their inflected and cross-script forms and the English renderings they received."""
    from newsqa.tasks.discovery import candidates as find

    every = find(_store_of(ctx).store)
    found = [c for c in every if len(c.articles) >= min_articles][:limit]
    if as_json:
        click.echo(json.dumps([c.to_dict() for c in found], ensure_ascii=False, indent=2))
        return
    if not found:
        click.echo(f"no name is used in {min_articles} or more articles; {len(every)} unknown name(s) in fewer"
                   + (" (try --min-articles 1)" if every and min_articles > 1 else "")
                   if every else "no unknown names in the processed source articles")
    for c in found:
        renderings = ", ".join(f"“{r}” ×{n}" for r, n in c.renderings.most_common()) or "—"
        click.echo(f"{c.name:30} {len(c.articles):3} articles {len(c.outlets):3} outlets  key: {c.key}"
                   + ("  [split]" if c.split else ""))
        click.echo(f"    forms: {', '.join(c.forms)}\n    rendered: {renderings}")


@glossary.command()
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def splits(ctx, as_json: bool) -> None:
    """Consistency across articles: source names rendered differently in different translations."""
    from newsqa.tasks.discovery import candidates as find

    found = [c for c in find(_store_of(ctx).store) if c.split]
    if as_json:
        click.echo(json.dumps([c.to_dict() for c in found], ensure_ascii=False, indent=2))
        return
    for c in found:
        click.echo(f"{c.name}: " + ", ".join(f"“{r}” ×{n}" for r, n in c.renderings.most_common()))
    if not found:
        click.echo("no splits: every unknown name was rendered one way")


@glossary.command()
@click.argument("key")
@click.argument("entity_id")
@click.option("--type", "etype", type=click.Choice(ENTITY_TYPES), required=True)
@click.option("--en", "english", required=True, metavar="TERM", help="The preferred English term.")
@_actor
@click.pass_context
def promote(ctx, key: str, entity_id: str, etype: str, english: str, actor: str) -> None:
    """Turn candidate KEY (see `candidates`) into entity ENTITY_ID, with its source forms as terms."""
    from newsqa.tasks.discovery import promote as do_promote

    added = _guard(lambda: do_promote(_store_of(ctx).store, key, entity_id, etype, english, actor))
    click.echo(f"added {entity_id} with {added} terms")
