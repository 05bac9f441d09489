"""Shared helpers: the bundled strategies opened once per session, fixture strategies copied to a
temporary directory, and throw-away git repositories."""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from socstrat.api import Opened, open_strategy
from socstrat.lint.engine import StrategyReport

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
DATA = ROOT / "data"
BUNDLED = ("haskovo-2016-2020", "kazanlak-2007-2009")


def validate_path(
    path: str | Path, select: Sequence[str] = (), ignore: Sequence[str] = (), monitoring: str | Path | None = None
) -> StrategyReport:
    """The validation report of the strategy at ``path``, opened the way every command opens it."""
    return open_strategy(path, select=select, ignore=ignore, monitoring=monitoring).report


@dataclass
class Report:
    text: str | None
    validation: StrategyReport


def make_report(path: str | Path, *, format: str = "html", lang: str = "bg", templates: Path | None = None,
                from_year: int | None = None, to_year: int | None = None, generated: date | None = None) -> Report:
    """A strategy's report as `socstrat report` writes it (no text when the strategy does not load)."""
    from socstrat.render.report.context import build_context
    from socstrat.render.report.environment import render

    opened = open_strategy(path)
    if opened.strategy is None:
        return Report(None, opened.report)
    context = build_context(opened.strategy, opened.report, lang=lang, from_year=from_year, to_year=to_year, generated=generated)  # type: ignore[arg-type]
    return Report(render(context, format, templates), opened.report)  # type: ignore[arg-type]


def modules_after(args: Sequence[str], env: dict[str, str] | None = None) -> tuple[set[str], str]:
    """The modules imported once ``socstrat ARGS`` has run through :func:`socstrat.cli.main`, and its output,
    in a fresh interpreter (``main`` ends the process, so the probe reports from ``os._exit``)."""
    import sys

    code = (
        "import json, os, sys\n"
        f"sys.argv = ['socstrat', *{list(args)!r}]\n"
        "end = os._exit\n"
        "def report(status):\n"
        "    sys.stdout.flush()\n"
        "    sys.stderr.write('\\n' + json.dumps(sorted(sys.modules)))\n"
        "    sys.stderr.flush()\n"
        "    end(status)\n"
        "os._exit = report\n"
        "from socstrat.cli import main\n"
        "main()\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env)
    return set(json.loads(out.stderr.splitlines()[-1])), out.stdout


HEAVY_MODULES = ("jinja2", "openpyxl", "docx", "babel")
"""Libraries that only the commands rendering documents, workbooks or localised numbers need."""


def heavy_imports_after(args: Sequence[str]) -> set[str]:
    """Which of :data:`HEAVY_MODULES` are imported once the CLI has run ``args``, in a fresh interpreter."""
    modules, _ = modules_after(args)
    return {m for m in HEAVY_MODULES if m in modules}


@functools.cache
def bundled(name: str) -> Opened:
    """A bundled strategy, loaded and validated once per test session; tests must not modify it."""
    return open_strategy(DATA / name)


@pytest.fixture
def strategy_dir(tmp_path: Path):
    """Build a strategy directory: the minimal fixture with some files replaced."""

    def build(overlay: str | Path | None = None, **files: str | bytes) -> Path:
        target = tmp_path / "strategy"
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(FIXTURES / "minimal", target)
        if overlay:
            for file in (FIXTURES / "loading" / overlay).iterdir():  # an absolute Path overrides the base
                if file.is_dir():  # monitoring/
                    shutil.copytree(file, target / file.name, dirs_exist_ok=True)
                else:
                    shutil.copy(file, target / file.name)
        for name, content in files.items():
            path = target / f"{name}.yaml"
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return target

    return build


class GitRepo:
    """A throw-away git repository with its own identity, for reading revisions."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self("init", "--quiet", "--initial-branch=main")
        self("config", "user.name", "Test Editor")
        self("config", "user.email", "editor@example.org")
        self("config", "commit.gpgsign", "false")

    def __call__(self, *args: str) -> str:
        done = subprocess.run(["git", "-C", str(self.root), *args], capture_output=True, text=True, check=True)
        return done.stdout

    def commit_all(self, message: str) -> None:
        self("add", "--all")
        self("commit", "--quiet", "--message", message)

    def status(self) -> str:
        return self("status", "--porcelain", "--untracked-files=all")


@pytest.fixture
def git_repo(tmp_path: Path) -> GitRepo:
    return GitRepo(tmp_path / "repo")
