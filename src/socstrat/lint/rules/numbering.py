"""The source's own numbering: codes are kept as printed, and their defects reported."""

from __future__ import annotations

import re
from collections.abc import Iterator

from socstrat.lint.registry import Finding, rule
from socstrat.model import Node, Strategy
from socstrat.model.queries import index_of, level


def siblings(strategy: Strategy) -> Iterator[tuple[Node | None, list[Node]]]:
    """Each parent (None for the top) with its children."""
    yield None, strategy.framework.nodes
    for node in index_of(strategy).nodes:
        if node.children:
            yield node, node.children


def last_number(code: str) -> int | None:
    match = re.search(r"(\d+)\.?$", code.strip())
    return int(match.group(1)) if match else None


def level_term(strategy: Strategy, key: str) -> dict[str, str]:
    """A level's name in both languages, lower-cased for use inside a sentence."""
    found = level(strategy, key)
    if found is None:
        return {"bg": key, "en": key}
    return {"bg": found.name.lower(), "en": (found.name_en or found.name).lower()}


@rule("R003", "duplicate-code", "warning", "A source code appears twice on one level under the same parent.")
def check_duplicate_codes(strategy: Strategy) -> Iterator[Finding]:
    """The source's numbering is kept as printed; a duplicate is a defect of the source that readers should know about."""
    for parent, children in siblings(strategy):
        seen: dict[tuple[str, str], Node] = {}
        for child in children:
            if child.code is None:
                continue
            key = (child.level, child.code.rstrip("."))
            if key in seen:
                yield Finding(
                    code="R003", entity=child.id, loc=("code",),
                    message="R003.under" if parent else "R003.top",
                    args={"level": level_term(strategy, child.level), "code": child.code,
                          "parent": parent.id if parent else "", "other": seen[key].id},
                )
            else:
                seen[key] = child


@rule("R004", "code-not-extending-parent", "warning",
      "A child's code does not extend its parent's code (activity 2.1.3.1 belongs under measure 2.1.3).")
def check_code_extends_parent(strategy: Strategy) -> Iterator[Finding]:
    """A code that does not match its parent usually means an entity was filed under the wrong parent,
    in the source or in the transcription."""
    for parent, children in siblings(strategy):
        if parent is None or parent.code is None:
            continue
        parent_code = parent.code.rstrip(".")
        for child in children:
            if child.code is None or "." not in child.code.rstrip("."):
                continue
            prefix = child.code.rstrip(".").rsplit(".", 1)[0]
            if prefix != parent_code and not parent_code.endswith(prefix):
                yield Finding(code="R004", entity=child.id, loc=("code",), message="R004",
                              args={"code": child.code, "parent_code": parent.code, "parent": parent.id})


@rule("R005", "numbering-break", "warning", "Sibling codes restart or skip (1, 1, 1, 6 …).")
def check_code_sequence(strategy: Strategy) -> Iterator[Finding]:
    """Broken numbering makes cross-references in the text ambiguous; it is reported so that it is
    a known defect, not a silent one. Sibling codes should count 1, 2, 3 …, and so should the
    monitoring items of each goal."""
    for _parent, children in siblings(strategy):
        yield from _sequence_breaks([(c.id, c.code) for c in children if c.code is not None], "code")
    by_goal: dict[str, list[tuple[str, str]]] = {}
    for group in strategy.implementation.monitoring_indicators:
        if group.code:
            by_goal.setdefault(group.goal, []).append((group.id, group.code))
    for items in by_goal.values():
        yield from _sequence_breaks(items, "item")


def _sequence_breaks(items: list[tuple[str, str]], what: str) -> Iterator[Finding]:
    previous: int | None = None
    for ident, code in items:
        number = last_number(code)
        if number is None:
            continue
        expected = 1 if previous is None else previous + 1
        if number != expected:
            yield Finding(code="R005", entity=ident, loc=("code",),
                          message=f"R005.{what}" + (".start" if previous is None else ""),
                          args={"code": code, "expected": expected, "previous": previous if previous is not None else ""})
        previous = number
