"""Shared helpers: the bundled strategies opened once per session, fixture strategies copied to a
temporary directory, and throw-away git repositories."""

from __future__ import annotations

import functools
import shutil
import subprocess
from pathlib import Path

import pytest

from socstrat.api import Opened, open_strategy

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
DATA = ROOT / "data"
BUNDLED = ("haskovo-2016-2020", "kazanlak-2007-2009")


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
