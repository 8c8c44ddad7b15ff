"""The editors' queue as queries: open or resolved flags, filtered, searched, sorted and paged;
identical findings grouped across articles; and the flag list for export.

A flag is *open* while it belongs to its article's current revision and glossary check and has no
decision; *resolved* when it has one. Flags of rules the newsroom switched off are not listed.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from sqlalchemy import exists, func, select
from sqlalchemy.orm import aliased

from newsqa.tasks.models import Article, Decision, FlagRow, RuleSetting, Translation
from newsqa.tasks.store import Store

SORTS = {"found": FlagRow.found, "suggestion": FlagRow.suggestion, "kind": FlagRow.kind, "entity": FlagRow.entity,
         "confidence": FlagRow.confidence, "article": Article.id, "outlet": Article.outlet,
         "lang": Article.language, "id": FlagRow.id}
STATES = ("open", "resolved")


def current(query):
    """Restrict a FlagRow query to flags of the article's current revision and glossary check."""
    return (query.join(Translation, FlagRow.translation_id == Translation.id)
            .join(Article, FlagRow.article_id == Article.id)
            .where(Translation.revision == Article.revision, FlagRow.glossary_version == Article.checked_glossary))


def undecided():
    return ~exists().where(Decision.flag_id == FlagRow.id)


def in_force():
    """The decisions in force: each flag's newest decision, unless it was carried onto a newer check."""
    later, carried = aliased(Decision), aliased(Decision)
    return (~exists().where(later.flag_id == Decision.flag_id, later.id > Decision.id)
            & ~exists().where(carried.carried_from == Decision.id))


@dataclass
class QueueFilter:
    """What the queue shows; every field is also a query parameter of the queue page."""

    outlet: str | None = None
    language: str | None = None
    entity: str | None = None
    kind: str | None = None
    min_confidence: float = 0.0
    q: str | None = None              # searched in the source text, the translation and the found form
    state: str = "open"               # open | resolved
    sort: str = "id"
    desc: bool = True
    page: int = 1
    limit: int = 200                  # rows per page

    def params(self, **changes) -> dict[str, str]:
        """The filter as query parameters (defaults left out), with ``changes`` applied."""
        out = {}
        defaults = QueueFilter()
        for f in fields(self):
            if f.name == "limit":
                continue  # the page size is the page's, not the editor's
            value = changes.get(f.name, getattr(self, f.name))
            if value != getattr(defaults, f.name) and value not in (None, ""):
                out[f.name] = ("1" if value else "0") if isinstance(value, bool) else str(value)
        return out


def _where(f: QueueFilter, with_kind: bool = True) -> list:
    conditions = [FlagRow.rule.not_in(select(RuleSetting.rule).where(RuleSetting.enabled.is_(False)))]
    if f.outlet:
        conditions.append(Article.outlet == f.outlet)
    if f.language:
        conditions.append(Article.language == f.language)
    if f.entity:
        conditions.append(FlagRow.entity == f.entity)
    if f.min_confidence:
        conditions.append(FlagRow.confidence >= f.min_confidence)
    if f.q:
        like = f"%{f.q.strip()}%"
        conditions.append(Article.text.ilike(like) | Translation.text.ilike(like) | FlagRow.found.ilike(like))
    if with_kind and f.kind:
        conditions.append(FlagRow.kind == f.kind)
    return conditions


def _state(query, f: QueueFilter):
    if f.state == "resolved":
        return query.join(Decision, Decision.flag_id == FlagRow.id).where(in_force())
    return query.where(undecided())


@dataclass
class QueuePage:
    rows: list[tuple[FlagRow, Article, Decision | None]]
    counts: dict[str, int]          # per kind, for the filter without its kind
    total: int                      # rows matching the filter, all pages
    pages: int = field(default=1)


