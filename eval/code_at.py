"""Lay out an earlier commit's newsqa so that ``python -m newsqa`` run inside the folder runs that code.

Comparing two commits on an evaluation set needs the older one's code to run. Putting a copy first on
PYTHONPATH is not enough: the package's folders are mapped by ``[tool.setuptools.package-dir]``
(``newsqa.qa`` is the repository's ``qa/``), which only an install knows, and ``python -m`` puts the
current folder first, so the installed, current code ran instead. This writes the commit's files
(``git archive``) under ``DIR/src`` and a package tree ``DIR/newsqa`` whose sub-packages point at
them, as the commit's own pyproject.toml maps them. Then:

    python eval/code_at.py 2247667 /tmp/code-2247667
    python eval/e2e_score.py eval/e2e12.jsonl --code /tmp/code-2247667
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def lay_out(rev: str, folder: Path, repo: Path = ROOT) -> Path:
    """Write ``rev``'s package tree into ``folder`` (emptied first) and return ``folder``."""
    if folder.exists():
        shutil.rmtree(folder)
    src = folder / "src"
    src.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(repo), "archive", rev], check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(src, filter="data")
    (src / ".rev").write_text(subprocess.run(["git", "-C", str(repo), "rev-parse", "--short", rev], check=True,
                                             capture_output=True, text=True).stdout.strip() + "\n")
    dirs = tomllib.loads((src / "pyproject.toml").read_text())["tool"]["setuptools"]["package-dir"]
    top = dirs.get("newsqa", "newsqa")
    shutil.copytree(src / top, folder / "newsqa", symlinks=True)
    for name, where in sorted(dirs.items()):
        parts = name.split(".")
        if len(parts) == 2 and parts[0] == "newsqa":  # newsqa.qa -> qa, ...
            link = folder / "newsqa" / parts[1]
            if link.exists():
                shutil.rmtree(link)
            link.symlink_to(src / where, target_is_directory=True)
    (folder / "seeds").symlink_to(src / dirs.get("newsqa.seeds", "seeds"), target_is_directory=True)
    return folder


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    folder = lay_out(argv[0], Path(argv[1]).resolve())
    print(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
