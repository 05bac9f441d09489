"""The layers of docs/architecture.md hold: a package imports only the layers above it."""

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
"""io reports what it cannot read as lint's Diagnostic, and Diagnostic.as_text flattens its line with
render.text.one_line; docs/architecture.md names both exceptions."""


def imported_modules(file: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return {name for name in names if name.startswith("socstrat.")}


@pytest.mark.parametrize("layer", [*LAYERS, BESIDE])
def test_a_layer_imports_only_the_layers_above_it(layer: str) -> None:
    if layer == BESIDE:
        allowed = {f"socstrat.{BESIDE}"}
    else:
        allowed = {f"socstrat.{name}" for name in LAYERS[: LAYERS.index(layer) + 1]} | {f"socstrat.{BESIDE}"}
        if LAYERS.index(layer) >= LAYERS.index("analysis"):
            allowed.add("socstrat.api")
    wrong = []
    for file in sorted((PACKAGE / layer).rglob("*.py")):
        for module in imported_modules(file):
            top = ".".join(module.split(".")[:2])
            if top not in allowed and (layer, module) not in EXCEPTIONS:
                wrong.append(f"{file.relative_to(ROOT)} imports {module}")
    assert not wrong, "imports against the layers of docs/architecture.md:\n" + "\n".join(wrong)


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
