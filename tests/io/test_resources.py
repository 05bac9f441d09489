"""Templates and data files are found from a checkout and shipped inside a non-editable wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import ROOT
from socstrat.io.resources import templates_dir


def test_templates_found_from_checkout() -> None:
    assert templates_dir() == ROOT / "templates"
    assert (templates_dir() / "README.md").is_file()


def test_wheel_ships_templates(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(tmp_path), str(ROOT)],
        check=True,
    )
    (wheel,) = tmp_path.glob("socstrat-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "socstrat/templates/README.md" in names
    assert "socstrat/io/resources.py" in names
    assert "socstrat/lint/municipalities.yaml" in names
    assert "socstrat/lint/municipalities.json" in names
