"""Shared helpers: fixture strategies are copied to a temporary directory before use."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
DATA = Path(__file__).parent.parent / "data"


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
                shutil.copy(file, target / file.name)
        for name, content in files.items():
            path = target / f"{name}.yaml"
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return target

    return build
