"""The annual plan's formats: JSON (language-neutral), Markdown, HTML, Word and Excel.

:func:`document` lays a :class:`~socstrat.analysis.plan.Plan` out once, worded in one
language, as headings, paragraphs and tables (:mod:`socstrat.render.document`); every
format but JSON writes that layout, so they show the same figures with the same marks.
A figure the source states for the plan's year is printed plain; any other figure
carries its mark (carried from a year, derived from a start year, n/a).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from socstrat.analysis.plan import NO_CATEGORY, NO_FINANCING, Plan, PlanActivity, PlanFigure, PlanNote, PlanTotal
from socstrat.i18n.catalog import labels_for
from socstrat.io.terminal import json_safe
from socstrat.render.document import Document, DocumentHeading, DocumentTable, Paragraph, to_docx, to_markdown
from socstrat.render.registry import Options, renderer
from socstrat.render.text import format_number, total_text

if TYPE_CHECKING:
    from socstrat.analysis.tables import TidyTable


@dataclass(frozen=True)
class PlanInput:
    """What a plan format renders: the plan, and templates that replace the defaults (HTML)."""

    plan: Plan
    templates: Path | None = None


# --- wording ---------------------------------------------------------------------------


def figure_text(figure: PlanFigure, lang: str) -> str:
    """A figure with its mark: plain when stated, else where it comes from; 'н.д.' when unknown."""
    t = labels_for(lang)
    value = t["plan.unknown"] if figure.value is None else format_number(figure.value, lang)
    mark = figure_mark(figure, lang)
    return f"{value} ({mark})" if mark else value


def figure_mark(figure: PlanFigure, lang: str) -> str:
    """Where a figure comes from, as its mark reads ('' when stated for the year and printed as the number)."""
    t = labels_for(lang)
    extra = []
    if figure.printed and (figure.value is None or figure.printed.strip(".") != str(figure.value)):
        extra.append(figure.printed)
    if figure.basis == "carried":
        extra.append(t["plan.basis.carried"].format(year=figure.year))
    elif figure.basis == "derived":
        extra.append(t["plan.basis.derived"].format(year=figure.year, start=figure.start_year))
    elif figure.basis == "none":
        extra.append(t["plan.basis.none"])
    return "; ".join(extra)


def _delta(value: int | None, lang: str) -> str:
    return "" if value is None else format_number(value, lang, signed=True)


def _optional(value: int | None, lang: str, unknown: int = 0) -> str:
    """A sum: its known part with the count of unknown services ("≥ 270, 6 н.д."), 'н.д.' when none is known."""
    return total_text(value, unknown, lang)


def note_text(note: PlanNote, lang: str) -> str:
    t = labels_for(lang)
    args = dict(note.args)
    if "figure" in args:
        args["figure"] = t[f"plan.figure.{args['figure']}"]
    if "years" in args:
        args["years"] = ", ".join(map(str, args["years"]))
    return t[f"plan.note.{note.code}"].format(**args)


def _group_name(key: str, by: str, lang: str) -> str:
    t = labels_for(lang)
    if by == "category":
        return t.get(f"group.category.{key}", key) if key != NO_CATEGORY else t["plan.no_financing"]
    return t["plan.no_financing"] if key == NO_FINANCING else key


# --- layout ----------------------------------------------------------------------------


def document(plan: Plan, lang: str) -> Document:
    """The plan laid out in ``lang``: services, totals, activities by direction, stages, carried forward, notes."""
    t = labels_for(lang)
    y, prev = plan.year, plan.previous_year
    blocks: list[DocumentHeading | Paragraph | DocumentTable] = []

    blocks.append(DocumentHeading(1, t["plan.section.services"].format(year=y), id="services"))
    services = DocumentTable(
        headers=[
            t["code"], t["service"], t["category"], t["plan.col.state"].format(year=y),
            t["plan.col.places"].format(year=y), t["plan.col.places"].format(year=prev), t["plan.col.delta"],
            t["plan.col.staff"].format(year=y), t["plan.col.financing"], t["plan.col.provider"], t["plan.col.location"],
        ],
        rows=[
            [
                s.code or "", s.name, t[f"category.{s.category}"], t[f"plan.state.{s.state}"],
                figure_text(s.places, lang), figure_text(s.places_previous, lang), _delta(s.places_delta, lang),
                figure_text(s.staff, lang),
                "\n".join(s.financing) or "\n".join(f"{f.financing}: {format_number(f.places, lang)}" for f in s.financing_places if f.financing != NO_FINANCING),
                s.provider or "", s.location or "",
            ]
            for s in plan.services
        ],
        numeric=[False, False, False, False, True, True, True, True, False, False, False],
        wide=True, sheet=t["plan.col.places"].format(year=y), id="plan-services",
    )
    blocks.append(services)

    blocks.append(DocumentHeading(1, t["plan.section.totals"], id="totals"))
    for by, groups in (("category", plan.totals.by_category), ("financing", plan.totals.by_financing)):
        caption = t[f"plan.by_{by}"]
        with_staff = by == "category"
        headers = [
            t["plan.col.group"], t["plan.col.services_count"], t["plan.col.places"].format(year=y),
            t["plan.col.places"].format(year=prev), t["plan.col.delta"], t["plan.col.unknown"].format(year=y),
        ]
        if with_staff:
            headers += [t["plan.col.staff"].format(year=y), t["plan.col.staff"].format(year=prev)]

        def cells(total: PlanTotal, name: str, staff: bool = with_staff) -> list[str]:
            row = [
                name, format_number(total.services, lang), _optional(total.places, lang, total.places_unknown),
                _optional(total.places_previous, lang, total.places_previous_unknown),
                _delta(total.places_delta, lang), format_number(total.places_unknown, lang),
            ]
            if staff:
                row += [_optional(total.staff, lang, total.staff_unknown), _optional(total.staff_previous, lang, total.staff_previous_unknown)]
            return row

        rows = [cells(g, _group_name(g.key, by, lang)) for g in groups]
        strong: set[int] = set()
        if with_staff:
            strong.add(len(rows))
            rows.append(cells(plan.totals.total, t["plan.total"]))
        blocks.append(DocumentTable(headers=headers, rows=rows, caption=caption, numeric=[False] + [True] * (len(headers) - 1),
                            strong_rows=strong, sheet=caption, id=f"plan-totals-{by}"))

    blocks.append(DocumentHeading(1, t["plan.section.activities"].format(year=y), id="activities"))
    names = {s.id: s.name for s in plan.services}
    for direction in plan.directions:
        d = direction.direction
        blocks.append(DocumentHeading(2, f"{d.code}. {d.title}" if d.code else d.title, id=f"direction-{d.id}", numbered=not d.code))
        by_parents: dict[tuple[str, ...], list[PlanActivity]] = {}
        for activity in direction.activities:
            by_parents.setdefault(tuple(p.id for p in activity.parents), []).append(activity)
        shown: list[str] = []
        for n, activities in enumerate(by_parents.values()):
            parents = activities[0].parents
            for depth, parent in enumerate(parents):
                if depth < len(shown) and shown[depth] == parent.id:
                    continue
                shown[depth:] = [parent.id]
                text = f"{parent.code} {parent.title}" if parent.code else parent.title
                blocks.append(DocumentHeading(min(3 + depth, 5), text, id=f"under-{d.id}-{parent.id}", numbered=not parent.code))
            blocks.append(DocumentTable(
                headers=[t["plan.col.activity"], t["period"], t["responsible"], t["plan.col.services"]],
                rows=[
                    [
                        f"{a.code} {a.title}" if a.code else a.title,
                        f"{a.period['start']}–{a.period['end']}",
                        "\n".join(a.responsible) or t["plan.no_responsible"],
                        "\n".join(names.get(s, s) for s in a.services),
                    ]
                    for a in activities
                ],
                id=f"plan-activities-{d.id}-{n + 1}",
            ))

    blocks.append(DocumentHeading(1, t["plan.section.stages"].format(year=y), id="stages"))
    if plan.stages:
        blocks.append(DocumentTable(
            headers=[t["stage"], t["period"], t["activities"], t["responsible"]],
            rows=[[st.name or "…", "\n".join(filter(None, (st.period, st.period_part))), "\n".join(st.activities), "\n".join(st.responsible)] for st in plan.stages],
            sheet=t["stage"], id="plan-stages",
        ))
    else:
        blocks.append(Paragraph(t["plan.no_stages"], "note"))

    blocks.append(DocumentHeading(1, t["plan.section.carried"].format(year=prev), id="carried"))
    if plan.carried_forward:
        blocks.append(DocumentTable(
            headers=[t["service"], t["status"], t["period"]],
            rows=[[c.name, c.status, str(c.from_year)] for c in plan.carried_forward], id="plan-carried",
        ))
    else:
        blocks.append(Paragraph(t["plan.no_carried"].format(year=prev), "note"))

    blocks.append(DocumentHeading(1, t["plan.section.notes"], id="notes"))
    blocks += [Paragraph(note_text(n, lang), "bullet") for n in plan.notes]

    return Document(
        title=t["plan.title"].format(year=y),
        subtitle=[t["plan.subtitle"].format(municipality=plan.municipality, title=plan.title)],
        lang=lang, blocks=blocks, contents_label=t["contents"], page_label=t["plan.page"],
        toc_hint=t["plan.toc_hint"], running_header=f"{plan.municipality}: {t['plan.title'].format(year=y)}",
    )


# --- formats ---------------------------------------------------------------------------


@renderer("plan", "html")
def render_html(plan: PlanInput, options: Options) -> str:
    return render_page(document(plan.plan, options.lang), "plan.html.j2", plan.templates)


def render_page(doc: Document, template: str, templates: Path | None = None) -> str:
    """A laid-out document through an HTML template of the report's environment (autoescaped, abbreviations marked)."""
    from socstrat.render.report.environment import render_template

    return render_template("html", "en" if doc.lang == "en" else "bg", template, templates, d=doc)


