"""Name discovery over the store's processed articles, and turning a candidate into an entity."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from newsqa.qa.discovery import Candidate, discover, form_tag
from newsqa.qa.errors import NewsqaError
from newsqa.qa.model import Status
from newsqa.qa.validate import folded
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
    """Unknown names, most used first; a name whose every form the glossary now has is left out
    (promoted, or added by hand) even where the checker cannot read it in some article."""
    checker = checker_for(store)
    known = lambda source, lang: [(a, b) for _, a, b in checker.source_entities(source, lang)]  # noqa: E731
    terms = {folded(text, lang) for text, lang in checker.index.glossary_terms()}
    return [c for c in discover(_items(store), known) if len(c.articles) >= min_articles
            and not all(folded(f, form_tag(f, c.languages.get(f, Counter()))) in terms for f in c.forms)]


def promote(store: Store, key: str, entity_id: str, etype: str, english: str, actor: str, source: str = "cli") -> int:
    """Create an entity from a candidate in one step: the English name as preferred, and every source
    form seen (in its script) as an admitted term. Returns the number of terms added."""
    found = next((c for c in candidates(store) if c.key == key), None)
    if found is None:
        raise NewsqaError(f"no candidate {key!r} (see `newsqa glossary candidates`)")
    glossary = GlossaryStore(store)
    glossary.add_entity(entity_id, etype, f"added from name discovery ({len(found.articles)} articles)", actor,
                        source=source, english=english)
    added = 1
    for form in found.forms:
        tag = form_tag(form, found.languages.get(form) or Counter())  # each form in its own articles' language
        try:
            glossary.add_term(entity_id, tag, form, Status.ADMITTED, actor, source=source, force=True)
            added += 1
        except NewsqaError:
            pass  # the same form twice
    return added
