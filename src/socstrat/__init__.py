"""socstrat: municipal social-services strategies as checked YAML data."""

from __future__ import annotations

from functools import cache


@cache
def _installed_version() -> str:
    # importlib.metadata scans every installed distribution (~50 ms); only --version, SARIF
    # and reports need the version, so it is read on first use, not when socstrat is imported.
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("socstrat")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0.0.0+unknown"


def __getattr__(name: str) -> str:
    """``socstrat.__version__``, computed when first asked for."""
    if name == "__version__":
        return _installed_version()
    raise AttributeError(f"module 'socstrat' has no attribute {name!r}")
