"""The README's promises: its first commands, the CI script, every setting and every command."""

from __future__ import annotations

import re

from newsqa import config
from newsqa.cli import main
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text()


def first_commands() -> list[str]:
    block = re.search(r"```sh\n(.*?)```", README, re.S).group(1)
    return [line for line in block.splitlines() if line.strip()]


def test_readme_starts_with_the_main_job_and_the_test_command():
    main_job, tests = first_commands()
    assert main_job.endswith("newsqa run")
    assert tests.endswith("python -m pytest")
    for command in (main_job, tests):
        assert "-c requirements.lock" in command and "python3 -m venv .venv" in command
    assert README.index("```sh") < 20


def test_ci_runs_the_readme_test_command_word_for_word():
    assert first_commands()[1] in (ROOT / ".ci" / "run").read_text().splitlines()


def test_every_setting_is_documented():
    for setting in config.SETTINGS:
        assert f"`{setting.name}`" in README, setting.name


def test_every_command_is_documented():
    docs = README + "".join(p.read_text() for p in (ROOT / "docs").glob("*.md"))
    for name, command in main.commands.items():
        assert f"newsqa {name}" in docs, name
        for sub in getattr(command, "commands", {}):
            assert f"newsqa {name} {sub}" in docs, f"{name} {sub}"


def test_the_rule_table_in_the_checker_doc_is_the_code_s():
    from newsqa.qa.rules import markdown_table

    assert markdown_table() in (ROOT / "docs" / "checker.md").read_text(encoding="utf-8")
