"""Articles from files: JSON (an object or a list), JSONL (one object a line) and plain text.

A plain-text file is one article; a language tag before the extension is its declared language
(``report.sr.txt``, ``vest.sr-Cyrl.txt``). Bad items are reported with their place and skipped, so
one broken line never loses the rest of a batch.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Iterator

from newsqa.tasks.articles import ArticleIn, BadArticle, parse_article

SUFFIXES = (".json", ".jsonl", ".txt")
_LANG_IN_NAME = re.compile(r"\.([a-z]{2,3}(?:-[A-Za-z]{4})?)$")


def article_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
    return [path]


def read_articles(target: str) -> Iterator[tuple[str, ArticleIn | BadArticle]]:
    """(where, article or the error saying why it is not one) for everything under ``target``."""
    if target == "-":
        yield from _from_text(sys.stdin.read(), "<stdin>", None)
        return
    path = Path(target)
    if not path.exists():
        yield target, BadArticle(f"{target}: no such file or directory")
        return
    for file in article_files(path):
        try:
            data = file.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            yield str(file), BadArticle(f"{file}: not UTF-8 text")
            continue
        except OSError as exc:
            yield str(file), BadArticle(f"{file}: cannot read: {exc.strerror}")
            continue
        yield from _from_text(data, str(file), file)


def _from_text(data: str, where: str, file: Path | None) -> Iterator[tuple[str, ArticleIn | BadArticle]]:
    suffix = file.suffix.lower() if file else _sniff(data)
    if suffix == ".jsonl":
        for number, line in enumerate(data.splitlines(), 1):
            if line.strip():
                yield from _parse_json(line, f"{where}:{number}")
    elif suffix == ".json":
        yield from _parse_json(data, where)
    else:
        lang = _LANG_IN_NAME.search(file.stem).group(1) if file and _LANG_IN_NAME.search(file.stem) else None
        title = next((line.strip() for line in data.splitlines() if line.strip()), None)
        meta = {"file": file.name} if file else {}
        yield _checked(where, {"text": data, "title": title, "language": lang, "metadata": meta})


def _parse_json(data: str, where: str) -> Iterator[tuple[str, ArticleIn | BadArticle]]:
    try:
        value = json.loads(data)
    except json.JSONDecodeError as exc:
        yield where, BadArticle(f"{where}: not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")
        return
    except RecursionError:
        yield where, BadArticle(f"{where}: JSON nested too deep")
        return
    items = value if isinstance(value, list) else [value]
    for i, item in enumerate(items):
        yield _checked(f"{where}[{i}]" if isinstance(value, list) else where, item)


def _checked(where: str, item: object) -> tuple[str, ArticleIn | BadArticle]:
    try:
        return where, parse_article(item, where)
    except BadArticle as exc:
        return where, exc


def _sniff(data: str) -> str:
    head = data.lstrip()[:1]
    if head in "[{":
        lines = [line for line in data.splitlines() if line.strip()]
        if head == "{" and len(lines) > 1 and all(line.lstrip().startswith("{") for line in lines):
            return ".jsonl"
        return ".json"
    return ".txt"
