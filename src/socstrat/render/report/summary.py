"""The short Markdown report for a pull-request comment, cut to fit GitHub's limit."""

from __future__ import annotations

from pathlib import Path

import jinja2

from socstrat.i18n.catalog import labels_for
from socstrat.render.report.environment import environment, template_error
from socstrat.render.report.views import ReportContext

GITHUB_COMMENT_LIMIT = 65_536
"""GitHub refuses a pull-request comment longer than this many characters."""
SUMMARY_FINDINGS = 10
"""The most findings a summary lists: errors first, then warnings, then notes."""


def render_summary(context: ReportContext, templates: Path | None = None, limit: int = GITHUB_COMMENT_LIMIT) -> str:
    """A short Markdown report for a pull-request comment: the summary, the headline deltas, the validation
    status and the top findings; findings are dropped from the end until the text fits in ``limit`` characters."""
    order = {"error": 0, "warning": 1, "info": 2}
    ranked = sorted(context.findings, key=lambda f: (order.get(f.severity, 3), f.acknowledged))
    shown = min(SUMMARY_FINDINGS, len(ranked))
    try:
        template = environment("md", context.lang, templates).get_template("summary.md.j2")
        while True:
            text = template.render(r=context, t=labels_for(context.lang), findings=ranked[:shown], more=len(ranked) - shown)
            if len(text) < limit or shown == 0:
                break
            shown = max(0, shown - max(1, shown // 2))
    except jinja2.TemplateError as exc:
        raise template_error(exc) from exc
    if len(text) >= limit:  # the summary itself is too long for a comment: cut it, and say so
        cut = labels_for(context.lang)["summary_cut"]
        text = text[: limit - len(cut) - 3] + "\n" + cut + "\n"
    return text
