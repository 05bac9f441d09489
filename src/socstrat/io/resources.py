"""Where the packaged report templates are, in a checkout and in an installed wheel."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def templates_dir() -> Path:
    """The default templates: inside the package when installed from a wheel
    (``pyproject.toml`` force-includes ``templates/`` as ``socstrat/templates``),
    else ``templates/`` at the root of a source checkout or editable install."""
    installed = PACKAGE_DIR / "templates"
    if installed.is_dir():
        return installed
    return PACKAGE_DIR.parent.parent / "templates"
