"""What a scraper submits, validated in one place for the client, the HTTP API and the CLI."""

from __future__ import annotations

import hashlib
import json
import math
import re
from datetime import datetime, timezone
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from newsqa.qa.errors import NewsqaError

MAX_TEXT_CHARS = 2_000_000  # about 300,000 words: far beyond any news article
MAX_LANGUAGE_CHARS = 16     # the store's column; "sr-Latn-RS" is 10
MAX_METADATA_BYTES = 65_536  # metadata as JSON: room for any scraper's fields, not for a second article
MAX_METADATA_DEPTH = 16
_SURROGATE = re.compile("[\ud800-\udfff]")
_LANG_RE = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")
_TRACKING = re.compile(r"^(utm_|fbclid$|gclid$|mc_)")


class BadArticle(NewsqaError):
    """Input that cannot become an article; the message says what to fix. ``errors`` has one entry
    per problem (``loc``, ``msg``, ``type``, as FastAPI's 422 does; never the input itself, which may
    be what cannot be encoded)."""

    def __init__(self, message: str, errors: list[dict] | None = None) -> None:
        super().__init__(message)
        self.errors = errors or [{"loc": [], "msg": message, "type": "value_error"}]


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

    @field_validator("text", "url", "outlet", "title", "language", "translation", mode="before")
    @classmethod
    def _plain_string(cls, value: Any) -> Any:
        """No NUL characters (PostgreSQL's text cannot hold them) and no lone surrogates (they are not
        Unicode and cannot be encoded) in any field; checked before anything else reads them."""
        if isinstance(value, str):
            _check_text(value)
        return value

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
        if value and len(value) > MAX_LANGUAGE_CHARS:
            raise ValueError(f"must be a language tag of at most {MAX_LANGUAGE_CHARS} characters")
        return value or None

    @field_validator("published_at")
    @classmethod
    def _in_range(cls, value: datetime | None) -> datetime | None:
        """A date the store can keep: it is stored in UTC, so 9999-12-31T23:59-14:00 (year 10000) is not."""
        if value is None:
            return None
        try:
            (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)
        except OverflowError:
            raise ValueError("must be a date between the years 1 and 9999 in UTC") from None
        return value

    @field_validator("metadata", mode="before")
    @classmethod
    def _plain_json(cls, value: Any) -> Any:
        check_metadata(value)
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


def _check_text(value: str, where: str = "") -> None:
    prefix = f"{where}: " if where else ""
    if "\x00" in value:
        raise ValueError(f"{prefix}must not contain NUL characters")
    if _SURROGATE.search(value):
        raise ValueError(f"{prefix}must not contain lone surrogates (text that is not Unicode)")


def check_metadata(value: Any) -> None:
    """Metadata must be plain JSON: objects with string keys, arrays, strings, finite numbers,
    booleans and null; at most MAX_METADATA_DEPTH deep and MAX_METADATA_BYTES as JSON. Walked
    without recursion, so a value nested 5,000 deep is an error message, not a RecursionError."""
    if value is None:
        return
    if not isinstance(value, dict):
        raise ValueError("must be a JSON object")
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_METADATA_DEPTH:
            raise ValueError(f"must be nested at most {MAX_METADATA_DEPTH} deep")
        if isinstance(item, dict):
            for key, child in item.items():
                if not isinstance(key, str):
                    raise ValueError("must have string keys")
                _check_text(key, "metadata key")
                stack.append((child, depth + 1))
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)
        elif isinstance(item, str):
            _check_text(item, "metadata value")
        elif isinstance(item, float) and not math.isfinite(item):
            raise ValueError("must not contain NaN or Infinity (not JSON)")
        elif not (item is None or isinstance(item, (bool, int, float))):
            raise ValueError(f"must be plain JSON; a {type(item).__name__} is not")
    size = len(json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    if size > MAX_METADATA_BYTES:
        raise ValueError(f"must be at most {MAX_METADATA_BYTES} bytes as JSON, not {size}")


def parse_article(data: Any, where: str = "article") -> ArticleIn:
    """Validate one submitted object; errors name the field and the problem."""
    if not isinstance(data, dict):
        raise BadArticle(f"{where}: expected a JSON object with at least \"text\"")
    try:
        return ArticleIn.model_validate(data)
    except ValidationError as exc:
        errors = [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in exc.errors()]
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'article'}: {e['msg']}" for e in errors)
        raise BadArticle(f"{where}: {problems}", errors) from None
    except RecursionError:  # a field other than metadata nested beyond Python's stack
        raise BadArticle(f"{where}: nested too deep") from None


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no fragment, no tracking parameters, no trailing slash."""
    parts = urlsplit(url.strip())
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)])
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


def _squeeze(text: str) -> str:
    return " ".join(text.split())
