"""TBX (ISO 30042) reading and writing: the 2019 DCA form and the 2008 ``martif`` form.

Why both: terminologists still exchange 2008 files (``martif``/``termEntry``/``langSet``/``tig``)
while current tools write 2019 TBX-Basic (``tbx``/``conceptEntry``/``langSec``/``termSec``).
Elements are matched by local name, so namespaced and namespace-less files both read.

Entity type is carried as ``<descrip type="entityType">`` at concept level (TBX-Basic has no
category for it). Data categories we do not interpret are kept in ``fields`` as
``"<element>:<type>"`` (for example ``"termNote:partOfSpeech"``) and written back unchanged;
transaction history (``transacGrp``) is not kept. TBX holds an entity's terms per language, so
terms written in interleaved languages come back grouped by language (order within a language is
kept).

Files are parsed with entity expansion, DTD loading and network access off; a file that declares
entities is refused, which stops entity-expansion ("billion laughs") and external-entity attacks.
"""

from __future__ import annotations

from lxml import etree

from newsqa.qa.errors import GlossaryError, GlossaryFormatError
from newsqa.qa.model import Entity, Glossary, Status, Term

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DIALECTS = ("2019", "2008")


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
        huge_tree=False, remove_comments=True, remove_pis=True,
    )


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _children(el: etree._Element, *names: str) -> list[etree._Element]:
    return [c for c in el if isinstance(c.tag, str) and _local(c) in names]


def _text(el: etree._Element) -> str:
    return "".join(el.itertext()).strip()


def read_tbx(data: bytes, source: str = "<tbx>") -> Glossary:
    """Parse TBX bytes (2019 or 2008 form) into a :class:`Glossary`."""
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno else None
        raise GlossaryFormatError(source, line, f"not well-formed XML: {exc.msg}") from None
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None and docinfo.internalDTD.iterentities():
        raise GlossaryFormatError(source, 1, "entity declarations are not allowed in a glossary file")
    kind = _local(root)
    if kind not in ("tbx", "martif"):
        raise GlossaryFormatError(source, root.sourceline,
                                  f"root element is <{kind}>, expected <tbx> (TBX 2019) or <martif> (TBX 2008)")
    entry_name, lang_name = ("conceptEntry", "langSec") if kind == "tbx" else ("termEntry", "langSet")
    glossary = Glossary(title=_title(root))
    for entry in root.iter():
        if not isinstance(entry.tag, str) or _local(entry) not in ("conceptEntry", "termEntry"):
            continue
        if _local(entry) != entry_name:
            raise GlossaryFormatError(source, entry.sourceline,
                                      f"<{_local(entry)}> in a <{kind}> file; expected <{entry_name}>")
        try:
            glossary.add(_read_entry(entry, lang_name, source))
        except GlossaryFormatError:
            raise
        except GlossaryError as exc:
            raise GlossaryFormatError(source, entry.sourceline, str(exc)) from None
    return glossary


def _title(root: etree._Element) -> str | None:
    for el in root.iter():
        if isinstance(el.tag, str) and _local(el) == "title":
            return _text(el) or None
    return None


def _read_fields(el: etree._Element, into: dict[str, str], skip: set[str]) -> None:
    for child in el:
        if not isinstance(child.tag, str):
            continue
        name = _local(child)
        if name in ("descripGrp",):
            _read_fields(child, into, skip)
        elif name in ("descrip", "admin", "termNote", "xref", "ref"):
            ctype = child.get("type", "")
            key = f"{name}:{ctype}"
            if key not in skip:
                into[key] = _text(child)


def _read_entry(entry: etree._Element, lang_name: str, source: str) -> Entity:
    entity_id = entry.get("id")
    if not entity_id:
        raise GlossaryFormatError(source, entry.sourceline, f"<{_local(entry)}> has no id attribute")
    entity = Entity(id=entity_id)
    for child in entry:
        if not isinstance(child.tag, str):
            continue
        if _local(child) == "descrip" and child.get("type") == "entityType":
            entity.type = _text(child) or "other"
        elif _local(child) == "note":
            entity.note = _text(child) or None
    _read_fields(entry, entity.fields, skip={"descrip:entityType"})
    for lang_el in _children(entry, lang_name):
        lang = lang_el.get(XML_LANG) or lang_el.get("lang")
        if not lang:
            raise GlossaryFormatError(source, lang_el.sourceline, f"<{lang_name}> has no xml:lang attribute")
        for term_el in _children(lang_el, "termSec", "tig", "ntig"):
            entity.terms.append(_read_term(term_el, lang, source))
    return entity


