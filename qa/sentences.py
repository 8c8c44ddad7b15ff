"""Cutting text into sentences: for aligning source and translation on the review page, and for
feeding a neural MT model sentence by sentence (models are trained on sentences and have a length
limit). A cut falls after . ! ? … (and any closing quote or bracket) before an upper-case letter or a
digit, and at every line break, so paragraphs survive.
"""

from __future__ import annotations

import re

_CUT = re.compile(r"(?<=[.!?…])[\"“”»)]*\s+(?=[\"“„«(]?[^\W_a-zа-я])|\n+", re.UNICODE)


def split(text: str) -> tuple[list[str], list[str]]:
    """(pieces, separators): ``text == pieces[0] + separators[0] + pieces[1] + ...``."""
    pieces, separators, start = [], [], 0
    for m in _CUT.finditer(text):
        pieces.append(text[start:m.start()])
        separators.append(text[m.start():m.end()])
        start = m.end()
    pieces.append(text[start:])
    return pieces, separators


def join(pieces: list[str], separators: list[str]) -> str:
    out = [pieces[0]]
    for sep, piece in zip(separators, pieces[1:]):
        out += [sep, piece]
    return "".join(out)


def spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank sentence or line."""
    out, start = [], 0
    for m in list(_CUT.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        if text[start:end].strip():
            out.append((start, end))
        start = m.end() if m else start
    return out
