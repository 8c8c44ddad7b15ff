"""Docker cannot run on these machines, so the files are checked against the code instead:
every command, option, setting, build target and copied path they use must exist."""

from __future__ import annotations

import json
import re

import yaml

from newsqa import config
from newsqa.cli import main
from tests.conftest import ROOT

DOCKERFILE = (ROOT / "docker" / "Dockerfile").read_text()
COMPOSE = yaml.safe_load((ROOT / "docker" / "compose.yaml").read_text())
SETTINGS = {s.name for s in config.SETTINGS}


def check_command(argv: list[str]) -> None:
    assert argv[0] == "newsqa", argv
    command = main.commands.get(argv[1])
    assert command is not None, f"no command newsqa {argv[1]}"
    options = {opt for p in command.params for opt in getattr(p, "opts", [])}
    for word in argv[2:]:
        if word.startswith("-"):
            assert word in options, f"newsqa {argv[1]} has no option {word}"
    if "--queues" in argv:
        from newsqa.worker.celery_app import QUEUES
        assert set(argv[argv.index("--queues") + 1].split(",")) <= set(QUEUES)


def test_dockerfile_commands_targets_and_copies_exist():
    cmds = [json.loads(m) for m in re.findall(r"^CMD (\[.*\])$", DOCKERFILE, re.M)]
    assert len(cmds) == 2
    for argv in cmds:
        check_command(argv)
    for source in re.findall(r"^COPY (\S+) ", DOCKERFILE, re.M):
        assert (ROOT / source).exists(), f"COPY {source}: no such path"
    for name in re.findall(r"\b(NEWSQA_[A-Z_]+)=", DOCKERFILE):
        assert name in SETTINGS, name


def test_dockerfile_installs_the_engines_packages_that_ci_installs():
    apt = set(re.search(r"apt-get install(?:[^\n]*\\\n)*[^\n]*", DOCKERFILE).group(0).split())
    ci = (ROOT / ".ci" / "run").read_text()
    for package in ("apertium", "apertium-hbs-eng", "apertium-mkd-eng", "libhunspell-1.7-0", "hunspell-hr",
                    "hunspell-sr", "hunspell-bs", "hunspell-sl"):
        assert package in apt and package in ci


def test_compose_services_use_real_commands_settings_and_targets():
    targets = set(re.findall(r"^FROM \S+ AS (\w+)$", DOCKERFILE, re.M))
    services = COMPOSE["services"]
    assert {"redis", "postgres", "worker", "translate-worker", "web"} <= set(services)
    queues = set()
    for name, service in services.items():
        if "build" not in service:
            continue
        assert service["build"]["target"] in targets
        assert (ROOT / "docker" / service["build"]["context"] / service["build"]["dockerfile"]).exists()
        check_command(service["command"])
        if "--queues" in service["command"]:
            queues |= set(service["command"][service["command"].index("--queues") + 1].split(","))
        for variable in service["environment"]:
            assert variable in SETTINGS, f"{name}: {variable} is not a newsqa setting"
    from newsqa.worker.celery_app import QUEUES
    assert queues == set(QUEUES), "every queue needs a worker"
    beat = [n for n, s in services.items() if "--beat" in s.get("command", [])]
    assert len(beat) == 1, "exactly one worker runs the reconciler's beat"
