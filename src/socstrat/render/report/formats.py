"""The report's output formats: self-contained HTML and GitHub-flavoured Markdown.

Jinja is imported only when a report is rendered, so listing the formats stays fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from socstrat.render.registry import Options, renderer

if TYPE_CHECKING:
    from socstrat.render.report.context import ReportContext


@dataclass(frozen=True)
class ReportInput:
    """What a report format renders: the computed context, and templates that replace the defaults."""

    context: ReportContext
    templates: Path | None = None


@renderer("report", "html")
def render_html(report: ReportInput, options: Options) -> str:
    from socstrat.render.report.context import render

    return render(report.context, "html", report.templates)


@renderer("report", "md")
def render_markdown(report: ReportInput, options: Options) -> str:
    from socstrat.render.report.context import render

    return render(report.context, "md", report.templates)