@renderer("plan", "md")
def render_markdown(plan: PlanInput, options: Options) -> str:
    return to_markdown(document(plan.plan, options.lang))


@renderer("plan", "json")
def render_json(plan: PlanInput, options: Options) -> str:
    """The same bytes in every language: keys, codes, numbers and the data's own text."""
    return json_safe(json.dumps(plan.plan.model_dump(mode="json"), ensure_ascii=False, indent=2)) + "\n"


@renderer("plan", "docx")
def render_docx(plan: PlanInput, options: Options) -> bytes:
    return to_docx(document(plan.plan, options.lang))


@renderer("plan", "xlsx")
def render_xlsx(plan: PlanInput, options: Options) -> bytes:
    """The plan's workbook through the one XLSX writer: a sheet about the file, then services, totals and
    activities, each figure a number with where it comes from in the column beside it."""
    from socstrat import __version__
    from socstrat.render import tables

    p = plan.plan
    about = tables.About(
        strategy=p.strategy, title=labels_for(options.lang)["plan.title"].format(year=p.year), version=__version__,
        generated=tables.generation_date(), lines=[("municipality", p.municipality), ("period", f"{p.period['start']}–{p.period['end']}")],
    )
    return tables.xlsx_bytes(plan_tables(p, options.lang), about, lang=options.lang, header_args={"year": p.year, "prev": p.previous_year})


