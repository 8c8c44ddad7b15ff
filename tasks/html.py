"""Reduce submitted HTML to the article's plain text (scripts, styles and markup dropped)."""

from __future__ import annotations

import re

from lxml import etree, html

_LOOKS_HTML = re.compile(r"<\s*(html|body|p|div|br|span|article|section|h[1-6]|script|style|a|li|table)\b", re.I)
_DROP = ("script", "style", "noscript", "template", "iframe", "object", "svg", "head")
_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section", "tr",
           "blockquote", "header", "footer", "figcaption", "title"}


def looks_like_html(text: str) -> bool:
    return bool(_LOOKS_HTML.search(text))


def to_text(body: str) -> str:
    """Plain text of an HTML document or fragment; plain text passes through (whitespace tidied)."""
    if not looks_like_html(body):
        return _tidy(body)
    try:
        root = html.document_fromstring(body)
    except (etree.ParserError, ValueError):
        return _tidy(re.sub(r"<[^>]+>", " ", body))
    for el in list(root.iter(*_DROP)):
        el.drop_tree()
    parts: list[str] = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            if el.tail:
                parts.append(el.tail)
            continue
        if el.tag in _BLOCKS:
            parts.append("\n")
        if el.text:
            parts.append(el.text)
        if el.tail:
            parts.append(el.tail)
    return _tidy("".join(parts))


def _tidy(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    out, blank = [], False
    for line in lines:
        if line:
            out.append(line)
            blank = False
        elif not blank and out:
            out.append("")
            blank = True
    return "\n".join(out).strip()
