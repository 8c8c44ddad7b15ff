"""What editors do with flags, as plain functions over the store (the web pages call these).

A flag is *open* while it belongs to its article's current revision and glossary check and has no
decision. Accepting a flag (or editing its correction) makes a corrected translation: the machine
translation with every accepted correction applied, stored as a new translation (engine
``corrected``) while the original stays. Rejecting remembers the span, so a re-check of the same
article does not raise it again. Every decision records who and when.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass

from sqlalchemy import and_, case, exists, func, select

from newsqa.qa.errors import NewsqaError
from newsqa.tasks.models import ROLES, ApiToken, Article, Decision, FlagRow, Suppression, Translation, User, utcnow
from newsqa.tasks.store import Store

ACTIONS = ("accept", "reject", "edit")


class ReviewError(NewsqaError):
    """A review action that cannot be done (unknown flag, bad correction, no permission)."""


@dataclass
class QueueFilter:
    outlet: str | None = None
    language: str | None = None
    entity: str | None = None
    kind: str | None = None
    min_confidence: float = 0.0
    limit: int = 200


def _current(query):
    """Restrict a FlagRow query to flags of the article's current revision and glossary check."""
    return (query.join(Translation, FlagRow.translation_id == Translation.id)
            .join(Article, FlagRow.article_id == Article.id)
            .where(Translation.revision == Article.revision, FlagRow.glossary_version == Article.checked_glossary))


def _undecided():
    return ~exists().where(Decision.flag_id == FlagRow.id)


def open_flags(store: Store, f: QueueFilter) -> tuple[list[tuple[FlagRow, Article]], dict[str, int]]:
    """Open flags, newest first, and the count of open flags per kind (for the filter bar)."""
    with store.session() as s:
        base = _current(select(FlagRow, Article)).where(_undecided())
        conditions = []
        if f.outlet:
            conditions.append(Article.outlet == f.outlet)
        if f.language:
            conditions.append(Article.language == f.language)
        if f.entity:
            conditions.append(FlagRow.entity == f.entity)
        if f.min_confidence:
            conditions.append(FlagRow.confidence >= f.min_confidence)
        counted = base.where(*conditions) if conditions else base
        counts = dict(s.execute(_current(select(FlagRow.kind, func.count())).where(_undecided(), *conditions)
                                .group_by(FlagRow.kind)).all())
        if f.kind:
            counted = counted.where(FlagRow.kind == f.kind)
        rows = s.execute(counted.order_by(FlagRow.id.desc()).limit(f.limit)).all()
        return [(flag, article) for flag, article in rows], counts


def facets(store: Store) -> dict[str, list[str]]:
    with store.session() as s:
        return {
            "outlet": sorted(x for x in s.execute(select(Article.outlet).distinct()).scalars() if x),
            "language": sorted(x for x in s.execute(select(Article.language).distinct()).scalars() if x),
            "entity": sorted(s.execute(select(FlagRow.entity).distinct()).scalars()),
        }


@dataclass
class FlagContext:
    flag: FlagRow
    article: Article
    translation: Translation
    decisions: list[Decision]


def flag_context(store: Store, flag_id: int) -> FlagContext:
    with store.session() as s:
        flag = s.get(FlagRow, flag_id)
        if flag is None:
            raise ReviewError(f"no flag {flag_id}")
        decisions = list(s.execute(select(Decision).where(Decision.flag_id == flag_id)
                                   .order_by(Decision.id.desc())).scalars())
        return FlagContext(flag, s.get(Article, flag.article_id), s.get(Translation, flag.translation_id), decisions)


