"""The seed material shipped with newsqa: the starter glossary and the seed article.

Shipped as package data so that ``newsqa run`` and ``newsqa check`` work from any folder, with no
glossary configured: the starter glossary is what an empty store imports when ``NEWSQA_GLOSSARY``
is not set, and the seed article is what ``newsqa run`` processes when given no path.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
STARTER_GLOSSARY = HERE / "glossary.tbx"
SEED_ARTICLES = HERE
