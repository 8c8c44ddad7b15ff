"""What a scraper submits, validated in one place for the client, the HTTP API and the CLI."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from newsqa.qa.errors import NewsqaError

MAX_TEXT_CHARS = 2_000_000  # about 300,000 words: far beyond any news article
_LANG_RE = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")
_TRACKING = re.compile(r"^(utm_|fbclid$|gclid$|mc_)")


class BadArticle(NewsqaError):
    """Input that cannot become an article; the message says what to fix."""


class ArticleIn(BaseModel):
    """A news article as submitted. ``text`` may be plain text or HTML (reduced to text on ingest)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS,
                      description="The article: plain text, or HTML that the pipeline reduces to text.")
    url: str | None = Field(None, max_length=4000, description="Canonical URL; identifies the article.")
    outlet: str | None = Field(None, max_length=200)
    title: str | None = Field(None, max_length=2000)
    published_at: datetime | None = None
    language: str | None = Field(None, description="Declared language (BCP 47), confirmed by detection.")
    translation: str | None = Field(None, max_length=MAX_TEXT_CHARS,
                                    description="The publisher's own English translation, checked too.")
    metadata: dict[str, Any] = Field(default_factory=dict)

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if not value:
            return None
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError("must be an http or https URL")
        return value

    @field_validator("language")
    @classmethod
    def _language(cls, value: str | None) -> str | None:
        if value and not _LANG_RE.match(value):
            raise ValueError("must be a language tag such as sr, sr-Cyrl, hr or mk")
        return value or None

    @field_validator("text", "translation")
    @classmethod
    def _no_nul(cls, value: str | None) -> str | None:
        if value is not None and "\x00" in value:
            raise ValueError("must not contain NUL characters")
        return value

    @field_validator("text")
    @classmethod
    def _some_text(cls, value: str) -> str:
        # pydantic strips Unicode White_Space only; Python also counts the separators \x1c-\x1f as space.
        if not value.strip():
            raise ValueError("must contain some text, not only white space or separators")
        return value

    @property
    def key(self) -> str:
        """The article's identity: its canonical URL, or its content when it has none."""
        basis = f"url:{canonical_url(self.url)}" if self.url else f"text:{self.title or ''}\n{_squeeze(self.text)}"
        return hashlib.sha256(basis.encode("utf-8")).hexdigest()

    @property
    def content_hash(self) -> str:
        basis = "\x1f".join([self.title or "", _squeeze(self.text), _squeeze(self.translation or "")])
        return hashlib.sha256(basis.encode("utf-8")).hexdigest()


def parse_article(data: Any, where: str = "article") -> ArticleIn:
    """Validate one submitted object; errors name the field and the problem."""
    if not isinstance(data, dict):
        raise BadArticle(f"{where}: expected a JSON object with at least \"text\"")
    try:
        return ArticleIn.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'article'}: {e['msg']}" for e in exc.errors())
        raise BadArticle(f"{where}: {problems}") from None


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no fragment, no tracking parameters, no trailing slash."""
    parts = urlsplit(url.strip())
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)])
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


def _squeeze(text: str) -> str:
    return " ".join(text.split())