def decide(store: Store, flag_id: int, action: str, actor: str, replacement: str | None = None,
           reason: str | None = None) -> Decision:
    if action not in ACTIONS:
        raise ReviewError(f"unknown action {action!r}")
    with store.session() as s:
        flag = s.get(FlagRow, flag_id)
        if flag is None:
            raise ReviewError(f"no flag {flag_id}")
        if action == "accept":
            if flag.start is None:
                raise ReviewError("this flag has no span in the translation: edit the translation instead")
            replacement = flag.suggestion
        elif action == "edit":
            replacement = " ".join((replacement or "").split())
            if not replacement or flag.start is None:
                raise ReviewError("an edit needs a replacement text and a flag with a span")
        decision = Decision(flag_id=flag_id, article_id=flag.article_id, action=action, replacement=replacement,
                            reason=(reason or "").strip() or None, actor=actor, at=utcnow())
        s.add(decision)
        if action == "reject" and flag.found:
            exists_already = s.execute(select(Suppression.id).where(
                Suppression.article_id == flag.article_id, Suppression.entity == flag.entity,
                Suppression.found == flag.found)).scalar()
            if exists_already is None:
                s.add(Suppression(article_id=flag.article_id, entity=flag.entity, found=flag.found, actor=actor))
        translation_id = flag.translation_id
    if action in ("accept", "edit"):
        _save_corrected(store, translation_id)
    return decision


def corrected_text(store: Store, translation_id: int) -> tuple[str, int]:
    """The translation with every accepted or edited correction applied; and how many were applied."""
    with store.session() as s:
        translation = s.get(Translation, translation_id)
        latest = (select(Decision.flag_id, func.max(Decision.id).label("last")).group_by(Decision.flag_id)
                  .subquery())
        rows = s.execute(select(FlagRow, Decision).join(latest, latest.c.flag_id == FlagRow.id)
                         .join(Decision, Decision.id == latest.c.last)
                         .where(FlagRow.translation_id == translation_id, Decision.action.in_(("accept", "edit")),
                                FlagRow.start.is_not(None))).all()
    text, applied, end_of_last = translation.text, 0, None
    for flag, decision in sorted(rows, key=lambda r: -r[0].start):  # right to left keeps offsets valid
        if end_of_last is not None and flag.end > end_of_last:
            continue  # overlaps a correction already applied
        text = text[:flag.start] + decision.replacement + text[flag.end:]
        end_of_last, applied = flag.start, applied + 1
    return text, applied


def _save_corrected(store: Store, translation_id: int) -> None:
    text, applied = corrected_text(store, translation_id)
    with store.session() as s:
        t = s.get(Translation, translation_id)
        article_id, revision, lang = t.article_id, t.revision, t.source_lang
    store.save_translation(article_id, revision, "corrected", f"{translation_id}.{applied}", lang, text)


def article_view(store: Store, article_id: int) -> tuple[Article, list[FlagRow], dict[int, Decision], list[Translation]]:
    article = store.get(article_id)
    if article is None:
        raise ReviewError(f"no article {article_id}")
    flags = store.flags(article_id)
    with store.session() as s:
        decisions = {d.flag_id: d for d in s.execute(select(Decision).where(Decision.article_id == article_id)
                                                     .order_by(Decision.id)).scalars()}
    return article, flags, decisions, store.translations(article_id, article.revision)


def export(store: Store, article_id: int) -> dict:
    """The corrected translation of each machine or publisher translation, with its decisions."""
    article, flags, decisions, translations = article_view(store, article_id)
    out = []
    for t in translations:
        if t.engine == "corrected":
            continue
        text, applied = corrected_text(store, t.id)
        out.append({"engine": t.engine, "engine_version": t.engine_version, "original": t.text, "corrected": text,
                    "corrections": applied,
                    "decisions": [{"flag": f.id, "entity": f.entity, "kind": f.kind, "found": f.found,
                                   "action": decisions[f.id].action, "replacement": decisions[f.id].replacement,
                                   "by": decisions[f.id].actor, "at": decisions[f.id].at.isoformat()}
                                  for f in flags if f.translation_id == t.id and f.id in decisions]})
    return {"id": article.id, "title": article.title, "url": article.url, "language": article.language,
            "revision": article.revision, "translations": out}


def suppressed(store: Store, article_id: int) -> set[tuple[str, str]]:
    with store.session() as s:
        return set(s.execute(select(Suppression.entity, Suppression.found)
                             .where(Suppression.article_id == article_id)).all())


