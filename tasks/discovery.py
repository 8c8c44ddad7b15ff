"""Name discovery over the store's processed articles, and turning a candidate into an entity."""

from __future__ import annotations

from sqlalchemy import select

from newsqa.qa.discovery import Candidate, discover
from newsqa.qa.errors import NewsqaError
from newsqa.qa.model import Status
from newsqa.qa.normalize import has_cyrillic
from newsqa.tasks.checking import checker_for
from newsqa.tasks.glossary_store import GlossaryStore
from newsqa.tasks.models import Article, Translation
from newsqa.tasks.store import Store

MT_ENGINES_EXCLUDED = ("publisher", "corrected", "passthrough")


def _items(store: Store):
    with store.session() as s:
        rows = s.execute(select(Article, Translation).join(Translation, Translation.article_id == Article.id)
                         .where(Article.state == "processed", Translation.revision == Article.revision,
                                Translation.engine.not_in(MT_ENGINES_EXCLUDED))
                         .order_by(Article.id, Translation.id)).all()
    seen = set()
    for article, translation in rows:
        if article.id in seen or article.language == "en":
            continue
        seen.add(article.id)
        yield (article.id, article.outlet, article.text, article.language, translation.text,
               (translation.unknown_words or {}).get("words", []))


def candidates(store: Store, min_articles: int = 1) -> list[Candidate]:
    checker = checker_for(store)
    known = lambda source, lang: [(a, b) for _, a, b in checker.source_entities(source, lang)]  # noqa: E731
    return [c for c in discover(_items(store), known) if len(c.articles) >= min_articles]


def promote(store: Store, key: str, entity_id: str, etype: str, english: str, actor: str, source: str = "cli") -> int:
    """Create an entity from a candidate in one step: the English name as preferred, and every source
    form seen (in its script) as an admitted term. Returns the number of terms added."""
    found = next((c for c in candidates(store) if c.key == key), None)
    if found is None:
        raise NewsqaError(f"no candidate {key!r} (see `newsqa glossary candidates`)")
    glossary = GlossaryStore(store)
    glossary.add_entity(entity_id, etype, f"added from name discovery ({len(found.articles)} articles)", actor,
                        source=source, english=english)
    languages = _languages(store, found)
    added = 1
    for form in found.forms:
        tag = f"{languages}-{'Cyrl' if has_cyrillic(form) else 'Latn'}" if languages in ("sr", "bs", "cnr") else languages
        try:
            glossary.add_term(entity_id, tag, form, Status.ADMITTED, actor, source=source, force=True)
            added += 1
        except NewsqaError:
            pass  # the same form twice
    return added


def _languages(store: Store, candidate: Candidate) -> str:
    with store.session() as s:
        langs = [lang for lang in s.execute(select(Article.language).where(Article.id.in_(candidate.articles)))
                 .scalars() if lang]
    return max(set(langs), key=langs.count) if langs else "sr"
