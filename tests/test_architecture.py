"""The layers, kept by a test: what each part of newsqa may import.

- the domain (``newsqa.qa``) imports nothing of ours outside itself, and no Celery, web or database
  library, so it stays a plain library;
- the store, pipeline and workers (``newsqa.tasks``, ``newsqa.worker``) import no face (CLI, web,
  client, report); ``newsqa.config`` is below every layer and each may read it;
- the modules import each other without cycles (the CLI's used to).
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

PACKAGES = {"qa": "newsqa.qa", "tasks": "newsqa.tasks", "worker": "newsqa.worker", "newsqa": "newsqa",
            "seeds": "newsqa.seeds"}
FACES = ("newsqa.cli", "newsqa.cli_common", "newsqa.cli_glossary", "newsqa.cli_service", "newsqa.web",
         "newsqa.client", "newsqa.report")
NOT_IN_THE_DOMAIN = ("celery", "kombu", "redis", "sqlalchemy", "alembic", "psycopg", "fastapi", "starlette",
                     "uvicorn", "jinja2", "httpx")


def modules() -> dict[str, Path]:
    found = {}
    for folder, package in PACKAGES.items():
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = path.relative_to(ROOT / folder).with_suffix("").parts
            name = ".".join((package, *parts)).removesuffix(".__init__")
            found[name] = path
    return found


def imports(path: Path, name: str, top_level_only: bool = False) -> set[str]:
    """Every module ``path`` imports (anywhere in it, or at its top level only)."""
    tree = ast.parse(path.read_text())
    nodes = tree.body if top_level_only else ast.walk(tree)
    found = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.rsplit(".", node.level - (1 if path.name == "__init__.py" else 0))[0]
                found.add(f"{base}.{node.module}" if node.module else base)
            elif node.module == "newsqa":
                found |= {f"newsqa.{alias.name}" for alias in node.names}
            else:
                found.add(node.module)
    return found


def within(module: str, packages: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def test_the_domain_imports_nothing_of_ours_and_no_service_library():
    for name, path in modules().items():
        if not within(name, ("newsqa.qa",)):
            continue
        for imported in imports(path, name):
            assert not within(imported, NOT_IN_THE_DOMAIN), f"{name} imports {imported}"
            if within(imported, ("newsqa",)):
                assert within(imported, ("newsqa.qa",)), f"{name} imports {imported}"


def test_the_store_pipeline_and_workers_import_no_face():
    for name, path in modules().items():
        if not within(name, ("newsqa.tasks", "newsqa.worker")):
            continue
        for imported in imports(path, name):
            assert not within(imported, FACES), f"{name} imports the face {imported}"


def test_no_import_cycles():
    found = modules()
    graph = {name: {m for m in imports(path, name) if m in found and m != name} for name, path in found.items()}
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                raise AssertionError("import cycle: " + " -> ".join(trail[trail.index(nxt):] + [node, nxt])
                                     if nxt in trail else f"import cycle through {node} -> {nxt}")
            if nxt not in state:
                visit(nxt, trail + [node])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [])
