"""socstrat: municipal social-services strategies as checked YAML data."""

__version__ = "0.1.0"
"""The one place the version is written; the build reads it from here (``[tool.hatch.version]``),
so ``socstrat --version`` needs no scan of the installed distributions."""
