"""The package's folders are its layers: imports point down the layers, never up, never in a circle.

Layers, from the bottom: data → analysis → presentation → engine → questions (course content) →
tooling. A module may import from its own layer and the ones below it. The exercise engine is
free of course content: it imports nothing of the package outside ``engine/``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "natocourse"
LAYERS = ["data", "analysis", "presentation", "engine", "questions", "tooling"]


def modules() -> dict[str, Path]:
    """``{"natocourse.engine.types": path, ...}`` for every module in a layer folder."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[0] not in LAYERS or "templates" in parts:
            continue
        name = ".".join(("natocourse",) + tuple(p for p in parts if p != "__init__"))
        found[name] = path
    return found


def imports_of(name: str, path: Path) -> set[str]:
    """The package modules ``name`` imports (relative imports resolved, ``from x import y`` expanded)."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    known = modules()
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        else:
            continue
        found |= {t for t in targets if t.startswith("natocourse")}
    return found


def layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


def test_every_module_sits_in_a_layer_folder():
    loose = [p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "__main__.py")]
    assert loose == [], f"modules outside the layer folders: {loose}"


@pytest.mark.parametrize("name", sorted(modules()))
def test_imports_point_down_the_layers(name):
    mine = LAYERS.index(layer(name))
    upward = [m for m in imports_of(name, modules()[name])
              if layer(m) is not None and LAYERS.index(layer(m)) > mine]
    assert upward == [], f"{name} imports from a higher layer: {upward}"
    if layer(name) == "engine":
        outside = [m for m in imports_of(name, modules()[name]) if layer(m) != "engine" and m != "natocourse"]
        assert outside == [], f"the engine must not import course code: {outside}"


def test_no_import_circles():
    graph = {name: {m for m in imports_of(name, path) if m in modules() and m != name}
             for name, path in modules().items()}
    for name in graph:
        graph[name] = {m for m in graph[name] if not name.startswith(m + ".")}  # a package's own __init__
    state: dict[str, int] = {}

    def visit(node, trail):
        state[node] = 1
        for nxt in graph[node]:
            if state.get(nxt) == 1:
                raise AssertionError("import circle: " + " -> ".join(trail[trail.index(nxt):] + [nxt]))
            if nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for start in graph:
        if start not in state:
            visit(start, [start])


def test_the_layer_check_catches_an_upward_import(tmp_path):
    bad = tmp_path / "x.py"
    bad.write_text("from ..tooling import cli\n")
    assert "natocourse.tooling.cli" in imports_of("natocourse.engine.x", bad)
