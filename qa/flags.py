"""What the checker reports: one :class:`Flag` per suspected entity-name error."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from newsqa.qa.rules import KINDS as _KINDS

# kind -> what it means (the review page lists these); the table is qa/rules.py.
KINDS = {kind: k.meaning for kind, k in _KINDS.items()}


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
