"""Text for the review pages: sentences side by side, and spans cut out for highlighting.

Pieces are returned as (text, highlighted) pairs; the templates escape each piece (Jinja's
autoescape) before wrapping the highlighted ones, so article text can never become markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsqa.report import marked  # noqa: F401  (the one highlighter, shared with the HTML report)
from newsqa.qa.sentences import spans as sentences

@dataclass
class Row:
    source: list[tuple[str, bool]]
    translation: list[tuple[str, bool]]
    focus: bool


def pieces(text: str, start: int, end: int, mark: tuple[int, int] | None) -> list[tuple[str, bool]]:
    if mark is None or mark[1] <= start or mark[0] >= end:
        return [(text[start:end], False)]
    a, b = max(mark[0], start), min(mark[1], end)
    return [p for p in ((text[start:a], False), (text[a:b], True), (text[b:end], False)) if p[0]]


def side_by_side(source: str | None, translation: str, mark: tuple[int, int] | None,
                 source_mark: tuple[int, int] | None) -> list[Row]:
    """Sentence-aligned rows by position (MT keeps sentence order); the flagged row has ``focus``."""
    t_spans = sentences(translation)
    s_spans = sentences(source) if source else []
    rows = []
    for i in range(max(len(t_spans), len(s_spans))):
        t = t_spans[i] if i < len(t_spans) else None
        s = s_spans[i] if i < len(s_spans) else None
        t_pieces = pieces(translation, *t, mark) if t else []
        s_pieces = pieces(source, *s, source_mark) if s and source else []
        rows.append(Row(s_pieces, t_pieces, any(h for _, h in t_pieces) or any(h for _, h in s_pieces)))
    return rows


def around_focus(rows: list[Row], context: int = 3) -> tuple[list[Row], bool]:
    """The rows within ``context`` of the flagged ones (all rows when none is flagged); and whether
    rows were left out."""
    focus = [i for i, r in enumerate(rows) if r.focus]
    if not focus:
        return rows, False
    lo, hi = max(min(focus) - context, 0), min(max(focus) + context + 1, len(rows))
    return rows[lo:hi], lo > 0 or hi < len(rows)
