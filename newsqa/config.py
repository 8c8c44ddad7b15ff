"""Every setting newsqa reads, in one table: environment variables with the ``NEWSQA_`` prefix.

Kept as (name, default, help) rows so that ``newsqa config`` and docs/configuration.md are produced
from the same place as the code that reads them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    name: str
    default: str | None
    help: str

    def get(self) -> str | None:
        value = os.environ.get(self.name)
        return value if value not in (None, "") else self.default


GLOSSARY = Setting("NEWSQA_GLOSSARY", "seeds/glossary.tbx",
                   "Glossary file (TBX 2019/2008 or CSV) used when a command is given no --glossary.")
MIN_CONFIDENCE = Setting("NEWSQA_MIN_CONFIDENCE", "0.0",
                         "Flags below this confidence are not reported (0 to 1).")

SETTINGS = [GLOSSARY, MIN_CONFIDENCE]


def min_confidence() -> float:
    raw = MIN_CONFIDENCE.get() or "0"
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{MIN_CONFIDENCE.name} must be a number between 0 and 1, not {raw!r}") from None
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{MIN_CONFIDENCE.name} must be between 0 and 1, not {raw!r}")
    return value
