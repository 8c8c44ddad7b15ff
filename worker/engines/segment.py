"""Cutting an article into sentences for a neural model, and putting the translations back.

Models are trained on sentences and have a length limit; an article is cut at sentence ends and
line breaks, each piece translated, and the pieces joined with the original separators, so
paragraphs survive translation.
"""

from __future__ import annotations

import re

_CUT = re.compile(r"(?<=[.!?…])[\"“”»)]*\s+(?=[\"“„«(]?[^\W\d_a-zа-я])|\n+", re.UNICODE)


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
