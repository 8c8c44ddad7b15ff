"""The batch contract of the whole chain (``newsqa run --jsonl ARTICLES --json``): one stable JSON
object per input article, built from what the store holds after the pipeline ran.

``flags`` are exactly the objects ``newsqa check --jsonl`` prints (:meth:`Flag.to_contract`), for the
translation readers see: the engine's, not a publisher's own translation or an editor's correction.
Keep the keys stable: scripts and the end-to-end scorer read them.
"""

from __future__ import annotations

from newsqa.qa.flags import Flag
from newsqa.tasks.store import Store

KEYS = ("id", "language", "script", "engine", "translation", "flags")
NOT_MACHINE = ("publisher", "corrected")


def flag_contract(row) -> dict:
    """A stored flag as ``newsqa check --jsonl`` prints it."""
    return Flag(row.entity, row.kind, row.start, row.end, row.found, row.suggestion, row.confidence,
                row.reason, row.rule).to_contract()


def run_output(store: Store, ident: object, article_id: int | None, error: str | None = None) -> dict:
    """The contract line for one input: the article's language, translation and flags, or its error."""
    if article_id is None:
        return {"id": ident, "error": error or "not an article"}
    article = store.get(article_id)
    machine = [t for t in store.translations(article_id, article.revision) if t.engine not in NOT_MACHINE]
    translation = machine[-1] if machine else None
    out = {"id": ident, "language": article.language, "script": article.script,
           "engine": translation.engine if translation else None,
           "translation": translation.text if translation else None,
           "flags": [flag_contract(f) for f in store.flags(article_id)
                     if translation is not None and f.translation_id == translation.id]}
    if article.state != "processed":
        out["error"] = article.error or article.state
    return out
