"""The shape every service keeps (architecture.md, "Inside a service"): no import loop among a
service's own modules, so each role can be read and tested on its own."""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

import pytest

SERVICES = ["mcr_archive", "mcr_insight", "mcr_planning", "mcr_contact", "mcr_satisfaction"]


def _modules(package: str) -> dict[str, Path]:
    spec = importlib.util.find_spec(package)
    assert spec is not None and spec.submodule_search_locations
    root = Path(next(iter(spec.submodule_search_locations)))
    found = {}
    for path in root.rglob("*.py"):
        parts = path.relative_to(root).with_suffix("").parts
        if "migrations" in parts:
            continue
        name = ".".join((package, *parts)).removesuffix(".__init__")
        found[name] = path
    return found


def _imports(module: str, path: Path, known: set[str]) -> set[str]:
    """The modules of the same package `module` imports, TYPE_CHECKING imports included."""
    package = module.split(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name in known}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] != package:
                continue
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in known else node.module)
    return {m for m in found if m in known and m not in (module, package)}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of `graph`, as the modules along it, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return [*stack[stack.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


@pytest.mark.parametrize("package", SERVICES)
def test_no_import_loop_inside_a_service(package):
    modules = _modules(package)
    graph = {name: _imports(name, path, set(modules)) for name, path in modules.items()}
    assert _cycle(graph) is None, f"import loop: {' -> '.join(_cycle(graph) or [])}"


def test_the_loop_finder_finds_a_loop():
    graph = {"a.events": {"a.service"}, "a.service": {"a.store", "a.events"}, "a.store": set()}
    assert _cycle(graph) == ["a.events", "a.service", "a.events"]
