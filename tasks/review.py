"""What editors do with flags, as plain functions over the store (the web pages call these).

A flag is *open* while it belongs to its article's current revision and glossary check and has no
decision. Accepting a flag (or correcting its span, or rewriting its whole sentence) makes a
corrected translation: the translation with every correction in force applied, stored as a new
translation (engine ``corrected``) while the original stays. Rejecting remembers the name, so a
re-check of the same article does not raise it again. Every decision records who and when.

A re-check (``newsqa recheck``, a glossary edit, a new worker) writes new flag rows; the decision on
a finding is *carried* onto the same finding of the new check (same translation, entity, kind, span
and found text; an acceptance only while the suggestion is the same), pointing at the decision it
copies. The decision *in force* for a finding is the newest of the last link of that chain, so
corrections and statistics count each decision once.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, select

from newsqa.qa.errors import NewsqaError
from newsqa.qa.sentences import spans as sentence_spans
from newsqa.tasks.accounts import (add_user, authenticate, check_password, create_token,  # noqa: F401
                                   hash_password, revoke_token, token_valid, tokens, users)
from newsqa.tasks.models import Article, Decision, FlagRow, Suppression, Translation, utcnow
from newsqa.tasks.review_queue import QueueFilter, current, in_force, open_flags, undecided  # noqa: F401
from newsqa.tasks.store import Store

ACTIONS = ("accept", "reject", "edit", "sentence")
CORRECTING = ("accept", "edit", "sentence")
# Recorded on the open flags inside a sentence an editor rewrote: their text is gone, so they are
# closed too, but they were not judged (statistics leave them out).
COVERED = "covered"
DONE_WORDS = {"accept": "accepted", "reject": "rejected", "edit": "corrected", "sentence": "corrected"}


class ReviewError(NewsqaError):
    """A review action that cannot be done (unknown flag, bad correction, no permission)."""


class NotFound(ReviewError):
    """No such flag or article (the web pages answer 404)."""


def is_current(s, flag: FlagRow) -> bool:
    article = s.get(Article, flag.article_id)
    translation = s.get(Translation, flag.translation_id)
    return translation.revision == article.revision and flag.glossary_version == article.checked_glossary


@dataclass
class FlagContext:
    flag: FlagRow
    article: Article
    translation: Translation
    decisions: list[Decision]
    current: bool
    replaced_by: int | None   # the flag of the newer check with the same finding, if any


def flag_context(store: Store, flag_id: int) -> FlagContext:
    with store.session() as s:
        flag = s.get(FlagRow, flag_id)
        if flag is None:
            raise NotFound(f"no flag {flag_id}")
        decisions = list(s.execute(select(Decision).where(Decision.flag_id == flag_id)
                                   .order_by(Decision.id.desc())).scalars())
        now = is_current(s, flag)
        replaced_by = None
        if not now:
            replaced_by = s.execute(current(select(FlagRow.id)).where(
                FlagRow.article_id == flag.article_id, FlagRow.entity == flag.entity, FlagRow.kind == flag.kind,
                FlagRow.found.is_(None) if flag.found is None else FlagRow.found == flag.found)
                .order_by(FlagRow.id.desc()).limit(1)).scalar()
        return FlagContext(flag, s.get(Article, flag.article_id), s.get(Translation, flag.translation_id), decisions,
                           now, replaced_by)


def sentence_of(flag: FlagRow, translation: str, source: str | None) -> tuple[int, int]:
    """The span of the translation sentence a flag is about: the one holding its span, or for a
    missing name the one aligned (by position, as the page shows them) with the source sentence
    naming it; past the end of a shorter translation, an insertion point at its end."""
    t_spans = sentence_spans(translation)
    if flag.start is not None:
        return next(((a, b) for a, b in t_spans if a <= flag.start < b), (flag.start, flag.end))
    if source and flag.source_start is not None:
        s_spans = sentence_spans(source)
        index = next((i for i, (a, b) in enumerate(s_spans) if a <= flag.source_start < b), None)
        if index is not None and index < len(t_spans):
            return t_spans[index]
    return len(translation), len(translation)


def current_sentence(store: Store, flag: FlagRow, source: str | None) -> str:
    """The flag's sentence as it reads now, with the corrections already made inside it (what an
    editor rewriting it starts from)."""
    with store.session() as s:
        text = s.get(Translation, flag.translation_id).text
        a, b = sentence_of(flag, text, source)
        inside = [Correction(c.flag_id, c.start - a, c.end - a, c.replacement)
                  for c in _corrections(s, flag.translation_id) if a <= c.start and c.end <= b]
    return apply(text[a:b], inside)[0]


@dataclass(frozen=True)
class Correction:
    flag_id: int
    start: int
    end: int
    replacement: str


def _corrections(s, translation_id: int) -> list[Correction]:
    rows = s.execute(select(FlagRow, Decision).join(Decision, Decision.flag_id == FlagRow.id)
                     .where(FlagRow.translation_id == translation_id, Decision.action.in_(CORRECTING), in_force())
                     ).all()
    out = []
    for flag, d in rows:
        start, end = (d.start, d.end) if d.start is not None else (flag.start, flag.end)
        if start is not None:
            out.append(Correction(flag.id, start, end, d.replacement or ""))
    # A rewritten sentence before what it holds; of two corrections of one span (an older check's,
    # not carried because the suggestion changed, and the current one) the newer.
    return sorted(out, key=lambda c: (c.start, -c.end, -c.flag_id))


def apply(text: str, corrections: list[Correction]) -> tuple[str, dict[int, tuple[int, int]]]:
    """The text with the corrections applied left to right, and where each replacement now lies.
    A correction inside a rewritten sentence is left out (the sentence was written with it in view);
    decide() refuses any other overlap."""
    out, where, pos = [], {}, 0
    length = 0
    for c in corrections:
        if c.start < pos:
            continue
        out.append(text[pos:c.start])
        length += c.start - pos
        where[c.flag_id] = (length, length + len(c.replacement))
        out.append(c.replacement)
        length += len(c.replacement)
        pos = c.end
    out.append(text[pos:])
    return "".join(out), where


def corrected(store: Store, translation_id: int) -> tuple[str, dict[int, tuple[int, int]]]:
    """The translation with every correction in force applied, and each correction's span in it."""
    with store.session() as s:
        translation = s.get(Translation, translation_id)
        return apply(translation.text, _corrections(s, translation_id))


