"""Error types a person can act on.

Every failure caused by user input (a bad file, a bad argument) is raised as a subclass of
:class:`NewsqaError`, whose message is meant to be printed as it is, without a traceback.
"""

from __future__ import annotations


class NewsqaError(Exception):
    """Base class for errors caused by input that a user can correct."""


class GlossaryError(NewsqaError):
    """A glossary that is well-formed but inconsistent (duplicate ids, unknown status, ...)."""


class GlossaryFormatError(GlossaryError):
    """A glossary file that cannot be read; names the file, the line and the problem."""

    def __init__(self, source: str, line: int | None, problem: str) -> None:
        self.source = source
        self.line = line
        self.problem = problem
        where = f"{source}:{line}" if line else source
        super().__init__(f"{where}: {problem}")
