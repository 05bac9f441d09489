"""The findings of a report, told for people: what each concerns by code and title, ids as names,
numbers written the report's way."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from socstrat.lint.engine import StrategyReport
from socstrat.model import Figure, Indicator, KeyIndicator, Node, Service, Strategy
from socstrat.model.queries import iter_nodes, walk_models
from socstrat.render.report.framework import node_ref
from socstrat.render.report.views import FindingRow
from socstrat.render.text import grouped

_NOT_NUMBERS = frozenset({
    "code", "node_code", "parent_code", "expected", "previous", "year", "start", "end", "here", "there", "id",
    "since", "closed", "from", "to", "first", "last",
})
"""Message arguments that are codes, ordinals or years: printed as they are, never grouped."""
_NUMBER = re.compile(r"-?\d+(\.\d+)?")
_INDEX = re.compile(r"[^.\[\]]+|\[\d+\]")


def _names(strategy: Strategy, level_name: dict[str, str], directions: dict[str, str]) -> dict[str, str]:
    """A name for people per id: a node by its direction, level and code; a service, figure or indicator by its own words."""
    found: dict[str, str] = {}
    for node in iter_nodes(strategy.framework.nodes):
        ref = node_ref(node, level_name, directions)
        assert ref is not None
        found[node.id] = ref.label
    for value in walk_models(strategy):
        ident = getattr(value, "id", None)
        if not isinstance(ident, str) or ident in found:
            continue
        if isinstance(value, Service):
            found[ident] = f"№ {value.code} {value.name}" if value.code else value.name
        elif isinstance(value, Figure):
            found[ident] = value.label
        elif isinstance(value, (Indicator, KeyIndicator)):
            found[ident] = value.text
    return found


def _subject(strategy: Strategy, file: Path, path: str, names: dict[str, str]) -> str | None:
    """The node, service, figure or indicator a finding's path leads into (the innermost one), by code and title."""
    value: Any = getattr(strategy, file.stem, None)
    found: str | None = None
    for token in _INDEX.findall(path):
        if value is None:
            break
        if token.startswith("["):
            index = int(token[1:-1])
            value = value[index] if isinstance(value, list) and index < len(value) else None
        elif isinstance(value, dict):
            value = value.get(token, value.get(int(token)) if token.isdigit() else None)
        else:
            value = getattr(value, token, None)
        if isinstance(value, Node):
            found = f"{names[value.id]} {value.title}"
        elif isinstance(value, (Service, Figure, Indicator, KeyIndicator)):
            found = names.get(value.id)
        elif getattr(value, "objective", None) in names and isinstance(getattr(value, "objective", None), str):
            found = names[value.objective]  # a logframe row: its objective
    return found


def _for_people(value: Any, key: str, names: dict[str, str], lang: str) -> Any:
    """A message argument as a report prints it: an id as its name, a number the language's way."""
    if isinstance(value, str) and value in names:
        return names[value]
    if lang == "bg" and key not in _NOT_NUMBERS:
        if (isinstance(value, (int, float)) and not isinstance(value, bool)) or (isinstance(value, str) and _NUMBER.fullmatch(value)):
            return grouped(value, lang)
    return value


def finding_rows(
    validation: StrategyReport, strategy: Strategy, level_name: dict[str, str], directions: dict[str, str], lang: str
) -> list[FindingRow]:
    """Every finding told in the report's language, naming what it concerns; the file position stays for the editor."""
    root = Path(validation.path)
    names = _names(strategy, level_name, directions)
    files: dict[str, tuple[Path, Path]] = {}  # a strategy's findings are in a handful of files
    rows = []
    for d in validation.diagnostics:
        if d.file not in files:
            file = Path(d.file)
            files[d.file] = file, (file.relative_to(root) if file.is_relative_to(root) else file)
        file, where = files[d.file]
        told = d.model_copy(update={"args": {k: _for_people(v, k, names, lang) for k, v in d.args.items()}}) if d.message_id else d
        rows.append(
            FindingRow(
                severity=d.severity,
                code=d.code,
                subject=_subject(strategy, file, d.path, names),
                where=f"{where}:{d.line}:{d.column}",
                message=told.text(lang),
                acknowledged=d.acknowledged is not None,
            )
        )
    return rows