def _read_term(term_el: etree._Element, lang: str, source: str) -> Term:
    holder = term_el
    if _local(term_el) == "ntig":
        groups = _children(term_el, "termGrp")
        holder = groups[0] if groups else term_el
    terms = _children(holder, "term")
    if len(terms) != 1:
        raise GlossaryFormatError(source, term_el.sourceline,
                                  f"<{_local(term_el)}> must hold exactly one <term>, found {len(terms)}")
    text = _text(terms[0])
    if not text:
        raise GlossaryFormatError(source, terms[0].sourceline, "empty <term>")
    term = Term(text=text, lang=lang)
    notes = [c for c in holder.iter() if isinstance(c.tag, str) and _local(c) == "termNote"
             and c.get("type") == "administrativeStatus"]
    if notes:
        try:
            term.status = Status.parse(_text(notes[0]))
        except GlossaryError as exc:
            raise GlossaryFormatError(source, notes[0].sourceline, str(exc)) from None
    _read_fields(holder, term.fields, skip={"termNote:administrativeStatus"})
    if holder is not term_el:
        _read_fields(term_el, term.fields, skip={"termNote:administrativeStatus"})
    for note in _children(holder, "note"):
        term.fields["note"] = _text(note)
    return term


def write_tbx(glossary: Glossary, dialect: str = "2019") -> bytes:
    """Serialise a glossary as TBX-Basic: ``dialect`` is ``"2019"`` (default) or ``"2008"``."""
    if dialect not in DIALECTS:
        raise GlossaryError(f"unknown TBX dialect {dialect!r} (expected one of: {', '.join(DIALECTS)})")
    modern = dialect == "2019"
    E = etree.Element
    if modern:
        root = E("{%s}tbx" % TBX_NS, nsmap={None: TBX_NS}, attrib={"type": "TBX-Basic", "style": "dca"})
        ns = "{%s}" % TBX_NS
    else:
        root = E("martif", attrib={"type": "TBX-Basic"})
        ns = ""
    root.set(XML_LANG, "en")
    header = etree.SubElement(root, ns + "tbxHeader" if modern else "martifHeader")
    file_desc = etree.SubElement(header, ns + "fileDesc")
    if glossary.title:
        title_stmt = etree.SubElement(file_desc, ns + "titleStmt")
        etree.SubElement(title_stmt, ns + "title").text = glossary.title
    source_desc = etree.SubElement(file_desc, ns + "sourceDesc")
    etree.SubElement(source_desc, ns + "p").text = "Written by newsqa"
    body = etree.SubElement(etree.SubElement(root, ns + "text"), ns + "body")
    for entity in glossary:
        entry = etree.SubElement(body, ns + ("conceptEntry" if modern else "termEntry"), id=entity.id)
        etree.SubElement(entry, ns + "descrip", type="entityType").text = entity.type
        _write_fields(entry, entity.fields, ns)
        if entity.note is not None:
            etree.SubElement(entry, ns + "note").text = entity.note
        by_lang: dict[str, list[Term]] = {}
        for term in entity.terms:
            by_lang.setdefault(term.lang, []).append(term)
        for lang, terms in by_lang.items():
            lang_el = etree.SubElement(entry, ns + ("langSec" if modern else "langSet"))
            lang_el.set(XML_LANG, lang)
            for term in terms:
                term_el = etree.SubElement(lang_el, ns + ("termSec" if modern else "tig"))
                etree.SubElement(term_el, ns + "term").text = term.text
                etree.SubElement(term_el, ns + "termNote", type="administrativeStatus").text = term.status.tbx
                _write_fields(term_el, {k: v for k, v in term.fields.items() if k != "note"}, ns)
                if "note" in term.fields:
                    etree.SubElement(term_el, ns + "note").text = term.fields["note"]
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _write_fields(parent: etree._Element, fields: dict[str, str], ns: str) -> None:
    for key, value in fields.items():
        element, _, ctype = key.partition(":")
        etree.SubElement(parent, ns + element, type=ctype).text = value