def corrected_text(store: Store, translation_id: int) -> tuple[str, int]:
    """The corrected translation and how many corrections it has."""
    text, where = corrected(store, translation_id)
    return text, len(where)


def decide(store: Store, flag_id: int, action: str, actor: str, replacement: str | None = None,
           reason: str | None = None, carried_from: int | None = None) -> Decision:
    """Record a decision on an open flag of the current check; refuse one on a stale or decided flag,
    or a correction overlapping text already corrected."""
    if action not in ACTIONS:
        raise ReviewError(f"unknown action {action!r}")
    with store.session() as s:
        flag = s.get(FlagRow, flag_id)
        if flag is None:
            raise NotFound(f"no flag {flag_id}")
        if not is_current(s, flag):
            raise ReviewError(f"flag {flag_id} was replaced by a newer check of the article: open the current one")
        done = s.execute(select(Decision).where(Decision.flag_id == flag_id).order_by(Decision.id.desc())
                         .limit(1)).scalar()
        if done is not None:
            raise ReviewError(f"flag {flag_id} is already decided ({done.action} by {done.actor})")
        start = end = None
        if action == "accept":
            if flag.start is None or not flag.suggestion:
                raise ReviewError("this flag has no span or suggestion to accept: rewrite the sentence instead")
            replacement = flag.suggestion
        elif action in ("edit", "sentence"):
            replacement = " ".join((replacement or "").split())
            if not replacement:
                raise ReviewError("a correction needs a replacement text")
            if action == "edit" and flag.start is None:
                raise ReviewError("this flag has no span in the translation: rewrite the sentence instead")
            if action == "sentence":
                article, translation = s.get(Article, flag.article_id), s.get(Translation, flag.translation_id)
                source = None if translation.engine == "passthrough" else article.text
                start, end = sentence_of(flag, translation.text, source)
                if start == end == len(translation.text) and translation.text:
                    replacement = (" " if not translation.text[-1].isspace() else "") + replacement
        if action in CORRECTING:
            a, b = (start, end) if start is not None else (flag.start, flag.end)
            for c in _corrections(s, flag.translation_id):
                inside = action == "sentence" and a <= c.start and c.end <= b and a < b
                superseded = (c.start, c.end) == (a, b) and not is_current(s, s.get(FlagRow, c.flag_id))
                if (c.start < b and a < c.end or a == b == c.start) and not inside and not superseded:
                    raise ReviewError(f"this text was already corrected (flag {c.flag_id}: “{c.replacement}”)")
        decision = Decision(flag_id=flag_id, article_id=flag.article_id, action=action, replacement=replacement,
                            reason=(reason or "").strip() or None, actor=actor, at=utcnow(), start=start, end=end,
                            carried_from=carried_from)
        s.add(decision)
        if action == "sentence":
            _cover(s, flag, start, end, actor)
        if action == "reject" and flag.found:
            _suppress(s, flag.article_id, flag.entity, flag.found, actor)
        translation_id = flag.translation_id
    if action in CORRECTING:
        save_corrected(store, translation_id)
    return decision


