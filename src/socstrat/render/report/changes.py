"""The deltas as a report shows them: the summary's headlines, the institutional share, each view's table and charts.

The numbers are :func:`socstrat.analysis.deltas.compute_deltas`'s, with unknowns as
:mod:`socstrat.analysis.figures` decided; this module only puts them into words.
"""

from __future__ import annotations

from collections.abc import Mapping

from socstrat.analysis.deltas import (
    DeltaReport,
    DeltaRow,
    DeltasError,
    NoFigures,
    YearNotFound,
)
from socstrat.analysis.figures import Ratio
from socstrat.render.deltas import Line, cell_text, format_value, group_name, note_texts, total_line
from socstrat.render.deltas import columns as delta_columns
from socstrat.render.deltas import headers as delta_headers
from socstrat.render.deltas import sections as delta_sections
from socstrat.render.report.charts import BarChart, bar_chart
from socstrat.render.report.views import DeltaLine, DeltaSection, DeltaTable, DeltaView, Headline
from socstrat.render.text import format_number, total_text, withheld_reason


def headlines(deltas: dict[str, DeltaReport | DeltasError], labels: Mapping[str, str], lang: str) -> list[Headline]:
    """Capacity and institutional share from the register; staff from the staffing table when there is one.

    Each is what :mod:`socstrat.analysis.figures` decided for the deltas: a sum is its known
    part with the count of unknown rows, a change is like for like, a share past the
    threshold is 'н.д.' with its reason.
    """
    register, table = deltas["services"], deltas["staffing"]
    headlines = []
    if isinstance(register, DeltaReport):
        headlines.append(_headline(register, labels["capacity_total"], "capacity", labels, lang))
    staff = table if isinstance(table, DeltaReport) else register
    if isinstance(staff, DeltaReport) and any(row.staff_from is not None or row.staff_to is not None for row in staff.rows):
        headlines.append(_headline(staff, labels["staff_total"], "staff", labels, lang))
    if isinstance(register, DeltaReport):
        headlines.append(_share_headline(register, labels, lang))
    return headlines


def _ends(report: DeltaReport) -> list[tuple[str, int]]:
    return [("from", report.from_year)] if report.snapshot else [("from", report.from_year), ("to", report.to_year)]


def _missing(report: DeltaReport, what: str, labels: Mapping[str, str], lang: str) -> str | None:
    """The note on unknown inputs of a headline: the total's count of rows without the figure, of all rows."""
    counts = []
    for end, year in _ends(report):
        unknown = getattr(report.total, f"{what}_{end}_unknown")
        if unknown:
            counts.append(labels["unknown_in_year"].format(year=year, counted=_unknown_of(unknown, len(report.rows), labels, lang)))
    return labels["headline_unknown"].format(counts="; ".join(counts)) if counts else None


def _headline(report: DeltaReport, label: str, what: str, labels: Mapping[str, str], lang: str) -> Headline:
    total = report.total
    shown = [total_text(getattr(total, f"{what}_{end}"), getattr(total, f"{what}_{end}_unknown"), lang) for end in ("from", "to")]
    delta = getattr(total, f"{what}_delta")
    change = None
    if not report.snapshot and delta is not None:
        change = format_value(delta, "delta", lang)
        if what == "capacity" and total.capacity_relative is not None:
            change += f" ({format_value(total.capacity_relative, 'percent', lang)})"
        left_out = getattr(total, f"{what}_delta_left_out")
        if left_out:
            change += "; " + labels["headline_like_for_like"].format(count=format_number(left_out, lang))
    return Headline(label=label, value=_span(report, *shown), change=change, note=_missing(report, what, labels, lang))


def _unknown_of(unknown: int, total: int, labels: Mapping[str, str], lang: str) -> str:
    return labels["unknown_of"].format(unknown=format_number(unknown, lang), total=format_number(total, lang))


def _share_headline(report: DeltaReport, labels: Mapping[str, str], lang: str) -> Headline:
    share = report.institutional_share
    reasons = [
        labels["unknown_in_year"].format(year=year, counted=withheld_reason(basis.withheld, lang, rows=basis.rows, unknown=basis.unknown, threshold=basis.threshold))
        for (_, year), basis in zip(_ends(report), (share.from_basis, share.to_basis))
        if basis.withheld is not None
    ]
    return Headline(
        label=labels["institutional_share"],
        value=_span(report, *_share_values(report, lang)),
        change=None if report.snapshot or share.from_ is None or share.to is None
        else f"{format_number((share.to - share.from_) * 100, lang, digits=1, signed=True)} {labels['percentage_points']}",
        note="; ".join(reasons) or None,
    )


def _share_values(report: DeltaReport, lang: str) -> list[str]:
    """The share at both ends, 'н.д.' where it is withheld."""
    share = report.institutional_share
    return [format_number(value, lang, percent=True) for value in (share.from_, share.to)]


def _share_sentence(report: DeltaReport, labels: Mapping[str, str], lang: str) -> str:
    before, after = _share_values(report, lang)
    key = "deltas.share_snapshot" if report.snapshot else "deltas.share"
    return labels[key].format(**{"from": report.from_year, "to": report.to_year}, from_share=before, to_share=after)


def _basis(report: DeltaReport, end: str) -> Ratio:
    """What the institutional share of one end rests on: its rows, how many are unknown, the known sums it divides."""
    return report.institutional_share.from_basis if end == "from" else report.institutional_share.to_basis


