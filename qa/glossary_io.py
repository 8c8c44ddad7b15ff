"""Load and save a glossary by file name: ``.tbx``/``.xml`` as TBX, ``.csv`` as CSV."""

from __future__ import annotations

from pathlib import Path

from newsqa.qa.csv_io import read_csv, write_csv
from newsqa.qa.errors import GlossaryFormatError
from newsqa.qa.model import Glossary
from newsqa.qa.tbx import read_tbx, write_tbx

FORMATS = ("tbx", "tbx2008", "csv")


def detect_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".tbx", ".xml"):
        return "tbx"
    if suffix == ".csv":
        return "csv"
    raise GlossaryFormatError(str(path), None, "unknown glossary format: use a .tbx, .xml or .csv file")


def load_glossary(path: str | Path) -> Glossary:
    path = Path(path)
    fmt = detect_format(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise GlossaryFormatError(str(path), None, f"cannot read: {exc.strerror}") from None
    if fmt == "tbx":
        return read_tbx(data, source=str(path))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise GlossaryFormatError(str(path), line, "not UTF-8 text") from None
    return read_csv(text, source=str(path))


def save_glossary(glossary: Glossary, path: str | Path, fmt: str | None = None) -> None:
    """Write ``glossary``; ``fmt`` is ``tbx`` (2019), ``tbx2008`` or ``csv`` (default: by suffix)."""
    path = Path(path)
    fmt = fmt or detect_format(path)
    if fmt == "csv":
        path.write_text(write_csv(glossary), encoding="utf-8", newline="")
    else:
        path.write_bytes(write_tbx(glossary, dialect="2008" if fmt == "tbx2008" else "2019"))
