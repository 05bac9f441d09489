"""The layers of docs/architecture.md hold: a package imports only the layers above it.

Every way a module reaches another counts: absolute and relative imports, at module level
or inside a function, and the modules loaded by name through ``importlib`` (the renderer
registry and the CLI's command table). Each check is first shown to fail on a probe.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "src" / "socstrat"
LAYERS = ["model", "io", "lint", "analysis", "render", "cli"]
BESIDE = "i18n"
EXCEPTIONS = {("io", "socstrat.lint.diagnostics")}
"""io reports what it cannot read as lint's Diagnostic; docs/architecture.md names this exception."""
MODULE_NAME = re.compile(r"^socstrat(\.[A-Za-z_][A-Za-z0-9_]*)+\.?$")


def module_name(file: Path, package: Path) -> str:
    parts = list(file.relative_to(package.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _resolve(file: Path, package: Path, node: ast.ImportFrom) -> list[str]:
    if node.level == 0:
        base = node.module or ""
    else:
        here = module_name(file, package).split(".")
        if file.name != "__init__.py":
            here = here[:-1]
        here = here[: len(here) - (node.level - 1)]
        base = ".".join([*here, node.module] if node.module else here)
    if base.count("."):
        return [base]
    return [f"{base}.{a.name}" if (package / a.name).is_dir() or (package / f"{a.name}.py").is_file() else base for a in node.names]


def _loads_by_name(tree: ast.AST) -> set[str]:
    """Module names a file hands to ``importlib``: string constants and f-string prefixes."""
    names: set[str] = set()
    for node in ast.walk(tree):
        text = None
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
            text = str(node.values[0].value)
        if text and MODULE_NAME.match(text):
            names.add(text.rstrip("."))
    return names


def imported_modules(file: Path, package: Path = PACKAGE, *, top_level_only: bool = False) -> set[str]:
    """The socstrat modules ``file`` imports (relative imports resolved) or loads through importlib."""
    tree = ast.parse(file.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    names: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.ImportFrom):
            names.update(_resolve(file, package, node))
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    if not top_level_only and "import_module" in {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}:
        names |= _loads_by_name(tree)
    return {name for name in names if name.startswith("socstrat.")}


def layer_violations(package: Path) -> list[str]:
    wrong = []
    for layer in [*LAYERS, BESIDE]:
        if layer == BESIDE:
            allowed = {f"socstrat.{BESIDE}"}
        else:
            allowed = {f"socstrat.{name}" for name in LAYERS[: LAYERS.index(layer) + 1]} | {f"socstrat.{BESIDE}"}
            if LAYERS.index(layer) >= LAYERS.index("analysis"):
                allowed.add("socstrat.api")
        for file in sorted((package / layer).rglob("*.py")):
            for module in sorted(imported_modules(file, package)):
                top = ".".join(module.split(".")[:2])
                if top not in allowed and (layer, module) not in EXCEPTIONS:
                    wrong.append(f"{file.relative_to(package.parent)} imports {module}")
    return wrong


def import_cycles(package: Path) -> list[list[str]]:
    """Cycles among the modules' top-level imports: each would make one of them import half-built."""
    files = {module_name(file, package): file for file in package.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, file in files.items():
        targets = set()
        for module in imported_modules(file, package, top_level_only=True):
            while module and module not in files:
                module = module.rpartition(".")[0]
            if module and module != name:
                targets.add(module)
        graph[name] = targets
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                cycles.append([*stack[stack.index(target) :], target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return cycles


def test_the_layers_hold() -> None:
    wrong = layer_violations(PACKAGE)
    assert not wrong, "imports against the layers of docs/architecture.md:\n" + "\n".join(wrong)


def test_no_module_imports_itself_through_a_cycle() -> None:
    cycles = import_cycles(PACKAGE)
    assert not cycles, "import cycles:\n" + "\n".join(" → ".join(cycle) for cycle in cycles)


def _probe(tmp_path: Path, files: dict[str, str]) -> Path:
    package = tmp_path / "socstrat"
    for layer in [*LAYERS, BESIDE]:
        (package / layer).mkdir(parents=True, exist_ok=True)
        (package / layer / "__init__.py").write_text("", encoding="utf-8")
    (package / "__init__.py").write_text("", encoding="utf-8")
    for relative, text in files.items():
        (package / relative).write_text(text, encoding="utf-8")
    return package


@pytest.mark.parametrize(
    ("relative", "text"),
    [
        ("model/probe.py", "from ..render.registry import render\n"),
        ("model/probe.py", "from .. import cli\n"),
        ("io/probe.py", "def later():\n    from socstrat.analysis import plan\n"),
        ("lint/probe.py", 'import importlib\nimportlib.import_module("socstrat.render.plan")\n'),
        ("analysis/probe.py", 'import importlib\n\ndef load(name):\n    return importlib.import_module(f"socstrat.cli.{name}")\n'),
        ("i18n/probe.py", "from ..model import base\n"),
    ],
)
def test_probe_an_upward_import_is_caught(tmp_path: Path, relative: str, text: str) -> None:
    assert layer_violations(_probe(tmp_path, {relative: text})) == [f"socstrat/{relative} imports " + _target(text)]


def _target(text: str) -> str:
    return {
        "from ..render.registry import render\n": "socstrat.render.registry",
        "from .. import cli\n": "socstrat.cli",
        "from ..model import base\n": "socstrat.model",
    }.get(text) or re.search(r"socstrat\.[a-z.]+", text).group(0).rstrip(".")  # type: ignore[union-attr]


def test_probe_a_same_layer_relative_import_is_allowed(tmp_path: Path) -> None:
    assert layer_violations(_probe(tmp_path, {"render/probe.py": "from .registry import render\nfrom ..model import base\n"})) == []


def test_probe_a_cycle_is_caught(tmp_path: Path) -> None:
    package = _probe(tmp_path, {"model/a.py": "from socstrat.model.b import B\nA = 1\n", "model/b.py": "from .a import A\nB = 2\n"})
    assert import_cycles(package) == [["socstrat.model.a", "socstrat.model.b", "socstrat.model.a"]]


def test_probe_a_lazy_import_is_no_cycle(tmp_path: Path) -> None:
    package = _probe(tmp_path, {"model/a.py": "from socstrat.model.b import B\n", "model/b.py": "def later():\n    from .a import A\n"})
    assert import_cycles(package) == []


def test_api_stands_on_io_and_lint() -> None:
    """api.py opens a strategy (io) and validates it (lint), so analysis, render and cli may use it."""
    allowed = {"socstrat.model", "socstrat.io", "socstrat.lint", "socstrat.i18n"}
    wrong = [m for m in imported_modules(PACKAGE / "api.py") if ".".join(m.split(".")[:2]) not in allowed]
    assert not wrong, f"src/socstrat/api.py imports {wrong}"


def test_code_examples_of_docs_architecture_md_are_real() -> None:
    """Each code block of docs/architecture.md, but the diagram, is a run of lines of a file in src/, templates/ or the fixtures."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```(python|jinja|yaml)\n(.*?)```", text, re.DOTALL)
    assert len(blocks) >= 6
    sources = [*PACKAGE.rglob("*.py"), *(ROOT / "templates").rglob("*.j2"), *(ROOT / "tests" / "fixtures" / "rules").rglob("*.yaml")]
    contents = ["\n".join(line.strip() for line in path.read_text(encoding="utf-8", errors="replace").splitlines()) for path in sources]
    for _, block in blocks:
        lines = "\n".join(line.strip() for line in block.splitlines()).strip()
        assert any(lines in content for content in contents), f"not found in the sources:\n{block}"


SAME_CONCEPT = {"Severity": "cli/validate.py's --severity choices are lint/diagnostics.py's severities, as a typer Enum"}
"""Names defined twice on purpose, because both are the one concept."""


def shared_names(package: Path) -> dict[str, list[str]]:
    """Each name that two modules define at their top level as a class or a type alias (``X = Literal[...]``), with the modules."""
    defined: dict[str, list[str]] = {}
    for file in sorted(package.rglob("*.py")):
        for node in ast.parse(file.read_text(encoding="utf-8")).body:
            name = None
            if isinstance(node, ast.ClassDef):
                name = node.name
            elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                value = node.value
                if isinstance(value, ast.Subscript) and isinstance(value.value, ast.Name) and value.value.id in {"Literal", "Annotated", "Union"}:
                    name = node.targets[0].id
            if name:
                defined.setdefault(name, []).append(str(file.relative_to(package.parent)))
    return {name: files for name, files in defined.items() if len(files) > 1 and name not in SAME_CONCEPT}


def test_one_name_per_concept() -> None:
    """A class or type alias name means one thing in the whole package (issue 29: NodeRef, Table, Summary … had two or three)."""
    assert shared_names(PACKAGE) == {}


def test_probe_a_name_for_two_concepts_is_caught(tmp_path: Path) -> None:
    package = _probe(tmp_path, {
        "analysis/probe.py": "class Table:\n    rows: list\n",
        "render/probe.py": 'from typing import Literal\n\nTable = Literal["a", "b"]\n',
    })
    assert shared_names(package) == {"Table": ["socstrat/analysis/probe.py", "socstrat/render/probe.py"]}
