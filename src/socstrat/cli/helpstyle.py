"""Help text that reads like git's or ruff's: ``validate [OPTIONS] PATH...``, ``--from YEAR``.

typer 0.29 writes Python types into plain help (``{paths}...``, ``<list[Path]>``,
``<int>``), which looks like an accepted value and made ``--strict true DIR`` read as
plausible. This module sets the display of arguments and options once, for every command:
an argument shows its metavar (or its name in capitals) and no type; an option that takes
a value shows its metavar (or its name in capitals), or its choices; a flag shows nothing.
"""

from __future__ import annotations

from typing import Any

import typer.core


def _argument_name(self: typer.core.TyperArgument) -> str:
    name = self.metavar or (self.name or "").upper()
    if self.nargs != 1 and not name.endswith("..."):
        name += "..."
    return name


def _argument_usage(self: typer.core.TyperArgument) -> str:
    name = _argument_name(self)
    return name if self.required else f"[{name}]"


def _option_type(self: typer.core.TyperOption, ctx: Any) -> str:
    if self.metavar:
        return self.metavar
    desc = self.type_descriptor
    if desc.is_choice:
        return "[" + "|".join(str(getattr(c, "value", c)) for c in desc.choices or ()) + "]"
    return (self.name or "").upper()


def apply() -> None:
    typer.core.TyperArgument._rich_display_name = _argument_name  # type: ignore[method-assign]
    typer.core.TyperArgument._usage_display_name = _argument_usage  # type: ignore[method-assign]
    typer.core.TyperArgument.display_type_rich = lambda self, ctx: None  # type: ignore[method-assign]
    typer.core.TyperOption.display_type_rich = _option_type  # type: ignore[method-assign]