def plan_tables(plan: Plan, lang: str) -> list[TidyTable]:
    """The plan as tidy tables for a workbook; the figures are the plan's, their marks worded in ``lang``."""
    from socstrat.analysis.tables import Column, TidyTable

    def text(key: str, codes: str | None = None) -> Column:
        return Column(key, "string", "text", codes)

    def whole(key: str) -> Column:
        return Column(key, "integer", "integer")

    def year(key: str) -> Column:
        return Column(key, "integer", "year")

    names = {s.id: s.name for s in plan.services}
    services = TidyTable("plan_services", [
        text("code"), text("name"), text("category", "category"), text("plan_state", "plan.state"),
        whole("plan_places"), text("plan_places_basis"), whole("plan_places_previous"), text("plan_places_previous_basis"),
        whole("plan_places_delta"), whole("plan_staff"), text("plan_staff_basis"),
        text("financing"), text("provider"), text("location"), text("src"),
    ], ("code",), rows=[
        {
            "code": s.code, "name": s.name, "category": s.category, "plan_state": s.state,
            "plan_places": s.places.value, "plan_places_basis": figure_mark(s.places, lang) or None,
            "plan_places_previous": s.places_previous.value, "plan_places_previous_basis": figure_mark(s.places_previous, lang) or None,
            "plan_places_delta": s.places_delta, "plan_staff": s.staff.value, "plan_staff_basis": figure_mark(s.staff, lang) or None,
            "financing": "; ".join(s.financing) or None, "provider": s.provider, "location": s.location, "src": s.src,
        }
        for s in plan.services
    ])
    totals = TidyTable("plan_totals", [
        text("plan_by"), text("group"), whole("plan_services_count"), whole("plan_places"), whole("plan_places_previous"),
        whole("plan_places_delta"), whole("plan_places_unknown"), whole("plan_staff"), whole("plan_staff_previous"),
    ], ("plan_by", "group"), rows=[
        {
            "plan_by": labels_for(lang)[f"plan.by_{by}"], "group": name,
            "plan_services_count": total.services, "plan_places": total.places, "plan_places_previous": total.places_previous,
            "plan_places_delta": total.places_delta, "plan_places_unknown": total.places_unknown,
            "plan_staff": total.staff, "plan_staff_previous": total.staff_previous,
        }
        for by, groups in (("category", plan.totals.by_category), ("financing", plan.totals.by_financing))
        for total, name in [*((g, _group_name(g.key, by, lang)) for g in groups), *([(plan.totals.total, labels_for(lang)["plan.total"])] if by == "category" else [])]
    ])
    activities = TidyTable("plan_activities", [
        text("plan_direction"), text("code"), text("title"), text("plan_under"), year("plan_start"), year("plan_end"),
        text("responsible"), text("services"), text("src"),
    ], ("code",), rows=[
        {
            "plan_direction": f"{d.direction.code}. {d.direction.title}" if d.direction.code else d.direction.title,
            "code": a.code, "title": a.title,
            "plan_under": "\n".join(f"{x.code} {x.title}" if x.code else x.title for x in a.parents) or None,
            "plan_start": a.period["start"], "plan_end": a.period["end"],
            "responsible": "; ".join(a.responsible) or None, "services": "; ".join(names.get(x, x) for x in a.services) or None,
            "src": a.src,
        }
        for d in plan.directions for a in d.activities
    ])
    return [services, totals, activities]