def _share_basis(report: DeltaReport, labels: Mapping[str, str], lang: str) -> str:
    """What the share is computed from: rows, places in institutions and the places it is a share of."""
    parts = []
    for end, year in _ends(report):
        basis = _basis(report, end)
        parts.append(
            labels["share_basis.year"].format(
                year=year, inside=format_number(basis.numerator or 0, lang), base=format_number(basis.denominator or 0, lang),
                unknown=labels["share_basis.unknown"].format(counted=_unknown_of(basis.unknown, basis.rows, labels, lang)) if basis.unknown else "",
            )
        )
    return labels[f"share_basis.{report.view}"].format(rows=format_number(_basis(report, "from").rows, lang), years="; ".join(parts))


def shares_differ(deltas: dict[str, DeltaReport | DeltasError], labels: Mapping[str, str], lang: str) -> str | None:
    """Why the register's and the staffing table's institutional shares differ, when the report shows both."""
    register, table = deltas["services"], deltas["staffing"]
    if not (isinstance(register, DeltaReport) and isinstance(table, DeltaReport)):
        return None
    if _share_values(register, lang) == _share_values(table, lang):
        return None
    year = register.from_year if register.from_year == table.from_year else None
    return labels["shares_differ"].format(
        register_rows=format_number(_basis(register, "from").rows, lang),
        table_rows=format_number(_basis(table, "from").rows, lang),
        year=year if year is not None else f"{register.from_year}/{table.from_year}",
        register_base=format_number(_basis(register, "from").denominator or 0, lang),
        table_base=format_number(_basis(table, "from").denominator or 0, lang),
    )


def _span(report: DeltaReport, before: str, after: str) -> str:
    if report.snapshot:
        return f"{before} ({report.from_year})"
    return f"{before} ({report.from_year}) → {after} ({report.to_year})"


def delta_view(view: str, report: DeltaReport | DeltasError, name: str, labels: Mapping[str, str], lang: str) -> DeltaView:
    title = labels[f"deltas_view_{view}"]
    if isinstance(report, DeltasError):
        return DeltaView(view=view, title=title, table=None, unavailable=_unavailable(report, view, labels))
    cols = delta_columns(report)

    def line(printed: Line) -> DeltaLine:
        """A row, a group's subtotal or the total, its cells as every format prints them (:func:`~socstrat.render.deltas.cell_text`)."""
        cells = [cell_text(report, printed, key, kind, lang) for key, kind in cols]
        return DeltaLine(level=printed.level, id=printed.cells.get("id") if printed.level == "row" else None, cells=cells)

    return DeltaView(
        view=view,
        title=title,
        unavailable=None,
        table=DeltaTable(
            view=view,
            title=f"{_caption(report, name, labels)} — {title}",
            headers=delta_headers(report, lang),
            numeric=[kind not in ("text", "change") for _, kind in cols],
            sections=[DeltaSection(group=sec.group, lines=[line(x) for x in sec.lines]) for sec in delta_sections(report, lang)],
            total=line(total_line(report, lang)),
            share=_share_sentence(report, labels, lang),
            share_basis=_share_basis(report, labels, lang),
            notes=note_texts(report, lang),
            charts=_delta_charts(report, labels, lang),
        ),
    )


def _caption(report: DeltaReport, name: str, labels: Mapping[str, str]) -> str:
    """The deltas title of ``socstrat deltas`` with the strategy's title for its id (a slug is for files, not readers)."""
    key = "deltas.title_snapshot" if report.snapshot else "deltas.title"
    return labels[key].format(strategy=name, **{"from": report.from_year, "to": report.to_year})


def _unavailable(error: DeltasError, view: str, labels: Mapping[str, str]) -> str:
    """Why a view has no table, in the report's language."""
    if isinstance(error, YearNotFound):
        return labels["no_year"].format(year=error.year, years=", ".join(map(str, error.available)))
    if isinstance(error, NoFigures):
        return labels[f"no_figures_{view}"]
    return str(error)


def _delta_charts(report: DeltaReport, labels: Mapping[str, str], lang: str) -> list[BarChart]:
    """Capacity and staff, per row and per group, before and after; a single year shows one bar."""
    before = str(report.from_year)
    after = None if report.snapshot else str(report.to_year)
    charts = []
    for what in ("capacity", "staff"):
        for per, items in (("row", report.rows), ("group", report.groups)):
            rows = [
                (item.name if isinstance(item, DeltaRow) else group_name(report, item, lang), getattr(item, f"{what}_from"), None if after is None else getattr(item, f"{what}_to"))
                for item in items
            ]
            texts = [
                (None, None) if isinstance(item, DeltaRow) else tuple(
                    total_text(getattr(item, f"{what}_{end}"), getattr(item, f"{what}_{end}_unknown"), lang) for end in ("from", "to")
                )
                for item in items
            ]
            kept = [i for i, (_, a, b) in enumerate(rows) if a is not None or b is not None]
            if kept:
                title = labels[f"chart_{what}_per_{per}"]
                charts.append(bar_chart(
                    f"chart-{report.view}-{what}-{per}", title, [rows[i] for i in kept], before, after, lang, [texts[i] for i in kept],  # type: ignore[misc]
                ))
    return charts


