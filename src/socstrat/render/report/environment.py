"""The Jinja environment of the reports and plans, and the strategy report's text from its context.

The default templates are in ``templates/`` (see :func:`socstrat.io.resources.templates_dir`); a
directory given with ``--templates`` overrides any of them by name. HTML is autoescaped; the
Markdown environment escapes every value with :func:`~socstrat.render.text.escape_markdown`.
"""

from __future__ import annotations

from functools import cache, lru_cache, partial
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from socstrat.i18n.catalog import Lang, labels_for
from socstrat.io.resources import templates_dir
from socstrat.render.document import DocumentTable
from socstrat.render.report.abbreviations import mark_abbreviations
from socstrat.render.report.views import ReportContext, ReportError, TemplateFormat
from socstrat.render.text import escape_markdown, grouped, human_date, markdown_lines


def css_string(text: object) -> Markup:
    """``text`` as a quoted CSS string (for ``content:`` in the print CSS): letters, digits and plain
    punctuation as they are, every other character as a CSS escape, so data can neither end the string
    nor the ``<style>`` element."""
    safe = " .,:;–—()/-_№"
    return Markup('"' + "".join(c if c.isalnum() or c in safe else f"\\{ord(c):x} " for c in str(text)) + '"')


def marked_lines(text: str, lang: str) -> Markup:
    """A multi-line cell: each line with its abbreviations marked, joined by ``<br>``."""
    return Markup("<br>").join(mark_abbreviations(line, lang) for line in text.split("\n"))


def table_rows(table: DocumentTable, lang: str) -> Markup:
    """The body rows of a laid-out table (a plan's): the first cell a row header, numbers right-aligned with a
    qualifier ("12 (от 2018 г.)") on its own line, abbreviations marked, a total row marked. Written here rather
    than as a template loop: Jinja's per-cell work cost more than the rest of a plan page."""
    numeric = [table.is_numeric(i) for i in range(max((len(row) for row in table.rows), default=0))]
    strong = set(table.strong_rows)
    out = []
    for r, row in enumerate(table.rows):
        out.append('<tr class="total">\n' if r in strong else "<tr>\n")
        out += [_table_cell(cell, c == 0, numeric[c], lang) for c, cell in enumerate(row)]
        out.append("</tr>\n")
    return Markup("".join(out))


@lru_cache(maxsize=4096)
def _table_cell(cell: str, first: bool, numeric: bool, lang: str) -> str:
    """One cell of :func:`table_rows`, cached: a plan's cells recur in every year and both languages."""
    if first:
        return f'<th scope="row">{mark_abbreviations(cell, lang)}</th>'
    if numeric and " (" in cell:
        number, qualifier = cell.split(" (", 1)
        return f'<td class="num">{escape(number)}<br><span class="qualifier">({mark_abbreviations(qualifier, lang)}</span></td>'
    return f'<td class="num">{marked_lines(cell, lang)}</td>' if numeric else f"<td>{marked_lines(cell, lang)}</td>"


@cache
def environment(format: TemplateFormat, lang: Lang, templates: Path | None = None) -> jinja2.Environment:
    """A Jinja environment for one format: HTML autoescaped, Markdown escaped by ``finalize``.

    One per format, language and template directory in a process, so its compiled templates
    are reused (a site renders hundreds of reports and plans), and not checked on disk again
    for every include of every report: templates do not change while socstrat runs.

    ``templates`` comes first on the search path, so a file there replaces the default
    of the same name and every other template still comes from the defaults.
    """
    paths = [str(templates)] if templates else []
    paths.append(str(templates_dir()))
    options: dict[str, Any] = dict(
        loader=jinja2.FileSystemLoader(paths),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    if format == "html":
        env = jinja2.Environment(autoescape=True, **options)
        env.filters["a"] = partial(mark_abbreviations, lang=lang)
        env.filters["css_string"] = css_string
        env.filters["table_rows"] = partial(table_rows, lang=lang)
    else:
        env = jinja2.Environment(autoescape=False, finalize=escape_markdown, **options)
        env.filters["lines"] = markdown_lines
    env.filters["num"] = lambda value, kind=None: grouped(value, lang, kind)
    env.filters["date"] = partial(human_date, lang=lang)
    return env


def render_template(format: TemplateFormat, lang: Lang, name: str, templates: Path | None = None, **values: Any) -> str:
    """Template ``name`` of ``format``'s environment with ``values`` and the labels of ``lang`` as ``t``.

    A broken or missing template raises :class:`ReportError`, naming the file and line of a syntax error.
    """
    try:
        return environment(format, lang, templates).get_template(name).render(t=labels_for(lang), **values)
    except jinja2.TemplateError as exc:
        raise template_error(exc) from exc


def template_error(exc: jinja2.TemplateError) -> ReportError:
    """A template's failure as a one-line :class:`ReportError`: ``template FILE:LINE: message`` for a syntax error."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return ReportError(f"template {exc.filename or exc.name}:{exc.lineno}: {exc.message}")
    return ReportError(f"template error: {exc}")


def render(context: ReportContext, format: TemplateFormat, templates: Path | None = None) -> str:
    """The strategy report's text."""
    return render_template(format, context.lang, f"report.{format}.j2", templates, r=context)
