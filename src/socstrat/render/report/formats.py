"""The report's output formats: self-contained HTML, GitHub-flavoured Markdown and Word (.docx).

Jinja is imported only when a report is rendered, so listing the formats stays fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from socstrat.render.registry import Options, renderer

if TYPE_CHECKING:
    from socstrat.render.report.views import ReportContext


@dataclass(frozen=True)
class ReportInput:
    """What a report format renders: the computed context, and templates that replace the defaults."""

    context: ReportContext
    templates: Path | None = None


@renderer("report", "html")
def render_html(report: ReportInput, options: Options) -> str:
    from socstrat.render.report.environment import render

    return render(report.context, "html", report.templates)


@renderer("report", "docx")
def render_docx(report: ReportInput, options: Options) -> bytes:
    from socstrat.render.document import to_docx
    from socstrat.render.report.document import report_document

    return to_docx(report_document(report.context))


@renderer("report", "md")
def render_markdown(report: ReportInput, options: Options) -> str:
    from socstrat.render.report.environment import render

    return render(report.context, "md", report.templates)


@renderer("summary", "md")
def render_summary(report: ReportInput, options: Options) -> str:
    """The short Markdown summary (``report --summary``) that fits a GitHub comment."""
    from socstrat.render.report.summary import render_summary as summary

    return summary(report.context, report.templates)
