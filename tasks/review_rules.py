"""What a newsroom tells the checker from the review page: rules switched off, and ignore rules.

Both are stored and audited. Workers read them before every check (one small query each): a rule
switched off is left out of the checker (the rule ids are the checker's own, ``qa.rules.RULES``), and
a finding an ignore rule covers ("this form is fine for this entity", everywhere or in one outlet's
articles) is not flagged. A new ignore rule also closes the open flags it covers, each with its own
decision record naming the rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from newsqa.qa.errors import NewsqaError
from newsqa.qa.rules import RULES
from newsqa.tasks.audit import record
from newsqa.tasks.models import Article, Decision, FlagRow, IgnoreRule, RuleSetting, utcnow
from newsqa.tasks.store import Store


class RuleError(NewsqaError):
    """An unknown rule, or an ignore rule without an entity or form."""


def disabled_rules(store: Store) -> frozenset[str]:
    with store.session() as s:
        return frozenset(s.execute(select(RuleSetting.rule).where(RuleSetting.enabled.is_(False))).scalars())


def rule_settings(store: Store) -> list[tuple[str, str, RuleSetting | None]]:
    """Every checker rule with its description and its setting (None: never switched, so on)."""
    with store.session() as s:
        rows = {r.rule: r for r in s.execute(select(RuleSetting)).scalars()}
    return [(rule, about, rows.get(rule)) for rule, about in RULES.items()]


def switch_rule(store: Store, rule: str, enabled: bool, actor: str) -> None:
    if rule not in RULES:
        raise RuleError(f"unknown rule {rule!r} (known: {', '.join(RULES)})")
    with store.session() as s:
        row = s.get(RuleSetting, rule, with_for_update=True)
        if row is None:
            row = RuleSetting(rule=rule)
            s.add(row)
        row.enabled, row.actor, row.at = enabled, actor, utcnow()
        record(s, actor, "rule-on" if enabled else "rule-off", rule=rule)


def _key(found: str) -> str:
    return " ".join(found.split()).casefold()


@dataclass(frozen=True)
class Ignored:
    """The findings ignore rules cover for one outlet's articles."""

    keys: frozenset[tuple[str, str]]

    def covers(self, entity: str, found: str | None) -> bool:
        return found is not None and (entity, _key(found)) in self.keys


def ignored_for(store: Store, outlet: str | None) -> Ignored:
    with store.session() as s:
        rows = s.execute(select(IgnoreRule.entity, IgnoreRule.found).where(
            IgnoreRule.removed_at.is_(None),
            IgnoreRule.outlet.is_(None) | (IgnoreRule.outlet == outlet))).all()
    return Ignored(frozenset((entity, _key(found)) for entity, found in rows))


def add_ignore_rule(store: Store, entity: str, found: str, outlet: str | None, reason: str | None,
                    actor: str) -> tuple[int, int]:
    """Create an ignore rule and close the open flags it covers; returns (rule id, flags closed)."""
    from newsqa.tasks.review import current, undecided

    found = " ".join((found or "").split())
    if not entity or not found:
        raise RuleError("an ignore rule needs an entity and a form")
    with store.session() as s:
        rule = IgnoreRule(entity=entity, found=found, outlet=outlet or None, reason=(reason or "").strip() or None,
                          actor=actor, at=utcnow())
        s.add(rule)
        s.flush()
        query = current(select(FlagRow)).where(undecided(), FlagRow.entity == entity, FlagRow.found.is_not(None))
        if outlet:
            query = query.where(Article.outlet == outlet)
        closed = 0
        for flag in s.execute(query).scalars():
            if _key(flag.found) != _key(found):
                continue
            s.add(Decision(flag_id=flag.id, article_id=flag.article_id, action="reject", actor=actor, at=utcnow(),
                           reason=f"ignore rule {rule.id}: “{found}” is fine for {entity}"
                                  + (f" in {outlet}" if outlet else "")))
            closed += 1
        record(s, actor, "ignore-add", rule=rule.id, entity=entity, found=found, outlet=outlet, closed=closed)
        return rule.id, closed


def remove_ignore_rule(store: Store, rule_id: int, actor: str) -> None:
    """Switch an ignore rule off (its row stays, for the record); articles checked again flag the form."""
    with store.session() as s:
        rule = s.get(IgnoreRule, rule_id, with_for_update=True)
        if rule is None or rule.removed_at is not None:
            raise RuleError(f"no active ignore rule {rule_id}")
        rule.removed_at, rule.removed_by = utcnow(), actor
        record(s, actor, "ignore-remove", rule=rule_id, entity=rule.entity, found=rule.found, outlet=rule.outlet)


def ignore_rules(store: Store, include_removed: bool = False) -> list[IgnoreRule]:
    with store.session() as s:
        query = select(IgnoreRule).order_by(IgnoreRule.id.desc())
        if not include_removed:
            query = query.where(IgnoreRule.removed_at.is_(None))
        return list(s.execute(query).scalars())
