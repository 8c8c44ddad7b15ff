"""What the checker reports: one :class:`Flag` per suspected entity-name error."""

from __future__ import annotations

from dataclasses import asdict, dataclass

KINDS = {
    "deprecated": "a form the glossary marks as wrong or superseded",
    "source_form": "a source-language spelling left in the English text",
    "transliteration": "the same name spelled by another (often Slavic) romanisation",
    "near_miss": "a misspelling of an accepted name",
    "wrong_entity": "the source names this entity but the translation names another one in its place",
    "missing": "the source names this entity but the translation does not",
}


@dataclass(frozen=True)
class Flag:
    """A suspected error in an entity name.

    ``start``/``end`` are character offsets into the translation (``None`` when the name is
    missing altogether); ``suggestion`` is the entity's preferred English term; ``rule`` names
    the check that raised it, so editors' decisions can be counted per rule.
    """

    entity: str
    kind: str
    start: int | None
    end: int | None
    found: str | None
    suggestion: str | None
    confidence: float
    reason: str
    rule: str = ""
    source_start: int | None = None
    source_end: int | None = None

    def to_dict(self) -> dict:
        return asdict(self)

    def to_contract(self) -> dict:
        """The stable batch-output form (``newsqa check --jsonl``)."""
        return {
            "entity": self.entity, "kind": self.kind, "start": self.start, "end": self.end,
            "found": self.found, "suggestion": self.suggestion,
            "confidence": round(self.confidence, 3), "reason": self.reason,
        }