def _cover(s, flag: FlagRow, start: int, end: int, actor: str) -> None:
    """Close the other open flags of the current check whose span lies in the rewritten sentence."""
    inside = s.execute(select(FlagRow).where(
        FlagRow.translation_id == flag.translation_id, FlagRow.glossary_version == flag.glossary_version,
        FlagRow.id != flag.id, FlagRow.start >= start, FlagRow.end <= end, undecided())).scalars()
    for other in inside:
        s.add(Decision(flag_id=other.id, article_id=other.article_id, action=COVERED, actor=actor, at=utcnow(),
                       reason=f"inside the sentence rewritten for flag {flag.id}"))


def _suppress(s, article_id: int, entity: str, found: str, actor: str) -> None:
    exists_already = s.execute(select(Suppression.id).where(
        Suppression.article_id == article_id, Suppression.entity == entity, Suppression.found == found)).scalar()
    if exists_already is None:
        s.add(Suppression(article_id=article_id, entity=entity, found=found, actor=actor))


def save_corrected(store: Store, translation_id: int) -> None:
    text, applied = corrected_text(store, translation_id)
    with store.session() as s:
        t = s.get(Translation, translation_id)
        article_id, revision, lang = t.article_id, t.revision, t.source_lang
    store.save_translation(article_id, revision, "corrected", f"{translation_id}.{applied}", lang, text)


def carry_decisions(store: Store, translation_id: int, glossary_version: str) -> int:
    """Copy the decisions in force on earlier checks of this translation onto the same findings of the
    check with ``glossary_version``; returns how many were carried. Running it twice changes nothing."""
    with store.session() as s:
        fresh = list(s.execute(select(FlagRow).where(FlagRow.translation_id == translation_id,
                                                     FlagRow.glossary_version == glossary_version, undecided()))
                     .scalars())
        if not fresh:
            return 0
        earlier = s.execute(select(FlagRow, Decision).join(Decision, Decision.flag_id == FlagRow.id)
                            .where(FlagRow.translation_id == translation_id,
                                   FlagRow.glossary_version != glossary_version, in_force())
                            .order_by(Decision.id)).all()
        by_finding = {(f.entity, f.kind, f.span, f.found): (f, d) for f, d in earlier}
        carried = 0
        for flag in fresh:
            old = by_finding.get((flag.entity, flag.kind, flag.span, flag.found))
            if old is None:
                continue
            old_flag, d = old
            if d.action == "accept" and old_flag.suggestion != flag.suggestion:
                continue  # the glossary now suggests something else: the editor decides again
            s.add(Decision(flag_id=flag.id, article_id=flag.article_id, action=d.action, replacement=d.replacement,
                           reason=d.reason, actor=d.actor, at=d.at, start=d.start, end=d.end, carried_from=d.id))
            carried += 1
        return carried


def article_view(store: Store, article_id: int) -> tuple[Article, list[FlagRow], dict[int, Decision], list[Translation]]:
    article = store.get(article_id)
    if article is None:
        raise NotFound(f"no article {article_id}")
    flags = store.flags(article_id)
    with store.session() as s:
        decisions = {d.flag_id: d for d in s.execute(select(Decision).where(Decision.article_id == article_id)
                                                     .order_by(Decision.id)).scalars()}
    return article, flags, decisions, store.translations(article_id, article.revision)


