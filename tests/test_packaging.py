"""What a user meets before any feature: one import namespace, shipped seed data, pinned installs.

The client and the Scrapy pipeline are imported inside other people's projects, whose own
``tasks.py``, ``worker.py`` or ``qa/`` must stay theirs; ``newsqa run`` must work from any folder.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSQA_")}
    env.update(extra)
    return env


def test_a_scraper_project_keeps_its_own_tasks_worker_and_qa(tmp_path):
    (tmp_path / "tasks.py").write_text("MINE = 'tasks'\n")
    (tmp_path / "worker.py").write_text("MINE = 'worker'\n")
    (tmp_path / "qa").mkdir()
    (tmp_path / "qa" / "__init__.py").write_text("MINE = 'qa'\n")
    code = ("from newsqa.client import submit, NewsqaPipeline\n"
            "import tasks, worker, qa\n"
            "assert (tasks.MINE, worker.MINE, qa.MINE) == ('tasks', 'worker', 'qa')\n"
            "import newsqa.tasks.tasks\nfrom newsqa.worker.celery_app import app\n"
            "assert sorted(n for n in app.tasks if n.startswith('tasks.')) == "
            "['tasks.check', 'tasks.reconcile', 'tasks.start', 'tasks.translate'], sorted(app.tasks)\n"
            "print('ok')")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=_env(), capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr


def test_the_wheel_installs_one_top_level_package_with_its_data(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True)
    wheel, = tmp_path.glob("newsqa-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    tops = {name.split("/")[0] for name in names}
    assert {t for t in tops if not t.endswith(".dist-info")} == {"newsqa"}, tops
    for shipped in ("newsqa/seeds/glossary.tbx", "newsqa/seeds/syria-offensive-2024-12-01.en.txt",
                    "newsqa/seeds/places.tsv.gz",
                    "newsqa/qa/checker.py", "newsqa/tasks/migrations/versions/0001_initial_schema.py",
                    "newsqa/worker/engines/apertium.py", "newsqa/web/templates/queue.html"):
        assert shipped in names, shipped


def test_newsqa_run_works_from_any_folder_with_the_starter_glossary(tmp_path):
    exe = shutil.which("newsqa") or str(Path(sys.executable).parent / "newsqa")
    out = subprocess.run([exe, "run"], cwd=tmp_path, env=_env(), capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert "Glossary: the store's glossary, version 1, 62 entities (initial import of " in out.stdout
    assert "seeds/glossary.tbx)" in out.stdout
    assert re.search(r"\[processed; en; 3 flags\]", out.stdout), out.stdout
    assert (tmp_path / "newsqa.sqlite3").exists() and (tmp_path / "newsqa-report.html").exists()


def _name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_every_dependency_is_pinned_in_the_lock_file():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_name(r) for r in project["dependencies"]}
    for extra in project["optional-dependencies"].values():
        wanted |= {_name(r) for r in extra}
    pinned = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            pinned[_name(name)] = version
    assert wanted <= set(pinned), wanted - set(pinned)
    assert all(pinned.values()), "every line pins one version"
