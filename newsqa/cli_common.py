"""What every ``newsqa`` command shares: the command group, the error type, readers, one checker
loader and one store opener.

The command modules (``newsqa.cli``, ``newsqa.cli_glossary``, ``newsqa.cli_service``) import from
here and never from each other, so there is no import cycle; ``newsqa.cli`` is the entry point that
imports them all, which registers their commands on :data:`main`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO, Iterator

import click

from newsqa import __version__, config
from newsqa.qa.errors import NewsqaError


class UserError(click.ClickException):
    """Printed as ``error: ...`` with exit status 2, never with a traceback."""

    exit_code = 2

    def format_message(self) -> str:
        return self.message

    def show(self, file: IO | None = None) -> None:
        click.echo(f"error: {self.message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsqa")
def main() -> None:
    """Quality checks for machine-translated news: entity names against a glossary."""


def read_text(path: str) -> str:
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        raise UserError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UserError(f"{path}:{line}: not UTF-8 text") from None


def load_checker(glossary: str | None, rules: tuple[str, ...] = (), exclude: tuple[str, ...] = ()):
    """A checker over a glossary file (``--glossary``, else the configured or starter glossary)."""
    from newsqa.qa import Checker, load_glossary

    path = glossary or config.glossary_path()
    try:
        return Checker(load_glossary(path), rules=rules or None, exclude=exclude)
    except NewsqaError as exc:
        raise UserError(str(exc)) from None


def read_jsonl(path: str, optional_strings: tuple[str, ...] = (),
                required: tuple[str, ...] = ("text",)) -> Iterator[tuple[int, dict]]:
    """(line number, object) for each line: an object with the ``required`` keys as strings, and the
    optional keys strings or null; a bad line is an error naming it."""
    text = read_text(path)
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            case = json.loads(line)
        except json.JSONDecodeError as exc:
            raise UserError(f"{path}:{number}: not valid JSON: {exc.msg}") from None
        if not isinstance(case, dict) or not all(isinstance(case.get(k), str) for k in required):
            keys = " and ".join(f'"{k}"' for k in required)
            raise UserError(f"{path}:{number}: each line must be an object with a string {keys}")
        for key in optional_strings:
            if case.get(key) is not None and not isinstance(case[key], str):
                raise UserError(f"{path}:{number}: \"{key}\" must be a string or null")
        yield number, case


db_option = click.option("--db", metavar="URL", help=f"Store URL. Default: ${config.DATABASE_URL.name} "
                                                       f"or {config.DATABASE_URL.default}.")


def open_store(db: str | None):
    from sqlalchemy.exc import SQLAlchemyError

    from newsqa.tasks.store import Store
    try:
        return Store(db)
    except SQLAlchemyError as exc:
        raise UserError(f"cannot open the store {db or config.DATABASE_URL.get()}: {exc.__class__.__name__}: "
                        f"{str(exc).splitlines()[0]}") from None
    except (NewsqaError, ValueError) as exc:
        raise UserError(str(exc)) from None


def store_checker(store):
    """The store's checker; an empty store first imports the glossary file of $NEWSQA_GLOSSARY."""
    from newsqa.tasks.checking import checker_for

    try:
        return checker_for(store)
    except (OSError, NewsqaError) as exc:
        raise UserError(f"cannot load the glossary: {exc}") from None