def queue(store: Store, f: QueueFilter) -> QueuePage:
    """One page of the queue, and the counts for the filter bar.

    The page is chosen on narrow rows (flag ids in order) and only its rows are then read whole, so
    sorting thousands of open flags never drags their rows and articles along.
    """
    resolved = f.state == "resolved"
    with store.session() as s:
        counts = dict(s.execute(_state(current(select(FlagRow.kind, func.count())), f).where(*_where(f, False))
                                .group_by(FlagRow.kind)).all())
        total = counts.get(f.kind, 0) if f.kind else sum(counts.values())
        order = SORTS.get(f.sort, FlagRow.id)
        chosen = list(s.execute(
            _state(current(select(FlagRow.id)), f).where(*_where(f))
            .order_by(order.desc() if f.desc else order.asc(), FlagRow.id.desc() if f.desc else FlagRow.id)
            .offset((max(f.page, 1) - 1) * f.limit).limit(f.limit)).scalars())
        columns = (FlagRow, Article, Decision) if resolved else (FlagRow, Article)
        query = select(*columns).join(Article, FlagRow.article_id == Article.id).where(FlagRow.id.in_(chosen))
        if resolved:
            query = query.join(Decision, Decision.flag_id == FlagRow.id).where(in_force())
        found = {r[0].id: r for r in s.execute(query).all()}
        rows = [(found[i][0], found[i][1], found[i][2] if resolved else None) for i in chosen if i in found]
    return QueuePage(rows, counts, total, max(1, -(-total // f.limit)))


def open_flags(store: Store, f: QueueFilter) -> tuple[list[tuple[FlagRow, Article]], dict[str, int]]:
    """Open flags (the first page of ``f``) and the count of open flags per kind."""
    page = queue(store, QueueFilter(**{**f.__dict__, "state": "open"}))
    return [(flag, article) for flag, article, _ in page.rows], page.counts


def next_open(store: Store, f: QueueFilter, after: int | None = None) -> int | None:
    """The first open flag of the filter's order, other than ``after`` (the one just decided)."""
    with store.session() as s:
        order = SORTS.get(f.sort, FlagRow.id)
        query = (_state(current(select(FlagRow.id)), QueueFilter()).where(*_where(f))
                 .order_by(order.desc() if f.desc else order.asc(), FlagRow.id.desc() if f.desc else FlagRow.id))
        if after is not None:
            query = query.where(FlagRow.id != after)
        return s.execute(query.limit(1)).scalar()


@dataclass(frozen=True)
class Group:
    """Identical findings across articles: the same entity, kind, found form and suggestion."""

    entity: str
    kind: str
    found: str | None
    suggestion: str | None
    flags: int
    articles: int
    outlets: int
    min_confidence: float
    example: int                      # a flag of the group, to open in context


def groups(store: Store, f: QueueFilter, limit: int = 200) -> list[Group]:
    """Open findings under the filter, grouped; the largest groups first."""
    with store.session() as s:
        rows = s.execute(current(select(FlagRow.entity, FlagRow.kind, FlagRow.found, FlagRow.suggestion,
                                        func.count(), func.count(func.distinct(FlagRow.article_id)),
                                        func.count(func.distinct(Article.outlet)), func.min(FlagRow.confidence),
                                        func.max(FlagRow.id)))
                         .where(undecided(), *_where(f))
                         .group_by(FlagRow.entity, FlagRow.kind, FlagRow.found, FlagRow.suggestion)
                         .order_by(func.count().desc(), FlagRow.entity, FlagRow.found).limit(limit)).all()
    return [Group(*row) for row in rows]


def group_members(store: Store, f: QueueFilter, entity: str, kind: str, found: str | None,
                  suggestion: str | None) -> list[int]:
    """The open flags of one group under the filter."""
    with store.session() as s:
        query = current(select(FlagRow.id)).where(undecided(), *_where(f), FlagRow.entity == entity,
                                                   FlagRow.kind == kind)
        query = query.where(FlagRow.found.is_(None) if found is None else FlagRow.found == found)
        query = query.where(FlagRow.suggestion.is_(None) if suggestion is None else FlagRow.suggestion == suggestion)
        return list(s.execute(query.order_by(FlagRow.id)).scalars())


def facets(store: Store) -> dict[str, list[str]]:
    with store.session() as s:
        return {
            "outlet": sorted(x for x in s.execute(select(Article.outlet).distinct()).scalars() if x),
            "language": sorted(x for x in s.execute(select(Article.language).distinct()).scalars() if x),
            "entity": sorted(s.execute(select(FlagRow.entity).distinct()).scalars()),
        }


EXPORT_COLUMNS = ("flag", "state", "article", "title", "outlet", "language", "entity", "kind", "rule", "found",
                  "suggestion", "confidence", "reason", "decision", "replacement", "decided_by", "decided_at",
                  "decision_reason")
EXPORT_MAX = 100_000


def export_rows(store: Store, f: QueueFilter) -> list[dict]:
    """Every flag under the filter (all pages, at most EXPORT_MAX), as flat records."""
    page = queue(store, QueueFilter(**{**f.__dict__, "page": 1, "limit": EXPORT_MAX}))
    out = []
    for flag, article, d in page.rows:
        out.append({"flag": flag.id, "state": "resolved" if d else "open", "article": article.id,
                    "title": article.title, "outlet": article.outlet, "language": article.language,
                    "entity": flag.entity, "kind": flag.kind, "rule": flag.rule, "found": flag.found,
                    "suggestion": flag.suggestion, "confidence": flag.confidence, "reason": flag.reason,
                    "decision": d.action if d else None, "replacement": d.replacement if d else None,
                    "decided_by": d.actor if d else None, "decided_at": d.at.isoformat() if d else None,
                    "decision_reason": d.reason if d else None})
    return out


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value) -> str:
    """A cell a spreadsheet will not run: text starting like a formula gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
