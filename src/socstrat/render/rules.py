"""Render the rule registry: a terminal list, the generated docs page, or JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence

from socstrat.lint.registry import Rule, rules_markdown
from socstrat.render.registry import Options, renderer


@renderer("rules", "text")
def render_text(rules: Sequence[Rule], options: Options) -> str:
    return "".join(f"{r.code}  {r.severity:<7}  {r.name}: {r.summary}\n" for r in rules)


@renderer("rules", "md")
def render_markdown(rules: Sequence[Rule], options: Options) -> str:
    return rules_markdown(rules)


@renderer("rules", "json")
def render_json(rules: Sequence[Rule], options: Options) -> str:
    rows = [{"code": r.code, "name": r.name, "severity": r.severity, "summary": r.summary, "rationale": r.rationale} for r in rules]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