def name_spellings(store: Store) -> dict[str, str]:
    """Editors' spellings of names outside the glossary: for each accepted or edited
    ``unverified-name`` flag (newest decision in force), its house-style word -> the English word the
    editor chose ("Aragchi" -> "Araghchi"), so the glossary step uses it in later articles."""
    out: dict[str, str] = {}
    with store.session() as s:
        latest = select(func.max(Decision.id)).group_by(Decision.flag_id)
        rows = s.execute(select(FlagRow.found, Decision.replacement).join(Decision, Decision.flag_id == FlagRow.id)
                         .where(Decision.id.in_(latest), Decision.action.in_(("accept", "edit")),
                                FlagRow.kind == "unverified_name").order_by(Decision.id)).all()
    for found, replacement in rows:
        words, better = (found or "").split(), (replacement or "").split()
        if len(words) == len(better):
            out.update({w: b for w, b in zip(words, better) if w != b})
    return out


def stats(store: Store) -> dict:
    """Flags per kind and entity, and how often editors agreed with each rule."""
    with store.session() as s:
        latest = select(Decision.flag_id, func.max(Decision.id).label("last")).group_by(Decision.flag_id).subquery()
        per_rule = s.execute(
            select(FlagRow.rule, func.count(Decision.id),
                   func.sum(case((Decision.action.in_(("accept", "edit")), 1), else_=0)))
            .join(latest, latest.c.flag_id == FlagRow.id).join(Decision, Decision.id == latest.c.last)
            .group_by(FlagRow.rule)).all()
        kinds = dict(s.execute(_current(select(FlagRow.kind, func.count())).group_by(FlagRow.kind)).all())
        entities = s.execute(_current(select(FlagRow.entity, func.count())).group_by(FlagRow.entity)
                             .order_by(func.count().desc()).limit(20)).all()
    return {"by_kind": kinds, "by_entity": entities,
            "by_rule": [{"rule": r, "decided": n, "agreed": int(a or 0),
                         "acceptance": (int(a or 0) / n) if n else None} for r, n, a in per_rule]}


# ---- accounts ------------------------------------------------------------------------------

def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)
    return f"scrypt$16384$8$1${salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str) -> bool:
    try:
        _, n, r, p, salt, digest = stored.split("$")
        computed = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p))
    except ValueError:
        return False
    return hmac.compare_digest(computed.hex(), digest)


def add_user(store: Store, username: str, password: str, role: str) -> User:
    if role not in ROLES:
        raise ReviewError(f"unknown role {role!r} (expected one of: {', '.join(ROLES)})")
    if not username or len(password) < 8:
        raise ReviewError("a user needs a name and a password of at least 8 characters")
    with store.session() as s:
        if s.execute(select(User.id).where(User.username == username)).scalar() is not None:
            raise ReviewError(f"user {username} exists already")
        user = User(username=username, password_hash=hash_password(password), role=role)
        s.add(user)
        return user


def authenticate(store: Store, username: str, password: str) -> User | None:
    with store.session() as s:
        user = s.execute(select(User).where(User.username == username, User.active.is_(True))).scalar()
    if user is None:
        check_password(password, hash_password("timing"))  # same work whether or not the user exists
        return None
    return user if check_password(password, user.password_hash) else None


def users(store: Store) -> list[User]:
    with store.session() as s:
        return list(s.execute(select(User).order_by(User.username)).scalars())


def create_token(store: Store, name: str, actor: str) -> str:
    token = secrets.token_urlsafe(24)
    with store.session() as s:
        s.add(ApiToken(name=name, token_hash=hashlib.sha256(token.encode()).hexdigest(), created_by=actor))
    return token


def revoke_token(store: Store, token_id: int) -> None:
    with store.session() as s:
        row = s.get(ApiToken, token_id)
        if row is None:
            raise ReviewError(f"no token {token_id}")
        row.revoked_at = utcnow()


def tokens(store: Store) -> list[ApiToken]:
    with store.session() as s:
        return list(s.execute(select(ApiToken).order_by(ApiToken.id)).scalars())


def token_valid(store: Store, token: str) -> bool:
    digest = hashlib.sha256(token.encode()).hexdigest()
    with store.session() as s:
        return s.execute(select(ApiToken.id).where(and_(ApiToken.token_hash == digest,
                                                        ApiToken.revoked_at.is_(None)))).scalar() is not None
