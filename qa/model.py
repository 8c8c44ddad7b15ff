"""The glossary's data model: entities (TBX concepts) with terms per language.

The model holds exactly what TBX-Basic and our CSV can carry, so that reading and writing either
format loses nothing: data categories we do not interpret (part of speech, subject field, ...) are
kept in ``fields`` and written back.
"""

from __future__ import annotations

import enum
import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache

from newsqa.qa.errors import GlossaryError


class Status(str, enum.Enum):
    """A term's administrative status, named as in TBX without the ``Term-admn-sts`` suffix."""

    PREFERRED = "preferred"
    ADMITTED = "admitted"
    DEPRECATED = "deprecated"
    SUPERSEDED = "superseded"

    @property
    def accepted(self) -> bool:
        """Whether a translation may use a term of this status without a flag."""
        return self in (Status.PREFERRED, Status.ADMITTED)

    @property
    def tbx(self) -> str:
        return f"{self.value}Term-admn-sts"

    @classmethod
    def parse(cls, value: str) -> "Status":
        """Accept our short names and the TBX picklist values (``preferredTerm-admn-sts``)."""
        text = value.strip()
        if text.endswith("Term-admn-sts"):
            text = text[: -len("Term-admn-sts")]
        try:
            return cls(text.lower())
        except ValueError:
            allowed = ", ".join(s.value for s in cls)
            raise GlossaryError(f"unknown term status {value!r} (expected one of: {allowed})") from None


ENTITY_TYPES = ("person", "organization", "place", "event", "other")
_TAG = re.compile(r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$", re.IGNORECASE)


def valid_language_tag(tag: str) -> bool:
    """A BCP 47 tag of the shape glossaries use: a registered language, then optionally a registered
    script and a region (``sr``, ``sr-Latn``, ``sr-Cyrl-RS``, ``en-GB``); not ``xx-Foo``."""
    import langcodes

    if not _TAG.match(tag or "") or not langcodes.tag_is_valid(tag):
        return False
    parts = tag.split("-")
    script = next((p for p in parts[1:] if len(p) == 4), None)
    return script is None or langcodes.Language.get(tag).script == script.title()


# The data category an export from the store writes on each entity: the entity's version there, so
# that importing the file later can tell an old copy from a newer edit. Not part of the content.
EXPORTED_VERSION = "admin:newsqa-version"


@lru_cache(maxsize=1024)
def base_language(tag: str) -> str:
    """A tag's language without script or region, kept per tag: every term of a glossary asks."""
    return tag.split("-")[0].lower()


@dataclass
class Term:
    """One written form of an entity's name in one language.

    ``lang`` is a BCP 47 tag as in TBX (``en``, ``sr-Latn``, ``sr-Cyrl``, ``hr``, ``mk``).
    """

    text: str
    lang: str
    status: Status = Status.ADMITTED
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def base_lang(self) -> str:
        """The language without script or region: ``sr-Cyrl`` -> ``sr``."""
        return base_language(self.lang)


@dataclass
class Entity:
    """A concept: one real-world person, organisation, place or event, with all its names."""

    id: str
    type: str = "other"
    note: str | None = None
    terms: list[Term] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)

    def terms_in(self, lang: str) -> list[Term]:
        base = base_language(lang)
        return [t for t in self.terms if t.base_lang == base]

    @property
    def preferred_english(self) -> Term | None:
        """The term a flag suggests; the first preferred English term, else the first accepted one."""
        english = self.terms_in("en")
        for term in english:
            if term.status is Status.PREFERRED:
                return term
        for term in english:
            if term.status.accepted:
                return term
        return None


@dataclass
class Glossary:
    """An ordered collection of entities, addressed by id."""

    entities: dict[str, Entity] = field(default_factory=dict)
    title: str | None = None

    def add(self, entity: Entity) -> Entity:
        if not entity.id or not entity.id.strip():
            raise GlossaryError("an entity needs a non-empty id")
        if entity.id in self.entities:
            raise GlossaryError(f"duplicate entity id {entity.id!r}")
        self.entities[entity.id] = entity
        return entity

    def __len__(self) -> int:
        return len(self.entities)

    def __iter__(self):
        return iter(self.entities.values())

    def __getitem__(self, entity_id: str) -> Entity:
        return self.entities[entity_id]

    @property
    def version(self) -> str:
        """A content hash, so a flag can say which glossary produced it (provenance)."""
        payload = [
            [e.id, e.type, e.note, sorted((k, v) for k, v in e.fields.items() if k != EXPORTED_VERSION),
             [[t.text, t.lang, t.status.value, sorted(t.fields.items())] for t in e.terms]]
            for e in self.entities.values()
        ]
        digest = hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode("utf-8"))
        return digest.hexdigest()[:12]
