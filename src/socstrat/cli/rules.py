"""``socstrat rules``."""

from __future__ import annotations

from typing import Annotated

import typer

from socstrat.cli.common import chosen, default_format, emit, format_choices

RulesFormat = format_choices("rules")


def rules(
    format: Annotated[RulesFormat, typer.Option("--format", "-f", help="Output format; md is docs/rules.md.")] = default_format("rules"),  # type: ignore[valid-type]
) -> None:
    """List every rule: code, default severity and what it reports.

    Example: socstrat rules --format md > docs/rules.md
    """
    from socstrat.lint.registry import all_rules
    from socstrat.render import registry

    emit("rules", "rules", chosen(format), all_rules(), registry.Options(), None, "rules")