def export(store: Store, article_id: int) -> dict:
    """The corrected translation of each machine or publisher translation, with its decisions; and
    ``published``: the one to publish (see :func:`published`)."""
    article, flags, decisions, translations = article_view(store, article_id)
    out = []
    for t in translations:
        if t.engine == "corrected":
            continue
        text, applied = corrected_text(store, t.id)
        own = [d for f in flags if f.translation_id == t.id and (d := decisions.get(f.id))]
        out.append({"engine": t.engine, "engine_version": t.engine_version, "original": t.text, "corrected": text,
                    "corrections": applied, "last_decision": max((d.id for d in own), default=0),
                    "decisions": [{"flag": f.id, "entity": f.entity, "kind": f.kind, "found": f.found,
                                   "action": decisions[f.id].action, "replacement": decisions[f.id].replacement,
                                   "by": decisions[f.id].actor, "at": decisions[f.id].at.isoformat()}
                                  for f in flags if f.translation_id == t.id and f.id in decisions]})
    chosen = published(out)
    return {"id": article.id, "title": article.title, "url": article.url, "language": article.language,
            "revision": article.revision, "translations": out,
            "published": None if chosen is None else {"engine": chosen["engine"], "text": chosen["corrected"],
                                                      "corrections": chosen["corrections"]}}


def published(translations: list[dict]) -> dict | None:
    """The translation editors worked on last (its corrections applied); without corrections, the
    publisher's own translation when there is one, else the machine translation."""
    if not translations:
        return None
    worked = [t for t in translations if t["corrections"]]
    if worked:
        return max(worked, key=lambda t: t["last_decision"])
    return next((t for t in translations if t["engine"] == "publisher"), translations[0])


def suppressed(store: Store, article_id: int) -> set[tuple[str, str]]:
    with store.session() as s:
        return set(s.execute(select(Suppression.entity, Suppression.found)
                             .where(Suppression.article_id == article_id)).all())


def name_spellings(store: Store) -> dict[str, str]:
    """Editors' English for names outside the glossary, so the glossary step uses it in later
    articles (newest decision in force): for each accepted or edited ``unverified-name`` flag, its
    house-style word -> the English word the editor chose ("Aragchi" -> "Araghchi"); for each
    ``translated-name`` flag, the whole rendering -> the name the editor chose, or itself where the
    editor accepted it ("Central Voting Commission" -> "Central Election Commission")."""
    out: dict[str, str] = {}
    with store.session() as s:
        latest = select(func.max(Decision.id)).group_by(Decision.flag_id)
        rows = s.execute(select(FlagRow.kind, FlagRow.found, Decision.replacement)
                         .join(Decision, Decision.flag_id == FlagRow.id)
                         .where(Decision.id.in_(latest), Decision.action.in_(("accept", "edit")),
                                FlagRow.kind.in_(("unverified_name", "translated_name"))).order_by(Decision.id)).all()
    for kind, found, replacement in rows:
        if kind == "translated_name":
            out[found or ""] = (replacement or "").strip() or found or ""
            continue
        words, better = (found or "").split(), (replacement or "").split()
        if len(words) == len(better):
            out.update({w: b for w, b in zip(words, better) if w != b})
    return out


def taught_names(spellings: dict[str, str]) -> frozenset[str]:
    """The names of ordinary words editors chose (the values of :func:`name_spellings`' phrase keys):
    the check stage does not flag them again as translated word by word."""
    return frozenset(v for k, v in spellings.items() if " " in k)


def stats(store: Store) -> dict:
    """Flags per kind and entity, and how often editors agreed with each rule (each decision once)."""
    with store.session() as s:
        per_rule = s.execute(
            select(FlagRow.rule, func.count(Decision.id),
                   func.sum(case((Decision.action.in_(CORRECTING), 1), else_=0)))
            .join(Decision, Decision.flag_id == FlagRow.id).where(in_force(), Decision.action != COVERED)
            .group_by(FlagRow.rule)).all()
        kinds = dict(s.execute(current(select(FlagRow.kind, func.count())).group_by(FlagRow.kind)).all())
        entities = s.execute(current(select(FlagRow.entity, func.count())).group_by(FlagRow.entity)
                             .order_by(func.count().desc()).limit(20)).all()
    return {"by_kind": kinds, "by_entity": entities,
            "by_rule": [{"rule": r, "decided": n, "agreed": int(a or 0),
                         "acceptance": (int(a or 0) / n) if n else None} for r, n, a in per_rule]}
