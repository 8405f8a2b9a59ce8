"""The package's folders are its layers: imports point down the layers, never up, never in a circle.

Layers, from the bottom: data → analysis → presentation → engine → questions (course content) →
tooling. A module may import from its own layer and the ones below it. The exercise engine is
free of course content: it imports nothing of the package outside ``engine/``.

An import is seen in every form Python accepts: ``import natocourse.tooling.grading``,
``from natocourse.tooling import grading``, relative imports (``from ..tooling import grading``,
``from .. import grading``), the package root's short names (``from natocourse import grading``,
which ``natocourse.MODULES`` maps to ``natocourse.tooling.grading``), an attribute of the imported
root (``import natocourse`` then ``natocourse.grading``) and ``importlib.import_module`` of a
constant name.
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


def aliases() -> dict[str, str]:
    """The package root's short names (``natocourse.MODULES``: ``{"grading": "natocourse.tooling.grading"}``),
    read from its source so that the rule needs no import; ``{}`` once the root has none."""
    for node in ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8")).body:
        value = node.value if isinstance(node, (ast.Assign, ast.AnnAssign)) else None
        names = [t.id for t in getattr(node, "targets", [getattr(node, "target", None)]) if isinstance(t, ast.Name)]
        if "MODULES" in names and isinstance(value, ast.Dict):
            return ast.literal_eval(value)
    return {}


def resolve(target: str, known: set[str], short: dict[str, str]) -> str:
    """The package module an imported dotted name is: a short name of the root becomes its module,
    and ``natocourse.a.b.name`` the longest known module it starts with (a function or class
    imported from a module is that module)."""
    parts = target.split(".")
    if len(parts) > 1 and parts[0] == "natocourse" and parts[1] in short and f"natocourse.{parts[1]}" not in known:
        parts = short[parts[1]].split(".") + parts[2:]
    for end in range(len(parts), 0, -1):
        if ".".join(parts[:end]) in known:
            return ".".join(parts[:end])
    return ".".join(parts[:1]) if parts[0] == "natocourse" else target


def imports_in(source: str, name: str, *, package: bool = False) -> set[str]:
    """The package modules the source of module ``name`` imports, in any of the forms above.

    ``package`` says the source is a package's ``__init__.py`` (its relative imports start there).
    """
    here = name if package else name.rsplit(".", 1)[0]
    known = set(modules())
    short = aliases()
    tree = ast.parse(source)
    roots = set()   # local names bound to the package root itself (``import natocourse [as nc]``)
    dotted = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                dotted.append(alias.name)
                if alias.name == "natocourse" or (alias.asname is None and alias.name.startswith("natocourse.")):
                    roots.add(alias.asname or "natocourse")
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = here.split(".")[: len(here.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            dotted += [f"{base}.{alias.name}" for alias in node.names if alias.name != "*"] or [base]
        elif (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
              and isinstance(node.args[0].value, str)
              and ((isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")
                   or (isinstance(node.func, ast.Name) and node.func.id in ("import_module", "__import__")))):
            dotted.append(node.args[0].value)
    inner = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    for node in ast.walk(tree):     # the whole chain ``natocourse.tooling.grading.grade``, once
        if isinstance(node, ast.Attribute) and id(node) not in inner:
            chain, value = [node.attr], node.value
            while isinstance(value, ast.Attribute):
                chain, value = [value.attr, *chain], value.value
            if isinstance(value, ast.Name) and value.id in roots:
                dotted.append(".".join(["natocourse", *chain]))
    return {resolve(d, known, short) for d in dotted if d == "natocourse" or d.startswith("natocourse.")}


def imports_of(name: str, path: Path) -> set[str]:
    """The package modules the module ``name`` (its file ``path``) imports."""
    return imports_in(path.read_text(encoding="utf-8"), name, package=path.name == "__init__.py")


def layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


def test_every_module_sits_in_a_layer_folder():
    loose = [p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "__main__.py")]
    assert loose == [], f"modules outside the layer folders: {loose}"


def refused(name: str, imported: set[str]) -> list[str]:
    """The imports of module ``name`` the layer rule refuses: upward, or out of the engine."""
    mine = LAYERS.index(layer(name))
    wrong = [m for m in imported if layer(m) is not None and LAYERS.index(layer(m)) > mine]
    if layer(name) == "engine":
        wrong += [m for m in imported if layer(m) != "engine" and m != "natocourse" and m not in wrong]
    return sorted(wrong)


@pytest.mark.parametrize("name", sorted(modules()))
def test_imports_point_down_the_layers(name):
    wrong = refused(name, imports_of(name, modules()[name]))
    assert wrong == [], f"{name} imports from a higher layer (or, in the engine, course code): {wrong}"


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


#: Probes planted in ``engine/`` (module ``natocourse.engine.probe``): each imports course code.
ENGINE_PROBES = {
    "from ..tooling.classroom import grading": "natocourse.tooling.classroom.grading",
    "from natocourse.tooling.classroom import grading": "natocourse.tooling.classroom.grading",
    "from natocourse.tooling.classroom.grading import grade": "natocourse.tooling.classroom.grading",
    "from natocourse import grading": "natocourse.tooling.classroom.grading",
    "from .. import grading": "natocourse.tooling.classroom.grading",
    "from natocourse import data": "natocourse.data",
    "from .. import data": "natocourse.data",
    "from natocourse import plots as p": "natocourse.presentation.plots",
    "import natocourse.tooling.classroom.grading": "natocourse.tooling.classroom.grading",
    "import natocourse.tooling.classroom.grading as g": "natocourse.tooling.classroom.grading",
    "import natocourse\nnatocourse.grading.grade([])": "natocourse.tooling.classroom.grading",
    "import natocourse as nc\nnc.questions.tour": "natocourse.questions.tour",
    "import importlib\nimportlib.import_module('natocourse.questions.tour')": "natocourse.questions.tour",
    "def later():\n    from natocourse import scenarios": "natocourse.analysis.scenarios",
}


@pytest.mark.parametrize("source", ENGINE_PROBES, ids=lambda s: s.splitlines()[-1].strip())
def test_the_rule_refuses_a_probe_in_the_engine_in_any_import_form(source):
    imported = imports_in(source, "natocourse.engine.probe")
    assert ENGINE_PROBES[source] in imported
    assert refused("natocourse.engine.probe", imported) == [ENGINE_PROBES[source]]


@pytest.mark.parametrize("source, wanted", [
    ("from natocourse import grading", "natocourse.tooling.classroom.grading"),
    ("from ... import exercises", "natocourse.engine"),
    ("from ...tooling import cli", "natocourse.tooling.cli"),
])
def test_the_rule_refuses_an_upward_import_from_a_lower_layer(source, wanted):
    name = "natocourse.analysis.sub.probe"     # a module two folders down: ``...`` is the root
    imported = imports_in(source, name)
    assert refused(name, imported) == [wanted]


@pytest.mark.parametrize("source", [
    "from natocourse import data", "from .. import data", "from natocourse import __version__",
    "import natocourse", "from . import blocs", "from natocourse import blocs",
])
def test_the_rule_allows_imports_down_or_across(source):
    assert refused("natocourse.analysis.probe", imports_in(source, "natocourse.analysis.probe")) == []


def test_the_root_short_names_are_read_as_the_package_has_them():
    import natocourse

    short = aliases()
    assert short == getattr(natocourse, "MODULES", {})
    known = set(modules())
    assert {n: resolve(f"natocourse.{n}", known, short) for n in short} == short
